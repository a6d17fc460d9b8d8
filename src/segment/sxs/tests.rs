//! The sxs scanner on hand-made pages.

use super::*;

fn seg(id: &str, tr: &str, en: &str) -> String {
    format!(
        "<span data-ttu-id=\"{id}\">{tr}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{en}</span></span>"
    )
}

fn parse_str(body: &str) -> (SourceText, SxsDoc) {
    let src = SourceText::new("p.md", body.to_string());
    let doc = parse(&src, 0);
    (src, doc)
}

fn texts(body: &str) -> Vec<(String, String)> {
    let (src, doc) = parse_str(body);
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    doc.segments
        .iter()
        .map(|s| (s.text(&src.text).to_string(), s.lookup(&src.text).to_string()))
        .collect()
}

#[test]
fn table_row_with_two_cells() {
    let body = format!(
        "|{}|{}|  \n",
        seg("628af-106", "Klíčová slova", "Keywords"),
        seg("628af-107", "X", "X")
    );
    let (src, doc) = parse_str(&body);
    assert_eq!(doc.segments.len(), 2);
    let s = &doc.segments[0];
    assert_eq!(s.id(&src.text), "628af-106");
    assert_eq!(s.prefix(&src.text), "628af");
    assert_eq!(s.number, Some(106));
    assert_eq!(s.text(&src.text), "Klíčová slova");
    assert_eq!(s.lookup(&src.text), "Keywords");
    assert_eq!(
        &src.text[s.range.clone()],
        seg("628af-106", "Klíčová slova", "Keywords")
    );
}

#[test]
fn heading_with_anchor_keeps_the_anchor_as_plain_text() {
    let body = format!("# <a name=\"x\"></a>{}\n", seg("a-102", "Titul", "Title"));
    let (src, doc) = parse_str(&body);
    assert_eq!(doc.segments.len(), 1);
    let pieces = doc.pieces(0, body.len());
    assert_eq!(pieces[0], Piece::Plain(0..18));
    assert_eq!(&src.text[0..18], "# <a name=\"x\"></a>");
}

#[test]
fn inline_markdown_inside_segments_is_kept_verbatim() {
    let cases = [
        "`<system.serviceModel><diagnostics>` a",
        "**tučně** and *kurzíva*",
        "[odkaz](https://example.org/a_b) a [x](other.md#frag)",
        "viz <xref:System.ServiceModel.Foo%2A>",
        "[!INCLUDE[netfx](../../includes/netfx-md.md)] běží",
        "'%1' a {0} a % 2",
        "a &#124; b",
        "řádek<br />další",
        "\\<system.serviceModel>\\<diagnostics> \\*",
        "70\u{a0}% a\u{200b}b  ",
    ];
    for c in cases {
        let got = texts(&seg("abcde-110", c, c));
        assert_eq!(got, vec![(c.to_string(), c.to_string())], "case {c:?}");
    }
}

#[test]
fn several_segments_on_one_line_and_plain_text_between() {
    let body = format!(
        " {} [!INCLUDE[x](y.md)] {}  \n",
        seg("p-1", "Jedna.", "One."),
        seg("p-2", "Dvě.", "Two.")
    );
    let (src, doc) = parse_str(&body);
    assert_eq!(doc.segments.len(), 2);
    let plain: String = doc
        .pieces(0, body.len())
        .iter()
        .filter_map(|p| match p {
            Piece::Plain(r) => Some(&src.text[r.clone()]),
            Piece::Segment(_) => None,
        })
        .collect();
    assert_eq!(plain, "  [!INCLUDE[x](y.md)]   \n");
}

#[test]
fn pieces_rebuild_the_body_byte_for_byte() {
    let body = format!("# {}\n\n|{}|\n\nplain\n", seg("a-1", "A", "A"), seg("a-2", "B", "b"));
    let (src, doc) = parse_str(&body);
    let rebuilt: String = doc
        .pieces(0, body.len())
        .iter()
        .map(|p| match p {
            Piece::Plain(r) => &src.text[r.clone()],
            Piece::Segment(i) => &src.text[doc.segments[*i].range.clone()],
        })
        .collect();
    assert_eq!(rebuilt, body);
}

#[test]
fn spans_in_fenced_code_blocks_and_code_spans_are_not_segments() {
    let body = format!(
        "```html\n{}\n```\n\n    {}\n\nText `{}` end {}\n",
        seg("c-1", "x", "x"),
        seg("c-2", "y", "y"),
        seg("c-3", "z", "z"),
        seg("c-4", "real", "real")
    );
    let (src, doc) = parse_str(&body);
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    assert_eq!(doc.segments.len(), 1);
    assert_eq!(doc.segments[0].id(&src.text), "c-4");
}

#[test]
fn crlf_free_body_with_nbsp_and_trailing_spaces_parses() {
    let body = format!("## {}  \n  \n", seg("a-103", "V tomto\u{a0}oddílu", "In this section"));
    assert_eq!(texts(&body)[0].0, "V tomto\u{a0}oddílu");
}

