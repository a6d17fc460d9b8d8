//! The real corpus (`../shared/corpus/content`): 358 ETW pages in five
//! locales plus their English sources. Ignored by default (they need the
//! corpus beside the repository); `cargo test -- --include-ignored` runs
//! them, and fails them when the corpus is missing.

mod common;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use common::sitecheck::Built;

use locdoc::align::Counts;
use locdoc::config::Config;
use locdoc::{BuildOptions, Site};

const LOCALES: [&str; 5] = ["cs-CZ", "pl-PL", "pt-BR", "ru-RU", "tr-TR"];

fn corpus_site() -> Site {
    let mut config = Config::load(&common::repo()).unwrap();
    config.content_dir = common::corpus();
    Site::load(&common::repo(), config).unwrap()
}

#[test]
#[ignore = "needs the shared corpus (../shared/corpus beside the repository)"]
fn every_page_loads_every_span_parses_and_segments_align() {
    let site = corpus_site();
    assert_eq!(site.sources.len(), 358, "English source pages");
    let mut report: BTreeMap<&str, (usize, usize, Counts)> = BTreeMap::new();
    for (i, code) in LOCALES.iter().enumerate() {
        let locale = site.config.locales.iter().position(|l| l.code == *code).unwrap();
        let (mut segments, mut aligned, mut counts) = (0, 0, Counts::default());
        let mut pages = 0;
        for rel in site.page_paths() {
            let tr = match site.translation(rel, locale) {
                Some(Ok(tr)) => tr,
                Some(Err(d)) => panic!("{code} {rel} does not load: {d}"),
                None => continue,
            };
            pages += 1;
            assert!(tr.sxs.diagnostics.is_empty(), "{code} {rel}: {:?}", tr.sxs.diagnostics);
            let al = tr.alignment.as_ref().expect("every corpus page has an English source");
            segments += tr.sxs.segments.len();
            aligned += al.aligned_segments();
            counts.add(&al.counts());
        }
        assert_eq!(pages, 358, "{code}");
        report.insert(LOCALES[i], (segments, aligned, counts));
    }
    println!("locale  segments  aligned   share    translated untranslated stale missing orphaned");
    for (code, (segments, aligned, c)) in &report {
        let share = 100.0 * *aligned as f64 / *segments as f64;
        println!(
            "{code}  {segments:>8}  {aligned:>7}  {share:>6.2}%  {:>10} {:>12} {:>5} {:>7} {:>8}",
            c.translated, c.untranslated, c.stale, c.missing, c.orphaned
        );
        assert_eq!(*segments, 7289, "{code}: FORMAT.md counts 7,289 segments per locale");
        assert!(share > 95.0, "{code}: only {share:.2}% of segments aligned");
    }
    // FORMAT.md §5 measures these independently. Untranslated: translation
    // identical to English; ru-RU has one more here because one English text
    // differs from its translation only by a double space, which locdoc
    // normalises. Stale: lookups not found in the en-US source.
    let expect = [
        ("cs-CZ", 1443, 17),
        ("pl-PL", 1147, 17),
        ("pt-BR", 1853, 23),
        ("ru-RU", 2148, 17),
        ("tr-TR", 2479, 23),
    ];
    for (code, untranslated, stale) in expect {
        let c = &report[code].2;
        assert_eq!(c.untranslated, untranslated, "{code} untranslated");
        assert_eq!(c.stale, stale, "{code} stale");
        assert_eq!(c.orphaned, 0, "{code} orphaned");
        // The one heading the newer English dropped ("Concepts and Capabilities").
        assert_eq!(c.missing, 1, "{code} missing");
    }
}

/// The corpus built once into a temporary folder, for every test here.
fn corpus_build() -> &'static (tempfile::TempDir, locdoc::BuildReport) {
    static BUILT: OnceLock<(tempfile::TempDir, locdoc::BuildReport)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let content = common::corpus();
        let out = tempfile::tempdir().unwrap();
        let report = locdoc::build(&BuildOptions {
            root: common::repo(),
            content: Some(content),
            out: Some(out.path().join("site")),
            ..Default::default()
        })
        .unwrap();
        (out, report)
    })
}

