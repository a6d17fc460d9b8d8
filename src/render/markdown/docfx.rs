//! DocFX's extensions to Markdown: `<xref:Uid>` links, `[!INCLUDE]`
//! tokens, and the titles of `> [!NOTE]`-style alerts.

use super::{Fills, RenderCtx, esc_attr, esc_text, plain_text, render_document, render_inline};
use crate::segment::Include;
use crate::segment::docfx::Kind;
use pulldown_cmark::{Event, Tag, TagEnd};

/// The display name of an xref UID: its last component, without overload
/// markers (`System.ServiceModel.Foo.Bar%2A` → `Bar`).
pub(super) fn xref_name(uid: &str) -> &str {
    let uid = uid.trim_end_matches("%2A").trim_end_matches('*');
    let uid = uid.split(['(', '?', '#']).next().unwrap_or(uid);
    uid.rsplit('.').next().unwrap_or(uid)
}

/// The text of an `<xref:Uid?displayProperty=…>` autolink, as DocFX shows
/// it: the name (default), `nameWithType` (`String.Trim`) or `fullName`
/// (`System.String.Trim`).
pub(crate) fn xref_display(dest: &str) -> String {
    let uid = xref_uid(dest);
    let property = dest
        .split_once('?')
        .and_then(|(_, q)| q.split('&').find_map(|kv| kv.strip_prefix("displayProperty=")))
        .unwrap_or("name");
    let clean = uid.trim_end_matches("%2A").trim_end_matches('*');
    let clean = clean.split('(').next().unwrap_or(clean);
    match property {
        "fullName" => clean.to_string(),
        "nameWithType" => match clean.rsplitn(3, '.').collect::<Vec<_>>().as_slice() {
            [name, parent, ..] => format!("{parent}.{name}"),
            _ => clean.to_string(),
        },
        _ => xref_name(uid).to_string(),
    }
}

pub(super) fn xref_uid(dest: &str) -> &str {
    let uid = dest.strip_prefix("xref:").unwrap_or(dest);
    uid.split(['?', '#']).next().unwrap_or(uid)
}

pub(super) fn xref_href(template: &str, uid: &str) -> String {
    let uid = uid.trim_end_matches("%2A").trim_end_matches('*').to_lowercase();
    template.replace("{uid}", &uid)
}

/// How deep includes may nest (DocFX's own limit is similar).
const MAX_INCLUDE_DEPTH: usize = 8;

