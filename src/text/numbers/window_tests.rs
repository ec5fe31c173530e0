//! The window reader against the whole scan ([`numbers`], the reference):
//! on generated texts dense with numbers that cross any place a window
//! might start or end.

use super::window::{SYNC_SEARCH, is_safe, numbers_within, vocabulary};
use super::*;
use crate::text::normalize::normalize;
use proptest::prelude::*;

/// Words and numbers that join across spaces, hyphens and commas: pairs,
/// groups, scales, units, currencies, hedges on both sides, spelled
/// numbers, Roman numerals, digits against letters, other scripts.
const TOKENS: &[&str] = &[
    "between",
    "and",
    "3",
    "4",
    "1,000",
    "12,0000",
    "$2.5",
    "US$5",
    "USD",
    "billion",
    "bn",
    "5bn",
    "twenty",
    "twenty-one",
    "one",
    "hundred",
    "a",
    "an",
    "million",
    "percent",
    "per",
    "cent",
    "%",
    "about",
    "at",
    "least",
    "or",
    "more",
    "(about)",
    "~",
    "A320",
    "abc",
    "MMX",
    "XIV",
    "٢٠٣٢",
    "２０",
    "½",
    "3rd",
    "second",
    "the",
    "cat",
    "said",
    "filing",
    "rose",
    "to",
    "in",
    "2020",
    "-5",
    "minus",
    "7-2",
    "2026-2027",
    "of",
    "excess",
    "north",
    "dollars",
    "points",
    "percentage",
    "approx.",
    "c.",
    "up",
    "no",
    "than",
    "Twenty",
    "Billion",
    "The",
    "x",
    "×",
    "+",
    "-odd",
    "plus",
    "odd",
    "so",
    "give",
    "take",
    "(",
    ")",
    "5,5",
    "4/27",
    "5e9",
    "U.S.",
    "kWh",
    "°C",
    "five",
    "seven",
    "ninety",
    "thousand",
    "Hong",
    "Kong",
    "euros",
    "roughly",
    "over",
    "year",
    "years",
    "fold",
    "times",
    ".5",
    "7.25",
    "MMXXI",
    "crore",
    "lakh",
    "some",
    "estimated",
    "nearly",
    "rand",
];
/// Whole number expressions, so that the words inside them (where a
/// window must not start) come up often.
const PHRASES: &[&str] = &[
    "between 3 and 4",
    "between twenty and thirty",
    "between MM and MMX",
    "between 5 and US$6",
    "between 5 and a million",
    "three hundred and two",
    "twenty one",
    "5 percentage points",
    "7 per cent",
    "12 US dollars",
    "9 Hong Kong dollars",
    "$5 billion or more",
    "at least 5",
    "in excess of 20",
    "8 give or take",
    "about a 27%",
    "(about) $5",
    "roughly, $5",
    "5 at the very most",
    "on the order of 6",
    "a million",
    "an estimated 40",
    "4 thousand million",
    "the best part of 3 years",
    "2 gigawatt hours",
    "negative 3",
    "5 (at least)",
    "9 -plus",
];
const SEPARATORS: &[&str] = &[" ", " ", " ", " ", "-", ", ", ". ", "", " (", ") "];

pub(super) fn text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        3 => prop::sample::select(TOKENS),
        1 => prop::sample::select(PHRASES),
    ];
    prop::collection::vec((token, prop::sample::select(SEPARATORS)), 0..40).prop_map(|parts| {
        let raw: String = parts.into_iter().map(|(t, s)| format!("{t}{s}")).collect();
        normalize(&raw)
    })
}

/// The char boundary at or after `frac` (0..=1000) of the text.
fn boundary(text: &str, frac: usize) -> usize {
    let mut at = text.len() * frac / 1000;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

fn overlapping(numbers: &[Number], span: &Range<usize>) -> Vec<Number> {
    numbers
        .iter()
        .filter(|n| n.core.start < span.end && n.core.end > span.start)
        .cloned()
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The lemma the window rests on: reading up to a safe position and on
    /// from it gives exactly the whole scan, joined pairs included.
    #[test]
    fn a_safe_position_splits_the_scan(text in text()) {
        let whole = numbers(&text);
        for p in (0..=text.len()).filter(|&p| text.is_char_boundary(p) && is_safe(&text, p)) {
            let mut split = read(&text, 0..p);
            split.extend(read(&text, p..text.len()));
            prop_assert_eq!(&split, &whole, "split at {} of {:?}", p, text);
        }
    }

    /// A window is a run of the whole scan that holds every number
    /// overlapping its span; or, with no safe position near, nothing.
    #[test]
    fn a_window_reads_what_the_whole_scan_reads(
        text in text(),
        a in 0usize..=1000,
        b in 0usize..=1000,
        limit in prop_oneof![0usize..40, Just(SYNC_SEARCH)],
    ) {
        let whole = numbers(&text);
        let span = boundary(&text, a.min(b))..boundary(&text, a.max(b));
        if let Some(near) = numbers_within(&text, span.clone(), limit) {
            let run = near.is_empty() || whole.windows(near.len()).any(|w| w == near.as_slice());
            prop_assert!(run, "not a run of the whole scan: {:?}", text);
            prop_assert_eq!(overlapping(&near, &span), overlapping(&whole, &span));
        } else {
            prop_assert!(limit < SYNC_SEARCH || text.len() > SYNC_SEARCH);
        }
    }
}

/// The texts above do reach the interesting cases: numbers that cross a
/// space (so a split inside them would change the result), and safe
/// positions between them.
#[test]
fn generated_texts_have_numbers_across_spaces_and_safe_positions() {
    let text = normalize("between 3 and 4 the cat said twenty one percent or more, filing 5 rose");
    let whole = numbers(&text);
    assert!(whole.iter().any(|n| text[n.range.clone()].contains(' ')));
    let safe: Vec<&str> = (1..text.len())
        .filter(|&p| is_safe(&text, p))
        .map(|p| text[p..].split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(safe, ["cat", "said", "filing", "rose"]);
}

/// Every word the reader compares with after a space is in the vocabulary
/// (a safe position is never one of them), in lowercase.
#[test]
fn vocabulary_holds_the_words_numbers_are_made_of() {
    let words = vocabulary();
    for w in [
        "and",
        "between",
        "hundred",
        "percent",
        "per",
        "cent",
        "least",
        "more",
        "of",
        "a",
        "an",
        "twenty",
        "one",
        "billion",
        "dollars",
        "hong",
        "kong",
        "usd",
        "thereabouts",
        "minus",
        "second",
        "points",
        "approx",
        "the",
    ] {
        assert!(words.binary_search_by(|v| v.as_str().cmp(w)).is_ok(), "{w}");
    }
    assert!(words.windows(2).all(|p| p[0] < p[1]));
    assert!(!words.iter().any(|w| w == "cat" || w.is_empty()));
}

/// A text with no safe position near the span is not read in a window.
#[test]
fn no_safe_position_near_gives_none() {
    let text = "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20";
    assert_eq!(numbers_within(text, 20..24, 8), None);
    let near = numbers_within(text, 20..24, 100).unwrap_or_default();
    assert_eq!(near, numbers(text));
}
