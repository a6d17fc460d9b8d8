//! DocFX's block tokens in Markdown: snippet references (`[!code-cs[…](…)]`,
//! `:::code …:::`), images (`:::image …:::`), zones (`::: zone …`),
//! `[!div class="…"]` and `[!VIDEO …]`. They hold no translatable text: the
//! segmenter leaves them out of units, and the renderer replaces them.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// One DocFX token, with its byte range in the text searched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub kind: Kind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `[!code-<lang>[name](path "title")]` or `:::code language source
    /// range id:::`: a code sample taken from a file. `path` keeps its
    /// `#region` / `?range=` suffix.
    Code { lang: String, path: String },
    /// `:::image type source alt-text:::`.
    Image { source: String, alt: String },
    /// `:::image-end:::`, `::: zone-end`, `:::row-end:::` and the like.
    End,
    /// `::: zone pivot="…"` and other containers (`:::row:::`, `:::column:::`).
    Open { class: String },
    /// `[!div class="…"]` at the start of a block quote.
    Div { class: String },
    /// `[!VIDEO url]`.
    Video { url: String },
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r#"\[!code(?:-(?P<lang>[\w#+.-]*))?\[[^\]\n]*\]\((?P<path>[^)\s]*)(?:\s+"[^"\n]*")?\)\]"#,
        r#"|\[!div\s+class\s*=\s*"(?P<div>[^"\n]*)"\s*\]"#,
        r#"|\[!VIDEO\s+(?P<video>[^\]\s]+)\s*\]"#,
        r#"|(?m:^[ \t>]*(?P<colon>:::[^\n]*))"#,
    ))
    .expect("the DocFX token pattern is valid")
});

static ATTR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"([\w-]+)\s*=\s*"([^"]*)""#).expect("the attribute pattern is valid"));

/// The value of attribute `name` in a `:::` directive.
pub fn attr<'a>(directive: &'a str, name: &str) -> Option<&'a str> {
    ATTR.captures_iter(directive)
        .find(|c| c[1].eq_ignore_ascii_case(name))
        .and_then(|c| c.get(2))
        .map(|m| m.as_str())
}

/// The DocFX tokens of `text`, in order, outside fenced code blocks. Linear
/// in the text (the regex crate's matching is).
pub fn tokens(text: &str) -> Vec<Token> {
    if !text.contains("[!") && !text.contains(":::") {
        return Vec::new();
    }
    let fences = fenced_ranges(text);
    let in_fence = |at: usize| {
        let i = fences.partition_point(|f| f.end <= at);
        fences.get(i).is_some_and(|f| f.start <= at)
    };
    let mut out = Vec::new();
    for c in TOKEN.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        if in_fence(whole.start()) {
            continue;
        }
        let (range, kind) = if let Some(path) = c.name("path") {
            let lang = c.name("lang").map_or("", |m| m.as_str()).to_string();
            (
                whole.range(),
                Kind::Code {
                    lang,
                    path: path.as_str().to_string(),
                },
            )
        } else if let Some(class) = c.name("div") {
            (
                whole.range(),
                Kind::Div {
                    class: class.as_str().to_string(),
                },
            )
        } else if let Some(url) = c.name("video") {
            (
                whole.range(),
                Kind::Video {
                    url: url.as_str().to_string(),
                },
            )
        } else if let Some(colon) = c.name("colon") {
            match directive(colon.as_str()) {
                Some(kind) => (colon.range(), kind),
                None => continue,
            }
        } else {
            continue;
        };
        out.push(Token { range, kind });
    }
    out
}

