//! The commands that stand a little apart from build, check and serve
//! (`stamp`, `init`, `export`, `import`), and the build's progress bar.

use super::*;

pub(super) fn run_stamp(args: &StampArgs) -> Result<(), Error> {
    use locdoc::check::stamp::Stamped;
    let config = Config::load_with_content(&args.common.root, args.common.content.as_deref())?;
    let site = locdoc::Site::load(&args.common.root, config)?;
    let results = locdoc::check::stamp::stamp(&site, &args.paths)?;
    if args.common.quiet {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    let (mut written, mut current) = (0, 0);
    for r in &results {
        let _ = match &r.stamped {
            Stamped::Written { hash, previous: None } => {
                written += 1;
                writeln!(out, "stamped {} ({hash})", r.file)
            }
            Stamped::Written {
                hash,
                previous: Some(old),
            } => {
                written += 1;
                writeln!(out, "stamped {} ({old} → {hash})", r.file)
            }
            Stamped::Current => {
                current += 1;
                Ok(())
            }
            Stamped::Skipped(why) => writeln!(out, "left {} alone: {why}", r.file),
        };
    }
    let _ = writeln!(out, "{written} stamped, {current} already current");
    Ok(())
}

pub(super) fn run_init(args: &InitArgs) -> ExitCode {
    let written = match locdoc::init::init(&args.dir) {
        Ok(w) => w,
        Err(e) => return report_error(&e, use_color(ColorChoice::Auto)),
    };
    if args.quiet {
        return ExitCode::SUCCESS;
    }
    let shown = args.dir.display().to_string();
    let here = args.dir == std::path::Path::new(".");
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "Created a locdoc site in {}:",
        if here {
            "this folder".to_string()
        } else {
            format!("{shown}/")
        }
    );
    let what = |p: &std::path::Path| match p.to_str().unwrap_or("") {
        "site.toml" => "settings: title, base_url, locales (commented)",
        "content/en-US/getting-started.md" => "an English page",
        "content/de-DE/getting-started.md" => "its German translation, in sxs form",
        ".gitignore" => "keeps the output (public/) out of git",
        _ => "",
    };
    for p in &written {
        let _ = writeln!(out, "  {:<34} {}", p.display(), what(p));
    }
    let _ = writeln!(
        out,
        "  {:<34} UI strings (.ftl), files copied as they are, theme overrides",
        "locales/ static/ templates/"
    );
    let _ = writeln!(out, "\nNext:");
    if !here {
        let _ = writeln!(out, "  cd {shown}");
    }
    let _ = writeln!(out, "  locdoc serve --open    preview it, rebuilt as you edit");
    let _ = writeln!(
        out,
        "  locdoc build           write the site to public/ (open public/index.html)"
    );
    let _ = writeln!(out, "  locdoc check           check the translations, as CI would");
    ExitCode::SUCCESS
}

pub(super) fn run_export(args: &ExportArgs) -> Result<ExitCode, Error> {
    let config = Config::load_with_content(&args.common.root, args.common.content.as_deref())?;
    let site = locdoc::Site::load(&args.common.root, config)?;
    let mut selection =
        locdoc::exchange::Selection::parse(&args.only).map_err(|e| Error::Usage(format!("--only: {e}")))?;
    selection.all = args.all;
    let opts = locdoc::exchange::ExportOptions {
        locale: args.locale.clone(),
        format: args.format.parse().map_err(Error::Usage)?,
        selection,
        out: args.out.clone(),
        paths: args.paths.clone(),
        single_file: args.single_file,
    };
    let r = locdoc::exchange::export(&site, &opts)?;
    if !args.common.quiet {
        print_diagnostics(&r.warnings, use_color(args.common.color), args.common.verbose);
        println!(
            "Exported {} units of {} pages ({} new, {} stale, {} untranslated, {} translated; {} left out) to {} files in {:.0} ms → {}",
            r.units.iter().sum::<usize>(),
            r.pages,
            r.units[0],
            r.units[1],
            r.units[2],
            r.units[3],
            r.left_out,
            r.files.len(),
            r.elapsed.as_secs_f64() * 1000.0,
            args.out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn run_import(args: &ImportArgs) -> Result<ExitCode, Error> {
    let config = Config::load_with_content(&args.common.root, args.common.content.as_deref())?;
    let site = locdoc::Site::load(&args.common.root, config)?;
    let opts = locdoc::exchange::ImportOptions {
        files: args.files.clone(),
        dry_run: args.dry_run,
        locale: args.locale.clone(),
    };
    let r = locdoc::exchange::import(&site, &opts)?;
    if !args.common.quiet {
        print_diagnostics(&r.warnings, use_color(args.common.color), args.common.verbose);
        let verb = if args.dry_run { "Would write" } else { "Wrote" };
        for (page, created) in &r.pages {
            println!("  {}{page}", if *created { "new " } else { "" });
        }
        println!(
            "{verb} {} units into {} pages ({} already so, {} not ready: empty, fuzzy or not reviewed; {} left out) in {:.0} ms",
            r.imported,
            r.pages.len(),
            r.unchanged,
            r.not_ready,
            r.warnings.len(),
            r.elapsed.as_secs_f64() * 1000.0
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `build` with a progress bar on stderr when it is a terminal (and
/// not `--quiet`), shown once the build has taken two seconds and cleared
/// when it ends.
pub(super) fn with_progress<T>(quiet: bool, mut opts: BuildOptions, build: impl FnOnce(&BuildOptions) -> T) -> T {
    use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
    if quiet || !std::io::stderr().is_terminal() {
        return build(&opts);
    }
    let progress = std::sync::Arc::new(locdoc::build::Progress::default());
    opts.progress = Some(progress.clone());
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| {
            let tick = std::time::Duration::from_millis(100);
            for _ in 0..20 {
                if stop.load(Relaxed) {
                    return;
                }
                std::thread::sleep(tick);
            }
            let bar = indicatif::ProgressBar::new(progress.total.load(Relaxed) as u64);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} pages {elapsed}")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message("rendering");
            while !stop.load(Relaxed) {
                bar.set_length(progress.total.load(Relaxed) as u64);
                bar.set_position(progress.done.load(Relaxed) as u64);
                if progress.finishing.load(Relaxed) {
                    bar.set_message("site-wide pages and search index");
                }
                bar.tick();
                std::thread::sleep(tick);
            }
            bar.finish_and_clear();
        });
        let r = build(&opts);
        stop.store(true, Relaxed);
        r
    })
}
