//! The built site in a real browser: headless Chromium driven over
//! WebDriver (chromedriver + fantoccini), the site served by a small HTTP
//! server on 127.0.0.1. Filters the event index, sorts it, searches in
//! Russian and Turkish, and takes the README's screenshots at phone and
//! desktop widths in light and dark mode.
//!
//! Ignored by default: it needs Chromium and chromedriver and the shared
//! corpus (`.ci/run` installs the browser and runs it with
//! `--include-ignored`; a missing one fails it). Screenshots go to
//! `target/tmp/screenshots/`; with `LOCDOC_SCREENSHOTS=1` also to
//! `docs/screenshots/` (the README's).

mod common;

use common::browser::{click, driver, runtime, session, until};
use common::files::serve;
use fantoccini::{Client, Locator};
use locdoc::BuildOptions;
use serde_json::json;
use std::path::{Path, PathBuf};

const VISIBLE_ROWS: &str =
    "return Array.from(document.querySelectorAll('#event-table tbody tr')).filter(r => !r.hidden).length;";
const RESULTS: &str =
    "return Array.from(document.querySelectorAll('#search-results li a')).map(a => a.getAttribute('href'));";

/// Runs a search on the search page at `url` and returns the result links.
async fn search(c: &Client, url: &str, query: &str) -> Vec<String> {
    c.goto(url).await.unwrap();
    let input = c.find(Locator::Css("#search-q")).await.unwrap();
    input.send_keys(query).await.unwrap();
    click(c, ".search-form button").await;
    let status = until(
        c,
        "const s = document.getElementById('search-status').textContent; const busy = document.getElementById('search-config').dataset.loading; return s && s !== busy ? s : null;",
        |v| v.is_string(),
    )
    .await;
    let links = c.execute(RESULTS, vec![]).await.unwrap();
    let links: Vec<String> = serde_json::from_value(links).unwrap();
    eprintln!("search {query:?}: {status} {links:?}");
    links
}

/// Takes a screenshot of `url` at `width`×`height`, after `ready` (a
/// script) returns true.
async fn shot(c: &Client, url: &str, width: u32, height: u32, name: &str, ready: Option<&str>) {
    c.set_window_size(width, height).await.unwrap();
    c.goto(url).await.unwrap();
    if let Some(js) = ready {
        until(c, js, |v| v == &json!(true)).await;
    }
    let png = c.screenshot().await.unwrap();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), &png).unwrap();
    if std::env::var_os("LOCDOC_SCREENSHOTS").is_some() {
        let docs = common::repo().join("docs/screenshots");
        std::fs::create_dir_all(&docs).unwrap();
        std::fs::write(docs.join(name), &png).unwrap();
    }
    assert!(png.starts_with(b"\x89PNG"), "{name}");
}

fn build_site(content: Option<PathBuf>, out: &Path) {
    locdoc::build(&BuildOptions {
        root: common::repo(),
        content,
        out: Some(out.to_path_buf()),
        ..Default::default()
    })
    .unwrap();
}

