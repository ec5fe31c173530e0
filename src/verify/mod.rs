//! Stage 2, verify: check the loaded project against the rules in README.md
//! ("Verification") and produce the plain data the renderer needs. Every
//! problem is collected; nothing stops at the first one.

use crate::diagnostic::{Diagnostic, Files, Span, line_col};
use crate::hash::HashMap;
use crate::memo::Memo;
use crate::project::Project;
use crate::project::briefing;
use crate::project::fact::{Citation, Fact, Text};
use crate::project::source::{ManifestEntry, SeedFile, sha256_hex};
use crate::text::near_miss;
use crate::text::normalize::{Normalized, normalize};
use crate::text::numbers::{Mismatch, Number, numbers};
use crate::text::quote_match::{self, MIN_PIECE_WORDS, MIN_WORDS, Match, Miss, Quote, Searchable};
use crate::text::segment::{
    CONDITION_OPENERS, CONDITIONS, CONDITIONS_BEFORE, DENIALS, QUALIFIERS, find_terms, lower_words,
    lower_words_at,
};
use crate::text::suggest::{closest_word, is_kebab};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

mod site;
pub use site::*;
mod manifest;
use manifest::*;
mod facts;
use facts::*;
mod numbers;
pub use numbers::*;
mod characters;
pub use characters::*;
pub mod origins;
mod prose;
pub mod source_phrases;
use prose::*;

/// What verification keeps for the next run.
#[derive(Default)]
pub struct VerifyCache {
    /// Each seed's SHA-256, by file name, with its bytes.
    sha256: Memo<String, Arc<[u8]>, String>,
    /// Each source's normalised text, by path, with the original text and
    /// an id for that text that no other text is ever given.
    normalized: Memo<PathBuf, Arc<str>, SeedIndex>,
    next_id: u64,
    /// Facts that verified without a diagnostic, by id (see [`FactInput`]),
    /// each as the last run finished it: with the counts, status,
    /// provenance, note number and uses that [`origins::apply`] and the
    /// briefing's check set. Those stages overwrite every field they own
    /// (and set nothing else), so starting from a finished fact gives what
    /// starting from a freshly checked one gives; and they replace a fact's
    /// `Arc` only when a field changes, so a fact unchanged since the last
    /// run is the same `Arc`, which the later memos compare by pointer.
    facts: Memo<String, FactInput, Arc<SiteFact>>,
    /// The scan of the briefing's body and its sentences' count phrases.
    body: BodyCache,
    /// Facts whose own texts hold no hidden character or unreadable number
    /// ([`check_fact_visible`]), by id, with the fact's values.
    visible: Memo<String, Arc<Fact>, ()>,
    /// Facts whose claim and notes state no count of sources that the fact
    /// contradicts ([`source_phrases::check_fact`]), by id, with the fact's
    /// values and its verified form.
    counts: Memo<String, (Arc<Fact>, Arc<SiteFact>), ()>,
    /// Each claim's numbers for the prose check, by fact id, with the claim.
    claim_numbers: Memo<String, String, Arc<ClaimNumbers>>,
    /// The numbers of the briefing's sentences, with the body.
    sentence_numbers: Memo<(), String, Arc<SentenceNumbers>>,
    /// The number diagnostics of each prose sentence, by its place among
    /// the sentences.
    prose_numbers: Memo<usize, NumbersInput, Arc<Vec<Diagnostic>>>,
    /// The manifest's check ([`check_manifest`]), with the manifest and the
    /// seeds it was made from, compared by pointer.
    manifest: Memo<(), ManifestInput, Arc<ManifestChecked>>,
    /// The origin model of the manifest, with the diagnostics building it
    /// gave, by the manifest.
    origins: Memo<(), Manifest, (Arc<origins::Origins>, Vec<Diagnostic>)>,
    /// Each fact's sources counted by origin (see [`origins::apply`]).
    counted: origins::CountCache,
    /// What the checks of counts and names in the briefing keep.
    prose_phrases: source_phrases::PhraseCache,
}

