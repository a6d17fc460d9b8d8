//! The findings of one page: listed up to `[limits] findings_per_page`,
//! counted past it. A page with a hundred thousand problems then costs what
//! its text costs to check, not a hundred thousand messages, locations and
//! excerpts; the gate and the totals still see every finding.

use std::collections::BTreeMap;

use super::{Finding, Rule};
use crate::config::CheckConfig;
use crate::diag::Diagnostic;
use crate::load::Page;

pub struct PageFindings<'a> {
    list: Vec<Finding>,
    limit: usize,
    cfg: &'a CheckConfig,
    /// Findings past the limit, per rule.
    omitted: BTreeMap<Rule, usize>,
}

impl<'a> PageFindings<'a> {
    pub fn new(limit: usize, cfg: &'a CheckConfig) -> Self {
        PageFindings {
            list: Vec::new(),
            limit,
            cfg,
            omitted: BTreeMap::new(),
        }
    }

    /// True when a finding of `rule` is to be made and listed. False when
    /// `[check]` allows the rule (it would be dropped anyway), or when the
    /// page has its limit of findings listed: then the finding is counted.
    pub fn room(&mut self, rule: Rule) -> bool {
        if matches!(self.cfg.severity.get(&rule), Some(None)) {
            return false;
        }
        if self.list.len() < self.limit {
            return true;
        }
        *self.omitted.entry(rule).or_default() += 1;
        false
    }

    /// Lists `f` if there is room for it (see [`PageFindings::room`]).
    pub fn push(&mut self, f: Finding) {
        if self.room(f.rule) {
            self.list.push(f);
        }
    }

    /// The listed findings, then for each rule with findings past the limit
    /// one finding of that rule (so gates and severities apply to it) that
    /// stands for them.
    pub fn finish(self, page: &Page, locale: &str) -> Vec<Finding> {
        let mut list = self.list;
        for (rule, n) in self.omitted {
            list.push(Finding {
                rule,
                diag: Diagnostic::new(
                    rule.default_severity(),
                    rule.code(),
                    format!(
                        "{n} more `{rule}` findings on this page are not listed ([limits] findings_per_page = {})",
                        self.limit
                    ),
                )
                .at(page.src.location(0))
                .help("fix the findings listed first, or raise findings_per_page under [limits] in site.toml"),
                locale: locale.to_string(),
                page: page.rel.clone(),
                segment_id: None,
                // The baseline key: the same whatever the count.
                english: Some(format!("findings past [limits] findings_per_page ({rule})")),
                translation: None,
                related: None,
                segment: None,
                unit: None,
                omitted: n,
            });
        }
        list
    }
}
