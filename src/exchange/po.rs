//! gettext PO with polib: `msgctxt` is the unit key, `msgid` the current
//! English, `msgstr` the translation; `#:` the English page and line, `#.`
//! the heading, the sxs ID and the inline codes to keep; a stale unit is
//! `fuzzy` with the English it was translated from as `#| msgid`.
//!
//! polib neither writes `#|` lines nor says where an entry is, and it
//! panics on some malformed lines: [`read`] checks every line first (with
//! its line number) and hands polib only well-formed files.

use polib::catalog::Catalog;
use polib::message::{Message, MessageFlags};
use polib::metadata::CatalogMetadata;

use super::inline::Inline;
use super::units::State;
use super::xliff::PageUnits;
use super::{Entry, ExchangeFile, Frag, Text};
use crate::diag::{Diagnostic, SourceText};

/// gettext's form of a locale code: `cs-CZ` → `cs_CZ`.
pub fn gettext_language(code: &str) -> String {
    code.replace('-', "_")
}

/// A PO file for the pages of one locale.
pub fn write(site_title: &str, source_locale: &str, locale: &str, pages: &[PageUnits<'_>]) -> String {
    let metadata = CatalogMetadata {
        project_id_version: site_title.replace('\n', " "),
        language_team: format!("{locale} <none>"),
        last_translator: "none <none>".into(),
        po_revision_date: "2000-01-01 00:00+0000".into(),
        pot_creation_date: "2000-01-01 00:00+0000".into(),
        mime_version: "1.0".into(),
        content_type: "text/plain; charset=UTF-8".into(),
        content_transfer_encoding: "8bit".into(),
        language: gettext_language(locale),
        ..CatalogMetadata::default()
    };
    let mut catalog = Catalog::new(metadata);
    catalog.preheader = vec![
        format!("Translations of {source_locale} pages into {locale}, exported by locdoc."),
        "msgctxt is the unit's key: keep it. Import with `locdoc import FILE`.".into(),
    ];
    let mut previous: Vec<Option<String>> = Vec::new();
    for (rel, units) in pages {
        for u in units {
            let src = Inline::parse(&u.source);
            let mut notes = Vec::new();
            if let Some(h) = &u.heading {
                notes.push(format!("Under the heading: {h}"));
            }
            if let Some(id) = &u.id {
                notes.push(format!("sxs ID: {id}"));
            }
            let codes = src.describe();
            if !codes.is_empty() {
                notes.push(format!("Keep these as they are: {}", codes.join("  ")));
            }
            let msgstr = match u.state {
                State::New => String::new(),
                State::Identical if !u.identical_ok => {
                    notes.push("The page has this text in English: translate it.".into());
                    String::new()
                }
                _ => u.target.clone().unwrap_or_default(),
            };
            let mut flags = MessageFlags::new();
            if u.state == State::Stale {
                flags.add_flag("fuzzy");
            }
            catalog.append_or_update(
                Message::build_singular()
                    .with_extracted_comments(notes.join("\n"))
                    .with_source(format!("content/{source_locale}/{rel}:{}", u.line))
                    .with_flags(flags)
                    .with_msgctxt(u.key.clone())
                    .with_msgid(u.source.clone())
                    .with_msgstr(msgstr)
                    .done(),
            );
            previous.push(u.previous.clone());
        }
    }
    let mut buf = std::io::BufWriter::new(Vec::new());
    let _ = polib::po_file::write(&catalog, &mut buf);
    let text = String::from_utf8(buf.into_inner().unwrap_or_default()).unwrap_or_default();
    // The `#| msgid` of each stale entry, before its msgctxt.
    let mut out = String::with_capacity(text.len() + 64);
    let mut k = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("msgctxt ") {
            if let Some(Some(p)) = previous.get(k) {
                out.push_str(&format!("#| msgid \"{}\"\n", escape(p)));
            }
            k += 1;
        }
        out.push_str(line);
    }
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match it.next()? {
            '\\' => '\\',
            '"' => '"',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            _ => return None,
        });
    }
    Some(out)
}

