//! Measures `sourced serve` from saving a fact file to the reload event, on a
//! copy of this repository's briefing (the README's target: under 100 ms).
//!
//!     cargo build --release && cargo run --release --example serve_latency
//!
//! It starts the release binary on a free port, saves a fact file 20 times
//! (alternating two versions), and prints the median and worst latency.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn copy(from: &Path, to: &Path) {
    for dir in ["content", "seeds", "templates"] {
        let status = Command::new("cp")
            .arg("-r")
            .arg(from.join(dir))
            .arg(to)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let binary = repo.join("target/release/sourced");
    assert!(
        binary.is_file(),
        "build the release binary first: cargo build --release"
    );
    let tmp = std::env::temp_dir().join(format!("sourced-serve-latency-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    copy(repo, &tmp);
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
    let facts = tmp.join("content/facts/money.yaml");
    let original = std::fs::read_to_string(&facts).unwrap();
    let edited = original.replace(
        "has not been disclosed.",
        "has not been disclosed publicly.",
    );
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
        "serve: save to reload event, this briefing, 20 saves: median {:?}, worst {:?}",
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
