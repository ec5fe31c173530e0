//! Words and sentences of a normalised text (see [`crate::text::normalize`]), for
//! the rules that a quote covers whole words and that an elision stays in
//! one sentence.
//!
//! **Words.** A word is a run of letters, digits and combining marks, joined
//! by the characters that hold a word or a number together:
//! - `'`, `-` and `.` between two letters or digits (`OpenAI's`,
//!   `non-exclusive`, `U.S`, `7.5`, `2026-2027`, `aicnbc.com`);
//! - `,`, `:` and `/` between two digits (`12,000`, `10:30`, `24/7`);
//! - a currency sign before a digit (`$1.5`, `US$13`), a sign before a
//!   number (`-5`, `-$5`), a leading decimal point (`.5`), and `%`, `‰` or
//!   `°` after a digit (`7.5%`);
//! - a hyphen before a currency sign and a digit (`up-to-$50`).
//!
//! Han characters and hiragana are words of one character each, as in
//! Unicode's word boundaries. So a number is one word, with its sign,
//! currency and percent sign, and a quote that starts or ends inside it (`5
//! billion` from `$1.5 billion`, `2,000` from `12,000`, `effective` from
//! `ineffective`) is refused.
//!
//! **Sentences.** A sentence ends at a line break of the original text, and
//! at `.`, `!` or `?` (closing quotes, brackets and a reference mark such as
//! `[3]` may follow) when a space and then something other than a lowercase
//! letter come next, or a word with a capital inside (`eBay`): the rule the
//! briefing's prose uses too, made stricter where a stricter split can only
//! refuse more elisions.

use std::ops::Range;
use unicode_normalization::char::canonical_combining_class;

mod sentences;
pub use sentences::*;
mod terms;
pub use terms::*;
#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;

/// A letter, digit or combining mark.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || (!c.is_ascii() && canonical_combining_class(c) != 0)
}

/// A character that is a word on its own (Han ideographs and hiragana).
fn is_single(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{309F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// A currency sign.
pub fn is_currency(c: char) -> bool {
    matches!(c,
        '$' | '\u{A2}'..='\u{A5}' | '\u{58F}' | '\u{60B}' | '\u{9F2}' | '\u{9F3}' | '\u{E3F}'
        | '\u{17DB}' | '\u{20A0}'..='\u{20CF}' | '\u{FDFC}' | '\u{FE69}' | '\u{FF04}'
        | '\u{FFE0}' | '\u{FFE1}' | '\u{FFE5}' | '\u{FFE6}')
}

fn is_digit(c: Option<char>) -> bool {
    c.is_some_and(char::is_numeric)
}

fn word(c: Option<char>) -> bool {
    c.is_some_and(is_word_char)
}

/// What a `-` of a normalised text was in the original: the normalisation
/// writes hyphens, dashes and the minus sign alike as `-`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dash {
    /// A hyphen (`-`, U+2010, U+2011) or the minus sign: joins words.
    Hyphen,
    /// A figure or en dash (U+2012, U+2013): joins digits only (`2026–2027`).
    En,
    /// An em dash or horizontal bar (U+2014, U+2015): never joins.
    Em,
}

impl Dash {
    /// The kind of dash an original character is.
    pub fn of(c: char) -> Dash {
        match c {
            '\u{2012}' | '\u{2013}' => Dash::En,
            '\u{2014}' | '\u{2015}' => Dash::Em,
            _ => Dash::Hyphen,
        }
    }
}

/// The words of `text`, as byte ranges, in order, every `-` read as a hyphen.
pub fn words(text: &str) -> Vec<Range<usize>> {
    words_with(text, |_| Dash::Hyphen)
}

/// The words of `text`, with `dash(i)` telling what the `-` at byte `i` was.
// Over 80 lines: the scan of a text into words. Moved unchanged in the issue-13 redesign, so that
// branches that patch it can be ported; a split is a later, separate change.
pub fn words_with(text: &str, dash: impl Fn(usize) -> Dash) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let before = |k: usize| k.checked_sub(1).and_then(at);
    let byte = |k: usize| chars.get(k).map_or(text.len(), |&(i, _)| i);
    // Whether the character at `k` begins a word.
    let starts = |k: usize| -> bool {
        let Some(c) = at(k) else { return false };
        // ASCII but the signs and points that may open a number.
        if c.is_ascii() && !matches!(c, '$' | '-' | '+' | '.') {
            return c.is_ascii_alphanumeric();
        }
        let number_follows = |j: usize| {
            is_digit(at(j))
                || (at(j) == Some('.') && is_digit(at(j + 1)))
                || (at(j).is_some_and(is_currency) && is_digit(at(j + 1)))
        };
        if is_word_char(c) {
            return true;
        }
        if is_currency(c) {
            return is_digit(at(k + 1)) || (at(k + 1) == Some('.') && is_digit(at(k + 2)));
        }
        match c {
            '-' if dash(byte(k)) == Dash::Em => false,
            '-' | '+' | '\u{B1}' => !word(before(k)) && number_follows(k + 1),
            '.' => !word(before(k)) && is_digit(at(k + 1)),
            _ => false,
        }
    };
    // Whether the character at `k` continues the word that holds `k - 1`.
    let continues = |k: usize| -> bool {
        let (Some(p), Some(c)) = (before(k), at(k)) else {
            return false;
        };
        // A letter or digit after an ASCII character: neither is a mark or
        // a word on its own. Other ASCII, but joiners and signs, ends a word.
        if c.is_ascii_alphanumeric() && p.is_ascii() {
            return true;
        }
        if c.is_ascii()
            && !c.is_ascii_alphanumeric()
            && !matches!(c, '\'' | '.' | '-' | ',' | ':' | '/' | '%' | '$')
        {
            return false;
        }
        let next = at(k + 1);
        let mark = !c.is_ascii() && canonical_combining_class(c) != 0;
        if mark {
            return true;
        }
        if is_single(c) || is_single(p) {
            return false;
        }
        if is_word_char(c) {
            return true;
        }
        if is_currency(c) {
            let joined = word(Some(p)) || (p == '-' && word(k.checked_sub(2).and_then(at)));
            return joined && (is_digit(next) || next == Some('.'));
        }
        match c {
            '\'' | '.' => word(Some(p)) && word(next),
            '-' => match dash(byte(k)) {
                Dash::Hyphen => {
                    word(Some(p))
                        && (word(next) || (next.is_some_and(is_currency) && is_digit(at(k + 2))))
                }
                Dash::En => is_digit(Some(p)) && is_digit(next),
                Dash::Em => false,
            },
            ',' | ':' | '/' => is_digit(Some(p)) && is_digit(next),
            '%' | '\u{2030}' | '\u{B0}' => is_digit(Some(p)),
            _ => false,
        }
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if !starts(k) {
            k += 1;
            continue;
        }
        let start = k;
        // A word that opens with a sign, a currency sign or a point: `starts`
        // checked that a digit follows them.
        while at(k).is_some_and(|c| !is_word_char(c)) {
            k += 1;
        }
        k += 1;
        while k < chars.len() && continues(k) {
            k += 1;
        }
        out.push(byte(start)..byte(k));
    }
    out
}
