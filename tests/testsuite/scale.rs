//! Generated corpora: they pass `check --strict`, and a build killed at any
//! moment leaves either the old site or the new one in `public/`.

use crate::common::tree;
use crate::test::Test;
use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

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

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("project");
    crate::corpus::generate(200, 2000, &root).unwrap();
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
    let started = Instant::now();
    build(&root, &public);
    let full = started.elapsed();

    // Alternate the content and kill each build at a pseudo-random moment
    // within its usual duration.
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let (mut killed, mut completed) = (0, 0);
    for i in 0..16 {
        let (content, new_site) = if i % 2 == 0 {
            (&version_b, &site_b)
        } else {
            (&version_a, &site_a)
        };
        let old_site = if i % 2 == 0 { &site_a } else { &site_b };
        let before = tree(&public);
        assert!(&before == old_site || &before == new_site);
        fs::write(&briefing, content).unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_micros(seed % (full.as_micros() as u64 * 12 / 10 + 1));
        let mut child = Test::new(".")
            .command()
            .args(["build", "--strict", "--root"])
            .arg(&root)
            .stderr(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        match child.try_wait().unwrap() {
            Some(_) => completed += 1,
            None => {
                child.kill().unwrap(); // SIGKILL
                killed += 1;
            }
        }
        child.wait().unwrap();
        let after = tree(&public);
        assert!(
            &after == old_site || &after == new_site || after == before,
            "iteration {i}: public/ is a mixture ({} files)",
            after.len()
        );
        // Whatever happened, the next build must bring the new site.
        if &after != new_site {
            build(&root, &public);
            assert_eq!(&tree(&public), new_site);
        }
    }
    assert!(
        killed >= 6,
        "only {killed} builds were killed ({completed} completed)"
    );
    // Temporary folders of killed builds are cleared by the next build.
    build(&root, &public);
    let stray: Vec<String> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}
