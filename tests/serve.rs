//! `locdoc serve` through the binary: pages and the review view over HTTP,
//! live rebuilds and reload notifications, the error overlay with the last
//! good build still served, refused traversal, methods, concurrency, files
//! and folders appearing and vanishing, and a clean Ctrl-C.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use common::PAGE;
use common::server::{Server, location, next_event};
use fantoccini::actions::InputSource;

#[test]
fn serves_pages_assets_and_the_review_view_with_live_reload_injected() {
    let s = Server::start();
    let (code, body) = s.get("/");
    assert_eq!(code, 200);
    assert!(body.contains("/_locdoc/live.js"), "the live-reload script is injected");
    let (code, head, body) = s.request("GET", &Server::page_path("cs-CZ"));
    assert_eq!(code, 200);
    assert!(
        head.to_lowercase().contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(body.contains("Vlastnosti"));
    let (code, head, _) = s.request("GET", "/static/locdoc.css");
    assert_eq!(code, 200);
    assert!(head.to_lowercase().contains("content-type: text/css"), "{head}");
    // The review view: statuses coloured, counts at the top, editor links.
    let (code, review) = s.get(&format!("/_review/cs-CZ/{PAGE}/"));
    assert_eq!(code, 200);
    assert!(review.contains("class=\"st-missing"), "missing rows");
    assert!(review.contains("id=\"f-missing\""), "a filter per status");
    assert!(review.contains("vscode://file/"), "editor links");
    assert!(
        review.contains("content/cs-CZ/events/4031-dispatchsessionfailed.md:"),
        "file:line"
    );
    let (code, index) = s.get("/_review/ru-RU/");
    assert_eq!(code, 200);
    assert!(index.contains("4031"));
    // A folder without its slash is redirected; an unknown path is a 404.
    let (code, head, _) = s.request("GET", "/cs-CZ");
    assert_eq!(code, 308, "{head}");
    assert_eq!(location(&head).as_deref(), Some("/cs-CZ/"), "{head}");
    assert_eq!(s.get("/nope/").0, 404);
}

#[test]
fn an_edit_rebuilds_the_page_and_notifies_open_pages() {
    let s = Server::start();
    let events = s.events();
    let v0 = next_event(&events, "initial status", |_| true)["version"]
        .as_u64()
        .unwrap();
    s.site.edit(&format!("content/cs-CZ/{PAGE}.md"), |t| {
        t.replace(">Popis<", ">Popis události<").replace(
            "title: \"4031 – DispatchSessionFailed\"",
            "title: \"4031 – Selhání DispatchSession\"",
        )
    });
    let v = next_event(&events, "rebuild", |v| v["version"].as_u64().unwrap() > v0);
    assert!(v["errors"].as_array().unwrap().is_empty());
    assert_eq!(v["since"], v0, "{v}");
    assert!(s.get(&Server::page_path("cs-CZ")).1.contains("Popis události"));
    // The notices name the files they changed: the edited page, then the
    // site-wide pages (the locale's index lists the new title) in a notice
    // of their own, or in the same one when the browser missed a version.
    // No other page, so other open pages stay as they are.
    let names = |v: &serde_json::Value| -> Vec<String> {
        v["changed"]
            .as_array()
            .unwrap_or_else(|| panic!("changed names files: {v}"))
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect()
    };
    let mut changed = names(&v);
    assert!(changed.contains(&format!("cs-CZ/{PAGE}/index.html")), "{v}");
    let mut last = v;
    while !changed.iter().any(|c| c == "cs-CZ/index.html") {
        let since = last["version"].as_u64().unwrap();
        last = next_event(&events, "the site-wide pages", |v| {
            v["version"].as_u64().unwrap() > since
        });
        assert_eq!(last["since"], since, "{last}");
        changed.extend(names(&last));
    }
    let pages: Vec<&String> = changed.iter().filter(|c| c.contains("4031")).collect();
    assert_eq!(pages, [&format!("cs-CZ/{PAGE}/index.html")], "{changed:?}");
    assert!(s.get("/cs-CZ/").1.contains("Selhání DispatchSession"));
    // The review view follows too.
    assert!(s.get(&format!("/_review/cs-CZ/{PAGE}/")).1.contains("Popis události"));
    // An English edit re-renders every locale.
    s.site.edit(&format!("content/en-US/{PAGE}.md"), |t| {
        t.replace("Session dispatch failed.", "Session dispatch has failed.")
    });
    s.wait_until(&Server::page_path("tr-TR"), "the English change", |c, b| {
        c == 200 && b.contains("Session dispatch has failed.")
    });
}

#[test]
fn a_broken_edit_shows_the_error_and_keeps_serving_the_last_good_page() {
    let s = Server::start();
    let events = s.events();
    next_event(&events, "initial status", |_| true);
    let rel = format!("content/pl-PL/{PAGE}.md");
    s.site
        .edit(&rel, |t| t.replace("ms.date: 03/30/2017", "ms.date: [03/30/2017"));
    let v = next_event(&events, "the error", |v| !v["errors"].as_array().unwrap().is_empty());
    let e = &v["errors"][0];
    assert_eq!(e["file"], rel.as_str());
    assert_eq!(e["code"], "front-matter");
    assert!(e["line"].as_u64().unwrap() >= 4);
    // The old page is still there.
    let (code, body) = s.get(&Server::page_path("pl-PL"));
    assert_eq!(code, 200);
    assert!(body.contains("Właściwości"));
    // Fixing it clears the error.
    s.site
        .edit(&rel, |t| t.replace("ms.date: [03/30/2017", "ms.date: 03/30/2017"));
    next_event(&events, "the fix", |v| v["errors"].as_array().unwrap().is_empty());
    assert!(s.status()["errors"].as_array().unwrap().is_empty());
}

#[test]
fn traversal_is_refused_and_only_get_and_head_are_served() {
    let s = Server::start();
    for path in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E%2Fsite.toml",
        "/cs-CZ/../../site.toml",
        "/cs-CZ/%2e%2e/%2e%2e/content/en-US/events/4031-dispatchsessionfailed.md",
        "/..%5csite.toml",
        "//etc/passwd",
        "/site.toml",
        "/content/cs-CZ/events/4031-dispatchsessionfailed.md",
    ] {
        let (code, body) = s.get(path);
        assert!(code == 403 || code == 404 || code == 400, "{path}: {code}");
        assert!(!body.contains("base_url"), "{path} leaked site.toml");
    }
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let (code, head, _) = s.request(method, "/");
        assert_eq!(code, 405, "{method}");
        assert!(head.to_lowercase().contains("allow: get, head"), "{head}");
    }
    // A symbolic link out of the site is never served.
    #[cfg(unix)]
    {
        let secret = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(secret.path(), "secret-token-123").unwrap();
        std::os::unix::fs::symlink(secret.path(), s.site.path("content/cs-CZ/events/leak.txt")).unwrap();
        std::fs::write(s.site.path("content/cs-CZ/events/fine.txt"), "fine").unwrap();
        s.wait_until("/cs-CZ/events/fine.txt", "the asset rebuild", |c, _| c == 200);
        let (code, body) = s.get("/cs-CZ/events/leak.txt");
        assert_eq!(code, 404);
        assert!(!body.contains("secret-token-123"));
    }
    let (code, head, body) = s.request("HEAD", "/static/locdoc.css");
    assert_eq!(code, 200);
    assert!(body.is_empty(), "HEAD has no body");
    assert!(head.to_lowercase().contains("content-length:"), "{head}");
}

