//! The word scan as it was before its ASCII fast paths, kept as the
//! reference the property tests hold the fast scan to.

use super::*;

/// The old [`words_with`], unchanged.
// Over 80 lines: the old scan, kept whole as the reference.
pub(super) fn reference_words_with(text: &str, dash: impl Fn(usize) -> Dash) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let before = |k: usize| k.checked_sub(1).and_then(at);
    let byte = |k: usize| chars.get(k).map_or(text.len(), |&(i, _)| i);
    // Whether the character at `k` begins a word.
    let starts = |k: usize| -> bool {
        let Some(c) = at(k) else { return false };
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
