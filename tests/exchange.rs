//! `locdoc export` and `locdoc import` through the command line on the
//! sample site: the round trip, stale units, what import refuses. The
//! corpora are in `exchange_corpus.rs`, the options in `exchange_options.rs`.

mod common;

use std::path::Path;

use common::exchange::{args, files, fill, fill_po, fill_xliff, ok};
use common::files::tree;
use common::{PAGE, SampleSite, stderr, stdout};
use polib::message::{MessageMutView, MessageView};

const CS: &str = "content/cs-CZ/events/4031-dispatchsessionfailed.md";
const EN: &str = "content/en-US/events/4031-dispatchsessionfailed.md";

#[test]
fn export_then_import_of_the_untouched_files_changes_no_byte() {
    for format in ["po", "xliff"] {
        let site = SampleSite::new();
        let before = tree(&site.path("content"));
        for locale in common::SEED_LOCALES {
            ok(&site.run(&["export", "--locale", locale, "--all", "--format", format, "--out", "x"]));
        }
        let exported = files(&site.path("x"));
        assert_eq!(exported.len(), 5, "{format}: one file per page and locale");
        let out = ok(&site.run(&args(&["import"], &exported)));
        assert!(out.contains("Wrote 0 units into 0 pages"), "{out}");
        assert!(tree(&site.path("content")) == before, "{format}: import changed a page");
    }
}

#[test]
fn filled_targets_import_as_translated_units_that_build_renders_and_repeated_import_changes_nothing() {
    for format in ["po", "xliff"] {
        let site = SampleSite::new();
        ok(&site.run(&["export", "--locale", "cs-CZ", "--all", "--format", format, "--out", "x"]));
        let exported = files(&site.path("x"));
        exported.iter().for_each(|p| fill(p));
        let out = ok(&site.run(&args(&["import"], &exported)));
        assert!(out.contains("Wrote 24 units into 1 pages"), "{format}: {out}");
        let report = ok(&site.run(&["check", "--locale", "cs-CZ", "--format", "json"]));
        let json: serde_json::Value = serde_json::from_str(&report).unwrap();
        let units = &json["locales"][0]["units"];
        assert_eq!(units["translated"], 24, "{format}: {units}");
        assert_eq!(units["missing"].as_u64().unwrap() + units["stale"].as_u64().unwrap(), 0);
        let once = tree(&site.path("content"));
        let again = ok(&site.run(&args(&["import"], &exported)));
        assert!(again.contains("Wrote 0 units into 0 pages (24 already so"), "{again}");
        assert!(
            tree(&site.path("content")) == once,
            "{format}: a second import changed bytes"
        );
        ok(&site.run(&["build", "--quiet", "--no-search"]));
        let html = site.read(&format!("public/cs-CZ/{}/index.html", PAGE.trim_end_matches(".md")));
        for s in [
            "ǂ This event is emitted",
            "ǂ Look for an earlier error event",
            "ǂ HostReference",
        ] {
            assert!(html.contains(s), "{format}: the page lacks {s}");
        }
    }
}

