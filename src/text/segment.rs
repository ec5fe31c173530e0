//! Words and sentences of a normalised text (see [`crate::text::normalize`]), for
//! the rules that a quote covers whole words and that an elision stays in
//! one sentence.
//!
//! **Words.** A word is a run of letters, digits and combining marks, joined
//! by the characters that hold a word or a number together:
//! - `'`, `-` and `.` between two letters or digits (`OpenAI's`,
//!   `non-exclusive`, `U.S`, `7.5`, `2026-2027`, `aicnbc.com`);
//! - `,`, `:` and `/` between two digits (`12,000`, `10:30`, `24/7`);
//! - a currency sign before a digit (`$1.5`, `US$13`), a sign before a
//!   number (`-5`, `-$5`), a leading decimal point (`.5`), and `%`, `‰` or
//!   `°` after a digit (`7.5%`);
//! - a hyphen before a currency sign and a digit (`up-to-$50`).
//!
//! Han characters and hiragana are words of one character each, as in
//! Unicode's word boundaries. So a number is one word, with its sign,
//! currency and percent sign, and a quote that starts or ends inside it (`5
//! billion` from `$1.5 billion`, `2,000` from `12,000`, `effective` from
//! `ineffective`) is refused.
//!
//! **Sentences.** A sentence ends at a line break of the original text, and
//! at `.`, `!` or `?` (closing quotes, brackets and a reference mark such as
//! `[3]` may follow) when a space and then something other than a lowercase
//! letter come next, or a word with a capital inside (`eBay`): the rule the
//! briefing's prose uses too, made stricter where a stricter split can only
//! refuse more elisions.

use std::ops::Range;
use unicode_normalization::char::canonical_combining_class;

/// A letter, digit or combining mark.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || (!c.is_ascii() && canonical_combining_class(c) != 0)
}

