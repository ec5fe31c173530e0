//! The reader's fast paths against the code they replace, kept here as the
//! reference: the hedge after a number, the hedge before it, decimals, the
//! first word of a spelled number, the scan's skipping of bytes that start
//! nothing and of words of ASCII letters that start no number, and the
//! scale and currency words after a number. Each is compared on generated
//! texts dense with numbers, hedges in both ASCII cases, brackets, commas
//! and hyphens.

use super::window_tests::text;
use super::*;
use crate::text::normalize::normalize;
use proptest::prelude::*;

/// The hedge after a number as the reader found it before its phrases were
/// indexed by first byte: every phrase after every lead.
fn hedge_after_reference(text: &str, mut end: usize) -> (Option<Hedge>, usize) {
    let word_at = |at: usize, list_word: &str| word_at(text, at, list_word);
    let mut hedge = None;
    'after: for lead in ["", ",", " (", " -", ","] {
        if !text[end..].starts_with(lead) {
            continue;
        }
        let at = end + lead.len();
        if !HEDGE_AFTER_STARTS.at(text, at) {
            continue;
        }
        for &(w, h) in HEDGES_AFTER {
            let phrase = if lead.is_empty() { w } else { w.trim_start() };
            let at = if !lead.is_empty() && w.starts_with(' ') && !lead.ends_with('(') {
                if !text[at..].starts_with(' ') {
                    continue;
                }
                at + 1
            } else {
                at
            };
            let ok = if !first_byte_matches(text, at, phrase) {
                false
            } else if phrase.starts_with(|c: char| c.is_alphanumeric() || c == ' ' || c == '-') {
                word_at(at, phrase)
            } else {
                text[at..].starts_with(phrase)
            };
            if ok {
                hedge = Some(h);
                end = at + phrase.len();
                if lead.ends_with('(') && text[end..].starts_with(')') {
                    end += 1;
                }
                break 'after;
            }
        }
    }
    (hedge, end)
}

/// The hedge before a number as found with the last byte's index alone.
fn hedge_ending_reference(before: &str, places: [usize; 2]) -> Option<(usize, usize)> {
    let sets = places
        .map(|at| HEDGE_BEFORE_LAST.at(at.checked_sub(1).and_then(|k| before.as_bytes().get(k))));
    for k in each(sets[0] | sets[1]) {
        let phrase = HEDGES_AND_SIGNS_BEFORE[k].0;
        for (at, set) in places.into_iter().zip(sets) {
            if set & (1 << k) != 0 && ends_with_word(before, at, phrase) {
                return Some((k, at));
            }
        }
    }
    None
}

/// The currency code before a number, by a walk through every code.
fn code_before_reference(before: &str) -> Option<&'static (&'static str, &'static str)> {
    CURRENCY_CODES.iter().find(|(code, _)| {
        before.strip_suffix(' ').is_some_and(|b| b.ends_with(code))
            && !before[..before.len() - code.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
    })
}

/// A decimal as built before its digits were found as slices: the digits
/// pushed one by one without leading zeros, then the trailing zeros cut.
fn decimal_by_chars_reference(int: &str, frac: &str, exp: i32) -> Decimal {
    let mut exp = exp - frac.len() as i32;
    let mut digits = String::with_capacity(int.len() + frac.len());
    digits.extend(int.chars().chain(frac.chars()).skip_while(|&c| c == '0'));
    if digits.is_empty() {
        return Decimal {
            digits: "0".into(),
            exp: 0,
        };
    }
    let kept = digits.trim_end_matches('0').len();
    exp += (digits.len() - kept) as i32;
    digits.truncate(kept);
    Decimal { digits, exp }
}

/// A decimal built through `format!` and `trim`.
fn decimal_reference(int: &str, frac: &str, exp: i32) -> Decimal {
    let all = format!("{int}{frac}");
    let mut exp = exp - frac.len() as i32;
    let trimmed = all.trim_start_matches('0');
    if trimmed.is_empty() {
        return Decimal {
            digits: "0".into(),
            exp: 0,
        };
    }
    let digits = trimmed.trim_end_matches('0');
    exp += (trimmed.len() - digits.len()) as i32;
    Decimal {
        digits: digits.into(),
        exp,
    }
}

