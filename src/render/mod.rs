//! Stage 3, render: turn a verified [`Site`] into the files of the output
//! folder, through the tera templates. Every string from the content reaches
//! the page either through tera's autoescaping or through pulldown-cmark's
//! escaping HTML writer (raw HTML was refused by verify).

mod assets;
mod escape;
pub mod export;

use crate::diagnostic::{Diagnostic, Span};
use crate::hash::HashMap;
use crate::memo::Memo;
use crate::project::briefing::parser;
use crate::project::templates::Template;
use crate::verify::{Site, SiteFact, SiteQuote, SiteSource, Status};
use pulldown_cmark::{Event, html};
use rayon::prelude::*;
use serde::Serialize;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod sink;
pub use sink::Sink;
use sink::*;
mod notes;
pub use notes::*;
mod template_errors;
use template_errors::*;
mod fragment;
pub use fragment::*;
mod index;
use index::*;
mod markdown;
use markdown::*;
mod matrix;
pub use matrix::*;
mod source_page;
use source_page::*;
mod builtin_notes;
#[cfg(test)]
mod builtin_notes_reference_tests;
#[cfg(test)]
mod source_page_reference_tests;
#[cfg(test)]
mod tests;

/// One file of the output, by path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    /// Shared: a page unchanged since serve's last rebuild is handed out
    /// again without copying it.
    pub bytes: Arc<Vec<u8>>,
}

/// What rendering keeps for the next run: each fact's endnote and
/// references, and each source page, with the data they were rendered
/// from. All of them were rendered with the templates and site-wide values
/// in `context`; when those change, everything is dropped.
#[derive(Default)]
pub struct RenderCache {
    context: Option<SiteWide>,
    tera: Option<tera::Tera>,
    notes: Memo<String, NoteInput, Arc<RenderedNote>>,
    /// The body's HTML as the template context holds it (a shared
    /// string: handed to the next run's context without a copy).
    body: Memo<(), BodyInput, tera::Value>,
    sources: Memo<String, SourceInput, Arc<Vec<u8>>>,
    facts_json: Memo<String, Arc<SiteFact>, Arc<str>>,
    /// The endnotes of the last run and their joined text, when the notes
    /// memo keeps its values (see [`index::joined_endnotes`]).
    endnotes: Option<Joined>,
    /// The sources of the last run, and their generation (see
    /// [`RenderCache::generation`]), when the notes memo keeps its values.
    seen_sources: Option<(Arc<Vec<SiteSource>>, u64)>,
}

/// The rendered notes of a run, and their endnotes joined.
type Joined = (Vec<Arc<RenderedNote>>, String);

impl RenderCache {
    pub fn new(keep: bool) -> RenderCache {
        RenderCache {
            context: None,
            tera: None,
            notes: Memo::new(keep),
            body: Memo::new(keep),
            sources: Memo::new(keep),
            facts_json: Memo::new(keep),
            endnotes: None,
            seen_sources: None,
        }
    }

    /// The generation of `sources`: the last run's when they equal the last
    /// run's sources, else the next one. Run after run, the generation is
    /// the same only while the sources are: a note kept from a run of this
    /// generation was rendered from these very sources.
    /// (Equal sources are most often the very same `Arc`: compared by
    /// pointer first.)
    fn generation(&mut self, sources: &Arc<Vec<SiteSource>>) -> u64 {
        match &self.seen_sources {
            Some((last, generation)) if last == sources => *generation,
            last => {
                let next = last.as_ref().map_or(0, |(_, g)| g + 1);
                if self.notes.keeps() {
                    self.seen_sources = Some((sources.clone(), next));
                }
                next
            }
        }
    }

    fn finish_run(&mut self) {
        self.notes.finish_run();
        self.body.finish_run();
        self.sources.finish_run();
        self.facts_json.finish_run();
    }
}

/// What became of a page: what the sink returned, or the template's
/// diagnostic.
type PageResult<E> = Result<Result<(), E>, Box<Diagnostic>>;

/// What every page sees besides its own data: the templates and the
/// values of [`base_context`].
type SiteWide = (Vec<Template>, String, String, Option<String>);

/// Everything a fact's endnote and references are rendered from: the fact,
/// and for each of its quotes what the note shows of the source.
struct NoteInput {
    fact: Arc<SiteFact>,
    /// The generation of the sources the note was rendered from (see
    /// [`RenderCache::generation`]): while it is the run's, the sources
    /// need no comparing.
    generation: u64,
    sources: Vec<ShownSource>,
}

/// What a note shows of a quote's source (see [`QuoteSource`]), kept to be
/// compared cheaply: its short name, title and URL, and the source's text,
/// which with the fact's quote gives the passage (so an unchanged source's
/// is compared by pointer, not byte by byte).
struct ShownSource {
    publisher: String,
    title: String,
    url: Option<String>,
    /// `None` when no source has the quote's key: the passage is then the
    /// fact's own quote.
    text: Option<Arc<str>>,
}

