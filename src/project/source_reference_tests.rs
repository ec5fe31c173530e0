//! The manifest read with the fast reader against serde-saphyr alone (the
//! reader it had before, still the fallback): on generated manifests that
//! reach every scalar style and its edges, and near misses (missing,
//! unknown and repeated keys, numbers, nulls, odd indentation), the fast
//! reader either leaves the manifest to serde-saphyr or gives exactly its
//! entries, values and spans; and `parse_manifest` gives exactly what
//! serde-saphyr alone gives, entries or diagnostic.

use super::*;
use crate::project::fast_yaml::test_files::{self, Style, scalar};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

const PATH: &str = "seeds/sources.yaml";

/// Whether the fast reader read `text`; fails when `parse_manifest` gives
/// anything but what serde-saphyr alone gives.
fn agrees(text: &str) -> Result<bool, TestCaseError> {
    let yaml = YamlText::whole(Path::new(PATH), text);
    let reference = parse_manifest_saphyr(&yaml);
    prop_assert_eq!(&parse_manifest(&yaml), &reference, "{:?}", text);
    Ok(fast_manifest(Path::new(PATH), text).is_some())
}

/// Pieces of values: what manifests hold (keys, file names, titles,
/// publishers, URLs, digests), indicators, quotes, escapes, line breaks,
/// words YAML reads as numbers, nulls or booleans, Unicode, tabs and
/// carriage returns.
const PIECES: &[&str] = &[
    "src-0",
    "Scout",
    "aicnbc.com",
    "000_a4699e0d44194540.txt",
    "https://example.org/filings/0",
    "AIssential (summary of a Dataconomy article)",
    "Quarterly filings 0",
    "Business Wire 0",
    " ",
    "  ",
    ":",
    ": ",
    "a:b",
    "#",
    " #",
    "# c",
    "'",
    "''",
    "\"",
    "\\",
    "\\\"",
    "\\n",
    "\\t",
    "\\x41",
    "\\u00e9",
    "\\x01",
    "\\ ",
    "\\_",
    "\\e",
    "\\q",
    "\n",
    "\n\n",
    "\n \n",
    "- ",
    "-",
    "?",
    "!",
    "&a",
    "*a",
    "[",
    "{",
    ",",
    "|",
    ">",
    "%",
    "@",
    "`",
    "é",
    "’",
    "\u{a0}",
    "\u{3000}",
    "😀",
    "null",
    "Null",
    "~",
    "true",
    "no",
    "y",
    "123",
    "0",
    "1e5",
    "12e3",
    "0b101",
    "0b1e",
    "0x1F",
    "0o17",
    "1_000",
    ".5",
    "+1",
    "-1",
    "12:30",
    "2001-12-14",
    "3a6b5b87",
    "abc5866",
    "003_e19c7e",
    "1e5.txt",
    "0o8",
    "0x1G",
    "12b",
    "1 apple",
    "2001-12-14t21:59:43Z",
    "3E5",
    "---",
    "...",
    "\t",
    "\r",
];

/// Pieces most values are made of.
const COMMON: &[&str] = &[
    "src-1",
    "Scout",
    "aicnbc.com",
    "001_a9b090834bf4bc24.txt",
    "https://aicnbc.com/21082.html",
    "OpenAI",
    "it’s",
    "é",
    "Wow!",
    "C#",
    "(1)",
    " ",
    "\n",
];

/// Whole values that YAML may read as something else than a string
/// (null, booleans, numbers, timestamps), or that are empty.
const WORDS: &[&str] = &[
    "",
    "null",
    "Null",
    "NULL",
    "~",
    "true",
    "False",
    "no",
    "n",
    "Y",
    "on",
    "123",
    "0",
    "-1",
    "+1",
    "1.5",
    ".5",
    ".inf",
    "1e5",
    "1e-5",
    "0b101",
    "0o17",
    "0x1F",
    "1_000",
    "12:30",
    "2001-12-14",
    "3a6b",
    "0b1e",
];

