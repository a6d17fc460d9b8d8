//! What a new user runs into first: `-q` and `-v` meaning the same in
//! every command, usage errors (exit 2) for paths that do not exist, a
//! partial build without dangling links, `serve` picking up the theme's
//! assets and a `static/` made after it started, and error carets on the
//! line that is wrong.

mod common;

use common::server::Server;
use common::sitecheck::Built;
use common::{PAGE, SampleSite, stderr, stdout};

#[test]
fn check_quiet_says_why_it_failed_and_prints_no_warnings() {
    let site = SampleSite::new();
    let o = site.run(&["check", "--min-coverage", "90", "-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("check failed: below minimum coverage: cs-CZ (62.5% < 90%)"),
        "{out}"
    );
    assert!(!out.contains("warning["), "only errors: {out}");
    assert!(!out.contains("locale  pages"), "no table: {out}");
}

#[test]
fn check_quiet_prints_the_failing_findings_only() {
    let site = SampleSite::new();
    let o = site.run(&["check", "-q", "--deny", "untranslated"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("error[untranslated]"), "{out}");
    assert!(!out.contains("warning[missing]"), "{out}");
    assert!(
        out.contains("check failed: 2 findings at or above the fail level"),
        "{out}"
    );
    // A passing check says nothing.
    let o = site.run(&["check", "-q"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
}

#[test]
fn check_of_a_path_that_does_not_exist_is_a_usage_error() {
    let site = SampleSite::new();
    let o = site.run(&["check", "content/nonexistent.md"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("content/nonexistent.md: no such file or folder"),
        "{}",
        stderr(&o)
    );
    // An existing page still checks.
    let o = site.run(&["check", &format!("content/cs-CZ/{PAGE}.md")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_missing_baseline_is_a_usage_error_not_a_failing_gate() {
    let site = SampleSite::new();
    let o = site.run(&["check", "--baseline", "nope.json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let e = stderr(&o);
    assert!(e.contains("--baseline nope.json: no such file"), "{e}");
    assert!(e.contains("--write-baseline"), "{e}");
}

#[test]
fn build_lists_ten_warnings_and_verbose_lists_them_all() {
    let site = SampleSite::new();
    let links: String = (0..25).map(|i| format!("\n[gone {i}](gone-{i}.md)\n")).collect();
    site.edit(&format!("content/en-US/{PAGE}.md"), |t| t + &links);
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("more (--verbose lists them all):"), "{e}");
    assert!(!e.contains("gone-24.md"), "{e}");
    let o = site.run(&["build", "-v"]);
    let e = stderr(&o);
    assert!(!e.contains("more (--verbose"), "{e}");
    for i in 0..25 {
        assert!(e.contains(&format!("gone-{i}.md")), "gone-{i}.md in:\n{e}");
    }
    let count: usize = stdout(&o)
        .lines()
        .find_map(|l| l.strip_suffix(" warnings").and_then(|n| n.parse().ok()))
        .unwrap_or_else(|| panic!("a warning count in {}", stdout(&o)));
    assert_eq!(
        e.matches("\nwarning[").count() + usize::from(e.starts_with("warning[")),
        count,
        "{e}"
    );
    // Quiet and verbose together make no sense.
    assert_eq!(site.run(&["build", "-q", "-v"]).status.code(), Some(2));
}

#[test]
fn a_partial_build_has_no_dangling_links_and_counts_what_it_built() {
    let site = SampleSite::new();
    let out = tempfile::tempdir().unwrap();
    let o = site.run(&["build", "--locale", "ru-RU", "--out", out.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The source locale comes along: translations fall back to it.
    assert!(stdout(&o).starts_with("Built 2 pages in 2 locales"), "{}", stdout(&o));
    let built = Built::read(out.path(), "https://docs.example.org/wcf-etw/");
    assert_eq!(built.broken_links(), Vec::<String>::new());
    assert_eq!(built.hreflang_problems(), Vec::<String>::new());
    assert!(!out.path().join("cs-CZ").exists());
    let page = std::fs::read_to_string(out.path().join(format!("ru-RU/{PAGE}/index.html"))).unwrap();
    assert!(
        !page.contains("hreflang=\"cs-CZ\""),
        "no alternate to an unbuilt locale"
    );
    assert!(
        page.contains("<span class=\"unavailable\" lang=\"cs-CZ\" dir=\"auto\">"),
        "marked in the switcher"
    );
}

#[test]
fn one_page_in_one_locale_reads_right() {
    let site = SampleSite::new();
    for l in common::SEED_LOCALES {
        std::fs::remove_dir_all(site.path(&format!("content/{l}"))).unwrap();
    }
    site.edit("site.toml", |t| {
        let cut = t.find("[[locales]]\ncode = \"cs-CZ\"").unwrap_or(t.len());
        t[..cut].to_string()
    });
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("Built 1 page in 1 locale in "), "{}", stdout(&o));
}

#[test]
fn serve_quiet_still_prints_the_address() {
    let s = Server::start_with(&[], &["-q"]);
    assert_eq!(s.get("/").0, 200);
}

#[test]
fn serve_reloads_the_theme_assets_and_a_static_folder_made_later() {
    let s = Server::start();
    s.site
        .edit("templates/static/locdoc.css", |t| t + "\n/* edited-theme */\n");
    s.wait_until("/static/locdoc.css", "the edited theme", |c, b| {
        c == 200 && b.contains("edited-theme")
    });
    assert!(!s.site.path("static").exists());
    s.site.write("static/robots-extra.txt", "first");
    s.wait_until("/robots-extra.txt", "a file of a new static/", |c, b| {
        c == 200 && b == "first"
    });
    s.site.write("static/robots-extra.txt", "second");
    s.wait_until("/robots-extra.txt", "an edit in the new static/", |c, b| {
        c == 200 && b == "second"
    });
}

#[test]
fn an_unclosed_yaml_value_is_marked_where_it_opens() {
    let site = SampleSite::new();
    site.edit(&format!("content/ru-RU/{PAGE}.md"), |t| {
        t.replace("ms.date: 03/30/2017", "ms.date: [03/30/2017")
    });
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    let line = site
        .read(&format!("content/ru-RU/{PAGE}.md"))
        .lines()
        .position(|l| l.starts_with("ms.date:"))
        .unwrap()
        + 1;
    assert!(e.contains(&format!("{PAGE}.md:{line}:10\n")), "{e}");
    assert!(e.contains("the `[` here is not closed on its line"), "{e}");
    assert!(e.contains(&format!("noticed at line {}", line + 1)), "{e}");
}

#[test]
fn an_ftl_error_is_marked_in_the_broken_message_not_after_it() {
    let site = SampleSite::new();
    site.write(
        "locales/cs-CZ/extra.ftl",
        "first = ok\nbroken = { $count\n\nlast = ok\n",
    );
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("locales/cs-CZ/extra.ftl:2:18\n"), "{e}");
    assert!(e.contains("2 | broken = { $count"), "{e}");
}

#[test]
fn a_media_folder_in_content_is_told_where_media_belongs() {
    let site = SampleSite::new();
    site.write("content/images/logo.png", "png");
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("content folder `content/images` is not a locale"), "{e}");
    assert!(e.contains("move it to content/en-US/images/"), "{e}");
    assert!(e.contains("static/images/"), "{e}");
    assert!(
        !e.contains("code = \"images\""),
        "no advice to add a locale named images: {e}"
    );
    // A folder that looks like a locale still gets the [[locales]] advice.
    std::fs::remove_dir_all(site.path("content/images")).unwrap();
    site.write("content/de-DE/x.md", "---\ntitle: x\n---\nx\n");
    let e = stderr(&site.run(&["build"]));
    assert!(e.contains("add [[locales]] with code = \"de-DE\""), "{e}");
}
