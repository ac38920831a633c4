//! Business calendars: when the clock of an SLA runs.
//!
//! A calendar is an IANA time zone, weekly working windows in local
//! wall-clock time, and day rules (holidays as dates or yearly rules, half
//! days, extra working days; `rules`); or the built-in `24x7`, which is
//! always open. It answers four questions, in the shape of ServiceNow's
//! `GlideSchedule`:
//!
//! - [`Calendar::duration`]: working seconds in `[start, end)`, 0 when
//!   `end <= start`;
//! - [`Calendar::add`]: the earliest instant at which a number of working
//!   seconds has elapsed from a start (`add(a, 0) == a`);
//! - [`Calendar::is_open`]: whether an instant is working time;
//! - [`Calendar::next_open`]: the first working instant at or after an
//!   instant.
//!
//! # Semantics
//!
//! - A window covers every instant whose **local wall-clock time** falls in
//!   it. On the day clocks go forward the missing hour is simply not there
//!   (a 00:00–24:00 window lasts 23 h); on the day they go back the repeated
//!   hour counts twice (25 h).
//! - A window whose end is not after its start runs overnight and belongs to
//!   the day it starts on; `24:00` ends a day.
//! - A holiday removes the windows that **start** on that local date (an
//!   overnight window starting the evening before still runs into it).
//! - `add` returns the earliest instant: when the budget runs out exactly at
//!   the end of a window the answer is that end (17:00), not the next
//!   opening.
//!
//! # Example
//!
//! ```
//! use sla_scorecard::calendar::Calendar;
//! use sla_scorecard::support::time::{format_instant, parse_instant};
//!
//! let spec = serde_json::json!({
//!     "timezone": "Europe/Berlin",
//!     "week": { "mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]] },
//!     "holidays": []
//! });
//! let cal = Calendar::from_json(&spec, "calendar")?;
//! // A literal written here, so it always parses (user text gets the `Err`).
//! let monday_4pm = parse_instant("2026-11-23T16:00:00+01:00").unwrap();
//! // 1 h left on Monday, then 3 h from Tuesday 09:00: due Tuesday 12:00 local.
//! let due = cal.add(monday_4pm, 4 * 3600)?;
//! assert_eq!(format_instant(due), "2026-11-24T11:00:00Z");
//! assert_eq!(cal.duration(monday_4pm, due), 4 * 3600);
//! # Ok::<(), sla_scorecard::Error>(())
//! ```
//!
//! # Implementation
//!
//! A weekly calendar compiles, on first use, into sorted UTC working
//! intervals with cumulative working seconds over about two years of local
//! days around the first instant asked about; `duration` and `add` are then
//! binary searches (O(log n)). An instant outside the compiled range grows
//! it (at least doubling), so growth is amortised.

mod compiled;
#[cfg(not(target_arch = "wasm32"))]
pub mod ics;
mod rules;
mod spec;

pub use rules::{easter, parse_date_rule, parse_rule, DateRule, DayRule, DayRules, Effect};
pub use spec::{Window, DAY_KEYS};

use crate::support::error::Error;
use crate::support::time::{format_instant, Instant, MAX_INSTANT, SECONDS_PER_DAY};
use compiled::Compiled;
use serde::de::{value::MapAccessDeserializer, Deserializer, MapAccess, Unexpected, Visitor};
use serde::Deserialize;
use spec::WeeklySpec;
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

/// A business calendar. Cloning is cheap: clones share the compiled
/// intervals.
#[derive(Clone, Debug)]
pub struct Calendar {
    kind: Kind,
}

#[derive(Clone, Debug)]
enum Kind {
    Always,
    Weekly(Rc<Weekly>),
}

#[derive(Debug)]
struct Weekly {
    spec: WeeklySpec,
    compiled: RefCell<Compiled>,
}

impl Calendar {
    /// The built-in `24x7` calendar: always open.
    pub fn always() -> Calendar {
        Calendar { kind: Kind::Always }
    }

    /// Reads a calendar specification: the string `"24x7"`, or an object
    /// `{ "timezone": …, "week": { "mon": [["09:00","17:00"]], … }, "holidays": ["2026-12-25", …] }`.
    /// `path` is the JSON path of `spec`, used in error messages (empty for
    /// a document of its own).
    pub fn from_json(spec: &serde_json::Value, path: &str) -> Result<Calendar, Error> {
        crate::support::json_reader::from_value(spec, path)
    }

