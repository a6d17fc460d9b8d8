//! Check: the CI gate for translations. For every locale page, against the
//! current English source page, it reports missing, stale, orphaned and
//! untranslated segments, damaged placeholders and formatting, malformed
//! spans and front-matter problems, each with a rule code, a severity,
//! file:line:column, the segment ID and what to do. It reuses load, segment
//! and align, and never renders HTML.
//!
//! - [`rules`]: what is compared inside a segment.
//! - [`baseline`]: known findings that should not fail CI.

mod anchors;
pub mod baseline;
mod capped;
mod page;
pub mod rules;
mod source;
pub mod stamp;
mod whole;

use page::from_diag;
pub use page::{Memo, check_page, check_translation, missing_page};

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::align::Counts;
use crate::config::{CheckConfig, FailOn};
pub use crate::diag::Rule;
use crate::diag::{Diagnostic, Error, Location, Result, Severity};
use crate::site::Site;

/// One finding of `check`.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub rule: Rule,
    /// Severity, code (= rule), message, primary location, help, line text.
    pub diag: Diagnostic,
    pub locale: String,
    /// The page path inside the locale folder.
    pub page: String,
    /// The `data-ttu-id` of the segment, if the finding is about one.
    pub segment_id: Option<String>,
    /// The English text concerned (what baselines are keyed on).
    pub english: Option<String>,
    pub translation: Option<String>,
    /// The place in the English source page, when the primary location is
    /// in the locale page.
    pub related: Option<Location>,
    /// The segment concerned, by its index in the page's sxs segments.
    #[serde(skip)]
    pub segment: Option<usize>,
    /// The unit of source text concerned (a missing one), by its index in
    /// the page's alignment.
    #[serde(skip)]
    pub unit: Option<usize>,
    /// For the note that stands for the findings of a page past `[limits]
    /// findings_per_page`: how many of this rule it stands for (else 0).
    #[serde(skip)]
    pub omitted: usize,
}

impl Finding {
    /// A finding of `diag` that names no segment or unit: `english` is what
    /// the baseline compares.
    pub(crate) fn of_page(rule: Rule, diag: Diagnostic, locale: &str, page: &str, english: String) -> Finding {
        Finding {
            rule,
            diag,
            locale: locale.to_string(),
            page: page.to_string(),
            segment_id: None,
            english: Some(english),
            translation: None,
            related: None,
            segment: None,
            unit: None,
            omitted: 0,
        }
    }

    pub fn severity(&self) -> Severity {
        self.diag.severity
    }

    /// How many findings this one counts for in totals: one, or for the
    /// note past `[limits] findings_per_page`, the findings it stands for.
    pub fn weight(&self) -> usize {
        self.omitted.max(1)
    }

    /// Renders the finding like rustc, with the English source location as a note.
    pub fn render(&self, color: bool) -> String {
        let mut out = self.diag.render(color);
        if let Some(r) = &self.related {
            out.push_str(&format!("\n   = note: English source: {r}"));
        }
        out
    }
}

/// Per-locale totals.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LocaleSummary {
    pub locale: String,
    /// Pages of this locale that were checked.
    pub pages: usize,
    /// Source pages without a translation in this locale.
    pub pages_missing: usize,
    /// Pages of this locale that are whole-page translations (no sxs
    /// spans; see [`crate::site::WholePage`]).
    #[serde(default)]
    pub pages_whole: usize,
    /// Units of source text by status (missing pages count all their units).
    pub units: Counts,
    /// Findings per rule (after severity overrides and the baseline).
    pub findings: BTreeMap<Rule, usize>,
    /// Findings left out because the baseline has them.
    pub baselined: usize,
    pub min_coverage: Option<f64>,
    /// The pages checked (page paths), for per-page reports.
    #[serde(skip)]
    pub checked: Vec<String>,
}

impl LocaleSummary {
    /// Units with a current translation (translated, or identical on
    /// purpose), in percent.
    pub fn coverage(&self) -> f64 {
        self.units.coverage()
    }

    pub fn below_min_coverage(&self) -> bool {
        self.min_coverage.is_some_and(|m| self.units.coverage_floor() < m)
    }

    /// An empty summary for each translated locale of `locales`, with its
    /// coverage minimum from `[check]`.
    pub fn per_locale(site: &Site, locales: &[usize]) -> BTreeMap<usize, LocaleSummary> {
        let cfg = &site.config;
        let summary = |l: usize| {
            let locale = cfg.locales[l].code.clone();
            let min_coverage = cfg.check.min_coverage.for_locale(&locale);
            LocaleSummary {
                locale,
                min_coverage,
                ..LocaleSummary::default()
            }
        };
        locales.iter().filter(|&&l| l != 0).map(|&l| (l, summary(l))).collect()
    }

