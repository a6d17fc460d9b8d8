//! Running cases: catching panics, holding each case to its budgets,
//! minimising and saving failures, and reporting what ran.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Once;
use std::time::{Duration, Instant};

use fastrand::Rng;

use crate::alloc::Meter;
use crate::drivers::{self, Driver, TARGETS, Work};
use crate::mutate::{self, FRAGMENTS, Seed};

/// Most bytes a case may hold at once per input byte, on top of
/// [`MEM_BASE`]. Parsing holds a few copies of the page plus events and
/// output; 500 MB for a 10 MB page (issue 11) is 50 per byte.
const MEM_PER_BYTE: usize = 50;
const MEM_BASE: usize = 16 << 20;
/// All bytes a case may allocate per input byte, on top of
/// [`ALLOC_BASE`]: a measure of work. Copying a line per diagnostic, or a
/// page per segment, grows with the square of the input and shows here.
const ALLOC_PER_BYTE: usize = 400;
const ALLOC_BASE: usize = 64 << 20;

/// Cases to run: `LOCDOC_FUZZ_CASES`, else `default`.
pub fn cases(default: usize) -> usize {
    std::env::var("LOCDOC_FUZZ_CASES")
        .ok()
        .map(|s| s.parse().expect("LOCDOC_FUZZ_CASES is a number"))
        .unwrap_or(default)
}

/// The run's seed: `LOCDOC_FUZZ_SEED`, else a fixed one (runs repeat).
pub fn seed() -> u64 {
    std::env::var("LOCDOC_FUZZ_SEED")
        .ok()
        .map(|s| s.parse().expect("LOCDOC_FUZZ_SEED is a number"))
        .unwrap_or(0x10cd_0c11)
}

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Panics inside a case are recorded, not printed; every other panic (a
/// failing assertion of the test itself) is printed as usual.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) {
                let loc = info.location().map(|l| format!("{}:{}", l.file(), l.line()));
                let msg = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                LAST_PANIC.with(|p| *p.borrow_mut() = format!("{} at {}", msg, loc.unwrap_or_default()));
            } else {
                default(info);
            }
        }));
    });
}

/// What went wrong with a case.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    Panic(String),
    /// Script from the translation in the rendered HTML.
    Injection(Vec<String>),
    Budget(&'static str, usize),
    Memory(usize),
    Allocated(usize),
}

impl Failure {
    /// Same failure, for minimising: the same panic site, or the same
    /// kind of overrun.
    fn same_kind(&self, other: &Failure) -> bool {
        match (self, other) {
            (Failure::Panic(a), Failure::Panic(b)) => a.rsplit(" at ").next() == b.rsplit(" at ").next(),
            (Failure::Budget(a, _), Failure::Budget(b, _)) => a == b,
            _ => std::mem::discriminant(self) == std::mem::discriminant(other),
        }
    }
}

/// The result of one case.
pub struct Outcome {
    pub work: Option<Work>,
    pub time: Duration,
    pub peak: usize,
    pub allocated: usize,
    pub failure: Option<Failure>,
}

/// Runs `f` on `data` and checks it.
pub fn exec(f: Driver, data: &[u8]) -> Outcome {
    install_panic_hook();
    QUIET.with(|q| q.set(true));
    let meter = Meter::start();
    let t = Instant::now();
    let r = catch_unwind(AssertUnwindSafe(|| f(data)));
    let time = t.elapsed();
    let (peak, allocated) = (meter.peak(), meter.total());
    QUIET.with(|q| q.set(false));
    let n = data.len();
    let (work, failure) = match r {
        Err(_) => (None, Some(Failure::Panic(LAST_PANIC.with(|p| p.borrow().clone())))),
        Ok(w) => {
            let failure = if !w.injected.is_empty() {
                Some(Failure::Injection(w.injected.clone()))
            } else if let Some((m, v)) = w.over_budget() {
                Some(Failure::Budget(m, v))
            } else if peak > n * MEM_PER_BYTE + MEM_BASE {
                Some(Failure::Memory(peak))
            } else if allocated > n * ALLOC_PER_BYTE + ALLOC_BASE {
                Some(Failure::Allocated(allocated))
            } else {
                None
            };
            (Some(w), failure)
        }
    };
    Outcome {
        work,
        time,
        peak,
        allocated,
        failure,
    }
}

