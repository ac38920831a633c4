//! Target durations: `"4h"`, `"2d 4h"`, `"30m"`, `"1h30m"`, `"90s"` or a
//! number of seconds.
//!
//! A duration counts seconds of the policy's calendar (working time), so
//! units are plain multiples of a second: `1m` = 60 s, `1h` = 3,600 s and
//! `1d` = 24 h = 86,400 s of *working* time, ServiceNow's convention. On a
//! 09:00–17:00 calendar `"1d"` is therefore three working days, not one;
//! write `"8h"` for "one working day". This keeps `"1d"` and `"24h"` equal on
//! every calendar, which no "working day" reading can.
//!
//! The business-day unit `"2bd"` is the other meaning, Jira Service
//! Management's and biz's: the same local time on the 2nd next working day
//! ([`crate::calendar::Calendar::add_working_days`]). It stands alone (no
//! `"2bd 4h"`); at the clock's start it becomes the working seconds from
//! the start to that instant, and pauses then move the due instant like any
//! other target's.
//!
//! A document's `"semantics": "jsm"` reads the day unit the JSM way: a
//! target written in days alone (`"2d"`) is then `"2bd"`
//! ([`Target::business_days`]; docs/sla.md §1 "Vendor semantics").

use crate::calendar::Calendar;
use crate::support::error::quote;
use crate::support::time::Instant;
use serde::de::{Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

/// A policy's target: working seconds, or business days (`"2bd"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Working seconds of the calendar (`"4h"`, `"1d"` = 24 working hours).
    Seconds(i64),
    /// The same local time on the n-th next working day (`"2bd"`).
    WorkingDays(u32),
    /// Written with the day unit `d`: the number of days when written in
    /// days alone (`"2d"`: 2; 0 for `"2d 4h"`), and the working seconds with
    /// a day of 24 hours, which it counts unless JSM semantics reads it as
    /// business days ([`Target::business_days`]).
    Days(u32, i64),
}

/// Why a target is refused under JSM semantics.
pub const JSM_DAYS: &str = "under \"semantics\": \"jsm\" a day is a business day: write \"2d\" alone (at most 36500 d) or hours";

impl Target {
    /// The target with the day unit read as business days (JSM semantics):
    /// `"2d"` is `"2bd"`; `None` (refused, [`JSM_DAYS`]) for days combined
    /// with other units or more than 36,500 of them.
    pub fn business_days(self) -> Option<Target> {
        match self {
            Target::Days(n @ 1..=MAX_WORKING_DAYS, _) => Some(Target::WorkingDays(n)),
            Target::Days(..) => None,
            other => Some(other),
        }
    }
}

/// At most 100 years of working days.
const MAX_WORKING_DAYS: u32 = 36_500;

impl Target {
    /// The target in working seconds for a clock starting at `start`: a
    /// business-day target is the working time from `start` to
    /// [`Calendar::add_working_days`]; `None` when the calendar never
    /// gets there.
    pub fn seconds_from(self, calendar: &Calendar, start: Instant) -> Option<i64> {
        match self {
            Target::Seconds(s) | Target::Days(_, s) => Some(s),
            Target::WorkingDays(n) => calendar.add_working_days(start, n).ok().map(|due| calendar.duration(start, due)),
        }
    }
}

/// The number of `"<n>bd"`: a whole number from 1 to 36,500.
fn working_days(digits: &str) -> Result<u32, String> {
    let text = [digits, "bd"].concat();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{} is not a number of business days (expected e.g. \"2bd\"; \"bd\" cannot be combined with other units)", quote(&text)));
    }
    match digits.parse::<u32>() {
        Ok(0) => Err("a target must be longer than zero seconds".to_string()),
        Ok(n) if n <= MAX_WORKING_DAYS => Ok(n),
        _ => Err(format!("{}: a target may be at most {MAX_WORKING_DAYS} business days", quote(&text))),
    }
}

impl<'de> Deserialize<'de> for Target {
    /// Reads a positive duration from a string such as `"2d 4h"`, a whole
    /// number of seconds, or business days `"2bd"`.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Target, D::Error> {
        d.deserialize_any(TargetVisitor)
    }
}

struct TargetVisitor;

