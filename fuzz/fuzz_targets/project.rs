//! Whole projects generated from the fuzzer's bytes (the generator of
//! `tests/testsuite/fuzz_projects.rs`) go through the real `check`: it must never
//! panic, and every quote it places must cover whole words of its source.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/testsuite/projects.rs"]
mod projects;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    projects::write_project(data, dir.path()).unwrap();
    let (outcome, site, _) =
        sourced::check(dir.path(), true, &mut sourced::Cache::default()).expect("loads");
    if let Err(e) = projects::quotes_on_whole_words(&site) {
        panic!("{e}");
    }
    let _ = sourced::diagnostic::render(&outcome.diagnostics, &outcome.files, false);
});
