//! Instants: whole seconds since the Unix epoch, in UTC.
//!
//! The core counts time in whole seconds, like ServiceNow's `GlideDuration`
//! and every SLA engine surveyed in the docs: an instant given with a
//! fraction of a second is truncated towards the past (`12:00:00.999Z` is
//! `12:00:00Z`). Supported instants lie from 1900-01-01 to 2199-12-31 UTC, a
//! range wide enough for service data and small enough that no arithmetic on
//! it can overflow.

use crate::civil::Date;
use crate::strptime::{self, ISO_MINUTES_OFFSET, ISO_SECONDS_OFFSET};

/// Seconds since 1970-01-01T00:00:00Z.
pub type Instant = i64;

/// The earliest supported instant, 1900-01-01T00:00:00Z.
pub const MIN_INSTANT: Instant = -2_208_988_800;
/// The first instant after the supported range, 2200-01-01T00:00:00Z.
pub const MAX_INSTANT: Instant = 7_258_118_400;

/// Seconds in a day of UTC (and of local wall-clock time).
pub const SECONDS_PER_DAY: i64 = 86_400;

/// Parses an ISO 8601 / RFC 3339 instant that carries its offset:
/// `2026-03-29T01:30:00Z`, `2026-03-29T03:30:00+02:00`, with or without
/// seconds and fraction, `T` or a space between date and time; the offset
/// is `Z`, `+hh:mm`, `+hhmm` or `+hh` (see [`strptime`]).
///
/// Returns a message saying what was expected when `text` is not such an
/// instant or lies outside the supported range.
pub fn parse_instant(text: &str) -> Result<Instant, String> {
    let t = text.trim();
    let instant = [ISO_SECONDS_OFFSET, ISO_MINUTES_OFFSET]
        .into_iter()
        .find_map(|form| strptime::read(t, form)?.instant())
        .ok_or_else(|| {
            format!(
                "{} is not an ISO 8601 instant with an offset (expected e.g. \"2026-03-29T09:00:00Z\" or \"2026-03-29T11:00:00+02:00\")",
                crate::error::quote(text)
            )
        })?;
    check_range(instant).map_err(|m| format!("{}: {m}", crate::error::quote(text)))
}

/// Converts epoch milliseconds (a JS `Date` value) to an instant, truncating
/// towards the past.
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
pub fn local_date(local_seconds: i64) -> Date {
    Date::from_epoch_day(local_seconds.div_euclid(SECONDS_PER_DAY))
}

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
}
