//! The briefing page, `index.html`: the body with its note references, every
//! endnote, the matrix and the list of sources, through `briefing.html`.

use super::*;

/// Renders `index.html`. Each large intermediate (the notes, the joined
/// endnotes, the body) is dropped as soon as the template context holds its
/// copy, and the page is written into one buffer sized for it: while the
/// page is rendered, a build holds the endnotes twice (the context's copy
/// and the page), not five times (`serve`'s cache also keeps the notes).
pub(super) fn index_page(
    site: &Site,
    tera: &tera::Tera,
    templates: &[Template],
    by_key: &HashMap<&str, &SiteSource>,
    notes: &mut Memo<String, NoteInput, Arc<RenderedNote>>,
    body: &mut Memo<(), BodyInput, String>,
) -> Result<OutputFile, Box<Diagnostic>> {
    let mut cited: Vec<&SiteFact> = site.facts.iter().filter(|f| f.number.is_some()).collect();
    cited.sort_by_key(|f| f.number);
    let rendered = render_notes(site, tera, &cited, by_key, notes)
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
    let mut endnotes = String::with_capacity(rendered.iter().map(|n| n.endnote.len()).sum());
    for n in &rendered {
        endnotes.push_str(&n.endnote);
    }
    drop(rendered);
    ctx.insert("endnotes", &endnotes);
    // The page holds the body and the endnotes once, usually, besides the
    // template's own text and the list of sources.
    let capacity = body.len() + endnotes.len() + 256 * site.sources.len() + 64 * 1024;
    drop(endnotes);
    drop(body);
    render_page(
        tera,
        templates,
        "briefing.html",
        "index.html",
        &ctx,
        capacity,
    )
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
            bytes,
        }),
        Err(e) => Err(Box::new(template_error(templates, name, &e))),
    }
}
