//! The table of contents: one navigation tree for the site, with each
//! entry's name in every locale.
//!
//! Where the English content has a DocFX `toc.yml`, the tree of its folder
//! (its *section*) is that file's: `name`, `href`, `items`, `topicHref`,
//! `expanded`, nested tocs (`href: sub/toc.yml` or `href: sub/`) and
//! external links. Each locale's `toc.yml` at the same place gives the
//! names, matched to the English entries by `href` (by position for
//! entries without one); an entry it lacks, or a locale without the file,
//! keeps the English name and is marked as a fallback. Elsewhere the tree
//! is made of the folders and the pages' titles. Problems with the files
//! are `toc` findings with file:line:column.

mod locale;
mod yaml;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::diag::{Diagnostic, Location, Rule, display_path};
use crate::load::Inventory;

use super::{PageUrl, Source, join_rel, parent_dir};
pub use yaml::Entry;

/// Where an entry leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Nowhere: a heading of its children.
    None,
    /// A page of the site, by page path (`etw/index.md`).
    Page(String),
    /// A URL out of the site.
    External(String),
}

/// One entry of the tree.
#[derive(Clone, Debug)]
pub struct Node {
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub target: Target,
    /// The name in each locale; `None` where the locale has none of its
    /// own (the English name is shown, marked). `names[0]` is always set.
    pub names: Vec<Option<String>>,
    /// `expanded: true` in the toc.yml: open in the full tree.
    pub expanded: bool,
    /// The entry comes from a toc.yml (not from the folders).
    pub from_file: bool,
}

/// The site's navigation tree.
#[derive(Clone, Debug, Default)]
pub struct Toc {
    /// Every entry; a parent comes before its children (pre-order).
    pub nodes: Vec<Node>,
    pub roots: Vec<usize>,
    /// The first entry of each page in tree order.
    page_node: HashMap<String, usize>,
    /// Pages in tree order, each once.
    order: Vec<String>,
    /// The place of each page in `order`.
    order_pos: HashMap<String, usize>,
    /// `toc` findings: (locale, diagnostic).
    pub findings: Vec<(usize, Diagnostic)>,
    /// True when some section's tree comes from a toc.yml.
    pub from_files: bool,
}

impl Toc {
    /// The name of `node` in `locale`, and whether it is the English
    /// fallback.
    pub fn name(&self, node: usize, locale: usize) -> (&str, bool) {
        let names = &self.nodes[node].names;
        match names.get(locale).and_then(Option::as_deref) {
            Some(n) => (n, false),
            None => (names[0].as_deref().unwrap_or(""), locale != 0),
        }
    }

    /// The entry of page `rel` (its first, in tree order).
    pub fn node_of(&self, rel: &str) -> Option<usize> {
        self.page_node.get(rel).copied()
    }

    /// The ancestors of `node`, the root first.
    pub fn ancestors(&self, node: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut at = self.nodes[node].parent;
        while let Some(p) = at {
            out.push(p);
            at = self.nodes[p].parent;
        }
        out.reverse();
        out
    }

    /// The pages before and after page `rel` in tree order.
    pub fn neighbours(&self, rel: &str) -> (Option<&str>, Option<&str>) {
        let Some(&i) = self.order_pos.get(rel) else {
            return (None, None);
        };
        let at = |j: usize| self.order.get(j).map(String::as_str);
        (i.checked_sub(1).and_then(at), at(i + 1))
    }

    /// The pages in tree order, each once.
    pub fn pages(&self) -> &[String] {
        &self.order
    }
}

/// An English toc.yml entry in the tree, for matching locale files.
struct Placed {
    /// Index path of the entry in its file (`[0, 3, 1]`).
    path: Vec<usize>,
    key: Option<String>,
    parent_key: Option<String>,
    node: usize,
    line: u32,
    column: u32,
}

struct Builder<'a> {
    root: &'a Path,
    config: &'a Config,
    urls: &'a BTreeMap<String, PageUrl>,
    sources: &'a BTreeMap<String, Arc<Source>>,
    /// toc files by (locale, path inside the locale folder).
    files: BTreeMap<(usize, String), PathBuf>,
    toc: Toc,
    /// Every English toc file used, with its entries as placed.
    placed: BTreeMap<String, Vec<Placed>>,
    /// Folders whose tree comes from a toc.yml.
    sections: Vec<(String, String)>,
}