#[test]
#[ignore = "needs the shared corpus (../shared/corpus beside the repository)"]
fn the_corpus_builds() {
    let (out, report) = corpus_build();
    assert_eq!(report.total_pages(), 6 * 358);
    assert!(
        report
            .warnings
            .iter()
            .all(|w| w.code == "broken-link" || w.code == "include"),
        "only links out of the corpus and missing include files: {:?}",
        report
            .warnings
            .iter()
            .find(|w| w.code != "broken-link" && w.code != "include")
    );
    let page =
        std::fs::read_to_string(out.path().join("site/ru-RU/etw/4031-dispatchsessionfailed/index.html")).unwrap();
    assert!(page.contains("<html lang=\"ru-RU\""));
    assert!(page.contains("Ошибка диспетчеризации сеанса."));
}

#[test]
#[ignore = "needs the shared corpus (../shared/corpus beside the repository)"]
fn the_corpus_site_is_valid_linked_and_symmetric() {
    let (out, _) = corpus_build();
    let site = Built::read(&out.path().join("site"), "https://docs.example.org/wcf-etw/");
    // 2,148 pages, 6 homes, the chooser, 6 dashboards, 6 search pages, 6
    // contents pages (the navigation tree).
    assert_eq!(site.pages.len(), 2148 + 25);
    let errors = site.parse_errors();
    assert!(
        errors.is_empty(),
        "{} HTML errors, first: {:?}",
        errors.len(),
        &errors[..errors.len().min(5)]
    );
    let broken = site.broken_links();
    assert!(
        broken.is_empty(),
        "{} broken links, first: {:?}",
        broken.len(),
        &broken[..broken.len().min(5)]
    );
    let hreflang = site.hreflang_problems();
    assert!(hreflang.is_empty(), "{:?}", &hreflang[..hreflang.len().min(5)]);
    let (urls, sitemap) = site.sitemap_problems();
    assert!(sitemap.is_empty(), "{:?}", &sitemap[..sitemap.len().min(5)]);
    assert_eq!(urls, 2148 + 13);

    // Links to pages outside the corpus are text, marked, in every locale.
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    for code in ["en-US", "cs-CZ", "tr-TR"] {
        let d = &site.pages[&format!("{code}/etw/determining-service-operation-duration/index.html")];
        let outside: Vec<&str> = d
            .select(&sel(".link-outside"))
            .filter_map(|e| e.value().attr("data-href"))
            .collect();
        assert!(
            outside.contains(&"../../getting-started-tutorial.md"),
            "{code}: {outside:?}"
        );
    }
    // Every locale's home lists the 352 events (the pages with a Properties table).
    for code in ["en-US", "cs-CZ", "pl-PL", "pt-BR", "ru-RU", "tr-TR"] {
        let d = &site.pages[&format!("{code}/index.html")];
        assert_eq!(d.select(&sel("#event-table tbody tr")).count(), 352, "{code}");
        assert_eq!(
            d.select(&sel("#event-table tbody a[hreflang]")).count(),
            0,
            "{code}: all translated"
        );
    }
}

