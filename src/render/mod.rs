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

pub mod event;
pub mod i18n;
pub mod markdown;
pub mod review;
pub mod site_pages;
pub mod templates;

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_bundle::FluentValue;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::align::{Counts, Status};
use crate::diag::{Diagnostic, Result};
use crate::segment::sxs::Piece;
use crate::site::{Site, Source, Translation, absolute_url, join_rel, parent_dir, relative_url};
use event::{EventProps, EventRow};
use markdown::{Fills, LinkResolver, RenderCtx, esc_attr, plain_text, render_document, render_inline};

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
}

#[derive(Serialize)]
struct Neighbour {
    title: String,
    url: String,
    /// Set when the link goes to another locale (the page is missing here).
    lang: Option<String>,
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

/// Resolves links of one page in one locale.
struct PageLinks<'a> {
    site: &'a Site,
    locale: usize,
    rel: &'a str,
    /// The page's output folder, relative to the output root.
    out_dir: String,
}

impl LinkResolver for PageLinks<'_> {
    fn outside(&self, dest: &str) -> Option<String> {
        let base = self.site.config.markdown.upstream_url.as_ref()?;
        let code = self.site.config.locales[self.locale].code.to_lowercase();
        let mut base = base.replace("{locale}", &code);
        if !base.ends_with('/') {
            base.push('/');
        }
        let base = url::Url::parse(&base).ok()?;
        let (path, frag) = match dest.find(['#', '?']) {
            Some(i) => (&dest[..i], &dest[i..]),
            None => (dest, ""),
        };
        let path = path.strip_suffix(".md").unwrap_or(path);
        let url = if path.starts_with('/') {
            base.join(path).ok()?
        } else {
            base.join(parent_dir(self.rel))
                .and_then(|folder| folder.join(path))
                .ok()?
        };
        Some(format!("{url}{frag}"))
    }

    fn resolve(&self, dest: &str) -> Option<String> {
        let (path, frag) = match dest.find(['#', '?']) {
            Some(i) => (&dest[..i], &dest[i..]),
            None => (dest, ""),
        };
        let path = percent_decode(path);
        let target = join_rel(parent_dir(self.rel), &path)?;
        let code = |l: usize| self.site.config.locales[l].code.as_str();
        if target.ends_with(".md") {
            let url = self.site.urls.get(&target)?;
            // The same locale when it has the page, else the source locale.
            let locale = if self.site.has_page(&target, self.locale) {
                self.locale
            } else {
                0
            };
            if !self.site.has_page(&target, locale) {
                return None;
            }
            let mut to = format!("{}/{}", code(locale), url.dir);
            if !self.site.config.build.pretty_urls {
                to.push_str("index.html");
            }
            return Some(relative_url(&self.out_dir, &to) + frag);
        }
        let exists = self
            .site
            .inventory
            .assets
            .iter()
            .any(|(l, r, _)| r == &target && (*l == self.locale || *l == 0));
        exists.then(|| relative_url(&self.out_dir, &format!("{}/{}", code(self.locale), target)) + frag)
    }

    fn include(&self, name: &str, path: &str) -> Option<String> {
        self.site.include_text(self.locale, self.rel, name, path)
    }
}

