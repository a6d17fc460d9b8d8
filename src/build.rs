//! Build: the whole pipeline for `locdoc build`.
//!
//! load the site (config, inventory, English sources) → for every page
//! group in parallel: read each translation, segment, align, render, write
//! into the staging folder → index pages, theme and site assets → swap the
//! staging folder in (or, for an incremental build, move the files that
//! changed into the output). Content errors are collected from every page
//! before the build fails, and a failed build leaves the previous output in
//! place.

pub mod cache;
mod pages;
mod progress;
pub use pages::{copy_assets, write_review, write_site_pages};

pub use progress::Progress;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::align::Counts;
use crate::diag::{Diagnostic, Error, Result, Severity};
use crate::render::dashboard::SiteStatus;
use crate::render::site_pages::SiteFacts;
use crate::render::{I18n, PageSummary, Renderer, Templates};
use crate::site::Site;
use crate::write::{Sink, Staging};

/// What to build.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// The site root (where `site.toml` is).
    pub root: PathBuf,
    /// Output folder instead of `output_dir` from `site.toml`.
    pub out: Option<PathBuf>,
    /// Content folder instead of `content_dir` from `site.toml`.
    pub content: Option<PathBuf>,
    /// Only these locales (codes); empty for all.
    pub locales: Vec<String>,
    /// Fail (exit 1) when there are warnings.
    pub deny_warnings: bool,
    /// Also write the review view (`_review/<locale>/…`), as `serve` shows it.
    pub review: bool,
    /// Skip the search index and search pages even if `site.toml` asks for them.
    pub no_search: bool,
    /// Render every page, without the incremental build cache
    /// (`.locdoc-cache/`), and leave no cache behind.
    pub no_cache: bool,
    /// Where the build counts its pages as it goes, for a progress display.
    pub progress: Option<std::sync::Arc<Progress>>,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub out: PathBuf,
    /// Pages written, per locale code (source locale first).
    pub pages: Vec<(String, usize)>,
    /// Unit counts per locale code (translations only).
    pub counts: Vec<(String, Counts)>,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// Staging folders of interrupted builds (killed ones) removed from
    /// beside the output.
    pub stale_removed: usize,
    /// Pages taken unchanged from the previous output (incremental build).
    pub reused: usize,
}

impl BuildReport {
    pub fn total_pages(&self) -> usize {
        self.pages.iter().map(|(_, n)| n).sum()
    }
}

/// Builds the site at `opts.root`.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let (site, out) = load(opts)?;
    let locales = site.select_locales(&opts.locales)?;
    // The review view is not cached: such a build renders everything.
    let mut inc = (!opts.review && !opts.no_cache).then(|| cache::Incremental::open(&site, &out, &locales));
    // With a cache that describes the output, the output is updated in
    // place: the pages taken from it are not touched.
    let update = inc.as_mut().and_then(|i| i.take_old_outputs());
    let search = std::sync::Mutex::new(None);
    let commit = Commit {
        update,
        before: &|| {
            if let Some(i) = &inc {
                i.invalidate();
            }
        },
    };
    let (report, outputs) = build_site(
        &site,
        &out,
        opts,
        &|renderer, locales, sink| {
            let progress = opts.progress.as_deref();
            let (rendered, indexes) = cache::render_cached(renderer, locales, sink, inc.as_ref(), progress)?;
            if let Ok(mut s) = search.lock() {
                *s = Some(indexes);
            }
            Ok(rendered)
        },
        started,
        commit,
    )?;
    let mut report = report;
    if let Some(inc) = inc {
        report.reused = inc.reused.load(std::sync::atomic::Ordering::Relaxed);
        let indexes = search.into_inner().ok().flatten().unwrap_or_default();
        inc.save(&site, indexes, outputs);
    }
    Ok(report)
}

/// How a build renders its pages into the staging folder: all of them
/// ([`build`]), or a part (a shard).
pub type RenderStep<'a> = dyn Fn(&Renderer, &[usize], &dyn Sink) -> Result<Rendered> + 'a;

