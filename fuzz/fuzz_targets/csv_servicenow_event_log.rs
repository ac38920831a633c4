//! Fuzz target `csv_servicenow_event_log`: see `entries::csv_servicenow_event_log` in fuzz/entries.rs.
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::run(entries::csv_servicenow_event_log, data));
