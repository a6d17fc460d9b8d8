//! The review view: each locale page's English source and translation side
//! by side, unit by unit, coloured by status, with the problems `check`
//! finds and a link to open the file at the right line in an editor.
//! Served by `locdoc serve` at `/_review/…`; written by `build` only with
//! `--review`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::markdown::{RenderCtx, plain_text, render_inline};
use super::{PageLinks, Renderer};
use crate::align::Counts;
use crate::check::{self, Finding};
use crate::diag::{Location, Result};
use crate::site::{Site, relative_url, url_path};

/// The URL prefix of the review view.
pub const PREFIX: &str = "_review";

/// The default editor link: VS Code's URL handler.
pub const DEFAULT_EDITOR_URL: &str = "vscode://file/{path}:{line}:{column}";

#[derive(Serialize)]
struct Row {
    /// translated, untranslated, stale, missing, orphaned
    status: &'static str,
    english: String,
    translation: String,
    segment_id: String,
    problems: Vec<Problem>,
    /// `file:line:column`, shown as a tooltip.
    location: String,
    /// `line:column`, the link text.
    line: String,
    editor_url: String,
}

#[derive(Serialize)]
struct Problem {
    rule: &'static str,
    severity: &'static str,
    message: String,
}

#[derive(Serialize)]
struct StatusCount {
    status: &'static str,
    count: usize,
}

/// A link that opens `loc` in the editor: `{path}` (absolute), `{line}`,
/// `{column}` are filled in.
fn editor_link(site: &Site, template: &str, loc: &Location) -> String {
    let path = std::path::Path::new(&loc.file);
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| site.root.join(path))
    };
    template
        .replace("{path}", &url_path(&abs.to_string_lossy()))
        .replace("{line}", &loc.line.to_string())
        .replace("{column}", &loc.column.to_string())
}

fn problems_of(findings: &[&Finding]) -> Vec<Problem> {
    findings
        .iter()
        .map(|f| Problem {
            rule: f.rule.code(),
            severity: f.severity().as_str(),
            message: f.diag.message.clone(),
        })
        .collect()
}