/// Whether a word may start a spelled number, by a walk through the lists.
fn may_start_number_reference(word: &str) -> bool {
    if !word.is_ascii() {
        return true;
    }
    let lower = word.to_ascii_lowercase();
    matches!(lower.as_str(), "a" | "an")
        || [ORDINALS, ONES, TENS]
            .iter()
            .any(|list| list.iter().any(|w| !w.is_empty() && *w == lower))
}

/// The scan of [`single_numbers`] that looks at every character.
fn single_numbers_reference(text: &str, from: Range<usize>) -> Vec<Number> {
    let mut out = Vec::new();
    let mut i = from.start;
    while i < from.end {
        let c = text[i..].chars().next().unwrap_or(' ');
        let prev = text[..i].chars().next_back();
        let word_start = !prev.is_some_and(char::is_alphanumeric);
        let parsed = if digit_value(c).is_some() && prev.is_some_and(char::is_alphabetic) {
            let start = text[..i]
                .char_indices()
                .rev()
                .take_while(|&(_, p)| p.is_alphanumeric())
                .last()
                .map_or(i, |(k, _)| k);
            let end = digits::raw_end(text, i);
            Some(Number {
                value: Value::Raw(text[start..end].to_string()),
                negative: false,
                currency: None,
                unit: None,
                hedge: None,
                range: start..end,
                core: start..end,
            })
        } else if digit_value(c).is_some() || (c == '.' && word_start && next_is_digit(text, i + 1))
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
                out.push(n);
            }
            None => i += c.len_utf8(),
        }
    }
    out
}

/// What is written after a number as the reader found it before its scale
/// and currency words were indexed by first byte: every scale word and
/// every currency word at each place.
#[allow(clippy::type_complexity)]
fn suffix_reference(
    text: &str,
    mut end: usize,
    mut scale: i32,
    mut unit: Option<&'static str>,
) -> (
    i32,
    Option<&'static str>,
    Option<&'static str>,
    Option<Hedge>,
    usize,
) {
    let word_at = |at: usize, list_word: &str| word_at(text, at, list_word);
    if unit.is_none() {
        'scales: loop {
            for sep in [" ", "-"] {
                if text[end..].starts_with(sep) {
                    let at = end + sep.len();
                    if !SCALE_STARTS.at(text, at) {
                        continue;
                    }
                    if let Some(&(w, e)) = SCALE_WORDS.iter().find(|(w, _)| word_at(at, w)) {
                        scale += e;
                        end = at + w.len();
                        continue 'scales;
                    }
                }
            }
            break;
        }
    }
    if unit.is_none() {
        for sep in ["", " ", "-"] {
            if !text[end..].starts_with(sep) {
                continue;
            }
            let at = end + sep.len();
            if !UNIT_STARTS.at(text, at) {
                continue;
            }
            if let Some(&(w, u)) = unit_at(text, at, sep, word_at) {
                unit = Some(u);
                end = at + w.len();
                break;
            }
        }
    }
    let mut currency = None;
    if text[end..].starts_with(' ') {
        let at = end + 1;
        let found = CURRENCY_STARTS
            .at(text, at)
            .then(|| CURRENCY_WORDS.iter().find(|(w, _)| word_at(at, w)));
        if let Some(&(w, c)) = found.flatten() {
            currency = Some(c);
            end = at + w.len();
        }
    }
    let (hedge, end) = hedge_after(text, end);
    (scale, unit, currency, hedge, end)
}

/// Numbers with every scale, unit and currency word after them, in lower,
/// upper and title case, and words that share their first bytes.
fn suffixed_text() -> impl Strategy<Value = String> {
    let words: Vec<String> = SCALE_WORDS
        .iter()
        .map(|s| s.0)
        .chain(UNITS.iter().map(|u| u.0))
        .chain(CURRENCY_WORDS.iter().map(|c| c.0))
        .chain(HEDGES_AFTER.iter().map(|h| h.0.trim_start()))
        .chain([
            "5", "12.5", "$3", "7", "in", "bill", "millions", "eur", "dollarsX", "ye", "é", "K",
        ])
        .flat_map(|p| {
            let mut title = p.to_string();
            if let Some(f) = title.get_mut(0..1) {
                f.make_ascii_uppercase();
            }
            [p.to_string(), p.to_ascii_uppercase(), title]
        })
        .collect();
    let seps: &[&str] = &[" ", " ", " ", "", "-", ",", ", "];
    prop::collection::vec(
        (prop::sample::select(words), prop::sample::select(seps)),
        0..14,
    )
    .prop_map(|parts| {
        let raw: String = parts.into_iter().map(|(t, s)| format!("{t}{s}")).collect();
        normalize(&raw)
    })
}

