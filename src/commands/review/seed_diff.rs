//! The word diff of one seed, cut into regions of changed text with a few
//! words of context.

use super::*;

/// The changed regions of a seed: lines first, then words within each
/// changed block of lines, without any time budget; sizes are bounded by
/// [`MAX_DIFF_BYTES`], [`MAX_DIFF_LINES`] and [`MAX_HUNK_BYTES`] instead.
pub(super) fn seed_diff(old: &str, new: &str) -> SeedDiff {
    if old.len() + new.len() > MAX_DIFF_BYTES || line_count(old) + line_count(new) > MAX_DIFF_LINES
    {
        return SeedDiff {
            regions: vec![Region {
                old: 0..old.len(),
                new: 0..new.len(),
                runs: Vec::new(),
            }],
            inserted: Vec::new(),
            too_large: true,
        };
    }
    let diff = similar::TextDiff::from_lines(old, new);
    // Where each line the diff split off begins (its own idea of a line:
    // `\n`, `\r\n` or a lone `\r`), and the end.
    let starts = |lines: &mut dyn Iterator<Item = &str>| {
        let mut at = vec![0];
        for l in lines {
            at.push(at[at.len() - 1] + l.len());
        }
        at
    };
    let old_lines = starts(&mut diff.iter_old_slices());
    let new_lines = starts(&mut diff.iter_new_slices());
    let mut out = SeedDiff::default();
    let mut word_diff_left = MAX_WORD_DIFF_BYTES;
    for group in diff.grouped_ops(0) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let o = old_lines[first.old_range().start]..old_lines[last.old_range().end];
        let n = new_lines[first.new_range().start]..new_lines[last.new_range().end];
        let (os, ns) = (&old[o.clone()], &new[n.clone()]);
        let size = os.len() + ns.len();
        let runs = if size > MAX_HUNK_BYTES || size > word_diff_left {
            vec![
                (ChangeTag::Delete, os.to_string()),
                (ChangeTag::Insert, ns.to_string()),
            ]
        } else {
            word_diff_left -= size;
            crate::text::near_miss::runs(os, ns)
        };
        regions_of(&runs, o.start, n.start, &mut out);
    }
    out
}

/// Splits a block's word diff into regions (changes separated by more than
/// twice [`CONTEXT_WORDS`] unchanged words), each with trimmed context.
pub(super) fn regions_of(
    runs: &[(ChangeTag, String)],
    old_at: usize,
    new_at: usize,
    out: &mut SeedDiff,
) {
    let words = |s: &str| s.split_whitespace().count();
    let (mut o, mut n) = (old_at, new_at);
    let mut current: Option<Region> = None;
    for (i, (tag, text)) in runs.iter().enumerate() {
        let len = text.len();
        match tag {
            ChangeTag::Equal => {
                let next_change = i + 1 < runs.len();
                match current.as_mut() {
                    Some(r) if next_change && words(text) <= 2 * CONTEXT_WORDS => {
                        r.runs.push((*tag, text.clone()));
                    }
                    Some(_) => {
                        let mut r = current.take().unwrap_or_else(|| unreachable!());
                        r.runs.push((*tag, head_words(text, CONTEXT_WORDS)));
                        out.regions.push(r);
                    }
                    None => {}
                }
                if current.is_none() && next_change {
                    // Context for the next change, which is where the
                    // region's ranges begin.
                    current = Some(Region {
                        old: o + len..o + len,
                        new: n + len..n + len,
                        runs: vec![(ChangeTag::Equal, tail_words(text, CONTEXT_WORDS))],
                    });
                }
                o += len;
                n += len;
            }
            ChangeTag::Delete | ChangeTag::Insert => {
                let r = current.get_or_insert_with(|| Region {
                    old: o..o,
                    new: n..n,
                    runs: Vec::new(),
                });
                r.runs.push((*tag, text.clone()));
                if *tag == ChangeTag::Delete {
                    o += len;
                } else {
                    out.inserted.push(n..n + len);
                    n += len;
                }
                r.old.end = o;
                r.new.end = n;
            }
        }
    }
    if let Some(r) = current {
        out.regions.push(r);
    }
}

/// The first `n` words of `text`, then `…` if there were more.
pub(super) fn head_words(text: &str, n: usize) -> String {
    let ends: Vec<usize> = text
        .char_indices()
        .filter(|&(i, c)| {
            !c.is_whitespace()
                && text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    if n > 0 && ends.len() > n {
        format!("{} …", &text[..ends[n - 1]])
    } else {
        text.to_string()
    }
}

/// `…` and the last `n` words of `text`, or all of it if no longer.
pub(super) fn tail_words(text: &str, n: usize) -> String {
    let starts: Vec<usize> = text
        .char_indices()
        .filter(|&(i, c)| {
            !c.is_whitespace()
                && text[..i]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace)
        })
        .map(|(i, _)| i)
        .collect();
    if starts.len() > n {
        format!("… {}", &text[starts[starts.len() - n]..])
    } else {
        text.to_string()
    }
}

/// A region's word diff as shown: long changed runs are cut, and line
/// breaks inside a change are shown as `⏎`.
pub(super) fn shown_runs(region: &Region) -> Vec<(ChangeTag, String)> {
    region
        .runs
        .iter()
        .map(|(tag, text)| {
            if *tag == ChangeTag::Equal {
                return (*tag, text.clone());
            }
            let (lead, word, trail) = split_space(text);
            let chars = word.chars().count();
            let mut word = word.to_string();
            if chars > MAX_RUN_CHARS {
                let cut: String = word.chars().take(MAX_RUN_CHARS).collect();
                word = format!("{cut} … ({} more characters)", chars - MAX_RUN_CHARS);
            }
            (*tag, format!("{lead}{}{trail}", word.replace('\n', " ⏎ ")))
        })
        .collect()
}
