//! Writes a valid briefing project of any size (see `tests/testsuite/corpus.rs`):
//!
//!     cargo run --release --example gen-corpus -- --sources N --facts M OUT

#[path = "../tests/testsuite/corpus.rs"]
mod corpus;

fn arg(args: &[String], name: &str) -> usize {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| usage())
}

fn usage() -> ! {
    eprintln!("usage: gen-corpus --sources N --facts M OUT (M >= N >= 1)");
    std::process::exit(2);
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (n, m) = (arg(&args, "--sources"), arg(&args, "--facts"));
    let out = args
        .last()
        .filter(|a| !a.starts_with("--"))
        .unwrap_or_else(|| usage());
    if n == 0 || m < n {
        usage();
    }
    corpus::generate(n, m, std::path::Path::new(out))?;
    println!("wrote {n} sources and {m} facts to {out}");
    Ok(())
}
