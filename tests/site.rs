//! The site around the pages: language chooser, home pages with the event
//! index, status dashboard, search, sitemap and robots.txt, navigation,
//! valid HTML and unbroken links — on the sample site.

mod common;

use std::path::Path;

use common::sitecheck::{Built, sel, text};
use common::{PAGE, SEED_LOCALES, SampleSite, repo};
use locdoc::check::CheckOptions;
use locdoc::{BuildOptions, Site, build};
use scraper::{ElementRef, Html};

fn build_into(root: &Path, out: &Path) -> locdoc::BuildReport {
    build(&BuildOptions {
        root: root.to_path_buf(),
        out: Some(out.to_path_buf()),
        ..Default::default()
    })
    .unwrap()
}

fn doc(out: &Path, rel: &str) -> Html {
    let p = out.join(rel);
    Html::parse_document(&std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
}

const BASE: &str = "https://docs.example.org/wcf-etw/";

#[test]
fn every_page_is_valid_html_and_every_internal_link_and_anchor_resolves() {
    let out = tempfile::tempdir().unwrap();
    build_into(&repo(), out.path());
    let site = Built::read(out.path(), BASE);
    // 6 pages, 6 homes, the chooser, 6 status pages, 6 search pages, 6
    // contents pages.
    assert_eq!(site.pages.len(), 31, "{:?}", site.pages.keys().collect::<Vec<_>>());
    assert_eq!(site.parse_errors(), Vec::<String>::new());
    assert_eq!(site.broken_links(), Vec::<String>::new());
    // Every page says what it is.
    let sel_desc = sel("meta[name=description]");
    for (p, d) in &site.pages {
        let desc = d.select(&sel_desc).next().and_then(|m| m.value().attr("content"));
        assert!(desc.is_some_and(|t| !t.trim().is_empty()), "{p} has no description");
    }
    // Every page names its icon (so browsers do not ask for /favicon.ico),
    // and the icon is there (broken_links follows link[href]).
    let icon = sel("link[rel=icon][href$='static/favicon.svg']");
    for (p, d) in &site.pages {
        assert!(d.select(&icon).next().is_some(), "{p} has no icon link");
    }
}

#[test]
fn search_landmarks_have_distinct_names() {
    let out = tempfile::tempdir().unwrap();
    build_into(&repo(), out.path());
    for code in ["en-US"].into_iter().chain(SEED_LOCALES) {
        let d = doc(out.path(), &format!("{code}/search/index.html"));
        let names: Vec<String> = d
            .select(&sel("[role=search]"))
            .map(
                |f| match (f.value().attr("aria-label"), f.value().attr("aria-labelledby")) {
                    (Some(l), _) => l.to_string(),
                    (None, Some(id)) => text(&d.select(&sel(&format!("#{id}"))).next().unwrap()),
                    (None, None) => String::new(),
                },
            )
            .collect();
        assert_eq!(names.len(), 2, "{code}");
        assert!(
            names.iter().all(|n| !n.is_empty()) && names[0] != names[1],
            "{code}: {names:?}"
        );
    }
}

#[test]
fn hreflang_alternates_are_symmetric_and_the_sitemap_agrees() {
    let out = tempfile::tempdir().unwrap();
    build_into(&repo(), out.path());
    let site = Built::read(out.path(), BASE);
    assert_eq!(site.hreflang_problems(), Vec::<String>::new());
    let (urls, problems) = site.sitemap_problems();
    assert_eq!(problems, Vec::<String>::new());
    // The chooser, 6 homes, 6 pages, 6 status pages; search pages are noindex.
    assert_eq!(urls, 19);
    // Every page lists every translation of it.
    for code in ["en-US", "cs-CZ", "tr-TR"] {
        let alts = site.alternates(&format!("{code}/{PAGE}/index.html"));
        assert_eq!(alts.len(), 7, "{code}");
        assert_eq!(alts["x-default"], format!("{BASE}en-US/{PAGE}/"));
        assert_eq!(alts["ru-RU"], format!("{BASE}ru-RU/{PAGE}/"));
    }
    let robots = std::fs::read_to_string(out.path().join("robots.txt")).unwrap();
    assert!(robots.contains(&format!("Sitemap: {BASE}sitemap.xml")), "{robots}");
}

/// The `<loc>`s of a sitemap file's `url` (or `sitemap`) elements.
fn locs(xml: &str, element: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name(element))
        .filter_map(|n| n.children().find(|c| c.has_tag_name("loc")))
        .filter_map(|l| l.text().map(str::to_string))
        .collect()
}

