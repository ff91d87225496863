//! `--fix` round trips: the first byte picks text, Markdown or HTML; a fix
//! never changes bytes outside its finding or markup, and settles.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

use reportlint::input::InputFormat;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let format = match first % 3 {
        0 => InputFormat::Text,
        1 => InputFormat::Markdown,
        _ => InputFormat::Html,
    };
    invariants::fix_round_trip(&String::from_utf8_lossy(rest), format);
});