const KEYWORDS: [&str; 4] = ["msgctxt", "msgid", "msgid_plural", "msgstr"];

/// The escaped string of a `"…"` token, if it is one.
fn quoted(s: &str) -> Option<&str> {
    let inner = s.strip_prefix('"')?.strip_suffix('"')?;
    // No bare quote inside: every `"` is escaped.
    let b = inner.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return None,
            _ => i += 1,
        }
    }
    (i == b.len()).then_some(inner)
}

/// Checks every line; returns, for each entry after the header, its first
/// line's offset and its decoded msgctxt.
fn scan(file: &SourceText) -> Result<Vec<(usize, String)>, Vec<Diagnostic>> {
    let text = file.text.as_str();
    let mut diags = Vec::new();
    let bad = |at: usize, len: usize, msg: &str| {
        Diagnostic::error("exchange", msg.to_string())
            .at_offset(file, at, len)
            .help("fix the line, or export the file again with `locdoc export`")
    };
    let mut entries = Vec::new();
    let mut field: Option<&str> = None;
    let mut start: Option<usize> = None;
    let mut ctxt: Option<String> = None;
    let mut pos = 0;
    let finish = |start: &mut Option<usize>, ctxt: &mut Option<String>, entries: &mut Vec<(usize, String)>| {
        if let Some(s) = start.take() {
            entries.push((s, ctxt.take().unwrap_or_default()));
        }
    };
    for raw in text.split_inclusive('\n') {
        let at = pos;
        pos += raw.len();
        let line = raw.trim_end_matches('\n').trim_end_matches('\r');
        if line.trim().is_empty() {
            finish(&mut start, &mut ctxt, &mut entries);
            field = None;
            continue;
        }
        if line.starts_with('#') {
            if field.is_some() && !line.starts_with("#~") {
                // A comment after the fields starts the next entry.
                finish(&mut start, &mut ctxt, &mut entries);
                field = None;
            }
            start.get_or_insert(at);
            continue;
        }
        let (kw, rest) = match line.split_once(' ') {
            Some((k, r)) if KEYWORDS.contains(&k) || (k.starts_with("msgstr[") && k.ends_with(']')) => (Some(k), r),
            _ => (None, line),
        };
        let Some(s) = quoted(rest) else {
            diags.push(bad(
                at,
                line.len(),
                "not a PO line: expected `keyword \"text\"` or a `\"…\"` continuation",
            ));
            continue;
        };
        if unescape(s).is_none() {
            diags.push(bad(
                at,
                line.len(),
                "an unknown escape (PO knows \\\\ \\\" \\n \\r \\t)",
            ));
            continue;
        }
        match kw {
            Some(k) => {
                if k == "msgctxt" || (k == "msgid" && field != Some("msgctxt")) {
                    if field.is_some_and(|f| f.starts_with("msgstr")) {
                        finish(&mut start, &mut ctxt, &mut entries);
                    }
                    start.get_or_insert(at);
                }
                if k == "msgctxt" {
                    ctxt = unescape(s);
                }
                field = Some(k);
            }
            None => match field {
                Some("msgctxt") => {
                    let more = unescape(s).unwrap_or_default();
                    ctxt.get_or_insert_with(String::new).push_str(&more);
                }
                Some(_) => {}
                None => diags.push(bad(at, line.len(), "a continuation line that continues nothing")),
            },
        }
    }
    finish(&mut start, &mut ctxt, &mut entries);
    if diags.is_empty() {
        // The first entry is the header.
        Ok(entries.into_iter().skip(1).collect())
    } else {
        Err(diags)
    }
}

