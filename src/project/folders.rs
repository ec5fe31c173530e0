//! The project's folders and the files in them: seeds, fact files, and the
//! refusal of folders that are links.

use super::*;

/// Reads the seeds in parallel; each seed the watcher saw no change to is
/// taken as the last run read it (see [`Changed`]).
pub(super) fn read_seeds(
    root: &Path,
    (reads, changed): (&mut Memo<String, (), ReadSeed>, &Changed),
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
    let kept: Vec<Option<ReadSeed>> = entries
        .iter()
        .map(|(_, name, is_symlink)| {
            let rel = Path::new(SEEDS_DIR).join(name);
            let unchanged = !changed.may_have(&rel);
            let kept = reads.get(name.as_str(), |_| unchanged)?;
            // A file that became a link, or a link a file, was changed.
            (kept.0.is_symlink == *is_symlink).then_some(kept)
        })
        .collect();
    // Seeds are read in parallel; each yields its text for diagnostics.
    let read: Vec<(ReadSeed, bool)> = entries
        .into_par_iter()
        .zip(kept)
        .map(|((entry, name, is_symlink), kept)| match kept {
            Some(kept) => (kept, true),
            None => (read_seed(root, &entry, name, is_symlink), false),
        })
        .collect();
    let mut seeds = Vec::new();
    for ((seed, text, diag), kept) in read {
        if !kept {
            reads.put(|| {
                let read = (seed.clone(), text.clone(), diag.clone());
                (seed.name.clone(), (), read)
            });
        }
        if let Some((path, text)) = text {
            files.insert_shared(&path, text);
        }
        diags.extend(diag);
        seeds.push(seed);
    }
    seeds.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(seeds)
}

/// Reads one seed: the file, its text for diagnostics, and any problem.
fn read_seed(root: &Path, entry: &fs::DirEntry, name: String, is_symlink: bool) -> ReadSeed {
    let path = project_path(root, &format!("{SEEDS_DIR}/{name}"));
    let mut seed = SeedFile {
        name,
        path: path.clone(),
        bytes: std::sync::Arc::from([]),
        text: None,
        is_symlink,
        too_large: false,
    };
    if is_symlink {
        // Reported by verify, at the seed's manifest entry.
        return (seed, None, None);
    }
    match read_regular(&entry.path()) {
        // One allocation for the bytes and the text when it is UTF-8.
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => {
                let text: std::sync::Arc<str> = text.into();
                seed.bytes = text.clone().into();
                seed.text = Some(text);
            }
            Err(not_utf8) => seed.bytes = not_utf8.into_bytes().into(),
        },
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
    let text = seed.text.clone().map(|t| (path, t));
    (seed, text, None)
}

/// Whether the project folder `rel` is a folder to read. A symbolic link
/// is refused with a diagnostic, never followed; a missing folder is not
/// read (the files expected in it are reported missing where they matter).
pub(super) fn project_folder(root: &Path, rel: &str, diags: &mut Vec<Diagnostic>) -> Folder {
    let path = root.join(rel);
    match fs::symlink_metadata(&path) {
        Ok(m) if m.file_type().is_symlink() => {
            diags.push(folder_link_refused(&project_path(root, rel)));
            Folder::Refused
        }
        Ok(m) if m.is_dir() => Folder::Read,
        _ => Folder::Absent,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Folder {
    Read,
    Absent,
    Refused,
}

pub(super) fn folder_link_refused(path: &Path) -> Diagnostic {
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
pub(super) fn fact_files(root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
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
                let path = project_path(root, &rel.to_string_lossy());
                let io = e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("a folder loop"));
                diags.push(Unread::Io(io).diagnostic(&path));
                continue;
            }
        };
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let path = project_path(root, &rel.to_string_lossy());
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
