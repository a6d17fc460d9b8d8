//! `locdoc init`: a new site that builds and checks cleanly at once, and
//! never a write into a folder that holds anything.

mod common;

use common::sitecheck::Built;
use common::{locdoc, stderr, stdout};

#[test]
fn a_new_site_builds_and_checks_without_a_finding() {
    let tmp = tempfile::tempdir().unwrap();
    let o = locdoc(tmp.path(), &["init", "docs"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let said = stdout(&o);
    for next in ["cd docs", "locdoc serve --open", "locdoc build", "locdoc check"] {
        assert!(said.contains(next), "{next} in:\n{said}");
    }
    let root = tmp.path().join("docs");
    for dir in ["content/en-US", "content/de-DE", "locales", "static", "templates"] {
        assert!(root.join(dir).is_dir(), "{dir}");
    }
    let o = locdoc(&root, &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "no warning");
    assert!(stdout(&o).starts_with("Built 2 pages in 2 locales"), "{}", stdout(&o));
    let built = Built::read(&root.join("public"), "https://docs.example.org/");
    assert_eq!(built.parse_errors(), Vec::<String>::new());
    assert_eq!(built.broken_links(), Vec::<String>::new());
    let de = std::fs::read_to_string(root.join("public/de-DE/getting-started/index.html")).unwrap();
    assert!(de.contains("Erste Schritte") && de.contains("lang=\"de-DE\""));
    let o = locdoc(&root, &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("0 errors, 0 warnings, 0 notes"), "{}", stdout(&o));
    assert!(stdout(&o).contains("100.0%"), "{}", stdout(&o));
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("README.md"), "mine\n").unwrap();
    let o = locdoc(tmp.path(), &["init"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is not empty"), "{}", stderr(&o));
    assert!(!tmp.path().join("site.toml").exists());
    // In the current folder when it is empty: no `cd` to suggest.
    let empty = tempfile::tempdir().unwrap();
    let o = locdoc(empty.path(), &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stdout(&o).contains("cd "), "{}", stdout(&o));
    assert!(empty.path().join("site.toml").is_file());
}
