//! Load: walk `content/`, read each page, normalise its bytes (BOM, CRLF) and
//! split the YAML front matter from the Markdown body.
//!
//! The walk yields an [`Inventory`]: every page path with the locales that
//! have it, and the asset files to copy. Reading a page yields a [`Page`],
//! whose byte offsets (used by every later stage) refer to the normalised
//! text; line and column numbers are the same as in the file on disk.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde_json::Value;

use crate::config::{Config, Limits};
const LIMIT: &str = crate::diag::Rule::Limit.code();
use crate::diag::{Diagnostic, Error, Result, SourceText, display_path, rel_path};

/// Every page and asset under `content/`, grouped by path within a locale.
#[derive(Clone, Debug, Default)]
pub struct Inventory {
    /// Pages keyed by their path inside the locale folder (`/`-separated,
    /// e.g. `events/4031-dispatchsessionfailed.md`), each with the file of
    /// every locale that has it (by index into `Config::locales`).
    pub pages: BTreeMap<String, Vec<(usize, PathBuf)>>,
    /// Files to copy beside the pages: `(locale index, path inside the locale, file)`.
    pub assets: Vec<(usize, String, PathBuf)>,
    /// Symbolic links that lead out of the site, left out.
    pub warnings: Vec<Diagnostic>,
}

impl Inventory {
    /// The file of `rel` in locale `locale`, if that locale has the page.
    pub fn file(&self, rel: &str, locale: usize) -> Option<&Path> {
        self.pages
            .get(rel)?
            .iter()
            .find(|(l, _)| *l == locale)
            .map(|(_, p)| p.as_path())
    }

    pub fn page_count(&self) -> usize {
        self.pages.values().map(Vec::len).sum()
    }
}

/// Data files that describe the site rather than being pages or assets.
fn is_data_file(name: &str) -> bool {
    name.ends_with(".yml") || name.ends_with(".yaml")
}

/// Walks `config.content_dir`. Each top-level folder must be a configured
/// locale; anything else is a configuration error (exit 2).
pub fn walk(config: &Config, root: &Path) -> Result<Inventory> {
    let content = &config.content_dir;
    let entries = std::fs::read_dir(content).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::config(
                Diagnostic::error(
                    "config",
                    format!("content folder {} does not exist", display_path(root, content)),
                )
                .help("create it with one folder per locale (content/en-US/...), or set content_dir in site.toml"),
            )
        } else {
            Error::io("read", content, e)
        }
    })?;
    let mut locale_dirs = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("read", content, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        if !path.is_dir() {
            continue;
        }
        match config.locales.iter().position(|l| l.code == name) {
            Some(idx) => locale_dirs.push((idx, path)),
            None => {
                let close = config
                    .locales
                    .iter()
                    .find(|l| l.code.eq_ignore_ascii_case(&name))
                    .map(|l| format!("; did you mean `{}`? Locale folders are case-sensitive", l.code))
                    .unwrap_or_default();
                return Err(Error::config(
                    Diagnostic::error(
                        "unknown-locale",
                        format!(
                            "content folder `{}` is not a locale listed in site.toml{close}",
                            display_path(root, &path)
                        ),
                    )
                    .help(format!(
                        "add [[locales]] with code = \"{name}\" and its name to site.toml, or rename or remove the folder"
                    )),
                ));
            }
        }
    }
    locale_dirs.sort();

    let mut inv = Inventory::default();
    let roots = crate::tree::site_roots(root, content);
    for (locale, dir) in locale_dirs {
        let walked = crate::tree::files(&dir, &roots, root, true)?;
        inv.warnings.extend(walked.warnings);
        for entry in walked.files {
            let path = entry.into_path();
            let rel = rel_path(&dir, &path);
            let name = rel.rsplit('/').next().unwrap_or(&rel);
            if name.ends_with(".md") {
                inv.pages.entry(rel).or_default().push((locale, path));
            } else if !is_data_file(name) {
                inv.assets.push((locale, rel, path));
            }
        }
    }
    // static/ is copied as it is; links out of the site are not.
    if config.static_dir.is_dir() {
        inv.warnings
            .extend(crate::tree::files(&config.static_dir, &roots, root, false)?.warnings);
    }
    Ok(inv)
}

/// A page's front matter: the fields locdoc understands, plus all fields as
/// read, for templates.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub slug: Option<String>,
    /// `ms.translationtype`, e.g. `MT` for machine translation.
    pub translation_type: Option<String>,
    /// `ms.contentlocale`, the locale the translation tool wrote the page for.
    pub content_locale: Option<String>,
    pub fields: IndexMap<String, Value>,
}

