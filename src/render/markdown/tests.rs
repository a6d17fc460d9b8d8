//! Markdown rendering on hand-made pages.

use super::*;

fn ctx<'a>(links: &'a MapLinks, labels: &'a [String; 5]) -> RenderCtx<'a> {
    ctx_with(links, labels)
}

fn ctx_with<'a>(links: &'a dyn LinkResolver, labels: &'a [String; 5]) -> RenderCtx<'a> {
    RenderCtx::new(links, Some("https://learn.microsoft.com/dotnet/api/{uid}"), labels)
}

fn inline(md: &str) -> String {
    let links = MapLinks::default();
    let labels = english_alert_labels();
    render_inline(md, &ctx(&links, &labels), true)
}

#[test]
fn plain_text_is_escaped() {
    assert_eq!(inline("a < b & c"), "a &lt; b &amp; c");
    assert_eq!(inline("Relace se nezdařila."), "Relace se nezdařila.");
}

#[test]
fn inline_markup_renders_without_a_paragraph() {
    assert_eq!(inline("**tučně** a `kód`"), "<strong>tučně</strong> a <code>kód</code>");
    assert_eq!(inline("_kurzíva_ a *ta*"), "<em>kurzíva</em> a <em>ta</em>");
}

#[test]
fn text_that_looks_like_a_block_stays_inline() {
    assert_eq!(inline("1. krok"), "1. krok");
    assert_eq!(inline("# není nadpis"), "# není nadpis");
    assert_eq!(inline("    není kód"), "není kód");
    assert_eq!(inline("> ne citace"), "&gt; ne citace");
    assert_eq!(inline("¡Hola!"), "¡Hola!");
}

#[test]
fn entities_escapes_and_placeholders_survive() {
    assert_eq!(inline("a &#124; b"), "a | b");
    assert_eq!(inline("\\<system.serviceModel>"), "&lt;system.serviceModel&gt;");
    assert_eq!(inline("'%1' {0} % 2"), "'%1' {0} % 2");
}

#[test]
fn script_and_event_handlers_never_reach_the_output() {
    for evil in [
        "<script>alert(1)</script>ok",
        "<img src=x onerror=alert(1)>ok",
        "<a href=\"javascript:alert(1)\">ok</a>",
        "[ok](javascript:alert(1))",
        "<javascript:alert(1)>",
        "<span onmouseover=\"alert(1)\">ok</span>",
        "<svg><script>alert(1)</script></svg>ok",
        "[ok](JaVaScRiPt:alert(1))",
        "<iframe src=\"https://evil\"></iframe>ok",
        "<style>body{display:none}</style>ok",
    ] {
        let out = inline(evil).to_lowercase();
        assert!(!out.contains("<script"), "{evil} -> {out}");
        assert!(
            !out.contains("=\"javascript:") && !out.contains("=javascript:"),
            "{evil} -> {out}"
        );
        assert!(
            !out.contains("onerror") && !out.contains("onmouseover"),
            "{evil} -> {out}"
        );
        assert!(
            !out.contains("<iframe") && !out.contains("<style") && !out.contains("<img"),
            "{evil} -> {out}"
        );
    }
}

#[test]
fn safe_inline_html_is_kept() {
    assert_eq!(inline("řádek<br />další"), "řádek<br>další");
    assert_eq!(inline("<b>tučně</b>"), "<b>tučně</b>");
}

#[test]
fn xref_links_use_the_configured_url_and_short_name() {
    let out = inline("viz <xref:System.ServiceModel.Channels.Message%2A>");
    assert_eq!(
        out,
        "viz <a class=\"xref\" href=\"https://learn.microsoft.com/dotnet/api/system.servicemodel.channels.message\" title=\"System.ServiceModel.Channels.Message%2A\">Message</a>"
    );
}

#[test]
fn xref_without_a_url_renders_as_code() {
    let links = MapLinks::default();
    let labels = english_alert_labels();
    let ctx = RenderCtx::new(&links, None, &labels);
    assert_eq!(
        render_inline("<xref:System.Foo.Bar>", &ctx, true),
        "<code class=\"xref\" title=\"System.Foo.Bar\">Bar</code>"
    );
}