#[test]
fn five_hundred_concurrent_requests_all_succeed() {
    let s = Server::start();
    let addr = s.addr.clone();
    let paths = [
        "/",
        "/cs-CZ/",
        "/static/locdoc.css",
        "/ru-RU/events/4031-dispatchsessionfailed/",
        "/_locdoc/status",
    ];
    let handles: Vec<_> = (0..500)
        .map(|i| {
            let addr = addr.clone();
            let path = paths[i % paths.len()];
            std::thread::spawn(move || {
                let mut st = TcpStream::connect(&addr).unwrap();
                st.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
                write!(st, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
                let mut out = String::new();
                st.read_to_string(&mut out).unwrap();
                out.starts_with("HTTP/1.1 200")
            })
        })
        .collect();
    let ok = handles.into_iter().map(|h| h.join().unwrap()).filter(|ok| *ok).count();
    assert_eq!(ok, 500);
}

#[test]
fn files_and_folders_appearing_and_vanishing_converge() {
    let s = Server::start();
    // A new translation of an existing page appears in the switchers.
    std::fs::remove_file(s.site.path(&format!("content/tr-TR/{PAGE}.md"))).unwrap();
    s.wait_until(&Server::page_path("tr-TR"), "the page to go", |c, _| c == 404);
    let en = s.wait_until(&Server::page_path("en-US"), "the switcher update", |_, b| {
        !b.contains("hreflang=\"tr-TR\" href")
    });
    assert!(en.contains("Türkçe"), "tr-TR is listed as unavailable");
    std::fs::copy(
        common::repo().join(format!("content/tr-TR/{PAGE}.md")),
        s.site.path(&format!("content/tr-TR/{PAGE}.md")),
    )
    .unwrap();
    s.wait_until(&Server::page_path("tr-TR"), "the page to return", |c, b| {
        c == 200 && b.contains("Özellikler")
    });
    // A new page, written in two steps (half-written first).
    s.site.write("content/en-US/events/new.md", "---\ntitle: [New\n");
    s.wait_until("/_locdoc/status", "the half-written page's error", |_, b| {
        b.contains("front-matter")
    });
    s.site.write(
        "content/en-US/events/new.md",
        "---\ntitle: New page\n---\n# New page\n\nFresh text.\n",
    );
    s.wait_until("/en-US/events/new/", "the new page", |c, b| {
        c == 200 && b.contains("Fresh text.")
    });
    assert!(s.status()["errors"].as_array().unwrap().is_empty());
    // A folder renamed away and back.
    std::fs::rename(s.site.path("content/pl-PL"), s.site.path("content/pl-pl-old")).unwrap();
    s.wait_until("/_locdoc/status", "the unknown folder error", |_, b| {
        b.contains("unknown-locale")
    });
    assert_eq!(
        s.get(&Server::page_path("pl-PL")).0,
        200,
        "the last good build is still served"
    );
    std::fs::rename(s.site.path("content/pl-pl-old"), s.site.path("content/pl-PL")).unwrap();
    s.wait_until("/_locdoc/status", "recovery", |_, b| b.contains("\"errors\":[]"));
    // A new locale folder listed in site.toml.
    s.site.edit("site.toml", |t| {
        t.replace(
            "[markdown]",
            "[[locales]]\ncode = \"de-DE\"\nname = \"Deutsch\"\n\n[markdown]",
        )
    });
    std::fs::create_dir_all(s.site.path("content/de-DE/events")).unwrap();
    s.site.write(
        &format!("content/de-DE/{PAGE}.md"),
        &s.site
            .read(&format!("content/cs-CZ/{PAGE}.md"))
            .replace("cs-CZ", "de-DE"),
    );
    s.wait_until(&Server::page_path("de-DE"), "the new locale", |c, _| c == 200);
}

#[test]
fn the_pages_of_a_paged_event_index_come_and_go_with_the_events() {
    let s = Server::start();
    s.site.edit("site.toml", |t| format!("{t}events_per_page = 1\n"));
    let english = s.site.read(&format!("content/en-US/{PAGE}.md"));
    for id in ["4032", "4033"] {
        s.site.write(
            &format!("content/en-US/events/{id}-copy.md"),
            &english.replace("4031", id),
        );
    }
    let body = s.wait_until("/en-US/page/3/", "the third page", |c, _| c == 200);
    assert!(body.contains("4033"), "{body}");
    assert_eq!(s.get("/cs-CZ/page/3/").0, 200);
    // An edit (not a new or removed page, which loads the site again) that
    // makes a page no event: the site-wide pages are made again, and the
    // index has a page less.
    s.site
        .edit("content/en-US/events/4033-copy.md", |t| t.replace('|', " "));
    s.wait_until("/cs-CZ/page/3/", "the third page to go", |c, _| c == 404);
    assert_eq!(s.get("/en-US/page/3/").0, 404);
    assert_eq!(s.get("/cs-CZ/page/2/").0, 200);
}

#[test]
fn ctrl_c_exits_cleanly() {
    let mut s = Server::start();
    let _events = s.events();
    assert_eq!(s.get("/").0, 200);
    let pid = s.child.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            assert!(status.success(), "{status}");
            break;
        }
        assert!(Instant::now() < deadline, "the server did not stop on SIGINT");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The preview in headless Chromium: language switcher, the English
/// original on hover, a reload after an edit, and a screenshot of the
/// review view (target/screenshots/review-cs-CZ.png).
#[test]
#[ignore = "needs Chromium (apt-get install chromium chromium-driver)"]
fn in_a_real_browser() {
    let s = Server::start();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let b = common::browser::start(1280, 900).await;
        let c = &b.client;
        let base = format!("http://{}", s.addr);
        c.goto(&format!("{base}{}", Server::page_path("cs-CZ"))).await.unwrap();
        assert_eq!(
            c.execute("return document.documentElement.lang", vec![]).await.unwrap(),
            "cs-CZ"
        );

        // The language switcher keeps the reader on the same page.
        common::browser::click(c, ".lang-switch summary").await;
        common::browser::click(c, ".lang-switch a[hreflang='pl-PL']").await;
        common::browser::wait_js(c, "document.documentElement.lang === 'pl-PL'", "the Polish page").await;
        assert!(
            c.current_url()
                .await
                .unwrap()
                .path()
                .ends_with("/pl-PL/events/4031-dispatchsessionfailed/index.html")
        );

        // Hovering a translated segment shows its English original.
        let seg = c
            .find(fantoccini::Locator::Css("h2#description .seg-translated"))
            .await
            .unwrap();
        let hidden = c
            .execute(
                "return getComputedStyle(document.querySelector('h2#description .seg-en')).display",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(hidden, "none");
        let actions = fantoccini::actions::MouseActions::new("mouse".into()).then(
            fantoccini::actions::PointerAction::MoveToElement {
                element: seg,
                duration: None,
                x: 5.0,
                y: 5.0,
            },
        );
        c.perform_actions(actions).await.unwrap();
        common::browser::wait_js(
            c,
            "getComputedStyle(document.querySelector('h2#description .seg-en')).display === 'block'",
            "the English original on hover",
        )
        .await;
        let shown = c
            .execute(
                "return document.querySelector('h2#description .seg-en').innerText",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(shown, "Description");

        // An edit reloads the open page by itself.
        c.execute("window.__before_edit = true", vec![]).await.unwrap();
        s.site.edit(&format!("content/pl-PL/{PAGE}.md"), |t| {
            t.replace(">Opis<", ">Opis zdarzenia<")
        });
        common::browser::wait_js(
            c,
            "!window.__before_edit && document.body.innerText.includes('Opis zdarzenia')",
            "the reload after the edit",
        )
        .await;

        // An edit of another page leaves this one as it is...
        c.execute("window.__stays = true", vec![]).await.unwrap();
        let v0 = s.status()["version"].as_u64().unwrap();
        s.site.edit(&format!("content/cs-CZ/{PAGE}.md"), |t| {
            t.replace(">Popis<", ">Popis události<")
        });
        let deadline = Instant::now() + Duration::from_secs(20);
        while s.status()["version"].as_u64().unwrap() == v0 {
            assert!(Instant::now() < deadline, "no rebuild after the cs-CZ edit");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(
            c.execute("return window.__stays === true", vec![]).await.unwrap(),
            true,
            "the Polish page reloaded for a Czech edit"
        );
        // ...while a page showing what changed (the locale's index lists
        // the titles) reloads once the site-wide pages are regenerated.
        c.goto(&format!("{base}/cs-CZ/")).await.unwrap();
        c.execute("window.__before_edit = true", vec![]).await.unwrap();
        s.site.edit(&format!("content/cs-CZ/{PAGE}.md"), |t| {
            t.replace(
                "title: \"4031 – DispatchSessionFailed\"",
                "title: \"4031 – Selhání DispatchSession\"",
            )
        });
        common::browser::wait_js(
            c,
            "!window.__before_edit && document.body.innerText.includes('Selhání DispatchSession')",
            "the index's reload after the title edit",
        )
        .await;

        // The review view, for the README.
        c.goto(&format!("{base}/_review/cs-CZ/{PAGE}/")).await.unwrap();
        common::browser::wait_js(
            c,
            "document.querySelectorAll('tr.st-missing').length > 0",
            "review rows",
        )
        .await;
        common::browser::click(c, "#f-translated").await;
        let visible = c
            .execute(
                "return [...document.querySelectorAll('tbody tr')].filter(r => r.offsetParent !== null).length",
                vec![],
            )
            .await
            .unwrap();
        let missing = c
            .execute("return document.querySelectorAll('tr.st-missing').length", vec![])
            .await
            .unwrap();
        let untranslated = c
            .execute("return document.querySelectorAll('tr.st-untranslated').length", vec![])
            .await
            .unwrap();
        assert_eq!(
            visible.as_u64().unwrap(),
            missing.as_u64().unwrap() + untranslated.as_u64().unwrap(),
            "the filter hides translated rows"
        );
        common::browser::click(c, "#f-translated").await;
        let png = c.screenshot().await.unwrap();
        let dir = common::repo().join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("review-cs-CZ.png"), &png).unwrap();
        assert!(png.starts_with(b"\x89PNG"));
        // A broken edit shows the overlay over the last good page.
        s.site
            .edit(&format!("content/pl-PL/{PAGE}.md"), |t| t.replacen("---\n", "", 1));
        c.goto(&format!("{base}{}", Server::page_path("pl-PL"))).await.unwrap();
        common::browser::wait_js(c, "document.getElementById('locdoc-overlay')", "the error overlay").await;
        let overlay = c
            .execute("return document.getElementById('locdoc-overlay').innerText", vec![])
            .await
            .unwrap();
        assert!(overlay.as_str().unwrap().contains("front-matter"), "{overlay}");
        assert!(
            overlay
                .as_str()
                .unwrap()
                .contains("content/pl-PL/events/4031-dispatchsessionfailed.md:1:1"),
            "{overlay}"
        );

        b.client.clone().close().await.unwrap();
    });
}
