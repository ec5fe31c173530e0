//! The numbers around a passage, read without reading the whole text, with
//! exactly the result of [`numbers`] over the whole text.
//!
//! The scan of [`numbers`] has one state, its position `i`: the number read
//! at `i` depends on the whole text and `i` alone, and the scan goes on at
//! its end (or at the next character). So from any position that the whole
//! scan visits, a scan over the same text reads the same numbers. A window
//! is read from such a position to another; two more facts make its numbers
//! exactly those of the whole scan, and every number that overlaps the
//! passage among them.
//!
//! **A safe position** `p` is the start of the text, its end, or the start
//! of a word after a space (`text[p - 1]` is `' '`) that is all lowercase
//! ASCII letters, is not followed by a letter or digit, and is not a word of
//! the number vocabulary ([`vocabulary`]: every word of every scale, unit,
//! currency, hedge and number-word list, and the words the reader names in
//! its code). Then:
//!
//! 1. *The whole scan visits `p`.* Else a number read at some `s < p` ends
//!    past `p`; it starts at or before `s`, so it covers the space at
//!    `p - 1` and the word at `p`. A space inside a number is read only
//!    between the words of a spelled number (`twenty five`, `three hundred
//!    and two`), before a scale, unit or currency word or a hedge after it
//!    (`5 billion`, `5 per cent`, `5 dollars`, `5 or more`), or inside
//!    such a phrase; digits, groups, decimals, pairs, raw tokens and Roman
//!    numerals hold none. Each of those phrases is matched as whole words
//!    (no letter or digit after it), so the word at `p` would be one of the
//!    vocabulary's words, and it is not.
//! 2. *No `between X and Y` joins a number read before `p` with one read
//!    after it.* The two are joined only when exactly ` and ` lies between
//!    them and the second is an amount. `p` cannot be inside ` and ` (the
//!    word there is `and`), nor at its first space (`text[p]` is a letter).
//!    So the second number starts at or before `p` and covers the word at
//!    `p`: a number starts with a sign, a currency sign or code (uppercase
//!    letters), a hedge word, an article, digits, a number word or a Roman
//!    numeral (uppercase), and goes on to its first digit or number word
//!    only through hedge words, articles, currency codes and signs. None of
//!    these is a lowercase word outside the vocabulary.
//!
//! So the window `p..q` between two safe positions reads exactly the
//! numbers (joined pairs included) that the whole scan reads at a position
//! in `p..q`. A number read before `p` ends by `p` (1.), so it does not
//! overlap a passage that starts at or after `p`. A number read at or after
//! a safe `q` starts its digits (its `core`) where it is read, except a raw
//! token of digits against letters (`A320`), whose core starts at its
//! letters; that token holds no space and a space stands just before `q`,
//! so its core starts at or after `q` too. So every number whose core
//! overlaps a passage `a..b` with `p ≤ a` and `b ≤ q` is in the window.

use std::sync::LazyLock;

use super::*;

/// How far from a passage a safe position is looked for on each side. A
/// text without one that near (a table of figures) is read whole instead:
/// the result is the same, and the work per passage stays bounded.
pub const SYNC_SEARCH: usize = 4096;

/// The numbers of `text` read in a window around `span` (a range of
/// `text`), in order: a run of [`numbers`]`(text)` that holds every number
/// whose core overlaps `span`. `None` when no safe position lies within
/// [`SYNC_SEARCH`] bytes of `span` on some side: read the whole text.
pub fn numbers_near(text: &str, span: Range<usize>) -> Option<Vec<Number>> {
    numbers_within(text, span, SYNC_SEARCH)
}

/// [`numbers_near`] with the search distance as a parameter (the tests
/// make it small to reach the fallback).
pub(super) fn numbers_within(text: &str, span: Range<usize>, limit: usize) -> Option<Vec<Number>> {
    let from = safe_before(text, span.start, limit)?;
    let to = safe_after(text, span.end, limit)?;
    Some(read(text, from..to))
}

/// The last safe position at or before `at`, if one is within `limit`.
fn safe_before(text: &str, at: usize, limit: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut p = at;
    loop {
        if is_safe(text, p) {
            return Some(p);
        }
        // The next candidate: just after the last space before `p - 1`.
        p = match bytes[..p.saturating_sub(1)]
            .iter()
            .rposition(|&b| b == b' ')
        {
            Some(k) => k + 1,
            None => 0,
        };
        if at - p > limit {
            return None;
        }
    }
}

/// The first safe position at or after `at`, if one is within `limit`.
fn safe_after(text: &str, at: usize, limit: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut p = at;
    loop {
        if is_safe(text, p) {
            return Some(p);
        }
        // The next candidate: just after the next space at or after `p`.
        p = match bytes[p..].iter().position(|&b| b == b' ') {
            Some(k) => p + k + 1,
            None => text.len(),
        };
        if p - at > limit {
            return None;
        }
    }
}

/// Whether the scan of the whole text visits `p`, and no number read before
/// it joins one read after it (see the module's comment).
pub(super) fn is_safe(text: &str, p: usize) -> bool {
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
        && !in_vocabulary(&text[p..end])
}

/// Whether a word of one or more bytes is one of [`vocabulary`]: compared
/// with only the words of its length (or of [`LONG`] bytes or more) and
/// first byte, as [`is_safe`] asks at every candidate position.
fn in_vocabulary(word: &str) -> bool {
    static BY_START: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
        let mut by_start = vec![Vec::new(); (LONG + 1) * 256];
        for w in vocabulary() {
            by_start[bucket(w)].push(w.as_str());
        }
        by_start
    });
    BY_START[bucket(word)].contains(&word)
}

/// Words of this many bytes or more share a bucket of [`in_vocabulary`].
const LONG: usize = 16;

/// The bucket of a word of one or more bytes: its length (up to [`LONG`])
/// and first byte.
fn bucket(word: &str) -> usize {
    word.len().min(LONG) * 256 + usize::from(word.as_bytes()[0])
}

/// Every word (run of letters and digits, lowercased) of every list the
/// reader matches, and of the words its code names, sorted.
pub(super) fn vocabulary() -> &'static [String] {
    static WORDS: LazyLock<Vec<String>> = LazyLock::new(|| {
        let pairs = |l: &'static [(&'static str, &'static str)]| l.iter().map(|p| p.0);
        let phrases = SCALE_WORDS
            .iter()
            .map(|s| s.0)
            .chain(SCALE_SUFFIXES.iter().map(|s| s.0))
            .chain(pairs(UNITS))
            .chain(pairs(CURRENCY_WORDS))
            .chain(pairs(CURRENCY_CODES))
            .chain(HEDGES_BEFORE.iter().map(|h| h.0))
            .chain(HEDGES_AFTER.iter().map(|h| h.0))
            .chain(ONES.iter().chain(TENS).chain(ORDINALS).copied())
            .chain(CODE_WORDS.iter().copied());
        let mut words: Vec<String> = phrases
            .flat_map(|p| p.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        words.sort();
        words.dedup();
        words
    });
    &WORDS
}

/// Words the reader's code compares with, outside its lists: ordinal
/// suffixes, `between X and Y`, `hundred and five`, articles, signs.
const CODE_WORDS: &[&str] = &[
    "st", "nd", "rd", "th", "between", "and", "hundred", "a", "an", "minus", "negative",
];
