//! Stage 3, render: turn a verified [`Site`] into the files of the output
//! folder, through the tera templates. Every string from the content reaches
//! the page either through tera's autoescaping or through pulldown-cmark's
//! escaping HTML writer (raw HTML was refused by verify).

use crate::briefing::parser;
use crate::cache::Memo;
use crate::diagnostic::{Diagnostic, Span};
use crate::export;
use crate::templates::Template;
use crate::verify::{Site, SiteFact, SiteQuote, SiteSource, Status};
use pulldown_cmark::{Event, html};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// One file of the output, by path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// What rendering keeps for the next run: each fact's endnote and
/// references, and each source page, with the data they were rendered
/// from. All of them were rendered with the templates and site-wide values
/// in `context`; when those change, everything is dropped.
#[derive(Default)]
pub struct RenderCache {
    context: Option<Context>,
    tera: Option<tera::Tera>,
    notes: Memo<String, NoteInput, Arc<RenderedNote>>,
    body: Memo<(), BodyInput, String>,
    sources: Memo<String, SourceInput, Vec<u8>>,
    facts_json: Memo<String, SiteFact, Arc<str>>,
}

impl RenderCache {
    pub fn new(keep: bool) -> RenderCache {
        RenderCache {
            context: None,
            tera: None,
            notes: Memo::new(keep),
            body: Memo::new(keep),
            sources: Memo::new(keep),
            facts_json: Memo::new(keep),
        }
    }

    fn finish_run(&mut self) {
        self.notes.finish_run();
        self.body.finish_run();
        self.sources.finish_run();
        self.facts_json.finish_run();
    }
}

/// What every page sees besides its own data: the templates and the
/// values of [`base_context`].
type Context = (Vec<Template>, String, String, Option<String>);

/// Everything a fact's endnote and references are rendered from: the fact,
/// and for each of its quotes what the note shows of the source.
#[derive(PartialEq)]
struct NoteInput {
    fact: SiteFact,
    sources: Vec<QuoteSource<String>>,
}

/// What a note shows of a quote's source: publisher, title, URL, and the
/// quoted passage as the source writes it (for the text fragment).
#[derive(PartialEq)]
struct QuoteSource<S> {
    publisher: S,
    title: S,
    url: Option<S>,
    passage: S,
}

impl QuoteSource<String> {
    fn as_str(&self) -> QuoteSource<&str> {
        QuoteSource {
            publisher: &self.publisher,
            title: &self.title,
            url: self.url.as_deref(),
            passage: &self.passage,
        }
    }
}

