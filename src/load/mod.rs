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

mod front_matter;
pub mod whole;

use crate::config::{Config, Limits};
use crate::diag::{Diagnostic, Error, Result, SourceText, display_path, rel_path};
pub use front_matter::FrontMatter;
use front_matter::{parse_front_matter, split_front_matter};

const LIMIT: &str = crate::diag::Rule::Limit.code();
const TITLE: &str = crate::diag::Rule::Title.code();

/// Every page and asset under `content/`, grouped by path within a locale.
#[derive(Clone, Debug, Default)]
pub struct Inventory {
    /// Pages keyed by their path inside the locale folder (`/`-separated,
    /// e.g. `events/4031-dispatchsessionfailed.md`), each with the file of
    /// every locale that has it (by index into `Config::locales`).
    pub pages: BTreeMap<String, Vec<(usize, PathBuf)>>,
    /// Files to copy beside the pages: `(locale index, path inside the locale, file)`.
    pub assets: Vec<(usize, String, PathBuf)>,
    /// The page paths that are include files (`[markdown] include_dirs`):
    /// front matter optional, checked like pages, never published alone.
    pub includes: std::collections::BTreeSet<String>,
    /// Symbolic links that lead out of the site, left out.
    pub warnings: Vec<Diagnostic>,
    /// DocFX tables of contents: `(locale index, path inside the locale, file)`
    /// of every `toc.yml` (see `site::toc`).
    pub tocs: Vec<(usize, String, PathBuf)>,
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
                let help = if close.is_empty() && !looks_like_locale(&name) {
                    // `content/images/`: media, not a language.
                    let source = &config.source_locale;
                    let static_dir = display_path(root, &config.static_dir);
                    format!(
                        "content/ holds one folder per locale; images and other files go beside the pages \
                         that use them, inside a locale: move it to content/{source}/{name}/ (a {source} file \
                         serves every locale that lacks its own, at the same relative path), or to \
                         {static_dir}/{name}/ to copy it to the output as it is (/{name}/…)"
                    )
                } else {
                    format!(
                        "add [[locales]] with code = \"{name}\" and its name to site.toml, or rename or remove the folder"
                    )
                };
                return Err(Error::config(
                    Diagnostic::error(
                        "unknown-locale",
                        format!(
                            "content folder `{}` is not a locale listed in site.toml{close}",
                            display_path(root, &path)
                        ),
                    )
                    .help(help),
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
                if config.markdown.is_include(&rel) {
                    inv.includes.insert(rel.clone());
                }
                inv.pages.entry(rel).or_default().push((locale, path));
            } else if name == "toc.yml" || name == "toc.yaml" {
                inv.tocs.push((locale, rel, path));
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

/// The title of a page whose front matter has none: its file name without
/// `.md` (`etw/4031-event.md` → `4031-event`).
pub fn fallback_title(rel: &str) -> String {
    rel.rsplit('/')
        .next()
        .unwrap_or(rel)
        .trim_end_matches(".md")
        .to_string()
}

/// Reads and parses one page. A problem with the file is a content error
/// naming file, line and column; a file larger than `[limits] file_size` is
/// refused before it is read.
pub fn read_page(root: &Path, path: &Path, locale: usize, rel: &str, limits: &Limits) -> Result<Page, Diagnostic> {
    read_file(root, path, locale, rel, limits, true)
}

/// [`read_page`] for an include file, whose front matter is optional.
pub fn read_include(root: &Path, path: &Path, locale: usize, rel: &str, limits: &Limits) -> Result<Page, Diagnostic> {
    read_file(root, path, locale, rel, limits, false)
}

fn read_file(
    root: &Path,
    path: &Path,
    locale: usize,
    rel: &str,
    limits: &Limits,
    front_matter: bool,
) -> Result<Page, Diagnostic> {
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
    parse_text(display, bytes, locale, rel, limits, front_matter)
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

/// [`parse_page`] for an include file, whose front matter is optional.
pub fn parse_include(display: String, bytes: Vec<u8>, locale: usize, rel: &str) -> Result<Page, Diagnostic> {
    parse_text(display, bytes, locale, rel, &Limits::default(), false)
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
    parse_text(display, bytes, locale, rel, limits, true)
}

/// Parses a page or, without `front_matter`, an include file (whose front
/// matter may be left out).
fn parse_text(
    display: String,
    bytes: Vec<u8>,
    locale: usize,
    rel: &str,
    limits: &Limits,
    front_matter: bool,
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
    let (front_range, body_start) = match split_front_matter(&src) {
        Ok(split) => split,
        Err(_) if !front_matter && !src.text.starts_with("---") => (0..0, 0),
        Err(d) => return Err(d),
    };
    let (front, mut warnings) = parse_front_matter(&src, front_range.clone())?;
    // Include files (read without `front_matter`) have no title of their own.
    if front_matter && front.title.is_none() && !warnings.iter().any(|w| w.code == TITLE) {
        let help = if locale == 0 {
            "add `title: …` to the front matter"
        } else {
            "add a translated `title: …` to the front matter"
        };
        warnings.push(
            Diagnostic::warning(TITLE, "the page has no title; its file name is shown instead")
                .at_offset(&src, 0, 3)
                .help(help),
        );
    }
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

/// Whether a folder name could be a locale code (`de`, `de-DE`,
/// `zh-Hant-TW`): a 2–3 letter language, then subtags. `images`, `media`
/// and `assets` are not.
fn looks_like_locale(name: &str) -> bool {
    let mut parts = name.split(['-', '_']);
    let lang = parts.next().unwrap_or("");
    (2..=3).contains(&lang.len())
        && lang.chars().all(|c| c.is_ascii_alphabetic())
        && name.parse::<unic_langid::LanguageIdentifier>().is_ok()
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
        // The caret is where the `[` opens; the parser noticed on the next
        // line, counted in the file (not in the YAML, which starts a line
        // later).
        assert!(
            d.message
                .ends_with("(noticed at line 4, column 2): the `[` here is not closed on its line"),
            "{}",
            d.message
        );
        let loc = d.location.unwrap();
        assert_eq!((loc.line, loc.column), (3, 10));
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
        assert_eq!(p.warnings[0].code, "title");
    }

    #[test]
    fn a_page_without_title_has_a_title_warning_at_its_front_matter() {
        for text in ["---\ndescription: d\n---\nx\n", "---\ntitle:\n---\nx\n", "---\n---\n"] {
            let p = page(text).unwrap();
            assert_eq!(p.warnings.len(), 1, "{text:?}");
            let w = &p.warnings[0];
            assert_eq!((w.code, w.severity), ("title", crate::diag::Severity::Warning));
            let loc = w.location.as_ref().unwrap();
            assert_eq!((loc.file.as_str(), loc.line, loc.column), ("content/cs-CZ/x.md", 1, 1));
            assert!(w.help.as_deref().unwrap().contains("translated"));
        }
        assert!(page("---\ntitle: A\n---\n").unwrap().warnings.is_empty());
    }

    #[test]
    fn invalid_utf8_names_the_position() {
        let d = parse_page("x.md".into(), b"---\ntitle: \xff\n---\n".to_vec(), 0, "x.md").unwrap_err();
        assert_eq!(d.code, "encoding");
        assert_eq!(d.location.unwrap().line, 2);
    }
}
