//! Segment: cut pages into the units translation works on.
//!
//! - [`sxs`] finds the side-by-side segments of a locale page.
//! - [`source`] finds the translatable blocks of an English source page
//!   (headings, paragraphs, table cells, list items) with their inline
//!   structure, so the aligner can place lookups inside them.
//!
//! This module holds the text helpers both share: whitespace normalisation
//! for matching, DocFX include tokens, and heading slugs.

pub mod code;
pub mod docfx;
pub mod source;
pub mod sxs;

use std::ops::Range;

use pulldown_cmark::Options;

/// The Markdown dialect locdoc reads: CommonMark with GitHub tables, alerts
/// and strikethrough.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_GFM | Options::ENABLE_STRIKETHROUGH
}

/// Characters that are invisible and carry no meaning for matching.
pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// Whitespace for matching: Unicode White_Space (which includes NBSP).
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// The characters of `s` normalised for matching: runs of whitespace (NBSP
/// included) become one space, zero-width characters go, both ends are
/// trimmed, and differences of escaping only are undone: a backslash before
/// ASCII punctuation goes (`WS-\*` is `WS-*`) and `&#124;` is `|`.
/// Allocates nothing.
pub fn normalized_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut rest = s;
    let mut started = false;
    let mut held: Option<char> = None;
    std::iter::from_fn(move || {
        if let Some(c) = held.take() {
            return Some(c);
        }
        let mut space = false;
        while let Some(c) = rest.chars().next() {
            let (c, len) = unescaped(rest, c);
            rest = &rest[len..];
            if is_zero_width(c) {
                continue;
            }
            if is_space(c) {
                space = started;
                continue;
            }
            started = true;
            if space {
                held = Some(c);
                return Some(' ');
            }
            return Some(c);
        }
        None
    })
}

/// The character that `text` (starting with `c`) stands for once escaping
/// is undone, and how many bytes it takes: `\*` is `*` (2 bytes),
/// `&#124;` is `|` (6 bytes); any other character is itself.
fn unescaped(text: &str, c: char) -> (char, usize) {
    match c {
        '\\' => match text[1..].chars().next() {
            Some(p) if p.is_ascii_punctuation() => (p, 2),
            _ => (c, 1),
        },
        '&' if text.starts_with("&#124;") => ('|', 6),
        _ => (c, c.len_utf8()),
    }
}

