//! Byte sets that let the reader skip a word list where none of its words
//! can start (or end): every number of every seed would otherwise be
//! compared with every word of several lists.

use std::sync::LazyLock;

use super::*;

/// A set of bytes, each in both ASCII cases: the bytes that start (or end)
/// a word of a list. A list none of whose words can start (or end) at a
/// position is not searched there.
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

    /// The last bytes of `words`; a space also stands for a hyphen.
    fn ends<'a>(words: impl Iterator<Item = &'a str>) -> Bytes {
        Bytes::of(
            words
                .filter_map(|w| w.bytes().last())
                .flat_map(|b| [Some(b), (b == b' ').then_some(b'-')])
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

pub(super) static HEDGE_BEFORE_ENDS: LazyLock<Bytes> = LazyLock::new(|| {
    Bytes::ends(
        HEDGES_BEFORE
            .iter()
            .map(|h| h.0)
            .chain(["minus", "negative"]),
    )
});
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
