//! Where the links of a page lead: relative Markdown links to the built
//! pages and files, links out of the site upstream (or nowhere), includes
//! to their files.

use super::markdown::LinkResolver;
use crate::site::{Site, join_rel, parent_dir, relative_url};

/// Resolves links of one page in one locale.
pub(super) struct PageLinks<'a> {
    pub(super) site: &'a Site,
    pub(super) locale: usize,
    pub(super) rel: &'a str,
    /// The page's output folder, relative to the output root.
    pub(super) out_dir: String,
}

impl LinkResolver for PageLinks<'_> {
    fn outside(&self, dest: &str) -> Option<String> {
        let base = self.site.config.markdown.upstream_url.as_ref()?;
        let code = self.site.config.locales[self.locale].code.to_lowercase();
        let mut base = base.replace("{locale}", &code);
        if !base.ends_with('/') {
            base.push('/');
        }
        let base = url::Url::parse(&base).ok()?;
        let (path, frag) = match dest.find(['#', '?']) {
            Some(i) => (&dest[..i], &dest[i..]),
            None => (dest, ""),
        };
        let path = path.strip_suffix(".md").unwrap_or(path);
        let url = if path.starts_with('/') {
            base.join(path).ok()?
        } else {
            base.join(parent_dir(self.rel))
                .and_then(|folder| folder.join(path))
                .ok()?
        };
        Some(format!("{url}{frag}"))
    }

    fn resolve(&self, dest: &str) -> Option<String> {
        let (path, frag) = match dest.find(['#', '?']) {
            Some(i) => (&dest[..i], &dest[i..]),
            None => (dest, ""),
        };
        let path = percent_decode(path);
        let target = join_rel(parent_dir(self.rel), &path)?;
        let code = |l: usize| self.site.config.locales[l].code.as_str();
        if target.ends_with(".md") {
            let url = self.site.urls.get(&target)?;
            // The same locale when it has the page, else the source locale.
            let locale = if self.site.has_page(&target, self.locale) {
                self.locale
            } else {
                0
            };
            if !self.site.has_page(&target, locale) {
                return None;
            }
            let mut to = format!("{}/{}", code(locale), url.dir);
            if !self.site.config.build.pretty_urls {
                to.push_str("index.html");
            }
            return Some(relative_url(&self.out_dir, &to) + frag);
        }
        let exists = self
            .site
            .inventory
            .assets
            .iter()
            .any(|(l, r, _)| r == &target && (*l == self.locale || *l == 0));
        exists.then(|| relative_url(&self.out_dir, &format!("{}/{}", code(self.locale), target)) + frag)
    }

    fn include(&self, name: &str, path: &str) -> Option<std::sync::Arc<crate::site::Included>> {
        self.site.include(self.locale, self.rel, name, path)
    }

    fn snippet(&self, path: &str) -> Option<String> {
        let path = percent_decode(path);
        let target = match path.strip_prefix("~/") {
            Some(p) => join_rel("", p)?,
            None => join_rel(parent_dir(self.rel), &path)?,
        };
        // The page's locale's copy first, then the source locale's.
        let file = [self.locale, 0].into_iter().find_map(|l| {
            self.site
                .inventory
                .assets
                .iter()
                .find(|(al, r, _)| *al == l && *r == target)
                .map(|(_, _, f)| f)
        })?;
        if std::fs::metadata(file).ok()?.len() > self.site.config.limits.file_size {
            return None;
        }
        let text = std::fs::read_to_string(file).ok()?;
        Some(crate::load::normalise(text).0)
    }
}

/// `s` with its `%XX` escapes decoded; `s` itself when they do not decode
/// to UTF-8.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map_or_else(|_| s.to_string(), |d| d.into_owned())
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn link_paths_are_percent_decoded_only_where_that_gives_text() {
        assert_eq!(percent_decode("a%20b.md"), "a b.md");
        assert_eq!(percent_decode("caf%C3%A9.md"), "café.md");
        assert_eq!(percent_decode("100%.md"), "100%.md");
        assert_eq!(percent_decode("%ZZ.md"), "%ZZ.md");
        assert_eq!(percent_decode("%FF.md"), "%FF.md", "not UTF-8: kept as written");
    }
}
