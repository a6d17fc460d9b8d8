//! The side-by-side (sxs) segments of a locale page.
//!
//! A segment is
//! `<span data-ttu-id="P-N">TRANSLATION</span><span class="sxs-lookup"><span data-stu-id="P-N">ENGLISH</span></span>`.
//! [`parse`] finds each one with its exact byte ranges, outside code blocks
//! and code spans (found with pulldown-cmark's offset iterator), and reports
//! malformed spans (unclosed, nested, a missing lookup, mismatched IDs) as
//! diagnostics with file:line:column, without ever failing: what cannot be
//! read as a segment is left as plain text.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::config::{LIMIT, Limits};
use crate::diag::{Diagnostic, SourceText};

/// Rule code of span-structure problems.
pub const MALFORMED: &str = "malformed";

/// One sxs segment. All ranges are byte ranges of the page text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The whole pair, from `<span data-ttu-id` to the last `</span>`.
    pub range: Range<usize>,
    /// The `data-ttu-id` value, e.g. `628af-106`.
    pub id: Range<usize>,
    /// The part of the ID before the last `-`: five hex digits in practice.
    pub prefix: Range<usize>,
    /// The number after the last `-`, if it is one.
    pub number: Option<u32>,
    /// The translated Markdown.
    pub text: Range<usize>,
    /// The English Markdown the translation was made from.
    pub lookup: Range<usize>,
    /// The `data-stu-id` differs from the `data-ttu-id`.
    pub id_mismatch: bool,
}

impl Segment {
    pub fn text<'a>(&self, page: &'a str) -> &'a str {
        &page[self.text.clone()]
    }
    pub fn lookup<'a>(&self, page: &'a str) -> &'a str {
        &page[self.lookup.clone()]
    }
    pub fn id<'a>(&self, page: &'a str) -> &'a str {
        &page[self.id.clone()]
    }
    pub fn prefix<'a>(&self, page: &'a str) -> &'a str {
        &page[self.prefix.clone()]
    }
}

/// The segments of one locale page, in document order.
#[derive(Clone, Debug, Default)]
pub struct SxsDoc {
    pub segments: Vec<Segment>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A piece of a locale page: plain text outside any segment, or a segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Plain(Range<usize>),
    Segment(usize),
}

