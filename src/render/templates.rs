//! Templates: Tera, with the default theme compiled into the binary. A file
//! of the same name in the site's `templates/` folder overrides a built-in
//! one; `templates/static/*` are the theme's assets (CSS, JS, favicon), copied to
//! `<output>/static/` and overridable the same way.

use std::collections::BTreeMap;
use std::path::Path;

use tera::{Context, Tera};

use crate::diag::{Diagnostic, Error, Result, display_path, rel_path};

/// Built-in templates.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("locale_index.html", include_str!("../../templates/locale_index.html")),
    ("switcher.html", include_str!("../../templates/switcher.html")),
    ("review.html", include_str!("../../templates/review.html")),
    ("review_index.html", include_str!("../../templates/review_index.html")),
    ("status.html", include_str!("../../templates/status.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("toc.html", include_str!("../../templates/toc.html")),
    ("toc_pager.html", include_str!("../../templates/toc_pager.html")),
    ("contents.html", include_str!("../../templates/contents.html")),
];

/// Built-in theme assets, by output path.
pub const BUILTIN_ASSETS: &[(&str, &[u8])] = &[
    ("static/locdoc.css", include_bytes!("../../templates/static/locdoc.css")),
    ("static/locdoc.js", include_bytes!("../../templates/static/locdoc.js")),
    (
        "static/locdoc-search.js",
        include_bytes!("../../templates/static/locdoc-search.js"),
    ),
    (
        "static/favicon.svg",
        include_bytes!("../../templates/static/favicon.svg"),
    ),
    (
        "static/locdoc-toc.js",
        include_bytes!("../../templates/static/locdoc-toc.js"),
    ),
];

/// The compiled templates and the theme assets of a site.
pub struct Templates {
    tera: Tera,
    /// Theme assets by output path (built-in, overridden by the site's).
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Where each template came from, for error messages.
    origins: BTreeMap<String, String>,
}

fn template_error(name: &str, origin: &str, e: &tera::Error) -> Error {
    use std::error::Error as _;
    let mut msg = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        msg.push_str(": ");
        msg.push_str(&c.to_string());
        cause = c.source();
    }
    Error::Template(Box::new(
        Diagnostic::error("template", format!("template `{name}` ({origin}): {msg}"))
            .help("fix the template; `locdoc` embeds working defaults, so deleting the file restores the built-in one"),
    ))
}

impl Templates {
    /// The built-in templates overridden by `<dir>/**/*.html` and assets by
    /// `<dir>/static/**`. `root` is used to show paths.
    pub fn load(dir: &Path, root: &Path) -> Result<Templates> {
        let mut sources: BTreeMap<String, (String, String)> = BUILTIN
            .iter()
            .map(|(n, s)| (n.to_string(), (s.to_string(), format!("built-in {n}"))))
            .collect();
        let mut assets: BTreeMap<String, Vec<u8>> = BUILTIN_ASSETS
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect();
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
                let entry = entry.map_err(|e| Error::walk(dir, e))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let name = rel_path(dir, entry.path());
                if name.starts_with("static/") {
                    let bytes = std::fs::read(entry.path()).map_err(|e| Error::io("read", entry.path(), e))?;
                    assets.insert(name, bytes);
                } else if name.ends_with(".html") || name.ends_with(".xml") {
                    let text = std::fs::read_to_string(entry.path()).map_err(|e| Error::io("read", entry.path(), e))?;
                    sources.insert(name, (text, display_path(root, entry.path())));
                }
            }
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let origins: BTreeMap<String, String> = sources.iter().map(|(n, (_, o))| (n.clone(), o.clone())).collect();
        // Add one by one so a syntax error names its file.
        for (name, (text, origin)) in &sources {
            let mut probe = Tera::new();
            if let Err(e) = probe.add_raw_template(name, text)
                && !matches!(e.kind(), tera::ErrorKind::MissingParent { .. })
            {
                return Err(template_error(name, origin, &e));
            }
        }
        tera.add_raw_templates(sources.iter().map(|(n, (t, _))| (n.as_str(), t.as_str())))
            .map_err(|e| template_error("(site)", "templates", &e))?;
        Ok(Templates { tera, assets, origins })
    }

    /// Renders template `name`.
    pub fn render(&self, name: &str, ctx: &Context) -> Result<String> {
        self.tera.render(name, ctx).map_err(|e| {
            let origin = self.origins.get(name).map_or("unknown", String::as_str);
            template_error(name, origin, &e)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_load_without_a_site_folder() {
        let t = Templates::load(Path::new("/nonexistent/templates"), Path::new("/nonexistent")).unwrap();
        assert!(t.assets.contains_key("static/locdoc.css"));
    }

    #[test]
    fn site_template_overrides_builtin_and_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let tdir = dir.path().join("templates");
        std::fs::create_dir_all(tdir.join("static")).unwrap();
        std::fs::write(tdir.join("index.html"), "custom {{ x }}").unwrap();
        std::fs::write(tdir.join("static/locdoc.css"), "body{}").unwrap();
        let t = Templates::load(&tdir, dir.path()).unwrap();
        let mut ctx = Context::new();
        ctx.insert("x", &1);
        assert_eq!(t.render("index.html", &ctx).unwrap(), "custom 1");
        assert_eq!(t.assets["static/locdoc.css"], b"body{}");

        std::fs::write(tdir.join("page.html"), "{% if %}").unwrap();
        match Templates::load(&tdir, dir.path()) {
            Err(Error::Template(d)) => {
                assert!(d.message.contains("templates/page.html"), "{}", d.message)
            }
            other => panic!("{:?}", other.err()),
        }
    }

    #[test]
    fn the_theme_ships_a_favicon_that_a_site_file_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let tdir = dir.path().join("templates");
        let t = Templates::load(&tdir, dir.path()).unwrap();
        assert!(t.assets["static/favicon.svg"].starts_with(b"<svg"));
        std::fs::create_dir_all(tdir.join("static")).unwrap();
        std::fs::write(tdir.join("static/favicon.svg"), "<svg id=\"mine\"/>").unwrap();
        let t = Templates::load(&tdir, dir.path()).unwrap();
        assert_eq!(t.assets["static/favicon.svg"], b"<svg id=\"mine\"/>");
    }

    #[test]
    fn undefined_variable_is_a_template_error() {
        let dir = tempfile::tempdir().unwrap();
        let tdir = dir.path().join("templates");
        std::fs::create_dir_all(&tdir).unwrap();
        std::fs::write(tdir.join("index.html"), "{{ nope }}").unwrap();
        let t = Templates::load(&tdir, dir.path()).unwrap();
        let err = t.render("index.html", &Context::new()).unwrap_err();
        assert_eq!(err.exit_code(), 2);
    }
}
