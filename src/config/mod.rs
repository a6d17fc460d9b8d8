//! `site.toml`: the site's settings, their defaults, and validation that
//! points at the offending line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diag::{Diagnostic, Error, Result, SourceText};

mod check;

pub use check::{CheckConfig, FailOn, MinCoverage};
use check::{RawCheck, check_config};

/// The name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// A locale of the site, as listed in `site.toml`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Locale {
    /// BCP 47 tag, also the folder name under `content/` and the URL prefix.
    pub code: String,
    /// The name readers see in the language switcher, in that language.
    pub name: String,
    /// Text direction: `ltr` or `rtl`.
    pub dir: TextDirection,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextDirection {
    #[default]
    Ltr,
    Rtl,
}

impl TextDirection {
    /// The value of an HTML `dir` attribute: `ltr` or `rtl`.
    pub fn as_str(self) -> &'static str {
        match self {
            TextDirection::Ltr => "ltr",
            TextDirection::Rtl => "rtl",
        }
    }

    /// The direction the language of BCP 47 tag `code` is written in, from
    /// unic-langid's CLDR layout data (the script, else the language):
    /// `ar-SA`, `he-IL`, `fa-IR`, `ur-PK` and `az-Arab` are right-to-left.
    pub fn of(code: &str) -> TextDirection {
        match code.parse::<unic_langid::LanguageIdentifier>() {
            Ok(l) if l.character_direction() == unic_langid::CharacterDirection::RTL => TextDirection::Rtl,
            _ => TextDirection::Ltr,
        }
    }
}

/// Settings for how pages are written.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct BuildConfig {
    /// Link to `page/` (true, the default) or to `page/index.html` (false:
    /// browsable straight from disk over `file://`).
    pub pretty_urls: bool,
    /// Write a search index (Pagefind) and a search page per locale.
    pub search: bool,
    /// Rows of the event index per page of a locale's home (page 1 at
    /// `<locale>/`, page k at `<locale>/page/k/`); 0: one page for all.
    pub events_per_page: usize,
}

/// The default of `[build] events_per_page`: the corpus' 358 events stay
/// on one page; 167,000 make 167 pages of about 300 KB each.
pub const EVENTS_PER_PAGE: usize = 1000;

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            pretty_urls: true,
            search: true,
            events_per_page: EVENTS_PER_PAGE,
        }
    }
}

impl BuildConfig {
    /// The number of pages of an event index of `events` rows (at least 1).
    pub fn event_pages(&self, events: usize) -> usize {
        self.event_page_of(events.saturating_sub(1))
    }

    /// The page (1-based) of an event index that shows row `row` (0-based).
    pub fn event_page_of(&self, row: usize) -> usize {
        row.checked_div(self.events_per_page).map_or(1, |p| p + 1)
    }
}

/// Settings for Markdown features specific to documentation sources.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// URL template for `<xref:Uid>` links; `{uid}` is replaced by the
    /// lower-cased UID. Without it, xrefs render as code.
    pub xref_url: Option<String>,
    /// Where the content's folder was published before (a DocFX site such
    /// as `https://learn.microsoft.com/dotnet/framework/wcf/diagnostics/`):
    /// links to pages that are not part of this site point there, with
    /// `.md` dropped. `{locale}` is replaced by the lower-cased locale code.
    /// Without it, such links render as plain text, marked.
    pub upstream_url: Option<String>,
    /// Folders (by name, at any depth) that hold DocFX include files: the
    /// Markdown files in them are pulled into pages by `[!INCLUDE]` and
    /// checked like pages, but not published as pages of their own.
    pub include_dirs: Vec<String>,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            xref_url: None,
            upstream_url: None,
            include_dirs: vec!["includes".to_string()],
        }
    }
}

impl MarkdownConfig {
    /// True when the page path `rel` lies in an include folder.
    pub fn is_include(&self, rel: &str) -> bool {
        let dirs = rel.rsplit_once('/').map_or("", |(d, _)| d);
        dirs.split('/').any(|d| self.include_dirs.iter().any(|i| i == d))
    }
}

