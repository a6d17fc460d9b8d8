//! Builds the sample site through the library and inspects the HTML.

mod common;

use std::path::Path;

use common::sitecheck::sel;
use common::{PAGE, SEED_LOCALES, SampleSite, repo};
use locdoc::{BuildOptions, build};
use scraper::{ElementRef, Html};

fn text(e: &ElementRef) -> String {
    e.text().collect::<String>()
}

/// The direct text of a segment, without its hidden English original.
fn own_text(e: &ElementRef) -> String {
    let mut s = String::new();
    for child in e.children() {
        if let Some(el) = ElementRef::wrap(child) {
            let class = el.value().attr("class").unwrap_or("");
            if class.contains("seg-en") || class.contains("seg-flag") {
                continue;
            }
            s.push_str(&text(&el));
        } else if let Some(t) = child.value().as_text() {
            s.push_str(t);
        }
    }
    s
}

fn build_into(root: &Path, out: &Path) -> locdoc::BuildReport {
    build(&BuildOptions {
        root: root.to_path_buf(),
        out: Some(out.to_path_buf()),
        ..Default::default()
    })
    .unwrap()
}

fn page(out: &Path, locale: &str) -> Html {
    let p = out.join(locale).join(PAGE).join("index.html");
    Html::parse_document(&std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
}

/// (translation, English lookup) pairs of a seed page, read with a plain
/// string scan independent of locdoc's parser.
fn seed_pairs(locale: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(repo().join("content").join(locale).join(format!("{PAGE}.md"))).unwrap();
    let mut out = Vec::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("<span data-ttu-id=\"") {
        rest = &rest[i..];
        let t0 = rest.find('>').unwrap() + 1;
        let t1 = rest.find("</span>").unwrap();
        let tr = rest[t0..t1].to_string();
        let l = rest.find("<span data-stu-id=\"").unwrap();
        let l0 = l + rest[l..].find('>').unwrap() + 1;
        let l1 = l0 + rest[l0..].find("</span>").unwrap();
        out.push((tr, rest[l0..l1].to_string()));
        rest = &rest[l1..];
    }
    out
}

fn seed_title(locale: &str) -> String {
    let bytes = std::fs::read(repo().join("content").join(locale).join(format!("{PAGE}.md"))).unwrap();
    locdoc::load::parse_page("x".into(), bytes, 1, "x.md")
        .unwrap()
        .front
        .title
        .unwrap()
}

#[test]
fn every_seed_locale_page_has_lang_title_and_every_segment_with_its_original() {
    let out = tempfile::tempdir().unwrap();
    let report = build_into(&repo(), out.path());
    assert_eq!(report.total_pages(), 6);
    for locale in SEED_LOCALES {
        let doc = page(out.path(), locale);
        let html = doc.select(&sel("html")).next().unwrap();
        assert_eq!(html.value().attr("lang"), Some(locale));
        let title = text(&doc.select(&sel("title")).next().unwrap());
        assert!(title.starts_with(&seed_title(locale)), "{locale}: {title}");

        let pairs = seed_pairs(locale);
        assert_eq!(pairs.len(), 15, "{locale}: the seed pages have 15 segments");
        let segs: Vec<ElementRef> = doc.select(&sel("article .seg")).collect();
        for (tr, en) in &pairs {
            let found = segs.iter().any(|s| {
                let class = s.value().attr("class").unwrap();
                if tr == en {
                    class.contains("seg-untranslated") && own_text(s) == *tr
                } else {
                    let orig = s.select(&sel(".seg-en")).next().map(|e| text(&e));
                    class.contains("seg-translated")
                        && own_text(s) == *tr
                        && orig.as_deref() == Some(en.as_str())
                        && s.value().attr("title") == Some(en.as_str())
                }
            });
            assert!(found, "{locale}: no segment shows {tr:?} with its original {en:?}");
        }
        // Heading, table rows, sections: the structure of the English page.
        assert_eq!(doc.select(&sel("article h1")).count(), 1, "{locale}");
        let h2: Vec<String> = doc
            .select(&sel("article h2"))
            .map(|h| h.value().attr("id").unwrap().to_string())
            .collect();
        assert_eq!(h2, vec!["properties", "description", "message", "details"], "{locale}");
        assert_eq!(
            doc.select(&sel("article table"))
                .next()
                .unwrap()
                .select(&sel("tr"))
                .count(),
            4
        );
        // The machine-translation notice.
        assert!(doc.select(&sel(".notice-mt")).next().is_some(), "{locale}");
    }
}

#[test]
fn ru_keywords_and_level_are_untranslated_not_missing() {
    let out = tempfile::tempdir().unwrap();
    build_into(&repo(), out.path());
    let doc = page(out.path(), "ru-RU");
    let cells: Vec<ElementRef> = doc
        .select(&sel("article table td .seg, article table th .seg"))
        .collect();
    for word in ["Keywords", "Level"] {
        let cell = cells
            .iter()
            .find(|c| own_text(c) == word)
            .unwrap_or_else(|| panic!("no {word} cell"));
        assert_eq!(cell.value().attr("class"), Some("seg seg-untranslated"), "{word}");
    }
}

#[test]
fn details_missing_from_every_seed_falls_back_to_marked_english() {
    let out = tempfile::tempdir().unwrap();
    let report = build_into(&repo(), out.path());
    for (code, c) in &report.counts {
        assert_eq!(
            c.missing, 9,
            "{code}: the Details paragraph (2 sentences) and 7 table cells"
        );
        assert_eq!(c.orphaned + c.stale, 0, "{code}");
    }
    let doc = page(out.path(), "cs-CZ");
    let missing: Vec<ElementRef> = doc.select(&sel(".seg-missing")).collect();
    assert!(missing.iter().all(|m| m.value().attr("lang") == Some("en-US")));
    assert!(
        missing
            .iter()
            .any(|m| text(m).starts_with("The service host accepted a session"))
    );
}

#[test]
fn a_removed_translation_segment_renders_the_english_marked_as_fallback() {
    let site = SampleSite::new();
    let rel = format!("content/cs-CZ/{PAGE}.md");
    site.edit(&rel, |t| {
        let start = t.find("<span data-ttu-id=\"628af-115\">").unwrap();
        let end = start + t[start..].find("</span></span>").unwrap() + "</span></span>".len();
        format!("{}{}", &t[..start], &t[end..])
    });
    let out = tempfile::tempdir().unwrap();
    build_into(site.root(), out.path());
    let doc = page(out.path(), "cs-CZ");
    let fallback = doc
        .select(&sel(".seg-missing"))
        .find(|m| text(m) == "Session dispatch failed.")
        .expect("the Message paragraph falls back to English");
    assert_eq!(fallback.value().attr("lang"), Some("en-US"));
    assert!(fallback.value().attr("title").unwrap().contains("nepřeloženo"));
}

#[test]
fn switcher_and_hreflang_list_every_locale_and_links_resolve() {
    let out = tempfile::tempdir().unwrap();
    build_into(&repo(), out.path());
    let doc = page(out.path(), "pl-PL");
    let alts: Vec<(String, String)> = doc
        .select(&sel("link[rel=alternate]"))
        .map(|l| {
            (
                l.value().attr("hreflang").unwrap().into(),
                l.value().attr("href").unwrap().into(),
            )
        })
        .collect();
    assert_eq!(alts.len(), 7);
    assert_eq!(alts.last().unwrap().0, "x-default");
    assert!(
        alts.last()
            .unwrap()
            .1
            .ends_with("/en-US/events/4031-dispatchsessionfailed/")
    );
    let page_dir = out.path().join("pl-PL").join(PAGE);
    let links: Vec<ElementRef> = doc.select(&sel(".lang-switch a")).collect();
    assert_eq!(links.len(), 6);
    for a in links {
        let href = a.value().attr("href").unwrap();
        assert!(href.ends_with("/index.html"), "the sample site links to files: {href}");
        assert!(page_dir.join(href).is_file(), "{href}");
    }
    let canonical = doc.select(&sel("link[rel=canonical]")).next().unwrap();
    assert_eq!(
        canonical.value().attr("href"),
        Some("https://docs.example.org/wcf-etw/pl-PL/events/4031-dispatchsessionfailed/")
    );
}

#[test]
fn root_and_locale_indexes_and_assets_are_written() {
    let out = tempfile::tempdir().unwrap();
    build_into(&repo(), out.path());
    let root = Html::parse_document(&std::fs::read_to_string(out.path().join("index.html")).unwrap());
    let names: Vec<String> = root.select(&sel(".locale-list a")).map(|a| text(&a)).collect();
    assert_eq!(
        names,
        vec![
            "English",
            "Čeština",
            "Polski",
            "Português (Brasil)",
            "Русский",
            "Türkçe"
        ]
    );
    for code in ["en-US", "cs-CZ", "tr-TR"] {
        let idx = std::fs::read_to_string(out.path().join(code).join("index.html")).unwrap();
        assert!(
            idx.contains("href=\"events/4031-dispatchsessionfailed/index.html\""),
            "{code}"
        );
    }
    assert!(out.path().join("static/locdoc.css").is_file());
    assert!(out.path().join(locdoc::write::MARKER).is_file());
}

#[test]
fn translated_text_never_injects_script() {
    let site = SampleSite::new();
    site.edit(&format!("content/pl-PL/{PAGE}.md"), |t| {
        t.replace(
            ">Opis</span>",
            ">Opis<script>alert(1)</script><img src=x onerror=alert(2)>[x](javascript:alert(3))<a href=\"javascript:alert(4)\">y</a><b onclick=\"alert(5)\">z</b></span>",
        )
    });
    let out = tempfile::tempdir().unwrap();
    build_into(site.root(), out.path());
    let doc = page(out.path(), "pl-PL");
    // The theme's scripts, and nothing else.
    let scripts: Vec<&str> = doc
        .select(&sel("script"))
        .map(|s| s.value().attr("src").unwrap_or("inline"))
        .collect();
    assert_eq!(scripts.len(), 2, "{scripts:?}");
    assert!(
        scripts
            .iter()
            .all(|s| s.ends_with("static/locdoc.js") || s.ends_with("static/locdoc-toc.js")),
        "{scripts:?}"
    );
    assert_eq!(doc.select(&sel("[onerror], [onclick], img")).count(), 0);
    for a in doc.select(&sel("a[href]")) {
        assert!(!a.value().attr("href").unwrap().to_lowercase().starts_with("javascript"));
    }
    // The harmless parts of the text survive.
    let desc = doc.select(&sel("h2#description .seg")).next().unwrap();
    assert!(own_text(&desc).starts_with("Opis"));
}

#[test]
fn cs_page_body_snapshot() {
    let out = tempfile::tempdir().unwrap();
    build_into(&repo(), out.path());
    let html = std::fs::read_to_string(out.path().join("cs-CZ").join(PAGE).join("index.html")).unwrap();
    let start = html.find("<article").unwrap();
    let end = html.find("</article>").unwrap() + "</article>".len();
    insta::assert_snapshot!("cs_cz_4031_article", &html[start..end]);
}

#[test]
fn two_builds_with_the_review_view_are_byte_identical() {
    // The review pages once listed their rule counts in hash order.
    let outs: Vec<tempfile::TempDir> = (0..2).map(|_| tempfile::tempdir().unwrap()).collect();
    for out in &outs {
        build(&BuildOptions {
            root: common::repo(),
            out: Some(out.path().join("site")),
            review: true,
            no_search: true,
            ..Default::default()
        })
        .unwrap();
    }
    let (a, b) = (
        common::files::tree(&outs[0].path().join("site")),
        common::files::tree(&outs[1].path().join("site")),
    );
    assert!(a.keys().any(|p| p.starts_with("_review")), "the review view is built");
    assert_eq!(a.len(), b.len());
    for ((pa, da), (pb, db)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(da == db, "{pa} differs between two builds");
    }
}
