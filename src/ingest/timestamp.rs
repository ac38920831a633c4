//! Reading timestamps as they come out of ticketing systems.
//!
//! In order, a value is read as:
//! 1. epoch seconds or milliseconds (a plain number; see [`Epoch`]);
//! 2. each configured format, in order (`%d/%m/%Y %H:%M`; chrono's strftime
//!    syntax, read by chrono); a format with `%z` carries its own offset,
//!    one with `%s` is an instant, any other is wall-clock time in the source
//!    zone; a format without a time of day gives local midnight; a format
//!    must match the whole value;
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

use crate::ingest::hashing::HashMap;
use crate::support::error::{quote, Error};
use crate::support::time::{check_range, has_time_of_day, read_iso, resolve, Instant};
use crate::support::tz::TimeZone;
use chrono::format::{parse, Item, Parsed, StrftimeItems};
use chrono::{NaiveDate, Weekday};
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

/// Most distinct values remembered by a reader (exports repeat the same
/// timestamps on many rows: an event log repeats `opened_at` on every event).
const MEMO_CAPACITY: usize = 1 << 16;

/// Reads timestamp values under one configuration.
#[derive(Debug, Clone)]
pub struct TimestampReader {
    zone: TimeZone,
    /// Whether the zone is UTC, where wall-clock time is the instant.
    utc: bool,
    /// Each configured format and its chrono items, parsed once.
    formats: Vec<(String, Vec<Item<'static>>)>,
    epoch: Epoch,
    /// Whether no configured format can match an ISO 8601 value, so that
    /// canonical ISO values may be read by [`canonical_iso`] directly.
    fast_iso: bool,
    memo: RefCell<HashMap<String, Instant>>,
}

impl TimestampReader {
    /// A reader for naive times in `zone`, trying the `formats` in order.
    /// `path` names the option holding the formats, for errors.
    pub fn new(zone: TimeZone, formats: &[String], epoch: Epoch, path: &str) -> Result<Self, Error> {
        let mut compiled = Vec::with_capacity(formats.len());
        for (i, f) in formats.iter().enumerate() {
            let items = compile(f).map_err(|why| {
                Error::invalid(format!("{path}[{i}]"), format!("{} is not a timestamp format (expected e.g. \"%d/%m/%Y %H:%M\"): {why}", quote(f)))
            })?;
            compiled.push((f.clone(), items));
        }
        let utc = matches!(zone.name(), "UTC" | "Etc/UTC" | "Etc/UCT" | "UCT" | "Etc/Universal" | "Universal" | "Zulu" | "Etc/Zulu");
        let fast_iso = !formats.iter().any(|f| format_may_match_iso(f));
        Ok(TimestampReader { zone, utc, formats: compiled, epoch, fast_iso, memo: RefCell::new(HashMap::default()) })
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
        if let Some(reading) = self.formats.iter().find_map(|(_, items)| read_format(t, items)) {
            return self.instant(reading);
        }
        match read_iso(t) {
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

    /// The instant of a reading (wall-clock seconds and the offset, if the
    /// text has one): by its own offset, else wall-clock time in the zone.
    fn instant(&self, (local, offset): (i64, Option<i64>)) -> Result<Instant, String> {
        match offset {
            Some(offset) => check_range(local - offset).map_err(|m| format!("is {m}")),
            None => self.local_seconds(local),
        }
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

/// The strftime specifiers chrono reads, listed by an error message.
const SPECIFIERS: &str = "%Y %C %y %q %m %b %B %h %d %e %a %A %w %u %U %W %G %g %V %j %D %x %F %v %H %k %I %l %P %p %M %S \
                          %f %.f %.3f %.6f %.9f %3f %6f %9f %R %T %X %r %Z %z %:z %::z %:::z %#z %c %+ %s %t %n %% \
                          (with - _ 0 for padding)";

/// What a format that gives no date lacks.
const NEEDS_A_DATE: &str = "it needs a year, a month and a day (%Y or %y, %m or %b, %d), a year and a day of the year \
                            (%j), a year, a week and a weekday (%U or %W with %a or %u; %G %V %u), or epoch seconds (%s)";

/// Parses a strftime format into chrono's items, once per reader. The error
/// says what is wrong with it: a specifier chrono does not know, or fields
/// that do not make a date (and a time of day, if it has one).
pub(super) fn compile(format: &str) -> Result<Vec<Item<'static>>, String> {
    let items = StrftimeItems::new(format).parse_to_owned().map_err(|_| match unknown_specifier(format) {
        Some(spec) => format!("{spec} is not one of {SPECIFIERS}"),
        None => format!("it is not a strftime format; expected specifiers among {SPECIFIERS}"),
    })?;
    let parsed = sample_fields(&items);
    if parsed.timestamp().is_some() {
        return Ok(items);
    }
    if parsed.to_naive_date().is_err() {
        return Err(NEEDS_A_DATE.to_string());
    }
    if has_time_of_day(&parsed) && parsed.to_naive_time().is_err() {
        return Err(if parsed.hour_mod_12().is_some() && parsed.hour_div_12().is_none() {
            "%I and %p go together".to_string()
        } else if parsed.nanosecond().is_some() && parsed.second().is_none() {
            "a fraction of a second (%f) needs a second (%S)".to_string()
        } else {
            "a time of day needs an hour and a minute".to_string()
        });
    }
    Ok(items)
}

/// The fields chrono reads with `items`, as if from 2016-02-29 13:16:30
/// UTC (a Monday afternoon; day 60 of the year; week 09 by `%U`, `%W` and
/// `%V`, counted from Sunday 01-03, Monday 01-04 and ISO week 1 of 01-04;
/// 1,456,751,790 s since the epoch = 16,860 days × 86,400 + 47,790):
/// whether they make a date and a time is then chrono's own resolution.
/// Offsets, zone names and optional fractions add nothing to that and are
/// left out. (Writing the sample in the format and reading it back would
/// need chrono's formatting, 9 KB gzip in the wasm package.)
fn sample_fields(items: &[Item<'static>]) -> Parsed {
    use chrono::format::{Fixed as F, Numeric as N};
    let mut p = Parsed::new();
    for item in items {
        // The values agree with each other, so no setter fails.
        let _ = match item {
            Item::Numeric(n, _) => match n {
                N::Year => p.set_year(2016),
                N::YearDiv100 => p.set_year_div_100(20),
                N::YearMod100 => p.set_year_mod_100(16),
                N::IsoYear => p.set_isoyear(2016),
                N::IsoYearDiv100 => p.set_isoyear_div_100(20),
                N::IsoYearMod100 => p.set_isoyear_mod_100(16),
                N::Quarter => p.set_quarter(1),
                N::Month => p.set_month(2),
                N::Day => p.set_day(29),
                N::WeekFromSun => p.set_week_from_sun(9),
                N::WeekFromMon => p.set_week_from_mon(9),
                N::IsoWeek => p.set_isoweek(9),
                N::NumDaysFromSun | N::WeekdayFromMon => p.set_weekday(Weekday::Mon),
                N::Ordinal => p.set_ordinal(60),
                N::Hour => p.set_hour(13),
                N::Hour12 => p.set_hour12(1),
                N::Minute => p.set_minute(16),
                N::Second => p.set_second(30),
                N::Nanosecond => p.set_nanosecond(0),
                N::Timestamp => p.set_timestamp(1_456_751_790),
                _ => Ok(()),
            },
            Item::Fixed(F::ShortMonthName | F::LongMonthName) => p.set_month(2),
            Item::Fixed(F::ShortWeekdayName | F::LongWeekdayName) => p.set_weekday(Weekday::Mon),
            Item::Fixed(F::LowerAmPm | F::UpperAmPm) => p.set_ampm(true),
            Item::Fixed(F::RFC2822 | F::RFC3339) => {
                [p.set_year(2016), p.set_month(2), p.set_day(29), p.set_hour(13), p.set_minute(16), p.set_second(30)].into_iter().collect()
            }
            _ => Ok(()),
        };
    }
    p
}

/// Reads `t` with a compiled format: its wall-clock seconds and offset (see
/// [`resolve`]), or `None` unless the whole text matches.
pub(super) fn read_format(t: &str, items: &[Item<'static>]) -> Option<(i64, Option<i64>)> {
    let mut parsed = Parsed::new();
    parse(&mut parsed, t, items.iter()).ok()?;
    resolve(&parsed)
}

/// The first specifier of `format` that chrono does not know: `%`, an
/// optional padding flag (`-`, `_`, `0`) or `#`, any of `.`, `:`, `3`, `6`,
/// `9`, and one more character (or the end).
fn unknown_specifier(format: &str) -> Option<&str> {
    let mut from = 0;
    while let Some(found) = format.get(from..)?.find('%') {
        let start = from + found;
        let rest = format.get(start + 1..)?;
        let flag = usize::from(rest.starts_with(['-', '_', '0', '#']));
        let prefix = flag + rest.get(flag..)?.find(|c: char| !matches!(c, '.' | ':' | '3' | '6' | '9')).unwrap_or(rest.len() - flag);
        let end = prefix + rest.get(prefix..)?.chars().next().map_or(0, char::len_utf8);
        let spec = format.get(start..start + 1 + end)?;
        if StrftimeItems::new(spec).any(|item| item == Item::Error) {
            return Some(spec);
        }
        from = start + 1 + end;
    }
    None
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
///
/// The fast path of ISO 8601 cells, the common case of exports: it finds
/// the fields at their fixed places and leaves the calendar to chrono.
/// chrono's own reading ([`read_iso`], the general step) costs 296 ns/cell,
/// this 37 ns/cell (`cargo bench --bench native -- 100000 ingest`:
/// `ingest iso timestamps, chrono` against `ingest iso timestamps`, best
/// of 5 × 7 runs, opt-level "z", 2026-12-02). The property tests
/// `fast_path_vs_chrono` check it against chrono on generated values.
fn canonical_iso(b: &[u8]) -> Option<(i64, Option<i64>)> {
    /// The two digits at `i`, as a number.
    fn two(b: &[u8], i: usize) -> Option<u32> {
        let (x, y) = (b.get(i)?.wrapping_sub(b'0'), b.get(i + 1)?.wrapping_sub(b'0'));
        (x < 10 && y < 10).then(|| u32::from(x) * 10 + u32::from(y))
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
            let seconds = i64::from(h * 3600 + m * 60);
            Some(if sign == b'+' { seconds } else { -seconds })
        }
        _ => return None,
    };
    let local = NaiveDate::from_ymd_opt(year as i32, month, day)?.and_hms_opt(hour, minute, second)?;
    Some((local.and_utc().timestamp(), offset))
}

/// Whether `t` is a plain decimal number (`-12`, `1456708560`, `1.5e3` is not).
fn is_number(t: &str) -> bool {
    let digits = t.strip_prefix('-').unwrap_or(t);
    let mut parts = digits.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()) && frac.map_or(true, |f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

// Test code only (compiled under `cfg(test)`): its unwrap()/expect() calls
// run on inputs written in the tests, never on user input.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::time::parse_instant;

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
        // The message was "is not a chrono format" before the crate's own
        // reader; since then it says why, and chrono reads again.
        let e = TimestampReader::new(TimeZone::utc(), &["%Q".to_string()], Epoch::Auto, "timestampFormats").unwrap_err();
        assert!(
            e.to_string().starts_with("timestampFormats[0]: \"%Q\" is not a timestamp format (expected e.g. \"%d/%m/%Y %H:%M\"): %Q is not one of %Y"),
            "{e}"
        );
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
        for v in [
            "2024-02-29 23:59:59",
            "2026-03-29 02:30:00",
            "2026-10-25 02:30:00",
            "1900-01-01 01:00:00",
            "2199-12-31 12:00:00",
            "2016-02-29T01:16:00Z",
            "2016-02-29 01:16",
            "2016-02-29T02:16:00.5+01:00",
            "2025-12-31T23:59:59-05:00",
        ] {
            assert_eq!(fast.read_text(v), slow.read_text(v), "{v}");
            assert!(canonical_iso(v.as_bytes()).is_some(), "{v}");
        }
        // Not canonical or impossible: left to the general steps.
        for v in [
            "2025-02-29 10:00:00",
            "2025-01-06 24:00:00",
            "2025-01-06 10:00:60",
            "2025-1-6 10:00",
            "2025-01-06T10:00:00+0100",
            "2025-01-06 10:00:00.",
            "2025-01-06",
        ] {
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

    /// What the format `format` reads from `text` (wall-clock seconds and
    /// offset), straight from the compiled format.
    fn read(text: &str, format: &str) -> Option<(i64, Option<i64>)> {
        read_format(text, &compile(format).unwrap())
    }

    /// The wall-clock seconds `format` reads from `text`.
    fn local(text: &str, format: &str) -> Option<i64> {
        read(text, format).map(|(local, _)| local)
    }

    // The cases below were the tests of the crate's own format reader
    // (src/strptime.rs), which chrono replaces; they keep asserting the same.

    #[test]
    fn numeric_fields_with_or_without_padding() {
        assert_eq!(local("29-02-2016 01:16", "%d-%m-%Y %H:%M"), Some(FEB29 + 4560));
        assert_eq!(local("29/2/2016 1:16", "%d/%m/%Y %H:%M"), Some(FEB29 + 4560));
        // Widths bound the digits: `%Y%m%d%H%M%S` reads a packed value.
        assert_eq!(local("20160229011630", "%Y%m%d%H%M%S"), Some(FEB29 + 4590));
        // No time of day: midnight.
        assert_eq!(local("2016-02-29", "%F"), Some(FEB29));
        // 23:59:60 (leap second) reads as 23:59:59.
        assert_eq!(local("2016-02-29 23:59:60", "%F %T"), Some(FEB29 + 86_399));
        // Padding flags change nothing in reading.
        assert_eq!(local("9/2/2016 %", "%-d/%-m/%Y %%"), local("9/2/2016 %", "%d/%m/%Y %%"));
        assert_eq!(local("9/2/2016 %", "%d/%m/%Y %%"), Some(FEB29 - 20 * 86_400));
    }

    #[test]
    fn names_twelve_hour_clock_and_two_digit_years() {
        // 1:05 PM = 13:05 = 47100 s after midnight.
        assert_eq!(local("29/Feb/16 1:05 PM", "%d/%b/%y %I:%M %p"), Some(FEB29 + 47_100));
        assert_eq!(local("29/feb/16 1:05 pm", "%d/%b/%y %I:%M %p"), Some(FEB29 + 47_100));
        // 12 AM is midnight, 12 PM noon.
        assert_eq!(local("29/Feb/2016 12:00 AM", "%d/%b/%Y %I:%M %p"), Some(FEB29));
        assert_eq!(local("29/Feb/2016 12:00 PM", "%d/%b/%Y %I:%M %p"), Some(FEB29 + 43_200));
        assert_eq!(local("February 29, 2016", "%B %d, %Y"), Some(FEB29));
        assert_eq!(local("Feb 29, 2016", "%B %d, %Y"), Some(FEB29));
        // %y: 69 is 2069, 70 is 1970 (chrono's rule). 2069-01-01 is day
        // 36160 (99 years of 365 days + 25 leap days 1972..2068; checked
        // with Python's datetime).
        assert_eq!(local("01/01/69", "%D"), Some(36_160 * 86_400));
        assert_eq!(local("01/01/70", "%D"), Some(0));
        // A `%y` value of a full year stops after two digits.
        assert_eq!(local("29/Feb/2016 1:05 PM", "%d/%b/%y %I:%M %p"), None);
    }

    #[test]
    fn offsets_in_formats() {
        // 02:16 at +01:00 = 01:16Z = FEB29 + 3600 + 960.
        assert_eq!(read("2016-02-29T02:16:00+01:00", "%Y-%m-%dT%H:%M:%S%#z"), Some((FEB29 + 8160, Some(3600))));
        let f = "%Y-%m-%d %H:%M %z";
        assert_eq!(read("2016-02-29 02:16 +0100", f), Some((FEB29 + 8160, Some(3600))));
        // %z needs minutes and refuses Z.
        assert_eq!(read("2016-02-29 02:16 +01", f), None);
        assert_eq!(read("2016-02-29 02:16 Z", f), None);
        // %:z; the reader takes the offset, not the zone (Berlin would be +01:00 too; UTC is not).
        let r = reader("UTC", &["%d.%m.%Y %H:%M %:z"], Epoch::Auto);
        assert_eq!(r.read_text("29.02.2016 02:16 +01:00"), Ok(FEB29 + 4560));
        assert_eq!(r.read_text("29.02.2016 07:00 +05:30"), Ok(FEB29 + 5400));
    }

    #[test]
    fn fractions_are_truncated() {
        assert_eq!(local("01:16:30.5 29.02.2016", "%H:%M:%S%.f %d.%m.%Y"), Some(FEB29 + 4590));
        assert_eq!(local("01:16:30 123 29.02.2016", "%T %f %d.%m.%Y"), Some(FEB29 + 4590));
    }

    #[test]
    fn whole_text_valid_dates_and_consistent_fields() {
        assert_eq!(local("31/31/2016 10:00", "%d/%m/%Y %H:%M"), None);
        assert_eq!(local("30-02-2016 10:00", "%d-%m-%Y %H:%M"), None);
        assert_eq!(local("29-02-2016 10:00x", "%d-%m-%Y %H:%M"), None);
        assert_eq!(local("29-02-2016 24:00", "%d-%m-%Y %H:%M"), None);
        assert_eq!(local("", "%d-%m-%Y"), None);
        // Whitespace in the format matches any run of whitespace, or none.
        assert_eq!(local("29-02-2016   01:16", "%d-%m-%Y %H:%M"), Some(FEB29 + 4560));
        // The same field twice must agree.
        assert_eq!(local("2016-02-29 Feb", "%F %b"), Some(FEB29));
        assert_eq!(local("2016-02-29 Mar", "%F %b"), None);
        // 1:16 PM = 13:16 = 47760 s after midnight.
        assert_eq!(local("1:16 PM 13:16 2016-02-29", "%I:%M %p %H:%M %F"), Some(FEB29 + 47_760));
    }

    #[test]
    fn format_errors_say_what_is_wrong() {
        let error = |f: &str| compile(f).unwrap_err();
        assert_eq!(error("%Q"), format!("%Q is not one of {SPECIFIERS}"));
        assert_eq!(error("%d/%m/%Y%"), format!("% is not one of {SPECIFIERS}"));
        // The first unknown specifier, past a literal `%%Q`.
        assert_eq!(error("%%Q %d.%m.%Y %:q"), format!("%:q is not one of {SPECIFIERS}"));
        assert_eq!(error("%H:%M"), NEEDS_A_DATE);
        assert!(NEEDS_A_DATE.starts_with("it needs a year, a month and a day"));
        // A week number without a weekday gives no date.
        assert_eq!(error("%Y week %W"), NEEDS_A_DATE);
        assert_eq!(error("%d/%m/%Y %I:%M"), "%I and %p go together");
        assert_eq!(error("%d/%m/%Y %H"), "a time of day needs an hour and a minute");
        assert_eq!(error("%d/%m/%Y %p"), "a time of day needs an hour and a minute");
        assert_eq!(error("%d/%m/%Y %H:%M %f"), "a fraction of a second (%f) needs a second (%S)");
        // What makes a date besides a year, a month and a day.
        for f in ["%Y-%j", "%Y %U %a", "%Y %W %u", "%G-W%V-%u", "@%s", "%C%y%m%d", "%+", "%c", "%v %r"] {
            assert!(compile(f).is_ok(), "{f}");
        }
        // The path, the format and the reason.
        let e = TimestampReader::new(TimeZone::utc(), &["%d/%m/%Y".into(), "%H:%M".into()], Epoch::Auto, "load.timestampFormats").unwrap_err();
        assert_eq!(e.to_string(), format!("load.timestampFormats[1]: \"%H:%M\" is not a timestamp format (expected e.g. \"%d/%m/%Y %H:%M\"): {NEEDS_A_DATE}"));
    }

    // The syntax chrono adds to the old subset: weekday names, day of the
    // year, epoch seconds and zone names.

    #[test]
    fn weekday_names_must_match_the_date() {
        // 2016-02-29 is a Monday: 2016-01-01 was a Friday and Feb 29 is 59
        // days later (59 = 8 weeks + 3 days; Friday + 3 = Monday).
        let r = reader("UTC", &["%a %d %b %Y %H:%M", "%A, %d %B %Y"], Epoch::Auto);
        // 13:16 = 13 × 3600 + 16 × 60 = 47760 s.
        assert_eq!(r.read_text("Mon 29 Feb 2016 13:16"), Ok(FEB29 + 47_760));
        assert_eq!(r.read_text("mon 29 feb 2016 13:16"), Ok(FEB29 + 47_760));
        assert_eq!(r.read_text("Monday, 29 February 2016"), Ok(FEB29));
        assert!(r.read_text("Tue 29 Feb 2016 13:16").is_err());
        assert!(r.read_text("Tuesday, 29 February 2016").is_err());
        // A weekday and a week number make a date: Monday of week 09
        // (%W, weeks from the first Monday, 2016-01-04) is 2016-01-04 + 8 × 7
        // days = 2016-02-29.
        assert_eq!(local("2016 09 Mon", "%Y %W %a"), Some(FEB29));
    }

    #[test]
    fn day_of_the_year() {
        let r = reader("UTC", &["%Y-%j %H:%M", "%Y/%j"], Epoch::Auto);
        // Day 60 of 2016 = 31 (January) + 29 (February) = February 29;
        // 08:00 = 28800 s.
        assert_eq!(r.read_text("2016-060 08:00"), Ok(FEB29 + 28_800));
        assert_eq!(r.read_text("2016/60"), Ok(FEB29));
        // Day 366 of 2016 is December 31: 306 days after day 60.
        assert_eq!(r.read_text("2016/366"), Ok(FEB29 + 306 * 86_400));
        // 2015 has 365 days.
        assert!(r.read_text("2015/366").is_err());
    }

    #[test]
    fn epoch_seconds_in_a_format_are_an_instant() {
        // In Berlin, not wall-clock time: 1456704000 s is FEB29 itself.
        let r = reader("Europe/Berlin", &["@%s", "%s %z"], Epoch::Auto);
        assert_eq!(r.read_text("@1456704000"), Ok(FEB29));
        // With an offset the seconds stay an instant (the offset must be a
        // real one).
        assert_eq!(r.read_text("1456704000 +0100"), Ok(FEB29));
        // A plain number is still epoch seconds or milliseconds (step 1).
        assert_eq!(r.read_text("1456704000"), Ok(FEB29));
        assert!(r.read_text("@14567x").is_err());
    }

    #[test]
    fn zone_names_are_skipped_and_the_zone_applies() {
        // %Z matches a name, but chrono does not resolve names: 10:00 in
        // Berlin (+01:00 in February) = 09:00Z = FEB29 + 32400.
        let r = reader("Europe/Berlin", &["%d/%m/%Y %H:%M %Z"], Epoch::Auto);
        assert_eq!(r.read_text("29/02/2016 10:00 CET"), Ok(FEB29 + 32_400));
    }

    /// The fast path against chrono: on generated canonical values, what
    /// the fast path reads must be what chrono reads with the matching
    /// format, and it must read every one chrono reads.
    #[cfg(not(target_arch = "wasm32"))]
    mod fast_path_vs_chrono {
        use super::super::canonical_iso;
        use chrono::{DateTime, NaiveDateTime};
        use proptest::prelude::*;

        /// chrono's reading of `text` in the format of its shape.
        fn chrono_read(text: &str, seconds: bool, offset: bool) -> Option<(i64, Option<i64>)> {
            let separator = if text.as_bytes().get(10) == Some(&b'T') { "T" } else { " " };
            let format = format!("%Y-%m-%d{separator}%H:%M{}{}", if seconds { ":%S%.f" } else { "" }, if offset { "%#z" } else { "" });
            if offset {
                let dt = DateTime::parse_from_str(text, &format).ok()?;
                Some((dt.naive_local().and_utc().timestamp(), Some(i64::from(dt.offset().local_minus_utc()))))
            } else {
                Some((NaiveDateTime::parse_from_str(text, &format).ok()?.and_utc().timestamp(), None))
            }
        }

        proptest! {
            #[test]
            fn same_readings_as_chrono(
                year in 1900u32..2200, month in 1u32..=12, day in 1u32..=31,
                hour in 0u32..=24, minute in 0u32..60, second in proptest::option::of(0u32..60),
                fraction in proptest::option::of("[0-9]{1,12}"),
                t in any::<bool>(),
                offset in proptest::option::of(proptest::option::of((any::<bool>(), 0u32..=24, 0u32..=60))),
            ) {
                let mut text = format!("{year:04}-{month:02}-{day:02}{}{hour:02}:{minute:02}", if t { 'T' } else { ' ' });
                if let Some(s) = second {
                    text += &format!(":{s:02}");
                    if let Some(f) = &fraction {
                        text += &format!(".{f}");
                    }
                }
                match offset {
                    None => {}
                    Some(None) => text.push('Z'),
                    Some(Some((plus, h, m))) => text += &format!("{}{h:02}:{m:02}", if plus { '+' } else { '-' }),
                }
                let chrono = chrono_read(&text, second.is_some(), offset.is_some());
                prop_assert_eq!(canonical_iso(text.as_bytes()), chrono, "{}", text);
            }

            #[test]
            fn no_reading_chrono_refuses(text in "[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{0,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?") {
                let seconds = text.len() > 16 && text.as_bytes()[16] == b':';
                let offset = text.ends_with('Z') || text.get(text.len().saturating_sub(6)..).is_some_and(|t| t.starts_with(['+', '-']));
                if let Some(reading) = canonical_iso(text.as_bytes()) {
                    prop_assert_eq!(Some(reading), chrono_read(&text, seconds, offset), "{}", text);
                }
            }
        }
    }
}