impl Visitor<'_> for TargetVisitor {
    type Value = Target;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a duration such as \"4h\" or a number of seconds")
    }
    fn visit_i64<E: serde::de::Error>(self, seconds: i64) -> Result<Target, E> {
        positive(seconds).map(Target::Seconds).map_err(E::custom)
    }
    fn visit_u64<E: serde::de::Error>(self, seconds: u64) -> Result<Target, E> {
        self.visit_i64(i64::try_from(seconds).unwrap_or(i64::MAX))
    }
    fn visit_f64<E: serde::de::Error>(self, x: f64) -> Result<Target, E> {
        // Written with a fraction (`1.5`, or `3600.0`, shown as such).
        let point = if x.fract() == 0.0 { ".0" } else { "" };
        Err(E::custom(["the number ", &x.to_string(), point, " is not a whole number of seconds"].concat()))
    }
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Target, E> {
        match text.trim().strip_suffix("bd") {
            Some(days) => working_days(days).map(Target::WorkingDays),
            None => parse(text).and_then(|(s, days)| positive(s).map(|s| days.map_or(Target::Seconds(s), |n| Target::Days(n, s)))),
        }
        .map_err(E::custom)
    }
}

fn positive(seconds: i64) -> Result<i64, String> {
    if seconds <= 0 {
        return Err("a target must be longer than zero seconds".to_string());
    }
    if seconds > MAX_SECONDS {
        return Err("a target may be at most 100 years".to_string());
    }
    Ok(seconds)
}

/// 100 years of seconds: longer targets are certainly mistakes, and the
/// bound keeps every sum of instants and targets far from overflow.
const MAX_SECONDS: i64 = 100 * 366 * 86_400;

/// Parses `"2d 4h"`, `"1h30m"`, `"45s"`: one or more `<whole number><unit>`
/// parts, units `d`, `h`, `m`, `s` each at most once and in that order,
/// spaces allowed between parts. Returns the seconds (a day is 24 h) and,
/// when the day unit is used, the number of days if written alone (`"2d"`:
/// 2) or 0 if combined with other units (`"2d 4h"`).
pub fn parse(text: &str) -> Result<(i64, Option<u32>), String> {
    let bad = || format!("{} is not a duration (expected e.g. \"4h\", \"2d 4h\", \"30m\", \"1h30m\" or a number of seconds)", quote(text));
    let units = [('d', 86_400i64), ('h', 3_600), ('m', 60), ('s', 1)];
    let mut total: i64 = 0;
    let mut next_unit = 0; // index into `units` of the smallest unit still allowed
    let mut digits = String::new();
    let mut parts = 0;
    let mut days = false;
    for c in text.trim().chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if c == ' ' && digits.is_empty() {
            continue;
        } else {
            let pos = units.iter().position(|(u, _)| *u == c).ok_or_else(bad)?;
            if digits.is_empty() || pos < next_unit {
                return Err(bad());
            }
            let n: i64 = digits.parse().map_err(|_| bad())?;
            total = n.checked_mul(units[pos].1).and_then(|x| total.checked_add(x)).ok_or_else(bad)?;
            digits.clear();
            next_unit = pos + 1;
            parts += 1;
            days |= pos == 0;
        }
    }
    if !digits.is_empty() || parts == 0 {
        return Err(bad());
    }
    let days = days.then(|| if parts == 1 { u32::try_from(total / 86_400).unwrap_or(0) } else { 0 });
    Ok((total, days))
}

