//! I/O floor with a folder per page: read every file under IN, write one output file
//! per input file under OUT as `x/index.html` for `x.md` (the layout of pretty URLs,
//! which locdoc, Hugo and Zola all write: one new folder per page), each `--out-bytes`
//! long (default: the input's own size). No parsing, no templating.
//!
//! A copy of `../shared/peer-bench/floor.rs` that differs only in the output path;
//! benches/peers.sh builds it with `rustc -O` and times it beside the original.
//!
//! Build: rustc -O -o floor_pages floor_pages.rs   (std only)
//! Usage: floor_pages IN OUT [--out-bytes N] [--threads T]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let ft = entry.file_type()?;
        if ft.is_dir() {
            walk(&entry.path(), files)?;
        } else if ft.is_file() {
            files.push(entry.path());
        }
    }
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: floor_pages IN OUT [--out-bytes N] [--threads T]");
        std::process::exit(2);
    }
    let input = PathBuf::from(&args[1]);
    let output = PathBuf::from(&args[2]);
    let mut out_bytes: Option<usize> = None;
    let mut threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mut i = 3;
    while i < args.len() {
        match args[i].as_str() {
            "--out-bytes" => {
                out_bytes = Some(args[i + 1].parse().expect("--out-bytes N"));
                i += 2;
            }
            "--threads" => {
                threads = args[i + 1].parse().expect("--threads T");
                i += 2;
            }
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    let mut files = Vec::new();
    walk(&input, &mut files).expect("walk input");
    let next = AtomicUsize::new(0);
    let written = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads.max(1) {
            s.spawn(|| {
                let mut buf = Vec::new();
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(src) = files.get(k) else { break };
                    let data = fs::read(src).expect("read input");
                    let rel = src.strip_prefix(&input).expect("prefix");
                    // One folder per page: x.md -> x/index.html.
                    let dst = output.join(rel.with_extension("")).join("index.html");
                    if let Some(parent) = dst.parent() {
                        fs::create_dir_all(parent).expect("mkdir output");
                    }
                    let n = out_bytes.unwrap_or(data.len());
                    buf.clear();
                    while buf.len() < n {
                        let take = (n - buf.len()).min(data.len().max(1));
                        if data.is_empty() {
                            buf.resize(n, b' ');
                        } else {
                            buf.extend_from_slice(&data[..take]);
                        }
                    }
                    let mut f = fs::File::create(&dst).expect("create output");
                    f.write_all(&buf).expect("write output");
                    written.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    println!("{} files", written.load(Ordering::Relaxed));
}
