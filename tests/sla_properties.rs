//! Properties of the clock on random histories, checked against a plain
//! second-by-phase walk written here (not the engine's interval code).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use sla_scorecard::calendar::Calendar;
use sla_scorecard::sla::clock::{crossings, measure, share, Mark, Phase, SegmentKind, State};

fn phase(i: u8) -> Phase {
    match i % 3 {
        0 => Phase::Running,
        1 => Phase::Paused,
        _ => Phase::Stopped,
    }
}

/// Marks from (phase, length) pairs starting at `t0`; the last mark stops
/// the clock when `stopped`.
fn marks(t0: i64, steps: &[(u8, i64)], stopped: bool) -> (Vec<Mark>, i64) {
    let mut out = vec![Mark { at: t0, phase: Phase::Running, status: None }];
    let mut t = t0;
    for &(p, len) in steps {
        t += len;
        out.push(Mark { at: t, phase: phase(p), status: None });
    }
    // A history ending stopped is reopened first, so that the final stop
    // (when asked for) is the last mark.
    if out.last().is_some_and(|m| m.phase == Phase::Stopped) {
        t += 1;
        out.push(Mark { at: t, phase: Phase::Running, status: None });
    }
    if stopped {
        t += 60;
        out.push(Mark { at: t, phase: Phase::Stopped, status: None });
    }
    (out, t)
}

/// A Berlin week with a lunch break on Monday, Tuesday's day and a Friday
/// night window across midnight (DST changes fall inside the proptests' range).
fn split_week() -> Calendar {
    let spec = serde_json::json!({"timezone": "Europe/Berlin", "week": {
        "mon": [["09:00", "12:00"], ["13:00", "17:00"]], "tue": [["09:00", "17:00"]], "fri": [["22:00", "06:00"]]}});
    Calendar::from_json(&spec, "").unwrap()
}

proptest! {
    /// On 24x7 the elapsed time is the total running time, the due instant
    /// is where the running time reaches the target, and met ⇔ stop ≤ due.
    #[test]
    fn always_calendar_matches_a_direct_walk(
        steps in prop::collection::vec((0u8..3, 1i64..20_000), 0..12),
        stopped in any::<bool>(),
        target in 1i64..100_000,
    ) {
        let t0 = 1_700_000_000;
        let (m, end) = marks(t0, &steps, stopped);
        let as_of = end + 5_000;
        let out = measure(&Calendar::always(), target, 0.75, &m, t0, as_of);
        // Direct walk over the marks, second counts per stretch.
        let stop = if stopped { Some(end) } else { None };
        let limit = stop.unwrap_or(as_of);
        let mut elapsed = 0;
        let mut due = None;
        for (i, mk) in m.iter().enumerate() {
            let to = m.get(i + 1).map_or(limit, |n| n.at).min(limit);
            if mk.phase == Phase::Running && to > mk.at {
                if due.is_none() && elapsed + (to - mk.at) >= target {
                    due = Some(mk.at + (target - elapsed));
                }
                elapsed += to - mk.at;
            }
        }
        if due.is_none() {
            due = Some(limit + (target - elapsed));
        }
        prop_assert_eq!(out.elapsed, elapsed);
        prop_assert_eq!(out.due, due);
        match stop {
            Some(s) => prop_assert_eq!(out.state == State::Met, s <= due.unwrap()),
            None => prop_assert_eq!(out.state == State::Breached, due.unwrap() < as_of),
        }
    }

    /// On a business calendar the timeline tiles [start, end) without gaps
    /// or overlaps, and the running segments add up to the elapsed time.
    #[test]
    fn timeline_tiles_and_sums(
        steps in prop::collection::vec((0u8..3, 1i64..200_000), 0..10),
        stopped in any::<bool>(),
        offset in 0i64..604_800,
    ) {
        let cal = split_week();
        let t0 = 1_774_000_000 + offset;
        let (m, end) = marks(t0, &steps, stopped);
        let as_of = end + 3_600;
        let out = measure(&cal, 36_000, 0.75, &m, t0, as_of);
        let mut cursor = t0;
        let mut running = 0;
        for s in &out.timeline {
            prop_assert_eq!(s.from, cursor);
            prop_assert!(s.to > s.from);
            if s.kind == SegmentKind::Running {
                running += s.to - s.from;
            }
            cursor = s.to;
        }
        prop_assert_eq!(cursor, if stopped { end } else { as_of });
        prop_assert_eq!(running, out.elapsed);
    }

    /// A warning threshold is crossed where a target of its size is due
    /// (the due instant of `measure` with that target, computed with the
    /// calendar's `add`), and listed iff that instant is at or before the
    /// clock's end (stop, or evaluation instant while open).
    #[test]
    fn crossings_are_the_due_instants_of_smaller_targets(
        steps in prop::collection::vec((0u8..3, 1i64..200_000), 0..10),
        stopped in any::<bool>(),
        offset in 0i64..604_800,
        target in 1i64..200_000,
        w in 1u32..=1000,
    ) {
        let cal = split_week();
        let t0 = 1_774_000_000 + offset;
        let (m, end) = marks(t0, &steps, stopped);
        let as_of = end + 3_600;
        let limit = if stopped { end } else { as_of };
        let fraction = w as f64 / 1000.0;
        let out = measure(&cal, target, 0.75, &m, t0, as_of);
        let listed = crossings(&out.timeline, out.start, out.elapsed, target, &[fraction]);
        let smaller = measure(&cal, share(fraction, target), 0.75, &m, t0, as_of);
        match smaller.due.filter(|&d| d <= limit) {
            Some(d) => prop_assert_eq!(listed, vec![(fraction, d)]),
            None => prop_assert!(listed.is_empty()),
        }
    }
}
