//! Render: turn pages into HTML.
//!
//! Every locale page is rendered from its English source page's structure:
//! each unit of source text is replaced by its translation (or kept in
//! English, marked, when missing), so a partial or stale translation never
//! drops content. Translated units carry their English original (a `title`
//! for hover and a hidden span the "show English original" toggle reveals).
//! Pages without an English source are rendered from their own Markdown.
//!
//! - [`markdown`]: Markdown → HTML, links, includes, sanitising.
//! - [`i18n`]: Fluent UI strings.
//! - [`templates`]: Tera templates and theme assets.

pub mod dashboard;
pub mod event;
pub mod home;
pub mod i18n;
mod links;
pub mod markdown;
mod page;
pub mod review;
pub mod site_pages;
pub mod templates;
mod toc;

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_bundle::FluentValue;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::align::{Counts, Status};
use crate::diag::{Diagnostic, Result};
use crate::segment::sxs::Piece;
use crate::site::{Site, Source, Translation, absolute_url, relative_url};
use event::{EventProps, EventRow};
use links::PageLinks;
use markdown::{Fills, RenderCtx, esc_attr, plain_text, render_document, render_inline};
use page::page_title;

pub use i18n::I18n;
pub use templates::Templates;

/// A rendered page and what rendering it found.
#[derive(Debug)]
pub struct RenderedPage {
    pub html: String,
    pub title: String,
    /// Unit counts (translations only).
    pub counts: Option<Counts>,
    /// The page's row in the event index (event pages only).
    pub event: Option<EventRow>,
    pub warnings: Vec<Diagnostic>,
}

/// A page as listed on index pages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageSummary {
    pub rel: String,
    pub locale: usize,
    pub title: String,
    pub counts: Option<Counts>,
    /// The page's row in the event index, in its locale (event pages only).
    pub event: Option<EventRow>,
}

/// Everything needed to render pages of one site. Cheap to make: it
/// borrows the site, its UI strings and its templates.
pub struct Renderer<'s> {
    pub site: &'s Site,
    pub i18n: &'s I18n,
    pub templates: &'s Templates,
    /// What every page needs to know about the whole site.
    pub index: Cow<'s, SiteIndex>,
    /// Which locales this build writes (by index); links to the others are
    /// left out, so a partial build (`--locale`) has no dangling link.
    built: Vec<bool>,
}

/// What the renderer derives from the whole site once: UI strings as
/// template values, the event order (previous/next links, the event
/// index) and the generated pages' folders. The preview keeps one and
/// renews it only when an English page changes.
#[derive(Clone, Debug)]
pub struct SiteIndex {
    ui: Vec<tera::Value>,
    site_value: tera::Value,
    alert_labels: Vec<[String; 5]>,
    /// Event pages (those with a properties table), in event ID order.
    pub events: Vec<(String, EventProps)>,
    event_pos: HashMap<String, usize>,
    /// "4031 DispatchSessionFailed", for previous/next links.
    event_labels: Vec<String>,
    /// Folders of the generated pages inside a locale.
    pub dirs: site_pages::Dirs,
}

#[derive(Serialize)]
struct Crumb {
    title: String,
    url: String,
    /// Set when the title is an English fallback (a name the locale's
    /// toc.yml lacks).
    title_lang: Option<NameLang>,
}

#[derive(Serialize)]
struct Neighbour {
    title: String,
    url: String,
    /// Set when the link goes to another locale (the page is missing here).
    lang: Option<String>,
    /// Set when the title is an English fallback (a name the locale's
    /// toc.yml lacks).
    title_lang: Option<NameLang>,
}

/// The language of a name shown in the source locale's words on a page of
/// another locale: its `lang`, and its `dir` where the page is written the
/// other way (the name is then isolated in its own direction).
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
struct NameLang {
    lang: String,
    dir: Option<crate::config::TextDirection>,
}

impl NameLang {
    /// ` lang="…"` and maybe ` dir="…"`, for HTML written by hand.
    fn attrs(&self) -> String {
        match self.dir {
            Some(d) => format!(" lang=\"{}\" dir=\"{}\"", markdown::esc_attr(&self.lang), d.as_str()),
            None => format!(" lang=\"{}\"", markdown::esc_attr(&self.lang)),
        }
    }
}

