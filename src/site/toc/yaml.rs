//! Reading one DocFX `toc.yml`: its entries with the line and column of
//! each, through serde-saphyr (the crate front matter is read with).

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diag::{Diagnostic, Location};

/// One entry of a `toc.yml`, as written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entry {
    pub name: Option<String>,
    /// `href:` as written: a page (`x.md`), a nested toc (`sub/toc.yml`,
    /// `sub/`), or a URL.
    pub href: Option<String>,
    /// The page of an entry whose `href` is a nested toc.
    pub topic_href: Option<String>,
    pub expanded: bool,
    pub items: Vec<Entry>,
    /// Where the entry is (its `name:`, else its `href:`).
    pub line: u32,
    pub column: u32,
    /// Where its `href:` value is.
    pub href_at: (u32, u32),
}

#[derive(Deserialize)]
struct RawEntry {
    #[serde(default)]
    name: Option<Spanned<Scalar>>,
    #[serde(default)]
    href: Option<Spanned<Scalar>>,
    #[serde(default, rename = "topicHref")]
    topic_href: Option<Scalar>,
    #[serde(default)]
    expanded: Option<Scalar>,
    #[serde(default)]
    items: Option<Vec<RawEntry>>,
}

#[derive(Deserialize)]
struct RawRoot {
    #[serde(default)]
    items: Option<Vec<RawEntry>>,
}

/// A YAML scalar read as text whatever it looks like (`name: 131`,
/// `expanded: true`).
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl Scalar {
    fn text(self) -> String {
        match self {
            Scalar::Text(s) => s,
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
            Scalar::Bool(b) => b.to_string(),
        }
    }
}

fn at<T>(s: &Spanned<T>) -> (u32, u32) {
    (s.referenced.line() as u32, s.referenced.column() as u32)
}

fn convert(raw: Vec<RawEntry>, parent: (u32, u32)) -> Vec<Entry> {
    raw.into_iter()
        .map(|r| {
            let name_at = r.name.as_ref().map(at);
            let href_at = r.href.as_ref().map(at);
            let (line, column) = name_at.or(href_at).unwrap_or(parent);
            let href_at = href_at.unwrap_or((line, column));
            let items = convert(r.items.unwrap_or_default(), (line, column));
            Entry {
                name: r
                    .name
                    .map(|n| n.value.text().trim().to_string())
                    .filter(|n| !n.is_empty()),
                href: r
                    .href
                    .map(|h| h.value.text().trim().to_string())
                    .filter(|h| !h.is_empty()),
                topic_href: r.topic_href.map(Scalar::text).filter(|h| !h.trim().is_empty()),
                expanded: r.expanded.is_some_and(|e| e.text().eq_ignore_ascii_case("true")),
                items,
                line,
                column,
                href_at,
            }
        })
        .collect()
}

/// The entries of `toc.yml` text; `display` is the file as shown in
/// diagnostics. Both DocFX shapes are read: a list of entries, and a map
/// whose `items:` holds them.
pub fn parse(text: &str, display: &str) -> Result<Vec<Entry>, Diagnostic> {
    let first = text
        .lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with('#') && *l != "---");
    let raw = match first {
        None => return Ok(Vec::new()),
        Some(l) if l.starts_with('-') => {
            serde_saphyr::from_str::<Option<Vec<RawEntry>>>(text).map(Option::unwrap_or_default)
        }
        Some(_) => serde_saphyr::from_str::<Option<RawRoot>>(text).map(|r| r.and_then(|r| r.items).unwrap_or_default()),
    };
    match raw {
        Ok(raw) => Ok(convert(raw, (1, 1))),
        Err(e) => {
            let (line, column) = e
                .location()
                .map_or((1, 1), |l| (l.line().max(1) as u32, l.column().max(1) as u32));
            let full = e.without_snippet().to_string();
            let msg = full
                .lines()
                .next()
                .unwrap_or(&full)
                .trim_start_matches("error: ")
                .to_string();
            Err(crate::diag::Diagnostic::warning(
                crate::diag::Rule::Toc.code(),
                format!("invalid toc.yml: {msg}"),
            )
            .at(Location {
                file: display.to_string(),
                line,
                column,
                len: 1,
            })
            .help("fix the YAML at the marked place (DocFX's format: a list of `- name:` / `href:` entries, nested under `items:`)"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_hrefs_nesting_and_places() {
        let yml = "- name: Analytic Tracing\n  href: index.md\n  items:\n    - name: Přehled\n      href: overview.md\n    - name: 131\n      href: 131-x.md\n      expanded: true\n- name: Sub\n  href: sub/toc.yml\n  topicHref: sub/index.md\n";
        let e = parse(yml, "content/cs-CZ/toc.yml").unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].name.as_deref(), Some("Analytic Tracing"));
        assert_eq!((e[0].line, e[0].column), (1, 9));
        assert_eq!(e[0].items[0].name.as_deref(), Some("Přehled"));
        assert_eq!((e[0].items[0].line, e[0].items[0].href_at.0), (4, 5));
        assert_eq!(e[0].items[1].name.as_deref(), Some("131"));
        assert!(e[0].items[1].expanded);
        assert_eq!(e[1].topic_href.as_deref(), Some("sub/index.md"));
    }

    #[test]
    fn reads_the_items_map_shape_and_empty_files() {
        let e = parse("items:\n- name: A\n  href: a.md\n", "toc.yml").unwrap();
        assert_eq!(e[0].href.as_deref(), Some("a.md"));
        assert!(parse("# nothing\n", "toc.yml").unwrap().is_empty());
        assert!(parse("", "toc.yml").unwrap().is_empty());
    }

    #[test]
    fn invalid_yaml_is_a_finding_with_a_place() {
        let d = parse("- name: A\n  href: a.md\n - name: [B\n", "content/en-US/toc.yml").unwrap_err();
        let loc = d.location.unwrap();
        assert_eq!(loc.file, "content/en-US/toc.yml");
        assert!(loc.line >= 2, "{loc:?}");
        assert!(d.message.starts_with("invalid toc.yml"), "{}", d.message);
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let mut yml = String::new();
        for depth in 0..5000 {
            yml.push_str(&" ".repeat(depth * 2));
            yml.push_str("- name: x\n");
            yml.push_str(&" ".repeat(depth * 2 + 2));
            yml.push_str("items:\n");
        }
        assert!(parse(&yml, "toc.yml").is_err());
    }
}
