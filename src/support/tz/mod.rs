//! IANA time zones: UTC offsets at instants and local wall-clock ↔ UTC.
//!
//! The rules come from the platform's copy of the IANA database: chrono-tz
//! (compiled in) on native builds, and the browser's own copy through
//! `Intl.DateTimeFormat` in the wasm build, which keeps about 130 KB of gzip
//! out of the package while every zone keeps working (see
//! `docs/calendar.md`). Both backends answer one question, the offset at a
//! UTC instant; everything else (transition tables, local → UTC) is computed
//! here once, identically on both.
//!
//! A [`TimeZone`] memoises the offset transitions it has seen, one calendar
//! year at a time, so repeated look-ups are binary searches.

#[cfg(not(target_arch = "wasm32"))]
mod chrono_tz_backend;
#[cfg(not(target_arch = "wasm32"))]
use chrono_tz_backend::Backend;

#[cfg(target_arch = "wasm32")]
mod intl_backend;
#[cfg(target_arch = "wasm32")]
use intl_backend::Backend;

use crate::support::error::{quote, Error};
use crate::support::time::{Instant, MAX_INSTANT, MIN_INSTANT, SECONDS_PER_DAY};
use std::cell::RefCell;
use std::rc::Rc;

/// A span of constant UTC offset: from `start` (UTC) until the next span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OffsetSpan {
    /// First instant of the span.
    pub start: Instant,
    /// Local wall-clock time minus UTC, in seconds, during the span.
    pub offset: i32,
}

/// An IANA time zone with memoised offset transitions. Cloning is cheap and
/// shares the memo.
#[derive(Clone)]
pub struct TimeZone {
    name: Rc<str>,
    inner: Rc<RefCell<Table>>,
}

struct Table {
    /// The platform's rules; `None` for UTC, which needs none (and in the
    /// browser would cost a page's first `Intl.DateTimeFormat`, 6–40 ms).
    backend: Option<Backend>,
    /// Sorted spans; `spans[0].start == covered_from`.
    spans: Vec<OffsetSpan>,
    covered_from: Instant,
    covered_to: Instant,
}

thread_local! {
    /// The zones created so far on this thread, by name.
    static ZONES: RefCell<Vec<TimeZone>> = const { RefCell::new(Vec::new()) };
}

/// Forgets the zones created so far on this thread, with the transitions
/// they memoised; in fuzz builds only (`cfg(fuzzing)`, which cargo-fuzz
/// sets). The fuzz harness calls it before each input: a memo grown by the
/// inputs run before would decide which of `Table::cover`'s paths an input
/// takes, so that its coverage depended on their order
/// (docs/reliability.md, "Deterministic fuzz harness").
#[cfg(fuzzing)]
pub fn forget_zones() {
    ZONES.with(|z| z.borrow_mut().clear());
}

/// Whether `name` is one of the IANA names of UTC itself.
fn is_utc(name: &str) -> bool {
    matches!(name, "UTC" | "Etc/UTC" | "Etc/UCT" | "UCT" | "Etc/Universal" | "Universal" | "Zulu" | "Etc/Zulu" | "Etc/GMT" | "GMT")
}

/// Roughly one year: the unit by which a zone's table grows.
const CHUNK: i64 = 366 * SECONDS_PER_DAY;

