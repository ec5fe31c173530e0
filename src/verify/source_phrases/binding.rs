//! Binding phrases to the facts a sentence cites, and checking them.

use super::*;

/// Whether a phrase disputes: a dispute word just before it, or within
/// [`DISPUTE_REACH`] words after its count, before `to` (the next count or
/// the facts it binds to) and before a `;`.
pub(super) fn disputes(p: &Phrase, text: &str, to: usize) -> bool {
    let rest = text.get(p.count_end..to.max(p.count_end)).unwrap_or("");
    let clause = rest.split(';').next().unwrap_or("");
    let ws = words(clause);
    let near = &ws[..ws.len().min(DISPUTE_REACH)];
    p.disputed_before
        || near
            .iter()
            .any(|w| DISPUTE_STEMS.iter().any(|s| w.lower.starts_with(s)))
        // A negated verb of reporting (`do not say`, `don't confirm`).
        || near.windows(2).any(|w| {
            matches!(
                w[0].lower.as_ref(),
                "not" | "never" | "don't" | "doesn't" | "didn't" | "cannot" | "can't"
            ) && is_verb(&w[1])
        })
}

/// Whether `counts` bear the phrase out, and the count it was read against.
pub(super) fn holds(p: &Phrase, c: &Counts, disputing: bool) -> (bool, usize, usize) {
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
pub(super) fn describe(f: &SiteFact, seeds: bool, disputing: bool) -> String {
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
    /// Names the prose may use for sources and origins.
    pub names: std::sync::Arc<Names>,
}

impl<'a> Prose<'a> {
    pub fn new(
        facts: &'a [std::sync::Arc<SiteFact>],
        origins: &'a Origins,
        names: std::sync::Arc<Names>,
    ) -> Prose<'a> {
        Prose {
            origins,
            by_id: facts.iter().map(|f| (f.id.as_str(), &**f)).collect(),
            names,
        }
    }

    /// Whether a fact has this id.
    pub fn knows(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }
}

/// Checks one prose sentence: `text` is what the reader sees, `span_of`
/// maps a byte range of it to a span, `refs` are the fact ids it cites and
/// `ref_at` where each reference is, mapped into `text` offsets (a
/// reference after the last word is at `text.len()`). `found` is
/// `phrases(text)`.
pub fn check_sentence(
    prose: &Prose,
    text: &str,
    found: &[Phrase],
    refs: &[(usize, &str)],
    span_of: &dyn Fn(&Range<usize>) -> Span,
    diags: &mut Vec<Diagnostic>,
) {
    let at: Vec<usize> = refs.iter().map(|r| r.0).collect();
    let reading = read_sentence(&prose.names, text, found, &at);
    bind_sentence(prose, text, found, refs, &reading, span_of, diags);
}

/// [`check_sentence`] from the sentence's [`Reading`] (`read_sentence` of
/// the same text, phrases, reference offsets and names): binds its counts
/// and names to the facts it cites and checks them.
pub fn bind_sentence(
    prose: &Prose,
    text: &str,
    found: &[Phrase],
    refs: &[(usize, &str)],
    reading: &Reading,
    span_of: &dyn Fn(&Range<usize>) -> Span,
    diags: &mut Vec<Diagnostic>,
) {
    let by_id = &prose.by_id;
    let groups = groups(refs);
    let bound = |end: usize| -> Vec<&SiteFact> {
        let ids: Vec<&str> = match groups.iter().find(|(at, _)| *at >= end) {
            Some((_, ids)) => ids.clone(),
            None => refs.iter().map(|(_, id)| *id).collect(),
        };
        let mut seen = BTreeSet::new();
        ids.into_iter()
            .filter(|id| seen.insert(*id))
            .filter_map(|id| by_id.get(id).copied())
            .collect()
    };
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
        let disputing = reading.disputing[n];
        for f in bound(p.range.end) {
            let (ok, _, _) = holds(p, &f.counts, disputing);
            if !ok {
                diags.push(mismatch(p, written, f, disputing, span_of(&p.range)));
            }
        }
    }
    if refs.is_empty() {
        return; // the sentence has its own warning
    }
    for (range, folded) in &reading.mentions {
        let facts = bound(range.end);
        let (key, origin) = prose.origins.named(folded);
        let quotes_it = facts.iter().any(|f| {
            f.sources.iter().chain(&f.conflicts).any(|q| match key {
                // A source is named only by its own quotes, not by an
                // `origin` that names it.
                Some(key) => q.source == key,
                None => q.provenance.origin_id == origin,
            })
        });
        if !quotes_it {
            diags.push(not_cited(&text[range.clone()], &facts, span_of(range)));
        }
    }
}

/// A name that no bound fact quotes.
fn not_cited(written: &str, facts: &[&SiteFact], span: Span) -> Diagnostic {
    let cited: Vec<String> = facts.iter().map(|f| format!("`{}`", f.id)).collect();
    Diagnostic::error(
        "outlet-not-cited",
        format!("`{written}` is named, but no fact cited for it quotes {written}"),
    )
    .at(span, "named here")
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
    ))
}

/// The counts of sources in a text (which these rules check, so the number
/// rules leave them alone): read once per text, then asked per number, so
/// that a text with many numbers is read in linear time.
pub struct Counted(Vec<Range<usize>>);

impl Counted {
    pub fn new(text: &str) -> Counted {
        Counted::of(&phrases(text))
    }

    /// The counts of a text whose [`phrases`] are `found`.
    pub fn of(found: &[Phrase]) -> Counted {
        Counted(
            found
                .iter()
                .map(|p| p.range.start..p.range.end.max(p.count_end))
                .collect(),
        )
    }

    /// Whether `range` lies in a count of sources. The phrases are in text
    /// order and do not overlap: the last one starting at or before
    /// `range` is the only candidate.
    pub fn covers(&self, range: &Range<usize>) -> bool {
        let k = self.0.partition_point(|p| p.start <= range.start);
        k > 0 && range.end <= self.0[k - 1].end
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

pub(super) fn unchecked(written: &str, span: Span, why: &str) -> Diagnostic {
    Diagnostic::error(
        "source-count-unchecked",
        format!("`{written}` counts sources, but {why}"),
    )
    .at(span, "a count of sources that nothing checks")
    .note("a count of sources is checked against the facts its sentence cites")
    .help("move the count into a prose sentence that cites the facts it counts, or leave it out")
}

pub(super) fn mismatch(
    p: &Phrase,
    written: &str,
    f: &SiteFact,
    disputing: bool,
    span: Span,
) -> Diagnostic {
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
