//! Diagnostics: the library's one error type, and the warnings and notes it
//! reports, each with a file, line and column, a rule code and a hint on what to do.
//!
//! Everything a user can get wrong is a [`Diagnostic`]. A failed operation
//! returns an [`Error`], whose kind decides the process exit code
//! ([`Error::exit_code`]): 1 for content (and I/O) problems, 2 for usage,
//! configuration and template problems.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

mod rule;
mod source;

pub use rule::Rule;
pub use source::{Excerpt, SourceText, end_of_text_before, floor_char_boundary};

/// How bad a diagnostic is. Ordered: `Note < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in a file: the path as shown to the user (relative to the site
/// root, `/`-separated), 1-based line and column (columns count characters,
/// as editors do), and the length of the marked text in characters.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub column: u32,
    #[serde(skip_serializing_if = "is_zero")]
    pub len: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Location {
    /// A location that names a whole file (line 1, column 1).
    pub fn file(file: impl Into<String>) -> Location {
        Location {
            file: file.into(),
            line: 1,
            column: 1,
            len: 0,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// One finding: what is wrong, where, and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable rule code, e.g. `front-matter` or `malformed`.
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// What the user should do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The text around `location` (its line, or a window of a long line),
    /// for rendering a caret.
    #[serde(skip)]
    pub excerpt: Option<Excerpt>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            location: None,
            help: None,
            excerpt: None,
        }
    }

    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, message)
    }

    pub fn note(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Note, code, message)
    }

    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(location);
        self
    }

    /// Points at `offset..offset+len` (bytes) of `file`, and keeps the text
    /// around it (see [`Excerpt`]) so the report can show it with a caret.
    pub fn at_offset(mut self, file: &SourceText, offset: usize, len: usize) -> Diagnostic {
        let (location, excerpt) = file.locate(offset, len);
        self.location = Some(location);
        self.excerpt = Some(excerpt);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// A panic caught while doing `what` (a bug in locdoc, whatever the
    /// input), as an error; `payload` is what [`std::panic::catch_unwind`]
    /// returned.
    pub fn panicked(what: &str, payload: &(dyn std::any::Any + Send)) -> Diagnostic {
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("no message");
        Diagnostic::error("internal", format!("{what} panicked: {message}"))
            .help("this is a bug in locdoc: please report it with the file that causes it")
    }

    /// Renders the diagnostic the way rustc does: a header, the location, the
    /// offending line with a caret under the problem, and the help.
    pub fn render(&self, color: bool) -> String {
        use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let title = level.primary_title(self.message.as_str()).id(self.code);
        // The path goes on a line of our own: the snippet may be a window of
        // the line, and annotate-snippets would count the column from its start.
        let mut arrow = None;
        let group = match (&self.location, &self.excerpt) {
            (Some(loc), Some(ex)) => {
                let col = (loc.column.saturating_sub(1)).saturating_sub(ex.skipped) as usize;
                let col = col + usize::from(ex.skipped > 0);
                let start = char_to_byte(&ex.text, col);
                let end = char_to_byte(&ex.text, col + loc.len.max(1) as usize);
                let end = end.max((start + 1).min(ex.text.len()));
                let width = loc.line.to_string().len();
                arrow = Some(format!("{:width$}--> {loc}", ""));
                title.element(
                    Snippet::source(ex.text.as_str())
                        .line_start(loc.line as usize)
                        .annotation(AnnotationKind::Primary.span(start..end)),
                )
            }
            (Some(loc), None) => title.element(
                Origin::path(loc.file.as_str())
                    .line(loc.line as usize)
                    .char_column(loc.column as usize),
            ),
            (None, _) => Group::with_title(title),
        };
        let mut report = vec![group];
        if let Some(help) = &self.help {
            report.push(Group::with_title(Level::HELP.secondary_title(help.as_str())));
        }
        let renderer = if color { Renderer::styled() } else { Renderer::plain() };
        let out = renderer.render(&report);
        match (arrow, out.split_once('\n')) {
            (Some(arrow), Some((head, rest))) => {
                let arrow = if color {
                    arrow.replacen("--> ", "\x1b[1m\x1b[94m--> \x1b[0m", 1)
                } else {
                    arrow
                };
                format!("{head}\n{arrow}\n{rest}")
            }
            _ => out,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(loc) = &self.location {
            write!(f, "{loc}: ")?;
        }
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

fn char_to_byte(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

/// `path` relative to `base`, `/`-separated (for names inside a folder).
pub fn rel_path(base: &Path, path: &Path) -> String {
    slashes(path.strip_prefix(base).unwrap_or(path))
}

fn slashes(p: &Path) -> String {
    let s = p.to_string_lossy();
    let s = s.strip_prefix("./").unwrap_or(&s);
    if std::path::MAIN_SEPARATOR == '/' {
        s.to_string()
    } else {
        s.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

/// A path as shown to users: as they would type it from the current folder
/// when the site root was given relative to it (`content/x.md`,
/// `docs/content/x.md`), else relative to the site root.
pub fn display_path(root: &Path, path: &Path) -> String {
    let Ok(rel) = path.strip_prefix(root) else {
        return slashes(path);
    };
    if root.is_relative() {
        return slashes(&root.join(rel));
    }
    match cwd() {
        Some(cwd) if root.starts_with(cwd) => slashes(&root.strip_prefix(cwd).unwrap_or(root).join(rel)),
        _ => slashes(rel),
    }
}

/// The current folder, read once (paths are shown relative to it).
fn cwd() -> Option<&'static PathBuf> {
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    CWD.get_or_init(|| std::env::current_dir().ok()).as_ref()
}

/// The absolute path of a file [`display_path`] showed as `shown` for the
/// site at `root`, without `.` and `..` (for reports that need paths
/// relative to another folder, like SARIF's to the repository).
pub fn shown_to_absolute(root: &Path, shown: &str) -> PathBuf {
    let p = Path::new(shown);
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        let cwd = cwd().cloned().unwrap_or_default();
        if root.is_relative() || root.starts_with(&cwd) {
            cwd.join(p)
        } else {
            root.join(p)
        }
    };
    normalize(&abs)
}

/// `path` with `.` and `..` resolved by name (not through the file system).
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(c);
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The library's error. Each variant maps to an exit code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line asked for something impossible (exit 2).
    #[error("{0}")]
    Usage(String),
    /// `site.toml`, a `.ftl` file or the site layout is wrong (exit 2).
    #[error("{}", .0.message)]
    Config(Box<Diagnostic>),
    /// A template failed to parse or render (exit 2).
    #[error("{}", .0.message)]
    Template(Box<Diagnostic>),
    /// One or more pages are broken (exit 1). All of them are listed.
    #[error("{} content error(s)", .0.len())]
    Content(Vec<Diagnostic>),
    /// Reading or writing a file failed (exit 1).
    #[error("cannot {action} {}: {source}", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    pub fn config(diag: Diagnostic) -> Error {
        Error::Config(Box::new(diag))
    }

    /// A failed step of a directory walk under `dir`.
    pub fn walk(dir: &Path, e: walkdir::Error) -> Error {
        let path = e.path().unwrap_or(dir).to_path_buf();
        let io = e
            .into_io_error()
            .unwrap_or_else(|| std::io::Error::other("symbolic link loop"));
        Error::io("read", path, io)
    }

    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// The process exit code for this error: 1 for content and I/O errors,
    /// 2 for usage, configuration and template errors.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Content(_) | Error::Io { .. } => 1,
            Error::Usage(_) | Error::Config(_) | Error::Template(_) => 2,
        }
    }

    /// The error as diagnostics, ready to print.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            Error::Usage(msg) => vec![Diagnostic::error("usage", msg.clone())],
            Error::Config(d) | Error::Template(d) => vec![(**d).clone()],
            Error::Content(ds) => ds.clone(),
            Error::Io { action, path, source } => vec![
                Diagnostic::error("io", format!("cannot {action} {}: {source}", path.display())).help(io_help(source)),
            ],
        }
    }
}

