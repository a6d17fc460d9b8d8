//! The site model: configuration, the content inventory, every page's URL,
//! and the English source pages (parsed once, shared by every locale).
//!
//! [`Site::load`] reads what every later stage needs; translations are read
//! one page group at a time ([`Site::translation`]) so a build of tens of
//! thousands of pages never holds them all in memory.

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use rayon::prelude::*;

use crate::align::{self, Alignment};
use crate::config::Config;
use crate::diag::{Diagnostic, Location, Result};
use crate::load::{self, Inventory, Page};
use crate::segment::source::{self, SourceDoc};
use crate::segment::sxs::{self, SxsDoc};

pub mod toc;

/// An English source page, parsed.
#[derive(Debug)]
pub struct Source {
    pub page: Page,
    pub doc: SourceDoc,
}

impl Source {
    /// Reads the English page `rel` at `path` and finds its blocks. A page
    /// over a limit of `[limits]` is a content error.
    pub fn read(root: &Path, path: &Path, rel: &str, limits: &crate::config::Limits) -> Result<Source, Diagnostic> {
        Source::from_page(load::read_page(root, path, 0, rel, limits)?, limits)
    }

    /// Segments a read English page (or include file).
    pub fn from_page(page: Page, limits: &crate::config::Limits) -> Result<Source, Diagnostic> {
        let doc = source::parse(&page.src.text, page.body_start);
        let (depth, at) = doc.nesting;
        if depth > limits.nesting_depth {
            return Err(Diagnostic::error(
                crate::diag::Rule::Limit.code(),
                format!(
                    "lists and block quotes nest {depth} deep here, over the limit of {} ([limits] nesting_depth)",
                    limits.nesting_depth
                ),
            )
            .at_offset(&page.src, at, 1)
            .help("flatten the nesting, or raise nesting_depth under [limits] in site.toml"));
        }
        Ok(Source { page, doc })
    }

    /// The hash a whole-page translation of this page records as its
    /// `source_hash` ([`load::whole::source_hash`]).
    pub fn hash(&self) -> String {
        load::whole::source_hash(self.page.front.title.as_deref(), self.page.body())
    }
}

/// A locale page, segmented and aligned with its source (if there is one).
#[derive(Debug)]
pub struct Translation {
    pub page: Page,
    pub sxs: SxsDoc,
    /// The alignment with the source page; `None` without a source page
    /// and for a whole-page translation.
    pub alignment: Option<Alignment>,
    /// Set for a whole-page translation of a source page.
    pub whole: Option<WholePage>,
}

impl Translation {
    /// Units of source text by status: from the alignment, or for a
    /// whole-page translation, all of them translated or stale (see
    /// [`WholePage::counts`]). `None` without a source page.
    pub fn counts(&self) -> Option<align::Counts> {
        match (&self.whole, &self.alignment) {
            (Some(w), _) => Some(w.counts()),
            (None, Some(al)) => Some(al.counts()),
            (None, None) => None,
        }
    }
}

/// A whole-page translation: a locale page with text but not a single sxs
/// span, written as a translation of the whole English page (as one would
/// for Hugo or Zola). It is rendered as written, checked by its structure,
/// and is current when its front matter's `source_hash` is the hash of the
/// English page now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WholePage {
    /// `source_hash` from the front matter, if it has one.
    pub recorded: Option<String>,
    /// The hash of the English page now ([`load::whole::source_hash`]).
    pub current: String,
    /// The units of source text of the English page.
    pub units: usize,
}

impl WholePage {
    /// The recorded hash is the English page's hash now.
    pub fn is_current(&self) -> bool {
        self.recorded
            .as_deref()
            .is_some_and(|r| load::whole::same_hash(r, &self.current))
    }

    /// The English page's units: translated when the translation is
    /// current, stale otherwise (also without `source_hash`: nothing says
    /// it is current).
    pub fn counts(&self) -> align::Counts {
        if self.is_current() {
            align::Counts {
                translated: self.units,
                ..Default::default()
            }
        } else {
            align::Counts {
                stale: self.units,
                ..Default::default()
            }
        }
    }
}

/// True for a whole-page translation: a body with text and no sxs span
/// (neither a segment nor a broken one).
pub fn is_whole_page(page: &Page, sxs: &SxsDoc) -> bool {
    sxs.segments.is_empty() && sxs.diagnostics.is_empty() && !page.body().trim().is_empty()
}

/// Where a page is published: its folder relative to the locale root
/// (`events/4031-dispatchsessionfailed/`, or `events/` for `events/index.md`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageUrl {
    pub dir: String,
}

