//! Cases the fuzzing found, kept as tests: each input is built here and
//! must run without a panic and within linear work (growth from 1× to 4×
//! of the input measured by allocations and output, never by a clock).

use crate::drivers::{self, Driver};
use crate::run::{Outcome, exec};

/// Runs `make(n)` and `make(4 * n)` through `driver`: no failure, and
/// every measure (with memory and allocations) at most `limit` times
/// larger for the larger input.
fn grows_linearly(driver: Driver, make: impl Fn(usize) -> Vec<u8>, n: usize, limit: f64) {
    let outs: Vec<Outcome> = [n, 4 * n].iter().map(|&k| exec(driver, &make(k))).collect();
    for o in &outs {
        assert!(o.failure.is_none(), "{:?}", o.failure);
    }
    let measures = |o: &Outcome| {
        let w = o.work.as_ref().expect("no failure");
        let mut v = w.measures.clone();
        v.push(("allocated bytes", o.allocated));
        v.push(("peak memory", o.peak));
        v
    };
    for ((m, a), (_, b)) in measures(&outs[0]).into_iter().zip(measures(&outs[1])) {
        assert!(
            b as f64 <= limit * a.max(1) as f64 + 4096.0,
            "{m}: {a} → {b} for 4× the input (limit {limit}×)"
        );
    }
}

/// An English page of `n` paragraphs and a translation made before every
/// one of them changed: no segment finds its text.
fn all_stale(n: usize) -> Vec<u8> {
    let mut en = String::from("---\ntitle: x\n---\n# Title\n\n");
    let mut tr = en.clone();
    for k in 0..n {
        en.push_str(&format!("Paragraph {k} says alpha beta gamma delta epsilon.\n\n"));
        tr.push_str(&format!(
            "<span data-ttu-id=\"abcde-{0}\">Odstavec {k}.</span><span class=\"sxs-lookup\"><span \
             data-stu-id=\"abcde-{0}\">Paragraph {k} says alpha beta gamma delta zeta.</span></span>\n\n",
            k + 2
        ));
    }
    drivers::join_pages(en.as_bytes(), tr.as_bytes())
}

#[test]
fn a_translation_whose_every_sentence_changed_aligns_in_linear_work() {
    // Found by the harness: each unplaced segment was compared (a word
    // diff) with every uncovered sentence between its placed neighbours,
    // 38 s for 4,000 paragraphs (0.9 MB); fixed in 07dd62f (a band).
    grows_linearly(drivers::align, all_stale, 300, 6.0);
}
