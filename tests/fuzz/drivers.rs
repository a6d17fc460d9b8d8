//! The four fuzzed entry points, shared by the stable harness
//! (`tests/fuzz/main.rs`) and the cargo-fuzz targets (`fuzz/fuzz_targets`),
//! which include this file with `#[path]`.
//!
//! Each driver takes arbitrary bytes, runs one stage of locdoc through its
//! public library API and returns the [`Work`] it did: sizes of what it
//! produced (diagnostics, segments, HTML bytes). [`Work::check`] holds those
//! to a linear bound of the input size, so a case that is quadratic in its
//! output is caught by counting, never by a clock.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use locdoc::diag::{Diagnostic, SourceText};
use locdoc::load::{self, Page};
use locdoc::render::{I18n, Renderer, Templates};
use locdoc::segment::{source, sxs};
use locdoc::site::{Source, Translation};
use locdoc::{Site, align};

/// Output per input byte a stage may produce before a case is reported as
/// over budget, on top of [`BASE`]. Rendering escapes (`"` → `&quot;`) and
/// shows a segment twice (translation and English title), so HTML can be a
/// few times the input; nothing linear comes near 64.
pub const PER_BYTE: usize = 64;
/// Output allowed whatever the input size: the page template alone is a few
/// kilobytes.
pub const BASE: usize = 256 * 1024;

/// Separates the English page from the locale page in one fuzz input for
/// the two-page targets (`align`, `markdown`).
pub const PAGE_SEPARATOR: u8 = 0;

/// What one case produced, by named measure.
#[derive(Debug, Default)]
pub struct Work {
    pub input: usize,
    pub measures: Vec<(&'static str, usize)>,
    /// Script the untrusted page put in the HTML (see [`scripts_in`]).
    pub injected: Vec<String>,
}

impl Work {
    fn new(input: usize) -> Work {
        Work {
            input,
            measures: Vec::new(),
            injected: Vec::new(),
        }
    }

    fn add(&mut self, name: &'static str, n: usize) {
        self.measures.push((name, n));
    }

    fn diagnostics(&mut self, prefix: Prefix, diags: &[Diagnostic]) {
        self.add(prefix.count, diags.len());
        self.add(prefix.text, diags.iter().map(text_bytes).sum());
        self.add(prefix.excerpts, diags.iter().map(excerpt_bytes).sum());
    }

    /// The linear budget of this case.
    pub fn limit(&self) -> usize {
        self.input * PER_BYTE + BASE
    }

    /// The first measure over the linear budget, with its value.
    pub fn over_budget(&self) -> Option<(&'static str, usize)> {
        self.measures.iter().find(|(_, n)| *n > self.limit()).copied()
    }

    /// Panics when a measure is over budget (for the libFuzzer targets,
    /// which report a panic as a crash and save the input).
    pub fn check(&self) {
        assert!(self.injected.is_empty(), "script injected: {:?}", self.injected);
        if let Some((name, n)) = self.over_budget() {
            panic!(
                "over budget: {name} = {n} for {} input bytes (limit {})",
                self.input,
                self.limit()
            );
        }
    }
}

/// Names of the three diagnostic measures of a stage.
#[derive(Clone, Copy)]
struct Prefix {
    count: &'static str,
    text: &'static str,
    excerpts: &'static str,
}

const SXS_DIAGS: Prefix = Prefix {
    count: "sxs diagnostics",
    text: "sxs diagnostic text bytes",
    excerpts: "sxs diagnostic excerpt bytes",
};
const PAGE_DIAGS: Prefix = Prefix {
    count: "front-matter diagnostics",
    text: "front-matter diagnostic text bytes",
    excerpts: "front-matter diagnostic excerpt bytes",
};
const RENDER_DIAGS: Prefix = Prefix {
    count: "render warnings",
    text: "render warning text bytes",
    excerpts: "render warning excerpt bytes",
};

fn text_bytes(d: &Diagnostic) -> usize {
    d.message.len() + d.help.as_ref().map_or(0, String::len)
}

fn excerpt_bytes(d: &Diagnostic) -> usize {
    d.excerpt.as_ref().map_or(0, |e| e.text.len())
}

/// `locdoc::segment::sxs::parse` over the bytes as a page body.
pub fn sxs(data: &[u8]) -> Work {
    let mut w = Work::new(data.len());
    let src = SourceText::new("fuzz.md", String::from_utf8_lossy(data).into_owned());
    let doc = sxs::parse(&src, 0);
    w.add("sxs segments", doc.segments.len());
    w.diagnostics(SXS_DIAGS, &doc.diagnostics);
    let pieces = doc.pieces(0, src.text.len());
    w.add("sxs pieces", pieces.len());
    w
}

/// `locdoc::load::parse_page` (encoding, BOM and line ends, front matter).
pub fn front_matter(data: &[u8]) -> Work {
    let mut w = Work::new(data.len());
    match load::parse_page("fuzz.md".into(), data.to_vec(), 1, "fuzz.md") {
        Ok(page) => {
            w.add("front-matter fields", page.front.fields.len());
            let values: usize = page.front.fields.values().map(|v| v.to_string().len()).sum();
            w.add("front-matter field bytes", values);
            w.diagnostics(PAGE_DIAGS, &page.warnings);
        }
        Err(d) => w.diagnostics(PAGE_DIAGS, std::slice::from_ref(&d)),
    }
    w
}

/// Splits a two-page input at the first [`PAGE_SEPARATOR`]: the English
/// page, then the locale page. Without a separator both are the input.
pub fn split_pages(data: &[u8]) -> (&[u8], &[u8]) {
    match memchr_sep(data) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, data),
    }
}

