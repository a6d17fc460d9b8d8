//! The navigation tree as HTML (see [`crate::site::toc`]): on each page
//! the current page's branch (its ancestors, a window of the neighbours at
//! each level, its children), breadcrumbs and previous/next in tree order;
//! once per locale the whole tree, on the contents page
//! (`<locale>/contents/`), which the script loads into the sidebar. Without
//! JavaScript the branch and a link to the contents page remain.

use super::*;
use crate::site::toc::{Target, Toc};

/// Neighbours shown on each side of the page (or its ancestor) in a list
/// of the inline branch; the rest are one "N more" link to the contents page.
const WINDOW: usize = 3;

/// The sidebar of one page.
#[derive(Serialize)]
pub(super) struct Sidebar {
    /// `<ol class="toc-tree">…</ol>`: the page's branch.
    html: String,
    /// The contents page (the whole tree), relative to the page.
    contents: String,
}

impl Renderer<'_> {
    fn toc(&self) -> &Toc {
        &self.site.toc
    }

    /// The contents page of `locale`, relative to the output root.
    pub fn contents_dir(&self, locale: usize) -> String {
        format!("{}/{}", self.site.config.locales[locale].code, self.index.dirs.contents)
    }

    /// How the name of `node` is marked in `locale`: `Some` when it is the
    /// English fallback (the locale's toc.yml lacks the entry).
    fn name_lang(&self, node: usize, locale: usize) -> Option<NameLang> {
        let (_, fallback) = self.toc().name(node, locale);
        fallback.then(|| self.source_name_lang(locale))
    }

    /// The marks of a source-locale name on a page of `locale`: its `lang`,
    /// and, where `locale` is written the other way (Arabic, Hebrew), its
    /// `dir`, as English fallback text in a page is marked.
    fn source_name_lang(&self, locale: usize) -> NameLang {
        let source = &self.site.config.locales[0];
        let dir = self.site.config.locales[locale].dir;
        NameLang {
            lang: source.code.clone(),
            dir: (dir != source.dir).then_some(source.dir),
        }
    }

    /// The start of a branch entry: its link, then the `<details>` of its
    /// children. The link stays outside the `<summary>` (a link inside a
    /// summary is a control inside a control, axe's `nested-interactive`);
    /// the summary is the disclosure toggle beside it, named for screen
    /// readers by the entry's name.
    fn branch_open(&self, node: usize, locale: usize, link: &str, id: &str, open: &str) -> String {
        let (name, _) = self.toc().name(node, locale);
        let lang = self.name_lang(node, locale).map(|m| m.attrs()).unwrap_or_default();
        format!(
            "<li class=\"toc-branch\"{id}>{link}<details{open}><summary><span class=\"visually-hidden\"{lang}>{}</span></summary>",
            markdown::esc_text(name)
        )
    }

    /// `<a>` (or `<span>`) for `node` in `locale`, from folder `out_dir`;
    /// `current` marks the page being shown.
    fn toc_link(&self, node: usize, locale: usize, out_dir: &str, current: bool) -> String {
        let (name, _) = self.toc().name(node, locale);
        let lang = self.name_lang(node, locale).map(|m| m.attrs()).unwrap_or_default();
        let name = markdown::esc_text(name);
        match &self.toc().nodes[node].target {
            Target::Page(rel) => {
                let Some(url) = self.site.urls.get(rel) else {
                    return format!("<span{lang}>{name}</span>");
                };
                let l = if self.site.has_page(rel, locale) { locale } else { 0 };
                let code = &self.site.config.locales[l].code;
                let href = self.link(relative_url(out_dir, &format!("{code}/{}", url.dir)));
                let hreflang = if l != locale {
                    format!(" hreflang=\"{code}\"")
                } else {
                    String::new()
                };
                let aria = if current { " aria-current=\"page\"" } else { "" };
                format!(
                    "<a href=\"{}\"{hreflang}{lang}{aria}>{name}</a>",
                    markdown::esc_attr(&href)
                )
            }
            Target::External(u) => format!(
                "<a href=\"{}\" rel=\"external\"{lang}>{name}</a>",
                markdown::esc_attr(u)
            ),
            Target::None => format!("<span{lang}>{name}</span>"),
        }
    }

    /// The sidebar of page `rel` in `locale`, if the tree has the page.
    pub(super) fn sidebar(&self, rel: &str, locale: usize, out_dir: &str) -> Option<Sidebar> {
        let node = self.toc().node_of(rel)?;
        let mut chain = self.toc().ancestors(node);
        chain.push(node);
        let contents = self.link(relative_url(out_dir, &self.contents_dir(locale)));
        let mut html = String::new();
        self.branch(&self.toc().roots, &chain, 0, locale, out_dir, &contents, &mut html);
        Some(Sidebar { html, contents })
    }

    #[allow(clippy::too_many_arguments)]
    fn branch(
        &self,
        nodes: &[usize],
        chain: &[usize],
        depth: usize,
        locale: usize,
        out_dir: &str,
        contents: &str,
        out: &mut String,
    ) {
        let focus = chain.get(depth).and_then(|c| nodes.iter().position(|n| n == c));
        let (from, to) = match focus {
            _ if nodes.len() <= 2 * WINDOW + 1 => (0, nodes.len()),
            Some(f) => (f.saturating_sub(WINDOW), (f + WINDOW + 1).min(nodes.len())),
            None => (0, 2 * WINDOW + 1),
        };
        out.push_str(if depth == 0 { "<ol class=\"toc-tree\">" } else { "<ol>" });
        let more = |out: &mut String, first: usize, count: usize| {
            let label = self
                .i18n
                .format(locale, "toc-more", &[("count", FluentValue::from(count))]);
            out.push_str(&format!(
                "<li class=\"toc-more\"><a href=\"{}#t{first}\">{}</a></li>",
                markdown::esc_attr(contents),
                markdown::esc_text(&label)
            ));
        };
        if from > 0 {
            more(out, nodes[0], from);
        }
        let last = chain.len() - 1;
        for &n in &nodes[from..to] {
            let on_path = focus.is_some_and(|f| nodes[f] == n);
            let children = &self.toc().nodes[n].children;
            let link = self.toc_link(n, locale, out_dir, on_path && depth == last);
            if on_path && !children.is_empty() {
                out.push_str(&self.branch_open(n, locale, &link, "", " open"));
                self.branch(children, chain, depth + 1, locale, out_dir, contents, out);
                out.push_str("</details></li>");
            } else if children.is_empty() {
                out.push_str(&format!("<li>{link}</li>"));
            } else {
                out.push_str(&format!("<li class=\"toc-closed\">{link}</li>"));
            }
        }
        if to < nodes.len() {
            more(out, nodes[to], nodes.len() - to);
        }
        out.push_str("</ol>");
    }

    /// The whole tree in `locale`, from folder `out_dir`: every branch a
    /// `<details>`, open at the top and where the toc.yml says `expanded`.
    fn full_tree(&self, locale: usize, out_dir: &str) -> String {
        let mut out = String::with_capacity(self.toc().nodes.len() * 120);
        // (node, depth, closing) in document order, without recursion.
        let mut stack: Vec<(usize, usize, bool)> = Vec::new();
        out.push_str("<ol class=\"toc-tree\" id=\"toc-full\">");
        stack.extend(self.toc().roots.iter().rev().map(|&r| (r, 0, false)));
        while let Some((n, depth, closing)) = stack.pop() {
            if closing {
                out.push_str("</ol></details></li>");
                continue;
            }
            let node = &self.toc().nodes[n];
            let link = self.toc_link(n, locale, out_dir, false);
            if node.children.is_empty() {
                out.push_str(&format!("<li id=\"t{n}\">{link}</li>"));
            } else {
                let open = if depth == 0 || node.expanded { " open" } else { "" };
                let id = format!(" id=\"t{n}\"");
                out.push_str(&self.branch_open(n, locale, &link, &id, open));
                out.push_str("<ol>");
                stack.push((n, depth, true));
                stack.extend(node.children.iter().rev().map(|&c| (c, depth + 1, false)));
            }
        }
        out.push_str("</ol>");
        out
    }

    /// `<locale>/contents/index.html`: the whole tree of `locale`.
    pub fn contents_page(&self, locale: usize) -> Result<String> {
        let out_dir = self.contents_dir(locale);
        let dir_of = |i: usize| self.contents_dir(i);
        let title = self.i18n.get(locale, "toc-all");
        let mut ctx = self.site_page_context(locale, &out_dir, &dir_of, &dir_of(0), &title);
        ctx.insert("robots", "noindex");
        ctx.insert("description", &format!("{title} · {}", self.site.config.title));
        ctx.insert("breadcrumbs", &self.breadcrumbs(locale, &out_dir, &title, None));
        ctx.insert("tree", &self.full_tree(locale, &out_dir));
        self.templates.render("contents.html", &ctx)
    }

    /// Breadcrumbs of page `rel` from the tree: home, its ancestors (a
    /// heading without a page links to its place on the contents page),
    /// the page. `None` if the tree lacks the page.
    pub(super) fn tree_breadcrumbs(&self, rel: &str, locale: usize, out_dir: &str, title: &str) -> Option<Vec<Crumb>> {
        let node = self.toc().node_of(rel)?;
        let code = &self.site.config.locales[locale].code;
        let mut out = vec![Crumb {
            title: self.i18n.get(locale, "site-home"),
            url: self.link(relative_url(out_dir, &format!("{code}/"))),
            title_lang: None,
        }];
        for a in self.toc().ancestors(node) {
            let url = match &self.toc().nodes[a].target {
                Target::Page(p) if self.site.urls.contains_key(p) => {
                    let l = if self.site.has_page(p, locale) { locale } else { 0 };
                    let to = format!("{}/{}", self.site.config.locales[l].code, self.site.urls[p].dir);
                    self.link(relative_url(out_dir, &to))
                }
                _ => format!("{}#t{a}", self.link(relative_url(out_dir, &self.contents_dir(locale)))),
            };
            out.push(Crumb {
                title: self.toc().name(a, locale).0.to_string(),
                url,
                title_lang: self.name_lang(a, locale),
            });
        }
        out.push(Crumb {
            title: title.to_string(),
            url: String::new(),
            title_lang: None,
        });
        Some(out)
    }

    /// The pages before and after `rel` in tree order, named as in the tree.
    pub(super) fn tree_neighbours(
        &self,
        rel: &str,
        locale: usize,
        out_dir: &str,
    ) -> Option<(Option<Neighbour>, Option<Neighbour>)> {
        self.toc().node_of(rel)?;
        let (prev, next) = self.toc().neighbours(rel);
        let at = |other: Option<&str>| -> Option<Neighbour> {
            let other = other?;
            let url = self.site.urls.get(other)?;
            let node = self.toc().node_of(other)?;
            let l = if self.site.has_page(other, locale) { locale } else { 0 };
            let code = &self.site.config.locales[l].code;
            Some(Neighbour {
                title: self.toc().name(node, locale).0.to_string(),
                url: self.link(relative_url(out_dir, &format!("{code}/{}", url.dir))),
                lang: (l != locale).then(|| code.clone()),
                title_lang: self.name_lang(node, locale),
            })
        };
        Some((at(prev), at(next)))
    }
}
