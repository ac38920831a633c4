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

use super::ids::IdIndex;
use super::limits::DistinctValues;
use super::mapping::{Field, Resolved};
use super::options::{FirstResponse, LoadOptions};
use super::row::RowReader;
use super::summary::Warning;
use super::symbols::SlotSymbols;
use super::table::csat;
use super::warnings::Checker;
use super::{Builder, RowFate};
use crate::ingest::model::{Assignment, Csat, Dataset, DimensionChange, DimensionValues, History, MaybeInstant, StatusChange, Sym, Ticket};
use crate::support::error::RowError;
use crate::support::time::Instant;
use std::rc::Rc;

/// One accepted event row, kept until the end of the load (500k of them
/// for 100k tickets): optional instants in 8 bytes, the CSAT score without
/// its scale, the title boxed; 128 bytes where plain options took 176.
struct Event {
    /// Index of the event's ticket in [`EventLog::ids`].
    ticket: u32,
    sequence: Option<u32>,
    row: usize,
    updated: Instant,
    opened: Instant,
    first_response: MaybeInstant,
    resolved: MaybeInstant,
    closed: MaybeInstant,
    status: Sym,
    group: Option<Sym>,
    reopen_count: Option<u32>,
    kind: Option<Sym>,
    assigned: bool,
    sla_met: Option<bool>,
    first_contact_resolution: Option<bool>,
    title: Option<Box<str>>,
    /// The CSAT score, checked against the scale.
    csat: Option<f64>,
}

/// Collects events, then builds tickets.
pub struct EventLog {
    options: Rc<LoadOptions>,
    resolved: Rc<Resolved>,
    /// (data set dimension index, slot) of each mapped dimension.
    dims: Vec<(usize, usize)>,
    /// Ticket ids in order of first appearance, found through `index`.
    ids: Vec<String>,
    index: IdIndex,
    /// Accepted events, in input order.
    events: Vec<Event>,
    /// The value of each mapped dimension of each event: event `i`'s in
    /// `dim_values[i * dims.len()..][..dims.len()]`, in mapping order.
    dim_values: Vec<Option<Sym>>,
    symbols: SlotSymbols,
    /// The distinct values of each mapped dimension, against `maxDistinctValues`.
    distinct: DistinctValues,
    /// The text of each slot in the last event's row (empty: none).
    last_texts: Vec<String>,
}

impl EventLog {
    /// A builder; adds the mapped dimensions to `dataset`.
    pub fn new(options: Rc<LoadOptions>, resolved: Rc<Resolved>, dataset: &mut Dataset) -> Self {
        let dims: Vec<_> = resolved.dimensions.iter().map(|(name, slot)| (dataset.dimension_index_or_add(name), *slot)).collect();
        let distinct = DistinctValues::new(&options, dims.len());
        let last_texts = vec![String::new(); resolved.columns.len()];
        EventLog {
            options,
            resolved,
            dims,
            ids: Vec::new(),
            index: IdIndex::default(),
            events: Vec::new(),
            dim_values: Vec::new(),
            symbols: SlotSymbols::default(),
            distinct,
            last_texts,
        }
    }

    /// The slots (up to the 64th) of `r` whose text is the one in the last
    /// event's row, as bits; 0 when the last event is not from the row
    /// before `r`.
    fn repeated(&self, r: &RowReader<'_, '_>) -> u64 {
        if !self.events.last().is_some_and(|e| e.row + 1 == r.row) {
            return 0;
        }
        let mut same = 0;
        for (slot, text) in self.last_texts.iter().enumerate().take(64) {
            if !text.is_empty() && r.raw_text(slot) == Some(text) {
                same |= 1 << slot;
            }
        }
        same
    }

    fn column(&self, field: Field) -> &str {
        self.resolved.slot(field).and_then(|s| self.resolved.names.get(s)).map_or("", String::as_str)
    }

