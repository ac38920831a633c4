//! Reading a calendar specification (JSON) into a validated weekly template.
//!
//! ```json
//! { "timezone": "Europe/Berlin",
//!   "week": { "mon": [["09:00", "17:00"]], "sat": [["22:00", "06:00"]] },
//!   "holidays": ["2026-12-25"] }
//! ```
//! Days are `mon`..`sun`; a missing day is closed. Each window is a pair of
//! local wall-clock times `"HH:MM"` or `"HH:MM:SS"`; `"24:00"` ends a day; a
//! window whose end is not after its start runs overnight into the next day
//! and belongs to the day it starts on.

use super::rules::{parse_rule, DayRule, DayRules};
use crate::support::error::quote;
use crate::support::json_reader::parse_str;
use crate::support::time::SECONDS_PER_DAY;
use crate::support::tz::TimeZone;
use serde::de::{Deserializer, Error as _, IgnoredAny, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// Day keys in ISO order (Monday first).
pub const DAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A working window of one weekday, in seconds after local midnight of the
/// day it belongs to. `end` may exceed one day for an overnight window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Local start, `0..86400`.
    pub start: i64,
    /// Local end, `start < end <= start + 86400`.
    pub end: i64,
}

/// A validated weekly calendar template, read from a spec object (errors
/// carry JSON paths below the spec's own).
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "SpecDocument")]
pub struct WeeklySpec {
    /// The zone the windows are read in.
    pub zone: TimeZone,
    /// Windows per ISO weekday (index 0 = Monday).
    pub week: [Vec<Window>; 7],
    /// Holidays, half days and extra working days.
    pub days: DayRules,
}

/// The spec object as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a calendar {\"timezone\": …, \"week\": {…}, \"holidays\": […]}")]
struct SpecDocument {
    #[serde(deserialize_with = "zone")]
    timezone: TimeZone,
    week: Week,
    holidays: Option<Vec<Holiday>>,
    workdays: Option<Vec<Workday>>,
    #[serde(rename = "holidaysIcs", default, deserialize_with = "ics_holidays")]
    holidays_ics: Vec<DayRule>,
}

/// The `week` object: windows per day (keys [`DAY_KEYS`]); a missing day is
/// closed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "windows by day {\"mon\": [[\"09:00\", \"17:00\"]], …}")]
struct Week {
    mon: Option<Vec<Window>>,
    tue: Option<Vec<Window>>,
    wed: Option<Vec<Window>>,
    thu: Option<Vec<Window>>,
    fri: Option<Vec<Window>>,
    sat: Option<Vec<Window>>,
    sun: Option<Vec<Window>>,
}

/// A `holidays` entry: a date or rule with options (a half day when it
/// has `hours`).
struct Holiday(DayRule);

/// A `workdays` entry: a date or rule with its `hours`.
struct Workday(DayRule);

impl From<SpecDocument> for WeeklySpec {
    fn from(doc: SpecDocument) -> WeeklySpec {
        let w = doc.week;
        let week = [w.mon, w.tue, w.wed, w.thu, w.fri, w.sat, w.sun].map(Option::unwrap_or_default);
        // Holiday and Workday wrap a DayRule: these collects reuse the vectors.
        let mut rules: Vec<DayRule> = doc.holidays.unwrap_or_default().into_iter().map(|h| h.0).collect();
        rules.extend(doc.holidays_ics);
        rules.extend(doc.workdays.unwrap_or_default().into_iter().map(|w| w.0));
        WeeklySpec { zone: doc.timezone, week, days: DayRules { rules } }
    }
}

/// An IANA zone name (`"Europe/Berlin"`), checked against the platform's
/// database.
pub(crate) fn zone<'de, D: Deserializer<'de>>(d: D) -> Result<TimeZone, D::Error> {
    parse_str(d, |name| TimeZone::named(name, ""))
}

/// The holidays of an iCalendar text (`holidaysIcs`).
fn ics_holidays<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<DayRule>, D::Error> {
    #[cfg(not(target_arch = "wasm32"))]
    return parse_str(d, super::ics::read);
    // The reader is about 4 KB gzip of wasm (docs/size.md): the browser
    // build takes the holidays as `holidays` rules instead.
    #[cfg(target_arch = "wasm32")]
    parse_str(d, |_| {
        Err("iCalendar import runs in the command line and native builds only; in the browser, list the holidays in \"holidays\" (`sla-scorecard calendar-holidays FILE.ics` prints them)")
    })
}

impl<'de> Deserialize<'de> for Holiday {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Holiday, D::Error> {
        parse_str(d, |text| parse_rule(text, false)).map(Holiday)
    }
}

impl<'de> Deserialize<'de> for Workday {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Workday, D::Error> {
        parse_str(d, |text| parse_rule(text, true)).map(Workday)
    }
}

