//! Stage 4, write: put the rendered files in the output folder atomically.
//!
//! The output folder is sourced's own: every build writes a marker file,
//! [`MARKER`], into it, and a build refuses (before rendering, and again
//! under the lock) an output folder that is not empty and holds neither the
//! marker nor a site from before the marker existed, a folder that is or
//! contains the project, one inside `seeds/`, `content/` or `templates/`, a
//! symbolic link, and anything that is not a folder.
//!
//! Builds into the same output take an exclusive lock on the folder that
//! holds it, so they run one after the other. The site is written to a fresh
//! temporary folder beside the output, then swapped in with one `rename`: on
//! Linux an exchange of the two folders (`renameat2(RENAME_EXCHANGE)`). Where
//! the exchange is not available (other systems, some file systems) the old
//! folder is renamed out of the way and the new one renamed into place: between
//! those two renames the output folder does not exist for a moment, and a
//! build killed exactly there leaves the previous site in `.NAME.old-PID`
//! beside it (the next build removes it). A failed build removes its
//! temporary folder and leaves the previous output as it was; a killed one
//! leaves at worst a stray temporary folder, which the next build removes.

mod stream;

use crate::render::OutputFile;
use anyhow::{Context, Result, bail};
use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
#[cfg(test)]
use stream::StagedFile;

/// The file every build writes into the output folder, so that the next
/// build knows the folder is sourced's to replace.
pub const MARKER: &str = ".sourced-build";
/// How much of a previous file is read at a time to compare it with the new
/// one.
const COMPARE_BUFFER: usize = 256 * 1024;
const MARKER_TEXT: &str = "This folder is written by `sourced build`, which replaces all of it on every build.\nDo not keep your own files here.\n";

/// Writes the site into `out` and returns how many files the site holds
/// (the rendered files and the marker).
pub fn write_site(root: &Path, out: &Path, files: &[OutputFile]) -> Result<usize> {
    for f in files {
        check_path(&f.path)?;
    }
    let staging = Staging::open(root, out)?;
    for f in files {
        staging.write(f)?;
    }
    staging.finish()
}

/// A site being written: the temporary folder beside the output, under the
/// lock, that [`Staging::finish`] swaps in. `build` puts each file in as
/// soon as it is rendered, from any thread, so that the site is never held
/// whole in memory; when the staging is dropped unfinished (a failed
/// render or write), the temporary folder is removed and the output is left
/// as it was.
pub struct Staging {
    out: PathBuf,
    old: PathBuf,
    tmp: TempDir,
    /// The folders made in `tmp` so far.
    dirs: Mutex<HashSet<PathBuf>>,
    /// Files put in so far.
    files: AtomicUsize,
    _lock: fs::File,
}

impl Staging {
    /// Takes the lock, checks the output folder again under it, removes the
    /// temporary folders of killed builds, and makes the temporary folder
    /// with the marker.
    pub fn open(root: &Path, out: &Path) -> Result<Staging> {
        let out = absolute(out)?;
        let parent = out
            .parent()
            .context("the output folder has no parent folder")?
            .to_path_buf();
        let name = out
            .file_name()
            .context("the output folder has no name")?
            .to_string_lossy()
            .into_owned();
        fs::create_dir_all(&parent).with_context(|| format!("creating {}", parent.display()))?;
        let lock = lock(&parent)?;
        check_output(root, &out)?;
        remove_stale(&parent, &name)?;
        let tmp = TempDir::create(parent.join(format!(".{name}.tmp-{}", std::process::id())))?;
        let marker = tmp.path.join(MARKER);
        fs::write(&marker, MARKER_TEXT).with_context(|| format!("writing {}", marker.display()))?;
        pause_point(0);
        Ok(Staging {
            old: parent.join(format!(".{name}.old-{}", std::process::id())),
            out,
            dirs: Mutex::new(HashSet::from([tmp.path.clone()])),
            tmp,
            files: AtomicUsize::new(0),
            _lock: lock,
        })
    }

    /// Writes `f` into the temporary folder. A file whose bytes are
    /// unchanged is hard-linked from the current output: no new inode, no
    /// data written. Files are never modified in place, so the previous
    /// site stays intact until it is removed.
    pub fn write(&self, f: &OutputFile) -> Result<()> {
        let path = self.make_parent(&f.path)?;
        let previous = self.out.join(&f.path);
        if !(unchanged(&previous, &f.bytes) && fs::hard_link(&previous, &path).is_ok()) {
            fs::write(&path, f.bytes.as_slice())
                .with_context(|| format!("writing {}", path.display()))?;
        }
        self.step();
        Ok(())
    }

