//! Command-line interface: argument parsing (clap) and output; every
//! command is one call into the library.
//!
//! Exit codes: 0 success, 1 content errors (or a failed write),
//! 2 usage, configuration or template errors.

mod commands;
use commands::{run_export, run_import, run_init, run_stamp, with_progress};

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use locdoc::build::{BuildOptions, BuildReport, build};
use locdoc::check::baseline::Baseline;
use locdoc::check::{CheckOptions, Rule};
use locdoc::config::{Config, FailOn};
use locdoc::diag::{Diagnostic, Error, Severity};
use locdoc::report::{self, Format, plural};

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
    /// Start a new site in DIR (default: the current folder), which must be
    /// new or empty: a commented site.toml, an English page and its German
    /// translation, and the folders.
    Init(InitArgs),
    /// Build the site into its output folder (public/ by default).
    ///
    /// The new output replaces the old one only when the whole build
    /// succeeded; a failed build leaves the previous output untouched.
    Build(BuildArgs),
    /// Check translations: missing, stale, orphaned and untranslated
    /// segments, damaged placeholders and formatting, malformed spans,
    /// front-matter problems.
    ///
    /// Exit codes: 0 no finding at or above the fail level (and every locale
    /// at its minimum coverage), 1 otherwise, 2 usage or configuration error.
    /// Defaults for --fail-on, --deny/--warn/--allow and --min-coverage come
    /// from [check] in site.toml.
    Check(Box<CheckArgs>),
    /// Preview the site locally: builds it into memory, serves it over HTTP,
    /// rebuilds what each change touches and reloads open pages.
    ///
    /// /_review/<locale>/ shows every page's English and translation side by
    /// side with its problems. A content error shows over the page while the
    /// last good build keeps being served. Ctrl-C stops.
    Serve(ServeArgs),
    /// Record in whole-page translations which English they match now.
    ///
    /// Writes `source_hash: <hash of the English page>` into the front
    /// matter of each whole-page translation (a translated page without sxs
    /// spans) at or under PATH; nothing else in the file changes. Run it
    /// after bringing a translation up to date with its English page: `check`
    /// reports it stale when the English changes again.
    Stamp(StampArgs),
    /// Export what a locale needs translated as XLIFF 1.2 or gettext PO:
    /// one file per page (or one in all), each unit with a stable key, the
    /// English, the current translation, its state and its context.
    Export(ExportArgs),
    /// Import translated XLIFF or PO files into the locale's sxs pages:
    /// every page is written, or (on any refusal, exit 1) none.
    Import(ImportArgs),
}

#[derive(Args, Debug)]
struct StampArgs {
    #[command(flatten)]
    common: Common,
    /// Translation files, or folders of them (English pages are left alone).
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
}

#[derive(Args, Debug)]
struct ExportArgs {
    #[command(flatten)]
    common: Common,
    /// The locale to translate into.
    #[arg(long, value_name = "CODE")]
    locale: String,
    /// File format.
    #[arg(long, value_name = "FORMAT", default_value = "xliff", value_parser = ["xliff", "po"])]
    format: String,
    /// Which units: any of missing, stale, untranslated (comma-separated).
    #[arg(
        long,
        value_name = "STATUSES",
        default_value = "missing,stale,untranslated",
        conflicts_with = "all"
    )]
    only: String,
    /// Every unit, translated ones too.
    #[arg(long)]
    all: bool,
    /// Write the files here (<DIR>/<locale>/<page>.xlf).
    #[arg(long, value_name = "DIR", default_value = "translations")]
    out: PathBuf,
    /// One file for the locale (<DIR>/<locale>.xlf) instead of one per page.
    #[arg(long)]
    single_file: bool,
    /// Only these files or folders (English or locale pages).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

