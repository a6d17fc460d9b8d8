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

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, LinkType, Parser, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html, escape_html_body_text};

use crate::segment::markdown_options;
use crate::segment::{Include, find_includes};

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
    /// The text of an include `path` (relative to the page source), if found.
    fn include(&self, name: &str, path: &str) -> Option<String>;
    /// Where a link `dest` that is not part of the site (a relative path
    /// leading out of it, or a site-root path such as `/archive/x`) points
    /// instead, if the site says (`[markdown] upstream_url`). `None`: the
    /// link is shown as text.
    fn outside(&self, _dest: &str) -> Option<String> {
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
    pub fn new(links: &'a dyn LinkResolver, xref_url: Option<&'a str>, alert_labels: &'a [String; 5]) -> Self {
        RenderCtx {
            links,
            xref_url,
            alert_labels,
            broken_links: Default::default(),
            missing_includes: Default::default(),
            outside_label: String::new(),
            max_depth: crate::config::Limits::default().nesting_depth,
            too_deep: Default::default(),
        }
    }
}

/// URL schemes allowed in links and images.
fn allowed_url(url: &str) -> bool {
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if url.as_bytes()[i] == b':' => {
            let scheme = url[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "xref")
        }
        _ => !url.trim_start().to_ascii_lowercase().starts_with("javascript"),
    }
}

/// A path from the root of the host (`/archive/x`): content written for
/// another site, since locdoc's own links are always relative.
fn is_site_root(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//")
}

fn is_relative(url: &str) -> bool {
    !url.is_empty()
        && !url.starts_with('#')
        && !url.starts_with('/')
        && !url.contains("://")
        && !url.starts_with("mailto:")
        && !url.starts_with("xref:")
}

/// The display name of an xref UID: its last component, without overload
/// markers (`System.ServiceModel.Foo.Bar%2A` → `Bar`).
fn xref_name(uid: &str) -> &str {
    let uid = uid.trim_end_matches("%2A").trim_end_matches('*');
    let uid = uid.split(['(', '?', '#']).next().unwrap_or(uid);
    uid.rsplit('.').next().unwrap_or(uid)
}

fn xref_uid(dest: &str) -> &str {
    let uid = dest.strip_prefix("xref:").unwrap_or(dest);
    uid.split(['?', '#']).next().unwrap_or(uid)
}

fn xref_href(template: &str, uid: &str) -> String {
    let uid = uid.trim_end_matches("%2A").trim_end_matches('*').to_lowercase();
    template.replace("{uid}", &uid)
}

