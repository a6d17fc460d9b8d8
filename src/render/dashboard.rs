//! The translation status dashboard (`/status/` and `/<locale>/status/`):
//! coverage and findings per locale as `locdoc check` reports them, a chart
//! drawn at build time, and the pages with the most findings.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use fluent_bundle::FluentValue;
use serde::{Deserialize, Serialize};

use super::Renderer;
use super::markdown::{esc_attr, esc_text};
use super::site_pages::SiteFacts;
use crate::align::Counts;
use crate::check::{CheckReport, LocaleSummary, PageResult, Rule};
use crate::diag::Result;
use crate::site::{Site, relative_url};

/// What the status dashboard and the coverage figures show of a check
/// report: per-locale totals, and the number of findings per page. Adds up:
/// the status of a sharded build is the sum of its shards' statuses.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteStatus {
    /// Per translation locale, in the report's order.
    pub locales: Vec<LocaleSummary>,
    /// Findings per page path and locale code (pages with findings only).
    pub per_page: BTreeMap<String, BTreeMap<String, usize>>,
}

impl SiteStatus {
    pub fn from_report(report: &CheckReport) -> SiteStatus {
        let mut per_page: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        // Translations only, as the build's checks count them: the English
        // page's own findings (`heading-skip`) are no locale's.
        let translated: std::collections::BTreeSet<&str> = report.locales.iter().map(|s| s.locale.as_str()).collect();
        for f in report
            .findings
            .iter()
            .filter(|f| !f.page.is_empty() && translated.contains(f.locale.as_str()))
        {
            *per_page
                .entry(f.page.clone())
                .or_default()
                .entry(f.locale.clone())
                .or_default() += 1;
        }
        let locales = report
            .locales
            .iter()
            .map(|s| LocaleSummary {
                checked: Vec::new(),
                ..s.clone()
            })
            .collect();
        SiteStatus { locales, per_page }
    }

    /// The status of the translations of `locales` from their checks (as
    /// [`SiteStatus::from_report`] of the report `check::assemble` makes
    /// of them, without making it): totals per locale and findings per page,
    /// after the severity overrides of `[check]`.
    pub fn from_checks<'c>(
        site: &Site,
        locales: &[usize],
        checks: impl IntoIterator<Item = (usize, &'c PageResult)>,
    ) -> SiteStatus {
        let cfg = &site.config;
        let mut summaries = LocaleSummary::per_locale(site, locales);
        let mut per_page: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for (l, r) in checks {
            let Some(s) = summaries.get_mut(&l) else {
                continue;
            };
            s.count_page(r);
            for f in r.findings.iter().filter(|f| !crate::check::allowed_away(cfg, f.rule)) {
                *s.findings.entry(f.rule).or_default() += 1;
                if !f.page.is_empty() {
                    *per_page
                        .entry(f.page.clone())
                        .or_default()
                        .entry(f.locale.clone())
                        .or_default() += 1;
                }
            }
        }
        SiteStatus {
            locales: summaries.into_values().collect(),
            per_page,
        }
    }

    /// Adds the status of another part of the site (other pages).
    pub fn add(&mut self, other: SiteStatus) {
        for o in other.locales {
            match self.locales.iter_mut().find(|s| s.locale == o.locale) {
                Some(s) => {
                    s.pages += o.pages;
                    s.pages_missing += o.pages_missing;
                    s.pages_whole += o.pages_whole;
                    s.units.add(&o.units);
                    for (rule, n) in o.findings {
                        *s.findings.entry(rule).or_default() += n;
                    }
                    s.baselined += o.baselined;
                }
                None => self.locales.push(o),
            }
        }
        for (page, per_locale) in other.per_page {
            let mine = self.per_page.entry(page).or_default();
            for (locale, n) in per_locale {
                *mine.entry(locale).or_default() += n;
            }
        }
    }
}

/// A locale's figures on the dashboard.
#[derive(Serialize)]
struct LocaleStatus {
    code: String,
    name: String,
    url: String,
    pages: usize,
    pages_missing: usize,
    pages_whole: usize,
    units: Counts,
    coverage: String,
    coverage_value: f64,
    /// Findings per rule code, every rule present (0 when none).
    findings: BTreeMap<&'static str, usize>,
    total: usize,
}

#[derive(Serialize)]
struct ProblemPage {
    title: String,
    url: String,
    total: usize,
    /// Findings per locale, in the order of the dashboard's locales.
    per_locale: Vec<usize>,
}

