//! DocFX's extensions to Markdown: `<xref:Uid>` links, `[!INCLUDE]`
//! tokens, and the titles of `> [!NOTE]`-style alerts.

use super::{Fills, RenderCtx, esc_attr, esc_text, plain_text, render_inline};
use crate::segment::Include;

/// The display name of an xref UID: its last component, without overload
/// markers (`System.ServiceModel.Foo.Bar%2A` → `Bar`).
pub(super) fn xref_name(uid: &str) -> &str {
    let uid = uid.trim_end_matches("%2A").trim_end_matches('*');
    let uid = uid.split(['(', '?', '#']).next().unwrap_or(uid);
    uid.rsplit('.').next().unwrap_or(uid)
}

pub(super) fn xref_uid(dest: &str) -> &str {
    let uid = dest.strip_prefix("xref:").unwrap_or(dest);
    uid.split(['?', '#']).next().unwrap_or(uid)
}

pub(super) fn xref_href(template: &str, uid: &str) -> String {
    let uid = uid.trim_end_matches("%2A").trim_end_matches('*').to_lowercase();
    template.replace("{uid}", &uid)
}

/// Replaces include tokens in `md` by sentinels whose fills are the
/// included text rendered inline (or the include's name, marked).
pub(super) fn replace_includes(md: &str, includes: &[Include], ctx: &RenderCtx, fills: &mut Fills) -> String {
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

/// The alert titles in English, for tests and the English fallback.
pub fn english_alert_labels() -> [String; 5] {
    ["Note", "Tip", "Important", "Warning", "Caution"].map(String::from)
}
