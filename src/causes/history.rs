//! What held a ticket over time along one axis: its status, its assignment
//! group, or one of its dimensions, as a list of changes and the value in
//! force at any instant.

use crate::ingest::model::{Dataset, Sym, Ticket};
use crate::support::error::{quote, Error};
use crate::support::time::Instant;

/// A ticket attribute whose value in force over time splits clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    /// The ticket status ([`Ticket::statuses`]).
    Status,
    /// The assignment group ([`Ticket::assignments`]; none before the first).
    Group,
    /// A dimension, by index into [`Dataset::dimension_names`].
    Dimension(usize),
}

impl Axis {
    /// The axis's name: `status`, `group`, or the dimension's name.
    pub fn name<'a>(&self, data: &'a Dataset) -> &'a str {
        match self {
            Axis::Status => "status",
            Axis::Group => "group",
            Axis::Dimension(d) => data.dimension_names.get(*d).map_or("", String::as_str),
        }
    }

    /// Reads `status`, `group` or a dimension name of `data`; the error at
    /// `path` names the accepted ones otherwise.
    pub fn parse(name: &str, data: &Dataset, path: &str) -> Result<Axis, Error> {
        match name {
            "status" => Ok(Axis::Status),
            "group" => Ok(Axis::Group),
            _ => data.dimension_index(name).map(Axis::Dimension).ok_or_else(|| {
                let mut names = vec!["status", "group"];
                names.extend(data.dimension_names.iter().map(String::as_str));
                Error::invalid(path, format!("{} is not an axis: expected one of {}", quote(name), names.join(", ")))
            }),
        }
    }

    /// The axes along which some ticket of `data` changed value: status and
    /// group when any ticket has a status or assignment history, then each
    /// dimension that changed on some ticket, in column order.
    pub fn with_history(data: &Dataset) -> Vec<Axis> {
        let mut axes = Vec::new();
        if data.tickets.iter().any(|t| !t.statuses().is_empty()) {
            axes.push(Axis::Status);
        }
        if data.tickets.iter().any(|t| !t.assignments().is_empty()) {
            axes.push(Axis::Group);
        }
        let changed = |d: usize| data.tickets.iter().any(|t| t.dimension_changes().iter().any(|c| c.dimension == d));
        axes.extend((0..data.dimension_names.len()).filter(|&d| changed(d)).map(Axis::Dimension));
        axes
    }
}

/// One ticket's values along one axis: the value before the first change,
/// then each change (instant, value from it on), oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// In force before the first change: the first status, no group, the
    /// first recorded value of a dimension (its final value without changes).
    pub before: Option<Sym>,
    /// The changes, oldest first (of several at one instant, the last listed
    /// is in force).
    pub changes: Vec<(Instant, Option<Sym>)>,
}

impl History {
    /// The history of `ticket` along `axis`.
    pub fn of(ticket: &Ticket, axis: Axis) -> History {
        // The model's histories are oldest first (`Ticket::statuses`,
        // `assignments`, `dimension_changes`): no sort (one less sort
        // instantiation in the WASM module).
        let changes: Vec<(Instant, Option<Sym>)> = match axis {
            Axis::Status => ticket.statuses().iter().map(|s| (s.at, Some(s.status))).collect(),
            Axis::Group => ticket.assignments().iter().map(|a| (a.at, Some(a.group))).collect(),
            Axis::Dimension(d) => ticket.dimension_changes().iter().filter(|c| c.dimension == d).map(|c| (c.at, c.value)).collect(),
        };
        let before = match axis {
            Axis::Group => None,
            Axis::Status => changes.first().and_then(|c| c.1),
            Axis::Dimension(d) => changes.first().map_or_else(|| ticket.dimensions.get(d), |c| c.1),
        };
        History { before, changes }
    }

    /// The number of changes at or before `t`.
    #[inline]
    fn changes_until(&self, t: Instant) -> usize {
        self.changes.partition_point(|c| c.0 <= t)
    }

    /// The value in force at `t`: that of the last change at or before it,
    /// else [`History::before`].
    #[inline]
    pub fn value_at(&self, t: Instant) -> Option<Sym> {
        match self.changes_until(t) {
            0 => self.before,
            n => self.changes[n - 1].1,
        }
    }

    /// `[from, to)` cut at the changes inside it: each piece with the value
    /// in force over it, in order, handed to `each`.
    pub fn cut(&self, from: Instant, to: Instant, each: &mut dyn FnMut(Instant, Instant, Option<Sym>)) {
        let mut value = self.value_at(from);
        let mut a = from;
        for &(at, v) in &self.changes[self.changes_until(from)..] {
            if at >= to {
                break;
            }
            if at > a {
                each(a, at, value);
                a = at;
            }
            value = v;
        }
        if to > a {
            each(a, to, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_in_force_and_cuts() {
        // Before the first change: `before`; a change at 10 is in force from 10 on;
        // two changes at 20: the last listed (9) wins.
        let h = History { before: Some(1), changes: vec![(10, Some(2)), (20, Some(3)), (20, Some(9)), (30, None)] };
        assert_eq!((h.value_at(5), h.value_at(10), h.value_at(19), h.value_at(20), h.value_at(35)), (Some(1), Some(2), Some(2), Some(9), None));
        let mut pieces = Vec::new();
        h.cut(5, 25, &mut |a, b, v| pieces.push((a, b, v)));
        assert_eq!(pieces, vec![(5, 10, Some(1)), (10, 20, Some(2)), (20, 25, Some(9))]);
        pieces.clear();
        // A change exactly at the start only sets the value; one at the end is outside.
        h.cut(10, 30, &mut |a, b, v| pieces.push((a, b, v)));
        assert_eq!(pieces, vec![(10, 20, Some(2)), (20, 30, Some(9))]);
    }
}