/// A build whose pages `render` renders: loads the site, renders into a
/// staging folder (and the review view, if asked), fails on content errors
/// (and on warnings with `deny_warnings`) leaving the previous output as it
/// was, else swaps the staging folder in.
pub fn run(opts: &BuildOptions, render: &RenderStep) -> Result<BuildReport> {
    let started = Instant::now();
    let (site, out) = load(opts)?;
    let commit = Commit {
        update: None,
        before: &|| {},
    };
    build_site(&site, &out, opts, render, started, commit).map(|(r, _)| r)
}

/// How [`build_site`] puts the new output in place.
struct Commit<'a> {
    /// Update the output in place: the files it holds (else a new output
    /// folder replaces it).
    update: Option<Vec<String>>,
    /// Called once the build succeeded, before the output changes.
    before: &'a dyn Fn(),
}

/// Loads the site of `opts` and says where its output goes.
pub fn load(opts: &BuildOptions) -> Result<(Site, PathBuf)> {
    let mut config = crate::config::Config::load_with_content(&opts.root, opts.content.as_deref())?;
    if opts.no_search {
        config.build.search = false;
    }
    let site = Site::load(&opts.root, config)?;
    let out = opts.out.clone().unwrap_or_else(|| site.config.output_dir.clone());
    check_out(&site, &out)?;
    Ok((site, out))
}

/// Refuses an output folder that holds the site's content.
fn check_out(site: &Site, out: &Path) -> Result<()> {
    let out_abs = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    if site.config.content_dir.starts_with(&out_abs) || out_abs == site.root {
        return Err(Error::Usage(format!(
            "--out {}: the output folder may not contain the site's content",
            out.display()
        )));
    }
    Ok(())
}

/// Builds a site [`load`]ed from `opts` into `out`; returns what it did and
/// every file of the new output.
fn build_site(
    site: &Site,
    out: &Path,
    opts: &BuildOptions,
    render: &RenderStep,
    started: Instant,
    commit: Commit,
) -> Result<(BuildReport, Vec<String>)> {
    let locales = site.select_locales(&opts.locales)?;
    let i18n = I18n::load(&site.config, &site.root)?;
    let templates = Templates::load(&site.config.templates_dir, &site.root)?;
    let renderer = Renderer::new(site, &i18n, &templates).for_locales(&locales);
    let staging = match commit.update {
        Some(files) => Staging::update(out, files)?,
        None => Staging::new(out)?,
    };
    let rendered = render(&renderer, &locales, &staging)?;
    if opts.review {
        write_review(&renderer, &locales, &staging)?;
    }
    let mut errors = rendered.errors;
    let mut warnings = rendered.warnings;
    if !errors.is_empty() {
        errors.sort_by(|a, b| a.location.cmp(&b.location));
        return Err(Error::Content(errors));
    }
    if opts.deny_warnings && !warnings.is_empty() {
        for w in &mut warnings {
            w.severity = Severity::Error;
        }
        return Err(Error::Content(warnings));
    }
    let stale_removed = staging.stale_removed();
    (commit.before)();
    let outputs = staging.commit()?;
    let mut report = report(
        site,
        &locales,
        &rendered.summaries,
        &rendered.status,
        warnings,
        out,
        started,
    );
    report.stale_removed = stale_removed;
    Ok((report, outputs))
}

/// What a build did, from the pages it wrote; the unit counts are the
/// dashboard's, which are `check`'s (one code path for the figures).
pub fn report(
    site: &Site,
    locales: &[usize],
    summaries: &[PageSummary],
    status: &SiteStatus,
    warnings: Vec<Diagnostic>,
    out: &Path,
    started: Instant,
) -> BuildReport {
    let mut pages = Vec::new();
    let mut counts = Vec::new();
    for &l in locales {
        let code = site.config.locales[l].code.clone();
        pages.push((code.clone(), summaries.iter().filter(|s| s.locale == l).count()));
        if l != 0 {
            let c = status
                .locales
                .iter()
                .find(|s| s.locale == code)
                .map(|s| s.units)
                .unwrap_or_default();
            counts.push((code, c));
        }
    }
    BuildReport {
        out: out.to_path_buf(),
        pages,
        counts,
        warnings,
        elapsed: started.elapsed(),
        stale_removed: 0,
        reused: 0,
    }
}

