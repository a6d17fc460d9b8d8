//! The translatable blocks of an English source page.
//!
//! pulldown-cmark's offset iterator gives every heading, paragraph, table
//! cell and list item with the byte range of its inline content and the
//! inline constructs inside it (links, emphasis, code, HTML, includes). The
//! aligner looks for each lookup in the blocks' normalised text and maps a
//! match back to source bytes; the constructs keep replacements from
//! cutting through Markdown syntax.

use rustc_hash::FxHashMap;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::{NormText, find_includes, markdown_options, slugify};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Heading(u8),
    Paragraph,
    TableCell,
    ListItem,
    Other,
}

/// An inline construct of a block. `inner` is the range of its content
/// (link text, emphasised text); `None` for atomic constructs (code, HTML,
/// autolinks, includes) whose bytes must stay together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Construct {
    pub outer: Range<usize>,
    pub inner: Option<Range<usize>>,
}

/// A translatable block of the source page.
#[derive(Clone, Debug)]
pub struct Block {
    pub kind: BlockKind,
    /// Source bytes of the inline content.
    pub range: Range<usize>,
    /// The content as compared with lookups.
    pub norm: NormText,
    /// Inline constructs, sorted by start (outermost first).
    pub constructs: Vec<Construct>,
    /// Source ranges of translatable text (not code, HTML, URLs, includes),
    /// in order.
    pub text_ranges: Vec<Range<usize>>,
    /// For each construct, the largest end of it and those before it.
    max_end: Vec<usize>,
    /// The constructs' outer ranges merged, in order.
    tops: Vec<Range<usize>>,
    /// Construct indices by end, then start.
    by_end: Vec<usize>,
}

impl Block {
    fn new(
        kind: BlockKind,
        range: Range<usize>,
        norm: NormText,
        constructs: Vec<Construct>,
        text_ranges: Vec<Range<usize>>,
    ) -> Block {
        let mut max_end = Vec::with_capacity(constructs.len());
        let mut tops: Vec<Range<usize>> = Vec::new();
        for c in &constructs {
            max_end.push(max_end.last().copied().unwrap_or(0).max(c.outer.end));
            match tops.last_mut() {
                Some(t) if c.outer.start < t.end => t.end = t.end.max(c.outer.end),
                _ => tops.push(c.outer.clone()),
            }
        }
        let mut by_end: Vec<usize> = (0..constructs.len()).collect();
        by_end.sort_by_key(|&i| (constructs[i].outer.end, constructs[i].outer.start));
        Block {
            kind,
            range,
            norm,
            constructs,
            text_ranges,
            max_end,
            tops,
            by_end,
        }
    }

    fn partially_overlaps(c: &Construct, r: &Range<usize>) -> bool {
        let intersects = r.start < c.outer.end && c.outer.start < r.end;
        let contains = r.start <= c.outer.start && c.outer.end <= r.end;
        let inside_inner = c.inner.as_ref().is_some_and(|i| i.start <= r.start && r.end <= i.end);
        intersects && !contains && !inside_inner
    }

    /// The constructs that intersect `r`, in order: found by binary search,
    /// so a block of many constructs costs what is near `r`, not all of them.
    fn intersecting(&self, r: &Range<usize>) -> impl Iterator<Item = &Construct> {
        let at = self.constructs.partition_point(|c| c.outer.start < r.start);
        // Before `r`: only while something before may still reach into it.
        let mut first = at;
        while first > 0 && self.max_end[first - 1] > r.start {
            first -= 1;
        }
        let end = at + self.constructs[at..].partition_point(|c| c.outer.start < r.end);
        self.constructs[first..end]
            .iter()
            .filter(move |c| r.start < c.outer.end && c.outer.start < r.end)
    }

    /// Grows `r` until it cuts through no construct.
    pub fn expand(&self, mut r: Range<usize>) -> Range<usize> {
        loop {
            let grown = self
                .intersecting(&r)
                .filter(|c| Self::partially_overlaps(c, &r))
                .fold(r.clone(), |g, c| g.start.min(c.outer.start)..g.end.max(c.outer.end));
            if grown == r {
                return r;
            }
            r = grown;
        }
    }