impl SxsDoc {
    /// The body from `start` as alternating plain text and segments; joined
    /// back together they give the body byte for byte.
    pub fn pieces(&self, start: usize, end: usize) -> Vec<Piece> {
        let mut out = Vec::with_capacity(self.segments.len() * 2 + 1);
        let mut pos = start;
        for (i, s) in self.segments.iter().enumerate() {
            if s.range.start > pos {
                out.push(Piece::Plain(pos..s.range.start));
            }
            out.push(Piece::Segment(i));
            pos = s.range.end;
        }
        if end > pos {
            out.push(Piece::Plain(pos..end));
        }
        out
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Open {
    /// `<span data-ttu-id="...">`, with the ID's range.
    Ttu(Range<usize>),
    /// `<span class="sxs-lookup">`.
    Lookup,
    /// `<span data-stu-id="...">`, with the ID's range.
    Stu(Range<usize>),
    /// Any other `<span>`.
    Other,
}

#[derive(Clone, Debug)]
enum Token {
    Open(Open, Range<usize>),
    Close(Range<usize>),
}

/// Byte ranges of code blocks and code spans in `body` (offsets relative to
/// `body`). Pages without code skip the work; pages whose only code is
/// code spans on single lines (the common case) take [`inline_code_spans`];
/// the rest get pulldown-cmark's full parse.
pub fn code_ranges(body: &str) -> Vec<Range<usize>> {
    let b = body.as_bytes();
    let backtick = memchr::memchr(b'`', b).is_some();
    let blocks = may_contain_code_block(body);
    if !backtick && !blocks {
        return Vec::new();
    }
    if !blocks && let Some(spans) = inline_code_spans(body) {
        return spans;
    }
    parsed_code_ranges(body)
}

/// Code blocks and code spans, as pulldown-cmark finds them.
pub fn parsed_code_ranges(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut block_start = 0;
    for (ev, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match ev {
            Event::Start(Tag::CodeBlock(_)) => {
                if depth == 0 {
                    block_start = range.start;
                }
                depth += 1;
            }
            Event::End(TagEnd::CodeBlock) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.push(block_start..range.end);
                }
            }
            Event::Code(_) if depth == 0 => out.push(range),
            _ => {}
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// True unless `body` certainly holds no code block: no fence, no line
/// indented by a tab or four spaces, no raw `<pre>` or HTML comment.
fn may_contain_code_block(body: &str) -> bool {
    let b = body.as_bytes();
    let find = |needle: &[u8]| memchr::memmem::find(b, needle).is_some();
    find(b"```")
        || find(b"~~~")
        || find(b"\n    ")
        || find(b"\n\t")
        || b.starts_with(b"    ")
        || b.starts_with(b"\t")
        || find(b"<pre")
        || find(b"<!--")
}

/// The code spans of `body` when they can be found line by line: every line
/// with a backtick is a heading, a table row (each cell on its own), or a
/// paragraph line whose neighbours have none, and no backtick sits inside an
/// HTML tag. `None` when that does not hold. Agrees with pulldown-cmark
/// (tested on every page of the corpus).
pub fn inline_code_spans(body: &str) -> Option<Vec<Range<usize>>> {
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut pos = 0;
    for line in body.split_inclusive('\n') {
        let end = pos + line.trim_end_matches('\n').len();
        lines.push(pos..end);
        pos += line.len();
    }
    let text = |r: &Range<usize>| &body[r.clone()];
    let has_tick = |r: &Range<usize>| text(r).contains('`');
    let is_blank = |r: &Range<usize>| text(r).trim().is_empty();
    let is_row = |r: &Range<usize>| text(r).trim_start().starts_with('|');
    let is_delimiter = |r: &Range<usize>| {
        let t = text(r).trim();
        t.starts_with('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
    };
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !has_tick(line) {
            continue;
        }
        let t = text(line);
        let trimmed = t.trim_start();
        if trimmed.starts_with('>') || trimmed.starts_with("    ") {
            return None;
        }
        if is_row(line) {
            // A row of a table: a delimiter row above it in the same block.
            let mut k = i;
            let mut table = false;
            while k > 0 && is_row(&lines[k - 1]) {
                k -= 1;
                table |= is_delimiter(&lines[k]);
            }
            if !table {
                return None;
            }
            let start = line.start + (t.len() - trimmed.len());
            let b = body.as_bytes();
            let mut cell = start + 1;
            let mut j = cell;
            while j <= line.end {
                let at_end = j == line.end;
                if at_end || (b[j] == b'|' && !escaped(b, j)) {
                    scan_spans(body, cell..j, &mut out)?;
                    cell = j + 1;
                }
                j += 1;
            }
        } else if trimmed.starts_with('#') {
            scan_spans(body, line.clone(), &mut out)?;
        } else {
            // A paragraph line: spans cannot reach lines that have no backtick.
            let neighbour = |k: usize| !is_blank(&lines[k]) && !is_row(&lines[k]) && has_tick(&lines[k]);
            if (i > 0 && neighbour(i - 1)) || (i + 1 < lines.len() && neighbour(i + 1)) {
                return None;
            }
            scan_spans(body, line.clone(), &mut out)?;
        }
    }
    Some(out)
}

/// True when the byte at `i` is preceded by an odd number of backslashes.
fn escaped(b: &[u8], i: usize) -> bool {
    let mut n = 0;
    let mut k = i;
    while k > 0 && b[k - 1] == b'\\' {
        n += 1;
        k -= 1;
    }
    n % 2 == 1
}

/// Code spans inside one inline context, by CommonMark's rule: a backtick
/// run opens a span closed by the next run of the same length. `None` when a
/// backtick is inside an HTML tag (which would take precedence).
fn scan_spans(body: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) -> Option<()> {
    let b = body.as_bytes();
    // Backtick runs: (start, length), an escaped first backtick left out.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut in_tag = false;
    let mut i = r.start;
    while i < r.end {
        match b[i] {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            b'`' => {
                if in_tag {
                    return None;
                }
                let mut j = i;
                while j < r.end && b[j] == b'`' {
                    j += 1;
                }
                let start = if escaped(b, i) { i + 1 } else { i };
                if start < j {
                    runs.push((start, j - start));
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    let mut k = 0;
    while k < runs.len() {
        let (start, len) = runs[k];
        match runs[k + 1..].iter().position(|&(_, l)| l == len) {
            Some(d) => {
                let (cs, cl) = runs[k + 1 + d];
                out.push(start..cs + cl);
                k += d + 2;
            }
            None => k += 1,
        }
    }
    Some(())
}

/// The Markdown dialect locdoc reads: CommonMark with GitHub tables, alerts
/// and strikethrough.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_GFM | Options::ENABLE_STRIKETHROUGH
}

fn in_ranges(ranges: &[Range<usize>], pos: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= pos);
    ranges.get(i).is_some_and(|r| r.start <= pos)
}

/// Parses the attributes of a start tag beginning at `pos` (`<span`);
/// returns the tag's end (after `>`) and what kind of span it opens.
fn parse_span_open(text: &str, pos: usize) -> Option<(usize, Open)> {
    let b = text.as_bytes();
    let mut i = pos + 5;
    let mut kind = Open::Other;
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        match b[i] {
            b'>' => return Some((i + 1, kind)),
            b'/' if b.get(i + 1) == Some(&b'>') => return Some((i + 2, kind)),
            b'<' => return None,
            _ => {}
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/' | b'<') {
            i += 1;
        }
        let name = &text[name_start..i];
        if name.is_empty() {
            i += 1;
            continue;
        }
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = i..i;
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let end = memchr::memchr(q, &b[i + 1..])? + i + 1;
                value = i + 1..end;
                i = end + 1;
            } else {
                let start = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = start..i;
            }
        }
        if name.eq_ignore_ascii_case("data-ttu-id") {
            kind = Open::Ttu(value);
        } else if name.eq_ignore_ascii_case("data-stu-id") {
            kind = Open::Stu(value);
        } else if name.eq_ignore_ascii_case("class")
            && text[value].split_ascii_whitespace().any(|c| c == "sxs-lookup")
            && kind == Open::Other
        {
            kind = Open::Lookup;
        }
    }
}

/// The diagnostics of a page, listed up to `[limits] findings_per_page`
/// and counted past it (a page of a hundred thousand broken spans costs
/// its length, not a hundred thousand messages).
struct Diags {
    list: Vec<Diagnostic>,
    limit: usize,
    omitted: usize,
}

impl Diags {
    fn push(&mut self, d: Diagnostic) {
        if self.list.len() < self.limit {
            self.list.push(d);
        } else {
            self.omitted += 1;
        }
    }

    fn finish(mut self, src: &SourceText) -> Vec<Diagnostic> {
        if self.omitted > 0 {
            self.list.push(
                Diagnostic::warning(
                    MALFORMED,
                    format!(
                        "{} more span problems on this page are not listed ([limits] findings_per_page = {})",
                        self.omitted, self.limit
                    ),
                )
                .at(src.location(0))
                .help("fix the problems listed first, or raise findings_per_page under [limits] in site.toml"),
            );
        }
        self.list
    }
}

fn tokenize(src: &SourceText, start: usize, diags: &mut Diags) -> Vec<Token> {
    let text = src.text.as_str();
    let body = &text[start..];
    let code: Vec<Range<usize>> = code_ranges(body)
        .into_iter()
        .map(|r| r.start + start..r.end + start)
        .collect();
    let mut tokens = Vec::new();
    // Where the last tag read ends: a `<` before it is inside that tag (an
    // unquoted attribute value such as `data-ttu-id=</span>`), not a tag of
    // its own, so tokens never overlap and every range between two of them
    // is well-formed.
    let mut tag_end = 0;
    for rel in memchr::memchr_iter(b'<', body.as_bytes()) {
        let pos = start + rel;
        if pos < tag_end {
            continue;
        }
        let rest = &text.as_bytes()[pos..];
        let is_open = rest.len() > 5
            && rest[1..5].eq_ignore_ascii_case(b"span")
            && (rest[5].is_ascii_whitespace() || rest[5] == b'>' || rest[5] == b'/');
        let is_close = rest.len() >= 7 && rest[1] == b'/' && rest[2..6].eq_ignore_ascii_case(b"span");
        if !is_open && !is_close {
            continue;
        }
        if in_ranges(&code, pos) {
            continue;
        }
        if is_open {
            match parse_span_open(text, pos) {
                Some((end, kind)) => {
                    tag_end = end;
                    tokens.push(Token::Open(kind, pos..end));
                }
                None => diags.push(
                    Diagnostic::warning(MALFORMED, "this `<span` tag is never closed with `>`")
                        .at_offset(src, pos, 5)
                        .help("finish the tag, e.g. `<span data-ttu-id=\"abcde-102\">`"),
                ),
            }
        } else {
            let mut end = pos + 6;
            while end < text.len() && text.as_bytes()[end].is_ascii_whitespace() {
                end += 1;
            }
            if text.as_bytes().get(end) == Some(&b'>') {
                tag_end = end + 1;
                tokens.push(Token::Close(pos..end + 1));
            }
        }
    }
    tokens
}

fn parse_id(text: &str, id: &Range<usize>) -> (Range<usize>, Option<u32>) {
    let s = &text[id.clone()];
    match s.rfind('-') {
        Some(i) => (id.start..id.start + i, s[i + 1..].parse().ok()),
        None => (id.clone(), None),
    }
}

fn has_blank_line(s: &str) -> bool {
    if memchr::memchr(b'\n', s.as_bytes()).is_none() {
        return false;
    }
    let mut lines = s.split('\n');
    lines.next();
    let mut it = lines.peekable();
    while let Some(l) = it.next() {
        if l.trim().is_empty() && it.peek().is_some() {
            return true;
        }
    }
    false
}

/// Finds the segments of the page body that starts at byte `start`, with
/// the default [`Limits`].
pub fn parse(src: &SourceText, start: usize) -> SxsDoc {
    parse_with(src, start, &Limits::default())
}

/// Finds the segments of the page body that starts at byte `start`. A
/// segment whose translation nests HTML elements deeper than `[limits]
/// nesting_depth` is refused (reported, and left as plain text).
pub fn parse_with(src: &SourceText, start: usize, limits: &Limits) -> SxsDoc {
    let mut diags = Diags {
        list: Vec::new(),
        limit: limits.findings_per_page,
        omitted: 0,
    };
    let tokens = tokenize(src, start, &mut diags);
    let text = src.text.as_str();
    let mut segments = Vec::new();
    let mut other_depth = 0usize;
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            Token::Open(Open::Ttu(id), r) => match parse_pair(src, &tokens, i, id.clone(), r.clone()) {
                Ok((seg, next, warn)) => {
                    if let Some(w) = warn {
                        diags.push(w);
                    }
                    match too_deep(src, &seg, limits.nesting_depth) {
                        Some(d) => diags.push(d),
                        None => segments.push(seg),
                    }
                    i = next;
                }
                Err((d, next)) => {
                    diags.push(d);
                    i = next;
                }
            },
            Token::Open(Open::Other, r) => {
                other_depth += 1;
                if other_depth == limits.nesting_depth + 1 {
                    diags.push(
                        Diagnostic::warning(
                            LIMIT,
                            format!(
                                "`<span>`s nest deeper than the limit of {} ([limits] nesting_depth)",
                                limits.nesting_depth
                            ),
                        )
                        .at_offset(src, r.start, r.len())
                        .help("close the spans, or raise nesting_depth under [limits] in site.toml"),
                    );
                }
                i += 1;
            }
            Token::Open(Open::Lookup | Open::Stu(_), r) => {
                diags.push(
                    Diagnostic::warning(MALFORMED, "an sxs-lookup span without a translation span before it")
                        .at_offset(src, r.start, r.len())
                        .help("put `<span data-ttu-id=\"…\">translation</span>` right before the lookup, or remove the lookup"),
                );
                i = skip_lookup(&tokens, i);
            }
            Token::Close(r) => {
                if other_depth > 0 {
                    other_depth -= 1;
                } else {
                    diags.push(
                        Diagnostic::warning(MALFORMED, "a `</span>` that closes nothing")
                            .at_offset(src, r.start, r.len())
                            .help("remove it, or add the `<span …>` it was meant to close"),
                    );
                }
                i += 1;
            }
        }
    }
    // IDs that do not parse as PREFIX-NUMBER.
    for s in &segments {
        if s.number.is_none() {
            diags.push(
                Diagnostic::warning(
                    MALFORMED,
                    format!("segment ID `{}` is not of the form PREFIX-NUMBER", s.id(text)),
                )
                .at_offset(src, s.id.start, s.id.len())
                .help("IDs look like `628af-106`; fix it in the translation tool's output"),
            );
        }
    }
    SxsDoc {
        segments,
        diagnostics: diags.finish(src),
    }
}

