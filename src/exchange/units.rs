//! The units of one page in one locale as a translator sees them: read off
//! the alignment `check` uses (no second aligner), with a key that survives
//! renumbering, a state, the current translation and the context.

use std::ops::Range;

use crate::align::{self, Alignment, Status};
use crate::check::rules;
use crate::config::CheckConfig;
use crate::segment::normalize_markdown;
use crate::segment::source::{Block, BlockKind};
use crate::segment::sxs::SxsDoc;
use crate::site::{Source, Translation};

/// What a translator is asked to do with a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// No translation yet (`missing`).
    New,
    /// The translation was made from an English text that has changed
    /// (`stale`): PO `fuzzy`, XLIFF `needs-review-translation`.
    Stale,
    /// The translation is identical to the English (`untranslated`).
    Identical,
    /// Translated from the current English.
    Translated,
}

/// Where a unit's translation lives in the locale page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// In these sxs segments (by index in the page's segments).
    Segments(Vec<usize>),
    /// Nowhere yet: a new span goes where the alignment's unit `k` is.
    Missing(usize),
}

/// One unit of one page, for export and import.
#[derive(Clone, Debug)]
pub struct ExUnit {
    /// `PAGE#HASH:N`: the page path, a hash of the current English and its
    /// occurrence among the page's units with the same English.
    pub key: String,
    /// The current English, as Markdown on one line.
    pub source: String,
    /// The translation the page holds now (the segments' text).
    pub target: Option<String>,
    pub state: State,
    /// For a stale unit, the English it was translated from.
    pub previous: Option<String>,
    /// The `data-ttu-id` of its (first) segment.
    pub id: Option<String>,
    /// 1-based line of the unit in the English page.
    pub line: usize,
    /// 1-based column (in characters) of the unit on its line.
    pub column: usize,
    /// The text of the heading the unit sits under.
    pub heading: Option<String>,
    /// The English block it belongs to.
    pub block: usize,
    pub kind: BlockKind,
    pub place: Place,
    /// Identical to the English on purpose (a number, an identifier, an
    /// `allow_identical` text): not `untranslated` for `check`.
    pub identical_ok: bool,
    /// An sxs span can hold its English (not so for a piece of a table
    /// cell cut inside a code span, with a lone backtick): a unit that would
    /// need a new lookup and cannot have one is not exported.
    pub holdable: bool,
    /// Byte range of the unit in the English page.
    pub range: Range<usize>,
}

/// True when `md` reads back from a span as itself: no lone backtick or
/// span tag that would swallow the span's end.
pub fn holdable(md: &str) -> bool {
    if !md.contains(['`', '<']) {
        return true;
    }
    let page = format!(
        "<span data-ttu-id=\"a-1\">{md}</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">{md}</span></span>\n"
    );
    let src = crate::diag::SourceText::new("", page);
    let doc = crate::segment::sxs::parse(&src, 0);
    doc.diagnostics.is_empty() && doc.segments.len() == 1 && doc.segments[0].lookup(&src.text) == md
}

/// FNV-1a, 64 bits: a hash that stays the same across builds and versions.
pub fn stable_hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The key of the `occurrence`-th unit (1-based) with English `source` on
/// page `rel`.
pub fn key(rel: &str, source: &str, occurrence: usize) -> String {
    format!("{rel}#{:012x}:{occurrence}", stable_hash(source) & 0xffff_ffff_ffff)
}

/// The page path a key names, if it is a key.
pub fn page_of_key(key: &str) -> Option<&str> {
    let (rel, rest) = key.rsplit_once('#')?;
    let (hash, occ) = rest.split_once(':')?;
    let ok = !rel.is_empty()
        && hash.len() == 12
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
        && occ.parse::<usize>().is_ok_and(|n| n > 0);
    ok.then_some(rel)
}

