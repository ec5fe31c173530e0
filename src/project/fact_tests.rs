//! The fast reader against serde-saphyr: on generated fact files that
//! reach every scalar style and its edges (and many that are not valid),
//! the fast reader either leaves the file to serde-saphyr or gives exactly
//! its facts, values and spans.

use super::*;
use crate::project::fast_yaml::test_files::{self, Style, scalar};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// Whether the fast reader read `text`; fails when it gives anything but
/// what serde-saphyr gives.
fn agrees(text: &str) -> Result<bool, TestCaseError> {
    let path = Path::new("content/facts/f.yaml");
    let Some(fast) = fast_facts(path, text) else {
        return Ok(false);
    };
    match parse_facts_saphyr(&YamlText::whole(path, text), "invalid fact file") {
        Ok(slow) => prop_assert_eq!(fast, slow, "{:?}", text),
        Err(d) => prop_assert!(false, "read {text:?}, which serde-saphyr refuses: {d:?}"),
    }
    Ok(true)
}

/// Pieces of scalars: words, spaces, indicators, quotes, escapes (known,
/// unknown, control-writing), line breaks, blank lines, words YAML reads
/// as other types, tabs and carriage returns.
const PIECES: &[&str] = &[
    "a",
    "word",
    "Fact",
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
    "\\\\",
    "\\\"",
    "\\n",
    "\\t",
    "\\x41",
    "\\u00e9",
    "\\U0001F600",
    "\\x01",
    "\\ ",
    "\\/",
    "\\_",
    "\\L",
    "\\P",
    "\\e",
    "\\0",
    "\\ud800",
    "\\q",
    "\\N",
    "\\r",
    "\n",
    "\n",
    "\n\n",
    "\n \n",
    "\n     \n",
    "- ",
    "-",
    "?",
    "!",
    "&a",
    "*a",
    "[",
    "]",
    "{",
    "}",
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
    "null",
    "true",
    "~",
    "12",
    "0x1F",
    ".5",
    "+1",
    "y",
    "No",
    "---",
    "...",
    "\t",
    "\r",
    "  x",
    "$50",
];

/// Pieces that most styles can hold: most scalars are made of these.
const COMMON: &[&str] = &[
    "a", "word", "Fact", "a:b", "C#", "x-y", "(1)", "it’s", "é", "Wow!", " ", "\u{a0}", "$50",
    "\n", "\n\n", " 2",
];

fn piece_text() -> impl Strategy<Value = String> {
    let first = prop_oneof![
        30 => prop::sample::select(&COMMON[..10]),
        1 => prop::sample::select(PIECES),
    ];
    let piece = prop_oneof![
        60 => prop::sample::select(COMMON),
        1 => prop::sample::select(PIECES),
    ];
    (first, prop::collection::vec(piece, 0..6)).prop_map(|(f, v)| f.to_string() + &v.concat())
}

fn style() -> impl Strategy<Value = Style> {
    test_files::style(
        &[0, 0, 1, 2, 2, 3, 4],
        &[0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3],
    )
}

