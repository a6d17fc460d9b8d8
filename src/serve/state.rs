//! The preview's state: the site as last loaded, its rendered files in
//! memory, and the problems of the last rebuilds. A change rebuilds only
//! what it touches: an edited translation re-renders that page; an edited
//! English page re-aligns and re-renders its page in every locale; a
//! template, `.ftl` or `site.toml` change (or a page added or removed)
//! rebuilds everything. A failed rebuild keeps the last good output.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;

use crate::build::{self, Sink};
use crate::check::PageResult;
use crate::config::Config;
use crate::diag::{Diagnostic, Error, Result};
use crate::load;
use crate::render::{I18n, PageSummary, Renderer, Templates};
use crate::segment::source;
use crate::site::{Site, Source};

/// Where the site is.
#[derive(Clone, Debug)]
pub struct SiteRoot {
    pub root: PathBuf,
    /// Content folder instead of `content_dir` from `site.toml`.
    pub content: Option<PathBuf>,
}

impl SiteRoot {
    fn config(&self) -> Result<Config> {
        Config::load_with_content(&self.root, self.content.as_deref())
    }
}

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
        let mut m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        m.insert(path.to_string(), Bytes::copy_from_slice(bytes));
        Ok(())
    }
    fn copy(&self, from: &Path, path: &str) -> Result<()> {
        let bytes = std::fs::read(from).map_err(|e| Error::io("read", from, e))?;
        let mut m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        m.insert(path.to_string(), Bytes::from(bytes));
        Ok(())
    }
}

/// The site's folders, absolute and canonical, to classify watch events.
#[derive(Clone, Debug)]
pub struct Dirs {
    pub root: PathBuf,
    pub content: PathBuf,
    pub templates: PathBuf,
    pub locales: PathBuf,
    pub static_: PathBuf,
}

/// `p` made absolute and canonical; for a path that no longer exists, its
/// parent is canonicalised instead.
pub fn canonical(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    if let Ok(c) = std::fs::canonicalize(&abs) {
        return c;
    }
    match (abs.parent(), abs.file_name()) {
        (Some(parent), Some(name)) => canonical(parent).join(name),
        _ => abs,
    }
}

impl Dirs {
    fn of(site: &Site) -> Dirs {
        let c = &site.config;
        Dirs {
            root: canonical(&site.root),
            content: canonical(&c.content_dir),
            templates: canonical(&c.templates_dir),
            locales: canonical(&c.locales_dir),
            static_: canonical(&c.static_dir),
        }
    }
}

/// The loaded, rendered site.
pub struct State {
    /// The site's folders, for the watcher.
    pub dirs: Dirs,
    pub site: Site,
    pub i18n: I18n,
    pub templates: Templates,
    /// Output files by path (`cs-CZ/events/x/index.html`).
    pub files: HashMap<String, Bytes>,
    summaries: BTreeMap<(usize, String), PageSummary>,
    /// The check of every translation, for the status dashboards.
    checks: BTreeMap<(usize, String), PageResult>,
    /// Paths in `files` that are theme, static or content assets.
    asset_keys: BTreeSet<String>,
    /// Problems of the last rebuilds, by the file that has them (`""` for
    /// site-wide ones): what the browser overlay shows.
    pub errors: BTreeMap<String, Vec<Diagnostic>>,
    /// Bumped by every rebuild that changed the output.
    pub version: u64,
}

/// What a rebuild did, for the console.
#[derive(Debug)]
pub struct Rebuild {
    /// What was rebuilt, e.g. `cs-CZ/events/x/` or `everything`.
    pub what: String,
    pub pages: usize,
    pub elapsed: Duration,
    /// The output changed (reload the browsers).
    pub changed: bool,
    /// Something changed that needs a full rebuild (a slug: every link to
    /// the page changes).
    pub needs_full: bool,
}

/// What a set of changed files needs.
#[derive(Debug, PartialEq, Eq)]
pub enum Plan {
    Nothing,
    Full,
    /// Pages to re-read and re-render: (page path, locale, source changed).
    Pages(Vec<(String, usize, bool)>),
    Assets,
    /// Pages and assets.
    Both(Vec<(String, usize, bool)>),
}

