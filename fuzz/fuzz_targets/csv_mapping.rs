//! Fuzz target `csv_mapping`: see `entries::csv_mapping` in fuzz/entries.rs.
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::run(entries::csv_mapping, data));
