//! A weekly calendar compiled into sorted UTC working intervals with
//! cumulative working seconds, over a range of local days that grows on
//! demand.
//!
//! Materialisation follows the calendar semantics: a window covers every
//! instant whose local wall-clock time falls in it. Each local window
//! `[Ls, Le)` is intersected with every constant-offset span of the zone;
//! within a span of offset `o` the local times `[Ls, Le)` are the instants
//! `[Ls - o, Le - o)`. So a DST gap shortens a window and a repeated hour
//! lengthens it (possibly into two pieces), with no special cases.

use super::spec::WeeklySpec;
use crate::support::time::{Instant, MAX_INSTANT, MIN_INSTANT, SECONDS_PER_DAY};

/// Days compiled around the first query (and the least growth step).
const INITIAL_HALF_SPAN_DAYS: i64 = 400;

/// Sorted, disjoint UTC working intervals over compiled local days.
#[derive(Debug, Default)]
pub struct Compiled {
    /// First compiled local day (days since 1970-01-01), inclusive.
    first_day: i64,
    /// Last compiled local day, exclusive.
    end_day: i64,
    /// Interval starts, sorted.
    starts: Vec<Instant>,
    /// Interval ends (`ends[i] > starts[i]`, `ends[i] < starts[i + 1]`).
    ends: Vec<Instant>,
    /// Working seconds in all intervals before interval `i`.
    before: Vec<i64>,
}

impl Compiled {
    /// The UTC range in which membership is exact: every window that can
    /// touch it belongs to a compiled day (windows of day `d` lie within
    /// local days `d..d+2`, and offsets are under one day).
    fn exact_range(&self) -> (Instant, Instant) {
        if self.end_day <= self.first_day {
            return (0, 0);
        }
        ((self.first_day + 2) * SECONDS_PER_DAY, (self.end_day - 1) * SECONDS_PER_DAY)
    }

    /// Makes the exact range cover `[from, to]`, recompiling over a wider
    /// range of days when needed (at least doubling it, so growth is
    /// amortised). Instants are clamped to the supported range.
    pub fn cover(&mut self, spec: &WeeklySpec, from: Instant, to: Instant) {
        let from = from.clamp(MIN_INSTANT, MAX_INSTANT);
        let to = to.clamp(MIN_INSTANT, MAX_INSTANT);
        let (lo, hi) = self.exact_range();
        if from >= lo && to < hi {
            return;
        }
        let (mut first, mut end) = if self.end_day > self.first_day {
            (self.first_day, self.end_day)
        } else {
            let d = from.div_euclid(SECONDS_PER_DAY);
            (d - INITIAL_HALF_SPAN_DAYS, d + INITIAL_HALF_SPAN_DAYS)
        };
        let span = (end - first).max(INITIAL_HALF_SPAN_DAYS);
        let min_day = MIN_INSTANT.div_euclid(SECONDS_PER_DAY) - 3;
        let max_day = MAX_INSTANT.div_euclid(SECONDS_PER_DAY) + 3;
        while first + 2 > from.div_euclid(SECONDS_PER_DAY) && first > min_day {
            first = (first - span).max(min_day);
        }
        while end - 1 <= to.div_euclid(SECONDS_PER_DAY) && end < max_day {
            end = (end + span).min(max_day);
        }
        self.compile(spec, first, end);
    }

    /// Whether `[from, to]` is inside the exact range.
    pub fn covers(&self, from: Instant, to: Instant) -> bool {
        let (lo, hi) = self.exact_range();
        from >= lo && to < hi
    }

