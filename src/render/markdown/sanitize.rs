//! The allow-lists translated HTML is cleaned with (ammonia).

use std::sync::LazyLock;

pub(super) static INLINE_SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
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

pub(super) static DOCUMENT_SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
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
