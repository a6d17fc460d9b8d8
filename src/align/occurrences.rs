//! Where lookups occur in the English page, and which occurrences are taken.

use rustc_hash::FxHashMap;
use std::ops::Range;

use crate::segment::source::SourceDoc;

/// Where a lookup occurs: a byte range of `SourceDoc::joined`.
pub(super) type Hit = Range<usize>;

fn is_boundary(s: &str, at: usize, before: bool) -> bool {
    let c = if before {
        s[..at].chars().next_back()
    } else {
        s[at..].chars().next()
    };
    match c {
        None | Some('\0') => true,
        Some(c) => !c.is_alphanumeric(),
    }
}

/// Every occurrence of each of `needles` in the source: whole blocks if it
/// is one, else substrings starting and ending on word boundaries. The
/// substrings are found in one pass over the source for all needles
/// (Aho-Corasick), not one pass per needle.
pub(super) fn occurrences(doc: &SourceDoc, needles: &[&str]) -> Vec<(String, Vec<Hit>)> {
    let mut out = Vec::with_capacity(needles.len());
    let mut inner: Vec<&str> = Vec::new();
    for &needle in needles {
        match doc.by_text.get(needle) {
            Some(blocks) => {
                let mut hits: Vec<Hit> = blocks
                    .iter()
                    .map(|&b| doc.joined_starts[b]..doc.joined_starts[b] + needle.len())
                    .collect();
                // The same text as the whole text of a link that is a
                // whole block (`- [Text](#anchor)` beside `## Text`).
                if let Some(links) = doc.by_link_text.get(needle) {
                    for &b in links {
                        let s = doc.joined_starts[b];
                        if let Some(i) = doc.joined[s..].find(needle) {
                            hits.push(s + i..s + i + needle.len());
                        }
                    }
                    hits.sort_by_key(|h| h.start);
                }
                out.push((needle.to_string(), hits));
            }
            None => inner.push(needle),
        }
    }
    if inner.is_empty() {
        return out;
    }
    let j = doc.joined.as_str();
    let on_words = |r: &Hit| is_boundary(j, r.start, true) && is_boundary(j, r.end, false);
    let mut hits: Vec<Vec<Hit>> = vec![Vec::new(); inner.len()];
    // A contiguous NFA, never the DFA the default picks for up to 100
    // needles: building that DFA took the square of a long repetitive
    // needle's length (one lookup of 1,200 include tokens, 47 KB: 10 s;
    // found by fuzzing). The NFA builds in linear time and searches the
    // page in one pass as well.
    let automaton = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .build(&inner);
    match automaton {
        Ok(ac) => {
            for m in ac.find_overlapping_iter(j) {
                if on_words(&m.range()) {
                    hits[m.pattern().as_usize()].push(m.range());
                }
            }
        }
        // Too large an automaton: one search per needle.
        Err(_) => {
            for (needle, hits) in inner.iter().zip(&mut hits) {
                hits.extend(
                    memchr::memmem::find_iter(j.as_bytes(), needle.as_bytes())
                        .map(|p| p..p + needle.len())
                        .filter(on_words),
                );
            }
        }
    }
    out.extend(inner.into_iter().map(str::to_string).zip(hits));
    out
}

/// Longest strictly increasing subsequence of `keys`, as indices.
pub(super) fn lis(keys: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; keys.len()];
    for (i, &k) in keys.iter().enumerate() {
        let pos = tails.partition_point(|&t| keys[t] < k);
        if pos > 0 {
            prev[i] = tails[pos - 1];
        }
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        out.push(i);
        cur = (prev[i] != usize::MAX).then(|| prev[i]);
    }
    out.reverse();
    out
}

/// The ranges of `joined` taken by placed segments (disjoint), by start.
#[derive(Default)]
pub(super) struct Taken(std::collections::BTreeMap<usize, usize>);

impl Taken {
    pub(super) fn is_free(&self, r: &Range<usize>) -> bool {
        // Ranges are disjoint: only the last one starting before `r` ends
        // can reach into it.
        self.0.range(..r.end).next_back().is_none_or(|(_, &end)| end <= r.start)
    }
    pub(super) fn take(&mut self, r: Range<usize>) {
        self.0.insert(r.start, r.end);
    }
}

/// Where lookups occur in one source page, kept while the page's locales
/// are aligned one after the other (their lookups are mostly the same).
#[derive(Default)]
pub struct Cache {
    /// The source page the entries are for (its address).
    doc: usize,
    hits: FxHashMap<String, Vec<Hit>>,
}

impl Cache {
    pub(super) fn for_doc(&mut self, doc: &SourceDoc) -> &mut FxHashMap<String, Vec<Hit>> {
        let key = doc as *const SourceDoc as usize;
        if self.doc != key {
            self.doc = key;
            self.hits.clear();
        }
        &mut self.hits
    }
}

/// Of the occurrences `free` (start → end, none taken by this text yet), the
/// one nearest to `expected` that no other text took either; occurrences
/// found taken on the way are dropped from `free`.
pub(super) fn nearest_free(
    free: &mut std::collections::BTreeMap<usize, usize>,
    taken: &Taken,
    expected: usize,
) -> Option<Hit> {
    loop {
        let after = free.range(expected..).next().map(|(&s, &e)| s..e);
        let before = free.range(..expected).next_back().map(|(&s, &e)| s..e);
        let h = match (before, after) {
            (Some(b), Some(a)) => {
                if expected.abs_diff(b.start) <= a.start.abs_diff(expected) {
                    b
                } else {
                    a
                }
            }
            (b, a) => b.or(a)?,
        };
        if taken.is_free(&h) {
            return Some(h);
        }
        free.remove(&h.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lis_keeps_the_longest_increasing_run() {
        assert_eq!(lis(&[1, 5, 2, 3, 9, 4]), vec![0, 2, 3, 5]);
        assert_eq!(lis(&[]), Vec::<usize>::new());
    }
}
