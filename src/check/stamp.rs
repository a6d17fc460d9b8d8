//! `locdoc stamp`: records in whole-page translations which English they
//! now match, as `source_hash:` in their front matter, so that `check`
//! reports them stale once the English changes. Only that line of a file
//! changes; a file already stamped with the current hash is not written.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Error, Result, display_path};
use crate::load::whole::{SOURCE_HASH, set_front_matter_field};
use crate::site::Site;

/// What stamping did to one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stamped {
    /// `source_hash` was written (`previous`: the value it replaced).
    Written { hash: String, previous: Option<String> },
    /// The file already had the current hash; it was not touched.
    Current,
    /// Not a whole-page translation of an English page: left alone.
    Skipped(String),
}

/// One file given to `stamp`, by its path as shown to users.
#[derive(Clone, Debug)]
pub struct StampResult {
    pub file: String,
    pub stamped: Stamped,
}

/// Stamps every translation (not English page) at or under `paths` that
/// is a whole-page translation with the hash of its English page now.
/// A path that holds no page of the site is a usage error; a page that
/// cannot be read is a content error, after the others are stamped.
pub fn stamp(site: &Site, paths: &[PathBuf]) -> Result<Vec<StampResult>> {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let mut wanted: Vec<(PathBuf, bool)> = paths.iter().map(|p| (canon(p), false)).collect();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (rel, files) in &site.inventory.pages {
        for (locale, file) in files {
            let f = canon(file);
            let mut hit = false;
            for (w, seen) in &mut wanted {
                if f.starts_with(&*w) {
                    *seen = true;
                    hit = true;
                }
            }
            if !hit {
                continue;
            }
            let shown = display_path(&site.root, file);
            if *locale == 0 {
                out.push(StampResult {
                    file: shown,
                    stamped: Stamped::Skipped("an English page (stamp its translations)".into()),
                });
                continue;
            }
            match stamp_one(site, rel, *locale, file) {
                Ok(stamped) => out.push(StampResult { file: shown, stamped }),
                Err(d) => errors.push(d),
            }
        }
    }
    if let Some((w, _)) = wanted.iter().find(|(_, seen)| !seen) {
        return Err(Error::Usage(format!(
            "{}: no page of the site is there (give translation files or folders under the content folder)",
            w.display()
        )));
    }
    if !errors.is_empty() {
        return Err(Error::Content(errors));
    }
    Ok(out)
}

fn stamp_one(site: &Site, rel: &str, locale: usize, file: &Path) -> std::result::Result<Stamped, Diagnostic> {
    let Some(read) = site.translation(rel, locale) else {
        return Ok(Stamped::Skipped("not a page of the site".into()));
    };
    let tr = read?;
    let Some(whole) = tr.whole else {
        let why = if site.sources.contains_key(rel) {
            if tr.sxs.segments.is_empty() && tr.sxs.diagnostics.is_empty() {
                "it has no text"
            } else {
                "it has sxs segments, which record their English themselves"
            }
        } else {
            "it has no English page"
        };
        return Ok(Stamped::Skipped(why.into()));
    };
    if whole.is_current() {
        return Ok(Stamped::Current);
    }
    let io = |e: std::io::Error| {
        Diagnostic::error("io", format!("cannot stamp {}: {e}", tr.page.src.display))
            .at(crate::diag::Location::file(tr.page.src.display.clone()))
            .help("check that the file is writable")
    };
    let raw = std::fs::read_to_string(file).map_err(io)?;
    let Some(new) = set_front_matter_field(&raw, SOURCE_HASH, &whole.current) else {
        return Ok(Stamped::Skipped("its front matter could not be found".into()));
    };
    if new != raw {
        std::fs::write(file, new).map_err(io)?;
    }
    Ok(Stamped::Written {
        hash: whole.current,
        previous: whole.recorded,
    })
}
