//! Holidays imported from iCalendar text (`holidaysIcs`): a real
//! public-holiday feed checked against an independent list, yearly rules
//! worked out by hand, and errors that name the line.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::json;
use sla_scorecard::calendar::Calendar;
use sla_scorecard::support::time::{date_of_epoch_day, epoch_day, parse_date};

fn day(s: &str) -> i64 {
    epoch_day(parse_date(s).unwrap())
}

fn from_ics(text: &str) -> Result<Calendar, String> {
    let w = json!([["09:00", "17:00"]]);
    let spec = json!({"timezone": "Europe/London", "week": {"mon": w, "tue": w, "wed": w, "thu": w, "fri": w}, "holidaysIcs": text});
    Calendar::from_json(&spec, "calendars.uk").map_err(|e| e.to_string())
}

/// The dates the calendar's rules name in `[from, to)`.
fn dates(c: &Calendar, from: &str, to: &str) -> Vec<String> {
    c.day_rules().unwrap().expand(day(from), day(to)).iter().map(|(d, _)| date_of_epoch_day(*d).to_string()).collect()
}

#[test]
fn the_gov_uk_feed_matches_the_statutory_rules() {
    // tests/data/holidays/england-and-wales.ics: GOV.UK's England and Wales
    // bank holidays 2019–2028 (source and licence in the README beside it);
    // england-and-wales.expected.txt is written by england_and_wales.py from
    // the Banking and Financial Dealings Act 1971 rules and proclamations.
    let feed = include_str!("data/holidays/england-and-wales.ics");
    let expected: Vec<String> = include_str!("data/holidays/england-and-wales.expected.txt").lines().map(str::to_string).collect();
    assert_eq!(expected.len(), 83);
    let c = from_ics(feed).unwrap();
    assert_eq!(dates(&c, "2019-01-01", "2029-01-01"), expected);
    // Christmas 2022 fell on a Sunday: Boxing Day Mon 26, Christmas substitute Tue 27.
    // Week of Mon 2022-12-26: 3 working days × 8 h = 24 h.
    let from = sla_scorecard::support::time::parse_instant("2022-12-26T00:00:00Z").unwrap();
    assert_eq!(c.duration(from, from + 7 * 86_400), 24 * 3600);
}

#[test]
fn yearly_rules_and_multi_day_events() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Test\r\n\
BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20201225\r\nDTEND;VALUE=DATE:20201226\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20241128\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH;COUNT=3\r\nSUMMARY:Thanksgiving\r\n \
 (folded)\r\nBEGIN:VALARM\r\nTRIGGER:-PT15M\r\nDTSTART:garbage-inside-an-alarm-is-ignored\r\nEND:VALARM\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260810\r\nDTEND;VALUE=DATE:20260812\r\nSUMMARY:Two-day closure\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\nRRULE:FREQ=YEARLY;UNTIL=20270101\r\nSTATUS:CONFIRMED\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260601\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
    let c = from_ics(text).unwrap();
    // Christmas every year from 2020; Thanksgiving (4th Thursday of November)
    // 2024, 2025, 2026 only: 2024-11-01 is a Friday → Thursdays 7, 14, 21, 28;
    // 2025-11-01 a Saturday → 6, 13, 20, 27; 2026-11-01 a Sunday → 5, 12, 19, 26.
    // 2026-08-10 and -11 (DTEND exclusive); New Year 2026 and 2027 (UNTIL 2027-01-01 inclusive);
    // the cancelled 2026-06-01 is not a holiday.
    assert_eq!(
        dates(&c, "2024-01-01", "2028-01-01"),
        [
            "2024-11-28",
            "2024-12-25",
            "2025-11-27",
            "2025-12-25",
            "2026-01-01",
            "2026-08-10",
            "2026-08-11",
            "2026-11-26",
            "2026-12-25",
            "2027-01-01",
            "2027-12-25"
        ]
    );
}

