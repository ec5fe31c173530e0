//! Finding a quote in a normalised source.
//!
//! A quote is normalised (see [`crate::text::normalize`]) and trimmed. An elision
//! marker — ` ... ` (which is also what ` … ` normalises to) or ` [...] ` —
//! splits it into pieces. A placement of the quote puts every piece where
//! the source has exactly that text, such that:
//!
//! 1. every piece starts and ends on a word boundary of the source (see
//!    [`crate::text::segment`]: a number is one word with its sign, currency and
//!    percent sign) and on a whole character of the original;
//! 2. the pieces are in order, without overlap;
//! 3. with an elision, all pieces lie in one sentence of the source, and
//!    each gap skips at most [`MAX_GAP_CHARS`] characters.
//!
//! A quote must have exactly one placement: the matcher counts placements
//! (stopping at a limit) and the caller treats anything but one as an error.
//!
//! **Time.** Each piece's occurrences are found by searching for its first
//! few bytes with `memchr::memmem` and comparing the whole piece at each
//! hit, switching to Knuth–Morris–Pratt after [`FAST_HITS`] hits so that a
//! periodic text or piece costs O(n + m), not O(n·m). Placements are then
//! counted by dynamic programming from the last piece back: the occurrences
//! of the next piece that may follow an occurrence form one contiguous run
//! of the sorted list (bounded by the gap limit and the sentence end, both
//! monotone), found by binary search, and summed with prefix sums of counts
//! capped at the limit. For a source of n bytes and a quote of k pieces and
//! m bytes this is O(k·n + m + Σ|occurrences|·log n): no more than
//! O(k·n·log n), however the pieces repeat. (The depth-first search this
//! replaces was exponential in k.) `cargo run --release --example
//! match_bench` measures the adversarial inputs.

use crate::text::normalize::{Normalized, normalize};
use crate::text::numbers::{Number, numbers, numbers_near};
use crate::text::segment::{Boundaries, Dash, Sentences, words_with};
use std::ops::Range;
use std::sync::OnceLock;

mod search;
use search::*;
#[cfg(test)]
mod reference_tests;
#[cfg(test)]
mod tests;

/// The most characters one elision may skip.
pub const MAX_GAP_CHARS: usize = 300;
/// The fewest words a quote may have.
pub const MIN_WORDS: usize = 4;
/// The most pieces (so one fewer elisions) a quote may have: enough for any
/// honest quote, and it keeps a hostile one from costing time.
pub const MAX_PIECES: usize = 8;
/// The fewest words each piece of an elided quote may have.
pub const MIN_PIECE_WORDS: usize = 3;
/// Hits of a piece's prefix found with `memmem` before switching to
/// Knuth–Morris–Pratt.
const FAST_HITS: usize = 64;

/// A quote after normalisation, split at its elisions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub pieces: Vec<String>,
}

impl Quote {
    pub fn parse(raw: &str) -> Quote {
        let norm = normalize(raw);
        let bytes = norm.trim().as_bytes();
        // Both elision markers hold `...`: without it the quote is one piece.
        if !memchr::memchr_iter(b'.', bytes).any(|i| bytes.get(i..i + 3) == Some(b"...")) {
            return Quote {
                pieces: vec![norm.trim().to_string()],
            };
        }
        let mut pieces = vec![norm.trim().to_string()];
        for marker in [" [...] ", " ... "] {
            pieces = pieces
                .iter()
                .flat_map(|p| p.split(marker).map(|s| s.trim().to_string()))
                .collect();
        }
        Quote { pieces }
    }

    /// Words in the quote, not counting elision markers: tokens with at least
    /// one letter or digit.
    pub fn word_count(&self) -> usize {
        self.pieces.iter().map(|p| piece_words(p)).sum()
    }

    /// Whether some piece is empty (a quote that is only an elision, or one
    /// that starts or ends with one).
    pub fn has_empty_piece(&self) -> bool {
        self.pieces.iter().any(String::is_empty)
    }

