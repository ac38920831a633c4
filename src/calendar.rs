//! TEMPORARY stand-in for the business calendar (issue 2): the contract's
//! signatures with the 24x7 calendar only. Replaced by main's
//! "Business calendars" when it lands.

use crate::error::Error;
use crate::time::Instant;

/// A business calendar; this stand-in is always open (24x7).
#[derive(Clone, Debug)]
pub struct Calendar;

impl Calendar {
    /// The built-in "24x7" calendar.
    pub fn always() -> Calendar {
        Calendar
    }

    /// Reads a calendar spec; this stand-in refuses every spec.
    pub fn from_json(_spec: &serde_json::Value, path: &str) -> Result<Calendar, Error> {
        Err(Error::invalid(path, "business calendars are not available in this build (only 24x7)"))
    }

    /// Working seconds in `[start, end)`, 0 if `end <= start`.
    pub fn duration(&self, start: Instant, end: Instant) -> i64 {
        (end - start).max(0)
    }

    /// The earliest instant at which `seconds` working seconds have elapsed.
    pub fn add(&self, start: Instant, seconds: i64) -> Result<Instant, Error> {
        Ok(start + seconds.max(0))
    }

    /// Whether `t` is working time (always).
    pub fn is_open(&self, _t: Instant) -> bool {
        true
    }

    /// The next opening at or after `t` (`t` itself).
    pub fn next_open(&self, t: Instant) -> Result<Instant, Error> {
        Ok(t)
    }

    /// Working intervals clipped to `[from, to)`.
    pub fn working_intervals(&self, from: Instant, to: Instant) -> Vec<(Instant, Instant)> {
        if to > from {
            vec![(from, to)]
        } else {
            Vec::new()
        }
    }
}