    fn from_weekly(spec: WeeklySpec) -> Calendar {
        Calendar { kind: Kind::Weekly(Rc::new(Weekly { spec, compiled: RefCell::new(Compiled::default()) })) }
    }

    /// The calendar's IANA zone (`None` for `24x7`).
    pub fn time_zone(&self) -> Option<&crate::support::tz::TimeZone> {
        match &self.kind {
            Kind::Always => None,
            Kind::Weekly(w) => Some(&w.spec.zone),
        }
    }

    /// Whether the calendar has no working window at all (it never opens).
    #[inline]
    pub fn is_never_open(&self) -> bool {
        match &self.kind {
            Kind::Always => false,
            Kind::Weekly(w) => w.spec.week.iter().all(Vec::is_empty) && !w.spec.days.has_workdays(),
        }
    }

    /// The day rules (holidays, half days, extra working days); empty for `24x7`.
    pub fn day_rules(&self) -> Option<&DayRules> {
        match &self.kind {
            Kind::Always => None,
            Kind::Weekly(w) => Some(&w.spec.days),
        }
    }

    /// `days` working days after `start`, at the same local time (the
    /// business-day unit `"2bd"`): from the first working instant at or
    /// after `start`, the same wall-clock time on the `days`-th next local
    /// date with working time; on that date, a time before its first window
    /// moves to the window's start, one between windows to the next
    /// window's start, one after its last window to that window's end. The
    /// answer is the earliest instant with the same working time from
    /// `start`, as [`Calendar::add`] gives. On `24x7`, `days` × 24 h.
    ///
    /// Errors when the calendar has no such day before 2200.
    pub fn add_working_days(&self, start: Instant, days: u32) -> Result<Instant, Error> {
        let w = match &self.kind {
            Kind::Always => return in_range(start.saturating_add(i64::from(days) * SECONDS_PER_DAY), start, i64::from(days) * SECONDS_PER_DAY),
            Kind::Weekly(w) if days > 0 => w,
            Kind::Weekly(_) => return Ok(start),
        };
        let not_found = || Error::compute(format!("{days} working days after {} are not reached before 2200 on this calendar", format_instant(start)));
        let from = self.next_open(start).map_err(|_| not_found())?;
        let local = from + i64::from(w.spec.zone.offset_at(from));
        let (mut day, time) = (local.div_euclid(SECONDS_PER_DAY), local.rem_euclid(SECONDS_PER_DAY));
        let last_day = MAX_INSTANT.div_euclid(SECONDS_PER_DAY);
        let mut left = days;
        let windows = loop {
            day += 1;
            if day > last_day {
                return Err(not_found());
            }
            let windows = w.spec.days.windows_on(day, &w.spec.week[(day + 3).rem_euclid(7) as usize]);
            if !windows.is_empty() {
                left -= 1;
                if left == 0 {
                    break windows;
                }
            }
        };
        let inside = windows.iter().any(|x| x.start <= time && time < x.end);
        let next_start = windows.iter().map(|x| x.start).filter(|&s| s > time).min();
        let last_end = windows.iter().map(|x| x.end).max().unwrap_or(time);
        let at = if inside { time } else { next_start.unwrap_or(last_end) };
        let due = w.spec.zone.local_to_utc(day * SECONDS_PER_DAY + at);
        self.add(start, self.duration(start, due))
    }

    /// Working seconds in `[start, end)`; 0 when `end <= start`.
    #[inline]
    pub fn duration(&self, start: Instant, end: Instant) -> i64 {
        if end <= start {
            return 0;
        }
        match &self.kind {
            Kind::Always => end - start,
            Kind::Weekly(w) => {
                let mut c = w.compiled.borrow_mut();
                c.cover(&w.spec, start, end);
                c.worked_until(end) - c.worked_until(start)
            }
        }
    }

