//! Finding a quote in a normalised source.
//!
//! A quote is normalised (see [`crate::normalize`]) and trimmed. An elision
//! marker — ` ... ` (which is also what ` … ` normalises to) or ` [...] ` —
//! splits it into pieces. The pieces must occur in the source in order, without
//! overlap; the text skipped between two pieces holds no line break of the
//! source and is at most [`MAX_GAP_CHARS`] characters long.
//!
//! A quote must match exactly one place: the matcher reports how many distinct
//! placements exist (stopping at two), and the caller treats anything but one
//! as an error. Each piece is found with `str::find`, a linear-time substring
//! search; every piece starts and ends on a boundary of the original text.

use crate::normalize::{Normalized, normalize};
use std::ops::Range;

/// The most characters one elision may skip.
pub const MAX_GAP_CHARS: usize = 300;
/// The fewest words a quote may have.
pub const MIN_WORDS: usize = 4;

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
        self.pieces
            .iter()
            .flat_map(|p| p.split(' '))
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    }

    /// Whether some piece is empty (a quote that is only an elision, or one
    /// that starts or ends with one).
    pub fn has_empty_piece(&self) -> bool {
        self.pieces.iter().any(String::is_empty)
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

/// Finds `quote` in `source`.
pub fn find(source: &Normalized, quote: &Quote) -> Match {
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
pub fn find_all(source: &Normalized, quote: &Quote, limit: usize) -> Vec<Vec<Range<usize>>> {
    let mut found = Vec::new();
    let mut path = Vec::with_capacity(quote.pieces.len());
    search(source, &quote.pieces, 0, None, limit, &mut path, &mut found);
    found
}

/// Depth-first search over placements of `pieces`, stopping at `limit`.
/// `after` is the end of the previous piece, `None` for the first piece.
fn search(
    source: &Normalized,
    pieces: &[String],
    from: usize,
    after: Option<usize>,
    limit_found: usize,
    path: &mut Vec<Range<usize>>,
    found: &mut Vec<Vec<Range<usize>>>,
) {
    let Some((piece, rest)) = pieces.split_first() else {
        found.push(path.clone());
        return;
    };
    if piece.is_empty() {
        return;
    }
    let text = &source.text;
    // For a later piece, only look within the gap allowance.
    let limit = match after {
        None => text.len(),
        Some(prev_end) => {
            // The skipped text plus the spaces on either side of it.
            let gap_end = advance_chars(text, prev_end, MAX_GAP_CHARS + 2);
            (gap_end + piece.len()).min(text.len())
        }
    };
    let mut pos = from;
    while found.len() < limit_found && pos <= limit {
        let Some(rel) = text[pos..limit].find(piece.as_str()) else {
            break;
        };
        let start = pos + rel;
        let end = start + piece.len();
        pos = start + text[start..].chars().next().map_or(1, char::len_utf8);
        if !source.is_boundary(start) || !source.is_boundary(end) {
            continue;
        }
        if let Some(prev_end) = after {
            // The gap is the skipped text, excluding the spaces around the
            // marker. It must not cross a line break.
            if start < prev_end || source.has_line_break(prev_end..start) {
                continue;
            }
            let skipped = text[prev_end..start].trim().chars().count();
            if skipped > MAX_GAP_CHARS {
                break;
            }
        }
        path.push(start..end);
        search(source, rest, end, Some(end), limit_found, path, found);
        path.pop();
    }
}

fn advance_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_in(source: &str, quote: &str) -> Match {
        find(&Normalized::new(source), &Quote::parse(quote))
    }

    fn unique_text(source: &str, quote: &str) -> Vec<String> {
        let n = Normalized::new(source);
        match find(&n, &Quote::parse(quote)) {
            Match::Unique(ranges) => ranges
                .into_iter()
                .map(|r| source[n.original_range(r)].to_string())
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
        let src = "Alpha beta gamma delta epsilon zeta eta theta.";
        assert_eq!(
            unique_text(src, "Alpha beta ... epsilon zeta [...] theta."),
            vec!["Alpha beta", "epsilon zeta", "theta."]
        );
        assert_eq!(find_in(src, "epsilon zeta ... Alpha beta"), Match::NotFound);
    }

    #[test]
    fn elision_does_not_cross_line_breaks() {
        let src = "Alpha beta gamma\ndelta epsilon zeta";
        assert_eq!(find_in(src, "Alpha beta ... epsilon zeta"), Match::NotFound);
        // A piece itself may span a line break.
        assert_eq!(
            unique_text(src, "beta gamma delta epsilon"),
            vec!["beta gamma\ndelta epsilon"]
        );
    }

    #[test]
    fn elision_gap_is_bounded() {
        let filler = "x".repeat(MAX_GAP_CHARS + 1);
        let src = format!("one two {filler} three four");
        assert_eq!(find_in(&src, "one two ... three four"), Match::NotFound);
        let filler = "x".repeat(MAX_GAP_CHARS);
        let src = format!("one two {filler} three four");
        assert!(matches!(
            find_in(&src, "one two ... three four"),
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
    fn counts_words() {
        assert_eq!(Quote::parse("a b ... c - d").word_count(), 4);
        assert_eq!(Quote::parse("$50 billion").word_count(), 2);
        assert!(Quote::parse("  ").has_empty_piece());
        assert!(!Quote::parse("... a b c d").has_empty_piece());
    }
}
