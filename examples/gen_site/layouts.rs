//! The three site layouts written from one content model: `locdoc/` (sxs
//! locale pages), `hugo/` and `zola/` (plain translated Markdown), with the
//! configuration and a minimal theme each tool needs.

use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::PathBuf;

use crate::emit::{self, Fate, Mode, Rates, Status};
use crate::lang::{self, SOURCE};
use crate::model::{Kind, Page};
use crate::rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Layout {
    Locdoc,
    Hugo,
    Zola,
}

impl Layout {
    pub const ALL: [Layout; 3] = [Layout::Locdoc, Layout::Hugo, Layout::Zola];
    pub fn name(self) -> &'static str {
        match self {
            Layout::Locdoc => "locdoc",
            Layout::Hugo => "hugo",
            Layout::Zola => "zola",
        }
    }
}

/// Where files go: the file system, or memory (tests).
pub trait Sink {
    fn put(&mut self, rel: &str, data: &[u8]) -> io::Result<()>;
}

pub struct FsSink {
    pub root: PathBuf,
    made: HashSet<PathBuf>,
}

impl FsSink {
    pub fn new(root: PathBuf) -> FsSink {
        FsSink {
            root,
            made: HashSet::new(),
        }
    }
}

impl Sink for FsSink {
    fn put(&mut self, rel: &str, data: &[u8]) -> io::Result<()> {
        let path = self.root.join(rel);
        if let Some(dir) = path.parent()
            && !self.made.contains(dir)
        {
            std::fs::create_dir_all(dir)?;
            self.made.insert(dir.to_path_buf());
        }
        std::fs::write(path, data)
    }
}

#[cfg(test)]
#[derive(Default)]
pub struct MemSink(pub BTreeMap<String, Vec<u8>>);

#[cfg(test)]
impl Sink for MemSink {
    fn put(&mut self, rel: &str, data: &[u8]) -> io::Result<()> {
        self.0.insert(rel.to_string(), data.to_vec());
        Ok(())
    }
}

/// What was written for one layout.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tally {
    /// Markdown content pages.
    pub pages: usize,
    /// All bytes of the layout (content, configuration, templates).
    pub bytes: u64,
}

/// What locdoc should find in one locale: units of English text by status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Expected {
    pub units: usize,
    pub translated: usize,
    pub untranslated: usize,
    /// Of `untranslated`, those left in English by `--untranslated`.
    pub forced: usize,
    pub stale: usize,
    pub missing: usize,
}

impl Expected {
    pub fn add(&mut self, fates: &[Fate]) {
        for f in fates {
            self.units += 1;
            match f {
                Fate::Missing => self.missing += 1,
                Fate::Shown { status, forced, .. } => {
                    self.forced += usize::from(*forced);
                    match status {
                        Status::Translated => self.translated += 1,
                        Status::Untranslated => self.untranslated += 1,
                        Status::Stale => self.stale += 1,
                    }
                }
            }
        }
    }
}

pub struct Spec<'a> {
    pub pages: &'a [Page],
    pub locales: &'a [&'static str],
    pub seed: u64,
    pub rates: Rates,
    pub layouts: &'a [Layout],
}

pub struct Written {
    pub tallies: BTreeMap<Layout, Tally>,
    /// Per locale (translations only), in `Spec::locales` order.
    pub expected: Vec<(&'static str, Expected)>,
    /// Per-page expectations: (slug, locale, expected), for tests.
    #[cfg_attr(not(test), allow(dead_code))]
    pub per_page: Vec<(String, &'static str, Expected)>,
}

const SITE_TITLE: &str = "Synthetic ETW Event Reference";
const BASE_URL: &str = "https://docs.example.org/synthetic/";

struct Out<'a> {
    sink: &'a mut dyn Sink,
    tallies: BTreeMap<Layout, Tally>,
}

impl Out<'_> {
    fn put(&mut self, layout: Layout, rel: &str, data: &str, page: bool) -> io::Result<()> {
        let t = self.tallies.entry(layout).or_default();
        t.bytes += data.len() as u64;
        t.pages += usize::from(page);
        self.sink.put(&format!("{}/{rel}", layout.name()), data.as_bytes())
    }
}

