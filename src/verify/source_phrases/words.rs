//! Splitting a text into words, and what a word is (a count word, a
//! source noun, a verb of reporting).

use super::*;
use std::borrow::Cow;

pub use crate::text::letters::fold;
#[cfg(test)]
pub(super) use crate::text::letters::lookalike;

/// A word of a text, lowercased, with a possessive `'s` dropped. A word
/// already in that form (most are) borrows it from the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    pub lower: Cow<'a, str>,
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Clause punctuation (`, ; : ( ) [ ] . ! ? —` …) stands between this
    /// word and the one before.
    pub punct_before: bool,
    pub possessive: bool,
}

#[cfg(test)]
thread_local! {
    /// Bytes read by [`words`], for the tests that bound the work done.
    pub(super) static SCANNED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The words of `text`: runs of letters and digits, held together by `'`,
/// `’`, `-`, `.` between letters or digits, and `,` between digits.
pub fn words(text: &str) -> Vec<Word<'_>> {
    #[cfg(test)]
    SCANNED.with(|s| s.set(s.get() + text.len()));
    // The character at byte `p`, read in place (no list of characters):
    // an ASCII byte is its character; any other is decoded.
    let bytes = text.as_bytes();
    let char_at = |p: usize| match bytes.get(p) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text.get(p..).and_then(|rest| rest.chars().next()),
    };
    let mut out = Vec::new();
    let mut p = 0;
    let mut punct = false;
    while let Some(c) = char_at(p) {
        if !c.is_alphanumeric() {
            if !c.is_whitespace()
                && !matches!(
                    c,
                    '"' | '\''
                        | '\u{201C}'
                        | '\u{201D}'
                        | '\u{2018}'
                        | '\u{2019}'
                        | '*'
                        | '_'
                        | '`'
                )
            {
                punct = true;
            }
            p += c.len_utf8();
            continue;
        }
        let start = p;
        // `end` is where the word read so far ends, `last` its last letter
        // or digit.
        let mut end = p;
        let mut last = c;
        loop {
            while let Some(c) = char_at(end).filter(|c| c.is_alphanumeric()) {
                last = c;
                end += c.len_utf8();
            }
            let joiner = char_at(end);
            let next = joiner.and_then(|j| char_at(end + j.len_utf8()));
            let joins = next.is_some_and(char::is_alphanumeric)
                && match joiner {
                    Some('\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' | '.') => true,
                    Some(',') => last.is_numeric() && next.is_some_and(char::is_numeric),
                    _ => false,
                };
            match joiner {
                Some(j) if joins => end += j.len_utf8(),
                _ => break,
            }
        }
        let mut lower = fold_cow(&text[start..end]);
        let mut possessive = false;
        if lower.ends_with("'s") {
            let stem = lower.len() - "'s".len();
            match &mut lower {
                Cow::Borrowed(s) => *s = &s[..stem],
                Cow::Owned(s) => s.truncate(stem),
            }
            possessive = true;
        } else if matches!(char_at(end), Some('\'' | '\u{2019}')) && lower.ends_with('s') {
            possessive = true;
        }
        out.push(Word {
            lower,
            range: start..end,
            punct_before: punct,
            possessive,
        });
        punct = false;
        p = end;
    }
    out
}

/// [`fold`], borrowing a text that is already folded: ASCII without a
/// capital letter, which `fold` gives back unchanged.
fn fold_cow(text: &str) -> Cow<'_, str> {
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(fold(text))
    }
}

/// The value of a number word or of digits (any script), up to a bound.
pub(super) fn number_value(w: &str) -> Option<u32> {
    if let Some(i) = number_words().position(|n| n == w) {
        return Some(i as u32);
    }
    if w == "dozen" {
        return Some(12);
    }
    if !w.is_empty()
        && w.chars()
            .all(|c| crate::text::numbers::digit_value(c).is_some())
    {
        let mut v: u64 = 0;
        for c in w.chars() {
            v = v * 10 + u64::from(crate::text::numbers::digit_value(c)?);
            if v > 1_000_000 {
                return Some(1_000_000);
            }
        }
        return Some(v as u32);
    }
    None
}

/// Whether a word starts a count (the reference's word list).
pub fn is_count_word(w: &str) -> bool {
    number_value(w).is_some() || COUNT_WORDS.contains(&w) || ordinals().contains(&w)
}

pub(super) fn is_noun(w: &Word) -> bool {
    NOUNS.contains(&w.lower.as_ref())
}

/// Nouns that name nothing but sources. The others (`outlets`, `reports`,
/// `papers`, `stories` …) also name shops, filings and the like, so a
/// count before them is a count of sources only in a sentence about
/// sources (see [`about_sources`]); otherwise its number is checked by the
/// number rules like any other.
pub(super) const STRONG_NOUNS: &[&str] =
    &["source", "sources", "origin", "origins", "seed", "seeds"];

/// Whether the count starting at word `start` with its noun at `noun` is
/// about sources. A noun followed by `of` (`two sources of revenue`) never
/// counts sources. Otherwise it does when the noun names only sources, or
/// the count has no number (`both outlets`, `several reports`: nothing
/// else checks those), or a verb of reporting follows the noun (`three
/// outlets say`), a crediting word comes before the count (`per two
/// reports`, `according to two papers`, `by two outlets`), or `news`,
/// `media` or `independent` qualifies the noun. A number that is not a
/// count of sources stays a number, which rules 9 and 10 check.
pub fn about_sources(ws: &[Word], start: usize, noun: usize) -> bool {
    let next = ws.get(noun + 1).filter(|w| !w.punct_before);
    if next.is_some_and(|w| w.lower == "of") {
        return false;
    }
    let numeric = ws[start..noun].iter().any(|w| {
        number_value(&w.lower).is_some()
            || w.lower
                .split_once('-')
                .is_some_and(|(a, b)| number_value(a).is_some() && number_value(b).is_some())
    });
    if STRONG_NOUNS.contains(&ws[noun].lower.as_ref()) || !numeric || next.is_some_and(is_verb) {
        return true;
    }
    let before = |k: usize| {
        start
            .checked_sub(k)
            .filter(|_| !ws[start + 1 - k].punct_before)
            .map(|j| ws[j].lower.as_ref())
    };
    matches!(before(1), Some("per" | "by" | "citing"))
        || (before(1) == Some("to") && before(2) == Some("according"))
        || ws[start..noun]
            .iter()
            .any(|w| matches!(w.lower.as_ref(), "news" | "media" | "independent"))
}

pub(super) fn is_verb(w: &Word) -> bool {
    VERBS.contains(&w.lower.as_ref())
}
