//! The stable fuzz harness (issue 11): a seeded, deterministic mutation loop
//! over real pages driving the four fuzzed stages (sxs scanner, front-matter
//! reader, aligner, Markdown renderer) — the same entry points as the
//! cargo-fuzz targets in `fuzz/`.
//!
//! Every case must return without a panic, and stay within a linear budget
//! of its input size, counted, not timed: what it produced (diagnostics,
//! segments, HTML bytes), the most memory it held, and all it allocated.
//! Times are reported, never asserted.
//!
//! - `LOCDOC_FUZZ_CASES=N`: cases per run (defaults are small, for CI);
//! - `LOCDOC_FUZZ_SEED=S`: another sequence of cases;
//! - `LOCDOC_FUZZ_CASE=I`: only case `I` (to replay a failure);
//! - `LOCDOC_FUZZ_VERBOSE=1`: every measure's highest ratio to the input,
//!   and the slowest cases (times are reported, never asserted);
//! - `LOCDOC_FUZZ_GROWTH=all`: the growth test repeats every fragment in
//!   the renderer too (by default every fourth, as it is slow in debug).
//!
//! The big runs: `cargo test --release --test fuzz -- --include-ignored --nocapture`.

mod alloc;
mod drivers;
mod mutate;
mod regressions;
mod run;

use std::path::PathBuf;

use mutate::Seed;

#[global_allocator]
static ALLOC: alloc::Counting = alloc::Counting;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A translated page and its source, written here so the always-on run
/// needs nothing outside the test.
const BUILT_IN_EN: &str = "---\ntitle: 131 - BufferPoolAllocation\nms.date: 03/30/2017\n---\n\
# 131 - BufferPoolAllocation\n\nBufferPoolAllocation\n\n## Properties\n\n|||\n|-|-|\n|ID|131|\n\
|Keywords|Infrastructure|\n\n## Description\n\nThis event is emitted when the BufferPool allocates \
memory for buffers. See [the overview](other.md#x) and <xref:System.String>.\n\n> [!NOTE]\n> Use \
`Pool` with care.\n\n## Message\n\nPool allocating %1 Bytes.\n";

const BUILT_IN_TR: &str = "---\ntitle: 131 - BufferPoolAllocation\nms.translationtype: MT\n\
ms.contentlocale: cs-CZ\n---\n# <a name=\"131\"></a><span data-ttu-id=\"1f171-102\">131 - \
BufferPoolAllocation</span><span class=\"sxs-lookup\"><span data-stu-id=\"1f171-102\">131 - \
BufferPoolAllocation</span></span>\n\n## <span data-ttu-id=\"1f171-104\">Vlastnosti</span><span \
class=\"sxs-lookup\"><span data-stu-id=\"1f171-104\">Properties</span></span>  \n\n|||\n|-|-|\n\
|<span data-ttu-id=\"1f171-105\">ID</span><span class=\"sxs-lookup\"><span data-stu-id=\"1f171-105\">\
ID</span></span>|131|\n\n## <span data-ttu-id=\"1f171-113\">Popis</span><span class=\"sxs-lookup\">\
<span data-stu-id=\"1f171-113\">Description</span></span>\n <span data-ttu-id=\"1f171-114\">Tato \
událost\u{a0}je vygenerována. Viz [přehled](other.md#x) a <xref:System.String>.</span><span \
class=\"sxs-lookup\"><span data-stu-id=\"1f171-114\">This event is emitted when the BufferPool \
allocates memory for buffers. See [the overview](other.md#x) and <xref:System.String>.</span></span>\n\n\
> [!NOTE]\n> <span data-ttu-id=\"1f171-115\">Používejte `Pool` opatrně.</span><span \
class=\"sxs-lookup\"><span data-stu-id=\"1f171-115\">Use `Pool` with care.</span></span>\n";

fn built_in_seeds() -> Vec<Seed> {
    let mut seeds = vec![Seed {
        en: BUILT_IN_EN.into(),
        tr: BUILT_IN_TR.into(),
    }];
    // The sample site of the repository: one event page in six languages.
    seeds.extend(mutate::seeds_of(&repo().join("content")));
    seeds
}

/// The shared corpus beside the repository: the ETW pages, the guides and
/// the five seed pages. Fails loudly when it is absent: the test that calls
/// this is ignored by default and only run where the corpus is.
fn corpus_seeds() -> Vec<Seed> {
    let shared = repo().join("../shared");
    let etw = shared.join("corpus/content");
    let guides = shared.join("corpus/guides/content");
    for dir in [&etw, &guides, &shared.join("seeds")] {
        assert!(
            dir.is_dir(),
            "{} is missing: this test needs ../shared beside the repository",
            dir.display()
        );
    }
    let mut seeds = mutate::seeds_of(&etw);
    seeds.extend(mutate::seeds_of(&guides));
    let en = std::fs::read(etw.join("en-US/etw/4031-dispatchsessionfailed.md")).unwrap_or_default();
    seeds.extend(mutate::loose_seeds(&shared.join("seeds"), &en));
    assert!(seeds.len() > 2000, "only {} corpus pages found", seeds.len());
    seeds
}

#[test]
fn built_in_pages_survive_mutation_within_linear_budgets() {
    let seeds = built_in_seeds();
    assert!(seeds.len() >= 6, "the sample site's pages are missing");
    run::fuzz("built-in", &seeds, run::cases(400), run::seed()).assert_clean();
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn corpus_pages_survive_mutation_within_linear_budgets() {
    let seeds = corpus_seeds();
    run::fuzz("corpus", &seeds, run::cases(2000), run::seed()).assert_clean();
}

#[test]
fn every_stage_grows_linearly_with_repeated_fragments() {
    run::growth(&built_in_seeds()[0]).assert_clean();
}
