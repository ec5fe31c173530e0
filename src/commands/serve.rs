//! `sourced serve`: build, serve the site from memory on 127.0.0.1, and
//! rebuild on every change under `content/`, `seeds/` and `templates/`.
//! Open tabs reload through server-sent events (`/__sourced/events`).
//!
//! The site is the same `render_project` output that `build` writes; serve
//! adds its reload script to HTML responses only, never to `public/`. When
//! verification fails, every page shows the diagnostics instead of stale
//! content.

use crate::diagnostic;
use anyhow::{Context, Result, bail};
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// The path of the event stream.
pub const EVENTS: &str = "/__sourced/events";
const RELOAD: &str = "<script>new EventSource(\"/__sourced/events\").addEventListener(\"reload\", () => location.reload());</script>";

/// Requests are answered by this many threads, whatever the number of
/// connections.
pub const WORKERS: usize = 8;
/// Connections waiting for a worker; beyond this, a connection is answered
/// `503` at once and closed. With the head timeout, a flood of idle
/// connections holds the server for at most (WORKERS + QUEUE) / WORKERS
/// × HEAD_TIMEOUT = 4 s after it stops.
pub const QUEUE: usize = 8;
/// The request line and headers together, at most.
pub const MAX_HEAD: usize = 8 * 1024;
/// The time a client has to send its request line and headers (serve
/// listens on 127.0.0.1 by default, where this is ample).
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(2);
/// The time a client has to take a response.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Open event streams (one per tab), at most.
pub const MAX_EVENT_CLIENTS: usize = 32;
/// How often the event thread looks for closed streams, and sends a
/// keep-alive comment.
const EVENT_POLL: Duration = Duration::from_secs(1);
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What serve reports; the command line prints it.
#[derive(Debug)]
pub enum Event {
    Listening(SocketAddr),
    Built { millis: u128, files: usize },
    Failed { millis: u128, report: String },
    Error(String),
}

/// The current site, replaced on every rebuild.
#[derive(Default)]
struct State {
    files: BTreeMap<String, Vec<u8>>,
    /// Set while the latest build failed: its diagnostics as text.
    failure: Option<String>,
    generation: u64,
}

type Shared = Arc<(Mutex<State>, Condvar)>;
/// The open event streams, served by one thread.
type Clients = Arc<Mutex<Vec<TcpStream>>>;

/// Runs until the process is stopped.
pub fn serve(
    root: &Path,
    bind: &str,
    port: u16,
    report: impl Fn(Event) + Send + Sync + 'static,
) -> Result<()> {
    if !root.is_dir() {
        bail!("{} is not a folder", root.display());
    }
    let report = Arc::new(report);
    let shared: Shared = Arc::new((Mutex::new(State::default()), Condvar::new()));
    // Kept from one rebuild to the next: only what changed is redone.
    let mut cache = crate::Cache::keeping();
    rebuild(root, &mut cache, &shared, &*report);
    let listener =
        TcpListener::bind((bind, port)).with_context(|| format!("listening on {bind}:{port}"))?;
    report(Event::Listening(listener.local_addr()?));

    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).context("starting the file watcher")?;
    for dir in ["content", "seeds", "templates"] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .with_context(|| format!("watching {}", path.display()))?;
        }
    }
    {
        let (root, shared, report) = (root.to_path_buf(), shared.clone(), report.clone());
        std::thread::spawn(move || {
            let _watcher = watcher;
            while let Ok(first) = rx.recv() {
                if !is_change(&first) {
                    continue;
                }
                // Editors save in several steps; take them as one change.
                while rx.recv_timeout(Duration::from_millis(15)).is_ok() {}
                rebuild(&root, &mut cache, &shared, &*report);
            }
        });
    }
    let clients: Clients = Arc::default();
    {
        let (shared, clients) = (shared.clone(), clients.clone());
        std::thread::spawn(move || events(&shared, &clients));
    }
    let (queue, waiting) = std::sync::mpsc::sync_channel::<TcpStream>(QUEUE);
    let waiting = Arc::new(Mutex::new(waiting));
    for _ in 0..WORKERS {
        let (shared, clients, waiting) = (shared.clone(), clients.clone(), waiting.clone());
        std::thread::spawn(move || work(&waiting, &shared, &clients));
    }
    accept(&listener, &queue);
    Ok(())
}

