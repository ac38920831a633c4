//! The JS API of calendars in a real browser: results, error messages, and
//! that the instance keeps working after bad input.
#![cfg(target_arch = "wasm32")]

use js_sys::{Date, Reflect};
use sla_scorecard::wasm::Calendar;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

fn spec(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn berlin_office() -> Calendar {
    Calendar::new(spec(
        r#"{"timezone":"Europe/Berlin","week":{"mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]],"wed":[["09:00","17:00"]],"thu":[["09:00","17:00"]],"fri":[["09:00","17:00"]]},"holidays":["2026-12-25"]}"#,
    ))
    .unwrap()
}

fn message(err: JsValue) -> String {
    err.dyn_into::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|v| format!("not an Error: {v:?}"))
}

#[wasm_bindgen_test]
fn duration_add_is_open_next_open_in_the_browser_zone_database() {
    let cal = berlin_office();
    // Friday 2026-03-27 16:00 CET (15:00Z) + 2 h: 1 h on Friday, then Monday 2026-03-30 09:00 CEST
    // (07:00Z, after the 29 March change) + 1 h = 08:00Z.
    let due = cal.add("2026-03-27T15:00:00Z".into(), 7200.0).unwrap();
    assert_eq!(due, "2026-03-30T08:00:00Z");
    assert_eq!(cal.duration("2026-03-27T15:00:00Z".into(), due.clone().into()).unwrap(), 7200.0);
    // The same instant as a Date and as epoch milliseconds.
    let ms = Date::parse("2026-03-27T15:00:00Z");
    assert_eq!(cal.duration(Date::new(&ms.into()).into(), "2026-03-30T08:00:00Z".into()).unwrap(), 7200.0);
    assert_eq!(cal.duration(ms.into(), "2026-03-30T08:00:00+00:00".into()).unwrap(), 7200.0);
    assert_eq!(cal.add("2026-03-28T12:00:00Z".into(), 0.0).unwrap(), "2026-03-28T12:00:00Z");
    assert!(cal.is_open("2026-03-30T07:00:00Z".into()).unwrap());
    assert!(!cal.is_open("2026-12-25T10:00:00Z".into()).unwrap());
    // Christmas Friday is a holiday: next opening Monday 2026-12-28 09:00 CET = 08:00Z.
    assert_eq!(cal.next_open("2026-12-24T17:00:00Z".into()).unwrap(), "2026-12-28T08:00:00Z");
    // Batch form: the same two intervals.
    let starts = [Date::parse("2026-03-27T15:00:00Z"), Date::parse("2026-12-24T08:00:00Z")];
    let ends = [Date::parse("2026-03-30T08:00:00Z"), Date::parse("2026-12-28T09:00:00Z")];
    // Thu 24 Dec 09:00–17:00 CET = 8 h, Fri holiday, Mon 28 Dec 09:00–10:00 CET = 1 h: 9 h.
    assert_eq!(cal.durations(&starts, &ends).unwrap(), vec![7200.0, 32_400.0]);
}

