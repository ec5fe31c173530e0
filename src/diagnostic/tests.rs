use super::*;

#[test]
fn line_col_counts_characters() {
    let text = "ab\n\u{2019}cd\n";
    assert_eq!(line_col(text, 0), (1, 1));
    assert_eq!(line_col(text, 3), (2, 1));
    assert_eq!(line_col(text, 6), (2, 2));
    assert_eq!(offset_of(text, 2, 2), 6);
    assert_eq!(offset_of(text, 9, 1), text.len());
}

#[test]
fn summary_pluralises() {
    let e = Diagnostic::error("x", "m");
    let w = Diagnostic::warning("y", "m");
    assert_eq!(summary(&[e.clone(), w]), "1 error, 1 warning");
    assert_eq!(summary(&[e.clone(), e]), "2 errors, 0 warnings");
}

#[test]
fn renders_path_line_col() {
    let mut files = Files::default();
    files.add(Path::new("a.yaml"), "- id: x\n  qoute: y\n");
    let d = Diagnostic::error("unknown-field", "unknown field `qoute`")
        .at(Span::new("a.yaml", 10..15), "not a field of a fact")
        .help("did you mean `quote`?");
    let out = render(&[d], &files, false);
    assert!(out.contains("--> a.yaml:2:3"), "{out}");
    assert!(
        out.contains("error[unknown-field]: unknown field `qoute`"),
        "{out}"
    );
    assert!(out.contains("help: did you mean `quote`?"), "{out}");
}

/// Line and column as first written, over characters: the reference for
/// the byte-counting [`line_col`].
fn line_col_by_chars(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

proptest::proptest! {
    #[test]
    fn line_col_equals_the_reference(text in "[a\n\r é’😀]{0,40}", offset in 0usize..200) {
        proptest::prop_assert_eq!(line_col(&text, offset), line_col_by_chars(&text, offset));
    }

    /// Longer texts, so that the vector paths of the newline search (blocks
    /// of 16 and 32 bytes and more) are taken.
    #[test]
    fn line_col_equals_the_reference_on_long_texts(
        text in "[a\n\r é’😀]{0,400}|([a-z ]{0,90}\n){0,12}",
        offset in 0usize..1700,
    ) {
        proptest::prop_assert_eq!(line_col(&text, offset), line_col_by_chars(&text, offset));
    }
}

#[test]
fn lines_give_what_line_col_gives_at_every_offset() {
    let text = "a\u{E9}\nb\n\n\u{1F600}x\r\nend";
    let mut files = Files::default();
    files.insert(Path::new("f.txt"), text.to_string());
    let mut lines = Lines::new(&files);
    for offset in 0..=text.len() + 2 {
        assert_eq!(
            lines.line_col(Path::new("f.txt"), offset),
            line_col(text, offset),
            "{offset}"
        );
    }
    assert_eq!(lines.line_col(Path::new("missing.txt"), 3), (1, 1));
}

#[test]
fn a_long_line_is_drawn_for_its_first_diagnostics_only() {
    let line = "x ".repeat(3000);
    let mut files = Files::default();
    files.add(Path::new("a.md"), &format!("title\n{line}\n"));
    let at = |k: usize| {
        Diagnostic::error("e", format!("number {k}"))
            .at(Span::new("a.md", 6 + 2 * k..7 + 2 * k), "here")
    };
    let all: Vec<Diagnostic> = (0..LONG_SNIPPETS + 2).map(at).collect();
    let out = render(&all, &files, false);
    let blocks: Vec<&str> = out.split("\n\n").filter(|b| !b.is_empty()).collect();
    assert_eq!(blocks.len(), LONG_SNIPPETS + 2);
    for (k, block) in blocks.iter().enumerate() {
        assert!(
            block.contains(&format!("--> a.md:2:{}", 1 + 2 * k)),
            "{block}"
        );
        assert_eq!(block.contains("^ here"), k < LONG_SNIPPETS, "{block}");
    }
}
