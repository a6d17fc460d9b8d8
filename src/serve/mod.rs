//! Serve: local preview with live reload and the review view.
//!
//! The site is built into memory and served over HTTP (axum). A watcher
//! rebuilds what a change touches ([`state`]); open pages reload through
//! server-sent events, and a content error shows as an overlay while the
//! last good build keeps being served. Only files of the build are served,
//! to GET and HEAD requests; `/_review/<locale>/…` shows each page's English
//! and translation side by side.
//!
//! - [`state`]: the in-memory site and incremental rebuilds.
//! - [`watch`]: the file watcher.

pub mod state;
pub mod watch;

use std::collections::VecDeque;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::body::Body;
use axum::extract::State as AxState;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::stream::{self, Stream};
use serde::Serialize;
use tokio::sync::watch as tw;

use crate::diag::{Diagnostic, Error, Result};
use crate::render::review;
use state::{Plan, SiteRoot, State};

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
        std::thread::spawn(move || rebuild_loop(&shared, &site, rx, quiet))
    };

    // Announce the address only once changes are being watched.
    if !opts.quiet {
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
    if !opts.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}: anyone who can reach this machine can read the preview",
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
        let app = axum::Router::new().fallback(handle).with_state(shared.clone());
        if opts.open
            && let Err(e) = open::that(&base)
        {
            eprintln!("warning: cannot open a browser: {e}");
        }
        let shutdown = async move {
            let _ = tokio::signal::ctrl_c().await;
            let _ = shutdown_tx.send(true);
        };
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(|e| Error::io("serve", "HTTP", e))
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

fn rebuild_loop(shared: &Shared, site: &SiteRoot, rx: std::sync::mpsc::Receiver<Vec<std::path::PathBuf>>, quiet: bool) {
    use std::sync::mpsc::TryRecvError;
    loop {
        // Changes first; the site-wide pages when no change is waiting.
        let next = if shared.read().site_pages_stale {
            match rx.try_recv() {
                Err(TryRecvError::Empty) => {
                    refresh_site_pages(shared, quiet);
                    continue;
                }
                r => r.map_err(|_| ()),
            }
        } else {
            rx.recv().map_err(|_| ())
        };
        let Ok(mut paths) = next else {
            return;
        };
        // Take whatever else has arrived (the watcher already batches).
        while let Ok(more) = rx.try_recv() {
            paths.extend(more);
        }
        if *shared.shutdown.borrow() {
            return;
        }
        let plan = shared.read().plan(&paths);
        let report = match plan {
            Plan::Nothing => continue,
            Plan::Full => full_rebuild(shared, site),
            plan => {
                let r = shared.write().apply(plan);
                if r.needs_full {
                    full_rebuild(shared, site)
                } else {
                    Some(r)
                }
            }
        };
        {
            let state = shared.read();
            // The browsers first: the edited page reloads now.
            shared.publish(&state);
            if !quiet {
                if let Some(r) = &report
                    && r.pages > 0
                {
                    let pages = if r.pages == 1 {
                        "1 page".to_string()
                    } else {
                        format!("{} pages", r.pages)
                    };
                    let same = if r.changed { "" } else { "; the output is unchanged" };
                    println!(
                        "Rebuilt {} ({pages}) in {:.1} ms{same}",
                        if r.what.is_empty() { "the site" } else { &r.what },
                        r.elapsed.as_secs_f64() * 1000.0
                    );
                }
                if !state.errors.is_empty() {
                    print_errors(&state);
                    println!("Serving the last good build of the files with errors.");
                }
            }
        }
    }
}