/// Replaces include tokens in `md` by sentinels whose fills are the
/// included text rendered inline (or the include's name, marked).
fn replace_includes(md: &str, includes: &[Include], ctx: &RenderCtx, fills: &mut Fills) -> String {
    let mut out = String::with_capacity(md.len());
    let mut pos = 0;
    for inc in includes {
        out.push_str(&md[pos..inc.range.start]);
        let name = &md[inc.name.clone()];
        let path = &md[inc.path.clone()];
        let sentinel = match ctx.links.include(name, path) {
            Some(text) => {
                let html = render_inline(&text, ctx, false);
                let plain = plain_text(&text);
                fills.add(html, plain)
            }
            None => {
                ctx.missing_includes
                    .borrow_mut()
                    .insert((name.to_string(), path.to_string()));
                fills.add(
                    format!(
                        "<span class=\"include-missing\" title=\"{}\">{}</span>",
                        esc_attr(path),
                        esc_text(name)
                    ),
                    name.to_string(),
                )
            }
        };
        out.push_str(&sentinel);
        pos = inc.range.end;
    }
    out.push_str(&md[pos..]);
    out
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

/// Rewrites the events of a page or a segment (links, xrefs, alerts,
/// headings, empty table heads) and reports whether raw HTML was seen.
struct Rewriter<'c, 'a> {
    ctx: &'c RenderCtx<'a>,
    heading_ids: &'c [String],
    heading: usize,
    /// For each open link: how its end is written.
    links: Vec<LinkEnd>,
    /// For each open image: whether it was replaced by its text.
    images: Vec<bool>,
    image_depth: usize,
    replace_next_text: Option<String>,
    saw_html: bool,
    /// Raw HTML becomes text (see [`RenderCtx::max_depth`]).
    html_as_text: bool,
}

/// Where a link goes.
enum Target {
    /// A page or file of the site, or an external URL.
    Url(String),
    /// Not part of the site; the upstream site has it.
    Upstream(String),
    /// Not part of the site and nowhere to go: shown as text.
    Text,
}

enum LinkEnd {
    Keep,
    Drop,
    Html(&'static str),
}

impl<'c, 'a> Rewriter<'c, 'a> {
    fn new(ctx: &'c RenderCtx<'a>, heading_ids: &'c [String]) -> Self {
        Rewriter {
            ctx,
            heading_ids,
            heading: 0,
            links: Vec::new(),
            images: Vec::new(),
            image_depth: 0,
            replace_next_text: None,
            saw_html: false,
            html_as_text: false,
        }
    }

    /// For untrusted `md`: raw HTML nested deeper than the limit is shown
    /// as text rather than parsed by the sanitiser.
    fn untrusted(mut self, md: &str) -> Self {
        if memchr::memchr(b'<', md.as_bytes()).is_some()
            && crate::segment::html_depth(md, self.ctx.max_depth).1.is_some()
        {
            self.html_as_text = true;
            self.ctx.too_deep.set(true);
        }
        self
    }

    fn resolve(&self, dest: &str) -> Target {
        let found = if is_site_root(dest) {
            None
        } else if is_relative(dest) {
            self.ctx.links.resolve(dest)
        } else {
            return Target::Url(dest.to_string());
        };
        if let Some(url) = found {
            return Target::Url(url);
        }
        match self.ctx.links.outside(dest) {
            Some(url) => Target::Upstream(url),
            None => {
                self.ctx.broken_links.borrow_mut().insert(dest.to_string());
                Target::Text
            }
        }
    }

    /// The opening tag of a link shown as text.
    fn outside_span(&self, dest: &str) -> String {
        let title = if self.ctx.outside_label.is_empty() {
            dest
        } else {
            self.ctx.outside_label.as_str()
        };
        format!(
            "<span class=\"link-outside\" title=\"{}\" data-href=\"{}\">",
            esc_attr(title),
            esc_attr(dest)
        )
    }

    fn map<'e>(&mut self, ev: Event<'e>, out: &mut Vec<Event<'e>>) {
        match ev {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let id = self
                    .heading_ids
                    .get(self.heading)
                    .map(|s| CowStr::from(s.clone()))
                    .or(id);
                self.heading += 1;
                out.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(id) = self.heading.checked_sub(1).and_then(|h| self.heading_ids.get(h)) {
                    out.push(Event::Html(
                        format!(
                            "<a class=\"anchor\" href=\"#{}\" aria-hidden=\"true\" tabindex=\"-1\">#</a>",
                            esc_attr(id)
                        )
                        .into(),
                    ));
                }
                out.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, idx) = match kind {
                    BlockQuoteKind::Note => ("note", 0),
                    BlockQuoteKind::Tip => ("tip", 1),
                    BlockQuoteKind::Important => ("important", 2),
                    BlockQuoteKind::Warning => ("warning", 3),
                    BlockQuoteKind::Caution => ("caution", 4),
                };
                out.push(Event::Html(
                    format!(
                        "<div class=\"alert alert-{class}\" role=\"note\"><p class=\"alert-title\">{}</p>\n",
                        esc_text(&self.ctx.alert_labels[idx])
                    )
                    .into(),
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => out.push(Event::Html("</div>\n".into())),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if dest_url.starts_with("xref:") {
                    let uid = xref_uid(&dest_url).to_string();
                    if link_type == LinkType::Autolink {
                        self.replace_next_text = Some(xref_name(&uid).to_string());
                    }
                    match self.ctx.xref_url {
                        Some(t) => {
                            self.links.push(LinkEnd::Html("</a>"));
                            out.push(Event::Html(
                                format!(
                                    "<a class=\"xref\" href=\"{}\" title=\"{}\">",
                                    href_attr(&xref_href(t, &uid)),
                                    esc_attr(&uid)
                                )
                                .into(),
                            ));
                        }
                        None => {
                            self.links.push(LinkEnd::Html("</code>"));
                            out.push(Event::Html(
                                format!("<code class=\"xref\" title=\"{}\">", esc_attr(&uid)).into(),
                            ));
                        }
                    }
                    return;
                }
                if !allowed_url(&dest_url) {
                    self.links.push(LinkEnd::Drop);
                    return;
                }
                match self.resolve(&dest_url) {
                    Target::Url(dest) => {
                        self.links.push(LinkEnd::Keep);
                        out.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url: dest.into(),
                            title,
                            id,
                        }));
                    }
                    Target::Upstream(url) => {
                        self.links.push(LinkEnd::Html("</a>"));
                        let title = if title.is_empty() {
                            String::new()
                        } else {
                            format!(" title=\"{}\"", esc_attr(&title))
                        };
                        out.push(Event::Html(
                            format!("<a class=\"upstream\" href=\"{}\"{title}>", href_attr(&url)).into(),
                        ));
                    }
                    Target::Text => {
                        self.links.push(LinkEnd::Html("</span>"));
                        out.push(Event::Html(self.outside_span(&dest_url).into()));
                    }
                }
            }
            Event::End(TagEnd::Link) => match self.links.pop() {
                Some(LinkEnd::Keep) | None => out.push(Event::End(TagEnd::Link)),
                Some(LinkEnd::Drop) => {}
                Some(LinkEnd::Html(h)) => out.push(Event::Html(h.into())),
            },
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = if allowed_url(&dest_url) {
                    match self.resolve(&dest_url) {
                        Target::Url(u) | Target::Upstream(u) => u,
                        Target::Text => {
                            // No such file: its alt text stands in for it.
                            self.images.push(true);
                            out.push(Event::Html(self.outside_span(&dest_url).into()));
                            return;
                        }
                    }
                } else {
                    String::new()
                };
                self.images.push(false);
                self.image_depth += 1;
                out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest.into(),
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                if self.images.pop() == Some(true) {
                    out.push(Event::Html("</span>".into()));
                } else {
                    self.image_depth = self.image_depth.saturating_sub(1);
                    out.push(Event::End(TagEnd::Image));
                }
            }
            Event::Text(t) => {
                if let Some(r) = self.replace_next_text.take() {
                    out.push(Event::Text(r.into()));
                } else {
                    out.push(Event::Text(t));
                }
            }
            Event::Html(h) | Event::InlineHtml(h) if self.html_as_text => out.push(Event::Text(h)),
            Event::Html(h) => {
                self.saw_html = true;
                out.push(Event::Html(h));
            }
            Event::InlineHtml(h) => {
                self.saw_html = true;
                out.push(Event::InlineHtml(h));
            }
            other => out.push(other),
        }
    }
}

