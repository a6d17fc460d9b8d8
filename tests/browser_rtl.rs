//! In headless Chromium (ignored by default, like `tests/browser.rs`): a
//! right-to-left page mirrors its layout and keeps English fallback text,
//! code and the article's tables left-to-right; the search page opened from
//! disk says why it cannot search; `serve` reloads a page when the theme's
//! CSS changes. With `LOCDOC_SCREENSHOTS=1` the Arabic page's screenshot
//! goes to `docs/screenshots/` (the README's).

mod common;

use std::path::{Path, PathBuf};

use common::browser::{NEEDS, runtime, start, until, wait_js};
use common::server::Server;
use common::{PAGE, SampleSite};
use serde_json::json;

/// An Arabic translation of the sample page: the table's labels, the
/// headings, the description and the message; the Details section is left
/// untranslated, so it shows in English.
const AR_PAGE: &str = r#"---
title: "4031 - DispatchSessionFailed"
ms.contentlocale: ar-SA
---
# <span data-ttu-id="a1b2c-101">4031 - DispatchSessionFailed</span><span class="sxs-lookup"><span data-stu-id="a1b2c-101">4031 - DispatchSessionFailed</span></span>
## <span data-ttu-id="a1b2c-102">الخصائص</span><span class="sxs-lookup"><span data-stu-id="a1b2c-102">Properties</span></span>

|||
|-|-|
|<span data-ttu-id="a1b2c-103">المعرّف</span><span class="sxs-lookup"><span data-stu-id="a1b2c-103">ID</span></span>|<span data-ttu-id="a1b2c-104">4031</span><span class="sxs-lookup"><span data-stu-id="a1b2c-104">4031</span></span>|
|<span data-ttu-id="a1b2c-105">الكلمات الأساسية</span><span class="sxs-lookup"><span data-stu-id="a1b2c-105">Keywords</span></span>|<span data-ttu-id="a1b2c-106">ActivationServices</span><span class="sxs-lookup"><span data-stu-id="a1b2c-106">ActivationServices</span></span>|
|<span data-ttu-id="a1b2c-107">المستوى</span><span class="sxs-lookup"><span data-stu-id="a1b2c-107">Level</span></span>|<span data-ttu-id="a1b2c-108">خطأ</span><span class="sxs-lookup"><span data-stu-id="a1b2c-108">Error</span></span>|
|<span data-ttu-id="a1b2c-109">القناة</span><span class="sxs-lookup"><span data-stu-id="a1b2c-109">Channel</span></span>|<span data-ttu-id="a1b2c-110">Microsoft-Windows-Application Server-Applications/Analytic</span><span class="sxs-lookup"><span data-stu-id="a1b2c-110">Microsoft-Windows-Application Server-Applications/Analytic</span></span>|

## <span data-ttu-id="a1b2c-111">الوصف</span><span class="sxs-lookup"><span data-stu-id="a1b2c-111">Description</span></span>
 <span data-ttu-id="a1b2c-112">يُصدَر هذا الحدث عند فشل إرسال الجلسة.</span><span class="sxs-lookup"><span data-stu-id="a1b2c-112">This event is emitted when the session dispatch has failed.</span></span>

## <span data-ttu-id="a1b2c-113">الرسالة</span><span class="sxs-lookup"><span data-stu-id="a1b2c-113">Message</span></span>
 <span data-ttu-id="a1b2c-114">فشل إرسال الجلسة.</span><span class="sxs-lookup"><span data-stu-id="a1b2c-114">Session dispatch failed.</span></span>

## <span data-ttu-id="a1b2c-115">التفاصيل</span><span class="sxs-lookup"><span data-stu-id="a1b2c-115">Details</span></span>
"#;

/// The sample site with an Arabic locale, built into `out`.
fn arabic_site(out: &Path) -> SampleSite {
    let site = SampleSite::new();
    site.edit("site.toml", |t| {
        t.replacen(
            "[[locales]]\ncode = \"cs-CZ\"",
            "[[locales]]\ncode = \"ar-SA\"\nname = \"العربية\"\n\n[[locales]]\ncode = \"cs-CZ\"",
            1,
        )
    });
    site.write(&format!("content/ar-SA/{PAGE}.md"), AR_PAGE);
    locdoc::build(&locdoc::BuildOptions {
        root: site.root().to_path_buf(),
        out: Some(out.to_path_buf()),
        ..Default::default()
    })
    .unwrap();
    site
}

