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

use crate::error::{quote, Error};
use crate::json_reader::Node;
use crate::time::SECONDS_PER_DAY;
use crate::tz::TimeZone;

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

/// A validated weekly calendar template.
#[derive(Debug, Clone)]
pub struct WeeklySpec {
    /// The zone the windows are read in.
    pub zone: TimeZone,
    /// Windows per ISO weekday (index 0 = Monday).
    pub week: [Vec<Window>; 7],
    /// Holidays as days since 1970-01-01 (local dates), sorted, unique.
    pub holidays: Vec<i64>,
}

/// Reads a spec object; errors carry JSON paths below `spec`'s own path.
pub fn read(spec: &Node) -> Result<WeeklySpec, Error> {
    spec.deny_unknown(&["timezone", "week", "holidays"])?;
    let tz_node = spec.required("timezone")?;
    let zone = TimeZone::named(tz_node.str()?, tz_node.path())?;

    let week_node = spec.required("week")?;
    week_node.deny_unknown(&DAY_KEYS)?;
    let mut week: [Vec<Window>; 7] = Default::default();
    for (i, key) in DAY_KEYS.iter().enumerate() {
        if let Some(day) = week_node.get(key) {
            for window in day.items()? {
                week[i].push(read_window(&window)?);
            }
        }
    }

    let mut holidays = Vec::new();
    if let Some(list) = spec.get("holidays") {
        for item in list.items()? {
            let text = item.str()?;
            let date = crate::time::parse_date(text).ok_or_else(|| item.error(format!("{} is not a date (expected YYYY-MM-DD)", quote(text))))?;
            holidays.push(crate::time::epoch_day(date));
        }
    }
    crate::order::sort_i64(&mut holidays);
    holidays.dedup();
    Ok(WeeklySpec { zone, week, holidays })
}

fn read_window(node: &Node) -> Result<Window, Error> {
    let items = node.items()?;
    let [start, end] = items.as_slice() else {
        return Err(node.error(format!(
            "expected a pair [start, end] such as [\"09:00\", \"17:00\"], found {} items",
            items.len()
        )));
    };
    let start_text = start.str()?;
    let end_text = end.str()?;
    let start = time_of_day(start_text).ok_or_else(|| node.error(format!("{} is not a time of day", quote(start_text))))?;
    let end = time_of_day(end_text).ok_or_else(|| node.error(format!("{} is not a time of day", quote(end_text))))?;
    if start == SECONDS_PER_DAY {
        return Err(node.error("\"24:00\" can only end a window, not start one"));
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err(spec: serde_json::Value) -> String {
        read(&Node::root(&spec, "")).unwrap_err().to_string()
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
        assert_eq!(
            err(json!({"timezone": "UTC", "week": {"mon": [["25:00", "17:00"]]}})),
            "week.mon[0]: \"25:00\" is not a time of day"
        );
        assert_eq!(err(json!({"timezone": "Mars/Base", "week": {}})), "timezone: \"Mars/Base\" is not an IANA time zone");
        assert_eq!(
            err(json!({"timezone": "UTC", "week": {"monday": []}})),
            "week.monday: unknown field; expected one of: mon, tue, wed, thu, fri, sat, sun"
        );
        assert_eq!(
            err(json!({"timezone": "UTC", "week": {}, "holidays": ["2026-02-30"]})),
            "holidays[0]: \"2026-02-30\" is not a date (expected YYYY-MM-DD)"
        );
        assert_eq!(
            err(json!({"timezone": "UTC", "week": {"tue": [["09:00"]]}})),
            "week.tue[0]: expected a pair [start, end] such as [\"09:00\", \"17:00\"], found 1 items"
        );
        assert_eq!(err(json!({"week": {}})), "timezone: is required but missing");
    }

    #[test]
    fn overnight_and_full_day_windows() {
        let spec = json!({"timezone": "UTC", "week": {"fri": [["22:00", "06:00"], ["00:00", "24:00"], ["08:00", "08:00"]]}});
        let w = read(&Node::root(&spec, "")).unwrap();
        assert_eq!(w.week[4], vec![
            Window { start: 79_200, end: 86_400 + 21_600 },
            Window { start: 0, end: 86_400 },
            Window { start: 28_800, end: 86_400 + 28_800 },
        ]);
    }
}
