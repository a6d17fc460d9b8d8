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
