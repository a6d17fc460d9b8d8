//! locdoc: a static-site generator for localized technical documentation.
//!
//! The modules form a ladder: each uses only the modules above it in this
//! list, so the data moves one way, from `site.toml` and `content/` down to
//! the written site (`tests/layering.rs` fails on an import that climbs):
//!
//! 1. [`diag`] — the error type, diagnostics with file:line:column, the
//!    rules findings are filed under.
//! 2. [`config`] — `site.toml`: settings, defaults, limits, validation.
//! 3. [`tree`] — walking the site's folders without leaving the site.
//! 4. [`load`] — the content inventory; reading a page and its front matter.
//! 5. [`segment`] — the sxs segments of a locale page; the blocks of an
//!    English page.
//! 6. [`align`] — placing translations on the English page; statuses.
//! 7. [`site`] — the loaded site every later stage works on: config,
//!    inventory, URLs, English pages, translations read on demand.
//! 8. [`check`] — the CI gate: rules over alignments, findings, baselines.
//! 9. [`report`] — `check`'s output formats (human, JSON, SARIF, JUnit,
//!    GitHub).
//! 10. [`render`] — Markdown → HTML, templates, UI strings, the site-wide
//!     pages and the review view.
//! 11. [`write`] — where output goes (a [`write::Sink`]): staging and
//!     swapping the output folder.
//! 12. [`search`] — the Pagefind index of the rendered pages.
//! 13. [`build`] — the pipeline: load → segment → align → render → write,
//!     and its steps.
//! 14. [`shard`] — one build split across CI jobs, and the merge of the
//!     parts, from the build's steps.
//! 15. [`serve`] — the live preview and review view, rebuilding through the
//!     build's steps.
//! 16. [`exchange`] — the round trip with translation tools: units to
//!     translate exported as XLIFF or PO, translations imported into sxs
//!     pages.
//! 17. [`init`] — `locdoc init`: the files of a new site.
//!
//! The `locdoc` command (`src/main.rs`, `src/cli.rs`) is a thin layer over
//! this library.

pub mod align;
pub mod build;
pub mod check;
pub mod config;
pub mod diag;
pub mod exchange;
pub mod init;
pub mod load;
pub mod render;
pub mod report;
pub mod search;
pub mod segment;
pub mod serve;
pub mod shard;
pub mod site;
pub mod tree;
pub mod write;

pub use build::{BuildOptions, BuildReport, build};
pub use diag::{Diagnostic, Error, Result};
pub use site::Site;
