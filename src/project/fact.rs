//! Facts, as written in `content/facts/**/*.yaml`.

use crate::diagnostic::Span;
use crate::project::yaml::YamlText;
use serde::Deserialize;
use serde_saphyr::Spanned;

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

/// Parses one fact file. A file that does not parse is one diagnostic.
pub fn parse_facts(
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

/// Parses the text of a fact file named `path` (for tests and fuzzing).
pub fn parse_facts_str(
    path: &std::path::Path,
    text: &str,
) -> Result<Vec<Fact>, Box<crate::diagnostic::Diagnostic>> {
    parse_facts(&YamlText::whole(path, text), "invalid fact file")
}