/// The diagnostic refusing `seg` when its translation nests HTML elements
/// deeper than `limit` (which would cost the sanitiser the square of it).
fn too_deep(src: &SourceText, seg: &Segment, limit: usize) -> Option<Diagnostic> {
    let tr = &src.text[seg.text.clone()];
    memchr::memchr(b'<', tr.as_bytes())?;
    let (depth, over) = crate::segment::html_depth(tr, limit);
    let at = seg.text.start + over?;
    Some(
        Diagnostic::warning(
            LIMIT,
            format!(
                "translation span `{}` nests HTML elements {depth} deep, over the limit of {limit} ([limits] nesting_depth); its English is shown",
                &src.text[seg.id.clone()]
            ),
        )
        .at_offset(src, at, 1)
        .help("close the elements, or raise nesting_depth under [limits] in site.toml"),
    )
}

/// Skips a stray lookup: the tokens up to and including the close that
/// balances it.
fn skip_lookup(tokens: &[Token], i: usize) -> usize {
    let mut depth = 0usize;
    for (j, t) in tokens.iter().enumerate().skip(i) {
        match t {
            Token::Open(Open::Ttu(_), _) if j > i => return j,
            Token::Open(..) => depth += 1,
            Token::Close(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return j + 1;
                }
            }
        }
    }
    tokens.len()
}