    /// Cuts `r` into pieces that cut through no construct, dropping the bits
    /// that are only syntax (`[`, `](url)`, `**`).
    pub fn split(&self, r: Range<usize>) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        self.split_into(r, &mut out);
        out
    }

    fn split_into(&self, r: Range<usize>, out: &mut Vec<Range<usize>>) {
        if r.is_empty() {
            return;
        }
        let Some(c) = self.intersecting(&r).find(|c| Self::partially_overlaps(c, &r)) else {
            out.push(r);
            return;
        };
        if r.start < c.outer.start {
            self.split_into(r.start..c.outer.start, out);
        }
        if let Some(inner) = &c.inner {
            let s = r.start.max(inner.start);
            let e = r.end.min(inner.end);
            if s < e {
                self.split_into(s..e, out);
            }
        }
        if c.outer.end < r.end {
            self.split_into(c.outer.end..r.end, out);
        }
    }

    /// Narrows `r` past leading and trailing whitespace and atomic
    /// constructs (code, HTML, includes) that hold no translatable text.
    pub fn trim(&self, src: &str, mut r: Range<usize>) -> Range<usize> {
        loop {
            let before = r.clone();
            let s = &src[r.clone()];
            r.start += s.len() - s.trim_start().len();
            let s = &src[r.clone()];
            r.end -= s.len() - s.trim_end().len();
            if r.is_empty() {
                return r;
            }
            // The outermost atomic construct starting where `r` starts.
            let at = self.constructs.partition_point(|c| c.outer.start < r.start);
            if let Some(c) = self.constructs[at..]
                .iter()
                .take_while(|c| c.outer.start == r.start)
                .find(|c| c.inner.is_none() && c.outer.end <= r.end)
            {
                r.start = c.outer.end;
            }
            // ... and ending where it ends.
            let at = self.by_end.partition_point(|&i| self.constructs[i].outer.end < r.end);
            if !r.is_empty()
                && let Some(c) = self.by_end[at..]
                    .iter()
                    .map(|&i| &self.constructs[i])
                    .take_while(|c| c.outer.end == r.end)
                    .find(|c| c.inner.is_none() && c.outer.start >= r.start)
            {
                r.end = c.outer.start;
            }
            if r == before || r.is_empty() {
                return r;
            }
        }
    }

    /// True when `r` holds translatable text: a letter or digit outside
    /// code, HTML, URLs and include tokens.
    pub fn has_text(&self, src: &str, r: &Range<usize>) -> bool {
        let first = self.text_ranges.partition_point(|t| t.end <= r.start);
        self.text_ranges[first..]
            .iter()
            .take_while(|t| t.start < r.end)
            .any(|t| {
                let s = t.start.max(r.start);
                let e = t.end.min(r.end);
                s < e && src[s..e].chars().any(char::is_alphanumeric)
            })
    }

    /// True when `pos` is outside every construct (top-level text).
    pub fn is_top_level(&self, pos: usize) -> bool {
        let i = self.tops.partition_point(|t| t.end <= pos);
        self.tops.get(i).is_none_or(|t| !(t.start < pos && pos < t.end))
    }
}

/// The blocks of an English page, and what the aligner needs to find text
/// in them quickly.
#[derive(Clone, Debug, Default)]
pub struct SourceDoc {
    pub blocks: Vec<Block>,
    /// Heading anchors in document order, unique within the page.
    pub heading_ids: Vec<String>,
    /// Blocks by their whole normalised text.
    pub by_text: FxHashMap<String, Vec<usize>>,
    /// Blocks that are one link (or emphasis) as a whole, by the normalised
    /// text inside it: a list item `[Text](#anchor)` is the text `Text`
    /// as much as a heading `## Text` is.
    pub by_link_text: FxHashMap<String, Vec<usize>>,
    /// All blocks' normalised texts joined with `\0`, for substring search.
    pub joined: String,
    /// Where each block starts in `joined`.
    pub joined_starts: Vec<usize>,
    /// How deeply lists and block quotes nest, and the byte offset where
    /// that depth is first reached (for `[limits] nesting_depth`).
    pub nesting: (usize, usize),
}

impl SourceDoc {
    /// The block holding byte `pos` of `joined`, and the offset inside it.
    pub fn locate_joined(&self, pos: usize) -> (usize, usize) {
        let b = self.joined_starts.partition_point(|&s| s <= pos) - 1;
        (b, pos - self.joined_starts[b])
    }
}

#[derive(Default)]
struct Acc {
    pieces: Vec<Range<usize>>,
    constructs: Vec<Construct>,
    /// Each open inline tag: its index in `constructs`, its children's
    /// extent, and whether its text is opaque (autolinks).
    open: Vec<(usize, Option<Range<usize>>, bool)>,
    text_ranges: Vec<Range<usize>>,
    /// Depth inside constructs whose text is not translatable (autolinks).
    opaque: usize,
    plain: String,
}

