//! A locale's toc.yml against the English one: its names for the English
//! entries, and where its tree differs (an entry added, dropped or moved).

use std::collections::HashMap;

use super::{Builder, Entry, Placed, key_of};
use crate::diag::{Diagnostic, Location, Rule};
use crate::site::parent_dir;

/// A locale entry, flattened.
struct Flat<'e> {
    path: Vec<usize>,
    key: Option<String>,
    parent_key: Option<String>,
    entry: &'e Entry,
}

fn flatten<'e>(
    dir: &str,
    entries: &'e [Entry],
    parent_key: Option<&str>,
    path: &mut Vec<usize>,
    out: &mut Vec<Flat<'e>>,
) {
    for (i, e) in entries.iter().enumerate() {
        path.push(i);
        let key = e.href.as_deref().and_then(|h| key_of(dir, h));
        out.push(Flat {
            path: path.clone(),
            key: key.clone(),
            parent_key: parent_key.map(str::to_string),
            entry: e,
        });
        flatten(dir, &e.items, key.as_deref(), path, out);
        path.pop();
    }
}

/// Where an entry the locale lacks belongs, relative to a locale entry.
#[derive(Clone, Copy)]
enum Place {
    After,
    FirstIn,
    Before,
}

/// The name of a locale entry for a message, else its href.
fn label(f: &Flat) -> String {
    f.entry
        .name
        .clone()
        .or_else(|| f.entry.href.clone())
        .unwrap_or_default()
}

/// The index path of an entry's parent (empty at the top).
fn parent_path(path: &[usize]) -> &[usize] {
    path.split_last().map_or(&[], |(_, up)| up)
}

/// For each English entry (of `placed`, in document order), the locale
/// entry next to which it belongs were the locale's file to lack it: its
/// nearest preceding English sibling the locale has (it goes after it),
/// else its parent (it goes first among its items), else its nearest
/// following sibling (it goes before it), else where its parent goes.
/// Linear in the entries.
fn places<'f, 'e>(
    placed: &[Placed],
    mine_of: &impl Fn(&Placed) -> Option<&'f Flat<'e>>,
) -> Vec<Option<(&'f Flat<'e>, Place)>> {
    let mine: Vec<Option<&Flat>> = placed.iter().map(mine_of).collect();
    let mut before: Vec<Option<&Flat>> = vec![None; placed.len()];
    let mut after: Vec<Option<&Flat>> = vec![None; placed.len()];
    let mut last: HashMap<&[usize], &Flat> = HashMap::new();
    for (i, p) in placed.iter().enumerate() {
        before[i] = last.get(parent_path(&p.path)).copied();
        if let Some(f) = mine[i] {
            last.insert(parent_path(&p.path), f);
        }
    }
    last.clear();
    for (i, p) in placed.iter().enumerate().rev() {
        after[i] = last.get(parent_path(&p.path)).copied();
        if let Some(f) = mine[i] {
            last.insert(parent_path(&p.path), f);
        }
    }
    let at_path: HashMap<&[usize], usize> = placed.iter().enumerate().map(|(i, p)| (p.path.as_slice(), i)).collect();
    // Parents come before their children: an entry with neither siblings
    // nor parent in the locale goes where its (missing) parent goes.
    let mut out: Vec<Option<(&Flat, Place)>> = Vec::with_capacity(placed.len());
    for (i, p) in placed.iter().enumerate() {
        let parent = at_path.get(parent_path(&p.path)).copied().filter(|&j| j < i);
        let place = before[i]
            .map(|f| (f, Place::After))
            .or_else(|| parent.and_then(|j| mine[j]).map(|f| (f, Place::FirstIn)))
            .or_else(|| after[i].map(|f| (f, Place::Before)))
            .or_else(|| parent.and_then(|j| out[j]));
        out.push(place);
    }
    out
}

