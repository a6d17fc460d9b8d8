//! Shard: one build split across machines, and the merge of the parts.
//!
//! `locdoc build --shard I/N` renders the I-th of N equal runs of the
//! site's pages (in page-path order, every locale of a page in the same
//! shard) and writes, beside them, a manifest (`locdoc-shard.json`) with
//! what the site-wide files need of those pages: their summaries (title,
//! event row, counts), their share of the status dashboard, and the text
//! to index for search. `locdoc build --merge PART…` checks that the parts
//! are the N shards of one build of this site, links their pages into the
//! output, and writes the site-wide pages, assets and search index from
//! the manifests, without reading a page again. Both paths go through the
//! same functions as a single build ([`crate::build::finish`]), so the
//! merged output is the single build's, byte for byte.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::build::{BuildOptions, BuildReport, Rendered};
use crate::diag::{Error, Result};
use crate::render::dashboard::SiteStatus;
use crate::render::{I18n, PageSummary, Renderer, Templates};
use crate::site::Site;
use crate::write::{MARKER, Sink, Staging};

/// The manifest's file name, at the root of a shard's output.
pub const MANIFEST: &str = "locdoc-shard.json";

/// The manifest format; a merge refuses others.
const FORMAT: u32 = 1;

/// Part `index` (1-based) of `count`: `--shard 2/4`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Shard, String> {
        let usage = || format!("`{s}` is not a shard: write I/N, the I-th of N parts (1 ≤ I ≤ N), e.g. 2/4");
        let (i, n) = s.split_once('/').ok_or_else(usage)?;
        let index: usize = i.trim().parse().map_err(|_| usage())?;
        let count: usize = n.trim().parse().map_err(|_| usage())?;
        if index == 0 || count == 0 || index > count {
            return Err(usage());
        }
        Ok(Shard { index, count })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// Whether the page at position `pos` of `total` (in page-path order)
    /// is in this shard: shards are contiguous runs of equal length.
    pub fn owns(&self, pos: usize, total: usize) -> bool {
        total > 0 && pos * self.count / total + 1 == self.index
    }

    /// The page paths of `site` in this shard.
    pub fn pages<'s>(&self, site: &'s Site) -> std::collections::HashSet<&'s str> {
        let total = site.urls.len();
        site.page_paths()
            .enumerate()
            .filter(|&(pos, _)| self.owns(pos, total))
            .map(|(_, rel)| rel.as_str())
            .collect()
    }
}

/// What a shard tells the merge.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    format: u32,
    /// The locdoc version that wrote it; a merge needs the same.
    locdoc: String,
    shard: Shard,
    /// The locale codes built, in the site's order.
    locales: Vec<String>,
    /// How many pages (page paths) the site had.
    site_pages: usize,
    /// Every page written, sorted by locale and path.
    pages: Vec<PageSummary>,
    /// These pages' share of the status dashboard.
    status: SiteStatus,
    /// The search records of the pages to index, when the site
    /// has search.
    search: Option<Vec<crate::search::Record>>,
}

/// `locdoc build --shard I/N`: the pages of one shard and its manifest,
/// built like any build (through [`crate::build::run`]).
pub fn build_shard(opts: &BuildOptions, shard: &Shard) -> Result<BuildReport> {
    if opts.review {
        return Err(Error::Usage(
            "--review cannot be combined with --shard: build the review view in a build of its own".into(),
        ));
    }
    crate::build::run(opts, &|renderer, locales, sink| {
        render_shard(renderer, locales, shard, sink)
    })
}

/// Renders the pages of `shard` into `sink`, and its manifest.
fn render_shard(renderer: &Renderer, locales: &[usize], shard: &Shard, sink: &dyn Sink) -> Result<Rendered> {
    let site = renderer.site;
    let mine = shard.pages(site);
    let collecting = crate::build::collecting(site, sink);
    let page_sink: &dyn Sink = match &collecting {
        Some(c) => c,
        None => sink,
    };
    let out = crate::build::render_pages(renderer, locales, &|rel| mine.contains(rel), page_sink)?;
    let manifest = Manifest {
        format: FORMAT,
        locdoc: env!("CARGO_PKG_VERSION").to_string(),
        shard: *shard,
        locales: locales.iter().map(|&l| site.config.locales[l].code.clone()).collect(),
        site_pages: site.urls.len(),
        pages: out.summaries.clone(),
        status: out.status.clone(),
        search: collecting.map(|c| c.collector.into_pages()),
    };
    let json =
        serde_json::to_vec(&manifest).map_err(|e| Error::Usage(format!("cannot write the shard manifest: {e}")))?;
    sink.write(MANIFEST, &json)?;
    Ok(out)
}