/// A mapping's entries: a key (sometimes misspelt), and either a scalar
/// or a list of mappings.
#[derive(Debug, Clone)]
enum Node {
    Str(String, Style),
    List(Vec<Vec<(&'static str, Node)>>),
}

fn citation() -> impl Strategy<Value = Vec<(&'static str, Node)>> {
    let s = || (piece_text(), style()).prop_map(|(t, s)| Node::Str(t, s));
    (
        s(),
        s(),
        prop::option::weighted(0.2, s()),
        prop::option::weighted(0.1, s()),
        prop::option::weighted(0.1, s()),
        prop::sample::select(
            &[
                "note", "note", "note", "note", "note", "note", "nóte", "quote",
            ][..],
        ),
    )
        .prop_map(|(source, quote, note, attributed, origin, note_key)| {
            let mut m = vec![("source", source), ("quote", quote)];
            m.extend(note.map(|n| (note_key, n)));
            m.extend(attributed.map(|n| ("attributed_to", n)));
            m.extend(origin.map(|n| ("origin", n)));
            m
        })
}

fn fact() -> impl Strategy<Value = Vec<(&'static str, Node)>> {
    let s = || (piece_text(), style()).prop_map(|(t, s)| Node::Str(t, s));
    let list = || prop::collection::vec(citation(), 1..3).prop_map(Node::List);
    (
        s(),
        s(),
        list(),
        prop::option::weighted(0.2, list()),
        prop::option::weighted(0.2, s()),
        prop::bool::weighted(0.1),
    )
        .prop_map(|(id, claim, sources, conflicts, note, shuffle)| {
            let mut m = vec![("id", id), ("claim", claim), ("sources", sources)];
            m.extend(conflicts.map(|c| ("conflicts", c)));
            m.extend(note.map(|n| ("note", n)));
            if shuffle {
                m.rotate_left(1);
            }
            m
        })
}

/// The layout of a file: the top list's column, spaces after each `-`,
/// how far nested lists are indented (0: at their key's column), and
/// whether comment and blank lines come between entries.
type Layout = (usize, usize, usize, bool);

fn write_list(out: &mut String, items: &[Vec<(&str, Node)>], col: usize, layout: &Layout) {
    let (_, dash, nest, between) = *layout;
    for item in items {
        out.push_str(&" ".repeat(col));
        out.push('-');
        out.push_str(&" ".repeat(dash));
        let m = col + 1 + dash;
        for (i, (key, node)) in item.iter().enumerate() {
            if i > 0 {
                if between {
                    out.push_str(&format!("\n{}# between\n", " ".repeat(i % 3)));
                }
                out.push_str(&" ".repeat(m));
            }
            out.push_str(key);
            out.push(':');
            match node {
                Node::Str(text, style) => {
                    out.push(' ');
                    scalar(out, text, style, m);
                }
                Node::List(items) => {
                    out.push('\n');
                    write_list(out, items, m + nest, layout);
                }
            }
        }
    }
}

fn file() -> impl Strategy<Value = String> {
    let layout = (
        0usize..3,
        1usize..3,
        prop::sample::select(&[0usize, 2, 2, 4][..]),
        any::<bool>(),
    );
    let edits = test_files::edits(PIECES);
    (
        prop::collection::vec(fact(), 1..3),
        layout,
        prop::bool::weighted(0.7),
        edits,
    )
        .prop_map(|(facts, layout, clean, edits)| {
            let mut out = String::from("# Facts.\n\n");
            write_list(&mut out, &facts, layout.0, &layout);
            if !clean {
                test_files::near_miss(&mut out, edits);
            }
            out
        })
}

#[test]
fn the_fast_reader_gives_what_serde_saphyr_gives_or_declines() {
    test_files::agrees_on_generated_files(file(), agrees);
}

#[test]
fn the_fast_reader_reads_this_repositorys_fact_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/facts");
    let mut files = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            agrees(&text).unwrap(),
            "{} left to serde-saphyr",
            path.display()
        );
        files += 1;
    }
    assert!(files >= 4);
}

/// A file of one fact after `comments` comment lines.
fn after_comments(comments: usize) -> String {
    format!(
        "{}- id: a\n  claim: c\n  sources:\n  - source: s\n    quote: q\n",
        "#\n".repeat(comments)
    )
}

/// Comments are events to serde-saphyr, which refuses a file of over
/// 1,000,000 events: the fast reader counts every `#` against its own,
/// smaller budget, so it never reads a file serde-saphyr would refuse.
/// (A red-team pass found a million comment lines read here and refused
/// there.)
#[test]
fn comments_count_against_the_fast_readers_budget() {
    assert!(agrees(&after_comments(10)).unwrap());
    assert!(!agrees(&after_comments(100_001)).unwrap());
    let million = after_comments(1_000_000);
    assert!(fast_facts(Path::new("f.yaml"), &million).is_none());
    assert!(parse_facts_saphyr(&YamlText::whole(Path::new("f.yaml"), &million), "x").is_err());
}

/// Lines of escaped spaces in a double-quoted value keep their spaces, as
/// serde-saphyr reads them (the trim at each line break only looks past
/// the last escape).
#[test]
fn escaped_spaces_across_lines_are_kept() {
    let mut text = String::from("- id: a\n  claim: \"x");
    for _ in 0..50 {
        text.push_str("\\ \n   ");
    }
    text.push_str("y  \n   z\"\n  sources:\n  - source: s\n    quote: q\n");
    assert!(agrees(&text).unwrap());
}

/// A mapping with more keys than a fact or citation has is left to
/// serde-saphyr (which names the unknown key) before the repeated-key
/// check grows with it.
#[test]
fn a_mapping_with_too_many_keys_is_left_to_serde_saphyr() {
    let six = "- id: a\n  claim: c\n  note: a note\n  conflicts:\n  - source: s\n    quote: q\n  sources:\n  - source: s\n    quote: q\n  zz: z\n";
    assert!(!agrees(six).unwrap());
    let five = "- id: a\n  claim: c\n  note: a note\n  conflicts:\n  - source: s\n    quote: q\n    note: a note\n  sources:\n  - source: s\n    quote: q\n";
    assert!(agrees(five).unwrap());
}

