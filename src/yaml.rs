//! Reading YAML with serde-saphyr, turning its errors and spans into ours.

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
        serde_saphyr::from_str::<T>(yaml).map_err(|e| {
            let plain = e.without_snippet().to_string();
            let message = strip_location(&plain);
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
                    .help(help_for(&message)),
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
                // Block scalars include trailing indentation; trim it.
                let end = (start + l as usize).min(self.file_text.len());
                let trimmed = self.file_text[start..end].trim_end().len();
                start..start + trimmed.max(1).min(end - start)
            }
            _ => {
                let yaml = self.yaml(self.file_text.len());
                let o = self.base + offset_of(yaml, loc.line() as usize, loc.column() as usize);
                o..o
            }
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
