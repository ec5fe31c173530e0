//! Concurrent builds into the same output folder: they take turns (a lock
//! beside the output), every round ends with one complete site, and every
//! build that exits 0 says how many files the site holds, truly.

use crate::test::Test;
use std::fs;
use std::process::Stdio;

const BUILDS: usize = 5;
const ROUNDS: usize = 20;

#[test]
fn five_builds_at_once_into_one_folder_leave_one_complete_site() {
    // Big enough that five builds overlap (each takes a few tenths of a
    // second in a debug build), small enough for 100 builds in well under a
    // minute on 2 cores.
    let p = tempfile::tempdir().unwrap();
    crate::corpus::generate(40, 400, p.path()).unwrap();
    let reference = tempfile::tempdir().unwrap();
    let out = crate::common::sourced(
        p.path(),
        &[
            "build",
            "--out",
            reference.path().join("site").to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    let expected = crate::common::tree(&reference.path().join("site"));
    assert!(expected.contains_key("index.html") && expected.contains_key(".sourced-build"));

    let site = p.path().join("public");
    for round in 0..ROUNDS {
        let children: Vec<_> = (0..BUILDS)
            .map(|_| {
                Test::new(".")
                    .command()
                    .arg("build")
                    .current_dir(p.path())
                    .env("NO_COLOR", "1")
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "round {round}: {stderr}");
            assert_eq!(
                String::from_utf8_lossy(&out.stdout),
                format!("wrote {} files to ./public\n", expected.len()),
                "round {round}"
            );
        }
        assert_eq!(crate::common::tree(&site), expected, "round {round}");
        let mut beside: Vec<String> = fs::read_dir(p.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("public"))
            .collect();
        beside.sort();
        assert_eq!(beside, ["public"], "round {round}");
    }
}
