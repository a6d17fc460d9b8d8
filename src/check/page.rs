//! The rules over one page in one locale: what `check` finds in a
//! translation (or in its absence), listed up to `[limits]
//! findings_per_page` (see [`super::capped`]).

use std::collections::{BTreeMap, HashMap};

use super::capped::PageFindings;
use super::{Finding, PageResult, Rule, rules};
use crate::align::{Counts, Status};
use crate::config::CheckConfig;
use crate::diag::{Diagnostic, Location};
use crate::segment::normalize;
use crate::segment::sxs::SxsDoc;
use crate::site::{Site, Source, Translation};

pub(super) fn from_diag(rule: Rule, d: &Diagnostic, locale: &str, rel: &str) -> Finding {
    let diag = Diagnostic {
        severity: rule.default_severity(),
        code: rule.code(),
        ..d.clone()
    };
    Finding::of_page(rule, diag, locale, rel, strip_ids(&d.message))
}

/// A message without segment IDs, so a baseline entry survives renumbering.
fn strip_ids(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut in_tick = false;
    let mut tick = String::new();
    for c in msg.chars() {
        if c == '`' {
            if in_tick {
                let looks_like_id = tick.rsplit_once('-').is_some_and(|(p, n)| {
                    !p.is_empty() && p.chars().all(|c| c.is_ascii_hexdigit()) && n.chars().all(|c| c.is_ascii_digit())
                });
                out.push('`');
                out.push_str(if looks_like_id { "…" } else { &tick });
                out.push('`');
                tick.clear();
            }
            in_tick = !in_tick;
        } else if in_tick {
            tick.push(c);
        } else {
            out.push(c);
        }
    }
    out
}

pub(super) fn front_matter(
    page: &crate::load::Page,
    locale: &str,
    msg: &str,
    help: &str,
    offset: usize,
    len: usize,
) -> Finding {
    Finding {
        rule: Rule::FrontMatter,
        diag: Diagnostic::new(Rule::FrontMatter.default_severity(), Rule::FrontMatter.code(), msg)
            .at_offset(&page.src, offset, len)
            .help(help),
        locale: locale.to_string(),
        page: page.rel.clone(),
        segment_id: None,
        english: Some(msg.to_string()),
        translation: None,
        related: None,
        segment: None,
        unit: None,
        omitted: 0,
    }
}

/// What the pages of one group share while being checked: the inventory of
/// each English text (the lookups of a page repeat in every locale).
#[derive(Default)]
pub struct Memo {
    inventories: rustc_hash::FxHashMap<String, std::rc::Rc<rules::Inventory>>,
    /// Where the page's lookups occur in its source.
    pub align: crate::align::Cache,
}

impl Memo {
    fn inventory(&mut self, md: &str) -> std::rc::Rc<rules::Inventory> {
        if let Some(inv) = self.inventories.get(md) {
            return inv.clone();
        }
        let inv = std::rc::Rc::new(rules::inventory(md));
        self.inventories.insert(md.to_string(), inv.clone());
        inv
    }
}

/// Checks one page in one locale; `None` when there is nothing to check
/// (neither the locale nor the source has the page).
/// An include file a locale lacks is no finding: where its pages show it,
/// the English include is shown, marked.
pub fn check_page(site: &Site, rel: &str, locale: usize, memo: &mut Memo) -> Option<PageResult> {
    let code = &site.config.locales[locale].code;
    match site.translation_with(rel, locale, &mut memo.align) {
        None if site.is_include(rel) => None,
        None => missing_page(site, rel, locale),
        Some(Err(d)) => Some(PageResult {
            present: true,
            whole: false,
            counts: Counts::default(),
            findings: vec![from_diag(Rule::of(Rule::FrontMatter, &d), &d, code, rel)],
        }),
        Some(Ok(tr)) => Some(check_translation(site, &tr, memo)),
    }
}

/// The finding for a source page a locale does not have, with all its
/// units counted as missing. `None` without a source page.
pub fn missing_page(site: &Site, rel: &str, locale: usize) -> Option<PageResult> {
    let code = &site.config.locales[locale].code;
    let src = site.sources.get(rel)?;
    let counts = crate::align::align(&src.page.src.text, &src.doc, "", &SxsDoc::default()).counts();
    let expected = format!("content/{code}/{rel}");
    let diag = Diagnostic::new(
        Rule::Missing.default_severity(),
        Rule::Missing.code(),
        format!("this page has no {code} translation"),
    )
    .at(src.page.src.location(0))
    .help(format!(
        "create {expected}: the translation tool's side-by-side output for this page goes there"
    ));
    let f = Finding::of_page(Rule::Missing, diag, code, rel, format!("page {rel}"));
    Some(PageResult {
        present: false,
        whole: false,
        counts,
        findings: vec![f],
    })
}

