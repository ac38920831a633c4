//! Reporting periods: local calendar days, ISO weeks, months and quarters in
//! an IANA time zone.
//!
//! A period is a *local* calendar period: the month of March in
//! `Europe/Berlin` runs from local midnight on 1 March to local midnight on
//! 1 April, so it starts at `2026-02-28T23:00:00Z` and lasts 31 days minus
//! the hour lost to daylight-saving time. Weeks are ISO weeks (Monday to
//! Sunday, labelled with the ISO week-numbering year: `2026-W01`). An instant
//! belongs to the period whose `[start, end)` contains it.
//!
//! Periods are numbered by an *ordinal* (consecutive integers, one per
//! period) so ranges of periods are plain integer ranges.
//!
//! `all` is one period covering everything: from the earliest instant of
//! the data to the evaluation instant, both included, so it ends one
//! second after the evaluation instant (see [`Periods::spanning`]);
//! labelled `all`, ordinal 0 (-1 before it, 1 after it).

use crate::support::error::{quote, Error};
use crate::support::time::{date_of_epoch_day, epoch_day, local_date, parse_date, Instant, MAX_INSTANT, MIN_INSTANT, SECONDS_PER_DAY};
use crate::support::tz::TimeZone;
use chrono::{Datelike, NaiveDate, Weekday};

/// The length of a reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// A local calendar day.
    Day,
    /// An ISO week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar quarter (January–March, …).
    Quarter,
    /// One period covering all the data up to the evaluation instant.
    All,
}

impl Granularity {
    /// Reads `day`, `week`, `month`, `quarter` or `all`; `path` names the field for
    /// the error.
    pub fn parse(text: &str, path: &str) -> Result<Granularity, Error> {
        match text {
            "day" => Ok(Granularity::Day),
            "week" => Ok(Granularity::Week),
            "month" => Ok(Granularity::Month),
            "quarter" => Ok(Granularity::Quarter),
            "all" => Ok(Granularity::All),
            other => Err(Error::invalid(path, format!("{} is not one of: day, week, month, quarter, all", quote(other)))),
        }
    }

    /// The name used in documents (`month`).
    pub fn name(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
            Granularity::Quarter => "quarter",
            Granularity::All => "all",
        }
    }
}

/// `label` before and after the first `marker` (`-W`, `-Q`): `split_once`
/// without the string searcher, whose panic path formats `char`s (docs/size.md).
fn split_around<'a>(label: &'a str, marker: &[u8; 2]) -> Option<(&'a str, &'a str)> {
    let i = label.as_bytes().windows(2).position(|w| w == marker)?;
    Some((label.get(..i)?, label.get(i + 2..)?))
}

/// Local calendar periods of one granularity in one time zone.
#[derive(Debug, Clone)]
pub struct Periods {
    granularity: Granularity,
    zone: TimeZone,
    /// The first instant of the period `all` and the first after it (unused otherwise).
    span: (Instant, Instant),
}

impl Periods {
    /// Periods of `granularity` in `zone`.
    pub fn new(granularity: Granularity, zone: TimeZone) -> Periods {
        Periods { granularity, zone, span: (MIN_INSTANT, MAX_INSTANT) }
    }

    /// These periods with the period `all` running from `first` to `last`,
    /// both included: it ends one second after `last` (other granularities
    /// are unchanged).
    pub fn spanning(self, first: Instant, last: Instant) -> Periods {
        Periods { span: (first, last.max(first) + 1), ..self }
    }

    /// The granularity.
    pub fn granularity(&self) -> Granularity {
        self.granularity
    }

    /// The time zone.
    pub fn zone(&self) -> &TimeZone {
        &self.zone
    }

    /// The ordinal of the period containing instant `t`.
    pub fn ordinal_of(&self, t: Instant) -> i64 {
        if self.granularity == Granularity::All {
            return if t < self.span.0 { -1 } else { i64::from(t >= self.span.1) };
        }
        let date = local_date(t + self.zone.offset_at(t) as i64);
        let ordinal = ordinal_of_date(self.granularity, date);
        // Near a DST change at local midnight the local date of `t` and the
        // period start computed back from it can disagree by a period; pin
        // `t` to the period whose [start, end) holds it.
        if t < self.start(ordinal) {
            ordinal - 1
        } else if t >= self.start(ordinal + 1) {
            ordinal + 1
        } else {
            ordinal
        }
    }

