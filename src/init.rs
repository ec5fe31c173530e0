//! `sourced init DIR`: a new briefing project that builds and passes
//! `check --strict` as created.

use crate::source::sha256_hex;
use crate::templates::DEFAULTS;
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

/// The files of a new project, by path relative to its folder.
pub fn files() -> Vec<(PathBuf, String)> {
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
    files
}

/// Writes a new project into `dir`, which must not exist or be empty.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>> {
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
    for (rel, text) in files() {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        written.push(rel);
    }
    Ok(written)
}