fn memchr_sep(data: &[u8]) -> Option<usize> {
    data.iter().position(|&b| b == PAGE_SEPARATOR)
}

/// Joins two pages into one two-page input.
pub fn join_pages(en: &[u8], tr: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(en.len() + tr.len() + 1);
    v.extend_from_slice(en);
    v.push(PAGE_SEPARATOR);
    v.extend_from_slice(tr);
    v
}

/// A page as the build reads it; a page whose front matter is rejected is
/// used whole as its body (the stages after `load` must cope with any
/// text, so they are fuzzed on it too).
fn page_of(data: &[u8], locale: usize) -> Page {
    match load::parse_page("fuzz.md".into(), data.to_vec(), locale, "etw/page.md") {
        Ok(p) => p,
        Err(_) => {
            let (text, had_bom, had_crlf) = load::normalise(String::from_utf8_lossy(data).into_owned());
            Page {
                locale,
                rel: "etw/page.md".into(),
                src: SourceText::new("fuzz.md", text),
                front: Default::default(),
                front_range: 0..0,
                body_start: 0,
                had_bom,
                had_crlf,
                warnings: Vec::new(),
            }
        }
    }
}

/// The English page and the locale page of a two-page input.
fn two_pages(data: &[u8], w: &mut Work) -> (Page, Page) {
    let (en, tr) = split_pages(data);
    let en = page_of(en, 0);
    let tr = page_of(tr, 1);
    let warnings: Vec<Diagnostic> = en.warnings.iter().chain(&tr.warnings).cloned().collect();
    w.diagnostics(PAGE_DIAGS, &warnings);
    (en, tr)
}

/// English page and locale page → `locdoc::align::align`.
pub fn align(data: &[u8]) -> Work {
    let mut w = Work::new(data.len());
    let (en, tr) = two_pages(data, &mut w);
    let doc = source::parse(&en.src.text, en.body_start);
    let sx = sxs::parse(&tr.src, tr.body_start);
    w.add("source blocks", doc.blocks.len());
    w.add("source joined bytes", doc.joined.len());
    w.diagnostics(SXS_DIAGS, &sx.diagnostics);
    let al = align::align(&en.src.text, &doc, &tr.src.text, &sx);
    w.add("alignment units", al.units.len());
    w.add(
        "alignment unit segments",
        al.units.iter().map(|u| u.segments.len()).sum(),
    );
    w.add("alignment unit bytes", al.units.iter().map(|u| u.range.len()).sum());
    w.add("alignment orphans", al.orphans.len());
    w
}

const SITE_TOML: &str = r#"
title = "Fuzz"
base_url = "https://example.org/fuzz/"
source_locale = "en-US"
[[locales]]
code = "en-US"
name = "English"
[[locales]]
code = "cs-CZ"
name = "Čeština"
[markdown]
xref_url = "https://example.org/api/{uid}"
upstream_url = "https://example.org/upstream/{locale}/"
[includes]
known = "An include given in site.toml."
loop = "Again: [!INCLUDE[loop](loop.md)] and [!INCLUDE[self](../includes/self.md)]"
"#;

