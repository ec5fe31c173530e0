//! Numbers written in words (`two million`, `third`) and roman numerals.

use super::*;

/// A number written in words (`twenty-five`, `three hundred`, `one
/// billion`, `a million`), an ordinal word (`third`) or a Roman numeral,
/// starting at `i`.
///
/// The words follow the grammar of English numbers: tens may take a unit
/// (`twenty-five`), a number below a hundred may take `hundred`, and any
/// of these a scale. Two numbers side by side (`five-four`, `two
/// three-bedroom`) are two numbers, never a sum.
// Over 80 lines: one parse of spelled-out numerals, its states sharing one cursor. Moved unchanged in the issue-13 redesign, so that
// branches that patch it can be ported; a split is a later, separate change.
pub(super) fn word_number(text: &str, i: usize) -> Option<Number> {
    let word_end = |at: usize| {
        text[at..]
            .char_indices()
            .find(|&(_, c)| !c.is_alphabetic())
            .map_or(text.len(), |(k, _)| at + k)
    };
    let first_end = word_end(i);
    let first = &text[i..first_end];
    if let Some(v) = roman(first) {
        let (hedge, negative, currency, start) = prefix(text, i);
        return Some(Number {
            value: Value::Amount(Decimal::from_u64(v)),
            negative,
            currency,
            unit: None,
            hedge,
            range: start..first_end,
            core: i..first_end,
        });
    }
    // No number word is longer than `quadrillion`: a longer word is not one,
    // and is not lowercased (every word of every seed comes through here).
    if first.len() > 11 || !may_start_number(first) {
        return None;
    }
    let lower = first.to_lowercase();
    // `second-hand`, `third-party`: a compound, not a count.
    let compound = text[first_end..].starts_with('-');
    if let Some(v) = ORDINALS
        .iter()
        .position(|o| !o.is_empty() && *o == lower)
        .filter(|_| !compound)
    {
        let (hedge, negative, currency, start) = prefix(text, i);
        return Some(Number {
            value: Value::Ordinal(Decimal::from_u64(v as u64)),
            negative,
            currency,
            unit: None,
            hedge,
            range: start..first_end,
            core: i..first_end,
        });
    }
    let article = matches!(lower.as_str(), "a" | "an");
    let ones = |w: &str| ONES.iter().position(|o| *o == w).map(|v| v as u64);
    let tens = |w: &str| {
        TENS.iter()
            .position(|t| !t.is_empty() && *t == w)
            .map(|v| 10 * v as u64)
    };
    if !article && ones(&lower).is_none() && tens(&lower).is_none() {
        return None;
    }
    // The words, separated by one space or hyphen.
    let mut parts: Vec<(String, usize)> = Vec::new();
    let mut at = i;
    while parts.len() < 12 {
        let e = word_end(at);
        if e == at {
            break;
        }
        parts.push((text[at..e].to_lowercase(), e));
        let rest = &text[e..];
        if !(rest.starts_with(' ') || rest.starts_with('-'))
            || !text[e + 1..].starts_with(char::is_alphabetic)
        {
            break;
        }
        at = e + 1;
    }
    // State: the value below a thousand so far, and what may come next.
    let mut value: u64 = 0;
    let mut used = 0;
    let mut scale = 0;
    let (mut may_unit, mut may_hundred) = (false, true);
    for (k, (w, _)) in parts.iter().enumerate() {
        let step = if k == 0 && article {
            // `a million`, `an hundred`: only before a scale.
            match parts.get(1) {
                Some((n, _))
                    if n == "hundred" || SCALE_WORDS.iter().any(|(s, e)| s == n && *e >= 3) =>
                {
                    value = 1;
                    true
                }
                _ => false,
            }
        } else if let Some(v) =
            tens(w).filter(|_| used == 0 || (value.is_multiple_of(100) && value > 0 && !may_unit))
        {
            value += v;
            may_unit = true;
            may_hundred = false;
            true
        } else if let Some(v) = ones(w).filter(|_| {
            used == 0
                || (may_unit && value.is_multiple_of(10))
                || (value.is_multiple_of(100) && value > 0 && !may_unit)
        }) {
            if used > 0 && may_unit && !(1..=9).contains(&v) {
                false
            } else {
                value += v;
                may_unit = false;
                may_hundred = used == 0;
                true
            }
        } else if w == "hundred" && used > 0 && may_hundred && value < 100 {
            value *= 100;
            may_hundred = false;
            may_unit = false;
            true
        } else if w == "and"
            && value >= 100
            && value.is_multiple_of(100)
            && parts
                .get(k + 1)
                .is_some_and(|(n, _)| ones(n).is_some() || tens(n).is_some())
        {
            true
        } else if let Some(&(_, e)) = SCALE_WORDS
            .iter()
            .find(|(s, e)| s == w && *e >= 3)
            .filter(|_| used > 0)
        {
            scale = e;
            used += 1;
            break;
        } else {
            false
        };
        if !step {
            break;
        }
        used += 1;
    }
    if used == 0 || (article && scale == 0) {
        return None;
    }
    let core_end = parts[used - 1].1;
    let (hedge_before, negative, currency, start) = prefix(text, i);
    let (suffix_scale, unit, currency_after, hedge_after, end) =
        suffix(text, core_end, scale, None);
    let scale = suffix_scale.max(scale);
    // `one` alone is as often a pronoun or article as a number.
    let lone_one = used == 1 && value == 1;
    if lone_one && scale == 0 && unit.is_none() && currency.or(currency_after).is_none() {
        return None;
    }
    Some(Number {
        value: Value::Amount(Decimal::from_u64(value).scaled(scale)),
        negative,
        currency: currency.or(currency_after),
        unit,
        hedge: hedge_before.or(hedge_after),
        range: start..end,
        core: i..core_end,
    })
}