/// What rendering a whole site produced.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Every page written, sorted by locale and path.
    pub summaries: Vec<PageSummary>,
    pub warnings: Vec<Diagnostic>,
    /// Content errors (pages that could not be read); nothing else stops
    /// the other pages from rendering.
    pub errors: Vec<Diagnostic>,
    /// What `locdoc check` finds in each translation rendered, by locale
    /// and page path (`check::assemble` makes them a report).
    pub checks: Vec<(usize, String, crate::check::PageResult)>,
    /// What the status dashboard shows of those checks.
    pub status: SiteStatus,
    /// The dashboard's share of the pages taken from the incremental
    /// build cache (added to `status` once the pages are rendered).
    pub reused_status: Vec<SiteStatus>,
    /// The search records of the pages taken from the cache.
    pub reused_records: Vec<crate::search::Record>,
}

/// A page rendered into a sink: its summary and warnings.
pub struct PageOutcome {
    pub path: String,
    pub summary: PageSummary,
    pub warnings: Vec<Diagnostic>,
    /// The check of a translation, from the same reading of the page.
    pub check: Option<crate::check::PageResult>,
}

/// What rendering one page gave: `None` when the locale does not have the
/// page; a page that cannot be read is `Err(Ok(diag))`; a template or write
/// failure is `Err(Err(error))`.
pub type PageResult = Option<std::result::Result<PageOutcome, Result<Diagnostic>>>;

/// Reads, aligns and renders page `rel` of `locale` into `sink`. `None`
/// when the locale does not have the page (or, for the source locale, the
/// source page failed to load). A page that cannot be read is `Err(Ok(diag))`;
/// a template or write failure is `Err(Err(error))`. A panic while doing so
/// (a bug) is an error of that page: the other pages are still rendered.
pub fn render_page(
    renderer: &Renderer,
    rel: &str,
    locale: usize,
    sink: &dyn Sink,
    memo: &mut crate::check::Memo,
) -> PageResult {
    // The page's output is written last, so a panic leaves none behind;
    // the memo may be half-updated, so it starts over.
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        render_one(renderer, rel, locale, sink, memo)
    }));
    caught.unwrap_or_else(|payload| {
        *memo = crate::check::Memo::default();
        let site = renderer.site;
        let file = site
            .inventory
            .file(rel, locale)
            .map(|p| crate::diag::display_path(&site.root, p))
            .unwrap_or_else(|| format!("{}/{rel}", site.config.locales[locale].code));
        let d = Diagnostic::panicked("rendering this page", &*payload).at(crate::diag::Location::file(file));
        Some(Err(Ok(d)))
    })
}

fn render_one(
    renderer: &Renderer,
    rel: &str,
    locale: usize,
    sink: &dyn Sink,
    memo: &mut crate::check::Memo,
) -> PageResult {
    let site = renderer.site;
    let path = renderer.output_path(rel, locale)?;
    let src = site.sources.get(rel).map(|s| s.as_ref());
    let mut warnings = Vec::new();
    let mut check = None;
    let page = if locale == 0 {
        match renderer.source_page(rel, src?) {
            Ok(p) => p,
            Err(e) => return Some(Err(Err(e))),
        }
    } else {
        let tr = match site.translation_with(rel, locale, &mut memo.align)? {
            Err(d) => return Some(Err(Ok(d))),
            Ok(tr) => tr,
        };
        warnings.extend(tr.page.warnings.iter().cloned());
        warnings.extend(tr.sxs.diagnostics.iter().cloned());
        check = Some(crate::check::check_translation(site, &tr, memo));
        match renderer.translated_page(rel, src, &tr) {
            Ok(p) => p,
            Err(e) => return Some(Err(Err(e))),
        }
    };
    if let Err(e) = sink.write(&path, page.html.as_bytes()) {
        return Some(Err(Err(e)));
    }
    warnings.extend(page.warnings);
    Some(Ok(PageOutcome {
        path,
        summary: PageSummary {
            rel: rel.to_string(),
            locale,
            title: page.title,
            counts: page.counts,
            event: page.event,
        },
        warnings,
        check,
    }))
}

