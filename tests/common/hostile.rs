//! Small sites of one page for the hostile-input tests.

pub const SITE: &str = "title = \"T\"\nbase_url = \"https://x.org/\"\n\
                        [[locales]]\ncode = \"en-US\"\nname = \"English\"\n\
                        [[locales]]\ncode = \"cs-CZ\"\nname = \"Čeština\"\n";

pub fn seg(id: usize, tr: &str, en: &str) -> String {
    format!(
        "<span data-ttu-id=\"a-{id}\">{tr}</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-{id}\">{en}</span></span>"
    )
}

/// A two-locale site with one page, `en` and `cs` its bodies (front matter
/// is added), `extra` appended to `site.toml`.
pub fn site(en: &str, cs: &str, extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let w = |rel: &str, text: &str| {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    w("site.toml", &format!("{SITE}{extra}"));
    w("content/en-US/e/p.md", &format!("---\ntitle: P\n---\n{en}"));
    w("content/cs-CZ/e/p.md", &format!("---\ntitle: P\n---\n{cs}"));
    dir
}
