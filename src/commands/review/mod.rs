//! `sourced review BASE [HEAD]`: a Markdown report of what changed between
//! two git revisions (HEAD defaults to the working tree), for a second
//! editor reviewing a pull request.
//!
//! The report leads with what a reviewer needs first: the verification
//! status of HEAD, and every change to a saved source document. A source
//! changed in the same change as the facts that quote it is how a false
//! fact could pass `check` (the hash in `seeds/sources.yaml` is re-recorded
//! by `sourced seeds --update`), so each changed seed is shown as a bounded
//! word diff with its positions, and every fact whose quotes lie in or next
//! to a changed region is listed for re-reading; a fact whose only support
//! is text added in this change is flagged. Then come the facts added,
//! removed and modified, and the diagnostics that are new.
//!
//! Each revision's project is read out of git with `git ls-tree` and `git
//! cat-file --batch` (the git command line, no library, no `tar`), then
//! loaded and verified like any project. Facts are matched by id, so a fact
//! moved to another file or position is not a change. Every piece of
//! content in the report is escaped for GitHub-flavoured Markdown and HTML.

use crate::diagnostic::{Diagnostic, Files, Severity, display_path, line_col};
use crate::project::briefing;
use crate::project::fact::Fact;
use crate::project::source::sha256_hex;
use crate::project::{self, Project};
use crate::verify::{self, Site, SiteQuote, Status};
use anyhow::{Context, Result, bail};
use similar::ChangeTag;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod git;
use git::*;
mod markdown;
pub use markdown::*;
mod changes;
use changes::*;
mod seed_diff;
use seed_diff::*;
mod sources;
use sources::*;
mod contents;
use contents::*;
mod report;
use report::*;
#[cfg(test)]
mod tests;

/// How the review is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ReviewFormat {
    /// The Markdown report (for a job summary or a pull request comment).
    #[default]
    Markdown,
    /// One GitHub `::warning` workflow command per changed seed.
    Github,
}

/// Changed regions shown per source; the rest are counted.
const MAX_REGIONS: usize = 10;
/// Words of unchanged text shown either side of a change.
const CONTEXT_WORDS: usize = 6;
/// Characters of one changed run shown before it is cut.
const MAX_RUN_CHARS: usize = 300;
/// Facts listed per source; the rest are counted.
const MAX_FACTS: usize = 50;
/// Seeds larger than this (old and new together) are not diffed: the whole
/// file counts as changed. Real seeds are a few kilobytes.
const MAX_DIFF_BYTES: usize = 1024 * 1024;
/// Nor are seeds with more lines than this, old and new together.
const MAX_DIFF_LINES: usize = 20_000;
/// A changed block of lines larger than this is shown as replaced text,
/// without a word diff (which is quadratic in the worst case).
const MAX_HUNK_BYTES: usize = 16 * 1024;
/// And so is every block once this many bytes of a seed were word-diffed.
const MAX_WORD_DIFF_BYTES: usize = 64 * 1024;

/// Builds the review of `root` between `base` and `head` (`None`: the
/// working tree) in `format`.
pub fn review(root: &Path, base: &str, head: Option<&str>, format: ReviewFormat) -> Result<String> {
    let (top, prefix) = repository(root)?;
    let base_dir = extract(&top, &prefix, base)?;
    let base_root = base_dir.path().to_path_buf();
    let base_side = side(base.to_string(), &base_root, Some(base_dir))?;
    let head_side = match head {
        Some(rev) => {
            let dir = extract(&top, &prefix, rev)?;
            let path = dir.path().to_path_buf();
            side(rev.to_string(), &path, Some(dir))?
        }
        None => side("working tree".into(), root, None)?,
    };
    let changes = source_changes(&base_side, &head_side);
    Ok(match format {
        ReviewFormat::Markdown => report(&base_side, &head_side, &changes),
        ReviewFormat::Github => annotations(&base_side, &head_side, &changes, &prefix),
    })
}

// ---------------------------------------------------------------------------
// Markdown that shows content as text, never as markup.

/// Characters that are invisible or reorder text (bidirectional controls,
/// zero-width characters, byte-order marks): shown as `[U+XXXX]`, so that
/// nothing in a report reads differently from what the file holds.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{00ad}')
}
