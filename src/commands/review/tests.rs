use super::*;

#[test]
fn markdown_word_diff() {
    assert_eq!(
        markdown_diff(
            "runs through 2032, no longer exclusive",
            "runs through 2033, no longer exclusive"
        ),
        "runs through ~~2032~~**2033**, no longer exclusive"
    );
}

#[test]
fn references_are_stripped_from_sentences() {
    assert_eq!(strip_refs("A claim.[^a][^b] More"), "A claim. More");
}

#[test]
fn content_is_escaped_as_text() {
    assert_eq!(md("a <!-- b"), "a \\<\\!-- b");
    assert_eq!(md("# title"), "\\# title");
    assert_eq!(md("  - item"), " \\- item");
    assert_eq!(md("12. x"), "12\\. x");
    assert_eq!(md("x 12. y"), "x 12. y");
    assert_eq!(md("a\n\n  b\r\n"), "a b ");
    assert_eq!(
        md("$1 & *x* `c` | ~y~"),
        "\\$1 \\& \\*x\\* \\`c\\` \\| \\~y\\~"
    );
    assert_eq!(md("a\u{202e}b\u{0}"), "a\\[U+202E\\]b\\[U+0000\\]");
    assert_eq!(md_at("- x", false), "- x");
}

#[test]
fn code_spans_hold_any_text() {
    assert_eq!(code("id"), "`id`");
    assert_eq!(code("a`b"), "``a`b``");
    assert_eq!(code("`x"), "`` `x ``");
    assert_eq!(code("a\nb"), "`a b`");
    assert_eq!(code(""), "(empty)");
}

/// Renders inline Markdown with a GFM renderer.
fn render(markdown: &str) -> String {
    let options = pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_GFM;
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, pulldown_cmark::Parser::new_ext(markdown, options));
    out
}

#[test]
fn change_markers_are_recognised_next_to_any_punctuation() {
    for (old, new, del, ins) in [
        ("a.b", "a,b", ".", ","),
        ("end.", "end!", ".", "!"),
        ("say “word” now", "say «word» now", "”", "»"),
        ("x (y) z", "x [y] z", ")", "]"),
        ("cost $4.5 million", "cost $5.4 million", ".5", "5."),
        ("of friction.", "of tension.", "friction", "tension"),
        ("a-b", "a_b", "-", "_"),
        ("x*y", "x~y", "*", "~"),
    ] {
        let html = render(&markdown_diff(old, new));
        let escaped = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
        assert!(
            html.contains(&format!("<del>{}</del>", escaped(del)))
                && html.contains(&format!("<strong>{}</strong>", escaped(ins)))
                && !html.contains("~~")
                && !html.contains("**"),
            "{old} → {new}: {html}"
        );
    }
}

#[test]
fn words_of_context() {
    assert_eq!(head_words("one two three four", 2), "one two …");
    assert_eq!(head_words(" one two", 2), " one two");
    assert_eq!(tail_words("one two three four ", 2), "… three four ");
    assert_eq!(tail_words("one two", 2), "one two");
}

#[test]
fn seed_diff_finds_regions_with_positions() {
    let old = "Title\n\none two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen.\nLast line.\n";
    let new = "Title\n\none two THREE four five six seven eight nine ten eleven twelve thirteen fourteen FIFTEEN sixteen.\nLast line.\nAdded line.\n";
    let diff = seed_diff(old, new);
    assert!(!diff.too_large);
    // Two changes 11 words apart are one region; the added line is
    // another.
    assert_eq!(diff.regions.len(), 2, "{:?}", diff.regions);
    let first = &diff.regions[0];
    assert_eq!(
        &old[first.old.clone()],
        "three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
    );
    assert_eq!(
        &new[first.new.clone()],
        "THREE four five six seven eight nine ten eleven twelve thirteen fourteen FIFTEEN"
    );
    assert_eq!(
        Marked::default().runs(&shown_runs(first)),
        "one two ~~three~~**THREE** four five six seven eight nine ten eleven twelve thirteen fourteen ~~fifteen~~**FIFTEEN** sixteen."
    );
    let added = &diff.regions[1];
    assert_eq!(&new[added.new.clone()], "Added line.\n");
    assert_eq!(added.old, old.len()..old.len());
    assert_eq!(
        diff.inserted
            .iter()
            .map(|r| &new[r.clone()])
            .collect::<Vec<_>>(),
        ["THREE", "FIFTEEN", "Added line.\n"]
    );
}

