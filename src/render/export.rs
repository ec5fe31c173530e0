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

/// The whole export as serde sees it: the reference that [`facts_json`]
/// must equal, serialised by `serde_json::to_string_pretty` in the tests.
#[cfg(test)]
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
/// `serde_json::to_string_pretty` gives for the whole export, but written
/// directly, with one piece per fact, so that a fact unchanged since the
/// last run is not serialised again.
pub fn facts_json(site: &Site, cache: &mut Memo<String, Arc<SiteFact>, Arc<str>>) -> String {
    let mut w = Pretty(Vec::with_capacity(256 + 256 * site.sources.len()));
    w.0.push(b'{');
    w.key(1, true, "schema");
    w.num(SCHEMA as usize);
    w.key(1, false, "sourced_version");
    w.str(env!("CARGO_PKG_VERSION"));
    w.key(1, false, "rules_version");
    w.num(crate::RULES_VERSION as usize);
    w.key(1, false, "title");
    w.str(&site.title);
    w.key(1, false, "sources");
    w.sources(&site.sources);
    w.key(1, false, "facts");
    let Ok(mut out) = String::from_utf8(w.0) else {
        return "{}\n".into();
    };
    if site.facts.is_empty() {
        out.push_str("[]\n}\n");
        return out;
    }
    // Unchanged facts from the cache; the others serialised in parallel.
    let hits = cache.get_each(&site.facts, |f| f.id.as_str(), |f, stored| stored == f);
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

/// One fact as pretty JSON, indented as an element of the `facts` list:
/// what `serde_json`'s pretty printer writes for it two levels deep, written
/// directly (each string escaped by `serde_json`), not through serde's
/// serializer and formatter.
fn fact_piece(f: &SiteFact) -> Arc<str> {
    let e = export_fact(f);
    let mut w = Pretty(Vec::with_capacity(1024));
    w.0.extend_from_slice(b"    {");
    w.key(3, true, "id");
    w.str(e.id);
    w.key(3, false, "claim");
    w.str(e.claim);
    w.key(3, false, "note");
    w.opt_str(e.note);
    w.key(3, false, "number");
    match e.number {
        Some(n) => w.num(n),
        None => w.0.extend_from_slice(b"null"),
    }
    w.key(3, false, "sources");
    w.quotes(&e.sources);
    w.key(3, false, "conflicts");
    w.quotes(&e.conflicts);
    w.key(3, false, "corroboration");
    let c = &e.corroboration;
    w.0.push(b'{');
    w.key(4, true, "sources");
    w.num(c.sources);
    w.key(4, false, "origins");
    w.num(c.origins);
    w.key(4, false, "disputing_sources");
    w.num(c.disputing_sources);
    w.key(4, false, "disputing_origins");
    w.num(c.disputing_origins);
    w.key(4, false, "second_hand");
    w.bool(c.second_hand);
    w.key(4, false, "status");
    w.str(c.status);
    w.close(3, b'}');
    w.close(2, b'}');
    String::from_utf8(w.0).map_or_else(|_| Arc::from("    {}"), Arc::from)
}

/// Pretty JSON as `serde_json::to_string_pretty` writes it: two spaces of
/// indent per level, `"key": value`, one member per line.
struct Pretty(Vec<u8>);

impl Pretty {
    /// A line break (after a comma unless `first`), the indent of `depth`
    /// and `"key": ` (keys are plain ASCII names, written as they are).
    fn key(&mut self, depth: usize, first: bool, key: &str) {
        self.0.extend_from_slice(if first { b"\n" } else { b",\n" });
        self.indent(depth);
        self.0.push(b'"');
        self.0.extend_from_slice(key.as_bytes());
        self.0.extend_from_slice(b"\": ");
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.0.extend_from_slice(b"  ");
        }
    }

    /// The end of an object or list that has members: a line break, the
    /// indent of `depth` and the bracket.
    fn close(&mut self, depth: usize, bracket: u8) {
        self.0.push(b'\n');
        self.indent(depth);
        self.0.push(bracket);
    }

    /// A string, quoted and escaped as `serde_json` does: one with nothing
    /// to escape (no `"`, `\\` or control character below U+0020, the only
    /// characters it escapes) is copied as it is, any other is written by
    /// `serde_json` itself.
    fn str(&mut self, s: &str) {
        if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
            self.0.push(b'"');
            self.0.extend_from_slice(s.as_bytes());
            self.0.push(b'"');
        } else {
            // Writing to a vector cannot fail; serialising a `str` neither.
            let _ = serde_json::to_writer(&mut self.0, s);
        }
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.0.extend_from_slice(b"null"),
        }
    }

    /// A number, in the digits `serde_json` writes (it uses `itoa` too).
    fn num(&mut self, n: usize) {
        self.0
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    fn bool(&mut self, b: bool) {
        self.0.extend_from_slice(if b { b"true" } else { b"false" });
    }

    /// A list of objects, as the value of a member at `depth`: `[]` when
    /// empty, else each object on its own lines one level deeper, its
    /// members written by `members` (two levels deeper).
    fn objects<T>(&mut self, depth: usize, items: &[T], mut members: impl FnMut(&mut Self, &T)) {
        self.0.push(b'[');
        for (i, item) in items.iter().enumerate() {
            self.0
                .extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            self.indent(depth + 1);
            self.0.push(b'{');
            members(self, item);
            self.close(depth + 1, b'}');
        }
        if items.is_empty() {
            self.0.push(b']');
        } else {
            self.close(depth, b']');
        }
    }

    /// The export's list of sources, as the value of a member at depth 1
    /// (the fields `SiteSource` serialises, in its order).
    fn sources(&mut self, sources: &[SiteSource]) {
        self.objects(1, sources, |w, s| {
            w.key(3, true, "key");
            w.str(&s.key);
            w.key(3, false, "file");
            w.str(&s.file);
            w.key(3, false, "title");
            w.str(&s.title);
            w.key(3, false, "publisher");
            w.str(&s.publisher);
            if let Some(name) = &s.name {
                w.key(3, false, "name");
                w.str(name);
            }
            w.key(3, false, "url");
            w.opt_str(s.url.as_deref());
            w.key(3, false, "sha256");
            w.str(&s.sha256);
        });
    }

    /// A fact's list of quotes, as the value of a member at depth 3.
    fn quotes(&mut self, quotes: &[ExportQuote]) {
        self.objects(3, quotes, |w, q| {
            w.key(5, true, "source");
            w.str(q.source);
            w.key(5, false, "quote");
            w.str(q.quote);
            if let Some(note) = q.note {
                w.key(5, false, "note");
                w.str(note);
            }
            w.key(5, false, "origin");
            w.str(q.origin);
            w.key(5, false, "attributed_to");
            w.opt_str(q.attributed_to);
            w.key(5, false, "origin_by_editor");
            w.bool(q.origin_by_editor);
            w.key(5, false, "start");
            w.num(q.start);
            w.key(5, false, "end");
            w.num(q.end);
            w.key(5, false, "line");
            w.num(q.line);
            w.key(5, false, "column");
            w.num(q.column);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What every line of a fact's JSON starts with in the `facts` list.
    const INDENT: &[u8] = b"    ";

    /// One fact's JSON as first written: `to_writer_pretty` through a
    /// writer that puts [`INDENT`] after every line break (the reference
    /// for [`fact_piece`]).
    fn fact_piece_by_indenting(f: &SiteFact) -> String {
        struct Indented(Vec<u8>);
        impl std::io::Write for Indented {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
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
        let mut out = Indented(INDENT.to_vec());
        serde_json::to_writer_pretty(&mut out, &export_fact(f)).unwrap();
        String::from_utf8(out.0).unwrap()
    }

    fn text() -> impl Strategy<Value = String> {
        "[a \"\\\\\n\r\t/<>&'{}\\[\\]:,\u{1}\u{10}\u{1f}\u{7f}\u{2028}é“😀]{0,12}"
    }

    fn generated_quote() -> impl Strategy<Value = SiteQuote> {
        (
            (text(), text(), proptest::option::of(text())),
            proptest::collection::vec((0usize..1000, 0usize..50), 1..3),
            (0usize..5000, 0usize..300),
            (text(), proptest::option::of(text()), any::<bool>()),
        )
            .prop_map(
                |((source, quote, note), pieces, (line, column), (origin, by, judged))| SiteQuote {
                    source,
                    quote,
                    note,
                    pieces: pieces.into_iter().map(|(a, l)| a..a + l).collect(),
                    line,
                    column,
                    provenance: crate::verify::origins::Provenance {
                        attributed_to: by,
                        origin,
                        origin_id: String::new(),
                        editor_judged: judged,
                    },
                },
            )
    }

    fn generated_fact() -> impl Strategy<Value = SiteFact> {
        (
            (text(), text(), proptest::option::of(text())),
            proptest::option::of(0usize..100_000),
            proptest::collection::vec(generated_quote(), 0..3),
            proptest::collection::vec(generated_quote(), 0..3),
            (0usize..4, any::<bool>(), 0usize..3),
        )
            .prop_map(
                |((id, claim, note), number, sources, conflicts, (n, second_hand, status))| {
                    let counts = crate::verify::origins::Counts {
                        supporting_sources: n,
                        supporting_origins: n / 2,
                        disputing_sources: conflicts.len(),
                        second_hand,
                        ..Default::default()
                    };
                    SiteFact {
                        id,
                        claim,
                        note,
                        number,
                        sources,
                        conflicts,
                        status: [Status::Corroborated, Status::SingleSource, Status::Disputed]
                            [status],
                        corroboration: n,
                        counts,
                        uses: 1,
                        note_numbers: Vec::new(),
                    }
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// Strings of JSON's escapes, line breaks, brackets and characters
        /// outside ASCII; empty and full lists; optional fields on and off.
        #[test]
        fn fact_pieces_equal_the_reference(f in generated_fact()) {
            let (new, old) = (fact_piece(&f), fact_piece_by_indenting(&f));
            prop_assert_eq!(&*new, old.as_str());
        }
    }

    /// The whole export as `serde_json::to_string_pretty` writes it, with
    /// the final newline: what [`facts_json`] must equal.
    fn serde_export(site: &Site) -> String {
        let whole = Export {
            schema: SCHEMA,
            sourced_version: env!("CARGO_PKG_VERSION"),
            rules_version: crate::RULES_VERSION,
            title: &site.title,
            sources: &site.sources,
            facts: site.facts.iter().map(|f| export_fact(f)).collect(),
        };
        serde_json::to_string_pretty(&whole).unwrap() + "\n"
    }

    fn generated_source() -> impl Strategy<Value = SiteSource> {
        (
            (text(), text(), text(), text()),
            (proptest::option::of(text()), proptest::option::of(text())),
            text(),
        )
            .prop_map(
                |((key, file, title, publisher), (name, url), sha256)| SiteSource {
                    key,
                    file,
                    title,
                    publisher,
                    name,
                    url,
                    sha256,
                    text: "".into(),
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// The whole export, head and facts, against serde_json's pretty
        /// printing of it, on titles and sources with every kind of
        /// string, no sources or no facts, and again from the cache.
        #[test]
        fn the_export_equals_serde_jsons(
            title in text(),
            sources in proptest::collection::vec(generated_source(), 0..3),
            facts in proptest::collection::vec(generated_fact(), 0..3),
        ) {
            let site = Site {
                title,
                summary: String::new(),
                updated: None,
                body: String::new(),
                sources: sources.into(),
                facts: facts.into_iter().map(Arc::new).collect(),
            };
            let expected = serde_export(&site);
            let mut cache = Memo::new(true);
            prop_assert_eq!(facts_json(&site, &mut cache), expected.clone());
            cache.finish_run();
            prop_assert_eq!(facts_json(&site, &mut cache), expected);
        }
    }

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
            note_numbers: Vec::new(),
        };
        Site {
            title: "T".into(),
            summary: String::new(),
            updated: None,
            body: String::new(),
            sources: Arc::new(vec![SiteSource {
                key: "a".into(),
                file: "a.txt".into(),
                title: "A".into(),
                publisher: "P".into(),
                name: None,
                url: None,
                sha256: "00".into(),
                text: "".into(),
            }]),
            facts: (0..facts).map(|i| Arc::new(fact(i))).collect(),
        }
    }

    #[test]
    fn pieces_put_together_equal_the_whole_export_serialised() {
        for n in [0, 1, 2, 5] {
            let site = site(n);
            let expected = serde_export(&site);
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
