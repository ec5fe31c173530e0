use super::*;

fn find_in(source: &str, quote: &str) -> Match {
    find(&Searchable::new(source), &Quote::parse(quote))
}

fn unique_text(source: &str, quote: &str) -> Vec<String> {
    let s = Searchable::new(source);
    match find(&s, &Quote::parse(quote)) {
        Match::Unique(ranges) => ranges
            .into_iter()
            .map(|r| source[s.norm.original_range(r)].to_string())
            .collect(),
        other => panic!("expected a unique match, got {other:?}"),
    }
}

#[test]
fn straight_quote_matches_curly_source() {
    let src = "He said \u{201C}we\u{2019}re done here\u{201D} and left.";
    assert_eq!(
        unique_text(src, "said \"we're done here\" and"),
        vec!["said \u{201C}we\u{2019}re done here\u{201D} and"]
    );
}

#[test]
fn case_is_significant() {
    assert_eq!(
        find_in("The deal runs through 2032.", "the deal runs through"),
        Match::NotFound
    );
}

#[test]
fn elision_matches_in_order() {
    let src = "Alpha beta gamma delta epsilon zeta eta theta iota kappa.";
    assert_eq!(
        unique_text(
            src,
            "Alpha beta gamma ... epsilon zeta eta [...] iota kappa."
        ),
        vec!["Alpha beta gamma", "epsilon zeta eta", "iota kappa."]
    );
    assert_eq!(
        find_in(src, "epsilon zeta eta ... Alpha beta gamma"),
        Match::NotFound
    );
}

#[test]
fn elision_stays_in_one_sentence() {
    let src = "The board rejected the merger. Shareholders approved the dividend.";
    assert_eq!(
        find_in(src, "The board rejected ... approved the dividend."),
        Match::NotFound
    );
    assert_eq!(
        explain_miss(
            &Searchable::new(src),
            &Quote::parse("The board rejected ... approved the dividend.")
        ),
        Some(Miss::CrossesSentence { gap: 18..44 })
    );
    let src = "Alpha beta gamma\ndelta epsilon zeta";
    assert_eq!(
        find_in(src, "Alpha beta gamma ... delta epsilon zeta"),
        Match::NotFound
    );
    // A piece without elision may span a line break.
    assert_eq!(
        unique_text(src, "beta gamma delta epsilon"),
        vec!["beta gamma\ndelta epsilon"]
    );
}

#[test]
fn pieces_start_and_end_on_word_boundaries() {
    let src = "The startup raised $1.5 billion in new funding. It was ineffective against it.";
    assert_eq!(find_in(src, "5 billion in new funding"), Match::NotFound);
    assert_eq!(
        explain_miss(
            &Searchable::new(src),
            &Quote::parse("5 billion in new funding")
        ),
        Some(Miss::CutsWord {
            word: 19..23,
            at_start: true
        })
    );
    assert_eq!(find_in(src, "effective against it."), Match::NotFound);
    assert_eq!(find_in(src, "The startup raised $1"), Match::NotFound);
    assert!(matches!(
        find_in(src, "raised $1.5 billion in"),
        Match::Unique(_)
    ));
}

#[test]
fn elision_gap_is_bounded() {
    let filler = "x".repeat(MAX_GAP_CHARS + 1);
    let src = format!("one two three {filler} four five six");
    assert_eq!(
        find_in(&src, "one two three ... four five six"),
        Match::NotFound
    );
    let filler = "x".repeat(MAX_GAP_CHARS);
    let src = format!("one two three {filler} four five six");
    assert!(matches!(
        find_in(&src, "one two three ... four five six"),
        Match::Unique(_)
    ));
}

#[test]
fn repeated_text_is_ambiguous() {
    let src = "the same four words. And the same four words.";
    assert!(matches!(
        find_in(src, "the same four words"),
        Match::Ambiguous(..)
    ));
    assert!(matches!(
        find_in(src, "And the same four words"),
        Match::Unique(_)
    ));
}

#[test]
fn does_not_end_inside_an_ellipsis() {
    assert_eq!(
        find_in("and so it goes\u{2026} on", "and so it goes."),
        Match::NotFound
    );
    assert!(matches!(
        find_in("and so it goes\u{2026} on", "and so it goes..."),
        Match::Unique(_)
    ));
}

