//! Where rendered files go: [`Sink`]. `serve` (through [`render`]) collects
//! them in memory; `build` writes each into its staging folder as soon as it
//! is rendered, so that the site is never held whole in memory.

use super::OutputFile;
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

/// Takes the files of the site as they are rendered, from any thread, in no
/// set order.
pub trait Sink: Sync {
    /// What stops the run (an I/O error), as opposed to a template error.
    type Error: Send;
    /// What a file too large to hold in memory is written through.
    type Writer: Write;
    /// Takes a file whose bytes are in memory.
    fn put(&self, file: OutputFile) -> Result<(), Self::Error>;
    /// Starts a file that is written piece by piece, of about `size`
    /// bytes (a buffer in memory reserves them: a large page is then not
    /// copied as it grows).
    fn open(&self, path: &Path, size: usize) -> Result<Self::Writer, Self::Error>;
    /// Ends a file started with [`Sink::open`] and written in full. A
    /// write error of the writer is returned here.
    fn close(&self, writer: Self::Writer) -> Result<(), Self::Error>;
}

/// The files in memory.
#[derive(Default)]
pub(super) struct Collect {
    pub(super) files: Mutex<Vec<OutputFile>>,
}

impl Sink for Collect {
    type Error = std::convert::Infallible;
    type Writer = Buffer;

    fn put(&self, file: OutputFile) -> Result<(), Self::Error> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file);
        Ok(())
    }

    fn open(&self, path: &Path, size: usize) -> Result<Buffer, Self::Error> {
        Ok(Buffer {
            path: path.to_path_buf(),
            bytes: Vec::with_capacity(size),
        })
    }

    fn close(&self, file: Buffer) -> Result<(), Self::Error> {
        self.put(OutputFile {
            path: file.path,
            bytes: std::sync::Arc::new(file.bytes),
        })
    }
}

/// A file of [`Collect`] being written, in memory.
pub(super) struct Buffer {
    path: std::path::PathBuf,
    bytes: Vec<u8>,
}

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
