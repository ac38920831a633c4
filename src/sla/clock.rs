//! The clock of one metric over one ticket: which phases it went through
//! (running, paused, stopped) according to the ticket's status history or,
//! without history, its timestamps; and what that means as of an instant
//! (elapsed working time, due and breach instants, state, timeline).

use crate::calendar::Calendar;
use crate::ingest::model::{Sym, Ticket};
use crate::support::time::Instant;

/// What the clock does from a mark on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Counting (during the calendar's working time).
    Running,
    /// In a pause status.
    Paused,
    /// Stopped (resolved, or in a stop status); a later mark reopens it.
    Stopped,
}

/// A phase in force from an instant on, with the ticket status behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// When the phase began.
    pub at: Instant,
    /// The phase.
    pub phase: Phase,
    /// The ticket status that put the clock in this phase, when known.
    pub status: Option<Sym>,
}

/// A metric with its statuses resolved to the symbols of one data set
/// (statuses absent from the data set are simply never seen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetricSyms {
    /// Opened → first response (→ resolution, or closure, when no response was recorded).
    Response,
    /// Opened → entry into a resolved status (→ the resolved, or closed, timestamp without history).
    Resolution {
        /// Resolved statuses.
        resolved: Vec<Sym>,
    },
    /// First entry into a start status → entry into a stop status.
    Custom {
        /// Start statuses.
        start: Vec<Sym>,
        /// Stop statuses.
        stop: Vec<Sym>,
    },
}

/// The marks of a metric's clock on `ticket`, using only what was known at
/// `as_of` (events after it are ignored), merged so that consecutive marks
/// differ. `None` when the clock had not started by `as_of`. The first mark
/// is the clock's start; the clock is stopped iff the last mark is
/// [`Phase::Stopped`].
pub fn track(ticket: &Ticket, metric: &MetricSyms, pauses: &[Sym], as_of: Instant) -> Option<Vec<Mark>> {
    let mut marks = Vec::new();
    track_into(ticket, metric, pauses, as_of, &mut marks).then_some(marks)
}

/// [`track`] into `marks` (cleared first, so one buffer serves every
/// ticket without an allocation each); `false` when the clock had not
/// started by `as_of`.
pub fn track_into(ticket: &Ticket, metric: &MetricSyms, pauses: &[Sym], as_of: Instant, marks: &mut Vec<Mark>) -> bool {
    marks.clear();
    if ticket.opened > as_of {
        return false;
    }
    let known = |t: &Option<Instant>| t.filter(|&t| t <= as_of);
    let history = || ticket.statuses().iter().filter(|s| s.at <= as_of).map(|s| (s.at, s.status));
    let phase_of = |status: Sym, stopped: &[Sym]| {
        if stopped.contains(&status) {
            Phase::Stopped
        } else if pauses.contains(&status) {
            Phase::Paused
        } else {
            Phase::Running
        }
    };
    match metric {
        MetricSyms::Response | MetricSyms::Resolution { .. } => {
            let start = ticket.opened;
            let stopped: &[Sym] = match metric {
                MetricSyms::Resolution { resolved } => resolved,
                _ => &[],
            };
            let opening = history().rev().find(|(at, _)| *at <= start).or(history().next()).map(|(_, s)| s);
            // The clock starts running at the opening; a ticket opened in a
            // resolved status stops it at once (elapsed 0).
            marks.push(Mark { at: start, phase: Phase::Running, status: opening });
            if let Some(s) = opening {
                marks.push(Mark { at: start, phase: phase_of(s, stopped), status: Some(s) });
            }
            for (at, status) in history().filter(|(at, _)| *at > start) {
                marks.push(Mark { at, phase: phase_of(status, stopped), status: Some(status) });
            }
            let stop = match metric {
                MetricSyms::Response => known(&ticket.first_response.get()).or(known(&ticket.resolved.get())).or(known(&ticket.closed.get())),
                _ if marks.iter().any(|m| m.phase == Phase::Stopped) => None,
                _ => known(&ticket.resolved.get()).or(known(&ticket.closed.get())),
            };
            if let Some(stop) = stop {
                let stop = stop.max(start);
                marks.retain(|m| m.at < stop || m.at == start);
                marks.push(Mark { at: stop, phase: Phase::Stopped, status: None });
            }
        }
        MetricSyms::Custom { start, stop } => {
            let mut entered = history().skip_while(|(_, s)| !start.contains(s)).peekable();
            if entered.peek().is_none() {
                return false;
            }
            for (at, status) in entered {
                marks.push(Mark { at: at.max(ticket.opened), phase: phase_of(status, stop), status: Some(status) });
            }
        }
    }
    merge(marks);
    true
}

