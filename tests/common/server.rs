//! `locdoc serve` run as a child process on a copy of the sample site,
//! with raw HTTP requests and the event stream, for the serve tests.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{PAGE, SampleSite};

pub struct Server {
    pub child: Child,
    pub addr: String,
    pub site: SampleSite,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    pub fn start() -> Server {
        Server::start_with(&[], &[])
    }

    /// Serves a copy of the sample site with more `args` and `env`.
    pub fn start_with(env: &[(&str, &str)], args: &[&str]) -> Server {
        let site = SampleSite::new();
        let mut child = Command::new(env!("CARGO_BIN_EXE_locdoc"))
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(site.root())
            .env("NO_COLOR", "1")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let errors = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(errors).lines().map_while(Result::ok) {
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        let deadline = Instant::now() + Duration::from_secs(30);
        let addr = loop {
            let line = rx
                .recv_timeout(deadline - Instant::now())
                .expect("the server prints its address");
            if let Some(i) = line.find("http://") {
                let rest = &line[i + 7..];
                break rest.trim_end_matches('/').to_string();
            }
        };
        // Keep draining so the child never blocks on a full pipe.
        std::thread::spawn(move || for _ in rx {});
        Server {
            child,
            addr,
            site,
            stderr,
        }
    }

    /// What the server printed on stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// A raw HTTP/1.1 request; returns the status code, headers and body.
    pub fn request(&self, method: &str, path: &str) -> (u16, String, String) {
        self.send(&format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        ))
    }

    /// Sends `raw` on a new connection and reads the answer to its end.
    pub fn send(&self, raw: &str) -> (u16, String, String) {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s.write_all(raw.as_bytes()).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        (status, head.to_string(), body.to_string())
    }

    /// A GET of `/` for `host`.
    pub fn get_for_host(&self, host: &str) -> (u16, String, String) {
        self.send(&format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"))
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        let (s, _, b) = self.request("GET", path);
        (s, b)
    }

    /// Polls `path` until `f` holds (the watcher needs a moment).
    pub fn wait_until(&self, path: &str, what: &str, f: impl Fn(u16, &str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let (s, b) = self.get(path);
            if f(s, &b) {
                return b;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what} at {path} (last status {s})"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn status(&self) -> serde_json::Value {
        serde_json::from_str(&self.get("/_locdoc/status").1).unwrap()
    }

    /// Reads server-sent events on a thread, sending each `data:` payload.
    pub fn events(&self) -> Receiver<serde_json::Value> {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        write!(s, "GET /_locdoc/events HTTP/1.1\r\nHost: {}\r\n\r\n", self.addr).unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(s).lines().map_while(Result::ok) {
                if let Some(data) = line.strip_prefix("data: ")
                    && let Ok(v) = serde_json::from_str(data)
                    && tx.send(v).is_err()
                {
                    break;
                }
            }
        });
        rx
    }

    pub fn page_path(locale: &str) -> String {
        format!("/{locale}/{PAGE}/")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn next_event(
    rx: &Receiver<serde_json::Value>,
    what: &str,
    f: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let v = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .unwrap_or_else(|_| panic!("no event: {what}"));
        if f(&v) {
            return v;
        }
    }
}

/// The `Location` header of a response head, if any.
pub fn location(head: &str) -> Option<String> {
    head.lines()
        .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("location")))
        .map(|(_, v)| v.trim().to_string())
}
