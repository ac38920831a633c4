//! Day rules of a calendar spec: holidays (closed days and half days) and
//! extra working days, as plain dates or yearly rules, expanded on demand
//! for whatever range of local days is asked about.
//!
//! A rule names one date a year (`"12-25"`, `"4th thu of nov"`,
//! `"last mon of may"`, `"easter-2"`, `"orthodox-easter+1"`) or one date
//! (`"2026-12-24"`); options after it add an observed-day shift per
//! weekday, a range of years and the day's own working windows:
//! `"12-25 observed sat>fri sun>mon from 2020 to 2030"`,
//! `"12-24 hours 09:00-12:00"`. (One string rather than an object: the
//! object form's derived reader cost about 3 KB gzip of wasm.)
//!
//! Expansion has no horizon: [`DayRules::expand`] evaluates every rule for
//! the years a range of days touches (and one either side, for observed
//! shifts across New Year), so the result for a day never depends on the
//! range asked for.

use super::spec::Window;
use crate::support::error::quote;
use crate::support::time::{date_of_epoch_day, epoch_day, parse_date};
use chrono::{Datelike, NaiveDate};

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const ORDINALS: [&str; 5] = ["1st", "2nd", "3rd", "4th", "5th"];
/// Rule indices kept in [`DayRules::expand`]'s sort keys: 20 bits (indices
/// beyond are clamped, a limit no real calendar comes near).
const RULE_INDEX_MASK: usize = (1 << 20) - 1;
/// Days an Easter-relative rule may lie from Easter Sunday.
const MAX_EASTER_OFFSET: i64 = 365;

/// Which date of a year a rule names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRule {
    /// One local date (days since 1970-01-01), in its own year only.
    Once(i64),
    /// The same month and day every year (`"12-25"`); `02-29` only in leap years.
    Yearly { month: u32, day: u32 },
    /// The `nth` (1–5; -1 the last) `weekday` (0 = Monday) of `month`; no
    /// date in a year whose month has no 5th such weekday.
    NthWeekday { nth: i8, weekday: u32, month: u32 },
    /// `offset` days from Easter Sunday, Western (Gregorian computus) or
    /// Orthodox (Julian computus, converted to a Gregorian date).
    Easter { orthodox: bool, offset: i64 },
}

/// What a rule does to its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Effect {
    /// An extra working day open in the rule's hours (the strongest).
    Workday,
    /// A holiday: closed all day.
    Closed,
    /// A half day: a day that would be open keeps only the rule's hours.
    HalfDay,
}

/// One rule as read from the spec.
#[derive(Debug, Clone, PartialEq)]
pub struct DayRule {
    /// The date it names each year.
    pub date: DateRule,
    /// Days to move the date by, per weekday it falls on (index 0 = Monday).
    pub observed: [i8; 7],
    /// First and last year (inclusive) the rule applies in.
    pub years: (i32, i32),
    /// The day's working windows (half days and working days), or `None`.
    pub hours: Option<Vec<Window>>,
    /// What the rule does.
    pub effect: Effect,
}

/// A calendar's day rules, in the order written (holidays, then working days).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DayRules {
    /// All rules.
    pub rules: Vec<DayRule>,
}

impl DateRule {
    /// The date this rule names in `year`, if any.
    pub fn in_year(self, year: i32) -> Option<i64> {
        match self {
            DateRule::Once(day) => (date_of_epoch_day(day).year() == year).then_some(day),
            DateRule::Yearly { month, day } => NaiveDate::from_ymd_opt(year, month, day).map(epoch_day),
            DateRule::NthWeekday { nth, weekday, month } => {
                let first = NaiveDate::from_ymd_opt(year, month, 1)?;
                let next_month = if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) }?;
                let (first, end) = (epoch_day(first), epoch_day(next_month));
                // 1970-01-01 was a Thursday (ISO index 3).
                let weekday_of = |d: i64| (d + 3).rem_euclid(7);
                let day = if nth > 0 {
                    first + (weekday as i64 - weekday_of(first)).rem_euclid(7) + 7 * (nth as i64 - 1)
                } else {
                    let last = end - 1;
                    last - (weekday_of(last) - weekday as i64).rem_euclid(7)
                };
                (day < end).then_some(day)
            }
            DateRule::Easter { orthodox, offset } => easter(year, orthodox).map(|d| d + offset),
        }
    }
}

/// Easter Sunday of `year` as days since 1970-01-01: Western from
/// computus's Gregorian computus; Orthodox from its Julian computus, moved
/// to the Gregorian calendar by the difference of the two calendars in that
/// year (13 days from 1900 to 2099: `year/100 - year/400 - 2`).
pub fn easter(year: i32, orthodox: bool) -> Option<i64> {
    let found = if orthodox { computus::julian(year) } else { computus::gregorian(year) };
    let date = found.ok()?;
    let day = epoch_day(NaiveDate::from_ymd_opt(date.year, date.month, date.day)?);
    let shift = if orthodox { i64::from(year / 100 - year / 400 - 2) } else { 0 };
    Some(day + shift)
}

