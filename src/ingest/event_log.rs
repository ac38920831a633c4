//! Event logs: one input row per update of a ticket (a ServiceNow audit
//! export), grouped into tickets with their history.
//!
//! The events of a ticket are ordered by update instant, then by sequence
//! number (`sys_mod_count`) when mapped, then by input row. From them:
//! - the opening instant is the first event's `opened`;
//! - the status history starts with the first event's status at the
//!   opening, then adds each event whose status differs from the one before
//!   at the event's update instant;
//! - the first response is the mapped column when there is one (its first
//!   value), else the update instant of the first event out of the opening
//!   statuses (default: the first event's status), or with
//!   `firstResponse: "assignment"` of the first event with an assignee (an
//!   assignment group when no assignee column is mapped);
//! - the assignment history holds each change of assignment group (values
//!   without a group are skipped), the first one at the opening when the
//!   first event has it;
//! - a dimension that changes gets its whole history in
//!   [`Ticket::dimension_changes`] (first value at the opening, then each
//!   change); its final value is the last event's;
//! - resolution, closure, reopen count and the source's SLA verdict
//!   (`made_sla`, which can change during a ticket's life) are the last
//!   event's; kind is the first value given, title, CSAT and first-contact
//!   resolution the last value given.

use super::mapping::{Field, Resolved};
use super::options::{FirstResponse, LoadOptions};
use super::row::RowReader;
use super::summary::Warning;
use super::table::csat;
use super::warnings::Checker;
use super::Builder;
use crate::error::RowError;
use crate::model::{Assignment, Csat, Dataset, DimensionChange, StatusChange, Sym, Ticket};
use crate::time::Instant;
use std::collections::HashMap;

/// One accepted event row.
struct Event {
    row: usize,
    updated: Instant,
    sequence: Option<u32>,
    status: Sym,
    opened: Instant,
    first_response: Option<Instant>,
    resolved: Option<Instant>,
    closed: Option<Instant>,
    group: Option<Sym>,
    assigned: bool,
    reopen_count: Option<u32>,
    sla_met: Option<bool>,
    kind: Option<Sym>,
    title: Option<String>,
    csat: Option<Csat>,
    first_contact_resolution: Option<bool>,
    /// Value of each mapped dimension, in mapping order.
    dims: Vec<Option<Sym>>,
}

/// Collects events, then builds tickets.
pub struct EventLog<'o> {
    options: &'o LoadOptions,
    resolved: &'o Resolved,
    /// (data set dimension index, slot) of each mapped dimension.
    dims: Vec<(usize, usize)>,
    index: HashMap<String, usize>,
    tickets: Vec<(String, Vec<Event>)>,
}

impl<'o> EventLog<'o> {
    /// A builder; adds the mapped dimensions to `dataset`.
    pub fn new(options: &'o LoadOptions, resolved: &'o Resolved, dataset: &mut Dataset) -> Self {
        let dims = resolved.dimensions.iter().map(|(name, slot)| (dataset.dimension_index_or_add(name), *slot)).collect();
        EventLog { options, resolved, dims, index: HashMap::new(), tickets: Vec::new() }
    }

    fn column(&self, field: Field) -> String {
        self.resolved.slot(field).and_then(|s| self.resolved.names.get(s).cloned()).unwrap_or_default()
    }