/// A loaded site.
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub inventory: Inventory,
    /// Every page path's URL.
    pub urls: BTreeMap<String, PageUrl>,
    /// Parsed source pages by page path.
    pub sources: BTreeMap<String, Arc<Source>>,
    /// Warnings found while loading.
    pub warnings: Vec<Diagnostic>,
    /// Content errors found while loading (broken source pages, bad
    /// slugs); `build` fails on them, `check` reports them.
    pub errors: Vec<Diagnostic>,
    /// The navigation tree, from `toc.yml` files or folders and titles.
    pub toc: toc::Toc,
    includes: Mutex<IncludeCache>,
}

/// Resolved includes by (locale, include path).
type IncludeCache = HashMap<(usize, String), Option<Arc<Included>>>;

/// The folder of a page path: `events/x.md` → `events/`.
pub fn parent_dir(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..=i])
}

/// Checks a slug is one safe path segment.
fn check_slug(slug: &str) -> std::result::Result<(), &'static str> {
    if slug.is_empty() {
        return Err("it is empty");
    }
    if slug.contains(['/', '\\']) || slug == ".." || slug.starts_with('.') || slug.contains('\0') {
        return Err("it would leave the page's folder (slugs are a single name without `/`, `\\` or a leading `.`)");
    }
    if slug.chars().any(|c| c.is_control()) {
        return Err("it contains control characters");
    }
    Ok(())
}

impl Site {
    /// Reads `site.toml`, walks `content/` and parses every source page.
    pub fn open(root: &Path) -> Result<Site> {
        let config = Config::load(root)?;
        Site::load(root, config)
    }

    /// Walks the content and parses every source page, with `config`.
    /// Broken source pages do not stop loading: they are left out and
    /// listed in [`Site::errors`].
    pub fn load(root: &Path, config: Config) -> Result<Site> {
        let inventory = load::walk(&config, root)?;
        let results: Vec<(String, std::result::Result<Source, Diagnostic>)> = inventory
            .pages
            .par_iter()
            .filter_map(|(rel, files)| {
                let (_, path) = files.iter().find(|(l, _)| *l == 0)?;
                let read = if inventory.includes.contains(rel) {
                    load::read_include(root, path, 0, rel, &config.limits)
                } else {
                    load::read_page(root, path, 0, rel, &config.limits)
                };
                Some((rel.clone(), read.and_then(|p| Source::from_page(p, &config.limits))))
            })
            .collect();
        let mut errors = Vec::new();
        let mut warnings = inventory.warnings.clone();
        let mut sources = BTreeMap::new();
        for (rel, r) in results {
            match r {
                Ok(src) => {
                    warnings.extend(src.page.warnings.iter().cloned());
                    sources.insert(rel, Arc::new(src));
                }
                Err(d) => errors.push(d),
            }
        }

        // URLs: the source page's slug (or file name) decides them for
        // every locale.
        let mut urls = BTreeMap::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        for rel in inventory.pages.keys().filter(|rel| !inventory.includes.contains(*rel)) {
            let dir = parent_dir(rel);
            let stem = rel[dir.len()..].trim_end_matches(".md");
            let (slug, slug_loc) = match sources
                .get(rel)
                .and_then(|s| s.page.front.slug.as_ref().map(|slug| (slug.clone(), s)))
            {
                Some((slug, s)) => {
                    let off = s.page.src.text[..s.page.body_start].find("slug:").unwrap_or(0);
                    (slug, Some(s.page.src.location(off)))
                }
                None => (stem.to_string(), None),
            };
            if let Err(why) = check_slug(&slug) {
                let loc = slug_loc.unwrap_or_else(|| Location::file(format!("content/{}/{rel}", config.source_locale)));
                errors.push(
                    Diagnostic::error(
                        "slug",
                        format!("slug `{slug}` would escape the output directory: {why}"),
                    )
                    .at(loc)
                    .help("use a plain name such as `slug: my-page`"),
                );
                continue;
            }
            let url = if stem == "index" && slug == "index" {
                dir.to_string()
            } else {
                format!("{dir}{slug}/")
            };
            if let Some(other) = seen.insert(url.clone(), rel.clone()) {
                errors.push(
                    Diagnostic::error(
                        "slug",
                        format!("`{rel}` and `{other}` would both be published at `{url}`"),
                    )
                    .at(Location::file(format!("content/{}/{rel}", config.source_locale)))
                    .help("give one of them another file name or `slug:`"),
                );
                continue;
            }
            urls.insert(rel.clone(), PageUrl { dir: url });
        }
        errors.sort_by(|a, b| a.location.cmp(&b.location));
        let toc = toc::build(root, &config, &inventory, &urls, &sources);
        Ok(Site {
            root: root.to_path_buf(),
            config,
            inventory,
            urls,
            sources,
            warnings,
            errors,
            toc,
            includes: Mutex::new(HashMap::new()),
        })
    }

