//! Checks over a whole built site: every HTML page parses without HTML5
//! errors, every internal link and anchor resolves, `hreflang` alternates
//! are symmetric, and the sitemap lists the same alternates.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use locdoc::check::Rule;
use scraper::{ElementRef, Html, Selector};

/// A CSS selector (the tests' own, so they unwrap).
pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// A built site, read once: every HTML file parsed.
pub struct Built {
    pub root: PathBuf,
    pub base_url: String,
    /// Output path (`ru-RU/x/index.html`) → parsed page.
    pub pages: BTreeMap<String, Html>,
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/")
}

impl Built {
    pub fn read(root: &Path, base_url: &str) -> Built {
        let mut files = Vec::new();
        walk(root, &mut files);
        let pages = files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .map(|p| (rel(root, p), Html::parse_document(&std::fs::read_to_string(p).unwrap())))
            .collect();
        Built {
            root: root.to_path_buf(),
            base_url: base_url.to_string(),
            pages,
        }
    }

    /// Every HTML5 parse error, as `file: error`.
    pub fn parse_errors(&self) -> Vec<String> {
        self.pages
            .iter()
            .flat_map(|(p, doc)| doc.errors.iter().map(move |e| format!("{p}: {e}")))
            .collect()
    }

    /// The output file an URL found in `from` points to (`None`: not internal),
    /// percent-decoded. Absolute URLs under the base URL count as internal.
    pub fn target(&self, from: &str, url: &str) -> Option<(String, Option<String>)> {
        let (url, frag) = match url.split_once('#') {
            Some((u, f)) => (u, Some(f.to_string())),
            None => (url, None),
        };
        let url = url.split('?').next().unwrap_or("");
        let path = if let Some(rest) = url.strip_prefix(&self.base_url) {
            rest.to_string()
        } else if url.contains(':') || url.starts_with("//") {
            return None;
        } else if url.starts_with('/') {
            // A site-root path: the site has none of its own.
            return Some((format!("<site-root>{url}"), frag));
        } else if url.is_empty() {
            from.to_string()
        } else {
            let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
            let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
            for seg in url.split('/') {
                match seg {
                    "" | "." => {}
                    ".." => {
                        if parts.pop().is_none() {
                            return Some((format!("<above-root>/{url}"), frag));
                        }
                    }
                    s => parts.push(s),
                }
            }
            let mut p = parts.join("/");
            if !p.is_empty() && (url.ends_with('/') || url.ends_with("/.") || url == ".") {
                p.push('/');
            }
            p
        };
        // URLs are percent-encoded; files are named as decoded.
        let path = percent_encoding::percent_decode_str(&path)
            .decode_utf8_lossy()
            .into_owned();
        let path = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path
        };
        Some((path, frag))
    }

    /// Internal links that lead nowhere: `file: url`.
    pub fn broken_links(&self) -> Vec<String> {
        let mut ids: HashMap<&str, BTreeSet<String>> = HashMap::new();
        for (p, doc) in &self.pages {
            let set = doc
                .select(&sel("[id], a[name]"))
                .filter_map(|e| e.value().attr("id").or_else(|| e.value().attr("name")))
                .map(str::to_string)
                .collect();
            ids.insert(p.as_str(), set);
        }
        let links = sel("a[href], link[href], script[src], img[src], form[action], source[src]");
        let mut broken = Vec::new();
        for (p, doc) in &self.pages {
            for e in doc.select(&links) {
                let v = e.value();
                let url = v
                    .attr("href")
                    .or_else(|| v.attr("src"))
                    .or_else(|| v.attr("action"))
                    .unwrap_or("");
                let Some((target, frag)) = self.target(p, url) else {
                    continue;
                };
                if !self.root.join(&target).is_file() {
                    broken.push(format!("{p}: {url} (no {target})"));
                    continue;
                }
                if let Some(f) = frag.filter(|f| !f.is_empty())
                    && target.ends_with(".html")
                    && !ids.get(target.as_str()).is_some_and(|s| s.contains(&f))
                {
                    broken.push(format!("{p}: {url} (no #{f} in {target})"));
                }
            }
        }
        broken
    }

    /// `hreflang` → href of a page's alternates.
    pub fn alternates(&self, page: &str) -> BTreeMap<String, String> {
        self.pages[page]
            .select(&sel("link[rel=alternate][hreflang]"))
            .map(|l| {
                (
                    l.value().attr("hreflang").unwrap().to_string(),
                    l.value().attr("href").unwrap().to_string(),
                )
            })
            .collect()
    }

    /// Pages whose alternates are not listed back by each alternate, or
    /// that lack `x-default` or themselves.
    pub fn hreflang_problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for p in self.pages.keys() {
            let alts = self.alternates(p);
            if alts.is_empty() {
                out.push(format!("{p}: no hreflang alternates"));
                continue;
            }
            if !alts.contains_key("x-default") {
                out.push(format!("{p}: no x-default"));
            }
            let canonical = self.pages[p]
                .select(&sel("link[rel=canonical]"))
                .next()
                .and_then(|l| l.value().attr("href").map(str::to_string));
            match &canonical {
                Some(c) if alts.values().any(|h| h == c) => {}
                _ => out.push(format!("{p}: canonical {canonical:?} is not among its alternates")),
            }
            for (lang, href) in &alts {
                let Some((target, _)) = self.target(p, href) else {
                    out.push(format!("{p}: alternate {lang} {href} is outside the site"));
                    continue;
                };
                if !self.pages.contains_key(&target) {
                    out.push(format!("{p}: alternate {lang} {href} does not exist"));
                    continue;
                }
                if self.alternates(&target) != alts {
                    out.push(format!("{p}: {target} lists other alternates"));
                }
            }
        }
        out
    }

    /// The sitemap: `loc` → (hreflang → href); checked against the pages.
    pub fn sitemap_problems(&self) -> (usize, Vec<String>) {
        let text = std::fs::read_to_string(self.root.join("sitemap.xml")).unwrap();
        let doc = roxmltree::Document::parse(&text).expect("sitemap.xml is well-formed XML");
        const SM: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
        const XHTML: &str = "http://www.w3.org/1999/xhtml";
        let root = doc.root_element();
        assert!(root.has_tag_name((SM, "urlset")), "root element is sitemap urlset");
        let mut entries: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        let mut out = Vec::new();
        for url in root.children().filter(|n| n.has_tag_name((SM, "url"))) {
            let loc = url
                .children()
                .find(|n| n.has_tag_name((SM, "loc")))
                .and_then(|n| n.text())
                .unwrap_or_default()
                .to_string();
            let alts: BTreeMap<String, String> = url
                .children()
                .filter(|n| n.has_tag_name((XHTML, "link")))
                .map(|n| {
                    assert_eq!(n.attribute("rel"), Some("alternate"));
                    (
                        n.attribute("hreflang").unwrap_or_default().to_string(),
                        n.attribute("href").unwrap_or_default().to_string(),
                    )
                })
                .collect();
            if entries.insert(loc.clone(), alts).is_some() {
                out.push(format!("{loc} is listed twice"));
            }
        }
        for (loc, alts) in &entries {
            let Some((page, _)) = self.target("", loc) else {
                out.push(format!("{loc} is not under the base URL"));
                continue;
            };
            let Some(doc) = self.pages.get(&page) else {
                out.push(format!("{loc}: no page {page}"));
                continue;
            };
            if doc.select(&sel("meta[name=robots][content~=noindex]")).next().is_some() {
                out.push(format!("{loc}: a noindex page is in the sitemap"));
            }
            if &self.alternates(&page) != alts {
                out.push(format!("{loc}: sitemap alternates differ from the page's"));
            }
            for (lang, href) in alts {
                if lang != "x-default" && !entries.contains_key(href) {
                    out.push(format!("{loc}: alternate {lang} {href} is not in the sitemap"));
                }
            }
        }
        // Every indexable page is in the sitemap.
        for (p, doc) in &self.pages {
            let indexable = doc.select(&sel("meta[name=robots][content~=noindex]")).next().is_none();
            let canonical = doc
                .select(&sel("link[rel=canonical]"))
                .next()
                .and_then(|l| l.value().attr("href"));
            if let Some(c) = canonical
                && indexable
                && !entries.contains_key(c)
            {
                out.push(format!("{p}: {c} is not in the sitemap"));
            }
        }
        (entries.len(), out)
    }
}