#[test]
fn a_big_sitemap_is_split_under_a_sitemap_index() {
    let site = Site::load(&repo(), locdoc::config::Config::load(&repo()).unwrap()).unwrap();
    let (whole, split) = common::rendered(&site, |renderer, all, rendered| {
        let facts = locdoc::render::site_pages::SiteFacts {
            summaries: &rendered.summaries,
            status: &rendered.status,
            locales: all,
        };
        (renderer.sitemaps(&facts, 1000), renderer.sitemaps(&facts, 5))
    });
    assert_eq!(whole.len(), 1, "19 URLs fit one file");
    let every = locs(&whole[0].1, "url");
    assert_eq!(every.len(), 19);
    let names: Vec<&str> = split.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "sitemap.xml",
            "sitemap-1.xml",
            "sitemap-2.xml",
            "sitemap-3.xml",
            "sitemap-4.xml"
        ]
    );
    let index = locs(&split[0].1, "sitemap");
    assert_eq!(
        index,
        names[1..].iter().map(|n| format!("{BASE}{n}")).collect::<Vec<_>>()
    );
    let mut parts = Vec::new();
    for (_, text) in &split[1..] {
        let urls = locs(text, "url");
        assert!(!urls.is_empty() && urls.len() <= 5, "{urls:?}");
        parts.extend(urls);
    }
    assert_eq!(parts, every, "the parts list every URL once, in order");
}

#[test]
fn a_missing_translation_is_marked_and_left_out_of_the_alternates() {
    let site = SampleSite::new();
    std::fs::remove_file(site.path(&format!("content/pl-PL/{PAGE}.md"))).unwrap();
    let out = tempfile::tempdir().unwrap();
    build_into(site.root(), out.path());
    let built = Built::read(out.path(), BASE);
    assert_eq!(built.hreflang_problems(), Vec::<String>::new());
    assert_eq!(built.broken_links(), Vec::<String>::new());
    let cs = doc(out.path(), &format!("cs-CZ/{PAGE}/index.html"));
    assert!(
        !built
            .alternates(&format!("cs-CZ/{PAGE}/index.html"))
            .contains_key("pl-PL")
    );
    let unavailable = cs.select(&sel(".lang-switch .unavailable")).next().unwrap();
    assert_eq!(unavailable.value().attr("lang"), Some("pl-PL"));
    // The Polish home still lists the event, from English, marked.
    let pl = doc(out.path(), "pl-PL/index.html");
    let link = pl.select(&sel("#event-table tbody a")).next().unwrap();
    assert_eq!(link.value().attr("hreflang"), Some("en-US"));
    assert_eq!(
        link.value().attr("href"),
        Some(format!("../en-US/{PAGE}/index.html").as_str())
    );
}

