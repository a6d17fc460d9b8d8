use super::*;
use crate::site::Site;

/// A site with English and Czech, and `files` (path → text) under content/.
fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, Site) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        "title = \"T\"\nbase_url = \"https://e.org/\"\n[[locales]]\ncode = \"en-US\"\nname = \"English\"\n[[locales]]\ncode = \"cs-CZ\"\nname = \"Čeština\"\n",
    )
    .unwrap();
    for (rel, text) in files {
        let p = dir.path().join("content").join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    std::fs::create_dir_all(dir.path().join("content/cs-CZ")).unwrap();
    let site = Site::open(dir.path()).unwrap();
    (dir, site)
}

fn page(title: &str) -> String {
    format!("---\ntitle: {title}\n---\nText.\n")
}

/// The tree as `name[page]` lines indented by depth, in `locale`; English
/// fallbacks marked `(en)`.
fn outline(toc: &Toc, locale: usize) -> String {
    let mut out = String::new();
    let mut stack: Vec<(usize, usize)> = toc.roots.iter().rev().map(|&r| (r, 0)).collect();
    while let Some((n, depth)) = stack.pop() {
        let (name, fallback) = toc.name(n, locale);
        let target = match &toc.nodes[n].target {
            Target::Page(p) => format!(" [{p}]"),
            Target::External(u) => format!(" <{u}>"),
            Target::None => String::new(),
        };
        out.push_str(&format!(
            "{}{name}{}{target}\n",
            "  ".repeat(depth),
            if fallback { " (en)" } else { "" }
        ));
        stack.extend(toc.nodes[n].children.iter().rev().map(|&c| (c, depth + 1)));
    }
    out
}

fn messages(toc: &Toc) -> Vec<String> {
    toc.findings
        .iter()
        .map(|(l, d)| {
            format!(
                "{l} {} {}",
                d.location.as_ref().map(|l| l.to_string()).unwrap_or_default(),
                d.message
            )
        })
        .collect()
}

const EN_TOC: &str = "- name: Tracing\n  href: index.md\n  items:\n  - name: Overview\n    href: overview.md\n  - name: Events\n    items:\n    - name: 131 - A\n      href: 131-a.md\n    - name: 132 - B\n      href: 132-b.md\n";

#[test]
fn a_locale_toc_names_the_english_entries_and_a_missing_name_falls_back_to_english() {
    let cs = "- name: Trasování\n  href: index.md\n  items:\n    - name: Přehled\n      href: overview.md\n    - name: Události\n      items:\n        - name: 131 – A\n          href: 131-a.md\n";
    let (_d, s) = site(&[
        ("en-US/etw/toc.yml", EN_TOC),
        ("cs-CZ/etw/toc.yml", cs),
        ("en-US/etw/index.md", &page("Tracing page")),
        ("en-US/etw/overview.md", &page("Overview page")),
        ("en-US/etw/131-a.md", &page("131 A")),
        ("en-US/etw/132-b.md", &page("132 B")),
    ]);
    assert_eq!(
        outline(&s.toc, 1),
        "Trasování [etw/index.md]\n  Přehled [etw/overview.md]\n  Události\n    131 – A [etw/131-a.md]\n    132 - B (en) [etw/132-b.md]\n"
    );
    assert_eq!(outline(&s.toc, 0).lines().next(), Some("Tracing [etw/index.md]"));
    // The dropped entry is a finding where it belongs: after its
    // preceding sibling in the locale's file.
    let m = messages(&s.toc);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].starts_with("1 content/cs-CZ/etw/toc.yml:8:17 the English entry `132 - B` (etw/132-b.md) is missing"),
        "{m:?}"
    );
    // Tree order: previous and next.
    assert_eq!(
        s.toc.neighbours("etw/overview.md"),
        (Some("etw/index.md"), Some("etw/131-a.md"))
    );
    assert_eq!(s.toc.neighbours("etw/132-b.md"), (Some("etw/131-a.md"), None));
    let n = s.toc.node_of("etw/131-a.md").unwrap();
    let names: Vec<&str> = s.toc.ancestors(n).into_iter().map(|a| s.toc.name(a, 0).0).collect();
    assert_eq!(names, ["Tracing", "Events"]);
}

