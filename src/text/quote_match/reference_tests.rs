//! [`Searchable::new`] held to the way it was built before: the dashes found
//! by looking at every byte of the normalised text.

use super::*;

/// The old [`Searchable::new`], unchanged.
fn reference_searchable(original: &str) -> Searchable {
    let norm = Normalized::new(original);
    let dashes: Vec<(usize, Dash)> = norm
        .text
        .bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'-')
        .map(|(i, _)| {
            let c = original[norm.origin_of(i)..].chars().next().unwrap_or('-');
            (i, Dash::of(c))
        })
        .filter(|&(_, d)| d != Dash::Hyphen)
        .collect();
    let dash = |i: usize| dash_at(&dashes, i);
    let words = Boundaries::new(&norm.text, dash);
    let sentences = Sentences::new(&norm.text, norm.line_breaks());
    Searchable {
        norm,
        dashes,
        words,
        sentences,
        all_numbers: AllNumbers::default(),
    }
}

/// Words, numbers and every dash the normalisation writes as `-`, with
/// spaces, line breaks, marks and an ellipsis.
const PIECES: &[&str] = &[
    "a", "word", "2026", "12", " ", "  ", "\n", ".", ". ", "-", "\u{2010}", "\u{2011}", "\u{2012}",
    "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}", "\u{FE58}", "\u{FE63}", "\u{FF0D}", "\u{2796}",
    "\u{2D7}", "\u{5BE}", "$", "\u{2026}", "e\u{301}", "\u{A0}", "\u{2009}", "\u{200B}", "Its",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    #[test]
    fn searchable_equals_the_reference(
        pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..40)
    ) {
        let text = pieces.concat();
        let new = Searchable::new(&text);
        let old = reference_searchable(&text);
        proptest::prop_assert_eq!(&new.dashes, &old.dashes);
        proptest::prop_assert_eq!(new, old);
    }
}

/// The old [`Quote::parse`], unchanged: split at every marker, always.
fn reference_parse(raw: &str) -> Quote {
    let norm = normalize(raw);
    let mut pieces = vec![norm.trim().to_string()];
    for marker in [" [...] ", " ... "] {
        pieces = pieces
            .iter()
            .flat_map(|p| p.split(marker).map(|s| s.trim().to_string()))
            .collect();
    }
    Quote { pieces }
}

/// Words, spaces, points, brackets and ellipses, as elision markers and
/// not.
const QUOTE_PIECES: &[&str] = &[
    "word",
    "a",
    " ",
    "  ",
    ".",
    "..",
    "...",
    " ... ",
    " [...] ",
    "[",
    "]",
    "[...]",
    "\u{2026}",
    " \u{2026} ",
    "\n",
    "\u{A0}",
    "\u{2014}",
    "2.5",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    #[test]
    fn quote_parse_equals_the_reference(
        pieces in proptest::collection::vec(proptest::sample::select(QUOTE_PIECES), 0..16)
    ) {
        let raw = pieces.concat();
        proptest::prop_assert_eq!(Quote::parse(&raw), reference_parse(&raw));
    }
}

