//! Fuzz target `scorecard`: see `entries::scorecard` in fuzz/entries.rs.
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::run(entries::scorecard, data));
