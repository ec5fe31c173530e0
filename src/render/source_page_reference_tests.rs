//! The text of a source page as `source.html` rendered it through tera
//! before [`text_html`] (a loop over `source.paragraphs`), kept as the
//! reference: the built-in template and [`text_html`] must write the same
//! bytes as this template did, on any text and any highlights.

use super::*;
use proptest::prelude::*;

/// The built-in `source.html` as it was before `source.text_html`.
const OLD_SOURCE_HTML: &str = r#"{% extends "base.html" %}
{% block title %}{{ source.publisher }}: {{ source.title | typographic }} — {{ title | typographic }}{% endblock title %}
{% block main %}
<article class="source">
<header>
<p class="kicker">Source document · <a href="{{ root }}index.html">back to the briefing</a></p>
<h1>{{ source.title | typographic }}</h1>
<dl class="meta">
<dt>Publisher</dt><dd>{{ source.publisher }}</dd>
{% if source.url %}<dt>URL</dt><dd><a href="{{ source.url }}" rel="noopener">{{ source.url }}</a></dd>{% endif %}
<dt>File</dt><dd><code>seeds/{{ source.file }}</code></dd>
<dt>SHA-256</dt><dd><code class="hash">{{ source.sha256 }}</code></dd>
</dl>
</header>

{% if source.facts %}
<section class="cited" aria-labelledby="cited-heading">
<h2 id="cited-heading">Facts this source bears on</h2>
<ul>
{% for f in source.facts %}
<li>{% if f.href %}<a href="{{ f.href }}">[{{ f.number }}]</a> {% endif %}{{ f.claim | typographic }}{% if f.disputes %} <span class="badge disputed">disputes</span>{% endif %}</li>
{% endfor %}
</ul>
</section>
{% endif %}

