//! How far a build is, for the command line's progress bar.

use std::sync::atomic::{AtomicBool, AtomicUsize};

/// How far a build is: pages done of the total, and whether it is making
/// the site-wide pages and the search index. Updated as pages are rendered.
#[derive(Debug, Default)]
pub struct Progress {
    pub total: AtomicUsize,
    pub done: AtomicUsize,
    /// Set once every page is rendered.
    pub finishing: AtomicBool,
}