impl VerifyCache {
    pub fn new(keep: bool) -> VerifyCache {
        VerifyCache {
            sha256: Memo::new(keep),
            normalized: Memo::new(keep),
            next_id: 0,
            facts: Memo::new(keep),
            body: BodyCache {
                scan: Memo::new(keep),
                sentence_phrases: Memo::new(keep),
                markup: Memo::new(keep),
                visible: Memo::new(keep),
            },
            visible: Memo::new(keep),
            counts: Memo::new(keep),
            claim_numbers: Memo::new(keep),
            sentence_numbers: Memo::new(keep),
            prose_numbers: Memo::new(keep),
            prose_phrases: source_phrases::PhraseCache::new(keep),
            manifest: Memo::new(keep),
            origins: Memo::new(keep),
            counted: origins::CountCache::new(keep),
        }
    }

    fn finish_run(&mut self) {
        self.sha256.finish_run();
        self.normalized.finish_run();
        self.facts.finish_run();
        self.body.scan.finish_run();
        self.body.sentence_phrases.finish_run();
        self.body.markup.finish_run();
        self.visible.finish_run();
        self.body.visible.finish_run();
        self.counts.finish_run();
        self.claim_numbers.finish_run();
        self.sentence_numbers.finish_run();
        self.prose_numbers.finish_run();
        self.prose_phrases.finish_run();
        self.manifest.finish_run();
        self.origins.finish_run();
        self.counted.finish_run();
    }
}

/// What the reading of the briefing's body keeps: read while the sources
/// and facts are checked, so it has a cache of its own.
#[derive(Default)]
struct BodyCache {
    /// The scan of the briefing's body, with the body.
    scan: Memo<(), String, Arc<briefing::Scan>>,
    /// The count phrases of the briefing's sentences, with the body.
    sentence_phrases: Memo<(), String, Arc<Vec<Vec<source_phrases::Phrase>>>>,
    /// What the markup check reads of the body's Markdown, with the body.
    markup: Memo<(), String, Arc<source_phrases::Markup>>,
    /// The body, when it holds no hidden character or unreadable number.
    visible: Memo<(), String, ()>,
}

/// The briefing body's scan, its sentences' count phrases, what the markup
/// check reads of it, and the hidden characters and unreadable numbers
/// found in it.
type BodyReading = (
    Arc<briefing::Scan>,
    Arc<Vec<Vec<source_phrases::Phrase>>>,
    Arc<source_phrases::Markup>,
    Vec<Diagnostic>,
);

/// Reads the briefing's body: what it cites and refuses, its sentences, the
/// count phrases of each sentence, and what it hides. A function of the body
/// alone.
fn read_body(b: &briefing::Briefing, files: &Files, cache: &mut BodyCache) -> BodyReading {
    let hidden = check_body_visible(b, files, &mut cache.visible);
    let scan = cache.scan.get_or_compute(
        &(),
        |body| *body == b.body,
        || Arc::new(briefing::scan(&b.body, briefing::Body::Briefing)),
        || ((), b.body.clone()),
    );
    let phrases = cache.sentence_phrases.get_or_compute(
        &(),
        |body| *body == b.body,
        || Arc::new(source_phrases::sentence_phrases(&scan)),
        || ((), b.body.clone()),
    );
    let markup = cache.markup.get_or_compute(
        &(),
        |body| *body == b.body,
        || Arc::new(source_phrases::read_markup(&b.body)),
        || ((), b.body.clone()),
    );
    (scan, phrases, markup, hidden)
}

/// Everything a clean fact's verification reads: the fact's values (not
/// where they are written: positions only place diagnostics, and a clean
/// fact has none) and the sources its quotes name.
struct FactInput {
    fact: Arc<Fact>,
    /// The id of the source text each citation names, in order.
    sources: Vec<Option<u64>>,
}

