//! Instants: whole seconds since the Unix epoch, in UTC.
//!
//! The core counts time in whole seconds, like ServiceNow's `GlideDuration`
//! and every SLA engine surveyed in the docs: an instant given with a
//! fraction of a second is truncated towards the past (`12:00:00.999Z` is
//! `12:00:00Z`). Supported instants lie from 1900-01-01 to 2199-12-31 UTC, a
//! range wide enough for service data and small enough that no arithmetic on
//! it can overflow.

use chrono::format::{parse, parse_and_remainder, Fixed, Item, Numeric, Pad, Parsed, StrftimeItems};
use chrono::{Datelike, NaiveDate, NaiveTime};

/// Seconds since 1970-01-01T00:00:00Z.
pub type Instant = i64;

/// The earliest supported instant, 1900-01-01T00:00:00Z.
pub const MIN_INSTANT: Instant = -2_208_988_800;
/// The first instant after the supported range, 2200-01-01T00:00:00Z.
pub const MAX_INSTANT: Instant = 7_258_118_400;

/// Seconds in a day of UTC (and of local wall-clock time).
pub const SECONDS_PER_DAY: i64 = 86_400;

/// chrono's day number (from 0001-01-01 = 1) of 1970-01-01.
const UNIX_EPOCH_DAY_FROM_CE: i64 = 719_163;

/// `%Y-%m-%d` (chrono's reading: month and day may be one digit).
const DATE: &[Item<'static>] = &[
    Item::Numeric(Numeric::Year, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Month, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Day, Pad::Zero),
];
/// `%H:%M`.
const HOUR_MINUTE: &[Item<'static>] = &[Item::Numeric(Numeric::Hour, Pad::Zero), Item::Literal(":"), Item::Numeric(Numeric::Minute, Pad::Zero)];
/// `%S%.f`.
const SECOND_FRACTION: &[Item<'static>] = &[Item::Numeric(Numeric::Second, Pad::Zero), Item::Fixed(Fixed::Nanosecond)];

/// Parses an ISO 8601 / RFC 3339 instant that carries its offset:
/// `2026-03-29T01:30:00Z`, `2026-03-29T03:30:00+02:00`, with or without
/// seconds and fraction, `T` or a space between date and time; the offset
/// is `Z`, `+hh:mm`, `+hhmm` or `+hh` (see [`read_iso`]).
///
/// Returns a message saying what was expected when `text` is not such an
/// instant or lies outside the supported range.
pub fn parse_instant(text: &str) -> Result<Instant, String> {
    let instant = read_iso(text.trim()).and_then(|(local, offset)| Some(local - offset?)).ok_or_else(|| {
        format!(
            "{} is not an ISO 8601 instant with an offset (expected e.g. \"2026-03-29T09:00:00Z\" or \"2026-03-29T11:00:00+02:00\")",
            crate::support::error::quote(text)
        )
    })?;
    check_range(instant).map_err(|m| format!("{}: {m}", crate::support::error::quote(text)))
}

/// Reads ISO 8601 as chrono reads `%Y-%m-%d`, or `%Y-%m-%d` and
/// `%H:%M[:%S[%.f]]` joined by `T`, `t` or a space and optionally followed
/// by an offset (`%#z`: `Z`, `±hh:mm`, `±hhmm` or `±hh`): the wall-clock
/// seconds since 1970-01-01T00:00 (midnight for a bare date) and the offset
/// in seconds (local minus UTC), if the text has one. `None` unless the
/// whole text is such a date-time, of an existing day and time.
pub fn read_iso(text: &str) -> Option<(i64, Option<i64>)> {
    // chrono's `%Y` also takes a signed year (`+2016`); ISO 8601 dates here
    // start with a digit.
    if text.starts_with(['+', '-']) {
        return None;
    }
    let mut parsed = Parsed::new();
    let Some((date, time)) = text.split_once(['T', 't', ' ']) else {
        return Some((epoch_day(parse_date(text)?) * SECONDS_PER_DAY, None));
    };
    parse(&mut parsed, date, DATE.iter()).ok()?;
    let rest = parse_and_remainder(&mut parsed, time, HOUR_MINUTE.iter()).ok()?;
    let rest = match rest.strip_prefix(':') {
        Some(seconds) => parse_and_remainder(&mut parsed, seconds, SECOND_FRACTION.iter()).ok()?,
        None => rest,
    };
    if !rest.is_empty() {
        // `%#z`, chrono's permissive offset, has no public item of its own:
        // the one item `StrftimeItems` makes of it, read through a slice like
        // the other items, so that chrono's parser is compiled for one kind
        // of item iterator only (its instance for `StrftimeItems` is 5 KB of
        // wasm).
        let offset = StrftimeItems::new("%#z").next()?;
        parse(&mut parsed, rest, std::slice::from_ref(&offset).iter()).ok()?;
    }
    resolve(&parsed)
}

/// What chrono read into `parsed`: the wall-clock seconds since
/// 1970-01-01T00:00 (midnight when it read no time of day) and the offset in
/// seconds (local minus UTC), when it read one (`+00:00` for epoch seconds,
/// `%s`, without one). `None` unless the fields make one existing date and
/// time and the offset is less than a day. Fractions of a second are
/// truncated; a leap second (`:60`) reads as the second before it.
pub fn resolve(parsed: &Parsed) -> Option<(i64, Option<i64>)> {
    let offset = match (parsed.offset(), parsed.timestamp()) {
        (Some(o), _) if o.abs() >= 86_400 => return None,
        (None, Some(_)) => Some(0),
        (o, _) => o,
    };
    let local = if has_time_of_day(parsed) || parsed.timestamp().is_some() {
        parsed.to_naive_datetime_with_offset(offset.unwrap_or(0)).ok()?
    } else {
        parsed.to_naive_date().ok()?.and_time(NaiveTime::MIN)
    };
    Some((local.and_utc().timestamp(), offset.map(i64::from)))
}

/// Whether chrono read a field of a time of day into `parsed` (an hour,
/// AM/PM, a minute, a second or a fraction).
pub fn has_time_of_day(parsed: &Parsed) -> bool {
    parsed.hour_div_12().is_some() || parsed.hour_mod_12().is_some() || parsed.minute().is_some() || parsed.second().is_some() || parsed.nanosecond().is_some()
}

/// Reads a date `YYYY-MM-DD` (chrono's `%Y-%m-%d`, so month and day may be
/// one digit; no sign before the year): `None` unless `text` is such a date.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    if text.starts_with(['+', '-']) {
        return None;
    }
    let mut parsed = Parsed::new();
    parse(&mut parsed, text, DATE.iter()).ok()?;
    parsed.to_naive_date().ok()
}

