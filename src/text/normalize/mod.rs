//! The quote normalisation, applied identically to seeds and quotes.
//!
//! Rules (see README, "Normalisation"):
//! 1. Unicode NFC.
//! 2. `‘ ’ ‚ ‛` become `'`; `“ ” „ ‟` become `"`.
//! 3. U+2010..=U+2015, U+2212 and the small and fullwidth hyphen-minus
//!    (U+FE58, U+FE63, U+FF0D) become `-`; the modifier letter apostrophe
//!    U+02BC and the fullwidth apostrophe become `'`, the fullwidth quotation
//!    mark `"`.
//! 4. `…` becomes `...`.
//! 5. A no-break, thin, narrow no-break, figure or other fixed-width space
//!    between a group of one to three digits and exactly three digits
//!    becomes `,`: it groups thousands, so `1 500` is the number 1,500 and
//!    one word.
//! 6. Every run of whitespace (any `char::is_whitespace`, which includes
//!    no-break spaces and line breaks) becomes one ASCII space.
//!
//! Case is significant and nothing else is folded (in particular no NFKC,
//! which rewrites digits and fractions). Invisible format characters are
//! dropped: the byte-order mark U+FEFF, the soft hyphen U+00AD, zero-width
//! spaces and joiners U+200B..=U+200D, the word joiner and invisible
//! operators U+2060..=U+2064, and the bidirectional marks and controls
//! (U+061C, U+200E, U+200F, U+202A..=U+202E, U+2066..=U+2069). They change
//! nothing a reader sees, so `20\u{200B}32` is the number 2032.
//!
//! Normalising keeps a map from every byte of the normalised text back to the
//! original text, so that a match can be reported as a byte range (and so a
//! line and column) of the seed file.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{canonical_combining_class, compose, decompose_compatible};

mod origins;
#[cfg(test)]
mod tests;

use origins::Origins;

/// A normalised text with its map back to the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// `origin.get(i)` is the byte offset in the original text of the unit
    /// that produced normalised byte `i`; `origin.get(text.len())` is the
    /// original length. Kept as runs (see [`origins`]).
    origin: Origins,
    /// Normalised offsets of the spaces that stand for whitespace containing a
    /// line break in the original, in increasing order.
    line_breaks: Vec<u32>,
}