/// Reads a `:::` line: `:::code …:::`, `:::image …:::`, `::: zone …`,
/// `::: zone-end`, `:::image-end:::`.
fn directive(line: &str) -> Option<Kind> {
    let inner = line.trim().trim_start_matches(':').trim_end_matches(':').trim();
    let (name, rest) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    let name = name.to_ascii_lowercase();
    Some(match name.as_str() {
        "code" => Kind::Code {
            lang: attr(rest, "language").unwrap_or("").to_string(),
            path: {
                let source = attr(rest, "source").unwrap_or("");
                match (attr(rest, "id"), attr(rest, "range")) {
                    (Some(id), _) => format!("{source}#{id}"),
                    (None, Some(range)) => format!("{source}?range={range}"),
                    (None, None) => source.to_string(),
                }
            },
        },
        "image" => Kind::Image {
            source: attr(rest, "source").unwrap_or("").to_string(),
            alt: attr(rest, "alt-text").unwrap_or("").to_string(),
        },
        n if n.ends_with("-end") => Kind::End,
        "zone" | "row" | "column" | "moniker" => Kind::Open {
            class: format!("docfx-{name}"),
        },
        _ => return None,
    })
}

/// Byte ranges of fenced code blocks (``` or ~~~, closed by a fence of the
/// same character at least as long, or the end of the text).
fn fenced_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, u8, usize)> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start_matches([' ', '\t', '>']);
        let fence = |ch: u8| t.bytes().take_while(|&b| b == ch).count();
        match open {
            None => {
                for ch in [b'`', b'~'] {
                    let n = fence(ch);
                    if n >= 3 {
                        open = Some((pos, ch, n));
                        break;
                    }
                }
            }
            Some((start, ch, n)) => {
                if fence(ch) >= n && t[fence(ch)..].trim().is_empty() {
                    out.push(start..pos + line.len());
                    open = None;
                }
            }
        }
        pos += line.len();
    }
    if let Some((start, _, _)) = open {
        out.push(start..text.len());
    }
    out
}

/// The lines of a code sample that a reference selects: `#L3-L9`,
/// `?range=3-9,12` or `range` lines; `#name` the lines between the
/// snippet tags `<name>` … `</name>` (in any comment syntax) or
/// `#region name` … `#endregion`. `None` when the region is not there.
pub fn select_lines(code: &str, selector: &str) -> Option<String> {
    let lines: Vec<&str> = code.lines().collect();
    let pick = |ranges: &str| -> Option<String> {
        let mut out = Vec::new();
        for part in ranges.split(',') {
            let part = part.trim().trim_start_matches('L');
            let (a, b) = part.split_once('-').unwrap_or((part, part));
            let a: usize = a.trim().trim_start_matches('L').parse().ok()?;
            let b: usize = match b.trim().trim_start_matches('L') {
                "" => lines.len(),
                b => b.parse().ok()?,
            };
            if a == 0 || a > b || a > lines.len() {
                return None;
            }
            out.extend_from_slice(&lines[a - 1..b.min(lines.len())]);
        }
        Some(dedent(&out))
    };
    if let Some(r) = selector.strip_prefix("range=") {
        return pick(r);
    }
    if selector.starts_with('L') && selector[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return pick(selector);
    }
    let open = format!("<{selector}>");
    let close = format!("</{selector}>");
    let lower = |s: &str| s.to_ascii_lowercase();
    let (open, close) = (lower(&open), lower(&close));
    if let Some(start) = lines.iter().position(|l| lower(l).contains(&open)) {
        let end = lines[start + 1..].iter().position(|l| lower(l).contains(&close))? + start + 1;
        return Some(dedent(&lines[start + 1..end]));
    }
    let region = lines.iter().position(|l| {
        let t = l.trim_start().trim_start_matches('#').trim_start();
        t.strip_prefix("region")
            .or_else(|| t.strip_prefix("Region"))
            .is_some_and(|n| n.trim().trim_matches('"').eq_ignore_ascii_case(selector))
    })?;
    let mut depth = 0usize;
    for (i, l) in lines.iter().enumerate().skip(region + 1) {
        let t = l.trim_start().trim_start_matches('#').trim_start().to_ascii_lowercase();
        if t.starts_with("region") {
            depth += 1;
        } else if t.starts_with("endregion") || t.starts_with("end region") {
            if depth == 0 {
                return Some(dedent(&lines[region + 1..i]));
            }
            depth -= 1;
        }
    }
    None
}

