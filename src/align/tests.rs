//! The aligner on hand-made pages.

use super::*;
use crate::diag::SourceText;
use crate::segment::{source, sxs};

fn seg(n: u32, tr: &str, en: &str) -> String {
    format!(
        "<span data-ttu-id=\"abcde-{n}\">{tr}</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-{n}\">{en}</span></span>"
    )
}

struct Fixture {
    en: String,
    page: String,
    sxs: SxsDoc,
    al: Alignment,
}

fn run(en: &str, page: &str) -> Fixture {
    let doc = source::parse(en, 0);
    let src = SourceText::new("p.md", page.to_string());
    let sxs = sxs::parse(&src, 0);
    assert!(sxs.diagnostics.is_empty(), "{:?}", sxs.diagnostics);
    let al = align(en, &doc, page, &sxs);
    Fixture {
        en: en.to_string(),
        page: page.to_string(),
        sxs,
        al,
    }
}

impl Fixture {
    fn units(&self) -> Vec<(&str, Status, Vec<&str>)> {
        self.al
            .units
            .iter()
            .map(|u| {
                (
                    &self.en[u.range.clone()],
                    u.status,
                    u.segments
                        .iter()
                        .map(|&s| self.sxs.segments[s].text(&self.page))
                        .collect(),
                )
            })
            .collect()
    }
}

const EN: &str = "# 4031 - DispatchSessionFailed\n## Properties\n\n|||\n|-|-|\n|ID|4031|\n|Keywords|ActivationServices|\n|Level|Error|\n\n## Description\n This event is emitted when the session dispatch has failed.\n\n## Details\nFirst sentence here. Second sentence follows.\n";

fn full_translation() -> String {
    [
        format!(
            "# {}",
            seg(102, "4031 – DispatchSessionFailed", "4031 - DispatchSessionFailed")
        ),
        format!("## {}", seg(103, "Vlastnosti", "Properties")),
        "\n|||\n|-|-|".to_string(),
        format!("|{}|{}|", seg(104, "ID", "ID"), seg(105, "4031", "4031")),
        format!(
            "|{}|{}|",
            seg(106, "Klíčová slova", "Keywords"),
            seg(107, "ActivationServices", "ActivationServices")
        ),
        format!("|{}|{}|", seg(108, "Úroveň", "Level"), seg(109, "Chyba", "Error")),
        format!("\n## {}", seg(110, "Popis", "Description")),
        format!(
            " {}",
            seg(
                111,
                "Tato událost…",
                "This event is emitted when the session dispatch has failed."
            )
        ),
        format!("\n## {}", seg(112, "Podrobnosti", "Details")),
        format!(
            "{} {}",
            seg(113, "První věta.", "First sentence here."),
            seg(114, "Druhá věta.", "Second sentence follows.")
        ),
    ]
    .join("\n")
}

#[test]
fn every_source_unit_is_translated_or_untranslated() {
    let f = run(EN, &full_translation());
    let c = f.al.counts();
    assert_eq!(
        (c.translated, c.untranslated, c.missing, c.stale, c.orphaned),
        (10, 3, 0, 0, 0),
        "{:?}",
        f.units()
    );
    assert_eq!(f.al.aligned_segments(), 13);
    let u = f.units();
    assert_eq!(
        u[0],
        (
            "4031 - DispatchSessionFailed",
            Status::Translated,
            vec!["4031 – DispatchSessionFailed"]
        )
    );
    assert_eq!(u[2], ("ID", Status::Untranslated, vec!["ID"]));
    assert_eq!(u[11], ("First sentence here.", Status::Translated, vec!["První věta."]));
}

#[test]
fn a_removed_segment_leaves_its_source_text_missing() {
    let page = full_translation().replace(
        &seg(
            111,
            "Tato událost…",
            "This event is emitted when the session dispatch has failed.",
        ),
        "",
    );
    let f = run(EN, &page);
    let missing: Vec<_> = f.units().into_iter().filter(|u| u.1 == Status::Missing).collect();
    assert_eq!(
        missing,
        vec![(
            "This event is emitted when the session dispatch has failed.",
            Status::Missing,
            vec![]
        )]
    );
}

#[test]
fn untranslated_source_paragraph_is_missing_sentence_by_sentence() {
    let page = full_translation().replace(
        &format!(
            "{} {}",
            seg(113, "První věta.", "First sentence here."),
            seg(114, "Druhá věta.", "Second sentence follows.")
        ),
        "",
    );
    let f = run(EN, &page);
    let missing: Vec<_> = f
        .units()
        .into_iter()
        .filter(|u| u.1 == Status::Missing)
        .map(|u| u.0)
        .collect();
    assert_eq!(missing, vec!["First sentence here.", "Second sentence follows."]);
}

#[test]
fn changed_english_makes_the_translation_stale() {
    let en = EN.replace(
        "when the session dispatch has failed",
        "when dispatching a session fails",
    );
    let f = run(&en, &full_translation());
    let stale: Vec<_> = f.units().into_iter().filter(|u| u.1 == Status::Stale).collect();
    assert_eq!(
        stale,
        vec![(
            "This event is emitted when dispatching a session fails.",
            Status::Stale,
            vec!["Tato událost…"]
        )]
    );
    assert_eq!(f.al.counts().orphaned, 0);
}

