//! The whole `check` pipeline on arbitrary bytes: the first byte picks the
//! input format (text, Markdown, HTML, DOCX, or detected); the rest is the
//! file. Loading, rules, suppressions, baseline write/read, --diff and every
//! output format, with their invariants.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    invariants::check_bytes("fuzz.txt", rest, invariants::format_of(first));
});
