//! Hostile and broken input (issue 11): the reproducers that once crashed,
//! and the limits of `[limits]`. That every stage stays linear is
//! `tests/linear_cost.rs`.

mod common;

use common::{
    hostile::{seg, site},
    locdoc, stderr, stdout,
};

// --- Reproducers ----------------------------------------------------------

#[test]
fn unquoted_attribute_values_are_malformed_findings_not_panics() {
    for cs in [
        "---\n---\n<span data-ttu-id=</span>\n",
        "---\n---\n<span data-ttu-id=\"a-1\">x</span><span class=\"sxs-lookup\"><span data-stu-id=</span></span>\n",
    ] {
        let dir = site("Hello.\n", "", "");
        std::fs::write(dir.path().join("content/cs-CZ/e/p.md"), cs).unwrap();
        let o = locdoc(dir.path(), &["check"]);
        assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("error[malformed]"), "{out}");
        assert!(out.contains("content/cs-CZ/e/p.md:3:"), "{out}");
        let o = locdoc(dir.path(), &["build", "--no-search"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stderr(&o).contains("warning[malformed]"), "{}", stderr(&o));
    }
}

// --- Limits ---------------------------------------------------------------

#[test]
fn a_page_over_the_file_size_limit_is_refused_and_the_old_output_stays() {
    let dir = site("Hello.\n", &seg(1, "Ahoj.", "Hello."), "[limits]\nfile_size = 200\n");
    let o = locdoc(dir.path(), &["build", "--no-search"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = dir.path().join("public/cs-CZ/e/p/index.html");
    let before = std::fs::read(&page).unwrap();
    std::fs::write(
        dir.path().join("content/cs-CZ/e/p.md"),
        format!("---\ntitle: P\n---\n{}\n", seg(1, &"Ahoj. ".repeat(40), "Hello.")),
    )
    .unwrap();
    let o = locdoc(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("error[limit]"), "{out}");
    assert!(out.contains("content/cs-CZ/e/p.md:1:1"), "{out}");
    assert!(out.contains("over the limit of 200 ([limits] file_size)"), "{out}");
    let o = locdoc(dir.path(), &["build", "--no-search"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("[limits] file_size"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&page).unwrap(), before, "the previous output stays");
}

#[test]
fn a_line_over_the_line_length_limit_is_refused_at_its_line_and_column() {
    let en = format!("Hello.\n\n{}\n", "word ".repeat(100));
    let dir = site(&en, &seg(1, "Ahoj.", "Hello."), "[limits]\nline_length = 300\n");
    let o = locdoc(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("error[limit]: this line is 500 bytes long"), "{out}");
    assert!(out.contains("content/en-US/e/p.md:6:301"), "{out}");
}

#[test]
fn a_translation_nesting_html_too_deep_is_refused_alone_and_its_english_shown() {
    let cs = format!(
        "{}\n\n{}\n",
        seg(1, &format!("{}x", "<b>".repeat(70)), "Hello."),
        seg(2, "Svět.", "World.")
    );
    let dir = site("Hello.\n\nWorld.\n", &cs, "");
    let o = locdoc(dir.path(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let limit: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "limit")
        .collect();
    assert_eq!(limit.len(), 1, "{report:#}");
    assert!(
        limit[0]["message"].as_str().unwrap().contains("70 deep"),
        "{:#}",
        limit[0]
    );
    assert_eq!(limit[0]["line"], 4);
    let o = locdoc(dir.path(), &["build", "--no-search"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(dir.path().join("public/cs-CZ/e/p/index.html")).unwrap();
    assert!(html.contains("Svět."), "the other segment is translated");
    assert!(!html.contains("<b><b><b>"), "the deep translation is not on the page");
    assert!(html.contains("Hello."), "its English is");
}

#[test]
fn english_lists_nesting_too_deep_are_refused() {
    let dir = site(&format!("{}item\n", "- ".repeat(80)), "", "");
    let o = locdoc(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("error[limit]: lists and block quotes nest 80 deep"),
        "{out}"
    );
    assert!(out.contains("content/en-US/e/p.md:4:"), "{out}");
    let o = locdoc(dir.path(), &["build", "--no-search"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn a_list_ten_thousand_deep_is_refused_by_review_builds_too() {
    // Once: build --review aborted at 4 GB on it (plain builds were fine).
    let dir = site(
        &format!("{}item\n", "- ".repeat(10_000)),
        &seg(1, "Ahoj.", "Hello."),
        "",
    );
    let o = locdoc(dir.path(), &["build", "--review", "--no-search"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("lists and block quotes nest") && stderr(&o).contains("[limits] nesting_depth"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn findings_past_the_limit_are_counted_not_listed() {
    let en: String = (0..25).map(|i| format!("Paragraph {i}.\n\n")).collect();
    let dir = site(&en, &seg(1, "Nic.", "Nothing."), "[limits]\nfindings_per_page = 10\n");
    let o = locdoc(dir.path(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    // Ten listed, then one finding per rule standing for the rest.
    let messages: Vec<&str> = findings.iter().map(|f| f["message"].as_str().unwrap()).collect();
    assert_eq!(findings.len(), 12, "{messages:#?}");
    assert!(messages.iter().filter(|m| m.starts_with("no translation of")).count() == 10);
    for note in [
        "15 more `missing` findings on this page are not listed ([limits] findings_per_page = 10)",
        "1 more `orphaned` findings on this page are not listed ([limits] findings_per_page = 10)",
    ] {
        assert!(messages.contains(&note), "{messages:#?}");
    }
    let totals = &report["locales"][0]["findings"];
    assert_eq!(
        (&totals["missing"], &totals["orphaned"]),
        (&25.into(), &1.into()),
        "{totals:#}"
    );
}

#[test]
fn a_limit_of_zero_is_a_configuration_error() {
    let dir = site("Hello.\n", "", "[limits]\nnesting_depth = 0\n");
    let o = locdoc(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("[limits] values must be greater than 0"),
        "{}",
        stderr(&o)
    );
}
