//! What stands before and after a number: signs, currencies, hedges,
//! scales and units.

use super::*;

/// What is written before a number that starts at `i`: its hedge, sign and
/// currency, and where the whole expression starts.
// Over 80 lines: one scan of what precedes a number, its states sharing one cursor. Moved unchanged in the issue-13 redesign, so that
// branches that patch it can be ported; a split is a later, separate change.
pub(super) fn prefix(text: &str, i: usize) -> (Option<Hedge>, bool, Option<&'static str>, usize) {
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
            // An article ends with `a` or `n`: no other byte is compared.
            let last = before.as_bytes()[..tail_end].last();
            let may_article = last.is_some_and(|b| matches!(b.to_ascii_lowercase(), b'a' | b'n'));
            for article in ["a", "an"] {
                if may_article && ends_with_word(before, tail_end, article) {
                    tail_end -= article.len();
                    if before[..tail_end].ends_with(' ') {
                        tail_end -= 1;
                    }
                    break;
                }
            }
            if let Some((k, at)) = hedge_ending(before, [tail_end, end]) {
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

/// The first phrase of [`HEDGES_AND_SIGNS_BEFORE`] (its index) that
/// `before` ends with as whole words at one of `places` (each phrase at each
/// place in turn), and that place. A place is compared with only the
/// phrases whose last two bytes it has.
pub(super) fn hedge_ending(before: &str, places: [usize; 2]) -> Option<(usize, usize)> {
    // The same place twice (no article before the number) is compared once.
    let sets = if places[0] == places[1] {
        [hedge_before_candidates(before, places[0]), 0]
    } else {
        places.map(|at| hedge_before_candidates(before, at))
    };
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

/// The first of [`UNITS`] written at `at` after `sep` (a sign against the
/// number, or a word after a space or hyphen), as a whole word if it is
/// one (`word_at`). `at` is compared with only the units whose first byte
/// it has.
pub(super) fn unit_at(
    text: &str,
    at: usize,
    sep: &str,
    word_at: impl Fn(usize, &str) -> bool,
) -> Option<&'static (&'static str, &'static str)> {
    each(UNIT_FIRST.at(text.as_bytes().get(at)))
        .map(|k| &UNITS[k])
        .filter(|(w, _)| !sep.is_empty() || !w.starts_with(char::is_alphabetic))
        .find(|(w, _)| {
            if w.starts_with(char::is_alphanumeric) {
                word_at(at, w)
            } else {
                text[at..].starts_with(w)
            }
        })
}

/// Whether the list word `list_word` is at `at` of `text`, as a whole
/// word; words of four letters or more (`Billion`, `Percent`) and scale
/// words without regard to ASCII case. Its first two bytes are compared
/// first: most places match no list word.
pub(super) fn word_at(text: &str, at: usize, list_word: &str) -> bool {
    let bytes = text.as_bytes();
    let second = |w: &[u8]| match (bytes.get(at + 1), w.get(1)) {
        (Some(t), Some(w)) => t.eq_ignore_ascii_case(w),
        (None, Some(_)) => false,
        (_, None) => true,
    };
    if !first_byte_matches(text, at, list_word) || !second(list_word.as_bytes()) {
        return false;
    }
    let Some(found) = text.get(at..at + list_word.len()) else {
        return false;
    };
    let same = if list_word.len() >= 4 || SCALE_WORDS.iter().any(|(w, _)| *w == list_word) {
        found.eq_ignore_ascii_case(list_word)
    } else {
        found == list_word
    };
    same && !text[at + list_word.len()..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric)
}

/// The last `n` bytes of `text` or a little more, starting on a character.
pub(super) fn tail(text: &str, n: usize) -> &str {
    let mut from = text.len().saturating_sub(n);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    &text[from..]
}

/// Whether `text[..end]` ends with the ASCII `phrase` as whole words (a
/// hyphen may stand for a space), compared without regard to ASCII case.
pub(super) fn ends_with_word(text: &str, end: usize, phrase: &str) -> bool {
    let Some(at) = end.checked_sub(phrase.len()) else {
        return false;
    };
    if !text.is_char_boundary(at) || !text.is_char_boundary(end) {
        return false;
    }
    let tail = &text.as_bytes()[at..end];
    let same = tail
        .iter()
        .zip(phrase.bytes())
        .all(|(&t, p)| t.eq_ignore_ascii_case(&p) || (p == b' ' && t == b'-'));
    same && !text[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// The sign and currency written just before `i`, and where they start.
pub(super) fn prefix_start(text: &str, i: usize) -> (usize, bool, Option<&'static str>) {
    let mut start = i;
    let mut currency = None;
    let mut negative = false;
    let before = &text[..i];
    let mut chars = before.char_indices().rev().peekable();
    if let Some(&(k, c)) = chars.peek()
        && crate::text::segment::is_currency(c)
    {
        chars.next();
        start = k;
        // Letters against the sign: `US$`, `A$`, `HK$`.
        let mut letters_start = k;
        while let Some(&(j, l)) = chars.peek() {
            if l.is_ascii_uppercase() {
                letters_start = j;
                chars.next();
            } else {
                break;
            }
        }
        let letters = &text[letters_start..k];
        let boundary = !text[..letters_start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        currency = Some(currency_sign(if boundary { letters } else { "" }, c));
        if boundary {
            start = letters_start;
        }
    } else if let Some(code) = code_before(before) {
        currency = Some(code.1);
        start = i - code.0.len() - 1;
    }
    let before = &text[..start];
    if let Some(sign) = before.chars().next_back()
        && matches!(sign, '-' | '+')
        && !before[..before.len() - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    {
        negative = sign == '-';
        start -= 1;
    }
    (start, negative, currency)
}

/// The currency code that `before` ends with as a whole word before a
/// space (`USD 5`). Every code ends with an ASCII capital, so no other byte
/// before the space is compared with the list.
pub(super) fn code_before(before: &str) -> Option<&'static (&'static str, &'static str)> {
    let b = before.strip_suffix(' ')?;
    if !b.as_bytes().last().is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    CURRENCY_CODES.iter().find(|(code, _)| {
        b.ends_with(code)
            && !before[..before.len() - code.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
    })
}

/// A canonical name for a currency sign with the letters before it.
pub(super) fn currency_sign(letters: &str, sign: char) -> &'static str {
    match (letters, sign) {
        ("" | "US", '$') | (_, '\u{FF04}') => "$",
        ("A", '$') => "A$",
        ("C" | "CA", '$') => "C$",
        ("HK", '$') => "HK$",
        ("NZ", '$') => "NZ$",
        ("S", '$') => "S$",
        ("R", '$') => "R$",
        ("MX", '$') => "MX$",
        (_, '$') => "other $",
        (_, '€') => "€",
        (_, '£' | '\u{FFE1}') => "£",
        ("CN", '¥') => "CN¥",
        (_, '¥' | '\u{FFE5}') => "¥",
        (_, '₹') => "₹",
        (_, '₩' | '\u{FFE6}') => "₩",
        (_, '₽') => "₽",
        (_, '¢' | '\u{FFE0}') => "¢",
        _ => "other currency",
    }
}

/// What is written after a number ending at `end`: its scale, unit,
/// currency and hedge, and where the whole expression ends.
#[allow(clippy::type_complexity)]
// Over 80 lines: one scan of what follows a number, its states sharing one cursor. Moved unchanged in the issue-13 redesign, so that
// branches that patch it can be ported; a split is a later, separate change.
pub(super) fn suffix(
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
    // Scale words after a space or hyphen; several multiply (`thousand
    // million`).
    if unit.is_none() {
        'scales: loop {
            for sep in [" ", "-"] {
                if text[end..].starts_with(sep) {
                    let at = end + sep.len();
                    if !SCALE_STARTS.at(text, at) {
                        continue;
                    }
                    if let Some(&(w, e)) = scale_word_at(text, at) {
                        scale += e;
                        end = at + w.len();
                        continue 'scales;
                    }
                }
            }
            break;
        }
    }
    // A unit: `%` against the number, or a unit word after a space or
    // hyphen (`5-year`).
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
            .then(|| currency_word_at(text, at));
        if let Some(&(w, c)) = found.flatten() {
            currency = Some(c);
            end = at + w.len();
        }
    }
    let (hedge, end) = hedge_after(text, end);
    (scale, unit, currency, hedge, end)
}

/// The hedge written after a number (and its unit) ending at `end`,
/// perhaps after a comma, bracket or dash (`$5 billion, at most`, `$5
/// billion (at least)`), and where it ends (`end` if there is none).
pub(super) fn hedge_after(text: &str, mut end: usize) -> (Option<Hedge>, usize) {
    let word_at = |at: usize, list_word: &str| word_at(text, at, list_word);
    let mut hedge = None;
    // Each place is compared with only the phrases whose first byte it has.
    'after: for lead in ["", ",", " (", " -"] {
        if !text[end..].starts_with(lead) {
            continue;
        }
        let at = end + lead.len();
        if !HEDGE_AFTER_STARTS.at(text, at) {
            continue;
        }
        for k in each(hedge_after_candidates(text, at, lead.ends_with('('))) {
            let (w, h) = HEDGES_AFTER[k];
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
