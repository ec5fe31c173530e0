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
//! **Time.** Each piece's occurrences are found with `str::find`, switching
//! to Knuth–Morris–Pratt after [`FAST_HITS`] hits so that a periodic piece
//! costs O(n + m), not O(n·m). Placements are then counted by dynamic
//! programming from the last piece back: the occurrences of the next piece
//! that may follow an occurrence form one contiguous run of the sorted list
//! (bounded by the gap limit and the sentence end, both monotone), found by
//! binary search, and summed with prefix sums of counts capped at the limit.
//! For a source of n bytes and a quote of k pieces and m bytes this is
//! O(k·n + m + Σ|occurrences|·log n): no more than O(k·n·log n), however
//! the pieces repeat. (The depth-first search this replaces was exponential
//! in k.) `cargo run --release --example match_bench` measures the
//! adversarial inputs.

use crate::text::normalize::{Normalized, normalize};
use crate::text::numbers::{Number, numbers};
use crate::text::segment::{Boundaries, Dash, Sentences, words_with};
use std::ops::Range;

/// The most characters one elision may skip.
pub const MAX_GAP_CHARS: usize = 300;
/// The fewest words a quote may have.
pub const MIN_WORDS: usize = 4;
/// The most pieces (so one fewer elisions) a quote may have: enough for any
/// honest quote, and it keeps a hostile one from costing time.
pub const MAX_PIECES: usize = 8;
/// The fewest words each piece of an elided quote may have.
pub const MIN_PIECE_WORDS: usize = 3;
/// Hits found with `str::find` before switching to Knuth–Morris–Pratt.
const FAST_HITS: usize = 64;

/// A quote after normalisation, split at its elisions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub pieces: Vec<String>,
}