/// Rewrites `marks`, a clock's marks from its statuses ([`track_into`]), by
/// conditions on the ticket's dimensions (docs/sla.md §3.8): `changes` are
/// the instants, in time order, at which the values they read change, and
/// `at(t)` tells whether at `t` the clock may start, is stopped, is paused
/// by them. At each mark and change from the first mark on, the phase is
/// the marks' unless the conditions stop or (from running) pause it; the
/// clock starts at the first such instant at which it may start and is not
/// stopped (its first mark may then be a pause). `false` (and no marks)
/// when it never does.
pub fn gate(marks: &mut Vec<Mark>, changes: &[Instant], at: &dyn Fn(Instant) -> (bool, bool, bool)) -> bool {
    let old = std::mem::take(marks);
    let (mut i, mut j, mut started) = (0, 0, false);
    while let Some(t) = match (old.get(i), changes.get(j)) {
        (Some(m), Some(&c)) => Some(m.at.min(c)),
        (Some(m), None) => Some(m.at),
        (None, c) => c.copied(),
    } {
        while old.get(i).is_some_and(|m| m.at == t) {
            i += 1;
        }
        while changes.get(j) == Some(&t) {
            j += 1;
        }
        // The mark in force (none for a change before the first mark).
        let Some(&m) = i.checked_sub(1).and_then(|k| old.get(k)) else { continue };
        let (may_start, stop, pause) = at(t);
        let stopped = stop || m.phase == Phase::Stopped;
        if !started && (stopped || !may_start) {
            continue;
        }
        started = true;
        let phase = match m.phase {
            _ if stopped => Phase::Stopped,
            Phase::Running if pause => Phase::Paused,
            p => p,
        };
        // Merged as it goes: a mark only where the phase or the status changes.
        if marks.last().map_or(true, |l| (l.phase, l.status) != (phase, m.status)) {
            marks.push(Mark { at: t, phase, status: m.status });
        }
    }
    started
}

/// Keeps the last of several marks at one instant, then drops marks that
/// repeat the previous phase and status (in place).
fn merge(marks: &mut Vec<Mark>) {
    let mut n = 0usize;
    for i in 0..marks.len() {
        let m = marks[i];
        match n.checked_sub(1).map(|j| marks[j]) {
            // The first mark is the start: a simultaneous stop keeps both.
            Some(last) if last.at == m.at && !(n == 1 && m.phase == Phase::Stopped) => marks[n - 1] = m,
            _ => {
                marks[n] = m;
                n += 1;
            }
        }
    }
    marks.truncate(n);
    marks.dedup_by(|b, a| a.phase == b.phase && a.status == b.status);
}

/// Instants at which a stopped clock was reopened (left the stopped phase).
pub fn reopens(marks: &[Mark]) -> impl Iterator<Item = Instant> + '_ {
    marks.windows(2).filter(|w| w[0].phase == Phase::Stopped && w[1].phase != Phase::Stopped).map(|w| w[1].at)
}

/// The instant the clock stopped, if it is stopped.
/// That is the first mark of the trailing run of stopped marks (`Resolved`
/// then `Closed` stops the clock at `Resolved`).
pub fn stop_of(marks: &[Mark]) -> Option<Instant> {
    let running = marks.iter().rposition(|m| m.phase != Phase::Stopped);
    match running {
        Some(i) if i + 1 < marks.len() => Some(marks[i + 1].at),
        Some(_) => None,
        None => marks.first().map(|m| m.at),
    }
}

