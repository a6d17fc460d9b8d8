//! That every stage stays linear in its input, however hostile: each case
//! of `cases()` is checked, and built with the review view, at a size and
//! at four times it, counting the work (allocations, bytes allocated, peak
//! memory, CPU time) in the same run, never against a clock. One test in a
//! binary of its own: the allocator and CPU time count the whole process.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering::Relaxed};

use common::hostile::{seg, site};

// --- A counting allocator -------------------------------------------------

struct Counting;

static ALLOCS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);
static LIVE: AtomicI64 = AtomicI64::new(0);
static PEAK: AtomicI64 = AtomicI64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(l.size() as u64, Relaxed);
        let live = LIVE.fetch_add(l.size() as i64, Relaxed) + l.size() as i64;
        PEAK.fetch_max(live, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size() as i64, Relaxed);
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(new as u64, Relaxed);
        let live = LIVE.fetch_add(new as i64 - l.size() as i64, Relaxed) + new as i64 - l.size() as i64;
        PEAK.fetch_max(live, Relaxed);
        unsafe { System.realloc(p, l, new) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The work one call did.
#[derive(Clone, Copy, Debug)]
struct Work {
    allocs: u64,
    bytes: u64,
    /// Peak memory above what was live when the call started.
    peak: i64,
    /// CPU time of the process (all threads), in microseconds.
    cpu_us: i64,
}

fn cpu_us() -> i64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let t = |t: libc::timeval| t.tv_sec * 1_000_000 + t.tv_usec;
    t(u.ru_utime) + t(u.ru_stime)
}

fn measure(f: impl FnOnce()) -> Work {
    let (a, b, live, cpu) = (ALLOCS.load(Relaxed), BYTES.load(Relaxed), LIVE.load(Relaxed), cpu_us());
    PEAK.store(live, Relaxed);
    f();
    Work {
        allocs: ALLOCS.load(Relaxed) - a,
        bytes: BYTES.load(Relaxed) - b,
        peak: PEAK.load(Relaxed) - live,
        cpu_us: cpu_us() - cpu,
    }
}

fn check(root: &Path) {
    let site = locdoc::Site::open(root).unwrap();
    locdoc::check::check(&site, &locdoc::check::CheckOptions::default()).unwrap();
}

fn build_review(root: &Path) {
    let opts = locdoc::BuildOptions {
        root: root.to_path_buf(),
        review: true,
        no_search: true,
        ..Default::default()
    };
    if let Err(e) = locdoc::build(&opts) {
        // A refused page is a content error; that is an answer, not a hang.
        assert_eq!(e.exit_code(), 1, "{e}");
    }
}

/// A hostile page generator: English and Czech bodies for size `n`.
type Case = (&'static str, fn(usize) -> (String, String), &'static str);

fn cases() -> Vec<Case> {
    vec![
        (
            "orphans on one line",
            |n| {
                let cs: Vec<String> = (0..n)
                    .map(|i| seg(i, &format!("T{i}"), &format!("Orphan {i}")))
                    .collect();
                ("Hello.\n".into(), cs.join(" ") + "\n")
            },
            "",
        ),
        (
            "nested translation spans",
            |n| ("Hello.\n".into(), "<span data-ttu-id=\"n-1\">".repeat(n) + "\n"),
            "",
        ),
        (
            "unfinished span tags",
            |n| ("Hello.\n".into(), "<span ".repeat(n) + "\n"),
            "",
        ),
        (
            "malformed spans on one line",
            |n| {
                let unit = "<span data-ttu-id=\"a-1\">x</span><span class=\"sxs-lookup\">";
                ("Hello.\n".into(), unit.repeat(n) + "\n")
            },
            "",
        ),
        (
            "identical paragraphs, unrelated translation",
            |n| {
                (
                    "Same paragraph text here.\n\n".repeat(n),
                    seg(1, "Nesouvisí.", "Unrelated text.") + "\n",
                )
            },
            "",
        ),
        (
            "a table of identical cells",
            |n| {
                let row = format!("|{}|\n", ["cell"; 10].join("|"));
                let en = format!(
                    "|{}|\n|{}|\n{}",
                    ["h"; 10].join("|"),
                    ["-"; 10].join("|"),
                    row.repeat(n)
                );
                (en, seg(1, "Nesouvisí.", "Unrelated text.") + "\n")
            },
            "",
        ),
        (
            "a deeply nested list",
            |n| {
                let en: String = (0..n).map(|i| format!("{}- item\n", "  ".repeat(i % 40))).collect();
                (en, seg(1, "Nesouvisí.", "Unrelated text.") + "\n")
            },
            "",
        ),
        (
            "a line of backslashes",
            |n| (format!("{}\n", "\\".repeat(n * 100)), seg(1, "Ahoj.", "Hello.") + "\n"),
            "",
        ),
        (
            "a line of includes",
            |n| {
                (
                    format!("{}\n", "[!INCLUDE[x](y.md)] ".repeat(n)),
                    seg(1, "Ahoj.", "Hello.") + "\n",
                )
            },
            "",
        ),
        (
            "unrelated stale paragraphs",
            |n| {
                let en: String = (0..n)
                    .map(|i| format!("Paragraph number {i} says something here.\n\n"))
                    .collect();
                let cs: String = (0..n)
                    .map(|i| {
                        seg(
                            i,
                            &format!("Odstavec {i}."),
                            &format!("Paragraph {i} said something else there."),
                        ) + "\n\n"
                    })
                    .collect();
                (en, cs)
            },
            "",
        ),
        (
            "deeply nested HTML in a translation",
            |n| {
                (
                    "Hello.\n".into(),
                    // Over the nesting limit at every size: refused.
                    seg(1, &format!("{}x", "<div>".repeat(n + 64)), "Hello.") + "\n",
                )
            },
            "",
        ),
        (
            "sentences of one paragraph",
            |n| {
                let en: String = (0..n).map(|i| format!("Sentence {i} of many. ")).collect();
                let cs: Vec<String> = (0..n)
                    .map(|i| seg(i, &format!("Věta {i}."), &format!("Sentence {i} of many.")))
                    .collect();
                (en + "\n", cs.join(" ") + "\n")
            },
            "",
        ),
    ]
}