fn key_of(site: &Site, path: &Path) -> String {
    crate::diag::display_path(&site.root, path)
}

impl State {
    /// Loads and renders the whole site into memory. Configuration and
    /// template errors are returned; broken pages are recorded in `errors`.
    pub fn load(at: &SiteRoot) -> Result<State> {
        let config = at.config()?;
        let site = Site::load(&at.root, config)?;
        let i18n = I18n::load(&site.config, &site.root)?;
        let templates = Templates::load(&site.config.templates_dir, &site.root)?;
        let all: Vec<usize> = (0..site.config.locales.len()).collect();
        let sink = MemSink::default();
        let rendered = {
            let renderer = Renderer::new(&site, &i18n, &templates);
            build::render_all(&renderer, &all, &sink)?
        };
        let asset_sink = MemSink::default();
        {
            let renderer = Renderer::new(&site, &i18n, &templates);
            build::copy_assets(&renderer, &all, &asset_sink)?;
        }
        let asset_keys = asset_sink.into_files().into_keys().collect();
        let mut errors: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        for d in rendered.errors {
            let file = d.location.as_ref().map(|l| l.file.clone()).unwrap_or_default();
            errors.entry(file).or_default().push(d);
        }
        Ok(State {
            dirs: Dirs::of(&site),
            summaries: rendered
                .summaries
                .into_iter()
                .map(|s| ((s.locale, s.rel.clone()), s))
                .collect(),
            checks: rendered.checks.into_iter().map(|(l, rel, r)| ((l, rel), r)).collect(),
            files: sink.into_files(),
            site,
            i18n,
            templates,
            asset_keys,
            errors,
            version: 1,
        })
    }

    /// Every problem, in file order.
    pub fn all_errors(&self) -> Vec<&Diagnostic> {
        self.errors.values().flatten().collect()
    }

    /// Decides what the changed `paths` (absolute, as the watcher reports
    /// them) need.
    pub fn plan(&self, paths: &[PathBuf]) -> Plan {
        let d = &self.dirs;
        let locales = &self.site.config.locales;
        let mut pages = Vec::new();
        let mut assets = false;
        for p in paths {
            let p = canonical(p);
            if p.parent() == Some(d.root.as_path()) && p.file_name().is_some_and(|n| n == crate::config::CONFIG_FILE) {
                return Plan::Full;
            }
            if p.starts_with(d.templates.join("static")) || p.starts_with(&d.static_) {
                assets = true;
                continue;
            }
            if p.starts_with(&d.templates) || p.starts_with(&d.locales) {
                return Plan::Full;
            }
            let Ok(in_content) = p.strip_prefix(&d.content) else {
                continue;
            };
            let rel = crate::diag::rel_path(Path::new(""), in_content);
            let Some((code, inner)) = rel.split_once('/') else {
                // A locale folder appeared or vanished.
                return Plan::Full;
            };
            let Some(locale) = locales.iter().position(|l| l.code == code) else {
                return Plan::Full;
            };
            if !inner.ends_with(".md") {
                let prefix = format!("{inner}/");
                let held_pages = self.site.inventory.pages.keys().any(|k| k.starts_with(&prefix));
                let holds_pages = p.is_dir()
                    && walkdir::WalkDir::new(&p)
                        .into_iter()
                        .flatten()
                        .any(|e| e.file_name().to_string_lossy().ends_with(".md"));
                if held_pages || holds_pages {
                    // A folder of pages was moved, added or removed.
                    return Plan::Full;
                }
                if !p.is_dir() {
                    assets = true;
                }
                continue;
            }
            let exists = p.is_file();
            let known = self.site.inventory.file(inner, locale).is_some();
            let group = self.site.urls.contains_key(inner);
            match (exists, known) {
                // Edited.
                (true, true) => pages.push((inner.to_string(), locale, locale == 0)),
                // A translation added to, or removed from, an existing group.
                (true, false) | (false, true) if locale != 0 && group => pages.push((inner.to_string(), locale, false)),
                (false, false) => {}
                // A new page, or a new or removed English page.
                _ => return Plan::Full,
            }
        }
        pages.sort();
        pages.dedup();
        match (pages.is_empty(), assets) {
            (true, false) => Plan::Nothing,
            (true, true) => Plan::Assets,
            (false, false) => Plan::Pages(pages),
            (false, true) => Plan::Both(pages),
        }
    }

