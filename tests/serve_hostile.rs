//! `locdoc serve` against broken and hostile input (issue 11): rebuilds
//! that panic, other host names (DNS rebinding), redirects to another
//! host, and connections that stall or never finish a request.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use common::PAGE;
use common::server::{Server, location, next_event};

/// The marker that makes reading a page panic (LOCDOC_TEST_PANIC, a test hook).
const PANIC_MARKER: &str = "locdoc-test-panic-marker";

fn errors(status: &serde_json::Value) -> Vec<serde_json::Value> {
    status["errors"].as_array().unwrap().clone()
}

#[test]
fn a_translation_that_panics_is_an_error_of_its_page_and_the_rest_keeps_rebuilding() {
    let s = Server::start_with(&[("LOCDOC_TEST_PANIC", PANIC_MARKER)], &[]);
    let cs = format!("content/cs-CZ/{PAGE}.md");
    s.site
        .edit(&cs, |t| t.replace(">Popis<", &format!(">Popis {PANIC_MARKER}<")));
    s.wait_until("/_locdoc/status", "the panic reported", |_, b| b.contains("panicked"));
    let e = errors(&s.status());
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0]["code"], "internal");
    assert_eq!(e[0]["file"], cs.as_str());
    assert!(e[0]["message"].as_str().unwrap().contains("test marker"), "{e:?}");
    assert!(s.stderr().contains("panicked"), "the console shows it");
    // The last good page is still served.
    let (code, body) = s.get(&Server::page_path("cs-CZ"));
    assert_eq!(code, 200);
    assert!(body.contains("Vlastnosti") && !body.contains(PANIC_MARKER));
    // An English edit still rebuilds every other locale...
    s.site.edit(&format!("content/en-US/{PAGE}.md"), |t| {
        t.replace("Session dispatch failed.", "Session dispatch has failed.")
    });
    s.wait_until(&Server::page_path("tr-TR"), "the English change", |c, b| {
        c == 200 && b.contains("Session dispatch has failed.")
    });
    // ...and a new page (a rebuild of everything) appears.
    s.site.write(
        "content/en-US/events/new.md",
        "---\ntitle: New page\n---\n# New page\n\nFresh text.\n",
    );
    s.wait_until("/en-US/events/new/", "the new page", |c, b| {
        c == 200 && b.contains("Fresh text.")
    });
    assert_eq!(errors(&s.status())[0]["file"], cs.as_str(), "still broken");
    // Fixing the page clears the error.
    s.site.edit(&cs, |t| {
        t.replace(&format!(">Popis {PANIC_MARKER}<"), ">Popis opraven<")
    });
    s.wait_until(&Server::page_path("cs-CZ"), "the fixed page", |c, b| {
        c == 200 && b.contains("Popis opraven")
    });
    assert!(errors(&s.status()).is_empty(), "{}", s.status());
}

#[test]
fn a_rebuild_that_panics_never_stops_the_preview() {
    let s = Server::start_with(&[("LOCDOC_TEST_PANIC", PANIC_MARKER)], &[]);
    // An English page is read outside any one page's rendering: the panic
    // stops the rebuild (and the rebuild of everything that follows).
    let en = format!("content/en-US/{PAGE}.md");
    s.site.edit(&en, |t| {
        t.replace("Session dispatch failed.", &format!("Session {PANIC_MARKER} failed."))
    });
    s.wait_until("/_locdoc/status", "the panic reported", |_, b| b.contains("panicked"));
    let e = errors(&s.status());
    assert!(
        e.iter().all(|e| e["code"] == "internal") && e[0]["message"].as_str().unwrap().contains("test marker"),
        "{e:?}"
    );
    assert!(s.stderr().contains("panicked"), "the console shows it");
    let (code, body) = s.get(&Server::page_path("en-US"));
    assert_eq!(code, 200, "the last good build is still served");
    assert!(body.contains("Session dispatch failed.") && !body.contains(PANIC_MARKER));
    // A new page while the site cannot build: reported, not yet served...
    s.site.write(
        "content/en-US/events/new.md",
        "---\ntitle: New page\n---\n# New page\n\nFresh text.\n",
    );
    // ...and once the English page is fixed, both are there.
    s.site.edit(&en, |t| {
        t.replace(
            &format!("Session {PANIC_MARKER} failed."),
            "Session dispatch has failed.",
        )
    });
    s.wait_until(&Server::page_path("tr-TR"), "the English fix", |c, b| {
        c == 200 && b.contains("Session dispatch has failed.")
    });
    s.wait_until("/en-US/events/new/", "the new page", |c, b| {
        c == 200 && b.contains("Fresh text.")
    });
    s.wait_until("/_locdoc/status", "no error", |_, b| b.contains("\"errors\":[]"));
    // And later edits are rebuilt as before.
    s.site.edit(&format!("content/cs-CZ/{PAGE}.md"), |t| {
        t.replace(">Popis<", ">Popis události<")
    });
    s.wait_until(&Server::page_path("cs-CZ"), "a later edit", |c, b| {
        c == 200 && b.contains("Popis události")
    });
}