impl Quote {
    pub fn parse(raw: &str) -> Quote {
        let norm = normalize(raw);
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

fn piece_words(piece: &str) -> usize {
    piece
        .split(' ')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// A source prepared for matching: its normalised text, word boundaries,
/// sentences and numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Searchable {
    pub norm: Normalized,
    /// The `-` of the normalised text that were en or em dashes, by offset.
    dashes: Vec<(usize, Dash)>,
    words: Boundaries,
    pub sentences: Sentences,
    /// Every number of the normalised text, with its context.
    pub numbers: Vec<Number>,
}

impl Searchable {
    pub fn new(original: &str) -> Searchable {
        let norm = Normalized::new(original);
        let dashes: Vec<(usize, Dash)> = norm
            .text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'-')
            .map(|(i, _)| {
                let c = original[norm.origin_of(i)..].chars().next().unwrap_or('-');
                (i, Dash::of(c))
            })
            .filter(|&(_, d)| d != Dash::Hyphen)
            .collect();
        let dash = |i: usize| dash_at(&dashes, i);
        let words = Boundaries::new(&norm.text, dash);
        let sentences = Sentences::new(&norm.text, norm.line_breaks());
        let numbers = numbers(&norm.text);
        Searchable {
            norm,
            dashes,
            words,
            sentences,
            numbers,
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

    /// The numbers whose digits or number words a placement covers.
    pub fn numbers_in(&self, pieces: &[Range<usize>]) -> Vec<&Number> {
        self.numbers
            .iter()
            .filter(|n| {
                pieces
                    .iter()
                    .any(|p| n.core.start < p.end && n.core.end > p.start)
            })
            .collect()
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

/// One piece's occurrences under the rules, as sorted start offsets.
fn occurrences(source: &Searchable, piece: &str, rules: Rules, elided: bool) -> Vec<usize> {
    let text = &source.norm.text;
    let ok = |s: usize| {
        let e = s + piece.len();
        source.norm.is_boundary(s)
            && source.norm.is_boundary(e)
            && (!rules.words || (source.is_word_boundary(s) && source.is_word_boundary(e)))
            && (!(elided && rules.sentence) || source.sentences.within_one(&(s..e)))
    };
    let mut out = Vec::new();
    let mut pos = 0;
    let mut hits = 0;
    while pos <= text.len() {
        let Some(rel) = text[pos..].find(piece) else {
            return out;
        };
        let s = pos + rel;
        if ok(s) {
            out.push(s);
        }
        hits += 1;
        pos = s + text[s..].chars().next().map_or(1, char::len_utf8);
        if hits == FAST_HITS {
            // A piece this frequent may be periodic: finish in linear time.
            out.extend(kmp(text.as_bytes(), piece.as_bytes(), pos).filter(|&s| ok(s)));
            return out;
        }
    }
    out
}

/// Every start at or after `from` where `needle` occurs in `hay`
/// (overlapping occurrences included), by Knuth–Morris–Pratt. A UTF-8
/// needle can only match at a character boundary of UTF-8 text.
fn kmp<'a>(hay: &'a [u8], needle: &'a [u8], from: usize) -> impl Iterator<Item = usize> + 'a {
    let m = needle.len();
    let mut fail = vec![0usize; m];
    let mut k = 0;
    for i in 1..m {
        while k > 0 && needle[i] != needle[k] {
            k = fail[k - 1];
        }
        if needle[i] == needle[k] {
            k += 1;
        }
        fail[i] = k;
    }
    let mut q = 0;
    (from..hay.len()).filter_map(move |i| {
        if m == 0 {
            return None;
        }
        while q > 0 && hay[i] != needle[q] {
            q = fail[q - 1];
        }
        if hay[i] == needle[q] {
            q += 1;
        }
        if q == m {
            q = fail[m - 1];
            Some(i + 1 - m)
        } else {
            None
        }
    })
}

/// The character index of each of the sorted byte `positions` of `text`.
fn char_indices_at(text: &str, positions: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut out = Vec::new();
    let (mut byte, mut chars) = (0, 0);
    for p in positions {
        chars += text[byte..p].chars().count();
        byte = p;
        out.push(chars);
    }
    out
}

/// Up to `limit` placements under `rules`, in order.
fn placements(
    source: &Searchable,
    quote: &Quote,
    limit: usize,
    rules: Rules,
) -> Vec<Vec<Range<usize>>> {
    let pieces = &quote.pieces;
    if limit == 0 || pieces.is_empty() || pieces.iter().any(String::is_empty) {
        return Vec::new();
    }
    let text = &source.norm.text;
    let elided = pieces.len() > 1;
    let occ: Vec<Vec<usize>> = pieces
        .iter()
        .map(|p| occurrences(source, p, rules, elided))
        .collect();
    let k = pieces.len();
    // ways[j][x]: placements of pieces j.. with piece j at occ[j][x], capped
    // at `limit`; next[j][x]: the run of occ[j + 1] that may follow it.
    let mut ways: Vec<Vec<usize>> = vec![Vec::new(); k];
    let mut next: Vec<Vec<Range<usize>>> = vec![Vec::new(); k];
    ways[k - 1] = vec![1; occ[k - 1].len()];
    for j in (0..k - 1).rev() {
        let (len_a, len_b) = (pieces[j].len(), pieces[j + 1].len());
        let ends: Vec<usize> = occ[j].iter().map(|s| s + len_a).collect();
        let starts = &occ[j + 1];
        let ci_end = char_indices_at(text, ends.iter().copied());
        let ci_start = char_indices_at(text, starts.iter().copied());
        // Characters skipped between an end and a start, spaces at the ends
        // of the gap not counted.
        let gap = |a: usize, b: usize| -> usize {
            let (e, s) = (ends[a], starts[b]);
            if s <= e {
                return 0;
            }
            let chars = ci_start[b] - ci_end[a];
            let lead = text.as_bytes()[e] == b' ';
            let trail = text.as_bytes()[s - 1] == b' ';
            if chars == 1 && lead {
                0
            } else {
                chars - usize::from(lead) - usize::from(trail)
            }
        };
        let mut prefix = vec![0usize; starts.len() + 1];
        for (x, w) in ways[j + 1].iter().enumerate() {
            prefix[x + 1] = prefix[x] + w;
        }
        let mut w = Vec::with_capacity(ends.len());
        let mut runs = Vec::with_capacity(ends.len());
        for (a, &end) in ends.iter().enumerate() {
            let lo = starts.partition_point(|&s| s < end);
            // The last start the gap limit allows (the gap grows with the start).
            let (mut l, mut h) = (lo, starts.len());
            while l < h {
                let mid = (l + h) / 2;
                if gap(a, mid) <= MAX_GAP_CHARS {
                    l = mid + 1;
                } else {
                    h = mid;
                }
            }
            let hi = l;
            // The sentence (or, under looser rules, the line) of the piece.
            let limit_end = if rules.sentence {
                source.sentences.range(source.sentences.of(occ[j][a])).end
            } else {
                source
                    .norm
                    .next_line_break(end)
                    .map_or(text.len(), |b| b + len_b)
            };
            let hi = lo + starts[lo..hi].partition_point(|&s| s + len_b <= limit_end);
            w.push((prefix[hi] - prefix[lo]).min(limit));
            runs.push(lo..hi);
        }
        ways[j] = w;
        next[j] = runs;
    }
    // Enumerate placements in order, entering only runs that complete.
    let mut out = Vec::new();
    let mut path = Vec::with_capacity(k);
    let first: Vec<usize> = (0..occ[0].len()).collect();
    enumerate(
        &occ, pieces, &ways, &next, 0, &first, limit, &mut path, &mut out,
    );
    out
}

#[allow(clippy::too_many_arguments)]
fn enumerate(
    occ: &[Vec<usize>],
    pieces: &[String],
    ways: &[Vec<usize>],
    next: &[Vec<Range<usize>>],
    j: usize,
    candidates: &[usize],
    limit: usize,
    path: &mut Vec<Range<usize>>,
    out: &mut Vec<Vec<Range<usize>>>,
) {
    for &x in candidates {
        if out.len() >= limit {
            return;
        }
        if ways[j][x] == 0 {
            continue;
        }
        let s = occ[j][x];
        path.push(s..s + pieces[j].len());
        if j + 1 == occ.len() {
            out.push(path.clone());
        } else {
            let run: Vec<usize> = next[j][x].clone().collect();
            enumerate(occ, pieces, ways, next, j + 1, &run, limit, path, out);
        }
        path.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_in(source: &str, quote: &str) -> Match {
        find(&Searchable::new(source), &Quote::parse(quote))
    }

    fn unique_text(source: &str, quote: &str) -> Vec<String> {
        let s = Searchable::new(source);
        match find(&s, &Quote::parse(quote)) {
            Match::Unique(ranges) => ranges
                .into_iter()
                .map(|r| source[s.norm.original_range(r)].to_string())
                .collect(),
            other => panic!("expected a unique match, got {other:?}"),
        }
    }

    #[test]
    fn straight_quote_matches_curly_source() {
        let src = "He said \u{201C}we\u{2019}re done here\u{201D} and left.";
        assert_eq!(
            unique_text(src, "said \"we're done here\" and"),
            vec!["said \u{201C}we\u{2019}re done here\u{201D} and"]
        );
    }

    #[test]
    fn case_is_significant() {
        assert_eq!(
            find_in("The deal runs through 2032.", "the deal runs through"),
            Match::NotFound
        );
    }

    #[test]
    fn elision_matches_in_order() {
        let src = "Alpha beta gamma delta epsilon zeta eta theta iota kappa.";
        assert_eq!(
            unique_text(
                src,
                "Alpha beta gamma ... epsilon zeta eta [...] iota kappa."
            ),
            vec!["Alpha beta gamma", "epsilon zeta eta", "iota kappa."]
        );
        assert_eq!(
            find_in(src, "epsilon zeta eta ... Alpha beta gamma"),
            Match::NotFound
        );
    }

    #[test]
    fn elision_stays_in_one_sentence() {
        let src = "The board rejected the merger. Shareholders approved the dividend.";
        assert_eq!(
            find_in(src, "The board rejected ... approved the dividend."),
            Match::NotFound
        );
        assert_eq!(
            explain_miss(
                &Searchable::new(src),
                &Quote::parse("The board rejected ... approved the dividend.")
            ),
            Some(Miss::CrossesSentence { gap: 18..44 })
        );
        let src = "Alpha beta gamma\ndelta epsilon zeta";
        assert_eq!(
            find_in(src, "Alpha beta gamma ... delta epsilon zeta"),
            Match::NotFound
        );
        // A piece without elision may span a line break.
        assert_eq!(
            unique_text(src, "beta gamma delta epsilon"),
            vec!["beta gamma\ndelta epsilon"]
        );
    }

    #[test]
    fn pieces_start_and_end_on_word_boundaries() {
        let src = "The startup raised $1.5 billion in new funding. It was ineffective against it.";
        assert_eq!(find_in(src, "5 billion in new funding"), Match::NotFound);
        assert_eq!(
            explain_miss(
                &Searchable::new(src),
                &Quote::parse("5 billion in new funding")
            ),
            Some(Miss::CutsWord {
                word: 19..23,
                at_start: true
            })
        );
        assert_eq!(find_in(src, "effective against it."), Match::NotFound);
        assert_eq!(find_in(src, "The startup raised $1"), Match::NotFound);
        assert!(matches!(
            find_in(src, "raised $1.5 billion in"),
            Match::Unique(_)
        ));
    }

    #[test]
    fn elision_gap_is_bounded() {
        let filler = "x".repeat(MAX_GAP_CHARS + 1);
        let src = format!("one two three {filler} four five six");
        assert_eq!(
            find_in(&src, "one two three ... four five six"),
            Match::NotFound
        );
        let filler = "x".repeat(MAX_GAP_CHARS);
        let src = format!("one two three {filler} four five six");
        assert!(matches!(
            find_in(&src, "one two three ... four five six"),
            Match::Unique(_)
        ));
    }

    #[test]
    fn repeated_text_is_ambiguous() {
        let src = "the same four words. And the same four words.";
        assert!(matches!(
            find_in(src, "the same four words"),
            Match::Ambiguous(..)
        ));
        assert!(matches!(
            find_in(src, "And the same four words"),
            Match::Unique(_)
        ));
    }

    #[test]
    fn does_not_end_inside_an_ellipsis() {
        assert_eq!(
            find_in("and so it goes\u{2026} on", "and so it goes."),
            Match::NotFound
        );
        assert!(matches!(
            find_in("and so it goes\u{2026} on", "and so it goes..."),
            Match::Unique(_)
        ));
    }

    #[test]
    fn multibyte_text_near_the_gap_limit_does_not_panic() {
        // The first reproducer of issue 10: the gap window ended inside `é`.
        let src = format!(
            "alpha beta {}\u{e9} rest of the line with gamma delta.",
            "x".repeat(311)
        );
        assert_eq!(find_in(&src, "alpha beta ... gamma delta"), Match::NotFound);
    }

    #[test]
    fn periodic_pieces_are_counted_in_polynomial_time() {
        // 37 s with the former depth-first search.
        let src = "a ".repeat(2000);
        let q = Quote::parse("a a a ... a a a ... a a a ... a a a ... a a b");
        assert_eq!(find(&Searchable::new(&src), &q), Match::NotFound);
        let q = Quote::parse("a a a ... a a a ... a a a");
        assert!(matches!(
            find(&Searchable::new(&src), &q),
            Match::Ambiguous(..)
        ));
        assert_eq!(find_all(&Searchable::new(&src), &q, 5).len(), 5);
    }

    #[test]
    fn kmp_finds_overlapping_occurrences() {
        let found: Vec<usize> = kmp(b"aaaa", b"aa", 0).collect();
        assert_eq!(found, vec![0, 1, 2]);
        let found: Vec<usize> = kmp(b"abcabcab", b"cab", 1).collect();
        assert_eq!(found, vec![2, 5]);
    }

    #[test]
    fn counts_words() {
        assert_eq!(Quote::parse("a b ... c - d").word_count(), 4);
        assert_eq!(Quote::parse("$50 billion").word_count(), 2);
        assert!(Quote::parse("  ").has_empty_piece());
        assert!(!Quote::parse("... a b c d").has_empty_piece());
        assert_eq!(
            Quote::parse("The board ... approved the dividend.").short_piece(),
            Some(("The board", 2))
        );
        assert_eq!(Quote::parse("The board of directors").short_piece(), None);
    }
}
