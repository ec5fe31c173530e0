//! [`apply`] (origin names registered first, facts counted in parallel)
//! against the one-pass loop it replaced, kept here as the reference.

use super::*;
use crate::diagnostic::Span;
use crate::verify::SiteQuote;
use proptest::prelude::*;
use std::sync::Arc;

/// `apply` as it was: one pass over the facts, each origin name resolved
/// (and an outside one registered) where it is met.
fn reference_apply(
    manifest: &[ManifestEntry],
    facts: &[Arc<Fact>],
    site_facts: &mut [SiteFact],
    diags: &mut Vec<Diagnostic>,
) -> Origins {
    let mut origins = Origins::new(manifest, diags);
    for (f, sf) in facts.iter().zip(site_facts.iter_mut()) {
        check_both_sides(f, diags);
        let mut side = |cites: &[Citation]| {
            let mut seeds = BTreeSet::new();
            let mut ids = BTreeSet::new();
            let mut provenance = Vec::new();
            for c in cites {
                let key = c.source.value.as_str();
                let Some(own) = origins.of_source(key).map(str::to_string) else {
                    provenance.push(None);
                    continue;
                };
                seeds.insert(key.to_string());
                let (id, shown) = match &c.origin {
                    Some(o) if !o.value.trim().is_empty() => origins.resolve(&o.value),
                    _ => (own.clone(), origins.shown(&own)),
                };
                check_attribution_origin(c, &origins, id == own, diags);
                ids.insert(id.clone());
                provenance.push(Some(Provenance {
                    attributed_to: c.attributed_to.as_ref().map(|a| a.value.clone()),
                    origin: shown,
                    origin_id: id,
                    editor_judged: c.origin.is_some() && c.attributed_to.is_none(),
                }));
            }
            (seeds, ids, provenance)
        };
        let (s_seeds, s_ids, s_prov) = side(&f.sources);
        let (d_seeds, d_ids, d_prov) = side(&f.conflicts);
        check_origin_both_sides(f, &s_prov, &d_prov, diags);
        sf.counts = Counts {
            supporting_sources: s_seeds.len(),
            supporting_origins: s_ids.len(),
            disputing_sources: d_seeds.len(),
            disputing_origins: d_ids.len(),
            total_origins: s_ids.union(&d_ids).count(),
            total_sources: s_seeds.union(&d_seeds).count(),
            second_hand: f.sources.iter().any(|c| c.attributed_to.is_some()),
        };
        sf.status = if !f.conflicts.is_empty() {
            Status::Disputed
        } else if sf.counts.supporting_origins >= 2 {
            Status::Corroborated
        } else {
            Status::SingleSource
        };
        for (quotes, prov) in [(&mut sf.sources, s_prov), (&mut sf.conflicts, d_prov)] {
            if quotes.len() == prov.len() {
                for (q, p) in quotes.iter_mut().zip(prov) {
                    q.provenance = p.unwrap_or_default();
                }
            }
        }
    }
    origins
}

fn text(value: &str, at: usize) -> Text {
    Text {
        value: value.to_string(),
        span: Span::new("f.yaml", at..at + value.len()),
    }
}

/// Names from a small pool, so that sources share publishers, names clash
/// and outside origins are written several ways (case, spacing).
fn name() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "CNBC", "cnbc", " CNBC ", "Reuters", "AP", "Wire", "wire", "", "a", "b",
    ])
    .prop_map(str::to_string)
}

fn manifest() -> impl Strategy<Value = Vec<ManifestEntry>> {
    let entry = (
        prop::sample::select(vec!["a", "b", "c", "d"]),
        name(),
        prop::option::of(name()),
        prop::option::weighted(0.3, name()),
    );
    prop::collection::vec(entry, 0..5).prop_map(|entries| {
        entries
            .into_iter()
            .enumerate()
            .map(|(i, (key, publisher, name, based_on))| ManifestEntry {
                key: text(key, i * 100),
                file: text(&format!("{key}.txt"), i * 100 + 10),
                title: text("T", i * 100 + 20),
                publisher: text(&publisher, i * 100 + 30),
                url: None,
                sha256: text("0", i * 100 + 40),
                name: name.map(|n| text(&n, i * 100 + 50)),
                based_on: based_on.map(|n| text(&n, i * 100 + 60)),
            })
            .collect()
    })
}

