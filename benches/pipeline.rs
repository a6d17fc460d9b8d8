//! Criterion micro-benchmarks of locdoc's per-page stages, on two pages:
//!
//! - `corpus-reference`: the real `etw/analytic-trace-event-reference.md`
//!   (cs-CZ, 1,436 segments, a 357-row table), read from
//!   `../shared/corpus/content` (or `$LOCDOC_CORPUS`); skipped with a
//!   message when absent;
//! - `generated-typical`: a typical 15-segment event page (cs-CZ) written by
//!   `examples/gen_site` (its modules are compiled in here), seed 4031.
//!
//! Stages: `sxs::parse` (locale page), `source::parse` (English page),
//! `align`, `render_inline` (every translated segment of the page, as
//! untrusted text), `render_document` (the English body), and the whole
//! `Renderer::translated_page` (substitution, rendering, template).
//!
//! `cargo bench --bench pipeline` (about 30 s); filter with
//! `cargo bench --bench pipeline -- typical`.

#[allow(dead_code, unused_imports)]
#[path = "../examples/gen_site/emit.rs"]
mod emit;
#[allow(dead_code, unused_imports)]
#[path = "../examples/gen_site/events.rs"]
mod events;
#[allow(dead_code, unused_imports)]
#[path = "../examples/gen_site/lang.rs"]
mod lang;
#[allow(dead_code, unused_imports)]
#[path = "../examples/gen_site/layouts.rs"]
mod layouts;
#[allow(dead_code, unused_imports)]
#[path = "../examples/gen_site/model.rs"]
mod model;
#[allow(dead_code, unused_imports)]
#[path = "../examples/gen_site/rng.rs"]
mod rng;

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use locdoc::Site;
use locdoc::align::align;
use locdoc::config::Config;
use locdoc::load::{Page, parse_page};
use locdoc::render::markdown::{Fills, NoLinks, RenderCtx, english_alert_labels, render_document, render_inline};
use locdoc::render::{I18n, Renderer, Templates};
use locdoc::segment::{source, sxs};

/// One benchmark input: a site, a page path and a locale.
struct Input {
    name: &'static str,
    site: Site,
    rel: String,
    locale: usize,
    /// Kept alive for the generated site.
    _dir: Option<tempfile::TempDir>,
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus_input() -> Option<Input> {
    let content = std::env::var_os("LOCDOC_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared/corpus/content"));
    if !content.join("cs-CZ/etw/analytic-trace-event-reference.md").is_file() {
        eprintln!(
            "SKIPPED corpus-reference benchmarks: {} is absent (set LOCDOC_CORPUS to the corpus' content folder)",
            content.display()
        );
        return None;
    }
    let mut config = Config::load(&repo()).expect("the repository's site.toml");
    config.content_dir = content;
    let site = Site::load(&repo(), config).expect("the corpus loads");
    let locale = site.config.locales.iter().position(|l| l.code == "cs-CZ")?;
    Some(Input {
        name: "corpus-reference",
        site,
        rel: "etw/analytic-trace-event-reference.md".into(),
        locale,
        _dir: None,
    })
}

struct DirSink(PathBuf);

impl layouts::Sink for DirSink {
    fn put(&mut self, rel: &str, data: &[u8]) -> std::io::Result<()> {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().expect("a file path"))?;
        std::fs::write(p, data)
    }
}

