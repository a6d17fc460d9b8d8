//! The UI strings shipped in `locales/`: every locale parses without a
//! syntax error, has every en-US message with the same variables and no
//! message en-US lacks, formats each without an error, and is compiled
//! into the binary — a `msgfmt --check` for Fluent.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_bundle::FluentValue;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

/// Message ID → the variables it uses (in placeables, selectors, variants
/// and call arguments), or the syntax errors of the file.
fn messages(text: &str) -> Result<BTreeMap<String, BTreeSet<String>>, Vec<String>> {
    let res = fluent_syntax::parser::parse(text).map_err(|(_, errors)| {
        errors
            .iter()
            .map(|e| {
                // Where the broken message stops, as `locdoc build` says.
                let at = match &e.slice {
                    Some(s) if s.start < e.pos.start => locdoc::diag::end_of_text_before(text, e.pos.start),
                    _ => e.pos.start.min(text.len()),
                };
                let line = text[..at].matches('\n').count() + 1;
                format!("line {line}: {}", e.kind)
            })
            .collect::<Vec<_>>()
    })?;
    let mut out = BTreeMap::new();
    for entry in res.body {
        if let Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(p) = &m.value {
                pattern_vars(p, &mut vars);
            }
            for a in &m.attributes {
                pattern_vars(&a.value, &mut vars);
            }
            out.insert(m.id.name.to_string(), vars);
        }
    }
    Ok(out)
}

fn pattern_vars(p: &Pattern<&str>, vars: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(i: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
            for a in &arguments.named {
                inline_vars(&a.value, vars);
            }
        }
        _ => {}
    }
}

/// Variables a translation may leave out: `suggest-language` is shown in
/// the language it names, which writes its own name best (`en français`).
const OPTIONAL: &[(&str, &str)] = &[("suggest-language", "language")];

/// What is wrong with `text` (a locale's messages) against the English: a
/// syntax error, a message missing or unknown, a variable the English does
/// not have (it would show as an error) or one left out.
fn problems(en: &BTreeMap<String, BTreeSet<String>>, text: &str) -> Vec<String> {
    let mine = match messages(text) {
        Ok(m) => m,
        Err(errors) => return errors.into_iter().map(|e| format!("syntax error at {e}")).collect(),
    };
    let mut out = Vec::new();
    for (id, vars) in en {
        match mine.get(id) {
            None => out.push(format!("`{id}` is missing")),
            Some(v)
                if v != vars
                    && !(v.is_subset(vars)
                        && vars
                            .difference(v)
                            .all(|x| OPTIONAL.contains(&(id.as_str(), x.as_str())))) =>
            {
                out.push(format!("`{id}` uses {v:?}, the English {vars:?}"))
            }
            Some(_) => {}
        }
    }
    for id in mine.keys().filter(|id| !en.contains_key(*id)) {
        out.push(format!("`{id}` is not an English message (a typo?)"));
    }
    out
}

fn shipped() -> Vec<(String, String)> {
    let dir = common::repo().join("locales");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| {
            let code = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(Path::new(&p).join("locdoc.ftl")).unwrap();
            (code, text)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_shipped_locale_has_every_english_message_with_the_same_variables() {
    let locales = shipped();
    let codes: Vec<&str> = locales.iter().map(|(c, _)| c.as_str()).collect();
    for want in [
        "en-US", "cs-CZ", "pl-PL", "pt-BR", "ru-RU", "tr-TR", "de-DE", "fr-FR", "es-ES", "it-IT", "ja-JP", "ko-KR",
        "zh-CN", "zh-TW", "ar-SA", "he-IL",
    ] {
        assert!(codes.contains(&want), "{want} is shipped: {codes:?}");
    }
    let en = messages(&locales.iter().find(|(c, _)| c == "en-US").unwrap().1).unwrap();
    assert!(en.len() > 70, "{}", en.len());
    let mut all = Vec::new();
    for (code, text) in &locales {
        all.extend(problems(&en, text).into_iter().map(|p| format!("{code}: {p}")));
    }
    assert_eq!(all, Vec::<String>::new());
}

#[test]
fn the_checker_catches_syntax_errors_and_changed_variables() {
    let en =
        messages("a = A { $n }\nb = B\nc =\n    { $count ->\n        [one] one\n       *[other] { $count }\n    }\n")
            .unwrap();
    let p = problems(&en, "a = A { $n\nb = B\n");
    assert!(p.iter().any(|p| p.starts_with("syntax error at line 1")), "{p:?}");
    // The selector counts as a use of `$count`; a plain `x` in every
    // variant is fine.
    let p = problems(
        &en,
        "a = A { $m }\nbb = B\nc =\n    { $count ->\n       *[other] x\n    }\n",
    );
    assert_eq!(
        p,
        vec![
            "`a` uses {\"m\"}, the English {\"n\"}".to_string(),
            "`b` is missing".to_string(),
            "`bb` is not an English message (a typo?)".to_string(),
        ]
    );
}

#[test]
fn every_shipped_locale_is_built_in_and_formats_every_message() {
    let locales = shipped();
    let mut toml = String::from("title = \"t\"\nbase_url = \"https://e.org/\"\n");
    for (code, _) in &locales {
        // The source first.
        if code == "en-US" {
            toml.push_str("[[locales]]\ncode = \"en-US\"\nname = \"English\"\n");
        }
    }
    for (code, _) in locales.iter().filter(|(c, _)| c != "en-US") {
        toml.push_str(&format!("[[locales]]\ncode = \"{code}\"\nname = \"{code}\"\n"));
    }
    let config = locdoc::config::Config::parse(Path::new("/nonexistent"), &toml).unwrap();
    // No site folder: only what is compiled in.
    let i18n = locdoc::render::I18n::load(&config, Path::new("/nonexistent")).unwrap();
    let en = messages(&locales.iter().find(|(c, _)| c == "en-US").unwrap().1).unwrap();
    for (l, locale) in config.locales.iter().enumerate() {
        for (id, vars) in &en {
            assert!(i18n.defines(l, id), "{} has `{id}` built in", locale.code);
            for n in [0, 1, 2, 3, 5, 11, 100, 101] {
                let args: Vec<(&str, FluentValue)> = vars.iter().map(|v| (v.as_str(), FluentValue::from(n))).collect();
                let s = i18n.format(l, id, &args);
                assert!(!s.is_empty() && s != *id, "{} `{id}` with {n}: {s:?}", locale.code);
                assert!(!s.contains('{') && !s.contains('$'), "{} `{id}`: {s}", locale.code);
            }
        }
    }
    // Plural forms where they matter.
    let idx = |code: &str| config.locales.iter().position(|l| l.code == code).unwrap();
    let pages = |code: &str, n: i64| i18n.format(idx(code), "page-count", &[("count", FluentValue::from(n))]);
    assert_eq!(pages("de-DE", 1), "1 Seite");
    assert_eq!(pages("de-DE", 2), "2 Seiten");
    assert_eq!(pages("ar-SA", 2), "صفحتان");
    assert_eq!(pages("ar-SA", 3), "3 صفحات");
    assert_eq!(pages("ar-SA", 11), "11 صفحة");
    assert_eq!(pages("he-IL", 2), "שני דפים");
    assert_eq!(pages("ja-JP", 5), "5 ページ");
}
