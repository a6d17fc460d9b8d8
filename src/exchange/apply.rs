//! Writing imported translations into sxs pages: an existing segment is
//! updated in place, a missing unit becomes a new span where the English
//! has it, a missing page is created from the English page's front matter.
//! Only the bytes of imported units change (a page's BOM and CRLF line ends
//! stay). Every page is checked before anything is written; [`super::stage`]
//! then writes them all, or none.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use super::stage::Change;
use super::target::target_of;
use super::units::{self, ExUnit, Place, State};
use super::{ImportReport, Resolved};
use crate::align::{self, Alignment};
use crate::diag::{Diagnostic, SourceText};
use crate::segment::normalized_eq;
use crate::segment::source::{Block, BlockKind};
use crate::segment::sxs::{self, SxsDoc};
use crate::site::Site;

/// The prefix of a new line holding a unit of `block` (`## `, `- `, `> `).
fn line_prefix(en: &str, block: &Block) -> (String, &'static str) {
    match block.kind {
        BlockKind::TableCell => ("|".into(), "|"),
        BlockKind::Heading(n) => (format!("{} ", "#".repeat(n as usize)), ""),
        _ => {
            let ls = en[..block.range.start].rfind('\n').map_or(0, |i| i + 1);
            let p = &en[ls..block.range.start];
            if p.chars().all(|c| " \t>-*+#.)0123456789".contains(c)) {
                (p.trim_start().to_string(), "")
            } else {
                (String::new(), "")
            }
        }
    }
}

