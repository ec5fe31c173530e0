//! The page of one source: its text in paragraphs, with each quoted run
//! highlighted and linked back to its facts.

use super::*;

/// Every source page, in the order of the manifest: reused when the source
/// and the facts that quote it are unchanged, else rendered (in parallel).
/// Each page goes to `sink` as soon as it is ready; the result of each, in
/// order, is what the sink returned, or the template's diagnostic.
pub(super) fn source_pages<S: Sink>(
    site: &Site,
    tera: &tera::Tera,
    templates: &[Template],
    cache: &mut Memo<String, SourceInput, Arc<Vec<u8>>>,
    sink: &S,
) -> Vec<PageResult<S::Error>> {
    // The facts that quote each source, in order, each once.
    let mut quoting: HashMap<&str, Vec<&Arc<SiteFact>>> = HashMap::default();
    for f in &site.facts {
        for q in f.sources.iter().chain(&f.conflicts) {
            let list = quoting.entry(&q.source).or_default();
            if !list.last().is_some_and(|l| Arc::ptr_eq(*l, f)) {
                list.push(f);
            }
        }
    }
    let inputs: Vec<(&SiteSource, Vec<&Arc<SiteFact>>)> = site
        .sources
        .iter()
        .map(|s| (s, quoting.remove(s.key.as_str()).unwrap_or_default()))
        .collect();
    let hits = cache.get_each(
        &inputs,
        |(s, _)| s.key.as_str(),
        |(s, facts), i| i.source == **s && i.facts.iter().eq(facts.iter().copied()),
    );
    let keep = cache.keeps();
    let base = base_context(site, "../");
    let with_paragraphs = !builtin_html(templates);
    // Each page's result, and its bytes when the cache keeps them.
    type Page<E> = (PageResult<E>, Option<Arc<Vec<u8>>>);
    let pages: Vec<Page<S::Error>> = inputs
        .par_iter()
        .zip(hits)
        .map(|((source, facts), hit)| {
            let path = format!("sources/{}.html", source.key);
            if let Some(bytes) = hit {
                let path = PathBuf::from(path);
                return (Ok(sink.put(OutputFile { path, bytes })), None);
            }
            let (highlights, facts) = highlights(&source.key, facts);
            let mut ctx = base.clone();
            let page = source_page(source, &highlights, &facts, with_paragraphs);
            ctx.insert("source", &page);
            drop(page);
            // The page holds the source's text and a line per fact, besides
            // the markup of the highlights and the template's own text.
            let capacity = source.text.len() * 5 / 4 + 256 * facts.len() + 8 * 1024;
            match render_page(tera, templates, "source.html", &path, &ctx, capacity) {
                Ok(mut file) => {
                    if keep && let Some(bytes) = Arc::get_mut(&mut file.bytes) {
                        bytes.shrink_to_fit();
                    }
                    let kept = keep.then(|| file.bytes.clone());
                    (Ok(sink.put(file)), kept)
                }
                Err(e) => (Err(e), None),
            }
        })
        .collect();
    pages
        .into_iter()
        .zip(inputs)
        .map(|((page, kept), (source, facts))| {
            if let Some(bytes) = kept {
                cache.put(|| {
                    let input = SourceInput {
                        source: source.clone(),
                        facts: facts.into_iter().cloned().collect(),
                    };
                    (source.key.clone(), input, bytes)
                });
            }
            page
        })
        .collect()
}

/// A source page as the template sees it.
#[derive(Serialize)]
pub(super) struct SourcePage<'a> {
    pub(super) key: &'a str,
    pub(super) file: &'a str,
    pub(super) title: &'a str,
    pub(super) publisher: &'a str,
    pub(super) url: Option<&'a str>,
    pub(super) sha256: &'a str,
    /// The text as HTML: one `<p>` per paragraph, each quoted run in a
    /// `<mark>`, every text escaped ([`text_html`]).
    pub(super) text_html: String,
    /// The same paragraphs as runs, for a project's own templates: left
    /// out when every template is a built-in one, since none of those
    /// reads it (see [`builtin_html`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) paragraphs: Option<Vec<Vec<Run<'a>>>>,
    /// Facts this source supports or disputes, by footnote number.
    pub(super) facts: &'a [SourceFact],
}

#[derive(Clone, PartialEq, Serialize)]
pub(super) struct SourceFact {
    pub(super) number: Option<usize>,
    pub(super) id: String,
    pub(super) claim: String,
    pub(super) disputes: bool,
    pub(super) href: Option<String>,
}

/// A stretch of a paragraph: plain, or inside one or more quotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(super) struct Run<'a> {
    pub(super) text: &'a str,
    pub(super) marked: bool,
    /// Some quote covering this run is a conflict.
    pub(super) conflict: bool,
    /// Anchor ids of the quotes that start here.
    pub(super) anchors: Vec<&'a str>,
    /// Back-references to the notes of quotes that end here.
    pub(super) backrefs: Vec<&'a Backref>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(super) struct Backref {
    pub(super) number: usize,
    pub(super) href: String,
}

/// One quote piece to highlight on a source page.
#[derive(Clone, PartialEq)]
pub(super) struct Highlight {
    pub(super) range: Range<usize>,
    /// Set on the quote's first piece.
    pub(super) anchor: Option<String>,
    /// Set on the quote's last piece, when the fact is cited.
    pub(super) backref: Option<Backref>,
    pub(super) conflict: bool,
}