#[test]
fn the_event_index_lists_events_in_the_locales_language() {
    let out = tempfile::tempdir().unwrap();
    build_into(&repo(), out.path());
    let heads = |code: &str| -> Vec<String> {
        doc(out.path(), &format!("{code}/index.html"))
            .select(&sel("#event-table thead th"))
            .map(|t| text(&t))
            .collect()
    };
    assert_eq!(heads("en-US"), ["ID", "Name", "Level", "Keywords", "Channel"]);
    assert_eq!(heads("cs-CZ"), ["ID", "Název", "Úroveň", "Klíčová slova", "Kanál"]);
    assert_eq!(heads("ru-RU"), ["ИД", "Имя", "Уровень", "Ключевые слова", "Канал"]);
    assert_eq!(heads("tr-TR"), ["Kimlik", "Ad", "Düzey", "Anahtar sözcükler", "Kanal"]);

    let row = |code: &str| -> Vec<String> {
        let d = doc(out.path(), &format!("{code}/index.html"));
        let rows: Vec<ElementRef> = d.select(&sel("#event-table tbody tr")).collect();
        assert_eq!(rows.len(), 1, "{code}");
        rows[0].select(&sel("td")).map(|t| text(&t)).collect()
    };
    // The values are the translated cells of each page's Properties table.
    assert_eq!(
        row("en-US"),
        [
            "4031",
            "DispatchSessionFailed",
            "Error",
            "ActivationServices",
            "Microsoft-Windows-Application Server-Applications/Analytic"
        ]
    );
    let cs = row("cs-CZ");
    assert_eq!(cs[..3], ["4031", "DispatchSessionFailed", "Chyba"]);
    let ru = row("ru-RU");
    assert_eq!(ru[2], "Ошибка");
    assert_eq!(ru[3], "Службы активации");
    // The level sorts by severity, not by its translated name.
    let d = doc(out.path(), "ru-RU/index.html");
    let level = d.select(&sel("#event-table tbody td:nth-child(3)")).next().unwrap();
    assert_eq!(level.value().attr("data-value"), Some("2"));
    // The filter box matches folded text: no case, no diacritics.
    let tr = d.select(&sel("#event-table tbody tr")).next().unwrap();
    assert!(tr.value().attr("data-search").unwrap().contains("ошибка"));
    // The link leads to the page, and the page back to the index.
    let a = d.select(&sel("#event-table tbody a")).next().unwrap();
    assert_eq!(a.value().attr("href"), Some(format!("{PAGE}/index.html").as_str()));
    let page = doc(out.path(), &format!("ru-RU/{PAGE}/index.html"));
    let crumbs: Vec<String> = page.select(&sel(".breadcrumbs li")).map(|l| text(&l)).collect();
    assert_eq!(crumbs, ["Главная", "Указатель событий", "4031 - DispatchSessionFailed"]);
    let back = page.select(&sel(".breadcrumbs a")).nth(1).unwrap();
    assert_eq!(back.value().attr("href"), Some("../../index.html#events"));
}

#[test]
fn the_chooser_lists_locales_with_coverage_and_suggests_without_redirecting() {
    let out = tempfile::tempdir().unwrap();
    build_into(&repo(), out.path());
    let root = doc(out.path(), "index.html");
    let items: Vec<ElementRef> = root.select(&sel(".locale-list li")).collect();
    assert_eq!(items.len(), 6);
    let cs = items
        .iter()
        .find(|li| li.value().attr("data-lang") == Some("cs-CZ"))
        .unwrap();
    assert_eq!(cs.value().attr("data-suggest"), Some("Číst tuto dokumentaci v češtině"));
    assert!(text(cs).contains("přeloženo 62,5 %"), "{}", text(cs));
    let tr = items
        .iter()
        .find(|li| li.value().attr("data-lang") == Some("tr-TR"))
        .unwrap();
    assert!(text(tr).contains("%62,5 çevrildi"), "{}", text(tr));
    // No redirect of any kind.
    let html = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(!html.contains("http-equiv=\"refresh\""));
    assert!(root.select(&sel("#lang-suggest[hidden]")).next().is_some());
}

#[test]
fn the_dashboard_shows_what_locdoc_check_reports() {
    let out = tempfile::tempdir().unwrap();
    build_into(&repo(), out.path());
    let site = Site::open(&repo()).unwrap();
    let report = locdoc::check::check(&site, &CheckOptions::default()).unwrap();
    common::sitecheck::dashboard_agrees(out.path(), &report);
}

