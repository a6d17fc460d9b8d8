//! `locdoc check`: a fixture per rule (a page that triggers it and one that
//! does not), baselines, and exit codes through the binary. The reports'
//! golden files and schemas are in `tests/check_reports.rs`.

mod common;

use common::check_fixture::*;

use locdoc::Site;
use locdoc::check::{CheckOptions, Rule, baseline::Baseline, check};
use locdoc::diag::Severity;

#[test]
fn a_clean_translation_has_no_findings() {
    let f = Fixture::new(EN, Some(&cs()));
    assert_eq!(f.rules(), vec![]);
    let r = f.report();
    assert!(!r.failed());
    assert_eq!(
        r.locales[0].units.translated, 7,
        "6 in the event page, 1 in throttling.md"
    );
    assert_eq!(r.locales[0].units.untranslated, 2);
}

#[test]
fn missing_segment_points_where_to_add_it() {
    let f = with(|t| t.replace(&seg("abcde-107", "Popis", "Description"), ""));
    let m = f.of(Rule::Missing);
    assert_eq!(m.len(), 1, "{:?}", f.rules());
    assert_eq!(m[0].english.as_deref(), Some("Description"));
    assert_eq!(m[0].severity(), Severity::Warning);
    let loc = m[0].diag.location.as_ref().unwrap();
    assert_eq!(loc.file, "content/cs-CZ/events/210.md");
    assert_eq!(loc.line, 11, "after the segment before it");
    assert!(
        m[0].diag.help.as_ref().unwrap().contains("between line 11 and line 14"),
        "{:?}",
        m[0].diag.help
    );
    let rel = m[0].related.as_ref().unwrap();
    assert_eq!((rel.file.as_str(), rel.line), ("content/en-US/events/210.md", 11));
}

#[test]
fn missing_page_is_reported_against_the_english_page() {
    let f = Fixture::new(EN, None);
    let m = f.of(Rule::Missing);
    assert_eq!(m.len(), 1);
    assert!(m[0].diag.message.contains("no cs-CZ translation"));
    assert!(m[0].diag.help.as_ref().unwrap().contains("content/cs-CZ/events/210.md"));
    let r = f.report();
    assert_eq!(r.locales[0].pages_missing, 1);
    assert_eq!(
        r.locales[0].units.missing, 8,
        "every unit of the page counts as missing"
    );
}

#[test]
fn stale_translation_shows_a_word_diff() {
    let f = Fixture::new(&EN.replace("was hit", "was reached"), Some(&cs()));
    let s = f.of(Rule::Stale);
    assert_eq!(s.len(), 1, "{:?}", f.rules());
    assert!(
        s[0].diag.message.contains("[-hit.-]{+reached.+}"),
        "{}",
        s[0].diag.message
    );
    assert!(
        s[0].diag
            .help
            .as_ref()
            .unwrap()
            .contains("The '%1' throttle limit of '%2' was reached.")
    );
    assert_eq!(s[0].segment_id.as_deref(), Some("abcde-108"));
}

#[test]
fn orphaned_segment_when_the_english_is_gone() {
    let f = Fixture::new(&EN.replace("|Level|Warning|\n", ""), Some(&cs()));
    let o = f.of(Rule::Orphaned);
    assert_eq!(o.len(), 2, "{:?}", f.rules());
    assert_eq!(o[0].english.as_deref(), Some("Level"));
    // An orphaned page: a translation with no English page.
    let g = Fixture::new(EN, Some(&cs()));
    std::fs::write(g.root().join("content/cs-CZ/events/gone.md"), "---\ntitle: x\n---\nx\n").unwrap();
    assert!(
        g.rules()
            .iter()
            .any(|(r, m)| *r == Rule::Orphaned && m.contains("no en-US source page"))
    );
}

