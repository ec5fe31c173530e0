//! Whole random projects for fuzzing `check` (used by `tests/testsuite/fuzz_projects.rs`
//! with proptest, and by the cargo-fuzz target `fuzz/fuzz_targets/project.rs`).
//!
//! A project is generated from a stream of choices, so that any byte string
//! (cargo-fuzz) or any proptest value gives one. It has 1 to 3 seeds of long
//! lines mixing ASCII, accented, combining, CJK, right-to-left and emoji
//! text, numbers in their many forms, and sentence ends; a manifest with the
//! right hashes (sometimes listing one document twice); facts whose quotes
//! are cut from the seeds — whole words or not, with elisions across
//! hundreds of characters — and whose claims carry numbers from the seeds or
//! altered ones; and a briefing citing them in sentences with numbers.

use std::fmt::Write as _;
use std::path::Path;

/// A source of choices.
pub struct Choices<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Choices<'a> {
    pub fn new(bytes: &'a [u8]) -> Choices<'a> {
        Choices { bytes, at: 0 }
    }

    /// A number below `n` (0 when the bytes run out).
    pub fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        let mut v: usize = 0;
        for _ in 0..2 {
            let b = self.bytes.get(self.at).copied().unwrap_or(0);
            self.at += 1;
            v = (v << 8) | usize::from(b);
        }
        v % n
    }

    pub fn chance(&mut self, in_four: usize) -> bool {
        self.below(4) < in_four
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "the",
    "board",
    "approved",
    "merger",
    "Microsoft",
    "OpenAI\u{2019}s",
    "non-exclusive",
    "license",
    "caf\u{e9}",
    "cafe\u{301}",
    "na\u{ef}ve",
    "\u{5317}\u{4eac}",
    "\u{6771}\u{4eac}\u{90fd}",
    "\u{645}\u{631}\u{62d}\u{628}\u{627}",
    "\u{5e9}\u{5dc}\u{5d5}\u{5dd}",
    "\u{1f44d}\u{1f3fd}",
    "\u{1f469}\u{200d}\u{1f52c}",
    "not",
    "never",
    "denied",
    "unless",
    "if",
    "about",
    "up to",
    "reportedly",
    "said",
    "will",
    "raise",
    "taxes",
    "in",
    "and",
    "U.S.",
    "e.g.",
    "\u{201c}quoted\u{201d}",
    "\u{2014}",
    "\u{2013}",
    "x",
    "\u{e9}t\u{e9}",
    "\u{1100}\u{1161}\u{11a8}",
    "Stra\u{df}e",
    "\u{3a9}mega",
    "\u{212b}ngstr\u{f6}m",
];

const NUMBERS: &[&str] = &[
    "$1.5 billion",
    "12,000",
    "7.5%",
    "2026\u{2013}2027",
    "7-2",
    "-5",
    "$13 million",
    "$13 billion",
    "about 27%",
    "up to $50 billion",
    "2032",
    "\u{ff12}\u{ff10}\u{ff13}\u{ff12}",
    "\u{662}\u{660}\u{663}\u{662}",
    "twenty",
    "3rd",
    "5\u{bd}",
    "20\u{feff}32",
    "$.5 billion",
    "more than 100",
    "2 gigawatts",
    "1,000,000",
    "0.5",
    "MMXXXII",
];

const SEPARATORS: &[&str] = &[
    " ",
    " ",
    " ",
    ", ",
    ". ",
    ".\n",
    "! ",
    " \u{2014} ",
    "\n",
    "\u{a0}",
    ". \u{201c}",
];

/// A seed: long lines of words, numbers and sentence ends.
fn seed(c: &mut Choices) -> String {
    let mut text = String::new();
    let units = 20 + c.below(140);
    for _ in 0..units {
        match c.below(10) {
            0 | 1 => text.push_str(c.pick(NUMBERS)),
            2 => {
                // A long run, to take elisions to the gap limit.
                let n = 250 + c.below(120);
                text.push_str(&"x".repeat(n));
            }
            _ => text.push_str(c.pick(WORDS)),
        }
        text.push_str(c.pick(SEPARATORS));
    }
    text
}

/// A cut of `text` at a character boundary near `at` (byte offset),
/// moved to the next space when `whole` is set.
fn cut(text: &str, mut at: usize, whole: bool) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    if whole {
        while at < text.len() && !text[at..].starts_with(char::is_whitespace) {
            at += text[at..].chars().next().map_or(1, char::len_utf8);
        }
    }
    at
}

