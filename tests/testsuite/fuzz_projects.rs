//! Structured fuzzing of whole projects: random seeds (multibyte text,
//! long lines), manifests, facts with elisions and numbers, and briefings
//! (see `tests/testsuite/projects.rs`) go through the real `check`, which must
//! never panic and must report every quote it places as a run of whole
//! words of its source. The same generator drives the cargo-fuzz target
//! `fuzz/fuzz_targets/project.rs`.
//!
//! Before the matcher was rewritten, this test found its panic (slicing
//! inside `é` near the gap limit) within its first cases; see README,
//! "Fuzzing". `PROPTEST_CASES=N` runs more cases.

use crate::projects;
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
        let placed = projects::quotes_on_whole_words(&site);
        prop_assert!(placed.is_ok(), "{}", placed.unwrap_err());
        // Diagnostics render without panicking.
        let _ = sourced::diagnostic::render(&outcome.diagnostics, &outcome.files, false);
    }
}