/// A value's text: mostly common pieces, sometimes anything, sometimes
/// a word YAML may read as something else than a string.
fn value_text() -> impl Strategy<Value = String> {
    prop_oneof![
        20 => piece_text(),
        1 => prop::sample::select(WORDS).prop_map(str::to_string),
    ]
}

/// A value's text made of pieces.
fn piece_text() -> impl Strategy<Value = String> {
    let first = prop_oneof![
        40 => prop::sample::select(&COMMON[..10]),
        3 => prop::sample::select(PIECES),
    ];
    let piece = prop_oneof![
        30 => prop::sample::select(COMMON),
        1 => prop::sample::select(PIECES),
    ];
    (first, prop::collection::vec(piece, 0..5)).prop_map(|(f, v)| f.to_string() + &v.concat())
}

/// A digest: mostly 64 lowercase hexadecimal digits (as often starting
/// with a digit as not), sometimes short, all digits, uppercase, or
/// anything.
fn digest() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => "[0-9a-f]{64}",
        2 => "[0-9a-f]{1,4}",
        1 => "[0-9]{1,8}",
        1 => "[0-9][0-9e+\\-]{1,4}",
        1 => "0[boxBOX][0-9a-g_]{0,3}",
        1 => "[0-9]{3}_[0-9a-f]{4}\\.txt",
        1 => "[0-9A-F]{8}",
        1 => piece_text(),
    ]
}

fn style() -> impl Strategy<Value = Style> {
    test_files::style(&[0, 0, 0, 0, 1, 2, 2, 3, 4], &[0, 1, 2, 2, 2, 2, 2, 2, 3])
}

/// An entry's fields, each a key (sometimes misspelt or repeated), its
/// text and its style.
type Entry = Vec<(&'static str, String, Style)>;

fn entry() -> impl Strategy<Value = Entry> {
    let value = || (value_text(), style());
    let sha = (digest(), style());
    (
        (value(), value(), value(), value()),
        (
            prop::option::weighted(0.5, value()),
            sha,
            prop::option::weighted(0.5, value()),
            prop::option::weighted(0.2, value()),
        ),
        // A required field left out (in one entry of sixteen).
        prop_oneof![
            15 => Just(None),
            1 => prop::sample::select(&[0usize, 1, 2, 3, 5][..]).prop_map(Some),
        ],
        // An unknown or repeated key added.
        prop::option::weighted(
            0.05,
            (
                prop::sample::select(
                    &["kee", "Key", "notes", "sha", "key", "url", "name", "sha256"][..],
                ),
                value(),
            ),
        ),
        0usize..8,
    )
        .prop_map(
            |(
                (key, file, title, publisher),
                (url, sha256, name, based_on),
                missing,
                extra,
                turn,
            )| {
                let fields = [
                    ("key", Some(key)),
                    ("file", Some(file)),
                    ("title", Some(title)),
                    ("publisher", Some(publisher)),
                    ("url", url),
                    ("sha256", Some(sha256)),
                    ("name", name),
                    ("based_on", based_on),
                ];
                let mut entry: Entry = fields
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| Some(*i) != missing)
                    .filter_map(|(_, (k, v))| v.map(|(t, s)| (k, t, s)))
                    .collect();
                if let Some((k, (t, s))) = extra {
                    entry.push((k, t, s));
                }
                // Usually in the usual order; sometimes turned.
                if turn == 0 {
                    entry.rotate_left(1);
                } else if turn == 1 {
                    entry.reverse();
                }
                entry
            },
        )
}

/// The layout of a file: the list's column, spaces after each `-`, and
/// whether comment and blank lines come between fields.
type Layout = (usize, usize, bool);

fn write(out: &mut String, entries: &[Entry], layout: &Layout) {
    let (col, dash, between) = *layout;
    for entry in entries {
        out.push_str(&" ".repeat(col));
        out.push('-');
        out.push_str(&" ".repeat(dash));
        let m = col + 1 + dash;
        for (i, (key, text, style)) in entry.iter().enumerate() {
            if i > 0 {
                if between {
                    out.push_str(&format!("\n{}# between\n", " ".repeat(i % 3)));
                }
                out.push_str(&" ".repeat(m));
            }
            out.push_str(key);
            out.push_str(": ");
            scalar(out, text, style, m);
        }
    }
}

