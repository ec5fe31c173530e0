//! The whole report: verdict, facts changed, sentences that cite them, and
//! new diagnostics.

use super::*;

/// Sentences of the briefing that cite `id`, with their line numbers.
pub(super) fn citing_sentences(side: &Side, id: &str) -> Vec<(usize, String)> {
    let Some(b) = &side.project.briefing else {
        return Vec::new();
    };
    let scan = briefing::scan(&b.body, briefing::Body::Briefing);
    let file = side
        .project
        .files
        .get(&b.title.span.path)
        .unwrap_or_default();
    scan.sentences
        .iter()
        .filter(|(_, refs)| refs.iter().any(|r| r == id))
        .map(|(range, _)| {
            let (line, _) = line_col(file, b.body_offset + range.start);
            (line, b.body[range.clone()].to_string())
        })
        .collect()
}

pub(super) fn status_label(c: &Content) -> String {
    let status = match c.status {
        Status::Corroborated => "corroborated",
        Status::SingleSource => "single origin",
        Status::Disputed => "disputed",
    };
    format!("{status}, {}", c.badge)
}

pub(super) fn quote_lines(c: &Content) -> String {
    let mut out = String::new();
    for (source, quote) in &c.quotes {
        out.push_str(&format!("- {}: {}\n", code(source), quoted(quote)));
    }
    for (source, quote, note) in &c.conflicts {
        out.push_str(&format!(
            "- differs, {}: {} ({})\n",
            code(source),
            quoted(quote),
            md(note)
        ));
    }
    out
}

pub(super) fn cited_in(side: &Side, id: &str) -> String {
    let sentences = citing_sentences(side, id);
    let name = if side.label == "working tree" {
        "working tree".to_string()
    } else {
        md(&side.label)
    };
    if sentences.is_empty() {
        return format!("Not cited in the briefing ({name}).\n");
    }
    let mut out = format!("Cited in the briefing ({name}):\n");
    for (line, s) in sentences {
        out.push_str(&format!("- line {line}: {}\n", md(&strip_refs(&s))));
    }
    out
}

