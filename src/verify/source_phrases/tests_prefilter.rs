//! The prefilter of [`phrases`] against reading every text in full.

use super::*;

/// [`phrases`] as it was before the prefilter: every text split into
/// words and scanned.
fn reference_phrases(text: &str) -> Vec<Phrase> {
    let ws = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        match phrase_at(&ws, i) {
            Some((p, next)) => {
                out.push(p);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// Pieces of text: counts, nouns, verbs and both/all in several cases,
/// near misses, possessives and compounds, lookalike and fullwidth
/// letters, ligatures, and punctuation that splits or joins words.
const PIECES: &[&str] = &[
    "two",
    "Two",
    "2",
    "12",
    "both",
    "BOTH",
    "All",
    "all",
    "several",
    "only",
    "a",
    "at least",
    "more than",
    "of the",
    "five",
    "sources",
    "Source",
    "source's",
    "sources'",
    "outlets",
    "Reports",
    "report",
    "ReportS",
    "say",
    "says",
    "SAID",
    "agree",
    "files",
    "seeds",
    "media",
    "news",
    "independent",
    "filing",
    "revenue",
    "rose",
    "percent",
    "in",
    "the",
    "to",
    "per",
    "according",
    "disputed",
    "by",
    "outlet-led",
    "sources-",
    "re-port",
    "report.s",
    "reporter",
    "sources2",
    "2sources",
    "о",
    "sоurces",
    "ｓources",
    "ﬁles",
    "Τwo",
    "’s",
    "'s",
    "'",
    "-",
    ".",
    ",",
    ";",
    ":",
    "(",
    ")",
    "[^a]",
    "—",
    "\u{00AD}",
    "\u{200B}",
    "e\u{301}",
    " ",
    " ",
    " ",
    "\n",
    "\u{A0}",
    "’",
    "‘",
    "“",
    "”",
    "…",
    "–",
    "\u{2010}",
    "\u{2011}",
    "ʼ",
    "ß",
    "½",
    "²",
    "Ⅻ",
    "dozens",
    "a pair of",
    "no other",
    "another",
];

fn text() -> impl proptest::strategy::Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..24).prop_map(|ps| ps.concat())
}

use proptest::strategy::Strategy;

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(6000))]

    #[test]
    fn phrases_equal_the_full_reading(s in text()) {
        proptest::prop_assert_eq!(phrases(&s), reference_phrases(&s));
    }

    #[test]
    fn a_text_without_triggers_has_no_phrase(s in text()) {
        if !may_hold_count(&s) {
            proptest::prop_assert!(reference_phrases(&s).is_empty());
        }
    }
}

#[test]
fn the_prefilter_only_skips_what_cannot_count() {
    assert!(may_hold_count("Two SOURCES say so."));
    assert!(may_hold_count("in both."));
    assert!(may_hold_count("the source's claim"));
    assert!(may_hold_count("two ｓources"));
    assert!(!may_hold_count(
        "Revenue rose to 5 percent in 2020 (filing 0-0)."
    ));
    assert!(!may_hold_count("a reporter's sources2 re-ports"));
    assert!(!may_hold_count(
        "Northwind’s revenue rose to 5 percent — “up”…"
    ));
    assert!(may_hold_count("Northwind’s sources—“up”"));
    assert!(may_hold_count("Northwind’s sоurces"));
    assert_eq!(phrases("Both SOURCES agree.").len(), 1);
}

#[test]
fn every_trigger_is_lowercase_ascii_and_fits_the_table() {
    let words = NOUNS.iter().chain(VERBS).chain(&["both", "all"]);
    let mut longest = 0;
    let mut shortest = usize::MAX;
    for w in words {
        shortest = shortest.min(w.len());
        assert!(w.bytes().all(|b| b.is_ascii_lowercase()), "{w}");
        assert!(
            may_hold_count(w) && may_hold_count(&w.to_uppercase()),
            "{w}"
        );
        longest = longest.max(w.len());
    }
    assert!(longest <= 13);
    assert!(shortest >= 3);
}

