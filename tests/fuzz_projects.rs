//! Structured fuzzing of whole projects: random seeds (multibyte text,
//! long lines), manifests, facts with elisions and numbers, and briefings
//! (see `tests/support/projects.rs`) go through the real `check`, which must
//! never panic and must report every quote it places as a run of whole
//! words of its source. The same generator drives the cargo-fuzz target
//! `fuzz/fuzz_targets/project.rs`.
//!
//! Before the matcher was rewritten, this test found its panic (slicing
//! inside `é` near the gap limit) within its first cases; see README,
//! "Fuzzing". `PROPTEST_CASES=N` runs more cases.

#[path = "support/projects.rs"]
mod projects;

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(96),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn check_never_panics_and_places_quotes_on_whole_words(
        bytes in prop::collection::vec(any::<u8>(), 64..1500)
    ) {
        let dir = tempfile::tempdir().unwrap();
        projects::write_project(&bytes, dir.path()).unwrap();
        let (outcome, site, _) = sourced::check(dir.path(), true, &mut sourced::Cache::default())
            .expect("a generated project loads");
        for f in &site.facts {
            for q in f.sources.iter().chain(&f.conflicts) {
                let source = site.sources.iter().find(|s| s.key == q.source).unwrap();
                let words = sourced::segment::words(&source.text);
                for piece in &q.pieces {
                    for at in [piece.start, piece.end] {
                        let inside = words.iter().any(|w| w.start < at && at < w.end && {
                            // An en or em dash is written `-` only after
                            // normalisation; in the original it never joins.
                            !source.text[w.clone()].contains(['\u{2013}', '\u{2014}'])
                        });
                        prop_assert!(!inside, "{:?} cuts a word of {:?}", piece, source.text);
                    }
                }
            }
        }
        // Diagnostics render without panicking.
        let _ = sourced::diagnostic::render(&outcome.diagnostics, &outcome.files, false);
    }
}
