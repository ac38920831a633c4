//! Instants: whole seconds since the Unix epoch, in UTC.
//!
//! The core counts time in whole seconds, like ServiceNow's `GlideDuration`
//! and every SLA engine surveyed in the docs: an instant given with a
//! fraction of a second is truncated towards the past (`12:00:00.999Z` is
//! `12:00:00Z`). Supported instants lie from 1900-01-01 to 2199-12-31 UTC, a
//! range wide enough for service data and small enough that no arithmetic on
//! it can overflow.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

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
/// seconds and fraction, `T` or a space between date and time.
///
/// Returns a message saying what was expected when `text` is not such an
/// instant or lies outside the supported range.
pub fn parse_instant(text: &str) -> Result<Instant, String> {
    let t = text.trim();
    let parsed = DateTime::parse_from_rfc3339(t)
        .or_else(|_| DateTime::parse_from_str(t, "%Y-%m-%dT%H:%M%#z"))
        .or_else(|_| DateTime::parse_from_str(t, "%Y-%m-%d %H:%M%#z"))
        .or_else(|_| DateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f%#z"))
        .map_err(|_| {
            format!(
                "{} is not an ISO 8601 instant with an offset (expected e.g. \"2026-03-29T09:00:00Z\" or \"2026-03-29T11:00:00+02:00\")",
                crate::error::quote(text)
            )
        })?;
    check_range(parsed.timestamp()).map_err(|m| format!("{}: {m}", crate::error::quote(text)))
}

/// Converts epoch milliseconds (a JS `Date` value) to an instant, truncating
/// towards the past.
pub fn from_epoch_millis(ms: f64) -> Result<Instant, String> {
    if !ms.is_finite() {
        return Err(format!("{ms} is not a finite number of milliseconds"));
    }
    let secs = (ms / 1000.0).floor();
    if secs < MIN_INSTANT as f64 || secs >= MAX_INSTANT as f64 {
        return Err(format!("{ms} ms since the epoch is outside 1900-01-01..2199-12-31"));
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
    match DateTime::from_timestamp(t, 0) {
        Some(dt) => dt.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        // Unreachable for instants produced by this crate (all range-checked);
        // a visible marker is better than a panic if it ever happens.
        None => format!("invalid-instant({t})"),
    }
}

/// The local civil date of a wall-clock second count (seconds since
/// 1970-01-01T00:00:00 local, as if local time were UTC).
pub fn local_date(local_seconds: i64) -> NaiveDate {
    let days = local_seconds.div_euclid(SECONDS_PER_DAY);
    epoch_day_to_date(days)
}

/// The number of days from 1970-01-01 to `date`.
pub fn date_to_epoch_day(date: NaiveDate) -> i64 {
    date.signed_duration_since(unix_epoch_date()).num_days()
}

/// The date `days` after 1970-01-01.
pub fn epoch_day_to_date(days: i64) -> NaiveDate {
    // `Duration::days` and the addition panic only beyond ±262,000 years;
    // every caller passes a day of a range-checked instant (1900..2200, see
    // `check_range`) or of a period label parsed within 1900..2200.
    unix_epoch_date() + chrono::Duration::days(days)
}

/// Wall-clock seconds since 1970-01-01T00:00:00 of a naive date-time.
pub fn naive_to_local_seconds(dt: NaiveDateTime) -> i64 {
    dt.and_utc().timestamp()
}

fn unix_epoch_date() -> NaiveDate {
    NaiveDate::default() // 1970-01-01
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
        assert_eq!(format_instant(20_541 * 86_400 + 5_400), "2026-03-29T01:30:00Z");
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
