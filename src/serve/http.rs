//! The HTTP server: the accept loop over hyper's HTTP/1.1 connections,
//! with the limits a long-running preview needs, the host check, and the
//! graceful stop on Ctrl-C.
//!
//! - A request's headers must arrive within [`Limits::header`] of the
//!   connection opening or of its previous response (hyper's header-read
//!   timeout), so half-sent requests and idle keep-alive connections close.
//! - A connection that moves no byte either way for [`Limits::idle`] (a
//!   stalled request body, a client that stopped reading) closes, except
//!   the event stream (`/_locdoc/events`), which is meant to stay open and
//!   ends when its client goes away or the server stops.
//! - At most [`Limits::connections`] connections at once; more wait to be
//!   accepted.
//! - Bound to a loopback address, only requests for a loopback host name
//!   are answered: a page elsewhere cannot read the preview by pointing its
//!   own host name at 127.0.0.1 (DNS rebinding).

use std::convert::Infallible;
use std::io;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::response::Response;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::Instant;

use super::{Shared, routes};

/// How long connections may take and how many there may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// For a request's headers to arrive.
    pub header: Duration,
    /// Without a byte read or written (the event stream excepted).
    pub idle: Duration,
    /// Open at once.
    pub connections: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header: Duration::from_secs(10),
            idle: Duration::from_secs(60),
            connections: 256,
        }
    }
}

/// How long a stop waits for open connections to finish.
const STOP_GRACE: Duration = Duration::from_secs(2);

/// Serves `listener` until the shared shutdown flag is set, then lets the
/// open connections finish (for at most [`STOP_GRACE`]). `any_host`: answer
/// requests for any host name (bound to a non-loopback address).
pub(super) async fn serve(listener: TcpListener, shared: Arc<Shared>, limits: Limits, any_host: bool) {
    let slots = Arc::new(Semaphore::new(limits.connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut stop = shared.shutdown.clone();
    let epoch = Instant::now();
    loop {
        let slot = tokio::select! {
            s = slots.clone().acquire_owned() => s,
            _ = stop.wait_for(|s| *s) => break,
        };
        let Ok(slot) = slot else { break };
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = stop.wait_for(|s| *s) => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) if is_connection_error(&e) => continue,
            Err(_) => {
                // Out of file descriptors or the like: wait for some to close.
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let io = Tracked::new(stream, epoch);
        let last = io.last.clone();
        let streaming = Arc::new(AtomicBool::new(false));
        let service = {
            let (shared, streaming) = (shared.clone(), streaming.clone());
            hyper::service::service_fn(move |req| {
                let (shared, streaming) = (shared.clone(), streaming.clone());
                async move { Ok::<_, Infallible>(respond(shared, any_host, &streaming, req).await) }
            })
        };
        let conn = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header)
            .serve_connection(TokioIo::new(io), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            let _slot = slot;
            tokio::select! {
                _ = conn => {}
                () = idle(epoch, &last, &streaming, limits.idle) => {}
            }
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(STOP_GRACE, graceful.shutdown()).await;
}

/// A peer that gave up while being accepted: not the listener's problem.
fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused | io::ErrorKind::ConnectionAborted | io::ErrorKind::ConnectionReset
    )
}

/// Ends once the connection has moved no byte for `limit`, unless it
/// serves the event stream.
async fn idle(epoch: Instant, last: &AtomicU64, streaming: &AtomicBool, limit: Duration) {
    loop {
        if streaming.load(Ordering::Relaxed) {
            return std::future::pending().await;
        }
        let deadline = epoch + Duration::from_millis(last.load(Ordering::Relaxed)) + limit;
        if Instant::now() >= deadline {
            return;
        }
        tokio::time::sleep_until(deadline).await;
    }
}

async fn respond(shared: Arc<Shared>, any_host: bool, streaming: &AtomicBool, req: Request<Incoming>) -> Response {
    if !any_host && !for_loopback(&req) {
        return refuse_host();
    }
    let response = routes::handle(shared, req.map(Body::new)).await;
    let content_type = response.headers().get(header::CONTENT_TYPE);
    if content_type.is_some_and(|t| t.as_bytes().starts_with(b"text/event-stream")) {
        streaming.store(true, Ordering::Relaxed);
    }
    response
}

/// True when the request names a loopback host, or no host at all (only
/// browsers matter here, and they always send one). The authority of an
/// absolute-form target stands in for `Host` (RFC 9112, 3.2.2).
fn for_loopback<B>(req: &Request<B>) -> bool {
    let authority = match req.uri().authority() {
        Some(a) => a.clone(),
        None => match req.headers().get(header::HOST) {
            None => return true,
            Some(h) => match h
                .to_str()
                .ok()
                .and_then(|h| h.parse::<axum::http::uri::Authority>().ok())
            {
                Some(a) => a,
                None => return false,
            },
        },
    };
    is_loopback_host(authority.host())
}

/// `localhost`, `*.localhost` (RFC 6761: loopback, never looked up),
/// `127.x.x.x` and `[::1]`.
pub fn is_loopback_host(host: &str) -> bool {
    if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return v6
            .parse::<Ipv6Addr>()
            .is_ok_and(|ip| ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()));
    }
    if let Ok(ip) = host.parse::<Ipv4Addr>() {
        return ip.is_loopback();
    }
    let name = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost")
}

