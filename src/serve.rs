//! `sourced serve`: build, serve the site from memory on 127.0.0.1, and
//! rebuild on every change under `content/`, `seeds/` and `templates/`.
//! Open tabs reload through server-sent events (`/__sourced/events`).
//!
//! The site is the same `render_project` output that `build` writes; serve
//! adds its reload script to HTML responses only, never to `public/`. When
//! verification fails, every page shows the diagnostics instead of stale
//! content.

use crate::diagnostic;
use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// The path of the event stream.
pub const EVENTS: &str = "/__sourced/events";
const RELOAD: &str = "<script>new EventSource(\"/__sourced/events\").addEventListener(\"reload\", () => location.reload());</script>";

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

/// Runs until the process is stopped.
pub fn serve(
    root: &Path,
    bind: &str,
    port: u16,
    report: impl Fn(Event) + Send + Sync + 'static,
) -> Result<()> {
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
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let shared = shared.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &shared);
        });
    }
    Ok(())
}

fn is_change(event: &notify::Result<notify::Event>) -> bool {
    match event {
        Ok(e) => !matches!(e.kind, notify::EventKind::Access(_)),
        Err(_) => true,
    }
}

fn rebuild(root: &Path, cache: &mut crate::Cache, shared: &Shared, report: &dyn Fn(Event)) {
    let start = Instant::now();
    let result = crate::render_project(root, false, cache);
    let millis = start.elapsed().as_millis();
    let (lock, cvar) = &**shared;
    let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
    match result {
        Ok((_, Some(files))) => {
            let n = files.len();
            state.files = files
                .into_iter()
                .map(|f| (crate::diagnostic::display_path(&f.path), f.bytes))
                .collect();
            state.failure = None;
            report(Event::Built { millis, files: n });
        }
        Ok((outcome, None)) => {
            let text = diagnostic::render(&outcome.diagnostics, &outcome.files, false)
                + &diagnostic::summary(&outcome.diagnostics);
            state.failure = Some(text.clone());
            report(Event::Failed {
                millis,
                report: text,
            });
        }
        Err(e) => {
            state.failure = Some(format!("error: {e:#}"));
            report(Event::Error(format!("{e:#}")));
        }
    }
    state.generation += 1;
    cvar.notify_all();
}

fn handle(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // Skip the headers.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    if path == EVENTS {
        return events(stream, shared);
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
        (_, None) => (
            "404 Not Found",
            b"not found\n".to_vec(),
            "text/plain; charset=utf-8",
        ),
    };
    drop(state);
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)
}

/// Streams a `reload` event after every rebuild.
fn events(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: connected\n\n")?;
    let (lock, cvar) = &**shared;
    let mut seen = lock.lock().unwrap_or_else(|e| e.into_inner()).generation;
    loop {
        let state = lock.lock().unwrap_or_else(|e| e.into_inner());
        let (state, timeout) = cvar
            .wait_timeout_while(state, Duration::from_secs(15), |s| s.generation == seen)
            .unwrap_or_else(|e| e.into_inner());
        let generation = state.generation;
        drop(state);
        if timeout.timed_out() {
            stream.write_all(b": keep-alive\n\n")?;
        } else {
            seen = generation;
            stream.write_all(format!("event: reload\ndata: {generation}\n\n").as_bytes())?;
        }
        stream.flush()?;
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
    fn the_reload_script_goes_before_the_end_of_the_body() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>")).unwrap();
        assert!(out.ends_with(&format!("{RELOAD}\n</body></html>")));
    }
}
