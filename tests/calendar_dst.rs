//! Hand-computed calendar expectations: DST changes in five zones (northern
//! and southern hemisphere, a 30-minute DST shift, non-whole-hour offsets),
//! holidays, overnight windows, split shifts and a year end.
//!
//! Every expected value is worked out in the comment above it from the
//! published IANA rules, not from the implementation.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::json;
use sla_scorecard::calendar::Calendar;
use sla_scorecard::support::time::{format_instant, parse_instant, Instant};

fn at(s: &str) -> Instant {
    parse_instant(s).unwrap()
}

fn cal(spec: serde_json::Value) -> Calendar {
    Calendar::from_json(&spec, "").unwrap()
}

fn all_day(zone: &str, day: &str) -> Calendar {
    cal(json!({"timezone": zone, "week": {day: [["00:00", "24:00"]]}}))
}

fn office(zone: &str, holidays: &[&str]) -> Calendar {
    let w = json!([["09:00", "17:00"]]);
    cal(json!({"timezone": zone, "week": {"mon": w, "tue": w, "wed": w, "thu": w, "fri": w}, "holidays": holidays}))
}

const H: i64 = 3600;

#[test]
fn berlin_spring_forward_day_has_23_working_hours() {
    // EU rule: 2026-03-29 (Sunday) 02:00 CET → 03:00 CEST.
    // Local 00:00 = 2026-03-28T23:00Z (+01:00), local 24:00 = 2026-03-29T22:00Z (+02:00): 23 h.
    let c = all_day("Europe/Berlin", "sun");
    assert_eq!(c.duration(at("2026-03-28T00:00:00Z"), at("2026-03-31T00:00:00Z")), 23 * H);
    // The day's window opens at 23:00Z on Saturday and closes at 22:00Z on Sunday.
    assert_eq!(format_instant(c.next_open(at("2026-03-28T12:00:00Z")).unwrap()), "2026-03-28T23:00:00Z");
    assert_eq!(format_instant(c.add(at("2026-03-28T12:00:00Z"), 23 * H).unwrap()), "2026-03-29T22:00:00Z");
}

#[test]
fn berlin_fall_back_day_has_25_working_hours() {
    // 2026-10-25 (Sunday) 03:00 CEST → 02:00 CET. Local 00:00 = 2026-10-24T22:00Z, 24:00 = 2026-10-25T23:00Z: 25 h.
    let c = all_day("Europe/Berlin", "sun");
    assert_eq!(c.duration(at("2026-10-20T00:00:00Z"), at("2026-10-27T00:00:00Z")), 25 * H);
}

#[test]
fn berlin_window_in_the_gap_is_shortened() {
    // Window 01:00–04:00 local on 2026-03-29: 01:00–02:00 CET = 00:00Z–01:00Z,
    // 02:00–03:00 never happens, 03:00–04:00 CEST = 01:00Z–02:00Z. 2 h in one piece.
    let c = cal(json!({"timezone": "Europe/Berlin", "week": {"sun": [["01:00", "04:00"]]}}));
    assert_eq!(c.working_intervals(at("2026-03-28T00:00:00Z"), at("2026-03-30T00:00:00Z")), vec![(at("2026-03-29T00:00:00Z"), at("2026-03-29T02:00:00Z"))]);
    // A window that starts inside the gap starts when the gap ends: 02:30–05:00 → 01:00Z–03:00Z.
    let c = cal(json!({"timezone": "Europe/Berlin", "week": {"sun": [["02:30", "05:00"]]}}));
    assert_eq!(c.working_intervals(at("2026-03-28T00:00:00Z"), at("2026-03-30T00:00:00Z")), vec![(at("2026-03-29T01:00:00Z"), at("2026-03-29T03:00:00Z"))]);
}

#[test]
fn berlin_repeated_hour_lengthens_a_window_in_two_pieces() {
    // Window 01:30–02:30 local on 2026-10-25. First pass (CEST, +02:00): 01:30–02:30 = 23:30Z–00:30Z.
    // Clocks go back at 01:00Z (03:00 CEST → 02:00 CET); second pass of 02:00–02:30 CET = 01:00Z–01:30Z.
    // Total 1 h 30 min.
    let c = cal(json!({"timezone": "Europe/Berlin", "week": {"sun": [["01:30", "02:30"]]}}));
    assert_eq!(
        c.working_intervals(at("2026-10-24T00:00:00Z"), at("2026-10-26T00:00:00Z")),
        vec![(at("2026-10-24T23:30:00Z"), at("2026-10-25T00:30:00Z")), (at("2026-10-25T01:00:00Z"), at("2026-10-25T01:30:00Z")),]
    );
    assert!(!c.is_open(at("2026-10-25T00:45:00Z"))); // 02:45 CEST
    assert!(c.is_open(at("2026-10-25T01:15:00Z"))); // 02:15 CET
    assert_eq!(c.duration(at("2026-10-24T00:00:00Z"), at("2026-10-26T00:00:00Z")), 90 * 60);
}

