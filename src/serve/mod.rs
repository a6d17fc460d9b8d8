//! Serve: local preview with live reload and the review view.
//!
//! The site is built into memory and served over HTTP ([`http`]). A watcher
//! rebuilds what a change touches ([`state`]); open pages reload through
//! server-sent events, and a content error shows as an overlay while the
//! last good build keeps being served. Only files of the build are served,
//! to GET and HEAD requests; `/_review/<locale>/…` shows each page's English
//! and translation side by side.
//!
//! - [`state`]: the in-memory site and incremental rebuilds.
//! - [`watch`]: the file watcher.
//! - [`http`]: the server: timeouts, the connection limit, the host check.
//! - `rebuild`: the loop that rebuilds on each batch of changes.
//! - `routes`: what each request path answers.

pub mod http;
mod memory;
mod rebuild;
mod routes;
pub mod state;
pub mod watch;

pub use routes::{PathError, resolve};

use std::collections::VecDeque;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::{Arc, Mutex, RwLock};

use serde::Serialize;
use tokio::sync::watch as tw;

use crate::diag::{Diagnostic, Error, Result};
use crate::render::review;
use state::{SiteRoot, State};

/// The port tried first, then the next ones up if it is taken.
pub const DEFAULT_PORT: u16 = 1717;
/// How many ports after the requested one are tried.
const PORT_TRIES: u16 = 20;

const LIVE_JS: &str = include_str!("assets/live.js");
const PREVIEW_CSS: &str = include_str!("assets/preview.css");

/// How to serve.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub site: SiteRoot,
    pub bind: IpAddr,
    /// `None`: the default port (or the next free one); `Some(0)`: any.
    pub port: Option<u16>,
    /// Open the home page in the browser.
    pub open: bool,
    /// Link template to open a file at a line (`{path}`, `{line}`, `{column}`).
    pub editor_url: String,
    /// Print only errors.
    pub quiet: bool,
    /// Timeouts and the connection limit.
    pub limits: http::Limits,
}

/// The status browsers follow.
#[derive(Clone, Debug, Serialize)]
struct Status {
    version: u64,
    /// The version this connection saw before; `changed` covers every
    /// version after it. `null` on a connection's first event.
    since: Option<u64>,
    /// Output files (`cs-CZ/events/x/index.html`) changed after `since`;
    /// `null` when any may have. A browser showing another page stays.
    changed: Option<Vec<String>>,
    errors: Vec<ProblemInfo>,
}

#[derive(Clone, Debug, Serialize)]
struct ProblemInfo {
    severity: &'static str,
    code: &'static str,
    message: String,
    help: Option<String>,
    file: Option<String>,
    line: Option<u32>,
    column: Option<u32>,
}

fn status_of(s: &State) -> Status {
    Status {
        version: s.version,
        since: None,
        changed: s.changed.clone(),
        errors: s
            .all_errors()
            .into_iter()
            .map(|d: &Diagnostic| ProblemInfo {
                severity: d.severity.as_str(),
                code: d.code,
                message: d.message.clone(),
                help: d.help.clone(),
                file: d.location.as_ref().map(|l| l.file.clone()),
                line: d.location.as_ref().map(|l| l.line),
                column: d.location.as_ref().map(|l| l.column),
            })
            .collect(),
    }
}

/// The files each recently published version changed, so that a browser
/// that missed versions (the status channel keeps only the newest) still
/// learns all they changed.
#[derive(Default)]
struct History(Mutex<VecDeque<(u64, Option<Vec<String>>)>>);

impl History {
    /// How many versions are remembered.
    const LEN: usize = 64;

    fn record(&self, version: u64, changed: &Option<Vec<String>>) {
        let mut h = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if h.back().map(|(v, _)| *v) != Some(version) {
            h.push_back((version, changed.clone()));
            if h.len() > Self::LEN {
                h.pop_front();
            }
        }
    }

    /// The files changed by the versions after `since` up to `upto`;
    /// `None` when that is not known (a version changed any file, or it
    /// is too old to be remembered).
    fn changed_since(&self, since: u64, upto: u64) -> Option<Vec<String>> {
        if upto.saturating_sub(since) > Self::LEN as u64 {
            return None;
        }
        let h = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = Vec::new();
        for v in since + 1..=upto {
            let (_, changed) = h.iter().find(|(hv, _)| *hv == v)?;
            out.extend(changed.as_ref()?.iter().cloned());
        }
        out.sort_unstable();
        out.dedup();
        Some(out)
    }
}

struct Shared {
    state: RwLock<State>,
    /// The newest status only: a browser may miss versions in between...
    status: tw::Sender<Status>,
    /// ...so the files each recent version changed are kept here.
    history: History,
    shutdown: tw::Receiver<bool>,
    editor_url: String,
}

impl Shared {
    // A rebuild step that panics poisons the lock; the loop records the
    // panic and rebuilds the state whole, so the lock is taken anyway.
    fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(|e| e.into_inner())
    }
    fn write(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Tells the browsers about the state's version.
    fn publish(&self, state: &State) {
        let status = status_of(state);
        self.history.record(status.version, &status.changed);
        self.status.send_replace(status);
    }
}

