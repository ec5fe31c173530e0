//! The HTTP side of `serve`: reading a request head, answering it from the
//! rendered site in memory, and the live-reload event stream.

use super::*;

/// Why a request head was not read.
#[derive(Debug)]
pub(super) enum BadHead {
    /// No line break within [`MAX_HEAD`] bytes.
    LineTooLong,
    /// No blank line within [`MAX_HEAD`] bytes.
    TooLarge,
    /// Closed, timed out, or failed.
    Gone,
}

/// Reads the request line and headers: at most [`MAX_HEAD`] bytes, within
/// [`HEAD_TIMEOUT`] in all. Returns the request line.
pub(super) fn read_head(stream: &mut TcpStream) -> std::result::Result<String, BadHead> {
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
pub(super) fn find_end(head: &[u8]) -> Option<usize> {
    let crlf = head.windows(4).position(|w| w == b"\r\n\r\n");
    let lf = head.windows(2).position(|w| w == b"\n\n");
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

pub(super) fn handle(
    mut stream: TcpStream,
    shared: &Shared,
    clients: &Clients,
) -> std::io::Result<()> {
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
            Arc::new(failure_page(failure).into_bytes()),
            "text/html; charset=utf-8",
        ),
        (_, Some(bytes)) if is_html => (
            "200 OK",
            Arc::new(inject(bytes)),
            "text/html; charset=utf-8",
        ),
        (_, Some(bytes)) => ("200 OK", Arc::clone(bytes), content_type(&rel)),
        (_, None) => ("404 Not Found", Arc::new(b"not found\n".to_vec()), TEXT),
    };
    drop(state);
    respond(&mut stream, status, kind, &body, head_only)
}

pub(super) const TEXT: &str = "text/plain; charset=utf-8";

/// Writes a whole response; for `HEAD`, the same headers and no body.
pub(super) fn respond(
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

pub(super) const EVENTS_HEAD: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";

/// Adds an event stream to those the event thread serves; no thread is
/// kept for it.
pub(super) fn subscribe(
    mut stream: TcpStream,
    clients: &Clients,
    head_only: bool,
) -> std::io::Result<()> {
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
pub(super) fn events(shared: &Shared, clients: &Clients) {
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
pub(super) fn is_open(stream: &TcpStream) -> bool {
    let mut byte = [0u8; 1];
    match stream.peek(&mut byte) {
        Ok(0) => false,
        Ok(_) => true,
        Err(e) => e.kind() == std::io::ErrorKind::WouldBlock,
    }
}

pub(super) fn inject(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{RELOAD}\n{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{RELOAD}").into_bytes(),
    }
}

pub(super) fn failure_page(report: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>sourced: the build failed</title>\
         <style>body{{font:1rem/1.5 system-ui,sans-serif;margin:2rem}}pre{{white-space:pre-wrap;font-size:0.875rem}}</style></head>\
         <body><h1>The build failed</h1><p>Fix these problems; this page reloads when a file changes.</p><pre>{}</pre>{RELOAD}</body></html>\n",
        escape(report)
    )
}

pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String cannot fail");
    out
}

pub(super) fn content_type(path: &str) -> &'static str {
    match Path::new(path).extension().and_then(|e| e.to_str()) {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

pub(super) fn percent_decode(s: &str) -> String {
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