#[test]
fn relative_links_are_resolved_and_broken_ones_recorded() {
    let mut links = MapLinks::default();
    links.links.insert("x.md".into(), "../x/".into());
    let labels = english_alert_labels();
    let ctx = ctx(&links, &labels);
    assert_eq!(
        render_inline("[a](x.md#frag) [b](y.md)", &ctx, true),
        "<a href=\"../x/#frag\">a</a> <span class=\"link-outside\" title=\"y.md\" data-href=\"y.md\">b</span>"
    );
    assert_eq!(ctx.broken_links.borrow().iter().collect::<Vec<_>>(), vec!["y.md"]);
}

/// Resolves nothing inside the site; sends everything to an upstream site.
struct Upstream;

impl LinkResolver for Upstream {
    fn resolve(&self, _: &str) -> Option<String> {
        None
    }
    fn include(&self, _: &str, _: &str) -> Option<std::sync::Arc<Included>> {
        None
    }
    fn outside(&self, dest: &str) -> Option<String> {
        Some(format!(
            "https://up.example/{}",
            dest.trim_start_matches("../").trim_start_matches('/')
        ))
    }
}

#[test]
fn links_out_of_the_site_become_text_or_go_upstream() {
    let links = MapLinks::default();
    let labels = english_alert_labels();
    let mut c = ctx(&links, &labels);
    c.outside_label = "Not part of this site".into();
    // Site-root paths are another site's; images without a file show their alt text.
    let html = render_document(
        "[a](/archive/x) and ![diagram](../img/d.png) and [ext](https://e.org/)\n",
        &[],
        &c,
        &mut Fills::default(),
        false,
    );
    assert_eq!(
        html,
        "<p><span class=\"link-outside\" title=\"Not part of this site\" data-href=\"/archive/x\">a</span> and <span class=\"link-outside\" title=\"Not part of this site\" data-href=\"../img/d.png\">diagram</span> and <a href=\"https://e.org/\">ext</a></p>\n"
    );
    assert_eq!(c.broken_links.borrow().len(), 2);

    let up = RenderCtx::new(&Upstream, None, &labels);
    assert_eq!(
        render_inline("[s](../../samples/s.md) [r](/archive/x \"t\")", &up, true),
        "<a class=\"upstream\" href=\"https://up.example/samples/s.md\">s</a> <a class=\"upstream\" href=\"https://up.example/archive/x\" title=\"t\">r</a>"
    );
    assert!(up.broken_links.borrow().is_empty());
}

#[test]
fn outside_markers_survive_sanitising() {
    let links = MapLinks::default();
    let labels = english_alert_labels();
    let c = ctx(&links, &labels);
    let out = render_inline("<b>x</b> [y](missing.md)", &c, true);
    assert!(
        out.contains("<span class=\"link-outside\" title=\"missing.md\" data-href=\"missing.md\">y</span>"),
        "{out}"
    );
}

#[test]
fn includes_resolve_or_show_their_name() {
    let mut links = MapLinks::default();
    links.includes.insert("wv".into(), "Windows Vista".into());
    let labels = english_alert_labels();
    let ctx = ctx(&links, &labels);
    assert_eq!(
        render_inline("[!INCLUDE[wv](../wv-md.md)] a", &ctx, true),
        "Windows Vista a"
    );
    let out = render_inline("[!INCLUDE[nf](../nf-md.md)]", &ctx, true);
    assert_eq!(out, "<span class=\"include-missing\" title=\"../nf-md.md\">nf</span>");
    assert_eq!(ctx.missing_includes.borrow().len(), 1);
}

/// A broken link inside English include text is noted with the include it
/// came from, so its warning points at the include file, not at 1:1 of
/// the page.
#[test]
fn broken_links_inside_includes_remember_the_include() {
    let mut links = MapLinks::default();
    links.includes.insert("tpl".into(), "See [the TPL](../gone.md).".into());
    let labels = english_alert_labels();
    let ctx = ctx(&links, &labels);
    render_inline(
        "[!INCLUDE[tpl](../../includes/tpl.md)] and [x](../elsewhere.md)",
        &ctx,
        true,
    );
    let origins = ctx.origins.borrow();
    assert_eq!(origins.get("../gone.md"), Some(&("tpl".to_string(), true)));
    assert_eq!(
        origins.get("../elsewhere.md"),
        None,
        "the page's own link is the page's"
    );
}