#[derive(Args, Debug)]
struct InitArgs {
    /// The folder of the new site (made if missing).
    #[arg(value_name = "DIR", default_value = ".")]
    dir: PathBuf,
    /// Print only errors.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Args, Debug)]
struct ImportArgs {
    #[command(flatten)]
    common: Common,
    /// The XLIFF (.xlf) or PO (.po) files to import.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    /// Say what would change; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Refuse files for any other locale.
    #[arg(long, value_name = "CODE")]
    locale: Option<String>,
}

#[derive(Args, Debug)]
struct ServeArgs {
    #[command(flatten)]
    common: Common,
    /// Port to listen on; the next free one is taken if it is busy (0: any).
    #[arg(long, short, value_name = "N")]
    port: Option<u16>,
    /// Address to listen on. On a loopback address (127.0.0.1, ::1) only
    /// requests for localhost, 127.x.x.x or [::1] are answered; on any
    /// other, anyone who can reach your machine can read the preview, under
    /// any host name.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Open the site in your web browser.
    #[arg(long)]
    open: bool,
    /// How the review view links to a file and line in your editor.
    #[arg(long, value_name = "TEMPLATE", default_value = locdoc::render::review::DEFAULT_EDITOR_URL)]
    editor_url: String,
    // For the tests: shorter timeouts, fewer connections.
    #[arg(long, hide = true, value_name = "MS")]
    header_timeout_ms: Option<u64>,
    #[arg(long, hide = true, value_name = "MS")]
    idle_timeout_ms: Option<u64>,
    #[arg(long, hide = true, value_name = "N")]
    max_connections: Option<usize>,
}

#[derive(Args, Debug)]
struct CheckArgs {
    #[command(flatten)]
    common: Common,
    /// Check only these locales (repeat the flag or separate with commas).
    #[arg(long = "locale", value_name = "CODE")]
    locales: Vec<String>,
    /// Check only these files or folders (English pages select all their
    /// translations), e.g. the files a pull request changed.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Report format.
    #[arg(long, value_name = "FORMAT", default_value = "human", value_parser = ["human", "json", "github", "sarif", "junit"])]
    format: String,
    /// SARIF paths relative to DIR (default: the repository the site is in,
    /// else the site root).
    #[arg(long, value_name = "DIR")]
    sarif_root: Option<PathBuf>,
    /// Write the report to FILE (the summary still goes to the terminal).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Fail at this severity (error, warning, note) or on these rules
    /// (comma-separated). Default: error.
    #[arg(long, value_name = "LEVEL|RULES")]
    fail_on: Option<String>,
    /// Make these rules errors.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    deny: Vec<String>,
    /// Make these rules warnings.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    warn: Vec<String>,
    /// Do not report these rules.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    allow: Vec<String>,
    /// Fail when a locale's translated share is below PCT: `90` for every
    /// locale, `cs-CZ=95` for one (repeatable).
    #[arg(long, value_name = "PCT|LOCALE=PCT")]
    min_coverage: Vec<String>,
    /// Fail only on findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write every current finding to this baseline file and exit 0.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Fail on warnings too (the same as --fail-on warning).
    #[arg(long, conflicts_with = "fail_on")]
    deny_warnings: bool,
}

#[derive(Args, Debug, Clone)]
struct Common {
    /// The site root: the folder holding site.toml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Read pages from this folder instead of content_dir from site.toml.
    #[arg(long, value_name = "DIR")]
    content: Option<PathBuf>,
    /// Print only errors (check: the failing findings and why it failed;
    /// serve: also the address).
    #[arg(short, long, conflicts_with = "verbose")]
    quiet: bool,
    /// Print everything (build: every warning, not the first ten).
    #[arg(short, long)]
    verbose: bool,
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
    /// Also write the review view (_review/<locale>/...) that `serve` shows.
    #[arg(long)]
    review: bool,
    /// Skip the search index (Pagefind) and the search pages, whatever site.toml says.
    #[arg(long)]
    no_search: bool,
    /// Render every page again: no incremental build cache (.locdoc-cache/).
    #[arg(long)]
    no_cache: bool,
    /// Build only the I-th of N equal parts of the pages, with a manifest
    /// for --merge (one CI job per part).
    #[arg(long, value_name = "I/N", conflicts_with_all = ["merge", "review"])]
    shard: Option<locdoc::shard::Shard>,
    /// Make the site from the output folders of all its shards: link their
    /// pages and write the indexes, dashboards, sitemap and search index.
    #[arg(long, value_name = "PART", num_args = 1.., conflicts_with_all = ["review", "locales"])]
    merge: Vec<PathBuf>,
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

fn print_diagnostics(diags: &[Diagnostic], color: bool, verbose: bool) {
    let mut err = std::io::stderr().lock();
    let shown = if diags.len() > WARNINGS_SHOWN && !verbose {
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
        let _ = writeln!(err, "… and {} more (--verbose lists them all):", diags.len() - shown);
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
        "Built {} in {} in {ms:.0} ms → {}",
        plural(report.total_pages(), "page", "pages"),
        plural(report.pages.len(), "locale", "locales"),
        report.out.strip_prefix(".").unwrap_or(&report.out).display()
    );
    if report.reused > 0 {
        let _ = writeln!(
            out,
            "  {} pages unchanged since the last build, taken from it (--no-cache renders all)",
            report.reused
        );
    }
    for (code, n) in &report.pages {
        let pages = if *n == 1 { "page " } else { "pages" };
        let counts = report.counts.iter().find(|(c, _)| c == code).map(|(_, c)| c);
        match counts {
            Some(c) => {
                let _ = writeln!(
                    out,
                    "  {code:<8} {n:>6} {pages}  {:>5.1}% covered  ({} translated, {} same as English, {} stale, {} missing, {} orphaned)",
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
    match report.stale_removed {
        0 => {}
        1 => {
            let _ = writeln!(out, "Removed 1 staging folder left by an interrupted build");
        }
        n => {
            let _ = writeln!(out, "Removed {n} staging folders left by interrupted builds");
        }
    }
    if !report.warnings.is_empty() {
        let _ = writeln!(out, "{}", plural(report.warnings.len(), "warning", "warnings"));
    }
}

/// `site.toml` with the command line's `[check]` overrides applied.
fn check_config(args: &CheckArgs) -> Result<Config, Error> {
    let mut config = Config::load_with_content(&args.common.root, args.common.content.as_deref())?;
    let cfg = &mut config.check;
    if let Some(f) = &args.fail_on {
        cfg.fail_on = FailOn::parse(f).map_err(|e| Error::Usage(format!("--fail-on: {e}")))?;
    }
    if args.deny_warnings {
        cfg.fail_on = FailOn::Severity(Severity::Warning);
    }
    for (list, sev, flag) in [
        (&args.deny, Some(Severity::Error), "--deny"),
        (&args.warn, Some(Severity::Warning), "--warn"),
        (&args.allow, None, "--allow"),
    ] {
        for r in list {
            let rule: Rule = r.trim().parse().map_err(|e| Error::Usage(format!("{flag}: {e}")))?;
            cfg.severity.insert(rule, sev);
        }
    }
    for m in &args.min_coverage {
        let bad = || {
            Error::Usage(format!(
                "--min-coverage {m}: expected a percentage (90) or LOCALE=PERCENT (cs-CZ=95)"
            ))
        };
        let (locale, pct) = match m.split_once('=') {
            Some((l, p)) => (Some(l.trim()), p),
            None => (None, m.as_str()),
        };
        let pct: f64 = pct.trim().trim_end_matches('%').parse().map_err(|_| bad())?;
        if !(0.0..=100.0).contains(&pct) {
            return Err(bad());
        }
        match locale {
            Some(l) => {
                cfg.min_coverage.locales.insert(l.to_string(), pct);
            }
            None => cfg.min_coverage.default = Some(pct),
        }
    }
    Ok(config)
}

fn run_check(args: &CheckArgs, color: bool) -> Result<ExitCode, Error> {
    let config = check_config(args)?;
    let site = locdoc::Site::load(&args.common.root, config)?;
    let opts = CheckOptions {
        locales: args.locales.clone(),
        paths: args.paths.clone(),
    };
    let mut report = locdoc::check::check(&site, &opts)?;
    if let Some(path) = &args.write_baseline {
        Baseline::from_report(&report).save(path)?;
        if !args.common.quiet {
            println!(
                "wrote {} findings to the baseline {}",
                report.findings.len(),
                path.display()
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(path) = &args.baseline {
        Baseline::load(path)?.apply(&mut report);
    }
    let format: Format = args.format.parse().map_err(Error::Usage)?;
    if args.sarif_root.is_some() && format != Format::Sarif {
        return Err(Error::Usage("--sarif-root applies to --format sarif only".into()));
    }
    let render = |report: &locdoc::check::CheckReport| match &args.sarif_root {
        Some(base) => report::sarif_relative_to(report, base),
        None => report::render(report, format, false),
    };
    match &args.output {
        Some(path) => {
            let written = std::fs::File::create(path).and_then(|f| {
                let mut w = std::io::BufWriter::new(f);
                match format {
                    Format::Json => report::json_to(&report, &mut w)?,
                    _ => w.write_all(render(&report).as_bytes())?,
                }
                w.flush()
            });
            written.map_err(|e| Error::io("write the report to", path, e))?;
            if !args.common.quiet {
                print!("{}", report::summary(&report));
            } else if report.failed() {
                print!("{}", report::verdict(&report));
            }
        }
        None if format == Format::Human => {
            if args.common.quiet {
                print!("{}", report::failing_findings(&report, color));
                if report.failed() {
                    print!("{}", report::verdict(&report));
                }
            } else {
                print!("{}", report::human(&report, color));
            }
        }
        None => {
            print!("{}", render(&report));
            if !args.common.quiet {
                eprint!("{}", report::summary(&report));
            } else if report.failed() {
                eprint!("{}", report::verdict(&report));
            }
        }
    }
    Ok(if report.failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn serve_limits(args: &ServeArgs) -> locdoc::serve::http::Limits {
    let d = locdoc::serve::http::Limits::default();
    let ms = std::time::Duration::from_millis;
    locdoc::serve::http::Limits {
        header: args.header_timeout_ms.map_or(d.header, ms),
        idle: args.idle_timeout_ms.map_or(d.idle, ms),
        connections: args.max_connections.unwrap_or(d.connections),
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Init(args) => run_init(&args),
        Command::Export(args) => match run_export(&args) {
            Ok(code) => code,
            Err(e) => report_error(&e, use_color(args.common.color)),
        },
        Command::Import(args) => match run_import(&args) {
            Ok(code) => code,
            Err(e) => report_error(&e, use_color(args.common.color)),
        },
        Command::Serve(args) => {
            let color = use_color(args.common.color);
            let limits = serve_limits(&args);
            let opts = locdoc::serve::ServeOptions {
                site: locdoc::serve::state::SiteRoot {
                    root: args.common.root.clone(),
                    content: args.common.content.clone(),
                },
                bind: args.bind,
                port: args.port,
                open: args.open,
                editor_url: args.editor_url,
                quiet: args.common.quiet,
                limits,
            };
            match locdoc::serve::serve(opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => report_error(&e, color),
            }
        }
        Command::Stamp(args) => match run_stamp(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => report_error(&e, use_color(args.common.color)),
        },
        Command::Check(args) => {
            let color = match args.common.color {
                ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal(),
                c => use_color(c),
            };
            match run_check(&args, color) {
                Ok(code) => code,
                Err(e) => report_error(&e, use_color(args.common.color)),
            }
        }
        Command::Build(args) => {
            let color = use_color(args.common.color);
            let opts = BuildOptions {
                root: args.common.root.clone(),
                out: args.out,
                content: args.common.content.clone(),
                locales: args.locales,
                deny_warnings: args.deny_warnings,
                review: args.review,
                no_search: args.no_search,
                no_cache: args.no_cache,
                progress: None,
            };
            // clap refuses --shard with --merge.
            let built = match &args.shard {
                Some(shard) => locdoc::shard::build_shard(&opts, shard),
                None if args.merge.is_empty() => with_progress(args.common.quiet, opts, build),
                None => locdoc::shard::merge(&opts, &args.merge),
            };
            match built {
                Ok(report) => {
                    if !args.common.quiet {
                        print_diagnostics(&report.warnings, color, args.common.verbose);
                        print_build(&report);
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => report_error(&e, color),
            }
        }
    }
}
