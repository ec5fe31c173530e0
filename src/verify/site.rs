//! The verified site: the plain data every later stage reads (render, export,
//! review). Built by [`super::verify`] from a loaded project.

use super::*;

/// A verified project: everything the renderer needs, as plain data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub title: String,
    pub summary: String,
    pub updated: Option<String>,
    /// The Markdown body of the briefing.
    pub body: String,
    /// Shared with the verify cache: unchanged since serve's last run, the
    /// same `Arc`, which later stages compare by pointer.
    pub sources: Arc<Vec<SiteSource>>,
    /// Facts in the order of their files and positions. Shared: a fact
    /// unchanged since serve's last run is the very same `Arc` (see
    /// `VerifyCache`), so every memo after verification compares pointers.
    pub facts: Vec<Arc<SiteFact>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SiteSource {
    pub key: String,
    pub file: String,
    pub title: String,
    pub publisher: String,
    /// The short name the prose uses (`name:` in the manifest), if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub url: Option<String>,
    pub sha256: String,
    /// The seed's text, shared with the project's seed (not a copy).
    #[serde(skip)]
    pub text: Arc<str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Corroborated,
    SingleSource,
    Disputed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFact {
    pub id: String,
    pub claim: String,
    pub note: Option<String>,
    /// Footnote number, in order of first citation; `None` when uncited.
    pub number: Option<usize>,
    pub sources: Vec<SiteQuote>,
    pub conflicts: Vec<SiteQuote>,
    pub status: Status,
    /// How many distinct sources support the fact.
    pub corroboration: usize,
    /// Its sources counted by seed and by independent origin.
    pub counts: super::origins::Counts,
    /// How many times the briefing cites the fact.
    pub uses: usize,
    /// The numbers of its notes that neither its claim nor its quotes
    /// state: each must be stated by another fact's claim (rule 10).
    pub note_numbers: Vec<NoteNumber>,
}

/// A number in a note of a fact (its own, a quote's or a conflict's), as
/// the reader sees it, and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteNumber {
    pub number: crate::text::numbers::Number,
    pub written: String,
    pub span: crate::diagnostic::Span,
}

/// A quote located in its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteQuote {
    pub source: String,
    pub quote: String,
    pub note: Option<String>,
    /// Byte ranges in the seed file of each piece (several with elisions).
    pub pieces: Vec<Range<usize>>,
    pub line: usize,
    pub column: usize,
    /// Where its information comes from (set after every fact is checked).
    pub provenance: super::origins::Provenance,
}

impl SiteQuote {
    pub fn start(&self) -> usize {
        self.pieces.first().map_or(0, |r| r.start)
    }
    pub fn end(&self) -> usize {
        self.pieces.last().map_or(0, |r| r.end)
    }
}

/// A source ready for matching.
pub(super) struct Indexed<'a> {
    pub(super) key: &'a str,
    pub(super) text: &'a str,
    pub(super) file_path: PathBuf,
    pub(super) norm: Arc<Searchable>,
    /// Names this exact text at this path (see [`VerifyCache`]).
    pub(super) id: u64,
    /// See [`document_fingerprint`].
    pub(super) fingerprint: u64,
    /// The text's first bidirectional control and its offset.
    pub(super) bidi: Option<(usize, char)>,
}