#[test]
fn removed_english_makes_the_translation_orphaned() {
    let en = EN.replace("|Level|Error|\n", "");
    let f = run(&en, &full_translation());
    let orphans: Vec<_> = f.al.orphans.iter().map(|&s| f.sxs.segments[s].text(&f.page)).collect();
    assert_eq!(orphans, vec!["Úroveň", "Chyba"]);
    assert_eq!(f.al.counts().missing, 0);
}

#[test]
fn id_numbers_and_prefixes_do_not_matter() {
    let page = full_translation().replace("abcde-1", "fffff-9");
    let f = run(EN, &page);
    assert_eq!(f.al.counts().missing, 0);
    assert_eq!(f.al.aligned_segments(), 13);
}

#[test]
fn repeated_texts_align_in_occurrence_order() {
    let en = "|||\n|-|-|\n|A|Verbose|\n|B|Verbose|\n|C|Verbose|\n";
    let page = format!(
        "|||\n|-|-|\n|{}|{}|\n|{}|{}|\n|{}|{}|\n",
        seg(1, "a", "A"),
        seg(2, "v1", "Verbose"),
        seg(3, "b", "B"),
        seg(4, "v2", "Verbose"),
        seg(5, "c", "C"),
        seg(6, "v3", "Verbose")
    );
    let f = run(en, &page);
    let u = f.units();
    assert_eq!(u[1].2, vec!["v1"]);
    assert_eq!(u[3].2, vec!["v2"]);
    assert_eq!(u[5].2, vec!["v3"]);
}

#[test]
fn a_deleted_row_does_not_shift_repeated_cells() {
    let en = "|||\n|-|-|\n|A1|Verbose|\n|C3|Verbose|\n";
    let page = format!(
        "|||\n|-|-|\n|{}|{}|\n|{}|{}|\n|{}|{}|\n",
        seg(1, "a", "A1"),
        seg(2, "v1", "Verbose"),
        seg(3, "b", "B2"),
        seg(4, "v2", "Verbose"),
        seg(5, "c", "C3"),
        seg(6, "v3", "Verbose")
    );
    let f = run(en, &page);
    let u = f.units();
    assert_eq!(u[1].2, vec!["v1"]);
    assert_eq!(u[3].2, vec!["v3"], "{u:?}");
}

#[test]
fn lookup_in_link_text_replaces_only_the_text() {
    let en = "|||\n|-|-|\n|[131 - BufferPoolAllocation](131-bufferpoolallocation.md)|Verbose|\n";
    let page = format!(
        "|||\n|-|-|\n|[{}](131-bufferpoolallocation.md)|{}|\n",
        seg(1, "131 – BufferPoolAllocation", "131 - BufferPoolAllocation"),
        seg(2, "Podrobné", "Verbose")
    );
    let f = run(en, &page);
    assert_eq!(f.units()[0].0, "131 - BufferPoolAllocation");
    assert_eq!(f.al.counts().missing, 0);
}

#[test]
fn include_outside_spans_is_neither_missing_nor_covered() {
    let en = "In [!INCLUDE[wv](../wv-md.md)] unifies logs. Second one.\n";
    let page = format!(
        "In [!INCLUDE[wv](../wv-md.md)] {} {}\n",
        seg(1, "sjednocuje protokoly.", "unifies logs."),
        seg(2, "Druhá.", "Second one.")
    );
    let f = run(en, &page);
    let c = f.al.counts();
    assert_eq!((c.translated, c.missing), (2, 1), "{:?}", f.units());
    // "In" is source text the translation did not cover.
    assert_eq!(f.units()[0].0, "In");
}

#[test]
fn whitespace_nbsp_and_line_breaks_do_not_prevent_matching() {
    let en = "One sentence\nwrapped  here.\n";
    let page = seg(1, "Jedna\u{a0}věta.", "One  sentence wrapped\u{a0}here.");
    let f = run(en, &page);
    assert_eq!(f.al.counts().translated, 1);
    assert_eq!(f.units()[0].0, "One sentence\nwrapped  here.");
}

#[test]
fn duplicated_segment_is_orphaned() {
    let en = "Only once.\n";
    let page = format!(
        "{} {}",
        seg(1, "Jednou.", "Only once."),
        seg(2, "Jednou.", "Only once.")
    );
    let f = run(en, &page);
    assert_eq!(f.al.counts().translated, 1);
    assert_eq!(f.al.orphans, vec![1]);
}

