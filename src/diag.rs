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

/// A bounded piece of the line a diagnostic points into: the whole line when
/// it is short, else a window of it around the marked text with `…` where it
/// was cut, so a diagnostic costs the same on a 300 KB line as on a short one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    pub text: String,
    /// Characters of the line left out before `text` (the `…` not counted).
    pub skipped: u32,
}

/// Characters of a line kept before and after the marked text in an
/// [`Excerpt`]; of a long marked text, its first [`EXCERPT_MARK`] are kept.
const EXCERPT_CONTEXT: usize = 60;
const EXCERPT_MARK: usize = 120;

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

/// A file's text with an index of its line starts, to turn byte offsets into
/// line and column. `display` is the path shown to users.
#[derive(Clone, Debug)]
pub struct SourceText {
    pub display: String,
    pub text: String,
    line_starts: Vec<u32>,
    /// On lines longer than [`CHECKPOINT`] bytes: `(byte offset, characters
    /// from its line's start)` every `CHECKPOINT` bytes, so a column is found
    /// by counting at most `CHECKPOINT` bytes however long the line is.
    checkpoints: Vec<(u32, u32)>,
}

/// Bytes between two column checkpoints of a long line.
const CHECKPOINT: usize = 1024;

impl SourceText {
    pub fn new(display: impl Into<String>, text: String) -> SourceText {
        let mut line_starts = Vec::with_capacity(text.len() / 40 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1));
        let mut checkpoints = Vec::new();
        for (i, &start) in line_starts.iter().enumerate() {
            let start = start as usize;
            let end = line_starts.get(i + 1).map_or(text.len(), |&e| e as usize);
            if end - start <= CHECKPOINT {
                continue;
            }
            let (mut pos, mut chars) = (start, 0u32);
            while pos + CHECKPOINT < end {
                let next = floor_char_boundary(&text, pos + CHECKPOINT);
                chars += count_chars(&text.as_bytes()[pos..next]) as u32;
                pos = next;
                checkpoints.push((pos as u32, chars));
            }
        }
        SourceText {
            display: display.into(),
            text,
            line_starts,
            checkpoints,
        }
    }

    /// The column (0-based, in characters) of byte `offset` on the line that
    /// starts at byte `line_start`.
    fn chars_before(&self, line_start: usize, offset: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(o, _)| o as usize <= offset);
        let (from, chars) = match i.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some((o, c)) if o as usize >= line_start => (o as usize, c as usize),
            _ => (line_start, 0),
        };
        chars + count_chars(&self.text.as_bytes()[from..offset])
    }

    /// The start and length (in bytes) of the longest line.
    pub fn longest_line(&self) -> Option<(usize, usize)> {
        let ends = self
            .line_starts
            .iter()
            .skip(1)
            .map(|&s| s as usize - 1)
            .chain([self.text.len()]);
        self.line_starts
            .iter()
            .zip(ends)
            .map(|(&s, e)| (s as usize, e - s as usize))
            .max_by_key(|&(s, len)| (len, std::cmp::Reverse(s)))
    }

    /// 1-based line number and the byte offset where that line starts.
    pub fn line_of(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len()) as u32;
        let idx = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (idx + 1, self.line_starts[idx] as usize)
    }

    /// The location of `offset..offset+len` and the text around it (the
    /// marked text ends at the end of its line). Costs the same whatever the
    /// length of the line.
    pub fn locate(&self, offset: usize, len: usize) -> (Location, Excerpt) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let (line, start) = self.line_of(offset);
        let line_end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next as usize - 1)
            .max(offset);
        let end = floor_char_boundary(&self.text, (offset + len).min(line_end).max(offset));
        let column = self.chars_before(start, offset);
        let chars = self.chars_before(start, end) - column;
        // The excerpt: the whole line, or a window around the marked text.
        let from = chars_back(&self.text, offset, EXCERPT_CONTEXT, start);
        let to = match chars_ahead(&self.text, offset, EXCERPT_MARK, end) {
            cut if cut < end => cut,
            _ => chars_ahead(&self.text, end, EXCERPT_CONTEXT, line_end),
        };
        let mut text = String::with_capacity(to - from + 6);
        if from > start {
            text.push('…');
        }
        text.push_str(&self.text[from..to]);
        if to < line_end {
            text.push('…');
        }
        let skipped = if from > start {
            self.chars_before(start, from) as u32
        } else {
            0
        };
        (
            Location {
                file: self.display.clone(),
                line: line as u32,
                column: column as u32 + 1,
                len: chars as u32,
            },
            Excerpt { text, skipped },
        )
    }

    pub fn location(&self, offset: usize) -> Location {
        self.locate(offset, 0).0
    }
}

