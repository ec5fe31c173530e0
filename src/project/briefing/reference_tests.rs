//! The scan of Markdown against its definition before the runs of plain
//! ASCII were added at once: [`reference_scan`] is the old [`scan`], whose
//! sentences took their text character by character.

use super::*;
use proptest::prelude::*;

/// Scans Markdown (a briefing body or a note) for references, refused
/// constructs and, in the briefing's prose, unsourced sentences.
fn reference_scan(markdown: &str, body: Body) -> Scan {
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
                sentences.reference_text(&t, range, markdown, &mut scan.unsourced)
            }
            Event::SoftBreak | Event::HardBreak if in_prose(&stack) => {
                sentences.reference_text(" ", range, markdown, &mut scan.unsourced)
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

impl Sentences {
    fn reference_text(
        &mut self,
        text: &str,
        range: Range<usize>,
        source: &str,
        out: &mut Vec<Range<usize>>,
    ) {
        // `text` may differ from the source (smart punctuation, escapes), so
        // positions are only approximate within the event; map them through
        // the source when it holds the same text.
        let exact = source.get(range.clone()) == Some(text);
        for (i, c) in text.char_indices() {
            let at = if exact { range.start + i } else { range.start };
            let end = if exact { at + c.len_utf8() } else { range.end };
            if c.is_whitespace() {
                if self.ending == Some(false) {
                    self.ending = Some(true);
                }
                self.reference_push(c, at);
                continue;
            }
            if self.ending == Some(true) && !c.is_lowercase() {
                self.close(out);
            }
            if matches!(c, '\u{3002}' | '\u{FF0E}' | '\u{FF01}' | '\u{FF1F}') {
                // These full stops need no space after them.
                self.reference_push(c, at);
                self.ending = Some(true);
                if let Some(words) = &mut self.words {
                    words.end = words.end.max(end);
                }
                continue;
            }
            self.reference_push(c, at);
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

    fn reference_push(&mut self, c: char, at: usize) {
        self.current.text.push(c);
        // A body is at most 8 MiB (the file limit): offsets fit in a u32.
        let at = u32::try_from(at).unwrap_or(u32::MAX);
        self.current
            .offsets
            .extend(std::iter::repeat_n(at, c.len_utf8()));
    }
}

/// Pieces of Markdown prose: words in both cases and digits, full stops and
/// what may follow them, spaces in runs, line breaks and paragraphs,
/// references, quotes that smart punctuation rewrites, escapes, emphasis,
/// code, links, list items and headings, and text outside ASCII.
const PIECES: &[&str] = &[
    "word",
    "Word",
    "eBay",
    "x",
    "I",
    "42",
    "7.5",
    "$1",
    "5%",
    "a,b",
    "(",
    ")",
    "[",
    "]",
    " ",
    " ",
    "  ",
    "   ",
    "\n",
    "\n\n",
    "\t",
    ".",
    ". ",
    "! ",
    "? ",
    "...",
    "\"",
    "'",
    "’",
    "“",
    "”",
    "—",
    "…",
    "。",
    "é",
    "Été",
    "中",
    "[^a]",
    "[^b]",
    " [^a]",
    "\\*",
    "*em*",
    "**b**",
    "`code`",
    "[link](https://x.example/a)",
    "\n- ",
    "\n\n- ",
    "\n\n# ",
    "\n\n> ",
    ";",
    ":",
    "-",
    "e.g.",
    "U.S.",
    "[3]",
    "\u{A0}",
    "\u{2028}",
    "&amp;",
    "<b>",
    "\r\n",
];

fn markdown() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// The scan adds runs of plain ASCII at once and finds what the scan
    /// character by character found: the same sentences, texts, offsets,
    /// references and unsourced ranges.
    #[test]
    fn scan_equals_the_reference(md in markdown()) {
        prop_assert_eq!(scan(&md, Body::Briefing), reference_scan(&md, Body::Briefing));
        prop_assert_eq!(scan(&md, Body::Note), reference_scan(&md, Body::Note));
    }
}

#[test]
fn scan_equals_the_reference_on_examples() {
    for md in [
        "",
        "One claim.[^a] Not cited. Cited.[^b]\n",
        "**2019:** it cost [$1 billion](https://x.example/21082).[^a] Next\nline.[^b]\n",
        "It made $7.5 billion. e.g. this continues.[^a]\n",
        "Words  with   spaces   .  Then \"quoted.\" And (this.) Done.[^a]\n",
        "- item one[^a]\n- item two\n\n# Heading\n\nText。Next.[^b]\n",
    ] {
        assert_eq!(
            scan(md, Body::Briefing),
            reference_scan(md, Body::Briefing),
            "{md:?}"
        );
    }
}