/// Imports the entries of one page; `None` when the page stays as it is.
pub(super) fn page(
    site: &Site,
    locale: usize,
    rel: &str,
    entries: &[Resolved],
    files: &[SourceText],
    report: &mut ImportReport,
) -> std::result::Result<Option<Change>, Vec<Diagnostic>> {
    let src = &site.sources[rel];
    let en = src.page.src.text.as_str();
    let code = &site.config.locales[locale].code;
    let tr = match site.translation(rel, locale) {
        None => None,
        Some(Ok(tr)) => Some(tr),
        Some(Err(d)) => return Err(vec![d]),
    };
    let units = units::page_units(rel, src, tr.as_ref(), &site.config.check);
    let by_key: BTreeMap<&str, usize> = units.iter().enumerate().map(|(i, u)| (u.key.as_str(), i)).collect();
    let mut diags = Vec::new();
    let mut imports: BTreeMap<usize, String> = BTreeMap::new();
    let mut entry_of: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for r in entries {
        let file = &files[r.file];
        let Some(&i) = by_key.get(r.entry.key.as_str()) else {
            diags.push(
                Diagnostic::error(
                    "exchange",
                    format!(
                        "unit `{}`: its English is no longer on content/{}/{rel} (changed or removed since the export)",
                        r.entry.key, site.config.locales[0].code
                    ),
                )
                .at_offset(file, r.entry.at, 1)
                .help("export the page again and translate the current English"),
            );
            continue;
        };
        match target_of(r, &units[i], file) {
            Err(d) => diags.push(d),
            Ok(None) => report.not_ready += 1,
            Ok(Some(md)) => {
                if let Some(prev) = imports.get(&i)
                    && *prev != md
                {
                    diags.push(
                        Diagnostic::error(
                            "exchange",
                            format!("unit `{}` is imported twice, differently", r.entry.key),
                        )
                        .at_offset(file, r.entry.at, 1)
                        .help("import one translation of each unit"),
                    );
                }
                imports.insert(i, md);
                entry_of.insert(i, (r.file, r.entry.at));
            }
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let first_at = entries.first().map(|r| (r.file, r.entry.at)).unwrap_or((0, 0));
    let fail = |msg: String| {
        let (f, at) = first_at;
        vec![
            Diagnostic::error("exchange", msg)
                .at_offset(&files[f], at, 1)
                .help("fix the translations of this page in the file"),
        ]
    };

    // The page as it is (or a new one), and its alignment.
    let (text, body_start, al_owned, path, original, had_bom, had_crlf);
    let empty = SxsDoc::default();
    match &tr {
        Some(t) => {
            text = t.page.src.text.clone();
            body_start = t.page.body_start;
            al_owned = None;
            path = site
                .inventory
                .file(rel, locale)
                .map(Path::to_path_buf)
                .unwrap_or_default();
            original = Some(std::fs::read(&path).map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?);
            had_bom = t.page.had_bom;
            had_crlf = t.page.had_crlf;
        }
        None => {
            text = new_page_front(&en[src.page.front_range.clone()], code);
            body_start = text.len();
            al_owned = Some(align::align(en, &src.doc, "", &empty));
            path = site.config.content_dir.join(code).join(rel);
            original = None;
            had_bom = false;
            had_crlf = false;
        }
    }
    let (al, sxs): (&Alignment, &SxsDoc) = match (&tr, &al_owned) {
        (Some(t), _) => match &t.alignment {
            Some(a) => (a, &t.sxs),
            None => return Ok(None),
        },
        (None, Some(a)) => (a, &empty),
        (None, None) => return Ok(None),
    };

    // Each imported unit must read back as written: the aligner may place
    // a new span on another occurrence of the same English. Such units are
    // left out (a warning), so a repeated import changes nothing.
    let (edits, new_text) = loop {
        let mut counts = (0usize, 0usize);
        let mut edits: Vec<(Range<usize>, String)> = Vec::new();
        let mut missing: BTreeMap<usize, (String, String)> = BTreeMap::new();
        let (mut inserted, mut deleted) = (0usize, 0usize);
        for (&i, md) in &imports {
            let x = &units[i];
            match &x.place {
                Place::Segments(segs) => {
                    let seg = &sxs.segments[segs[0]];
                    let changed = seg.text(&text) != md || x.state == State::Stale;
                    if seg.text(&text) != md {
                        edits.push((seg.text.clone(), md.clone()));
                    }
                    if !normalized_eq(seg.lookup(&text), &x.source) {
                        edits.push((seg.lookup.clone(), x.source.clone()));
                    }
                    for &s in &segs[1..] {
                        edits.push((sxs.segments[s].range.clone(), String::new()));
                        deleted += 1;
                    }
                    if changed {
                        counts.0 += 1;
                    } else {
                        counts.1 += 1;
                    }
                }
                Place::Missing(k) => {
                    missing.insert(*k, (md.clone(), x.source.clone()));
                    counts.0 += 1;
                }
            }
        }

        // New spans: after the segment before them, on its line when it is of
        // the same block, else on a line of their own.
        if !missing.is_empty() {
            let mut prefixes: BTreeMap<&str, usize> = BTreeMap::new();
            for s in &sxs.segments {
                *prefixes.entry(s.prefix(&text)).or_default() += 1;
            }
            let prefix = prefixes
                .iter()
                .max_by_key(|(_, n)| **n)
                .map(|(p, _)| p.to_string())
                .unwrap_or_else(|| format!("{:05x}", units::stable_hash(&format!("{code}/{rel}")) & 0xf_ffff));
            let mut next = sxs
                .segments
                .iter()
                .filter_map(|s| s.number)
                .max()
                .map_or(102, |n| n + 1);
            enum Anchor {
                After(usize),
                Group(usize),
            }
            let mut groups: Vec<(usize, String)> = Vec::new();
            let mut last: Option<(usize, Anchor)> = None;
            let line_end = |off: usize| text[off..].find('\n').map_or(text.len(), |i| off + i);
            for (k, u) in al.units.iter().enumerate() {
                if let Some(&s) = u.segments.last() {
                    last = Some((u.block, Anchor::After(sxs.segments[s].range.end)));
                    continue;
                }
                let Some((md, english)) = missing.get(&k) else { continue };
                let id = format!("{prefix}-{next}");
                next += 1;
                inserted += 1;
                let span = format!(
                    "<span data-ttu-id=\"{id}\">{md}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{english}</span></span>"
                );
                let (pre, post) = line_prefix(en, &src.doc.blocks[u.block]);
                let line = format!("\n{pre}{span}{post}");
                let g = match &last {
                    Some((b, Anchor::After(off))) if *b == u.block => {
                        groups.push((*off, format!(" {span}")));
                        groups.len() - 1
                    }
                    Some((b, Anchor::Group(g))) if *b == u.block => {
                        groups[*g].1.push_str(&format!(" {span}"));
                        *g
                    }
                    Some((_, Anchor::Group(g))) => {
                        groups[*g].1.push_str(&line);
                        *g
                    }
                    Some((_, Anchor::After(off))) => {
                        groups.push((line_end(*off), line));
                        groups.len() - 1
                    }
                    None => {
                        let at = if body_start > 0 && text.as_bytes().get(body_start - 1) == Some(&b'\n') {
                            body_start - 1
                        } else {
                            text.len()
                        };
                        groups.push((at, line));
                        groups.len() - 1
                    }
                };
                last = Some((u.block, Anchor::Group(g)));
            }
            edits.extend(groups.into_iter().map(|(at, s)| (at..at, s)));
        }
        // Nothing to write: no page is created for units left empty.
        if edits.is_empty() {
            report.unchanged += counts.1;
            return Ok(None);
        }
        edits.sort_by_key(|(r, _)| (r.start, r.end));

        let new_text = splice(&text, &edits, |s| s.to_string());
        // The page must read back with every old segment (less those merged)
        // and every new one, and no new span problem.
        let display = crate::diag::display_path(&site.root, &path);
        let parse = if site.is_include(rel) {
            crate::load::parse_include
        } else {
            crate::load::parse_page
        };
        let page = parse(display, new_text.clone().into_bytes(), locale, rel).map_err(|d| fail(d.message))?;
        let re = sxs::parse_with(&page.src, page.body_start, &site.config.limits);
        if re.segments.len() != sxs.segments.len() + inserted - deleted || re.diagnostics.len() > diags_of(&tr) {
            let why = re
                .diagnostics
                .first()
                .map_or_else(|| "a segment went missing".to_string(), |d| d.to_string());
            return Err(fail(format!(
                "importing into {} would break its spans: {why}",
                page.src.display
            )));
        }
        let tr2 = site.align_page(page, &mut align::Cache::default());
        let now = units::page_units(rel, src, Some(&tr2), &site.config.check);
        let now: BTreeMap<&str, &ExUnit> = now.iter().map(|u| (u.key.as_str(), u)).collect();
        let lost: Vec<usize> = imports
            .iter()
            .filter(|(i, md)| {
                !now.get(units[**i].key.as_str()).is_some_and(|u| {
                    matches!(u.place, Place::Segments(_))
                        && u.state != State::Stale
                        && u.target.as_deref() == Some(md.as_str())
                })
            })
            .map(|(i, _)| *i)
            .collect();
        if lost.is_empty() {
            report.imported += counts.0;
            report.unchanged += counts.1;
            break (edits, new_text);
        }
        for i in lost {
            imports.remove(&i);
            let (f, at) = entry_of[&i];
            report.warnings.push(
                Diagnostic::warning(
                    "exchange",
                    format!(
                        "unit `{}` is not imported: a span for it would be placed on another occurrence of \"{}\"",
                        units[i].key, units[i].source
                    ),
                )
                .at_offset(&files[f], at, 1)
                .help("the page repeats this English; translate it in the page itself"),
            );
        }
        if imports.is_empty() {
            return Ok(None);
        }
    };
    let bytes = match &original {
        Some(orig) => raw_splice(orig, &edits, had_bom, had_crlf, &text)
            .ok_or_else(|| fail(format!("{} changed while it was being imported into", path.display())))?,
        None => new_text.into_bytes(),
    };
    if original.as_deref() == Some(bytes.as_slice()) {
        return Ok(None);
    }
    Ok(Some(Change {
        path,
        bytes,
        original,
        created: tr.is_none(),
    }))
}

fn diags_of(tr: &Option<crate::site::Translation>) -> usize {
    tr.as_ref().map_or(0, |t| t.sxs.diagnostics.len())
}

/// The front matter of a new locale page: the English page's, with the
/// locale in `ms.contentlocale`.
fn new_page_front(yaml: &str, code: &str) -> String {
    let mut out = String::from("---\n");
    let mut set = false;
    for line in yaml.lines() {
        if line.starts_with("ms.contentlocale:") {
            out.push_str(&format!("ms.contentlocale: {code}\n"));
            set = true;
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    if !set {
        out.push_str(&format!("ms.contentlocale: {code}\n"));
    }
    out.push_str("---\n");
    out
}

/// `text` with `edits` (sorted, apart) applied, each replacement passed
/// through `conv`.
fn splice(text: &str, edits: &[(Range<usize>, String)], conv: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len() + edits.iter().map(|e| e.1.len()).sum::<usize>());
    let mut pos = 0;
    for (r, s) in edits {
        out.push_str(&text[pos..r.start.max(pos)]);
        out.push_str(&conv(s));
        pos = pos.max(r.end);
    }
    out.push_str(&text[pos..]);
    out
}

/// The edits of the normalised text applied to the file's own bytes (a
/// BOM, CRLF line ends), or `None` if the bytes are not those the text was
/// read from.
fn raw_splice(raw: &[u8], edits: &[(Range<usize>, String)], bom: bool, crlf: bool, text: &str) -> Option<Vec<u8>> {
    let raw = std::str::from_utf8(raw).ok()?;
    let body = if bom { raw.strip_prefix('\u{feff}')? } else { raw };
    let lead = raw.len() - body.len();
    // Normalised offsets of the `\n`s that are `\r\n` on disk.
    let mut crlf_at = Vec::new();
    if crlf {
        let b = body.as_bytes();
        let mut dropped = 0;
        for i in memchr::memchr_iter(b'\r', b) {
            if b.get(i + 1) == Some(&b'\n') {
                crlf_at.push(i - dropped);
                dropped += 1;
            }
        }
    }
    let to_raw = |o: usize| lead + o + crlf_at.partition_point(|&n| n < o);
    let (normal, _, _) = crate::load::normalise(raw.to_string());
    if normal != text {
        return None;
    }
    let raw_edits: Vec<(Range<usize>, String)> = edits
        .iter()
        .map(|(r, s)| (to_raw(r.start)..to_raw(r.end), s.clone()))
        .collect();
    let conv = |s: &str| if crlf { s.replace('\n', "\r\n") } else { s.to_string() };
    Some(splice(raw, &raw_edits, conv).into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_edits_keep_the_bom_and_crlf_line_ends() {
        let raw = "\u{feff}---\r\ntitle: a\r\n---\r\nx <b>y</b>\r\nz\r\n".as_bytes();
        let (text, bom, crlf) = crate::load::normalise(String::from_utf8(raw.to_vec()).unwrap());
        let y = text.find('y').unwrap();
        let z = text.find('z').unwrap();
        let edits = vec![(y..y + 1, "Y".to_string()), (z + 1..z + 1, "\nnew".to_string())];
        let out = raw_splice(raw, &edits, bom, crlf, &text).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\u{feff}---\r\ntitle: a\r\n---\r\nx <b>Y</b>\r\nz\r\nnew\r\n"
        );
        assert!(raw_splice(b"other", &edits, false, false, &text).is_none());
    }

    #[test]
    fn a_new_page_takes_the_english_front_matter_and_its_locale() {
        assert_eq!(
            new_page_front("title: A\nms.date: 1\n", "cs-CZ"),
            "---\ntitle: A\nms.date: 1\nms.contentlocale: cs-CZ\n---\n"
        );
    }
}
