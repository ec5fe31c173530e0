//! What the prose says about its sources: counts ("two sources", "all
//! five", "the only source") and outlet names ("Scout says", "according to
//! CNBC"), checked against the facts a sentence cites (README, "Counts and
//! names in the prose").
//!
//! A phrase binds to the first group of references after it in the same
//! sentence (`[^a][^b]` written side by side), else to every fact the
//! sentence cites. A count must hold for **each** bound fact; a name must be
//! the source, or the origin, of a quote of **some** bound fact.

use crate::diagnostic::{Diagnostic, Span};
use crate::origins::{Counts, Origins};
use crate::verify::SiteFact;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

/// Nouns that name a source. A count before one of them is a count of
/// sources.
pub const NOUNS: &[&str] = &[
    "source",
    "sources",
    "outlet",
    "outlets",
    "report",
    "reports",
    "article",
    "articles",
    "publication",
    "publications",
    "account",
    "accounts",
    "origin",
    "origins",
    "site",
    "sites",
    "website",
    "websites",
    "blog",
    "blogs",
    "post",
    "posts",
    "newspaper",
    "newspapers",
    "paper",
    "papers",
    "story",
    "stories",
    "piece",
    "pieces",
    "organisation",
    "organisations",
    "organization",
    "organizations",
    "agency",
    "agencies",
    "wire",
    "wires",
    "summary",
    "summaries",
    "media",
    "document",
    "documents",
    "seed",
    "seeds",
    "file",
    "files",
    "text",
    "texts",
    "copy",
    "copies",
];

/// Nouns that count documents (seeds) rather than independent origins.
const SEED_NOUNS: &[&str] = &[
    "document",
    "documents",
    "seed",
    "seeds",
    "file",
    "files",
    "text",
    "texts",
    "copy",
    "copies",
];

/// Verbs of reporting: a count right before one (`two say`, `both
/// report`, `all five agree`) counts sources too.
pub const VERBS: &[&str] = &[
    "say",
    "says",
    "said",
    "report",
    "reports",
    "reported",
    "agree",
    "agrees",
    "agreed",
    "state",
    "states",
    "stated",
    "write",
    "writes",
    "wrote",
    "note",
    "notes",
    "noted",
    "give",
    "gives",
    "gave",
    "confirm",
    "confirms",
    "confirmed",
    "date",
    "dates",
    "dated",
    "describe",
    "describes",
    "described",
    "call",
    "calls",
    "called",
    "cite",
    "cites",
    "cited",
    "mention",
    "mentions",
    "mentioned",
    "claim",
    "claims",
    "claimed",
    "quote",
    "quotes",
    "quoted",
    "suggest",
    "suggests",
    "suggested",
    "add",
    "adds",
    "added",
    "present",
    "presents",
    "presented",
    "put",
    "puts",
    "word",
    "words",
    "worded",
    "dispute",
    "disputes",
    "disputed",
    "disagree",
    "disagrees",
    "disagreed",
    "differ",
    "differs",
    "differed",
    "contradict",
    "contradicts",
    "contradicted",
    "attribute",
    "attributes",
    "attributed",
    "trace",
    "traces",
    "traced",
    "tie",
    "ties",
    "tied",
    "link",
    "links",
    "linked",
    "argue",
    "argues",
    "argued",
    "frame",
    "frames",
    "framed",
    "list",
    "lists",
    "listed",
    "show",
    "shows",
    "showed",
    "estimate",
    "estimates",
    "estimated",
    "place",
    "places",
    "placed",
    "make",
    "makes",
    "made",
    "carry",
    "carries",
    "carried",
    "echo",
    "echoes",
    "echoed",
    "repeat",
    "repeats",
    "repeated",
    "support",
    "supports",
    "supported",
    "back",
    "backs",
    "backed",
    "name",
    "names",
    "named",
    "spell",
    "spells",
];

/// Words whose stem marks a disputing count (`two sources word it
/// differently`, `disputed by one outlet`).
const DISPUTE_STEMS: &[&str] = &[
    "disput",
    "disagre",
    "contradict",
    "differ",
    "contest",
    "deny",
    "deni",
    "otherwise",
    "reject",
];

/// How many words after a count may say that it disputes: `two sources
/// word that exception differently`, but not a word far along the clause.
const DISPUTE_REACH: usize = 6;

/// Number words, by value.
const NUMBER_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// Ordinals: `a second source` says there are others without saying how
/// many, so it is refused with a fix.
const ORDINALS: &[&str] = &[
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];

/// Words that start a count (besides numbers in words and digits).
const COUNT_WORDS: &[&str] = &[
    "both", "all", "every", "each", "single", "sole", "lone", "only", "no", "none", "neither",
    "several", "multiple", "many", "numerous", "various", "some", "few", "couple", "pair",
    "handful", "dozen", "most", "majority", "another", "other",
];

/// A word of a text, lowercased, with a possessive `'s` dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub lower: String,
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Clause punctuation (`, ; : ( ) [ ] . ! ? —` …) stands between this
    /// word and the one before.
    pub punct_before: bool,
    pub possessive: bool,
}

/// The words of `text`: runs of letters and digits, held together by `'`,
/// `’`, `-`, `.` between letters or digits, and `,` between digits.
pub fn words(text: &str) -> Vec<Word> {
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
        let raw = text[start..end].replace('\u{2019}', "'");
        let mut lower = raw.to_lowercase();
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
        out.push(Word {
            lower,
            range: start..end,
            punct_before: punct,
            possessive,
        });
        punct = false;
        i = j;
    }
    out
}

