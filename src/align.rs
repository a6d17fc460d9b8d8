//! Align: place each translated segment of a locale page on the English
//! source page, and give every piece of translatable source text a status.
//!
//! IDs are not enough on real data (their prefix changes per locale and
//! update, their numbers shift with front matter), so segments are placed by
//! their English lookup text, in the manner of patience diff:
//!
//! 1. every lookup is looked up in the source's blocks (whole blocks first,
//!    else as a substring on word boundaries), whitespace-normalised;
//! 2. lookups that occur once on both sides are anchors; the longest run of
//!    anchors in the same order on both sides is kept;
//! 3. between two anchors, the other lookups take the next free occurrence
//!    in order (occurrence order decides between repeated texts);
//! 4. what is left may take a free occurrence anywhere (moved text), nearest
//!    to where its ID number says it belongs;
//! 5. source text no lookup covers is `missing`, unless an unplaced lookup
//!    between the same neighbours resembles it: then the translation is
//!    `stale` (made from an older English text) and fills it;
//! 6. lookups placed nowhere are `orphaned`.

use rustc_hash::FxHashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::segment::source::SourceDoc;
use crate::segment::sxs::SxsDoc;
use crate::segment::{normalize, normalized_eq};

/// The status of a unit of source text in one locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A translation differs from the English it was made from, which is
    /// the current source text.
    Translated,
    /// The "translation" is identical to the English.
    Untranslated,
    /// The translation was made from an English text that has changed since.
    Stale,
    /// No translation: the English is shown.
    Missing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Translated => "translated",
            Status::Untranslated => "untranslated",
            Status::Stale => "stale",
            Status::Missing => "missing",
        }
    }
}

/// A piece of the source page and what fills it in one locale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// Index of the source block.
    pub block: usize,
    /// Byte range in the English page.
    pub range: Range<usize>,
    pub status: Status,
    /// The locale segments that fill it, in order (empty when missing).
    pub segments: Vec<usize>,
}

/// Counts of units per status, and of orphaned segments.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub translated: usize,
    pub untranslated: usize,
    pub stale: usize,
    pub missing: usize,
    pub orphaned: usize,
}

impl Counts {
    /// Units of source text (orphans are not source text).
    pub fn units(&self) -> usize {
        self.translated + self.untranslated + self.stale + self.missing
    }

    pub fn add(&mut self, o: &Counts) {
        self.translated += o.translated;
        self.untranslated += o.untranslated;
        self.stale += o.stale;
        self.missing += o.missing;
        self.orphaned += o.orphaned;
    }

    /// Share of units with a current translation — translated, or
    /// identical to the English on purpose — in percent. Stale and missing
    /// units are not covered.
    pub fn coverage(&self) -> f64 {
        let n = self.units();
        if n == 0 {
            return 100.0;
        }
        100.0 * (self.translated + self.untranslated) as f64 / n as f64
    }

    /// [`Counts::coverage`] rounded down to one decimal, so that 99.99 %
    /// never shows as 100 %.
    pub fn coverage_floor(&self) -> f64 {
        (self.coverage() * 10.0).floor() / 10.0
    }
}

/// How one locale page lines up with its source page.
#[derive(Clone, Debug, Default)]
pub struct Alignment {
    /// Units in source order; their ranges never overlap.
    pub units: Vec<Unit>,
    /// Segments that match no source text.
    pub orphans: Vec<usize>,
    /// For each segment, the unit it fills.
    pub unit_of: Vec<Option<usize>>,
}

impl Alignment {
    pub fn counts(&self) -> Counts {
        let mut c = Counts {
            orphaned: self.orphans.len(),
            ..Counts::default()
        };
        for u in &self.units {
            match u.status {
                Status::Translated => c.translated += 1,
                Status::Untranslated => c.untranslated += 1,
                Status::Stale => c.stale += 1,
                Status::Missing => c.missing += 1,
            }
        }
        c
    }

    /// Segments placed on source text exactly or as stale.
    pub fn aligned_segments(&self) -> usize {
        self.unit_of.iter().filter(|u| u.is_some()).count()
    }
}

/// Minimum similarity (0–1, characters, case-insensitive) between a lookup
/// and source text for the translation to count as a stale version of it.
pub const STALE_SIMILARITY: f32 = 0.5;