/// Text of `href`/`topicHref` without `#fragment` or `?query`.
fn strip_fragment(href: &str) -> &str {
    href.find(['#', '?']).map_or(href, |i| &href[..i])
}

fn is_external(href: &str) -> bool {
    href.starts_with("//") || href.contains("://") || href.starts_with("mailto:")
}

fn is_toc_name(name: &str) -> bool {
    name == "toc.yml" || name == "toc.yaml"
}

/// What an `href` of the toc at folder `dir` names: its key (the page or
/// toc path it resolves to, or the URL).
fn key_of(dir: &str, href: &str) -> Option<String> {
    if is_external(href) {
        return Some(href.to_string());
    }
    let path = strip_fragment(href);
    let mut key = join_rel(dir, path)?;
    if path.ends_with('/') || path.is_empty() {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("toc.yml");
    }
    Some(key)
}

impl Builder<'_> {
    fn title(&self, rel: &str) -> String {
        self.sources
            .get(rel)
            .and_then(|s| s.page.front.title.clone())
            .unwrap_or_else(|| crate::load::fallback_title(rel))
    }

    fn add(&mut self, parent: Option<usize>, target: Target, name: String, expanded: bool) -> usize {
        let n = self.config.locales.len();
        let mut names = vec![None; n];
        names[0] = Some(name);
        let id = self.toc.nodes.len();
        self.toc.nodes.push(Node {
            parent,
            children: Vec::new(),
            target,
            names,
            expanded,
            from_file: false,
        });
        match parent {
            Some(p) => self.toc.nodes[p].children.push(id),
            None => self.toc.roots.push(id),
        }
        id
    }

    fn display(&self, locale: usize, rel: &str) -> String {
        match self.files.get(&(locale, rel.to_string())) {
            Some(p) => display_path(self.root, p),
            None => format!("content/{}/{rel}", self.config.locales[locale].code),
        }
    }

    /// Reads toc file `rel` of `locale`: `None` if the locale has none.
    fn read(&self, locale: usize, rel: &str) -> Option<Result<Vec<Entry>, Diagnostic>> {
        let path = self.files.get(&(locale, rel.to_string()))?;
        let display = display_path(self.root, path);
        let finding = |msg: String| Diagnostic::warning(Rule::Toc.code(), msg).at(Location::file(display.clone()));
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if size > self.config.limits.file_size {
            return Some(Err(finding(format!(
                "{display} is {size} bytes, over the limit of {} ([limits] file_size); it is not read",
                self.config.limits.file_size
            ))));
        }
        Some(match std::fs::read_to_string(path) {
            Ok(text) => yaml::parse(&crate::load::normalise(text).0, &display),
            Err(e) => Err(finding(format!("cannot read {display}: {e}"))),
        })
    }

    /// The English toc.yml of folder `dir` no other toc includes.
    fn root_toc(&self, dir: &str, nested: &HashSet<String>) -> Option<String> {
        ["toc.yml", "toc.yaml"]
            .map(|name| format!("{dir}{name}"))
            .into_iter()
            .find(|rel| self.files.contains_key(&(0, rel.clone())) && !nested.contains(rel))
    }

    /// The nodes of folder `dir` (`""` or ending in `/`) under `parent`.
    fn folder(
        &mut self,
        dir: &str,
        parent: Option<usize>,
        pages: &BTreeMap<String, Vec<String>>,
        dirs: &BTreeMap<String, BTreeSet<String>>,
        nested: &HashSet<String>,
    ) {
        if let Some(rel) = self.root_toc(dir, nested) {
            self.toc.from_files = true;
            self.sections.push((dir.to_string(), rel.clone()));
            let mut stack = vec![rel.clone()];
            self.toc_file(&rel, parent, &mut stack);
            return;
        }
        let index = format!("{dir}index.md");
        if dir.is_empty() && self.urls.contains_key(&index) {
            let t = self.title(&index);
            self.add(parent, Target::Page(index.clone()), t, false);
        }
        for rel in pages.get(dir).into_iter().flatten() {
            if *rel != index {
                let t = self.title(rel);
                self.add(parent, Target::Page(rel.clone()), t, false);
            }
        }
        for sub in dirs.get(dir).into_iter().flatten() {
            if self.root_toc(sub, nested).is_some() {
                // The toc's entries stand for the folder.
                self.folder(sub, parent, pages, dirs, nested);
                continue;
            }
            let sub_index = format!("{sub}index.md");
            let (target, name) = if self.urls.contains_key(&sub_index) {
                (Target::Page(sub_index.clone()), self.title(&sub_index))
            } else {
                let seg = sub.trim_end_matches('/').rsplit('/').next().unwrap_or(sub).to_string();
                (Target::None, seg)
            };
            let folder_name = matches!(target, Target::None).then(|| name.clone());
            let id = self.add(parent, target, name, false);
            if let Some(seg) = folder_name {
                // A folder's own name is the same in every locale.
                self.toc.nodes[id].names.iter_mut().for_each(|n| *n = Some(seg.clone()));
            }
            self.folder(sub, Some(id), pages, dirs, nested);
        }
    }

    /// Adds the entries of English toc file `rel` under `parent`.
    fn toc_file(&mut self, rel: &str, parent: Option<usize>, stack: &mut Vec<String>) {
        let entries = match self.read(0, rel) {
            Some(Ok(e)) => e,
            Some(Err(d)) => {
                self.toc.findings.push((0, d));
                return;
            }
            None => return,
        };
        let mut placed = Vec::new();
        self.entries(rel, &entries, parent, None, &mut Vec::new(), &mut placed, stack);
        self.placed.insert(rel.to_string(), placed);
    }

    #[allow(clippy::too_many_arguments)]
    fn entries(
        &mut self,
        file: &str,
        entries: &[Entry],
        parent: Option<usize>,
        parent_key: Option<&str>,
        path: &mut Vec<usize>,
        placed: &mut Vec<Placed>,
        stack: &mut Vec<String>,
    ) {
        let dir = parent_dir(file).to_string();
        let display = self.display(0, file);
        for (i, e) in entries.iter().enumerate() {
            path.push(i);
            let key = e.href.as_deref().and_then(|h| key_of(&dir, h));
            let place = |line: u32, column: u32| Location {
                file: display.clone(),
                line,
                column,
                len: 0,
            };
            let mut target = Target::None;
            let mut nested = None;
            if let (Some(href), Some(k)) = (e.href.as_deref(), key.as_deref()) {
                let name = k.rsplit('/').next().unwrap_or(k);
                if is_external(href) {
                    target = Target::External(href.to_string());
                } else if is_toc_name(name) {
                    nested = Some(k.to_string());
                } else if self.urls.contains_key(k) {
                    target = Target::Page(k.to_string());
                } else {
                    let what = if k.ends_with(".md") {
                        "a page that does not exist"
                    } else {
                        "neither a page (.md), a toc.yml nor a URL"
                    };
                    self.toc.findings.push((
                        0,
                        Diagnostic::warning(Rule::Toc.code(), format!("`{href}` points to {what} (`{k}`)"))
                            .at(place(e.href_at.0, e.href_at.1))
                            .help("fix the href (relative to this toc.yml's folder), or remove the entry"),
                    ));
                }
            }
            if let Some(topic) = e.topic_href.as_deref().and_then(|t| key_of(&dir, t))
                && matches!(target, Target::None)
                && self.urls.contains_key(&topic)
            {
                target = Target::Page(topic);
            }
            let name = e
                .name
                .clone()
                .or_else(|| match &target {
                    Target::Page(p) => Some(self.title(p)),
                    _ => None,
                })
                .unwrap_or_else(|| e.href.clone().unwrap_or_default());
            let id = self.add(parent, target, name, e.expanded);
            self.toc.nodes[id].from_file = true;
            placed.push(Placed {
                path: path.clone(),
                key: key.clone(),
                parent_key: parent_key.map(str::to_string),
                node: id,
                line: e.line,
                column: e.column,
            });
            if let Some(sub) = nested {
                if stack.contains(&sub) {
                    self.toc.findings.push((
                        0,
                        Diagnostic::warning(
                            Rule::Toc.code(),
                            format!("`{sub}` includes itself (through nested tocs)"),
                        )
                        .at(place(e.href_at.0, e.href_at.1))
                        .help("remove the reference that closes the loop"),
                    ));
                } else if self.files.contains_key(&(0, sub.clone())) {
                    stack.push(sub.clone());
                    self.toc_file(&sub, Some(id), stack);
                    stack.pop();
                } else {
                    self.toc.findings.push((
                        0,
                        Diagnostic::warning(
                            Rule::Toc.code(),
                            format!("`{}` points to no toc.yml (`{sub}`)", e.href.as_deref().unwrap_or("")),
                        )
                        .at(place(e.href_at.0, e.href_at.1))
                        .help("add the toc.yml, or point the href at a page"),
                    ));
                }
            }
            self.entries(file, &e.items, Some(id), key.as_deref(), path, placed, stack);
            path.pop();
        }
    }

    /// Pages of a toc.yml's section (its folder and below) the tree lacks.
    fn missing_pages(&mut self) {
        for (dir, file) in self.sections.clone() {
            let display = self.display(0, &file);
            let missing: Vec<String> = self
                .sources
                .keys()
                .filter(|rel| rel.starts_with(&dir) && self.urls.contains_key(*rel))
                .filter(|rel| !self.toc.page_node.contains_key(*rel))
                .cloned()
                .collect();
            for rel in missing {
                let href = &rel[dir.len()..];
                self.toc.findings.push((
                    0,
                    Diagnostic::warning(
                        Rule::Toc.code(),
                        format!("page `{href}` is not in the tree of {display}"),
                    )
                    .at(Location::file(display.clone()))
                    .help(format!(
                        "add an entry `- name: …` / `href: {href}`, or move the page out of this folder"
                    )),
                ));
            }
        }
    }

    fn number(&mut self) {
        let mut stack: Vec<usize> = self.toc.roots.iter().rev().copied().collect();
        while let Some(n) = stack.pop() {
            if let Target::Page(rel) = &self.toc.nodes[n].target
                && !self.toc.page_node.contains_key(rel)
            {
                self.toc.page_node.insert(rel.clone(), n);
                self.toc.order_pos.insert(rel.clone(), self.toc.order.len());
                self.toc.order.push(rel.clone());
            }
            stack.extend(self.toc.nodes[n].children.iter().rev());
        }
    }
}