    /// The ticket of the events `order` (indices into `all`, sorted).
    fn build(&self, ds: &mut Dataset, id: String, all: &[Event], order: &[u32], checker: &mut Checker, context: &mut Context) -> Option<Ticket> {
        let event = |i: u32| &all[i as usize];
        let events = || order.iter().map(|&i| event(i));
        let first = event(*order.first()?);
        let last = event(*order.last()?);
        let opened = first.opened;
        let first_row = events().map(|e| e.row).min().unwrap_or(first.row);

        let mut statuses = vec![StatusChange { at: opened, status: first.status }];
        for e in events().skip(1) {
            if statuses.last().map(|s| s.status) != Some(e.status) {
                statuses.push(StatusChange { at: e.updated, status: e.status });
            }
        }

        let mut assignments: Vec<Assignment> = Vec::new();
        for (i, e) in events().enumerate() {
            if let Some(g) = e.group {
                if assignments.last().map(|a| a.group) != Some(g) {
                    assignments.push(Assignment { at: if i == 0 { opened } else { e.updated }, group: g });
                }
            }
        }

        let first_response_event = if self.resolved.slot(Field::FirstResponse).is_some() {
            events().find_map(|e| e.first_response.get().map(|t| (e.row, t)))
        } else {
            match self.options.first_response {
                FirstResponse::LeaveOpening => {
                    let own = [first.status];
                    let opening: &[Sym] = context.opening.as_deref().unwrap_or(&own);
                    events().find(|e| !opening.contains(&e.status)).map(|e| (e.row, e.updated))
                }
                FirstResponse::FirstAssignment => {
                    let by_person = self.resolved.slot(Field::Assignee).is_some();
                    events().find(|e| if by_person { e.assigned } else { e.group.is_some() }).map(|e| (e.row, e.updated))
                }
            }
        };

        let mut dimensions = DimensionValues::new(ds.dimension_names.len());
        let width = self.dims.len();
        let value = |i: u32, k: usize| self.dim_values[i as usize * width + k];
        let mut dimension_changes = Vec::new();
        if width > 0 {
            let changing = &mut context.changing;
            changing.clear();
            changing.extend((0..width).map(|k| order.windows(2).any(|w| value(w[0], k) != value(w[1], k))));
            // Built in event order, so oldest first without sorting.
            let (first_i, last_i) = (order[0], order[order.len() - 1]);
            for (k, &(dim, _)) in self.dims.iter().enumerate() {
                dimensions.set(dim, value(last_i, k));
                if changing[k] {
                    dimension_changes.push(DimensionChange { at: opened, dimension: dim, value: value(first_i, k) });
                }
            }
            if changing.iter().any(|&c| c) {
                for w in order.windows(2) {
                    for (k, &(dim, _)) in self.dims.iter().enumerate() {
                        if changing[k] && value(w[0], k) != value(w[1], k) {
                            dimension_changes.push(DimensionChange { at: event(w[1]).updated, dimension: dim, value: value(w[1], k) });
                        }
                    }
                }
            }
        }

        let mut check = checker.record(&id, opened);
        check.time(first.row, self.column(Field::Opened), "opened", opened);
        let updated_column = self.column(Field::Updated);
        for e in events() {
            check.after_opened(e.row, updated_column, "update", e.updated);
        }
        // A derived first response is an update instant, checked above.
        if let (Some((row, t)), Some(_)) = (first_response_event, self.resolved.slot(Field::FirstResponse)) {
            check.after_opened(row, self.column(Field::FirstResponse), "first response", t);
        }
        let (resolved, closed) = (last.resolved.get(), last.closed.get());
        if let Some(t) = resolved {
            check.after_opened(last.row, self.column(Field::Resolved), "resolution", t);
        }
        if let Some(t) = closed {
            check.after_opened(last.row, self.column(Field::Closed), "closure", t);
        }
        if let (Some(res), Some(clo)) = (resolved, closed) {
            check.closed_before_resolved(last.row, self.column(Field::Closed), res, clo);
        }

        let kind = match (events().find_map(|e| e.kind), context.default_kind) {
            (Some(k), _) => k,
            (None, Some(k)) => k,
            (None, None) => *context.default_kind.insert(ds.strings.intern(&self.options.kind)),
        };
        Some(Ticket {
            id,
            kind,
            title: order.iter().rev().find_map(|&i| event(i).title.as_deref()).map_or_else(String::new, String::from),
            dimensions,
            history: Some(Box::new(History { statuses, assignments, dimension_changes })),
            opened,
            first_response: MaybeInstant::new(first_response_event.map(|(_, t)| t)),
            resolved: MaybeInstant::new(resolved),
            closed: MaybeInstant::new(closed),
            reopen_count: last.reopen_count.unwrap_or(0),
            csat: order.iter().rev().find_map(|&i| event(i).csat).map(|score| {
                let (scale_min, scale_max) = self.options.csat_scale;
                Box::new(Csat { score, scale_min, scale_max })
            }),
            first_contact_resolution: order.iter().rev().find_map(|&i| event(i).first_contact_resolution),
            source_sla_met: last.sla_met,
            source_row: first_row,
        })
    }
}

