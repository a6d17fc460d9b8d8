//! A locale's event index in pages (`[build] events_per_page`): page 1 at
//! `<locale>/index.html`, page k at `<locale>/page/k/index.html`, each
//! with the right rows, a pager whose links resolve, its own canonical URL,
//! `hreflang` alternates and a place in the sitemap; partial and
//! incremental builds; the setting's validation.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::files::tree;
use common::sitecheck::{Built, sel, text};
use common::{PAGE, SampleSite};
use locdoc::{BuildOptions, build};
use scraper::Html;

const BASE: &str = "https://docs.example.org/wcf-etw/";

/// The events the sample site gets besides 4031, in en-US, cs-CZ and
/// ru-RU (the other locales show them from English).
const EXTRA: [&str; 5] = ["4027", "4028", "4029", "4030", "4032"];

fn add_event(site: &SampleSite, id: &str) {
    let name = format!("DispatchSession{id}");
    for locale in ["en-US", "cs-CZ", "ru-RU"] {
        let text = site
            .read(&format!("content/{locale}/{PAGE}.md"))
            .replace("4031", id)
            .replace("DispatchSessionFailed", &name);
        site.write(&event_file(locale, id), &text);
    }
}

fn event_file(locale: &str, id: &str) -> String {
    format!("content/{locale}/events/{id}-dispatchsession{id}.md")
}

/// The sample site with six events and `events_per_page` (none: the
/// default). Its `[build]` table is the last of site.toml.
fn site(events_per_page: Option<usize>) -> SampleSite {
    let site = SampleSite::new();
    for id in EXTRA {
        add_event(&site, id);
    }
    if let Some(n) = events_per_page {
        site.edit("site.toml", |t| format!("{t}events_per_page = {n}\n"));
    }
    site
}

fn build_into(site: &SampleSite, out: &Path, locales: &[&str], no_cache: bool) -> locdoc::BuildReport {
    build(&BuildOptions {
        root: site.root().to_path_buf(),
        out: Some(out.to_path_buf()),
        locales: locales.iter().map(|l| l.to_string()).collect(),
        no_cache,
        ..Default::default()
    })
    .unwrap()
}

