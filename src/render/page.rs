//! One page of the site as HTML: the source page, and each translation
//! rendered from the English page's structure with its units filled in.

use super::*;

impl Renderer<'_> {
    fn finish(&self, template: &str, mut ctx: Context, body: String, page: &RenderedParts) -> Result<String> {
        ctx.insert("body", &body);
        ctx.insert("is_source", &page.is_source);
        ctx.insert("whole_page", &page.whole_page);
        ctx.insert("whole_page_stale", &page.whole_page_stale);
        ctx.insert("machine_translated", &page.machine_translated);
        ctx.insert("front", &page.front);
        ctx.insert("status", &page.status);
        self.templates.render(template, &ctx)
    }

    /// Renders the source page `rel`.
    pub fn source_page(&self, rel: &str, src: &Source) -> Result<RenderedPage> {
        let title = page_title(src, None, rel);
        let description = src
            .page
            .front
            .description
            .clone()
            .or_else(|| event::first_paragraph(src, None));
        let (ctx, out_dir) = self.page_context(rel, 0, &title, description.as_deref());
        let links = PageLinks {
            site: self.site,
            locale: 0,
            rel,
            out_dir,
        };
        let rctx = self.render_ctx(&links, 0);
        let mut fills = Fills::default();
        let body = render_document(src.page.body(), &src.doc.heading_ids, &rctx, &mut fills, false);
        let parts = RenderedParts {
            whole_page: false,
            whole_page_stale: false,
            is_source: true,
            machine_translated: false,
            front: &src.page.front.fields,
            status: None,
        };
        let html = self.finish("page.html", ctx, body, &parts)?;
        let event = self.event_props(rel).map(|p| event::event_row(src, p, None, &title));
        Ok(RenderedPage {
            html,
            title,
            counts: None,
            event,
            warnings: render_warnings(self.site, 0, &rctx, &src.page.src, None),
        })
    }

    /// Renders translation `tr` of page `rel`: from its source's structure
    /// when it has one, from its own Markdown otherwise.
    pub fn translated_page(&self, rel: &str, src: Option<&Source>, tr: &Translation) -> Result<RenderedPage> {
        let locale = tr.page.locale;
        let title = match src {
            Some(s) => page_title(s, Some(&tr.page.front), rel),
            None => tr
                .page
                .front
                .title
                .clone()
                .unwrap_or_else(|| crate::load::fallback_title(rel)),
        };
        // The page's own description, else its first paragraph in its
        // language; never the English description.
        let aligned = match (src, &tr.alignment) {
            (Some(s), Some(al)) => Some((s, al)),
            _ => None,
        };
        let description = tr
            .page
            .front
            .description
            .clone()
            .or_else(|| aligned.and_then(|(s, al)| event::first_paragraph(s, Some((tr, al)))))
            .or_else(|| {
                // A whole-page translation: its own first paragraph.
                tr.whole.as_ref()?;
                let own = Source {
                    doc: crate::segment::source::parse(&tr.page.src.text, tr.page.body_start),
                    page: tr.page.clone(),
                };
                event::first_paragraph(&own, None)
            });
        let (ctx, out_dir) = self.page_context(rel, locale, &title, description.as_deref());
        let links = PageLinks {
            site: self.site,
            locale,
            rel,
            out_dir,
        };
        let rctx = self.render_ctx(&links, locale);
        let (body, counts) = match (src, &tr.alignment, &tr.whole) {
            // A whole-page translation: its own text, as written.
            (Some(src), _, Some(w)) => (self.standalone_body(tr, &rctx, Some(src)), Some(w.counts())),
            (Some(src), Some(al), None) => {
                let body = self.aligned_body(src, tr, al, &rctx);
                (body, Some(al.counts()))
            }
            _ => (self.standalone_body(tr, &rctx, None), None),
        };
        // A whole page says so at the top instead of counting passages.
        let status = counts.filter(|_| tr.whole.is_none()).map(|c| self.status(locale, &c));
        let parts = RenderedParts {
            whole_page: tr.whole.is_some(),
            whole_page_stale: tr
                .whole
                .as_ref()
                .is_some_and(|w| w.recorded.is_some() && !w.is_current()),
            is_source: false,
            machine_translated: tr
                .page
                .front
                .translation_type
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case("MT")),
            front: &tr.page.front.fields,
            status: status.as_ref(),
        };
        let html = self.finish("page.html", ctx, body, &parts)?;
        let mut warnings = render_warnings(self.site, locale, &rctx, &tr.page.src, src.map(|s| &s.page.src));
        if src.is_none() {
            warnings.push(
                Diagnostic::warning(
                    "orphan-page",
                    format!(
                        "no {} source page for this translation; it is rendered from its own text",
                        self.site.config.source_locale
                    ),
                )
                .at(tr.page.src.location(0))
                .help(format!(
                    "add content/{}/{rel}, or remove the translation if the page was deleted",
                    self.site.config.source_locale
                )),
            );
        }
        // A whole-page translation's row has the English page's cells.
        let event = match (aligned, src, &tr.whole) {
            (Some((s, al)), _, _) => self
                .event_props(rel)
                .map(|p| event::event_row(s, p, Some((tr, al)), &title)),
            (None, Some(s), Some(_)) => self.event_props(rel).map(|p| event::event_row(s, p, None, &title)),
            _ => None,
        };
        Ok(RenderedPage {
            html,
            title,
            counts,
            event,
            warnings,
        })
    }

    fn status(&self, locale: usize, c: &Counts) -> Status_ {
        let coverage = c.coverage().floor() as u32;
        let summary = self.i18n.format(
            locale,
            "translation-status",
            &[("percent", FluentValue::from(coverage.to_string()))],
        );
        let english_text = if c.missing > 0 {
            self.i18n.format(
                locale,
                "segments-in-english",
                &[("count", FluentValue::from(c.missing))],
            )
        } else {
            String::new()
        };
        Status_ {
            translated: c.translated,
            untranslated: c.untranslated,
            stale: c.stale,
            missing: c.missing,
            orphaned: c.orphaned,
            coverage,
            summary,
            english_text,
        }
    }

    /// The English source with every unit replaced by its fill.
    fn aligned_body(&self, src: &Source, tr: &Translation, al: &crate::align::Alignment, rctx: &RenderCtx) -> String {
        let en = src.page.src.text.as_str();
        let page = tr.page.src.text.as_str();
        let locale = tr.page.locale;
        let source_lang = &self.site.config.locales[0].code;
        // In a page written the other way (Arabic, Hebrew), English text is
        // isolated in its own direction, so its punctuation stays put.
        let source_dir = self.site.config.locales[0].dir;
        let iso = if self.site.config.locales[locale].dir == source_dir {
            String::new()
        } else {
            format!(
                " dir=\"{}\"",
                if source_dir == crate::config::TextDirection::Rtl {
                    "rtl"
                } else {
                    "ltr"
                }
            )
        };
        let missing_title = esc_attr(&self.i18n.get(locale, "segment-missing"));
        let stale_title = esc_attr(&self.i18n.get(locale, "segment-stale"));
        let stale_marker = markdown::esc_text(&self.i18n.get(locale, "stale-marker"));
        let mut fills = Fills::default();
        let mut skeleton = String::with_capacity(en.len() - src.page.body_start + al.units.len() * 8);
        let mut pos = src.page.body_start;
        for (k, u) in al.units.iter().enumerate() {
            if u.range.start < pos {
                continue;
            }
            skeleton.push_str(&en[pos..u.range.start]);
            match u.status {
                Status::Missing => {
                    let open = format!(
                        "<span class=\"seg seg-missing\" data-u=\"{k}\" lang=\"{source_lang}\"{iso} title=\"{missing_title}\">"
                    );
                    skeleton.push_str(&fills.add(open, String::new()));
                    skeleton.push_str(&en[u.range.clone()]);
                    skeleton.push_str(&fills.add("</span>".into(), String::new()));
                }
                status => {
                    let tr_md: Vec<&str> = u.segments.iter().map(|&s| tr.sxs.segments[s].text(page)).collect();
                    let tr_html: Vec<String> = tr_md.iter().map(|m| render_inline(m, rctx, true)).collect();
                    let tr_html = tr_html.join(" ");
                    let tr_plain = tr_md.iter().map(|m| plain_text(m)).collect::<Vec<_>>().join(" ");
                    let html = if status == Status::Untranslated {
                        // Text kept as in English (names, codes) finds its
                        // own direction in a page written the other way.
                        let auto = if iso.is_empty() { "" } else { " dir=\"auto\"" };
                        format!("<span class=\"seg seg-untranslated\" data-u=\"{k}\"{auto}>{tr_html}</span>")
                    } else {
                        let en_md = &en[u.range.clone()];
                        let en_html = render_inline(en_md, rctx, false);
                        let en_plain = plain_text(en_md);
                        let flag = if status == Status::Stale {
                            format!("<small class=\"seg-flag\" title=\"{stale_title}\">[{stale_marker}]</small>")
                        } else {
                            String::new()
                        };
                        format!(
                            "<span class=\"seg seg-{}\" data-u=\"{k}\" title=\"{}\">{tr_html}<span class=\"seg-en\" lang=\"{source_lang}\"{iso}>{en_html}</span>{flag}</span>",
                            status.as_str(),
                            esc_attr(&en_plain)
                        )
                    };
                    skeleton.push_str(&fills.add(html, tr_plain));
                }
            }
            pos = u.range.end;
        }
        skeleton.push_str(&en[pos..]);
        render_document(&skeleton, &src.doc.heading_ids, rctx, &mut fills, false)
    }

    /// A translation rendered from its own Markdown (one without a source
    /// page, or a whole-page translation of `src`), each segment replaced
    /// by its translation, everything sanitised. Headings take the English
    /// page's anchors when there are as many, so links to them still work.
    fn standalone_body(&self, tr: &Translation, rctx: &RenderCtx, src: Option<&Source>) -> String {
        let page = tr.page.src.text.as_str();
        let mut fills = Fills::default();
        let mut skeleton = String::with_capacity(page.len());
        for piece in tr.sxs.pieces(tr.page.body_start, page.len()) {
            match piece {
                Piece::Plain(r) => skeleton.push_str(&page[r]),
                Piece::Segment(i) => {
                    let md = tr.sxs.segments[i].text(page);
                    let html = format!(
                        "<span class=\"seg seg-translated\">{}</span>",
                        render_inline(md, rctx, true)
                    );
                    skeleton.push_str(&fills.add(html, plain_text(md)));
                }
            }
        }
        let body = &skeleton;
        let own = heading_ids_of(body);
        let ids = match src.map(|s| &s.doc.heading_ids) {
            Some(en) if en.len() == own.len() => en,
            _ => &own,
        };
        render_document(body, ids, rctx, &mut fills, true)
    }
}

