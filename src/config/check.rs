//! `[check]` of `site.toml`: when `locdoc check` fails, the rules' severity
//! overrides, minimum coverage, and the texts that may stay in English.

use std::collections::BTreeMap;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diag::{Error, Result, Rule, Severity};

/// When `locdoc check` fails: at a severity or on a list of rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum FailOn {
    Severity(Severity),
    Rules(Vec<Rule>),
}

impl Default for FailOn {
    fn default() -> Self {
        FailOn::Severity(Severity::Error)
    }
}

impl FailOn {
    /// Parses `error`, `warning`, `note`, or a comma-separated list of rules.
    pub fn parse(s: &str) -> std::result::Result<FailOn, String> {
        match s.trim() {
            "error" => Ok(FailOn::Severity(Severity::Error)),
            "warning" => Ok(FailOn::Severity(Severity::Warning)),
            "note" => Ok(FailOn::Severity(Severity::Note)),
            list => list
                .split(',')
                .map(|r| Rule::from_str(r.trim()))
                .collect::<std::result::Result<Vec<_>, _>>()
                .map(FailOn::Rules),
        }
    }
}

/// Minimum translated share, for all locales and per locale.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MinCoverage {
    pub default: Option<f64>,
    pub locales: BTreeMap<String, f64>,
}

impl MinCoverage {
    pub fn for_locale(&self, code: &str) -> Option<f64> {
        self.locales.get(code).copied().or(self.default)
    }
}

/// The `[check]` table of `site.toml`.
#[derive(Clone, Debug, Serialize)]
pub struct CheckConfig {
    pub fail_on: FailOn,
    /// Severity overrides per rule; `None` means the rule is allowed (off).
    pub severity: BTreeMap<Rule, Option<Severity>>,
    pub min_coverage: MinCoverage,
    /// Texts that may stay in English (product names, channel names).
    pub allow_identical: Vec<String>,
    /// Identical numbers and codes are not reported as untranslated.
    pub allow_identical_numbers: bool,
    /// Identical identifiers (`ActivationServices`, `System.Foo`, `ID`) are not reported.
    pub allow_identical_identifiers: bool,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            fail_on: FailOn::default(),
            severity: BTreeMap::new(),
            min_coverage: MinCoverage::default(),
            allow_identical: Vec::new(),
            allow_identical_numbers: true,
            allow_identical_identifiers: true,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawCheck {
    fail_on: Option<Spanned<StringOrList>>,
    deny: Vec<Spanned<String>>,
    warn: Vec<Spanned<String>>,
    allow: Vec<Spanned<String>>,
    min_coverage: Option<Spanned<RawCoverage>>,
    allow_identical: Vec<String>,
    allow_identical_numbers: Option<bool>,
    allow_identical_identifiers: Option<bool>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum StringOrList {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawCoverage {
    All(f64),
    PerLocale(BTreeMap<String, f64>),
}

pub(super) fn check_config(
    raw: RawCheck,
    bad: &dyn Fn(std::ops::Range<usize>, String, &str) -> Error,
) -> Result<CheckConfig> {
    let rule_help = format!("rules are: {}", Rule::ALL.map(Rule::code).join(", "));
    let mut c = CheckConfig::default();
    if let Some(f) = raw.fail_on {
        let span = f.span();
        let text = match f.into_inner() {
            StringOrList::One(s) => s,
            StringOrList::Many(v) => v.join(","),
        };
        c.fail_on = FailOn::parse(&text).map_err(|e| {
            bad(
                span,
                format!("[check] fail_on: {e}"),
                "use \"error\", \"warning\", \"note\" or a list of rules",
            )
        })?;
    }
    for (list, sev) in [
        (&raw.deny, Some(Severity::Error)),
        (&raw.warn, Some(Severity::Warning)),
        (&raw.allow, None),
    ] {
        for r in list {
            let rule = Rule::from_str(r.get_ref()).map_err(|e| bad(r.span(), format!("[check]: {e}"), &rule_help))?;
            c.severity.insert(rule, sev);
        }
    }
    if let Some(m) = raw.min_coverage {
        let span = m.span();
        let check = |v: f64| (0.0..=100.0).contains(&v);
        match m.into_inner() {
            RawCoverage::All(v) if check(v) => c.min_coverage.default = Some(v),
            RawCoverage::PerLocale(map) if map.values().all(|v| check(*v)) => {
                for (k, v) in map {
                    if k == "default" {
                        c.min_coverage.default = Some(v);
                    } else {
                        c.min_coverage.locales.insert(k, v);
                    }
                }
            }
            _ => {
                return Err(bad(
                    span,
                    "[check] min_coverage must be a percentage from 0 to 100".into(),
                    "write min_coverage = 90, or min_coverage = { default = 90, cs-CZ = 95 }",
                ));
            }
        }
    }
    c.allow_identical = raw.allow_identical;
    c.allow_identical_numbers = raw.allow_identical_numbers.unwrap_or(true);
    c.allow_identical_identifiers = raw.allow_identical_identifiers.unwrap_or(true);
    Ok(c)
}
