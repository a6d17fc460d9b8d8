//! Each locale's home page: the site's description, the guides and the
//! event index. Past `[build] events_per_page` events the index is paged
//! as Hugo and Zola page a list: page 1 is `<locale>/index.html` (with the
//! description and the guides), page k is `<locale>/page/k/index.html`
//! (the table only), each with a pager (`rel="prev"`/`"next"`, in the
//! `<head>` too), its own canonical URL and the `hreflang` alternates of
//! the same page in the other locales.

use std::collections::{BTreeMap, HashMap};

use fluent_bundle::FluentValue;
use serde::Serialize;

use crate::diag::Result;
use crate::site::{parent_dir, relative_url, url_path};

use super::event::EventRow;
use super::site_pages::{SiteFacts, fold};
use super::{Alternate, PageSummary, Renderer};

/// One row of the event index.
#[derive(Serialize)]
struct EventLine<'a> {
    #[serde(flatten)]
    row: &'a EventRow,
    url: String,
    /// Set when the event is shown from the source locale (missing here).
    lang: Option<&'a str>,
    keywords_text: String,
    /// Everything the filter box matches, lower-cased.
    search: String,
}

#[derive(Serialize)]
struct Section {
    name: String,
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
struct PageLink {
    title: String,
    url: String,
    coverage_text: String,
}

/// The pager of a paged event index.
#[derive(Serialize)]
struct Pager {
    /// "Page 2 of 5".
    label: String,
    prev: Option<String>,
    next: Option<String>,
    /// The first and last pages, and those near this one; `gap` between.
    links: Vec<PagerLink>,
}

#[derive(Serialize)]
struct PagerLink {
    number: usize,
    /// Empty for the current page and gaps.
    url: String,
    /// "Page 3", for screen readers.
    label: String,
    current: bool,
    gap: bool,
}

/// Pages on each side of the current one that the pager links to.
const PAGER_WINDOW: usize = 2;

/// The pages the pager of page `k` of `n` shows (1-based): the first, the
/// last and [`PAGER_WINDOW`] either side of `k`; `None` is a gap of two or
/// more pages (a gap of one shows that page instead). Built directly, in
/// constant work, whatever `n` is.
fn pager_window(k: usize, n: usize) -> Vec<Option<usize>> {
    if n == 0 {
        return Vec::new();
    }
    let lo = k.saturating_sub(PAGER_WINDOW).max(2);
    let hi = (k + PAGER_WINDOW).min(n);
    let mut pages = vec![1];
    pages.extend(lo..=hi);
    if n > hi.max(1) {
        pages.push(n);
    }
    let mut out = Vec::with_capacity(pages.len() + 2);
    let mut last = 0;
    for p in pages {
        if p > last + 2 {
            out.push(None);
        } else if p == last + 2 {
            out.push(Some(last + 1));
        }
        out.push(Some(p));
        last = p;
    }
    out
}

/// What every locale's home pages are made from: the summaries of each
/// locale's event rows, in event order, and how many pages each has.
pub struct Homes<'f> {
    /// By locale (index into `Config::locales`); empty for locales not built.
    rows: Vec<Vec<&'f PageSummary>>,
    /// Pages of each locale's event index (0: not built).
    pub pages: Vec<usize>,
}

impl<'f> Homes<'f> {
    /// The pages of `locale`'s event index: 1 for a locale without
    /// events, 0 for one not built.
    pub fn count(&self, locale: usize) -> usize {
        self.pages.get(locale).copied().unwrap_or(0)
    }

    /// `locale`'s event rows, in event order.
    fn rows(&self, locale: usize) -> &[&'f PageSummary] {
        self.rows.get(locale).map_or(&[], Vec::as_slice)
    }
}

