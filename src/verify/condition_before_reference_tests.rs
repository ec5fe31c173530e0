//! [`condition_before`]: examples, and a proptest against a slow reference
//! that reads the definition off whole texts (`;` splits, `,` splits,
//! [`find_terms`] over the words) instead of word by word.

use super::*;

/// The term [`condition_before`] finds, and the text from it on.
fn found(before: &str) -> Option<(&'static str, &str)> {
    condition_before(before).map(|(term, at)| (term, &before[at..]))
}

#[test]
fn a_condition_before_the_quote_in_its_clause_is_found() {
    assert_eq!(
        found("Officials said if turnout holds, "),
        Some(("if", "if turnout holds, "))
    );
    assert_eq!(found("Officials said unless "), Some(("unless", "unless ")));
    assert_eq!(
        found("Unless the recount changes it, officials said "),
        Some(("unless", "Unless the recount changes it, officials said "))
    );
    assert_eq!(
        found("Provided that the audit confirms it, "),
        Some(("provided that", "Provided that the audit confirms it, "))
    );
    assert_eq!(
        found("The count, provided that the audit confirms it,\n"),
        Some(("provided that", "provided that the audit confirms it,\n"))
    );
    assert_eq!(
        found("Should the audit confirm it, "),
        Some(("should", "Should the audit confirm it, "))
    );
    assert_eq!(
        found("However, should it hold, "),
        Some(("should", "should it hold, "))
    );
    assert_eq!(
        found("Provided turnout holds, "),
        Some(("provided", "Provided turnout holds, "))
    );
    assert_eq!(
        found("The plan, subject to approval, "),
        Some(("subject to", "subject to approval, "))
    );
    assert_eq!(
        found("As long as it holds "),
        Some(("as long as", "As long as it holds "))
    );
    // The first of several, with a hyphenated word read as its parts.
    assert_eq!(
        found("a non-if and unless "),
        Some(("if", "if and unless "))
    );
}

#[test]
fn words_that_condition_nothing_are_not_conditions() {
    // In an earlier clause, or paragraph (a headline without a full stop).
    assert_eq!(found("We will see if it holds; "), None);
    assert_eq!(found("Roads plan at risk if grant falls through\n\n"), None);
    // Not a condition, or not opening a clause.
    assert_eq!(
        found("A spokesman, who spoke on condition of anonymity, said "),
        None
    );
    assert_eq!(found("Figures provided by the board show "), None);
    assert_eq!(found("Officials said they should know "), None);
    // Not the word.
    assert_eq!(found("An iffy, unlessened, incase count showed "), None);
    assert_eq!(found(""), None);
}

/// Whether the definition finds a condition in `before`, read off the whole
/// clause: a term of [`CONDITIONS_BEFORE`] among its words, or an opener
/// as the first word of a piece between commas.
fn reference_finds(before: &str) -> bool {
    let paragraph = before.split("\n\n").last().unwrap_or("");
    let clause = paragraph.split(';').next_back().unwrap_or("");
    !find_terms(&lower_words(clause), &CONDITIONS_BEFORE).is_empty()
        || clause.split(',').any(|piece| {
            lower_words(piece)
                .first()
                .is_some_and(|w| CONDITION_OPENERS.contains(&w.as_str()))
        })
}

/// Condition words, words that are not (`on condition of`, `provided
/// by`), words that hold one (`iffy`), case, digits with commas, and
/// separators, hyphens and non-ASCII letters.
const PIECES: &[&str] = &[
    "if",
    "If",
    "IF",
    "unless",
    "Unless",
    "except",
    "provided",
    "Provided",
    "providing",
    "that",
    "should",
    "Should",
    "as",
    "long",
    "so",
    "subject",
    "to",
    "on",
    "the",
    "condition",
    "of",
    "anonymity",
    "by",
    "in",
    "case",
    "event",
    "depending",
    "contingent",
    "assuming",
    "iffy",
    "said",
    "5",
    "1,000",
    "Ünless",
    "é",
    " ",
    " ",
    " ",
    ", ",
    ",",
    "; ",
    ";",
    "\n\n",
    "\n",
    "-",
    ". ",
    "\"",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(6000))]

    /// Found when the reference finds one; the term is written where it is
    /// said to start, in the quote's clause (an opener there opens it), and
    /// nothing before it holds one.
    #[test]
    fn condition_before_equals_the_reference(
        pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..16),
    ) {
        let before = pieces.concat();
        let got = condition_before(&before);
        proptest::prop_assert_eq!(got.is_some(), reference_finds(&before), "{:?}", before);
        if let Some((term, at)) = got {
            proptest::prop_assert!(!before[at..].contains(';'), "{:?}", before);
            proptest::prop_assert!(!before[at..].contains("\n\n"), "{:?}", before);
            let from: Vec<String> = lower_words(&before[at..]);
            let words: Vec<&str> = term.split(' ').collect();
            proptest::prop_assert!(from.len() >= words.len() && from[..words.len()] == words[..], "{:?}", before);
            proptest::prop_assert!(!reference_finds(&before[..at]), "{:?}", before);
            if !CONDITIONS_BEFORE.contains(&term) {
                proptest::prop_assert!(CONDITION_OPENERS.contains(&term));
                let clause_start = before[..at].rfind(';').map_or(0, |i| i + 1);
                let clause_start = clause_start.max(before[..at].rfind("\n\n").map_or(0, |i| i + 2));
                let lead = &before[clause_start..at];
                let last_word_end = crate::text::segment::words(lead).last().map_or(0, |r| r.end);
                proptest::prop_assert!(
                    last_word_end == 0 && lower_words(lead).is_empty() || lead[last_word_end..].contains(','),
                    "{:?}", before
                );
            }
        }
    }
}