/// `s` with its `%XX` escapes decoded; `s` itself when they do not decode
/// to UTF-8.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map_or_else(|_| s.to_string(), |d| d.into_owned())
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
        }
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
    /// the event index for event pages, the page.
    fn breadcrumbs(&self, locale: usize, out_dir: &str, title: &str, is_event: bool) -> Vec<Crumb> {
        let code = &self.site.config.locales[locale].code;
        let home = self.link(relative_url(out_dir, &format!("{code}/")));
        let mut out = vec![Crumb {
            title: self.i18n.get(locale, "site-home"),
            url: home.clone(),
        }];
        if is_event {
            out.push(Crumb {
                title: self.i18n.get(locale, "event-index"),
                url: format!("{home}#events"),
            });
        }
        out.push(Crumb {
            title: title.to_string(),
            url: String::new(),
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
            let has = self.site.has_page(rel, i);
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
        let is_event = self.index.event_pos.contains_key(rel);
        ctx.insert("breadcrumbs", &self.breadcrumbs(locale, &out_dir, title, is_event));
        let (prev, next) = self.neighbours(rel, locale, &out_dir);
        ctx.insert("prev", &prev);
        ctx.insert("next", &next);
        (ctx, out_dir)
    }

    fn render_ctx<'a>(&'a self, links: &'a PageLinks<'a>, locale: usize) -> RenderCtx<'a> {
        let mut rctx = RenderCtx::new(
            links,
            self.site.config.markdown.xref_url.as_deref(),
            &self.index.alert_labels[locale],
        );
        rctx.outside_label = self.i18n.get(locale, "link-outside");
        rctx.max_depth = self.site.config.limits.nesting_depth;
        rctx
    }

    fn finish(&self, template: &str, mut ctx: Context, body: String, page: &RenderedParts) -> Result<String> {
        ctx.insert("body", &body);
        ctx.insert("is_source", &page.is_source);
        ctx.insert("machine_translated", &page.machine_translated);
        ctx.insert("front", &page.front);
        ctx.insert("status", &page.status);
        self.templates.render(template, &ctx)
    }

    /// Renders the source page `rel`.
    pub fn source_page(&self, rel: &str, src: &Source) -> Result<RenderedPage> {
        let title = page_title(src, None, rel);
        let description = src
            .page
            .front
            .description
            .clone()
            .or_else(|| event::first_paragraph(src, None));
        let (ctx, out_dir) = self.page_context(rel, 0, &title, description.as_deref());
        let links = PageLinks {
            site: self.site,
            locale: 0,
            rel,
            out_dir,
        };
        let rctx = self.render_ctx(&links, 0);
        let mut fills = Fills::default();
        let body = render_document(src.page.body(), &src.doc.heading_ids, &rctx, &mut fills, false);
        let parts = RenderedParts {
            is_source: true,
            machine_translated: false,
            front: &src.page.front.fields,
            status: None,
        };
        let html = self.finish("page.html", ctx, body, &parts)?;
        let event = self.event_props(rel).map(|p| event::event_row(src, p, None, &title));
        Ok(RenderedPage {
            html,
            title,
            counts: None,
            event,
            warnings: render_warnings(&rctx, &src.page.src),
        })
    }

    /// Renders translation `tr` of page `rel`: from its source's structure
    /// when it has one, from its own Markdown otherwise.
    pub fn translated_page(&self, rel: &str, src: Option<&Source>, tr: &Translation) -> Result<RenderedPage> {
        let locale = tr.page.locale;
        let title = match src {
            Some(s) => page_title(s, Some(&tr.page.front), rel),
            None => tr
                .page
                .front
                .title
                .clone()
                .unwrap_or_else(|| rel.trim_end_matches(".md").to_string()),
        };
        // The page's own description, else its first paragraph in its
        // language; never the English description.
        let aligned = match (src, &tr.alignment) {
            (Some(s), Some(al)) => Some((s, al)),
            _ => None,
        };
        let description = tr
            .page
            .front
            .description
            .clone()
            .or_else(|| aligned.and_then(|(s, al)| event::first_paragraph(s, Some((tr, al)))));
        let (ctx, out_dir) = self.page_context(rel, locale, &title, description.as_deref());
        let links = PageLinks {
            site: self.site,
            locale,
            rel,
            out_dir,
        };
        let rctx = self.render_ctx(&links, locale);
        let (body, counts) = match (src, &tr.alignment) {
            (Some(src), Some(al)) => {
                let body = self.aligned_body(src, tr, al, &rctx);
                (body, Some(al.counts()))
            }
            _ => (self.standalone_body(tr, &rctx), None),
        };
        let status = counts.map(|c| self.status(locale, &c));
        let parts = RenderedParts {
            is_source: false,
            machine_translated: tr
                .page
                .front
                .translation_type
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case("MT")),
            front: &tr.page.front.fields,
            status: status.as_ref(),
        };
        let html = self.finish("page.html", ctx, body, &parts)?;
        let mut warnings = render_warnings(&rctx, &tr.page.src);
        if src.is_none() {
            warnings.push(
                Diagnostic::warning(
                    "orphan-page",
                    format!(
                        "no {} source page for this translation; it is rendered from its own text",
                        self.site.config.source_locale
                    ),
                )
                .at(tr.page.src.location(0))
                .help(format!(
                    "add content/{}/{rel}, or remove the translation if the page was deleted",
                    self.site.config.source_locale
                )),
            );
        }
        let event = aligned.and_then(|(s, al)| {
            self.event_props(rel)
                .map(|p| event::event_row(s, p, Some((tr, al)), &title))
        });
        Ok(RenderedPage {
            html,
            title,
            counts,
            event,
            warnings,
        })
    }

    fn status(&self, locale: usize, c: &Counts) -> Status_ {
        let coverage = c.coverage().floor() as u32;
        let summary = self.i18n.format(
            locale,
            "translation-status",
            &[("percent", FluentValue::from(coverage.to_string()))],
        );
        let english_text = if c.missing > 0 {
            self.i18n.format(
                locale,
                "segments-in-english",
                &[("count", FluentValue::from(c.missing))],
            )
        } else {
            String::new()
        };
        Status_ {
            translated: c.translated,
            untranslated: c.untranslated,
            stale: c.stale,
            missing: c.missing,
            orphaned: c.orphaned,
            coverage,
            summary,
            english_text,
        }
    }

    /// The English source with every unit replaced by its fill.
    fn aligned_body(&self, src: &Source, tr: &Translation, al: &crate::align::Alignment, rctx: &RenderCtx) -> String {
        let en = src.page.src.text.as_str();
        let page = tr.page.src.text.as_str();
        let locale = tr.page.locale;
        let source_lang = &self.site.config.locales[0].code;
        let missing_title = esc_attr(&self.i18n.get(locale, "segment-missing"));
        let stale_title = esc_attr(&self.i18n.get(locale, "segment-stale"));
        let stale_marker = markdown::esc_text(&self.i18n.get(locale, "stale-marker"));
        let mut fills = Fills::default();
        let mut skeleton = String::with_capacity(en.len() - src.page.body_start + al.units.len() * 8);
        let mut pos = src.page.body_start;
        for (k, u) in al.units.iter().enumerate() {
            if u.range.start < pos {
                continue;
            }
            skeleton.push_str(&en[pos..u.range.start]);
            match u.status {
                Status::Missing => {
                    let open = format!(
                        "<span class=\"seg seg-missing\" data-u=\"{k}\" lang=\"{source_lang}\" title=\"{missing_title}\">"
                    );
                    skeleton.push_str(&fills.add(open, String::new()));
                    skeleton.push_str(&en[u.range.clone()]);
                    skeleton.push_str(&fills.add("</span>".into(), String::new()));
                }
                status => {
                    let tr_md: Vec<&str> = u.segments.iter().map(|&s| tr.sxs.segments[s].text(page)).collect();
                    let tr_html: Vec<String> = tr_md.iter().map(|m| render_inline(m, rctx, true)).collect();
                    let tr_html = tr_html.join(" ");
                    let tr_plain = tr_md.iter().map(|m| plain_text(m)).collect::<Vec<_>>().join(" ");
                    let html = if status == Status::Untranslated {
                        format!("<span class=\"seg seg-untranslated\" data-u=\"{k}\">{tr_html}</span>")
                    } else {
                        let en_md = &en[u.range.clone()];
                        let en_html = render_inline(en_md, rctx, false);
                        let en_plain = plain_text(en_md);
                        let flag = if status == Status::Stale {
                            format!("<small class=\"seg-flag\" title=\"{stale_title}\">[{stale_marker}]</small>")
                        } else {
                            String::new()
                        };
                        format!(
                            "<span class=\"seg seg-{}\" data-u=\"{k}\" title=\"{}\">{tr_html}<span class=\"seg-en\" lang=\"{source_lang}\">{en_html}</span>{flag}</span>",
                            status.as_str(),
                            esc_attr(&en_plain)
                        )
                    };
                    skeleton.push_str(&fills.add(html, tr_plain));
                }
            }
            pos = u.range.end;
        }
        skeleton.push_str(&en[pos..]);
        render_document(&skeleton, &src.doc.heading_ids, rctx, &mut fills, false)
    }

    /// A translation without a source page: its own Markdown, each segment
    /// replaced by its translation, everything sanitised.
    fn standalone_body(&self, tr: &Translation, rctx: &RenderCtx) -> String {
        let page = tr.page.src.text.as_str();
        let mut fills = Fills::default();
        let mut skeleton = String::with_capacity(page.len());
        for piece in tr.sxs.pieces(tr.page.body_start, page.len()) {
            match piece {
                Piece::Plain(r) => skeleton.push_str(&page[r]),
                Piece::Segment(i) => {
                    let md = tr.sxs.segments[i].text(page);
                    let html = format!(
                        "<span class=\"seg seg-translated\">{}</span>",
                        render_inline(md, rctx, true)
                    );
                    skeleton.push_str(&fills.add(html, plain_text(md)));
                }
            }
        }
        let body = &skeleton;
        let ids = heading_ids_of(body);
        render_document(body, &ids, rctx, &mut fills, true)
    }
}

