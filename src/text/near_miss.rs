//! When a quote is not found: the closest passage of the source, a word diff
//! against the quote, and the likely cause.
//!
//! The search is linear in the source: a window as long as the quote (in
//! words) slides over the source's words, keeping a running count of the
//! quote's words it contains. The best window is then widened or narrowed by
//! up to [`SLACK`] words at each end to maximise the word-level similarity.
//!
//! The work is bounded by counts, never by a clock, so the same input gives
//! the same diagnostic on any machine under any load: the window is refined
//! only for quotes of at most [`REFINE_MAX_TOKENS`] tokens, and a word diff
//! is computed only for texts of at most [`DIFF_MAX_TOKENS`] tokens.

use crate::text::normalize::Normalized;
use crate::text::numbers::numbers;
use similar::{ChangeTag, TextDiff};
use std::collections::HashMap;
use std::ops::Range;

/// How many words each end of the best window may move when refining it.
const SLACK: usize = 3;
/// The longest quote, in diff tokens, whose passage is refined (each of the
/// at most 49 refinements is one diff).
pub const REFINE_MAX_TOKENS: usize = 400;
/// The longest pair of texts, in diff tokens together, that is diffed; a
/// Myers diff takes O((N + M) · D) steps, so this bounds it by a count.
pub const DIFF_MAX_TOKENS: usize = 4_000;

/// The closest passage to a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearMiss {
    /// The passage, as a range of the normalised source.
    pub range: Range<usize>,
    /// The word diff from the passage to the quote: `[-source-]{+quote+}`.
    pub diff: String,
    /// The likely cause, when one of the known ones applies.
    pub cause: Option<String>,
}

/// Words of a normalised text (single spaces) with their byte ranges.
fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c == ' ', start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// Finds the passage of `source` closest to `quote` (a normalised quote
/// piece), if at least a third of the quote's words are there.
// Over 80 lines: the near-miss search for one quote. Moved unchanged in the issue-13 redesign, so that
// branches that patch it can be ported; a split is a later, separate change.
pub fn closest(source: &Normalized, quote: &str) -> Option<NearMiss> {
    let text = &source.text;
    let s_words = words(text);
    let q_words: Vec<&str> = words(quote).into_iter().map(|r| &quote[r]).collect();
    let m = q_words.len();
    if m == 0 || s_words.is_empty() {
        return None;
    }
    let mut need: HashMap<&str, i32> = HashMap::new();
    for w in &q_words {
        *need.entry(w).or_insert(0) += 1;
    }
    // Sliding window of m words: `have` counts window words, `matched` is
    // the size of the multiset intersection with the quote.
    let mut have: HashMap<&str, i32> = HashMap::new();
    let mut matched = 0i32;
    let (mut best, mut best_start) = (-1i32, 0usize);
    for (i, r) in s_words.iter().enumerate() {
        let w = &text[r.clone()];
        let h = have.entry(w).or_insert(0);
        *h += 1;
        if *h <= *need.get(w).unwrap_or(&0) {
            matched += 1;
        }
        if i >= m {
            let old = &text[s_words[i - m].clone()];
            let h = have.entry(old).or_insert(0);
            if *h <= *need.get(old).unwrap_or(&0) {
                matched -= 1;
            }
            *h -= 1;
        }
        let start = (i + 1).saturating_sub(m);
        if matched > best {
            best = matched;
            best_start = start;
        }
    }
    if (best as usize) * 3 < m || best < 2 {
        return None;
    }
    // Punctuation at either end of a passage that the quote does not have
    // at that end is not part of the passage.
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let (trim_end, trim_start) = (alnum(quote.chars().last()), alnum(quote.chars().next()));
    let trim = |mut range: Range<usize>| {
        if trim_end {
            let kept = text[range.clone()]
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .len();
            range.end = range.start + kept;
        }
        if trim_start {
            let slice = &text[range.clone()];
            range.start += slice.len()
                - slice
                    .trim_start_matches(|c: char| !c.is_alphanumeric())
                    .len();
        }
        range
    };
    // Refine both ends for the best similarity, over the diff's tokens; a
    // very long quote gets the best window as is.
    let q_tokens = tokens(quote);
    let refine = q_tokens.len() <= REFINE_MAX_TOKENS;
    let best_end = (best_start + m).min(s_words.len());
    let mut chosen = (
        s_words[best_start].start..s_words[best_end - 1].end,
        -1.0f32,
    );
    for a in best_start.saturating_sub(SLACK)..=(best_start + SLACK).min(best_end - 1) {
        for b in best_end.saturating_sub(SLACK).max(a + 1)..=(best_end + SLACK).min(s_words.len()) {
            let range = trim(s_words[a].start..s_words[b - 1].end);
            if range.is_empty() || (chosen.1 >= 0.0 && !refine) {
                continue;
            }
            let ratio = TextDiff::configure()
                .diff_slices(&tokens(&text[range.clone()]), &q_tokens)
                .ratio();
            if ratio > chosen.1 {
                chosen = (range, ratio);
            }
        }
    }
    let range = chosen.0;
    let passage = &text[range.clone()];
    Some(NearMiss {
        range,
        diff: word_diff(passage, quote),
        cause: cause(passage, quote),
    })
}