/// `locdoc build --merge PART…`: the site from the outputs of its shards.
pub fn merge(opts: &BuildOptions, parts: &[PathBuf]) -> Result<BuildReport> {
    let started = Instant::now();
    if opts.review {
        return Err(Error::Usage("--merge cannot be combined with --review".into()));
    }
    let (site, out) = crate::build::load(opts)?;
    let manifests = read_manifests(&site, parts)?;
    let codes = &manifests[0].1.locales;
    let locales = site.select_locales(codes)?;
    if !opts.locales.is_empty() && site.select_locales(&opts.locales)? != locales {
        return Err(Error::Usage(format!(
            "--locale: the shards were built for {}; merge them without --locale",
            codes.join(", ")
        )));
    }

    let staging = Staging::new(&out)?;
    let mut summaries = Vec::new();
    let mut status = SiteStatus::default();
    let mut search: Option<Vec<crate::search::Record>> = None;
    for (dir, m) in manifests {
        link_tree(&dir, &staging)?;
        summaries.extend(m.pages);
        status.add(m.status);
        if let Some(pages) = m.search {
            search.get_or_insert_with(Vec::new).extend(pages);
        }
    }
    summaries.sort_by(|a, b| (a.locale, &a.rel).cmp(&(b.locale, &b.rel)));
    if let Some(s) = &mut search {
        s.sort();
    }
    let i18n = I18n::load(&site.config, &site.root)?;
    let templates = Templates::load(&site.config.templates_dir, &site.root)?;
    let renderer = Renderer::new(&site, &i18n, &templates).for_locales(&locales);
    crate::build::finish(&renderer, &locales, &summaries, &status, search.as_deref(), &staging)?;
    let stale_removed = staging.stale_removed();
    staging.commit()?;
    let mut report = crate::build::report(&site, &locales, &summaries, &status, Vec::new(), &out, started);
    report.stale_removed = stale_removed;
    Ok(report)
}

