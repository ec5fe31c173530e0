//! Counts and names where the briefing cites nothing a reader could check
//! them against: headings, tables, code blocks and link titles; and counts
//! that struck-out text runs into.

use super::*;
use crate::project::briefing::Briefing;
use pulldown_cmark::{Event, Tag, TagEnd};

/// What the markup check reads of the briefing's Markdown, in the order of
/// its events: a function of the body alone, so it is read with the body,
/// while the sources and facts are checked (see [`read_markup`]).
#[derive(Default)]
pub struct Markup {
    /// Byte ranges of struck-out text (`~~…~~`) in the body.
    pub struck: Vec<Range<usize>>,
    /// Link titles, and the text of headings, tables and code blocks.
    items: Vec<Item>,
}

/// Text of the body that cites nothing a reader could check a count or a
/// name against.
enum Item {
    /// A link's title, at the whole link (`range`).
    LinkTitle { title: String, range: Range<usize> },
    /// Text or code inside a heading, table or code block (`why` says
    /// which, innermost); `exact` when `range` holds the text as written.
    Opaque {
        text: String,
        range: Range<usize>,
        why: &'static str,
        exact: bool,
    },
}

/// Reads the body's Markdown for [`check_markup`]: the struck-out ranges,
/// link titles, and what headings, tables and code blocks hold.
pub fn read_markup(body: &str) -> Markup {
    let mut out = Markup::default();
    // Open headings, tables and code blocks, innermost last.
    let mut opaque: Vec<&'static str> = Vec::new();
    for (event, range) in crate::project::briefing::parser(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Strikethrough) => out.struck.push(range),
            Event::Start(Tag::Heading { .. }) => opaque.push("a heading cites no fact"),
            Event::Start(Tag::Table(_)) => opaque.push("a table cites no fact"),
            Event::Start(Tag::CodeBlock(_)) => opaque.push("a code block cites no fact"),
            Event::End(TagEnd::Heading(_) | TagEnd::Table | TagEnd::CodeBlock) => {
                opaque.pop();
            }
            Event::Start(Tag::Link { title, .. }) if !title.is_empty() => {
                let title = title.into_string();
                out.items.push(Item::LinkTitle { title, range });
            }
            Event::Text(t) | Event::Code(t) if !opaque.is_empty() => {
                let exact = body.get(range.clone()) == Some(&*t);
                out.items.push(Item::Opaque {
                    text: t.into_string(),
                    range,
                    why: opaque[opaque.len() - 1],
                    exact,
                });
            }
            _ => {}
        }
    }
    out
}

/// Refuses outlet names in headings and tables, counts and names in code
/// blocks and link titles, from what [`read_markup`] read of `b`'s body.
pub(super) fn check_markup(
    b: &Briefing,
    markup: &Markup,
    names: &Names,
    diags: &mut Vec<Diagnostic>,
) {
    let path = &b.title.span.path;
    let at =
        |r: &Range<usize>| Span::new(path.clone(), b.body_offset + r.start..b.body_offset + r.end);
    for item in &markup.items {
        match item {
            Item::LinkTitle { title, range } => {
                // The title is not in the text as written (escapes): the
                // whole link is the place.
                let why = "a link title cites no fact";
                check_unbound(title, why, &|_| at(range), diags);
                for (_, folded) in mentions(names, title) {
                    diags.push(uncited_name(title, &folded, at(range), why));
                }
            }
            Item::Opaque {
                text: t,
                range,
                why,
                exact,
            } => {
                // Positions inside the event when it is the text as written.
                let place = |r: &Range<usize>| {
                    if *exact {
                        at(&(range.start + r.start..range.start + r.end))
                    } else {
                        at(range)
                    }
                };
                if why.contains("code") {
                    // Headings and tables have their counts checked by line.
                    check_unbound(t, why, &place, diags);
                }
                for (r, folded) in mentions(names, t) {
                    diags.push(uncited_name(&t[r.clone()], &folded, place(&r), why));
                }
            }
        }
    }
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