    /// The first instant of period `ordinal` (local midnight of its first
    /// day; the first instant after midnight when midnight falls in a DST gap).
    pub fn start(&self, ordinal: i64) -> Instant {
        if self.granularity == Granularity::All {
            return if ordinal <= 0 { self.span.0 } else { self.span.1 };
        }
        let day = epoch_day(first_date(self.granularity, ordinal));
        self.zone.local_to_utc(day * SECONDS_PER_DAY)
    }

    /// The first instant after period `ordinal`.
    pub fn end(&self, ordinal: i64) -> Instant {
        self.start(ordinal + 1)
    }

    /// The label of period `ordinal`: `2026-03-01`, `2026-W09`, `2026-03`,
    /// `2026-Q1`, `all`.
    pub fn label(&self, ordinal: i64) -> String {
        if self.granularity == Granularity::All {
            return "all".to_string();
        }
        let first = first_date(self.granularity, ordinal);
        match self.granularity {
            Granularity::Day => first.to_string(),
            Granularity::Week => {
                let week = first.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
            Granularity::Month => format!("{:04}-{:02}", first.year(), first.month()),
            Granularity::Quarter => format!("{}-Q{}", first.year(), first.month0() / 3 + 1),
            Granularity::All => "all".to_string(),
        }
    }

    /// The ordinal of the period labelled `label` (as made by [`Periods::label`]).
    pub fn parse_label(&self, label: &str, path: &str) -> Result<i64, Error> {
        let bad = || {
            let example = match self.granularity {
                Granularity::Day => "2026-03-01",
                Granularity::Week => "2026-W09",
                Granularity::Month => "2026-03",
                Granularity::Quarter => "2026-Q1",
                Granularity::All => "all",
            };
            match self.granularity {
                Granularity::All => Error::invalid(path, format!("{} is not a period of \"all\" (expected \"all\")", quote(label))),
                g => Error::invalid(path, format!("{} is not a {} (expected e.g. \"{example}\")", quote(label), g.name())),
            }
        };
        let date = match self.granularity {
            Granularity::All if label == "all" => return Ok(0),
            Granularity::All => None,
            Granularity::Day => parse_date(label),
            Granularity::Week => {
                let (y, w) = split_around(label, b"-W").ok_or_else(bad)?;
                let (y, w) = (y.parse::<i32>().map_err(|_| bad())?, w.parse::<u32>().map_err(|_| bad())?);
                NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)
            }
            Granularity::Month => parse_date(&format!("{label}-01")),
            Granularity::Quarter => {
                let (y, q) = split_around(label, b"-Q").ok_or_else(bad)?;
                let (y, q) = (y.parse::<i32>().map_err(|_| bad())?, q.parse::<u32>().map_err(|_| bad())?);
                if (1..=4).contains(&q) {
                    NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1)
                } else {
                    None
                }
            }
        };
        let date = date.filter(|d| (1900..2200).contains(&d.year())).ok_or_else(bad)?;
        Ok(ordinal_of_date(self.granularity, date))
    }
}

/// The ordinal of the period holding local date `date`.
fn ordinal_of_date(g: Granularity, date: NaiveDate) -> i64 {
    let day = epoch_day(date);
    let month0 = i64::from(date.month0());
    match g {
        Granularity::Day => day,
        // 1970-01-01 is a Thursday, so Monday 1969-12-29 (day -3) starts week 0.
        Granularity::Week => (day + 3).div_euclid(7),
        Granularity::Month => i64::from(date.year()) * 12 + month0,
        Granularity::Quarter => i64::from(date.year()) * 4 + month0 / 3,
        Granularity::All => 0,
    }
}