    fn build(&self, ds: &mut Dataset, id: String, mut events: Vec<Event>, checker: &mut Checker, opening: &Option<Vec<Sym>>) -> Option<Ticket> {
        // Rows are unique, so the order is total and an unstable sort is deterministic.
        events.sort_unstable_by_key(|e| (e.updated, e.sequence, e.row));
        let first = events.first()?;
        let last = events.last()?;
        let opened = first.opened;
        let first_row = events.iter().map(|e| e.row).min().unwrap_or(first.row);

        let mut statuses = vec![StatusChange { at: opened, status: first.status }];
        for e in &events[1..] {
            if statuses.last().map(|s| s.status) != Some(e.status) {
                statuses.push(StatusChange { at: e.updated, status: e.status });
            }
        }

        let mut assignments: Vec<Assignment> = Vec::new();
        for (i, e) in events.iter().enumerate() {
            if let Some(g) = e.group {
                if assignments.last().map(|a| a.group) != Some(g) {
                    assignments.push(Assignment { at: if i == 0 { opened } else { e.updated }, group: g });
                }
            }
        }

        let first_response_event = if self.resolved.slot(Field::FirstResponse).is_some() {
            events.iter().find_map(|e| e.first_response.map(|t| (e.row, t)))
        } else {
            match self.options.first_response {
                FirstResponse::LeaveOpening => {
                    let own = [first.status];
                    let opening: &[Sym] = opening.as_deref().unwrap_or(&own);
                    events.iter().find(|e| !opening.contains(&e.status)).map(|e| (e.row, e.updated))
                }
                FirstResponse::FirstAssignment => {
                    let by_person = self.resolved.slot(Field::Assignee).is_some();
                    events.iter().find(|e| if by_person { e.assigned } else { e.group.is_some() }).map(|e| (e.row, e.updated))
                }
            }
        };

        let mut dimensions = vec![None; ds.dimension_names.len()];
        let value = |e: &Event, k: usize| e.dims.get(k).copied().flatten();
        let changing: Vec<bool> = (0..self.dims.len()).map(|k| events.windows(2).any(|w| value(&w[0], k) != value(&w[1], k))).collect();
        // Built in event order, so oldest first without sorting.
        let mut dimension_changes = Vec::new();
        for (k, &(dim, _)) in self.dims.iter().enumerate() {
            dimensions[dim] = value(last, k);
            if changing[k] {
                dimension_changes.push(DimensionChange { at: opened, dimension: dim, value: value(first, k) });
            }
        }
        for w in events.windows(2) {
            for (k, &(dim, _)) in self.dims.iter().enumerate() {
                if changing[k] && value(&w[0], k) != value(&w[1], k) {
                    dimension_changes.push(DimensionChange { at: w[1].updated, dimension: dim, value: value(&w[1], k) });
                }
            }
        }

        let mut check = checker.record(&id, opened);
        check.time(first.row, &self.column(Field::Opened), "opened", opened);
        let updated_column = self.column(Field::Updated);
        for e in &events {
            check.after_opened(e.row, &updated_column, "update", e.updated);
        }
        // A derived first response is an update instant, checked above.
        if let (Some((row, t)), Some(_)) = (first_response_event, self.resolved.slot(Field::FirstResponse)) {
            check.after_opened(row, &self.column(Field::FirstResponse), "first response", t);
        }
        if let Some(t) = last.resolved {
            check.after_opened(last.row, &self.column(Field::Resolved), "resolution", t);
        }
        if let Some(t) = last.closed {
            check.after_opened(last.row, &self.column(Field::Closed), "closure", t);
        }
        if let (Some(res), Some(clo)) = (last.resolved, last.closed) {
            check.closed_before_resolved(last.row, &self.column(Field::Closed), res, clo);
        }

        let kind = match events.iter().find_map(|e| e.kind) {
            Some(k) => k,
            None => ds.strings.intern(&self.options.kind),
        };
        Some(Ticket {
            id,
            kind,
            title: events.iter().rev().find_map(|e| e.title.clone()).unwrap_or_default(),
            dimensions,
            dimension_changes,
            opened,
            first_response: first_response_event.map(|(_, t)| t),
            resolved: last.resolved,
            closed: last.closed,
            statuses,
            assignments,
            reopen_count: last.reopen_count.unwrap_or(0),
            csat: events.iter().rev().find_map(|e| e.csat),
            first_contact_resolution: events.iter().rev().find_map(|e| e.first_contact_resolution),
            source_sla_met: last.sla_met,
            source_row: first_row,
        })
    }
}

impl Builder for EventLog<'_> {
    fn row(&mut self, ds: &mut Dataset, r: &RowReader<'_, '_>) -> Result<(), RowError> {
        let id = r.required_text(Field::Id)?;
        let updated = r.required_instant(Field::Updated)?;
        let sequence = r.count(Field::Sequence)?;
        let status = r.required_text(Field::Status)?;
        let opened = r.required_instant(Field::Opened)?;
        let first_response = r.instant(Field::FirstResponse)?;
        let resolved = r.instant(Field::Resolved)?;
        let closed = r.instant(Field::Closed)?;
        let group = r.text(Field::AssignmentGroup)?;
        let assigned = r.text(Field::Assignee)?.is_some();
        let reopen_count = r.count(Field::ReopenCount)?;
        let sla_met = r.boolean(Field::SlaMet)?;
        let kind = r.text(Field::Kind)?;
        let title = r.text(Field::Title)?;
        let csat = match r.number(Field::Csat)? {
            Some(score) => Some(csat(r, score, self.options.csat_scale)?),
            None => None,
        };
        let first_contact_resolution = r.boolean(Field::FirstContactResolution)?;
        let mut values = Vec::with_capacity(self.dims.len());
        for &(_, slot) in &self.dims {
            values.push(r.slot_text(slot)?);
        }
        // Everything read: now intern and store.
        let event = Event {
            row: r.row,
            updated,
            sequence,
            status: ds.strings.intern(&status),
            opened,
            first_response,
            resolved,
            closed,
            group: group.map(|g| ds.strings.intern(&g)),
            assigned,
            reopen_count,
            sla_met,
            kind: kind.map(|k| ds.strings.intern(&k)),
            title: title.map(|t| t.into_owned()),
            csat,
            first_contact_resolution,
            dims: values.into_iter().map(|v| v.map(|v| ds.strings.intern(&v))).collect(),
        };
        match self.index.get(id.as_ref()) {
            Some(&i) => self.tickets[i].1.push(event),
            None => {
                self.index.insert(id.to_string(), self.tickets.len());
                self.tickets.push((id.into_owned(), vec![event]));
            }
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, ds: &mut Dataset) -> Vec<Warning> {
        let mut checker = Checker::new(self.options.as_of);
        let opening: Option<Vec<Sym>> =
            self.options.opening_statuses.as_ref().map(|list| list.iter().filter_map(|s| ds.strings.lookup(s)).collect());
        let groups = std::mem::take(&mut self.tickets);
        for (id, events) in groups {
            if let Some(t) = self.build(ds, id, events, &mut checker, &opening) {
                ds.tickets.push(t);
            }
        }
        checker.into_warnings()
    }
}
