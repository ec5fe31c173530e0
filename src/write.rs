//! Stage 4, write: put the rendered files in the output folder atomically.
//!
//! The site is written to a fresh temporary folder beside the output, then
//! swapped in with one `rename`: on Linux an exchange of the two folders
//! (`renameat2(RENAME_EXCHANGE)`), elsewhere a rename of the old folder out
//! of the way followed by a rename of the new one into place. A failed or
//! interrupted build leaves the previous output as it was (at worst a stray
//! temporary folder, which the next build removes).

use crate::render::OutputFile;
use anyhow::{Context, Result, bail};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

pub fn write_site(out: &Path, files: &[OutputFile]) -> Result<()> {
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
    remove_stale(&parent, &name)?;
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).with_context(|| format!("removing {}", tmp.display()))?;
    }
    fs::create_dir(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
    for f in files {
        if f.path
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
        {
            bail!(
                "refusing to write outside the output folder: {}",
                f.path.display()
            );
        }
    }
    let dirs: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|f| tmp.join(&f.path).parent().map(Path::to_path_buf))
        .collect();
    for dir in dirs {
        fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    for f in files {
        let path = tmp.join(&f.path);
        // A file whose bytes are unchanged is hard-linked from the current
        // output: no new inode, no data written. Files are never modified
        // in place, so the previous site stays intact until it is removed.
        let previous = out.join(&f.path);
        if unchanged(&previous, &f.bytes) && fs::hard_link(&previous, &path).is_ok() {
            continue;
        }
        fs::write(&path, &f.bytes).with_context(|| format!("writing {}", path.display()))?;
    }
    swap_in(
        &tmp,
        &out,
        &parent.join(format!(".{name}.old-{}", std::process::id())),
    )
}

/// Whether `path` is a regular file holding exactly `bytes`.
fn unchanged(path: &Path, bytes: &[u8]) -> bool {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

fn absolute(p: &Path) -> Result<PathBuf> {
    if p.is_absolute() {
        Ok(p.to_path_buf())
    } else {
        Ok(std::env::current_dir()
            .context("reading the current folder")?
            .join(p))
    }
}

/// Removes temporary folders left by builds that were killed.
fn remove_stale(parent: &Path, name: &str) -> Result<()> {
    let prefixes = [format!(".{name}.tmp-"), format!(".{name}.old-")];
    for entry in fs::read_dir(parent).with_context(|| format!("listing {}", parent.display()))? {
        let entry = entry?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| file_name.starts_with(p.as_str())) && entry.path().is_dir() {
            fs::remove_dir_all(entry.path())
                .with_context(|| format!("removing {}", entry.path().display()))?;
        }
    }
    Ok(())
}

fn swap_in(tmp: &Path, out: &Path, old: &Path) -> Result<()> {
    if !out.exists() {
        return fs::rename(tmp, out)
            .with_context(|| format!("moving the new site to {}", out.display()));
    }
    if !out.is_dir() {
        bail!("{} exists and is not a folder", out.display());
    }
    #[cfg(target_os = "linux")]
    {
        if exchange(tmp, out).is_ok() {
            // `tmp` now holds the previous site.
            return fs::remove_dir_all(tmp)
                .with_context(|| format!("removing the previous site in {}", tmp.display()));
        }
    }
    fs::rename(out, old)
        .with_context(|| format!("moving the previous site out of {}", out.display()))?;
    fs::rename(tmp, out).with_context(|| format!("moving the new site to {}", out.display()))?;
    fs::remove_dir_all(old).with_context(|| format!("removing {}", old.display()))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}