#[test]
fn a_locale_without_a_toc_shows_every_english_name_marked() {
    let (_d, s) = site(&[
        ("en-US/etw/toc.yml", "- name: Overview\n  href: overview.md\n"),
        ("en-US/etw/overview.md", &page("Overview page")),
    ]);
    assert_eq!(outline(&s.toc, 1), "Overview (en) [etw/overview.md]\n");
    assert!(s.toc.findings.is_empty());
}

#[test]
fn without_a_toc_the_tree_is_the_folders_and_the_page_titles() {
    let (_d, s) = site(&[
        ("en-US/index.md", &page("Home page")),
        ("en-US/guide/index.md", &page("The guide")),
        ("en-US/guide/b.md", &page("Bee")),
        ("en-US/guide/a.md", &page("Ay")),
        ("en-US/guide/deep/c.md", &page("Sea")),
        ("en-US/other/d.md", "no front matter\n"),
    ]);
    assert_eq!(
        outline(&s.toc, 0),
        "Home page [index.md]\nThe guide [guide/index.md]\n  Ay [guide/a.md]\n  Bee [guide/b.md]\n  deep\n    Sea [guide/deep/c.md]\nother\n  d [other/d.md]\n"
    );
    assert!(!s.toc.from_files);
    // Folder names are nobody's translation: not marked as English.
    assert!(outline(&s.toc, 1).contains("  deep\n"));
    assert_eq!(
        s.toc.neighbours("guide/b.md"),
        (Some("guide/a.md"), Some("guide/deep/c.md"))
    );
}

#[test]
fn nested_tocs_topic_hrefs_and_external_links() {
    let (_d, s) = site(&[
        (
            "en-US/toc.yml",
            "- name: Docs\n  href: a.md\n- name: Sub\n  href: sub/\n  topicHref: sub/index.md\n- name: More\n  href: more/toc.yml\n- name: Web\n  href: https://example.org/x\n",
        ),
        ("en-US/a.md", &page("A")),
        ("en-US/sub/toc.yml", "- name: S1\n  href: s1.md\n"),
        ("en-US/sub/index.md", &page("Sub index")),
        ("en-US/sub/s1.md", &page("S one")),
        ("en-US/more/toc.yml", "items:\n- name: M1\n  href: m1.md\n"),
        ("en-US/more/m1.md", &page("M one")),
    ]);
    assert_eq!(
        outline(&s.toc, 0),
        "Docs [a.md]\nSub [sub/index.md]\n  S1 [sub/s1.md]\nMore\n  M1 [more/m1.md]\nWeb <https://example.org/x>\n"
    );
    assert!(s.toc.findings.is_empty(), "{:?}", messages(&s.toc));
}

#[test]
fn findings_for_broken_hrefs_missing_pages_and_loops() {
    let (_d, s) = site(&[
        (
            "en-US/toc.yml",
            "- name: A\n  href: a.md\n- name: Gone\n  href: gone.md\n- name: Loop\n  href: toc.yml\n- name: Nowhere\n  href: none/\n",
        ),
        ("en-US/a.md", &page("A")),
        ("en-US/b.md", &page("B")),
    ]);
    let m = messages(&s.toc);
    assert!(
        m.iter()
            .any(|m| m.starts_with("0 content/en-US/toc.yml:4:9 `gone.md` points to a page that does not exist")),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|m| m.contains("toc.yml:6:9") && m.contains("includes itself")),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|m| m.contains("toc.yml:8:9") && m.contains("points to no toc.yml")),
        "{m:?}"
    );
    assert!(m.iter().any(|m| m.contains("page `b.md` is not in the tree")), "{m:?}");
    assert_eq!(m.len(), 4, "{m:?}");
}

