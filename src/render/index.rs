//! The briefing page, `index.html`: the body with its note references, every
//! endnote, the matrix and the list of sources, through `briefing.html`.

use super::*;

/// What the briefing page keeps from one run to the next: the notes, the
/// body, and the notes joined.
type IndexMemos<'a> = (
    &'a mut Memo<String, NoteInput, Arc<RenderedNote>>,
    &'a mut Memo<(), BodyInput, tera::Value>,
    &'a mut Option<Joined>,
);

/// Renders `index.html` and writes it through `sink` as it is rendered,
/// never holding the page whole. Each large intermediate is dropped as soon
/// as the template context holds its copy: the endnotes (the largest) are
/// joined while the body is rendered, so at most two copies of the
/// endnotes and the body are alive at any time (`serve`'s cache also keeps
/// the notes and their joined text). The result is the sink's, or the
/// template's diagnostic.
pub(super) fn index_page<S: Sink>(
    site: &Site,
    tera: &tera::Tera,
    templates: &[Template],
    sources: Sources,
    (notes, body, kept): IndexMemos<'_>,
    sink: &S,
) -> PageResult<S::Error> {
    let mut cited: Vec<&Arc<SiteFact>> = site.facts.iter().filter(|f| f.number.is_some()).collect();
    cited.sort_by_key(|f| f.number);
    let keep = notes.keeps();
    let rendered = render_notes(site, tera, &cited, sources, notes, builtin_html(templates))
        .map_err(|(name, e)| Box::new(template_error(templates, name, &e)))?;
    // Taken, and put back only when the page is done: a failed run leaves
    // nothing half-made for the next.
    let last = kept.take();
    let (endnotes, body) = rayon::join(
        || joined_endnotes(last, &rendered, |n| &n.endnote),
        || {
            body.get_or_compute(
                &(),
                |i| i.same(&site.body, &rendered),
                || tera::Value::from(body_html(site, &cited, &rendered)),
                || {
                    let input = BodyInput {
                        body: site.body.clone(),
                        notes: rendered.clone(),
                    };
                    ((), input)
                },
            )
        },
    );
    let mut ctx = base_context(site, "");
    ctx.insert("endnotes", &endnotes);
    // What the page holds besides the template's own text: the notes, the
    // body, and a row of the matrix and a line of the list per fact and
    // source.
    let body_len = body.as_str().map_or(0, str::len);
    let size = endnotes.len() + body_len + 256 * (cited.len() + site.sources.len()) + 16 * 1024;
    let joined = keep.then_some((rendered, endnotes));
    ctx.insert_value("body", body);
    ctx.insert("sources", &source_list(site));
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
    if rendered.is_ok() {
        *kept = joined;
    }
    match (closed, rendered) {
        (Err(e), _) => Ok(Err(e)),
        (Ok(()), Ok(())) => Ok(Ok(())),
        (Ok(()), Err(e)) => Err(Box::new(template_error(templates, "briefing.html", &e))),
    }
}

/// The endnotes of `notes` (`text` gives each one's), joined. With `last`
/// (serve's cache: the last run's notes and their joined text), that text
/// is patched instead of written anew: the notes both runs share at the
/// start and at the end stay where they are, and only those between are
/// written again. A note is shared when its text is the very same string,
/// or an equal one.
fn joined_endnotes<T>(
    last: Option<(Vec<T>, String)>,
    notes: &[T],
    text: impl Fn(&T) -> &str,
) -> String {
    let total = |notes: &[T]| notes.iter().map(|n| text(n).len()).sum::<usize>();
    let Some((old, mut joined)) = last.filter(|(old, joined)| total(old) == joined.len()) else {
        let mut joined = String::with_capacity(total(notes));
        for n in notes {
            joined.push_str(text(n));
        }
        return joined;
    };
    let same = |a: &T, b: &T| {
        let (a, b) = (text(a), text(b));
        std::ptr::eq(a, b) || a == b
    };
    let head = old
        .iter()
        .zip(notes)
        .take_while(|(a, b)| same(a, b))
        .count();
    let tail = (old[head..].iter().rev())
        .zip(notes[head..].iter().rev())
        .take_while(|(a, b)| same(a, b))
        .count();
    let start = total(&old[..head]);
    let end = joined.len() - total(&old[old.len() - tail..]);
    let middle: String = notes[head..notes.len() - tail].iter().map(&text).collect();
    joined.replace_range(start..end, &middle);
    joined
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

#[cfg(test)]
mod tests {
    use super::joined_endnotes;
    use proptest::prelude::*;
    use std::sync::Arc;

    /// What an edit does to the list of notes between two runs.
    #[derive(Debug, Clone)]
    enum Edit {
        /// A note rendered again: a new string, maybe with the same text.
        Replace(usize, String),
        Insert(usize, String),
        Remove(usize),
        Move(usize, usize),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let text = "(<li>[ab]{0,3}</li>|)";
        prop_oneof![
            (any::<usize>(), text).prop_map(|(i, t)| Edit::Replace(i, t)),
            (any::<usize>(), text).prop_map(|(i, t)| Edit::Insert(i, t)),
            any::<usize>().prop_map(Edit::Remove),
            (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Move(a, b)),
        ]
    }

    fn apply(notes: &mut Vec<Arc<str>>, edit: &Edit) {
        let n = notes.len();
        match edit {
            Edit::Replace(i, t) if n > 0 => notes[i % n] = Arc::from(t.as_str()),
            Edit::Insert(i, t) => notes.insert(i % (n + 1), Arc::from(t.as_str())),
            Edit::Remove(i) if n > 0 => {
                notes.remove(i % n);
            }
            Edit::Move(a, b) if n > 0 => {
                let note = notes.remove(a % n);
                notes.insert(b % n, note);
            }
            _ => {}
        }
    }

    fn text(note: &Arc<str>) -> &str {
        note
    }

    /// The reference: every note's text, one after the other.
    fn join(notes: &[Arc<str>]) -> String {
        notes.concat()
    }

    proptest! {
        /// Run after run, the patched text is the notes joined afresh,
        /// whatever the edits between runs, and with no last run.
        #[test]
        fn patched_endnotes_are_the_notes_joined(
            first in prop::collection::vec("(<li>[ab]{0,3}</li>|)", 0..12),
            runs in prop::collection::vec(prop::collection::vec(edit(), 0..4), 1..5),
        ) {
            let mut notes: Vec<Arc<str>> = first.iter().map(|t| Arc::from(t.as_str())).collect();
            let mut last = joined_endnotes(None, &notes, text);
            prop_assert_eq!(&last, &join(&notes));
            for edits in &runs {
                let before = notes.clone();
                for e in edits {
                    apply(&mut notes, e);
                }
                last = joined_endnotes(Some((before, last)), &notes, text);
                prop_assert_eq!(&last, &join(&notes));
            }
        }
    }

    /// A kept text that is not the kept notes joined (it cannot be, but a
    /// wrong one must not be patched into the page) is written anew.
    #[test]
    fn a_kept_text_of_the_wrong_length_is_not_patched() {
        let notes: Vec<Arc<str>> = vec![Arc::from("<li>a</li>"), Arc::from("<li>b</li>")];
        let last = Some((notes.clone(), "<li>a</li>".to_string()));
        assert_eq!(joined_endnotes(last, &notes, text), "<li>a</li><li>b</li>");
    }
}