#[test]
fn untranslated_words_are_notes_but_numbers_and_identifiers_are_not() {
    let f = with(|t| t.replace(">Úroveň<", ">Level<"));
    let u = f.of(Rule::Untranslated);
    assert_eq!(u.len(), 1, "{:?}", f.rules());
    assert_eq!(u[0].english.as_deref(), Some("Level"));
    assert_eq!(u[0].severity(), Severity::Note);
    // "ID" and "210" are identical too, and not reported.
    assert!(
        !f.rules()
            .iter()
            .any(|(_, m)| m.contains("\"ID\"") || m.contains("\"210\""))
    );
    // allow_identical silences a listed text.
    std::fs::write(
        f.root().join("site.toml"),
        format!("{SITE}[check]\nallow_identical = [\"Level\"]\n"),
    )
    .unwrap();
    assert!(f.of(Rule::Untranslated).is_empty());
}

#[test]
fn damaged_placeholder_is_an_error_pointing_at_the_damage() {
    let f = with(|t| t.replace("Bylo dosaženo limitu '%1'", "Bylo dosaženo limitu '% 1 '"));
    let p = f.of(Rule::Placeholder);
    assert_eq!(p.len(), 1, "{:?}", f.rules());
    assert_eq!(p[0].severity(), Severity::Error);
    let m = &p[0].diag.message;
    assert!(m.contains("placeholders: missing `%1`"), "{m}");
    assert!(m.contains("`% 1` looks like a damaged placeholder"), "{m}");
    assert!(
        !m.contains("numbers"),
        "the leftover digit is not a second problem: {m}"
    );
    let loc = p[0].diag.location.as_ref().unwrap();
    let line = std::fs::read_to_string(f.root().join("content/cs-CZ/events/210.md")).unwrap();
    let line = line.lines().nth(loc.line as usize - 1).unwrap();
    let col = line.char_indices().nth(loc.column as usize - 1).unwrap().0;
    assert!(line[col..].starts_with("% 1"), "caret on the damage: {}", &line[col..]);
}

#[test]
fn changed_link_target_is_a_placeholder_error_and_changed_number_a_number_warning() {
    let f = with(|t| {
        t.replace("[Omezení](throttling.md)", "[Omezení](other.md)")
            .replace("data-ttu-id=\"abcde-104\">210<", "data-ttu-id=\"abcde-104\">211<")
    });
    let p = f.of(Rule::Placeholder);
    assert_eq!(p.len(), 1, "{:?}", f.rules());
    assert!(
        p[0].diag
            .message
            .contains("URLs: missing `throttling.md` extra `other.md`")
    );
    let n = f.of(Rule::Number);
    assert_eq!(n.len(), 1, "{:?}", f.rules());
    assert_eq!(n[0].diag.severity, locdoc::diag::Severity::Warning);
    assert!(
        n[0].diag
            .message
            .contains("lacks the English's `210` and has `211` instead"),
        "{}",
        n[0].diag.message
    );
}

#[test]
fn dropped_bold_is_a_markup_warning() {
    let f = with(|t| t.replace("**Poznámka**", "Poznámka"));
    let m = f.of(Rule::Markup);
    assert_eq!(m.len(), 1, "{:?}", f.rules());
    assert!(m[0].diag.message.contains("bold 1 → 0"));
    assert_eq!(m[0].severity(), Severity::Warning);
}

#[test]
fn malformed_spans_ids_and_prefixes_are_errors() {
    let unclosed = with(|t| t.replacen("Popis</span>", "Popis", 1));
    assert!(
        unclosed
            .of(Rule::Malformed)
            .iter()
            .any(|f| f.diag.message.contains("is not closed"))
    );
    let mismatch = with(|t| t.replace("data-stu-id=\"abcde-107\"", "data-stu-id=\"abcde-999\""));
    assert!(
        mismatch
            .of(Rule::Malformed)
            .iter()
            .any(|f| f.diag.message.contains("differs from its data-stu-id"))
    );
    let dup = with(|t| t.replace("abcde-104", "abcde-103"));
    assert!(
        dup.of(Rule::Malformed)
            .iter()
            .any(|f| f.diag.message.contains("is used twice"))
    );
    let mixed = with(|t| t.replace("abcde-105", "11111-105"));
    let m = mixed.of(Rule::Malformed);
    assert!(
        m.iter().any(|f| f.diag.message.contains("2 prefixes")),
        "{:?}",
        mixed.rules()
    );
    assert!(m.iter().all(|f| f.severity() == Severity::Error));
}