/// What `reparse_facts` gives for `new`, an edit of `old`, held to the
/// parse of the whole file: whether it read only part of the file.
fn reparse_agrees(old: &str, new: &str) -> Result<Option<bool>, TestCaseError> {
    let path = Path::new("content/facts/f.yaml");
    let (Ok(facts), Some(layout)) = parse_fact_file(path, old) else {
        return Ok(None);
    };
    let Some((again, again_layout, read)) = reparse_facts(path, (old, &facts, &layout), new) else {
        return Ok(None);
    };
    let (whole, whole_layout) = parse_fact_file(path, new);
    prop_assert_eq!(Ok(again.clone()), whole, "{:?} then {:?}", old, new);
    prop_assert_eq!(
        Some(&again_layout),
        whole_layout.as_deref(),
        "{:?} then {:?}",
        old,
        new
    );
    Ok(Some(read < again.len()))
}

/// Pieces an edit of a fact file inserts: those of scalars, and lines and
/// items that change the file's structure.
const EDIT_PIECES: &[&str] = &[
    "a",
    "Reportedly, ",
    "#",
    " # c",
    "\"",
    "'",
    ":",
    ": ",
    "- ",
    "\n",
    "\n\n",
    "  ",
    " ",
    "\t",
    "|",
    ">",
    "\n- ",
    "\n  claim: c",
    "\n  note: nt\n",
    "\n    quote: q\n",
    "\n- id: nn\n  claim: c\n  sources:\n  - source: s\n    quote: q\n",
    "- id: nn\n  claim: c\n  sources:\n  - source: s\n    quote: q\n",
    "---\n",
    "&a ",
    "1",
    "   more\n",
    "     more\n",
    "          more\n",
];

/// Pieces most edits insert: words and spaces inside a value.
const MILD_PIECES: &[&str] = &["a", "Reportedly, ", " ", "é", "it’s"];

/// A generated file of up to eight facts that the fast reader reads (those
/// it would leave to serde-saphyr alone are left out), and the same file
/// after one or two edits (insertions, or characters removed).
fn edited_file() -> impl Strategy<Value = (String, String)> {
    let layout = (
        0usize..3,
        1usize..3,
        prop::sample::select(&[0usize, 2, 2, 4][..]),
        any::<bool>(),
    );
    let piece = prop_oneof![
        2 => prop::sample::select(MILD_PIECES),
        1 => prop::sample::select(EDIT_PIECES),
    ];
    let edit = (
        any::<prop::sample::Index>(),
        piece,
        prop::bool::weighted(0.7),
        prop::bool::weighted(0.3),
    );
    (
        prop::collection::vec(fact(), 1..9),
        layout,
        prop::collection::vec(edit, 1..3),
    )
        .prop_map(|(facts, layout, edits)| {
            let alone = |fact: &Vec<(&str, Node)>| {
                let mut one = String::new();
                write_list(&mut one, std::slice::from_ref(fact), layout.0, &layout);
                fast_facts(Path::new("f.yaml"), &one).is_some()
            };
            let facts: Vec<_> = facts.into_iter().filter(alone).collect();
            let mut old = String::from("# Facts.\n\n");
            write_list(&mut old, &facts, layout.0, &layout);
            let mut new = old.clone();
            for (at, piece, insert, line_start) in edits {
                // Some edits at a line's start, where one item ends and the
                // next begins.
                let mut i = at.index(new.len());
                while !new.is_char_boundary(i) {
                    i -= 1;
                }
                if line_start {
                    i = new[..i].rfind('\n').map_or(0, |n| n + 1);
                }
                if insert {
                    new.insert_str(i, piece);
                } else if i < new.len() {
                    new.remove(i);
                }
            }
            (old, new)
        })
}

