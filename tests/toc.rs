//! The navigation tree from `toc.yml` through the `locdoc` binary: how an
//! English fallback name is marked wherever the tree's names are shown.

mod common;

use common::{locdoc, stderr};

const SITE: &str = "title = \"T\"\nbase_url = \"https://e.org/\"\n\
[[locales]]\ncode = \"en-US\"\nname = \"English\"\n\
[[locales]]\ncode = \"cs-CZ\"\nname = \"Čeština\"\n\
[[locales]]\ncode = \"ar-SA\"\nname = \"العربية\"\n";

const EN_TOC: &str = "- name: Overview\n  href: overview.md\n  items:\n  - name: First steps\n    href: first.md\n  - name: Second steps\n    href: second.md\n  - name: Third steps\n    href: third.md\n";

/// The Czech toc.yml names the overview, the first and the second page; the
/// third falls back to English. Arabic has no toc.yml: every name is English.
const CS_TOC: &str = "- name: Přehled\n  href: overview.md\n  items:\n  - name: První kroky\n    href: first.md\n  - name: Druhé kroky\n    href: second.md\n";

fn seg(id: &str, tr: &str, en: &str) -> String {
    format!(
        "<span data-ttu-id=\"{id}\">{tr}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{en}</span></span>"
    )
}

fn write(root: &std::path::Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// English, Czech and Arabic pages under a toc.yml; Czech and Arabic have
/// the second page only.
fn toc_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "site.toml", SITE);
    write(root, "content/en-US/toc.yml", EN_TOC);
    write(root, "content/cs-CZ/toc.yml", CS_TOC);
    for (rel, title) in [
        ("overview", "Overview"),
        ("first", "First steps"),
        ("second", "Second steps"),
        ("third", "Third steps"),
    ] {
        write(
            root,
            &format!("content/en-US/{rel}.md"),
            &format!("---\ntitle: {title}\n---\n# {title}\n\nText of {rel}.\n"),
        );
    }
    for (code, title, text) in [
        ("cs-CZ", "Druhé kroky", "Text druhé."),
        ("ar-SA", "الخطوات الثانية", "نص الثانية."),
    ] {
        write(
            root,
            &format!("content/{code}/second.md"),
            &format!(
                "---\ntitle: {title}\nms.contentlocale: {code}\n---\n# {}\n\n{}\n",
                seg("aaaaa-101", title, "Second steps"),
                seg("aaaaa-102", text, "Text of second.")
            ),
        );
    }
    dir
}

fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).unwrap()
}

/// `(text, lang, dir)` of each element `selector` matches.
fn marks(doc: &scraper::Html, selector: &str) -> Vec<(String, Option<String>, Option<String>)> {
    doc.select(&sel(selector))
        .map(|e| {
            (
                e.text().collect::<String>(),
                e.value().attr("lang").map(str::to_string),
                e.value().attr("dir").map(str::to_string),
            )
        })
        .collect()
}

fn m(text: &str, lang: Option<&str>, dir: Option<&str>) -> (String, Option<String>, Option<String>) {
    (text.to_string(), lang.map(str::to_string), dir.map(str::to_string))
}

#[test]
fn an_english_fallback_name_is_marked_in_the_sidebar_the_breadcrumbs_and_the_pager() {
    let site = toc_site();
    let o = locdoc(site.path(), &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let read = |rel: &str| {
        let p = site.path().join("public").join(rel);
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        scraper::Html::parse_document(&text)
    };

    // Czech (left to right, like English): the fallback names carry
    // lang="en-US" only; the locale's own names carry nothing.
    let cs = read("cs-CZ/second/index.html");
    assert_eq!(
        marks(&cs, "nav.toc-side .toc-tree a"),
        [
            m("Přehled", None, None),
            m("První kroky", None, None),
            m("Druhé kroky", None, None),
            m("Third steps", Some("en-US"), None),
        ]
    );
    assert_eq!(
        marks(&cs, ".breadcrumbs li > *"),
        [
            m("Domů", None, None),
            m("Přehled", None, None),
            m("Druhé kroky", None, Some("auto")),
        ]
    );
    assert_eq!(marks(&cs, ".pager-prev .pager-title"), [m("První kroky", None, None)]);
    assert_eq!(
        marks(&cs, ".pager-next .pager-title"),
        [m("Third steps", Some("en-US"), None)]
    );

    // Arabic (right to left): every name is English, marked and isolated
    // left to right, the same way in all three places.
    let ar = read("ar-SA/second/index.html");
    let side = marks(&ar, "nav.toc-side .toc-tree a");
    assert_eq!(side.len(), 4, "{side:?}");
    assert!(
        side.iter()
            .all(|(_, lang, dir)| lang.as_deref() == Some("en-US") && dir.as_deref() == Some("ltr")),
        "{side:?}"
    );
    let crumbs = marks(&ar, ".breadcrumbs li > a");
    assert_eq!(crumbs.len(), 2, "{crumbs:?}");
    assert_eq!(crumbs[1], m("Overview", Some("en-US"), Some("ltr")));
    assert_eq!(crumbs[0].1, None, "home is in Arabic: {crumbs:?}");
    assert_eq!(
        marks(&ar, ".pager-prev .pager-title"),
        [m("First steps", Some("en-US"), Some("ltr"))]
    );
    assert_eq!(
        marks(&ar, ".pager-next .pager-title"),
        [m("Third steps", Some("en-US"), Some("ltr"))]
    );
    // The pager's own words stay in the page's language.
    assert!(ar.select(&sel(".pager-label[lang]")).next().is_none());

    // English pages mark nothing.
    let en = read("en-US/second/index.html");
    assert!(
        en.select(&sel("nav.toc-side [lang], .breadcrumbs [lang], .pager [lang]"))
            .next()
            .is_none()
    );
    assert_eq!(marks(&en, ".pager-next .pager-title"), [m("Third steps", None, None)]);
}

/// `(file:line:col, first line)` of every `warning[toc]` in check's output.
fn toc_warnings(text: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("warning[toc]: "))
        .map(|(i, l)| {
            let at = lines
                .get(i + 1)
                .and_then(|n| n.strip_prefix("--> "))
                .unwrap_or_else(|| panic!("no location after {l:?}"));
            (at.to_string(), l["warning[toc]: ".len()..].to_string())
        })
        .collect()
}