/// A citation: its source key, `origin:` and `attributed_to:`.
type RawCitation = (String, Option<String>, Option<String>);
/// A fact: its supporting and its disputing citations.
type RawFact = (Vec<RawCitation>, Vec<RawCitation>);

fn citations() -> impl Strategy<Value = Vec<RawCitation>> {
    let citation = (
        prop::sample::select(vec!["a", "b", "c", "d", "e"]).prop_map(str::to_string),
        prop::option::weighted(0.4, name()),
        prop::option::weighted(
            0.3,
            prop::sample::select(vec!["according to CNBC", "AP said"]).prop_map(str::to_string),
        ),
    );
    prop::collection::vec(citation, 0..4)
}

fn facts() -> impl Strategy<Value = Vec<RawFact>> {
    prop::collection::vec((citations(), citations()), 0..6)
}

fn build(raw: &[RawFact]) -> (Vec<Arc<Fact>>, Vec<SiteFact>) {
    build_from(raw, 10_000)
}

/// [`build`], the facts written from byte `start` of their file on.
fn build_from(raw: &[RawFact], start: usize) -> (Vec<Arc<Fact>>, Vec<SiteFact>) {
    let at = std::cell::Cell::new(start);
    let next = |s: &str| {
        at.set(at.get() + 100);
        text(s, at.get())
    };
    let mut facts = Vec::new();
    let mut site = Vec::new();
    for (k, (sources, conflicts)) in raw.iter().enumerate() {
        let cite = |list: &[RawCitation]| -> Vec<Citation> {
            list.iter()
                .map(|(source, origin, attributed)| Citation {
                    source: next(source),
                    quote: next("a quote of words"),
                    note: Some(next("a note")),
                    attributed_to: attributed.as_deref().map(next),
                    origin: origin.as_deref().map(next),
                    span: Span::new("f.yaml", 0..0),
                })
                .collect()
        };
        let fact = Fact {
            id: next(&format!("fact-{k}")),
            claim: next("A claim."),
            sources_span: Span::new("f.yaml", 0..0),
            sources: cite(sources),
            conflicts: cite(conflicts),
            note: None,
        };
        let quote = |c: &Citation| SiteQuote {
            source: c.source.value.clone(),
            quote: c.quote.value.clone(),
            note: None,
            pieces: std::iter::once(0..1).collect(),
            line: 1,
            column: 1,
            provenance: Provenance::default(),
        };
        site.push(SiteFact {
            id: fact.id.value.clone(),
            claim: fact.claim.value.clone(),
            note: None,
            number: None,
            sources: fact.sources.iter().map(quote).collect(),
            conflicts: fact.conflicts.iter().map(quote).collect(),
            status: Status::SingleSource,
            corroboration: 0,
            counts: Counts::default(),
            uses: 0,
            note_numbers: Vec::new(),
        });
        facts.push(Arc::new(fact));
    }
    (facts, site)
}

/// The site facts' values, for comparing with the reference's.
fn unshared(facts: &[Arc<SiteFact>]) -> Vec<SiteFact> {
    facts.iter().map(|f| (**f).clone()).collect()
}