<section class="text" aria-labelledby="text-heading">
<h2 id="text-heading">Full text</h2>
{% for p in source.paragraphs %}
{#- One <mark> per quote that starts in a run, so that every quote has its own id. -#}
<p>{% for run in p %}{% if run.marked %}{% for a in run.anchors %}<mark id="{{ a }}"{% if run.conflict %} class="conflict"{% endif %}>{% else %}<mark{% if run.conflict %} class="conflict"{% endif %}>{% endfor %}{{ run.text }}{% for a in run.anchors %}</mark>{% else %}</mark>{% endfor %}{% else %}{{ run.text }}{% endif %}{% for b in run.backrefs %}<sup class="backref"><a href="{{ b.href }}" aria-label="Cited in note {{ b.number }}">{{ b.number }}</a></sup>{% endfor %}{% endfor %}</p>
{% endfor %}
</section>
</article>
{% endblock main %}
"#;

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

/// The defaults with the old `source.html`, as a project's own file.
fn with_old_source_html() -> Vec<Template> {
    let mut t = defaults();
    for t in &mut t {
        if t.name == "source.html" {
            t.text = OLD_SOURCE_HTML.to_string();
            t.path = PathBuf::from("templates/source.html");
        }
    }
    t
}

fn source(text: &str) -> SiteSource {
    SiteSource {
        key: "a-b".into(),
        file: "a<b>.txt".into(),
        title: "A \"title\" & 'more'".into(),
        publisher: "P<&>".into(),
        name: None,
        url: Some("https://example.com/?a=1&b=\"2\"".into()),
        sha256: "00ff".into(),
        text: text.into(),
    }
}

fn context() -> tera::Context {
    let mut ctx = tera::Context::new();
    ctx.insert("root", "../");
    ctx.insert("title", "Site \"title\"");
    ctx.insert("summary", "S & s");
    ctx.insert("updated", &None::<String>);
    ctx.insert("generator", "sourced test");
    ctx
}

/// The page through the old template (with the runs) and through the
/// built-in one (without them).
fn both(text: &str, highlights: &[Highlight], facts: &[SourceFact]) -> (String, String) {
    let source = source(text);
    let render = |templates: &[Template], with_paragraphs: bool| {
        let tera = compile(templates).expect("templates compile");
        let mut ctx = context();
        ctx.insert(
            "source",
            &source_page(&source, highlights, facts, with_paragraphs),
        );
        tera.render("source.html", &ctx).expect("renders")
    };
    (
        render(&with_old_source_html(), true),
        render(&defaults(), false),
    )
}

/// A highlight from generated numbers: its range on character boundaries
/// of `text`.
type Spec = (usize, usize, Option<String>, Option<(usize, String)>, bool);

fn highlights_of(text: &str, specs: Vec<Spec>) -> Vec<Highlight> {
    let mut bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    bounds.push(text.len());
    specs
        .into_iter()
        .map(|(start, len, anchor, backref, conflict)| {
            let s = start % bounds.len();
            let e = (s + len).min(bounds.len() - 1);
            Highlight {
                range: bounds[s]..bounds[e],
                anchor,
                backref: backref.map(|(number, href)| Backref { number, href }),
                conflict,
            }
        })
        .collect()
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0usize..200,
        0usize..40,
        proptest::option::of("[a-z0-9<>&\"'é-]{1,8}"),
        proptest::option::of((0usize..100_000, "[a-z./#<>&\"'é-]{0,12}")),
        any::<bool>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Texts of the characters HTML escapes, Markdown's, line breaks and
    /// blank lines, control-ish characters and characters outside ASCII,
    /// with overlapping, nested, empty and line-crossing highlights.
    #[test]
    fn text_html_equals_the_old_template(
        text in "[<>&\"'a b\\n\\r\\t#*_`\\[\\]()!|~-é“”😀\u{1}\u{7f}\u{a0}\u{2028}]{0,120}",
        specs in proptest::collection::vec(spec(), 0..8),
    ) {
        let highlights = highlights_of(&text, specs);
        let (old, new) = both(&text, &highlights, &[]);
        prop_assert_eq!(old, new);
    }

    #[test]
    fn text_html_equals_the_old_template_on_any_text(
        text in "\\PC{0,80}(\\n\\PC{0,40}){0,3}",
        specs in proptest::collection::vec(spec(), 0..5),
    ) {
        let highlights = highlights_of(&text, specs);
        let (old, new) = both(&text, &highlights, &[]);
        prop_assert_eq!(old, new);
    }
}

#[test]
fn a_page_with_facts_and_quotes_equals_the_old_template() {
    let text = "First <line> & \"more\".\n\n  \nSecond 'line' with a quote.\r\nThird.\n";
    let q = |s: &str| text.find(s).unwrap()..text.find(s).unwrap() + s.len();
    let highlights = vec![
        Highlight {
            range: q("line> & \"more"),
            anchor: Some("q-f-1".into()),
            backref: Some(Backref {
                number: 3,
                href: "../index.html#note-3".into(),
            }),
            conflict: false,
        },
        Highlight {
            range: q("& \"more\".\n\n  \nSecond"),
            anchor: Some("c-g-1".into()),
            backref: None,
            conflict: true,
        },
        Highlight {
            range: q("Third"),
            anchor: None,
            backref: Some(Backref {
                number: 12,
                href: "../index.html#note-12".into(),
            }),
            conflict: false,
        },
    ];
    let facts = vec![SourceFact {
        number: Some(3),
        id: "f".into(),
        claim: "A \"claim\" -- with 'typography'...".into(),
        disputes: true,
        href: Some("../index.html#note-3".into()),
    }];
    let (old, new) = both(text, &highlights, &facts);
    assert_eq!(old, new);
    assert!(new.contains("<mark id=\"q-f-1\">line&gt; "), "{new}");
}

#[test]
fn only_the_built_in_templates_go_without_the_runs() {
    assert!(builtin_html(&defaults()));
    assert!(!builtin_html(&with_old_source_html()));
    let mut changed_base = defaults();
    for t in &mut changed_base {
        if t.name == "base.html" {
            t.text.push_str("{{ source.paragraphs | length }}");
        }
    }
    assert!(!builtin_html(&changed_base));
    let mut extra = defaults();
    extra.push(Template {
        name: "extra.html".into(),
        text: "x".into(),
        path: PathBuf::from("templates/extra.html"),
    });
    assert!(!builtin_html(&extra));
    // Assets do not count.
    let mut css = defaults();
    for t in &mut css {
        if t.name == "style.css" {
            t.text.push_str("p{}");
        }
    }
    assert!(builtin_html(&css));
}

/// A whole site rendered with the old `source.html` as the project's own
/// template (so the runs are handed to tera) and with the built-in one:
/// the same source pages.
#[test]
fn a_projects_own_template_still_gets_the_runs() {
    let text = "One <two> three.\n\nFour & five six.\n";
    let quote = |s: &str, source: &str| {
        let piece = text.find(s).unwrap()..text.find(s).unwrap() + s.len();
        SiteQuote {
            source: source.into(),
            quote: s.into(),
            note: None,
            pieces: vec![piece],
            line: 1,
            column: 1,
            provenance: Default::default(),
        }
    };
    let fact = |id: &str, number: Option<usize>, s: &str| SiteFact {
        id: id.into(),
        claim: format!("Claim {id}"),
        note: None,
        number,
        sources: vec![quote(s, "a-b")],
        conflicts: Vec::new(),
        status: Status::SingleSource,
        corroboration: 1,
        counts: Default::default(),
        uses: 1,
        note_numbers: Vec::new(),
    };
    let site = Site {
        title: "T".into(),
        summary: String::new(),
        updated: None,
        body: "Text.[^f]\n\n[^f]: f\n".into(),
        sources: vec![source(text)].into(),
        facts: vec![
            Arc::new(fact("f", Some(1), "<two> three")),
            Arc::new(fact("g", None, "Four & five")),
        ],
    };
    let page = |templates: &[Template]| {
        let files = render(&site, templates, &mut RenderCache::new(false)).expect("renders");
        files
            .into_iter()
            .find(|f| f.path == Path::new("sources/a-b.html"))
            .expect("the source page")
            .bytes
    };
    let old = page(&with_old_source_html());
    let new = page(&defaults());
    assert_eq!(String::from_utf8_lossy(&old), String::from_utf8_lossy(&new));
    assert!(String::from_utf8_lossy(&new).contains("<mark id=\"q-f-1\">&lt;two&gt; three</mark>"));
}
