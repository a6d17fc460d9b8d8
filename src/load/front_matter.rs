//! YAML front matter: where it is, and what locdoc reads from it. Simple
//! front matter (one `key: value` per line, as the translation tools write
//! it) is read without the YAML parser; anything else goes to serde-saphyr,
//! whose errors name the line and column in the file.

use std::ops::Range;

use indexmap::IndexMap;
use serde_json::Value;

use crate::diag::{Diagnostic, SourceText};

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub slug: Option<String>,
    /// `ms.translationtype`, e.g. `MT` for machine translation.
    pub translation_type: Option<String>,
    /// `ms.contentlocale`, the locale the translation tool wrote the page for.
    pub content_locale: Option<String>,
    /// `source_hash`, the English revision a whole-page translation was
    /// made from (see [`super::whole`]).
    pub source_hash: Option<String>,
    pub fields: IndexMap<String, Value>,
}

/// A page read from disk and split into front matter and body.
fn is_fence(line: &str, fence: &str) -> bool {
    line.strip_prefix(fence)
        .is_some_and(|rest| rest.trim_matches([' ', '\t']).is_empty())
}

/// Finds the YAML front matter: a first line `---`, then YAML, then a line
/// `---` (or `...`). Returns the YAML's byte range and where the body starts.
pub(super) fn split_front_matter(src: &SourceText) -> Result<(Range<usize>, usize), Diagnostic> {
    let text = &src.text;
    let first_end = text.find('\n').unwrap_or(text.len());
    if !is_fence(&text[..first_end], "---") {
        let what = if text.trim().is_empty() {
            "the page is empty: it has no front matter"
        } else {
            "the page has no front matter"
        };
        return Err(Diagnostic::error("front-matter", what)
            .at_offset(src, 0, first_end)
            .help("start the file with a line `---`, then `title: ...`, then a closing line `---`"));
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = &text[pos..end];
        if is_fence(line, "---") || is_fence(line, "...") {
            return Ok((yaml_start..pos, (end + 1).min(text.len())));
        }
        pos = end + 1;
    }
    Err(Diagnostic::error("front-matter", "the front matter is never closed")
        .at_offset(src, 0, 3)
        .help("add a line `---` after the last YAML field"))
}

fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

pub(super) fn parse_front_matter(
    src: &SourceText,
    range: Range<usize>,
) -> Result<(FrontMatter, Vec<Diagnostic>), Diagnostic> {
    let yaml = &src.text[range.clone()];
    let mut warnings = Vec::new();
    let fields: IndexMap<String, Value> = if yaml.trim().is_empty() {
        IndexMap::new()
    } else if let Some(map) = simple_front_matter(yaml) {
        map
    } else {
        match serde_saphyr::from_str::<Option<IndexMap<String, Value>>>(yaml) {
            Ok(map) => map.unwrap_or_default(),
            Err(e) => {
                let (line, column) = e
                    .location()
                    .map_or((1, 1), |l| (l.line().max(1) as usize, l.column().max(1) as usize));
                let noticed = offset_of_line_col(yaml, line, column);
                let mut message = yaml_message(&e);
                let culprit = yaml_culprit(yaml, noticed, &message);
                if yaml[culprit.min(noticed)..culprit.max(noticed)].contains('\n') {
                    let at = src.location(noticed + range.start);
                    message.push_str(&format!(" (noticed at line {}, column {})", at.line, at.column));
                    if let Some(c) = yaml[culprit..].chars().next().filter(|c| "[{\"'".contains(*c)) {
                        message.push_str(&format!(": the `{c}` here is not closed on its line"));
                    }
                }
                let offset = culprit + range.start;
                return Err(Diagnostic::error("front-matter", format!("invalid YAML front matter: {message}"))
                    .at_offset(src, offset, 1)
                    .help("fix the YAML at the marked place; quote values that contain `: ` or start with `[`, `{`, `*` or `&`"));
            }
        }
    };
    let mut front = FrontMatter::default();
    let text_field = |key: &str, warnings: &mut Vec<Diagnostic>| -> Option<String> {
        let v = fields.get(key)?;
        if v.is_null() {
            return None;
        }
        let s = scalar_string(v);
        if s.is_none() {
            let off = yaml.find(key).map_or(range.start, |i| range.start + i);
            // A title that is not text is no title: the `title` rule.
            let code = if key == "title" { "title" } else { "front-matter" };
            warnings.push(
                Diagnostic::warning(
                    code,
                    format!("`{key}` should be text, not a list or map; it is ignored"),
                )
                .at_offset(src, off, key.len())
                .help(format!("write `{key}: some text`")),
            );
        }
        s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
    };
    front.title = text_field("title", &mut warnings);
    front.description = text_field("description", &mut warnings);
    front.slug = text_field("slug", &mut warnings);
    front.translation_type = text_field("ms.translationtype", &mut warnings);
    front.content_locale = text_field("ms.contentlocale", &mut warnings);
    front.source_hash = text_field(super::whole::SOURCE_HASH, &mut warnings);
    front.fields = fields;
    Ok((front, warnings))
}

