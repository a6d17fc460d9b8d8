//! The `anchor` rule: a translated segment's links to a fragment
//! (`#anchor`, `page.md#anchor`) that no heading or HTML anchor of the
//! English page has. Pages take their headings' anchors from the English,
//! so such a link — kept from an older English — leads nowhere.

use pulldown_cmark::{Event, Parser, Tag};

use crate::segment::markdown_options;
use crate::segment::source::SourceDoc;
use crate::site::{Site, join_rel, parent_dir};

/// A link to a fragment the English page lacks.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Dangling {
    /// Byte range of the fragment (after `#`) in the segment's Markdown.
    pub range: std::ops::Range<usize>,
    pub fragment: String,
    /// The page linked to (site-relative), the segment's own page for `#x`.
    pub page: String,
}

/// The links of `md` (a segment of page `rel`) to a page of the site with a
/// fragment that the English page has no anchor for.
pub(super) fn dangling(site: &Site, rel: &str, md: &str) -> Vec<Dangling> {
    let mut out = Vec::new();
    for (dest, at) in fragment_links(md) {
        let Some((path, fragment)) = dest.split_once('#') else {
            continue;
        };
        if fragment.is_empty() || fragment.starts_with("tab/") {
            continue;
        }
        let target = if path.is_empty() {
            Some(rel.to_string())
        } else {
            join_rel(parent_dir(rel), path).map(|t| {
                if t.ends_with('/') || t.is_empty() {
                    format!("{t}index.md")
                } else {
                    t
                }
            })
        };
        let Some(src) = target.as_deref().and_then(|t| site.sources.get(t)) else {
            continue;
        };
        if !has_anchor(&src.doc, src.page.body(), fragment) {
            out.push(Dangling {
                range: at..at + fragment.len(),
                fragment: fragment.to_string(),
                page: src.page.rel.clone(),
            });
        }
    }
    out
}

/// The destinations of `md`'s links that hold a `#` and no scheme, with
/// where the fragment starts in `md`.
fn fragment_links(md: &str) -> Vec<(String, usize)> {
    if !md.contains('#') {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (ev, r) in Parser::new_ext(md, markdown_options()).into_offset_iter() {
        let Event::Start(Tag::Link { dest_url, .. }) = ev else {
            continue;
        };
        let dest = dest_url.to_string();
        if !dest.contains('#') || dest.contains(':') {
            continue;
        }
        let fragment = &dest[dest.find('#').map_or(0, |i| i + 1)..];
        let at = md[r.clone()]
            .rfind(&format!("#{fragment}"))
            .map_or(r.start, |i| r.start + i + 1);
        out.push((dest, at));
    }
    out
}

/// True when the English page has a heading with the anchor `fragment`, or
/// an HTML element with it as `id` or `name`.
fn has_anchor(doc: &SourceDoc, body: &str, fragment: &str) -> bool {
    if doc.heading_ids.iter().any(|h| h == fragment) {
        return true;
    }
    ["id=\"", "name=\"", "id='", "name='"].iter().any(|attr| {
        let quote = &attr[attr.len() - 1..];
        body.match_indices(attr).any(|(i, _)| {
            let value = &body[i + attr.len()..];
            let before = body[..i].chars().next_back();
            before.is_some_and(char::is_whitespace) && value.split(quote).next() == Some(fragment)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// cs-CZ customize-parameter-marshaling.md, line 43 of the guides
    /// corpus: the translation links to `#marshal-systemobject`, a heading
    /// the English has renamed.
    #[test]
    fn fragment_links_are_found_with_the_place_of_their_fragment() {
        let md = "lze v tabulce pro [přizpůsobení `object` polí](./customize-struct-marshaling.md#marshal-systemobject)zobrazit. [A](#x) [B](https://e.org/#y) [C](#tab/cs)";
        let links = fragment_links(md);
        let found: Vec<(&str, &str)> = links.iter().map(|(d, at)| (d.as_str(), &md[*at..*at + 1])).collect();
        assert_eq!(
            found,
            vec![
                ("./customize-struct-marshaling.md#marshal-systemobject", "m"),
                ("#x", "x"),
                ("#tab/cs", "t")
            ]
        );
    }

    #[test]
    fn html_anchors_and_headings_are_anchors() {
        let body = "# Alternation\n\n<a name=\"Either_Or\"></a>\n## Pattern matching with &#124;\n";
        let doc = crate::segment::source::parse(body, 0);
        assert!(has_anchor(&doc, body, "Either_Or"));
        assert!(has_anchor(&doc, body, "alternation"));
        assert!(!has_anchor(&doc, body, "either_or"));
        assert!(!has_anchor(&doc, body, "marshal-systemobject"));
    }
}