    /// Adds one page's result to the totals (the findings are counted by
    /// the caller, after its own filtering). `check`, `build` and the
    /// dashboard all count through here, so their figures agree.
    pub fn count_page(&mut self, r: &PageResult) {
        if r.present {
            self.pages += 1;
        } else {
            self.pages_missing += 1;
        }
        self.pages_whole += usize::from(r.whole);
        self.units.add(&r.counts);
    }
}

/// What `check` found.
#[derive(Clone, Debug, Default)]
pub struct CheckReport {
    /// Sorted by file, line and column.
    pub findings: Vec<Finding>,
    pub locales: Vec<LocaleSummary>,
    pub fail_on: FailOn,
    pub elapsed: Duration,
    /// The site root, as given: the findings' paths are shown relative to
    /// it or to the current folder ([`crate::diag::display_path`]).
    pub root: std::path::PathBuf,
}

impl CheckReport {
    /// Whether a finding makes the check fail.
    pub fn fails(&self, f: &Finding) -> bool {
        match &self.fail_on {
            FailOn::Severity(s) => f.severity() >= *s,
            FailOn::Rules(rules) => rules.contains(&f.rule),
        }
    }

    pub fn failing(&self) -> usize {
        self.findings.iter().filter(|f| self.fails(f)).count()
    }

    /// True when CI should fail: a failing finding or a locale below its
    /// minimum coverage.
    pub fn failed(&self) -> bool {
        self.failing() > 0 || self.locales.iter().any(LocaleSummary::below_min_coverage)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity() == severity).count()
    }
}

/// What to check.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// Only these locales (codes, comma-separated allowed); empty for all.
    pub locales: Vec<String>,
    /// Only pages whose file (English or locale) is one of these paths or
    /// inside one of these folders; empty for all.
    pub paths: Vec<PathBuf>,
}

/// Which (page, locale) pairs the paths given on the command line select.
struct Selection {
    all: bool,
    pages: BTreeSet<(String, usize)>,
}

impl Selection {
    fn new(site: &Site, paths: &[PathBuf]) -> Selection {
        if paths.is_empty() {
            return Selection {
                all: true,
                pages: BTreeSet::new(),
            };
        }
        let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let wanted: Vec<PathBuf> = paths.iter().map(|p| canon(p)).collect();
        let mut pages = BTreeSet::new();
        let n = site.config.locales.len();
        for (rel, files) in &site.inventory.pages {
            for (locale, file) in files {
                let f = canon(file);
                if wanted.iter().any(|w| f.starts_with(w)) {
                    if *locale == 0 {
                        // An English page: all its locales.
                        pages.extend((1..n).map(|l| (rel.clone(), l)));
                    } else {
                        pages.insert((rel.clone(), *locale));
                    }
                }
            }
        }
        Selection { all: false, pages }
    }

    fn contains(&self, rel: &str, locale: usize) -> bool {
        self.all || self.pages.contains(&(rel.to_string(), locale))
    }
}

/// Checks the site. Configuration comes from `site.config.check`.
pub fn check(site: &Site, opts: &CheckOptions) -> Result<CheckReport> {
    let started = Instant::now();
    let mut locales = site.select_locales(&opts.locales)?;
    locales.retain(|&l| l != 0);
    if !opts.locales.is_empty() && locales.is_empty() {
        return Err(Error::Usage(format!(
            "--locale: {} is the source locale; give the locales to check",
            site.config.source_locale
        )));
    }
    if let Some(p) = opts.paths.iter().find(|p| !p.exists()) {
        // A typo in a CI path must not pass the gate with 0 pages.
        return Err(Error::Usage(format!(
            "{}: no such file or folder (paths are relative to the current folder)",
            p.display()
        )));
    }
    let selection = Selection::new(site, &opts.paths);

    let rels: Vec<&String> = site.inventory.pages.keys().collect();
    let per_page: Vec<Vec<(usize, String, PageResult)>> = rels
        .par_iter()
        .map(|rel| {
            let mut memo = Memo::default();
            locales
                .iter()
                .filter(|&&l| selection.contains(rel, l))
                .filter_map(|&l| check_page(site, rel, l, &mut memo).map(|r| (l, (*rel).clone(), r)))
                .collect()
        })
        .collect();
    let mut report = assemble(
        site,
        &locales,
        per_page.into_iter().flatten(),
        &|rel| selection.all || locales.iter().any(|&l| selection.contains(rel, l)),
        &|d| {
            selection.all
                || d.location
                    .as_ref()
                    .is_some_and(|l| opts.paths.iter().any(|p| l.file.contains(&*p.to_string_lossy())))
        },
    );
    report.elapsed = started.elapsed();
    Ok(report)
}

