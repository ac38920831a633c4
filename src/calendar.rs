//! TEMPORARY stand-in for the lead's business calendar (replaced by main's
//! `src/calendar.rs` when it lands): the contract of HELPERS.md for UTC
//! calendars only, computed by walking days.

use crate::error::Error;
use crate::json_reader::Node;
use crate::time::{Instant, SECONDS_PER_DAY};
use std::rc::Rc;

/// A business calendar (stand-in: UTC weekly windows and holiday dates).
#[derive(Clone)]
pub struct Calendar {
    inner: Option<Rc<Spec>>,
}

struct Spec {
    /// Windows per weekday (0 = Monday), seconds since local midnight.
    week: [Vec<(i64, i64)>; 7],
    /// Holiday epoch days.
    holidays: Vec<i64>,
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const HORIZON_DAYS: i64 = 3660;

impl Calendar {
    /// The built-in "24x7" calendar.
    pub fn always() -> Calendar {
        Calendar { inner: None }
    }

    /// Reads a calendar spec (stand-in: timezone must be UTC).
    pub fn from_json(spec: &serde_json::Value, path: &str) -> Result<Calendar, Error> {
        let node = Node::root(spec, path);
        node.deny_unknown(&["timezone", "week", "holidays"])?;
        let tz = node.required("timezone")?;
        if tz.str()? != "UTC" {
            return Err(tz.error("stand-in calendar supports UTC only"));
        }
        let mut week: [Vec<(i64, i64)>; 7] = Default::default();
        let w = node.required("week")?;
        w.deny_unknown(&DAYS)?;
        for (i, d) in DAYS.iter().enumerate() {
            if let Some(day) = w.get(d) {
                for win in day.items()? {
                    let parts = win.items()?;
                    if parts.len() != 2 {
                        return Err(win.error("expected [start, end]"));
                    }
                    let a = hm(&parts[0])?;
                    let b = hm(&parts[1])?;
                    week[i].push((a, b));
                }
            }
        }
        let mut holidays = Vec::new();
        if let Some(h) = node.get("holidays") {
            for item in h.items()? {
                let d = chrono::NaiveDate::parse_from_str(item.str()?, "%Y-%m-%d")
                    .map_err(|_| item.error("expected YYYY-MM-DD"))?;
                holidays.push(crate::time::date_to_epoch_day(d));
            }
        }
        Ok(Calendar { inner: Some(Rc::new(Spec { week, holidays })) })
    }

    fn day_windows(spec: &Spec, day: i64) -> Vec<(Instant, Instant)> {
        if spec.holidays.contains(&day) {
            return Vec::new();
        }
        let weekday = (day + 3).rem_euclid(7) as usize; // 1970-01-01 was a Thursday
        spec.week[weekday].iter().map(|&(a, b)| (day * SECONDS_PER_DAY + a, day * SECONDS_PER_DAY + b)).collect()
    }

    /// Working seconds in `[start, end)`.
    pub fn duration(&self, start: Instant, end: Instant) -> i64 {
        self.working_intervals(start, end).iter().map(|(a, b)| b - a).sum()
    }

    /// The earliest instant at which `seconds` working seconds have elapsed from `start`.
    pub fn add(&self, start: Instant, seconds: i64) -> Result<Instant, Error> {
        let Some(spec) = &self.inner else { return Ok(start + seconds) };
        if seconds <= 0 {
            return Ok(start);
        }
        let mut left = seconds;
        let first = start.div_euclid(SECONDS_PER_DAY);
        for day in first..first + HORIZON_DAYS {
            for (a, b) in Self::day_windows(spec, day) {
                let a = a.max(start);
                if b <= a {
                    continue;
                }
                if b - a >= left {
                    return Ok(a + left);
                }
                left -= b - a;
            }
        }
        Err(Error::compute("the calendar does not open within ten years"))
    }

    /// Whether `t` is working time.
    pub fn is_open(&self, t: Instant) -> bool {
        self.duration(t, t + 1) == 1
    }

    /// The first working instant at or after `t`.
    pub fn next_open(&self, t: Instant) -> Result<Instant, Error> {
        self.add(t, 0).and_then(|_| {
            let Some(spec) = &self.inner else { return Ok(t) };
            let first = t.div_euclid(SECONDS_PER_DAY);
            for day in first..first + HORIZON_DAYS {
                for (a, b) in Self::day_windows(spec, day) {
                    if b > t {
                        return Ok(a.max(t));
                    }
                }
            }
            Err(Error::compute("the calendar does not open within ten years"))
        })
    }

    /// Working intervals clipped to `[from, to)`.
    pub fn working_intervals(&self, from: Instant, to: Instant) -> Vec<(Instant, Instant)> {
        if to <= from {
            return Vec::new();
        }
        let Some(spec) = &self.inner else { return vec![(from, to)] };
        let mut out = Vec::new();
        for day in from.div_euclid(SECONDS_PER_DAY)..=(to - 1).div_euclid(SECONDS_PER_DAY) {
            for (a, b) in Self::day_windows(spec, day) {
                let (a, b) = (a.max(from), b.min(to));
                if a < b {
                    out.push((a, b));
                }
            }
        }
        out
    }
}

fn hm(node: &Node) -> Result<i64, Error> {
    let s = node.str()?;
    let (h, m) = s.split_once(':').ok_or_else(|| node.error("expected HH:MM"))?;
    let h: i64 = h.parse().map_err(|_| node.error("expected HH:MM"))?;
    let m: i64 = m.parse().map_err(|_| node.error("expected HH:MM"))?;
    Ok(h * 3600 + m * 60)
}
