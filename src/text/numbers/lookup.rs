//! Byte sets that let the reader skip a word list where none of its words
//! can start, and indexes by byte that let it compare a position with only
//! the words that can start (or end) there: every number would otherwise be
//! compared with every word of several lists.

use std::sync::LazyLock;

use super::*;

/// A set of bytes, each in both ASCII cases: the bytes that start a word of
/// a list. A list none of whose words can start at a position is not
/// searched there.
pub(super) struct Bytes([bool; 256]);

impl Bytes {
    fn of(bytes: impl Iterator<Item = u8>) -> Bytes {
        let mut t = [false; 256];
        for b in bytes {
            t[usize::from(b.to_ascii_lowercase())] = true;
            t[usize::from(b.to_ascii_uppercase())] = true;
        }
        Bytes(t)
    }

    /// The first bytes of `words`, and for a phrase that starts with a
    /// space, the byte after it.
    fn starts<'a>(words: impl Iterator<Item = &'a str>) -> Bytes {
        Bytes::of(
            words
                .flat_map(|w| [w.bytes().next(), w.trim_start().bytes().next()])
                .flatten(),
        )
    }

    /// Whether the byte of `text` at `at` is in the set.
    pub(super) fn at(&self, text: &str, at: usize) -> bool {
        text.as_bytes()
            .get(at)
            .is_some_and(|&b| self.0[usize::from(b)])
    }
}

pub(super) static SCALE_STARTS: LazyLock<Bytes> =
    LazyLock::new(|| Bytes::starts(SCALE_WORDS.iter().map(|s| s.0)));
pub(super) static UNIT_STARTS: LazyLock<Bytes> =
    LazyLock::new(|| Bytes::starts(UNITS.iter().map(|u| u.0)));
pub(super) static CURRENCY_STARTS: LazyLock<Bytes> =
    LazyLock::new(|| Bytes::starts(CURRENCY_WORDS.iter().map(|c| c.0)));
pub(super) static HEDGE_AFTER_STARTS: LazyLock<Bytes> =
    LazyLock::new(|| Bytes::starts(HEDGES_AFTER.iter().map(|h| h.0)));

/// Whether the byte of `text` at `at` equals the first byte of `word`
/// without regard to ASCII case: a cheap test that every list comparison
/// (case-blind or exact) implies, made first.
pub(super) fn first_byte_matches(text: &str, at: usize, word: &str) -> bool {
    match (text.as_bytes().get(at), word.as_bytes().first()) {
        (Some(t), Some(w)) => t.eq_ignore_ascii_case(w),
        _ => false,
    }
}

/// For each byte, the words of a list (by index; at most 128) that may end
/// (or start) with it, by the same test the reader makes first: a position
/// is compared with only those words, still in list order.
pub(super) struct Index([u128; 256]);

impl Index {
    /// `keys` gives each word's last (or first) byte; `matches(t, k)` says
    /// whether a text byte `t` may stand for key `k`.
    fn new(keys: impl Iterator<Item = u8>, matches: fn(u8, u8) -> bool) -> Index {
        let mut sets = [0u128; 256];
        for (k, key) in keys.enumerate() {
            assert!(k < 128, "a list indexed by byte has at most 128 words");
            for (t, set) in sets.iter_mut().enumerate() {
                if matches(t as u8, key) {
                    *set |= 1 << k;
                }
            }
        }
        Index(sets)
    }

    /// The words that may match at a text byte (none where there is none).
    pub(super) fn at(&self, byte: Option<&u8>) -> u128 {
        byte.map_or(0, |&b| self.0[usize::from(b)])
    }
}

/// The indices in `set`, in increasing order.
pub(super) fn each(mut set: u128) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (set != 0).then(|| {
            let k = set.trailing_zeros() as usize;
            set &= set - 1;
            k
        })
    })
}

/// The hedges before a number, then `minus` and `negative` (which make it
/// negative), as the reader compares them.
pub(super) static HEDGES_AND_SIGNS_BEFORE: LazyLock<Vec<(&str, Hedge)>> = LazyLock::new(|| {
    HEDGES_BEFORE
        .iter()
        .copied()
        .chain([("minus", Hedge::About), ("negative", Hedge::About)])
        .collect()
});

/// [`HEDGES_AND_SIGNS_BEFORE`] by last byte, in both ASCII cases; a space
/// may be written as a hyphen.
pub(super) static HEDGE_BEFORE_LAST: LazyLock<Index> = LazyLock::new(|| {
    Index::new(
        HEDGES_AND_SIGNS_BEFORE
            .iter()
            .filter_map(|h| h.0.bytes().last()),
        |t, k| t.eq_ignore_ascii_case(&k) || (k == b' ' && t == b'-'),
    )
});

