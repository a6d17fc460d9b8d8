//! The site-wide pages: the language chooser at the root, each locale's
//! home page with its event index, the translation status dashboard, the
//! search pages, `sitemap.xml` and `robots.txt`.
//!
//! Every HTML page here has a canonical URL, `hreflang` alternates for each
//! locale plus `x-default`, and the language switcher; the sitemap lists
//! the same alternates, so search engines and the pages agree.

use std::fmt::Write as _;

use fluent_bundle::FluentValue;
use serde::Serialize;

use crate::check::LocaleSummary;
use crate::diag::Result;
use crate::site::{Site, absolute_url, relative_url};

use super::dashboard::SiteStatus;
use super::markdown::esc_attr;
use super::{Alternate, Crumb, Language, PageSummary, Renderer};

/// The folders (inside a locale) of the generated pages. A content page at
/// the same place keeps it; the generated page moves to `_name/`.
#[derive(Clone, Debug)]
pub struct Dirs {
    search: String,
    /// The further pages of a locale's event index: `page/2/`, …
    pub paged: String,
    status: String,
    /// The contents page (the whole navigation tree).
    pub contents: String,
}

impl Dirs {
    pub fn new(site: &Site) -> Dirs {
        let free = |name: &str| {
            let dir = format!("{name}/");
            if site.urls.values().any(|u| u.dir == dir) {
                format!("_{name}/")
            } else {
                dir
            }
        };
        let paged = if site.urls.values().any(|u| u.dir.starts_with("page/")) {
            "_page/".to_string()
        } else {
            "page/".to_string()
        };
        Dirs {
            search: free("search"),
            paged,
            status: free("status"),
            contents: free("contents"),
        }
    }

    /// The search page of `locale`, relative to the output root.
    pub fn search(&self, site: &Site, locale: usize) -> String {
        format!("{}/{}", site.config.locales[locale].code, self.search)
    }

    /// The status dashboard of `locale`: `status/` for the source locale,
    /// `<code>/status/` for the others.
    pub fn status(&self, site: &Site, locale: usize) -> String {
        if locale == 0 {
            "status/".to_string()
        } else {
            format!("{}/{}", site.config.locales[locale].code, self.status)
        }
    }
}

/// URLs per sitemap file; a bigger site gets a sitemap index.
pub const SITEMAP_URLS: usize = 10_000;

/// What the site-wide pages are made from: every page rendered, and what
/// `locdoc check` says about the translations.
pub struct SiteFacts<'a> {
    pub summaries: &'a [PageSummary],
    pub status: &'a SiteStatus,
    /// The locales being built.
    pub locales: &'a [usize],
}

impl SiteFacts<'_> {
    pub(super) fn summary(&self, code: &str) -> Option<&LocaleSummary> {
        self.status.locales.iter().find(|s| s.locale == code)
    }
}