struct RenderedParts<'a> {
    /// A whole-page translation, and one whose English has changed since.
    whole_page: bool,
    whole_page_stale: bool,
    is_source: bool,
    machine_translated: bool,
    front: &'a indexmap::IndexMap<String, serde_json::Value>,
    status: Option<&'a Status_>,
}

/// The title of a page: the translation's front matter title, else the
/// source's, else its file name.
pub(super) fn page_title(src: &Source, tr: Option<&crate::load::FrontMatter>, rel: &str) -> String {
    tr.and_then(|f| f.title.clone())
        .or_else(|| src.page.front.title.clone())
        .unwrap_or_else(|| crate::load::fallback_title(rel))
}

/// Heading anchors of a Markdown text, as the source parser makes them.
fn heading_ids_of(md: &str) -> Vec<String> {
    crate::segment::source::parse(md, 0).heading_ids
}

/// Where a warning about `needle` points: its first place in the page
/// (`found`), else in the include it came from (the English include for
/// English text, the locale's own otherwise), else in the English page
/// (`english`: English text shown in a translation for a missing or
/// stale unit), else the page's start.
#[allow(clippy::too_many_arguments)]
fn place(
    site: &crate::site::Site,
    locale: usize,
    rctx: &RenderCtx,
    file: &crate::diag::SourceText,
    english: Option<&crate::diag::SourceText>,
    needle: &str,
    found: Option<usize>,
    d: Diagnostic,
) -> Diagnostic {
    if let Some(off) = found {
        return d.at_offset(file, off, needle.len());
    }
    if let Some((key, english)) = rctx.origins.borrow().get(needle) {
        if *english {
            if let Some(src) = site.sources.get(key)
                && let Some(off) = src.page.src.text.find(needle)
            {
                return d.at_offset(&src.page.src, off, needle.len());
            }
        } else if let Some(Ok(page)) = site.read(key, locale)
            && let Some(off) = page.src.text.find(needle)
        {
            return d.at_offset(&page.src, off, needle.len());
        }
    }
    if let Some(en) = english
        && let Some(off) = en.text.find(needle)
    {
        return d.at_offset(en, off, needle.len());
    }
    d.at(file.location(0))
}