#[test]
fn only_the_bytes_of_imported_units_change_and_crlf_and_bom_stay() {
    let site = SampleSite::new();
    let original = format!("\u{feff}{}", site.read(CS).replace('\n', "\r\n"));
    site.write(CS, &original);
    ok(&site.run(&["export", "--locale", "cs-CZ", "--all", "--format", "po", "--out", "x"]));
    let po = &files(&site.path("x"))[0];
    let mut catalog = polib::po_file::parse(po).unwrap();
    for mut m in catalog.messages_mut() {
        match m.msgid() {
            "Session dispatch failed." => m.set_msgstr("Odeslání relace selhalo.".into()).unwrap(),
            "AppDomain" => m.set_msgstr("Doména aplikace".into()).unwrap(),
            _ => {}
        }
    }
    polib::po_file::write_to_file(&catalog, po).unwrap();
    ok(&site.run(&["import", po.to_str().unwrap()]));
    let after = std::fs::read_to_string(site.path(CS)).unwrap();
    let expected = original.replace(
        ">Relace odeslání se nezdařilo.</span>",
        ">Odeslání relace selhalo.</span>",
    );
    // The one changed segment, and the new span for the missing cell (a
    // line of its own after the last segment, in the file's CRLF).
    assert!(after.starts_with('\u{feff}'));
    assert_eq!(
        after.matches("\r\n").count(),
        after.matches('\n').count(),
        "every line end stays CRLF"
    );
    let new_line = after
        .split("\r\n")
        .find(|l| l.contains("Doména aplikace"))
        .unwrap_or_else(|| panic!("no new span:\n{after}"));
    assert!(new_line.starts_with("|<span data-ttu-id=\"628af-117\">Doména aplikace</span><span class=\"sxs-lookup\"><span data-stu-id=\"628af-117\">AppDomain</span></span>|"), "{new_line}");
    assert_eq!(after.replacen(&format!("\r\n{new_line}"), "", 1), expected);
}

