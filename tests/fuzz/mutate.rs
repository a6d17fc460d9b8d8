//! Seeds and a deterministic mutator: fuzz inputs made from real pages by
//! the edits that break sxs pages in practice (stray and unclosed spans,
//! backticks, table pipes, backslashes, front-matter fences, NBSP, pages
//! spliced together, truncated, or a line repeated many times).

use std::path::{Path, PathBuf};

use fastrand::Rng;

/// Text fragments inserted by the mutator: the pieces of sxs markup and of
/// the Markdown and YAML around it.
pub const FRAGMENTS: &[&str] = &[
    "<span data-ttu-id=\"abcde-101\">",
    "<span data-ttu-id=",
    "<span data-ttu-id=abcde-7>",
    "<span data-ttu-id='x'>",
    "<span class=\"sxs-lookup\">",
    "<span class=sxs-lookup>",
    "<span data-stu-id=\"abcde-101\">",
    "<span ",
    "<span>",
    "<span/>",
    "</span>",
    "</span >",
    "</span",
    "<span data-ttu-id=\"abcde-102\">Překlad</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-102\">Source</span></span>",
    "`",
    "``",
    "```\n",
    "~~~\n",
    "|",
    "|-|-|\n",
    "\\",
    "\\`",
    "---\n",
    "---",
    "\u{a0}",
    "\u{200b}",
    "\u{feff}",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "    ",
    "\t",
    "# ",
    "## <a name=\"x\"></a>",
    "> [!NOTE]\n> ",
    "> ",
    "- ",
    "1. ",
    "*",
    "**",
    "_",
    "[",
    "]",
    "](",
    "[a](other.md#x)",
    "[a](../../outside.md)",
    "[a](/root/x)",
    "![alt](img.png)",
    "[!INCLUDE[known](../includes/inc.md)]",
    "[!INCLUDE[x](",
    "[!INCLUDE[self](../includes/self.md)]",
    "[!INCLUDE[loop](loop.md)]",
    "[!INCLUDE[inc](../includes/inc.md)]",
    "<xref:System.String>",
    "<a name=\"a\"></a>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[a](javascript:alert(1))",
    "<a href=\"jav&#x09;ascript:alert(1)\">",
    "<iframe srcdoc=x>",
    "<!--",
    "-->",
    "<",
    ">",
    "&",
    "&amp;",
    "&#x0;",
    "\"",
    "'",
    "\u{E000}",
    "\u{E001}",
    "\u{E000}0\u{E001}",
    "\u{E000}99999999999999999999\u{E001}",
    "title: ",
    "title: \"x\"\n",
    "slug: ../x\n",
    "ms.translationtype: MT\n",
    ": ",
    "{",
    "}",
    "&anchor ",
    "*anchor",
    "!!binary ",
    "%YAML 1.2\n",
    "<<: ",
    "ž",
    "日本語",
    "\u{202e}",
    "\u{0}",
];

/// One seed: an English page and, when the corpus has it, a translation of
/// the same page.
#[derive(Clone)]
pub struct Seed {
    pub en: Vec<u8>,
    pub tr: Vec<u8>,
}

fn md_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            md_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "md") {
            out.push(p);
        }
    }
}

/// Pairs (English page, translation) of a content tree `content/<locale>/…`:
/// every translation with the English page of the same path.
pub fn seeds_of(content: &Path) -> Vec<Seed> {
    let mut en_files = Vec::new();
    md_files(&content.join("en-US"), &mut en_files);
    let mut locales: Vec<PathBuf> = std::fs::read_dir(content)
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    locales.sort();
    let mut out = Vec::new();
    for en in &en_files {
        let rel = en.strip_prefix(content.join("en-US")).expect("below en-US");
        let en_text = std::fs::read(en).expect("read an English page");
        for locale in locales.iter().filter(|l| !l.ends_with("en-US")) {
            if let Ok(tr) = std::fs::read(locale.join(rel)) {
                out.push(Seed {
                    en: en_text.clone(),
                    tr,
                });
            }
        }
    }
    out
}

/// The seed pages beside `content`'s English sources: translations alone,
/// paired with the English page of the same event when there is one.
pub fn loose_seeds(dir: &Path, en: &[u8]) -> Vec<Seed> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    files
        .iter()
        .map(|p| Seed {
            en: en.to_vec(),
            tr: std::fs::read(p).expect("read a seed page"),
        })
        .collect()
}

/// The biggest input the mutator makes (the limits of issue 11 speak of
/// pages up to 10 MB; the budget checks find quadratic growth far below).
pub const MAX_LEN: usize = 1 << 20;

