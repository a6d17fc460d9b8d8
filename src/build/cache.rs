//! The incremental build cache: what a build needs of each page it does
//! not render again.
//!
//! Every page has a key, a 128-bit hash of everything its output is made
//! from: the page's own file (the translation, or the English page), and
//! what every page shares — locdoc's version, the configuration, the
//! templates and UI strings, the list of pages and assets (the language
//! switcher, links), every English page (the structure each translation is
//! rendered from, the event order), and the includes the last build read.
//! A page whose key is the one the cache has for it is not read again: its
//! output file stays where it is in the previous output (the build updates
//! that folder in place, [`crate::write::Staging::update`]), and its
//! summary, status and search record come from the cache. The site-wide
//! pages are made from the summaries as in a clean build (and written only
//! if their bytes changed), and a language's search index is kept from the
//! previous output when none of its records changed.
//!
//! The cache lives in `.locdoc-cache/` in the site root, one file per
//! output folder. It describes the output folder it was written with (and
//! lists its files, to remove those of pages that are gone); a
//! cache without its output (or an output without its cache) is a clean
//! build. Pages with warnings are always rendered again, so their
//! warnings are reported on every build.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use siphasher::sip128::{Hasher128, SipHasher13};

use crate::render::PageSummary;
use crate::render::dashboard::SiteStatus;
use crate::search::{LanguageIndex, Record};
use crate::site::Site;

/// The folder of the cache in the site root.
pub const CACHE_DIR: &str = ".locdoc-cache";

/// Bumped when the cache's layout changes.
const FORMAT: u32 = 2;

/// A hash of the inputs of a page (or of the whole site).
pub type Key = u128;

/// What the cache keeps of one page.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Entry {
    pub key: Key,
    pub summary: PageSummary,
    /// The page's share of the status dashboard.
    pub status: SiteStatus,
    pub record: Option<Record>,
}

/// The cache file.
#[derive(Default, Serialize, Deserialize)]
struct Saved {
    format: u32,
    version: String,
    /// Entries by output path.
    pages: HashMap<String, Entry>,
    /// Include files the build read: path and a hash of their bytes
    /// (`None`: absent).
    includes: Vec<(PathBuf, Option<Key>)>,
    /// Each language's search index, by language folder.
    search: BTreeMap<String, LanguageIndex>,
    /// Every file of the output folder (`/`-separated paths), so that an
    /// incremental build updates it in place.
    outputs: Vec<String>,
}

/// The cache of one build: what the previous build left, and what this
/// one makes for the next.
pub struct Incremental {
    file: PathBuf,
    /// The previous output folder, when the previous cache describes it.
    pub old_out: Option<PathBuf>,
    old: Saved,
    /// The previous build's entries (taken out of `old`), each handed out
    /// once, to the page that reuses it.
    old_pages: Mutex<HashMap<String, Entry>>,
    /// Shared by every page of this build.
    pub global: Key,
    new: Mutex<HashMap<String, Entry>>,
    pub reused: std::sync::atomic::AtomicUsize,
}

fn hasher() -> SipHasher13 {
    SipHasher13::new_with_keys(0x6c6f_6364_6f63, FORMAT as u64)
}

fn finish(h: SipHasher13) -> Key {
    h.finish128().as_u128()
}

/// A hash of `bytes`.
pub fn hash_bytes(bytes: &[u8]) -> Key {
    let mut h = hasher();
    h.write(bytes);
    finish(h)
}

/// Adds a length-prefixed `bytes` to `h`.
fn put(h: &mut SipHasher13, bytes: &[u8]) {
    h.write_u64(bytes.len() as u64);
    h.write(bytes);
}

/// Adds every file under `dir` (path and bytes, in path order) to `h`.
fn put_dir(h: &mut SipHasher13, dir: &Path) {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    for f in files {
        put(h, f.to_string_lossy().as_bytes());
        put(h, &std::fs::read(&f).unwrap_or_default());
    }
}

