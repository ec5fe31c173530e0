//! Stage 1, load: read the project's files and parse them into plain data.
//! Problems in the content become diagnostics; only I/O failures that stop
//! the whole run are errors.

pub mod briefing;
pub mod fact;
pub mod source;
pub mod templates;
mod yaml;

use crate::diagnostic::{Diagnostic, Files, Span};
use crate::memo::Memo;
use crate::project::briefing::Briefing;
use crate::project::fact::{Fact, parse_facts};
use crate::project::source::{ManifestEntry, SeedFile, parse_manifest};
use crate::project::templates::Template;
use crate::project::yaml::YamlText;
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

    let manifest_path = shown(root, MANIFEST);
    let manifest_text = if seeds_dir {
        read_text(&manifest_path, &mut diags, &mut files)
    } else {
        None
    };
    let manifest = match manifest_text {
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
            let seeds = if seeds_dir {
                read_seeds(root, &mut files, &mut diags)?
            } else {
                Vec::new()
            };
            Ok((seeds, files, diags))
        },
        || -> Result<_> {
            let mut diags = Vec::new();
            let paths = if facts_dir {
                fact_files(root, &mut diags)
            } else {
                Vec::new()
            };
            Ok((read_fact_files(paths, &mut cache.facts), diags))
        },
    );
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

/// A seed as read: the file, its text for diagnostics, and any problem.
type ReadSeed = (SeedFile, Option<(PathBuf, String)>, Option<Diagnostic>);

/// One fact file, read and parsed.
struct FactFile {
    path: PathBuf,
    /// `None` when the file could not be read as text.
    text: Option<String>,
    /// The text a diagnostic about an unreadable file points into.
    shown: Files,
    diagnostics: Vec<Diagnostic>,
    facts: Parsed<Vec<Arc<Fact>>>,
}

/// Reads the fact files in parallel, and parses those whose text differs
/// from the cached parse (all of them, with an empty cache) in parallel.
fn read_fact_files(
    paths: Vec<PathBuf>,
    cache: &mut Memo<PathBuf, String, Parsed<Vec<Arc<Fact>>>>,
) -> Vec<FactFile> {
    let read: Vec<ReadFactFile> = paths
        .into_par_iter()
        .map(|path| {
            let mut diagnostics = Vec::new();
            let mut shown = Files::default();
            let text = read_text(&path, &mut diagnostics, &mut shown);
            (path, diagnostics, shown, text)
        })
        .collect();
    let hits: Vec<Option<Parsed<Vec<Arc<Fact>>>>> = read
        .iter()
        .map(|(path, _, _, text)| {
            let text = text.as_ref()?;
            cache.get(path, |t| t == text)
        })
        .collect();
    let files: Vec<(FactFile, bool)> = read
        .into_par_iter()
        .zip(hits)
        .map(|((path, diagnostics, shown, text), hit)| {
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
                shown,
                diagnostics,
                facts,
            };
            (file, hit_found)
        })
        .collect();
    files
        .into_iter()
        .map(|(file, hit)| {
            if let (false, Some(text)) = (hit, &file.text) {
                cache.put(|| (file.path.clone(), text.clone(), file.facts.clone()));
            }
            file
        })
        .collect()
}

/// A fact file as read: path, diagnostics, texts they show, text.
type ReadFactFile = (PathBuf, Vec<Diagnostic>, Files, Option<String>);

/// Reads a required UTF-8 file. A file that is missing, a symbolic link,
/// not a regular file, oversized, unreadable or not UTF-8 is a diagnostic
/// (`None`); a non-UTF-8 file's text, with the bad bytes replaced, goes
/// to `files` so that the diagnostic can show where they are.
pub fn read_text(path: &Path, diags: &mut Vec<Diagnostic>, files: &mut Files) -> Option<String> {
    match read_regular(path) {
        Ok(bytes) => utf8(path, bytes, diags, files),
        Err(problem) => {
            diags.push(problem.diagnostic(path));
            None
        }
    }
}