    fn compile(&mut self, spec: &WeeklySpec, first_day: i64, end_day: i64) {
        let spans = spec.zone.spans((first_day - 1) * SECONDS_PER_DAY, (end_day + 3) * SECONDS_PER_DAY);
        let mut raw: Vec<(Instant, Instant)> = Vec::new();
        let ruled = spec.days.expand(first_day, end_day);
        let mut next_ruled = ruled.iter().peekable();
        for day in first_day..end_day {
            // 1970-01-01 was a Thursday (ISO index 3).
            let weekday = (day + 3).rem_euclid(7) as usize;
            let windows = match next_ruled.next_if(|(d, _)| *d == day) {
                Some((_, rule)) => rule.windows_over(&spec.week[weekday]),
                None => &spec.week[weekday],
            };
            let midnight = day * SECONDS_PER_DAY;
            for w in windows {
                let (ls, le) = (midnight + w.start, midnight + w.end);
                // Spans whose UTC range can map into [ls, le): offsets are under a day.
                let k0 = spans.partition_point(|s| s.start <= ls - SECONDS_PER_DAY).saturating_sub(1);
                for k in k0..spans.len() {
                    let span_start = spans[k].start;
                    if span_start >= le + SECONDS_PER_DAY {
                        break;
                    }
                    let span_end = spans.get(k + 1).map_or(Instant::MAX / 2, |s| s.start);
                    let o = spans[k].offset as i64;
                    let lo = (span_start + o).max(ls);
                    let hi = (span_end + o).min(le);
                    if lo < hi {
                        raw.push((lo - o, hi - o));
                    }
                }
            }
        }
        // Equal pairs are interchangeable: an unstable sort gives the same
        // union. Once per extension of the covered range, so the module's
        // shared cold sort (src/support/order.rs).
        let order = crate::support::order::positions_by(raw.len(), &|a, b| raw[a].cmp(&raw[b]));
        self.starts.clear();
        self.ends.clear();
        self.before.clear();
        let mut total = 0i64;
        for (s, e) in order.into_iter().map(|i| raw[i as usize]) {
            match self.ends.last_mut() {
                Some(last) if s <= *last => {
                    if e > *last {
                        total += e - *last;
                        *last = e;
                    }
                }
                _ => {
                    self.starts.push(s);
                    self.ends.push(e);
                    self.before.push(total);
                    total += e - s;
                }
            }
        }
        self.first_day = first_day;
        self.end_day = end_day;
    }

    /// Working seconds from the start of the compiled intervals to `t`.
    /// Only differences of two values within the exact range are meaningful.
    pub fn worked_until(&self, t: Instant) -> i64 {
        let i = self.starts.partition_point(|&s| s <= t);
        if i == 0 {
            return 0;
        }
        let i = i - 1;
        self.before[i] + t.min(self.ends[i]) - self.starts[i]
    }

    /// The earliest instant at which [`Self::worked_until`] reaches
    /// `target`, if the compiled intervals get there.
    pub fn instant_of(&self, target: i64) -> Option<Instant> {
        // Binary search for the first interval whose end reaches the target.
        let (mut lo, mut hi) = (0, self.starts.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.before[mid] + (self.ends[mid] - self.starts[mid]) < target {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        (lo < self.starts.len()).then(|| self.starts[lo] + (target - self.before[lo]))
    }

    /// Whether `t` is inside a working interval.
    #[inline]
    pub fn contains(&self, t: Instant) -> bool {
        let i = self.starts.partition_point(|&s| s <= t);
        i > 0 && t < self.ends[i - 1]
    }

    /// The first interval start after `t`, if compiled.
    pub fn next_start_after(&self, t: Instant) -> Option<Instant> {
        let i = self.starts.partition_point(|&s| s <= t);
        self.starts.get(i).copied()
    }

    /// The working intervals intersecting `[from, to)`, clipped to it.
    pub fn intervals(&self, from: Instant, to: Instant) -> Vec<(Instant, Instant)> {
        let first = self.ends.partition_point(|&e| e <= from);
        let mut out = Vec::new();
        for i in first..self.starts.len() {
            if self.starts[i] >= to {
                break;
            }
            out.push((self.starts[i].max(from), self.ends[i].min(to)));
        }
        out
    }

    /// The first instant after which no compiled interval exists.
    pub fn exact_end(&self) -> Instant {
        self.exact_range().1
    }
}
