//! locdoc: a static-site generator for localized technical documentation.
//!
//! The pipeline, one module per stage:
//!
//! | stage | module | owns |
//! |---|---|---|
//! | load | [`load`] | walking `content/` (through [`tree`]), reading pages, front matter |
//! | segment | [`segment`] | sxs segments of locale pages; blocks of English pages |
//! | align | [`align`] | placing translations on the English source; statuses |
//! | render | [`render`] | Markdown → HTML, templates, UI strings |
//! | write | [`write`] | staging and swapping the output folder |
//!
//! [`site`] holds the loaded site every stage works on, [`build`] runs the
//! pipeline, [`config`] reads `site.toml` and [`diag`] has the error type and
//! the diagnostics (file:line:column, rule code, help) all stages report.
//! Beside the pipeline: [`check`] (the CI gate) with [`report`] (its output
//! formats), [`serve`] (the live preview and review view), [`search`] (the
//! Pagefind index) and [`shard`] (one build split across CI jobs, and the
//! merge of the parts).

pub mod align;
pub mod build;
pub mod check;
pub mod config;
pub mod diag;
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