    /// The path of `file` in the temporary folder, with its folder made.
    fn make_parent(&self, file: &Path) -> Result<PathBuf> {
        check_path(file)?;
        let path = self.tmp.path.join(file);
        if let Some(dir) = path.parent() {
            let mut dirs = self.dirs.lock().unwrap_or_else(|e| e.into_inner());
            if !dirs.contains(dir) {
                fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
                dirs.insert(dir.to_path_buf());
            }
        }
        Ok(path)
    }

    /// Counts a file written.
    fn step(&self) {
        pause_point(self.files.fetch_add(1, Ordering::SeqCst) + 1);
    }

    /// Swaps the temporary folder in as the output folder and returns how
    /// many files the site holds (the files put in and the marker).
    pub fn finish(self) -> Result<usize> {
        let files = self.files.load(Ordering::SeqCst);
        swap_in(&self.tmp.path, &self.out, &self.old)?;
        pause_point(files + 1);
        self.tmp.disarm();
        Ok(files + 1)
    }
}

/// Refuses a file path that would leave the output folder, or replace the
/// marker.
fn check_path(path: &Path) -> Result<()> {
    let normal = path.components().all(|c| matches!(c, Component::Normal(_)));
    if !normal || path == Path::new(MARKER) {
        bail!(
            "refusing to write outside the output folder: {}",
            path.display()
        );
    }
    Ok(())
}

/// Refuses an output folder that a build of `root` must not replace. Runs
/// before anything is rendered, and again under the lock just before the
/// swap.
pub fn check_output(root: &Path, out: &Path) -> Result<()> {
    let shown = out.display();
    let out = absolute(out)?;
    let meta = match fs::symlink_metadata(&out) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("reading {shown}")),
    };
    if meta.as_ref().is_some_and(|m| m.file_type().is_symlink()) {
        bail!(
            "the output folder {shown} is a symbolic link; pass the folder it points to with --out"
        );
    }
    let real_out = resolve(&out)?;
    let real_root = resolve(root)?;
    if real_root.starts_with(&real_out) {
        bail!(
            "the output folder {shown} is or contains the project folder; a build replaces its output folder, so choose a folder of its own, e.g. --out {}",
            root.join("public").display()
        );
    }
    for dir in ["seeds", "content", "templates"] {
        if real_out.starts_with(real_root.join(dir)) {
            bail!(
                "the output folder {shown} is inside the project's {dir}/ folder; choose a folder of its own, e.g. --out {}",
                root.join("public").display()
            );
        }
    }
    let Some(meta) = meta else { return Ok(()) };
    if !meta.is_dir() {
        bail!("the output folder {shown} exists and is not a folder; choose another --out");
    }
    let empty = fs::read_dir(&out)
        .with_context(|| format!("listing {shown}"))?
        .next()
        .is_none();
    if !empty && !is_site(&out) {
        bail!(
            "the output folder {shown} holds files that sourced did not write; a build replaces all of its output folder, so choose a new or empty folder (sourced marks the folders it writes with {MARKER})"
        );
    }
    Ok(())
}

/// Whether `dir` holds a site sourced wrote: it has the marker, or it is a
/// site from before the marker (an `index.html` and a schema 1 `facts.json`).
fn is_site(dir: &Path) -> bool {
    let is_file = |name: &str| fs::symlink_metadata(dir.join(name)).is_ok_and(|m| m.is_file());
    if is_file(MARKER) {
        return true;
    }
    is_file("index.html")
        && is_file("facts.json")
        && fs::read(dir.join("facts.json"))
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
            .is_some_and(|v| v.get("schema") == Some(&serde_json::Value::from(1)))
}

/// `p` made absolute with every symbolic link and `..` resolved, for the
/// part of it that exists; the rest is appended as written.
fn resolve(p: &Path) -> Result<PathBuf> {
    let mut real = PathBuf::new();
    for c in absolute(p)?.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => real.push(c),
            Component::CurDir => {}
            Component::ParentDir => {
                real.pop();
            }
            Component::Normal(n) => {
                real.push(n);
                if fs::symlink_metadata(&real).is_ok_and(|m| m.file_type().is_symlink()) {
                    real = real
                        .canonicalize()
                        .with_context(|| format!("resolving {}", real.display()))?;
                }
            }
        }
    }
    Ok(real)
}