#[test]
#[ignore = "needs Chromium (apt-get install chromium chromium-driver) and the shared corpus"]
fn the_site_filters_sorts_and_searches_in_a_browser() {
    let driver = driver();
    let tmp = tempfile::tempdir().unwrap();
    let sample = tmp.path().join("sample");
    build_site(None, &sample);
    let sample_port = serve(sample);
    // The screenshots show the corpus: a site of 2,148 pages.
    let corpus = tmp.path().join("corpus");
    build_site(Some(common::corpus()), &corpus);
    let shots_port = serve(corpus);
    let s = |path: &str| format!("http://127.0.0.1:{sample_port}/{path}");
    let p = |path: &str| format!("http://127.0.0.1:{shots_port}/{path}");
    runtime().block_on(async {
        let c = session(&driver, false, &tmp.path().join("profile-light")).await;
        c.set_window_size(1280, 900).await.unwrap();

        // The event index: JavaScript shows the tools; filter, level, sort.
        c.goto(&s("ru-RU/index.html")).await.unwrap();
        until(&c, "return !document.querySelector('.table-tools').hidden;", |v| {
            v == &json!(true)
        })
        .await;
        let filter = c.find(Locator::Css("#event-filter")).await.unwrap();
        filter.send_keys("ОШИБКА").await.unwrap();
        until(&c, VISIBLE_ROWS, |v| v == &json!(1)).await;
        filter.send_keys(" zzz").await.unwrap();
        until(&c, VISIBLE_ROWS, |v| v == &json!(0)).await;
        let no_match = c.find(Locator::Css(".no-match")).await.unwrap();
        assert!(no_match.is_displayed().await.unwrap());
        filter.clear().await.unwrap();
        filter.send_keys("dispatch").await.unwrap();
        until(&c, VISIBLE_ROWS, |v| v == &json!(1)).await;
        let count = c
            .find(Locator::Css(".filter-count"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(count, "Показано: 1 из 1");
        let url = c.current_url().await.unwrap();
        assert_eq!(
            url.query(),
            Some("filter=dispatch"),
            "the filter is kept in the address"
        );
        click(&c, "#event-table th:first-child button").await;
        let sort = c
            .find(Locator::Css("#event-table th:first-child"))
            .await
            .unwrap()
            .attr("aria-sort")
            .await
            .unwrap();
        assert_eq!(sort.as_deref(), Some("descending"));
        // The level menu lists the translated levels.
        let level = c.find(Locator::Css("#level-filter")).await.unwrap();
        level.select_by_value("Ошибка").await.unwrap();
        until(&c, VISIBLE_ROWS, |v| v == &json!(1)).await;

        // Russian search: case, inflection (stemming).
        let page = "events/4031-dispatchsessionfailed/index.html";
        for q in ["СЕАНСА", "сеанс", "ошибки диспетчеризации"] {
            let found = search(&c, &s("ru-RU/search/index.html"), q).await;
            assert!(
                found.iter().any(|h| h.ends_with(&format!("/ru-RU/{page}"))),
                "ru {q}: {found:?}"
            );
        }
        // Turkish: dotless ı and dotted İ in either case, with or without
        // diacritics.
        for q in [
            "BAŞARISIZ",
            "başarısız",
            "basarisiz",
            "İLETİ",
            "ileti",
            "açıklama",
            "ACIKLAMA",
        ] {
            let found = search(&c, &s("tr-TR/search/index.html"), q).await;
            assert!(
                found.iter().any(|h| h.ends_with(&format!("/tr-TR/{page}"))),
                "tr {q}: {found:?}"
            );
        }
        // Czech without diacritics; Polish ł typed as l.
        let found = search(&c, &s("cs-CZ/search/index.html"), "zprava").await;
        assert!(
            found.iter().any(|h| h.ends_with(&format!("/cs-CZ/{page}"))),
            "cs: {found:?}"
        );
        // Each language searches its own pages only.
        let found = search(&c, &s("tr-TR/search/index.html"), "сеанса").await;
        assert!(found.is_empty(), "{found:?}");
        let none = c
            .find(Locator::Css("#search-status"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(none, "Sonuç bulunamadı.");

        // The language chooser suggests, never redirects.
        c.goto(&s("index.html")).await.unwrap();
        let suggested = until(
            &c,
            "const p = document.getElementById('lang-suggest'); return p.hidden ? null : p.textContent;",
            |v| v.is_string(),
        )
        .await;
        assert!(
            suggested.as_str().unwrap().starts_with("Read this documentation"),
            "{suggested}"
        );
        assert!(c.current_url().await.unwrap().path().ends_with("/index.html"));

        // Screenshots, light.
        shot(
            &c,
            &p("ru-RU/index.html?filter=session"),
            1280,
            900,
            "event-index-desktop-light.png",
            None,
        )
        .await;
        shot(&c, &p("status/index.html"), 1280, 900, "status-desktop-light.png", None).await;
        shot(
            &c,
            &p("cs-CZ/etw/4031-dispatchsessionfailed/index.html"),
            390,
            844,
            "event-phone-light.png",
            None,
        )
        .await;
        c.close().await.unwrap();

        let d = session(&driver, true, &tmp.path().join("profile-dark")).await;
        shot(
            &d,
            &p("tr-TR/search/index.html?q=ba%C5%9Far%C4%B1s%C4%B1z"),
            1280,
            900,
            "search-desktop-dark.png",
            Some("return document.querySelectorAll('#search-results li').length > 0;"),
        )
        .await;
        shot(&d, &p("pl-PL/index.html"), 390, 844, "home-phone-dark.png", None).await;
        d.close().await.unwrap();
    });
}
