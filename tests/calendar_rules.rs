//! Holiday rules, half days, extra working days and the business-day unit,
//! with every expected value worked out by hand in the comment above it.
//!
//! Weekdays used below: 2026-01-01 is a Thursday, so 2026-03-02, -11-23 and
//! -12-21 are Mondays; 2027-01-01 is a Friday and 2028-01-01 a Saturday.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use sla_scorecard::calendar::{easter, parse_date_rule, Calendar};
use sla_scorecard::support::time::{epoch_day, format_instant, parse_date, parse_instant, Instant};

const H: i64 = 3600;

fn at(s: &str) -> Instant {
    parse_instant(s).unwrap()
}

fn day(s: &str) -> i64 {
    epoch_day(parse_date(s).unwrap())
}

fn cal(spec: Value) -> Calendar {
    Calendar::from_json(&spec, "").unwrap()
}

/// Monday–Friday 09:00–17:00 in `zone`, with `extra` members (holidays, workdays).
fn office(zone: &str, extra: Value) -> Calendar {
    let w = json!([["09:00", "17:00"]]);
    let mut spec = json!({"timezone": zone, "week": {"mon": w, "tue": w, "wed": w, "thu": w, "fri": w}});
    if let (Some(s), Some(e)) = (spec.as_object_mut(), extra.as_object()) {
        s.extend(e.clone());
    }
    cal(spec)
}

/// Working hours of the UTC day `date` (`YYYY-MM-DD`).
fn hours_on(c: &Calendar, date: &str) -> i64 {
    let from = at(&format!("{date}T00:00:00Z"));
    c.duration(from, from + 24 * H) / H
}

/// The date a rule names in `year`.
fn rule_in(rule: &str, year: i32) -> Option<i64> {
    parse_date_rule(rule).unwrap().in_year(year)
}

#[test]
fn easter_2024_to_2030_matches_the_published_table() {
    // Independent table: Wikipedia, "List of dates for Easter"
    // (https://en.wikipedia.org/wiki/List_of_dates_for_Easter), columns
    // "Gregorian" (Western) and "Julian" converted to Gregorian dates
    // (Orthodox); python-dateutil's easter(y, EASTER_WESTERN) and
    // easter(y, EASTER_ORTHODOX) give the same 14 dates.
    let table = [
        (2024, "2024-03-31", "2024-05-05"),
        (2025, "2025-04-20", "2025-04-20"),
        (2026, "2026-04-05", "2026-04-12"),
        (2027, "2027-03-28", "2027-05-02"),
        (2028, "2028-04-16", "2028-04-16"),
        (2029, "2029-04-01", "2029-04-08"),
        (2030, "2030-04-21", "2030-04-28"),
    ];
    for (year, western, orthodox) in table {
        assert_eq!(easter(year, false), Some(day(western)), "{year} western");
        assert_eq!(easter(year, true), Some(day(orthodox)), "{year} orthodox");
        assert_eq!(rule_in("easter", year), Some(day(western)));
        assert_eq!(rule_in("orthodox-easter", year), Some(day(orthodox)));
    }
}

#[test]
fn each_rule_names_the_right_date() {
    // 12-25 every year; 02-29 only in leap years (2028 is one, 2027 not).
    assert_eq!(rule_in("12-25", 2031), Some(day("2031-12-25")));
    assert_eq!(rule_in("02-29", 2028), Some(day("2028-02-29")));
    assert_eq!(rule_in("02-29", 2027), None);
    // 2026-11-01 is a Sunday (Thursday 2026-01-01 + 304 days, 304 mod 7 = 3):
    // Thursdays 5, 12, 19, 26 → the 4th is 26 November (US Thanksgiving).
    assert_eq!(rule_in("4th thu of nov", 2026), Some(day("2026-11-26")));
    // 2026-05-31 is a Sunday (+150 days, 150 mod 7 = 3): the last Monday is 25 May.
    assert_eq!(rule_in("last mon of may", 2026), Some(day("2026-05-25")));
    // 2026-01-01 Thursday: Fridays 2, 9, 16, 23, 30 → the 5th is 30 January.
    assert_eq!(rule_in("5th fri of jan", 2026), Some(day("2026-01-30")));
    // 2026-02-01 is a Sunday (+31 days, 31 mod 7 = 3): Mondays 2, 9, 16, 23 — no 5th.
    assert_eq!(rule_in("5th mon of feb", 2026), None);
    // 2026-12-31 is a Thursday (+364, 364 mod 7 = 0): the last Thursday is 31 December.
    assert_eq!(rule_in("last thu of dec", 2026), Some(day("2026-12-31")));
    // Easter 2026 = 5 April: Good Friday 3 April, Easter Monday 6 April,
    // Ascension 5 + 39 = 44 → 44 − 30 = 14 May; Whit Monday +50 → 25 May.
    assert_eq!(rule_in("easter-2", 2026), Some(day("2026-04-03")));
    assert_eq!(rule_in("Easter+1", 2026), Some(day("2026-04-06")));
    assert_eq!(rule_in("easter+39", 2026), Some(day("2026-05-14")));
    assert_eq!(rule_in("easter+50", 2026), Some(day("2026-05-25")));
    // Orthodox Easter 2026 = 12 April: Orthodox Good Friday 10, Monday 13 April.
    assert_eq!(rule_in("orthodox-easter-2", 2026), Some(day("2026-04-10")));
    assert_eq!(rule_in("orthodox-easter+1", 2026), Some(day("2026-04-13")));
    // A plain date names itself in its own year only.
    assert_eq!(rule_in("2026-12-24", 2026), Some(day("2026-12-24")));
    assert_eq!(rule_in("2026-12-24", 2027), None);
}

