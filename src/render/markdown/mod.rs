//! Markdown to HTML, the way documentation pages need it.
//!
//! - Translations go into the English page through *sentinels*: a private-use
//!   character pair around a number (`\u{E000}7\u{E001}`) is put into the
//!   Markdown where a unit of source text was, the page is rendered once with
//!   pulldown-cmark, and each sentinel in the HTML is then replaced by its
//!   fill. Markdown structure is never cut, and the English page decides
//!   the structure of every locale.
//! - Relative links are rewritten to the built pages (`x.md#a` → `../x/#a`),
//!   `<xref:Uid>` to the configured API reference, DocFX `[!INCLUDE]` tokens
//!   resolved, `> [!NOTE]` alerts labelled in the page's language, headings
//!   given the English (DocFX) anchors.
//! - Translated text is untrusted: links with schemes other than http(s),
//!   mailto and relative are dropped, and any raw HTML in it goes through
//!   ammonia with a small allow-list of inline tags.

mod docfx;
#[cfg(test)]
mod docfx_tests;
mod rewrite;
mod sanitize;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use pulldown_cmark_escape::{escape_html, escape_html_body_text};

use crate::segment::{find_includes, markdown_options};
pub use crate::site::Included;
pub use docfx::english_alert_labels;
use docfx::replace_includes;
use rewrite::{EMPTY_HEAD, Rewriter, drop_empty_table_heads};
use sanitize::{DOCUMENT_SANITIZER, INLINE_SANITIZER};

pub(crate) const OPEN: char = '\u{E000}';
pub(crate) const CLOSE: char = '\u{E001}';

/// Replacement HTML (and plain text, for attribute contexts) of sentinels.
#[derive(Debug, Default)]
pub struct Fills {
    pub html: Vec<String>,
    pub plain: Vec<String>,
}

impl Fills {
    /// Registers a fill and returns the sentinel that stands for it.
    pub fn add(&mut self, html: String, plain: String) -> String {
        let k = self.html.len();
        self.html.push(html);
        self.plain.push(plain);
        format!("{OPEN}{k}{CLOSE}")
    }

    fn get(&self, k: usize, plain: bool) -> &str {
        let v = if plain { &self.plain } else { &self.html };
        v.get(k).map_or("", String::as_str)
    }
}