pub(super) fn strip_refs(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("[^") {
        out.push_str(&rest[..i]);
        match rest[i..].find(']') {
            Some(j) => rest = &rest[i + j + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

pub(super) fn relative(d: &Diagnostic, root: &Path, files: &Files) -> (String, String) {
    let pos = crate::diagnostic::position(d, files);
    let file = pos
        .as_ref()
        .map(|p| relative_path(Path::new(&p.file), root))
        .unwrap_or_default();
    let at = pos.map_or(String::new(), |p| format!("{file}:{}:{}", p.line, p.column));
    (file, at)
}

// Over 80 lines: the report's sections in order (verdict, facts, sentences, diagnostics), each pushed onto one string. Moved unchanged in the issue-13 redesign, so that
// branches that patch it can be ported; a split is a later, separate change.
pub(super) fn report(base: &Side, head: &Side, changes: &[SourceChange]) -> String {
    let (old, new) = (contents(base), contents(head));
    let unreadable = unreadable_files(head, &new);
    let only_added = supported_only_by_added_text(head, changes);
    // Facts of a file that BASE could not read are not "added" either.
    let unreadable_at_base = unreadable_files(base, &old);
    let (unread_at_base, added): (Vec<&String>, Vec<&String>) = new
        .keys()
        .filter(|k| !old.contains_key(*k))
        .partition(|k| unreadable_at_base.contains_key(&new[*k].file));
    let (unread, removed): (Vec<&String>, Vec<&String>) = old
        .keys()
        .filter(|k| !new.contains_key(*k))
        .partition(|k| unreadable.contains_key(&old[*k].file));
    let modified: Vec<&String> = new
        .keys()
        .filter(|k| old.get(*k).is_some_and(|o| !o.same(&new[*k])))
        .collect();
    let unchanged = new.len() - added.len() - unread_at_base.len() - modified.len();
    let count = |kind: Kind| changes.iter().filter(|c| c.kind == kind).count();
    let mut out = format!(
        "# Fact review: {} → {}\n\n",
        code(&base.label),
        if head.label == "working tree" {
            "working tree".to_string()
        } else {
            code(&head.label)
        }
    );
    out.push_str(&format!(
        "**Sources: {} changed, {} added, {} removed · Facts: {} added, {} removed, {} modified, {} unchanged{}**\n",
        count(Kind::Changed),
        count(Kind::Added),
        count(Kind::Removed),
        added.len(),
        removed.len(),
        modified.len(),
        unchanged,
        if unread.len() + unread_at_base.len() == 0 {
            String::new()
        } else {
            format!(", {} not compared", unread.len() + unread_at_base.len())
        }
    ));
    if !only_added.is_empty() {
        out.push_str(&format!(
            "\n**{} fact{} supported only by text added in this change:** {}. Check the added text against the original publication.\n",
            only_added.len(),
            if only_added.len() == 1 { " is" } else { "s are" },
            only_added.iter().map(|id| code(id)).collect::<Vec<_>>().join(", ")
        ));
    }
    let fresh = fresh_diagnostics(base, head);
    let (errors, warnings) = head
        .diagnostics
        .iter()
        .fold((0, 0), |(e, w), d| match d.severity {
            Severity::Error => (e + 1, w),
            Severity::Warning => (e, w + 1),
        });
    out.push_str(&format!(
        "\nVerification of {}: **{}, {} error{}, {} warning{}**{}.\n",
        side_name(head),
        if errors > 0 { "fails" } else { "passes" },
        errors,
        plural(errors),
        warnings,
        plural(warnings),
        match fresh.len() {
            0 if errors + warnings > 0 => " (none of them new)".to_string(),
            0 => String::new(),
            n => format!(" ({n} new, listed under New diagnostics)"),
        }
    ));
    for (file, message) in &unreadable {
        out.push_str(&format!(
            "- {} could not be read, so its facts are not compared: {message}\n",
            code(file)
        ));
    }
    for file in unreadable_at_base.keys() {
        out.push_str(&format!(
            "- {} could not be read at {}, so its facts are not compared.\n",
            code(file),
            code(&base.label)
        ));
    }
    if !changes.is_empty() {
        out.push_str(&sources_section(base, head, changes, &only_added));
    }
    // Added and removed facts are shown whole, each from its own side.
    for (heading, ids, facts, side, was) in [
        ("Added", &added, &new, head, ""),
        ("Removed", &removed, &old, base, "was "),
    ] {
        if ids.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {heading}\n"));
        for id in ids {
            let c = &facts[*id];
            let flag = if was.is_empty() && only_added.contains(*id) {
                " · **supported only by text added in this change**"
            } else {
                ""
            };
            out.push_str(&format!(
                "\n### {} ({was}{}){flag}\n\n> {}\n\n",
                code(id),
                status_label(c),
                md(&c.claim)
            ));
            if let Some(note) = &c.note {
                out.push_str(&format!("Note: {}\n\n", md(note)));
            }
            out.push_str(&quote_lines(c));
            out.push('\n');
            out.push_str(&cited_in(side, id));
        }
    }
    for (ids, facts, of, at) in [
        (&unread, &old, base, head),
        (&unread_at_base, &new, head, base),
    ] {
        if ids.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n## Not compared\n\nThese facts of {} are in a file that could not be read at {}:\n\n",
            side_name(of),
            side_name(at)
        ));
        for id in ids {
            out.push_str(&format!("- {} ({})\n", code(id), code(&facts[*id].file)));
        }
    }
    if !modified.is_empty() {
        out.push_str("\n## Modified\n");
        for id in &modified {
            out.push_str(&modified_fact(id, &old[*id], &new[*id], &only_added));
            out.push('\n');
            out.push_str(&cited_in(head, id));
        }
    }
    out.push_str(&new_diagnostics(head, &fresh));
    out
}

// Over 80 lines: one fact's before/after table, field by field. Moved unchanged in the issue-13 redesign, so that
// branches that patch it can be ported; a split is a later, separate change.
pub(super) fn modified_fact(
    id: &str,
    o: &Content,
    n: &Content,
    only_added: &BTreeSet<String>,
) -> String {
    let flag = if only_added.contains(id) {
        " · **supported only by text added in this change**"
    } else {
        ""
    };
    let mut out = format!("\n### {}{flag}\n\n", code(id));
    if o.claim != n.claim {
        out.push_str(&format!("- Claim: {}\n", markdown_diff(&o.claim, &n.claim)));
    }
    if o.note != n.note {
        out.push_str(&format!(
            "- Note: {}\n",
            markdown_diff(
                o.note.as_deref().unwrap_or(""),
                n.note.as_deref().unwrap_or("")
            )
        ));
    }
    let old_sources: BTreeSet<&String> = o.quotes.iter().map(|q| &q.0).collect();
    let new_sources: BTreeSet<&String> = n.quotes.iter().map(|q| &q.0).collect();
    let gained: Vec<&&String> = new_sources.difference(&old_sources).collect();
    let lost: Vec<&&String> = old_sources.difference(&new_sources).collect();
    if !gained.is_empty() {
        out.push_str(&format!("- Sources added: {}\n", join(&gained)));
        for source in &gained {
            for q in quotes_from(n, source) {
                out.push_str(&format!("  - {}: {}\n", code(source), quoted(q)));
            }
        }
    }
    if !lost.is_empty() {
        out.push_str(&format!("- Sources removed: {}\n", join(&lost)));
    }
    // Quotes from a source on both sides, compared in order.
    for source in old_sources.intersection(&new_sources) {
        let (oq, nq) = (quotes_from(o, source), quotes_from(n, source));
        let source = code(source);
        for i in 0..oq.len().max(nq.len()) {
            match (oq.get(i), nq.get(i)) {
                (Some(a), Some(b)) if a != b => {
                    out.push_str(&format!("- Quote from {source}: {}\n", markdown_diff(a, b)))
                }
                (Some(a), None) => {
                    out.push_str(&format!("- Quote from {source} removed: {}\n", quoted(a)))
                }
                (None, Some(b)) => {
                    out.push_str(&format!("- Quote from {source} added: {}\n", quoted(b)))
                }
                _ => {}
            }
        }
    }
    if o.conflicts != n.conflicts {
        out.push_str("- Conflicts: now\n");
        for (source, quote, note) in &n.conflicts {
            out.push_str(&format!(
                "  - {}: {} ({})\n",
                code(source),
                quoted(quote),
                md(note)
            ));
        }
        if n.conflicts.is_empty() {
            out.push_str("  - none\n");
        }
    }
    if o.status != n.status || o.sources != n.sources || o.badge != n.badge {
        out.push_str(&format!(
            "- Corroboration: {} → {}\n",
            status_label(o),
            status_label(n)
        ));
    }
    out
}

/// Diagnostics in HEAD that BASE did not have (by code, file and message).
pub(super) fn fresh_diagnostics<'a>(base: &Side, head: &'a Side) -> Vec<&'a Diagnostic> {
    let key = |d: &Diagnostic, root: &Path, files: &Files| {
        (
            d.code,
            relative(d, root, files).0,
            d.message.replace(&root.display().to_string(), ""),
        )
    };
    let before: BTreeSet<_> = base
        .diagnostics
        .iter()
        .map(|d| key(d, &base.root, &base.project.files))
        .collect();
    head.diagnostics
        .iter()
        .filter(|d| !before.contains(&key(d, &head.root, &head.project.files)))
        .collect()
}

pub(super) fn new_diagnostics(head: &Side, fresh: &[&Diagnostic]) -> String {
    let mut out = String::from("\n## New diagnostics\n\n");
    if fresh.is_empty() {
        out.push_str("None.\n");
    }
    for d in fresh {
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let (_, at) = relative(d, &head.root, &head.project.files);
        let at = if at.is_empty() {
            String::new()
        } else {
            format!(" {}", code(&at))
        };
        out.push_str(&format!(
            "- {}{at}: {}\n",
            code(&format!("{severity}[{}]", d.code)),
            md(&d.message)
        ));
    }
    out
}

/// The quotes a fact takes from `source`, in order.
pub(super) fn quotes_from<'a>(c: &'a Content, source: &str) -> Vec<&'a String> {
    c.quotes
        .iter()
        .filter(|q| q.0 == source)
        .map(|q| &q.1)
        .collect()
}

pub(super) fn join(items: &[&&String]) -> String {
    items.iter().map(|s| code(s)).collect::<Vec<_>>().join(", ")
}