/// True for text YAML might read as a number (any schema): `4`, `-1.5e3`,
/// `0x1F`, `0o17`, `1_000`, `1:20`. Errs on the side of yes.
fn maybe_number(v: &str) -> bool {
    let t = v.trim_start_matches(['+', '-']);
    for (prefix, ok) in [("0x", 16), ("0X", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = t.strip_prefix(prefix) {
            return !rest.is_empty() && rest.chars().all(|c| c == '_' || c.is_digit(ok));
        }
    }
    matches!(t.chars().next(), Some('0'..='9' | '.')) && t.chars().all(|c| c.is_ascii_digit() || "._eE+-:".contains(c))
}

/// Reads the plainest front matter — `key: value` lines whose values are
/// empty, quoted without escapes, or plain text that YAML cannot take for a
/// number, boolean or null, and `- item` lists of such values — without a
/// YAML parser. Anything else returns `None` and goes to serde-saphyr, which
/// this agrees with (tested on every page of the corpus). Front matter is
/// parsed for every page of every build; this makes it about 20 times faster.
fn simple_front_matter(yaml: &str) -> Option<IndexMap<String, Value>> {
    fn scalar(v: &str) -> Option<String> {
        let v = v.trim_end();
        if let Some(q) = v.strip_prefix('"') {
            let inner = q.strip_suffix('"')?;
            return (!inner.contains(['"', '\\'])).then(|| inner.to_string());
        }
        if let Some(q) = v.strip_prefix('\'') {
            let inner = q.strip_suffix('\'')?;
            return (!inner.contains('\'')).then(|| inner.to_string());
        }
        let first = v.chars().next()?;
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) || v.contains(": ") || v.contains(" #") || v.ends_with(':') {
            return None;
        }
        // Whatever YAML could read as a number, boolean or null.
        let lower = v.to_ascii_lowercase();
        if maybe_number(v)
            || matches!(
                lower.as_str(),
                "~" | "null"
                    | "true"
                    | "false"
                    | "yes"
                    | "no"
                    | "on"
                    | "off"
                    | "y"
                    | "n"
                    | ".inf"
                    | "-.inf"
                    | "+.inf"
                    | ".nan"
            )
        {
            return None;
        }
        Some(v.to_string())
    }
    let mut map: IndexMap<String, Value> = IndexMap::new();
    let mut list_key: Option<String> = None;
    for line in yaml.lines() {
        if line.trim().is_empty() {
            continue;
        }
        if let Some(item) = line.trim_start().strip_prefix("- ") {
            let entry = map.get_mut(list_key.as_ref()?)?;
            if entry.is_null() {
                *entry = Value::Array(Vec::new());
            }
            let Value::Array(items) = entry else {
                return None;
            };
            items.push(Value::String(scalar(item)?));
            continue;
        }
        if line.starts_with([' ', '\t', '#']) {
            return None;
        }
        let (key, value) = line.split_once(':')?;
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c)) {
            return None;
        }
        if !value.is_empty() && !value.starts_with(' ') {
            return None;
        }
        let value = value.trim();
        let v = if value.is_empty() {
            list_key = Some(key.to_string());
            Value::Null
        } else {
            list_key = None;
            Value::String(scalar(value)?)
        };
        if map.insert(key.to_string(), v).is_some() {
            return None;
        }
    }
    Some(map)
}