impl Normalized {
    /// Normalises `original`. Offsets are stored as `u32`: the loader refuses
    /// files over [`crate::project::read::MAX_FILE_BYTES`] (8 MiB), far below
    /// the 4 GiB a `u32` can address.
    pub fn new(original: &str) -> Normalized {
        let mut n = Normalized {
            text: String::with_capacity(original.len()),
            origin: Origins::default(),
            line_breaks: Vec::new(),
        };
        let mut in_space = false;
        let bytes = original.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // A run of printable ASCII and single spaces (none right after
            // whitespace) is copied as it is: each byte is its own unit,
            // already in NFC, and folds to itself, and a space that follows
            // no whitespace stays one space. Its last byte is left to the
            // general case when a non-ASCII character follows that combines
            // with it (the unit of that byte goes on past it).
            let run = plain_ascii_run(&bytes[i..], in_space);
            // (Typography next combines with nothing.)
            let run = if run > 0
                && i + run < bytes.len()
                && !bytes[i + run].is_ascii()
                && !original[i + run..]
                    .chars()
                    .next()
                    .is_some_and(normalizes_to_ascii_punctuation)
                && unit_end(original, i + run - 1) != i + run
            {
                run - 1
            } else {
                run
            };
            if run > 0 {
                n.text.push_str(&original[i..i + run]);
                n.origin.push_step(i as u32, run as u32);
                in_space = bytes[i + run - 1] == b' ';
                i += run;
                continue;
            }
            // An ASCII character before ASCII (or the end) is a unit of its
            // own, in NFC, and no group space: a space, a line break, a tab
            // or a control.
            if bytes[i].is_ascii() && bytes.get(i + 1).is_none_or(u8::is_ascii) {
                let c = char::from(bytes[i]);
                n.push_char(i, c, &mut in_space, is_line_break(c));
                i += 1;
                continue;
            }
            // Typography before ASCII (or the end) is a unit of its own:
            // it composes with nothing, and ASCII is no mark.
            let c = original[i..].chars().next().unwrap_or_default();
            let end = if normalizes_to_ascii_punctuation(c)
                && bytes.get(i + c.len_utf8()).is_none_or(u8::is_ascii)
            {
                i + c.len_utf8()
            } else {
                unit_end(original, i)
            };
            let unit = &original[i..end];
            let mut chars = unit.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None)
                    if normalizes_to_ascii_punctuation(c)
                        || unicode_normalization::is_nfc_quick(std::iter::once(c))
                            == unicode_normalization::IsNormalized::Yes =>
                {
                    if is_group_space(c) && groups_thousands(&n.text, &original[end..]) {
                        // `1 500` with a thin space is the number 1,500.
                        n.push_char(i, ',', &mut in_space, false);
                    } else {
                        n.push_char(i, c, &mut in_space, is_line_break(c));
                    }
                }
                _ => {
                    for c in unit.nfc() {
                        n.push_char(i, c, &mut in_space, false);
                    }
                }
            }
            i = end;
        }
        n.origin.push(original.len() as u32);
        n
    }

    fn push_char(&mut self, start: usize, c: char, in_space: &mut bool, is_break: bool) {
        let start = start as u32;
        if is_invisible(c) {
            return;
        }
        if c.is_whitespace() {
            if *in_space {
                if is_break && self.line_breaks.last() != Some(&(self.text.len() as u32 - 1)) {
                    self.line_breaks.push(self.text.len() as u32 - 1);
                }
                return;
            }
            *in_space = true;
            if is_break {
                self.line_breaks.push(self.text.len() as u32);
            }
            self.push_str(start, " ");
            return;
        }
        *in_space = false;
        match fold(c) {
            Folded::Char(f) => {
                let mut buf = [0u8; 4];
                self.push_str(start, f.encode_utf8(&mut buf));
            }
            Folded::Str(s) => self.push_str(start, s),
        }
    }

    fn push_str(&mut self, start: u32, s: &str) {
        self.text.push_str(s);
        self.origin.push_same(start, s.len());
    }

    /// Whether normalised byte offset `i` begins a unit of the original (or is
    /// the end). Matches may only start and end on such boundaries, so that a
    /// quote never covers part of a `…` or part of a composed character.
    pub fn is_boundary(&self, i: usize) -> bool {
        i == 0 || i >= self.text.len() || self.origin.get(i) != self.origin.get(i - 1)
    }

    /// The byte offset in the original of the unit that produced normalised
    /// byte `i`.
    pub fn origin_of(&self, i: usize) -> usize {
        self.origin.get(i.min(self.text.len())) as usize
    }

    /// Maps a normalised range back to a byte range of the original.
    pub fn original_range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.origin.get(range.start) as usize;
        // The end of the last unit is where the next unit starts.
        let mut end_idx = range.end;
        while end_idx < self.text.len() && !self.is_boundary(end_idx) {
            end_idx += 1;
        }
        start..self.origin.get(end_idx) as usize
    }

    /// The normalised offsets of the spaces that stand for a line break of
    /// the original, in increasing order.
    pub fn line_breaks(&self) -> impl Iterator<Item = usize> + '_ {
        self.line_breaks.iter().map(|&b| b as usize)
    }

    /// The first space at or after `from` that stands for a line break.
    pub fn next_line_break(&self, from: usize) -> Option<usize> {
        let i = self.line_breaks.partition_point(|&b| (b as usize) < from);
        self.line_breaks.get(i).map(|&b| b as usize)
    }

    /// Whether the normalised range contains a space that stands for a line
    /// break of the original.
    pub fn has_line_break(&self, range: std::ops::Range<usize>) -> bool {
        let first = self
            .line_breaks
            .partition_point(|&b| (b as usize) < range.start);
        self.line_breaks
            .get(first)
            .is_some_and(|&b| (b as usize) < range.end)
    }
}

/// Normalises a string without keeping the map (used for quotes and claims).
pub fn normalize(s: &str) -> String {
    Normalized::new(s).text
}

/// How many bytes `bytes` starts with that are printable ASCII, or a
/// space after something other than a space (`after_space`: whether the
/// byte before the first was whitespace). Eight bytes at a time, then byte
/// by byte.
fn plain_ascii_run(bytes: &[u8], after_space: bool) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut run = 0;
    let mut after_space = after_space;
    while let Some(chunk) = bytes.get(run..run + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let low = w & !HIGH;
        // Bit 7 of each byte: set when the byte is 0x20..=0x7E (no carry
        // crosses a byte: a low half plus 0x60 stays below 0x100).
        let printable = (low + 0x60 * ONES) & !(low + ONES) & !w & HIGH;
        // Set when the byte is a space, exactly.
        let x = w ^ (0x20 * ONES);
        let space = !(((x & !HIGH) + 0x7F * ONES) | x) & HIGH;
        let before_space = (space << 8) | if after_space { 0x80 } else { 0 };
        let bad = (!printable & HIGH) | (space & before_space);
        if bad != 0 {
            return run + (bad.trailing_zeros() / 8) as usize;
        }
        after_space = space >> 63 != 0;
        run += 8;
    }
    while let Some(&b) = bytes.get(run) {
        if b.is_ascii_graphic() {
            after_space = false;
        } else if b == b' ' && !after_space {
            after_space = true;
        } else {
            break;
        }
        run += 1;
    }
    run
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{0B}' | '\u{0C}'
    )
}

