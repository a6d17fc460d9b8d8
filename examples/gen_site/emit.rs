//! Writing pages: what happens to each segment in a locale (its *fate*),
//! and the Markdown of a page as English source, sxs translation, or plain
//! translated Markdown for the peers.

use crate::lang::{self, SOURCE};
use crate::model::{Block, Cell, Kind, Page, Seg, Tr};
use crate::rng::{self, Rng};

/// Shares of all segments (fractions, not percent).
#[derive(Clone, Copy, Debug)]
pub struct Rates {
    /// Left in English on top of what translators leave in English anyway.
    pub untranslated: f64,
    /// Lookup made from an older English text.
    pub stale: f64,
    /// Absent from the locale page.
    pub missing: f64,
}

/// What locdoc should report for a segment (its unit of source text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Translated,
    Untranslated,
    Stale,
}

#[derive(Clone, Debug)]
pub enum Fate {
    Missing,
    Shown {
        text: String,
        /// The English the translation was made from.
        lookup: String,
        status: Status,
        /// Left in English by `--untranslated` (not by nature).
        forced: bool,
    },
}

/// Words inserted into a stale lookup: the English once had them and has
/// since dropped them. None of them occurs in the generated English, so a
/// stale lookup never matches other source text.
const STALE_WORDS: &[&str] = &["still", "always", "typically", "currently", "normally"];

/// The translation of a segment, before any forced fate.
pub fn translate(seg: &Seg, locale: &str) -> String {
    match seg.tr {
        Tr::Keep => seg.en.clone(),
        Tr::Fixed => lang::fixed(&seg.en, locale).map_or_else(|| lang::pseudo(&seg.en, locale), str::to_string),
        Tr::Prose => lang::pseudo(&seg.en, locale),
        Tr::Title => lang::title_dash(&seg.en, locale),
        Tr::Keywords => seg
            .en
            .split(", ")
            .map(|k| lang::fixed(k, locale).map_or_else(|| lang::pseudo(k, locale), str::to_string))
            .collect::<Vec<_>>()
            .join(", "),
        Tr::Channel if locale == "tr-TR" => seg
            .en
            .replace("Application Server-Applications", "uygulama sunucusu-uygulamalar")
            .replace("/Debug", "/Hata ayıklama")
            .replace("/Analytic", "/Analitik")
            .replace("/Operational", "/İşletimsel"),
        Tr::Channel => seg.en.clone(),
    }
}

/// Where a stale lookup can get its extra word: after a plain lowercase
/// word that a plain lowercase word follows (never inside code or a link).
fn stale_spots(en: &str) -> Vec<usize> {
    let plain = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase());
    let words: Vec<(usize, &str)> = en
        .split(' ')
        .scan(0usize, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w))
        })
        .collect();
    let mut in_code = false;
    let mut out = Vec::new();
    for i in 0..words.len() {
        let (at, w) = words[i];
        in_code ^= w.matches('`').count() % 2 == 1;
        if !in_code && i + 1 < words.len() && plain(w) && plain(words[i + 1].1) && !en[..at].contains('[') {
            out.push(at + w.len());
        }
    }
    out
}

