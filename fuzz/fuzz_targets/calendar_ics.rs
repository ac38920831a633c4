//! Fuzz target `calendar_ics`: see `entries::calendar_ics` in fuzz/entries.rs.
#![no_main]

#[path = "../entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::run(entries::calendar_ics, data));