/// Regenerates the indexes, dashboards and sitemap after page rebuilds.
/// Renders under the read lock, so pages keep being served meanwhile.
fn refresh_site_pages(shared: &Shared, quiet: bool) {
    let started = std::time::Instant::now();
    let made = shared.read().site_pages();
    let changed = shared.write().install_site_pages(made);
    shared.publish(&shared.read());
    if !quiet && changed {
        println!(
            "Updated the indexes, dashboards and sitemap in {:.1} ms",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// Reloads everything; on failure keeps the old state and records the error.
fn full_rebuild(shared: &Shared, site: &SiteRoot) -> Option<state::Rebuild> {
    let started = std::time::Instant::now();
    match State::load(site) {
        Ok(mut new) => {
            let pages = new.files.keys().filter(|k| k.ends_with(".html")).count();
            let mut s = shared.write();
            new.version = s.version + 1;
            *s = new;
            Some(state::Rebuild {
                what: "everything".into(),
                pages,
                elapsed: started.elapsed(),
                changed: true,
                needs_full: false,
            })
        }
        Err(e) => {
            shared.write().errors.insert(String::new(), e.diagnostics());
            None
        }
    }
}

/// Why a request path is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum PathError {
    /// Not valid UTF-8 after decoding, or holds NUL or `\`.
    Bad,
    /// Tries to leave the site (`..`, `.`).
    Traversal,
}

/// The output file a request path asks for: percent-decoded, `..` and `.`
/// refused, folders mapped to their `index.html`.
pub fn resolve(path: &str) -> std::result::Result<String, PathError> {
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| PathError::Bad)?;
    if decoded.contains(['\0', '\\']) {
        return Err(PathError::Bad);
    }
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return Err(PathError::Traversal),
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if out.is_empty() || decoded.ends_with('/') {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str("index.html");
    }
    Ok(out)
}

fn text_response(status: StatusCode, content_type: &'static str, body: impl Into<Body>) -> Response {
    let mut r = Response::new(body.into());
    *r.status_mut() = status;
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// Adds the live-reload script and the preview stylesheet to an HTML page.
/// `file` is the output file the page is (the script reloads only when a
/// rebuild changed it); pages made on request have none and reload on
/// every change.
fn inject(html: &[u8], file: Option<&str>) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let css = "<link rel=\"stylesheet\" href=\"/_locdoc/preview.css\">";
    let mut js = String::from("<script src=\"/_locdoc/live.js\"");
    if let Some(f) = file {
        js.push_str(" data-file=\"");
        let _ = pulldown_cmark_escape::escape_html(&mut js, f);
        js.push('"');
    }
    js.push_str(" defer></script>");
    let js = js.as_str();
    let mut out = String::with_capacity(text.len() + 128);
    match text.find("</head>") {
        Some(i) => {
            out.push_str(&text[..i]);
            out.push_str(css);
            out.push_str(js);
            out.push_str(&text[i..]);
        }
        None => {
            out.push_str(css);
            out.push_str(js);
            out.push_str(&text);
        }
    }
    out.into_bytes()
}

fn html_page(status: StatusCode, title: &str, body: &str) -> Response {
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"
    );
    text_response(status, "text/html; charset=utf-8", inject(page.as_bytes(), None))
}