fn io_help(err: &std::io::Error) -> &'static str {
    match err.kind() {
        std::io::ErrorKind::NotFound => "check the path; run from the site root or pass --root",
        std::io::ErrorKind::PermissionDenied => "check the file permissions",
        _ => "check the disk and the path, then run the command again",
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caught_panic_becomes_an_internal_error_with_its_message() {
        let p = std::panic::catch_unwind(|| panic!("boom {}", 42)).unwrap_err();
        let d = Diagnostic::panicked("rendering x", &*p);
        assert_eq!((d.severity, d.code), (Severity::Error, "internal"));
        assert_eq!(d.message, "rendering x panicked: boom 42");
        let p = std::panic::catch_unwind(|| panic!("static")).unwrap_err();
        assert_eq!(Diagnostic::panicked("y", &*p).message, "y panicked: static");
        let p = std::panic::catch_unwind(|| std::panic::panic_any(7u8)).unwrap_err();
        assert_eq!(Diagnostic::panicked("z", &*p).message, "z panicked: no message");
    }

    #[test]
    fn render_shows_path_line_caret_and_help() {
        let src = SourceText::new("content/x.md", "---\ntitle: [\n---\n".to_string());
        let d = Diagnostic::error("front-matter", "invalid YAML")
            .at_offset(&src, 11, 1)
            .help("close the bracket");
        let out = d.render(false);
        assert!(out.contains("error[front-matter]: invalid YAML"), "{out}");
        assert!(out.contains("content/x.md:2:8"), "{out}");
        assert!(out.contains("title: ["), "{out}");
        assert!(out.contains('^'), "{out}");
        assert!(out.contains("help: close the bracket"), "{out}");
    }

    #[test]
    fn shown_paths_lead_back_to_the_file() {
        let cwd = std::env::current_dir().unwrap();
        // (site root, the file as locdoc has it, the file's absolute path)
        for (root, file, abs) in [
            (
                PathBuf::from("."),
                PathBuf::from("./content/a.md"),
                cwd.join("content/a.md"),
            ),
            (
                PathBuf::from("docs"),
                PathBuf::from("docs/content/a.md"),
                cwd.join("docs/content/a.md"),
            ),
            (
                PathBuf::from("."),
                PathBuf::from("./../shared/c/a.md"),
                normalize(&cwd.join("../shared/c/a.md")),
            ),
            (
                cwd.join("site"),
                cwd.join("site/content/a.md"),
                cwd.join("site/content/a.md"),
            ),
            (
                PathBuf::from("/elsewhere/site"),
                PathBuf::from("/elsewhere/site/content/a.md"),
                PathBuf::from("/elsewhere/site/content/a.md"),
            ),
        ] {
            let shown = display_path(&root, &file);
            assert_eq!(shown_to_absolute(&root, &shown), abs, "{shown}");
        }
        assert_eq!(normalize(Path::new("/a/./b/../c")), Path::new("/a/c"));
    }

    #[test]
    fn display_paths_read_as_typed_from_the_current_folder() {
        assert_eq!(
            display_path(Path::new("."), Path::new("./content/a.md")),
            "content/a.md"
        );
        assert_eq!(
            display_path(Path::new("docs"), Path::new("docs/content/a.md")),
            "docs/content/a.md"
        );
        assert_eq!(
            display_path(Path::new("/elsewhere/site"), Path::new("/elsewhere/site/content/a.md")),
            "content/a.md"
        );
        assert_eq!(
            display_path(Path::new("."), Path::new("../shared/c/a.md")),
            "../shared/c/a.md"
        );
        assert_eq!(
            rel_path(Path::new("/s/content/cs-CZ"), Path::new("/s/content/cs-CZ/events/a.md")),
            "events/a.md"
        );
    }

    #[test]
    fn exit_codes_follow_the_documented_table() {
        assert_eq!(Error::Usage("x".into()).exit_code(), 2);
        assert_eq!(Error::config(Diagnostic::error("config", "x")).exit_code(), 2);
        assert_eq!(Error::Content(vec![]).exit_code(), 1);
    }
}
