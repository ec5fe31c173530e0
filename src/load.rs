//! Stage 1, load: read the project's files and parse them into plain data.
//! Problems in the content become diagnostics; only I/O failures that stop
//! the whole run are errors.

use crate::briefing::{self, Briefing};
use crate::cache::Memo;
use crate::diagnostic::{Diagnostic, Files, Span};
use crate::fact::{Fact, parse_facts};
use crate::source::{ManifestEntry, SeedFile, parse_manifest};
use crate::templates::{self, Template};
use crate::yaml::YamlText;
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The largest file sourced reads. Real seeds are a few kilobytes; anything
/// this large is almost certainly a mistake, and matching stays fast.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

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
    pub manifest: Vec<ManifestEntry>,
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

/// The path of a project file as diagnostics show it: relative to the
/// current directory when the root is `.`, else under the root.
pub fn shown(root: &Path, rel: &str) -> PathBuf {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        PathBuf::from(rel)
    } else {
        root.join(rel)
    }
}

/// What loading keeps for the next run: each file's parse, by path, with
/// the text it was parsed from.
#[derive(Default)]
pub struct LoadCache {
    manifest: Memo<PathBuf, String, Parsed<Vec<ManifestEntry>>>,
    facts: Memo<PathBuf, String, Parsed<Vec<Arc<Fact>>>>,
}

impl LoadCache {
    pub fn new(keep: bool) -> LoadCache {
        LoadCache {
            manifest: Memo::new(keep),
            facts: Memo::new(keep),
        }
    }

    fn finish_run(&mut self) {
        self.manifest.finish_run();
        self.facts.finish_run();
    }
}

/// A parsed YAML file, or the one diagnostic saying why it does not parse.
type Parsed<T> = std::result::Result<T, Box<Diagnostic>>;

