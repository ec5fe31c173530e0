use super::*;

fn unsourced(md: &str) -> Vec<&str> {
    scan(md, Body::Briefing)
        .unsourced
        .into_iter()
        .map(|r| &md[r])
        .collect()
}

#[test]
fn references_after_the_full_stop_belong_to_the_sentence() {
    assert!(unsourced("One claim.[^a] Another claim.[^b][^c]\n").is_empty());
    assert_eq!(
        unsourced("One claim.[^a] Not cited. Cited.[^b]\n"),
        vec!["Not cited."]
    );
}

#[test]
fn headings_are_not_prose_but_list_items_are() {
    assert!(unsourced("# A heading\n").is_empty());
    assert_eq!(unsourced("- item one[^a]\n- item two\n"), vec!["item two"]);
}

#[test]
fn sentence_texts_leave_markdown_out_and_map_back() {
    let md = "**2019:** it cost [$1 billion](https://x.example/21082).[^a] Next\nline.[^b]\n";
    let s = scan(md, Body::Briefing);
    let texts: Vec<&str> = s.texts.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, vec!["2019: it cost $1 billion. ", "Next line."]);
    let t = &s.texts[0];
    let at = t.text.find("$1").unwrap();
    assert_eq!(&md[t.body_range(&(at..at + 2))], "$1");
}

#[test]
fn decimals_and_abbreviation_like_breaks_do_not_split() {
    assert!(unsourced("It made $7.5 billion. e.g. this continues.[^a]\n").is_empty());
}

#[test]
fn finds_references_definitions_and_html() {
    let s = scan(
        "Text.[^a] <b>x</b>\n\n[^a]: defined\n\n<div>x</div>\n",
        Body::Briefing,
    );
    assert_eq!(s.references.len(), 1);
    assert_eq!(s.definitions.len(), 1);
    assert_eq!(s.html.len(), 3);
}

#[test]
fn links_are_checked() {
    assert!(link_allowed("https://example.org/a"));
    assert!(link_allowed("sources/x.html#q-1"));
    assert!(link_allowed("#notes"));
    assert!(!link_allowed("javascript:alert(1)"));
    assert!(!link_allowed(" JavaScript:alert(1)"));
    assert!(!link_allowed("data:text/html,x"));
    for other_site in [
        "//evil.example",
        " //evil.example/x",
        "\\\\evil.example",
        "/\\evil.example",
        "/\t/evil.example",
    ] {
        assert!(!link_allowed(other_site), "{other_site:?}");
    }
    assert!(link_allowed("/sources/x.html"));
}

// The front matter.
const FM: &str = "---\ntitle: T\nsummary: S\n---\nBody.\n";

#[test]
fn a_byte_order_mark_before_the_front_matter_is_skipped() {
    let text = format!("\u{FEFF}{FM}");
    let b = parse(Path::new("b.md"), &text).unwrap();
    assert_eq!((b.title.value.as_str(), b.body.as_str()), ("T", "Body.\n"));
    assert_eq!(&text[b.title.span.range.clone()], "T");
}

#[test]
fn empty_front_matter_says_so() {
    for text in ["---\n---\nBody.\n", "---\n  \n---\n"] {
        let d = parse(Path::new("b.md"), text).unwrap_err();
        assert_eq!(d.message, "the front matter is empty", "{text:?}");
        assert_eq!(
            d.help.as_deref(),
            Some("add `title:` and `summary:` lines between the two `---` lines")
        );
    }
}

#[test]
fn a_note_is_read_as_shown_with_its_link_titles_apart() {
    assert_eq!(
        shown_texts("*Seven* `7` *bil*lion\nvisits &amp; [a](u \"t 2\") [b](v)"),
        vec!["t 2", "Seven 7 billion visits & a b"]
    );
    assert_eq!(shown_texts(""), Vec::<String>::new());
    // Table cells, headings and paragraphs are apart: `1` and `3` in two
    // cells are not 13.
    assert_eq!(
        shown_texts("# 2 *x*\n\n| 1 | 3 |\n|---|---|\n\ny\n\n    5\n"),
        vec!["2 x", "1", "3", "y", "5\n"]
    );
}

#[test]
fn the_numbers_of_a_list_that_does_not_start_at_1_are_shown_apart() {
    assert_eq!(
        shown_texts("2019. a\n      1. b\n      9. c\n7. d\n\n- e\n"),
        vec!["2019", "a", "b", "c", "2020", "d", "e"]
    );
    assert_eq!(shown_texts("1. a\n1. b\n"), vec!["a", "b"]);
    assert_eq!(
        shown_texts("0. a\n"),
        vec!["0", "a"],
        "a list from 0 is not a count of items from 1"
    );
}