impl<'de> Deserialize<'de> for Window {
    /// Reads `["09:00", "17:00"]`; errors are at the pair's path.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Window, D::Error> {
        struct Pair;
        impl<'de> Visitor<'de> for Pair {
            type Value = Window;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a pair [start, end] such as [\"09:00\", \"17:00\"]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Window, A::Error> {
                let mut items: Vec<String> = Vec::with_capacity(2);
                while items.len() < 2 {
                    match seq.next_element()? {
                        Some(item) => items.push(item),
                        None => break,
                    }
                }
                let mut count = items.len();
                if count == 2 {
                    while seq.next_element::<IgnoredAny>()?.is_some() {
                        count += 1;
                    }
                }
                match items.as_slice() {
                    [start, end] if count == 2 => window(start, end).map_err(A::Error::custom),
                    _ => Err(A::Error::custom(format!("expected a pair [start, end] such as [\"09:00\", \"17:00\"], found {count} items"))),
                }
            }
        }
        d.deserialize_seq(Pair)
    }
}

pub(super) fn window(start_text: &str, end_text: &str) -> Result<Window, String> {
    let start = time_of_day(start_text).ok_or_else(|| format!("{} is not a time of day", quote(start_text)))?;
    let end = time_of_day(end_text).ok_or_else(|| format!("{} is not a time of day", quote(end_text)))?;
    if start == SECONDS_PER_DAY {
        return Err("\"24:00\" can only end a window, not start one".to_string());
    }
    // A window whose end is not after its start runs overnight.
    let end = if end <= start { end + SECONDS_PER_DAY } else { end };
    Ok(Window { start, end })
}

/// Seconds after midnight of `"HH:MM"` or `"HH:MM:SS"`, `00:00`..`24:00`.
fn time_of_day(text: &str) -> Option<i64> {
    let mut parts = text.split(':');
    let mut field = |max: i64| -> Option<i64> {
        let p = parts.next()?;
        if p.len() != 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        p.parse::<i64>().ok().filter(|v| *v <= max)
    };
    let h = field(24)?;
    let m = field(59)?;
    let s = match text.len() {
        5 => 0,
        8 => field(59)?,
        _ => return None,
    };
    let secs = h * 3600 + m * 60 + s;
    (secs <= SECONDS_PER_DAY).then_some(secs)
}

// Test code only (compiled under `cfg(test)`): its unwrap()/expect() calls
// run on inputs written in the tests, never on user input.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::json_reader::from_value;
    use serde_json::json;

    fn err(spec: serde_json::Value) -> String {
        from_value::<WeeklySpec>(&spec, "").unwrap_err().to_string()
    }

    #[test]
    fn times_of_day() {
        assert_eq!(time_of_day("09:30"), Some(34_200));
        assert_eq!(time_of_day("24:00"), Some(86_400));
        assert_eq!(time_of_day("23:59:59"), Some(86_399));
        for bad in ["25:00", "24:01", "9:00", "09:60", "09:00:", "x", ""] {
            assert_eq!(time_of_day(bad), None, "{bad}");
        }
    }

    #[test]
    fn errors_name_the_path_and_value() {
        assert_eq!(err(json!({"timezone": "UTC", "week": {"mon": [["25:00", "17:00"]]}})), "week.mon[0]: \"25:00\" is not a time of day");
        assert_eq!(err(json!({"timezone": "Mars/Base", "week": {}})), "timezone: \"Mars/Base\" is not an IANA time zone");
        assert_eq!(
            err(json!({"timezone": "UTC", "week": {"monday": []}})),
            "week.monday: unknown field `monday`, expected one of `mon`, `tue`, `wed`, `thu`, `fri`, `sat`, `sun`"
        );
        assert_eq!(err(json!({"timezone": "UTC", "week": {}, "holidays": ["2026-02-30"]})), "holidays[0]: \"2026-02-30\" is not a date (expected YYYY-MM-DD)");
        assert_eq!(
            err(json!({"timezone": "UTC", "week": {"tue": [["09:00"]]}})),
            "week.tue[0]: expected a pair [start, end] such as [\"09:00\", \"17:00\"], found 1 items"
        );
        assert_eq!(err(json!({"week": {}})), "timezone: is required but missing");
        assert_eq!(
            err(json!({"timezone": "UTC", "week": {"wed": [["09:00", "12:00", "17:00"]]}})),
            "week.wed[0]: expected a pair [start, end] such as [\"09:00\", \"17:00\"], found 3 items"
        );
        assert_eq!(err(json!({"timezone": "UTC", "week": {"thu": [["24:00", "06:00"]]}})), "week.thu[0]: \"24:00\" can only end a window, not start one");
        assert_eq!(err(json!({"timezone": "UTC", "week": {"fri": [["09:00", 17]]}})), "week.fri[0][1]: invalid type: integer `17`, expected a string");
    }

    #[test]
    fn overnight_and_full_day_windows() {
        let spec = json!({"timezone": "UTC", "week": {"fri": [["22:00", "06:00"], ["00:00", "24:00"], ["08:00", "08:00"]]}});
        let w: WeeklySpec = from_value(&spec, "").unwrap();
        assert_eq!(
            w.week[4],
            vec![Window { start: 79_200, end: 86_400 + 21_600 }, Window { start: 0, end: 86_400 }, Window { start: 28_800, end: 86_400 + 28_800 },]
        );
    }
}
