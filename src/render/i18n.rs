//! UI strings: Fluent `.ftl` messages per locale, with en-US as the
//! fallback for any message a locale lacks.
//!
//! Built-in messages for en-US, cs-CZ, pl-PL, pt-BR, ru-RU, tr-TR, de-DE,
//! fr-FR, es-ES, it-IT, ja-JP, ko-KR, zh-CN, zh-TW, ar-SA and he-IL are
//! compiled in; a site's `locales/<locale>/*.ftl` files override them
//! message by message and add locales.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::str::FromStr;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::config::Config;
use crate::diag::{Diagnostic, Error, Result, SourceText, display_path};

type Bundle = FluentBundle<FluentResource>;

/// The built-in messages, one `.ftl` per locale.
const BUILTIN: &[(&str, &str)] = &[
    ("en-US", include_str!("../../locales/en-US/locdoc.ftl")),
    ("cs-CZ", include_str!("../../locales/cs-CZ/locdoc.ftl")),
    ("pl-PL", include_str!("../../locales/pl-PL/locdoc.ftl")),
    ("pt-BR", include_str!("../../locales/pt-BR/locdoc.ftl")),
    ("ru-RU", include_str!("../../locales/ru-RU/locdoc.ftl")),
    ("tr-TR", include_str!("../../locales/tr-TR/locdoc.ftl")),
    ("de-DE", include_str!("../../locales/de-DE/locdoc.ftl")),
    ("fr-FR", include_str!("../../locales/fr-FR/locdoc.ftl")),
    ("es-ES", include_str!("../../locales/es-ES/locdoc.ftl")),
    ("it-IT", include_str!("../../locales/it-IT/locdoc.ftl")),
    ("ja-JP", include_str!("../../locales/ja-JP/locdoc.ftl")),
    ("ko-KR", include_str!("../../locales/ko-KR/locdoc.ftl")),
    ("zh-CN", include_str!("../../locales/zh-CN/locdoc.ftl")),
    ("zh-TW", include_str!("../../locales/zh-TW/locdoc.ftl")),
    ("ar-SA", include_str!("../../locales/ar-SA/locdoc.ftl")),
    ("he-IL", include_str!("../../locales/he-IL/locdoc.ftl")),
];

const FALLBACK: &str = "en-US";

/// Every locale's UI strings.
pub struct I18n {
    /// One bundle per `Config::locales` entry.
    bundles: Vec<Bundle>,
    fallback: Bundle,
    /// Message IDs of the fallback.
    fallback_ids: BTreeSet<String>,
    /// Message IDs defined for each locale.
    ids: Vec<BTreeSet<String>>,
}

fn parse_ftl(display: &str, text: String) -> Result<FluentResource> {
    FluentResource::try_new(text.clone()).map_err(|(_, errors)| {
        let src = SourceText::new(display, text);
        let e = &errors[0];
        // The parser notices a message it expected more of (a `}`) at the
        // next line; inside that message, the caret goes where it stops.
        let inside_entry = e.slice.as_ref().is_some_and(|s| s.start < e.pos.start);
        let (at, len) = if inside_entry {
            let at = crate::diag::end_of_text_before(&src.text, e.pos.start);
            (at, if at == e.pos.start { e.pos.len().max(1) } else { 1 })
        } else {
            (e.pos.start, e.pos.len().max(1))
        };
        Error::config(
            Diagnostic::error("fluent", format!("invalid Fluent syntax: {}", e.kind))
                .at_offset(&src, at, len)
                .help("see https://projectfluent.org/fluent/guide/ for the syntax; messages look like `id = text`"),
        )
    })
}

fn new_bundle(code: &str) -> Bundle {
    let lang = LanguageIdentifier::from_str(code).unwrap_or_default();
    let mut b = FluentBundle::new_concurrent(vec![lang]);
    b.set_use_isolating(false);
    b
}