    /// Carries out an incremental plan (not `Full`).
    pub fn apply(&mut self, plan: Plan) -> Rebuild {
        let started = Instant::now();
        let (pages, assets) = match plan {
            Plan::Nothing | Plan::Full => (Vec::new(), false),
            Plan::Pages(p) => (p, false),
            Plan::Assets => (Vec::new(), true),
            Plan::Both(p) => (p, true),
        };
        let mut what = Vec::new();
        let mut rendered = 0;
        let mut changed = false;
        for (rel, locale, source_changed) in pages {
            if source_changed && self.slug_changed(&rel) {
                return Rebuild {
                    what: String::new(),
                    pages: 0,
                    elapsed: started.elapsed(),
                    changed: false,
                    needs_full: true,
                };
            }
            let n = if source_changed {
                self.rebuild_source(&rel)
            } else {
                self.rebuild_translation(&rel, locale)
            };
            if let Some(n) = n {
                rendered += n;
                changed = true;
                let code = &self.site.config.locales[locale].code;
                let dir = self.site.urls.get(&rel).map_or(rel.as_str(), |u| u.dir.as_str());
                what.push(if source_changed {
                    format!("{dir} (English page, all locales)")
                } else {
                    format!("{code}/{dir}")
                });
            }
        }
        if changed {
            self.rebuild_indexes();
        }
        if assets {
            self.rebuild_assets();
            what.push("assets".into());
            changed = true;
        }
        if changed {
            self.version += 1;
        }
        Rebuild {
            what: what.join(", "),
            pages: rendered,
            elapsed: started.elapsed(),
            changed,
            needs_full: false,
        }
    }

    /// True when the English page `rel` on disk has another slug than the
    /// loaded one.
    fn slug_changed(&self, rel: &str) -> bool {
        let Some(path) = self.site.inventory.file(rel, 0) else {
            return false;
        };
        let Ok(page) = load::read_page(&self.site.root, path, 0, rel) else {
            return false;
        };
        page.front.slug != self.site.sources.get(rel).and_then(|s| s.page.front.slug.clone())
    }

    /// Where page `rel` of `locale` is (or would be) on disk.
    fn page_file(&self, rel: &str, locale: usize) -> PathBuf {
        let c = &self.site.config;
        c.content_dir.join(&c.locales[locale].code).join(rel)
    }

    /// Re-renders one translation; `None` when it failed (the error is kept).
    fn rebuild_translation(&mut self, rel: &str, locale: usize) -> Option<usize> {
        let file = self.page_file(rel, locale);
        let key = key_of(&self.site, &file);
        let exists = file.is_file();
        let known = self.site.inventory.file(rel, locale).is_some();
        if exists != known {
            // Added or removed: update the inventory, re-render the group.
            let files = self.site.inventory.pages.entry(rel.to_string()).or_default();
            if exists {
                files.push((locale, file.clone()));
                files.sort();
            } else {
                files.retain(|(l, _)| *l != locale);
                if let Some(out) = Renderer::new(&self.site, &self.i18n, &self.templates).output_path(rel, locale) {
                    self.files.remove(&out);
                }
                self.summaries.remove(&(locale, rel.to_string()));
                self.errors.remove(&key);
            }
            let locales: Vec<usize> = (0..self.site.config.locales.len()).collect();
            return Some(self.render_pages(rel, &locales));
        }
        Some(self.render_pages(rel, &[locale])).filter(|_| !self.errors.contains_key(&key))
    }

