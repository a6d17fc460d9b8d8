//! The `locdoc` command: a thin layer over the library (see `cli`).

mod cli;

// Builds allocate many small strings on every core; mimalloc keeps that
// cheap (measured in BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // Memory a thread frees goes back to the system at once instead of
    // after mimalloc's default of a second: a build's peak is the search index built
    // while the page renderers' freed memory was still held (30,000 pages:
    // build 532 -> 470 MB, check 265 -> 200 MB, no slower; BENCHMARKS.md).
    // SAFETY: sets an option mimalloc reads when it purges; nothing else
    // runs yet.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    cli::main()
}

/// mimalloc's `mi_option_purge_delay` (its place in mimalloc 3's
/// `mi_option_e`; libmimalloc-sys does not name it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_set_is_mimallocs_purge_delay() {
        // Its default, 1,000 ms, where its neighbours default to 1 and 0
        // (an upgrade that moves it fails here).
        let get = |o| unsafe { libmimalloc_sys::mi_option_get(o) };
        assert_eq!(get(MI_OPTION_PURGE_DELAY), 1000);
        assert_eq!(get(MI_OPTION_PURGE_DELAY - 1), 1, "deprecated_eager_commit_delay");
        assert_eq!(get(MI_OPTION_PURGE_DELAY + 1), 0, "use_numa_nodes");
    }
}
