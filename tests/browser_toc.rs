//! The navigation tree in a real browser, on a phone-sized window: the tree
//! folds behind its button, the locale's whole tree loads into the sidebar,
//! and a reader clicks through it (and through previous/next in tree
//! order) on the corpus' Czech pages. Takes the README's screenshot of the
//! tree (`toc-phone-light.png`; to `docs/screenshots/` with
//! `LOCDOC_SCREENSHOTS=1`).
//!
//! Ignored by default: it needs Chromium and chromedriver and the shared
//! corpus (`cargo test -- --include-ignored` fails it when one is missing).

mod common;

use common::browser::{click, runtime, start, until, wait_js};
use common::files::serve;
use fantoccini::{Client, Locator};
use serde_json::json;
use std::path::PathBuf;

/// The sidebar's state: whether the tree is folded, loaded, the current
/// entry's text, and whether every ancestor `<details>` of it is open.
const STATE: &str = r#"
const side = document.querySelector('.toc-side');
const fold = side.querySelector('.toc-fold');
const tree = side.querySelector('.toc-tree');
const cur = tree.querySelector('a[aria-current=page]');
let open = true;
for (let e = cur && cur.parentElement; e && e !== tree; e = e.parentElement) {
  if (e.tagName === 'DETAILS' && !e.open) open = false;
}
return { folded: !fold.open, loaded: tree.hasAttribute('data-loaded'),
  current: cur ? cur.textContent : null, ancestors_open: open,
  tree_visible: tree.checkVisibility(),
  button_visible: side.querySelector('.toc-button').checkVisibility(),
  links: tree.querySelectorAll('a').length };
"#;

/// The tree's links whose box reaches past the tree's (more than a pixel),
/// how many names are longer than 40 characters, and whether the page is
/// wider than the window.
const OVERFLOW: &str = r#"
const tree = document.querySelector('.toc-side .toc-tree');
const box = tree.getBoundingClientRect();
const links = Array.from(tree.querySelectorAll('a'));
const outside = links.filter(a => {
  const r = a.getBoundingClientRect();
  return r.right > box.right + 1 || r.left < box.left - 1;
}).map(a => a.textContent);
return { outside: outside.slice(0, 5),
  long: links.filter(a => a.textContent.length > 40).length,
  page_scrolls: document.documentElement.scrollWidth > window.innerWidth };
"#;

async fn state(c: &Client) -> serde_json::Value {
    until(c, STATE, |v| v["loaded"] == json!(true)).await
}

/// Clicks the sidebar link named `name` (the tree must be open).
async fn follow(c: &Client, name: &str) {
    let xpath = format!("//nav[contains(@class,'toc-side')]//a[normalize-space(.)='{name}']");
    let link = c.find(Locator::XPath(&xpath)).await.unwrap();
    link.click().await.unwrap();
    wait_js(
        c,
        &format!("document.querySelector('.breadcrumbs [aria-current=page]') && document.querySelector('.toc-side a[aria-current=page]') && document.querySelector('.toc-side a[aria-current=page]').textContent === {}", json!(name)),
        name,
    )
    .await;
}

#[test]
#[ignore = "needs Chromium (apt-get install chromium chromium-driver) and the shared corpus"]
fn the_tree_folds_on_a_phone_and_a_reader_clicks_through_it() {
    let tmp = tempfile::tempdir().unwrap();
    let site = common::corpus_site(tmp.path());
    let port = serve(site);
    let url = |path: &str| format!("http://127.0.0.1:{port}/{path}");
    runtime().block_on(async {
        let browser = start(390, 844).await;
        let c = browser.client.clone();

        // An event page: the tree is folded behind its button, and the
        // whole Czech tree has replaced the page's own branch.
        c.goto(&url("cs-CZ/etw/4031-dispatchsessionfailed/")).await.unwrap();
        let s = state(&c).await;
        assert_eq!(s["folded"], json!(true), "{s}");
        assert_eq!(s["tree_visible"], json!(false), "{s}");
        assert_eq!(s["button_visible"], json!(true), "{s}");
        assert_eq!(s["links"], json!(358), "the whole tree: {s}");
        assert_eq!(s["current"], json!("4031 – DispatchSessionFailed"), "{s}");
        assert_eq!(s["ancestors_open"], json!(true), "{s}");

        // The button opens it; the Czech names are there.
        click(&c, ".toc-button").await;
        let s = until(&c, STATE, |v| v["tree_visible"] == json!(true)).await;
        assert_eq!(s["folded"], json!(false), "{s}");
        // Long event names wrap inside the tree's box: no link reaches past
        // it, and the page does not scroll sideways.
        let overflow = c.execute(OVERFLOW, vec![]).await.unwrap();
        assert!(
            overflow["long"].as_u64().is_some_and(|n| n > 0),
            "the tree has long names to wrap: {overflow}"
        );
        assert_eq!(overflow["outside"], json!([]), "{overflow}");
        assert_eq!(overflow["page_scrolls"], json!(false), "{overflow}");
        let png = c.screenshot().await.unwrap();
        assert!(png.starts_with(b"\x89PNG"));
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("toc-phone-light.png"), &png).unwrap();
        if std::env::var_os("LOCDOC_SCREENSHOTS").is_some() {
            std::fs::write(common::repo().join("docs/screenshots/toc-phone-light.png"), &png).unwrap();
        }

        // Up the tree to the overview, then into the event reference and
        // one of its events: each page marks itself with its ancestors open.
        follow(&c, "Analytické trasování – přehled").await;
        let s = state(&c).await;
        assert_eq!(s["folded"], json!(true), "a new page starts folded: {s}");
        click(&c, ".toc-button").await;
        until(&c, STATE, |v| v["tree_visible"] == json!(true)).await;
        follow(&c, "Události analytického trasování – přehled").await;
        click(&c, ".toc-button").await;
        until(&c, STATE, |v| v["tree_visible"] == json!(true)).await;
        follow(&c, "131 - BufferPoolAllocation").await;
        let s = state(&c).await;
        assert_eq!(s["ancestors_open"], json!(true), "{s}");
        let crumbs = c
            .execute(
                "return Array.from(document.querySelectorAll('.breadcrumbs li')).map(li => li.textContent);",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(
            crumbs.as_array().map(|a| &a[..3]),
            Some(
                &[
                    json!("Domů"),
                    json!("Analytické trasování s ETW"),
                    json!("Události analytického trasování – přehled")
                ][..]
            ),
            "{crumbs}"
        );

        // Previous/next follow the tree: before event 131 is the event reference.
        click(&c, ".pager-prev").await;
        wait_js(
            &c,
            "location.pathname.includes('/etw/analytic-trace-event-reference/')",
            "the previous page",
        )
        .await;
        click(&c, ".pager-next").await;
        wait_js(
            &c,
            "location.pathname.includes('/etw/131-bufferpoolallocation/')",
            "the next page",
        )
        .await;

        // Wide: the tree is a sidebar, open, without the button.
        c.set_window_size(1280, 900).await.unwrap();
        let s = until(&c, STATE, |v| v["tree_visible"] == json!(true)).await;
        assert_eq!(s["button_visible"], json!(false), "{s}");
        c.close().await.unwrap();
    });
}