/// `[limits]`: what one page may cost. A page over a limit is refused with
/// a `limit` finding naming the file, line and column (a translated segment
/// nested too deeply is refused alone, and its English shown); past
/// `findings_per_page`, a page's findings are counted, not listed. The
/// defaults are far above any real page (the largest of the corpus is
/// 262 KB, its longest line 5 KB, it nests 4 deep and has 197 findings),
/// and keep the costliest page shapes under 2 s and 500 MB (BENCHMARKS.md).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Bytes of one page file.
    pub file_size: u64,
    /// Bytes of one line.
    pub line_length: usize,
    /// Nesting of lists and block quotes, of `<span>`s, and of HTML
    /// elements inside one translated segment.
    pub nesting_depth: usize,
    /// Findings listed per page (and locale); the rest are counted.
    pub findings_per_page: usize,
    /// Bytes of a page's article given to the search index: the rest of a
    /// longer page is not found by search.
    pub indexed_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            file_size: 2 * 1024 * 1024,
            line_length: 1024 * 1024,
            nesting_depth: 64,
            findings_per_page: 1000,
            indexed_bytes: 1024 * 1024,
        }
    }
}

/// The validated configuration of a site.
#[derive(Clone, Debug, Serialize)]
pub struct Config {
    pub title: String,
    pub description: Option<String>,
    /// Absolute URL the site is published at, always ending in `/`.
    pub base_url: String,
    /// The locale whose pages are the source every translation aligns to.
    pub source_locale: String,
    /// All locales, source first, then in the order of `site.toml`.
    pub locales: Vec<Locale>,
    pub content_dir: PathBuf,
    pub output_dir: PathBuf,
    pub templates_dir: PathBuf,
    pub locales_dir: PathBuf,
    pub static_dir: PathBuf,
    pub build: BuildConfig,
    pub markdown: MarkdownConfig,
    /// Text for `[!INCLUDE[name](path)]` tokens whose file is not in the site.
    pub includes: BTreeMap<String, String>,
    /// Settings of `locdoc check`.
    pub check: CheckConfig,
    pub limits: Limits,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Spanned<String>,
    #[serde(default)]
    description: Option<String>,
    base_url: Spanned<String>,
    #[serde(default = "default_source_locale")]
    source_locale: Spanned<String>,
    #[serde(default)]
    locales: Vec<Spanned<RawLocale>>,
    #[serde(default = "default_content_dir")]
    content_dir: Spanned<String>,
    #[serde(default = "default_output_dir")]
    output_dir: Spanned<String>,
    #[serde(default = "default_templates_dir")]
    templates_dir: String,
    #[serde(default = "default_locales_dir")]
    locales_dir: String,
    #[serde(default = "default_static_dir")]
    static_dir: String,
    #[serde(default)]
    build: BuildConfig,
    #[serde(default)]
    markdown: MarkdownConfig,
    #[serde(default)]
    includes: BTreeMap<String, String>,
    #[serde(default)]
    check: RawCheck,
    #[serde(default = "default_limits")]
    limits: Spanned<Limits>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLocale {
    code: Spanned<String>,
    name: String,
    /// Unset: from the language (`ar`, `he`, `fa`, `ur`… are `rtl`).
    #[serde(default)]
    dir: Option<TextDirection>,
}

fn default_limits() -> Spanned<Limits> {
    Spanned::new(0..0, Limits::default())
}
fn default_source_locale() -> Spanned<String> {
    Spanned::new(0..0, "en-US".to_string())
}
fn default_content_dir() -> Spanned<String> {
    Spanned::new(0..0, "content".to_string())
}
fn default_output_dir() -> Spanned<String> {
    Spanned::new(0..0, "public".to_string())
}
fn default_templates_dir() -> String {
    "templates".to_string()
}
fn default_locales_dir() -> String {
    "locales".to_string()
}
fn default_static_dir() -> String {
    "static".to_string()
}

impl Config {
    /// Reads and validates `<root>/site.toml`. Relative directories in the
    /// file are resolved against `root`.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::config(
                    Diagnostic::error("config", format!("no {CONFIG_FILE} in {}", root.display())).help(format!(
                        "run locdoc from the site root, pass --root DIR, or create {CONFIG_FILE} \
                         with title, base_url and [[locales]] (see the README)"
                    )),
                ));
            }
            Err(e) => return Err(Error::io("read", path, e)),
        };
        Config::parse(root, &text)
    }

    /// Like [`Config::load`], with `content` (if given) instead of
    /// `content_dir`: the `--content` flag of every command.
    pub fn load_with_content(root: &Path, content: Option<&Path>) -> Result<Config> {
        let mut config = Config::load(root)?;
        if let Some(c) = content {
            config.content_dir = c.to_path_buf();
        }
        Ok(config)
    }

    /// Parses `site.toml` text; `root` resolves relative directories.
    pub fn parse(root: &Path, text: &str) -> Result<Config> {
        let src = SourceText::new(
            crate::diag::display_path(root, &root.join(CONFIG_FILE)),
            text.to_string(),
        );
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            Error::config(
                Diagnostic::error("config", format!("invalid {CONFIG_FILE}: {}", e.message()))
                    .at_offset(&src, span.start, span.len())
                    .help("fix the TOML at the marked place; the README lists every setting"),
            )
        })?;
        let bad = |span: std::ops::Range<usize>, msg: String, help: &str| {
            Error::config(
                Diagnostic::error("config", msg)
                    .at_offset(&src, span.start, span.len())
                    .help(help.to_string()),
            )
        };

        if raw.title.get_ref().trim().is_empty() {
            return Err(bad(
                raw.title.span(),
                "the site title is empty".into(),
                "set title = \"My docs\"",
            ));
        }

        let base_url = raw.base_url.get_ref().trim();
        match url::Url::parse(base_url) {
            Ok(u) if u.scheme() == "http" || u.scheme() == "https" => {}
            _ => {
                return Err(bad(
                    raw.base_url.span(),
                    format!("base_url `{base_url}` is not an absolute http(s) URL"),
                    "set base_url = \"https://docs.example.org/\"; use http://127.0.0.1/ for local sites",
                ));
            }
        }
        let mut base_url = base_url.to_string();
        if !base_url.ends_with('/') {
            base_url.push('/');
        }

        if raw.locales.is_empty() {
            return Err(bad(
                0..0,
                "no locales are listed".into(),
                "add one [[locales]] table per locale, with code = \"cs-CZ\" and name = \"Čeština\"",
            ));
        }
        let mut locales: Vec<Locale> = Vec::with_capacity(raw.locales.len());
        for spanned in &raw.locales {
            let l = spanned.get_ref();
            let code = l.code.get_ref().trim();
            if let Err(msg) = validate_locale_code(code) {
                return Err(bad(
                    l.code.span(),
                    format!("locale code `{code}` is not a valid BCP 47 tag: {msg}"),
                    "use a language tag such as en-US, cs-CZ or pt-BR",
                ));
            }
            if locales.iter().any(|x| x.code.eq_ignore_ascii_case(code)) {
                return Err(bad(
                    l.code.span(),
                    format!("locale `{code}` is listed twice"),
                    "remove the duplicate [[locales]] table",
                ));
            }
            if l.name.trim().is_empty() {
                return Err(bad(
                    spanned.span(),
                    format!("locale `{code}` has an empty name"),
                    "set name to the language's own name, e.g. name = \"Polski\"",
                ));
            }
            locales.push(Locale {
                code: code.to_string(),
                name: l.name.trim().to_string(),
                dir: l.dir.unwrap_or_else(|| TextDirection::of(code)),
            });
        }

        let source_locale = raw.source_locale.get_ref().trim().to_string();
        let Some(pos) = locales.iter().position(|l| l.code == source_locale) else {
            return Err(bad(
                raw.source_locale.span(),
                format!("source_locale `{source_locale}` is not one of the [[locales]]"),
                "add a [[locales]] table for it, or set source_locale to a listed code",
            ));
        };
        let source = locales.remove(pos);
        locales.insert(0, source);

        let content_dir = raw.content_dir.get_ref().trim();
        let output_dir = raw.output_dir.get_ref().trim();
        if output_dir.is_empty() || output_dir == "." || output_dir == "./" {
            return Err(bad(
                raw.output_dir.span(),
                format!("output_dir `{output_dir}` would replace the site root"),
                "use a separate directory such as output_dir = \"public\"",
            ));
        }
        if Path::new(output_dir).starts_with(content_dir) {
            return Err(bad(
                raw.output_dir.span(),
                format!("output_dir `{output_dir}` is inside content_dir `{content_dir}`"),
                "write the output outside the content, e.g. output_dir = \"public\"",
            ));
        }

        if let Some(x) = &raw.markdown.xref_url
            && !x.contains("{uid}")
        {
            return Err(bad(
                0..0,
                format!("[markdown] xref_url `{x}` has no `{{uid}}` placeholder"),
                "write it like xref_url = \"https://learn.microsoft.com/dotnet/api/{uid}\"",
            ));
        }

        if let Some(u) = &raw.markdown.upstream_url {
            let probe = u.replace("{locale}", "en-us");
            if !matches!(url::Url::parse(&probe), Ok(x) if x.scheme() == "http" || x.scheme() == "https") {
                return Err(bad(
                    0..0,
                    format!("[markdown] upstream_url `{u}` is not an absolute http(s) URL"),
                    "write it like upstream_url = \"https://learn.microsoft.com/{locale}/dotnet/framework/wcf/diagnostics/\"",
                ));
            }
        }

        let limits = raw.limits.get_ref().clone();
        if limits.file_size == 0
            || limits.line_length == 0
            || limits.nesting_depth == 0
            || limits.findings_per_page == 0
        {
            return Err(bad(
                raw.limits.span(),
                "[limits] values must be greater than 0".into(),
                "leave a limit out to keep its default; the README lists them",
            ));
        }

        Ok(Config {
            title: raw.title.into_inner().trim().to_string(),
            description: raw.description,
            base_url,
            source_locale,
            locales,
            content_dir: root.join(content_dir),
            output_dir: root.join(output_dir),
            templates_dir: root.join(raw.templates_dir),
            locales_dir: root.join(raw.locales_dir),
            static_dir: root.join(raw.static_dir),
            build: raw.build,
            markdown: raw.markdown,
            includes: raw.includes,
            check: check_config(raw.check, &bad)?,
            limits,
        })
    }

    pub fn locale(&self, code: &str) -> Option<&Locale> {
        self.locales.iter().find(|l| l.code == code)
    }

    pub fn source(&self) -> &Locale {
        &self.locales[0]
    }
}