/// A small generated site (40 events, cs-CZ) on disk, and its first event
/// page that has 15 segments, none of them missing or stale in cs-CZ.
fn generated_input() -> Input {
    let seed = 4031;
    let events = events::make_events(40, seed);
    let pages = model::site_pages(&events, seed);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let spec = layouts::Spec {
        pages: &pages,
        locales: &["cs-CZ"],
        seed,
        rates: emit::Rates {
            untranslated: 0.03,
            stale: 0.02,
            missing: 0.01,
        },
        layouts: &[layouts::Layout::Locdoc],
    };
    let written = layouts::write(&spec, &mut DirSink(dir.path().to_path_buf())).expect("the site is written");
    let slug = pages
        .iter()
        .filter(|p| p.kind == model::Kind::Event && p.segs().len() == 15)
        .map(|p| &p.slug)
        .find(|slug| {
            written
                .per_page
                .iter()
                .any(|(s, _, e)| s == *slug && e.missing == 0 && e.stale == 0)
        })
        .expect("a typical page");
    let site = Site::open(&dir.path().join("locdoc")).expect("the generated site loads");
    Input {
        name: "generated-typical",
        site,
        rel: format!("events/{slug}.md"),
        locale: 1,
        _dir: Some(dir),
    }
}

fn read(site: &Site, rel: &str, locale: usize) -> Page {
    let path = site.inventory.file(rel, locale).expect("the page exists");
    let bytes = std::fs::read(path).expect("readable");
    parse_page(rel.to_string(), bytes, locale, rel).expect("the page parses")
}

fn stages(c: &mut Criterion, input: &Input) {
    let en = read(&input.site, &input.rel, 0);
    let tr = read(&input.site, &input.rel, input.locale);
    let doc = source::parse(&en.src.text, en.body_start);
    let segs = sxs::parse(&tr.src, tr.body_start);
    let texts: Vec<&str> = segs.segments.iter().map(|s| s.text(&tr.src.text)).collect();
    let src = input.site.sources.get(&input.rel).expect("an English source");
    let translation = input
        .site
        .translation(&input.rel, input.locale)
        .expect("a translation")
        .expect("it loads");
    let i18n = I18n::load(&input.site.config, &input.site.root).expect("UI strings");
    let templates = Templates::load(&input.site.config.templates_dir, &input.site.root).expect("templates");
    let renderer = Renderer::new(&input.site, &i18n, &templates);
    let labels = english_alert_labels();
    eprintln!(
        "{}: {} ({} bytes English, {} bytes cs-CZ, {} segments)",
        input.name,
        input.rel,
        en.src.text.len(),
        tr.src.text.len(),
        segs.segments.len()
    );

    let mut g = c.benchmark_group(input.name);
    g.throughput(Throughput::Elements(segs.segments.len() as u64));
    g.bench_function("sxs::parse", |b| {
        b.iter(|| sxs::parse(black_box(&tr.src), tr.body_start))
    });
    g.bench_function("source::parse", |b| {
        b.iter(|| source::parse(black_box(&en.src.text), en.body_start))
    });
    g.bench_function("align", |b| {
        b.iter(|| align(black_box(&en.src.text), &doc, &tr.src.text, &segs))
    });
    g.bench_function(BenchmarkId::new("render_inline", "all segments"), |b| {
        b.iter(|| {
            let ctx = RenderCtx::new(&NoLinks, None, &labels);
            texts
                .iter()
                .map(|t| render_inline(black_box(t), &ctx, true).len())
                .sum::<usize>()
        })
    });
    g.bench_function(BenchmarkId::new("render_document", "English body"), |b| {
        b.iter(|| {
            let ctx = RenderCtx::new(&NoLinks, None, &labels);
            let mut fills = Fills::default();
            render_document(black_box(en.body()), &doc.heading_ids, &ctx, &mut fills, false)
        })
    });
    g.bench_function("Renderer::translated_page", |b| {
        b.iter(|| {
            renderer
                .translated_page(&input.rel, Some(src.as_ref()), black_box(&translation))
                .expect("renders")
        })
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    if let Some(input) = corpus_input() {
        stages(c, &input);
    }
    stages(c, &generated_input());
}

fn config() -> Criterion {
    // Short runs: the whole suite takes about half a minute on two cores.
    Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(1500))
        .sample_size(20)
}

criterion_group! {
    name = pipeline;
    config = config();
    targets = benches
}
criterion_main!(pipeline);
