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
pub fn words_with(text: &str, dash: impl Fn(usize) -> Dash) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    scan_words(text, dash, |start, end| out.push(start..end));
    out
}

/// The character at byte `i` of `text` (a character boundary), if any.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        text[i..].chars().next()
    }
}

/// The byte after the character at byte `i` (`i` itself at the end).
#[inline]
fn after(text: &str, i: usize) -> usize {
    match text.as_bytes().get(i) {
        None => i,
        Some(&b) if b < 0x80 => i + 1,
        Some(&b) if b < 0xE0 => i + 2,
        Some(&b) if b < 0xF0 => i + 3,
        Some(_) => i + 4,
    }
}

/// The start of the character before byte `i`, if any.
#[inline]
fn before(text: &str, i: usize) -> Option<usize> {
    let mut j = i.checked_sub(1)?;
    while !text.is_char_boundary(j) {
        j -= 1;
    }
    Some(j)
}

/// [`CLASS`] bit of an ASCII letter or digit.
const ALNUM: u8 = 1;
/// [`CLASS`] bit of an ASCII character that cannot begin a word: neither a
/// letter, a digit, nor `$`, `-`, `+` or `.`.
const NEVER_STARTS: u8 = 2;

/// [`CLASS`] bit of an ASCII character that cannot continue a word: neither
/// a letter, a digit, nor one of the joiners and signs `'`, `.`, `-`, `,`,
/// `:`, `/`, `%` and `$`.
const ENDS: u8 = 4;

/// The classes of each byte value.
const CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        class[b] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else if matches!(c, b'$' | b'-' | b'+' | b'.') {
            0
        } else {
            NEVER_STARTS
        };
        if !c.is_ascii_alphanumeric()
            && !matches!(c, b'\'' | b'.' | b'-' | b',' | b':' | b'/' | b'%' | b'$')
        {
            class[b] |= ENDS;
        }
        b += 1;
    }
    class
};

/// The scan of [`words_with`], over bytes: `push(start, end)` for each word,
/// in order. A character is decoded only where it is not ASCII; runs of
/// ASCII letters and digits inside a word, and ASCII that cannot begin one,
/// are passed byte by byte.
// Over 80 lines: the rules of `starts` and `continues` read best whole, as
// in the reference they are held to.
fn scan_words(text: &str, dash: impl Fn(usize) -> Dash, mut push: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let at = |i: usize| char_at(text, i);
    let next = |i: usize| after(text, i);
    let prev = |i: usize| before(text, i).and_then(at);
    // Whether the character at byte `k` begins a word.
    let starts = |k: usize| -> bool {
        let Some(c) = at(k) else { return false };
        // ASCII but the signs and points that may open a number.
        if c.is_ascii() && !matches!(c, '$' | '-' | '+' | '.') {
            return c.is_ascii_alphanumeric();
        }
        let number_follows = |j: usize| {
            is_digit(at(j))
                || (at(j) == Some('.') && is_digit(at(next(j))))
                || (at(j).is_some_and(is_currency) && is_digit(at(next(j))))
        };
        if is_word_char(c) {
            return true;
        }
        let k1 = next(k);
        if is_currency(c) {
            return is_digit(at(k1)) || (at(k1) == Some('.') && is_digit(at(next(k1))));
        }
        match c {
            '-' if dash(k) == Dash::Em => false,
            '-' | '+' | '\u{B1}' => !word(prev(k)) && number_follows(k1),
            '.' => !word(prev(k)) && is_digit(at(k1)),
            _ => false,
        }
    };
    // Whether the character at byte `k` continues the word that holds the
    // character before it.
    let continues = |k: usize| -> bool {
        let Some(pk) = before(text, k) else {
            return false;
        };
        let (Some(p), Some(c)) = (at(pk), at(k)) else {
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
        let k1 = next(k);
        let next_c = at(k1);
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
            let joined = word(Some(p)) || (p == '-' && word(prev(pk)));
            return joined && (is_digit(next_c) || next_c == Some('.'));
        }
        match c {
            '\'' | '.' => word(Some(p)) && word(next_c),
            '-' => match dash(k) {
                Dash::Hyphen => {
                    word(Some(p))
                        && (word(next_c)
                            || (next_c.is_some_and(is_currency) && is_digit(at(next(k1)))))
                }
                Dash::En => is_digit(Some(p)) && is_digit(next_c),
                Dash::Em => false,
            },
            ',' | ':' | '/' => is_digit(Some(p)) && is_digit(next_c),
            '%' | '\u{2030}' | '\u{B0}' => is_digit(Some(p)),
            _ => false,
        }
    };
    let mut k = 0;
    while k < bytes.len() {
        // ASCII that cannot begin a word: neither a letter, a digit, nor a
        // sign or point that may open a number.
        if CLASS[usize::from(bytes[k])] & NEVER_STARTS != 0 {
            k += 1;
            continue;
        }
        let start = k;
        if CLASS[usize::from(bytes[k])] & ALNUM != 0 {
            // An ASCII letter or digit begins a word.
            k += 1;
        } else {
            if !starts(k) {
                k = next(k);
                continue;
            }
            // A word that opens with a sign, a currency sign or a point:
            // `starts` checked that a digit follows them.
            while at(k).is_some_and(|c| !is_word_char(c)) {
                k = next(k);
            }
            k = next(k);
        }
        loop {
            // ASCII letters and digits after ASCII continue the word.
            if bytes[k - 1].is_ascii() {
                k += bytes[k..]
                    .iter()
                    .position(|&b| CLASS[usize::from(b)] & ALNUM == 0)
                    .unwrap_or(bytes.len() - k);
            }
            // ASCII that is neither a letter, a digit, a joiner nor a sign
            // ends the word (as `continues` says, without asking it).
            if k < bytes.len() && CLASS[usize::from(bytes[k])] & ENDS == 0 && continues(k) {
                k = next(k);
            } else {
                break;
            }
        }
        push(start, k);
    }
}
