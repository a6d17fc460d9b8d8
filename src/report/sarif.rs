//! SARIF 2.1.0 for code scanning: one run, a descriptor per rule (with the
//! full description and help GitHub requires), file paths relative to the
//! repository the site is in so annotations land on the right file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_sarif::sarif;

use crate::check::{CheckReport, Finding, Rule};
use crate::diag::{Location, Severity, normalize, shown_to_absolute};

/// The base every relative path is resolved against (`originalUriBaseIds`).
const BASE_ID: &str = "%SRCROOT%";

/// Where people learn about locdoc (`informationUri`): Cargo.toml's
/// `repository`.
const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");

/// The folder SARIF paths are relative to when none is given: the nearest
/// folder at or above the site root that holds `.git` (the repository's
/// top level, where code scanning resolves paths), else the site root.
pub fn sarif_root(site_root: &Path) -> PathBuf {
    let root = absolute(site_root);
    root.ancestors()
        .find(|d| d.join(".git").exists())
        .map_or_else(|| root.clone(), Path::to_path_buf)
}

fn absolute(p: &Path) -> PathBuf {
    normalize(&std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
}

/// SARIF 2.1.0 with paths relative to [`sarif_root`] of the site.
pub fn sarif(report: &CheckReport) -> String {
    sarif_relative_to(report, &sarif_root(&report.root))
}

/// SARIF 2.1.0 with paths relative to `base` (`--sarif-root`); files outside
/// it get absolute `file:` URIs.
pub fn sarif_relative_to(report: &CheckReport, base: &Path) -> String {
    let base = absolute(base);
    let paths = Paths {
        site_root: &report.root,
        base: &base,
    };
    let rules: Vec<sarif::ReportingDescriptor> = Rule::ALL.iter().map(|&r| descriptor(r)).collect();
    let results: Vec<sarif::Result> = report.findings.iter().map(|f| result(f, &paths)).collect();
    let mut driver = sarif::ToolComponent::builder()
        .name("locdoc")
        .version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    if !INFORMATION_URI.is_empty() {
        driver.information_uri = Some(INFORMATION_URI.to_string());
    }
    let mut run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .results(results)
        .build();
    run.column_kind = Some(serde_json::json!("unicodeCodePoints"));
    let mut bases = BTreeMap::new();
    if let Ok(url) = url::Url::from_directory_path(&base) {
        bases.insert(
            BASE_ID.to_string(),
            sarif::ArtifactLocation::builder().uri(url.to_string()).build(),
        );
        run.original_uri_base_ids = Some(bases);
    }
    // The category code scanning files the results under.
    run.automation_details = Some(sarif::RunAutomationDetails::builder().id("locdoc/").build());
    let log = sarif::Sarif::builder()
        .schema("https://json.schemastore.org/sarif-2.1.0.json")
        .version(serde_json::json!("2.1.0"))
        .runs(vec![run])
        .build();
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

fn text(s: &str) -> sarif::MultiformatMessageString {
    sarif::MultiformatMessageString::builder().text(s).build()
}

fn descriptor(r: Rule) -> sarif::ReportingDescriptor {
    let help = sarif::MultiformatMessageString::builder()
        .text(r.help())
        .markdown(format!(
            "{}\n\n{}\n\nRule `{}`, default severity: {}.",
            r.help(),
            r.full_description(),
            r.code(),
            r.default_severity().as_str()
        ))
        .build();
    sarif::ReportingDescriptor::builder()
        .id(r.code())
        .name(r.name())
        .short_description(text(r.description()))
        .full_description(text(r.full_description()))
        .help(help)
        .default_configuration(
            sarif::ReportingConfiguration::builder()
                .level(serde_json::to_value(level(r.default_severity())).unwrap_or_default())
                .build(),
        )
        .build()
}

fn level(s: Severity) -> sarif::ResultLevel {
    match s {
        Severity::Error => sarif::ResultLevel::Error,
        Severity::Warning => sarif::ResultLevel::Warning,
        Severity::Note => sarif::ResultLevel::Note,
    }
}

/// Turns the paths findings show into artifact locations.
struct Paths<'a> {
    site_root: &'a Path,
    base: &'a Path,
}

impl Paths<'_> {
    /// The URI of a file as shown, and the base it is relative to.
    fn uri(&self, shown: &str) -> (String, Option<&'static str>) {
        let abs = shown_to_absolute(self.site_root, shown);
        match abs.strip_prefix(self.base) {
            Ok(rel) => {
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                (uri_escape(&rel.join("/")), Some(BASE_ID))
            }
            Err(_) => match url::Url::from_file_path(&abs) {
                Ok(u) => (u.to_string(), None),
                Err(()) => (uri_escape(shown), None),
            },
        }
    }

    fn location(&self, l: &Location, message: Option<&str>) -> sarif::Location {
        let mut region = sarif::Region::builder()
            .start_line(l.line as i64)
            .start_column(l.column as i64)
            .build();
        if l.len > 0 {
            region.end_column = Some((l.column + l.len) as i64);
        }
        let (uri, base) = self.uri(&l.file);
        let mut artifact = sarif::ArtifactLocation::builder().uri(uri).build();
        artifact.uri_base_id = base.map(str::to_string);
        let physical = sarif::PhysicalLocation::builder()
            .artifact_location(artifact)
            .region(region)
            .build();
        let mut loc = sarif::Location::builder().physical_location(physical).build();
        if let Some(m) = message {
            loc.message = Some(sarif::Message::builder().text(m).build());
        }
        loc
    }
}