/// A clock's state as of the evaluation instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Stopped at or before the due instant.
    Met,
    /// Stopped after the due instant, or still open past it.
    Breached,
    /// Open, running, below the warning threshold.
    InProgress,
    /// Open, running, at or above the warning threshold, not yet due.
    AtRisk,
    /// Open, in a pause status, not yet due.
    Paused,
    /// The policy applies but its clock never started (custom start status
    /// never entered).
    NotApplicable,
}

/// What a stretch of the timeline was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    /// Running in working time: counted.
    Running,
    /// Running but outside the calendar's working time: not counted.
    OutsideHours,
    /// In a pause status: not counted.
    Paused,
    /// Between a resolution and a reopen (continue rule): not counted.
    Resolved,
    /// Before a restart (reopen or priority change under the restart rule): not counted.
    Superseded,
}

/// One stretch `[from, to)` of a clock's timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// First instant.
    pub from: Instant,
    /// First instant after it.
    pub to: Instant,
    /// What it was.
    pub kind: SegmentKind,
    /// The ticket status in force, when known.
    pub status: Option<Sym>,
}

/// A clock measured as of an instant.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    /// State as of the evaluation instant.
    pub state: State,
    /// When the counted clock started (after any restart).
    pub start: Instant,
    /// Working seconds counted (running, in working time, from `start`).
    pub elapsed: i64,
    /// `elapsed / target × 100`.
    pub percent: f64,
    /// Earliest instant at which the running working time reaches the
    /// target; for an open clock, assuming no further pause (a paused clock:
    /// if resumed at the evaluation instant); for a met clock, where it would
    /// have fallen. `None` when the calendar never gets there.
    pub due: Option<Instant>,
    /// The due instant, when breached.
    pub breach: Option<Instant>,
    /// When the clock stopped, if it did.
    pub stop: Option<Instant>,
    /// Wall-clock seconds from the due instant to the stop (or to the
    /// evaluation instant while open), when breached.
    pub late: Option<i64>,
    /// Working seconds of the calendar spent paused since `start`.
    pub paused: i64,
    /// Segments from the first mark to the stop (or the evaluation instant).
    pub timeline: Vec<Segment>,
}

/// Measures a clock given by its marks, counting from `start` (≥ the first
/// mark's instant; earlier time is [`SegmentKind::Superseded`]), as of `as_of`.
pub fn measure(calendar: &Calendar, target: i64, warning: f64, marks: &[Mark], start: Instant, as_of: Instant) -> Measure {
    measure_with(calendar, target, warning, marks, (start, 0, None), as_of, true)
}

