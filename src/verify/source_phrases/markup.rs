//! Counts and names where the briefing cites nothing a reader could check
//! them against: headings, tables, code blocks and link titles; and counts
//! that struck-out text runs into.

use super::*;
use crate::project::briefing::{Briefing, SentenceText};
use pulldown_cmark::{Event, Tag, TagEnd};

/// Why a piece of the body cites no fact, as a diagnostic says it.
pub const HEADING: &str = "a heading cites no fact";
pub const TABLE: &str = "a table cites no fact";
pub const CODE_BLOCK: &str = "a code block cites no fact";
pub const LINK_TITLE: &str = "a link title cites no fact";
pub const LIST_NUMBER: &str = "a list's numbering cites no fact";

/// What the markup check reads of the briefing's Markdown, in the order of
/// its events: a function of the body alone, so it is read with the body,
/// while the sources and facts are checked (see [`read_markup`]).
#[derive(Default)]
pub struct Markup {
    /// Byte ranges of struck-out text (`~~…~~`) in the body.
    pub struck: Vec<Range<usize>>,
    /// What cites no fact, as the reader sees it, with why ([`HEADING`] …):
    /// one piece per heading, table cell, code block line and link title
    /// line, and per number of a list that does not start at 1. Their
    /// numbers (but a table cell's, read by row) are checked against every
    /// claim (see [`crate::verify`]'s prose-number rule), and names in them
    /// are refused, wherever they are: in a list item or a block quote too.
    pub shown: Vec<(SentenceText, &'static str)>,
    /// Each table row as the reader sees it, its cells joined by ` | `:
    /// a count of sources in it is refused, across cells too.
    rows: Vec<SentenceText>,
    /// Each table row with its cells joined by a space: its numbers are
    /// read here rather than cell by cell, so that `| more than | $9
    /// million |` is read as `more than $9 million` (a space between digits
    /// separates two numbers, so two cells' digits do not join).
    pub row_numbers: Vec<SentenceText>,
    /// The cells of each table's heading row: a unit there does not reach
    /// the cells below it, which are checked without it.
    pub heading_cells: Vec<SentenceText>,
}

/// Reads the body's Markdown for [`check_markup`] and the prose-number
/// rule: the struck-out ranges, and the text of headings, table cells and
/// rows, code blocks, link titles and list numbers.
pub fn read_markup(body: &str) -> Markup {
    let mut out = Markup::default();
    // The heading, table cell or code block being read, as shown.
    let mut shown: Option<(SentenceText, &'static str)> = None;
    // The table row being read, its cells joined by ` | ` and by a space.
    let mut row: Option<(SentenceText, SentenceText)> = None;
    // Whether the row being read is a table's heading.
    let mut heading = false;
    // The next number of each open list, innermost last (see
    // [`crate::project::briefing::list_numbers`]).
    let mut lists: Vec<Option<u64>> = Vec::new();
    let start = |why| Some((SentenceText::default(), why));
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
            out.shown.push((text, LIST_NUMBER));
        }
        match event {
            Event::Start(Tag::Strikethrough) => out.struck.push(range),
            Event::Start(Tag::Heading { .. }) => shown = start(HEADING),
            Event::Start(Tag::CodeBlock(_)) => shown = start(CODE_BLOCK),
            Event::Start(Tag::TableCell) => shown = start(TABLE),
            Event::Start(tag @ (Tag::TableHead | Tag::TableRow)) => {
                heading = matches!(tag, Tag::TableHead);
                row = Some(Default::default());
            }
            Event::End(TagEnd::Heading(_)) => out.shown.extend(shown.take()),
            // Code is read line by line: a line's number does not take the
            // next line's first words as its scale or hedge.
            Event::End(TagEnd::CodeBlock) => {
                if let Some((code, why)) = shown.take() {
                    let lines = code.lines().into_iter().filter(|l| !l.text.is_empty());
                    out.shown.extend(lines.map(|l| (l, why)));
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some((cell, why)) = shown.take() {
                    if let Some((piped, spaced)) = &mut row {
                        piped.append(&cell, " | ");
                        spaced.append(&cell, " ");
                    }
                    if heading {
                        out.heading_cells.push(cell.clone());
                    }
                    out.shown.push((cell, why));
                }
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let Some((piped, spaced)) = row.take() {
                    out.rows.push(piped);
                    out.row_numbers.push(spaced);
                }
            }
            Event::Start(Tag::Link { title, .. }) if !title.is_empty() => {
                let mut text = SentenceText::default();
                text.push_event(&title, range, body);
                let lines = text.lines().into_iter().filter(|l| !l.text.is_empty());
                out.shown.extend(lines.map(|l| (l, LINK_TITLE)));
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

/// Refuses counts of sources and outlet names in what cites no fact, from
/// what [`read_markup`] read of `b`'s body: counts in headings, table rows,
/// code blocks and link titles, names in those and in table cells.
pub(super) fn check_markup(
    b: &Briefing,
    markup: &Markup,
    names: &Names,
    diags: &mut Vec<Diagnostic>,
) {
    let path = &b.title.span.path;
    let at = |text: &SentenceText, r: &Range<usize>| {
        let r = text.body_range(r);
        Span::new(path.clone(), b.body_offset + r.start..b.body_offset + r.end)
    };
    for (text, why) in &markup.shown {
        if *why == LIST_NUMBER {
            continue;
        }
        // A table's counts are read by row, below.
        if *why != TABLE {
            check_unbound(&text.text, why, &|r| at(text, r), diags);
        }
        for (r, folded) in mentions(names, &text.text) {
            diags.push(uncited_name(
                &text.text[r.clone()],
                &folded,
                at(text, &r),
                why,
            ));
        }
    }
    for row in &markup.rows {
        check_unbound(&row.text, TABLE, &|r| at(row, r), diags);
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
    fn a_table_row_is_read_with_its_cells_together() {
        let body = "> | A | B |\n> |---|---|\n> | Two | *sources* say |\n> | | x |\n";
        let markup = read_markup(body);
        let rows: Vec<&str> = markup.rows.iter().map(|r| &*r.text).collect();
        assert_eq!(rows, ["A | B", "Two | sources say", "x"]);
    }

    #[test]
    fn headings_cells_code_blocks_and_link_titles_are_shown_whole() {
        let body = "## Spent 7 *billion*\n\n\
                    | A | B |\n|---|---|\n| 2-7 | `4.5` |\n\n\
                    ```\nx 5\n\ny 6\n```\n\n\
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
                // Code is read line by line.
                ("x 5".into(), "a code block cites no fact", s(&["x", "5"])),
                ("y 6".into(), "a code block cites no fact", s(&["y", "6"])),
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
