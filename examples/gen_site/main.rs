//! gen_site: a deterministic generator of synthetic multilingual ETW
//! documentation sites, for benchmarking locdoc against other generators.
//!
//! ```text
//! cargo run --release --example gen_site -- --events 5000 --locales 5 OUT
//! cargo run --release --example gen_site -- --pages 6000 OUT        # ~6,000 locdoc pages in all
//! ```
//!
//! Same arguments, same bytes: all randomness is SplitMix64 seeded from
//! `--seed` and the page and locale names (see `rng.rs`).
//!
//! # The model
//!
//! It imitates `shared/corpus/content/<locale>/etw/*.md` (numbers from
//! `shared/corpus/FORMAT.md` and from counting the corpus):
//!
//! - **Event pages** (`events/<id>-<name>.md`), one per event, as
//!   `4031-dispatchsessionfailed.md`: `# <id> - <Name>`, `## Properties`
//!   with the ID / Keywords / Level / Channel table, `## Description` (one
//!   segment per sentence; 1–3 sentences, sometimes with `code`, **bold** or
//!   a link to another event page), `## Message` (`%1`-style placeholders in
//!   about half), `## Details` — with a payload table (`|Name|`xs:string`|
//!   Description|`, type cells inline code, so no span) on about a tenth of
//!   the pages as in the corpus (34 of 358); rarely a `> [!NOTE]` or a name
//!   paragraph. Most event pages have 15 segments, like 301 of the 358 real
//!   ones. Levels, channels and keywords follow the corpus' frequencies.
//! - **Reference pages** (`events/event-reference-<k>.md`), as
//!   `analytic-trace-event-reference.md`: a four-column table with one row per
//!   event (whole-link-text segments `[<span…>](slug.md)`), 357 rows per page
//!   like the real one (~1,430 segments), so together they link every event.
//! - **An overview** (`events/overview.md`, as `analytic-tracing-overview.md`:
//!   long paragraphs, H3s, a code block, a note, includes, an xref, bold,
//!   list items) and **an index** (`events/index.md`, as `index.md`: links to
//!   the overview and to every reference page).
//!
//! Locale pages are in the sxs form: every segment is
//! `<span data-ttu-id="P-N">translation</span><span class="sxs-lookup"><span data-stu-id="P-N">English</span></span>`
//! with `P` five lowercase hex digits per page *and* locale (unique within a
//! locale), `N` dense and increasing in document order from 102 (103 in
//! tr-TR, whose front matter also has a translated `description`);
//! `<a name="english-slug"></a>` before heading spans; trailing `␠␠` hard
//! breaks as in the corpus; tr-TR's blank line after headings; the corpus'
//! front-matter keys per locale (`ms.openlocfilehash`, `ms.locfileid`, …);
//! cs-CZ / pl-PL titles with an en / em dash. Translations are a
//! pseudo-translation per locale (`lang.rs`: accented letters, Cyrillic for
//! ru-RU, CJK for ja-JP / zh-CN / ko-KR) that keeps code, identifiers,
//! numbers, placeholders and link targets, plus the corpus' real UI words
//! for its five locales, and the corpus' placeholder damage (`% 1`).
//!
//! Segment fates per locale page, as shares of all segments:
//! - *untranslated*: what translators leave in English anyway (IDs,
//!   identifiers, channel names, tr-TR's `Level`, …: about a fifth, as in the
//!   corpus) **plus** `--untranslated PCT` (default 3) of segments left in
//!   English on top;
//! - *stale* (`--stale PCT`, default 2): the lookup is an older English text
//!   (the current sentence with one more word), the translation stays;
//! - *missing* (`--missing PCT`, default 1): the segment is absent from the
//!   locale page (the English gained it after translation).
//!
//! The generator knows each segment's fate, so it prints what locdoc's
//! build summary should report and writes it to `OUT/manifest.json`.
//!
//! # Layouts (under OUT)
//!
//! - `locdoc/`: a complete locdoc site root: `site.toml` (locales, xref URL,
//!   include texts) and `content/<locale>/events/<slug>.md`.
//! - `hugo/`: `config.toml` with a `contentDir` per language, a minimal theme
//!   in `layouts/` (language switcher over `.Translations`, breadcrumb),
//!   `content/<lang>/events/<slug>.md`, the index as the section's `_index.md`.
//! - `zola/`: `config.toml` with `[languages.*]`, templates with the same
//!   switcher over `page.translations`, `content/events/<slug>.md` and
//!   `<slug>.<lang>.md`, the index as `_index.<lang>.md`.
//!
//! The peers get the locale pages as plain translated Markdown (no spans,
//! missing segments absent, includes resolved), with links to other pages
//! in their own form (Hugo `relref`, Zola `@/`), so that they too resolve
//! and check every link.