/// What the tickets of one load share while they are built.
struct Context {
    /// The opening statuses as symbols, if configured.
    opening: Option<Vec<Sym>>,
    /// The symbol of `options.kind`, once interned.
    default_kind: Option<Sym>,
    /// Whether each mapped dimension changes (scratch for one ticket).
    changing: Vec<bool>,
}

impl Builder for EventLog {
    fn row(&mut self, ds: &mut Dataset, r: &RowReader<'_, '_>) -> Result<RowFate, RowError> {
        // The events of a ticket repeat most of its fields: when the last
        // event comes from the row before, a field whose text is the one in
        // that row reads the same, so the costly readings (id, status,
        // instants, group, verdict, dimensions) are taken over from that
        // event rather than done again.
        let same = self.repeated(r);
        let last = if same == 0 { None } else { self.events.last() };
        let is_same = |slot: usize| slot < 64 && same >> slot & 1 == 1;
        let resolved = &*self.resolved;
        let keep = |field: Field| last.filter(|_| resolved.slot(field).is_some_and(is_same));
        // The last event's ticket, or the id to find.
        let id = match keep(Field::Id) {
            Some(e) => Err(e.ticket as usize),
            None => Ok(r.required_text(Field::Id)?),
        };
        let opened = match keep(Field::Opened) {
            Some(e) => e.opened,
            None => r.required_instant(Field::Opened)?,
        };
        if self.options.outside_window(opened) {
            return Ok(RowFate::OutsideWindow);
        }
        let updated = r.required_instant(Field::Updated)?;
        let sequence = r.count(Field::Sequence)?;
        if keep(Field::Status).is_none() {
            r.required_text(Field::Status)?;
        }
        let first_response = MaybeInstant::new(r.instant(Field::FirstResponse)?);
        let resolved_at = match keep(Field::Resolved) {
            Some(e) => e.resolved,
            None => MaybeInstant::new(r.instant(Field::Resolved)?),
        };
        let closed = match keep(Field::Closed) {
            Some(e) => e.closed,
            None => MaybeInstant::new(r.instant(Field::Closed)?),
        };
        let group = match keep(Field::AssignmentGroup) {
            Some(e) => e.group.is_some(),
            None => r.text(Field::AssignmentGroup)?.is_some(),
        };
        let assigned = r.text(Field::Assignee)?.is_some();
        let reopen_count = r.count(Field::ReopenCount)?;
        let sla_met = match keep(Field::SlaMet) {
            Some(e) => e.sla_met,
            None => r.boolean(Field::SlaMet)?,
        };
        let kind = r.text(Field::Kind)?;
        let title = r.text(Field::Title)?;
        let csat = match r.number(Field::Csat)? {
            Some(score) => Some(csat(r, score, self.options.csat_scale)?.score),
            None => None,
        };
        let first_contact_resolution = r.boolean(Field::FirstContactResolution)?;
        for &(_, slot) in &self.dims {
            if !is_same(slot) {
                r.check_text(slot)?;
            }
        }
        // Everything read: now intern and store (status and group were
        // read, so they are readable).
        let mut symbol = |field: Field| resolved.slot(field).and_then(|slot| self.symbols.get(r, slot, &mut ds.strings));
        let status = match keep(Field::Status) {
            Some(e) => e.status,
            None => symbol(Field::Status).unwrap_or_default(),
        };
        let group = match keep(Field::AssignmentGroup) {
            Some(e) => e.group,
            None if group => symbol(Field::AssignmentGroup),
            None => None,
        };
        let kind = kind.map(|k| ds.strings.intern(&k));
        // The last event's dimension values, when it has some.
        let from = self.dim_values.len().wrapping_sub(self.dims.len());
        for (k, &(dim, slot)) in self.dims.iter().enumerate() {
            let value = match is_same(slot) {
                true => self.dim_values[from + k],
                false => {
                    let (value, new) = self.symbols.lookup(r, slot, &mut ds.strings);
                    if new {
                        self.distinct.note(k, value, &ds.dimension_names[dim], r, slot)?;
                    }
                    value
                }
            };
            self.dim_values.push(value);
        }
        let ticket = match id {
            Err(ticket) => ticket,
            Ok(id) => {
                let hash = self.index.hash(&id);
                match self.index.get(&id, hash, |i| self.ids[i].as_str()) {
                    Some(i) => i,
                    None => {
                        self.index.insert(hash, self.ids.len());
                        self.ids.push(id.into_owned());
                        self.ids.len() - 1
                    }
                }
            }
        };
        self.events.push(Event {
            ticket: ticket as u32,
            sequence,
            row: r.row,
            updated,
            opened,
            first_response,
            resolved: resolved_at,
            closed,
            status,
            group,
            reopen_count,
            kind,
            assigned,
            sla_met,
            first_contact_resolution,
            title: title.map(|t| t.into()),
            csat,
        });
        for (slot, text) in self.last_texts.iter_mut().enumerate() {
            if !is_same(slot) {
                text.clear();
                text.push_str(r.raw_text(slot).unwrap_or_default());
            }
        }
        Ok(RowFate::Loaded)
    }

