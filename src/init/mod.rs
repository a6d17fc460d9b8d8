//! `locdoc init [DIR]`: a new site to start from — a commented `site.toml`,
//! one English page and its German translation in sxs form, the folders,
//! and a `.gitignore` for the output. It never writes into a folder that
//! holds anything.

use std::path::{Path, PathBuf};

use crate::diag::{Error, Result};

/// The files of a new site, by path relative to its root.
pub const FILES: &[(&str, &str)] = &[
    ("site.toml", include_str!("site.toml")),
    ("content/en-US/getting-started.md", include_str!("en-US.md")),
    ("content/de-DE/getting-started.md", include_str!("de-DE.md")),
    (".gitignore", "/public/\n"),
];

/// Empty folders a new site has, for the user to fill.
pub const FOLDERS: &[&str] = &["locales", "static", "templates"];

/// Creates a new site in `dir` (made if missing); returns the paths written,
/// relative to `dir`. A folder that holds anything is refused (a usage
/// error): nothing of the user's is ever overwritten.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(Error::Usage(format!(
                    "{} is not empty; `locdoc init` starts a site only in a new or empty folder \
                     (try `locdoc init my-docs`)",
                    dir.display()
                )));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            return Err(Error::Usage(format!("{} is a file, not a folder", dir.display())));
        }
        Err(e) => return Err(Error::io("read", dir, e)),
    }
    let mut written = Vec::new();
    for folder in FOLDERS {
        let p = dir.join(folder);
        std::fs::create_dir_all(&p).map_err(|e| Error::io("create", &p, e))?;
    }
    for (rel, text) in FILES {
        let p = dir.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
        }
        std::fs::write(&p, text).map_err(|e| Error::io("write", &p, e))?;
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_folder_that_holds_anything() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("notes.txt"), "mine").unwrap();
        let e = init(d.path()).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert_eq!(std::fs::read_to_string(d.path().join("notes.txt")).unwrap(), "mine");
        assert!(!d.path().join("site.toml").exists());
    }

    #[test]
    fn makes_a_missing_folder_and_an_empty_one() {
        let d = tempfile::tempdir().unwrap();
        let new = d.path().join("a/b");
        init(&new).unwrap();
        assert!(new.join("site.toml").is_file());
        assert!(new.join("static").is_dir());
        let empty = d.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        assert_eq!(init(&empty).unwrap().len(), FILES.len());
    }
}
