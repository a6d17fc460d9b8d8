//! What `check` looks at inside one segment: the text a translation must
//! copy verbatim (placeholders, code, xref targets, URLs, include paths,
//! numbers), its formatting (bold, italic, code, links), whether an
//! identical translation is legitimately identical, and word diffs.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use pulldown_cmark::{Event, LinkType, Parser, Tag};
use regex::Regex;

use crate::config::CheckConfig;
use crate::segment::find_includes;
use crate::segment::markdown_options;

/// Everything in a segment that must survive translation unchanged, and
/// the counts of its formatting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inventory {
    /// `%1`, `{0}`, `{0:N2}`.
    pub placeholders: Vec<String>,
    /// Contents of code spans.
    pub code: Vec<String>,
    /// `<xref:Uid>` targets.
    pub xrefs: Vec<String>,
    /// Link and image destinations (not xrefs).
    pub urls: Vec<String>,
    /// `[!INCLUDE]` paths.
    pub includes: Vec<String>,
    /// Numbers in the text, outside all of the above, as their digits
    /// (`9,223,372` and `9 223 372` are `9223372`; `5.1` and `5,1` are
    /// `51`); digits after letters (`Win32`, `SP2`) are not numbers.
    pub numbers: Vec<String>,
    /// Values the text writes as English number words (`two` → 2,
    /// `twenty-five` → 25, `first` → 1).
    pub number_words: Vec<u64>,
    pub markup: Markup,
}

/// Formatting counts of a segment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Markup {
    pub bold: usize,
    pub italic: usize,
    pub code: usize,
    pub links: usize,
    pub images: usize,
    pub strikethrough: usize,
}

impl Markup {
    /// `bold 1 → 0, links 2 → 1` for the counts that differ.
    pub fn differences(&self, tr: &Markup) -> Vec<String> {
        let pairs = [
            ("bold", self.bold, tr.bold),
            ("italic", self.italic, tr.italic),
            ("code", self.code, tr.code),
            ("links", self.links, tr.links),
            ("images", self.images, tr.images),
            ("strikethrough", self.strikethrough, tr.strikethrough),
        ];
        pairs
            .iter()
            .filter(|(_, a, b)| a != b)
            .map(|(n, a, b)| format!("{n} {a} → {b}"))
            .collect()
    }
}

/// `% 1`, `1 %`, `1%`, `%  1`: what machine translation makes of `%1`.
static DAMAGED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"%\s+\d+|\d+\s*%").unwrap_or_else(|e| panic!("damaged regex: {e}")));

/// The end of the run of ASCII digits starting at `i`.
fn digits_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// The end of a .NET format item (`{0}`, `{0,-8}`, `{0:N2}`, `{1,5:X}`)
/// starting at `i`, if there is one.
fn format_item_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = digits_end(b, i + 1);
    if j == i + 1 {
        return None;
    }
    if b.get(j) == Some(&b',') {
        j += 1;
        while b.get(j) == Some(&b' ') {
            j += 1;
        }
        if b.get(j) == Some(&b'-') {
            j += 1;
        }
        let k = digits_end(b, j);
        if k == j {
            return None;
        }
        j = k;
    }
    if b.get(j) == Some(&b':') {
        while j < b.len() && b[j] != b'}' {
            if b[j] == b'{' {
                return None;
            }
            j += 1;
        }
    }
    (b.get(j) == Some(&b'}')).then_some(j + 1)
}

