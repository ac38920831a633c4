//! The `Calendar` class of the JS API.

use super::errors::to_js;
use super::instant;
use super::json;
use crate::calendar;
use crate::support::error::Error;
use crate::support::time::format_instant;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const CALENDAR_TYPES: &'static str = r#"
/** A local wall-clock time of day, `"HH:MM"` or `"HH:MM:SS"`; `"24:00"` ends a day. */
export type TimeOfDay = string;
/** A working window `[start, end]`; an end not after the start runs overnight. */
export type Window = [TimeOfDay, TimeOfDay];
/**
 * A date or yearly rule with options (docs/calendar.md): `"2026-12-24"`, `"12-25"`,
 * `"4th thu of nov"`, `"last mon of may"`, `"easter-2"`, `"orthodox-easter+1"`, then
 * optionally `observed sat>fri sun>mon`, `from 2024`, `to 2030`, `hours 09:00-12:00`.
 */
export type DayRule = string;
/** A business calendar: an IANA zone, weekly windows (a missing day is closed) and day rules. */
export interface CalendarSpec {
  timezone: string;
  week: { mon?: Window[]; tue?: Window[]; wed?: Window[]; thu?: Window[]; fri?: Window[]; sat?: Window[]; sun?: Window[] };
  /** Closed days (or half days, with `hours`): a holiday removes the windows that start on it. */
  holidays?: DayRule[];
  /** Extra working days (e.g. `"2026-10-10 hours 09:00-13:00"`), each with its `hours`. */
  workdays?: DayRule[];
  /** Holidays from an iCalendar (.ics) text: all-day VEVENTs, once or `RRULE:FREQ=YEARLY`. */
  holidaysIcs?: string;
}
/** An instant: ISO 8601 with `Z` or an offset, a `Date`, or epoch milliseconds. */
export type InstantInput = string | Date | number;
"#;

/// A business calendar (see `CalendarSpec`). Free it with `free()` when done,
/// or let the garbage collector do it.
#[wasm_bindgen]
pub struct Calendar(calendar::Calendar);

#[wasm_bindgen]
impl Calendar {
    /// Builds a calendar from a `CalendarSpec` object or the string `"24x7"`.
    /// Throws an `Error` naming the field and the value on bad input.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "CalendarSpec | \"24x7\"")] spec: JsValue) -> Result<Calendar, JsValue> {
        json::from_js(&spec, "spec", "is not a calendar specification", "").map(Calendar).map_err(to_js)
    }

    /// Working seconds in `[start, end)`; 0 when `end <= start`.
    pub fn duration(
        &self,
        #[wasm_bindgen(unchecked_param_type = "InstantInput")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "InstantInput")] end: JsValue,
    ) -> Result<f64, JsValue> {
        let start = instant::from_js(&start, "start").map_err(to_js)?;
        let end = instant::from_js(&end, "end").map_err(to_js)?;
        Ok(self.0.duration(start, end) as f64)
    }

    /// The earliest instant at which `seconds` working seconds have elapsed
    /// from `start`, as `YYYY-MM-DDTHH:MM:SSZ`. `add(t, 0)` is `t`.
    pub fn add(&self, #[wasm_bindgen(unchecked_param_type = "InstantInput")] start: JsValue, seconds: f64) -> Result<String, JsValue> {
        let start = instant::from_js(&start, "start").map_err(to_js)?;
        if !seconds.is_finite() || seconds.fract() != 0.0 || seconds.abs() > 1e15 {
            return Err(to_js(Error::invalid("seconds", format!("{} is not a whole number of seconds", seconds))));
        }
        self.0.add(start, seconds as i64).map(format_instant).map_err(to_js)
    }

    /// Whether `t` is working time.
    #[wasm_bindgen(js_name = isOpen)]
    pub fn is_open(&self, #[wasm_bindgen(unchecked_param_type = "InstantInput")] t: JsValue) -> Result<bool, JsValue> {
        let t = instant::from_js(&t, "t").map_err(to_js)?;
        Ok(self.0.is_open(t))
    }

    /// The first working instant at or after `t`, as `YYYY-MM-DDTHH:MM:SSZ`.
    #[wasm_bindgen(js_name = nextOpen)]
    pub fn next_open(&self, #[wasm_bindgen(unchecked_param_type = "InstantInput")] t: JsValue) -> Result<String, JsValue> {
        let t = instant::from_js(&t, "t").map_err(to_js)?;
        self.0.next_open(t).map(format_instant).map_err(to_js)
    }

    /// `days` working days after `start` at the same local time (the
    /// `"2bd"` target unit; docs/calendar.md), as `YYYY-MM-DDTHH:MM:SSZ`.
    #[wasm_bindgen(js_name = addWorkingDays)]
    pub fn add_working_days(&self, #[wasm_bindgen(unchecked_param_type = "InstantInput")] start: JsValue, days: f64) -> Result<String, JsValue> {
        let start = instant::from_js(&start, "start").map_err(to_js)?;
        if !(0.0..=36_500.0).contains(&days) || days.fract() != 0.0 {
            return Err(to_js(Error::invalid("days", format!("{days} is not a whole number of days from 0 to 36500"))));
        }
        self.0.add_working_days(start, days as u32).map(format_instant).map_err(to_js)
    }

    /// Batch form of `duration` for many intervals at once: `starts[i]` and
    /// `ends[i]` are epoch milliseconds; returns working seconds per pair.
    /// One boundary crossing instead of one per interval.
    #[wasm_bindgen(js_name = durations)]
    pub fn durations(&self, starts: &[f64], ends: &[f64]) -> Result<Vec<f64>, JsValue> {
        if starts.len() != ends.len() {
            return Err(to_js(Error::invalid("ends", format!("has {} items but starts has {}; expected equal lengths", ends.len(), starts.len()))));
        }
        let mut out = Vec::with_capacity(starts.len());
        for (i, (&s, &e)) in starts.iter().zip(ends).enumerate() {
            let s = crate::support::time::from_epoch_millis(s).map_err(|m| to_js(Error::invalid(format!("starts[{i}]"), m)))?;
            let e = crate::support::time::from_epoch_millis(e).map_err(|m| to_js(Error::invalid(format!("ends[{i}]"), m)))?;
            out.push(self.0.duration(s, e) as f64);
        }
        Ok(out)
    }
}
