use super::*;

fn ws(text: &str) -> Vec<&str> {
    words(text).into_iter().map(|r| &text[r]).collect()
}

#[test]
fn numbers_are_one_word_with_sign_currency_and_percent() {
    assert_eq!(
        ws("raised $1.5 billion; cut 12,000 jobs (7.5%) in 2026-2027, -5 and -$5."),
        vec![
            "raised",
            "$1.5",
            "billion",
            "cut",
            "12,000",
            "jobs",
            "7.5%",
            "in",
            "2026-2027",
            "-5",
            "and",
            "-$5"
        ]
    );
    assert_eq!(
        ws("US$13 and $.5 and .5"),
        vec!["US$13", "and", "$.5", "and", ".5"]
    );
    assert_eq!(ws("at 10:30, 24/7"), vec!["at", "10:30", "24/7"]);
}

#[test]
fn hyphens_apostrophes_and_points_join_words() {
    assert_eq!(
        ws("a non-exclusive deal, OpenAI's U.S. e.g. aicnbc.com"),
        vec![
            "a",
            "non-exclusive",
            "deal",
            "OpenAI's",
            "U.S",
            "e.g",
            "aicnbc.com"
        ]
    );
    assert_eq!(ws("up-to-$50 billion"), vec!["up-to-$50", "billion"]);
    assert_eq!(
        ws("the companies' deal - a"),
        vec!["the", "companies", "deal", "a"]
    );
}

#[test]
fn em_dashes_separate_and_en_dashes_join_digits_only() {
    let text = "first-OpenAI and 2030-with and 2026-2027 and A-B";
    let kinds = |i: usize| match i {
        5 => Dash::Em,
        21 | 35 | 46 => Dash::En,
        _ => Dash::Hyphen,
    };
    assert_eq!(text.as_bytes()[5], b'-');
    let got: Vec<&str> = words_with(text, kinds)
        .into_iter()
        .map(|r| &text[r])
        .collect();
    assert_eq!(
        got,
        vec![
            "first",
            "OpenAI",
            "and",
            "2030",
            "with",
            "and",
            "2026-2027",
            "and",
            "A",
            "B"
        ]
    );
}

#[test]
fn marks_stay_with_their_letter_and_han_splits() {
    assert_eq!(ws("cafe\u{301} ok"), vec!["cafe\u{301}", "ok"]);
    assert_eq!(ws("他不去了"), vec!["他", "不", "去", "了"]);
    assert_eq!(ws("カタカナ語"), vec!["カタカナ", "語"]);
}

#[test]
fn boundaries_are_offsets_outside_words() {
    let text = "was ineffective against";
    let b = Boundaries::new(text, |_| Dash::Hyphen);
    assert!(b.is_boundary(3) && b.is_boundary(4));
    assert!(!b.is_boundary(6));
    assert!(b.is_boundary(15) && b.is_boundary(text.len()));
}

#[test]
fn sentences_split_like_the_prose() {
    let text = "The board rejected the merger. Shareholders approved it. e.g. no split.";
    let s = Sentences::new(text, []);
    assert_eq!(s.of(0), 0);
    assert_eq!(s.of(text.find("Shareholders").unwrap()), 1);
    assert_eq!(s.of(text.find("no split").unwrap()), 1);
    assert_eq!(
        &text[s.range(1)],
        "Shareholders approved it. e.g. no split."
    );
    // "U.S. officials" does not end a sentence; a line break does.
    let t = "U.S. officials said so\nNext line";
    let s = Sentences::new(t, [t.find('\n').unwrap()]);
    assert_eq!(s.of(6), 0);
    assert_eq!(s.of(t.len() - 1), 1);
    // Closing quotes may follow the full stop.
    let t = "He said \"done.\" Then left.";
    assert_eq!(Sentences::new(t, []).of(t.find("Then").unwrap()), 1);
}

#[test]
fn reference_marks_and_lowercase_names_end_sentences() {
    let t = "The board met on Monday.[3] Its rival approved it.";
    assert_eq!(Sentences::new(t, []).of(t.find("Its").unwrap()), 1);
    let t = "The board met on Monday. eBay approved it.";
    assert_eq!(Sentences::new(t, []).of(t.find("eBay").unwrap()), 1);
}

#[test]
fn terms_are_whole_words_or_phrases() {
    let w = lower_words("The CEO didn't deny it, at least not up-to now");
    assert_eq!(
        find_terms(&w, QUALIFIERS),
        vec!["not", "deny", "up to", "at least"]
    );
    assert_eq!(
        find_terms(&lower_words("another notable nowadays"), QUALIFIERS),
        Vec::<&str>::new()
    );
    assert_eq!(
        find_terms(&lower_words("as long as it pays"), CONDITIONS),
        vec!["as long as"]
    );
}