/// What the Arabic page looks like, measured in the browser.
const MEASURE: &str = r#"
const w = window.innerWidth;
const rect = (el) => el.getBoundingClientRect();
const style = (sel) => getComputedStyle(document.querySelector(sel));
const crumbs = Array.from(document.querySelectorAll('.breadcrumbs li')).map((li) => rect(li).left);
// The English fallback paragraph: where its last letter and its final
// full stop are drawn.
const seg = Array.from(document.querySelectorAll('.seg-missing')).find((s) => s.textContent.trim().endsWith('channel.'));
let period = null, letter = null;
if (seg) {
  const walker = document.createTreeWalker(seg, NodeFilter.SHOW_TEXT);
  let last = null;
  while (walker.nextNode()) if (walker.currentNode.textContent.trim()) last = walker.currentNode;
  const t = last.textContent.trimEnd();
  const at = (i) => { const r = document.createRange(); r.setStart(last, i); r.setEnd(last, i + 1); return rect(r).left; };
  period = at(t.length - 1);
  letter = at(t.length - 2);
}
return {
  dir: document.documentElement.dir,
  direction: getComputedStyle(document.documentElement).direction,
  titleLeft: rect(document.querySelector('.site-title')).left,
  half: w / 2,
  crumbsMirrored: crumbs.length > 1 && crumbs[0] > crumbs[1],
  segDir: seg ? seg.getAttribute('dir') : null,
  segDirection: seg ? getComputedStyle(seg).direction : null,
  segBidi: seg ? getComputedStyle(seg).unicodeBidi : null,
  periodAfterLetter: period !== null && period > letter,
  codeDirection: style('article code').direction,
  tableDirection: style('article table').direction,
  // The English page's first column (the labels) stays on the left.
  labelsLeft: (() => { const r = document.querySelector('article table tbody tr'); const cells = r.querySelectorAll('td, th'); return rect(cells[0]).left < rect(cells[1]).left; })(),
  switcherLang: document.querySelector('.lang-switch a[lang="en-US"]').getAttribute('dir'),
};
"#;

#[test]
#[ignore = "needs Chromium (apt-get install chromium chromium-driver)"]
fn an_arabic_page_is_mirrored_and_keeps_english_code_and_tables_left_to_right() {
    let _ = NEEDS;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let _site = arabic_site(&out);
    let html = std::fs::read_to_string(out.join(format!("ar-SA/{PAGE}/index.html"))).unwrap();
    assert!(
        html.contains("<html lang=\"ar-SA\" dir=\"rtl\">"),
        "dir from the locale code"
    );
    let port = common::files::serve(out);
    runtime().block_on(async {
        let b = start(1024, 700).await;
        let c = &b.client;
        c.goto(&format!("http://127.0.0.1:{port}/ar-SA/{PAGE}/index.html"))
            .await
            .unwrap();
        let m = until(c, MEASURE, |v| v.is_object()).await;
        eprintln!("{m}");
        assert_eq!(m["dir"], json!("rtl"));
        assert_eq!(m["direction"], json!("rtl"));
        assert!(
            m["titleLeft"].as_f64().unwrap() > m["half"].as_f64().unwrap(),
            "the site title starts on the right: {m}"
        );
        assert_eq!(m["crumbsMirrored"], json!(true), "breadcrumbs run right to left");
        assert_eq!(m["segDir"], json!("ltr"));
        assert_eq!(m["segDirection"], json!("ltr"));
        assert_eq!(m["segBidi"], json!("isolate"));
        assert_eq!(
            m["periodAfterLetter"],
            json!(true),
            "the English sentence's full stop stays at its end"
        );
        assert_eq!(m["codeDirection"], json!("ltr"));
        assert_eq!(m["tableDirection"], json!("ltr"));
        assert_eq!(m["labelsLeft"], json!(true), "the table's columns keep their order");
        assert_eq!(m["switcherLang"], json!("auto"));
        let png = c.screenshot().await.unwrap();
        assert!(png.starts_with(b"\x89PNG"));
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("rtl-ar-SA-desktop.png"), &png).unwrap();
        if std::env::var_os("LOCDOC_SCREENSHOTS").is_some() {
            std::fs::write(common::repo().join("docs/screenshots/rtl-ar-SA-desktop.png"), &png).unwrap();
        }
    });
}

#[test]
#[ignore = "needs Chromium (apt-get install chromium chromium-driver)"]
fn the_search_page_opened_from_disk_says_to_serve_it_over_http() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    locdoc::build(&locdoc::BuildOptions {
        root: common::repo(),
        out: Some(out.clone()),
        ..Default::default()
    })
    .unwrap();
    let url = url::Url::from_file_path(out.join("cs-CZ/search/index.html")).unwrap();
    runtime().block_on(async {
        let b = start(1024, 700).await;
        let c = &b.client;
        c.goto(url.as_str()).await.unwrap();
        let said = until(
            c,
            "return document.getElementById('search-status').textContent || null;",
            |v| v.is_string(),
        )
        .await;
        let want = locdoc::render::I18n::load(&locdoc::config::Config::load(&common::repo()).unwrap(), &common::repo())
            .unwrap()
            .get(1, "search-unavailable");
        assert_eq!(said, json!(want));
    });
}

#[test]
#[ignore = "needs Chromium (apt-get install chromium chromium-driver)"]
fn serve_reloads_an_open_page_when_the_theme_css_changes() {
    let s = Server::start();
    runtime().block_on(async {
        let b = start(1024, 700).await;
        let c = &b.client;
        c.goto(&format!("http://{}/cs-CZ/{PAGE}/", s.addr)).await.unwrap();
        wait_js(c, "document.readyState === 'complete'", "the page").await;
        // Wait for the live-reload connection before editing.
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        s.site.edit("templates/static/locdoc.css", |t| {
            t + "\nbody { outline: 3px solid rgb(1, 2, 3); }\n"
        });
        wait_js(
            c,
            "getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)'",
            "the page reloaded with the edited stylesheet",
        )
        .await;
    });
}