/// The key every page shares (see the module's doc).
fn global_key(site: &Site, locales: &[usize], search: bool) -> Key {
    let mut h = hasher();
    put(&mut h, env!("CARGO_PKG_VERSION").as_bytes());
    // The program's size too, so that a locdoc built from other sources
    // with the same version number (a development build) does not reuse
    // pages; not its time, which every `cargo install` in CI renews.
    let exe = std::env::current_exe().and_then(std::fs::metadata).ok();
    put(&mut h, format!("{:?}", exe.map(|m| m.len())).as_bytes());
    put(&mut h, format!("{:?} {locales:?} {search}", site.config).as_bytes());
    put(
        &mut h,
        &std::fs::read(site.root.join(crate::config::CONFIG_FILE)).unwrap_or_default(),
    );
    put_dir(&mut h, &site.config.templates_dir);
    put_dir(&mut h, &site.config.locales_dir);
    for (rel, files) in &site.inventory.pages {
        put(&mut h, rel.as_bytes());
        for (l, p) in files {
            h.write_usize(*l);
            put(&mut h, p.to_string_lossy().as_bytes());
        }
    }
    for (l, rel, _) in &site.inventory.assets {
        h.write_usize(*l);
        put(&mut h, rel.as_bytes());
    }
    for (rel, src) in &site.sources {
        put(&mut h, rel.as_bytes());
        put(&mut h, src.page.src.text.as_bytes());
    }
    put(&mut h, format!("{:?}{:?}", site.errors, site.warnings).as_bytes());
    finish(h)
}

fn include_state(path: &Path) -> Option<Key> {
    std::fs::read(path).ok().map(|b| hash_bytes(&b))
}

impl Incremental {
    /// The cache of a build of `site` into `out`: the previous one if it
    /// is still good for this build (same locdoc, includes unchanged, its
    /// output folder still there), else an empty one.
    pub fn open(site: &Site, out: &Path, locales: &[usize]) -> Incremental {
        let out_abs = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
        let name = format!("{:032x}.cbor", hash_bytes(out_abs.to_string_lossy().as_bytes()));
        let file = site.root.join(CACHE_DIR).join(name);
        let global = global_key(site, locales, site.config.build.search);
        // Without its output the cache is of no use: not even read (the
        // output was removed for a clean build; the cache is tens of MB).
        let has_out = out.join(crate::write::MARKER).is_file();
        let old: Option<Saved> = std::fs::File::open(&file)
            .ok()
            .filter(|_| has_out)
            .and_then(|f| ciborium::from_reader(std::io::BufReader::new(f)).ok())
            .filter(|s: &Saved| s.format == FORMAT && s.version == env!("CARGO_PKG_VERSION"))
            .filter(|s| s.includes.iter().all(|(p, k)| include_state(p) == *k));
        let (mut old, old_out) = match old {
            Some(s) => (s, Some(out_abs)),
            None => (Saved::default(), None),
        };
        let old_pages = Mutex::new(std::mem::take(&mut old.pages));
        Incremental {
            file,
            old_out,
            old,
            old_pages,
            global,
            new: Mutex::new(HashMap::new()),
            reused: Default::default(),
        }
    }

    /// The key of page `rel` of `locale` whose file holds `bytes`.
    pub fn page_key(&self, rel: &str, locale: usize, bytes: &[u8]) -> Key {
        let mut h = hasher();
        h.write_u128(self.global);
        put(&mut h, rel.as_bytes());
        h.write_usize(locale);
        put(&mut h, bytes);
        finish(h)
    }

    /// The previous build's entry of output `path`, if its key is `key`
    /// and its file is still in the previous output.
    /// (Taken out of the cache: each output path is looked up once.)
    pub fn reusable(&self, path: &str, key: Key) -> Option<(Entry, PathBuf)> {
        let old_out = self.old_out.as_ref()?;
        let mut old = self.old_pages.lock().ok()?;
        if old.get(path).is_none_or(|e| e.key != key) {
            return None;
        }
        let file = old_out.join(path);
        if !file.is_file() {
            return None;
        }
        old.remove(path).map(|e| (e, file))
    }

    /// The files of the previous output, when this build updates it in
    /// place (its pages taken from it stay where they are).
    pub fn take_old_outputs(&mut self) -> Option<Vec<String>> {
        self.old_out.as_ref()?;
        Some(std::mem::take(&mut self.old.outputs))
    }

    /// Removes the cache file: it no longer describes the output once this
    /// build starts changing it (a build that fails before keeps both).
    pub fn invalidate(&self) {
        let _ = std::fs::remove_file(&self.file);
    }

    /// Keeps the entry of output `path` for the next build.
    pub fn keep(&self, path: String, entry: Entry) {
        if let Ok(mut n) = self.new.lock() {
            n.insert(path, entry);
        }
    }

    /// The previous build's search indexes (empty when there is no
    /// previous output to take their files from).
    pub fn old_search(&self) -> &BTreeMap<String, LanguageIndex> {
        &self.old.search
    }