/// A character that is a word on its own (Han ideographs and hiragana).
fn is_single(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{309F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// A currency sign.
pub fn is_currency(c: char) -> bool {
    matches!(c,
        '$' | '\u{A2}'..='\u{A5}' | '\u{58F}' | '\u{60B}' | '\u{9F2}' | '\u{9F3}' | '\u{E3F}'
        | '\u{17DB}' | '\u{20A0}'..='\u{20CF}' | '\u{FDFC}' | '\u{FE69}' | '\u{FF04}'
        | '\u{FFE0}' | '\u{FFE1}' | '\u{FFE5}' | '\u{FFE6}')
}

fn is_digit(c: Option<char>) -> bool {
    c.is_some_and(char::is_numeric)
}

fn word(c: Option<char>) -> bool {
    c.is_some_and(is_word_char)
}

/// What a `-` of a normalised text was in the original: the normalisation
/// writes hyphens, dashes and the minus sign alike as `-`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dash {
    /// A hyphen (`-`, U+2010, U+2011) or the minus sign: joins words.
    Hyphen,
    /// A figure or en dash (U+2012, U+2013): joins digits only (`2026–2027`).
    En,
    /// An em dash or horizontal bar (U+2014, U+2015): never joins.
    Em,
}

impl Dash {
    /// The kind of dash an original character is.
    pub fn of(c: char) -> Dash {
        match c {
            '\u{2012}' | '\u{2013}' => Dash::En,
            '\u{2014}' | '\u{2015}' => Dash::Em,
            _ => Dash::Hyphen,
        }
    }
}

/// The words of `text`, as byte ranges, in order, every `-` read as a hyphen.
pub fn words(text: &str) -> Vec<Range<usize>> {
    words_with(text, |_| Dash::Hyphen)
}

/// The words of `text`, with `dash(i)` telling what the `-` at byte `i` was.
pub fn words_with(text: &str, dash: impl Fn(usize) -> Dash) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let before = |k: usize| k.checked_sub(1).and_then(at);
    let byte = |k: usize| chars.get(k).map_or(text.len(), |&(i, _)| i);
    // Whether the character at `k` begins a word.
    let starts = |k: usize| -> bool {
        let Some(c) = at(k) else { return false };
        let number_follows = |j: usize| {
            is_digit(at(j))
                || (at(j) == Some('.') && is_digit(at(j + 1)))
                || (at(j).is_some_and(is_currency) && is_digit(at(j + 1)))
        };
        if is_word_char(c) {
            return true;
        }
        if is_currency(c) {
            return is_digit(at(k + 1)) || (at(k + 1) == Some('.') && is_digit(at(k + 2)));
        }
        match c {
            '-' if dash(byte(k)) == Dash::Em => false,
            '-' | '+' | '\u{B1}' => !word(before(k)) && number_follows(k + 1),
            '.' => !word(before(k)) && is_digit(at(k + 1)),
            _ => false,
        }
    };
    // Whether the character at `k` continues the word that holds `k - 1`.
    let continues = |k: usize| -> bool {
        let (Some(p), Some(c)) = (before(k), at(k)) else {
            return false;
        };
        let next = at(k + 1);
        let mark = !c.is_ascii() && canonical_combining_class(c) != 0;
        if mark {
            return true;
        }
        if is_single(c) || is_single(p) {
            return false;
        }
        if is_word_char(c) {
            return true;
        }
        if is_currency(c) {
            let joined = word(Some(p)) || (p == '-' && word(k.checked_sub(2).and_then(at)));
            return joined && (is_digit(next) || next == Some('.'));
        }
        match c {
            '\'' | '.' => word(Some(p)) && word(next),
            '-' => match dash(byte(k)) {
                Dash::Hyphen => {
                    word(Some(p))
                        && (word(next) || (next.is_some_and(is_currency) && is_digit(at(k + 2))))
                }
                Dash::En => is_digit(Some(p)) && is_digit(next),
                Dash::Em => false,
            },
            ',' | ':' | '/' => is_digit(Some(p)) && is_digit(next),
            '%' | '\u{2030}' | '\u{B0}' => is_digit(Some(p)),
            _ => false,
        }
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if !starts(k) {
            k += 1;
            continue;
        }
        let start = k;
        // A word that opens with a sign, a currency sign or a point: `starts`
        // checked that a digit follows them.
        while at(k).is_some_and(|c| !is_word_char(c)) {
            k += 1;
        }
        k += 1;
        while k < chars.len() && continues(k) {
            k += 1;
        }
        out.push(byte(start)..byte(k));
    }
    out
}

/// Which byte offsets of a text are word boundaries: every offset that is
/// not strictly inside a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Boundaries {
    /// Bit `i` is set when offset `i` is strictly inside a word.
    inside: Vec<u64>,
}

impl Boundaries {
    pub fn new(text: &str, dash: impl Fn(usize) -> Dash) -> Boundaries {
        let mut inside = vec![0u64; text.len() / 64 + 1];
        for w in words_with(text, dash) {
            for i in w.start + 1..w.end {
                inside[i / 64] |= 1 << (i % 64);
            }
        }
        Boundaries { inside }
    }

    pub fn is_boundary(&self, i: usize) -> bool {
        self.inside
            .get(i / 64)
            .is_none_or(|bits| bits & (1 << (i % 64)) == 0)
    }
}

