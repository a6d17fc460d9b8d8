//! The rebuild loop: each batch of changed files from the watcher is
//! planned and rebuilt, the browsers are told, and the console says what
//! happened.

use super::state::{self, Plan, SiteRoot, State};
use super::{Shared, print_errors};

pub(super) fn rebuild_loop(
    shared: &Shared,
    site: &SiteRoot,
    rx: std::sync::mpsc::Receiver<Vec<std::path::PathBuf>>,
    quiet: bool,
) {
    use std::sync::mpsc::TryRecvError;
    loop {
        // Changes first; the site-wide pages when no change is waiting.
        let next = if shared.read().site_pages_stale {
            match rx.try_recv() {
                Err(TryRecvError::Empty) => {
                    refresh_site_pages(shared, quiet);
                    continue;
                }
                r => r.map_err(|_| ()),
            }
        } else {
            rx.recv().map_err(|_| ())
        };
        let Ok(mut paths) = next else {
            return;
        };
        // Take whatever else has arrived (the watcher already batches).
        while let Ok(more) = rx.try_recv() {
            paths.extend(more);
        }
        if *shared.shutdown.borrow() {
            return;
        }
        let plan = shared.read().plan(&paths);
        let report = match plan {
            Plan::Nothing => continue,
            Plan::Full => full_rebuild(shared, site),
            plan => {
                let r = shared.write().apply(plan);
                if r.needs_full {
                    full_rebuild(shared, site)
                } else {
                    Some(r)
                }
            }
        };
        {
            let state = shared.read();
            // The browsers first: the edited page reloads now.
            shared.publish(&state);
            if !quiet {
                if let Some(r) = &report
                    && r.pages > 0
                {
                    let pages = if r.pages == 1 {
                        "1 page".to_string()
                    } else {
                        format!("{} pages", r.pages)
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
                    println!("Serving the last good build of the files with errors.");
                }
            }
        }
    }
}

/// Regenerates the indexes, dashboards and sitemap after page rebuilds.
/// Renders under the read lock, so pages keep being served meanwhile.
fn refresh_site_pages(shared: &Shared, quiet: bool) {
    let started = std::time::Instant::now();
    let made = shared.read().site_pages();
    let changed = shared.write().install_site_pages(made);
    shared.publish(&shared.read());
    if !quiet && changed {
        println!(
            "Updated the indexes, dashboards and sitemap in {:.1} ms",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// Reloads everything; on failure keeps the old state and records the error.
fn full_rebuild(shared: &Shared, site: &SiteRoot) -> Option<state::Rebuild> {
    let started = std::time::Instant::now();
    match State::load(site) {
        Ok(mut new) => {
            let pages = new.files.keys().filter(|k| k.ends_with(".html")).count();
            let mut s = shared.write();
            new.version = s.version + 1;
            *s = new;
            Some(state::Rebuild {
                what: "everything".into(),
                pages,
                elapsed: started.elapsed(),
                changed: true,
                needs_full: false,
            })
        }
        Err(e) => {
            shared.write().errors.insert(String::new(), e.diagnostics());
            None
        }
    }
}