impl ShownSource {
    fn new(source: Option<&SiteSource>) -> ShownSource {
        let shown = QuoteSource::of(source, "");
        ShownSource {
            publisher: shown.publisher.to_string(),
            title: shown.title.to_string(),
            url: shown.url.map(str::to_string),
            text: source.map(|s| s.text.clone()),
        }
    }

    /// Whether a note of the same fact would show this of `source`.
    fn same(&self, source: Option<&SiteSource>) -> bool {
        let shown = QuoteSource::of(source, "");
        self.publisher == shown.publisher
            && self.title == shown.title
            && self.url.as_deref() == shown.url
            && match (&self.text, source) {
                (Some(text), Some(s)) => Arc::ptr_eq(text, &s.text) || **text == *s.text,
                (None, None) => true,
                _ => false,
            }
    }
}

/// The sources of a run: by key, and their generation.
type Sources<'a> = (&'a HashMap<&'a str, &'a SiteSource>, u64);

impl NoteInput {
    fn new(f: &Arc<SiteFact>, (by_key, generation): Sources) -> NoteInput {
        NoteInput {
            fact: f.clone(),
            generation,
            sources: quoted_sources(f, by_key).map(ShownSource::new).collect(),
        }
    }

    /// Whether the note of `f` is rendered from this input: the same fact
    /// (`SiteFact` is `Eq`, so an unchanged one is compared by pointer),
    /// showing the same of the same sources (certainly so in the same
    /// generation of sources).
    fn same(&self, f: &Arc<SiteFact>, (by_key, generation): Sources) -> bool {
        let same_sources = || {
            let mut now = quoted_sources(f, by_key);
            self.sources
                .iter()
                .all(|s| now.next().is_some_and(|n| s.same(n)))
                && now.next().is_none()
        };
        self.fact == *f && (self.generation == generation || same_sources())
    }
}

/// What a note shows of a quote's source: its short name (the manifest's
/// `name`, the one the prose uses, else its publisher), title, URL, and the
/// quoted passage as the source writes it (for the text fragment).
struct QuoteSource<S> {
    publisher: S,
    title: S,
    url: Option<S>,
    passage: S,
}

impl<'a> QuoteSource<&'a str> {
    /// What a note shows of `source` for a quote whose passage, in the
    /// source's text, is `passage` (the source's own words where found).
    fn of(source: Option<&'a SiteSource>, passage: &'a str) -> QuoteSource<&'a str> {
        QuoteSource {
            publisher: source.map_or("", |s| s.name.as_deref().unwrap_or(&s.publisher)),
            title: source.map_or("", |s| s.title.as_str()),
            url: source.and_then(|s| s.url.as_deref()),
            passage,
        }
    }
}

/// A fact's endnote (`endnote.html`) and its references in order of use
/// (`noteref.html`).
struct RenderedNote {
    id: String,
    endnote: String,
    refs: Vec<String>,
}

/// Everything the briefing's body is rendered from: its Markdown and the
/// rendered notes of the cited facts, in order.
struct BodyInput {
    body: String,
    notes: Vec<Arc<RenderedNote>>,
}

impl BodyInput {
    fn same(&self, body: &str, notes: &[Arc<RenderedNote>]) -> bool {
        self.body == body
            && self.notes.len() == notes.len()
            && self
                .notes
                .iter()
                .zip(notes)
                .all(|(a, b)| Arc::ptr_eq(a, b) || (a.id == b.id && a.refs == b.refs))
    }
}

/// Everything a source page is rendered from: the source, and the facts
/// that quote it.
#[derive(PartialEq)]
struct SourceInput {
    source: SiteSource,
    facts: Vec<Arc<SiteFact>>,
}

