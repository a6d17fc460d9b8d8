//! The output folder and the content tree against hostile and broken
//! input: stale staging folders of killed builds, directory symbolic links
//! in `content/` and `static/`, and file names that need percent-encoding.

mod common;

use common::sitecheck::{Built, sel};
use common::{SampleSite, stderr, stdout};

const BASE: &str = "https://docs.example.org/wcf-etw/";

/// Page names a URL cannot carry as they are.
const ODD: [&str; 4] = ["<img src=x onerror=alert(1)>", "a b#c?", "100%", "čeština"];

/// True when every `%` of `s` starts a `%XX` escape.
fn percents_are_escapes(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter()
        .enumerate()
        .filter(|(_, c)| **c == b'%')
        .all(|(i, _)| b.len() > i + 2 && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit())
}

fn odd_site() -> SampleSite {
    let site = SampleSite::new();
    for name in ODD {
        site.write(
            &format!("content/en-US/odd/{name}.md"),
            &format!("---\ntitle: \"Page {name}\"\n---\n# Page\n\nText.\n"),
        );
    }
    site.write(
        "content/cs-CZ/odd/čeština.md",
        "---\ntitle: Čeština\n---\n# <span data-ttu-id=\"a-1\">Čeština</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Page čeština</span></span>\n",
    );
    site.write("content/en-US/odd/media/a b.png", "png");
    site.write(
        "content/en-US/odd/links.md",
        "---\ntitle: Links\n---\n# Links\n\n\
         [one](%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E.md) [two](a%20b%23c%3F.md#page) \
         [three](100%25.md) [four](čeština.md)\n\n![picture](<media/a b.png>)\n",
    );
    site
}

#[test]
fn pages_with_any_file_name_get_valid_percent_encoded_urls() {
    let site = odd_site();
    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    // The files keep their plain names.
    for name in ODD {
        let p = site.path(&format!("public/en-US/odd/{name}/index.html"));
        assert!(p.is_file(), "{}", p.display());
    }
    assert!(site.path("public/cs-CZ/odd/čeština/index.html").is_file());
    assert!(site.path("public/en-US/odd/media/a b.png").is_file());

    let built = Built::read(&site.path("public"), BASE);
    assert_eq!(built.broken_links(), Vec::<String>::new());
    assert_eq!(built.hreflang_problems(), Vec::<String>::new());

    let links = sel("a[href], link[href], script[src], img[src]");
    let mut odd_links = 0;
    for (page, doc) in &built.pages {
        for e in doc.select(&links) {
            let v = e.value();
            let url = v.attr("href").or_else(|| v.attr("src")).unwrap_or("");
            if built.target(page, url).is_none() {
                continue;
            }
            let path = url.split(['#', '?']).next().unwrap_or("");
            assert!(
                !path.contains(['<', '>', ' ', '"']) && percents_are_escapes(path) && path.is_ascii(),
                "{page}: {url} is not percent-encoded"
            );
            assert!(
                !url.contains('?') && url.matches('#').count() <= 1,
                "{page}: {url}: a `#` or `?` of a name left raw"
            );
            // `serve` percent-decodes the request path and finds the file.
            let abs = match url.strip_prefix(BASE) {
                Some(rest) => format!("/{rest}"),
                None => {
                    let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
                    format!("/{}/{url}", locdoc::site::url_path(dir))
                }
            };
            let abs = normalise_dots(abs.split(['#', '?']).next().unwrap_or(""));
            let served = locdoc::serve::resolve(&abs).unwrap_or_else(|e| panic!("{page}: {url}: {e:?}"));
            assert!(site.path("public").join(&served).is_file(), "{page}: {url} → {served}");
            if ODD.iter().any(|n| served.contains(&format!("odd/{n}/"))) {
                odd_links += 1;
            }
        }
    }
    // Links, the language switcher, the home pages' lists, canonical and alternates.
    assert!(odd_links >= 20, "{odd_links} links to the odd pages");

    // The link page's links and image are encoded once.
    let links_page = &built.pages["en-US/odd/links/index.html"];
    let hrefs: Vec<&str> = links_page
        .select(&sel("article a[href], article img[src]"))
        .filter_map(|e| e.value().attr("href").or_else(|| e.value().attr("src")))
        .collect();
    for want in [
        "../%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E/index.html",
        "../a%20b%23c%3F/index.html#page",
        "../100%25/index.html",
        "../%C4%8De%C5%A1tina/index.html",
        "../media/a%20b.png",
    ] {
        assert!(hrefs.contains(&want), "{want} not in {hrefs:?}");
    }

    // sitemap.xml: every <loc> is a URL in its encoded (normalised) form.
    let text = site.read("public/sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    for loc in &locs {
        let parsed = url::Url::parse(loc).unwrap_or_else(|e| panic!("{loc}: {e}"));
        assert_eq!(parsed.as_str(), *loc, "a <loc> not in encoded form");
    }
    for want in [
        "en-US/odd/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E/",
        "en-US/odd/a%20b%23c%3F/",
        "en-US/odd/100%25/",
        "en-US/odd/%C4%8De%C5%A1tina/",
        "cs-CZ/odd/%C4%8De%C5%A1tina/",
    ] {
        assert!(
            locs.contains(&format!("{BASE}{want}").as_str()),
            "{want} not in the sitemap"
        );
    }
    for link in doc.descendants().filter(|n| n.has_tag_name("link")) {
        let href = link.attribute("href").unwrap_or_default();
        assert_eq!(url::Url::parse(href).map(|u| u.to_string()).as_deref(), Ok(href));
    }
    let (_, problems) = built.sitemap_problems();
    assert_eq!(problems, Vec::<String>::new());
}