/// Hands each connection to the workers, or answers `503` when they are
/// all busy and the queue is full.
fn accept(listener: &TcpListener, queue: &SyncSender<TcpStream>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        match queue.try_send(stream) {
            Ok(()) => {}
            Err(TrySendError::Full(mut stream)) => {
                // A fresh socket's buffer takes this without blocking.
                let _ = stream.set_nonblocking(true);
                let _ = stream.write_all(b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            }
            Err(TrySendError::Disconnected(_)) => return,
        }
    }
}

fn work(waiting: &Mutex<Receiver<TcpStream>>, shared: &Shared, clients: &Clients) {
    loop {
        let next = waiting.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok(stream) = next else { return };
        let _ = handle(stream, shared, clients);
    }
}

fn is_change(event: &notify::Result<notify::Event>) -> bool {
    match event {
        Ok(e) => !matches!(e.kind, notify::EventKind::Access(_)),
        Err(_) => true,
    }
}

type Built = Result<(crate::Outcome, Option<Vec<crate::render::OutputFile>>)>;

fn rebuild(root: &Path, cache: &mut crate::Cache, shared: &Shared, report: &dyn Fn(Event)) {
    rebuild_with(
        |cache| crate::render_project(root, false, cache),
        cache,
        shared,
        report,
    );
}

/// Runs `build` and publishes its result. A panic in `build` is caught:
/// the page reports it, the cache starts afresh, and serve keeps watching.
fn rebuild_with(
    build: impl FnOnce(&mut crate::Cache) -> Built,
    cache: &mut crate::Cache,
    shared: &Shared,
    report: &dyn Fn(Event),
) {
    let start = Instant::now();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| build(cache)));
    let millis = start.elapsed().as_millis();
    let (lock, cvar) = &**shared;
    let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
    match result {
        Ok(Ok((_, Some(files)))) => {
            let n = files.len();
            state.files = files
                .into_iter()
                .map(|f| (crate::diagnostic::display_path(&f.path), f.bytes))
                .collect();
            state.failure = None;
            report(Event::Built { millis, files: n });
        }
        Ok(Ok((outcome, None))) => {
            let text = diagnostic::render(&outcome.diagnostics, &outcome.files, false)
                + &diagnostic::summary(&outcome.diagnostics);
            state.failure = Some(text.clone());
            report(Event::Failed {
                millis,
                report: text,
            });
        }
        Ok(Err(e)) => {
            state.failure = Some(format!("error: {e:#}"));
            report(Event::Error(format!("{e:#}")));
        }
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".to_string());
            let text = format!(
                "internal error: sourced panicked while building: {what}\nThis is a bug in sourced; please report it. Serve keeps watching: save a file to build again."
            );
            // What the build left half-done is not reused.
            *cache = crate::Cache::keeping();
            state.failure = Some(text.clone());
            report(Event::Error(text));
        }
    }
    state.generation += 1;
    cvar.notify_all();
}

/// Why a request head was not read.
#[derive(Debug)]
enum BadHead {
    /// No line break within [`MAX_HEAD`] bytes.
    LineTooLong,
    /// No blank line within [`MAX_HEAD`] bytes.
    TooLarge,
    /// Closed, timed out, or failed.
    Gone,
}

/// Reads the request line and headers: at most [`MAX_HEAD`] bytes, within
/// [`HEAD_TIMEOUT`] in all. Returns the request line.
fn read_head(stream: &mut TcpStream) -> std::result::Result<String, BadHead> {
    let deadline = Instant::now() + HEAD_TIMEOUT;
    let mut head: Vec<u8> = Vec::new();
    let mut chunk = [0u8; 1024];
    loop {
        if let Some(end) = find_end(&head) {
            head.truncate(end);
            let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
            return Ok(String::from_utf8_lossy(line).trim_end().to_string());
        }
        if head.len() >= MAX_HEAD {
            return Err(if head.contains(&b'\n') {
                BadHead::TooLarge
            } else {
                BadHead::LineTooLong
            });
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Err(BadHead::Gone);
        }
        let want = (MAX_HEAD - head.len()).min(chunk.len());
        match stream.read(&mut chunk[..want]) {
            Ok(0) | Err(_) => return Err(BadHead::Gone),
            Ok(n) => head.extend_from_slice(&chunk[..n]),
        }
    }
}