fn render_warnings(
    site: &crate::site::Site,
    locale: usize,
    rctx: &RenderCtx,
    file: &crate::diag::SourceText,
    english: Option<&crate::diag::SourceText>,
) -> Vec<Diagnostic> {
    let links = rctx.broken_links.borrow();
    let includes = rctx.missing_includes.borrow();
    let cycles = rctx.include_cycles.borrow();
    let mut out = Vec::new();
    for (name, path) in cycles.iter() {
        let d = Diagnostic::warning(
            "include",
            format!(
                "include `{name}` ({path}) includes itself, nests more than 8 deep, or expands the page's includes past [limits] file_size; its name is shown instead"
            ),
        )
        .help("break the cycle: an include must not include itself, directly or through others, nor include others many times over");
        out.push(place(
            site,
            locale,
            rctx,
            file,
            english,
            path,
            file.text.find(path.as_str()),
            d,
        ));
    }
    if rctx.too_deep.get() {
        out.push(
            Diagnostic::warning(
                crate::diag::Rule::Limit.code(),
                format!(
                    "raw HTML in this page nests deeper than the limit of {} ([limits] nesting_depth); it is shown as text",
                    rctx.max_depth
                ),
            )
            .at(file.location(0))
            .help("close the elements, or raise nesting_depth under [limits] in site.toml"),
        );
    }
    if links.is_empty() && includes.is_empty() {
        return out;
    }
    let needles: Vec<&str> = links
        .iter()
        .map(String::as_str)
        .chain(includes.iter().map(|(_, path)| path.as_str()))
        .collect();
    let found = first_occurrences(&file.text, &needles);
    // Points at the first place the text occurs in the page, else in the
    // include it came from, else at the file.
    let mut places = needles.iter().zip(found);
    let mut at = |d: Diagnostic| match places.next() {
        Some((needle, found)) => place(site, locale, rctx, file, english, needle, found, d),
        None => d.at(file.location(0)),
    };
    for l in links.iter() {
        out.push(at(Diagnostic::warning(
            "broken-link",
            format!("link target `{l}` is not a page or file of the site"),
        )
        .help(
            "fix the path (it is relative to this page's folder) or link to the published URL",
        )));
    }
    for (name, path) in includes.iter() {
        out.push(at(Diagnostic::warning(
            "include",
            format!("include `{name}` ({path}) was not found; its name is shown instead"),
        )
        .help(format!(
            "add the file, or give its text in site.toml: [includes] {name} = \"...\""
        ))));
    }
    out
}