#[test]
fn malformed_input_names_the_line() {
    let err = |body: &str| from_ics(&format!("BEGIN:VCALENDAR\nVERSION:2.0\n{body}END:VCALENDAR\n")).unwrap_err();
    assert_eq!(
        err("BEGIN:VEVENT\nDTSTART:20261224T090000Z\nEND:VEVENT\n"),
        "calendars.uk.holidaysIcs: line 4: DTSTART 20261224T090000Z is not an all-day date (expected YYYYMMDD)"
    );
    assert_eq!(err("BEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\n"), "calendars.uk.holidaysIcs: line 3: the VEVENT has no DTSTART");
    assert_eq!(err("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\n"), "calendars.uk.holidaysIcs: line 5: END:VCALENDAR closes BEGIN:VEVENT of line 3");
    assert_eq!(
        err("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nRRULE:FREQ=MONTHLY\nEND:VEVENT\n"),
        "calendars.uk.holidaysIcs: line 5: FREQ=MONTHLY is not supported (expected FREQ=YEARLY with BYMONTH, BYMONTHDAY, one BYDAY such as 4TH or -1MO, COUNT, UNTIL)"
    );
    // Found by the calendar_ics fuzz target: the weekday is the last two
    // bytes, which here fall inside "é" (it panicked before).
    assert_eq!(
        err("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20241128\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TÉ\nEND:VEVENT\n"),
        "calendars.uk.holidaysIcs: line 5: BYDAY=4TÉ is not supported (expected FREQ=YEARLY with BYMONTH, BYMONTHDAY, one BYDAY such as 4TH or -1MO, COUNT, UNTIL)"
    );
    assert_eq!(err("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nNOCOLON\nEND:VEVENT\n"), "calendars.uk.holidaysIcs: line 5: no NAME:value in \"NOCOLON\"");
    assert_eq!(
        err("BEGIN:VEVENT\nDTEND;VALUE=DATE:20260101\nDTSTART;VALUE=DATE:20260101\nEND:VEVENT\n"),
        "calendars.uk.holidaysIcs: line 4: DTEND 20260101 is not after DTSTART 20260101"
    );
    // Found by the calendar_ics fuzz target (ninth sitting): an event from
    // 0221-01-01 to 2042-08-06 listed each of its 665,249 days as a holiday
    // (1.4 GB and 12 s for a 15 KB text). 2026-01-01 + 367 days = 2027-01-03.
    assert_eq!(
        err("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nDTEND;VALUE=DATE:20270103\nEND:VEVENT\n"),
        "calendars.uk.holidaysIcs: line 5: the event lasts 367 days (at most 366)"
    );
    assert_eq!(
        err("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nDURATION:P99999999999D\nEND:VEVENT\n"),
        "calendars.uk.holidaysIcs: line 5: the event lasts 99999999999 days (at most 366)"
    );
    // 2024 is a leap year: 2024-01-01 to 2025-01-01 is 366 days, and reads.
    assert!(from_ics("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20240101\nDTEND;VALUE=DATE:20250101\nEND:VEVENT\nEND:VCALENDAR\n").is_ok());
    // 274 events of a year (365 or 366 days from 2000-01-01 on) pass 100,000
    // holidays on the 274th: 100,077 days from 2000-01-01 to 2274-01-01
    // (Python: (date(2274,1,1) - date(2000,1,1)).days), 99,712 before it.
    let many: String =
        (0..274).map(|y| format!("BEGIN:VEVENT\nDTSTART;VALUE=DATE:{}0101\nDTEND;VALUE=DATE:{}0101\nEND:VEVENT\n", 2000 + y, 2001 + y)).collect();
    // The 274th event's END:VEVENT is line 2 + 273 × 4 + 4 = 1,098.
    assert_eq!(err(&many), "calendars.uk.holidaysIcs: line 1098: more than 100000 holidays (each day of a multi-day event counts)");
    assert_eq!(err("END:VEVENT\n"), "calendars.uk.holidaysIcs: line 3: END:VEVENT closes BEGIN:VCALENDAR of line 1");
    assert_eq!(
        from_ics("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nEND:VEVENT\n").unwrap_err(),
        "calendars.uk.holidaysIcs: line 1: BEGIN:VCALENDAR is never closed"
    );
}

#[test]
fn the_command_line_prints_the_feed_as_holiday_rules() {
    // `calendar-holidays` writes the feed's events as `holidays` rules; a
    // calendar built from them names the same 83 dates.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sla-scorecard"))
        .args(["calendar-holidays", concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/holidays/england-and-wales.ics")])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rules[0], "2019-01-01");
    let w = json!([["09:00", "17:00"]]);
    let c = Calendar::from_json(&json!({"timezone": "Europe/London", "week": {"mon": w}, "holidays": rules}), "").unwrap();
    let expected: Vec<String> = include_str!("data/holidays/england-and-wales.expected.txt").lines().map(str::to_string).collect();
    assert_eq!(dates(&c, "2019-01-01", "2029-01-01"), expected);
    // A yearly rule prints as a rule: FREQ=YEARLY;BYMONTH=11;BYDAY=4TH from 2024, 3 times.
    let yearly = sla_scorecard::calendar::ics::read(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20241128\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH;COUNT=3\nEND:VEVENT\nEND:VCALENDAR\n",
    )
    .unwrap();
    assert_eq!(yearly.iter().map(|r| r.to_text()).collect::<Vec<_>>(), ["4th thu of nov from 2024 to 2026"]);
}
