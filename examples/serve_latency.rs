//! Measures `sourced serve` from saving a fact file to the reload event, on a
//! copy of this repository's briefing (the README's target: under 100 ms).
//!
//!     cargo build --release && cargo run --release --example serve_latency [PROJECT]
//!
//! It starts the release binary on a free port, saves a fact file 20 times
//! (alternating two versions of one fact), and prints the median and worst
//! latency. PROJECT (a generated corpus, say) replaces this repository.
//!
//!     cargo run --release --example serve_latency -- --in-process N [PROJECT]
//!
//! runs serve's rebuild in this process instead: one build with a keeping
//! cache, then N rebuilds, each after the same one-claim edit (alternating
//! as above), and prints each run's stage times. Under callgrind, the
//! difference between N = 1 and N = 0 is the instructions of one rebuild.

// The allocator of the `sourced` binary, so that `--in-process` measures
// what serve does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn copy(from: &Path, to: &Path) {
    for dir in ["content", "seeds", "templates"] {
        if !from.join(dir).is_dir() {
            continue;
        }
        let status = Command::new("cp")
            .arg("-r")
            .arg(from.join(dir))
            .arg(to)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

/// The original text of the first fact file and the same text with its
/// first claim written on its own line (plain or double-quoted) edited.
fn one_claim_edit(facts: &Path) -> (String, String) {
    let original = std::fs::read_to_string(facts).unwrap();
    let at = original
        .match_indices("claim: ")
        .map(|(i, m)| i + m.len())
        .find(|&i| !original[i..].starts_with('>'))
        .unwrap();
    let at = if original[at..].starts_with('"') {
        at + 1
    } else {
        at
    };
    let mut edited = original.clone();
    edited.insert_str(at, "Reportedly, ");
    (original, edited)
}

fn first_fact_file(root: &Path) -> std::path::PathBuf {
    std::fs::read_dir(root.join("content/facts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap()
}

/// Serve's rebuild in this process: a first build, then `rebuilds` edits.
fn in_process(rebuilds: usize, source: &Path, tmp: &Path) {
    copy(source, tmp);
    let facts = first_fact_file(tmp);
    let (original, edited) = one_claim_edit(&facts);
    let mut cache = sourced::Cache::keeping();
    for i in 0..=rebuilds {
        if i > 0 {
            let text = if i % 2 == 1 { &edited } else { &original };
            std::fs::write(&facts, text).unwrap();
            // What serve's watcher reports: the one file saved.
            let rel = facts.strip_prefix(tmp).unwrap().to_path_buf();
            let changed = sourced::project::Changed::Paths([rel].into_iter().collect());
            cache.load.set_changed(changed);
        }
        let start = Instant::now();
        let (outcome, files) = sourced::render_project(tmp, false, &mut cache).unwrap();
        let files = files.map_or(0, |f| f.len());
        println!(
            "run {i}: {:?} ({files} files; {:?})",
            start.elapsed(),
            outcome.timings
        );
    }
    let _ = std::fs::remove_dir_all(tmp);
}

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let rebuilds = (args.first().map(String::as_str) == Some("--in-process")).then(|| {
        let n = args[1].parse::<usize>().expect("--in-process N");
        args.drain(..2);
        n
    });
    let project = args.first().map(std::path::PathBuf::from);
    let source = project.as_deref().unwrap_or(repo);
    let tmp = std::env::temp_dir().join(format!("sourced-serve-latency-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    if let Some(rebuilds) = rebuilds {
        return in_process(rebuilds, source, &tmp);
    }
    let binary = repo.join("target/release/sourced");
    assert!(
        binary.is_file(),
        "build the release binary first: cargo build --release"
    );
    copy(source, &tmp);
    let mut child = Command::new(&binary)
        .args(["serve", "--port", "0", "--root"])
        .arg(&tmp)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let mut events = TcpStream::connect(&addr).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        events,
        "GET /__sourced/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(events);
    let mut buf = String::new();
    while !buf.contains(": connected") {
        reader.read_line(&mut buf).unwrap();
    }
    // One fact's claim, edited back and forth: the first claim written on
    // its own line (plain or double-quoted), in the first fact file.
    let facts = first_fact_file(&tmp);
    let (original, edited) = one_claim_edit(&facts);
    let mut times = Vec::new();
    for i in 0..20 {
        std::thread::sleep(Duration::from_millis(150));
        let text = if i % 2 == 0 { &edited } else { &original };
        let saved = Instant::now();
        std::fs::write(&facts, text).unwrap();
        let mut event = String::new();
        while !event.starts_with("event: reload") {
            event.clear();
            reader.read_line(&mut event).unwrap();
        }
        times.push(saved.elapsed());
    }
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&tmp);
    times.sort();
    println!(
        "serve: save to reload event, {}, 20 saves: median {:?}, worst {:?}",
        project
            .as_deref()
            .map_or("this briefing".to_string(), |p| p.display().to_string()),
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