mod emit;
mod events;
mod lang;
mod layouts;
mod model;
mod rng;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use emit::Rates;
use layouts::{FsSink, Layout, Spec, Written};

const USAGE: &str = "\
usage: gen_site [options] OUT

  --events N          event pages per language (default 100)
  --pages N           instead of --events: about N pages in all (locdoc layout, all languages)
  --locales N|LIST    the first N of cs-CZ,pl-PL,pt-BR,ru-RU,tr-TR,de-DE,fr-FR,ja-JP,es-ES,it-IT,
                      ko-KR,zh-CN (default 5), or a comma-separated list of those codes
  --seed N            (default 4031)
  --untranslated PCT  segments left in English on top of the natural ones (default 3)
  --stale PCT         segments whose English lookup is outdated (default 2)
  --missing PCT       segments absent from the locale page (default 1)
  --layouts LIST      locdoc,hugo,zola (default all)

OUT is replaced if it holds an earlier gen_site output; any other non-empty folder is refused.";

#[derive(Debug)]
struct Args {
    events: Option<usize>,
    pages: Option<usize>,
    locales: Vec<&'static str>,
    seed: u64,
    rates: Rates,
    layouts: Vec<Layout>,
    out: PathBuf,
}

fn parse_args(argv: &[String]) -> Result<Args, String> {
    let mut a = Args {
        events: None,
        pages: None,
        locales: lang::LOCALES[..5].iter().map(|(c, _)| *c).collect(),
        seed: 4031,
        rates: Rates {
            untranslated: 0.03,
            stale: 0.02,
            missing: 0.01,
        },
        layouts: Layout::ALL.to_vec(),
        out: PathBuf::new(),
    };
    let mut out = None;
    let mut it = argv.iter();
    let pct = |v: &str, what: &str| -> Result<f64, String> {
        match v.parse::<f64>() {
            Ok(p) if (0.0..=100.0).contains(&p) => Ok(p / 100.0),
            _ => Err(format!("{what}: expected a percentage 0–100, got {v:?}")),
        }
    };
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = || -> Result<String, String> {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag {
            "-h" | "--help" => return Err(String::new()),
            "--events" => a.events = Some(value()?.parse().map_err(|_| "--events: expected a number")?),
            "--pages" => a.pages = Some(value()?.parse().map_err(|_| "--pages: expected a number")?),
            "--seed" => a.seed = value()?.parse().map_err(|_| "--seed: expected a number")?,
            "--untranslated" => a.rates.untranslated = pct(&value()?, flag)?,
            "--stale" => a.rates.stale = pct(&value()?, flag)?,
            "--missing" => a.rates.missing = pct(&value()?, flag)?,
            "--locales" => {
                let v = value()?;
                a.locales = if let Ok(n) = v.parse::<usize>() {
                    if n > lang::LOCALES.len() {
                        return Err(format!("--locales: at most {}", lang::LOCALES.len()));
                    }
                    lang::LOCALES[..n].iter().map(|(c, _)| *c).collect()
                } else {
                    v.split(',')
                        .filter(|s| !s.is_empty())
                        .map(|s| {
                            lang::LOCALES
                                .iter()
                                .find(|(c, _)| *c == s)
                                .map(|(c, _)| *c)
                                .ok_or_else(|| format!("--locales: unknown locale {s}"))
                        })
                        .collect::<Result<_, _>>()?
                };
            }
            "--layouts" => {
                a.layouts = value()?
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(|s| {
                        Layout::ALL
                            .into_iter()
                            .find(|l| l.name() == s)
                            .ok_or_else(|| format!("--layouts: unknown layout {s} (locdoc, hugo, zola)"))
                    })
                    .collect::<Result<_, _>>()?;
                a.layouts.sort();
                a.layouts.dedup();
            }
            f if f.starts_with('-') => return Err(format!("unknown option {f}")),
            _ if out.is_none() => out = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    if a.events.is_some() && a.pages.is_some() {
        return Err("give --events or --pages, not both".into());
    }
    a.out = out.ok_or("OUT is missing")?;
    Ok(a)
}

/// The number of events: `--events`, or solved from `--pages`.
fn event_count(a: &Args) -> usize {
    match (a.events, a.pages) {
        (Some(e), _) => e.max(1),
        (None, Some(p)) => model::events_for(p / (a.locales.len() + 1)),
        (None, None) => 100,
    }
}

/// Marks a folder as gen_site's, so that a rerun may replace it.
const MARKER: &str = ".gen_site";

fn prepare_out(out: &Path) -> Result<(), String> {
    if out.exists() {
        let empty = std::fs::read_dir(out)
            .map_err(|e| format!("{}: {e}", out.display()))?
            .next()
            .is_none();
        if !empty && !out.join(MARKER).exists() {
            return Err(format!(
                "{} is not empty and was not written by gen_site; give a new or empty folder",
                out.display()
            ));
        }
        std::fs::remove_dir_all(out).map_err(|e| format!("removing {}: {e}", out.display()))?;
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    std::fs::write(
        out.join(MARKER),
        "written by examples/gen_site; may be replaced by it\n",
    )
    .map_err(|e| format!("{}: {e}", out.display()))
}

/// Generates the site for `a` into `sink`.
fn generate(a: &Args, sink: &mut dyn layouts::Sink) -> std::io::Result<(usize, Written)> {
    let n = event_count(a);
    let events = events::make_events(n, a.seed);
    let pages = model::site_pages(&events, a.seed);
    let spec = Spec {
        pages: &pages,
        locales: &a.locales,
        seed: a.seed,
        rates: a.rates,
        layouts: &a.layouts,
    };
    Ok((n, layouts::write(&spec, sink)?))
}

fn pct(n: usize, of: usize) -> f64 {
    if of == 0 { 0.0 } else { 100.0 * n as f64 / of as f64 }
}

fn manifest(a: &Args, events: usize, w: &Written) -> String {
    let list = |v: Vec<String>| v.join(", ");
    let layouts = list(
        w.tallies
            .iter()
            .map(|(l, t)| format!("\"{}\": {{\"pages\": {}, \"bytes\": {}}}", l.name(), t.pages, t.bytes))
            .collect(),
    );
    let expected = list(
        w.expected
            .iter()
            .map(|(l, e)| {
                format!(
                    "\"{l}\": {{\"units\": {}, \"translated\": {}, \"untranslated\": {}, \"forced_untranslated\": {}, \"stale\": {}, \"missing\": {}}}",
                    e.units, e.translated, e.untranslated, e.forced, e.stale, e.missing
                )
            })
            .collect(),
    );
    let langs = list(
        std::iter::once(lang::SOURCE)
            .chain(a.locales.iter().copied())
            .map(|l| format!("\"{l}\""))
            .collect(),
    );
    format!(
        "{{\n  \"generator\": \"examples/gen_site\",\n  \"seed\": {},\n  \"events\": {events},\n  \
         \"pages_per_language\": {},\n  \"languages\": [{langs}],\n  \
         \"rates_percent\": {{\"untranslated\": {}, \"stale\": {}, \"missing\": {}}},\n  \
         \"layouts\": {{{layouts}}},\n  \"expected_locdoc_counts\": {{{expected}}}\n}}\n",
        a.seed,
        model::pages_per_language(events),
        a.rates.untranslated * 100.0,
        a.rates.stale * 100.0,
        a.rates.missing * 100.0,
    )
}

fn summary(a: &Args, events: usize, w: &Written) -> String {
    let layouts: Vec<String> = w
        .tallies
        .iter()
        .map(|(l, t)| format!("{} {} pages {:.1} MB", l.name(), t.pages, t.bytes as f64 / 1e6))
        .collect();
    let mut all = layouts::Expected::default();
    for (_, e) in &w.expected {
        all.units += e.units;
        all.untranslated += e.untranslated;
        all.forced += e.forced;
        all.stale += e.stale;
        all.missing += e.missing;
    }
    format!(
        "gen_site: seed {}, {events} events, {} languages (en-US + {}): {}; segments per locale {}: \
         untranslated {:.1}% ({:.1}% forced), stale {:.1}%, missing {:.1}% -> {}",
        a.seed,
        a.locales.len() + 1,
        a.locales.join(","),
        layouts.join(", "),
        all.units / a.locales.len().max(1),
        pct(all.untranslated, all.units),
        pct(all.forced, all.units),
        pct(all.stale, all.units),
        pct(all.missing, all.units),
        a.out.display()
    )
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let a = match parse_args(&argv) {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("gen_site: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = prepare_out(&a.out) {
        eprintln!("gen_site: {e}");
        return ExitCode::FAILURE;
    }
    let mut sink = FsSink::new(a.out.clone());
    match generate(&a, &mut sink) {
        Ok((events, w)) => {
            if let Err(e) = std::fs::write(a.out.join("manifest.json"), manifest(&a, events, &w)) {
                eprintln!("gen_site: writing manifest.json: {e}");
                return ExitCode::FAILURE;
            }
            println!("{}", summary(&a, events, &w));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_site: writing {}: {e}", a.out.display());
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use layouts::MemSink;

    fn args(extra: &[&str]) -> Args {
        let mut v: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
        v.push("OUT".into());
        parse_args(&v).unwrap()
    }

    fn generated(extra: &[&str]) -> (MemSink, Written) {
        let mut sink = MemSink::default();
        let (_, w) = generate(&args(extra), &mut sink).unwrap();
        (sink, w)
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let (a, _) = generated(&["--events", "30", "--locales", "3"]);
        let (b, _) = generated(&["--events", "30", "--locales", "3"]);
        assert_eq!(a.0, b.0);
        let (c, _) = generated(&["--events", "30", "--locales", "3", "--seed", "7"]);
        assert_eq!(a.0.keys().collect::<Vec<_>>().len(), c.0.len());
        assert_ne!(a.0, c.0);
    }

    #[test]
    fn page_counts_per_layout() {
        let (sink, w) = generated(&["--pages", "600"]);
        assert_eq!(w.tallies[&Layout::Locdoc].pages, 600);
        // Hugo and Zola also have a home page per language.
        assert_eq!(w.tallies[&Layout::Hugo].pages, 606);
        assert_eq!(w.tallies[&Layout::Zola].pages, 606);
        assert!(sink.0.contains_key("locdoc/site.toml"));
        assert!(sink.0.contains_key("zola/content/events/_index.tr-TR.md"));
        assert!(sink.0.contains_key("hugo/content/ru-RU/events/_index.md"));
    }

    fn text<'a>(sink: &'a MemSink, path: &str) -> &'a str {
        std::str::from_utf8(&sink.0[path]).unwrap()
    }

    #[test]
    fn ids_prefixes_and_front_matter_follow_the_corpus() {
        let (sink, _) = generated(&["--events", "40", "--missing", "0"]);
        let ev = sink
            .0
            .keys()
            .find(|k| k.starts_with("locdoc/content/en-US/events/1"))
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_string();
        let mut prefixes = std::collections::HashSet::new();
        for loc in ["cs-CZ", "pl-PL", "pt-BR", "ru-RU", "tr-TR"] {
            let t = text(&sink, &format!("locdoc/content/{loc}/events/{ev}"));
            let ids: Vec<&str> = t
                .split("data-ttu-id=\"")
                .skip(1)
                .map(|s| &s[..s.find('"').unwrap()])
                .collect();
            let (prefix, first) = ids[0].split_once('-').unwrap();
            assert_eq!(prefix.len(), 5);
            assert!(prefix.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
            assert!(prefixes.insert(prefix.to_string()), "prefix differs per locale");
            let start: u32 = if loc == "tr-TR" { 103 } else { 102 };
            assert_eq!(first.parse::<u32>().unwrap(), start, "{loc}");
            for (i, id) in ids.iter().enumerate() {
                assert_eq!(*id, format!("{prefix}-{}", start + i as u32), "{loc}: dense, in order");
            }
            assert!(t.contains("\n# <a name=\""), "{loc}");
            assert!(t.contains("  \n"), "{loc}: trailing hard breaks");
            assert!(t.contains(&format!("ms.contentlocale: {loc}\n")));
            assert_eq!(t.starts_with("---\ndescription: "), loc == "tr-TR");
        }
        let en = text(&sink, &format!("locdoc/content/en-US/events/{ev}"));
        assert!(en.starts_with("---\ntitle: \""));
        assert!(!en.contains("<span"));
        assert!(!text(&sink, &format!("hugo/content/cs-CZ/events/{ev}")).contains("<span"));
    }

    /// locdoc's own segmenter and aligner find exactly the fates the
    /// generator chose, page by page.
    #[test]
    fn locdoc_aligns_to_the_generated_truth() {
        use locdoc::align::align;
        use locdoc::load::parse_page;
        use locdoc::segment::{source, sxs};
        let (sink, w) = generated(&[
            "--events",
            "400",
            "--stale",
            "5",
            "--missing",
            "3",
            "--untranslated",
            "5",
        ]);
        let mut checked = 0;
        for (slug, loc, exp) in &w.per_page {
            let en = text(&sink, &format!("locdoc/content/en-US/events/{slug}.md"));
            let tr = text(&sink, &format!("locdoc/content/{loc}/events/{slug}.md"));
            let en = parse_page("en".into(), en.as_bytes().to_vec(), 0, slug).unwrap();
            let tr = parse_page("tr".into(), tr.as_bytes().to_vec(), 1, slug).unwrap();
            let doc = source::parse(&en.src.text, en.body_start);
            let segs = sxs::parse(&tr.src, tr.body_start);
            assert!(segs.diagnostics.is_empty(), "{loc} {slug}: {:?}", segs.diagnostics);
            let c = align(&en.src.text, &doc, &tr.src.text, &segs).counts();
            let got = (c.translated, c.untranslated, c.stale, c.missing, c.orphaned);
            let want = (exp.translated, exp.untranslated, exp.stale, exp.missing, 0);
            assert_eq!(
                got, want,
                "{loc} {slug}: (translated, untranslated, stale, missing, orphaned)"
            );
            checked += 1;
        }
        assert_eq!(checked, w.per_page.len());
        let all: usize = w.expected.iter().map(|(_, e)| e.stale).sum();
        assert!(all > 0);
    }
}
