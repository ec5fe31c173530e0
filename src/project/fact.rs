//! Facts, as written in `content/facts/**/*.yaml`.

use crate::diagnostic::Span;
use crate::project::fast_yaml::{self, Map, Scalar, Value};
use crate::project::yaml::YamlText;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::path::Path;
use std::sync::Arc;

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
/// the file to serde-saphyr (then [`parse_fact_file`] reads it, and reports
/// what is wrong with it). Gives the same facts as serde-saphyr.
fn fast_facts(path: &Path, text: &str) -> Option<Vec<Fact>> {
    fast_facts_with_layout(path, text).map(|(facts, _)| facts)
}

/// [`fast_facts`], and where the facts start in the file.
fn fast_facts_with_layout(path: &Path, text: &str) -> Option<(Vec<Fact>, fast_yaml::Layout)> {
    let (items, layout) = fast_yaml::read_with_layout(text, SHAPE)?;
    Some((fast_yaml::each(items, |map| fact_of(path, map))?, layout))
}

/// A fact file's facts as parsed, with where the fast reader found them
/// when it read the file (for [`reparse_facts`]).
pub(crate) type ParsedFile = (
    Result<Vec<Arc<Fact>>, Box<crate::diagnostic::Diagnostic>>,
    Option<Arc<fast_yaml::Layout>>,
);

/// Parses the fact file `path`. A file that does not parse is one
/// diagnostic. The fast reader reads the files it is sure of (and gives
/// where their facts start); serde-saphyr reads the others, with the same
/// result.
pub(crate) fn parse_fact_file(path: &Path, text: &str) -> ParsedFile {
    if let Some((facts, layout)) = fast_facts_with_layout(path, text) {
        return (
            Ok(facts.into_iter().map(Arc::new).collect()),
            Some(Arc::new(layout)),
        );
    }
    let facts = parse_facts_saphyr(&YamlText::whole(path, text), "invalid fact file");
    (
        facts.map(|facts| facts.into_iter().map(Arc::new).collect()),
        None,
    )
}

/// Parses `text`, an edit of the fact file `path` whose text `old` the fast
/// reader read as `facts` (at `layout`): only the facts from the one
/// before the edit to the end of the edit are read again; those before are
/// kept, those after kept with their spans moved. Gives what
/// [`parse_fact_file`] gives for `text`, and the number of facts read
/// again; or `None` (the caller then parses the whole file).
pub(crate) fn reparse_facts(
    path: &Path,
    (old, facts, layout): (&str, &[Arc<Fact>], &fast_yaml::Layout),
    text: &str,
) -> Option<(Vec<Arc<Fact>>, fast_yaml::Layout, usize)> {
    let read = fast_yaml::reread(old, layout, text, SHAPE)?;
    let mut out = Vec::with_capacity(read.layout.len());
    let again = read.items.len();
    out.extend_from_slice(&facts[..read.before]);
    for map in read.items {
        out.push(Arc::new(fact_of(path, map)?));
    }
    out.extend(
        facts[read.after..]
            .iter()
            .map(|f| Arc::new(moved(f, read.shift))),
    );
    Some((out, read.layout, again))
}

/// `fact` with every span `shift` bytes further on.
fn moved(fact: &Fact, shift: isize) -> Fact {
    let span = |s: &Span| Span {
        path: s.path.clone(),
        range: (s.range.start as isize + shift) as usize..(s.range.end as isize + shift) as usize,
    };
    let text = |t: &Text| Text {
        value: t.value.clone(),
        span: span(&t.span),
    };
    let citation = |c: &Citation| Citation {
        source: text(&c.source),
        quote: text(&c.quote),
        note: c.note.as_ref().map(text),
        attributed_to: c.attributed_to.as_ref().map(text),
        origin: c.origin.as_ref().map(text),
        span: span(&c.span),
    };
    Fact {
        id: text(&fact.id),
        claim: text(&fact.claim),
        sources_span: span(&fact.sources_span),
        sources: fact.sources.iter().map(citation).collect(),
        conflicts: fact.conflicts.iter().map(citation).collect(),
        note: fact.note.as_ref().map(text),
    }
}

/// One item of a fact file read by the fast reader, as a fact, or `None`
/// when it is not one (the file is then left to serde-saphyr).
fn fact_of(path: &Path, map: Map) -> Option<Fact> {
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
    let (mut id, mut claim, mut note, mut sources, mut conflicts) = (None, None, None, None, None);
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
}

/// Parses the text of a fact file named `path` (for tests and fuzzing).
pub fn parse_facts_str(
    path: &std::path::Path,
    text: &str,
) -> Result<Vec<Fact>, Box<crate::diagnostic::Diagnostic>> {
    let (facts, _) = parse_fact_file(path, text);
    facts.map(|facts| facts.into_iter().map(Arc::unwrap_or_clone).collect())
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