/// Where the blank line ending a request head is, if it is there.
fn find_end(head: &[u8]) -> Option<usize> {
    let crlf = head.windows(4).position(|w| w == b"\r\n\r\n");
    let lf = head.windows(2).position(|w| w == b"\n\n");
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn handle(mut stream: TcpStream, shared: &Shared, clients: &Clients) -> std::io::Result<()> {
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    let request = match read_head(&mut stream) {
        Ok(line) => line,
        Err(BadHead::LineTooLong) => {
            return respond(
                &mut stream,
                "414 URI Too Long",
                TEXT,
                b"request line too long\n",
                false,
            );
        }
        Err(BadHead::TooLarge) => {
            return respond(
                &mut stream,
                "431 Request Header Fields Too Large",
                TEXT,
                b"request headers too large\n",
                false,
            );
        }
        Err(BadHead::Gone) => return Ok(()),
    };
    let mut words = request.split_whitespace();
    let method = words.next().unwrap_or("");
    let head_only = match method {
        "GET" => false,
        "HEAD" => true,
        _ => {
            return respond(
                &mut stream,
                "405 Method Not Allowed",
                TEXT,
                b"only GET and HEAD\n",
                false,
            );
        }
    };
    let path = words.next().unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    if path == EVENTS {
        return subscribe(stream, clients, head_only);
    }
    let rel = percent_decode(path.trim_start_matches('/'));
    let rel = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel
    };
    let (lock, _) = &**shared;
    let state = lock.lock().unwrap_or_else(|e| e.into_inner());
    let is_html = rel.ends_with(".html");
    let (status, body, kind) = match (&state.failure, state.files.get(&rel)) {
        (Some(failure), _) if is_html => (
            "200 OK",
            failure_page(failure).into_bytes(),
            "text/html; charset=utf-8",
        ),
        (_, Some(bytes)) if is_html => ("200 OK", inject(bytes), "text/html; charset=utf-8"),
        (_, Some(bytes)) => ("200 OK", bytes.clone(), content_type(&rel)),
        (_, None) => ("404 Not Found", b"not found\n".to_vec(), TEXT),
    };
    drop(state);
    respond(&mut stream, status, kind, &body, head_only)
}

const TEXT: &str = "text/plain; charset=utf-8";