/// [`words`] as it was before a word could borrow its text: every word's
/// folded form a new string. The reference for the words' proptest.
fn reference_words(text: &str) -> Vec<(String, Range<usize>, bool, bool)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut punct = false;
    while i < chars.len() {
        let (at, c) = chars[i];
        if !c.is_alphanumeric() {
            if !c.is_whitespace()
                && !matches!(
                    c,
                    '"' | '\''
                        | '\u{201C}'
                        | '\u{201D}'
                        | '\u{2018}'
                        | '\u{2019}'
                        | '*'
                        | '_'
                        | '`'
                )
            {
                punct = true;
            }
            i += 1;
            continue;
        }
        let start = at;
        let mut j = i;
        loop {
            while j < chars.len() && chars[j].1.is_alphanumeric() {
                j += 1;
            }
            let joins = j + 1 < chars.len()
                && chars[j + 1].1.is_alphanumeric()
                && match chars[j].1 {
                    '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' | '.' => true,
                    ',' => chars[j - 1].1.is_numeric() && chars[j + 1].1.is_numeric(),
                    _ => false,
                };
            if joins {
                j += 1;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |c| c.0);
        let mut lower = fold(&text[start..end]);
        let mut possessive = false;
        if let Some(stem) = lower.strip_suffix("'s") {
            lower = stem.to_string();
            possessive = true;
        } else if chars
            .get(j)
            .is_some_and(|c| matches!(c.1, '\'' | '\u{2019}'))
            && lower.ends_with('s')
        {
            possessive = true;
        }
        out.push((lower, start..end, punct, possessive));
        punct = false;
        i = j;
    }
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(6000))]

    /// Each word, its folded form, place, punctuation and possessive are
    /// the reference's, whether it borrows its form or owns it.
    #[test]
    fn words_equal_the_reference(s in text()) {
        let got: Vec<(String, Range<usize>, bool, bool)> = words(&s)
            .into_iter()
            .map(|w| (w.lower.into_owned(), w.range, w.punct_before, w.possessive))
            .collect();
        proptest::prop_assert_eq!(got, reference_words(&s));
    }
}

/// [`fold`] as it was, every text not ASCII through NFKC: the reference.
fn reference_fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::new();
    for c in text.nfkc().flat_map(char::to_lowercase) {
        match c {
            '\u{DF}' | '\u{1E9E}' => out.push_str("ss"),
            '\u{2019}' | '\u{2BC}' => out.push('\''),
            c => out.push(lookalike(c).unwrap_or(c)),
        }
    }
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    /// Words of ASCII and `’` (and everything else, as before) fold as
    /// through NFKC.
    #[test]
    fn fold_equals_the_reference(
        s in "[a-zA-Z0-9'\u{2019}\u{2018}\u{2BC}\u{DF}\u{301}\u{3A4}\u{43E}\u{FF53}\u{FB01}\u{2010}.,-]{0,12}"
    ) {
        proptest::prop_assert_eq!(fold(&s), reference_fold(&s));
    }
}

/// [`may_hold_count`] as it was, splitting the text into runs: the
/// reference.
fn reference_may_hold_count(text: &str) -> bool {
    text.as_bytes()
        .split(|b| !b.is_ascii_alphanumeric())
        .any(|run| {
            run.len() >= 3
                && NOUNS
                    .iter()
                    .chain(VERBS)
                    .chain(&["both", "all"])
                    .any(|t| t.as_bytes().eq_ignore_ascii_case(run))
        })
        || (!text.is_ascii() && text.chars().any(|c| !c.is_ascii() && c.is_alphanumeric()))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(6000))]

    /// The one-pass prefilter says what splitting the text says, on the
    /// prefilter's texts and on any text.
    #[test]
    fn may_hold_count_equals_the_reference(
        s in proptest::prop_oneof![text(), ".{0,40}", "[a-zA-Z0-9 .,'’-]{0,40}"]
    ) {
        proptest::prop_assert_eq!(may_hold_count(&s), reference_may_hold_count(&s));
    }
}