/// The fate of every segment of `page` in `locale`, in document order.
/// The rates are shares of all the page's segments; each is spread over
/// the segments it can apply to, so the site-wide shares come out right.
pub fn fates(page: &Page, locale: &str, seed: u64, rates: &Rates) -> Vec<Fate> {
    let segs = page.segs();
    let n = segs.len() as f64;
    let tr: Vec<String> = segs.iter().map(|s| translate(s, locale)).collect();
    let differs: Vec<bool> = segs.iter().zip(&tr).map(|(s, t)| *t != s.en).collect();
    let spots: Vec<Vec<usize>> = segs.iter().map(|s| stale_spots(&s.en)).collect();
    let share = |eligible: usize, rate: f64| {
        if eligible == 0 {
            0.0
        } else {
            (rate * n / eligible as f64).min(1.0)
        }
    };
    let p_miss = share(segs.iter().filter(|s| s.can_miss).count(), rates.missing);
    let stalable = |i: usize| differs[i] && segs[i].tr == Tr::Prose && !spots[i].is_empty();
    let p_stale = share((0..segs.len()).filter(|&i| stalable(i)).count(), rates.stale);
    let p_untr = share(differs.iter().filter(|&&d| d).count(), rates.untranslated);
    let mut rng = Rng::from_parts(seed, &[&page.slug, locale, "fates"]);
    let damage = lang::damage_odds(locale);
    let mut out = Vec::with_capacity(segs.len());
    for (i, seg) in segs.iter().enumerate() {
        // Always draw the same numbers, whatever is decided.
        let (r_miss, r_stale, r_untr, r_dmg) = (rng.unit(), rng.unit(), rng.unit(), rng.unit());
        let pick = rng.next_u64() as usize;
        if seg.can_miss && r_miss < p_miss {
            out.push(Fate::Missing);
            continue;
        }
        let mut text = tr[i].clone();
        if seg.damage && r_dmg < damage {
            text = lang::damage(&text);
        }
        if stalable(i) && r_stale < p_stale {
            let at = spots[i][pick % spots[i].len()];
            let word = STALE_WORDS[(pick / 7) % STALE_WORDS.len()];
            let lookup = format!("{} {word}{}", &seg.en[..at], &seg.en[at..]);
            out.push(Fate::Shown {
                text,
                lookup,
                status: Status::Stale,
                forced: false,
            });
            continue;
        }
        let forced = differs[i] && r_untr < p_untr;
        if forced {
            text = seg.en.clone();
        }
        let status = if text == seg.en {
            Status::Untranslated
        } else {
            Status::Translated
        };
        out.push(Fate::Shown {
            text,
            lookup: seg.en.clone(),
            status,
            forced,
        });
    }
    out
}

/// How a page is written.
pub enum Mode<'a> {
    /// The English source.
    En,
    /// The sxs locale page: spans with IDs `prefix-N`, N from `first_id`.
    Sxs {
        fates: &'a [Fate],
        prefix: &'a str,
        first_id: u32,
    },
    /// Translated text only, for the peers.
    Plain { fates: &'a [Fate] },
}

struct Writer<'a> {
    mode: &'a Mode<'a>,
    k: usize,
    next_id: u32,
    lines: Vec<String>,
    /// tr-TR: an empty line after every heading not followed by a blank line.
    blank_after_heading: bool,
    pending_blank: bool,
}

impl Writer<'_> {
    fn seg(&mut self, s: &Seg) -> Option<String> {
        let fates = match self.mode {
            Mode::En => return Some(s.en.clone()),
            Mode::Sxs { fates, .. } | Mode::Plain { fates } => fates,
        };
        let f = &fates[self.k];
        self.k += 1;
        let Fate::Shown { text, lookup, .. } = f else {
            return None;
        };
        match self.mode {
            Mode::Sxs { prefix, .. } => {
                let id = format!("{prefix}-{}", self.next_id);
                self.next_id += 1;
                Some(format!(
                    "<span data-ttu-id=\"{id}\">{text}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{lookup}</span></span>"
                ))
            }
            _ => Some(text.clone()),
        }
    }

    fn line(&mut self, l: String) {
        if self.pending_blank && !l.trim().is_empty() {
            self.lines.push(String::new());
        }
        self.pending_blank = false;
        self.lines.push(l);
    }

    fn segs(&mut self, segs: &[Seg]) -> Option<String> {
        let v: Vec<String> = segs.iter().filter_map(|s| self.seg(s)).collect();
        (!v.is_empty()).then(|| v.join(" "))
    }

    fn cell(&mut self, c: &Cell) -> String {
        match c {
            Cell::Segs(s) => self.segs(s).unwrap_or_default(),
            Cell::Code(code) => code.clone(),
            Cell::Link(s, target) => format!("[{}]({target})", self.seg(s).unwrap_or_default()),
        }
    }
}