/// Words at the edges of the fast path: number words and ordinals in any
/// case, Roman numerals (canonical or not), words of 11 and 12 letters,
/// words against letters beyond ASCII (`é`, the Kelvin sign, which
/// lowercases to `k`) and against digits, apostrophes and hyphens.
fn worded_text() -> impl Strategy<Value = String> {
    let words: Vec<String> = [ORDINALS, ONES, TENS]
        .concat()
        .into_iter()
        .filter(|w| !w.is_empty())
        .chain([
            "a",
            "an",
            "and",
            "hundred",
            "million",
            "MMXXI",
            "MMXXIIII",
            "IV",
            "I",
            "VX",
            "MDCLXVI",
            "seventeenths",
            "seventeenth",
            "elevenths",
            "abcdefghijk",
            "abcdefghijkl",
            "filing",
            "rose",
            "the",
            "é",
            "caf",
            "\u{212A}",
            "\u{212A}ilo",
            "x",
            "5",
            "2020",
            "A",
            "s",
        ])
        .flat_map(|p| {
            let mut title = p.to_string();
            if let Some(f) = title.get_mut(0..1) {
                f.make_ascii_uppercase();
            }
            [p.to_string(), p.to_ascii_uppercase(), title]
        })
        .collect();
    let seps: &[&str] = &[
        " ",
        " ",
        "",
        "-",
        "'",
        "\u{2019}",
        ", ",
        "é",
        "5",
        " percent ",
    ];
    prop::collection::vec(
        (prop::sample::select(words), prop::sample::select(seps)),
        0..16,
    )
    .prop_map(|parts| {
        let raw: String = parts.into_iter().map(|(t, s)| format!("{t}{s}")).collect();
        normalize(&raw)
    })
}

/// A run of decimal digits as read before ASCII runs were borrowed from
/// the text: each digit copied into a new `String`.
fn digit_run_reference(text: &str, i: usize) -> (String, usize) {
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
    (out, end)
}

