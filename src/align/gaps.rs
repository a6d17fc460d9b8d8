//! The source text no unit covers: the missing units, cut on Markdown
//! constructs and into sentences as translation tools cut paragraphs.

use std::ops::Range;

use super::Unit;
use crate::segment::source::{Block, SourceDoc};

/// The translatable source text no unit covers, as (block, range) pieces:
/// cut so no piece cuts through a Markdown construct, trimmed, and split
/// into sentences.
pub(super) fn uncovered(src: &str, doc: &SourceDoc, units: &[Unit]) -> Vec<(usize, Range<usize>)> {
    let mut out = Vec::new();
    let mut u = 0;
    for (b, block) in doc.blocks.iter().enumerate() {
        let mut pos = block.range.start;
        let mut raw = Vec::new();
        while u < units.len() && units[u].block < b {
            u += 1;
        }
        let mut k = u;
        while k < units.len() && units[k].block == b {
            if units[k].range.start > pos {
                raw.push(pos..units[k].range.start);
            }
            pos = pos.max(units[k].range.end);
            k += 1;
        }
        if pos < block.range.end {
            raw.push(pos..block.range.end);
        }
        for r in raw {
            for piece in block.split(r) {
                for sentence in sentences(src, block, piece) {
                    let t = block.trim(src, sentence);
                    if !t.is_empty() && block.has_text(src, &t) {
                        out.push((b, t));
                    }
                }
            }
        }
    }
    out
}

/// Splits a piece of top-level text after `.`, `!` or `?` followed by
/// whitespace and an upper-case letter, digit or Markdown opener, the way
/// translation tools cut paragraphs into sentences.
fn sentences(src: &str, block: &Block, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = r.start;
    let bytes = src.as_bytes();
    let mut i = r.start;
    while i + 2 < r.end {
        if matches!(bytes[i], b'.' | b'!' | b'?') && bytes[i + 1] == b' ' && block.is_top_level(i + 1) {
            let mut j = i + 1;
            while j < r.end && bytes[j] == b' ' {
                j += 1;
            }
            if j < r.end {
                let next = src[j..].chars().next().unwrap_or(' ');
                if next.is_uppercase() || next.is_ascii_digit() || matches!(next, '[' | '`' | '*' | '<' | '"' | '\'') {
                    out.push(start..i + 1);
                    start = j;
                }
            }
            i = j;
            continue;
        }
        i += 1;
    }
    out.push(start..r.end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::source;

    #[test]
    fn sentences_are_cut_after_terminators_only_before_capitals() {
        let en = "First one. second stays. Third e.g. Fourth [link](x.md).\n";
        let doc = source::parse(en, 0);
        let b = &doc.blocks[0];
        let s: Vec<&str> = sentences(en, b, b.range.clone()).into_iter().map(|r| &en[r]).collect();
        assert_eq!(
            s,
            vec!["First one. second stays.", "Third e.g.", "Fourth [link](x.md)."]
        );
    }
}