#[test]
#[ignore = "needs the shared corpus (../shared/corpus beside the repository)"]
fn every_corpus_page_shows_the_toc_tree_in_its_locale() {
    let (out, _) = corpus_build();
    let root = out.path().join("site");
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let read = |rel: &str| scraper::Html::parse_document(&std::fs::read_to_string(root.join(rel)).unwrap());
    let en = corpus_site();
    assert!(en.toc.from_files);
    assert_eq!(en.toc.pages().len(), 358, "every page is in the toc.yml");
    for code in ["en-US", "cs-CZ", "pl-PL", "pt-BR", "ru-RU", "tr-TR"] {
        for rel in en.toc.pages() {
            let d = read(&format!("{code}/{}index.html", en.urls[rel].dir));
            let side = d
                .select(&sel("nav.toc-side"))
                .next()
                .unwrap_or_else(|| panic!("{code} {rel}: no sidebar"));
            // The page itself is marked, in its locale's name; no name falls back to English.
            let current: Vec<_> = side.select(&sel("a[aria-current=page]")).collect();
            assert_eq!(current.len(), 1, "{code} {rel}");
            assert_eq!(current[0].value().attr("href"), Some("./index.html"), "{code} {rel}");
            assert_eq!(side.select(&sel("[lang]")).count(), 0, "{code} {rel}: an English name");
            assert!(d.select(&sel(".breadcrumbs li")).count() >= 2, "{code} {rel}");
        }
        // The whole tree, once per locale.
        let contents = read(&format!("{code}/contents/index.html"));
        assert_eq!(contents.select(&sel("#toc-full a")).count(), 358, "{code}");
    }
    let cs = read("cs-CZ/etw/analytic-tracing-overview/index.html");
    let names: Vec<String> = cs
        .select(&sel("nav.toc-side a"))
        .map(|a| a.text().collect::<String>())
        .collect();
    assert!(names.iter().any(|n| n == "Analytické trasování – přehled"), "{names:?}");
    let crumbs: Vec<String> = read("cs-CZ/etw/4031-dispatchsessionfailed/index.html")
        .select(&sel(".breadcrumbs li"))
        .map(|a| a.text().collect::<String>())
        .collect();
    assert_eq!(
        crumbs,
        [
            "Domů",
            "Analytické trasování s ETW",
            "Události analytického trasování – přehled",
            "4031 – DispatchSessionFailed"
        ]
    );
    // Nothing in the corpus' toc.yml files is wrong.
    assert_eq!(en.toc.findings, Vec::new());
}

#[test]
#[ignore = "needs the shared corpus (../shared/corpus beside the repository)"]
fn the_corpus_dashboard_agrees_with_check() {
    let (out, _) = corpus_build();
    let site = corpus_site();
    let report = locdoc::check::check(&site, &locdoc::check::CheckOptions::default()).unwrap();
    common::sitecheck::dashboard_agrees(&out.path().join("site"), &report);
    // FORMAT.md's placeholder counts appear on it.
    let html = std::fs::read_to_string(out.path().join("site/status/index.html")).unwrap();
    assert!(html.contains("<tr data-locale=\"cs-CZ\">"));
}

/// The build checks each translation in the same pass that renders it;
/// what it finds must be exactly what `locdoc check` finds.
#[test]
#[ignore = "needs the shared corpus (../shared/corpus beside the repository)"]
fn the_build_pass_finds_exactly_what_check_finds() {
    let site = corpus_site();
    let all: Vec<usize> = (0..site.config.locales.len()).collect();
    let rendered = common::rendered(&site, |_, _, rendered| rendered);
    let status = rendered.status;
    let built = locdoc::check::assemble(&site, &all, rendered.checks, &|_| true, &|_| true);
    let checked = locdoc::check::check(&site, &locdoc::check::CheckOptions::default()).unwrap();
    let key = |r: &locdoc::check::CheckReport| -> Vec<String> {
        r.findings
            .iter()
            .map(|f| {
                format!(
                    "{} {} {:?} {}",
                    f.locale,
                    f.rule.code(),
                    f.diag.location,
                    f.diag.message
                )
            })
            .collect()
    };
    assert!(checked.findings.len() > 1000, "the corpus has many findings");
    assert_eq!(key(&built), key(&checked));
    let totals = |r: &locdoc::check::CheckReport| -> Vec<String> {
        r.locales
            .iter()
            .map(|s| {
                format!(
                    "{} {} {} {:?} {:?}",
                    s.locale, s.pages, s.pages_missing, s.units, s.findings
                )
            })
            .collect()
    };
    assert_eq!(totals(&built), totals(&checked));
    // The dashboard's figures, taken from the checks without a report, are
    // the report's.
    assert_eq!(status, locdoc::render::dashboard::SiteStatus::from_report(&checked));
}

/// Counts a test derives from the corpus files with plain regular
/// expressions, independently of locdoc's parser and aligner.
#[derive(Debug, Default)]
struct Independent {
    placeholder: usize,
    number: usize,
    not_found: usize,
    identical: usize,
    malformed: usize,
    front_matter: usize,
    pages_missing: usize,
}

