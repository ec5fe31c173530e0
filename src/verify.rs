//! Stage 2, verify: check the loaded project against the rules in README.md
//! ("Verification") and produce the plain data the renderer needs. Every
//! problem is collected; nothing stops at the first one.

use crate::briefing;
use crate::cache::Memo;
use crate::diagnostic::{Diagnostic, Files, Span, line_col};
use crate::fact::{Citation, Fact, Text};
use crate::load::Project;
use crate::near_miss;
use crate::normalize::{Normalized, normalize};
use crate::numbers::{Mismatch, Number, numbers};
use crate::quote_match::{self, MIN_PIECE_WORDS, MIN_WORDS, Match, Miss, Quote, Searchable};
use crate::segment::{CONDITIONS, DENIALS, QUALIFIERS, find_terms, lower_words};
use crate::source::{SeedFile, sha256_hex};
use crate::suggest::{closest, is_kebab};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// A verified project: everything the renderer needs, as plain data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub title: String,
    pub summary: String,
    pub updated: Option<String>,
    /// The Markdown body of the briefing.
    pub body: String,
    pub sources: Vec<SiteSource>,
    /// Facts in the order of their files and positions.
    pub facts: Vec<SiteFact>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SiteSource {
    pub key: String,
    pub file: String,
    pub title: String,
    pub publisher: String,
    pub url: Option<String>,
    pub sha256: String,
    #[serde(skip)]
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Corroborated,
    SingleSource,
    Disputed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFact {
    pub id: String,
    pub claim: String,
    pub note: Option<String>,
    /// Footnote number, in order of first citation; `None` when uncited.
    pub number: Option<usize>,
    pub sources: Vec<SiteQuote>,
    pub conflicts: Vec<SiteQuote>,
    pub status: Status,
    /// How many distinct sources support the fact.
    pub corroboration: usize,
    /// Its sources counted by seed and by independent origin.
    pub counts: crate::origins::Counts,
    /// How many times the briefing cites the fact.
    pub uses: usize,
}

/// A quote located in its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteQuote {
    pub source: String,
    pub quote: String,
    pub note: Option<String>,
    /// Byte ranges in the seed file of each piece (several with elisions).
    pub pieces: Vec<Range<usize>>,
    pub line: usize,
    pub column: usize,
    /// Where its information comes from (set after every fact is checked).
    pub provenance: crate::origins::Provenance,
}

impl SiteQuote {
    pub fn start(&self) -> usize {
        self.pieces.first().map_or(0, |r| r.start)
    }
    pub fn end(&self) -> usize {
        self.pieces.last().map_or(0, |r| r.end)
    }
}

/// A source ready for matching.
struct Indexed<'a> {
    key: &'a str,
    text: &'a str,
    file_path: PathBuf,
    norm: Arc<Searchable>,
    /// Names this exact text at this path (see [`VerifyCache`]).
    id: u64,
}

/// What verification keeps for the next run.
#[derive(Default)]
pub struct VerifyCache {
    /// Each seed's SHA-256, by file name, with its bytes.
    sha256: Memo<String, Vec<u8>, String>,
    /// Each source's normalised text, by path, with the original text and
    /// an id for that text that no other text is ever given.
    normalized: Memo<PathBuf, String, (u64, Arc<Searchable>)>,
    next_id: u64,
    /// Facts that verified without a diagnostic, by id (see [`FactInput`]).
    facts: Memo<String, FactInput, SiteFact>,
    /// The scan of the briefing's body, with the body.
    scan: Memo<(), String, Arc<briefing::Scan>>,
}

impl VerifyCache {
    pub fn new(keep: bool) -> VerifyCache {
        VerifyCache {
            sha256: Memo::new(keep),
            normalized: Memo::new(keep),
            next_id: 0,
            facts: Memo::new(keep),
            scan: Memo::new(keep),
        }
    }

    fn finish_run(&mut self) {
        self.sha256.finish_run();
        self.normalized.finish_run();
        self.facts.finish_run();
        self.scan.finish_run();
    }
}

/// Everything a clean fact's verification reads: the fact's values (not
/// where they are written: positions only place diagnostics, and a clean
/// fact has none) and the sources its quotes name.
struct FactInput {
    fact: Arc<Fact>,
    /// The id of the source text each citation names, in order.
    sources: Vec<Option<u64>>,
}

