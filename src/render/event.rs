//! What the site-wide pages need to know about a page's text: the event
//! properties of ETW-style reference pages (the `ID` / `Keywords` / `Level`
//! / `Channel` table), and a one-line description — in the page's language.
//!
//! Both are read from the *English* page's structure (table cells and
//! paragraphs are blocks of [`SourceDoc`](crate::segment::source::SourceDoc)),
//! and each piece of English text is replaced by the unit of the locale's
//! alignment that covers it, exactly as rendering does: a translated cell
//! shows its translation, a missing one its English.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

use crate::align::{Alignment, Status};
use crate::segment::markdown_options;
use crate::segment::source::BlockKind;
use crate::site::{Source, Translation};

use super::markdown::plain_text;

/// The properties table of an event page, as byte ranges of the English
/// page's value cells.
#[derive(Clone, Debug, Default)]
pub struct EventProps {
    /// The event ID as written (`4031`).
    pub id: String,
    /// The ID as a number, for ordering.
    pub id_num: Option<u64>,
    pub keywords: Option<Range<usize>>,
    pub level: Option<Range<usize>>,
    pub channel: Option<Range<usize>>,
    /// The English level, for ordering by severity.
    pub level_en: String,
}

/// An event as the event index lists it, in one locale.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRow {
    pub id: String,
    /// The title without the leading ID (`DispatchSessionFailed`).
    pub name: String,
    pub level: String,
    /// Severity rank of the English level (1 = critical … 6 = verbose), for sorting.
    pub level_rank: u8,
    pub keywords: Vec<String>,
    pub channel: String,
}

/// Reads the properties table of an English page: the first table whose
/// rows are `name | value` pairs and that has an `ID` row. `None` for pages
/// that are not event pages.
pub fn properties(src: &Source) -> Option<EventProps> {
    let text = src.page.src.text.as_str();
    let body_start = src.page.body_start;
    let body = &text[body_start..];
    let mut rows: Vec<Vec<Range<usize>>> = Vec::new();
    let mut in_table = false;
    let mut cell_depth = 0usize;
    for (ev, r) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        let r = r.start + body_start..r.end + body_start;
        match ev {
            Event::Start(Tag::Table(_)) => {
                in_table = true;
                rows.clear();
            }
            Event::End(TagEnd::Table) => {
                in_table = false;
                if let Some(p) = props_of(text, &rows) {
                    return Some(p);
                }
            }
            Event::Start(Tag::TableRow) if in_table => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) if in_table => {
                cell_depth += 1;
                if let Some(row) = rows.last_mut() {
                    row.push(r.start..r.start);
                }
            }
            Event::End(TagEnd::TableCell) if in_table => cell_depth = cell_depth.saturating_sub(1),
            _ if in_table && cell_depth > 0 => {
                // Grow the current cell over its inline content.
                if let Some(cell) = rows.last_mut().and_then(|row| row.last_mut()) {
                    if cell.start == cell.end {
                        *cell = r.clone();
                    } else {
                        cell.end = cell.end.max(r.end);
                    }
                }
            }
            _ => {}
        }
    }
    None
}

fn props_of(text: &str, rows: &[Vec<Range<usize>>]) -> Option<EventProps> {
    let mut p = EventProps::default();
    let mut has_id = false;
    for row in rows {
        let [key, value] = row.as_slice() else {
            continue;
        };
        let key = plain_text(&text[key.clone()]).to_lowercase();
        let value_text = plain_text(&text[value.clone()]);
        match key.as_str() {
            "id" | "event id" => {
                has_id = true;
                p.id = value_text.trim().to_string();
                p.id_num = p.id.parse().ok();
            }
            "keywords" | "keyword" => p.keywords = Some(value.clone()),
            "level" => {
                p.level = Some(value.clone());
                p.level_en = value_text.trim().to_string();
            }
            "channel" => p.channel = Some(value.clone()),
            _ => {}
        }
    }
    (has_id && !p.id.is_empty()).then_some(p)
}

/// Severity rank of an ETW level name, most severe first.
pub fn level_rank(level: &str) -> u8 {
    match level.trim().to_ascii_lowercase().as_str() {
        "logalways" => 0,
        "critical" => 1,
        "error" => 2,
        "warning" => 3,
        "information" | "informational" => 4,
        "verbose" => 5,
        _ => 6,
    }
}

/// The text of the English byte range `range` in the locale of `tr`
/// (English when `tr` is `None`), as plain text: every unit of source text
/// inside it is replaced by its translation unless the translation is
/// missing.
pub fn text_in(src: &Source, tr: Option<(&Translation, &Alignment)>, range: Range<usize>) -> String {
    let en = src.page.src.text.as_str();
    let Some((tr, al)) = tr else {
        return plain_text(&en[range]);
    };
    let page = tr.page.src.text.as_str();
    let mut md = String::with_capacity(range.len());
    let mut pos = range.start;
    // Units are in source order and never overlap.
    let first = al.units.partition_point(|u| u.range.end <= range.start);
    for u in &al.units[first..] {
        if u.range.start >= range.end {
            break;
        }
        if u.range.start < pos || u.range.end > range.end {
            continue;
        }
        md.push_str(&en[pos..u.range.start]);
        match u.status {
            Status::Missing => md.push_str(&en[u.range.clone()]),
            _ => {
                let parts: Vec<&str> = u.segments.iter().map(|&s| tr.sxs.segments[s].text(page)).collect();
                md.push_str(&parts.join(" "));
            }
        }
        pos = u.range.end;
    }
    md.push_str(&en[pos..range.end]);
    plain_text(&md)
}

