//! Write: put a build in place all at once.
//!
//! Files go into a staging folder beside the output folder. Only when the
//! whole build succeeded is the staging folder swapped in for the output
//! (two renames on the same file system); a failed build deletes the staging
//! folder and leaves the previous output untouched. A marker file tells
//! locdoc an existing output folder is its own, so it never replaces a
//! folder it did not write.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Error, Result};

/// Name of the marker file in every output folder locdoc writes.
pub const MARKER: &str = ".locdoc-output";

/// A build in progress. Dropping it without [`Staging::commit`] deletes
/// everything written so far.
pub struct Staging {
    dir: tempfile::TempDir,
    out: PathBuf,
}

impl Staging {
    /// Prepares a staging folder for output folder `out`. Fails (exit 2) if
    /// `out` exists but is a file, or a non-empty folder without the marker.
    pub fn new(out: &Path) -> Result<Staging> {
        check_replaceable(out)?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| Error::io("create", &parent, e))?;
        let name = out
            .file_name()
            .map_or("out".into(), |n| n.to_string_lossy().into_owned());
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.locdoc-staging-"))
            .tempdir_in(&parent)
            .map_err(|e| Error::io("create a staging folder in", &parent, e))?;
        Ok(Staging {
            dir,
            out: out.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `bytes` to `rel` (a `/`-separated path) inside the staging folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.dir.path().join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).map_err(|e| Error::io("create", p, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io("write", &path, e))
    }

    /// Copies file `from` to `rel` inside the staging folder.
    pub fn copy(&self, from: &Path, rel: &str) -> Result<()> {
        let path = self.dir.path().join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).map_err(|e| Error::io("create", p, e))?;
        }
        std::fs::copy(from, &path)
            .map(|_| ())
            .map_err(|e| Error::io("copy", from, e))
    }

    /// Puts file `from` at `rel` inside the staging folder as a hard link
    /// (no copy of the bytes), or a copy where the file system cannot link.
    /// An existing file at `rel` is an error of kind `AlreadyExists`.
    pub fn link(&self, from: &Path, rel: &str) -> Result<()> {
        let path = self.dir.path().join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).map_err(|e| Error::io("create", p, e))?;
        }
        match std::fs::hard_link(from, &path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(Error::io("link", &path, e)),
            Err(_) => std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .and_then(|mut to| std::io::copy(&mut std::fs::File::open(from)?, &mut to))
                .map(|_| ())
                .map_err(|e| Error::io("copy", from, e)),
        }
    }

    /// Swaps the staging folder in for the output folder.
    pub fn commit(self) -> Result<()> {
        self.write(
            MARKER,
            b"This folder is written by locdoc build; it is replaced on every build.\n",
        )?;
        let staged = self.dir.keep();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // tempfile creates the folder private (0700); published sites
            // must be readable by web servers.
            let _ = std::fs::set_permissions(&staged, std::fs::Permissions::from_mode(0o755));
        }
        let old = if self.out.exists() {
            let name = self
                .out
                .file_name()
                .map_or("out".into(), |n| n.to_string_lossy().into_owned());
            let old = self
                .out
                .with_file_name(format!(".{name}.locdoc-old-{}", std::process::id()));
            if let Err(e) = std::fs::rename(&self.out, &old) {
                let _ = std::fs::remove_dir_all(&staged);
                return Err(Error::io("replace", &self.out, e));
            }
            Some(old)
        } else {
            None
        };
        if let Err(e) = std::fs::rename(&staged, &self.out) {
            if let Some(old) = &old {
                let _ = std::fs::rename(old, &self.out);
            }
            let _ = std::fs::remove_dir_all(&staged);
            return Err(Error::io("move the new build into", &self.out, e));
        }
        if let Some(old) = old {
            let _ = std::fs::remove_dir_all(old);
        }
        Ok(())
    }
}

fn check_replaceable(out: &Path) -> Result<()> {
    let meta = match std::fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io("inspect", out, e)),
    };
    let refuse = |why: &str| {
        Err(Error::config(
            Diagnostic::error("output", format!("refusing to replace {}: {why}", out.display()))
                .help("remove it yourself, or choose another output folder with --out or output_dir in site.toml"),
        ))
    };
    if !meta.is_dir() {
        return refuse("it is not a folder");
    }
    if out.join(MARKER).exists() {
        return Ok(());
    }
    let empty = std::fs::read_dir(out)
        .map_err(|e| Error::io("read", out, e))?
        .next()
        .is_none();
    if empty {
        Ok(())
    } else {
        refuse("it is not empty and was not written by locdoc")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = Staging::new(&out).unwrap();
        s.write("a/index.html", b"one").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");

        let s = Staging::new(&out).unwrap();
        s.write("b/index.html", b"two").unwrap();
        s.commit().unwrap();
        assert!(!out.join("a/index.html").exists());
        assert_eq!(std::fs::read(out.join("b/index.html")).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "staging and old folders are removed");
    }

    #[test]
    fn dropping_without_commit_keeps_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = Staging::new(&out).unwrap();
        s.write("index.html", b"good").unwrap();
        s.commit().unwrap();
        {
            let s = Staging::new(&out).unwrap();
            s.write("index.html", b"half").unwrap();
        }
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"good");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_to_replace_a_folder_it_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("precious.txt"), "x").unwrap();
        let err = Staging::new(dir.path()).err().unwrap();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("not written by locdoc"));
        // An empty folder is fine.
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        assert!(Staging::new(&empty).is_ok());
    }
}
