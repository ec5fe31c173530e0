//! Facts, as written in `content/facts/**/*.yaml`.

use crate::diagnostic::Span;
use crate::project::fast_yaml::{self, Map, Scalar, Value};
use crate::project::yaml::YamlText;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::path::Path;

/// One entry of a fact file, as deserialised.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FactEntry {
    id: Spanned<String>,
    claim: Spanned<String>,
    sources: Spanned<Vec<CitationEntry>>,
    #[serde(default)]
    conflicts: Vec<CitationEntry>,
    #[serde(default)]
    note: Option<Spanned<String>>,
}

/// A supporting or a disputing quote, as deserialised.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CitationEntry {
    source: Spanned<String>,
    quote: Spanned<String>,
    #[serde(default)]
    attributed_to: Option<Spanned<String>>,
    #[serde(default)]
    origin: Option<Spanned<String>>,
    /// Required for a conflict, but optional here: a missing note is
    /// `conflict-without-note`, with its fix, rather than a bare YAML error.
    #[serde(default)]
    note: Option<Spanned<String>>,
}

/// A text value and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    pub span: Span,
}

/// A quote from a source, supporting a fact or (with a note) disputing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub source: Text,
    pub quote: Text,
    /// For a conflict (required there): how this source differs. For a
    /// supporting quote: the editor's note, required when `origin` is given
    /// without `attributed_to`.
    pub note: Option<Text>,
    /// The seed's own words of attribution ("according to CNBC"), which
    /// must appear verbatim in the same seed: the quote is second-hand.
    pub attributed_to: Option<Text>,
    /// The independent origin the quote's information comes from, when it
    /// is not the seed's own origin.
    pub origin: Option<Text>,
    /// Where the item starts (its `source:`), for diagnostics about the
    /// item as a whole.
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub id: Text,
    pub claim: Text,
    /// Where the `sources:` list is, for a fact with none.
    pub sources_span: Span,
    pub sources: Vec<Citation>,
    pub conflicts: Vec<Citation>,
    pub note: Option<Text>,
}

/// What the fast reader reads in a fact file: mappings of at most five
/// keys (a fact's `id`, `claim`, `sources`, `conflicts`, `note`; a
/// citation's five fields), and no plain scalar starting with a digit.
const SHAPE: fast_yaml::Shape = fast_yaml::Shape {
    max_keys: 5,
    digit_words: false,
};

/// Parses one fact file. A file that does not parse is one diagnostic.
/// The fast reader reads the files it is sure of; serde-saphyr reads the
/// others, with the same result.
pub fn parse_facts(
    yaml: &YamlText,
    what: &str,
) -> Result<Vec<Fact>, Box<crate::diagnostic::Diagnostic>> {
    if yaml.base == 0
        && let Some(facts) = fast_facts(yaml.path, yaml.file_text)
    {
        return Ok(facts);
    }
    parse_facts_saphyr(yaml, what)
}

/// Parses one fact file with serde-saphyr.
fn parse_facts_saphyr(
    yaml: &YamlText,
    what: &str,
) -> Result<Vec<Fact>, Box<crate::diagnostic::Diagnostic>> {
    let entries: Vec<FactEntry> = yaml.parse(yaml.file_text.len(), what)?;
    let text = |s: &Spanned<String>| Text {
        value: s.value.clone(),
        span: yaml.span(s),
    };
    let citation = |c: &CitationEntry| Citation {
        source: text(&c.source),
        quote: text(&c.quote),
        note: c.note.as_ref().map(text),
        attributed_to: c.attributed_to.as_ref().map(text),
        origin: c.origin.as_ref().map(text),
        span: yaml.span(&c.source),
    };
    Ok(entries
        .iter()
        .map(|e| Fact {
            id: text(&e.id),
            claim: text(&e.claim),
            sources_span: yaml.span(&e.sources),
            sources: e.sources.value.iter().map(citation).collect(),
            conflicts: e.conflicts.iter().map(citation).collect(),
            note: e.note.as_ref().map(text),
        })
        .collect())
}

/// The facts of `text` read by the fast reader, or `None` when it leaves
/// the file to serde-saphyr (then [`parse_facts`] reads it, and reports
/// what is wrong with it). Gives the same facts as serde-saphyr.
fn fast_facts(path: &Path, text: &str) -> Option<Vec<Fact>> {
    let text_of = |s: Scalar| Text {
        value: s.value,
        span: Span::new(path, s.span),
    };
    let citation = |map: Map| -> Option<Citation> {
        let (mut source, mut quote, mut note, mut attributed_to, mut origin) =
            (None, None, None, None, None);
        for (key, value) in map {
            let Value::Str(s) = value else { return None };
            let field = match key {
                "source" => &mut source,
                "quote" => &mut quote,
                "note" => &mut note,
                "attributed_to" => &mut attributed_to,
                "origin" => &mut origin,
                _ => return None,
            };
            *field = Some(text_of(s));
        }
        let source: Text = source?;
        Some(Citation {
            span: source.span.clone(),
            source,
            quote: quote?,
            note,
            attributed_to,
            origin,
        })
    };
    let fact = |map: Map| -> Option<Fact> {
        let (mut id, mut claim, mut note, mut sources, mut conflicts) =
            (None, None, None, None, None);
        for (key, value) in map {
            match (key, value) {
                ("id", Value::Str(s)) => id = Some(text_of(s)),
                ("claim", Value::Str(s)) => claim = Some(text_of(s)),
                ("note", Value::Str(s)) => note = Some(text_of(s)),
                ("sources", Value::Seq(at, items)) => {
                    sources = Some((at, fast_yaml::each(items, citation)?));
                }
                ("conflicts", Value::Seq(_, items)) => {
                    conflicts = Some(fast_yaml::each(items, citation)?);
                }
                _ => return None,
            }
        }
        let (at, sources) = sources?;
        Some(Fact {
            id: id?,
            claim: claim?,
            sources_span: Span::new(path, at..at),
            sources,
            conflicts: conflicts.unwrap_or_default(),
            note,
        })
    };
    fast_yaml::each(fast_yaml::read(text, SHAPE)?, fact)
}

/// Parses the text of a fact file named `path` (for tests and fuzzing).
pub fn parse_facts_str(
    path: &std::path::Path,
    text: &str,
) -> Result<Vec<Fact>, Box<crate::diagnostic::Diagnostic>> {
    parse_facts(&YamlText::whole(path, text), "invalid fact file")
}

/// Whether the fast reader reads `text` itself rather than leaving it to
/// serde-saphyr (for tests: ordinary fact files must not be left to it).
#[doc(hidden)]
pub fn read_by_fast_reader(text: &str) -> bool {
    fast_facts(Path::new("facts.yaml"), text).is_some()
}

#[cfg(test)]
#[path = "fact_tests.rs"]
mod tests;