/// A page read from disk and split into front matter and body.
#[derive(Clone, Debug)]
pub struct Page {
    /// Index into `Config::locales`.
    pub locale: usize,
    /// Path inside the locale folder, e.g. `events/4031-x.md`.
    pub rel: String,
    /// The normalised text (no BOM, LF line ends) with its line index.
    pub src: SourceText,
    pub front: FrontMatter,
    /// Byte range of the YAML between the `---` lines.
    pub front_range: Range<usize>,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
    /// The file on disk started with a byte-order mark.
    pub had_bom: bool,
    /// The file on disk used CRLF (or CR) line ends.
    pub had_crlf: bool,
    /// Warnings found while reading (odd but usable front matter).
    pub warnings: Vec<Diagnostic>,
}

impl Page {
    pub fn body(&self) -> &str {
        &self.src.text[self.body_start..]
    }
}

/// Reads and parses one page. A problem with the file is a content error
/// naming file, line and column; a file larger than `[limits] file_size` is
/// refused before it is read.
pub fn read_page(root: &Path, path: &Path, locale: usize, rel: &str, limits: &Limits) -> Result<Page, Diagnostic> {
    let display = display_path(root, path);
    let unreadable = |e: std::io::Error| {
        Diagnostic::error("io", format!("cannot read {display}: {e}"))
            .at(crate::diag::Location::file(display.clone()))
            .help("check that the file exists and is readable")
    };
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    if size > limits.file_size {
        return Err(too_large(&display, size, limits));
    }
    // Read at most one byte past the limit: the file may grow meanwhile.
    let mut bytes = Vec::with_capacity(size as usize);
    std::io::Read::read_to_end(&mut std::io::Read::take(&mut file, limits.file_size + 1), &mut bytes)
        .map_err(unreadable)?;
    parse_page_with(display, bytes, locale, rel, limits)
}

fn too_large(display: &str, size: u64, limits: &Limits) -> Diagnostic {
    Diagnostic::error(
        LIMIT,
        format!(
            "the page is {size} bytes, over the limit of {} ([limits] file_size)",
            limits.file_size
        ),
    )
    .at(crate::diag::Location::file(display))
    .help("split the page, or raise file_size under [limits] in site.toml")
}

/// Parses a page from its bytes with the default [`Limits`]; `display` is
/// the path shown in diagnostics.
pub fn parse_page(display: String, bytes: Vec<u8>, locale: usize, rel: &str) -> Result<Page, Diagnostic> {
    parse_page_with(display, bytes, locale, rel, &Limits::default())
}

/// Parses a page from its bytes; a page over the file size or line length
/// of `limits` is refused.
pub fn parse_page_with(
    display: String,
    bytes: Vec<u8>,
    locale: usize,
    rel: &str,
    limits: &Limits,
) -> Result<Page, Diagnostic> {
    if bytes.len() as u64 > limits.file_size {
        return Err(too_large(&display, bytes.len() as u64, limits));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let src = SourceText::new(display, prefix);
            return Err(Diagnostic::error("encoding", "the file is not valid UTF-8")
                .at(src.location(valid))
                .help("save the file as UTF-8 (without a legacy code page)"));
        }
    };
    let (text, had_bom, had_crlf) = normalise(text);
    test_panic(&text);
    let src = SourceText::new(display, text);
    if let Some((start, len)) = src.longest_line()
        && len > limits.line_length
    {
        return Err(Diagnostic::error(
            LIMIT,
            format!("this line is {len} bytes long, over the limit of {} ([limits] line_length)", limits.line_length),
        )
        .at_offset(&src, start + limits.line_length, 1)
        .help("break the line (Markdown joins the lines of a paragraph), or raise line_length under [limits] in site.toml"));
    }
    let (front_range, body_start) = split_front_matter(&src)?;
    let (front, warnings) = parse_front_matter(&src, front_range.clone())?;
    Ok(Page {
        locale,
        rel: rel.to_string(),
        src,
        front,
        front_range,
        body_start,
        had_bom,
        had_crlf,
        warnings,
    })
}

/// Fault injection for the tests that a panic cannot stop `locdoc serve`:
/// with the environment variable `LOCDOC_TEST_PANIC` set to a non-empty
/// marker, reading a page whose text contains the marker panics. Without
/// it (always, outside those tests) no content can make this panic.
fn test_panic(text: &str) {
    static MARKER: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let marker = MARKER.get_or_init(|| std::env::var("LOCDOC_TEST_PANIC").ok().filter(|m| !m.is_empty()));
    if let Some(m) = marker
        && text.contains(m.as_str())
    {
        panic!("LOCDOC_TEST_PANIC: the page holds the test marker");
    }
}

