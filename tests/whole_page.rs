//! Whole-page translations (a translated page without sxs spans, as one
//! writes for Hugo or Zola): rendered as written and sanitised, marked on
//! the page and the dashboard, checked by structure against the English,
//! stale by the recorded `source_hash` that `locdoc stamp` writes; and a
//! page without a title, a warning in `build` and `check` alike.

mod common;

use std::path::Path;

use common::{locdoc, stderr, stdout};
use locdoc::Site;
use locdoc::check::{CheckOptions, CheckReport, Finding, Rule, check};
use locdoc::diag::Severity;

const SITE: &str = "title = \"t\"\nbase_url = \"https://e.org/\"\n[build]\nsearch = false\npretty_urls = false\n[[locales]]\ncode = \"en-US\"\nname = \"English\"\n[[locales]]\ncode = \"cs-CZ\"\nname = \"Čeština\"\n";

const EN: &str = "---\ntitle: Configure tracing\nms.date: 03/30/2017\n---\n# Configure tracing\n\nTracing writes events to a log. See [the overview](overview.md) and `%1`, then %1.\n\n![Trace viewer](media/viewer.png)\n\n## Enable it\n\nAdd this to the configuration file:\n\n```xml\n<system.diagnostics />\n```\n\n## Next steps\n\nRead [Reference](https://example.org/ref) and [Enable it](#enable-it).\n";

/// A structurally faithful Czech translation of `EN`, without sxs spans.
const CS: &str = "---\ntitle: Konfigurace trasování\n---\n# Konfigurace trasování\n\nTrasování zapisuje události do protokolu. Viz [přehled](overview.md) a `%1`, potom %1.\n\n![Prohlížeč trasování](media/viewer.png)\n\n## Zapnutí\n\nPřidejte do konfiguračního souboru:\n\n```xml\n<system.diagnostics />\n```\n\n## Další kroky\n\nPřečtěte si [Referenci](https://example.org/ref) a [Zapnutí](#enable-it).\n";

const PAGE: &str = "content/cs-CZ/docs/tracing.md";

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new(cs: &str) -> Fixture {
        let f = Fixture {
            dir: tempfile::tempdir().unwrap(),
        };
        f.write("site.toml", SITE);
        f.write("content/en-US/docs/tracing.md", EN);
        f.write(
            "content/en-US/docs/overview.md",
            "---\ntitle: Overview\n---\n# Overview\n\nText.\n",
        );
        f.write("content/en-US/docs/media/viewer.png", "png");
        f.write(PAGE, cs);
        f
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap()
    }

    fn report(&self) -> CheckReport {
        check(&Site::open(self.root()).unwrap(), &CheckOptions::default()).unwrap()
    }

    fn of(&self, rule: Rule) -> Vec<Finding> {
        self.report().findings.into_iter().filter(|f| f.rule == rule).collect()
    }

    fn build(&self) -> locdoc::BuildReport {
        locdoc::build(&locdoc::BuildOptions {
            root: self.root().to_path_buf(),
            ..Default::default()
        })
        .unwrap()
    }

    fn html(&self, rel: &str) -> String {
        self.read(&format!("public/{rel}"))
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        locdoc(self.root(), args)
    }
}

/// The `<article>` of a built page.
fn article(html: &str) -> &str {
    let start = html.find("<article").unwrap();
    let end = html[start..].find("</article>").unwrap();
    &html[start..start + end]
}

fn rules(r: &CheckReport) -> Vec<(Rule, String)> {
    r.findings.iter().map(|f| (f.rule, f.diag.message.clone())).collect()
}

