//! The content model: English pages as blocks of segments, built from
//! synthetic ETW events in the shapes of `shared/corpus/content/en-US/etw`.

use crate::events::Event;
use crate::rng;

/// How a segment's English becomes its translation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tr {
    /// A UI word with a fixed translation per locale (`Properties`).
    Fixed,
    /// Free text: pseudo-translated.
    Prose,
    /// Identifiers, numbers: translators leave them.
    Keep,
    /// `4031 - Name`: identical except for the dash in cs-CZ / pl-PL.
    Title,
    /// `Troubleshooting, ServiceModel`: each keyword fixed or kept.
    Keywords,
    /// Channel names: kept, except that tr-TR translates them.
    Channel,
}

/// One translatable segment of the English page.
#[derive(Clone, Debug)]
pub struct Seg {
    pub en: String,
    pub tr: Tr,
    /// May be absent from a locale page (`--missing`).
    pub can_miss: bool,
    /// Message text: placeholders may get damaged in translation.
    pub damage: bool,
}

impl Seg {
    pub fn new(en: impl Into<String>, tr: Tr) -> Seg {
        Seg {
            en: en.into(),
            tr,
            can_miss: true,
            damage: false,
        }
    }
    fn fixed(en: &str) -> Seg {
        Seg::new(en, Tr::Fixed)
    }
    fn prose(en: impl Into<String>) -> Seg {
        Seg::new(en, Tr::Prose)
    }
    fn sure(mut self) -> Seg {
        self.can_miss = false;
        self
    }
}

/// A table cell.
#[derive(Clone, Debug)]
pub enum Cell {
    /// One segment per sentence, separated by a space.
    Segs(Vec<Seg>),
    /// Inline code only: no span in the corpus.
    Code(String),
    /// `[segment](target)`: the whole link text is one segment.
    Link(Seg, String),
}

/// A line (or two) of a page.
#[derive(Clone, Debug)]
pub enum Block {
    /// `## <a name="slug"></a>text`; `trail` adds the Markdown hard break `␠␠`.
    Heading { level: usize, seg: Seg, trail: bool },
    /// A paragraph line: ` s1 s2  ` (`lead`: starts with one space, as most corpus lines do).
    Para { segs: Vec<Seg>, lead: bool },
    /// ` [link](target)  ` then ` description  ` (the index page's "In This Section").
    LinkPara { link: Seg, target: String, desc: Seg },
    /// A line without segments: `␠␠`, table delimiter rows, code, `> [!NOTE]`.
    Raw(String),
    /// A table row; `trail` adds `␠␠`.
    Row { cells: Vec<Cell>, trail: bool },
    /// `> [!NOTE]` then `> text␠␠`.
    Note(Seg),
    /// `- cell`.
    Item(Cell),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Index,
    Overview,
    Reference,
    Event,
}

/// An English page.
#[derive(Clone, Debug)]
pub struct Page {
    /// File name without `.md`; the same in every locale.
    pub slug: String,
    pub kind: Kind,
    /// The English title (front matter and H1).
    pub title: String,
    /// How the title is translated (Title for events, Prose otherwise).
    pub title_tr: Tr,
    pub assetid: String,
    pub helpviewer: Vec<String>,
    pub blocks: Vec<Block>,
}

impl Page {
    /// The segments in document order (the order of IDs in a locale page).
    pub fn segs(&self) -> Vec<&Seg> {
        let mut out = Vec::new();
        for b in &self.blocks {
            match b {
                Block::Heading { seg, .. } | Block::Note(seg) => out.push(seg),
                Block::Para { segs, .. } => out.extend(segs),
                Block::LinkPara { link, desc, .. } => {
                    out.push(link);
                    out.push(desc);
                }
                Block::Row { cells, .. } => cells.iter().for_each(|c| cell_segs(c, &mut out)),
                Block::Item(c) => cell_segs(c, &mut out),
                Block::Raw(_) => {}
            }
        }
        out
    }
}

