//! What the tests of the fast reader's callers share (fact files in
//! `fact_tests.rs`, the manifest in `source_reference_tests.rs`): writing
//! a scalar in each style, near-miss edits to a generated file, and the
//! run that holds the fast reader to serde-saphyr on generated files.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::cell::Cell;

/// How a scalar is written: 0 plain, 1 single-quoted, 2 double-quoted,
/// 3 literal, 4 folded; the chomping, continuation indentation, and
/// whether a comment follows.
#[derive(Debug, Clone)]
pub(crate) struct Style {
    kind: u8,
    chomp: &'static str,
    extra: usize,
    comment: bool,
}

/// Styles drawn from `kinds` and continuation indentations from `extras`
/// (repeated values weigh more).
pub(crate) fn style(
    kinds: &'static [u8],
    extras: &'static [usize],
) -> impl Strategy<Value = Style> {
    (
        prop::sample::select(kinds),
        prop::sample::select(&["", "-", "+", "", "-", "+", "2"][..]),
        prop::sample::select(extras),
        prop::bool::weighted(0.1),
    )
        .prop_map(|(kind, chomp, extra, comment)| Style {
            kind,
            chomp,
            extra,
            comment,
        })
}

/// Writes `text` as a scalar in `style`, the value of a key at column `m`.
pub(crate) fn scalar(out: &mut String, text: &str, style: &Style, m: usize) {
    let pad = " ".repeat(m + style.extra);
    let lines = text.replace('\n', &format!("\n{pad}"));
    match style.kind {
        0 => out.push_str(&lines),
        1 => out.push_str(&format!("'{lines}'")),
        2 => out.push_str(&format!("\"{lines}\"")),
        kind => {
            let head = if kind == 3 { "|" } else { ">" };
            out.push_str(&format!("{head}{}\n", style.chomp));
            for line in text.split('\n') {
                if !line.is_empty() {
                    out.push_str(&pad);
                    out.push_str("  ");
                }
                out.push_str(line);
                out.push('\n');
            }
            out.pop();
        }
    }
    if style.comment {
        out.push_str(" # note");
    }
    out.push('\n');
}

/// An edit of a generated file: where, a piece, and whether the piece is
/// inserted there (else the character there is removed).
pub(crate) type Edit = (prop::sample::Index, &'static str, bool);

/// Up to one edit of pieces from `pieces`.
pub(crate) fn edits(pieces: &'static [&'static str]) -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        (
            any::<prop::sample::Index>(),
            prop::sample::select(pieces),
            any::<bool>(),
        ),
        0..2,
    )
}

/// Makes `out` a near miss: each piece inserted, or a character removed.
pub(crate) fn near_miss(out: &mut String, edits: Vec<Edit>) {
    for (at, piece, insert) in edits {
        let mut i = at.index(out.len());
        while !out.is_char_boundary(i) {
            i -= 1;
        }
        if insert {
            out.insert_str(i, piece);
        } else if i < out.len() {
            out.remove(i);
        }
    }
}

/// Runs `agrees` (the fast reader holds to serde-saphyr on a file, and
/// whether it read it) on 4,000 generated `files`, and asserts that it
/// read a good share of them: not a test of files it always declines.
pub(crate) fn agrees_on_generated_files(
    files: impl Strategy<Value = String>,
    agrees: impl Fn(&str) -> Result<bool, TestCaseError>,
) {
    let cases = 4000;
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let read = Cell::new(0u32);
    let result = runner.run(&files, |text| {
        if agrees(&text)? {
            read.set(read.get() + 1);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(read.get() > cases / 5, "read {} of {cases}", read.get());
}