/// The report from per-page results (as `check` and `build` make them),
/// with the source pages' own problems, `[check]`'s severity overrides,
/// findings in file order and per-locale totals. `source_included` picks
/// the source pages (by page path), `error_included` the load errors.
pub fn assemble(
    site: &Site,
    locales: &[usize],
    pages: impl IntoIterator<Item = (usize, String, PageResult)>,
    source_included: &dyn Fn(&str) -> bool,
    error_included: &dyn Fn(&Diagnostic) -> bool,
) -> CheckReport {
    let cfg = &site.config.check;
    let mut summaries = LocaleSummary::per_locale(site, locales);
    let mut findings = Vec::new();
    for (l, rel, r) in pages {
        let s = summaries.entry(l).or_default();
        s.checked.push(rel);
        s.count_page(&r);
        findings.extend(r.findings);
    }

    // Source pages that failed to load.
    let source_code = &site.config.locales[0].code;
    for d in site.errors.iter().filter(|d| error_included(d)) {
        let rule = Rule::of(Rule::FrontMatter, d);
        let diag = Diagnostic {
            code: rule.code(),
            ..d.clone()
        };
        findings.push(Finding::of_page(rule, diag, source_code, "", d.message.clone()));
    }
    // Their warnings (a missing title among them, as in `build`).
    // The toc.yml files: the English one's findings, and those of the
    // locales being checked.
    for (l, d) in site
        .toc
        .findings
        .iter()
        .filter(|(l, d)| (*l == 0 || locales.contains(l)) && error_included(d))
    {
        let code = &site.config.locales[*l].code;
        findings.push(Finding::of_page(Rule::Toc, d.clone(), code, "", d.message.clone()));
    }
    for (rel, src) in site.sources.iter().filter(|(rel, _)| source_included(rel)) {
        for w in &src.page.warnings {
            findings.push(from_diag(Rule::of(Rule::FrontMatter, w), w, source_code, rel));
        }
        findings.extend(source::heading_skips(src, source_code));
    }

    apply_policy(&mut findings, cfg);
    findings.sort_by(|a, b| {
        (&a.diag.location, &a.related, a.rule, &a.diag.message).cmp(&(
            &b.diag.location,
            &b.related,
            b.rule,
            &b.diag.message,
        ))
    });
    let mut report = CheckReport {
        findings,
        locales: Vec::new(),
        fail_on: cfg.fail_on.clone(),
        elapsed: Duration::ZERO,
        root: site.root.clone(),
    };
    recount(&mut report, summaries.into_values().collect());
    report
}

/// Sets the per-rule finding counts of each locale from the findings.
pub fn recount(report: &mut CheckReport, mut locales: Vec<LocaleSummary>) {
    for s in &mut locales {
        s.findings.clear();
    }
    for f in &report.findings {
        if let Some(s) = locales.iter_mut().find(|s| s.locale == f.locale) {
            *s.findings.entry(f.rule).or_default() += f.weight();
        }
    }
    report.locales = locales;
}

/// The check of one page in one locale.
#[derive(Clone, Debug)]
pub struct PageResult {
    /// The locale has the page (else the findings say it is missing).
    pub present: bool,
    /// The page is a whole-page translation.
    pub whole: bool,
    pub counts: Counts,
    pub findings: Vec<Finding>,
}

/// Checks page `rel` in locale `locale` with the site's `[check]` settings
/// (severity overrides applied; the baseline is not). `None` when neither
/// the locale nor the source has the page.
pub fn check_page_with_policy(site: &Site, rel: &str, locale: usize) -> Option<PageResult> {
    let cfg = &site.config.check;
    let mut r = check_page(site, rel, locale, &mut Memo::default())?;
    apply_policy(&mut r.findings, cfg);
    Some(r)
}

/// True when `[check]` allows `rule` (its findings are dropped).
pub fn allowed_away(cfg: &crate::config::Config, rule: Rule) -> bool {
    matches!(cfg.check.severity.get(&rule), Some(None))
}

/// Applies the severity overrides of `[check]`; allowed rules disappear.
fn apply_policy(findings: &mut Vec<Finding>, cfg: &CheckConfig) {
    findings.retain_mut(|f| match cfg.severity.get(&f.rule) {
        Some(None) => false,
        Some(Some(s)) => {
            f.diag.severity = *s;
            true
        }
        None => true,
    });
}
