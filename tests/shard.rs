//! Sharded builds: `build --shard I/N` on N machines plus `build --merge`
//! give the single build's output byte for byte; a merge of parts that are
//! not the shards of one build is refused and keeps the old output.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::files::tree;
use common::{PAGE, SampleSite, stderr};
use locdoc::build::{BuildOptions, build};
use locdoc::shard::{MANIFEST, Shard, build_shard, merge};

/// Asserts two output folders hold the same files with the same bytes.
fn assert_same_tree(single: &Path, merged: &Path) {
    let (a, b) = (tree(single), tree(merged));
    let only_a: Vec<&String> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_b: Vec<&String> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "only in the single build: {only_a:?}; only in the merged one: {only_b:?}"
    );
    let differ: Vec<&String> = a.keys().filter(|k| a[*k] != b[*k]).collect();
    assert!(
        differ.is_empty(),
        "{} files differ, e.g. {:?}",
        differ.len(),
        &differ[..differ.len().min(5)]
    );
}

/// Builds `opts` once whole and once in `n` shards plus a merge; returns
/// the temporary folder and both outputs.
fn single_and_merged(opts: &BuildOptions, n: usize) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let single = tmp.path().join("single");
    build(&BuildOptions {
        out: Some(single.clone()),
        ..opts.clone()
    })
    .unwrap();
    let mut parts = Vec::new();
    for index in 1..=n {
        let part = tmp.path().join(format!("part-{index}"));
        build_shard(
            &BuildOptions {
                out: Some(part.clone()),
                ..opts.clone()
            },
            &Shard { index, count: n },
        )
        .unwrap();
        assert!(part.join(MANIFEST).is_file());
        parts.push(part);
    }
    // Merged in another order than built.
    parts.reverse();
    let merged = tmp.path().join("merged");
    let report = merge(
        &BuildOptions {
            out: Some(merged.clone()),
            ..opts.clone()
        },
        &parts,
    )
    .unwrap();
    assert!(report.total_pages() > 0);
    (tmp, single, merged)
}

/// The sample site with two more events, so that shards differ.
fn three_event_site() -> SampleSite {
    let site = SampleSite::new();
    for (id, name) in [("4032", "DispatchSessionRetried"), ("4030", "DispatchSessionStarted")] {
        for locale in ["en-US", "cs-CZ", "ru-RU"] {
            let from = format!("content/{locale}/{PAGE}.md");
            let to = format!("content/{locale}/events/{id}-{}.md", name.to_lowercase());
            let text = site
                .read(&from)
                .replace("4031", id)
                .replace("DispatchSessionFailed", name);
            site.write(&to, &text);
        }
    }
    site
}

#[test]
fn sharded_and_merged_equals_the_single_build_byte_for_byte() {
    let site = three_event_site();
    let opts = BuildOptions {
        root: site.root().to_path_buf(),
        ..Default::default()
    };
    // More shards than pages: some shards are empty.
    for n in [1, 2, 3, 5] {
        let (_tmp, single, merged) = single_and_merged(&opts, n);
        assert!(single.join(format!("cs-CZ/{PAGE}/index.html")).is_file());
        assert!(single.join("pagefind").is_dir(), "the sample site has search");
        assert_same_tree(&single, &merged);
        assert!(!merged.join(MANIFEST).exists(), "manifests stay out of the site");
    }
}

#[test]
fn sharded_and_merged_equals_the_single_build_with_a_paged_event_index() {
    let site = three_event_site();
    site.edit("site.toml", |t| format!("{t}events_per_page = 1\n"));
    let opts = BuildOptions {
        root: site.root().to_path_buf(),
        ..Default::default()
    };
    for n in [2, 3] {
        let (_tmp, single, merged) = single_and_merged(&opts, n);
        for code in ["en-US", "cs-CZ", "tr-TR"] {
            assert!(single.join(format!("{code}/page/3/index.html")).is_file(), "{code}");
            assert!(!single.join(format!("{code}/page/4")).exists(), "{code}");
        }
        assert_same_tree(&single, &merged);
    }
}

#[test]
#[ignore = "needs the shared corpus (../shared/corpus beside the repository)"]
fn sharded_and_merged_equals_the_single_build_on_the_corpus() {
    let content = common::corpus();
    let opts = BuildOptions {
        root: common::repo(),
        content: Some(content),
        ..Default::default()
    };
    let (_tmp, single, merged) = single_and_merged(&opts, 4);
    assert!(tree(&single).len() > 2000);
    assert_same_tree(&single, &merged);
}

