//! What `locdoc export`'s options select and where its files go, what the
//! files say about each unit (references, location, state), and an import
//! that finds its spans renumbered since the export.

mod common;

use common::SampleSite;
use common::exchange::{files, ok};
use polib::message::{MessageMutView, MessageView};

const CS: &str = "content/cs-CZ/events/4031-dispatchsessionfailed.md";
const EN_FILE: &str = "content/en-US/events/4031-dispatchsessionfailed.md";

/// The files under `dir`, relative to it.
fn names(site: &SampleSite, dir: &str) -> Vec<String> {
    files(&site.path(dir))
        .into_iter()
        .map(|p| p.strip_prefix(site.path(dir)).unwrap().display().to_string())
        .collect()
}

#[test]
fn ids_renumbered_between_export_and_import_still_land_in_their_span() {
    let site = SampleSite::new();
    ok(&site.run(&["export", "--locale", "cs-CZ", "--all", "--format", "po", "--out", "x"]));
    let po = &files(&site.path("x"))[0];
    let mut catalog = polib::po_file::parse(po).unwrap();
    for mut m in catalog.messages_mut() {
        if m.msgid() == "Session dispatch failed." {
            m.set_msgstr("Odeslání relace selhalo.".into()).unwrap();
        }
    }
    polib::po_file::write_to_file(&catalog, po).unwrap();
    // Meanwhile an editor renumbers the page's spans: 628af-1NN → 628af-9NN.
    let renumbered = site.read(CS).replace("\"628af-1", "\"628af-9");
    site.write(CS, &renumbered);
    let out = ok(&site.run(&["import", po.to_str().unwrap()]));
    assert!(out.contains("Wrote 1 units into 1 pages"), "{out}");
    assert_eq!(
        site.read(CS),
        renumbered.replace(
            "<span data-ttu-id=\"628af-915\">Relace odeslání se nezdařilo.</span>",
            "<span data-ttu-id=\"628af-915\">Odeslání relace selhalo.</span>"
        ),
        "the translation lands in the renumbered span, and nothing else changes"
    );
    assert!(renumbered.contains("<span data-ttu-id=\"628af-915\">Relace odeslání se nezdařilo.</span>"));
}

#[test]
fn only_missing_exports_the_new_units_and_only_untranslated_the_english_ones() {
    let site = SampleSite::new();
    // One translation left in English: untranslated.
    site.edit(CS, |t| {
        t.replacen(">Relace odeslání se nezdařilo.<", ">Session dispatch failed.<", 1)
    });
    let count = |only: &str, out: &str| {
        ok(&site.run(&[
            "export", "--locale", "cs-CZ", "--only", only, "--format", "xliff", "--out", out,
        ]))
    };
    let missing = count("missing", "m");
    assert!(
        missing.starts_with("Exported 9 units of 1 pages (9 new, 0 stale, 0 untranslated, 0 translated"),
        "{missing}"
    );
    let xlf = std::fs::read_to_string(&files(&site.path("m"))[0]).unwrap();
    assert_eq!(xlf.matches("<trans-unit ").count(), 9);
    assert_eq!(xlf.matches("<target state=\"new\"></target>").count(), 9, "{xlf}");
    let untranslated = count("untranslated", "u");
    // The numbers and identifiers the page has in English on purpose are not exported.
    assert!(
        untranslated.starts_with("Exported 1 units of 1 pages (0 new, 0 stale, 1 untranslated, 0 translated"),
        "{untranslated}"
    );
    let xlf = std::fs::read_to_string(&files(&site.path("u"))[0]).unwrap();
    assert_eq!(xlf.matches("<trans-unit ").count(), 1);
    assert!(
        xlf.contains("<source xml:lang=\"en-US\">Session dispatch failed.</source>"),
        "{xlf}"
    );
    assert!(xlf.contains("<target state=\"new\"></target>"), "{xlf}");
    assert!(
        xlf.contains("The page has this text in English: translate it."),
        "{xlf}"
    );
    let both = count("missing,untranslated", "b");
    assert!(both.starts_with("Exported 10 units"), "{both}");
    let bad = site.run(&["export", "--locale", "cs-CZ", "--only", "orphaned"]);
    assert_eq!(bad.status.code(), Some(2), "{}", common::stderr(&bad));
}