/// Writes every layout of `spec` into `sink`.
pub fn write(spec: &Spec, sink: &mut dyn Sink) -> io::Result<Written> {
    let mut out = Out {
        sink,
        tallies: BTreeMap::new(),
    };
    let has = |l: Layout| spec.layouts.contains(&l);
    let langs: Vec<&str> = std::iter::once(SOURCE).chain(spec.locales.iter().copied()).collect();
    if has(Layout::Locdoc) {
        out.put(Layout::Locdoc, "site.toml", &locdoc_config(&langs, spec.seed), false)?;
    }
    if has(Layout::Hugo) {
        hugo_skeleton(&mut out, &langs)?;
    }
    if has(Layout::Zola) {
        zola_skeleton(&mut out, &langs)?;
    }
    let mut expected: Vec<(&'static str, Expected)> = spec.locales.iter().map(|l| (*l, Expected::default())).collect();
    let mut per_page = Vec::new();
    let mut prefixes: Vec<HashSet<String>> = vec![HashSet::new(); spec.locales.len()];
    for page in spec.pages {
        let slug = &page.slug;
        for (li, &lang) in langs.iter().enumerate() {
            let fields = emit::front_fields(page, lang, spec.seed);
            let (sxs, plain) = if lang == SOURCE {
                let b = emit::body(page, &Mode::En, lang);
                (b.clone(), b)
            } else {
                let fates = emit::fates(page, lang, spec.seed, &spec.rates);
                let mut e = Expected::default();
                e.add(&fates);
                let (tally_code, tally) = &mut expected[li - 1];
                debug_assert_eq!(*tally_code, lang);
                tally.add(&fates);
                per_page.push((slug.clone(), spec.locales[li - 1], e));
                // A 5-hex prefix per page and locale, unique within the locale.
                let mut attempt = 0u32;
                let prefix = loop {
                    let p = rng::hex(spec.seed, &[slug, lang, "ttu", &attempt.to_string()], 5);
                    if prefixes[li - 1].insert(p.clone()) {
                        break p;
                    }
                    attempt += 1;
                };
                // IDs start at 101; each translated front-matter field takes one.
                let first_id = if lang == "tr-TR" { 103 } else { 102 };
                let sxs = emit::body(
                    page,
                    &Mode::Sxs {
                        fates: &fates,
                        prefix: &prefix,
                        first_id,
                    },
                    lang,
                );
                let plain = emit::body(page, &Mode::Plain { fates: &fates }, lang);
                (sxs, plain)
            };
            let english = lang == SOURCE;
            if has(Layout::Locdoc) {
                let text = emit::yaml_front(&fields, english) + &sxs;
                out.put(Layout::Locdoc, &format!("content/{lang}/events/{slug}.md"), &text, true)?;
            }
            let plain = emit::resolve_includes(&plain);
            if has(Layout::Hugo) {
                let body = emit::rewrite_links(&plain, &|t| {
                    let t = if t == "index.md" { "_index.md" } else { t };
                    format!("{{{{< relref \"{t}\" >}}}}")
                });
                let name = if page.kind == Kind::Index { "_index" } else { slug };
                let text = emit::yaml_front(&fields, english) + &body;
                out.put(Layout::Hugo, &format!("content/{lang}/events/{name}.md"), &text, true)?;
            }
            if has(Layout::Zola) {
                let sfx = if english { String::new() } else { format!(".{lang}") };
                let body = emit::rewrite_links(&plain, &|t| {
                    let stem = t.strip_suffix(".md").unwrap_or(t);
                    let stem = if stem == "index" { "_index" } else { stem };
                    format!("@/events/{stem}{sfx}.md")
                });
                let mut front = emit::toml_front(&fields);
                let name = if page.kind == Kind::Index {
                    front = front.replacen("[extra]\n", "sort_by = \"title\"\n[extra]\n", 1);
                    "_index"
                } else {
                    slug
                };
                out.put(
                    Layout::Zola,
                    &format!("content/events/{name}{sfx}.md"),
                    &(front + &body),
                    true,
                )?;
            }
        }
    }
    Ok(Written {
        tallies: out.tallies,
        expected,
        per_page,
    })
}

fn site_title(lang: &str) -> String {
    if lang == SOURCE {
        SITE_TITLE.to_string()
    } else {
        lang::pseudo(SITE_TITLE, lang)
    }
}

fn locdoc_config(langs: &[&str], seed: u64) -> String {
    let mut s = format!(
        "# A synthetic site written by `cargo run --release --example gen_site` (seed {seed}).\n\
         # Pages: content/<locale>/events/<slug>.md; en-US is the English source.\n\n\
         title = \"{SITE_TITLE}\"\n\
         description = \"Synthetic ETW event pages in the shape of the WCF analytic tracing reference.\"\n\
         base_url = \"{BASE_URL}\"\n\
         source_locale = \"{SOURCE}\"\n"
    );
    for l in langs {
        s.push_str(&format!(
            "\n[[locales]]\ncode = \"{l}\"\nname = \"{}\"\n",
            lang::name_of(l)
        ));
    }
    s.push_str("\n[markdown]\nxref_url = \"https://learn.microsoft.com/dotnet/api/{uid}\"\n\n[includes]\n");
    for (name, text) in emit::INCLUDES {
        s.push_str(&format!("{name} = \"{text}\"\n"));
    }
    s
}

// ------------------------------------------------------------------ Hugo

const HUGO_SINGLE: &str = r#"<!DOCTYPE html>
<html lang="{{ .Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
<nav class="lang">{{ .Language.LanguageName }}{{ range .Translations }} | <a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}">{{ .Language.LanguageName }}</a>{{ end }}</nav>
<nav class="crumbs"><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a> / <a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></nav>
<main>{{ .Content }}</main></body></html>
"#;

