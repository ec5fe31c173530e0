//! Compiling the templates, and tera's errors turned into diagnostics that
//! point into the template.

use super::*;

pub(super) fn compile(templates: &[Template]) -> Result<tera::Tera, Vec<Diagnostic>> {
    let mut tera = tera::Tera::new();
    tera.set_escape_fn(escape::escape_html);
    tera.register_filter(
        "typographic",
        |val: tera::StringInput, _: tera::Kwargs, _: &tera::State| {
            val.inherit_safety(typographic(val.as_str()))
        },
    );
    let raw: Vec<(&str, &str)> = templates
        .iter()
        .filter(|t| t.is_tera())
        .map(|t| (t.name.as_str(), t.text.as_str()))
        .collect();
    tera.add_raw_templates(raw)
        .map_err(|e| vec![template_error(templates, "base.html", &e)])?;
    Ok(tera)
}

/// A tera error as a diagnostic pointing into the template it names
/// (tera reports `--> NAME:LINE:COL`), else at the template being rendered.
pub(super) fn template_error(
    templates: &[Template],
    rendering: &str,
    e: &tera::Error,
) -> Diagnostic {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push('\n');
        text.push_str(&s.to_string());
        source = s.source();
    }
    let located = text.lines().find_map(|l| {
        let rest = l.trim_start().strip_prefix("--> ")?;
        let mut parts = rest.rsplitn(3, ':');
        let col: usize = parts.next()?.parse().ok()?;
        let line: usize = parts.next()?.parse().ok()?;
        let name = parts.next()?;
        let t = templates.iter().find(|t| t.name == name)?;
        Some((t, line, col))
    });
    let message = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("-->") && !l.starts_with('|'))
        .unwrap_or("")
        .trim_start_matches("error: ")
        .to_string();
    let (template, span) = match located {
        Some((t, line, col)) => {
            let start = crate::diagnostic::offset_of(&t.text, line, col);
            let end = t.text[start..]
                .find(|c: char| c.is_whitespace() || c == '}')
                .map_or(t.text.len(), |i| start + i)
                .max(start);
            (t, Span::new(t.path.clone(), start..end))
        }
        None => match templates.iter().find(|t| t.name == rendering) {
            Some(t) => (t, Span::new(t.path.clone(), 0..0)),
            None => {
                return Diagnostic::error("template", format!("template error: {message}"))
                    .help("fix the template; the built-in templates show every variable");
            }
        },
    };
    Diagnostic::error("template", format!("template {} failed: {message}", template.name))
        .at(span, message.clone())
        .help("fix the template; the default templates in the templates/ folder of the sourced repository show every variable")
}
