//! Runs the `run:` steps of .github/workflows/*.yml against a real project
//! in a git repository with an `origin`, as GitHub would, with `cargo run
//! --release --locked --` and `./target/release/sourced` standing for the
//! binary under test (building it again inside the test is not needed).
//!
//! It also runs the workflows that `sourced init` writes, job by job: each
//! use of the composite action (action.yml) becomes the action's own `run:`
//! steps, with its inputs. The one thing replaced is where the release comes
//! from: the install step downloads from a `file://` folder laid out like a
//! GitHub release (`v<version>/sourced-<version>-<target>.tar.gz` and
//! `SHA256SUMS`) that holds the binary under test, instead of from GitHub.
//! The download, the checksum check, the unpacking and `$GITHUB_PATH` are
//! the action's real script.

use crate::common::{copy_dir, fixture, git};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

mod runner;
use runner::*;
mod initd;

fn steps(workflow: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".github/workflows")
        .join(workflow);
    let yaml: serde_json::Value =
        serde_saphyr::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    let mut runs = Vec::new();
    for job in yaml["jobs"].as_object().unwrap().values() {
        for step in job["steps"].as_array().unwrap() {
            if let Some(run) = step["run"].as_str() {
                runs.push(run.to_string());
            }
        }
    }
    runs
}

/// A copy of the basic fixture, committed, with `origin/main` fetched.
fn repository() -> (tempfile::TempDir, PathBuf) {
    repository_with(|work| copy_dir(&fixture("valid/basic"), work))
}

/// A repository whose first commit is what `fill` writes into its work
/// tree, pushed to a bare `origin`, with `origin/main` fetched.
fn repository_with(fill: impl FnOnce(&Path)) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("work");
    fill(&work);
    git(&work, &["init", "-q", "-b", "main"]);
    git(&work, &["add", "-A"]);
    git(&work, &["commit", "-q", "-m", "base"]);
    let origin = tmp.path().join("origin.git");
    git(
        tmp.path(),
        &["init", "-q", "--bare", origin.to_str().unwrap()],
    );
    git(
        &work,
        &["remote", "add", "origin", origin.to_str().unwrap()],
    );
    git(&work, &["push", "-q", "origin", "main"]);
    git(&work, &["fetch", "-q", "origin"]);
    (tmp, work)
}

fn run_step(dir: &Path, step: &str, summary: &Path) -> std::process::Output {
    let binary = env!("CARGO_BIN_EXE_sourced");
    let command = step
        .replace("cargo run --release --locked --", binary)
        .replace("./target/release/sourced", binary);
    Command::new("bash")
        .args(["-euo", "pipefail", "-c", &command])
        .current_dir(dir)
        .env("GITHUB_STEP_SUMMARY", summary)
        .env("BASE_REF", "main")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn the_pages_workflow_builds_the_site_strictly() {
    let runs = steps("pages.yml");
    assert_eq!(runs, ["cargo run --release --locked -- build --strict"]);
    let (_tmp, work) = repository();
    let out = run_step(&work, &runs[0], &work.join("summary.md"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(work.join("public/index.html").is_file());
    assert!(work.join("public/.nojekyll").is_file());
}

#[test]
fn the_review_workflow_annotates_and_writes_the_review_summary() {
    let runs = steps("review.yml");
    assert_eq!(
        runs,
        [
            "cargo build --release --locked",
            "./target/release/sourced check --format github",
            "./target/release/sourced review \"origin/$BASE_REF\" --format github",
            "./target/release/sourced review \"origin/$BASE_REF\" >> \"$GITHUB_STEP_SUMMARY\"",
        ]
    );
    let (tmp, work) = repository();
    // A pull request that breaks a quote.
    let facts = work.join("content/facts/facts.yaml");
    let changed = fs::read_to_string(&facts)
        .unwrap()
        .replace("on Tuesday\"", "on Wednesday\"");
    fs::write(&facts, changed).unwrap();
    let summary = tmp.path().join("summary.md");
    let check = run_step(&work, &runs[1], &summary);
    assert_eq!(check.status.code(), Some(1));
    let annotations = String::from_utf8_lossy(&check.stdout);
    assert!(
        annotations.starts_with("::error file=content/facts/facts.yaml,line=5,col=14,"),
        "{annotations}"
    );
    assert!(
        annotations.ends_with("1 error, 0 warnings\n"),
        "{annotations}"
    );
    let unchanged_seeds = run_step(&work, &runs[2], &summary);
    assert_eq!(
        (
            unchanged_seeds.status.code(),
            String::from_utf8_lossy(&unchanged_seeds.stdout).into_owned()
        ),
        (Some(0), "0 errors, 0 warnings\n".to_string())
    );
    let review = run_step(&work, &runs[3], &summary);
    assert!(
        review.status.success(),
        "{}",
        String::from_utf8_lossy(&review.stderr)
    );
    let text = fs::read_to_string(&summary).unwrap();
    assert!(
        text.starts_with("# Fact review: `origin/main` → working tree\n"),
        "{text}"
    );
    assert!(text.contains("### `budget-approved`"), "{text}");
    assert!(text.contains("~~Tuesday~~**Wednesday**"), "{text}");
    assert!(
        text.contains("`error[quote-not-found]` `content/facts/facts.yaml:5:14`"),
        "{text}"
    );
}

#[test]
fn the_review_workflow_flags_a_source_edited_in_the_pull_request() {
    let runs = steps("review.yml");
    let (tmp, work) = repository();
    // A pull request that edits a seed and re-records its hash: `check`
    // passes, so only the review can show it.
    let seed = work.join("seeds/daily.txt");
    let edited = fs::read_to_string(&seed)
        .unwrap()
        .replace("three months of debate", "three months of tension");
    fs::write(&seed, edited).unwrap();
    let update = run_step(&work, "./target/release/sourced seeds --update", &work);
    assert!(update.status.success());
    let summary = tmp.path().join("summary.md");
    let check = run_step(&work, &runs[1], &summary);
    assert_eq!(check.status.code(), Some(0));
    let annotations = run_step(&work, &runs[2], &summary);
    assert_eq!(
        String::from_utf8_lossy(&annotations.stdout),
        "::warning file=seeds/daily.txt,line=3,col=90,endLine=3,endColumn=97,title=sourced source-changed::seeds/daily.txt changed between origin/main and working tree: 1 changed region\
         %0Anote: re-read the facts quoting it near the change: budget-approved\
         %0Ahelp: a saved source should not change: compare the change with the original publication; the job summary shows the word diff\n\
         0 errors, 1 warning\n"
    );
    let review = run_step(&work, &runs[3], &summary);
    assert!(review.status.success());
    let text = fs::read_to_string(&summary).unwrap();
    assert!(
        text.starts_with(
            "# Fact review: `origin/main` → working tree\n\n\
             **Sources: 1 changed, 0 added, 0 removed · Facts: 0 added, 0 removed, 0 modified, 2 unchanged**\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("after three months of ~~debate~~**tension**."),
        "{text}"
    );
}

/// `owner/name` of this repository, from Cargo.toml's `repository`.
fn this_repository() -> &'static str {
    env!("CARGO_PKG_REPOSITORY")
        .strip_prefix("https://github.com/")
        .unwrap()
}

fn yaml(path: &Path) -> Value {
    serde_saphyr::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}
