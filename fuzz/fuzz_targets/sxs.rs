//! Fuzz target: the sxs scanner (locdoc::segment::sxs::parse) over any page body.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz/drivers.rs"]
mod drivers;

fuzz_target!(|data: &[u8]| drivers::sxs(data).check());