/// The Markdown body of `page` in `mode`.
pub fn body(page: &Page, mode: &Mode, locale: &str) -> String {
    let sxs = matches!(mode, Mode::Sxs { .. });
    let mut w = Writer {
        mode,
        k: 0,
        next_id: match mode {
            Mode::Sxs { first_id, .. } => *first_id,
            _ => 0,
        },
        lines: Vec::new(),
        blank_after_heading: locale == "tr-TR",
        pending_blank: false,
    };
    for b in &page.blocks {
        match b {
            Block::Heading { level, seg, trail } => {
                if let Some(s) = w.seg(seg) {
                    let anchor = if sxs {
                        format!("<a name=\"{}\"></a>", docfx_anchor(&seg.en))
                    } else {
                        String::new()
                    };
                    let trail = if *trail { "  " } else { "" };
                    w.line(format!("{} {anchor}{s}{trail}", "#".repeat(*level)));
                    w.pending_blank = w.blank_after_heading;
                }
            }
            Block::Para { segs, lead } => {
                if let Some(s) = w.segs(segs) {
                    w.line(format!("{}{s}  ", if *lead { " " } else { "" }));
                }
            }
            Block::LinkPara { link, target, desc } => {
                let l = w.seg(link).unwrap_or_default();
                w.line(format!(" [{l}]({target})  "));
                if let Some(d) = w.seg(desc) {
                    w.line(format!(" {d}  "));
                }
            }
            Block::Raw(s) => w.line(s.clone()),
            Block::Row { cells, trail } => {
                let cells: Vec<String> = cells.iter().map(|c| w.cell(c)).collect();
                w.line(format!("|{}|{}", cells.join("|"), if *trail { "  " } else { "" }));
            }
            Block::Note(seg) => {
                if let Some(s) = w.seg(seg) {
                    w.line(format!("> {s}  "));
                }
            }
            Block::Item(c) => {
                let c = w.cell(c);
                if !c.is_empty() {
                    w.line(format!("- {c}"));
                }
            }
        }
    }
    if let Mode::Sxs { fates, .. } | Mode::Plain { fates } = mode {
        assert_eq!(w.k, fates.len(), "every fate used once");
    }
    let mut s = w.lines.join("\n");
    s.push('\n');
    s
}

/// DocFX's heading anchor: lower case, spaces and `-` to `-`, other
/// punctuation dropped (`4031 - X` → `4031---x`).
pub fn docfx_anchor(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c == ' ' || c == '-' {
            out.push('-');
        } else if c == '_' {
            out.push('_');
        }
    }
    out
}

/// A YAML scalar as the corpus writes one: plain when safe, else single-quoted.
fn yaml(v: &str) -> String {
    let special = v.is_empty()
        || v.contains(": ")
        || v.contains(" #")
        || v.ends_with(':')
        || v.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_whitespace())
        || v.ends_with(char::is_whitespace);
    if special {
        format!("'{}'", v.replace('\'', "''"))
    } else {
        v.to_string()
    }
}

/// The translated page title (front matter): never with spans.
pub fn title_in(page: &Page, locale: &str) -> String {
    if locale == SOURCE {
        return page.title.clone();
    }
    translate(&Seg::new(page.title.clone(), page.title_tr), locale)
}

/// The front matter fields of a page in a locale, in the corpus' order
/// (FORMAT.md §1): English `title, ms.date, ms.assetid`; locales add the
/// localization keys, tr-TR a `description` first. `helpviewer_keywords`
/// (a list, left in English) comes after `ms.date`.
pub fn front_fields(page: &Page, locale: &str, seed: u64) -> Vec<(String, Field)> {
    let mut f = Vec::new();
    let s = |v: &str| Field::Str(v.to_string());
    if locale == "tr-TR" {
        let what = if page.kind == Kind::Event {
            page.title.replacen(" - ", "-", 1)
        } else {
            page.title.clone()
        };
        f.push((
            "description".into(),
            s(&format!("Hakkında daha fazla bilgi edinin: {what}")),
        ));
    }
    f.push(("title".into(), s(&title_in(page, locale))));
    f.push(("ms.date".into(), s("03/30/2017")));
    if !page.helpviewer.is_empty() {
        f.push(("helpviewer_keywords".into(), Field::List(page.helpviewer.clone())));
    }
    f.push(("ms.assetid".into(), s(&page.assetid)));
    if locale != SOURCE {
        // Pages translated from the same English share the hash; most pages
        // of a locale share one source commit.
        f.push((
            "ms.openlocfilehash".into(),
            s(&rng::hex(seed, &[&page.slug, "openloc"], 40)),
        ));
        let mut r = Rng::from_parts(seed, &[&page.slug, locale, "commit"]);
        let commit = if r.chance(0.03) {
            rng::hex(seed, &[&page.slug, locale, "late commit"], 40)
        } else {
            rng::hex(seed, &[locale, "commit"], 40)
        };
        f.push(("ms.sourcegitcommit".into(), s(&commit)));
        f.push(("ms.translationtype".into(), s("MT")));
        f.push(("ms.contentlocale".into(), s(locale)));
        let handoff = match locale {
            "tr-TR" => "02/06/2021",
            "pt-BR" => "01/11/2020",
            _ => "04/23/2019",
        };
        f.push(("ms.lasthandoff".into(), s(handoff)));
        let id = 60_000_000 + rng::hash(seed, &[&page.slug, locale, "locfileid"]) % 40_000_000;
        f.push(("ms.locfileid".into(), Field::Quoted(id.to_string())));
    }
    f
}