fn cell_segs<'a>(c: &'a Cell, out: &mut Vec<&'a Seg>) {
    match c {
        Cell::Segs(s) => out.extend(s),
        Cell::Link(s, _) => out.push(s),
        Cell::Code(_) => {}
    }
}

/// Splits text into sentences at `. ` (and `? `, `! `) before a capital,
/// backtick, bracket or placeholder, as the sxs tools do.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    let mut in_code = false;
    for i in 0..b.len() {
        if b[i] == b'`' {
            in_code = !in_code;
        }
        if !in_code
            && matches!(b[i], b'.' | b'?' | b'!')
            && i + 2 < b.len()
            && b[i + 1] == b' '
            && (b[i + 2].is_ascii_uppercase() || matches!(b[i + 2], b'`' | b'[' | b'%' | b'*'))
        {
            out.push(text[start..=i].to_string());
            start = i + 2;
        }
    }
    if start < text.len() {
        out.push(text[start..].to_string());
    }
    out
}

fn prose_segs(text: &str) -> Vec<Seg> {
    sentences(text).into_iter().map(Seg::prose).collect()
}

fn message_segs(text: &str) -> Vec<Seg> {
    let mut v = prose_segs(text);
    for s in &mut v {
        s.damage = true;
    }
    v
}

// ------------------------------------------------------------------ pages

fn blank() -> Block {
    Block::Raw("  ".into())
}

fn heading(level: usize, seg: Seg, trail: bool) -> Block {
    Block::Heading { level, seg, trail }
}

fn row(cells: Vec<Cell>) -> Block {
    Block::Row { cells, trail: true }
}

fn txt(seg: Seg) -> Cell {
    Cell::Segs(vec![seg])
}

fn title_seg(page_title: &str, tr: Tr) -> Seg {
    Seg::new(page_title, tr).sure()
}

/// An event page, as `4031-dispatchsessionfailed.md` (+ the payload table
/// of `201-*.md` on about a tenth of the pages, as in the corpus).
pub fn event_page(ev: &Event, seed: u64) -> Page {
    let mut b = vec![heading(1, title_seg(&ev.title, Tr::Title), false)];
    if ev.name_para {
        b.push(Block::Para {
            segs: vec![Seg::new(ev.name.clone(), Tr::Keep)],
            lead: false,
        });
        b.push(blank());
    }
    b.push(heading(2, Seg::fixed("Properties"), true));
    b.push(blank());
    b.push(Block::Raw("|||  ".into()));
    b.push(Block::Raw("|-|-|  ".into()));
    b.push(row(vec![
        txt(Seg::fixed("ID")),
        txt(Seg::new(ev.id.to_string(), Tr::Keep)),
    ]));
    b.push(row(vec![
        txt(Seg::fixed("Keywords")),
        txt(Seg::new(ev.keywords.clone(), Tr::Keywords)),
    ]));
    b.push(row(vec![txt(Seg::fixed("Level")), txt(Seg::fixed(&ev.level))]));
    b.push(row(vec![
        txt(Seg::fixed("Channel")),
        txt(Seg::new(ev.channel.clone(), Tr::Channel)),
    ]));
    b.push(blank());
    b.push(heading(2, Seg::fixed("Description"), true));
    b.push(Block::Para {
        segs: prose_segs(&ev.description),
        lead: true,
    });
    b.push(blank());
    b.push(heading(2, Seg::fixed("Message"), true));
    b.push(Block::Para {
        segs: message_segs(&ev.message),
        lead: true,
    });
    b.push(blank());
    if let Some(note) = &ev.note {
        b.push(Block::Raw("> [!NOTE]".into()));
        b.push(Block::Note(Seg::prose(note.clone()).sure()));
        b.push(blank());
    }
    let has_payload = !ev.payload.is_empty();
    b.push(heading(2, Seg::fixed("Details"), has_payload));
    if has_payload {
        b.push(blank());
        b.push(row(vec![
            txt(Seg::fixed("Data Item Name")),
            txt(Seg::fixed("Data Item Type")),
            txt(Seg::fixed("Description")),
        ]));
        b.push(Block::Raw(
            "|--------------------|--------------------|-----------------|  ".into(),
        ));
        let n = ev.payload.len();
        for (i, (name, ty, desc)) in ev.payload.iter().enumerate() {
            b.push(Block::Row {
                cells: vec![
                    txt(Seg::new(name.clone(), Tr::Keep)),
                    Cell::Code(format!("`{ty}`")),
                    Cell::Segs(prose_segs(desc)),
                ],
                trail: i + 1 < n,
            });
        }
    }
    Page {
        slug: ev.slug.clone(),
        kind: Kind::Event,
        title: ev.title.clone(),
        title_tr: Tr::Title,
        assetid: rng::guid(seed, &[&ev.slug, "assetid"]),
        helpviewer: Vec::new(),
        blocks: b,
    }
}

