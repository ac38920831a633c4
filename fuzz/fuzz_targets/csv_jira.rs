//! Fuzz target `csv_jira`: see `entries::csv_jira` in fuzz/entries.rs.
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::run(entries::csv_jira, data));
