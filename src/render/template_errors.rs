//! Compiling the templates, and tera's errors turned into diagnostics that
//! point into the template.

use super::*;

pub(super) fn compile(templates: &[Template]) -> Result<tera::Tera, Vec<Diagnostic>> {
    let mut tera = tera::Tera::new();
    tera.set_escape_fn(escape::escape_html);
    tera.register_filter("safe", safe);
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

/// tera's `safe` (a string marked safe as it is; any other value written
/// out, then marked), without copying a string that is one already: the
/// index page's notes and body are megabytes at 10,000 facts, and tera's
/// own filter copies its input.
fn safe(val: tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    if val.as_str().is_some() {
        val.mark_safe()
    } else {
        tera::Value::safe_string(&format!("{val}"))
    }
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// Values of every kind a template may hand to `safe`.
    fn value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(serde_json::Value::from),
            "[<>&\"'a é\u{200B}]{0,40}".prop_map(serde_json::Value::from),
            ".{0,80}".prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(2, 8, 3, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..3).prop_map(serde_json::Value::from),
                prop::collection::btree_map("[a-z<&]{1,3}", inner, 0..3)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// `template` rendered as an HTML page (so autoescape is on) with `x`.
    fn render(tera: &mut tera::Tera, template: &str, x: &serde_json::Value) -> String {
        tera.add_raw_template("t.html", template).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("x", x);
        match tera.render("t.html", &ctx) {
            Ok(s) => s,
            Err(e) => format!("error: {e}"),
        }
    }

    proptest! {
        /// The page is what tera's own `safe` gives, with autoescape on,
        /// for the value alone and after other filters.
        #[test]
        fn safe_renders_as_teras_own(x in value()) {
            for template in [
                "{{ x | safe }}",
                "{{ x | safe | upper }}{{ x }}",
                "{{ x | upper | safe }}",
                "{% set y = x | safe %}{{ y }}{{ y | length }}",
            ] {
                let mut own = tera::Tera::new();
                own.set_escape_fn(super::escape::escape_html);
                let mut ours = tera::Tera::new();
                ours.set_escape_fn(super::escape::escape_html);
                ours.register_filter("safe", super::safe);
                prop_assert_eq!(render(&mut ours, template, &x), render(&mut own, template, &x));
            }
        }
    }
}