fn href_attr(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    let _ = escape_href(&mut out, url);
    out
}

/// Empties table heads whose cells are all empty (`|||` in DocFX pages);
/// the empty head row is then removed from the HTML (see [`EMPTY_HEAD`]).
fn drop_empty_table_heads(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if matches!(events[i], Event::Start(Tag::TableHead)) {
            let end = events[i..]
                .iter()
                .position(|e| matches!(e, Event::End(TagEnd::TableHead)))
                .map_or(events.len(), |p| i + p);
            let empty = events[i..end].iter().all(|e| {
                matches!(
                    e,
                    Event::Start(Tag::TableHead | Tag::TableCell) | Event::End(TagEnd::TableHead | TagEnd::TableCell)
                )
            });
            if empty {
                // Keep the head's start and end so the HTML writer knows the
                // rows that follow are body rows.
                out.push(Event::Start(Tag::TableHead));
                out.push(Event::End(TagEnd::TableHead));
                i = end + 1;
                continue;
            }
        }
        out.push(events[i].clone());
        i += 1;
    }
    out
}

/// What the HTML writer makes of a head without cells.
const EMPTY_HEAD: &str = "<thead><tr></tr></thead>";

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
    let md = if includes.is_empty() {
        std::borrow::Cow::Borrowed(md)
    } else {
        std::borrow::Cow::Owned(replace_includes(md, &includes, ctx, fills))
    };
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
    let events = drop_empty_table_heads(events);
    let mut html = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if html.contains(EMPTY_HEAD) {
        html = html.replace(EMPTY_HEAD, "");
    }
    if untrusted && rw.saw_html {
        html = DOCUMENT_SANITIZER.clean(&html).to_string();
    }
    substitute(&html, fills, false)
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
        replace_includes(md, &includes, ctx, &mut fills)
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
    for ev in Parser::new_ext(&guarded, markdown_options()) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.strip_prefix(INLINE_GUARD).unwrap_or(&out).to_string()
}