/// Why a file was not read.
#[derive(Debug)]
enum Unread {
    Missing,
    Symlink,
    /// What it is instead: a named pipe, a device …
    NotRegular(&'static str),
    TooLarge(u64),
    Io(std::io::Error),
}

impl Unread {
    fn diagnostic(self, path: &Path) -> Diagnostic {
        match self {
            Unread::Missing => {
                Diagnostic::error("missing-file", format!("{} does not exist", path.display()))
                    .at(Span::new(path, 0..0), "")
                    .help("create it; README.md describes the files of a project")
            }
            Unread::Symlink => symlink_refused(path),
            Unread::NotRegular(kind) => Diagnostic::error(
                "not-a-file",
                format!("{} is {kind}, not a regular file", path.display()),
            )
            .at(Span::new(path, 0..0), "")
            .help("sourced reads only regular files: replace it with a file holding the text"),
            Unread::TooLarge(len) => too_large(path, len),
            Unread::Io(e) => {
                let (why, help) = match e.kind() {
                    std::io::ErrorKind::PermissionDenied => (
                        "permission denied".to_string(),
                        format!(
                            "make it readable for the user running sourced, e.g. `chmod u+r {}`",
                            path.display()
                        ),
                    ),
                    _ => (e.to_string(), "check the file and try again".to_string()),
                };
                Diagnostic::error(
                    "unreadable",
                    format!("{} cannot be read: {why}", path.display()),
                )
                .at(Span::new(path, 0..0), "")
                .help(help)
            }
        }
    }
}

/// What a file that is not a regular file is, for diagnostics.
fn kind_of(t: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        } else if t.is_socket() {
            return "a socket";
        } else if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_dir() { "a folder" } else { "not a file" }
}

/// The bytes of a regular file of at most [`MAX_FILE_BYTES`]. A symbolic
/// link is never followed, and a named pipe or device is never opened for
/// a blocking read: the file is opened without following links and without
/// blocking, and checked again once open.
fn read_regular(path: &Path) -> std::result::Result<Vec<u8>, Unread> {
    use std::io::Read;
    let check = |m: &fs::Metadata| {
        if m.file_type().is_symlink() {
            Err(Unread::Symlink)
        } else if !m.is_file() {
            Err(Unread::NotRegular(kind_of(m.file_type())))
        } else if m.len() > MAX_FILE_BYTES {
            Err(Unread::TooLarge(m.len()))
        } else {
            Ok(())
        }
    };
    match fs::symlink_metadata(path) {
        Ok(m) => check(&m)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Unread::Missing),
        Err(e) => return Err(Unread::Io(e)),
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let flags = rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOFOLLOW;
        options.custom_flags(flags.bits() as i32);
    }
    let file = options.open(path).map_err(|e| match e.kind() {
        // O_NOFOLLOW on a link that replaced the file since.
        _ if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => {
            Unread::Symlink
        }
        _ => Unread::Io(e),
    })?;
    check(&file.metadata().map_err(Unread::Io)?)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(Unread::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Unread::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

fn utf8(
    path: &Path,
    bytes: Vec<u8>,
    diags: &mut Vec<Diagnostic>,
    files: &mut Files,
) -> Option<String> {
    match String::from_utf8(bytes) {
        Ok(s) => match control_character(&s) {
            None => Some(s),
            Some((at, c)) => {
                diags.push(control_refused(path, at, c));
                files.insert(path, s);
                None
            }
        },
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bad = e.utf8_error().error_len().unwrap_or(1);
            // The text up to the bad bytes is kept as it is, so the
            // replacement character stands exactly at `at`.
            let shown = String::from_utf8_lossy(e.as_bytes()).into_owned();
            files.insert(path, shown);
            diags.push(
                Diagnostic::error("not-utf8", format!("{} is not valid UTF-8", path.display()))
                    .at(
                        Span::new(path, at..at + '\u{FFFD}'.len_utf8()),
                        format!(
                            "{} not UTF-8 (byte offset {at})",
                            if bad == 1 {
                                "this byte is"
                            } else {
                                "these bytes are"
                            }
                        ),
                    )
                    .help("save the file as UTF-8"),
            );
            None
        }
    }
}

/// Whether `c` is a control character that may not appear in a project's
/// text: every C0 control but tab, line feed and carriage return, DEL, and
/// the C1 controls. They are invisible in editors and diffs, and not
/// allowed in HTML.
pub fn is_refused_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The first refused control character in `text`, with its byte offset.
fn control_character(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| is_refused_control(c))
}