/// [`measure`] counting from `(start, carried, due)`: from `start` on, with
/// `carried` working seconds (0 ≤ carried ≤ target) already counted at it
/// (`priorityChange: carry-percent`), and due at `due` when given (a
/// negotiated goal: pauses do not move it); with the timeline only when
/// `with_timeline` (without it, the same figures for less time and memory:
/// what aggregate reports need).
pub fn measure_with(
    calendar: &Calendar,
    target: i64,
    warning: f64,
    marks: &[Mark],
    (start, carried, due): (Instant, i64, Option<Instant>),
    as_of: Instant,
    with_timeline: bool,
) -> Measure {
    let stop = stop_of(marks);
    let end = stop.unwrap_or(as_of).max(start);
    let mut timeline = Vec::new();
    let mut elapsed = carried;
    let mut paused = 0i64;
    let mut remaining = target - carried;
    let mut due = due.or((remaining == 0).then_some(start));
    for (i, m) in marks.iter().enumerate() {
        let from = m.at;
        let to = marks.get(i + 1).map_or(end, |n| n.at).min(end);
        if to <= from {
            continue;
        }
        if from < start && with_timeline {
            timeline.push(Segment { from, to: to.min(start), kind: SegmentKind::Superseded, status: m.status });
        }
        let from = from.max(start);
        if to <= from {
            continue;
        }
        match m.phase {
            Phase::Paused => {
                paused += calendar.duration(from, to);
                if with_timeline {
                    timeline.push(Segment { from, to, kind: SegmentKind::Paused, status: m.status });
                }
            }
            Phase::Stopped if with_timeline => timeline.push(Segment { from, to, kind: SegmentKind::Resolved, status: m.status }),
            Phase::Stopped => {}
            Phase::Running if !with_timeline => {
                let worked = calendar.duration(from, to);
                if due.is_none() && worked >= remaining {
                    due = calendar.add(from, remaining).ok();
                    remaining = 0;
                } else if due.is_none() {
                    remaining -= worked;
                }
                elapsed += worked;
            }
            Phase::Running => {
                let mut cursor = from;
                for (a, b) in calendar.working_intervals(from, to) {
                    if a > cursor {
                        timeline.push(Segment { from: cursor, to: a, kind: SegmentKind::OutsideHours, status: m.status });
                    }
                    timeline.push(Segment { from: a, to: b, kind: SegmentKind::Running, status: m.status });
                    cursor = b;
                }
                if cursor < to {
                    timeline.push(Segment { from: cursor, to, kind: SegmentKind::OutsideHours, status: m.status });
                }
                let worked = calendar.duration(from, to);
                if due.is_none() && worked >= remaining {
                    due = calendar.add(from, remaining).ok();
                    remaining = 0;
                } else if due.is_none() {
                    remaining -= worked;
                }
                elapsed += worked;
            }
        }
    }
    if due.is_none() && remaining > 0 {
        due = calendar.add(end, remaining).ok();
    }
    let open_phase = marks.iter().rev().find(|m| m.at <= end).map_or(Phase::Running, |m| m.phase);
    let state = match (stop, due) {
        (Some(s), Some(d)) if s > d => State::Breached,
        (Some(_), _) => State::Met,
        (None, Some(d)) if d < as_of => State::Breached,
        (None, _) if open_phase == Phase::Paused => State::Paused,
        (None, _) if elapsed >= share(warning, target) => State::AtRisk,
        (None, _) => State::InProgress,
    };
    let breach = if state == State::Breached { due } else { None };
    let late = breach.map(|d| stop.unwrap_or(as_of) - d);
    let percent = if target > 0 { elapsed as f64 * 100.0 / target as f64 } else { 0.0 };
    Measure { state, start, elapsed, percent, due, breach, stop, late, paused, timeline }
}

/// Under `metAtDue: false` (ServiceNow's rule: a clock at 100 % of its
/// target has breached): a clock that reached its target exactly at its
/// stop, or at `as_of` while open, is breached, 0 s late.
pub fn breach_at_due(m: &mut Measure, as_of: Instant) {
    // A clock already breached has its due instant before the stop (or `as_of`).
    if m.due == Some(m.stop.unwrap_or(as_of)) {
        m.state = State::Breached;
        m.breach = m.due;
        m.late = Some(0);
    }
}

/// The working seconds from which `fraction` of `target` is reached:
/// ⌈fraction × target⌉ on integers (the fraction taken to millionths), so
/// 75 % of 4 h is exactly 3 h.
pub fn share(fraction: f64, target: i64) -> i64 {
    // A policy's fraction ≤ 1 and target ≤ 2⁴⁰ stay far inside i64;
    // saturating for any other caller of `measure`.
    let millionths = (fraction * 1_000_000.0).round() as i64;
    millionths.saturating_mul(target).saturating_add(999_999).div_euclid(1_000_000)
}