/// Rows per reference page: the corpus' reference table has 357.
pub const REFERENCE_ROWS: usize = 357;

pub fn reference_count(events: usize) -> usize {
    events.div_ceil(REFERENCE_ROWS).max(1)
}

pub fn reference_slug(k: usize) -> String {
    format!("event-reference-{}", k + 1)
}

fn reference_title(k: usize, parts: usize) -> String {
    if parts == 1 {
        "Trace Event Reference".into()
    } else {
        format!("Trace Event Reference, Part {} of {parts}", k + 1)
    }
}

/// Part `k` of the event reference, as `analytic-trace-event-reference.md`:
/// a four-column table, one row per event, linking every event page.
pub fn reference_page(k: usize, events: &[Event], seed: u64) -> Page {
    let parts = reference_count(events.len());
    let chunk = events.chunks(REFERENCE_ROWS).nth(k).unwrap_or(&[]);
    let title = reference_title(k, parts);
    let mut b = vec![
        heading(1, title_seg(&title, Tr::Prose), false),
        Block::Para {
            segs: vec![Seg::prose(
                "The following table defines the event levels, identifiers, and messages associated with event tracing.",
            )],
            lead: false,
        },
        blank(),
        heading(2, Seg::fixed("Event Reference"), true),
        blank(),
        row(vec![
            txt(Seg::fixed("Event ID")),
            txt(Seg::fixed("Event Level")),
            txt(Seg::fixed("Event Message")),
            txt(Seg::fixed("Keywords")),
        ]),
        Block::Raw("|--------------|-----------------|-------------------|--------------|  ".into()),
    ];
    for ev in chunk {
        b.push(row(vec![
            Cell::Link(Seg::new(ev.title.clone(), Tr::Title).sure(), format!("{}.md", ev.slug)),
            txt(Seg::fixed(&ev.level)),
            Cell::Segs(message_segs(&ev.message)),
            txt(Seg::new(ev.keywords.clone(), Tr::Keywords)),
        ]));
    }
    let slug = reference_slug(k);
    Page {
        assetid: rng::guid(seed, &[&slug, "assetid"]),
        slug,
        kind: Kind::Reference,
        title,
        title_tr: Tr::Prose,
        helpviewer: vec!["event tracing [WCF], reference".into()],
        blocks: b,
    }
}

pub const OVERVIEW: &str = "overview";
pub const INDEX: &str = "index";
const INCLUDE_LONG: &str = "[!INCLUDE[netfx_current_long](../../includes/netfx-current-long-md.md)]";
const INCLUDE_SHORT: &str = "[!INCLUDE[netfx_current_short](../../includes/netfx-current-short-md.md)]";

