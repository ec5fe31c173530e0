//! `content/briefing.md`: YAML front matter, then Markdown prose that cites
//! facts with footnote references (`[^fact-id]`).

use crate::diagnostic::{Diagnostic, Span};
use crate::project::fact::Text;
use crate::project::yaml::YamlText;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::ops::Range;
use std::path::Path;

#[cfg(test)]
mod reference_tests;
#[cfg(test)]
mod tests;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatterEntry {
    title: Spanned<String>,
    summary: Spanned<String>,
    #[serde(default)]
    updated: Option<Spanned<String>>,
}

/// The briefing as loaded: front matter, and the Markdown body with its
/// offset in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Briefing {
    pub title: Text,
    pub summary: Text,
    pub updated: Option<Text>,
    pub body: String,
    /// Byte offset of the body in `briefing.md`.
    pub body_offset: usize,
}

/// The Markdown options used everywhere (scan and render alike).
pub fn markdown_options() -> Options {
    Options::ENABLE_OLD_FOOTNOTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
}

pub fn parser(text: &str) -> Parser<'_> {
    Parser::new_ext(text, markdown_options())
}

/// Splits front matter from the body and parses it.
pub fn parse(path: &Path, text: &str) -> Result<Briefing, Box<Diagnostic>> {
    let no_front_matter = || {
        Box::new(Diagnostic::error("front-matter", "briefing.md has no front matter")
            .at(Span::new(path, 0..text.find('\n').unwrap_or(text.len())), "expected `---` here")
            .help("start the file with a `---` line, then `title:` and `summary:`, then a closing `---` line"))
    };
    // A byte order mark before the first `---` is not content.
    let start = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let first_line_end = text.find('\n').ok_or_else(no_front_matter)?;
    if text[start..first_line_end].trim_end() != "---" {
        return Err(no_front_matter());
    }
    let yaml_start = first_line_end + 1;
    let mut pos = yaml_start;
    let (yaml_end, body_offset) = loop {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..line_end].trim_end() == "---" {
            break (pos, (line_end + 1).min(text.len()));
        }
        if line_end >= text.len() {
            return Err(Box::new(
                Diagnostic::error("front-matter", "the front matter is never closed")
                    .at(Span::new(path, start..start + 3), "front matter opens here")
                    .help("add a line `---` after the front matter"),
            ));
        }
        pos = line_end + 1;
    };
    if text[yaml_start..yaml_end].trim().is_empty() {
        return Err(Box::new(
            Diagnostic::error("front-matter", "the front matter is empty")
                .at(
                    Span::new(path, start..yaml_end + 3),
                    "nothing between the `---` lines",
                )
                .help("add `title:` and `summary:` lines between the two `---` lines"),
        ));
    }
    let yaml = YamlText {
        path,
        file_text: text,
        base: yaml_start,
    };
    let entry: FrontMatterEntry = yaml.parse(yaml_end, "invalid front matter")?;
    let t = |s: &Spanned<String>| Text {
        value: s.value.clone(),
        span: yaml.span(s),
    };
    Ok(Briefing {
        title: t(&entry.title),
        summary: t(&entry.summary),
        updated: entry.updated.as_ref().map(t),
        body: text[body_offset..].to_string(),
        body_offset,
    })
}

/// What the checks need to know of the Markdown body. Ranges are offsets
/// into the body.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scan {
    /// Every `[^id]`, in order.
    pub references: Vec<(String, Range<usize>)>,
    /// Footnote definitions (`[^id]: …`), which are refused.
    pub definitions: Vec<Range<usize>>,
    /// Raw HTML, which is refused.
    pub html: Vec<Range<usize>>,
    /// Links whose scheme is not allowed, and images (not supported).
    pub bad_links: Vec<(String, Range<usize>, bool)>,
    /// Prose sentences with no reference.
    pub unsourced: Vec<Range<usize>>,
    /// Every prose sentence with the fact ids it cites.
    pub sentences: Vec<(Range<usize>, Vec<String>)>,
    /// The text of each of `sentences`, in the same order.
    pub texts: Vec<SentenceText>,
    /// The body range of each reference of each of `sentences`, in order.
    pub ref_ranges: Vec<Vec<Range<usize>>>,
}

/// A prose sentence's text as the reader sees it (Markdown syntax, link
/// targets and references left out), with where each byte came from.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SentenceText {
    pub text: String,
    /// The body offset of each byte of `text` (approximate inside text that
    /// Markdown rewrote, such as smart quotes). A body is a file's text, at
    /// most 8 MiB (see [`crate::project::read`]), so an offset fits in a `u32`.
    offsets: Vec<u32>,
}

/// A body offset as [`SentenceText`] keeps it: a body is at most 8 MiB (the
/// file limit), so it fits in a `u32`.
fn offset32(o: usize) -> u32 {
    u32::try_from(o).unwrap_or(u32::MAX)
}

