//! Exchange: the round trip with translation tools. `export` writes what a
//! locale needs translated as XLIFF 1.2 or gettext PO; `import` writes the
//! translations that come back into the locale's sxs pages.
//!
//! It owns the exchange formats and the editing of sxs pages; it owns no
//! alignment: units, their status and where they belong come from
//! [`crate::site`]'s alignment, the one `check` reports on.
//!
//! - [`units`]: a page's units with their keys, states and context.
//! - [`inline`]: inline Markdown as protected codes.
//! - [`xliff`], [`po`]: the two formats, written and read.
//! - `target`: what an imported translation must be; `apply`: edits to
//!   sxs pages; `stage`: writing them all or none.

mod apply;
pub mod inline;
pub mod po;
mod stage;
mod target;
pub mod units;
pub mod xliff;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Error, Location, Result, SourceText, display_path};
use crate::site::Site;
pub use units::{ExUnit, Selection, State};

/// An exchange format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Po,
    Xliff,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Po => "po",
            Format::Xliff => "xlf",
        }
    }

    /// The format of a file, from its extension or else its first bytes.
    pub fn of(path: &Path, text: &str) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some("po" | "pot") => Format::Po,
            Some("xlf" | "xliff" | "xml") => Format::Xliff,
            _ if text.trim_start().starts_with('<') => Format::Xliff,
            _ => Format::Po,
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Format, String> {
        match s {
            "po" => Ok(Format::Po),
            "xliff" | "xlf" => Ok(Format::Xliff),
            other => Err(format!("`{other}` is not an exchange format (xliff, po)")),
        }
    }
}

/// A piece of a `<source>`/`<target>` or a PO string as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Frag {
    Text(String),
    /// A standalone code (`<ph>`, `<x/>`) by id, and where it is.
    Code(String, usize),
    Open(String, usize),
    Close(String, usize),
}

/// The text of a source or target, with where it ends in the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    pub frags: Vec<Frag>,
    pub at: usize,
}

/// One unit read from an exchange file.
#[derive(Clone, Debug, Default)]
pub struct Entry {
    pub key: String,
    /// Byte offset of the unit in the file.
    pub at: usize,
    pub source: Text,
    pub target: Option<Text>,
    /// XLIFF `state` of the target.
    pub state: Option<String>,
    /// XLIFF `approved="yes"`.
    pub approved: bool,
    /// PO `#, fuzzy`.
    pub fuzzy: bool,
    /// A PO plural entry (locdoc writes none).
    pub plural: bool,
}

impl Entry {
    /// True when the translator has finished the unit: a target that is
    /// not empty, not fuzzy, and (XLIFF) approved or in a done state.
    pub fn is_ready(&self) -> bool {
        let has = self.target.as_ref().is_some_and(|t| !t.frags.is_empty());
        let state_done = match self.state.as_deref() {
            None => true,
            Some(s) => matches!(s, "translated" | "final" | "signed-off"),
        };
        has && !self.fuzzy && (self.approved || state_done)
    }
}

/// An exchange file as read.
#[derive(Clone, Debug, Default)]
pub struct ExchangeFile {
    /// The target locale, and where the file says so.
    pub locale: Option<(String, usize)>,
    pub source_locale: Option<String>,
    pub entries: Vec<Entry>,
}

/// What to export.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    pub locale: String,
    pub format: Format,
    pub selection: Selection,
    pub out: PathBuf,
    /// Only pages whose English or locale file is (inside) one of these.
    pub paths: Vec<PathBuf>,
    /// One file for the locale instead of one per page.
    pub single_file: bool,
}