const HUGO_LIST: &str = r#"<!DOCTYPE html>
<html lang="{{ .Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
<nav class="lang">{{ .Language.LanguageName }}{{ range .Translations }} | <a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}">{{ .Language.LanguageName }}</a>{{ end }}</nav>
<nav class="crumbs"><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></nav>
<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul></body></html>
"#;

fn hugo_skeleton(out: &mut Out, langs: &[&str]) -> io::Result<()> {
    let mut c = format!(
        "baseURL = \"{BASE_URL}\"\ntitle = \"{SITE_TITLE}\"\n\
         defaultContentLanguage = \"{}\"\ndefaultContentLanguageInSubdir = true\n\
         disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n\
         enableRobotsTXT = false\n\n[markup.goldmark.renderer]\nunsafe = true\n\
         [markup.highlight]\ncodeFences = false\n\n[languages]\n",
        SOURCE.to_lowercase()
    );
    for (w, l) in langs.iter().enumerate() {
        c.push_str(&format!(
            "[languages.{l}]\ncontentDir = \"content/{l}\"\nweight = {}\nlanguageName = \"{}\"\ntitle = \"{}\"\n\n",
            w + 1,
            lang::name_of(l),
            site_title(l)
        ));
    }
    out.put(Layout::Hugo, "config.toml", &c, false)?;
    out.put(Layout::Hugo, "layouts/_default/single.html", HUGO_SINGLE, false)?;
    out.put(Layout::Hugo, "layouts/_default/list.html", HUGO_LIST, false)?;
    out.put(Layout::Hugo, "layouts/index.html", HUGO_LIST, false)?;
    for l in langs {
        out.put(
            Layout::Hugo,
            &format!("content/{l}/_index.md"),
            &format!("---\ntitle: \"{}\"\n---\n", site_title(l)),
            true,
        )?;
    }
    Ok(())
}

// ------------------------------------------------------------------ Zola

const ZOLA_PAGE: &str = r#"<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ page.title }}</title></head><body>
<nav class="lang">{{ trans(key="language_name", lang=lang) }}{% for t in page.translations %}{% if t.lang != lang %} | <a href="{{ t.permalink | safe }}" hreflang="{{ t.lang }}">{{ trans(key="language_name", lang=t.lang) }}</a>{% endif %}{% endfor %}</nav>
<nav class="crumbs">{% for a in page.ancestors %}{% set s = get_section(path=a, metadata_only=true) %}{% if not loop.first %} / {% endif %}<a href="{{ s.permalink | safe }}">{{ s.title }}</a>{% endfor %}</nav>
<main>{{ page.content | safe }}</main></body></html>
"#;

const ZOLA_SECTION: &str = r#"<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ section.title }}</title></head><body>
<nav class="lang">{{ trans(key="language_name", lang=lang) }}{% for t in section.translations %}{% if t.lang != lang %} | <a href="{{ t.permalink | safe }}" hreflang="{{ t.lang }}">{{ trans(key="language_name", lang=t.lang) }}</a>{% endif %}{% endfor %}</nav>
<nav class="crumbs">{% for a in section.ancestors %}{% set s = get_section(path=a, metadata_only=true) %}{% if not loop.first %} / {% endif %}<a href="{{ s.permalink | safe }}">{{ s.title }}</a>{% endfor %}</nav>
<h1>{{ section.title }}</h1>{{ section.content | safe }}
<ul>{% for s in section.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}<li><a href="{{ sub.permalink | safe }}">{{ sub.title }}</a></li>{% endfor %}
{% for p in section.pages %}<li><a href="{{ p.permalink | safe }}">{{ p.title }}</a></li>
{% endfor %}</ul></body></html>
"#;

fn zola_skeleton(out: &mut Out, langs: &[&str]) -> io::Result<()> {
    let mut c = format!(
        "base_url = \"{}\"\ntitle = \"{SITE_TITLE}\"\ndefault_language = \"{SOURCE}\"\n\
         compile_sass = false\nbuild_search_index = false\ngenerate_feeds = false\n\n\
         [slugify]\npaths = \"safe\"\n\n[translations]\nlanguage_name = \"English\"\n\n",
        BASE_URL.trim_end_matches('/')
    );
    for l in &langs[1..] {
        c.push_str(&format!(
            "[languages.{l}]\ntitle = \"{}\"\nbuild_search_index = false\ngenerate_feeds = false\n\
             [languages.{l}.translations]\nlanguage_name = \"{}\"\n\n",
            site_title(l),
            lang::name_of(l)
        ));
    }
    out.put(Layout::Zola, "config.toml", &c, false)?;
    out.put(Layout::Zola, "templates/page.html", ZOLA_PAGE, false)?;
    out.put(Layout::Zola, "templates/section.html", ZOLA_SECTION, false)?;
    out.put(Layout::Zola, "templates/index.html", ZOLA_SECTION, false)?;
    for l in langs {
        let sfx = if *l == SOURCE { String::new() } else { format!(".{l}") };
        out.put(
            Layout::Zola,
            &format!("content/_index{sfx}.md"),
            &format!("+++\ntitle = \"{}\"\n+++\n", site_title(l)),
            true,
        )?;
    }
    Ok(())
}