impl Renderer<'_> {
    /// The event rows and page counts of the locales of `facts`: each
    /// locale's events in event order, one missing there taken from the
    /// source locale.
    pub fn homes<'f>(&self, facts: &SiteFacts<'f>) -> Homes<'f> {
        let n = self.site.config.locales.len();
        let by_page: HashMap<(usize, &str), &PageSummary> = facts
            .summaries
            .iter()
            .map(|s| ((s.locale, s.rel.as_str()), s))
            .collect();
        let mut rows = vec![Vec::new(); n];
        let mut pages = vec![0; n];
        for &l in facts.locales {
            let mine: Vec<&PageSummary> = self
                .index
                .events
                .iter()
                .filter_map(|(rel, _)| {
                    let s = by_page
                        .get(&(l, rel.as_str()))
                        .or_else(|| by_page.get(&(0, rel.as_str())))?;
                    (s.event.is_some() && self.site.urls.contains_key(rel)).then_some(*s)
                })
                .collect();
            pages[l] = self.site.config.build.event_pages(mine.len());
            rows[l] = mine;
        }
        Homes { rows, pages }
    }

    /// The folder of page `k` (1-based) of `locale`'s home, relative to
    /// the output root: `cs-CZ/`, `cs-CZ/page/2/`.
    pub fn home_dir(&self, locale: usize, k: usize) -> String {
        let code = &self.site.config.locales[locale].code;
        if k <= 1 {
            format!("{code}/")
        } else {
            format!("{code}/{}{k}/", self.index.dirs.paged)
        }
    }

    /// True when output path `path` is where page 2 or later of a locale's
    /// home is or was (`cs-CZ/page/2/index.html`, `cs-CZ/_page/2/…`): the
    /// preview drops those a smaller event index no longer has (and no
    /// content page is at).
    pub fn is_further_home_page(&self, path: &str) -> bool {
        let Some((code, rest)) = path.split_once('/') else {
            return false;
        };
        // Either folder the pages may have used: the one in use changes
        // when content gains or loses a top-level `page/` folder.
        let numbered = |prefix: &str| {
            rest.strip_prefix(prefix)
                .and_then(|r| r.strip_suffix("/index.html"))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        };
        self.site.config.locale(code).is_some() && (numbered("page/") || numbered("_page/"))
    }

    /// `hreflang` alternates of page `k` of the homes: the same page of
    /// every locale built that has it; `x-default` is the language
    /// chooser for page 1, else the source locale's page (or the first).
    pub(super) fn home_alternates(&self, k: usize, homes: &Homes) -> Vec<Alternate> {
        if k <= 1 {
            let home_of = |i: usize| self.home_dir(i, 1);
            return self.site_alternates(&home_of, "");
        }
        let mut alts: Vec<Alternate> = (0..self.site.config.locales.len())
            .filter(|&i| self.builds(i) && homes.count(i) >= k)
            .map(|i| Alternate {
                hreflang: self.site.config.locales[i].code.clone(),
                href: self.abs(&self.home_dir(i, k)),
            })
            .collect();
        if let Some(first) = alts.first() {
            let href = if homes.count(0) >= k {
                self.abs(&self.home_dir(0, k))
            } else {
                first.href.clone()
            };
            alts.push(Alternate {
                hreflang: "x-default".into(),
                href,
            });
        }
        alts
    }

    /// Page `k` (1-based, up to `homes.count(locale)`) of `locale`'s home:
    /// its output path and HTML. Page 1 is `<locale>/index.html`.
    pub fn locale_home(&self, locale: usize, k: usize, facts: &SiteFacts, homes: &Homes) -> Result<(String, String)> {
        let rows = homes.rows(locale);
        let n = homes.count(locale).max(1);
        let per_page = match self.site.config.build.events_per_page {
            0 => rows.len().max(1),
            p => p,
        };
        let first = (k.max(1) - 1) * per_page;
        let mine = &rows[first.min(rows.len())..(first + per_page).min(rows.len())];
        let html = self.home_page(locale, facts, homes, (k, n), rows.len(), mine)?;
        Ok((format!("{}index.html", self.home_dir(locale, k)), html))
    }

    /// Page `k` of `n` of `locale`'s home, showing `rows` of `total` events.
    fn home_page(
        &self,
        locale: usize,
        facts: &SiteFacts,
        homes: &Homes,
        (k, n): (usize, usize),
        total: usize,
        rows: &[&PageSummary],
    ) -> Result<String> {
        let cfg = &self.site.config;
        let code = cfg.locales[locale].code.as_str();
        let out_dir = self.home_dir(locale, k);
        // The switcher goes to the same page of the other locales, or to
        // their home when they have fewer pages.
        let dir_of = |i: usize| self.home_dir(i, if homes.count(i) >= k { k } else { 1 });
        let title = self.i18n.get(locale, "site-home");
        let mut ctx = self.site_page_context(locale, &out_dir, &dir_of, "", &title);
        ctx.insert("alternates", &self.home_alternates(k, homes));
        ctx.insert("title", &cfg.title);
        ctx.insert("page_number", &k);
        // The site's description in this language: `site-description` from
        // the site's `.ftl` files, else site.toml's (written in the source
        // language, and marked so).
        let (intro, intro_lang) = if locale != 0 && self.i18n.defines(locale, "site-description") {
            (Some(self.i18n.get(locale, "site-description")), None)
        } else {
            (
                cfg.description.clone(),
                (locale != 0).then(|| cfg.locales[0].code.clone()),
            )
        };
        ctx.insert("intro", &intro);
        ctx.insert("intro_lang", &intro_lang);
        // The guides are on page 1 only.
        let sections = if k == 1 { self.guides(locale, facts) } else { Vec::new() };
        ctx.insert("sections", &sections);

        let events: Vec<EventLine> = rows
            .iter()
            .filter_map(|s| {
                let rel = s.rel.as_str();
                let (row, url) = (s.event.as_ref()?, self.site.urls.get(rel)?);
                let to = format!("{}/{}", cfg.locales[s.locale].code, url.dir);
                let search = fold(&format!(
                    "{} {} {} {} {} {}",
                    row.id,
                    row.name,
                    s.title,
                    row.level,
                    row.keywords.join(" "),
                    row.channel
                ));
                Some(EventLine {
                    row,
                    url: self.link(relative_url(&out_dir, &to)),
                    lang: (s.locale != locale).then_some(cfg.locales[s.locale].code.as_str()),
                    keywords_text: row.keywords.join(", "),
                    search,
                })
            })
            .collect();
        let mut levels: Vec<(u8, &str)> = events
            .iter()
            .map(|e| (e.row.level_rank, e.row.level.as_str()))
            .collect();
        levels.sort();
        levels.dedup_by(|a, b| a.1 == b.1);
        let levels: Vec<&str> = levels.into_iter().map(|(_, l)| l).filter(|l| !l.is_empty()).collect();
        ctx.insert("events", &events);
        ctx.insert("levels", &levels);
        ctx.insert(
            "events_shown",
            &self.i18n.format(
                locale,
                "events-shown",
                &[
                    ("shown", FluentValue::from("{shown}")),
                    ("total", FluentValue::from("{total}")),
                ],
            ),
        );
        let event_count = self
            .i18n
            .format(locale, "event-count", &[("count", FluentValue::from(total))]);
        ctx.insert("event_count", &event_count);
        let pager = (n > 1).then(|| self.pager(locale, &out_dir, k, n));
        ctx.insert("pager", &pager);
        let coverage = facts
            .summary(code)
            .map(|s| self.coverage_text(locale, s.coverage()))
            .unwrap_or_default();
        ctx.insert("coverage_text", &if k == 1 { coverage.clone() } else { String::new() });
        // The meta description is in the page's language: the site's
        // description when there is one in it, else what the page holds.
        let description = match (&intro, &intro_lang, &pager) {
            (_, _, Some(p)) if k > 1 => {
                format!("{} · {} · {}", self.i18n.get(locale, "event-index"), p.label, cfg.title)
            }
            (Some(d), None, _) => d.clone(),
            _ => {
                let mut parts = vec![cfg.title.clone()];
                if total > 0 {
                    parts.push(event_count.clone());
                }
                if !coverage.is_empty() {
                    parts.push(coverage.clone());
                }
                parts.join(" · ")
            }
        };
        ctx.insert("description", &description);
        if let Some(p) = pager.as_ref().filter(|_| k > 1) {
            ctx.insert("breadcrumbs", &self.breadcrumbs(locale, &out_dir, &p.label, Some(0)));
        }
        self.templates.render("locale_index.html", &ctx)
    }

    /// The guides of `locale`'s home: every page that is not an event, by
    /// folder.
    fn guides(&self, locale: usize, facts: &SiteFacts) -> Vec<Section> {
        let mine: BTreeMap<&str, &PageSummary> = facts
            .summaries
            .iter()
            .filter(|s| s.locale == locale && s.event.is_none())
            .map(|s| (s.rel.as_str(), s))
            .collect();
        let mut sections: Vec<Section> = Vec::new();
        for s in mine.values() {
            let Some(url) = self.site.urls.get(&s.rel) else {
                continue;
            };
            let name = parent_dir(&s.rel).trim_end_matches('/').to_string();
            if sections.last().is_none_or(|x| x.name != name) {
                sections.push(Section {
                    name: name.clone(),
                    pages: Vec::new(),
                });
            }
            let coverage_text = s
                .counts
                .map(|c| self.coverage_text(locale, c.coverage()))
                .unwrap_or_default();
            if let Some(sec) = sections.last_mut() {
                sec.pages.push(PageLink {
                    title: s.title.clone(),
                    url: self.link(url_path(&url.dir)),
                    coverage_text,
                });
            }
        }
        sections
    }

    /// The pager of page `k` of `n` of `locale`'s event index at `out_dir`.
    fn pager(&self, locale: usize, out_dir: &str, k: usize, n: usize) -> Pager {
        let url = |p: usize| self.link(relative_url(out_dir, &self.home_dir(locale, p)));
        let label = |p: usize| {
            self.i18n
                .format(locale, "events-page", &[("page", FluentValue::from(p))])
        };
        Pager {
            label: self.i18n.format(
                locale,
                "events-page-of",
                &[("page", FluentValue::from(k)), ("pages", FluentValue::from(n))],
            ),
            prev: (k > 1).then(|| url(k - 1)),
            next: (k < n).then(|| url(k + 1)),
            links: pager_window(k, n)
                .into_iter()
                .map(|p| match p {
                    Some(p) => PagerLink {
                        number: p,
                        url: if p == k { String::new() } else { url(p) },
                        label: label(p),
                        current: p == k,
                        gap: false,
                    },
                    None => PagerLink {
                        number: 0,
                        url: String::new(),
                        label: String::new(),
                        current: false,
                        gap: true,
                    },
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(k: usize, n: usize) -> String {
        pager_window(k, n)
            .iter()
            .map(|p| p.map_or("…".to_string(), |p| p.to_string()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn the_pager_shows_the_ends_and_the_pages_near_the_current_one() {
        assert_eq!(shown(1, 1), "1");
        assert_eq!(shown(1, 2), "1 2");
        assert_eq!(shown(1, 5), "1 2 3 4 5");
        assert_eq!(shown(1, 6), "1 2 3 … 6");
        assert_eq!(shown(5, 10), "1 2 3 4 5 6 7 … 10");
        assert_eq!(shown(3, 5), "1 2 3 4 5");
        assert_eq!(shown(10, 167), "1 … 8 9 10 11 12 … 167");
        assert_eq!(shown(167, 167), "1 … 165 166 167");
        assert_eq!(shown(4, 7), "1 2 3 4 5 6 7");
        assert_eq!(shown(2, 2), "1 2");
        assert_eq!(shown(83_500, 167_000), "1 … 83498 83499 83500 83501 83502 … 167000");
    }
}
