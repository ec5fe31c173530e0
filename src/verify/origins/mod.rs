//! Origins: where a fact's information comes from, as opposed to which seed
//! files repeat it (README, "Origins and counts").
//!
//! A seed's origin is its manifest `based_on` when given, else the seed
//! itself. A quote's origin is its `origin:` when given, else its seed's
//! origin. A fact is corroborated only by two or more independent origins.

use super::{SiteFact, Status};
use crate::diagnostic::Diagnostic;
use crate::hash::HashMap;
use crate::memo::Memo;
use crate::project::fact::{Citation, Fact, Text};
use crate::project::source::ManifestEntry;
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::Arc;

mod fields;
mod nearby;
pub use nearby::check_attribution_near;
#[cfg(test)]
mod apply_reference_tests;
#[cfg(test)]
mod tests;

pub use fields::*;

/// What a fact's sources amount to, counted by seed and by independent
/// origin.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Distinct seeds with a supporting quote.
    pub supporting_sources: usize,
    /// Distinct independent origins of the supporting quotes.
    pub supporting_origins: usize,
    /// Distinct seeds with a conflicting quote.
    pub disputing_sources: usize,
    /// Distinct origins of the conflicting quotes.
    pub disputing_origins: usize,
    /// Distinct origins on either side.
    pub total_origins: usize,
    /// Distinct seeds on either side.
    pub total_sources: usize,
    /// Whether some supporting quote is second-hand (`attributed_to`).
    pub second_hand: bool,
}

/// Where a quote's information comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    /// The seed's own words of attribution, when the quote is second-hand.
    pub attributed_to: Option<String>,
    /// The name of the quote's origin as shown (a source's `name`, else its
    /// publisher; or an outside origin's name as first written).
    pub origin: String,
    /// The origin compared: `seed:KEY` or `name:FOLDED NAME`.
    pub origin_id: String,
    /// The origin was given without the seed's words of attribution: the
    /// editor's judgement.
    pub editor_judged: bool,
}

/// The origin model of a project: each source's origin, and what every
/// name resolves to.
#[derive(Debug, Default, Clone)]
pub struct Origins {
    /// Folded key, name or (unique) publisher → index of the source.
    names: HashMap<String, usize>,
    /// Each source's key, display name and origin id, in manifest order.
    sources: Vec<(String, String, String)>,
    /// Display names of origins outside the seeds, by id, as first written.
    outside: HashMap<String, String>,
    /// Key → index in `sources` (the first source with that key).
    by_key: HashMap<String, usize>,
    /// Each source's folded key, name and publisher, in manifest order:
    /// the names an attribution may credit it by.
    aliases: Vec<Vec<String>>,
}

