//! Counts and names where the briefing cites nothing a reader could check
//! them against: headings, tables, code blocks and link titles; and counts
//! that struck-out text runs into.

use super::*;
use crate::project::briefing::Briefing;
use pulldown_cmark::{Event, Tag, TagEnd};

/// What a second pass over the briefing's Markdown finds.
#[derive(Default)]
pub(super) struct Markup {
    /// Byte ranges of struck-out text (`~~…~~`) in the body.
    pub struck: Vec<Range<usize>>,
}

/// Refuses outlet names in headings and tables, counts and names in code
/// blocks and link titles; gives the struck-out ranges for the sentence
/// check.
pub(super) fn check_markup(b: &Briefing, names: &Names, diags: &mut Vec<Diagnostic>) -> Markup {
    let mut out = Markup::default();
    let path = &b.title.span.path;
    let at =
        |r: &Range<usize>| Span::new(path.clone(), b.body_offset + r.start..b.body_offset + r.end);
    // Open headings, tables and code blocks, innermost last.
    let mut opaque: Vec<&str> = Vec::new();
    for (event, range) in crate::project::briefing::parser(&b.body).into_offset_iter() {
        match event {
            Event::Start(Tag::Strikethrough) => out.struck.push(range),
            Event::Start(Tag::Heading { .. }) => opaque.push("a heading cites no fact"),
            Event::Start(Tag::Table(_)) => opaque.push("a table cites no fact"),
            Event::Start(Tag::CodeBlock(_)) => opaque.push("a code block cites no fact"),
            Event::End(TagEnd::Heading(_) | TagEnd::Table | TagEnd::CodeBlock) => {
                opaque.pop();
            }
            Event::Start(Tag::Link { title, .. }) if !title.is_empty() => {
                // The title is not in the text as written (escapes): the
                // whole link is the place.
                let why = "a link title cites no fact";
                check_unbound(&title, why, &|_| at(&range), diags);
                for (_, folded) in mentions(names, &title) {
                    diags.push(uncited_name(&title, &folded, at(&range), why));
                }
            }
            Event::Text(t) | Event::Code(t) if !opaque.is_empty() => {
                let why = opaque[opaque.len() - 1];
                // Positions inside the event when it is the text as written.
                let exact = b.body.get(range.clone()) == Some(&*t);
                let place = |r: &Range<usize>| {
                    if exact {
                        at(&(range.start + r.start..range.start + r.end))
                    } else {
                        at(&range)
                    }
                };
                if why.contains("code") {
                    // Headings and tables have their counts checked by line.
                    check_unbound(&t, why, &place, diags);
                }
                for (r, folded) in mentions(names, &t) {
                    diags.push(uncited_name(&t[r.clone()], &folded, place(&r), why));
                }
            }
            _ => {}
        }
    }
    out
}

fn uncited_name(written: &str, folded: &str, span: Span, why: &str) -> Diagnostic {
    let written = if written.len() > 80 { folded } else { written };
    Diagnostic::error(
        "outlet-not-cited",
        format!("`{written}` is named, but {why}"),
    )
    .at(span, "named here")
    .note("a source named in the briefing must be cited right after the name, in a prose sentence")
    .help(format!(
        "name {written} in a prose sentence that cites a fact quoting it, or leave the name out"
    ))
}