/// The Markdown of `r` within `block` on one line, as the aligner reads
/// it: container syntax (`> `, indentation) between lines left out, spaces
/// collapsed, escapes (`\<`, `&#124;`) kept as the page has them (the
/// translator sees `\<x>` as text, and import writes it back as such).
pub fn block_text(src: &str, block: &Block, r: Range<usize>) -> String {
    let n = &block.norm;
    // The first normalised byte that comes from at or after `pos`.
    let first_from = |pos: usize| -> usize {
        let (mut lo, mut hi) = (0, n.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if n.source_range(src, mid..mid).start < pos {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let mut i = lo;
        while i < n.text.len() && !n.text.is_char_boundary(i) {
            i += 1;
        }
        i
    };
    let (a, b) = (first_from(r.start), first_from(r.end));
    if a >= b {
        return normalize_markdown(&src[r]);
    }
    let t = &n.text[a..b];
    let a = a + (t.len() - t.trim_start().len());
    let b = a + t.trim().len();
    n.markdown(src, a..b)
}

/// The units of page `rel` in one locale: of its translation `tr`, or of a
/// page the locale does not have yet (`tr` is `None`).
pub fn page_units(rel: &str, src: &Source, tr: Option<&Translation>, cfg: &CheckConfig) -> Vec<ExUnit> {
    let en = src.page.src.text.as_str();
    let empty;
    let (al, page, sxs): (&Alignment, &str, &SxsDoc) = match tr.and_then(|t| t.alignment.as_ref().map(|a| (t, a))) {
        Some((t, a)) => (a, t.page.src.text.as_str(), &t.sxs),
        None => {
            empty = (align::align(en, &src.doc, "", &SxsDoc::default()), SxsDoc::default());
            (&empty.0, "", &empty.1)
        }
    };
    let heading_of = |block: usize| -> Option<String> {
        src.doc.blocks[..block]
            .iter()
            .rev()
            .find(|b| matches!(b.kind, BlockKind::Heading(_)))
            .map(|b| b.norm.text.clone())
    };
    let mut out = Vec::with_capacity(al.units.len());
    for (k, u) in al.units.iter().enumerate() {
        let block = &src.doc.blocks[u.block];
        let (line, line_start) = src.page.src.line_of(u.range.start);
        let column = en.get(line_start..u.range.start).map_or(1, |t| t.chars().count() + 1);
        let base = |source: String, state: State, place: Place| ExUnit {
            key: String::new(),
            source,
            target: None,
            state,
            previous: None,
            id: None,
            line,
            column,
            heading: heading_of(u.block),
            block: u.block,
            kind: block.kind,
            place,
            identical_ok: false,
            holdable: true,
            range: u.range.clone(),
        };
        match u.status {
            Status::Missing => out.push(base(
                block_text(en, block, u.range.clone()),
                State::New,
                Place::Missing(k),
            )),
            Status::Stale => {
                let mut x = base(
                    block_text(en, block, u.range.clone()),
                    State::Stale,
                    Place::Segments(u.segments.clone()),
                );
                let segs: Vec<_> = u.segments.iter().map(|&s| &sxs.segments[s]).collect();
                x.target = Some(segs.iter().map(|s| s.text(page)).collect::<Vec<_>>().join(" "));
                x.previous = Some(
                    segs.iter()
                        .map(|s| normalize_markdown(s.lookup(page)))
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                x.id = segs.first().map(|s| s.id(page).to_string());
                out.push(x);
            }
            Status::Translated | Status::Untranslated => {
                // One exchange unit per segment: each holds its own English.
                for &s in &u.segments {
                    let seg = &sxs.segments[s];
                    let lookup = normalize_markdown(seg.lookup(page));
                    let text = seg.text(page);
                    let identical = crate::segment::normalized_eq(text, &lookup);
                    let mut x = base(
                        lookup,
                        if identical { State::Identical } else { State::Translated },
                        Place::Segments(vec![s]),
                    );
                    if identical {
                        x.identical_ok = rules::legitimately_identical(text, &rules::inventory(seg.lookup(page)), cfg);
                    }
                    x.target = Some(text.to_string());
                    x.id = Some(seg.id(page).to_string());
                    out.push(x);
                }
            }
        }
    }
    for x in &mut out {
        if matches!(x.state, State::New | State::Stale) {
            x.holdable = holdable(&x.source);
        }
    }
    // Keys: the English and its occurrence among equal English texts.
    let mut seen: rustc_hash::FxHashMap<String, usize> = Default::default();
    for x in &mut out {
        let n = seen.entry(x.source.clone()).or_default();
        *n += 1;
        x.key = key(rel, &x.source, *n);
    }
    out
}

/// Which units `export` selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub missing: bool,
    pub stale: bool,
    pub untranslated: bool,
    /// Every unit, translated ones and legitimately identical ones too.
    pub all: bool,
}

impl Default for Selection {
    fn default() -> Selection {
        Selection {
            missing: true,
            stale: true,
            untranslated: true,
            all: false,
        }
    }
}

impl Selection {
    /// `missing,stale,untranslated` or any part of it.
    pub fn parse(s: &str) -> Result<Selection, String> {
        let mut sel = Selection {
            missing: false,
            stale: false,
            untranslated: false,
            all: false,
        };
        for w in s.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            match w {
                "missing" => sel.missing = true,
                "stale" => sel.stale = true,
                "untranslated" => sel.untranslated = true,
                other => {
                    return Err(format!(
                        "`{other}` is not a unit status to export (missing, stale, untranslated)"
                    ));
                }
            }
        }
        Ok(sel)
    }

    /// True when the unit is selected (whether or not it can be exported).
    pub fn takes(&self, u: &ExUnit) -> bool {
        self.all
            || match u.state {
                State::New => self.missing,
                State::Stale => self.stale,
                State::Identical => self.untranslated && !u.identical_ok,
                State::Translated => false,
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_their_page_and_survive_only_their_english() {
        let k = key("events/a.md", "This event is emitted.", 1);
        assert_eq!(page_of_key(&k), Some("events/a.md"));
        assert_eq!(k, key("events/a.md", "This event is emitted.", 1));
        assert_ne!(k, key("events/a.md", "This event is emitted!", 1));
        assert_ne!(k, key("events/a.md", "This event is emitted.", 2));
        for bad in [
            "",
            "events/a.md",
            "events/a.md#xyz:1",
            "#0123456789ab:1",
            "a.md#0123456789ab:0",
        ] {
            assert_eq!(page_of_key(bad), None, "{bad}");
        }
        assert_eq!(page_of_key("a#b.md#0123456789ab:3"), Some("a#b.md"));
    }

    #[test]
    fn block_text_leaves_out_block_quote_markers() {
        let en = "> [!NOTE]\n> Note line one\n> line two.\n";
        let doc = crate::segment::source::parse(en, 0);
        let b = doc.blocks.iter().find(|b| b.norm.text.contains("Note line")).unwrap();
        assert_eq!(block_text(en, b, b.range.clone()), "Note line one line two.");
        let s = en.find("one").unwrap();
        assert_eq!(block_text(en, b, s..en.len() - 1), "one line two.");
    }

    #[test]
    fn a_lone_backtick_cannot_be_held_by_a_span() {
        assert!(holdable("plain `code` and <b>x</b>"));
        assert!(!holdable("(?<1>\\S+))`"));
        assert!(!holdable("a </span> b"));
    }

    #[test]
    fn the_selection_parses_the_statuses_and_refuses_others() {
        let s = Selection::parse("stale, missing").unwrap();
        assert!(s.stale && s.missing && !s.untranslated && !s.all);
        assert!(Selection::parse("orphaned").is_err());
    }
}
