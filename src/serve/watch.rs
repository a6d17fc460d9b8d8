//! Watching the site's files: `notify` with a short debounce, so an editor's
//! burst of writes (temp file, rename, chmod) becomes one batch of paths.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::state::Dirs;
use crate::diag::{Diagnostic, Error, Result};

/// How long to wait for more events before rebuilding.
pub const DEBOUNCE: Duration = Duration::from_millis(40);

/// Files editors write on the side: swap files, backups, lock files.
fn is_noise(p: &Path) -> bool {
    let Some(name) = p.file_name().map(|n| n.to_string_lossy()) else {
        return true;
    };
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with(".#")
        || name == "4913"
        || name == ".DS_Store"
}

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

/// Watches the site root (for `site.toml`) and the content, templates,
/// locales and static folders, sending each debounced batch of changed
/// paths to `tx`.
pub fn watch(dirs: &Dirs, tx: Sender<Vec<PathBuf>>) -> Result<Watcher> {
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |res: DebounceEventResult| match res {
        Ok(events) => {
            let mut paths: Vec<PathBuf> = events
                .iter()
                .filter(|e| !matches!(e.kind, EventKind::Access(_) | EventKind::Other))
                .flat_map(|e| e.paths.iter().cloned())
                .filter(|p| !is_noise(p))
                .collect();
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                let _ = tx.send(paths);
            }
        }
        Err(errors) => {
            for e in errors {
                eprintln!("warning: file watcher: {e}");
            }
        }
    })
    .map_err(|e| watch_error(&dirs.root, e))?;
    debouncer
        .watch(&dirs.root, RecursiveMode::NonRecursive)
        .map_err(|e| watch_error(&dirs.root, e))?;
    for d in [&dirs.content, &dirs.templates, &dirs.locales, &dirs.static_] {
        if d.is_dir() {
            debouncer
                .watch(d, RecursiveMode::Recursive)
                .map_err(|e| watch_error(d, e))?;
        }
    }
    Ok(Watcher { _debouncer: debouncer })
}

fn watch_error(path: &Path, e: notify::Error) -> Error {
    Error::config(
        Diagnostic::error("serve", format!("cannot watch {} for changes: {e}", path.display())).help(
            "on Linux, raise fs.inotify.max_user_watches (sysctl) if the limit is reached; `locdoc build` works without watching",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_side_files_are_noise() {
        for n in ["a.md~", ".a.md.swp", ".#a.md", "4913", "x.tmp"] {
            assert!(is_noise(Path::new(n)), "{n}");
        }
        assert!(!is_noise(Path::new("content/cs-CZ/a.md")));
    }
}
