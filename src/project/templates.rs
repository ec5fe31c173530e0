//! Templates: the defaults built into the binary, overridden file by file by
//! the project's own `templates/` folder. `*.html` files are tera templates;
//! anything else (`style.css`, scripts) is an asset copied to the output.

use crate::diagnostic::{Diagnostic, Files, Span};
use crate::project::read::project_path;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// File name, e.g. `briefing.html`.
    pub name: String,
    pub text: String,
    /// Where it came from (a project path, or `(built-in)/name`).
    pub path: PathBuf,
}

impl Template {
    pub fn is_tera(&self) -> bool {
        self.name.ends_with(".html")
    }
}

/// The project's templates folder.
pub const DIR: &str = "templates";

/// Names in the output that sourced generates, which an asset (a template
/// file other than `*.html`) may not take: it would be lost, or break the
/// build.
pub const GENERATED: &[&str] = &["facts.json", "sources"];

/// The default templates, as in this repository's `templates/` folder.
pub const DEFAULTS: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "briefing.html",
        include_str!("../../templates/briefing.html"),
    ),
    ("source.html", include_str!("../../templates/source.html")),
    ("noteref.html", include_str!("../../templates/noteref.html")),
    ("endnote.html", include_str!("../../templates/endnote.html")),
    ("note.html", include_str!("../../templates/note.html")),
    ("footnotes.js", include_str!("../../templates/footnotes.js")),
    ("style.css", include_str!("../../templates/style.css")),
];

/// The defaults with the project's files laid over them, sorted by name.
pub fn load(
    root: &Path,
    read_folder: bool,
    diags: &mut Vec<Diagnostic>,
    files: &mut Files,
) -> Result<Vec<Template>> {
    let mut out: Vec<Template> = DEFAULTS
        .iter()
        .map(|(name, text)| Template {
            name: name.to_string(),
            text: text.to_string(),
            path: PathBuf::from(format!("(built-in)/{name}")),
        })
        .collect();
    let dir = root.join(DIR);
    if read_folder {
        let mut entries = std::fs::read_dir(&dir)
            .with_context(|| format!("listing {}", dir.display()))?
            .collect::<std::io::Result<Vec<_>>>()
            .with_context(|| format!("listing {}", dir.display()))?;
        // In name order, so that diagnostics come in the same order anywhere.
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            let file_type = entry
                .file_type()
                .with_context(|| format!("reading {}", entry.path().display()))?;
            if name.starts_with('.') || file_type.is_dir() {
                continue;
            }
            let path = project_path(root, &format!("{DIR}/{name}"));
            if !name.ends_with(".html") && GENERATED.contains(&name.as_str()) {
                diags.push(
                    Diagnostic::error(
                        "template-name",
                        format!("{} has the name of a file sourced generates", path.display()),
                    )
                    .at(Span::new(&path, 0..0), "")
                    .help(format!(
                        "rename it: sourced writes `{name}` in the output itself, and a template file of that name would be lost"
                    )),
                );
                continue;
            }
            let Some(text) = crate::project::read::read_text(&path, diags, files) else {
                continue;
            };
            let t = Template { name, text, path };
            match out.iter_mut().find(|o| o.name == t.name) {
                Some(o) => *o = t,
                None => out.push(t),
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}
