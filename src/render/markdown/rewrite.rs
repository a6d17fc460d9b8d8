//! The rewriting of a page's Markdown events: links to the built pages (or
//! upstream, or shown as text), `<xref:>` links, alerts with their titles,
//! the English anchors of headings, images, empty table heads; raw HTML
//! noted for the sanitiser, or shown as text when nested too deeply.

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, LinkType, Tag, TagEnd};
use pulldown_cmark_escape::escape_href;

use super::docfx::{xref_display, xref_href, xref_uid};
use super::{RenderCtx, esc_attr, esc_text};

/// What the HTML writer makes of a head without cells.
pub(super) const EMPTY_HEAD: &str = "<thead><tr></tr></thead>";

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

/// Rewrites the events of a page or a segment (links, xrefs, alerts,
/// headings, empty table heads) and reports whether raw HTML was seen.
pub(super) struct Rewriter<'c, 'a> {
    ctx: &'c RenderCtx<'a>,
    heading_ids: &'c [String],
    heading: usize,
    /// For each open link: how its end is written.
    links: Vec<LinkEnd>,
    /// For each open image: whether it was replaced by its text.
    images: Vec<bool>,
    /// For each open image that stays an image: where its start is in the
    /// output, so its end can write the tag (without the `/>` of the HTML
    /// writer).
    image_starts: Vec<usize>,
    pub(super) image_depth: usize,
    replace_next_text: Option<String>,
    pub(super) saw_html: bool,
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
    pub(super) fn new(ctx: &'c RenderCtx<'a>, heading_ids: &'c [String]) -> Self {
        Rewriter {
            ctx,
            heading_ids,
            heading: 0,
            links: Vec::new(),
            images: Vec::new(),
            image_starts: Vec::new(),
            image_depth: 0,
            replace_next_text: None,
            saw_html: false,
            html_as_text: false,
        }
    }

    /// For untrusted `md`: raw HTML nested deeper than the limit is shown
    /// as text rather than parsed by the sanitiser.
    pub(super) fn untrusted(mut self, md: &str) -> Self {
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
                self.ctx.note_origin(dest);
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

    pub(super) fn map<'e>(&mut self, ev: Event<'e>, out: &mut Vec<Event<'e>>) {
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
                        self.replace_next_text = Some(xref_display(&dest_url));
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
                // DocFX tab links (`# [C#](#tab/csharp)`): the tab's name
                // stays, as a heading of its own section.
                if !allowed_url(&dest_url) || dest_url.starts_with("#tab/") {
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
                self.image_starts.push(out.len());
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
                    match self.image_starts.pop() {
                        Some(start) if start < out.len() => {
                            let tail = out.split_off(start);
                            out.push(Event::InlineHtml(img_tag(&tail).into()));
                        }
                        _ => out.push(Event::End(TagEnd::Image)),
                    }
                }
            }
            // HTML's void elements without the XHTML `/>` the writer adds
            // (the Nu checker notes every one).
            Event::HardBreak if self.image_depth == 0 => out.push(Event::InlineHtml("<br>\n".into())),
            Event::Rule => out.push(Event::Html("<hr>\n".into())),
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

/// `<img>` for the events of one image (its start, then its alt text).
fn img_tag(events: &[Event<'_>]) -> String {
    let (src, title) = match events.first() {
        Some(Event::Start(Tag::Image { dest_url, title, .. })) => (dest_url.as_ref(), title.as_ref()),
        _ => ("", ""),
    };
    let mut alt = String::new();
    for ev in events.iter().skip(1) {
        match ev {
            Event::Text(t) | Event::Code(t) => alt.push_str(t),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    let mut tag = format!("<img src=\"{}\" alt=\"{}\"", href_attr(src), esc_attr(&alt));
    if !title.is_empty() {
        tag.push_str(&format!(" title=\"{}\"", esc_attr(title)));
    }
    tag.push('>');
    tag
}

fn href_attr(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    let _ = escape_href(&mut out, url);
    out
}

/// Empties table heads whose cells are all empty (`|||` in DocFX pages);
/// the empty head row is then removed from the HTML (see [`EMPTY_HEAD`]).
pub(super) fn drop_empty_table_heads(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
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
