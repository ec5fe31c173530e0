//! Numbers with their meaning, for the rules that a claim's numbers are
//! stated by its quotes and the prose's numbers by its facts' claims.
//!
//! Texts are parsed after normalisation (see [`crate::text::normalize`]), so dashes
//! are `-`, spaces are single and invisible characters are gone. A number is
//! read together with what gives it its meaning (see README, "Numbers"):
//!
//! - its **value**, in digits of any script (`2032`, `２０３２`, `٢٠٣٢`), with
//!   thousands separators (`12,000`) and a decimal point (`7.5`, `.5`), or in
//!   words (`twenty`, `twenty-five`, `three hundred`; `one` only before a
//!   scale or unit, as in `one billion`), or as a Roman numeral (`MMXXXII`);
//! - its **scale** (`thousand`, `million`, `billion`, `trillion`, `bn`,
//!   `mn`, `tn`, and `k`, `m`, `bn`, `b` written against the digits, as in
//!   `$5bn`), which multiplies the value: `$13 billion` is not `$13 million`;
//! - its **sign** (`-5`), its **currency** (`$`, `US$`, `€`, `dollars`,
//!   `USD`, …) and its **unit** (`%`, `percent`, `percentage points`, `GW`,
//!   `gigawatts`, degrees, …);
//! - its **hedge**: `about`, `around`, `nearly`, `up to`, `at least`, `more
//!   than`, `less than`, `exceeding`, `or more`, … written just before or
//!   after it;
//! - its **kind**: an amount, an ordinal (`3rd`), a pair (a score or range
//!   such as `7-2` or `2026-2027`, compared in order), or, for anything
//!   else written with digits (`5e9`, `5½`, `5,5`, `¹⁰`, `A320`, `4/27`), the
//!   exact text, which only the same text matches.

use std::ops::Range;

mod vocabulary;
use vocabulary::*;
pub use vocabulary::{ONES, ORDINALS};
mod digits;
use digits::*;
mod affixes;
use affixes::*;
mod spelled;
use spelled::*;
mod lookup;
use lookup::*;
mod window;
pub use window::numbers_near;
#[cfg(test)]
mod fast_reference_tests;
#[cfg(test)]
mod index_tests;
#[cfg(test)]
mod reference_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod window_tests;

/// A decimal value: `digits` × 10^`exp`, with no leading or trailing zeros
/// in `digits` (zero is `"0"` × 10^0). Equal values are equal structs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal {
    digits: String,
    exp: i32,
}

impl Decimal {
    /// From ASCII integer and fraction digits.
    fn new(int: &str, frac: &str, exp: i32) -> Decimal {
        // The digits of `int` then `frac` without leading and trailing
        // zeros, found as slices and copied once.
        let int = int.trim_start_matches('0');
        let frac_kept = if int.is_empty() {
            frac.trim_start_matches('0')
        } else {
            frac
        };
        let frac_digits = frac_kept.trim_end_matches('0');
        let int_digits = if frac_digits.is_empty() {
            int.trim_end_matches('0')
        } else {
            int
        };
        if int_digits.is_empty() && frac_digits.is_empty() {
            return Decimal {
                digits: "0".into(),
                exp: 0,
            };
        }
        // Each zero dropped from the end of the digits raises the exponent.
        let dropped = (frac_kept.len() - frac_digits.len()) + (int.len() - int_digits.len());
        let mut digits = String::with_capacity(int_digits.len() + frac_digits.len());
        digits.push_str(int_digits);
        digits.push_str(frac_digits);
        Decimal {
            digits,
            exp: exp - frac.len() as i32 + dropped as i32,
        }
    }

    fn from_u64(v: u64) -> Decimal {
        Decimal::new(&v.to_string(), "", 0)
    }

    fn scaled(self, exp: i32) -> Decimal {
        if self.digits == "0" {
            return self;
        }
        Decimal {
            exp: self.exp + exp,
            ..self
        }
    }

    /// Whether the two values have the same significant digits (and may
    /// differ only in scale).
    fn same_digits(&self, other: &Decimal) -> bool {
        self.digits == other.digits
    }
}

/// How a number is hedged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hedge {
    /// `about`, `around`, `roughly`, `nearly`, `some`, `~`, `or so` …
    About,
    /// `up to`, `at most`, `no more than`, `as much as`, `or less` …
    AtMost,
    /// `less than`, `fewer than`, `under`, `below`.
    LessThan,
    /// `at least`, `no less than`, `or more`.
    AtLeast,
    /// `more than`, `over`, `above`, `exceeding`, `in excess of`, `-plus` …
    MoreThan,
}

