//! DocFX's extensions, rendered: snippets, includes, divs, zones, tabs,
//! videos, images and xref display forms. No token is ever left raw.

use super::*;

fn page_with(links: &MapLinks, md: &str) -> (String, RenderCtx<'static>) {
    let labels: &'static [String; 5] = Box::leak(Box::new(english_alert_labels()));
    let links: &'static MapLinks = Box::leak(Box::new(MapLinks {
        links: links.links.clone(),
        includes: links.includes.clone(),
        snippets: links.snippets.clone(),
    }));
    let ctx = RenderCtx::new(links, Some("https://api.example/{uid}"), labels);
    let ids = crate::segment::source::parse(md, 0).heading_ids;
    let html = render_document(md, &ids, &ctx, &mut Fills::default(), false);
    (html, ctx)
}

fn page(md: &str) -> String {
    page_with(&MapLinks::default(), md).0
}

fn no_raw_tokens(html: &str) {
    for t in ["[!code", "[!div", "[!VIDEO", ":::", "[!INCLUDE", "#tab/", "xref:"] {
        assert!(!html.contains(t), "raw `{t}` in {html}");
    }
}

#[test]
fn a_snippet_in_the_site_renders_as_its_region_with_a_language_class() {
    let mut links = MapLinks::default();
    links.snippets.insert(
        "../samples/p.cs".into(),
        "class P {\n    // <Snippet2>\n    int x = 1 < 2 ? 1 : 0;\n    // </Snippet2>\n}\n".into(),
    );
    let (html, _) = page_with(
        &links,
        "Before.\n\n[!code-csharp[P#2](../samples/p.cs#Snippet2)]\n\nAfter.\n",
    );
    assert!(
        html.contains("<pre><code class=\"language-csharp\">int x = 1 &lt; 2 ? 1 : 0;</code></pre>"),
        "{html}"
    );
    assert!(!html.contains("<p><pre>"), "a block is not put in a paragraph: {html}");
    no_raw_tokens(&html);
}

#[test]
fn a_snippet_not_in_the_site_is_a_marked_note_never_raw_text() {
    let html = page(
        "- Step:\n\n  [!code-vb[X](../../samples/x.vb#1)]\n\n:::code language=\"csharp\" source=\"s/y.cs\" range=\"3-5\":::\n",
    );
    assert_eq!(html.matches("class=\"code-missing\"").count(), 2, "{html}");
    assert!(
        html.contains("Code sample not in this site: <code>../../samples/x.vb</code>"),
        "{html}"
    );
    no_raw_tokens(&html);
}

#[test]
fn div_markers_turn_their_block_quote_into_a_div_of_that_class() {
    let html = page(
        "> [!div class=\"checklist\"]\n> - One\n> - Two\n\n> [!div class=\"nextstepaction\"]\n> [Next](https://example.com/next)\n",
    );
    assert!(html.contains("<div class=\"checklist\">\n<ul>"), "{html}");
    assert!(
        html.contains("<div class=\"nextstepaction\">\n<p><a href=\"https://example.com/next\">Next</a></p>\n</div>"),
        "{html}"
    );
    assert!(!html.contains("blockquote"), "{html}");
    no_raw_tokens(&html);
}

#[test]
fn zones_images_videos_and_tabs_have_their_documented_forms() {
    let html = page(
        "::: zone pivot=\"cs\"\n\nInside.\n\n::: zone-end\n\n:::image type=\"content\" source=\"https://example.com/a.png\" alt-text=\"An [A]\":::\n\n\
         > [!VIDEO https://example.com/v]\n\n# [C#](#tab/csharp)\n\nTab text.\n\n---\n",
    );
    assert!(
        html.contains("<div class=\"docfx-zone\">\n<p>Inside.</p>\n</div>"),
        "{html}"
    );
    assert!(
        html.contains("<img src=\"https://example.com/a.png\" alt=\"An [A]\""),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"https://example.com/v\">\u{25b6} Video</a>"),
        "{html}"
    );
    assert!(
        html.contains("<h1 id=\"c\">C#<a class=\"anchor\""),
        "the tab name is a heading: {html}"
    );
    no_raw_tokens(&html);
}

