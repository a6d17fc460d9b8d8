//! The machine-readable formats of the check report.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::check::{CheckReport, Finding, Rule};
use crate::config::FailOn;
use crate::diag::{Location, Severity};

/// The version of the JSON report (see `schemas/check-report.v1.schema.json`).
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: Tool,
    summary: JsonSummary,
    locales: Vec<JsonLocale<'a>>,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

const TOOL: Tool = Tool {
    name: "locdoc",
    version: env!("CARGO_PKG_VERSION"),
};

#[derive(Serialize)]
struct JsonSummary {
    findings: usize,
    errors: usize,
    warnings: usize,
    notes: usize,
    failing: usize,
    failed: bool,
    fail_on: String,
    elapsed_ms: u64,
}

#[derive(Serialize)]
struct JsonLocale<'a> {
    locale: &'a str,
    pages: usize,
    pages_missing: usize,
    pages_whole: usize,
    units: &'a crate::align::Counts,
    coverage: f64,
    min_coverage: Option<f64>,
    below_min_coverage: bool,
    findings: BTreeMap<&'static str, usize>,
    baselined: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'static str,
    severity: Severity,
    fails: bool,
    locale: &'a str,
    page: &'a str,
    file: &'a str,
    line: u32,
    column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    segment_id: Option<&'a str>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    english: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    translation: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    related: Option<&'a Location>,
}

fn fail_on_text(f: &FailOn) -> String {
    match f {
        FailOn::Severity(s) => s.as_str().to_string(),
        FailOn::Rules(r) => r.iter().map(|r| r.code()).collect::<Vec<_>>().join(","),
    }
}

fn loc(f: &Finding) -> (&str, u32, u32) {
    f.diag
        .location
        .as_ref()
        .map_or(("", 1, 1), |l| (l.file.as_str(), l.line, l.column))
}

/// The versioned JSON report.
pub fn json(report: &CheckReport) -> String {
    let mut out = Vec::new();
    match json_to(report, &mut out) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(e) => format!("{{\"error\": \"{e}\"}}\n"),
    }
}

/// Writes the JSON report to `w` as it is serialised (a large report is
/// never held in memory as text).
pub fn json_to(report: &CheckReport, mut w: impl std::io::Write) -> std::io::Result<()> {
    let r = JsonReport {
        version: JSON_VERSION,
        tool: TOOL,
        summary: JsonSummary {
            findings: report.findings.len(),
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            notes: report.count(Severity::Note),
            failing: report.failing(),
            failed: report.failed(),
            fail_on: fail_on_text(&report.fail_on),
            elapsed_ms: report.elapsed.as_millis() as u64,
        },
        locales: report
            .locales
            .iter()
            .map(|s| JsonLocale {
                locale: &s.locale,
                pages: s.pages,
                pages_missing: s.pages_missing,
                pages_whole: s.pages_whole,
                units: &s.units,
                coverage: s.units.coverage_floor(),
                min_coverage: s.min_coverage,
                below_min_coverage: s.below_min_coverage(),
                findings: Rule::ALL
                    .iter()
                    .map(|r| (r.code(), s.findings.get(r).copied().unwrap_or(0)))
                    .collect(),
                baselined: s.baselined,
            })
            .collect(),
        findings: report
            .findings
            .iter()
            .map(|f| {
                let (file, line, column) = loc(f);
                JsonFinding {
                    rule: f.rule.code(),
                    severity: f.severity(),
                    fails: report.fails(f),
                    locale: &f.locale,
                    page: &f.page,
                    file,
                    line,
                    column,
                    segment_id: f.segment_id.as_deref(),
                    message: &f.diag.message,
                    help: f.diag.help.as_deref(),
                    english: f.english.as_deref(),
                    translation: f.translation.as_deref(),
                    related: f.related.as_ref(),
                }
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut w, &r).map_err(std::io::Error::other)?;
    w.write_all(b"\n")
}

/// Escapes data of a GitHub workflow command.
fn gh_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property of a GitHub workflow command.
fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands: one annotation per finding.
pub fn github(report: &CheckReport) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let level = match f.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let (file, line, column) = loc(f);
        let mut msg = f.diag.message.clone();
        if let Some(h) = &f.diag.help {
            msg.push_str("\nhelp: ");
            msg.push_str(h);
        }
        if let Some(r) = &f.related {
            msg.push_str(&format!("\nEnglish source: {r}"));
        }
        let mut props = format!("file={},line={line},col={column}", gh_prop(file));
        if let Some(l) = &f.diag.location
            && l.len > 0
        {
            props.push_str(&format!(",endColumn={}", column + l.len));
        }
        props.push_str(&format!(
            ",title={}",
            gh_prop(&format!("locdoc {} ({})", f.rule.code(), f.locale))
        ));
        out.push_str(&format!("::{level} {props}::{}\n", gh_data(&msg)));
    }
    out
}

/// JUnit XML: a test suite per locale, a test case per page; findings at or
/// above the fail level make the case fail, the others go to its output.
pub fn junit(report: &CheckReport) -> String {
    use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
    let mut r = Report::new("locdoc check");
    r.set_time(report.elapsed);
    for s in &report.locales {
        let mut suite = TestSuite::new(format!("locdoc check {}", s.locale));
        let mut by_page: BTreeMap<&str, Vec<&Finding>> = s.checked.iter().map(|p| (p.as_str(), Vec::new())).collect();
        for f in report.findings.iter().filter(|f| f.locale == s.locale) {
            by_page.entry(f.page.as_str()).or_default().push(f);
        }
        for (page, findings) in by_page {
            let failing: Vec<&&Finding> = findings.iter().filter(|f| report.fails(f)).collect();
            let status = if failing.is_empty() {
                TestCaseStatus::success()
            } else {
                let mut st = TestCaseStatus::non_success(NonSuccessKind::Failure);
                let rules: std::collections::BTreeSet<&str> = failing.iter().map(|f| f.rule.code()).collect();
                st.set_message(format!(
                    "{} finding(s): {}",
                    failing.len(),
                    rules.into_iter().collect::<Vec<_>>().join(", ")
                ));
                st.set_type("locdoc");
                st.set_description(failing.iter().map(|f| f.render(false)).collect::<Vec<_>>().join("\n\n"));
                st
            };
            let name = if page.is_empty() { "(site)" } else { page };
            let mut case = TestCase::new(name, status);
            case.set_classname(format!("locdoc.{}", s.locale));
            let others: Vec<String> = findings
                .iter()
                .filter(|f| !report.fails(f))
                .map(|f| f.render(false))
                .collect();
            if !others.is_empty() {
                case.set_system_out(others.join("\n\n"));
            }
            suite.add_test_case(case);
        }
        r.add_test_suite(suite);
    }
    r.to_string().unwrap_or_else(|e| format!("<!-- {e} -->\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escaping() {
        assert_eq!(gh_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(gh_prop("a:b,c"), "a%3Ab%2Cc");
    }
}
