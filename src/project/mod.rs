//! Stage 1, load: read the project's files and parse them into plain data.
//! Problems in the content become diagnostics; only I/O failures that stop
//! the whole run are errors.

pub mod briefing;
pub mod fact;
mod fast_yaml;
pub mod read;
pub mod source;
pub mod templates;
pub(crate) mod yaml;

use crate::diagnostic::{Diagnostic, Files, Span};
use crate::memo::Memo;
use crate::project::briefing::Briefing;
use crate::project::fact::{Fact, ParsedFile, parse_fact_file, reparse_facts};
use crate::project::read::{Unread, project_path, read_regular, read_text, symlink_refused};
use crate::project::source::{ManifestEntry, SeedFile, parse_manifest};
use crate::project::templates::Template;
use crate::project::yaml::YamlText;
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod folders;
use folders::{Folder, fact_files, project_folder, read_seeds};
#[cfg(test)]
mod tests;

pub const MANIFEST: &str = "seeds/sources.yaml";
pub const BRIEFING: &str = "content/briefing.md";
pub const FACTS_DIR: &str = "content/facts";
pub const SEEDS_DIR: &str = "seeds";

/// A loaded project: plain data, with the texts diagnostics point into.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub files: Files,
    /// Path of the manifest as shown in diagnostics.
    pub manifest_path: PathBuf,
    /// Shared with the load cache: unchanged since the last run, the same
    /// `Arc`, which later memos compare by pointer.
    pub manifest: Arc<Vec<ManifestEntry>>,
    /// Files directly inside `seeds/` (not the manifest, not dotfiles), by name.
    pub seeds: Vec<SeedFile>,
    /// Shared with the load cache, which keeps each file's parse.
    pub facts: Vec<Arc<Fact>>,
    /// False when a fact file could not be parsed: references to its facts
    /// are then not reported as unknown (the parse error says it all).
    pub facts_complete: bool,
    pub briefing: Option<Briefing>,
    pub templates: Vec<Template>,
}

/// What loading keeps for the next run: each file's parse, by path, with
/// the text it was parsed from; and, for serve, each seed and fact file as
/// read, for the next run to take instead of reading it again when the
/// watcher saw no change to it (see [`Changed`]).
#[derive(Default)]
pub struct LoadCache {
    manifest: Memo<PathBuf, String, Parsed<Arc<Vec<ManifestEntry>>>>,
    facts: Memo<PathBuf, Arc<str>, ParsedFile>,
    /// Each seed as read, by file name.
    seed_reads: Memo<String, (), ReadSeed>,
    /// Each fact file as read, by path.
    fact_reads: Memo<PathBuf, (), ReadFactFile>,
    /// The files that may have changed since the last run: set for one run.
    changed: Changed,
}

/// The files that may differ from the last run's reading of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Changed {
    /// Any file: every file is read (the only answer `build` and `check`
    /// give, and serve's after a watcher error or a rescan).
    #[default]
    All,
    /// Only these, by path relative to the project folder: every other
    /// file that the last run read is taken as it was read.
    Paths(std::collections::HashSet<PathBuf>),
}

impl Changed {
    /// Whether the file at `rel` (relative to the project folder) may have
    /// changed.
    fn may_have(&self, rel: &Path) -> bool {
        match self {
            Changed::All => true,
            Changed::Paths(paths) => paths.contains(rel),
        }
    }
}

impl LoadCache {
    pub fn new(keep: bool) -> LoadCache {
        LoadCache {
            manifest: Memo::new(keep),
            facts: Memo::new(keep),
            seed_reads: Memo::new(keep),
            fact_reads: Memo::new(keep),
            changed: Changed::All,
        }
    }

    /// Says which files may have changed before the next run (serve, from
    /// its watcher). The run after that reads every file again unless told
    /// again.
    pub fn set_changed(&mut self, changed: Changed) {
        self.changed = changed;
    }

    fn finish_run(&mut self) {
        self.manifest.finish_run();
        self.facts.finish_run();
        self.seed_reads.finish_run();
        self.fact_reads.finish_run();
        self.changed = Changed::All;
    }
}

/// `path` (as [`project_path`] builds it) relative to the project folder.
fn relative<'a>(root: &Path, path: &'a Path) -> &'a Path {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        path
    } else {
        path.strip_prefix(root).unwrap_or(path)
    }
}

/// A parsed YAML file, or the one diagnostic saying why it does not parse.
type Parsed<T> = std::result::Result<T, Box<Diagnostic>>;