#[test]
fn bad_rules_name_the_path_and_value() {
    let err = |extra: Value| {
        let w = json!([["09:00", "17:00"]]);
        let mut spec = json!({"timezone": "UTC", "week": {"mon": w}});
        spec.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        Calendar::from_json(&spec, "calendars.office").unwrap_err().to_string()
    };
    assert_eq!(
        err(json!({"holidays": ["12-25", "4th thursday of nov"]})),
        "calendars.office.holidays[1]: \"4th thursday of nov\" is not a date or holiday rule (expected e.g. \"2026-12-24\", \"12-25\", \"4th thu of nov\", \"last mon of may\", \"easter-2\" or \"orthodox-easter+1\")"
    );
    assert_eq!(err(json!({"holidays": ["02-30"]})).split(':').next(), Some("calendars.office.holidays[0]"));
    assert_eq!(
        err(json!({"holidays": ["easter+400"]})),
        "calendars.office.holidays[0]: \"easter+400\": an Easter-relative rule may lie at most 365 days from Easter"
    );
    assert_eq!(
        err(json!({"holidays": ["12-25 observed sat>friday"]})),
        "calendars.office.holidays[0]: \"12-25 observed sat>friday\": \"sat>friday\" after \"observed\" is not a weekday pair such as sat>fri"
    );
    assert_eq!(err(json!({"holidays": ["12-25 from 2030 to 2020"]})), "calendars.office.holidays[0]: \"12-25 from 2030 to 2020\": \"from\" is after \"to\"");
    assert_eq!(err(json!({"holidays": ["12-25 from 20x0"]})), "calendars.office.holidays[0]: \"12-25 from 20x0\": \"20x0\" after \"from\" is not a year");
    assert_eq!(
        err(json!({"holidays": ["12-24 hours 09:00-25:00"]})),
        "calendars.office.holidays[0]: \"12-24 hours 09:00-25:00\": \"25:00\" is not a time of day"
    );
    assert_eq!(
        err(json!({"holidays": ["12-24 hours"]})),
        "calendars.office.holidays[0]: \"12-24 hours\": \"hours\" needs at least one window such as 09:00-12:00"
    );
    assert_eq!(
        err(json!({"workdays": ["2026-10-10"]})),
        "calendars.office.workdays[0]: \"2026-10-10\": an extra working day needs its hours, e.g. \"2026-10-10 hours 09:00-17:00\""
    );
    assert_eq!(err(json!({"holidays": [{"rule": "12-25"}]})), "calendars.office.holidays[0]: invalid type: map, expected a string");
}

#[test]
fn a_weekend_holiday_with_and_without_observance() {
    // 2027-12-25 is a Saturday (2027-01-01 Friday + 358 days, 358 mod 7 = 1).
    // Week Mon 20 – Sun 26 December 2027, 09:00–17:00 UTC on weekdays.
    let plain = office("UTC", json!({"holidays": ["12-25"]}));
    let observed = office("UTC", json!({"holidays": ["12-25 observed sat>fri sun>mon"]}));
    let (mon, next_mon) = (at("2027-12-20T00:00:00Z"), at("2027-12-27T00:00:00Z"));
    // Without observance the Saturday holiday changes nothing: 5 × 8 h = 40 h.
    assert_eq!(plain.duration(mon, next_mon), 40 * H);
    // Observed on Friday 24th: 4 × 8 h = 32 h.
    assert_eq!(observed.duration(mon, next_mon), 32 * H);
    assert_eq!(hours_on(&observed, "2027-12-24"), 0);
    // 2022-12-25 is a Sunday: observed on Monday 26th (0 h), Tuesday 27th open (8 h).
    assert_eq!((hours_on(&observed, "2022-12-26"), hours_on(&observed, "2022-12-27")), (0, 8));
    assert_eq!(hours_on(&plain, "2022-12-26"), 8);
    // New Year 2028 is a Saturday: observed on Friday 2027-12-31, across the year end,
    // and found when only that day is asked about.
    let new_year = office("UTC", json!({"holidays": ["01-01 observed sat>fri"]}));
    assert_eq!(hours_on(&new_year, "2027-12-31"), 0);
    assert_eq!(hours_on(&new_year, "2027-12-30"), 8);
}