/// Reading only the facts an edit touched gives what reading the whole
/// edited file gives (facts, spans, and where the next edit starts), on
/// edits that break and remake the file's structure; and it reads only
/// part of the file often enough to be tested.
#[test]
fn reparsing_an_edited_file_gives_the_whole_files_parse() {
    let cases = 4000;
    let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config {
        cases,
        failure_persistence: None,
        ..Default::default()
    });
    let partial = std::cell::Cell::new(0u32);
    runner
        .run(&edited_file(), |(old, new)| {
            if reparse_agrees(&old, &new)? == Some(true) {
                partial.set(partial.get() + 1);
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        partial.get() > cases / 10,
        "partly read {} of {cases}",
        partial.get()
    );
}

/// The same on this repository's fact files, each edited at every line
/// start and in the middle of every line: a character inserted, a
/// character removed, a whole fact inserted.
#[test]
fn reparsing_this_repositorys_fact_files_gives_the_whole_files_parse() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/facts");
    let mut partial = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let old = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let mut at = 0;
        while at < old.len() {
            let mid = (at + old[at..].find('\n').unwrap_or(0) / 2..)
                .find(|&i| old.is_char_boundary(i))
                .unwrap();
            for i in [at, mid] {
                let mut edits = vec![format!("{}x{}", &old[..i], &old[i..])];
                edits.push(format!(
                    "{}- id: nn\n  claim: c\n  sources:\n  - source: s\n    quote: q\n{}",
                    &old[..i],
                    &old[i..]
                ));
                if let Some(c) = old[i..].chars().next() {
                    edits.push(format!("{}{}", &old[..i], &old[i + c.len_utf8()..]));
                }
                for new in edits {
                    if reparse_agrees(&old, &new).unwrap() == Some(true) {
                        partial += 1;
                    }
                }
            }
            at += old[at..].find('\n').map_or(old.len(), |n| n + 1);
        }
    }
    assert!(partial > 500, "partly read {partial}");
}

/// A file at the fast reader's node budget: an edit of its last fact that
/// adds a `#` (a node) leaves it to serde-saphyr, re-read or not.
#[test]
fn a_reparse_counts_the_whole_files_nodes() {
    let facts = "- id: a\n  claim: c\n  sources:\n  - source: s\n    quote: q\n".repeat(3);
    let path = Path::new("f.yaml");
    let nodes = |comments: usize| {
        let text = format!("{}{facts}", "#\n".repeat(comments));
        fast_yaml::read_with_layout(&text, SHAPE).map(|(_, layout)| layout)
    };
    // The most comment lines the budget takes.
    let most = (99_900..=100_000)
        .rev()
        .find(|&n| nodes(n).is_some())
        .unwrap();
    let old = format!("{}{facts}", "#\n".repeat(most));
    let new = old.replacen(
        "claim: c\n  sources:\n  - source: s\n    quote: q\n",
        "claim: c # x\n  sources:\n  - source: s\n    quote: q\n",
        3,
    );
    let new = new.replacen("claim: c # x", "claim: c", 2);
    assert!(fast_facts(path, &new).is_none());
    let (Ok(facts), Some(layout)) = parse_fact_file(path, &old) else {
        panic!("not read")
    };
    assert!(reparse_facts(path, (&old, &facts, &layout), &new).is_none());
    // One `#` fewer elsewhere, and it is read again, in part.
    let fewer = new.replacen("#\n", "\n", 1);
    assert!(reparse_agrees(&old, &fewer).unwrap().is_some());
}

/// The three edits a re-read must not take for a change of one fact alone,
/// each held to the whole file's parse.
#[test]
fn reparse_edits_that_change_more_than_their_fact() {
    let item = |id: &str, pad: &str| {
        format!(
            "{pad}- id: {id}\n{pad}  claim: c\n{pad}  sources:\n{pad}  - source: s\n{pad}    quote: q\n"
        )
    };
    let [a, b, c] = ["a", "b", "c"].map(|id| item(id, ""));
    let old = format!("{a}{b}{c}");
    // A line inserted at the start of `b`'s line continues `a`'s last
    // value: `a` changes too.
    let more = format!("{a}      more\n{b}{c}");
    assert_eq!(reparse_agrees(&old, &more).unwrap(), Some(true));
    // A fact inserted after `b`, of `b`'s length: the text after the
    // insertion is `b` and `c` moved, not the fact inserted.
    let x = item("x", "");
    assert_eq!(
        reparse_agrees(&old, &format!("{a}{b}{x}{c}")).unwrap(),
        Some(true)
    );
    // Two facts changed, the same length as before: the second, at the
    // same place, is read again, not taken as it was.
    let d = item("d", "");
    let four = format!("{a}{b}{c}{d}");
    let two = format!(
        "{a}{}{}{d}",
        item("x", ""),
        c.replace("claim: c", "claim: z")
    );
    assert_eq!(reparse_agrees(&four, &two).unwrap(), Some(true));
    // The first fact moved out of the column of the others (to the left
    // of their `-`, and of its own keys): no longer read by the fast reader.
    let indented = format!("{}{}{}", item("a", " "), item("b", " "), item("c", " "));
    let out = format!("{}{}{}", item("a", ""), item("b", " "), item("c", " "));
    let path = Path::new("f.yaml");
    assert!(fast_facts(path, &out).is_none());
    let (Ok(facts), Some(layout)) = parse_fact_file(path, &indented) else {
        panic!("not read")
    };
    assert!(reparse_facts(path, (&indented, &facts, &layout), &out).is_none());
}