#[test]
fn front_matter_problems() {
    let locale = with(|t| t.replace("ms.contentlocale: cs-CZ", "ms.contentlocale: pl-PL"));
    let fm = locale.of(Rule::FrontMatter);
    assert_eq!(fm.len(), 1, "{:?}", locale.rules());
    assert!(
        fm[0]
            .diag
            .message
            .contains("`pl-PL` but the page is in the cs-CZ folder")
    );
    assert_eq!(fm[0].diag.location.as_ref().unwrap().line, 3);

    // No title: a warning (as `build` says it), not an error.
    let title = with(|t| t.replacen("title: \"210 – MessageThrottleExceeded\"\n", "", 1));
    let t = title.of(Rule::Title);
    assert_eq!(t.len(), 1, "{:?}", title.rules());
    assert!(t[0].diag.message.contains("no title"));
    assert_eq!(t[0].diag.severity, Severity::Warning);
    assert!(title.of(Rule::FrontMatter).is_empty(), "{:?}", title.rules());

    let yaml = with(|t| t.replacen("title: \"210", "title: [\"210", 1));
    let y = yaml.of(Rule::FrontMatter);
    assert!(y[0].diag.message.contains("invalid YAML"), "{:?}", yaml.rules());
    // English pages are checked too.
    let en = Fixture::new(&EN.replace("title: \"210", "title: [\"210"), Some(&cs()));
    assert!(
        en.of(Rule::FrontMatter)
            .iter()
            .any(|f| f.diag.location.as_ref().unwrap().file.contains("en-US"))
    );
}

#[test]
fn severity_overrides_and_fail_levels_come_from_site_toml() {
    let f = with(|t| t.replace(&seg("abcde-107", "Popis", "Description"), ""));
    assert!(!f.report().failed(), "missing is a warning");
    std::fs::write(
        f.root().join("site.toml"),
        format!("{SITE}[check]\ndeny = [\"missing\"]\n"),
    )
    .unwrap();
    assert!(f.report().failed());
    std::fs::write(
        f.root().join("site.toml"),
        format!("{SITE}[check]\nfail_on = \"warning\"\n"),
    )
    .unwrap();
    assert!(f.report().failed());
    std::fs::write(
        f.root().join("site.toml"),
        format!("{SITE}[check]\nallow = [\"missing\"]\nfail_on = \"note\"\n"),
    )
    .unwrap();
    let r = f.report();
    assert!(r.findings.is_empty() && !r.failed());
    std::fs::write(
        f.root().join("site.toml"),
        format!("{SITE}[check]\nmin_coverage = {{ cs-CZ = 95 }}\n"),
    )
    .unwrap();
    let r = f.report();
    assert!(r.locales[0].below_min_coverage() && r.failed());
    std::fs::write(
        f.root().join("site.toml"),
        format!("{SITE}[check]\ndeny = [\"nope\"]\n"),
    )
    .unwrap();
    match Site::open(f.root()) {
        Err(e) => assert_eq!(e.exit_code(), 2),
        Ok(_) => panic!("an unknown rule in site.toml is a config error"),
    }
}

