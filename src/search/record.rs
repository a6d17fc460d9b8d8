//! The search record of a written page: the text of its article, read the
//! way Pagefind's own HTML parser reads it.

use super::Record;

/// Classes of the elements in an article that are not searchable text: the
/// hidden English originals, markers, heading anchors, screen-reader text.
const EXCLUDE: &[&str] = &["seg-en", "seg-flag", "anchor", "visually-hidden"];

/// Elements whose text is never indexed (as in Pagefind's own parser).
const REMOVE: &[&str] = &[
    "head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe", "template",
];

/// Block elements: their text ends a sentence (as in Pagefind's parser).
const BLOCKS: &[&str] = &[
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "td", "div", "ul", "li", "article", "section",
];

/// Elements without a closing tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
];

/// The search record of page `path` from its HTML: its language, title and
/// the text of its article (`data-pagefind-body`), without the hidden
/// English originals and other [`EXCLUDE`]d elements. Of a text longer than
/// `max_bytes`, the first `max_bytes` are kept (cut between words), so a
/// huge page costs the index no more than that. `None` for pages that are
/// not indexed.
pub fn record(path: &str, html: &str, max_bytes: usize) -> Option<Record> {
    let body_at = html.find("data-pagefind-body")?;
    let start = html[..body_at].rfind('<')?;
    let end = html[start..].find("</article>")? + start + "</article>".len();
    let lang_at = html.find("<html lang=\"")? + "<html lang=\"".len();
    let lang = &html[lang_at..lang_at + html[lang_at..].find('"')?];
    let (digest, h1) = article_text(&html[start..end]);
    let title = match h1 {
        Some(t) => t,
        None => match (html.find("<title>"), html.find("</title>")) {
            (Some(a), Some(b)) if a < b => normalize(&html[a + "<title>".len()..b]),
            _ => String::new(),
        },
    };
    let mut content = normalize(&digest);
    if content.len() > max_bytes {
        let cut = crate::diag::floor_char_boundary(&content, max_bytes);
        let cut = content[..cut].rfind(' ').unwrap_or(cut);
        content.truncate(cut);
    }
    Some(Record {
        path: path.to_string(),
        lang: lang.to_string(),
        title,
        content,
    })
}

/// Entities decoded, runs of white space made one space.
fn normalize(text: &str) -> String {
    let decoded = html_escape::decode_html_entities(text);
    let mut out = String::with_capacity(decoded.len());
    for word in decoded.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// An element open while reading an article.
struct Open<'a> {
    tag: &'a str,
    excluded: bool,
    text: String,
}

/// The text of `article` (HTML that locdoc wrote) the way Pagefind's parser
/// reads it, with Pagefind's weight markers around headings, and the text
/// of its first `<h1>`. Entities are left for [`normalize`].
fn article_text(article: &str) -> (String, Option<String>) {
    let mut stack = vec![Open {
        tag: "",
        excluded: false,
        text: String::with_capacity(article.len() / 2),
    }];
    let mut h1 = None;
    let mut rest = article;
    while !rest.is_empty() {
        let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) else {
            push_text(&mut stack, rest);
            break;
        };
        push_text(&mut stack, &rest[..lt]);
        rest = &rest[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |i| &comment[i + 3..]);
            continue;
        }
        let end = tag_end(rest);
        let tag = &rest[1..end.saturating_sub(1).max(1)];
        rest = &rest[end..];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim();
            // Close up to the element of that name (browsers forgive
            // unclosed inline elements; locdoc writes none).
            if let Some(at) = stack.iter().rposition(|o| o.tag == name)
                && at > 0
            {
                while stack.len() > at {
                    let Some(node) = stack.pop() else { break };
                    close(&mut stack, node, &mut h1);
                }
            }
            continue;
        }
        let name_end = tag
            .find(|c: char| c.is_ascii_whitespace() || c == '/')
            .unwrap_or(tag.len());
        let name = &tag[..name_end];
        if name.is_empty() || name.starts_with('!') || name.starts_with('?') {
            continue;
        }
        if VOID.contains(&name) || tag.ends_with('/') {
            if name == "br" {
                push_text(&mut stack, " ");
            }
            continue;
        }
        let parent_excluded = stack.last().is_some_and(|o| o.excluded);
        let excluded = parent_excluded || REMOVE.contains(&name) || has_excluded_class(&tag[name_end..]);
        stack.push(Open {
            tag: name,
            excluded,
            text: String::new(),
        });
    }
    while stack.len() > 1 {
        let Some(node) = stack.pop() else { break };
        close(&mut stack, node, &mut h1);
    }
    let text = stack.pop().map(|o| o.text).unwrap_or_default();
    (text, h1)
}

