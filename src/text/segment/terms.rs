//! Terms that change what a sentence claims (qualifiers, conditions,
//! denials), found as whole lowercased words.

use super::*;

/// Words that negate, deny, hedge or make a statement conditional: an
/// elision may not skip them, and a quote should not stop just before a
/// condition or start just after a denial. Two-word entries are phrases.
pub const QUALIFIERS: &[&str] = &[
    "not",
    "no",
    "never",
    "cannot",
    "without",
    "neither",
    "nor",
    "deny",
    "denies",
    "denied",
    "denying",
    "reject",
    "rejects",
    "rejected",
    "rejecting",
    "false",
    "untrue",
    "unless",
    "except",
    "if",
    "only",
    "reportedly",
    "allegedly",
    "may",
    "might",
    "could",
    "up to",
    "at least",
    "about",
    "around",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "more than",
    "less than",
    "fewer than",
    "dispute",
    "disputes",
    "disputed",
    "disputing",
    "fail",
    "fails",
    "failed",
    "failing",
    "refuse",
    "refuses",
    "refused",
    "refusing",
    "against",
    "nobody",
    "none",
    "nothing",
    "nowhere",
    "but",
    "however",
    "although",
    "though",
    "yet",
    "instead",
    "rather",
    "contrary",
    "unlikely",
    "doubt",
    "doubts",
    "doubted",
    "dont",
    "doesnt",
    "didnt",
    "wont",
    "cant",
    "isnt",
    "arent",
    "wasnt",
    "werent",
    "couldnt",
    "shouldnt",
    "wouldnt",
    "hasnt",
    "havent",
    "hadnt",
    "unable",
    "hardly",
    "barely",
    "scarcely",
    "declined",
    "declines",
    "decline",
    "scrapped",
    "abandoned",
    "cancelled",
    "canceled",
    "halted",
    "stopped",
    "withdrew",
    "withdrawn",
    "ruled",
    "dropped",
    "vetoed",
    "blocked",
    "postponed",
    "delayed",
    "suspended",
    "lacks",
    "lacked",
    "myth",
    "baseless",
    "debunked",
    "disproved",
    "unfounded",
    "hoax",
    "rumor",
    "rumour",
    "assuming",
    "provided",
    "unproven",
    "hoped",
    "hopes",
    "pretended",
    "opposed",
    "wanted",
    "plans",
    "planned",
    "proposed",
    "considered",
    "would",
];

/// Words that make what follows a condition.
pub const CONDITIONS: &[&str] = &[
    "unless",
    "if",
    "except",
    "excepting",
    "provided",
    "as long as",
    "so long as",
    "subject to",
    "only if",
    "assuming",
    "on condition",
    "contingent",
    "depending on",
    "in the event",
    "in case",
];

/// Words that make a quote conditional when they stand before it in its
/// clause (`If turnout holds, 5 million voted`, where the quote starts at
/// `5`): [`CONDITIONS`] with `provided` and `on condition` only as
/// `provided that` and `on condition that` (and `providing that`, `on the
/// condition that`), since `figures provided by` and `spoke on condition of
/// anonymity` condition nothing; and `only if` found at its `if`.
pub static CONDITIONS_BEFORE: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| {
        CONDITIONS
            .iter()
            .copied()
            .filter(|t| !matches!(*t, "provided" | "on condition" | "only if"))
            .chain([
                "provided that",
                "providing that",
                "on condition that",
                "on the condition that",
            ])
            .collect()
    });

/// Words that make a condition only where they open a clause (`Should the
/// audit confirm it, …`, `Provided turnout holds, …`): elsewhere they are
/// a verb or a modal.
pub const CONDITION_OPENERS: &[&str] = &["should", "provided", "providing"];

/// Words that deny or negate what follows.
pub const DENIALS: &[&str] = &[
    "not",
    "no",
    "never",
    "cannot",
    "neither",
    "nor",
    "deny",
    "denies",
    "denied",
    "denying",
    "reject",
    "rejects",
    "rejected",
    "rejecting",
    "false",
    "untrue",
    "dispute",
    "disputes",
    "disputed",
    "fail",
    "failed",
    "refuse",
    "refused",
    "wrong",
    "incorrect",
    "nobody",
    "doubt",
    "doubts",
    "myth",
    "baseless",
    "debunked",
    "disproved",
    "unfounded",
    "hoax",
    "conspiracy",
    "rumor",
    "rumour",
    "unproven",
];

/// The lowercased words of `text`, hyphenated words split at their hyphens
/// (so that `up-to-$50` holds the phrase `up to`), each read as a reader
/// sees it ([`fold`](crate::text::letters::fold): `nоt` with a Cyrillic о
/// and fullwidth `ｉｆ` are `not` and `if`).
pub fn lower_words(text: &str) -> Vec<String> {
    lower_words_at(text).into_iter().map(|(_, w)| w).collect()
}

/// [`lower_words`], each with its byte range in `text`.
pub fn lower_words_at(text: &str) -> Vec<(Range<usize>, String)> {
    words(text)
        .into_iter()
        .flat_map(|r| {
            let mut at = r.start;
            text[r]
                .split('-')
                .map(|w| {
                    let range = at..at + w.len();
                    at = range.end + 1;
                    (range, crate::text::letters::fold(w))
                })
                .collect::<Vec<_>>()
        })
        .filter(|(_, w)| !w.is_empty())
        .collect()
}

/// The entries of `list` that occur in `words` (as a word, a phrase of
/// consecutive words, or for `not` also the suffix `n't`), in list order.
pub fn find_terms(words: &[String], list: &[&'static str]) -> Vec<&'static str> {
    let mut out = Vec::new();
    for &term in list {
        let len = term.bytes().filter(|&b| b == b' ').count() + 1;
        let found = if len == 1 {
            words.iter().any(|w| w == term)
        } else {
            words
                .windows(len)
                .any(|w| w.iter().map(String::as_str).eq(term.split(' ')))
        } || (term == "not" && words.iter().any(|w| w.ends_with("n't")));
        if found {
            out.push(term);
        }
    }
    out
}