#[test]
fn redirects_never_lead_to_another_host() {
    let s = Server::start();
    for path in ["//en-US", "///en-US", "/en-US"] {
        let (code, head, _) = s.request("GET", path);
        assert_eq!(code, 308, "{path}: {head}");
        assert_eq!(location(&head).as_deref(), Some("/en-US/"), "{path}: {head}");
    }
    for path in [
        "///evil.com",
        "//evil.com/",
        "/\\evil.com",
        "/%5Cevil.com",
        "/\\/evil.com",
    ] {
        let (code, head, _) = s.request("GET", path);
        assert!([400, 403, 404].contains(&code), "{path}: {head}");
        assert_eq!(location(&head), None, "{path}: {head}");
    }
}

#[test]
fn only_loopback_host_names_are_answered_on_a_loopback_address() {
    let s = Server::start();
    let port = s.addr.rsplit(':').next().unwrap();
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "docs.localhost".to_string(),
        "127.0.0.2".to_string(),
    ] {
        assert_eq!(s.get_for_host(&host).0, 200, "{host}");
    }
    for host in [
        format!("attacker.example:{port}"),
        "10.1.2.3".into(),
        "localhost.attacker.example".into(),
    ] {
        let (code, head, body) = s.get_for_host(&host);
        assert_eq!(code, 403, "{host}: {head}");
        assert!(body.contains("DNS rebinding") && body.contains("--bind"), "{body}");
    }
    // Every path, the review view and the event stream included.
    for path in ["/_review/cs-CZ/", "/_locdoc/events", "/_locdoc/status"] {
        let (code, _, body) = s.send(&format!(
            "GET {path} HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(code, 403, "{path}");
        assert!(!body.contains("4031"), "{path}");
    }
}

#[test]
fn any_host_name_is_answered_when_bound_to_another_address() {
    let s = Server::start_with(&[], &["--bind", "0.0.0.0"]);
    let (code, _, body) = s.get_for_host("preview.example:8080");
    assert_eq!(code, 200);
    assert!(body.contains("/_locdoc/live.js"));
    assert!(s.stderr().contains("under any host name"), "{}", s.stderr());
}

/// Reads from `stream` until the server closes it; panics if it does not
/// within the (generous) read timeout.
fn read_until_closed(mut stream: TcpStream) -> String {
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut got = Vec::new();
    let mut buf = [0; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(e) => panic!("the server kept the connection open: {e}"),
        }
    }
    String::from_utf8_lossy(&got).into_owned()
}

#[test]
fn half_sent_requests_and_idle_keep_alive_connections_are_closed() {
    let s = Server::start_with(&[], &["--header-timeout-ms", "300", "--max-connections", "4"]);
    let connect = || TcpStream::connect(&s.addr).unwrap();
    // Half a request line, then nothing; or no request at all. As many as
    // the server takes at once: only closing them lets the next request in.
    let stalled: Vec<TcpStream> = (0..4)
        .map(|i| {
            let mut c = connect();
            if i % 2 == 0 {
                c.write_all(b"GET / HT").unwrap();
            }
            c
        })
        .collect();
    assert_eq!(s.get("/").0, 200, "a normal request still works");
    for c in stalled {
        read_until_closed(c);
    }
    // A keep-alive connection left idle after its response.
    let mut c = connect();
    write!(c, "GET /static/locdoc.css HTTP/1.1\r\nHost: {}\r\n\r\n", s.addr).unwrap();
    let answer = read_until_closed(c);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[test]
fn a_client_that_stops_reading_is_cut_off_but_the_event_stream_stays_open() {
    let s = Server::start_with(&[], &["--idle-timeout-ms", "300"]);
    let events = s.events();
    let v0 = next_event(&events, "initial status", |_| true)["version"]
        .as_u64()
        .unwrap();
    // Far more pipelined requests than the socket buffers hold answers
    // for, and nothing read: the server's writes stall, then it gives up.
    let page = Server::page_path("cs-CZ");
    let size = s.get(&page).1.len();
    let n = 64_000_000 / size + 1;
    let mut c = TcpStream::connect(&s.addr).unwrap();
    let one = format!("GET {page} HTTP/1.1\r\nHost: {}\r\n\r\n", s.addr);
    c.write_all(one.repeat(n).as_bytes()).unwrap();
    std::thread::sleep(Duration::from_secs(2));
    let answers = read_until_closed(c).matches("HTTP/1.1 200").count();
    assert!(answers < n, "all {n} answered: the stalled connection was kept");
    // The event stream, idle for longer than that, still reports.
    s.site.edit(&format!("content/cs-CZ/{PAGE}.md"), |t| {
        t.replace(">Popis<", ">Popis události<")
    });
    next_event(&events, "a rebuild", |v| v["version"].as_u64().unwrap() > v0);
    assert_eq!(s.get("/").0, 200);
}