type PairResult = Result<(Segment, usize, Option<Diagnostic>), (Diagnostic, usize)>;

fn parse_pair(src: &SourceText, tokens: &[Token], i: usize, id: Range<usize>, open: Range<usize>) -> PairResult {
    let text = src.text.as_str();
    let id_str = &text[id.clone()];
    let unclosed = |next: usize| {
        (
            Diagnostic::warning(MALFORMED, format!("translation span `{id_str}` is not closed"))
                .at_offset(src, open.start, open.len())
                .help("add `</span>` after the translated text, followed by its sxs-lookup span"),
            next,
        )
    };
    // 1. The translation's closing tag.
    let Some(close) = tokens.get(i + 1) else {
        return Err(unclosed(i + 1));
    };
    let close = match close {
        Token::Close(r) => r.clone(),
        Token::Open(Open::Ttu(_), _) => return Err(unclosed(i + 1)),
        // The lookup starts before the translation was closed.
        Token::Open(Open::Lookup, _) => return Err(unclosed(skip_lookup(tokens, i + 1))),
        Token::Open(_, r) => {
            return Err((
                Diagnostic::warning(
                    MALFORMED,
                    format!("a span is nested inside translation span `{id_str}`"),
                )
                .at_offset(src, r.start, r.len())
                .help("segments cannot contain other spans; remove the inner `<span …>` and its `</span>`"),
                next_ttu(tokens, i + 1),
            ));
        }
    };
    let text_range = open.end..close.start;
    if has_blank_line(&text[text_range.clone()]) {
        return Err(unclosed(i + 1));
    }
    let no_lookup = |next: usize| {
        (
            Diagnostic::warning(
                MALFORMED,
                format!("translation span `{id_str}` has no sxs-lookup after it"),
            )
            .at_offset(src, open.start, close.end - open.start)
            .help("follow it with `<span class=\"sxs-lookup\"><span data-stu-id=\"…\">English</span></span>`"),
            next,
        )
    };
    // 2. `<span class="sxs-lookup">` right after it.
    let lookup_open = match tokens.get(i + 2) {
        Some(Token::Open(Open::Lookup, r)) if text[close.end..r.start].trim().is_empty() => r.clone(),
        _ => return Err(no_lookup(i + 2)),
    };
    // 3. `<span data-stu-id="…">` inside it.
    let stu_id = match tokens.get(i + 3) {
        Some(Token::Open(Open::Stu(sid), r)) if text[lookup_open.end..r.start].trim().is_empty() => {
            (sid.clone(), r.clone())
        }
        _ => {
            return Err((
                Diagnostic::warning(
                    MALFORMED,
                    format!("the sxs-lookup of `{id_str}` has no data-stu-id span"),
                )
                .at_offset(src, lookup_open.start, lookup_open.len())
                .help(format!(
                    "write `<span class=\"sxs-lookup\"><span data-stu-id=\"{id_str}\">English</span></span>`"
                )),
                skip_lookup(tokens, i + 2),
            ));
        }
    };
    // 4. Two closing tags.
    let (c1, c2) = match (tokens.get(i + 4), tokens.get(i + 5)) {
        (Some(Token::Close(a)), Some(Token::Close(b))) if text[a.end..b.start].trim().is_empty() => {
            (a.clone(), b.clone())
        }
        (Some(Token::Open(_, r)), _) | (Some(Token::Close(_)), Some(Token::Open(_, r))) => {
            let nested = tokens.get(i + 4).is_some_and(|t| matches!(t, Token::Open(..)));
            let msg = if nested {
                format!("a span is nested inside the sxs-lookup of `{id_str}`")
            } else {
                format!("the sxs-lookup of `{id_str}` is not closed")
            };
            return Err((
                Diagnostic::warning(MALFORMED, msg)
                    .at_offset(
                        src,
                        if nested { r.start } else { stu_id.1.start },
                        if nested { r.len() } else { stu_id.1.len() },
                    )
                    .help("the lookup holds only the English text and ends with `</span></span>`"),
                next_ttu(tokens, i + 4),
            ));
        }
        _ => {
            return Err((
                Diagnostic::warning(MALFORMED, format!("the sxs-lookup of `{id_str}` is not closed"))
                    .at_offset(src, lookup_open.start, stu_id.1.end - lookup_open.start)
                    .help("end the lookup with `</span></span>`"),
                next_ttu(tokens, i + 4),
            ));
        }
    };
    let lookup_range = stu_id.1.end..c1.start;
    if has_blank_line(&text[lookup_range.clone()]) {
        return Err((
            Diagnostic::warning(MALFORMED, format!("the sxs-lookup of `{id_str}` is not closed"))
                .at_offset(src, lookup_open.start, stu_id.1.end - lookup_open.start)
                .help("end the lookup with `</span></span>` on the same line"),
            next_ttu(tokens, i + 4),
        ));
    }
    let (prefix, number) = parse_id(text, &id);
    let stu = &text[stu_id.0.clone()];
    let id_mismatch = stu != id_str;
    let warn = id_mismatch.then(|| {
        Diagnostic::warning(
            MALFORMED,
            format!("data-ttu-id `{id_str}` differs from its data-stu-id `{stu}`"),
        )
        .at_offset(src, stu_id.0.start, stu_id.0.len())
        .help(format!(
            "both spans of a segment carry the same ID; set data-stu-id=\"{id_str}\""
        ))
    });
    Ok((
        Segment {
            range: open.start..c2.end,
            id,
            prefix,
            number,
            text: text_range,
            lookup: lookup_range,
            id_mismatch,
        },
        i + 6,
        warn,
    ))
}