/// Links every page's header and footer have.
#[derive(Serialize)]
struct Nav {
    /// The locale's home page (with the event index).
    home: String,
    /// The event table on the home page, if the site has events.
    events: Option<String>,
    /// The language chooser at the root.
    languages: String,
    search: Option<String>,
    status: String,
}

#[derive(Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
}

#[derive(Serialize)]
struct Language<'a> {
    code: &'a str,
    name: &'a str,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct Alternate {
    hreflang: String,
    href: String,
}

#[derive(Serialize)]
struct Status_ {
    translated: usize,
    untranslated: usize,
    stale: usize,
    missing: usize,
    orphaned: usize,
    coverage: u32,
    summary: String,
    english_text: String,
}

fn to_value<T: Serialize>(v: &T) -> tera::Value {
    tera::Value::from_serializable(v)
}

impl SiteIndex {
    pub fn new(site: &Site, i18n: &I18n) -> SiteIndex {
        let n = site.config.locales.len();
        let ui = (0..n).map(|l| to_value(&i18n.ui_map(l))).collect();
        let alert_labels = (0..n).map(|l| i18n.alert_labels(l)).collect();
        let site_value = to_value(&SiteInfo {
            title: &site.config.title,
            description: site.config.description.as_deref().unwrap_or(""),
            base_url: &site.config.base_url,
        });
        let mut events: Vec<(String, EventProps)> = site
            .sources
            .iter()
            .filter(|(rel, _)| site.urls.contains_key(*rel))
            .filter_map(|(rel, src)| event::properties(src).map(|p| (rel.clone(), p)))
            .collect();
        events.sort_by(|(ra, a), (rb, b)| {
            (a.id_num.is_none(), a.id_num, &a.id, ra).cmp(&(b.id_num.is_none(), b.id_num, &b.id, rb))
        });
        let event_pos = events
            .iter()
            .enumerate()
            .map(|(i, (rel, _))| (rel.clone(), i))
            .collect();
        let event_labels = events
            .iter()
            .map(|(rel, p)| {
                let title = site
                    .sources
                    .get(rel)
                    .map(|s| page_title(s, None, rel))
                    .unwrap_or_default();
                format!("{} {}", p.id, event::event_name(&title, &p.id))
            })
            .collect();
        let dirs = site_pages::Dirs::new(site);
        SiteIndex {
            ui,
            site_value,
            alert_labels,
            events,
            event_pos,
            event_labels,
            dirs,
        }
    }
}

impl<'s> Renderer<'s> {
    pub fn new(site: &'s Site, i18n: &'s I18n, templates: &'s Templates) -> Renderer<'s> {
        Renderer::with_index(site, i18n, templates, Cow::Owned(SiteIndex::new(site, i18n)))
    }

    /// A renderer with an index made earlier (by [`SiteIndex::new`] for
    /// the same site and UI strings).
    pub fn with_index(
        site: &'s Site,
        i18n: &'s I18n,
        templates: &'s Templates,
        index: Cow<'s, SiteIndex>,
    ) -> Renderer<'s> {
        Renderer {
            site,
            i18n,
            templates,
            index,
            built: vec![true; site.config.locales.len()],
        }
    }

    /// The same renderer for a build of `locales` only: the switcher marks
    /// the others unavailable and no `hreflang` alternate names them.
    pub fn for_locales(mut self, locales: &[usize]) -> Self {
        self.built = (0..self.site.config.locales.len())
            .map(|l| locales.contains(&l))
            .collect();
        self
    }

    /// Whether this build writes `locale`.
    pub fn builds(&self, locale: usize) -> bool {
        self.built.get(locale).copied().unwrap_or(false)
    }

    /// The event properties of page `rel`, if it is an event page.
    pub fn event_props(&self, rel: &str) -> Option<&EventProps> {
        self.index.event_pos.get(rel).map(|&i| &self.index.events[i].1)
    }