impl TimeZone {
    /// Looks up an IANA zone by name (`"Europe/Berlin"`, `"UTC"`).
    ///
    /// `path` names the field the name came from, for the error message:
    /// `timezone: "Mars/Base" is not an IANA time zone`.
    pub fn named(name: &str, path: &str) -> Result<TimeZone, Error> {
        // Zones are shared per thread by name, so every calendar, report
        // and data set asking for the same zone reuses the transitions
        // already found (in the browser each one costs `Intl` calls).
        if let Some(zone) = ZONES.with(|z| z.borrow().iter().find(|tz| &*tz.name == name).cloned()) {
            return Ok(zone);
        }
        let mut table = Table { backend: None, spans: Vec::new(), covered_from: 0, covered_to: 0 };
        if is_utc(name) {
            // Offset 0 throughout: no backend to ask.
            table.spans.push(OffsetSpan { start: MIN_INSTANT, offset: 0 });
            table.covered_from = MIN_INSTANT;
            table.covered_to = MAX_INSTANT;
        } else {
            let backend = Backend::new(name).ok_or_else(|| Error::invalid(path, format!("{} is not an IANA time zone", quote(name))))?;
            table.backend = Some(backend);
        }
        let zone = TimeZone { name: Rc::from(name), inner: Rc::new(RefCell::new(table)) };
        ZONES.with(|z| z.borrow_mut().push(zone.clone()));
        Ok(zone)
    }

    /// UTC.
    #[inline]
    pub fn utc() -> TimeZone {
        match Self::named("UTC", "timezone") {
            Ok(tz) => tz,
            // "UTC" takes the backend-free branch of `named`, which cannot
            // fail; fail loudly in tests rather than compute in a wrong zone
            // should that ever change.
            Err(e) => unreachable!("UTC must exist: {e}"),
        }
    }

    /// The IANA name this zone was created from.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Local wall-clock time minus UTC, in seconds, at instant `t`.
    pub fn offset_at(&self, t: Instant) -> i32 {
        let t = t.clamp(MIN_INSTANT, MAX_INSTANT - 1);
        let mut table = self.inner.borrow_mut();
        table.cover(t, t + 1);
        let i = table.spans.partition_point(|s| s.start <= t);
        table.spans[i.saturating_sub(1)].offset
    }

    /// The constant-offset spans that intersect `[from, to)`: the first span
    /// starts at or before `from`.
    pub fn spans(&self, from: Instant, to: Instant) -> Vec<OffsetSpan> {
        let from = from.clamp(MIN_INSTANT, MAX_INSTANT - 1);
        let to = to.clamp(from + 1, MAX_INSTANT);
        let mut table = self.inner.borrow_mut();
        table.cover(from, to);
        let first = table.spans.partition_point(|s| s.start <= from).saturating_sub(1);
        let last = table.spans.partition_point(|s| s.start < to);
        table.spans[first..last].to_vec()
    }

    /// The UTC instant of a local wall-clock time given as seconds since
    /// 1970-01-01T00:00 local. A repeated local time (the clocks went back)
    /// takes its first occurrence; a local time that never happened (the
    /// clocks went forward) is read with the offset in force before the
    /// gap, so `02:30` in a 02:00→03:00 gap becomes `03:30` new time, as
    /// JavaScript's `Date` and java.time do.
    #[inline]
    pub fn local_to_utc(&self, local: i64) -> Instant {
        let before = self.offset_at(local - SECONDS_PER_DAY) as i64;
        let after = self.offset_at(local + SECONDS_PER_DAY) as i64;
        let (a, b) = (local - before, local - after);
        for t in [a.min(b), a.max(b)] {
            if self.offset_at(t) as i64 == local - t {
                return t;
            }
        }
        local - before
    }
}

impl std::fmt::Debug for TimeZone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TimeZone({})", self.name)
    }
}

impl Table {
    /// The backend's offset at `t` (0 without one: UTC, whose table
    /// covers every instant, so it is never asked).
    fn ask(&self, t: Instant) -> i32 {
        self.backend.as_ref().map_or(0, |b| b.offset_at(t))
    }

