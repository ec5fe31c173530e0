//! A generated briefing project of any size, for benchmarks and stress tests
//! (`cargo run --release --example gen-corpus -- --sources N --facts M OUT`).
//!
//! - Sources are article-like text of about 5 KB each, with curly quotes,
//!   dashes, no-break spaces and line breaks, as real web text has. Every
//!   sentence carries a filing number, so quotes of one sentence are unique.
//!   Each source also repeats one sentence of the previous source (wire copy),
//!   which lets facts cite two sources.
//! - Facts quote them: some across a line break, some with an elision, some
//!   citing two sources, some with a conflict, all with numbers in the claim.
//! - The briefing cites every fact. The output passes `check --strict`.
//!
//! The output depends only on N and M.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const COMPANIES: &[&str] = &[
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Litware",
    "Adatum",
    "Tailspin",
    "Wingtip",
    "Proseware",
];
const NOUNS: &[&str] = &[
    "revenue",
    "cloud capacity",
    "licensing income",
    "operating margin",
    "headcount",
    "capital spending",
];
const VERBS: &[&str] = &["rose", "fell", "held", "climbed", "slipped"];
const FILLER: &[&str] = &[
    "Analysts said the figures were broadly in line with expectations, though several noted that the comparison with last year is flattered by one-off items.",
    "The company did not respond to a request for comment on Tuesday.",
    "Executives have described the quarter as a period of \u{201c}deliberate investment\u{201d}\u{2014}a phrase they repeated on the call.",
    "Regulators in two jurisdictions are reviewing the arrangement, according to people familiar with the matter.",
    "Shares moved little in early trading\u{2026} before recovering later in the session.",
];

struct Sentence {
    text: String,
    number: u32,
    year: u32,
    noun: &'static str,
    verb: &'static str,
    company: &'static str,
}

/// The `k`-th reportable sentence of source `s`.
fn sentence(s: usize, k: usize) -> Sentence {
    let company = COMPANIES[(s + k) % COMPANIES.len()];
    let noun = NOUNS[(s * 7 + k) % NOUNS.len()];
    let verb = VERBS[(s + 3 * k) % VERBS.len()];
    let number = ((s * 31 + k * 17) % 90 + 5) as u32;
    let year = 2020 + ((s + k) % 9) as u32;
    let text = format!(
        "In filing {s}\u{2011}{k}, {company}\u{2019}s {noun} {verb} to {number}\u{00a0}percent in {year}, the \u{201c}{company} {k}\u{201d} report says."
    );
    Sentence {
        text,
        number,
        year,
        noun,
        verb,
        company,
    }
}

fn sha256(bytes: &[u8]) -> String {
    sourced::project::source::sha256_hex(bytes)
}