/// Whether two facts have the same values, wherever they are written. A
/// fact file whose text is unchanged gives the very same facts (the load
/// cache keeps its parse), which need no comparing.
pub(crate) fn same_values(a: &Fact, b: &Fact) -> bool {
    if std::ptr::eq(a, b) {
        return true;
    }
    let text = |a: &Text, b: &Text| a.value == b.value;
    let citations = |a: &[Citation], b: &[Citation]| {
        a.len() == b.len()
            && a.iter().zip(b).all(|(a, b)| {
                let opt = |a: &Option<Text>, b: &Option<Text>| {
                    a.as_ref().map(|n| &n.value) == b.as_ref().map(|n| &n.value)
                };
                text(&a.source, &b.source)
                    && text(&a.quote, &b.quote)
                    && opt(&a.note, &b.note)
                    && opt(&a.attributed_to, &b.attributed_to)
                    && opt(&a.origin, &b.origin)
            })
    };
    text(&a.id, &b.id)
        && text(&a.claim, &b.claim)
        && a.note.as_ref().map(|n| &n.value) == b.note.as_ref().map(|n| &n.value)
        && citations(&a.sources, &b.sources)
        && citations(&a.conflicts, &b.conflicts)
}

/// Checks the project; the site, and every problem found, in the order of
/// their places. The briefing's body is read on one thread while the
/// sources and facts are checked on the others.
pub fn verify(project: &Project, cache: &mut VerifyCache) -> (Site, Vec<Diagnostic>) {
    let mut body_cache = std::mem::take(&mut cache.body);
    let (body, checked) = rayon::join(
        || {
            project
                .briefing
                .as_ref()
                .map(|b| read_body(b, &project.files, &mut body_cache))
        },
        || check_sources_and_facts(project, cache),
    );
    cache.body = body_cache;
    let Checked {
        sources,
        mut facts,
        memoized,
        claimed,
        origins,
        mut diags,
    } = checked;
    let (title, summary, updated, body) = match (&project.briefing, body) {
        (Some(b), Some((scan, phrases, markup, mut hidden))) => {
            // After every other diagnostic in the briefing that the sources'
            // and facts' checks push (its title's and summary's), as when the
            // body was checked among them: the final sort keeps this order.
            diags.append(&mut hidden);
            let read = (&*scan, &phrases[..], &*markup);
            check_briefing(b, read, &mut facts, &claimed, project, cache, &mut diags);
            fact_counts(project, &facts, &mut cache.counts, &mut diags);
            let cache = &mut cache.prose_phrases;
            let body = source_phrases::BodyRead {
                scan: &scan,
                sentence_phrases: &phrases,
                markup: &markup,
            };
            let body = Some(body);
            source_phrases::check_project(project, body, &facts, &origins, cache, &mut diags);
            // Large when the briefing is: freed while the site is rendered.
            crate::drop_later((scan, phrases, markup));
            (
                b.title.value.clone(),
                b.summary.value.clone(),
                b.updated.as_ref().map(|u| u.value.clone()),
                b.body.clone(),
            )
        }
        _ => {
            set_numbers(&mut facts, &[]);
            fact_counts(project, &facts, &mut cache.counts, &mut diags);
            let cache = &mut cache.prose_phrases;
            source_phrases::check_project(project, None, &facts, &origins, cache, &mut diags);
            Default::default()
        }
    };

    crate::drop_later((claimed, origins));
    diags.sort_by(|a, b| {
        fn key(d: &Diagnostic) -> Option<(&std::path::Path, usize)> {
            d.span.as_ref().map(|s| (s.path.as_path(), s.range.start))
        }
        key(a).cmp(&key(b))
    });
    for (f, held) in facts.iter().zip(memoized) {
        // A fact still the value held needs no replacing (most of them, in
        // serve): no lookup by id.
        if let Some(held) = held
            && !Arc::ptr_eq(f, &held)
        {
            cache
                .facts
                .replace(&f.id, |v| Arc::ptr_eq(v, &held), f.clone());
        }
    }
    cache.finish_run();
    let site = Site {
        title,
        summary,
        updated,
        body,
        sources: sources.sources.clone(),
        facts,
    };
    (site, diags)
}

/// The manifest, shared with the project.
type Manifest = Arc<Vec<ManifestEntry>>;

/// What the manifest's check reads: the manifest and the seeds.
type ManifestInput = (Manifest, Vec<SeedInput>);

/// What checking the manifest against the seeds found: the sources, each
/// seed's path, and the diagnostics.
#[derive(Debug)]
struct ManifestChecked {
    sources: Arc<Vec<SiteSource>>,
    paths: Vec<PathBuf>,
    diags: Vec<Diagnostic>,
}