    /// Makes sure the spans cover `[from, to)`, growing a year at a time.
    fn cover(&mut self, from: Instant, to: Instant) {
        if self.spans.is_empty() {
            let start = from - from.rem_euclid(CHUNK);
            let offset = self.ask(start);
            self.spans.push(OffsetSpan { start, offset });
            self.covered_from = start;
            self.covered_to = start;
        }
        while self.covered_to < to.min(MAX_INSTANT) {
            let end = (self.covered_to + CHUNK).min(MAX_INSTANT);
            let mut found = Vec::new();
            self.scan(self.covered_to, end, &mut found);
            self.spans.extend(found);
            self.covered_to = end;
        }
        while self.covered_from > from.max(MIN_INSTANT) {
            let start = (self.covered_from - CHUNK).max(MIN_INSTANT);
            let offset = self.ask(start);
            let mut found = vec![OffsetSpan { start, offset }];
            self.scan(start, self.covered_from, &mut found);
            // The old first span may now continue the last found one.
            // `spans` is never empty here: the block at the top of `cover`
            // pushed a first span (and `found` starts with one).
            let old_first = self.spans[0];
            let last = found[found.len() - 1].offset;
            let rest = if old_first.offset == last { &self.spans[1..] } else { &self.spans[..] };
            found.extend_from_slice(rest);
            self.spans = found;
            self.covered_from = start;
        }
    }

