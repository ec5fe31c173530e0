//! Numbers written with digits: runs of digits with group separators and a
//! decimal part, and what is raw (an identifier, a date part) rather than a
//! quantity.

use std::borrow::Cow;

use super::*;

/// ASCII digits of a run of decimal digits at `i`, and where the run ends.
/// A run of ASCII digits is the text itself, not a copy.
pub(super) fn digit_run(text: &str, i: usize) -> (Cow<'_, str>, usize) {
    let ascii = text.as_bytes()[i..]
        .iter()
        .position(|b| !b.is_ascii_digit())
        .map_or(text.len(), |k| i + k);
    // Digits of another script after the ASCII ones go on with the run.
    if !text[ascii..].starts_with(|c: char| !c.is_ascii() && digit_value(c).is_some()) {
        return (Cow::Borrowed(&text[i..ascii]), ascii);
    }
    let mut out = String::new();
    let mut end = i;
    for c in text[i..].chars() {
        match digit_value(c) {
            Some(d) => {
                out.push(char::from(b'0' + d as u8));
                end += c.len_utf8();
            }
            None => break,
        }
    }
    (Cow::Owned(out), end)
}

/// Characters that join digits into a form with no agreed value.
pub(super) const RAW_JOINERS: &[char] = &[
    '/', ':', '\'', ',', '\u{b7}', '\u{2024}', '\u{2027}', '\u{66b}', '\u{66c}',
];

/// The run of letters, digits and number punctuation at `i` (for raw tokens).
pub(super) fn raw_end(text: &str, i: usize) -> usize {
    let mut end = i;
    let mut chars = text[i..].char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let joins =
            (c == '.' || RAW_JOINERS.contains(&c)) && next.is_some_and(char::is_alphanumeric);
        if c.is_alphanumeric() || joins {
            end = i + k + c.len_utf8();
        } else {
            break;
        }
    }
    end
}

pub(super) fn raw_number(text: &str, i: usize) -> Number {
    let start = prefix_start(text, i).0;
    let end = raw_end(text, i);
    Number {
        value: Value::Raw(text[i..end].to_string()),
        negative: false,
        currency: None,
        unit: None,
        hedge: None,
        range: start..end,
        core: i..end,
    }
}

/// A number written in digits, starting at `i`.
// Over 80 lines: one scan of a digit run, its states sharing one cursor. Moved unchanged in the issue-13 redesign, so that
// branches that patch it can be ported; a split is a later, separate change.
pub(super) fn digit_number(text: &str, i: usize) -> Number {
    let (mut int, mut end) = if text[i..].starts_with('.') {
        (Cow::Borrowed(""), i)
    } else {
        digit_run(text, i)
    };
    let mut raw = false;
    // Thousands groups: `,` and exactly three digits, after a first run of
    // at most three. The digits are kept without their separators (a run
    // holds no `,`), copied only if there is a group.
    let first_len = int.len();
    let mut grouped = false;
    while text[end..].starts_with(',') && next_is_digit(text, end + 1) {
        let (group, group_end) = digit_run(text, end + 1);
        if group.len() == 3 && (first_len <= 3 || grouped) {
            int.to_mut().push_str(&group);
            grouped = true;
            end = group_end;
        } else {
            raw = true;
            break;
        }
    }
    if grouped && first_len > 3 {
        raw = true;
    }
    let mut frac = Cow::Borrowed("");
    if text[end..].starts_with('.') && next_is_digit(text, end + 1) {
        let (f, e) = digit_run(text, end + 1);
        frac = f;
        end = e;
        if (text[end..].starts_with('.') || text[end..].starts_with(','))
            && next_is_digit(text, end + 1)
        {
            raw = true;
        }
    }
    // Digits joined by `/`, `:` or `'`, by `,` in no thousands group, or by
    // a character that looks like a decimal point (`·`, `․`, `٫`).
    let joiner = text[end..]
        .chars()
        .next()
        .filter(|c| RAW_JOINERS.contains(c));
    if !raw && joiner.is_some_and(|c| next_is_digit(text, end + c.len_utf8())) {
        raw = true;
    }
    let rest = &text[end..];
    let next = rest.chars().next();
    // Letters or other numerals against the digits: an ordinal, a scale,
    // a unit, or else a form with no agreed value.
    let mut ordinal = false;
    let mut scale = 0;
    let mut unit = None;
    if !raw && next.is_some_and(|c| c.is_alphanumeric() && digit_value(c).is_none()) {
        let word_end = raw_end(text, end);
        let suffix = &text[end..word_end];
        if ["st", "nd", "rd", "th"]
            .iter()
            .any(|o| suffix.eq_ignore_ascii_case(o))
            && frac.is_empty()
        {
            ordinal = true;
            end = word_end;
        } else if let Some(&(_, e)) = SCALE_SUFFIXES.iter().find(|(s, _)| *s == suffix) {
            scale = e;
            end = word_end;
        } else if let Some(&(_, u)) = UNITS.iter().find(|(s, _)| *s == suffix) {
            unit = Some(u);
            end = word_end;
        } else {
            raw = true;
        }
    }
    let (hedge_before, negative, currency, start) = prefix(text, i);
    if raw {
        let end = raw_end(text, i).max(end);
        return Number {
            value: Value::Raw(text[i..end].to_string()),
            negative,
            currency,
            unit: None,
            hedge: hedge_before,
            range: start..end,
            core: i..end,
        };
    }
    let core_end = end;
    let first = Decimal::new(&int, &frac, 0);
    // A pair: `7-2`, `2026-2027`, `$1-2 billion`.
    let mut second = None;
    if !ordinal && scale == 0 && unit.is_none() {
        let after = &text[end..];
        let dash_digit = after.starts_with('-')
            && (next_is_digit(text, end + 1)
                || (after[1..].starts_with(|c: char| crate::text::segment::is_currency(c))
                    && next_is_digit(
                        text,
                        end + 1 + after[1..].chars().next().map_or(1, char::len_utf8),
                    )));
        if dash_digit {
            let mut j = end + 1;
            if !next_is_digit(text, j) {
                j += text[j..].chars().next().map_or(1, char::len_utf8);
            }
            let (d, e) = digit_run(text, j);
            let (f, e) = if text[e..].starts_with('.') && next_is_digit(text, e + 1) {
                digit_run(text, e + 1)
            } else {
                (Cow::Borrowed(""), e)
            };
            let next = text[e..].chars().next();
            if !next.is_some_and(char::is_alphanumeric) {
                second = Some(Decimal::new(&d, &f, 0));
                end = e;
            }
        }
    }
    let (scale, unit, currency_after, hedge_after, end) = suffix(text, end, scale, unit);
    let value = match (second, ordinal) {
        (Some(b), _) => Value::Pair(first.scaled(scale), b.scaled(scale)),
        (None, true) => Value::Ordinal(first),
        (None, false) => Value::Amount(first.scaled(scale)),
    };
    Number {
        value,
        negative,
        currency: currency.or(currency_after),
        unit,
        hedge: hedge_before.or(hedge_after),
        range: start..end,
        core: i..core_end,
    }
}