/// The value of a number word or of digits (any script), up to a bound.
fn number_value(w: &str) -> Option<u32> {
    if let Some(i) = NUMBER_WORDS.iter().position(|n| *n == w) {
        return Some(i as u32);
    }
    if w == "dozen" {
        return Some(12);
    }
    if !w.is_empty() && w.chars().all(|c| crate::numbers::digit_value(c).is_some()) {
        let mut v: u64 = 0;
        for c in w.chars() {
            v = v * 10 + u64::from(crate::numbers::digit_value(c)?);
            if v > 1_000_000 {
                return Some(1_000_000);
            }
        }
        return Some(v as u32);
    }
    None
}

/// Whether a word starts a count (the reference's word list).
pub fn is_count_word(w: &str) -> bool {
    number_value(w).is_some() || COUNT_WORDS.contains(&w) || ORDINALS.contains(&w)
}

fn is_noun(w: &Word) -> bool {
    NOUNS.contains(&w.lower.as_str())
}

/// Nouns that name nothing but sources. The others (`outlets`, `reports`,
/// `papers`, `stories` …) also name shops, filings and the like, so a
/// count before them is a count of sources only in a sentence about
/// sources (see [`about_sources`]); otherwise its number is checked by the
/// number rules like any other.
const STRONG_NOUNS: &[&str] = &["source", "sources", "origin", "origins", "seed", "seeds"];

/// Whether the count starting at word `start` with its noun at `noun` is
/// about sources. A noun followed by `of` (`two sources of revenue`) never
/// counts sources. Otherwise it does when the noun names only sources, or
/// the count has no number (`both outlets`, `several reports`: nothing
/// else checks those), or a verb of reporting follows the noun (`three
/// outlets say`), a crediting word comes before the count (`per two
/// reports`, `according to two papers`, `by two outlets`), or `news`,
/// `media` or `independent` qualifies the noun. A number that is not a
/// count of sources stays a number, which rules 9 and 10 check.
pub fn about_sources(ws: &[Word], start: usize, noun: usize) -> bool {
    let next = ws.get(noun + 1).filter(|w| !w.punct_before);
    if next.is_some_and(|w| w.lower == "of") {
        return false;
    }
    let numeric = ws[start..noun].iter().any(|w| {
        number_value(&w.lower).is_some()
            || w.lower
                .split_once('-')
                .is_some_and(|(a, b)| number_value(a).is_some() && number_value(b).is_some())
    });
    if STRONG_NOUNS.contains(&ws[noun].lower.as_str()) || !numeric || next.is_some_and(is_verb) {
        return true;
    }
    let before = |k: usize| {
        start
            .checked_sub(k)
            .filter(|_| !ws[start + 1 - k].punct_before)
            .map(|j| ws[j].lower.as_str())
    };
    matches!(before(1), Some("per" | "by" | "citing"))
        || (before(1) == Some("to") && before(2) == Some("according"))
        || ws[start..noun]
            .iter()
            .any(|w| matches!(w.lower.as_str(), "news" | "media" | "independent"))
}

fn is_verb(w: &Word) -> bool {
    VERBS.contains(&w.lower.as_str())
}

/// What a count says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quant {
    Exact(u32),
    /// `two or three`, `2-3`: between the two, inclusive.
    Between(u32, u32),
    AtLeast(u32),
    MoreThan(u32),
    FewerThan(u32),
    AtMost(u32),
    /// `all`, `every`, `each`: every source of the fact.
    All,
    /// `most`, `the majority of`: more than half.
    Most,
    /// `a second source`, `another outlet`, `no other source`: says there
    /// are others without saying how many.
    Unreadable,
}

/// A count phrase found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// Byte range in the text, from the first word of the count to its noun
    /// (or to the end of the count when a verb or the clause's end follows).
    pub range: Range<usize>,
    /// Where the count's own words end (the rest of the clause, which says
    /// whether the count supports or disputes, starts here).
    pub count_end: usize,
    pub quant: Quant,
    /// The total the phrase names as well: `all five`, `both sources`,
    /// `two of the five sources`.
    pub total: Option<u32>,
    /// `of the five sources`: only a total, with no count of its own.
    pub total_only: bool,
    /// The noun counts documents (`documents`, `seeds`, `files`), not
    /// independent origins.
    pub seeds: bool,
    /// A dispute word stands just before the count (`disputed by two`).
    pub disputed_before: bool,
}

