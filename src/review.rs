//! `sourced review BASE [HEAD]`: a Markdown report of what changed in the
//! facts between two git revisions (HEAD defaults to the working tree), for
//! a second editor reviewing a pull request.
//!
//! Each revision's project is taken out of git with `git archive` (the git
//! command line, no library), then loaded and verified like any project.
//! Facts are matched by id, so a fact moved to another file or position is
//! not a change.

use crate::briefing;
use crate::diagnostic::{Diagnostic, display_path, line_col};
use crate::fact::Fact;
use crate::load::{self, Project};
use crate::verify::{self, Site, Status};
use anyhow::{Context, Result, bail};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// One side of the comparison.
struct Side {
    label: String,
    project: Project,
    site: Site,
    diagnostics: Vec<Diagnostic>,
    /// Kept alive while the side is in use: the extracted revision.
    _dir: Option<tempfile::TempDir>,
}

fn git(top: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(args)
        .output()
        .context("running git (is it installed?)")?;
    if !out.status.success() {
        bail!("{}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim_end().to_string())
}

/// The repository's top folder and the project's path inside it.
fn repository(root: &Path) -> Result<(PathBuf, String)> {
    let top = git(root, &["rev-parse", "--show-toplevel"])
        .map_err(|_| anyhow::anyhow!("{} is not inside a git repository", root.display()))?;
    let prefix = git(root, &["rev-parse", "--show-prefix"])?;
    Ok((PathBuf::from(top), prefix.trim_end_matches('/').to_string()))
}

/// Extracts the project at `rev` into a temporary folder.
fn extract(top: &Path, prefix: &str, rev: &str) -> Result<tempfile::TempDir> {
    if git(
        top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .is_err()
    {
        bail!("revision `{rev}` does not exist in {}", top.display());
    }
    let dir = tempfile::tempdir().context("creating a temporary folder")?;
    let tree = format!("{rev}:{prefix}");
    let mut archive = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["archive", "--format=tar", &tree])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("running git archive")?;
    let stdout = archive.stdout.take().context("reading git archive")?;
    let tar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(dir.path())
        .stdin(stdout)
        .status()
        .context("running tar")?;
    let git_status = archive.wait_with_output().context("running git archive")?;
    if !git_status.status.success() || !tar.success() {
        bail!(
            "could not read {tree}: {}",
            String::from_utf8_lossy(&git_status.stderr).trim()
        );
    }
    Ok(dir)
}

fn side(label: String, root: &Path, dir: Option<tempfile::TempDir>) -> Result<Side> {
    let (project, mut diagnostics) = load::load(root, &mut Default::default())?;
    let (site, mut more) = verify::verify(&project, &mut Default::default());
    diagnostics.append(&mut more);
    Ok(Side {
        label,
        project,
        site,
        diagnostics,
        _dir: dir,
    })
}

/// Builds the review report for `root` between `base` and `head` (`None`:
/// the working tree).
pub fn review(root: &Path, base: &str, head: Option<&str>) -> Result<String> {
    let (top, prefix) = repository(root)?;
    let base_dir = extract(&top, &prefix, base)?;
    let base_side = side(base.to_string(), base_dir.path(), None)?;
    let head_side = match head {
        Some(rev) => {
            let dir = extract(&top, &prefix, rev)?;
            let path = dir.path().to_path_buf();
            side(rev.to_string(), &path, Some(dir))?
        }
        None => side("working tree".into(), root, None)?,
    };
    let base_root = base_dir.path().to_path_buf();
    let head_root = match head {
        Some(_) => head_side
            ._dir
            .as_ref()
            .map(|d| d.path().to_path_buf())
            .unwrap_or_default(),
        None => root.to_path_buf(),
    };
    Ok(report(&base_side, &base_root, &head_side, &head_root))
}

/// A fact's content as compared: everything an editor wrote, not where.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Content {
    claim: String,
    note: Option<String>,
    quotes: Vec<(String, String)>,
    conflicts: Vec<(String, String, String)>,
    status: Status,
    sources: usize,
}

fn contents(side: &Side) -> BTreeMap<String, Content> {
    side.project
        .facts
        .iter()
        .zip(&side.site.facts)
        .map(|(f, s): (&std::sync::Arc<Fact>, _)| {
            (
                f.id.value.clone(),
                Content {
                    claim: f.claim.value.clone(),
                    note: f.note.as_ref().map(|n| n.value.clone()),
                    quotes: f
                        .sources
                        .iter()
                        .map(|c| (c.source.value.clone(), c.quote.value.clone()))
                        .collect(),
                    conflicts: f
                        .conflicts
                        .iter()
                        .map(|c| {
                            (
                                c.source.value.clone(),
                                c.quote.value.clone(),
                                c.note.as_ref().map(|n| n.value.clone()).unwrap_or_default(),
                            )
                        })
                        .collect(),
                    status: s.status,
                    sources: s.corroboration,
                },
            )
        })
        .collect()
}

/// Sentences of the briefing that cite `id`, with their line numbers.
fn citing_sentences(side: &Side, id: &str) -> Vec<(usize, String)> {
    let Some(b) = &side.project.briefing else {
        return Vec::new();
    };
    let scan = briefing::scan(&b.body, true);
    let file = side
        .project
        .files
        .get(&b.title.span.path)
        .unwrap_or_default();
    scan.sentences
        .iter()
        .filter(|(_, refs)| refs.iter().any(|r| r == id))
        .map(|(range, _)| {
            let (line, _) = line_col(file, b.body_offset + range.start);
            (line, b.body[range.clone()].to_string())
        })
        .collect()
}

/// `~~removed~~ **added**` word diff for Markdown.
fn markdown_diff(old: &str, new: &str) -> String {
    let mut out = String::new();
    for (tag, text) in crate::near_miss::runs(old, new) {
        let (lead, word, trail) = split_space(&text);
        match tag {
            similar::ChangeTag::Delete if !word.is_empty() => {
                out.push_str(&format!("{lead}~~{word}~~{trail}"))
            }
            similar::ChangeTag::Insert if !word.is_empty() => {
                out.push_str(&format!("{lead}**{word}**{trail}"))
            }
            _ => out.push_str(&text),
        }
    }
    out
}

fn split_space(v: &str) -> (&str, &str, &str) {
    let start = v.len() - v.trim_start().len();
    let end = v.trim_end().len();
    if end <= start {
        return (v, "", "");
    }
    (&v[..start], &v[start..end], &v[end..])
}

fn status_label(c: &Content) -> String {
    match c.status {
        Status::Corroborated => format!("corroborated, {} sources", c.sources),
        Status::SingleSource => "single source".into(),
        Status::Disputed => format!(
            "disputed, {} supporting source{}",
            c.sources,
            if c.sources == 1 { "" } else { "s" }
        ),
    }
}

fn quote_lines(c: &Content) -> String {
    let mut out = String::new();
    for (source, quote) in &c.quotes {
        out.push_str(&format!("- **{source}**: “{quote}”\n"));
    }
    for (source, quote, note) in &c.conflicts {
        out.push_str(&format!("- differs, **{source}**: “{quote}” ({note})\n"));
    }
    out
}

fn cited_in(side: &Side, id: &str) -> String {
    let sentences = citing_sentences(side, id);
    if sentences.is_empty() {
        return format!("Not cited in the briefing ({}).\n", side.label);
    }
    let mut out = format!("Cited in the briefing ({}):\n", side.label);
    for (line, s) in sentences {
        let clean = strip_refs(&s);
        out.push_str(&format!("- line {line}: {clean}\n"));
    }
    out
}

fn strip_refs(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("[^") {
        out.push_str(&rest[..i]);
        match rest[i..].find(']') {
            Some(j) => rest = &rest[i + j + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn relative(d: &Diagnostic, root: &Path, files: &crate::diagnostic::Files) -> (String, String) {
    let pos = crate::diagnostic::position(d, files);
    let file = pos
        .as_ref()
        .map(|p| {
            let path = Path::new(&p.file);
            display_path(path.strip_prefix(root).unwrap_or(path))
        })
        .unwrap_or_default();
    let at = pos.map_or(String::new(), |p| format!("{file}:{}:{}", p.line, p.column));
    (file, at)
}

fn report(base: &Side, base_root: &Path, head: &Side, head_root: &Path) -> String {
    let (old, new) = (contents(base), contents(head));
    let added: Vec<&String> = new.keys().filter(|k| !old.contains_key(*k)).collect();
    let removed: Vec<&String> = old.keys().filter(|k| !new.contains_key(*k)).collect();
    let modified: Vec<&String> = new
        .keys()
        .filter(|k| old.get(*k).is_some_and(|o| o != &new[*k]))
        .collect();
    let unchanged = new.len() - added.len() - modified.len();
    let mut out = format!(
        "# Fact review: `{}` → {}\n\n",
        base.label,
        if head.label == "working tree" {
            "working tree".to_string()
        } else {
            format!("`{}`", head.label)
        }
    );
    out.push_str(&format!(
        "**{} added, {} removed, {} modified**, {} unchanged.\n",
        added.len(),
        removed.len(),
        modified.len(),
        unchanged
    ));
    // Added and removed facts are shown whole, each from its own side.
    for (heading, ids, facts, side, was) in [
        ("Added", &added, &new, head, ""),
        ("Removed", &removed, &old, base, "was "),
    ] {
        if ids.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {heading}\n"));
        for id in ids {
            let c = &facts[*id];
            out.push_str(&format!(
                "\n### `{id}` ({was}{})\n\n> {}\n\n",
                status_label(c),
                c.claim
            ));
            out.push_str(&quote_lines(c));
            out.push('\n');
            out.push_str(&cited_in(side, id));
        }
    }
    if !modified.is_empty() {
        out.push_str("\n## Modified\n");
        for id in &modified {
            let (o, n) = (&old[*id], &new[*id]);
            out.push_str(&format!("\n### `{id}`\n\n"));
            if o.claim != n.claim {
                out.push_str(&format!("- Claim: {}\n", markdown_diff(&o.claim, &n.claim)));
            }
            if o.note != n.note {
                out.push_str(&format!(
                    "- Note: {}\n",
                    markdown_diff(
                        o.note.as_deref().unwrap_or(""),
                        n.note.as_deref().unwrap_or("")
                    )
                ));
            }
            let old_sources: BTreeSet<&String> = o.quotes.iter().map(|q| &q.0).collect();
            let new_sources: BTreeSet<&String> = n.quotes.iter().map(|q| &q.0).collect();
            let gained: Vec<&&String> = new_sources.difference(&old_sources).collect();
            let lost: Vec<&&String> = old_sources.difference(&new_sources).collect();
            if !gained.is_empty() {
                out.push_str(&format!("- Sources added: {}\n", join(&gained)));
            }
            if !lost.is_empty() {
                out.push_str(&format!("- Sources removed: {}\n", join(&lost)));
            }
            // Quotes from a source on both sides, compared in order.
            for source in old_sources.intersection(&new_sources) {
                let (oq, nq) = (quotes_from(o, source), quotes_from(n, source));
                for i in 0..oq.len().max(nq.len()) {
                    match (oq.get(i), nq.get(i)) {
                        (Some(a), Some(b)) if a != b => out.push_str(&format!(
                            "- Quote from **{source}**: {}\n",
                            markdown_diff(a, b)
                        )),
                        (Some(a), None) => {
                            out.push_str(&format!("- Quote from **{source}** removed: “{a}”\n"))
                        }
                        (None, Some(b)) => {
                            out.push_str(&format!("- Quote from **{source}** added: “{b}”\n"))
                        }
                        _ => {}
                    }
                }
            }
            if o.conflicts != n.conflicts {
                out.push_str("- Conflicts: now\n");
                for (source, quote, note) in &n.conflicts {
                    out.push_str(&format!("  - **{source}**: “{quote}” ({note})\n"));
                }
                if n.conflicts.is_empty() {
                    out.push_str("  - none\n");
                }
            }
            if o.status != n.status || o.sources != n.sources {
                out.push_str(&format!(
                    "- Corroboration: {} → {}\n",
                    status_label(o),
                    status_label(n)
                ));
            }
            out.push('\n');
            out.push_str(&cited_in(head, id));
        }
    }
    // Diagnostics in HEAD that BASE did not have (by code, file and message).
    let key = |d: &Diagnostic, root: &Path, files: &crate::diagnostic::Files| {
        (
            d.code,
            relative(d, root, files).0,
            d.message.replace(&root.display().to_string(), ""),
        )
    };
    let before: BTreeSet<_> = base
        .diagnostics
        .iter()
        .map(|d| key(d, base_root, &base.project.files))
        .collect();
    let fresh: Vec<&Diagnostic> = head
        .diagnostics
        .iter()
        .filter(|d| !before.contains(&key(d, head_root, &head.project.files)))
        .collect();
    out.push_str("\n## New diagnostics\n\n");
    if fresh.is_empty() {
        out.push_str("None.\n");
    }
    for d in fresh {
        let severity = match d.severity {
            crate::diagnostic::Severity::Error => "error",
            crate::diagnostic::Severity::Warning => "warning",
        };
        let (_, at) = relative(d, head_root, &head.project.files);
        out.push_str(&format!("- `{severity}[{}]` {at}: {}\n", d.code, d.message));
    }
    out
}

/// The quotes a fact takes from `source`, in order.
fn quotes_from<'a>(c: &'a Content, source: &str) -> Vec<&'a String> {
    c.quotes
        .iter()
        .filter(|q| q.0 == source)
        .map(|q| &q.1)
        .collect()
}

fn join(items: &[&&String]) -> String {
    items
        .iter()
        .map(|s| format!("**{s}**"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_word_diff() {
        assert_eq!(
            markdown_diff(
                "runs through 2032, no longer exclusive",
                "runs through 2033, no longer exclusive"
            ),
            "runs through ~~2032~~**2033**, no longer exclusive"
        );
    }

    #[test]
    fn references_are_stripped_from_sentences() {
        assert_eq!(strip_refs("A claim.[^a][^b] More"), "A claim. More");
    }
}