/// Removes pieces of `data` while `f` still fails the same way.
pub fn minimise(f: Driver, data: &[u8], failure: &Failure) -> Vec<u8> {
    let mut cur = data.to_vec();
    let mut chunk = cur.len().div_ceil(2).max(1);
    let mut tries = 0;
    while chunk >= 1 && tries < 20_000 {
        let mut i = 0;
        let mut shrunk = false;
        while i < cur.len() && tries < 20_000 {
            let mut cand = cur.clone();
            cand.drain(i..(i + chunk).min(cur.len()));
            tries += 1;
            match exec(f, &cand).failure {
                Some(f2) if f2.same_kind(failure) => {
                    cur = cand;
                    shrunk = true;
                }
                _ => i += chunk,
            }
        }
        if !shrunk {
            if chunk == 1 {
                break;
            }
            chunk /= 2;
        }
    }
    cur
}

/// Per target: cases run, input bytes, the highest ratios to the input
/// size, the slowest cases and the failures.
#[derive(Default)]
struct Stats {
    cases: usize,
    bytes: usize,
    largest: usize,
    time: Duration,
    /// measure → (highest value per input byte, case).
    ratios: BTreeMap<&'static str, (f64, usize)>,
    peak_ratio: (f64, usize),
    alloc_ratio: (f64, usize),
    /// (µs per KiB, case, input bytes), slowest first.
    slowest: Vec<(f64, usize, usize)>,
}

fn raise(slot: &mut (f64, usize), value: f64, case: usize) {
    if value > slot.0 {
        *slot = (value, case);
    }
}

/// What a run found.
pub struct Summary {
    pub report: String,
    pub failures: Vec<String>,
}

impl Summary {
    /// Prints the report and fails on any failure.
    pub fn assert_clean(self) {
        println!("{}", self.report);
        assert!(
            self.failures.is_empty(),
            "{} failing case(s):\n{}",
            self.failures.len(),
            self.failures.join("\n")
        );
    }
}

fn failure_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz-failures")
}

/// Saves the minimised input of a failure and says how to replay it.
fn record(target: &str, case: Option<usize>, f: Driver, data: &[u8], failure: &Failure) -> String {
    let min = minimise(f, data, failure);
    let dir = failure_dir();
    let _ = std::fs::create_dir_all(&dir);
    let name = match case {
        Some(c) => format!("{target}-{c}"),
        None => format!("{target}-growth-{}", min.len()),
    };
    let path = dir.join(format!("{name}.bin"));
    let _ = std::fs::write(&path, &min);
    let replay = case.map_or(String::new(), |c| {
        format!("; replay: LOCDOC_FUZZ_SEED={} LOCDOC_FUZZ_CASE={c}", seed())
    });
    let shown: String = String::from_utf8_lossy(&min).chars().take(300).collect();
    format!(
        "{target}: {failure:?}; {} bytes, minimised to {} in {}{replay}\n    {shown:?}",
        data.len(),
        min.len(),
        path.display()
    )
}