/// Replaces every sentinel in `s` by its fill; `plain` picks the text form.
pub fn substitute(s: &str, fills: &Fills, plain: bool) -> String {
    if !s.contains(OPEN) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + fills.html.iter().map(String::len).sum::<usize>());
    let mut rest = s;
    while let Some(i) = rest.find(OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + OPEN.len_utf8()..];
        match after.find(CLOSE) {
            Some(j) if after[..j].bytes().all(|b| b.is_ascii_digit()) && j > 0 => {
                let k: usize = after[..j].parse().unwrap_or(usize::MAX);
                out.push_str(fills.get(k, plain));
                rest = &after[j + CLOSE.len_utf8()..];
            }
            _ => {
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// What a link in a page resolves to. Implemented by the site, which knows
/// every page's URL.
pub trait LinkResolver: Sync {
    /// The URL (relative to the page being rendered) of a relative link
    /// target `dest`, or `None` when no file of the site is there.
    fn resolve(&self, dest: &str) -> Option<String>;
    /// What an include token `[!INCLUDE[name](path)]` (path relative to
    /// the page source) shows, if anything.
    fn include(&self, name: &str, path: &str) -> Option<std::sync::Arc<Included>>;
    /// Where a link `dest` that is not part of the site (a relative path
    /// leading out of it, or a site-root path such as `/archive/x`) points
    /// instead, if the site says (`[markdown] upstream_url`). `None`: the
    /// link is shown as text.
    fn outside(&self, _dest: &str) -> Option<String> {
        None
    }
    /// The text of a code sample file `path` (relative to the page source,
    /// or `~/` for the locale folder), if the site has it.
    fn snippet(&self, _path: &str) -> Option<String> {
        None
    }
}

/// Per-render settings: labels in the page's language and where to collect
/// problems found while rendering.
pub struct RenderCtx<'a> {
    pub links: &'a dyn LinkResolver,
    /// `xref_url` from site.toml, with `{uid}`.
    pub xref_url: Option<&'a str>,
    /// Alert titles: note, tip, important, warning, caution.
    pub alert_labels: &'a [String; 5],
    /// Relative link targets that lead nowhere.
    pub broken_links: std::cell::RefCell<BTreeSet<String>>,
    /// Includes that could not be resolved: (name, path).
    pub missing_includes: std::cell::RefCell<BTreeSet<(String, String)>>,
    /// Includes left out for including themselves or nesting too deeply:
    /// (name, path).
    pub include_cycles: std::cell::RefCell<BTreeSet<(String, String)>>,
    /// The includes being rendered, outermost first (cycle detection).
    pub include_stack: std::cell::RefCell<Vec<String>>,
    /// Whether each include of `include_stack` is English text (the
    /// English include, shown as it is or as a locale's fallback).
    pub include_english: std::cell::RefCell<Vec<bool>>,
    /// For a broken link target or include path found inside an include:
    /// the include (its key) and whether its text is English — where a
    /// warning about it points, not at the page.
    pub origins: std::cell::RefCell<std::collections::BTreeMap<String, (String, bool)>>,
    /// Bytes of include text this render may still expand (`[limits]
    /// file_size`): includes that include others several times grow
    /// exponentially with their nesting; past it, includes are cut like
    /// cycles.
    pub include_budget: std::cell::Cell<usize>,
    /// Top-level includes already rendered in this page, by (include key,
    /// rendered as blocks): their HTML and plain text.
    pub include_renders: std::cell::RefCell<std::collections::HashMap<(String, bool), (String, String)>>,
    /// The source locale's code: `lang` of English fallback text.
    pub source_lang: String,
    /// "Code sample not in this site", in the page's language.
    pub code_missing_label: String,
    /// "Video", in the page's language.
    pub video_label: String,
    /// The `title` of links that lead out of the site and are shown as
    /// text ("not part of this site"); the link target when empty.
    pub outside_label: String,
    /// `[limits] nesting_depth`: untrusted raw HTML nested deeper is shown
    /// as text (the sanitiser's cost grows with the square of the depth).
    pub max_depth: usize,
    /// Untrusted raw HTML was shown as text for nesting too deeply.
    pub too_deep: std::cell::Cell<bool>,
}

impl<'a> RenderCtx<'a> {
    /// Notes that `needle` (a link target, an include path) was met inside
    /// the include being rendered, if any.
    pub fn note_origin(&self, needle: &str) {
        let stack = self.include_stack.borrow();
        if let (Some(key), Some(&english)) = (stack.last(), self.include_english.borrow().last()) {
            self.origins
                .borrow_mut()
                .entry(needle.to_string())
                .or_insert_with(|| (key.clone(), english));
        }
    }

    pub fn new(links: &'a dyn LinkResolver, xref_url: Option<&'a str>, alert_labels: &'a [String; 5]) -> Self {
        RenderCtx {
            links,
            xref_url,
            alert_labels,
            broken_links: Default::default(),
            missing_includes: Default::default(),
            include_cycles: Default::default(),
            include_stack: Default::default(),
            include_english: Default::default(),
            origins: Default::default(),
            include_budget: std::cell::Cell::new(budget_of(&crate::config::Limits::default())),
            include_renders: Default::default(),
            source_lang: "en".to_string(),
            code_missing_label: "Code sample not in this site".to_string(),
            video_label: "Video".to_string(),
            outside_label: String::new(),
            max_depth: crate::config::Limits::default().nesting_depth,
            too_deep: Default::default(),
        }
    }
}

impl RenderCtx<'_> {
    /// Applies the site's `[limits]`: raw HTML nesting, and the bytes of
    /// include text one render may expand (`file_size`).
    pub fn set_limits(&mut self, limits: &crate::config::Limits) {
        self.max_depth = limits.nesting_depth;
        self.include_budget.set(budget_of(limits));
    }
}

