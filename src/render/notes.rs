//! The notes of the briefing: one per fact, with its quotes, trust marks and
//! backlinks to the sentences that cite it.

use super::*;

/// The endnote and references of every cited fact, in order: reused when
/// the fact and its sources are unchanged, else rendered (in parallel).
/// A failure names the template.
pub(super) fn render_notes(
    site: &Site,
    tera: &tera::Tera,
    cited: &[&Arc<SiteFact>],
    sources: Sources,
    cache: &mut Memo<String, NoteInput, Arc<RenderedNote>>,
    builtin: bool,
) -> Result<Vec<Arc<RenderedNote>>, NoteError> {
    let hits = cache.get_each(cited, |f| f.id.as_str(), |f, i| i.same(f, sources));
    let base = base_context(site, "");
    let rendered: Vec<Result<(Arc<RenderedNote>, bool), NoteError>> = cited
        .par_iter()
        .zip(hits)
        .map(|(f, hit)| {
            if let Some(note) = hit {
                return Ok((note, true));
            }
            let shown: Vec<QuoteSource<&str>> = quote_sources(f, sources.0).collect();
            let note = note(f, &shown);
            let (endnote, refs) = if builtin {
                // The built-in templates, written directly.
                let refs = (1..=note.backlinks.len())
                    .map(|k| builtin_notes::noteref(&note, k))
                    .collect();
                (builtin_notes::endnote(&note), refs)
            } else {
                let mut ctx = base.clone();
                ctx.insert("note", &note);
                let endnote = tera
                    .render("endnote.html", &ctx)
                    .map_err(|e| ("endnote.html", e))?;
                let refs = (1..=note.backlinks.len())
                    .map(|k| noteref_html(tera, &note, k))
                    .collect::<Result<_, _>>()
                    .map_err(|e| ("noteref.html", e))?;
                (endnote, refs)
            };
            let id = f.id.clone();
            Ok((Arc::new(RenderedNote { id, endnote, refs }), false))
        })
        .collect();
    let mut out = Vec::with_capacity(cited.len());
    for (f, result) in cited.iter().zip(rendered) {
        let (note, hit) = result?;
        if !hit {
            cache.put(|| (f.id.clone(), NoteInput::new(f, sources), note.clone()));
        }
        out.push(note);
    }
    Ok(out)
}

/// Whether any reference carries the single-source or the disputed mark:
/// the briefing explains each mark it uses, once.
#[derive(Serialize)]
pub(super) struct TrustMarks {
    pub(super) single_source: bool,
    pub(super) disputed: bool,
}

/// A template error while rendering a note, with the template's name.
pub(super) type NoteError = (&'static str, tera::Error);

/// One reference to a note (its `k`th use), by `noteref.html`.
pub(super) fn noteref_html(
    tera: &tera::Tera,
    note: &Note,
    k: usize,
) -> Result<String, tera::Error> {
    let mut ctx = tera::Context::new();
    ctx.insert(
        "note",
        &NoteRef {
            number: note.number,
            id: note.id,
            claim: note.claim,
            status: note.status,
            badge: &note.badge,
        },
    );
    ctx.insert("ref_id", &ref_id(note.number, k));
    ctx.insert("use", &k);
    let html = tera.render("noteref.html", &ctx)?;
    let trimmed = html.trim();
    Ok(if trimmed.len() == html.len() {
        html
    } else {
        trimmed.to_string()
    })
}

/// A footnote as the templates see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct Note<'a> {
    pub(super) number: usize,
    pub(super) id: &'a str,
    pub(super) claim: &'a str,
    /// The editor's note, rendered from inline Markdown (escaped).
    pub(super) note_html: Option<String>,
    pub(super) status: Status,
    /// `1 source`, `2 sources · 1 origin`, `4 sources · 3 independent`
    /// (see [`crate::verify::origins::badge`]).
    pub(super) badge: String,
    pub(super) corroboration: usize,
    pub(super) quotes: Vec<NoteQuote<'a>>,
    pub(super) conflicts: Vec<NoteQuote<'a>>,
    /// One backlink per use of the fact in the prose: ids of the references.
    pub(super) backlinks: Vec<Backlink>,
}

/// What `noteref.html` sees of a note: rendered once per reference, so it
/// carries no quotes.
#[derive(Serialize)]
pub(super) struct NoteRef<'a> {
    pub(super) number: usize,
    pub(super) id: &'a str,
    pub(super) claim: &'a str,
    pub(super) status: Status,
    pub(super) badge: &'a str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct NoteQuote<'a> {
    pub(super) source: &'a str,
    pub(super) publisher: &'a str,
    pub(super) title: &'a str,
    pub(super) quote: &'a str,
    pub(super) note: Option<&'a str>,
    /// Whose report a second-hand quote repeats (see
    /// [`crate::verify::origins::via`]).
    pub(super) via: Option<String>,
    /// Link to the highlighted quote on the source page, from the briefing.
    pub(super) href: String,
    /// The original document, opening at the quote, when the source has a URL.
    pub(super) original: Option<String>,
    /// The quote's anchor id on the source page.
    pub(super) anchor: String,
    /// `lead` when the quote itself opens with a quotation mark, `trail`
    /// when it closes with one: the `<q>` then adds no second mark there.
    pub(super) marks: &'static str,
}

/// Which ends of `quote` already carry a quotation mark (see `NoteQuote`).
pub(super) fn quote_marks(quote: &str) -> &'static str {
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
pub(super) struct Backlink {
    pub(super) id: String,
    pub(super) label: String,
}

/// The note of a cited fact, given what it shows of each quote's source.
pub(super) fn note<'a>(f: &'a SiteFact, sources: &[QuoteSource<&'a str>]) -> Note<'a> {
    let number = f.number.unwrap_or_default();
    let (supports, conflicts) = sources.split_at(f.sources.len().min(sources.len()));
    Note {
        number,
        id: &f.id,
        claim: &f.claim,
        note_html: f.note.as_deref().map(inline_markdown),
        status: f.status,
        badge: crate::verify::origins::badge(&f.counts),
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

pub(super) fn note_quotes<'a>(
    f: &SiteFact,
    quotes: &'a [SiteQuote],
    sources: &[QuoteSource<&'a str>],
    prefix: &str,
) -> Vec<NoteQuote<'a>> {
    quotes
        .iter()
        .zip(sources)
        .enumerate()
        .map(|(i, (q, source))| {
            let anchor = quote_anchor(prefix, &f.id, i);
            NoteQuote {
                source: &q.source,
                publisher: source.publisher,
                title: source.title,
                quote: &q.quote,
                marks: quote_marks(&q.quote),
                note: q.note.as_deref(),
                via: crate::verify::origins::via(&q.provenance),
                href: format!("sources/{}.html#{anchor}", q.source),
                original: source.url.map(|url| {
                    let mut original = String::with_capacity(url.len() + 64);
                    original.push_str(url);
                    original.push_str("#:~:text=");
                    push_text_fragment(&mut original, source.passage);
                    original
                }),
                anchor,
            }
        })
        .collect()
}

pub fn quote_anchor(prefix: &str, id: &str, index: usize) -> String {
    format!("{prefix}-{id}-{}", index + 1)
}

pub(super) fn ref_id(number: usize, use_index: usize) -> String {
    format!("ref-{number}-{use_index}")
}

/// `a`, `b`, … `z`, `aa`, `ab`, … as Wikipedia labels repeated references.
pub(super) fn backlink_label(k: usize) -> String {
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