/// Whether `path` is a regular file holding exactly `bytes`. The file is
/// compared piece by piece, never read whole into memory.
fn unchanged(path: &Path, bytes: &[u8]) -> bool {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            let capacity = COMPARE_BUFFER.min(bytes.len() + 1);
            fs::File::open(path).is_ok_and(|file| same_bytes(file, bytes, capacity))
        }
        _ => false,
    }
}

/// Whether reading `file` to its end gives exactly `bytes`, read through a
/// buffer of `capacity` bytes.
fn same_bytes(file: impl Read, bytes: &[u8], capacity: usize) -> bool {
    let mut file = std::io::BufReader::with_capacity(capacity, file);
    stream::next_equal(&mut file, bytes) && stream::at_end(&mut file)
}

fn absolute(p: &Path) -> Result<PathBuf> {
    std::path::absolute(p).with_context(|| format!("resolving {}", p.display()))
}

/// Takes the exclusive lock of builds into `parent`, waiting for any other
/// build to finish: a `flock` on the folder itself, so no lock file is left
/// in the user's folder. Released when the returned handle is dropped, or
/// the process ends.
fn lock(parent: &Path) -> Result<fs::File> {
    let dir = fs::File::open(parent).with_context(|| format!("opening {}", parent.display()))?;
    dir.lock()
        .with_context(|| format!("locking {}", parent.display()))?;
    Ok(dir)
}

/// Removes the temporary folders of builds that were killed. Runs under the
/// lock, so no live build owns them; only folders that are empty or hold a
/// site sourced wrote are removed.
fn remove_stale(parent: &Path, name: &str) -> Result<()> {
    let prefixes = [format!(".{name}.tmp-"), format!(".{name}.old-")];
    for entry in fs::read_dir(parent).with_context(|| format!("listing {}", parent.display()))? {
        let entry = entry?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let ours = prefixes.iter().any(|p| {
            file_name
                .strip_prefix(p.as_str())
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        });
        let path = entry.path();
        if ours
            && entry.file_type().is_ok_and(|t| t.is_dir())
            && (is_site(&path) || fs::read_dir(&path).is_ok_and(|mut d| d.next().is_none()))
        {
            fs::remove_dir_all(&path).with_context(|| format!("removing {}", path.display()))?;
        }
    }
    Ok(())
}

/// A hook for the test that kills builds: with `SOURCED_TEST_PAUSE_AT=K`, a
/// build stops for good at step K of its write (0: the temporary folder
/// made; 1..=n: after the n-th file; n+1: after the swap) and says so on
/// stderr, so the test kills it at a known moment rather than after a
/// guessed delay. It changes nothing else: output, diagnostics and exit
/// status are those of a build without it, up to the pause.
fn pause_point(step: usize) {
    static AT: std::sync::LazyLock<Option<usize>> = std::sync::LazyLock::new(|| {
        std::env::var("SOURCED_TEST_PAUSE_AT")
            .ok()
            .and_then(|v| v.parse().ok())
    });
    if *AT == Some(step) {
        eprintln!("paused at write step {step}");
        loop {
            std::thread::park();
        }
    }
}

/// A temporary folder removed when dropped, unless disarmed.
struct TempDir {
    path: PathBuf,
    armed: bool,
}

impl TempDir {
    fn create(path: PathBuf) -> Result<TempDir> {
        fs::create_dir(&path).with_context(|| format!("creating {}", path.display()))?;
        Ok(TempDir { path, armed: true })
    }

    fn disarm(mut self) {
        self.armed = false;
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if self.armed {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

fn swap_in(tmp: &Path, out: &Path, old: &Path) -> Result<()> {
    if !out.exists() {
        return fs::rename(tmp, out)
            .with_context(|| format!("moving the new site to {}", out.display()));
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, tmp, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            // `tmp` now holds the previous site.
            return fs::remove_dir_all(tmp)
                .with_context(|| format!("removing the previous site in {}", tmp.display()));
        }
    }
    swap_by_two_renames(tmp, out, old)
}

/// The swap where the exchange is not available: not atomic, see the
/// module's documentation.
fn swap_by_two_renames(tmp: &Path, out: &Path, old: &Path) -> Result<()> {
    fs::rename(out, old)
        .with_context(|| format!("moving the previous site out of {}", out.display()))?;
    if let Err(e) = fs::rename(tmp, out) {
        // Put the previous site back rather than leave no output at all.
        let _ = fs::rename(old, out);
        return Err(e).with_context(|| format!("moving the new site to {}", out.display()));
    }
    fs::remove_dir_all(old).with_context(|| format!("removing {}", old.display()))
}

#[cfg(test)]
mod tests;