/// True when the token at `range` is alone on its line (after any block
/// quote or list markers' indentation): it includes blocks, not words.
fn alone_on_line(md: &str, range: &std::ops::Range<usize>) -> bool {
    let line_start = md[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = md[range.end..].find('\n').map_or(md.len(), |i| range.end + i);
    md[line_start..range.start].trim_start_matches([' ', '>']).is_empty() && md[range.end..line_end].trim().is_empty()
}

/// The text of the line before `at` (a block quote's `>`, a list item's
/// indentation).
fn line_prefix(md: &str, at: usize) -> &str {
    &md[md[..at].rfind('\n').map_or(0, |i| i + 1)..at]
}

/// Writes `sentinel` into `out`: with `blocks`, in a paragraph of its own
/// (blank lines, in the same container as its line's `prefix`, already
/// written, before and after it) and recorded there to be unwrapped after
/// rendering; without, inline where it stands.
fn place(out: &mut String, sentinel: String, blocks: Option<&mut Vec<String>>, prefix: &str) {
    let Some(blocks) = blocks else {
        out.push_str(&sentinel);
        return;
    };
    out.push('\n');
    out.push_str(prefix);
    out.push_str(&sentinel);
    out.push('\n');
    out.push_str(prefix.trim_end());
    blocks.push(sentinel);
}

/// Replaces include tokens in `md` by sentinels whose fills are the
/// included Markdown rendered (or the include's name, marked). With
/// `blocks`, a token alone on its line is rendered as blocks and its
/// sentinel recorded there; otherwise every include is rendered inline.
pub(super) fn replace_includes(
    md: &str,
    includes: &[Include],
    ctx: &RenderCtx,
    fills: &mut Fills,
    mut blocks: Option<&mut Vec<String>>,
) -> String {
    let mut out = String::with_capacity(md.len());
    let mut pos = 0;
    for inc in includes {
        out.push_str(&md[pos..inc.range.start]);
        let name = &md[inc.name.clone()];
        let path = &md[inc.path.clone()];
        let block = blocks.is_some() && alone_on_line(md, &inc.range);
        let marked = |class: &str| {
            (
                format!(
                    "<span class=\"{class}\" title=\"{}\">{}</span>",
                    esc_attr(path),
                    esc_text(name)
                ),
                name.to_string(),
            )
        };
        let (html, plain) = match ctx.links.include(name, path) {
            Some(included) => {
                let looping = {
                    let stack = ctx.include_stack.borrow();
                    stack.len() >= MAX_INCLUDE_DEPTH
                        || stack.contains(&included.key)
                        || included.markdown.len() > ctx.include_budget.get()
                };
                if looping {
                    ctx.include_cycles
                        .borrow_mut()
                        .insert((name.to_string(), path.to_string()));
                    ctx.note_origin(path);
                    marked("include-missing")
                } else {
                    ctx.include_budget
                        .set(ctx.include_budget.get() - included.markdown.len());
                    // An include used many times in a page renders once (at
                    // the top level, where nothing above it can cut it):
                    // a paragraph of thousands of include tokens cost a
                    // render each (found by fuzzing).
                    let top = ctx.include_stack.borrow().is_empty();
                    let memo_key = (included.key.clone(), block);
                    let memo = top
                        .then(|| ctx.include_renders.borrow().get(&memo_key).cloned())
                        .flatten();
                    memo.unwrap_or_else(|| {
                        let done = render_include(&included, block, ctx);
                        if top {
                            ctx.include_renders.borrow_mut().insert(memo_key, done.clone());
                        }
                        done
                    })
                }
            }
            None => {
                ctx.missing_includes
                    .borrow_mut()
                    .insert((name.to_string(), path.to_string()));
                ctx.note_origin(path);
                marked("include-missing")
            }
        };
        let sentinel = fills.add(html, plain);
        let blocks = blocks.as_deref_mut().filter(|_| block);
        place(&mut out, sentinel, blocks, line_prefix(md, inc.range.start));
        pos = inc.range.end;
    }
    out.push_str(&md[pos..]);
    out
}

/// The HTML and plain text of `included`: as blocks or inline, marked
/// as English when it is the English include shown as a fallback.
fn render_include(included: &crate::site::Included, block: bool, ctx: &RenderCtx) -> (String, String) {
    ctx.include_stack.borrow_mut().push(included.key.clone());
    ctx.include_english.borrow_mut().push(!included.translated);
    let html = if block {
        let ids = crate::segment::source::parse(&included.markdown, 0).heading_ids;
        let mut inner = Fills::default();
        render_document(&included.markdown, &ids, ctx, &mut inner, included.translated)
    } else {
        render_inline(&included.markdown, ctx, included.translated)
    };
    ctx.include_stack.borrow_mut().pop();
    ctx.include_english.borrow_mut().pop();
    let html = match (included.fallback, block) {
        (false, _) => html,
        (true, true) => format!(
            "<div class=\"include-fallback\" lang=\"{}\">{html}</div>",
            esc_attr(&ctx.source_lang)
        ),
        (true, false) => format!(
            "<span class=\"include-fallback\" lang=\"{}\">{html}</span>",
            esc_attr(&ctx.source_lang)
        ),
    };
    (html, plain_text(&included.markdown))
}

/// The alert titles in English, for tests and the English fallback.
pub fn english_alert_labels() -> [String; 5] {
    ["Note", "Tip", "Important", "Warning", "Caution"].map(String::from)
}

/// What [`replace_tokens`] leaves for after the page is rendered.
#[derive(Default)]
pub(super) struct Pending {
    /// Sentinels of block fills, each alone in a paragraph to unwrap.
    pub blocks: Vec<String>,
    /// `[!div class]` sentinels with their class: the block quote that
    /// holds one becomes a `<div>` of that class.
    pub divs: Vec<(String, String)>,
}

/// Replaces DocFX's block tokens (snippet references, `:::` directives,
/// `[!div]`, `[!VIDEO]`) in `md`: images and videos by the Markdown that
/// renders them, the others by sentinels whose fills are their HTML.
pub(super) fn replace_tokens(md: &str, ctx: &RenderCtx, fills: &mut Fills, pending: &mut Pending) -> String {
    let tokens = crate::segment::docfx::tokens(md);
    if tokens.is_empty() {
        return md.to_string();
    }
    let mut out = String::with_capacity(md.len());
    let mut pos = 0;
    let mut open = 0usize;
    for t in tokens {
        out.push_str(&md[pos..t.range.start]);
        pos = t.range.end;
        let alone = alone_on_line(md, &t.range);
        let prefix = line_prefix(md, t.range.start);
        let mut block = |html: String, plain: String, out: &mut String| {
            let s = fills.add(html, plain);
            place(out, s, alone.then_some(&mut pending.blocks), prefix);
        };
        match t.kind {
            Kind::Code { lang, path } => {
                let html = code_sample(&lang, &path, ctx, alone);
                block(html, String::new(), &mut out);
            }
            Kind::Image { source, alt } => {
                out.push_str(&format!("![{}]({})", escape_md(&alt), source.replace(' ', "%20")));
            }
            Kind::Video { url } => {
                out.push_str(&format!(
                    "[\u{25b6} {}]({})",
                    escape_md(&ctx.video_label),
                    url.replace(' ', "%20")
                ));
            }
            Kind::Div { class } => {
                let s = fills.add(String::new(), String::new());
                pending.divs.push((s.clone(), class));
                out.push_str(&s);
            }
            Kind::Open { class } if alone => {
                open += 1;
                block(format!("<div class=\"{}\">", esc_attr(&class)), String::new(), &mut out);
            }
            Kind::End if alone && open > 0 => {
                open -= 1;
                block("</div>".to_string(), String::new(), &mut out);
            }
            Kind::Open { .. } | Kind::End => block(String::new(), String::new(), &mut out),
        }
    }
    out.push_str(&md[pos..]);
    // Every container opened is closed at the end of the text.
    for _ in 0..open {
        out.push_str("\n\n");
        let s = fills.add("</div>".to_string(), String::new());
        pending.blocks.push(s.clone());
        out.push_str(&s);
        out.push('\n');
    }
    out
}

/// Backslash-escapes Markdown's inline punctuation in `s`.
fn escape_md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '[' | ']' | '(' | ')' | '*' | '_' | '`' | '\\' | '<' | '>' | '!') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A snippet reference as a code block from the file, or a marked note
/// when the file (or its region) is not in the site.
fn code_sample(lang: &str, path: &str, ctx: &RenderCtx, block: bool) -> String {
    let (file, selector) = match path.find(['#', '?']) {
        Some(i) => (&path[..i], Some(path[i + 1..].trim_start_matches('#'))),
        None => (path, None),
    };
    let code = ctx.links.snippet(file).and_then(|text| match selector {
        Some(sel) if !sel.is_empty() => crate::segment::docfx::select_lines(&text, sel),
        _ => Some(text.trim_end().to_string()),
    });
    match code {
        Some(code) => {
            let class = crate::segment::docfx::language_class(lang);
            let class = if class.is_empty() {
                String::new()
            } else {
                format!(" class=\"language-{class}\"")
            };
            format!("<pre><code{class}>{}</code></pre>\n", esc_text(&code))
        }
        None => {
            let target = match ctx.links.outside(path) {
                Some(url) => format!(
                    "<a class=\"upstream\" href=\"{}\"><code>{}</code></a>",
                    esc_attr(&url),
                    esc_text(file)
                ),
                None => format!("<code>{}</code>", esc_text(file)),
            };
            let label = esc_text(&ctx.code_missing_label);
            if block {
                format!("<div class=\"code-missing\" role=\"note\"><p>{label}: {target}</p></div>\n")
            } else {
                format!("<span class=\"code-missing\">{label}: {target}</span>")
            }
        }
    }
}