#[test]
fn baseline_round_trip_survives_renumbering() {
    let f = golden_fixture();
    let site = Site::open(f.root()).unwrap();
    let report = check(&site, &CheckOptions::default()).unwrap();
    assert!(report.failed());
    let path = f.root().join("baseline.json");
    Baseline::from_report(&report).save(&path).unwrap();
    let baseline = Baseline::load(&path).unwrap();

    let mut again = check(&site, &CheckOptions::default()).unwrap();
    baseline.apply(&mut again);
    assert!(again.findings.is_empty() && !again.failed());
    assert_eq!(again.locales[0].baselined, report.findings.len());

    // The translation tool renumbers every segment and changes the prefix.
    let cs_path = f.root().join("content/cs-CZ/events/210.md");
    let renumbered = std::fs::read_to_string(&cs_path)
        .unwrap()
        .replace("abcde-10", "99999-30");
    std::fs::write(&cs_path, renumbered).unwrap();
    let site = Site::open(f.root()).unwrap();
    let mut renum = check(&site, &CheckOptions::default()).unwrap();
    baseline.apply(&mut renum);
    assert!(
        renum.findings.is_empty(),
        "{:?}",
        renum.findings.iter().map(|f| &f.diag.message).collect::<Vec<_>>()
    );

    // A new problem is reported.
    let cs = std::fs::read_to_string(&cs_path)
        .unwrap()
        .replace(">Upozornění<", ">Warning<");
    std::fs::write(&cs_path, cs).unwrap();
    let site = Site::open(f.root()).unwrap();
    let mut new = check(&site, &CheckOptions::default()).unwrap();
    baseline.apply(&mut new);
    assert_eq!(new.findings.len(), 1);
    assert_eq!(new.findings[0].english.as_deref(), Some("Warning"));
}

