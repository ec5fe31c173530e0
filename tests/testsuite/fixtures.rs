//! Runs the real binary on every fixture tree.
//!
//! - `tests/fixtures/valid/<case>/`: `check --strict` and `build` succeed
//!   with no diagnostics.
//! - `tests/fixtures/invalid/<case>/`: the command in `cmd` (default
//!   `check`) fails, and its exit status and full standard error equal
//!   `expected.txt`. Nothing is written.
//!
//! `SOURCED_BLESS=1 cargo test --test testsuite fixtures` rewrites `expected.txt`
//! from the current output; review the diff before committing it.

use crate::test::Test;
use std::fs;
use std::path::{Path, PathBuf};

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind);
    let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no fixtures in {}", dir.display());
    cases
}

fn run(case: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Test::new(case).args(args).run();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn valid_fixtures_pass_strict_check_and_build() {
    for case in fixtures("valid") {
        let (code, _, stderr) = run(&case, &["check", "--strict"]);
        assert_eq!(
            (code, stderr.as_str()),
            (0, "0 errors, 0 warnings\n"),
            "{}",
            case.display()
        );
        let out = tempfile::tempdir().unwrap();
        let site = out.path().join("site");
        let (code, stdout, stderr) = run(
            &case,
            &["build", "--strict", "--out", site.to_str().unwrap()],
        );
        assert_eq!(code, 0, "{}: {stderr}", case.display());
        assert!(stdout.starts_with("wrote "), "{stdout}");
        assert!(site.join("index.html").is_file());
    }
}

#[test]
fn invalid_fixtures_report_the_expected_diagnostics() {
    let bless = std::env::var_os("SOURCED_BLESS").is_some();
    let mut failures = Vec::new();
    for case in fixtures("invalid") {
        let cmd = fs::read_to_string(case.join("cmd")).unwrap_or_else(|_| "check".into());
        let mut args: Vec<String> = cmd.split_whitespace().map(String::from).collect();
        let out = tempfile::tempdir().unwrap();
        let site = out.path().join("site");
        if args[0] == "build" {
            args.extend(["--out".into(), site.to_string_lossy().into_owned()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, stdout, stderr) = run(&case, &args);
        assert!(
            !site.exists(),
            "{}: a failed build wrote output",
            case.display()
        );
        assert!(
            !case.join("public").exists(),
            "{}: wrote public/",
            case.display()
        );
        assert_eq!(stdout, "", "{}", case.display());
        let actual = format!("$ sourced {}\nexit status {code}\n{stderr}", cmd.trim());
        let expected_path = case.join("expected.txt");
        if bless {
            fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            failures.push(format!(
                "--- {}\n{}",
                case.display(),
                diff(&expected, &actual)
            ));
        }
        assert_eq!(
            code,
            1,
            "{}: content errors exit with status 1",
            case.display()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn diff(expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .header("expected", "actual")
        .to_string()
}