/// [`find_terms`] as it was: each term split into a list of its words.
fn reference_terms(words: &[String], list: &[&'static str]) -> Vec<&'static str> {
    let mut out = Vec::new();
    for &term in list {
        let parts: Vec<&str> = term.split(' ').collect();
        let found = words
            .windows(parts.len())
            .any(|w| w.iter().eq(parts.iter()))
            || (term == "not" && words.iter().any(|w| w.ends_with("n't")));
        if found {
            out.push(term);
        }
    }
    out
}

proptest::proptest! {
    #[test]
    fn terms_equal_the_definition(
        ws in proptest::collection::vec(proptest::sample::select(&[
            "not", "no", "at", "least", "up", "to", "as", "long", "so", "only", "if", "in", "the",
            "event", "case", "more", "than", "didn't", "won't", "n't", "on", "condition", "denied",
            "subject", "depending", "x", "", "at least", "up-to",
        ][..]), 0..12)
    ) {
        let ws: Vec<String> = ws.into_iter().map(String::from).collect();
        for list in [QUALIFIERS, CONDITIONS, DENIALS] {
            proptest::prop_assert_eq!(find_terms(&ws, list), reference_terms(&ws, list));
        }
    }
}

/// Letters and digits of several scripts, marks, Han, signs, joiners and
/// dashes: the characters the word rules treat apart.
const WORD_CHARS: &[char] = &[
    'a', 'Z', 'e', '0', '7', ' ', '\n', '\'', '.', ',', ':', '/', '-', '+', '%', '$', '€', '°',
    '‰', '±', '(', '"', 'é', '\u{301}', '\u{308}', 'ß', 'Ω', 'з', '中', 'ひ', '٣', '０', '½',
    '\u{2019}', '\u{A0}', '_', '!',
];

fn word_text() -> impl proptest::strategy::Strategy<Value = (String, Vec<u8>)> {
    use proptest::prelude::*;
    (
        proptest::collection::vec(
            prop_oneof![
                6 => proptest::sample::select(&WORD_CHARS[..16]),
                2 => proptest::sample::select(WORD_CHARS),
            ],
            0..40,
        ),
        proptest::collection::vec(0u8..3, 40),
    )
        .prop_map(|(cs, dashes)| (cs.into_iter().collect(), dashes))
}

/// What the `-` at byte `i` was, for the generated texts: by its offset,
/// any of the three kinds.
fn dash_kind(kinds: &[u8], i: usize) -> Dash {
    match kinds[i % kinds.len()] {
        0 => Dash::Hyphen,
        1 => Dash::En,
        _ => Dash::Em,
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    #[test]
    fn words_equal_the_reference((text, kinds) in word_text()) {
        let dash = |i: usize| dash_kind(&kinds, i);
        proptest::prop_assert_eq!(
            words_with(&text, dash),
            reference::reference_words_with(&text, dash)
        );
        proptest::prop_assert_eq!(
            words(&text),
            reference::reference_words_with(&text, |_| Dash::Hyphen)
        );
    }
}

/// Sentence ends and what may follow them: stops, closing quotes and
/// brackets, reference marks, footnote marks, dashes, cases, full-width
/// stops.
const SENTENCE_CHARS: &[char] = &[
    'a', 'B', 'e', 'T', ' ', ' ', ' ', '.', '.', '!', '?', '-', '"', '\'', ')', ']', '[', '3',
    '\u{B9}', '\u{3002}', 'é', 'É', '\u{2049}', '\n', ',', '(', '7', ';',
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    #[test]
    fn sentences_equal_the_reference(
        cs in proptest::collection::vec(proptest::sample::select(SENTENCE_CHARS), 0..80),
        picks in proptest::collection::vec(0usize..120, 0..8),
    ) {
        let text: String = cs.into_iter().collect();
        // Line breaks at any offsets (spaces, letters, inside a character,
        // past the end), in order.
        let mut breaks = picks;
        breaks.sort_unstable();
        breaks.dedup();
        proptest::prop_assert_eq!(
            sentence_starts(&text, breaks.clone()),
            reference::reference_sentence_starts(&text, breaks)
        );
    }
}

use proptest::strategy::Strategy as _;

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    /// Long runs of plain ASCII (found eight bytes at a time) between
    /// stops, marks and characters outside ASCII, with line breaks.
    #[test]
    fn sentences_over_long_runs_equal_the_reference(
        pieces in proptest::collection::vec(
            proptest::prop_oneof![
                2 => "[a-zA-Z0-9 ,;()\\[\\]\"'-]{1,20}",
                1 => proptest::sample::select(SENTENCE_CHARS).prop_map(String::from),
                1 => "[.!?]{1,2}[\"')\\]]?[ ]{0,2}[a-zA-Z\u{E9}\u{C9}\u{B9}\u{3002}\u{7F}]?",
            ],
            0..20,
        ),
        picks in proptest::collection::vec(0usize..400, 0..8),
    ) {
        let text = pieces.concat();
        let mut breaks = picks;
        breaks.sort_unstable();
        breaks.dedup();
        proptest::prop_assert_eq!(
            sentence_starts(&text, breaks.clone()),
            reference::reference_sentence_starts(&text, breaks)
        );
    }

    /// Eight bytes at a time, [`ascii_plain`] is the byte loop.
    #[test]
    fn ascii_plain_equals_the_byte_loop(
        bytes in proptest::collection::vec(
            proptest::sample::select(&[b'a', b' ', b'.', b'!', b'?', b'-', 0x7F, 0x80, 0xC3, 0xE2, b'/', b'>'][..]),
            0..40,
        ),
    ) {
        let plain = bytes
            .iter()
            .position(|&b| !b.is_ascii() || matches!(b, b'.' | b'!' | b'?'))
            .unwrap_or(bytes.len());
        proptest::prop_assert_eq!(sentences::ascii_plain(&bytes), plain);
    }
}

/// Single characters of [`WORD_CHARS`] between long runs of ASCII letters
/// and digits and short runs of signs and spaces, so that words are long,
/// cross the 64-bit words of the boundary bits and end the text.
fn long_word_text() -> impl proptest::strategy::Strategy<Value = (String, Vec<u8>)> {
    use proptest::prelude::*;
    (
        proptest::collection::vec(
            prop_oneof![
                3 => proptest::sample::select(WORD_CHARS).prop_map(String::from),
                1 => "[a-zA-Z0-9]{1,70}",
                1 => "[ ,.$%:/'-]{1,3}",
                1 => "[0-9]{1,3}[,.][0-9]{1,3}",
            ],
            0..40,
        ),
        proptest::collection::vec(0u8..3, 40),
    )
        .prop_map(|(pieces, dashes)| (pieces.concat(), dashes))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    #[test]
    fn boundaries_equal_the_reference((text, kinds) in long_word_text()) {
        let dash = |i: usize| dash_kind(&kinds, i);
        proptest::prop_assert_eq!(
            Boundaries::new(&text, dash),
            reference::reference_boundaries(&text, dash)
        );
        proptest::prop_assert_eq!(
            words_with(&text, dash),
            reference::reference_words_with(&text, dash)
        );
    }
}

/// Pieces of prose around full stops: reference marks left open or closed,
/// numbers with points, abbreviations, names with a capital inside.
const SENTENCE_PIECES: &[&str] = &[
    ".", ". ", "[3", "[3]", " ", "2", "2.5", "e.g.", "U.S.", "Its", "eBay", "the", "\n", "!", "?",
    "\"", ")", "-", "-It", "\u{B9}", "\u{3002}", "é", ",", "(",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    #[test]
    fn sentences_of_pieces_equal_the_reference(
        pieces in proptest::collection::vec(proptest::sample::select(SENTENCE_PIECES), 0..30),
        picks in proptest::collection::vec(0usize..120, 0..4),
    ) {
        let text = pieces.concat();
        let mut breaks = picks;
        breaks.sort_unstable();
        breaks.dedup();
        proptest::prop_assert_eq!(
            sentence_starts(&text, breaks.clone()),
            reference::reference_sentence_starts(&text, breaks)
        );
    }
}

#[test]
fn sentences_equal_the_reference_after_an_open_mark() {
    // A reference mark left open across a space: a digit after the next
    // full stop keeps it pending.
    let text = "a.[3 2.5 C";
    assert_eq!(
        sentence_starts(text, []),
        reference::reference_sentence_starts(text, [])
    );
}

#[test]
fn lower_words_at_gives_each_word_with_its_range() {
    let text = "Up-to $5, İf non-exclusive";
    let at = lower_words_at(text);
    assert_eq!(
        at.iter().map(|(_, w)| w.clone()).collect::<Vec<_>>(),
        lower_words(text)
    );
    for (r, w) in &at {
        assert_eq!(&text[r.clone()].to_lowercase(), w);
    }
    assert_eq!(at[0].0, 0..2);
    assert_eq!(at[1].0, 3..5);
}

#[test]
fn lower_words_reads_lookalike_and_fullwidth_letters_as_seen() {
    assert_eq!(
        lower_words("\u{406}f n\u{43E}t \u{FF49}\u{FF46} Unl\u{435}ss d\u{43E}n't"),
        vec!["if", "not", "if", "unless", "don't"]
    );
    assert_eq!(
        find_terms(&lower_words("It is f\u{430}lse"), DENIALS),
        vec!["false"]
    );
}