fn independent(content: &std::path::Path, locale: &str) -> Independent {
    use regex::Regex;
    use std::collections::HashMap;
    let seg = Regex::new(r#"<span data-ttu-id="([^"]*)">(.*?)</span><span class="sxs-lookup"><span data-stu-id="([^"]*)">(.*?)</span></span>"#).unwrap();
    let ph = Regex::new(r"%\d+|\{\d+[^}]*\}").unwrap();
    // Placeholders and their damaged forms, code spans, link targets,
    // xrefs and includes: what is left holds the numbers.
    let not_numbers =
        Regex::new(r"(?i)%\s*\d+|\{\d+[^}]*\}|`[^`]*`|\]\([^)]*\)|<xref:[^>]*>|\[!INCLUDE\[[^\]]*\]\([^)]*\)\]")
            .unwrap();
    // A number with thousands separators (`1,000`, `1 000`) is one number.
    let digits = Regex::new(r"\d{1,3}(?:[,.\u{a0} ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?").unwrap();
    let norm = |s: &str| {
        s.replace('\u{a0}', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let multiset = |it: Vec<String>| {
        let mut m: HashMap<String, usize> = HashMap::new();
        for x in it {
            *m.entry(x).or_default() += 1;
        }
        m
    };
    let phs = |s: &str| multiset(ph.find_iter(s).map(|m| m.as_str().to_string()).collect());
    let nums = |s: &str| {
        multiset(
            digits
                .find_iter(&not_numbers.replace_all(s, " "))
                .map(|m| m.as_str().replace([',', '.', '\u{a0}', ' '], ""))
                .collect(),
        )
    };
    let mut out = Independent::default();
    let en_dir = content.join("en-US/etw");
    let mut names: Vec<_> = std::fs::read_dir(&en_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    for name in names {
        if !name.to_string_lossy().ends_with(".md") {
            continue;
        }
        let en = std::fs::read_to_string(en_dir.join(&name)).unwrap();
        let en_body = norm(en.splitn(3, "---").nth(2).unwrap());
        let Ok(tr) = std::fs::read_to_string(content.join(locale).join("etw").join(&name)) else {
            out.pages_missing += 1;
            continue;
        };
        let fm = tr.split("---").nth(1).unwrap();
        let contentlocale = fm
            .lines()
            .find_map(|l| l.strip_prefix("ms.contentlocale:"))
            .map(str::trim);
        if contentlocale.is_some_and(|c| c != locale) || !fm.lines().any(|l| l.starts_with("title:")) {
            out.front_matter += 1;
        }
        let mut ids = std::collections::HashSet::new();
        let mut prefixes = std::collections::HashSet::new();
        let mut pairs = 0;
        for c in seg.captures_iter(&tr) {
            pairs += 1;
            let (id, t, stu, lk) = (&c[1], &c[2], &c[3], &c[4]);
            if id != stu || !ids.insert(id.to_string()) {
                out.malformed += 1;
            }
            prefixes.insert(id.rsplit_once('-').map_or(id, |(p, _)| p).to_string());
            if phs(t) != phs(lk) {
                out.placeholder += 1;
            }
            // A number of the English the translation lost (extra digits,
            // e.g. for number words, are no finding; the digits of a
            // damaged placeholder are the placeholder rule's).
            let (tn, en) = (nums(t), nums(lk));
            if phs(t) == phs(lk) && en.iter().any(|(n, k)| tn.get(n).copied().unwrap_or(0) < *k) {
                out.number += 1;
            }
            if !en_body.contains(&norm(lk)) {
                out.not_found += 1;
            }
            if norm(t) == norm(lk) {
                out.identical += 1;
            }
        }
        if tr.matches("data-ttu-id=").count() != pairs || tr.matches("data-stu-id=").count() != pairs {
            out.malformed += 1;
        }
        if prefixes.len() > 1 {
            out.malformed += 1;
        }
    }
    out
}

#[test]
#[ignore = "needs the shared corpus (../shared/corpus beside the repository)"]
fn check_json_totals_agree_with_counts_derived_from_the_files() {
    let content = common::corpus();
    let o = common::locdoc(
        &common::repo(),
        &[
            "check",
            "--content",
            content.to_str().unwrap(),
            "--format",
            "json",
            "--quiet",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "the corpus has placeholder errors: {}",
        common::stderr(&o)
    );
    let report: serde_json::Value = serde_json::from_str(&common::stdout(&o)).unwrap();
    println!(
        "locale  placeholder  number  stale+orphaned  untranslated(units)  malformed  front-matter  no page  missing"
    );
    for locale in LOCALES {
        let s = report["locales"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["locale"] == locale)
            .unwrap();
        let n = |rule: &str| s["findings"][rule].as_u64().unwrap() as usize;
        let ind = independent(&content, locale);
        println!(
            "{locale}  {:>11}  {:>6}  {:>14}  {:>19}  {:>9}  {:>12}  {:>7}  {:>7}",
            n("placeholder"),
            n("number"),
            n("stale") + n("orphaned"),
            s["units"]["untranslated"],
            n("malformed"),
            n("front-matter"),
            s["pages_missing"],
            n("missing")
        );
        assert_eq!(n("placeholder"), ind.placeholder, "{locale} placeholder");
        assert_eq!(n("number"), ind.number, "{locale} number");
        assert_eq!(
            n("stale") + n("orphaned"),
            ind.not_found,
            "{locale}: lookups not in the English source"
        );
        assert_eq!(
            s["units"]["untranslated"].as_u64().unwrap() as usize,
            ind.identical,
            "{locale} identical"
        );
        assert_eq!(n("malformed"), ind.malformed, "{locale} malformed");
        assert_eq!(n("front-matter"), ind.front_matter, "{locale} front matter");
        assert_eq!(
            s["pages_missing"].as_u64().unwrap() as usize,
            ind.pages_missing,
            "{locale} missing pages"
        );
        // Every reported missing unit is English text that no lookup of its
        // page carries as a whole.
        for f in report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "missing" && f["locale"] == locale)
        {
            let english = f["english"].as_str().unwrap();
            let page = std::fs::read_to_string(content.join(locale).join(f["page"].as_str().unwrap())).unwrap();
            assert!(
                !page.contains(&format!("\">{english}</span></span>")),
                "{locale}: `{english}` is reported missing but has a lookup"
            );
        }
    }
}

#[test]
#[ignore = "needs the shared corpus (../shared/corpus beside the repository)"]
fn the_front_matter_shortcut_agrees_with_the_yaml_parser_on_every_page() {
    let content = common::corpus();
    let mut pages = 0;
    for dir in std::fs::read_dir(&content).unwrap() {
        let dir = dir.unwrap().path().join("etw");
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(&f).unwrap();
            let yaml = text.split("---\n").nth(1).unwrap();
            let full: indexmap::IndexMap<String, serde_json::Value> = serde_saphyr::from_str(yaml).unwrap();
            // Through the public API: the page's fields are what the parser reads.
            let page = locdoc::load::parse_page("x".into(), text.as_bytes().to_vec(), 0, "x.md").unwrap();
            assert_eq!(page.front.fields, full, "{}", f.display());
            pages += 1;
        }
    }
    assert_eq!(pages, 6 * 358);
}

#[test]
#[ignore = "needs the shared corpus (../shared/corpus beside the repository)"]
fn the_code_span_scanner_agrees_with_pulldown_cmark_on_every_page() {
    use locdoc::segment::code::{code_ranges, inline_code_spans, parsed_code_ranges};
    let content = common::corpus();
    let (mut pages, mut scanned) = (0, 0);
    for dir in std::fs::read_dir(&content).unwrap() {
        let dir = dir.unwrap().path().join("etw");
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(&f).unwrap();
            let body = text.splitn(3, "---\n").nth(2).unwrap();
            let parsed = parsed_code_ranges(body);
            assert_eq!(code_ranges(body), parsed, "{}", f.display());
            if body.contains('`') && inline_code_spans(body).is_some() {
                scanned += 1;
            }
            pages += 1;
        }
    }
    assert_eq!(pages, 6 * 358);
    println!("{scanned} pages with code spans took the scanner");
}