/// The origin model with its maps in key order.
fn model(o: &Origins) -> String {
    use std::collections::BTreeMap;
    let names: BTreeMap<_, _> = o.names.iter().collect();
    let outside: BTreeMap<_, _> = o.outside.iter().collect();
    let by_key: BTreeMap<_, _> = o.by_key.iter().collect();
    format!(
        "{names:?} {:?} {outside:?} {by_key:?} {:?}",
        o.sources, o.aliases
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    /// Counts, statuses, provenance (origin names as first written), the
    /// origin model and the diagnostics, in order, are the reference's.
    #[test]
    fn apply_matches_the_one_pass_reference(manifest in manifest(), raw in facts()) {
        let (facts, site) = build(&raw);
        let mut expected_site = site.clone();
        let mut got_site: Vec<Arc<SiteFact>> = site.into_iter().map(Arc::new).collect();
        let (mut expected_diags, mut got_diags) = (Vec::new(), Vec::new());
        let expected = reference_apply(&manifest, &facts, &mut expected_site, &mut expected_diags);
        let base = Arc::new(Origins::new(&manifest, &mut got_diags));
        let mut cache = CountCache::new(false);
        let got = apply(base, &facts, &mut got_site, &mut cache, &mut got_diags);
        prop_assert_eq!(unshared(&got_site), expected_site);
        prop_assert_eq!(format!("{got_diags:?}"), format!("{expected_diags:?}"));
        prop_assert_eq!(model(&got), model(&expected));
    }

    /// Serve's second run, with the counts kept from the first: some facts
    /// the very same, some changed, some moved in their file (an edit above
    /// them), some quotes no longer found, the model
    /// the same or rebuilt from another manifest, give what counting afresh
    /// gives. Some site facts start from the first run's finished form (as
    /// the verify cache hands them over), the others from a fresh check;
    /// a finished one that ends as it started keeps its `Arc`.
    #[test]
    fn apply_with_kept_counts_matches_the_reference(
        manifest in manifest(),
        other in prop::option::of(manifest()),
        raw in facts(),
        changes in prop::collection::vec((any::<bool>(), any::<bool>(), citations()), 0..6),
    ) {
        let (facts, site) = build(&raw);
        let mut cache = CountCache::new(true);
        let base = Arc::new(Origins::new(&manifest, &mut Vec::new()));
        let mut finished: Vec<Arc<SiteFact>> = site.iter().cloned().map(Arc::new).collect();
        apply(base.clone(), &facts, &mut finished, &mut cache, &mut Vec::new());
        // The second run: each fact kept, or given new supporting quotes;
        // some site facts lose a quote (not found this time). `site2` is
        // what a fresh check gives (the reference's input), `got2` what
        // `apply` is handed.
        let (fresh, fresh_site) = build(&raw);
        let (moved, moved_site) = build_from(&raw, 10_037);
        let mut facts2 = Vec::new();
        let mut site2 = Vec::new();
        let mut got2 = Vec::new();
        let mut kept_whole = Vec::new();
        for (k, (f, sf)) in facts.iter().zip(&site).enumerate() {
            let change = changes.get(k);
            let (mut f2, mut sf2) = (f.clone(), sf.clone());
            let mut got = None;
            if let Some((true, _, quotes)) = change {
                let (changed, changed_site) = build(&[(quotes.clone(), raw[k].1.clone())]);
                f2 = Arc::new(Fact { id: f.id.clone(), ..(*changed[0]).clone() });
                sf2 = SiteFact { id: sf.id.clone(), ..changed_site[0].clone() };
            } else if k % 3 == 2 {
                // An equal fact, parsed again: not the same Arc.
                f2 = fresh[k].clone();
                sf2 = fresh_site[k].clone();
            } else if k % 3 == 1 && k % 2 == 1 {
                // An equal fact written further down: its diagnostics are
                // where it now is.
                f2 = moved[k].clone();
                sf2 = moved_site[k].clone();
            } else if k % 2 == 0 {
                got = Some(finished[k].clone());
            }
            let popped = matches!(change, Some((_, true, _)));
            if popped {
                sf2.sources.pop();
                if let Some(g) = &mut got {
                    Arc::make_mut(g).sources.pop();
                }
            }
            kept_whole.push(got.is_some() && !popped);
            got2.push(got.unwrap_or_else(|| Arc::new(sf2.clone())));
            facts2.push(f2);
            site2.push(sf2);
        }
        // Another manifest gives another model (an equal one, another Arc).
        let base2 = match &other {
            Some(m) => Arc::new(Origins::new(m, &mut Vec::new())),
            None => base,
        };
        let manifest2 = other.unwrap_or(manifest);
        let mut expected_site = site2;
        let mut got_site = got2.clone();
        let (mut expected_diags, mut got_diags) = (Vec::new(), Vec::new());
        let expected =
            reference_apply(&manifest2, &facts2, &mut expected_site, &mut expected_diags);
        Origins::new(&manifest2, &mut got_diags);
        let got = apply(base2, &facts2, &mut got_site, &mut cache, &mut got_diags);
        prop_assert_eq!(unshared(&got_site), expected_site);
        for ((before, after), kept) in got2.iter().zip(&got_site).zip(kept_whole) {
            if kept && before == after {
                prop_assert!(Arc::ptr_eq(before, after), "an unchanged finished fact keeps its Arc");
            }
        }
        prop_assert_eq!(format!("{got_diags:?}"), format!("{expected_diags:?}"));
        prop_assert_eq!(model(&got), model(&expected));
    }
}