#[test]
fn multibyte_text_near_the_gap_limit_does_not_panic() {
    // The first reproducer of issue 10: the gap window ended inside `é`.
    let src = format!(
        "alpha beta {}\u{e9} rest of the line with gamma delta.",
        "x".repeat(311)
    );
    assert_eq!(find_in(&src, "alpha beta ... gamma delta"), Match::NotFound);
}

#[test]
fn periodic_pieces_are_counted_in_polynomial_time() {
    // 37 s with the former depth-first search.
    let src = "a ".repeat(2000);
    let q = Quote::parse("a a a ... a a a ... a a a ... a a a ... a a b");
    assert_eq!(find(&Searchable::new(&src), &q), Match::NotFound);
    let q = Quote::parse("a a a ... a a a ... a a a");
    assert!(matches!(
        find(&Searchable::new(&src), &q),
        Match::Ambiguous(..)
    ));
    assert_eq!(find_all(&Searchable::new(&src), &q, 5).len(), 5);
}

#[test]
fn kmp_finds_overlapping_occurrences() {
    let found: Vec<usize> = kmp(b"aaaa", b"aa", 0).collect();
    assert_eq!(found, vec![0, 1, 2]);
    let found: Vec<usize> = kmp(b"abcabcab", b"cab", 1).collect();
    assert_eq!(found, vec![2, 5]);
}

#[test]
fn counts_words() {
    assert_eq!(Quote::parse("a b ... c - d").word_count(), 4);
    assert_eq!(Quote::parse("$50 billion").word_count(), 2);
    assert!(Quote::parse("  ").has_empty_piece());
    assert!(!Quote::parse("... a b c d").has_empty_piece());
    assert_eq!(
        Quote::parse("The board ... approved the dividend.").short_piece(),
        Some(("The board", 2))
    );
    assert_eq!(Quote::parse("The board of directors").short_piece(), None);
}

/// A placement's numbers are those of the whole text that it covers,
/// whether read in a window or (with no safe place to start near it) from
/// the whole text.
#[test]
fn numbers_in_a_placement_are_the_whole_texts() {
    let covered = |s: &Searchable, pieces: &[Range<usize>]| -> Vec<Number> {
        numbers(&s.norm.text)
            .into_iter()
            .filter(|n| {
                pieces
                    .iter()
                    .any(|p| n.core.start < p.end && n.core.end > p.start)
            })
            .collect()
    };
    let prose = "Revenue rose to between 3 and 4 percent, the company said in filing twenty one. ";
    let table: String = (0..3000).map(|k| format!("{k} ")).collect();
    for src in [prose.repeat(3), format!("{table}{prose}{table}")] {
        let s = Searchable::new(&src);
        let at = s.norm.text.find("between").unwrap_or(0);
        // In the table, no safe place is near: the whole text is read.
        let mid = s.norm.text.find(" 1500 ").unwrap_or(0);
        let one = |r: Range<usize>| Vec::from([r]);
        for pieces in [
            one(at..at + 20),
            vec![at + 8..at + 9, at + 14..at + 40],
            one(at + 9..at + 14),
            one(mid..mid + 12),
            vec![],
        ] {
            assert_eq!(s.numbers_in(&pieces), covered(&s, &pieces), "{pieces:?}");
        }
        assert!(!s.numbers_in(&one(at..at + 20)).is_empty());
    }
}

/// The occurrence search as it was, with `str::find`: the reference for
/// [`starts`] (and [`starts_by_prefix`], in `reference_tests.rs`).
pub(super) fn starts_reference(text: &str, piece: &str, ok: impl Fn(usize) -> bool) -> Vec<usize> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut hits = 0;
    while pos <= text.len() {
        let Some(rel) = text[pos..].find(piece) else {
            return out;
        };
        let s = pos + rel;
        if ok(s) {
            out.push(s);
        }
        hits += 1;
        pos = s + text[s..].chars().next().map_or(1, char::len_utf8);
        if hits == FAST_HITS {
            out.extend(kmp(text.as_bytes(), piece.as_bytes(), pos).filter(|&s| ok(s)));
            return out;
        }
    }
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

    /// Small alphabets (with a two-byte and a three-byte character) so that
    /// pieces recur, overlap, and pass the switch to Knuth–Morris–Pratt.
    #[test]
    fn starts_is_the_str_find_search(
        text in "[abé€ ]{0,300}",
        piece in "[abé€ ]{0,4}",
        every in 1usize..4,
    ) {
        let ok = |s: usize| s.is_multiple_of(every);
        proptest::prop_assert_eq!(starts(&text, &piece, ok), starts_reference(&text, &piece, ok));
    }
}
