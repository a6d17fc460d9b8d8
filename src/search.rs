//! Search: a static full-text index per language, made with
//! [Pagefind](https://pagefind.app) from the rendered pages.
//!
//! Pagefind splits the site by `<html lang>` into one index per language,
//! stems Polish, Portuguese, Russian and Turkish words (Czech has no
//! stemmer: words match as typed, with prefix matching), folds diacritics
//! (`rizeni` finds `řízení`, `ошибка` finds `ошибкá`), and cuts each index
//! into chunks the browser fetches only as a query needs them, so the
//! search page of one locale downloads a few dozen kilobytes, not the
//! whole site. The search UI is locdoc's own (`static/locdoc-search.js`):
//! it asks Pagefind's JavaScript API, adds the spellings Pagefind does not
//! fold (Turkish `ı`/`i`, Polish `ł`/`l`), and writes the results with
//! `textContent` only.
//!
//! Only the article of each page is indexed (`data-pagefind-body`); the
//! hidden English originals, markers and navigation are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use pagefind::api::{PagefindIndex, SyntheticFile};
use pagefind::options::PagefindServiceConfig;

use crate::diag::{Error, Result};
use crate::write::Sink;

/// The folder of the search bundle in the output.
pub const BUNDLE_DIR: &str = "pagefind";

/// Pagefind's own search interfaces: locdoc has its own, so these are not
/// written.
const UNUSED: &[&str] = &[
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
];

/// Elements of a page that are not searchable text.
const EXCLUDE: &[&str] = &[".seg-en", ".seg-flag", ".anchor", ".visually-hidden"];

/// Collects the pages written during a build, to be indexed at the end.
#[derive(Default)]
pub struct Collector {
    pages: Mutex<Vec<(String, String)>>,
}

impl Collector {
    /// Keeps page `path` (relative to the output root) with its HTML.
    pub fn add(&self, path: &str, html: &str) {
        if let Ok(mut p) = self.pages.lock() {
            p.push((path.to_string(), html.to_string()));
        }
    }

    pub fn into_pages(self) -> Vec<(String, String)> {
        let mut pages = self.pages.into_inner().unwrap_or_default();
        pages.sort();
        pages
    }
}

/// A sink that passes every write on and keeps a copy of the HTML pages
/// that hold `data-pagefind-body`.
pub struct Collecting<'a> {
    pub inner: &'a dyn Sink,
    pub collector: Collector,
    /// `[limits] indexed_bytes`: what is kept of a page's article.
    pub max_bytes: usize,
}

impl Sink for Collecting<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        if path.ends_with(".html")
            && let Ok(text) = std::str::from_utf8(bytes)
            && let Some(doc) = slim(text, self.max_bytes)
        {
            self.collector.add(path, &doc);
        }
        self.inner.write(path, bytes)
    }

    fn copy(&self, from: &std::path::Path, path: &str) -> Result<()> {
        self.inner.copy(from, path)
    }
}

/// What Pagefind needs of a page: its language, title and article, without
/// the hidden English originals. A third of the page's bytes, so indexing
/// takes a third of the time. Of an article longer than `max_bytes`, the
/// first `max_bytes` are kept (cut before a tag), so a huge page costs the
/// index no more than that. `None` for pages that are not indexed.
pub fn slim(html: &str, max_bytes: usize) -> Option<String> {
    let body_at = html.find("data-pagefind-body")?;
    let start = html[..body_at].rfind('<')?;
    let end = html[start..].find("</article>")? + start + "</article>".len();
    let lang_at = html.find("<html lang=\"")? + "<html lang=\"".len();
    let lang = &html[lang_at..lang_at + html[lang_at..].find('"')?];
    let title = match (html.find("<title>"), html.find("</title>")) {
        (Some(a), Some(b)) if a < b => &html[a..b + "</title>".len()],
        _ => "",
    };
    let mut out = String::with_capacity(end - start + 128);
    out.push_str("<!DOCTYPE html><html lang=\"");
    out.push_str(lang);
    out.push_str("\"><head>");
    out.push_str(title);
    out.push_str("</head><body>");
    let article = &html[start..end];
    let mut rest = article;
    const EN: &str = "<span class=\"seg-en\"";
    while let Some(i) = rest.find(EN) {
        out.push_str(&rest[..i]);
        // Skip to the matching </span>, counting nested spans.
        let mut depth = 0usize;
        let mut j = i;
        loop {
            let open = rest[j + 1..].find("<span").map(|k| k + j + 1);
            let close = rest[j..].find("</span>").map(|k| k + j);
            match (open, close) {
                (Some(o), Some(c)) if o < c => {
                    depth += 1;
                    j = o;
                }
                (_, Some(c)) => {
                    if depth == 0 {
                        j = c + "</span>".len();
                        break;
                    }
                    depth -= 1;
                    j = c + 1;
                }
                (_, None) => {
                    j = rest.len();
                    break;
                }
            }
        }
        rest = &rest[j..];
    }
    out.push_str(rest);
    let body = out.find("<body>").map_or(0, |i| i + "<body>".len());
    if out.len() - body > max_bytes {
        let cut = crate::diag::floor_char_boundary(&out, body + max_bytes);
        let cut = out[..cut].rfind('<').unwrap_or(cut).max(body);
        out.truncate(cut);
    }
    out.push_str("</body></html>");
    Some(out)
}

