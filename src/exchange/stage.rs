//! Writing files all at once: each staged as a temporary file beside its
//! place, then renamed into it (an atomic replace on one file system); a
//! rename that fails puts back the files already replaced.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::{Error, Result};

/// A page to write.
pub(super) struct Change {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    /// The file's bytes before, or `None` for a new page.
    pub original: Option<Vec<u8>>,
    pub created: bool,
}

/// Writes one file through a temporary file beside it.
pub(super) fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = stage(path, bytes, None)?;
    tmp.persist(path).map_err(|e| Error::io("write", path, e.error))?;
    Ok(())
}

fn stage(path: &Path, bytes: &[u8], mode_of: Option<&Path>) -> Result<tempfile::NamedTempFile> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".locdoc-import-")
        .tempfile_in(dir)
        .map_err(|e| Error::io("write", dir, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io("write", path, e))?;
    tmp.flush().map_err(|e| Error::io("write", path, e))?;
    let perms = mode_of
        .and_then(|p| std::fs::metadata(p).ok())
        .map(|m| m.permissions())
        .or_else(default_permissions);
    if let Some(p) = perms {
        let _ = std::fs::set_permissions(tmp.path(), p);
    }
    Ok(tmp)
}

/// Pages locdoc creates: readable by all, as an editor would save them.
#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

/// Writes every change, or none: each page is staged beside its file
/// first; only when all are staged are they renamed into place, and a
/// rename that fails puts the pages already renamed back.
pub(super) fn write_all(changes: &[Change]) -> Result<()> {
    let mut staged = Vec::with_capacity(changes.len());
    for c in changes {
        let mode_of = c.original.as_ref().map(|_| c.path.as_path());
        staged.push(stage(&c.path, &c.bytes, mode_of)?);
    }
    for (i, tmp) in staged.into_iter().enumerate() {
        if let Err(e) = tmp.persist(&changes[i].path) {
            for c in &changes[..i] {
                let _ = match &c.original {
                    Some(b) => std::fs::write(&c.path, b),
                    None => std::fs::remove_file(&c.path),
                };
            }
            return Err(Error::io("write", &changes[i].path, e.error));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(path: PathBuf, bytes: &str, original: Option<&str>) -> Change {
        Change {
            path,
            bytes: bytes.as_bytes().to_vec(),
            original: original.map(|o| o.as_bytes().to_vec()),
            created: original.is_none(),
        }
    }

    #[test]
    fn a_rename_failing_part_way_puts_back_the_pages_already_written() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old.md");
        std::fs::write(&old, "before").unwrap();
        let new = dir.path().join("sub/new.md");
        // A folder where the last page goes: its rename fails after the
        // first two pages are in place.
        let blocked = dir.path().join("blocked.md");
        std::fs::create_dir(&blocked).unwrap();
        std::fs::write(blocked.join("keep"), "x").unwrap();
        let changes = [
            change(old.clone(), "after", Some("before")),
            change(new.clone(), "created", None),
            change(blocked.clone(), "never", Some("")),
        ];
        let err = write_all(&changes).unwrap_err();
        assert!(err.to_string().contains("blocked.md"), "{err}");
        assert_eq!(std::fs::read_to_string(&old).unwrap(), "before");
        assert!(!new.exists(), "a created page stayed");
        assert!(blocked.join("keep").exists());
        let left: Vec<_> = walkdir::WalkDir::new(dir.path())
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with(".locdoc-import-"))
            .map(|e| e.into_path())
            .collect();
        assert!(left.is_empty(), "staged files left behind: {left:?}");
        // Without the obstacle, every page is written.
        std::fs::remove_dir_all(&blocked).unwrap();
        write_all(&changes).unwrap();
        assert_eq!(std::fs::read_to_string(&old).unwrap(), "after");
        assert_eq!(std::fs::read_to_string(&new).unwrap(), "created");
        assert_eq!(std::fs::read_to_string(&blocked).unwrap(), "never");
    }
}