/// The old [`piece_words`], unchanged.
fn reference_piece_words(piece: &str) -> usize {
    piece
        .split(' ')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Letters and digits of several scripts, marks, punctuation and single and
/// double spaces.
const WORD_PIECES: &[&str] = &[
    "a",
    "Z",
    "7",
    " ",
    "  ",
    "-",
    ".",
    "'",
    "\u{2019}",
    "\u{E9}",
    "\u{301}",
    "\u{4E2D}",
    "\u{663}",
    "\u{BD}",
    "\u{2014}",
    "$",
    "%",
    "\u{A0}",
    "\u{1D7D8}",
    "\u{1F600}",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    #[test]
    fn piece_words_equals_the_reference(
        pieces in proptest::collection::vec(proptest::sample::select(WORD_PIECES), 0..30)
    ) {
        let piece = pieces.concat();
        proptest::prop_assert_eq!(piece_words(&piece), reference_piece_words(&piece));
    }
}

/// Runs of letters (so that texts and pieces are periodic), spaces, a
/// precomposed and a combining accent, characters of two, three and four
/// bytes, and a long recurring phrase.
const TEXT_PIECES: &[&str] = &[
    "a",
    "b",
    "ab",
    "aaaa",
    " ",
    "\u{E9}",
    "e\u{301}",
    "\u{301}",
    "\u{20AC}",
    "\u{1F600}",
    "-",
    "In filing 1-0, ",
    "In filing 1-0, Contoso",
];

/// A text, and a piece that is a run of its tokens (so it occurs, often
/// several times, and may start or end it) or of other tokens.
fn text_and_piece() -> impl proptest::strategy::Strategy<Value = (String, String)> {
    use proptest::prelude::*;
    let tokens = || proptest::collection::vec(proptest::sample::select(TEXT_PIECES), 0..40);
    (
        tokens(),
        1usize..6,
        tokens(),
        any::<proptest::sample::Index>(),
        any::<bool>(),
    )
        .prop_map(|(t, repeat, p, at, from_text)| {
            let text = t.concat().repeat(repeat);
            let piece = if from_text && !t.is_empty() {
                let i = at.index(t.len());
                t[i..(i + p.len()).min(t.len())].concat()
            } else {
                p[..p.len().min(12)].concat()
            };
            (text, piece)
        })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(6000))]

    /// Prefixes of no byte to more than the piece, and the one [`starts`]
    /// uses; pieces shorter and longer than the prefix.
    #[test]
    fn starts_equals_the_reference(
        (text, piece) in text_and_piece(),
        prefix in proptest::prop_oneof![0usize..10, proptest::strategy::Just(PREFIX_BYTES)],
        every in 1usize..4,
    ) {
        let ok = |s: usize| s.is_multiple_of(every);
        let old = super::tests::starts_reference(&text, &piece, ok);
        proptest::prop_assert_eq!(&starts_by_prefix(&text, &piece, prefix, ok), &old);
        proptest::prop_assert_eq!(starts(&text, &piece, ok), old);
    }
}

/// [`placements`] as it was: every quote through the dynamic programme
/// ([`chained`]), one piece or several.
fn reference_placements(
    source: &Searchable,
    quote: &Quote,
    limit: usize,
    rules: Rules,
) -> Vec<Vec<Range<usize>>> {
    each_piece_occurs(source, quote, limit, rules).map_or_else(Vec::new, |occ| {
        chained(source, &quote.pieces, &occ, limit, rules)
    })
}

/// Words, repeated words, spaces, sentence ends, a line break, dashes and
/// characters of several bytes, so that pieces recur within and across
/// sentences.
const SOURCE_PIECES: &[&str] = &[
    "a",
    "b",
    "ab",
    "a ",
    "b ",
    " ",
    ". ",
    "\n",
    "-",
    "\u{2014}",
    "\u{E9}",
    "e\u{301}",
    "5",
    "\u{1F600}",
];

/// Source pieces and the elision markers.
const QUOTE_PIECES_ELIDED: &[&str] = &[
    "a", "b", "ab", "a ", "b ", " ", ". ", "-", "\u{E9}", "5", " ... ", " [...] ",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    /// Placements under every set of rules and several limits, quotes of one
    /// piece and of several.
    #[test]
    fn placements_equal_the_reference(
        source in proptest::collection::vec(proptest::sample::select(SOURCE_PIECES), 0..60),
        quote in proptest::collection::vec(proptest::sample::select(QUOTE_PIECES_ELIDED), 0..8),
        limit in 0usize..5,
    ) {
        let source = Searchable::new(&source.concat());
        let quote = Quote::parse(&quote.concat());
        for words in [true, false] {
            for sentence in [true, false] {
                let rules = Rules { words, sentence };
                proptest::prop_assert_eq!(
                    placements(&source, &quote, limit, rules),
                    reference_placements(&source, &quote, limit, rules)
                );
            }
        }
    }
}
