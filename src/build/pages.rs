//! What a build writes besides the pages: the review view, the site-wide
//! pages (homes, dashboards, search pages, sitemaps) and the assets.

use super::*;

/// The review view of every translated page, and a page list per locale.
pub fn write_review(renderer: &Renderer, locales: &[usize], sink: &dyn Sink) -> Result<()> {
    use crate::render::review::{DEFAULT_EDITOR_URL, PREFIX};
    let site = renderer.site;
    for &l in locales.iter().filter(|&&l| l != 0) {
        let code = &site.config.locales[l].code;
        sink.write(
            &format!("{PREFIX}/{code}/index.html"),
            renderer.review_index(l)?.as_bytes(),
        )?;
        let pages: Vec<(&String, &crate::site::PageUrl)> = site.urls.iter().collect();
        pages
            .par_iter()
            .try_for_each(|(rel, url)| match renderer.review_page(rel, l, DEFAULT_EDITOR_URL) {
                // A page that cannot be read is reported by the build itself.
                None | Some(Err(Error::Content(_))) => Ok(()),
                Some(Err(e)) => Err(e),
                Some(Ok(html)) => sink.write(&format!("{PREFIX}/{code}/{}index.html", url.dir), html.as_bytes()),
            })?;
    }
    Ok(())
}

/// The site-wide pages: the language chooser, each locale's home page with
/// its event index, the status dashboards, the search pages, `sitemap.xml`
/// and `robots.txt`.
pub fn write_site_pages(
    renderer: &Renderer,
    locales: &[usize],
    summaries: &[PageSummary],
    status: &SiteStatus,
    sink: &dyn Sink,
) -> Result<()> {
    let site = renderer.site;
    let facts = SiteFacts {
        summaries,
        status,
        locales,
    };
    sink.write("index.html", renderer.root_index(&facts)?.as_bytes())?;
    let homes = renderer.homes(&facts);
    // The locales side by side, and a big event index's pages too.
    locales.par_iter().try_for_each(|&l| {
        (1..=homes.count(l)).into_par_iter().try_for_each(|k| {
            let (path, html) = renderer.locale_home(l, k, &facts, &homes)?;
            sink.write(&path, html.as_bytes())
        })?;
        let status = renderer.index.dirs.status(site, l);
        sink.write(
            &format!("{status}index.html"),
            renderer.status_page(l, &facts)?.as_bytes(),
        )?;
        if site.config.build.search {
            let search = renderer.index.dirs.search(site, l);
            sink.write(&format!("{search}index.html"), renderer.search_page(l)?.as_bytes())?;
        }
        if !site.toc.nodes.is_empty() {
            let contents = renderer.contents_dir(l);
            sink.write(&format!("{contents}index.html"), renderer.contents_page(l)?.as_bytes())?;
        }
        Ok::<(), Error>(())
    })?;
    for (name, text) in renderer.sitemaps(&facts, crate::render::site_pages::SITEMAP_URLS) {
        sink.write(&name, text.as_bytes())?;
    }
    sink.write("robots.txt", renderer.robots().as_bytes())?;
    Ok(())
}

/// Theme assets, then the site's `static/` folder, then content assets (a
/// source-locale asset serves every locale that lacks its own).
pub fn copy_assets(renderer: &Renderer, locales: &[usize], sink: &dyn Sink) -> Result<()> {
    let site = renderer.site;
    for (name, bytes) in &renderer.templates.assets {
        sink.write(name, bytes)?;
    }
    copy_static(site, sink)?;
    let own: std::collections::HashSet<(usize, &str)> = site
        .inventory
        .assets
        .iter()
        .map(|(l, rel, _)| (*l, rel.as_str()))
        .collect();
    for &l in locales {
        let code = &site.config.locales[l].code;
        for (al, rel, path) in &site.inventory.assets {
            let mine = *al == l;
            let inherited = *al == 0 && l != 0 && !own.contains(&(l, rel.as_str()));
            if mine || inherited {
                sink.copy(path, &format!("{code}/{rel}"))?;
            }
        }
    }
    Ok(())
}

/// The site's `static/` folder, without the links out of the site (the
/// walk of the site reported them).
fn copy_static(site: &Site, sink: &dyn Sink) -> Result<()> {
    let dir = &site.config.static_dir;
    if !dir.is_dir() {
        return Ok(());
    }
    let roots = crate::tree::site_roots(&site.root, &site.config.content_dir);
    for entry in crate::tree::files(dir, &roots, &site.root, false)?.files {
        sink.copy(entry.path(), &crate::diag::rel_path(dir, entry.path()))?;
    }
    Ok(())
}