/// The next token after `from` that opens a translation span.
fn next_ttu(tokens: &[Token], from: usize) -> usize {
    tokens
        .iter()
        .enumerate()
        .skip(from)
        .find(|(_, t)| matches!(t, Token::Open(Open::Ttu(_), _)))
        .map_or(tokens.len(), |(j, _)| j)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(id: &str, tr: &str, en: &str) -> String {
        format!(
            "<span data-ttu-id=\"{id}\">{tr}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{en}</span></span>"
        )
    }

    fn parse_str(body: &str) -> (SourceText, SxsDoc) {
        let src = SourceText::new("p.md", body.to_string());
        let doc = parse(&src, 0);
        (src, doc)
    }

    fn texts(body: &str) -> Vec<(String, String)> {
        let (src, doc) = parse_str(body);
        assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
        doc.segments
            .iter()
            .map(|s| (s.text(&src.text).to_string(), s.lookup(&src.text).to_string()))
            .collect()
    }

    #[test]
    fn table_row_with_two_cells() {
        let body = format!(
            "|{}|{}|  \n",
            seg("628af-106", "Klíčová slova", "Keywords"),
            seg("628af-107", "X", "X")
        );
        let (src, doc) = parse_str(&body);
        assert_eq!(doc.segments.len(), 2);
        let s = &doc.segments[0];
        assert_eq!(s.id(&src.text), "628af-106");
        assert_eq!(s.prefix(&src.text), "628af");
        assert_eq!(s.number, Some(106));
        assert_eq!(s.text(&src.text), "Klíčová slova");
        assert_eq!(s.lookup(&src.text), "Keywords");
        assert_eq!(
            &src.text[s.range.clone()],
            seg("628af-106", "Klíčová slova", "Keywords")
        );
    }

    #[test]
    fn heading_with_anchor_keeps_the_anchor_as_plain_text() {
        let body = format!("# <a name=\"x\"></a>{}\n", seg("a-102", "Titul", "Title"));
        let (src, doc) = parse_str(&body);
        assert_eq!(doc.segments.len(), 1);
        let pieces = doc.pieces(0, body.len());
        assert_eq!(pieces[0], Piece::Plain(0..18));
        assert_eq!(&src.text[0..18], "# <a name=\"x\"></a>");
    }

    #[test]
    fn inline_markdown_inside_segments_is_kept_verbatim() {
        let cases = [
            "`<system.serviceModel><diagnostics>` a",
            "**tučně** and *kurzíva*",
            "[odkaz](https://example.org/a_b) a [x](other.md#frag)",
            "viz <xref:System.ServiceModel.Foo%2A>",
            "[!INCLUDE[netfx](../../includes/netfx-md.md)] běží",
            "'%1' a {0} a % 2",
            "a &#124; b",
            "řádek<br />další",
            "\\<system.serviceModel>\\<diagnostics> \\*",
            "70\u{a0}% a\u{200b}b  ",
        ];
        for c in cases {
            let got = texts(&seg("abcde-110", c, c));
            assert_eq!(got, vec![(c.to_string(), c.to_string())], "case {c:?}");
        }
    }

    #[test]
    fn several_segments_on_one_line_and_plain_text_between() {
        let body = format!(
            " {} [!INCLUDE[x](y.md)] {}  \n",
            seg("p-1", "Jedna.", "One."),
            seg("p-2", "Dvě.", "Two.")
        );
        let (src, doc) = parse_str(&body);
        assert_eq!(doc.segments.len(), 2);
        let plain: String = doc
            .pieces(0, body.len())
            .iter()
            .filter_map(|p| match p {
                Piece::Plain(r) => Some(&src.text[r.clone()]),
                Piece::Segment(_) => None,
            })
            .collect();
        assert_eq!(plain, "  [!INCLUDE[x](y.md)]   \n");
    }

    #[test]
    fn pieces_rebuild_the_body_byte_for_byte() {
        let body = format!("# {}\n\n|{}|\n\nplain\n", seg("a-1", "A", "A"), seg("a-2", "B", "b"));
        let (src, doc) = parse_str(&body);
        let rebuilt: String = doc
            .pieces(0, body.len())
            .iter()
            .map(|p| match p {
                Piece::Plain(r) => &src.text[r.clone()],
                Piece::Segment(i) => &src.text[doc.segments[*i].range.clone()],
            })
            .collect();
        assert_eq!(rebuilt, body);
    }

    #[test]
    fn spans_in_fenced_code_blocks_and_code_spans_are_not_segments() {
        let body = format!(
            "```html\n{}\n```\n\n    {}\n\nText `{}` end {}\n",
            seg("c-1", "x", "x"),
            seg("c-2", "y", "y"),
            seg("c-3", "z", "z"),
            seg("c-4", "real", "real")
        );
        let (src, doc) = parse_str(&body);
        assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
        assert_eq!(doc.segments.len(), 1);
        assert_eq!(doc.segments[0].id(&src.text), "c-4");
    }

    #[test]
    fn crlf_free_body_with_nbsp_and_trailing_spaces_parses() {
        let body = format!("## {}  \n  \n", seg("a-103", "V tomto\u{a0}oddílu", "In this section"));
        assert_eq!(texts(&body)[0].0, "V tomto\u{a0}oddílu");
    }

    #[test]
    fn unclosed_translation_span_is_reported_and_the_next_segment_still_parses() {
        let body = format!("<span data-ttu-id=\"a-1\">broken\n\n{}\n", seg("a-2", "ok", "ok"));
        let (src, doc) = parse_str(&body);
        assert_eq!(doc.segments.len(), 1);
        assert_eq!(doc.segments[0].id(&src.text), "a-2");
        assert_eq!(doc.diagnostics.len(), 1);
        let d = &doc.diagnostics[0];
        assert!(d.message.contains("not closed"), "{}", d.message);
        let loc = d.location.as_ref().unwrap();
        assert_eq!((loc.line, loc.column), (1, 1));
    }

    #[test]
    fn unclosed_span_followed_directly_by_another_segment() {
        let body = format!("<span data-ttu-id=\"a-1\">broken {}\n", seg("a-2", "ok", "ok"));
        let (_, doc) = parse_str(&body);
        assert_eq!(doc.segments.len(), 1);
        assert!(doc.diagnostics[0].message.contains("not closed"));
    }

    #[test]
    fn mismatched_ids_are_reported_but_the_segment_is_kept() {
        let body = "x <span data-ttu-id=\"a-1\">T</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-9\">E</span></span>\n";
        let (src, doc) = parse_str(body);
        assert_eq!(doc.segments.len(), 1);
        assert!(doc.segments[0].id_mismatch);
        let d = &doc.diagnostics[0];
        assert!(d.message.contains("differs"), "{}", d.message);
        assert_eq!(
            d.location.as_ref().unwrap().column as usize,
            src.text.find("a-9").unwrap() + 1
        );
    }

    #[test]
    fn nested_span_in_translation_is_reported() {
        let body = "<span data-ttu-id=\"a-1\">T <span class=\"x\">in</span></span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">E</span></span>\n";
        let (_, doc) = parse_str(body);
        assert!(doc.segments.is_empty());
        assert!(
            doc.diagnostics.iter().any(|d| d.message.contains("nested")),
            "{:?}",
            doc.diagnostics
        );
    }

    #[test]
    fn translation_without_lookup_is_reported() {
        let body = "<span data-ttu-id=\"a-1\">T</span> and more\n";
        let (_, doc) = parse_str(body);
        assert!(doc.segments.is_empty());
        assert!(doc.diagnostics[0].message.contains("no sxs-lookup"));
    }

    #[test]
    fn stray_lookup_and_stray_close_are_reported() {
        let body = "<span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">E</span></span> x </span>\n";
        let (_, doc) = parse_str(body);
        assert!(doc.segments.is_empty());
        assert_eq!(doc.diagnostics.len(), 2, "{:?}", doc.diagnostics);
    }

    #[test]
    fn unterminated_tag_is_reported() {
        let (_, doc) = parse_str("<span data-ttu-id=\"a-1\"\n");
        assert!(doc.diagnostics[0].message.contains("never closed with `>`"));
    }

    #[test]
    fn a_tag_inside_an_unquoted_attribute_value_is_not_a_tag_of_its_own() {
        // Both once panicked (`begin > end`): the `</span>` was read as the
        // attribute value and as a closing tag.
        for body in [
            "<span data-ttu-id=</span>\n",
            "<span data-ttu-id=\"a-1\">x</span><span class=\"sxs-lookup\"><span data-stu-id=</span></span>\n",
            "<span data-ttu-id=\"a-1\">x</span><span class=\"sxs-lookup\"><span data-stu-id=a-1>y</span></span>\n",
        ] {
            let (_, doc) = parse_str(body);
            assert!(
                doc.segments.is_empty() || body.contains("=a-1>"),
                "{body:?}: {:?}",
                doc.segments
            );
            for d in &doc.diagnostics {
                assert_eq!(d.code, MALFORMED);
                assert_eq!(d.location.as_ref().map(|l| l.line), Some(1), "{d}");
            }
        }
        let (_, doc) = parse_str("<span data-ttu-id=</span>\n");
        assert_eq!(doc.diagnostics.len(), 1, "{:?}", doc.diagnostics);
        assert!(
            doc.diagnostics[0].message.contains("not closed"),
            "{}",
            doc.diagnostics[0]
        );
    }

    #[test]
    fn other_spans_are_plain_content() {
        let body = format!("<span class=\"note\">hi</span> {}\n", seg("a-1", "T", "E"));
        assert_eq!(texts(&body).len(), 1);
    }

    #[test]
    fn id_without_number_is_reported() {
        let (_, doc) = parse_str(&seg("abc", "T", "E"));
        assert_eq!(doc.segments.len(), 1);
        assert_eq!(doc.segments[0].number, None);
        assert!(doc.diagnostics[0].message.contains("PREFIX-NUMBER"));
    }

    #[test]
    fn single_quoted_and_reordered_attributes_are_accepted() {
        let body = "<span data-ttu-id='a-1' >T</span><span data-x=\"1\" class='sxs-lookup'><span  data-stu-id=a-1>E</span></span>";
        assert_eq!(texts(body), vec![("T".into(), "E".into())]);
    }

    #[test]
    fn code_span_scanner_agrees_with_the_parser() {
        let cases = [
            "plain text\n| a | b |\n",
            "a `b` c and ``d ` e`` f\n",
            "unclosed ` tick and `closed`\n",
            "\\`escaped` then `real`\n",
            "# Heading with `code`\n",
            "|||\n|-|-|\n|`a`|b `c` d|\n|`x|y`|z|\n",
            "para `one\nline two` here\n",
            "> quote `x`\n",
            "<span title=\"`x`\">y</span>\n",
            "a <span data-ttu-id=\"p-1\">`<x>`</span> b\n",
            "- item `code`\n- item two\n",
            "`a` `b`` `c`\n",
            "~~~\nx `y`\n~~~\n",
            "para\n\n    code `x`\n",
        ];
        for body in cases {
            let parsed = parsed_code_ranges(body);
            if let Some(fast) = inline_code_spans(body)
                && !may_contain_code_block(body)
            {
                assert_eq!(fast, parsed, "{body:?}");
            }
            assert_eq!(code_ranges(body), parsed, "{body:?}");
        }
        assert!(
            inline_code_spans("para `one\nline two` here\n").is_none(),
            "spans across lines go to the parser"
        );
    }
}