/// `s` with runs of whitespace (NBSP included) collapsed to one space,
/// zero-width characters removed and both ends trimmed: the form in which
/// lookups are compared with the English source.
pub fn normalize(s: &str) -> String {
    if is_normal(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    out.extend(normalized_chars(s));
    out
}

/// True when [`normalize`] would leave `s` as it is: ASCII without tabs or
/// line breaks, no double spaces, no spaces at the ends. Most lookups are.
fn is_normal(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    for &c in b {
        if c >= 0x80 || c == b'\t' || c == b'\n' || c == b'\r' || c == 0x0b || c == 0x0c || c == b'\\' || c == b'&' {
            return false;
        }
        let space = c == b' ';
        if space && prev_space {
            return false;
        }
        prev_space = space;
    }
    true
}

/// `s` with its spaces normalised as [`normalize`] does, its escapes
/// (`\<`, `&#124;`) kept: the same Markdown on one line.
pub fn normalize_markdown(s: &str) -> String {
    if is_normal(s) {
        return s.to_string();
    }
    let mut n = NormText::default();
    n.push(s, 0..s.len());
    n.markdown(s, 0..n.text.len())
}

/// True when `a` and `b` are equal once normalised.
pub fn normalized_eq(a: &str, b: &str) -> bool {
    normalized_chars(a).eq(normalized_chars(b))
}

/// Normalised text that remembers, for each of its bytes, the byte offset
/// in the original it came from; so a match in the normalised text maps back
/// to an exact source range. The map is kept as runs of bytes that map one
/// to one (a run breaks where spaces collapse, zero-width characters drop
/// or pieces join), a few per block instead of four bytes per byte.
#[derive(Clone, Debug, Default)]
pub struct NormText {
    pub text: String,
    /// `(first normalised byte, its source byte)` of each run, in order.
    runs: Vec<(u32, u32)>,
    /// `(normalised byte, source start, source end)` of each character
    /// that stands for an escape (`\*`, `&#124;`), in order.
    escapes: Vec<(u32, u32, u32)>,
    pending_space: Option<u32>,
    /// A backslash that escapes the next character pushed.
    escape_start: Option<u32>,
}

impl NormText {
    /// Appends `src[range]`, normalising as [`normalize`] does. A backslash
    /// escape may straddle pieces (Markdown parsers split text there).
    pub fn push(&mut self, src: &str, range: Range<usize>) {
        let piece = &src[range.clone()];
        let mut i = 0;
        while let Some(c) = piece[i..].chars().next() {
            let off = (range.start + i) as u32;
            if c == '\\'
                && self.escape_start.is_none()
                && src[range.start + i + 1..].starts_with(|p: char| p.is_ascii_punctuation())
            {
                // The escaped character stands for both bytes.
                self.escape_start = Some(off);
                i += 1;
                continue;
            }
            // The character a backslash escapes is itself (`\\*` is `\*`).
            let (c, len) = match self.escape_start {
                Some(_) => (c, c.len_utf8()),
                None => unescaped(&piece[i..], c),
            };
            i += len;
            if is_zero_width(c) {
                continue;
            }
            if is_space(c) {
                if !self.text.is_empty() && self.pending_space.is_none() {
                    self.pending_space = Some(off);
                }
                continue;
            }
            if let Some(sp) = self.pending_space.take() {
                self.map_next(sp);
                self.text.push(' ');
            }
            let start = self.escape_start.take().unwrap_or(off);
            if start != off || len != c.len_utf8() {
                self.escapes.push((self.text.len() as u32, start, off + len as u32));
            }
            self.map_next(off);
            self.text.push(c);
        }
    }

    /// Records that the next byte pushed (and the rest of its character)
    /// comes from source byte `src`.
    fn map_next(&mut self, src: u32) {
        let at = self.text.len() as u32;
        match self.runs.last() {
            Some(&(n, s)) if s + (at - n) == src => {}
            _ => self.runs.push((at, src)),
        }
    }

    /// The source byte that normalised byte `i` came from.
    fn source_of(&self, i: usize) -> usize {
        let k = self.runs.partition_point(|&(n, _)| n as usize <= i);
        match k.checked_sub(1).map(|k| self.runs[k]) {
            Some((n, s)) => s as usize + (i - n as usize),
            None => 0,
        }
    }

    /// Marks a word break (as a line break between two pieces is).
    pub fn push_break(&mut self, at: usize) {
        if !self.text.is_empty() && self.pending_space.is_none() {
            self.pending_space = Some(at as u32);
        }
    }

    /// The source byte range that normalised bytes `range` came from.
    pub fn source_range(&self, src: &str, range: Range<usize>) -> Range<usize> {
        if range.start >= self.text.len() {
            return src.len()..src.len();
        }
        let escape = |i: usize| {
            let k = self.escapes.partition_point(|&(n, _, _)| (n as usize) < i);
            self.escapes.get(k).filter(|&&(n, _, _)| n as usize == i)
        };
        let start = escape(range.start).map_or_else(|| self.source_of(range.start), |&(_, s, _)| s as usize);
        if range.is_empty() {
            return start..start;
        }
        // To the end of the character of the last byte.
        let last = escape(range.end - 1).map(|&(_, _, e)| e as usize);
        let mut end = last.unwrap_or_else(|| self.source_of(range.end - 1) + 1).min(src.len());
        while !src.is_char_boundary(end) {
            end += 1;
        }
        start..end
    }

    /// Normalised bytes `range` as Markdown: the spaces collapsed as in
    /// [`Self::text`], but each escape (`\<`, `&#124;`) written as the
    /// source has it, so the text reads back as the same Markdown.
    pub fn markdown(&self, src: &str, range: Range<usize>) -> String {
        let k = self.escapes.partition_point(|&(n, _, _)| (n as usize) < range.start);
        let mut out = String::with_capacity(range.len() + 8);
        let mut pos = range.start;
        for &(n, s, e) in &self.escapes[k..] {
            let n = n as usize;
            if n >= range.end {
                break;
            }
            let Some(c) = self.text[n..].chars().next() else { break };
            out.push_str(&self.text[pos..n]);
            out.push_str(
                src.get(s as usize..e as usize)
                    .unwrap_or(&self.text[n..n + c.len_utf8()]),
            );
            pos = n + c.len_utf8();
        }
        out.push_str(&self.text[pos.min(range.end)..range.end]);
        out
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// A DocFX include token `[!INCLUDE[name](path)]` in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Include {
    /// The whole token.
    pub range: Range<usize>,
    pub name: Range<usize>,
    pub path: Range<usize>,
}

/// Finds `[!INCLUDE[name](path)]` tokens (case-insensitive `INCLUDE`), in
/// one pass: where the next `]` and `)` are is remembered, not searched for
/// again from each `[!`.
pub fn find_includes(text: &str) -> Vec<Include> {
    let mut out = Vec::new();
    if memchr::memmem::find(text.as_bytes(), b"[!").is_none() {
        return out;
    }
    let b = text.as_bytes();
    // The first `c` at or after a position; `None` once there is none.
    let next = |c: u8, from: usize, memo: &mut Option<usize>| -> Option<usize> {
        if memo.is_some_and(|m| m >= from) {
            return *memo;
        }
        *memo = memchr::memchr(c, b.get(from..)?).map(|j| from + j);
        *memo
    };
    let (mut close_bracket, mut close_paren) = (None, None);
    for start in memchr::memmem::find_iter(b, b"[!") {
        if out.last().is_some_and(|inc: &Include| start < inc.range.end) {
            continue;
        }
        let rest = &b[start + 2..];
        if rest.len() < 8 || !rest[..7].eq_ignore_ascii_case(b"include") {
            continue;
        }
        let mut i = start + 9;
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        if b.get(i) != Some(&b'[') {
            continue;
        }
        let Some(name_end) = next(b']', i + 1, &mut close_bracket) else {
            break;
        };
        if b.get(name_end + 1) != Some(&b'(') {
            continue;
        }
        let path_start = name_end + 2;
        let Some(path_end) = next(b')', path_start, &mut close_paren) else {
            break;
        };
        if b.get(path_end + 1) != Some(&b']') {
            continue;
        }
        out.push(Include {
            range: start..path_end + 2,
            name: i + 1..name_end,
            path: path_start..path_end,
        });
    }
    out
}

/// How deeply the HTML elements of `html` nest, and the byte offset of the
/// first start tag that went past `limit` (if one did). A linear scan of
/// the tags, not a parse: void elements and `/>` do not nest, a close tag
/// closes one level.
pub fn html_depth(html: &str, limit: usize) -> (usize, Option<usize>) {
    const VOID: [&[u8]; 14] = [
        b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param", b"source",
        b"track", b"wbr",
    ];
    let b = html.as_bytes();
    let (mut depth, mut max, mut over) = (0usize, 0usize, None);
    for lt in memchr::memchr_iter(b'<', b) {
        match b.get(lt + 1) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let name_end = b[lt + 1..]
                    .iter()
                    .position(|c| !c.is_ascii_alphanumeric() && *c != b'-')
                    .map_or(b.len(), |j| lt + 1 + j);
                let name = &b[lt + 1..name_end];
                let gt = memchr::memchr(b'>', &b[name_end..]).map(|j| name_end + j);
                let self_closing = gt.is_some_and(|g| g > 0 && b[g - 1] == b'/');
                if VOID.iter().any(|v| v.eq_ignore_ascii_case(name)) || self_closing {
                    continue;
                }
                depth += 1;
                if depth > max {
                    max = depth;
                    if max > limit && over.is_none() {
                        over = Some(lt);
                    }
                }
            }
            _ => {}
        }
    }
    (max, over)
}

