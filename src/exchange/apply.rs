//! Writing imported translations into sxs pages: an existing segment is
//! updated in place, a missing unit becomes a new span where the English
//! has it, a missing page is created from the English page's front matter.
//! Only the bytes of imported units change (a page's BOM and CRLF line ends
//! stay). Every page is checked before anything is written, then all are
//! written (each staged beside its file, then renamed), or none.

use std::collections::BTreeMap;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::inline::Inline;
use super::units::{self, ExUnit, Place, State};
use super::{Frag, ImportReport, Resolved};
use crate::align::{self, Alignment};
use crate::check::rules;
use crate::diag::{Diagnostic, Error, Result, SourceText};
use crate::segment::normalized_eq;
use crate::segment::source::{Block, BlockKind};
use crate::segment::sxs::{self, SxsDoc};
use crate::site::Site;

/// A page to write.
pub(super) struct Change {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    /// The file's bytes before, or `None` for a new page.
    pub original: Option<Vec<u8>>,
    pub created: bool,
}

/// The Markdown a target's fragments stand for, the source's codes put
/// back by id; an unknown id, or a code used twice or as the wrong kind,
/// is an error naming the place.
fn restore(frags: &[Frag], src: &Inline) -> std::result::Result<(String, Vec<bool>), (String, usize)> {
    let mut out = String::new();
    let mut used = vec![false; src.codes.len()];
    let mut take = |id: &str, at: usize, paired: bool| -> std::result::Result<usize, (String, usize)> {
        let c = id
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .filter(|&c| c < src.codes.len())
            .ok_or_else(|| (format!("inline code `{id}` is not in the English"), at))?;
        if used[c] {
            return Err((format!("inline code `{id}` is used twice"), at));
        }
        if src.codes[c].close.is_some() != paired {
            return Err((format!("inline code `{id}` has lost its pair"), at));
        }
        used[c] = true;
        Ok(c)
    };
    for f in frags {
        match f {
            Frag::Text(t) => out.push_str(t),
            Frag::Code(id, at) => out.push_str(&src.codes[take(id, *at, false)?].open),
            Frag::Open(id, at) => out.push_str(&src.codes[take(id, *at, true)?].open),
            Frag::Close(id, at) => {
                let c = id.parse::<usize>().ok().and_then(|n| n.checked_sub(1));
                match c.and_then(|c| src.codes.get(c)).and_then(|c| c.close.as_ref()) {
                    Some(close) => out.push_str(close),
                    None => return Err((format!("inline code `{id}` is not in the English"), *at)),
                }
            }
        }
    }
    Ok((out, used))
}

/// What a translation must keep that `target` lost or changed.
fn damaged(source: &str, target: &str) -> Vec<String> {
    let (en, tr) = (rules::inventory(source), rules::inventory(target));
    let mut out: Vec<String> = rules::verbatim_mismatches(&en, &tr)
        .into_iter()
        .filter(|m| m.kind != "numbers")
        .map(|m| {
            let mut s = m.kind.to_string();
            if !m.lost.is_empty() {
                s.push_str(&format!(" missing `{}`", m.lost.join("`, `")));
            }
            if !m.added.is_empty() {
                s.push_str(&format!(" extra `{}`", m.added.join("`, `")));
            }
            s
        })
        .collect();
    let (a, b) = (en.markup, tr.markup);
    for (n, x, y) in [
        ("code spans", a.code, b.code),
        ("links", a.links, b.links),
        ("images", a.images, b.images),
    ] {
        if x != y {
            out.push(format!("{n} {x} → {y}"));
        }
    }
    out
}

