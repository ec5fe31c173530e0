//! Builds real projects with the real binary: snapshots of the rendered
//! pages, determinism, atomic writes, escaping and exit statuses.

use crate::common::{copy_fixture, sourced, tree};
use std::fs;
use std::path::Path;

fn build_ok(dir: &Path, extra: &[&str]) {
    let mut args = vec!["build"];
    args.extend_from_slice(extra);
    let out = sourced(dir, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn rendered_pages_match_the_reviewed_snapshots() {
    let project = copy_fixture("valid/basic");
    build_ok(project.path(), &["--strict"]);
    let site = tree(&project.path().join("public"));
    let names: Vec<&String> = site.keys().collect();
    assert_eq!(
        names,
        [
            ".nojekyll",
            ".sourced-build",
            "facts.json",
            "footnotes.js",
            "index.html",
            "sources/daily.html",
            "sources/report.html",
            "style.css"
        ]
    );
    for page in [
        "index.html",
        "sources/daily.html",
        "sources/report.html",
        "facts.json",
    ] {
        let text = String::from_utf8(site[page].clone()).unwrap();
        insta::assert_snapshot!(page.replace('/', "__"), text);
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let project = copy_fixture("valid/typography");
    build_ok(project.path(), &["--out", "a"]);
    build_ok(project.path(), &["--out", "b"]);
    let (a, b) = (
        tree(&project.path().join("a")),
        tree(&project.path().join("b")),
    );
    assert!(!a.is_empty());
    assert_eq!(a, b);
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let project = copy_fixture("valid/basic");
    build_ok(project.path(), &[]);
    let before = tree(&project.path().join("public"));
    // Break a quote, then build again into the same folder.
    let facts = project.path().join("content/facts/facts.yaml");
    let text = fs::read_to_string(&facts)
        .unwrap()
        .replace("on Tuesday", "on Wednesday");
    fs::write(&facts, text).unwrap();
    let out = sourced(project.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(tree(&project.path().join("public")), before);
    // No temporary folders are left beside it.
    let stray: Vec<String> = fs::read_dir(project.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn a_rebuild_replaces_the_output_completely() {
    let project = copy_fixture("valid/basic");
    build_ok(project.path(), &[]);
    fs::write(project.path().join("public/stale.html"), "old").unwrap();
    build_ok(project.path(), &[]);
    assert!(!project.path().join("public/stale.html").exists());
    assert!(project.path().join("public/index.html").is_file());
}

#[test]
fn check_writes_nothing() {
    let project = copy_fixture("valid/basic");
    let out = sourced(project.path(), &["check"]);
    assert!(out.status.success());
    assert!(!project.path().join("public").exists());
}

const HOSTILE: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>";

#[test]
fn markup_in_every_text_field_is_escaped() {
    let project = copy_fixture("valid/basic");
    let p = project.path();
    // A seed containing markup, quoted by a fact.
    let seed = format!(
        "Hostile page\nThe text says {HOSTILE} in the middle of a sentence, according to {HOSTILE} origin.\n"
    );
    fs::write(p.join("seeds/hostile.txt"), &seed).unwrap();
    let sha = sha256(seed.as_bytes());
    let manifest = fs::read_to_string(p.join("seeds/sources.yaml")).unwrap()
        + &format!(
            "- key: hostile\n  file: hostile.txt\n  title: '{HOSTILE} title'\n  publisher: '{HOSTILE} publisher'\n  sha256: {sha}\n"
        );
    fs::write(p.join("seeds/sources.yaml"), manifest).unwrap();
    let facts = fs::read_to_string(p.join("content/facts/facts.yaml")).unwrap()
        + &format!(
            "- id: hostile-fact\n  claim: 'The page says {HOSTILE} in a sentence.'\n  sources:\n    - source: hostile\n      quote: 'The text says {HOSTILE} in the middle'\n      attributed_to: 'according to {HOSTILE} origin'\n      origin: '{HOSTILE} origin'\n  conflicts:\n    - source: report\n      quote: 'Critics said the library plan would cost more'\n      note: '{HOSTILE} conflict note'\n  note: 'A note with {HOSTILE} and `{HOSTILE}` in code.'\n"
        );
    fs::write(p.join("content/facts/facts.yaml"), facts).unwrap();
    let briefing = fs::read_to_string(p.join("content/briefing.md"))
        .unwrap()
        .replace(
            "title: Council passes budget",
            &format!("title: '{HOSTILE} briefing'"),
        )
        .replace(
            "summary: The council approved next year's budget.",
            &format!("summary: '{HOSTILE} The council approved the budget.'"),
        )
        + "\nThe page has an escaped \\<script> and `<script>` in code.[^hostile-fact]\n";
    fs::write(p.join("content/briefing.md"), briefing).unwrap();

    // The note contains raw HTML, which is refused; escape it in Markdown.
    let out = sourced(p, &["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[raw-html]"), "{stderr}");
    let facts = fs::read_to_string(p.join("content/facts/facts.yaml"))
        .unwrap()
        .replace(
            &format!("A note with {HOSTILE} and"),
            "A note with \\<script> and",
        );
    fs::write(p.join("content/facts/facts.yaml"), facts).unwrap();

    build_ok(p, &[]);
    for (name, bytes) in tree(&p.join("public")) {
        let text = String::from_utf8(bytes).unwrap();
        if name.ends_with(".html") {
            // The only script is the template's own, loaded from a file.
            let own = text
                .matches("<script src=\"footnotes.js\" defer></script>")
                .count()
                + text
                    .matches("<script src=\"../footnotes.js\" defer></script>")
                    .count();
            assert_eq!(
                text.matches("<script").count(),
                own,
                "{name} has a script tag"
            );
            assert_eq!(own, 1, "{name}");
            assert!(!text.contains("<img"), "{name} has an img tag");
            for tag in text
                .split('<')
                .skip(1)
                .map(|t| t.split('>').next().unwrap_or(""))
            {
                // Attribute names are outside the quoted values.
                let names: String = tag.split('"').step_by(2).collect();
                assert!(
                    !names.contains("onerror"),
                    "{name} has an event handler in <{tag}>"
                );
            }
        }
    }
    let index = fs::read_to_string(p.join("public/index.html")).unwrap();
    assert!(
        index.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;")
            || index.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{index}"
    );
    // The second-hand quote names its origin, escaped like everything else.
    assert!(
        index.contains("second-hand from &lt;script&gt;alert(1)&lt;&#x2f;script&gt;")
            || index.contains("second-hand from &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{index}"
    );
    let source = fs::read_to_string(p.join("public/sources/hostile.html")).unwrap();
    assert!(
        source.contains("<mark id=\"q-hostile-fact-1\">"),
        "{source}"
    );
}

#[test]
fn usage_and_io_errors_exit_with_status_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = sourced(tmp.path(), &["check", "--root", "does-not-exist"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: does-not-exist is not a folder\n"
    );
    let out = sourced(tmp.path(), &["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    let out = sourced(tmp.path(), &["build", "--bogus"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn root_and_out_options_are_honoured() {
    let project = copy_fixture("valid/basic");
    let elsewhere = tempfile::tempdir().unwrap();
    let out_dir = elsewhere.path().join("site");
    let out = sourced(
        elsewhere.path(),
        &[
            "build",
            "--root",
            project.path().to_str().unwrap(),
            "--out",
            "site",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out_dir.join("index.html").is_file());
    assert!(!project.path().join("public").exists());
}

fn sha256(bytes: &[u8]) -> String {
    sourced::project::source::sha256_hex(bytes)
}

#[test]
fn an_oversized_seed_is_refused_with_a_diagnostic() {
    // Generated here rather than committed as a fixture: it is 9 MiB.
    let project = copy_fixture("valid/basic");
    let big = "word ".repeat(9 * 1024 * 1024 / 5);
    fs::write(project.path().join("seeds/report.txt"), &big).unwrap();
    let out = sourced(project.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error[file-too-large]: seeds/report.txt is {} bytes, more than the limit of 8388608 bytes\n\
             --> seeds/report.txt\n \
             = help: split or trim the file\n\n\
             1 error, 0 warnings\n",
            big.len()
        )
    );
    assert!(!project.path().join("public").exists());
}