/// The anchor of a heading, as DocFX makes it from the English heading
/// text: lower case, spaces to `-`, other punctuation dropped
/// (`4031 - DispatchSessionFailed` → `4031---dispatchsessionfailed`).
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c == ' ' || c == '-' || c == '\u{a0}' {
            out.push('-');
        } else if c == '_' {
            out.push('_');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_only_differences_normalise_away() {
        assert_eq!(normalize("RST\\*/SCT and WS-\\*"), "RST*/SCT and WS-*");
        assert_eq!(normalize("a &#124; b"), "a | b");
        assert_eq!(
            normalize("C:\\path\\x"),
            "C:\\path\\x",
            "a backslash before a letter stays"
        );
        assert!(normalized_eq("\\<system.serviceModel>", "<system.serviceModel>"));
    }

    #[test]
    fn an_escape_maps_back_to_all_its_source_bytes() {
        // As a Markdown parser gives the text: the backslash in a gap
        // between two pieces.
        let src = "Contains RST\\*/SCT exchanges";
        let mut n = NormText::default();
        n.push(src, 0..12);
        n.push(src, 12..13);
        n.push(src, 13..src.len());
        assert_eq!(n.text, "Contains RST*/SCT exchanges");
        let star = n.text.find('*').unwrap();
        assert_eq!(&src[n.source_range(src, star..star + 1)], "\\*");
        assert_eq!(&src[n.source_range(src, star..n.text.len())], "\\*/SCT exchanges");
        assert_eq!(&src[n.source_range(src, 0..star + 1)], "Contains RST\\*");
        let src = "x &#124; y";
        let mut n = NormText::default();
        n.push(src, 0..src.len());
        assert_eq!(n.text, "x | y");
        assert_eq!(&src[n.source_range(src, 2..3)], "&#124;");
    }

    #[test]
    fn the_markdown_of_normalised_text_keeps_its_escapes() {
        let src = "within the \\<system.serviceModel>\\<diagnostics>  section &#124; x";
        assert_eq!(
            normalize_markdown(src),
            "within the \\<system.serviceModel>\\<diagnostics> section &#124; x"
        );
        assert_eq!(normalize_markdown("  a \\\\*b\n c "), "a \\\\*b c");
        assert_eq!(normalize("a \\\\*b"), "a \\*b");
        let mut n = NormText::default();
        n.push(src, 0..src.len());
        let i = n.text.find('<').unwrap();
        assert_eq!(n.markdown(src, i..i + 1), "\\<");
        assert_eq!(n.markdown(src, i + 1..i + 7), "system");
    }

    #[test]
    fn normalize_collapses_spaces_nbsp_and_zero_width() {
        assert_eq!(normalize("  a \u{a0} b\u{200b}c \n d  "), "a bc d");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn the_shortcut_agrees_with_the_full_normalisation() {
        for s in [
            "plain text.",
            " lead",
            "trail ",
            "two  spaces",
            "tab\there",
            "čeština",
            "a\u{a0}b",
            "",
            "x",
        ] {
            assert_eq!(normalize(s), normalized_chars(s).collect::<String>(), "{s:?}");
        }
    }

    #[test]
    fn normalized_equality_ignores_spacing_only() {
        assert!(normalized_eq(" a\u{a0}\u{a0}b\u{200b} ", "a b"));
        assert!(!normalized_eq("a b", "ab"));
        assert!(!normalized_eq("a b", "a bc"));
        assert!(normalized_eq("", " \u{a0}"));
    }

    #[test]
    fn norm_text_maps_matches_back_to_source_bytes() {
        let src = "ab  \n> čd e";
        let mut n = NormText::default();
        n.push(src, 0..5);
        n.push(src, 7..src.len());
        assert_eq!(n.text, "ab čd e");
        let i = n.text.find("čd").unwrap();
        let r = n.source_range(src, i..i + "čd".len());
        assert_eq!(&src[r], "čd");
    }

    #[test]
    fn norm_text_maps_ranges_ending_in_wide_characters_across_odd_spaces() {
        let src = "Klíč\u{a0}\u{a0}slova\u{200b}  že\n\tč";
        let mut n = NormText::default();
        n.push(src, 0..src.len());
        assert_eq!(n.text, "Klíč slova že č");
        for needle in ["Klíč", "íč", "slova", "č slova že", "že č", "č", " "] {
            for (i, _) in n.text.match_indices(needle) {
                let r = n.source_range(src, i..i + needle.len());
                assert_eq!(normalize(&src[r.clone()]), needle.trim(), "{needle} at {i}: {r:?}");
            }
        }
        assert_eq!(n.source_range(src, n.len()..n.len()), src.len()..src.len());
        // A run per break in the one-to-one map, not a word per byte.
        assert!(n.runs.len() <= 5, "{:?}", n.runs);
    }

    #[test]
    fn includes_are_found_with_name_and_path() {
        let t = "In [!INCLUDE[netfx_current_long](../../includes/netfx-md.md)] and [!include [wv](x.md)].";
        let inc = find_includes(t);
        assert_eq!(inc.len(), 2);
        assert_eq!(&t[inc[0].name.clone()], "netfx_current_long");
        assert_eq!(&t[inc[0].path.clone()], "../../includes/netfx-md.md");
        assert_eq!(&t[inc[1].range.clone()], "[!include [wv](x.md)]");
        assert!(find_includes("[!NOTE]").is_empty());
    }

    #[test]
    fn include_tokens_are_found_in_one_pass_over_a_line_of_open_tokens() {
        // Each `[!include[x` without a `]` once searched to the end.
        let t = "[!include[x".repeat(20_000) + "[!INCLUDE[a](b.md)]";
        let inc = find_includes(&t);
        assert_eq!(inc.len(), 1, "tokens do not overlap");
        assert_eq!(inc[0].range, 0..t.len());
        let t = "[!include[x(".repeat(20_000);
        assert!(find_includes(&t).is_empty());
        let t = "[!include[x](y) ".repeat(3) + "[!include[a](b.md)]";
        assert_eq!(find_includes(&t).len(), 1);
    }

    #[test]
    fn html_depth_counts_nesting_not_tags() {
        assert_eq!(html_depth("<b>a</b> <i>b</i>", 10), (1, None));
        assert_eq!(html_depth("<b><i>x</i></b><br><img src=x/><hr/>", 10), (2, None));
        assert_eq!(html_depth("a < b and 3<4", 10), (0, None));
        let deep = "<div>".repeat(5);
        assert_eq!(html_depth(&deep, 3), (5, Some(15)));
        assert_eq!(html_depth("<span/><SPAN>x</SPAN>", 0), (1, Some(7)));
    }

    #[test]
    fn slugs_match_docfx_anchors() {
        assert_eq!(slugify("4031 - DispatchSessionFailed"), "4031---dispatchsessionfailed");
        assert_eq!(
            slugify("Enable WCF Diagnostics Settings"),
            "enable-wcf-diagnostics-settings"
        );
        assert_eq!(slugify("What's new?"), "whats-new");
    }
}