#[test]
fn findings_for_a_locale_tree_that_differs_and_invalid_yaml() {
    let en = "- name: A\n  href: a.md\n  items:\n  - name: B\n    href: b.md\n  - name: C\n    href: c.md\n  - name: D\n    href: d.md\n";
    // C moved before B, D moved to the top, X added.
    let cs = "- name: A\n  href: a.md\n  items:\n  - name: C\n    href: c.md\n  - name: B\n    href: b.md\n- name: D\n  href: d.md\n- name: X\n  href: x.md\n";
    let pages = [
        ("en-US/a.md", page("A")),
        ("en-US/b.md", page("B")),
        ("en-US/c.md", page("C")),
        ("en-US/d.md", page("D")),
    ];
    let mut files: Vec<(&str, &str)> = pages.iter().map(|(p, t)| (*p, t.as_str())).collect();
    files.push(("en-US/toc.yml", en));
    files.push(("cs-CZ/toc.yml", cs));
    let (_d, s) = site(&files);
    let m = messages(&s.toc);
    assert!(
        m.iter()
            .any(|m| m.starts_with("1 content/cs-CZ/toc.yml:8:9 entry `d.md` is under `(top)` here but under `a.md`")),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|m| m.starts_with("1 content/cs-CZ/toc.yml:10:9 entry `X` (x.md) is not in the English")),
        "{m:?}"
    );
    assert_eq!(
        m.iter()
            .filter(|m| m.contains("another place among its neighbours"))
            .count(),
        1,
        "{m:?}"
    );
    assert_eq!(m.len(), 3, "{m:?}");
    // The names still come from the locale file.
    assert!(outline(&s.toc, 1).contains("D [d.md]"));

    files.pop();
    files.push(("cs-CZ/toc.yml", "- name: [A\n"));
    let (_d, s) = site(&files);
    let m = messages(&s.toc);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].starts_with("1 content/cs-CZ/toc.yml:") && m[0].contains("invalid toc.yml"),
        "{m:?}"
    );
    assert!(outline(&s.toc, 1).starts_with("A (en) [a.md]"));
}

#[test]
fn a_dropped_entry_is_reported_where_it_belongs_in_the_locale_file() {
    let en = "- name: A\n  href: a.md\n  items:\n  - name: B\n    href: b.md\n- name: C\n  href: c.md\n";
    let pages = [
        ("en-US/a.md", page("A")),
        ("en-US/b.md", page("B")),
        ("en-US/c.md", page("C")),
    ];
    let located = |cs: &str| {
        let mut files: Vec<(&str, &str)> = pages.iter().map(|(p, t)| (*p, t.as_str())).collect();
        files.push(("en-US/toc.yml", en));
        files.push(("cs-CZ/toc.yml", cs));
        let (_d, s) = site(&files);
        let help: Vec<String> = s.toc.findings.iter().flat_map(|(_, d)| d.help.clone()).collect();
        (messages(&s.toc), help)
    };
    // The first entry at the top dropped: before the next one.
    let (m, help) = located("- name: C2\n  href: c.md\n");
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(m.iter().all(|m| m.starts_with("1 content/cs-CZ/toc.yml:1:9 ")), "{m:?}");
    assert!(help.iter().any(|h| h.starts_with("add it before `C2`")), "{help:?}");
    // The only child dropped: first among its parent's items.
    let (m, help) = located("- name: A2\n  href: a.md\n- name: C2\n  href: c.md\n");
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].starts_with("1 content/cs-CZ/toc.yml:1:9 the English entry `B`"),
        "{m:?}"
    );
    assert!(help[0].starts_with("add it as the first item of `A2`"), "{help:?}");
    // The last entry at the top dropped: after the one before it.
    let (m, help) = located("- name: A2\n  href: a.md\n  items:\n  - name: B2\n    href: b.md\n");
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].starts_with("1 content/cs-CZ/toc.yml:1:9 the English entry `C`"),
        "{m:?}"
    );
    assert!(help[0].starts_with("add it after `A2`"), "{help:?}");
}
