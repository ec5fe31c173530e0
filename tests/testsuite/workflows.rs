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

/// Runs jobs of a workflow the way a GitHub runner would, on this machine:
/// steps in order, a failed step skips the rest except `if: always()`
/// ones, `$GITHUB_PATH` and `$GITHUB_STEP_SUMMARY` are files, and the
/// composite action is expanded into its steps.
struct Runner {
    /// The checkout: where every step starts.
    work: PathBuf,
    /// `RUNNER_TEMP`, `GITHUB_PATH`, `GITHUB_STEP_SUMMARY` live here.
    temp: tempfile::TempDir,
    /// The folder standing for the GitHub releases of sourced.
    releases: PathBuf,
    /// The workflow's `env:`.
    env: BTreeMap<String, String>,
}

/// What one step did.
#[derive(Debug)]
struct Ran {
    name: String,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// The Rust target the action picks for this machine, as a Linux runner.
fn linux_target() -> (&'static str, &'static str) {
    match std::env::consts::ARCH {
        "aarch64" => ("ARM64", "aarch64-unknown-linux-musl"),
        _ => ("X64", "x86_64-unknown-linux-musl"),
    }
}

/// A folder laid out like the GitHub release `v<version>` of sourced, whose
/// archive for this machine holds the binary under test (release.yml
/// builds the real ones). Returns the archive's path.
fn fake_release(releases: &Path, version: &str) -> PathBuf {
    let (_, target) = linux_target();
    let name = format!("sourced-{version}-{target}");
    let dir = releases.join(format!("v{version}"));
    fs::create_dir_all(&dir).unwrap();
    let archive = dir.join(format!("{name}.tar.gz"));
    let bytes = archive_of_the_binary(&name);
    fs::write(&archive, bytes).unwrap();
    let sum = sourced::project::source::sha256_hex(bytes);
    fs::write(
        dir.join("SHA256SUMS"),
        format!("{sum}  {name}.tar.gz\n{}  other.zip\n", "0".repeat(64)),
    )
    .unwrap();
    archive
}

/// `NAME/sourced` (the binary under test) as a .tar.gz, made once per run
/// of this file: compressing the debug binary takes seconds.
fn archive_of_the_binary(name: &str) -> &'static [u8] {
    static ARCHIVE: std::sync::OnceLock<(String, Vec<u8>)> = std::sync::OnceLock::new();
    let (made_for, bytes) = ARCHIVE.get_or_init(|| {
        let staging = tempfile::tempdir().unwrap();
        fs::create_dir(staging.path().join(name)).unwrap();
        fs::copy(
            env!("CARGO_BIN_EXE_sourced"),
            staging.path().join(name).join("sourced"),
        )
        .unwrap();
        let archive = staging.path().join("archive.tar.gz");
        let status = Command::new("tar")
            .arg("-czf")
            .arg(&archive)
            .arg("-C")
            .arg(staging.path())
            .arg(name)
            .status()
            .unwrap();
        assert!(status.success());
        (name.to_string(), fs::read(&archive).unwrap())
    });
    assert_eq!(made_for, name);
    bytes
}

impl Runner {
    fn new(work: &Path, workflow: &Value) -> Runner {
        let temp = tempfile::tempdir().unwrap();
        let releases = temp.path().join("releases");
        fs::create_dir_all(temp.path().join("runner-temp")).unwrap();
        let mut env = BTreeMap::new();
        if let Some(vars) = workflow["env"].as_object() {
            for (k, v) in vars {
                let v = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                env.insert(k.clone(), v);
            }
        }
        Runner {
            work: work.to_path_buf(),
            temp,
            releases,
            env,
        }
    }

    fn summary(&self) -> PathBuf {
        self.temp.path().join("summary.md")
    }

    fn github_path(&self) -> PathBuf {
        self.temp.path().join("github_path")
    }