/// A seed as the manifest's check reads it: its name, path, flags, and its
/// bytes and text, which are the same allocations as long as the file is
/// unchanged (serve's load cache keeps them).
#[derive(Debug)]
struct SeedInput {
    name: String,
    path: PathBuf,
    flags: (bool, bool),
    bytes: Arc<[u8]>,
    text: Option<Arc<str>>,
}

impl SeedInput {
    fn new(s: &SeedFile) -> SeedInput {
        SeedInput {
            name: s.name.clone(),
            path: s.path.clone(),
            flags: (s.is_symlink, s.too_large),
            bytes: s.bytes.clone(),
            text: s.text.clone(),
        }
    }

    /// Whether `s` is this seed: equal names, paths and flags, and the very
    /// same bytes and text.
    fn is(&self, s: &SeedFile) -> bool {
        let same_text = match (&self.text, &s.text) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        self.name == s.name
            && self.path == s.path
            && self.flags == (s.is_symlink, s.too_large)
            && Arc::ptr_eq(&self.bytes, &s.bytes)
            && same_text
    }
}

/// [`check_manifest`], reused while the manifest and every seed are the
/// last run's (the same `Arc`s); the seeds' hashes are then kept too.
fn checked_manifest(project: &Project, cache: &mut VerifyCache) -> Arc<ManifestChecked> {
    let same = |(manifest, seeds): &ManifestInput| {
        Arc::ptr_eq(manifest, &project.manifest)
            && seeds.len() == project.seeds.len()
            && seeds.iter().zip(&project.seeds).all(|(a, b)| a.is(b))
    };
    if let Some(checked) = cache.manifest.get(&(), same) {
        cache.sha256.reuse_all();
        return checked;
    }
    let mut diags = Vec::new();
    let (sources, paths) = check_manifest(project, &mut cache.sha256, &mut diags)
        .into_iter()
        .unzip();
    let checked = Arc::new(ManifestChecked {
        sources: Arc::new(sources),
        paths,
        diags,
    });
    cache.manifest.put(|| {
        let seeds = project.seeds.iter().map(SeedInput::new).collect();
        ((), (project.manifest.clone(), seeds), checked.clone())
    });
    checked
}

/// What checking the sources and facts found.
struct Checked {
    sources: Arc<ManifestChecked>,
    facts: Vec<Arc<SiteFact>>,
    /// For each fact that `cache.facts` holds for this run (reused, or
    /// clean and stored), the value held, so that its finished form
    /// replaces it.
    memoized: Vec<Option<Arc<SiteFact>>>,
    /// Each claim's numbers, as the fact check read them, for the prose.
    claimed: Vec<Option<Arc<ClaimNumbers>>>,
    origins: origins::Origins,
    diags: Vec<Diagnostic>,
}

