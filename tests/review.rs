//! `sourced review` against temporary git repositories with real commits:
//! changed sources lead the report, the report renders as GitHub-flavoured
//! Markdown with every piece of content visible, HEAD's status comes first,
//! and `--format github` annotates changed seeds.

mod common;

use common::{copy_fixture, git, sourced};
use pulldown_cmark::{Event, Options, Parser, TagEnd};
use std::fs;
use std::path::Path;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The basic fixture, committed as `base`.
fn repository() -> tempfile::TempDir {
    let project = copy_fixture("valid/basic");
    let p = project.path();
    git(p, &["init", "-q", "-b", "main"]);
    commit(p, "base");
    project
}

fn commit(p: &Path, message: &str) {
    git(p, &["add", "-A"]);
    git(p, &["commit", "-q", "-m", message]);
}

/// Replaces `from` with `to` in the file at `path`.
fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap().replace(from, to);
    fs::write(path, text).unwrap();
}

fn append(path: &Path, more: &str) {
    let text = fs::read_to_string(path).unwrap() + more;
    fs::write(path, text).unwrap();
}

fn review(p: &Path, args: &[&str]) -> String {
    let out = sourced(p, args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stdout)
}

const GFM: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_GFM);

/// The report rendered to HTML by a GFM renderer.
fn html(markdown: &str) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, Parser::new_ext(markdown, GFM));
    out
}

/// The text a reader sees when the report is rendered as GFM, whitespace
/// collapsed; fails on any raw HTML (which GitHub would render or hide).
fn visible(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(markdown, GFM) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => out.push('\n'),
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in the report: {h}"),
            _ => {}
        }
    }
    collapse(&out)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const APPENDED: &str =
    "Microsoft will also receive 90% of OpenAI profits through 2040, officials said.";