impl Acc {
    fn note_child(&mut self, r: &Range<usize>) {
        if let Some((_, ext, _)) = self.open.last_mut() {
            *ext = Some(match ext.take() {
                Some(e) => e.start.min(r.start)..e.end.max(r.end),
                None => r.clone(),
            });
        } else {
            self.pieces.push(r.clone());
        }
    }
}

/// Finds the translatable blocks of the page `text`, whose Markdown body
/// starts at byte `body_start`.
pub fn parse(text: &str, body_start: usize) -> SourceDoc {
    let body = &text[body_start..];
    let mut doc = SourceDoc::default();
    let mut containers: Vec<BlockKind> = Vec::new();
    let mut acc = Acc::default();
    let mut heading_text: Option<String> = None;
    let mut slug_counts: FxHashMap<String, usize> = FxHashMap::default();
    let mut in_code_block = 0usize;
    let mut nest = 0usize;

    for (ev, r) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        let r = r.start + body_start..r.end + body_start;
        match ev {
            Event::Start(tag) => match tag {
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Image { .. }
                | Tag::Link { .. } => {
                    let opaque = matches!(
                        tag,
                        Tag::Link {
                            link_type: LinkType::Autolink | LinkType::Email,
                            ..
                        }
                    );
                    acc.opaque += usize::from(opaque);
                    acc.note_child(&r);
                    acc.constructs.push(Construct { outer: r, inner: None });
                    acc.open.push((acc.constructs.len() - 1, None, opaque));
                }
                Tag::CodeBlock(_) => {
                    flush(text, &mut acc, &containers, &mut doc);
                    in_code_block += 1;
                }
                other => {
                    flush(text, &mut acc, &containers, &mut doc);
                    if matches!(other, Tag::List(_) | Tag::BlockQuote(_)) {
                        nest += 1;
                        if nest > doc.nesting.0 {
                            doc.nesting = (nest, r.start);
                        }
                    }
                    let kind = match other {
                        Tag::Heading { level, .. } => {
                            heading_text = Some(String::new());
                            BlockKind::Heading(level as u8)
                        }
                        Tag::Paragraph if containers.last() == Some(&BlockKind::ListItem) => BlockKind::ListItem,
                        Tag::Paragraph | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                            BlockKind::Paragraph
                        }
                        Tag::TableCell => BlockKind::TableCell,
                        Tag::Item => BlockKind::ListItem,
                        _ => BlockKind::Other,
                    };
                    containers.push(kind);
                }
            },
            Event::End(end) => match end {
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Image
                | TagEnd::Link => {
                    if let Some((idx, ext, opaque)) = acc.open.pop() {
                        if opaque {
                            acc.opaque -= 1;
                        }
                        let c = &mut acc.constructs[idx];
                        c.inner = if opaque { None } else { ext };
                        let outer = c.outer.clone();
                        if let Some((_, parent, _)) = acc.open.last_mut() {
                            *parent = Some(match parent.take() {
                                Some(e) => e.start.min(outer.start)..e.end.max(outer.end),
                                None => outer,
                            });
                        }
                    }
                }
                TagEnd::CodeBlock => {
                    in_code_block = in_code_block.saturating_sub(1);
                }
                other => {
                    flush(text, &mut acc, &containers, &mut doc);
                    containers.pop();
                    if matches!(other, TagEnd::List(_) | TagEnd::BlockQuote(_)) {
                        nest = nest.saturating_sub(1);
                    }
                    if let TagEnd::Heading(_) = other {
                        let base = slugify(&heading_text.take().unwrap_or_default());
                        let n = slug_counts.entry(base.clone()).or_insert(0);
                        let id = if *n == 0 { base.clone() } else { format!("{base}-{n}") };
                        *n += 1;
                        doc.heading_ids.push(id);
                    }
                }
            },
            _ if in_code_block > 0 => {}
            Event::Text(t) => {
                if acc.opaque == 0 {
                    acc.text_ranges.push(r.clone());
                }
                if let Some(h) = heading_text.as_mut() {
                    h.push_str(&t);
                }
                acc.plain.push_str(&t);
                acc.note_child(&r);
            }
            Event::Code(t) => {
                if let Some(h) = heading_text.as_mut() {
                    h.push_str(&t);
                }
                acc.note_child(&r);
                acc.constructs.push(Construct { outer: r, inner: None });
            }
            Event::InlineHtml(_) | Event::InlineMath(_) | Event::FootnoteReference(_) => {
                acc.note_child(&r);
                acc.constructs.push(Construct { outer: r, inner: None });
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = heading_text.as_mut() {
                    h.push(' ');
                }
                acc.note_child(&r);
            }
            Event::Html(_) | Event::DisplayMath(_) | Event::Rule | Event::TaskListMarker(_) => {
                flush(text, &mut acc, &containers, &mut doc);
            }
        }
    }
    flush(text, &mut acc, &containers, &mut doc);

    for (i, b) in doc.blocks.iter().enumerate() {
        doc.joined_starts.push(doc.joined.len());
        doc.joined.push_str(&b.norm.text);
        doc.joined.push('\0');
        doc.by_text.entry(b.norm.text.clone()).or_default().push(i);
        if let Some(c) = b.constructs.first()
            && c.outer == b.range
            && let Some(inner) = &c.inner
        {
            let t = super::normalize(&text[inner.clone()]);
            if !t.is_empty() && t != b.norm.text {
                doc.by_link_text.entry(t).or_default().push(i);
            }
        }
    }
    doc
}

