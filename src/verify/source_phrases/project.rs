//! The whole project's counts and names: the briefing's sentences, title,
//! summary, headings, tables and markup, and the facts' claims and notes.

use super::*;
use std::sync::Arc;

/// Places `part` of a value within the raw text its span covers: at its
/// first occurrence at or after `from`, else the whole span.
pub(super) fn place(span: &Span, raw: &str, part: &str) -> Span {
    match raw.find(part) {
        Some(i) => Span::new(
            span.path.clone(),
            span.range.start + i..span.range.start + i + part.len(),
        ),
        None => span.clone(),
    }
}

/// What was read of the briefing's body, a function of the body alone
/// (read while the sources and facts are checked).
#[derive(Clone, Copy)]
pub struct BodyRead<'a> {
    pub scan: &'a crate::project::briefing::Scan,
    /// The [`sentence_phrases`] of `scan`, one list per sentence.
    pub sentence_phrases: &'a [Vec<Phrase>],
    pub markup: &'a Markup,
}

/// Checks every count and outlet name in the briefing (prose, title and
/// summary); the facts' claims and notes are [`check_fact`]'s, run before.
/// `body` is what was read of the briefing's body: its scan, the
/// [`sentence_phrases`] of that scan, and its [`read_markup`]. What reads
/// only the body and the names is kept in `cache`; what reads the facts is
/// checked on every run.
pub fn check_project(
    project: &crate::project::Project,
    body: Option<BodyRead>,
    facts: &[std::sync::Arc<SiteFact>],
    origins: &Origins,
    cache: &mut PhraseCache,
    diags: &mut Vec<Diagnostic>,
) {
    if !project.facts_complete {
        return; // a fact file did not parse: the cited facts may be in it
    }
    let raw = |span: &Span| {
        project
            .files
            .get(&span.path)
            .and_then(|t| t.get(span.range.clone()))
            .unwrap_or("")
    };
    let (
        Some(b),
        Some(BodyRead {
            scan,
            sentence_phrases,
            markup,
        }),
    ) = (&project.briefing, body)
    else {
        return;
    };
    assert_eq!(
        sentence_phrases.len(),
        scan.texts.len(),
        "one list per sentence"
    );
    for t in [&b.title, &b.summary] {
        let what = "the title and summary cite no fact";
        check_unbound(
            &t.value,
            what,
            &|r| place(&t.span, raw(&t.span), &t.value[r.clone()]),
            diags,
        );
    }
    let list = Names::flags(
        origins,
        &origins.prose_names(&project.manifest, &project.facts),
    );
    let names = match cache.names.get(&(), |n| n.is(&list)) {
        Some(names) => names,
        None => {
            let names = Arc::new(Names::new(list));
            cache.names.put(|| ((), names.clone(), names.clone()));
            names
        }
    };
    let body = cache.body.get_or_compute(
        &(),
        |input| input.same(b, &names),
        || Arc::new(body_findings(b, markup, &names)),
        || ((), BodyInput::new(b, &names)),
    );
    diags.extend(body.diags.iter().cloned());
    let prose = Prose::new(facts, origins, names);
    check_sentences(
        b,
        scan,
        sentence_phrases,
        &prose,
        &markup.struck,
        cache,
        diags,
    );
}

/// The counts and names in what cites no fact: [`check_markup`].
fn body_findings(
    b: &crate::project::briefing::Briefing,
    markup: &Markup,
    names: &Names,
) -> BodyFindings {
    let mut diags = Vec::new();
    check_markup(b, markup, names, &mut diags);
    BodyFindings { diags }
}

/// Checks each prose sentence's counts and names against the facts it
/// cites. Each sentence's [`Reading`] is taken from `cache` when its input
/// is unchanged; the others are read in parallel.
fn check_sentences(
    b: &crate::project::briefing::Briefing,
    scan: &crate::project::briefing::Scan,
    sentence_phrases: &[Vec<Phrase>],
    prose: &Prose,
    struck: &[Range<usize>],
    cache: &mut PhraseCache,
    diags: &mut Vec<Diagnostic>,
) {
    let path = b.title.span.path.clone();
    let sentences = scan.sentences.iter().zip(&scan.texts).zip(&scan.ref_ranges);
    // Each checked sentence's references, at the first text byte that comes
    // after each.
    let mut todo = Vec::with_capacity(scan.texts.len());
    for (k, (((_, ids), text), at)) in sentences.enumerate() {
        if ids.iter().any(|id| !prose.knows(id)) {
            continue; // an unknown reference is an error of its own
        }
        let refs: Vec<(usize, &str)> = ids
            .iter()
            .zip(at)
            .map(|(id, r)| {
                let pos = text.first_at_or_after(r.end);
                (pos, id.as_str())
            })
            .collect();
        let at: Vec<usize> = refs.iter().map(|r| r.0).collect();
        todo.push((k, text, refs, at));
    }
    let readings = cache.sentences.get_or_compute_each(
        &todo,
        |(k, ..)| k,
        |(_, text, _, at), input| input.same(&text.text, at, &prose.names),
        |(k, text, _, at)| {
            Arc::new(read_sentence(
                &prose.names,
                &text.text,
                &sentence_phrases[*k],
                at,
            ))
        },
        |(k, text, _, at)| {
            let input = SentenceInput {
                text: text.text.clone(),
                at: at.clone(),
                names: prose.names.clone(),
            };
            (*k, input)
        },
    );
    // Each sentence's counts bound to its facts, in parallel; the
    // diagnostics pushed in order.
    use rayon::prelude::*;
    let found: Vec<Vec<Diagnostic>> = todo
        .par_iter()
        .zip(&readings)
        .map(|((k, text, refs, _), reading)| {
            let mut found_diags = Vec::new();
            let found = &sentence_phrases[*k];
            let span_of = |r: &Range<usize>| {
                let body = text.body_range(r);
                Span::new(
                    path.clone(),
                    b.body_offset + body.start..b.body_offset + body.end,
                )
            };
            let d = &mut found_diags;
            bind_sentence(prose, &text.text, found, refs, reading, &span_of, d);
            check_struck(b, text, found, reading, struck, &span_of, d);
            found_diags
        })
        .collect();
    for mut d in found {
        diags.append(&mut d);
    }
}

