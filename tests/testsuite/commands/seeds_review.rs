//! `seeds` and `review`, against a temporary git repository with real
//! commits.

use super::*;

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