    /// `${{ … }}` in a value, for the expressions these workflows use.
    fn eval(&self, text: &str, inputs: &BTreeMap<String, String>) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${{") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find("}}").unwrap() + start;
            let expr = rest[start + 3..end].trim();
            let value = if let Some(name) = expr.strip_prefix("inputs.") {
                inputs[name].clone()
            } else if let Some(name) = expr.strip_prefix("env.") {
                self.env[name].clone()
            } else if expr == "github.base_ref" {
                "main".to_string()
            } else {
                panic!("the test runner does not know `{expr}`")
            };
            out.push_str(&value);
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        out
    }

    /// Runs one `run:` script with bash as GitHub's `shell: bash` does.
    fn run_script(&self, name: &str, script: &str, env: &BTreeMap<String, String>) -> Ran {
        let (arch, _) = linux_target();
        // `$GITHUB_PATH` entries come first, then the system's PATH without
        // any folder that has a `sourced` of its own.
        let added = fs::read_to_string(self.github_path()).unwrap_or_default();
        let system = std::env::var("PATH").unwrap_or_default();
        let mut path: Vec<String> = added.lines().rev().map(str::to_string).collect();
        path.extend(
            system
                .split(':')
                .filter(|d| !Path::new(d).join("sourced").exists())
                .map(str::to_string),
        );
        let out = Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
            .current_dir(&self.work)
            .env_clear()
            .env("PATH", path.join(":"))
            .env("HOME", self.temp.path())
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", arch)
            .env("RUNNER_TEMP", self.temp.path().join("runner-temp"))
            .env("GITHUB_PATH", self.github_path())
            .env("GITHUB_STEP_SUMMARY", self.summary())
            .env("NO_COLOR", "1")
            .envs(env)
            .output()
            .unwrap();
        Ran {
            name: name.to_string(),
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// The steps of action.yml with these `with:` inputs (and the defaults).
    fn run_action(&self, with: &Value, ran: &mut Vec<Ran>) -> bool {
        let action = yaml(&Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml"));
        assert_eq!(action["runs"]["using"], "composite");
        let mut inputs = BTreeMap::new();
        for (name, spec) in action["inputs"].as_object().unwrap() {
            if let Some(default) = spec["default"].as_str() {
                inputs.insert(name.clone(), default.to_string());
            }
        }
        for (name, value) in with.as_object().unwrap() {
            assert!(
                action["inputs"].get(name).is_some(),
                "the action has no input {name}"
            );
            let value = value.as_str().unwrap();
            inputs.insert(name.clone(), self.eval(value, &BTreeMap::new()));
        }
        for step in action["runs"]["steps"].as_array().unwrap() {
            assert_eq!(step["shell"], "bash");
            let mut env = BTreeMap::new();
            for (k, v) in step["env"].as_object().unwrap() {
                env.insert(k.clone(), self.eval(v.as_str().unwrap(), &inputs));
            }
            if let Some(releases) = env.get_mut("RELEASES") {
                // The one replacement: this folder instead of GitHub.
                assert_eq!(
                    *releases,
                    format!("{}/releases/download", env!("CARGO_PKG_REPOSITORY"))
                );
                *releases = format!("file://{}", self.releases.display());
            }
            let name = self.eval(step["name"].as_str().unwrap(), &inputs);
            let result = self.run_script(&name, step["run"].as_str().unwrap(), &env);
            let ok = result.code == Some(0);
            ran.push(result);
            if !ok {
                return false;
            }
        }
        true
    }

    /// Runs the job `job` of `workflow` and returns what each step did.
    /// GitHub's own actions are not run: the checkout is `work` already,
    /// and the Pages upload is checked to find its folder.
    fn run_job(&self, workflow: &Value, job: &str) -> Vec<Ran> {
        let action = format!("{}@v{}", this_repository(), env!("CARGO_PKG_VERSION_MAJOR"));
        let mut ran = Vec::new();
        let mut failed = false;
        for step in workflow["jobs"][job]["steps"].as_array().unwrap() {
            let always = step["if"].as_str() == Some("always()");
            if failed && !always {
                continue;
            }
            let uses = step["uses"].as_str().unwrap_or_default();
            assert!(
                step.get("run").is_none(),
                "init'd workflows only use actions"
            );
            if uses == action {
                failed |= !self.run_action(&step["with"], &mut ran);
            } else if uses.starts_with("actions/upload-pages-artifact@") {
                let path = self.eval(step["with"]["path"].as_str().unwrap(), &BTreeMap::new());
                assert!(
                    self.work.join(&path).join("index.html").is_file(),
                    "nothing to upload at {path}"
                );
                ran.push(Ran {
                    name: format!("upload {path}"),
                    code: Some(0),
                    stdout: String::new(),
                    stderr: String::new(),
                });
            } else {
                assert!(uses.starts_with("actions/"), "unexpected step {step}");
            }
        }
        ran
    }
}

fn names(ran: &[Ran]) -> Vec<(&str, Option<i32>)> {
    ran.iter().map(|r| (r.name.as_str(), r.code)).collect()
}

/// The change of a pull request that breaks the quote of the fact
/// `library-repair-vote` in the project `sourced init` makes.
fn break_a_quote(facts: &Path) {
    let text = fs::read_to_string(facts).unwrap();
    let changed = text.replace("on Tuesday to spend", "on Monday to spend");
    assert_ne!(text, changed);
    fs::write(facts, changed).unwrap();
}

/// A project made by `sourced init x`, committed in its own repository.
fn initialised() -> (tempfile::TempDir, PathBuf) {
    repository_with(|work| {
        let out = crate::common::sourced(work.parent().unwrap(), &["init", "work"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    })
}

#[test]
fn the_initd_review_workflow_annotates_and_writes_the_review_summary() {
    let (_tmp, work) = initialised();
    let workflow = yaml(&work.join(".github/workflows/review.yml"));
    let version = env!("CARGO_PKG_VERSION");
    // A pull request that breaks a quote.
    break_a_quote(&work.join("content/facts/library.yaml"));
    let runner = Runner::new(&work, &workflow);
    fake_release(&runner.releases, version);
    let ran = runner.run_job(&workflow, "review");
    let install = format!("Install sourced {version}");
    assert_eq!(
        names(&ran),
        [
            (install.as_str(), Some(0)),
            ("sourced check", Some(1)),
            (install.as_str(), Some(0)),
            ("sourced review", Some(0)),
        ],
        "{ran:#?}"
    );
    assert_eq!(
        (ran[0].stdout.as_str(), ran[0].stderr.as_str()),
        (
            format!(
                "sourced {version} (verification rules {})\n",
                sourced::RULES_VERSION
            )
            .as_str(),
            ""
        )
    );
    let added = fs::read_to_string(runner.github_path()).unwrap();
    assert!(
        added.ends_with(&format!(
            "runner-temp/sourced-{version}-{}\n",
            linux_target().1
        )),
        "{added}"
    );
    assert!(
        ran[1]
            .stdout
            .starts_with("::error file=content/facts/library.yaml,line=6,col=14,"),
        "{}",
        ran[1].stdout
    );
    assert!(
        ran[1].stdout.ends_with("1 error, 0 warnings\n"),
        "{}",
        ran[1].stdout
    );
    let text = fs::read_to_string(runner.summary()).unwrap();
    assert!(
        text.starts_with("# Fact review: `origin/main` → working tree\n"),
        "{text}"
    );
    assert!(text.contains("### `library-repair-vote`"), "{text}");
    assert!(text.contains("~~Tuesday~~**Monday**"), "{text}");
}

#[test]
fn the_initd_pages_workflow_builds_strictly_at_the_root_and_in_a_subfolder() {
    // At the root of its repository, as `sourced init` makes it.
    let (_tmp, work) = initialised();
    let workflow = yaml(&work.join(".github/workflows/pages.yml"));
    assert_eq!(workflow["env"]["BRIEFING"], ".");
    let runner = Runner::new(&work, &workflow);
    fake_release(&runner.releases, env!("CARGO_PKG_VERSION"));
    let ran = runner.run_job(&workflow, "build");
    assert_eq!(
        names(&ran)[1..],
        [("sourced build", Some(0)), ("upload ./public", Some(0))],
        "{ran:#?}"
    );
    assert!(work.join("public/.nojekyll").is_file());

    // In a subfolder: the workflow moved to the repository's own
    // .github/workflows/ and BRIEFING set, as its comment says.
    let (_tmp, work) = repository_with(|work| {
        fs::create_dir_all(work).unwrap();
        let out = crate::common::sourced(work, &["init", "briefing"]);
        assert!(out.status.success());
        fs::rename(work.join("briefing/.github"), work.join(".github")).unwrap();
    });
    let path = work.join(".github/workflows/pages.yml");
    let moved = fs::read_to_string(&path)
        .unwrap()
        .replace("  BRIEFING: .\n", "  BRIEFING: briefing\n");
    fs::write(&path, moved).unwrap();
    let workflow = yaml(&path);
    let runner = Runner::new(&work, &workflow);
    fake_release(&runner.releases, env!("CARGO_PKG_VERSION"));
    let ran = runner.run_job(&workflow, "build");
    assert_eq!(
        names(&ran)[1..],
        [
            ("sourced build", Some(0)),
            ("upload briefing/public", Some(0))
        ],
        "{ran:#?}"
    );
    assert!(!work.join("public").exists());

    // And the review of a pull request in that subfolder annotates the
    // file by its path in the repository.
    break_a_quote(&work.join("briefing/content/facts/library.yaml"));
    let review = yaml(&work.join(".github/workflows/review.yml"));
    let mut runner = Runner::new(&work, &review);
    runner.env.insert("BRIEFING".into(), "briefing".into());
    fake_release(&runner.releases, env!("CARGO_PKG_VERSION"));
    let ran = runner.run_job(&review, "review");
    assert!(
        ran[1]
            .stdout
            .starts_with("::error file=briefing/content/facts/library.yaml,line=6,col=14,"),
        "{ran:#?}"
    );
    let text = fs::read_to_string(runner.summary()).unwrap();
    assert!(text.contains("~~Tuesday~~**Monday**"), "{text}");
}

#[test]
fn the_action_installs_nothing_whose_checksum_does_not_match() {
    let (_tmp, work) = initialised();
    let version = env!("CARGO_PKG_VERSION");
    let archive_name = format!("sourced-{version}-{}.tar.gz", linux_target().1);
    // Runs the action with the inputs `release` returns after laying out
    // the release folder; gives whether it succeeded, its steps, and what
    // it added to $GITHUB_PATH.
    let run = |release: &dyn Fn(&Path) -> Value| {
        let runner = Runner::new(&work, &Value::Null);
        let with = release(&runner.releases);
        let mut ran = Vec::new();
        let ok = runner.run_action(&with, &mut ran);
        let added = fs::read_to_string(runner.github_path()).unwrap_or_default();
        (ok, ran, added)
    };
    let check = serde_json::json!({"command": "check", "version": version});

    // The archive changed after SHA256SUMS was written.
    let (ok, ran, added) = run(&|releases| {
        let archive = fake_release(releases, version);
        let mut bytes = fs::read(&archive).unwrap();
        bytes.extend_from_slice(b"tampered");
        fs::write(&archive, bytes).unwrap();
        check.clone()
    });
    assert!(!ok);
    assert_eq!(ran.len(), 1, "{ran:#?}");
    assert!(
        ran[0].stdout.starts_with(&format!(
            "::error title=sourced::SHA-256 mismatch for {archive_name}: expected "
        )),
        "{ran:#?}"
    );
    assert_eq!(added, "");

    // SHA256SUMS does not list the archive.
    let (ok, ran, added) = run(&|releases| {
        let archive = fake_release(releases, version);
        fs::write(archive.with_file_name("SHA256SUMS"), "").unwrap();
        check.clone()
    });
    assert!(!ok);
    assert_eq!(
        ran[0].stdout,
        format!(
            "::error title=sourced::SHA256SUMS of release v{version} does not list {archive_name}\n"
        )
    );
    assert_eq!(added, "");

    // A pinned `sha256` input is checked instead of SHA256SUMS: a wrong
    // pin fails even though SHA256SUMS is right...
    let wrong = "ab".repeat(32);
    let (ok, ran, added) = run(&|releases| {
        fake_release(releases, version);
        serde_json::json!({"command": "check", "version": version, "sha256": wrong})
    });
    assert!(!ok);
    assert!(
        ran[0].stdout.contains(&format!("expected {wrong}, got ")),
        "{ran:#?}"
    );
    assert_eq!(added, "");
    // ...and the right pin (in capitals, as some tools print it) passes
    // without any SHA256SUMS.
    let (ok, ran, added) = run(&|releases| {
        let archive = fake_release(releases, version);
        fs::remove_file(archive.with_file_name("SHA256SUMS")).unwrap();
        let sum = sourced::project::source::sha256_hex(&fs::read(&archive).unwrap()).to_uppercase();
        serde_json::json!({"command": "check", "version": version, "sha256": sum})
    });
    assert!(ok, "{ran:#?}");
    assert_eq!(ran[1].stdout, "0 errors, 0 warnings\n");
    assert!(added.ends_with(&format!("{}\n", archive_name.trim_end_matches(".tar.gz"))));

    // `latest`, or no version, is refused before anything is downloaded.
    for v in ["latest", ""] {
        let (ok, ran, added) = run(&|_| serde_json::json!({"command": "check", "version": v}));
        assert!(!ok);
        assert_eq!(
            ran[0].stdout,
            format!(
                "::error title=sourced::the version input must be a release such as 0.1.0, not `{v}`\n"
            )
        );
        assert_eq!(added, "");
    }

    // An unknown command is refused after a good install.
    let (ok, ran, _) = run(&|releases| {
        fake_release(releases, version);
        serde_json::json!({"command": "publish", "version": version})
    });
    assert!(!ok);
    assert_eq!(ran[1].code, Some(2));
    assert_eq!(
        ran[1].stdout,
        "::error title=sourced::unknown command `publish`: use check, build or review\n"
    );
}