    /// The output file of page `rel` in `locale`, relative to the output root.
    pub fn output_path(&self, rel: &str, locale: usize) -> Option<String> {
        let url = self.site.urls.get(rel)?;
        Some(format!(
            "{}/{}index.html",
            self.site.config.locales[locale].code, url.dir
        ))
    }

    fn link(&self, url: String) -> String {
        if self.site.config.build.pretty_urls || url.ends_with(".html") {
            url
        } else if url.ends_with('/') {
            url + "index.html"
        } else {
            url
        }
    }

    fn base_context(&self, locale: usize, out_dir: &str) -> Context {
        let l = &self.site.config.locales[locale];
        let mut ctx = Context::new();
        ctx.insert_value("site", self.index.site_value.clone());
        ctx.insert_value("ui", self.index.ui[locale].clone());
        ctx.insert("lang", &l.code);
        ctx.insert("dir", &l.dir);
        ctx.insert("locale_name", &l.name);
        ctx.insert("root", &relative_url(out_dir, ""));
        let home = self.link(relative_url(out_dir, &format!("{}/", l.code)));
        ctx.insert("home", &home);
        ctx.insert("description", "");
        ctx.insert("robots", "");
        let nav = Nav {
            events: (!self.index.events.is_empty()).then(|| format!("{home}#events")),
            home,
            languages: self.link(relative_url(out_dir, "")),
            search: self
                .site
                .config
                .build
                .search
                .then(|| self.link(relative_url(out_dir, &self.index.dirs.search(self.site, locale)))),
            status: self.link(relative_url(out_dir, &self.index.dirs.status(self.site, locale))),
        };
        ctx.insert("nav", &nav);
        ctx.insert("breadcrumbs", &Vec::<Crumb>::new());
        ctx.insert("canonical", "");
        ctx.insert("alternates", &Vec::<Alternate>::new());
        ctx.insert("languages", &Vec::<Language>::new());
        ctx
    }

    /// Breadcrumbs of a page of `locale` titled `title`: the locale's home,
    /// the event index for event pages (`event`: the page's row in it,
    /// so that the link goes to the index page that lists it), the page.
    fn breadcrumbs(&self, locale: usize, out_dir: &str, title: &str, event: Option<usize>) -> Vec<Crumb> {
        let code = &self.site.config.locales[locale].code;
        let home = self.link(relative_url(out_dir, &format!("{code}/")));
        let mut out = vec![Crumb {
            title: self.i18n.get(locale, "site-home"),
            url: home.clone(),
            title_lang: None,
        }];
        if let Some(row) = event {
            let k = self.site.config.build.event_page_of(row);
            let index = if k == 1 {
                home
            } else {
                self.link(relative_url(out_dir, &self.home_dir(locale, k)))
            };
            out.push(Crumb {
                title: self.i18n.get(locale, "event-index"),
                url: format!("{index}#events"),
                title_lang: None,
            });
        }
        out.push(Crumb {
            title: title.to_string(),
            url: String::new(),
            title_lang: None,
        });
        out
    }

    /// The previous and next event of event page `rel`, in this locale when
    /// it has them, else in the source locale.
    fn neighbours(&self, rel: &str, locale: usize, out_dir: &str) -> (Option<Neighbour>, Option<Neighbour>) {
        let Some(&i) = self.index.event_pos.get(rel) else {
            return (None, None);
        };
        let at = |j: usize| -> Option<Neighbour> {
            let (other, _) = self.index.events.get(j)?;
            let url = self.site.urls.get(other)?;
            let l = if self.site.has_page(other, locale) { locale } else { 0 };
            let code = &self.site.config.locales[l].code;
            Some(Neighbour {
                title: self.index.event_labels[j].clone(),
                url: self.link(relative_url(out_dir, &format!("{code}/{}", url.dir))),
                lang: (l != locale).then(|| code.clone()),
                title_lang: None,
            })
        };
        (i.checked_sub(1).and_then(at), at(i + 1))
    }

