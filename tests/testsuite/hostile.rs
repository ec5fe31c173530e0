//! Hostile inputs: each gets a clear diagnostic, with no panic, no hang and
//! no output written. Every run is bounded by a timeout, so a hang fails the
//! test instead of stalling the suite.

use crate::test::Test;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Exit status and standard error of `sourced ARGS` in `dir` (a hang fails
/// the test: see [`Test`]).
fn sourced(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Test::new(dir).args(args).run();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

fn project() -> tempfile::TempDir {
    crate::common::copy_fixture("valid/basic")
}

fn facts(p: &Path) -> PathBuf {
    p.join("content/facts/facts.yaml")
}

/// Builds and expects failure with `code`, nothing written.
fn refused(p: &Path, code: &str) -> String {
    let (status, err) = sourced(p, &["build"]);
    assert_eq!(status, Some(1), "{err}");
    assert!(
        err.contains(&format!("error[{code}]")),
        "expected {code}: {err}"
    );
    assert!(!p.join("public").exists(), "output was written");
    err
}

/// Replaces a seed and records its new hash in the manifest.
fn set_seed(p: &Path, name: &str, bytes: &[u8]) {
    let old = fs::read(p.join("seeds").join(name)).unwrap();
    fs::write(p.join("seeds").join(name), bytes).unwrap();
    let manifest = fs::read_to_string(p.join("seeds/sources.yaml"))
        .unwrap()
        .replace(
            &sourced::project::source::sha256_hex(&old),
            &sourced::project::source::sha256_hex(bytes),
        );
    fs::write(p.join("seeds/sources.yaml"), manifest).unwrap();
}

#[test]
fn a_yaml_alias_bomb_is_refused() {
    let p = project();
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
        let prev = ["a", "b", "c", "d", "e", "f", "g", "h"][i];
        bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    // The classic bomb as the whole document...
    fs::write(facts(p.path()), &bomb).unwrap();
    refused(p.path(), "yaml");
    // ...and aliases that the loader would expand, stopped by the YAML budget.
    let mut doc = String::from(
        "- id: x\n  claim: y\n  sources: &s [{source: daily, quote: \"The council approved a budget of\"}]\n",
    );
    for i in 1..20_000 {
        doc.push_str(&format!("- id: x{i}\n  claim: y\n  sources: *s\n"));
    }
    fs::write(facts(p.path()), doc).unwrap();
    let err = refused(p.path(), "yaml");
    assert!(
        err.contains("error[yaml]: invalid fact file: the file uses more aliases (`*name`) than sourced allows"),
        "{err}"
    );
}

#[test]
fn deeply_nested_yaml_is_refused() {
    let p = project();
    fs::write(
        facts(p.path()),
        format!(
            "- id: x\n  claim: {}{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    )
    .unwrap();
    refused(p.path(), "yaml");
}

#[test]
fn a_50_mb_seed_is_refused() {
    let p = project();
    fs::write(
        p.path().join("seeds/report.txt"),
        vec![b'a'; 50 * 1024 * 1024],
    )
    .unwrap();
    let err = refused(p.path(), "file-too-large");
    assert!(
        err.contains("seeds/report.txt is 52428800 bytes, more than the limit of 8388608 bytes"),
        "{err}"
    );
}

#[test]
fn a_seed_that_is_not_utf8_is_refused() {
    let p = project();
    set_seed(p.path(), "report.txt", b"Council \xff\xfe approves\n");
    refused(p.path(), "not-utf8");
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_are_read_as_text() {
    let p = project();
    let text = fs::read_to_string(p.path().join("seeds/daily.txt")).unwrap();
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    set_seed(p.path(), "daily.txt", crlf.as_bytes());
    // Quotes match across CRLF line ends, and spans skip the mark.
    let (status, err) = sourced(p.path(), &["build", "--strict"]);
    assert_eq!(status, Some(0), "{err}");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(p.path().join("public/facts.json")).unwrap())
            .unwrap();
    let q = &json["facts"][0]["sources"][0];
    let start = q["start"].as_u64().unwrap() as usize;
    assert_eq!(&crlf[start..start + 11], "The council");
    assert_eq!(q["line"], 3);
    assert_eq!(q["column"], 1);
}

#[test]
fn an_empty_seed_and_empty_files_get_diagnostics() {
    let p = project();
    set_seed(p.path(), "report.txt", b"");
    let err = refused(p.path(), "quote-not-found");
    assert!(err.contains("quote not found in seeds/report.txt"), "{err}");
    // An empty fact file holds no facts: the references that needed them
    // are reported, each by name.
    let p = project();
    fs::write(facts(p.path()), "").unwrap();
    let err = refused(p.path(), "unknown-fact");
    assert!(err.contains("`[^budget-approved]` names no fact"), "{err}");
    let p = project();
    fs::write(p.path().join("content/briefing.md"), "").unwrap();
    refused(p.path(), "front-matter");
}

#[test]
fn a_seed_path_outside_seeds_is_refused() {
    let p = project();
    let manifest = fs::read_to_string(p.path().join("seeds/sources.yaml"))
        .unwrap()
        .replace("file: report.txt", "file: ../../etc/passwd");
    fs::write(p.path().join("seeds/sources.yaml"), manifest).unwrap();
    refused(p.path(), "bad-seed-path");
}

#[test]
fn symbolic_links_out_of_the_project_and_loops_are_refused() {
    // A seed that points outside the project.
    let p = project();
    fs::remove_file(p.path().join("seeds/report.txt")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", p.path().join("seeds/report.txt")).unwrap();
    refused(p.path(), "symlink");
    // A fact file that points outside the project.
    let p = project();
    std::os::unix::fs::symlink("/etc/hostname", p.path().join("content/facts/outside.yaml"))
        .unwrap();
    refused(p.path(), "symlink");
    // A loop in content/ and a directory link back up.
    let p = project();
    let facts_dir = p.path().join("content/facts");
    std::os::unix::fs::symlink("loop.yaml", facts_dir.join("loop.yaml")).unwrap();
    std::os::unix::fs::symlink("..", facts_dir.join("up")).unwrap();
    let err = refused(p.path(), "symlink");
    assert!(
        err.contains("content/facts/loop.yaml is a symbolic link"),
        "{err}"
    );
    assert!(err.contains("content/facts/up is a symbolic link"), "{err}");
}

#[test]
fn ids_and_keys_with_markup_or_path_characters_are_refused() {
    let p = project();
    let f = fs::read_to_string(facts(p.path()))
        .unwrap()
        .replace("id: budget-approved", "id: \"<script>alert(1)</script>\"")
        .replace("id: library-reopens", "id: ../../escape");
    fs::write(facts(p.path()), f).unwrap();
    let manifest = fs::read_to_string(p.path().join("seeds/sources.yaml"))
        .unwrap()
        .replace("key: daily", "key: \"<img src=x onerror=alert(1)>\"");
    fs::write(p.path().join("seeds/sources.yaml"), manifest).unwrap();
    let err = refused(p.path(), "not-kebab-case");
    assert!(
        err.contains("fact id `<script>alert(1)</script>` is not lowercase kebab-case"),
        "{err}"
    );
    assert!(
        err.contains("fact id `../../escape` is not lowercase kebab-case"),
        "{err}"
    );
    assert!(
        err.contains("source key `<img src=x onerror=alert(1)>` is not lowercase kebab-case"),
        "{err}"
    );
}

#[test]
fn a_paragraph_with_ten_thousand_references_builds() {
    let p = project();
    let briefing = fs::read_to_string(p.path().join("content/briefing.md")).unwrap();
    let refs = "The budget passed.[^budget-approved] ".repeat(10_000);
    fs::write(
        p.path().join("content/briefing.md"),
        format!("{briefing}\n{refs}\n"),
    )
    .unwrap();
    let (status, err) = sourced(p.path(), &["build", "--strict"]);
    assert_eq!(status, Some(0), "{err}");
    let index = fs::read_to_string(p.path().join("public/index.html")).unwrap();
    // One number, 10,002 uses, each with its own backlink.
    assert_eq!(index.matches("popovertarget=\"note-1\"").count(), 10_002);
    assert!(index.contains("href=\"#ref-1-10002\""));
}

fn mkfifo(path: &Path) {
    let _ = fs::remove_file(path);
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

#[test]
fn named_pipes_are_refused_never_read() {
    for rel in [
        "seeds/pipe.txt",
        "seeds/report.txt",
        "seeds/sources.yaml",
        "content/briefing.md",
        "content/facts/facts.yaml",
        "templates/style.css",
    ] {
        let p = project();
        fs::create_dir_all(p.path().join("templates")).unwrap();
        mkfifo(&p.path().join(rel));
        // A hang fails `sourced` after 30 s.
        let (status, err) = sourced(p.path(), &["check"]);
        assert_eq!(status, Some(1), "{rel}: {err}");
        let message = format!(
            "error[not-a-file]: {rel} is a named pipe (FIFO), not a regular file\n--> {rel}\n = help: sourced reads only regular files: replace it with a file holding the text\n"
        );
        assert!(err.contains(&message), "{rel}: {err}");
    }
}

#[test]
fn symbolically_linked_folders_are_refused_and_their_files_never_shown() {
    let outside = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&crate::common::fixture("valid/basic/seeds"), outside.path());
    fs::write(
        outside.path().join("credentials"),
        "AWS_SECRET_ACCESS_KEY=do-not-print\n",
    )
    .unwrap();
    for (rel, target) in [
        ("seeds", outside.path().to_path_buf()),
        ("seeds", PathBuf::from("/proc/self")),
        ("content", PathBuf::from("/etc")),
        ("content/facts", PathBuf::from("/etc")),
        ("templates", outside.path().to_path_buf()),
    ] {
        let p = project();
        let _ = fs::remove_dir_all(p.path().join(rel));
        std::os::unix::fs::symlink(&target, p.path().join(rel)).unwrap();
        let (status, err) = sourced(p.path(), &["build"]);
        assert_eq!(status, Some(1), "{rel}: {err}");
        let message = format!(
            "error[symlink]: {rel} is a symbolic link to a folder\n--> {rel}\n = help: put the folder itself in the project: sourced does not follow links, so that it reads only files that are part of the project\n"
        );
        assert!(err.starts_with(&message), "{rel}: {err}");
        assert!(!err.contains("AWS_SECRET"), "{rel}: {err}");
        assert!(
            !p.path().join("public").exists(),
            "{rel}: output was written"
        );
    }
}

#[test]
fn yaml_tags_are_refused() {
    for (tagged, tag) in [
        (
            "quote: !!binary VGhlIGNvdW5jaWwgYXBwcm92ZWQgYSBidWRnZXQgb2Y=",
            "!!binary",
        ),
        (
            "quote: !secret \"The council approved a budget of $4.5 million\"",
            "!secret",
        ),
        (
            "quote: !!str \"The council approved a budget of $4.5 million\"",
            "!!str",
        ),
    ] {
        let p = project();
        let f = fs::read_to_string(facts(p.path())).unwrap().replacen(
            "quote: \"The council approved a budget of $4.5 million for 2031 on Tuesday\"",
            tagged,
            1,
        );
        fs::write(facts(p.path()), f).unwrap();
        let err = refused(p.path(), "yaml");
        let underline = "^".repeat(tag.len());
        let expected = format!(
            "error[yaml]: invalid fact file: the YAML tag `{tag}` is not allowed\n --> content/facts/facts.yaml:5:14\n  |\n5 |       {tagged}\n  |              {underline} a tag\n  |\n  = help: remove the tag and write the value as plain text: sourced refuses YAML tags, so that what the file shows is what is checked\n"
        );
        assert!(err.starts_with(&expected), "{err}");
    }
}

#[test]
fn yaml_errors_are_worded_in_our_terms() {
    let library_words = ["Options", "from_str", "budget breached", "Nodes {"];
    let cases = [
        (
            "- id: a\n  id: b\n".to_string(),
            "error[yaml]: invalid fact file: the key `id` appears twice in the same mapping",
        ),
        (
            "- id: a\n  claim: x\n  sources: []\n---\n- id: b\n".to_string(),
            "error[yaml]: invalid fact file: the file holds more than one YAML document (a `---` line)",
        ),
        (
            (0..40_000)
                .map(|i| format!("- id: a{i}\n  claim: x\n  sources: []\n"))
                .collect(),
            "error[yaml]: invalid fact file: the file has more than 250,000 YAML nodes, the limit per file (about 20,000 facts)",
        ),
    ];
    for (yaml, message) in cases {
        let p = project();
        fs::write(facts(p.path()), yaml).unwrap();
        let err = refused(p.path(), "yaml");
        assert!(err.starts_with(message), "{err}");
        for w in library_words {
            assert!(!err.contains(w), "{w}: {err}");
        }
    }
}

#[test]
fn control_characters_never_reach_the_html() {
    // Raw in the Markdown, and written as a YAML escape in a claim.
    let p = project();
    let b = fs::read_to_string(p.path().join("content/briefing.md"))
        .unwrap()
        .replacen(
            "The council approved a",
            "The\u{0}council\u{1b}[2J approved a",
            1,
        );
    fs::write(p.path().join("content/briefing.md"), b).unwrap();
    let err = refused(p.path(), "control-character");
    assert!(
        err.starts_with(
            "error[control-character]: content/briefing.md contains the control character U+0000\n --> content/briefing.md:6:4\n"
        ),
        "{err}"
    );
    let p = project();
    let f = fs::read_to_string(facts(p.path())).unwrap().replacen(
        "claim: The council approved a $4.5 million budget for 2031.",
        "claim: \"The council approved\\x07 a $4.5 million budget for 2031.\"",
        1,
    );
    fs::write(facts(p.path()), f).unwrap();
    let err = refused(p.path(), "control-character");
    assert!(
        err.starts_with(
            "error[control-character]: content/facts/facts.yaml contains the control character U+0007\n --> content/facts/facts.yaml:2:10\n"
        ),
        "{err}"
    );
}

#[test]
fn a_protocol_relative_link_is_not_relative() {
    // As written in Markdown (where `\\` is one backslash), and as read.
    for (link, dest) in [
        ("//evil.example/x", "//evil.example/x"),
        ("\\\\\\\\evil.example", "\\\\evil.example"),
        ("/\\\\evil.example", "/\\evil.example"),
    ] {
        let p = project();
        let b = fs::read_to_string(p.path().join("content/briefing.md"))
            .unwrap()
            .replacen("officials said", &format!("[officials]({link}) said"), 1);
        fs::write(p.path().join("content/briefing.md"), b).unwrap();
        let err = refused(p.path(), "unsafe-link");
        assert!(
            err.contains(&format!(
                "error[unsafe-link]: link to `{dest}` is not allowed"
            )),
            "{err}"
        );
    }
}
