//! A file of the staging folder written piece by piece, for a page too large
//! to hold whole in memory. While its bytes equal the previous output's file
//! they are only compared, not written; if it ends equal, it is hard-linked
//! from the previous output as [`Staging`](super::Staging) does for a file
//! in memory, else it is written (the equal start copied from the previous
//! file).

use super::Staging;
use crate::render::OutputFile;
use anyhow::Context;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// How much of the previous file is read, and of the new one written, at a
/// time.
const BUFFER: usize = 64 * 1024;

pub struct StagedFile {
    /// The file in the staging folder.
    pub(super) path: PathBuf,
    /// The same file in the current output.
    previous: PathBuf,
    /// The previous file, while every byte so far equals it.
    same: Option<BufReader<File>>,
    /// How many bytes so far equal the previous file (and are not written).
    matched: u64,
    file: Option<BufWriter<File>>,
    /// The first write error, returned by [`StagedFile::finish`].
    pub(super) error: Option<io::Error>,
}

impl StagedFile {
    pub(super) fn new(path: PathBuf, previous: PathBuf) -> StagedFile {
        let same = fs::symlink_metadata(&previous)
            .is_ok_and(|m| m.is_file())
            .then(|| File::open(&previous).ok())
            .flatten()
            .map(|f| BufReader::with_capacity(BUFFER, f));
        StagedFile {
            path,
            previous,
            same,
            matched: 0,
            file: None,
            error: None,
        }
    }

    /// The new file, made when the bytes first differ from the previous
    /// file's: it starts with the bytes that were equal.
    fn diverge(&mut self) -> io::Result<&mut BufWriter<File>> {
        if self.file.is_none() {
            self.same = None;
            let mut file = BufWriter::with_capacity(BUFFER, File::create(&self.path)?);
            if self.matched > 0 {
                let copied = io::copy(
                    &mut File::open(&self.previous)?.take(self.matched),
                    &mut file,
                )?;
                if copied != self.matched {
                    return Err(io::Error::other("the previous file changed"));
                }
            }
            self.file = Some(file);
        }
        Ok(self.file.as_mut().expect("made above"))
    }

    /// Ends the file: a hard link to the previous file when every byte was
    /// equal and the previous file ends here, else the written file.
    pub(super) fn finish(mut self) -> io::Result<()> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        if let Some(previous) = &mut self.same
            && at_end(previous)
            && fs::hard_link(&self.previous, &self.path).is_ok()
        {
            return Ok(());
        }
        self.diverge()?;
        let file = self.file.take().expect("made by diverge");
        file.into_inner().map_err(|e| e.into_error())?;
        Ok(())
    }
}

/// Whether the next bytes of `previous` are `bytes` (reading past them when
/// they are not is harmless: the file is then no longer compared).
pub(super) fn next_equal(previous: &mut impl BufRead, mut bytes: &[u8]) -> bool {
    while !bytes.is_empty() {
        let Some(have) = filled(previous) else {
            return false;
        };
        let n = have.len().min(bytes.len());
        if have.is_empty() || have[..n] != bytes[..n] {
            return false;
        }
        previous.consume(n);
        bytes = &bytes[n..];
    }
    true
}

/// Whether `file` has no bytes left.
pub(super) fn at_end(file: &mut impl BufRead) -> bool {
    filled(file).is_some_and(<[u8]>::is_empty)
}

/// The next bytes of `file` (none at its end), reading again when a read
/// is interrupted; `None` on a read error.
fn filled(file: &mut impl BufRead) -> Option<&[u8]> {
    loop {
        match file.fill_buf() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            // The loop is left with the borrow only through `return`.
            Ok(_) => break,
            Err(_) => return None,
        }
    }
    file.fill_buf().ok()
}

impl Write for StagedFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.error.is_some() {
            return Err(io::Error::other("an earlier write failed"));
        }
        if let Some(previous) = &mut self.same
            && next_equal(previous, buf)
        {
            self.matched += buf.len() as u64;
            return Ok(buf.len());
        }
        match self.diverge().and_then(|file| file.write_all(buf)) {
            Ok(()) => Ok(buf.len()),
            Err(e) => {
                let kind = e.kind();
                self.error = Some(e);
                Err(io::Error::new(kind, "write failed"))
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// `build` puts each file in as it is rendered; the largest page is written
/// piece by piece, compared with the previous output's file as it goes.
impl crate::render::Sink for Staging {
    type Error = anyhow::Error;
    type Writer = StagedFile;

    fn put(&self, file: OutputFile) -> anyhow::Result<()> {
        self.write(&file)
    }

    fn open(&self, file: &Path, _size: usize) -> anyhow::Result<StagedFile> {
        let path = self.make_parent(file)?;
        Ok(StagedFile::new(path, self.out.join(file)))
    }

    fn close(&self, file: StagedFile) -> anyhow::Result<()> {
        let path = file.path.clone();
        file.finish()
            .with_context(|| format!("writing {}", path.display()))?;
        self.step();
        Ok(())
    }
}