/// Where the word at `i` ends, when its bytes alone show that
/// [`word_number`] reads nothing there: a word of ASCII letters (the byte
/// after it is ASCII, or there is none), not of two or more of the Roman
/// numeral letters, and longer than 11 bytes or unable to start a number
/// in words ([`may_start_number`]). `None` when the full reading is needed.
/// The caller has an ASCII letter at `i` that starts a word.
pub(super) fn ascii_word_reads_nothing(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let len = bytes[i..]
        .iter()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(bytes.len() - i);
    let end = i + len;
    // A letter beyond ASCII may go on with the word.
    if bytes.get(end).is_some_and(|b| !b.is_ascii()) {
        return None;
    }
    let word = &bytes[i..end];
    if word.len() >= 2 && word.iter().all(|&b| is_roman_letter(b)) {
        return None;
    }
    (word.len() > 11 || !may_start_by_shape(word) || !may_start_number(&text[i..end]))
        .then_some(end)
}

/// Whether a word of 1 to 11 ASCII letters has the length and first two
/// letters (without regard to case) of one of the words
/// [`may_start_number`] looks for: a test it implies, made without a copy.
pub(super) fn may_start_by_shape(word: &[u8]) -> bool {
    let letter = |b: u8| usize::from(b.to_ascii_lowercase().wrapping_sub(b'a')).min(26);
    let (Some(&first), Some(seconds)) = (word.first(), START_SHAPES.get(word.len())) else {
        return false;
    };
    let second = word.get(1).map_or(26, |&b| letter(b));
    seconds[letter(first)] & (1 << second) != 0
}

/// For each length (up to 11) and first letter (`a` to `z`, then any other
/// byte), the second letters (bit 26: none) of the words
/// [`may_start_number`] looks for.
static START_SHAPES: [[u32; 27]; 12] = {
    let lists: [&[&str]; 4] = [ORDINALS, ONES, TENS, &["a", "an"]];
    let mut shapes = [[0u32; 27]; 12];
    let mut l = 0;
    while l < lists.len() {
        let mut k = 0;
        while k < lists[l].len() {
            let w = lists[l][k].as_bytes();
            if !w.is_empty() && w.len() <= 11 {
                let second = if w.len() > 1 { w[1] - b'a' } else { 26 };
                shapes[w.len()][(w[0] - b'a') as usize] |= 1 << second;
            }
            k += 1;
        }
        l += 1;
    }
    shapes
};

/// Whether a word of at most 11 bytes that is not a Roman numeral can
/// start a number in words: an ordinal, an article, or a ones or tens word,
/// without regard to case. Every word of every seed is asked, so an ASCII
/// word is lowercased on the stack, not in a new `String`; any other word
/// is passed on to the full reading (`to_lowercase` may map it to ASCII).
pub(super) fn may_start_number(word: &str) -> bool {
    if !word.is_ascii() {
        return true;
    }
    let mut buf = [0u8; 11];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    let Some(&first) = lower.first() else {
        return false;
    };
    START_WORDS[lower.len() * 256 + usize::from(first)]
        .iter()
        .any(|w| w.as_bytes() == &*lower)
}

/// The words [`may_start_number`] looks for (the articles and every
/// ordinal, ones and tens word), by length (up to 11) and first byte: a
/// word is compared with the few of its length and first byte.
static START_WORDS: std::sync::LazyLock<Vec<Vec<&str>>> = std::sync::LazyLock::new(|| {
    let mut by_start = vec![Vec::new(); 12 * 256];
    for w in [ORDINALS, ONES, TENS, &["a", "an"]].concat() {
        if let Some(&first) = w.as_bytes().first().filter(|_| w.len() <= 11) {
            by_start[w.len() * 256 + usize::from(first)].push(w);
        }
    }
    by_start
});

/// Whether `b` is one of the letters of Roman numerals, `MDCLXVI`
/// (compared by a `match`, not by a search of the seven letters).
pub(super) fn is_roman_letter(b: u8) -> bool {
    matches!(b, b'M' | b'D' | b'C' | b'L' | b'X' | b'V' | b'I')
}

/// The value of a Roman numeral of at least two uppercase letters.
pub(super) fn roman(word: &str) -> Option<u64> {
    if word.len() < 2 || !word.bytes().all(is_roman_letter) {
        return None;
    }
    let value = |b: u8| match b {
        b'M' => 1000,
        b'D' => 500,
        b'C' => 100,
        b'L' => 50,
        b'X' => 10,
        b'V' => 5,
        _ => 1,
    };
    let bytes = word.as_bytes();
    let mut total: u64 = 0;
    for (k, &b) in bytes.iter().enumerate() {
        let v = value(b);
        if bytes.get(k + 1).is_some_and(|&n| value(n) > v) {
            total = total.checked_sub(v)?;
        } else {
            total += v;
        }
    }
    // Only the canonical spelling of its value counts as a numeral.
    (to_roman(total) == word).then_some(total)
}

pub(super) fn to_roman(mut n: u64) -> String {
    const TABLE: &[(u64, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}