/// The message of a YAML error, without the "line X column Y" prefix and the
/// snippet the crate adds (the diagnostic shows both its own way).
fn yaml_message(e: &serde_saphyr::Error) -> String {
    let full = e.without_snippet().to_string();
    let first = full.lines().next().unwrap_or(&full);
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let msg = match first.find(": ") {
        Some(i) if first.starts_with("line ") => &first[i + 2..],
        _ => first,
    };
    // The location is shown by the diagnostic, counted in the file.
    match msg.rfind(" at line ") {
        Some(i) if msg[i..].contains(", column ") => msg[..i].to_string(),
        _ => msg.to_string(),
    }
}

/// Where the YAML error the parser noticed at `noticed` is: a tab it
/// complains of, or a `[`, `{` or quote opened on an earlier line and not
/// closed there (the parser reads on and stops only where the next lines
/// break it); else `noticed`.
fn yaml_culprit(yaml: &str, noticed: usize, message: &str) -> usize {
    if message.contains("tab") {
        let line_start = yaml[..noticed].rfind('\n').map_or(0, |i| i + 1);
        if let Some(i) = yaml[line_start..].find('\t') {
            return line_start + i;
        }
    }
    let line_start = yaml[..noticed].rfind('\n').map_or(0, |i| i + 1);
    let mut end = line_start;
    while end > 0 {
        let start = yaml[..end - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = &yaml[start..end - 1];
        if let Some(at) = unclosed_opener(line) {
            return start + at;
        }
        end = start;
    }
    noticed
}

/// The byte position of a value's opening `[`, `{`, `"` or `'` on `line`
/// (after `key: ` or `- `) that the line does not close.
fn unclosed_opener(line: &str) -> Option<usize> {
    let value_at = match line.find(": ") {
        Some(i) => i + 2,
        None => line
            .trim_start()
            .strip_prefix("- ")
            .map(|_| line.len() - line.trim_start().len() + 2)?,
    };
    let value = line[value_at..].trim_start();
    let at = line.len() - value.len();
    let value = value.trim_end();
    let closed = match value.chars().next()? {
        '"' => value.len() > 1 && value.ends_with('"') && !value.ends_with("\\\""),
        '\'' => value.len() > 1 && value.ends_with('\''),
        '[' => value.matches('[').count() <= value.matches(']').count(),
        '{' => value.matches('{').count() <= value.matches('}').count(),
        _ => true,
    };
    (!closed).then_some(at)
}

/// Byte offset of 1-based `line`/`column` (characters) in `text`.
fn offset_of_line_col(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_text = &text[start..text[start..].find('\n').map_or(text.len(), |i| start + i)];
    start
        + line_text
            .char_indices()
            .nth(column - 1)
            .map_or(line_text.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_front_matter_agrees_with_the_yaml_parser() {
        let cases = [
            "title: \"4031 – X\"\nms.custom: \nms.date: 03/30/2017\ncaps.latest.revision: \"4\"\n",
            "title: Analytické trasování – přehled\nhelpviewer_keywords:\n- analytic tracing [WCF], overview\nms.locfileid: \"75900626\"\n",
            "title: x\nhelpviewer_keywords: \n  - \"a [WCF]\"\n  - 'b'\nms.assetid: c9fe9959-aeac-4446-a488-7c7c94c92cef\n",
            "description: 'Hakkında daha fazla bilgi edinin: 4031-DispatchSessionFailed'\n",
        ];
        for yaml in cases {
            let fast = simple_front_matter(yaml).unwrap_or_else(|| panic!("not simple: {yaml}"));
            let full: IndexMap<String, Value> = serde_saphyr::from_str(yaml).unwrap();
            assert_eq!(fast, full, "{yaml}");
        }
        // What it leaves to the parser.
        for yaml in [
            "n: 4\n",
            "n: 0x1F\n",
            "n: 1_000\n",
            "n: .inf\n",
            "b: true\n",
            "b: No\n",
            "x: a: b\n",
            "x: \"esc\\\"aped\"\n",
            "x: [a]\n",
            "a: 1\na: 2\n",
            "m:\n  k: v\n",
            "x: &a b\n",
            "# comment\nx: y\n",
            "x: y # comment\n",
            "s: |\n  block\n",
        ] {
            assert!(simple_front_matter(yaml).is_none(), "{yaml}");
        }
    }

    #[test]
    fn the_sample_pages_take_the_shortcut() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        for entry in walkdir::WalkDir::new(&content).into_iter().flatten() {
            if entry.path().extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                let yaml = text.split("---\n").nth(1).unwrap();
                assert!(simple_front_matter(yaml).is_some(), "{}", entry.path().display());
            }
        }
    }
}