/// The URL Pagefind stores for a page at output `path` (`ru-RU/a/index.html`):
/// root-relative, `index.html` dropped unless `keep_index`.
fn page_url(path: &str, keep_index: bool) -> String {
    let p = if keep_index {
        path
    } else {
        path.strip_suffix("index.html").unwrap_or(path)
    };
    format!("/{}", crate::site::url_path(p))
}

fn search_error(e: impl std::fmt::Display) -> Error {
    Error::Io {
        action: "write the search index into",
        path: format!("{BUNDLE_DIR}/").into(),
        source: std::io::Error::other(e.to_string()),
    }
}

/// Indexes the pages of one language; Pagefind's files for them.
fn index_language(pages: Vec<(String, String)>, keep_index: bool) -> Result<Vec<SyntheticFile>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(search_error)?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .keep_index_url(keep_index)
            .exclude_selectors(EXCLUDE.iter().map(|s| s.to_string()).collect())
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(search_error)?;
        for (path, html) in pages {
            index
                .add_html_file(None, Some(page_url(&path, keep_index)), html)
                .await
                .map_err(search_error)?;
        }
        index.get_files().await.map_err(search_error)
    })
}

/// The language folder of an output path (`ru-RU/a/index.html` → `ru-RU`).
fn language_of(path: &str) -> &str {
    path.split('/').next().unwrap_or("")
}

/// Indexes `pages` (output path, slim HTML from [`slim`]) and writes the
/// search bundle into `sink` under `pagefind/`. Each language is indexed on
/// its own thread — Pagefind indexes one page at a time — and the
/// languages' entries are merged into one `pagefind-entry.json`. Returns
/// the number of pages indexed.
pub fn write_index(pages: Vec<(String, String)>, keep_index: bool, sink: &dyn Sink) -> Result<usize> {
    let n = pages.len();
    let mut groups: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (path, html) in pages {
        groups
            .entry(language_of(&path).to_string())
            .or_default()
            .push((path, html));
    }
    // Threads of their own, not rayon's: Pagefind blocks on rayon inside
    // the runtime, and a rayon worker waiting there may be handed another
    // language, whose runtime would then start inside this one (a panic).
    // As many at a time as there are cores: each holds its language's index.
    let jobs: Vec<Vec<(String, String)>> = groups.into_values().collect();
    let languages = jobs.len();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len());
    let queue = Mutex::new(jobs.into_iter().enumerate().collect::<Vec<_>>());
    let done: Mutex<Vec<(usize, Result<Vec<SyntheticFile>>)>> = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let next = queue.lock().ok().and_then(|mut q| q.pop());
                    let Some((i, pages)) = next else { break };
                    let files =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| index_language(pages, keep_index)))
                            .unwrap_or_else(|_| Err(search_error("the search indexer failed")));
                    if let Ok(mut d) = done.lock() {
                        d.push((i, files));
                    }
                }
            });
        }
    });
    let mut results = done.into_inner().unwrap_or_default();
    if results.len() != languages {
        return Err(search_error("the search indexer lost a language"));
    }
    results.sort_by_key(|(i, _)| *i);
    let results = results.into_iter().map(|(_, r)| r);
    let mut entry: Option<serde_json::Value> = None;
    let mut written = BTreeSet::new();
    for files in results {
        for f in files? {
            // Paths come as `<bundle dir>/…`; keep what follows the bundle dir.
            let name = f.filename.to_string_lossy().replace('\\', "/");
            let rel = match name.find(&format!("{BUNDLE_DIR}/")) {
                Some(i) => name[i..].to_string(),
                None => format!("{BUNDLE_DIR}/{}", name.trim_start_matches('/')),
            };
            if UNUSED.iter().any(|u| rel.ends_with(u)) {
                continue;
            }
            if rel == format!("{BUNDLE_DIR}/{ENTRY}") {
                let part: serde_json::Value = serde_json::from_slice(&f.contents).map_err(search_error)?;
                entry = Some(match entry.take() {
                    None => part,
                    Some(mut all) => {
                        merge_languages(&mut all, &part);
                        all
                    }
                });
                continue;
            }
            if written.insert(rel.clone()) {
                sink.write(&rel, &f.contents)?;
            }
        }
    }
    if let Some(entry) = entry {
        let bytes = serde_json::to_vec(&entry).map_err(search_error)?;
        sink.write(&format!("{BUNDLE_DIR}/{ENTRY}"), &bytes)?;
    }
    Ok(n)
}