    /// Appends the transitions in `(from, to]` to `found`, sampling the
    /// offset once a day and bisecting to the second where it changes.
    /// Two changes within one step are found as long as they do not cancel
    /// out. In the IANA data an offset never comes back within 6.96 days
    /// (shortest: Noronha's DST of 8–15 October 2000, tested below), and
    /// daily sampling found the same spans as 6-hourly for every zone of
    /// chrono-tz 0.10 over 1900–2200. In wasm each sample is an `Intl`
    /// call: a year costs ~400 instead of ~1,500 (docs/benchmarks.md).
    fn scan(&self, from: Instant, to: Instant, found: &mut Vec<OffsetSpan>) {
        const STEP: i64 = SECONDS_PER_DAY;
        let mut current = found.last().map(|s| s.offset).or_else(|| self.spans.last().map(|s| s.offset));
        let mut t = from;
        let mut prev_offset = current.unwrap_or_else(|| self.ask(from));
        while t < to {
            let next = (t + STEP).min(to);
            let o = self.ask(next);
            if o != prev_offset {
                // Find the first second in (t, next] whose offset differs.
                let (mut lo, mut hi) = (t, next);
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if self.ask(mid) == prev_offset {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                let changed_to = self.ask(hi);
                if current != Some(changed_to) {
                    found.push(OffsetSpan { start: hi, offset: changed_to });
                    current = Some(changed_to);
                }
                prev_offset = changed_to;
                // Re-examine from the transition in case of two in a step.
                t = hi;
                continue;
            }
            t = next;
        }
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
    fn utc_never_asks_the_platform() {
        // Every name of UTC answers offset 0 at either end of the range
        // without a backend (in the browser: no `Intl.DateTimeFormat`);
        // a real zone has one.
        for name in ["UTC", "Etc/UTC", "Zulu", "GMT"] {
            let tz = TimeZone::named(name, "timezone").unwrap();
            assert_eq!((tz.offset_at(MIN_INSTANT), tz.offset_at(MAX_INSTANT - 1), tz.local_to_utc(0)), (0, 0, 0), "{name}");
            assert!(tz.inner.borrow().backend.is_none(), "{name}");
        }
        assert!(TimeZone::named("Europe/Rome", "timezone").unwrap().inner.borrow().backend.is_some());
    }

    #[test]
    fn berlin_offsets_around_spring_forward() {
        let tz = TimeZone::named("Europe/Berlin", "timezone").unwrap();
        // EU rule: clocks go forward at 01:00 UTC on the last Sunday of March (2026-03-29).
        assert_eq!(tz.offset_at(at("2026-03-29T00:59:59Z")), 3600);
        assert_eq!(tz.offset_at(at("2026-03-29T01:00:00Z")), 7200);
        let spans = tz.spans(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"));
        let starts: Vec<_> = spans.iter().skip(1).map(|s| (crate::support::time::format_instant(s.start), s.offset)).collect();
        assert_eq!(starts, vec![("2026-03-29T01:00:00Z".to_string(), 7200), ("2026-10-25T01:00:00Z".to_string(), 3600)]);
    }

    #[test]
    fn local_to_utc_gap_and_overlap() {
        let tz = TimeZone::named("Europe/Berlin", "timezone").unwrap();
        let local = |s: &str| at(&format!("{s}Z"));
        // 02:30 on 2026-03-29 does not exist: read with +01:00 → 01:30Z (= 03:30 CEST).
        assert_eq!(tz.local_to_utc(local("2026-03-29T02:30:00")), at("2026-03-29T01:30:00Z"));
        // 02:30 on 2026-10-25 happens twice: first at +02:00 → 00:30Z.
        assert_eq!(tz.local_to_utc(local("2026-10-25T02:30:00")), at("2026-10-25T00:30:00Z"));
        assert_eq!(tz.local_to_utc(local("2026-07-01T12:00:00")), at("2026-07-01T10:00:00Z"));
    }

    #[test]
    fn growing_backwards_keeps_spans_sorted() {
        let tz = TimeZone::named("America/New_York", "timezone").unwrap();
        assert_eq!(tz.offset_at(at("2026-07-01T00:00:00Z")), -4 * 3600);
        assert_eq!(tz.offset_at(at("2020-01-01T00:00:00Z")), -5 * 3600);
        // US rule 2020: second Sunday of March at 07:00 UTC (02:00 EST).
        assert_eq!(tz.offset_at(at("2020-03-08T06:59:59Z")), -5 * 3600);
        assert_eq!(tz.offset_at(at("2020-03-08T07:00:00Z")), -4 * 3600);
    }

    #[test]
    fn berlin_transitions_2016_and_2024() {
        let tz = TimeZone::named("Europe/Berlin", "timezone").unwrap();
        // EU rule: forward at 01:00 UTC on the last Sunday of March, back at
        // 01:00 UTC on the last Sunday of October: 27 Mar / 30 Oct 2016,
        // 31 Mar / 27 Oct 2024 (weekdays from Python's datetime).
        for (year, march, october) in [(2016, "2016-03-27", "2016-10-30"), (2024, "2024-03-31", "2024-10-27")] {
            let spans = tz.spans(at(&format!("{year}-01-01T00:00:00Z")), at(&format!("{}-01-01T00:00:00Z", year + 1)));
            let got: Vec<_> = spans.iter().map(|s| (crate::support::time::format_instant(s.start), s.offset)).skip(1).collect();
            let want = vec![(format!("{march}T01:00:00Z"), 7200), (format!("{october}T01:00:00Z"), 3600)];
            assert_eq!(got, want, "{year}");
            assert_eq!(spans[0].offset, 3600);
        }
    }

    #[test]
    fn a_week_long_summer_time_is_found() {
        // The shortest return to an offset in the IANA data: Noronha (-02:00)
        // kept DST (-01:00) from 2000-10-08 00:00 local (02:00Z) until
        // 2000-10-15 00:00 local DST (01:00Z), 6 days 23 hours.
        let tz = TimeZone::named("America/Noronha", "timezone").unwrap();
        let spans = tz.spans(at("2000-09-01T00:00:00Z"), at("2000-11-01T00:00:00Z"));
        let got: Vec<_> = spans.iter().map(|s| (crate::support::time::format_instant(s.start), s.offset)).skip(1).collect();
        assert_eq!(got, vec![("2000-10-08T02:00:00Z".to_string(), -3600), ("2000-10-15T01:00:00Z".to_string(), -7200)]);
        assert_eq!(spans[0].offset, -7200);
    }

    #[test]
    fn unknown_zone_is_an_error_naming_the_field() {
        let e = TimeZone::named("Mars/Base", "timezone").unwrap_err();
        assert_eq!(e.to_string(), "timezone: \"Mars/Base\" is not an IANA time zone");
    }
}