/// Placeholders (`%1`, `{0:N2}`), numbers and number words of plain text.
fn scan_text(t: &str, inv: &mut Inventory) {
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if b.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                let end = digits_end(b, i + 1);
                inv.placeholders.push(t[i..end].to_string());
                i = end;
            }
            b'{' => match format_item_end(b, i) {
                Some(end) => {
                    inv.placeholders.push(t[i..end].to_string());
                    i = end;
                }
                None => i += 1,
            },
            c if c.is_ascii_digit() => {
                let (end, digits) = number_end(t, i);
                // Digits after letters are part of a name (`Win32`, `SP2`);
                // before them they are a number (`64-bit`, `64bitový`, `11th`).
                if !t[..i].chars().next_back().is_some_and(char::is_alphabetic) {
                    inv.numbers.push(digits);
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    number_words(t, &mut inv.number_words);
}

/// The end of the number starting at `i` and its digits: a digit run, then
/// groups of three digits after `,` `.` `'` or a (no-break) space
/// (`9,223,372`, `9 223 372`, `1.000`), or one decimal part (`5.1`, `5,1`).
fn number_end(t: &str, i: usize) -> (usize, String) {
    let b = t.as_bytes();
    let mut end = digits_end(b, i);
    let mut digits = t[i..end].to_string();
    let first_group = end - i <= 3;
    let sep_len = |at: usize| -> Option<usize> {
        let c = t[at..].chars().next()?;
        matches!(c, ',' | '.' | '\'' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}').then(|| c.len_utf8())
    };
    // Groups of three.
    let mut grouped = false;
    while first_group && end < b.len() {
        let Some(n) = sep_len(end) else { break };
        let g = digits_end(b, end + n);
        if g - (end + n) != 3 {
            break;
        }
        digits.push_str(&t[end + n..g]);
        end = g;
        grouped = true;
    }
    // A decimal part, unless more of the same follow (`70,69,70` is a list,
    // `1.1.1` a section number).
    if !grouped && let Some(&sep) = b.get(end).filter(|c| matches!(c, b'.' | b',')) {
        let d = digits_end(b, end + 1);
        let chain = (b.get(d) == Some(&sep) && b.get(d + 1).is_some_and(u8::is_ascii_digit))
            || (i >= 2 && b[i - 1] == sep && b[i - 2].is_ascii_digit());
        if d > end + 1 && !chain {
            digits.push_str(&t[end + 1..d]);
            end = d;
        }
    }
    (end, digits)
}

/// The values of the English number words in `t`: cardinals to twenty, the
/// tens, hundred, thousand, million (and `twenty-five`), ordinals, `once`,
/// `twice`, `both`, `single`, `double`, `dozen`.
fn number_words(t: &str, out: &mut Vec<u64>) {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    const ORDINALS: [&str; 12] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
        "twelfth",
    ];
    const OTHER: [(&str, u64); 10] = [
        ("hundred", 100),
        ("thousand", 1000),
        ("million", 1_000_000),
        ("billion", 1_000_000_000),
        ("once", 1),
        ("twice", 2),
        ("both", 2),
        ("single", 1),
        ("double", 2),
        ("dozen", 12),
    ];
    if !t.bytes().any(|c| c.is_ascii_alphabetic()) {
        return;
    }
    let value = |w: &str| -> Option<u64> {
        let w = w.to_ascii_lowercase();
        if let Some(n) = UNITS.iter().position(|u| *u == w) {
            return Some(n as u64);
        }
        if let Some(n) = TENS.iter().position(|u| *u == w) {
            return Some(20 + 10 * n as u64);
        }
        if let Some(n) = ORDINALS.iter().position(|u| *u == w) {
            return Some(n as u64 + 1);
        }
        OTHER.iter().find(|(o, _)| *o == w).map(|(_, v)| *v)
    };
    for word in t.split(|c: char| !c.is_ascii_alphabetic() && c != '-') {
        let parts: Vec<Option<u64>> = word.split('-').map(value).collect();
        match parts.as_slice() {
            // `twenty-five`: tens and units.
            [Some(tens), Some(units)] if *tens >= 20 && *units < 10 => out.push(tens + units),
            _ => out.extend(parts.into_iter().flatten()),
        }
    }
}

/// True when `md` needs no Markdown parse to be scanned.
fn is_plain(md: &str) -> bool {
    !md.bytes()
        .any(|b| matches!(b, b'`' | b'*' | b'_' | b'[' | b'<' | b'~' | b'!' | b'\\' | b'&'))
}

/// The inventory of a segment's Markdown.
pub fn inventory(md: &str) -> Inventory {
    let mut inv = Inventory::default();
    let includes = find_includes(md);
    let owned;
    let md = if includes.is_empty() {
        md
    } else {
        let mut s = String::with_capacity(md.len());
        let mut pos = 0;
        for i in &includes {
            s.push_str(&md[pos..i.range.start]);
            s.push(' ');
            inv.includes.push(md[i.path.clone()].to_string());
            pos = i.range.end;
        }
        s.push_str(&md[pos..]);
        owned = s;
        &owned
    };
    if is_plain(md) {
        scan_text(md, &mut inv);
        return inv;
    }
    // A leading guard keeps the text inline (see render::markdown).
    let guarded = format!("\u{a1}{}", md.replace('\n', " "));
    let mut autolink_depth = 0usize;
    for ev in Parser::new_ext(&guarded, markdown_options()) {
        match ev {
            Event::Text(t) if autolink_depth == 0 => scan_text(&t, &mut inv),
            Event::Code(c) => {
                inv.markup.code += 1;
                inv.code.push(c.to_string());
            }
            Event::Start(Tag::Strong) => inv.markup.bold += 1,
            Event::Start(Tag::Emphasis) => inv.markup.italic += 1,
            Event::Start(Tag::Strikethrough) => inv.markup.strikethrough += 1,
            Event::Start(Tag::Image { dest_url, .. }) => {
                inv.markup.images += 1;
                inv.urls.push(dest_url.to_string());
            }
            Event::Start(Tag::Link {
                link_type, dest_url, ..
            }) => {
                if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    autolink_depth += 1;
                }
                match dest_url.strip_prefix("xref:") {
                    Some(uid) => inv.xrefs.push(uid.to_string()),
                    None => {
                        inv.markup.links += 1;
                        inv.urls.push(dest_url.to_string());
                    }
                }
            }
            Event::End(pulldown_cmark::TagEnd::Link) => autolink_depth = autolink_depth.saturating_sub(1),
            _ => {}
        }
    }
    inv
}

