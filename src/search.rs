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
use serde::{Deserialize, Serialize};

use crate::diag::{Error, Result};
use crate::write::Sink;

mod record;
pub use record::record;

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

/// What the index holds of one page: a Pagefind custom record made from
/// the text of the page's article, so Pagefind does not parse HTML again.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Record {
    /// Output path (`ru-RU/etw/a/index.html`).
    pub path: String,
    /// The page's `<html lang>`.
    pub lang: String,
    /// The first heading of the article, else the page's `<title>`.
    pub title: String,
    /// The article's text as Pagefind's parser would read it: sentences
    /// of block elements closed with a full stop, headings weighted.
    pub content: String,
}

/// Collects the search records of the pages written during a build, to be
/// indexed at the end.
#[derive(Default)]
pub struct Collector {
    pages: Mutex<Vec<Record>>,
}

impl Collector {
    pub fn add(&self, record: Record) {
        if let Ok(mut p) = self.pages.lock() {
            p.push(record);
        }
    }

    pub fn into_pages(self) -> Vec<Record> {
        let mut pages = self.pages.into_inner().unwrap_or_default();
        pages.sort();
        pages
    }
}

/// A sink that passes every write on and keeps the search record of the
/// HTML pages that hold `data-pagefind-body`.
pub struct Collecting<'a> {
    pub inner: &'a dyn Sink,
    pub collector: Collector,
    /// `[limits] indexed_bytes`: what is kept of a page's article text.
    pub max_bytes: usize,
}

impl Sink for Collecting<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        if path.ends_with(".html")
            && let Ok(text) = std::str::from_utf8(bytes)
            && let Some(r) = record(path, text, self.max_bytes)
        {
            self.collector.add(r);
        }
        self.inner.write(path, bytes)
    }

    fn copy(&self, from: &std::path::Path, path: &str) -> Result<()> {
        self.inner.copy(from, path)
    }

    fn link(&self, from: &std::path::Path, path: &str) -> Result<()> {
        self.inner.link(from, path)
    }
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

/// Indexes the records of one language; Pagefind's files for them.
fn index_language(pages: &[&Record], keep_index: bool) -> Result<Vec<SyntheticFile>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(search_error)?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder().keep_index_url(keep_index).build();
        let mut index = PagefindIndex::new(Some(config)).map_err(search_error)?;
        for r in pages {
            // Copies made one page at a time: the records stay the
            // build's (the incremental cache keeps them afterwards).
            let meta = BTreeMap::from([("title".to_string(), r.title.clone())]);
            index
                .add_custom_record(
                    page_url(&r.path, keep_index),
                    r.content.clone(),
                    r.lang.to_lowercase(),
                    Some(meta),
                    None,
                    None,
                )
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

/// What indexing one language wrote, kept by the incremental build cache
/// so that a language none of whose pages changed is not indexed again.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LanguageIndex {
    /// A hash of the language's records and of the index options.
    pub hash: u128,
    /// The bundle's files of the language (paths in the output).
    pub files: Vec<String>,
    /// The language's `pagefind-entry.json`.
    pub entry: String,
}

/// A hash of the records of one language and the index options.
fn records_hash(pages: &[&Record], keep_index: bool) -> u128 {
    use siphasher::sip128::Hasher128;
    use std::hash::Hasher;
    let mut h = siphasher::sip128::SipHasher13::new();
    h.write(env!("CARGO_PKG_VERSION").as_bytes());
    h.write_u8(keep_index as u8);
    for r in pages {
        for part in [&r.path, &r.lang, &r.title, &r.content] {
            h.write_usize(part.len());
            h.write(part.as_bytes());
        }
    }
    h.finish128().as_u128()
}

