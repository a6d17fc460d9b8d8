//! The corpus site through the checkers teams and crawlers use, failing on
//! any error they report: the Nu Html Checker (vnu-jar) over every page,
//! stylesheet and icon, on any message at all (warnings and information
//! too); axe-core in headless Chromium over each kind of page
//! in every locale, at phone width and in dark mode; Microsoft's SARIF
//! multitool, with GitHub's ingestion rules, over `check`'s SARIF.
//!
//! Ignored by default: they need the shared corpus, Java, Chromium and the
//! checkers, which `.ci/validators/install` puts in `target/validators`
//! (or `$LOCDOC_VALIDATORS`). `.ci/run` installs them and runs these with
//! `--ignored`; anything missing fails them.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::browser::{driver, runtime, session, until};
use common::files::serve;
use locdoc::Site;
use locdoc::check::{CheckOptions, CheckReport, Rule};
use locdoc::config::Config;
use serde_json::{Value, json};

/// Where `.ci/validators/install` put the checkers.
fn validators() -> PathBuf {
    let dir = std::env::var_os("LOCDOC_VALIDATORS")
        .map_or_else(|| common::repo().join("target/validators"), PathBuf::from)
        .join("node_modules");
    assert!(
        dir.join("vnu-jar").is_dir()
            && dir.join("axe-core").is_dir()
            && dir.join("@microsoft/sarif-multitool").is_dir(),
        "the validators are missing in {}: run .ci/validators/install",
        dir.display()
    );
    dir
}

/// The corpus site, built once for the tests of this file.
fn corpus_site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let out = common::corpus_site(dir.path());
            (dir, out)
        })
        .1
}

fn corpus() -> (Site, CheckReport) {
    let config = Config::load_with_content(&common::repo(), Some(&common::corpus())).unwrap();
    let site = Site::load(&common::repo(), config).unwrap();
    let report = locdoc::check::check(&site, &CheckOptions::default()).unwrap();
    (site, report)
}

/// A page with nothing wrong but a `<br />` (a trailing slash on a void
/// element, which the Nu checker reports as information, not an error):
/// it proves that messages other than errors reach the test.
const CONTROL: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>t</title></head><body><p>a<br />b</p></body></html>\n";

/// One message of the Nu checker: the file (what follows `root`, or its
/// whole URL), the kind (`error`, `info warning`, `info`, `non-document-error`…),
/// the line and the text.
struct NuMessage {
    page: String,
    kind: String,
    line: Value,
    text: String,
}

/// Every message the Nu checker has on the files under `paths` — errors,
/// warnings and information alike (no `--errors-only`).
fn nu_messages(paths: &[&Path], root: &Path) -> Vec<NuMessage> {
    let vnu = validators().join("vnu-jar/build/dist/vnu.jar");
    let out = Command::new("java")
        .arg("-jar")
        .arg(&vnu)
        .args(["--exit-zero-always", "--format", "json"])
        .args(["--skip-non-html", "--also-check-css", "--also-check-svg"])
        .args(paths)
        .output()
        .expect("java (apt-get install default-jre-headless; .ci/validators/install does)");
    let report: Value = serde_json::from_slice(&out.stderr)
        .unwrap_or_else(|e| panic!("vnu said: {e}\n{}", String::from_utf8_lossy(&out.stderr)));
    // vnu names files `file:/tmp/…`: what follows the site's folder.
    let root = format!("{}/", std::fs::canonicalize(root).unwrap().display());
    let messages = report["messages"]
        .as_array()
        .unwrap_or_else(|| panic!("no messages in vnu's report: {report}"));
    messages
        .iter()
        .map(|m| {
            let url = m["url"].as_str().unwrap_or("");
            let kind = match (m["type"].as_str(), m["subType"].as_str()) {
                (Some(t), Some(sub)) => format!("{t} {sub}"),
                (Some(t), None) => t.to_string(),
                (None, _) => format!("untyped {m}"),
            };
            NuMessage {
                page: url.split_once(root.as_str()).map_or(url, |(_, p)| p).to_string(),
                kind,
                line: m["lastLine"].clone(),
                text: m["message"].as_str().unwrap_or("").to_string(),
            }
        })
        .collect()
}