/// The thresholds of `warnings` (fractions of `target`, increasing) that a
/// clock crossed, each with its instant: the earliest at which its
/// `elapsed` working seconds, counted from `start`, reach [`share`] of the
/// target — where a target of that size would be due. Read from the
/// clock's `timeline`: its running segments are the calendar's working
/// time counted (pauses and closed hours left out); what they do not hold
/// was carried to `start` (`carry-percent`). None without a timeline.
pub fn crossings(timeline: &[Segment], start: Instant, elapsed: i64, target: i64, warnings: &[f64]) -> Vec<(f64, Instant)> {
    let running = timeline.iter().filter(|s| s.kind == SegmentKind::Running).map(|s| (s.from, s.to - s.from));
    let mut counted = elapsed - running.clone().map(|(_, n)| n).sum::<i64>();
    let mut out = Vec::new();
    if timeline.is_empty() {
        return out;
    }
    for (from, n) in std::iter::once((start, 0)).chain(running) {
        while let Some(&w) = warnings.get(out.len()) {
            let left = share(w, target) - counted;
            if left > n {
                break;
            }
            out.push((w, from + left.max(0)));
        }
        counted += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(at: Instant, phase: Phase) -> Mark {
        Mark { at, phase, status: None }
    }

    #[test]
    fn merge_drops_repeats_and_keeps_last_at_an_instant() {
        let merged = |mut marks: Vec<Mark>| {
            merge(&mut marks);
            marks
        };
        let m = merged(vec![mark(0, Phase::Running), mark(10, Phase::Paused), mark(10, Phase::Running), mark(20, Phase::Running), mark(30, Phase::Stopped)]);
        assert_eq!(m, vec![mark(0, Phase::Running), mark(30, Phase::Stopped)]);
        // A clock that starts and stops at the same instant keeps both marks.
        assert_eq!(merged(vec![mark(5, Phase::Running), mark(5, Phase::Stopped)]), vec![mark(5, Phase::Running), mark(5, Phase::Stopped)]);
    }

    #[test]
    fn gate_starts_pauses_and_stops_by_conditions() {
        // Status marks: running (status 1) from 0, paused (2) from 40, running (1) from 70.
        // Conditions change at 10 (may start from then), 20 (pause from then) and 90 (stop).
        let at = |m: Instant, phase, s: u32| Mark { at: m, phase, status: Some(s) };
        let mut marks = vec![at(0, Phase::Running, 1), at(40, Phase::Paused, 2), at(70, Phase::Running, 1)];
        let started = gate(&mut marks, &[10, 20, 90], &|t| (t >= 10, t >= 90, t >= 20));
        // 0: may not start yet; 10: starts running; 20: paused by the conditions; 40: the status
        // pause (status 2); 70: running by status, still paused by the conditions; 90: stopped.
        let expected = [at(10, Phase::Running, 1), at(20, Phase::Paused, 1), at(40, Phase::Paused, 2), at(70, Phase::Paused, 1), at(90, Phase::Stopped, 1)];
        assert_eq!((started, marks.as_slice()), (true, &expected[..]));
        // On 24x7 only 10–20 counts: 10 s; stopped at 90.
        let m = measure(&Calendar::always(), 100, 0.75, &marks, 10, 200);
        assert_eq!((m.elapsed, m.stop, m.state), (10, Some(90), State::Met));
        // Stopped whenever it may start: it never starts, and has no marks.
        let mut marks = vec![at(0, Phase::Running, 1)];
        assert_eq!((gate(&mut marks, &[], &|_| (true, true, false)), marks.len()), (false, 0));
    }

    #[test]
    fn warning_threshold_is_exact() {
        // 75 % of 4 h = 3 h = 10,800 s; a third of 100 s is reached at 34 s (⌈33.33…⌉).
        assert_eq!(share(0.75, 14_400), 10_800);
        assert_eq!(share(0.333333, 100), 34);
    }

    #[test]
    fn always_calendar_counts_wall_clock() {
        // 24x7, target 100 s, running 0..40, paused 40..70, running from 70, open at 100:
        // elapsed = 40 + 30 = 70 → 70 %; due = 70 + (100 − 40) = 130.
        let cal = Calendar::always();
        let marks = [mark(0, Phase::Running), mark(40, Phase::Paused), mark(70, Phase::Running)];
        let m = measure(&cal, 100, 0.75, &marks, 0, 100);
        assert_eq!((m.state, m.elapsed, m.due, m.paused), (State::InProgress, 70, Some(130), 30));
        assert_eq!(m.timeline.len(), 3);
    }
}