impl Renderer<'_> {
    /// The rel path of the page published at `dir` (`events/x/`).
    pub fn rel_of_url(&self, dir: &str) -> Option<&str> {
        self.site
            .urls
            .iter()
            .find(|(_, u)| u.dir == dir)
            .map(|(r, _)| r.as_str())
    }

    /// The review of page `rel` in `locale`, or `None` when the locale does
    /// not have it. `out_dir` is where the review page is served from.
    pub fn review_page(&self, rel: &str, locale: usize, editor: &str) -> Option<Result<String>> {
        let site = self.site;
        let code = &site.config.locales[locale].code;
        let url = site.urls.get(rel)?;
        let tr = match site.translation(rel, locale)? {
            Ok(tr) => tr,
            Err(d) => return Some(Err(crate::diag::Error::Content(vec![d]))),
        };
        let out_dir = format!("{PREFIX}/{code}/{}", url.dir);
        let links = PageLinks {
            site,
            locale,
            rel,
            out_dir: out_dir.clone(),
        };
        let mut rctx = RenderCtx::new(
            &links,
            site.config.markdown.xref_url.as_deref(),
            &self.index.alert_labels[locale],
        );
        rctx.set_limits(&site.config.limits);
        let findings = check::check_page_with_policy(site, rel, locale)
            .map(|r| r.findings)
            .unwrap_or_default();
        let text = tr.page.src.text.as_str();
        // Findings by the segment or the missing unit they are about: each
        // finding goes to one row (never to every row with the same ID or
        // English text, which made a page of repeated text quadratic).
        let mut by_seg: Vec<Vec<&Finding>> = vec![Vec::new(); tr.sxs.segments.len()];
        let mut by_unit: BTreeMap<usize, Vec<&Finding>> = BTreeMap::new();
        let mut unattached: Vec<&Finding> = Vec::new();
        for f in &findings {
            match (f.segment, f.unit) {
                (Some(s), _) if s < by_seg.len() => by_seg[s].push(f),
                (None, Some(u)) => by_unit.entry(u).or_default().push(f),
                _ => unattached.push(f),
            }
        }
        let mut rows = Vec::new();
        let mut page_problems = Vec::new();
        let src = site.sources.get(rel);
        if let (Some(src), Some(al)) = (src, &tr.alignment) {
            let en = src.page.src.text.as_str();
            for (k, u) in al.units.iter().enumerate() {
                let en_md = &en[u.range.clone()];
                let english = render_inline(en_md, &rctx, false);
                let (translation, segment_id, loc) = match u.segments.first() {
                    Some(&first) => {
                        let seg = &tr.sxs.segments[first];
                        let tr_html: Vec<String> = u
                            .segments
                            .iter()
                            .map(|&s| render_inline(tr.sxs.segments[s].text(text), &rctx, true))
                            .collect();
                        (
                            tr_html.join(" "),
                            seg.id(text).to_string(),
                            tr.page.src.location(seg.text.start),
                        )
                    }
                    None => (String::new(), String::new(), src.page.src.location(u.range.start)),
                };
                let mut fs: Vec<&Finding> = Vec::new();
                for &s in &u.segments {
                    fs.append(&mut by_seg[s]);
                }
                if let Some(mut v) = by_unit.remove(&k) {
                    fs.append(&mut v);
                }
                // A missing unit opens where its translation belongs.
                let loc = fs
                    .iter()
                    .find(|f| f.rule == check::Rule::Missing)
                    .and_then(|f| f.diag.location.clone())
                    .unwrap_or(loc);
                rows.push(Row {
                    status: u.status.as_str(),
                    english,
                    translation,
                    segment_id,
                    problems: problems_of(&fs),
                    line: format!("{}:{}", loc.line, loc.column),
                    location: loc.to_string(),
                    editor_url: editor_link(site, editor, &loc),
                });
            }
            for &s in &al.orphans {
                let seg = &tr.sxs.segments[s];
                let loc = tr.page.src.location(seg.range.start);
                let fs = std::mem::take(&mut by_seg[s]);
                rows.push(Row {
                    status: "orphaned",
                    english: format!(
                        "<del>{}</del>",
                        super::markdown::esc_text(&plain_text(seg.lookup(text)))
                    ),
                    translation: render_inline(seg.text(text), &rctx, true),
                    segment_id: seg.id(text).to_string(),
                    problems: problems_of(&fs),
                    line: format!("{}:{}", loc.line, loc.column),
                    location: loc.to_string(),
                    editor_url: editor_link(site, editor, &loc),
                });
            }
        }
        // Findings that belong to no row: front matter, span structure.
        unattached.extend(by_seg.into_iter().flatten());
        unattached.extend(by_unit.into_values().flatten());
        unattached.sort_by_key(|f| f.diag.location.clone());
        for f in unattached {
            page_problems.push(Problem {
                rule: f.rule.code(),
                severity: f.severity().as_str(),
                message: match &f.diag.location {
                    Some(l) => format!("{l}: {}", f.diag.message),
                    None => f.diag.message.clone(),
                },
            });
        }
        let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
        for r in &rows {
            *counts.entry(r.status).or_default() += 1;
        }
        let statuses: Vec<StatusCount> = ["translated", "untranslated", "stale", "missing", "orphaned"]
            .into_iter()
            .map(|s| StatusCount {
                status: s,
                count: counts.get(s).copied().unwrap_or(0),
            })
            .collect();
        let mut by_rule: BTreeMap<&'static str, usize> = BTreeMap::new();
        for f in &findings {
            *by_rule.entry(f.rule.code()).or_default() += f.weight();
        }
        // A list, not a map: a template iterates a map in no fixed order.
        let by_rule: Vec<(&str, usize)> = by_rule.into_iter().collect();
        let mut ctx = self.base_context(locale, &out_dir);
        let title = tr.page.front.title.clone().unwrap_or_else(|| rel.to_string());
        ctx.insert("title", &title);
        ctx.insert("rows", &rows);
        ctx.insert("statuses", &statuses);
        ctx.insert("rules", &by_rule);
        ctx.insert("page_problems", &page_problems);
        ctx.insert("file", &tr.page.src.display);
        ctx.insert("file_url", &editor_link(site, editor, &tr.page.src.location(0)));
        ctx.insert("page_url", &relative_url(&out_dir, &format!("{code}/{}", url.dir)));
        ctx.insert("review_home", &relative_url(&out_dir, &format!("{PREFIX}/{code}/")));
        ctx.insert("source_lang", &site.config.locales[0].code);
        Some(self.templates.render("review.html", &ctx))
    }

    /// The review index of a locale: its pages, most problems first.
    pub fn review_index(&self, locale: usize) -> Result<String> {
        #[derive(Serialize)]
        struct P {
            title: String,
            url: String,
            problems: usize,
            errors: usize,
            counts: Counts,
            coverage: String,
            missing_page: bool,
        }
        let site = self.site;
        let code = &site.config.locales[locale].code;
        let out_dir = format!("{PREFIX}/{code}/");
        let mut pages: Vec<P> = site
            .urls
            .iter()
            .filter_map(|(rel, url)| {
                let r = check::check_page_with_policy(site, rel, locale)?;
                let errors = r
                    .findings
                    .iter()
                    .filter(|f| f.severity() == crate::diag::Severity::Error)
                    .count();
                let title = if r.present {
                    site.translation(rel, locale)
                        .and_then(|t| t.ok())
                        .and_then(|t| t.page.front.title.clone())
                        .unwrap_or_else(|| rel.clone())
                } else {
                    site.sources
                        .get(rel)
                        .and_then(|s| s.page.front.title.clone())
                        .unwrap_or_else(|| rel.clone())
                };
                Some(P {
                    title,
                    url: if r.present { url_path(&url.dir) } else { String::new() },
                    problems: r.findings.len(),
                    errors,
                    coverage: format!("{:.1}%", r.counts.coverage_floor()),
                    counts: r.counts,
                    missing_page: !r.present,
                })
            })
            .collect();
        pages.sort_by(|a, b| (b.errors, b.problems, &a.title).cmp(&(a.errors, a.problems, &b.title)));
        let mut ctx = self.base_context(locale, &out_dir);
        ctx.insert("pages", &pages);
        ctx.insert("locales", &site.config.locales[1..]);
        self.templates.render("review_index.html", &ctx)
    }
}