/// The renderer of a one-page site (English and Czech) to render fuzzed
/// pages with; built once, kept for the life of the process.
fn renderer() -> &'static Renderer<'static> {
    static RENDERER: OnceLock<Renderer<'static>> = OnceLock::new();
    RENDERER.get_or_init(|| {
        // A fixed folder, not a temporary one: statics are never dropped, so
        // a temporary folder would be left behind by every run. Files are
        // replaced atomically, so processes running side by side agree.
        let base = option_env!("CARGO_TARGET_TMPDIR").map_or_else(std::env::temp_dir, PathBuf::from);
        let root = base.join("locdoc-fuzz-site");
        for (rel, text) in [
            ("site.toml", SITE_TOML),
            ("content/en-US/etw/page.md", "# Page\n"),
            ("content/cs-CZ/etw/page.md", "# Page\n"),
            ("content/en-US/etw/other.md", "# Other\n"),
            ("content/en-US/includes/inc.md", "Included *text*.\n"),
            (
                "content/en-US/includes/self.md",
                "Self: [!INCLUDE[self](../includes/self.md)]\n",
            ),
            (
                "content/en-US/includes/twice.md",
                "2 [!INCLUDE[twice](../includes/twice.md)] [!INCLUDE[loop](loop.md)]\n",
            ),
            // A translated include file is the translator's: untrusted.
            (
                "content/cs-CZ/includes/inc.md",
                "<span data-ttu-id=\"inc-1\"><img src=x onerror=alert(1)><script>alert(2)</script>*Vloženo*.</span>\
                 <span class=\"sxs-lookup\"><span data-stu-id=\"inc-1\">Included *text*.</span></span>\n",
            ),
        ] {
            write_atomic(&root.join(rel), text);
        }
        let site: &'static Site = Box::leak(Box::new(Site::open(&root).expect("fuzz site loads")));
        let i18n = Box::leak(Box::new(I18n::load(&site.config, &root).expect("fuzz site messages")));
        let templates = Box::leak(Box::new(
            Templates::load(&root.join("templates"), &root).expect("built-in templates"),
        ));
        Renderer::new(site, i18n, templates)
    })
}

fn write_atomic(path: &Path, text: &str) {
    let dir = path.parent().expect("a file in a folder");
    std::fs::create_dir_all(dir).expect("create the fuzz site folder");
    let tmp = dir.join(format!(
        ".{}.{}",
        std::process::id(),
        path.file_name().expect("file name").display()
    ));
    std::fs::write(&tmp, text).expect("write the fuzz site");
    std::fs::rename(&tmp, path).expect("write the fuzz site");
}

/// English page and locale page rendered through `locdoc::render`: the
/// English page, the translation aligned on it, and the translation on its
/// own (as when it has no English source).
pub fn markdown(data: &[u8]) -> Work {
    let mut w = Work::new(data.len());
    let rendered = render_three(data, &mut w);
    let mut html = 0;
    let mut warnings = Vec::new();
    let mut scripts = Vec::new();
    for r in rendered {
        match r {
            Ok(p) => {
                html += p.html.len();
                scripts.push(scripts_in(&p.html));
                warnings.extend(p.warnings);
            }
            // A template error is the site's fault, never the page's: the
            // built-in templates render any page.
            Err(e) => panic!("rendering failed: {e}"),
        }
    }
    // The English page is the site's own and may hold script; the
    // translation may add none: the aligned page holds what the English
    // page does (and the template's difference), the translation alone
    // only the template's.
    let base = template_scripts();
    let mut allowed = without(&scripts[0], &base[0]);
    allowed.extend(base[1].iter().cloned());
    w.injected = without(&scripts[1], &allowed);
    w.injected.extend(without(&scripts[2], &base[2]));
    w.add("rendered HTML bytes", html);
    w.diagnostics(RENDER_DIAGS, &warnings);
    w
}

/// The HTML of the three renderings of [`markdown`].
pub fn rendered_html(data: &[u8]) -> Vec<String> {
    render_three(data, &mut Work::new(data.len()))
        .into_iter()
        .map(|r| r.expect("the built-in templates render any page").html)
        .collect()
}

/// Renders the two pages of `data` as the English page, the translation
/// aligned on it and the translation alone, counting the sxs diagnostics.
fn render_three(data: &[u8], w: &mut Work) -> [locdoc::Result<locdoc::render::RenderedPage>; 3] {
    let renderer = renderer();
    let rel = "etw/page.md";
    let (en, tr) = two_pages(data, w);
    let doc = source::parse(&en.src.text, en.body_start);
    let src = Source { page: en, doc };
    let sx = sxs::parse(&tr.src, tr.body_start);
    w.diagnostics(SXS_DIAGS, &sx.diagnostics);
    let al = align::align(&src.page.src.text, &src.doc, &tr.src.text, &sx);
    let tr = Translation {
        page: tr,
        sxs: sx,
        alignment: Some(al),
        whole: None,
    };
    [
        renderer.source_page(rel, &src),
        renderer.translated_page(rel, Some(&src), &tr),
        renderer.translated_page(rel, None, &tr),
    ]
}

