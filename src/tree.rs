//! Walking the site's folders (`content/`, `static/`) without leaving the
//! site.
//!
//! Symbolic links are followed only where they stay inside the site: a link
//! to a file or a folder outside it is left out with `warning[outside-link]`
//! (a folder is then not walked at all), a link to a folder that holds it
//! with `warning[link-loop]`, and a link that leads nowhere with
//! `warning[dangling-link]`. Each is reported once, for the link itself.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Error, Result, display_path};

/// The folders links may lead into: the site root and the content folder
/// (which `--content` may put elsewhere), canonical.
pub fn site_roots(root: &Path, content: &Path) -> Vec<PathBuf> {
    [root, content]
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect()
}

/// What [`files`] found.
#[derive(Debug, Default)]
pub struct Walked {
    /// Every file, in file-name order within each folder.
    pub files: Vec<walkdir::DirEntry>,
    /// The links left out, one warning each.
    pub warnings: Vec<Diagnostic>,
}

/// The files under `dir`, following symbolic links that stay inside `roots`
/// (see the module). `root` is the site root, for the paths shown in
/// warnings. With `skip_hidden`, names starting with `.` are left out.
pub fn files(dir: &Path, roots: &[PathBuf], root: &Path, skip_hidden: bool) -> Result<Walked> {
    let mut out = Walked::default();
    let mut outside = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if skip_hidden && e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.') {
                return false;
            }
            // Checked before walkdir reads a linked folder: a link out of
            // the site is never walked.
            if e.path_is_symlink() && !stays_inside(e.path(), roots) {
                outside.push(e.path().to_path_buf());
                return false;
            }
            true
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => out.files.push(e),
            Ok(_) => {}
            Err(e) if e.loop_ancestor().is_some() => {
                let path = e.path().unwrap_or(dir);
                out.warnings.push(loop_warning(root, path));
            }
            Err(e) if is_dangling(&e) => {
                let path = e.path().unwrap_or(dir);
                out.warnings.push(dangling_warning(root, path));
            }
            Err(e) => return Err(Error::walk(dir, e)),
        }
    }
    out.warnings.extend(outside.iter().map(|p| outside_warning(root, p)));
    out.warnings.sort_by(|a, b| a.message.cmp(&b.message));
    Ok(out)
}

/// A symbolic link whose target does not exist.
fn is_dangling(e: &walkdir::Error) -> bool {
    e.io_error().is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
        && e.path()
            .and_then(|p| std::fs::symlink_metadata(p).ok())
            .is_some_and(|m| m.file_type().is_symlink())
}

fn loop_warning(root: &Path, path: &Path) -> Diagnostic {
    Diagnostic::warning(
        "link-loop",
        format!(
            "{} is a symbolic link to a folder that contains it; it is left out",
            display_path(root, path)
        ),
    )
    .help("remove the link, or point it at a folder beside it")
}

fn dangling_warning(root: &Path, path: &Path) -> Diagnostic {
    Diagnostic::warning(
        "dangling-link",
        format!(
            "{} is a symbolic link to nothing; it is left out",
            display_path(root, path)
        ),
    )
    .help("remove the link, or create the file it points to")
}

/// True when `path`, with every symbolic link resolved, is inside one of
/// `roots` (already canonical). Links out of the site are never read: a
/// translation could otherwise publish any file of the machine.
pub fn stays_inside(path: &Path, roots: &[PathBuf]) -> bool {
    std::fs::canonicalize(path).is_ok_and(|real| roots.iter().any(|r| real.starts_with(r)))
}

/// A warning for a link out of the site (to a file, or a folder that is
/// then not walked).
pub fn outside_warning(root: &Path, path: &Path) -> Diagnostic {
    let what = if path.is_dir() { "folder" } else { "file" };
    Diagnostic::warning(
        "outside-link",
        format!(
            "{} is a symbolic link to a {what} outside the site; it is left out",
            display_path(root, path)
        ),
    )
    .help(format!("copy the {what} into the site instead of linking to it"))
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::symlink;

    use super::*;

    fn names(w: &Walked, dir: &Path) -> Vec<String> {
        w.files.iter().map(|e| crate::diag::rel_path(dir, e.path())).collect()
    }

    #[test]
    fn links_to_folders_outside_the_site_are_not_walked() {
        let site = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::write(elsewhere.path().join("secret.md"), "x").unwrap();
        let dir = site.path().join("content/en-US");
        std::fs::create_dir_all(dir.join("events")).unwrap();
        std::fs::write(dir.join("events/a.md"), "a").unwrap();
        symlink(elsewhere.path(), dir.join("x")).unwrap();
        // A link inside the site is followed.
        symlink(dir.join("events"), dir.join("alias")).unwrap();
        let roots = site_roots(site.path(), &site.path().join("content"));
        let w = files(&dir, &roots, site.path(), true).unwrap();
        assert_eq!(names(&w, &dir), ["alias/a.md", "events/a.md"]);
        assert_eq!(w.warnings.len(), 1, "{:?}", w.warnings);
        assert_eq!(w.warnings[0].code, "outside-link");
        assert!(w.warnings[0].message.starts_with("content/en-US/x is a symbolic link"));
    }

    #[test]
    fn loops_and_dangling_links_are_warnings_not_failures() {
        let site = tempfile::tempdir().unwrap();
        let dir = site.path().join("static");
        std::fs::create_dir_all(dir.join("a")).unwrap();
        std::fs::write(dir.join("a/f.txt"), "f").unwrap();
        symlink(&dir, dir.join("a/up")).unwrap();
        symlink(dir.join("nothing"), dir.join("gone.txt")).unwrap();
        let roots = site_roots(site.path(), &site.path().join("content"));
        let w = files(&dir, &roots, site.path(), false).unwrap();
        assert_eq!(names(&w, &dir), ["a/f.txt"]);
        let codes: Vec<&str> = w.warnings.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["link-loop", "dangling-link"], "{:?}", w.warnings);
        assert!(w.warnings[0].message.contains("static/a/up"));
        assert!(w.warnings[1].message.contains("static/gone.txt"));
    }

    #[test]
    fn a_linked_locale_folder_outside_the_site_is_not_walked() {
        let site = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::write(elsewhere.path().join("p.md"), "x").unwrap();
        std::fs::create_dir_all(site.path().join("content")).unwrap();
        let dir = site.path().join("content/cs-CZ");
        symlink(elsewhere.path(), &dir).unwrap();
        let roots = site_roots(site.path(), &site.path().join("content"));
        let w = files(&dir, &roots, site.path(), true).unwrap();
        assert!(w.files.is_empty());
        assert_eq!(w.warnings.len(), 1);
        assert_eq!(w.warnings[0].code, "outside-link");
    }
}
