//! The `locdoc` binary: exit codes, messages, and that a failed build keeps
//! the previous output.

mod common;

use common::{PAGE, SampleSite, stderr, stdout};

fn out_page(site: &SampleSite, locale: &str) -> std::path::PathBuf {
    site.path(&format!("public/{locale}/{PAGE}/index.html"))
}

#[test]
fn build_succeeds_with_exit_code_0_and_a_summary() {
    let site = SampleSite::new();
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("Built 6 pages in 6 locales"), "{s}");
    assert!(s.contains("cs-CZ"), "{s}");
    assert!(out_page(&site, "tr-TR").is_file());
}

#[test]
fn quiet_prints_nothing_on_success() {
    let site = SampleSite::new();
    let o = site.run(&["build", "--quiet"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty() && o.stderr.is_empty());
}

#[test]
fn help_is_available_for_every_command() {
    let site = SampleSite::new();
    for args in [&["--help"][..], &["build", "--help"][..]] {
        let o = site.run(args);
        assert_eq!(o.status.code(), Some(0));
        assert!(stdout(&o).contains("Usage"), "{}", stdout(&o));
    }
    let o = site.run(&["build", "--help"]);
    for flag in ["--root", "--out", "--locale", "--quiet", "--content", "--deny-warnings"] {
        assert!(stdout(&o).contains(flag), "{flag}");
    }
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let site = SampleSite::new();
    let o = site.run(&["build", "--nope"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn locale_filter_builds_only_those_locales() {
    let site = SampleSite::new();
    let o = site.run(&["build", "--locale", "cs-CZ,en-US"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(out_page(&site, "cs-CZ").is_file());
    assert!(out_page(&site, "en-US").is_file());
    assert!(!out_page(&site, "pl-PL").exists());
}

#[test]
fn unknown_locale_filter_is_a_usage_error_listing_the_known_ones() {
    let site = SampleSite::new();
    let o = site.run(&["build", "--locale", "de-DE"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("known: en-US, cs-CZ"), "{}", stderr(&o));
}

#[test]
fn out_and_root_flags_work_from_elsewhere() {
    let site = SampleSite::new();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let o = common::locdoc(
        out.path(),
        &[
            "build",
            "--root",
            site.root().to_str().unwrap(),
            "--out",
            target.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(target.join("index.html").is_file());
}

#[test]
fn missing_site_toml_is_a_config_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = common::locdoc(dir.path(), &["build"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no site.toml"), "{}", stderr(&o));
}

#[test]
fn bad_site_toml_names_line_and_column() {
    let site = SampleSite::new();
    site.edit("site.toml", |t| {
        t.replace(
            "base_url = \"https://docs.example.org/wcf-etw/\"",
            "base_url = \"docs\"",
        )
    });
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("error[config]: base_url `docs` is not an absolute http(s) URL"),
        "{e}"
    );
    assert!(e.contains("site.toml:6:12"), "{e}");
    assert!(e.contains("help:"), "{e}");
}

#[test]
fn unknown_locale_folder_is_a_config_error() {
    let site = SampleSite::new();
    site.write("content/de-DE/events/x.md", "---\ntitle: x\n---\nx\n");
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("error[unknown-locale]"), "{e}");
    assert!(e.contains("content/de-DE"), "{e}");
    assert!(e.contains("[[locales]]"), "{e}");
}

#[test]
fn locale_folder_with_wrong_case_suggests_the_right_name() {
    let site = SampleSite::new();
    std::fs::rename(site.path("content/cs-CZ"), site.path("content/cs-cz")).unwrap();
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `cs-CZ`"), "{}", stderr(&o));
}

/// Builds once, breaks the site with `f`, builds again: exit code 1, the
/// message, and the first build's output untouched.
fn failing_rebuild(f: impl FnOnce(&SampleSite), expect: &[&str]) {
    let site = SampleSite::new();
    assert_eq!(site.run(&["build"]).status.code(), Some(0));
    let before = std::fs::read(out_page(&site, "cs-CZ")).unwrap();
    f(&site);
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let e = stderr(&o);
    for x in expect {
        assert!(e.contains(x), "expected {x:?} in:\n{e}");
    }
    assert_eq!(
        std::fs::read(out_page(&site, "cs-CZ")).unwrap(),
        before,
        "previous output kept"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("locdoc-staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn page_without_front_matter_fails_and_keeps_previous_output() {
    failing_rebuild(
        |s| {
            s.edit(&format!("content/pl-PL/{PAGE}.md"), |t| {
                t.splitn(3, "---\n").nth(2).unwrap().to_string()
            })
        },
        &[
            "error[front-matter]: the page has no front matter",
            "content/pl-PL/events/4031-dispatchsessionfailed.md:1:1",
        ],
    );
}

#[test]
fn invalid_yaml_fails_with_its_line() {
    failing_rebuild(
        |s| {
            s.edit(&format!("content/ru-RU/{PAGE}.md"), |t| {
                t.replace("ms.date: 03/30/2017", "ms.date: [03/30/2017")
            })
        },
        &[
            "error[front-matter]: invalid YAML front matter",
            "content/ru-RU/events/4031-dispatchsessionfailed.md:",
        ],
    );
}

#[test]
fn slug_escaping_the_output_fails() {
    failing_rebuild(
        |s| {
            s.edit(&format!("content/en-US/{PAGE}.md"), |t| {
                t.replacen("---\n", "---\nslug: ../../escape\n", 1)
            });
        },
        &[
            "error[slug]: slug `../../escape` would escape the output directory",
            "content/en-US/events/4031-dispatchsessionfailed.md:2:1",
        ],
    );
}

#[test]
fn several_broken_pages_are_all_reported() {
    failing_rebuild(
        |s| {
            s.write("content/cs-CZ/events/a.md", "no front matter\n");
            s.write("content/pl-PL/events/b.md", "---\ntitle: [\n---\n");
        },
        &[
            "content/cs-CZ/events/a.md:1:1",
            "content/pl-PL/events/b.md:2:",
            "2 problems",
        ],
    );
}

#[test]
fn malformed_spans_are_warnings_with_location_and_the_build_succeeds() {
    let site = SampleSite::new();
    site.edit(&format!("content/cs-CZ/{PAGE}.md"), |t| {
        t.replacen("Popis</span>", "Popis", 1)
    });
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("warning[malformed]: translation span `628af-112` is not closed"),
        "{e}"
    );
    assert!(
        e.contains("content/cs-CZ/events/4031-dispatchsessionfailed.md:32:30"),
        "{e}"
    );
    // The English heading stands in for the broken segment.
    let html = std::fs::read_to_string(out_page(&site, "cs-CZ")).unwrap();
    assert!(html.contains("lang=\"en-US\" title=\"Zatím nepřeloženo; zobrazeno anglicky.\">Description</span>"));
}

#[test]
fn deny_warnings_turns_warnings_into_a_failure() {
    let site = SampleSite::new();
    site.edit(&format!("content/cs-CZ/{PAGE}.md"), |t| {
        t.replacen("Popis</span>", "Popis", 1)
    });
    let o = site.run(&["build", "--deny-warnings"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error[malformed]"), "{}", stderr(&o));
    assert!(!site.path("public").exists());
}

#[test]
fn refuses_to_overwrite_a_folder_it_did_not_write() {
    let site = SampleSite::new();
    site.write("public/important.txt", "keep me");
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not written by locdoc"), "{}", stderr(&o));
    assert_eq!(site.read("public/important.txt"), "keep me");
}

#[test]
fn broken_template_is_a_template_error() {
    let site = SampleSite::new();
    site.write("templates/page.html", "{% block x %}");
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("error[template]"), "{}", stderr(&o));
    assert!(stderr(&o).contains("templates/page.html"), "{}", stderr(&o));
}

#[test]
fn crlf_bom_and_missing_final_newline_build_like_the_original() {
    let site = SampleSite::new();
    let rel = format!("content/tr-TR/{PAGE}.md");
    assert_eq!(site.run(&["build"]).status.code(), Some(0));
    let before = std::fs::read_to_string(out_page(&site, "tr-TR")).unwrap();
    site.edit(&rel, |t| format!("\u{feff}{}", t.replace('\n', "\r\n").trim_end()));
    assert_eq!(site.run(&["build"]).status.code(), Some(0));
    let after = std::fs::read_to_string(out_page(&site, "tr-TR")).unwrap();
    assert_eq!(before, after);
}

#[test]
fn translation_without_source_page_is_rendered_with_a_warning() {
    let site = SampleSite::new();
    site.write(
        "content/cs-CZ/events/extra.md",
        "---\ntitle: Navíc\n---\n# <span data-ttu-id=\"a-1\">Navíc</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Extra</span></span>\n\n<script>alert(1)</script>\n",
    );
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning[orphan-page]"), "{}", stderr(&o));
    let html = site.read("public/cs-CZ/events/extra/index.html");
    assert!(html.contains("Navíc"));
    assert!(!html.contains("alert(1)"), "raw HTML of a translation is sanitised");
}

#[test]
fn review_view_is_written_only_when_asked() {
    let site = SampleSite::new();
    assert_eq!(site.run(&["build"]).status.code(), Some(0));
    assert!(!site.path("public/_review").exists());
    let o = site.run(&["build", "--review"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = site.read(&format!("public/_review/cs-CZ/{PAGE}/index.html"));
    assert!(page.contains("class=\"st-missing"), "statuses");
    assert!(site.path("public/_review/ru-RU/index.html").is_file());
    assert!(
        !site.path("public/_review/en-US").exists(),
        "no review of the source locale"
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_out_of_the_site_are_never_published() {
    let site = SampleSite::new();
    let secret = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(secret.path(), "secret-token-123").unwrap();
    std::fs::create_dir_all(site.path("static")).unwrap();
    std::os::unix::fs::symlink(secret.path(), site.path("static/leak.txt")).unwrap();
    std::os::unix::fs::symlink(secret.path(), site.path("content/cs-CZ/events/leak.png")).unwrap();
    // A link inside the site is fine.
    std::os::unix::fs::symlink(site.path("site.toml"), site.path("static/config.txt")).unwrap();
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("warning[outside-link]: static/leak.txt is a symbolic link"),
        "{e}"
    );
    assert!(e.contains("content/cs-CZ/events/leak.png"), "{e}");
    assert!(!site.path("public/leak.txt").exists());
    assert!(!site.path("public/cs-CZ/events/leak.png").exists());
    assert!(site.path("public/config.txt").is_file());
}

#[test]
fn a_page_that_panics_is_an_error_of_that_page_not_a_crash() {
    // LOCDOC_TEST_PANIC is a test hook: reading a page holding the marker
    // panics. Without it, the same content builds.
    let site = SampleSite::new();
    let rel = format!("content/cs-CZ/{PAGE}.md");
    site.edit(&rel, |t| t.replace(">Popis<", ">Popis test-panic-marker<"));
    assert_eq!(site.run(&["build"]).status.code(), Some(0));
    // (Without the cache: the unchanged page would be reused, not read.)
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_locdoc"))
        .args(["build", "--no-cache"])
        .current_dir(site.root())
        .env("NO_COLOR", "1")
        .env("LOCDOC_TEST_PANIC", "test-panic-marker")
        .output()
        .unwrap();
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(e.contains("error[internal]: rendering this page panicked"), "{e}");
    assert!(e.contains(&format!("{rel}:1:1")), "{e}");
}
