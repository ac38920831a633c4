//! Reading timestamps as they come out of ticketing systems.
//!
//! In order, a value is read as:
//! 1. epoch seconds or milliseconds (a plain number; see [`Epoch`]);
//! 2. each configured format, in order (`%d/%m/%Y %H:%M`; chrono's syntax,
//!    the subset listed in [`crate::strptime`]); a format with `%z` carries
//!    its own offset, any other is wall-clock time in the source zone; a
//!    format without a time of day gives local midnight; a format must match
//!    the whole value;
//! 3. ISO 8601 / RFC 3339 with `Z` or an offset (`2026-03-29T09:00:00+02:00`);
//! 4. naive ISO 8601 (`2026-03-29 09:00[:00[.fff]]`, `2026-03-29T09:00`, or a
//!    bare date `2026-03-29`) as wall-clock time in the source zone.
//!
//! Naive wall-clock times become instants through
//! [`TimeZone::local_to_utc`]: a time repeated when the clocks go back is its
//! first occurrence, a time skipped when they go forward is read with the
//! offset before the gap. Fractions of a second are truncated. Numeric
//! fields of formats accept values without zero padding, so
//! `%d/%m/%Y %H:%M` reads `29/2/2016 01:16`.

use crate::error::{quote, Error};
use crate::strptime::{self, Item, Reading};
use crate::time::{check_range, parse_instant, Instant};
use crate::tz::TimeZone;
use std::cell::RefCell;

/// How a plain number is read as an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Epoch {
    /// Seconds since 1970-01-01T00:00:00Z.
    Seconds,
    /// Milliseconds since 1970-01-01T00:00:00Z (JavaScript `Date` values).
    Milliseconds,
    /// Milliseconds when the magnitude is at least 10^11 (which as seconds
    /// would be after the year 5000), seconds otherwise.
    Auto,
}

/// Naive ISO 8601 shapes always accepted, tried after the configured formats.
const NAIVE_ISO: [&[Item]; 3] = [strptime::ISO_SECONDS, strptime::ISO_MINUTES, strptime::DATE];

/// Most distinct values remembered by a reader (exports repeat the same
/// timestamps on many rows: an event log repeats `opened_at` on every event).
const MEMO_CAPACITY: usize = 1 << 16;

/// Reads timestamp values under one configuration.
#[derive(Debug, Clone)]
pub struct TimestampReader {
    zone: TimeZone,
    /// Whether the zone is UTC, where wall-clock time is the instant.
    utc: bool,
    formats: Vec<(String, Vec<Item>)>,
    epoch: Epoch,
    /// Whether no configured format can match an ISO 8601 value, so that
    /// canonical ISO values may be read by [`canonical_iso`] directly.
    fast_iso: bool,
    memo: RefCell<foldhash::HashMap<String, Instant>>,
}

impl TimestampReader {
    /// A reader for naive times in `zone`, trying the `formats` in order.
    /// `path` names the option holding the formats, for errors.
    pub fn new(zone: TimeZone, formats: &[String], epoch: Epoch, path: &str) -> Result<Self, Error> {
        let mut compiled = Vec::with_capacity(formats.len());
        for (i, f) in formats.iter().enumerate() {
            let items = strptime::compile(f).map_err(|why| {
                Error::invalid(format!("{path}[{i}]"), format!("{} is not a timestamp format (expected e.g. \"%d/%m/%Y %H:%M\"): {why}", quote(f)))
            })?;
            compiled.push((f.clone(), items));
        }
        let utc = matches!(zone.name(), "UTC" | "Etc/UTC" | "Etc/UCT" | "UCT" | "Etc/Universal" | "Universal" | "Zulu" | "Etc/Zulu");
        let fast_iso = !formats.iter().any(|f| format_may_match_iso(f));
        Ok(TimestampReader { zone, utc, formats: compiled, epoch, fast_iso, memo: RefCell::new(foldhash::HashMap::default()) })
    }

    /// The zone naive times are read in.
    pub fn zone(&self) -> &TimeZone {
        &self.zone
    }

    /// Reads a text value. The error completes a sentence that starts with
    /// the quoted value: `"31/31/2016" is not a timestamp; expected …`.
    pub fn read_text(&self, text: &str) -> Result<Instant, String> {
        let t = super::cells::trim(text);
        // The common case of exports and of generated data, without the
        // format reader and without the memo: the same result as the steps
        // below.
        if self.fast_iso {
            if let Some((local, offset)) = canonical_iso(t.as_bytes()) {
                return match offset {
                    Some(offset) => check_range(local - offset).map_err(|m| format!("is {m}")),
                    None => self.local_seconds(local),
                };
            }
        }
        if let Some(&instant) = self.memo.borrow().get(t) {
            return Ok(instant);
        }
        let instant = self.parse(t)?;
        let mut memo = self.memo.borrow_mut();
        if memo.len() >= MEMO_CAPACITY {
            memo.clear();
        }
        memo.insert(t.to_string(), instant);
        Ok(instant)
    }