/// Renders every page of `locales` in parallel, then the site-wide pages,
/// the assets and the search index, into `sink`. Content errors are
/// collected, not fatal; template and write errors stop the build.
pub fn render_all(renderer: &Renderer, locales: &[usize], sink: &dyn Sink) -> Result<Rendered> {
    render_site(renderer, locales, sink, true)
}

/// [`render_all`]; without `keep_checks` the per-page checks are dropped
/// once the dashboard's figures are taken from them (a build needs no more,
/// and the site-wide pages and the search index are its peak of memory).
fn render_site(renderer: &Renderer, locales: &[usize], sink: &dyn Sink, keep_checks: bool) -> Result<Rendered> {
    let collecting = collecting(renderer.site, sink);
    let page_sink: &dyn Sink = match &collecting {
        Some(c) => c,
        None => sink,
    };
    let mut out = render_pages(renderer, locales, &|_| true, page_sink)?;
    if !keep_checks {
        out.checks = Vec::new();
    }
    let search = collecting.map(|c| c.collector.into_pages());
    finish(renderer, locales, &out.summaries, &out.status, search.as_deref(), sink)?;
    Ok(out)
}

/// A sink that keeps the pages to index for search, when the site has search.
pub fn collecting<'a>(site: &Site, sink: &'a dyn Sink) -> Option<crate::search::Collecting<'a>> {
    site.config.build.search.then(|| crate::search::Collecting {
        inner: sink,
        collector: Default::default(),
        max_bytes: site.config.limits.indexed_bytes,
    })
}

/// The site-wide pages, the assets and the search index (from the pages
/// collected for it), once every page is rendered.
pub fn finish(
    renderer: &Renderer,
    locales: &[usize],
    summaries: &[PageSummary],
    status: &SiteStatus,
    search: Option<&[crate::search::Record]>,
    sink: &dyn Sink,
) -> Result<()> {
    finish_with(renderer, locales, summaries, status, search, sink, None).map(|_| ())
}

/// [`finish`], taking the search index of a language none of whose pages
/// changed from the previous output `inc` describes.
fn finish_with(
    renderer: &Renderer,
    locales: &[usize],
    summaries: &[PageSummary],
    status: &SiteStatus,
    search: Option<&[crate::search::Record]>,
    sink: &dyn Sink,
    inc: Option<&cache::Incremental>,
) -> Result<std::collections::BTreeMap<String, crate::search::LanguageIndex>> {
    write_site_pages(renderer, locales, summaries, status, sink)?;
    copy_assets(renderer, locales, sink)?;
    let Some(pages) = search else {
        return Ok(Default::default());
    };
    let empty = Default::default();
    let (previous, old_out) = match inc {
        Some(i) => (i.old_search(), i.old_out.as_deref()),
        None => (&empty, None),
    };
    crate::search::write_index(pages, !renderer.site.config.build.pretty_urls, sink, previous, old_out)
}

/// Renders the pages of `locales` whose paths `part` accepts, in parallel,
/// into `sink`, and checks each translation in the same pass.
pub fn render_pages(
    renderer: &Renderer,
    locales: &[usize],
    part: &(dyn Fn(&str) -> bool + Sync),
    sink: &dyn Sink,
) -> Result<Rendered> {
    render_pages_with(renderer, locales, part, sink, None, None)
}