impl Renderer<'_> {
    /// The status dashboard in `locale`: coverage and problem counts per
    /// locale as `locdoc check` reports them, a chart, and the pages with
    /// the most problems.
    pub fn status_page(&self, locale: usize, facts: &SiteFacts) -> Result<String> {
        let cfg = &self.site.config;
        let out_dir = self.index.dirs.status(self.site, locale);
        let status_of = |i: usize| self.index.dirs.status(self.site, i);
        let title = self.i18n.get(locale, "status-title");
        let mut ctx = self.site_page_context(locale, &out_dir, &status_of, &status_of(0), &title);
        ctx.insert(
            "description",
            &self.i18n.format(
                locale,
                "status-description",
                &[("site", FluentValue::from(cfg.title.as_str()))],
            ),
        );
        let mut crumbs = self.breadcrumbs(locale, &out_dir, &title, None);
        if locale == 0 {
            // `status/` is outside the locale folder; home is still en-US/.
            crumbs[0].url = self.link(relative_url(&out_dir, &format!("{}/", cfg.locales[0].code)));
        }
        ctx.insert("breadcrumbs", &crumbs);

        let rows: Vec<LocaleStatus> = facts
            .status
            .locales
            .iter()
            .filter_map(|s| {
                let i = cfg.locales.iter().position(|l| l.code == s.locale)?;
                let findings: BTreeMap<&'static str, usize> = Rule::ALL
                    .iter()
                    .map(|r| (r.code(), s.findings.get(r).copied().unwrap_or(0)))
                    .collect();
                Some(LocaleStatus {
                    code: s.locale.clone(),
                    name: cfg.locales[i].name.clone(),
                    url: self.link(relative_url(&out_dir, &format!("{}/", s.locale))),
                    pages: s.pages,
                    pages_missing: s.pages_missing,
                    pages_whole: s.pages_whole,
                    units: s.units,
                    coverage: self.percent_text(locale, s.coverage()),
                    coverage_value: s.coverage(),
                    total: findings.values().sum(),
                    findings,
                })
            })
            .collect();
        ctx.insert("chart", &self.status_chart(locale, &rows));
        ctx.insert("rows", &rows);
        ctx.insert("rules", &Rule::ALL.map(Rule::code));

        // Pages with the most findings, over all locales.
        let mut per_page: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (page, per_locale) in &facts.status.per_page {
            for (code, n) in per_locale {
                let Some(k) = rows.iter().position(|r| &r.code == code) else {
                    continue;
                };
                per_page.entry(page.as_str()).or_insert_with(|| vec![0; rows.len()])[k] += n;
            }
        }
        let mut worst: Vec<(&str, Vec<usize>)> = per_page.into_iter().collect();
        worst.sort_by(|a, b| {
            b.1.iter()
                .sum::<usize>()
                .cmp(&a.1.iter().sum::<usize>())
                .then(a.0.cmp(b.0))
        });
        worst.truncate(15);
        let problems: Vec<ProblemPage> = worst
            .into_iter()
            .filter_map(|(rel, per_locale)| {
                let url = self.site.urls.get(rel)?;
                let l = if self.site.has_page(rel, locale) { locale } else { 0 };
                let title = facts
                    .summaries
                    .iter()
                    .find(|s| s.rel == rel && s.locale == l)
                    .or_else(|| facts.summaries.iter().find(|s| s.rel == rel))
                    .map_or_else(|| rel.to_string(), |s| s.title.clone());
                Some(ProblemPage {
                    title,
                    url: self.link(relative_url(&out_dir, &format!("{}/{}", cfg.locales[l].code, url.dir))),
                    total: per_locale.iter().sum(),
                    per_locale,
                })
            })
            .collect();
        ctx.insert("problems", &problems);
        self.templates.render("status.html", &ctx)
    }

    /// A horizontal stacked bar per locale: units translated, identical to
    /// the English, stale and missing. Plain SVG, coloured by the theme's
    /// CSS, with a `<title>` on every bar for its numbers.
    fn status_chart(&self, locale: usize, rows: &[LocaleStatus]) -> String {
        const LABEL_W: f64 = 150.0;
        const BAR_W: f64 = 300.0;
        const ROW_H: f64 = 34.0;
        const BAR_H: f64 = 22.0;
        let width = LABEL_W + BAR_W + 70.0;
        let height = ROW_H * rows.len() as f64 + 8.0;
        let parts = [
            ("translated", "status-translated"),
            ("untranslated", "status-untranslated"),
            ("stale", "status-stale"),
            ("missing", "status-missing"),
        ];
        let labels: Vec<String> = parts.iter().map(|(_, id)| self.i18n.get(locale, id)).collect();
        let title = self.i18n.get(locale, "status-chart-title");
        let mut svg = String::new();
        let _ = write!(
            svg,
            "<svg class=\"status-chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"status-chart-title\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"status-chart-title\">{}</title>",
            esc_text(&title)
        );
        for (k, r) in rows.iter().enumerate() {
            let y = 4.0 + ROW_H * k as f64;
            let _ = write!(
                svg,
                "<text class=\"chart-label\" x=\"0\" y=\"{:.1}\" lang=\"{}\">{}</text>",
                y + BAR_H * 0.75,
                esc_attr(&r.code),
                esc_text(&r.name)
            );
            let values = [r.units.translated, r.units.untranslated, r.units.stale, r.units.missing];
            let total = values.iter().sum::<usize>().max(1) as f64;
            let mut x = LABEL_W;
            for ((class, _), (v, label)) in parts.iter().zip(values.iter().zip(&labels)) {
                if *v == 0 {
                    continue;
                }
                let w = BAR_W * *v as f64 / total;
                let _ = write!(
                    svg,
                    "<rect class=\"chart-{class}\" x=\"{x:.2}\" y=\"{y:.1}\" width=\"{:.2}\" height=\"{BAR_H}\"><title>{}: {v} ({})</title></rect>",
                    w.max(0.5),
                    esc_text(&format!("{} – {label}", r.name)),
                    esc_text(&self.percent_text(locale, 100.0 * *v as f64 / total))
                );
                x += w;
            }
            let _ = write!(
                svg,
                "<text class=\"chart-value\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                LABEL_W + BAR_W + 8.0,
                y + BAR_H * 0.75,
                esc_text(&r.coverage)
            );
        }
        svg.push_str("</svg>");
        svg
    }
}