fn budget_of(limits: &crate::config::Limits) -> usize {
    usize::try_from(limits.file_size).unwrap_or(usize::MAX)
}

/// Escapes text for an element's content.
pub(crate) fn esc_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = escape_html_body_text(&mut out, s);
    out
}

/// Escapes text for a quoted attribute value.
pub(crate) fn esc_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = escape_html(&mut out, s);
    out
}

/// Renders a whole page body (a skeleton, possibly holding sentinels).
/// `heading_ids` are the anchors of its headings in order. Raw HTML in the
/// body is kept when `untrusted` is false, sanitised otherwise; the fills
/// are put in last and are not touched by sanitising.
pub fn render_document(
    md: &str,
    heading_ids: &[String],
    ctx: &RenderCtx,
    fills: &mut Fills,
    untrusted: bool,
) -> String {
    let includes = find_includes(md);
    let mut blocks = Vec::new();
    let md = if includes.is_empty() {
        std::borrow::Cow::Borrowed(md)
    } else {
        std::borrow::Cow::Owned(replace_includes(md, &includes, ctx, fills, Some(&mut blocks)))
    };
    let mut pending = docfx::Pending {
        blocks,
        divs: Vec::new(),
    };
    let md = docfx::replace_tokens(&md, ctx, fills, &mut pending);
    let mut rw = Rewriter::new(ctx, heading_ids);
    if untrusted {
        rw = rw.untrusted(&md);
    }
    let mut events = Vec::with_capacity(md.len() / 8);
    for ev in Parser::new_ext(&md, markdown_options()) {
        // Sentinels inside image alt text become plain text.
        if rw.image_depth > 0
            && let Event::Text(t) = &ev
            && t.contains(OPEN)
        {
            rw.map(Event::Text(substitute(t, fills, true).into()), &mut events);
            continue;
        }
        rw.map(ev, &mut events);
    }
    let events = docfx::finish_events(drop_empty_table_heads(events), &pending);
    let mut html = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if html.contains(EMPTY_HEAD) {
        html = html.replace(EMPTY_HEAD, "");
    }
    if untrusted && rw.saw_html {
        html = DOCUMENT_SANITIZER.clean(&html).to_string();
    }
    substitute(&focusable_scrollers(html), fills, false)
}

/// Tables and code blocks scroll sideways when they are wider than the page
/// (see the theme's CSS), so they take keyboard focus (`tabindex="0"`): a
/// keyboard user can scroll them with the arrow keys. The theme's script
/// removes it again from those that fit. Text never holds `<table>` or
/// `<pre>` (the writer escapes `<`), so only tags match.
fn focusable_scrollers(html: String) -> String {
    if !html.contains("<table>") && !html.contains("<pre>") {
        return html;
    }
    html.replace("<table>", "<table tabindex=\"0\">")
        .replace("<pre>", "<pre tabindex=\"0\">")
}

/// A character added in front of inline Markdown so that nothing in it can
/// start a block (`1.`, `#`, `>`, four spaces); removed again after parsing.
/// It is punctuation, so emphasis right after it still opens.
const INLINE_GUARD: char = '\u{a1}';

/// True when `md` holds nothing Markdown or HTML would treat specially, so
/// escaping it is the whole rendering.
fn is_plain(md: &str) -> bool {
    let mut prev_space = false;
    for &b in md.as_bytes() {
        match b {
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'&' | b'!' | b'~' | b'\n' | b'\r' | b'|' => {
                return false;
            }
            // The first byte of the sentinels (U+E000, U+E001).
            0xEE => return false,
            b' ' if prev_space => return false,
            _ => {}
        }
        prev_space = b == b' ';
    }
    true
}