fn pick_range(rng: &mut Rng, len: usize, max: usize) -> std::ops::Range<usize> {
    if len == 0 {
        return 0..0;
    }
    let start = rng.usize(0..len);
    let n = rng.usize(0..=max.min(len - start));
    start..start + n
}

/// A line of `v` around a random position.
fn line_at(rng: &mut Rng, v: &[u8]) -> std::ops::Range<usize> {
    if v.is_empty() {
        return 0..0;
    }
    let at = rng.usize(0..v.len());
    let start = v[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let end = v[at..].iter().position(|&b| b == b'\n').map_or(v.len(), |i| at + i + 1);
    start..end
}

fn fragment(rng: &mut Rng) -> &'static [u8] {
    FRAGMENTS[rng.usize(0..FRAGMENTS.len())].as_bytes()
}

/// Applies one random edit to `v`; `other` is a second page to splice from.
pub fn mutate_once(rng: &mut Rng, v: &mut Vec<u8>, other: &[u8]) {
    let len = v.len();
    match rng.u8(0..12) {
        // A flipped bit (mostly breaks UTF-8: the readers must say so).
        0 => {
            if len > 0 {
                let i = rng.usize(0..len);
                v[i] ^= 1 << rng.u8(0..8);
            }
        }
        // A fragment inserted, or several in a row.
        1..=3 => {
            let at = rng.usize(0..=len);
            let f = fragment(rng);
            let times = if rng.u8(0..8) == 0 { 1 << rng.u32(1..13) } else { 1 };
            let ins: Vec<u8> = f.repeat(times);
            v.splice(at..at, ins);
        }
        // A range replaced by a fragment.
        4 => {
            let r = pick_range(rng, len, 64);
            v.splice(r, fragment(rng).iter().copied());
        }
        // A range deleted.
        5 => {
            let r = pick_range(rng, len, 256);
            v.drain(r);
        }
        // A line repeated many times.
        6 => {
            let r = line_at(rng, v);
            // 1 to 4096 times, as often a few as many.
            let times = (1 << rng.u32(0..13)).min(MAX_LEN / (r.len() + 1));
            let line = v[r.clone()].to_vec();
            let at = r.end;
            v.splice(at..at, line.repeat(times));
        }
        // A range copied elsewhere.
        7 => {
            let r = pick_range(rng, len, 512);
            let piece = v[r].to_vec();
            let at = rng.usize(0..=len);
            v.splice(at..at, piece);
        }
        // Spliced with the other page.
        8 => {
            let cut = rng.usize(0..=len);
            let from = rng.usize(0..=other.len());
            v.truncate(cut);
            v.extend_from_slice(&other[from..]);
        }
        // Truncated.
        9 => {
            v.truncate(rng.usize(0..=len));
        }
        // A random character.
        10 => {
            let c = char::from_u32(rng.u32(0..0x11_0000)).unwrap_or('\u{fffd}');
            let at = rng.usize(0..=len);
            let mut b = [0; 4];
            v.splice(at..at, c.encode_utf8(&mut b).bytes());
        }
        // Lines joined: every newline in a range removed, making long lines.
        _ => {
            let r = pick_range(rng, len, 4096);
            let joined: Vec<u8> = v[r.clone()].iter().copied().filter(|&b| b != b'\n').collect();
            v.splice(r, joined);
        }
    }
    v.truncate(MAX_LEN);
}

/// A mutated copy of `page`: one to eight stacked edits.
pub fn mutate(rng: &mut Rng, page: &[u8], other: &[u8]) -> Vec<u8> {
    let mut v = page.to_vec();
    for _ in 0..rng.usize(1..=8) {
        mutate_once(rng, &mut v, other);
    }
    v
}

/// The input of case `rng` for `target` from the seeds: one mutated page for
/// the one-page targets, an English page and a translation (either or both
/// mutated) for the two-page ones.
pub fn input(rng: &mut Rng, target: &str, seeds: &[Seed]) -> Vec<u8> {
    let a = &seeds[rng.usize(0..seeds.len())];
    let b = &seeds[rng.usize(0..seeds.len())];
    match target {
        "sxs" => mutate(rng, &a.tr, &b.tr),
        "front_matter" => {
            let page = if rng.bool() { &a.tr } else { &a.en };
            mutate(rng, page, &b.tr)
        }
        _ => {
            let (en, tr) = match rng.u8(0..4) {
                0 => (mutate(rng, &a.en, &b.en), a.tr.clone()),
                1 => (mutate(rng, &a.en, &b.en), mutate(rng, &a.tr, &b.tr)),
                _ => (a.en.clone(), mutate(rng, &a.tr, &b.tr)),
            };
            crate::drivers::join_pages(&en, &tr)
        }
    }
}
