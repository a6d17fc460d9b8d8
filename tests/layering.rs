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

/// The top-level modules a file names as `crate::x`, outside comments,
/// with their lines; a group (`crate::{a::X, b}`, over several lines too)
/// names each of its items.
fn uses(text: &str) -> Vec<(String, usize)> {
    // The code without comments, and the line each byte is on.
    let mut code = String::new();
    let mut line_of = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let part = line.split("//").next().unwrap_or("");
        code.push_str(part);
        code.push('\n');
        line_of.extend(std::iter::repeat_n(n + 1, part.len() + 1));
    }
    let b = code.as_bytes();
    let ident = |from: usize| -> (String, usize) {
        let mut i = from;
        while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
            i += 1;
        }
        let start = i;
        while b.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_') {
            i += 1;
        }
        (code[start..i].to_string(), start)
    };
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = code[at..].find("crate::") {
        let after = at + i + "crate::".len();
        at = after;
        if b.get(after) != Some(&b'{') {
            let (name, start) = ident(after);
            if !name.is_empty() {
                out.push((name, line_of[start]));
            }
            continue;
        }
        // A group: the first name of each item at its top level.
        let mut depth = 0;
        let mut item_start = true;
        for (k, &c) in b.iter().enumerate().skip(after) {
            match c {
                b'{' => {
                    depth += 1;
                    if depth == 1 {
                        item_start = true;
                        continue;
                    }
                }
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        at = k;
                        break;
                    }
                }
                b',' if depth == 1 => {
                    item_start = true;
                    continue;
                }
                _ => {}
            }
            if item_start && depth == 1 && !c.is_ascii_whitespace() {
                item_start = false;
                let (name, start) = ident(k);
                if !name.is_empty() && name != "self" {
                    out.push((name, line_of[start]));
                }
            }
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
    // Groups name each item, over lines too; nested groups count once.
    assert_eq!(
        uses("use crate::{\n    build::{Sink, X},\n    serve, // crate::y\n};\nlet a = crate::shard::f();\n"),
        vec![
            ("build".to_string(), 2),
            ("serve".to_string(), 3),
            ("shard".to_string(), 5)
        ]
    );
    assert_eq!(module_of("render/review.rs"), "render");
    assert_eq!(module_of("site.rs"), "site");
    let lib = "//! 1. [`diag`] — errors\n//! 2. [`config`] — site.toml\n//!    continued\n";
    assert_eq!(ladder(lib), ["diag", "config"]);
}

#[test]
fn every_source_and_test_file_stays_under_600_lines() {
    // The README's promise: a file a reader can hold in their head.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut long = Vec::new();
    for dir in ["src", "tests", "benches", "examples"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().filter_map(Result::ok) {
            if entry.path().extension().is_some_and(|e| e == "rs") {
                let lines = std::fs::read_to_string(entry.path()).unwrap().lines().count();
                if lines > 600 {
                    long.push(format!("{}: {lines} lines", entry.path().display()));
                }
            }
        }
    }
    assert!(long.is_empty(), "files over 600 lines:\n{}", long.join("\n"));
}
