//! Properties of business calendars, and agreement of the compiled-interval
//! algorithm with a naive minute-by-minute reference written only for tests.
//!
//! The reference reads offsets straight from chrono-tz (not through the
//! crate's zone tables) and decides, for each minute, whether its local
//! wall-clock time falls in a window of the day it belongs to.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{Offset, TimeZone as _};
use proptest::prelude::*;
use serde_json::json;
use sla_scorecard::calendar::{Calendar, DAY_KEYS};
use sla_scorecard::support::time::Instant;

const ZONES: [&str; 6] = ["UTC", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns", "Australia/Sydney"];
const DAY: i64 = 86_400;

/// A generated calendar: windows as (weekday, start minute, length minutes).
#[derive(Debug, Clone)]
struct Generated {
    zone: &'static str,
    windows: Vec<(usize, i64, i64)>,
    holidays: Vec<i64>,
}

impl Generated {
    fn calendar(&self) -> Calendar {
        let mut week = serde_json::Map::new();
        for &(day, start, len) in &self.windows {
            let end = (start + len) % (24 * 60);
            let hhmm = |m: i64| format!("{:02}:{:02}", m / 60, m % 60);
            // An end of 00:00 after a start is written "24:00" half the time, to exercise both.
            let end_text = if end == 0 && start + len == 24 * 60 && start % 2 == 0 { "24:00".to_string() } else { hhmm(end) };
            week.entry(DAY_KEYS[day]).or_insert_with(|| json!([])).as_array_mut().unwrap().push(json!([hhmm(start), end_text]));
        }
        let holidays: Vec<String> =
            self.holidays.iter().map(|d| (chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Duration::days(*d)).to_string()).collect();
        Calendar::from_json(&json!({"timezone": self.zone, "week": week, "holidays": holidays}), "").unwrap()
    }

    /// Whether the minute starting at `t` is working time, by definition.
    fn reference_open(&self, t: Instant) -> bool {
        let tz: chrono_tz::Tz = self.zone.parse().unwrap();
        let utc = chrono::DateTime::from_timestamp(t, 0).unwrap().naive_utc();
        let local = t + tz.offset_from_utc_datetime(&utc).fix().local_minus_utc() as i64;
        let local_day = local.div_euclid(DAY);
        // A window of day d spans local [d + start, d + start + len) with len ≤ 24 h,
        // so only today's and yesterday's windows can hold this local time.
        [local_day, local_day - 1].iter().any(|&d| {
            !self.holidays.contains(&d)
                && self.windows.iter().any(|&(wd, start, len)| {
                    wd == (d + 3).rem_euclid(7) as usize && {
                        let s = d * DAY + start * 60;
                        local >= s && local < s + len * 60
                    }
                })
        })
    }

    fn reference_duration(&self, a: Instant, b: Instant) -> i64 {
        (a / 60..b / 60).filter(|m| self.reference_open(m * 60)).count() as i64 * 60
    }
}

/// Base instants around DST changes of the zones above (2026), at whole minutes.
fn base() -> impl Strategy<Value = Instant> {
    prop_oneof![
        Just(1_774_742_400i64), // 2026-03-29T00:00Z (EU spring forward)
        Just(1_775_260_800i64), // 2026-04-04T00:00Z (Sydney / Lord Howe fall back)
        Just(1_791_072_000i64), // 2026-10-04T00:00Z (Sydney / Lord Howe spring forward)
        Just(1_792_540_800i64), // 2026-10-21T00:00Z (EU fall back on the 25th)
        Just(1_772_755_200i64), // 2026-03-06T00:00Z (St John's, 8 March)
        Just(1_798_588_800i64), // 2026-12-30T00:00Z (year end)
    ]
}

fn generated() -> impl Strategy<Value = Generated> {
    (
        prop::sample::select(ZONES.to_vec()),
        prop::collection::vec((0usize..7, 0i64..(24 * 60 / 15), 1i64..=(24 * 60 / 15)), 0..6),
        prop::collection::vec(0i64..14, 0..3),
        base(),
    )
        .prop_map(|(zone, windows, holiday_offsets, base)| Generated {
            zone,
            // Quarter-hour starts and lengths, up to a whole day.
            windows: windows.into_iter().map(|(d, s, l)| (d, s * 15, l * 15)).collect(),
            holidays: holiday_offsets.into_iter().map(|o| base / DAY - 2 + o).collect(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn duration_agrees_with_the_minute_by_minute_reference(
        g in generated(), base in base(), a_min in 0i64..(6 * 24 * 60), len_min in 0i64..(5 * 24 * 60)
    ) {
        let cal = g.calendar();
        let a = base - 2 * DAY + a_min * 60;
        let b = a + len_min * 60;
        prop_assert_eq!(cal.duration(a, b), g.reference_duration(a, b));
        prop_assert_eq!(cal.is_open(a), g.reference_open(a));
    }

    #[test]
    fn additivity(g in generated(), base in base(), x in 0i64..600_000, y in 0i64..600_000, z in 0i64..600_000) {
        let cal = g.calendar();
        let mut v = [base - 300_000 + x, base - 300_000 + y, base - 300_000 + z];
        v.sort_unstable();
        let [a, b, c] = v;
        prop_assert_eq!(cal.duration(a, b) + cal.duration(b, c), cal.duration(a, c));
    }

    #[test]
    fn add_is_the_earliest_instant_reaching_the_budget(g in generated(), base in base(), x in 0i64..600_000, s in 0i64..400_000) {
        let cal = g.calendar();
        let a = base - 300_000 + x;
        match cal.add(a, s) {
            Ok(t) => {
                prop_assert_eq!(cal.duration(a, t), s);
                if s > 0 {
                    prop_assert!(cal.duration(a, t - 1) < s, "an earlier instant already reaches {s}");
                } else {
                    prop_assert_eq!(t, a);
                }
            }
            Err(_) => prop_assert!(g.windows.is_empty(), "add failed on a calendar with windows"),
        }
    }

    #[test]
    fn monotonicity(g in generated(), base in base(), x in 0i64..600_000, s1 in 0i64..200_000, s2 in 0i64..200_000, d in 0i64..200_000) {
        let cal = g.calendar();
        let a = base - 300_000 + x;
        if let (Ok(t1), Ok(t2)) = (cal.add(a, s1.min(s2)), cal.add(a, s1.max(s2))) {
            prop_assert!(t1 <= t2);
        }
        prop_assert!(cal.duration(a, a + d) <= cal.duration(a, a + d + 3_600));
        prop_assert!(cal.duration(a, a + d) <= d);
    }

    #[test]
    fn next_open_is_open_and_nothing_before_it_is(g in generated(), base in base(), x in 0i64..600_000) {
        let cal = g.calendar();
        let t = base - 300_000 + x;
        if let Ok(n) = cal.next_open(t) {
            prop_assert!(n >= t);
            prop_assert!(cal.is_open(n));
            prop_assert_eq!(cal.duration(t, n), 0);
        } else {
            prop_assert!(g.windows.is_empty());
        }
    }
}
