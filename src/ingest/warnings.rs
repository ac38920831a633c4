//! Consistency checks on accepted records: flagged as warnings, never
//! fixed.
//!
//! Codes: `beforeOpened` (a first response, resolution, closure or event
//! update earlier than the opening), `closedBeforeResolved`,
//! `endBeforeStart` (outages, changes), `afterAsOf` (an instant later than
//! the evaluation instant `asOf`).

use super::summary::Warning;
use crate::support::time::{format_instant, Instant};

/// Collects warnings.
pub struct Checker {
    as_of: Option<Instant>,
    warnings: Vec<Warning>,
}

/// The checks of one record, which opened (or started) at `opened`.
pub struct RecordCheck<'c> {
    checker: &'c mut Checker,
    record: &'c str,
    opened: Instant,
}

impl Checker {
    /// A checker flagging instants after `as_of`, if given.
    pub fn new(as_of: Option<Instant>) -> Self {
        Checker { as_of, warnings: Vec::new() }
    }

    /// Checks for the record `record` opened (or started) at `opened`.
    pub fn record<'c>(&'c mut self, record: &'c str, opened: Instant) -> RecordCheck<'c> {
        RecordCheck { checker: self, record, opened }
    }

    /// The warnings found.
    pub fn into_warnings(self) -> Vec<Warning> {
        self.warnings
    }
}

impl RecordCheck<'_> {
    fn push(&mut self, row: usize, column: &str, code: &'static str, t: Instant, message: String) {
        self.checker.warnings.push(Warning { row, record: self.record.to_string(), column: column.to_string(), code, value: format_instant(t), message });
    }

    /// Flags `t` (the record's `what`) when after the evaluation instant.
    pub fn time(&mut self, row: usize, column: &str, what: &str, t: Instant) {
        if let Some(as_of) = self.checker.as_of {
            if t > as_of {
                self.push(row, column, "afterAsOf", t, format!("{what} is after the evaluation instant {}", format_instant(as_of)));
            }
        }
    }

    /// Flags `t` (the record's `what`) when before the opening, or after
    /// the evaluation instant.
    pub fn after_opened(&mut self, row: usize, column: &str, what: &str, t: Instant) {
        if t < self.opened {
            let m = format!("{what} is before the opening {}", format_instant(self.opened));
            self.push(row, column, "beforeOpened", t, m);
        }
        self.time(row, column, what, t);
    }

    /// Flags an end before the start, or after the evaluation instant.
    pub fn after_start(&mut self, row: usize, column: &str, end: Instant) {
        if end < self.opened {
            let m = format!("end is before the start {}", format_instant(self.opened));
            self.push(row, column, "endBeforeStart", end, m);
        }
        self.time(row, column, "end", end);
    }

    /// Flags a closure before the resolution.
    pub fn closed_before_resolved(&mut self, row: usize, column: &str, resolved: Instant, closed: Instant) {
        if closed < resolved {
            let m = format!("closure is before the resolution {}", format_instant(resolved));
            self.push(row, column, "closedBeforeResolved", closed, m);
        }
    }
}
