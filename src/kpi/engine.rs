//! Builds a [`KpiTable`] from a data set: chooses the periods and groups,
//! then lets each KPI family add its records.

use super::catalog::KpiSpec;
use super::period::{Granularity, Periods};
use super::table::KpiTable;
use super::{availability, changes, durations, flow, rates, sla_compliance};
use crate::calendar::Calendar;
use crate::ingest::model::{Dataset, Sym};
use crate::support::error::{quote, Error};
use crate::support::time::Instant;
use crate::support::tz::TimeZone;

/// The most periods one table may hold (27 years of days).
pub const MAX_PERIODS: usize = 10_000;

/// What to compute.
#[derive(Debug, Clone)]
pub struct Query {
    /// The KPIs, in output order.
    pub kpis: Vec<KpiSpec>,
    /// Period length.
    pub granularity: Granularity,
    /// Time zone of the periods.
    pub zone: TimeZone,
    /// A ticket dimension to group by (`priority`, `service`…), if any.
    pub group_by: Option<String>,
    /// Evaluation instant: records after it are ignored and tickets resolved
    /// after it count as open.
    pub as_of: Instant,
    /// First instant to report; by default the earliest record.
    pub from: Option<Instant>,
    /// Calendar of the business clock ([`super::Clock::Business`]).
    pub calendar: Calendar,
}

/// One SLA verdict, as the SLA engine reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaRecord {
    /// Index of the ticket in [`Dataset::tickets`].
    pub ticket: usize,
    /// Met (`true`) or breached (`false`).
    pub met: bool,
    /// When the clock stopped (the period it counts in).
    pub stop: Instant,
}

/// What every KPI family reads besides the table.
pub struct Context<'a> {
    /// The data set.
    pub dataset: &'a Dataset,
    /// The business calendar.
    pub calendar: &'a Calendar,
    /// Group slot of each ticket (empty when not grouping: read a missing
    /// slot as 0).
    pub ticket_slots: Vec<usize>,
    /// Group slot of each service symbol (indexed by symbol) when grouping
    /// by `service`; empty otherwise (outages and changes then count in
    /// "all" only). A missing slot reads as 0.
    pub service_slots: Vec<usize>,
    /// SLA verdicts.
    pub sla: &'a [SlaRecord],
}

/// The name of the dimension that outages and changes can be grouped by.
pub const SERVICE_DIMENSION: &str = "service";

/// Computes the KPI table for `query`, with SLA verdicts `sla` (empty when
/// no SLA was evaluated).
pub fn compute(dataset: &Dataset, query: &Query, sla: &[SlaRecord]) -> Result<KpiTable, Error> {
    let earliest = query.from.or_else(|| earliest_instant(dataset, sla)).unwrap_or(query.as_of).min(query.as_of);
    let (periods, first, count) = frame(query.granularity, &query.zone, earliest, query.as_of)?;

    let (labels, ticket_slots, service_slots) = match &query.group_by {
        // Every ticket is in slot 0: no list needed (a missing slot reads as 0).
        None => (Vec::new(), Vec::new(), Vec::new()),
        Some(name) => groups(dataset, name)?,
    };
    let mut table = KpiTable::new(periods, first, count, query.as_of, query.group_by.clone(), labels, query.kpis.clone());
    let ctx = Context { dataset, calendar: &query.calendar, ticket_slots, service_slots, sla };
    flow::accumulate(&ctx, &mut table);
    durations::accumulate(&ctx, &mut table);
    rates::accumulate(&ctx, &mut table);
    availability::accumulate(&ctx, &mut table);
    changes::accumulate(&ctx, &mut table);
    sla_compliance::accumulate(&ctx, &mut table);
    table.finish();
    Ok(table)
}

/// The periods of a table from `earliest` to `as_of`: the periods, the
/// first one's ordinal and their number. Errors past [`MAX_PERIODS`].
pub fn frame(granularity: Granularity, zone: &TimeZone, earliest: Instant, as_of: Instant) -> Result<(Periods, i64, usize), Error> {
    let periods = Periods::new(granularity, zone.clone()).spanning(earliest, as_of);
    let last = periods.ordinal_of(as_of);
    let first = periods.ordinal_of(earliest);
    let count = usize::try_from(last - first + 1).unwrap_or(1);
    if count > MAX_PERIODS {
        return Err(Error::compute(format!(
            "the data spans {count} {}s, more than {MAX_PERIODS}; choose a longer period or a later start",
            granularity.name()
        )));
    }
    Ok((periods, first, count))
}