#[test]
fn check_reports_each_toc_yml_problem_at_its_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "site.toml",
        &format!("{SITE}[[locales]]\ncode = \"pl-PL\"\nname = \"Polski\"\n"),
    );
    for rel in ["overview", "first", "second", "third", "appendix"] {
        write(
            root,
            &format!("content/en-US/{rel}.md"),
            &format!("---\ntitle: {rel}\n---\n# {rel}\n"),
        );
    }
    // English: `gone.md` does not exist (line 11).
    write(
        root,
        "content/en-US/toc.yml",
        "- name: Overview\n  href: overview.md\n  items:\n  - name: First steps\n    href: first.md\n  - name: Second steps\n    href: second.md\n  - name: Third steps\n    href: third.md\n- name: Gone\n  href: gone.md\n- name: Appendix\n  href: appendix.md\n",
    );
    // Czech: the third page moved before the first (line 4), the second
    // dropped (it belongs after the first, line 6), an entry added (line
    // 8), the appendix dropped at the top (it belongs after `Pryč`, line 10).
    write(
        root,
        "content/cs-CZ/toc.yml",
        "- name: Přehled\n  href: overview.md\n  items:\n  - name: Třetí kroky\n    href: third.md\n  - name: První kroky\n    href: first.md\n  - name: Navíc\n    href: extra.md\n- name: Pryč\n  href: gone.md\n",
    );
    // Polish: an unclosed `[` (YAML reports it at line 5, column 9).
    write(
        root,
        "content/pl-PL/toc.yml",
        "- name: Przegląd\n  href: overview.md\n  items:\n  - name: [Pierwsze kroki\n    href: first.md\n",
    );
    let o = locdoc(root, &["check"]);
    let out = format!("{}{}", common::stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(0), "warnings only: {out}");
    let mut found = toc_warnings(&out);
    found.sort();
    let expected = [
        (
            "content/cs-CZ/toc.yml:10:9",
            "the English entry `Appendix` (appendix.md) is missing from this locale's toc.yml",
        ),
        (
            "content/cs-CZ/toc.yml:4:11",
            "entry `third.md` is in another place among its neighbours than in the English toc.yml",
        ),
        (
            "content/cs-CZ/toc.yml:6:11",
            "the English entry `Second steps` (second.md) is missing from this locale's toc.yml",
        ),
        (
            "content/cs-CZ/toc.yml:8:11",
            "entry `Navíc` (extra.md) is not in the English toc.yml (content/en-US/toc.yml)",
        ),
        (
            "content/en-US/toc.yml:11:9",
            "`gone.md` points to a page that does not exist (`gone.md`)",
        ),
        (
            "content/pl-PL/toc.yml:5:9",
            "invalid toc.yml: illegal placement of ':' indicator at line 5, column 9",
        ),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(a, m)| (a.to_string(), m.to_string())).collect();
    assert_eq!(found, expected, "{out}");
    // A dropped entry says where it goes.
    assert!(
        out.contains("help: add it after `První kroky`, as in content/en-US/toc.yml:6:11"),
        "{out}"
    );
    assert!(
        out.contains("help: add it after `Pryč`, as in content/en-US/toc.yml:12:9"),
        "{out}"
    );
    assert!(!out.contains("toc.yml:1:1"), "{out}");

    // --deny-warnings turns them into a failure.
    let o = locdoc(root, &["check", "--deny-warnings"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn the_tree_pager_is_named_for_pages_not_events() {
    let site = toc_site();
    let o = locdoc(site.path(), &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for (code, label) in [
        ("en-US", "Previous and next page"),
        ("cs-CZ", "Předchozí a další stránka"),
        ("ar-SA", "الصفحة السابقة والتالية"),
    ] {
        let p = site.path().join(format!("public/{code}/second/index.html"));
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(p).unwrap());
        let pagers: Vec<_> = doc
            .select(&sel("nav.pager"))
            .map(|n| n.value().attr("aria-label").unwrap_or_default().to_string())
            .collect();
        assert_eq!(pagers, [label], "{code}");
    }
}
