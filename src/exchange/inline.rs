//! Inline Markdown and HTML as protected codes: a unit's text cut into
//! plain text and the constructs a translator must not break — code spans,
//! inline HTML, `<xref:>` and other autolinks, images, includes, entities
//! and `%1`/`{0}` placeholders (standalone codes), and bold, italic,
//! strikethrough and links (paired codes around translatable text).
//! Joining the parts back gives the Markdown byte for byte.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use crate::segment::{find_includes, markdown_options};

/// A protected piece of Markdown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Code {
    /// `x-code`, `x-html`, `x-xref`, `link`, `bold`, …
    pub kind: &'static str,
    /// The whole construct (standalone), or what opens it (paired).
    pub open: String,
    /// What closes a paired construct (`**`, `](url)`).
    pub close: Option<String>,
}

/// A part of a unit's text. Code numbers index [`Inline::codes`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Text(String),
    Ph(usize),
    Open(usize),
    Close(usize),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inline {
    pub parts: Vec<Part>,
    pub codes: Vec<Code>,
}

enum Mark {
    Atom(Range<usize>, &'static str),
    /// Outer range, inner (filled at the end), kind.
    Open(Range<usize>, Option<Range<usize>>, &'static str),
    Close(usize),
}

/// The `%1` and `{0}` placeholders and character entities in raw text `r`.
fn atoms_in_text(md: &str, r: Range<usize>, out: &mut Vec<Mark>) {
    let t = &md[r.clone()];
    if t.starts_with('&') && t.ends_with(';') {
        out.push(Mark::Atom(r, "x-entity"));
        return;
    }
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let end = match b[i] {
            b'%' if b.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                let mut j = i + 1;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                Some(j)
            }
            b'{' => {
                let close = t[i..].find('}').map(|j| i + j + 1);
                close.filter(|&j| {
                    let inner = &t[i + 1..j - 1];
                    inner.starts_with(|c: char| c.is_ascii_digit()) && !inner.contains('{')
                })
            }
            _ => None,
        };
        match end {
            Some(j) => {
                out.push(Mark::Atom(r.start + i..r.start + j, "x-placeholder"));
                i = j;
            }
            None => i += 1,
        }
    }
}

/// Cuts `md` (one unit's Markdown) into text and protected codes.
fn cut(md: &str) -> Inline {
    let plain = Inline {
        parts: if md.is_empty() {
            vec![]
        } else {
            vec![Part::Text(md.to_string())]
        },
        codes: vec![],
    };
    let includes: Vec<Range<usize>> = find_includes(md).into_iter().map(|i| i.range).collect();
    let inside_include = |r: &Range<usize>| {
        includes
            .iter()
            .any(|i| i.start < r.end.max(r.start + 1) && r.start < i.end)
    };
    // A leading guard keeps the text inline, as `check` reads it.
    const GUARD: &str = "\u{a1}";
    let guarded = format!("{GUARD}{}", md.replace('\n', " "));
    let g = GUARD.len();
    let mut marks: Vec<Mark> = includes.iter().map(|r| Mark::Atom(r.clone(), "x-include")).collect();
    let mut stack: Vec<usize> = Vec::new();
    let mut opaque = 0usize;
    let note = |stack: &[usize], marks: &mut Vec<Mark>, r: &Range<usize>| {
        if let Some(&o) = stack.last()
            && let Mark::Open(_, inner, _) = &mut marks[o]
        {
            *inner = Some(match inner.take() {
                Some(e) => e.start.min(r.start)..e.end.max(r.end),
                None => r.clone(),
            });
        }
    };
    for (ev, r) in Parser::new_ext(&guarded, markdown_options()).into_offset_iter() {
        let r = r.start.saturating_sub(g)..r.end.saturating_sub(g);
        if r.end > md.len() {
            return plain;
        }
        if opaque > 0 {
            match ev {
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => opaque += 1,
                Event::End(TagEnd::Link | TagEnd::Image) => opaque -= 1,
                _ => {}
            }
            continue;
        }
        if inside_include(&r) {
            continue;
        }
        match ev {
            Event::Start(tag) => {
                let kind = match &tag {
                    Tag::Strong => "bold",
                    Tag::Emphasis => "italic",
                    Tag::Strikethrough => "x-strikethrough",
                    Tag::Superscript => "x-superscript",
                    Tag::Subscript => "x-subscript",
                    Tag::Link {
                        link_type: LinkType::Autolink | LinkType::Email,
                        dest_url,
                        ..
                    } => {
                        note(&stack, &mut marks, &r);
                        let kind = if dest_url.starts_with("xref:") {
                            "x-xref"
                        } else {
                            "link"
                        };
                        marks.push(Mark::Atom(r, kind));
                        opaque = 1;
                        continue;
                    }
                    Tag::Image { .. } => {
                        note(&stack, &mut marks, &r);
                        marks.push(Mark::Atom(r, "image"));
                        opaque = 1;
                        continue;
                    }
                    Tag::Link { .. } => "link",
                    _ => continue,
                };
                note(&stack, &mut marks, &r);
                marks.push(Mark::Open(r, None, kind));
                stack.push(marks.len() - 1);
            }
            Event::End(TagEnd::Strong | TagEnd::Emphasis | TagEnd::Strikethrough | TagEnd::Link)
            | Event::End(TagEnd::Superscript | TagEnd::Subscript) => {
                let Some(o) = stack.pop() else { return plain };
                marks.push(Mark::Close(o));
                let outer = match &marks[o] {
                    Mark::Open(outer, _, _) => outer.clone(),
                    _ => return plain,
                };
                note(&stack, &mut marks, &outer);
            }
            Event::Code(_) | Event::InlineHtml(_) | Event::InlineMath(_) | Event::FootnoteReference(_) => {
                note(&stack, &mut marks, &r);
                let kind = if matches!(ev, Event::InlineHtml(_)) {
                    "x-html"
                } else {
                    "x-code"
                };
                marks.push(Mark::Atom(r, kind));
            }
            Event::Text(_) => {
                // A backslash escape's text starts after the backslash:
                // the backslash is the text's too (not the code before it).
                let escaped = r.start > 0
                    && md.as_bytes()[r.start - 1] == b'\\'
                    && md[r.start..].starts_with(|c: char| c.is_ascii_punctuation());
                let r = if escaped { r.start - 1..r.end } else { r };
                note(&stack, &mut marks, &r);
                atoms_in_text(md, r, &mut marks);
            }
            Event::SoftBreak | Event::HardBreak => note(&stack, &mut marks, &r),
            _ => {}
        }
    }
    if !stack.is_empty() {
        return plain;
    }
    // Includes were pushed first: put every mark in document order (a
    // stable sort by start keeps an opener before what it holds).
    let start = |m: &Mark, marks: &[Mark]| match m {
        Mark::Atom(r, _) | Mark::Open(r, _, _) => r.start,
        Mark::Close(o) => match &marks[*o] {
            Mark::Open(_, Some(inner), _) => inner.end,
            Mark::Open(outer, None, _) => outer.end,
            _ => 0,
        },
    };
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&i| start(&marks[i], &marks));
    build(md, &marks, &order).unwrap_or(plain)
}