impl SentenceText {
    /// Appends `text`, which Markdown read from `range` of `source` (the
    /// body): each byte at its own offset when the body holds the text as
    /// written, else every byte at the range's start (escapes, entities,
    /// link titles), as [`Sentences::text`] places such text.
    pub fn push_event(&mut self, text: &str, range: Range<usize>, source: &str) {
        if source.get(range.clone()) == Some(text) {
            self.push_run(text, range.start);
        } else {
            self.push_at(text, range.start);
        }
    }

    /// Appends `run`, written at body offset `at` as it is.
    fn push_run(&mut self, run: &str, at: usize) {
        self.text.push_str(run);
        self.offsets.extend((at..at + run.len()).map(offset32));
    }

    /// Appends `text`, every byte of it placed at body offset `at`.
    fn push_at(&mut self, text: &str, at: usize) {
        self.text.push_str(text);
        self.offsets
            .extend(std::iter::repeat_n(offset32(at), text.len()));
    }

    /// Appends `other`, after `sep` (placed where this text ends) when this
    /// text is not empty.
    pub fn append(&mut self, other: &SentenceText, sep: &str) {
        if let Some(&at) = self.offsets.last() {
            self.push_at(sep, at as usize);
        }
        self.text.push_str(&other.text);
        self.offsets.extend_from_slice(&other.offsets);
    }

    /// This text's lines (without their line feeds), each with the offsets
    /// of its bytes: code is read line by line, as its reader sees it.
    pub fn lines(&self) -> Vec<SentenceText> {
        let mut at = 0;
        self.text
            .split('\n')
            .map(|line| {
                let piece = SentenceText {
                    text: line.to_string(),
                    offsets: self.offsets[at..at + line.len()].to_vec(),
                };
                at += line.len() + 1;
                piece
            })
            .collect()
    }

    /// The body range that a byte range of `text` came from.
    pub fn body_range(&self, r: &Range<usize>) -> Range<usize> {
        let start = self.offsets.get(r.start).map_or(0, |&o| o as usize);
        let end = r
            .end
            .checked_sub(1)
            .and_then(|i| self.offsets.get(i))
            .map_or(start, |&o| o as usize + 1);
        start..end.max(start)
    }

    /// The first byte of `text` that came from body offset `at` or later
    /// (the text's length when none did).
    pub fn first_at_or_after(&self, at: usize) -> usize {
        self.offsets
            .iter()
            .position(|&o| o as usize >= at)
            .unwrap_or(self.text.len())
    }
}

/// The texts a reader sees of a fact's note (Markdown, rendered as the
/// briefing's is): the text and code of each block (paragraph, heading,
/// table cell, code block), a line break read as a space; each link's
/// title; and the number of each item of a list that does not start at 1.
/// Blocks are apart, so that two table cells do not read as one number.
pub fn shown_texts(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut block = String::new();
    let mut lists = Vec::new();
    for event in parser(markdown) {
        out.extend(list_numbers(&event, &mut lists));
        match event {
            Event::Text(t) | Event::Code(t) => block.push_str(&t),
            Event::SoftBreak | Event::HardBreak => block.push(' '),
            Event::Start(Tag::Link { title, .. }) if !title.is_empty() => {
                out.push(title.into_string())
            }
            Event::Start(_) | Event::End(_) if !block.is_empty() => {
                let starts_block = match &event {
                    Event::Start(tag) => !is_inline(tag),
                    _ => matches!(
                        event,
                        Event::End(
                            TagEnd::Paragraph
                                | TagEnd::Heading(_)
                                | TagEnd::TableCell
                                | TagEnd::CodeBlock
                                | TagEnd::Item
                        )
                    ),
                };
                if starts_block {
                    out.push(std::mem::take(&mut block));
                }
            }
            _ => {}
        }
    }
    if !block.is_empty() {
        out.push(block);
    }
    out
}

/// Whether a tag marks text within a block (emphasis, links …) rather
/// than a block.
fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

/// Follows the lists of a Markdown text: `lists` holds the next number of
/// each open list, innermost last (`None` for a bulleted list or one that
/// starts at 1). Returns the number an item of an ordered list that starts
/// elsewhere shows (`2019.`): a reader sees it, so it is checked like a
/// heading's numbers. A list from 1 only counts its items.
pub fn list_numbers(event: &Event, lists: &mut Vec<Option<u64>>) -> Option<String> {
    match event {
        Event::Start(Tag::List(start)) => lists.push(start.filter(|&s| s != 1)),
        Event::End(TagEnd::List(_)) => {
            lists.pop();
        }
        Event::Start(Tag::Item) => {
            if let Some(Some(n)) = lists.last_mut() {
                let shown = n.to_string();
                *n = n.saturating_add(1);
                return Some(shown);
            }
        }
        _ => {}
    }
    None
}