/// The number of days from 1970-01-01 to `date`.
#[inline]
pub fn epoch_day(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - UNIX_EPOCH_DAY_FROM_CE
}

/// The date `days` days after 1970-01-01 (1970-01-01 itself outside
/// chrono's range of ±262,000 years, which no supported instant reaches).
pub fn date_of_epoch_day(days: i64) -> NaiveDate {
    i32::try_from(days + UNIX_EPOCH_DAY_FROM_CE).ok().and_then(NaiveDate::from_num_days_from_ce_opt).unwrap_or_default()
}

/// Converts epoch milliseconds (a JS `Date` value) to an instant, truncating
/// towards the past.
#[inline]
pub fn from_epoch_millis(ms: f64) -> Result<Instant, String> {
    if !ms.is_finite() {
        return Err(format!("{} is not a finite number of milliseconds", ms));
    }
    let secs = (ms / 1000.0).floor();
    if secs < MIN_INSTANT as f64 || secs >= MAX_INSTANT as f64 {
        return Err(format!("{} ms since the epoch is outside 1900-01-01..2199-12-31", ms));
    }
    Ok(secs as Instant)
}

/// Checks that `t` lies in the supported range.
#[inline]
pub fn check_range(t: Instant) -> Result<Instant, String> {
    if (MIN_INSTANT..MAX_INSTANT).contains(&t) {
        Ok(t)
    } else {
        Err("outside the supported range 1900-01-01..2199-12-31".to_string())
    }
}