#[test]
fn an_unclosed_zone_is_closed_at_the_end_of_the_page() {
    let html = page("::: zone pivot=\"a\"\n\nText.\n");
    assert_eq!(html.matches("<div").count(), html.matches("</div>").count(), "{html}");
}

#[test]
fn xref_display_properties_give_docfx_names() {
    let html = page(
        "<xref:System.String.Trim?displayProperty=nameWithType>, <xref:System.String.Trim?displayProperty=fullName>, <xref:System.String.Trim%2A>.\n",
    );
    assert!(html.contains(">String.Trim</a>"), "{html}");
    assert!(html.contains(">System.String.Trim</a>"), "{html}");
    assert!(html.contains(">Trim</a>"), "{html}");
    assert!(
        html.contains("title=\"System.String.Trim\""),
        "the hover title is the UID: {html}"
    );
    no_raw_tokens(&html);
}

#[test]
fn a_block_include_renders_its_blocks_and_an_inline_one_its_words() {
    let mut links = MapLinks::default();
    links
        .includes
        .insert("note".into(), "> [!NOTE]\n> Install the package first.\n".into());
    links.includes.insert("wf".into(), "Windows Workflow Foundation".into());
    let (html, _) = page_with(
        &links,
        "Use [!INCLUDE[wf](i/wf.md)] here.\n\n[!INCLUDE [note](i/note.md)]\n",
    );
    assert!(html.contains("<p>Use Windows Workflow Foundation here.</p>"), "{html}");
    assert!(html.contains("<div class=\"alert alert-note\""), "{html}");
    assert!(!html.contains("<p><div"), "{html}");
    no_raw_tokens(&html);
}

#[test]
fn an_include_that_includes_itself_is_cut_and_reported() {
    let mut links = MapLinks::default();
    links
        .includes
        .insert("loop".into(), "Again [!INCLUDE[loop](loop.md)]".into());
    let (html, ctx) = page_with(&links, "[!INCLUDE[loop](loop.md)]\n");
    assert_eq!(html.matches("Again").count(), 1, "{html}");
    assert_eq!(ctx.include_cycles.borrow().len(), 1);
}

#[test]
fn a_long_page_of_docfx_tokens_renders_in_one_pass() {
    // Many block sentinels and divs: each is finished in the event pass,
    // not by searching the whole page once per token.
    let md = "> [!div class=\"x\"]\n> - a\n\n[!code-cs[a](b.cs)]\n\n".repeat(5_000);
    let html = page(&md);
    assert_eq!(html.matches("<div class=\"x\">").count(), 5_000);
    assert_eq!(html.matches("code-missing").count(), 5_000);
}

#[test]
fn snippet_references_on_consecutive_lines_are_blocks_of_their_own() {
    for md in [
        "Text before\n[!code-cs[a](a.cs)]\n[!code-vb[b](b.vb)]\nText after\n",
        "1. Step:\n\n   [!code-cs[a](a.cs)]\n   [!code-vb[b](b.vb)]\n2. Next\n",
        "> [!NOTE]\n> [!code-cs[a](a.cs)]\n> [!code-vb[b](b.vb)]\n",
    ] {
        let html = page(md);
        assert_eq!(html.matches("<div class=\"code-missing\"").count(), 2, "{html}");
        assert!(!html.contains("<p><div") && !html.contains("<p>\u{e000}"), "{html}");
        let doc = scraper::Html::parse_fragment(&html);
        assert!(doc.errors.is_empty(), "{:?} in {html}", doc.errors);
    }
}

#[test]
fn the_plain_text_of_an_xref_is_its_display_name() {
    assert_eq!(
        plain_text("See <xref:System.String.Trim?displayProperty=nameWithType>."),
        "See String.Trim."
    );
}
