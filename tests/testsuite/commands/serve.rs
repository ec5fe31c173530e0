//! `serve`: a page requested, a fact file changed, the reload event read.

use super::*;

pub(super) struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub(super) fn get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn serve_builds_serves_and_sends_a_reload_event_on_change() {
    let project = copy_fixture("valid/basic");
    let p = project.path();
    let mut child = Test::new(".")
        .command()
        .args(["serve", "--port", "0", "--root"])
        .arg(p)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let _server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("{line}"))
        .to_string();

    let page = get(&addr, "/index.html");
    assert!(page.starts_with("HTTP/1.1 200 OK"), "{page}");
    assert!(page.contains("EventSource(\"/__sourced/events\")"));
    assert!(!p.join("public").exists(), "serve does not write public/");

    // Listen for events, then change a fact.
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
    let mut seen = String::new();
    while !seen.contains(": connected") {
        reader.read_line(&mut seen).unwrap();
    }
    let facts = p.join("content/facts/facts.yaml");
    let broken = fs::read_to_string(&facts)
        .unwrap()
        .replace("on Tuesday\"", "on Wednesday\"");
    let saved = Instant::now();
    fs::write(&facts, broken).unwrap();
    let mut event = String::new();
    while !event.contains("event: reload") {
        event.clear();
        reader.read_line(&mut event).unwrap();
    }
    eprintln!(
        "reload event {} ms after the save",
        saved.elapsed().as_millis()
    );
    // The page now shows the diagnostics instead of stale content.
    let page = get(&addr, "/index.html");
    assert!(page.contains("The build failed"), "{page}");
    assert!(page.contains("error[quote-not-found]"), "{page}");
    assert!(page.contains(
        "&quot;The council approved a budget of $4.5 million for 2031 on Wednesday&quot;"
    ));
}
