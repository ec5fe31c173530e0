//! The two sides of a review read from git: the trees of two commits, or a
//! commit and the working tree, extracted into temporary folders.

use super::*;

/// One side of the comparison.
pub(super) struct Side {
    pub(super) label: String,
    /// Where the project was read from.
    pub(super) root: PathBuf,
    pub(super) project: Project,
    pub(super) site: Site,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Kept alive while the side is in use: the extracted revision.
    pub(super) _dir: Option<tempfile::TempDir>,
}

pub(super) fn git_bytes(top: &Path, args: &[&str]) -> Result<Vec<u8>> {
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

pub(super) fn git(top: &Path, args: &[&str]) -> Result<String> {
    let out = git_bytes(top, args)?;
    Ok(String::from_utf8_lossy(&out).trim_end().to_string())
}

/// The repository's top folder and the project's path inside it.
pub(super) fn repository(root: &Path) -> Result<(PathBuf, String)> {
    let top = git(root, &["rev-parse", "--show-toplevel"])
        .map_err(|_| anyhow::anyhow!("{} is not inside a git repository", root.display()))?;
    let prefix = git(root, &["rev-parse", "--show-prefix"])?;
    Ok((PathBuf::from(top), prefix.trim_end_matches('/').to_string()))
}

/// A file of the tree being extracted.
pub(super) struct Entry {
    pub(super) path: String,
    pub(super) object: String,
    pub(super) symlink: bool,
}

/// The files of the tree `tree` (`REV:PREFIX`), from `git ls-tree -r -z`.
/// Submodules are skipped; a path that would leave the folder is refused.
pub(super) fn list_tree(top: &Path, tree: &str) -> Result<Vec<Entry>> {
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
pub(super) fn extract(top: &Path, prefix: &str, rev: &str) -> Result<tempfile::TempDir> {
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
pub(super) fn write_blobs(entries: &[Entry], mut out: impl BufRead, dir: &Path) -> Result<()> {
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
pub(super) fn link(target: &[u8], at: &Path) -> Result<()> {
    use std::os::unix::ffi::OsStrExt;
    std::os::unix::fs::symlink(std::ffi::OsStr::from_bytes(target), at)
        .with_context(|| format!("creating {}", at.display()))
}

#[cfg(not(unix))]
pub(super) fn link(target: &[u8], at: &Path) -> Result<()> {
    // Without symbolic links, the link's target is kept as the file's text.
    std::fs::write(at, target).with_context(|| format!("writing {}", at.display()))
}

pub(super) fn side(label: String, root: &Path, dir: Option<tempfile::TempDir>) -> Result<Side> {
    let (project, mut diagnostics) = project::load(root, &mut Default::default())?;
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