    /// Reads, segments and aligns the page `rel` of locale `locale`.
    pub fn translation(&self, rel: &str, locale: usize) -> Option<std::result::Result<Translation, Diagnostic>> {
        self.translation_with(rel, locale, &mut align::Cache::default())
    }

    /// [`Site::translation`], reusing `cache` across the locales of a page.
    pub fn translation_with(
        &self,
        rel: &str,
        locale: usize,
        cache: &mut align::Cache,
    ) -> Option<std::result::Result<Translation, Diagnostic>> {
        Some(self.read(rel, locale)?.map(|page| self.align_page(page, cache)))
    }

    /// Reads the file of page (or include) `rel` in locale `locale`.
    pub fn read(&self, rel: &str, locale: usize) -> Option<std::result::Result<Page, Diagnostic>> {
        let path = self.inventory.file(rel, locale)?;
        let read = if self.is_include(rel) {
            load::read_include
        } else {
            load::read_page
        };
        Some(read(&self.root, path, locale, rel, &self.config.limits))
    }

    /// Segments a loaded locale page and aligns it with its source page.
    pub fn align_page(&self, page: Page, cache: &mut align::Cache) -> Translation {
        let sxs = sxs::parse_with(&page.src, page.body_start, &self.config.limits);
        let src = self.sources.get(&page.rel);
        let whole = src.filter(|_| is_whole_page(&page, &sxs)).map(|s| WholePage {
            recorded: page.front.source_hash.clone(),
            current: s.hash(),
            units: align::align_with(&s.page.src.text, &s.doc, "", &SxsDoc::default(), cache)
                .units
                .len(),
        });
        let alignment = src
            .filter(|_| whole.is_none())
            .map(|s| align::align_with(&s.page.src.text, &s.doc, &page.src.text, &sxs, cache));
        Translation {
            page,
            sxs,
            alignment,
            whole,
        }
    }

    /// Resolves `--locale` codes to locale indexes; unknown codes are a usage
    /// error naming the known ones. A selection always holds the source
    /// locale: every translation's fallbacks (untranslated neighbours, the
    /// site-wide dashboard, `x-default`) link to it.
    pub fn select_locales(&self, wanted: &[String]) -> Result<Vec<usize>> {
        let all: Vec<usize> = (0..self.config.locales.len()).collect();
        if wanted.is_empty() {
            return Ok(all);
        }
        let mut out = vec![0];
        for w in wanted
            .iter()
            .flat_map(|w| w.split(','))
            .map(str::trim)
            .filter(|w| !w.is_empty())
        {
            match self.config.locales.iter().position(|l| l.code == w) {
                Some(i) => {
                    if !out.contains(&i) {
                        out.push(i);
                    }
                }
                None => {
                    let known: Vec<&str> = self.config.locales.iter().map(|l| l.code.as_str()).collect();
                    return Err(crate::diag::Error::Usage(format!(
                        "--locale {w}: not a locale of this site (known: {})",
                        known.join(", ")
                    )));
                }
            }
        }
        out.sort();
        Ok(out)
    }

    /// The page paths of the site, sorted.
    pub fn page_paths(&self) -> impl Iterator<Item = &String> {
        self.urls.keys()
    }

    /// True when `rel` is an include file rather than a page.
    pub fn is_include(&self, rel: &str) -> bool {
        self.inventory.includes.contains(rel)
    }

    /// True when locale `locale` has page `rel`.
    pub fn has_page(&self, rel: &str, locale: usize) -> bool {
        self.inventory.file(rel, locale).is_some()
    }