/// The quote pieces to highlight on the page of source `key`, and the facts
/// it supports or disputes, from the facts that quote it.
pub(super) fn highlights(
    key: &str,
    quoting: &[&Arc<SiteFact>],
) -> (Vec<Highlight>, Vec<SourceFact>) {
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

pub(super) fn source_page<'a>(
    source: &'a SiteSource,
    highlights: &'a [Highlight],
    facts: &'a [SourceFact],
    with_paragraphs: bool,
) -> SourcePage<'a> {
    SourcePage {
        key: &source.key,
        file: &source.file,
        title: &source.title,
        publisher: &source.publisher,
        url: source.url.as_deref(),
        sha256: &source.sha256,
        text_html: text_html(&source.text, highlights),
        paragraphs: with_paragraphs.then(|| {
            paragraphs(&source.text)
                .into_iter()
                .map(|p| highlight_runs(&source.text, p, highlights))
                .collect()
        }),
        facts,
    }
}

/// Whether every tera template is the built-in one of its name, none of
/// which reads `source.paragraphs` (a test checks): then the runs need not
/// be handed to tera. Any other template set gets them.
pub(super) fn builtin_html(templates: &[Template]) -> bool {
    templates.iter().filter(|t| t.is_tera()).all(|t| {
        crate::project::templates::DEFAULTS
            .iter()
            .any(|(name, text)| *name == t.name && *text == t.text)
    })
}

/// The text of a source page as HTML, byte for byte what the loop over
/// `source.paragraphs` in the built-in `source.html` of sourced 0.1 wrote
/// (kept as the reference in `source_page_reference_tests.rs`): each
/// paragraph a `<p>` ended by a line break; in it each run, escaped, inside
/// one `<mark>` per quote that starts there (or one `<mark>` when none
/// starts there but some covers it), `class="conflict"` when a covering
/// quote is a conflict, followed by the back-references of the quotes that
/// end there.
pub(super) fn text_html(text: &str, highlights: &[Highlight]) -> String {
    let mut out: Vec<u8> =
        Vec::with_capacity(text.len() + text.len() / 16 + 160 * highlights.len() + 64);
    for p in paragraphs(text) {
        out.extend_from_slice(b"<p>");
        if !highlights
            .iter()
            .any(|h| h.range.start < p.end && h.range.end > p.start)
        {
            // No quote here: the paragraph is one plain run.
            push_escaped(&mut out, &text[p]);
            out.extend_from_slice(b"</p>\n");
            continue;
        }
        for run in highlight_runs(text, p, highlights) {
            push_run(&mut out, &run);
        }
        out.extend_from_slice(b"</p>\n");
    }
    // Only whole strs and ASCII were written.
    String::from_utf8(out).unwrap_or_default()
}

/// One run of [`text_html`].
fn push_run(out: &mut Vec<u8>, run: &Run) {
    let class: &[u8] = if run.conflict {
        b" class=\"conflict\""
    } else {
        b""
    };
    if run.marked {
        if run.anchors.is_empty() {
            out.extend_from_slice(b"<mark");
            out.extend_from_slice(class);
            out.push(b'>');
        }
        for a in &run.anchors {
            out.extend_from_slice(b"<mark id=\"");
            push_escaped(out, a);
            out.push(b'"');
            out.extend_from_slice(class);
            out.push(b'>');
        }
    }
    push_escaped(out, run.text);
    if run.marked {
        for _ in 0..run.anchors.len().max(1) {
            out.extend_from_slice(b"</mark>");
        }
    }
    for b in &run.backrefs {
        out.extend_from_slice(b"<sup class=\"backref\"><a href=\"");
        push_escaped(out, &b.href);
        out.extend_from_slice(b"\" aria-label=\"Cited in note ");
        push_number(out, b.number);
        out.extend_from_slice(b"\">");
        push_number(out, b.number);
        out.extend_from_slice(b"</a></sup>");
    }
}

/// `text` escaped as tera's autoescape does.
fn push_escaped(out: &mut Vec<u8>, text: &str) {
    // Writing to a Vec cannot fail.
    let _ = escape::escape_html(text, out);
}

fn push_number(out: &mut Vec<u8>, n: usize) {
    use std::io::Write;
    let _ = write!(out, "{n}");
}

/// Each non-blank line of a seed is a paragraph (seeds are saved web text,
/// one paragraph or list item per line).
pub(super) fn paragraphs(text: &str) -> Vec<Range<usize>> {
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
pub(super) fn highlight_runs<'a>(
    text: &'a str,
    para: Range<usize>,
    highlights: &'a [Highlight],
) -> Vec<Run<'a>> {
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
            text: &text[a..b],
            marked: !covering.is_empty(),
            conflict: covering.iter().any(|h| h.conflict),
            anchors: here
                .iter()
                .filter(|h| h.range.start == a)
                .filter_map(|h| h.anchor.as_deref())
                .collect(),
            backrefs: here
                .iter()
                .filter(|h| h.range.end == b)
                .filter_map(|h| h.backref.as_ref())
                .collect(),
        });
    }
    out
}
