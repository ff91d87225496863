//! The claim grammar on arbitrary text: no panic, every span valid.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    invariants::claims(&String::from_utf8_lossy(data));
});
