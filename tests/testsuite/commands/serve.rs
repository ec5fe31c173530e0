//! `serve`: a page requested, a fact file changed, the reload event read.

use super::*;
use crate::serve::Server;

/// The response to a `GET` of `path`.
fn get(server: &Server, path: &str) -> String {
    let addr = &server.addr;
    server.ask(&format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n"))
}

#[test]
fn serve_builds_serves_and_sends_a_reload_event_on_change() {
    let project = copy_fixture("valid/basic");
    let p = project.path();
    let server = Server::start(p);
    let addr = server.addr.clone();

    let page = get(&server, "/index.html");
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
    let page = get(&server, "/index.html");
    assert!(page.contains("The build failed"), "{page}");
    assert!(page.contains("error[quote-not-found]"), "{page}");
    assert!(page.contains(
        "&quot;The council approved a budget of $4.5 million for 2031 on Wednesday&quot;"
    ));
}
