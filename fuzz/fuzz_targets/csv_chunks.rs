//! Fuzz target `csv_chunks`: see `entries::csv_chunks` in fuzz/entries.rs.
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::run(entries::csv_chunks, data));