/// Parses the count word(s) at `i`: the count, the index after it, and
/// whether it may stand without a noun (before a verb).
fn quantifier(ws: &[Word], i: usize) -> Option<(Quant, Option<u32>, usize)> {
    let w = |k: usize| {
        ws.get(k)
            .filter(|w| k == i || !w.punct_before)
            .map(|w| w.lower.as_str())
    };
    let num = |k: usize| w(k).and_then(number_value);
    // A number, possibly a range `two or three`, `2-3`, `two to three`.
    let number_at = |k: usize| -> Option<(Quant, usize)> {
        if let Some((a, b)) = w(k).and_then(|s| s.split_once('-'))
            && let (Some(a), Some(b)) = (number_value(a), number_value(b))
        {
            return Some((Quant::Between(a.min(b), a.max(b)), k + 1));
        }
        let a = num(k)?;
        if matches!(w(k + 1), Some("or" | "to"))
            && let Some(b) = num(k + 2)
        {
            return Some((Quant::Between(a.min(b), a.max(b)), k + 3));
        }
        Some((Quant::Exact(a), k + 1))
    };
    let first = w(i)?;
    let hedged = |q: fn(u32) -> Quant, k: usize| -> Option<(Quant, Option<u32>, usize)> {
        let (n, next) = number_at(k)?;
        match n {
            Quant::Exact(n) => Some((q(n), None, next)),
            other => Some((other, None, next)),
        }
    };
    match (first, w(i + 1)) {
        ("at", Some("least")) => return hedged(Quant::AtLeast, i + 2),
        ("at", Some("most")) | ("up", Some("to")) => return hedged(Quant::AtMost, i + 2),
        ("more" | "over", _) => {
            let k = if w(i + 1) == Some("than") {
                i + 2
            } else {
                i + 1
            };
            return hedged(Quant::MoreThan, k);
        }
        ("fewer" | "less", Some("than")) => return hedged(Quant::FewerThan, i + 2),
        ("no", Some("more")) if w(i + 2) == Some("than") => return hedged(Quant::AtMost, i + 3),
        ("only" | "just" | "exactly" | "precisely", _) if num(i + 1).is_some() => {
            return number_at(i + 1).map(|(q, k)| (q, None, k));
        }
        ("a" | "an", Some("single" | "sole" | "lone")) => {
            return Some((Quant::Exact(1), None, i + 2));
        }
        ("a", Some("pair")) if w(i + 2) == Some("of") => {
            return Some((Quant::Exact(2), None, i + 3));
        }
        ("a", Some("dozen")) => return Some((Quant::Exact(12), None, i + 2)),
        ("a", Some("couple" | "handful" | "number" | "few")) => {
            let k = if w(i + 2) == Some("of") { i + 3 } else { i + 2 };
            return Some((Quant::AtLeast(2), None, k));
        }
        ("the", Some("majority")) if w(i + 2) == Some("of") => {
            return Some((Quant::Most, None, i + 3));
        }
        ("all" | "both", Some("of"))
            if matches!(
                w(i + 2),
                Some("the" | "these" | "those" | "its" | "their" | "our")
            ) =>
        {
            let (q, total) = if first == "both" {
                (Quant::Exact(2), Some(2))
            } else {
                (Quant::All, None)
            };
            return Some((q, total, i + 3));
        }
        ("all", _) => {
            let k = if w(i + 1) == Some("the") {
                i + 2
            } else {
                i + 1
            };
            if let Some(n) = num(k) {
                return Some((Quant::All, Some(n), k + 1));
            }
            return Some((Quant::All, None, k));
        }
        ("no" | "none", Some("other")) => return Some((Quant::Unreadable, None, i + 2)),
        ("other", _) if num(i + 1).is_some() => return number_at(i + 1).map(|(q, k)| (q, None, k)),
        _ => {}
    }
    let range = first
        .split_once('-')
        .is_some_and(|(a, b)| number_value(a).is_some() && number_value(b).is_some());
    if number_value(first).is_some() || range {
        return number_at(i).map(|(q, k)| (q, None, k));
    }
    let q = match first {
        "both" => return Some((Quant::Exact(2), Some(2), i + 1)),
        "every" | "each" => Quant::All,
        "single" | "sole" | "lone" | "only" => Quant::Exact(1),
        "no" | "none" | "neither" => Quant::Exact(0),
        "several" | "multiple" | "many" | "numerous" | "various" | "some" | "few" | "couple"
        | "handful" => Quant::AtLeast(2),
        "pair" => Quant::Exact(2),
        "most" | "majority" => Quant::Most,
        "another" | "other" => Quant::Unreadable,
        w if ORDINALS.contains(&w) => Quant::Unreadable,
        _ => return None,
    };
    Some((q, None, i + 1))
}

