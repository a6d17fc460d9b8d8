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

pub mod i18n;
pub mod markdown;
pub mod review;
pub mod templates;

use fluent_bundle::FluentValue;
use serde::Serialize;
use tera::Context;

use crate::align::{Counts, Status};
use crate::diag::{Diagnostic, Result};
use crate::segment::sxs::Piece;
use crate::site::{Site, Source, Translation, join_rel, parent_dir, relative_url};
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
    pub warnings: Vec<Diagnostic>,
}

/// A page as listed on index pages.
#[derive(Clone, Debug, Serialize)]
pub struct PageSummary {
    pub rel: String,
    pub locale: usize,
    pub title: String,
    pub counts: Option<Counts>,
}

/// Everything needed to render pages of one site. Cheap to make: it
/// borrows the site, its UI strings and its templates.
pub struct Renderer<'s> {
    pub site: &'s Site,
    pub i18n: &'s I18n,
    pub templates: &'s Templates,
    ui: Vec<tera::Value>,
    site_value: tera::Value,
    alert_labels: Vec<[String; 5]>,
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

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

fn to_value<T: Serialize>(v: &T) -> tera::Value {
    tera::Value::from_serializable(v)
}

impl<'s> Renderer<'s> {
    pub fn new(site: &'s Site, i18n: &'s I18n, templates: &'s Templates) -> Renderer<'s> {
        let n = site.config.locales.len();
        let ui = (0..n).map(|l| to_value(&i18n.ui_map(l))).collect();
        let alert_labels = (0..n).map(|l| i18n.alert_labels(l)).collect();
        let site_value = to_value(&SiteInfo {
            title: &site.config.title,
            description: site.config.description.as_deref().unwrap_or(""),
            base_url: &site.config.base_url,
        });
        Renderer {
            site,
            i18n,
            templates,
            ui,
            site_value,
            alert_labels,
        }
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
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert_value("ui", self.ui[locale].clone());
        ctx.insert("lang", &l.code);
        ctx.insert("dir", &l.dir);
        ctx.insert("locale_name", &l.name);
        ctx.insert("root", &relative_url(out_dir, ""));
        ctx.insert("home", &self.link(relative_url(out_dir, &format!("{}/", l.code))));
        ctx.insert("description", "");
        ctx
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
                    href: format!("{}{to}", cfg.base_url),
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
        ctx.insert("canonical", &format!("{}{out_dir}", self.site.config.base_url));
        ctx.insert("title", title);
        if let Some(d) = description {
            ctx.insert("description", d);
        }
        ctx.insert("source_path", &format!("content/{code}/{rel}"));
        (ctx, out_dir)
    }

    fn render_ctx<'a>(&'a self, links: &'a PageLinks<'a>, locale: usize) -> RenderCtx<'a> {
        RenderCtx::new(
            links,
            self.site.config.markdown.xref_url.as_deref(),
            &self.alert_labels[locale],
        )
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
        let (ctx, out_dir) = self.page_context(rel, 0, &title, src.page.front.description.as_deref());
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
        Ok(RenderedPage {
            html,
            title,
            counts: None,
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
        let description = tr
            .page
            .front
            .description
            .as_deref()
            .or_else(|| src.and_then(|s| s.page.front.description.as_deref()));
        let (ctx, out_dir) = self.page_context(rel, locale, &title, description);
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
        Ok(RenderedPage {
            html,
            title,
            counts,
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

    /// `public/index.html`: the locales, with their page counts and coverage.
    pub fn root_index(&self, summaries: &[PageSummary], locales: &[usize]) -> Result<String> {
        #[derive(Serialize)]
        struct L<'a> {
            code: &'a str,
            name: &'a str,
            url: String,
            pages: usize,
            coverage_text: String,
        }
        let mut ctx = self.base_context(0, "");
        ctx.insert("home", "./");
        if let Some(d) = &self.site.config.description {
            ctx.insert("description", d);
        }
        let list: Vec<L> = locales
            .iter()
            .map(|&i| {
                let l = &self.site.config.locales[i];
                let mine: Vec<&PageSummary> = summaries.iter().filter(|s| s.locale == i).collect();
                let mut c = Counts::default();
                for s in &mine {
                    if let Some(x) = &s.counts {
                        c.add(x);
                    }
                }
                let coverage_text = if i == 0 {
                    String::new()
                } else {
                    self.i18n.format(
                        i,
                        "coverage",
                        &[("percent", FluentValue::from((c.coverage().floor() as u32).to_string()))],
                    )
                };
                L {
                    code: &l.code,
                    name: &l.name,
                    url: self.link(format!("{}/", l.code)),
                    pages: mine.len(),
                    coverage_text,
                }
            })
            .collect();
        ctx.insert("locales", &list);
        self.templates.render("index.html", &ctx)
    }

    /// `public/<locale>/index.html`: the pages of a locale, by folder.
    pub fn locale_index(&self, locale: usize, summaries: &[PageSummary]) -> Result<String> {
        #[derive(Serialize)]
        struct P {
            title: String,
            url: String,
            coverage_text: String,
        }
        #[derive(Serialize)]
        struct S {
            name: String,
            pages: Vec<P>,
        }
        let cfg = &self.site.config;
        let code = &cfg.locales[locale].code;
        let out_dir = format!("{code}/");
        let mut ctx = self.base_context(locale, &out_dir);
        let mut sections: Vec<S> = Vec::new();
        for s in summaries.iter().filter(|s| s.locale == locale) {
            let Some(url) = self.site.urls.get(&s.rel) else {
                continue;
            };
            let name = parent_dir(&s.rel).trim_end_matches('/').to_string();
            if sections.last().is_none_or(|x| x.name != name) {
                sections.push(S {
                    name: name.clone(),
                    pages: Vec::new(),
                });
            }
            let coverage_text = s
                .counts
                .map(|c| {
                    self.i18n.format(
                        locale,
                        "coverage",
                        &[("percent", FluentValue::from((c.coverage().floor() as u32).to_string()))],
                    )
                })
                .unwrap_or_default();
            if let Some(sec) = sections.last_mut() {
                sec.pages.push(P {
                    title: s.title.clone(),
                    url: self.link(url.dir.clone()),
                    coverage_text,
                });
            }
        }
        let langs: Vec<Language> = cfg
            .locales
            .iter()
            .enumerate()
            .map(|(i, l)| Language {
                code: &l.code,
                name: &l.name,
                url: self.link(relative_url(&out_dir, &format!("{}/", l.code))),
                current: i == locale,
            })
            .collect();
        let alts: Vec<Alternate> = cfg
            .locales
            .iter()
            .map(|l| Alternate {
                hreflang: l.code.clone(),
                href: format!("{}{}/", cfg.base_url, l.code),
            })
            .chain(std::iter::once(Alternate {
                hreflang: "x-default".into(),
                href: format!("{}{}/", cfg.base_url, cfg.locales[0].code),
            }))
            .collect();
        ctx.insert("languages", &langs);
        ctx.insert("alternates", &alts);
        ctx.insert("sections", &sections);
        self.templates.render("locale_index.html", &ctx)
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
    // Points at the first place the text occurs in the page, else at the file.
    let at = |d: Diagnostic, needle: &str| match file.text.find(needle) {
        Some(off) => d.at_offset(file, off, needle.len()),
        None => d.at(file.location(0)),
    };
    let mut out = Vec::new();
    for l in rctx.broken_links.borrow().iter() {
        out.push(at(
            Diagnostic::warning(
                "broken-link",
                format!("link target `{l}` is not a page or file of the site"),
            )
            .help("fix the path (it is relative to this page's folder) or link to the published URL"),
            l,
        ));
    }
    for (name, path) in rctx.missing_includes.borrow().iter() {
        out.push(at(
            Diagnostic::warning(
                "include",
                format!("include `{name}` ({path}) was not found; its name is shown instead"),
            )
            .help(format!(
                "add the file, or give its text in site.toml: [includes] {name} = \"...\""
            )),
            path,
        ));
    }
    out
}