impl Origins {
    /// Builds the model; reports names that clash and `based_on` cycles.
    pub fn new(manifest: &[ManifestEntry], diags: &mut Vec<Diagnostic>) -> Origins {
        let mut o = Origins::default();
        let mut publishers: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, m) in manifest.iter().enumerate() {
            let shown = m
                .name
                .as_ref()
                .map_or(m.publisher.value.clone(), |n| n.value.clone());
            o.sources.push((m.key.value.clone(), shown, String::new()));
            o.by_key.entry(m.key.value.clone()).or_insert(i);
            o.aliases.push(
                [Some(&m.key), m.name.as_ref(), Some(&m.publisher)]
                    .into_iter()
                    .flatten()
                    .map(|t| origin_key(&t.value))
                    .filter(|n| !n.is_empty())
                    .collect(),
            );
            o.names.entry(origin_key(&m.key.value)).or_insert(i);
            publishers
                .entry(origin_key(&m.publisher.value))
                .or_default()
                .push(i);
        }
        for (i, m) in manifest.iter().enumerate() {
            let Some(name) = &m.name else { continue };
            let folded = origin_key(&name.value);
            match o.names.get(&folded) {
                Some(&j) if j != i => diags.push(
                    Diagnostic::error(
                        "duplicate-name",
                        format!(
                            "source name `{}` is already the key or name of source `{}`",
                            name.value, manifest[j].key.value
                        ),
                    )
                    .at(name.span.clone(), "names two sources")
                    .help("give each source a name of its own: the prose and the origin counts tell sources apart by it"),
                ),
                _ => {
                    o.names.insert(folded, i);
                }
            }
        }
        for (folded, who) in publishers {
            if let [i] = who[..] {
                o.names.entry(folded).or_insert(i);
            }
        }
        for m in manifest {
            if let Some(based) = &m.based_on
                && origin_key(&based.value).is_empty()
            {
                diags.push(
                    Diagnostic::error("empty-field", "the source's `based_on` is empty")
                        .at(based.span.clone(), "empty")
                        .help("name the origin the document relays, or leave `based_on` out"),
                );
            }
        }
        // Sources of one publisher are one origin (a publisher's articles
        // are not independent of each other), unless the editor gives one
        // a `based_on` of its own: the first such source stands for them.
        let mut first_of_publisher: HashMap<String, usize> = HashMap::default();
        for (i, m) in manifest.iter().enumerate() {
            if m.based_on.is_none() {
                first_of_publisher
                    .entry(origin_key(&m.publisher.value))
                    .or_insert(i);
            }
        }
        for (i, m) in manifest.iter().enumerate() {
            let id = if m.based_on.is_none()
                && let Some(&j) = first_of_publisher.get(&origin_key(&m.publisher.value))
                && j != i
                && !origin_key(&m.publisher.value).is_empty()
            {
                o.seed_origin(manifest, j, &mut Vec::new())
            } else {
                o.seed_origin(manifest, i, &mut Vec::new())
            };
            o.sources[i].2 = id.unwrap_or_else(|| {
                if let Some(based) = &m.based_on {
                    diags.push(
                        Diagnostic::error(
                            "origin-cycle",
                            format!("`based_on` of source `{}` leads back to itself", m.key.value),
                        )
                        .at(based.span.clone(), "a cycle of `based_on`")
                        .help("name the origin the documents relay: one of them must be the first to report it"),
                    );
                }
                format!("seed:{}", m.key.value)
            });
        }
        o
    }

    /// The origin id of source `i`, following `based_on` through other
    /// sources; `None` when that leads back to a source on `path`.
    fn seed_origin(
        &mut self,
        manifest: &[ManifestEntry],
        i: usize,
        path: &mut Vec<usize>,
    ) -> Option<String> {
        if path.contains(&i) {
            return None;
        }
        let own = format!("seed:{}", manifest[i].key.value);
        let Some(based) = &manifest[i].based_on else {
            return Some(own);
        };
        let folded = origin_key(&based.value);
        if folded.is_empty() {
            return Some(own); // reported as an empty field
        }
        match self.names.get(&folded).copied() {
            Some(j) if j == i => Some(own),
            Some(j) => {
                path.push(i);
                let id = self.seed_origin(manifest, j, path);
                path.pop();
                id
            }
            None => {
                let id = format!("name:{folded}");
                self.outside
                    .entry(id.clone())
                    .or_insert_with(|| based.value.trim().to_string());
                Some(id)
            }
        }
    }

    /// The origin id and display name that an `origin:` or `based_on` name
    /// stands for.
    fn resolve(&mut self, name: &str) -> (String, String) {
        let folded = origin_key(name);
        if let Some(&i) = self.names.get(&folded) {
            let id = self.sources[i].2.clone();
            return (id.clone(), self.shown(&id));
        }
        let id = format!("name:{folded}");
        let shown = self
            .outside
            .entry(id.clone())
            .or_insert_with(|| name.trim().to_string())
            .clone();
        (id, shown)
    }

    /// What [`Origins::resolve`] gives for a name it has already resolved
    /// (an outside origin's name is registered by the first resolve).
    fn registered(&self, name: &str) -> (String, String) {
        let folded = origin_key(name);
        if let Some(&i) = self.names.get(&folded) {
            let id = self.sources[i].2.clone();
            return (id.clone(), self.shown(&id));
        }
        let id = format!("name:{folded}");
        let shown = self.outside.get(&id).cloned().unwrap_or_default();
        (id, shown)
    }

    /// The names an attribution may credit the origin `name` by: a
    /// source's key, name and publisher, else the name itself (folded).
    pub fn aliases(&self, name: &str) -> Vec<String> {
        let folded = origin_key(name);
        match self.names.get(&folded) {
            Some(&i) => self.aliases[i].clone(),
            None => vec![folded],
        }
    }

    /// The display name of an origin id.
    pub fn shown(&self, id: &str) -> String {
        if let Some(key) = id.strip_prefix("seed:")
            && let Some(&i) = self.by_key.get(key)
        {
            return self.sources[i].1.clone();
        }
        self.outside.get(id).cloned().unwrap_or_default()
    }

    /// The origin id of the source with this key, if the manifest has it.
    pub fn of_source(&self, key: &str) -> Option<&str> {
        self.by_key.get(key).map(|&i| self.sources[i].2.as_str())
    }

    /// What a name in the prose stands for: the key of the source it names
    /// (by key, name or unique publisher) and that source as an origin
    /// (`seed:KEY`, which relays of it share), or else the outside origin
    /// of that name. A source that relays another (`based_on`) is named
    /// only by its own quotes: naming it does not name what it relays.
    pub fn named(&self, folded: &str) -> (Option<&str>, String) {
        match self.names.get(folded) {
            Some(&i) => {
                let key = self.sources[i].0.as_str();
                (Some(key), format!("seed:{key}"))
            }
            None => (None, format!("name:{folded}")),
        }
    }

    /// Every name the prose may use for a source or an origin, folded:
    /// keys, names, `based_on` and `origin` names (publishers are not: they
    /// are descriptions more often than names).
    pub fn prose_names(
        &self,
        manifest: &[ManifestEntry],
        facts: &[std::sync::Arc<Fact>],
    ) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for m in manifest {
            out.insert(origin_key(&m.key.value));
            for t in [&m.name, &m.based_on].into_iter().flatten() {
                out.insert(origin_key(&t.value));
            }
        }
        for f in facts {
            for c in f.sources.iter().chain(&f.conflicts) {
                if let Some(o) = &c.origin {
                    out.insert(origin_key(&o.value));
                }
            }
        }
        out.retain(|n| !n.is_empty());
        out
    }
}

