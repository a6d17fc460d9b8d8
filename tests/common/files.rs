//! A static file server for built sites: what a web server does for the
//! pages, on 127.0.0.1, for the browser tests.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Serves `root` over HTTP/1.0 on 127.0.0.1 until the test process ends.
pub fn serve(root: PathBuf) -> u16 {
    serve_delaying_scripts(root, Duration::ZERO)
}

/// As [`serve`], but answers each request for a script (`.js`, `.mjs`)
/// `delay` late: the browser shows the page before its scripts run, as on
/// a slow network or phone.
pub fn serve_delaying_scripts(root: PathBuf, delay: Duration) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || respond(&root, stream, delay));
        }
    });
    port
}

fn respond(root: &Path, mut stream: TcpStream, script_delay: Duration) {
    let mut line = String::new();
    let mut reader = BufReader::new(&stream);
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Skip the headers.
    let mut h = String::new();
    while reader.read_line(&mut h).is_ok_and(|n| n > 2) {
        h.clear();
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut file = root.to_path_buf();
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        if seg == ".." {
            file = root.join("..forbidden");
            break;
        }
        file.push(seg);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    if matches!(file.extension().and_then(|e| e.to_str()), Some("js" | "mjs")) {
        std::thread::sleep(script_delay);
    }
    let (status, body, kind) = match std::fs::read(&file) {
        Ok(b) => ("200 OK", b, content_type(&file)),
        Err(_) => ("404 Not Found", b"not found".to_vec(), "text/plain"),
    };
    let head = format!(
        "HTTP/1.0 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn content_type(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css",
        "js" => "text/javascript",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

/// `f` of every file under `dir`, by `/`-separated path.
pub fn each_file<T>(
    dir: &std::path::Path,
    f: impl Fn(&walkdir::DirEntry) -> T,
) -> std::collections::BTreeMap<String, T> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, f(&e))
        })
        .collect()
}

/// Every file under `dir` with its bytes, by `/`-separated path: two
/// output (or content) folders compare as these.
pub fn tree(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    each_file(dir, |e| std::fs::read(e.path()).unwrap())
}