/// Splits text into diff tokens: runs of letters and digits, runs of
/// whitespace, and single other characters, so that `Tuesday,` and
/// `Tuesday` share their word.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let kind = |c: char| {
        if c.is_alphanumeric() {
            0
        } else if c.is_whitespace() {
            1
        } else {
            2
        }
    };
    let mut prev: Option<u8> = None;
    for (i, c) in text.char_indices() {
        let k = kind(c);
        if i > start && (prev != Some(k) || k == 2) {
            out.push(&text[start..i]);
            start = i;
        }
        prev = Some(k);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The diff from `source` to `quote` as runs of (tag, text), over words,
/// spaces and single punctuation marks. Shared by the near-miss word diff
/// and the Markdown diffs of `sourced review`. Texts of more than
/// [`DIFF_MAX_TOKENS`] tokens together are given as one deletion and one
/// insertion (the common prefix and suffix kept), so the work is bounded.
pub fn runs(source: &str, quote: &str) -> Vec<(ChangeTag, String)> {
    let (a, b) = (tokens(source), tokens(quote));
    if a.len() + b.len() > DIFF_MAX_TOKENS {
        let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let suffix = a[prefix..]
            .iter()
            .rev()
            .zip(b[prefix..].iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let mut out = Vec::new();
        for (tag, part) in [
            (ChangeTag::Equal, &a[..prefix]),
            (ChangeTag::Delete, &a[prefix..a.len() - suffix]),
            (ChangeTag::Insert, &b[prefix..b.len() - suffix]),
            (ChangeTag::Equal, &a[a.len() - suffix..]),
        ] {
            if !part.is_empty() {
                out.push((tag, part.concat()));
            }
        }
        return out;
    }
    let diff = TextDiff::configure().diff_slices(&a, &b);
    let mut out: Vec<(ChangeTag, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        let v = change.value();
        match out.last_mut() {
            Some((tag, text)) if *tag == change.tag() => text.push_str(v),
            _ => out.push((change.tag(), v.to_string())),
        }
    }
    out
}

/// `[-removed-]{+added+}` word diff from `source` to `quote`.
pub fn word_diff(source: &str, quote: &str) -> String {
    let mut out = String::new();
    for (tag, text) in runs(source, quote) {
        match tag {
            ChangeTag::Equal => out.push_str(&text),
            ChangeTag::Delete => out.push_str(&format!("[-{text}-]")),
            ChangeTag::Insert => out.push_str(&format!("{{+{text}+}}")),
        }
    }
    out
}

/// The likely cause of a near miss, in words.
pub fn cause(source: &str, quote: &str) -> Option<String> {
    if source.to_lowercase() == quote.to_lowercase() {
        return Some("the case differs; case is significant".into());
    }
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    for (tag, text) in runs(source, quote) {
        let text = text.trim().to_string();
        match tag {
            ChangeTag::Delete if !text.is_empty() => removed.push(text),
            ChangeTag::Insert if !text.is_empty() => added.push(text),
            _ => {}
        }
    }
    let (removed, added) = (removed.join(" "), added.join(" "));
    let nums = |s: &str| numbers(s).into_iter().map(|n| n.value).collect::<Vec<_>>();
    let without_digits = |s: &str| {
        s.chars()
            .filter(|c| !c.is_ascii_digit() && *c != ',' && *c != '.')
            .collect::<String>()
    };
    if !nums(&added).is_empty()
        && nums(&removed) != nums(&added)
        && without_digits(&removed) == without_digits(&added)
    {
        return Some(format!(
            "a number differs: the source says `{removed}`, the quote says `{added}`"
        ));
    }
    let letters = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    if letters(source) == letters(quote) {
        let (s, q) = first_difference(source, quote)?;
        return Some(format!(
            "a typographic variant outside the normalisation: the source has `{s}` (U+{:04X}) where the quote has `{q}` (U+{:04X})",
            s as u32, q as u32
        ));
    }
    match (removed.is_empty(), added.is_empty()) {
        (true, false) => Some(format!(
            "the quote has words the source does not: `{added}`"
        )),
        (false, true) => Some(format!(
            "the quote leaves out words of the source: `{removed}` (mark a cut with ` ... `)"
        )),
        _ => None,
    }
}

fn first_difference(a: &str, b: &str) -> Option<(char, char)> {
    a.chars().zip(b.chars()).find(|(x, y)| x != y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize;

    const SOURCE: &str = "Intro line here.\nThe council approved a budget of $4.5 million for 2031 on Tuesday, after three months of debate.\nThe library will reopen in March.";

    fn miss(quote: &str) -> NearMiss {
        let n = Normalized::new(SOURCE);
        closest(&n, &normalize(quote)).expect("a near miss")
    }

    #[test]
    fn finds_the_passage_and_diffs_a_changed_word() {
        let m = miss("The council approved the budget of $4.5 million for 2031");
        let n = Normalized::new(SOURCE);
        assert_eq!(
            &n.text[m.range.clone()],
            "The council approved a budget of $4.5 million for 2031"
        );
        assert_eq!(
            m.diff,
            "The council approved [-a-]{+the+} budget of $4.5 million for 2031"
        );
    }

    #[test]
    fn names_a_changed_number() {
        let m = miss("approved a budget of $4.5 million for 2032 on Tuesday");
        assert_eq!(
            m.cause.as_deref(),
            Some("a number differs: the source says `2031`, the quote says `2032`")
        );
    }

    #[test]
    fn names_case_missing_and_extra_words() {
        assert_eq!(
            miss("the council approved a budget of $4.5 million")
                .cause
                .as_deref(),
            Some("the case differs; case is significant")
        );
        assert_eq!(
            miss("The council approved a budget of $4.5 million for 2031 on Tuesday night")
                .cause
                .as_deref(),
            Some("the quote has words the source does not: `night`")
        );
        assert_eq!(
            miss("The council approved a budget of $4.5 million for 2031 after three months")
                .cause
                .as_deref(),
            Some(
                "the quote leaves out words of the source: `on Tuesday,` (mark a cut with ` ... `)"
            )
        );
    }

    #[test]
    fn names_a_typographic_variant() {
        let m = miss("The library will reopen in March\u{2024}");
        assert!(m.cause.unwrap().starts_with("a typographic variant outside the normalisation: the source has `.` (U+002E) where the quote has `\u{2024}` (U+2024)"));
    }

    #[test]
    fn nothing_close_gives_none() {
        let n = Normalized::new(SOURCE);
        assert_eq!(closest(&n, "completely unrelated words appear here"), None);
    }
}