    /// Re-reads an English page and re-renders it in every locale.
    fn rebuild_source(&mut self, rel: &str) -> Option<usize> {
        let path = self.site.inventory.file(rel, 0).map(Path::to_path_buf)?;
        let key = key_of(&self.site, &path);
        match load::read_page(&self.site.root, &path, 0, rel) {
            Ok(page) => {
                let doc = source::parse(&page.src.text, page.body_start);
                self.site
                    .sources
                    .insert(rel.to_string(), Arc::new(Source { page, doc }));
                self.errors.remove(&key);
            }
            Err(d) => {
                self.errors.insert(key, vec![d]);
                return None;
            }
        }
        let locales: Vec<usize> = (0..self.site.config.locales.len()).collect();
        Some(self.render_pages(rel, &locales))
    }

    /// Renders `rel` in `locales` into `files`; records or clears errors.
    fn render_pages(&mut self, rel: &str, locales: &[usize]) -> usize {
        let sink = MemSink::default();
        let mut n = 0;
        let mut results = Vec::new();
        {
            let renderer = Renderer::new(&self.site, &self.i18n, &self.templates);
            let mut memo = crate::check::Memo::default();
            for &l in locales {
                let r = build::render_page(&renderer, rel, l, &sink, &mut memo);
                let missing = match &r {
                    None if l != 0 => crate::check::missing_page(&self.site, rel, l),
                    _ => None,
                };
                results.push((l, r, missing));
            }
        }
        for (l, r, missing) in results {
            let key = key_of(&self.site, &self.page_file(rel, l));
            let at = (l, rel.to_string());
            match r {
                None => match missing {
                    Some(m) => {
                        self.checks.insert(at, m);
                    }
                    None => {
                        self.checks.remove(&at);
                    }
                },
                Some(Ok(p)) => {
                    n += 1;
                    self.errors.remove(&key);
                    self.summaries.insert(at.clone(), p.summary);
                    match p.check {
                        Some(c) => self.checks.insert(at, c),
                        None => self.checks.remove(&at),
                    };
                }
                Some(Err(Ok(d))) => {
                    self.errors.insert(key, vec![d]);
                }
                Some(Err(Err(e))) => {
                    self.errors.insert(key, e.diagnostics());
                }
            }
        }
        self.files.extend(sink.into_files());
        n
    }

    fn rebuild_indexes(&mut self) {
        let sink = MemSink::default();
        let all: Vec<usize> = (0..self.site.config.locales.len()).collect();
        let summaries: Vec<PageSummary> = self.summaries.values().cloned().collect();
        let report = crate::check::assemble(
            &self.site,
            &all,
            self.checks.iter().map(|((l, rel), r)| (*l, rel.clone(), r.clone())),
            &|_| true,
            &|_| true,
        );
        let r = {
            let renderer = Renderer::new(&self.site, &self.i18n, &self.templates);
            build::write_site_pages(&renderer, &all, &summaries, &report, &sink)
        };
        match r {
            Ok(()) => {
                self.errors.remove("");
                self.files.extend(sink.into_files());
            }
            Err(e) => {
                self.errors.insert(String::new(), e.diagnostics());
            }
        }
    }

    fn rebuild_assets(&mut self) {
        // The walk decides which assets exist now.
        match crate::load::walk(&self.site.config, &self.site.root) {
            Ok(inv) => self.site.inventory.assets = inv.assets,
            Err(e) => {
                self.errors.insert(String::new(), e.diagnostics());
                return;
            }
        }
        let sink = MemSink::default();
        let all: Vec<usize> = (0..self.site.config.locales.len()).collect();
        let r = {
            let renderer = Renderer::new(&self.site, &self.i18n, &self.templates);
            build::copy_assets(&renderer, &all, &sink)
        };
        match r {
            Ok(()) => {
                for k in std::mem::take(&mut self.asset_keys) {
                    self.files.remove(&k);
                }
                let files = sink.into_files();
                self.asset_keys = files.keys().cloned().collect();
                self.files.extend(files);
            }
            Err(e) => {
                self.errors.insert(String::new(), e.diagnostics());
            }
        }
    }
}