/// The translation of entry `r` to write into unit `x`, `None` when it is
/// not to be written; or why it is refused.
fn target_of(r: &Resolved, x: &ExUnit, file: &SourceText) -> std::result::Result<Option<String>, Diagnostic> {
    let e = &r.entry;
    let refuse = |msg: String, at: usize, help: &str| {
        Diagnostic::error("exchange", msg)
            .at_offset(file, at.min(file.text.len()), 1)
            .help(help.to_string())
    };
    let src = Inline::parse(&x.source);
    let english = restore(&e.source.frags, &src).map(|(s, _)| s).unwrap_or_default();
    if !normalized_eq(&english, &x.source) {
        return Err(refuse(
            format!(
                "the English of unit `{}` is no longer the source's: it is now \"{}\"",
                e.key, x.source
            ),
            e.at,
            "export the page again and translate the current English",
        ));
    }
    if e.plural {
        return Err(refuse(
            "plural forms are not units of a page".into(),
            e.at,
            "remove msgid_plural",
        ));
    }
    if !e.is_ready() {
        return Ok(None);
    }
    let t = e.target.as_ref().map(|t| t.frags.as_slice()).unwrap_or(&[]);
    let (md, used) = restore(t, &src).map_err(|(m, at)| {
        refuse(
            format!("damaged inline code: {m}"),
            at,
            "keep each inline code of the English once, as the tool shows it",
        )
    })?;
    if x.state != State::Stale && x.target.as_deref() == Some(md.as_str()) {
        return Ok(Some(md));
    }
    let lost: Vec<String> = used
        .iter()
        .enumerate()
        .filter(|(_, u)| !**u)
        .map(|(c, _)| format!("`{}` ({})", c + 1, src.codes[c].open))
        .collect();
    let at = e.target.as_ref().map_or(e.at, |t| t.at);
    if !lost.is_empty() && !src.codes.is_empty() && t.iter().any(|f| !matches!(f, Frag::Text(_))) {
        return Err(refuse(
            format!("damaged inline code: the translation lost {}", lost.join(", ")),
            at,
            "keep each inline code of the English once",
        ));
    }
    let harm = damaged(&x.source, &md);
    if !harm.is_empty() {
        return Err(refuse(
            format!("damaged inline code: {}", harm.join("; ")),
            at,
            &format!("copy these exactly as in the English: \"{}\"", x.source),
        ));
    }
    let lower = md.to_ascii_lowercase();
    if lower.contains("<span") || lower.contains("</span") {
        return Err(refuse(
            "a translation cannot hold `<span>` tags: they would break the page's segments".into(),
            at,
            "remove the span tags",
        ));
    }
    let one_line = matches!(x.kind, BlockKind::Heading(_) | BlockKind::TableCell);
    if md.split('\n').skip(1).any(|l| l.trim().is_empty()) || (one_line && md.contains('\n')) {
        return Err(refuse(
            "the translation breaks the line its unit is on".into(),
            at,
            "write it on one line",
        ));
    }
    Ok(Some(md))
}

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
                    report.imported += 1;
                } else {
                    report.unchanged += 1;
                }
            }
            Place::Missing(k) => {
                missing.insert(*k, (md.clone(), x.source.clone()));
                report.imported += 1;
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
    if edits.is_empty() && tr.is_some() {
        return Ok(None);
    }
    edits.sort_by_key(|(r, _)| (r.start, r.end));

    let new_text = splice(&text, &edits, |s| s.to_string());
    // The page must read back with every old segment (less those merged)
    // and every new one, and no new span problem.
    let display = crate::diag::display_path(&site.root, &path);
    let page =
        crate::load::parse_page(display, new_text.clone().into_bytes(), locale, rel).map_err(|d| fail(d.message))?;
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

/// Writes one file through a temporary file beside it.
pub(super) fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = stage(path, bytes, None)?;
    tmp.persist(path).map_err(|e| Error::io("write", path, e.error))?;
    Ok(())
}

fn stage(path: &Path, bytes: &[u8], mode_of: Option<&Path>) -> Result<tempfile::NamedTempFile> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".locdoc-import-")
        .tempfile_in(dir)
        .map_err(|e| Error::io("write", dir, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io("write", path, e))?;
    tmp.flush().map_err(|e| Error::io("write", path, e))?;
    let perms = mode_of
        .and_then(|p| std::fs::metadata(p).ok())
        .map(|m| m.permissions())
        .or_else(default_permissions);
    if let Some(p) = perms {
        let _ = std::fs::set_permissions(tmp.path(), p);
    }
    Ok(tmp)
}

/// Pages locdoc creates: readable by all, as an editor would save them.
#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

/// Writes every change, or none: each page is staged beside its file
/// first; only when all are staged are they renamed into place, and a
/// rename that fails puts the pages already renamed back.
pub(super) fn write_all(changes: &[Change]) -> Result<()> {
    let mut staged = Vec::with_capacity(changes.len());
    for c in changes {
        let mode_of = c.original.as_ref().map(|_| c.path.as_path());
        staged.push(stage(&c.path, &c.bytes, mode_of)?);
    }
    for (i, tmp) in staged.into_iter().enumerate() {
        if let Err(e) = tmp.persist(&changes[i].path) {
            for c in &changes[..i] {
                let _ = match &c.original {
                    Some(b) => std::fs::write(&c.path, b),
                    None => std::fs::remove_file(&c.path),
                };
            }
            return Err(Error::io("write", &changes[i].path, e.error));
        }
    }
    Ok(())
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
    fn restore_puts_the_codes_back_and_refuses_foreign_or_doubled_ones() {
        let src = Inline::parse("Use `a` and **b**.");
        let f = |v: Vec<Frag>| restore(&v, &src);
        let ok = f(vec![
            Frag::Text("Použijte ".into()),
            Frag::Code("1".into(), 0),
            Frag::Text(" a ".into()),
            Frag::Open("2".into(), 0),
            Frag::Text("b".into()),
            Frag::Close("2".into(), 0),
        ])
        .unwrap();
        assert_eq!(ok.0, "Použijte `a` a **b**");
        assert!(
            f(vec![Frag::Code("7".into(), 5)])
                .unwrap_err()
                .0
                .contains("not in the English")
        );
        assert!(f(vec![Frag::Code("1".into(), 0), Frag::Code("1".into(), 9)]).is_err());
        assert!(f(vec![Frag::Code("2".into(), 0)]).unwrap_err().0.contains("pair"));
    }

    #[test]
    fn a_new_page_takes_the_english_front_matter_and_its_locale() {
        assert_eq!(
            new_page_front("title: A\nms.date: 1\n", "cs-CZ"),
            "---\ntitle: A\nms.date: 1\nms.contentlocale: cs-CZ\n---\n"
        );
        assert!(
            damaged("Call `a` with %1.", "Volejte `b` s %1.")
                .iter()
                .any(|d| d.contains("inline code"))
        );
        assert!(damaged("Call `a` with %1.", "Volejte `a` s %1.").is_empty());
    }
}
