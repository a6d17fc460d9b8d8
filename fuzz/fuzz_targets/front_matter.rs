//! Fuzz target: the page reader (locdoc::load::parse_page): encoding, line ends, front matter.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz/drivers.rs"]
mod drivers;

fuzz_target!(|data: &[u8]| drivers::front_matter(data).check());
