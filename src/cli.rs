//! Command-line interface: argument parsing (clap) and output; every
//! command is one call into the library.
//!
//! Exit codes: 0 success, 1 content errors (or a failed write),
//! 2 usage, configuration or template errors.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use locdoc::build::{BuildOptions, BuildReport, build};
use locdoc::diag::{Diagnostic, Error};

/// Build, preview and check localized documentation sites.
///
/// locdoc reads English source pages (content/en-US/) and side-by-side
/// translations (content/<locale>/), aligns every translated segment with
/// the English source and renders a multilingual HTML site.
#[derive(Parser, Debug)]
#[command(name = "locdoc", version, about, long_about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the site into its output folder (public/ by default).
    ///
    /// The new output replaces the old one only when the whole build
    /// succeeded; a failed build leaves the previous output untouched.
    Build(BuildArgs),
}

#[derive(Args, Debug, Clone)]
struct Common {
    /// The site root: the folder holding site.toml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Read pages from this folder instead of content_dir from site.toml.
    #[arg(long, value_name = "DIR")]
    content: Option<PathBuf>,
    /// Print only errors.
    #[arg(short, long)]
    quiet: bool,
    /// When to use colours in messages.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Args, Debug)]
struct BuildArgs {
    #[command(flatten)]
    common: Common,
    /// Write the site here instead of output_dir from site.toml.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Build only these locales (repeat the flag or separate with commas).
    #[arg(long = "locale", value_name = "CODE")]
    locales: Vec<String>,
    /// Treat warnings as errors: fail with exit code 1 and keep the old output.
    #[arg(long)]
    deny_warnings: bool,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal(),
    }
}

/// Shows at most this many warnings one by one; the rest are counted.
const WARNINGS_SHOWN: usize = 20;

fn print_diagnostics(diags: &[Diagnostic], color: bool) {
    let mut err = std::io::stderr().lock();
    let shown = if diags.len() > WARNINGS_SHOWN {
        WARNINGS_SHOWN / 2
    } else {
        diags.len()
    };
    for d in &diags[..shown] {
        let _ = writeln!(err, "{}\n", d.render(color));
    }
    if shown < diags.len() {
        let mut by_code: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
        for d in &diags[shown..] {
            *by_code.entry((d.severity.as_str(), d.code)).or_default() += 1;
        }
        let _ = writeln!(err, "… and {} more:", diags.len() - shown);
        for ((sev, code), n) in by_code {
            let _ = writeln!(err, "  {n:>6} {sev}[{code}]");
        }
        let _ = writeln!(err);
    }
}

fn report_error(e: &Error, color: bool) -> ExitCode {
    let diags = e.diagnostics();
    let mut err = std::io::stderr().lock();
    for d in &diags {
        let _ = writeln!(err, "{}\n", d.render(color));
    }
    if diags.len() > 1 {
        let _ = writeln!(err, "error: {} problems; nothing was written", diags.len());
    }
    ExitCode::from(e.exit_code() as u8)
}

fn print_build(report: &BuildReport) {
    let mut out = std::io::stdout().lock();
    let ms = report.elapsed.as_secs_f64() * 1000.0;
    let _ = writeln!(
        out,
        "Built {} pages in {} locales in {ms:.0} ms → {}",
        report.total_pages(),
        report.pages.len(),
        report.out.strip_prefix(".").unwrap_or(&report.out).display()
    );
    for (code, n) in &report.pages {
        let pages = if *n == 1 { "page " } else { "pages" };
        let counts = report.counts.iter().find(|(c, _)| c == code).map(|(_, c)| c);
        match counts {
            Some(c) => {
                let _ = writeln!(
                    out,
                    "  {code:<8} {n:>6} {pages}  {:>5.1}% translated  ({} translated, {} untranslated, {} stale, {} missing, {} orphaned)",
                    c.coverage_floor(),
                    c.translated,
                    c.untranslated,
                    c.stale,
                    c.missing,
                    c.orphaned
                );
            }
            None => {
                let _ = writeln!(out, "  {code:<8} {n:>6} {pages}  (source)");
            }
        }
    }
    if !report.warnings.is_empty() {
        let _ = writeln!(out, "{} warnings", report.warnings.len());
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => {
            let color = use_color(args.common.color);
            let opts = BuildOptions {
                root: args.common.root.clone(),
                out: args.out,
                content: args.common.content.clone(),
                locales: args.locales,
                deny_warnings: args.deny_warnings,
            };
            match build(&opts) {
                Ok(report) => {
                    if !args.common.quiet {
                        print_diagnostics(&report.warnings, color);
                        print_build(&report);
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => report_error(&e, color),
            }
        }
    }
}