// Over 80 lines: the sources' and facts' checks in the order their
// diagnostics are pushed (the final sort keeps that order among equal places).
fn check_sources_and_facts(project: &Project, cache: &mut VerifyCache) -> Checked {
    let sources = checked_manifest(project, cache);
    let mut diags = sources.diags.clone();
    // The manifest's origin model is built while the seeds are indexed.
    let (indexed, (model, mut model_diags)) = rayon::join(
        || index(&sources, &mut cache.normalized, &mut cache.next_id),
        || {
            cache.origins.get_or_compute(
                &(),
                |manifest| *manifest == project.manifest,
                || {
                    let mut diags = Vec::new();
                    let model = origins::Origins::new(&project.manifest, &mut diags);
                    (Arc::new(model), diags)
                },
                || ((), project.manifest.clone()),
            )
        },
    );
    check_duplicate_documents(project, &indexed, &mut diags);
    check_hidden(project, &indexed, &mut diags);
    let no_site = vec![(); project.facts.len()];
    per_fact(
        &mut cache.visible,
        (&project.facts, &no_site),
        |input, f, _| same_values(input, f),
        |f, _, d| check_fact_visible(f, &project.files, d),
        |f, _| f.clone(),
        &mut diags,
    );
    let by_key: HashMap<&str, &Indexed> = indexed.iter().map(|i| (i.key, i)).collect();
    let known_keys: BTreeSet<&str> = project
        .manifest
        .iter()
        .map(|m| m.key.value.as_str())
        .collect();

    check_fact_ids(&project.facts, &mut diags);
    // Facts whose inputs are unchanged since the last run are reused; the
    // rest are checked in parallel, and their diagnostics merged in order.
    let source_ids = |f| source_ids(f, &by_key, &known_keys);
    let kept = &cache.facts;
    let hits: Vec<Option<Arc<SiteFact>>> = project
        .facts
        .par_iter()
        .map(|f| {
            kept.get(&f.id.value, |input| {
                same_values(&input.fact, f) && input.sources.iter().copied().eq(source_ids(f))
            })
        })
        .collect();
    // Each claim's numbers, as the fact check read them, for the prose.
    type CheckedFact = (Arc<SiteFact>, Option<ClaimNumbers>, Vec<Diagnostic>, bool);
    let checked: Vec<CheckedFact> = project
        .facts
        .par_iter()
        .zip(hits)
        .map(|(f, hit)| match hit {
            Some(fact) => (fact, None, Vec::new(), true),
            None => {
                let mut d = Vec::new();
                let (fact, claimed) = check_fact(f, &by_key, &known_keys, &project.files, &mut d);
                (Arc::new(fact), claimed, d, false)
            }
        })
        .collect();
    let mut facts = Vec::with_capacity(checked.len());
    let mut claimed = Vec::with_capacity(checked.len());
    let mut memoized = Vec::with_capacity(checked.len());
    for ((fact, numbers, mut d, hit), f) in checked.into_iter().zip(&project.facts) {
        // A fact whose notes hold numbers for other facts' claims to state
        // carries where those are written, which its input leaves out: it
        // is checked again on every run, like a fact with diagnostics.
        let clean = d.is_empty() && fact.note_numbers.is_empty();
        // Stored now, replaced by its finished form at the end of `verify`.
        if !hit && clean {
            cache.facts.put(|| {
                let input = FactInput {
                    fact: f.clone(),
                    sources: source_ids(f).collect(),
                };
                (f.id.value.clone(), input, fact.clone())
            });
        }
        memoized.push(((hit || clean) && cache.facts.keeps()).then(|| fact.clone()));
        facts.push(fact);
        claimed.push(numbers.map(Arc::new));
        diags.append(&mut d);
    }
    diags.append(&mut model_diags);
    let counts = &mut cache.counted;
    let origins = origins::apply(model, &project.facts, &mut facts, counts, &mut diags);
    drop(by_key);
    drop(indexed);
    Checked {
        sources,
        facts,
        memoized,
        claimed,
        origins,
        diags,
    }
}

/// The counts of sources in each fact's claim and notes, when every fact
/// file parsed (else the cited facts may be missing).
fn fact_counts(
    project: &Project,
    facts: &[Arc<SiteFact>],
    memo: &mut Memo<String, (Arc<Fact>, Arc<SiteFact>), ()>,
    diags: &mut Vec<Diagnostic>,
) {
    if !project.facts_complete {
        return;
    }
    per_fact(
        memo,
        (&project.facts, facts),
        |(fact, site), f, sf| same_values(fact, f) && (Arc::ptr_eq(site, sf) || site == sf),
        |f, sf, d| source_phrases::check_fact(f, sf, &project.files, d),
        |f, sf| (f.clone(), sf.clone()),
        diags,
    );
}