/// Sets locale `l`'s names from its copy of English toc file `file`, and
/// files a finding for each difference in structure.
pub(super) fn names(b: &mut Builder, l: usize, file: &str) {
    let entries = match b.read(l, file) {
        None => return,
        Some(Err(d)) => {
            b.toc.findings.push((l, d));
            return;
        }
        Some(Ok(e)) => e,
    };
    let display = b.display(l, file);
    let english_display = b.display(0, file);
    let dir = parent_dir(file);
    let mut flat = Vec::new();
    flatten(dir, &entries, None, &mut Vec::new(), &mut flat);
    let Some(placed) = b.placed.get(file) else {
        return;
    };
    let at = |line: u32, column: u32| Location {
        file: display.clone(),
        line,
        column,
        len: 0,
    };
    let mut by_key: HashMap<&str, &Flat> = HashMap::new();
    for f in &flat {
        if let Some(k) = f.key.as_deref() {
            by_key.entry(k).or_insert(f);
        }
    }
    let by_path: HashMap<&[usize], &Flat> = flat.iter().map(|f| (f.path.as_slice(), f)).collect();
    let english_keys: HashMap<&str, usize> = placed
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.key.as_deref().map(|k| (k, i)))
        .collect();

    // The locale's copy of an English entry: the entry with its href, or
    // for an entry without one, the entry without one in its place.
    let mine_of = |p: &Placed| -> Option<&Flat> {
        match p.key.as_deref() {
            Some(k) => by_key.get(k).copied(),
            None => by_path.get(p.path.as_slice()).copied().filter(|f| f.key.is_none()),
        }
    };

    let places = places(placed, &mine_of);

    let mut findings = Vec::new();
    let mut names = Vec::new();
    for (p, place) in placed.iter().zip(places) {
        match mine_of(p) {
            Some(f) => {
                if let Some(n) = &f.entry.name {
                    names.push((p.node, n.clone()));
                }
            }
            None => {
                let Some(k) = p.key.as_deref() else { continue };
                let (en_name, _) = b.toc.name(p.node, 0);
                let (line, column, place) = match place {
                    Some((f, Place::After)) => (f.entry.line, f.entry.column, format!("after `{}`", label(f))),
                    Some((f, Place::FirstIn)) => (
                        f.entry.line,
                        f.entry.column,
                        format!("as the first item of `{}`", label(f)),
                    ),
                    Some((f, Place::Before)) => (f.entry.line, f.entry.column, format!("before `{}`", label(f))),
                    None => (1, 1, "here".to_string()),
                };
                findings.push(
                    Diagnostic::warning(
                        Rule::Toc.code(),
                        format!("the English entry `{en_name}` ({k}) is missing from this locale's toc.yml"),
                    )
                    .at(at(line, column))
                    .help(format!(
                        "add it {place}, as in {english_display}:{}:{}; until then the English name is shown",
                        p.line, p.column
                    )),
                );
            }
        }
    }
    for f in &flat {
        let Some(k) = f.key.as_deref() else { continue };
        if !english_keys.contains_key(k) {
            let name = f.entry.name.as_deref().unwrap_or("");
            findings.push(
                Diagnostic::warning(
                    Rule::Toc.code(),
                    format!("entry `{name}` ({k}) is not in the English toc.yml ({english_display})"),
                )
                .at(at(f.entry.line, f.entry.column))
                .help("remove it, or add it to the English toc.yml first; it is not shown"),
            );
        }
    }
    // Entries both have, under another parent or in another order (the
    // fewest entries that, moved, give the English order).
    let en_parent: HashMap<&str, Option<&str>> = placed
        .iter()
        .filter_map(|p| Some((p.key.as_deref()?, p.parent_key.as_deref())))
        .rev()
        .collect();
    let mut en_lists: HashMap<Option<&str>, Vec<&str>> = HashMap::new();
    let mut my_lists: HashMap<Option<&str>, Vec<&str>> = HashMap::new();
    let mut seen = std::collections::HashSet::new();
    for p in placed {
        if let Some(k) = p.key.as_deref()
            && by_key.get(k).is_some_and(|f| f.parent_key.as_deref() == en_parent[k])
            && seen.insert(k)
        {
            en_lists.entry(p.parent_key.as_deref()).or_default().push(k);
        }
    }
    for f in &flat {
        let Some(k) = f.key.as_deref() else { continue };
        if !std::ptr::eq(by_key[k], f) {
            continue;
        }
        match en_parent.get(k) {
            None => {}
            Some(&parent) if parent == f.parent_key.as_deref() => {
                my_lists.entry(parent).or_default().push(k);
            }
            Some(&parent) => findings.push(
                Diagnostic::warning(
                    Rule::Toc.code(),
                    format!(
                        "entry `{k}` is under `{}` here but under `{}` in the English toc.yml",
                        f.parent_key.as_deref().unwrap_or("(top)"),
                        parent.unwrap_or("(top)")
                    ),
                )
                .at(at(f.entry.line, f.entry.column))
                .help(format!("move it as in {english_display}")),
            ),
        }
    }
    for (parent, mine) in &my_lists {
        let en = en_lists.get(parent).map(Vec::as_slice).unwrap_or_default();
        for op in similar::capture_diff_slices(similar::Algorithm::Myers, en, mine) {
            let moved = match op {
                similar::DiffOp::Insert { new_index, new_len, .. }
                | similar::DiffOp::Replace { new_index, new_len, .. } => new_index..new_index + new_len,
                _ => continue,
            };
            for k in &mine[moved] {
                let f = by_key[k];
                findings.push(
                    Diagnostic::warning(
                        Rule::Toc.code(),
                        format!("entry `{k}` is in another place among its neighbours than in the English toc.yml"),
                    )
                    .at(at(f.entry.line, f.entry.column))
                    .help(format!("order the entries as in {english_display}")),
                );
            }
        }
    }
    for (node, name) in names {
        b.toc.nodes[node].names[l] = Some(name);
    }
    b.toc.findings.extend(findings.into_iter().map(|d| (l, d)));
}