/// Builds the tree of the site: toc.yml files (`inventory.tocs`) where the
/// English content has them, folders and titles elsewhere.
pub fn build(
    root: &Path,
    config: &Config,
    inventory: &Inventory,
    urls: &BTreeMap<String, PageUrl>,
    sources: &BTreeMap<String, Arc<Source>>,
) -> Toc {
    let files: BTreeMap<(usize, String), PathBuf> = inventory
        .tocs
        .iter()
        .map(|(l, rel, p)| ((*l, rel.clone()), p.clone()))
        .collect();
    let mut b = Builder {
        root,
        config,
        urls,
        sources,
        files,
        toc: Toc::default(),
        placed: BTreeMap::new(),
        sections: Vec::new(),
    };
    // Toc files another English toc file refers to are not roots.
    let mut nested = HashSet::new();
    let english: Vec<String> = b
        .files
        .keys()
        .filter(|(l, _)| *l == 0)
        .map(|(_, r)| r.clone())
        .collect();
    for rel in &english {
        if let Some(Ok(entries)) = b.read(0, rel) {
            let dir = parent_dir(rel);
            let mut todo: Vec<&Entry> = entries.iter().collect();
            while let Some(e) = todo.pop() {
                if let Some(k) = e
                    .href
                    .as_deref()
                    .filter(|h| !is_external(h))
                    .and_then(|h| key_of(dir, h))
                    && is_toc_name(k.rsplit('/').next().unwrap_or(&k))
                    && k != *rel
                {
                    nested.insert(k);
                }
                todo.extend(e.items.iter());
            }
        }
    }
    let mut pages: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut dirs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for rel in urls.keys() {
        let dir = parent_dir(rel);
        pages.entry(dir.to_string()).or_default().push(rel.clone());
        // Every folder on the way is a child of its parent.
        let mut d = dir;
        while !d.is_empty() {
            let up = parent_dir(&d[..d.len() - 1]);
            if !dirs.entry(up.to_string()).or_default().insert(d.to_string()) {
                break;
            }
            d = up;
        }
    }
    b.folder("", None, &pages, &dirs, &nested);
    b.number();
    b.missing_pages();
    for l in 1..config.locales.len() {
        let files: Vec<String> = b.placed.keys().cloned().collect();
        for file in files {
            locale::names(&mut b, l, &file);
        }
    }
    b.toc
        .findings
        .sort_by(|a, b| (a.0, &a.1.location).cmp(&(b.0, &b.1.location)));
    b.toc
}

#[cfg(test)]
mod tests;
