//! Reading count phrases (`two sources`, `all five`, `the only source`).

use super::*;

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
/// A range written as one word, low before high (`two-three`, `2-3`).
/// `twenty-two` is a number, not the range 2-20, so it is no count: the
/// number rules read it.
fn word_range(w: &str) -> Option<(u32, u32)> {
    let (a, b) = w.split_once('-')?;
    let (a, b) = (number_value(a)?, number_value(b)?);
    (a < b).then_some((a, b))
}

/// Whether a word is, or is part of, a number: digits, a number word, a
/// scale (`two million sources` counts two million, not two). A count
/// followed by one before its noun is not read as a count, so the number
/// rules read the whole.
pub(super) fn is_numeric(w: &Word) -> bool {
    const SCALES: [&str; 18] = [
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "trillion",
        "trillions",
        "dozen",
        "dozens",
        "score",
        "scores",
        "bn",
        "mn",
        "k",
        "m",
    ];
    let numeric = |p: &str| number_value(p).is_some() || SCALES.contains(&p);
    let l = w.lower.as_ref();
    numeric(l) || l.chars().any(char::is_numeric) || l.split('-').any(numeric)
}

pub(super) fn quantifier(ws: &[Word], i: usize) -> Option<(Quant, Option<u32>, usize)> {
    let w = |k: usize| {
        ws.get(k)
            .filter(|w| k == i || !w.punct_before)
            .map(|w| w.lower.as_ref())
    };
    let num = |k: usize| w(k).and_then(number_value);
    // A number, possibly a range `two or three`, `2-3`, `two to three`.
    let number_at = |k: usize| -> Option<(Quant, usize)> {
        if let Some((a, b)) = w(k).and_then(word_range) {
            return Some((Quant::Between(a, b), k + 1));
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
        // Negated and comparative hedges (`no fewer than two`, `not one
        // but two`, `all but one`) are read as unreadable: say the count.
        ("no" | "not", Some("fewer" | "less")) if w(i + 2) == Some("than") => {
            return hedged(Quant::FewerThan, i + 3).map(|(_, t, k)| (Quant::Unreadable, t, k));
        }
        ("not", Some("more")) if w(i + 2) == Some("than") => return hedged(Quant::AtMost, i + 3),
        ("not", Some("one" | "just" | "only" | "merely" | "simply"))
            if w(i + 1) != Some("one") || w(i + 2) == Some("but") =>
        {
            let mut k = i + 2;
            k += usize::from(num(k).is_some());
            if w(k) == Some("but") {
                k += 1;
                k += usize::from(num(k).is_some());
            }
            return Some((Quant::Unreadable, None, k));
        }
        ("all", Some("but")) => {
            let k = i + 2 + usize::from(num(i + 2).is_some());
            return Some((Quant::Unreadable, None, k));
        }
        ("a", Some("duo" | "trio")) if w(i + 2) == Some("of") => {
            let n = if w(i + 1) == Some("duo") { 2 } else { 3 };
            return Some((Quant::Exact(n), None, i + 3));
        }
        ("a", Some("half-dozen")) => return Some((Quant::Exact(6), None, i + 2)),
        ("half", Some("a")) if w(i + 2) == Some("dozen") => {
            return Some((Quant::Exact(6), None, i + 3));
        }
        ("dozens" | "scores" | "hundreds", _) => {
            let k = if w(i + 1) == Some("of") { i + 2 } else { i + 1 };
            return Some((Quant::AtLeast(24), None, k));
        }
        ("sources" | "origins", Some(v))
            if VERBS.contains(&v)
                && (i == 0
                    || ws[i].punct_before
                    || !matches!(
                        ws[i - 1].lower.as_ref(),
                        "the" | "these" | "those" | "its" | "their" | "our" | "his" | "her"
                    )) =>
        {
            // A bare plural before a verb (`Sources agree`, `supporting
            // sources say`): more than one. (`The sources differ` speaks of
            // the fact's sources, however many.)
            return Some((Quant::AtLeast(2), None, i + 1));
        }
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
    if number_value(first).is_some() || word_range(first).is_some() {
        return number_at(i).map(|(q, k)| (q, None, k));
    }
    let q = match first {
        "both" => return Some((Quant::Exact(2), Some(2), i + 1)),
        "every" | "each" => Quant::All,
        "single" | "sole" | "lone" | "only" => Quant::Exact(1),
        "no" | "none" | "neither" => Quant::Exact(0),
        "several" | "multiple" | "many" | "numerous" | "various" | "some" | "few" | "couple"
        | "handful" => Quant::AtLeast(2),
        "pair" | "twin" | "duo" => Quant::Exact(2),
        "trio" => Quant::Exact(3),
        "half-dozen" => Quant::Exact(6),
        "further" | "additional" | "others" => Quant::Unreadable,
        "most" | "majority" => Quant::Most,
        "another" | "other" => Quant::Unreadable,
        w if ordinals().contains(&w) => Quant::Unreadable,
        _ => return None,
    };
    Some((q, None, i + 1))
}

/// Every count phrase in `text`, in order.
pub fn phrases(text: &str) -> Vec<Phrase> {
    if may_hold_count(text) {
        scan(&words(text))
    } else {
        Vec::new()
    }
}

fn scan(ws: &[Word]) -> Vec<Phrase> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        match phrase_at(ws, i) {
            Some((p, next)) => {
                out.push(p);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

pub(super) fn phrase_at(ws: &[Word], i: usize) -> Option<(Phrase, usize)> {
    let (quant, mut total, mut k) = quantifier(ws, i)?;
    let joined = |k: usize| ws.get(k).filter(|w| !w.punct_before);
    let mut total_only = false;
    // `of the five sources` after a preposition is a total, not a count.
    if i >= 2
        && matches!(ws[i - 1].lower.as_ref(), "the" | "these" | "those")
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
                w.lower.as_ref(),
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
    // The noun, within three words, with no number between.
    for n in k..(k + 3).min(ws.len()) {
        if ws[n].punct_before && n > i {
            break;
        }
        if is_numeric(&ws[n]) {
            break;
        }
        if is_noun(&ws[n]) {
            if !about_sources(ws, i, n) {
                break;
            }
            let seeds = SEED_NOUNS.contains(&ws[n].lower.as_ref());
            return Some((make(ws[n].range.end, seeds, quant, total), n + 1));
        }
    }
    // A verb right after the count, or the end of the clause after `both`
    // or `all`.
    let first = ws[i].lower.as_ref();
    let ends = ws.get(k).is_none_or(|w| w.punct_before);
    // (`further` and `additional` before a verb are adverbs: `the firm
    // further said`.)
    if (joined(k).is_some_and(|w| is_verb(w) && !is_noun(w))
        && !matches!(first, "further" | "additional"))
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
            if w.punct_before || is_numeric(w) {
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
            && !matches!(ws[i].lower.as_ref(), "further" | "additional")
        {
            hit = true;
        }
        if matches!(ws[i].lower.as_ref(), "both" | "all")
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