/// Indexes `pages` (records from [`record`]) and writes the search bundle
/// into `sink` under `pagefind/`, and the languages' entries merged into
/// one `pagefind-entry.json`. A language whose records hash as in
/// `previous` has its files linked from `old_out` (the previous output)
/// instead. Returns what each language wrote.
///
/// One language is indexed at a time, on a thread of its own, while this
/// one writes the files of the language before it. While Pagefind builds a
/// language's index it holds about 36 KB a page (a 5,000-page language:
/// ~180 MB); two languages at once, as this did before, raised a
/// 30,000-page build's peak from 545 to 760 MB and made it no faster: the
/// second core renders nothing then, but Pagefind's own indexing of a
/// language is parallel where it can be (BENCHMARKS.md).
pub fn write_index(
    pages: &[Record],
    keep_index: bool,
    sink: &dyn Sink,
    previous: &BTreeMap<String, LanguageIndex>,
    old_out: Option<&std::path::Path>,
) -> Result<BTreeMap<String, LanguageIndex>> {
    let mut groups: BTreeMap<String, Vec<&Record>> = BTreeMap::new();
    for r in pages {
        groups.entry(language_of(&r.path).to_string()).or_default().push(r);
    }
    let mut indexes: BTreeMap<String, LanguageIndex> = BTreeMap::new();
    let mut jobs: Vec<(String, u128, Vec<&Record>)> = Vec::new();
    let mut written = BTreeSet::new();
    for (lang, records) in groups {
        let hash = records_hash(&records, keep_index);
        let reused = match (previous.get(&lang), old_out) {
            (Some(old), Some(dir)) if old.hash == hash && old.files.iter().all(|f| dir.join(f).is_file()) => {
                Some((old.clone(), dir))
            }
            _ => None,
        };
        match reused {
            Some((old, dir)) => {
                for rel in &old.files {
                    if written.insert(rel.clone()) {
                        sink.link(&dir.join(rel), rel)?;
                    }
                }
                indexes.insert(lang, old);
            }
            None => jobs.push((lang, hash, records)),
        }
    }
    // A thread of its own, not rayon's: Pagefind blocks on rayon inside
    // the runtime, and a rayon worker waiting there may be handed other
    // work that starts a runtime inside this one (a panic). It hands each
    // language over when it is done (and waits until it is taken), so at
    // most one language's files wait in memory while the next is indexed.
    let languages = jobs.len();
    let (tx, rx) = std::sync::mpsc::sync_channel::<(String, u128, Result<Vec<SyntheticFile>>)>(0);
    std::thread::scope(|s| {
        s.spawn(move || {
            for (lang, hash, pages) in jobs {
                let files =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| index_language(&pages, keep_index)))
                        .unwrap_or_else(|_| Err(search_error("the search indexer failed")));
                if tx.send((lang, hash, files)).is_err() {
                    break;
                }
            }
        });
        // Owned here: an error below drops it on the way out, so the
        // indexer's next hand-over fails and it stops after its current
        // language instead of waiting for ever.
        let rx = rx;
        let mut received = 0;
        for (lang, hash, files) in rx.iter() {
            received += 1;
            let index = write_language(hash, files?, sink, &mut written)?;
            indexes.insert(lang, index);
        }
        if received != languages {
            return Err(search_error("the search indexer lost a language"));
        }
        Ok(())
    })?;
    // In language order, whichever order they were written in.
    let mut entry: Option<serde_json::Value> = None;
    for index in indexes.values() {
        if index.entry.is_empty() {
            continue;
        }
        let part: serde_json::Value = serde_json::from_str(&index.entry).map_err(search_error)?;
        entry = Some(match entry.take() {
            None => part,
            Some(mut all) => {
                merge_languages(&mut all, &part);
                all
            }
        });
    }
    if let Some(entry) = entry {
        let bytes = serde_json::to_vec(&entry).map_err(search_error)?;
        sink.write(&format!("{BUNDLE_DIR}/{ENTRY}"), &bytes)?;
    }
    Ok(indexes)
}

/// Writes the files Pagefind made for one language into `sink` (a file
/// that another language wrote already, such as `pagefind.js`, once);
/// returns what the language wrote.
fn write_language(
    hash: u128,
    files: Vec<SyntheticFile>,
    sink: &dyn Sink,
    written: &mut BTreeSet<String>,
) -> Result<LanguageIndex> {
    let mut index = LanguageIndex {
        hash,
        ..LanguageIndex::default()
    };
    for f in files {
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
            index.entry = String::from_utf8_lossy(&f.contents).into_owned();
            continue;
        }
        if written.insert(rel.clone()) {
            sink.write(&rel, &f.contents)?;
        }
        index.files.push(rel);
    }
    Ok(index)
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
