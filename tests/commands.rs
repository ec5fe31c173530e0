//! The authoring commands, run as the real binary: check --format, find,
//! init, seeds, review (against a temporary git repository with real
//! commits) and serve; and --version, completions and man.

mod common;

use common::{copy_fixture, fixture, git, sourced};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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
    for (name, expected) in sourced::init::workflows() {
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
    assert_eq!(json["schema"], sourced::export::SCHEMA);
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

#[test]
fn seeds_lists_status_and_update_repairs_the_manifest() {
    let project = copy_fixture("valid/basic");
    let p = project.path();
    let out = sourced(p, &["seeds"]);
    assert_eq!(
        (out.status.code(), text(&out.stdout)),
        (
            Some(0),
            "ok               daily              daily.txt\nok               report             report.txt\n".into()
        )
    );
    // Change a seed, add a new one.
    let report = p.join("seeds/report.txt");
    let changed = fs::read_to_string(&report).unwrap() + "A correction was appended.\n";
    fs::write(&report, changed).unwrap();
    fs::write(p.join("seeds/New Article.txt"), "A new article.\n").unwrap();
    let out = sourced(p, &["seeds"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "not in manifest  -                  New Article.txt\n\
         ok               daily              daily.txt\n\
         changed          report             report.txt\n\
         run `sourced seeds --update` to add unlisted files and re-record changed hashes\n"
    );
    let out = sourced(p, &["seeds", "--update"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(
            "added New Article.txt to seeds/sources.yaml: fill in its title and publisher"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("re-recorded the SHA-256 of report.txt"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  budget-approved (cites report)\n  library-reopens (cites report)\n"),
        "{stdout}"
    );
    // The hash is right now; the placeholder metadata is reported by check.
    let check = sourced(p, &["check"]);
    let stderr = text(&check.stderr);
    assert_eq!(check.status.code(), Some(1));
    assert!(!stderr.contains("seed-changed"), "{stderr}");
    assert!(
        stderr.contains("error[empty-field]: the source's `title` is empty"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error[empty-field]: the source's `publisher` is empty"),
        "{stderr}"
    );
}

#[test]
fn review_reports_fact_changes_between_real_commits() {
    let project = copy_fixture("valid/basic");
    let p = project.path();
    git(p, &["init", "-q", "-b", "main"]);
    git(p, &["add", "-A"]);
    git(p, &["commit", "-q", "-m", "base"]);
    // Modify a claim and a quote, move a fact to another file, add a fact,
    // and add a conflict.
    let facts = p.join("content/facts/facts.yaml");
    let original = fs::read_to_string(&facts).unwrap();
    let (first, second) = original.split_at(original.find("- id: library-reopens").unwrap());
    let first = first
        .replace(
            "approved a $4.5 million budget for 2031",
            "approved a budget of $4.5 million for 2032",
        )
        .replace(
            "quote: \"The council approved a budget of $4.5 million for 2031, the clerk said.\"",
            "quote: \"Council approves $4.5 million budget\"",
        );
    fs::write(&facts, first + "- id: vote-count\n  claim: The budget passed 7-2 on Tuesday night.\n  sources:\n    - source: daily\n      quote: \"The budget passed 7–2 on Tuesday night, the clerk repeated.\"\n").unwrap();
    fs::write(p.join("content/facts/library.yaml"), second).unwrap();
    let briefing = fs::read_to_string(p.join("content/briefing.md")).unwrap()
        + "\nThe vote was 7-2.[^vote-count]\n";
    fs::write(p.join("content/briefing.md"), briefing).unwrap();
    git(p, &["add", "-A"]);
    git(p, &["commit", "-q", "-m", "head"]);

    let out = sourced(p, &["review", "HEAD~1", "HEAD"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "# Fact review: `HEAD~1` → `HEAD`\n\n\
         **Sources: 0 changed, 0 added, 0 removed · Facts: 1 added, 0 removed, 1 modified, 1 unchanged**\n\n\
         Verification of `HEAD`: **fails, 2 errors, 0 warnings** (2 new, listed under New diagnostics).\n\n\
         ## Added\n\n\
         ### `vote-count` (single origin, 1 source)\n\n\
         > The budget passed 7-2 on Tuesday night.\n\n\
         - `daily`: “The budget passed 7–2 on Tuesday night, the clerk repeated.”\n\n\
         Cited in the briefing (HEAD):\n\
         - line 12: The vote was 7-2.\n\n\
         ## Modified\n\n\
         ### `budget-approved`\n\n\
         - Claim: The council approved a **budget of** \\$4.5 million ~~budget~~ for ~~2031~~**2032**.\n\
         - Quote from `report`: ~~The~~**Council** ~~council approved a budget of~~**approves** \\$4.5 million ~~for 2031,~~ ~~the clerk said.~~**budget**\n\n\
         Cited in the briefing (HEAD):\n\
         - line 6: The council approved a \\$4.5 million budget for 2031.\n\
         - line 10: The budget covers it.\n\n\
         ## New diagnostics\n\n\
         - `error[prose-number]` `content/briefing.md:6:48`: \\`2031\\` is not stated by any fact cited in this sentence\n\
         - `error[number-mismatch]` `content/facts/facts.yaml:2:60`: \\`2032\\` is not stated by any supporting quote\n"
    );
    // The working tree is the default HEAD; an unchanged tree has no changes.
    let out = sourced(p, &["review", "HEAD"]);
    assert!(
        text(&out.stdout).contains(
            "**Sources: 0 changed, 0 added, 0 removed · Facts: 0 added, 0 removed, 0 modified, 3 unchanged**"
        ),
        "{}",
        text(&out.stdout)
    );

    let bad = sourced(p, &["review", "no-such-rev"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).starts_with("error: revision `no-such-rev` does not exist"),
        "{}",
        text(&bad.stderr)
    );
    let outside = tempfile::tempdir().unwrap();
    let not_git = sourced(outside.path(), &["review", "HEAD"]);
    assert_eq!(not_git.status.code(), Some(2));
    assert!(
        text(&not_git.stderr).contains("is not inside a git repository"),
        "{}",
        text(&not_git.stderr)
    );
}

struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn serve_builds_serves_and_sends_a_reload_event_on_change() {
    let project = copy_fixture("valid/basic");
    let p = project.path();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sourced"))
        .args(["serve", "--port", "0", "--root"])
        .arg(p)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let _server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("{line}"))
        .to_string();

    let page = get(&addr, "/index.html");
    assert!(page.starts_with("HTTP/1.1 200 OK"), "{page}");
    assert!(page.contains("EventSource(\"/__sourced/events\")"));
    assert!(!p.join("public").exists(), "serve does not write public/");

    // Listen for events, then change a fact.
    let mut events = TcpStream::connect(&addr).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        events,
        "GET /__sourced/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(events);
    let mut seen = String::new();
    while !seen.contains(": connected") {
        reader.read_line(&mut seen).unwrap();
    }
    let facts = p.join("content/facts/facts.yaml");
    let broken = fs::read_to_string(&facts)
        .unwrap()
        .replace("on Tuesday\"", "on Wednesday\"");
    let saved = Instant::now();
    fs::write(&facts, broken).unwrap();
    let mut event = String::new();
    while !event.contains("event: reload") {
        event.clear();
        reader.read_line(&mut event).unwrap();
    }
    eprintln!(
        "reload event {} ms after the save",
        saved.elapsed().as_millis()
    );
    // The page now shows the diagnostics instead of stale content.
    let page = get(&addr, "/index.html");
    assert!(page.contains("The build failed"), "{page}");
    assert!(page.contains("error[quote-not-found]"), "{page}");
    assert!(page.contains(
        "&quot;The council approved a budget of $4.5 million for 2031 on Wednesday&quot;"
    ));
}