/// The overview page, as `analytic-tracing-overview.md`: long paragraphs
/// (one segment per sentence), H3 sections, a code block, a note, a
/// command in inline code, includes, an xref, bold, and links.
pub fn overview_page(seed: u64, parts: usize) -> Page {
    let title = "Event Tracing Overview".to_string();
    let p = |text: &str| Block::Para {
        segs: prose_segs(text),
        lead: true,
    };
    let b = vec![
        heading(1, title_seg(&title, Tr::Prose), false),
        Block::Para {
            segs: prose_segs(&format!(
                "Event tracing in {INCLUDE_LONG} is a high performance and low verbosity tracing feature set on \
                 top of Event Tracing for Windows (ETW). ETW runs at the kernel level to greatly reduce the overhead \
                 of tracing operations. It efficiently buffers user-mode and kernel-mode events, and allows dynamic \
                 enabling of logging without requiring service restarts. The tracing data is available in the event \
                 logs after it has been emitted and received."
            )),
            lead: false,
        },
        blank(),
        p("For more information about the events, see the [event reference](event-reference-1.md)."),
        blank(),
        p(&format!(
            "In addition to the Windows System, Security, and Application event logs, {INCLUDE_SHORT} adds logs \
             under the Applications and Services Logs node. The purpose of these logs is to store events for a \
             particular application instead of global events that have a system-wide impact."
        )),
        blank(),
        heading(2, Seg::prose("Concepts and Capabilities"), true),
        p("The following concepts and capabilities apply to event tracing."),
        blank(),
        heading(3, Seg::prose("Enabling Diagnostics Settings"), true),
        p("Diagnostics are enabled within the `<system.serviceModel><diagnostics>` configuration section."),
        blank(),
        Block::Raw("```xml  ".into()),
        Block::Raw("<system.serviceModel>  ".into()),
        Block::Raw("  <diagnostics>  ".into()),
        Block::Raw("```  ".into()),
        blank(),
        p(
            "Diagnostic settings for a Web-hosted application are enabled in its Web.config file. Another option is \
           to create a Web.config file in a folder within the application. This choice applies the settings to all \
           of the services within that folder.",
        ),
        blank(),
        Block::Raw("> [!NOTE]".into()),
        Block::Note(Seg::prose("The **Analytic** and **Debug** channels are disabled by default.").sure()),
        blank(),
        heading(3, Seg::prose("Channels"), true),
        p(
            "ETW allows software components to direct tracing events to a particular audience by use of channels. \
           Channels are named and registered with Windows so that consumers can view the events of a channel in \
           the Event Viewer. The provider is described by <xref:System.Diagnostics.Eventing.EventProvider>.",
        ),
        blank(),
        p(
            "To install the manifest so that messages are decoded properly in the event log, run the following \
           command:",
        ),
        blank(),
        Block::Raw(" `ServiceModelReg.exe -i -c:etw`  ".into()),
        blank(),
        heading(3, Seg::prose("Tools"), true),
        p("The following tools read the events:"),
        blank(),
        Block::Item(Cell::Segs(prose_segs(
            "**Logman** - A command line tool for configuring, controlling, and querying tracing data.",
        ))),
        Block::Item(Cell::Segs(prose_segs(
            "**EventViewer** - A graphical management tool for viewing the results of tracing. For the list of \
             events, see the [event reference](event-reference-1.md).",
        ))),
        Block::Item(Cell::Segs(prose_segs(
            "**Perfmon** - A graphical management tool that uses counters to monitor the effects of tracing on \
             performance.",
        ))),
        blank(),
        heading(2, Seg::fixed("See also"), false),
        Block::Raw(String::new()),
        Block::Item(Cell::Link(
            Seg::new(reference_title(0, parts), Tr::Prose).sure(),
            "event-reference-1.md".into(),
        )),
        Block::Item(Cell::Link(
            Seg::prose("Event Tracing Reference").sure(),
            format!("{INDEX}.md"),
        )),
    ];
    Page {
        slug: OVERVIEW.into(),
        kind: Kind::Overview,
        title,
        title_tr: Tr::Prose,
        assetid: rng::guid(seed, &[OVERVIEW, "assetid"]),
        helpviewer: vec!["event tracing [WCF], overview".into()],
        blocks: b,
    }
}