/// Renders one piece of inline Markdown (a segment) to HTML, without any
/// block structure. `untrusted` text has its raw HTML sanitised.
pub fn render_inline(md: &str, ctx: &RenderCtx, untrusted: bool) -> String {
    if is_plain(md) {
        return esc_text(md.trim());
    }
    let mut fills = Fills::default();
    let includes = find_includes(md);
    let md = if includes.is_empty() {
        md.to_string()
    } else {
        replace_includes(md, &includes, ctx, &mut fills, None)
    };
    let guarded = format!("{INLINE_GUARD}{}", md.trim().replace(['\n', '\r'], " "));
    let mut rw = Rewriter::new(ctx, &[]);
    if untrusted {
        rw = rw.untrusted(&guarded);
    }
    let mut events = Vec::new();
    let mut first_text = true;
    for ev in Parser::new_ext(&guarded, markdown_options()) {
        let ev = match ev {
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => continue,
            Event::Text(t) if first_text => {
                first_text = false;
                let s = t.strip_prefix(INLINE_GUARD).unwrap_or(&t).to_string();
                if s.is_empty() {
                    continue;
                }
                Event::Text(s.into())
            }
            other => other,
        };
        rw.map(ev, &mut events);
    }
    let mut html = String::with_capacity(md.len() + 16);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if untrusted && rw.saw_html {
        html = INLINE_SANITIZER.clean(&html).to_string();
    }
    substitute(&html, &fills, false)
}

/// The text of inline Markdown without markup, for `title` attributes.
/// Include tokens become their names.
pub fn plain_text(md: &str) -> String {
    let includes = find_includes(md);
    let md = if includes.is_empty() {
        std::borrow::Cow::Borrowed(md)
    } else {
        let mut s = String::with_capacity(md.len());
        let mut pos = 0;
        for inc in includes {
            s.push_str(&md[pos..inc.range.start]);
            s.push_str(&md[inc.name.clone()]);
            pos = inc.range.end;
        }
        s.push_str(&md[pos..]);
        std::borrow::Cow::Owned(s)
    };
    if is_plain(&md) {
        return md.trim().to_string();
    }
    let guarded = format!("{INLINE_GUARD}{}", md.trim().replace(['\n', '\r'], " "));
    let mut out = String::with_capacity(md.len());
    let mut xref_text = false;
    for ev in Parser::new_ext(&guarded, markdown_options()) {
        match ev {
            // `<xref:Uid>` reads as DocFX shows it, never as its scheme.
            Event::Start(Tag::Link {
                link_type: pulldown_cmark::LinkType::Autolink,
                dest_url,
                ..
            }) if dest_url.starts_with("xref:") => {
                out.push_str(&docfx::xref_display(&dest_url));
                xref_text = true;
            }
            Event::End(TagEnd::Link) => xref_text = false,
            Event::Text(_) if xref_text => {}
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.strip_prefix(INLINE_GUARD).unwrap_or(&out).to_string()
}

/// A resolver that knows no pages: every relative link is broken. For
/// rendering fragments outside a site.
pub struct NoLinks;

impl LinkResolver for NoLinks {
    fn resolve(&self, _: &str) -> Option<String> {
        None
    }
    fn include(&self, _: &str, _: &str) -> Option<std::sync::Arc<Included>> {
        None
    }
}

/// A resolver backed by fixed maps, for tests.
#[derive(Default)]
pub struct MapLinks {
    pub links: BTreeMap<String, String>,
    pub includes: BTreeMap<String, String>,
    pub snippets: BTreeMap<String, String>,
}

impl LinkResolver for MapLinks {
    fn resolve(&self, dest: &str) -> Option<String> {
        let (path, frag) = dest.split_once('#').map_or((dest, None), |(p, f)| (p, Some(f)));
        let url = self.links.get(path)?;
        Some(match frag {
            Some(f) => format!("{url}#{f}"),
            None => url.clone(),
        })
    }
    fn include(&self, name: &str, _: &str) -> Option<std::sync::Arc<Included>> {
        self.includes.get(name).map(|text| {
            std::sync::Arc::new(Included {
                markdown: text.clone(),
                translated: false,
                fallback: false,
                key: name.to_string(),
            })
        })
    }
    fn snippet(&self, path: &str) -> Option<String> {
        self.snippets.get(path).cloned()
    }
}