#[test]
#[ignore = "needs the shared corpus, Java and the validators (.ci/validators/install)"]
fn the_nu_html_checker_has_no_message_on_the_corpus_site_but_the_sources_heading_skips() {
    let site = corpus_site();
    let control_dir = tempfile::tempdir().unwrap();
    let control = control_dir.path().join("control.html");
    std::fs::write(&control, CONTROL).unwrap();
    let all = nu_messages(&[site, &control], site);
    let control_url = format!("{}", std::fs::canonicalize(&control).unwrap().display());
    let (control_messages, messages): (Vec<_>, Vec<_>) = all.into_iter().partition(|m| m.page.ends_with(&control_url));
    // The control's `<br />` is reported, though it is no error.
    assert!(
        control_messages
            .iter()
            .any(|m| m.kind.starts_with("info") && m.text.contains("Trailing slash on void elements")),
        "vnu's information messages do not reach the test: {:?}",
        control_messages.iter().map(|m| (&m.kind, &m.text)).collect::<Vec<_>>()
    );
    // The content's own heading skips are `check`'s `heading-skip`
    // warnings (the content is not ours to change): the checker must
    // report them exactly on those pages, in every locale, as errors.
    let (s, report_check) = corpus();
    let skips: BTreeSet<String> = report_check
        .findings
        .iter()
        .filter(|f| f.rule == Rule::HeadingSkip)
        .map(|f| s.urls[f.page.as_str()].dir.clone())
        .collect();
    let mut explained = BTreeSet::new();
    let mut others = Vec::new();
    for m in &messages {
        let dir = m
            .page
            .split_once('/')
            .map_or("", |(_, rest)| rest.trim_end_matches("index.html"));
        if m.kind == "error"
            && m.text.starts_with("The heading “h")
            && m.text.contains("skipping")
            && skips.contains(dir)
        {
            explained.insert(m.page.clone());
            continue;
        }
        others.push(format!("{}:{}: {} {}", m.page, m.line, m.kind, m.text));
    }
    assert_eq!(
        others,
        Vec::<String>::new(),
        "the Nu Html Checker's messages (errors, warnings and information)"
    );
    let locales = s.config.locales.len();
    assert_eq!(
        explained.len(),
        skips.len() * locales,
        "{explained:?} against {skips:?}"
    );
    let pages = walkdir::WalkDir::new(site)
        .into_iter()
        .filter(|e| e.as_ref().is_ok_and(|e| e.file_name() == "index.html"))
        .count();
    eprintln!(
        "vnu: {pages} pages checked, {} heading skips from the English source ({} pages in {locales} locales), no other message",
        explained.len(),
        skips.len()
    );
}

/// The pages axe-core runs on in each locale: one of each kind.
const PAGES: [&str; 5] = [
    "",
    "etw/214-operationcompleted/",
    "etw/configuring-message-flow-tracing/",
    "status/",
    "search/?q=WCF",
];