/// Checks a loaded translation (as `build` has it in hand), with the
/// site's `[check]` settings; severity overrides are not applied.
pub fn check_translation(site: &Site, tr: &Translation, memo: &mut Memo) -> PageResult {
    let src = site.sources.get(&tr.page.rel).map(|s| s.as_ref());
    let code = &site.config.locales[tr.page.locale].code;
    let mut checker = PageChecker {
        site,
        tr,
        code,
        cfg: &site.config.check,
        memo,
        out: PageFindings::new(site.config.limits.findings_per_page, &site.config.check),
    };
    checker.run(src);
    PageResult {
        present: true,
        whole: tr.whole.is_some(),
        counts: tr.counts().unwrap_or_default(),
        findings: checker.out.finish(&tr.page, code),
    }
}

/// The rules over one translation.
struct PageChecker<'a> {
    site: &'a Site,
    tr: &'a Translation,
    code: &'a str,
    cfg: &'a CheckConfig,
    memo: &'a mut Memo,
    out: PageFindings<'a>,
}

impl PageChecker<'_> {
    fn run(&mut self, src: Option<&Source>) {
        let (site, tr, code) = (self.site, self.tr, self.code);
        let page = &tr.page;
        let text = page.src.text.as_str();
        let rel = page.rel.as_str();
        let finding = |rule: Rule, seg: Option<usize>, offset: usize, len: usize, msg: String, help: String| Finding {
            rule,
            diag: Diagnostic::new(rule.default_severity(), rule.code(), msg)
                .at_offset(&page.src, offset, len)
                .help(help),
            locale: code.to_string(),
            page: rel.to_string(),
            segment_id: seg.map(|s| tr.sxs.segments[s].id(text).to_string()),
            english: seg.map(|s| normalize(tr.sxs.segments[s].lookup(text))),
            translation: seg.map(|s| tr.sxs.segments[s].text(text).to_string()),
            related: None,
            segment: seg,
            unit: None,
            omitted: 0,
        };

        // Front matter.
        // A missing title is among them (the `title` rule), as in `build`.
        for w in &page.warnings {
            self.out.push(from_diag(Rule::of(Rule::FrontMatter, w), w, code, rel));
        }
        if let Some(cl) = &page.front.content_locale
            && !cl.eq_ignore_ascii_case(code)
        {
            let fm = &text[..page.body_start];
            let off = fm.find("ms.contentlocale").unwrap_or(0);
            self.out.push(front_matter(
                page,
                code,
                &format!("ms.contentlocale is `{cl}` but the page is in the {code} folder"),
                &format!("set `ms.contentlocale: {code}`, or move the file to content/{cl}/{rel}"),
                off,
                "ms.contentlocale".len(),
            ));
        }

        // Span structure.
        for d in &tr.sxs.diagnostics {
            self.out.push(from_diag(Rule::of(Rule::Malformed, d), d, code, rel));
        }
        let mut first_of: HashMap<&str, usize> = HashMap::new();
        let mut prefixes: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, s) in tr.sxs.segments.iter().enumerate() {
            *prefixes.entry(s.prefix(text)).or_default() += 1;
            if let Some(&first) = first_of.get(s.id(text)) {
                let line = page.src.line_of(tr.sxs.segments[first].range.start).0;
                self.out.push(finding(
                    Rule::Malformed,
                    Some(i),
                    s.id.start,
                    s.id.len(),
                    format!("segment ID `{}` is used twice (first on line {line})", s.id(text)),
                    "give each segment its own ID; re-export the page from the translation tool".into(),
                ));
            } else {
                first_of.insert(s.id(text), i);
            }
        }
        if prefixes.len() > 1
            && let Some((&main, _)) = prefixes.iter().max_by_key(|(_, n)| **n)
            && let Some((i, s)) = tr.sxs.segments.iter().enumerate().find(|(_, s)| s.prefix(text) != main)
        {
            let list: Vec<String> = prefixes.iter().map(|(p, n)| format!("`{p}` ×{n}")).collect();
            self.out.push(finding(
                Rule::Malformed,
                Some(i),
                s.id.start,
                s.id.len(),
                format!(
                    "segment IDs in this page use {} prefixes: {}",
                    prefixes.len(),
                    list.join(", ")
                ),
                format!("a page's segments share one prefix (`{main}` here); this segment may come from another page"),
            ));
        }

        if let (Some(src), Some(whole)) = (src, &tr.whole) {
            for f in super::whole::findings(tr, src, whole, code) {
                self.out.push(f);
            }
            return;
        }
        let (Some(src), Some(al)) = (src, &tr.alignment) else {
            let diag = Diagnostic::new(
                Rule::Orphaned.default_severity(),
                Rule::Orphaned.code(),
                format!("this translation has no {} source page", site.config.source_locale),
            )
            .at(page.src.location(0))
            .help(format!(
                "delete it if the page was removed, or add content/{}/{rel}",
                site.config.source_locale
            ));
            self.out
                .push(Finding::of_page(Rule::Orphaned, diag, code, rel, format!("page {rel}")));
            return;
        };
        let en = src.page.src.text.as_str();
        let en_loc = |off: usize| src.page.src.location(off);

        // Units of source text. `next_seg[k]`: the first segment of the
        // units after unit `k` (one pass from the end, not a scan per unit).
        let mut next_seg = vec![None; al.units.len()];
        let mut first = None;
        for (k, u) in al.units.iter().enumerate().rev() {
            next_seg[k] = first;
            first = u.segments.first().copied().or(first);
        }
        let mut insert_at = page.body_start;
        for (k, u) in al.units.iter().enumerate() {
            let current = || normalize(&en[u.range.clone()]);
            match u.status {
                Status::Missing if self.out.room(Rule::Missing) => {
                    let current = current();
                    let after = page.src.line_of(insert_at).0;
                    let next = next_seg[k].map(|s| page.src.line_of(tr.sxs.segments[s].range.start).0);
                    let place = match next {
                        Some(n) if n > after => format!("between line {after} and line {n} of this file"),
                        _ => format!("after line {after} of this file"),
                    };
                    let mut f = finding(
                        Rule::Missing,
                        None,
                        insert_at,
                        0,
                        format!("no translation of \"{current}\""),
                        format!("translate it and add the segment {place}, where the English page has it"),
                    );
                    f.english = Some(current);
                    f.related = Some(en_loc(u.range.start));
                    f.unit = Some(k);
                    self.out.push(f);
                }
                Status::Stale => {
                    for &s in &u.segments {
                        if !self.out.room(Rule::Stale) {
                            continue;
                        }
                        let current = current();
                        let seg = &tr.sxs.segments[s];
                        let old = normalize(seg.lookup(text));
                        let mut f = finding(
                            Rule::Stale,
                            Some(s),
                            seg.lookup.start,
                            seg.lookup.len(),
                            format!(
                                "the English has changed since this was translated: {}",
                                rules::word_diff(&old, &current)
                            ),
                            format!(
                                "update the translation, then put the current English in the sxs-lookup: \"{current}\""
                            ),
                        );
                        f.related = Some(en_loc(u.range.start));
                        self.out.push(f);
                    }
                }
                Status::Missing | Status::Translated | Status::Untranslated => {}
            }
            if let Some(&last) = u.segments.last() {
                insert_at = tr.sxs.segments[last].range.end;
            }
            for &s in &u.segments {
                self.segment(s, u.status, &finding, &en_loc, u.range.start);
                self.anchors(s, &finding, &en_loc, u.range.start);
            }
        }
        for &s in &al.orphans {
            if !self.out.room(Rule::Orphaned) {
                continue;
            }
            let seg = &tr.sxs.segments[s];
            self.out.push(finding(
                Rule::Orphaned,
                Some(s),
                seg.range.start,
                seg.text.end - seg.range.start,
                format!(
                    "the English of this segment is no longer in the source page: \"{}\"",
                    normalize(seg.lookup(text))
                ),
                format!(
                    "delete the segment with its sxs-lookup, or restore the English in content/{}/{rel}",
                    site.config.source_locale
                ),
            ));
        }
    }

    fn segment(
        &mut self,
        s: usize,
        status: Status,
        finding: &dyn Fn(Rule, Option<usize>, usize, usize, String, String) -> Finding,
        en_loc: &dyn Fn(usize) -> Location,
        en_offset: usize,
    ) {
        let tr = self.tr;
        let text = tr.page.src.text.as_str();
        let seg = &tr.sxs.segments[s];
        let tr_md = seg.text(text);
        let en_md = seg.lookup(text);
        let en_inv = self.memo.inventory(en_md);
        if status == Status::Untranslated
            && !rules::legitimately_identical(tr_md, &en_inv, self.cfg)
            && self.out.room(Rule::Untranslated)
        {
            let mut f = finding(
                Rule::Untranslated,
                Some(s),
                seg.text.start,
                seg.text.len(),
                format!("the translation is identical to the English: \"{}\"", normalize(tr_md)),
                "translate it; if it must stay in English, list it under allow_identical in [check] of site.toml"
                    .into(),
            );
            f.related = Some(en_loc(en_offset));
            self.out.push(f);
        }
        let tr_inv = if tr_md == en_md {
            en_inv.clone()
        } else {
            std::rc::Rc::new(rules::inventory(tr_md))
        };
        if let Some(m) = rules::number_mismatch(&en_inv, &tr_inv)
            && self.out.room(Rule::Number)
        {
            let mut what = format!("the translation lacks the English's {}", quote_list(&m.lost));
            if !m.added.is_empty() {
                what.push_str(&format!(" and has {} instead", quote_list(&m.added)));
            }
            let (off, len) = match m
                .added
                .first()
                .and_then(|n| tr_md.find(n.as_str()).map(|i| (i, n.len())))
            {
                Some((i, l)) => (seg.text.start + i, l),
                None => (seg.text.start, seg.text.len()),
            };
            let mut f = finding(
                Rule::Number,
                Some(s),
                off,
                len,
                what,
                format!(
                    "check the numbers against the English (digits for its number words are fine): \"{}\"",
                    normalize(en_md)
                ),
            );
            f.related = Some(en_loc(en_offset));
            self.out.push(f);
        }
        let mut mismatches = rules::verbatim_mismatches(&en_inv, &tr_inv);
        mismatches.extend(rules::damaged_code(tr_md));
        if !mismatches.is_empty() && self.out.room(Rule::Placeholder) {
            let mut parts = Vec::new();
            for m in &mismatches {
                let mut p = format!("{}:", m.kind);
                if !m.lost.is_empty() {
                    p.push_str(&format!(" missing {}", quote_list(&m.lost)));
                }
                if !m.added.is_empty() {
                    p.push_str(&format!(" extra {}", quote_list(&m.added)));
                }
                parts.push(p);
            }
            let damaged = rules::damaged_placeholders(tr_md);
            let lost_pct = mismatches
                .iter()
                .any(|m| m.kind == "placeholders" && m.lost.iter().any(|x| x.starts_with('%')));
            if lost_pct && !damaged.is_empty() {
                parts.push(format!("{} looks like a damaged placeholder", quote_list(&damaged)));
            }
            // Point at the first damaged or extra token in the translation.
            let needle = damaged
                .first()
                .cloned()
                .or_else(|| mismatches.iter().flat_map(|m| m.added.first()).next().cloned());
            let (off, len) = match needle.as_deref().and_then(|n| tr_md.find(n).map(|i| (i, n.len()))) {
                Some((i, l)) => (seg.text.start + i, l),
                None => (seg.text.start, seg.text.len()),
            };
            let mut f = finding(
                Rule::Placeholder,
                Some(s),
                off,
                len,
                format!("translation differs from the English in {}", parts.join("; ")),
                format!("copy these exactly as in the English: \"{}\"", normalize(en_md)),
            );
            f.related = Some(en_loc(en_offset));
            self.out.push(f);
        }
        let diffs = en_inv.markup.differences(&tr_inv.markup);
        if !diffs.is_empty() && self.out.room(Rule::Markup) {
            let mut f = finding(
                Rule::Markup,
                Some(s),
                seg.text.start,
                seg.text.len(),
                format!("formatting differs from the English ({})", diffs.join(", ")),
                format!(
                    "keep the English's **bold**, *italic*, `code` and [links]: \"{}\"",
                    normalize(en_md)
                ),
            );
            f.related = Some(en_loc(en_offset));
            self.out.push(f);
        }
    }
}