/// True when `a` and `b` hold the same items, in any order.
fn same_multiset(a: &[String], b: &[String]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a == b {
        return true;
    }
    let mut x: Vec<&String> = a.iter().collect();
    let mut y: Vec<&String> = b.iter().collect();
    x.sort_unstable();
    y.sort_unstable();
    x == y
}

/// `a` minus `b` as multisets, sorted.
fn minus(a: &[String], b: &[String]) -> Vec<String> {
    let mut counts: BTreeMap<&str, isize> = BTreeMap::new();
    for x in a {
        *counts.entry(x).or_default() += 1;
    }
    for x in b {
        *counts.entry(x).or_default() -= 1;
    }
    let mut out = Vec::new();
    for (k, n) in counts {
        for _ in 0..n.max(0) {
            out.push(k.to_string());
        }
    }
    out
}

/// One kind of verbatim text that differs between English and translation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    pub kind: &'static str,
    /// In the English, not in the translation.
    pub lost: Vec<String>,
    /// In the translation, not in the English.
    pub added: Vec<String>,
}

/// What the translation changed that it should have copied. Code contents
/// and URLs are compared only when the counts of code spans and links agree
/// (otherwise the `markup` rule reports the difference).
pub fn verbatim_mismatches(en: &Inventory, tr: &Inventory) -> Vec<Mismatch> {
    let mut out = Vec::new();
    let mut cmp = |kind: &'static str, a: &[String], b: &[String]| {
        if same_multiset(a, b) {
            return;
        }
        let lost = minus(a, b);
        let added = minus(b, a);
        if !lost.is_empty() || !added.is_empty() {
            out.push(Mismatch { kind, lost, added });
        }
    };
    cmp("placeholders", &en.placeholders, &tr.placeholders);
    if en.markup.code == tr.markup.code {
        cmp("inline code", &en.code, &tr.code);
    }
    cmp("xref targets", &en.xrefs, &tr.xrefs);
    if en.markup.links == tr.markup.links && en.markup.images == tr.markup.images {
        cmp("URLs", &en.urls, &tr.urls);
    }
    cmp("include paths", &en.includes, &tr.includes);
    out
}

/// The numbers of the English a translation lost or changed: `None` when
/// every number of the English is in the translation. Numbers only the
/// translation has are reported only beside a lost one (a changed number),
/// and never when the English writes them as words (`one request` →
/// `1 つの要求`). The digits of a damaged `%1` (`% 1`) are the placeholder
/// rule's, not numbers.
pub fn number_mismatch(en: &Inventory, tr: &Inventory) -> Option<Mismatch> {
    let digits = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|p| {
                p.chars()
                    .skip_while(|c| !c.is_ascii_digit())
                    .take_while(char::is_ascii_digit)
                    .collect()
            })
            .collect()
    };
    let en_numbers = minus(&en.numbers, &digits(&minus(&tr.placeholders, &en.placeholders)));
    let tr_numbers = minus(&tr.numbers, &digits(&minus(&en.placeholders, &tr.placeholders)));
    let lost = minus(&en_numbers, &tr_numbers);
    if lost.is_empty() {
        return None;
    }
    let added = minus(&tr_numbers, &en_numbers)
        .into_iter()
        .filter(|n| !n.parse::<u64>().is_ok_and(|v| en.number_words.contains(&v)))
        .collect();
    Some(Mismatch {
        kind: "numbers",
        lost,
        added,
    })
}

/// What machine translation leaves of inline code or an xref it could not
/// carry over: `@No__t-0`, `@no__t-1`.
static DAMAGED_CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)@no__t-?\d+").unwrap_or_else(|e| panic!("damaged code regex: {e}")));