#[wasm_bindgen_test]
fn southern_and_half_hour_zones_through_intl() {
    // Lord Howe: DST ends 2026-04-05 02:00 (+11:00) → 01:30 (+10:30); Sunday lasts 24.5 h.
    let cal = Calendar::new(spec(r#"{"timezone":"Australia/Lord_Howe","week":{"sun":[["00:00","24:00"]]}}"#)).unwrap();
    assert_eq!(cal.duration("2026-04-01T00:00:00Z".into(), "2026-04-08T00:00:00Z".into()).unwrap(), 88_200.0);
    let always = Calendar::new(JsValue::from_str("24x7")).unwrap();
    assert_eq!(always.duration("2026-01-01T00:00:00Z".into(), "2026-01-02T00:00:00Z".into()).unwrap(), 86_400.0);
}

#[wasm_bindgen_test]
fn bad_input_throws_errors_naming_field_and_value_and_the_instance_survives() {
    let bad_time = Calendar::new(spec(r#"{"timezone":"UTC","week":{"mon":[["25:00","17:00"]]}}"#)).err().unwrap();
    assert_eq!(message(bad_time.clone()), "week.mon[0]: \"25:00\" is not a time of day");
    assert_eq!(Reflect::get(&bad_time, &"path".into()).unwrap().as_string().unwrap(), "week.mon[0]");
    let bad_zone = Calendar::new(spec(r#"{"timezone":"Mars/Base","week":{}}"#)).err().unwrap();
    assert_eq!(message(bad_zone), "timezone: \"Mars/Base\" is not an IANA time zone");

    let cal = berlin_office();
    let e = cal.duration("yesterday".into(), "2026-01-01T00:00:00Z".into()).err().unwrap();
    assert!(message(e).starts_with("start: \"yesterday\" is not an ISO 8601 instant"));
    let e = cal.add("2026-01-01T00:00:00Z".into(), -5.0).err().unwrap();
    assert_eq!(message(e), "seconds: -5 is negative; expected 0 or more working seconds");
    let e = cal.is_open(JsValue::from_f64(f64::NAN)).err().unwrap();
    assert_eq!(message(e), "t: NaN is not a finite number of milliseconds");
    let e = cal.durations(&[0.0], &[]).err().unwrap();
    assert_eq!(message(e), "ends: has 0 items but starts has 1; expected equal lengths");
    // Still working after every failure above.
    assert_eq!(cal.duration("2026-11-23T08:00:00Z".into(), "2026-11-23T16:00:00Z".into()).unwrap(), 28_800.0);
}

#[wasm_bindgen_test]
fn holiday_rules_and_business_days_in_the_browser() {
    // The same figures as tests/calendar_rules.rs, through Intl.
    let cal = Calendar::new(spec(
        r#"{"timezone":"Europe/Berlin","week":{"mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]],"wed":[["09:00","17:00"]],"thu":[["09:00","17:00"]],"fri":[["09:00","17:00"]]},
            "holidays":["12-25","12-24 hours 09:00-12:00","easter-2","4th thu of nov"]}"#,
    ))
    .unwrap();
    // Thu 2026-12-24 half day 09:00–12:00 CET = 08:00Z–11:00Z: 3 h.
    assert_eq!(cal.duration("2026-12-24T00:00:00Z".into(), "2026-12-25T00:00:00Z".into()).unwrap(), 3.0 * 3600.0);
    // Good Friday 2026-04-03 (Easter 5 April − 2) and Thanksgiving 2026-11-26: closed.
    assert!(!cal.is_open("2026-04-03T10:00:00Z".into()).unwrap());
    assert!(!cal.is_open("2026-11-26T10:00:00Z".into()).unwrap());
    assert!(cal.is_open("2026-11-19T10:00:00Z".into()).unwrap());
    // Fri 2026-03-27 10:00 CET + 1 business day → Mon 30th 10:00 CEST = 08:00Z.
    assert_eq!(cal.add_working_days("2026-03-27T09:00:00Z".into(), 1.0).unwrap(), "2026-03-30T08:00:00Z");
    // Wed 2026-12-23 15:00 CET + 1 → the half day's close, 12:00 CET = 11:00Z.
    assert_eq!(cal.add_working_days("2026-12-23T14:00:00Z".into(), 1.0).unwrap(), "2026-12-24T11:00:00Z");
    assert_eq!(message(cal.add_working_days("2026-12-23T14:00:00Z".into(), 1.5).unwrap_err()), "days: 1.5 is not a whole number of days from 0 to 36500");
    // The browser build leaves the iCalendar reader out, and says so.
    let ics = Calendar::new(spec(r#"{"timezone":"UTC","week":{},"holidaysIcs":"BEGIN:VCALENDAR\nEND:VCALENDAR\n"}"#));
    assert_eq!(
        message(ics.err().unwrap()),
        "holidaysIcs: iCalendar import runs in the command line and native builds only; in the browser, list the holidays in \"holidays\" (`sla-scorecard calendar-holidays FILE.ics` prints them)"
    );
}
