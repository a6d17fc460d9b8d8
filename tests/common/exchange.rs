//! Helpers of the `export`/`import` tests: the exchange files an export
//! wrote, a translator who fills every target.

use std::path::{Path, PathBuf};

use polib::message::{MessageMutView, MessageView};

use super::stdout;

/// Every `.po`/`.xlf` file under `dir`, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "po" || e == "xlf"))
        .collect();
    out.sort();
    out
}

/// What the filling translator writes before each English text.
pub const MARK: &str = "ǂ ";

/// A translator who translates everything: every PO entry gets `ǂ ` and
/// its English, fuzzy flags go.
pub fn fill_po(path: &Path) {
    let mut catalog = polib::po_file::parse(path).unwrap();
    for mut m in catalog.messages_mut() {
        let t = format!("{MARK}{}", m.msgid());
        m.set_msgstr(t).unwrap();
        m.flags_mut().remove_flag("fuzzy");
    }
    polib::po_file::write_to_file(&catalog, path).unwrap();
}

/// ... and every XLIFF target becomes `ǂ ` and its source, inline codes
/// included, in the state `translated`.
pub fn fill_xliff(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let re = regex::Regex::new(r#"(?s)<source xml:lang="[^"]*">(.*?)</source>(\s*)<target[^>]*?(?:/>|>.*?</target>)"#)
        .unwrap();
    let out = re.replace_all(&text, |c: &regex::Captures| {
        format!(
            "<source xml:lang=\"en-US\">{}</source>{}<target state=\"translated\">{MARK}{}</target>",
            &c[1], &c[2], &c[1]
        )
    });
    std::fs::write(path, out.as_bytes()).unwrap();
}

pub fn fill(path: &Path) {
    if path.extension().is_some_and(|e| e == "po") {
        fill_po(path)
    } else {
        fill_xliff(path)
    }
}

/// The stdout of a run that must succeed.
pub fn ok(o: &std::process::Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}\n{}\n{}",
        o.status.code(),
        stdout(o),
        super::stderr(o)
    );
    stdout(o)
}

/// `head` and then the paths of `files`, as arguments.
pub fn args<'a>(head: &[&'a str], files: &'a [PathBuf]) -> Vec<&'a str> {
    let mut v = head.to_vec();
    v.extend(files.iter().map(|p| p.to_str().unwrap()));
    v
}

/// The number of units an export reports.
pub fn export_count(out: &str) -> u64 {
    out.split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{out}"))
}

/// A program on PATH; a missing one fails the (ignored) test that needs it.
pub fn tool(name: &str) -> PathBuf {
    let found = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join(name))
        .find(|p| p.is_file());
    found
        .unwrap_or_else(|| panic!("`{name}` is not installed (apt-get install gettext; pip install translate-toolkit)"))
}

/// The built HTML of every page under `dir` (`public/<locale>`), joined.
pub fn built_html(dir: &Path) -> String {
    let mut out = String::new();
    for e in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        if e.path().extension().is_some_and(|x| x == "html") {
            out.push_str(&std::fs::read_to_string(e.path()).unwrap());
        }
    }
    out
}
