//! `sourced find "phrase"`: search every seed with the same matcher and
//! normalisation as `check`, and offer each match as a ready-to-paste quote.

use crate::diagnostic::{display_path, line_col};
use crate::project::Project;
use crate::text::quote_match::{self, Quote, Searchable};
use std::path::PathBuf;

/// How many matches of one phrase are reported at most, per source.
pub const LIMIT: usize = 50;
/// Characters of context shown on each side of a match.
const CONTEXT: usize = 60;

/// One match of the phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub key: String,
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    /// The original text of each piece, exactly as the seed has it.
    pub pieces: Vec<String>,
    /// Context before and after the whole match, on one line.
    pub before: String,
    pub after: String,
}

/// Every match of `phrase` in every source of the manifest, in manifest
/// order.
pub fn find(project: &Project, phrase: &str) -> Vec<Found> {
    let quote = Quote::parse(phrase);
    if quote.has_empty_piece() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for entry in project.manifest.iter() {
        let seed = project.seeds.iter().find(|s| s.name == entry.file.value);
        let Some((path, text)) = seed.and_then(|s| Some((&s.path, s.text.as_deref()?))) else {
            continue;
        };
        let source = Searchable::new(text);
        for placement in quote_match::find_all(&source, &quote, LIMIT) {
            let ranges: Vec<_> = placement
                .into_iter()
                .map(|r| source.norm.original_range(r))
                .collect();
            let (start, end) = (ranges[0].start, ranges[ranges.len() - 1].end);
            let (line, column) = line_col(text, start);
            out.push(Found {
                key: entry.key.value.clone(),
                path: path.clone(),
                line,
                column,
                pieces: ranges.iter().map(|r| one_line(&text[r.clone()])).collect(),
                before: one_line(tail(&text[..start], CONTEXT)),
                after: one_line(head(&text[end..], CONTEXT)),
            });
        }
    }
    out
}

fn tail(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &s[start..]
}

fn head(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// Whitespace runs (line breaks included) as single spaces, ends kept; the
/// normalisation treats them alike, so the quote still matches.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// A YAML double-quoted scalar.
pub fn yaml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The report `sourced find` prints.
pub fn report(phrase: &str, found: &[Found]) -> String {
    let mut out = String::new();
    let words = Quote::parse(phrase).word_count();
    for f in found {
        out.push_str(&format!(
            "{} {}:{}:{}\n  …{}»{}«{}…\n",
            f.key,
            display_path(&f.path),
            f.line,
            f.column,
            f.before,
            f.pieces.join(" … "),
            f.after
        ));
        out.push_str(&format!(
            "- source: {}\n  quote: {}\n\n",
            f.key,
            yaml_string(&f.pieces.join(" ... "))
        ));
    }
    let n = found.len();
    out.push_str(&format!(
        "{n} match{} for {}\n",
        if n == 1 { "" } else { "es" },
        yaml_string(phrase)
    ));
    if n > 1 {
        out.push_str("note: a quote must match one place only; add words to tell these apart\n");
    }
    if words < quote_match::MIN_WORDS {
        out.push_str(&format!(
            "note: a quote needs at least {} words; this phrase has {words}\n",
            quote_match::MIN_WORDS
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_strings_escape_quotes_and_backslashes() {
        assert_eq!(yaml_string(r#"say "hi" \ now"#), r#""say \"hi\" \\ now""#);
        assert_eq!(
            yaml_string("curly “quotes” stay"),
            "\"curly “quotes” stay\""
        );
    }

    #[test]
    fn context_is_cut_on_characters() {
        assert_eq!(tail("ab’cd", 3), "’cd");
        assert_eq!(head("ab’cd", 3), "ab’");
    }
}