/// Inline code or xrefs the translation damaged (`@No__t-0`), as a
/// mismatch of its own: the text that stands where code was.
pub fn damaged_code(tr: &str) -> Option<Mismatch> {
    let added: Vec<String> = DAMAGED_CODE.find_iter(tr).map(|m| m.as_str().to_string()).collect();
    (!added.is_empty()).then_some(Mismatch {
        kind: "damaged code",
        lost: Vec::new(),
        added,
    })
}

/// Places where the translation holds a damaged form of `%N` (`% 1`, `1%`).
pub fn damaged_placeholders(tr: &str) -> Vec<String> {
    DAMAGED.find_iter(tr).map(|m| m.as_str().to_string()).collect()
}

/// True when a translation identical to its English is expected to be:
/// numbers and symbols, identifiers (`ActivationServices`, `System.Foo`,
/// `ID`), or texts the site lists in `allow_identical`.
/// `inv` is the inventory of `text`.
pub fn legitimately_identical(text: &str, inv: &Inventory, cfg: &CheckConfig) -> bool {
    let t = text.trim();
    if cfg.allow_identical.iter().any(|a| a.trim() == t) {
        return true;
    }
    // Text without placeholders, code, URLs, includes and markup.
    let mut words = t.to_string();
    for p in &inv.placeholders {
        words = words.replace(p.as_str(), " ");
    }
    for c in &inv.code {
        words = words.replace(c.as_str(), " ");
    }
    for u in inv.urls.iter().chain(&inv.xrefs).chain(&inv.includes) {
        words = words.replace(u.as_str(), " ");
    }
    if cfg.allow_identical_numbers && !words.chars().any(char::is_alphabetic) {
        return true;
    }
    if cfg.allow_identical_identifiers {
        // Every word with letters is an identifier: `4031 - DispatchSessionFailed`,
        // `Microsoft-Windows-Application Server-Applications/Analytic`.
        let mut words_with_letters = words
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.chars().any(char::is_alphabetic))
            .peekable();
        if words_with_letters.peek().is_some() && words_with_letters.all(looks_like_identifier) {
            return true;
        }
    }
    false
}

/// `ActivationServices`, `System.ServiceModel`, `WCF`, `ID`, `x64`,
/// `my_name`: not a word of a natural language.
fn looks_like_identifier(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    let inner_upper = s.chars().skip(1).any(char::is_uppercase) && s.chars().any(char::is_lowercase);
    let all_caps = letters.len() >= 2 && upper == letters.len();
    let has_digit = s.chars().any(|c| c.is_ascii_digit());
    let has_sep = s.contains(['_', '.', ':', '/', '\\', '@', '#']);
    inner_upper || all_caps || has_digit || has_sep
}

/// A word-level diff of `old` → `new` in git's word-diff style
/// (`[-old-]{+new+}`), with long unchanged stretches shortened to `…`.
pub fn word_diff(old: &str, new: &str) -> String {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_words(old, new);
    let mut out = String::new();
    let mut equal = String::new();
    let flush_equal = |equal: &mut String, out: &mut String, last: bool| {
        let words: Vec<&str> = equal.split_inclusive(' ').collect();
        const KEEP: usize = 4;
        if words.len() > 2 * KEEP + 1 {
            let first = out.is_empty();
            if !first {
                out.push_str(&words[..KEEP].concat());
            }
            out.push_str("… ");
            if !last {
                out.push_str(&words[words.len() - KEEP..].concat());
            }
        } else {
            out.push_str(equal);
        }
        equal.clear();
    };
    let mut pending_del = String::new();
    let mut pending_ins = String::new();
    let flush_changes = |del: &mut String, ins: &mut String, out: &mut String| {
        if !del.is_empty() {
            out.push_str(&format!("[-{}-]", del.trim_end()));
            if del.ends_with(' ') && ins.is_empty() {
                out.push(' ');
            }
        }
        if !ins.is_empty() {
            out.push_str(&format!("{{+{}+}}", ins.trim_end()));
            if ins.ends_with(' ') {
                out.push(' ');
            }
        }
        del.clear();
        ins.clear();
    };
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Equal => {
                flush_changes(&mut pending_del, &mut pending_ins, &mut out);
                equal.push_str(change.value());
            }
            ChangeTag::Delete => {
                if !equal.is_empty() {
                    flush_equal(&mut equal, &mut out, false);
                }
                pending_del.push_str(change.value());
            }
            ChangeTag::Insert => {
                if !equal.is_empty() {
                    flush_equal(&mut equal, &mut out, false);
                }
                pending_ins.push_str(change.value());
            }
        }
    }
    flush_changes(&mut pending_del, &mut pending_ins, &mut out);
    if !equal.is_empty() {
        flush_equal(&mut equal, &mut out, true);
    }
    out.trim_end().to_string()
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