/// Every count phrase in `text`, in order.
pub fn phrases(text: &str) -> Vec<Phrase> {
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

fn phrase_at(ws: &[Word], i: usize) -> Option<(Phrase, usize)> {
    let (quant, mut total, mut k) = quantifier(ws, i)?;
    let joined = |k: usize| ws.get(k).filter(|w| !w.punct_before);
    let mut total_only = false;
    // `of the five sources` after a preposition is a total, not a count.
    if i >= 2
        && matches!(ws[i - 1].lower.as_str(), "the" | "these" | "those")
        && ws[i - 2].lower == "of"
        && !ws[i].punct_before
        && !ws[i - 1].punct_before
        && let Quant::Exact(n) = quant
    {
        total_only = true;
        total = Some(n);
    }
    // `two of the five sources`, `one of two outlets`, `both of them`.
    if joined(k).is_some_and(|w| w.lower == "of") && !total_only {
        let mut m = k + 1;
        if joined(m).is_some_and(|w| {
            matches!(
                w.lower.as_str(),
                "the" | "these" | "those" | "its" | "their" | "our"
            )
        }) {
            m += 1;
        }
        if let Some(n) = joined(m).and_then(|w| number_value(&w.lower)) {
            total = Some(n);
            m += 1;
        }
        if m > k + 1 {
            k = m;
        }
    }
    let count_end = ws[k - 1].range.end;
    let disputed_before = ws[i.saturating_sub(3)..i]
        .iter()
        .any(|w| DISPUTE_STEMS.iter().any(|s| w.lower.starts_with(s)));
    let make = |end: usize, seeds: bool, quant: Quant, total: Option<u32>| Phrase {
        range: ws[i].range.start..end,
        count_end,
        quant,
        total,
        total_only,
        seeds,
        disputed_before,
    };
    // The noun, within three words.
    for n in k..(k + 3).min(ws.len()) {
        if ws[n].punct_before && n > i {
            break;
        }
        if is_noun(&ws[n]) {
            if !about_sources(ws, i, n) {
                break;
            }
            let seeds = SEED_NOUNS.contains(&ws[n].lower.as_str());
            return Some((make(ws[n].range.end, seeds, quant, total), n + 1));
        }
    }
    // A verb right after the count, or the end of the clause after `both`
    // or `all`.
    let first = ws[i].lower.as_str();
    let ends = ws.get(k).is_none_or(|w| w.punct_before);
    if joined(k).is_some_and(|w| is_verb(w) && !is_noun(w))
        || (ends && matches!(first, "both" | "all"))
    {
        if first == "both" && k == i + 1 {
            // `X and Y both say`: two, whatever the total; `in both.`: two
            // of two.
            total = if ends { Some(2) } else { None };
        }
        return Some((make(count_end, false, quant, total), k));
    }
    None
}

/// The reference for the property test: a count word followed, with no
/// clause punctuation between, by a source noun within three words, or by
/// a verb of reporting; or `both`/`all` at the end of a clause. Slow and
/// obviously correct: it gives the index of every word that starts one.
pub fn reference_count_words(text: &str) -> Vec<usize> {
    let ws = words(text);
    let mut out = Vec::new();
    for i in 0..ws.len() {
        if !is_count_word(&ws[i].lower) {
            continue;
        }
        let mut hit = false;
        for n in i + 1..=i + 3 {
            let Some(w) = ws.get(n) else { break };
            if w.punct_before {
                break;
            }
            if is_noun(w) {
                hit = about_sources(&ws, i, n);
                break;
            }
        }
        if let Some(w) = ws.get(i + 1)
            && !w.punct_before
            && is_verb(w)
            && !is_noun(w)
        {
            hit = true;
        }
        if matches!(ws[i].lower.as_str(), "both" | "all")
            && ws.get(i + 1).is_none_or(|w| w.punct_before)
        {
            hit = true;
        }
        if hit {
            out.push(i);
        }
    }
    out
}

/// Whether a phrase disputes: a dispute word just before it, or within
/// [`DISPUTE_REACH`] words after its count, before `to` (the next count or
/// the facts it binds to) and before a `;`.
fn disputes(p: &Phrase, text: &str, to: usize) -> bool {
    let rest = text.get(p.count_end..to.max(p.count_end)).unwrap_or("");
    let clause = rest.split(';').next().unwrap_or("");
    p.disputed_before
        || words(clause)
            .iter()
            .take(DISPUTE_REACH)
            .any(|w| DISPUTE_STEMS.iter().any(|s| w.lower.starts_with(s)))
}

/// Whether `counts` bear the phrase out, and the count it was read against.
fn holds(p: &Phrase, c: &Counts, disputing: bool) -> (bool, usize, usize) {
    let (role, total) = match (p.seeds, disputing) {
        (false, false) => (c.supporting_origins, c.total_origins),
        (false, true) => (c.disputing_origins, c.total_origins),
        (true, false) => (c.supporting_sources, c.total_sources),
        (true, true) => (c.disputing_sources, c.total_sources),
    };
    let r = role as u64;
    let t = total as u64;
    if p.total_only {
        return (p.total.is_some_and(|n| u64::from(n) == t), role, total);
    }
    let ok = match p.quant {
        Quant::Exact(n) => r == u64::from(n),
        Quant::Between(a, b) => (u64::from(a)..=u64::from(b)).contains(&r),
        Quant::AtLeast(n) => r >= u64::from(n),
        Quant::MoreThan(n) => r > u64::from(n),
        Quant::FewerThan(n) => r < u64::from(n),
        Quant::AtMost(n) => r <= u64::from(n),
        Quant::All => r == t && t >= 2,
        Quant::Most => 2 * r > t,
        Quant::Unreadable => false,
    } && p.total.is_none_or(|n| u64::from(n) == t);
    (ok, role, total)
}

/// How a fact's counts read, for a diagnostic.
fn describe(f: &SiteFact, seeds: bool, disputing: bool) -> String {
    let c = &f.counts;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let side = if disputing { "disputing" } else { "supporting" };
    let (role_o, role_s) = if disputing {
        (c.disputing_origins, c.disputing_sources)
    } else {
        (c.supporting_origins, c.supporting_sources)
    };
    if seeds {
        return format!(
            "fact `{}` has {} {side} ({} in all)",
            f.id,
            plural(role_s, "document", "documents"),
            plural(c.total_sources, "document", "documents")
        );
    }
    let quotes = if disputing { &f.conflicts } else { &f.sources };
    let names: BTreeSet<&str> = quotes
        .iter()
        .map(|q| q.provenance.origin.as_str())
        .filter(|o| !o.is_empty())
        .collect();
    let names = names.into_iter().collect::<Vec<_>>().join(", ");
    format!(
        "fact `{}` has {} {side} independent {}{} in {}, and {} in all",
        f.id,
        role_o,
        if role_o == 1 { "origin" } else { "origins" },
        if names.is_empty() {
            String::new()
        } else {
            format!(" ({names})")
        },
        plural(role_s, "source", "sources"),
        plural(c.total_origins, "origin", "origins"),
    )
}

/// The checks' view of the project.
pub struct Prose<'a> {
    pub origins: &'a Origins,
    by_id: HashMap<&'a str, &'a SiteFact>,
    /// Names the prose may use for sources and origins, as folded words,
    /// by their first word, longest first (so that `Wire Service` is read
    /// before `Wire`).
    names: HashMap<String, Vec<(Vec<String>, String)>>,
}

impl<'a> Prose<'a> {
    pub fn new(facts: &'a [SiteFact], origins: &'a Origins, names: &BTreeSet<String>) -> Prose<'a> {
        let mut by_first: HashMap<String, Vec<(Vec<String>, String)>> = HashMap::new();
        for n in names {
            let ws: Vec<String> = words(n).into_iter().map(|w| w.lower).collect();
            if let Some(first) = ws.first() {
                by_first
                    .entry(first.clone())
                    .or_default()
                    .push((ws, n.clone()));
            }
        }
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        }
        Prose {
            origins,
            by_id: facts.iter().map(|f| (f.id.as_str(), f)).collect(),
            names: by_first,
        }
    }
}