/// Checks that `code` parses as a BCP 47 language identifier and is usable
/// as a folder name.
pub fn validate_locale_code(code: &str) -> std::result::Result<(), String> {
    if code.is_empty() {
        return Err("it is empty".into());
    }
    if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err("only letters, digits and `-` are allowed".into());
    }
    unic_langid::LanguageIdentifier::from_str(code)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
title = "Docs"
base_url = "https://example.org/docs"
[[locales]]
code = "cs-CZ"
name = "Čeština"
[[locales]]
code = "en-US"
name = "English"
"#;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(Path::new("/site"), text)
    }

    fn err_of(text: &str) -> Diagnostic {
        match parse(text) {
            Err(Error::Config(d)) => *d,
            other => panic!("expected a config error, got {other:?}"),
        }
    }

    #[test]
    fn source_locale_comes_first_and_base_url_gets_a_slash() {
        let c = parse(GOOD).unwrap();
        assert_eq!(c.locales[0].code, "en-US");
        assert_eq!(c.locales[1].code, "cs-CZ");
        assert_eq!(c.base_url, "https://example.org/docs/");
        assert_eq!(c.output_dir, Path::new("/site/public"));
    }

    #[test]
    fn text_direction_follows_the_language_unless_set() {
        let c = parse(&format!(
            "{GOOD}[[locales]]\ncode = \"ar-SA\"\nname = \"العربية\"\n[[locales]]\ncode = \"he-IL\"\nname = \"עברית\"\n\
             [[locales]]\ncode = \"fa-IR\"\nname = \"فارسی\"\ndir = \"ltr\"\n"
        ))
        .unwrap();
        let dir = |code: &str| c.locales.iter().find(|l| l.code == code).unwrap().dir;
        assert_eq!(dir("en-US"), TextDirection::Ltr);
        assert_eq!(dir("cs-CZ"), TextDirection::Ltr);
        assert_eq!(dir("ar-SA"), TextDirection::Rtl);
        assert_eq!(dir("he-IL"), TextDirection::Rtl);
        assert_eq!(dir("fa-IR"), TextDirection::Ltr, "an explicit dir wins");
        assert_eq!(TextDirection::of("ur-PK"), TextDirection::Rtl);
        assert_eq!(TextDirection::of("az-Arab"), TextDirection::Rtl);
        assert_eq!(TextDirection::of("az-Latn-AZ"), TextDirection::Ltr);
        assert_eq!(TextDirection::of("not a tag"), TextDirection::Ltr);
    }

    #[test]
    fn toml_syntax_error_names_line_and_column() {
        let d = err_of("title = \"Docs\nbase_url = 1\n");
        let loc = d.location.unwrap();
        assert_eq!(loc.file, "site.toml");
        assert_eq!(loc.line, 1);
        assert!(d.message.contains("invalid site.toml"), "{}", d.message);
    }

    #[test]
    fn unknown_key_is_rejected_with_its_location() {
        let d = err_of(&format!("{GOOD}\ntitel = \"x\"\n"));
        assert!(d.message.contains("titel"), "{}", d.message);
        assert_eq!(d.location.unwrap().line, 11);
    }

    #[test]
    fn invalid_locale_code_is_rejected() {
        let d = err_of(&GOOD.replace("cs-CZ", "cs_CZ!"));
        assert!(d.message.contains("not a valid BCP 47 tag"), "{}", d.message);
        assert_eq!(d.location.unwrap().line, 5);
    }

    #[test]
    fn duplicate_locale_is_rejected() {
        let d = err_of(&GOOD.replace("en-US", "cs-CZ"));
        assert!(d.message.contains("listed twice"), "{}", d.message);
    }

    #[test]
    fn source_locale_must_be_listed() {
        let d = err_of(&format!("source_locale = \"de-DE\"\n{GOOD}"));
        assert!(d.message.contains("de-DE"), "{}", d.message);
        assert_eq!(d.location.unwrap().line, 1);
    }

    #[test]
    fn relative_base_url_is_rejected() {
        let d = err_of(&GOOD.replace("https://example.org/docs", "/docs"));
        assert!(d.message.contains("base_url"), "{}", d.message);
    }

    #[test]
    fn output_dir_may_not_be_the_root_or_inside_content() {
        assert!(
            err_of(&format!("output_dir = \".\"\n{GOOD}"))
                .message
                .contains("site root")
        );
        assert!(
            err_of(&format!("output_dir = \"content/out\"\n{GOOD}"))
                .message
                .contains("inside content_dir")
        );
    }

    #[test]
    fn missing_file_says_how_to_fix_it() {
        let dir = tempfile::tempdir().unwrap();
        match Config::load(dir.path()) {
            Err(Error::Config(d)) => assert!(d.help.unwrap().contains("--root")),
            other => panic!("{other:?}"),
        }
    }
}