/// What an export wrote.
#[derive(Clone, Debug, Default)]
pub struct ExportReport {
    pub files: Vec<PathBuf>,
    pub pages: usize,
    /// Units exported by state: new, stale, untranslated, translated.
    pub units: [usize; 4],
    /// Units selected but left out: no span can hold their English.
    pub left_out: usize,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

fn state_index(s: State) -> usize {
    match s {
        State::New => 0,
        State::Stale => 1,
        State::Identical => 2,
        State::Translated => 3,
    }
}

/// The one locale (not the source) that `code` names.
fn target_locale(site: &Site, code: &str) -> Result<usize> {
    // A selection always holds the source locale (translations fall back
    // to it); the one named besides it is the target.
    let l = site.select_locales(&[code.to_string()])?;
    match l.as_slice() {
        [0, l] => Ok(*l),
        [0] => Err(Error::Usage(format!(
            "--locale {code} is the source locale; give the locale to translate into"
        ))),
        _ => Err(Error::Usage("--locale: give exactly one locale".into())),
    }
}

/// True when page `rel` is selected by `paths` (all pages when empty).
fn selected(site: &Site, rel: &str, locale: usize, paths: &[PathBuf]) -> bool {
    if paths.is_empty() {
        return true;
    }
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let files = [site.inventory.file(rel, 0), site.inventory.file(rel, locale)];
    paths
        .iter()
        .map(|p| canon(p))
        .any(|w| files.iter().flatten().any(|f| canon(f).starts_with(&w)))
}

/// Exports the units `opts` selects, one file per page (or one in all).
pub fn export(site: &Site, opts: &ExportOptions) -> Result<ExportReport> {
    let started = Instant::now();
    let locale = target_locale(site, &opts.locale)?;
    let code = site.config.locales[locale].code.clone();
    let source_code = site.config.locales[0].code.clone();
    let cfg = &site.config.check;
    let rels: Vec<&String> = site
        .sources
        .keys()
        .filter(|rel| selected(site, rel, locale, &opts.paths))
        .collect();
    let pages: Vec<(String, std::result::Result<Vec<ExUnit>, Diagnostic>)> = rels
        .par_iter()
        .map(|rel| {
            let src = &site.sources[*rel];
            let units = match site.translation(rel, locale) {
                None => Ok(units::page_units(rel, src, None, cfg)),
                Some(Ok(tr)) => Ok(units::page_units(rel, src, Some(&tr), cfg)),
                Some(Err(d)) => Err(d),
            };
            let units = units.map(|u| u.into_iter().filter(|u| opts.selection.takes(u)).collect::<Vec<_>>());
            ((*rel).clone(), units)
        })
        .collect();
    let mut report = ExportReport::default();
    let mut kept: Vec<(&str, Vec<&ExUnit>)> = Vec::new();
    for (rel, units) in &pages {
        match units {
            Err(d) => report.warnings.push(d.clone()),
            Ok(u) => {
                let src = &site.sources[rel].page.src;
                for x in u.iter().filter(|x| !x.holdable) {
                    report.left_out += 1;
                    report.warnings.push(
                        Diagnostic::warning(
                            "exchange",
                            format!("left out of the export: an sxs span cannot hold this English: \"{}\"", x.source),
                        )
                        .at_offset(src, x.range.start, x.range.len())
                        .help("it holds a lone backtick or a span tag (a table cell cut inside a code span?); fix the English"),
                    );
                }
                let u: Vec<&ExUnit> = u.iter().filter(|x| x.holdable).collect();
                for x in &u {
                    report.units[state_index(x.state)] += 1;
                }
                if !u.is_empty() {
                    kept.push((rel.as_str(), u));
                }
            }
        }
    }
    report.pages = kept.len();
    let render = |pages: &[xliff::PageUnits<'_>]| match opts.format {
        Format::Xliff => xliff::write(&source_code, &code, pages),
        Format::Po => po::write(&site.config.title, &source_code, &code, pages),
    };
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    if opts.single_file {
        if !kept.is_empty() {
            files.push((
                opts.out.join(format!("{code}.{}", opts.format.extension())),
                render(&kept),
            ));
        }
    } else {
        files = kept
            .par_iter()
            .map(|(rel, units)| {
                let name = format!("{}.{}", rel.trim_end_matches(".md"), opts.format.extension());
                (opts.out.join(&code).join(name), render(&[(rel, units.clone())]))
            })
            .collect();
    }
    for (path, text) in &files {
        stage::write_file(path, text.as_bytes())?;
    }
    report.files = files.into_iter().map(|(p, _)| p).collect();
    report.elapsed = started.elapsed();
    Ok(report)
}

/// What to import.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    pub files: Vec<PathBuf>,
    /// Say what would change; write nothing.
    pub dry_run: bool,
    /// Refuse files for any other locale.
    pub locale: Option<String>,
}