/// Whether a link destination is allowed: relative, a fragment, or http(s)
/// and mailto. Anything else (`javascript:`, `data:` …) is refused.
pub fn link_allowed(dest: &str) -> bool {
    // Read the destination as a browser does: surrounding spaces and
    // controls dropped, tabs and line breaks removed, `\` taken as `/`.
    let dest: String = dest
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    // `//host/path` is protocol-relative: another site, not a relative link.
    if dest.starts_with("//") {
        return false;
    }
    match dest.find(':') {
        None => true,
        Some(colon) => {
            let scheme = &dest[..colon];
            // A colon after a path separator or fragment is not a scheme.
            if scheme.contains(['/', '?', '#']) {
                return true;
            }
            matches!(
                scheme.to_ascii_lowercase().as_str(),
                "http" | "https" | "mailto"
            )
        }
    }
}

/// What a scanned piece of Markdown is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// The briefing's prose: every sentence must cite a fact.
    Briefing,
    /// A fact's note: references and refused constructs only.
    Note,
}

/// Scans Markdown (a briefing body or a note) for references, refused
/// constructs and, in the briefing's prose, unsourced sentences.
pub fn scan(markdown: &str, body: Body) -> Scan {
    let prose = body == Body::Briefing;
    let mut scan = Scan::default();
    let mut sentences = Sentences::default();
    // Open block containers, innermost last. Text is prose when some
    // paragraph or list item is open and no heading, table, code block or
    // footnote definition is.
    let mut stack: Vec<Block> = Vec::new();
    let in_prose = |stack: &Vec<Block>| {
        prose && stack.contains(&Block::Prose) && !stack.contains(&Block::Opaque)
    };
    for (event, range) in parser(markdown).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                match &tag {
                    Tag::FootnoteDefinition(_) => scan.definitions.push(range.clone()),
                    Tag::HtmlBlock => scan.html.push(range.clone()),
                    Tag::Link { dest_url, .. } if !link_allowed(dest_url) => {
                        scan.bad_links
                            .push((dest_url.to_string(), range.clone(), false))
                    }
                    Tag::Image { dest_url, .. } => {
                        scan.bad_links
                            .push((dest_url.to_string(), range.clone(), true))
                    }
                    _ => {}
                }
                if let Some(block) = block(&tag) {
                    sentences.close(&mut scan.unsourced);
                    stack.push(block);
                }
            }
            Event::End(tag) if is_container_end(&tag) => {
                sentences.close(&mut scan.unsourced);
                stack.pop();
            }
            Event::FootnoteReference(id) => {
                scan.references.push((id.to_string(), range.clone()));
                sentences.refs.push(id.to_string());
                sentences.ref_ranges.push(range);
            }
            // Lines of an HTML block were reported with the block.
            Event::InlineHtml(_) => scan.html.push(range),
            Event::Text(t) | Event::Code(t) if in_prose(&stack) => {
                sentences.text(&t, range, markdown, &mut scan.unsourced)
            }
            Event::SoftBreak | Event::HardBreak if in_prose(&stack) => {
                sentences.text(" ", range, markdown, &mut scan.unsourced)
            }
            _ => {}
        }
    }
    sentences.close(&mut scan.unsourced);
    scan.sentences = sentences.all;
    scan.texts = sentences.texts;
    scan.ref_ranges = sentences.all_ref_ranges;
    scan
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    /// Paragraphs and list items: their sentences must cite facts.
    Prose,
    /// Lists and block quotes: prose inside them is still prose.
    Transparent,
    /// Headings, tables, code and footnote definitions: never prose.
    Opaque,
}

fn block(tag: &Tag) -> Option<Block> {
    match tag {
        Tag::Paragraph | Tag::Item => Some(Block::Prose),
        Tag::List(_) | Tag::BlockQuote(_) => Some(Block::Transparent),
        Tag::Heading { .. }
        | Tag::Table(_)
        | Tag::CodeBlock(_)
        | Tag::FootnoteDefinition(_)
        | Tag::HtmlBlock => Some(Block::Opaque),
        _ => None,
    }
}

fn is_container_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Item
            | TagEnd::Heading(_)
            | TagEnd::Table
            | TagEnd::CodeBlock
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::HtmlBlock
    )
}