#[test]
fn sydney_southern_hemisphere() {
    // Australia/Sydney: DST ends 2026-04-05 (first Sunday of April) 03:00 AEDT (+11) → 02:00 AEST (+10):
    // Sunday lasts 25 h. DST starts 2026-10-04 02:00 AEST → 03:00 AEDT: 23 h.
    let c = all_day("Australia/Sydney", "sun");
    assert_eq!(c.duration(at("2026-04-01T00:00:00Z"), at("2026-04-08T00:00:00Z")), 25 * H);
    assert_eq!(c.duration(at("2026-10-01T00:00:00Z"), at("2026-10-08T00:00:00Z")), 23 * H);
    // Office hours: Friday 2026-04-03 16:00 AEDT = 05:00Z; 1 h left on Friday, then Monday
    // 2026-04-06 09:00 AEST (+10) = 2026-04-05T23:00Z, + 1 h = 2026-04-06T00:00Z.
    let o = office("Australia/Sydney", &[]);
    let due = o.add(at("2026-04-03T05:00:00Z"), 2 * H).unwrap();
    assert_eq!(format_instant(due), "2026-04-06T00:00:00Z");
    assert_eq!(o.duration(at("2026-04-03T05:00:00Z"), due), 2 * H);
}

#[test]
fn lord_howe_half_hour_dst_shift() {
    // Australia/Lord_Howe: +11:00 in DST, +10:30 standard, shifting by 30 minutes.
    // DST ends 2026-04-05 02:00 LHDT → 01:30 LHST: Sunday lasts 24 h 30 min.
    // DST starts 2026-10-04 02:00 LHST → 02:30 LHDT: Sunday lasts 23 h 30 min.
    let c = all_day("Australia/Lord_Howe", "sun");
    assert_eq!(c.duration(at("2026-04-01T00:00:00Z"), at("2026-04-08T00:00:00Z")), 24 * H + 1800);
    assert_eq!(c.duration(at("2026-10-01T00:00:00Z"), at("2026-10-08T00:00:00Z")), 23 * H + 1800);
    // Sunday 2026-04-05 local 00:00 is still LHDT (+11): 2026-04-04T13:00Z.
    assert_eq!(format_instant(c.next_open(at("2026-04-04T00:00:00Z")).unwrap()), "2026-04-04T13:00:00Z");
}

#[test]
fn kathmandu_quarter_hour_offset() {
    // Asia/Kathmandu is +05:45 all year. Monday 2026-11-23 16:00 local = 10:15Z; 1 h left that day,
    // then Tuesday 09:00 local = 03:15Z, + 1 h = 04:15Z.
    let o = office("Asia/Kathmandu", &[]);
    assert_eq!(format_instant(o.add(at("2026-11-23T10:15:00Z"), 2 * H).unwrap()), "2026-11-24T04:15:00Z");
    assert!(o.is_open(at("2026-11-23T03:15:00Z")));
    assert!(!o.is_open(at("2026-11-23T03:14:59Z")));
}

#[test]
fn st_johns_half_hour_offset_with_dst() {
    // America/St_Johns: -03:30 standard, -02:30 DST from 2026-03-08 02:00 local (second Sunday of March).
    // Sunday 2026-03-08 lasts 23 h: local 00:00 = 03:30Z, local 24:00 = 2026-03-09T02:30Z.
    let c = all_day("America/St_Johns", "sun");
    assert_eq!(c.working_intervals(at("2026-03-07T00:00:00Z"), at("2026-03-10T00:00:00Z")), vec![(at("2026-03-08T03:30:00Z"), at("2026-03-09T02:30:00Z"))]);
}

#[test]
fn new_york_overnight_window_across_spring_forward() {
    // Saturday 2026-03-07 22:00 EST (-05:00) = 2026-03-08T03:00Z until Sunday 06:00 EDT (-04:00) = 10:00Z:
    // the overnight window lasts 7 h instead of 8.
    let c = cal(json!({"timezone": "America/New_York", "week": {"sat": [["22:00", "06:00"]]}}));
    assert_eq!(c.duration(at("2026-03-07T00:00:00Z"), at("2026-03-09T00:00:00Z")), 7 * H);
    assert_eq!(format_instant(c.add(at("2026-03-07T00:00:00Z"), 7 * H).unwrap()), "2026-03-08T10:00:00Z");
}

#[test]
fn holidays_and_year_end() {
    // Berlin office, holidays Fri 2026-12-25 and Fri 2027-01-01 (CET, +01:00 all winter).
    let o = office("Europe/Berlin", &["2026-12-25", "2027-01-01"]);
    // Thu 2026-12-24 16:00 CET + 16 h: 1 h Thursday, Friday is a holiday, 8 h Monday 28th,
    // 7 h Tuesday 29th from 09:00 → 16:00 CET = 15:00Z.
    assert_eq!(format_instant(o.add(at("2026-12-24T15:00:00Z"), 16 * H).unwrap()), "2026-12-29T15:00:00Z");
    // Thu 2026-12-31 09:00 CET to Mon 2027-01-04 17:00 CET: 8 h + holiday + weekend + 8 h = 16 h.
    assert_eq!(o.duration(at("2026-12-31T08:00:00Z"), at("2027-01-04T16:00:00Z")), 16 * H);
    assert!(!o.is_open(at("2027-01-01T10:00:00Z")));
    // next opening after the New Year holiday: Monday 2027-01-04 09:00 CET = 08:00Z.
    assert_eq!(format_instant(o.next_open(at("2026-12-31T17:00:00Z")).unwrap()), "2027-01-04T08:00:00Z");
}