/// Where the tag at the start of `s` ends (after its `>`), skipping quoted
/// attribute values.
fn tag_end(s: &str) -> usize {
    let b = s.as_bytes();
    let mut quote = None;
    for (i, &c) in b.iter().enumerate().skip(1) {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// True when the attributes hold a `class` with one of [`EXCLUDE`].
fn has_excluded_class(attrs: &str) -> bool {
    let Some(at) = attrs.find("class=") else {
        return false;
    };
    let value = &attrs[at + "class=".len()..];
    let value = match value.chars().next() {
        Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
        _ => value.split(|c: char| c.is_ascii_whitespace()).next().unwrap_or(""),
    };
    value.split_ascii_whitespace().any(|c| EXCLUDE.contains(&c))
}

fn push_text(stack: &mut [Open], text: &str) {
    if let Some(top) = stack.last_mut()
        && !top.excluded
    {
        top.text.push_str(text);
    }
}

/// Adds the text of a closed element to its parent's, as Pagefind's
/// parser does: a block's text as a sentence, a heading's with its weight.
fn close(stack: &mut [Open], node: Open, h1: &mut Option<String>) {
    if node.excluded {
        return;
    }
    let mut text = node.text;
    if node.tag == "h1" && h1.is_none() {
        let t = normalize(&text);
        if !t.is_empty() {
            *h1 = Some(t);
        }
    }
    if BLOCKS.contains(&node.tag) {
        let sentence = text
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || "'\")$*".contains(c));
        text.insert(0, ' ');
        if sentence {
            text.push('.');
        }
        text.push(' ');
    }
    let weight = match node.tag {
        "h1" => Some('7'),
        "h2" => Some('6'),
        "h3" => Some('5'),
        "h4" => Some('4'),
        "h5" => Some('3'),
        "h6" => Some('2'),
        _ => None,
    };
    if let Some(top) = stack.last_mut() {
        if let Some(w) = weight {
            top.text.push_str(" ___PAGEFIND_AUTO_WEIGHT___");
            top.text.push(w);
            top.text.push(' ');
            top.text.push_str(&text);
            top.text.push_str(" ___END_PAGEFIND_WEIGHT___ ");
        } else {
            top.text.push_str(&text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_hold_the_article_text_without_english_originals() {
        let html = "<!DOCTYPE html>\n<html lang=\"cs-CZ\" dir=\"ltr\">\n<head><title>T | S</title></head><body><nav>x</nav>\
            <article class=\"content\" data-pagefind-body>\n<h1 id=\"a\">Nadpis <a class=\"anchor\" href=\"#a\">#</a></h1>\
            <p><span class=\"seg\" title=\"a > b\">Ahoj<span class=\"seg-en\" lang=\"en-US\">Hello <span class=\"include-missing\">x</span> <code>c</code></span></span> sv&#283;t &amp; <code>x&lt;y</code></p>\
            <ul><li>Jedna</li><li>Dva?</li></ul><span class=\"visually-hidden\">skryt\u{e9}</span><!-- <p>no</p> -->\n</article><footer>f</footer></body></html>";
        let r = record("cs-CZ/a/index.html", html, usize::MAX).unwrap();
        assert_eq!(r.lang, "cs-CZ");
        assert_eq!(r.title, "Nadpis");
        assert_eq!(
            r.content,
            "___PAGEFIND_AUTO_WEIGHT___7 Nadpis ___END_PAGEFIND_WEIGHT___ Ahoj svět & x<y. Jedna. Dva?"
        );
        assert!(record("x.html", "<html lang=\"en\"><body>no article</body></html>", usize::MAX).is_none());
    }

    #[test]
    fn records_without_a_heading_take_the_page_title() {
        let html = "<html lang=\"pl-PL\"><head><title>Strona &amp; co</title></head><body><article data-pagefind-body><p>Tekst</p></article></body></html>";
        let r = record("pl-PL/index.html", html, usize::MAX).unwrap();
        assert_eq!((r.title.as_str(), r.content.as_str()), ("Strona & co", "Tekst."));
    }

    #[test]
    fn records_keep_at_most_the_first_bytes_of_a_long_article() {
        let html = format!(
            "<html lang=\"cs-CZ\"><head><title>T</title></head><body><article data-pagefind-body>{}</article></body></html>",
            "<p>Slovo slovo.</p>".repeat(1000)
        );
        let r = record("a.html", &html, 100).unwrap();
        assert!(r.content.len() <= 100, "{}", r.content.len());
        let whole = record("a.html", &html, usize::MAX).unwrap().content;
        assert!(
            whole.starts_with(&format!("{} ", r.content)),
            "cut between words: {}",
            r.content
        );
        assert_eq!(
            record("a.html", &html, usize::MAX)
                .unwrap()
                .content
                .matches("Slovo")
                .count(),
            1000
        );
    }
}