/// Writes a project of `n` sources and `m` facts (`m >= n >= 1`) into `out`.
pub fn generate(n: usize, m: usize, out: &Path) -> std::io::Result<()> {
    assert!(
        n >= 1 && m >= n,
        "need at least one source and as many facts as sources"
    );
    let per_source = m.div_ceil(n);
    fs::create_dir_all(out.join("seeds"))?;
    fs::create_dir_all(out.join("content/facts"))?;

    // Sources: reportable sentences interleaved with filler, lines broken
    // inside some sentences, padded to about 5 KB.
    let mut manifest = String::new();
    for s in 0..n {
        let mut text = format!("Business Wire {s}: quarterly filings\n\n");
        for k in 0..per_source.max(12) {
            let mut line = sentence(s, k).text;
            if k % 4 == 1 {
                // A line break inside the sentence, after its third word.
                let cut = line.match_indices(' ').nth(2).map_or(0, |(i, _)| i);
                line.replace_range(cut..cut + 1, "\n");
            }
            let _ = writeln!(text, "{line} {}", FILLER[(s + k) % FILLER.len()]);
        }
        if s > 0 {
            // Wire copy: the previous source's sentence 0, verbatim.
            let _ = writeln!(text, "Also reported: {}", sentence(s - 1, 0).text);
        }
        let mut i = 0;
        while text.len() < 5_000 {
            let _ = writeln!(text, "{}", FILLER[(s + i) % FILLER.len()]);
            i += 1;
        }
        let name = format!("src-{s:05}.txt");
        fs::write(out.join("seeds").join(&name), &text)?;
        let _ = write!(
            manifest,
            "- key: src-{s}\n  file: {name}\n  title: \"Quarterly filings {s}\"\n  publisher: Business Wire {s}\n  url: https://example.org/filings/{s}\n  sha256: {}\n",
            sha256(text.as_bytes())
        );
    }
    fs::write(out.join("seeds/sources.yaml"), manifest)?;

    // Facts, 1,000 to a file.
    let mut files: Vec<String> = Vec::new();
    let mut briefing = String::from(
        "---\ntitle: Generated briefing\nsummary: A generated corpus for benchmarks.\n---\n",
    );
    for j in 0..m {
        let (s, k) = (j % n, j / n);
        let sen = sentence(s, k);
        let quote = sen
            .text
            .replace('\u{00a0}', " ")
            .replace(['\u{201c}', '\u{201d}'], "\"");
        let id = format!("fact-{j}");
        let claim = format!(
            "{}'s {} {} to {} percent in {} (filing {s}-{k}).",
            sen.company, sen.noun, sen.verb, sen.number, sen.year
        );
        let mut fact = format!("- id: {id}\n  claim: \"{claim}\"\n  sources:\n");
        let quote_text = if j % 5 == 2 && k % 4 != 1 {
            // An elision over `, the`, keeping every figure and at least
            // three words on each side.
            let cut = quote.find(", the \"").unwrap_or(quote.len());
            let rest = quote.find('"').map_or("", |i| &quote[i..]);
            format!("{} ... {rest}", &quote[..cut])
        } else {
            quote.clone()
        };
        let _ = write!(
            fact,
            "    - source: src-{s}\n      quote: {}\n",
            yaml(&quote_text)
        );
        if k == 0 && s + 1 < n && j % 3 == 0 {
            // Corroborated by the wire copy in the next source.
            let _ = write!(
                fact,
                "    - source: src-{}\n      quote: {}\n",
                s + 1,
                yaml(&quote)
            );
        }
        // From another source than the supporting ones: one source cannot
        // both support and dispute a fact.
        let t = (s + n - 1) % n;
        let wire = k == 0 && s + 1 < n && j % 3 == 0;
        if j % 7 == 3 && t != s && !(wire && t == s + 1) {
            let other = sentence(t, (k + 1) % per_source.max(12));
            let _ = write!(
                fact,
                "  conflicts:\n    - source: src-{t}\n      quote: {}\n      note: A later filing gives another figure.\n",
                yaml(&other.text)
            );
        }
        if j % 1_000 == 0 {
            files.push(String::new());
            // A heading cites no fact, so it states no number: the part
            // is named by letters (`a`, `b` … `z`, `ba` …).
            let _ = write!(briefing, "\n## Filings, part {}\n\n", letters(j / 1_000));
        }
        if let Some(last) = files.last_mut() {
            last.push_str(&fact);
        }
        let _ = write!(briefing, "{claim}[^{id}]");
        briefing.push_str(if j % 10 == 9 { "\n\n" } else { " " });
    }
    for (i, text) in files.iter().enumerate() {
        fs::write(out.join(format!("content/facts/facts-{i:03}.yaml")), text)?;
    }
    briefing.push('\n');
    fs::write(out.join("content/briefing.md"), briefing)?;
    Ok(())
}

/// `i` written in the letters `a` to `z` as digits (`a` for 0).
fn letters(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (i % 26) as u8);
        i /= 26;
        if i == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A YAML double-quoted scalar.
fn yaml(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}