/// `/a/b/../c` → `/a/c`, as a browser resolves a relative link.
fn normalise_dots(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if path.ends_with('/') && out.len() > 1 {
        out.push('/');
    }
    out
}

#[cfg(unix)]
#[test]
fn folder_links_out_of_the_site_are_not_walked_and_inside_links_are() {
    use std::os::unix::fs::symlink;
    let site = SampleSite::new();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(
        elsewhere.path().join("outside.md"),
        "---\ntitle: Outside\n---\n# secret-token-123\n",
    )
    .unwrap();
    std::fs::write(elsewhere.path().join("outside.txt"), "secret-token-123").unwrap();
    symlink(elsewhere.path(), site.path("content/en-US/x")).unwrap();
    symlink(elsewhere.path(), site.path("content/cs-CZ/events/x")).unwrap();
    std::fs::create_dir_all(site.path("static")).unwrap();
    symlink(elsewhere.path(), site.path("static/ext")).unwrap();
    // Inside the site: followed; a loop is left out.
    symlink(site.path("content/en-US/events"), site.path("content/en-US/alias")).unwrap();
    symlink(site.path("content/en-US"), site.path("content/en-US/events/up")).unwrap();

    let o = site.run(&["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e = stderr(&o);
    for link in ["content/en-US/x", "content/cs-CZ/events/x", "static/ext"] {
        let warning = format!("warning[outside-link]: {link} is a symbolic link to a folder outside the site");
        assert_eq!(e.matches(&warning).count(), 1, "{link}: {e}");
    }
    assert!(
        e.contains("warning[link-loop]: content/en-US/events/up is a symbolic link to a folder that contains it"),
        "{e}"
    );
    for gone in ["public/en-US/x", "public/cs-CZ/events/x", "public/ext"] {
        assert!(!site.path(gone).exists(), "{gone}");
    }
    let mut leaked = Vec::new();
    for entry in walkdir::WalkDir::new(site.path("public")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file()
            && std::fs::read(entry.path())
                .unwrap()
                .windows(16)
                .any(|w| w == b"secret-token-123")
        {
            leaked.push(entry.path().to_path_buf());
        }
    }
    assert_eq!(leaked, Vec::<std::path::PathBuf>::new());
    assert!(
        site.path("public/en-US/alias/4031-dispatchsessionfailed/index.html")
            .is_file(),
        "a folder link inside the site is followed"
    );
}

/// The staging folders beside `out` (`.public.locdoc-staging-…`).
fn staging_folders(parent: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(parent)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public.locdoc-staging-"))
        .map(|e| e.path())
        .collect();
    v.sort();
    v
}

/// The id of a process that has ended and was waited for.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_locdoc"))
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[test]
fn a_build_removes_staging_folders_of_killed_builds_and_only_those() {
    let site = SampleSite::new();
    let stale = site.path(".public.locdoc-staging-a1b2c3");
    site.write(".public.locdoc-staging-a1b2c3/en-US/index.html", "half a build");
    site.write(
        &format!(".public.locdoc-staging-a1b2c3/{}", locdoc::write::STAGING_MARKER),
        &format!("pid {}\n", dead_pid()),
    );
    let unmarked = site.path(".public.locdoc-staging-d4e5f6");
    site.write(".public.locdoc-staging-d4e5f6/mine.txt", "not locdoc's");
    site.write("keep/.public.locdoc-staging-x/y.txt", "elsewhere");

    let o = site.run(&["build", "--no-search"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Removed 1 staging folder left by an interrupted build"),
        "{}",
        stdout(&o)
    );
    assert!(!stale.exists());
    assert_eq!(
        std::fs::read_to_string(unmarked.join("mine.txt")).unwrap(),
        "not locdoc's"
    );
    assert!(site.path("keep/.public.locdoc-staging-x/y.txt").is_file());
    assert_eq!(staging_folders(site.root()), [unmarked]);

    let o = site.run(&["build", "--no-search"]);
    assert!(!stdout(&o).contains("Removed"), "nothing to remove: no line");
}

#[cfg(unix)]
#[test]
fn a_running_build_keeps_its_staging_folder_and_a_killed_one_loses_it() {
    use std::process::{Command, Stdio};
    let site = SampleSite::new();
    /// A build process, killed (`kill -9`) when the test ends however it ends.
    struct Build(std::process::Child);
    impl Drop for Build {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    // Catch a build while it writes into its staging folder, and stop it there.
    let mut caught = None;
    for _ in 0..5 {
        let mut child = Build(
            Command::new(env!("CARGO_BIN_EXE_locdoc"))
                .arg("build")
                .current_dir(site.root())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
        );
        let found = loop {
            let marked = staging_folders(site.root())
                .into_iter()
                .find(|p| p.join(locdoc::write::STAGING_MARKER).is_file());
            if marked.is_some() || child.0.try_wait().unwrap().is_some() {
                break marked;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        };
        if let Some(dir) = found {
            let stopped = Command::new("kill")
                .args(["-STOP", &child.0.id().to_string()])
                .status()
                .unwrap();
            assert!(stopped.success());
            caught = Some((child, dir));
            break;
        }
    }
    let (mut child, running) = caught.expect("a build was caught while writing its staging folder");

    // Another build meanwhile: the stopped build's folder is not stale.
    let o = site.run(&["build", "--no-search"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stdout(&o).contains("Removed"), "{}", stdout(&o));
    assert!(running.join(locdoc::write::STAGING_MARKER).is_file());

    // kill -9: the folder stays behind, and the next build removes it.
    child.0.kill().unwrap();
    child.0.wait().unwrap();
    assert!(running.is_dir(), "a killed build leaves its staging folder");
    let o = site.run(&["build", "--no-search"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Removed 1 staging folder left by an interrupted build"),
        "{}",
        stdout(&o)
    );
    assert!(!running.exists());
    assert_eq!(staging_folders(site.root()), Vec::<std::path::PathBuf>::new());
    assert!(site.path("public/en-US/index.html").is_file());
}
