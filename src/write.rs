//! Write: put a build in place all at once.
//!
//! Files go into a staging folder beside the output folder. Only when the
//! whole build succeeded is the staging folder swapped in for the output
//! (two renames on the same file system); a failed build deletes the staging
//! folder and leaves the previous output untouched. A marker file tells
//! locdoc an existing output folder is its own, so it never replaces a
//! folder it did not write.
//!
//! An incremental build ([`Staging::update`]) stages only the files that
//! changed: at the commit, the files of the previous output that the new
//! one lacks are removed and the staged files are renamed into place, one
//! by one; everything else stays where it is (see `update.rs`).
//!
//! A build that is killed (`kill -9`, a power cut) leaves its staging folder
//! behind. Each staging folder holds a marker of its own with the building
//! process's id, locked (an advisory file lock) while the build runs; the
//! next build of the same output removes the staging folders whose marker
//! is no longer locked and whose process is gone, and nothing else.

use std::fs::{File, TryLockError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diag::{Diagnostic, Error, Result};

mod update;

/// Name of the marker file in every output folder locdoc writes.
pub const MARKER: &str = ".locdoc-output";

/// Name of the marker file in a staging folder while its build runs:
/// `pid <process id>`, locked by the building process.
pub const STAGING_MARKER: &str = ".locdoc-staging";

/// A build in progress. Dropping it without [`Staging::commit`] deletes
/// everything written so far.
pub struct Staging {
    // Dropped in this order: the folder is deleted while its marker is
    // still locked.
    dir: tempfile::TempDir,
    out: PathBuf,
    /// The open staging marker, which holds the lock.
    _marker: File,
    stale_removed: usize,
    /// Every path of the new output: written, copied or linked.
    files: Mutex<Vec<String>>,
    /// Updating the output in place: what it holds now.
    update: Option<update::Previous>,
}

impl Staging {
    /// Prepares a staging folder for output folder `out`. Fails (exit 2) if
    /// `out` exists but is a file, or a non-empty folder without the marker.
    pub fn new(out: &Path) -> Result<Staging> {
        Staging::make(out, None)
    }

    /// Prepares to update output folder `out` in place: `files` are the
    /// paths it holds (as the [`Staging::commit`] that wrote it returned
    /// them). Only what differs from it is staged; a file linked from `out`
    /// to its own path is left where it is.
    pub fn update(out: &Path, files: Vec<String>) -> Result<Staging> {
        Staging::make(out, Some(update::Previous::new(out, files)))
    }

    fn make(out: &Path, update: Option<update::Previous>) -> Result<Staging> {
        check_replaceable(out)?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| Error::io("create", &parent, e))?;
        let name = out
            .file_name()
            .map_or("out".into(), |n| n.to_string_lossy().into_owned());
        let prefix = format!(".{name}.locdoc-staging-");
        let stale_removed = remove_stale(&parent, &prefix);
        let dir = tempfile::Builder::new()
            .prefix(&prefix)
            .tempdir_in(&parent)
            .map_err(|e| Error::io("create a staging folder in", &parent, e))?;
        let marker = mark(dir.path())?;
        Ok(Staging {
            dir,
            out: out.to_path_buf(),
            _marker: marker,
            stale_removed,
            files: Mutex::new(Vec::new()),
            update,
        })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// How many staging folders of interrupted builds of the same output
    /// were removed when this one was made.
    pub fn stale_removed(&self) -> usize {
        self.stale_removed
    }

    /// Writes `bytes` to `rel` (a `/`-separated path) inside the staging folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        self.record(rel);
        if self.update.as_ref().is_some_and(|u| u.holds(rel, bytes)) {
            return Ok(());
        }
        let path = self.dir.path().join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).map_err(|e| Error::io("create", p, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io("write", &path, e))
    }

    /// Copies file `from` to `rel` inside the staging folder.
    pub fn copy(&self, from: &Path, rel: &str) -> Result<()> {
        self.record(rel);
        if self.update.as_ref().is_some_and(|u| u.holds_copy(rel, from)) {
            return Ok(());
        }
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
        self.record(rel);
        if self.update.as_ref().is_some_and(|u| u.is_own(from, rel)) {
            return Ok(());
        }
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

    fn record(&self, rel: &str) {
        if let Ok(mut f) = self.files.lock() {
            f.push(rel.to_string());
        }
    }

    /// Swaps the staging folder in for the output folder, or, when updating
    /// it, moves the staged files into it and removes the files the new
    /// output lacks. Returns every path of the new output, sorted (without
    /// the marker).
    pub fn commit(mut self) -> Result<Vec<String>> {
        let mut files = std::mem::take(&mut self.files).into_inner().unwrap_or_default();
        files.sort_unstable();
        files.dedup();
        if let Some(previous) = self.update.take() {
            previous.commit(self.dir.path(), &self.out, &files)?;
            return Ok(files);
        }
        self.write(
            MARKER,
            b"This folder is written by locdoc build; it is replaced on every build.\n",
        )?;
        // From here on the folder is the output, not a staging folder (the
        // marker goes while still locked).
        let staging_marker = self.dir.path().join(STAGING_MARKER);
        std::fs::remove_file(&staging_marker).map_err(|e| Error::io("remove", &staging_marker, e))?;
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
        Ok(files)
    }
}

/// Puts the staging marker into `dir`: locked before it gets its name, so
/// a marker another build sees is locked as long as its build runs.
fn mark(dir: &Path) -> Result<File> {
    let new = dir.join(format!("{STAGING_MARKER}.new"));
    let mut file = File::create(&new).map_err(|e| Error::io("create", &new, e))?;
    // A file system without locks leaves the process id to tell.
    let _ = file.try_lock();
    writeln!(file, "pid {}", std::process::id()).map_err(|e| Error::io("write", &new, e))?;
    let path = dir.join(STAGING_MARKER);
    std::fs::rename(&new, &path).map_err(|e| Error::io("create", &path, e))?;
    Ok(file)
}

/// Removes the staging folders in `parent` named `prefix…` whose build is
/// over: they hold a staging marker that nobody has locked, naming a
/// process that is gone. Returns how many were removed. Anything else —
/// a folder without the marker, a link, a folder that cannot be read — is
/// left alone.
fn remove_stale(parent: &Path, prefix: &str) -> usize {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let named = entry.file_name().to_str().is_some_and(|n| n.starts_with(prefix));
        // file_type() does not follow links: a link to a folder is not one.
        if !named || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let path = entry.path();
        // Held (locked) while the folder is removed.
        let Some(_marker) = stale_marker(&path) else {
            continue;
        };
        if std::fs::remove_dir_all(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The open, locked staging marker of folder `dir` when its build is over.
fn stale_marker(dir: &Path) -> Option<File> {
    let path = dir.join(STAGING_MARKER);
    if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let file = File::open(&path).ok()?;
    let mut text = String::new();
    (&file).take(64).read_to_string(&mut text).ok()?;
    let pid: u32 = text.trim().strip_prefix("pid ")?.parse().ok()?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return None,
        // No locks here: only a process id known to be gone will do.
        Err(TryLockError::Error(_)) if !can_tell_liveness() => return None,
        Err(TryLockError::Error(_)) => {}
    }
    (!process_alive(pid)).then_some(file)
}

/// True when [`process_alive`] can tell a gone process from a running one.
fn can_tell_liveness() -> bool {
    cfg!(target_os = "linux")
}

/// True when process `pid` runs (a zombie does not). Where that cannot be
/// told, false: the lock alone decides.
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if !can_tell_liveness() {
        return false;
    }
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the command name, which is in parentheses.
        Ok(stat) => stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .is_none_or(|state| state != "Z" && state != "X"),
        Err(_) => false,
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

/// Where rendered files go: the staging folder of a build, or the memory
/// of `locdoc serve`. Paths are `/`-separated, relative to the output root.
pub trait Sink: Sync {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()>;
    fn copy(&self, from: &Path, path: &str) -> Result<()>;
    /// Puts file `from` (a file of the previous output, unchanged) at
    /// `path`: a hard link where the sink can make one, else a copy.
    fn link(&self, from: &Path, path: &str) -> Result<()> {
        self.copy(from, path)
    }
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        Staging::write(self, path, bytes)
    }
    fn copy(&self, from: &Path, path: &str) -> Result<()> {
        Staging::copy(self, from, path)
    }
    fn link(&self, from: &Path, path: &str) -> Result<()> {
        Staging::link(self, from, path)
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

    /// The id of a process that has ended (and was waited for).
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .arg("--list")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    /// A staging folder for `public` in `dir` as a killed build leaves it.
    fn leftover(dir: &Path, suffix: &str, marker: Option<u32>) -> PathBuf {
        let p = dir.join(format!(".public.locdoc-staging-{suffix}"));
        std::fs::create_dir_all(p.join("en-US")).unwrap();
        std::fs::write(p.join("en-US/index.html"), "half").unwrap();
        if let Some(pid) = marker {
            std::fs::write(p.join(STAGING_MARKER), format!("pid {pid}\n")).unwrap();
        }
        p
    }

    #[test]
    fn staging_folders_of_killed_builds_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let dead = dead_pid();
        let stale = leftover(dir.path(), "AAAAAA", Some(dead));
        let stale2 = leftover(dir.path(), "BBBBBB", Some(dead));
        let unmarked = leftover(dir.path(), "CCCCCC", None);
        let alive = leftover(dir.path(), "DDDDDD", Some(std::process::id()));
        let garbled = leftover(dir.path(), "EEEEEE", None);
        std::fs::write(garbled.join(STAGING_MARKER), "not a pid").unwrap();
        // Another output's staging folder, and a link named like ours.
        let other = dir.path().join(".site.locdoc-staging-FFFFFF");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join(STAGING_MARKER), format!("pid {dead}\n")).unwrap();
        let elsewhere = leftover(dir.path(), "elsewhere", Some(dead));
        let elsewhere = {
            let moved = dir.path().join("elsewhere");
            std::fs::rename(&elsewhere, &moved).unwrap();
            moved
        };
        #[cfg(unix)]
        std::os::unix::fs::symlink(&elsewhere, dir.path().join(".public.locdoc-staging-GGGGGG")).unwrap();

        let s = Staging::new(&out).unwrap();
        assert_eq!(s.stale_removed(), 2);
        assert!(!stale.exists() && !stale2.exists());
        for kept in [&unmarked, &alive, &garbled, &other] {
            assert!(kept.is_dir(), "{}", kept.display());
        }
        assert!(elsewhere.join("en-US/index.html").is_file(), "a link is not followed");
        #[cfg(unix)]
        assert!(dir.path().join(".public.locdoc-staging-GGGGGG").is_symlink());
        s.commit().unwrap();
        assert!(!out.join(STAGING_MARKER).exists(), "the output holds no staging marker");
        assert!(out.join(MARKER).exists());
        // Nothing more to remove the next time.
        assert_eq!(Staging::new(&out).unwrap().stale_removed(), 0);
    }

    #[test]
    fn a_running_build_keeps_its_staging_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = Staging::new(&out).unwrap();
        first.write("index.html", b"first").unwrap();
        // The marker names this (running) process and is locked.
        let marker = std::fs::read_to_string(first.path().join(STAGING_MARKER)).unwrap();
        assert_eq!(marker, format!("pid {}\n", std::process::id()));
        let second = Staging::new(&out).unwrap();
        assert_eq!(second.stale_removed(), 0);
        assert!(first.path().join("index.html").is_file());
        drop(second);
        first.commit().unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"first");
    }

    #[test]
    fn a_locked_marker_keeps_the_folder_whatever_its_process_id() {
        let dir = tempfile::tempdir().unwrap();
        let held = leftover(dir.path(), "AAAAAA", Some(dead_pid()));
        let lock = File::open(held.join(STAGING_MARKER)).unwrap();
        lock.try_lock().unwrap();
        assert!(stale_marker(&held).is_none());
        assert_eq!(remove_stale(dir.path(), ".public.locdoc-staging-"), 0);
        assert!(held.join("en-US/index.html").is_file());
        drop(lock);
        assert_eq!(remove_stale(dir.path(), ".public.locdoc-staging-"), 1);
        assert!(!held.exists());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn processes_are_told_alive_or_gone() {
        assert!(process_alive(std::process::id()));
        assert!(process_alive(1), "init runs");
        assert!(!process_alive(dead_pid()));
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
