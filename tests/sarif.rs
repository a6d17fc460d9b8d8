//! `locdoc check --format sarif` for code scanning: paths relative to the
//! repository the site is in, the same from whatever folder check runs;
//! the base defined; what GitHub's ingestion requires of rules and runs.
//! (`tests/validators.rs` runs Microsoft's SARIF multitool over it.)

mod common;

use std::path::Path;

use common::{SampleSite, locdoc, stderr};
use serde_json::Value;

/// The sample site in `site/` of a repository (a folder with `.git`).
fn repository() -> SampleSite {
    let repo = SampleSite::new();
    std::fs::create_dir_all(repo.path("site")).unwrap();
    for name in ["content", "locales", "templates", "site.toml"] {
        std::fs::rename(repo.path(name), repo.path(&format!("site/{name}"))).unwrap();
    }
    std::fs::create_dir_all(repo.path(".git")).unwrap();
    repo
}

fn sarif_in(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "sarif"];
    all.extend_from_slice(args);
    let o = locdoc(dir, &all);
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn uris(v: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for r in v["runs"][0]["results"].as_array().unwrap() {
        for key in ["locations", "relatedLocations"] {
            for l in r[key].as_array().into_iter().flatten() {
                let a = &l["physicalLocation"]["artifactLocation"];
                out.push((
                    a["uri"].as_str().unwrap().to_string(),
                    a["uriBaseId"].as_str().unwrap_or("").to_string(),
                ));
            }
        }
    }
    out
}

#[test]
fn paths_are_relative_to_the_repository_from_whatever_folder_check_runs_in() {
    let repo = repository();
    let from_repo = sarif_in(repo.root(), &["--root", "site"]);
    let from_site = sarif_in(&repo.path("site"), &[]);
    let from_locale = sarif_in(&repo.path("site/content/cs-CZ"), &["--root", "../.."]);
    assert_eq!(from_repo, from_site);
    assert_eq!(from_repo, from_locale);

    let uris = uris(&from_repo);
    assert!(uris.len() > 10, "{uris:?}");
    for (uri, base) in &uris {
        assert!(uri.starts_with("site/content/"), "{uri}");
        assert_eq!(base, "%SRCROOT%");
    }
    // Translations and their English sources both.
    assert!(uris.iter().any(|(u, _)| u.starts_with("site/content/cs-CZ/")));
    assert!(uris.iter().any(|(u, _)| u.starts_with("site/content/en-US/")));
    // The base is defined, as the repository's folder.
    let root = std::fs::canonicalize(repo.root()).unwrap();
    let base = &from_repo["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"];
    assert_eq!(
        base.as_str().unwrap(),
        url::Url::from_directory_path(&root).unwrap().as_str()
    );
    // Fingerprints name the file as code scanning sees it.
    let fp = from_repo["runs"][0]["results"][0]["partialFingerprints"]["locdoc/v1"]
        .as_str()
        .unwrap();
    assert!(fp.contains(":site/content/"), "{fp}");
}

#[test]
fn sarif_root_sets_the_base_and_needs_the_sarif_format() {
    let repo = repository();
    let v = sarif_in(repo.root(), &["--root", "site", "--sarif-root", "site/content"]);
    let found = uris(&v);
    assert!(!found.is_empty());
    for (uri, base) in &found {
        let locale = uri.split('/').next().unwrap();
        assert!(
            ["en-US", "cs-CZ", "pl-PL", "pt-BR", "ru-RU", "tr-TR"].contains(&locale),
            "{uri}"
        );
        assert_eq!(base, "%SRCROOT%");
    }
    // Files outside the given root: absolute file URIs without a base.
    let v = sarif_in(repo.root(), &["--root", "site", "--sarif-root", "site/locales"]);
    for (uri, base) in uris(&v) {
        assert!(uri.starts_with("file:///") && uri.contains("/site/content/"), "{uri}");
        assert_eq!(base, "");
    }
    let o = locdoc(
        repo.root(),
        &["check", "--root", "site", "--format", "json", "--sarif-root", "."],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--sarif-root"), "{}", stderr(&o));
}

#[test]
fn rules_and_run_carry_what_code_scanning_requires() {
    let site = SampleSite::new();
    let v = sarif_in(site.root(), &[]);
    let run = &v["runs"][0];
    let driver = &run["tool"]["driver"];
    assert!(driver["informationUri"].as_str().unwrap().starts_with("https://"));
    assert_eq!(run["automationDetails"]["id"], "locdoc/");
    for rule in driver["rules"].as_array().unwrap() {
        let id = rule["id"].as_str().unwrap();
        let name = rule["name"].as_str().unwrap();
        assert!(!name.eq_ignore_ascii_case(id), "{id}");
        assert!(!rule["shortDescription"]["text"].as_str().unwrap().is_empty(), "{id}");
        assert_ne!(
            rule["fullDescription"]["text"], rule["shortDescription"]["text"],
            "{id}"
        );
        assert!(!rule["help"]["text"].as_str().unwrap().is_empty(), "{id}");
    }
}
