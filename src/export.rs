//! `facts.json`: a stable export of the verified facts (schema 1; see
//! README, "facts.json").

use crate::verify::{Site, SiteQuote, SiteSource, Status};
use serde::Serialize;

#[derive(Serialize)]
struct Export<'a> {
    schema: u32,
    title: &'a str,
    sources: &'a [SiteSource],
    facts: Vec<ExportFact<'a>>,
}

#[derive(Serialize)]
struct ExportFact<'a> {
    id: &'a str,
    claim: &'a str,
    note: Option<&'a str>,
    number: Option<usize>,
    sources: Vec<ExportQuote<'a>>,
    conflicts: Vec<ExportQuote<'a>>,
    corroboration: Corroboration,
}

#[derive(Serialize)]
struct ExportQuote<'a> {
    source: &'a str,
    quote: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Corroboration {
    sources: usize,
    status: Status,
}

fn quote(q: &SiteQuote) -> ExportQuote<'_> {
    ExportQuote {
        source: &q.source,
        quote: &q.quote,
        note: q.note.as_deref(),
        start: q.start(),
        end: q.end(),
        line: q.line,
        column: q.column,
    }
}

/// The export as pretty-printed JSON with a final newline.
pub fn facts_json(site: &Site) -> String {
    let export = Export {
        schema: 1,
        title: &site.title,
        sources: &site.sources,
        facts: site
            .facts
            .iter()
            .map(|f| ExportFact {
                id: &f.id,
                claim: &f.claim,
                note: f.note.as_deref(),
                number: f.number,
                sources: f.sources.iter().map(quote).collect(),
                conflicts: f.conflicts.iter().map(quote).collect(),
                corroboration: Corroboration {
                    sources: f.corroboration,
                    status: f.status,
                },
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&export).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}