#[test]
fn word_diffs_stop_after_a_bounded_number_of_bytes() {
    let line = "a ".repeat(3500);
    let old: String = (0..6).map(|i| format!("{line}x\nkeep {i}\n")).collect();
    let new: String = (0..6).map(|i| format!("{line}y\nkeep {i}\n")).collect();
    let diff = seed_diff(&old, &new);
    // Four blocks of 14 KB are word-diffed (context, `x`, `y`, line
    // break); the rest show as replaced (`x` line, `y` line).
    let kinds: Vec<usize> = diff.regions.iter().map(|r| r.runs.len()).collect();
    assert_eq!(kinds, [4, 4, 4, 4, 2, 2], "{kinds:?}");
    assert_eq!(diff.regions[4].runs[0].0, ChangeTag::Delete);
    assert_eq!(diff.regions[4].runs[0].1.len(), 7002);
    // Oversized blocks are never word-diffed.
    let line = "a ".repeat(9000);
    let diff = seed_diff(&format!("{line}x\n"), &format!("{line}y\n"));
    assert_eq!(diff.regions[0].runs.len(), 2);
}

#[test]
fn any_line_endings_give_regions_in_the_text() {
    let old = "a\rb\r\nc\nd";
    let new = "a\rB\r\nc\nd\re";
    let diff = seed_diff(old, new);
    let changed: Vec<&str> = diff.regions.iter().map(|r| &new[r.new.clone()]).collect();
    assert_eq!(changed, ["B", "\re"]);
}

#[test]
fn far_apart_changes_are_separate_regions_with_trimmed_context() {
    let words: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
    let old = words.join(" ");
    let new = old.replace("w5 ", "x5 ").replace("w30 ", "x30 ");
    let diff = seed_diff(&old, &new);
    let shown: Vec<String> = diff
        .regions
        .iter()
        .map(|r| Marked::default().runs(&shown_runs(r)))
        .collect();
    assert_eq!(
        shown,
        [
            "w0 w1 w2 w3 w4 ~~w5~~**x5** w6 w7 w8 w9 w10 w11 …",
            "… w24 w25 w26 w27 w28 w29 ~~w30~~**x30** w31 w32 w33 w34 w35 w36 …"
        ]
    );
}

#[test]
fn long_changes_are_cut_and_huge_seeds_are_not_diffed() {
    let old = "a\n";
    let new = format!("a\n{}\n", "word ".repeat(200));
    let diff = seed_diff(old, &new);
    let shown = Marked::default().runs(&shown_runs(&diff.regions[0]));
    assert!(shown.ends_with(" … (699 more characters)**"), "{shown}");
    let huge = "line\n".repeat(MAX_DIFF_LINES);
    let diff = seed_diff("line\n", &huge);
    assert!(diff.too_large);
    assert_eq!(diff.regions.len(), 1);
    assert!(diff.inserted.is_empty());
}

#[test]
fn blobs_from_cat_file_are_written_and_a_short_stream_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let entries = [
        Entry {
            path: "seeds/a.txt".into(),
            object: "1".into(),
            symlink: false,
        },
        Entry {
            path: "b".into(),
            object: "2".into(),
            symlink: false,
        },
    ];
    let stream = b"1 blob 3\nabc\n2 blob 0\n\n";
    write_blobs(&entries, &stream[..], dir.path()).unwrap();
    assert_eq!(
        std::fs::read(dir.path().join("seeds/a.txt")).unwrap(),
        b"abc"
    );
    assert_eq!(std::fs::read(dir.path().join("b")).unwrap(), b"");
    let short = b"1 blob 3\nab";
    assert!(write_blobs(&entries, &short[..], dir.path()).is_err());
    let missing = b"1 missing\n";
    assert!(write_blobs(&entries, &missing[..], dir.path()).is_err());
}