/// Adds the availability, MTBF and MTRS figures of the outages in
/// `outages` (a data set of outages only: a merged partial report's) to
/// `table`, each service in its own group when the table is grouped by
/// `service`.
#[cfg(any(not(target_arch = "wasm32"), feature = "partials-js"))]
pub fn add_outages(table: &mut KpiTable, calendar: &Calendar, outages: &Dataset) {
    let by_service = table.group_by() == Some(SERVICE_DIMENSION);
    let slot = |s: usize| table.groups().iter().position(|g| g.as_deref() == Some(outages.strings.get(s as Sym))).map_or(0, |i| i + 1);
    let service_slots = if by_service { (0..outages.strings.len()).map(slot).collect() } else { Vec::new() };
    let ctx = Context { dataset: outages, calendar, ticket_slots: Vec::new(), service_slots, sla: &[] };
    availability::accumulate(&ctx, table);
}

/// The latest instant recorded in the data set (a default for `as_of`).
pub fn latest_instant(dataset: &Dataset) -> Option<Instant> {
    let tickets = dataset.tickets.iter().flat_map(|t| {
        [Some(t.opened), t.first_response.get(), t.resolved.get(), t.closed.get()]
            .into_iter()
            .flatten()
            .chain(t.statuses().iter().map(|s| s.at))
            .chain(t.assignments().iter().map(|a| a.at))
    });
    let outages = dataset.outages.iter().flat_map(|o| [Some(o.start), o.end].into_iter().flatten());
    let changes = dataset.changes.iter().flat_map(|c| [Some(c.start), c.end].into_iter().flatten());
    tickets.chain(outages).chain(changes).max()
}

/// The earliest instant any KPI counts at (the first period's default
/// start): tickets opened and resolved (a ticket resolved before it was
/// opened counts in its resolution period), outages starting, changes
/// starting and ending, SLA clocks stopping.
fn earliest_instant(dataset: &Dataset, sla: &[SlaRecord]) -> Option<Instant> {
    let tickets = dataset.tickets.iter().map(|t| t.resolved.get().map_or(t.opened, |r| r.min(t.opened)));
    let outages = dataset.outages.iter().map(|o| o.start);
    let changes = dataset.changes.iter().map(|c| c.end.map_or(c.start, |e| e.min(c.start)));
    tickets.chain(outages).chain(changes).chain(sla.iter().map(|s| s.stop)).min()
}

type Groups = (Vec<Option<String>>, Vec<usize>, Vec<usize>);

/// Group labels (sorted, "no value" last), each ticket's slot, and the slot
/// of each service symbol when grouping by `service`.
fn groups(dataset: &Dataset, name: &str) -> Result<Groups, Error> {
    let dim = dataset.dimension_index(name);
    let by_service = name == SERVICE_DIMENSION;
    if dim.is_none() && !by_service {
        return Err(Error::invalid("groupBy", format!("{} is not a dimension of the data; it has: {}", quote(name), dataset.dimension_names.join(", "))));
    }
    let ticket_values: Vec<Option<Sym>> = dataset.tickets.iter().map(|t| dim.and_then(|d| t.dimensions.get(d))).collect();
    let services = dataset.outages.iter().map(|o| Some(o.service)).chain(dataset.changes.iter().map(|c| c.service));
    let all = ticket_values.iter().copied().chain(services.filter(|_| by_service));
    // The distinct values (interned: equal text, equal symbol), sorted by
    // text, "no value" last.
    let mut seen = vec![false; dataset.strings.len()];
    let mut has_none = false;
    let mut distinct: Vec<usize> = Vec::new();
    for v in all {
        match v {
            None => has_none = true,
            Some(s) => {
                if let Some(x) = seen.get_mut(s as usize).filter(|x| !**x) {
                    *x = true;
                    distinct.push(s as usize);
                }
            }
        }
    }
    // Distinct symbols have distinct texts: no ties.
    let distinct_text = |i: usize| dataset.strings.get(distinct[i] as Sym);
    let order = crate::support::order::positions_by(distinct.len(), &|a, b| distinct_text(a).cmp(distinct_text(b)));
    let mut values: Vec<Option<Sym>> = order.into_iter().map(|i| Some(distinct[i as usize] as Sym)).collect();
    if has_none {
        values.push(None);
    }
    let text = |v: &Option<Sym>| v.map(|s| dataset.strings.get(s));
    // Slots by symbol (dense: symbols number the data set's strings).
    let mut sym_slots = vec![0usize; dataset.strings.len()];
    let mut none_slot = 0;
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(s) => {
                if let Some(x) = sym_slots.get_mut(*s as usize) {
                    *x = i + 1;
                }
            }
            None => none_slot = i + 1,
        }
    }
    let ticket_slots = ticket_values.iter().map(|v| v.map_or(none_slot, |s| sym_slots.get(s as usize).copied().unwrap_or(0))).collect();
    let service_slots = if by_service { sym_slots } else { Vec::new() };
    let labels = values.iter().map(|v| text(v).map(str::to_string)).collect();
    Ok((labels, ticket_slots, service_slots))
}