#[test]
fn half_days_extra_working_days_and_year_ranges() {
    let c = office(
        "UTC",
        json!({
            "holidays": ["12-24 hours 09:00-12:00", "12-25 observed sat>fri sun>mon", "Last Mon of May from 2027 to 2028"],
            "workdays": ["2026-10-10 hours 09:00-13:00"]
        }),
    );
    // 2026-12-24 is a Thursday: the half day keeps 09:00–12:00 = 3 h.
    assert_eq!(hours_on(&c, "2026-12-24"), 3);
    // 2027-12-24 is a Friday, also Christmas observed (25th is a Saturday): closed beats half day.
    assert_eq!(hours_on(&c, "2027-12-24"), 0);
    // 2028-12-24 is a Sunday: a half day never opens a closed day.
    assert_eq!(hours_on(&c, "2028-12-24"), 0);
    // Saturday 2026-10-10 made a working day 09:00–13:00: 4 h.
    assert_eq!(hours_on(&c, "2026-10-10"), 4);
    // Last Monday of May: 2026-05-25 before the range (8 h), 2027-05-31 and
    // 2028-05-29 inside (0 h), 2029-05-28 after it (8 h).
    assert_eq!([("2026-05-25"), ("2027-05-31"), ("2028-05-29"), ("2029-05-28")].map(|d| hours_on(&c, d)), [8, 0, 0, 8]);
    // A calendar whose only working time is an extra working day is not "never open".
    let only_workday = cal(json!({"timezone": "UTC", "week": {}, "workdays": ["2026-10-10 hours 09:00-13:00"]}));
    assert_eq!(format_instant(only_workday.next_open(at("2026-01-01T00:00:00Z")).unwrap()), "2026-10-10T09:00:00Z");
}