/// Whether two facts have the same values, wherever they are written.
fn same_values(a: &Fact, b: &Fact) -> bool {
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

pub fn verify(project: &Project, cache: &mut VerifyCache) -> (Site, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let sources = check_manifest(project, &mut cache.sha256, &mut diags);
    let indexed = index(&sources, cache);
    check_duplicate_documents(project, &indexed, &mut diags);
    check_hidden(project, &sources, &mut diags);
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
    let hits: Vec<Option<SiteFact>> = project
        .facts
        .iter()
        .map(|f| {
            cache.facts.get(&f.id.value, |input| {
                same_values(&input.fact, f) && input.sources.iter().copied().eq(source_ids(f))
            })
        })
        .collect();
    let checked: Vec<(SiteFact, Vec<Diagnostic>, bool)> = project
        .facts
        .par_iter()
        .zip(hits)
        .map(|(f, hit)| match hit {
            Some(fact) => (fact, Vec::new(), true),
            None => {
                let mut d = Vec::new();
                let fact = check_fact(f, &by_key, &known_keys, &project.files, &mut d);
                (fact, d, false)
            }
        })
        .collect();
    let mut facts = Vec::with_capacity(checked.len());
    for ((fact, mut d, hit), f) in checked.into_iter().zip(&project.facts) {
        if !hit && d.is_empty() {
            cache.facts.put(|| {
                let input = FactInput {
                    fact: f.clone(),
                    sources: source_ids(f).collect(),
                };
                (f.id.value.clone(), input, fact.clone())
            });
        }
        facts.push(fact);
        diags.append(&mut d);
    }

    let origins = crate::origins::apply(&project.manifest, &project.facts, &mut facts, &mut diags);
    let (title, summary, updated, body) = match &project.briefing {
        Some(b) => {
            let scan = cache.scan.get_or_compute(
                &(),
                |body| *body == b.body,
                || Arc::new(briefing::scan(&b.body, true)),
                || ((), b.body.clone()),
            );
            check_briefing(b, &scan, &mut facts, project, &mut diags);
            crate::source_phrases::check_project(
                project,
                Some(&scan),
                &facts,
                &origins,
                &mut diags,
            );
            (
                b.title.value.clone(),
                b.summary.value.clone(),
                b.updated.as_ref().map(|u| u.value.clone()),
                b.body.clone(),
            )
        }
        None => {
            crate::source_phrases::check_project(project, None, &facts, &origins, &mut diags);
            Default::default()
        }
    };

    diags.sort_by(|a, b| {
        let key = |d: &Diagnostic| d.span.as_ref().map(|s| (s.path.clone(), s.range.start));
        key(a).cmp(&key(b))
    });
    cache.finish_run();
    let site = Site {
        title,
        summary,
        updated,
        body,
        sources: sources.into_iter().map(|(s, _)| s).collect(),
        facts,
    };
    (site, diags)
}

/// Each source normalised once: reused from the cache when its text is
/// unchanged, else normalised, in parallel.
fn index<'a>(sources: &'a [(SiteSource, PathBuf)], cache: &mut VerifyCache) -> Vec<Indexed<'a>> {
    let hits: Vec<Option<(u64, Arc<Searchable>)>> = sources
        .iter()
        .map(|(s, path)| cache.normalized.get(path, |text| *text == s.text))
        .collect();
    let norms: Vec<(Option<u64>, Arc<Searchable>)> = sources
        .par_iter()
        .zip(hits)
        .map(|((s, _), hit)| match hit {
            Some((id, norm)) => (Some(id), norm),
            None => (None, Arc::new(Searchable::new(&s.text))),
        })
        .collect();
    sources
        .iter()
        .zip(norms)
        .map(|((s, path), (id, norm))| {
            let id = id.unwrap_or_else(|| {
                cache.next_id += 1;
                let id = cache.next_id;
                cache
                    .normalized
                    .put(|| (path.clone(), s.text.clone(), (id, norm.clone())));
                id
            });
            Indexed {
                key: &s.key,
                text: &s.text,
                file_path: path.clone(),
                norm,
                id,
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

/// Checks the manifest against the files in `seeds/`; returns the sources
/// whose text could be read, with the path of their file.
fn check_manifest(
    project: &Project,
    sha256: &mut Memo<String, Vec<u8>, String>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(SiteSource, PathBuf)> {
    let mut out = Vec::new();
    let mut keys: HashMap<&str, &Span> = HashMap::new();
    let mut files_seen: HashMap<&str, &Span> = HashMap::new();
    let seeds: HashMap<&str, &SeedFile> =
        project.seeds.iter().map(|s| (s.name.as_str(), s)).collect();
    for entry in &project.manifest {
        let key = &entry.key;
        if !is_kebab(&key.value) {
            diags.push(not_kebab("source key", key));
        }
        if let Some(first) = keys.insert(&key.value, &key.span) {
            diags.push(
                Diagnostic::error(
                    "duplicate-key",
                    format!("source key `{}` is used twice", key.value),
                )
                .at(key.span.clone(), "used again here")
                .also(first.clone(), "first used here")
                .help("give each source its own key"),
            );
        }
        for (field, t) in [("title", &entry.title), ("publisher", &entry.publisher)] {
            if t.value.trim().is_empty() {
                diags.push(
                    Diagnostic::error("empty-field", format!("the source's `{field}` is empty"))
                        .at(t.span.clone(), "empty")
                        .help(format!("give the {field} as the document itself gives it")),
                );
            }
        }
        if let Some(url) = &entry.url
            && !(url.value.starts_with("https://") || url.value.starts_with("http://"))
        {
            diags.push(
                Diagnostic::error("bad-url", format!("`{}` is not an http(s) URL", url.value))
                    .at(
                        url.span.clone(),
                        "expected a URL starting with https:// or http://",
                    )
                    .help("give the URL the document itself gives, or leave `url` out"),
            );
        }
        let name = &entry.file.value;
        let plain = !name.is_empty()
            && !name.contains(['/', '\\', '\0'])
            && name != "."
            && name != ".."
            && !name.starts_with('.');
        if !plain {
            diags.push(
                Diagnostic::error("bad-seed-path", format!("`{name}` is not a plain file name inside seeds/"))
                    .at(entry.file.span.clone(), "not a file name")
                    .help("put the file directly inside seeds/ and give only its name, e.g. `file: article.txt`"),
            );
            continue;
        }
        if let Some(first) = files_seen.insert(name, &entry.file.span) {
            diags.push(
                Diagnostic::error(
                    "duplicate-seed",
                    format!("seed file `{name}` is listed twice"),
                )
                .at(entry.file.span.clone(), "listed again here")
                .also(first.clone(), "first listed here")
                .help("list each seed file once"),
            );
            continue;
        }
        let path = crate::load::shown(&project.root, &format!("seeds/{name}"));
        let Some(seed) = seeds.get(name.as_str()) else {
            diags.push(
                Diagnostic::error(
                    "missing-seed",
                    format!("seed file `seeds/{name}` does not exist"),
                )
                .at(entry.file.span.clone(), "no such file in seeds/")
                .help("add the file to seeds/, or correct the name"),
            );
            continue;
        };
        if seed.is_symlink {
            diags.push(
                Diagnostic::error("symlink", format!("seed file `seeds/{name}` is a symbolic link"))
                    .at(entry.file.span.clone(), "points at a link")
                    .help("replace the link with a copy of the file: sourced only reads files that are part of the project"),
            );
            continue;
        }
        if seed.too_large {
            continue;
        }
        let actual = sha256.get_or_compute(
            name,
            |bytes| *bytes == seed.bytes,
            || sha256_hex(&seed.bytes),
            || (name.clone(), seed.bytes.clone()),
        );
        if !actual.eq_ignore_ascii_case(entry.sha256.value.trim()) {
            diags.push(
                Diagnostic::error("seed-changed", format!("seeds/{name} does not match its recorded SHA-256"))
                    .at(entry.sha256.span.clone(), "recorded hash")
                    .note(format!("the file's SHA-256 is {actual}"))
                    .help("the source changed after its facts were checked: restore the original file, or, if the change is intended, record the new hash and re-check every fact that cites it"),
            );
        }
        let Some(text) = project.files.get(&path) else {
            diags.push(
                Diagnostic::error("not-utf8", format!("seeds/{name} is not valid UTF-8"))
                    .at(entry.file.span.clone(), "this seed")
                    .help("save the seed as UTF-8"),
            );
            continue;
        };
        out.push((
            SiteSource {
                key: key.value.clone(),
                file: name.clone(),
                title: entry.title.value.clone(),
                publisher: entry.publisher.value.clone(),
                url: entry.url.as_ref().map(|u| u.value.clone()),
                sha256: actual,
                text: text.to_string(),
            },
            path,
        ));
    }
    let listed: BTreeSet<&str> = project
        .manifest
        .iter()
        .map(|m| m.file.value.as_str())
        .collect();
    for seed in &project.seeds {
        if !listed.contains(seed.name.as_str()) {
            let path = crate::load::shown(&project.root, &format!("seeds/{}", seed.name));
            diags.push(
                Diagnostic::error("unlisted-seed", format!("seeds/{} is not in seeds/sources.yaml", seed.name))
                    .at(Span::new(path, 0..0), "")
                    .help(format!(
                        "add an entry with `file: {}` (key, title, publisher, sha256) to seeds/sources.yaml, or remove the file",
                        seed.name
                    )),
            );
        }
    }
    // Duplicate keys keep the first source only.
    let mut seen = BTreeSet::new();
    out.retain(|(s, _)| seen.insert(s.key.clone()));
    out
}

fn not_kebab(what: &str, t: &Text) -> Diagnostic {
    Diagnostic::error(
        "not-kebab-case",
        format!("{what} `{}` is not lowercase kebab-case", t.value),
    )
    .at(t.span.clone(), "not kebab-case")
    .help(format!(
        "use lowercase letters, digits and single hyphens, e.g. `{}`",
        kebab(&t.value)
    ))
}

fn kebab(s: &str) -> String {
    let out = crate::suggest::to_kebab(s);
    if out.is_empty() {
        "fact-id".into()
    } else {
        out
    }
}

fn check_fact_ids(facts: &[Arc<Fact>], diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &Span> = HashMap::new();
    for f in facts {
        if !is_kebab(&f.id.value) {
            diags.push(not_kebab("fact id", &f.id));
        }
        if let Some(first) = seen.insert(&f.id.value, &f.id.span) {
            diags.push(
                Diagnostic::error(
                    "duplicate-id",
                    format!("fact id `{}` is used twice", f.id.value),
                )
                .at(f.id.span.clone(), "used again here")
                .also(first.clone(), "first used here")
                .help("fact ids are unique across all files in content/facts: rename one of them"),
            );
        }
    }
}

fn check_fact(
    fact: &Fact,
    sources: &HashMap<&str, &Indexed>,
    known_keys: &BTreeSet<&str>,
    files: &Files,
    diags: &mut Vec<Diagnostic>,
) -> SiteFact {
    if fact.claim.value.trim().is_empty() {
        diags.push(
            Diagnostic::error("empty-field", "the fact's claim is empty")
                .at(fact.claim.span.clone(), "empty")
                .help("write the sentence the briefing asserts"),
        );
    }
    if fact.sources.is_empty() {
        diags.push(
            Diagnostic::error(
                "no-sources",
                format!("fact `{}` has no sources", fact.id.value),
            )
            .at(fact.sources_span.clone(), "empty list")
            .help("add at least one `- source: KEY` with a `quote:` from that source"),
        );
    }
    let mut quotes = Vec::new();
    let mut quoted_numbers = Vec::new();
    for c in &fact.sources {
        if let Some((q, mut n)) = check_citation(c, sources, known_keys, diags) {
            quotes.push(q);
            quoted_numbers.append(&mut n);
        }
    }
    let all_quotes_found = quotes.len() == fact.sources.len();
    let mut conflicts = Vec::new();
    crate::origins::check_citation_fields(fact, diags);
    for c in &fact.conflicts {
        if let Some(note) = &c.note
            && note.value.trim().is_empty()
        {
            diags.push(
                Diagnostic::error("empty-field", "the conflict's note is empty")
                    .at(note.span.clone(), "empty")
                    .help("say how this source differs from the claim"),
            );
        }
        if let Some((q, _)) = check_citation(c, sources, known_keys, diags) {
            conflicts.push(q);
        }
    }
    // A quote that was not found has its own error; its numbers are unknown.
    if all_quotes_found {
        check_numbers(fact, &quoted_numbers, files, diags);
    }
    if let Some(note) = &fact.note {
        check_inline_markdown(note, diags);
    }
    let corroboration = fact
        .sources
        .iter()
        .map(|c| c.source.value.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    let status = if !fact.conflicts.is_empty() {
        Status::Disputed
    } else if corroboration == 1 {
        Status::SingleSource
    } else {
        Status::Corroborated
    };
    SiteFact {
        id: fact.id.value.clone(),
        claim: fact.claim.value.clone(),
        note: fact.note.as_ref().map(|n| n.value.clone()),
        number: None,
        sources: quotes,
        conflicts,
        status,
        corroboration,
        counts: Default::default(),
        uses: 0,
    }
}

/// A number a quote states, as its source writes it.
#[derive(Debug, Clone)]
struct Quoted {
    number: Number,
    /// The number as the source writes it (normalised).
    written: String,
    /// Where it is, for the diagnostic: `seeds/…:line:col`.
    at: String,
}

/// Checks one quote and locates it in its source; gives the numbers it
/// states.
fn check_citation(
    c: &Citation,
    sources: &HashMap<&str, &Indexed>,
    known_keys: &BTreeSet<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(SiteQuote, Vec<Quoted>)> {
    let key = c.source.value.as_str();
    let quote = Quote::parse(&c.quote.value);
    let words = quote.word_count();
    if quote.has_empty_piece() || words < MIN_WORDS {
        diags.push(
            Diagnostic::error(
                "quote-too-short",
                format!(
                    "quote has {words} word{}; at least {MIN_WORDS} are needed",
                    if words == 1 { "" } else { "s" }
                ),
            )
            .at(c.quote.span.clone(), "too short to be evidence")
            .help("quote enough of the source's sentence to show that it supports the claim"),
        );
        return None;
    }
    if quote.pieces.len() > quote_match::MAX_PIECES {
        diags.push(
            Diagnostic::error(
                "elision-too-many",
                format!(
                    "the quote has {} elisions; at most {} are allowed",
                    quote.pieces.len() - 1,
                    quote_match::MAX_PIECES - 1
                ),
            )
            .at(c.quote.span.clone(), "too many elisions")
            .help("quote the passage in several citations, each of one stretch of the source"),
        );
        return None;
    }
    if let Some((piece, n)) = quote.short_piece() {
        diags.push(
            Diagnostic::error(
                "elision-piece-too-short",
                format!(
                    "a part of an elided quote has {n} word{}; each part needs at least {MIN_PIECE_WORDS}",
                    if n == 1 { "" } else { "s" }
                ),
            )
            .at(c.quote.span.clone(), format!("`{piece}` is too short"))
            .note("a short part can be placed almost anywhere, so an elision could join words the source never put together")
            .help(format!("quote at least {MIN_PIECE_WORDS} words on each side of every ` ... `, or quote the passage without the elision")),
        );
        return None;
    }
    let Some(source) = sources.get(key) else {
        if !known_keys.contains(key) {
            let d = Diagnostic::error(
                "unknown-source",
                format!("`{key}` is not a source key in seeds/sources.yaml"),
            )
            .at(c.source.span.clone(), "no such source");
            let none = "add an entry with this key to seeds/sources.yaml";
            diags.push(d.help(crate::suggest::help(key, known_keys.iter().copied(), none)));
        }
        // A known key whose seed is unreadable was reported with the manifest.
        return None;
    };
    let file = crate::diagnostic::display_path(&source.file_path);
    crate::origins::check_attribution_text(c, key, &source.norm, &file, diags);
    match quote_match::find(&source.norm, &quote) {
        Match::Unique(ranges) => {
            check_context(c, source, &ranges, diags);
            let pieces: Vec<Range<usize>> = ranges
                .iter()
                .map(|r| source.norm.norm.original_range(r.clone()))
                .collect();
            let start = pieces[0].start;
            let (line, column) = line_col(source.text, start);
            let numbers = source
                .norm
                .numbers_in(&ranges)
                .into_iter()
                .map(|n| {
                    let at = source.norm.norm.original_range(n.core.clone()).start;
                    // Counted from the quote's start, not the file's: a
                    // number lies in or just after its quote.
                    let (l, col) = match source.text.get(start..at) {
                        Some(between) => match between.rfind('\n') {
                            Some(nl) => (
                                line + between.matches('\n').count(),
                                between[nl + 1..].chars().count() + 1,
                            ),
                            None => (line, column + between.chars().count()),
                        },
                        None => line_col(source.text, at),
                    };
                    Quoted {
                        number: n.clone(),
                        written: source.norm.norm.text[n.range.clone()].to_string(),
                        at: format!("at {file}:{l}:{col}"),
                    }
                })
                .collect();
            let quote = SiteQuote {
                source: key.to_string(),
                quote: c.quote.value.clone(),
                note: c.note.as_ref().map(|n| n.value.clone()),
                pieces,
                line,
                column,
                provenance: Default::default(),
            };
            Some((quote, numbers))
        }
        Match::NotFound => {
            let d = match quote_match::explain_miss(&source.norm, &quote) {
                Some(miss) => broken_rule(c, source, &miss),
                None => not_found(c, key, source, &quote, sources),
            };
            diags.push(d);
            None
        }
        Match::Ambiguous(a, b) => {
            let text = source.text;
            let la = line_col(text, source.norm.norm.original_range(a[0].clone()).start);
            let lb = line_col(text, source.norm.norm.original_range(b[0].clone()).start);
            diags.push(
                Diagnostic::error("quote-ambiguous", format!("quote matches more than one place in {file}"))
                    .at(c.quote.span.clone(), "matches several places")
                    .note(format!("it matches at {file}:{}:{} and at {file}:{}:{}", la.0, la.1, lb.0, lb.1))
                    .help("add more words from before or after the passage, so that it matches one place only"),
            );
            None
        }
    }
}

/// The diagnostic for a quote that is not in its source, with the closest
/// passage, a word diff and the likely cause.
fn not_found(
    c: &Citation,
    key: &str,
    source: &Indexed,
    quote: &Quote,
    sources: &HashMap<&str, &Indexed>,
) -> Diagnostic {
    let file = crate::diagnostic::display_path(&source.file_path);
    let mut d = Diagnostic::error("quote-not-found", format!("quote not found in {file}"))
        .at(c.quote.span.clone(), format!("not in source `{key}`"));
    let found_alone = |p: &String| {
        let piece = Quote {
            pieces: vec![p.clone()],
        };
        quote_match::find(&source.norm, &piece) != Match::NotFound
    };
    // Text from a different source is the most likely cause of all.
    let mut elsewhere: Vec<&&Indexed> = sources
        .values()
        .filter(|other| other.key != key)
        .filter(|other| quote_match::find(&other.norm, quote) != Match::NotFound)
        .collect();
    elsewhere.sort_by_key(|o| o.key);
    if let Some(other) = elsewhere.first() {
        let other_file = crate::diagnostic::display_path(&other.file_path);
        return d
            .note(format!(
                "likely cause: text from a different source; the quote is in {other_file} (source `{}`)",
                other.key
            ))
            .help(format!("change `source: {key}` to `source: {}`, or quote {file}", other.key));
    }
    if quote.pieces.len() > 1 && quote.pieces.iter().all(found_alone) {
        d = d.note(format!(
            "each part between the elisions is in {file}, but not in order within one sentence with at most {} characters skipped per elision",
            quote_match::MAX_GAP_CHARS
        ));
    } else if let Some(piece) = quote.pieces.iter().find(|p| !found_alone(p))
        && let Some(miss) = near_miss::closest(&source.norm.norm, piece)
    {
        let range = source.norm.norm.original_range(miss.range.clone());
        let (line, col) = line_col(source.text, range.start);
        d = d
            .also(
                Span::new(source.file_path.clone(), range),
                "closest passage",
            )
            .note(format!(
                "closest passage at {file}:{line}:{col}, as a word diff from source to quote: {}",
                miss.diff
            ));
        if let Some(cause) = miss.cause {
            d = d.note(format!("likely cause: {cause}"));
        }
    }
    d.help(format!(
        "copy the passage verbatim from {file}; only typographic quotes, dashes, ellipses and whitespace are normalised, and case matters"
    ))
}

/// Every number of the claim must be stated by one of its supporting
/// quotes (conflicts do not count): the same value, kind, sign and scale,
/// the claim's currency and unit where it gives them, and the quote's hedge.
/// The quotes' numbers are read in their sources, so a hedge or scale just
/// outside a quote still counts.
fn check_numbers(fact: &Fact, quoted: &[Quoted], files: &Files, diags: &mut Vec<Diagnostic>) {
    let raw = raw_claim(fact, files);
    let mut placer = Placer::new(&fact.claim.span, raw);
    let claim = Normalized::new(&fact.claim.value);
    for n in numbers(&claim.text) {
        if crate::source_phrases::is_count(&claim.text, &n.range) {
            // A count of sources is the trust signals' to check.
            continue;
        }
        let written = &fact.claim.value[claim.original_range(n.range.clone())];
        let span = placer.place(written);
        let candidates = quoted
            .iter()
            .map(|q| (&q.number, q.written.as_str(), q.at.as_str()));
        let what = ("supporting quote", "quotes");
        let codes = ("number-mismatch", "number-hedge");
        if let Some(d) = unsupported(&n, written, span, candidates, what, codes) {
            diags.push(d.help(format!(
                "correct the claim to say what the quote says, or cite a quote that states {written}"
            )));
        }
    }
}

/// Nouns that make a number a count of sources (`three sources`, `two
/// outlets`): such counts are checked against the sources themselves, not
/// against claims.
pub const SOURCE_NOUNS: &[&str] = &["source", "sources"];

/// Places written numbers in the YAML (or Markdown) text they came from, in
/// order, so that a number written twice is reported at each place.
struct Placer<'a> {
    span: &'a Span,
    raw: &'a str,
    from: usize,
}

impl<'a> Placer<'a> {
    fn new(span: &'a Span, raw: &'a str) -> Placer<'a> {
        Placer { span, raw, from: 0 }
    }

    /// The span of the next occurrence of `written`, or the whole value when
    /// it cannot be found as written (escapes, folding).
    fn place(&mut self, written: &str) -> Span {
        match self.raw.get(self.from..).and_then(|r| r.find(written)) {
            Some(i) => {
                let start = self.from + i;
                self.from = start + written.len();
                let at = self.span.range.start + start;
                Span::new(self.span.path.clone(), at..at + written.len())
            }
            None => self.span.clone(),
        }
    }
}

/// The diagnostic for a number (`claimed`, written `written`, at `span`)
/// that none of `candidates` (number, as written, where) states; `None`
/// when one does.
fn unsupported<'a>(
    claimed: &Number,
    written: &str,
    span: Span,
    candidates: impl Iterator<Item = (&'a Number, &'a str, &'a str)> + Clone,
    (what, whats): (&str, &str),
    (mismatch_code, hedge_code): (&'static str, &'static str),
) -> Option<Diagnostic> {
    let mut hedged = None;
    for (q, w, at) in candidates.clone() {
        match q.states(claimed) {
            Ok(()) => return None,
            Err(Mismatch::Hedge(qh, ch)) => {
                hedged.get_or_insert((qh, ch, w, at));
            }
            Err(Mismatch::Value) => {}
        }
    }
    if let Some((qh, ch, w, at)) = hedged {
        let message = match (qh, ch) {
            (Some(h), None) => format!(
                "`{written}` is stated exactly, but the {what} hedges it: `{w}` is {}",
                h.describe()
            ),
            (None, Some(h)) => format!(
                "`{written}` is {}, but the {what} states `{w}` exactly",
                h.describe()
            ),
            _ => format!("`{written}` is hedged differently from the {what}'s `{w}`"),
        };
        return Some(
            Diagnostic::error(hedge_code, message)
                .at(span, "hedge differs")
                .note(format!("the {what} says `{w}` {at}")),
        );
    }
    let mut given: Vec<String> = Vec::new();
    for (_, w, _) in candidates.clone() {
        let w = format!("`{w}`");
        if !given.contains(&w) {
            given.push(w);
        }
    }
    let mut d = Diagnostic::error(
        mismatch_code,
        format!("`{written}` is not stated by any {what}"),
    )
    .at(span, format!("not in any {what}"));
    d = if given.is_empty() {
        d.note(format!("the {whats} give no numbers"))
    } else {
        d.note(format!("the {whats} give: {}", given.join(", ")))
    };
    if let Some((_, w, at)) = candidates.clone().find(|(q, _, _)| q.resembles(claimed)) {
        d = d.note(format!(
            "`{w}` {at} has the same digits, but its scale, sign, currency, unit or kind differs"
        ));
    }
    Some(d)
}

/// After a quote is found: the words an elision skips may not negate,
/// hedge or condition; a quote should not stop just before a condition, nor
/// start just after a denial.
fn check_context(
    c: &Citation,
    source: &Indexed,
    ranges: &[Range<usize>],
    diags: &mut Vec<Diagnostic>,
) {
    let norm = &source.norm;
    let text = &norm.norm.text;
    let file = crate::diagnostic::display_path(&source.file_path);
    let at = |offset: usize| {
        let (line, col) = line_col(source.text, norm.norm.original_range(offset..offset).start);
        format!("{file}:{line}:{col}")
    };
    for pair in ranges.windows(2) {
        let gap = text[pair[0].end..pair[1].start].trim();
        let found = find_terms(&lower_words(gap), QUALIFIERS);
        if !found.is_empty() {
            diags.push(
                Diagnostic::error(
                    "elision-drops-qualifier",
                    format!("the elision drops {}", backticked(&found)),
                )
                .at(c.quote.span.clone(), "this elision changes what the source says")
                .note(format!("the skipped text at {} is: `{}`", at(pair[0].end), shorten(gap)))
                .help("quote the passage with these words: an elision may skip detail, never a negation, denial, hedge or condition"),
            );
        }
    }
    let (first, last) = (&ranges[0], &ranges[ranges.len() - 1]);
    let after = context_after(text, last.end);
    let after_words = lower_words(after);
    let next = &after_words[..after_words.len().min(3)];
    let conditions = find_terms(&after_words[..after_words.len().min(5)], CONDITIONS);
    let condition = conditions
        .iter()
        .find(|t| next.iter().any(|w| t.split(' ').next() == Some(w.as_str())));
    if let Some(term) = condition {
        diags.push(
            Diagnostic::warning(
                "quote-drops-condition",
                format!("the quote stops just before a condition: `{term} …`"),
            )
            .at(c.quote.span.clone(), "the claim may read as unconditional")
            .note(format!(
                "the source goes on at {}: `{}`",
                at(last.end),
                shorten(after.trim())
            ))
            .help("quote the condition too, and state it in the claim"),
        );
    }
    let before = context_before(text, first.start);
    let before_words = lower_words(before);
    let mut denied = find_terms(
        &before_words[before_words.len().saturating_sub(5)..],
        DENIALS,
    );
    let denied_after = find_terms(&after_words[..after_words.len().min(2)], DENIALS);
    let where_ = if denied.is_empty() {
        "just before"
    } else {
        "just after"
    };
    denied.extend(
        denied_after
            .iter()
            .filter(|t| !denied.contains(t))
            .collect::<Vec<_>>(),
    );
    if !denied.is_empty() {
        let message = if where_ == "just after" {
            format!("the quote starts just after {}", backticked(&denied))
        } else {
            format!("the quote stops just before {}", backticked(&denied))
        };
        diags.push(
            Diagnostic::warning("quote-drops-negation", message)
                .at(c.quote.span.clone(), "the source may say the opposite")
                .note(format!(
                    "the source reads at {}: `{}`",
                    at(first.start - before.len()),
                    shorten(&format!("{}{}{}", before, &text[first.start..last.end], after).replace('\n', " "))
                ))
                .help(
                    "quote the words around the passage too, so that the denial or negation is visible",
                ),
        );
    }
}

/// The text before `pos` back to the start of its sentence, where only
/// `.`, `!` or `?` end a sentence (a hard-wrapped line does not), and at
/// most 300 bytes of it.
fn context_before(text: &str, pos: usize) -> &str {
    let mut from = pos.saturating_sub(300);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = &text[from..pos];
    let cut = window
        .match_indices(['.', '!', '?'])
        .filter(|&(i, _)| window[i + 1..].starts_with(' ') && !abbreviation(&window[..i]))
        .map(|(i, _)| i + 2)
        .next_back()
        .unwrap_or(0);
    &window[cut.min(window.len())..]
}

/// Whether the text before a `.` ends with an abbreviation (`U.S`, `Dr`,
/// `a.m`), after which a full stop does not end the sentence. Context
/// windows read past it: reading further can only find more.
fn abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    word.contains('.')
        || word.chars().count() <= 3 && word.starts_with(char::is_uppercase)
        || matches!(
            word,
            "am" | "pm" | "vs" | "etc" | "Inc" | "Corp" | "Ltd" | "Jr" | "Sr" | "St" | "No"
        )
}

/// The text after `pos` up to the end of its sentence (as for
/// [`context_before`]), at most 300 bytes of it.
fn context_after(text: &str, pos: usize) -> &str {
    // A quote that ends its sentence has nothing after it in the sentence
    // (`in the U.S.` does not end one).
    let closed = text[..pos].trim_end_matches(['"', '\'', ')', ']']);
    let ended = closed.ends_with(['.', '!', '?']) && !abbreviation(&closed[..closed.len() - 1]);
    if ended {
        return "";
    }
    let mut to = (pos + 300).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let window = &text[pos..to];
    let cut = window
        .match_indices(['.', '!', '?'])
        .find(|&(i, _)| window[i + 1..].starts_with(' ') && !abbreviation(&window[..i]))
        .map_or(window.len(), |(i, _)| i + 1);
    &window[..cut]
}

fn backticked(terms: &[&str]) -> String {
    terms
        .iter()
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// At most 120 characters of `text`, cut on a character with `…`.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(120) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// The diagnostic for a quote that is in the source but breaks a placement
/// rule: it cuts a word, or its elision crosses a sentence end.
fn broken_rule(c: &Citation, source: &Indexed, miss: &Miss) -> Diagnostic {
    let norm = &source.norm;
    let file = crate::diagnostic::display_path(&source.file_path);
    let place = |r: &Range<usize>| {
        let o = norm.norm.original_range(r.clone());
        let (line, col) = line_col(source.text, o.start);
        (o, format!("{file}:{line}:{col}"))
    };
    match miss {
        Miss::CutsWord { word, at_start } => {
            let (o, at) = place(word);
            let w = &source.text[o.clone()];
            Diagnostic::error(
                "quote-cuts-word",
                format!(
                    "the quote {} inside the word `{w}` of {file}",
                    if *at_start { "starts" } else { "ends" }
                ),
            )
            .at(c.quote.span.clone(), "not on a word boundary of the source")
            .also(Span::new(source.file_path.clone(), o), "this word")
            .note(format!("the word is at {at}; a quote must cover whole words, and a number with its sign, currency and decimals is one word"))
            .help(format!("quote the whole word `{w}`"))
        }
        Miss::CrossesSentence { gap } => {
            let (o, at) = place(gap);
            let skipped = norm.norm.text[gap.clone()].trim();
            Diagnostic::error(
                "elision-crosses-sentence",
                "the elision skips the end of a sentence",
            )
            .at(c.quote.span.clone(), "joins words from different sentences")
            .also(Span::new(source.file_path.clone(), o), "skipped")
            .note(format!("the skipped text at {at} is: `{}`", shorten(skipped)))
            .help("an elision must stay within one sentence of the source: quote each sentence in its own citation")
        }
    }
}

/// A character a reader cannot see, or that reorders what a reader sees:
/// invisible format characters, variation selectors, the combining grapheme
/// joiner, tag characters, Hangul fillers and bidirectional controls.
pub fn hidden_char(c: char) -> bool {
    matches!(c,
        '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Bidirectional controls, which make a reader see text in an order other
/// than the one that was checked.
fn bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A word that mixes digits, `%` or a currency sign with letters of a
/// non-Latin script (`ЗЗ%`, with Cyrillic Ze for 3): a number no reader can
/// trust and the number rules cannot read.
fn unreadable_number(text: &str) -> Option<&str> {
    let sign = |c: char| matches!(c, '%' | '\u{2030}') || crate::segment::is_currency(c);
    let script = |c: char| crate::numbers::digit_value(c).map(|d| c as u32 - d);
    crate::segment::words(text).into_iter().find_map(|r| {
        let w = &text[r.clone()];
        let digits = w.chars().any(|c| c.is_numeric());
        let signed = w.chars().any(sign)
            || text[r.end..].chars().next().is_some_and(sign)
            || text[..r.start].chars().next_back().is_some_and(sign);
        let letters = w.chars().any(char::is_alphabetic);
        let foreign = w.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
        let mut scripts = w.chars().filter_map(script);
        let first = scripts.next();
        let mixed = scripts.any(|s| Some(s) != first);
        // `ƼƼ%` or `lO%`: letters where a percentage or amount needs digits;
        // `5Ƽ`: digits with letters of another script; `1٠5`: digits of two
        // scripts.
        // Digits of another script in Latin text (`৪` looks like 8 but is 4).
        let latin = text.chars().any(|c| c.is_ascii_alphabetic());
        let other_digits = w.chars().any(|c| c.is_numeric() && !c.is_ascii());
        let unreadable = (signed && letters && !digits)
            || (digits && foreign)
            || mixed
            || (latin && other_digits);
        unreadable.then_some(w)
    })
}

/// What an editor writes (a claim, quote, note, title …) may hold no
/// hidden character and no number written with lookalike letters.
fn check_visible(value: &str, span: &Span, what: &str, files: &Files, diags: &mut Vec<Diagnostic>) {
    let raw = files
        .get(&span.path)
        .and_then(|t| t.get(span.range.clone()))
        .unwrap_or("");
    if let Some(c) = value.chars().find(|&c| hidden_char(c)) {
        let at = match raw.find(c) {
            Some(i) => Span::new(
                span.path.clone(),
                span.range.start + i..span.range.start + i + c.len_utf8(),
            ),
            None => span.clone(),
        };
        diags.push(
            Diagnostic::error(
                "hidden-character",
                format!("the {what} contains U+{:04X}, a character readers cannot see", c as u32),
            )
            .at(at, "hidden character")
            .note("invisible and bidirectional characters can make the page show something other than what was checked")
            .help("remove it, and write the text as readers should see it"),
        );
    }
    let norm = normalize(value);
    if let Some(word) = unreadable_number(&norm) {
        diags.push(
            Diagnostic::error(
                "unreadable-number",
                format!("`{word}` in the {what} is a number no reader can be sure of"),
            )
            .at(span.clone(), "a number that cannot be checked")
            .note("letters that look like digits (Cyrillic `З`, Latin `Ƽ`), digits of another script than the text's (`৪` is 4, not 8), or digits of two scripts in one number (`1٠5`) read as one number and look like another")
            .help("write the number in the digits 0-9"),
        );
    }
}

/// Every text an editor wrote, checked with [`check_visible`]; every seed
/// checked for bidirectional controls.
fn check_hidden(project: &Project, sources: &[(SiteSource, PathBuf)], diags: &mut Vec<Diagnostic>) {
    let files = &project.files;
    for m in &project.manifest {
        check_visible(
            &m.title.value,
            &m.title.span,
            "source's title",
            files,
            diags,
        );
        check_visible(
            &m.publisher.value,
            &m.publisher.span,
            "source's publisher",
            files,
            diags,
        );
        for (t, what) in [(&m.name, "source's name"), (&m.based_on, "source's origin")] {
            if let Some(t) = t {
                check_visible(&t.value, &t.span, what, files, diags);
            }
        }
    }
    for f in &project.facts {
        check_visible(&f.claim.value, &f.claim.span, "claim", files, diags);
        if let Some(n) = &f.note {
            check_visible(&n.value, &n.span, "note", files, diags);
        }
        for c in f.sources.iter().chain(&f.conflicts) {
            check_visible(&c.quote.value, &c.quote.span, "quote", files, diags);
            for (n, what) in [
                (&c.note, "note"),
                (&c.attributed_to, "attribution"),
                (&c.origin, "origin"),
            ] {
                if let Some(n) = n {
                    check_visible(&n.value, &n.span, what, files, diags);
                }
            }
        }
    }
    if let Some(b) = &project.briefing {
        check_visible(&b.title.value, &b.title.span, "title", files, diags);
        check_visible(&b.summary.value, &b.summary.span, "summary", files, diags);
        let path = b.title.span.path.clone();
        let body = Span::new(path, b.body_offset..b.body_offset + b.body.len());
        check_visible(&b.body, &body, "briefing", files, diags);
    }
    for (s, path) in sources {
        if let Some((i, c)) = s.text.char_indices().find(|&(_, c)| bidi_control(c)) {
            diags.push(
                Diagnostic::error(
                    "hidden-character",
                    format!("{} contains U+{:04X}, a bidirectional control", crate::diagnostic::display_path(path), c as u32),
                )
                .at(Span::new(path.clone(), i..i + c.len_utf8()), "reorders the text around it")
                .note("readers of the source page would see the text in another order than the one the quotes were checked against")
                .help("save the seed without bidirectional controls, then re-record its hash with `sourced seeds --update`"),
            );
        }
    }
}

/// Two manifest entries with the same text are one document, counted once.
fn check_duplicate_documents(project: &Project, indexed: &[Indexed], diags: &mut Vec<Diagnostic>) {
    let entries: HashMap<&str, &crate::source::ManifestEntry> = project
        .manifest
        .iter()
        .map(|m| (m.key.value.as_str(), m))
        .collect();
    // Compared without case: a copy in capitals is the same document.
    let texts: Vec<String> = indexed
        .iter()
        .map(|i| i.norm.norm.text.trim().to_lowercase())
        .collect();
    let mut seen: HashMap<&str, &Indexed> = HashMap::new();
    for (i, text) in indexed.iter().zip(&texts) {
        let Some(first) = seen.get(text.as_str()).copied() else {
            seen.insert(text, i);
            continue;
        };
        let (Some(a), Some(b)) = (entries.get(first.key), entries.get(i.key)) else {
            continue;
        };
        let how = if first.text == i.text {
            "the same bytes"
        } else {
            "the same text once typography, whitespace and case are set aside"
        };
        diags.push(
            Diagnostic::error(
                "duplicate-document",
                format!(
                    "sources `{}` and `{}` are one document: their files have {how}",
                    first.key, i.key
                ),
            )
            .at(b.file.span.clone(), "the same document again")
            .also(a.file.span.clone(), "first listed here")
            .note("a document counts once, however many keys name it: two keys would make one source look like two")
            .help(format!("remove the entry for `{}` and cite `{}` instead", i.key, first.key)),
        );
    }
}

/// A fact's note is inline Markdown: no raw HTML, no footnotes, safe links.
fn check_inline_markdown(note: &Text, diags: &mut Vec<Diagnostic>) {
    let scan = briefing::scan(&note.value, false);
    let at = || note.span.clone();
    for _ in &scan.html {
        diags.push(raw_html(at()));
    }
    for _ in scan
        .definitions
        .iter()
        .chain(scan.references.iter().map(|r| &r.1))
    {
        diags.push(
            Diagnostic::error(
                "note-footnote",
                "a fact's note cannot cite facts or define footnotes",
            )
            .at(at(), "footnote syntax in a note")
            .help("cite facts from briefing.md; a note is plain inline Markdown"),
        );
    }
    for (dest, _, image) in &scan.bad_links {
        diags.push(bad_link(dest, *image, at()));
    }
}

fn raw_html(span: Span) -> Diagnostic {
    Diagnostic::error("raw-html", "raw HTML is not allowed")
        .at(span, "raw HTML")
        .help("write it in Markdown; a literal `<` can be written as `\\<`")
}

fn bad_link(dest: &str, image: bool, span: Span) -> Diagnostic {
    if image {
        Diagnostic::error("image", format!("images are not supported (`{dest}`)"))
            .at(span, "image")
            .help("remove the image: a briefing is text, and the site makes no external requests")
    } else {
        Diagnostic::error("unsafe-link", format!("link to `{dest}` is not allowed"))
            .at(span, "unsafe link")
            .help("links may be relative, or use http, https or mailto")
    }
}

/// A claim's numbers, as candidates for the prose: (number, as written,
/// which fact).
type ClaimNumbers = Vec<(Number, String, String)>;

fn claim_numbers(f: &SiteFact) -> ClaimNumbers {
    let norm = Normalized::new(&f.claim);
    numbers(&norm.text)
        .into_iter()
        .filter(|n| !crate::source_phrases::is_count(&norm.text, &n.range))
        .map(|n| {
            let written = f.claim[norm.original_range(n.range.clone())].to_string();
            (n, written, format!("in the claim of `{}`", f.id))
        })
        .collect()
}

/// Every number in a prose sentence must be stated by the claim of a fact
/// the sentence cites, and every number in the title and summary by some
/// fact's claim: so the chain prose → claim → quote → seed holds. Counts of
/// sources (`three sources`) are left to the trust signals.
fn check_prose_numbers(
    b: &briefing::Briefing,
    scan: &briefing::Scan,
    facts: &[SiteFact],
    project: &Project,
    diags: &mut Vec<Diagnostic>,
) {
    let path = b.title.span.path.clone();
    let by_id: HashMap<&str, &SiteFact> = facts.iter().map(|f| (f.id.as_str(), f)).collect();
    let mut memo: HashMap<&str, ClaimNumbers> = HashMap::new();
    let codes = ("prose-number", "prose-number");
    if !project.facts_complete {
        // A fact file did not parse: its error says it all, and the claims
        // the prose cites may be among the facts it held.
        return;
    }
    for ((_, refs), text) in scan.sentences.iter().zip(&scan.texts) {
        if refs.iter().any(|id| !by_id.contains_key(id.as_str())) {
            // An unknown reference is an error of its own.
            continue;
        }
        let norm = Normalized::new(&text.text);
        let found = numbers(&norm.text);
        if found.is_empty() {
            continue;
        }
        let mut cited: Vec<&str> = Vec::new();
        for id in refs {
            if !cited.contains(&id.as_str()) && by_id.contains_key(id.as_str()) {
                cited.push(id);
            }
        }
        for id in &cited {
            memo.entry(id).or_insert_with(|| claim_numbers(by_id[id]));
        }
        let candidates = cited
            .iter()
            .flat_map(|id| memo[id].iter())
            .map(|(n, w, at)| (n, w.as_str(), at.as_str()));
        for n in found {
            if crate::source_phrases::is_count(&norm.text, &n.range) {
                continue;
            }
            let original = norm.original_range(n.range.clone());
            let written = &text.text[original.clone()];
            let body = text.body_range(&original);
            let span = Span::new(
                path.clone(),
                b.body_offset + body.start..b.body_offset + body.end,
            );
            let what = (
                "fact cited in this sentence",
                "claims of the facts cited here",
            );
            if let Some(d) = unsupported(&n, written, span, candidates.clone(), what, codes) {
                diags.push(d.help(format!(
                    "cite a fact whose claim states {written}, or say only what the cited claims say"
                )));
            }
        }
    }
    // The title and summary speak for the whole page: their numbers are
    // checked against every claim, read (once, with the sentences' ones)
    // only when there are numbers to check.
    let has_numbers = |t: &Text| !numbers(&normalize(&t.value)).is_empty();
    if has_numbers(&b.title) || has_numbers(&b.summary) {
        for f in facts {
            memo.entry(&f.id).or_insert_with(|| claim_numbers(f));
        }
    }
    let candidates = facts
        .iter()
        .filter_map(|f| memo.get(f.id.as_str()))
        .flatten()
        .map(|(n, w, at)| (n, w.as_str(), at.as_str()));
    for t in [&b.title, &b.summary] {
        let raw = project
            .files
            .get(&t.span.path)
            .and_then(|f| f.get(t.span.range.clone()))
            .unwrap_or("");
        let mut placer = Placer::new(&t.span, raw);
        let norm = Normalized::new(&t.value);
        for n in numbers(&norm.text) {
            if crate::source_phrases::is_count(&norm.text, &n.range) {
                continue;
            }
            let written = &t.value[norm.original_range(n.range.clone())];
            let span = placer.place(written);
            let what = ("fact's claim", "claims");
            if let Some(d) = unsupported(&n, written, span, candidates.clone(), what, codes) {
                diags.push(d.help(format!(
                    "the title and summary may only state numbers that a fact's claim states: add that fact, or correct {written}"
                )));
            }
        }
    }
}

fn check_briefing(
    b: &briefing::Briefing,
    scan: &briefing::Scan,
    facts: &mut [SiteFact],
    project: &Project,
    diags: &mut Vec<Diagnostic>,
) {
    let path = b.title.span.path.clone();
    let at =
        |r: &Range<usize>| Span::new(path.clone(), b.body_offset + r.start..b.body_offset + r.end);
    for (field, t) in [("title", &b.title), ("summary", &b.summary)] {
        if t.value.trim().is_empty() {
            diags.push(
                Diagnostic::error("empty-field", format!("the briefing's `{field}` is empty"))
                    .at(t.span.clone(), "empty")
                    .help(format!("write the briefing's {field}")),
            );
        }
    }
    let index: HashMap<&str, usize> = facts
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    // The fact each reference names, in order.
    let mut cited = Vec::with_capacity(scan.references.len());
    for (id, range) in &scan.references {
        match index.get(id.as_str()) {
            Some(&i) => cited.push(i),
            None if !project.facts_complete => {}
            None => {
                let mut d = Diagnostic::error("unknown-fact", format!("`[^{id}]` names no fact"))
                    .at(at(range), "no fact has this id");
                d = match closest(id, facts.iter().map(|f| f.id.as_str())) {
                    Some(s) => d.help(format!("did you mean `[^{s}]`?")),
                    None => d.help("add the fact to a file in content/facts, or correct the id"),
                };
                diags.push(d);
            }
        }
    }
    drop(index);
    let mut next = 1;
    for i in cited {
        facts[i].uses += 1;
        if facts[i].number.is_none() {
            facts[i].number = Some(next);
            next += 1;
        }
    }
    for r in &scan.definitions {
        diags.push(
            Diagnostic::error(
                "footnote-definition",
                "footnote definitions are not allowed in briefing.md",
            )
            .at(at(r), "footnote definition")
            .help("facts live in content/facts/*.yaml; cite one with `[^fact-id]`"),
        );
    }
    for r in &scan.html {
        diags.push(raw_html(at(r)));
    }
    for (dest, r, image) in &scan.bad_links {
        diags.push(bad_link(dest, *image, at(r)));
    }
    check_prose_numbers(b, scan, facts, project, diags);
    for r in &scan.unsourced {
        diags.push(
            Diagnostic::warning("unsourced-sentence", "unsourced sentence")
                .at(at(r), "this sentence cites no fact")
                .help("cite the facts it rests on with `[^fact-id]` after the sentence"),
        );
    }
    let mut reported = BTreeSet::new();
    for (f, l) in facts.iter().zip(&project.facts) {
        if f.number.is_none() && reported.insert(f.id.as_str()) {
            diags.push(
                Diagnostic::warning(
                    "uncited-fact",
                    format!("fact `{}` is not cited in briefing.md", f.id),
                )
                .at(l.id.span.clone(), "never cited")
                .help(format!(
                    "cite it in the briefing with `[^{}]`, or remove it",
                    f.id
                )),
            );
        }
    }
}