    fn fatal(&self) -> bool {
        self.distinct.over
    }

    fn reserve(&mut self, _ds: &mut Dataset, rows: usize) {
        // Room that cannot be had is left to growth (see `Table::reserve`).
        let _ = self.events.try_reserve_exact(rows);
        let _ = self.dim_values.try_reserve_exact(rows.saturating_mul(self.dims.len()));
    }

    fn finish(mut self: Box<Self>, ds: &mut Dataset) -> Vec<Warning> {
        let mut checker = Checker::new(self.options.as_of);
        let opening = self.options.opening_statuses.as_ref().map(|list| list.iter().filter_map(|s| ds.strings.lookup(s)).collect());
        let mut context = Context { opening, default_kind: None, changing: Vec::new() };
        let events = std::mem::take(&mut self.events);
        // The events of each ticket, together (a counting sort by ticket),
        // then in order of update instant, sequence and row: rows are
        // unique, so the order is total and an unstable sort is deterministic.
        let mut starts = vec![0u32; self.ids.len() + 1];
        for e in &events {
            starts[e.ticket as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut order = vec![0u32; events.len()];
        let mut next = starts.clone();
        for (i, e) in events.iter().enumerate() {
            let slot = &mut next[e.ticket as usize];
            order[*slot as usize] = i as u32;
            *slot += 1;
        }
        drop(next);
        ds.tickets.reserve_exact(self.ids.len());
        let ids = std::mem::take(&mut self.ids);
        for (t, id) in ids.into_iter().enumerate() {
            let group = &mut order[starts[t] as usize..starts[t + 1] as usize];
            group.sort_unstable_by_key(|&i| {
                let e = &events[i as usize];
                (e.updated, e.sequence, e.row)
            });
            if let Some(ticket) = self.build(ds, id, &events, group, &mut checker, &mut context) {
                ds.tickets.push(ticket);
            }
        }
        checker.into_warnings()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_instants_and_the_event_size() {
        let t = MaybeInstant::new(Some(-2_208_988_800));
        assert_eq!((t.get(), MaybeInstant::new(None).get()), (Some(-2_208_988_800), None));
        // 8 + 8 + 8 × 5 (row, instants) + 8 × 3 (sequence, group, reopen
        // count as options of u32) + 4 × 2 (ticket, status) + 8 (kind) +
        // 16 (boxed title) + 16 (score) + 3 flags, aligned to 8: 128 bytes.
        #[cfg(target_pointer_width = "64")]
        assert_eq!(std::mem::size_of::<Event>(), 128);
    }
}
