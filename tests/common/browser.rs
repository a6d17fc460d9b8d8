//! Headless Chromium through chromedriver (fantoccini), for real-browser
//! tests. Those tests are `#[ignore = "needs Chromium …"]`; run with
//! `--include-ignored` (as `.ci/run` does, after installing Debian's
//! `chromium` and `chromium-driver`), a missing browser fails them.

use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// chromedriver on a free port, in a process group of its own; the group
/// (chromedriver and every Chromium it started, even one whose session a
/// failing test never closed) is killed when dropped.
pub struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Ok(group) = i32::try_from(self.child.id()) {
            // SAFETY: kill(2) with a negative pid signals that process
            // group, which `driver` made for chromedriver alone.
            unsafe {
                libc::kill(-group, libc::SIGKILL);
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Why the browser tests are ignored by default.
pub const NEEDS: &str = "needs Chromium (apt-get install chromium chromium-driver)";

/// Starts chromedriver and waits until it listens. Fails, saying what to
/// install, when Chromium or chromedriver is not installed.
pub fn driver() -> Driver {
    for bin in [CHROMIUM, CHROMEDRIVER] {
        assert!(
            Path::new(bin).exists(),
            "{bin} is not installed: apt-get install chromium chromium-driver (.ci/run does)"
        );
    }
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Driver { child, port }
}

/// A headless Chromium session on `driver` with its profile in `profile`;
/// in dark mode when `dark`.
pub async fn session(driver: &Driver, dark: bool, profile: &Path) -> Client {
    // The machine's network is closed: keep Chromium from calling home.
    let mut args = vec![
        "--headless".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--disable-dev-shm-usage".into(),
        "--hide-scrollbars".into(),
        format!("--user-data-dir={}", profile.display()),
    ];
    if dark {
        args.push("--force-dark-mode".into());
    }
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "chrome".into());
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({ "binary": CHROMIUM, "args": args }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a chromium session")
}

/// The runtime the browser tests drive their sessions on.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// A running chromedriver and a browser session on it.
pub struct Browser {
    pub client: Client,
    _driver: Driver,
    _profile: tempfile::TempDir,
}

/// Starts chromedriver and a headless Chromium window of `width`×`height`.
pub async fn start(width: u32, height: u32) -> Browser {
    let driver = driver();
    let profile = tempfile::tempdir().unwrap();
    let client = session(&driver, false, profile.path()).await;
    client.set_window_size(width, height).await.unwrap();
    Browser {
        client,
        _driver: driver,
        _profile: profile,
    }
}

/// Clicks the element that CSS selector `css` finds.
pub async fn click(c: &Client, css: &str) {
    c.find(fantoccini::Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Polls `script` (which returns a value) until `done` accepts it; returns
/// that value.
pub async fn until(c: &Client, script: &str, done: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    poll(c, script, script, done).await
}

/// Polls a JavaScript expression until it is true.
pub async fn wait_js(client: &Client, expr: &str, what: &str) {
    poll(client, what, &format!("return !!({expr});"), |v| {
        v.as_bool() == Some(true)
    })
    .await;
}

async fn poll(c: &Client, what: &str, script: &str, done: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let started = Instant::now();
    loop {
        let v = c.execute(script, vec![]).await.unwrap();
        if done(&v) {
            return v;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what} ({script}): last {v}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