#[test]
fn unclosed_translation_span_is_reported_and_the_next_segment_still_parses() {
    let body = format!("<span data-ttu-id=\"a-1\">broken\n\n{}\n", seg("a-2", "ok", "ok"));
    let (src, doc) = parse_str(&body);
    assert_eq!(doc.segments.len(), 1);
    assert_eq!(doc.segments[0].id(&src.text), "a-2");
    assert_eq!(doc.diagnostics.len(), 1);
    let d = &doc.diagnostics[0];
    assert!(d.message.contains("not closed"), "{}", d.message);
    let loc = d.location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (1, 1));
}

#[test]
fn unclosed_span_followed_directly_by_another_segment() {
    let body = format!("<span data-ttu-id=\"a-1\">broken {}\n", seg("a-2", "ok", "ok"));
    let (_, doc) = parse_str(&body);
    assert_eq!(doc.segments.len(), 1);
    assert!(doc.diagnostics[0].message.contains("not closed"));
}

#[test]
fn mismatched_ids_are_reported_but_the_segment_is_kept() {
    let body =
        "x <span data-ttu-id=\"a-1\">T</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-9\">E</span></span>\n";
    let (src, doc) = parse_str(body);
    assert_eq!(doc.segments.len(), 1);
    assert!(doc.segments[0].id_mismatch);
    let d = &doc.diagnostics[0];
    assert!(d.message.contains("differs"), "{}", d.message);
    assert_eq!(
        d.location.as_ref().unwrap().column as usize,
        src.text.find("a-9").unwrap() + 1
    );
}

#[test]
fn nested_span_in_translation_is_reported() {
    let body = "<span data-ttu-id=\"a-1\">T <span class=\"x\">in</span></span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">E</span></span>\n";
    let (_, doc) = parse_str(body);
    assert!(doc.segments.is_empty());
    assert!(
        doc.diagnostics.iter().any(|d| d.message.contains("nested")),
        "{:?}",
        doc.diagnostics
    );
}

#[test]
fn translation_without_lookup_is_reported() {
    let body = "<span data-ttu-id=\"a-1\">T</span> and more\n";
    let (_, doc) = parse_str(body);
    assert!(doc.segments.is_empty());
    assert!(doc.diagnostics[0].message.contains("no sxs-lookup"));
}

#[test]
fn stray_lookup_and_stray_close_are_reported() {
    let body = "<span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">E</span></span> x </span>\n";
    let (_, doc) = parse_str(body);
    assert!(doc.segments.is_empty());
    assert_eq!(doc.diagnostics.len(), 2, "{:?}", doc.diagnostics);
}

#[test]
fn unterminated_tag_is_reported() {
    let (_, doc) = parse_str("<span data-ttu-id=\"a-1\"\n");
    assert!(doc.diagnostics[0].message.contains("never closed with `>`"));
}

#[test]
fn a_tag_inside_an_unquoted_attribute_value_is_not_a_tag_of_its_own() {
    // Both once panicked (`begin > end`): the `</span>` was read as the
    // attribute value and as a closing tag.
    for body in [
        "<span data-ttu-id=</span>\n",
        "<span data-ttu-id=\"a-1\">x</span><span class=\"sxs-lookup\"><span data-stu-id=</span></span>\n",
        "<span data-ttu-id=\"a-1\">x</span><span class=\"sxs-lookup\"><span data-stu-id=a-1>y</span></span>\n",
    ] {
        let (_, doc) = parse_str(body);
        assert!(
            doc.segments.is_empty() || body.contains("=a-1>"),
            "{body:?}: {:?}",
            doc.segments
        );
        for d in &doc.diagnostics {
            assert_eq!(d.code, MALFORMED);
            assert_eq!(d.location.as_ref().map(|l| l.line), Some(1), "{d}");
        }
    }
    let (_, doc) = parse_str("<span data-ttu-id=</span>\n");
    assert_eq!(doc.diagnostics.len(), 1, "{:?}", doc.diagnostics);
    assert!(
        doc.diagnostics[0].message.contains("not closed"),
        "{}",
        doc.diagnostics[0]
    );
}

#[test]
fn other_spans_are_plain_content() {
    let body = format!("<span class=\"note\">hi</span> {}\n", seg("a-1", "T", "E"));
    assert_eq!(texts(&body).len(), 1);
}

#[test]
fn id_without_number_is_reported() {
    let (_, doc) = parse_str(&seg("abc", "T", "E"));
    assert_eq!(doc.segments.len(), 1);
    assert_eq!(doc.segments[0].number, None);
    assert!(doc.diagnostics[0].message.contains("PREFIX-NUMBER"));
}

#[test]
fn single_quoted_and_reordered_attributes_are_accepted() {
    let body =
        "<span data-ttu-id='a-1' >T</span><span data-x=\"1\" class='sxs-lookup'><span  data-stu-id=a-1>E</span></span>";
    assert_eq!(texts(body), vec![("T".into(), "E".into())]);
}
