//! The workflows `sourced init` writes, run job by job.

use super::*;

pub(super) fn names(ran: &[Ran]) -> Vec<(&str, Option<i32>)> {
    ran.iter().map(|r| (r.name.as_str(), r.code)).collect()
}

/// The change of a pull request that breaks the quote of the fact
/// `library-repair-vote` in the project `sourced init` makes.
pub(super) fn break_a_quote(facts: &Path) {
    let text = fs::read_to_string(facts).unwrap();
    let changed = text.replace("on Tuesday to spend", "on Monday to spend");
    assert_ne!(text, changed);
    fs::write(facts, changed).unwrap();
}

/// A project made by `sourced init x`, committed in its own repository.
pub(super) fn initialised() -> (tempfile::TempDir, PathBuf) {
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