    /// The first piece of an elided quote with fewer than
    /// [`MIN_PIECE_WORDS`] words, with its word count.
    pub fn short_piece(&self) -> Option<(&str, usize)> {
        if self.pieces.len() < 2 {
            return None;
        }
        self.pieces
            .iter()
            .map(|p| (p.as_str(), piece_words(p)))
            .find(|&(_, n)| n < MIN_PIECE_WORDS)
    }
}

/// How many of the `' '`-separated tokens of `piece` hold a letter or digit:
/// one pass over the bytes, decoding only the characters that are not ASCII.
fn piece_words(piece: &str) -> usize {
    let bytes = piece.as_bytes();
    let mut count = 0;
    // Whether the token being read is already counted.
    let mut counted = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b' ' {
            counted = false;
        } else if !counted {
            let alphanumeric = if b.is_ascii() {
                b.is_ascii_alphanumeric()
            } else {
                // Only the first byte of a character decodes it.
                piece.is_char_boundary(i)
                    && piece[i..].chars().next().is_some_and(char::is_alphanumeric)
            };
            if alphanumeric {
                counted = true;
                count += 1;
            }
        }
    }
    count
}

/// A source prepared for matching: its normalised text, word boundaries and
/// sentences; its numbers are read where a placement asks for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Searchable {
    pub norm: Normalized,
    /// The `-` of the normalised text that were en or em dashes, by offset.
    dashes: Vec<(usize, Dash)>,
    words: Boundaries,
    pub sentences: Sentences,
    /// Every number of the normalised text, read only for a passage with no
    /// safe place to start reading near it (see [`numbers_near`]).
    all_numbers: AllNumbers,
}

/// Every number of a text, read once when first asked for. It is a function
/// of the text, so it never makes two `Searchable`s differ.
#[derive(Debug, Clone, Default)]
struct AllNumbers(OnceLock<Vec<Number>>);

impl PartialEq for AllNumbers {
    fn eq(&self, _: &AllNumbers) -> bool {
        true
    }
}

impl Eq for AllNumbers {}

impl Searchable {
    pub fn new(original: &str) -> Searchable {
        let norm = Normalized::new(original);
        let dashes: Vec<(usize, Dash)> = memchr::memchr_iter(b'-', norm.text.as_bytes())
            .map(|i| {
                let c = original[norm.origin_of(i)..].chars().next().unwrap_or('-');
                (i, Dash::of(c))
            })
            .filter(|&(_, d)| d != Dash::Hyphen)
            .collect();
        let dash = |i: usize| dash_at(&dashes, i);
        let words = Boundaries::new(&norm.text, dash);
        let sentences = Sentences::new(&norm.text, norm.line_breaks());
        Searchable {
            norm,
            dashes,
            words,
            sentences,
            all_numbers: AllNumbers::default(),
        }
    }

    /// What the `-` at normalised offset `i` was in the original.
    fn dash(&self, i: usize) -> Dash {
        dash_at(&self.dashes, i)
    }

    /// Whether normalised offset `i` is a word boundary.
    pub fn is_word_boundary(&self, i: usize) -> bool {
        self.words.is_boundary(i)
    }

    /// The word of the normalised text that strictly contains offset `i`.
    pub fn word_around(&self, i: usize) -> Range<usize> {
        let text = &self.norm.text;
        let mut from = i.saturating_sub(200);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (i + 200).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        let dash = |k: usize| self.dash(from + k);
        words_with(&text[from..to], dash)
            .into_iter()
            .map(|w| from + w.start..from + w.end)
            .find(|w| w.start < i && i < w.end)
            .unwrap_or(i..i)
    }