/// The site's `.ftl` files for `code`, sorted by name.
fn site_files(dir: &Path, code: &str) -> Result<Vec<std::path::PathBuf>> {
    let dir = dir.join(code);
    let mut files = Vec::new();
    match std::fs::read_dir(&dir) {
        Ok(entries) => {
            for e in entries {
                let p = e.map_err(|e| Error::io("read", &dir, e))?.path();
                if p.extension().is_some_and(|x| x == "ftl") {
                    files.push(p);
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io("read", dir, e)),
    }
    files.sort();
    Ok(files)
}

fn add(bundle: &mut Bundle, ids: &mut BTreeSet<String>, res: FluentResource) {
    for entry in res.entries() {
        if let fluent_syntax::ast::Entry::Message(m) = entry {
            ids.insert(m.id.name.to_string());
        }
    }
    bundle.add_resource_overriding(res);
}

/// Adds the built-in and the site's messages of `code`; returns their IDs.
fn load_into(bundle: &mut Bundle, code: &str, root: &Path, locales_dir: &Path) -> Result<BTreeSet<String>> {
    let mut ids = BTreeSet::new();
    if let Some((_, text)) = BUILTIN.iter().find(|(c, _)| *c == code) {
        let res = parse_ftl(&format!("<built-in {code}.ftl>"), text.to_string())?;
        add(bundle, &mut ids, res);
    }
    for file in site_files(locales_dir, code)? {
        let text = std::fs::read_to_string(&file).map_err(|e| Error::io("read", &file, e))?;
        let res = parse_ftl(&display_path(root, &file), text)?;
        add(bundle, &mut ids, res);
    }
    Ok(ids)
}

impl I18n {
    /// Loads the built-in messages and the site's `locales/` folder.
    pub fn load(config: &Config, root: &Path) -> Result<I18n> {
        let mut fallback = new_bundle(FALLBACK);
        let fallback_ids = load_into(&mut fallback, FALLBACK, root, &config.locales_dir)?;
        let mut bundles = Vec::with_capacity(config.locales.len());
        let mut ids = Vec::with_capacity(config.locales.len());
        for l in &config.locales {
            let mut b = new_bundle(&l.code);
            ids.push(load_into(&mut b, &l.code, root, &config.locales_dir)?);
            bundles.push(b);
        }
        Ok(I18n {
            bundles,
            fallback,
            fallback_ids,
            ids,
        })
    }

    fn format_in(bundle: &Bundle, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        let msg = bundle.get_message(id)?;
        let pattern = msg.value()?;
        let mut errors = Vec::new();
        let s = bundle.format_pattern(pattern, args, &mut errors);
        errors.is_empty().then(|| s.into_owned())
    }

    /// Message `id` in locale `locale` (index into `Config::locales`), with
    /// `args`; falls back to en-US, then to the ID itself.
    pub fn format(&self, locale: usize, id: &str, args: &[(&str, FluentValue)]) -> String {
        let fargs = (!args.is_empty()).then(|| {
            let mut a = FluentArgs::new();
            for (k, v) in args {
                a.set(*k, v.clone());
            }
            a
        });
        self.bundles
            .get(locale)
            .and_then(|b| Self::format_in(b, id, fargs.as_ref()))
            .or_else(|| Self::format_in(&self.fallback, id, fargs.as_ref()))
            .unwrap_or_else(|| id.to_string())
    }

    pub fn get(&self, locale: usize, id: &str) -> String {
        self.format(locale, id, &[])
    }

    /// True when locale `locale` defines message `id` itself (built in or
    /// in the site's `.ftl` files), not through the en-US fallback.
    pub fn defines(&self, locale: usize, id: &str) -> bool {
        self.ids.get(locale).is_some_and(|ids| ids.contains(id))
    }

    /// Every message without variables, for templates: `ui.<id>` with `-`
    /// turned into `_`.
    pub fn ui_map(&self, locale: usize) -> BTreeMap<String, String> {
        let own = self.ids.get(locale);
        self.fallback_ids
            .iter()
            .chain(own.into_iter().flatten())
            .filter_map(|id| {
                let v = self
                    .bundles
                    .get(locale)
                    .and_then(|b| Self::format_in(b, id, None))
                    .or_else(|| Self::format_in(&self.fallback, id, None))?;
                Some((id.replace('-', "_"), v))
            })
            .collect()
    }

    /// The five alert titles (note, tip, important, warning, caution).
    pub fn alert_labels(&self, locale: usize) -> [String; 5] {
        [
            "alert-note",
            "alert-tip",
            "alert-important",
            "alert-warning",
            "alert-caution",
        ]
        .map(|id| self.get(locale, id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(locales: &[&str]) -> Config {
        let mut toml = String::from("title = \"t\"\nbase_url = \"https://e.org/\"\n");
        for l in locales {
            toml.push_str(&format!("[[locales]]\ncode = \"{l}\"\nname = \"{l}\"\n"));
        }
        Config::parse(Path::new("/nonexistent"), &toml).unwrap()
    }

    #[test]
    fn builtin_messages_exist_for_the_six_locales() {
        let c = config(&["en-US", "cs-CZ", "pl-PL", "pt-BR", "ru-RU", "tr-TR"]);
        let i = I18n::load(&c, Path::new("/nonexistent")).unwrap();
        assert_eq!(i.get(0, "show-original"), "Show English original");
        assert_eq!(i.get(1, "show-original"), "Zobrazit anglický originál");
        assert_eq!(i.get(5, "language-switcher"), "Dil");
    }

    #[test]
    fn plurals_follow_the_locale() {
        let c = config(&["en-US", "cs-CZ", "ru-RU"]);
        let i = I18n::load(&c, Path::new("/nonexistent")).unwrap();
        let n = |l, k: i64| i.format(l, "segments-in-english", &[("count", FluentValue::from(k))]);
        assert_eq!(n(0, 1), "1 passage is shown in English.");
        assert_eq!(n(1, 3), "3 pasáže jsou zobrazeny anglicky.");
        assert_eq!(n(2, 5), "5 фрагментов показаны на английском.");
    }

    #[test]
    fn unknown_locale_falls_back_to_english() {
        let c = config(&["en-US", "fi-FI"]);
        let i = I18n::load(&c, Path::new("/nonexistent")).unwrap();
        assert_eq!(i.get(1, "site-home"), "Home");
        assert_eq!(i.ui_map(1)["show_original"], "Show English original");
        assert_eq!(i.get(1, "no-such-message"), "no-such-message");
    }

    #[test]
    fn site_files_override_single_messages_and_syntax_errors_are_located() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("locales/cs-CZ")).unwrap();
        std::fs::write(root.join("locales/cs-CZ/ui.ftl"), "site-home = Úvod\n").unwrap();
        let mut c = config(&["en-US", "cs-CZ"]);
        c.locales_dir = root.join("locales");
        let i = I18n::load(&c, root).unwrap();
        assert_eq!(i.get(1, "site-home"), "Úvod");
        assert_eq!(i.get(1, "language-switcher"), "Jazyk");

        std::fs::write(root.join("locales/cs-CZ/ui.ftl"), "ok = a\nbroken = { $\n").unwrap();
        match I18n::load(&c, root) {
            Err(Error::Config(d)) => {
                let loc = d.location.unwrap();
                assert_eq!(loc.file, "locales/cs-CZ/ui.ftl");
                assert_eq!(loc.line, 2);
            }
            other => panic!("{:?}", other.err()),
        }
    }
}
