//! All or nothing: a unit is its translation or its English, never a
//! splice of both inside one sentence.
//!
//! A lookup found inside a sentence (a heading "To create a service" and a
//! lookup "create a service") would leave the rest of the sentence missing
//! and the page would read "To 创建服务". Such a placement is undone: the
//! sentence becomes one piece of uncovered text, and the segment is left to
//! the stale matching, which takes it as a stale translation of the whole
//! sentence when it is similar enough and the best match, else orphans it.

use std::ops::Range;

use super::Unit;
use crate::segment::source::Block;

/// Characters that end a sentence (or a clause translation tools cut at).
const TERMINATORS: &[char] = &['.', '!', '?', ':', ';', '…', '。', '！', '？', '：', '；'];

/// Characters that close a construct after a sentence's last word.
const CLOSERS: &[char] = &['*', '_', '`', '"', '\'', '”', '’', ')', ']', '」', '』', '）', '»'];

/// True when the text `left` ends a sentence.
fn ends_sentence(left: &str) -> bool {
    left.trim_end().trim_end_matches(CLOSERS).ends_with(TERMINATORS)
}

/// True when the pieces `left` and `right` of `block` (in this order, apart
/// by syntax and white space only) are parts of one sentence: `left` does
/// not end one, and no code, HTML or include token stands between them
/// (translation tools cut segments there), nor a hard line break.
fn one_sentence(src: &str, block: &Block, left: &Range<usize>, right: &Range<usize>) -> bool {
    if ends_sentence(&src[left.clone()]) {
        return false;
    }
    let between = left.end..right.start;
    // A hard line break ends a line of its own (`[Overview](o.md)  ` over
    // its description, on ETW index pages).
    let gap = &src[between.clone()];
    if gap.contains("  \n") || gap.contains("\\\n") || gap.contains(" \r\n") {
        return false;
    }
    !block.constructs.iter().any(|c| {
        c.inner.is_none()
            && between.start <= c.outer.start
            && c.outer.end <= between.end
            && !src[c.outer.clone()].trim().is_empty()
    })
}

/// Undoes the placement of every unit that shares a sentence with
/// uncovered text (`gaps`, in source order): the unit and the gaps of its
/// sentence become one gap. Returns the segments of the units undone.
pub(super) fn unsplice(
    src: &str,
    blocks: &[Block],
    units: &mut Vec<Unit>,
    gaps: &mut Vec<(usize, Range<usize>)>,
) -> Vec<usize> {
    if gaps.is_empty() || units.is_empty() {
        return Vec::new();
    }
    // Units and gaps in source order: (block, range, Some(unit) or None).
    let mut items: Vec<(usize, Range<usize>, Option<usize>)> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.block, u.range.clone(), Some(i)))
        .chain(gaps.iter().map(|(b, r)| (*b, r.clone(), None)))
        .collect();
    items.sort_by_key(|(b, r, _)| (*b, r.start));

    // Runs of items joined mid-sentence that hold a unit and a gap.
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for i in 1..=items.len() {
        let joined = i < items.len() && {
            let (pb, pr, pu) = &items[i - 1];
            let (b, r, u) = &items[i];
            pb == b && pu.is_some() != u.is_some() && one_sentence(src, &blocks[*b], pr, r)
        };
        if !joined {
            let run = &items[start..i];
            if run.iter().any(|x| x.2.is_some()) && run.iter().any(|x| x.2.is_none()) {
                runs.push(start..i);
            }
            start = i;
        }
    }
    if runs.is_empty() {
        return Vec::new();
    }

    let mut undone = vec![false; units.len()];
    let mut new_gaps: Vec<(usize, Range<usize>)> = Vec::new();
    for run in runs {
        let items = &items[run];
        let b = items[0].0;
        let whole = blocks[b].expand(items[0].1.start..items[items.len() - 1].1.end);
        for u in items.iter().filter_map(|x| x.2) {
            undone[u] = true;
        }
        // Widened sentences that overlap become one.
        match new_gaps.last_mut() {
            Some((lb, l)) if *lb == b && whole.start < l.end => *l = l.start.min(whole.start)..l.end.max(whole.end),
            _ => new_gaps.push((b, whole)),
        }
    }
    // Whatever a widened sentence overlaps goes into it as well.
    let overlaps = |b: usize, r: &Range<usize>| {
        let i = new_gaps.partition_point(|(nb, n)| (*nb, n.end) <= (b, r.start));
        new_gaps.get(i).is_some_and(|(nb, n)| *nb == b && n.start < r.end)
    };
    let mut segments = Vec::new();
    let mut k = 0;
    units.retain(|u| {
        let drop = undone[k] || overlaps(u.block, &u.range);
        k += 1;
        if drop {
            segments.extend(u.segments.iter().copied());
        }
        !drop
    });
    gaps.retain(|(b, r)| !overlaps(*b, r));
    gaps.extend(new_gaps);
    gaps.sort_by_key(|(b, r)| (*b, r.start));
    segments.sort_unstable();
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends_are_terminators_before_closing_syntax() {
        assert!(ends_sentence("It is done."));
        assert!(ends_sentence("See **this**.  "));
        assert!(ends_sentence("(It is done.)"));
        assert!(ends_sentence("完成。"));
        assert!(ends_sentence("For example:"));
        assert!(!ends_sentence("To"));
        assert!(!ends_sentence("see [Overview](overview.md)"));
        assert!(!ends_sentence("Create a `Service`"));
    }
}
