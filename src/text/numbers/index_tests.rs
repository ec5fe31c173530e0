//! The lookups by byte against the plain loops they replace (the
//! reference: every phrase compared at every place, in list order), on
//! generated texts of list words in any ASCII case, with hyphens, articles
//! and other bytes around them.

use super::*;
use proptest::prelude::*;

/// The first hedge (or sign word) before a number, comparing every phrase
/// at every place: what [`hedge_ending`] must find.
fn hedge_ending_reference(before: &str, places: [usize; 2]) -> Option<(usize, usize)> {
    let phrases = HEDGES_BEFORE
        .iter()
        .map(|h| h.0)
        .chain(["minus", "negative"]);
    for (k, phrase) in phrases.enumerate() {
        for at in places {
            if ends_with_word(before, at, phrase) {
                return Some((k, at));
            }
        }
    }
    None
}

/// The first unit at `at`, comparing every unit: what [`unit_at`] must find.
fn unit_at_reference(
    text: &str,
    at: usize,
    sep: &str,
    word_at: impl Fn(usize, &str) -> bool,
) -> Option<&'static (&'static str, &'static str)> {
    UNITS
        .iter()
        .filter(|(w, _)| !sep.is_empty() || !w.starts_with(char::is_alphabetic))
        .find(|(w, _)| {
            if w.starts_with(char::is_alphanumeric) {
                word_at(at, w)
            } else {
                text[at..].starts_with(w)
            }
        })
}

/// [`word_at`] as it was, comparing the whole word at once: the reference.
fn word_at_reference(text: &str, at: usize, list_word: &str) -> bool {
    if !first_byte_matches(text, at, list_word) {
        return false;
    }
    let Some(found) = text.get(at..at + list_word.len()) else {
        return false;
    };
    let same = if list_word.len() >= 4 || SCALE_WORDS.iter().any(|(w, _)| *w == list_word) {
        found.eq_ignore_ascii_case(list_word)
    } else {
        found == list_word
    };
    same && !text[at + list_word.len()..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric)
}

/// A list word as a whole word, without regard to ASCII case.
fn word_at_any_case(text: &str, at: usize, w: &str) -> bool {
    text.get(at..at + w.len())
        .is_some_and(|found| found.eq_ignore_ascii_case(w))
        && !text[at + w.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

/// Texts of list words (hedges, units, signs) in any ASCII case, joined by
/// spaces, hyphens, commas, articles and stray characters.
fn text() -> impl Strategy<Value = String> {
    let words: Vec<&str> = HEDGES_BEFORE
        .iter()
        .map(|h| h.0)
        .chain(UNITS.iter().map(|u| u.0))
        .chain(SCALE_WORDS.iter().map(|u| u.0))
        .chain(CURRENCY_WORDS.iter().map(|u| u.0))
        .chain(HEDGES_AFTER.iter().map(|u| u.0.trim_start()))
        .chain([
            "minus", "negative", "a", "an", "5", "x", "é", "(", "-", ",", "ab",
        ])
        .collect();
    let word = (prop::sample::select(words), 0..3usize).prop_map(|(w, case)| match case {
        0 => w.to_string(),
        1 => w.to_ascii_uppercase(),
        _ => w.replace(' ', "-"),
    });
    let sep = prop::sample::select(vec![" ", " ", "-", ", ", ""]);
    prop::collection::vec((word, sep), 0..8)
        .prop_map(|parts| parts.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn hedge_ending_is_the_plain_loop(text in text(), a in 0usize..=1000, b in 0usize..=1000) {
        let place = |f: usize| text.len() * f / 1000;
        let places = [place(a.min(b)), place(a.max(b))];
        prop_assert_eq!(hedge_ending(&text, places), hedge_ending_reference(&text, places));
    }

    #[test]
    fn unit_at_is_the_plain_loop(text in text(), a in 0usize..=1000, sep in 0..3usize) {
        let mut at = text.len() * a / 1000;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let sep = ["", " ", "-"][sep];
        let word_at = |at: usize, w: &str| word_at_any_case(&text, at, w);
        prop_assert_eq!(unit_at(&text, at, sep, word_at), unit_at_reference(&text, at, sep, word_at));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Every list word at every place, as the reference compares it.
    #[test]
    fn word_at_is_the_whole_comparison(text in text()) {
        let lists = SCALE_WORDS.iter().map(|w| w.0)
            .chain(UNITS.iter().map(|u| u.0))
            .chain(CURRENCY_WORDS.iter().map(|c| c.0))
            .chain(HEDGES_AFTER.iter().flat_map(|h| [h.0, h.0.trim_start()]));
        for w in lists {
            for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                prop_assert_eq!(word_at(&text, at, w), word_at_reference(&text, at, w), "{} at {}", w, at);
            }
        }
    }
}

/// The generated texts reach hedges and units at the places compared.
#[test]
fn finds_hedges_and_units_in_any_case() {
    let text = "Up-To an ";
    assert_eq!(
        hedge_ending(text, [5, 8]),
        hedge_ending_reference(text, [5, 8])
    );
    assert!(hedge_ending(text, [5, 8]).is_some());
    let text = "5 PERCENT";
    let w = |at: usize, u: &str| word_at_any_case(text, at, u);
    assert_eq!(unit_at(text, 2, " ", w), Some(&("percent", "%")));
    assert!(word_at(text, 2, "percent") && word_at("5 BN", 2, "bn") && !word_at("5 BN", 2, "BW"));
}
