//! The briefing page, `index.html`: the body with its note references, every
//! endnote, the matrix and the list of sources, through `briefing.html`.

use super::*;

/// Renders `index.html` and writes it through `sink` as it is rendered,
/// never holding the page whole. Each large intermediate is dropped as soon
/// as the template context holds its copy, and the endnotes (the largest)
/// are joined and copied into the context first, before the body exists:
/// at most two copies of the endnotes, or one copy and the body, are alive
/// at any time (`serve`'s cache also keeps the notes). The result is the
/// sink's, or the template's diagnostic.
pub(super) fn index_page<S: Sink>(
    site: &Site,
    tera: &tera::Tera,
    templates: &[Template],
    by_key: &HashMap<&str, &SiteSource>,
    notes: &mut Memo<String, NoteInput, Arc<RenderedNote>>,
    body: &mut Memo<(), BodyInput, String>,
    sink: &S,
) -> PageResult<S::Error> {
    let mut cited: Vec<&Arc<SiteFact>> = site.facts.iter().filter(|f| f.number.is_some()).collect();
    cited.sort_by_key(|f| f.number);
    let rendered = render_notes(site, tera, &cited, by_key, notes, builtin_html(templates))
        .map_err(|(name, e)| Box::new(template_error(templates, name, &e)))?;
    let mut ctx = base_context(site, "");
    let mut endnotes = String::with_capacity(rendered.iter().map(|n| n.endnote.len()).sum());
    for n in &rendered {
        endnotes.push_str(&n.endnote);
    }
    ctx.insert("endnotes", &endnotes);
    // What the page holds besides the template's own text: the notes, the
    // body, and a row of the matrix and a line of the list per fact and
    // source.
    let mut size = endnotes.len() + 256 * (cited.len() + site.sources.len()) + 16 * 1024;
    drop(endnotes);
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
    drop(rendered);
    size += body.len();
    ctx.insert("body", &body);
    drop(body);
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
    let mut page = match sink.open(Path::new("index.html"), size) {
        Ok(page) => page,
        Err(e) => return Ok(Err(e)),
    };
    let rendered = tera.render_to("briefing.html", &ctx, &mut page);
    // A write error is the sink's, and stops the run; else a failure is the
    // template's.
    let closed = sink.close(page);
    match (closed, rendered) {
        (Err(e), _) => Ok(Err(e)),
        (Ok(()), Ok(())) => Ok(Ok(())),
        (Ok(()), Err(e)) => Err(Box::new(template_error(templates, "briefing.html", &e))),
    }
}

/// Renders template `name` with `ctx` into the output file `path`, in a
/// buffer that starts with room for `capacity` bytes. A failure is the
/// template's diagnostic.
pub(super) fn render_page(
    tera: &tera::Tera,
    templates: &[Template],
    name: &str,
    path: &str,
    ctx: &tera::Context,
    capacity: usize,
) -> Result<OutputFile, Box<Diagnostic>> {
    let mut bytes = Vec::with_capacity(capacity);
    match tera.render_to(name, ctx, &mut bytes) {
        Ok(()) => Ok(OutputFile {
            path: PathBuf::from(path),
            bytes: Arc::new(bytes),
        }),
        Err(e) => Err(Box::new(template_error(templates, name, &e))),
    }
}