/// Checks one prose sentence: `text` is what the reader sees, `span_of`
/// maps a byte range of it to a span, `refs` are the fact ids it cites and
/// `ref_at` where each reference is, mapped into `text` offsets (a
/// reference after the last word is at `text.len()`).
pub fn check_sentence(
    prose: &Prose,
    text: &str,
    refs: &[(usize, &str)],
    span_of: &dyn Fn(&Range<usize>) -> Span,
    diags: &mut Vec<Diagnostic>,
) {
    let by_id = &prose.by_id;
    // Groups of references, as (text offset, ids).
    let mut groups: Vec<(usize, Vec<&str>)> = Vec::new();
    for (at, id) in refs {
        match groups.last_mut() {
            Some((g, ids)) if *g == *at => ids.push(id),
            _ => groups.push((*at, vec![id])),
        }
    }
    let bound = |end: usize| -> (usize, Vec<&SiteFact>) {
        let ids: Vec<&str> = match groups.iter().find(|(at, _)| *at >= end) {
            Some((_, ids)) => ids.clone(),
            None => refs.iter().map(|(_, id)| *id).collect(),
        };
        let limit = groups
            .iter()
            .find(|(at, _)| *at >= end)
            .map_or(text.len(), |g| g.0);
        let mut seen = BTreeSet::new();
        let facts = ids
            .into_iter()
            .filter(|id| seen.insert(*id))
            .filter_map(|id| by_id.get(id).copied())
            .collect();
        (limit, facts)
    };
    let found = phrases(text);
    for (n, p) in found.iter().enumerate() {
        let written = &text[p.range.clone()];
        if refs.is_empty() {
            diags.push(unchecked(
                written,
                span_of(&p.range),
                "this sentence cites no fact",
            ));
            continue;
        }
        let (limit, facts) = bound(p.range.end);
        let next = found.get(n + 1).map_or(text.len(), |q| q.range.start);
        let disputing = disputes(p, text, limit.min(next));
        for f in facts {
            let (ok, _, _) = holds(p, &f.counts, disputing);
            if !ok {
                diags.push(mismatch(p, written, f, disputing, span_of(&p.range)));
            }
        }
    }
    for (range, folded) in mentions(prose, text) {
        if refs.is_empty() {
            continue; // the sentence has its own warning
        }
        let (_, facts) = bound(range.end);
        let (key, origin) = prose.origins.named(&folded);
        let quotes_it = facts.iter().any(|f| {
            f.sources
                .iter()
                .chain(&f.conflicts)
                .any(|q| Some(q.source.as_str()) == key || q.provenance.origin_id == origin)
        });
        if !quotes_it {
            let written = &text[range.clone()];
            let cited: Vec<String> = facts.iter().map(|f| format!("`{}`", f.id)).collect();
            diags.push(
                Diagnostic::error(
                    "outlet-not-cited",
                    format!("`{written}` is named, but no fact cited for it quotes {written}"),
                )
                .at(span_of(&range), "named here")
                .note(match cited.len() {
                    1 => format!(
                        "the name binds to fact {}, which has no quote from {written} and none whose origin is {written}",
                        cited[0]
                    ),
                    _ => format!(
                        "the name binds to facts {}, and none has a quote from {written} or one whose origin is {written}",
                        cited.join(", ")
                    ),
                })
                .help(format!(
                    "cite, right after the name's clause, a fact that quotes {written}, or say who does say it"
                )),
            );
        }
    }
}

/// Whether `range` of `text` lies in a count of sources (which these
/// rules check, so the number rules leave it alone).
pub fn is_count(text: &str, range: &Range<usize>) -> bool {
    phrases(text)
        .iter()
        .any(|p| p.range.start <= range.start && range.end <= p.range.end.max(p.count_end))
}

/// Places `part` of a value within the raw text its span covers: at its
/// first occurrence at or after `from`, else the whole span.
fn place(span: &Span, raw: &str, part: &str) -> Span {
    match raw.find(part) {
        Some(i) => Span::new(
            span.path.clone(),
            span.range.start + i..span.range.start + i + part.len(),
        ),
        None => span.clone(),
    }
}

/// Checks every count and outlet name in the briefing (prose, title and
/// summary) and in the facts' claims.
pub fn check_project(
    project: &crate::load::Project,
    scan: Option<&crate::briefing::Scan>,
    facts: &[SiteFact],
    origins: &Origins,
    diags: &mut Vec<Diagnostic>,
) {
    if !project.facts_complete {
        return; // a fact file did not parse: the cited facts may be in it
    }
    let raw = |span: &Span| {
        project
            .files
            .get(&span.path)
            .and_then(|t| t.get(span.range.clone()))
            .unwrap_or("")
    };
    for (f, sf) in project.facts.iter().zip(facts) {
        // The claim and the editor's note speak of this fact alone.
        for t in std::iter::once(&f.claim).chain(&f.note) {
            let span = &t.span;
            let value = &t.value;
            check_claim(
                sf,
                value,
                &|r| place(span, raw(span), &value[r.clone()]),
                diags,
            );
        }
    }
    let (Some(b), Some(scan)) = (&project.briefing, scan) else {
        return;
    };
    for t in [&b.title, &b.summary] {
        let what = "the title and summary cite no fact";
        check_unbound(
            &t.value,
            what,
            &|r| place(&t.span, raw(&t.span), &t.value[r.clone()]),
            diags,
        );
    }
    // Headings and tables are not prose sentences and cite nothing a count
    // could be checked against: a count there is refused.
    let mut at = 0;
    for line in b.body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') || trimmed.starts_with('|') {
            let start = b.body_offset + at;
            let span_of = |r: &Range<usize>| {
                Span::new(b.title.span.path.clone(), start + r.start..start + r.end)
            };
            check_unbound(line, "headings and tables cite no fact", &span_of, diags);
        }
        at += line.len();
    }
    let names = origins.prose_names(&project.manifest, &project.facts);
    let prose = Prose::new(facts, origins, &names);
    let known: BTreeSet<&str> = facts.iter().map(|f| f.id.as_str()).collect();
    let path = b.title.span.path.clone();
    for (((_, ids), text), at) in scan.sentences.iter().zip(&scan.texts).zip(&scan.ref_ranges) {
        if ids.iter().any(|id| !known.contains(id.as_str())) {
            continue; // an unknown reference is an error of its own
        }
        // Each reference at the first text byte that comes after it.
        let refs: Vec<(usize, &str)> = ids
            .iter()
            .zip(at)
            .map(|(id, r)| {
                let pos = text
                    .offsets
                    .iter()
                    .position(|&o| o >= r.end)
                    .unwrap_or(text.text.len());
                (pos, id.as_str())
            })
            .collect();
        let span_of = |r: &Range<usize>| {
            let body = text.body_range(r);
            Span::new(
                path.clone(),
                b.body_offset + body.start..b.body_offset + body.end,
            )
        };
        check_sentence(&prose, &text.text, &refs, &span_of, diags);
    }
}