#[test]
fn a_half_day_that_is_also_a_dst_day() {
    // Sydney, open every day 00:00–24:00; Easter Sunday a half day 00:00–12:00.
    // 2026-04-05 (Easter) is also the end of DST: 03:00 AEDT (+11) → 02:00 AEST (+10).
    // Local 00:00 = 2026-04-04T13:00Z (+11), local 12:00 = 2026-04-05T02:00Z (+10): 13 h,
    // the repeated hour counted twice.
    let all = json!([["00:00", "24:00"]]);
    let week = json!({"mon": all, "tue": all, "wed": all, "thu": all, "fri": all, "sat": all, "sun": all});
    let sydney = cal(json!({"timezone": "Australia/Sydney", "week": week, "holidays": ["easter hours 00:00-12:00"]}));
    assert_eq!(sydney.duration(at("2026-04-04T13:00:00Z"), at("2026-04-05T14:00:00Z")), 13 * H);
    assert!(!sydney.is_open(at("2026-04-05T02:00:00Z")));
    // Berlin, Mon–Fri office plus the last Sunday of October as a working
    // half day 00:00–06:00: on 2026-10-25 clocks go back 03:00 CEST → 02:00 CET.
    // 00:00 CEST = 2026-10-24T22:00Z, 06:00 CET = 2026-10-25T05:00Z: 7 h.
    let berlin = office("Europe/Berlin", json!({"workdays": ["last sun of oct hours 00:00-06:00"]}));
    assert_eq!(berlin.duration(at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z")), 7 * H);
    // Spring: 2026-03-29, 02:00 CET → 03:00 CEST. A window 01:00–05:00 that day:
    // 01:00 CET = 00:00Z, 05:00 CEST = 03:00Z: 3 h.
    let spring = office("Europe/Berlin", json!({"workdays": ["last sun of mar hours 01:00-05:00"]}));
    assert_eq!(spring.duration(at("2026-03-28T12:00:00Z"), at("2026-03-29T12:00:00Z")), 3 * H);
}

#[test]
fn existing_plain_dates_keep_their_meaning() {
    // A plain date list behaves as before: 2026-12-25 (Friday) closed.
    let c = office("Europe/Berlin", json!({"holidays": ["2026-12-25", "2027-01-01"]}));
    // Thu 2026-12-24 16:00 CET + 16 h: 1 h Thu, Fri holiday, 8 h Mon 28th, 7 h Tue 29th → Tue 16:00 CET.
    assert_eq!(format_instant(c.add(at("2026-12-24T16:00:00+01:00"), 16 * H).unwrap()), "2026-12-29T15:00:00Z");
}

#[test]
fn business_days_land_on_the_same_local_time() {
    let c = office("Europe/Berlin", json!({"holidays": ["12-25", "12-24 hours 09:00-12:00"]}));
    let add = |start: &str, n: u32| format_instant(c.add_working_days(at(start), n).unwrap());
    // Mon 2026-11-23 10:00 CET + 2 bd → Wed 25th 10:00 CET = 09:00Z.
    assert_eq!(add("2026-11-23T10:00:00+01:00", 2), "2026-11-25T09:00:00Z");
    // Started outside hours: Sat 2026-11-28 13:30 → counts from Mon 30th 09:00;
    // +1 bd → Tue 1 December 09:00 CET (biz#80's case), 8 working hours from
    // the start (all of Monday), first reached at Mon 30th 17:00 CET = 16:00Z:
    // the answer is the earliest such instant, as for every due instant.
    assert_eq!(add("2026-11-28T13:30:00+01:00", 1), "2026-11-30T16:00:00Z");
    assert_eq!(c.duration(at("2026-11-28T12:30:00Z"), at("2026-12-01T08:00:00Z")), 8 * H);
    // Started before opening: Tue 2026-11-24 07:00 → 09:00 → Wed 09:00 CET;
    // 8 h, first reached at Tue 17:00 CET = 16:00Z.
    assert_eq!(add("2026-11-24T07:00:00+01:00", 1), "2026-11-24T16:00:00Z");
    // Started at 12:00 on Friday 2026-11-27 + 1 bd → Mon 30th 12:00 CET = 11:00Z.
    assert_eq!(add("2026-11-27T12:00:00+01:00", 1), "2026-11-30T11:00:00Z");
    // Onto a half day: Wed 2026-12-23 15:00 → Thu 24th 15:00 is after its
    // 09:00–12:00 → its close, 12:00 CET = 11:00Z.
    assert_eq!(add("2026-12-23T15:00:00+01:00", 1), "2026-12-24T11:00:00Z");
    // From a half day over a holiday and a weekend: Thu 24th 10:00 → Fri 25th
    // closed, Sat, Sun → Mon 28th 10:00 CET = 09:00Z.
    assert_eq!(add("2026-12-24T10:00:00+01:00", 1), "2026-12-28T09:00:00Z");
    // Across spring-forward: Fri 2026-03-27 10:00 CET (09:00Z) → Mon 30th
    // 10:00 CEST = 08:00Z: the same wall-clock time, one UTC hour earlier.
    assert_eq!(add("2026-03-27T10:00:00+01:00", 1), "2026-03-30T08:00:00Z");
    // Working seconds of that business day: Fri 10–17 (7 h) + Mon 09–10 (1 h) = 8 h.
    assert_eq!(c.duration(at("2026-03-27T09:00:00Z"), at("2026-03-30T08:00:00Z")), 8 * H);
}

#[test]
fn business_days_on_a_seven_day_calendar_over_dst() {
    // Berlin, open 00:00–24:00 every day.
    let all = json!([["00:00", "24:00"]]);
    let week = json!({"mon": all, "tue": all, "wed": all, "thu": all, "fri": all, "sat": all, "sun": all});
    let c = cal(json!({"timezone": "Europe/Berlin", "week": week}));
    let add = |start: &str, n: u32| format_instant(c.add_working_days(at(start), n).unwrap());
    // Sat 2026-03-28 10:00 CET (09:00Z) + 1 bd → Sun 10:00 CEST = 08:00Z: 23 working hours,
    // where "1d" (24 working hours) gives Sun 11:00 CEST = 09:00Z.
    assert_eq!(add("2026-03-28T10:00:00+01:00", 1), "2026-03-29T08:00:00Z");
    assert_eq!(c.duration(at("2026-03-28T09:00:00Z"), at("2026-03-29T08:00:00Z")), 23 * H);
    assert_eq!(format_instant(c.add(at("2026-03-28T09:00:00Z"), 24 * H).unwrap()), "2026-03-29T09:00:00Z");
    // Sat 02:30 CET (01:30Z) + 1 bd: Sunday 02:30 never happens; read as
    // JavaScript's Date does, 03:30 CEST = 01:30Z.
    assert_eq!(add("2026-03-28T02:30:00+01:00", 1), "2026-03-29T01:30:00Z");
    // Fall back: Sat 2026-10-24 10:00 CEST (08:00Z) + 1 bd → Sun 10:00 CET = 09:00Z: 25 h.
    assert_eq!(add("2026-10-24T10:00:00+02:00", 1), "2026-10-25T09:00:00Z");
    // 24x7 has no zone: n × 24 h.
    assert_eq!(format_instant(Calendar::always().add_working_days(at("2026-03-28T09:00:00Z"), 2).unwrap()), "2026-03-30T09:00:00Z");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    const RULES: [&str; 10] =
        ["12-25", "01-01", "02-29", "4th thu of nov", "last mon of may", "5th fri of jan", "easter-2", "easter+39", "orthodox-easter+1", "2030-07-04"];

    /// A generated rule: index into RULES, observed?, from/to years, half day?
    type Generated = (usize, bool, Option<(i32, i32)>, bool);

    fn rules() -> impl Strategy<Value = Vec<Generated>> {
        prop::collection::vec((0..RULES.len(), any::<bool>(), prop::option::of((1990..2060, 0..40)), any::<bool>()), 0..8)
            .prop_map(|v| v.into_iter().map(|(r, o, y, h)| (r, o, y.map(|(a, l)| (a, a + l)), h)).collect())
    }

    fn calendar(rules: &[Generated]) -> Calendar {
        let holidays: Vec<Value> = rules
            .iter()
            .map(|&(r, observed, years, half)| {
                let mut rule = RULES[r].to_string();
                if observed {
                    rule += " observed sat>fri sun>mon";
                }
                if let Some((from, to)) = years {
                    rule += &format!(" from {from} to {to}");
                }
                if half {
                    rule += " hours 09:00-12:00";
                }
                json!(rule)
            })
            .collect();
        office("Europe/Berlin", json!({"holidays": holidays, "workdays": ["last sat of jun hours 10:00-14:00"]}))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Expanding a range, then a range inside it, names the same days with
        /// the same rules; expanding twice gives the same answer.
        #[test]
        fn expansion_is_idempotent_and_independent_of_the_range(
            spec in rules(),
            first in 7_000i64..40_000, len in 1i64..1_500, cut in (0.0f64..1.0, 0.0f64..1.0),
        ) {
            let c = calendar(&spec);
            let days = c.day_rules().unwrap();
            let end = first + len;
            let (x, y) = ((first as f64 + cut.0 * len as f64) as i64, (first as f64 + cut.1 * len as f64) as i64);
            let (a, b) = (x.min(y), x.max(y) + 1);
            let whole = days.expand(first, end);
            prop_assert_eq!(&whole, &days.expand(first, end));
            let inside: Vec<_> = whole.iter().filter(|(d, _)| (a..b).contains(d)).cloned().collect();
            prop_assert_eq!(inside, days.expand(a, b));
            for d in a..b.min(a + 40) {
                prop_assert_eq!(whole.iter().find(|(w, _)| *w == d).map(|w| w.1), days.expand(d, d + 1).first().map(|w| w.1));
            }
        }

        /// A calendar's working time over a week is the same whether it is
        /// the first question or comes after one about a far-away year.
        #[test]
        fn working_time_does_not_depend_on_earlier_questions(spec in rules(), day in 7_000i64..40_000, far in -20_000i64..20_000) {
            let fresh = calendar(&spec);
            let primed = calendar(&spec);
            let _ = primed.is_open((day + far) * 86_400);
            let (from, to) = (day * 86_400, (day + 7) * 86_400);
            prop_assert_eq!(fresh.duration(from, to), primed.duration(from, to));
            prop_assert_eq!(fresh.working_intervals(from, to), primed.working_intervals(from, to));
        }
    }
}

#[test]
fn rules_write_back_as_they_read() {
    for text in [
        "2026-12-24",
        "12-25 observed sat>fri sun>mon from 2020 to 2030",
        "4th thu of nov from 2024 to 2026",
        "last mon of may to 2028",
        "easter-2",
        "orthodox-easter+1",
        "12-24 hours 09:00-12:00 22:00-06:00",
        "01-01 hours 00:00-24:00",
    ] {
        assert_eq!(sla_scorecard::calendar::parse_rule(text, false).unwrap().to_text(), text);
    }
    // "easter" alone writes its offset.
    assert_eq!(sla_scorecard::calendar::parse_rule("easter", false).unwrap().to_text(), "easter+0");
}