fn refuse_host() -> Response {
    let mut r = Response::new(Body::from(
        "This preview answers only to localhost, 127.0.0.1 and [::1], so that other web sites \
         cannot read it by pointing a host name of theirs at this machine (DNS rebinding).\n\
         To reach it under another name or from another machine, run `locdoc serve --bind ADDR` \
         with a non-loopback address (for example 0.0.0.0): then any host name is accepted.\n",
    ));
    *r.status_mut() = StatusCode::FORBIDDEN;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// A connection that notes when it last moved a byte (milliseconds after
/// `epoch`), for [`idle`].
struct Tracked {
    inner: TcpStream,
    epoch: Instant,
    last: Arc<AtomicU64>,
}

impl Tracked {
    fn new(inner: TcpStream, epoch: Instant) -> Tracked {
        let t = Tracked {
            inner,
            epoch,
            last: Arc::default(),
        };
        t.touch();
        t
    }

    fn touch(&self) {
        let ms = u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(ms, Ordering::Relaxed);
    }

    fn moved<T>(&self, r: Poll<io::Result<T>>, n: impl Fn(&T) -> usize) -> Poll<io::Result<T>> {
        if let Poll::Ready(Ok(v)) = &r
            && n(v) > 0
        {
            self.touch();
        }
        r
    }
}

impl AsyncRead for Tracked {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let r = Pin::new(&mut self.inner).poll_read(cx, buf);
        let got = buf.filled().len() - before;
        self.moved(r, |_| got)
    }
}

impl AsyncWrite for Tracked {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.moved(r, |n| *n)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.moved(r, |n| *n)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_names_and_addresses_are_loopback_hosts() {
        for h in [
            "localhost",
            "LocalHost",
            "localhost.",
            "docs.localhost",
            "127.0.0.1",
            "127.1.2.3",
            "[::1]",
            "[::ffff:127.0.0.1]",
        ] {
            assert!(is_loopback_host(h), "{h}");
        }
        for h in [
            "evil.com",
            "localhost.evil.com",
            "evillocalhost",
            "10.0.0.1",
            "0.0.0.0",
            "[::]",
            "[fe80::1]",
            "127.0.0.1.nip.io",
            "",
        ] {
            assert!(!is_loopback_host(h), "{h}");
        }
    }

    fn req(target: &str, host: Option<&str>) -> Request<()> {
        let mut b = Request::get(target);
        if let Some(h) = host {
            b = b.header(header::HOST, h);
        }
        b.body(()).unwrap()
    }

    #[test]
    fn the_host_header_or_an_absolute_target_decides() {
        assert!(for_loopback(&req("/", Some("localhost:1717"))));
        assert!(for_loopback(&req("/", Some("127.0.0.1:1717"))));
        assert!(for_loopback(&req("/", Some("[::1]:1717"))));
        assert!(for_loopback(&req("/", None)), "no host: not a browser");
        assert!(!for_loopback(&req("/", Some("attacker.example:1717"))));
        assert!(!for_loopback(&req("/", Some("bad host"))));
        assert!(!for_loopback(&req("http://attacker.example/", Some("localhost"))));
        assert!(for_loopback(&req("http://localhost:1717/", Some("attacker.example"))));
    }
}