/// Checks the counts in a fact's claim against the fact itself.
pub fn check_claim(
    fact: &SiteFact,
    claim: &str,
    span_of: &dyn Fn(&Range<usize>) -> Span,
    diags: &mut Vec<Diagnostic>,
) {
    let found = phrases(claim);
    for (n, p) in found.iter().enumerate() {
        let next = found.get(n + 1).map_or(claim.len(), |q| q.range.start);
        let disputing = disputes(p, claim, next);
        if !holds(p, &fact.counts, disputing).0 {
            diags.push(mismatch(
                p,
                &claim[p.range.clone()],
                fact,
                disputing,
                span_of(&p.range),
            ));
        }
    }
}

/// Refuses every count in a text that cites no fact (the title and the
/// summary).
pub fn check_unbound(
    text: &str,
    what: &str,
    span_of: &dyn Fn(&Range<usize>) -> Span,
    diags: &mut Vec<Diagnostic>,
) {
    for p in phrases(text) {
        diags.push(unchecked(&text[p.range.clone()], span_of(&p.range), what));
    }
}

fn unchecked(written: &str, span: Span, why: &str) -> Diagnostic {
    Diagnostic::error(
        "source-count-unchecked",
        format!("`{written}` counts sources, but {why}"),
    )
    .at(span, "a count of sources that nothing checks")
    .note("a count of sources is checked against the facts its sentence cites")
    .help("move the count into a prose sentence that cites the facts it counts, or leave it out")
}

fn mismatch(p: &Phrase, written: &str, f: &SiteFact, disputing: bool, span: Span) -> Diagnostic {
    let reads = match (p.quant, p.total_only) {
        (_, true) => "a total".to_string(),
        (Quant::Unreadable, _) => "no number".to_string(),
        _ if disputing => "a count of sources that dispute".to_string(),
        _ => "a count of sources that support".to_string(),
    };
    let mut d = Diagnostic::error(
        "source-count",
        format!("`{written}` does not match the sources of fact `{}`", f.id),
    )
    .at(span, format!("read as {reads}"))
    .note(describe(f, p.seeds, disputing));
    if !p.seeds {
        d = d.note("sources count by independent origin: documents that relay one origin (`based_on`, `origin`) count once");
    }
    d.help(match p.quant {
        Quant::Unreadable => "say how many sources (`two sources`, `the only source`), or name them".to_string(),
        _ => "write the count the fact has, cite the facts it counts right after the phrase, or name the sources instead".to_string(),
    })
}

