//! Reading YAML with serde-saphyr, turning its errors and spans into ours.
//!
//! Limits and refusals, each a diagnostic in our own words:
//! - **Tags** (`!!binary`, `!!str`, `!custom` …) are refused: a `!!binary`
//!   quote is invisible in the file and in diffs, and other tags would be
//!   silently ignored. What the file shows is what is checked.
//! - **Size**: serde-saphyr's default budget applies to each file: at most
//!   250,000 nodes (every list, mapping and value counts; a fact of one
//!   source is about a dozen, so about 20,000 facts per file), 64 levels of
//!   nesting, 50,000 aliases and 50,000 anchors, one document per file.

use crate::diagnostic::{Diagnostic, Span, offset_of};
use serde::de::DeserializeOwned;
use serde_saphyr::{Location, Spanned};
use std::path::Path;

/// A YAML file's text placed at `base` bytes into the file it came from
/// (non-zero for front matter).
pub struct YamlText<'a> {
    pub path: &'a Path,
    /// The whole file (for turning line/column into a byte offset).
    pub file_text: &'a str,
    /// Where the YAML starts in the file.
    pub base: usize,
}

impl<'a> YamlText<'a> {
    /// A file that is YAML from its first byte.
    pub fn whole(path: &'a Path, file_text: &'a str) -> YamlText<'a> {
        YamlText {
            path,
            file_text,
            base: 0,
        }
    }

    fn yaml(&self, end: usize) -> &str {
        &self.file_text[self.base..end]
    }

    /// Parses `self.file_text[base..end]`, or returns a diagnostic at the
    /// location serde-saphyr reports.
    pub fn parse<T: DeserializeOwned>(&self, end: usize, what: &str) -> Result<T, Box<Diagnostic>> {
        let yaml = self.yaml(end);
        match first_refused(yaml) {
            Some(Refused::Tag(tag, at)) => {
                let offset = self.base + at;
                let len = tag_len(&self.file_text[offset..]);
                return Err(Box::new(
                    Diagnostic::error("yaml", format!("{what}: the YAML tag `{tag}` is not allowed"))
                        .at(Span::new(self.path, offset..offset + len), "a tag")
                        .help("remove the tag and write the value as plain text: sourced refuses YAML tags, so that what the file shows is what is checked"),
                ));
            }
            Some(Refused::Control(c, at)) => {
                return Err(Box::new(crate::project::read::control_refused(
                    self.path,
                    self.base + at,
                    c,
                )));
            }
            None => {}
        }
        serde_saphyr::from_str::<T>(yaml).map_err(|e| {
            let (message, help) = ours(e.without_snippet());
            let (line, col) = e
                .location()
                .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
            let offset = self.base + offset_of(yaml, line.max(1), col.max(1));
            let label = match message.split_once(',') {
                Some((head, _)) if head.starts_with("unknown field") => head.to_string(),
                _ => message.clone(),
            };
            Box::new(
                Diagnostic::error("yaml", format!("{what}: {message}"))
                    .at(
                        Span::new(
                            self.path,
                            offset..offset + token_len(&self.file_text[offset..]),
                        ),
                        label,
                    )
                    .help(help),
            )
        })
    }

    /// The byte range of a spanned value in the file.
    pub fn span<T>(&self, s: &Spanned<T>) -> Span {
        Span::new(self.path, self.range(&s.referenced))
    }

    fn range(&self, loc: &Location) -> std::ops::Range<usize> {
        let sp = loc.span();
        match (sp.byte_offset(), sp.byte_len()) {
            (Some(o), Some(l)) => {
                let start = self.base + o as usize;
                let end = (start + l as usize).min(self.file_text.len());
                trimmed_span(self.file_text, start, end)
            }
            _ => {
                let yaml = self.yaml(self.file_text.len());
                let o = self.base + offset_of(yaml, loc.line() as usize, loc.column() as usize);
                o..o
            }
        }
    }
}

/// The span of a value written at `start..end` of `file_text`: block
/// scalars include trailing indentation, which is trimmed; a value is at
/// least one byte long when its range is.
pub(crate) fn trimmed_span(file_text: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let trimmed = file_text[start..end].trim_end().len();
    start..start + trimmed.max(1).min(end - start)
}

/// What the event scan refuses: a tag as written, or a control character
/// written as an escape (`"\x01"`), with the byte offset of the node.
#[derive(Debug, PartialEq, Eq)]
enum Refused {
    Tag(String, usize),
    Control(char, usize),
}

