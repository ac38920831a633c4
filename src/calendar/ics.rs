//! Holidays from an iCalendar text (RFC 5545), as public-holiday feeds
//! publish them and Outlook, Google Calendar and JSM export them.
//!
//! Every `VEVENT` is a holiday: an all-day `DTSTART` (`VALUE=DATE`,
//! `YYYYMMDD`) and an exclusive `DTEND` (or `DURATION:P<n>D`; neither: one
//! day), once or yearly (`RRULE:FREQ=YEARLY`, with `BYMONTH`,
//! `BYMONTHDAY`, one `BYDAY` such as `4TH` or `-1MO`, `COUNT`, `UNTIL`).
//! Cancelled events (`STATUS:CANCELLED`), other components and unknown
//! properties are ignored; anything else that cannot be read is an error
//! naming its line. The content lines (unfolding, parameters, quoting) are
//! read by the `ical` crate.
//!
//! Bounds, checked before the days are listed: an event lasts at most
//! [`MAX_EVENT_DAYS`] days, and a text gives at most [`MAX_HOLIDAYS`]
//! holidays in all (each day of a multi-day event counts; a yearly rule
//! counts once).

use super::rules::{DateRule, DayRule, Effect};
use crate::support::time::epoch_day;
use chrono::{Datelike, NaiveDate};
use ical::line::LineReader;
use ical::property::{Property, PropertyError, PropertyParser};

/// The longest event, in days: a year (a leap year's 366). A closure longer
/// than a year is not a holiday, and each of its days would become a rule
/// (an event from 0221 to 2042 took 1.4 GB and 12 s before this bound).
pub const MAX_EVENT_DAYS: i64 = 366;

/// The most holidays one text may give (each day of a multi-day event
/// counts; a yearly rule counts once): a century of a national feed is about
/// a thousand.
pub const MAX_HOLIDAYS: usize = 100_000;

/// An event being read: its properties that matter, with their lines.
#[derive(Default)]
struct Event {
    start: Option<(NaiveDate, usize)>,
    end: Option<(NaiveDate, usize)>,
    days: Option<(i64, usize)>,
    rrule: Option<(String, usize)>,
    cancelled: bool,
}

/// The holidays of an iCalendar text, or an error naming the line.
pub fn read(text: &str) -> Result<Vec<DayRule>, String> {
    let mut rules = Vec::new();
    // Open components (name, line); the event while the innermost is a VEVENT.
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut event = Event::default();
    for line in LineReader::new(text.as_bytes()) {
        let n = line.number();
        let property = parse(line.as_str(), n)?;
        let name = property.name.to_ascii_uppercase();
        let value = property.value.clone().unwrap_or_default();
        match name.as_str() {
            "BEGIN" => {
                if open.last().is_some_and(|(c, _)| c == "VEVENT") && value.eq_ignore_ascii_case("VEVENT") {
                    return Err(format!("line {n}: a VEVENT cannot contain another VEVENT"));
                }
                open.push((value.to_ascii_uppercase(), n));
            }
            "END" => match open.pop() {
                Some((c, begin)) if c.eq_ignore_ascii_case(&value) => {
                    if c == "VEVENT" {
                        let done = std::mem::take(&mut event);
                        if !done.cancelled {
                            rules.extend(event_rules(done, begin)?);
                            if rules.len() > MAX_HOLIDAYS {
                                return Err(format!("line {n}: more than {MAX_HOLIDAYS} holidays (each day of a multi-day event counts)"));
                            }
                        }
                    }
                }
                Some((c, begin)) => return Err(format!("line {n}: END:{value} closes BEGIN:{c} of line {begin}")),
                None => return Err(format!("line {n}: END:{value} without a BEGIN")),
            },
            _ if open.last().is_some_and(|(c, _)| c == "VEVENT") => read_property(&mut event, &name, &value, n)?,
            _ => {}
        }
    }
    match open.last() {
        Some((c, begin)) => Err(format!("line {begin}: BEGIN:{c} is never closed")),
        None => Ok(rules),
    }
}

/// One content line, parsed by `ical` (its own line numbers are those of a
/// single line, so errors are rewritten with the line in the text).
fn parse(text: &str, n: usize) -> Result<Property, String> {
    let parsed = PropertyParser::from_reader(text.as_bytes()).next().unwrap_or_else(|| Ok(Property::default()));
    parsed.map_err(|e| {
        let what = match e {
            PropertyError::MissingName { .. } => "no NAME:value".to_string(),
            PropertyError::MissingClosingQuote { .. } => "a closing quote is missing".to_string(),
            PropertyError::MissingDelimiter { delimiter, .. } => format!("a \"{delimiter}\" is missing"),
            PropertyError::MissingContentAfter { letter, .. } => format!("nothing follows \"{letter}\""),
            PropertyError::MissingParamKey { .. } => "a parameter name is missing".to_string(),
        };
        format!("line {n}: {what} in {}", crate::support::error::quote(text))
    })
}