enum Folded {
    Char(char),
    Str(&'static str),
}

/// A thin, narrow no-break or figure space: typography's thousands
/// separator.
fn is_group_space(c: char) -> bool {
    matches!(
        c,
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Whether a group space between `before` (normalised so far) and `after`
/// (the rest of the original) separates thousands: a digit before it, and
/// exactly three digits after it.
fn groups_thousands(before: &str, after: &str) -> bool {
    let digit = |c: char| crate::text::numbers::digit_value(c).is_some();
    let mut next = after.chars();
    // The group before: one to three digits, or exactly three after a `,`.
    let run = before.chars().rev().take_while(|&c| digit(c)).count();
    let lead = before.chars().rev().nth(run);
    let group_before = (1..=3).contains(&run) && (lead != Some(',') || run == 3);
    group_before
        && next.by_ref().take(3).filter(|&c| digit(c)).count() == 3
        && !next.next().is_some_and(digit)
}

/// A character that the normalisation turns into ASCII punctuation or a
/// space, or drops, and that takes part in no composition: it has no
/// canonical decomposition, no character's decomposition into two or more
/// characters contains it (U+2000 and U+2001 only become U+2002 and U+2003
/// under NFC), it is a starter and NFC-quick (the tests check this against
/// the Unicode tables). So a
/// text of ASCII and these characters normalises to ASCII, and a `%`, `$` or
/// digit of its normal form was already in the text. The typography editors
/// paste: curly quotes, dashes, the ellipsis, the prime, fixed-width spaces,
/// zero-width and bidi marks.
pub fn normalizes_to_ascii_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{A0}'
            | '\u{2002}'..='\u{200F}'
            | '\u{2010}'..='\u{2015}'
            | '\u{2018}'..='\u{201F}'
            | '\u{2026}'
            | '\u{202F}'
            | '\u{2032}'
            | '\u{205F}'
            | '\u{2212}'
    )
}

/// An invisible format character, dropped by the normalisation.
pub fn is_invisible(c: char) -> bool {
    // All of them are U+00AD or above: ASCII is turned away at once.
    c >= '\u{AD}' && listed_invisible(c)
}

/// The invisible format characters, as listed ([`is_invisible`] turns
/// away what lies below all of them first).
fn listed_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{34F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{180B}'..='\u{180F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FFA0}'
            | '\u{E0000}'..='\u{E0FFF}'
            | '\u{AD}'
            | '\u{61C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

fn fold(c: char) -> Folded {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' => Folded::Char('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' => Folded::Char('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
            Folded::Char('-')
        }
        '\u{2BC}' | '\u{FF07}' | '\u{B4}' | '\u{2B9}' | '\u{2BB}' | '\u{55A}' | '\u{5F3}'
        | '\u{FF40}' | '\u{2032}' => Folded::Char('\''),
        '\u{2796}' | '\u{2D7}' | '\u{5BE}' => Folded::Char('-'),
        '\u{FF02}' => Folded::Char('"'),
        '\u{2026}' => Folded::Str("..."),
        c => Folded::Char(c),
    }
}

/// Whether `c`, a starter, decomposes to a non-starter first (U+0F73 is
/// U+0F71 U+0F72, halfwidth U+FF9E is U+3099): NFKC then reorders it with
/// the marks before it, so it does not start a unit.
fn opens_with_mark(c: char) -> bool {
    let mut first = None;
    decompose_compatible(c, |d| {
        first.get_or_insert(d);
    });
    first.is_some_and(|d| canonical_combining_class(d) != 0)
}

/// The end of the smallest piece of `s` starting at `start` that NFC can
/// treat on its own: one character, followed by any characters that NFC
/// could combine with it (non-starters, or starters that compose with the
/// character before them, as Hangul jamo do, or starters that decompose to a non-starter
/// first).
fn unit_end(s: &str, start: usize) -> usize {
    let mut chars = s[start..].char_indices();
    let Some((_, first)) = chars.next() else {
        return start;
    };
    // The last starter, as composed so far.
    let mut last = first;
    let mut end = start + first.len_utf8();
    for (j, c) in chars {
        // ASCII is a starter and the second of no composition.
        if c.is_ascii() {
            break;
        }
        let composed = compose(last, c);
        if canonical_combining_class(c) == 0 && composed.is_none() && !opens_with_mark(c) {
            break;
        }
        if let Some(x) = composed {
            last = x;
        }
        end = start + j + c.len_utf8();
    }
    end
}