impl DayRules {
    /// Whether any rule opens a day (an extra working day).
    pub fn has_workdays(&self) -> bool {
        self.rules.iter().any(|r| r.effect == Effect::Workday)
    }

    /// The rule that decides each day in `[first_day, end_day)` that any
    /// rule names, sorted by day, one per day: a working day before a
    /// closed holiday before a half day, and the first written among equals.
    pub fn expand(&self, first_day: i64, end_day: i64) -> Vec<(i64, &DayRule)> {
        if end_day <= first_day {
            return Vec::new();
        }
        let year_of = |d: i64| date_of_epoch_day(d).year();
        // Observed shifts are at most 3 days, so one year either side suffices.
        let (first_year, last_year) = (year_of(first_day) - 1, year_of(end_day - 1) + 1);
        // (day, effect, rule index) packed into one i64 so that the i64 sort
        // the crate already has orders them: day, then effect, then index.
        let mut found: Vec<i64> = Vec::new();
        for (i, rule) in self.rules.iter().enumerate() {
            let years = first_year.max(rule.years.0)..=last_year.min(rule.years.1);
            let mut push = |date: Option<i64>| {
                if let Some(d) = date {
                    let d = d + i64::from(rule.observed[(d + 3).rem_euclid(7) as usize]);
                    if (first_day..end_day).contains(&d) {
                        found.push((d << 24) | ((rule.effect as i64) << 20) | i.min(RULE_INDEX_MASK) as i64);
                    }
                }
            };
            match rule.date {
                DateRule::Once(d) if (rule.years.0..=rule.years.1).contains(&year_of(d)) => push(Some(d)),
                DateRule::Once(_) => {}
                date => years.for_each(|y| push(date.in_year(y))),
            }
        }
        found.sort_unstable();
        found.dedup_by_key(|f| *f >> 24);
        found.into_iter().filter_map(|f| Some((f >> 24, self.rules.get((f & RULE_INDEX_MASK as i64) as usize)?))).collect()
    }

    /// The working windows of local day `day`, given its weekday's windows
    /// from the weekly template.
    pub fn windows_on<'a>(&'a self, day: i64, weekly: &'a [Window]) -> &'a [Window] {
        match self.expand(day, day + 1).first() {
            Some((_, rule)) => rule.windows_over(weekly),
            None => weekly,
        }
    }
}

impl DayRule {
    /// The rule as [`parse_rule`] reads it (`"4th thu of nov from 2024 to
    /// 2026"`), for rules read from elsewhere (iCalendar).
    pub fn to_text(&self) -> String {
        let mut text = match self.date {
            DateRule::Once(day) => date_of_epoch_day(day).to_string(),
            DateRule::Yearly { month, day } => format!("{month:02}-{day:02}"),
            DateRule::NthWeekday { nth, weekday, month } => {
                let nth = if nth < 0 { "last" } else { ORDINALS[(nth as usize).clamp(1, 5) - 1] };
                format!("{nth} {} of {}", WEEKDAYS[weekday as usize % 7], MONTHS[(month as usize).clamp(1, 12) - 1])
            }
            DateRule::Easter { orthodox, offset } => format!("{}easter{offset:+}", if orthodox { "orthodox-" } else { "" }),
        };
        let shifts: Vec<String> = (0..7)
            .filter(|&w| self.observed[w] != 0)
            .map(|w| format!("{}>{}", WEEKDAYS[w], WEEKDAYS[(w as i64 + i64::from(self.observed[w])).rem_euclid(7) as usize]))
            .collect();
        if !shifts.is_empty() {
            text += &format!(" observed {}", shifts.join(" "));
        }
        if self.years.0 != i32::MIN && !matches!(self.date, DateRule::Once(_)) {
            text += &format!(" from {}", self.years.0);
        }
        if self.years.1 != i32::MAX {
            text += &format!(" to {}", self.years.1);
        }
        if let Some(hours) = &self.hours {
            let clock = |s: i64| format!("{:02}:{:02}", (s / 3600) % 24 + if s == 86_400 { 24 } else { 0 }, (s / 60) % 60);
            text += " hours";
            for w in hours {
                text += &format!(" {}-{}", clock(w.start), clock(w.end));
            }
        }
        text
    }

    /// The day's windows under this rule, given the weekly template's.
    pub fn windows_over<'a>(&'a self, weekly: &'a [Window]) -> &'a [Window] {
        match (self.effect, &self.hours) {
            (Effect::Closed, _) => &[],
            // A half day never opens a day the week keeps closed.
            (Effect::HalfDay, _) if weekly.is_empty() => weekly,
            (_, Some(hours)) => hours,
            (_, None) => weekly,
        }
    }
}

