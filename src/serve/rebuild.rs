//! The rebuild loop: each batch of changed files from the watcher is
//! planned and rebuilt, the browsers are told, and the console says what
//! happened.
//!
//! Nothing a rebuild does stops the loop. An error or a panic in any step
//! is recorded in the state's errors (the browsers' overlay and
//! `/_locdoc/status`) and printed, the last good output stays served, and
//! the next change is rebuilt as usual. A rebuild of everything that failed
//! is tried again after each later change (after the change's own quick
//! rebuild), so pages added meanwhile appear once the site builds again.

use std::ops::ControlFlow;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Instant;

use super::state::{self, Plan, SiteRoot, State};
use super::{Shared, print_errors};
use crate::diag::{Diagnostic, Error};

/// Runs `f`, turning a panic into an error that names `what` was done.
/// The state a panicking step may leave half-updated is rebuilt whole
/// afterwards, hence `AssertUnwindSafe`; its lock is recovered, not
/// poisoned for good ([`Shared::write`]).
fn guarded<T>(what: &str, f: impl FnOnce() -> T) -> Result<T, Diagnostic> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| Diagnostic::panicked(what, &*payload))
}

/// Rebuilds on each batch of changes from `rx` until it hangs up or the
/// server shuts down.
pub(super) fn rebuild_loop(shared: &Shared, site: &SiteRoot, rx: Receiver<Vec<PathBuf>>, quiet: bool) {
    // A rebuild of everything failed: try again after the next change.
    let mut full_pending = false;
    loop {
        let round = guarded("the rebuild loop", || {
            round(shared, site, &rx, quiet, &mut full_pending)
        });
        match round {
            Ok(ControlFlow::Break(())) => return,
            Ok(ControlFlow::Continue(())) => {}
            Err(d) => {
                // Outside the guarded steps: note it, and rebuild it all
                // on the next change.
                {
                    let mut s = shared.write();
                    s.site_pages_stale = false;
                    s.errors.insert(state::REBUILD.into(), vec![d]);
                }
                full_pending = true;
                announce(shared, None, quiet);
            }
        }
    }
}

/// One batch of changes (or a refresh of the site-wide pages when none is
/// waiting).
fn round(
    shared: &Shared,
    site: &SiteRoot,
    rx: &Receiver<Vec<PathBuf>>,
    quiet: bool,
    full_pending: &mut bool,
) -> ControlFlow<()> {
    // Changes first; the site-wide pages when no change is waiting.
    let next = if shared.read().site_pages_stale {
        match rx.try_recv() {
            Err(TryRecvError::Empty) => {
                refresh_site_pages(shared, quiet);
                return ControlFlow::Continue(());
            }
            r => r.map_err(|_| ()),
        }
    } else {
        rx.recv().map_err(|_| ())
    };
    let Ok(mut paths) = next else {
        return ControlFlow::Break(());
    };
    // Take whatever else has arrived (the watcher already batches).
    while let Ok(more) = rx.try_recv() {
        paths.extend(more);
    }
    if *shared.shutdown.borrow() {
        return ControlFlow::Break(());
    }
    let plan = guarded("planning the rebuild", || shared.read().plan(&paths)).unwrap_or_else(|d| {
        fail(shared, d);
        Plan::Full
    });
    if plan == Plan::Nothing {
        return ControlFlow::Continue(());
    }
    let mut full = plan == Plan::Full || *full_pending;
    let mut report = None;
    if plan != Plan::Full {
        let mut failed = false;
        match guarded("rebuilding the changed pages", || shared.write().apply(plan)) {
            Ok(r) if r.needs_full => full = true,
            Ok(r) => report = Some(r),
            Err(d) => {
                fail(shared, d);
                (full, failed) = (true, true);
            }
        }
        if full && (report.is_some() || failed) {
            // The change's own pages first: the browsers need not wait
            // for the rebuild of everything.
            announce(shared, report.take().as_ref(), quiet);
        }
    }
    if full {
        report = full_rebuild(shared, site);
        *full_pending = report.is_none();
    }
    announce(shared, report.as_ref(), quiet);
    ControlFlow::Continue(())
}

/// Records a failed step of the loop; a rebuild of everything follows.
fn fail(shared: &Shared, d: Diagnostic) {
    shared.write().errors.insert(state::REBUILD.into(), vec![d]);
}

/// Tells the browsers, and the console what was rebuilt and what is wrong.
fn announce(shared: &Shared, report: Option<&state::Rebuild>, quiet: bool) {
    let state = shared.read();
    // The browsers first: the edited page reloads now.
    shared.publish(&state);
    if let Some(r) = report
        && (r.pages > 0 || !r.what.is_empty())
        && !quiet
    {
        let pages = match r.pages {
            0 => "no page".to_string(),
            1 => "1 page".to_string(),
            n => format!("{n} pages"),
        };
        let same = if r.changed { "" } else { "; the output is unchanged" };
        println!(
            "Rebuilt {} ({pages}) in {:.1} ms{same}",
            if r.what.is_empty() { "the site" } else { &r.what },
            r.elapsed.as_secs_f64() * 1000.0
        );
    }
    if !state.errors.is_empty() {
        print_errors(&state);
        if !quiet {
            println!("Serving the last good build of the files with errors.");
        }
    }
}

/// Regenerates the indexes, dashboards and sitemap after page rebuilds.
/// Renders under the read lock, so pages keep being served meanwhile.
fn refresh_site_pages(shared: &Shared, quiet: bool) {
    let started = Instant::now();
    let what = "regenerating the indexes, dashboards and sitemap";
    let made = guarded(what, || shared.read().site_pages()).unwrap_or_else(|d| Err(Error::Content(vec![d])));
    let changed = guarded(what, || shared.write().install_site_pages(made)).unwrap_or_else(|d| {
        let mut s = shared.write();
        s.site_pages_stale = false;
        s.errors.insert(state::SITE_PAGES.into(), vec![d]);
        false
    });
    shared.publish(&shared.read());
    if changed && !quiet {
        println!(
            "Updated the indexes, dashboards and sitemap in {:.1} ms",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    if let Some(problems) = shared.read().errors.get(state::SITE_PAGES) {
        for d in problems {
            eprintln!("{}\n", d.render(false));
        }
    }
}

/// Reloads everything; on failure (an error or a panic) keeps the old
/// state and records why.
fn full_rebuild(shared: &Shared, site: &SiteRoot) -> Option<state::Rebuild> {
    let started = Instant::now();
    let failed = match guarded("rebuilding the site", || State::load(site)) {
        Ok(Ok(mut new)) => {
            let pages = new.files.keys().filter(|k| k.ends_with(".html")).count();
            let mut s = shared.write();
            new.version = s.version + 1;
            *s = new;
            return Some(state::Rebuild {
                what: "everything".into(),
                pages,
                elapsed: started.elapsed(),
                changed: true,
                needs_full: false,
            });
        }
        Ok(Err(e)) => e.diagnostics(),
        Err(d) => vec![d],
    };
    shared.write().errors.insert(state::REBUILD.into(), failed);
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guarded_step_that_panics_is_an_error_naming_the_step() {
        assert_eq!(guarded("adding", || 1 + 1), Ok(2));
        let d = guarded("rebuilding x", || -> u8 { panic!("bad input") }).unwrap_err();
        assert_eq!(d.code, "internal");
        assert_eq!(d.message, "rebuilding x panicked: bad input");
    }
}
