//! `sourced serve` under abuse, with real sockets on 127.0.0.1: bounded
//! request heads, idle connections timed out, a fixed pool of threads
//! whatever the number of connections, `HEAD` without a body, event
//! streams dropped when their client goes, and a missing root refused.
//! Every wait is bounded, so a hang fails the test instead of stalling it.

use crate::test::Test;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

pub(crate) struct Server {
    child: Child,
    pub(crate) addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub(crate) fn start(root: &std::path::Path) -> Server {
        let mut child = Test::new(".")
            .command()
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or_else(|| panic!("{line}"))
            .to_string();
        Server { child, addr }
    }

    fn connect(&self) -> TcpStream {
        let s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        s
    }

    /// The whole response to `request`.
    pub(crate) fn ask(&self, request: &str) -> String {
        self.try_ask(request).unwrap()
    }

    fn try_ask(&self, request: &str) -> std::io::Result<String> {
        let mut s = self.connect();
        s.write_all(request.as_bytes())?;
        let mut out = Vec::new();
        s.read_to_end(&mut out)?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    /// A field of /proc/PID/status, e.g. `Threads`.
    fn status(&self, field: &str) -> usize {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{field}:")))
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap()
    }

    fn open_files(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/fd", self.child.id()))
            .unwrap()
            .count()
    }
}

/// Waits until `done` holds, failing after 30 s.
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(30), "never: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_missing_root_is_refused() {
    let child = Test::new(".")
        .command()
        .args(["serve", "--port", "0", "--root", "/nonexistent"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Killed and reaped when dropped, whatever happens.
    let mut server = Server {
        child,
        addr: String::new(),
    };
    let child = &mut server.child;
    let mut status = None;
    let start = Instant::now();
    while status.is_none() && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(50));
        status = child.try_wait().unwrap();
    }
    assert!(status.is_some(), "serve --root /nonexistent kept running");
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(status.unwrap().code(), Some(2));
    assert_eq!(err, "error: /nonexistent is not a folder\n");
}

#[test]
fn head_gets_the_headers_of_get_and_no_body() {
    let p = crate::common::copy_fixture("valid/basic");
    let server = Server::start(p.path());
    let get = server.ask("GET / HTTP/1.1\r\n\r\n");
    let head = server.ask("HEAD / HTTP/1.1\r\n\r\n");
    let (get_head, body) = get.split_once("\r\n\r\n").unwrap();
    assert!(get_head.starts_with("HTTP/1.1 200 OK"), "{get}");
    assert!(!body.is_empty());
    assert_eq!(head, format!("{get_head}\r\n\r\n"));
    let post = server.ask("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
    assert!(
        post.starts_with("HTTP/1.1 405 Method Not Allowed"),
        "{post}"
    );
}

#[test]
fn an_endless_request_line_or_header_is_cut_off() {
    let p = crate::common::copy_fixture("valid/basic");
    let server = Server::start(p.path());
    let memory = server.status("VmRSS");
    for (prefix, status) in [
        ("GET /", "HTTP/1.1 414 URI Too Long"),
        (
            "GET / HTTP/1.1\r\nX: ",
            "HTTP/1.1 431 Request Header Fields Too Large",
        ),
    ] {
        let mut s = server.connect();
        s.write_all(prefix.as_bytes()).unwrap();
        // Up to 64 MB, without a line break: the server answers and closes
        // after 8 KiB, so the writes soon fail.
        let chunk = vec![b'a'; 64 * 1024];
        let mut sent = 0;
        while sent < 64 << 20 && s.write_all(&chunk).is_ok() {
            sent += chunk.len();
        }
        assert!(sent < 64 << 20, "the server read 64 MB of one request");
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        let out = String::from_utf8_lossy(&out);
        assert!(out.is_empty() || out.starts_with(status), "{out}");
    }
    // Resident memory grew by less than 16 MB (it was 300 MB for 300 MB).
    assert!(server.status("VmRSS") < memory + 16 * 1024, "memory grew");
}

#[test]
fn an_idle_connection_is_closed() {
    let p = crate::common::copy_fixture("valid/basic");
    let server = Server::start(p.path());
    let mut s = server.connect();
    let mut out = Vec::new();
    // The server closes it after its head timeout (2 s); the client's read
    // timeout (30 s) fails the test if it never does.
    s.read_to_end(&mut out).unwrap();
    assert!(out.is_empty());
}

#[test]
fn many_idle_connections_use_no_more_threads_and_the_site_stays_reachable() {
    let p = crate::common::copy_fixture("valid/basic");
    let server = Server::start(p.path());
    assert!(
        server
            .ask("GET / HTTP/1.1\r\n\r\n")
            .starts_with("HTTP/1.1 200 OK")
    );
    let threads = server.status("Threads");
    let files = server.open_files();
    let idle: Vec<TcpStream> = (0..200).map(|_| server.connect()).collect();
    for s in &idle {
        s.set_nonblocking(true).unwrap();
    }
    // Each is either open in the server or already turned away (503).
    eventually("200 connections accepted", || {
        let turned_away = idle
            .iter()
            .filter(|s| s.peek(&mut [0u8; 1]).is_ok_and(|n| n > 0))
            .count();
        server.open_files() - files + turned_away >= 200
    });
    assert_eq!(server.status("Threads"), threads, "a thread per connection");
    // Beyond the pool and its queue, connections are turned away at once;
    // a page is served as soon as the idle ones time out.
    eventually("the page is served", || {
        server
            .try_ask("GET / HTTP/1.1\r\n\r\n")
            .is_ok_and(|r| r.starts_with("HTTP/1.1 200 OK"))
    });
    drop(idle);
}

#[test]
fn event_streams_of_closed_tabs_are_dropped() {
    let p = crate::common::copy_fixture("valid/basic");
    let server = Server::start(p.path());
    assert!(
        server
            .ask("GET / HTTP/1.1\r\n\r\n")
            .starts_with("HTTP/1.1 200 OK")
    );
    let threads = server.status("Threads");
    let files = server.open_files();
    let tabs: Vec<BufReader<TcpStream>> = (0..5)
        .map(|_| {
            let mut s = server.connect();
            s.write_all(b"GET /__sourced/events HTTP/1.1\r\n\r\n")
                .unwrap();
            let mut r = BufReader::new(s);
            let mut seen = String::new();
            while !seen.contains(": connected") {
                r.read_line(&mut seen).unwrap();
            }
            r
        })
        .collect();
    assert_eq!(
        server.status("Threads"),
        threads,
        "a thread per event stream"
    );
    assert_eq!(server.open_files(), files + 5);
    drop(tabs);
    // Found gone within a second or so, long before the next keep-alive.
    eventually("the closed streams are dropped", || {
        server.open_files() == files
    });
    let head = server.ask("HEAD /__sourced/events HTTP/1.1\r\n\r\n");
    assert!(head.starts_with("HTTP/1.1 200 OK"), "{head}");
    assert!(head.ends_with("\r\n\r\n"), "{head}");
}
