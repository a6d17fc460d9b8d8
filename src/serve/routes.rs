//! What each request path answers: the build's files (HTML with the
//! live-reload script injected), the review view, the status and events
//! the browsers follow, and refusals.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::stream::{self, Stream};

use super::{LIVE_JS, PREVIEW_CSS, Shared, status_of};
use crate::render::review;

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

pub(super) async fn handle(shared: Arc<Shared>, req: Request<Body>) -> Response {
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
        if let Ok(v) = HeaderValue::from_str(&folder_location(&path)) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    match bytes {
        Some(kept) => file_response(&path, super::memory::inflated(&path, &kept)),
        None => html_page(
            StatusCode::NOT_FOUND,
            "Not found",
            "<p>No page here in the current build. This page reloads when one appears.</p>",
        ),
    }
}

/// Characters a path segment keeps encoded in a `Location`.
const IN_PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Where a folder asked for without its slash is: built from the resolved
/// output path (never from the request), so always a path on this server,
/// `/…/`, never `//host/` (which a browser would take for another host).
fn folder_location(path: &str) -> String {
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| percent_encoding::utf8_percent_encode(s, IN_PATH).to_string())
        .collect();
    format!("/{}/", segments.join("/"))
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
    fn folder_redirects_stay_on_this_server() {
        for (raw, to) in [
            ("/en-US", "/en-US/"),
            ("//en-US", "/en-US/"),
            ("///evil.com", "/evil.com/"),
            ("//evil.com//a", "/evil.com/a/"),
            ("/%2Fevil.com", "/evil.com/"),
            ("/%C4%8De%C5%A1tina", "/%C4%8De%C5%A1tina/"),
            ("/a%20b%3F%23", "/a%20b%3F%23/"),
        ] {
            assert_eq!(folder_location(&resolve(raw).unwrap()), to, "{raw}");
        }
        assert_eq!(
            resolve("/\\evil.com"),
            Err(PathError::Bad),
            "no backslash reaches a Location"
        );
        assert_eq!(resolve("/%5Cevil.com"), Err(PathError::Bad));
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