#[test]
fn paths_limit_the_check_to_changed_files() {
    let f = golden_fixture();
    let site = Site::open(f.root()).unwrap();
    let only = |p: &str| {
        let opts = CheckOptions {
            paths: vec![f.root().join(p)],
            ..Default::default()
        };
        let r = check(&site, &opts).unwrap();
        r.findings
            .iter()
            .map(|f| f.page.clone())
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(
        only("content/cs-CZ/events/throttling.md")
            .into_iter()
            .collect::<Vec<_>>(),
        vec!["events/throttling.md"]
    );
    assert_eq!(
        only("content/en-US/events/210.md").into_iter().collect::<Vec<_>>(),
        vec!["events/210.md"]
    );
    std::fs::write(f.root().join("README.md"), "# not a page\n").unwrap();
    assert!(only("README.md").is_empty(), "files that are not pages select nothing");
}

// ---- through the binary ----

fn run(f: &Fixture, args: &[&str]) -> std::process::Output {
    let mut a = vec!["check"];
    a.extend_from_slice(args);
    common::locdoc(f.root(), &a)
}

#[test]
fn a_heading_that_skips_a_level_is_a_warning_on_the_english_page() {
    let f = Fixture::new(&EN.replace("## Description", "### Description"), Some(&cs()));
    let skips = f.of(Rule::HeadingSkip);
    assert_eq!(skips.len(), 1, "once, not once per locale");
    let l = skips[0].diag.location.as_ref().unwrap();
    assert_eq!(
        (l.file.as_str(), l.line, l.column),
        ("content/en-US/events/210.md", 11, 1)
    );
    assert_eq!(skips[0].locale, "en-US");
    assert!(!f.report().failed(), "a warning");
    let o = run(&f, &["--fail-on", "heading-skip"]);
    assert_eq!(o.status.code(), Some(1));
    let out = common::stdout(&o);
    assert!(
        out.contains("warning[heading-skip]: a level-3 heading follows a level-1 heading"),
        "{out}"
    );
}

#[test]
fn exit_codes() {
    let clean = Fixture::new(EN, Some(&cs()));
    assert_eq!(run(&clean, &[]).status.code(), Some(0));
    let warn = with(|t| t.replace(&seg("abcde-107", "Popis", "Description"), ""));
    assert_eq!(
        run(&warn, &[]).status.code(),
        Some(0),
        "warnings do not fail by default"
    );
    assert_eq!(run(&warn, &["--fail-on", "warning"]).status.code(), Some(1));
    assert_eq!(run(&warn, &["--deny", "missing"]).status.code(), Some(1));
    assert_eq!(run(&warn, &["--fail-on", "stale,placeholder"]).status.code(), Some(0));
    assert_eq!(run(&warn, &["--min-coverage", "90"]).status.code(), Some(1));
    assert_eq!(run(&warn, &["--min-coverage", "cs-CZ=80"]).status.code(), Some(0));
    let err = golden_fixture();
    assert_eq!(run(&err, &[]).status.code(), Some(1));
    assert_eq!(
        run(&err, &["--allow", "placeholder,front-matter"]).status.code(),
        Some(0)
    );
    for bad in [
        &["--deny", "nope"][..],
        &["--min-coverage", "abc"][..],
        &["--format", "xml"][..],
        &["--locale", "xx-XX"][..],
    ] {
        let o = run(&clean, bad);
        assert_eq!(o.status.code(), Some(2), "{bad:?}: {}", common::stderr(&o));
    }
}

#[test]
fn baseline_through_the_binary() {
    let f = golden_fixture();
    let o = run(&f, &["--write-baseline", "base.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    assert_eq!(run(&f, &["--baseline", "base.json"]).status.code(), Some(0));
    std::fs::write(f.root().join("broken.json"), "{\"version\": 1,\n \"entries\": [}").unwrap();
    let o = run(&f, &["--baseline", "broken.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(common::stderr(&o).contains("broken.json:2:"), "{}", common::stderr(&o));
}

#[test]
fn output_file_gets_the_report_and_the_terminal_the_summary() {
    let f = golden_fixture();
    let o = run(&f, &["--format", "sarif", "--output", "report.sarif"]);
    assert_eq!(o.status.code(), Some(1));
    let out = common::stdout(&o);
    assert!(
        out.contains("locale") && out.contains("cs-CZ") && out.contains("check failed"),
        "{out}"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(f.root().join("report.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
}

#[test]
fn machine_formats_keep_stdout_parseable() {
    let f = golden_fixture();
    let o = run(&f, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&common::stdout(&o)).unwrap();
    assert_eq!(v["version"], 1);
    assert!(
        common::stderr(&o).contains("check failed"),
        "the summary goes to stderr"
    );
    let o = run(&f, &["--format", "github"]);
    for line in common::stdout(&o).lines() {
        assert!(
            line.starts_with("::error ") || line.starts_with("::warning ") || line.starts_with("::notice "),
            "{line}"
        );
    }
}

#[test]
fn quiet_human_output_has_the_failing_findings_and_the_verdict_but_no_summary() {
    let f = golden_fixture();
    let out = common::stdout(&run(&f, &["--quiet"]));
    assert!(out.contains("error[placeholder]"), "{out}");
    assert!(!out.contains("warning["), "{out}");
    assert!(
        out.contains("check failed: ") && !out.contains("locale  pages"),
        "{out}"
    );
    let clean = Fixture::new(EN, Some(&cs()));
    assert!(run(&clean, &["--quiet"]).stdout.is_empty());
}

#[test]
fn human_output_names_file_line_column_and_shows_the_line() {
    let f = golden_fixture();
    let o = run(&f, &[]);
    let out = common::stdout(&o);
    assert!(
        out.contains("error[placeholder]: translation differs from the English in placeholders: extra `%1`"),
        "{out}"
    );
    assert!(out.contains("--> content/cs-CZ/events/throttling.md:4:"), "{out}");
    assert!(out.contains("^"), "{out}");
    assert!(out.contains("help: copy these exactly as in the English"), "{out}");
    assert!(
        out.contains("= note: English source: content/en-US/events/210.md:"),
        "{out}"
    );
}