pub fn load(root: &Path, cache: &mut LoadCache) -> Result<(Project, Vec<Diagnostic>)> {
    if !root.is_dir() {
        bail!("{} is not a folder", root.display());
    }
    let mut diags = Vec::new();
    let mut files = Files::default();

    let manifest_path = shown(root, MANIFEST);
    let manifest = match read_text(&manifest_path, &mut diags)? {
        Some(text) => {
            let parsed = cache.manifest.get_or_compute(
                &manifest_path,
                |t| *t == text,
                || parse_manifest(&YamlText::whole(&manifest_path, &text)),
                || (manifest_path.clone(), text.clone()),
            );
            files.insert(&manifest_path, text);
            parsed.unwrap_or_else(|d| {
                diags.push(*d);
                Vec::new()
            })
        }
        None => Vec::new(),
    };

    // Seeds are read while fact files are read and parsed.
    let (seeds, fact_files) = rayon::join(
        || -> Result<_> {
            let (mut files, mut diags) = (Files::default(), Vec::new());
            let seeds = read_seeds(root, &mut files, &mut diags)?;
            Ok((seeds, files, diags))
        },
        || -> Result<_> {
            let mut diags = Vec::new();
            let paths = fact_files(root, &mut diags)?;
            Ok((read_fact_files(paths, &mut cache.facts)?, diags))
        },
    );
    let (seeds, seed_texts, mut seed_diags) = seeds?;
    let (fact_files, mut listing_diags) = fact_files?;
    files.merge(seed_texts);
    diags.append(&mut seed_diags);
    diags.append(&mut listing_diags);

    let mut facts = Vec::new();
    let mut facts_complete = true;
    for file in fact_files {
        diags.extend(file.diagnostics);
        match file.text {
            Some(text) => files.insert(&file.path, text),
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

    let briefing_path = shown(root, BRIEFING);
    let briefing = match read_text(&briefing_path, &mut diags)? {
        Some(text) => {
            files.add(&briefing_path, &text);
            briefing::parse(&briefing_path, &text)
                .map_err(|d| diags.push(*d))
                .ok()
        }
        None => None,
    };

    let templates = templates::load(root, &mut diags)?;
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

/// A seed as read: the file, its text for diagnostics, and any problem.
type ReadSeed = (SeedFile, Option<(PathBuf, String)>, Option<Diagnostic>);

/// One fact file, read and parsed.
struct FactFile {
    path: PathBuf,
    /// `None` when the file could not be read as text.
    text: Option<String>,
    diagnostics: Vec<Diagnostic>,
    facts: Parsed<Vec<Arc<Fact>>>,
}

/// Reads the fact files in parallel, and parses those whose text differs
/// from the cached parse (all of them, with an empty cache) in parallel.
fn read_fact_files(
    paths: Vec<PathBuf>,
    cache: &mut Memo<PathBuf, String, Parsed<Vec<Arc<Fact>>>>,
) -> Result<Vec<FactFile>> {
    let read: Vec<(PathBuf, Vec<Diagnostic>, Option<String>)> = paths
        .into_par_iter()
        .map(|path| {
            let mut diagnostics = Vec::new();
            let text = read_text(&path, &mut diagnostics)?;
            Ok((path, diagnostics, text))
        })
        .collect::<Result<_>>()?;
    let hits: Vec<Option<Parsed<Vec<Arc<Fact>>>>> = read
        .iter()
        .map(|(path, _, text)| {
            let text = text.as_ref()?;
            cache.get(path, |t| t == text)
        })
        .collect();
    let files: Vec<(FactFile, bool)> = read
        .into_par_iter()
        .zip(hits)
        .map(|((path, diagnostics, text), hit)| {
            let hit_found = hit.is_some();
            let facts = match (hit, &text) {
                (Some(parsed), _) => parsed,
                (None, Some(text)) => {
                    parse_facts(&YamlText::whole(&path, text), "invalid fact file")
                        .map(|facts| facts.into_iter().map(Arc::new).collect())
                }
                (None, None) => Ok(Vec::new()),
            };
            let file = FactFile {
                path,
                text,
                diagnostics,
                facts,
            };
            (file, hit_found)
        })
        .collect();
    Ok(files
        .into_iter()
        .map(|(file, hit)| {
            if let (false, Some(text)) = (hit, &file.text) {
                cache.put(|| (file.path.clone(), text.clone(), file.facts.clone()));
            }
            file
        })
        .collect())
}

/// Reads a required UTF-8 file. A missing, oversized or non-UTF-8 file is a
/// diagnostic (`Ok(None)`); other I/O failures are errors.
pub fn read_text(path: &Path, diags: &mut Vec<Diagnostic>) -> Result<Option<String>> {
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            diags.push(
                Diagnostic::error("missing-file", format!("{} does not exist", path.display()))
                    .at(Span::new(path, 0..0), "")
                    .help("create it; README.md describes the files of a project"),
            );
            return Ok(None);
        }
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    if meta.file_type().is_symlink() {
        diags.push(symlink_refused(path));
        return Ok(None);
    }
    if meta.len() > MAX_FILE_BYTES {
        diags.push(too_large(path, meta.len()));
        return Ok(None);
    }
    let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(utf8(path, bytes, diags))
}

fn utf8(path: &Path, bytes: Vec<u8>, diags: &mut Vec<Diagnostic>) -> Option<String> {
    match String::from_utf8(bytes) {
        Ok(s) => Some(s),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            diags.push(
                Diagnostic::error("not-utf8", format!("{} is not valid UTF-8", path.display()))
                    .at(Span::new(path, 0..0), "")
                    .note(format!("the first invalid byte is at offset {at}"))
                    .help("save the file as UTF-8"),
            );
            None
        }
    }
}

fn symlink_refused(path: &Path) -> Diagnostic {
    Diagnostic::error(
        "symlink",
        format!("{} is a symbolic link", path.display()),
    )
    .at(Span::new(path, 0..0), "")
    .help("replace the link with a copy of the file: sourced only reads files that are part of the project")
}

fn too_large(path: &Path, len: u64) -> Diagnostic {
    Diagnostic::error(
        "file-too-large",
        format!(
            "{} is {} bytes, more than the limit of {} bytes",
            path.display(),
            len,
            MAX_FILE_BYTES
        ),
    )
    .at(Span::new(path, 0..0), "")
    .help("split or trim the file")
}

fn read_seeds(
    root: &Path,
    files: &mut Files,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<SeedFile>> {
    let dir = root.join(SEEDS_DIR);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut entries = Vec::new();
    for entry in fs::read_dir(&dir).with_context(|| format!("listing {}", dir.display()))? {
        let entry = entry.with_context(|| format!("listing {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let file_type = entry
            .file_type()
            .with_context(|| format!("reading {}", entry.path().display()))?;
        if name.starts_with('.') || name == "sources.yaml" || file_type.is_dir() {
            continue;
        }
        entries.push((entry, name, file_type.is_symlink()));
    }
    // Seeds are read in parallel; each yields its text for diagnostics.
    let read: Vec<Result<ReadSeed>> = entries
        .into_par_iter()
        .map(|(entry, name, is_symlink)| {
            let path = shown(root, &format!("{SEEDS_DIR}/{name}"));
            let mut seed = SeedFile {
                name,
                bytes: Vec::new(),
                is_symlink,
                too_large: false,
            };
            if is_symlink {
                return Ok((seed, None, None));
            }
            let len = entry.metadata().map(|m| m.len()).unwrap_or(0);
            if len > MAX_FILE_BYTES {
                seed.too_large = true;
                return Ok((seed, None, Some(too_large(&path, len))));
            }
            seed.bytes =
                fs::read(entry.path()).with_context(|| format!("reading {}", path.display()))?;
            let text = std::str::from_utf8(&seed.bytes)
                .ok()
                .map(|t| (path, t.to_string()));
            Ok((seed, text, None))
        })
        .collect();
    let mut seeds = Vec::new();
    for r in read {
        let (seed, text, diag) = r?;
        if let Some((path, text)) = text {
            files.insert(&path, text);
        }
        diags.extend(diag);
        seeds.push(seed);
    }
    seeds.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(seeds)
}

/// Every `*.yaml`/`*.yml` under `content/facts`, sorted. Symbolic links are
/// refused (never followed).
fn fact_files(root: &Path, diags: &mut Vec<Diagnostic>) -> Result<Vec<PathBuf>> {
    let dir = root.join(FACTS_DIR);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("listing {}", dir.display()))?;
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let path = shown(root, &rel.to_string_lossy());
        let is_yaml = matches!(
            entry.path().extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        if entry.path_is_symlink() {
            diags.push(symlink_refused(&path));
        } else if entry.file_type().is_file() && is_yaml {
            out.push(path);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_paths_are_relative_to_the_current_folder() {
        assert_eq!(
            shown(Path::new("."), "seeds/a.txt"),
            PathBuf::from("seeds/a.txt")
        );
        assert_eq!(
            shown(Path::new("proj"), "seeds/a.txt"),
            PathBuf::from("proj/seeds/a.txt")
        );
    }
}