/// [`render_pages`], taking from the previous output the pages whose key
/// is the one `inc` has for them, and keeping each page for the next build.
fn render_pages_with(
    renderer: &Renderer,
    locales: &[usize],
    part: &(dyn Fn(&str) -> bool + Sync),
    sink: &dyn Sink,
    inc: Option<&cache::Incremental>,
    progress: Option<&Progress>,
) -> Result<Rendered> {
    use std::sync::atomic::Ordering::Relaxed;
    let site = renderer.site;
    let rels: Vec<&String> = site.page_paths().filter(|r| part(r)).collect();
    if let Some(p) = progress {
        p.total.store(rels.len() * locales.len(), Relaxed);
    }
    let results: Vec<Result<Rendered>> = rels
        .par_iter()
        .map(|rel| {
            let mut o = Rendered::default();
            let mut memo = crate::check::Memo::default();
            for &locale in locales {
                let key = match inc.map(|i| cache::lookup(i, renderer, rel, locale)) {
                    Some(cache::Lookup::Reuse { path, file, entry }) => {
                        sink.link(&file, &path)?;
                        let mut entry = *entry;
                        o.summaries.push(entry.summary.clone());
                        o.reused_status.push(entry.status.clone());
                        // Lent to the search index, which gives it back
                        // (`Incremental::fill_records`): held once.
                        o.reused_records.extend(entry.record.take());
                        if let Some(i) = inc {
                            i.keep(path, entry);
                        }
                        continue;
                    }
                    Some(cache::Lookup::Render(key)) => key,
                    None => None,
                };
                match render_page(renderer, rel, locale, sink, &mut memo) {
                    None if locale != 0 => {
                        if let Some(r) = crate::check::missing_page(site, rel, locale) {
                            o.checks.push((locale, (*rel).clone(), r));
                        }
                    }
                    None => {}
                    Some(Ok(p)) => {
                        if let (Some(i), Some(key)) = (inc, key)
                            && p.warnings.is_empty()
                        {
                            let status = SiteStatus::from_checks(site, &[locale], p.check.iter().map(|r| (locale, r)));
                            let entry = cache::Entry {
                                key,
                                summary: p.summary.clone(),
                                status,
                                record: None,
                            };
                            i.keep(p.path.clone(), entry);
                        }
                        o.summaries.push(p.summary);
                        o.warnings.extend(p.warnings);
                        if let Some(r) = p.check {
                            o.checks.push((locale, (*rel).clone(), r));
                        }
                    }
                    Some(Err(Ok(d))) => o.errors.push(d),
                    Some(Err(Err(e))) => return Err(e),
                }
            }
            if let Some(p) = progress {
                p.done.fetch_add(locales.len(), Relaxed);
            }
            Ok(o)
        })
        .collect();
    // Include files are not pages, but their translations are checked.
    let includes: Vec<&String> = site.inventory.includes.iter().filter(|r| part(r)).collect();
    let include_checks: Vec<(usize, String, crate::check::PageResult)> = includes
        .par_iter()
        .flat_map_iter(|rel| {
            let mut memo = crate::check::Memo::default();
            locales
                .iter()
                .filter(|&&l| l != 0)
                .filter_map(|&l| crate::check::check_page(site, rel, l, &mut memo).map(|r| (l, (*rel).clone(), r)))
                .collect::<Vec<_>>()
        })
        .collect();
    // Broken source pages are reported with the broken translations.
    let mut out = Rendered {
        errors: site.errors.clone(),
        warnings: site.warnings.clone(),
        ..Rendered::default()
    };
    for r in results {
        let o = r?;
        out.summaries.extend(o.summaries);
        out.warnings.extend(o.warnings);
        out.errors.extend(o.errors);
        out.checks.extend(o.checks);
        out.reused_status.extend(o.reused_status);
        out.reused_records.extend(o.reused_records);
    }
    out.checks.extend(include_checks);
    out.warnings
        .sort_by(|a, b| (&a.location, a.code, &a.message).cmp(&(&b.location, b.code, &b.message)));
    out.warnings.dedup();
    out.summaries
        .sort_by(|a, b| (a.locale, &a.rel).cmp(&(b.locale, &b.rel)));
    out.status = SiteStatus::from_checks(site, locales, out.checks.iter().map(|(l, _, r)| (*l, r)));
    for s in std::mem::take(&mut out.reused_status) {
        out.status.add(s);
    }
    Ok(out)
}