/// [`UNITS`] by first byte, in both ASCII cases.
pub(super) static UNIT_FIRST: LazyLock<Index> = LazyLock::new(|| {
    Index::new(UNITS.iter().filter_map(|u| u.0.bytes().next()), |t, k| {
        t.eq_ignore_ascii_case(&k)
    })
});

/// [`SCALE_WORDS`] by first byte, in both ASCII cases.
static SCALE_FIRST: LazyLock<Index> = LazyLock::new(|| {
    Index::new(
        SCALE_WORDS.iter().filter_map(|s| s.0.bytes().next()),
        |t, k| t.eq_ignore_ascii_case(&k),
    )
});

/// [`CURRENCY_WORDS`] by first byte, in both ASCII cases.
static CURRENCY_FIRST: LazyLock<Index> = LazyLock::new(|| {
    Index::new(
        CURRENCY_WORDS.iter().filter_map(|c| c.0.bytes().next()),
        |t, k| t.eq_ignore_ascii_case(&k),
    )
});

/// The first of [`SCALE_WORDS`] (in list order) written at `at` as a
/// whole word ([`word_at`]). `at` is compared with only the words whose
/// first byte it has: [`word_at`] compares that byte first.
pub(super) fn scale_word_at(text: &str, at: usize) -> Option<&'static (&'static str, i32)> {
    each(SCALE_FIRST.at(text.as_bytes().get(at)))
        .map(|k| &SCALE_WORDS[k])
        .find(|(w, _)| word_at(text, at, w))
}

/// The first of [`CURRENCY_WORDS`] (in list order) written at `at` as a
/// whole word ([`word_at`]), compared with only the words whose first byte
/// it has.
pub(super) fn currency_word_at(
    text: &str,
    at: usize,
) -> Option<&'static (&'static str, &'static str)> {
    each(CURRENCY_FIRST.at(text.as_bytes().get(at)))
        .map(|k| &CURRENCY_WORDS[k])
        .find(|(w, _)| word_at(text, at, w))
}

/// [`HEDGES_AFTER`] by the first byte of the phrase without its leading
/// space, in both ASCII cases.
static HEDGE_AFTER_FIRST: LazyLock<Index> = LazyLock::new(|| {
    Index::new(
        HEDGES_AFTER
            .iter()
            .filter_map(|h| h.0.trim_start().bytes().next()),
        |t, k| t.eq_ignore_ascii_case(&k),
    )
});

/// The phrases of [`HEDGES_AFTER`] that start with a space.
static HEDGE_AFTER_SPACED: LazyLock<u128> = LazyLock::new(|| {
    HEDGES_AFTER
        .iter()
        .enumerate()
        .filter(|(_, h)| h.0.starts_with(' '))
        .fold(0, |set, (k, _)| set | 1 << k)
});

/// The phrases of [`HEDGES_AFTER`] (by index) whose first byte the text
/// has where the reader compares it, after a lead ending at `at`: the
/// phrase's leading space at `at` and its next byte after it, unless the
/// lead is a bracket (`bracket`), after which the phrase is read without
/// its space. Every other phrase fails the reader's first comparison.
pub(super) fn hedge_after_candidates(text: &str, at: usize, bracket: bool) -> u128 {
    let bytes = text.as_bytes();
    let here = HEDGE_AFTER_FIRST.at(bytes.get(at));
    if bracket {
        return here;
    }
    let spaced = *HEDGE_AFTER_SPACED;
    let after_space = if bytes.get(at) == Some(&b' ') {
        HEDGE_AFTER_FIRST.at(bytes.get(at + 1))
    } else {
        0
    };
    (after_space & spaced) | (here & !spaced)
}

/// [`HEDGES_AND_SIGNS_BEFORE`] by their last byte but one, in both ASCII
/// cases (a space may be written as a hyphen); a phrase of one byte is in
/// every set.
static HEDGE_BEFORE_SECOND_LAST: LazyLock<Index> = LazyLock::new(|| {
    Index::new(
        HEDGES_AND_SIGNS_BEFORE
            .iter()
            .map(|h| h.0.bytes().rev().nth(1).unwrap_or(0)),
        |t, k| k == 0 || t.eq_ignore_ascii_case(&k) || (k == b' ' && t == b'-'),
    )
});

/// The phrases of [`HEDGES_AND_SIGNS_BEFORE`] that may end at `at` of
/// `before` by their last two bytes (every phrase where fewer than two
/// bytes precede `at`).
pub(super) fn hedge_before_candidates(before: &str, at: usize) -> u128 {
    let bytes = before.as_bytes();
    if at < 2 || at > bytes.len() {
        return HEDGE_BEFORE_LAST.at(at.checked_sub(1).and_then(|k| bytes.get(k)));
    }
    HEDGE_BEFORE_LAST.at(bytes.get(at - 1)) & HEDGE_BEFORE_SECOND_LAST.at(bytes.get(at - 2))
}