/// Issue 17's change: a sentence appended to a seed, its hash re-recorded,
/// and a fact quoting it cited from the briefing.
fn appended_sentence() -> tempfile::TempDir {
    let project = repository();
    let p = project.path();
    append(&p.join("seeds/daily.txt"), &format!("{APPENDED}\n"));
    let update = sourced(p, &["seeds", "--update"]);
    assert_eq!(update.status.code(), Some(0), "{}", text(&update.stderr));
    append(
        &p.join("content/facts/facts.yaml"),
        &format!(
            "- id: profits-2040\n  claim: Microsoft will also receive 90% of OpenAI profits through 2040.\n  sources:\n    - source: daily\n      quote: \"{APPENDED}\"\n"
        ),
    );
    append(
        &p.join("content/briefing.md"),
        "\nMicrosoft also gets the profits.[^profits-2040]\n",
    );
    let check = sourced(p, &["check", "--strict"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    commit(p, "head");
    project
}

#[test]
fn a_sentence_appended_to_a_seed_leads_the_report_and_flags_the_fact() {
    let project = appended_sentence();
    let report = review(project.path(), &["review", "HEAD~1", "HEAD"]);
    let expected_start = "# Fact review: `HEAD~1` → `HEAD`\n\n\
         **Sources: 1 changed, 0 added, 0 removed · Facts: 1 added, 0 removed, 0 modified, 2 unchanged**\n\n\
         **1 fact is supported only by text added in this change:** `profits-2040`. Check the added text against the original publication.\n\n\
         Verification of `HEAD`: **passes, 0 errors, 0 warnings**.\n\n\
         ## Sources changed\n\n\
         ### `seeds/daily.txt` (`daily`): text changed\n\n\
         - SHA-256 of the text: `d05973bbad72fd77573d162cdc5dff4846974f191bf0216c0c3003b7eef014ee` → `0f605d3c9b56dfd92e7922297ae8402795425aab3d9e48727170ff8c8689556b`; the new hash was recorded in `seeds/sources.yaml`\n\
         - 1 changed region (~~removed~~ **added**; lines as at `HEAD`):\n  \
           - `seeds/daily.txt:7`: **Microsoft will also receive 90% of OpenAI profits through 2040, officials said.**\n\
         - Re-read 1 fact quoting it in or next to a change:\n  \
           - `profits-2040` (at `HEAD` only; quotes `seeds/daily.txt:7:1`) · **supported only by text added in this change**\n\n\
         ## Added\n\n\
         ### `profits-2040` (single origin, 1 source) · **supported only by text added in this change**\n\n";
    assert!(report.starts_with(expected_start), "{report}");
    // As GitHub renders it: the changed source and the flag are visible,
    // the added sentence is bold, and the flag is bold.
    let rendered = html(&report);
    assert!(rendered.contains("<h2>Sources changed</h2>"), "{rendered}");
    assert!(
        rendered.contains(&format!(
            "<code>seeds/daily.txt:7</code>: <strong>{APPENDED}</strong>"
        )),
        "{rendered}"
    );
    assert!(
        rendered.contains(
            "<code>profits-2040</code> (at <code>HEAD</code> only; quotes <code>seeds/daily.txt:7:1</code>) · <strong>supported only by text added in this change</strong>"
        ),
        "{rendered}"
    );
    assert!(visible(&report).contains(APPENDED));

    // The workflow's annotation: one warning on the changed seed.
    let github = review(
        project.path(),
        &["review", "HEAD~1", "HEAD", "--format", "github"],
    );
    assert_eq!(
        github,
        "::warning file=seeds/daily.txt,line=7,col=1,endLine=7,endColumn=80,title=sourced source-changed::seeds/daily.txt changed between HEAD~1 and HEAD: 1 changed region\
         %0Anote: re-read the facts quoting it near the change: profits-2040\
         %0Anote: supported only by text added in this change: profits-2040\
         %0Ahelp: a saved source should not change: compare the change with the original publication; the job summary shows the word diff\n\
         0 errors, 1 warning\n"
    );
}

#[test]
fn a_one_word_edit_to_a_seed_is_shown_as_a_word_diff() {
    let project = repository();
    let p = project.path();
    let seed = p.join("seeds/daily.txt");
    edit(&seed, "three months of debate", "three months of friction");
    sourced(p, &["seeds", "--update"]);
    commit(p, "friction");
    edit(&seed, "friction", "tension");
    let update = sourced(p, &["seeds", "--update"]);
    assert_eq!(update.status.code(), Some(0), "{}", text(&update.stderr));
    // The working tree against the last commit.
    let report = review(p, &["review", "HEAD"]);
    let start = "# Fact review: `HEAD` → working tree\n\n\
         **Sources: 1 changed, 0 added, 0 removed · Facts: 0 added, 0 removed, 0 modified, 2 unchanged**\n\n\
         Verification of the working tree: **passes, 0 errors, 0 warnings**.\n\n\
         ## Sources changed\n\n\
         ### `seeds/daily.txt` (`daily`): text changed\n\n";
    assert!(report.starts_with(start), "{report}");
    assert!(
        report.contains(
            "- 1 changed region (~~removed~~ **added**; lines as at the working tree):\n  \
             - `seeds/daily.txt:3`: … on Tuesday, after three months of ~~friction~~**tension**.\n\
             - Re-read 1 fact quoting it in or next to a change:\n  \
             - `budget-approved` (at `HEAD` and the working tree; quotes `seeds/daily.txt:3:1`)\n\n\
             ## New diagnostics\n\nNone.\n"
        ),
        "{report}"
    );
    let rendered = html(&report);
    assert!(
        rendered.contains(
            "<code>seeds/daily.txt:3</code>: … on Tuesday, after three months of <del>friction</del><strong>tension</strong>."
        ),
        "{rendered}"
    );
    assert!(
        !rendered.contains("~~") && !rendered.contains("**"),
        "{rendered}"
    );
    assert!(
        visible(&report).contains("after three months of frictiontension."),
        "{report}"
    );
}

#[test]
fn content_cannot_hide_the_rest_of_the_report_when_rendered_as_gfm() {
    let project = repository();
    let p = project.path();
    // A claim ending in `<!--` and a false fact after it, with quotes and
    // notes full of markup; an id and a note that are markup themselves.
    let facts = [
        (
            "hides-the-rest",
            "claim: |\n    The council approved the budget. <!--\n",
            "The council approved a budget of $4.5 million for 2031 on Tuesday",
        ),
        (
            "false-fact",
            "claim: \"The mayor resigned <script>alert(1)</script> *today* [^x] | a | b |\"\n",
            "The library will reopen in March 2031, officials said.",
        ),
        (
            "x<!--y",
            "claim: \"`code` ~~struck~~ **bold** $x$ &lt; &amp; <b>bold</b>\"\n",
            "The budget passed 7–2 on Tuesday night.",
        ),
        (
            "heading",
            "claim: \"# not a heading\"\n  note: \"- not a list <!-- not a comment -->\"\n",
            "Critics said the library plan would cost more than the $1.2 million set aside.",
        ),
    ];
    let mut yaml = String::new();
    for (id, claim, quote) in facts {
        yaml.push_str(&format!(
            "- id: \"{id}\"\n  {claim}  sources:\n    - source: daily\n      quote: \"{quote} <!--\"\n"
        ));
    }
    fs::write(p.join("content/facts/hostile.yaml"), yaml).unwrap();
    let report = review(p, &["review", "HEAD"]);
    let seen = visible(&report);
    for (id, claim, quote) in facts {
        assert!(
            seen.contains(&format!("{id} (")),
            "{id} not visible in {seen}"
        );
        assert!(
            seen.contains(&collapse(&format!("“{quote} <!--”"))),
            "quote of {id} not visible in {seen}"
        );
        let claim = claim
            .trim_start_matches("claim: |\n    ")
            .trim_start_matches("claim: \"");
        let claim = claim.split(['"', '\n']).next().unwrap();
        assert!(
            seen.contains(&collapse(claim)),
            "claim of {id} not visible in {seen}"
        );
    }
    assert!(seen.contains("not a list <!-- not a comment -->"), "{seen}");
    // The sections after the hostile content are still there.
    assert!(seen.contains("New diagnostics"), "{seen}");
    assert!(
        report.contains("Facts: 4 added, 0 removed, 0 modified, 2 unchanged"),
        "{report}"
    );
    let rendered = html(&report);
    assert!(!rendered.contains("<script"), "{rendered}");
    assert!(!rendered.contains("<!--"), "{rendered}");
    assert!(!rendered.contains("<h1>not"), "{rendered}");
}

#[test]
fn a_fact_file_that_does_not_parse_at_head_is_not_reported_as_removed() {
    let project = repository();
    let p = project.path();
    append(&p.join("content/facts/facts.yaml"), "- id: [unclosed\n");
    let report = review(p, &["review", "HEAD"]);
    let lines: Vec<&str> = report.lines().take(6).collect();
    assert_eq!(
        lines[..5],
        [
            "# Fact review: `HEAD` → working tree",
            "",
            "**Sources: 0 changed, 0 added, 0 removed · Facts: 0 added, 0 removed, 0 modified, 0 unchanged, 2 not compared**",
            "",
            "Verification of the working tree: **fails, 1 error, 0 warnings** (1 new, listed under New diagnostics).",
        ],
        "{report}"
    );
    assert!(
        lines[5].starts_with(
            "- `content/facts/facts.yaml` could not be read, so its facts are not compared: `content/facts/facts.yaml:18:"
        ),
        "{report}"
    );
    assert!(
        report.contains(
            "## Not compared\n\n\
             These facts of `HEAD` are in a file that could not be read at the working tree:\n\n\
             - `budget-approved` (`content/facts/facts.yaml`)\n\
             - `library-reopens` (`content/facts/facts.yaml`)\n"
        ),
        "{report}"
    );
    assert!(!report.contains("## Removed"), "{report}");

    // The other way round: BASE could not read the file, HEAD can; its
    // facts are not "added".
    commit(p, "broken");
    git(
        p,
        &["checkout", "-q", "HEAD~1", "--", "content/facts/facts.yaml"],
    );
    let report = review(p, &["review", "HEAD"]);
    assert!(
        report.starts_with(
            "# Fact review: `HEAD` → working tree\n\n\
             **Sources: 0 changed, 0 added, 0 removed · Facts: 0 added, 0 removed, 0 modified, 0 unchanged, 2 not compared**\n\n\
             Verification of the working tree: **passes, 0 errors, 0 warnings**.\n\
             - `content/facts/facts.yaml` could not be read at `HEAD`, so its facts are not compared.\n\n\
             ## Not compared\n\n\
             These facts of the working tree are in a file that could not be read at `HEAD`:\n\n\
             - `budget-approved` (`content/facts/facts.yaml`)\n\
             - `library-reopens` (`content/facts/facts.yaml`)\n"
        ),
        "{report}"
    );
}

#[test]
fn added_and_removed_sources_are_listed_with_their_facts() {
    let project = repository();
    let p = project.path();
    fs::remove_file(p.join("seeds/report.txt")).unwrap();
    fs::write(
        p.join("seeds/extra.txt"),
        "Extra News\n\nThe council will meet again in April 2031, the clerk said.\n",
    )
    .unwrap();
    let manifest = fs::read_to_string(p.join("seeds/sources.yaml")).unwrap();
    let kept = &manifest[..manifest.find("- key: report").unwrap()];
    fs::write(p.join("seeds/sources.yaml"), kept).unwrap();
    sourced(p, &["seeds", "--update"]);
    let report = review(p, &["review", "HEAD"]);
    assert!(
        report.contains("**Sources: 0 changed, 1 added, 1 removed ·"),
        "{report}"
    );
    assert!(
        report.contains(
            "### `seeds/extra.txt` (`extra`): added\n\n\
             - SHA-256 of the text: `10c071e8ee1c3c83c40cd97ed1b56c9f5be231eec9b373df30f6f9f728e279f5`\n\
             - Manifest `key`: (none) → “extra”\n\
             - Manifest `title`: (none) → “”\n\
             - Manifest `publisher`: (none) → “”\n\
             - New document of 3 lines, added in this change: all of its text is new.\n\
             - No fact quotes it near a change.\n"
        ),
        "{report}"
    );
    assert!(
        report.contains(
            "### `seeds/report.txt` (`report`): removed\n\n\
             - SHA-256 of the text was: `1bd6bea1f7bb6d94320f92a9737ebeee840f26b30ad94d99be292a41980fe464`\n\
             - Manifest `key`: “report” → (none)\n\
             - Manifest `title`: “Council approves \\$4.5 million budget” → (none)\n\
             - Manifest `publisher`: “City Report” → (none)\n\
             - Removed from the working tree; it had 4 lines.\n\
             - Re-read 2 facts quoting it (the whole document changed):\n  \
             - `budget-approved` (at `HEAD` only; quotes `seeds/report.txt:3:1`)\n  \
             - `library-reopens` (at `HEAD` only; quotes `seeds/report.txt:4:1`)\n"
        ),
        "{report}"
    );
}

#[test]
fn a_changed_manifest_entry_is_a_changed_source() {
    let project = repository();
    let p = project.path();
    edit(
        &p.join("seeds/sources.yaml"),
        "publisher: Example Daily",
        "publisher: The Times <!--",
    );
    let report = review(p, &["review", "HEAD"]);
    assert!(
        report.contains(
            "**Sources: 1 changed, 0 added, 0 removed · Facts: 0 added, 0 removed, 0 modified, 2 unchanged**\n\n\
             Verification of the working tree: **passes, 0 errors, 0 warnings**.\n\n\
             ## Sources changed\n\n\
             ### `seeds/daily.txt` (`daily`): manifest entry changed\n\n\
             - Manifest `publisher`: “Example Daily” → “The Times \\<\\!--”\n\
             - Re-read 2 facts quoting it (its manifest entry changed):\n  \
             - `budget-approved` (at `HEAD` and the working tree; quotes `seeds/daily.txt:3:1`)\n  \
             - `library-reopens` (at `HEAD` and the working tree; quotes `seeds/daily.txt:5:1`)\n\n\
             ## New diagnostics\n"
        ),
        "{report}"
    );
    assert!(visible(&report).contains("“The Times <!--”"));
    let github = review(p, &["review", "HEAD", "--format", "github"]);
    assert!(
        github.starts_with(
            "::warning file=seeds/daily.txt,line=1,col=1,endLine=1,endColumn=1,title=sourced source-changed::the manifest entry of seeds/daily.txt changed between HEAD and working tree%0A"
        ),
        "{github}"
    );
}
