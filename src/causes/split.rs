//! Where one outcome's clock time went: its timeline cut by the value in
//! force along an axis (status, group, dimension), with the counted working
//! time, the paused time and the out-of-hours time of each value.

use super::history::History;
use crate::calendar::Calendar;
use crate::ingest::model::Sym;
use crate::sla::clock::{Segment, SegmentKind};
use crate::support::time::Instant;

/// The clock time one value of an axis held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Share {
    /// The value (`None`: no value, e.g. no group yet).
    pub value: Option<Sym>,
    /// Counted working seconds (running, in working time). The shares of
    /// an outcome add up to its elapsed working seconds exactly.
    pub working: i64,
    /// Working seconds of the calendar spent paused. The shares add up to
    /// the outcome's paused seconds.
    pub paused: i64,
    /// Wall-clock seconds running outside the calendar's working time.
    pub outside_hours: i64,
    /// Whether this value was in force at the breach instant.
    pub at_breach: bool,
}

/// The shares of one outcome along one axis, in order of first appearance
/// on the timeline (the value in force at the breach last, if it held no
/// time). `timeline` is the outcome's, `breach` its breach instant.
pub fn split(calendar: &Calendar, history: &History, timeline: &[Segment], breach: Option<Instant>) -> Vec<Share> {
    let mut shares: Vec<Share> = Vec::new();
    for seg in timeline {
        if matches!(seg.kind, SegmentKind::Running | SegmentKind::Paused | SegmentKind::OutsideHours) {
            history.cut(seg.from, seg.to, &mut |a, b, value| {
                let i = index(&mut shares, value);
                let s = &mut shares[i];
                match seg.kind {
                    SegmentKind::Running => s.working += calendar.duration(a, b),
                    SegmentKind::Paused => s.paused += calendar.duration(a, b),
                    _ => s.outside_hours += b - a,
                }
            });
        }
    }
    if let Some(t) = breach {
        let i = index(&mut shares, history.value_at(t));
        shares[i].at_breach = true;
    }
    shares
}

/// The position of `value`'s share, added (empty) when new.
fn index(shares: &mut Vec<Share>, value: Option<Sym>) -> usize {
    match shares.iter().position(|s| s.value == value) {
        Some(i) => i,
        None => {
            shares.push(Share { value, ..Share::default() });
            shares.len() - 1
        }
    }
}

/// Totals of a timeline's counted, paused and out-of-hours time (the sums
/// of any axis's shares).
pub fn totals(shares: &[Share]) -> Share {
    shares.iter().fold(Share::default(), |t, s| Share {
        working: t.working + s.working,
        paused: t.paused + s.paused,
        outside_hours: t.outside_hours + s.outside_hours,
        ..t
    })
}
