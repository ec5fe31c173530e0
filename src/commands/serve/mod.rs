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

mod http;
use http::*;
#[cfg(test)]
mod tests;

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
    files: BTreeMap<String, Arc<Vec<u8>>>,
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
        // The folder the watcher names its paths under: the root made
        // absolute the way notify makes it.
        let base = std::env::current_dir()
            .map(|cwd| cwd.join(&root))
            .context("reading the current folder")?;
        std::thread::spawn(move || {
            let _watcher = watcher;
            while let Ok(first) = rx.recv() {
                if !is_change(&first) {
                    continue;
                }
                let mut saving = Saving::default();
                saving.note(&base, first);
                // Editors save in several steps; take them as one change.
                // The rebuild starts as soon as every file written is
                // closed, renamed into place or removed, and the watcher has
                // nothing more queued; else after 15 ms without an event.
                loop {
                    while let Ok(event) = rx.try_recv() {
                        saving.note(&base, event);
                    }
                    if saving.settled() {
                        break;
                    }
                    match rx.recv_timeout(Duration::from_millis(15)) {
                        Ok(event) => saving.note(&base, event),
                        Err(_) => break,
                    }
                }
                cache.load.set_changed(saving.changed);
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

/// The watcher's events of one save: the files changed, and those still
/// being written.
struct Saving {
    /// The files changed, relative to the project folder.
    changed: crate::project::Changed,
    /// Files written to and not yet closed, nor renamed into place, nor
    /// removed (as the watcher names them).
    open: std::collections::HashSet<std::path::PathBuf>,
}

impl Default for Saving {
    fn default() -> Saving {
        Saving {
            changed: crate::project::Changed::Paths(Default::default()),
            open: Default::default(),
        }
    }
}

impl Saving {
    /// Whether every file written has been closed, renamed or removed.
    fn settled(&self) -> bool {
        self.open.is_empty()
    }

    /// Adds the files an event names to the changed files (relative to the
    /// project folder, `base` as the watcher names it), and follows which are
    /// still being written. An error, a rescan, an event without paths, or a
    /// path outside the project makes every file count as changed.
    fn note(&mut self, base: &Path, event: notify::Result<notify::Event>) {
        use crate::project::Changed;
        use notify::EventKind::{Access, Create, Modify, Remove};
        use notify::event::{AccessKind, AccessMode, ModifyKind};
        let event = match event {
            Ok(event) if !event.need_rescan() && !event.paths.is_empty() => event,
            _ => return self.changed = Changed::All,
        };
        match event.kind {
            Access(AccessKind::Close(AccessMode::Write))
            | Modify(ModifyKind::Name(_))
            | Remove(_) => {
                for path in &event.paths {
                    self.open.remove(path);
                }
            }
            Access(_) => return,
            Create(_) | Modify(_) => self.open.extend(event.paths.iter().cloned()),
            _ => {}
        }
        let Changed::Paths(paths) = &mut self.changed else {
            return;
        };
        for path in &event.paths {
            match path.strip_prefix(base) {
                Ok(rel) => {
                    paths.insert(rel.to_path_buf());
                }
                Err(_) => return self.changed = Changed::All,
            }
        }
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
            let old = std::mem::replace(
                &mut state.files,
                files
                    .into_iter()
                    .map(|f| (crate::diagnostic::display_path(&f.path), f.bytes))
                    .collect(),
            );
            // Freed on another thread: the reload event does not wait.
            crate::drop_later(old);
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
