//! Sentence boundaries of a normalised text, abbreviations and initials
//! included.

use super::*;

/// Which byte offsets of a text are word boundaries: every offset that is
/// not strictly inside a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Boundaries {
    /// Bit `i` is set when offset `i` is strictly inside a word.
    pub(super) inside: Vec<u64>,
}

impl Boundaries {
    pub fn new(text: &str, dash: impl Fn(usize) -> Dash) -> Boundaries {
        let mut inside = vec![0u64; text.len() / 64 + 1];
        scan_words(text, dash, |start, end| {
            set_bits(&mut inside, start + 1, end)
        });
        Boundaries { inside }
    }

    pub fn is_boundary(&self, i: usize) -> bool {
        self.inside
            .get(i / 64)
            .is_none_or(|bits| bits & (1 << (i % 64)) == 0)
    }
}

/// Sets bits `from..to` of `bits`.
#[inline]
fn set_bits(bits: &mut [u64], from: usize, to: usize) {
    if from >= to {
        return;
    }
    let (first, last) = (from / 64, (to - 1) / 64);
    let low = !0u64 << (from % 64);
    let high = !0u64 >> (63 - (to - 1) % 64);
    if first == last {
        bits[first] |= low & high;
    } else {
        bits[first] |= low;
        bits[first + 1..last].fill(!0);
        bits[last] |= high;
    }
}

/// The byte offsets at which the sentences of a normalised text start, in
/// increasing order (the first is 0). `line_breaks` are the offsets of the
/// spaces that stand for a line break of the original.
pub fn sentence_starts(text: &str, line_breaks: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let mut starts = vec![0];
    let mut breaks = line_breaks.into_iter().peekable();
    let bytes = text.as_bytes();
    let mut ending = false;
    let mut in_mark = false;
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        while breaks.peek().is_some_and(|&b| b < i) {
            breaks.next();
        }
        if breaks.peek() == Some(&i) {
            starts.push(i + 1);
            ending = false;
            i += c.len_utf8();
            continue;
        }
        // ASCII letters before the next line break: each only resets. With
        // no full stop pending and no reference mark open, so does any ASCII
        // but `.`, `!` and `?`.
        let limit = breaks.peek().map_or(bytes.len(), |&b| b.min(bytes.len()));
        let plain = if ending || in_mark {
            ascii_letters(&bytes[i..limit])
        } else {
            ascii_plain(&bytes[i..limit])
        };
        if plain > 0 {
            ending = false;
            in_mark = false;
            i += plain;
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
        i += c.len_utf8();
    }
    starts.retain(|&s| s < text.len() || s == 0);
    starts.dedup();
    starts
}

/// How many ASCII letters `bytes` starts with.
fn ascii_letters(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count()
}

/// How many ASCII bytes but `.`, `!` and `?` `bytes` starts with: eight
/// bytes at a time, then byte by byte.
pub(super) fn ascii_plain(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Bit 7 of each byte of `w` that is `b`, exactly (no carry crosses a
    // byte: a low half plus 0x7F stays below 0x100).
    let equal = |w: u64, b: u8| {
        let x = w ^ (u64::from(b) * ONES);
        !(((x & !HIGH) + 0x7F * ONES) | x) & HIGH
    };
    let mut run = 0;
    while let Some(chunk) = bytes.get(run..run + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let stop = (w & HIGH) | equal(w, b'.') | equal(w, b'!') | equal(w, b'?');
        if stop != 0 {
            return run + (stop.trailing_zeros() / 8) as usize;
        }
        run += 8;
    }
    run + bytes[run..]
        .iter()
        .position(|&b| !b.is_ascii() || matches!(b, b'.' | b'!' | b'?'))
        .unwrap_or(bytes.len() - run)
}

/// The sentences of a text, as a list of start offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentences {
    pub(super) starts: Vec<usize>,
    pub(super) len: usize,
}

impl Sentences {
    pub fn new(text: &str, line_breaks: impl IntoIterator<Item = usize>) -> Sentences {
        Sentences {
            starts: sentence_starts(text, line_breaks),
            len: text.len(),
        }
    }

    /// The index of the sentence holding byte `i`.
    pub fn of(&self, i: usize) -> usize {
        self.starts.partition_point(|&s| s <= i).saturating_sub(1)
    }

    /// The byte range of sentence `n`.
    pub fn range(&self, n: usize) -> Range<usize> {
        let start = self.starts.get(n).copied().unwrap_or(self.len);
        let end = self.starts.get(n + 1).copied().unwrap_or(self.len);
        start..end
    }

    /// Whether the non-empty range lies within one sentence.
    pub fn within_one(&self, r: &Range<usize>) -> bool {
        r.is_empty() || self.of(r.start) == self.of(r.end - 1)
    }
}