    /// The numbers of the normalised text (as [`numbers`] reads them) whose
    /// digits or number words a placement covers, in order. Only the text
    /// around the placement is read, unless it has no safe place to start
    /// near it.
    pub fn numbers_in(&self, pieces: &[Range<usize>]) -> Vec<Number> {
        let covered = |n: &Number| {
            pieces
                .iter()
                .any(|p| n.core.start < p.end && n.core.end > p.start)
        };
        let (Some(start), Some(end)) = (
            pieces.iter().map(|p| p.start).min(),
            pieces.iter().map(|p| p.end).max(),
        ) else {
            return Vec::new();
        };
        let text = &self.norm.text;
        match numbers_near(text, start..end) {
            Some(near) => near.into_iter().filter(covered).collect(),
            None => (self.all_numbers.0)
                .get_or_init(|| numbers(text))
                .iter()
                .filter(|n| covered(n))
                .cloned()
                .collect(),
        }
    }
}

fn dash_at(dashes: &[(usize, Dash)], i: usize) -> Dash {
    match dashes.binary_search_by_key(&i, |&(at, _)| at) {
        Ok(k) => dashes[k].1,
        Err(_) => Dash::Hyphen,
    }
}

/// The outcome of matching one quote against one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// No placement.
    NotFound,
    /// Exactly one placement: the normalised range of each piece.
    Unique(Vec<Range<usize>>),
    /// Two or more placements; the first two are given.
    Ambiguous(Vec<Range<usize>>, Vec<Range<usize>>),
}

/// Which of the placement rules apply. All do for `check`; the others are
/// tried only to explain why a quote was not found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rules {
    /// Pieces start and end on word boundaries.
    words: bool,
    /// Elided pieces lie in one sentence (else only: no gap crosses a line
    /// break).
    sentence: bool,
}

const ALL: Rules = Rules {
    words: true,
    sentence: true,
};

/// Finds `quote` in `source`.
pub fn find(source: &Searchable, quote: &Quote) -> Match {
    let mut found = find_all(source, quote, 2).into_iter();
    match (found.next(), found.next()) {
        (None, _) => Match::NotFound,
        (Some(one), None) => Match::Unique(one),
        (Some(a), Some(b)) => Match::Ambiguous(a, b),
    }
}

/// Up to `limit` placements of `quote` in `source`, in order: each is the
/// normalised range of every piece. `check` asks for two (one is unique);
/// `sourced find` asks for many.
pub fn find_all(source: &Searchable, quote: &Quote, limit: usize) -> Vec<Vec<Range<usize>>> {
    placements(source, quote, limit, ALL)
}

/// Why a quote with no placement is not in the source, when the text is
/// there but breaks a placement rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    /// A piece starts or ends inside a word: the word (normalised range),
    /// and whether it is the start of the piece that cuts it.
    CutsWord { word: Range<usize>, at_start: bool },
    /// The elided pieces are in the source, but not within one sentence:
    /// the skipped text that holds a sentence end (normalised range).
    CrossesSentence { gap: Range<usize> },
}

/// Explains a quote that [`find`] did not find, by trying it under looser
/// rules: if it is then found, the rule it breaks is named.
pub fn explain_miss(source: &Searchable, quote: &Quote) -> Option<Miss> {
    let loose = [
        Rules {
            words: false,
            sentence: true,
        },
        Rules {
            words: true,
            sentence: false,
        },
        Rules {
            words: false,
            sentence: false,
        },
    ];
    for rules in loose {
        let Some(placement) = placements(source, quote, 1, rules).into_iter().next() else {
            continue;
        };
        for r in &placement {
            for (at, at_start) in [(r.start, true), (r.end, false)] {
                if !source.is_word_boundary(at) {
                    let word = source.word_around(at);
                    return Some(Miss::CutsWord { word, at_start });
                }
            }
        }
        for pair in placement.windows(2) {
            let gap = pair[0].end..pair[1].start;
            if source.sentences.of(pair[0].start) != source.sentences.of(pair[1].end - 1) {
                return Some(Miss::CrossesSentence { gap });
            }
        }
        if placement.len() > 1 {
            let (first, last) = (&placement[0], &placement[placement.len() - 1]);
            return Some(Miss::CrossesSentence {
                gap: first.end..last.start,
            });
        }
    }
    None
}
