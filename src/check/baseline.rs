//! Baselines: the findings a project has accepted, so that CI fails only on
//! new ones. Entries are keyed on rule, file and English text — never on
//! segment IDs, which change whenever the translation tool renumbers a page.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{CheckReport, Finding, Rule};
use crate::diag::{Diagnostic, Error, Result, SourceText};

/// The version of the baseline file format.
pub const VERSION: u32 = 1;

/// A baseline file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// Accepted findings with the same rule, file and English text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rule: Rule,
    pub file: String,
    pub english: String,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

type Key = (Rule, String, String);

fn key(f: &Finding) -> Key {
    (
        f.rule,
        f.diag.location.as_ref().map(|l| l.file.clone()).unwrap_or_default(),
        f.english.clone().unwrap_or_else(|| f.diag.message.clone()),
    )
}

impl Baseline {
    /// A baseline holding every finding of `report`.
    pub fn from_report(report: &CheckReport) -> Baseline {
        let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
        for f in &report.findings {
            *counts.entry(key(f)).or_default() += 1;
        }
        Baseline {
            version: VERSION,
            entries: counts
                .into_iter()
                .map(|((rule, file, english), count)| Entry {
                    rule,
                    file,
                    english,
                    count,
                })
                .collect(),
        }
    }

    /// Reads a baseline; a broken file is a usage error naming its line.
    pub fn load(path: &Path) -> Result<Baseline> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                // A usage error, not a failing gate: CI must not read it as
                // "new findings".
                Error::config(
                    Diagnostic::error("usage", format!("--baseline {}: no such file", path.display()))
                        .help("check the path, or create the baseline with `locdoc check --write-baseline FILE`"),
                )
            } else {
                Error::io("read the baseline", path, e)
            }
        })?;
        let b: Baseline = serde_json::from_str(&text).map_err(|e| {
            let src = SourceText::new(path.display().to_string(), text.clone());
            let offset = src
                .text
                .split_inclusive('\n')
                .take(e.line().saturating_sub(1))
                .map(str::len)
                .sum::<usize>()
                + e.column().saturating_sub(1);
            Error::config(
                Diagnostic::error("baseline", format!("invalid baseline file: {e}"))
                    .at_offset(&src, offset, 1)
                    .help("write a new one with `locdoc check --write-baseline FILE`"),
            )
        })?;
        if b.version != VERSION {
            return Err(Error::config(
                Diagnostic::error(
                    "baseline",
                    format!("baseline version {} is not supported (expected {VERSION})", b.version),
                )
                .help("write a new one with `locdoc check --write-baseline FILE`"),
            ));
        }
        Ok(b)
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        let mut json =
            serde_json::to_string_pretty(self).map_err(|e| Error::io("write", path, std::io::Error::other(e)))?;
        json.push('\n');
        std::fs::write(path, json).map_err(|e| Error::io("write", path, e))
    }

    /// Takes the findings the baseline accepts out of `report` and counts
    /// them per locale. Each entry accepts up to `count` findings.
    pub fn apply(&self, report: &mut CheckReport) {
        let mut budget: BTreeMap<Key, usize> = BTreeMap::new();
        for e in &self.entries {
            *budget.entry((e.rule, e.file.clone(), e.english.clone())).or_default() += e.count;
        }
        let mut accepted: BTreeMap<String, usize> = BTreeMap::new();
        report.findings.retain(|f| match budget.get_mut(&key(f)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                *accepted.entry(f.locale.clone()).or_default() += 1;
                false
            }
            _ => true,
        });
        let locales = std::mem::take(&mut report.locales);
        super::recount(report, locales);
        for s in &mut report.locales {
            s.baselined = accepted.get(&s.locale).copied().unwrap_or(0);
        }
    }
}
