//! The split of a sentence's check into a reading, kept per sentence by
//! serve, and a binding to the facts, against the check as it was: one
//! pass that read and bound at once (kept here as the reference).

use super::tests_reading_old::*;
use super::*;
use crate::diagnostic::Span;
use crate::project::fact::Text;
use crate::project::source::ManifestEntry;
use crate::verify::Status;
use crate::verify::origins::Provenance;
use crate::verify::{SiteFact, SiteQuote};
use proptest::prelude::*;
use std::sync::Arc;

fn text(value: &str) -> Text {
    Text {
        value: value.to_string(),
        span: Span::new("seeds/sources.yaml", 0..0),
    }
}

/// Three seeds: one named, one relaying an origin, one known by its
/// publisher; and the outside origin CNBC.
fn manifest() -> Vec<ManifestEntry> {
    let entry =
        |key: &str, name: Option<&str>, publisher: &str, based_on: Option<&str>| ManifestEntry {
            key: text(key),
            file: text(&format!("{key}.txt")),
            title: text("A title"),
            publisher: text(publisher),
            url: None,
            sha256: text(""),
            name: name.map(text),
            based_on: based_on.map(text),
        };
    vec![
        entry("scout", Some("Scout"), "Scout Media", None),
        entry("wire", Some("Wire Service"), "The Wire", Some("Dataconomy")),
        entry("alpha", None, "Alpha", None),
    ]
}

fn quote(source: &str, origin: &str, origin_id: &str) -> SiteQuote {
    SiteQuote {
        source: source.to_string(),
        quote: String::new(),
        note: None,
        pieces: Vec::new(),
        line: 1,
        column: 1,
        provenance: Provenance {
            attributed_to: None,
            origin: origin.to_string(),
            origin_id: origin_id.to_string(),
            editor_judged: false,
        },
    }
}

/// Facts with one, two and three sources, one of them disputed, quoting
/// the seeds and CNBC.
fn facts() -> Vec<SiteFact> {
    let fact = |id: &str, sources: Vec<SiteQuote>, conflicts: Vec<SiteQuote>, n: usize| {
        let mut f = SiteFact {
            id: id.to_string(),
            claim: String::new(),
            note: None,
            number: None,
            sources,
            conflicts,
            status: Status::Corroborated,
            corroboration: n,
            counts: Default::default(),
            uses: 0,
            note_numbers: Vec::new(),
        };
        f.counts.supporting_sources = n;
        f.counts.supporting_origins = n.min(2);
        f.counts.disputing_sources = f.conflicts.len();
        f.counts.disputing_origins = f.conflicts.len();
        f.counts.total_sources = n + f.conflicts.len();
        f.counts.total_origins = n.min(2) + f.conflicts.len();
        f
    };
    let scout = || quote("scout", "Scout", "seed:scout");
    let wire = || quote("wire", "Dataconomy", "name:dataconomy");
    let alpha = || quote("alpha", "CNBC", "name:cnbc");
    vec![
        fact("a", vec![scout()], vec![], 1),
        fact("b", vec![scout(), wire()], vec![], 2),
        fact("c", vec![wire(), alpha(), scout()], vec![alpha()], 3),
    ]
}

/// Pieces of prose: counts, source nouns, verbs, dispute words, names
/// (whole, possessive, in compounds, credited), punctuation.
const PIECES: &[&str] = &[
    "two",
    "Two",
    "three",
    "one",
    "both",
    "all",
    "only",
    "the",
    "sources",
    "source",
    "outlets",
    "documents",
    "say",
    "says",
    "report",
    "disputed",
    "dispute",
    "deny",
    "not",
    "don't",
    "confirm",
    "according",
    "to",
    "per",
    "by",
    "reported",
    "Scout",
    "Scout's",
    "Scouts'",
    "Scout-led",
    "Wire",
    "Service",
    "Wire Service",
    "Dataconomy",
    "Data-conomy",
    "CNBC",
    "CNBC's",
    "cnbc",
    "Alpha",
    "Alpha-backed",
    "said",
    "keeps",
    ":",
    ";",
    ",",
    ".",
    " ",
    " ",
    " ",
    " ",
    "\u{AD}",
    "\u{200B}",
    "’s",
    "of",
    "five",
    "at least",
    "more than",
];

fn sentence() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..20).prop_map(|p| p.concat())
}

/// References: offsets into the text (rounded down to a character
/// boundary) with the fact each names.
fn references() -> impl Strategy<Value = Vec<(usize, usize)>> {
    proptest::collection::vec((0..80usize, 0..4usize), 0..4)
}

fn check(s: &str, raw_refs: &[(usize, usize)], sorted: bool) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let manifest = manifest();
    let mut d = Vec::new();
    let origins = Origins::new(&manifest, &mut d);
    let mut names = origins.prose_names(&manifest, &[]);
    names.insert("cnbc".to_string());
    names.insert("dataconomy".to_string());
    let facts = facts();
    let ids = ["a", "b", "c", "nope"];
    let mut refs: Vec<(usize, &str)> = raw_refs
        .iter()
        .map(|&(at, id)| {
            let mut at = at.min(s.len());
            while !s.is_char_boundary(at) {
                at -= 1;
            }
            (at, ids[id])
        })
        .collect();
    if sorted {
        refs.sort_by_key(|r| r.0);
    }
    let found = phrases(s);
    let span_of = |r: &Range<usize>| Span::new("content/briefing.md", r.clone());
    let mut old = Vec::new();
    let old_prose = OldProse::new(&facts, &origins, &names);
    old_check_sentence(&old_prose, s, &found, &refs, &span_of, &mut old);
    let mut new = Vec::new();
    let names = Arc::new(Names::new(Names::flags(&origins, &names)));
    let shared: Vec<Arc<SiteFact>> = facts.iter().cloned().map(Arc::new).collect();
    let prose = Prose::new(&shared, &origins, names);
    check_sentence(&prose, s, &found, &refs, &span_of, &mut new);
    (old, new)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn reading_then_binding_equals_the_one_pass_check(
        s in sentence(),
        refs in references(),
        sorted in any::<bool>(),
    ) {
        let (old, new) = check(&s, &refs, sorted);
        prop_assert_eq!(old, new);
    }
}

/// The generated sentences reach what the check reports: mismatched
/// counts and uncited names.
#[test]
fn the_cases_reach_counts_and_names() {
    let (old, new) = check("Two sources say so, according to CNBC.", &[(38, 0)], true);
    assert_eq!(old, new);
    let codes: Vec<&str> = new.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["source-count", "outlet-not-cited"]);
    // A dispute word after the reference is outside the count's clause.
    let (old, new) = check("Two sources agree, disputed by none.", &[(17, 0)], true);
    assert_eq!(old, new);
    assert!(new[0].message.contains("`Two sources`"), "{new:?}");
    assert_eq!(new[0].label, "read as a count of sources that support");
    let (old, new) = check("Scout and CNBC disputed it.", &[(27, 2)], true);
    assert_eq!(old, new);
    assert!(new.is_empty(), "{new:?}");
}