/// Finishes what [`replace_tokens`] began, in one pass over the page's
/// events: a paragraph holding only a block sentinel gives way to it, and
/// a block quote that starts with a `[!div class]` sentinel becomes a
/// `<div>` of that class.
pub(super) fn finish_events<'a>(events: Vec<Event<'a>>, pending: &Pending) -> Vec<Event<'a>> {
    if pending.blocks.is_empty() && pending.divs.is_empty() {
        return events;
    }
    let blocks: std::collections::HashSet<&str> = pending.blocks.iter().map(String::as_str).collect();
    let divs: std::collections::HashMap<&str, &str> =
        pending.divs.iter().map(|(s, c)| (s.as_str(), c.as_str())).collect();
    let mut out: Vec<Event<'a>> = Vec::with_capacity(events.len());
    // Open block quotes: their index in `out`, and whether they became divs.
    let mut quotes: Vec<(usize, bool)> = Vec::new();
    let mut it = events.into_iter().peekable();
    while let Some(ev) = it.next() {
        match ev {
            Event::Start(Tag::BlockQuote(None)) => {
                quotes.push((out.len(), false));
                out.push(ev);
            }
            Event::End(TagEnd::BlockQuote(None)) => match quotes.pop() {
                Some((_, true)) => out.push(Event::Html("</div>\n".into())),
                _ => out.push(ev),
            },
            Event::Text(t) if divs.contains_key(t.as_ref()) => {
                let class = divs.get(t.as_ref()).copied().unwrap_or("");
                // Right after `<blockquote><p>`: the quote becomes the div.
                let n = out.len();
                let starts_quote = n >= 2
                    && matches!(out[n - 1], Event::Start(Tag::Paragraph))
                    && quotes.last().is_some_and(|&(q, _)| q == n - 2);
                if starts_quote && let Some(q) = quotes.last_mut() {
                    out[q.0] = Event::Html(format!("<div class=\"{}\">\n", esc_attr(class)).into());
                    q.1 = true;
                    // The marker's paragraph goes when nothing else is in it.
                    if matches!(it.peek(), Some(Event::End(TagEnd::Paragraph))) {
                        out.pop();
                        it.next();
                    } else if matches!(it.peek(), Some(Event::SoftBreak)) {
                        it.next();
                    }
                }
            }
            Event::End(TagEnd::Paragraph) => {
                let n = out.len();
                let lone_block = n >= 2
                    && matches!(out[n - 2], Event::Start(Tag::Paragraph))
                    && matches!(&out[n - 1], Event::Text(t) if blocks.contains(t.as_ref()));
                match out.pop() {
                    Some(Event::Text(t)) if lone_block => {
                        out.pop();
                        out.push(Event::Html(t));
                    }
                    Some(last) => {
                        out.push(last);
                        out.push(ev);
                    }
                    None => out.push(ev),
                }
            }
            other => out.push(other),
        }
    }
    out
}