fn doc(out: &Path, rel: &str) -> Html {
    let p = out.join(rel);
    Html::parse_document(&std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
}

/// The event IDs in the table of a page.
fn ids(d: &Html) -> Vec<String> {
    d.select(&sel("#event-table tbody tr td:first-child"))
        .map(|td| text(&td))
        .collect()
}

fn attr(d: &Html, selector: &str, name: &str) -> Option<String> {
    d.select(&sel(selector))
        .next()
        .and_then(|e| e.value().attr(name).map(str::to_string))
}

/// The pages of each locale's home in `out`: `en-US` → [index.html, page/2/…].
fn home_pages(out: &Path) -> BTreeMap<String, Vec<String>> {
    let mut pages: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in std::fs::read_dir(out).unwrap() {
        let e = e.unwrap();
        let code = e.file_name().to_string_lossy().into_owned();
        if !e.path().join("index.html").is_file() || !code.contains('-') {
            continue;
        }
        let mut list = vec![format!("{code}/index.html")];
        for k in 2.. {
            let p = format!("{code}/page/{k}/index.html");
            if !out.join(&p).is_file() {
                break;
            }
            list.push(p);
        }
        pages.insert(code, list);
    }
    pages
}

#[test]
fn a_long_event_index_is_paged_and_every_pager_link_resolves() {
    let s = site(Some(2));
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_into(&s, &out, &[], true);
    let homes = home_pages(&out);
    assert_eq!(homes.len(), 6, "{homes:?}");
    for (code, pages) in &homes {
        assert_eq!(pages.len(), 3, "{code}: six events, two a page");
        assert!(!out.join(format!("{code}/page/4")).exists());
        let rows: Vec<Vec<String>> = pages.iter().map(|p| ids(&doc(&out, p))).collect();
        assert_eq!(
            rows,
            [["4027", "4028"], ["4029", "4030"], ["4031", "4032"]],
            "{code}: the rows of each page, in event order"
        );
        for (i, p) in pages.iter().enumerate() {
            let k = i + 1;
            let d = doc(&out, p);
            // The heading counts every event, not the page's.
            let count = text(&d.select(&sel("#events-title .count")).next().unwrap());
            assert!(count.contains('6'), "{p}: {count}");
            // Its own canonical URL.
            let dir = p.trim_end_matches("index.html");
            assert_eq!(
                attr(&d, "link[rel=canonical]", "href").as_deref(),
                Some(format!("{BASE}{dir}").as_str())
            );
            // The pager: named, the current page marked, previous and next
            // (in the head too) but before the first and after the last.
            let nav = d.select(&sel("nav.page-nav")).next().expect("a pager");
            assert!(!nav.value().attr("aria-label").unwrap_or("").is_empty(), "{p}");
            let current = text(&nav.select(&sel("[aria-current=page]")).next().unwrap());
            assert_eq!(current, k.to_string(), "{p}");
            let prev = attr(&d, "nav.page-nav a[rel=prev]", "href");
            let next = attr(&d, "nav.page-nav a[rel=next]", "href");
            assert_eq!(prev.is_some(), k > 1, "{p}: {prev:?}");
            assert_eq!(next.is_some(), k < 3, "{p}: {next:?}");
            assert_eq!(attr(&d, "head link[rel=prev]", "href"), prev, "{p}");
            assert_eq!(attr(&d, "head link[rel=next]", "href"), next, "{p}");
            // The filter says it covers this page, and points to search.
            assert!(d.select(&sel(".filter-scope a[href*=search]")).next().is_some(), "{p}");
            // Page 1 keeps the site's heading; the others are the table.
            let h1 = text(&d.select(&sel("h1")).next().unwrap());
            assert_eq!(h1.contains("WCF ETW Event Reference"), k == 1, "{p}: {h1}");
        }
        let first = doc(&out, &pages[0]);
        assert_eq!(
            attr(&first, "a[rel=next]", "href").as_deref(),
            Some("page/2/index.html"),
            "pretty_urls = false in the sample site"
        );
        let last = doc(&out, &pages[2]);
        assert_eq!(attr(&last, "a[rel=prev]", "href").as_deref(), Some("../2/index.html"));
    }
    // Events missing in a locale come from English, marked.
    let tr = doc(&out, "tr-TR/page/2/index.html");
    assert_eq!(tr.select(&sel("#event-table a[hreflang=en-US]")).count(), 2);
    // The switcher goes to the same page of the other locales.
    let cs = doc(&out, "cs-CZ/page/3/index.html");
    assert_eq!(
        attr(&cs, ".lang-switch a[hreflang=ru-RU]", "href").as_deref(),
        Some("../../../ru-RU/page/3/index.html")
    );

    let site = Built::read(&out, BASE);
    assert_eq!(site.parse_errors(), Vec::<String>::new());
    assert_eq!(site.broken_links(), Vec::<String>::new());
    assert_eq!(site.hreflang_problems(), Vec::<String>::new());
    let (urls, problems) = site.sitemap_problems();
    assert_eq!(problems, Vec::<String>::new());
    // The chooser, 6 homes of 3 pages, 6 × 6 event pages (some from
    // English are not pages of their own: 3 locales have all six, 3 have
    // one), 6 status pages.
    assert_eq!(urls, 1 + 6 * 3 + 3 * 6 + 3 + 6);
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains(&format!("<loc>{BASE}pl-PL/page/3/</loc>")),
        "{sitemap}"
    );
}

#[test]
fn zero_and_the_default_keep_one_page() {
    for per_page in [Some(0), None] {
        let s = site(per_page);
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        build_into(&s, &out, &[], true);
        for (code, pages) in home_pages(&out) {
            assert_eq!(pages.len(), 1, "{per_page:?} {code}");
            let d = doc(&out, &pages[0]);
            assert_eq!(ids(&d).len(), 6);
            assert!(
                d.select(&sel("nav.page-nav, .filter-scope, link[rel=next]"))
                    .next()
                    .is_none()
            );
        }
    }
}

#[test]
fn a_partial_build_pages_the_locales_it_builds_without_a_dangling_link() {
    let s = site(Some(4));
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_into(&s, &out, &["cs-CZ"], true);
    let homes = home_pages(&out);
    assert_eq!(homes.keys().collect::<Vec<_>>(), ["cs-CZ", "en-US"]);
    assert!(homes.values().all(|p| p.len() == 2), "{homes:?}");
    let site = Built::read(&out, BASE);
    assert_eq!(site.broken_links(), Vec::<String>::new());
    assert_eq!(site.hreflang_problems(), Vec::<String>::new());
    assert_eq!(site.sitemap_problems().1, Vec::<String>::new());
}

/// Rebuilds `out` in place (with the cache) and asserts it equals a
/// clean build.
fn rebuild_matches_a_clean_build(s: &SampleSite, out: &Path) {
    build_into(s, out, &[], false);
    let clean = out.with_file_name("clean");
    build_into(s, &clean, &[], true);
    let (a, b) = (tree(out), tree(&clean));
    let differ: Vec<&String> = a.keys().chain(b.keys()).filter(|k| a.get(*k) != b.get(*k)).collect();
    assert!(differ.is_empty(), "incremental and clean builds differ: {differ:?}");
    std::fs::remove_dir_all(&clean).unwrap();
}