/// A quote cut from `text`: one piece, or several joined by ` ... `.
fn quote(c: &mut Choices, text: &str) -> String {
    if text.is_empty() {
        return "four words of quote".into();
    }
    let pieces = 1 + c.below(3);
    let mut at = c.below(text.len());
    let mut out = Vec::new();
    for _ in 0..pieces {
        let whole = c.chance(3);
        let start = cut(text, at, whole && c.chance(2));
        let start = if whole {
            // Just after a space.
            text[start..]
                .find(char::is_whitespace)
                .map_or(start, |i| cut(text, start + i + 1, false))
        } else {
            start
        };
        let end = cut(text, start + 8 + c.below(60), whole);
        out.push(text[start..end].to_string());
        // The next piece a little or a lot further on.
        let near = c.chance(2);
        at = end + 1 + c.below(if near { 40 } else { 400 });
        if at >= text.len() {
            break;
        }
    }
    out.join(" ... ")
}

fn yaml(s: &str) -> String {
    let mut out = String::from("\"");
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() || c == '\u{feff}' || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes a random project into `root` (an empty folder).
pub fn write_project(bytes: &[u8], root: &Path) -> std::io::Result<()> {
    let mut c = Choices::new(bytes);
    std::fs::create_dir_all(root.join("seeds"))?;
    std::fs::create_dir_all(root.join("content/facts"))?;
    let n = 1 + c.below(3);
    let mut seeds: Vec<String> = Vec::new();
    let mut manifest = String::new();
    for i in 0..n {
        let text = if i > 0 && c.below(8) == 0 {
            // The same document again, under another key.
            seeds[0].clone()
        } else {
            seed(&mut c)
        };
        let name = format!("s{i}.txt");
        std::fs::write(root.join("seeds").join(&name), &text)?;
        let _ = write!(
            manifest,
            "- key: s{i}\n  file: {name}\n  title: Source {i}\n  publisher: Publisher {i}\n  sha256: {}\n",
            sourced::project::source::sha256_hex(text.as_bytes())
        );
        seeds.push(text);
    }
    std::fs::write(root.join("seeds/sources.yaml"), manifest)?;
    let facts = 1 + c.below(5);
    let mut yaml_facts = String::new();
    let mut body = String::new();
    for f in 0..facts {
        let s = c.below(n);
        let q = quote(&mut c, &seeds[s]);
        let number = if c.chance(2) { c.pick(NUMBERS) } else { "" };
        let claim = format!("Claim {f} says {number}.");
        let _ = write!(
            yaml_facts,
            "- id: f{f}\n  claim: {}\n  sources:\n    - source: s{s}\n      quote: {}\n",
            yaml(&claim),
            yaml(&q)
        );
        if c.chance(1) {
            let other = c.below(n);
            let _ = write!(
                yaml_facts,
                "  conflicts:\n    - source: s{other}\n      quote: {}\n      note: Differs.\n",
                yaml(&quote(&mut c, &seeds[other]))
            );
        }
        let prose_number = if c.chance(2) { c.pick(NUMBERS) } else { "" };
        let _ = writeln!(body, "Sentence with {prose_number} in it.[^f{f}]\n");
    }
    std::fs::write(root.join("content/facts/f.yaml"), yaml_facts)?;
    std::fs::write(
        root.join("content/briefing.md"),
        format!("---\ntitle: T\nsummary: S\n---\n{body}"),
    )?;
    Ok(())
}

/// Checks that every quote `check` placed covers whole words of its source
/// (an en or em dash, which only normalisation writes as `-`, never joins).
pub fn quotes_on_whole_words(site: &sourced::verify::Site) -> Result<(), String> {
    for f in &site.facts {
        for q in f.sources.iter().chain(&f.conflicts) {
            let Some(source) = site.sources.iter().find(|s| s.key == q.source) else {
                return Err(format!("no source {}", q.source));
            };
            let words = sourced::text::segment::words(&source.text);
            for piece in &q.pieces {
                for at in [piece.start, piece.end] {
                    let inside = words.iter().any(|w| {
                        w.start < at
                            && at < w.end
                            && !source.text[w.clone()].contains(['\u{2013}', '\u{2014}'])
                    });
                    if inside {
                        return Err(format!("{piece:?} cuts a word of {:?}", source.text));
                    }
                }
            }
        }
    }
    Ok(())
}
