//! The endnotes and references written directly ([`builtin_notes`]) against
//! tera rendering the built-in templates, the reference.

use super::*;
use proptest::prelude::*;

fn defaults() -> Vec<Template> {
    crate::project::templates::DEFAULTS
        .iter()
        .map(|(name, text)| Template {
            name: name.to_string(),
            text: text.to_string(),
            path: PathBuf::from(format!("(built-in)/{name}")),
        })
        .collect()
}

/// What tera writes with the built-in templates: the endnote (with the
/// site-wide values besides `note`, as `render_notes` gives them) and each
/// reference.
fn by_tera(tera: &tera::Tera, note: &Note) -> (String, Vec<String>) {
    let mut ctx = tera::Context::new();
    ctx.insert("root", "");
    ctx.insert("title", "T \"t\"");
    ctx.insert("summary", "S");
    ctx.insert("updated", &None::<String>);
    ctx.insert("generator", "sourced test");
    ctx.insert("note", note);
    let endnote = tera.render("endnote.html", &ctx).expect("renders");
    let refs = (1..=note.backlinks.len())
        .map(|k| noteref_html(tera, note, k).expect("renders"))
        .collect();
    (endnote, refs)
}

fn directly(note: &Note) -> (String, Vec<String>) {
    let refs = (1..=note.backlinks.len())
        .map(|k| builtin_notes::noteref(note, k))
        .collect();
    (builtin_notes::endnote(note), refs)
}

fn text() -> impl Strategy<Value = String> {
    "[a <>&\"'\\-.#:~/\n\t*_`\\[\\]é“”‘’😀\u{1}\u{a0}]{0,14}"
}

/// What a generated note is made of; its strings are borrowed by [`Note`].
#[derive(Debug, Clone)]
struct Parts {
    number: usize,
    id: String,
    claim: String,
    note_html: Option<String>,
    status: usize,
    badge: String,
    quotes: Vec<QuoteParts>,
    conflicts: Vec<QuoteParts>,
    uses: usize,
}

#[derive(Debug, Clone)]
struct QuoteParts {
    source: String,
    publisher: String,
    quote: String,
    note: Option<String>,
    via: Option<String>,
    href: String,
    original: Option<String>,
    marks: usize,
}

fn quote_parts() -> impl Strategy<Value = QuoteParts> {
    (
        (text(), text(), text(), proptest::option::of(text())),
        (
            proptest::option::of(text()),
            text(),
            proptest::option::of(prop_oneof![
                text(),
                (text(), text()).prop_map(|(a, b)| format!("{a}#:~:text={b}")),
                (text(), text()).prop_map(|(a, b)| format!("{a}#:~:{b}#:~:x")),
            ]),
            0usize..4,
        ),
    )
        .prop_map(
            |((source, publisher, quote, note), (via, href, original, marks))| QuoteParts {
                source,
                publisher,
                quote,
                note,
                via,
                href,
                original,
                marks,
            },
        )
}

fn parts() -> impl Strategy<Value = Parts> {
    (
        (
            0usize..100_000,
            text(),
            text(),
            proptest::option::of(text()),
        ),
        (0usize..3, text()),
        proptest::collection::vec(quote_parts(), 0..3),
        proptest::collection::vec(quote_parts(), 0..3),
        1usize..30,
    )
        .prop_map(
            |((number, id, claim, note_html), (status, badge), quotes, conflicts, uses)| Parts {
                number,
                id,
                claim,
                note_html,
                status,
                badge,
                quotes,
                conflicts,
                uses,
            },
        )
}

fn note_of(p: &Parts) -> Note<'_> {
    let quote = |q| NoteQuote::of(q);
    Note {
        number: p.number,
        id: &p.id,
        claim: &p.claim,
        note_html: p.note_html.clone(),
        status: [Status::Corroborated, Status::SingleSource, Status::Disputed][p.status],
        badge: p.badge.clone(),
        corroboration: 2,
        quotes: p.quotes.iter().map(quote).collect(),
        conflicts: p.conflicts.iter().map(quote).collect(),
        backlinks: (1..=p.uses)
            .map(|k| Backlink {
                id: ref_id(p.number, k),
                label: backlink_label(k),
            })
            .collect(),
    }
}