/// Parses a rule's date: `YYYY-MM-DD`, `MM-DD`, `4th thu of nov`,
/// `last mon of may`, `easter`, `easter+1`, `orthodox-easter-2`.
pub fn parse_date_rule(text: &str) -> Result<DateRule, String> {
    let bad = || {
        format!(
            "{} is not a date or holiday rule (expected e.g. \"2026-12-24\", \"12-25\", \"4th thu of nov\", \"last mon of may\", \"easter-2\" or \"orthodox-easter+1\")",
            quote(text)
        )
    };
    let lower = text.trim().to_ascii_lowercase();
    if let Some(date) = parse_date(&lower) {
        return Ok(DateRule::Once(epoch_day(date)));
    }
    // Digits in three parts: meant as a date (the message of plain dates).
    if lower.split('-').count() == 3 && lower.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return Err(format!("{} is not a date (expected YYYY-MM-DD)", quote(text)));
    }
    let position = |list: &[&str], word: &str| list.iter().position(|w| *w == word);
    let words: Vec<&str> = lower.split_whitespace().collect();
    if let [nth, weekday, "of", month] = words.as_slice() {
        let nth = if *nth == "last" { Some(-1) } else { position(&ORDINALS, nth).map(|i| i as i8 + 1) };
        return match (nth, position(&WEEKDAYS, weekday), position(&MONTHS, month)) {
            (Some(nth), Some(w), Some(m)) => Ok(DateRule::NthWeekday { nth, weekday: w as u32, month: m as u32 + 1 }),
            _ => Err(bad()),
        };
    }
    for (prefix, orthodox) in [("orthodox-easter", true), ("easter", false)] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let offset = match rest.as_bytes().first() {
                None => 0,
                Some(b'+' | b'-') if rest.len() > 1 && rest[1..].bytes().all(|b| b.is_ascii_digit()) => rest.parse::<i64>().map_err(|_| bad())?,
                _ => return Err(bad()),
            };
            if offset.abs() > MAX_EASTER_OFFSET {
                return Err(format!("{}: an Easter-relative rule may lie at most {MAX_EASTER_OFFSET} days from Easter", quote(text)));
            }
            return Ok(DateRule::Easter { orthodox, offset });
        }
    }
    // MM-DD, checked against a leap year so that 02-29 is allowed.
    match lower.split_once('-') {
        Some((m, d)) if m.len() == 2 && d.len() == 2 && lower.bytes().filter(u8::is_ascii_digit).count() == 4 => {
            let (month, day) = (m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
            NaiveDate::from_ymd_opt(2000, month, day).ok_or_else(bad)?;
            Ok(DateRule::Yearly { month, day })
        }
        _ => Err(bad()),
    }
}

/// Option keywords that may follow a rule's date.
const KEYWORDS: [&str; 4] = ["observed", "from", "to", "hours"];

/// Reads one entry of `holidays` (`working_day` false) or `workdays`
/// (`working_day` true, where `hours` is required): a date rule followed by
/// options, e.g. `"12-25 observed sat>fri sun>mon from 2020 to 2030"` or
/// `"12-24 hours 09:00-12:00"`.
pub fn parse_rule(text: &str, working_day: bool) -> Result<DayRule, String> {
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let k = words.iter().position(|w| KEYWORDS.contains(w)).unwrap_or(words.len());
    let date = parse_date_rule(&words[..k].join(" "))?;
    let mut rule = DayRule { date, observed: [0; 7], years: (i32::MIN, i32::MAX), hours: None, effect: Effect::Closed };
    let mut keyword = "";
    for word in &words[k..] {
        if KEYWORDS.contains(word) {
            keyword = word;
            if keyword == "hours" {
                rule.hours.get_or_insert_with(Vec::new);
            }
            continue;
        }
        let bad = |expected: &str| format!("{}: {} after \"{keyword}\" is not {expected}", quote(text), quote(word));
        match keyword {
            "observed" => {
                let day = |name: &str| WEEKDAYS.iter().position(|w| *w == name);
                let (f, t) = word.split_once('>').and_then(|(f, t)| Some((day(f)?, day(t)?))).ok_or_else(|| bad("a weekday pair such as sat>fri"))?;
                // The nearest `t` weekday: a shift in -3..=3, never 0.
                rule.observed[f] = (t as i8 - f as i8 + 3).rem_euclid(7) - 3;
            }
            "hours" => {
                let (start, end) = word.split_once('-').ok_or_else(|| bad("a window such as 09:00-12:00"))?;
                let window = super::spec::window(start, end).map_err(|e| format!("{}: {e}", quote(text)))?;
                rule.hours.get_or_insert_with(Vec::new).push(window);
            }
            _ => {
                let year = word.parse::<i32>().map_err(|_| bad("a year"))?;
                if keyword == "from" {
                    rule.years.0 = year
                } else {
                    rule.years.1 = year
                }
            }
        }
    }
    if rule.years.0 > rule.years.1 {
        return Err(format!("{}: \"from\" is after \"to\"", quote(text)));
    }
    rule.effect = match (working_day, rule.hours.as_ref().map(Vec::len)) {
        (true, None | Some(0)) => return Err(format!("{}: an extra working day needs its hours, e.g. \"2026-10-10 hours 09:00-17:00\"", quote(text))),
        (_, Some(0)) => return Err(format!("{}: \"hours\" needs at least one window such as 09:00-12:00", quote(text))),
        (true, _) => Effect::Workday,
        (false, None) => Effect::Closed,
        (false, _) => Effect::HalfDay,
    };
    Ok(rule)
}