/// The script-capable things in the three renderings of a page that has
/// none: what the templates bring.
fn template_scripts() -> &'static [Vec<String>; 3] {
    static BASE: OnceLock<[Vec<String>; 3]> = OnceLock::new();
    BASE.get_or_init(|| {
        let renderer = renderer();
        let (en, tr) = (page_of(b"# Page\n", 0), page_of(b"# Page\n", 1));
        let doc = source::parse(&en.src.text, en.body_start);
        let src = Source { page: en, doc };
        let sx = sxs::parse(&tr.src, tr.body_start);
        let alignment = Some(align::align(&src.page.src.text, &src.doc, &tr.src.text, &sx));
        let tr = Translation {
            page: tr,
            sxs: sx,
            alignment,
            whole: None,
        };
        let html = |r: Result<locdoc::render::RenderedPage, _>| scripts_in(&r.expect("a plain page renders").html);
        [
            html(renderer.source_page("etw/page.md", &src)),
            html(renderer.translated_page("etw/page.md", Some(&src), &tr)),
            html(renderer.translated_page("etw/page.md", None, &tr)),
        ]
    })
}

/// `a` less one of each item of `b` (multisets).
fn without(a: &[String], b: &[String]) -> Vec<String> {
    let mut rest = b.to_vec();
    a.iter()
        .filter(|x| match rest.iter().position(|y| y == *x) {
            Some(i) => {
                rest.swap_remove(i);
                false
            }
            None => true,
        })
        .cloned()
        .collect()
}

/// Elements that run or load script (or change where links go), `on…`
/// event attributes, and `javascript:`-like URLs in the markup of `html`:
/// one string each, to compare with what the templates bring. Text and
/// attribute values are skipped (escaped text is not markup).
pub fn scripts_in(html: &str) -> Vec<String> {
    const ELEMENTS: [&str; 12] = [
        "script", "iframe", "frame", "object", "embed", "base", "form", "svg", "math", "style", "applet", "portal",
    ];
    const URL_ATTRS: [&str; 7] = ["href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"];
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            i = find(b, i, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = b[i..]
            .iter()
            .position(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
            .map_or(b.len(), |e| i + e);
        let name = html[i..name_end].to_ascii_lowercase();
        if ELEMENTS.contains(&name.as_str()) {
            out.push(format!("<{name}>"));
        }
        // Attributes up to the tag's end, quoted values skipped whole.
        i = name_end;
        loop {
            while b.get(i).is_some_and(|c| c.is_ascii_whitespace() || *c == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let start = i;
            while b
                .get(i)
                .is_some_and(|c| !c.is_ascii_whitespace() && !b"=>/".contains(c))
            {
                i += 1;
            }
            let attr = html[start..i].to_ascii_lowercase();
            if i == start {
                i += 1;
                continue;
            }
            while b.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            let mut value = "";
            if b.get(i) == Some(&b'=') {
                i += 1;
                while b.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                let v0 = i;
                match b.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = b[i + 1..].iter().position(|&c| c == q).map_or(b.len(), |e| i + 1 + e);
                        value = &html[(v0 + 1).min(end)..end];
                        i = (end + 1).min(b.len());
                    }
                    _ => {
                        while b.get(i).is_some_and(|c| !c.is_ascii_whitespace() && *c != b'>') {
                            i += 1;
                        }
                        value = &html[v0..i];
                    }
                }
            }
            if attr.starts_with("on") {
                out.push(format!("{name} {attr}="));
            } else if URL_ATTRS.contains(&attr.as_str()) || (name == "meta" && attr == "http-equiv") {
                let v: String = decode_entities(value)
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if ["javascript:", "vbscript:", "data:"].iter().any(|s| v.starts_with(s))
                    || attr == "http-equiv"
                    || attr == "srcdoc"
                {
                    out.push(format!("{name} {attr}={v}"));
                }
            }
        }
        // Raw text elements end only at their end tag.
        if name == "script" || name == "style" {
            i = find(b, i, format!("</{name}").as_bytes()).unwrap_or(b.len());
        }
    }
    out
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

/// Numeric character references and the entities a browser would read in
/// a URL scheme (`&colon;`, `&Tab;`, `&NewLine;`), decoded.
fn decode_entities(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map_or(rest.len(), |e| e + 1);
        let ent = &rest[1..end];
        let ch = match ent.strip_prefix('#') {
            Some(n) => match n.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok(),
                None => n.parse().ok(),
            }
            .and_then(char::from_u32),
            None => match ent.to_ascii_lowercase().as_str() {
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                _ => None,
            },
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A fuzzed entry point: input bytes in, the work done out.
pub type Driver = fn(&[u8]) -> Work;

/// The targets by name, as the harness and the cargo-fuzz targets call them.
pub const TARGETS: [(&str, Driver); 4] = [
    ("sxs", sxs),
    ("front_matter", front_matter),
    ("align", align),
    ("markdown", markdown),
];