/// Drops a leading BOM and turns CRLF and lone CR into LF. Nothing else is
/// touched: NBSP, zero-width characters and trailing spaces stay, because
/// they can matter to Markdown and to the translation.
pub fn normalise(mut text: String) -> (String, bool, bool) {
    let had_bom = text.starts_with('\u{feff}');
    if had_bom {
        text.drain(..3);
    }
    let had_crlf = memchr::memchr(b'\r', text.as_bytes()).is_some();
    if had_crlf {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    (text, had_bom, had_crlf)
}

fn is_fence(line: &str, fence: &str) -> bool {
    line.strip_prefix(fence)
        .is_some_and(|rest| rest.trim_matches([' ', '\t']).is_empty())
}

/// Finds the YAML front matter: a first line `---`, then YAML, then a line
/// `---` (or `...`). Returns the YAML's byte range and where the body starts.
fn split_front_matter(src: &SourceText) -> Result<(Range<usize>, usize), Diagnostic> {
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

fn parse_front_matter(src: &SourceText, range: Range<usize>) -> Result<(FrontMatter, Vec<Diagnostic>), Diagnostic> {
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
                let offset = offset_of_line_col(yaml, line, column) + range.start;
                let message = yaml_message(&e);
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
            warnings.push(
                Diagnostic::warning(
                    "front-matter",
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

    fn page(text: &str) -> Result<Page, Diagnostic> {
        parse_page("content/cs-CZ/x.md".into(), text.as_bytes().to_vec(), 1, "x.md")
    }

    #[test]
    fn splits_front_matter_and_body() {
        let p = page("---\ntitle: \"4031 – X\"\nms.translationtype: MT\n---\n# Body\n").unwrap();
        assert_eq!(p.front.title.as_deref(), Some("4031 – X"));
        assert_eq!(p.front.translation_type.as_deref(), Some("MT"));
        assert_eq!(p.body(), "# Body\n");
    }

    #[test]
    fn tolerates_bom_crlf_and_missing_final_newline() {
        let p = page("\u{feff}---\r\ntitle: A\r\n---\r\n# B\r\nlast").unwrap();
        assert!(p.had_bom && p.had_crlf);
        assert_eq!(p.front.title.as_deref(), Some("A"));
        assert_eq!(p.body(), "# B\nlast");
    }

    #[test]
    fn tolerates_empty_values_unknown_keys_and_trailing_spaces() {
        let p = page("---  \ntitle: 4031\nms.custom: \nhelpviewer_keywords: \n  - \"a [WCF]\"\n---  \nx  \n").unwrap();
        assert_eq!(p.front.title.as_deref(), Some("4031"));
        assert!(p.front.fields["ms.custom"].is_null());
        assert_eq!(p.front.fields["helpviewer_keywords"][0], "a [WCF]");
        assert_eq!(p.body(), "x  \n");
    }

    #[test]
    fn keeps_nbsp_and_zero_width_characters() {
        let p = page("---\ntitle: a\u{a0}b\n---\nV tomto\u{a0}oddílu\u{200b}\n").unwrap();
        assert_eq!(p.front.title.as_deref(), Some("a\u{a0}b"));
        assert!(p.body().contains('\u{200b}'));
    }

    #[test]
    fn page_without_front_matter_is_an_error_at_line_one() {
        let d = page("# Title\n").unwrap_err();
        assert_eq!(d.code, "front-matter");
        assert!(d.message.contains("no front matter"));
        let loc = d.location.unwrap();
        assert_eq!((loc.file.as_str(), loc.line, loc.column), ("content/cs-CZ/x.md", 1, 1));
    }

    #[test]
    fn empty_page_is_an_error() {
        assert!(page("").unwrap_err().message.contains("empty"));
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let d = page("---\ntitle: a\n# Body\n").unwrap_err();
        assert!(d.message.contains("never closed"), "{}", d.message);
    }

    #[test]
    fn invalid_yaml_points_at_the_line_in_the_file() {
        let d = page("---\ntitle: a\nms.date: [unclosed\nx: 1\n---\nbody\n").unwrap_err();
        assert!(d.message.starts_with("invalid YAML front matter"), "{}", d.message);
        assert!(
            !d.message.contains("at line"),
            "the YAML's own line numbers are not the file's: {}",
            d.message
        );
        let loc = d.location.unwrap();
        assert!(loc.line >= 3, "line {} should be in the YAML after the fence", loc.line);
    }

    #[test]
    fn yaml_list_at_top_level_is_an_error() {
        let d = page("---\n- a\n- b\n---\n").unwrap_err();
        assert_eq!(d.location.unwrap().line, 2);
    }

    #[test]
    fn non_text_title_is_a_warning_not_an_error() {
        let p = page("---\ntitle: [a, b]\n---\n").unwrap();
        assert_eq!(p.front.title, None);
        assert_eq!(p.warnings.len(), 1);
    }

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
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        for entry in walkdir::WalkDir::new(&content).into_iter().flatten() {
            if entry.path().extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                let yaml = text.split("---\n").nth(1).unwrap();
                assert!(simple_front_matter(yaml).is_some(), "{}", entry.path().display());
            }
        }
    }

    #[test]
    fn invalid_utf8_names_the_position() {
        let d = parse_page("x.md".into(), b"---\ntitle: \xff\n---\n".to_vec(), 0, "x.md").unwrap_err();
        assert_eq!(d.code, "encoding");
        assert_eq!(d.location.unwrap().line, 2);
    }
}