fn read_property(event: &mut Event, name: &str, value: &str, n: usize) -> Result<(), String> {
    match name {
        "DTSTART" => event.start = Some((all_day(value, n, "DTSTART")?, n)),
        "DTEND" => event.end = Some((all_day(value, n, "DTEND")?, n)),
        "DURATION" => {
            let days = value.strip_prefix("P").and_then(|v| v.strip_suffix('D')).and_then(|d| d.parse::<i64>().ok()).filter(|d| *d >= 1);
            event.days = Some((days.ok_or_else(|| format!("line {n}: DURATION {value} is not a whole number of days (expected e.g. P1D)"))?, n));
        }
        "RRULE" => event.rrule = Some((value.to_ascii_uppercase(), n)),
        "STATUS" => event.cancelled = value.eq_ignore_ascii_case("CANCELLED"),
        "RDATE" | "EXDATE" => return Err(format!("line {n}: {name} is not supported (list the dates as events of their own)")),
        _ => {}
    }
    Ok(())
}

/// An all-day date `YYYYMMDD` (with or without `VALUE=DATE`).
fn all_day(value: &str, n: usize, name: &str) -> Result<NaiveDate, String> {
    let date = (value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit())).then(|| NaiveDate::parse_from_str(value, "%Y%m%d").ok()).flatten();
    date.ok_or_else(|| format!("line {n}: {name} {value} is not an all-day date (expected YYYYMMDD)"))
}

/// The day rules of one event (`begin`: the line of its BEGIN:VEVENT).
fn event_rules(event: Event, begin: usize) -> Result<Vec<DayRule>, String> {
    let (start, _) = event.start.ok_or_else(|| format!("line {begin}: the VEVENT has no DTSTART"))?;
    let days = match event.end {
        Some((end, n)) if end <= start => return Err(format!("line {n}: DTEND {} is not after DTSTART {}", end.format("%Y%m%d"), start.format("%Y%m%d"))),
        Some((end, n)) => (epoch_day(end) - epoch_day(start), n),
        None => event.days.unwrap_or((1, begin)),
    };
    let (days, n) = days;
    if days > MAX_EVENT_DAYS {
        return Err(format!("line {n}: the event lasts {days} days (at most {MAX_EVENT_DAYS})"));
    }
    let closed = |date| DayRule { date, observed: [0; 7], years: (i32::MIN, i32::MAX), hours: None, effect: Effect::Closed };
    let Some((rrule, n)) = event.rrule else {
        return Ok((0..days).map(|i| closed(DateRule::Once(epoch_day(start) + i))).collect());
    };
    if days != 1 {
        return Err(format!("line {n}: a yearly event must last one day"));
    }
    let (mut month, mut day, mut by_day, mut to) = (start.month(), start.day(), None, i32::MAX);
    let mut until = None;
    let mut yearly = false;
    for part in rrule.split(';').filter(|p| !p.is_empty()) {
        let (key, v) = part.split_once('=').ok_or_else(|| format!("line {n}: {part} is not KEY=VALUE"))?;
        let bad =
            || format!("line {n}: {key}={v} is not supported (expected FREQ=YEARLY with BYMONTH, BYMONTHDAY, one BYDAY such as 4TH or -1MO, COUNT, UNTIL)");
        match key {
            "FREQ" if v == "YEARLY" => yearly = true,
            "INTERVAL" if v == "1" => {}
            "WKST" => {}
            "BYMONTH" => month = v.parse().ok().filter(|m| (1..=12).contains(m)).ok_or_else(bad)?,
            "BYMONTHDAY" => day = v.parse().ok().filter(|d| (1..=31).contains(d)).ok_or_else(bad)?,
            "BYDAY" => by_day = Some(weekday_ordinal(v).ok_or_else(bad)?),
            "COUNT" => to = v.parse::<i32>().ok().filter(|c| *c >= 1).map(|c| start.year().saturating_add(c - 1)).ok_or_else(bad)?,
            "UNTIL" => until = Some(all_day(v.get(..8).unwrap_or(v), n, "UNTIL")?),
            _ => return Err(bad()),
        }
    }
    if !yearly {
        return Err(format!("line {n}: RRULE {rrule} is not supported (expected FREQ=YEARLY)"));
    }
    let date = match by_day {
        Some((nth, weekday)) => DateRule::NthWeekday { nth, weekday, month },
        None => {
            NaiveDate::from_ymd_opt(2000, month, day).ok_or_else(|| format!("line {n}: RRULE names no date ({month:02}-{day:02})"))?;
            DateRule::Yearly { month, day }
        }
    };
    if let Some(u) = until {
        // The last year whose occurrence is on or before UNTIL.
        let in_until_year = date.in_year(u.year());
        to = to.min(if in_until_year.is_some_and(|d| d > epoch_day(u)) { u.year() - 1 } else { u.year() });
    }
    Ok(vec![DayRule { years: (start.year(), to), ..closed(date) }])
}

/// `BYDAY` with an ordinal: `4TH`, `+1MO`, `-1MO` → (nth, weekday index).
fn weekday_ordinal(v: &str) -> Option<(i8, u32)> {
    // `split_at_checked`: the value is the feed's text, and two bytes from
    // its end may fall inside a character (`4TH` followed by `é`).
    let (nth, day) = v.split_at_checked(v.len().checked_sub(2)?)?;
    let weekday = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"].iter().position(|d| *d == day)? as u32;
    let nth: i8 = nth.trim_start_matches('+').parse().ok()?;
    matches!(nth, 1..=5 | -1).then_some((nth, weekday))
}
