//! Diagnostics: problems in the content, collected rather than thrown, each
//! with a span. [`render`] shows them on the console in the style of rustc;
//! `check --format json` serialises them, and `review` lists them in its
//! Markdown report (commands/review/report.rs), each from the same
//! [`Diagnostic`] and [`position`].

use crate::hash::HashMap;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use std::ffi::OsString;
use std::ops::Range;
use std::path::{Path, PathBuf};

mod formats;
pub use formats::{Position, position, position_in};
use formats::{github, json};
#[cfg(test)]
mod tests;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a file: the path relative to the project root, and a byte range.
/// Line and column are computed from the file's text when needed.
#[derive(Debug, Clone)]
pub struct Span {
    pub path: PathBuf,
    pub range: Range<usize>,
}

/// Paths are compared as written (sourced builds each path one way), which
/// is much faster than comparing them component by component.
impl PartialEq for Span {
    fn eq(&self, other: &Span) -> bool {
        self.range == other.range && self.path.as_os_str() == other.path.as_os_str()
    }
}

impl Eq for Span {}

impl Span {
    pub fn new(path: impl Into<PathBuf>, range: Range<usize>) -> Span {
        Span {
            path: path.into(),
            range,
        }
    }
}

/// A secondary place shown with a diagnostic (for example the first
/// definition of a duplicated id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A short stable name for the kind of problem, e.g. `quote-not-found`.
    pub code: &'static str,
    pub message: String,
    /// Where the problem is; `None` only for problems with no file to point at.
    pub span: Option<Span>,
    /// The label under the primary span.
    pub label: String,
    pub secondary: Vec<Label>,
    pub notes: Vec<String>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span: None,
            label: String::new(),
            secondary: Vec::new(),
            notes: Vec::new(),
            help: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        self.span = Some(span);
        self.label = label.into();
        self
    }

    pub fn also(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.secondary.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}

/// The texts of the files diagnostics point into, by path relative to the
/// root, as written (see [`Span`]).
#[derive(Debug, Default, Clone)]
pub struct Files {
    texts: HashMap<OsString, FileText>,
}

/// A file's text: its own, or shared with the project's data (a seed's text
/// is read once and held in one place).
#[derive(Debug, Clone)]
enum FileText {
    Owned(String),
    Shared(std::sync::Arc<str>),
}

impl Files {
    pub fn add(&mut self, path: &Path, text: &str) {
        self.insert(path, text.to_string());
    }

    pub fn insert(&mut self, path: &Path, text: String) {
        self.texts
            .insert(path.as_os_str().to_owned(), FileText::Owned(text));
    }

    /// Adds a text that is also held elsewhere, without copying it.
    pub fn insert_shared(&mut self, path: &Path, text: std::sync::Arc<str>) {
        self.texts
            .insert(path.as_os_str().to_owned(), FileText::Shared(text));
    }

    pub fn get(&self, path: &Path) -> Option<&str> {
        self.texts.get(path.as_os_str()).map(|t| match t {
            FileText::Owned(t) => t.as_str(),
            FileText::Shared(t) => t,
        })
    }

    /// Adds every text of `other`.
    pub fn merge(&mut self, other: Files) {
        self.texts.extend(other.texts);
    }
}

/// Lines and columns of offsets in the project's files, each file's line
/// starts found once: many diagnostics in one large file then take time in
/// proportion to their number, not to it times the file's size.
pub struct Lines<'a> {
    files: &'a Files,
    starts: HashMap<PathBuf, Vec<usize>>,
    /// How many snippets of a long text (see [`LONG_SNIPPET`]) have been
    /// drawn from each line (by file and line number).
    long: HashMap<(PathBuf, usize), usize>,
}