/// An entity (`&shy;`, `&#x200B;`) that decodes to an invisible character
/// splits a count or a name as a raw one would; and struck-out text is
/// shown and unsaid at once: a count it runs into (`~~One~~ Two sources`)
/// cannot be read.
fn check_struck(
    b: &crate::project::briefing::Briefing,
    text: &crate::project::briefing::SentenceText,
    found: &[Phrase],
    reading: &Reading,
    struck: &[Range<usize>],
    span_of: &dyn Fn(&Range<usize>) -> Span,
    diags: &mut Vec<Diagnostic>,
) {
    for &(k, c) in &reading.hidden {
        let body = text.body_range(&(k..k + c.len_utf8()));
        // (A raw one is reported with the body's characters.)
        if b.body.get(body).is_some_and(|r| r.contains('&')) {
            diags.push(hidden_entity(c, span_of(&(k..k + c.len_utf8()))));
        }
    }
    for p in found {
        let body = text.body_range(&p.range);
        // Struck-out text inside the count, or right before it (`~~One~~
        // Two sources`: the struck number reads as part of the count).
        let before = |s: &Range<usize>| {
            s.end <= body.start
                && b.body
                    .get(s.end..body.start)
                    .is_some_and(|gap| gap.trim().is_empty())
        };
        if struck
            .iter()
            .any(|s| (s.start < body.end && body.start < s.end) || before(s))
        {
            diags.push(unchecked(
                &text.text[p.range.clone()],
                span_of(&p.range),
                "struck-out text runs into it",
            ));
        }
    }
}

/// Checks every count in a fact's claim and notes against the fact, for a
/// project whose fact files all parsed. Whether it finds anything depends on
/// the fact's values and `sf` alone (positions only place what it finds):
/// the verify cache relies on that.
pub fn check_fact(
    f: &crate::project::fact::Fact,
    sf: &SiteFact,
    files: &crate::diagnostic::Files,
    diags: &mut Vec<Diagnostic>,
) {
    let raw = |span: &Span| {
        files
            .get(&span.path)
            .and_then(|t| t.get(span.range.clone()))
            .unwrap_or("")
    };
    // The claim and the editor's note speak of this fact alone.
    // A quote's or a conflict's note speaks of this fact too.
    let notes = f
        .sources
        .iter()
        .chain(&f.conflicts)
        .filter_map(|c| c.note.as_ref());
    // Whether the fact's note, as written, holds no count that fails.
    let mut note_clean = true;
    for t in std::iter::once(&f.claim).chain(&f.note).chain(notes) {
        let span = &t.span;
        let value = &t.value;
        let before = diags.len();
        check_claim(
            sf,
            value,
            &|r| place(span, raw(span), &value[r.clone()]),
            diags,
        );
        if f.note.as_ref().is_some_and(|n| std::ptr::eq(n, t)) {
            note_clean = diags.len() == before;
        }
    }
    // The fact's note is Markdown: read it as the reader sees it too
    // (links, emphasis and line breaks gone, entities decoded).
    if let Some(t) = &f.note {
        if t.value.contains('&') {
            for (e, r) in crate::project::briefing::parser(&t.value).into_offset_iter() {
                if let pulldown_cmark::Event::Text(x) | pulldown_cmark::Event::Code(x) = e
                    && let Some(c) = x.chars().find(|&c| crate::verify::hidden_char(c))
                    && t.value[r.clone()].contains('&')
                {
                    diags.push(hidden_entity(c, place(&t.span, raw(&t.span), &t.value[r])));
                }
            }
        }
        // (Only when the note as written read clean: one error each.)
        let whole = |_: &Range<usize>| t.span.clone();
        if note_clean {
            for shown in crate::project::briefing::shown_texts(&t.value) {
                check_claim(sf, &shown, &whole, diags);
            }
        }
    }
}

/// The count phrases of each sentence of the briefing's body, in parallel.
pub fn sentence_phrases(scan: &crate::project::briefing::Scan) -> Vec<Vec<Phrase>> {
    use rayon::prelude::*;
    scan.texts.par_iter().map(|t| phrases(&t.text)).collect()
}

/// An entity (`&shy;`, `&#x200B;`) that decodes to an invisible character.
fn hidden_entity(c: char, span: Span) -> Diagnostic {
    Diagnostic::error(
        "hidden-character",
        format!("an entity decodes to the invisible character U+{:04X}", c as u32),
    )
    .at(span, "decodes to an invisible character")
    .note("an invisible character can split a count or a name, so that what the reader sees is not what was checked")
    .help("delete the entity")
}
