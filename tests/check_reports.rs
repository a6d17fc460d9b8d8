//! The reports of `locdoc check`: golden files of every output format and
//! schema validation of the JSON and SARIF reports.
//!
//! `tests/sarif-schema-2.1.0.json` is the OASIS SARIF 2.1.0 JSON Schema
//! (draft-07), as shipped in the serde-sarif crate's source.

mod common;

use common::check_fixture::*;
use locdoc::Site;
use locdoc::check::{CheckOptions, Rule, check};
use locdoc::report;

fn golden(format: report::Format) -> String {
    let f = golden_fixture();
    let site = Site::open(f.root()).unwrap();
    let mut r = check(&site, &CheckOptions::default()).unwrap();
    r.elapsed = std::time::Duration::ZERO;
    // SARIF names the folder its paths are relative to, a temporary one.
    let base = url::Url::from_directory_path(std::fs::canonicalize(f.root()).unwrap()).unwrap();
    report::render(&r, format, false).replace(base.as_str(), "file:///site/")
}

#[test]
fn golden_human() {
    insta::assert_snapshot!("check_human", golden(report::Format::Human));
}

#[test]
fn golden_json() {
    insta::assert_snapshot!("check_json", golden(report::Format::Json));
}

#[test]
fn golden_github() {
    insta::assert_snapshot!("check_github", golden(report::Format::Github));
}

#[test]
fn golden_sarif() {
    insta::assert_snapshot!("check_sarif", golden(report::Format::Sarif));
}

#[test]
fn golden_junit() {
    insta::assert_snapshot!("check_junit", golden(report::Format::Junit));
}

fn validate(schema_file: &str, doc: &str) {
    let mut text = std::fs::read_to_string(common::repo().join(schema_file)).unwrap();
    // The SARIF 2.1.0 schema's `run.language` pattern has a stray `]` that
    // strict ECMA-262 regex validation rejects; SARIF errata 01 corrects it to
    // this. Nothing locdoc writes uses that property.
    text = text.replace(
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
        r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#,
    );
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let instance: serde_json::Value = serde_json::from_str(doc).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{schema_file}:\n{}", errors.join("\n"));
}

#[test]
fn json_report_validates_against_its_schema() {
    validate("schemas/check-report.v1.schema.json", &golden(report::Format::Json));
    // Also with nothing to report.
    let f = Fixture::new(EN, Some(&cs()));
    validate("schemas/check-report.v1.schema.json", &report::json(&f.report()));
}

#[test]
fn sarif_report_validates_against_the_official_schema() {
    let sarif = golden(report::Format::Sarif);
    validate("tests/sarif-schema-2.1.0.json", &sarif);
    let v: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert_eq!(
        v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap().len(),
        Rule::ALL.len()
    );
}

#[test]
fn schema_rejects_a_broken_report() {
    let mut v: serde_json::Value = serde_json::from_str(&golden(report::Format::Json)).unwrap();
    v["findings"][0]["rule"] = serde_json::json!("bogus");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::repo().join("schemas/check-report.v1.schema.json")).unwrap(),
    )
    .unwrap();
    assert!(!jsonschema::validator_for(&schema).unwrap().is_valid(&v));
}

#[test]
fn the_summary_counts_one_of_a_kind_in_the_singular() {
    let f = golden_fixture();
    let site = Site::open(f.root()).unwrap();
    let mut r = check(&site, &CheckOptions::default()).unwrap();
    let all = report::summary(&r);
    assert!(all.contains("\n2 errors, 3 warnings, 1 note in "), "{all}");
    assert!(
        all.ends_with("check failed: 2 findings at or above the fail level\n"),
        "{all}"
    );
    // One finding of each severity.
    let mut seen = std::collections::HashSet::new();
    r.findings.retain(|f| seen.insert(f.severity()));
    assert_eq!(r.findings.len(), 3);
    let one = report::summary(&r);
    assert!(one.contains("\n1 error, 1 warning, 1 note in "), "{one}");
    assert!(
        one.ends_with("check failed: 1 finding at or above the fail level\n"),
        "{one}"
    );
}

#[test]
fn junit_has_one_case_per_page_and_locale() {
    let xml = golden(report::Format::Junit);
    assert_eq!(xml.matches("<testcase ").count(), 2);
    assert!(xml.contains("name=\"events/210.md\""));
    assert!(
        xml.contains("<failure"),
        "the placeholder and front-matter errors fail the case"
    );
}