/// What counting one fact's sources gives ([`count_fact`]): a function of
/// the fact (with its places, which its diagnostics show), the origin model,
/// and how many of its quotes were found on each side.
#[derive(Debug, Clone)]
pub struct Counted {
    counts: Counts,
    status: Status,
    /// Each side's provenance (supporting, disputing), when every quote of
    /// that side was found.
    provenance: [Option<Vec<Provenance>>; 2],
    diags: Vec<Diagnostic>,
}

/// What a kept [`Counted`] was computed from.
pub struct CountInput {
    fact: Arc<Fact>,
    /// Counting gave no diagnostic: then only the fact's values matter,
    /// not where they are written (nothing else in [`Counted`] holds a
    /// place), so an edit that moves the fact in its file keeps its counts.
    clean: bool,
    /// The generation of the origin model (see [`CountCache`]).
    model: u64,
    /// How many quotes were found on each side.
    found: (usize, usize),
}

/// What counting keeps for serve's next run: each fact's counts, and the
/// origin model they were counted with.
#[derive(Default)]
pub struct CountCache {
    /// Shared, so that a fact's kept counts are handed out without copying
    /// its provenance.
    counted: Memo<String, CountInput, Arc<Counted>>,
    /// The manifest's model and the outside names of the last run.
    model: Option<(Arc<Origins>, HashMap<String, String>)>,
    /// Bumped whenever the model differs from the last run's.
    generation: u64,
}

impl CountCache {
    pub fn new(keep: bool) -> CountCache {
        CountCache {
            counted: Memo::new(keep),
            ..CountCache::default()
        }
    }

    pub fn finish_run(&mut self) {
        self.counted.finish_run();
    }
}

/// Counts each fact's sources by independent origin, sets its status and
/// each quote's provenance, and reports a source on both sides of a fact.
/// The names of origins outside the seeds are registered first, in the
/// order of the facts (a name is shown as first written); then the facts
/// are counted in parallel (each one kept by `cache` from the last run when
/// it, the model and its found quotes are unchanged), their diagnostics
/// kept in order. `base` is the manifest's model, [`Origins::new`].
pub fn apply(
    base: Arc<Origins>,
    facts: &[Arc<Fact>],
    site_facts: &mut [Arc<SiteFact>],
    cache: &mut CountCache,
    diags: &mut Vec<Diagnostic>,
) -> Origins {
    use rayon::prelude::*;
    let keep = cache.counted.keeps();
    let mut origins = if keep {
        (*base).clone()
    } else {
        Arc::unwrap_or_clone(base.clone())
    };
    for c in facts
        .iter()
        .flat_map(|f| f.sources.iter().chain(&f.conflicts))
    {
        if let Some(o) = &c.origin
            && !o.value.trim().is_empty()
            && origins.of_source(&c.source.value).is_some()
        {
            origins.resolve(&o.value);
        }
    }
    let same_model = cache
        .model
        .as_ref()
        .is_some_and(|(b, outside)| Arc::ptr_eq(b, &base) && *outside == origins.outside);
    if !same_model {
        cache.generation += 1;
        cache.model = keep.then(|| (base, origins.outside.clone()));
    }
    let model = cache.generation;
    let found = |sf: &SiteFact| (sf.sources.len(), sf.conflicts.len());
    let memo = &cache.counted;
    let kept: Vec<Option<Arc<Counted>>> = facts
        .par_iter()
        .zip(site_facts.par_iter())
        .map(|(f, sf)| {
            memo.get(&f.id.value, |input| {
                let same = match input.clean {
                    true => super::same_values(&input.fact, f),
                    false => input.fact == *f,
                };
                (Arc::ptr_eq(&input.fact, f) || same)
                    && input.model == model
                    && input.found == found(sf)
            })
        })
        .collect();
    let counted: Vec<(Arc<Counted>, bool)> = facts
        .par_iter()
        .zip(site_facts.par_iter())
        .zip(kept)
        .map(|((f, sf), kept)| match kept {
            Some(kept) => (kept, true),
            None => (Arc::new(count_fact(&origins, f, found(sf))), false),
        })
        .collect();
    for ((f, sf), (counted, kept)) in facts.iter().zip(site_facts.iter_mut()).zip(counted) {
        set_counts(sf, &counted);
        diags.extend(counted.diags.iter().cloned());
        if !kept {
            let found = found(sf);
            cache.counted.put(|| {
                let input = CountInput {
                    fact: f.clone(),
                    clean: counted.diags.is_empty(),
                    model,
                    found,
                };
                (f.id.value.clone(), input, counted)
            });
        }
    }
    origins
}