#[test]
fn includes_that_include_each_other_are_cut_where_they_loop() {
    // Found by fuzzing (before the include model tracked keys): a cycle
    // through two files recursed until the stack overflowed, an abort.
    let mut links = MapLinks::default();
    links.includes.insert("a".into(), "A [!INCLUDE[b](b.md)]".into());
    links.includes.insert("b".into(), "B [!INCLUDE[a](a.md)]".into());
    let labels = english_alert_labels();
    let ctx = ctx(&links, &labels);
    let out = render_inline("[!INCLUDE[a](a.md)]", &ctx, true);
    assert_eq!(out, "A B <span class=\"include-missing\" title=\"a.md\">a</span>");
    assert!(ctx.missing_includes.borrow().is_empty());
    assert_eq!(
        ctx.include_cycles.borrow().iter().collect::<Vec<_>>(),
        vec![&("a".to_string(), "a.md".to_string())]
    );
}

#[test]
fn includes_that_include_the_next_many_times_stop_at_the_budget() {
    // i0 includes i1 three times, i1 includes i2 three times, ...: within
    // the depth limit of 8 that is 3^8 texts (10^8 with ten), unless the
    // bytes of include text one render expands are bounded ([limits]
    // file_size). Unbounded, this one renders to 360 KB.
    let mut links = MapLinks::default();
    for k in 0..20 {
        let next = format!("[!INCLUDE[i{0}](i{0}.md)] ", k + 1);
        links.includes.insert(format!("i{k}"), format!("x {}", next.repeat(3)));
    }
    let labels = english_alert_labels();
    let ctx = ctx(&links, &labels);
    ctx.include_budget.set(10_000);
    let out = render_inline("[!INCLUDE[i0](i0.md)]", &ctx, true);
    assert!(out.len() < 50_000, "{} bytes", out.len());
    assert!(out.contains("include-missing"), "{out}");
    assert!(!ctx.include_cycles.borrow().is_empty());
}

#[test]
fn includes_nest_no_deeper_than_eight() {
    let mut links = MapLinks::default();
    for k in 0..100 {
        links
            .includes
            .insert(format!("i{k}"), format!("{k} [!INCLUDE[i{0}](i{0}.md)]", k + 1));
    }
    let labels = english_alert_labels();
    let ctx = ctx(&links, &labels);
    let out = render_inline("[!INCLUDE[i0](i0.md)]", &ctx, true);
    assert_eq!(
        out,
        "0 1 2 3 4 5 6 7 <span class=\"include-missing\" title=\"i8.md\">i8</span>"
    );
}

