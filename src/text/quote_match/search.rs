//! Finding the pieces of a quote in a source: every occurrence of each
//! piece (KMP over normalised characters), then the placements of all pieces
//! in order within the gap limit.

use super::*;

/// One piece's occurrences under the rules, as sorted start offsets.
pub(super) fn occurrences(
    source: &Searchable,
    piece: &str,
    rules: Rules,
    elided: bool,
) -> Vec<usize> {
    let text = &source.norm.text;
    let ok = |s: usize| {
        let e = s + piece.len();
        source.norm.is_boundary(s)
            && source.norm.is_boundary(e)
            && (!rules.words || (source.is_word_boundary(s) && source.is_word_boundary(e)))
            && (!(elided && rules.sentence) || source.sentences.within_one(&(s..e)))
    };
    starts(text, piece, ok)
}

/// Every start of `piece` in `text` that `ok` accepts, in order (overlapping
/// ones included). See [`starts_by_prefix`]: the searcher is built for the
/// piece's first [`PREFIX_BYTES`] bytes only, as building one costs time
/// linear in its needle and a piece is often long.
pub(super) fn starts(text: &str, piece: &str, ok: impl Fn(usize) -> bool) -> Vec<usize> {
    starts_by_prefix(text, piece, PREFIX_BYTES, ok)
}

/// The most bytes of a piece that [`starts`] gives `memmem`.
pub(super) const PREFIX_BYTES: usize = 32;

/// Every start of `piece` in `text` that `ok` accepts, in order (overlapping
/// ones included). The piece's first `prefix` bytes are found with `memmem`
/// (a UTF-8 piece's first byte starts a character, so each hit in UTF-8
/// text starts on one, however the prefix ends), and the whole piece is
/// compared at each hit. After [`FAST_HITS`] hits of the prefix (so at most
/// that many comparisons), the rest is searched by Knuth–Morris–Pratt, so
/// that a periodic text or piece costs O(n + m), not O(n·m).
pub(super) fn starts_by_prefix(
    text: &str,
    piece: &str,
    prefix: usize,
    ok: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let (hay, needle) = (text.as_bytes(), piece.as_bytes());
    let finder = memchr::memmem::Finder::new(&needle[..needle.len().min(prefix)]);
    let mut out = Vec::new();
    let mut pos = 0;
    let mut hits = 0;
    while pos <= hay.len() {
        let Some(rel) = finder.find(&hay[pos..]) else {
            return out;
        };
        let s = pos + rel;
        if hay[s..].starts_with(needle) && ok(s) {
            out.push(s);
        }
        hits += 1;
        pos = s + text[s..].chars().next().map_or(1, char::len_utf8);
        if hits == FAST_HITS {
            // A prefix this frequent may be periodic: finish in linear time.
            out.extend(kmp(hay, needle, pos).filter(|&s| ok(s)));
            return out;
        }
    }
    out
}

/// Every start at or after `from` where `needle` occurs in `hay`
/// (overlapping occurrences included), by Knuth–Morris–Pratt. A UTF-8
/// needle can only match at a character boundary of UTF-8 text.
pub(super) fn kmp<'a>(
    hay: &'a [u8],
    needle: &'a [u8],
    from: usize,
) -> impl Iterator<Item = usize> + 'a {
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
pub(super) fn char_indices_at(text: &str, positions: impl Iterator<Item = usize>) -> Vec<usize> {
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
pub(super) fn placements(
    source: &Searchable,
    quote: &Quote,
    limit: usize,
    rules: Rules,
) -> Vec<Vec<Range<usize>>> {
    match each_piece_occurs(source, quote, limit, rules) {
        // One piece: each occurrence is a placement (what `chained` gives
        // for one piece; a proptest holds the two equal).
        Some(occ) if quote.pieces.len() == 1 => {
            let len = quote.pieces[0].len();
            occ[0]
                .iter()
                .take(limit)
                .map(|&s| {
                    let piece = s..s + len;
                    vec![piece]
                })
                .collect()
        }
        Some(occ) => chained(source, &quote.pieces, &occ, limit, rules),
        None => Vec::new(),
    }
}

/// The occurrences of each piece of `quote` under `rules`, or `None` when
/// there is nothing to place (no piece, an empty piece, a limit of 0).
pub(super) fn each_piece_occurs(
    source: &Searchable,
    quote: &Quote,
    limit: usize,
    rules: Rules,
) -> Option<Vec<Vec<usize>>> {
    let pieces = &quote.pieces;
    if limit == 0 || pieces.is_empty() || pieces.iter().any(String::is_empty) {
        return None;
    }
    let elided = pieces.len() > 1;
    Some(
        pieces
            .iter()
            .map(|p| occurrences(source, p, rules, elided))
            .collect(),
    )
}

/// Up to `limit` placements of `pieces` (at least one, none empty), whose
/// occurrences are `occ`, in order: each piece after the one before within
/// the gap limit and the sentence (or, under looser rules, the line).
// Over 80 lines: the matcher's core loop over piece occurrences within the gap limit. Moved unchanged in the issue-13 redesign, so that
// branches that patch it can be ported; a split is a later, separate change.
pub(super) fn chained(
    source: &Searchable,
    pieces: &[String],
    occ: &[Vec<usize>],
    limit: usize,
    rules: Rules,
) -> Vec<Vec<Range<usize>>> {
    let text = &source.norm.text;
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
        occ, pieces, &ways, &next, 0, &first, limit, &mut path, &mut out,
    );
    out
}

#[allow(clippy::too_many_arguments)]
pub(super) fn enumerate(
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