#[test]
fn paths_select_pages_by_their_english_or_locale_file_or_folder() {
    let site = SampleSite::new();
    site.write(
        "content/en-US/guide/other.md",
        "---\ntitle: Other\n---\n# Another page\n\nIt has no translation yet.\n",
    );
    let export = |paths: &[&str], out: &str| {
        let mut a = vec!["export", "--locale", "cs-CZ", "--format", "po", "--out", out];
        a.extend(paths);
        ok(&site.run(&a));
        names(&site, out)
    };
    let event = "cs-CZ/events/4031-dispatchsessionfailed.po";
    let other = "cs-CZ/guide/other.po";
    assert_eq!(export(&[], "all"), [event, other]);
    assert_eq!(export(&[EN_FILE], "en"), [event]);
    assert_eq!(export(&[CS], "cs"), [event]);
    assert_eq!(export(&["content/en-US/guide"], "folder"), [other]);
    assert_eq!(export(&["content/cs-CZ"], "locale-folder"), [event]);
    assert_eq!(export(&["content/pl-PL"], "none"), Vec::<String>::new());
}

#[test]
fn by_default_export_writes_xliff_per_page_under_translations() {
    let site = SampleSite::new();
    let out = ok(&site.run(&["export", "--locale", "cs-CZ"]));
    assert!(out.ends_with("→ translations\n"), "{out}");
    assert_eq!(
        names(&site, "translations"),
        ["cs-CZ/events/4031-dispatchsessionfailed.xlf"]
    );
    ok(&site.run(&["export", "--locale", "cs-CZ", "--single-file", "--format", "po"]));
    assert!(site.path("translations/cs-CZ.po").is_file());
}

#[test]
fn units_name_their_english_line_in_po_references_and_xliff_location() {
    let site = SampleSite::new();
    let en = site.read(EN_FILE);
    let line = |needle: &str| en[..en.find(needle).unwrap()].matches('\n').count() + 1;
    ok(&site.run(&["export", "--locale", "cs-CZ", "--all", "--format", "po", "--out", "p"]));
    ok(&site.run(&[
        "export", "--locale", "cs-CZ", "--all", "--format", "xliff", "--out", "x",
    ]));
    let po = std::fs::read_to_string(&files(&site.path("p"))[0]).unwrap();
    let xlf = std::fs::read_to_string(&files(&site.path("x"))[0]).unwrap();
    for (text, translated) in [("Session dispatch failed.", true), ("AppDomain", false)] {
        let n = line(text);
        assert!(
            po.contains(&format!(
                "#: {EN_FILE}:{n}\nmsgctxt \"events/4031-dispatchsessionfailed.md#"
            )),
            "{text}: {po}"
        );
        let unit = xlf
            .split("<trans-unit ")
            .find(|u| u.contains(&format!(">{text}</source>")))
            .unwrap_or_else(|| panic!("no unit for {text}: {xlf}"));
        assert!(
            unit.contains(&format!(
                "<context-group purpose=\"location\"><context context-type=\"sourcefile\">{EN_FILE}</context><context context-type=\"linenumber\">{n}</context></context-group>"
            )),
            "{unit}"
        );
        if translated {
            assert!(unit.contains("approved=\"yes\">"), "{unit}");
            assert!(
                unit.contains("<target state=\"translated\">Relace odeslání se nezdařilo.</target>"),
                "{unit}"
            );
        } else {
            assert!(!unit.contains("approved"), "{unit}");
            assert!(unit.contains("<target state=\"new\"></target>"), "{unit}");
        }
    }
}