/// Lines joined with their common leading whitespace removed.
fn dedent(lines: &[&str]) -> String {
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or("").trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `language-…` class of a DocFX code language name.
pub fn language_class(lang: &str) -> String {
    let l = lang.to_ascii_lowercase();
    let l = match l.as_str() {
        "cs" | "c#" | "csharp" => "csharp",
        "vb" | "vbnet" | "visualbasic" => "vb",
        "fs" | "fsharp" | "f#" => "fsharp",
        "cpp" | "c++" => "cpp",
        "js" | "javascript" => "javascript",
        "ps" | "powershell" => "powershell",
        other => other,
    };
    l.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_references_in_both_syntaxes_are_tokens_with_their_path() {
        let t = "Text.\n\n[!code-csharp[LockdownValidation#2](../../samples/snippets/x.cs#2 \"A title\")]\n\n \
                 :::code language=\"csharp\" source=\"snippets/y.cs\" id=\"Snippet1\":::\n";
        let toks = tokens(t);
        assert_eq!(toks.len(), 2, "{toks:?}");
        assert_eq!(
            toks[0].kind,
            Kind::Code {
                lang: "csharp".into(),
                path: "../../samples/snippets/x.cs#2".into()
            }
        );
        assert_eq!(
            &t[toks[0].range.clone()],
            "[!code-csharp[LockdownValidation#2](../../samples/snippets/x.cs#2 \"A title\")]"
        );
        assert_eq!(
            toks[1].kind,
            Kind::Code {
                lang: "csharp".into(),
                path: "snippets/y.cs#Snippet1".into()
            }
        );
    }

    #[test]
    fn divs_videos_images_and_zones_are_tokens() {
        let t = "> [!div class=\"checklist\"]\n> - a\n\n> [!VIDEO https://example.com/v]\n\n\
                 :::image type=\"content\" source=\"media/a.png\" alt-text=\"An A\":::\n\n::: zone pivot=\"cs\"\n\nx\n\n::: zone-end\n";
        let kinds: Vec<Kind> = tokens(t).into_iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            vec![
                Kind::Div {
                    class: "checklist".into()
                },
                Kind::Video {
                    url: "https://example.com/v".into()
                },
                Kind::Image {
                    source: "media/a.png".into(),
                    alt: "An A".into()
                },
                Kind::Open {
                    class: "docfx-zone".into()
                },
                Kind::End,
            ]
        );
    }

    #[test]
    fn tokens_inside_fenced_code_are_left_alone() {
        let t = "```md\n[!code-cs[a](b.cs)]\n:::image source=\"x\":::\n```\n[!code-cs[a](c.cs)]\n";
        let toks = tokens(t);
        assert_eq!(toks.len(), 1);
        assert_eq!(
            toks[0].kind,
            Kind::Code {
                lang: "cs".into(),
                path: "c.cs".into()
            }
        );
    }

    #[test]
    fn regions_ranges_and_snippet_tags_select_lines() {
        let code = "using X;\nclass A {\n    // <Snippet1>\n    void F() {}\n    // </Snippet1>\n    #region Two\n    int x;\n    #endregion\n}\n";
        assert_eq!(select_lines(code, "Snippet1").as_deref(), Some("void F() {}"));
        assert_eq!(
            select_lines(code, "snippet1").as_deref(),
            Some("void F() {}"),
            "tags match case-insensitively"
        );
        assert_eq!(select_lines(code, "Two").as_deref(), Some("int x;"));
        assert_eq!(select_lines(code, "L1-L2").as_deref(), Some("using X;\nclass A {"));
        assert_eq!(select_lines(code, "range=1,9").as_deref(), Some("using X;\n}"));
        assert_eq!(select_lines(code, "Nope"), None);
        assert_eq!(select_lines(code, "L50-L60"), None);
    }

    #[test]
    fn a_long_line_of_open_tokens_costs_one_pass() {
        let t = "[!code-cs[".repeat(50_000);
        assert!(tokens(&t).is_empty());
        let t = ":::".repeat(50_000);
        assert!(tokens(&t).is_empty(), "no directive name: not a token");
    }
}