/// Resolves every include to one translated text (untrusted).
struct TranslatedInclude(&'static str);

impl LinkResolver for TranslatedInclude {
    fn resolve(&self, _: &str) -> Option<String> {
        None
    }
    fn include(&self, _: &str, _: &str) -> Option<std::sync::Arc<Included>> {
        Some(std::sync::Arc::new(Included {
            markdown: self.0.to_string(),
            translated: true,
            fallback: false,
            key: "x".into(),
        }))
    }
}

#[test]
fn a_translated_include_is_sanitised_even_in_a_trusted_page() {
    let text = "<img src=x onerror=alert(1)><b>ok</b>";
    let labels = english_alert_labels();
    let links = TranslatedInclude(text);
    let c = ctx_with(&links, &labels);
    assert_eq!(render_inline("[!INCLUDE[x](x.md)]", &c, false), "<b>ok</b>");
    let mut english = MapLinks::default();
    english.includes.insert("x".into(), text.into());
    let trusted = render_inline("[!INCLUDE[x](x.md)]", &ctx(&english, &labels), false);
    assert!(
        trusted.contains("onerror"),
        "English include files are the site's own: {trusted}"
    );
}

#[test]
fn document_gets_heading_ids_alerts_and_no_empty_table_head() {
    let links = MapLinks::default();
    let labels = english_alert_labels();
    let c = ctx(&links, &labels);
    let mut fills = Fills::default();
    let s = fills.add("<span class=\"seg\">Vlastnosti</span>".into(), "Vlastnosti".into());
    let md = format!("## {s}\n\n|||\n|-|-|\n|ID|4031|\n\n> [!NOTE]\n> Text.\n");
    let html = render_document(&md, &["properties".into()], &c, &mut fills, false);
    assert!(
        html.contains("<h2 id=\"properties\"><span class=\"seg\">Vlastnosti</span><a class=\"anchor\""),
        "{html}"
    );
    assert!(!html.contains("<thead>"), "{html}");
    assert!(
        html.contains("<table tabindex=\"0\"><tbody>\n<tr><td>ID</td><td>4031</td></tr>\n</tbody></table>"),
        "{html}"
    );
    assert!(
        html.contains("<div class=\"alert alert-note\" role=\"note\"><p class=\"alert-title\">Note</p>"),
        "{html}"
    );
}

#[test]
fn sentinels_in_image_alt_text_become_plain_text() {
    let links = MapLinks::default();
    let labels = english_alert_labels();
    let c = ctx(&links, &labels);
    let mut fills = Fills::default();
    let s = fills.add("<span>\"x\"</span>".into(), "Obrázek \"x\"".into());
    let html = render_document(&format!("![{s}](https://e.org/a.png)\n"), &[], &c, &mut fills, false);
    assert!(html.contains("alt=\"Obrázek &quot;x&quot;\""), "{html}");
}

#[test]
fn tables_and_code_blocks_take_keyboard_focus_in_trusted_and_untrusted_pages() {
    let links = MapLinks::default();
    let labels = english_alert_labels();
    let c = ctx(&links, &labels);
    let md = "|a|b|\n|-|-|\n|1|2|\n\n```xml\n<pre>\n```\n\n    indented\n\n<b>x</b>\n";
    for untrusted in [false, true] {
        let html = render_document(md, &[], &c, &mut Fills::default(), untrusted);
        assert!(html.contains("<table tabindex=\"0\">"), "{html}");
        assert!(
            html.contains("<pre tabindex=\"0\"><code class=\"language-xml\">&lt;pre&gt;"),
            "{html}"
        );
        assert!(html.contains("<pre tabindex=\"0\"><code>indented"), "{html}");
    }
}

#[test]
fn void_elements_are_written_without_a_trailing_slash() {
    let links = MapLinks::default();
    let labels = english_alert_labels();
    let c = ctx(&links, &labels);
    let md = "[a](https://e.org/)  \nline two\\\nthree\n\n---\n\n![Alt *em* `c`\ntext](https://e.org/a.png \"T \\\"q\\\"\")\n";
    let html = render_document(md, &[], &c, &mut Fills::default(), false);
    assert!(!html.contains("/>"), "{html}");
    assert!(html.contains("</a><br>\nline two<br>\nthree"), "{html}");
    assert!(html.contains("<hr>\n"), "{html}");
    assert!(
        html.contains("<img src=\"https://e.org/a.png\" alt=\"Alt em c text\" title=\"T &quot;q&quot;\">"),
        "{html}"
    );
}

#[test]
fn untrusted_documents_are_sanitised_but_fills_are_kept() {
    let links = MapLinks::default();
    let labels = english_alert_labels();
    let c = ctx(&links, &labels);
    let mut fills = Fills::default();
    let s = fills.add("<span class=\"seg\" data-u=\"1\">ok</span>".into(), "ok".into());
    let html = render_document(
        &format!("<script>alert(1)</script>\n\n{s} <b onclick=\"x\">b</b>\n"),
        &[],
        &c,
        &mut fills,
        true,
    );
    assert!(!html.contains("<script") && !html.contains("onclick"), "{html}");
    assert!(html.contains("<span class=\"seg\" data-u=\"1\">ok</span>"), "{html}");
}

#[test]
fn plain_text_strips_markup() {
    assert_eq!(plain_text("**a** `b` [c](d.md) [!INCLUDE[wv](x.md)]"), "a b c wv");
}

#[test]
fn substitute_ignores_malformed_sentinels() {
    let mut fills = Fills::default();
    let s = fills.add("X".into(), "x".into());
    assert_eq!(substitute(&format!("a{s}b{OPEN}zz"), &fills, false), "aXbzz");
}