/// Runs `cases` mutated cases over `seeds`, the four targets in turn.
pub fn fuzz(label: &str, seeds: &[Seed], cases: usize, seed: u64) -> Summary {
    // Build the renderer's site before measuring anything.
    let _ = drivers::markdown(b"");
    let only: Option<usize> = std::env::var("LOCDOC_FUZZ_CASE").ok().and_then(|s| s.parse().ok());
    let mut stats: BTreeMap<&str, Stats> = BTreeMap::new();
    let mut failures = Vec::new();
    let started = Instant::now();
    let range = match only {
        Some(c) => c..c + 1,
        None => 0..cases,
    };
    for case in range {
        let (name, f) = TARGETS[case % TARGETS.len()];
        let mut rng = Rng::with_seed(seed ^ (case as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let data = mutate::input(&mut rng, name, seeds);
        let out = exec(f, &data);
        let s = stats.entry(name).or_default();
        let n = data.len().max(1) as f64;
        s.cases += 1;
        s.bytes += data.len();
        s.largest = s.largest.max(data.len());
        s.time += out.time;
        if let Some(w) = &out.work {
            for (m, v) in &w.measures {
                raise(s.ratios.entry(m).or_default(), *v as f64 / n, case);
            }
        }
        raise(&mut s.peak_ratio, out.peak as f64 / n, case);
        raise(&mut s.alloc_ratio, out.allocated as f64 / n, case);
        if data.len() >= 1024 {
            s.slowest
                .push((out.time.as_secs_f64() * 1e6 / (n / 1024.0), case, data.len()));
            s.slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
            s.slowest.truncate(3);
        }
        if let Some(failure) = &out.failure {
            failures.push(record(name, Some(case), f, &data, failure));
        }
    }
    let mut report = format!(
        "fuzz ({label}): {} cases from {} seed pairs, seed {seed}, in {:.1} s",
        stats.values().map(|s| s.cases).sum::<usize>(),
        seeds.len(),
        started.elapsed().as_secs_f64()
    );
    // Every measure's highest ratio and the slowest cases with
    // LOCDOC_FUZZ_VERBOSE=1; else the highest output ratio only.
    let verbose = std::env::var("LOCDOC_FUZZ_VERBOSE").is_ok_and(|v| v == "1");
    for (name, s) in &stats {
        let (top, (ratio, case)) = s
            .ratios
            .iter()
            .max_by(|a, b| a.1.0.total_cmp(&b.1.0))
            .map_or(("-", (0.0, 0)), |(m, r)| (*m, *r));
        let _ = write!(
            report,
            "\n  {name}: {} cases, {:.1} MB in (largest {} B), {:.0} cases/s; output ≤ {ratio:.2}×input \
             ({top}, case {case}), peak memory ≤ {:.1}×input (case {}), allocated ≤ {:.0}×input (case {})",
            s.cases,
            s.bytes as f64 / 1e6,
            s.largest,
            s.cases as f64 / s.time.as_secs_f64().max(1e-9),
            s.peak_ratio.0,
            s.peak_ratio.1,
            s.alloc_ratio.0,
            s.alloc_ratio.1
        );
        if !verbose {
            continue;
        }
        for (m, (r, case)) in &s.ratios {
            let _ = write!(report, "\n    {m}: ≤ {r:.2}×input (case {case})");
        }
        for (us, case, len) in &s.slowest {
            let _ = write!(
                report,
                "\n    slow (reported only): {us:.0} µs/KiB, case {case}, {len} B"
            );
        }
    }
    let _ = write!(report, "\n  failures: {}", failures.len());
    Summary { report, failures }
}

/// A page with `fragment` repeated `times` times inserted in its middle line.
fn with_repeat(page: &str, fragment: &str, times: usize) -> Vec<u8> {
    let mid = page.len() / 2;
    let at = page[mid..].find('\n').map_or(page.len(), |i| mid + i);
    let mut s = String::with_capacity(page.len() + fragment.len() * times);
    s.push_str(&page[..at]);
    for _ in 0..times {
        s.push_str(fragment);
    }
    s.push_str(&page[at..]);
    s.into_bytes()
}

/// Growth from 1× to 4× of each measure above the page without the
/// repeated fragment: 4 when linear, 16 when quadratic; a vector that
/// doubles its capacity can make a linear measure look up to 8.
const GROWTH_LIMIT: f64 = 9.0;

/// Growth below this is noise, not a finding: bytes, and items.
fn growth_floor(measure: &str) -> usize {
    if measure.ends_with("bytes") || measure.ends_with("memory") {
        256 * 1024
    } else {
        1000
    }
}

/// The measures of a case that must grow linearly: the work's own, the
/// memory and the allocations.
fn growth_measures(out: &Outcome) -> Vec<(&'static str, usize)> {
    let w = out.work.as_ref().expect("a case without failure");
    let mut v = w.measures.clone();
    v.push(("peak memory", out.peak));
    v.push(("allocated bytes", out.allocated));
    v
}

/// Which fragments the growth test repeats in `target`: all of them, but
/// only every fourth in the (slow) renderer unless `LOCDOC_FUZZ_GROWTH=all`.
fn growth_fragments(target: &str) -> Vec<&'static str> {
    let all = std::env::var("LOCDOC_FUZZ_GROWTH").is_ok_and(|v| v == "all");
    let step = if target == "markdown" && !all { 4 } else { 1 };
    FRAGMENTS.iter().step_by(step).copied().collect()
}

/// Makes a fuzz input with a fragment repeated so many times.
type PageMaker<'a> = Box<dyn Fn(&str, usize) -> Vec<u8> + 'a>;

/// Every fragment, repeated on one line and one per line, at two sizes, in
/// every target (English and locale page for the two-page ones): each
/// measure, the memory and the allocations must grow linearly. Times are
/// reported when they grow faster, not asserted.
pub fn growth(seed: &Seed) -> Summary {
    let _ = drivers::markdown(b"");
    let en = String::from_utf8_lossy(&seed.en).into_owned();
    let tr = String::from_utf8_lossy(&seed.tr).into_owned();
    let mut report = String::from("growth of repeated fragments (1× → 4×, linear is 4):");
    let mut failures = Vec::new();
    let mut runs = 0;
    let started = Instant::now();
    for (name, f) in TARGETS {
        let pages: Vec<(&str, PageMaker)> = match name {
            "sxs" | "front_matter" => vec![("locale page", Box::new(|p, k| with_repeat(&tr, p, k)))],
            _ => vec![
                (
                    "locale page",
                    Box::new(|p, k| drivers::join_pages(&seed.en, &with_repeat(&tr, p, k))),
                ),
                (
                    "English page",
                    Box::new(|p, k| drivers::join_pages(&with_repeat(&en, p, k), &seed.tr)),
                ),
            ],
        };
        for (page, make) in &pages {
            let base = exec(f, &make("", 0));
            runs += 1;
            assert!(base.failure.is_none(), "{name} fails on its seed: {:?}", base.failure);
            let m0 = growth_measures(&base);
            for frag in growth_fragments(name) {
                for (shape, piece) in [("on one line", frag.to_string()), ("one per line", format!("{frag}\n"))] {
                    let what = format!("{name}, {page}, {frag:?} {shape}");
                    let times = 2048 / piece.len() + 1;
                    let outs: Vec<(Vec<u8>, Outcome)> = [times, 4 * times]
                        .into_iter()
                        .map(|k| {
                            let data = make(&piece, k);
                            let out = exec(f, &data);
                            (data, out)
                        })
                        .collect();
                    runs += 2;
                    if let Some((data, out)) = outs.iter().find(|(_, o)| o.failure.is_some()) {
                        let failure = out.failure.clone().expect("found above");
                        failures.push(format!("{what}: {}", record(name, None, f, data, &failure)));
                        continue;
                    }
                    let (m1, m4) = (growth_measures(&outs[0].1), growth_measures(&outs[1].1));
                    for ((m, v0), ((_, v1), (_, v4))) in m0.iter().zip(m1.iter().zip(&m4)) {
                        let (d1, d4) = (v1.saturating_sub(*v0), v4.saturating_sub(*v0));
                        if d4 > growth_floor(m) && d4 as f64 > GROWTH_LIMIT * d1.max(1) as f64 {
                            failures.push(format!(
                                "{what}: {m} grew {:.1}× ({v0} → {v1} → {v4}) for 4× the input (linear: 4×)",
                                d4 as f64 / d1.max(1) as f64,
                            ));
                        }
                    }
                    let (t1, t4) = (outs[0].1.time.as_secs_f64(), outs[1].1.time.as_secs_f64());
                    if t4 > 0.05 && t4 > GROWTH_LIMIT * t1 {
                        let _ = write!(
                            report,
                            "\n  slow growth (time, reported only): {what}: {:.1}× ({:.1} → {:.1} ms)",
                            t4 / t1,
                            t1 * 1e3,
                            t4 * 1e3
                        );
                    }
                }
            }
        }
    }
    let _ = write!(
        report,
        "\n  {runs} runs of {} fragments in {} targets, {:.1} s",
        FRAGMENTS.len(),
        TARGETS.len(),
        started.elapsed().as_secs_f64()
    );
    Summary { report, failures }
}