/// A page's event row in the locale of `tr` (English when `None`), with
/// `title` the page's title in that locale.
pub fn event_row(src: &Source, props: &EventProps, tr: Option<(&Translation, &Alignment)>, title: &str) -> EventRow {
    let cell = |r: &Option<Range<usize>>| {
        r.as_ref()
            .map(|r| text_in(src, tr, r.clone()).trim().to_string())
            .unwrap_or_default()
    };
    let keywords = cell(&props.keywords)
        .split([',', ';'])
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect();
    EventRow {
        id: props.id.clone(),
        name: event_name(title, &props.id),
        level: cell(&props.level),
        level_rank: level_rank(&props.level_en),
        keywords,
        channel: cell(&props.channel),
    }
}

/// The title without a leading `4031 - ` (any dash, any spacing).
pub fn event_name(title: &str, id: &str) -> String {
    let t = title.trim();
    if let Some(rest) = t.strip_prefix(id) {
        let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '·'));
        if !rest.is_empty() {
            return rest.to_string();
        }
    }
    t.to_string()
}

/// Maximum length of a generated description, in characters.
const DESCRIPTION_MAX: usize = 160;

/// A description of the page in the locale of `tr`: the first paragraph of
/// its text with a few words in it (the one-word line under an event
/// page's title is its name, not a description), shortened on a word
/// boundary.
pub fn first_paragraph(src: &Source, tr: Option<(&Translation, &Alignment)>) -> Option<String> {
    let mut first = None;
    for b in src.doc.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph) {
        let words = b.norm.text.split_whitespace().count();
        if words >= 4 {
            first = Some(b);
            break;
        }
        first = first.or(Some(b));
    }
    let text = text_in(src, tr, first?.range.clone());
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then(|| shorten(&text, DESCRIPTION_MAX))
}

/// `s` cut to at most `max` characters on a word boundary, with `…`.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(md: &str) -> Source {
        let page = crate::load::parse_page("x.md".into(), md.as_bytes().to_vec(), 0, "x.md").unwrap();
        let doc = crate::segment::source::parse(&page.src.text, page.body_start);
        Source { page, doc }
    }

    const EN: &str = "---\ntitle: \"220 - MessageSentToTransport\"\n---\n# 220 - MessageSentToTransport\nMessageSentToTransport\n\n## Properties\n\n|||\n|-|-|\n|Id|220|\n|Keywords|EndToEndMonitoring, Troubleshooting|\n|Level|Information|\n|Channel|Microsoft-Windows-Application Server-Applications/Analytic|\n\n## Description\n This event is emitted when the Service Model sends a message.\n";

    #[test]
    fn properties_table_is_found_and_read() {
        let src = source(EN);
        let p = properties(&src).unwrap();
        assert_eq!(p.id, "220");
        assert_eq!(p.id_num, Some(220));
        let row = event_row(&src, &p, None, "220 - MessageSentToTransport");
        assert_eq!(row.name, "MessageSentToTransport");
        assert_eq!(row.level, "Information");
        assert_eq!(row.level_rank, 4);
        assert_eq!(row.keywords, vec!["EndToEndMonitoring", "Troubleshooting"]);
        assert_eq!(
            row.channel,
            "Microsoft-Windows-Application Server-Applications/Analytic"
        );
    }

    #[test]
    fn pages_without_an_id_row_are_not_events() {
        let src = source("---\ntitle: t\n---\n# T\n\n|a|b|\n|-|-|\n|Name|x|\n");
        assert!(properties(&src).is_none());
    }

    #[test]
    fn translated_cells_and_first_paragraph_come_from_the_alignment() {
        let src = source(EN);
        let cs = "---\ntitle: \"220 – MessageSentToTransport\"\n---\n# <span data-ttu-id=\"a-1\">220 - MessageSentToTransport</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">220 - MessageSentToTransport</span></span>\n\n|||\n|-|-|\n|<span data-ttu-id=\"a-2\">Úroveň</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-2\">Level</span></span>|<span data-ttu-id=\"a-3\">Informace</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-3\">Information</span></span>|\n\n <span data-ttu-id=\"a-4\">Tato událost je vygenerována, když model služby odešle zprávu.</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-4\">This event is emitted when the Service Model sends a message.</span></span>\n";
        let page = crate::load::parse_page("cs.md".into(), cs.as_bytes().to_vec(), 1, "x.md").unwrap();
        let sxs = crate::segment::sxs::parse(&page.src, page.body_start);
        let al = crate::align::align(&src.page.src.text, &src.doc, &page.src.text, &sxs);
        let tr = Translation {
            page,
            sxs,
            alignment: Some(al),
            whole: None,
        };
        let al = tr.alignment.as_ref().unwrap();
        let p = properties(&src).unwrap();
        let row = event_row(&src, &p, Some((&tr, al)), "220 – MessageSentToTransport");
        assert_eq!(row.level, "Informace");
        assert_eq!(row.name, "MessageSentToTransport");
        // Not translated: shown in English.
        assert_eq!(row.keywords, vec!["EndToEndMonitoring", "Troubleshooting"]);
        assert_eq!(
            first_paragraph(&src, Some((&tr, al))).unwrap(),
            "Tato událost je vygenerována, když model služby odešle zprávu."
        );
        assert_eq!(
            first_paragraph(&src, None).unwrap(),
            "This event is emitted when the Service Model sends a message."
        );
    }

    #[test]
    fn shorten_cuts_on_words() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two three four five", 12), "one two…");
    }

    #[test]
    fn event_names_drop_the_id_whatever_the_dash() {
        assert_eq!(
            event_name("4031 – DispatchSessionFailed", "4031"),
            "DispatchSessionFailed"
        );
        assert_eq!(event_name("4031 — X", "4031"), "X");
        assert_eq!(event_name("Other page", "4031"), "Other page");
    }
}
