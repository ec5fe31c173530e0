//! The report's section on sources: each changed source, its changed
//! regions, and the facts that cite them.

use super::*;

pub(super) fn side_name(side: &Side) -> String {
    if side.label == "working tree" {
        "the working tree".into()
    } else {
        code(&side.label)
    }
}

pub(super) fn short(hash: &Option<String>) -> String {
    hash.as_deref().map_or("(none)".into(), code)
}

// Over 80 lines: each changed source with its regions and the facts they touch, written in one pass. Moved unchanged in the issue-13 redesign, so that
// branches that patch it can be ported; a split is a later, separate change.
pub(super) fn sources_section(
    base: &Side,
    head: &Side,
    changes: &[SourceChange],
    only_added: &BTreeSet<String>,
) -> String {
    let mut out = String::from("\n## Sources changed\n");
    for c in changes {
        let path = format!("seeds/{}", c.file);
        let what = match c.kind {
            Kind::Changed if c.text_changed => "text changed",
            Kind::Changed => "manifest entry changed",
            Kind::Added => "added",
            Kind::Removed => "removed",
        };
        let key = match &c.keys {
            (_, Some(k)) | (Some(k), None) => format!(" ({})", code(k)),
            (None, None) => String::new(),
        };
        out.push_str(&format!("\n### {}{key}: {what}\n\n", code(&path)));
        if c.text_changed {
            let recorded = c.fields.iter().find(|f| f.0 == "sha256").map(|f| &f.2);
            let manifest = match recorded {
                Some(r)
                    if r.is_some() && r.as_deref().map(str::to_ascii_lowercase) == c.hashes.1 =>
                {
                    "; the new hash was recorded in `seeds/sources.yaml`".to_string()
                }
                Some(r) => format!("; `seeds/sources.yaml` now records {}", short(r)),
                None => String::new(),
            };
            out.push_str(&match c.kind {
                Kind::Changed => format!(
                    "- SHA-256 of the text: {} → {}{manifest}\n",
                    short(&c.hashes.0),
                    short(&c.hashes.1)
                ),
                Kind::Added => format!("- SHA-256 of the text: {}\n", short(&c.hashes.1)),
                Kind::Removed => format!("- SHA-256 of the text was: {}\n", short(&c.hashes.0)),
            });
        }
        for (field, old, new) in c
            .fields
            .iter()
            .filter(|f| !(c.text_changed && f.0 == "sha256"))
        {
            let show = |v: &Option<String>| v.as_deref().map_or("(none)".to_string(), quoted);
            out.push_str(&format!(
                "- Manifest {}: {} → {}\n",
                code(field),
                show(old),
                show(new)
            ));
        }
        match c.kind {
            Kind::Added => out.push_str(&format!(
                "- New document of {} line{}, added in this change: all of its text is new.\n",
                c.lines.1,
                plural(c.lines.1)
            )),
            Kind::Removed => out.push_str(&format!(
                "- Removed from {}; it had {} line{}.\n",
                side_name(head),
                c.lines.0,
                plural(c.lines.0)
            )),
            Kind::Changed if c.diff.too_large => out.push_str(&format!(
                "- Too large to diff here ({} → {} lines); compare with `git diff`. Every fact quoting it is listed below.\n",
                c.lines.0, c.lines.1
            )),
            Kind::Changed if c.text_changed => {
                let n = c.diff.regions.len();
                out.push_str(&format!(
                    "- {n} changed region{} (~~removed~~ **added**; lines as at {}):\n",
                    plural(n),
                    side_name(head)
                ));
                let new_text = head_text(head, &c.file);
                for r in c.diff.regions.iter().take(MAX_REGIONS) {
                    let (line, _) = line_col(&new_text, r.new.start.min(new_text.len()));
                    let diff = Marked::default().runs(&shown_runs(r));
                    out.push_str(&format!("  - {}: {diff}\n", code(&format!("{path}:{line}"))));
                }
                if n > MAX_REGIONS {
                    out.push_str(&format!(
                        "  - …and {} more change{}\n",
                        n - MAX_REGIONS,
                        plural(n - MAX_REGIONS)
                    ));
                }
            }
            Kind::Changed => {}
        }
        if c.facts.is_empty() {
            out.push_str("- No fact quotes it near a change.\n");
            continue;
        }
        out.push_str(&format!(
            "- Re-read {} fact{} quoting it {}:\n",
            c.facts.len(),
            plural(c.facts.len()),
            if !c.text_changed {
                "(its manifest entry changed)"
            } else if c.kind == Kind::Changed && !c.diff.too_large {
                "in or next to a change"
            } else {
                "(the whole document changed)"
            }
        ));
        for (id, mark) in c.facts.iter().take(MAX_FACTS) {
            let at = match (mark.at_base, mark.at_head) {
                (true, true) => format!("at {} and {}", code(&base.label), side_name(head)),
                (true, false) => format!("at {} only", code(&base.label)),
                _ => format!("at {} only", side_name(head)),
            };
            let positions = mark
                .positions
                .iter()
                .map(|(l, col)| code(&format!("{path}:{l}:{col}")))
                .collect::<Vec<_>>()
                .join(", ");
            let flag = if mark.at_head && only_added.contains(id) {
                " · **supported only by text added in this change**"
            } else {
                ""
            };
            out.push_str(&format!(
                "  - {} ({at}; quotes {positions}){flag}\n",
                code(id)
            ));
        }
        if c.facts.len() > MAX_FACTS {
            out.push_str(&format!("  - …and {} more\n", c.facts.len() - MAX_FACTS));
        }
    }
    out
}

pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A seed's text at HEAD (lossy), for line numbers.
pub(super) fn head_text(head: &Side, file: &str) -> String {
    head.project
        .seeds
        .iter()
        .find(|s| s.name == file)
        .map(|s| String::from_utf8_lossy(&s.bytes).into_owned())
        .unwrap_or_default()
}

/// One `source-changed` warning per changed seed, rendered as GitHub
/// workflow commands (`::warning file=seeds/…`) for the pull request's Files
/// view: `check --format github` cannot see history. Paths are relative to
/// the repository, as GitHub needs them.
pub(super) fn annotations(
    base: &Side,
    head: &Side,
    changes: &[SourceChange],
    prefix: &str,
) -> String {
    let only_added = supported_only_by_added_text(head, changes);
    let mut files = Files::default();
    let mut diagnostics = Vec::new();
    for c in changes {
        let rel = format!("seeds/{}", c.file);
        let path = Path::new(prefix).join(&rel);
        let text = head_text(head, &c.file);
        let range = match c.diff.regions.first() {
            // The changed text, without the line break that ends it.
            Some(r) if c.kind == Kind::Changed && r.new.end <= text.len() => {
                r.new.start..r.new.start + text[r.new.clone()].trim_end().len()
            }
            _ => 0..0,
        };
        files.insert(&path, text);
        let (base_label, head_label) = (&base.label, &head.label);
        let message = match c.kind {
            Kind::Changed if c.text_changed => format!(
                "{rel} changed between {base_label} and {head_label}: {} changed region{}",
                c.diff.regions.len(),
                plural(c.diff.regions.len())
            ),
            Kind::Changed => {
                format!("the manifest entry of {rel} changed between {base_label} and {head_label}")
            }
            Kind::Added => format!("{rel} was added since {base_label}"),
            Kind::Removed => format!("{rel} was removed since {base_label}"),
        };
        let mut d = Diagnostic::warning("source-changed", message)
            .at(crate::diagnostic::Span::new(path, range), "changed");
        if !c.facts.is_empty() {
            let ids: Vec<&str> = c.facts.keys().map(String::as_str).collect();
            d = d.note(format!(
                "re-read the facts quoting it near the change: {}",
                ids.join(", ")
            ));
        }
        let flagged: Vec<&str> = c
            .facts
            .iter()
            .filter(|(id, m)| m.at_head && only_added.contains(*id))
            .map(|(id, _)| id.as_str())
            .collect();
        if !flagged.is_empty() {
            d = d.note(format!(
                "supported only by text added in this change: {}",
                flagged.join(", ")
            ));
        }
        diagnostics.push(d.help(
            "a saved source should not change: compare the change with the original publication; the job summary shows the word diff",
        ));
    }
    crate::diagnostic::render_as(
        crate::diagnostic::Format::Github,
        &diagnostics,
        &files,
        false,
    )
}

// ---------------------------------------------------------------------------
// Facts.
