//! The allow-lists translated HTML is cleaned with (ammonia).

use std::borrow::Cow;
use std::sync::LazyLock;

/// Attributes whose value is a URL, in both allow-lists.
const URL_ATTRIBUTES: [&str; 3] = ["href", "src", "data-href"];

/// ammonia keeps control characters of attribute values (`&#x18;` decodes
/// to U+0018 and is written back raw): a raw control character is not
/// valid HTML, and a URL such as `jav&#x18;ascript:` is one deleted
/// character away from a script URL for any later tool that strips them.
/// A URL holding one is dropped (no link works with one); other values
/// lose them. This filter runs after ammonia's check of URL schemes.
fn without_controls<'u>(_element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    // `cite` (which ammonia's default list allows on quotes) is a URL whose
    // scheme ammonia never checks, and no reader sees it: dropped.
    if attribute == "cite" {
        return None;
    }
    if !value.chars().any(char::is_control) {
        return Some(Cow::Borrowed(value));
    }
    if URL_ATTRIBUTES.contains(&attribute) {
        return None;
    }
    Some(Cow::Owned(value.chars().filter(|c| !c.is_control()).collect()))
}

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
    .attribute_filter(without_controls)
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
    .url_schemes(["http", "https", "mailto"].into_iter().collect())
    .attribute_filter(without_controls);
    b
});

#[cfg(test)]
mod tests {
    use super::{DOCUMENT_SANITIZER, INLINE_SANITIZER};

    #[test]
    fn a_url_with_a_control_character_is_dropped_and_other_values_lose_them() {
        for sanitizer in [&*INLINE_SANITIZER, &*DOCUMENT_SANITIZER] {
            let html = sanitizer
                .clean("<a href=\"jav&#x18;ascript:alert(1)\" title=\"a&#x7;b\">x</a> <a href=\"https://e.org/\">y</a>")
                .to_string();
            assert!(!html.contains("ascript"), "{html}");
            assert!(!html.chars().any(char::is_control), "{html:?}");
            assert!(html.contains("title=\"ab\""), "{html}");
            assert!(html.contains("href=\"https://e.org/\""), "{html}");
        }
        let quote = DOCUMENT_SANITIZER
            .clean("<blockquote cite=\"jav&#x18;ascript:alert(1)\">a</blockquote><q cite=\"javascript:x\">b</q>")
            .to_string();
        assert!(!quote.contains("cite") && !quote.contains("ascript"), "{quote}");
    }
}
