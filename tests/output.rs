//! The output folder is sourced's own: `build --out` never replaces a folder
//! it did not write, and refuses before doing anything else.

mod common;

use std::fs;
use std::path::Path;

/// `sourced build ARGS` in `dir`: exit status, standard output, standard error.
fn build(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = common::sourced(dir, &[&["build"], args].concat());
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Asserts that `build --out OUT` run in `dir` is refused with `message`
/// and that `dir`'s tree (which holds the project) is untouched.
fn refused(dir: &Path, out: &str, message: &str) {
    let before = common::tree(dir);
    let (code, stdout, stderr) = build(dir, &["--out", out]);
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    assert_eq!(stderr, format!("error: {message}\n"));
    assert_eq!(common::tree(dir), before, "files were touched");
}

#[test]
fn a_folder_holding_the_project_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("proj");
    common::copy_dir(&common::fixture("valid/basic"), &p);
    let help = "choose a folder of its own, e.g. --out ./public";
    refused(
        &p,
        ".",
        &format!(
            "the output folder . is or contains the project folder; a build replaces its output folder, so {help}"
        ),
    );
    refused(
        &p,
        "..",
        &format!(
            "the output folder .. is or contains the project folder; a build replaces its output folder, so {help}"
        ),
    );
    // The project itself, named from outside (`--out ../o1` run in `o1`).
    refused(
        &p,
        "../proj",
        &format!(
            "the output folder ../proj is or contains the project folder; a build replaces its output folder, so {help}"
        ),
    );
    refused(
        &p,
        "seeds",
        &format!("the output folder seeds is inside the project's seeds/ folder; {help}"),
    );
    refused(
        &p,
        "content/site",
        &format!("the output folder content/site is inside the project's content/ folder; {help}"),
    );
    // Through a symbolic link to the project's parent.
    std::os::unix::fs::symlink(tmp.path(), p.join("up")).unwrap();
    refused(
        &p,
        "up/proj/templates/x",
        &format!(
            "the output folder up/proj/templates/x is inside the project's templates/ folder; {help}"
        ),
    );
}

#[test]
fn a_folder_of_the_users_files_is_refused() {
    let p = common::copy_fixture("valid/basic");
    fs::create_dir_all(p.path().join("userdocs/photos")).unwrap();
    fs::write(p.path().join("userdocs/thesis.txt"), "four years").unwrap();
    fs::write(p.path().join("userdocs/photos/a.jpg"), "jpg").unwrap();
    let out = p.path().join("userdocs");
    refused(
        p.path(),
        "userdocs",
        "the output folder userdocs holds files that sourced did not write; a build replaces all of its output folder, so choose a new or empty folder (sourced marks the folders it writes with .sourced-build)",
    );
    assert_eq!(fs::read(out.join("thesis.txt")).unwrap(), b"four years");
    // A regular file, and a link, are refused before anything is rendered.
    fs::write(p.path().join("notes.txt"), "mine").unwrap();
    refused(
        p.path(),
        "notes.txt",
        "the output folder notes.txt exists and is not a folder; choose another --out",
    );
    std::os::unix::fs::symlink("userdocs", p.path().join("link")).unwrap();
    refused(
        p.path(),
        "link",
        "the output folder link is a symbolic link; pass the folder it points to with --out",
    );
}

#[test]
fn sourced_replaces_its_own_folders_and_empty_ones() {
    let p = common::copy_fixture("valid/basic");
    fs::create_dir(p.path().join("empty")).unwrap();
    let (code, stdout, stderr) = build(p.path(), &["--out", "empty"]);
    assert_eq!(code, 0, "{stderr}");
    let site = common::tree(&p.path().join("empty"));
    assert_eq!(
        stdout,
        format!("wrote {} files to empty\n", site.len()),
        "the message counts every file of the site"
    );
    assert!(site.contains_key(".sourced-build"));
    // The default output, twice: the second build replaces the first.
    for _ in 0..2 {
        let (code, _, stderr) = build(p.path(), &[]);
        assert_eq!(code, 0, "{stderr}");
    }
    assert_eq!(common::tree(&p.path().join("public")), site);
    // Nothing is left beside it.
    let mut beside: Vec<String> = fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    beside.sort();
    assert_eq!(beside, Vec::<String>::new());
}

#[test]
fn a_site_built_before_the_marker_existed_is_replaced() {
    let p = common::copy_fixture("valid/basic");
    let (code, _, stderr) = build(p.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    let public = p.path().join("public");
    fs::remove_file(public.join(".sourced-build")).unwrap();
    // Sites from before the marker wrote schema 1.
    let facts = fs::read_to_string(public.join("facts.json")).unwrap();
    assert!(facts.contains("\"schema\": 2,"), "{facts}");
    fs::write(
        public.join("facts.json"),
        facts.replace("\"schema\": 2,", "\"schema\": 1,"),
    )
    .unwrap();
    fs::write(public.join("old-page.html"), "gone after the build").unwrap();
    let (code, _, stderr) = build(p.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(public.join(".sourced-build").exists());
    assert!(!public.join("old-page.html").exists());
    // Without its facts.json it is no longer recognised as a site.
    fs::remove_file(public.join(".sourced-build")).unwrap();
    fs::remove_file(public.join("facts.json")).unwrap();
    let (code, _, stderr) = build(p.path(), &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(public.join("index.html").exists());
}
