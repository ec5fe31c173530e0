//! The machine-readable forms of diagnostics: positions as lines and
//! columns, GitHub workflow commands, and JSON.

use super::*;

/// Where a diagnostic is, as 1-based lines and columns.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

pub fn position(d: &Diagnostic, files: &Files) -> Option<Position> {
    position_in(d, &mut Lines::new(files))
}

/// [`position`], with each file's lines found once for all diagnostics.
pub fn position_in(d: &Diagnostic, lines: &mut Lines) -> Option<Position> {
    let span = d.span.as_ref()?;
    let (line, column) = lines.line_col(&span.path, span.range.start);
    let (end_line, end_column) = lines.line_col(&span.path, span.range.end);
    Some(Position {
        file: display_path(&span.path),
        line,
        column,
        end_line,
        end_column,
    })
}

pub(super) fn github(diagnostics: &[Diagnostic], files: &Files) -> String {
    // https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions
    fn data(s: &str) -> String {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }
    fn property(s: &str) -> String {
        data(s).replace(':', "%3A").replace(',', "%2C")
    }
    let mut out = String::new();
    let mut lines = Lines::new(files);
    for d in diagnostics {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = Vec::new();
        if let Some(p) = position_in(d, &mut lines) {
            props.push(format!("file={}", property(&p.file)));
            props.push(format!("line={}", p.line));
            props.push(format!("col={}", p.column));
            props.push(format!("endLine={}", p.end_line));
            if p.end_line == p.line {
                props.push(format!("endColumn={}", p.end_column));
            }
        }
        props.push(format!(
            "title={}",
            property(&format!("sourced {}", d.code))
        ));
        let mut message = d.message.clone();
        for note in &d.notes {
            message.push_str("\nnote: ");
            message.push_str(note);
        }
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{kind} {}::{}\n",
            props.join(","),
            data(&message)
        ));
    }
    out
}

/// One diagnostic in the JSON format.
#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    severity: &'static str,
    code: &'a str,
    message: &'a str,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    notes: &'a [String],
    help: Option<&'a str>,
}

pub(super) fn json(diagnostics: &[Diagnostic], files: &Files) -> String {
    let mut lines = Lines::new(files);
    let list: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|d| {
            let p = position_in(d, &mut lines);
            JsonDiagnostic {
                severity: match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                code: d.code,
                message: &d.message,
                file: p.as_ref().map(|p| p.file.clone()),
                line: p.as_ref().map(|p| p.line),
                column: p.as_ref().map(|p| p.column),
                end_line: p.as_ref().map(|p| p.end_line),
                end_column: p.as_ref().map(|p| p.end_column),
                notes: &d.notes,
                help: d.help.as_deref(),
            }
        })
        .collect();
    serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into()) + "\n"
}