/// The work of `f` on the site of size `n`, the least of three runs for the
/// CPU time (other processes share the machine). `warm_up` runs it once
/// before (templates, UI strings, first-use allocations: process-wide, so
/// once per case is enough; the counts after it are exact).
fn work_at(case: &Case, n: usize, f: fn(&Path), warm_up: bool) -> Work {
    let (en, cs) = (case.1)(n);
    let dir = site(&en, &cs, case.2);
    if warm_up {
        f(dir.path());
    }
    let runs: Vec<Work> = (0..3).map(|_| measure(|| f(dir.path()))).collect();
    let mut w = runs[0];
    w.cpu_us = runs.iter().map(|r| r.cpu_us).min().unwrap_or(0);
    w
}

/// The bound of the CPU time's growth (see [`assert_linear`]).
const CPU_BOUND: f64 = 10.0;

/// Fails when the work grows faster than linearly: with the work at n/10
/// taken off (the fixed cost), the work at 4n is about 4 times the work at
/// n when it is linear and 16 times when it is quadratic; more than
/// 8 fails (10 for the CPU time, the least of three runs on a machine
/// others share; the other counts are exact).
fn assert_linear(what: &str, [fixed, small, large]: [Work; 3]) {
    // Below these increments the difference is noise (a vector doubling,
    // a scheduler tick), not work.
    let growth = |f: fn(&Work) -> f64, noise: f64| (f(&large) - f(&fixed)) / (f(&small) - f(&fixed)).max(noise);
    let r = [
        ("allocations", growth(|w| w.allocs as f64, 100.0)),
        ("bytes allocated", growth(|w| w.bytes as f64, 65536.0)),
        ("peak memory", growth(|w| w.peak as f64, 65536.0)),
        ("CPU time", growth(|w| w.cpu_us as f64, 5000.0)),
    ];
    eprintln!("{what}: {r:.1?} {:?}", [fixed, small, large].map(|w| w.cpu_us / 1000));
    for (name, x) in r {
        let bound = if name == "CPU time" { CPU_BOUND } else { 8.0 };
        assert!(
            x < bound,
            "{what}: {name} grew {x:.1}x for 4x the input (linear: 4x)\n fixed: {fixed:?}\n     n: {small:?}\n    4n: {large:?}"
        );
    }
}

/// The work of `f` at n/10, n and 4n. When the CPU time alone looks
/// worse than linear, it is measured once more and the least of both runs
/// kept: a busy machine slows single runs (the counts are exact and never
/// re-measured).
fn work_at_sizes(case: &Case, n: usize, f: fn(&Path)) -> [Work; 3] {
    let measure_all = || [n / 10, n, 4 * n].map(|k| work_at(case, k, f, k == n / 10));
    let mut w = measure_all();
    let cpu = |w: &[Work; 3]| (w[2].cpu_us - w[0].cpu_us) as f64 / ((w[1].cpu_us - w[0].cpu_us) as f64).max(5000.0);
    if cpu(&w) >= CPU_BOUND {
        let again = measure_all();
        for (w, a) in w.iter_mut().zip(again) {
            w.cpu_us = w.cpu_us.min(a.cpu_us);
        }
    }
    w
}

#[test]
fn check_and_build_costs_grow_linearly_with_hostile_input() {
    for case in cases() {
        assert_linear(&format!("check, {}", case.0), work_at_sizes(&case, 1000, check));
        let w = work_at_sizes(&case, 500, build_review);
        assert_linear(&format!("build --review, {}", case.0), w);
    }
}
