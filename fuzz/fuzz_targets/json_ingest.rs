//! Fuzz target `json_ingest`: see `entries::json_ingest` in fuzz/entries.rs.
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::run(entries::json_ingest, data));
