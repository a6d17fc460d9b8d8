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
    Number,
    Markup,
    Malformed,
    FrontMatter,
    Limit,
    Structure,
    SourceHash,
    Title,
    HeadingSkip,
    Toc,
    Anchor,
}

impl Rule {
    pub const ALL: [Rule; 16] = [
        Rule::Missing,
        Rule::Stale,
        Rule::Orphaned,
        Rule::Untranslated,
        Rule::Placeholder,
        Rule::Number,
        Rule::Markup,
        Rule::Malformed,
        Rule::FrontMatter,
        Rule::Limit,
        Rule::Structure,
        Rule::SourceHash,
        Rule::Title,
        Rule::HeadingSkip,
        Rule::Toc,
        Rule::Anchor,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            Rule::Missing => "missing",
            Rule::Stale => "stale",
            Rule::Orphaned => "orphaned",
            Rule::Untranslated => "untranslated",
            Rule::Placeholder => "placeholder",
            Rule::Number => "number",
            Rule::Markup => "markup",
            Rule::Malformed => "malformed",
            Rule::FrontMatter => "front-matter",
            Rule::Limit => "limit",
            Rule::Structure => "structure",
            Rule::SourceHash => "source-hash",
            Rule::Title => "title",
            Rule::HeadingSkip => "heading-skip",
            Rule::Toc => "toc",
            Rule::Anchor => "anchor",
        }
    }

    /// The severity a finding has unless `[check]` or the command line say
    /// otherwise.
    pub fn default_severity(self) -> Severity {
        match self {
            Rule::Placeholder | Rule::Malformed | Rule::FrontMatter | Rule::Limit => Severity::Error,
            Rule::Missing
            | Rule::Stale
            | Rule::Orphaned
            | Rule::Number
            | Rule::Markup
            | Rule::Structure
            | Rule::SourceHash
            | Rule::Title
            | Rule::HeadingSkip
            | Rule::Toc
            | Rule::Anchor => Severity::Warning,
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
                "Placeholders, inline code, xref targets, URLs or include paths differ between translation and English."
            }
            Rule::Number => {
                "A number of the English is missing or changed in the translation (digits for English number words are fine)."
            }
            Rule::Markup => "Bold, italic, code or link counts differ between translation and English.",
            Rule::Malformed => {
                "Unclosed, nested or mismatched sxs spans, duplicate segment IDs, or mixed ID prefixes in one page."
            }
            Rule::FrontMatter => "Unreadable front matter, or ms.contentlocale disagreeing with the folder.",
            Rule::Limit => "A page over a limit of [limits] in site.toml: file size, line length or nesting depth.",
            Rule::Structure => {
                "A whole-page translation whose headings, code blocks, links, images or includes differ from the English page's."
            }
            Rule::SourceHash => {
                "A whole-page translation without source_hash: nothing says which English it was made from, so it cannot be told current."
            }
            Rule::Title => "A page without a title in its front matter (its file name is shown instead).",
            Rule::HeadingSkip => "A heading of an English source page skips a level (### right after #).",
            Rule::Anchor => "A translation links to a #fragment that no heading or anchor of the English page has.",
            Rule::Toc => {
                "A toc.yml entry pointing to no page, a page of its section missing from it, a locale's tree differing from the English one, or invalid YAML."
            }
        }
    }
}