/// Splits prose into sentences and remembers those without a reference.
///
/// A sentence ends at `.`, `!` or `?` (closing quotes and brackets may
/// follow) when whitespace and then something other than a lowercase letter
/// come next, or at the end of its paragraph or list item. References right
/// after the end (`… 2032.[^a]`) belong to the sentence before them.
#[derive(Debug, Default)]
struct Sentences {
    /// Body range of the current sentence's words, if it has any.
    words: Option<Range<usize>>,
    /// Fact ids the current sentence cites.
    refs: Vec<String>,
    /// Where each of `refs` is.
    ref_ranges: Vec<Range<usize>>,
    /// The references' ranges of every sentence closed so far.
    all_ref_ranges: Vec<Vec<Range<usize>>>,
    /// Every sentence closed so far, with its references.
    all: Vec<(Range<usize>, Vec<String>)>,
    /// The text of the current sentence so far.
    current: SentenceText,
    /// The text of every sentence closed so far.
    texts: Vec<SentenceText>,
    /// Terminal punctuation seen; `Some(true)` once whitespace followed it.
    ending: Option<bool>,
}

impl Sentences {
    fn text(&mut self, text: &str, range: Range<usize>, source: &str, out: &mut Vec<Range<usize>>) {
        // `text` may differ from the source (smart punctuation, escapes), so
        // positions are only approximate within the event; map them through
        // the source when it holds the same text.
        let exact = source.get(range.clone()) == Some(text);
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if exact && self.ending.is_none() {
                let run = plain_run(&bytes[i..]);
                if run > 0 {
                    self.plain(&text[i..i + run], range.start + i);
                    i += run;
                    continue;
                }
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let at = if exact { range.start + i } else { range.start };
            let end = if exact { at + c.len_utf8() } else { range.end };
            i += c.len_utf8();
            if c.is_whitespace() {
                if self.ending == Some(false) {
                    self.ending = Some(true);
                }
                self.push(c, at);
                continue;
            }
            if self.ending == Some(true) && !c.is_lowercase() {
                self.close(out);
            }
            if matches!(c, '\u{3002}' | '\u{FF0E}' | '\u{FF01}' | '\u{FF1F}') {
                // These full stops need no space after them.
                self.push(c, at);
                self.ending = Some(true);
                if let Some(words) = &mut self.words {
                    words.end = words.end.max(end);
                }
                continue;
            }
            self.push(c, at);
            if matches!(
                c,
                '.' | '!' | '?' | '\u{2026}' | '\u{203C}' | '\u{2047}'
                    ..='\u{2049}' | '\u{61F}' | '\u{964}' | '\u{965}'
            ) {
                self.ending.get_or_insert(false);
            } else if !matches!(c, '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}') {
                self.ending = None;
            }
            if c.is_alphanumeric() {
                let words = self.words.get_or_insert(at..end);
                words.end = words.end.max(end);
            } else if let Some(words) = &mut self.words {
                words.end = words.end.max(end);
            }
        }
    }

    /// A run of [`plain_run`] at body offset `at`, with no full stop
    /// pending: what [`Sentences::text`] does character by character, at
    /// once. Each character is pushed; the sentence's words start at its
    /// first letter or digit if they had not, and go on to its last
    /// character that is not a space (spaces do not extend them). No
    /// character of the run sets or ends a full stop.
    fn plain(&mut self, run: &str, at: usize) {
        let bytes = run.as_bytes();
        self.current.push_run(run, at);
        if self.words.is_none()
            && let Some(p) = bytes.iter().position(u8::is_ascii_alphanumeric)
        {
            self.words = Some(at + p..at + p + 1);
        }
        if let Some(words) = &mut self.words
            && let Some(q) = bytes.iter().rposition(|&b| b != b' ')
        {
            words.end = words.end.max(at + q + 1);
        }
    }

    fn push(&mut self, c: char, at: usize) {
        self.current.push_at(c.encode_utf8(&mut [0; 4]), at);
    }

    fn close(&mut self, out: &mut Vec<Range<usize>>) {
        let refs = std::mem::take(&mut self.refs);
        let ref_ranges = std::mem::take(&mut self.ref_ranges);
        // The next sentence is likely about as long as this one: room for
        // it saves growing its text and offsets from nothing.
        let room = self.current.text.len();
        let text = std::mem::replace(
            &mut self.current,
            SentenceText {
                text: String::with_capacity(room),
                offsets: Vec::with_capacity(room),
            },
        );
        if let Some(words) = self.words.take() {
            if refs.is_empty() {
                out.push(words.clone());
            }
            self.all.push((words, refs));
            self.texts.push(text);
            self.all_ref_ranges.push(ref_ranges);
        }
        self.ending = None;
    }
}

/// How many bytes `bytes` starts with that are ASCII spaces, or printable
/// ASCII but `.`, `!` and `?`: with no full stop pending, each of them only
/// adds itself to the sentence (closing quotes and brackets keep it so);
/// see [`Sentences::plain`].
fn plain_run(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|&b| !(b == b' ' || b.is_ascii_graphic()) || matches!(b, b'.' | b'!' | b'?'))
        .unwrap_or(bytes.len())
}