    fn parse(&self, t: &str) -> Result<Instant, String> {
        if is_number(t) {
            return match super::cells::decimal(t) {
                Some(n) => self.read_number(n),
                None => Err(self.expected()),
            };
        }
        for (_, items) in &self.formats {
            if let Some(reading) = strptime::read(t, items) {
                return self.instant(reading);
            }
        }
        if looks_iso(t) {
            if let Ok(instant) = parse_instant(t) {
                return Ok(instant);
            }
        }
        match NAIVE_ISO.into_iter().find_map(|form| strptime::read(t, form)) {
            Some(reading) => self.instant(reading),
            None => Err(self.expected()),
        }
    }

    /// Reads a number as epoch seconds or milliseconds.
    pub fn read_number(&self, n: f64) -> Result<Instant, String> {
        if !n.is_finite() {
            return Err("is not a finite number of seconds".to_string());
        }
        let millis = match self.epoch {
            Epoch::Seconds => false,
            Epoch::Milliseconds => true,
            Epoch::Auto => n.abs() >= 1e11,
        };
        let secs = if millis { (n / 1000.0).floor() } else { n.floor() };
        let unit = if millis { "milliseconds" } else { "seconds" };
        if secs.abs() > 1e15 {
            return Err(format!("as epoch {unit} is outside the supported range 1900-01-01..2199-12-31"));
        }
        check_range(secs as Instant).map_err(|m| format!("as epoch {unit} is {m}"))
    }

    /// The instant of a reading: its own offset, else wall-clock time in
    /// the zone.
    fn instant(&self, reading: Reading) -> Result<Instant, String> {
        if let Some(instant) = reading.instant() {
            return check_range(instant).map_err(|m| format!("is {m}"));
        }
        self.local_seconds(reading.local)
    }

    /// The instant of wall-clock seconds in the zone.
    fn local_seconds(&self, local: i64) -> Result<Instant, String> {
        // Range-check the wall-clock value first so the zone is never asked
        // about instants far outside its tables.
        check_range(local).map_err(|m| format!("is {m}"))?;
        if self.utc {
            return Ok(local);
        }
        check_range(self.zone.local_to_utc(local)).map_err(|m| format!("is {m}"))
    }

    fn expected(&self) -> String {
        let mut s = format!(
            "is not a timestamp; expected ISO 8601 with Z or an offset (\"2026-03-29T09:00:00Z\"), naive ISO 8601 in {} (\"2026-03-29 09:00\"), epoch seconds or milliseconds",
            self.zone.name()
        );
        if !self.formats.is_empty() {
            let list: Vec<String> = self.formats.iter().map(|(f, _)| quote(f)).collect();
            s.push_str(", or the format ");
            s.push_str(&list.join(" or "));
        }
        s
    }
}

/// Whether the format `f` might match a value that starts with four
/// digits and `-` (an ISO 8601 date). It cannot when it starts with a
/// literal other than a digit or space, with a month or weekday name, or
/// with a field of at most two digits followed by a literal that is not a
/// digit or space: the reader (like chrono) reads such a field greedily (`20` of `2025-`) and
/// then fails on the literal. Anything else is assumed to possibly match.
fn format_may_match_iso(f: &str) -> bool {
    let b = f.as_bytes();
    let Some(&first) = b.first() else { return false };
    if first != b'%' {
        return first.is_ascii_digit() || first.is_ascii_whitespace();
    }
    let mut i = 1;
    if matches!(b.get(i), Some(b'-' | b'_' | b'0')) {
        i += 1;
    }
    match b.get(i) {
        Some(b'b' | b'B' | b'h' | b'a' | b'A') => false,
        Some(b'd' | b'e' | b'm' | b'H' | b'I' | b'k' | b'l' | b'M' | b'S' | b'y' | b'C') => {
            b.get(i + 1).map_or(true, |&c| c == b'%' || c.is_ascii_digit() || c.is_ascii_whitespace())
        }
        _ => true,
    }
}