#[test]
fn pages_have_descriptions_in_their_language_and_previous_next_links() {
    let site = SampleSite::new();
    // A second event, so the pages have neighbours.
    let en = site.read(&format!("content/en-US/{PAGE}.md"));
    site.write(
        "content/en-US/events/4032-other.md",
        &en.replace("4031", "4032")
            .replace("DispatchSessionFailed", "OtherEvent"),
    );
    let out = tempfile::tempdir().unwrap();
    build_into(site.root(), out.path());
    let meta = |rel: &str| -> String {
        let d = doc(out.path(), rel);
        let m = d
            .select(&sel("meta[name=description]"))
            .next()
            .map(|m| m.value().attr("content").unwrap().to_string());
        m.unwrap_or_default()
    };
    // Front matter description, else the first paragraph in the page's language.
    assert!(meta(&format!("en-US/{PAGE}/index.html")).starts_with("ETW event 4031"));
    assert_eq!(
        meta(&format!("cs-CZ/{PAGE}/index.html")),
        "Tato událost je vygenerované při odesílání relace se nezdařilo."
    );
    assert_eq!(
        meta(&format!("ru-RU/{PAGE}/index.html")),
        "Это событие создается при ошибке диспетчеризации сеанса."
    );
    let cs = doc(out.path(), &format!("cs-CZ/{PAGE}/index.html"));
    let next = cs.select(&sel(".pager a[rel=next]")).next().unwrap();
    assert_eq!(text(&next), "Další událost 4032 OtherEvent");
    // 4032 has no Czech page: the link goes to English and says so.
    assert_eq!(next.value().attr("hreflang"), Some("en-US"));
    assert_eq!(
        next.value().attr("href"),
        Some("../../../en-US/events/4032-other/index.html")
    );
    let other = doc(out.path(), "en-US/events/4032-other/index.html");
    let prev = other.select(&sel(".pager a[rel=prev]")).next().unwrap();
    assert_eq!(
        prev.value().attr("href"),
        Some("../4031-dispatchsessionfailed/index.html")
    );
    assert!(other.select(&sel(".pager a[rel=next]")).next().is_none());
    let built = Built::read(out.path(), BASE);
    assert_eq!(built.broken_links(), Vec::<String>::new());
}

#[test]
fn links_out_of_the_site_are_text_or_go_to_the_upstream_site() {
    let site = SampleSite::new();
    let add = |t: String| {
        t.replace(
            "## Details\n",
            "## Details\nSee [the samples](../../samples/getting-started-sample.md), [the magazine](/archive/msdn-magazine/x) and ![a diagram](../media/d.png).\n\n",
        )
    };
    site.edit(&format!("content/en-US/{PAGE}.md"), add);
    let out = tempfile::tempdir().unwrap();
    let report = build_into(site.root(), out.path());
    // Three links, reported once each where they are: at the English page,
    // which the five translations showing that English text point at too.
    let broken: Vec<&locdoc::Diagnostic> = report.warnings.iter().filter(|w| w.code == "broken-link").collect();
    assert_eq!(broken.len(), 3);
    assert!(
        broken.iter().all(|w| w
            .location
            .as_ref()
            .is_some_and(|l| l.file.contains("en-US") && l.line > 1)),
        "{broken:?}"
    );
    let built = Built::read(out.path(), BASE);
    assert_eq!(built.broken_links(), Vec::<String>::new());
    let d = doc(out.path(), &format!("cs-CZ/{PAGE}/index.html"));
    let spans: Vec<ElementRef> = d.select(&sel(".link-outside")).collect();
    assert_eq!(spans.len(), 3);
    assert_eq!(spans[0].value().attr("title"), Some("Není součástí tohoto webu"));
    assert_eq!(
        spans[0].value().attr("data-href"),
        Some("../../samples/getting-started-sample.md")
    );

    // With upstream_url they go to the site the pages came from.
    site.edit("site.toml", |t| {
        t.replace(
            "[markdown]\n",
            "[markdown]\nupstream_url = \"https://learn.microsoft.com/{locale}/dotnet/framework/wcf/diagnostics/\"\n",
        )
    });
    let out = tempfile::tempdir().unwrap();
    let report = build_into(site.root(), out.path());
    assert_eq!(report.warnings.iter().filter(|w| w.code == "broken-link").count(), 0);
    let d = doc(out.path(), &format!("cs-CZ/{PAGE}/index.html"));
    let hrefs: Vec<&str> = d
        .select(&sel("a.upstream"))
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(
        hrefs,
        [
            "https://learn.microsoft.com/cs-cz/dotnet/framework/wcf/samples/getting-started-sample",
            "https://learn.microsoft.com/archive/msdn-magazine/x"
        ]
    );
    assert_eq!(
        d.select(&sel("img")).next().unwrap().value().attr("src"),
        Some("https://learn.microsoft.com/cs-cz/dotnet/framework/wcf/diagnostics/media/d.png")
    );
}

