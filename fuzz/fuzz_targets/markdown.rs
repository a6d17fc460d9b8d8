//! Fuzz target: the renderer: an English page and a locale page (separated by a NUL byte) rendered
//! as the English page, the translation aligned on it, and the translation alone.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz/drivers.rs"]
mod drivers;

fuzz_target!(|data: &[u8]| drivers::markdown(data).check());