    /// The earliest instant at which `seconds` working seconds have elapsed
    /// from `start`. `add(start, 0) == start`, even outside working hours.
    ///
    /// Errors when `seconds` is negative, or when the calendar never
    /// accumulates that much working time before 2200.
    #[inline]
    pub fn add(&self, start: Instant, seconds: i64) -> Result<Instant, Error> {
        if seconds < 0 {
            return Err(Error::invalid("seconds", format!("{seconds} is negative; expected 0 or more working seconds")));
        }
        if seconds == 0 {
            return Ok(start);
        }
        match &self.kind {
            Kind::Always => Ok(start.saturating_add(seconds)).and_then(|t| in_range(t, start, seconds)),
            Kind::Weekly(w) => {
                if self.is_never_open() {
                    return Err(never_reached(start, seconds));
                }
                let mut c = w.compiled.borrow_mut();
                c.cover(&w.spec, start, start);
                loop {
                    // More working seconds than an i64 can count from here
                    // are never reached (found by the `calendar` fuzz target).
                    let Some(target) = c.worked_until(start).checked_add(seconds) else { return Err(never_reached(start, seconds)) };
                    if let Some(t) = c.instant_of(target) {
                        if c.covers(start, t) {
                            return Ok(t);
                        }
                    }
                    let horizon = c.exact_end();
                    if horizon >= MAX_INSTANT {
                        return Err(never_reached(start, seconds));
                    }
                    c.cover(&w.spec, start, horizon);
                }
            }
        }
    }

    /// Whether `t` is working time.
    pub fn is_open(&self, t: Instant) -> bool {
        match &self.kind {
            Kind::Always => true,
            Kind::Weekly(w) => {
                let mut c = w.compiled.borrow_mut();
                c.cover(&w.spec, t, t);
                c.contains(t)
            }
        }
    }

    /// The first working instant at or after `t`.
    ///
    /// Errors when the calendar never opens again before 2200.
    pub fn next_open(&self, t: Instant) -> Result<Instant, Error> {
        match &self.kind {
            Kind::Always => Ok(t),
            Kind::Weekly(w) => {
                if self.is_never_open() {
                    return Err(Error::compute("the calendar has no working window, so it never opens"));
                }
                let mut c = w.compiled.borrow_mut();
                c.cover(&w.spec, t, t);
                if c.contains(t) {
                    return Ok(t);
                }
                loop {
                    if let Some(next) = c.next_start_after(t) {
                        if c.covers(t, next) {
                            return Ok(next);
                        }
                    }
                    let horizon = c.exact_end();
                    if horizon >= MAX_INSTANT {
                        return Err(Error::compute(format!("the calendar does not open after {} before 2200", format_instant(t))));
                    }
                    c.cover(&w.spec, t, horizon);
                }
            }
        }
    }

    /// The working intervals intersecting `[from, to)`, clipped to it, in
    /// order: the "running" parts of an SLA timeline.
    pub fn working_intervals(&self, from: Instant, to: Instant) -> Vec<(Instant, Instant)> {
        if to <= from {
            return Vec::new();
        }
        match &self.kind {
            Kind::Always => vec![(from, to)],
            Kind::Weekly(w) => {
                let mut c = w.compiled.borrow_mut();
                c.cover(&w.spec, from, to);
                c.intervals(from, to)
            }
        }
    }
}

/// A calendar specification as [`Calendar::from_json`] reads it, for
/// documents that hold one (policies, scorecard configurations).
impl<'de> Deserialize<'de> for Calendar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Calendar, D::Error> {
        struct Spec;
        impl<'de> Visitor<'de> for Spec {
            type Value = Calendar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("\"24x7\" or a calendar {\"timezone\": …, \"week\": {…}, \"holidays\": […]}")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Calendar, E> {
                match s {
                    "24x7" => Ok(Calendar::always()),
                    _ => Err(E::invalid_value(Unexpected::Str(s), &self)),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Calendar, A::Error> {
                WeeklySpec::deserialize(MapAccessDeserializer::new(map)).map(Calendar::from_weekly)
            }
        }
        d.deserialize_any(Spec)
    }
}

fn in_range(t: Instant, start: Instant, seconds: i64) -> Result<Instant, Error> {
    if t < MAX_INSTANT {
        Ok(t)
    } else {
        Err(never_reached(start, seconds))
    }
}

fn never_reached(start: Instant, seconds: i64) -> Error {
    Error::compute(format!("{seconds} working seconds from {} are not reached before 2200 on this calendar", format_instant(start)))
}