/// Where a lookup occurs: a byte range of `SourceDoc::joined`.
type Hit = Range<usize>;

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
fn occurrences(doc: &SourceDoc, needles: &[&str]) -> Vec<(String, Vec<Hit>)> {
    let mut out = Vec::with_capacity(needles.len());
    let mut inner: Vec<&str> = Vec::new();
    for &needle in needles {
        match doc.by_text.get(needle) {
            Some(blocks) => out.push((
                needle.to_string(),
                blocks
                    .iter()
                    .map(|&b| doc.joined_starts[b]..doc.joined_starts[b] + needle.len())
                    .collect(),
            )),
            None => inner.push(needle),
        }
    }
    if inner.is_empty() {
        return out;
    }
    let j = doc.joined.as_str();
    let on_words = |r: &Hit| is_boundary(j, r.start, true) && is_boundary(j, r.end, false);
    let mut hits: Vec<Vec<Hit>> = vec![Vec::new(); inner.len()];
    match aho_corasick::AhoCorasick::new(&inner) {
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
fn lis(keys: &[usize]) -> Vec<usize> {
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
struct Taken(std::collections::BTreeMap<usize, usize>);

impl Taken {
    fn is_free(&self, r: &Range<usize>) -> bool {
        // Ranges are disjoint: only the last one starting before `r` ends
        // can reach into it.
        self.0.range(..r.end).next_back().is_none_or(|(_, &end)| end <= r.start)
    }
    fn take(&mut self, r: Range<usize>) {
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
    fn for_doc(&mut self, doc: &SourceDoc) -> &mut FxHashMap<String, Vec<Hit>> {
        let key = doc as *const SourceDoc as usize;
        if self.doc != key {
            self.doc = key;
            self.hits.clear();
        }
        &mut self.hits
    }
}

/// Aligns the segments of a locale page (`page`, parsed into `sxs`) with
/// the English page `src` (parsed into `doc`).
pub fn align(src: &str, doc: &SourceDoc, page: &str, sxs: &SxsDoc) -> Alignment {
    align_with(src, doc, page, sxs, &mut Cache::default())
}

/// [`align`], reusing the occurrences `cache` holds for `doc`.
pub fn align_with(src: &str, doc: &SourceDoc, page: &str, sxs: &SxsDoc, cache: &mut Cache) -> Alignment {
    let n = sxs.segments.len();
    let lookups: Vec<String> = sxs.segments.iter().map(|s| normalize(s.lookup(page))).collect();

    // 1. Occurrences, computed once per distinct text (and page).
    let occ = cache.for_doc(doc);
    let mut lookup_count: FxHashMap<&str, usize> = FxHashMap::default();
    let mut new: Vec<&str> = Vec::new();
    for l in &lookups {
        if l.is_empty() {
            continue;
        }
        let count = lookup_count.entry(l.as_str()).or_default();
        *count += 1;
        if *count == 1 && !occ.contains_key(l.as_str()) {
            new.push(l);
        }
    }
    occ.extend(occurrences(doc, &new));
    let occ = &*occ;
    let hits = |i: usize| -> &[Hit] { occ.get(lookups[i].as_str()).map_or(&[], Vec::as_slice) };

    // 2. Anchors: unique on both sides, in the same order.
    let anchors: Vec<(usize, Hit)> = (0..n)
        .filter(|&i| !lookups[i].is_empty() && lookup_count[lookups[i].as_str()] == 1 && hits(i).len() == 1)
        .map(|i| (i, hits(i)[0].clone()))
        .collect();
    let keep = lis(&anchors.iter().map(|(_, h)| h.start).collect::<Vec<_>>());
    let mut placed: Vec<Option<Hit>> = vec![None; n];
    let mut taken = Taken::default();
    for &k in &keep {
        let (i, h) = &anchors[k];
        placed[*i] = Some(h.clone());
        taken.take(h.clone());
    }

    // 3. Between two anchors, the next free occurrence in order.
    let kept: Vec<&(usize, Hit)> = keep.iter().map(|&k| &anchors[k]).collect();
    for w in 0..=kept.len() {
        let (from, mut cursor) = match w {
            0 => (0, 0),
            _ => (kept[w - 1].0 + 1, kept[w - 1].1.end),
        };
        let (to, limit) = match kept.get(w) {
            Some((i, h)) => (*i, h.start),
            None => (n, doc.joined.len()),
        };
        for i in from..to {
            if placed[i].is_some() || lookups[i].is_empty() {
                continue;
            }
            let hs = hits(i);
            let first = hs.partition_point(|h| h.start < cursor);
            if let Some(h) = hs[first..]
                .iter()
                .take_while(|h| h.end <= limit)
                .find(|h| taken.is_free(h))
            {
                placed[i] = Some(h.clone());
                taken.take(h.clone());
                cursor = h.end;
            }
        }
    }

    // 4. Anything left may take a free occurrence anywhere, nearest to where
    // its neighbours by ID number are. Each text's occurrences not yet taken
    // are kept in order, so the nearest free one is found from `expected`
    // outwards, not by trying them all for every segment.
    let mut by_number: Vec<usize> = (0..n).collect();
    by_number.sort_by_key(|&i| (sxs.segments[i].number.unwrap_or(u32::MAX), i));
    let mut untaken: FxHashMap<&str, std::collections::BTreeMap<usize, usize>> = FxHashMap::default();
    let mut expected = 0;
    for &i in &by_number {
        if let Some(h) = &placed[i] {
            expected = h.end;
            continue;
        }
        if lookups[i].is_empty() {
            continue;
        }
        let free = untaken.entry(lookups[i].as_str()).or_insert_with(|| {
            hits(i)
                .iter()
                .filter(|h| taken.is_free(h))
                .map(|h| (h.start, h.end))
                .collect()
        });
        if let Some(h) = nearest_free(free, &taken, expected) {
            free.remove(&h.start);
            expected = h.end;
            placed[i] = Some(h.clone());
            taken.take(h);
        }
    }

    // 5. Units for the placed segments, widened to whole Markdown constructs.
    let mut units: Vec<Unit> = Vec::with_capacity(n + 4);
    for i in 0..n {
        let Some(h) = &placed[i] else { continue };
        let (b, off) = doc.locate_joined(h.start);
        let block = &doc.blocks[b];
        let r = block.expand(block.norm.source_range(src, off..off + h.len()));
        let status = if normalized_eq(sxs.segments[i].text(page), &lookups[i]) {
            Status::Untranslated
        } else {
            Status::Translated
        };
        units.push(Unit {
            block: b,
            range: r,
            status,
            segments: vec![i],
        });
    }
    units.sort_by_key(|u| u.range.start);
    let mut units = merge_overlapping(units);

    // 6. Source text no segment covers, cut into sentences.
    let gaps = uncovered(src, doc, &units);

    // 7. Unplaced lookups may be stale versions of a gap between the same
    // neighbours.
    let mut claimed: Vec<Vec<usize>> = vec![Vec::new(); gaps.len()];
    let mut orphans = Vec::new();
    if placed.iter().any(Option::is_none) {
        // The source range each placed segment fills.
        let mut filled: Vec<Option<Range<usize>>> = vec![None; n];
        for u in &units {
            for &s in &u.segments {
                filled[s] = Some(u.range.clone());
            }
        }
        // Gap texts are compared case-insensitively, as words, cut into
        // words once each.
        let gap_texts: Vec<String> = gaps
            .iter()
            .map(|g| normalize(&src[g.1.clone()]).to_lowercase())
            .collect();
        let mut words = Words::default();
        let gap_words: Vec<Vec<u32>> = gap_texts.iter().map(|t| words.of(t)).collect();
        // The source window of an unplaced lookup lies between the units of
        // the nearest placed segments before and after it (in page order):
        // the same window for each run of unplaced lookups.
        let mut i = 0;
        while i < n {
            if placed[i].is_some() {
                i += 1;
                continue;
            }
            let run_start = i;
            while i < n && placed[i].is_none() {
                i += 1;
            }
            let lo = filled[..run_start]
                .iter()
                .rev()
                .find_map(|r| r.as_ref().map(|r| r.end))
                .unwrap_or(0);
            let hi = filled[i..]
                .iter()
                .find_map(|r| r.as_ref().map(|r| r.start))
                .unwrap_or(src.len());
            let first = gaps.partition_point(|g| g.1.start < lo);
            let window: Vec<usize> = (first..gaps.len())
                .take_while(|&k| gaps[k].1.start < hi)
                .filter(|&k| gaps[k].1.end <= hi)
                .collect();
            let run = run_start..i;
            for (j, s) in run.clone().enumerate() {
                let lookup = lookups[s].to_lowercase();
                let lookup_words = words.of(&lookup);
                let best = stale_candidates(&window, j, run.len())
                    .iter()
                    .map(|&k| (k, similarity((&lookup, &lookup_words), (&gap_texts[k], &gap_words[k]))))
                    .filter(|(_, sim)| *sim >= STALE_SIMILARITY)
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                match best {
                    Some((k, _)) => claimed[k].push(s),
                    None => orphans.push(s),
                }
            }
        }
    }
    for (k, (block, range)) in gaps.into_iter().enumerate() {
        let segs = std::mem::take(&mut claimed[k]);
        units.push(Unit {
            block,
            range,
            status: if segs.is_empty() {
                Status::Missing
            } else {
                Status::Stale
            },
            segments: segs,
        });
    }
    units.sort_by_key(|u| u.range.start);

    let mut unit_of = vec![None; n];
    for (k, u) in units.iter().enumerate() {
        for &s in &u.segments {
            unit_of[s] = Some(k);
        }
    }
    Alignment {
        units,
        orphans,
        unit_of,
    }
}

/// Gaps on either side of the diagonal that a lookup is compared with: a
/// run of unplaced lookups and the gaps of its window are in the same
/// order, so the `j`-th of `lookups` lookups is compared with the gaps
/// around the `j`-th share of `window`. Small windows (all real ones) are
/// compared whole; a page of thousands of unrelated segments costs
/// thousands of comparisons, not millions.
fn stale_candidates(window: &[usize], j: usize, lookups: usize) -> &[usize] {
    const BAND: usize = 8;
    if window.len() <= 2 * BAND + 1 {
        return window;
    }
    let center = j * window.len() / lookups.max(1);
    &window[center.saturating_sub(BAND)..(center + BAND + 1).min(window.len())]
}

/// Of the occurrences `free` (start → end, none taken by this text yet), the
/// one nearest to `expected` that no other text took either; occurrences
/// found taken on the way are dropped from `free`.
fn nearest_free(free: &mut std::collections::BTreeMap<usize, usize>, taken: &Taken, expected: usize) -> Option<Hit> {
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

/// How alike two texts are, 0–1: the share of words (and the spaces
/// between them) they have in common, in order — a word diff's ratio, as
/// `similar::TextDiff::from_words(a, b).ratio()` gives it (tested). Each text comes
/// with its words from [`Words::of`]; callers lower-case both.
pub fn similarity((a, a_words): (&str, &[u32]), (b, b_words): (&str, &[u32])) -> f32 {
    if a == b {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    // Very different lengths cannot be similar enough; skip the diff.
    let (la, lb) = (a.len(), b.len());
    if 2 * la.min(lb) < (la + lb) / 2 {
        return 0.0;
    }
    let total = a_words.len() + b_words.len();
    if total == 0 {
        return 1.0;
    }
    2.0 * lcs_len(a_words, b_words) as f32 / total as f32
}

/// The length of the longest common subsequence of `a` and `b` — the words
/// an optimal diff keeps — by the bit-parallel algorithm of Crochemore et
/// al. (2001): one pass over `b` with `a`'s positions as bits, 64 at a time.
fn lcs_len(a: &[u32], b: &[u32]) -> usize {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let words = a.len().div_ceil(64);
    // For each word of `a`: the positions where it occurs.
    let mut positions: FxHashMap<u32, Vec<u64>> = FxHashMap::default();
    for (i, &w) in a.iter().enumerate() {
        positions.entry(w).or_insert_with(|| vec![0; words])[i / 64] |= 1 << (i % 64);
    }
    let mut v = vec![u64::MAX; words];
    for w in b {
        let Some(m) = positions.get(w) else { continue };
        let mut carry = false;
        for (v, &m) in v.iter_mut().zip(m) {
            let (sum, c1) = v.overflowing_add(*v & m);
            let (sum, c2) = sum.overflowing_add(u64::from(carry));
            carry = c1 || c2;
            *v = sum | (*v & !m);
        }
    }
    // The zero bits of `v` among `a`'s positions.
    let tail = a.len() % 64;
    v.iter()
        .enumerate()
        .map(|(k, &x)| {
            let mask = if k + 1 == words && tail != 0 {
                (1u64 << tail) - 1
            } else {
                u64::MAX
            };
            (!x & mask).count_ones() as usize
        })
        .sum()
}

/// Texts cut into words and the runs of white space between them (as
/// `similar` cuts them), each word a number, so a text compared with many
/// others is cut once and compared as numbers.
#[derive(Default)]
pub struct Words {
    ids: FxHashMap<String, u32>,
}

impl Words {
    pub fn of(&mut self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut space = None;
        for (i, c) in text.char_indices() {
            let is_space = c.is_whitespace();
            if space.is_some_and(|s| s != is_space) {
                out.push(self.id(&text[start..i]));
                start = i;
            }
            space = Some(is_space);
        }
        if start < text.len() {
            out.push(self.id(&text[start..]));
        }
        out
    }

    fn id(&mut self, word: &str) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(word.to_string()).or_insert(next)
    }
}

/// Merges units whose ranges overlap after widening to whole constructs.
fn merge_overlapping(units: Vec<Unit>) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    for u in units {
        if let Some(last) = out.last_mut()
            && last.block == u.block
            && u.range.start < last.range.end
        {
            last.range.end = last.range.end.max(u.range.end);
            last.segments.extend(u.segments);
            if u.status == Status::Translated {
                last.status = Status::Translated;
            }
            continue;
        }
        out.push(u);
    }
    out
}

/// The translatable source text no unit covers, as (block, range) pieces:
/// cut so no piece cuts through a Markdown construct, trimmed, and split
/// into sentences.
fn uncovered(src: &str, doc: &SourceDoc, units: &[Unit]) -> Vec<(usize, Range<usize>)> {
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
fn sentences(src: &str, block: &crate::segment::source::Block, r: Range<usize>) -> Vec<Range<usize>> {
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
    use crate::diag::SourceText;
    use crate::segment::{source, sxs};

    #[test]
    fn similarity_of_words_is_the_word_diff_ratio() {
        let texts = [
            "the '%1' throttle limit of '%2' was hit.",
            "the '%1' throttle limit of '%2' was reached.",
            "paragraph 5 said something else there.",
            "paragraph number 7 says something here.",
            "  two  spaces\tand a tab ",
            "čeština a\u{a0}nbsp — dash",
            "x",
        ];
        let long: Vec<String> = (0..3)
            .map(|k| {
                (0..150)
                    .map(|i| format!("w{}", (i * (k + 1)) % 37))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let texts: Vec<&str> = texts.into_iter().chain(long.iter().map(String::as_str)).collect();
        let mut words = Words::default();
        for &a in &texts {
            for &b in &texts {
                let (wa, wb) = (words.of(a), words.of(b));
                let want = if a == b || 2 * a.len().min(b.len()) < (a.len() + b.len()) / 2 {
                    similarity((a, &wa), (b, &wb))
                } else {
                    similar::TextDiff::from_words(a, b).ratio()
                };
                assert_eq!(similarity((a, &wa), (b, &wb)), want, "{a:?} / {b:?}");
            }
        }
    }

    fn seg(n: u32, tr: &str, en: &str) -> String {
        format!(
            "<span data-ttu-id=\"abcde-{n}\">{tr}</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-{n}\">{en}</span></span>"
        )
    }

    struct Fixture {
        en: String,
        page: String,
        sxs: SxsDoc,
        al: Alignment,
    }

    fn run(en: &str, page: &str) -> Fixture {
        let doc = source::parse(en, 0);
        let src = SourceText::new("p.md", page.to_string());
        let sxs = sxs::parse(&src, 0);
        assert!(sxs.diagnostics.is_empty(), "{:?}", sxs.diagnostics);
        let al = align(en, &doc, page, &sxs);
        Fixture {
            en: en.to_string(),
            page: page.to_string(),
            sxs,
            al,
        }
    }

    impl Fixture {
        fn units(&self) -> Vec<(&str, Status, Vec<&str>)> {
            self.al
                .units
                .iter()
                .map(|u| {
                    (
                        &self.en[u.range.clone()],
                        u.status,
                        u.segments
                            .iter()
                            .map(|&s| self.sxs.segments[s].text(&self.page))
                            .collect(),
                    )
                })
                .collect()
        }
    }

    const EN: &str = "# 4031 - DispatchSessionFailed\n## Properties\n\n|||\n|-|-|\n|ID|4031|\n|Keywords|ActivationServices|\n|Level|Error|\n\n## Description\n This event is emitted when the session dispatch has failed.\n\n## Details\nFirst sentence here. Second sentence follows.\n";

    fn full_translation() -> String {
        [
            format!(
                "# {}",
                seg(102, "4031 – DispatchSessionFailed", "4031 - DispatchSessionFailed")
            ),
            format!("## {}", seg(103, "Vlastnosti", "Properties")),
            "\n|||\n|-|-|".to_string(),
            format!("|{}|{}|", seg(104, "ID", "ID"), seg(105, "4031", "4031")),
            format!(
                "|{}|{}|",
                seg(106, "Klíčová slova", "Keywords"),
                seg(107, "ActivationServices", "ActivationServices")
            ),
            format!("|{}|{}|", seg(108, "Úroveň", "Level"), seg(109, "Chyba", "Error")),
            format!("\n## {}", seg(110, "Popis", "Description")),
            format!(
                " {}",
                seg(
                    111,
                    "Tato událost…",
                    "This event is emitted when the session dispatch has failed."
                )
            ),
            format!("\n## {}", seg(112, "Podrobnosti", "Details")),
            format!(
                "{} {}",
                seg(113, "První věta.", "First sentence here."),
                seg(114, "Druhá věta.", "Second sentence follows.")
            ),
        ]
        .join("\n")
    }

    #[test]
    fn every_source_unit_is_translated_or_untranslated() {
        let f = run(EN, &full_translation());
        let c = f.al.counts();
        assert_eq!(
            (c.translated, c.untranslated, c.missing, c.stale, c.orphaned),
            (10, 3, 0, 0, 0),
            "{:?}",
            f.units()
        );
        assert_eq!(f.al.aligned_segments(), 13);
        let u = f.units();
        assert_eq!(
            u[0],
            (
                "4031 - DispatchSessionFailed",
                Status::Translated,
                vec!["4031 – DispatchSessionFailed"]
            )
        );
        assert_eq!(u[2], ("ID", Status::Untranslated, vec!["ID"]));
        assert_eq!(u[11], ("First sentence here.", Status::Translated, vec!["První věta."]));
    }

    #[test]
    fn a_removed_segment_leaves_its_source_text_missing() {
        let page = full_translation().replace(
            &seg(
                111,
                "Tato událost…",
                "This event is emitted when the session dispatch has failed.",
            ),
            "",
        );
        let f = run(EN, &page);
        let missing: Vec<_> = f.units().into_iter().filter(|u| u.1 == Status::Missing).collect();
        assert_eq!(
            missing,
            vec![(
                "This event is emitted when the session dispatch has failed.",
                Status::Missing,
                vec![]
            )]
        );
    }

    #[test]
    fn untranslated_source_paragraph_is_missing_sentence_by_sentence() {
        let page = full_translation().replace(
            &format!(
                "{} {}",
                seg(113, "První věta.", "First sentence here."),
                seg(114, "Druhá věta.", "Second sentence follows.")
            ),
            "",
        );
        let f = run(EN, &page);
        let missing: Vec<_> = f
            .units()
            .into_iter()
            .filter(|u| u.1 == Status::Missing)
            .map(|u| u.0)
            .collect();
        assert_eq!(missing, vec!["First sentence here.", "Second sentence follows."]);
    }

    #[test]
    fn changed_english_makes_the_translation_stale() {
        let en = EN.replace(
            "when the session dispatch has failed",
            "when dispatching a session fails",
        );
        let f = run(&en, &full_translation());
        let stale: Vec<_> = f.units().into_iter().filter(|u| u.1 == Status::Stale).collect();
        assert_eq!(
            stale,
            vec![(
                "This event is emitted when dispatching a session fails.",
                Status::Stale,
                vec!["Tato událost…"]
            )]
        );
        assert_eq!(f.al.counts().orphaned, 0);
    }

    #[test]
    fn removed_english_makes_the_translation_orphaned() {
        let en = EN.replace("|Level|Error|\n", "");
        let f = run(&en, &full_translation());
        let orphans: Vec<_> = f.al.orphans.iter().map(|&s| f.sxs.segments[s].text(&f.page)).collect();
        assert_eq!(orphans, vec!["Úroveň", "Chyba"]);
        assert_eq!(f.al.counts().missing, 0);
    }

    #[test]
    fn id_numbers_and_prefixes_do_not_matter() {
        let page = full_translation().replace("abcde-1", "fffff-9");
        let f = run(EN, &page);
        assert_eq!(f.al.counts().missing, 0);
        assert_eq!(f.al.aligned_segments(), 13);
    }

    #[test]
    fn repeated_texts_align_in_occurrence_order() {
        let en = "|||\n|-|-|\n|A|Verbose|\n|B|Verbose|\n|C|Verbose|\n";
        let page = format!(
            "|||\n|-|-|\n|{}|{}|\n|{}|{}|\n|{}|{}|\n",
            seg(1, "a", "A"),
            seg(2, "v1", "Verbose"),
            seg(3, "b", "B"),
            seg(4, "v2", "Verbose"),
            seg(5, "c", "C"),
            seg(6, "v3", "Verbose")
        );
        let f = run(en, &page);
        let u = f.units();
        assert_eq!(u[1].2, vec!["v1"]);
        assert_eq!(u[3].2, vec!["v2"]);
        assert_eq!(u[5].2, vec!["v3"]);
    }

    #[test]
    fn a_deleted_row_does_not_shift_repeated_cells() {
        let en = "|||\n|-|-|\n|A1|Verbose|\n|C3|Verbose|\n";
        let page = format!(
            "|||\n|-|-|\n|{}|{}|\n|{}|{}|\n|{}|{}|\n",
            seg(1, "a", "A1"),
            seg(2, "v1", "Verbose"),
            seg(3, "b", "B2"),
            seg(4, "v2", "Verbose"),
            seg(5, "c", "C3"),
            seg(6, "v3", "Verbose")
        );
        let f = run(en, &page);
        let u = f.units();
        assert_eq!(u[1].2, vec!["v1"]);
        assert_eq!(u[3].2, vec!["v3"], "{u:?}");
    }

    #[test]
    fn lookup_in_link_text_replaces_only_the_text() {
        let en = "|||\n|-|-|\n|[131 - BufferPoolAllocation](131-bufferpoolallocation.md)|Verbose|\n";
        let page = format!(
            "|||\n|-|-|\n|[{}](131-bufferpoolallocation.md)|{}|\n",
            seg(1, "131 – BufferPoolAllocation", "131 - BufferPoolAllocation"),
            seg(2, "Podrobné", "Verbose")
        );
        let f = run(en, &page);
        assert_eq!(f.units()[0].0, "131 - BufferPoolAllocation");
        assert_eq!(f.al.counts().missing, 0);
    }

    #[test]
    fn include_outside_spans_is_neither_missing_nor_covered() {
        let en = "In [!INCLUDE[wv](../wv-md.md)] unifies logs. Second one.\n";
        let page = format!(
            "In [!INCLUDE[wv](../wv-md.md)] {} {}\n",
            seg(1, "sjednocuje protokoly.", "unifies logs."),
            seg(2, "Druhá.", "Second one.")
        );
        let f = run(en, &page);
        let c = f.al.counts();
        assert_eq!((c.translated, c.missing), (2, 1), "{:?}", f.units());
        // "In" is source text the translation did not cover.
        assert_eq!(f.units()[0].0, "In");
    }

    #[test]
    fn whitespace_nbsp_and_line_breaks_do_not_prevent_matching() {
        let en = "One sentence\nwrapped  here.\n";
        let page = seg(1, "Jedna\u{a0}věta.", "One  sentence wrapped\u{a0}here.");
        let f = run(en, &page);
        assert_eq!(f.al.counts().translated, 1);
        assert_eq!(f.units()[0].0, "One sentence\nwrapped  here.");
    }

    #[test]
    fn duplicated_segment_is_orphaned() {
        let en = "Only once.\n";
        let page = format!(
            "{} {}",
            seg(1, "Jednou.", "Only once."),
            seg(2, "Jednou.", "Only once.")
        );
        let f = run(en, &page);
        assert_eq!(f.al.counts().translated, 1);
        assert_eq!(f.al.orphans, vec![1]);
    }

    #[test]
    fn lis_keeps_the_longest_increasing_run() {
        assert_eq!(lis(&[1, 5, 2, 3, 9, 4]), vec![0, 2, 3, 5]);
        assert_eq!(lis(&[]), Vec::<usize>::new());
    }

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
