//! The crate's modules form the ladder written in `src/lib.rs`: each uses
//! only the modules above it. This test reads the ladder from the doc
//! comment and every `crate::` path in `src/`, and fails on one that climbs.

use std::collections::BTreeMap;
use std::path::Path;

/// The modules of the ladder, top (used by all) first, from the numbered
/// list in `lib.rs`'s doc comment.
fn ladder(lib: &str) -> Vec<String> {
    lib.lines()
        .filter_map(|l| l.strip_prefix("//!"))
        .filter_map(|l| {
            let l = l.trim_start();
            let (num, rest) = l.split_once(". ")?;
            num.parse::<usize>().ok()?;
            let name = rest.strip_prefix("[`")?.split('`').next()?;
            Some(name.to_string())
        })
        .collect()
}

/// The module a file of `src/` belongs to: `render/review.rs` → `render`.
fn module_of(rel: &str) -> &str {
    rel.split('/').next().unwrap_or(rel).trim_end_matches(".rs")
}

/// The top-level modules a file names as `crate::x`, outside comments.
fn uses(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + "crate::".len()..];
            let name: String = after.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                out.push((name, n + 1));
            }
            rest = after;
        }
    }
    out
}

#[test]
fn every_module_uses_only_the_modules_above_it_in_lib_rs() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let ladder = ladder(&lib);
    assert!(ladder.len() >= 10, "the ladder in lib.rs: {ladder:?}");
    let rank: BTreeMap<&str, usize> = ladder.iter().enumerate().map(|(i, m)| (m.as_str(), i)).collect();

    // Every module of the crate is on the ladder.
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';'))
        .collect();
    for m in &declared {
        assert!(rank.contains_key(m), "module `{m}` is not on the ladder in lib.rs");
    }
    assert_eq!(
        declared.len(),
        ladder.len(),
        "the ladder lists a module lib.rs does not declare"
    );

    let mut climbs = Vec::new();
    let mut files = 0;
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        // The binary (main.rs, cli.rs and cli/) sits on top of the library.
        if !rel.ends_with(".rs") || ["lib.rs", "main.rs", "cli.rs"].contains(&rel.as_str()) || rel.starts_with("cli/") {
            continue;
        }
        files += 1;
        let module = module_of(&rel);
        let Some(&mine) = rank.get(module) else {
            panic!("{rel} belongs to `{module}`, which is not on the ladder");
        };
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (used, line) in uses(&text) {
            match rank.get(used.as_str()) {
                Some(&theirs) if theirs > mine => {
                    climbs.push(format!("src/{rel}:{line}: `{module}` uses `{used}`, which is below it"))
                }
                Some(_) => {}
                None => climbs.push(format!(
                    "src/{rel}:{line}: `crate::{used}` is not a module on the ladder"
                )),
            }
        }
    }
    assert!(files > 30, "read {files} files");
    assert!(
        climbs.is_empty(),
        "imports that climb the ladder:\n{}",
        climbs.join("\n")
    );
}

#[test]
fn the_check_finds_a_climbing_import() {
    // The checker itself: a `use crate::build` in `diag` would be caught.
    assert_eq!(
        uses("use crate::build::Sink; // crate::x\n"),
        vec![("build".to_string(), 1)]
    );
    assert_eq!(module_of("render/review.rs"), "render");
    assert_eq!(module_of("site.rs"), "site");
    let lib = "//! 1. [`diag`] — errors\n//! 2. [`config`] — site.toml\n//!    continued\n";
    assert_eq!(ladder(lib), ["diag", "config"]);
}