#[test]
fn a_page_the_locale_lacks_is_created_from_the_english_front_matter() {
    let site = SampleSite::new();
    std::fs::remove_file(site.path(CS)).unwrap();
    let out = ok(&site.run(&[
        "export",
        "--locale",
        "cs-CZ",
        "--format",
        "xliff",
        "--out",
        "x",
        "--single-file",
    ]));
    assert!(out.contains("24 new"), "{out}");
    let xlf = site.path("x/cs-CZ.xlf");
    fill_xliff(&xlf);
    let out = ok(&site.run(&["import", xlf.to_str().unwrap(), "--dry-run"]));
    assert!(
        out.contains("new ") && !site.path(CS).exists(),
        "--dry-run wrote: {out}"
    );
    ok(&site.run(&["import", xlf.to_str().unwrap()]));
    let page = site.read(CS);
    let en = site.read(EN);
    let front_end = en.find("\n---\n").unwrap();
    assert!(page.starts_with(&en[..front_end]), "{page}");
    assert!(
        page.contains("ms.contentlocale: cs-CZ\n---\n# <span data-ttu-id="),
        "{page}"
    );
    let report = ok(&site.run(&["check", "--locale", "cs-CZ", "--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(json["locales"][0]["units"]["translated"], 24, "{report}");
}

#[test]
fn a_stale_unit_is_fuzzy_with_the_english_it_was_translated_from() {
    let site = SampleSite::new();
    site.edit(EN, |t| {
        t.replace("Session dispatch failed.", "Session dispatch failed for `%1`.")
    });
    ok(&site.run(&[
        "export", "--locale", "cs-CZ", "--only", "stale", "--format", "po", "--out", "p",
    ]));
    ok(&site.run(&[
        "export", "--locale", "cs-CZ", "--only", "stale", "--format", "xliff", "--out", "x",
    ]));
    let po = std::fs::read_to_string(&files(&site.path("p"))[0]).unwrap();
    assert!(
        po.contains("#, fuzzy\n#| msgid \"Session dispatch failed.\"\nmsgctxt \"events/4031-dispatchsessionfailed.md#"),
        "{po}"
    );
    assert!(
        po.contains("msgid \"Session dispatch failed for `%1`.\"\nmsgstr \"Relace odeslání se nezdařilo.\""),
        "{po}"
    );
    assert!(po.contains("#. Keep these as they are: `%1`"), "{po}");
    let xlf = std::fs::read_to_string(&files(&site.path("x"))[0]).unwrap();
    assert!(
        xlf.contains(
            "<source xml:lang=\"en-US\">Session dispatch failed for <ph id=\"1\" ctype=\"x-code\">`%1`</ph>.</source>"
        ),
        "{xlf}"
    );
    assert!(
        xlf.contains("<target state=\"needs-review-translation\">Relace odeslání se nezdařilo.</target>"),
        "{xlf}"
    );
    assert!(
        xlf.contains("The translation was made from: Session dispatch failed.</note>"),
        "{xlf}"
    );
    // Untouched, the fuzzy unit is not imported; reviewed, it is.
    let before = site.read(CS);
    ok(&site.run(&args(&["import"], &files(&site.path("p")))));
    assert_eq!(site.read(CS), before);
    let x = &files(&site.path("x"))[0];
    let text = std::fs::read_to_string(x).unwrap().replace(
        "<target state=\"needs-review-translation\">Relace odeslání se nezdařilo.</target>",
        "<target state=\"translated\">Odeslání relace <ph id=\"1\">`%1`</ph> selhalo.</target>",
    );
    std::fs::write(x, text).unwrap();
    ok(&site.run(&["import", x.to_str().unwrap()]));
    assert_eq!(
        site.read(CS),
        before.replace(
            ">Relace odeslání se nezdařilo.</span><span class=\"sxs-lookup\"><span data-stu-id=\"628af-115\">Session dispatch failed.<",
            ">Odeslání relace `%1` selhalo.</span><span class=\"sxs-lookup\"><span data-stu-id=\"628af-115\">Session dispatch failed for `%1`.<"
        )
    );
}

/// The line:column a refusal points at in `file`, from stderr.
fn refused_at(o: &std::process::Output, file: &str) -> String {
    assert_eq!(o.status.code(), Some(1), "{}\n{}", stdout(o), stderr(o));
    let err = stderr(o);
    let at = err
        .lines()
        .find_map(|l| l.trim().strip_prefix("--> ").filter(|l| l.contains(file)))
        .unwrap_or_else(|| panic!("no location in {file}:\n{err}"));
    at.rsplit(&format!("{file}:")).next().unwrap().to_string()
}

#[test]
fn import_refuses_changed_english_unknown_keys_damaged_codes_and_other_locales_and_writes_nothing() {
    let site = SampleSite::new();
    site.edit(EN, |t| {
        t.replace("Session dispatch failed.", "Session dispatch failed for `%1`.")
    });
    ok(&site.run(&["export", "--locale", "cs-CZ", "--all", "--format", "po", "--out", "x"]));
    ok(&site.run(&["export", "--locale", "pl-PL", "--all", "--format", "po", "--out", "x"]));
    let cs = site.path("x/cs-CZ/events/4031-dispatchsessionfailed.po");
    let pl = site.path("x/pl-PL/events/4031-dispatchsessionfailed.po");
    fill_po(&cs);
    fill_po(&pl);
    let pages = || (tree(&site.path("content/cs-CZ")), tree(&site.path("content/pl-PL")));
    let before = pages();
    let rel = |p: &Path| p.strip_prefix(site.root()).unwrap().to_str().unwrap().to_string();
    let (cs_rel, pl_rel) = (rel(&cs), rel(&pl));
    let cs_text = std::fs::read_to_string(&cs).unwrap();
    let line_of = |text: &str, needle: &str| text[..text.find(needle).unwrap()].lines().count() + 1;

    // A damaged inline code in the pl-PL file: the whole import (cs-CZ too) is refused.
    let pl_text = std::fs::read_to_string(&pl).unwrap();
    std::fs::write(
        &pl,
        pl_text.replace(
            "msgstr \"ǂ Session dispatch failed for `%1`.\"",
            "msgstr \"ǂ Session dispatch failed for 1 %.\"",
        ),
    )
    .unwrap();
    let o = site.run(&["import", &cs_rel, &pl_rel]);
    assert!(refused_at(&o, &pl_rel).starts_with(&format!("{}:", line_of(&pl_text, "#. Under the heading: Message"))));
    assert!(stderr(&o).contains("damaged inline code"), "{}", stderr(&o));
    assert!(pages() == before, "a refused import wrote a page");

    // A file for another locale than --locale.
    let o = site.run(&["import", "--locale", "pl-PL", &cs_rel]);
    assert!(
        stderr(&o).contains("the file is for cs-CZ, not pl-PL"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        refused_at(&o, &cs_rel),
        format!("{}:1", line_of(&cs_text, "\"Language: cs_CZ"))
    );

    // An unknown key, and a unit whose English changed since the export.
    let bad = cs_text.replacen("msgctxt \"events/4031", "msgctxt \"events/9999", 1);
    std::fs::write(&cs, &bad).unwrap();
    site.edit(EN, |t| {
        t.replace("This event is emitted when", "This event is raised when")
    });
    let o = site.run(&["import", &cs_rel]);
    let err = stderr(&o);
    assert!(err.contains("unknown unit key `events/9999"), "{err}");
    assert!(
        err.contains("its English is no longer on content/en-US/events/4031-dispatchsessionfailed.md"),
        "{err}"
    );
    refused_at(&o, &cs_rel);
    assert!(pages() == before, "a refused import wrote a page");

    // Not an exchange file at all.
    site.write("x/broken.po", "msgid \"\"\nmsgstr \"\"\n\nmsgid \"a\nmsgstr \"\"\n");
    let o = site.run(&["import", "x/broken.po"]);
    assert_eq!(refused_at(&o, "x/broken.po"), "4:1");
}

#[test]
fn a_translation_that_would_break_its_span_is_refused() {
    let site = SampleSite::new();
    ok(&site.run(&["export", "--locale", "cs-CZ", "--all", "--format", "po", "--out", "x"]));
    let po = &files(&site.path("x"))[0];
    let text = std::fs::read_to_string(po).unwrap();
    std::fs::write(po, text.replace("msgstr \"Popis\"", "msgstr \"Popis</span> `x\"")).unwrap();
    let o = site.run(&["import", po.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("`<span>` tags"), "{}", stderr(&o));
}

#[test]
fn backslash_escaped_tags_export_as_text_and_import_back_escaped() {
    const SENT: &str =
        "Set it in the \\<system.serviceModel>\\<diagnostics> section, see [\\<bindings>](https://example.org/b).";
    for format in ["po", "xliff"] {
        let site = SampleSite::new();
        site.edit(EN, |t| format!("{t}\n{SENT}\n"));
        ok(&site.run(&[
            "export", "--locale", "cs-CZ", "--only", "missing", "--format", format, "--out", "x",
        ]));
        let exported = files(&site.path("x"));
        let text = std::fs::read_to_string(&exported[0]).unwrap();
        if format == "po" {
            let catalog = polib::po_file::parse(&exported[0]).unwrap();
            assert!(catalog.messages().any(|m| m.msgid() == SENT), "{text}");
            assert!(
                !text.contains("`<diagnostics>`"),
                "an escaped tag named as a code: {text}"
            );
        } else {
            assert!(
                text.contains("Set it in the \\&lt;system.serviceModel&gt;\\&lt;diagnostics&gt; section, see <g id=\"1\" ctype=\"link\">\\&lt;bindings&gt;</g>."),
                "{text}"
            );
            assert!(!text.contains("x-html"), "an escaped tag as an HTML code: {text}");
        }
        fill(&exported[0]);
        ok(&site.run(&args(&["import"], &exported)));
        let page = site.read(CS);
        assert!(
            page.contains(&format!(
                ">ǂ {SENT}</span><span class=\"sxs-lookup\"><span data-stu-id=\"628af-"
            )),
            "{format}: the sxs page lost the escapes:\n{page}"
        );
        let report = ok(&site.run(&["check", "--locale", "cs-CZ", "--format", "json"]));
        let json: serde_json::Value = serde_json::from_str(&report).unwrap();
        assert_eq!(json["locales"][0]["units"]["missing"], 0, "{format}: {report}");
        ok(&site.run(&["build", "--quiet", "--no-search", "--locale", "cs-CZ"]));
        let html = site.read(&format!("public/cs-CZ/{}/index.html", PAGE.trim_end_matches(".md")));
        for s in [
            "ǂ Set it in the &lt;system.serviceModel&gt;&lt;diagnostics&gt; section, see <a ",
            "&lt;bindings&gt;</a>.",
        ] {
            assert!(html.contains(s), "{format}: the built page lacks {s}:\n{html}");
        }
    }
}