/// The byte offsets at which the sentences of a normalised text start, in
/// increasing order (the first is 0). `line_breaks` are the offsets of the
/// spaces that stand for a line break of the original.
pub fn sentence_starts(text: &str, line_breaks: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let mut starts = vec![0];
    let mut breaks = line_breaks.into_iter().peekable();
    let bytes = text.as_bytes();
    let mut ending = false;
    let mut in_mark = false;
    for (i, c) in text.char_indices() {
        while breaks.peek().is_some_and(|&b| b < i) {
            breaks.next();
        }
        if breaks.peek() == Some(&i) {
            starts.push(i + 1);
            ending = false;
            continue;
        }
        match c {
            // Full stops that need no space after them.
            '\u{3002}' | '\u{FF0E}' | '\u{FF01}' | '\u{FF1F}' => {
                starts.push(i + c.len_utf8());
                ending = false;
            }
            '.'
            | '!'
            | '?'
            | '\u{203C}'
            | '\u{2047}'..='\u{2049}'
            | '\u{61F}'
            | '\u{964}'
            | '\u{965}' => ending = true,
            // A footnote mark after the full stop: `Monday.¹ Its`.
            '\u{B9}' | '\u{B2}' | '\u{B3}' | '\u{2070}'..='\u{2079}' if ending => {}
            // A dash after the full stop, then the next sentence: `Monday.-Its`.
            '-' if ending => {
                let next = text[i + 1..].chars().next();
                if next.is_some_and(char::is_uppercase) {
                    starts.push(i + 1);
                    ending = false;
                }
            }
            '"' | '\'' | ')' | ']' if ending => {}
            // A reference mark after the full stop: `Monday.[3] Its`.
            '[' if ending => in_mark = true,
            '0'..='9' if in_mark => {}
            ']' if in_mark => in_mark = false,
            ' ' if ending => {
                ending = false;
                let rest = &text[i + 1..];
                let next = rest.chars().next();
                // A sentence may begin with a lowercase name (`eBay`,
                // `iPhone`): a capital inside the next word counts too.
                let word: &str = rest.split(' ').next().unwrap_or("");
                let capital = next.is_some_and(|n| !n.is_lowercase())
                    || word.chars().skip(1).any(char::is_uppercase);
                if capital && i + 1 < bytes.len() {
                    starts.push(i + 1);
                }
            }
            _ => {
                ending = false;
                in_mark = false;
            }
        }
    }
    starts.retain(|&s| s < text.len() || s == 0);
    starts.dedup();
    starts
}

/// The sentences of a text, as a list of start offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentences {
    starts: Vec<usize>,
    len: usize,
}

impl Sentences {
    pub fn new(text: &str, line_breaks: impl IntoIterator<Item = usize>) -> Sentences {
        Sentences {
            starts: sentence_starts(text, line_breaks),
            len: text.len(),
        }
    }

    /// The index of the sentence holding byte `i`.
    pub fn of(&self, i: usize) -> usize {
        self.starts.partition_point(|&s| s <= i).saturating_sub(1)
    }

    /// The byte range of sentence `n`.
    pub fn range(&self, n: usize) -> Range<usize> {
        let start = self.starts.get(n).copied().unwrap_or(self.len);
        let end = self.starts.get(n + 1).copied().unwrap_or(self.len);
        start..end
    }

