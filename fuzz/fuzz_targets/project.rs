//! Whole projects generated from the fuzzer's bytes (the generator of
//! `tests/fuzz_projects.rs`) go through the real `check`: it must never
//! panic, and every quote it places must cover whole words of its source.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/projects.rs"]
mod projects;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    projects::write_project(data, dir.path()).unwrap();
    let (outcome, site, _) =
        sourced::check(dir.path(), true, &mut sourced::Cache::default()).expect("loads");
    for f in &site.facts {
        for q in f.sources.iter().chain(&f.conflicts) {
            let source = site.sources.iter().find(|s| s.key == q.source).unwrap();
            let words = sourced::segment::words(&source.text);
            for piece in &q.pieces {
                for at in [piece.start, piece.end] {
                    let inside = words.iter().any(|w| {
                        w.start < at
                            && at < w.end
                            && !source.text[w.clone()].contains(['\u{2013}', '\u{2014}'])
                    });
                    assert!(!inside, "{piece:?} cuts a word of {:?}", source.text);
                }
            }
        }
    }
    let _ = sourced::diagnostic::render(&outcome.diagnostics, &outcome.files, false);
});
