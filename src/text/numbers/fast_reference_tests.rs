//! The issue-16 fast paths of the reader against the code they replace,
//! kept here unchanged as the reference: the vocabulary lookup of a safe
//! position, the Roman-numeral letters of a word the scan passes over, a
//! number in digits (its thousands groups and ordinal suffix). Each is
//! compared on generated texts that reach its cases (every vocabulary word,
//! cut short, made longer, in both cases, against other letters, digits,
//! Unicode letters and the end of the text; Roman numerals and near misses;
//! digit runs of several scripts with groups of every length).

use super::reference_tests::{digit_number_reference, digit_text};
use super::spelled::{ascii_word_reads_nothing, roman};
use super::window::{is_safe, vocabulary};
use super::window_tests::text;
use super::*;
use crate::text::normalize::normalize;
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

/// [`ascii_word_reads_nothing`] and [`roman`] as they were: the Roman
/// letters found by a search of `MDCLXVI`.
fn ascii_word_reads_nothing_before(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let len = bytes[i..]
        .iter()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(bytes.len() - i);
    let end = i + len;
    // A letter beyond ASCII may go on with the word.
    if bytes.get(end).is_some_and(|b| !b.is_ascii()) {
        return None;
    }
    let word = &bytes[i..end];
    if word.len() >= 2 && word.iter().all(|b| b"MDCLXVI".contains(b)) {
        return None;
    }
    (word.len() > 11 || !may_start_by_shape(word) || !may_start_number(&text[i..end]))
        .then_some(end)
}
fn roman_before(word: &str) -> Option<u64> {
    if word.len() < 2 || !word.bytes().all(|b| b"MDCLXVI".contains(&b)) {
        return None;
    }
    let value = |b: u8| match b {
        b'M' => 1000,
        b'D' => 500,
        b'C' => 100,
        b'L' => 50,
        b'X' => 10,
        b'V' => 5,
        _ => 1,
    };
    let bytes = word.as_bytes();
    let mut total: u64 = 0;
    for (k, &b) in bytes.iter().enumerate() {
        let v = value(b);
        if bytes.get(k + 1).is_some_and(|&n| value(n) > v) {
            total = total.checked_sub(v)?;
        } else {
            total += v;
        }
    }
    // Only the canonical spelling of its value counts as a numeral.
    (to_roman(total) == word).then_some(total)
}

/// Digit runs as [`digit_text`] makes them, and runs with groups of every
/// length after first runs of every length, ordinal suffixes in any case,
/// letters and other numerals against the digits.
fn grouped_text() -> impl Strategy<Value = String> {
    let parts: &[&str] = &[
        "1", "12", "123", "1234", "000", ",", ",", ",", ".", "-", "st", "ST", "Nd", "rD", "tH",
        "s", "stt", "\u{662}", "\u{ff13}", "\u{2028}", "é", " ", "bn", "K", "²",
    ];
    prop::collection::vec(prop::sample::select(parts), 0..16)
        .prop_map(|parts| normalize(&parts.concat()))
}

/// Words the scan passes over: Roman numerals and near misses in both
/// cases, number words, other words, and letters beyond ASCII after them.
fn worded() -> impl Strategy<Value = String> {
    let parts: &[&str] = &[
        "MMXXIV",
        "MD",
        "mD",
        "XL",
        "IIII",
        "IC",
        "I",
        "V",
        "MDCLXVIM",
        "MCMXCIX",
        "DM",
        "twenty",
        "Third",
        "a",
        "an",
        "million",
        "cat",
        "é",
        "x",
        " ",
        " ",
        "-",
        "5",
        ".",
        "abcdefghijkl",
    ];
    prop::collection::vec(prop::sample::select(parts), 0..12).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn digit_numbers_are_read_as_before(text in prop_oneof![grouped_text(), digit_text()]) {
        for (i, c) in text.char_indices() {
            if digit_value(c).is_some() || c == '.' && next_is_digit(&text, i + 1) {
                prop_assert_eq!(digits::digit_number(&text, i), digit_number_reference(&text, i), "at {} of {:?}", i, text);
            }
        }
    }

    #[test]
    fn words_passed_over_are_as_before(text in worded()) {
        let bytes = text.as_bytes();
        for i in (0..text.len()).filter(|&i| bytes[i].is_ascii_alphabetic()) {
            prop_assert_eq!(ascii_word_reads_nothing(&text, i), ascii_word_reads_nothing_before(&text, i), "at {} of {:?}", i, text);
        }
        for w in text.split(|c: char| !c.is_alphabetic()) {
            prop_assert_eq!(roman(w), roman_before(w), "{:?}", w);
        }
    }
}

/// The generated texts reach groups, ordinals and Roman numerals.
#[test]
fn generated_cases_read_as_before() {
    for text in [
        "1,234,567",
        "12,345",
        "1234,567",
        "1,2,3",
        "3RD",
        "21st",
        "1.5th",
        "MMXXIV",
        "mMXX",
    ] {
        for i in 0..text.len() {
            if text.as_bytes()[i].is_ascii_digit() {
                assert_eq!(
                    digits::digit_number(text, i),
                    digit_number_reference(text, i),
                    "{text}"
                );
            } else if text.as_bytes()[i].is_ascii_alphabetic() {
                assert_eq!(
                    ascii_word_reads_nothing(text, i),
                    ascii_word_reads_nothing_before(text, i),
                    "{text}"
                );
            }
        }
    }
    assert!(matches!(
        digits::digit_number("1,234,567", 0).value,
        Value::Amount(_)
    ));
    assert!(matches!(
        digits::digit_number("3RD", 0).value,
        Value::Ordinal(_)
    ));
    assert!(matches!(
        digits::digit_number("1234,567", 0).value,
        Value::Raw(_)
    ));
    assert_eq!(roman("MMXXIV"), Some(2024));
}