    /// The files every page may depend on besides its own: the include
    /// files of every locale and the toc.yml files (for the build cache:
    /// any change to one re-renders every page).
    pub fn include_paths(&self) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = self
            .inventory
            .includes
            .iter()
            .filter_map(|rel| self.inventory.pages.get(rel))
            .flatten()
            .map(|(_, p)| p.clone())
            .chain(self.inventory.tocs.iter().map(|(_, _, p)| p.clone()))
            .collect();
        paths.sort();
        paths
    }

    /// What the include token `[!INCLUDE[name](path)]` of page `rel` shows
    /// in `locale`. An include file of the site (`[markdown] include_dirs`,
    /// or any Markdown file of the content) is the locale's own, aligned
    /// with the English include like a page, when the locale has it; else
    /// the English include, marked as a fallback. A path outside the
    /// content, or no file at all: the text given under `[includes]`.
    pub fn include(&self, locale: usize, rel: &str, name: &str, path: &str) -> Option<Arc<Included>> {
        let path = path.split(['#', '?']).next().unwrap_or(path);
        let target = match path.strip_prefix("~/") {
            Some(p) => join_rel("", p),
            None => join_rel(parent_dir(rel), path),
        };
        let found = target.filter(|t| self.inventory.pages.contains_key(t)).and_then(|t| {
            let key = (locale, t);
            if let Some(hit) = self.includes.lock().ok()?.get(&key) {
                return hit.clone();
            }
            // Resolved without the lock (it reads and aligns a file), so
            // pages on other threads are not held up; if two resolve the
            // same include at once, the first one stored is kept.
            let resolved = self.resolve_include(locale, &key.1).map(Arc::new);
            self.includes.lock().ok()?.entry(key).or_insert(resolved).clone()
        });
        found.or_else(|| {
            self.config.includes.get(name).map(|text| {
                Arc::new(Included {
                    markdown: text.clone(),
                    translated: false,
                    fallback: false,
                    key: format!("[includes] {name}"),
                })
            })
        })
    }

    fn resolve_include(&self, locale: usize, target: &str) -> Option<Included> {
        let english = self.sources.get(target);
        let key = target.to_string();
        if locale != 0
            && let Some(Ok(tr)) = self.translation(target, locale)
        {
            let text = tr.page.src.text.as_str();
            let markdown = match (english, &tr.alignment) {
                (Some(src), Some(al)) => {
                    let en = src.page.src.text.as_str();
                    let mut md = String::with_capacity(en.len());
                    let mut pos = src.page.body_start;
                    for u in &al.units {
                        if u.range.start < pos {
                            continue;
                        }
                        md.push_str(&en[pos..u.range.start]);
                        if u.status == align::Status::Missing {
                            md.push_str(&en[u.range.clone()]);
                        } else {
                            let parts: Vec<&str> = u.segments.iter().map(|&s| tr.sxs.segments[s].text(text)).collect();
                            md.push_str(&parts.join(" "));
                        }
                        pos = u.range.end;
                    }
                    md.push_str(&en[pos..]);
                    md
                }
                _ => tr
                    .sxs
                    .pieces(tr.page.body_start, text.len())
                    .into_iter()
                    .map(|p| match p {
                        sxs::Piece::Plain(r) => &text[r],
                        sxs::Piece::Segment(i) => tr.sxs.segments[i].text(text),
                    })
                    .collect(),
            };
            return Some(Included {
                markdown: markdown.trim().to_string(),
                translated: true,
                fallback: false,
                key,
            });
        }
        english.map(|src| Included {
            markdown: src.page.body().trim().to_string(),
            translated: false,
            fallback: locale != 0,
            key,
        })
    }
}

/// The Markdown an include token stands for, in one locale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Included {
    pub markdown: String,
    /// It holds translated text: untrusted, its raw HTML is sanitised.
    pub translated: bool,
    /// English shown in a translation that lacks the include: marked.
    pub fallback: bool,
    /// The include file (or `[includes]` entry), to detect cycles.
    pub key: String,
}

/// Resolves `.` and `..` without touching the file system.
pub fn normalize_path(p: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

/// Joins a `/`-separated relative `path` onto folder `dir` (ending in `/`
/// or empty), resolving `.` and `..`; `None` if it climbs above the root.
pub fn join_rel(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// What a URL path segment keeps as it is: RFC 3986's unreserved
/// characters. Everything else, every byte of a non-ASCII letter included,
/// is percent-encoded, so a URL is valid in `href`, in `sitemap.xml` (which
/// wants encoded URLs) and in a search result alike.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A `/`-separated output path (as the files are named on disk) as a URL
/// path: each segment percent-encoded, the `/` between them kept. Every URL
/// locdoc writes to a page or an output file goes through here.
pub fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for (i, seg) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.extend(utf8_percent_encode(seg, SEGMENT));
    }
    out
}

/// The absolute URL of output path `path` under `base_url` (ending in `/`).
pub fn absolute_url(base_url: &str, path: &str) -> String {
    format!("{base_url}{}", url_path(path))
}

/// The relative URL from folder `from` to `to` (both output paths relative
/// to the output root, as on disk; folders end in `/`), percent-encoded.
pub fn relative_url(from: &str, to: &str) -> String {
    let f: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let t: Vec<&str> = to.split('/').collect();
    let mut common = 0;
    while common < f.len() && common + 1 < t.len() && f[common] == t[common] {
        common += 1;
    }
    let mut out = "../".repeat(f.len() - common);
    out.push_str(&url_path(&t[common..].join("/")));
    if out.is_empty() {
        out.push_str("./");
    }
    out
}

#[cfg(test)]
mod tests;
