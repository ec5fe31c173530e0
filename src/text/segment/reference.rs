//! The word and sentence scans as they were before their ASCII fast paths,
//! kept as the references the property tests hold the fast scans to.

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

/// The old [`sentence_starts`], unchanged.
pub(super) fn reference_sentence_starts(
    text: &str,
    line_breaks: impl IntoIterator<Item = usize>,
) -> Vec<usize> {
    let mut starts = vec![0];
    let mut breaks = line_breaks.into_iter().peekable();
    let bytes = text.as_bytes();
    let mut ending = false;
    let mut in_mark = false;
    for (i, c) in text.char_indices() {
        while breaks.peek().is_some_and(|&b| b < i) {
            breaks.next();
        }
        if breaks.peek() == Some(&i) {
            starts.push(i + 1);
            ending = false;
            continue;
        }
        match c {
            // Full stops that need no space after them.
            '\u{3002}' | '\u{FF0E}' | '\u{FF01}' | '\u{FF1F}' => {
                starts.push(i + c.len_utf8());
                ending = false;
            }
            '.'
            | '!'
            | '?'
            | '\u{203C}'
            | '\u{2047}'..='\u{2049}'
            | '\u{61F}'
            | '\u{964}'
            | '\u{965}' => ending = true,
            // A footnote mark after the full stop: `Monday.¹ Its`.
            '\u{B9}' | '\u{B2}' | '\u{B3}' | '\u{2070}'..='\u{2079}' if ending => {}
            // A dash after the full stop, then the next sentence: `Monday.-Its`.
            '-' if ending => {
                let next = text[i + 1..].chars().next();
                if next.is_some_and(char::is_uppercase) {
                    starts.push(i + 1);
                    ending = false;
                }
            }
            '"' | '\'' | ')' | ']' if ending => {}
            // A reference mark after the full stop: `Monday.[3] Its`.
            '[' if ending => in_mark = true,
            '0'..='9' if in_mark => {}
            ']' if in_mark => in_mark = false,
            ' ' if ending => {
                ending = false;
                let rest = &text[i + 1..];
                let next = rest.chars().next();
                // A sentence may begin with a lowercase name (`eBay`,
                // `iPhone`): a capital inside the next word counts too.
                let word: &str = rest.split(' ').next().unwrap_or("");
                let capital = next.is_some_and(|n| !n.is_lowercase())
                    || word.chars().skip(1).any(char::is_uppercase);
                if capital && i + 1 < bytes.len() {
                    starts.push(i + 1);
                }
            }
            _ => {
                ending = false;
                in_mark = false;
            }
        }
    }
    starts.retain(|&s| s < text.len() || s == 0);
    starts.dedup();
    starts
}

/// The old [`Boundaries::new`]: the words of the reference scan, marked bit
/// by bit.
pub(super) fn reference_boundaries(text: &str, dash: impl Fn(usize) -> Dash) -> Boundaries {
    let mut inside = vec![0u64; text.len() / 64 + 1];
    for w in reference_words_with(text, dash) {
        for i in w.start + 1..w.end {
            inside[i / 64] |= 1 << (i % 64);
        }
    }
    Boundaries { inside }
}