static INLINE_SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::empty();
    b.add_tags([
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s",
        "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    ])
    .add_tag_attributes("a", ["href", "title", "hreflang"])
    .add_tag_attributes("abbr", ["title"])
    .add_tag_attributes("span", ["title", "data-href"])
    .add_allowed_classes("a", ["upstream", "xref"])
    .add_allowed_classes("code", ["xref"])
    .add_allowed_classes("span", ["link-outside", "include-missing"])
    .add_tag_attributes("code", ["title"])
    .add_tag_attributes("bdo", ["dir"])
    .add_generic_attributes(["lang", "dir"])
    .url_schemes(["http", "https", "mailto"].into_iter().collect())
    .link_rel(Some("noopener noreferrer"));
    b
});

static DOCUMENT_SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_tags([
        "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
    ])
    .add_tag_attributes("div", ["class", "role"])
    .add_tag_attributes("p", ["class"])
    .add_tag_attributes("a", ["class", "aria-hidden", "tabindex"])
    .add_tag_attributes("code", ["class", "title"])
    .add_tag_attributes("span", ["class", "title", "data-href"])
    .add_generic_attributes(["id", "lang", "dir"])
    .url_schemes(["http", "https", "mailto"].into_iter().collect());
    b
});

/// The alert titles in English, for tests and the English fallback.
pub fn english_alert_labels() -> [String; 5] {
    ["Note", "Tip", "Important", "Warning", "Caution"].map(String::from)
}

/// A resolver that knows no pages: every relative link is broken. For
/// rendering fragments outside a site.
pub struct NoLinks;

impl LinkResolver for NoLinks {
    fn resolve(&self, _: &str) -> Option<String> {
        None
    }
    fn include(&self, _: &str, _: &str) -> Option<String> {
        None
    }
}