impl PageChecker<'_> {
    /// `anchor`: links of segment `s` to fragments the English page lacks.
    fn anchors(
        &mut self,
        s: usize,
        finding: &dyn Fn(Rule, Option<usize>, usize, usize, String, String) -> Finding,
        en_loc: &dyn Fn(usize) -> Location,
        en_offset: usize,
    ) {
        let seg = &self.tr.sxs.segments[s];
        let md = seg.text(&self.tr.page.src.text);
        for d in super::anchors::dangling(self.site, &self.tr.page.rel, md) {
            if !self.out.room(Rule::Anchor) {
                return;
            }
            let whose = if d.page == self.tr.page.rel {
                "this page's English".to_string()
            } else {
                format!("the English of {}", d.page)
            };
            let mut f = finding(
                Rule::Anchor,
                Some(s),
                seg.text.start + d.range.start,
                d.range.len(),
                format!("link to `#{}`, which {whose} has no heading or anchor for", d.fragment),
                format!(
                    "link to the anchor the English has now (its segment: \"{}\")",
                    normalize(seg.lookup(&self.tr.page.src.text))
                ),
            );
            f.related = Some(en_loc(en_offset));
            self.out.push(f);
        }
    }
}

fn quote_list(items: &[String]) -> String {
    items.iter().map(|x| format!("`{x}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stripped_from_baseline_keys() {
        assert_eq!(
            strip_ids("data-ttu-id `628af-106` differs from its data-stu-id `628af-107`"),
            "data-ttu-id `…` differs from its data-stu-id `…`"
        );
        assert_eq!(strip_ids("keeps `%1` and `code`"), "keeps `%1` and `code`");
    }
}
