//! `sourced init DIR`: a new briefing project that builds and passes
//! `check --strict` as created.

use crate::project::source::sha256_hex;
use crate::project::templates::DEFAULTS;
use anyhow::{Context, Result, bail};
use std::fs;
use std::path::{Path, PathBuf};

const SAMPLE_SEED: &str = "Riverton Courier: Library to reopen in March\n\
\n\
The Riverton town council voted 7–2 on Tuesday to spend $1.2 million repairing the flood-damaged library.\n\
“We expect to reopen the doors in March,” said the head librarian, Ana Ruiz.\n\
Two councillors argued that the repairs should wait until the new budget year.\n";

const SAMPLE_FACTS: &str = "# Each fact: a claim, and the quotes from seeds/ that support it.\n\
- id: library-repair-vote\n\
\x20 claim: The council voted 7-2 to spend $1.2 million repairing the library.\n\
\x20 sources:\n\
\x20   - source: courier\n\
\x20     quote: \"The Riverton town council voted 7-2 on Tuesday to spend $1.2 million repairing the flood-damaged library.\"\n\
- id: reopening-in-march\n\
\x20 claim: The head librarian expects the library to reopen in March.\n\
\x20 sources:\n\
\x20   - source: courier\n\
\x20     quote: \"We expect to reopen the doors in March,\\\" said the head librarian\"\n";

const SAMPLE_BRIEFING: &str = "---\n\
title: Riverton library to reopen in March\n\
summary: The town council approved repairs, and the library expects to reopen in March.\n\
---\n\
The council voted 7-2 to pay for the repairs.[^library-repair-vote]\n\
\n\
The head librarian expects to reopen in March.[^reopening-in-march]\n";

/// The GitHub workflows of a new project (`init/workflows/` in the sourced
/// repository), with `@SOURCED_VERSION@` standing for the release of sourced
/// they install: the version that ran `init`.
const WORKFLOWS: [(&str, &str); 2] = [
    ("pages.yml", include_str!("../../init/workflows/pages.yml")),
    (
        "review.yml",
        include_str!("../../init/workflows/review.yml"),
    ),
];

/// The workflow texts as `init` writes them, by file name, pinned to this
/// version of sourced.
pub fn workflows() -> Vec<(&'static str, String)> {
    WORKFLOWS
        .iter()
        .map(|(name, text)| {
            (
                *name,
                text.replace("@SOURCED_VERSION@", env!("CARGO_PKG_VERSION")),
            )
        })
        .collect()
}

/// The files of a new project, by path relative to its folder; with
/// `workflows`, also `.github/workflows/pages.yml` and `review.yml`.
pub fn files(workflows: bool) -> Vec<(PathBuf, String)> {
    let manifest = format!(
        "# One entry per file in seeds/.\n\
         - key: courier\n\
         \x20 file: courier.txt\n\
         \x20 title: \"Riverton Courier: Library to reopen in March\"\n\
         \x20 publisher: Riverton Courier (a sample source)\n\
         \x20 sha256: {}\n",
        sha256_hex(SAMPLE_SEED.as_bytes())
    );
    let mut files = vec![
        (PathBuf::from("seeds/courier.txt"), SAMPLE_SEED.to_string()),
        (PathBuf::from("seeds/sources.yaml"), manifest),
        (
            PathBuf::from("content/facts/library.yaml"),
            SAMPLE_FACTS.to_string(),
        ),
        (
            PathBuf::from("content/briefing.md"),
            SAMPLE_BRIEFING.to_string(),
        ),
        (PathBuf::from(".gitignore"), "/public\n".to_string()),
    ];
    for (name, text) in DEFAULTS {
        files.push((Path::new("templates").join(name), text.to_string()));
    }
    if workflows {
        for (name, text) in self::workflows() {
            files.push((Path::new(".github/workflows").join(name), text));
        }
    }
    files
}

/// When `dir` lies inside an enclosing git work tree (a parent folder with
/// a `.git`), that work tree and `dir`'s path inside it: GitHub reads
/// workflows only from the repository's own `.github/workflows/`, so the
/// ones `init` writes into `dir` need moving there.
pub fn enclosing_repository(dir: &Path) -> Option<(PathBuf, PathBuf)> {
    let dir = fs::canonicalize(dir).ok()?;
    let top = dir.ancestors().skip(1).find(|a| a.join(".git").exists())?;
    let inside = dir.strip_prefix(top).ok()?.to_path_buf();
    Some((top.to_path_buf(), inside))
}

/// Writes a new project into `dir`, which must not exist or be empty (see
/// [`files`]).
pub fn init(dir: &Path, workflows: bool) -> Result<Vec<PathBuf>> {
    if dir.exists() {
        let mut entries =
            fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
        if entries.next().is_some() {
            bail!(
                "{} is not empty; `sourced init` only writes into a new or empty folder",
                dir.display()
            );
        }
    }
    let mut written = Vec::new();
    for (rel, text) in files(workflows) {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        written.push(rel);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflows_pin_this_version_and_use_this_repositorys_action() {
        let repository = env!("CARGO_PKG_REPOSITORY");
        let action = repository
            .strip_prefix("https://github.com/")
            .expect("the repository is on GitHub");
        let major = env!("CARGO_PKG_VERSION_MAJOR");
        for (name, text) in workflows() {
            assert!(!text.contains("@SOURCED_VERSION@"), "{name}");
            let pins = format!("version: \"{}\"", env!("CARGO_PKG_VERSION"));
            assert!(text.contains(&pins), "{name} does not pin {pins}");
            let uses: Vec<&str> = text
                .lines()
                .filter_map(|l| l.trim().strip_prefix("uses: "))
                .filter(|u| !u.starts_with("actions/"))
                .collect();
            assert!(!uses.is_empty(), "{name}");
            for u in uses {
                assert_eq!(u, format!("{action}@v{major}"), "{name}");
            }
        }
    }

    #[test]
    fn workflows_are_written_only_when_asked() {
        let with: Vec<PathBuf> = files(true).into_iter().map(|(p, _)| p).collect();
        let without: Vec<PathBuf> = files(false).into_iter().map(|(p, _)| p).collect();
        let wf = [
            PathBuf::from(".github/workflows/pages.yml"),
            PathBuf::from(".github/workflows/review.yml"),
        ];
        for w in &wf {
            assert!(with.contains(w) && !without.contains(w), "{}", w.display());
        }
        assert_eq!(with.len(), without.len() + 2);
    }
}