fn flush(text: &str, acc: &mut Acc, containers: &[BlockKind], doc: &mut SourceDoc) {
    if acc.pieces.is_empty() {
        *acc = Acc::default();
        return;
    }
    let mut a = std::mem::take(acc);
    let kind = containers.last().copied().unwrap_or(BlockKind::Other);
    let mut range = a.pieces[0].start..a.pieces[a.pieces.len() - 1].end;
    // A block that starts with a backslash escape (`\<add> Element`) starts
    // at the backslash, or a replacement would leave it behind.
    if range.start > 0
        && text.as_bytes()[range.start - 1] == b'\\'
        && text[range.start..].starts_with(|c: char| c.is_ascii_punctuation())
    {
        range.start -= 1;
    }

    // Include and other DocFX tokens are atomic, and their text is not
    // translatable.
    let block_text = &text[range.clone()];
    let mut inc: Vec<Range<usize>> = find_includes(block_text).iter().map(|i| i.range.clone()).collect();
    inc.extend(super::docfx::tokens(block_text).into_iter().map(|t| t.range));
    if !inc.is_empty() {
        inc.sort_by_key(|r| r.start);
        let inc: Vec<Range<usize>> = inc
            .into_iter()
            .map(|i| i.start + range.start..i.end + range.start)
            .collect();
        // The tokens are in order and apart: the one a range could be in or
        // overlap is found by binary search, not by trying every token.
        let around = |r: &Range<usize>| inc.get(inc.partition_point(|i| i.end <= r.start));
        let inside = |r: &Range<usize>| around(r).is_some_and(|i| i.start <= r.start && r.end <= i.end);
        a.constructs.retain(|c| !inside(&c.outer));
        a.text_ranges
            .retain(|t| !around(t).is_some_and(|i| i.start < t.end && t.start < i.end));
        a.constructs
            .extend(inc.into_iter().map(|outer| Construct { outer, inner: None }));
        if a.text_ranges.iter().all(|t| text[t.clone()].trim().is_empty()) {
            // Nothing but tokens (a snippet reference, an include alone on
            // its line): nothing to translate.
            *acc = Acc::default();
            return;
        }
    }
    a.constructs
        .sort_by_key(|c| (c.outer.start, std::cmp::Reverse(c.outer.end)));

    // Normalised text from the top-level pieces. A gap between pieces that
    // crosses a line end is container syntax (`> `, indentation) and is
    // skipped; a gap within a line (a backslash escape) is kept.
    let mut norm = NormText::default();
    let mut pos = range.start;
    for p in &a.pieces {
        if p.start > pos {
            // Where the line that the next piece is on starts, if the gap
            // reaches back over a line end.
            // (Searched in the gap and the byte before it only: from the start
            // of the text, a line of many pieces would cost its length once
            // per piece.)
            let from = pos.saturating_sub(1);
            let line_start = memchr::memrchr(b'\n', &text.as_bytes()[from..p.start]).map(|i| from + i + 1);
            match line_start {
                Some(ls) => {
                    norm.push(text, pos..ls);
                    norm.push_break(ls);
                }
                None => norm.push(text, pos..p.start),
            }
        }
        norm.push(text, p.start.max(pos)..p.end.max(pos));
        pos = pos.max(p.end);
    }
    if norm.is_empty() {
        return;
    }
    doc.blocks
        .push(Block::new(kind, range, norm, a.constructs, a.text_ranges));
}

#[cfg(test)]
mod tests;