/// The first byte offset of each needle in `text`, in one pass over the
/// text however many needles there are (a page with thousands of broken
/// links would otherwise be searched thousands of times).
fn first_occurrences(text: &str, needles: &[&str]) -> Vec<Option<usize>> {
    let mut unique: Vec<&str> = needles.iter().copied().filter(|n| !n.is_empty()).collect();
    unique.sort_unstable();
    unique.dedup();
    let mut first: Vec<Option<usize>> = vec![None; unique.len()];
    let automaton = (unique.len() > 2)
        .then(|| {
            // Not the DFA: it builds in the square of a long repetitive
            // needle's length (see align's occurrences).
            aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(&unique)
                .ok()
        })
        .flatten();
    if let Some(ac) = automaton {
        let mut left = unique.len();
        for m in ac.find_overlapping_iter(text) {
            let slot = &mut first[m.pattern().as_usize()];
            if slot.is_none() {
                *slot = Some(m.start());
                left -= 1;
                if left == 0 {
                    break;
                }
            }
        }
    } else {
        for (slot, n) in first.iter_mut().zip(&unique) {
            *slot = text.find(n);
        }
    }
    needles
        .iter()
        .map(|n| match unique.binary_search(n) {
            Ok(k) => first[k],
            Err(_) => Some(0), // the empty needle
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::first_occurrences;

    #[test]
    fn first_occurrences_finds_each_needle_once_in_one_pass() {
        let text = "see b.md and ../a.md, then a.md and c.md; a.md again";
        let needles = ["a.md", "../a.md", "c.md", "zz.md", "a.md", "", "b.md"];
        let naive: Vec<Option<usize>> = needles.iter().map(|n| text.find(n)).collect();
        assert_eq!(first_occurrences(text, &needles), naive);
        assert_eq!(first_occurrences(text, &["c.md"]), vec![text.find("c.md")]);
        assert_eq!(first_occurrences(text, &[]), Vec::<Option<usize>>::new());
    }
}