impl QuoteSource<&str> {
    fn to_owned(&self) -> QuoteSource<String> {
        QuoteSource {
            publisher: self.publisher.to_string(),
            title: self.title.to_string(),
            url: self.url.map(str::to_string),
            passage: self.passage.to_string(),
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
    facts: Vec<SiteFact>,
}

/// Renders the whole site. Template errors are diagnostics (they are the
/// project's own files), reported all at once. Notes and source pages whose
/// data is unchanged since the last run are taken from the cache.
pub fn render(
    site: &Site,
    templates: &[Template],
    cache: &mut RenderCache,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let context: Context = (
        templates.to_vec(),
        site.title.clone(),
        site.summary.clone(),
        site.updated.clone(),
    );
    if cache.context.as_ref() != Some(&context) {
        *cache = RenderCache {
            context: Some(context),
            tera: Some(compile(templates)?),
            ..RenderCache::new(cache.notes.keeps())
        };
    }
    let RenderCache {
        tera: Some(tera),
        notes,
        body,
        sources: source_pages,
        facts_json,
        ..
    } = cache
    else {
        unreachable!("set above")
    };
    let tera = &*tera;
    let by_key: HashMap<&str, &SiteSource> =
        site.sources.iter().map(|s| (s.key.as_str(), s)).collect();
    let page = |name: &str, path: String, ctx: tera::Context| {
        tera.render(name, &ctx)
            .map(|s| OutputFile {
                path: PathBuf::from(path),
                bytes: s.into_bytes(),
            })
            .map_err(|e| Box::new(template_error(templates, name, &e)))
    };
    // The briefing and the source pages are rendered side by side.
    let (index, sources) = rayon::join(
        || -> Result<OutputFile, Box<Diagnostic>> {
            let mut cited: Vec<&SiteFact> =
                site.facts.iter().filter(|f| f.number.is_some()).collect();
            cited.sort_by_key(|f| f.number);
            let rendered = render_notes(site, tera, &cited, &by_key, notes)
                .map_err(|(name, e)| Box::new(template_error(templates, name, &e)))?;
            let mut ctx = base_context(site, "");
            ctx.insert("sources", &source_list(site));
            let body = body.get_or_compute(
                &(),
                |i| i.same(&site.body, &rendered),
                || body_html(site, &cited, &rendered),
                || {
                    let input = BodyInput {
                        body: site.body.clone(),
                        notes: rendered.clone(),
                    };
                    ((), input)
                },
            );
            ctx.insert("body", &body);
            ctx.insert("matrix", &matrix(site, &cited));
            ctx.insert("note_count", &cited.len());
            // Which trust marks the references carry, for the legend.
            ctx.insert(
                "marked",
                &TrustMarks {
                    single_source: cited.iter().any(|f| f.status == Status::SingleSource),
                    disputed: cited.iter().any(|f| f.status == Status::Disputed),
                },
            );
            let mut endnotes =
                String::with_capacity(rendered.iter().map(|n| n.endnote.len()).sum());
            for n in &rendered {
                endnotes.push_str(&n.endnote);
            }
            ctx.insert("endnotes", &endnotes);
            page("briefing.html", "index.html".into(), ctx)
        },
        || {
            // The facts that quote each source, in order, each once.
            let mut quoting: HashMap<&str, Vec<&SiteFact>> = HashMap::new();
            for f in &site.facts {
                for q in f.sources.iter().chain(&f.conflicts) {
                    let list = quoting.entry(&q.source).or_default();
                    if !list.last().is_some_and(|l| std::ptr::eq(*l, f)) {
                        list.push(f);
                    }
                }
            }
            let inputs: Vec<(&SiteSource, Vec<&SiteFact>)> = site
                .sources
                .iter()
                .map(|s| (s, quoting.remove(s.key.as_str()).unwrap_or_default()))
                .collect();
            let hits: Vec<Option<Vec<u8>>> = inputs
                .iter()
                .map(|(s, facts)| {
                    source_pages.get(&s.key, |i| {
                        i.source == **s && i.facts.iter().eq(facts.iter().copied())
                    })
                })
                .collect();
            let pages: Vec<(Result<OutputFile, Box<Diagnostic>>, bool)> = inputs
                .par_iter()
                .zip(hits)
                .map(|((source, facts), hit)| {
                    let path = format!("sources/{}.html", source.key);
                    if let Some(bytes) = hit {
                        let path = PathBuf::from(path);
                        return (Ok(OutputFile { path, bytes }), true);
                    }
                    let (highlights, facts) = highlights(&source.key, facts);
                    let mut ctx = base_context(site, "../");
                    ctx.insert("source", &source_page(source, &highlights, &facts));
                    (page("source.html", path, ctx), false)
                })
                .collect();
            pages
                .into_iter()
                .zip(inputs)
                .map(|((page, hit), (source, facts))| {
                    if let (Ok(file), false) = (&page, hit) {
                        source_pages.put(|| {
                            let input = SourceInput {
                                source: source.clone(),
                                facts: facts.into_iter().cloned().collect(),
                            };
                            (source.key.clone(), input, file.bytes.clone())
                        });
                    }
                    page
                })
                .collect::<Vec<_>>()
        },
    );
    let mut out = Vec::with_capacity(site.sources.len() + 5);
    let mut errors = Vec::new();
    for result in std::iter::once(index).chain(sources) {
        match result {
            Ok(file) => out.push(file),
            Err(e) => errors.push(*e),
        }
    }
    if !errors.is_empty() {
        // One broken template fails every page alike: report it once.
        errors.dedup();
        return Err(errors);
    }
    for t in templates.iter().filter(|t| !t.is_tera()) {
        out.push(OutputFile {
            path: PathBuf::from(&t.name),
            bytes: t.text.clone().into_bytes(),
        });
    }
    out.push(OutputFile {
        path: PathBuf::from("facts.json"),
        bytes: export::facts_json(site, facts_json).into_bytes(),
    });
    out.push(OutputFile {
        path: PathBuf::from(".nojekyll"),
        bytes: Vec::new(),
    });
    out.sort_by(|a, b| a.path.cmp(&b.path));
    cache.finish_run();
    Ok(out)
}

/// What the note of `f` shows of the source of each of its quotes.
fn quote_sources<'a>(
    f: &'a SiteFact,
    by_key: &'a HashMap<&str, &SiteSource>,
) -> impl Iterator<Item = QuoteSource<&'a str>> + 'a {
    f.sources.iter().chain(&f.conflicts).map(|q| {
        let source = by_key.get(q.source.as_str()).copied();
        QuoteSource {
            publisher: source.map_or("", |s| s.publisher.as_str()),
            title: source.map_or("", |s| s.title.as_str()),
            url: source.and_then(|s| s.url.as_deref()),
            passage: source
                .and_then(|s| s.text.get(q.pieces.first().cloned().unwrap_or(0..0)))
                .unwrap_or(&q.quote),
        }
    })
}

/// The endnote and references of every cited fact, in order: reused when
/// the fact and its sources are unchanged, else rendered (in parallel).
/// A failure names the template.
fn render_notes(
    site: &Site,
    tera: &tera::Tera,
    cited: &[&SiteFact],
    by_key: &HashMap<&str, &SiteSource>,
    cache: &mut Memo<String, NoteInput, Arc<RenderedNote>>,
) -> Result<Vec<Arc<RenderedNote>>, NoteError> {
    let hits: Vec<Option<Arc<RenderedNote>>> = cited
        .iter()
        .map(|f| {
            cache.get(&f.id, |i| {
                i.fact == **f
                    && i.sources
                        .iter()
                        .map(QuoteSource::as_str)
                        .eq(quote_sources(f, by_key))
            })
        })
        .collect();
    let rendered: Vec<Result<(Arc<RenderedNote>, bool), NoteError>> = cited
        .par_iter()
        .zip(hits)
        .map(|(f, hit)| {
            if let Some(note) = hit {
                return Ok((note, true));
            }
            let sources: Vec<QuoteSource<&str>> = quote_sources(f, by_key).collect();
            let note = note(f, &sources);
            let mut ctx = base_context(site, "");
            ctx.insert("note", &note);
            let endnote = tera
                .render("endnote.html", &ctx)
                .map_err(|e| ("endnote.html", e))?;
            let refs = (1..=note.backlinks.len())
                .map(|k| noteref_html(tera, &note, k))
                .collect::<Result<_, _>>()
                .map_err(|e| ("noteref.html", e))?;
            let id = f.id.clone();
            Ok((Arc::new(RenderedNote { id, endnote, refs }), false))
        })
        .collect();
    let mut out = Vec::with_capacity(cited.len());
    for (f, result) in cited.iter().zip(rendered) {
        let (note, hit) = result?;
        if !hit {
            cache.put(|| {
                let input = NoteInput {
                    fact: (*f).clone(),
                    sources: quote_sources(f, by_key).map(|q| q.to_owned()).collect(),
                };
                (f.id.clone(), input, note.clone())
            });
        }
        out.push(note);
    }
    Ok(out)
}

/// Whether any reference carries the single-source or the disputed mark:
/// the briefing explains each mark it uses, once.
#[derive(Serialize)]
struct TrustMarks {
    single_source: bool,
    disputed: bool,
}

/// A template error while rendering a note, with the template's name.
type NoteError = (&'static str, tera::Error);

/// One reference to a note (its `k`th use), by `noteref.html`.
fn noteref_html(tera: &tera::Tera, note: &Note, k: usize) -> Result<String, tera::Error> {
    let mut ctx = tera::Context::new();
    ctx.insert(
        "note",
        &NoteRef {
            number: note.number,
            id: &note.id,
            claim: &note.claim,
            status: note.status,
            badge: &note.badge,
        },
    );
    ctx.insert("ref_id", &ref_id(note.number, k));
    ctx.insert("use", &k);
    Ok(tera.render("noteref.html", &ctx)?.trim().to_string())
}

fn compile(templates: &[Template]) -> Result<tera::Tera, Vec<Diagnostic>> {
    let mut tera = tera::Tera::new();
    tera.register_filter(
        "typographic",
        |val: tera::StringInput, _: tera::Kwargs, _: &tera::State| {
            val.inherit_safety(typographic(val.as_str()))
        },
    );
    let raw: Vec<(&str, &str)> = templates
        .iter()
        .filter(|t| t.is_tera())
        .map(|t| (t.name.as_str(), t.text.as_str()))
        .collect();
    tera.add_raw_templates(raw)
        .map_err(|e| vec![template_error(templates, "base.html", &e)])?;
    Ok(tera)
}

/// A tera error as a diagnostic pointing into the template it names
/// (tera reports `--> NAME:LINE:COL`), else at the template being rendered.
fn template_error(templates: &[Template], rendering: &str, e: &tera::Error) -> Diagnostic {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push('\n');
        text.push_str(&s.to_string());
        source = s.source();
    }
    let located = text.lines().find_map(|l| {
        let rest = l.trim_start().strip_prefix("--> ")?;
        let mut parts = rest.rsplitn(3, ':');
        let col: usize = parts.next()?.parse().ok()?;
        let line: usize = parts.next()?.parse().ok()?;
        let name = parts.next()?;
        let t = templates.iter().find(|t| t.name == name)?;
        Some((t, line, col))
    });
    let message = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("-->") && !l.starts_with('|'))
        .unwrap_or("")
        .trim_start_matches("error: ")
        .to_string();
    let (template, span) = match located {
        Some((t, line, col)) => {
            let start = crate::diagnostic::offset_of(&t.text, line, col);
            let end = t.text[start..]
                .find(|c: char| c.is_whitespace() || c == '}')
                .map_or(t.text.len(), |i| start + i)
                .max(start);
            (t, Span::new(t.path.clone(), start..end))
        }
        None => match templates.iter().find(|t| t.name == rendering) {
            Some(t) => (t, Span::new(t.path.clone(), 0..0)),
            None => {
                return Diagnostic::error("template", format!("template error: {message}"))
                    .help("fix the template; the built-in templates show every variable");
            }
        },
    };
    Diagnostic::error("template", format!("template {} failed: {message}", template.name))
        .at(span, message.clone())
        .help("fix the template; the default templates in the templates/ folder of the sourced repository show every variable")
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

/// A footnote as the templates see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct Note {
    number: usize,
    id: String,
    claim: String,
    /// The editor's note, rendered from inline Markdown (escaped).
    note_html: Option<String>,
    status: Status,
    /// `1 source`, `2 sources · 1 origin`, `4 sources · 3 independent`
    /// (see [`crate::origins::badge`]).
    badge: String,
    corroboration: usize,
    quotes: Vec<NoteQuote>,
    conflicts: Vec<NoteQuote>,
    /// One backlink per use of the fact in the prose: ids of the references.
    backlinks: Vec<Backlink>,
}