/// Formats seconds the way [`parse`] reads them: `"2d 4h"`, `"1h 30m"`,
/// `"0s"`; negative values get a leading `-`.
pub fn format(seconds: i64) -> String {
    let mut left = seconds.unsigned_abs();
    let mut out = Vec::new();
    for (unit, size) in [("d", 86_400u64), ("h", 3_600), ("m", 60), ("s", 1)] {
        if left >= size {
            out.push(format!("{}{unit}", left / size));
            left %= size;
        }
    }
    if out.is_empty() {
        return "0s".to_string();
    }
    let sign = if seconds < 0 { "-" } else { "" };
    format!("{sign}{}", out.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_units_and_combinations() {
        assert_eq!(parse("4h"), Ok((4 * 3600, None)));
        assert_eq!(parse("30m"), Ok((1800, None)));
        assert_eq!(parse("1h30m"), Ok((3600 + 1800, None)));
        // 2 d = 48 h of working time; + 4 h = 52 h = 187,200 s; days combined: day count 0
        assert_eq!(parse("2d 4h"), Ok((187_200, Some(0))));
        assert_eq!(parse(" 1d 2h 3m 4s "), Ok((86_400 + 7_200 + 180 + 4, Some(0))));
        assert_eq!(parse("90s"), Ok((90, None)));
        // days alone: 3 d = 259,200 s, day count 3
        assert_eq!(parse("3d"), Ok((259_200, Some(3))));
    }

    #[test]
    fn rejects_malformed() {
        for bad in ["", "h", "4", "4 h", "4x", "30m 1h", "1h1h", "-4h", "4.5h", "4 hours"] {
            assert!(parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    fn read(value: serde_json::Value) -> Result<i64, String> {
        match target(value)? {
            super::Target::Seconds(s) | super::Target::Days(_, s) => Ok(s),
            days => Err(format!("{days:?} is not in seconds")),
        }
    }

    #[test]
    fn reads_numbers_and_paths_errors() {
        assert_eq!(read(json!(3600)), Ok(3600));
        assert_eq!(read(json!("0m")), Err("policies[0].target: a target must be longer than zero seconds".to_string()));
        assert_eq!(read(json!(1.5)), Err("policies[0].target: the number 1.5 is not a whole number of seconds".to_string()));
        assert_eq!(read(json!(3600.0)), Err("policies[0].target: the number 3600.0 is not a whole number of seconds".to_string()));
        assert_eq!(
            read(json!(true)),
            Err("policies[0].target: invalid type: boolean `true`, expected a duration such as \"4h\" or a number of seconds".to_string())
        );
        assert_eq!(
            read(json!("4 hours")),
            Err("policies[0].target: \"4 hours\" is not a duration (expected e.g. \"4h\", \"2d 4h\", \"30m\", \"1h30m\" or a number of seconds)".to_string())
        );
        // 101 years of 366 days = 3,190,550,400 s > 100 × 366 × 86,400 = 3,162,240,000 s
        assert_eq!(read(json!(3_190_550_400i64)), Err("policies[0].target: a target may be at most 100 years".to_string()));
        assert_eq!(read(json!(-5)), Err("policies[0].target: a target must be longer than zero seconds".to_string()));
    }

    fn target(value: serde_json::Value) -> Result<super::Target, String> {
        crate::support::json_reader::from_value::<super::Target>(&value, "policies[0].target").map_err(|e| e.to_string())
    }

    #[test]
    fn reads_business_days() {
        assert_eq!(target(json!("2bd")), Ok(super::Target::WorkingDays(2)));
        assert_eq!(target(json!(" 10bd ")), Ok(super::Target::WorkingDays(10)));
        assert_eq!(target(json!("1d")), Ok(super::Target::Days(1, 86_400)));
        // 2 d 4 h = 52 h = 187,200 s; days combined with hours are day count 0.
        assert_eq!(target(json!("2d 4h")), Ok(super::Target::Days(0, 187_200)));
        assert_eq!(super::Target::Days(2, 172_800).business_days(), Some(super::Target::WorkingDays(2)));
        assert_eq!(super::Target::Seconds(7_200).business_days(), Some(super::Target::Seconds(7_200)));
        assert_eq!(super::Target::Days(0, 187_200).business_days(), None);
        assert_eq!(super::Target::Days(36_501, 36_501 * 86_400).business_days(), None);
        assert_eq!(target(json!(60)), Ok(super::Target::Seconds(60)));
        assert_eq!(target(json!("0bd")), Err("policies[0].target: a target must be longer than zero seconds".to_string()));
        assert_eq!(
            target(json!("2d 1bd")),
            Err("policies[0].target: \"2d 1bd\" is not a number of business days (expected e.g. \"2bd\"; \"bd\" cannot be combined with other units)"
                .to_string())
        );
        assert_eq!(target(json!("36501bd")), Err("policies[0].target: \"36501bd\": a target may be at most 36500 business days".to_string()));
        assert_eq!(target(json!("4 hours")), read(json!("4 hours")).map(super::Target::Seconds));
    }

    #[test]
    fn formats_round_trip() {
        assert_eq!(format(187_200), "2d 4h");
        assert_eq!(format(5_400), "1h 30m");
        assert_eq!(format(0), "0s");
        assert_eq!(format(-61), "-1m 1s");
        assert_eq!(parse(&format(93_784)).map(|p| p.0), Ok(93_784));
    }
}
