//! The authoring commands, run as the real binary: check --format, find,
//! init, seeds, review (against a temporary git repository with real
//! commits) and serve; and --version, completions and man.

use crate::common::{copy_fixture, fixture, git, sourced};
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

mod seeds_review;
mod serve;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_format_github_prints_workflow_commands_and_a_summary() {
    let out = sourced(
        &fixture("invalid/quote-changed-number"),
        &["check", "--format", "github"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), "");
    assert_eq!(
        text(&out.stdout),
        "::error file=content/facts/facts.yaml,line=12,col=14,endLine=12,endColumn=70,title=sourced quote-not-found::quote not found in seeds/daily.txt%0Anote: closest passage at seeds/daily.txt:5:1, as a word diff from source to quote: The library will reopen in March [-2031-]{+2032+}, officials said.%0Anote: likely cause: a number differs: the source says `2031`, the quote says `2032`%0Ahelp: copy the passage verbatim from seeds/daily.txt; only typographic quotes, dashes, ellipses and whitespace are normalised, and case matters\n\
         1 error, 0 warnings\n"
    );
}

#[test]
fn check_format_json_prints_a_documented_array() {
    let out = sourced(
        &fixture("invalid/unknown-source"),
        &["check", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        value,
        serde_json::json!([{
            "severity": "error",
            "code": "unknown-source",
            "message": "`reprot` is not a source key in seeds/sources.yaml",
            "file": "content/facts/facts.yaml",
            "line": 6,
            "column": 15,
            "end_line": 6,
            "end_column": 21,
            "notes": [],
            "help": "did you mean `report`?"
        }])
    );
    let ok = sourced(&fixture("valid/basic"), &["check", "--format", "json"]);
    assert_eq!(
        (ok.status.code(), text(&ok.stdout)),
        (Some(0), "[]\n".to_string())
    );
}

#[test]
fn find_prints_each_match_with_a_ready_to_paste_quote() {
    let out = sourced(&fixture("valid/basic"), &["find", "said Mayor Ana Ruiz"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "daily seeds/daily.txt:4:56\n  \
         …ate. \u{201c}We\u{2019}re pleased with the outcome\u{2014}it funds the library,\u{201d} »said Mayor Ana Ruiz«\u{2026} before leaving. The library will reopen in March 2031, off…\n\
         - source: daily\n  quote: \"said Mayor Ana Ruiz\"\n\n\
         1 match for \"said Mayor Ana Ruiz\"\n"
    );
    // The same normalisation as check: straight quotes find curly ones, and
    // an elision spans text.
    let out = sourced(
        &fixture("valid/basic"),
        &["find", "\"We're pleased ... said Mayor"],
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("quote: \"\u{201c}We\u{2019}re pleased ... said Mayor\""),
        "{stdout}"
    );
    // The pasted block passes check: find it, paste it, check it.
    let project = copy_fixture("valid/basic");
    let facts = project.path().join("content/facts/facts.yaml");
    let out = sourced(project.path(), &["find", "after three months of debate"]);
    let block = text(&out.stdout);
    let yaml = block
        .lines()
        .skip(2)
        .take(2)
        .map(|l| format!("    {l}\n"))
        .collect::<String>();
    let mut f = fs::read_to_string(&facts).unwrap();
    f = f.replacen("  sources:\n", &format!("  sources:\n{yaml}"), 1);
    fs::write(&facts, f).unwrap();
    let checked = sourced(project.path(), &["check"]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stderr));

    let none = sourced(&fixture("valid/basic"), &["find", "words that are nowhere"]);
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(
        text(&none.stdout),
        "0 matches for \"words that are nowhere\"\n"
    );
}

#[test]
fn init_creates_a_project_that_passes_strict_check_and_refuses_a_full_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = sourced(tmp.path(), &["init", "brief"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let project = tmp.path().join("brief");
    let check = sourced(&project, &["check", "--strict"]);
    assert_eq!(
        (check.status.code(), text(&check.stderr)),
        (Some(0), "0 errors, 0 warnings\n".into())
    );
    let build = sourced(&project, &["build", "--strict"]);
    assert_eq!(build.status.code(), Some(0));
    assert!(project.join("public/sources/courier.html").is_file());
    let again = sourced(tmp.path(), &["init", "brief"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("is not empty"),
        "{}",
        text(&again.stderr)
    );
}

#[test]
fn init_then_git_init_then_strict_check_and_build_work_with_or_without_workflows() {
    let tmp = tempfile::tempdir().unwrap();
    let out = sourced(tmp.path(), &["init", "x"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(".github/workflows/pages.yml\n")
            && stdout.contains(".github/workflows/review.yml\n")
            && stdout.ends_with("under Pages, set the source to GitHub Actions\n"),
        "{stdout}"
    );
    let x = tmp.path().join("x");
    for (name, expected) in sourced::commands::init::workflows() {
        let written = fs::read_to_string(x.join(".github/workflows").join(name)).unwrap();
        assert_eq!(written, expected, "{name}");
        assert!(
            written.contains(&format!("version: \"{}\"", env!("CARGO_PKG_VERSION"))),
            "{written}"
        );
    }
    git(&x, &["init", "-q"]);
    let check = sourced(&x, &["check", "--strict"]);
    assert_eq!(
        (check.status.code(), text(&check.stderr)),
        (Some(0), "0 errors, 0 warnings\n".into())
    );
    let build = sourced(&x, &["build"]);
    assert_eq!(build.status.code(), Some(0), "{}", text(&build.stderr));
    assert!(x.join("public/index.html").is_file());

    let out = sourced(tmp.path(), &["init", "y", "--no-workflows"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        !text(&out.stdout).contains(".github"),
        "{}",
        text(&out.stdout)
    );
    assert!(!tmp.path().join("y/.github").exists());
    let check = sourced(&tmp.path().join("y"), &["check", "--strict"]);
    assert_eq!(check.status.code(), Some(0));
}

#[test]
fn init_inside_a_git_repository_says_where_the_workflows_belong() {
    let tmp = tempfile::tempdir().unwrap();
    git(tmp.path(), &["init", "-q"]);
    fs::create_dir(tmp.path().join("sub")).unwrap();
    let out = sourced(&tmp.path().join("sub"), &["init", "brief"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let top = fs::canonicalize(tmp.path()).unwrap();
    let stdout = text(&out.stdout);
    assert!(
        stdout.ends_with(&format!(
            "note: brief is inside the git repository {}, and GitHub reads workflows only from {}/.github/workflows: move brief/.github/workflows/*.yml there and set `BRIEFING: sub/brief` in both\n",
            top.display(),
            top.display()
        )),
        "{stdout}"
    );
    // Without workflows there is nothing to move, and no note.
    let own = sourced(tmp.path(), &["init", "other", "--no-workflows"]);
    assert!(
        !text(&own.stdout).contains("note:"),
        "{}",
        text(&own.stdout)
    );
}

#[test]
fn version_names_the_rules_and_facts_json_records_both() {
    let expected = format!(
        "sourced {} (verification rules {})\n",
        env!("CARGO_PKG_VERSION"),
        sourced::RULES_VERSION
    );
    for flag in ["--version", "-V"] {
        let out = sourced(std::path::Path::new("."), &[flag]);
        assert_eq!(
            (out.status.code(), text(&out.stdout)),
            (Some(0), expected.clone())
        );
    }
    let project = copy_fixture("valid/basic");
    let build = sourced(project.path(), &["build"]);
    assert_eq!(build.status.code(), Some(0));
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(project.path().join("public/facts.json")).unwrap())
            .unwrap();
    assert_eq!(json["schema"], sourced::render::export::SCHEMA);
    assert_eq!(json["schema"], 2);
    assert_eq!(json["sourced_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(json["rules_version"], sourced::RULES_VERSION);
}

#[test]
fn completions_complete_subcommands_and_options() {
    let here = std::path::Path::new(".");
    let bash = sourced(here, &["completions", "bash"]);
    assert_eq!(bash.status.code(), Some(0));
    // Load the script into bash and ask it to complete, as the shell does
    // on Tab.
    let script = format!(
        "{}\nCOMP_WORDS=(sourced rev); COMP_CWORD=1; _sourced sourced rev sourced; printf '%s\\n' \"${{COMPREPLY[@]}}\"\n\
         COMP_WORDS=(sourced init x --no); COMP_CWORD=3; _sourced sourced --no x; printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        text(&bash.stdout)
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &script])
        .output()
        .unwrap();
    assert_eq!(
        (text(&out.stdout), text(&out.stderr)),
        ("review\n--no-workflows\n".into(), String::new())
    );
    let zsh = sourced(here, &["completions", "zsh"]);
    assert!(text(&zsh.stdout).starts_with("#compdef sourced\n"));
    assert!(text(&zsh.stdout).contains("--no-workflows"));
    let fish = sourced(here, &["completions", "fish"]);
    assert!(
        text(&fish.stdout).contains(
            "complete -c sourced -n \"__fish_sourced_using_subcommand init\" -l no-workflows"
        ),
        "{}",
        text(&fish.stdout)
    );
    let bad = sourced(here, &["completions", "tcsh"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn man_prints_the_page_of_sourced_or_of_a_subcommand() {
    let here = std::path::Path::new(".");
    let version = format!(
        "\"sourced {} (verification rules {})\"",
        env!("CARGO_PKG_VERSION"),
        sourced::RULES_VERSION
    );
    let top = text(&sourced(here, &["man"]).stdout);
    assert!(top.contains(&format!(".TH sourced 1  {version}")), "{top}");
    assert!(top.contains("\n.SH SUBCOMMANDS\n"), "{top}");
    assert!(top.contains("\nsourced\\-init(1)\n"), "{top}");
    let init = sourced(here, &["man", "init"]);
    assert_eq!(init.status.code(), Some(0));
    let init = text(&init.stdout);
    assert!(
        init.contains(&format!(".TH sourced-init 1  {version}")),
        "{init}"
    );
    assert!(init.contains("\\-\\-no\\-workflows"), "{init}");
    let bad = sourced(here, &["man", "publish"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).starts_with("error: no subcommand `publish`; one of: build, check,"));
}
