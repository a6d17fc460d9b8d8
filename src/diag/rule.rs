//! The rules findings are filed under: their stable codes, default
//! severities and what each finds. `check` applies them; `config` reads
//! their severities from `[check]`; loading and segmenting file their
//! diagnostics under their codes.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Diagnostic, Severity};

/// A check rule. The code (`missing`, `front-matter`, …) is stable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    Missing,
    Stale,
    Orphaned,
    Untranslated,
    Placeholder,
    Markup,
    Malformed,
    FrontMatter,
    Limit,
    Toc,
}

impl Rule {
    pub const ALL: [Rule; 10] = [
        Rule::Missing,
        Rule::Stale,
        Rule::Orphaned,
        Rule::Untranslated,
        Rule::Placeholder,
        Rule::Markup,
        Rule::Malformed,
        Rule::FrontMatter,
        Rule::Limit,
        Rule::Toc,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            Rule::Missing => "missing",
            Rule::Stale => "stale",
            Rule::Orphaned => "orphaned",
            Rule::Untranslated => "untranslated",
            Rule::Placeholder => "placeholder",
            Rule::Markup => "markup",
            Rule::Malformed => "malformed",
            Rule::FrontMatter => "front-matter",
            Rule::Limit => "limit",
            Rule::Toc => "toc",
        }
    }

    /// The severity a finding has unless `[check]` or the command line say
    /// otherwise.
    pub fn default_severity(self) -> Severity {
        match self {
            Rule::Placeholder | Rule::Malformed | Rule::FrontMatter | Rule::Limit => Severity::Error,
            Rule::Missing | Rule::Stale | Rule::Orphaned | Rule::Markup | Rule::Toc => Severity::Warning,
            Rule::Untranslated => Severity::Note,
        }
    }

    /// One line on what the rule finds.
    pub fn description(self) -> &'static str {
        match self {
            Rule::Missing => "Source text, or a whole page, has no translation in this locale.",
            Rule::Stale => "The English the translation was made from differs from the current English source.",
            Rule::Orphaned => "A translated segment whose English no longer exists in the source page.",
            Rule::Untranslated => "The translation is identical to the English.",
            Rule::Placeholder => {
                "Placeholders, inline code, xref targets, URLs, include paths or numbers differ between translation and English."
            }
            Rule::Markup => "Bold, italic, code or link counts differ between translation and English.",
            Rule::Malformed => {
                "Unclosed, nested or mismatched sxs spans, duplicate segment IDs, or mixed ID prefixes in one page."
            }
            Rule::FrontMatter => {
                "Unreadable front matter, a missing title, or ms.contentlocale disagreeing with the folder."
            }
            Rule::Limit => "A page over a limit of [limits] in site.toml: file size, line length or nesting depth.",
            Rule::Toc => {
                "A toc.yml entry pointing to no page, a page of its section missing from it, a locale's tree differing from the English one, or invalid YAML."
            }
        }
    }
}

impl Rule {
    /// The rule of a diagnostic from loading or segmenting: `default`, or
    /// `limit` for a page over a limit of `[limits]`.
    pub fn of(default: Rule, d: &Diagnostic) -> Rule {
        if d.code == Rule::Limit.code() {
            Rule::Limit
        } else {
            default
        }
    }
}

impl FromStr for Rule {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Rule, String> {
        Rule::ALL
            .into_iter()
            .find(|r| r.code() == s)
            .ok_or_else(|| format!("unknown rule `{s}` (rules: {})", Rule::ALL.map(Rule::code).join(", ")))
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_codes_round_trip() {
        for r in Rule::ALL {
            assert_eq!(Rule::from_str(r.code()).unwrap(), r);
        }
        assert!(Rule::from_str("nope").unwrap_err().contains("front-matter"));
    }
}
