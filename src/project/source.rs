//! Sources: the manifest `seeds/sources.yaml` and the seed files it names.

use crate::project::fact::Text;
use crate::project::yaml::YamlText;
use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceEntry {
    key: Spanned<String>,
    file: Spanned<String>,
    title: Spanned<String>,
    publisher: Spanned<String>,
    #[serde(default)]
    url: Option<Spanned<String>>,
    sha256: Spanned<String>,
    #[serde(default)]
    name: Option<Spanned<String>>,
    #[serde(default)]
    based_on: Option<Spanned<String>>,
}

/// One manifest entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestEntry {
    pub key: Text,
    pub file: Text,
    pub title: Text,
    pub publisher: Text,
    pub url: Option<Text>,
    pub sha256: Text,
    /// The short name the prose and badges use for this source (`Scout`).
    pub name: Option<Text>,
    /// The origin the whole document relays (`Dataconomy`); a source's
    /// origin is this when given, else the source itself.
    pub based_on: Option<Text>,
}

/// A file found directly inside `seeds/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedFile {
    pub name: String,
    /// The path diagnostics show (see [`crate::project::read::project_path`]).
    pub path: std::path::PathBuf,
    /// The file's bytes: the same allocation as `text` when it is UTF-8.
    pub bytes: std::sync::Arc<[u8]>,
    /// The bytes as text, when they are UTF-8; the project's `files` hold the
    /// same text (not a copy) for diagnostics.
    pub text: Option<std::sync::Arc<str>>,
    /// A symbolic link is refused: a seed must be a file of the project.
    pub is_symlink: bool,
    /// Refused when loading (over the size limit); already reported.
    pub too_large: bool,
}

pub fn parse_manifest(
    yaml: &YamlText,
) -> Result<Vec<ManifestEntry>, Box<crate::diagnostic::Diagnostic>> {
    let entries: Vec<SourceEntry> = yaml.parse(yaml.file_text.len(), "invalid source manifest")?;
    let text = |s: &Spanned<String>| Text {
        value: s.value.clone(),
        span: yaml.span(s),
    };
    Ok(entries
        .iter()
        .map(|e| ManifestEntry {
            key: text(&e.key),
            file: text(&e.file),
            title: text(&e.title),
            publisher: text(&e.publisher),
            url: e.url.as_ref().map(text),
            sha256: text(&e.sha256),
            name: e.name.as_ref().map(text),
            based_on: e.based_on.as_ref().map(text),
        })
        .collect())
}

/// Parses the text of a manifest named `path` (for tests and fuzzing).
pub fn parse_manifest_str(
    path: &std::path::Path,
    text: &str,
) -> Result<Vec<ManifestEntry>, Box<crate::diagnostic::Diagnostic>> {
    parse_manifest(&YamlText::whole(path, text))
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn sha256_of_empty_input() {
        assert_eq!(
            super::sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