/// A resolver backed by fixed maps, for tests.
#[derive(Default)]
pub struct MapLinks {
    pub links: BTreeMap<String, String>,
    pub includes: BTreeMap<String, String>,
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
    fn include(&self, name: &str, _: &str) -> Option<String> {
        self.includes.get(name).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx<'a>(links: &'a MapLinks, labels: &'a [String; 5]) -> RenderCtx<'a> {
        RenderCtx::new(links, Some("https://learn.microsoft.com/dotnet/api/{uid}"), labels)
    }

    fn inline(md: &str) -> String {
        let links = MapLinks::default();
        let labels = english_alert_labels();
        render_inline(md, &ctx(&links, &labels), true)
    }

    #[test]
    fn plain_text_is_escaped() {
        assert_eq!(inline("a < b & c"), "a &lt; b &amp; c");
        assert_eq!(inline("Relace se nezdařila."), "Relace se nezdařila.");
    }

    #[test]
    fn inline_markup_renders_without_a_paragraph() {
        assert_eq!(inline("**tučně** a `kód`"), "<strong>tučně</strong> a <code>kód</code>");
        assert_eq!(inline("_kurzíva_ a *ta*"), "<em>kurzíva</em> a <em>ta</em>");
    }

    #[test]
    fn text_that_looks_like_a_block_stays_inline() {
        assert_eq!(inline("1. krok"), "1. krok");
        assert_eq!(inline("# není nadpis"), "# není nadpis");
        assert_eq!(inline("    není kód"), "není kód");
        assert_eq!(inline("> ne citace"), "&gt; ne citace");
        assert_eq!(inline("¡Hola!"), "¡Hola!");
    }

    #[test]
    fn entities_escapes_and_placeholders_survive() {
        assert_eq!(inline("a &#124; b"), "a | b");
        assert_eq!(inline("\\<system.serviceModel>"), "&lt;system.serviceModel&gt;");
        assert_eq!(inline("'%1' {0} % 2"), "'%1' {0} % 2");
    }

    #[test]
    fn script_and_event_handlers_never_reach_the_output() {
        for evil in [
            "<script>alert(1)</script>ok",
            "<img src=x onerror=alert(1)>ok",
            "<a href=\"javascript:alert(1)\">ok</a>",
            "[ok](javascript:alert(1))",
            "<javascript:alert(1)>",
            "<span onmouseover=\"alert(1)\">ok</span>",
            "<svg><script>alert(1)</script></svg>ok",
            "[ok](JaVaScRiPt:alert(1))",
            "<iframe src=\"https://evil\"></iframe>ok",
            "<style>body{display:none}</style>ok",
        ] {
            let out = inline(evil).to_lowercase();
            assert!(!out.contains("<script"), "{evil} -> {out}");
            assert!(
                !out.contains("=\"javascript:") && !out.contains("=javascript:"),
                "{evil} -> {out}"
            );
            assert!(
                !out.contains("onerror") && !out.contains("onmouseover"),
                "{evil} -> {out}"
            );
            assert!(
                !out.contains("<iframe") && !out.contains("<style") && !out.contains("<img"),
                "{evil} -> {out}"
            );
        }
    }

    #[test]
    fn safe_inline_html_is_kept() {
        assert_eq!(inline("řádek<br />další"), "řádek<br>další");
        assert_eq!(inline("<b>tučně</b>"), "<b>tučně</b>");
    }

    #[test]
    fn xref_links_use_the_configured_url_and_short_name() {
        let out = inline("viz <xref:System.ServiceModel.Channels.Message%2A>");
        assert_eq!(
            out,
            "viz <a class=\"xref\" href=\"https://learn.microsoft.com/dotnet/api/system.servicemodel.channels.message\" title=\"System.ServiceModel.Channels.Message%2A\">Message</a>"
        );
    }

    #[test]
    fn xref_without_a_url_renders_as_code() {
        let links = MapLinks::default();
        let labels = english_alert_labels();
        let ctx = RenderCtx::new(&links, None, &labels);
        assert_eq!(
            render_inline("<xref:System.Foo.Bar>", &ctx, true),
            "<code class=\"xref\" title=\"System.Foo.Bar\">Bar</code>"
        );
    }

    #[test]
    fn relative_links_are_resolved_and_broken_ones_recorded() {
        let mut links = MapLinks::default();
        links.links.insert("x.md".into(), "../x/".into());
        let labels = english_alert_labels();
        let ctx = ctx(&links, &labels);
        assert_eq!(
            render_inline("[a](x.md#frag) [b](y.md)", &ctx, true),
            "<a href=\"../x/#frag\">a</a> <span class=\"link-outside\" title=\"y.md\" data-href=\"y.md\">b</span>"
        );
        assert_eq!(ctx.broken_links.borrow().iter().collect::<Vec<_>>(), vec!["y.md"]);
    }

    /// Resolves nothing inside the site; sends everything to an upstream site.
    struct Upstream;

    impl LinkResolver for Upstream {
        fn resolve(&self, _: &str) -> Option<String> {
            None
        }
        fn include(&self, _: &str, _: &str) -> Option<String> {
            None
        }
        fn outside(&self, dest: &str) -> Option<String> {
            Some(format!(
                "https://up.example/{}",
                dest.trim_start_matches("../").trim_start_matches('/')
            ))
        }
    }

    #[test]
    fn links_out_of_the_site_become_text_or_go_upstream() {
        let links = MapLinks::default();
        let labels = english_alert_labels();
        let mut c = ctx(&links, &labels);
        c.outside_label = "Not part of this site".into();
        // Site-root paths are another site's; images without a file show their alt text.
        let html = render_document(
            "[a](/archive/x) and ![diagram](../img/d.png) and [ext](https://e.org/)\n",
            &[],
            &c,
            &mut Fills::default(),
            false,
        );
        assert_eq!(
            html,
            "<p><span class=\"link-outside\" title=\"Not part of this site\" data-href=\"/archive/x\">a</span> and <span class=\"link-outside\" title=\"Not part of this site\" data-href=\"../img/d.png\">diagram</span> and <a href=\"https://e.org/\">ext</a></p>\n"
        );
        assert_eq!(c.broken_links.borrow().len(), 2);

        let up = RenderCtx::new(&Upstream, None, &labels);
        assert_eq!(
            render_inline("[s](../../samples/s.md) [r](/archive/x \"t\")", &up, true),
            "<a class=\"upstream\" href=\"https://up.example/samples/s.md\">s</a> <a class=\"upstream\" href=\"https://up.example/archive/x\" title=\"t\">r</a>"
        );
        assert!(up.broken_links.borrow().is_empty());
    }

    #[test]
    fn outside_markers_survive_sanitising() {
        let links = MapLinks::default();
        let labels = english_alert_labels();
        let c = ctx(&links, &labels);
        let out = render_inline("<b>x</b> [y](missing.md)", &c, true);
        assert!(
            out.contains("<span class=\"link-outside\" title=\"missing.md\" data-href=\"missing.md\">y</span>"),
            "{out}"
        );
    }

    #[test]
    fn includes_resolve_or_show_their_name() {
        let mut links = MapLinks::default();
        links.includes.insert("wv".into(), "Windows Vista".into());
        let labels = english_alert_labels();
        let ctx = ctx(&links, &labels);
        assert_eq!(
            render_inline("[!INCLUDE[wv](../wv-md.md)] a", &ctx, true),
            "Windows Vista a"
        );
        let out = render_inline("[!INCLUDE[nf](../nf-md.md)]", &ctx, true);
        assert_eq!(out, "<span class=\"include-missing\" title=\"../nf-md.md\">nf</span>");
        assert_eq!(ctx.missing_includes.borrow().len(), 1);
    }

    #[test]
    fn document_gets_heading_ids_alerts_and_no_empty_table_head() {
        let links = MapLinks::default();
        let labels = english_alert_labels();
        let c = ctx(&links, &labels);
        let mut fills = Fills::default();
        let s = fills.add("<span class=\"seg\">Vlastnosti</span>".into(), "Vlastnosti".into());
        let md = format!("## {s}\n\n|||\n|-|-|\n|ID|4031|\n\n> [!NOTE]\n> Text.\n");
        let html = render_document(&md, &["properties".into()], &c, &mut fills, false);
        assert!(
            html.contains("<h2 id=\"properties\"><span class=\"seg\">Vlastnosti</span><a class=\"anchor\""),
            "{html}"
        );
        assert!(!html.contains("<thead>"), "{html}");
        assert!(
            html.contains("<table><tbody>\n<tr><td>ID</td><td>4031</td></tr>\n</tbody></table>"),
            "{html}"
        );
        assert!(
            html.contains("<div class=\"alert alert-note\" role=\"note\"><p class=\"alert-title\">Note</p>"),
            "{html}"
        );
    }

    #[test]
    fn sentinels_in_image_alt_text_become_plain_text() {
        let links = MapLinks::default();
        let labels = english_alert_labels();
        let c = ctx(&links, &labels);
        let mut fills = Fills::default();
        let s = fills.add("<span>\"x\"</span>".into(), "Obrázek \"x\"".into());
        let html = render_document(&format!("![{s}](https://e.org/a.png)\n"), &[], &c, &mut fills, false);
        assert!(html.contains("alt=\"Obrázek &quot;x&quot;\""), "{html}");
    }

    #[test]
    fn untrusted_documents_are_sanitised_but_fills_are_kept() {
        let links = MapLinks::default();
        let labels = english_alert_labels();
        let c = ctx(&links, &labels);
        let mut fills = Fills::default();
        let s = fills.add("<span class=\"seg\" data-u=\"1\">ok</span>".into(), "ok".into());
        let html = render_document(
            &format!("<script>alert(1)</script>\n\n{s} <b onclick=\"x\">b</b>\n"),
            &[],
            &c,
            &mut fills,
            true,
        );
        assert!(!html.contains("<script") && !html.contains("onclick"), "{html}");
        assert!(html.contains("<span class=\"seg\" data-u=\"1\">ok</span>"), "{html}");
    }

    #[test]
    fn plain_text_strips_markup() {
        assert_eq!(plain_text("**a** `b` [c](d.md) [!INCLUDE[wv](x.md)]"), "a b c wv");
    }

    #[test]
    fn substitute_ignores_malformed_sentinels() {
        let mut fills = Fills::default();
        let s = fills.add("X".into(), "x".into());
        assert_eq!(substitute(&format!("a{s}b{OPEN}zz"), &fills, false), "aXbzz");
    }
}
