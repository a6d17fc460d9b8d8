//! Report: the output formats of `check`.
//!
//! - `human`: rustc-style findings with the offending line and a caret,
//!   then a per-locale summary table.
//! - `json`: the versioned report documented by
//!   `schemas/check-report.v1.schema.json`.
//! - `github`: GitHub Actions workflow commands (annotations on the diff).
//! - `sarif`: SARIF 2.1.0 for code-scanning tools.
//! - `junit`: JUnit XML, one test case per page and locale.

mod formats;
mod sarif;

use std::str::FromStr;

use crate::check::{CheckReport, Rule};
use crate::diag::Severity;

pub use formats::{JSON_VERSION, github, json, json_to, junit};
pub use sarif::{sarif, sarif_relative_to, sarif_root};

/// An output format of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Github,
    Sarif,
    Junit,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "human" => Ok(Format::Human),
            "json" => Ok(Format::Json),
            "github" => Ok(Format::Github),
            "sarif" => Ok(Format::Sarif),
            "junit" => Ok(Format::Junit),
            _ => Err(format!("unknown format `{s}` (human, json, github, sarif, junit)")),
        }
    }
}

/// Renders `report` in `format`. `color` applies to `human` only.
pub fn render(report: &CheckReport, format: Format, color: bool) -> String {
    match format {
        Format::Human => human(report, color),
        Format::Json => json(report),
        Format::Github => github(report),
        Format::Sarif => sarif(report),
        Format::Junit => junit(report),
    }
}

/// Every finding, rustc-style, followed by the summary.
pub fn human(report: &CheckReport, color: bool) -> String {
    let mut out = findings(report, color);
    out.push_str(&summary(report));
    out
}

/// Every finding, rustc-style, each followed by a blank line.
pub fn findings(report: &CheckReport, color: bool) -> String {
    use rayon::prelude::*;
    // Rendering snippets is most of the cost of a large report: in
    // parallel, in blocks, joined in order.
    let blocks: Vec<String> = report
        .findings
        .par_chunks(512)
        .map(|chunk| {
            let mut out = String::new();
            for f in chunk {
                out.push_str(&f.render(color));
                out.push_str("\n\n");
            }
            out
        })
        .collect();
    blocks.concat()
}

fn pct(x: f64) -> String {
    format!("{:.1}%", (x * 10.0).floor() / 10.0)
}

/// The per-locale summary table and the verdict.
pub fn summary(report: &CheckReport) -> String {
    let mut header = vec![
        "locale".to_string(),
        "pages".into(),
        "no page".into(),
        "units".into(),
        "translated".into(),
    ];
    header.extend(Rule::ALL.iter().map(|r| r.code().to_string()));
    let mut rows = vec![header];
    for s in &report.locales {
        let mut row = vec![
            s.locale.clone(),
            s.pages.to_string(),
            s.pages_missing.to_string(),
            s.units.units().to_string(),
            match s.min_coverage {
                Some(m) if s.below_min_coverage() => format!("{} < {m}%", pct(s.coverage())),
                _ => pct(s.coverage()),
            },
        ];
        row.extend(
            Rule::ALL
                .iter()
                .map(|r| s.findings.get(r).copied().unwrap_or(0).to_string()),
        );
        rows.push(row);
    }
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, v)| {
                if c == 0 {
                    format!("{v:<w$}", w = widths[c])
                } else {
                    format!("{v:>w$}", w = widths[c])
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
        if i == 0 {
            out.push_str(&"-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1)));
            out.push('\n');
        }
    }
    let baselined: usize = report.locales.iter().map(|s| s.baselined).sum();
    out.push_str(&format!(
        "\n{}, {}, {}",
        plural(report.count(Severity::Error), "error", "errors"),
        plural(report.count(Severity::Warning), "warning", "warnings"),
        plural(report.count(Severity::Note), "note", "notes")
    ));
    if baselined > 0 {
        out.push_str(&format!(" ({baselined} more in the baseline)"));
    }
    out.push_str(&format!(" in {:.0} ms\n", report.elapsed.as_secs_f64() * 1000.0));
    out.push_str(&verdict(report));
    out
}

/// The last line of the summary: `check passed`, or why it failed (the
/// findings at or above the fail level, the locales below their minimum
/// coverage).
pub fn verdict(report: &CheckReport) -> String {
    if !report.failed() {
        return "check passed\n".to_string();
    }
    let below: Vec<String> = report
        .locales
        .iter()
        .filter(|s| s.below_min_coverage())
        .map(|s| match s.min_coverage {
            Some(m) => format!("{} ({} < {m}%)", s.locale, pct(s.coverage())),
            None => s.locale.clone(),
        })
        .collect();
    let mut why = Vec::new();
    match report.failing() {
        0 => {}
        n => why.push(format!(
            "{} at or above the fail level",
            plural(n, "finding", "findings")
        )),
    }
    if !below.is_empty() {
        why.push(format!("below minimum coverage: {}", below.join(", ")));
    }
    format!("check failed: {}\n", why.join("; "))
}

/// `1 error`, `2 errors`, `0 errors`: a count and its English noun (the
/// command line speaks English; the sites' words are in `locales/`).
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The findings that fail the check, rustc-style: what `check --quiet`
/// prints before the verdict.
pub fn failing_findings(report: &CheckReport, color: bool) -> String {
    let mut out = String::new();
    for f in report.findings.iter().filter(|f| report.fails(f)) {
        out.push_str(&f.render(color));
        out.push_str("\n\n");
    }
    out
}
