//! Times the quote matcher on the adversarial inputs of issue 10, which took
//! the former depth-first search 37 s, more than 120 s and 16.8 s:
//!
//! ```sh
//! cargo run --release --example match_bench
//! ```
//!
//! Each case is matched 20 times; the median and worst are printed. The
//! matcher is called directly, so one-word pieces (which `check` refuses
//! before matching) are timed too.

use sourced::text::quote_match::{Quote, Searchable, find};
use std::time::{Duration, Instant};

fn time(name: &str, source: &str, quote: &str) {
    let s = Searchable::new(source);
    let q = Quote::parse(quote);
    let mut runs: Vec<Duration> = (0..20)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(find(&s, &q));
            start.elapsed()
        })
        .collect();
    runs.sort();
    println!(
        "{name}: {} bytes, {} pieces: median {:.3} ms, worst {:.3} ms ({:?})",
        source.len(),
        q.pieces.len(),
        runs[runs.len() / 2].as_secs_f64() * 1e3,
        runs[runs.len() - 1].as_secs_f64() * 1e3,
        find(&s, &q)
    );
}

fn main() {
    let a2000 = "a ".repeat(2000);
    time("a x2000, a...a...a...b", &a2000, "a ... a ... a ... b");
    time(
        "a x2000, a...a...a...a...b",
        &a2000,
        "a ... a ... a ... a ... b",
    );
    time(
        "a x2000, 3-word pieces x5",
        &a2000,
        "a a a ... a a a ... a a a ... a a a ... a a b",
    );
    let seeds: String = std::fs::read_dir("seeds")
        .map(|d| {
            let mut paths: Vec<_> = d.filter_map(|e| e.ok()).map(|e| e.path()).collect();
            paths.sort();
            paths
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .filter_map(|p| std::fs::read_to_string(p).ok())
                .collect()
        })
        .unwrap_or_default();
    if !seeds.is_empty() {
        time(
            "this repository's seeds, e...e...e...e...e...zq",
            &seeds,
            "e ... e ... e ... e ... e ... zq",
        );
    }
    let big = "a ".repeat(400_000);
    time(
        "a x400000 (800 KB), 3-word pieces x5",
        &big,
        "a a a ... a a a ... a a a ... a a a ... a a b",
    );
}
