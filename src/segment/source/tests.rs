use super::*;

const PAGE: &str = "---\ntitle: x\n---\n# 4031 - DispatchSessionFailed\n## Properties  \n  \n|||  \n|-|-|  \n|ID|4031|  \n|Keywords|`Code`|  \n  \n## Description  \n This event is emitted. It has [a link](x.md) and [!INCLUDE[wv](../wv-md.md)] text.  \n\n> [!NOTE]\n> Note line one\n> line two.\n\n- item one\n- item **two**\n\n```xml\n<not a block>\n```\n";

fn doc() -> (usize, SourceDoc) {
    let start = PAGE.find("# 4031").unwrap();
    (start, parse(PAGE, start))
}

fn norms(d: &SourceDoc) -> Vec<&str> {
    d.blocks.iter().map(|b| b.norm.text.as_str()).collect()
}

#[test]
fn finds_headings_cells_paragraphs_notes_and_items() {
    let (_, d) = doc();
    assert_eq!(
        norms(&d),
        vec![
            "4031 - DispatchSessionFailed",
            "Properties",
            "ID",
            "4031",
            "Keywords",
            "`Code`",
            "Description",
            "This event is emitted. It has [a link](x.md) and [!INCLUDE[wv](../wv-md.md)] text.",
            "Note line one line two.",
            "item one",
            "item **two**",
        ]
    );
    assert_eq!(d.blocks[0].kind, BlockKind::Heading(1));
    assert_eq!(d.blocks[2].kind, BlockKind::TableCell);
    assert_eq!(d.blocks[9].kind, BlockKind::ListItem);
}

#[test]
fn heading_ids_follow_docfx() {
    let (_, d) = doc();
    assert_eq!(
        d.heading_ids,
        vec!["4031---dispatchsessionfailed", "properties", "description"]
    );
}

#[test]
fn code_only_cells_and_includes_have_no_translatable_text() {
    let (_, d) = doc();
    let code = &d.blocks[5];
    assert!(!code.has_text(PAGE, &code.range));
    let para = &d.blocks[7];
    let inc = PAGE.find("[!INCLUDE").unwrap();
    assert!(!para.has_text(PAGE, &(inc..inc + "[!INCLUDE[wv](../wv-md.md)]".len())));
    assert!(para.has_text(PAGE, &para.range));
}

#[test]
fn multi_line_blockquote_maps_back_to_source() {
    let (_, d) = doc();
    let b = &d.blocks[8];
    let i = b.norm.text.find("one line").unwrap();
    let r = b.norm.source_range(PAGE, i..i + "one line".len());
    assert_eq!(&PAGE[r], "one\n> line");
}

#[test]
fn split_drops_link_syntax_and_keeps_link_text() {
    let (_, d) = doc();
    let b = &d.blocks[7];
    let start = PAGE.find("has [a").unwrap() + 5;
    let end = PAGE.find("(x.md)").unwrap() + 6;
    // From inside the link text to past its end.
    let pieces: Vec<&str> = b.split(start..end + 4).iter().map(|r| &PAGE[r.clone()]).collect();
    assert_eq!(pieces, vec!["a link", " and"]);
}

#[test]
fn expand_takes_whole_constructs() {
    let (_, d) = doc();
    let b = &d.blocks[10];
    let s = PAGE.find("item **two**").unwrap();
    let r = b.expand(s..s + "item **tw".len());
    assert_eq!(&PAGE[r], "item **two**");
}

#[test]
fn a_block_starting_with_an_escape_starts_at_its_backslash() {
    let page = "# \\<add> Element for \\<x>\n";
    let d = parse(page, 0);
    assert_eq!(&page[d.blocks[0].range.clone()], "\\<add> Element for \\<x>");
    assert_eq!(d.blocks[0].norm.text, "<add> Element for <x>");
}

#[test]
fn escapes_normalise_away_as_they_do_in_lookups() {
    let page = "WCF \\<system.serviceModel> a \\| b\n";
    let d = parse(page, 0);
    assert_eq!(d.blocks[0].norm.text, "WCF <system.serviceModel> a | b");
    assert_eq!(
        d.blocks[0].norm.text,
        crate::segment::normalize("WCF \\<system.serviceModel> a &#124; b")
    );
    let b = &d.blocks[0];
    assert_eq!(
        &page[b.norm.source_range(page, 4..5)],
        "\\<",
        "the escape maps back whole"
    );
}

#[test]
fn whole_block_index_and_joined_text() {
    let (_, d) = doc();
    assert_eq!(d.by_text["ID"], vec![2]);
    let pos = d.joined.find("Keywords").unwrap();
    assert_eq!(d.locate_joined(pos), (4, 0));
}
