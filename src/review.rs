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

use crate::briefing;
use crate::diagnostic::{Diagnostic, Files, Severity, display_path, line_col};
use crate::fact::Fact;
use crate::load::{self, Project};
use crate::source::sha256_hex;
use crate::verify::{self, Site, SiteQuote, Status};
use anyhow::{Context, Result, bail};
use similar::ChangeTag;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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

/// One side of the comparison.
struct Side {
    label: String,
    /// Where the project was read from.
    root: PathBuf,
    project: Project,
    site: Site,
    diagnostics: Vec<Diagnostic>,
    /// Kept alive while the side is in use: the extracted revision.
    _dir: Option<tempfile::TempDir>,
}

fn git_bytes(top: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(args)
        .output()
        .context("running git (is it installed?)")?;
    if !out.status.success() {
        bail!("{}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(out.stdout)
}

fn git(top: &Path, args: &[&str]) -> Result<String> {
    let out = git_bytes(top, args)?;
    Ok(String::from_utf8_lossy(&out).trim_end().to_string())
}

/// The repository's top folder and the project's path inside it.
fn repository(root: &Path) -> Result<(PathBuf, String)> {
    let top = git(root, &["rev-parse", "--show-toplevel"])
        .map_err(|_| anyhow::anyhow!("{} is not inside a git repository", root.display()))?;
    let prefix = git(root, &["rev-parse", "--show-prefix"])?;
    Ok((PathBuf::from(top), prefix.trim_end_matches('/').to_string()))
}

/// A file of the tree being extracted.
struct Entry {
    path: String,
    object: String,
    symlink: bool,
}

/// The files of the tree `tree` (`REV:PREFIX`), from `git ls-tree -r -z`.
/// Submodules are skipped; a path that would leave the folder is refused.
fn list_tree(top: &Path, tree: &str) -> Result<Vec<Entry>> {
    let listing = git_bytes(top, &["ls-tree", "-r", "-z", tree])
        .with_context(|| format!("could not read {tree}"))?;
    let mut entries = Vec::new();
    for record in listing.split(|b| *b == 0).filter(|r| !r.is_empty()) {
        let record = std::str::from_utf8(record).with_context(|| {
            format!(
                "{tree} holds a file name that is not UTF-8: {}",
                String::from_utf8_lossy(record)
            )
        })?;
        let parsed = record.split_once('\t').and_then(|(meta, path)| {
            let mut meta = meta.split(' ');
            Some((meta.next()?, meta.next()?, meta.next()?, path))
        });
        let Some((mode, kind, object, path)) = parsed else {
            bail!("unexpected output from git ls-tree: {record}");
        };
        if kind != "blob" {
            continue;
        }
        if path
            .split('/')
            .any(|c| c.is_empty() || c == "." || c == ".." || c == ".git")
        {
            bail!("{tree} holds a file outside its folder: {path}");
        }
        entries.push(Entry {
            path: path.to_string(),
            object: object.to_string(),
            symlink: mode == "120000",
        });
    }
    Ok(entries)
}

/// Extracts the project at `rev` into a temporary folder, in-process: the
/// blobs are read with one `git cat-file --batch`.
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
    let tree = format!("{rev}:{prefix}");
    let entries = list_tree(top, &tree)?;
    let dir = tempfile::tempdir().context("creating a temporary folder")?;
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("running git cat-file")?;
    let stdin = child.stdin.take().context("writing to git cat-file")?;
    let stdout = child.stdout.take().context("reading git cat-file")?;
    let read = std::thread::scope(|scope| {
        // Names are written from another thread so that neither pipe fills.
        let writer = scope.spawn(|| -> std::io::Result<()> {
            let mut w = BufWriter::new(stdin);
            for e in &entries {
                writeln!(w, "{}", e.object)?;
            }
            w.flush()
        });
        let result = write_blobs(&entries, BufReader::new(stdout), dir.path());
        let written = writer.join();
        result.and_then(|()| match written {
            Ok(r) => r.context("writing to git cat-file"),
            Err(_) => bail!("writing to git cat-file failed"),
        })
    });
    let output = child.wait_with_output().context("running git cat-file")?;
    read.with_context(|| {
        format!(
            "could not read {tree}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )
    })?;
    if !output.status.success() {
        bail!(
            "could not read {tree}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(dir)
}

/// Reads each entry's blob from `git cat-file --batch` output and writes it
/// under `dir` (a symbolic link stays a link, which loading refuses).
fn write_blobs(entries: &[Entry], mut out: impl BufRead, dir: &Path) -> Result<()> {
    for e in entries {
        let mut header = String::new();
        out.read_line(&mut header)?;
        let size = match header.trim_end().split(' ').collect::<Vec<_>>()[..] {
            [_, "blob", size] => size.parse::<usize>().ok(),
            _ => None,
        };
        let Some(size) = size else {
            bail!(
                "git cat-file answered `{}` for {}",
                header.trim_end(),
                e.path
            );
        };
        let mut bytes = Vec::with_capacity(size);
        (&mut out).take(size as u64).read_to_end(&mut bytes)?;
        let mut newline = [0u8; 1];
        out.read_exact(&mut newline)?;
        if bytes.len() != size || newline != *b"\n" {
            bail!("git cat-file ended early at {}", e.path);
        }
        let target = dir.join(&e.path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        if e.symlink {
            link(&bytes, &target)?;
        } else {
            std::fs::write(&target, &bytes)
                .with_context(|| format!("writing {}", target.display()))?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn link(target: &[u8], at: &Path) -> Result<()> {
    use std::os::unix::ffi::OsStrExt;
    std::os::unix::fs::symlink(std::ffi::OsStr::from_bytes(target), at)
        .with_context(|| format!("creating {}", at.display()))
}

#[cfg(not(unix))]
fn link(target: &[u8], at: &Path) -> Result<()> {
    // Without symbolic links, the link's target is kept as the file's text.
    std::fs::write(at, target).with_context(|| format!("writing {}", at.display()))
}

fn side(label: String, root: &Path, dir: Option<tempfile::TempDir>) -> Result<Side> {
    let (project, mut diagnostics) = load::load(root, &mut Default::default())?;
    let (site, mut more) = verify::verify(&project, &mut Default::default());
    diagnostics.append(&mut more);
    Ok(Side {
        label,
        root: root.to_path_buf(),
        project,
        site,
        diagnostics,
        _dir: dir,
    })
}

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

/// `text` as inline GitHub-flavoured Markdown that renders as exactly this
/// text: whitespace (newlines included) becomes one space, every character
/// that could start markup, HTML, an entity, math or a table cell is
/// backslash-escaped, and so is a first character that could start a block
/// (`#`, `-`, `1.`), since content may begin a line.
pub fn md(text: &str) -> String {
    md_at(text, true)
}

/// [`md`] for text that does not begin a line when `at_start` is false.
fn md_at(text: &str, at_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() && !is_hidden(c) || matches!(c, '\n' | '\r' | '\t') {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        let first = at_start && out.trim_start().bytes().all(|b| b.is_ascii_digit());
        if is_hidden(c) {
            out.push_str(&format!("\\[U+{:04X}\\]", c as u32));
        } else if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' | '|' | '$' | '!'
        ) || (first && c.is_ascii_punctuation())
        {
            out.push('\\');
            out.push(c);
        } else {
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// `text` as an inline code span (ids, keys, paths, revisions), fenced with
/// more backticks than it contains; empty text is shown as `(empty)`.
pub fn code(text: &str) -> String {
    let mut shown = String::new();
    for c in text.chars() {
        if matches!(c, '\n' | '\r' | '\t') {
            shown.push(' ');
        } else if is_hidden(c) {
            shown.push_str(&format!("[U+{:04X}]", c as u32));
        } else {
            shown.push(c);
        }
    }
    if shown.is_empty() {
        return "(empty)".into();
    }
    let mut longest = 0;
    let mut run = 0;
    for c in shown.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if shown.starts_with(['`', ' ']) || shown.ends_with(['`', ' ']) {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{shown}{pad}{fence}")
}

/// Builds inline Markdown in which changes are marked `~~removed~~` and
/// `**added**`. A marker next to punctuation is only recognised by a GFM
/// renderer when it is flanked suitably, so a space is put between a marker
/// and a neighbour that would stop it from opening or closing.
#[derive(Default)]
struct Marked {
    out: String,
    /// The last marker closed after punctuation: the next character must be
    /// a space or punctuation.
    gap: bool,
}

fn opens_freely(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || c.is_ascii_punctuation())
}

impl Marked {
    fn text(&mut self, escaped: &str) {
        if let Some(c) = escaped.chars().next()
            && self.gap
            && !opens_freely(Some(c))
        {
            self.out.push(' ');
        }
        if !escaped.is_empty() {
            self.gap = false;
        }
        self.out.push_str(escaped);
    }

    /// `raw` marked with `marker`; its surrounding whitespace stays outside.
    fn mark(&mut self, marker: &str, raw: &str) {
        let (lead, word, trail) = split_space(raw);
        if !lead.is_empty() {
            self.text(" ");
        }
        let word = md_at(word, self.out.trim_start().is_empty());
        if let (Some(first), Some(last)) = (word.chars().next(), word.chars().last()) {
            if !first.is_alphanumeric() && !opens_freely(self.out.chars().last()) {
                self.out.push(' ');
            }
            self.out.push_str(marker);
            self.out.push_str(&word);
            self.out.push_str(marker);
            self.gap = !last.is_alphanumeric();
        }
        if !trail.is_empty() {
            self.text(" ");
        }
    }

    fn runs(mut self, runs: &[(ChangeTag, String)]) -> String {
        for (tag, text) in runs {
            match tag {
                ChangeTag::Equal => {
                    let escaped = md_at(text, self.out.trim_start().is_empty());
                    self.text(&escaped)
                }
                ChangeTag::Delete => self.mark("~~", text),
                ChangeTag::Insert => self.mark("**", text),
            }
        }
        self.out.trim().to_string()
    }
}

fn split_space(v: &str) -> (&str, &str, &str) {
    let start = v.len() - v.trim_start().len();
    let end = v.trim_end().len();
    if end <= start {
        return (v, "", "");
    }
    (&v[..start], &v[start..end], &v[end..])
}

/// `~~removed~~ **added**` word diff for Markdown.
fn markdown_diff(old: &str, new: &str) -> String {
    Marked::default().runs(&crate::near_miss::runs(old, new))
}

/// `text` escaped and wrapped in typographic quotes.
fn quoted(text: &str) -> String {
    format!("“{}”", md(text))
}

// ---------------------------------------------------------------------------
// Changed sources.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Changed,
    Added,
    Removed,
}

/// A changed stretch of a seed: byte ranges on both sides, and the word
/// diff shown for it (context included).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Region {
    old: Range<usize>,
    new: Range<usize>,
    runs: Vec<(ChangeTag, String)>,
}

/// How a seed's text changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct SeedDiff {
    regions: Vec<Region>,
    /// Byte ranges of the new text that this change added.
    inserted: Vec<Range<usize>>,
    /// Too large to diff: the whole file counts as changed.
    too_large: bool,
}

/// A fact listed under a changed source.
#[derive(Debug, Default, Clone)]
struct Mark {
    at_base: bool,
    at_head: bool,
    /// `seeds/…:line:col` of its quotes near a change, at HEAD (else BASE).
    positions: BTreeSet<(usize, usize)>,
}

struct SourceChange {
    file: String,
    kind: Kind,
    keys: (Option<String>, Option<String>),
    hashes: (Option<String>, Option<String>),
    /// Manifest fields that differ: (field, old, new).
    fields: Vec<(&'static str, Option<String>, Option<String>)>,
    lines: (usize, usize),
    diff: SeedDiff,
    /// The text differs (not only the manifest entry).
    text_changed: bool,
    facts: BTreeMap<String, Mark>,
}

/// A seed at one revision: its manifest entry and its text.
struct SeedAt<'a> {
    entry: Option<&'a crate::source::ManifestEntry>,
    bytes: Option<&'a [u8]>,
}

fn seeds_at(project: &Project) -> BTreeMap<&str, SeedAt<'_>> {
    let mut out: BTreeMap<&str, SeedAt> = BTreeMap::new();
    for entry in &project.manifest {
        out.entry(&entry.file.value)
            .or_insert(SeedAt {
                entry: None,
                bytes: None,
            })
            .entry
            .get_or_insert(entry);
    }
    for seed in &project.seeds {
        out.entry(&seed.name)
            .or_insert(SeedAt {
                entry: None,
                bytes: None,
            })
            .bytes = Some(&seed.bytes);
    }
    out
}

fn manifest_fields(
    entry: Option<&crate::source::ManifestEntry>,
) -> [(&'static str, Option<String>); 5] {
    let v = |t: &crate::fact::Text| Some(t.value.clone());
    [
        ("key", entry.and_then(|e| v(&e.key))),
        ("title", entry.and_then(|e| v(&e.title))),
        ("publisher", entry.and_then(|e| v(&e.publisher))),
        ("url", entry.and_then(|e| e.url.as_ref().and_then(v))),
        ("sha256", entry.and_then(|e| v(&e.sha256))),
    ]
}

fn line_count(text: &str) -> usize {
    text.lines().count()
}

/// Every seed whose text or manifest entry differs between the sides,
/// sorted by file name, with the facts to re-read.
fn source_changes(base: &Side, head: &Side) -> Vec<SourceChange> {
    let (old, new) = (seeds_at(&base.project), seeds_at(&head.project));
    let names: BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
    let mut changes = Vec::new();
    for name in names {
        let (o, n) = (old.get(name), new.get(name));
        let (ob, nb) = (o.and_then(|s| s.bytes), n.and_then(|s| s.bytes));
        let (oe, ne) = (o.and_then(|s| s.entry), n.and_then(|s| s.entry));
        let fields: Vec<_> = manifest_fields(oe)
            .into_iter()
            .zip(manifest_fields(ne))
            .filter(|(a, b)| a.1 != b.1)
            .map(|((field, a), (_, b))| (field, a, b))
            .collect();
        if ob == nb && fields.is_empty() {
            continue;
        }
        let kind = match (ob, nb) {
            (None, Some(_)) => Kind::Added,
            (Some(_), None) => Kind::Removed,
            _ => Kind::Changed,
        };
        let (ot, nt) = (
            String::from_utf8_lossy(ob.unwrap_or_default()),
            String::from_utf8_lossy(nb.unwrap_or_default()),
        );
        let diff = match kind {
            Kind::Changed if ob != nb => seed_diff(&ot, &nt),
            Kind::Added => SeedDiff {
                inserted: std::iter::once(0..nt.len()).collect(),
                ..SeedDiff::default()
            },
            _ => SeedDiff::default(),
        };
        changes.push(SourceChange {
            file: name.to_string(),
            kind,
            keys: (
                oe.map(|e| e.key.value.clone()),
                ne.map(|e| e.key.value.clone()),
            ),
            hashes: (ob.map(sha256_hex), nb.map(sha256_hex)),
            fields,
            lines: (line_count(&ot), line_count(&nt)),
            diff,
            text_changed: ob != nb,
            facts: BTreeMap::new(),
        });
    }
    for (side, is_head) in [(base, false), (head, true)] {
        mark_facts(side, is_head, &mut changes);
    }
    changes
}

/// The byte range of the whole lines `range` lies on.
fn whole_lines(text: &str, range: &Range<usize>) -> Range<usize> {
    let start = text[..range.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let end = range.end.min(text.len());
    let end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
    start..end
}

/// Whether `quote` lies in or next to (on a line touched by) a change.
fn near_change(q: &SiteQuote, text: &str, change: &SourceChange, is_head: bool) -> bool {
    if !change.text_changed || change.diff.too_large || change.kind != Kind::Changed {
        // Added, removed, too large, or only the manifest entry changed:
        // every quote from it is to be re-read.
        return true;
    }
    q.pieces.iter().any(|p| {
        let lines = whole_lines(text, p);
        change.diff.regions.iter().any(|r| {
            let r = if is_head { &r.new } else { &r.old };
            r.start <= lines.end && lines.start <= r.end
        })
    })
}

/// Whether `quote` needs text that this change added to its seed.
fn needs_added_text(q: &SiteQuote, change: &SourceChange) -> bool {
    q.pieces.iter().any(|p| {
        change
            .diff
            .inserted
            .iter()
            .any(|r| p.start < r.end && r.start < p.end)
    })
}

/// The source's text at one side, as verification located quotes in it.
fn source_text<'a>(side: &'a Side, key: &str) -> Option<(&'a str, &'a str)> {
    side.site
        .sources
        .iter()
        .find(|s| s.key == key)
        .map(|s| (s.file.as_str(), s.text.as_str()))
}

fn mark_facts(side: &Side, is_head: bool, changes: &mut [SourceChange]) {
    for fact in &side.site.facts {
        for q in fact.sources.iter().chain(&fact.conflicts) {
            let Some((file, text)) = source_text(side, &q.source) else {
                continue;
            };
            let Some(change) = changes.iter_mut().find(|c| c.file == file) else {
                continue;
            };
            if !near_change(q, text, change, is_head) {
                continue;
            }
            let mark = change.facts.entry(fact.id.clone()).or_default();
            if is_head {
                if !mark.at_head {
                    mark.positions.clear();
                }
                mark.at_head = true;
            } else {
                mark.at_base = true;
            }
            if is_head || !mark.at_head {
                mark.positions.insert((q.line, q.column));
            }
        }
    }
}

/// Facts at HEAD whose every supporting quote needs text that this change
/// added to a seed.
fn supported_only_by_added_text(head: &Side, changes: &[SourceChange]) -> BTreeSet<String> {
    head.site
        .facts
        .iter()
        .filter(|f| {
            !f.sources.is_empty()
                && f.sources.iter().all(|q| {
                    source_text(head, &q.source)
                        .and_then(|(file, _)| changes.iter().find(|c| c.file == file))
                        .is_some_and(|c| needs_added_text(q, c))
                })
        })
        .map(|f| f.id.clone())
        .collect()
}

/// The changed regions of a seed: lines first, then words within each
/// changed block of lines, without any time budget; sizes are bounded by
/// [`MAX_DIFF_BYTES`], [`MAX_DIFF_LINES`] and [`MAX_HUNK_BYTES`] instead.
fn seed_diff(old: &str, new: &str) -> SeedDiff {
    if old.len() + new.len() > MAX_DIFF_BYTES || line_count(old) + line_count(new) > MAX_DIFF_LINES
    {
        return SeedDiff {
            regions: vec![Region {
                old: 0..old.len(),
                new: 0..new.len(),
                runs: Vec::new(),
            }],
            inserted: Vec::new(),
            too_large: true,
        };
    }
    let diff = similar::TextDiff::from_lines(old, new);
    // Where each line the diff split off begins (its own idea of a line:
    // `\n`, `\r\n` or a lone `\r`), and the end.
    let starts = |lines: &mut dyn Iterator<Item = &str>| {
        let mut at = vec![0];
        for l in lines {
            at.push(at[at.len() - 1] + l.len());
        }
        at
    };
    let old_lines = starts(&mut diff.iter_old_slices());
    let new_lines = starts(&mut diff.iter_new_slices());
    let mut out = SeedDiff::default();
    let mut word_diff_left = MAX_WORD_DIFF_BYTES;
    for group in diff.grouped_ops(0) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let o = old_lines[first.old_range().start]..old_lines[last.old_range().end];
        let n = new_lines[first.new_range().start]..new_lines[last.new_range().end];
        let (os, ns) = (&old[o.clone()], &new[n.clone()]);
        let size = os.len() + ns.len();
        let runs = if size > MAX_HUNK_BYTES || size > word_diff_left {
            vec![
                (ChangeTag::Delete, os.to_string()),
                (ChangeTag::Insert, ns.to_string()),
            ]
        } else {
            word_diff_left -= size;
            crate::near_miss::runs(os, ns)
        };
        regions_of(&runs, o.start, n.start, &mut out);
    }
    out
}

/// Splits a block's word diff into regions (changes separated by more than
/// twice [`CONTEXT_WORDS`] unchanged words), each with trimmed context.
fn regions_of(runs: &[(ChangeTag, String)], old_at: usize, new_at: usize, out: &mut SeedDiff) {
    let words = |s: &str| s.split_whitespace().count();
    let (mut o, mut n) = (old_at, new_at);
    let mut current: Option<Region> = None;
    for (i, (tag, text)) in runs.iter().enumerate() {
        let len = text.len();
        match tag {
            ChangeTag::Equal => {
                let next_change = i + 1 < runs.len();
                match current.as_mut() {
                    Some(r) if next_change && words(text) <= 2 * CONTEXT_WORDS => {
                        r.runs.push((*tag, text.clone()));
                    }
                    Some(_) => {
                        let mut r = current.take().unwrap_or_else(|| unreachable!());
                        r.runs.push((*tag, head_words(text, CONTEXT_WORDS)));
                        out.regions.push(r);
                    }
                    None => {}
                }
                if current.is_none() && next_change {
                    // Context for the next change, which is where the
                    // region's ranges begin.
                    current = Some(Region {
                        old: o + len..o + len,
                        new: n + len..n + len,
                        runs: vec![(ChangeTag::Equal, tail_words(text, CONTEXT_WORDS))],
                    });
                }
                o += len;
                n += len;
            }
            ChangeTag::Delete | ChangeTag::Insert => {
                let r = current.get_or_insert_with(|| Region {
                    old: o..o,
                    new: n..n,
                    runs: Vec::new(),
                });
                r.runs.push((*tag, text.clone()));
                if *tag == ChangeTag::Delete {
                    o += len;
                } else {
                    out.inserted.push(n..n + len);
                    n += len;
                }
                r.old.end = o;
                r.new.end = n;
            }
        }
    }
    if let Some(r) = current {
        out.regions.push(r);
    }
}

/// The first `n` words of `text`, then `…` if there were more.
fn head_words(text: &str, n: usize) -> String {
    let ends: Vec<usize> = text
        .char_indices()
        .filter(|&(i, c)| {
            !c.is_whitespace()
                && text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    if n > 0 && ends.len() > n {
        format!("{} …", &text[..ends[n - 1]])
    } else {
        text.to_string()
    }
}

/// `…` and the last `n` words of `text`, or all of it if no longer.
fn tail_words(text: &str, n: usize) -> String {
    let starts: Vec<usize> = text
        .char_indices()
        .filter(|&(i, c)| {
            !c.is_whitespace()
                && text[..i]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace)
        })
        .map(|(i, _)| i)
        .collect();
    if starts.len() > n {
        format!("… {}", &text[starts[starts.len() - n]..])
    } else {
        text.to_string()
    }
}

/// A region's word diff as shown: long changed runs are cut, and line
/// breaks inside a change are shown as `⏎`.
fn shown_runs(region: &Region) -> Vec<(ChangeTag, String)> {
    region
        .runs
        .iter()
        .map(|(tag, text)| {
            if *tag == ChangeTag::Equal {
                return (*tag, text.clone());
            }
            let (lead, word, trail) = split_space(text);
            let chars = word.chars().count();
            let mut word = word.to_string();
            if chars > MAX_RUN_CHARS {
                let cut: String = word.chars().take(MAX_RUN_CHARS).collect();
                word = format!("{cut} … ({} more characters)", chars - MAX_RUN_CHARS);
            }
            (*tag, format!("{lead}{}{trail}", word.replace('\n', " ⏎ ")))
        })
        .collect()
}

fn side_name(side: &Side) -> String {
    if side.label == "working tree" {
        "the working tree".into()
    } else {
        code(&side.label)
    }
}

fn short(hash: &Option<String>) -> String {
    hash.as_deref().map_or("(none)".into(), code)
}

fn sources_section(
    base: &Side,
    head: &Side,
    changes: &[SourceChange],
    only_added: &BTreeSet<String>,
) -> String {
    let mut out = String::from("\n## Sources changed\n");
    for c in changes {
        let path = format!("seeds/{}", c.file);
        let what = match c.kind {
            Kind::Changed if c.text_changed => "text changed",
            Kind::Changed => "manifest entry changed",
            Kind::Added => "added",
            Kind::Removed => "removed",
        };
        let key = match &c.keys {
            (_, Some(k)) | (Some(k), None) => format!(" ({})", code(k)),
            (None, None) => String::new(),
        };
        out.push_str(&format!("\n### {}{key}: {what}\n\n", code(&path)));
        if c.text_changed {
            let recorded = c.fields.iter().find(|f| f.0 == "sha256").map(|f| &f.2);
            let manifest = match recorded {
                Some(r)
                    if r.is_some() && r.as_deref().map(str::to_ascii_lowercase) == c.hashes.1 =>
                {
                    "; the new hash was recorded in `seeds/sources.yaml`".to_string()
                }
                Some(r) => format!("; `seeds/sources.yaml` now records {}", short(r)),
                None => String::new(),
            };
            out.push_str(&match c.kind {
                Kind::Changed => format!(
                    "- SHA-256 of the text: {} → {}{manifest}\n",
                    short(&c.hashes.0),
                    short(&c.hashes.1)
                ),
                Kind::Added => format!("- SHA-256 of the text: {}\n", short(&c.hashes.1)),
                Kind::Removed => format!("- SHA-256 of the text was: {}\n", short(&c.hashes.0)),
            });
        }
        for (field, old, new) in c
            .fields
            .iter()
            .filter(|f| !(c.text_changed && f.0 == "sha256"))
        {
            let show = |v: &Option<String>| v.as_deref().map_or("(none)".to_string(), quoted);
            out.push_str(&format!(
                "- Manifest {}: {} → {}\n",
                code(field),
                show(old),
                show(new)
            ));
        }
        match c.kind {
            Kind::Added => out.push_str(&format!(
                "- New document of {} line{}, added in this change: all of its text is new.\n",
                c.lines.1,
                plural(c.lines.1)
            )),
            Kind::Removed => out.push_str(&format!(
                "- Removed from {}; it had {} line{}.\n",
                side_name(head),
                c.lines.0,
                plural(c.lines.0)
            )),
            Kind::Changed if c.diff.too_large => out.push_str(&format!(
                "- Too large to diff here ({} → {} lines); compare with `git diff`. Every fact quoting it is listed below.\n",
                c.lines.0, c.lines.1
            )),
            Kind::Changed if c.text_changed => {
                let n = c.diff.regions.len();
                out.push_str(&format!(
                    "- {n} changed region{} (~~removed~~ **added**; lines as at {}):\n",
                    plural(n),
                    side_name(head)
                ));
                let new_text = head_text(head, &c.file);
                for r in c.diff.regions.iter().take(MAX_REGIONS) {
                    let (line, _) = line_col(&new_text, r.new.start.min(new_text.len()));
                    let diff = Marked::default().runs(&shown_runs(r));
                    out.push_str(&format!("  - {}: {diff}\n", code(&format!("{path}:{line}"))));
                }
                if n > MAX_REGIONS {
                    out.push_str(&format!(
                        "  - …and {} more change{}\n",
                        n - MAX_REGIONS,
                        plural(n - MAX_REGIONS)
                    ));
                }
            }
            Kind::Changed => {}
        }
        if c.facts.is_empty() {
            out.push_str("- No fact quotes it near a change.\n");
            continue;
        }
        out.push_str(&format!(
            "- Re-read {} fact{} quoting it {}:\n",
            c.facts.len(),
            plural(c.facts.len()),
            if !c.text_changed {
                "(its manifest entry changed)"
            } else if c.kind == Kind::Changed && !c.diff.too_large {
                "in or next to a change"
            } else {
                "(the whole document changed)"
            }
        ));
        for (id, mark) in c.facts.iter().take(MAX_FACTS) {
            let at = match (mark.at_base, mark.at_head) {
                (true, true) => format!("at {} and {}", code(&base.label), side_name(head)),
                (true, false) => format!("at {} only", code(&base.label)),
                _ => format!("at {} only", side_name(head)),
            };
            let positions = mark
                .positions
                .iter()
                .map(|(l, col)| code(&format!("{path}:{l}:{col}")))
                .collect::<Vec<_>>()
                .join(", ");
            let flag = if mark.at_head && only_added.contains(id) {
                " · **supported only by text added in this change**"
            } else {
                ""
            };
            out.push_str(&format!(
                "  - {} ({at}; quotes {positions}){flag}\n",
                code(id)
            ));
        }
        if c.facts.len() > MAX_FACTS {
            out.push_str(&format!("  - …and {} more\n", c.facts.len() - MAX_FACTS));
        }
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A seed's text at HEAD (lossy), for line numbers.
fn head_text(head: &Side, file: &str) -> String {
    head.project
        .seeds
        .iter()
        .find(|s| s.name == file)
        .map(|s| String::from_utf8_lossy(&s.bytes).into_owned())
        .unwrap_or_default()
}

/// One `source-changed` warning per changed seed, rendered as GitHub
/// workflow commands (`::warning file=seeds/…`) for the pull request's Files
/// view: `check --format github` cannot see history. Paths are relative to
/// the repository, as GitHub needs them.
fn annotations(base: &Side, head: &Side, changes: &[SourceChange], prefix: &str) -> String {
    let only_added = supported_only_by_added_text(head, changes);
    let mut files = Files::default();
    let mut diagnostics = Vec::new();
    for c in changes {
        let rel = format!("seeds/{}", c.file);
        let path = Path::new(prefix).join(&rel);
        let text = head_text(head, &c.file);
        let range = match c.diff.regions.first() {
            // The changed text, without the line break that ends it.
            Some(r) if c.kind == Kind::Changed && r.new.end <= text.len() => {
                r.new.start..r.new.start + text[r.new.clone()].trim_end().len()
            }
            _ => 0..0,
        };
        files.insert(&path, text);
        let (base_label, head_label) = (&base.label, &head.label);
        let message = match c.kind {
            Kind::Changed if c.text_changed => format!(
                "{rel} changed between {base_label} and {head_label}: {} changed region{}",
                c.diff.regions.len(),
                plural(c.diff.regions.len())
            ),
            Kind::Changed => {
                format!("the manifest entry of {rel} changed between {base_label} and {head_label}")
            }
            Kind::Added => format!("{rel} was added since {base_label}"),
            Kind::Removed => format!("{rel} was removed since {base_label}"),
        };
        let mut d = Diagnostic::warning("source-changed", message)
            .at(crate::diagnostic::Span::new(path, range), "changed");
        if !c.facts.is_empty() {
            let ids: Vec<&str> = c.facts.keys().map(String::as_str).collect();
            d = d.note(format!(
                "re-read the facts quoting it near the change: {}",
                ids.join(", ")
            ));
        }
        let flagged: Vec<&str> = c
            .facts
            .iter()
            .filter(|(id, m)| m.at_head && only_added.contains(*id))
            .map(|(id, _)| id.as_str())
            .collect();
        if !flagged.is_empty() {
            d = d.note(format!(
                "supported only by text added in this change: {}",
                flagged.join(", ")
            ));
        }
        diagnostics.push(d.help(
            "a saved source should not change: compare the change with the original publication; the job summary shows the word diff",
        ));
    }
    crate::diagnostic::render_as(
        crate::diagnostic::Format::Github,
        &diagnostics,
        &files,
        false,
    )
}

// ---------------------------------------------------------------------------
// Facts.

/// A fact's content as compared: everything an editor wrote, not where.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Content {
    claim: String,
    note: Option<String>,
    quotes: Vec<(String, String)>,
    conflicts: Vec<(String, String, String)>,
    status: Status,
    sources: usize,
    /// Sources and independent origins, as the note's badge gives them.
    badge: String,
    /// The fact file, relative to the project.
    file: String,
}

impl Content {
    fn same(&self, other: &Content) -> bool {
        Content {
            file: String::new(),
            ..self.clone()
        } == Content {
            file: String::new(),
            ..other.clone()
        }
    }
}

fn relative_path(path: &Path, root: &Path) -> String {
    display_path(path.strip_prefix(root).unwrap_or(path))
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
                    badge: crate::origins::badge(&s.counts),
                    file: relative_path(&f.id.span.path, &side.root),
                },
            )
        })
        .collect()
}

/// Fact files that could not be read at this side (an error points into
/// the file and no fact came from it), with the first error's message.
fn unreadable_files(side: &Side, facts: &BTreeMap<String, Content>) -> BTreeMap<String, String> {
    let with_facts: BTreeSet<&str> = facts.values().map(|c| c.file.as_str()).collect();
    let mut out = BTreeMap::new();
    for d in &side.diagnostics {
        let Some(span) = &d.span else { continue };
        let file = relative_path(&span.path, &side.root);
        if d.severity == Severity::Error
            && file.starts_with(&format!("{}/", load::FACTS_DIR))
            && !with_facts.contains(file.as_str())
        {
            let (_, at) = relative(d, &side.root, &side.project.files);
            let at = if at.is_empty() { file.clone() } else { at };
            out.entry(file)
                .or_insert_with(|| format!("{}: {}", code(&at), md(&d.message)));
        }
    }
    out
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

fn status_label(c: &Content) -> String {
    let status = match c.status {
        Status::Corroborated => "corroborated",
        Status::SingleSource => "single origin",
        Status::Disputed => "disputed",
    };
    format!("{status}, {}", c.badge)
}

fn quote_lines(c: &Content) -> String {
    let mut out = String::new();
    for (source, quote) in &c.quotes {
        out.push_str(&format!("- {}: {}\n", code(source), quoted(quote)));
    }
    for (source, quote, note) in &c.conflicts {
        out.push_str(&format!(
            "- differs, {}: {} ({})\n",
            code(source),
            quoted(quote),
            md(note)
        ));
    }
    out
}

fn cited_in(side: &Side, id: &str) -> String {
    let sentences = citing_sentences(side, id);
    let name = if side.label == "working tree" {
        "working tree".to_string()
    } else {
        md(&side.label)
    };
    if sentences.is_empty() {
        return format!("Not cited in the briefing ({name}).\n");
    }
    let mut out = format!("Cited in the briefing ({name}):\n");
    for (line, s) in sentences {
        out.push_str(&format!("- line {line}: {}\n", md(&strip_refs(&s))));
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

fn relative(d: &Diagnostic, root: &Path, files: &Files) -> (String, String) {
    let pos = crate::diagnostic::position(d, files);
    let file = pos
        .as_ref()
        .map(|p| relative_path(Path::new(&p.file), root))
        .unwrap_or_default();
    let at = pos.map_or(String::new(), |p| format!("{file}:{}:{}", p.line, p.column));
    (file, at)
}

fn report(base: &Side, head: &Side, changes: &[SourceChange]) -> String {
    let (old, new) = (contents(base), contents(head));
    let unreadable = unreadable_files(head, &new);
    let only_added = supported_only_by_added_text(head, changes);
    // Facts of a file that BASE could not read are not "added" either.
    let unreadable_at_base = unreadable_files(base, &old);
    let (unread_at_base, added): (Vec<&String>, Vec<&String>) = new
        .keys()
        .filter(|k| !old.contains_key(*k))
        .partition(|k| unreadable_at_base.contains_key(&new[*k].file));
    let (unread, removed): (Vec<&String>, Vec<&String>) = old
        .keys()
        .filter(|k| !new.contains_key(*k))
        .partition(|k| unreadable.contains_key(&old[*k].file));
    let modified: Vec<&String> = new
        .keys()
        .filter(|k| old.get(*k).is_some_and(|o| !o.same(&new[*k])))
        .collect();
    let unchanged = new.len() - added.len() - unread_at_base.len() - modified.len();
    let count = |kind: Kind| changes.iter().filter(|c| c.kind == kind).count();
    let mut out = format!(
        "# Fact review: {} → {}\n\n",
        code(&base.label),
        if head.label == "working tree" {
            "working tree".to_string()
        } else {
            code(&head.label)
        }
    );
    out.push_str(&format!(
        "**Sources: {} changed, {} added, {} removed · Facts: {} added, {} removed, {} modified, {} unchanged{}**\n",
        count(Kind::Changed),
        count(Kind::Added),
        count(Kind::Removed),
        added.len(),
        removed.len(),
        modified.len(),
        unchanged,
        if unread.len() + unread_at_base.len() == 0 {
            String::new()
        } else {
            format!(", {} not compared", unread.len() + unread_at_base.len())
        }
    ));
    if !only_added.is_empty() {
        out.push_str(&format!(
            "\n**{} fact{} supported only by text added in this change:** {}. Check the added text against the original publication.\n",
            only_added.len(),
            if only_added.len() == 1 { " is" } else { "s are" },
            only_added.iter().map(|id| code(id)).collect::<Vec<_>>().join(", ")
        ));
    }
    let fresh = fresh_diagnostics(base, head);
    let (errors, warnings) = head
        .diagnostics
        .iter()
        .fold((0, 0), |(e, w), d| match d.severity {
            Severity::Error => (e + 1, w),
            Severity::Warning => (e, w + 1),
        });
    out.push_str(&format!(
        "\nVerification of {}: **{}, {} error{}, {} warning{}**{}.\n",
        side_name(head),
        if errors > 0 { "fails" } else { "passes" },
        errors,
        plural(errors),
        warnings,
        plural(warnings),
        match fresh.len() {
            0 if errors + warnings > 0 => " (none of them new)".to_string(),
            0 => String::new(),
            n => format!(" ({n} new, listed under New diagnostics)"),
        }
    ));
    for (file, message) in &unreadable {
        out.push_str(&format!(
            "- {} could not be read, so its facts are not compared: {message}\n",
            code(file)
        ));
    }
    for file in unreadable_at_base.keys() {
        out.push_str(&format!(
            "- {} could not be read at {}, so its facts are not compared.\n",
            code(file),
            code(&base.label)
        ));
    }
    if !changes.is_empty() {
        out.push_str(&sources_section(base, head, changes, &only_added));
    }
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
            let flag = if was.is_empty() && only_added.contains(*id) {
                " · **supported only by text added in this change**"
            } else {
                ""
            };
            out.push_str(&format!(
                "\n### {} ({was}{}){flag}\n\n> {}\n\n",
                code(id),
                status_label(c),
                md(&c.claim)
            ));
            if let Some(note) = &c.note {
                out.push_str(&format!("Note: {}\n\n", md(note)));
            }
            out.push_str(&quote_lines(c));
            out.push('\n');
            out.push_str(&cited_in(side, id));
        }
    }
    for (ids, facts, of, at) in [
        (&unread, &old, base, head),
        (&unread_at_base, &new, head, base),
    ] {
        if ids.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n## Not compared\n\nThese facts of {} are in a file that could not be read at {}:\n\n",
            side_name(of),
            side_name(at)
        ));
        for id in ids {
            out.push_str(&format!("- {} ({})\n", code(id), code(&facts[*id].file)));
        }
    }
    if !modified.is_empty() {
        out.push_str("\n## Modified\n");
        for id in &modified {
            out.push_str(&modified_fact(id, &old[*id], &new[*id], &only_added));
            out.push('\n');
            out.push_str(&cited_in(head, id));
        }
    }
    out.push_str(&new_diagnostics(head, &fresh));
    out
}

fn modified_fact(id: &str, o: &Content, n: &Content, only_added: &BTreeSet<String>) -> String {
    let flag = if only_added.contains(id) {
        " · **supported only by text added in this change**"
    } else {
        ""
    };
    let mut out = format!("\n### {}{flag}\n\n", code(id));
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
        for source in &gained {
            for q in quotes_from(n, source) {
                out.push_str(&format!("  - {}: {}\n", code(source), quoted(q)));
            }
        }
    }
    if !lost.is_empty() {
        out.push_str(&format!("- Sources removed: {}\n", join(&lost)));
    }
    // Quotes from a source on both sides, compared in order.
    for source in old_sources.intersection(&new_sources) {
        let (oq, nq) = (quotes_from(o, source), quotes_from(n, source));
        let source = code(source);
        for i in 0..oq.len().max(nq.len()) {
            match (oq.get(i), nq.get(i)) {
                (Some(a), Some(b)) if a != b => {
                    out.push_str(&format!("- Quote from {source}: {}\n", markdown_diff(a, b)))
                }
                (Some(a), None) => {
                    out.push_str(&format!("- Quote from {source} removed: {}\n", quoted(a)))
                }
                (None, Some(b)) => {
                    out.push_str(&format!("- Quote from {source} added: {}\n", quoted(b)))
                }
                _ => {}
            }
        }
    }
    if o.conflicts != n.conflicts {
        out.push_str("- Conflicts: now\n");
        for (source, quote, note) in &n.conflicts {
            out.push_str(&format!(
                "  - {}: {} ({})\n",
                code(source),
                quoted(quote),
                md(note)
            ));
        }
        if n.conflicts.is_empty() {
            out.push_str("  - none\n");
        }
    }
    if o.status != n.status || o.sources != n.sources || o.badge != n.badge {
        out.push_str(&format!(
            "- Corroboration: {} → {}\n",
            status_label(o),
            status_label(n)
        ));
    }
    out
}

/// Diagnostics in HEAD that BASE did not have (by code, file and message).
fn fresh_diagnostics<'a>(base: &Side, head: &'a Side) -> Vec<&'a Diagnostic> {
    let key = |d: &Diagnostic, root: &Path, files: &Files| {
        (
            d.code,
            relative(d, root, files).0,
            d.message.replace(&root.display().to_string(), ""),
        )
    };
    let before: BTreeSet<_> = base
        .diagnostics
        .iter()
        .map(|d| key(d, &base.root, &base.project.files))
        .collect();
    head.diagnostics
        .iter()
        .filter(|d| !before.contains(&key(d, &head.root, &head.project.files)))
        .collect()
}

