//! The `locdoc` command: a thin layer over the library (see `cli`).

mod cli;

// Builds allocate many small strings on every core; mimalloc keeps that
// cheap (measured in BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
