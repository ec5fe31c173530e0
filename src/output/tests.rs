use super::*;

fn site(files: &[(&str, &str)]) -> Vec<OutputFile> {
    files
        .iter()
        .map(|(p, b)| OutputFile {
            path: PathBuf::from(p),
            bytes: b.as_bytes().to_vec().into(),
        })
        .collect()
}

#[test]
fn the_fallback_swap_replaces_the_site_and_removes_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let (tmp, out, old) = (
        dir.path().join(".o.tmp-1"),
        dir.path().join("o"),
        dir.path().join(".o.old-1"),
    );
    fs::create_dir(&tmp).unwrap();
    fs::write(tmp.join("new"), "n").unwrap();
    fs::create_dir(&out).unwrap();
    fs::write(out.join("prev"), "p").unwrap();
    swap_by_two_renames(&tmp, &out, &old).unwrap();
    assert_eq!(fs::read_to_string(out.join("new")).unwrap(), "n");
    assert!(!out.join("prev").exists() && !old.exists() && !tmp.exists());
}

#[test]
fn the_fallback_swap_puts_the_previous_site_back_when_it_fails() {
    let dir = tempfile::tempdir().unwrap();
    let (tmp, out, old) = (
        dir.path().join(".o.tmp-1"), // never created: the second rename fails
        dir.path().join("o"),
        dir.path().join(".o.old-1"),
    );
    fs::create_dir(&out).unwrap();
    fs::write(out.join("prev"), "p").unwrap();
    assert!(swap_by_two_renames(&tmp, &out, &old).is_err());
    assert_eq!(fs::read_to_string(out.join("prev")).unwrap(), "p");
    assert!(!old.exists());
}

#[test]
fn a_failed_write_leaves_no_temporary_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    fs::create_dir(&root).unwrap();
    let out = dir.path().join("site");
    // `sources` as a file and as a folder: the second cannot be created.
    let files = site(&[("sources", "x"), ("sources/a.html", "y")]);
    assert!(write_site(&root, &out, &files).is_err());
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert_eq!(left, Vec::<String>::new());
    assert!(!out.exists());
}

#[test]
fn stale_folders_are_removed_only_when_sourced_wrote_them() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    for d in [".o.tmp-1", ".o.old-2", ".o.tmp-3", ".o.tmp-x", ".o.tmp-4"] {
        fs::create_dir(p.join(d)).unwrap();
    }
    fs::write(p.join(".o.tmp-1").join(MARKER), "").unwrap();
    fs::write(p.join(".o.old-2").join(MARKER), "").unwrap();
    fs::write(p.join(".o.tmp-3").join("thesis.txt"), "mine").unwrap();
    fs::write(p.join(".o.tmp-x").join(MARKER), "").unwrap();
    remove_stale(p, "o").unwrap();
    let mut left: Vec<_> = fs::read_dir(p)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, [".o.tmp-3", ".o.tmp-x"]);
}

#[test]
fn an_old_site_without_the_marker_is_recognised() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("index.html"), "<html>").unwrap();
    fs::write(p.join("facts.json"), "{\"schema\": 2}").unwrap();
    assert!(!is_site(p));
    fs::write(p.join("facts.json"), "{\"schema\": 1, \"facts\": []}").unwrap();
    assert!(is_site(p));
    fs::remove_file(p.join("index.html")).unwrap();
    assert!(!is_site(p));
}

#[test]
fn files_are_compared_piece_by_piece() {
    let data: Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
    for size in [1, 7, 256, 999, 1000, 4096] {
        assert!(same_bytes(&data[..], &data, size), "{size}");
        assert!(same_bytes(&b""[..], b"", size));
        // Longer, shorter, and one byte different anywhere.
        assert!(!same_bytes(&data[..], &data[..999], size), "{size}");
        assert!(!same_bytes(&data[..999], &data, size), "{size}");
        for k in [0, 1, 255, 256, 500, 999] {
            let mut other = data.clone();
            other[k] ^= 1;
            assert!(!same_bytes(&other[..], &data, size), "{size} {k}");
        }
    }
}

#[test]
fn a_file_is_unchanged_only_when_it_holds_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.html");
    assert!(!unchanged(&p, b"abc"));
    fs::write(&p, "abcdefghij").unwrap();
    assert!(unchanged(&p, b"abcdefghij"));
    assert!(!unchanged(&p, b"abcdefghiJ"));
    assert!(!unchanged(&p, b"abcdefghi"));
    assert!(!unchanged(dir.path(), b""));
    #[cfg(unix)]
    {
        let link = dir.path().join("link.html");
        std::os::unix::fs::symlink(&p, &link).unwrap();
        assert!(!unchanged(&link, b"abcdefghij"));
    }
}

#[test]
fn a_streamed_file_is_linked_when_equal_and_written_when_not() {
    use std::io::Write;
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.html");
    fs::write(&old, "abcdefghij").unwrap();
    for (k, pieces) in [
        vec!["abc", "defghij"],
        vec!["abc", "dXfghij"],
        vec!["abcdefghi"],
        vec!["abcdefghij", "k"],
        vec!["", "xyz"],
        vec![],
    ]
    .into_iter()
    .enumerate()
    {
        let new = dir.path().join(format!("new-{k}.html"));
        let mut file = StagedFile::new(new.clone(), old.clone());
        for p in &pieces {
            file.write_all(p.as_bytes()).unwrap();
        }
        file.finish().unwrap();
        let expected = pieces.concat();
        assert_eq!(fs::read_to_string(&new).unwrap(), expected, "{k}");
        let linked = fs::metadata(&new).unwrap().ino() == fs::metadata(&old).unwrap().ino();
        assert_eq!(linked, expected == "abcdefghij", "{k}");
    }
    // No previous file: written.
    let new = dir.path().join("fresh.html");
    let mut file = StagedFile::new(new.clone(), dir.path().join("missing"));
    file.write_all(b"x").unwrap();
    file.finish().unwrap();
    assert_eq!(fs::read_to_string(&new).unwrap(), "x");
}
