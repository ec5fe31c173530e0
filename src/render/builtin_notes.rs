//! The built-in `endnote.html` (with `note.html`) and `noteref.html`
//! written directly, for a project whose templates are all the built-in
//! ones ([`builtin_html`]): byte for byte what tera writes with them (a
//! proptest in `builtin_notes_reference_tests.rs` renders both), every text
//! escaped by the same function as tera's autoescape.

use super::*;

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Corroborated => "corroborated",
        Status::SingleSource => "single-source",
        Status::Disputed => "disputed",
    }
}

fn esc(out: &mut Vec<u8>, text: &str) {
    // Writing to a Vec cannot fail.
    let _ = escape::escape_html(text, out);
}

fn num(out: &mut Vec<u8>, n: usize) {
    use std::io::Write;
    let _ = write!(out, "{n}");
}

fn push(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(s.as_bytes());
}

/// `endnote.html` for `note`.
pub(super) fn endnote(note: &Note) -> String {
    let mut out = Vec::with_capacity(1024);
    let status = status_name(note.status);
    push(&mut out, "<li id=\"note-");
    num(&mut out, note.number);
    push(&mut out, "\" class=\"note ");
    push(&mut out, status);
    push(&mut out, "\" value=\"");
    num(&mut out, note.number);
    push(&mut out, "\" style=\"--a:--r");
    num(&mut out, note.number);
    push(&mut out, "\" popover>\n<p class=\"backlinks\">");
    let several = note.backlinks.len() > 1;
    for (i, b) in note.backlinks.iter().enumerate() {
        push(&mut out, "<a role=\"doc-backlink\" href=\"#");
        esc(&mut out, &b.id);
        push(&mut out, "\" aria-label=\"Back to reference ");
        num(&mut out, note.number);
        if several {
            push(&mut out, " ");
            esc(&mut out, &b.label);
        }
        push(&mut out, "\">↩");
        if several {
            push(&mut out, "&#xa0;");
            esc(&mut out, &b.label);
        }
        push(&mut out, "</a>");
        if i + 1 < note.backlinks.len() {
            push(&mut out, " ");
        }
    }
    push(&mut out, "</p>\n");
    note_body(&mut out, note, status);
    push(&mut out, "\n</li>\n");
    // Only whole strs were written.
    String::from_utf8(out).unwrap_or_default()
}

/// `note.html`.
fn note_body(out: &mut Vec<u8>, note: &Note, status: &str) {
    push(out, "<p class=\"claim\">");
    esc(out, &typographic(note.claim));
    push(out, " <span class=\"badge ");
    push(out, status);
    push(out, "\">");
    esc(out, &note.badge);
    push(out, "</span></p>\n");
    if let Some(html) = note.note_html.as_deref().filter(|h| !h.is_empty()) {
        push(out, "<p class=\"editor-note\">");
        push(out, html);
        push(out, "</p>");
    }
    push(out, "\n<ul class=\"quotes\">\n");
    for q in &note.quotes {
        push(out, "<li>");
        quote(out, q);
        push(out, "</span></li>\n");
    }
    for q in &note.conflicts {
        push(out, "<li class=\"conflict\"><strong>Differs:</strong> ");
        quote(out, q);
        push(out, ".</span> <span class=\"conflict-note\">");
        esc(out, q.note.unwrap_or(""));
        push(out, "</span></li>\n");
    }
    push(out, "</ul>\n");
}

/// A quote of `note.html`, from `<q` to before the `</span>` that ends
/// its attribution.
fn quote(out: &mut Vec<u8>, q: &NoteQuote) {
    push(out, "<q");
    if !q.marks.is_empty() {
        push(out, " class=\"");
        esc(out, q.marks);
        push(out, "\"");
    }
    push(out, ">");
    esc(out, q.quote);
    push(out, "</q> <span class=\"by\">— <a href=\"");
    esc(out, &q.href);
    push(out, "\">");
    esc(out, q.publisher);
    push(out, "</a>");
    if let Some(original) = q.original.as_deref().filter(|o| !o.is_empty()) {
        push(out, " (<a class=\"original\" href=\"");
        esc(out, original);
        push(out, "\" data-url=\"");
        esc(out, original.split("#:~:").next().unwrap_or(""));
        push(out, "\">original<span class=\"vh\"> of ");
        esc(out, q.publisher);
        push(out, "</span></a>)");
    }
    if let Some(via) = q.via.as_deref().filter(|v| !v.is_empty()) {
        push(out, ", ");
        esc(out, via);
    }
}

/// `noteref.html` for the `k`th use of `note`, trimmed as
/// [`noteref_html`] trims it.
pub(super) fn noteref(note: &Note, k: usize) -> String {
    let mut out = Vec::with_capacity(256);
    push(&mut out, "<sup class=\"noteref");
    match note.status {
        Status::SingleSource => push(&mut out, " s"),
        Status::Disputed => push(&mut out, " d"),
        Status::Corroborated => {}
    }
    push(&mut out, "\" id=\"");
    esc(&mut out, &ref_id(note.number, k));
    push(&mut out, "\"");
    if k == 1 {
        push(&mut out, " style=\"--a:--r");
        num(&mut out, note.number);
        push(&mut out, "\"");
    }
    push(&mut out, "><a href=\"#note-");
    num(&mut out, note.number);
    push(&mut out, "\" role=\"doc-noteref\">");
    num(&mut out, note.number);
    push(&mut out, "</a><button popovertarget=\"note-");
    num(&mut out, note.number);
    push(&mut out, "\" data-n=\"");
    num(&mut out, note.number);
    push(&mut out, "\" aria-label=\"Note ");
    num(&mut out, note.number);
    match note.status {
        Status::SingleSource => push(&mut out, ", single origin"),
        Status::Disputed => push(&mut out, ", disputed"),
        Status::Corroborated => {}
    }
    push(&mut out, "\"></button></sup>");
    String::from_utf8(out).unwrap_or_default()
}
