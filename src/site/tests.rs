//! Tests of `site`.
use super::*;

#[test]
fn relative_urls_between_folders() {
    assert_eq!(relative_url("cs-CZ/events/a/", "cs-CZ/events/b/"), "../b/");
    assert_eq!(
        relative_url("cs-CZ/events/a/", "en-US/events/b/"),
        "../../../en-US/events/b/"
    );
    assert_eq!(
        relative_url("cs-CZ/events/a/", "cs-CZ/events/media/x.png"),
        "../media/x.png"
    );
    assert_eq!(relative_url("", "cs-CZ/"), "cs-CZ/");
    assert_eq!(relative_url("cs-CZ/", "cs-CZ/"), "./");
    assert_eq!(
        relative_url("cs-CZ/events/a/", "static/locdoc.css"),
        "../../../static/locdoc.css"
    );
}

#[test]
fn urls_percent_encode_each_segment_and_keep_the_slashes() {
    assert_eq!(url_path("cs-CZ/events/4031-x_y.z~/"), "cs-CZ/events/4031-x_y.z~/");
    assert_eq!(url_path("en-US/a b#c?/"), "en-US/a%20b%23c%3F/");
    assert_eq!(url_path("en-US/100%/"), "en-US/100%25/");
    assert_eq!(
        url_path("en-US/<img src=x onerror=alert(1)>/"),
        "en-US/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E/"
    );
    assert_eq!(url_path("en-US/čeština/"), "en-US/%C4%8De%C5%A1tina/");
    assert_eq!(url_path(""), "");
    // The encoding is undone by a percent-decoder: the file on disk is found.
    let name = "en-US/a b#c?%/čeština <'\"&>/";
    assert_eq!(
        percent_encoding::percent_decode_str(&url_path(name))
            .decode_utf8()
            .unwrap(),
        name
    );
    assert_eq!(
        absolute_url("https://e.org/docs/", "en-US/a b/"),
        "https://e.org/docs/en-US/a%20b/"
    );
    assert_eq!(relative_url("en-US/a b/", "en-US/c d/"), "../c%20d/");
    assert_eq!(relative_url("en-US/a b/", "en-US/a b/media/x y.png"), "media/x%20y.png");
}

#[test]
fn join_rel_resolves_dots_and_refuses_to_climb_out() {
    assert_eq!(join_rel("events/", "x.md").as_deref(), Some("events/x.md"));
    assert_eq!(join_rel("events/", "../other/x.md").as_deref(), Some("other/x.md"));
    assert_eq!(join_rel("events/", "../../x.md"), None);
}

#[test]
fn only_a_page_with_text_and_no_span_at_all_is_a_whole_page() {
    let whole = |body: &str| {
        let page = load::parse_page(
            "x.md".into(),
            format!("---\ntitle: T\n---\n{body}").into_bytes(),
            1,
            "x.md",
        )
        .unwrap();
        let sxs = sxs::parse(&page.src, page.body_start);
        is_whole_page(&page, &sxs)
    };
    assert!(whole("# Nadpis\n\nText.\n"));
    assert!(!whole("\n  \n"), "no text: nothing translated");
    let seg =
        "<span data-ttu-id=\"a-1\">Text</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Text</span></span>";
    assert!(!whole(&format!("# {seg}\n")));
    // A broken span is an sxs page gone wrong (`malformed`), not a whole page.
    assert!(!whole("# <span data-ttu-id=\"a-1\">Text\n"));
}

#[test]
fn slugs_may_not_escape() {
    assert!(check_slug("ok-slug").is_ok());
    for bad in ["", "..", "../x", "a/b", "a\\b", ".hidden"] {
        assert!(check_slug(bad).is_err(), "{bad}");
    }
}