/// The file that lists every language's index.
const ENTRY: &str = "pagefind-entry.json";

/// Adds the `languages` of entry file `part` to `all`.
fn merge_languages(all: &mut serde_json::Value, part: &serde_json::Value) {
    if let (Some(into), Some(from)) = (
        all.get_mut("languages").and_then(|l| l.as_object_mut()),
        part.get("languages").and_then(|l| l.as_object()),
    ) {
        for (k, v) in from {
            into.insert(k.clone(), v.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slim_pages_keep_the_article_without_english_originals() {
        let html = "<!DOCTYPE html>\n<html lang=\"cs-CZ\" dir=\"ltr\">\n<head><title>T | S</title></head><body><nav>x</nav>\
            <article class=\"content\" data-pagefind-body>\n<p><span class=\"seg\">Ahoj<span class=\"seg-en\" lang=\"en-US\">Hello <span class=\"include-missing\">x</span> <code>c</code></span></span> svět</p>\n</article><footer>f</footer></body></html>";
        assert_eq!(
            slim(html, usize::MAX).unwrap(),
            "<!DOCTYPE html><html lang=\"cs-CZ\"><head><title>T | S</title></head><body><article class=\"content\" data-pagefind-body>\n<p><span class=\"seg\">Ahoj</span> svět</p>\n</article></body></html>"
        );
        assert!(slim("<html lang=\"en\"><body>no article</body></html>", usize::MAX).is_none());
    }

    #[test]
    fn slim_pages_keep_at_most_the_first_bytes_of_a_long_article() {
        let html = format!(
            "<html lang=\"cs-CZ\"><head><title>T</title></head><body><article data-pagefind-body>{}</article></body></html>",
            "<p>Slovo slovo.</p>".repeat(1000)
        );
        let s = slim(&html, 100).unwrap();
        let body = &s[s.find("<body>").unwrap() + 6..s.rfind("</body>").unwrap()];
        assert!(body.len() <= 100, "{}", body.len());
        assert!(body.ends_with("</p>"), "cut before a tag: {body}");
        assert_eq!(slim(&html, usize::MAX).unwrap().matches("<p>").count(), 1000);
    }

    #[test]
    fn entries_of_the_languages_are_merged() {
        let mut all = serde_json::json!({"version": "1", "languages": {"cs-cz": {"page_count": 1}}});
        merge_languages(
            &mut all,
            &serde_json::json!({"languages": {"ru-ru": {"page_count": 2}}}),
        );
        assert_eq!(all["languages"]["ru-ru"]["page_count"], 2);
        assert_eq!(all["languages"]["cs-cz"]["page_count"], 1);
    }

    #[test]
    fn page_urls_are_root_relative() {
        assert_eq!(page_url("ru-RU/etw/a/index.html", false), "/ru-RU/etw/a/");
        assert_eq!(page_url("ru-RU/etw/a/index.html", true), "/ru-RU/etw/a/index.html");
        // Pagefind keeps a URL given to it as it is: locdoc encodes it.
        assert_eq!(page_url("cs-CZ/a b#c?/index.html", false), "/cs-CZ/a%20b%23c%3F/");
    }
}
