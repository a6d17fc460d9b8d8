//! Updating an output folder in place (an incremental build): only the
//! files that differ from the previous output are staged; the commit
//! removes the files the new output lacks and renames the staged ones into
//! place.
//!
//! Until the commit the previous output is untouched, so a build that fails
//! leaves it as it was. The commit itself is many renames, not one: a build
//! killed during it leaves a mix of the two outputs, which the next build
//! replaces whole (the incremental cache that describes the output is
//! removed before the commit and written again only after it).

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diag::{Error, Result};

/// The output folder being updated and the files it holds.
pub(super) struct Previous {
    out: PathBuf,
    /// `out`, absolute, to recognise links from it.
    out_abs: PathBuf,
    files: HashSet<String>,
}

impl Previous {
    pub(super) fn new(out: &Path, files: Vec<String>) -> Previous {
        Previous {
            out: out.to_path_buf(),
            out_abs: std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf()),
            files: files.into_iter().collect(),
        }
    }

    /// True when the output already holds `bytes` at `rel`.
    pub(super) fn holds(&self, rel: &str, bytes: &[u8]) -> bool {
        if !self.files.contains(rel) {
            return false;
        }
        let path = self.out.join(rel);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {}
            _ => return false,
        }
        std::fs::read(&path).is_ok_and(|old| old == bytes)
    }

    /// True when the output already holds a copy of file `from` at `rel`.
    pub(super) fn holds_copy(&self, rel: &str, from: &Path) -> bool {
        if !self.files.contains(rel) {
            return false;
        }
        let path = self.out.join(rel);
        let (Ok(a), Ok(b)) = (std::fs::metadata(from), std::fs::symlink_metadata(&path)) else {
            return false;
        };
        if !b.is_file() || a.len() != b.len() {
            return false;
        }
        same_bytes(from, &path).unwrap_or(false)
    }

    /// True when `from` is the output's own file at `rel` (a page taken
    /// unchanged from the previous output): nothing to do.
    pub(super) fn is_own(&self, from: &Path, rel: &str) -> bool {
        self.files.contains(rel) && (from == self.out_abs.join(rel) || from == self.out.join(rel))
    }

    /// Makes `out` the new output: removes the files of the previous output
    /// that are not among `files` (and the folders that leaves empty), then
    /// renames every file staged in `staging` into place.
    pub(super) fn commit(self, staging: &Path, out: &Path, files: &[String]) -> Result<()> {
        let keep: HashSet<&str> = files.iter().map(String::as_str).collect();
        let mut gone: Vec<&String> = self.files.iter().filter(|f| !keep.contains(f.as_str())).collect();
        gone.sort_unstable();
        for rel in gone {
            let path = out.join(rel);
            match std::fs::remove_file(&path) {
                Ok(()) => prune(out, &path),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io("remove", &path, e)),
            }
        }
        for rel in files {
            let from = staging.join(rel);
            if !std::fs::symlink_metadata(&from).is_ok_and(|m| m.is_file()) {
                continue;
            }
            let to = out.join(rel);
            if let Some(p) = to.parent() {
                std::fs::create_dir_all(p).map_err(|e| Error::io("create", p, e))?;
            }
            std::fs::rename(&from, &to).map_err(|e| Error::io("move the new build into", &to, e))?;
        }
        Ok(())
    }
}

/// Removes the folders above `removed` that are left empty, up to `out`.
fn prune(out: &Path, removed: &Path) {
    let mut dir = removed.parent();
    while let Some(d) = dir {
        if d == out || !d.starts_with(out) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// True when files `a` and `b` (of equal length) hold the same bytes.
fn same_bytes(a: &Path, b: &Path) -> std::io::Result<bool> {
    let (mut fa, mut fb) = (std::fs::File::open(a)?, std::fs::File::open(b)?);
    let (mut ba, mut bb) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    loop {
        let n = fa.read(&mut ba)?;
        if n == 0 {
            return Ok(fb.read(&mut bb[..1])? == 0);
        }
        fb.read_exact(&mut bb[..n])?;
        if ba[..n] != bb[..n] {
            return Ok(false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Staging;

    fn files(dir: &std::path::Path) -> Vec<String> {
        let mut v: Vec<String> = walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| crate::diag::rel_path(dir, e.path()))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn an_update_writes_what_changed_and_removes_what_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = Staging::new(&out).unwrap();
        s.write("a/index.html", b"a").unwrap();
        s.write("b/c/index.html", b"b").unwrap();
        s.write("same.txt", b"same").unwrap();
        let listed = s.commit().unwrap();
        assert_eq!(listed, ["a/index.html", "b/c/index.html", "same.txt"]);
        let mtime = std::fs::metadata(out.join("same.txt")).unwrap().modified().unwrap();

        let s = Staging::update(&out, listed).unwrap();
        s.link(&out.join("a/index.html"), "a/index.html").unwrap();
        s.write("same.txt", b"same").unwrap();
        s.write("new/index.html", b"new").unwrap();
        // Not yet: the previous output is untouched until the commit.
        assert!(!out.join("new/index.html").exists());
        assert!(out.join("b/c/index.html").exists());
        let listed = s.commit().unwrap();
        assert_eq!(listed, ["a/index.html", "new/index.html", "same.txt"]);
        assert_eq!(
            files(&out),
            [".locdoc-output", "a/index.html", "new/index.html", "same.txt"]
        );
        assert!(!out.join("b").exists(), "emptied folders are removed");
        assert_eq!(std::fs::read(out.join("new/index.html")).unwrap(), b"new");
        assert_eq!(
            std::fs::metadata(out.join("same.txt")).unwrap().modified().unwrap(),
            mtime,
            "an unchanged file is not written again"
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no staging folder left"
        );
    }

    #[test]
    fn a_dropped_update_leaves_the_output_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = Staging::new(&out).unwrap();
        s.write("a/index.html", b"a").unwrap();
        let listed = s.commit().unwrap();
        {
            let s = Staging::update(&out, listed).unwrap();
            s.write("a/index.html", b"changed").unwrap();
            s.write("b/index.html", b"b").unwrap();
        }
        assert_eq!(files(&out), [".locdoc-output", "a/index.html"]);
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"a");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_file_may_become_a_folder_and_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = Staging::new(&out).unwrap();
        s.write("x", b"file").unwrap();
        let listed = s.commit().unwrap();
        let s = Staging::update(&out, listed).unwrap();
        s.write("x/index.html", b"folder").unwrap();
        let listed = s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("x/index.html")).unwrap(), b"folder");
        let s = Staging::update(&out, listed).unwrap();
        s.write("x", b"file again").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("x")).unwrap(), b"file again");
    }

    #[test]
    fn a_copy_of_unchanged_bytes_is_not_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let src = dir.path().join("logo.svg");
        std::fs::write(&src, "<svg/>").unwrap();
        let s = Staging::new(&out).unwrap();
        s.copy(&src, "logo.svg").unwrap();
        let listed = s.commit().unwrap();
        let s = Staging::update(&out, listed.clone()).unwrap();
        s.copy(&src, "logo.svg").unwrap();
        assert!(!s.path().join("logo.svg").exists(), "nothing staged");
        s.commit().unwrap();
        std::fs::write(&src, "<svg></svg>").unwrap();
        let s = Staging::update(&out, listed).unwrap();
        s.copy(&src, "logo.svg").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("logo.svg")).unwrap(), b"<svg></svg>");
    }
}
