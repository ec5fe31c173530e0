//! Stage 2, verify: check the loaded project against the rules in README.md
//! ("Verification") and produce the plain data the renderer needs. Every
//! problem is collected; nothing stops at the first one.

use crate::briefing;
use crate::cache::Memo;
use crate::diagnostic::{Diagnostic, Files, Span, line_col};
use crate::fact::{Citation, Fact, Text};
use crate::load::Project;
use crate::near_miss;
use crate::normalize::Normalized;
use crate::numbers::numbers;
use crate::quote_match::{self, MIN_WORDS, Match, Quote};
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
    norm: Arc<Normalized>,
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
    normalized: Memo<PathBuf, String, (u64, Arc<Normalized>)>,
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
                text(&a.source, &b.source)
                    && text(&a.quote, &b.quote)
                    && a.note.as_ref().map(|n| &n.value) == b.note.as_ref().map(|n| &n.value)
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
    let by_key: HashMap<&str, &Indexed> = indexed.iter().map(|i| (i.key, i)).collect();
    let known_keys: BTreeSet<&str> = project
        .manifest
        .iter()
        .map(|m| m.key.value.as_str())
        .collect();

    check_fact_ids(&project.facts, &mut diags);
    // Facts whose inputs are unchanged since the last run are reused; the
    // rest are checked in parallel, and their diagnostics merged in order.
    let source_ids = |f| source_ids(f, &by_key);
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

    let (title, summary, updated, body) = match &project.briefing {
        Some(b) => {
            let scan = cache.scan.get_or_compute(
                &(),
                |body| *body == b.body,
                || Arc::new(briefing::scan(&b.body, true)),
                || ((), b.body.clone()),
            );
            check_briefing(b, &scan, &mut facts, project, &mut diags);
            (
                b.title.value.clone(),
                b.summary.value.clone(),
                b.updated.as_ref().map(|u| u.value.clone()),
                b.body.clone(),
            )
        }
        None => Default::default(),
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
    let hits: Vec<Option<(u64, Arc<Normalized>)>> = sources
        .iter()
        .map(|(s, path)| cache.normalized.get(path, |text| *text == s.text))
        .collect();
    let norms: Vec<(Option<u64>, Arc<Normalized>)> = sources
        .par_iter()
        .zip(hits)
        .map(|((s, _), hit)| match hit {
            Some((id, norm)) => (Some(id), norm),
            None => (None, Arc::new(Normalized::new(&s.text))),
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

/// The id of the source text each of a fact's citations names, in order.
fn source_ids<'a>(
    f: &'a Fact,
    by_key: &'a HashMap<&str, &Indexed>,
) -> impl Iterator<Item = Option<u64>> + 'a {
    f.sources
        .iter()
        .chain(&f.conflicts)
        .map(|c| by_key.get(c.source.value.as_str()).map(|i| i.id))
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
    for c in &fact.sources {
        if let Some(q) = check_citation(c, sources, known_keys, diags) {
            quotes.push(q);
        }
    }
    let mut conflicts = Vec::new();
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
        if let Some(q) = check_citation(c, sources, known_keys, diags) {
            conflicts.push(q);
        }
    }
    check_numbers(fact, files, diags);
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
        uses: 0,
    }
}

/// Checks one quote and locates it in its source.
fn check_citation(
    c: &Citation,
    sources: &HashMap<&str, &Indexed>,
    known_keys: &BTreeSet<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Option<SiteQuote> {
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
    match quote_match::find(&source.norm, &quote) {
        Match::Unique(ranges) => {
            let pieces: Vec<Range<usize>> = ranges
                .into_iter()
                .map(|r| source.norm.original_range(r))
                .collect();
            let (line, column) = line_col(source.text, pieces[0].start);
            Some(SiteQuote {
                source: key.to_string(),
                quote: c.quote.value.clone(),
                note: c.note.as_ref().map(|n| n.value.clone()),
                pieces,
                line,
                column,
            })
        }
        Match::NotFound => {
            diags.push(not_found(c, key, source, &quote, sources));
            None
        }
        Match::Ambiguous(a, b) => {
            let text = source.text;
            let la = line_col(text, source.norm.original_range(a[0].clone()).start);
            let lb = line_col(text, source.norm.original_range(b[0].clone()).start);
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
            "each part between the elisions is in {file}, but not in order on one line with at most {} characters skipped per elision",
            quote_match::MAX_GAP_CHARS
        ));
    } else if let Some(piece) = quote.pieces.iter().find(|p| !found_alone(p))
        && let Some(miss) = near_miss::closest(&source.norm, piece)
    {
        let range = source.norm.original_range(miss.range.clone());
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

/// Every number written in digits in the claim must appear in one of its
/// supporting quotes.
fn check_numbers(fact: &Fact, files: &Files, diags: &mut Vec<Diagnostic>) {
    let in_quotes: BTreeSet<String> = fact
        .sources
        .iter()
        .flat_map(|c| numbers(&c.quote.value))
        .map(|n| n.value)
        .collect();
    let raw = raw_claim(fact, files);
    for n in numbers(&fact.claim.value) {
        if in_quotes.contains(&n.value) {
            continue;
        }
        let written = &fact.claim.value[n.range.clone()];
        // Point at the number itself when it can be found in the YAML text.
        let span = match raw.find(written) {
            Some(i) => {
                let start = fact.claim.span.range.start + i;
                Span::new(fact.claim.span.path.clone(), start..start + written.len())
            }
            None => fact.claim.span.clone(),
        };
        let given: Vec<String> = in_quotes.iter().cloned().collect();
        let mut d = Diagnostic::error(
            "number-mismatch",
            format!("claim says {written}, but no supporting quote has that number"),
        )
        .at(span, "not in any quote");
        d = if given.is_empty() {
            d.note("the quotes give no numbers")
        } else {
            d.note(format!("the quotes give: {}", given.join(", ")))
        };
        diags.push(d.help(format!(
            "correct the claim, or cite a quote that states {written}"
        )));
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