/// The diagnostic for a control character at byte `at` of `path`.
pub fn control_refused(path: &Path, at: usize, c: char) -> Diagnostic {
    Diagnostic::error(
        "control-character",
        format!(
            "{} contains the control character U+{:04X}",
            path.display(),
            u32::from(c)
        ),
    )
    .at(Span::new(path, at..at + c.len_utf8()), "here")
    .help(
        "remove it: control characters are invisible in editors and diffs, and not allowed in HTML",
    )
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
    let read: Vec<ReadSeed> = entries
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
                // Reported by verify, at the seed's manifest entry.
                return (seed, None, None);
            }
            match read_regular(&entry.path()) {
                Ok(bytes) => seed.bytes = bytes,
                Err(Unread::Symlink) => {
                    seed.is_symlink = true;
                    return (seed, None, None);
                }
                Err(problem) => {
                    // Refused here, and skipped by verify.
                    seed.too_large = true;
                    return (seed, None, Some(problem.diagnostic(&path)));
                }
            }
            let text = std::str::from_utf8(&seed.bytes)
                .ok()
                .map(|t| (path, t.to_string()));
            (seed, text, None)
        })
        .collect();
    let mut seeds = Vec::new();
    for (seed, text, diag) in read {
        if let Some((path, text)) = text {
            files.insert(&path, text);
        }
        diags.extend(diag);
        seeds.push(seed);
    }
    seeds.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(seeds)
}

/// Whether the project folder `rel` is a folder to read. A symbolic link
/// is refused with a diagnostic, never followed; a missing folder is not
/// read (the files expected in it are reported missing where they matter).
fn project_folder(root: &Path, rel: &str, diags: &mut Vec<Diagnostic>) -> Folder {
    let path = root.join(rel);
    match fs::symlink_metadata(&path) {
        Ok(m) if m.file_type().is_symlink() => {
            diags.push(folder_link_refused(&shown(root, rel)));
            Folder::Refused
        }
        Ok(m) if m.is_dir() => Folder::Read,
        _ => Folder::Absent,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Folder {
    Read,
    Absent,
    Refused,
}

fn folder_link_refused(path: &Path) -> Diagnostic {
    Diagnostic::error(
        "symlink",
        format!("{} is a symbolic link to a folder", path.display()),
    )
    .at(Span::new(path, 0..0), "")
    .help("put the folder itself in the project: sourced does not follow links, so that it reads only files that are part of the project")
}

/// Every `*.yaml`/`*.yml` under `content/facts`, sorted. Names starting
/// with `.` (editor lock and backup files, hidden folders) and files of
/// other types are ignored. Symbolic links named `*.yaml`/`*.yml` or
/// pointing to a folder are refused (never followed).
fn fact_files(root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let dir = root.join(FACTS_DIR);
    let mut out = Vec::new();
    let walk = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let at = e.path().unwrap_or(&dir);
                let rel = at.strip_prefix(root).unwrap_or(at);
                let path = shown(root, &rel.to_string_lossy());
                let io = e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("a folder loop"));
                diags.push(Unread::Io(io).diagnostic(&path));
                continue;
            }
        };
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let path = shown(root, &rel.to_string_lossy());
        let is_yaml = matches!(
            entry.path().extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        if entry.path_is_symlink() {
            if is_yaml {
                diags.push(symlink_refused(&path));
            } else if entry.path().is_dir() {
                diags.push(folder_link_refused(&path));
            }
        } else if is_yaml && !entry.file_type().is_dir() {
            // Regular files, and anything else named `.yaml`, which
            // `read_text` refuses with a diagnostic.
            out.push(path);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_permission_error_is_one_plain_diagnostic() {
        // Tests run as root here, where no file is unreadable: the
        // diagnostic is checked directly.
        let e = std::io::Error::from_raw_os_error(13);
        let d = Unread::Io(e).diagnostic(Path::new("content/facts/a.yaml"));
        assert_eq!(d.code, "unreadable");
        assert_eq!(
            d.message,
            "content/facts/a.yaml cannot be read: permission denied"
        );
        assert_eq!(
            d.help.as_deref(),
            Some(
                "make it readable for the user running sourced, e.g. `chmod u+r content/facts/a.yaml`"
            )
        );
    }

    #[test]
    fn a_named_pipe_is_refused_without_opening_it() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join("p");
        let made = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap();
        assert!(made.success());
        // Opening it for a blocking read would wait for a writer forever.
        assert!(matches!(
            read_regular(&pipe),
            Err(Unread::NotRegular("a named pipe (FIFO)"))
        ));
        assert!(matches!(
            read_regular(dir.path()),
            Err(Unread::NotRegular("a folder"))
        ));
        assert!(matches!(
            read_regular(Path::new("/dev/null")),
            Err(Unread::NotRegular("a device"))
        ));
    }

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
