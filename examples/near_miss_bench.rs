//! Times the near-miss search on a 6,000-character source and a
//! 200-character quote that is not in it (the README's target: under 50 ms).
//!
//!     cargo run --release --example near_miss_bench
//!
//! The source is article-like text built from a fixed seed, so every run
//! measures the same work. It prints the median and worst of 200 runs.

use sourced::text::near_miss::closest;
use sourced::text::normalize::{Normalized, normalize};
use std::time::Instant;

fn main() {
    const WORDS: &[&str] = &[
        "the",
        "council",
        "approved",
        "a",
        "budget",
        "of",
        "million",
        "for",
        "after",
        "months",
        "debate",
        "library",
        "will",
        "reopen",
        "officials",
        "said",
        "Microsoft",
        "OpenAI",
        "cloud",
        "partnership",
        "revenue",
        "share",
        "license",
        "through",
        "exclusive",
        "Azure",
        "Amazon",
    ];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut source = String::new();
    while source.len() < 6_000 {
        let w = WORDS[(next() % WORDS.len() as u64) as usize];
        source.push_str(w);
        source.push(if next() % 12 == 0 { '\n' } else { ' ' });
    }
    source.truncate(6_000);
    // A 200-character passage of the source with one word changed.
    let start = source[3_000..].find(' ').unwrap() + 3_001;
    let mut quote = normalize(&source[start..start + 200]);
    quote = quote.replacen("the", "THE", 1);
    let norm = Normalized::new(&source);
    let mut times = Vec::new();
    let mut found = None;
    for _ in 0..200 {
        let t = Instant::now();
        found = closest(&norm, &quote);
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "near-miss search, {} chars of source, {} chars of quote: median {:?}, worst {:?} (200 runs); found: {}",
        source.len(),
        quote.len(),
        times[times.len() / 2],
        times[times.len() - 1],
        found.is_some()
    );
}
