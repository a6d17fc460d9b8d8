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

mod gaps;
mod occurrences;
mod stale;
#[cfg(test)]
mod tests;
mod whole;

use rustc_hash::FxHashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::segment::normalize;
use crate::segment::normalized_eq;
use crate::segment::source::SourceDoc;
use crate::segment::sxs::SxsDoc;
use gaps::uncovered;
pub use occurrences::Cache;
use occurrences::{Hit, Taken, lis, nearest_free, occurrences};
pub use stale::STALE_SIMILARITY;
use stale::{Words, similarity, stale_candidates};

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
    let mut gaps = uncovered(src, doc, &units);
    // A unit never shares a sentence with missing text: such placements
    // are undone, and the whole sentence is left to the stale matching.
    for s in whole::unsplice(src, &doc.blocks, &mut units, &mut gaps) {
        placed[s] = None;
    }

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
            let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
            for (j, s) in run.clone().enumerate() {
                let lookup = lookups[s].to_lowercase();
                let lookup_words = words.of(&lookup);
                let mut any = false;
                for &k in stale_candidates(&window, j, run.len()) {
                    let sim = similarity((&lookup, &lookup_words), (&gap_texts[k], &gap_words[k]));
                    if sim >= STALE_SIMILARITY {
                        pairs.push((sim, s, k));
                        any = true;
                    }
                }
                if !any {
                    orphans.push(s);
                }
            }
            let mut joined = |with: &[usize], s: usize, k: usize| {
                let alone: Vec<&str> = with.iter().map(|&w| lookups[w].as_str()).collect();
                let mut both: Vec<usize> = with.to_vec();
                both.push(s);
                both.sort_unstable();
                let both: Vec<&str> = both.iter().map(|&w| lookups[w].as_str()).collect();
                let (alone, both) = (alone.join(" ").to_lowercase(), both.join(" ").to_lowercase());
                let (wa, wb) = (words.of(&alone), words.of(&both));
                similarity((&both, &wb), (&gap_texts[k], &gap_words[k]))
                    > similarity((&alone, &wa), (&gap_texts[k], &gap_words[k]))
            };
            orphans.extend(stale::pair_up(pairs, &mut claimed, &mut joined));
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

    orphans.sort_unstable();
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
