use super::*;

#[test]
fn typography_matches_the_prose() {
    assert_eq!(
        typographic(r#"He said "it's 'fine'" -- twice... --- done"#),
        "He said “it’s ‘fine’” – twice… — done"
    );
    assert_eq!(typographic(r#""Today," she said"#), "“Today,” she said");
    assert_eq!(typographic("(\"a\")"), "(“a”)");
    assert_eq!(typographic("’90s"), "’90s");
    assert_eq!(typographic("ünïcode \"ok\""), "ünïcode “ok”");
}

#[test]
fn labels_are_the_claims_first_words() {
    assert_eq!(
        short_label("Microsoft's revenue from OpenAI was $7.5 billion in the year to June."),
        "Microsoft’s revenue from OpenAI was $7.5 billion in…"
    );
    assert_eq!(short_label("Short \"claim\"."), "Short “claim”.");
    assert_eq!(
        short_label("One two three four five six seven eight, nine"),
        "One two three four five six seven eight…"
    );
}

#[test]
fn backlink_labels_continue_past_z() {
    assert_eq!(backlink_label(1), "a");
    assert_eq!(backlink_label(26), "z");
    assert_eq!(backlink_label(27), "aa");
}

#[test]
fn text_fragments_are_percent_encoded() {
    assert_eq!(
        text_fragment("up-to-$50 billion, in all"),
        "up%2Dto%2D%2450%20billion%2C%20in%20all"
    );
    assert_eq!(
        text_fragment("one two three four five six seven eight nine"),
        "one%20two%20three%20four,six%20seven%20eight%20nine"
    );
}

#[test]
fn paragraphs_are_lines() {
    let t = "a\n\nb c\r\n  \nd";
    let p: Vec<&str> = paragraphs(t).into_iter().map(|r| &t[r]).collect();
    assert_eq!(p, vec!["a", "b c", "d"]);
}

#[test]
fn overlapping_quotes_split_into_runs() {
    let text = "one two three four five";
    let hs = vec![
        Highlight {
            range: 4..13,
            anchor: Some("q-a-1".into()),
            backref: None,
            conflict: false,
        },
        Highlight {
            range: 8..18,
            anchor: Some("q-b-1".into()),
            backref: None,
            conflict: true,
        },
    ];
    let r = highlight_runs(text, 0..text.len(), &hs);
    let texts: Vec<&str> = r.iter().map(|r| r.text).collect();
    assert_eq!(texts, vec!["one ", "two ", "three", " four", " five"]);
    assert_eq!(r[1].anchors, vec!["q-a-1"]);
    assert_eq!(r[2].anchors, vec!["q-b-1"]);
    assert!(r[2].conflict && r[2].marked && !r[4].marked);
}

/// The typography as first written, character by character: the reference
/// for the faster [`typographic`].
fn typographic_by_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let opens = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/“‘".contains(p));
        let (piece, len): (&str, usize) = if rest.starts_with("---") {
            ("—", 3)
        } else if rest.starts_with("--") {
            ("–", 2)
        } else if rest.starts_with("...") {
            ("…", 3)
        } else if c == '"' {
            (if opens { "“" } else { "”" }, 1)
        } else if c == '\'' {
            (if opens { "‘" } else { "’" }, 1)
        } else {
            (&rest[..c.len_utf8()], c.len_utf8())
        };
        out.push_str(piece);
        prev = piece.chars().last();
        rest = &rest[len..];
    }
    out
}

proptest::proptest! {
    /// Texts of quotes, dashes, dots, the opening characters and others.
    #[test]
    fn typography_equals_the_reference(s in "[-.\"' a(\\[{—–/“‘\\n\u{a0}é😀]{0,40}") {
        proptest::prop_assert_eq!(typographic(&s), typographic_by_chars(&s));
    }

    #[test]
    fn typography_equals_the_reference_on_any_text(s in "\\PC{0,60}") {
        proptest::prop_assert_eq!(typographic(&s), typographic_by_chars(&s));
    }
}

/// Text fragments as first written: words joined, then percent-encoded.
fn text_fragment_by_joining(passage: &str) -> String {
    let encode = |s: &str| {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~') {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect::<String>()
    };
    let words: Vec<&str> = passage.split_whitespace().collect();
    if words.len() <= 8 {
        encode(&words.join(" "))
    } else {
        format!(
            "{},{}",
            encode(&words[..4].join(" ")),
            encode(&words[words.len() - 4..].join(" "))
        )
    }
}

proptest::proptest! {
    #[test]
    fn text_fragments_equal_the_reference(s in "[ab ,%&\\-\\n\\t.~é😀]{0,80}") {
        proptest::prop_assert_eq!(text_fragment(&s), text_fragment_by_joining(&s));
    }

    /// Words parted by Unicode white space, around eight and nine words.
    #[test]
    fn text_fragments_equal_the_reference_across_white_space(
        s in "([a-cé]{1,3}[ \n\t\u{a0}\u{2003}\u{3000}\u{85}]{1,2}){6,11}[a-c]{0,2}"
    ) {
        proptest::prop_assert_eq!(text_fragment(&s), text_fragment_by_joining(&s));
    }
}
