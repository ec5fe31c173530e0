//! Runs the README's example blocks as written, with `sourced` standing for
//! the binary under test, in a fresh temporary folder.

use std::process::Command;

/// The shell block after the `<!-- example: NAME ... -->` marker.
fn example(name: &str) -> String {
    let readme = include_str!("../../README.md");
    let marker = format!("<!-- example: {name}");
    let start = readme
        .find(&marker)
        .unwrap_or_else(|| panic!("no example {name}"));
    let block = &readme[start..];
    let open = block.find("```sh\n").unwrap() + 6;
    let close = block[open..].find("```").unwrap();
    block[open..open + close].to_string()
}

#[test]
fn the_authoring_example_runs_as_written() {
    let tmp = tempfile::tempdir().unwrap();
    let bin = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_sourced"), bin.path().join("sourced")).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let script = example("authoring");
    let out = Command::new("bash")
        .args(["-euo", "pipefail", "-c", &script])
        .current_dir(tmp.path())
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{script}\n{stdout}\n{stderr}");
    assert!(stderr.contains("0 errors, 0 warnings"), "{stderr}");
    assert!(
        stdout.contains("quote: \"expect to reopen the doors\""),
        "{stdout}"
    );
    assert!(
        stdout.contains("ok               courier            courier.txt"),
        "{stdout}"
    );
    assert!(tmp.path().join("my-briefing/public/index.html").is_file());
}