    /// Writes the cache for the next build (best effort: a cache that
    /// cannot be written makes the next build a clean one).
    pub fn save(self, site: &Site, search: BTreeMap<String, LanguageIndex>, outputs: Vec<String>) {
        let pages = self.new.into_inner().unwrap_or_default();
        // The includes of the pages taken from the cache were read by an
        // earlier build.
        let mut paths = site.include_paths();
        paths.extend(self.old.includes.iter().map(|(p, _)| p.clone()));
        paths.sort();
        paths.dedup();
        let includes = paths
            .into_iter()
            .map(|p| {
                let k = include_state(&p);
                (p, k)
            })
            .collect();
        let saved = Saved {
            format: FORMAT,
            version: env!("CARGO_PKG_VERSION").to_string(),
            pages,
            includes,
            search,
            outputs,
        };
        let Some(dir) = self.file.parent() else { return };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let tmp = self.file.with_extension("tmp");
        let ok = std::fs::File::create(&tmp).ok().is_some_and(|f| {
            let mut w = std::io::BufWriter::new(f);
            ciborium::into_writer(&saved, &mut w).is_ok() && std::io::Write::flush(&mut w).is_ok()
        });
        if ok {
            let _ = std::fs::rename(&tmp, &self.file);
        } else {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

/// What to do with one page.
pub enum Lookup {
    /// Link `file` of the previous output to `path`; `entry` is the page.
    Reuse {
        path: String,
        file: PathBuf,
        entry: Box<Entry>,
    },
    /// Render it, and keep it under this key (none: do not keep it).
    Render(Option<Key>),
}

/// Whether page `rel` of `locale` can be taken from the previous output.
pub fn lookup(inc: &Incremental, renderer: &crate::render::Renderer, rel: &str, locale: usize) -> Lookup {
    let site = renderer.site;
    let Some(path) = renderer.output_path(rel, locale) else {
        return Lookup::Render(None);
    };
    let key = if locale == 0 {
        match site.sources.get(rel) {
            Some(src) => inc.page_key(rel, locale, src.page.src.text.as_bytes()),
            None => return Lookup::Render(None),
        }
    } else {
        match site.inventory.file(rel, locale).and_then(|p| std::fs::read(p).ok()) {
            Some(bytes) => inc.page_key(rel, locale, &bytes),
            None => return Lookup::Render(None),
        }
    };
    match inc.reusable(&path, key) {
        Some((entry, file)) => {
            inc.reused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Lookup::Reuse {
                path,
                file,
                entry: Box::new(entry),
            }
        }
        None => Lookup::Render(Some(key)),
    }
}

impl Incremental {
    /// Gives every page of this build its search record, once the index
    /// is made from them: those of the pages rendered, and those lent by
    /// the pages taken from the cache (moved: the build holds one copy).
    pub fn fill_records(&self, records: Vec<Record>) {
        if let Ok(mut n) = self.new.lock() {
            for r in records {
                if let Some(e) = n.get_mut(&r.path)
                    && e.record.is_none()
                {
                    e.record = Some(r);
                }
            }
        }
    }
}

/// A build's rendering: the pages whose inputs changed since the build
/// `inc` caches (all of them without a cache), the others linked from the
/// previous output; then the site-wide pages, assets and search index.
/// Returns what the search index of each language wrote.
pub(super) fn render_cached(
    renderer: &crate::render::Renderer,
    locales: &[usize],
    sink: &dyn crate::write::Sink,
    inc: Option<&Incremental>,
    progress: Option<&super::Progress>,
) -> crate::diag::Result<(
    super::Rendered,
    std::collections::BTreeMap<String, crate::search::LanguageIndex>,
)> {
    let collecting = super::collecting(renderer.site, sink);
    let page_sink: &dyn crate::write::Sink = match &collecting {
        Some(c) => c,
        None => sink,
    };
    let mut out = super::render_pages_with(renderer, locales, &|_| true, page_sink, inc, progress)?;
    out.checks = Vec::new();
    if let Some(p) = progress {
        p.finishing.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    let search = collecting.map(|c| {
        let mut pages = c.collector.into_pages();
        pages.append(&mut out.reused_records);
        pages.sort();
        pages
    });
    let indexes = super::finish_with(
        renderer,
        locales,
        &out.summaries,
        &out.status,
        search.as_deref(),
        sink,
        inc,
    )?;
    if let (Some(inc), Some(pages)) = (inc, search) {
        inc.fill_records(pages);
    }
    Ok((out, indexes))
}
