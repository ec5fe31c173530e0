//! `facts.json`: a stable export of the verified facts (schema 2; see
//! README, "facts.json").

use crate::memo::Memo;
use crate::verify::{Site, SiteFact, SiteQuote, SiteSource, Status};

/// The schema of `facts.json`: 2 added independent origins (counts, each
/// quote's origin and attribution) and the status `single-origin`.
pub const SCHEMA: u32 = 2;
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Arc;

#[derive(Serialize)]
struct Export<'a> {
    schema: u32,
    /// The version of sourced that verified and wrote the export.
    sourced_version: &'static str,
    /// The version of the verification rules it applied
    /// ([`crate::RULES_VERSION`]).
    rules_version: u32,
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
    /// The independent origin of the quote's information.
    origin: &'a str,
    /// The seed's own words of attribution, for a second-hand quote.
    attributed_to: Option<&'a str>,
    /// The origin is the editor's judgement (given without attribution).
    origin_by_editor: bool,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Corroboration {
    /// Distinct seeds that support the fact.
    sources: usize,
    /// Distinct independent origins among them.
    origins: usize,
    disputing_sources: usize,
    disputing_origins: usize,
    /// Some supporting quote is second-hand.
    second_hand: bool,
    status: &'static str,
}

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Corroborated => "corroborated",
        Status::SingleSource => "single-origin",
        Status::Disputed => "disputed",
    }
}

fn quote(q: &SiteQuote) -> ExportQuote<'_> {
    ExportQuote {
        source: &q.source,
        quote: &q.quote,
        note: q.note.as_deref(),
        origin: &q.provenance.origin,
        attributed_to: q.provenance.attributed_to.as_deref(),
        origin_by_editor: q.provenance.editor_judged,
        start: q.start(),
        end: q.end(),
        line: q.line,
        column: q.column,
    }
}

fn export_fact(f: &SiteFact) -> ExportFact<'_> {
    ExportFact {
        id: &f.id,
        claim: &f.claim,
        note: f.note.as_deref(),
        number: f.number,
        sources: f.sources.iter().map(quote).collect(),
        conflicts: f.conflicts.iter().map(quote).collect(),
        corroboration: Corroboration {
            sources: f.counts.supporting_sources,
            origins: f.counts.supporting_origins,
            disputing_sources: f.counts.disputing_sources,
            disputing_origins: f.counts.disputing_origins,
            second_hand: f.counts.second_hand,
            status: status_name(f.status),
        },
    }
}

/// The export as pretty-printed JSON with a final newline: exactly what
/// `serde_json::to_string_pretty` gives for the whole export, but put
/// together from one piece per fact, so that a fact unchanged since the
/// last run is not serialised again.
pub fn facts_json(site: &Site, cache: &mut Memo<String, SiteFact, Arc<str>>) -> String {
    let head = Export {
        schema: SCHEMA,
        sourced_version: env!("CARGO_PKG_VERSION"),
        rules_version: crate::RULES_VERSION,
        title: &site.title,
        sources: &site.sources,
        facts: Vec::new(),
    };
    let mut out = serde_json::to_string_pretty(&head).unwrap_or_else(|_| "{}".into());
    // The facts are the last field: replace its empty list.
    if site.facts.is_empty() || !out.ends_with("[]\n}") {
        out.push('\n');
        return out;
    }
    out.truncate(out.len() - "[]\n}".len());
    // Unchanged facts from the cache; the others serialised in parallel.
    let hits: Vec<Option<Arc<str>>> = site
        .facts
        .iter()
        .map(|f| cache.get(&f.id, |stored| stored == f))
        .collect();
    let pieces: Vec<(Arc<str>, bool)> = site
        .facts
        .par_iter()
        .zip(hits)
        .map(|(f, hit)| match hit {
            Some(piece) => (piece, true),
            None => (fact_piece(f), false),
        })
        .collect();
    let total: usize = pieces.iter().map(|(p, _)| p.len() + ",\n".len()).sum();
    out.reserve_exact("[\n".len() + total + "\n  ]\n}\n".len());
    out.push_str("[\n");
    for (i, (f, (piece, hit))) in site.facts.iter().zip(pieces).enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(&piece);
        if !hit {
            cache.put(|| (f.id.clone(), f.clone(), piece));
        }
    }
    out.push_str("\n  ]\n}\n");
    out
}

/// One fact as pretty JSON, indented as an element of the `facts` list.
/// (JSON strings cannot hold a raw line break, so every line break is
/// between tokens.)
fn fact_piece(f: &SiteFact) -> Arc<str> {
    let mut out = Indented(Vec::with_capacity(1024));
    out.0.extend_from_slice(INDENT);
    if serde_json::to_writer_pretty(&mut out, &export_fact(f)).is_err() {
        return Arc::from("    {}");
    }
    String::from_utf8(out.0).map_or_else(|_| Arc::from("    {}"), Arc::from)
}

/// What every line of a fact's JSON starts with in the `facts` list.
const INDENT: &[u8] = b"    ";

/// A writer that puts [`INDENT`] after every line break it is given.
struct Indented(Vec<u8>);

impl std::io::Write for Indented {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !buf.contains(&b'\n') {
            self.0.extend_from_slice(buf);
            return Ok(buf.len());
        }
        for (i, line) in buf.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                self.0.push(b'\n');
                self.0.extend_from_slice(INDENT);
            }
            self.0.extend_from_slice(line);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(facts: usize) -> Site {
        let fact = |i: usize| SiteFact {
            id: format!("fact-{i}"),
            claim: format!("Claim \"{i}\"\nwith a line break, \\ \u{1} \u{2028} “é” 😀"),
            note: i.is_multiple_of(2).then(|| "A note.".to_string()),
            number: (!i.is_multiple_of(3)).then_some(i),
            sources: vec![SiteQuote {
                source: "a".into(),
                quote: "four words of quote".into(),
                note: None,
                pieces: vec![3..10, 12..20],
                line: 2,
                column: 3,
                provenance: Default::default(),
            }],
            conflicts: Vec::new(),
            status: Status::SingleSource,
            corroboration: 1,
            counts: Default::default(),
            uses: 1,
        };
        Site {
            title: "T".into(),
            summary: String::new(),
            updated: None,
            body: String::new(),
            sources: vec![SiteSource {
                key: "a".into(),
                file: "a.txt".into(),
                title: "A".into(),
                publisher: "P".into(),
                name: None,
                url: None,
                sha256: "00".into(),
                text: String::new(),
            }],
            facts: (0..facts).map(fact).collect(),
        }
    }

    #[test]
    fn pieces_put_together_equal_the_whole_export_serialised() {
        for n in [0, 1, 2, 5] {
            let site = site(n);
            let whole = Export {
                schema: SCHEMA,
                sourced_version: env!("CARGO_PKG_VERSION"),
                rules_version: crate::RULES_VERSION,
                title: &site.title,
                sources: &site.sources,
                facts: site.facts.iter().map(export_fact).collect(),
            };
            let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
            let mut cache = Memo::new(true);
            assert_eq!(facts_json(&site, &mut cache), expected, "{n} facts");
            assert!(
                expected.starts_with(&format!(
                    "{{\n  \"schema\": 2,\n  \"sourced_version\": \"{}\",\n  \"rules_version\": {},\n",
                    env!("CARGO_PKG_VERSION"),
                    crate::RULES_VERSION
                )),
                "{expected}"
            );
            // And again, from the cache.
            cache.finish_run();
            assert_eq!(facts_json(&site, &mut cache), expected, "{n} facts, cached");
        }
    }
}