/// The first local date of period `ordinal`.
fn first_date(g: Granularity, ordinal: i64) -> NaiveDate {
    let from_month = |months: i64| {
        let year = months.div_euclid(12);
        let month = months.rem_euclid(12) + 1;
        // Always a date (month 1..=12, day 1); 1970-01-01 only to avoid a panic.
        NaiveDate::from_ymd_opt(year as i32, month as u32, 1).unwrap_or_default()
    };
    match g {
        Granularity::Day => date_of_epoch_day(ordinal),
        Granularity::Week => date_of_epoch_day(ordinal * 7 - 3),
        Granularity::Month => from_month(ordinal),
        Granularity::Quarter => from_month(ordinal * 3),
        Granularity::All => date_of_epoch_day(0),
    }
}

// Test code only (compiled under `cfg(test)`): its unwrap()/expect() calls
// run on inputs written in the tests, never on user input.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::time::parse_instant;

    fn at(s: &str) -> Instant {
        parse_instant(s).unwrap()
    }

    #[test]
    fn months_are_local_calendar_months() {
        let p = Periods::new(Granularity::Month, TimeZone::named("Europe/Berlin", "tz").unwrap());
        // 2026-02-28T23:30Z is 00:30 on 1 March in Berlin (UTC+1): March.
        let o = p.ordinal_of(at("2026-02-28T23:30:00Z"));
        assert_eq!(p.label(o), "2026-03");
        assert_eq!(p.start(o), at("2026-02-28T23:00:00Z"));
        // April starts at local midnight CEST (UTC+2): 2026-03-31T22:00Z.
        assert_eq!(p.end(o), at("2026-03-31T22:00:00Z"));
        // 31 days minus the hour lost on 29 March: 31*24-1 = 743 h.
        assert_eq!(p.end(o) - p.start(o), 743 * 3600);
        assert_eq!(p.ordinal_of(at("2026-02-28T22:59:59Z")), o - 1);
    }

    #[test]
    fn iso_weeks_and_quarters() {
        let utc = TimeZone::utc();
        let w = Periods::new(Granularity::Week, utc.clone());
        // 2021-01-03 is a Sunday in ISO week 2020-W53; Monday 2021-01-04 opens 2021-W01.
        let o = w.ordinal_of(at("2021-01-03T12:00:00Z"));
        assert_eq!(w.label(o), "2020-W53");
        assert_eq!(w.start(o), at("2020-12-28T00:00:00Z"));
        assert_eq!(w.label(o + 1), "2021-W01");
        assert_eq!(w.parse_label("2021-W01", "p").unwrap(), o + 1);
        let q = Periods::new(Granularity::Quarter, utc.clone());
        let o = q.ordinal_of(at("2016-05-15T00:00:00Z"));
        assert_eq!(q.label(o), "2016-Q2");
        assert_eq!((q.start(o), q.end(o)), (at("2016-04-01T00:00:00Z"), at("2016-07-01T00:00:00Z")));
        assert_eq!(q.parse_label("2016-Q2", "p").unwrap(), o);
        // `all`: one period from the first to the last instant given, both included.
        let all = Periods::new(Granularity::All, utc.clone()).spanning(at("2016-02-29T01:16:00Z"), at("2017-03-01T00:00:00Z"));
        assert_eq!((all.ordinal_of(at("2016-02-29T01:16:00Z")), all.ordinal_of(at("2017-03-01T00:00:00Z"))), (0, 0));
        assert_eq!((all.ordinal_of(at("2016-02-29T01:15:59Z")), all.ordinal_of(at("2017-03-01T00:00:01Z"))), (-1, 1));
        assert_eq!((all.start(0), all.end(0), all.label(0)), (at("2016-02-29T01:16:00Z"), at("2017-03-01T00:00:01Z"), "all".to_string()));
        assert_eq!(all.parse_label("all", "at").unwrap(), 0);
        assert!(all.parse_label("2016-03", "at").unwrap_err().to_string().starts_with("at: \"2016-03\" is not a period of \"all\""));
        let d = Periods::new(Granularity::Day, utc);
        assert_eq!(d.label(d.ordinal_of(at("2016-02-29T23:59:59Z"))), "2016-02-29");
        assert!(d.parse_label("2016-02-30", "at").unwrap_err().to_string().starts_with("at: \"2016-02-30\" is not a day"));
    }
}
