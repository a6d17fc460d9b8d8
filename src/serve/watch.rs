//! Watching the site's files with `notify`. Events are batched until the
//! files have been quiet for [`QUIET`] (an editor's save is a burst of
//! writes, renames and chmods within a millisecond or two), at most
//! [`MAX_WAIT`]; a fixed debounce would add its whole window to every
//! reload.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecursiveMode, Watcher as _};

use super::state::Dirs;
use crate::diag::{Diagnostic, Error, Result};

/// A batch ends when no event came for this long...
pub const QUIET: Duration = Duration::from_millis(3);
/// ...or when it is this old (a tool writing many files).
pub const MAX_WAIT: Duration = Duration::from_millis(100);

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

/// A running watcher; dropping it stops watching (and its batching thread).
pub struct Watcher {
    _watcher: Arc<Mutex<notify::RecommendedWatcher>>,
}

/// Watches the site root (for `site.toml`) and the content, templates,
/// locales and static folders, sending each batch of changed paths to `tx`.
/// A folder created later (a first `static/`) is watched from the batch
/// that saw it appear, before that batch is rebuilt.
pub fn watch(dirs: &Dirs, tx: Sender<Vec<PathBuf>>) -> Result<Watcher> {
    let (raw_tx, raw_rx) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher = notify::recommended_watcher(raw_tx).map_err(|e| watch_error(&dirs.root, e))?;
    watcher
        .watch(&dirs.root, RecursiveMode::NonRecursive)
        .map_err(|e| watch_error(&dirs.root, e))?;
    let mut absent = Vec::new();
    for d in [&dirs.content, &dirs.templates, &dirs.locales, &dirs.static_] {
        if d.is_dir() {
            watcher
                .watch(d, RecursiveMode::Recursive)
                .map_err(|e| watch_error(d, e))?;
        } else {
            absent.push(d.clone());
        }
    }
    let watcher = Arc::new(Mutex::new(watcher));
    let adopter = Arc::downgrade(&watcher);
    let mut adopt = move |_: &[PathBuf]| {
        let Some(w) = adopter.upgrade() else { return };
        let mut w = w.lock().unwrap_or_else(|e| e.into_inner());
        absent.retain(|d| {
            if !d.is_dir() {
                return true;
            }
            if let Err(e) = w.watch(d, RecursiveMode::Recursive) {
                eprintln!("{}", watch_error(d, e));
            }
            false
        });
    };
    std::thread::spawn(move || {
        // Batching cannot panic on any path; were it to, it starts over
        // rather than stop the watching.
        while std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            batch(&raw_rx, &tx, QUIET, MAX_WAIT, &mut adopt)
        }))
        .is_err()
        {}
    });
    Ok(Watcher { _watcher: watcher })
}

/// Turns the watcher's events into batches of changed paths until either
/// side hangs up; `before_send` sees each batch before it goes.
fn batch(
    rx: &Receiver<notify::Result<Event>>,
    tx: &Sender<Vec<PathBuf>>,
    quiet: Duration,
    max_wait: Duration,
    before_send: &mut dyn FnMut(&[PathBuf]),
) {
    let add = |paths: &mut Vec<PathBuf>, event: notify::Result<Event>| match event {
        Ok(e) if !matches!(e.kind, EventKind::Access(_) | EventKind::Other) => {
            paths.extend(e.paths.into_iter().filter(|p| !is_noise(p)));
        }
        Ok(_) => {}
        Err(e) => eprintln!("warning: file watcher: {e}"),
    };
    while let Ok(first) = rx.recv() {
        let started = Instant::now();
        let mut paths = Vec::new();
        add(&mut paths, first);
        let mut open = true;
        while let Some(left) = max_wait.checked_sub(started.elapsed()) {
            match rx.recv_timeout(quiet.min(left)) {
                Ok(e) => add(&mut paths, e),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    open = false;
                    break;
                }
            }
        }
        paths.sort();
        paths.dedup();
        if !paths.is_empty() {
            before_send(&paths);
        }
        if !paths.is_empty() && tx.send(paths).is_err() {
            return;
        }
        if !open {
            return;
        }
    }
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

    fn modified(p: &str) -> notify::Result<Event> {
        Ok(Event::new(EventKind::Modify(notify::event::ModifyKind::Any)).add_path(PathBuf::from(p)))
    }

    #[test]
    fn a_burst_of_events_becomes_one_batch_without_noise_or_access() {
        let (raw_tx, raw_rx) = mpsc::channel();
        let (tx, rx) = mpsc::channel();
        raw_tx.send(modified("c/a.md")).unwrap();
        raw_tx.send(modified("c/.a.md.swp")).unwrap();
        raw_tx
            .send(Ok(
                Event::new(EventKind::Access(notify::event::AccessKind::Any)).add_path("c/b.md".into())
            ))
            .unwrap();
        raw_tx.send(modified("c/a.md")).unwrap();
        raw_tx.send(modified("c/c.md")).unwrap();
        drop(raw_tx);
        batch(
            &raw_rx,
            &tx,
            Duration::from_secs(5),
            Duration::from_secs(5),
            &mut |_| {},
        );
        assert_eq!(
            rx.try_recv().unwrap(),
            vec![PathBuf::from("c/a.md"), PathBuf::from("c/c.md")]
        );
        assert!(rx.try_recv().is_err(), "one batch");
    }

    #[test]
    fn a_quiet_gap_ends_a_batch() {
        let (raw_tx, raw_rx) = mpsc::channel();
        let (tx, rx) = mpsc::channel();
        let sender = std::thread::spawn(move || {
            raw_tx.send(modified("a.md")).unwrap();
            std::thread::sleep(Duration::from_millis(300));
            raw_tx.send(modified("b.md")).unwrap();
        });
        batch(
            &raw_rx,
            &tx,
            Duration::from_millis(50),
            Duration::from_secs(5),
            &mut |_| {},
        );
        sender.join().unwrap();
        assert_eq!(rx.try_recv().unwrap(), vec![PathBuf::from("a.md")]);
        assert_eq!(rx.try_recv().unwrap(), vec![PathBuf::from("b.md")]);
    }
}