    /// Whether the non-empty range lies within one sentence.
    pub fn within_one(&self, r: &Range<usize>) -> bool {
        r.is_empty() || self.of(r.start) == self.of(r.end - 1)
    }
}

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
/// (so that `up-to-$50` holds the phrase `up to`).
pub fn lower_words(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .flat_map(|r| {
            text[r]
                .split('-')
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The entries of `list` that occur in `words` (as a word, a phrase of
/// consecutive words, or for `not` also the suffix `n't`), in list order.
pub fn find_terms(words: &[String], list: &[&'static str]) -> Vec<&'static str> {
    let mut out = Vec::new();
    for &term in list {
        let parts: Vec<&str> = term.split(' ').collect();
        let found = words
            .windows(parts.len())
            .any(|w| w.iter().eq(parts.iter()))
            || (term == "not" && words.iter().any(|w| w.ends_with("n't")));
        if found {
            out.push(term);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn numbers_are_one_word_with_sign_currency_and_percent() {
        assert_eq!(
            ws("raised $1.5 billion; cut 12,000 jobs (7.5%) in 2026-2027, -5 and -$5."),
            vec![
                "raised",
                "$1.5",
                "billion",
                "cut",
                "12,000",
                "jobs",
                "7.5%",
                "in",
                "2026-2027",
                "-5",
                "and",
                "-$5"
            ]
        );
        assert_eq!(
            ws("US$13 and $.5 and .5"),
            vec!["US$13", "and", "$.5", "and", ".5"]
        );
        assert_eq!(ws("at 10:30, 24/7"), vec!["at", "10:30", "24/7"]);
    }

    #[test]
    fn hyphens_apostrophes_and_points_join_words() {
        assert_eq!(
            ws("a non-exclusive deal, OpenAI's U.S. e.g. aicnbc.com"),
            vec![
                "a",
                "non-exclusive",
                "deal",
                "OpenAI's",
                "U.S",
                "e.g",
                "aicnbc.com"
            ]
        );
        assert_eq!(ws("up-to-$50 billion"), vec!["up-to-$50", "billion"]);
        assert_eq!(
            ws("the companies' deal - a"),
            vec!["the", "companies", "deal", "a"]
        );
    }

    #[test]
    fn em_dashes_separate_and_en_dashes_join_digits_only() {
        let text = "first-OpenAI and 2030-with and 2026-2027 and A-B";
        let kinds = |i: usize| match i {
            5 => Dash::Em,
            21 | 35 | 46 => Dash::En,
            _ => Dash::Hyphen,
        };
        assert_eq!(text.as_bytes()[5], b'-');
        let got: Vec<&str> = words_with(text, kinds)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            got,
            vec![
                "first",
                "OpenAI",
                "and",
                "2030",
                "with",
                "and",
                "2026-2027",
                "and",
                "A",
                "B"
            ]
        );
    }

    #[test]
    fn marks_stay_with_their_letter_and_han_splits() {
        assert_eq!(ws("cafe\u{301} ok"), vec!["cafe\u{301}", "ok"]);
        assert_eq!(ws("他不去了"), vec!["他", "不", "去", "了"]);
        assert_eq!(ws("カタカナ語"), vec!["カタカナ", "語"]);
    }

    #[test]
    fn boundaries_are_offsets_outside_words() {
        let text = "was ineffective against";
        let b = Boundaries::new(text, |_| Dash::Hyphen);
        assert!(b.is_boundary(3) && b.is_boundary(4));
        assert!(!b.is_boundary(6));
        assert!(b.is_boundary(15) && b.is_boundary(text.len()));
    }

    #[test]
    fn sentences_split_like_the_prose() {
        let text = "The board rejected the merger. Shareholders approved it. e.g. no split.";
        let s = Sentences::new(text, []);
        assert_eq!(s.of(0), 0);
        assert_eq!(s.of(text.find("Shareholders").unwrap()), 1);
        assert_eq!(s.of(text.find("no split").unwrap()), 1);
        assert_eq!(
            &text[s.range(1)],
            "Shareholders approved it. e.g. no split."
        );
        // "U.S. officials" does not end a sentence; a line break does.
        let t = "U.S. officials said so\nNext line";
        let s = Sentences::new(t, [t.find('\n').unwrap()]);
        assert_eq!(s.of(6), 0);
        assert_eq!(s.of(t.len() - 1), 1);
        // Closing quotes may follow the full stop.
        let t = "He said \"done.\" Then left.";
        assert_eq!(Sentences::new(t, []).of(t.find("Then").unwrap()), 1);
    }

    #[test]
    fn reference_marks_and_lowercase_names_end_sentences() {
        let t = "The board met on Monday.[3] Its rival approved it.";
        assert_eq!(Sentences::new(t, []).of(t.find("Its").unwrap()), 1);
        let t = "The board met on Monday. eBay approved it.";
        assert_eq!(Sentences::new(t, []).of(t.find("eBay").unwrap()), 1);
    }

    #[test]
    fn terms_are_whole_words_or_phrases() {
        let w = lower_words("The CEO didn't deny it, at least not up-to now");
        assert_eq!(
            find_terms(&w, QUALIFIERS),
            vec!["not", "deny", "up to", "at least"]
        );
        assert_eq!(
            find_terms(&lower_words("another notable nowadays"), QUALIFIERS),
            Vec::<&str>::new()
        );
        assert_eq!(
            find_terms(&lower_words("as long as it pays"), CONDITIONS),
            vec!["as long as"]
        );
    }
}