#[test]
fn an_incremental_rebuild_removes_the_pages_a_shorter_index_no_longer_has() {
    let s = site(Some(2));
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_into(&s, &out, &[], false);
    assert!(out.join("cs-CZ/page/3/index.html").is_file());
    for id in ["4029", "4030"] {
        for locale in ["en-US", "cs-CZ", "ru-RU"] {
            std::fs::remove_file(s.path(&event_file(locale, id))).unwrap();
        }
    }
    rebuild_matches_a_clean_build(&s, &out);
    for code in ["en-US", "cs-CZ", "tr-TR"] {
        assert!(out.join(format!("{code}/page/2/index.html")).is_file());
        assert!(!out.join(format!("{code}/page/3")).exists(), "{code}/page/3/ is gone");
    }
    assert_eq!(ids(&doc(&out, "cs-CZ/page/2/index.html")), ["4031", "4032"]);
    // Fewer events than a page: the page/ folder goes too.
    s.edit("site.toml", |t| {
        t.replace("events_per_page = 2", "events_per_page = 10")
    });
    rebuild_matches_a_clean_build(&s, &out);
    assert!(!out.join("cs-CZ/page").exists());
    // And back.
    add_event(&s, "4029");
    s.edit("site.toml", |t| {
        t.replace("events_per_page = 10", "events_per_page = 1")
    });
    rebuild_matches_a_clean_build(&s, &out);
    assert!(out.join("cs-CZ/page/5/index.html").is_file());
    assert!(!out.join("cs-CZ/page/6").exists());
}

#[test]
fn a_bad_events_per_page_is_refused_at_its_place() {
    let text = "title = \"t\"\nbase_url = \"https://e.org/\"\n[[locales]]\ncode = \"en-US\"\nname = \"English\"\n[build]\nevents_per_page = ";
    for bad in ["-1", "\"many\"", "2.5"] {
        let err = locdoc::config::Config::parse(Path::new("/site"), &format!("{text}{bad}\n")).unwrap_err();
        let d = &err.diagnostics()[0];
        let loc = d.location.as_ref().unwrap_or_else(|| panic!("{bad}: {d:?}"));
        assert_eq!(
            (loc.file.as_str(), loc.line, loc.column),
            ("site.toml", 7, 19),
            "{bad}: {}",
            d.message
        );
    }
    // Through the command line: file:line:col.
    let s = site(None);
    s.edit("site.toml", |t| format!("{t}events_per_page = -5\n"));
    let o = s.run(&["build"]);
    assert_eq!(o.status.code(), Some(2), "{}", common::stderr(&o));
    let lines = s.read("site.toml").lines().count();
    assert!(
        common::stderr(&o).contains(&format!("site.toml:{lines}:19")),
        "{}",
        common::stderr(&o)
    );
}

#[test]
fn an_event_pages_breadcrumb_leads_to_the_index_page_that_lists_it() {
    let s = site(Some(2));
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_into(&s, &out, &[], true);
    let mut checked = 0;
    let mut beyond_page_one = 0;
    for code in home_pages(&out).keys() {
        for e in std::fs::read_dir(out.join(code).join("events")).unwrap() {
            let dir = e.unwrap().path();
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let id = name.split('-').next().unwrap().to_string();
            let d = doc(&dir, "index.html");
            let href = attr(&d, "nav.breadcrumbs li:nth-child(2) a", "href").unwrap();
            let (path, fragment) = href.split_once('#').unwrap();
            assert_eq!(fragment, "events", "{code}/{name}: {href}");
            let mut target = dir.clone();
            for part in path.split('/') {
                match part {
                    ".." => assert!(target.pop()),
                    "" | "." => {}
                    p => target.push(p),
                }
            }
            if target.is_dir() {
                target.push("index.html");
            }
            let index = Html::parse_document(&std::fs::read_to_string(&target).unwrap());
            assert!(
                ids(&index).contains(&id),
                "{code}/{name}: its breadcrumb leads to {}, which does not list event {id}",
                target.display()
            );
            assert!(index.select(&sel("#events")).next().is_some());
            beyond_page_one += usize::from(href.contains("page/"));
            checked += 1;
        }
    }
    // Six events in en-US, cs-CZ and ru-RU, 4031 in the other three.
    assert_eq!(checked, 21);
    assert!(beyond_page_one >= 12, "{beyond_page_one}");
}