// Over 80 lines: the load stage's sequence (folders, manifest, facts and seeds in parallel, briefing, templates), whose order is the order of the diagnostics. Moved unchanged in the issue-13 redesign, so that
// branches that patch it can be ported; a split is a later, separate change.
pub fn load(root: &Path, cache: &mut LoadCache) -> Result<(Project, Vec<Diagnostic>)> {
    if !root.is_dir() {
        bail!("{} is not a folder", root.display());
    }
    let mut diags = Vec::new();
    let mut files = Files::default();

    // Folders that are links are refused, never followed: what they point
    // to is not part of the project.
    let seeds_dir = project_folder(root, SEEDS_DIR, &mut diags);
    let content_dir = project_folder(root, "content", &mut diags);
    let facts_dir = match content_dir {
        Folder::Read => project_folder(root, FACTS_DIR, &mut diags),
        other => other,
    };
    let templates_dir = project_folder(root, templates::DIR, &mut diags);
    let (seeds_dir, content_dir, facts_refused, facts_dir, templates_dir) = (
        seeds_dir == Folder::Read,
        content_dir == Folder::Read,
        facts_dir == Folder::Refused,
        facts_dir == Folder::Read,
        templates_dir == Folder::Read,
    );

    // The manifest is parsed while the seeds are read and the fact files are
    // read and parsed; diagnostics keep the order of a sequential load.
    let manifest_path = project_path(root, MANIFEST);
    let manifest_cache = &mut cache.manifest;
    let (facts_cache, fact_reads) = (&mut cache.facts, &mut cache.fact_reads);
    let (seed_reads, changed) = (&mut cache.seed_reads, &cache.changed);
    let ((manifest, seeds), fact_files) = rayon::join(
        || {
            rayon::join(
                || {
                    let (mut files, mut diags) = (Files::default(), Vec::new());
                    let manifest = if seeds_dir {
                        read_manifest(&manifest_path, manifest_cache, &mut files, &mut diags)
                    } else {
                        Arc::default()
                    };
                    (manifest, files, diags)
                },
                || -> Result<_> {
                    let (mut files, mut diags) = (Files::default(), Vec::new());
                    let seeds = if seeds_dir {
                        read_seeds(root, (seed_reads, changed), &mut files, &mut diags)?
                    } else {
                        Vec::new()
                    };
                    Ok((seeds, files, diags))
                },
            )
        },
        || -> Result<_> {
            let mut diags = Vec::new();
            let paths = if facts_dir {
                fact_files(root, &mut diags)
            } else {
                Vec::new()
            };
            let reads = (fact_reads, changed);
            Ok((read_fact_files(root, paths, reads, facts_cache), diags))
        },
    );
    let (manifest, manifest_files, mut manifest_diags) = manifest;
    files.merge(manifest_files);
    diags.append(&mut manifest_diags);
    let (seeds, seed_texts, mut seed_diags) = seeds?;
    let (fact_files, mut listing_diags) = fact_files?;
    files.merge(seed_texts);
    diags.append(&mut seed_diags);
    diags.append(&mut listing_diags);

    let mut facts = Vec::new();
    let mut facts_complete = !facts_refused;
    for file in fact_files {
        diags.extend(file.diagnostics);
        files.merge(file.shown);
        match file.text {
            Some(text) => files.insert_shared(&file.path, text),
            None => facts_complete = false,
        }
        match file.facts {
            Ok(mut f) => facts.append(&mut f),
            Err(d) => {
                diags.push(*d);
                facts_complete = false;
            }
        }
    }

    let briefing_path = project_path(root, BRIEFING);
    let briefing_text = if content_dir {
        read_text(&briefing_path, &mut diags, &mut files)
    } else {
        None
    };
    let briefing = match briefing_text {
        Some(text) => {
            files.add(&briefing_path, &text);
            briefing::parse(&briefing_path, &text)
                .map_err(|d| diags.push(*d))
                .ok()
        }
        None => None,
    };

    let templates = templates::load(root, templates_dir, &mut diags, &mut files)?;
    for t in &templates {
        files.add(&t.path, &t.text);
    }
    cache.finish_run();

    Ok((
        Project {
            root: root.to_path_buf(),
            files,
            manifest_path,
            manifest,
            seeds,
            facts,
            facts_complete,
            briefing,
            templates,
        },
        diags,
    ))
}

/// Reads and parses `seeds/sources.yaml` (reused from the cache when its
/// text is unchanged).
fn read_manifest(
    path: &Path,
    cache: &mut Memo<PathBuf, String, Parsed<Arc<Vec<ManifestEntry>>>>,
    files: &mut Files,
    diags: &mut Vec<Diagnostic>,
) -> Arc<Vec<ManifestEntry>> {
    let Some(text) = read_text(path, diags, files) else {
        return Arc::default();
    };
    let parsed = cache.get_or_compute(
        &path.to_path_buf(),
        |t| *t == text,
        || parse_manifest(&YamlText::whole(path, &text)).map(Arc::new),
        || (path.to_path_buf(), text.clone()),
    );
    files.insert(path, text);
    parsed.unwrap_or_else(|d| {
        diags.push(*d);
        Arc::default()
    })
}

