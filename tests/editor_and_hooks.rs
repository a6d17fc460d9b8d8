//! Where users already are: the JSON Schema of `site.toml` that editors
//! (Taplo, Even Better TOML) complete and validate with, and the
//! pre-commit hook that runs `locdoc check` on the changed pages.

mod common;

use std::path::Path;

use common::{PAGE, SampleSite, repo, stderr, stdout};

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join("schemas/site.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

/// `site.toml` text as the JSON an editor validates.
fn json_of(toml_text: &str) -> serde_json::Value {
    let v: toml::Value = toml::from_str(toml_text).unwrap();
    serde_json::to_value(v).unwrap()
}

fn schema_errors(toml_text: &str) -> Vec<String> {
    schema()
        .iter_errors(&json_of(toml_text))
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn locdoc_accepts(toml_text: &str) -> bool {
    locdoc::config::Config::parse(Path::new("/site"), toml_text).is_ok()
}

/// Every key `site.toml` has, each set to something other than its default.
const EVERY_KEY: &str = r#"
title = "Docs"
description = "All of it."
base_url = "https://docs.example.org/"
source_locale = "en-US"
content_dir = "pages"
output_dir = "site"
templates_dir = "theme"
locales_dir = "ui"
static_dir = "files"

[[locales]]
code = "en-US"
name = "English"
dir = "ltr"

[[locales]]
code = "ar-SA"
name = "العربية"

[build]
pretty_urls = false
search = false
events_per_page = 50

[markdown]
xref_url = "https://learn.microsoft.com/dotnet/api/{uid}"
upstream_url = "https://learn.microsoft.com/{locale}/dotnet/"

[includes]
product = "Windows Communication Foundation"

[check]
fail_on = ["missing", "stale"]
deny = ["stale"]
warn = ["markup"]
allow = ["untranslated"]
min_coverage = { default = 90, ar-SA = 95 }
allow_identical = ["ActivationServices"]
allow_identical_numbers = false
allow_identical_identifiers = false

[limits]
file_size = 1000000
line_length = 100000
nesting_depth = 32
findings_per_page = 100
indexed_bytes = 500000
"#;

#[test]
fn the_schema_accepts_every_shipped_site_toml_and_every_key() {
    for (name, text) in [
        (
            "the sample site",
            std::fs::read_to_string(repo().join("site.toml")).unwrap(),
        ),
        ("locdoc init", locdoc::init::FILES[0].1.to_string()),
        ("every key", EVERY_KEY.to_string()),
    ] {
        assert_eq!(schema_errors(&text), Vec::<String>::new(), "{name}");
        assert!(locdoc_accepts(&text), "{name} is a valid site.toml");
    }
}

#[test]
fn the_schema_and_locdoc_refuse_the_same_mistakes() {
    let good = "title = \"t\"\nbase_url = \"https://e.org/\"\n[[locales]]\ncode = \"en-US\"\nname = \"English\"\n";
    assert!(schema_errors(good).is_empty() && locdoc_accepts(good));
    for bad in [
        format!("{good}titel = \"typo\"\n"),
        format!("{good}[build]\npretty_urls = \"yes\"\n"),
        format!("{good}[build]\nsearh = true\n"),
        format!("{good}[build]\nevents_per_page = -1\n"),
        format!("{good}[build]\nevents_per_page = \"many\"\n"),
        format!("{good}[check]\ndeny = [\"nonsense\"]\n"),
        format!("{good}[check]\nmin_coverage = 120\n"),
        format!("{good}[check]\nfail_on = \"sometimes\"\n"),
        format!("{good}[limits]\nfile_size = -1\n"),
        good.replace("code = \"en-US\"\n", "code = \"en-US\"\ndir = \"up\"\n"),
        good.replace("title = \"t\"\n", ""),
        good.replace("base_url = \"https://e.org/\"\n", "base_url = \"docs\"\n"),
    ] {
        assert!(!schema_errors(&bad).is_empty(), "the schema refuses:\n{bad}");
        assert!(!locdoc_accepts(&bad), "locdoc refuses:\n{bad}");
    }
}

#[derive(serde::Deserialize)]
struct Hook {
    id: String,
    entry: String,
    language: String,
    files: String,
    pass_filenames: bool,
    require_serial: bool,
}

#[test]
fn the_pre_commit_hook_runs_check_on_the_changed_pages() {
    let text = std::fs::read_to_string(repo().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks: Vec<Hook> = serde_saphyr::from_str(&text).unwrap();
    let hook = hooks
        .iter()
        .find(|h| h.id == "locdoc-check")
        .expect("a locdoc-check hook");
    // pre-commit installs a `language: rust` hook with cargo from this
    // repository, so the entry names the binary this crate builds.
    assert_eq!(hook.language, "rust");
    assert!(hook.pass_filenames && hook.require_serial);
    let files = regex::Regex::new(&hook.files).unwrap();
    assert!(files.is_match(&format!("content/cs-CZ/{PAGE}.md")));
    assert!(!files.is_match("content/cs-CZ/media/logo.png"));
    let mut entry = hook.entry.split_whitespace();
    assert_eq!(entry.next(), Some(env!("CARGO_PKG_NAME")));
    let args: Vec<&str> = entry.collect();

    // What pre-commit runs for a commit that changes the Czech page: the
    // entry, then the file names, from the repository root.
    let site = SampleSite::new();
    let page = format!("content/cs-CZ/{PAGE}.md");
    let run = |site: &SampleSite| site.run(&[args.as_slice(), &[page.as_str()]].concat());
    let o = run(&site);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    // An error in that page (its front matter names another locale) fails
    // the commit, naming the page.
    site.edit(&page, |t| {
        t.replacen("ms.contentlocale: cs-CZ", "ms.contentlocale: de-DE", 1)
    });
    let o = run(&site);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains(&page), "{}", stdout(&o));
}

#[test]
fn taplo_finds_the_schema_for_site_toml() {
    let text = std::fs::read_to_string(repo().join(".taplo.toml")).unwrap();
    let taplo: toml::Value = toml::from_str(&text).unwrap();
    let rule = &taplo["rule"][0];
    let include: Vec<&str> = rule["include"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(include.contains(&"site.toml"), "{include:?}");
    let path = rule["schema"]["path"].as_str().unwrap();
    assert!(repo().join(path).is_file(), "{path}");
}

#[test]
fn the_schema_knows_every_rule_of_check() {
    let text = std::fs::read_to_string(repo().join("schemas/site.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let listed: Vec<&str> = schema["definitions"]["rule"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    let rules: Vec<&str> = locdoc::check::Rule::ALL.iter().map(|r| r.code()).collect();
    assert_eq!(
        listed, rules,
        "schemas/site.schema.json lists the rules of locdoc::check::Rule::ALL"
    );
    let fail_on = schema["properties"]["check"]["properties"]["fail_on"]["oneOf"][1]["pattern"]
        .as_str()
        .unwrap();
    for r in &rules {
        assert!(fail_on.contains(r), "fail_on's pattern names {r}");
    }
}
