//! The issue-16 fast paths of the reader against the code they replace,
//! kept here unchanged as the reference: the vocabulary lookup of a safe
//! position. Each is compared on generated texts that reach its cases
//! (every vocabulary word, its prefixes and extensions, in both cases,
//! against other letters, digits, Unicode letters and the end of the text).

use super::window::{is_safe, vocabulary};
use super::window_tests::text;
use proptest::prelude::*;

/// [`is_safe`] as it was: a binary search of the whole sorted vocabulary.
fn is_safe_reference(text: &str, p: usize) -> bool {
    if p == 0 || p == text.len() {
        return true;
    }
    let bytes = text.as_bytes();
    if bytes[p - 1] != b' ' {
        return false;
    }
    let len = bytes[p..]
        .iter()
        .position(|b| !b.is_ascii_lowercase())
        .unwrap_or(bytes.len() - p);
    let end = p + len;
    len > 0
        && !text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
        && vocabulary()
            .binary_search_by(|w| w.as_str().cmp(&text[p..end]))
            .is_err()
}

/// Words near the vocabulary: each of its words, cut short, made longer,
/// in capitals, and other words of every length up to and past the
/// longest bucket.
fn near_vocabulary_word() -> impl Strategy<Value = String> {
    let listed = prop::sample::select(vocabulary().to_vec());
    prop_oneof![
        3 => listed.clone(),
        1 => (listed.clone(), 0usize..20).prop_map(|(w, k)| w[..k.min(w.len())].to_string()),
        1 => (listed.clone(), "[a-z]{1,3}").prop_map(|(w, x)| format!("{w}{x}")),
        1 => (listed, "[a-z]{1,3}").prop_map(|(w, x)| format!("{x}{w}")),
        1 => "[a-z]{1,24}",
        1 => "[a-zA-Z0-9é]{1,20}",
    ]
}

/// Texts of such words between spaces and other separators.
fn vocabulary_text() -> impl Strategy<Value = String> {
    let sep = prop::sample::select(&[" ", " ", " ", "-", ".", ",", "é", "1", ""][..]);
    prop::collection::vec((near_vocabulary_word(), sep), 0..12)
        .prop_map(|parts| parts.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn safe_positions_are_found_as_by_the_sorted_vocabulary(
        text in prop_oneof![vocabulary_text(), text()],
    ) {
        for p in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
            prop_assert_eq!(is_safe(&text, p), is_safe_reference(&text, p), "at {} of {:?}", p, text);
        }
    }
}

/// Every word of the vocabulary, alone after a space, is unsafe; the same
/// word with one more letter, or cut by one, is as the reference says.
#[test]
fn every_vocabulary_word_and_its_neighbours_read_as_before() {
    for w in vocabulary() {
        let lower = w.bytes().all(|b| b.is_ascii_lowercase());
        let text = format!("x {w}");
        assert_eq!(is_safe(&text, 2), is_safe_reference(&text, 2), "{w:?}");
        assert!(!lower || !is_safe(&text, 2), "{w:?}");
        for more in [
            format!("x {w}s"),
            format!("x {w}q"),
            format!("x {}", &w[..w.len() - 1]),
        ] {
            assert_eq!(is_safe(&more, 2), is_safe_reference(&more, 2), "{more:?}");
        }
    }
}