/// The byte offset `n` characters before `pos` in `s`, but not before `floor`.
fn chars_back(s: &str, pos: usize, n: usize, floor: usize) -> usize {
    s[floor..pos]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(floor, |(i, _)| floor + i)
}

/// The byte offset `n` characters after `pos` in `s`, but not after `limit`.
fn chars_ahead(s: &str, pos: usize, n: usize, limit: usize) -> usize {
    s[pos..limit].char_indices().nth(n).map_or(limit, |(i, _)| pos + i)
}

/// The number of characters in UTF-8 `bytes` (its bytes that do not
/// continue a character).
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
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
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    let Ok(rel) = path.strip_prefix(root) else {
        return slashes(path);
    };
    if root.is_relative() {
        return slashes(&root.join(rel));
    }
    match CWD.get_or_init(|| std::env::current_dir().ok()) {
        Some(cwd) if root.starts_with(cwd) => slashes(&root.strip_prefix(cwd).unwrap_or(root).join(rel)),
        _ => slashes(rel),
    }
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
    fn locate_counts_columns_in_characters() {
        let src = SourceText::new("a.md", "first\nčeský |x|\nlast".to_string());
        let off = src.text.find("|x").unwrap();
        let (loc, ex) = src.locate(off, 2);
        assert_eq!((loc.line, loc.column, loc.len), (2, 7, 2));
        assert_eq!(
            ex,
            Excerpt {
                text: "český |x|".into(),
                skipped: 0
            }
        );
    }

    #[test]
    fn columns_and_excerpts_on_a_long_line_are_exact_and_bounded() {
        // 3,000 wide characters, a mark, 3,000 more: columns count characters
        // across the checkpoints, and the excerpt is a window with `…`.
        let line = format!("{}<MARK>{}", "ž".repeat(3000), "š".repeat(3000));
        let src = SourceText::new("a.md", format!("first\n{line}\nlast\n"));
        let off = src.text.find("<MARK>").unwrap();
        let (loc, ex) = src.locate(off, 6);
        assert_eq!((loc.line, loc.column, loc.len), (2, 3001, 6));
        assert!(ex.text.starts_with('…') && ex.text.ends_with('…'), "{}", ex.text);
        assert_eq!(ex.text.chars().count(), 2 * EXCERPT_CONTEXT + 6 + 2, "{}", ex.text);
        assert_eq!(ex.skipped, (3000 - EXCERPT_CONTEXT) as u32);
        let out = Diagnostic::warning("malformed", "m")
            .at_offset(&src, off, 6)
            .render(false);
        assert!(out.contains(" --> a.md:2:3001\n"), "{out}");
        let caret_line = out.lines().find(|l| l.contains('^')).unwrap();
        let text_line = out.lines().find(|l| l.contains("<MARK>")).unwrap();
        let col = |l: &str, pat: &str| l[..l.find(pat).unwrap()].chars().count();
        assert_eq!(col(caret_line, "^^^^^^"), col(text_line, "<MARK>"), "{out}");
        // Every offset of the line agrees with counting from its start.
        for off in (0..src.text.len()).step_by(997) {
            let off = floor_char_boundary(&src.text, off);
            let (line_no, start) = src.line_of(off);
            let want = src.text[start..off].chars().count() as u32 + 1;
            assert_eq!(src.location(off).column, want, "line {line_no} offset {off}");
        }
    }

    #[test]
    fn locate_handles_offsets_at_and_past_the_end() {
        let src = SourceText::new("a.md", "ab\n".to_string());
        assert_eq!(src.location(3).line, 2);
        assert_eq!(src.location(99).line, 2);
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
