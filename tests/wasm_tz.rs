//! Time zones in a real browser: offsets read from `Intl.DateTimeFormat`'s
//! formatted wall-clock text, and the transitions found by sampling it daily,
//! against instants written out by hand from the IANA rules.
#![cfg(target_arch = "wasm32")]

use sla_scorecard::support::time::{format_instant, parse_instant, Instant};
use sla_scorecard::support::tz::TimeZone;
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

fn at(s: &str) -> Instant {
    parse_instant(s).unwrap()
}

/// The spans of `zone` in `[from, to)` after the first: (start, offset).
fn transitions(zone: &str, from: &str, to: &str) -> (i32, Vec<(String, i32)>) {
    let spans = TimeZone::named(zone, "timezone").unwrap().spans(at(from), at(to));
    (spans[0].offset, spans.iter().skip(1).map(|s| (format_instant(s.start), s.offset)).collect())
}

#[wasm_bindgen_test]
fn berlin_and_rome_change_at_01_utc_on_the_last_sundays_of_march_and_october() {
    // EU rule: forward at 01:00 UTC on the last Sunday of March, back at
    // 01:00 UTC on the last Sunday of October: 27 Mar / 30 Oct 2016,
    // 31 Mar / 27 Oct 2024 (weekdays from Python's datetime).
    for zone in ["Europe/Berlin", "Europe/Rome"] {
        for (year, march, october) in [(2016, "2016-03-27", "2016-10-30"), (2024, "2024-03-31", "2024-10-27")] {
            let got = transitions(zone, &format!("{year}-01-01T00:00:00Z"), &format!("{}-01-01T00:00:00Z", year + 1));
            let want = (3600, vec![(format!("{march}T01:00:00Z"), 7200), (format!("{october}T01:00:00Z"), 3600)]);
            assert_eq!(got, want, "{zone} {year}");
        }
    }
}

#[wasm_bindgen_test]
fn naive_times_in_the_gap_and_the_overlap_of_berlin_2016() {
    let tz = TimeZone::named("Europe/Berlin", "timezone").unwrap();
    let local = |s: &str| at(&format!("{s}Z"));
    // 02:30 on 2016-03-27 never happened: read at +01:00 → 01:30Z.
    assert_eq!(tz.local_to_utc(local("2016-03-27T02:30:00")), at("2016-03-27T01:30:00Z"));
    // 02:30 on 2016-10-30 happened twice: the first, at +02:00 → 00:30Z.
    assert_eq!(tz.local_to_utc(local("2016-10-30T02:30:00")), at("2016-10-30T00:30:00Z"));
    // 03:00 after the change back: +01:00 → 02:00Z.
    assert_eq!(tz.local_to_utc(local("2016-10-30T03:00:00")), at("2016-10-30T02:00:00Z"));
}

#[wasm_bindgen_test]
fn a_week_long_summer_time_is_found() {
    // Noronha (-02:00) kept DST (-01:00) from 2000-10-08 00:00 local (02:00Z)
    // until 2000-10-15 00:00 local DST (01:00Z): the shortest return to an
    // offset in the IANA data, 6 days 23 hours.
    let got = transitions("America/Noronha", "2000-09-01T00:00:00Z", "2000-11-01T00:00:00Z");
    assert_eq!(got, (-7200, vec![("2000-10-08T02:00:00Z".to_string(), -3600), ("2000-10-15T01:00:00Z".to_string(), -7200)]));
}

#[wasm_bindgen_test]
fn offsets_keep_their_seconds() {
    // Monrovia Mean Time: -0:43:08 until March 1919, then -0:44:30 until
    // 1972-01-07, then GMT (IANA "africa" file).
    let tz = TimeZone::named("Africa/Monrovia", "timezone").unwrap();
    assert_eq!(tz.offset_at(at("1915-01-01T00:00:00Z")), -(43 * 60 + 8));
    assert_eq!(tz.offset_at(at("1950-01-01T00:00:00Z")), -(44 * 60 + 30));
    assert_eq!(tz.offset_at(at("1972-01-08T00:00:00Z")), 0);
}
