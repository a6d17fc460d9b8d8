//! The rules over a whole-page translation (see [`crate::site::WholePage`]):
//! whether the English has changed since it was made (`stale`, or
//! `source-hash` when it does not say), and its structure against the
//! English page's: headings, code blocks, links, images and includes
//! (`structure`), placeholders (`placeholder`). There are no segments to
//! pair, so each kind is compared over the whole page.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use super::{Finding, Rule, rules};
use crate::diag::Diagnostic;
use crate::load::whole::SOURCE_HASH;
use crate::segment::{find_includes, markdown_options};
use crate::site::{Source, Translation, WholePage};

/// One item of a page's outline: what it is (a heading level, a code
/// block's language, a link target…) and where (bytes of the page text).
type Item = (String, Range<usize>);

/// What is compared of a page, in document order.
#[derive(Debug, Default)]
struct Outline {
    headings: Vec<Item>,
    code_blocks: Vec<Item>,
    links: Vec<Item>,
    images: Vec<Item>,
    includes: Vec<Item>,
    placeholders: Vec<Item>,
}

/// The outline of the Markdown body of `text` from `body_start`.
fn outline(text: &str, body_start: usize) -> Outline {
    let body = &text[body_start..];
    let mut o = Outline::default();
    let includes = find_includes(body);
    for i in &includes {
        let r = body_start + i.range.start..body_start + i.range.end;
        o.includes.push((body[i.path.clone()].to_string(), r));
    }
    // Include tokens hold a link of their own (`[!INCLUDE[n](path)]`).
    let in_include = |pos: usize| {
        let k = includes.partition_point(|i| i.range.end <= pos);
        includes.get(k).is_some_and(|i| i.range.start <= pos)
    };
    let mut in_code = false;
    for (ev, r) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        let at = body_start + r.start..body_start + r.end;
        match ev {
            Event::Start(Tag::Heading { level, .. }) => o.headings.push((format!("h{}", level as u8), at)),
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code = true;
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                o.code_blocks.push((lang, at));
            }
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Link { dest_url, .. }) if !in_include(r.start) => {
                o.links.push((dest_url.to_string(), at))
            }
            Event::Start(Tag::Image { dest_url, .. }) => o.images.push((dest_url.to_string(), at)),
            Event::Text(t) if !in_code && !in_include(r.start) => {
                for p in rules::inventory(&t).placeholders {
                    o.placeholders.push((p, at.clone()));
                }
            }
            _ => {}
        }
    }
    o
}

/// `a` minus `b` as multisets of their names, in `a`'s order (in one
/// pass over each: a page may have many thousands of links).
fn minus<'a>(a: &'a [Item], b: &[Item]) -> Vec<&'a Item> {
    let mut left: HashMap<&str, usize> = HashMap::with_capacity(b.len());
    for (n, _) in b {
        *left.entry(n.as_str()).or_default() += 1;
    }
    a.iter()
        .filter(|(n, _)| match left.get_mut(n.as_str()) {
            Some(k) if *k > 0 => {
                *k -= 1;
                false
            }
            _ => true,
        })
        .collect()
}

/// At most `MAX` names, quoted, then how many more.
fn list(items: &[&Item]) -> String {
    const MAX: usize = 5;
    let mut out: Vec<String> = items.iter().take(MAX).map(|(n, _)| format!("`{n}`")).collect();
    if items.len() > MAX {
        out.push(format!("and {} more", items.len() - MAX));
    }
    out.join(", ")
}

/// A sequence of names, shortened: `h1 h2 h2 …`.
fn sequence(items: &[Item]) -> String {
    const MAX: usize = 12;
    let mut out: Vec<&str> = items.iter().take(MAX).map(|(n, _)| n.as_str()).collect();
    if items.len() > MAX {
        out.push("…");
    }
    if out.is_empty() { "none".into() } else { out.join(" ") }
}

