//! The file-reading policy every reader of a project goes through: regular
//! files only (no symbolic links, pipes or devices), at most
//! [`MAX_FILE_BYTES`], UTF-8 without control characters. Anything else is a
//! diagnostic naming the file, never an error that stops the run.

use crate::diagnostic::{Diagnostic, Files, Span};
use std::fs;
use std::path::{Path, PathBuf};

/// The largest file sourced reads. Real seeds are a few kilobytes; anything
/// this large is almost certainly a mistake, and matching stays fast.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The path of a project file as diagnostics show it: relative to the
/// current directory when the root is `.`, else under the root.
pub fn project_path(root: &Path, rel: &str) -> PathBuf {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        PathBuf::from(rel)
    } else {
        root.join(rel)
    }
}

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
pub(crate) enum Unread {
    Missing,
    Symlink,
    /// What it is instead: a named pipe, a device …
    NotRegular(&'static str),
    TooLarge(u64),
    Io(std::io::Error),
}

impl Unread {
    pub(crate) fn diagnostic(self, path: &Path) -> Diagnostic {
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
pub(crate) fn read_regular(path: &Path) -> std::result::Result<Vec<u8>, Unread> {
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
    let meta = file.metadata().map_err(Unread::Io)?;
    check(&meta)?;
    // Room for the whole file and one byte more, so that it is read in one
    // call and the end is found by the next (the length is only a hint: the
    // file may change while it is read, and the limit below still holds).
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_FILE_BYTES) as usize + 1);
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
///
/// Read by bytes, not characters: a refused control character is either an
/// ASCII byte (C0 but tab, line feed and carriage return; DEL) or a C1
/// control U+0080..=U+009F, which UTF-8 writes as `0xC2` then `0x80..=0x9F`.
/// Neither byte pattern occurs inside another character's encoding (a lead
/// byte `0xC2` and ASCII bytes are never continuation bytes), so blocks of
/// [`CONTROL_BLOCK`] bytes with no such byte are skipped whole. The reference
/// test (`read_reference_tests.rs`) checks it against the scan by
/// characters.
fn control_character(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let end = (at + CONTROL_BLOCK).min(bytes.len());
        let block = &bytes[at..end];
        // No early exit inside a block, so the compiler can check it with
        // vector instructions.
        if block
            .iter()
            .fold(false, |any, &b| any | may_start_control(b))
        {
            for (i, &b) in block.iter().enumerate() {
                let c = match b {
                    0xC2 => char::from(bytes[at + i + 1]),
                    b if b < 0x80 => char::from(b),
                    _ => continue,
                };
                if is_refused_control(c) {
                    return Some((at + i, c));
                }
            }
        }
        at = end;
    }
    None
}

/// Bytes read at once by [`control_character`].
const CONTROL_BLOCK: usize = 32;

/// Whether byte `b` may start a refused control character: a C0 control
/// other than tab, line feed and carriage return, DEL, or `0xC2` (the lead
/// byte of U+0080..=U+00BF, which holds the C1 controls).
fn may_start_control(b: u8) -> bool {
    (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') | (b == 0x7F) | (b == 0xC2)
}

#[cfg(test)]
#[path = "read_reference_tests.rs"]
mod reference_tests;

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

pub(crate) fn symlink_refused(path: &Path) -> Diagnostic {
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