/// Reads the canonical ISO 8601 shape `YYYY-MM-DD[T ]HH:MM[:SS[.f…]]`
/// followed by nothing (naive), `Z` or `±HH:MM`: the local seconds since
/// the epoch and the offset in seconds, if any. `None` for anything else
/// (including a leap second `:60`), which the general steps then read.
fn canonical_iso(b: &[u8]) -> Option<(i64, Option<i64>)> {
    /// The two digits at `i`, as a number.
    fn two(b: &[u8], i: usize) -> Option<i64> {
        let (x, y) = (b.get(i)?.wrapping_sub(b'0'), b.get(i + 1)?.wrapping_sub(b'0'));
        (x < 10 && y < 10).then(|| i64::from(x) * 10 + i64::from(y))
    }
    if b.len() < 16 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b' ') || b[13] != b':' {
        return None;
    }
    let year = two(b, 0)? * 100 + two(b, 2)?;
    let (month, day, hour, minute) = (two(b, 5)?, two(b, 8)?, two(b, 11)?, two(b, 14)?);
    let mut i = 16;
    let mut second = 0;
    if b.get(i) == Some(&b':') {
        second = two(b, i + 1)?;
        i += 3;
        if b.get(i) == Some(&b'.') {
            let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return None;
            }
            i += 1 + digits;
        }
    }
    let offset = match b.get(i) {
        None => None,
        Some(b'Z') if i + 1 == b.len() => Some(0),
        Some(&sign @ (b'+' | b'-')) if i + 6 == b.len() && b[i + 3] == b':' => {
            let (h, m) = (two(b, i + 1)?, two(b, i + 4)?);
            if h > 23 || m > 59 {
                return None;
            }
            Some(if sign == b'+' { h * 3600 + m * 60 } else { -(h * 3600 + m * 60) })
        }
        _ => return None,
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&month) || day < 1 || day > month_days[(month - 1) as usize] || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    Some((days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second, offset))
}

/// Days from 1970-01-01 to the proleptic Gregorian date (H. Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Whether `t` starts like an ISO 8601 date with a time (`YYYY-MM-DD?HH`).
fn looks_iso(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 16 && b[4] == b'-' && b[7] == b'-' && b[..4].iter().all(u8::is_ascii_digit)
}

