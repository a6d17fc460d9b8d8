//! The side-by-side (sxs) segments of a locale page.
//!
//! A segment is
//! `<span data-ttu-id="P-N">TRANSLATION</span><span class="sxs-lookup"><span data-stu-id="P-N">ENGLISH</span></span>`.
//! [`parse`] finds each one with its exact byte ranges, outside code blocks
//! and code spans (found with pulldown-cmark's offset iterator), and reports
//! malformed spans (unclosed, nested, a missing lookup, mismatched IDs) as
//! diagnostics with file:line:column, without ever failing: what cannot be
//! read as a segment is left as plain text.

#[cfg(test)]
mod tests;
mod tokens;

use std::ops::Range;

use crate::config::Limits;
use crate::diag::{Diagnostic, Rule, SourceText};
use tokens::{Diags, Open, Token, tokenize};

const LIMIT: &str = Rule::Limit.code();

/// Rule code of span-structure problems.
pub const MALFORMED: &str = Rule::Malformed.code();

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