/// Runs `check` on each fact (with its `extra` data), in parallel, except
/// on those `memo` holds a clean check of an equal input for (`same`);
/// keeps the facts it finds clean, under `input`. The diagnostics are
/// appended in the order of the facts, as a sequential loop gives them.
fn per_fact<X: Sync, I: Sync>(
    memo: &mut Memo<String, I, ()>,
    (facts, extra): (&[Arc<Fact>], &[X]),
    same: impl Fn(&I, &Fact, &X) -> bool + Sync,
    check: impl Fn(&Fact, &X, &mut Vec<Diagnostic>) + Sync,
    input: impl Fn(&Arc<Fact>, &X) -> I,
    diags: &mut Vec<Diagnostic>,
) {
    let kept = &*memo;
    let known: Vec<bool> = facts
        .par_iter()
        .zip(extra)
        .map(|(f, x)| kept.get(&f.id.value, |i| same(i, f, x)).is_some())
        .collect();
    let found: Vec<Option<Vec<Diagnostic>>> = facts
        .par_iter()
        .zip(extra)
        .zip(&known)
        .map(|((f, x), known)| {
            (!known).then(|| {
                let mut d = Vec::new();
                check(f, x, &mut d);
                d
            })
        })
        .collect();
    for ((f, x), found) in facts.iter().zip(extra).zip(found) {
        match found {
            Some(found) if found.is_empty() => memo.put(|| (f.id.value.clone(), input(f, x), ())),
            Some(mut found) => diags.append(&mut found),
            None => {}
        }
    }
}

/// What indexing a seed's text gives: a function of the text alone, kept
/// by serve with the text.
#[derive(Clone)]
struct SeedIndex {
    /// Names this exact text (see [`VerifyCache`]).
    id: u64,
    norm: Arc<Searchable>,
    /// See [`document_fingerprint`].
    fingerprint: u64,
    /// The text's first bidirectional control, for [`check_hidden`].
    bidi: Option<(usize, char)>,
}

/// Each source indexed once: normalised for the quotes, with what the
/// duplicate-document and hidden-character checks need of its text. Reused
/// from the cache when its text is unchanged, else computed, in parallel.
fn index<'a>(
    checked: &'a ManifestChecked,
    memo: &mut Memo<PathBuf, Arc<str>, SeedIndex>,
    next_id: &mut u64,
) -> Vec<Indexed<'a>> {
    let sources: Vec<(&SiteSource, &PathBuf)> =
        checked.sources.iter().zip(&checked.paths).collect();
    let hits: Vec<Option<SeedIndex>> = sources
        .iter()
        .map(|(s, path)| memo.get(*path, |text| *text == s.text))
        .collect();
    let indexes: Vec<(bool, SeedIndex)> = sources
        .par_iter()
        .zip(hits)
        .map(|((s, _), hit)| match hit {
            Some(hit) => (true, hit),
            None => {
                let norm = Arc::new(Searchable::new(&s.text));
                let fingerprint = document_fingerprint(&norm.norm.text);
                let bidi = first_bidi(&s.text);
                (
                    false,
                    SeedIndex {
                        id: 0,
                        norm,
                        fingerprint,
                        bidi,
                    },
                )
            }
        })
        .collect();
    sources
        .into_iter()
        .zip(indexes)
        .map(|((s, path), (hit, mut seed))| {
            if !hit {
                *next_id += 1;
                seed.id = *next_id;
                memo.put(|| ((*path).clone(), s.text.clone(), seed.clone()));
            }
            Indexed {
                key: &s.key,
                text: &s.text,
                file_path: path.clone(),
                norm: seed.norm,
                id: seed.id,
                fingerprint: seed.fingerprint,
                bidi: seed.bidi,
            }
        })
        .collect()
}

/// The id of the source text each of a fact's citations names, in order:
/// `Some(id)` for a readable source (ids start at 1), `Some(0)` for a key
/// the manifest has whose seed could not be read, `None` for a key it does
/// not have. (A fact citing a key that the manifest then drops must not be
/// reused: it now has an `unknown-source` error.)
fn source_ids<'a>(
    f: &'a Fact,
    by_key: &'a HashMap<&str, &Indexed>,
    known_keys: &'a BTreeSet<&str>,
) -> impl Iterator<Item = Option<u64>> + 'a {
    f.sources.iter().chain(&f.conflicts).map(|c| {
        let key = c.source.value.as_str();
        match by_key.get(key) {
            Some(i) => Some(i.id),
            None if known_keys.contains(key) => Some(0),
            None => None,
        }
    })
}

/// The claim as written in its YAML file (quotes and escapes included).
fn raw_claim<'a>(fact: &Fact, files: &'a Files) -> &'a str {
    files
        .get(&fact.claim.span.path)
        .and_then(|t| t.get(fact.claim.span.range.clone()))
        .unwrap_or("")
}
