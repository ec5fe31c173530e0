//! Generated corpora: they pass `check --strict`, and a build killed at any
//! moment leaves either the old site or the new one in `public/`.

use crate::common::tree;
use crate::test::Test;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

fn build(root: &Path, out: &Path) {
    Test::new(root)
        .args(["build", "--strict", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .status(0)
        .run();
}

#[test]
fn a_generated_corpus_passes_strict_check() {
    let tmp = tempfile::tempdir().unwrap();
    crate::corpus::generate(60, 600, tmp.path()).unwrap();
    Test::new(tmp.path())
        .args(["check", "--strict", "--root"])
        .arg(tmp.path())
        .status(0)
        .stdout("")
        .stderr("0 errors, 0 warnings\n")
        .run();
}

/// The fast YAML reader reads generated fact files itself (it is not a
/// no-op that leaves every file to serde-saphyr).
#[test]
fn the_fast_reader_reads_generated_fact_files() {
    let tmp = tempfile::tempdir().unwrap();
    crate::corpus::generate(20, 200, tmp.path()).unwrap();
    let mut files = 0;
    for entry in fs::read_dir(tmp.path().join("content/facts")).unwrap() {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(sourced::project::fact::read_by_fast_reader(&text));
        files += 1;
    }
    assert!(files > 0);
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("project");
    crate::corpus::generate(40, 400, &root).unwrap();
    let briefing = root.join("content/briefing.md");
    let version_a = fs::read_to_string(&briefing).unwrap();
    let version_b = version_a.replace(
        "title: Generated briefing",
        "title: Generated briefing, revised",
    );
    // The two complete sites, built elsewhere.
    build(&root, &tmp.path().join("a"));
    fs::write(&briefing, &version_b).unwrap();
    build(&root, &tmp.path().join("b"));
    let (site_a, site_b) = (tree(&tmp.path().join("a")), tree(&tmp.path().join("b")));
    assert_ne!(site_a, site_b);

    let public = root.join("public");
    fs::write(&briefing, &version_a).unwrap();
    build(&root, &public);
    // Write steps: 0 (folder made), one per file (the site less its marker),
    // and the swap, which is the last.
    let steps = site_a.len();

    // Alternate the content and kill each build at a pseudo-random step of
    // its write: the build pauses there (SOURCED_TEST_PAUSE_AT) and says so,
    // and only then is it killed, so no timing is involved.
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut at = vec![0, steps, steps - 1];
    for _ in 0..13 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        at.push((seed % (steps as u64 + 1)) as usize);
    }
    for (i, step) in at.into_iter().enumerate() {
        let (content, new_site) = if i % 2 == 0 {
            (&version_b, &site_b)
        } else {
            (&version_a, &site_a)
        };
        let old_site = if i % 2 == 0 { &site_a } else { &site_b };
        let before = tree(&public);
        assert!(&before == old_site || &before == new_site);
        fs::write(&briefing, content).unwrap();
        let mut child = Test::new(".")
            .command()
            .args(["build", "--strict", "--root"])
            .arg(&root)
            .env("SOURCED_TEST_PAUSE_AT", step.to_string())
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stderr.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line, format!("paused at write step {step}\n"));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let after = tree(&public);
        let expected = if step == steps { new_site } else { &before };
        assert!(
            &after == expected,
            "iteration {i}, killed at write step {step} of {steps}: public/ is not the {} site ({} files)",
            if step == steps { "new" } else { "previous" },
            after.len()
        );
        // The next build must bring the new site.
        if &after != new_site {
            build(&root, &public);
            assert_eq!(&tree(&public), new_site);
        }
    }
    // Temporary folders of killed builds are cleared by the next build.
    build(&root, &public);
    let stray: Vec<String> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}