/// Names of sources and origins in `text`, as (range, folded name). A name
/// that is a source's key or `name` counts wherever it is; a name known
/// only as an origin (`based_on`, `origin`) counts where it is credited
/// (`according to CNBC`, `per CNBC`, `CNBC reported`, `CNBC's report`), so
/// that `Microsoft said` names the origin Microsoft and `Microsoft keeps a
/// license` does not.
fn mentions(prose: &Prose, text: &str) -> Vec<(Range<usize>, String)> {
    let ws = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let candidates = prose.names.get(&ws[i].lower).map_or(&[][..], Vec::as_slice);
        let hit = candidates.iter().find(|(name, _)| {
            name.len() <= ws.len() - i
                && name
                    .iter()
                    .zip(&ws[i..])
                    .enumerate()
                    .all(|(k, (n, w))| *n == w.lower && (k == 0 || !w.punct_before))
        });
        let Some((name, folded)) = hit else {
            i += 1;
            continue;
        };
        let end = i + name.len();
        let seed = prose.origins.named(folded).0.is_some();
        let before = |k: usize| i.checked_sub(k).map(|j| ws[j].lower.as_str());
        let credited = before(1)
            .is_some_and(|w| matches!(w, "per" | "citing" | "cites" | "cited" | "quoting" | "via"))
            || (before(1) == Some("to")
                && before(2).is_some_and(|w| {
                    matches!(
                        w,
                        "according"
                            | "attributed"
                            | "attributes"
                            | "attributing"
                            | "credited"
                            | "credits"
                            | "traces"
                            | "traced"
                    )
                }))
            || (before(1) == Some("by")
                && before(2).is_some_and(|w| {
                    matches!(
                        w,
                        "reported"
                            | "said"
                            | "summarised"
                            | "summarized"
                            | "stated"
                            | "written"
                            | "published"
                            | "quoted"
                            | "cited"
                            | "confirmed"
                            | "described"
                            | "given"
                            | "relayed"
                    )
                }))
            || ws.get(end).is_some_and(|w| !w.punct_before && is_verb(w))
            || ws[end - 1].possessive;
        if seed || credited {
            let last = &ws[end - 1];
            let mut stop = last.range.end;
            if last.possessive
                && let Some(stem) = text[last.range.clone()]
                    .strip_suffix("'s")
                    .or_else(|| text[last.range.clone()].strip_suffix("\u{2019}s"))
            {
                stop = last.range.start + stem.len();
            }
            out.push((ws[i].range.start..stop, folded.clone()));
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quants(text: &str) -> Vec<(String, Quant, Option<u32>, bool)> {
        phrases(text)
            .into_iter()
            .map(|p| {
                (
                    text[p.range.clone()].to_string(),
                    p.quant,
                    p.total,
                    p.total_only,
                )
            })
            .collect()
    }

    fn one(text: &str) -> (String, Quant, Option<u32>) {
        let q = quants(text);
        assert_eq!(q.len(), 1, "{text}: {q:?}");
        (q[0].0.clone(), q[0].1, q[0].2)
    }

    #[test]
    fn reads_the_counts_an_editor_would_write() {
        use Quant::*;
        let cases: &[(&str, &str, Quant, Option<u32>)] = &[
            ("Two sources say so.", "Two sources", Exact(2), None),
            ("per two sources", "two sources", Exact(2), None),
            ("according to 2 sources", "2 sources", Exact(2), None),
            (
                "three independent outlets",
                "three independent outlets",
                Exact(3),
                None,
            ),
            ("three news outlets", "three news outlets", Exact(3), None),
            (
                "two independent news outlets agree",
                "two independent news outlets",
                Exact(2),
                None,
            ),
            ("a pair of sources", "a pair of sources", Exact(2), None),
            (
                "two of the five sources",
                "two of the five sources",
                Exact(2),
                Some(5),
            ),
            (
                "one of two outlets says",
                "one of two outlets",
                Exact(1),
                Some(2),
            ),
            ("both outlets say", "both outlets", Exact(2), Some(2)),
            (
                "In both outlets, the figure is 20%.",
                "both outlets",
                Exact(2),
                Some(2),
            ),
            ("both sources", "both sources", Exact(2), Some(2)),
            ("Scout and aicnbc.com both say so", "both", Exact(2), None),
            ("It appears in both.", "both", Exact(2), Some(2)),
            ("two reports say", "two reports", Exact(2), None),
            ("per two reports", "two reports", Exact(2), None),
            ("all five sources", "all five sources", All, Some(5)),
            ("in all five.", "all five", All, Some(5)),
            ("all five agree", "all five", All, Some(5)),
            ("all the sources", "all the sources", All, None),
            ("every source", "every source", All, None),
            ("the only source", "only source", Exact(1), None),
            ("a single source", "a single source", Exact(1), None),
            ("one source", "one source", Exact(1), None),
            (
                "per one article's chronology",
                "one article's",
                Exact(1),
                None,
            ),
            ("only one outlet says", "only one outlet", Exact(1), None),
            ("several sources", "several sources", AtLeast(2), None),
            (
                "multiple outlets report",
                "multiple outlets",
                AtLeast(2),
                None,
            ),
            (
                "a number of reports say",
                "a number of reports",
                AtLeast(2),
                None,
            ),
            (
                "at least two sources",
                "at least two sources",
                AtLeast(2),
                None,
            ),
            (
                "more than three news outlets",
                "more than three news outlets",
                MoreThan(3),
                None,
            ),
            (
                "fewer than three sources",
                "fewer than three sources",
                FewerThan(3),
                None,
            ),
            (
                "two or three sources",
                "two or three sources",
                Between(2, 3),
                None,
            ),
            ("2-3 sources", "2-3 sources", Between(2, 3), None),
            ("twenty sources", "twenty sources", Exact(20), None),
            ("seventeen sources", "seventeen sources", Exact(17), None),
            ("a dozen sources", "a dozen sources", Exact(12), None),
            ("most sources", "most sources", Most, None),
            (
                "the majority of sources",
                "the majority of sources",
                Most,
                None,
            ),
            ("a second source", "second source", Unreadable, None),
            ("another outlet says", "another outlet", Unreadable, None),
            ("no other source", "no other source", Unreadable, None),
            ("the other two sources", "other two sources", Exact(2), None),
            ("Three say so", "Three", Exact(3), None),
            ("three documents say", "three documents", Exact(3), None),
            ("neither source", "neither source", Exact(0), None),
        ];
        let wrong: Vec<String> = cases
            .iter()
            .filter(|(text, phrase, quant, total)| {
                quants(text) != vec![(phrase.to_string(), *quant, *total, false)]
            })
            .map(|(text, ..)| format!("{text}: {:?}", quants(text)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn not_counts_of_sources() {
        for text in [
            "Microsoft invested $13 billion in two rounds.",
            "The two companies signed.",
            "both Microsoft and OpenAI",
            "no longer exclusive",
            "over the next six years",
            "one of the largest deals",
            "two, sources",
            "two billion dollars to sources",
            "The chain will close 99 outlets across the north.",
            "two sources of revenue",
            "three reports were filed",
            "The first investment came in 2019.",
        ] {
            assert_eq!(quants(text), vec![], "{text}");
        }
    }

    #[test]
    fn of_the_five_sources_is_a_total() {
        let q = quants("Of the five sources, two say so.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!((q[0].1, q[0].2, q[0].3), (Quant::Exact(5), Some(5), true));
        assert_eq!(q[1].0, "two");
    }

    #[test]
    fn documents_count_seeds() {
        let p = &phrases("three documents say")[0];
        assert!(p.seeds);
        assert!(!phrases("three outlets say")[0].seeds);
    }

    #[test]
    fn a_dispute_word_in_the_clause_makes_a_disputing_count() {
        let text = "Three sources say it may launch first, though two sources word that exception differently.";
        let ps = phrases(text);
        assert_eq!(ps.len(), 2);
        assert!(!disputes(&ps[0], text, ps[1].range.start));
        assert!(disputes(&ps[1], text, text.len()));
        let text = "It is disputed by two outlets.";
        assert!(disputes(&phrases(text)[0], text, text.len()));
    }

    fn counts(so: usize, do_: usize, to: usize) -> Counts {
        Counts {
            supporting_origins: so,
            disputing_origins: do_,
            total_origins: to,
            supporting_sources: so,
            disputing_sources: do_,
            total_sources: to,
            second_hand: false,
        }
    }

    #[test]
    fn counts_hold_only_when_the_number_is_right() {
        let p = |t: &str| phrases(t).remove(0);
        assert!(holds(&p("two sources"), &counts(2, 0, 2), false).0);
        assert!(!holds(&p("two sources"), &counts(1, 0, 1), false).0);
        assert!(!holds(&p("two sources"), &counts(3, 0, 3), false).0);
        assert!(holds(&p("two sources"), &counts(3, 2, 5), true).0);
        assert!(holds(&p("all five sources"), &counts(5, 0, 5), false).0);
        assert!(!holds(&p("all five sources"), &counts(4, 1, 5), false).0);
        assert!(!holds(&p("all sources"), &counts(1, 0, 1), false).0);
        assert!(holds(&p("both sources"), &counts(2, 0, 2), false).0);
        assert!(!holds(&p("both sources"), &counts(2, 1, 3), false).0);
        assert!(holds(&p("several sources"), &counts(2, 0, 2), false).0);
        assert!(!holds(&p("several sources"), &counts(1, 0, 1), false).0);
        assert!(holds(&p("two of the five sources"), &counts(2, 3, 5), false).0);
        assert!(!holds(&p("two of the five sources"), &counts(2, 0, 2), false).0);
        assert!(holds(&p("most sources"), &counts(3, 2, 5), false).0);
        assert!(!holds(&p("most sources"), &counts(2, 2, 4), false).0);
        assert!(!holds(&p("a second source"), &counts(2, 0, 2), false).0);
        assert!(holds(&p("the only source"), &counts(1, 0, 1), false).0);
        assert!(!holds(&p("the only source"), &counts(2, 0, 2), false).0);
    }

    #[test]
    fn words_keep_possessives_and_joined_names() {
        let ws = words("Scout’s view, per aicnbc.com; CNBC's report (two-fold)");
        let lower: Vec<&str> = ws.iter().map(|w| w.lower.as_str()).collect();
        assert_eq!(
            lower,
            [
                "scout",
                "view",
                "per",
                "aicnbc.com",
                "cnbc",
                "report",
                "two-fold"
            ]
        );
        assert!(ws[0].possessive && ws[4].possessive);
        assert!(ws[2].punct_before && ws[4].punct_before && ws[6].punct_before);
        assert!(!ws[1].punct_before);
    }

    /// A small deterministic generator (xorshift), so that the exhaustive
    /// comparison below needs no extra crate and is the same on every run.
    fn next(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn the_parser_finds_every_count_the_reference_scan_finds() {
        let mut vocab: Vec<&str> = Vec::new();
        vocab.extend(NUMBER_WORDS);
        vocab.extend(COUNT_WORDS);
        vocab.extend(&ORDINALS[..3]);
        vocab.extend([
            "2", "13", "1,000", "2-3", "a", "the", "of", "or", "to", "at", "least", "more", "than",
            "up", "an",
        ]);
        vocab.extend([
            "sources",
            "source",
            "outlets",
            "report",
            "articles",
            "documents",
            "media",
        ]);
        vocab.extend([
            "say",
            "says",
            "agree",
            "reported",
            "differently",
            "disputes",
        ]);
        vocab.extend([
            "independent",
            "news",
            "companies",
            "Microsoft",
            "billion",
            "cloud",
            "and",
            "that",
        ]);
        let puncts = [" ", " ", " ", " ", ", ", "; ", ". ", " (", ") ", " — "];
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        let mut checked = 0;
        for _ in 0..20_000 {
            let n = 1 + (next(&mut state) % 9) as usize;
            let mut text = String::new();
            for k in 0..n {
                if k > 0 {
                    text.push_str(puncts[(next(&mut state) % puncts.len() as u64) as usize]);
                }
                text.push_str(vocab[(next(&mut state) % vocab.len() as u64) as usize]);
            }
            let ws = words(&text);
            let found = phrases(&text);
            for i in reference_count_words(&text) {
                checked += 1;
                let at = ws[i].range.start;
                assert!(
                    found
                        .iter()
                        .any(|p| p.range.start <= at && at < p.range.end.max(p.count_end)),
                    "the reference finds a count at `{}` in {text:?}, the parser does not: {found:?}",
                    ws[i].lower
                );
            }
        }
        assert!(checked > 3_000, "only {checked} counts were compared");
    }

    #[test]
    fn numbers_up_to_twenty_in_words_and_digits() {
        for (i, w) in NUMBER_WORDS.iter().enumerate() {
            assert_eq!(
                one(&format!("{w} sources")).1,
                Quant::Exact(i as u32),
                "{w}"
            );
            assert_eq!(
                one(&format!("{i} outlets say")).1,
                Quant::Exact(i as u32),
                "{i}"
            );
        }
    }
}