fn result(f: &Finding, paths: &Paths) -> sarif::Result {
    let mut text = f.diag.message.clone();
    if let Some(h) = &f.diag.help {
        text.push_str("\nhelp: ");
        text.push_str(h);
    }
    let mut r = sarif::Result::builder()
        .message(sarif::Message::builder().text(text).build())
        .rule_id(f.rule.code())
        .rule_index(Rule::ALL.iter().position(|r| *r == f.rule).unwrap_or(0) as i64)
        .level(level(f.severity()))
        .build();
    let mut file = String::new();
    if let Some(l) = &f.diag.location {
        file = paths.uri(&l.file).0;
        r.locations = Some(vec![paths.location(l, None)]);
    }
    if let Some(rel) = &f.related {
        r.related_locations = Some(vec![paths.location(rel, Some("English source"))]);
    }
    // Survives renumbering: rule, file (as code scanning sees it) and
    // English text.
    let mut fp = BTreeMap::new();
    fp.insert(
        "locdoc/v1".to_string(),
        format!(
            "{}:{}:{}",
            f.rule.code(),
            file,
            f.english.as_deref().unwrap_or(&f.diag.message)
        ),
    );
    r.partial_fingerprints = Some(fp);
    let mut props = BTreeMap::new();
    props.insert("locale".to_string(), serde_json::json!(f.locale));
    if let Some(id) = &f.segment_id {
        props.insert("segmentId".to_string(), serde_json::json!(id));
    }
    r.properties = Some(sarif::PropertyBag::builder().additional_properties(props).build());
    r
}

/// A relative path as a URI reference (spaces and other specials escaped).
fn uri_escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_escaping_keeps_paths_readable() {
        assert_eq!(uri_escape("content/cs-CZ/a b.md"), "content/cs-CZ/a%20b.md");
        assert_eq!(uri_escape("čeština.md"), "%C4%8De%C5%A1tina.md");
    }

    #[test]
    fn the_sarif_root_is_the_repository_above_the_site_else_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("repo/docs/site");
        std::fs::create_dir_all(&site).unwrap();
        assert_eq!(sarif_root(&site), absolute(&site));
        // A worktree or submodule has a `.git` file, a clone a folder.
        std::fs::write(dir.path().join("repo/.git"), "gitdir: elsewhere\n").unwrap();
        assert_eq!(sarif_root(&site), absolute(&dir.path().join("repo")));
    }

    #[test]
    fn paths_are_relative_to_the_base_and_outside_it_absolute() {
        let dir = tempfile::tempdir().unwrap();
        let root = absolute(dir.path());
        let paths = Paths {
            site_root: &root.join("site"),
            base: &root,
        };
        let shown = root.join("site/content/cs-CZ/a b.md");
        assert_eq!(
            paths.uri(&shown.to_string_lossy()),
            ("site/content/cs-CZ/a%20b.md".to_string(), Some(BASE_ID))
        );
        let (uri, base) = paths.uri("/elsewhere/content/x.md");
        assert_eq!((uri.as_str(), base), ("file:///elsewhere/content/x.md", None));
    }
}
