//! Fuzz target: the aligner: an English page and a locale page, separated by a NUL byte.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz/drivers.rs"]
mod drivers;

fuzz_target!(|data: &[u8]| drivers::align(data).check());