impl<'a> Lines<'a> {
    pub fn new(files: &'a Files) -> Lines<'a> {
        Lines {
            files,
            starts: HashMap::default(),
            long: HashMap::default(),
        }
    }

    /// Counts a long snippet drawn from `line` of `path`: how many have
    /// been, this one included.
    fn drawn_long(&mut self, path: &Path, line: usize) -> usize {
        let n = self.long.entry((path.to_path_buf(), line)).or_insert(0);
        *n += 1;
        *n
    }

    /// The text of `path`, and where each of its lines starts.
    fn of(&mut self, path: &Path) -> Option<(&'a str, &[usize])> {
        let text = self.files.get(path)?;
        if !self.starts.contains_key(path) {
            let starts = std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
                .collect();
            self.starts.insert(path.to_path_buf(), starts);
        }
        Some((text, &self.starts[path]))
    }

    /// [`line_col`] of `offset` in the text of `path`; (1, 1) when there is
    /// no such text.
    pub fn line_col(&mut self, path: &Path, offset: usize) -> (usize, usize) {
        let Some((text, starts)) = self.of(path) else {
            return (1, 1);
        };
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = starts.partition_point(|&s| s <= offset);
        (line, text[starts[line - 1]..offset].chars().count() + 1)
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    // A line break is one byte that no other character's encoding holds, so
    // lines are counted over bytes.
    let before = &text.as_bytes()[..offset];
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let line = memchr::memchr_iter(b'\n', &before[..line_start]).count() + 1;
    (line, text[line_start..offset].chars().count() + 1)
}

/// Byte offset of a 1-based line and column (in characters); clamps to the text.
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line {
        match text[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => return text.len(),
        }
    }
    let rest = &text[offset..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    offset
        + rest[..line_end]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_end, |(i, _)| i)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Renders diagnostics to text in the style of rustc, with `path:line:col`
/// headers. The summary line is rendered by [`summary`].
pub fn render(diagnostics: &[Diagnostic], files: &Files, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    // Where each file's lines start, found once per file: each snippet is
    // cut from its file by them, so that many diagnostics in one large
    // file take time in proportion to their number, not to it times the
    // file's size.
    let mut lines = Lines::new(files);
    for d in diagnostics {
        out.push_str(&renderer.render(&report(d, &mut lines)));
        out.push_str("\n\n");
    }
    out
}

/// A snippet's text (the lines its spans are on, from the first to the
/// last) is long beyond this many bytes: only the first [`LONG_SNIPPETS`]
/// diagnostics that start on one such line draw it.
const LONG_SNIPPET: usize = 4096;
const LONG_SNIPPETS: usize = 20;

fn report<'a>(d: &'a Diagnostic, lines: &mut Lines<'a>) -> Vec<Group<'a>> {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(d.message.as_str()).id(d.code);
    // The primary span first, then secondary ones; one snippet per file.
    let mut spans: Vec<(&Span, &str, AnnotationKind)> = Vec::new();
    if let Some(span) = &d.span {
        spans.push((span, d.label.as_str(), AnnotationKind::Primary));
    }
    for l in &d.secondary {
        spans.push((&l.span, l.message.as_str(), AnnotationKind::Context));
    }
    let mut paths: Vec<&Path> = Vec::new();
    for (span, _, _) in &spans {
        if !paths.contains(&span.path.as_path()) {
            paths.push(&span.path);
        }
    }
    let mut group = Group::with_title(title);
    for path in paths {
        let display = display_path(path);
        let here = spans.iter().filter(|s| s.0.path == path);
        match lines.of(path) {
            Some((text, starts)) => {
                // The lines the spans are on, from the first one's start to
                // the last one's end: the snippet shows no other line.
                let ranges: Vec<_> = here
                    .clone()
                    .map(|s| clamp(text, s.0.range.clone()))
                    .collect();
                let lo = ranges.iter().map(|r| r.start).min().unwrap_or(0);
                let hi = ranges.iter().map(|r| r.end).max().unwrap_or(0);
                let first = starts.partition_point(|&s| s <= lo);
                let from = starts[first - 1];
                let to =
                    memchr::memchr(b'\n', &text.as_bytes()[hi..]).map_or(text.len(), |i| hi + i);
                if to - from > LONG_SNIPPET && lines.drawn_long(path, first) > LONG_SNIPPETS {
                    // Drawing a long text costs as much as the text is long,
                    // for each diagnostic on it: after the first few on one
                    // line, only where the first span starts is given.
                    let column = text[from..lo].chars().count() + 1;
                    let origin = Origin::path(display).line(first).char_column(column);
                    group = group.element(origin);
                    continue;
                }
                let mut snippet = Snippet::source(&text[from..to])
                    .line_start(first)
                    .path(display)
                    .fold(true);
                for ((_, label, kind), range) in here.zip(ranges) {
                    let range = range.start - from..range.end - from;
                    snippet = snippet.annotation((*kind).span(range).label(*label));
                }
                group = group.element(snippet);
            }
            None => group = group.element(Origin::path(display)),
        }
    }
    for note in &d.notes {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    vec![group]
}

fn clamp(text: &str, range: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, range.start.min(text.len()));
    let end = floor_char_boundary(text, range.end.min(text.len())).max(start);
    start..end
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// rustc-style snippets.
    #[default]
    Human,
    /// GitHub workflow commands (`::error file=…::…`), which annotate the
    /// changed lines of a pull request.
    Github,
    /// A JSON array; see README, "Diagnostics as JSON".
    Json,
}

/// Renders diagnostics in `format`, ending with the summary line (except
/// for JSON, which is one array).
pub fn render_as(format: Format, diagnostics: &[Diagnostic], files: &Files, color: bool) -> String {
    match format {
        Format::Human => render(diagnostics, files, color) + &summary(diagnostics) + "\n",
        Format::Github => github(diagnostics, files) + &summary(diagnostics) + "\n",
        Format::Json => json(diagnostics, files),
    }
}

/// A path as shown to users: relative, with forward slashes.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// `N errors, M warnings`, with singulars where they apply.
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    format!(
        "{} {}, {} {}",
        errors,
        if errors == 1 { "error" } else { "errors" },
        warnings,
        if warnings == 1 { "warning" } else { "warnings" }
    )
}

/// Under `--strict`, warnings become errors.
pub fn make_strict(diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        d.severity = Severity::Error;
    }
}

pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}
