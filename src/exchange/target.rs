//! What an imported translation must be to be written: the English it was
//! made from still the source's, its inline codes whole (XLIFF codes put
//! back from the English by id, PO codes compared with the English's), and
//! nothing in it that would break its span or its line.

use super::inline::Inline;
use super::units::{ExUnit, State};
use super::{Frag, Resolved};
use crate::check::rules;
use crate::diag::{Diagnostic, SourceText};
use crate::segment::normalized_eq;
use crate::segment::source::BlockKind;

/// The Markdown a target's fragments stand for, the source's codes put
/// back by id; an unknown id, or a code used twice or as the wrong kind,
/// is an error naming the place.
fn restore(frags: &[Frag], src: &Inline) -> std::result::Result<(String, Vec<bool>), (String, usize)> {
    let mut out = String::new();
    let mut used = vec![false; src.codes.len()];
    let mut take = |id: &str, at: usize, paired: bool| -> std::result::Result<usize, (String, usize)> {
        let c = id
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .filter(|&c| c < src.codes.len())
            .ok_or_else(|| (format!("inline code `{id}` is not in the English"), at))?;
        if used[c] {
            return Err((format!("inline code `{id}` is used twice"), at));
        }
        if src.codes[c].close.is_some() != paired {
            return Err((format!("inline code `{id}` has lost its pair"), at));
        }
        used[c] = true;
        Ok(c)
    };
    for f in frags {
        match f {
            Frag::Text(t) => out.push_str(t),
            Frag::Code(id, at) => out.push_str(&src.codes[take(id, *at, false)?].open),
            Frag::Open(id, at) => out.push_str(&src.codes[take(id, *at, true)?].open),
            Frag::Close(id, at) => {
                let c = id.parse::<usize>().ok().and_then(|n| n.checked_sub(1));
                match c.and_then(|c| src.codes.get(c)).and_then(|c| c.close.as_ref()) {
                    Some(close) => out.push_str(close),
                    None => return Err((format!("inline code `{id}` is not in the English"), *at)),
                }
            }
        }
    }
    Ok((out, used))
}

/// What a translation must keep that `target` lost or changed.
fn damaged(source: &str, target: &str) -> Vec<String> {
    let (en, tr) = (rules::inventory(source), rules::inventory(target));
    let mut out: Vec<String> = rules::verbatim_mismatches(&en, &tr)
        .into_iter()
        .filter(|m| m.kind != "numbers")
        .map(|m| {
            let mut s = m.kind.to_string();
            if !m.lost.is_empty() {
                s.push_str(&format!(" missing `{}`", m.lost.join("`, `")));
            }
            if !m.added.is_empty() {
                s.push_str(&format!(" extra `{}`", m.added.join("`, `")));
            }
            s
        })
        .collect();
    let (a, b) = (en.markup, tr.markup);
    for (n, x, y) in [
        ("code spans", a.code, b.code),
        ("links", a.links, b.links),
        ("images", a.images, b.images),
    ] {
        if x != y {
            out.push(format!("{n} {x} → {y}"));
        }
    }
    out
}

/// The translation of entry `r` to write into unit `x`, `None` when it is
/// not to be written; or why it is refused.
pub(super) fn target_of(
    r: &Resolved,
    x: &ExUnit,
    file: &SourceText,
) -> std::result::Result<Option<String>, Diagnostic> {
    let e = &r.entry;
    let refuse = |msg: String, at: usize, help: &str| {
        Diagnostic::error("exchange", msg)
            .at_offset(file, at.min(file.text.len()), 1)
            .help(help.to_string())
    };
    let src = Inline::parse(&x.source);
    let english = restore(&e.source.frags, &src).map(|(s, _)| s).unwrap_or_default();
    if !normalized_eq(&english, &x.source) {
        return Err(refuse(
            format!(
                "the English of unit `{}` is no longer the source's: it is now \"{}\"",
                e.key, x.source
            ),
            e.at,
            "export the page again and translate the current English",
        ));
    }
    if e.plural {
        return Err(refuse(
            "plural forms are not units of a page".into(),
            e.at,
            "remove msgid_plural",
        ));
    }
    if !e.is_ready() {
        return Ok(None);
    }
    let t = e.target.as_ref().map(|t| t.frags.as_slice()).unwrap_or(&[]);
    let (md, used) = restore(t, &src).map_err(|(m, at)| {
        refuse(
            format!("damaged inline code: {m}"),
            at,
            "keep each inline code of the English once, as the tool shows it",
        )
    })?;
    if x.state != State::Stale && x.target.as_deref() == Some(md.as_str()) {
        return Ok(Some(md));
    }
    let lost: Vec<String> = used
        .iter()
        .enumerate()
        .filter(|(_, u)| !**u)
        .map(|(c, _)| format!("`{}` ({})", c + 1, src.codes[c].open))
        .collect();
    let at = e.target.as_ref().map_or(e.at, |t| t.at);
    if !lost.is_empty() && !src.codes.is_empty() && t.iter().any(|f| !matches!(f, Frag::Text(_))) {
        return Err(refuse(
            format!("damaged inline code: the translation lost {}", lost.join(", ")),
            at,
            "keep each inline code of the English once",
        ));
    }
    let harm = damaged(&x.source, &md);
    if !harm.is_empty() {
        return Err(refuse(
            format!("damaged inline code: {}", harm.join("; ")),
            at,
            &format!("copy these exactly as in the English: \"{}\"", x.source),
        ));
    }
    let lower = md.to_ascii_lowercase();
    if lower.contains("<span") || lower.contains("</span") {
        return Err(refuse(
            "a translation cannot hold `<span>` tags: they would break the page's segments".into(),
            at,
            "remove the span tags",
        ));
    }
    let one_line = matches!(x.kind, BlockKind::Heading(_) | BlockKind::TableCell);
    if md.split('\n').skip(1).any(|l| l.trim().is_empty()) || (one_line && md.contains('\n')) {
        return Err(refuse(
            "the translation breaks the line its unit is on".into(),
            at,
            "write it on one line",
        ));
    }
    Ok(Some(md))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restore_puts_the_codes_back_and_refuses_foreign_or_doubled_ones() {
        let src = Inline::parse("Use `a` and **b**.");
        let f = |v: Vec<Frag>| restore(&v, &src);
        let ok = f(vec![
            Frag::Text("Použijte ".into()),
            Frag::Code("1".into(), 0),
            Frag::Text(" a ".into()),
            Frag::Open("2".into(), 0),
            Frag::Text("b".into()),
            Frag::Close("2".into(), 0),
        ])
        .unwrap();
        assert_eq!(ok.0, "Použijte `a` a **b**");
        assert!(
            f(vec![Frag::Code("7".into(), 5)])
                .unwrap_err()
                .0
                .contains("not in the English")
        );
        assert!(f(vec![Frag::Code("1".into(), 0), Frag::Code("1".into(), 9)]).is_err());
        assert!(f(vec![Frag::Code("2".into(), 0)]).unwrap_err().0.contains("pair"));
    }

    #[test]
    fn a_changed_code_or_placeholder_is_damage_a_changed_number_is_not() {
        assert!(
            damaged("Call `a` with %1.", "Volejte `b` s %1.")
                .iter()
                .any(|d| d.contains("inline code"))
        );
        assert!(damaged("Call `a` with %1.", "Volejte `a` s %1.").is_empty());
        assert!(damaged("Wait 5 s.", "Počkejte pět sekund.").is_empty());
    }
}
