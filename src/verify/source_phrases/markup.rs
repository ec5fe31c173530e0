//! Counts and names where the briefing cites nothing a reader could check
//! them against: headings, tables, code blocks and link titles; and counts
//! that struck-out text runs into.

use super::*;
use crate::project::briefing::{Briefing, SentenceText};
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
    /// The same text as the reader sees it, one piece per link title,
    /// heading, table cell and code block, with why it cites no fact: their
    /// numbers are checked against every claim (see
    /// [`crate::verify`]'s prose-number rule).
    pub shown: Vec<(SentenceText, &'static str)>,
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
    // The heading, table cell or code block being read, as shown.
    let mut shown: Option<(SentenceText, &'static str)> = None;
    let table = "a table cites no fact";
    // The next number of each open list, innermost last (see
    // [`crate::project::briefing::list_numbers`]).
    let mut lists: Vec<Option<u64>> = Vec::new();
    for (event, range) in crate::project::briefing::parser(body).into_offset_iter() {
        if let Some(n) = crate::project::briefing::list_numbers(&event, &mut lists) {
            // Placed on the item's marker when it is written so.
            let at = range.start..range.start + n.len();
            let at = if body.get(at.clone()) == Some(&n) {
                at
            } else {
                range.clone()
            };
            let mut text = SentenceText::default();
            text.push_event(&n, at, body);
            out.shown.push((text, "a list's numbering cites no fact"));
        }
        match event {
            Event::Start(Tag::Strikethrough) => out.struck.push(range),
            Event::Start(Tag::Heading { .. }) => {
                opaque.push("a heading cites no fact");
                shown = Some((SentenceText::default(), "a heading cites no fact"));
            }
            Event::Start(Tag::CodeBlock(_)) => {
                opaque.push("a code block cites no fact");
                shown = Some((SentenceText::default(), "a code block cites no fact"));
            }
            Event::Start(Tag::Table(_)) => opaque.push(table),
            Event::Start(Tag::TableCell) => shown = Some((SentenceText::default(), table)),
            Event::End(TagEnd::Heading(_) | TagEnd::Table | TagEnd::CodeBlock) => {
                opaque.pop();
                out.shown.extend(shown.take());
            }
            Event::End(TagEnd::TableCell) => out.shown.extend(shown.take()),
            Event::Start(Tag::Link { title, .. }) if !title.is_empty() => {
                let mut text = SentenceText::default();
                text.push_event(&title, range.clone(), body);
                out.shown.push((text, "a link title cites no fact"));
                let title = title.into_string();
                out.items.push(Item::LinkTitle { title, range });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((text, _)) = &mut shown {
                    // A code span's range holds its backticks too: its text
                    // is placed where the range holds it.
                    let inner = body
                        .get(range.clone())
                        .and_then(|r| r.find(&*t))
                        .map_or(range.clone(), |i| {
                            range.start + i..range.start + i + t.len()
                        });
                    text.push_event(&t, inner, body);
                }
                if let Some(why) = opaque.last() {
                    let exact = body.get(range.clone()) == Some(&*t);
                    out.items.push(Item::Opaque {
                        text: t.into_string(),
                        range,
                        why,
                        exact,
                    });
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((text, _)) = &mut shown {
                    text.push_event(" ", range, body);
                }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`read_markup`] shows of `body`: each piece's text, why it cites
    /// no fact, and the body text that each of its words came from.
    fn shown(body: &str) -> Vec<(String, &'static str, Vec<String>)> {
        read_markup(body)
            .shown
            .iter()
            .map(|(text, why)| {
                let mut from = Vec::new();
                let mut at = 0;
                for word in text.text.split(' ') {
                    let r = text.body_range(&(at..at + word.len()));
                    from.push(body[r].to_string());
                    at += word.len() + 1;
                }
                (text.text.clone(), *why, from)
            })
            .collect()
    }

    #[test]
    fn headings_cells_code_blocks_and_link_titles_are_shown_whole() {
        let body = "## Spent 7 *billion*\n\n\
                    | A | B |\n|---|---|\n| 2-7 | `4.5` |\n\n\
                    ```\nx 5\n```\n\n\
                    Prose 9 [a](u \"t &amp; 2\").\n\n\
                    Setext\n6 &amp;\n===\n";
        let s = |v: &[&str]| v.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        assert_eq!(
            shown(body),
            vec![
                // Emphasis does not split a heading's number from its scale.
                (
                    "Spent 7 billion".into(),
                    "a heading cites no fact",
                    s(&["Spent", "7", "billion"])
                ),
                ("A".into(), "a table cites no fact", s(&["A"])),
                ("B".into(), "a table cites no fact", s(&["B"])),
                // One piece per cell: cells are not read together.
                ("2-7".into(), "a table cites no fact", s(&["2-7"])),
                ("4.5".into(), "a table cites no fact", s(&["4.5"])),
                (
                    "x 5\n".into(),
                    "a code block cites no fact",
                    s(&["x", "5\n"])
                ),
                // A link title is not in the body as written: its words
                // are placed at the link's start.
                (
                    "t & 2".into(),
                    "a link title cites no fact",
                    s(&["[", "[", "["])
                ),
                // A line break is a space; an entity is placed at its start.
                (
                    "Setext 6 &".into(),
                    "a heading cites no fact",
                    s(&["Setext", "6", "&"])
                ),
            ]
        );
    }
}
