//! Fuzz target `csv_servicenow_incidents`: see `entries::csv_servicenow_incidents` in fuzz/entries.rs.
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::run(entries::csv_servicenow_incidents, data));