/// Reads a PO file: every entry with its key, English, translation and
/// flags, and the line it starts on.
pub fn read(file: &SourceText) -> Result<ExchangeFile, Vec<Diagnostic>> {
    let places = scan(file)?;
    let parsed = std::panic::catch_unwind(|| polib::po_file::parse_from_reader(file.text.as_bytes()));
    let catalog = match parsed {
        Ok(Ok(c)) => c,
        Ok(Err(e)) => {
            return Err(vec![
                Diagnostic::error("exchange", format!("this is not a PO file polib reads: {e}"))
                    .at(file.location(0))
                    .help("the file starts with the header entry (msgid \"\" with the Language field)"),
            ]);
        }
        Err(_) => {
            return Err(vec![
                Diagnostic::error("exchange", "this PO file cannot be read").at(file.location(0)),
            ]);
        }
    };
    let mut out = ExchangeFile {
        locale: Some((
            catalog.metadata.language.replace('_', "-"),
            file.text.find("\"Language:").unwrap_or(0),
        )),
        ..ExchangeFile::default()
    };
    let at_of: rustc_hash::FxHashMap<&str, usize> = places.iter().map(|(a, k)| (k.as_str(), *a)).collect();
    for m in catalog.messages() {
        let key = m.msgctxt().unwrap_or("").to_string();
        let at = at_of.get(key.as_str()).copied().unwrap_or(0);
        let msgstr = m.msgstr().unwrap_or("").to_string();
        out.entries.push(Entry {
            at,
            source: Text {
                frags: vec![Frag::Text(m.msgid().to_string())],
                at,
            },
            target: (!msgstr.is_empty()).then(|| Text {
                frags: vec![Frag::Text(msgstr)],
                at,
            }),
            fuzzy: m.is_fuzzy(),
            state: None,
            approved: false,
            plural: m.is_plural(),
            key,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(t: &str) -> SourceText {
        SourceText::new("x.po", t.to_string())
    }

    #[test]
    fn escapes_round_trip() {
        for s in ["a \"b\" \\c\n\td", "", "plain"] {
            assert_eq!(unescape(&escape(s)).as_deref(), Some(s));
        }
        assert_eq!(unescape("bad \\q"), None);
    }

    #[test]
    fn lines_polib_would_panic_on_are_refused_with_their_line() {
        for (bad, line) in [
            ("msgid \"\"\nmsgstr \"\"\n\nmsgid \"a\nmsgstr \"\"\n", 4),
            ("msgid \"\"\nmsgstr \"\"\n\n\"orphan\"\n", 4),
            ("msgid \"\"\nmsgstr \"\"\n\nmsgid \"é\nmsgstr \"\"\n", 4),
            ("msgid \"\"\nmsgstr \"\"\n\nmsgid\nmsgstr \"\"\n", 4),
            ("msgid \"\"\nmsgstr \"\"\n\nmsgid \"a\"b\"\n", 4),
        ] {
            let d = read(&src(bad)).unwrap_err();
            assert_eq!(d[0].location.as_ref().unwrap().line, line, "{bad:?}");
        }
    }

    #[test]
    fn entries_keep_their_key_flags_and_line() {
        let po = "msgid \"\"\nmsgstr \"\"\n\"Language: cs_CZ\\n\"\n\n#, fuzzy\nmsgctxt \"a.md#0123456789ab:1\"\nmsgid \"One\"\nmsgstr \"Jedna\"\n\nmsgctxt \"a.md#\"\n\"0123456789ab:2\"\nmsgid \"Two\"\nmsgstr \"\"\n";
        let f = read(&src(po)).unwrap();
        assert_eq!(f.locale.as_ref().unwrap().0, "cs-CZ");
        assert_eq!(f.entries.len(), 2);
        assert!(f.entries[0].fuzzy);
        assert_eq!(f.entries[1].key, "a.md#0123456789ab:2");
        assert_eq!(src(po).location(f.entries[1].at).line, 10);
        assert!(f.entries[1].target.is_none());
    }
}