/// Binds `bind:port`, or the next free port when it is taken.
pub fn bind(bind: IpAddr, port: Option<u16>) -> Result<TcpListener> {
    let first = port.unwrap_or(DEFAULT_PORT);
    let tries = if first == 0 { 1 } else { PORT_TRIES };
    let mut last = None;
    for p in (0..tries).filter_map(|i| first.checked_add(i)) {
        match TcpListener::bind(SocketAddr::new(bind, p)) {
            Ok(l) => return Ok(l),
            Err(e) => last = Some(e),
        }
    }
    Err(Error::config(
        Diagnostic::error(
            "serve",
            format!(
                "cannot listen on {bind}:{first}–{}: {}",
                first.saturating_add(tries - 1),
                last.map_or("no port".to_string(), |e| e.to_string())
            ),
        )
        .help("pick another port with --port N (0 picks any free port)"),
    ))
}

/// Builds the site, serves it, and rebuilds on changes until Ctrl-C.
pub fn serve(opts: ServeOptions) -> Result<()> {
    let started = std::time::Instant::now();
    let state = State::load(&opts.site)?;
    let listener = bind(opts.bind, opts.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::io("read the address of", "the listener", e))?;
    let base = format!("http://{addr}/");
    let (status_tx, _) = tw::channel(status_of(&state));
    let (shutdown_tx, shutdown_rx) = tw::channel(false);
    let shared = Arc::new(Shared {
        state: RwLock::new(state),
        status: status_tx,
        history: History::default(),
        shutdown: shutdown_rx,
        editor_url: opts.editor_url.clone(),
    });

    // Watch and rebuild on a thread of their own.
    let (tx, rx) = std::sync::mpsc::channel();
    let watcher = watch::watch(&shared.read().dirs, tx)?;
    let rebuilder = {
        let shared = shared.clone();
        let site = opts.site.clone();
        let quiet = opts.quiet;
        std::thread::spawn(move || rebuild::rebuild_loop(&shared, &site, rx, quiet))
    };

    // Announce the address only once changes are being watched; quiet
    // says where, and what is wrong, only.
    if opts.quiet {
        let s = shared.read();
        print_errors(&s);
        println!("Serving {} on {base}", s.site.config.title);
    } else {
        let s = shared.read();
        println!(
            "Built {} files in {:.0} ms",
            s.files.len(),
            started.elapsed().as_secs_f64() * 1000.0
        );
        print_errors(&s);
        println!("Serving {} on {base}", s.site.config.title);
        for l in &s.site.config.locales {
            println!("  {:<8} {base}{}/", l.code, l.code);
        }
        println!("  review   {base}{}/", review::PREFIX);
        println!("Watching for changes; press Ctrl-C to stop.");
    }
    let any_host = !opts.bind.is_loopback();
    if any_host {
        eprintln!(
            "warning: listening on {}: anyone who can reach this machine can read the preview, under any host name",
            opts.bind
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io("start", "the HTTP server", e))?;
    let result = runtime.block_on(async {
        listener
            .set_nonblocking(true)
            .map_err(|e| Error::io("configure", "the listener", e))?;
        let listener =
            tokio::net::TcpListener::from_std(listener).map_err(|e| Error::io("configure", "the listener", e))?;
        if opts.open
            && let Err(e) = open::that(&base)
        {
            eprintln!("warning: cannot open a browser: {e}");
        }
        tokio::spawn(async move {
            let _ = tokio::signal::ctrl_c().await;
            let _ = shutdown_tx.send(true);
        });
        http::serve(listener, shared.clone(), opts.limits, any_host).await;
        Ok(())
    });
    drop(watcher);
    drop(rebuilder);
    if !opts.quiet {
        println!("Stopped.");
    }
    result
}

fn print_errors(state: &State) {
    for d in state.all_errors() {
        eprintln!("{}\n", d.render(false));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_names_every_file_changed_by_missed_versions() {
        let h = History::default();
        let files = |f: &[&str]| Some(f.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        h.record(2, &files(&["cs-CZ/a/index.html"]));
        h.record(3, &files(&["cs-CZ/index.html", "cs-CZ/a/index.html"]));
        h.record(3, &None); // the same version again is not a new one
        assert_eq!(
            h.changed_since(1, 3),
            files(&["cs-CZ/a/index.html", "cs-CZ/index.html"])
        );
        assert_eq!(
            h.changed_since(2, 3),
            files(&["cs-CZ/a/index.html", "cs-CZ/index.html"])
        );
        assert_eq!(h.changed_since(0, 3), None, "version 1 is not remembered");
        h.record(4, &None);
        assert_eq!(h.changed_since(3, 4), None, "version 4 changed any file");
        for v in 5..=100 {
            h.record(v, &files(&["x"]));
        }
        assert_eq!(h.changed_since(98, 100), files(&["x"]));
        assert_eq!(h.changed_since(10, 100), None, "too old");
    }
}