/// The findings of a whole-page translation `tr` of `src` (in locale `code`).
pub(super) fn findings(tr: &Translation, src: &Source, whole: &WholePage, code: &str) -> Vec<Finding> {
    let page = &tr.page;
    let file = page.src.display.as_str();
    let english_file = src.page.src.display.as_str();
    let en_text = src.page.src.text.as_str();
    let finding = |rule: Rule, at: Range<usize>, msg: String, help: String, key: String| {
        // The caret marks the first line of the place.
        let line_end = page.src.text[at.start..at.end]
            .find('\n')
            .map_or(at.end, |i| at.start + i);
        Finding {
            rule,
            diag: Diagnostic::new(rule.default_severity(), rule.code(), msg)
                .at_offset(&page.src, at.start, line_end - at.start)
                .help(help),
            locale: code.to_string(),
            page: page.rel.clone(),
            segment_id: None,
            english: Some(key),
            translation: None,
            related: None,
            segment: None,
            unit: None,
            omitted: 0,
        }
    };
    let en_loc = |r: &Range<usize>| src.page.src.location(r.start);
    let stamp = format!("locdoc stamp {file}");
    let mut out = Vec::new();

    match &whole.recorded {
        None => out.push(finding(
            Rule::SourceHash,
            0..3,
            "this whole-page translation does not record which English it was made from, so locdoc cannot tell when it goes stale".into(),
            format!(
                "once it matches the current English ({english_file}), run `{stamp}`: it adds `{SOURCE_HASH}: {}` to the front matter",
                whole.current
            ),
            format!("page {} has no {SOURCE_HASH}", page.rel),
        )),
        Some(recorded) if !whole.is_current() => {
            let fm = &page.src.text[..page.body_start];
            let at = fm
                .match_indices(SOURCE_HASH)
                .find(|(i, _)| *i == 0 || fm.as_bytes()[i - 1] == b'\n')
                .map_or(0..3, |(i, _)| i..i + SOURCE_HASH.len());
            let mut f = finding(
                Rule::Stale,
                at,
                format!(
                    "the English page has changed since this translation was made (it records `{recorded}`, the English is now `{}`)",
                    whole.current
                ),
                format!(
                    "update the translation to the current English ({english_file}; its history shows what changed), then run `{stamp}`"
                ),
                format!("page {} made from {recorded}", page.rel),
            );
            f.related = Some(src.page.src.location(src.page.body_start));
            out.push(f);
        }
        Some(_) => {}
    }

    let en = outline(en_text, src.page.body_start);
    let here = outline(&page.src.text, page.body_start);
    let end_of_body = page.src.text.len()..page.src.text.len();
    // Ordered kinds: the sequence must match.
    for (what, en_items, tr_items) in [
        ("headings", &en.headings, &here.headings),
        ("code blocks", &en.code_blocks, &here.code_blocks),
    ] {
        let names = |v: &[Item]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        if names(en_items) == names(tr_items) {
            continue;
        }
        let k = en_items
            .iter()
            .zip(tr_items.iter())
            .position(|(a, b)| a.0 != b.0)
            .unwrap_or(en_items.len().min(tr_items.len()));
        let at = tr_items
            .get(k)
            .or(tr_items.last())
            .map_or(end_of_body.clone(), |(_, r)| r.clone());
        let msg = if en_items.len() == tr_items.len() {
            let shown = |n: &str| {
                if n.is_empty() {
                    "without a language".to_string()
                } else {
                    format!("`{n}`")
                }
            };
            format!(
                "{what} differ from the English page's: number {} is {} here and {} in the English ({}: {})",
                k + 1,
                shown(&tr_items[k].0),
                shown(&en_items[k].0),
                what,
                sequence(en_items)
            )
        } else {
            format!(
                "the English page has {} {what}, this translation {} (English: {}; here: {})",
                en_items.len(),
                tr_items.len(),
                sequence(en_items),
                sequence(tr_items)
            )
        };
        let mut f = finding(
            Rule::Structure,
            at,
            msg,
            format!("give the translation the {what} of {english_file}, in the same order"),
            format!("{what} of page {}", page.rel),
        );
        f.related = en_items.get(k).map(|(_, r)| en_loc(r));
        out.push(f);
    }

    // Unordered kinds: the same targets, in any order.
    let e = english_file;
    for (rule, what, en_items, tr_items, help) in [
        (
            Rule::Structure,
            "links",
            &en.links,
            &here.links,
            format!("link to what {e} links to (a translated page has the English page's path)"),
        ),
        (
            Rule::Structure,
            "images",
            &en.images,
            &here.images,
            format!("show the images {e} shows"),
        ),
        (
            Rule::Structure,
            "includes",
            &en.includes,
            &here.includes,
            format!("include what {e} includes"),
        ),
        (
            Rule::Placeholder,
            "placeholders",
            &en.placeholders,
            &here.placeholders,
            format!("copy the `%1` and `{{0}}` placeholders of {e} exactly"),
        ),
    ] {
        let lost = minus(en_items, tr_items);
        let added = minus(tr_items, en_items);
        if lost.is_empty() && added.is_empty() {
            continue;
        }
        let mut parts = Vec::new();
        if !lost.is_empty() {
            parts.push(format!("missing {}", list(&lost)));
        }
        if !added.is_empty() {
            parts.push(format!("extra {}", list(&added)));
        }
        let at = added
            .first()
            .map_or(page.body_start..page.body_start, |(_, r)| r.clone());
        let mut f = finding(
            rule,
            at,
            format!("{what} differ from the English page's: {}", parts.join("; ")),
            help,
            format!("{what} of page {}", page.rel),
        );
        f.related = lost.first().map(|(_, r)| en_loc(r));
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceText;

    #[test]
    fn the_outline_has_headings_code_links_images_includes_and_placeholders() {
        let text = "---\ntitle: x\n---\n# A\n\nSee [b](b.md) and ![i](i.png), %1 of {0}.\n\n```csharp\nvar x = \"%2\";\n```\n\n## C\n\n[!INCLUDE[n](../inc/n.md)]\n";
        let o = outline(text, 16);
        let names = |v: &[Item]| v.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(" ");
        assert_eq!(names(&o.headings), "h1 h2");
        assert_eq!(names(&o.code_blocks), "csharp");
        assert_eq!(names(&o.links), "b.md", "the include's own link is not a link");
        assert_eq!(names(&o.images), "i.png");
        assert_eq!(names(&o.includes), "../inc/n.md");
        assert_eq!(names(&o.placeholders), "%1 {0}", "not the one in code");
        let src = SourceText::new("x.md", text.to_string());
        assert_eq!(src.location(o.headings[1].1.start).line, 12);
    }

    #[test]
    fn multiset_difference_keeps_repeats() {
        let item = |n: &str| (n.to_string(), 0..0);
        let a = [item("x"), item("x"), item("y")];
        let b = [item("x"), item("z")];
        let lost: Vec<&str> = minus(&a, &b).iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(lost, ["x", "y"]);
    }
}