/// What `noteref.html` sees of a note: rendered once per reference, so it
/// carries no quotes.
#[derive(Serialize)]
struct NoteRef<'a> {
    number: usize,
    id: &'a str,
    claim: &'a str,
    status: Status,
    badge: &'a str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct NoteQuote {
    source: String,
    publisher: String,
    title: String,
    quote: String,
    note: Option<String>,
    /// Whose report a second-hand quote repeats (see
    /// [`crate::origins::via`]).
    via: Option<String>,
    /// Link to the highlighted quote on the source page, from the briefing.
    href: String,
    /// The original document, opening at the quote, when the source has a URL.
    original: Option<String>,
    /// The quote's anchor id on the source page.
    anchor: String,
    /// `lead` when the quote itself opens with a quotation mark, `trail`
    /// when it closes with one: the `<q>` then adds no second mark there.
    marks: &'static str,
}

/// Which ends of `quote` already carry a quotation mark (see `NoteQuote`).
fn quote_marks(quote: &str) -> &'static str {
    // Not `’` at the end: there it is usually an apostrophe (`the firms’`).
    const OPEN: &[char] = &['"', '“', '‘', '„', '«', '‹'];
    const CLOSE: &[char] = &['"', '”', '»', '›'];
    match (quote.starts_with(OPEN), quote.ends_with(CLOSE)) {
        (true, true) => "lead trail",
        (true, false) => "lead",
        (false, true) => "trail",
        (false, false) => "",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Backlink {
    id: String,
    label: String,
}

/// The note of a cited fact, given what it shows of each quote's source.
fn note(f: &SiteFact, sources: &[QuoteSource<&str>]) -> Note {
    let number = f.number.unwrap_or_default();
    let (supports, conflicts) = sources.split_at(f.sources.len().min(sources.len()));
    Note {
        number,
        id: f.id.clone(),
        claim: f.claim.clone(),
        note_html: f.note.as_deref().map(inline_markdown),
        status: f.status,
        badge: crate::origins::badge(&f.counts),
        corroboration: f.corroboration,
        quotes: note_quotes(f, &f.sources, supports, "q"),
        conflicts: note_quotes(f, &f.conflicts, conflicts, "c"),
        backlinks: (1..=f.uses.max(1))
            .map(|k| Backlink {
                id: ref_id(number, k),
                label: backlink_label(k),
            })
            .collect(),
    }
}

fn note_quotes(
    f: &SiteFact,
    quotes: &[SiteQuote],
    sources: &[QuoteSource<&str>],
    prefix: &str,
) -> Vec<NoteQuote> {
    quotes
        .iter()
        .zip(sources)
        .enumerate()
        .map(|(i, (q, source))| {
            let anchor = quote_anchor(prefix, &f.id, i);
            NoteQuote {
                source: q.source.clone(),
                publisher: source.publisher.to_string(),
                title: source.title.to_string(),
                quote: q.quote.clone(),
                marks: quote_marks(&q.quote),
                note: q.note.clone(),
                via: crate::origins::via(&q.provenance),
                href: format!("sources/{}.html#{anchor}", q.source),
                original: source
                    .url
                    .map(|url| format!("{url}#:~:text={}", text_fragment(source.passage))),
                anchor,
            }
        })
        .collect()
}

pub fn quote_anchor(prefix: &str, id: &str, index: usize) -> String {
    format!("{prefix}-{id}-{}", index + 1)
}

fn ref_id(number: usize, use_index: usize) -> String {
    format!("ref-{number}-{use_index}")
}

/// `a`, `b`, … `z`, `aa`, `ab`, … as Wikipedia labels repeated references.
fn backlink_label(k: usize) -> String {
    let mut k = k;
    let mut out = Vec::new();
    while k > 0 {
        k -= 1;
        out.push(b'a' + (k % 26) as u8);
        k /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A text fragment directive for a quote (`#:~:text=`): the whole passage
/// when short, else its first and last four words as `start,end`.
pub fn text_fragment(passage: &str) -> String {
    let words: Vec<&str> = passage.split_whitespace().collect();
    if words.len() <= 8 {
        percent_encode(&words.join(" "))
    } else {
        format!(
            "{},{}",
            percent_encode(&words[..4].join(" ")),
            percent_encode(&words[words.len() - 4..].join(" "))
        )
    }
}

/// Percent-encodes everything but ASCII letters, digits and `.`, `_`, `~`
/// (the text-fragment syntax gives `-`, `,` and `&` meaning, so they are
/// encoded too).
fn percent_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

/// The briefing body as HTML, each reference replaced by its rendering
/// (`rendered` holds the notes of `cited`, in the same order).
fn body_html(site: &Site, cited: &[&SiteFact], rendered: &[Arc<RenderedNote>]) -> String {
    let by_id: HashMap<&str, (usize, &RenderedNote)> = cited
        .iter()
        .zip(rendered)
        .map(|(f, r)| (f.id.as_str(), (f.number.unwrap_or_default(), &**r)))
        .collect();
    let mut uses: HashMap<&str, usize> = HashMap::new();
    let mut events = Vec::new();
    // References written side by side (`[^a][^b]`), shown in numeric order.
    let mut group: Vec<(usize, &str)> = Vec::new();
    let flush = |group: &mut Vec<(usize, &str)>, events: &mut Vec<Event>| {
        group.sort_by_key(|&(number, _)| number);
        events.extend(
            group
                .drain(..)
                .map(|(_, html)| Event::InlineHtml(html.to_string().into())),
        );
    };
    for event in parser(&site.body) {
        if let Event::FootnoteReference(id) = &event {
            if let Some((&id, &(number, note))) = by_id.get_key_value(id.as_ref()) {
                let k = uses.entry(id).or_insert(0);
                *k += 1;
                // Verify counted the uses from the same parse, so every use
                // has its rendering.
                if let Some(html) = note.refs.get(*k - 1) {
                    group.push((number, html.as_str()));
                }
            }
            continue;
        }
        flush(&mut group, &mut events);
        events.push(event);
    }
    flush(&mut group, &mut events);
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    out
}

/// Inline Markdown (a fact's note) to HTML without the wrapping paragraph.
fn inline_markdown(text: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, parser(text));
    let trimmed = out.trim();
    trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
        .unwrap_or(trimmed)
        .to_string()
}

#[derive(Serialize)]
struct Matrix {
    columns: Vec<String>,
    rows: Vec<MatrixRow>,
}

#[derive(Serialize)]
struct MatrixRow {
    number: usize,
    id: String,
    /// A short label: the claim's first words, typographic.
    label: String,
    status: Status,
    /// One cell per source: `supports`, `disputes` or ``.
    cells: Vec<&'static str>,
}

/// The words a matrix row label keeps of its claim.
const LABEL_WORDS: usize = 8;

/// A short human label for a fact: the first [`LABEL_WORDS`] words of its
/// claim, with an ellipsis when cut, and the prose's typography.
fn short_label(claim: &str) -> String {
    let words: Vec<&str> = claim.split_whitespace().collect();
    let mut label = words[..words.len().min(LABEL_WORDS)].join(" ");
    if words.len() > LABEL_WORDS {
        label = label
            .trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '%' && c != ')')
            .to_string();
        label.push('…');
    }
    typographic(&label)
}

/// The prose's typography (Markdown smart punctuation) for plain text:
/// straight quotes become curly, `---` an em dash, `--` an en dash, `...` an
/// ellipsis. A quotation mark opens at the start, after a space or an
/// opening bracket or dash, and closes elsewhere; an apostrophe inside a word
/// is a right single quote.
pub fn typographic(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let opens = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/“‘".contains(p));
        let (piece, len): (&str, usize) = if rest.starts_with("---") {
            ("—", 3)
        } else if rest.starts_with("--") {
            ("–", 2)
        } else if rest.starts_with("...") {
            ("…", 3)
        } else if c == '"' {
            (if opens { "“" } else { "”" }, 1)
        } else if c == '\'' {
            (if opens { "‘" } else { "’" }, 1)
        } else {
            (&rest[..c.len_utf8()], c.len_utf8())
        };
        out.push_str(piece);
        prev = piece.chars().last();
        rest = &rest[len..];
    }
    out
}