fn build(md: &str, marks: &[Mark], order: &[usize]) -> Option<Inline> {
    let mut out = Inline::default();
    let mut code_of = vec![usize::MAX; marks.len()];
    let mut pos = 0;
    let text = |out: &mut Inline, r: Range<usize>| {
        if !r.is_empty() {
            out.parts.push(Part::Text(md.get(r)?.to_string()));
        }
        Some(())
    };
    for &i in order {
        match &marks[i] {
            Mark::Atom(r, kind) => {
                if r.start < pos {
                    return None;
                }
                text(&mut out, pos..r.start)?;
                out.codes.push(Code {
                    kind,
                    open: md.get(r.clone())?.to_string(),
                    close: None,
                });
                out.parts.push(Part::Ph(out.codes.len() - 1));
                pos = r.end;
            }
            Mark::Open(outer, inner, kind) => {
                let inner = inner.clone()?;
                if outer.start < pos || inner.start < outer.start || inner.end > outer.end {
                    return None;
                }
                text(&mut out, pos..outer.start)?;
                out.codes.push(Code {
                    kind,
                    open: md.get(outer.start..inner.start)?.to_string(),
                    close: Some(md.get(inner.end..outer.end)?.to_string()),
                });
                code_of[i] = out.codes.len() - 1;
                out.parts.push(Part::Open(out.codes.len() - 1));
                pos = inner.start;
            }
            Mark::Close(o) => {
                let Mark::Open(outer, Some(inner), _) = &marks[*o] else {
                    return None;
                };
                if inner.end < pos || code_of[*o] == usize::MAX {
                    return None;
                }
                text(&mut out, pos..inner.end)?;
                out.parts.push(Part::Close(code_of[*o]));
                pos = outer.end;
            }
        }
    }
    text(&mut out, pos..md.len())?;
    (out.join() == md).then_some(out)
}

impl Inline {
    /// Cuts `md` (one unit's Markdown) into text and protected codes.
    pub fn parse(md: &str) -> Inline {
        cut(md)
    }