fn new_diagnostics(head: &Side, fresh: &[&Diagnostic]) -> String {
    let mut out = String::from("\n## New diagnostics\n\n");
    if fresh.is_empty() {
        out.push_str("None.\n");
    }
    for d in fresh {
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let (_, at) = relative(d, &head.root, &head.project.files);
        let at = if at.is_empty() {
            String::new()
        } else {
            format!(" {}", code(&at))
        };
        out.push_str(&format!(
            "- {}{at}: {}\n",
            code(&format!("{severity}[{}]", d.code)),
            md(&d.message)
        ));
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
    items.iter().map(|s| code(s)).collect::<Vec<_>>().join(", ")
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

    #[test]
    fn content_is_escaped_as_text() {
        assert_eq!(md("a <!-- b"), "a \\<\\!-- b");
        assert_eq!(md("# title"), "\\# title");
        assert_eq!(md("  - item"), " \\- item");
        assert_eq!(md("12. x"), "12\\. x");
        assert_eq!(md("x 12. y"), "x 12. y");
        assert_eq!(md("a\n\n  b\r\n"), "a b ");
        assert_eq!(
            md("$1 & *x* `c` | ~y~"),
            "\\$1 \\& \\*x\\* \\`c\\` \\| \\~y\\~"
        );
        assert_eq!(md("a\u{202e}b\u{0}"), "a\\[U+202E\\]b\\[U+0000\\]");
        assert_eq!(md_at("- x", false), "- x");
    }

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(code("id"), "`id`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("a\nb"), "`a b`");
        assert_eq!(code(""), "(empty)");
    }

    /// Renders inline Markdown with a GFM renderer.
    fn render(markdown: &str) -> String {
        let options = pulldown_cmark::Options::ENABLE_STRIKETHROUGH
            | pulldown_cmark::Options::ENABLE_TABLES
            | pulldown_cmark::Options::ENABLE_GFM;
        let mut out = String::new();
        pulldown_cmark::html::push_html(
            &mut out,
            pulldown_cmark::Parser::new_ext(markdown, options),
        );
        out
    }

    #[test]
    fn change_markers_are_recognised_next_to_any_punctuation() {
        for (old, new, del, ins) in [
            ("a.b", "a,b", ".", ","),
            ("end.", "end!", ".", "!"),
            ("say “word” now", "say «word» now", "”", "»"),
            ("x (y) z", "x [y] z", ")", "]"),
            ("cost $4.5 million", "cost $5.4 million", ".5", "5."),
            ("of friction.", "of tension.", "friction", "tension"),
            ("a-b", "a_b", "-", "_"),
            ("x*y", "x~y", "*", "~"),
        ] {
            let html = render(&markdown_diff(old, new));
            let escaped = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
            assert!(
                html.contains(&format!("<del>{}</del>", escaped(del)))
                    && html.contains(&format!("<strong>{}</strong>", escaped(ins)))
                    && !html.contains("~~")
                    && !html.contains("**"),
                "{old} → {new}: {html}"
            );
        }
    }

    #[test]
    fn words_of_context() {
        assert_eq!(head_words("one two three four", 2), "one two …");
        assert_eq!(head_words(" one two", 2), " one two");
        assert_eq!(tail_words("one two three four ", 2), "… three four ");
        assert_eq!(tail_words("one two", 2), "one two");
    }

    #[test]
    fn seed_diff_finds_regions_with_positions() {
        let old = "Title\n\none two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen.\nLast line.\n";
        let new = "Title\n\none two THREE four five six seven eight nine ten eleven twelve thirteen fourteen FIFTEEN sixteen.\nLast line.\nAdded line.\n";
        let diff = seed_diff(old, new);
        assert!(!diff.too_large);
        // Two changes 11 words apart are one region; the added line is
        // another.
        assert_eq!(diff.regions.len(), 2, "{:?}", diff.regions);
        let first = &diff.regions[0];
        assert_eq!(
            &old[first.old.clone()],
            "three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
        );
        assert_eq!(
            &new[first.new.clone()],
            "THREE four five six seven eight nine ten eleven twelve thirteen fourteen FIFTEEN"
        );
        assert_eq!(
            Marked::default().runs(&shown_runs(first)),
            "one two ~~three~~**THREE** four five six seven eight nine ten eleven twelve thirteen fourteen ~~fifteen~~**FIFTEEN** sixteen."
        );
        let added = &diff.regions[1];
        assert_eq!(&new[added.new.clone()], "Added line.\n");
        assert_eq!(added.old, old.len()..old.len());
        assert_eq!(
            diff.inserted
                .iter()
                .map(|r| &new[r.clone()])
                .collect::<Vec<_>>(),
            ["THREE", "FIFTEEN", "Added line.\n"]
        );
    }

    #[test]
    fn word_diffs_stop_after_a_bounded_number_of_bytes() {
        let line = "a ".repeat(3500);
        let old: String = (0..6).map(|i| format!("{line}x\nkeep {i}\n")).collect();
        let new: String = (0..6).map(|i| format!("{line}y\nkeep {i}\n")).collect();
        let diff = seed_diff(&old, &new);
        // Four blocks of 14 KB are word-diffed (context, `x`, `y`, line
        // break); the rest show as replaced (`x` line, `y` line).
        let kinds: Vec<usize> = diff.regions.iter().map(|r| r.runs.len()).collect();
        assert_eq!(kinds, [4, 4, 4, 4, 2, 2], "{kinds:?}");
        assert_eq!(diff.regions[4].runs[0].0, ChangeTag::Delete);
        assert_eq!(diff.regions[4].runs[0].1.len(), 7002);
        // Oversized blocks are never word-diffed.
        let line = "a ".repeat(9000);
        let diff = seed_diff(&format!("{line}x\n"), &format!("{line}y\n"));
        assert_eq!(diff.regions[0].runs.len(), 2);
    }

    #[test]
    fn any_line_endings_give_regions_in_the_text() {
        let old = "a\rb\r\nc\nd";
        let new = "a\rB\r\nc\nd\re";
        let diff = seed_diff(old, new);
        let changed: Vec<&str> = diff.regions.iter().map(|r| &new[r.new.clone()]).collect();
        assert_eq!(changed, ["B", "\re"]);
    }

    #[test]
    fn far_apart_changes_are_separate_regions_with_trimmed_context() {
        let words: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let old = words.join(" ");
        let new = old.replace("w5 ", "x5 ").replace("w30 ", "x30 ");
        let diff = seed_diff(&old, &new);
        let shown: Vec<String> = diff
            .regions
            .iter()
            .map(|r| Marked::default().runs(&shown_runs(r)))
            .collect();
        assert_eq!(
            shown,
            [
                "w0 w1 w2 w3 w4 ~~w5~~**x5** w6 w7 w8 w9 w10 w11 …",
                "… w24 w25 w26 w27 w28 w29 ~~w30~~**x30** w31 w32 w33 w34 w35 w36 …"
            ]
        );
    }

    #[test]
    fn long_changes_are_cut_and_huge_seeds_are_not_diffed() {
        let old = "a\n";
        let new = format!("a\n{}\n", "word ".repeat(200));
        let diff = seed_diff(old, &new);
        let shown = Marked::default().runs(&shown_runs(&diff.regions[0]));
        assert!(shown.ends_with(" … (699 more characters)**"), "{shown}");
        let huge = "line\n".repeat(MAX_DIFF_LINES);
        let diff = seed_diff("line\n", &huge);
        assert!(diff.too_large);
        assert_eq!(diff.regions.len(), 1);
        assert!(diff.inserted.is_empty());
    }

    #[test]
    fn blobs_from_cat_file_are_written_and_a_short_stream_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let entries = [
            Entry {
                path: "seeds/a.txt".into(),
                object: "1".into(),
                symlink: false,
            },
            Entry {
                path: "b".into(),
                object: "2".into(),
                symlink: false,
            },
        ];
        let stream = b"1 blob 3\nabc\n2 blob 0\n\n";
        write_blobs(&entries, &stream[..], dir.path()).unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("seeds/a.txt")).unwrap(),
            b"abc"
        );
        assert_eq!(std::fs::read(dir.path().join("b")).unwrap(), b"");
        let short = b"1 blob 3\nab";
        assert!(write_blobs(&entries, &short[..], dir.path()).is_err());
        let missing = b"1 missing\n";
        assert!(write_blobs(&entries, &missing[..], dir.path()).is_err());
    }
}