/// Whether `t` is a plain decimal number (`-12`, `1456708560`, `1.5e3` is not).
fn is_number(t: &str) -> bool {
    let digits = t.strip_prefix('-').unwrap_or(t);
    let mut parts = digits.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()) && frac.map_or(true, |f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(zone: &str, formats: &[&str], epoch: Epoch) -> TimestampReader {
        let formats: Vec<String> = formats.iter().map(|s| s.to_string()).collect();
        TimestampReader::new(TimeZone::named(zone, "timezone").unwrap(), &formats, epoch, "timestampFormats").unwrap()
    }

    // 2016-02-29T00:00:00Z = 16860 days * 86400 = 1_456_704_000
    // (16860 days from 1970-01-01 to 2016-02-29).
    const FEB29: Instant = 1_456_704_000;

    #[test]
    fn iso_with_offset_ignores_the_zone() {
        let r = reader("Europe/Berlin", &[], Epoch::Auto);
        assert_eq!(r.read_text("2016-02-29T01:16:00Z"), Ok(FEB29 + 3600 + 960));
        assert_eq!(r.read_text("2016-02-29T02:16:00+01:00"), Ok(FEB29 + 3600 + 960));
    }

    #[test]
    fn naive_iso_is_wall_clock_in_the_zone() {
        // Berlin is UTC+1 in February: 01:16 local = 00:16Z.
        let r = reader("Europe/Berlin", &[], Epoch::Auto);
        assert_eq!(r.read_text("2016-02-29 01:16"), Ok(FEB29 + 960));
        assert_eq!(r.read_text("2016-02-29T01:16:30.9"), Ok(FEB29 + 990));
        assert_eq!(r.read_text("2016-02-29"), Ok(FEB29 - 3600));
    }

    #[test]
    fn explicit_formats_pad_or_not() {
        let r = reader("UTC", &["%d-%m-%Y %H:%M", "%d/%m/%Y %H:%M"], Epoch::Auto);
        assert_eq!(r.read_text("29-02-2016 01:16"), Ok(FEB29 + 4560));
        // The full ServiceNow log: day and month not zero-padded.
        assert_eq!(r.read_text("29/2/2016 01:16"), Ok(FEB29 + 4560));
        assert_eq!(r.read_text("1/3/2016 1:05"), Ok(FEB29 + 86_400 + 3900));
    }

    #[test]
    fn jira_style_month_names_and_am_pm() {
        let r = reader("UTC", &["%d/%b/%y %I:%M %p"], Epoch::Auto);
        // 1:05 PM = 13:05 = 47100 s after midnight.
        assert_eq!(r.read_text("29/Feb/16 1:05 PM"), Ok(FEB29 + 47_100));
    }

    #[test]
    fn epochs() {
        let r = reader("UTC", &[], Epoch::Auto);
        assert_eq!(r.read_text("1456704000"), Ok(FEB29));
        assert_eq!(r.read_text("1456704000999"), Ok(FEB29));
        let s = reader("UTC", &[], Epoch::Seconds);
        assert_eq!(s.read_number(1000.9), Ok(1000));
        let ms = reader("UTC", &[], Epoch::Milliseconds);
        assert_eq!(ms.read_text("1500"), Ok(1));
        assert!(r.read_text("99999999999999999999999").unwrap_err().contains("supported range"));
    }

    #[test]
    fn garbage_and_impossible_dates_are_errors() {
        let r = reader("UTC", &["%d/%m/%Y %H:%M"], Epoch::Auto);
        let e = r.read_text("31/31/2016 10:00").unwrap_err();
        assert!(e.starts_with("is not a timestamp; expected ISO 8601"), "{e}");
        assert!(e.contains("\"%d/%m/%Y %H:%M\""), "{e}");
        assert!(r.read_text("30-02-2016 10:00").is_err());
        assert!(r.read_text("").is_err());
    }

    #[test]
    fn bad_format_names_its_path() {
        // The message was "is not a chrono format" while chrono read the
        // formats; the crate's own reader (src/strptime.rs) says why.
        let e = TimestampReader::new(TimeZone::utc(), &["%Q".to_string()], Epoch::Auto, "timestampFormats").unwrap_err();
        assert!(e.to_string().starts_with("timestampFormats[0]: \"%Q\" is not a timestamp format (expected e.g. \"%d/%m/%Y %H:%M\"): %Q is not one of %Y"), "{e}");
    }

    #[test]
    fn canonical_iso_fast_path_agrees_with_the_general_steps() {
        // 2025-01-06 = 20094 days after 1970-01-01 (55 years with 14 leap
        // days = 20089, + 5 days): 1_736_121_600; 10:00:00 adds 36,000.
        let utc = reader("UTC", &[], Epoch::Auto);
        assert_eq!(utc.read_text("2025-01-06 10:00:00"), Ok(1_736_157_600));
        assert_eq!(utc.read_text("2025-01-06T10:00:00.999Z"), Ok(1_736_157_600));
        assert_eq!(utc.read_text("2025-01-06T11:30:00+01:30"), Ok(1_736_157_600));
        assert_eq!(utc.read_text("2025-01-06T08:00-02:00"), Ok(1_736_157_600));
        // Chrono, through the general steps, gives the same on values the
        // fast path reads (it is off when a format could match ISO).
        let slow = reader("Europe/Berlin", &["%Y-%m-%d %H:%M:%S"], Epoch::Auto);
        let fast = reader("Europe/Berlin", &["%d/%m/%Y %H:%M"], Epoch::Auto);
        assert!(!slow.fast_iso && fast.fast_iso);
        for v in ["2024-02-29 23:59:59", "2026-03-29 02:30:00", "2026-10-25 02:30:00", "1900-01-01 01:00:00", "2199-12-31 12:00:00",
            "2016-02-29T01:16:00Z", "2016-02-29 01:16", "2016-02-29T02:16:00.5+01:00", "2025-12-31T23:59:59-05:00"] {
            assert_eq!(fast.read_text(v), slow.read_text(v), "{v}");
            assert!(canonical_iso(v.as_bytes()).is_some(), "{v}");
        }
        // Not canonical or impossible: left to the general steps.
        for v in ["2025-02-29 10:00:00", "2025-01-06 24:00:00", "2025-01-06 10:00:60", "2025-1-6 10:00", "2025-01-06T10:00:00+0100", "2025-01-06 10:00:00.", "2025-01-06"] {
            assert_eq!(canonical_iso(v.as_bytes()), None, "{v}");
        }
        assert!(fast.read_text("2025-02-29 10:00:00").is_err());
    }

    #[test]
    fn formats_that_may_match_iso() {
        for f in ["%Y-%m-%d", "%F %T", "%s", "%d%m%Y", "2025-%m", " %d/%m"] {
            assert!(format_may_match_iso(f), "{f}");
        }
        for f in ["%d/%m/%Y %H:%M", "%d-%m-%Y %H:%M", "%-d.%m.%Y", "%d/%b/%y %I:%M %p", "%b %d %Y", "Day %d"] {
            assert!(!format_may_match_iso(f), "{f}");
        }
    }

    #[test]
    fn gap_time_takes_the_offset_before() {
        // 2026-03-29 02:30 does not exist in Berlin: read with +01:00 → 01:30Z.
        let r = reader("Europe/Berlin", &[], Epoch::Auto);
        assert_eq!(r.read_text("2026-03-29 02:30"), parse_instant("2026-03-29T01:30:00Z"));
    }
}