struct RenderedParts<'a> {
    is_source: bool,
    machine_translated: bool,
    front: &'a indexmap::IndexMap<String, serde_json::Value>,
    status: Option<&'a Status_>,
}

/// The title of a page: the translation's front matter title, else the
/// source's, else its file name.
fn page_title(src: &Source, tr: Option<&crate::load::FrontMatter>, rel: &str) -> String {
    tr.and_then(|f| f.title.clone())
        .or_else(|| src.page.front.title.clone())
        .unwrap_or_else(|| {
            rel.rsplit('/')
                .next()
                .unwrap_or(rel)
                .trim_end_matches(".md")
                .to_string()
        })
}

/// Heading anchors of a Markdown text, as the source parser makes them.
fn heading_ids_of(md: &str) -> Vec<String> {
    crate::segment::source::parse(md, 0).heading_ids
}

fn render_warnings(rctx: &RenderCtx, file: &crate::diag::SourceText) -> Vec<Diagnostic> {
    let links = rctx.broken_links.borrow();
    let includes = rctx.missing_includes.borrow();
    let mut out = Vec::new();
    if rctx.too_deep.get() {
        out.push(
            Diagnostic::warning(
                crate::diag::Rule::Limit.code(),
                format!(
                    "raw HTML in this page nests deeper than the limit of {} ([limits] nesting_depth); it is shown as text",
                    rctx.max_depth
                ),
            )
            .at(file.location(0))
            .help("close the elements, or raise nesting_depth under [limits] in site.toml"),
        );
    }
    if links.is_empty() && includes.is_empty() {
        return out;
    }
    let needles: Vec<&str> = links
        .iter()
        .map(String::as_str)
        .chain(includes.iter().map(|(_, path)| path.as_str()))
        .collect();
    let found = first_occurrences(&file.text, &needles);
    // Points at the first place the text occurs in the page, else at the file.
    let mut places = needles.iter().zip(found).map(|(needle, at)| match at {
        Some(off) => (off, needle.len()),
        None => (usize::MAX, 0),
    });
    let mut at = |d: Diagnostic| match places.next() {
        Some((off, len)) if off != usize::MAX => d.at_offset(file, off, len),
        _ => d.at(file.location(0)),
    };
    for l in links.iter() {
        out.push(at(Diagnostic::warning(
            "broken-link",
            format!("link target `{l}` is not a page or file of the site"),
        )
        .help(
            "fix the path (it is relative to this page's folder) or link to the published URL",
        )));
    }
    for (name, path) in includes.iter() {
        out.push(at(Diagnostic::warning(
            "include",
            format!("include `{name}` ({path}) was not found; its name is shown instead"),
        )
        .help(format!(
            "add the file, or give its text in site.toml: [includes] {name} = \"...\""
        ))));
    }
    out
}