/// A number in digits as read before its digits were borrowed from the
/// text (every run, the integer part without its separators and each scaled
/// value copied).
pub(super) fn digit_number_reference(text: &str, i: usize) -> Number {
    let (int, mut end) = if text[i..].starts_with('.') {
        (String::new(), i)
    } else {
        digit_run_reference(text, i)
    };
    let mut int = int;
    let mut raw = false;
    // Thousands groups: `,` and exactly three digits.
    while text[end..].starts_with(',') && next_is_digit(text, end + 1) {
        let (group, group_end) = digit_run_reference(text, end + 1);
        if group.len() == 3 && int.len() <= 3 || (group.len() == 3 && int.contains(',')) {
            int.push(',');
            int.push_str(&group);
            end = group_end;
        } else {
            raw = true;
            break;
        }
    }
    if int.split(',').next().is_some_and(|first| first.len() > 3) && int.contains(',') {
        raw = true;
    }
    let int: String = int.chars().filter(|c| *c != ',').collect();
    let mut frac = String::new();
    if text[end..].starts_with('.') && next_is_digit(text, end + 1) {
        let (f, e) = digit_run_reference(text, end + 1);
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
        if matches!(
            suffix.to_ascii_lowercase().as_str(),
            "st" | "nd" | "rd" | "th"
        ) && frac.is_empty()
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
            let (d, e) = digit_run_reference(text, j);
            let (f, e) = if text[e..].starts_with('.') && next_is_digit(text, e + 1) {
                digit_run_reference(text, e + 1)
            } else {
                (String::new(), e)
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
        (Some(b), _) => Value::Pair(first.clone().scaled(scale), b.scaled(scale)),
        (None, true) => Value::Ordinal(first),
        (None, false) => Value::Amount(first.clone().scaled(scale)),
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

/// Runs of digits of several scripts with group separators, decimal
/// points, dashes, ordinal and scale suffixes and units.
pub(super) fn digit_text() -> impl Strategy<Value = String> {
    let parts: &[&str] = &[
        "0",
        "5",
        "12",
        "123",
        "1234",
        "000",
        "\u{662}\u{660}",
        "\u{ff12}",
        "\u{966}\u{967}",
        ",",
        ",",
        ".",
        ".",
        "-",
        "-$",
        "st",
        "th",
        "bn",
        "k",
        "%",
        " percent",
        " billion",
        "x",
        "/",
        ":",
        "\u{66b}",
        " ",
        "a",
        "A",
        "$",
        "é",
    ];
    prop::collection::vec(prop::sample::select(parts), 0..20)
        .prop_map(|parts| normalize(&parts.concat()))
}

/// What is written before a number as read before an article was looked
/// for only after `a` or `n`, and a place given twice compared once.
fn prefix_reference(text: &str, i: usize) -> (Option<Hedge>, bool, Option<&'static str>, usize) {
    let (mut start, mut negative, currency) = prefix_start(text, i);
    let mut hedge = None;
    // A symbol against the number, or one space before it.
    let symbol_at = if text[..start].ends_with(' ') {
        start - 1
    } else {
        start
    };
    let symbol = text[..symbol_at].chars().next_back();
    if let Some(c) = symbol {
        let h = match c {
            '~' | '\u{2248}' | '\u{223C}' => Some(Hedge::About),
            '>' => Some(Hedge::MoreThan),
            '<' => Some(Hedge::LessThan),
            '\u{2265}' => Some(Hedge::AtLeast),
            '\u{2264}' => Some(Hedge::AtMost),
            _ => None,
        };
        if h.is_some() {
            hedge = h;
            start = symbol_at - c.len_utf8();
        }
    }
    if hedge.is_none() {
        // Words just before the number, after a space or hyphen (or a
        // comma: `roughly, $5 billion`), perhaps before an article
        // (`approximately a 27% stake`). Only the last few bytes are read,
        // compared without regard to ASCII case, so the cost per number is
        // bounded and no other text can change the result.
        // `(about) $5 billion`: the brackets are read past.
        let unbracketed = text[..start]
            .strip_suffix(") ")
            .or_else(|| text[..start].strip_suffix(')'));
        let before = match unbracketed {
            Some(b)
                if b.rfind('(')
                    .is_some_and(|o| !b[o..].contains(' ') || b.len() - o < 30) =>
            {
                b
            }
            _ => &text[..start],
        };
        let bracket = unbracketed.is_some() && before.len() < start;
        // Only the last few bytes can hold a hedge: reading (or copying)
        // more would make every number cost as much as the text before it.
        let before = tail(before, 64);
        // Where the tail starts in `text`, for the start of a hedge in it.
        let base = start - before.len();
        let before: std::borrow::Cow<str> = if bracket {
            format!("{} ", before.replacen('(', "", 1).trim_end()).into()
        } else {
            before.into()
        };
        let before = &*before;
        let mut end = before.len();
        for sep in [", ", " ", "-"] {
            if before.ends_with(sep) {
                end = before.len() - sep.len();
                break;
            }
        }
        if end < before.len() {
            let mut tail_end = end;
            for article in ["a", "an"] {
                if ends_with_word(before, tail_end, article) {
                    tail_end -= article.len();
                    if before[..tail_end].ends_with(' ') {
                        tail_end -= 1;
                    }
                    break;
                }
            }
            if let Some((k, at)) = hedge_ending_both_places_reference(before, [tail_end, end]) {
                let (phrase, h) = HEDGES_AND_SIGNS_BEFORE[k];
                if phrase == "minus" || phrase == "negative" {
                    negative = true;
                } else {
                    hedge = Some(h);
                }
                if !bracket {
                    start = base + at - phrase.len();
                }
            }
        }
    }
    (hedge, negative, currency, start)
}

/// The hedge before a number as found before a place given twice was
/// compared once: each phrase at each place.
fn hedge_ending_both_places_reference(before: &str, places: [usize; 2]) -> Option<(usize, usize)> {
    let sets = places.map(|at| hedge_before_candidates(before, at));
    for k in each(sets[0] | sets[1]) {
        let phrase = HEDGES_AND_SIGNS_BEFORE[k].0;
        for (at, set) in places.into_iter().zip(sets) {
            if set & (1 << k) != 0 && ends_with_word(before, at, phrase) {
                return Some((k, at));
            }
        }
    }
    None
}

/// The numbers of a text as [`read`] found them before the scan handed
/// them over one at a time: from the whole list of the old scan.
fn read_reference(text: &str, from: Range<usize>) -> Vec<Number> {
    let mut out: Vec<Number> = Vec::new();
    for n in single_numbers_reference(text, from) {
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

/// Every hedge phrase on both sides, in lower, upper and title case, with
/// numbers, brackets and the separators a lead is made of.
fn hedged_text() -> impl Strategy<Value = String> {
    let phrases: Vec<String> = HEDGES_AFTER
        .iter()
        .map(|h| h.0)
        .chain(HEDGES_AND_SIGNS_BEFORE.iter().map(|h| h.0))
        .chain(CURRENCY_CODES.iter().map(|c| c.0))
        .chain([
            "5", "12.5", "$3", "a", "an", "(", ")", "x", "é", "٢", "XUSD", "US",
        ])
        .flat_map(|p| {
            let mut title = p.to_string();
            if let Some(f) = title.get_mut(0..1) {
                f.make_ascii_uppercase();
            }
            [p.to_string(), p.to_ascii_uppercase(), title]
        })
        .collect();
    let seps: &[&str] = &[" ", " ", "", ",", ", ", "-", " (", ") ", " -"];
    prop::collection::vec(
        (prop::sample::select(phrases), prop::sample::select(seps)),
        0..14,
    )
    .prop_map(|parts| {
        let raw: String = parts.into_iter().map(|(t, s)| format!("{t}{s}")).collect();
        normalize(&raw)
    })
}

fn boundaries(text: &str) -> impl Iterator<Item = usize> + '_ {
    (0..=text.len()).filter(|&p| text.is_char_boundary(p))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn hedges_after_are_found_as_by_every_phrase(text in prop_oneof![hedged_text(), text()]) {
        for end in boundaries(&text) {
            prop_assert_eq!(hedge_after(&text, end), hedge_after_reference(&text, end), "at {} of {:?}", end, text);
        }
    }

    #[test]
    fn hedges_before_are_found_as_by_the_last_byte(text in prop_oneof![hedged_text(), text()], k in 0usize..=1000) {
        let second = boundaries(&text).nth(k % (text.chars().count() + 1)).unwrap_or(0);
        for at in boundaries(&text) {
            for places in [[at, at], [at, second], [second, at]] {
                prop_assert_eq!(hedge_ending(&text, places), hedge_ending_reference(&text, places), "at {:?} of {:?}", places, text);
            }
        }
    }

    #[test]
    fn currency_codes_are_found_as_by_every_code(text in prop_oneof![hedged_text(), text()]) {
        for at in boundaries(&text) {
            prop_assert_eq!(code_before(&text[..at]), code_before_reference(&text[..at]), "before {} of {:?}", at, text);
        }
    }

    #[test]
    fn the_scan_reads_as_when_it_looked_at_every_character(text in prop_oneof![text(), hedged_text()]) {
        prop_assert_eq!(single_numbers(&text, 0..text.len()), single_numbers_reference(&text, 0..text.len()));
        for from in boundaries(&text) {
            prop_assert_eq!(single_numbers(&text, from..text.len()), single_numbers_reference(&text, from..text.len()), "from {} of {:?}", from, text);
        }
    }

    #[test]
    fn suffixes_are_read_as_by_every_scale_and_currency_word(
        text in prop_oneof![suffixed_text(), hedged_text(), text()],
        scale in prop::sample::select(vec![0, 3, 9]),
        unit in prop::sample::select(vec![None, Some("%")]),
    ) {
        for end in boundaries(&text) {
            prop_assert_eq!(suffix(&text, end, scale, unit), suffix_reference(&text, end, scale, unit), "at {} of {:?}", end, text);
        }
    }

    #[test]
    fn the_scan_reads_as_when_it_read_every_word(text in prop_oneof![worded_text(), text(), hedged_text()]) {
        for from in boundaries(&text) {
            prop_assert_eq!(single_numbers(&text, from..text.len()), single_numbers_reference(&text, from..text.len()), "from {} of {:?}", from, text);
        }
        for (i, _) in text.char_indices().filter(|&(i, _)| ascii_word_start(text.as_bytes(), i)) {
            if let Some(end) = spelled::ascii_word_reads_nothing(&text, i) {
                prop_assert!(word_number(&text, i).is_none(), "at {} of {:?}", i, text);
                prop_assert!(text[i..end].bytes().all(|b| b.is_ascii_alphabetic()));
                prop_assert!(!text[end..].starts_with(char::is_alphabetic));
            }
        }
    }

    #[test]
    fn numbers_in_digits_are_read_as_with_copied_digits(text in prop_oneof![digit_text(), text()]) {
        for (i, c) in text.char_indices() {
            if digit_value(c).is_some() || c == '.' && next_is_digit(&text, i + 1) {
                prop_assert_eq!(digit_number(&text, i), digit_number_reference(&text, i), "at {} of {:?}", i, text);
            }
            if digit_value(c).is_some() {
                let (run, end) = digits::digit_run(&text, i);
                prop_assert_eq!((run.into_owned(), end), digit_run_reference(&text, i));
            }
        }
    }

    #[test]
    fn a_word_passed_over_by_its_shape_starts_no_number(word in "[a-zA-Z]{1,12}", k in 0usize..200) {
        let listed = [ORDINALS, ONES, TENS, &["a", "an"]].concat();
        let listed = listed.into_iter().filter(|w| !w.is_empty()).collect::<Vec<_>>();
        let listed = listed[k % listed.len()];
        for w in [word.clone(), listed.to_string(), listed.to_ascii_uppercase(), format!("{listed}s")] {
            if w.len() <= 11 && spelled::may_start_number(&w) {
                prop_assert!(spelled::may_start_by_shape(w.as_bytes()), "{:?}", w);
            }
        }
    }

    #[test]
    fn decimals_are_built_as_digit_by_digit(
        int in "0{0,3}[0-9]{0,4}0{0,3}",
        frac in "0{0,3}[0-9]{0,3}0{0,3}",
        exp in -20i32..20,
    ) {
        prop_assert_eq!(Decimal::new(&int, &frac, exp), decimal_by_chars_reference(&int, &frac, exp));
        prop_assert_eq!(Decimal::new(&int, &frac, exp), decimal_reference(&int, &frac, exp));
    }

    #[test]
    fn prefixes_are_read_as_with_every_place_and_article(text in prop_oneof![hedged_text(), text()], k in 0usize..=1000) {
        for i in boundaries(&text) {
            prop_assert_eq!(prefix(&text, i), prefix_reference(&text, i), "at {} of {:?}", i, text);
        }
        let second = boundaries(&text).nth(k % (text.chars().count() + 1)).unwrap_or(0);
        for at in boundaries(&text) {
            for places in [[at, at], [at, second], [second, at]] {
                prop_assert_eq!(hedge_ending(&text, places), hedge_ending_both_places_reference(&text, places), "at {:?} of {:?}", places, text);
            }
        }
    }

    #[test]
    fn numbers_are_read_as_from_the_whole_list(text in prop_oneof![text(), worded_text(), hedged_text(), digit_text()]) {
        for from in boundaries(&text) {
            prop_assert_eq!(read(&text, from..text.len()), read_reference(&text, from..text.len()), "from {} of {:?}", from, text);
        }
    }

    #[test]
    fn decimals_are_built_as_through_format(int in "[0-9]{0,8}", frac in "[0-9]{0,6}", exp in -20i32..20) {
        prop_assert_eq!(Decimal::new(&int, &frac, exp), decimal_reference(&int, &frac, exp));
    }

    #[test]
    fn a_spelled_number_starts_as_by_the_lists(word in "[a-zA-Zé]{1,11}", k in 0usize..200) {
        prop_assert_eq!(spelled::may_start_number(&word), may_start_number_reference(&word));
        let listed = [ORDINALS, ONES, TENS].concat();
        let listed = listed[k % listed.len()];
        prop_assert_eq!(spelled::may_start_number(listed), may_start_number_reference(listed));
        let upper = listed.to_ascii_uppercase();
        prop_assert_eq!(spelled::may_start_number(&upper), may_start_number_reference(&upper));
    }
}

/// The generated texts reach the cases: hedges found after a comma, a
/// bracket and a dash, before numbers, and numbers against letters.
#[test]
fn the_generated_cases_occur() {
    let text = normalize("5 (at least) and 6, at most and 7 - or more and 8-odd; about 9, A320");
    let after: Vec<Option<Hedge>> = [1, 18, 33, 49].map(|e| hedge_after(&text, e).0).into();
    assert_eq!(
        after,
        [
            Some(Hedge::AtLeast),
            Some(Hedge::AtMost),
            Some(Hedge::AtLeast),
            Some(Hedge::About)
        ]
    );
    assert_eq!(code_before("for USD "), Some(&("USD", "$")));
    assert!(
        hedge_ending(&text, [60, 60]).is_some_and(|(k, _)| HEDGES_AND_SIGNS_BEFORE[k].0 == "about")
    );
    assert_eq!(
        single_numbers(&text, 0..text.len()),
        single_numbers_reference(&text, 0..text.len())
    );
}