/// Renders the whole site into a list of files, sorted by path. Template
/// errors are diagnostics (they are the project's own files), reported all
/// at once. Notes and source pages whose data is unchanged since the last
/// run are taken from the cache.
pub fn render(
    site: &Site,
    templates: &[Template],
    cache: &mut RenderCache,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let collect = Collect::default();
    let Ok(rendered) = render_each(site, templates, cache, &collect);
    rendered?;
    let mut out = collect
        .files
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Renders the whole site as [`render`] does, but hands each file to `sink`
/// as soon as it is rendered, so that the site need not be held whole in
/// memory: `build` writes each file into its staging folder. On a template
/// error, the diagnostics are returned and files may already have gone to
/// the sink; the first error of the sink, in the order of the files, stops
/// the run.
pub fn render_each<S: Sink>(
    site: &Site,
    templates: &[Template],
    cache: &mut RenderCache,
    sink: &S,
) -> Result<Result<(), Vec<Diagnostic>>, S::Error> {
    let context: SiteWide = (
        templates.to_vec(),
        site.title.clone(),
        site.summary.clone(),
        site.updated.clone(),
    );
    if cache.context.as_ref() != Some(&context) {
        *cache = RenderCache {
            context: Some(context),
            tera: match compile(templates) {
                Ok(tera) => Some(tera),
                Err(diags) => return Ok(Err(diags)),
            },
            ..RenderCache::new(cache.notes.keeps())
        };
    }
    let generation = cache.generation(&site.sources);
    let RenderCache {
        tera: Some(tera),
        notes,
        body,
        sources: source_pages_cache,
        facts_json,
        endnotes,
        ..
    } = cache
    else {
        unreachable!("set above")
    };
    let tera = &*tera;
    let by_key: HashMap<&str, &SiteSource> =
        site.sources.iter().map(|s| (s.key.as_str(), s)).collect();
    // The source pages (in parallel) beside the briefing (its notes in
    // parallel; its Markdown and template on one thread, which the pages
    // keep the other core busy meanwhile). serve also writes facts.json
    // beside the briefing: its rebuild waits for both. (build writes it
    // after, when the briefing's strings are freed.)
    let (sources, (index, json)) = rayon::join(
        || source_pages(site, tera, templates, source_pages_cache, sink),
        || {
            let memos = (notes, body, endnotes);
            let sources = (&by_key, generation);
            let index = || index_page(site, tera, templates, sources, memos, sink);
            if facts_json.keeps() {
                let (index, json) = rayon::join(index, || export::facts_json(site, facts_json));
                (index, Some(json))
            } else {
                (index(), None)
            }
        },
    );
    let mut errors = Vec::new();
    let mut failed = None;
    for result in std::iter::once(index).chain(sources) {
        match result {
            Ok(Ok(())) => {}
            Ok(Err(e)) => failed = failed.or(Some(e)),
            Err(e) => errors.push(*e),
        }
    }
    if !errors.is_empty() {
        // One broken template fails every page alike: report it once.
        errors.dedup();
        return Ok(Err(errors));
    }
    if let Some(e) = failed {
        return Err(e);
    }
    for t in templates.iter().filter(|t| !t.is_tera()) {
        sink.put(OutputFile {
            path: PathBuf::from(&t.name),
            bytes: Arc::new(assets::asset_bytes(&t.name, &t.text)),
        })?;
    }
    let json = json.unwrap_or_else(|| export::facts_json(site, facts_json));
    sink.put(OutputFile {
        path: PathBuf::from("facts.json"),
        bytes: Arc::new(json.into_bytes()),
    })?;
    sink.put(OutputFile {
        path: PathBuf::from(".nojekyll"),
        bytes: Arc::default(),
    })?;
    cache.finish_run();
    Ok(Ok(()))
}

/// The source of each of `f`'s quotes, in order (`None` for a key no
/// source has).
fn quoted_sources<'a>(
    f: &'a SiteFact,
    by_key: &'a HashMap<&str, &'a SiteSource>,
) -> impl Iterator<Item = Option<&'a SiteSource>> + 'a {
    (f.sources.iter().chain(&f.conflicts)).map(|q| by_key.get(q.source.as_str()).copied())
}

/// What the note of `f` shows of the source of each of its quotes.
fn quote_sources<'a>(
    f: &'a SiteFact,
    by_key: &'a HashMap<&str, &'a SiteSource>,
) -> impl Iterator<Item = QuoteSource<&'a str>> + 'a {
    let quotes = f.sources.iter().chain(&f.conflicts);
    quotes.zip(quoted_sources(f, by_key)).map(|(q, source)| {
        let passage = source
            .and_then(|s| s.text.get(q.pieces.first().cloned().unwrap_or(0..0)))
            .unwrap_or(&q.quote);
        QuoteSource::of(source, passage)
    })
}

fn base_context(site: &Site, root: &str) -> tera::Context {
    let mut ctx = tera::Context::new();
    ctx.insert("root", root);
    ctx.insert("title", &site.title);
    ctx.insert("summary", &site.summary);
    ctx.insert("updated", &site.updated);
    ctx.insert("generator", concat!("sourced ", env!("CARGO_PKG_VERSION")));
    ctx
}

/// The list of source documents, for the briefing page.
fn source_list(site: &Site) -> Vec<SourceSummary<'_>> {
    site.sources
        .iter()
        .map(|s| SourceSummary {
            key: &s.key,
            title: &s.title,
            publisher: &s.publisher,
            href: format!("sources/{}.html", s.key),
        })
        .collect()
}

#[derive(Serialize)]
struct SourceSummary<'a> {
    key: &'a str,
    title: &'a str,
    publisher: &'a str,
    href: String,
}
