//! The span tags of a locale page, outside code: the tokens the pairing of
//! [`super`] reads. A `<` inside a tag already read is not a tag of its
//! own, so tokens never overlap.

use std::ops::Range;

use super::MALFORMED;
use crate::diag::{Diagnostic, SourceText};
use crate::segment::code::{code_ranges, in_ranges};

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Open {
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
pub(super) enum Token {
    Open(Open, Range<usize>),
    Close(Range<usize>),
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
pub(super) struct Diags {
    pub(super) list: Vec<Diagnostic>,
    pub(super) limit: usize,
    pub(super) omitted: usize,
}

impl Diags {
    pub(super) fn push(&mut self, d: Diagnostic) {
        if self.list.len() < self.limit {
            self.list.push(d);
        } else {
            self.omitted += 1;
        }
    }

    pub(super) fn finish(mut self, src: &SourceText) -> Vec<Diagnostic> {
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

pub(super) fn tokenize(src: &SourceText, start: usize, diags: &mut Diags) -> Vec<Token> {
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