#[test]
fn a_whole_page_translation_is_rendered_as_written_and_marked_not_shown_in_english() {
    let f = Fixture::new(CS);
    let report = f.build();
    let html = f.html("cs-CZ/docs/tracing/index.html");
    let body = article(&html);
    assert!(body.contains("Trasování zapisuje události do protokolu."), "{body}");
    assert!(body.contains("Přidejte do konfiguračního souboru"), "{body}");
    assert!(!body.contains("Tracing writes events"), "no English: {body}");
    assert!(!body.contains("seg-missing"), "nothing is marked missing: {body}");
    // Marked as a whole-page translation, with the notice in Czech; no
    // "show English original" switch, as there is none to show.
    assert!(html.contains("class=\"notice-whole\""), "{html}");
    assert!(html.contains("přeložena jako celek"), "{html}");
    assert!(!html.contains("id=\"show-original\""));
    assert!(
        !html.contains("notice-whole-stale"),
        "without source_hash it is not known stale"
    );
    // Headings keep the English anchors, so `#enable-it` still resolves.
    assert!(body.contains("id=\"enable-it\""), "{body}");
    assert!(html.contains("<title>Konfigurace trasování"), "{html}");
    assert!(
        html.contains("<meta name=\"description\" content=\"Trasování zapisuje události do protokolu."),
        "its own first paragraph, never the English: {html}"
    );
    // Valid HTML5, and every internal link and anchor resolves.
    let built = common::sitecheck::Built::read(&f.root().join("public"), "https://e.org/");
    assert_eq!(built.parse_errors(), Vec::<String>::new());
    assert_eq!(built.broken_links(), Vec::<String>::new());
    // Units: not missing. Without a recorded revision, not current either.
    // (The build's counts are check's: a page cs-CZ lacks counts its units
    // as missing; the whole page's own units are stale, none missing.)
    let (_, c) = report.counts.iter().find(|(l, _)| l == "cs-CZ").unwrap();
    assert_eq!(c.translated, 0, "{c:?}");
    assert_eq!(c.stale, 8, "every unit of the whole page: {c:?}");
}

#[test]
fn script_in_a_whole_page_translation_never_reaches_the_page() {
    let hostile = CS.replace(
        "Přidejte do konfiguračního souboru:",
        "Přidejte <script>alert(1)</script><img src=x onerror=alert(2)> [klik](javascript:alert(3)) <a href=\"javascript:alert(4)\">a</a> <iframe src=\"https://evil.example/\"></iframe> <b onclick=\"alert(5)\">tučně</b>:\n\n<div onmouseover=\"alert(6)\"><script>alert(7)</script></div>",
    );
    let f = Fixture::new(&hostile);
    f.build();
    let html = f.html("cs-CZ/docs/tracing/index.html");
    let body = article(&html).to_ascii_lowercase();
    for bad in [
        "<script",
        "onerror",
        "onclick",
        "onmouseover",
        "javascript:",
        "<iframe",
        "alert(",
    ] {
        assert!(!body.contains(bad), "`{bad}` reached the page: {body}");
    }
    assert!(body.contains("tučně"), "harmless text stays: {body}");
}

#[test]
fn check_reports_no_missing_text_but_asks_for_source_hash_with_the_command() {
    let f = Fixture::new(CS);
    let r = f.report();
    // Only the page Czech does not have (overview.md) is missing.
    let missing: Vec<&str> = r
        .findings
        .iter()
        .filter(|x| x.rule == Rule::Missing)
        .map(|x| x.page.as_str())
        .collect();
    assert_eq!(missing, ["docs/overview.md"], "{:?}", rules(&r));
    let s = &r.locales[0];
    assert_eq!((s.pages, s.pages_missing, s.pages_whole), (1, 1, 1));
    let hash = f.of(Rule::SourceHash);
    assert_eq!(hash.len(), 1, "{:?}", rules(&r));
    let h = &hash[0];
    assert_eq!(h.diag.severity, Severity::Warning);
    let loc = h.diag.location.as_ref().unwrap();
    assert_eq!((loc.file.as_str(), loc.line, loc.column), (PAGE, 1, 1));
    let help = h.diag.help.as_deref().unwrap();
    assert!(help.contains(&format!("locdoc stamp {PAGE}")), "{help}");
    // Structurally faithful: nothing else.
    assert_eq!(r.findings.len(), 2, "{:?}", rules(&r));
}