/// The text of an element with its white space folded.
pub fn text(e: &ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The figures of every locale's dashboard equal the check report's.
pub fn dashboard_agrees(out: &Path, report: &locdoc::check::CheckReport) {
    let mut pages = vec!["status/index.html".to_string()];
    // Each checked locale's dashboard.
    pages.extend(report.locales.iter().map(|s| format!("{}/status/index.html", s.locale)));
    for page in pages {
        let d = Html::parse_document(&std::fs::read_to_string(out.join(&page)).unwrap());
        let rows: Vec<ElementRef> = d.select(&sel("#status-rules tbody tr")).collect();
        assert_eq!(rows.len(), report.locales.len(), "{page}");
        for s in &report.locales {
            let row = rows
                .iter()
                .find(|r| r.value().attr("data-locale") == Some(s.locale.as_str()))
                .unwrap_or_else(|| panic!("{page}: no row for {}", s.locale));
            for rule in Rule::ALL {
                let cell = row
                    .select(&sel(&format!("td[data-rule=\"{}\"]", rule.code())))
                    .next()
                    .unwrap();
                let shown: usize = text(&cell).parse().unwrap();
                assert_eq!(
                    shown,
                    s.findings.get(&rule).copied().unwrap_or(0),
                    "{page} {} {rule}",
                    s.locale
                );
            }
            for (unit, n) in [
                ("translated", s.units.translated),
                ("untranslated", s.units.untranslated),
                ("stale", s.units.stale),
                ("missing", s.units.missing),
            ] {
                let cell = row.select(&sel(&format!("td[data-units=\"{unit}\"]"))).next().unwrap();
                assert_eq!(text(&cell).parse::<usize>().unwrap(), n, "{page} {} {unit}", s.locale);
            }
            let main = d
                .select(&sel(&format!("#status-locales tr[data-locale=\"{}\"]", s.locale)))
                .next()
                .unwrap();
            let coverage: f64 = main
                .select(&sel("td"))
                .next()
                .unwrap()
                .value()
                .attr("data-value")
                .unwrap()
                .parse()
                .unwrap();
            assert!((coverage - s.coverage()).abs() < 1e-9, "{page} {}", s.locale);
            let cells: Vec<String> = main.select(&sel("td")).map(|t| text(&t)).collect();
            assert_eq!(cells[1], s.pages.to_string());
            assert_eq!(cells[2], s.pages_missing.to_string());
        }
        // The chart has a bar per locale.
        assert_eq!(
            d.select(&sel("svg.status-chart text.chart-label")).count(),
            report.locales.len()
        );
    }
}