/// Formats an instant as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn format_instant(t: Instant) -> String {
    let date = local_date(t);
    let s = t.rem_euclid(SECONDS_PER_DAY);
    format!("{date}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

/// The local civil date of a wall-clock second count (seconds since
/// 1970-01-01T00:00:00 local, as if local time were UTC).
#[inline]
pub fn local_date(local_seconds: i64) -> NaiveDate {
    date_of_epoch_day(local_seconds.div_euclid(SECONDS_PER_DAY))
}

// Test code only (compiled under `cfg(test)`): its unwrap()/expect() calls
// run on inputs written in the tests, never on user input.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_offsets_and_truncates_fractions() {
        // 2026-03-29T01:30:00Z = 20541 days * 86400 + 5400 (20541 days from 1970-01-01 to 2026-03-29)
        assert_eq!(parse_instant("2026-03-29T01:30:00Z"), Ok(20_541 * 86_400 + 5_400));
        assert_eq!(parse_instant("2026-03-29T03:30:00+02:00"), Ok(20_541 * 86_400 + 5_400));
        assert_eq!(parse_instant("2026-03-29T01:30:00.999Z"), Ok(20_541 * 86_400 + 5_400));
        assert_eq!(parse_instant("2026-03-29T07:00+05:30"), Ok(20_541 * 86_400 + 5_400));
        assert_eq!(parse_instant("2026-03-29 01:30Z"), Ok(20_541 * 86_400 + 5_400));
        assert_eq!(parse_instant(" 2026-03-29t01:30:00z "), Ok(20_541 * 86_400 + 5_400));
        assert_eq!(format_instant(20_541 * 86_400 + 5_400), "2026-03-29T01:30:00Z");
        // 1969-12-31T23:59:59Z, before the epoch.
        assert_eq!(format_instant(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn rejects_naive_and_garbage() {
        assert!(parse_instant("2026-03-29T01:30:00").unwrap_err().contains("with an offset"));
        assert!(parse_instant("yesterday").is_err());
        assert!(parse_instant("2300-01-01T00:00:00Z").unwrap_err().contains("supported range"));
    }

    #[test]
    fn epoch_millis_floor() {
        assert_eq!(from_epoch_millis(1_500.0), Ok(1));
        assert_eq!(from_epoch_millis(-1.0), Ok(-1));
        assert!(from_epoch_millis(f64::NAN).is_err());
    }

    // The cases below were the tests of the crate's own civil dates
    // (src/civil.rs) and ISO 8601 forms (src/strptime.rs), which chrono
    // replaces; they keep asserting the same.

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn day_numbers() {
        // 1970-01-01 is day 0; 2026-03-29 is day 20541 (56 years of 365
        // days + 14 leap days 1972..2024 = 20454, + 31 + 28 + 28 = 87).
        assert_eq!(epoch_day(date(1970, 1, 1)), 0);
        assert_eq!(epoch_day(date(2026, 3, 29)), 20_541);
        assert_eq!(date_of_epoch_day(20_541), date(2026, 3, 29));
        // 1969-12-31 is day -1; 1900-01-01 is -25567 (70 years, 17 leap days).
        assert_eq!(date_of_epoch_day(-1), date(1969, 12, 31));
        assert_eq!(epoch_day(date(1900, 1, 1)), -25_567);
        // 2000-03-01 (after a 400-year leap day) is day 11017.
        assert_eq!(epoch_day(date(2000, 3, 1)), 11_017);
        assert_eq!(date_of_epoch_day(11_016), date(2000, 2, 29));
        // Far outside chrono's range: 1970-01-01, no panic.
        assert_eq!(date_of_epoch_day(i64::MAX / 2), date(1970, 1, 1));
    }

    #[test]
    fn every_day_round_trips() {
        // 1899-12-01 .. 2200-01-31, day by day.
        let (mut d, mut day) = (date(1899, 12, 1), epoch_day(date(1899, 12, 1)));
        while d < date(2200, 2, 1) {
            assert_eq!(date_of_epoch_day(day), d);
            assert_eq!(epoch_day(d), day);
            d = d.succ_opt().unwrap();
            day += 1;
        }
    }

    #[test]
    fn dates_as_text() {
        assert_eq!(parse_date("2016-02-29"), Some(date(2016, 2, 29)));
        assert_eq!(parse_date("2016-2-9"), Some(date(2016, 2, 9)));
        assert_eq!(parse_date("2016-02-30"), None);
        assert_eq!(parse_date("2016-02"), None);
        assert_eq!(parse_date("2016-02-29x"), None);
        assert_eq!(parse_date("+2016-02-29"), None);
        assert_eq!(date(2016, 2, 9).to_string(), "2016-02-09");
    }

    // 2016-02-29T00:00:00 = 16860 days * 86400 (16860 days from 1970-01-01).
    const FEB29: i64 = 1_456_704_000;

    #[test]
    fn iso_offsets() {
        // 02:16 at +01:00 = 01:16Z = FEB29 + 3600 + 960.
        assert_eq!(read_iso("2016-02-29T02:16:00+01:00"), Some((FEB29 + 8160, Some(3600))));
        let z = |t: &str| parse_instant(t).ok();
        // 07:00 at +05:30 = 01:30Z = FEB29 + 5400.
        assert_eq!(z("2016-02-29T07:00+05:30"), Some(FEB29 + 5400));
        assert_eq!(z("2016-02-29 07:00+0530"), Some(FEB29 + 5400));
        assert_eq!(z("2016-02-29t01:30Z"), Some(FEB29 + 5400));
        assert_eq!(z("2016-02-29T00:30 -01"), Some(FEB29 + 5400));
        assert_eq!(z("2016-02-29T00:30\u{2212}01:00"), Some(FEB29 + 5400));
        assert_eq!(z("2016-02-29T00:30+24:00"), None);
        assert_eq!(z("2016-02-29T00:30+01:60"), None);
        assert_eq!(z("+2016-02-29T01:30Z"), None);
    }

    #[test]
    fn iso_fractions_are_truncated() {
        assert_eq!(read_iso("2016-02-29 01:16:30.999"), Some((FEB29 + 4590, None)));
        assert_eq!(read_iso("2016-02-29T01:16:30"), Some((FEB29 + 4590, None)));
        assert_eq!(read_iso("2016-02-29T01:16:30."), None);
        assert_eq!(read_iso("2016-02-29"), Some((FEB29, None)));
        assert_eq!(read_iso("2016-02-29T"), None);
        // A leap second reads as the second before it.
        assert_eq!(read_iso("2016-02-29 23:59:60"), Some((FEB29 + 86_399, None)));
    }
}