impl<'a> NoteQuote<'a> {
    fn of(q: &'a QuoteParts) -> NoteQuote<'a> {
        NoteQuote {
            source: &q.source,
            publisher: &q.publisher,
            title: &q.publisher,
            quote: &q.quote,
            note: q.note.as_deref(),
            via: q.via.clone(),
            href: q.href.clone(),
            original: q.original.clone(),
            anchor: format!("q-{}", q.source),
            marks: ["", "lead", "trail", "lead trail"][q.marks],
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Notes of every status, with and without an editor's note, quotes,
    /// conflicts, links to the original (with and without a text
    /// fragment), second-hand attributions and marks, one use or many, on
    /// texts of HTML's and Markdown's characters, typography and characters
    /// outside ASCII.
    #[test]
    fn notes_written_directly_equal_teras(p in parts()) {
        let tera = compile(&defaults()).expect("templates compile");
        let note = note_of(&p);
        prop_assert_eq!(directly(&note), by_tera(&tera, &note));
    }
}

#[test]
fn a_note_of_the_real_shape_equals_teras() {
    let p = Parts {
        number: 7,
        id: "fact-a".into(),
        claim: "Revenue \"rose\" -- by 'half'...".into(),
        note_html: Some("An <em>editor</em>’s note".into()),
        status: 1,
        badge: "2 sources · 1 origin".into(),
        quotes: vec![QuoteParts {
            source: "a".into(),
            publisher: "A & B".into(),
            quote: "“it rose”".into(),
            note: None,
            via: Some("via Reuters".into()),
            href: "sources/a.html#q-fact-a-1".into(),
            original: Some("https://a.example/x?y=1&z=2#:~:text=it%20rose".into()),
            marks: 3,
        }],
        conflicts: vec![QuoteParts {
            source: "b".into(),
            publisher: "B".into(),
            quote: "it fell".into(),
            note: Some("B says <less>".into()),
            via: None,
            href: "sources/b.html#c-fact-a-1".into(),
            original: None,
            marks: 0,
        }],
        uses: 2,
    };
    let tera = compile(&defaults()).expect("templates compile");
    let note = note_of(&p);
    assert_eq!(directly(&note), by_tera(&tera, &note));
}

/// A project's own `endnote.html` or `noteref.html` is rendered by tera:
/// the direct writing is only for the built-in templates.
#[test]
fn a_projects_own_note_templates_are_rendered_by_tera() {
    let text = "One two three four five.\n";
    let piece = 0..text.len() - 1;
    let site = Site {
        title: "T".into(),
        summary: String::new(),
        updated: None,
        body: "Text.[^f]\n\n[^f]: f\n".into(),
        sources: std::sync::Arc::new(vec![SiteSource {
            key: "a".into(),
            file: "a.txt".into(),
            title: "A".into(),
            publisher: "P".into(),
            name: None,
            url: None,
            sha256: "00".into(),
            text: text.into(),
        }]),
        facts: vec![Arc::new(SiteFact {
            id: "f".into(),
            claim: "Claim".into(),
            note: None,
            number: Some(1),
            sources: vec![SiteQuote {
                source: "a".into(),
                quote: text.trim_end().into(),
                note: None,
                pieces: vec![piece],
                line: 1,
                column: 1,
                provenance: Default::default(),
            }],
            conflicts: Vec::new(),
            status: Status::SingleSource,
            corroboration: 1,
            counts: Default::default(),
            uses: 1,
            note_numbers: Vec::new(),
        })],
    };
    let index = |templates: &[Template]| {
        let files = render(&site, templates, &mut RenderCache::new(false)).expect("renders");
        let page = files
            .into_iter()
            .find(|f| f.path == Path::new("index.html"))
            .expect("the briefing");
        String::from_utf8(page.bytes.to_vec()).unwrap()
    };
    let built_in = index(&defaults());
    for name in ["endnote.html", "noteref.html", "note.html"] {
        let mut own = defaults();
        for t in &mut own {
            if t.name == name {
                t.text = format!("MARK{{{{ note.number }}}}{}", t.text);
            }
        }
        let page = index(&own);
        assert!(page.contains("MARK1"), "{name}: {page}");
        assert_eq!(page.replace("MARK1", ""), built_in, "{name}");
    }
}