/// A seed as read: the file, its text for diagnostics, and any problem.
pub(crate) type ReadSeed = (SeedFile, Option<(PathBuf, Arc<str>)>, Option<Diagnostic>);

/// One fact file, read and parsed.
struct FactFile {
    path: PathBuf,
    /// `None` when the file could not be read as text.
    text: Option<Arc<str>>,
    /// The text a diagnostic about an unreadable file points into.
    shown: Files,
    diagnostics: Vec<Diagnostic>,
    facts: Parsed<Vec<Arc<Fact>>>,
}

/// Reads the fact files in parallel (each one the watcher saw no change to
/// is taken as the last run read it), and parses those whose text differs
/// from the cached parse (all of them, with an empty cache) in parallel.
fn read_fact_files(
    root: &Path,
    paths: Vec<PathBuf>,
    (reads, changed): (&mut Memo<PathBuf, (), ReadFactFile>, &Changed),
    cache: &mut Memo<PathBuf, Arc<str>, ParsedFile>,
) -> Vec<FactFile> {
    let kept: Vec<Option<ReadFactFile>> = paths
        .iter()
        .map(|path| {
            let unchanged = !changed.may_have(relative(root, path));
            reads.get(path, |_| unchanged)
        })
        .collect();
    let read: Vec<(ReadFactFile, bool)> = paths
        .into_par_iter()
        .zip(kept)
        .map(|(path, kept)| match kept {
            Some(kept) => (kept, true),
            None => {
                let mut diagnostics = Vec::new();
                let mut shown = Files::default();
                let text = read_text(&path, &mut diagnostics, &mut shown).map(Arc::from);
                ((path, diagnostics, shown, text), false)
            }
        })
        .collect();
    let read: Vec<ReadFactFile> = read
        .into_iter()
        .map(|(file, kept)| {
            if !kept {
                reads.put(|| (file.0.clone(), (), file.clone()));
            }
            file
        })
        .collect();
    let hits: Vec<Option<ParsedFile>> = read
        .iter()
        .map(|(path, _, _, text)| {
            let text = text.as_ref()?;
            // An unchanged file is the last run's text itself.
            cache.get(path, |t| Arc::ptr_eq(t, text) || t == text)
        })
        .collect();
    let cache_ref = &*cache;
    let files: Vec<(FactFile, Option<Arc<fast_yaml::Layout>>, bool)> = read
        .into_par_iter()
        .zip(hits)
        .map(|((path, diagnostics, shown, text), hit)| {
            let hit_found = hit.is_some();
            let (facts, layout) = match (hit, &text) {
                (Some(parsed), _) => parsed,
                (None, Some(text)) => parse_edited(&path, text, cache_ref),
                (None, None) => (Ok(Vec::new()), None),
            };
            let file = FactFile {
                path,
                text,
                shown,
                diagnostics,
                facts,
            };
            (file, layout, hit_found)
        })
        .collect();
    files
        .into_iter()
        .map(|(file, layout, hit)| {
            if let (false, Some(text)) = (hit, &file.text) {
                cache.put(|| {
                    (
                        file.path.clone(),
                        text.clone(),
                        (file.facts.clone(), layout),
                    )
                });
            }
            file
        })
        .collect()
}

/// Parses the fact file `path`, whose text is `text`: when the last run's
/// fast reading of it is in the cache, only the facts the edit touched are
/// read again ([`reparse_facts`]); else the whole file. In a debug build,
/// the first is checked against the second.
fn parse_edited(
    path: &Path,
    text: &str,
    cache: &Memo<PathBuf, Arc<str>, ParsedFile>,
) -> ParsedFile {
    if let Some((old, (Ok(facts), Some(layout)))) = cache.last(path)
        && let Some((facts, layout, _)) = reparse_facts(path, (old, facts, layout), text)
    {
        let parsed: ParsedFile = (Ok(facts), Some(Arc::new(layout)));
        debug_assert_eq!(parsed, parse_fact_file(path, text), "{}", path.display());
        return parsed;
    }
    parse_fact_file(path, text)
}

/// A fact file as read: path, diagnostics, texts they show, text.
type ReadFactFile = (PathBuf, Vec<Diagnostic>, Files, Option<Arc<str>>);