impl Renderer<'_> {
    pub(super) fn abs(&self, dir: &str) -> String {
        absolute_url(&self.site.config.base_url, dir)
    }

    /// `hreflang` alternates of a generated page that every locale has at
    /// `dir_of(locale)`; `x-default` is `default`.
    pub(super) fn site_alternates(&self, dir_of: &dyn Fn(usize) -> String, default: &str) -> Vec<Alternate> {
        let cfg = &self.site.config;
        cfg.locales
            .iter()
            .enumerate()
            .filter(|&(i, _)| self.builds(i))
            .map(|(i, l)| Alternate {
                hreflang: l.code.clone(),
                href: self.abs(&dir_of(i)),
            })
            .chain(std::iter::once(Alternate {
                hreflang: "x-default".into(),
                href: self.abs(default),
            }))
            .collect()
    }

    /// The switcher of a generated page that every locale has.
    pub(super) fn site_languages(
        &self,
        locale: usize,
        out_dir: &str,
        dir_of: &dyn Fn(usize) -> String,
    ) -> Vec<Language<'_>> {
        self.site
            .config
            .locales
            .iter()
            .enumerate()
            .map(|(i, l)| Language {
                code: &l.code,
                name: &l.name,
                url: if self.builds(i) {
                    self.link(relative_url(out_dir, &dir_of(i)))
                } else {
                    String::new()
                },
                current: i == locale,
            })
            .collect()
    }

    /// Context of a generated page of `locale` at `out_dir`, available in
    /// every locale at `dir_of(locale)`.
    pub(super) fn site_page_context(
        &self,
        locale: usize,
        out_dir: &str,
        dir_of: &dyn Fn(usize) -> String,
        default: &str,
        title: &str,
    ) -> tera::Context {
        let mut ctx = self.base_context(locale, out_dir);
        ctx.insert("languages", &self.site_languages(locale, out_dir, dir_of));
        ctx.insert("alternates", &self.site_alternates(dir_of, default));
        ctx.insert("canonical", &self.abs(out_dir));
        ctx.insert("title", title);
        ctx
    }

    pub(super) fn percent(&self, locale: usize, value: f64) -> String {
        let sep = self.i18n.get(locale, "decimal-separator");
        let s = format!("{:.1}", (value * 10.0).floor() / 10.0);
        s.replace('.', &sep)
    }

    /// `99,6 %`, `%99,6`: a percentage as the locale writes it.
    pub(super) fn percent_text(&self, locale: usize, value: f64) -> String {
        self.i18n.format(
            locale,
            "percent-value",
            &[("value", FluentValue::from(self.percent(locale, value)))],
        )
    }

    pub(super) fn coverage_text(&self, locale: usize, value: f64) -> String {
        self.i18n.format(
            locale,
            "coverage",
            &[("percent", FluentValue::from(self.percent(locale, value)))],
        )
    }

    /// `index.html`: the language chooser. Lists every locale in its own
    /// language with its coverage, and (with JavaScript) suggests the one
    /// the browser asks for, without redirecting.
    pub fn root_index(&self, facts: &SiteFacts) -> Result<String> {
        #[derive(Serialize)]
        struct L<'a> {
            code: &'a str,
            name: &'a str,
            url: String,
            pages: String,
            coverage_text: String,
            coverage: Option<String>,
            suggest: String,
            is_source: bool,
        }
        let cfg = &self.site.config;
        let home_of = |i: usize| format!("{}/", cfg.locales[i].code);
        let mut ctx = self.site_page_context(0, "", &home_of, "", &cfg.title);
        ctx.insert("home", &self.link("./".into()));
        ctx.insert("breadcrumbs", &Vec::<Crumb>::new());
        if let Some(d) = &cfg.description {
            ctx.insert("description", d);
        }
        let list: Vec<L> = facts
            .locales
            .iter()
            .map(|&i| {
                let l = &cfg.locales[i];
                let pages = facts.summaries.iter().filter(|s| s.locale == i).count();
                let coverage = facts.summary(&l.code).map(|s| s.coverage());
                L {
                    code: &l.code,
                    name: &l.name,
                    url: self.link(home_of(i)),
                    pages: self
                        .i18n
                        .format(i, "page-count", &[("count", FluentValue::from(pages))]),
                    coverage_text: match coverage {
                        Some(c) => self.coverage_text(i, c),
                        None => self.i18n.get(i, "source-language"),
                    },
                    coverage: coverage.map(|c| format!("{:.1}", (c * 10.0).floor() / 10.0)),
                    suggest: self.i18n.format(
                        i,
                        "suggest-language",
                        &[("language", FluentValue::from(l.name.as_str()))],
                    ),
                    is_source: i == 0,
                }
            })
            .collect();
        ctx.insert("locales", &list);
        self.templates.render("index.html", &ctx)
    }

    /// `<locale>/search/index.html`: the search page (Pagefind in the
    /// browser; a note and the event index without JavaScript).
    pub fn search_page(&self, locale: usize) -> Result<String> {
        let out_dir = self.index.dirs.search(self.site, locale);
        let search_of = |i: usize| self.index.dirs.search(self.site, i);
        let title = self.i18n.get(locale, "search-title");
        let mut ctx = self.site_page_context(locale, &out_dir, &search_of, &search_of(0), &title);
        ctx.insert("robots", "noindex");
        ctx.insert(
            "description",
            &format!("{} · {}", self.i18n.get(locale, "search-label"), self.site.config.title),
        );
        ctx.insert("breadcrumbs", &self.breadcrumbs(locale, &out_dir, &title, None));
        ctx.insert("pagefind", &format!("{}pagefind/", relative_url(&out_dir, "")));
        ctx.insert(
            "results_count",
            &self
                .i18n
                .format(locale, "search-results", &[("count", FluentValue::from("{count}"))]),
        );
        self.templates.render("search.html", &ctx)
    }

    /// `sitemap.xml`: every indexable page with its `xhtml:link` alternates.
    /// A site with more than [`SITEMAP_URLS`] URLs gets `sitemap-1.xml`, …
    /// of at most that many each, and `sitemap.xml` becomes their index
    /// (sitemaps.org allows 50,000 URLs and 50 MB per file). Returns the
    /// files as (name, text).
    pub fn sitemaps(&self, facts: &SiteFacts, max_urls: usize) -> Vec<(String, String)> {
        const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
        const TAIL: &str = "</urlset>\n";
        use rayon::prelude::*;
        let cfg = &self.site.config;
        // Every URL's entry, in order: the homes, the pages (made side by
        // side: their alternates are most of the work), the dashboards.
        let homes = self.homes(facts);
        let first = self.home_alternates(1, &homes);
        let mut entries = vec![url_entry(&self.abs(""), &first)];
        for &l in facts.locales {
            entries.push(url_entry(&self.abs(&self.home_dir(l, 1)), &first));
            for k in 2..=homes.count(l) {
                entries.push(url_entry(
                    &self.abs(&self.home_dir(l, k)),
                    &self.home_alternates(k, &homes),
                ));
            }
        }
        entries.par_extend(facts.summaries.par_iter().filter_map(|s| {
            let u = self.site.urls.get(&s.rel)?;
            let dir = format!("{}/{}", cfg.locales[s.locale].code, u.dir);
            let (_, alts) = self.languages(&s.rel, s.locale, &dir);
            Some(url_entry(&self.abs(&dir), &alts))
        }));
        let status_of = |i: usize| self.index.dirs.status(self.site, i);
        let status = self.site_alternates(&status_of, &status_of(0));
        for &l in facts.locales {
            entries.push(url_entry(&self.abs(&status_of(l)), &status));
        }
        let mut files: Vec<String> = entries
            .chunks(max_urls.max(1))
            .map(|chunk| {
                let mut f =
                    String::with_capacity(HEAD.len() + TAIL.len() + chunk.iter().map(String::len).sum::<usize>());
                f.push_str(HEAD);
                chunk.iter().for_each(|e| f.push_str(e));
                f.push_str(TAIL);
                f
            })
            .collect();
        drop(entries);
        if files.len() == 1 {
            return vec![("sitemap.xml".to_string(), files.remove(0))];
        }
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        let mut out = Vec::with_capacity(files.len() + 1);
        for (i, text) in files.into_iter().enumerate() {
            let name = format!("sitemap-{}.xml", i + 1);
            let _ = writeln!(index, "<sitemap><loc>{}</loc></sitemap>", esc_attr(&self.abs(&name)));
            out.push((name, text));
        }
        index.push_str("</sitemapindex>\n");
        out.insert(0, ("sitemap.xml".to_string(), index));
        out
    }

    /// `robots.txt`: everything may be crawled; where the sitemap is.
    pub fn robots(&self) -> String {
        format!(
            "# Crawlers read robots.txt only at the root of a host.\nUser-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            self.site.config.base_url
        )
    }
}

/// One `<url>` of a sitemap: `loc` and its alternates in every language.
fn url_entry(loc: &str, alts: &[Alternate]) -> String {
    let mut out = format!("<url><loc>{}</loc>\n", esc_attr(loc));
    for a in alts {
        let _ = writeln!(
            out,
            "  <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
            esc_attr(&a.hreflang),
            esc_attr(&a.href)
        );
    }
    out.push_str("</url>\n");
    out
}

/// Text as the event filter compares it: lower-case, without diacritics,
/// Turkish dotless ı as i. The browser does the same to what is typed.
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.to_lowercase()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'ı' => 'i',
            'ł' => 'l',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_diacritics_and_turkish_i() {
        assert_eq!(fold("Chyba  Relace"), "chyba relace");
        assert_eq!(fold("Přenos ŘÍZENÍ"), "prenos rizeni");
        assert_eq!(fold("IŞIK ışık İşlem"), "isik isik islem");
        assert_eq!(fold("Ошибка ЁЖ"), "ошибка еж");
        assert_eq!(fold("Łącze"), "lacze");
        assert_eq!(fold("ação"), "acao");
    }
}