#[test]
#[ignore = "needs the shared corpus, Chromium and the validators (.ci/validators/install)"]
fn axe_finds_no_violation_on_any_kind_of_page_in_any_locale() {
    let axe = std::fs::read_to_string(validators().join("axe-core/axe.min.js")).unwrap();
    let port = serve(corpus_site().to_path_buf());
    let url = |p: &str| format!("http://127.0.0.1:{port}/{p}");
    let (site, _) = corpus();
    let locales: Vec<String> = site.config.locales.iter().map(|l| l.code.clone()).collect();
    let driver = driver();
    let profiles = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let (checked, violations) = runtime().block_on(async {
        let mut violations = Vec::new();
        let mut checked = 0;
        // Every kind of page in every locale on a phone, where tables and
        // code scroll; one locale's again on a desktop in dark mode.
        for (dark, width, height, locales) in [
            (false, 390, 844, locales.clone()),
            (true, 1280, 900, vec![locales[1].clone()]),
        ] {
            let c = session(&driver, dark, &profiles.path().join(format!("dark-{dark}"))).await;
            c.set_window_size(width, height).await.unwrap();
            let mut pages = vec![String::new(), "status/".to_string()];
            for l in &locales {
                // The source locale's dashboard is the site's (`status/`).
                for p in PAGES {
                    let dir = p.split('?').next().unwrap_or(p);
                    if corpus_site().join(format!("{l}/{dir}")).is_dir() {
                        pages.push(format!("{l}/{p}"));
                    }
                }
            }
            assert!(pages.len() >= 2 + locales.len() * (PAGES.len() - 1), "{pages:?}");
            for page in pages {
                c.goto(&url(&page)).await.unwrap();
                until(&c, "return document.readyState;", |v| v == "complete").await;
                if page.contains("search/?q=") {
                    until(
                        &c,
                        "return document.querySelectorAll('#search-results li').length;",
                        |v| v.as_u64().is_some_and(|n| n > 0),
                    )
                    .await;
                }
                c.execute(&format!("{axe}\nreturn true;"), vec![]).await.unwrap();
                let found = c
                    .execute_async(
                        "const done = arguments[arguments.length - 1];
                         axe.run(document, { resultTypes: ['violations'] })
                           .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact,
                             nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))))
                           .catch(e => done([{ id: 'axe-error', impact: String(e), nodes: [] }]));",
                        vec![],
                    )
                    .await
                    .unwrap();
                checked += 1;
                for v in found.as_array().unwrap() {
                    violations.push(format!(
                        "{page} ({width}px{}): {} ({}) {}",
                        if dark { ", dark" } else { "" },
                        v["id"],
                        v["impact"],
                        v["nodes"]
                    ));
                }
            }
            c.close().await.unwrap();
        }
        (checked, violations)
    });
    assert_eq!(violations, Vec::<String>::new(), "axe-core's violations");
    eprintln!("axe-core: {checked} pages, no violation ({:.0?})", started.elapsed());
}

/// Runs the SARIF multitool's validation with GitHub's rules over `sarif`
/// and returns what it reports.
fn multitool(sarif: &str) -> Vec<String> {
    let tool = validators().join("@microsoft/sarif-multitool-linux/Sarif.Multitool");
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("check.sarif");
    let output = dir.path().join("validation.sarif");
    std::fs::write(&input, sarif).unwrap();
    let o = Command::new(&tool)
        .args([
            "validate",
            "--rule-kind",
            "Sarif;Gh",
            "--log",
            "ForceOverwrite",
            "--output",
        ])
        .arg(&output)
        .arg(&input)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", tool.display()));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
    v["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            format!(
                "{} {}: {}",
                r["level"].as_str().unwrap_or("warning"),
                r["ruleId"],
                r["message"]["arguments"]
            )
        })
        .collect()
}

#[test]
#[ignore = "needs the shared corpus and the validators (.ci/validators/install)"]
fn the_sarif_multitool_with_githubs_rules_accepts_checks_sarif() {
    // The corpus (findings of most rules, files outside the repository)
    // and the sample site (files inside it).
    let (_, report) = corpus();
    assert!(report.findings.len() > 100);
    assert_eq!(multitool(&locdoc::report::sarif(&report)), Vec::<String>::new());
    let sample = Site::open(&common::repo()).unwrap();
    let report = locdoc::check::check(&sample, &CheckOptions::default()).unwrap();
    let sarif = locdoc::report::sarif(&report);
    let v: Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
        json!("%SRCROOT%")
    );
    assert_eq!(multitool(&sarif), Vec::<String>::new());
}
