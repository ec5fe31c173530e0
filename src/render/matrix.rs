//! The matrix of facts by source.

use super::*;

#[derive(Serialize)]
pub(super) struct Matrix {
    pub(super) columns: Vec<String>,
    pub(super) rows: Vec<MatrixRow>,
}

#[derive(Serialize)]
pub(super) struct MatrixRow {
    pub(super) number: usize,
    pub(super) id: String,
    /// A short label: the claim's first words, typographic.
    pub(super) label: String,
    pub(super) status: Status,
    /// One cell per source: `supports`, `disputes` or ``.
    pub(super) cells: Vec<&'static str>,
}

/// The words a matrix row label keeps of its claim.
pub(super) const LABEL_WORDS: usize = 8;

/// A short human label for a fact: the first [`LABEL_WORDS`] words of its
/// claim, with an ellipsis when cut, and the prose's typography.
pub(super) fn short_label(claim: &str) -> String {
    let words: Vec<&str> = claim.split_whitespace().collect();
    let mut label = words[..words.len().min(LABEL_WORDS)].join(" ");
    if words.len() > LABEL_WORDS {
        label = label
            .trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '%' && c != ')')
            .to_string();
        label.push('…');
    }
    typographic(&label)
}

/// The prose's typography (Markdown smart punctuation) for plain text:
/// straight quotes become curly, `---` an em dash, `--` an en dash, `...` an
/// ellipsis. A quotation mark opens at the start, after a space or an
/// opening bracket or dash, and closes elsewhere; an apostrophe inside a word
/// is a right single quote.
pub fn typographic(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // `text[run..i]` is copied as it is; every replacement starts at an
    // ASCII byte, so `i` is always on a character boundary.
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (piece, len) = match bytes[i] {
            b'-' if bytes[i..].starts_with(b"---") => ("—", 3),
            b'-' if bytes[i..].starts_with(b"--") => ("–", 2),
            b'.' if bytes[i..].starts_with(b"...") => ("…", 3),
            quote @ (b'"' | b'\'') => {
                out.push_str(&text[run..i]);
                run = i;
                let opens = out
                    .chars()
                    .next_back()
                    .is_none_or(|p| p.is_whitespace() || "([{—–-/“‘".contains(p));
                match (quote, opens) {
                    (b'"', true) => ("“", 1),
                    (b'"', false) => ("”", 1),
                    (_, true) => ("‘", 1),
                    (_, false) => ("’", 1),
                }
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[run..i]);
        out.push_str(piece);
        i += len;
        run = i;
    }
    out.push_str(&text[run..]);
    out
}

/// The most sources the corroboration matrix has columns for; a larger
/// project gets no matrix (each note's badge still gives its corroboration).
pub const MATRIX_MAX_SOURCES: usize = 12;

pub(super) fn matrix(site: &Site, cited: &[&Arc<SiteFact>]) -> Matrix {
    if site.sources.len() > MATRIX_MAX_SOURCES {
        return Matrix {
            columns: Vec::new(),
            rows: Vec::new(),
        };
    }
    Matrix {
        columns: site.sources.iter().map(|s| s.key.clone()).collect(),
        rows: cited
            .iter()
            .map(|f| MatrixRow {
                number: f.number.unwrap_or_default(),
                id: f.id.clone(),
                label: short_label(&f.claim),
                status: f.status,
                cells: site
                    .sources
                    .iter()
                    .map(|s| {
                        if f.conflicts.iter().any(|q| q.source == s.key) {
                            "disputes"
                        } else if f.sources.iter().any(|q| q.source == s.key) {
                            "supports"
                        } else {
                            ""
                        }
                    })
                    .collect(),
            })
            .collect(),
    }
}