/// What an import changed (or, with `dry_run`, would change).
#[derive(Clone, Debug, Default)]
pub struct ImportReport {
    /// `content/<locale>/<page>` of each page written, and whether it is new.
    pub pages: Vec<(String, bool)>,
    /// Units whose translation was written.
    pub imported: usize,
    /// Units already as the file has them.
    pub unchanged: usize,
    /// Units left out: no target, fuzzy or not in a done state.
    pub not_ready: usize,
    /// Units left out, each with a warning saying why.
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

/// A unit to import, resolved against the current pages.
struct Resolved {
    entry: Entry,
    file: usize,
}

/// Imports translations from exchange files into the locale pages: all
/// pages are written, or (on any refusal) none.
pub fn import(site: &Site, opts: &ImportOptions) -> Result<ImportReport> {
    let started = Instant::now();
    let only = opts.locale.as_deref().map(|c| target_locale(site, c)).transpose()?;
    let mut diags = Vec::new();
    let mut sources: Vec<SourceText> = Vec::new();
    let mut todo: BTreeMap<(usize, String), Vec<Resolved>> = BTreeMap::new();
    for path in &opts.files {
        let bytes = std::fs::read(path).map_err(|e| Error::io("read", path, e))?;
        let display = display_path(Path::new("."), path);
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                diags.push(
                    Diagnostic::error("exchange", "the file is not valid UTF-8")
                        .at(Location::file(display))
                        .help("save it as UTF-8"),
                );
                continue;
            }
        };
        let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
        let file = SourceText::new(display, text);
        let read = match Format::of(path, &file.text) {
            Format::Po => po::read(&file),
            Format::Xliff => xliff::read(&file),
        };
        let xf = match read {
            Ok(xf) => xf,
            Err(d) => {
                diags.extend(d);
                continue;
            }
        };
        let fi = sources.len();
        let refuse_file = |msg: String, at: usize| {
            Diagnostic::error("exchange", msg)
                .at_offset(&file, at, 1)
                .help("import each file into the locale it was exported for")
        };
        let known: Vec<&str> = site.config.locales.iter().map(|l| l.code.as_str()).collect();
        let locale = match &xf.locale {
            None => {
                diags.push(refuse_file("the file does not say which locale it is for".into(), 0));
                continue;
            }
            Some((code, at)) => match site
                .config
                .locales
                .iter()
                .position(|l| l.code.eq_ignore_ascii_case(code))
            {
                Some(0) | None => {
                    diags.push(refuse_file(
                        format!(
                            "the file is for `{code}`, which is not a locale to translate into (known: {})",
                            known[1..].join(", ")
                        ),
                        *at,
                    ));
                    continue;
                }
                Some(l) if only.is_some_and(|o| o != l) => {
                    diags.push(refuse_file(
                        format!(
                            "the file is for {}, not {}",
                            site.config.locales[l].code,
                            opts.locale.as_deref().unwrap_or("")
                        ),
                        *at,
                    ));
                    continue;
                }
                Some(l) => l,
            },
        };
        if let Some(sl) = &xf.source_locale
            && !sl.eq_ignore_ascii_case(&site.config.locales[0].code)
        {
            diags.push(refuse_file(
                format!(
                    "the file translates from {sl}, this site from {}",
                    site.config.locales[0].code
                ),
                0,
            ));
            continue;
        }
        for entry in xf.entries {
            match units::page_of_key(&entry.key).filter(|rel| site.sources.contains_key(*rel)) {
                Some(rel) => todo
                    .entry((locale, rel.to_string()))
                    .or_default()
                    .push(Resolved { entry, file: fi }),
                None => diags.push(
                    Diagnostic::error(
                        "exchange",
                        format!("unknown unit key `{}`: no such page in this site", entry.key),
                    )
                    .at_offset(&file, entry.at, 1)
                    .help("keep the keys (XLIFF trans-unit id, PO msgctxt) as `locdoc export` wrote them"),
                ),
            }
        }
        sources.push(file);
    }
    let mut report = ImportReport::default();
    let mut changes = Vec::new();
    for ((locale, rel), entries) in &todo {
        match apply::page(site, *locale, rel, entries, &sources, &mut report) {
            Ok(Some(c)) => changes.push(c),
            Ok(None) => {}
            Err(d) => diags.extend(d),
        }
    }
    if !diags.is_empty() {
        return Err(Error::Content(diags));
    }
    for c in &changes {
        report.pages.push((display_path(&site.root, &c.path), c.created));
    }
    if !opts.dry_run {
        stage::write_all(&changes)?;
    }
    report.elapsed = started.elapsed();
    Ok(report)
}
