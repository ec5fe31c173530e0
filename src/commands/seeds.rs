//! `sourced seeds [--update]`: the status of every seed, and upkeep of the
//! manifest. An update adds unlisted files with empty metadata (which
//! `check` then reports until an editor fills it in) and re-records the hash
//! of changed files; the facts that cite a changed seed are listed so that
//! they can be re-read, and the next `check` verifies them again.

use crate::project::read::project_path;
use crate::project::source::sha256_hex;
use crate::project::{MANIFEST, Project};
use crate::text::suggest::is_kebab;
use anyhow::{Context, Result};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedState {
    /// The file's hash is the one recorded.
    Ok,
    /// The file changed since its hash was recorded.
    Changed,
    /// The file is in seeds/ but not in the manifest.
    Unlisted,
    /// The manifest names a file that is not there.
    Missing,
}

impl SeedState {
    pub fn label(self) -> &'static str {
        match self {
            SeedState::Ok => "ok",
            SeedState::Changed => "changed",
            SeedState::Unlisted => "not in manifest",
            SeedState::Missing => "missing",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedStatus {
    pub file: String,
    pub key: Option<String>,
    pub status: SeedState,
    pub sha256: Option<String>,
}

/// The status of every seed file and manifest entry, sorted by file name.
pub fn status(project: &Project) -> Vec<SeedStatus> {
    let mut out = Vec::new();
    for entry in project.manifest.iter() {
        let seed = project.seeds.iter().find(|s| s.name == entry.file.value);
        let (status, sha) = match seed {
            None => (SeedState::Missing, None),
            Some(s) => {
                let sha = sha256_hex(&s.bytes);
                let ok = sha.eq_ignore_ascii_case(entry.sha256.value.trim());
                (
                    if ok {
                        SeedState::Ok
                    } else {
                        SeedState::Changed
                    },
                    Some(sha),
                )
            }
        };
        out.push(SeedStatus {
            file: entry.file.value.clone(),
            key: Some(entry.key.value.clone()),
            status,
            sha256: sha,
        });
    }
    for seed in &project.seeds {
        if !project.manifest.iter().any(|m| m.file.value == seed.name) {
            out.push(SeedStatus {
                file: seed.name.clone(),
                key: None,
                status: SeedState::Unlisted,
                sha256: Some(sha256_hex(&seed.bytes)),
            });
        }
    }
    out.sort_by(|a, b| a.file.cmp(&b.file));
    out
}

/// What an update did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Update {
    pub added: Vec<String>,
    pub rehashed: Vec<String>,
    /// Facts citing a changed seed: `(fact id, source key)`.
    pub facts_to_recheck: Vec<(String, String)>,
}

/// Rewrites `seeds/sources.yaml` in place: changed hashes are replaced where
/// they stand (comments and layout are kept), and unlisted files are
/// appended with an empty title and publisher.
pub fn update(project: &Project) -> Result<Update> {
    let path = project_path(&project.root, MANIFEST);
    let mut text = project
        .files
        .get(&path)
        .map(str::to_string)
        .unwrap_or_default();
    let statuses = status(project);
    let mut result = Update::default();
    // Replace hashes from the end of the file backwards, so that earlier
    // spans stay valid.
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for s in statuses.iter().filter(|s| s.status == SeedState::Changed) {
        if let Some(entry) = project.manifest.iter().find(|m| m.file.value == s.file) {
            edits.push((
                entry.sha256.span.range.clone(),
                s.sha256.clone().unwrap_or_default(),
            ));
            result.rehashed.push(s.file.clone());
            let key = &entry.key.value;
            for f in &project.facts {
                if f.sources
                    .iter()
                    .chain(&f.conflicts)
                    .any(|c| &c.source.value == key)
                {
                    result
                        .facts_to_recheck
                        .push((f.id.value.clone(), key.clone()));
                }
            }
        }
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0.start));
    for (range, sha) in edits {
        text.replace_range(range, &sha);
    }
    let mut keys: BTreeSet<String> = project
        .manifest
        .iter()
        .map(|m| m.key.value.clone())
        .collect();
    for s in statuses.iter().filter(|s| s.status == SeedState::Unlisted) {
        let key = unique_key(&s.file, &mut keys);
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&format!(
            "- key: {key}\n  file: {}\n  title: \"\"       # as the document titles itself\n  publisher: \"\"   # who published it, as the document says\n  sha256: {}\n",
            crate::commands::find::yaml_string(&s.file),
            s.sha256.clone().unwrap_or_default()
        ));
        result.added.push(s.file.clone());
    }
    if !result.added.is_empty() || !result.rehashed.is_empty() {
        let target = project.root.join(MANIFEST);
        std::fs::write(&target, text).with_context(|| format!("writing {}", target.display()))?;
    }
    Ok(result)
}

/// A kebab-case key from a file name, unique among `keys`.
fn unique_key(file: &str, keys: &mut BTreeSet<String>) -> String {
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let base = crate::text::suggest::to_kebab(stem);
    let base = if is_kebab(&base) {
        base
    } else {
        "source".to_string()
    };
    let mut key = base.clone();
    let mut n = 2;
    while keys.contains(&key) {
        key = format!("{base}-{n}");
        n += 1;
    }
    keys.insert(key.clone());
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_from_file_names_are_kebab_and_unique() {
        let mut keys = BTreeSet::from(["new-article".to_string()]);
        assert_eq!(unique_key("New Article.txt", &mut keys), "new-article-2");
        assert_eq!(unique_key("003_e19c.txt", &mut keys), "003-e19c");
        assert_eq!(unique_key("___.txt", &mut keys), "source");
    }
}