/// The first byte offset of each needle in `text`, in one pass over the
/// text however many needles there are (a page with thousands of broken
/// links would otherwise be searched thousands of times).
fn first_occurrences(text: &str, needles: &[&str]) -> Vec<Option<usize>> {
    let mut unique: Vec<&str> = needles.iter().copied().filter(|n| !n.is_empty()).collect();
    unique.sort_unstable();
    unique.dedup();
    let mut first: Vec<Option<usize>> = vec![None; unique.len()];
    let automaton = (unique.len() > 2)
        .then(|| aho_corasick::AhoCorasick::new(&unique).ok())
        .flatten();
    if let Some(ac) = automaton {
        let mut left = unique.len();
        for m in ac.find_overlapping_iter(text) {
            let slot = &mut first[m.pattern().as_usize()];
            if slot.is_none() {
                *slot = Some(m.start());
                left -= 1;
                if left == 0 {
                    break;
                }
            }
        }
    } else {
        for (slot, n) in first.iter_mut().zip(&unique) {
            *slot = text.find(n);
        }
    }
    needles
        .iter()
        .map(|n| match unique.binary_search(n) {
            Ok(k) => first[k],
            Err(_) => Some(0), // the empty needle
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{first_occurrences, percent_decode};

    #[test]
    fn link_paths_are_percent_decoded_only_where_that_gives_text() {
        assert_eq!(percent_decode("a%20b.md"), "a b.md");
        assert_eq!(percent_decode("caf%C3%A9.md"), "café.md");
        assert_eq!(percent_decode("100%.md"), "100%.md");
        assert_eq!(percent_decode("%ZZ.md"), "%ZZ.md");
        assert_eq!(percent_decode("%FF.md"), "%FF.md", "not UTF-8: kept as written");
    }

    #[test]
    fn first_occurrences_finds_each_needle_once_in_one_pass() {
        let text = "see b.md and ../a.md, then a.md and c.md; a.md again";
        let needles = ["a.md", "../a.md", "c.md", "zz.md", "a.md", "", "b.md"];
        let naive: Vec<Option<usize>> = needles.iter().map(|n| text.find(n)).collect();
        assert_eq!(first_occurrences(text, &needles), naive);
        assert_eq!(first_occurrences(text, &["c.md"]), vec![text.find("c.md")]);
        assert_eq!(first_occurrences(text, &[]), Vec::<Option<usize>>::new());
    }
}