/// One fact's counts, status and provenance (see [`apply`]), every origin
/// name already registered. `found`: how many of its quotes were found, on
/// each side (a quote not found is missing from the site fact).
fn count_fact(origins: &Origins, f: &Fact, found: (usize, usize)) -> Counted {
    let mut diags = Vec::new();
    check_both_sides(f, &mut diags);
    let (s_seeds, s_ids, s_prov) = side(origins, &f.sources, &mut diags);
    let (d_seeds, d_ids, d_prov) = side(origins, &f.conflicts, &mut diags);
    check_origin_both_sides(f, &s_prov, &d_prov, &mut diags);
    let counts = Counts {
        supporting_sources: s_seeds.len(),
        supporting_origins: s_ids.len(),
        disputing_sources: d_seeds.len(),
        disputing_origins: d_ids.len(),
        total_origins: s_ids.union(&d_ids).count(),
        total_sources: s_seeds.union(&d_seeds).count(),
        second_hand: f.sources.iter().any(|c| c.attributed_to.is_some()),
    };
    let status = if !f.conflicts.is_empty() {
        Status::Disputed
    } else if counts.supporting_origins >= 2 {
        Status::Corroborated
    } else {
        Status::SingleSource
    };
    // Quotes that were not found are missing from the site fact (and have
    // an error): provenance is then left out.
    let provenance = [(found.0, s_prov), (found.1, d_prov)].map(|(found, prov)| {
        (found == prov.len()).then(|| prov.into_iter().map(Option::unwrap_or_default).collect())
    });
    Counted {
        counts,
        status,
        provenance,
        diags,
    }
}

/// Sets a fact's counts, status and provenance: all of them, whatever the
/// fact held before (a side whose provenance is left out gets the default,
/// as a freshly checked fact has it). A fact that already holds these
/// values keeps its `Arc`.
fn set_counts(sf: &mut Arc<SiteFact>, counted: &Counted) {
    let default = Provenance::default();
    let same_side = |quotes: &[super::SiteQuote], prov: &Option<Vec<Provenance>>| match prov {
        Some(prov) => quotes.iter().zip(prov).all(|(q, p)| q.provenance == *p),
        None => quotes.iter().all(|q| q.provenance == default),
    };
    let same = sf.counts == counted.counts
        && sf.status == counted.status
        && same_side(&sf.sources, &counted.provenance[0])
        && same_side(&sf.conflicts, &counted.provenance[1]);
    if same {
        return;
    }
    let sf = Arc::make_mut(sf);
    sf.counts = counted.counts.clone();
    sf.status = counted.status;
    for (quotes, prov) in [&mut sf.sources, &mut sf.conflicts]
        .into_iter()
        .zip(&counted.provenance)
    {
        match prov {
            Some(prov) => {
                for (q, p) in quotes.iter_mut().zip(prov) {
                    q.provenance = p.clone();
                }
            }
            None => {
                for q in quotes.iter_mut() {
                    q.provenance = Provenance::default();
                }
            }
        }
    }
}

/// The seeds, the origin ids and each quote's provenance of one side of a
/// fact (its supporting or its disputing quotes).
fn side<'a>(
    origins: &Origins,
    cites: &'a [Citation],
    diags: &mut Vec<Diagnostic>,
) -> (BTreeSet<&'a str>, BTreeSet<String>, Vec<Option<Provenance>>) {
    let mut seeds = BTreeSet::new();
    let mut ids = BTreeSet::new();
    let mut provenance = Vec::with_capacity(cites.len());
    for c in cites {
        let key = c.source.value.as_str();
        let Some(own) = origins.of_source(key) else {
            provenance.push(None);
            continue;
        };
        seeds.insert(key);
        let (id, shown) = match &c.origin {
            Some(o) if !o.value.trim().is_empty() => origins.registered(&o.value),
            _ => (own.to_string(), origins.shown(own)),
        };
        check_attribution_origin(c, origins, id == own, diags);
        ids.insert(id.clone());
        provenance.push(Some(Provenance {
            attributed_to: c.attributed_to.as_ref().map(|a| a.value.clone()),
            origin: shown,
            origin_id: id,
            editor_judged: c.origin.is_some() && c.attributed_to.is_none(),
        }));
    }
    (seeds, ids, provenance)
}
