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