#[test]
fn a_shard_holds_only_its_pages() {
    let site = three_event_site();
    let tmp = tempfile::tempdir().unwrap();
    let mut seen = BTreeMap::new();
    for index in 1..=3 {
        let part = tmp.path().join(format!("p{index}"));
        build_shard(
            &BuildOptions {
                root: site.root().to_path_buf(),
                out: Some(part.clone()),
                ..Default::default()
            },
            &Shard { index, count: 3 },
        )
        .unwrap();
        let pages: Vec<String> = tree(&part)
            .into_keys()
            .filter(|k| k.starts_with("en-US/events/"))
            .collect();
        assert_eq!(pages.len(), 1, "shard {index}/3: {pages:?}");
        assert!(!part.join("index.html").exists(), "site-wide pages wait for the merge");
        assert!(!part.join("sitemap.xml").exists());
        seen.insert(pages[0].clone(), index);
    }
    assert_eq!(seen.len(), 3, "every event in one shard: {seen:?}");
}

/// Builds shards `which` of `n` of the sample site; returns their folders.
fn shards(site: &SampleSite, n: usize, which: &[usize]) -> Vec<String> {
    which
        .iter()
        .map(|i| {
            let out = format!("part-{i}");
            let o = site.run(&["build", "--quiet", "--shard", &format!("{i}/{n}"), "--out", &out]);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            out
        })
        .collect()
}

#[test]
fn a_merge_of_parts_that_are_not_one_build_fails_with_exit_2_and_keeps_the_old_output() {
    let site = three_event_site();
    assert_eq!(site.run(&["build", "--quiet"]).status.code(), Some(0));
    let before = tree(&site.path("public"));
    let run_merge = |parts: &[String]| {
        let mut args = vec!["build", "--merge"];
        args.extend(parts.iter().map(String::as_str));
        site.run(&args)
    };
    let two = shards(&site, 3, &[1, 3]);
    let cases: Vec<(Vec<String>, &str)> = vec![
        (two.clone(), "shard 2/3 missing"),
        (
            vec![two[0].clone(), two[0].clone(), two[1].clone()],
            "are both shard 1/3",
        ),
        (vec![two[0].clone(), "content".into()], "no locdoc-shard.json"),
        (
            [two.clone(), shards(&site, 2, &[2])].concat(),
            "merge the shards of one build",
        ),
    ];
    for (parts, expected) in cases {
        let o = run_merge(&parts);
        assert_eq!(o.status.code(), Some(2), "{parts:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(expected), "{parts:?}: {}", stderr(&o));
        assert_eq!(tree(&site.path("public")), before, "the old output stays");
    }
    // Shards without search, merged with it (the sample site has search).
    let plain: Vec<String> = (1..=3)
        .map(|i| {
            let out = format!("plain-{i}");
            let shard = format!("{i}/3");
            let o = site.run(&["build", "--quiet", "--no-search", "--shard", &shard, "--out", &out]);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            out
        })
        .collect();
    let o = run_merge(&plain);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--no-search"), "{}", stderr(&o));
    assert_eq!(tree(&site.path("public")), before);
    // A page added after the shards were built.
    let all = shards(&site, 3, &[1, 2, 3]);
    site.write("content/en-US/guide.md", "---\ntitle: Guide\n---\n\nText.\n");
    let o = run_merge(&all);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("rebuild the shards from the same content"),
        "{}",
        stderr(&o)
    );
    assert_eq!(tree(&site.path("public")), before);
}

#[test]
fn bad_shard_flags_are_usage_errors() {
    let site = SampleSite::new();
    for args in [
        &["build", "--shard", "0/3"][..],
        &["build", "--shard", "4/3"][..],
        &["build", "--shard", "two"][..],
        &["build", "--shard", "1/2", "--review"][..],
        &["build", "--merge", "a", "--review"][..],
        &["build", "--merge", "a", "--shard", "1/2"][..],
    ] {
        let o = site.run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
    let o = site.run(&["build", "--shard", "0/3"]);
    assert!(stderr(&o).contains("write I/N"), "{}", stderr(&o));
}
