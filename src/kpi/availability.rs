//! Availability, MTBF and MTRS per service from outage records, with
//! planned maintenance excluded.
//!
//! For each service that has at least one outage record, and each period P
//! (cut at `as_of`):
//! - service time = P on the wall clock, or the calendar's working time in
//!   P on the business clock;
//! - AST (agreed service time) = service time minus planned maintenance;
//! - DT (downtime) = the union of unplanned outages inside AST (an ongoing
//!   outage runs until `as_of`; overlapping outages count once);
//! - N = unplanned outages of the service starting in P.
//!
//! availability = 100·Σ(AST − DT)/ΣAST, MTBF = Σ(AST − DT)/ΣN,
//! MTRS = ΣDT/ΣN (hours), the sums running over the services of the cell.

use super::aggregate::Agg;
use super::catalog::{Clock, KpiId};
use super::engine::Context;
use super::intervals::{intersect, length, subtract, union, Interval};
use super::table::KpiTable;
use crate::ingest::model::Sym;

/// Adds every service's outage figures to the availability KPIs of `table`.
pub fn accumulate(ctx: &Context, table: &mut KpiTable) {
    let wanted: Vec<(usize, KpiId, Clock)> = table
        .kpis()
        .iter()
        .enumerate()
        .filter(|(_, k)| matches!(k.id, KpiId::Availability | KpiId::Mtbf | KpiId::Mtrs))
        .map(|(i, k)| (i, k.id, k.clock))
        .collect();
    if wanted.is_empty() {
        return;
    }
    let as_of = table.as_of();
    // service → (planned, unplanned) outage intervals, kept in symbol order
    // as services are met (a data set has a handful of services; inserting
    // in place spares the module a sort of these entries, ~1 KB gzip)
    let mut by_service: Vec<(Sym, Vec<Interval>, Vec<Interval>)> = Vec::new();
    for o in &ctx.dataset.outages {
        let i = match by_service.binary_search_by_key(&o.service, |e| e.0) {
            Ok(i) => i,
            Err(i) => {
                by_service.insert(i, (o.service, Vec::new(), Vec::new()));
                i
            }
        };
        let Some(entry) = by_service.get_mut(i) else { continue };
        let iv = (o.start, o.end.unwrap_or(as_of).min(as_of));
        if o.planned {
            entry.1.push(iv);
        } else {
            entry.2.push(iv);
        }
    }
    for (service, planned, unplanned) in by_service {
        let slot = ctx.service_slots.get(service as usize).copied().unwrap_or(0);
        let planned = union(planned);
        let unplanned_union = union(unplanned.clone());
        let mut failures = vec![0u64; table.period_count()];
        for &(start, _) in &unplanned {
            if let Some(p) = table.period_index(start) {
                failures[p] += 1;
            }
        }
        for (p, &n) in failures.iter().enumerate() {
            let from = table.periods().start(table.first_ordinal() + p as i64);
            let to = table.snapshot_instant(p);
            for &(k, id, clock) in &wanted {
                let service_time = match clock {
                    Clock::Wall => vec![(from, to)],
                    Clock::Business => ctx.calendar.working_intervals(from, to),
                };
                let agreed = subtract(&service_time, &planned);
                let ast = length(&agreed) as f64;
                let dt = length(&intersect(&agreed, &unplanned_union)) as f64;
                let contribution = match id {
                    KpiId::Availability => Agg::Ratio { num: ast - dt, den: ast },
                    // Seconds, turned into hours by `KpiId::value`.
                    KpiId::Mtbf => Agg::Ratio { num: ast - dt, den: n as f64 },
                    _ => Agg::Ratio { num: dt, den: n as f64 },
                };
                table.add(p, slot, k, &contribution);
            }
        }
    }
}