impl Rule {
    /// A name for people, distinct from the code (SARIF's `name`, which
    /// must differ from the `id` even in case).
    pub const fn name(self) -> &'static str {
        match self {
            Rule::Missing => "MissingTranslation",
            Rule::Stale => "StaleTranslation",
            Rule::Orphaned => "OrphanedTranslation",
            Rule::Untranslated => "IdenticalToEnglish",
            Rule::Placeholder => "PlaceholderMismatch",
            Rule::Markup => "MarkupMismatch",
            Rule::Malformed => "MalformedSxsSpan",
            Rule::FrontMatter => "InvalidFrontMatter",
            Rule::Limit => "PageOverLimit",
            Rule::Number => "NumberMismatch",
            Rule::Structure => "WholePageStructureMismatch",
            Rule::SourceHash => "WholePageWithoutSourceHash",
            Rule::Title => "MissingTitle",
            Rule::HeadingSkip => "HeadingLevelSkip",
            Rule::Toc => "TableOfContentsProblem",
            Rule::Anchor => "BrokenFragmentLink",
        }
    }

    /// What the rule finds and why it matters, in a few sentences.
    pub fn full_description(self) -> &'static str {
        match self {
            Rule::Missing => {
                "Source text of the English page has no translation in this locale, or the whole page is missing in the locale. The site shows the English text in its place, marked as not translated."
            }
            Rule::Stale => {
                "The translation was made from English that is no longer the source text: the English page has changed since. The site shows the translation with an outdated marker; the finding shows the old and the current English as a word diff."
            }
            Rule::Orphaned => {
                "A translated segment whose English text is no longer in the source page, or a translation without an English page. The site does not show it."
            }
            Rule::Untranslated => {
                "The translation is identical to its English. Numbers, identifiers and texts listed under allow_identical in [check] of site.toml are not reported."
            }
            Rule::Placeholder => {
                "Placeholders (%1, {0}), inline code, xref targets, URLs or include paths differ between the translation and its English; damaged forms like `% 1` and machine-translation remains of code (@No__t-0) are named. Readers would see wrong values or broken links."
            }
            Rule::Markup => {
                "The translation has a different number of bold, italic, code or link spans than its English."
            }
            Rule::Malformed => {
                "An sxs span is unclosed, nested or mismatched, a data-ttu-id differs from its data-stu-id, a segment ID repeats, or one page mixes ID prefixes. The site shows the English for a segment that cannot be read."
            }
            Rule::FrontMatter => {
                "The YAML front matter of the page cannot be read, or its ms.contentlocale disagrees with the locale folder the page is in."
            }
            Rule::Limit => {
                "The page is over a limit of [limits] in site.toml (file size, line length or nesting depth) and is refused: the build fails until it is fixed."
            }
            Rule::Number => {
                "A number the English writes in digits is missing or different in the translation (grouping separators do not matter). Digits a translation writes for an English number word are never reported."
            }
            Rule::Structure => {
                "A whole-page translation (a page without sxs spans) whose headings, code blocks, links, images or includes differ from the English page's."
            }
            Rule::SourceHash => {
                "A whole-page translation without source_hash in its front matter: nothing records which English it was made from, so it cannot be told current or stale."
            }
            Rule::Title => {
                "A page, English or translated, has no title in its front matter; the site shows its file name instead."
            }
            Rule::Toc => {
                "A toc.yml entry points to no page, a page of its section is missing from the tree, a locale's tree differs from the English one (an entry added, dropped or moved), or the file is not valid YAML. Readers navigate the site by this tree."
            }
            Rule::Anchor => {
                "A translated segment links to a fragment (#anchor) of a page that no heading or HTML anchor of the English page has: the page takes its headings' anchors from the English, so the link leads nowhere. It happens when the translation was made from an English whose heading has been renamed since."
            }
            Rule::HeadingSkip => {
                "A heading of an English source page is more than one level below the heading before it (### right after #). Screen-reader users move through a page by heading level and miss the skipped one; HTML checkers report it on the page and on every translation, which keeps the English structure."
            }
        }
    }

    /// What to do about a finding of the rule.
    pub fn help(self) -> &'static str {
        match self {
            Rule::Missing => {
                "Translate the text (the finding says between which lines it belongs), or add the page to the locale."
            }
            Rule::Stale => "Update the translation and its sxs-lookup text to the current English.",
            Rule::Orphaned => "Remove the segment, or restore its English in the source page.",
            Rule::Untranslated => {
                "Translate it; if it must stay in English, list it under allow_identical in [check] of site.toml."
            }
            Rule::Placeholder => {
                "Make the placeholders, code, xref targets, URLs and include paths of the translation those of the English."
            }
            Rule::Markup => "Give the translation the bold, italic, code and link spans of the English.",
            Rule::Malformed => {
                "Repair the spans: each translated segment is <span data-ttu-id=\"ID\">text</span> followed by its sxs-lookup span with the same ID."
            }
            Rule::FrontMatter => {
                "Fix the YAML between the --- lines, and set ms.contentlocale to the locale of its folder."
            }
            Rule::Limit => "Split the page, or raise the limit in [limits] of site.toml.",
            Rule::Number => "Write the numbers of the English in the translation.",
            Rule::Structure => {
                "Bring the translation's structure in line with the English page, or translate it in sxs form."
            }
            Rule::SourceHash => {
                "Record the English it matches with `locdoc stamp FILE` once the translation is up to date."
            }
            Rule::Title => "Add `title: …` (translated, in a translation) to the front matter.",
            Rule::Toc => {
                "Fix the toc.yml entry at the marked place, or give the locale's tree the English one's entries."
            }
            Rule::Anchor => "Link to the anchor the English has for that heading now (the English segment shows it).",
            Rule::HeadingSkip => {
                "Give the heading the level after the one before it, or add the heading of the level it skips."
            }
        }
    }

    /// The rule of a diagnostic from loading or segmenting: `default`, or
    /// `limit` for a page over a limit of `[limits]`, `title` for a page
    /// without a title.
    pub fn of(default: Rule, d: &Diagnostic) -> Rule {
        if d.code == Rule::Limit.code() {
            Rule::Limit
        } else if d.code == Rule::Title.code() {
            Rule::Title
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

    #[test]
    fn every_rule_has_a_name_apart_from_its_code_and_texts_for_code_scanning() {
        for r in Rule::ALL {
            assert!(!r.name().eq_ignore_ascii_case(r.code()), "{r}");
            assert!(r.full_description().len() > r.description().len(), "{r}");
            assert!(r.help().ends_with('.'), "{r}");
        }
    }
}
