//! The check of a prose sentence's counts and names as it was before its
//! split into a reading and a binding (see `reading.rs`): one pass that
//! read and bound at once, kept as the reference for `tests_reading.rs`.

use super::*;

/// The checks' view of the project, as it was.
pub(super) struct OldProse<'a> {
    origins: &'a Origins,
    by_id: HashMap<&'a str, &'a SiteFact>,
    names: HashMap<String, Vec<(Vec<String>, String)>>,
}

impl<'a> OldProse<'a> {
    pub(super) fn new(
        facts: &'a [SiteFact],
        origins: &'a Origins,
        names: &BTreeSet<String>,
    ) -> OldProse<'a> {
        let mut by_first: HashMap<String, Vec<(Vec<String>, String)>> = HashMap::default();
        for n in names {
            let ws: Vec<String> = words(n).into_iter().map(|w| w.lower.into_owned()).collect();
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
        OldProse {
            origins,
            by_id: facts.iter().map(|f| (f.id.as_str(), f)).collect(),
            names: by_first,
        }
    }
}

const CREDITING_COMPOUNDS: &[&str] = &[
    "led",
    "reported",
    "sourced",
    "based",
    "backed",
    "funded",
    "run",
    "owned",
    "commissioned",
];

fn old_mentions_in(prose: &OldProse, text: &str, ws: &[Word]) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let candidates = prose
            .names
            .get(unhyphenated(&ws[i].lower).as_ref())
            .map_or(&[][..], Vec::as_slice);
        let hit =
            candidates.iter().find(|(name, _)| {
                name.len() <= ws.len() - i
                    && name.iter().zip(&ws[i..]).enumerate().all(|(k, (n, w))| {
                        *n == unhyphenated(&w.lower) && (k == 0 || !w.punct_before)
                    })
            });
        let part = if hit.is_some() {
            None
        } else {
            old_name_part(prose, &ws[i], text)
        };
        if let Some((len, folded, compound)) = part {
            let at = ws[i].range.start;
            if prose.origins.named(folded).0.is_some() || compound || ws[i].possessive {
                out.push((at..at + len, folded.clone()));
            }
            i += 1;
            continue;
        }
        let Some((name, folded)) = hit else {
            i += 1;
            continue;
        };
        let end = i + name.len();
        let seed = prose.origins.named(folded).0.is_some();
        let before = |k: usize| i.checked_sub(k).map(|j| ws[j].lower.as_ref());
        let credited = before(1).is_some_and(|w| {
            matches!(
                w,
                "per" | "citing" | "cites" | "cited" | "quoting" | "via" | "from"
            )
        }) || (before(1) == Some("to")
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
            || ws
                .get(end)
                .is_some_and(|w| !w.punct_before && (is_verb(w) || is_noun(w)))
            || text[ws[end - 1].range.end..].trim_start().starts_with(':')
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

fn old_name_part<'p>(
    prose: &'p OldProse,
    w: &Word,
    text: &str,
) -> Option<(usize, &'p String, bool)> {
    let one = |stem: &str| {
        prose
            .names
            .get(stem)?
            .iter()
            .find(|(name, _)| name.len() == 1)
            .map(|(_, folded)| folded)
    };
    if w.possessive
        && let Some(stem) = w.lower.strip_suffix('s')
        && let Some(folded) = one(stem)
    {
        let raw = &text[w.range.clone()];
        let last = raw.chars().next_back().map_or(0, char::len_utf8);
        return Some((raw.len() - last, folded, false));
    }
    let (stem, rest) = w.lower.split_once(['-', '\u{2010}', '\u{2011}'])?;
    let folded = one(stem)?;
    let len = text[w.range.clone()].find(['-', '\u{2010}', '\u{2011}'])?;
    Some((len, folded, CREDITING_COMPOUNDS.contains(&rest)))
}

fn unhyphenated(w: &str) -> std::borrow::Cow<'_, str> {
    if w.contains(['-', '\u{2010}', '\u{2011}']) {
        w.replace(['-', '\u{2010}', '\u{2011}'], "").into()
    } else {
        w.into()
    }
}

pub(super) fn old_check_sentence(
    prose: &OldProse,
    text: &str,
    found: &[Phrase],
    refs: &[(usize, &str)],
    span_of: &dyn Fn(&Range<usize>) -> Span,
    diags: &mut Vec<Diagnostic>,
) {
    let by_id = &prose.by_id;
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
    let ws = words(text);
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
    for (range, folded) in old_mentions_in(prose, text, &ws) {
        if refs.is_empty() {
            continue; // the sentence has its own warning
        }
        let (_, facts) = bound(range.end);
        let (key, origin) = prose.origins.named(&folded);
        let quotes_it = facts.iter().any(|f| {
            f.sources.iter().chain(&f.conflicts).any(|q| match key {
                Some(key) => q.source == key,
                None => q.provenance.origin_id == origin,
            })
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
