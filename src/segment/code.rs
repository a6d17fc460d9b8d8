//! Where a page's code is: code blocks and code spans, in which nothing is
//! a segment. Most pages have none, or only code spans on single lines,
//! found line by line; the rest get pulldown-cmark's full parse.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::markdown_options;

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

pub fn in_ranges(ranges: &[Range<usize>], pos: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= pos);
    ranges.get(i).is_some_and(|r| r.start <= pos)
}

#[cfg(test)]
mod tests {
    use super::*;

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