/// Writes a whole response; for `HEAD`, the same headers and no body.
fn respond(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

const EVENTS_HEAD: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";

/// Adds an event stream to those the event thread serves; no thread is
/// kept for it.
fn subscribe(mut stream: TcpStream, clients: &Clients, head_only: bool) -> std::io::Result<()> {
    let mut list = clients.lock().unwrap_or_else(|e| e.into_inner());
    if head_only {
        return stream.write_all(EVENTS_HEAD);
    }
    if list.len() >= MAX_EVENT_CLIENTS {
        drop(list);
        return respond(
            &mut stream,
            "503 Service Unavailable",
            TEXT,
            b"too many open event streams\n",
            false,
        );
    }
    stream.write_all(EVENTS_HEAD)?;
    stream.write_all(b": connected\n\n")?;
    // From now on the event thread writes, without ever waiting on it.
    stream.set_nonblocking(true)?;
    list.push(stream);
    Ok(())
}

/// The event thread: sends `reload` to every open stream after each
/// rebuild, a keep-alive comment now and then, and drops the streams of
/// clients that are gone (checked every second).
fn events(shared: &Shared, clients: &Clients) {
    let (lock, cvar) = &**shared;
    let mut seen = lock.lock().unwrap_or_else(|e| e.into_inner()).generation;
    let mut quiet = Duration::ZERO;
    loop {
        let state = lock.lock().unwrap_or_else(|e| e.into_inner());
        let (state, _) = cvar
            .wait_timeout_while(state, EVENT_POLL, |s| s.generation == seen)
            .unwrap_or_else(|e| e.into_inner());
        let generation = state.generation;
        drop(state);
        let message = if generation != seen {
            seen = generation;
            quiet = Duration::ZERO;
            Some(format!("event: reload\ndata: {generation}\n\n"))
        } else {
            quiet += EVENT_POLL;
            (quiet >= KEEP_ALIVE).then(|| {
                quiet = Duration::ZERO;
                ": keep-alive\n\n".to_string()
            })
        };
        let mut list = clients.lock().unwrap_or_else(|e| e.into_inner());
        list.retain_mut(|s| {
            is_open(s)
                && message
                    .as_ref()
                    .is_none_or(|m| s.write_all(m.as_bytes()).is_ok())
        });
    }
}

/// Whether the client of a non-blocking stream is still there: it sends
/// nothing, so a read that would block means open and end of file means
/// gone.
fn is_open(stream: &TcpStream) -> bool {
    let mut byte = [0u8; 1];
    match stream.peek(&mut byte) {
        Ok(0) => false,
        Ok(_) => true,
        Err(e) => e.kind() == std::io::ErrorKind::WouldBlock,
    }
}

fn inject(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{RELOAD}\n{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{RELOAD}").into_bytes(),
    }
}

fn failure_page(report: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>sourced: the build failed</title>\
         <style>body{{font:1rem/1.5 system-ui,sans-serif;margin:2rem}}pre{{white-space:pre-wrap;font-size:0.875rem}}</style></head>\
         <body><h1>The build failed</h1><p>Fix these problems; this page reloads when a file changes.</p><pre>{}</pre>{RELOAD}</body></html>\n",
        escape(report)
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn content_type(path: &str) -> &'static str {
    match Path::new(path).extension().and_then(|e| e.to_str()) {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_percent_escapes_without_splitting_characters() {
        assert_eq!(percent_decode("a%20b"), "a b");
        assert_eq!(percent_decode("%E2%80%99"), "\u{2019}");
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%zz’"), "%zz’");
    }

    #[test]
    fn a_panic_in_a_rebuild_is_shown_and_the_next_rebuild_works() {
        let shared: Shared = Arc::default();
        let events = Mutex::new(Vec::new());
        let report = |e: Event| events.lock().unwrap().push(format!("{e:?}"));
        let mut cache = crate::Cache::keeping();
        rebuild_with(|_| panic!("a planted bug"), &mut cache, &shared, &report);
        {
            let state = shared.0.lock().unwrap();
            let failure = state.failure.as_deref().unwrap();
            assert!(
                failure.starts_with(
                    "internal error: sourced panicked while building: a planted bug\n"
                ),
                "{failure}"
            );
            assert_eq!(state.generation, 1);
        }
        let page = failure_page(shared.0.lock().unwrap().failure.as_deref().unwrap());
        assert!(page.contains("sourced panicked while building: a planted bug"));
        // The watcher calls rebuild again on the next change, and it works.
        let ok = |_: &mut crate::Cache| -> Built {
            let outcome = crate::Outcome {
                diagnostics: Vec::new(),
                files: Default::default(),
                written: 0,
                timings: Vec::new(),
            };
            let file = crate::render::OutputFile {
                path: "index.html".into(),
                bytes: b"<html></html>".to_vec(),
            };
            Ok((outcome, Some(vec![file])))
        };
        rebuild_with(ok, &mut cache, &shared, &report);
        let state = shared.0.lock().unwrap();
        assert_eq!(state.failure, None);
        assert_eq!(state.generation, 2);
        assert!(state.files.contains_key("index.html"));
        let events = events.lock().unwrap();
        assert!(
            events[0].starts_with("Error(\"internal error: sourced panicked"),
            "{events:?}"
        );
        assert!(events[1].starts_with("Built {"), "{events:?}");
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_the_body() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>")).unwrap();
        assert!(out.ends_with(&format!("{RELOAD}\n</body></html>")));
    }
}