/// The most sources the corroboration matrix has columns for; a larger
/// project gets no matrix (each note's badge still gives its corroboration).
pub const MATRIX_MAX_SOURCES: usize = 12;

fn matrix(site: &Site, cited: &[&SiteFact]) -> Matrix {
    if site.sources.len() > MATRIX_MAX_SOURCES {
        return Matrix {
            columns: Vec::new(),
            rows: Vec::new(),
        };
    }
    Matrix {
        columns: site.sources.iter().map(|s| s.key.clone()).collect(),
        rows: cited
            .iter()
            .map(|f| MatrixRow {
                number: f.number.unwrap_or_default(),
                id: f.id.clone(),
                label: short_label(&f.claim),
                status: f.status,
                cells: site
                    .sources
                    .iter()
                    .map(|s| {
                        if f.conflicts.iter().any(|q| q.source == s.key) {
                            "disputes"
                        } else if f.sources.iter().any(|q| q.source == s.key) {
                            "supports"
                        } else {
                            ""
                        }
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// A source page as the template sees it.
#[derive(Serialize)]
struct SourcePage<'a> {
    key: &'a str,
    file: &'a str,
    title: &'a str,
    publisher: &'a str,
    url: Option<&'a str>,
    sha256: &'a str,
    paragraphs: Vec<Vec<Run>>,
    /// Facts this source supports or disputes, by footnote number.
    facts: &'a [SourceFact],
}

#[derive(Clone, PartialEq, Serialize)]
struct SourceFact {
    number: Option<usize>,
    id: String,
    claim: String,
    disputes: bool,
    href: Option<String>,
}

/// A stretch of a paragraph: plain, or inside one or more quotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct Run {
    text: String,
    marked: bool,
    /// Some quote covering this run is a conflict.
    conflict: bool,
    /// Anchor ids of the quotes that start here.
    anchors: Vec<String>,
    /// Back-references to the notes of quotes that end here.
    backrefs: Vec<Backref>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct Backref {
    number: usize,
    href: String,
}

/// One quote piece to highlight on a source page.
#[derive(Clone, PartialEq)]
struct Highlight {
    range: Range<usize>,
    /// Set on the quote's first piece.
    anchor: Option<String>,
    /// Set on the quote's last piece, when the fact is cited.
    backref: Option<Backref>,
    conflict: bool,
}

/// The quote pieces to highlight on the page of source `key`, and the facts
/// it supports or disputes, from the facts that quote it.
fn highlights(key: &str, quoting: &[&SiteFact]) -> (Vec<Highlight>, Vec<SourceFact>) {
    let mut highlights = Vec::new();
    let mut facts = Vec::new();
    for f in quoting {
        let mut disputes = false;
        for (prefix, list, conflict) in [("q", &f.sources, false), ("c", &f.conflicts, true)] {
            for (i, q) in list.iter().enumerate().filter(|(_, q)| q.source == key) {
                disputes |= conflict;
                let last = q.pieces.len() - 1;
                for (p, range) in q.pieces.iter().enumerate() {
                    highlights.push(Highlight {
                        range: range.clone(),
                        anchor: (p == 0).then(|| quote_anchor(prefix, &f.id, i)),
                        backref: (p == last)
                            .then_some(f.number)
                            .flatten()
                            .map(|number| Backref {
                                number,
                                href: format!("../index.html#note-{number}"),
                            }),
                        conflict,
                    });
                }
            }
        }
        facts.push(SourceFact {
            number: f.number,
            id: f.id.clone(),
            claim: f.claim.clone(),
            disputes,
            href: f.number.map(|n| format!("../index.html#note-{n}")),
        });
    }
    facts.sort_by_key(|f| (f.number.is_none(), f.number));
    (highlights, facts)
}

fn source_page<'a>(
    source: &'a SiteSource,
    highlights: &[Highlight],
    facts: &'a [SourceFact],
) -> SourcePage<'a> {
    SourcePage {
        key: &source.key,
        file: &source.file,
        title: &source.title,
        publisher: &source.publisher,
        url: source.url.as_deref(),
        sha256: &source.sha256,
        paragraphs: paragraphs(&source.text)
            .into_iter()
            .map(|p| runs(&source.text, p, highlights))
            .collect(),
        facts,
    }
}

/// Each non-blank line of a seed is a paragraph (seeds are saved web text,
/// one paragraph or list item per line).
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if !content.trim().is_empty() {
            out.push(start..start + content.len());
        }
        start = end;
    }
    out
}

/// Splits one paragraph into runs at every highlight boundary.
fn runs(text: &str, para: Range<usize>, highlights: &[Highlight]) -> Vec<Run> {
    let here: Vec<&Highlight> = highlights
        .iter()
        .filter(|h| h.range.start < para.end && h.range.end > para.start)
        .collect();
    let mut cuts = vec![para.start, para.end];
    for h in &here {
        cuts.push(h.range.start.clamp(para.start, para.end));
        cuts.push(h.range.end.clamp(para.start, para.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let covering: Vec<&&Highlight> = here
            .iter()
            .filter(|h| h.range.start < b && h.range.end > a)
            .collect();
        out.push(Run {
            text: text[a..b].to_string(),
            marked: !covering.is_empty(),
            conflict: covering.iter().any(|h| h.conflict),
            anchors: here
                .iter()
                .filter(|h| h.range.start == a)
                .filter_map(|h| h.anchor.clone())
                .collect(),
            backrefs: here
                .iter()
                .filter(|h| h.range.end == b)
                .filter_map(|h| h.backref.clone())
                .collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typography_matches_the_prose() {
        assert_eq!(
            typographic(r#"He said "it's 'fine'" -- twice... --- done"#),
            "He said “it’s ‘fine’” – twice… — done"
        );
        assert_eq!(typographic(r#""Today," she said"#), "“Today,” she said");
        assert_eq!(typographic("(\"a\")"), "(“a”)");
        assert_eq!(typographic("’90s"), "’90s");
        assert_eq!(typographic("ünïcode \"ok\""), "ünïcode “ok”");
    }

    #[test]
    fn labels_are_the_claims_first_words() {
        assert_eq!(
            short_label("Microsoft's revenue from OpenAI was $7.5 billion in the year to June."),
            "Microsoft’s revenue from OpenAI was $7.5 billion in…"
        );
        assert_eq!(short_label("Short \"claim\"."), "Short “claim”.");
        assert_eq!(
            short_label("One two three four five six seven eight, nine"),
            "One two three four five six seven eight…"
        );
    }

    #[test]
    fn backlink_labels_continue_past_z() {
        assert_eq!(backlink_label(1), "a");
        assert_eq!(backlink_label(26), "z");
        assert_eq!(backlink_label(27), "aa");
    }

    #[test]
    fn text_fragments_are_percent_encoded() {
        assert_eq!(
            text_fragment("up-to-$50 billion, in all"),
            "up%2Dto%2D%2450%20billion%2C%20in%20all"
        );
        assert_eq!(
            text_fragment("one two three four five six seven eight nine"),
            "one%20two%20three%20four,six%20seven%20eight%20nine"
        );
    }

    #[test]
    fn paragraphs_are_lines() {
        let t = "a\n\nb c\r\n  \nd";
        let p: Vec<&str> = paragraphs(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(p, vec!["a", "b c", "d"]);
    }

    #[test]
    fn overlapping_quotes_split_into_runs() {
        let text = "one two three four five";
        let hs = vec![
            Highlight {
                range: 4..13,
                anchor: Some("q-a-1".into()),
                backref: None,
                conflict: false,
            },
            Highlight {
                range: 8..18,
                anchor: Some("q-b-1".into()),
                backref: None,
                conflict: true,
            },
        ];
        let r = runs(text, 0..text.len(), &hs);
        let texts: Vec<&str> = r.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, vec!["one ", "two ", "three", " four", " five"]);
        assert_eq!(r[1].anchors, vec!["q-a-1"]);
        assert_eq!(r[2].anchors, vec!["q-b-1"]);
        assert!(r[2].conflict && r[2].marked && !r[4].marked);
    }
}