#[test]
fn stamp_records_the_english_revision_once_and_changes_nothing_else() {
    // BOM and CRLF line ends survive, byte for byte.
    let crlf = format!("\u{feff}{}", CS.replace('\n', "\r\n"));
    let f = Fixture::new(&crlf);
    let o = f.run(&["stamp", PAGE]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("1 stamped"), "{}", stdout(&o));
    let stamped = f.read(PAGE);
    let line = stamped.lines().find(|l| l.starts_with("source_hash: sha256:")).unwrap();
    let inserted = format!("{line}\r\n");
    assert_eq!(
        stamped.replacen(&inserted, "", 1),
        crlf,
        "only the source_hash line was added"
    );
    assert!(stamped.starts_with("\u{feff}---\r\ntitle: Konfigurace trasování\r\nsource_hash: sha256:"));
    assert!(f.of(Rule::SourceHash).is_empty() && f.of(Rule::Stale).is_empty());
    let r = f.report();
    let overview = 2; // the units of the page Czech does not have
    assert_eq!((r.locales[0].units.stale, r.locales[0].units.missing), (0, overview));
    assert!(r.locales[0].units.translated > 0);

    // Again: nothing to do, the file is not rewritten.
    let before = std::fs::metadata(f.root().join(PAGE)).unwrap().modified().unwrap();
    let o = f.run(&["stamp", "content/cs-CZ"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("0 stamped, 1 already current"), "{}", stdout(&o));
    assert_eq!(f.read(PAGE), stamped);
    assert_eq!(
        std::fs::metadata(f.root().join(PAGE)).unwrap().modified().unwrap(),
        before
    );

    // Reflowing the English changes nothing; other front matter neither.
    f.write(
        "content/en-US/docs/tracing.md",
        &EN.replace("to a log. See", "to a log.\nSee")
            .replace("ms.date: 03/30/2017", "ms.date: 01/01/2026"),
    );
    assert!(f.of(Rule::Stale).is_empty(), "{:?}", rules(&f.report()));
}

#[test]
fn a_whole_page_translation_whose_english_changed_is_stale_by_its_hash() {
    let f = Fixture::new(CS);
    assert!(f.run(&["stamp", PAGE]).status.success());
    f.write(
        "content/en-US/docs/tracing.md",
        &EN.replace("Tracing writes events to a log.", "Tracing writes events to a file."),
    );
    let stale = f.of(Rule::Stale);
    assert_eq!(stale.len(), 1, "{:?}", rules(&f.report()));
    let s = &stale[0];
    let loc = s.diag.location.as_ref().unwrap();
    assert_eq!(
        (loc.file.as_str(), loc.line, loc.column),
        (PAGE, 3, 1),
        "at the source_hash line"
    );
    assert!(
        s.diag.message.contains("the English page has changed"),
        "{}",
        s.diag.message
    );
    assert!(s.diag.help.as_deref().unwrap().contains("locdoc stamp"));
    assert_eq!(s.related.as_ref().unwrap().file, "content/en-US/docs/tracing.md");
    let r = f.report();
    assert_eq!(r.locales[0].units.translated, 0, "a stale whole page is not current");
    // The page says so; the dashboard counts the page.
    f.build();
    let html = f.html("cs-CZ/docs/tracing/index.html");
    assert!(html.contains("class=\"notice-whole-stale\""), "{html}");
    let status = f.html("status/index.html");
    assert!(status.contains("data-value=\"1\" data-pages=\"whole\""), "{status}");
    // Stamping again after the update makes it current.
    assert!(f.run(&["stamp", PAGE]).status.success());
    assert!(f.of(Rule::Stale).is_empty());
}

#[test]
fn structure_differences_are_reported_where_they_are() {
    let changed = CS
        .replace("## Zapnutí\n", "### Zapnutí\n")
        .replace("```xml", "```json")
        .replace("[přehled](overview.md)", "[přehled](prehled.md)")
        .replace("![Prohlížeč trasování](media/viewer.png)\n", "")
        .replace(", potom %1.", ", potom %2.");
    let f = Fixture::new(&changed);
    let r = f.report();
    let find = |rule: Rule, what: &str| {
        r.findings
            .iter()
            .find(|x| x.rule == rule && x.diag.message.starts_with(what))
            .unwrap_or_else(|| panic!("no {rule} `{what}`: {:?}", rules(&r)))
    };
    let loc = |x: &Finding| {
        let l = x.diag.location.as_ref().unwrap();
        (l.line, l.column)
    };
    let h = find(Rule::Structure, "headings differ");
    assert!(
        h.diag.message.contains("is `h3` here and `h2` in the English"),
        "{}",
        h.diag.message
    );
    assert_eq!(loc(h), (9, 1), "the h3 (the image line is gone)");
    assert_eq!(h.related.as_ref().unwrap().line, 11, "the English h2");
    let c = find(Rule::Structure, "code blocks differ");
    assert!(c.diag.message.contains("`json` here and `xml`"), "{}", c.diag.message);
    assert_eq!(loc(c), (13, 1));
    let l = find(Rule::Structure, "links differ");
    assert!(
        l.diag.message.contains("missing `overview.md`; extra `prehled.md`"),
        "{}",
        l.diag.message
    );
    assert_eq!(loc(l), (6, 47));
    let i = find(Rule::Structure, "images differ");
    assert!(
        i.diag.message.contains("missing `media/viewer.png`"),
        "{}",
        i.diag.message
    );
    let p = find(Rule::Placeholder, "placeholders differ");
    assert_eq!(p.diag.severity, Severity::Error);
    assert!(
        p.diag.message.contains("missing `%1`; extra `%2`"),
        "{}",
        p.diag.message
    );
    assert_eq!(loc(p).0, 6);
    // Written through locdoc::diag: rustc-style, with file:line:col.
    let out = f.run(&["check"]);
    assert_eq!(out.status.code(), Some(1), "the placeholder error fails the gate");
    assert!(stdout(&out).contains(&format!("{PAGE}:9:1")), "{}", stdout(&out));
}

#[test]
fn sxs_and_english_pages_are_not_stamped_and_unknown_paths_are_usage_errors() {
    let f = Fixture::new(CS);
    f.write(
        "content/cs-CZ/docs/overview.md",
        "---\ntitle: Přehled\n---\n# <span data-ttu-id=\"a-1\">Přehled</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Overview</span></span>\n",
    );
    let before = f.read("content/cs-CZ/docs/overview.md");
    let o = f.run(&[
        "stamp",
        "content/cs-CZ/docs/overview.md",
        "content/en-US/docs/tracing.md",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("sxs segments"), "{}", stdout(&o));
    assert!(stdout(&o).contains("English page"), "{}", stdout(&o));
    assert_eq!(f.read("content/cs-CZ/docs/overview.md"), before);
    assert!(!f.read("content/en-US/docs/tracing.md").contains("source_hash"));
    let o = f.run(&["stamp", "content/cs-CZ/nope.md"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn a_page_without_title_is_a_warning_in_build_and_check_alike() {
    let f = Fixture::new(&CS.replace("title: Konfigurace trasování\n", "description: Bez titulku\n"));
    f.write(
        "content/en-US/docs/overview.md",
        "---\nms.date: 1/1/2020\n---\n# Overview\n\nText.\n",
    );
    let built = f.build();
    let mut titles: Vec<String> = built
        .warnings
        .iter()
        .filter(|w| w.code == "title")
        .map(|w| {
            assert_eq!(w.severity, Severity::Warning);
            w.location.as_ref().unwrap().to_string()
        })
        .collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            "content/cs-CZ/docs/tracing.md:1:1",
            "content/en-US/docs/overview.md:1:1"
        ]
    );
    let r = f.report();
    let mut found: Vec<String> = r
        .findings
        .iter()
        .filter(|x| x.rule == Rule::Title)
        .map(|x| {
            assert_eq!(x.diag.severity, Severity::Warning);
            x.diag.location.as_ref().unwrap().to_string()
        })
        .collect();
    found.sort();
    assert_eq!(found, titles, "check finds what build finds");
    // Not an error: the default gate passes; denying warnings fails both.
    let o = f.run(&["check", "--allow", "source-hash"]);
    assert!(o.status.success(), "{}", stdout(&o));
    let o = f.run(&["check", "--allow", "source-hash", "--deny-warnings"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("warning[title]"), "{}", stdout(&o));
    let o = f.run(&["build", "--deny-warnings", "--out", "out2"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("[title]: the page has no title"), "{}", stderr(&o));
}

#[test]
fn a_whole_page_translation_of_an_event_stays_in_the_event_index() {
    let site = common::SampleSite::new();
    let page = format!("content/cs-CZ/{}.md", common::PAGE);
    let english = site.read(&format!("content/en-US/{}.md", common::PAGE));
    let whole = english
        .replace(
            "title: \"4031 - DispatchSessionFailed\"",
            "title: \"4031 – DispatchSessionFailed (celá stránka)\"",
        )
        .replace(
            "## Description\n This event is emitted when the session dispatch has failed.",
            "## Popis\n Tato událost je vygenerována, když se nepodařilo odeslat relaci.",
        );
    site.write(&page, &whole);
    let o = site.run(&["build", "--no-search", "--out", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let index = std::fs::read_to_string(site.path("out/cs-CZ/index.html")).unwrap();
    let href = format!("<td><a href=\"{}/index.html\">", common::PAGE);
    assert!(index.contains(&href), "listed among the events, in Czech: {index}");
    let html = std::fs::read_to_string(site.path(&format!("out/cs-CZ/{}/index.html", common::PAGE))).unwrap();
    assert!(html.contains("Tato událost je vygenerována, když se nepodařilo odeslat relaci."));
    assert!(html.contains("class=\"notice-whole\""));
}
