//! The briefing's Markdown rendered to HTML, with references replaced by
//! note links.

use super::*;

/// The briefing body as HTML, each reference replaced by its rendering
/// (`rendered` holds the notes of `cited`, in the same order).
pub(super) fn body_html(
    site: &Site,
    cited: &[&Arc<SiteFact>],
    rendered: &[Arc<RenderedNote>],
) -> String {
    let by_id: HashMap<&str, (usize, &RenderedNote)> = cited
        .iter()
        .zip(rendered)
        .map(|(f, r)| (f.id.as_str(), (f.number.unwrap_or_default(), &**r)))
        .collect();
    let mut uses: HashMap<&str, usize> = HashMap::default();
    let mut events = Vec::new();
    // References written side by side (`[^a][^b]`), shown in numeric order.
    let mut group: Vec<(usize, &str)> = Vec::new();
    fn flush<'a>(group: &mut Vec<(usize, &'a str)>, events: &mut Vec<Event<'a>>) {
        group.sort_by_key(|&(number, _)| number);
        events.extend(
            group
                .drain(..)
                .map(|(_, html)| Event::InlineHtml(pulldown_cmark::CowStr::Borrowed(html))),
        );
    }
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
pub(super) fn inline_markdown(text: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, parser(text));
    let trimmed = out.trim();
    trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
        .unwrap_or(trimmed)
        .to_string()
}