impl Hedge {
    pub fn describe(self) -> &'static str {
        match self {
            Hedge::About => "approximate (`about`)",
            Hedge::AtMost => "an upper bound (`up to`)",
            Hedge::LessThan => "a strict upper bound (`less than`)",
            Hedge::AtLeast => "a lower bound (`at least`)",
            Hedge::MoreThan => "a strict lower bound (`more than`)",
        }
    }
}

/// What kind of number, with its value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    Amount(Decimal),
    Ordinal(Decimal),
    /// A score or a range, in order: `7-2`, `2026-2027`.
    Pair(Decimal, Decimal),
    /// Digits in a form with no agreed value (`5e9`, `5½`, `5,5`): the text.
    Raw(String),
}

/// A number found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    pub value: Value,
    pub negative: bool,
    pub currency: Option<&'static str>,
    pub unit: Option<&'static str>,
    pub hedge: Option<Hedge>,
    /// The whole expression, hedge to unit, as a byte range of the text.
    pub range: Range<usize>,
    /// The digits or number words themselves.
    pub core: Range<usize>,
}

/// Why a quoted number does not state a claimed one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// A different value, kind, scale, sign, currency or unit.
    Value,
    /// The same number, hedged differently: (quoted hedge, claimed hedge).
    Hedge(Option<Hedge>, Option<Hedge>),
}

impl Number {
    /// Whether this number, as a quote or claim gives it, states `claimed`:
    /// the same kind, value, sign, scale, currency and unit, and a hedge the
    /// claim keeps (it may add `about` to an exact number, or weaken `more
    /// than` to `at least`).
    pub fn states(&self, claimed: &Number) -> Result<(), Mismatch> {
        // Currency and unit must be the same on both sides: a claim may not
        // drop the source's `%` (`5-fold` for `5%`) any more than change it.
        let same = self.value == claimed.value
            && self.negative == claimed.negative
            && claimed.currency == self.currency
            && claimed.unit == self.unit;
        if !same {
            return Err(Mismatch::Value);
        }
        let kept = match (self.hedge, claimed.hedge) {
            (q, c) if q == c => true,
            (None, Some(Hedge::About)) => true,
            (Some(Hedge::MoreThan), Some(Hedge::AtLeast)) => true,
            (Some(Hedge::LessThan), Some(Hedge::AtMost)) => true,
            _ => false,
        };
        if kept {
            Ok(())
        } else {
            Err(Mismatch::Hedge(self.hedge, claimed.hedge))
        }
    }

    /// Whether the two numbers share their significant digits (a likely
    /// misreading of scale, sign or hedge, worth naming in a diagnostic).
    pub fn resembles(&self, other: &Number) -> bool {
        let digits = |v: &Value| match v {
            Value::Amount(d) | Value::Ordinal(d) => Some(d.digits.clone()),
            Value::Pair(a, b) => Some(format!("{}-{}", a.digits, b.digits)),
            Value::Raw(_) => None,
        };
        match (&self.value, &other.value) {
            (Value::Amount(a), Value::Amount(b)) => a.same_digits(b),
            (a, b) => digits(a).is_some() && digits(a) == digits(b),
        }
    }

    /// Whether this number counts something in the text that follows it,
    /// e.g. `three` in `three sources`.
    pub fn counts<'a>(&self, text: &'a str, nouns: &[&str]) -> Option<&'a str> {
        if self.currency.is_some() || self.unit.is_some() {
            return None;
        }
        let rest = text[self.range.end..].trim_start();
        let mut ws = rest.split(|c: char| !c.is_alphanumeric());
        let mut word = ws.next()?;
        if matches!(
            word.to_lowercase().as_str(),
            "independent" | "other" | "separate" | "different" | "more" | "further"
        ) {
            word = ws.next()?;
        }
        let lower = word.to_lowercase();
        nouns.iter().any(|n| *n == lower).then_some(word)
    }
}

/// The value of a decimal digit of any script.
pub fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii() {
        return c.is_ascii_digit().then(|| c as u32 - '0' as u32);
    }
    // The first code point of every block of ten Unicode decimal digits
    // (general category Nd), from Unicode 14.
    const ZEROS: &[u32] = &[
        0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
        0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
        0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
        0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0,
        0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0,
        0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
    ];
    let cp = c as u32;
    let i = ZEROS.partition_point(|&z| z <= cp).checked_sub(1)?;
    let d = cp - ZEROS[i];
    (d < 10).then_some(d)
}

/// Every number in `text` (a normalised text), in order. `between X and Y`
/// is one number, a pair.
pub fn numbers(text: &str) -> Vec<Number> {
    read(text, 0..text.len())
}