    /// The switcher entries and hreflang alternates of page `rel`.
    fn languages(&self, rel: &str, locale: usize, out_dir: &str) -> (Vec<Language<'_>>, Vec<Alternate>) {
        let cfg = &self.site.config;
        let Some(url) = self.site.urls.get(rel) else {
            return (Vec::new(), Vec::new());
        };
        let mut langs = Vec::new();
        let mut alts = Vec::new();
        for (i, l) in cfg.locales.iter().enumerate() {
            let has = self.builds(i) && self.site.has_page(rel, i);
            let to = format!("{}/{}", l.code, url.dir);
            langs.push(Language {
                code: &l.code,
                name: &l.name,
                url: if has {
                    self.link(relative_url(out_dir, &to))
                } else {
                    String::new()
                },
                current: i == locale,
            });
            if has {
                alts.push(Alternate {
                    hreflang: l.code.clone(),
                    href: absolute_url(&cfg.base_url, &to),
                });
            }
        }
        if let Some(first) = alts.first() {
            alts.push(Alternate {
                hreflang: "x-default".into(),
                href: first.href.clone(),
            });
        }
        (langs, alts)
    }

    fn page_context(&self, rel: &str, locale: usize, title: &str, description: Option<&str>) -> (Context, String) {
        let url = self.site.urls.get(rel).map_or("", |u| u.dir.as_str());
        let code = &self.site.config.locales[locale].code;
        let out_dir = format!("{code}/{url}");
        let mut ctx = self.base_context(locale, &out_dir);
        let (langs, alts) = self.languages(rel, locale, &out_dir);
        ctx.insert("languages", &langs);
        ctx.insert("alternates", &alts);
        ctx.insert("canonical", &absolute_url(&self.site.config.base_url, &out_dir));
        ctx.insert("title", title);
        if let Some(d) = description {
            ctx.insert("description", d);
        }
        ctx.insert("source_path", &format!("content/{code}/{rel}"));
        // Its row in the event index: every locale's index lists every
        // event in this order (one the locale lacks from the source locale).
        let event = self.index.event_pos.get(rel).copied();
        ctx.insert("breadcrumbs", &self.breadcrumbs(locale, &out_dir, title, event));
        let (prev, next) = self.neighbours(rel, locale, &out_dir);
        ctx.insert("prev", &prev);
        ctx.insert("next", &next);
        // The navigation tree: sidebar, breadcrumbs and previous/next in
        // tree order (templates/toc.html, toc_pager.html).
        ctx.insert("toc", &self.sidebar(rel, locale, &out_dir));
        ctx.insert("toc_prev", &None::<Neighbour>);
        ctx.insert("toc_next", &None::<Neighbour>);
        // An event page of a tree made from the folders keeps the event
        // index as its parent and the event order.
        let from_toc = self
            .site
            .toc
            .node_of(rel)
            .is_some_and(|n| self.site.toc.nodes[n].from_file || event.is_none());
        if let Some(crumbs) = self.tree_breadcrumbs(rel, locale, &out_dir, title).filter(|_| from_toc) {
            ctx.insert("breadcrumbs", &crumbs);
        }
        if let Some((prev, next)) = self.tree_neighbours(rel, locale, &out_dir).filter(|_| from_toc) {
            ctx.insert("prev", &None::<Neighbour>);
            ctx.insert("next", &None::<Neighbour>);
            ctx.insert("toc_prev", &prev);
            ctx.insert("toc_next", &next);
        }
        (ctx, out_dir)
    }

    fn render_ctx<'a>(&'a self, links: &'a PageLinks<'a>, locale: usize) -> RenderCtx<'a> {
        let mut rctx = RenderCtx::new(
            links,
            self.site.config.markdown.xref_url.as_deref(),
            &self.index.alert_labels[locale],
        );
        rctx.outside_label = self.i18n.get(locale, "link-outside");
        rctx.set_limits(&self.site.config.limits);
        rctx.source_lang = self.site.config.locales[0].code.clone();
        rctx.code_missing_label = self.i18n.get(locale, "code-sample-missing");
        rctx.video_label = self.i18n.get(locale, "video-link");
        rctx
    }
}