#[test]
fn holiday_removes_windows_that_start_on_it_only() {
    // Overnight Friday 22:00 → Saturday 06:00 UTC. A holiday on Saturday 2026-11-28 keeps
    // Friday's window (8 h); a holiday on Friday 2026-11-27 removes it.
    let spec = |h: &str| json!({"timezone": "UTC", "week": {"fri": [["22:00", "06:00"]]}, "holidays": [h]});
    let week = (at("2026-11-23T00:00:00Z"), at("2026-11-30T00:00:00Z"));
    assert_eq!(cal(spec("2026-11-28")).duration(week.0, week.1), 8 * H);
    assert_eq!(cal(spec("2026-11-27")).duration(week.0, week.1), 0);
}

#[test]
fn split_shift_and_end_of_window_boundary() {
    let c = cal(json!({"timezone": "UTC", "week": {"mon": [["08:00", "12:00"], ["13:00", "17:00"]]}}));
    // Monday 2026-11-23 11:00 + 2 h: 1 h to 12:00, lunch, 13:00–14:00.
    assert_eq!(format_instant(c.add(at("2026-11-23T11:00:00Z"), 2 * H).unwrap()), "2026-11-23T14:00:00Z");
    // 8 h from 08:00 ends exactly at 17:00 the same day, not at the next opening.
    assert_eq!(format_instant(c.add(at("2026-11-23T08:00:00Z"), 8 * H).unwrap()), "2026-11-23T17:00:00Z");
    // add(t, 0) = t even outside working hours.
    assert_eq!(c.add(at("2026-11-23T12:30:00Z"), 0).unwrap(), at("2026-11-23T12:30:00Z"));
    // The lunch break is closed; [12:00, 13:00) is not working time, 13:00 is.
    assert!(!c.is_open(at("2026-11-23T12:00:00Z")));
    assert!(c.is_open(at("2026-11-23T13:00:00Z")));
    assert_eq!(c.duration(at("2026-11-23T12:00:00Z"), at("2026-11-23T12:00:00Z")), 0);
    assert_eq!(c.duration(at("2026-11-23T17:00:00Z"), at("2026-11-23T08:00:00Z")), 0);
}

#[test]
fn always_and_never() {
    let a = Calendar::from_json(&json!("24x7"), "calendar").unwrap();
    assert_eq!(a.duration(at("2026-03-29T00:00:00Z"), at("2026-03-30T00:00:00Z")), 24 * H);
    let never = cal(json!({"timezone": "UTC", "week": {}}));
    assert!(never.add(at("2026-01-01T00:00:00Z"), 1).is_err());
    assert!(never.next_open(at("2026-01-01T00:00:00Z")).is_err());
    assert_eq!(never.duration(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z")), 0);
}

#[test]
fn far_instants_grow_the_compiled_range() {
    // First query in 2026, then 1990 and 2150: Monday–Friday 8 h days in UTC.
    let o = office("UTC", &[]);
    assert_eq!(o.duration(at("2026-11-23T00:00:00Z"), at("2026-11-24T00:00:00Z")), 8 * H);
    // 1990-01-01 was a Monday.
    assert_eq!(o.duration(at("1990-01-01T00:00:00Z"), at("1990-01-08T00:00:00Z")), 40 * H);
    // 2150-01-05 is a Monday (2150-01-01 is a Thursday).
    assert_eq!(o.duration(at("2150-01-05T00:00:00Z"), at("2150-01-12T00:00:00Z")), 40 * H);
    // 30 working days of 8 h from Monday 2026-11-23 09:00: six whole weeks later, Friday 2027-01-01 17:00.
    assert_eq!(format_instant(o.add(at("2026-11-23T09:00:00Z"), 30 * 8 * H).unwrap()), "2027-01-01T17:00:00Z");
}

#[test]
fn adding_more_seconds_than_an_i64_counts_is_an_error() {
    // Found by the calendar fuzz target (fuzz/corpus/calendar/crash-add-overflow):
    // the working seconds already counted up to `start` plus i64::MAX overflowed.
    let c = office("America/New_York", &[]);
    let e = c.add(at("2026-03-02T15:00:00Z"), i64::MAX).unwrap_err().to_string();
    assert_eq!(e, "9223372036854775807 working seconds from 2026-03-02T15:00:00Z are not reached before 2200 on this calendar");
    // One working day still works: Monday 10:00 EST (15:00Z) + 8 h → Tuesday 10:00 EST.
    assert_eq!(format_instant(c.add(at("2026-03-02T15:00:00Z"), 8 * H).unwrap()), "2026-03-03T15:00:00Z");
}