async fn handle(AxState(shared): AxState<Arc<Shared>>, req: Request<Body>) -> Response {
    let method = req.method().clone();
    if method != Method::GET && method != Method::HEAD {
        let mut r = text_response(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            "GET and HEAD only\n",
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let raw = req.uri().path().to_string();
    let mut response = route(&shared, &raw).await;
    if method == Method::HEAD {
        let len = response.headers().get(header::CONTENT_LENGTH).cloned();
        *response.body_mut() = Body::empty();
        if let Some(len) = len {
            response.headers_mut().insert(header::CONTENT_LENGTH, len);
        }
    }
    response
}

async fn route(shared: &Arc<Shared>, raw: &str) -> Response {
    match raw {
        "/_locdoc/live.js" => return text_response(StatusCode::OK, "text/javascript; charset=utf-8", LIVE_JS),
        "/_locdoc/preview.css" => return text_response(StatusCode::OK, "text/css; charset=utf-8", PREVIEW_CSS),
        "/_locdoc/events" => return events(shared.clone()).into_response(),
        "/_locdoc/status" => {
            let s = status_of(&shared.read());
            return text_response(
                StatusCode::OK,
                "application/json",
                serde_json::to_string(&s).unwrap_or_default(),
            );
        }
        _ => {}
    }
    let path = match resolve(raw) {
        Ok(p) => p,
        Err(PathError::Traversal) => {
            return text_response(StatusCode::FORBIDDEN, "text/plain; charset=utf-8", "Forbidden\n");
        }
        Err(PathError::Bad) => {
            return text_response(StatusCode::BAD_REQUEST, "text/plain; charset=utf-8", "Bad request\n");
        }
    };
    if let Some(rest) = path.strip_prefix(&format!("{}/", review::PREFIX)) {
        let shared = shared.clone();
        let rest = rest.to_string();
        return tokio::task::spawn_blocking(move || review_response(&shared, &rest))
            .await
            .unwrap_or_else(|_| html_page(StatusCode::INTERNAL_SERVER_ERROR, "Review failed", ""));
    }
    let (bytes, redirect) = {
        let s = shared.read();
        let found = s.files.get(&path).cloned();
        let redirect = found.is_none() && s.files.contains_key(&format!("{path}/index.html"));
        (found, redirect)
    };
    if redirect {
        let mut r = text_response(StatusCode::PERMANENT_REDIRECT, "text/plain; charset=utf-8", "");
        if let Ok(v) = HeaderValue::from_str(&format!("{raw}/")) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    match bytes {
        Some(bytes) => file_response(&path, bytes),
        None => html_page(
            StatusCode::NOT_FOUND,
            "Not found",
            "<p>No page here in the current build. This page reloads when one appears.</p>",
        ),
    }
}

fn file_response(path: &str, bytes: Bytes) -> Response {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let ct = if mime.type_() == "text" || mime.essence_str() == "application/javascript" {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    let body = if is_html {
        Bytes::from(inject(&bytes, Some(path)))
    } else {
        bytes
    };
    let len = body.len();
    let mut r = Response::new(Body::from(body));
    if let Ok(v) = HeaderValue::from_str(&ct) {
        r.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    r.headers_mut().insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r.headers_mut()
        .insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    r
}

/// `/_review/…`: the locale list, a locale's pages, or one page.
fn review_response(shared: &Shared, rest: &str) -> Response {
    let s = shared.read();
    let renderer = s.renderer();
    let cfg = &s.site.config;
    let rest = rest.strip_suffix("index.html").unwrap_or(rest);
    let (code, dir) = rest.split_once('/').unwrap_or((rest, ""));
    if code.is_empty() {
        let list: String = cfg
            .locales
            .iter()
            .skip(1)
            .map(|l| {
                format!(
                    "<li><a href=\"{0}/\" lang=\"{0}\">{1}</a></li>",
                    l.code,
                    crate::render::markdown::esc_text(&l.name)
                )
            })
            .collect();
        return html_page(StatusCode::OK, "Review", &format!("<ul>{list}</ul>"));
    }
    let Some(locale) = cfg.locales.iter().position(|l| l.code == code).filter(|&l| l != 0) else {
        return html_page(StatusCode::NOT_FOUND, "Not found", "<p>No such locale to review.</p>");
    };
    let result = if dir.is_empty() {
        Some(renderer.review_index(locale))
    } else {
        renderer
            .rel_of_url(dir)
            .and_then(|rel| renderer.review_page(rel, locale, &shared.editor_url))
    };
    match result {
        Some(Ok(html)) => text_response(
            StatusCode::OK,
            "text/html; charset=utf-8",
            inject(html.as_bytes(), None),
        ),
        Some(Err(e)) => {
            let msg: String = e
                .diagnostics()
                .iter()
                .map(|d| format!("<pre>{}</pre>", crate::render::markdown::esc_text(&d.render(false))))
                .collect();
            html_page(StatusCode::OK, "This page cannot be reviewed", &msg)
        }
        None => html_page(
            StatusCode::NOT_FOUND,
            "Not found",
            "<p>This locale has no such page.</p>",
        ),
    }
}

/// Server-sent events: the current status, then one per rebuild.
fn events(shared: Arc<Shared>) -> Sse<impl Stream<Item = std::result::Result<Event, std::convert::Infallible>>> {
    let rx = shared.status.subscribe();
    let shutdown = shared.shutdown.clone();
    let last: Option<u64> = None;
    let stream = stream::unfold((rx, shutdown, last), move |(mut rx, mut shutdown, last)| {
        let shared = shared.clone();
        async move {
            if last.is_some() {
                tokio::select! {
                    changed = rx.changed() => { changed.ok()?; }
                    _ = shutdown.changed() => return None,
                }
            }
            if *shutdown.borrow() {
                return None;
            }
            let mut status = rx.borrow_and_update().clone();
            if let Some(last) = last {
                if status.version > last + 1 {
                    // Versions were missed: name what they changed too.
                    status.changed = shared.history.changed_since(last, status.version);
                }
                status.since = Some(last);
            }
            let event = Event::default().data(serde_json::to_string(&status).unwrap_or_default());
            let seen = Some(status.version);
            Some((Ok(event), (rx, shutdown, seen)))
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
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

    #[test]
    fn resolve_maps_folders_to_index_and_refuses_traversal() {
        assert_eq!(resolve("/").unwrap(), "index.html");
        assert_eq!(resolve("/cs-CZ/").unwrap(), "cs-CZ/index.html");
        assert_eq!(
            resolve("/cs-CZ/events/a/index.html").unwrap(),
            "cs-CZ/events/a/index.html"
        );
        assert_eq!(resolve("/static/locdoc.css").unwrap(), "static/locdoc.css");
        assert_eq!(resolve("//etc/passwd").unwrap(), "etc/passwd");
        assert_eq!(resolve("/%C4%8De%C5%A1tina/").unwrap(), "čeština/index.html");
        for bad in [
            "/../site.toml",
            "/%2e%2e/site.toml",
            "/cs-CZ/%2E%2E/%2e%2e/etc/passwd",
            "/a/./b",
            "/%2e%2e%2fsite.toml",
        ] {
            assert_eq!(resolve(bad), Err(PathError::Traversal), "{bad}");
        }
        assert_eq!(resolve("/a%00b"), Err(PathError::Bad));
        assert_eq!(resolve("/a%5c..%5cb"), Err(PathError::Bad));
        assert_eq!(resolve("/%ff"), Err(PathError::Bad));
    }

    #[test]
    fn inject_puts_the_script_in_the_head() {
        let out = String::from_utf8(inject(b"<html><head><title>x</title></head><body></body></html>", None)).unwrap();
        assert!(out.contains("/_locdoc/live.js\" defer></script></head>"), "{out}");
    }

    #[test]
    fn inject_names_the_page_file_escaped() {
        let out = String::from_utf8(inject(b"<head></head>", Some("cs-CZ/a\"<b>/index.html"))).unwrap();
        assert!(
            out.contains("data-file=\"cs-CZ/a&quot;&lt;b&gt;/index.html\" defer>"),
            "{out}"
        );
    }
}
