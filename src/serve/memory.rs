//! How the preview holds its output in memory: every file the build
//! writes, by output path; HTML pages gzip-compressed (the fastest level)
//! and inflated when a browser asks for one (microseconds a page). On the
//! 30,000-page generated site this took the idle preview from 994 MB to
//! 505 MB (BENCHMARKS.md).

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::Mutex;

use bytes::Bytes;

use crate::diag::{Error, Result};
use crate::write::Sink;

/// Pages smaller than this are kept as they are: compressing them saves
/// little.
const SMALL: usize = 1024;

/// gzip's first two bytes.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Files rendered into memory.
#[derive(Default)]
pub struct MemSink(Mutex<HashMap<String, Bytes>>);

impl MemSink {
    pub fn into_files(self) -> HashMap<String, Bytes> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemSink {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        // Compressed outside the lock: the pages are written in parallel.
        let stored = stored(path, bytes);
        let mut m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        m.insert(path.to_string(), stored);
        Ok(())
    }
    fn copy(&self, from: &Path, path: &str) -> Result<()> {
        let bytes = std::fs::read(from).map_err(|e| Error::io("read", from, e))?;
        let mut m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        m.insert(path.to_string(), Bytes::from(bytes));
        Ok(())
    }
}

/// What is kept of a file the build wrote: an HTML page compressed, the
/// rest as it is. The same bytes always compress the same, so a rebuild
/// still sees which files changed by comparing what is kept.
fn stored(path: &str, bytes: &[u8]) -> Bytes {
    if path.ends_with(".html") && bytes.len() >= SMALL {
        let mut gz = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 4), flate2::Compression::fast());
        if gz.write_all(bytes).is_ok()
            && let Ok(v) = gz.finish()
        {
            return Bytes::from(v);
        }
    }
    Bytes::copy_from_slice(bytes)
}

/// The bytes of a kept file as the build wrote them. (A page the build
/// renders never starts like gzip: it is UTF-8 text, where `0x8b` cannot
/// follow `0x1f`. An `.html` file copied from `static/` is kept as it is;
/// one that is itself gzip data would be served inflated, one that only
/// starts like gzip is served as it is.)
pub fn inflated(path: &str, kept: &Bytes) -> Bytes {
    if path.ends_with(".html") && kept.starts_with(&GZIP_MAGIC) {
        let mut out = Vec::with_capacity(kept.len() * 6);
        if flate2::read::GzDecoder::new(&kept[..]).read_to_end(&mut out).is_ok() {
            return Bytes::from(out);
        }
    }
    kept.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_kept_compressed_and_given_back_as_written() {
        let sink = MemSink::default();
        let page = format!(
            "<!DOCTYPE html><html><body>{}</body></html>",
            "<p>Řízení událostí.</p>\n".repeat(200)
        );
        sink.write("cs-CZ/a/index.html", page.as_bytes()).unwrap();
        sink.write("cs-CZ/small/index.html", b"<p>x</p>").unwrap();
        sink.write("locdoc.css", b"body{}").unwrap();
        let files = sink.into_files();
        let kept = &files["cs-CZ/a/index.html"];
        assert!(kept.len() * 10 < page.len(), "{} of {}", kept.len(), page.len());
        assert_eq!(inflated("cs-CZ/a/index.html", kept), page.as_bytes());
        assert_eq!(&files["cs-CZ/small/index.html"][..], b"<p>x</p>");
        assert_eq!(inflated("locdoc.css", &files["locdoc.css"]), &b"body{}"[..]);
        // Compressing is deterministic: a rebuild compares what is kept.
        assert_eq!(stored("p.html", page.as_bytes()), *kept);
    }

    #[test]
    fn a_static_file_that_looks_like_gzip_is_served_as_it_is() {
        let odd = Bytes::from_static(&[0x1f, 0x8b, 1, 2, 3]);
        assert_eq!(inflated("odd.html", &odd), odd);
    }
}
