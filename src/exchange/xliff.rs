//! XLIFF 1.2 with quick-xml: one `<file>` per page, one `<trans-unit>` per
//! unit (its key as `id`, its sxs ID as `resname`), inline Markdown as
//! `<ph>` (standalone, holding the Markdown) and `<g>` (paired) codes, the
//! English page and line as a location context group, the heading and a
//! stale unit's older English as notes.

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};

use super::inline::{Inline, Part};
use super::units::{ExUnit, State};
use super::{Entry, ExchangeFile, Frag, Text};
use crate::diag::{Diagnostic, SourceText};

const NS: &str = "urn:oasis:names:tc:xliff:document:1.2";

/// One page of an export: its path and its selected units.
pub type PageUnits<'a> = (&'a str, Vec<&'a ExUnit>);

struct W {
    w: Writer<Vec<u8>>,
}

impl W {
    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut e = BytesStart::new(name);
        for a in attrs {
            e.push_attribute(*a);
        }
        let _ = self.w.write_event(Event::Start(e));
    }
    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut e = BytesStart::new(name);
        for a in attrs {
            e.push_attribute(*a);
        }
        let _ = self.w.write_event(Event::Empty(e));
    }
    fn end(&mut self, name: &str) {
        let _ = self.w.write_event(Event::End(BytesEnd::new(name)));
    }
    fn text(&mut self, t: &str) {
        let _ = self.w.write_event(Event::Text(BytesText::new(t)));
    }
    fn element(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start(name, attrs);
        self.text(text);
        self.end(name);
    }
    fn parts(&mut self, parts: &[Part], src: &Inline) {
        for p in parts {
            match p {
                Part::Text(t) => self.text(t),
                Part::Ph(c) => {
                    let id = (c + 1).to_string();
                    self.element("ph", &[("id", &id), ("ctype", src.codes[*c].kind)], &src.codes[*c].open);
                }
                Part::Open(c) => {
                    let id = (c + 1).to_string();
                    self.start("g", &[("id", &id), ("ctype", src.codes[*c].kind)]);
                }
                Part::Close(_) => self.end("g"),
            }
        }
    }
}

