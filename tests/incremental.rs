//! Incremental builds: a rebuild leaves the pages whose inputs did not
//! change where they are in the previous output, renders the others and
//! writes only the files that changed, and its output is byte for byte a
//! clean build's, after every kind of edit.
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use common::files::tree;
use common::{PAGE, SampleSite};
use locdoc::build::{BuildOptions, build};

/// The inode of every file under `dir`: a file taken from the previous
/// output keeps its inode (it is a hard link), a written one gets a new one.
fn inodes(dir: &Path) -> BTreeMap<String, u64> {
    common::files::each_file(dir, |e| e.metadata().unwrap().ino())
}

/// A sample site with more pages: copies of the event page under other
/// names, in English and Czech.
fn site() -> SampleSite {
    let s = SampleSite::new();
    for n in 1..=3 {
        for locale in ["en-US", "cs-CZ"] {
            let text = s.read(&format!("content/{locale}/{PAGE}.md"));
            s.write(&format!("content/{locale}/events/copy-{n}.md"), &text);
        }
    }
    s
}

/// Builds into `out`; how many pages were taken from the previous output.
fn build_into(s: &SampleSite, out: &Path, no_cache: bool) -> usize {
    build(&BuildOptions {
        root: s.root().to_path_buf(),
        out: Some(out.to_path_buf()),
        no_cache,
        ..Default::default()
    })
    .unwrap()
    .reused
}

/// Rebuilds `out` incrementally, builds a clean copy beside it, asserts
/// both are byte-identical and returns the files the rebuild wrote anew
/// (the others were left in place), and how many pages it took from the
/// previous output.
fn rebuild_and_compare(s: &SampleSite, out: &Path) -> (Vec<String>, usize) {
    let before = inodes(out);
    let reused = build_into(s, out, false);
    let clean: PathBuf = out.with_file_name("clean");
    build_into(s, &clean, true);
    let (a, b) = (tree(out), tree(&clean));
    let differ: Vec<&String> = a.keys().chain(b.keys()).filter(|k| a.get(*k) != b.get(*k)).collect();
    assert!(differ.is_empty(), "incremental and clean builds differ: {differ:?}");
    std::fs::remove_dir_all(&clean).unwrap();
    let written = inodes(out)
        .into_iter()
        .filter(|(rel, ino)| before.get(rel) != Some(ino))
        .map(|(rel, _)| rel)
        .collect();
    (written, reused)
}

/// Asserts the last rebuild rendered every page again (none was taken
/// from the previous output; a page rendered to the same bytes is not
/// written again, so its file may stay).
fn assert_every_page(out: &Path, reused: usize) {
    let all: Vec<String> = inodes(out).into_keys().collect();
    assert!(pages(&all).len() >= 8, "{all:?}");
    assert_eq!(reused, 0, "pages taken from the previous output");
}

fn pages(written: &[String]) -> Vec<&str> {
    written
        .iter()
        .filter(|p| p.contains("/events/") && p.ends_with("index.html"))
        .map(String::as_str)
        .collect()
}

#[test]
fn an_unchanged_rebuild_renders_no_page_and_matches_a_clean_build() {
    let s = site();
    let out = s.path("out/site");
    build_into(&s, &out, false);
    let (written, reused) = rebuild_and_compare(&s, &out);
    assert!(reused >= 8, "{reused}");
    // Nothing changed, so no file is written again: not the pages, nor the
    // site-wide pages, the assets or the search index.
    assert!(written.is_empty(), "files written again: {written:?}");
    // No language's search index changed: its files are linked, not rewritten.
    let index: Vec<&String> = written.iter().filter(|p| p.ends_with(".pf_index")).collect();
    assert!(index.is_empty(), "search index written again: {index:?}");
}

#[test]
fn a_one_page_edit_renders_that_page_only() {
    let s = site();
    let out = s.path("out/site");
    build_into(&s, &out, false);
    s.edit("content/cs-CZ/events/copy-2.md", |t| {
        t.replacen("</span>", " upraveno</span>", 1)
    });
    let (written, _) = rebuild_and_compare(&s, &out);
    assert_eq!(pages(&written), ["cs-CZ/events/copy-2/index.html"]);
    // Only the Czech search index is made again.
    assert!(
        written.iter().any(|p| p.contains("cs-cz") && p.ends_with(".pf_meta")),
        "{written:?}"
    );
    assert!(
        !written.iter().any(|p| p.contains("en-us") && p.ends_with(".pf_meta")),
        "{written:?}"
    );
}

#[test]
fn an_english_edit_renders_every_page_again() {
    let s = site();
    let out = s.path("out/site");
    build_into(&s, &out, false);
    s.edit(&format!("content/en-US/{PAGE}.md"), |t| {
        t.replacen("\n\n", "\n\nA new sentence.\n\n", 1)
    });
    let (_, reused) = rebuild_and_compare(&s, &out);
    assert_every_page(&out, reused);
}

