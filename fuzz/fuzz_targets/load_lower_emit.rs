//! Any bytes, as YAML or JSON, through the whole pipeline: it may fail, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = generator::Options::default();
    // The same bytes under both names, so both parsers see everything.
    let _ = generator::generate_bytes("fuzz.yaml", data, &options);
    let _ = generator::generate_bytes("fuzz.json", data, &options);
});