/// An XLIFF 1.2 document for the pages of one locale.
pub fn write(source_locale: &str, locale: &str, pages: &[PageUnits<'_>]) -> String {
    let mut w = W {
        w: Writer::new(Vec::new()),
    };
    let _ = w.w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    w.text("\n");
    w.start("xliff", &[("version", "1.2"), ("xmlns", NS)]);
    for (rel, units) in pages {
        w.text("\n  ");
        w.start(
            "file",
            &[
                ("original", rel),
                ("source-language", source_locale),
                ("target-language", locale),
                ("datatype", "x-markdown"),
            ],
        );
        w.text("\n    ");
        w.start("header", &[]);
        w.empty(
            "tool",
            &[
                ("tool-id", "locdoc"),
                ("tool-name", "locdoc"),
                ("tool-version", env!("CARGO_PKG_VERSION")),
            ],
        );
        w.end("header");
        w.text("\n    ");
        w.start("body", &[]);
        // Units with the same English on the same line: their location
        // names the column too, so tools that key units by location
        // (translate-toolkit's xliff2po) keep them apart.
        let mut on_line: std::collections::HashMap<(&str, usize), usize> = Default::default();
        for u in units {
            *on_line.entry((u.source.as_str(), u.line)).or_default() += 1;
        }
        for u in units {
            let shared = on_line[&(u.source.as_str(), u.line)] > 1;
            unit(&mut w, source_locale, rel, u, shared);
        }
        w.text("\n    ");
        w.end("body");
        w.text("\n  ");
        w.end("file");
    }
    w.text("\n");
    w.end("xliff");
    w.text("\n");
    String::from_utf8(w.w.into_inner()).unwrap_or_default()
}

fn unit(w: &mut W, source_locale: &str, rel: &str, u: &ExUnit, shared_line: bool) {
    let src = Inline::parse(&u.source);
    let (state, target) = match u.state {
        State::New => ("new", None),
        State::Identical if !u.identical_ok => ("new", None),
        State::Stale => ("needs-review-translation", u.target.as_deref()),
        State::Identical | State::Translated => ("translated", u.target.as_deref()),
    };
    let mut attrs = vec![("id", u.key.as_str()), ("xml:space", "preserve")];
    if let Some(id) = &u.id {
        attrs.push(("resname", id.as_str()));
    }
    // A current translation is approved (translate-toolkit counts a unit
    // without approval as fuzzy).
    if state == "translated" {
        attrs.push(("approved", "yes"));
    }
    w.text("\n      ");
    w.start("trans-unit", &attrs);
    w.text("\n        ");
    w.start("source", &[("xml:lang", source_locale)]);
    w.parts(&src.parts, &src);
    w.end("source");
    w.text("\n        ");
    w.start("target", &[("state", state)]);
    if let Some(t) = target {
        w.parts(&src.align_target(&Inline::parse(t), u.state == State::Stale), &src);
    }
    w.end("target");
    w.text("\n        ");
    w.start("context-group", &[("purpose", "location")]);
    let file = format!("content/{source_locale}/{rel}");
    w.element("context", &[("context-type", "sourcefile")], &file);
    let line = if shared_line {
        format!("{}:{}", u.line, u.column)
    } else {
        u.line.to_string()
    };
    w.element("context", &[("context-type", "linenumber")], &line);
    w.end("context-group");
    if let Some(h) = &u.heading {
        w.text("\n        ");
        w.element("note", &[("from", "locdoc")], &format!("Under the heading: {h}"));
    }
    if u.state == State::Identical && !u.identical_ok {
        w.text("\n        ");
        w.element(
            "note",
            &[("from", "locdoc")],
            "The page has this text in English: translate it.",
        );
    }
    if let Some(p) = &u.previous {
        w.text("\n        ");
        w.element(
            "note",
            &[("from", "locdoc"), ("annotates", "source")],
            &format!("The English changed. The translation was made from: {p}"),
        );
    }
    w.text("\n      ");
    w.end("trans-unit");
}

/// Reads an XLIFF 1.2 file: every trans-unit with its key, source, target,
/// state and place in the file.
pub fn read(file: &SourceText) -> Result<ExchangeFile, Vec<Diagnostic>> {
    let text = file.text.as_str();
    let mut r = Reader::from_str(text);
    let mut out = ExchangeFile::default();
    let mut diags = Vec::new();
    let bad = |at: usize, msg: String| {
        Diagnostic::error("exchange", msg)
            .at_offset(file, at.min(text.len()), 1)
            .help("fix the file, or export it again with `locdoc export`")
    };
    let mut entry: Option<Entry> = None;
    // Inside <source> (Some(false)) or <target> (Some(true)).
    let mut inside: Option<bool> = None;
    let mut frags: Vec<Frag> = Vec::new();
    let mut g_stack: Vec<String> = Vec::new();
    // Depth inside a <ph>/<bpt>/<ept>/<it> whose content is not read.
    let mut skip = 0usize;
    let mut saw_xliff = false;
    loop {
        let at = r.buffer_position() as usize;
        let ev = match r.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                diags.push(bad(
                    r.buffer_position() as usize,
                    format!("this is not well-formed XML: {e}"),
                ));
                return Err(diags);
            }
        };
        let attr = |e: &BytesStart, name: &str| -> Option<String> {
            e.try_get_attribute(name).ok().flatten().and_then(|a| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
        };
        if skip > 0 {
            match ev {
                Event::Start(_) => skip += 1,
                Event::End(_) => skip -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match ev {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if inside.is_some() => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let id = attr(&e, "id").unwrap_or_default();
                match name.as_str() {
                    "g" => {
                        frags.push(Frag::Open(id.clone(), at));
                        g_stack.push(id);
                    }
                    "ph" | "x" | "bpt" | "ept" | "it" | "bx" | "ex" => {
                        frags.push(Frag::Code(id, at));
                        skip = usize::from(!is_empty_tag(text, at));
                    }
                    "mrk" => {}
                    other => diags.push(bad(at, format!("`<{other}>` is not an inline element locdoc reads"))),
                }
            }
            Event::End(e) if inside.is_some() => match e.local_name().as_ref() {
                b"g" => {
                    let id = g_stack.pop().unwrap_or_default();
                    frags.push(Frag::Close(id, at));
                }
                b"mrk" => {}
                b"source" | b"target" => {
                    let is_target = inside == Some(true);
                    inside = None;
                    if let Some(en) = entry.as_mut() {
                        let t = Text {
                            frags: std::mem::take(&mut frags),
                            at,
                        };
                        if is_target {
                            en.target = Some(t);
                        } else {
                            en.source = t;
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) if inside.is_some() => match t.xml10_content() {
                Ok(s) => push_text(&mut frags, &s),
                Err(e) => diags.push(bad(at, format!("unreadable text: {e}"))),
            },
            Event::CData(t) if inside.is_some() => push_text(&mut frags, &String::from_utf8_lossy(&t)),
            Event::GeneralRef(g) if inside.is_some() => {
                let resolved = if g.is_char_ref() {
                    g.resolve_char_ref().ok().flatten().map(String::from)
                } else {
                    let name = String::from_utf8_lossy(&g).into_owned();
                    quick_xml::escape::resolve_predefined_entity(&name).map(str::to_string)
                };
                match resolved {
                    Some(s) => push_text(&mut frags, &s),
                    None => diags.push(bad(
                        at,
                        "an unknown entity (XLIFF knows &amp; &lt; &gt; &quot; &apos; and &#N;)".into(),
                    )),
                }
            }
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"xliff" => {
                    saw_xliff = true;
                    if let Some(v) = attr(&e, "version")
                        && v != "1.2"
                    {
                        diags.push(bad(at, format!("XLIFF {v}: locdoc reads XLIFF 1.2")));
                    }
                }
                b"file" => {
                    out.source_locale = attr(&e, "source-language");
                    let lang = attr(&e, "target-language").unwrap_or_default();
                    match &out.locale {
                        Some((l, _)) if *l != lang => diags.push(bad(
                            at,
                            format!("this <file> is for {lang}, an earlier one for {l}: one locale per file"),
                        )),
                        Some(_) => {}
                        None => out.locale = Some((lang, at)),
                    }
                }
                b"trans-unit" => {
                    entry = Some(Entry {
                        key: attr(&e, "id").unwrap_or_default(),
                        at,
                        approved: attr(&e, "approved").as_deref() == Some("yes"),
                        ..Entry::default()
                    });
                }
                b"source" => {
                    inside = Some(false);
                    frags.clear();
                }
                b"target" => {
                    if let Some(en) = entry.as_mut() {
                        en.state = attr(&e, "state");
                    }
                    if is_empty_tag(text, at) {
                        if let Some(en) = entry.as_mut() {
                            en.target = Some(Text { frags: vec![], at });
                        }
                    } else {
                        inside = Some(true);
                        frags.clear();
                    }
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"trans-unit" => {
                if let Some(en) = entry.take() {
                    out.entries.push(en);
                }
            }
            _ => {}
        }
    }
    if !saw_xliff {
        diags.push(bad(0, "this file has no <xliff> element".into()));
    }
    if diags.is_empty() { Ok(out) } else { Err(diags) }
}

/// True when the tag starting at byte `at` ends with `/>`.
fn is_empty_tag(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or("");
    let mut quote = None;
    let mut prev = 0u8;
    for &b in rest.as_bytes() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return prev == b'/',
            _ => {}
        }
        prev = b;
    }
    false
}

fn push_text(frags: &mut Vec<Frag>, s: &str) {
    if let Some(Frag::Text(t)) = frags.last_mut() {
        t.push_str(s);
    } else if !s.is_empty() {
        frags.push(Frag::Text(s.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::units::ExUnit;
    use crate::segment::source::BlockKind;

    fn unit(source: &str, target: Option<&str>, state: State) -> ExUnit {
        ExUnit {
            key: "a.md#0123456789ab:1".into(),
            source: source.into(),
            target: target.map(str::to_string),
            state,
            previous: (state == State::Stale).then(|| "Old `x` text".to_string()),
            id: Some("abcde-102".into()),
            line: 3,
            column: 1,
            heading: Some("Usage".into()),
            block: 0,
            kind: BlockKind::Paragraph,
            place: crate::exchange::units::Place::Segments(vec![0]),
            identical_ok: false,
            holdable: true,
            range: 0..0,
        }
    }

    #[test]
    fn written_units_read_back_with_their_codes_state_and_place() {
        let u = unit(
            "Call `Open()` on the **channel** & go.",
            Some("Volejte `Open()` na **kanálu** a jděte."),
            State::Stale,
        );
        let text = write("en-US", "cs-CZ", &[("a.md", vec![&u])]);
        assert!(text.contains("<ph id=\"1\" ctype=\"x-code\">`Open()`</ph>"), "{text}");
        assert!(
            text.contains("<g id=\"2\" ctype=\"bold\">channel</g> &amp; go."),
            "{text}"
        );
        assert!(
            text.contains("<target state=\"needs-review-translation\">Volejte <ph id=\"1\""),
            "{text}"
        );
        let file = SourceText::new("x.xlf", text);
        let f = read(&file).unwrap();
        assert_eq!(f.locale.as_ref().unwrap().0, "cs-CZ");
        assert_eq!(f.source_locale.as_deref(), Some("en-US"));
        let e = &f.entries[0];
        assert_eq!(e.key, "a.md#0123456789ab:1");
        assert_eq!(e.state.as_deref(), Some("needs-review-translation"));
        assert!(!e.is_ready());
        assert_eq!(file.location(e.at).line, 6);
        let frags = &e.source.frags;
        assert_eq!(frags[0], Frag::Text("Call ".into()));
        assert!(matches!(&frags[1], Frag::Code(id, _) if id == "1"));
        assert!(matches!(&frags[3], Frag::Open(id, _) if id == "2"));
        assert_eq!(frags.last(), Some(&Frag::Text(" & go.".into())));
    }

    #[test]
    fn the_same_english_twice_on_a_line_has_the_column_in_its_location() {
        let a = unit("Yes", Some("Ano"), State::Translated);
        let mut b = a.clone();
        b.column = 9;
        let c = unit("No", None, State::New);
        let text = write("en-US", "cs-CZ", &[("a.md", vec![&a, &b, &c])]);
        let loc = |l: &str| {
            format!(
                "<context context-type=\"sourcefile\">content/en-US/a.md</context><context context-type=\"linenumber\">{l}</context>"
            )
        };
        for l in ["3:1", "3:9", "3"] {
            assert!(text.contains(&loc(l)), "{l}: {text}");
        }
        assert!(text.contains("<target state=\"new\"></target>"), "{text}");
        assert!(text.contains("approved=\"yes\">"), "{text}");
    }

    #[test]
    fn broken_xml_and_unknown_inline_elements_are_refused_where_they_are() {
        let bad = "<xliff version=\"1.2\"><file target-language=\"cs-CZ\"><body>\n<trans-unit id=\"k\"><source>a <b>x</b></source></trans-unit></body></file></xliff>";
        let d = read(&SourceText::new("x.xlf", bad.into())).unwrap_err();
        assert!(d[0].message.contains("`<b>`"), "{}", d[0].message);
        assert_eq!(d[0].location.as_ref().unwrap().line, 2);
        let d = read(&SourceText::new("x.xlf", "<xliff><file>\n<body></file>".into())).unwrap_err();
        assert!(d[0].message.contains("not well-formed"), "{}", d[0].message);
        let d = read(&SourceText::new("x.xlf", "plain text".into())).unwrap_err();
        assert!(d[0].message.contains("no <xliff>"), "{}", d[0].message);
    }
}
