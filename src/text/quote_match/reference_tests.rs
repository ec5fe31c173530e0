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
