//! Stale translations: how alike an unplaced lookup is to the source text
//! between the same neighbours.

use rustc_hash::FxHashMap;

/// Minimum similarity (0–1, characters, case-insensitive) between a lookup
/// and source text for the translation to count as a stale version of it.
pub const STALE_SIMILARITY: f32 = 0.5;

/// Gaps on either side of the diagonal that a lookup is compared with: a
/// run of unplaced lookups and the gaps of its window are in the same
/// order, so the `j`-th of `lookups` lookups is compared with the gaps
/// around the `j`-th share of `window`. Small windows (all real ones) are
/// compared whole; a page of thousands of unrelated segments costs
/// thousands of comparisons, not millions.
pub(super) fn stale_candidates(window: &[usize], j: usize, lookups: usize) -> &[usize] {
    const BAND: usize = 8;
    if window.len() <= 2 * BAND + 1 {
        return window;
    }
    let center = j * window.len() / lookups.max(1);
    &window[center.saturating_sub(BAND)..(center + BAND + 1).min(window.len())]
}

/// How alike two texts are, 0–1: the share of words they have in common,
/// in order — a word diff's ratio, as `similar::TextDiff::from_slices` gives
/// it for the texts' [`words`] (tested). White space is no word: counted as one,
/// "Go to the **Browse** tab." and "Using the API Analyzer" would be half
/// alike. Each text comes with its words from [`Words::of`]; callers
/// lower-case both.
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

/// The words of `text`: its runs of letters and digits outside link
/// destinations. White space, punctuation, Markdown syntax and URLs are no
/// words (`**❌ AVOID**` is `avoid`; a link whose URL moved is the same
/// text).
fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut depth = 0usize;
    let mut prev = ' ';
    // Bytes inside `](…)` (with nested parentheses) are blanked out.
    let mut hidden: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' if depth > 0 => depth += 1,
            '(' if prev == ']' => {
                depth = 1;
                start = i;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    hidden.push((start, i + 1));
                }
            }
            _ => {}
        }
        prev = c;
    }
    let mut k = 0;
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(move |w| {
            let at = w.as_ptr() as usize - text.as_ptr() as usize;
            while k < hidden.len() && hidden[k].1 <= at {
                k += 1;
            }
            !(k < hidden.len() && hidden[k].0 <= at)
        })
}

/// Texts cut into [`words`], each word a number, so a text compared with
/// many others is cut once and compared as numbers.
#[derive(Default)]
pub struct Words {
    ids: FxHashMap<String, u32>,
}

impl Words {
    pub fn of(&mut self, text: &str) -> Vec<u32> {
        words(text).map(|w| self.id(w)).collect()
    }

    fn id(&mut self, word: &str) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(word.to_string()).or_insert(next)
    }
}

/// Pairs unplaced lookups with gaps from `pairs` of (similarity, lookup,
/// gap), each at least [`STALE_SIMILARITY`]: best pairs first, each gap to
/// one lookup and each lookup to one gap (`claimed` holds the gaps' lookups
/// so far). A lookup whose gap is taken joins it only when `joined` says
/// the gap's lookups and it together are more like the gap than those
/// alone (two old sentences that the English made one); the rest are
/// returned, to be orphaned.
pub(super) fn pair_up(
    mut pairs: Vec<(f32, usize, usize)>,
    claimed: &mut [Vec<usize>],
    mut joined: impl FnMut(&[usize], usize, usize) -> bool,
) -> Vec<usize> {
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut done: rustc_hash::FxHashSet<usize> = Default::default();
    let mut seen: rustc_hash::FxHashSet<usize> = Default::default();
    let mut left: Vec<(usize, usize)> = Vec::new();
    for &(_, s, k) in &pairs {
        if done.contains(&s) {
            continue;
        }
        if claimed[k].is_empty() {
            claimed[k].push(s);
            done.insert(s);
        } else if seen.insert(s) {
            left.push((s, k));
        }
    }
    let mut orphans = Vec::new();
    for (s, k) in left {
        if done.contains(&s) {
            continue;
        }
        if joined(&claimed[k], s, k) {
            claimed[k].push(s);
            claimed[k].sort_unstable();
        } else {
            orphans.push(s);
        }
    }
    orphans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(a: &str, b: &str) -> f32 {
        let mut words = Words::default();
        let (wa, wb) = (words.of(a), words.of(b));
        similarity((a, &wa), (b, &wb))
    }

    /// Issue 13's example: counted with white space, the spaces and "the"
    /// made these half alike, and the translation of the one a stale
    /// translation of the other.
    #[test]
    fn unrelated_texts_sharing_only_spaces_are_not_alike() {
        let old = "go to the **browse** tab.";
        assert!(sim(old, "using the api analyzer") < STALE_SIMILARITY);
        assert!(sim("go to the **browse** tab and pick it.", old) >= STALE_SIMILARITY);
        // Nor is a link's URL (etw/dynamically-enabling-analytic-tracing.md).
        assert!(
            sim(
                "for more information, see [logman create trace](https://docs.microsoft.com/previous-versions/windows/it-pro/windows-server-2008-r2-and-2008/cc788036(v=ws.10)).",
                "for more information, see [logman create trace](https://go.microsoft.com/fwlink/?linkid=165426)."
            ) == 1.0
        );
        // Markup is no word (cs-CZ customize-struct-marshaling.md).
        assert!(
            sim(
                "❌ avoid using `layoutkind.explicit` when marshaling structures on non-windows platforms if you need to target runtimes before .net core 3.0.",
                "**❌ avoid** using `layoutkind.explicit` when marshaling structures on non-windows platforms."
            ) >= STALE_SIMILARITY
        );
    }

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
                    let (sa, sb): (Vec<&str>, Vec<&str>) = (super::words(a).collect(), super::words(b).collect());
                    similar::TextDiff::from_slices(&sa, &sb).ratio()
                };
                assert_eq!(similarity((a, &wa), (b, &wb)), want, "{a:?} / {b:?}");
            }
        }
    }
}