/// The section index, as `index.md`: links to the overview and to every
/// part of the reference (which together link every event).
pub fn index_page(seed: u64, events: &[Event]) -> Page {
    let parts = reference_count(events.len());
    let title = "Event Tracing Reference".to_string();
    let mut b = vec![
        heading(1, title_seg(&title, Tr::Prose), false),
        Block::Para {
            segs: prose_segs(&format!(
                "Event tracing offers a way to capture diagnostic information while a service runs. Events are \
                 emitted at key points in the stack to allow troubleshooting of services in a production \
                 environment. Tracing has minimal impact on the performance of a server that hosts {INCLUDE_LONG} \
                 services."
            )),
            lead: false,
        },
        blank(),
        heading(2, Seg::fixed("In This Section"), true),
        Block::LinkPara {
            link: Seg::prose("Event Tracing Overview").sure(),
            target: format!("{OVERVIEW}.md"),
            desc: Seg::prose(format!("Discusses how event tracing works in {INCLUDE_LONG}.")),
        },
        blank(),
    ];
    for (k, chunk) in events.chunks(REFERENCE_ROWS).enumerate() {
        let (first, last) = (chunk[0].id, chunk[chunk.len() - 1].id);
        b.push(Block::LinkPara {
            link: Seg::new(reference_title(k, parts), Tr::Prose).sure(),
            target: format!("{}.md", reference_slug(k)),
            desc: Seg::prose(format!(
                "Shows a table of the events {first} to {last} with their levels, messages and keywords."
            )),
        });
        b.push(blank());
    }
    b.push(heading(2, Seg::fixed("See also"), false));
    b.push(Block::Raw(String::new()));
    b.push(Block::Item(Cell::Link(
        Seg::prose("Event Tracing Overview").sure(),
        format!("{OVERVIEW}.md"),
    )));
    Page {
        slug: INDEX.into(),
        kind: Kind::Index,
        title,
        title_tr: Tr::Prose,
        assetid: rng::guid(seed, &[INDEX, "assetid"]),
        helpviewer: vec!["event tracing [WCF]".into(), "diagnostics [WCF], event tracing".into()],
        blocks: b,
    }
}

/// Every English page of a site with `events` events: the index, the
/// overview, the reference parts, then the events.
pub fn site_pages(events: &[Event], seed: u64) -> Vec<Page> {
    let parts = reference_count(events.len());
    let mut pages = vec![index_page(seed, events), overview_page(seed, parts)];
    for k in 0..parts {
        pages.push(reference_page(k, events, seed));
    }
    pages.extend(events.iter().map(|e| event_page(e, seed)));
    pages
}

/// Pages per language for `events` events.
pub fn pages_per_language(events: usize) -> usize {
    events + 2 + reference_count(events)
}

/// The largest event count whose site has at most `per_language` pages per language.
pub fn events_for(per_language: usize) -> usize {
    let mut e = per_language.saturating_sub(3);
    while e > 1 && pages_per_language(e) > per_language {
        e -= 1;
    }
    e.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::make_events;

    #[test]
    fn sentences_split_like_the_corpus() {
        assert_eq!(
            sentences("It is. The `a. B` one? %1 done. Example: 'x'."),
            vec!["It is.", "The `a. B` one?", "%1 done.", "Example: 'x'."]
        );
        assert_eq!(
            sentences("AppDomain.CurrentDomain.FriendlyName."),
            vec!["AppDomain.CurrentDomain.FriendlyName."]
        );
    }

    #[test]
    fn page_counts_solve_back() {
        for per in [100, 1000, 5000, 5017] {
            let e = events_for(per);
            assert!(pages_per_language(e) <= per && pages_per_language(e + 1) > per, "{per}");
        }
        assert_eq!(events_for(100), 97);
    }

    #[test]
    fn a_typical_event_page_has_fifteen_segments() {
        let evs = make_events(400, 4031);
        let counts: Vec<usize> = evs.iter().map(|e| event_page(e, 1).segs().len()).collect();
        let fifteen = counts.iter().filter(|&&n| n == 15).count();
        assert!(fifteen * 100 / counts.len() >= 50, "{fifteen} of {}", counts.len());
        let names: std::collections::HashSet<&str> = evs.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names.len(), evs.len());
    }
}