/// Reads the manifest of every part and checks that they are the shards
/// 1..=N of one build of `site`.
fn read_manifests(site: &Site, parts: &[PathBuf]) -> Result<Vec<(PathBuf, Manifest)>> {
    if parts.is_empty() {
        return Err(Error::Usage("--merge needs the output folders of the shards".into()));
    }
    let mut out: Vec<(PathBuf, Manifest)> = Vec::new();
    for dir in parts {
        let path = dir.join(MANIFEST);
        let bytes = std::fs::read(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::Usage(format!(
                    "--merge {}: no {MANIFEST} in it; merge the output folders of `locdoc build --shard I/N`",
                    dir.display()
                ))
            } else {
                Error::io("read", &path, e)
            }
        })?;
        let m: Manifest = serde_json::from_slice(&bytes).map_err(|e| {
            Error::Usage(format!(
                "--merge {}: {MANIFEST} is not a shard manifest this locdoc reads ({e}); rebuild the shard",
                dir.display()
            ))
        })?;
        let version = env!("CARGO_PKG_VERSION");
        if m.format != FORMAT || m.locdoc != version {
            return Err(Error::Usage(format!(
                "--merge {}: written by locdoc {} (manifest format {}); this is locdoc {version}: build every shard and the merge with the same locdoc",
                dir.display(),
                m.locdoc,
                m.format
            )));
        }
        if m.search.is_some() != site.config.build.search {
            let (part, merge) = if m.search.is_some() {
                ("with", "without")
            } else {
                ("without", "with")
            };
            return Err(Error::Usage(format!(
                "--merge {}: the shard was built {part} search and the merge would be {merge}: give --no-search to every shard and to the merge, or to none",
                dir.display()
            )));
        }
        if let Some(unknown) = m
            .locales
            .iter()
            .find(|c| !site.config.locales.iter().any(|l| &l.code == *c))
        {
            return Err(Error::Usage(format!(
                "--merge {}: built for locale {unknown}, which site.toml does not list; is it a shard of this site?",
                dir.display()
            )));
        }
        if let Some((first, f)) = out.first()
            && (f.shard.count != m.shard.count || f.locales != m.locales)
        {
            return Err(Error::Usage(format!(
                "--merge: {} is shard {} for {}, but {} is shard {} for {}: merge the shards of one build",
                first.display(),
                f.shard,
                f.locales.join(","),
                dir.display(),
                m.shard,
                m.locales.join(",")
            )));
        }
        if let Some((other, _)) = out.iter().find(|(_, o)| o.shard.index == m.shard.index) {
            return Err(Error::Usage(format!(
                "--merge: {} and {} are both shard {}",
                other.display(),
                dir.display(),
                m.shard
            )));
        }
        out.push((dir.clone(), m));
    }
    let count = out[0].1.shard.count;
    let missing: Vec<String> = (1..=count)
        .filter(|i| !out.iter().any(|(_, m)| m.shard.index == *i))
        .map(|i| format!("{i}/{count}"))
        .collect();
    if !missing.is_empty() {
        return Err(Error::Usage(format!(
            "--merge: shard {} missing; merge all {count} shards",
            missing.join(", ")
        )));
    }
    // The shards must cover this site's pages as they are now.
    let total = site.urls.len();
    for (dir, m) in &out {
        if m.site_pages != total {
            return Err(Error::Usage(format!(
                "--merge {}: shard {} was built from {} pages; the site has {total} now: rebuild the shards from the same content",
                dir.display(),
                m.shard,
                m.site_pages
            )));
        }
        let mine = m.shard.pages(site);
        if let Some(s) = m.pages.iter().find(|s| !mine.contains(s.rel.as_str())) {
            return Err(Error::Usage(format!(
                "--merge {}: shard {} has page {}, which this site puts in another shard ({total} pages now): rebuild the shards from the same content",
                dir.display(),
                m.shard,
                s.rel
            )));
        }
    }
    out.sort_by_key(|(_, m)| m.shard.index);
    Ok(out)
}

/// Puts every file of a shard's output (but its manifest and marker) into
/// the staging folder: a hard link where the file system allows it, else a
/// copy. A file that two shards both wrote is an error.
fn link_tree(dir: &Path, staging: &Staging) -> Result<()> {
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(|e| Error::walk(dir, e))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = crate::diag::rel_path(dir, entry.path());
        if rel == MANIFEST || rel == MARKER {
            continue;
        }
        staging.link(entry.path(), &rel).map_err(|e| match e {
            Error::Io { source, .. } if source.kind() == std::io::ErrorKind::AlreadyExists => Error::Usage(format!(
                "--merge: {rel} is in {} and in another shard: merge the shards of one build",
                dir.display()
            )),
            e => e,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_as_i_of_n() {
        assert_eq!("2/4".parse::<Shard>(), Ok(Shard { index: 2, count: 4 }));
        assert_eq!(" 1 / 1 ".parse::<Shard>(), Ok(Shard { index: 1, count: 1 }));
        for bad in ["0/4", "5/4", "4", "a/b", "1/0", "", "/"] {
            let e = bad.parse::<Shard>().unwrap_err();
            assert!(e.contains("I/N"), "{bad}: {e}");
        }
    }

    #[test]
    fn shards_split_the_pages_into_disjoint_runs_of_equal_length() {
        for total in [0usize, 1, 2, 3, 7, 100, 1001] {
            for count in 1..=9 {
                let mut sizes = vec![0usize; count];
                for pos in 0..total {
                    let owners: Vec<usize> = (1..=count)
                        .filter(|&index| Shard { index, count }.owns(pos, total))
                        .collect();
                    assert_eq!(owners.len(), 1, "page {pos} of {total} in {count} shards");
                    sizes[owners[0] - 1] += 1;
                }
                let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
                assert!(max - min <= 1, "{total} pages in {count} shards: {sizes:?}");
            }
        }
    }
}