#[test]
fn a_template_change_renders_every_page_again() {
    let s = site();
    let out = s.path("out/site");
    build_into(&s, &out, false);
    s.edit("templates/base.html", |t| {
        t.replacen("</body>", "<!-- changed --></body>", 1)
    });
    let (_, reused) = rebuild_and_compare(&s, &out);
    assert_every_page(&out, reused);
}

#[test]
fn a_config_or_ui_string_change_renders_every_page_again() {
    let s = site();
    let out = s.path("out/site");
    build_into(&s, &out, false);
    s.edit("site.toml", |t| t.replacen("title = \"", "title = \"New ", 1));
    let (_, reused) = rebuild_and_compare(&s, &out);
    assert_every_page(&out, reused);
    let ftl = std::fs::read_dir(s.path("locales/cs-CZ"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let rel = ftl.strip_prefix(s.root()).unwrap().to_string_lossy().into_owned();
    s.edit(&rel, |t| format!("{t}\nlocdoc-test-extra = x\n"));
    let (_, reused) = rebuild_and_compare(&s, &out);
    assert_every_page(&out, reused);
}

#[test]
fn a_deleted_or_added_page_matches_a_clean_build() {
    let s = site();
    let out = s.path("out/site");
    build_into(&s, &out, false);
    std::fs::remove_file(s.path("content/cs-CZ/events/copy-3.md")).unwrap();
    rebuild_and_compare(&s, &out);
    assert!(!out.join("cs-CZ/events/copy-3/index.html").exists());
    let text = s.read(&format!("content/cs-CZ/{PAGE}.md"));
    s.write("content/cs-CZ/events/copy-3.md", &text);
    rebuild_and_compare(&s, &out);
    assert!(out.join("cs-CZ/events/copy-3/index.html").is_file());
}

#[test]
fn a_lost_output_or_cache_means_a_clean_build() {
    let s = site();
    let out = s.path("out/site");
    build_into(&s, &out, false);
    // The cache without its output.
    std::fs::remove_dir_all(&out).unwrap();
    build_into(&s, &out, false);
    assert!(out.join("cs-CZ/events/copy-1/index.html").is_file());
    // The output without its cache: every page written again.
    std::fs::remove_dir_all(s.path(".locdoc-cache")).unwrap();
    let (_, reused) = rebuild_and_compare(&s, &out);
    assert_every_page(&out, reused);
    // --no-cache leaves no cache behind.
    std::fs::remove_dir_all(s.path(".locdoc-cache")).unwrap();
    build_into(&s, &out, true);
    assert!(!s.path(".locdoc-cache").exists());
}

#[test]
fn a_renamed_page_matches_a_clean_build_and_leaves_no_trace() {
    let s = site();
    let out = s.path("out/site");
    build_into(&s, &out, false);
    for locale in ["en-US", "cs-CZ"] {
        std::fs::rename(
            s.path(&format!("content/{locale}/events/copy-2.md")),
            s.path(&format!("content/{locale}/events/renamed.md")),
        )
        .unwrap();
    }
    let (written, reused) = rebuild_and_compare(&s, &out);
    assert!(
        !out.join("cs-CZ/events/copy-2").exists(),
        "the old page's folder is gone"
    );
    assert!(!out.join("en-US/events/copy-2").exists());
    assert!(out.join("cs-CZ/events/renamed/index.html").is_file());
    assert!(
        written.contains(&"cs-CZ/events/renamed/index.html".to_string()),
        "{written:?}"
    );
    // The list of pages is part of every page (links, the language
    // switcher): all are rendered again.
    assert_eq!(reused, 0);
}

#[test]
fn a_failed_rebuild_keeps_the_output_and_the_next_one_is_still_incremental() {
    let s = site();
    let out = s.path("out/site");
    build_into(&s, &out, false);
    let before = tree(&out);
    let page = "content/cs-CZ/events/copy-1.md";
    let good = s.read(page);
    s.write(page, "no front matter\n");
    let s2 = s.path(page);
    let err = build(&BuildOptions {
        root: s.root().to_path_buf(),
        out: Some(out.clone()),
        ..Default::default()
    });
    assert!(err.is_err(), "a page without front matter fails the build");
    assert!(tree(&out) == before, "the previous output is untouched");
    std::fs::write(&s2, good).unwrap();
    let (written, reused) = rebuild_and_compare(&s, &out);
    assert!(
        reused >= 8,
        "the cache survived the failed build: {reused} pages reused"
    );
    assert!(written.is_empty(), "{written:?}");
}