/// The numbers of `text` that the scan of [`numbers`] reads at a position
/// in `from`, with `between X and Y` joined as there. The scan starts at
/// `from.start`, which must be a position the whole scan visits, and no
/// number read before it may join one read after it (see [`window`]).
fn read(text: &str, from: Range<usize>) -> Vec<Number> {
    let mut out: Vec<Number> = Vec::new();
    for n in scan(text, from) {
        let range = out.last().and_then(|prev| {
            let joined = text.get(prev.range.end..n.range.start) == Some(" and ")
                && text[..prev.range.start].ends_with(' ')
                && ends_with_word(text, prev.range.start - 1, "between");
            match (&prev.value, &n.value) {
                (Value::Amount(a), Value::Amount(b)) if joined => Some((a.clone(), b.clone())),
                _ => None,
            }
        });
        if let Some((a, b)) = range {
            let prev = out.pop().unwrap_or_else(|| unreachable!("just seen"));
            let start = prev.range.start - "between ".len();
            out.push(Number {
                value: Value::Pair(a, b),
                negative: prev.negative,
                currency: prev.currency.or(n.currency),
                unit: prev.unit.or(n.unit),
                hedge: prev.hedge.or(n.hedge),
                range: start..n.range.end,
                core: prev.core.start..n.core.end,
            });
            continue;
        }
        out.push(n);
    }
    out
}

/// Every number in `text` that the scan reads at a position in `from`,
/// each on its own. The scan's only state is its position: a number read
/// at `i` depends on the text alone, and the scan goes on at its end.
#[cfg(test)]
fn single_numbers(text: &str, from: Range<usize>) -> Vec<Number> {
    scan(text, from).collect()
}

/// The numbers of [`single_numbers`] one at a time, as [`read`] takes them.
fn scan(text: &str, from: Range<usize>) -> impl Iterator<Item = Number> + '_ {
    let bytes = text.as_bytes();
    let mut i = from.start;
    std::iter::from_fn(move || {
        while i < from.end {
            if starts_nothing(bytes, i) {
                i += 1;
                continue;
            }
            // A word of ASCII letters that starts no number: the scan would
            // read nothing at its first letter and skip the others.
            if ascii_word_start(bytes, i)
                && let Some(end) = ascii_word_reads_nothing(text, i)
            {
                i = end;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            let prev = text[..i].chars().next_back();
            let word_start = !prev.is_some_and(char::is_alphanumeric);
            let parsed = if digit_value(c).is_some() && prev.is_some_and(char::is_alphabetic) {
                // Digits against letters: a name such as `A320`, with no value.
                let start = text[..i]
                    .char_indices()
                    .rev()
                    .take_while(|&(_, p)| p.is_alphanumeric())
                    .last()
                    .map_or(i, |(k, _)| k);
                let end = raw_end(text, i);
                Some(Number {
                    value: Value::Raw(text[start..end].to_string()),
                    negative: false,
                    currency: None,
                    unit: None,
                    hedge: None,
                    range: start..end,
                    core: start..end,
                })
            } else if digit_value(c).is_some()
                || (c == '.' && word_start && next_is_digit(text, i + 1))
            {
                Some(digit_number(text, i))
            } else if c.is_numeric() {
                Some(raw_number(text, i))
            } else if c.is_alphabetic() && word_start {
                word_number(text, i)
            } else {
                None
            };
            match parsed {
                Some(n) => {
                    i = n.range.end.max(i + c.len_utf8());
                    return Some(n);
                }
                None => i += c.len_utf8(),
            }
        }
        None
    })
}

/// Whether the scan of [`single_numbers`] reads nothing at `i` by the byte
/// there alone: an ASCII byte that is no digit and no `.`, and no letter
/// that starts a word (one after an ASCII letter or digit does not).
fn starts_nothing(bytes: &[u8], i: usize) -> bool {
    let b = bytes[i];
    b.is_ascii()
        && !b.is_ascii_digit()
        && b != b'.'
        && (!b.is_ascii_alphabetic() || i > 0 && bytes[i - 1].is_ascii_alphanumeric())
}

/// Whether `i` holds an ASCII letter that starts a word: the text starts
/// there, or an ASCII byte that is no letter or digit stands before it.
fn ascii_word_start(bytes: &[u8], i: usize) -> bool {
    bytes[i].is_ascii_alphabetic()
        && (i == 0 || bytes[i - 1].is_ascii() && !bytes[i - 1].is_ascii_alphanumeric())
}

fn next_is_digit(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|t| t.chars().next())
        .is_some_and(|c| digit_value(c).is_some())
}
