//! "Did you mean …?" suggestions.

/// The candidate closest to `word` by edit distance, if it is close enough
/// to be a likely typo (at most a third of the word's length). Ties go to
/// the candidate that sorts first.
///
/// Linear in the number of candidates whatever `word` is: a word longer
/// than [`MAX_WORD`] characters is no typo and gets no suggestion; a
/// candidate whose length differs from the word's by more than the limit
/// cannot be close enough and is skipped without comparing; and only the
/// cells within the limit of the diagonal are computed.
///
/// Why not `strsim::levenshtein` (in the lockfile through clap): it has no
/// bound, so it computes every cell, quadratic in the lengths for each of
/// possibly thousands of candidates; the band here keeps the hostile
/// reference cases of `tests.rs` fast. The distance is the same.
pub fn closest_word<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    if word.chars().nth(MAX_WORD).is_some() {
        return None;
    }
    let word: Vec<char> = word.chars().collect();
    let limit = (word.len() / 3).max(1);
    candidates
        .into_iter()
        .filter_map(|c| {
            // Counting stops past the longest length that can be close.
            let c_len = c.chars().take(word.len() + limit + 1).count();
            if c_len.abs_diff(word.len()) > limit {
                return None;
            }
            bounded_distance(&word, c, limit).map(|d| (d, c))
        })
        .min()
        .map(|(_, c)| c)
}

/// The longest word for which a close candidate is looked for.
pub const MAX_WORD: usize = 200;

/// The "did you mean" help for an unknown `word`: the closest candidate,
/// else the list of candidates, else `otherwise` when there are none.
pub fn help<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
    otherwise: &str,
) -> String {
    match closest_word(word, candidates.clone()) {
        Some(c) => format!("did you mean `{c}`?"),
        None => {
            let all: Vec<&str> = candidates.into_iter().collect();
            if all.is_empty() {
                otherwise.to_string()
            } else {
                format!("use one of: {}", all.join(", "))
            }
        }
    }
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    bounded_distance(&a, b, usize::MAX).unwrap_or(usize::MAX)
}

/// The Levenshtein distance of `a` and `b` if it is at most `limit`.
/// Only the cells within `limit` of the diagonal can be that close, so only
/// they are computed: O(len × limit) time.
fn bounded_distance(a: &[char], b: &str, limit: usize) -> Option<usize> {
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    const FAR: usize = usize::MAX / 2;
    let mut row: Vec<usize> = (0..=b.len())
        .map(|j| if j <= limit { j } else { FAR })
        .collect();
    for (i, &ca) in a.iter().enumerate() {
        let i = i + 1;
        let lo = i.saturating_sub(limit).max(1);
        let hi = i.saturating_add(limit).min(b.len());
        // row[lo - 1] is left of the band: its value is from the previous
        // row (or the first column).
        let mut prev = row[lo - 1];
        row[lo - 1] = if lo == 1 && i <= limit { i } else { FAR };
        let mut best = row[lo - 1];
        for j in lo..=hi {
            let cur = row[j];
            let v = (prev + usize::from(ca != b[j - 1]))
                .min(row[j - 1] + 1)
                .min(cur + 1);
            row[j] = v.min(FAR);
            best = best.min(row[j]);
            prev = cur;
        }
        if hi < b.len() {
            row[hi + 1] = FAR;
        }
        if best > limit {
            return None;
        }
    }
    let d = row[b.len()];
    (d <= limit).then_some(d)
}

/// `s` in lowercase kebab-case: ASCII letters and digits kept (lowercased),
/// every other run of characters one hyphen, none at the ends. Empty when
/// `s` has no ASCII letter or digit.
pub fn to_kebab(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Whether `s` is lowercase kebab-case: `a-z`/`0-9` words joined by single hyphens.
pub fn is_kebab(s: &str) -> bool {
    // One pass over the bytes: a hyphen may not start or end the id, nor
    // follow another (no empty word).
    let mut prev = b'-';
    for &b in s.as_bytes() {
        if b == b'-' {
            if prev == b'-' {
                return false;
            }
        } else if !(b.is_ascii_lowercase() || b.is_ascii_digit()) {
            return false;
        }
        prev = b;
    }
    prev != b'-'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "ab"), 2);
    }

    #[test]
    fn the_bounded_distance_agrees_with_the_full_one() {
        let words = [
            "",
            "a",
            "ab",
            "kitten",
            "sitting",
            "saturday",
            "sunday",
            "licence-2032",
            "license-2032",
            "abcdef",
            "fedcba",
            "zzzzzz",
        ];
        for a in words {
            for b in words {
                let full = edit_distance(a, b);
                let a_chars: Vec<char> = a.chars().collect();
                for limit in 0..8 {
                    assert_eq!(
                        bounded_distance(&a_chars, b, limit),
                        (full <= limit).then_some(full),
                        "{a} {b} {limit}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_huge_unknown_word_gets_no_suggestion() {
        // Compared in full, 200,000 characters against ids of their
        // own length would take hours; a word this long is no typo.
        let word = "x".repeat(200_000);
        let ids: Vec<String> = (0..50)
            .map(|i| format!("{}{i}", "x".repeat(199_995)))
            .collect();
        assert_eq!(closest_word(&word, ids.iter().map(String::as_str)), None);
        let word = "x".repeat(MAX_WORD);
        let near = format!("{}y", "x".repeat(MAX_WORD - 1));
        assert_eq!(closest_word(&word, [near.as_str()]), Some(near.as_str()));
        assert_eq!(closest_word(&format!("{word}x"), [near.as_str()]), None);
    }

    #[test]
    fn a_huge_unknown_id_among_many_facts_is_answered_at_once() {
        // The case from issue 11: a 200 KB unknown `[^id]` in a project of
        // 6,000 facts took 12 s in a release build, comparing in full.
        let word = "x".repeat(200_000);
        let ids: Vec<String> = (0..6000).map(|i| format!("fact-number-{i}")).collect();
        assert_eq!(closest_word(&word, ids.iter().map(String::as_str)), None);
    }

    #[test]
    fn help_lists_candidates_or_says_what_to_do_when_there_are_none() {
        assert_eq!(
            help("dailx", ["daily", "report"], "add one"),
            "did you mean `daily`?"
        );
        assert_eq!(
            help("zzz", ["daily", "report"], "add one"),
            "use one of: daily, report"
        );
        assert_eq!(help("zzz", [], "add one"), "add one");
    }

    #[test]
    fn suggests_close_ids_only() {
        let ids = ["license-through-2032", "revenue-cap"];
        assert_eq!(
            closest_word("licence-through-2032", ids),
            Some("license-through-2032")
        );
        assert_eq!(closest_word("something-else", ids), None);
    }

    #[test]
    fn kebab_case() {
        assert!(is_kebab("a-b-2032"));
        for bad in [
            "", "A-b", "a--b", "-a", "a-", "a_b", "a b", "<script>", "../x",
        ] {
            assert!(!is_kebab(bad), "{bad}");
        }
    }

    /// `is_kebab` as it was, by splitting: the reference.
    fn is_kebab_by_splitting(s: &str) -> bool {
        !s.is_empty()
            && s.split('-').all(|w| {
                !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
    }

    proptest::proptest! {
        #[test]
        fn is_kebab_matches_the_splitting_reference(
            s in proptest::prop_oneof!["[-a-z0-9]{0,12}", "[-a-z0-9A-Z_ é.]{0,12}"]
        ) {
            proptest::prop_assert_eq!(is_kebab(&s), is_kebab_by_splitting(&s), "{:?}", s);
        }
    }
}