    /// The Markdown the parts stand for.
    pub fn join(&self) -> String {
        let mut s = String::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => s.push_str(t),
                Part::Ph(c) | Part::Open(c) => s.push_str(&self.codes[*c].open),
                Part::Close(c) => s.push_str(self.codes[*c].close.as_deref().unwrap_or("")),
            }
        }
        s
    }

    /// The parts of `target` (a translation of this source) with the codes
    /// they share with the source numbered as the source's; a code the
    /// source does not have stays plain text. With `by_kind` (a stale
    /// translation), a link or emphasis whose Markdown changed (a new URL)
    /// takes the source's code of the same kind, so the import writes the
    /// current Markdown around the translated text.
    pub fn align_target(&self, target: &Inline, by_kind: bool) -> Vec<Part> {
        let mut used = vec![false; self.codes.len()];
        let mut map = vec![None; target.codes.len()];
        for (t, tc) in target.codes.iter().enumerate() {
            if let Some(s) = (0..self.codes.len()).find(|&s| !used[s] && self.codes[s] == *tc) {
                used[s] = true;
                map[t] = Some(s);
            }
        }
        if by_kind {
            for (t, tc) in target.codes.iter().enumerate() {
                if map[t].is_some() || tc.close.is_none() {
                    continue;
                }
                if let Some(s) = (0..self.codes.len()).find(|&s| !used[s] && self.codes[s].kind == tc.kind) {
                    used[s] = true;
                    map[t] = Some(s);
                }
            }
        }
        let mut out = Vec::with_capacity(target.parts.len());
        for p in &target.parts {
            let (c, rebuild): (usize, fn(usize) -> Part) = match p {
                Part::Text(t) => {
                    out.push(Part::Text(t.clone()));
                    continue;
                }
                Part::Ph(c) => (*c, Part::Ph),
                Part::Open(c) => (*c, Part::Open),
                Part::Close(c) => (*c, Part::Close),
            };
            match map[c] {
                Some(s) => out.push(rebuild(s)),
                None => {
                    let code = &target.codes[c];
                    let raw = match p {
                        Part::Close(_) => code.close.clone().unwrap_or_default(),
                        _ => code.open.clone(),
                    };
                    out.push(Part::Text(raw));
                }
            }
        }
        merge_text(out)
    }

    /// What a translator must keep, for a PO comment: each code's Markdown.
    pub fn describe(&self) -> Vec<String> {
        self.codes
            .iter()
            .map(|c| match &c.close {
                Some(close) => format!("{}…{}", c.open, close),
                None => c.open.clone(),
            })
            .collect()
    }
}

fn merge_text(parts: Vec<Part>) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::with_capacity(parts.len());
    for p in parts {
        if let (Some(Part::Text(a)), Part::Text(b)) = (out.last_mut(), &p) {
            a.push_str(b);
            continue;
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(i: &Inline) -> Vec<&str> {
        i.codes.iter().map(|c| c.kind).collect()
    }

    #[test]
    fn code_links_bold_xrefs_placeholders_and_includes_become_codes() {
        let md = "Call `Open()` on **the [channel](x.md)**, see <xref:System.String> for %1 and {0} [!INCLUDE[wv](../wv-md.md)] &#124; end.";
        let i = Inline::parse(md);
        assert_eq!(i.join(), md);
        assert_eq!(
            kinds(&i),
            [
                "x-code",
                "bold",
                "link",
                "x-xref",
                "x-placeholder",
                "x-placeholder",
                "x-include",
                "x-entity"
            ]
        );
        assert_eq!(i.codes[2].open, "[");
        assert_eq!(i.codes[2].close.as_deref(), Some("](x.md)"));
        assert_eq!(i.codes[1].open, "**");
        let e = Inline::parse("see [\\<bindings>](b.md) and **\\*x**");
        assert_eq!(e.codes[0].open, "[");
        assert_eq!(e.codes[1].open, "**");
        assert_eq!(e.parts[2], Part::Text("\\<bindings>".into()));
        let texts: Vec<&str> = i
            .parts
            .iter()
            .filter_map(|p| match p {
                Part::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(texts[..3], ["Call ", " on ", "the "]);
    }

    #[test]
    fn plain_text_and_odd_markdown_join_back_byte_for_byte() {
        for md in [
            "",
            "plain words",
            "  1%  ",
            "a \\<system.serviceModel> b \\| c",
            "**unclosed bold",
            "[x](",
            "`a` `b`",
            "<span>raw</span> and <b>x</b>",
            "line one\nline two with *it*",
            "{not a placeholder} {0:N2} {1,5}",
            "![alt](img.png) and <https://example.org>",
        ] {
            assert_eq!(Inline::parse(md).join(), md, "{md:?}");
        }
    }

    #[test]
    fn a_translation_shares_the_codes_it_kept_and_keeps_others_as_text() {
        let en = Inline::parse("Use `a` and **b** with %1.");
        let cs = Inline::parse("Použijte **b** s %1 a `jiný`.");
        let parts = en.align_target(&cs, false);
        assert!(parts.contains(&Part::Open(1)));
        assert!(parts.contains(&Part::Ph(2)));
        assert!(parts.iter().any(|p| matches!(p, Part::Text(t) if t.contains("`jiný`"))));
        assert!(!parts.contains(&Part::Ph(0)));
        // A stale translation's link with an old URL takes the new one's code.
        let en = Inline::parse("See [the docs](new.md).");
        let cs = Inline::parse("Viz [dokumentaci](old.md).");
        assert!(!en.align_target(&cs, false).contains(&Part::Open(0)));
        assert!(en.align_target(&cs, true).contains(&Part::Open(0)));
    }
}