#[test]
fn search_is_indexed_per_language_and_can_be_switched_off() {
    let out = tempfile::tempdir().unwrap();
    build_into(&repo(), out.path());
    let entry: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("pagefind/pagefind-entry.json")).unwrap())
            .unwrap();
    let langs = entry["languages"].as_object().unwrap();
    let mut codes: Vec<&str> = langs.keys().map(String::as_str).collect();
    codes.sort();
    assert_eq!(codes, ["cs-cz", "en-us", "pl-pl", "pt-br", "ru-ru", "tr-tr"]);
    assert!(langs.values().all(|l| l["page_count"] == 1));
    assert!(out.path().join("pagefind/pagefind.js").is_file());
    let search = doc(out.path(), "tr-TR/search/index.html");
    assert!(
        search
            .select(&sel("meta[name=robots][content=noindex]"))
            .next()
            .is_some()
    );
    let cfg = search.select(&sel("#search-config")).next().unwrap();
    assert_eq!(cfg.value().attr("data-bundle"), Some("../../pagefind/"));
    assert_eq!(cfg.value().attr("data-lang"), Some("tr-TR"));

    let site = SampleSite::new();
    site.edit("site.toml", |t| {
        t.replace("pretty_urls = false", "pretty_urls = false\nsearch = false")
    });
    let out = tempfile::tempdir().unwrap();
    build_into(site.root(), out.path());
    assert!(!out.path().join("pagefind").exists());
    assert!(!out.path().join("en-US/search").exists());
    let home = doc(out.path(), "en-US/index.html");
    assert!(home.select(&sel("form[role=search]")).next().is_none());
    let built = Built::read(out.path(), BASE);
    assert_eq!(built.broken_links(), Vec::<String>::new());
}

#[test]
fn ui_messages_are_translated_in_all_six_locales() {
    let ids = |code: &str| -> std::collections::BTreeSet<String> {
        std::fs::read_to_string(repo().join(format!("locales/{code}/locdoc.ftl")))
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with([' ', '#']) && l.contains(" ="))
            .map(|l| l.split(" =").next().unwrap().trim().to_string())
            .collect()
    };
    let en = ids("en-US");
    for code in SEED_LOCALES {
        let mine = ids(code);
        let missing: Vec<&String> = en.difference(&mine).collect();
        assert!(missing.is_empty(), "{code} lacks {missing:?}");
    }
}

#[test]
fn the_checkers_find_what_they_look_for() {
    // An HTML error, a missing file, a missing anchor, a site-root path.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("a")).unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body><p id=\"x\"></div>\
         <a href=\"a/\">ok</a> <a href=\"#x\">ok</a> <a href=\"b/\">no</a> <a href=\"a/index.html#y\">no</a> \
         <a href=\"/archive/z\">no</a> <a href=\"https://e.org/\">external</a></body></html>",
    )
    .unwrap();
    std::fs::write(dir.path().join("a/index.html"), "<!DOCTYPE html><title>a</title>").unwrap();
    let built = Built::read(dir.path(), BASE);
    assert_eq!(built.parse_errors().len(), 1, "{:?}", built.parse_errors());
    assert_eq!(
        built.broken_links(),
        [
            "index.html: b/ (no b/index.html)",
            "index.html: a/index.html#y (no #y in a/index.html)",
            "index.html: /archive/z (no <site-root>/archive/z)"
        ]
    );
}

#[test]
fn home_descriptions_are_in_the_locales_language() {
    let site = SampleSite::new();
    site.write(
        "locales/cs-CZ/site.ftl",
        "site-description = Události, které WCF zapisuje do ETW.\n",
    );
    let out = tempfile::tempdir().unwrap();
    build_into(site.root(), out.path());
    let meta = |rel: &str| -> String {
        let d = doc(out.path(), rel);
        let m = d.select(&sel("meta[name=description]")).next().unwrap();
        m.value().attr("content").unwrap().to_string()
    };
    assert_eq!(
        meta("en-US/index.html"),
        "Events that Windows Communication Foundation writes to Event Tracing for Windows."
    );
    assert_eq!(meta("cs-CZ/index.html"), "Události, které WCF zapisuje do ETW.");
    let cs = doc(out.path(), "cs-CZ/index.html");
    let intro = cs.select(&sel(".site-description")).next().unwrap();
    assert_eq!(intro.value().attr("lang"), None);
    // No description in Russian: the page says what it holds, in Russian.
    assert_eq!(
        meta("ru-RU/index.html"),
        "WCF ETW Event Reference · 1 событие · переведено 62,5 %"
    );
    let ru = doc(out.path(), "ru-RU/index.html");
    let intro = ru.select(&sel(".site-description")).next().unwrap();
    assert_eq!(intro.value().attr("lang"), Some("en-US"));
}