fn manifest() -> impl Strategy<Value = String> {
    let layout = (0usize..3, 1usize..3, prop::bool::weighted(0.2));
    let edits = test_files::edits(PIECES);
    (
        prop::collection::vec(entry(), 1..4),
        layout,
        prop::bool::weighted(0.75),
        edits,
    )
        .prop_map(|(entries, layout, clean, edits)| {
            let mut out = String::from("# One entry per file in seeds/.\n\n");
            write(&mut out, &entries, &layout);
            if !clean {
                test_files::near_miss(&mut out, edits);
            }
            out
        })
}

#[test]
fn the_fast_reader_gives_what_serde_saphyr_gives_or_declines() {
    test_files::agrees_on_generated_files(manifest(), agrees);
}

#[test]
fn the_fast_reader_reads_this_repositorys_manifest() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/sources.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        agrees(&text).unwrap(),
        "seeds/sources.yaml left to serde-saphyr"
    );
}

/// A manifest as the benchmark corpus writes it: digests starting with a
/// digit (most of them) are read too.
#[test]
fn the_fast_reader_reads_a_generated_manifest() {
    let mut text = String::new();
    for i in 0..1000 {
        text.push_str(&format!(
            "- key: src-{i}\n  file: src-{i:05}.txt\n  title: \"Quarterly filings {i}\"\n  publisher: Business Wire {i}\n  url: https://example.org/filings/{i}\n  sha256: {}\n",
            sha256_hex(format!("source {i}").as_bytes())
        ));
    }
    assert!(text.contains("sha256: 0") && text.contains("sha256: 9"));
    assert!(agrees(&text).unwrap());
    assert_eq!(fast_manifest(Path::new(PATH), &text).unwrap().len(), 1000);
}

/// What the fast reader leaves to serde-saphyr, each one entry away from
/// one it reads: a plain value YAML reads as a number, null or boolean, a
/// missing required field, an unknown or repeated key, too many keys.
#[test]
fn near_misses_are_left_to_serde_saphyr() {
    let entry = |sha: &str, extra: &str| {
        format!("- key: k\n  file: f.txt\n  title: t\n  publisher: p\n  sha256: {sha}\n{extra}")
    };
    for sha in [
        "3a6b",
        "0b1e",
        "0b12",
        "0o8",
        "0x1g",
        "1e5x",
        "1e5.txt",
        "1e+5e",
        "3A6B",
        "1 apple",
        "003_e19c7e.txt",
        "000_a4699e0d.txt",
    ] {
        assert!(agrees(&entry(sha, "")).unwrap(), "{sha}");
    }
    assert!(agrees(&entry("3a6b", "  url: u\n  name: nm\n  based_on: b\n")).unwrap());
    for sha in [
        "123",
        "0",
        "1e5",
        "12e3",
        "1e+5",
        "1e-5",
        "1e",
        "1.5e3",
        "3E5",
        "0b101",
        "0b",
        "0o17",
        "0x1F",
        "0x1f_0",
        "0X1F",
        "12:30",
        "1.5",
        "1_000",
        "2001-12-14",
        "2001-12-14t10:00:00Z",
        "2001-12-14 10:00:00",
        "null",
        "~",
        "true",
        "n",
        "False",
        "FALSE",
        "NULL",
    ] {
        assert!(!agrees(&entry(sha, "")).unwrap(), "{sha}");
    }
    for extra in [
        "  url: null\n",
        "  url: 123\n",
        "  url: ~\n",
        "  kee: k\n",
        "  key: k\n",
        "  url: u\n  name: n\n  based_on: b\n  url: u\n",
    ] {
        assert!(!agrees(&entry("3a6b", extra)).unwrap(), "{extra}");
    }
    assert!(!agrees("- key: k\n  file: f.txt\n  title: t\n  sha256: 3a6b\n").unwrap());
}
