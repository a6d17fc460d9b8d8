//! The English source page's own findings: headings that skip a level.
//! Translations are rendered from the English structure, so one skip in the
//! source is a skip on every locale's page; it is reported once, on the
//! English file, where the author can fix it.

use super::{Finding, Rule};
use crate::diag::Diagnostic;
use crate::segment::source::BlockKind;
use crate::site::Source;

/// A finding for every heading more than one level below the heading
/// before it (`###` right after `#`). The first heading may have any level.
pub(super) fn heading_skips(src: &Source, locale: &str) -> Vec<Finding> {
    let text = &src.page.src.text;
    let mut findings = Vec::new();
    let mut prev: Option<u8> = None;
    for b in &src.doc.blocks {
        let BlockKind::Heading(level) = b.kind else {
            continue;
        };
        if let Some(p) = prev
            && level > p + 1
        {
            // Point at the `#`s of an ATX heading, else at its text.
            let line_start = text[..b.range.start].rfind('\n').map_or(0, |i| i + 1);
            let line = &text[line_start..];
            let indent = line.len() - line.trim_start_matches(' ').len();
            let hashes = line[indent..].bytes().take_while(|&c| c == b'#').count();
            let (at, len) = if hashes > 0 {
                (line_start + indent, hashes)
            } else {
                (b.range.start, b.range.len())
            };
            let msg = format!(
                "a level-{level} heading follows a level-{p} heading: level {} is skipped",
                p + 1
            );
            let wanted = "#".repeat(usize::from(p) + 1);
            findings.push(Finding {
                rule: Rule::HeadingSkip,
                diag: Diagnostic::new(Rule::HeadingSkip.default_severity(), Rule::HeadingSkip.code(), &msg)
                    .at_offset(&src.page.src, at, len)
                    .help(format!(
                        "make it a level-{} heading (`{wanted} …`), or put a level-{} heading above it; \
                         every translation keeps this structure",
                        p + 1,
                        p + 1
                    )),
                locale: locale.to_string(),
                page: src.page.rel.clone(),
                segment_id: None,
                english: Some(format!("{msg}: {}", text[b.range.clone()].trim())),
                translation: None,
                related: None,
                segment: None,
                unit: None,
                omitted: 0,
            });
        }
        prev = Some(level);
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skips(body: &str) -> Vec<Finding> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("content/en-US/a.md");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, format!("---\ntitle: A\n---\n{body}")).unwrap();
        let src = Source::read(dir.path(), &path, "a.md", &crate::config::Limits::default()).unwrap();
        heading_skips(&src, "en-US")
    }

    #[test]
    fn a_heading_two_levels_down_is_a_skip_pointing_at_its_hashes() {
        let f = skips("# Title\n\ntext\n\n### Details\n\n#### More\n\n## Back up\n\n#### Down again\n");
        assert_eq!(
            f.len(),
            2,
            "{:?}",
            f.iter().map(|f| &f.diag.message).collect::<Vec<_>>()
        );
        assert_eq!(
            f[0].diag.message,
            "a level-3 heading follows a level-1 heading: level 2 is skipped"
        );
        let l = f[0].diag.location.as_ref().unwrap();
        assert_eq!((l.line, l.column, l.len), (8, 1, 3));
        assert!(f[0].diag.help.as_deref().unwrap().contains("`## …`"));
        assert_eq!(f[0].diag.severity, crate::diag::Severity::Warning);
        assert_eq!(
            f[0].english.as_deref(),
            Some("a level-3 heading follows a level-1 heading: level 2 is skipped: Details")
        );
        assert_eq!(
            f[1].diag.message,
            "a level-4 heading follows a level-2 heading: level 3 is skipped"
        );
    }

    #[test]
    fn going_up_any_number_of_levels_and_a_low_first_heading_are_fine() {
        assert!(skips("## Starts low\n\n### a\n\n#### b\n\n# top\n\n## c\n").is_empty());
        assert!(skips("no headings\n").is_empty());
    }

    #[test]
    fn setext_headings_and_headings_in_lists_count_too() {
        let f = skips("Title\n=====\n\n- item\n\n  ### In a list\n");
        assert_eq!(f.len(), 1);
        let l = f[0].diag.location.as_ref().unwrap();
        assert_eq!((l.line, l.column, l.len), (9, 3, 3));
        let f = skips("# Title\n\nSub\n---\n\n#### deep\n");
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].diag.message,
            "a level-4 heading follows a level-2 heading: level 3 is skipped"
        );
    }
}