#[test]
fn generated_pages_make_way_for_content_pages_of_the_same_name() {
    let site = SampleSite::new();
    site.write(
        "content/en-US/search.md",
        "---\ntitle: Search tips\n---\n# Search tips\n\nUse the box.\n",
    );
    let out = tempfile::tempdir().unwrap();
    build_into(site.root(), out.path());
    assert!(
        doc(out.path(), "en-US/search/index.html")
            .html()
            .contains("Search tips")
    );
    assert!(out.path().join("en-US/_search/index.html").is_file());
    let built = Built::read(out.path(), BASE);
    assert_eq!(built.broken_links(), Vec::<String>::new());
    assert_eq!(built.hreflang_problems(), Vec::<String>::new());
}

#[test]
fn translated_table_cells_never_inject_markup_into_the_event_index() {
    let site = SampleSite::new();
    site.edit(&format!("content/pl-PL/{PAGE}.md"), |t| {
        t.replace(
            ">Błąd</span>",
            ">Błąd<script>alert(1)</script>\"><img src=x onerror=alert(2)></span>",
        )
    });
    let out = tempfile::tempdir().unwrap();
    build_into(site.root(), out.path());
    let d = doc(out.path(), "pl-PL/index.html");
    let scripts: Vec<ElementRef> = d.select(&sel("script")).collect();
    assert_eq!(scripts.len(), 1);
    assert!(scripts[0].value().attr("src").unwrap().ends_with("static/locdoc.js"));
    assert_eq!(d.select(&sel("img, [onerror]")).count(), 0);
    let level = d.select(&sel("#event-table tbody td:nth-child(3)")).next().unwrap();
    assert!(text(&level).starts_with("Błąd"), "{}", text(&level));
}

#[test]
fn a_site_without_events_lists_its_pages() {
    let site = SampleSite::new();
    for code in ["en-US", "cs-CZ", "pl-PL", "pt-BR", "ru-RU", "tr-TR"] {
        site.edit(&format!("content/{code}/{PAGE}.md"), |t| {
            t.replace("|ID|4031|", "|Code|4031|").replace(
                ">ID</span><span class=\"sxs-lookup\"><span data-stu-id=\"",
                ">Code</span><span class=\"sxs-lookup\"><span data-stu-id=\"",
            )
        });
    }
    let out = tempfile::tempdir().unwrap();
    build_into(site.root(), out.path());
    let d = doc(out.path(), "cs-CZ/index.html");
    assert!(d.select(&sel("#event-table")).next().is_none());
    let links: Vec<String> = d.select(&sel(".page-list a")).map(|a| text(&a)).collect();
    assert_eq!(links, ["4031 – DispatchSessionFailed"]);
    let page = doc(out.path(), &format!("cs-CZ/{PAGE}/index.html"));
    // Breadcrumbs from the tree of folders and titles: home, the folder, the page.
    let crumbs: Vec<String> = page.select(&sel(".breadcrumbs li")).map(|li| text(&li)).collect();
    assert_eq!(crumbs, ["Domů", "events", "4031 – DispatchSessionFailed"]);
    assert!(page.select(&sel(".pager")).next().is_none());
    let built = Built::read(out.path(), BASE);
    assert_eq!(built.broken_links(), Vec::<String>::new());
}

#[test]
fn pretty_urls_link_to_folders_and_stay_unbroken() {
    let site = SampleSite::new();
    site.edit("site.toml", |t| t.replace("pretty_urls = false", "pretty_urls = true"));
    let out = tempfile::tempdir().unwrap();
    build_into(site.root(), out.path());
    let built = Built::read(out.path(), BASE);
    assert_eq!(built.broken_links(), Vec::<String>::new());
    assert_eq!(built.hreflang_problems(), Vec::<String>::new());
    assert_eq!(built.sitemap_problems().1, Vec::<String>::new());
    let d = doc(out.path(), "ru-RU/index.html");
    let a = d.select(&sel("#event-table tbody a")).next().unwrap();
    assert_eq!(a.value().attr("href"), Some(format!("{PAGE}/").as_str()));
    let search = d.select(&sel("form.site-search")).next().unwrap();
    assert_eq!(search.value().attr("action"), Some("search/"));
}