/// cs-CZ whats-new-in-dotnet-standard.md (guides corpus): the English
/// added "The" before a translated sentence. Placed inside the sentence,
/// the page read "The Standard .NET je určen…"; now the sentence is the
/// stale translation, whole.
#[test]
fn a_lookup_inside_a_sentence_makes_it_stale_never_half_english() {
    let en = "The .NET Standard is a formal specification. The .NET Standard is targeted at library developers. A library can be used anywhere.\n";
    let page = format!(
        "{} {} {}",
        seg(
            104,
            "Standard .NET je formální specifikace.",
            "The .NET Standard is a formal specification."
        ),
        seg(
            105,
            "Standard .NET je určen pro vývojáře knihoven.",
            ".NET Standard is targeted at library developers."
        ),
        seg(106, "Knihovnu lze použít kdekoli.", "A library can be used anywhere.")
    );
    let f = run(en, &page);
    assert_eq!(
        f.units(),
        vec![
            (
                "The .NET Standard is a formal specification.",
                Status::Translated,
                vec!["Standard .NET je formální specifikace."]
            ),
            (
                "The .NET Standard is targeted at library developers.",
                Status::Stale,
                vec!["Standard .NET je určen pro vývojáře knihoven."]
            ),
            (
                "A library can be used anywhere.",
                Status::Translated,
                vec!["Knihovnu lze použít kdekoli."]
            ),
        ]
    );
}

/// A heading matched on part of its text is its translation (stale) or
/// its English, never "To 创建…".
#[test]
fn a_heading_matched_in_part_is_whole() {
    let f = run(
        "## To create a Web-hosted workflow service\n",
        &format!(
            "## {}",
            seg(1, "创建 Web 承载的工作流服务", "create a Web-hosted workflow service")
        ),
    );
    assert_eq!(
        f.units(),
        vec![(
            "To create a Web-hosted workflow service",
            Status::Stale,
            vec!["创建 Web 承载的工作流服务"]
        )]
    );
    // Too little in common: the English, whole, and the segment orphaned.
    let f = run(
        "## Windows Communication Foundation samples\n",
        &format!("## {}", seg(1, "WCF", "Windows")),
    );
    assert_eq!(
        f.units(),
        vec![("Windows Communication Foundation samples", Status::Missing, vec![])]
    );
    assert_eq!(f.al.orphans, vec![0]);
}

/// zh-CN net-standard.md (guides corpus): two old sentences whose English
/// is gone were both taken as stale versions of one unrelated sentence
/// between the same neighbours.
#[test]
fn an_english_unit_takes_one_clearly_similar_old_lookup() {
    let en = "The motivation behind the .NET Standard is establishing greater uniformity in the .NET ecosystem. End.\n";
    let page = format!(
        "{} {} {} {}",
        seg(
            105,
            "动机。",
            "The motivation behind .NET Standard was to establish greater uniformity in the .NET ecosystem."
        ),
        seg(
            106,
            "但是 .NET 5 不同。",
            "However, .NET 5 adopts a different approach to establishing uniformity."
        ),
        seg(
            107,
            "有关详细信息。",
            "For more information, see [.NET 5 and .NET Standard](#net-5-and-net-standard) later in this article."
        ),
        seg(108, "结束。", "End.")
    );
    let f = run(en, &page);
    let u = f.units();
    assert_eq!(u[0].1, Status::Stale);
    assert_eq!(u[0].2, vec!["动机。"]);
    assert_eq!(f.al.orphans, vec![1, 2]);
}

/// cs-CZ alternation-constructs-in-regular-expressions.md (guides corpus):
/// the same text is a heading and, earlier, a list item that is one link;
/// the list item's segment fills the list item, link kept.
#[test]
fn a_link_wrapped_list_item_aligns_beside_a_heading_of_the_same_text() {
    let en = "- [Conditional matching based on a valid captured group](#Conditional_Group)\n\n## Conditional matching based on a valid captured group\n";
    let page = format!(
        "- [{}](#Conditional_Group)\n\n## {}\n",
        seg(
            108,
            "Podmíněné párování založené na platné zachycené skupině",
            "Conditional matching based on a valid captured group"
        ),
        seg(
            154,
            "Podmíněné párování založené na platné zachycené skupině",
            "Conditional matching based on a valid captured group"
        )
    );
    let f = run(en, &page);
    let c = f.al.counts();
    assert_eq!(
        (c.translated, c.stale, c.missing, c.orphaned),
        (2, 0, 0, 0),
        "{:?}",
        f.units()
    );
    assert_eq!(f.units()[0].0, "Conditional matching based on a valid captured group");
    assert_eq!(f.al.units[0].range.start, en.find("Conditional").unwrap());
}

/// The ETW index pages (and gen_site's): a link over its description after
/// a hard line break are two lines, not one sentence; a stale description
/// leaves the link translated.
#[test]
fn a_hard_line_break_ends_a_unit() {
    let en = " [Event Tracing Overview](overview.md)  \n Discusses how event tracing works.\n";
    let page = format!(
        " [{}](overview.md)  \n {}\n",
        seg(107, "Přehled trasování událostí", "Event Tracing Overview"),
        seg(
            108,
            "Popisuje, jak trasování funguje.",
            "Discusses how event always tracing works."
        )
    );
    let f = run(en, &page);
    let s: Vec<Status> = f.units().into_iter().map(|u| u.1).collect();
    assert_eq!(s, vec![Status::Translated, Status::Stale], "{:?}", f.units());
}
