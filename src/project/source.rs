//! Sources: the manifest `seeds/sources.yaml` and the seed files it names.

use crate::diagnostic::Span;
use crate::project::fact::Text;
use crate::project::fast_yaml::{self, Map, Value};
use crate::project::yaml::YamlText;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::path::Path;

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

/// Parses the manifest. The fast reader reads the manifests it is sure
/// of; serde-saphyr reads the others (and reports what is wrong with
/// them), with the same result.
pub fn parse_manifest(
    yaml: &YamlText,
) -> Result<Vec<ManifestEntry>, Box<crate::diagnostic::Diagnostic>> {
    if yaml.base == 0
        && let Some(entries) = fast_manifest(yaml.path, yaml.file_text)
    {
        return Ok(entries);
    }
    parse_manifest_saphyr(yaml)
}

/// Parses the manifest with serde-saphyr.
fn parse_manifest_saphyr(
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

/// What the fast reader reads in a manifest: mappings of at most the
/// eight fields of an entry, and plain values that start with a digit
/// (digests, file names) when YAML can only read them as strings.
const SHAPE: fast_yaml::Shape = fast_yaml::Shape {
    max_keys: 8,
    digit_words: true,
};

/// The entries of `text` read by the fast reader, or `None` when it leaves
/// the manifest to serde-saphyr (then [`parse_manifest`] reads it, and
/// reports what is wrong with it). Gives the same entries as serde-saphyr.
fn fast_manifest(path: &Path, text: &str) -> Option<Vec<ManifestEntry>> {
    let entry = |map: Map| -> Option<ManifestEntry> {
        let (mut key, mut file, mut title, mut publisher) = (None, None, None, None);
        let (mut url, mut sha256, mut name, mut based_on) = (None, None, None, None);
        for (k, value) in map {
            let Value::Str(s) = value else { return None };
            let field = match k {
                "key" => &mut key,
                "file" => &mut file,
                "title" => &mut title,
                "publisher" => &mut publisher,
                "url" => &mut url,
                "sha256" => &mut sha256,
                "name" => &mut name,
                "based_on" => &mut based_on,
                _ => return None,
            };
            *field = Some(Text {
                value: s.value,
                span: Span::new(path, s.span),
            });
        }
        Some(ManifestEntry {
            key: key?,
            file: file?,
            title: title?,
            publisher: publisher?,
            url,
            sha256: sha256?,
            name,
            based_on,
        })
    };
    fast_yaml::each(fast_yaml::read(text, SHAPE)?, entry)
}

/// Parses the text of a manifest named `path` (for tests and fuzzing).
pub fn parse_manifest_str(
    path: &Path,
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
#[path = "source_reference_tests.rs"]
mod reference_tests;

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