pub enum Field {
    Str(String),
    /// Always double-quoted (`ms.locfileid: "61757700"`).
    Quoted(String),
    List(Vec<String>),
}

/// YAML front matter as the corpus has it (English values double-quoted).
pub fn yaml_front(fields: &[(String, Field)], english: bool) -> String {
    let mut out = String::from("---\n");
    for (k, v) in fields {
        match v {
            Field::Str(v) if english && k != "ms.assetid" => {
                out.push_str(&format!("{k}: \"{}\"\n", v.replace('\\', "\\\\").replace('"', "\\\"")))
            }
            Field::Str(v) => out.push_str(&format!("{k}: {}\n", yaml(v))),
            Field::Quoted(v) => out.push_str(&format!("{k}: \"{v}\"\n")),
            Field::List(items) if english => {
                out.push_str(&format!("{k}: \n"));
                for i in items {
                    out.push_str(&format!("  - \"{i}\"\n"));
                }
            }
            Field::List(items) => {
                out.push_str(&format!("{k}:\n"));
                for i in items {
                    out.push_str(&format!("- {}\n", yaml(i)));
                }
            }
        }
    }
    out.push_str("---\n");
    out
}

fn toml_str(v: &str) -> String {
    format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
}

/// TOML front matter for Zola: `title` (and `description`) at the top, the
/// rest under `[extra]`.
pub fn toml_front(fields: &[(String, Field)]) -> String {
    let mut top = String::from("+++\n");
    let mut extra = String::from("[extra]\n");
    for (k, v) in fields {
        let val = match v {
            Field::Str(s) | Field::Quoted(s) => toml_str(s),
            Field::List(items) => format!("[{}]", items.iter().map(|i| toml_str(i)).collect::<Vec<_>>().join(", ")),
        };
        if k == "title" || k == "description" {
            top.push_str(&format!("{k} = {val}\n"));
        } else {
            extra.push_str(&format!("\"{k}\" = {val}\n"));
        }
    }
    top.push_str(&extra);
    top.push_str("+++\n");
    top
}

/// Include tokens resolved to text, for the peers (a DocFX pipeline
/// resolves them before any other generator sees the page).
pub fn resolve_includes(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut rest = md;
    while let Some(i) = rest.find("[!INCLUDE[") {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let Some(end) = after.find(")]") else {
            out.push_str(after);
            return out;
        };
        let name = &after["[!INCLUDE[".len()..after.find(']').unwrap_or(10)];
        out.push_str(include_text(name));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

pub const INCLUDES: &[(&str, &str)] = &[
    ("netfx_current_long", ".NET Framework 4.6.1"),
    ("netfx_current_short", ".NET Framework 4.6.1"),
];

fn include_text(name: &str) -> &'static str {
    INCLUDES.iter().find(|(n, _)| *n == name).map_or("", |(_, t)| t)
}

/// Rewrites the targets of links to pages of the site (`](x.md)`, no
/// folder, no scheme) with `f`.
pub fn rewrite_links(md: &str, f: &dyn Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(md.len() + md.len() / 8);
    let mut rest = md;
    while let Some(i) = rest.find("](") {
        out.push_str(&rest[..i + 2]);
        let after = &rest[i + 2..];
        match after.find(')') {
            Some(j) if after[..j].ends_with(".md") && !after[..j].contains(['/', ':', ' ']) => {
                out.push_str(&f(&after[..j]));
                rest = &after[j..];
            }
            _ => rest = after,
        }
    }
    out.push_str(rest);
    out
}