/// The first explicit tag in `yaml`, or control character in a scalar's
/// value. Only text with a `!` can have a tag, and only text with one of
/// the escapes below can write a control character (raw ones are refused
/// with the file), so other files are not scanned. A syntax error ends the
/// scan: serde-saphyr reports it.
fn first_refused(yaml: &str) -> Option<Refused> {
    use granit_parser::{Event, Parser};
    // `\x01`, `\u0001`, `\U…`, `\0`, `\a`, `\b`, `\e`, `\f`, `\v` and `\N`
    // (U+0085) are the escapes that can write a control character.
    let escape = yaml
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'\\' && b"xuU0abefvN".contains(&w[1]));
    if !escape && !yaml.contains('!') {
        return None;
    }
    for event in Parser::new_from_str(yaml) {
        let Ok((event, span)) = event else {
            return None;
        };
        let start = span.start.byte_offset().unwrap_or(0).min(yaml.len());
        let (tagged, value) = match &event {
            Event::Scalar(value, _, _, tag) => (tag.is_some(), Some(value)),
            Event::SequenceStart(_, _, tag) | Event::MappingStart(_, _, tag) => {
                (tag.is_some(), None)
            }
            _ => (false, None),
        };
        if tagged {
            // The node's span may start at its value: the tag is the word
            // holding the last `!` up to there.
            let bang = if yaml.get(start..).is_some_and(|r| r.starts_with('!')) {
                start
            } else {
                yaml.get(..start).and_then(|h| h.rfind('!')).unwrap_or(0)
            };
            let at = yaml[..bang]
                .rfind(|c: char| c.is_whitespace() || "[{,".contains(c))
                .map_or(0, |j| j + 1);
            let tag: String = yaml[at..]
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != ',' && *c != ']' && *c != '}')
                .collect();
            return Some(Refused::Tag(tag, at));
        }
        if let Some(c) = value.and_then(|v| {
            v.chars()
                .find(|&c| crate::project::read::is_refused_control(c))
        }) {
            return Some(Refused::Control(c, start));
        }
    }
    None
}

fn tag_len(rest: &str) -> usize {
    rest.find(|c: char| c.is_whitespace() || c == ',' || c == ']' || c == '}')
        .unwrap_or(rest.len())
        .max(1)
}

/// An error in our own words, with the help to fix it. Messages of
/// serde-saphyr that name its own API are replaced.
fn ours(e: &serde_saphyr::Error) -> (String, String) {
    use serde_saphyr::{Error, budget::BudgetBreach};
    let split = "split the file (facts may be spread over several files in content/facts)";
    match e {
        Error::DuplicateMappingKey { key, .. } => (
            match key {
                Some(k) => format!("the key `{k}` appears twice in the same mapping"),
                None => "a key appears twice in the same mapping".to_string(),
            },
            "keep one of the two; for a second fact, start a new list item with `- id:`".into(),
        ),
        Error::MultipleDocuments { .. } => (
            "the file holds more than one YAML document (a `---` line)".into(),
            "remove the `---` line: each file holds one YAML document".into(),
        ),
        Error::Budget { breach, .. } => match breach {
            BudgetBreach::Nodes { .. } => (
                "the file has more than 250,000 YAML nodes, the limit per file (about 20,000 facts)".into(),
                format!("{split}; README.md lists the limits"),
            ),
            BudgetBreach::Depth { .. } => (
                "the YAML is nested more than 64 levels deep".into(),
                "fix the nesting; see the file formats in README.md".into(),
            ),
            BudgetBreach::Aliases { .. } | BudgetBreach::AliasAnchorRatio { .. } => (
                "the file uses more aliases (`*name`) than sourced allows".into(),
                "write the values out instead of repeating them with aliases".into(),
            ),
            _ => (
                "the file is over one of sourced's YAML size limits".into(),
                format!("{split}; README.md lists the limits"),
            ),
        },
        other => {
            let message = strip_location(&other.to_string());
            let help = help_for(&message);
            (message, help)
        }
    }
}

fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn token_len(rest: &str) -> usize {
    rest.find(|c: char| c == ':' || c.is_whitespace())
        .unwrap_or(rest.len())
        .max(rest.chars().next().map_or(0, char::len_utf8))
}

fn help_for(message: &str) -> String {
    if message.starts_with("unknown field") {
        "remove the field or correct its spelling; the fields allowed here are listed above".into()
    } else if message.starts_with("missing field") {
        "add the field; see the file formats in README.md".into()
    } else {
        "fix the YAML at this place; see the file formats in README.md".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_found_where_they_are_written() {
        for (yaml, tag, at) in [
            ("- id: !!binary aGVsbG8=\n", "!!binary", 6),
            ("- id: a\n  quote: !custom x\n", "!custom", 17),
            ("- !!map {id: a}\n", "!!map", 2),
            ("- id: a\n  sources: !!seq\n    - x\n", "!!seq", 19),
            ("- id: [!<tag:yaml.org,2002:str> x]\n", "!<tag:yaml.org", 7),
            ("- id: \"x\"\n  q: ! y\n", "!", 15),
            (
                "%TAG !e! tag:example.com,2000:\n---\n- id: !e!foo x\n",
                "!e!foo",
                41,
            ),
        ] {
            assert_eq!(
                first_refused(yaml),
                Some(Refused::Tag(tag.to_string(), at)),
                "{yaml}"
            );
        }
        for yaml in [
            "- claim: Wow! It works!\n",
            "- q: \"!!binary\"\n",
            "# !tag\n- a\n",
        ] {
            assert_eq!(first_refused(yaml), None, "{yaml}");
        }
    }

    #[test]
    fn control_characters_written_as_escapes_are_found() {
        assert_eq!(
            first_refused("- claim: \"a\\x00b\"\n"),
            Some(Refused::Control('\0', 9))
        );
        assert_eq!(
            first_refused("- claim: \"a\\u001bb\"\n"),
            Some(Refused::Control('\u{1b}', 9))
        );
        assert_eq!(first_refused("- claim: \"tab\\there \\\"q\\\"\"\n"), None);
    }
}
