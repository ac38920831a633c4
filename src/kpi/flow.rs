//! Ticket flow: volume (tickets opened in a period) and the backlog
//! snapshot at each period's end with its age buckets.
//!
//! A ticket is in the backlog at snapshot instant `s` (the period's end, or
//! `as_of` for the period containing it) when `opened < s` and its end —
//! `resolved`, else `closed` — is absent, later than `as_of`, or `>= s`.
//! Its age is `s − opened`.

use super::aggregate::{age_bucket, Agg};
use super::catalog::KpiId;
use super::engine::Context;
use super::table::KpiTable;

/// Adds every ticket to the volume and backlog KPIs of `table`.
pub fn accumulate(ctx: &Context, table: &mut KpiTable) {
    let volume: Vec<usize> = indices(table, &[KpiId::Volume]);
    let backlog: Vec<usize> = indices(table, &[KpiId::Backlog, KpiId::AgedBacklogShare]);
    if volume.is_empty() && backlog.is_empty() {
        return;
    }
    let as_of = table.as_of();
    let snapshots: Vec<_> = (0..table.period_count()).map(|p| table.snapshot_instant(p)).collect();
    for (i, t) in ctx.dataset.tickets.iter().enumerate() {
        let slot = ctx.ticket_slots.get(i).copied().unwrap_or(0);
        if let Some(p) = table.period_index(t.opened) {
            for &k in &volume {
                table.add(p, slot, k, &Agg::Count(1));
            }
        }
        if backlog.is_empty() || t.opened > as_of {
            continue;
        }
        let end = t.resolved.get().or(t.closed.get()).filter(|&e| e <= as_of);
        let from = table.period_index(t.opened).unwrap_or(0);
        for (p, &s) in snapshots.iter().enumerate().skip(from) {
            if end.is_some_and(|e| e < s) {
                break;
            }
            if t.opened < s {
                let mut ages = [0; 5];
                ages[age_bucket(s - t.opened)] = 1;
                for &k in &backlog {
                    table.add(p, slot, k, &Agg::Ages(ages));
                }
            }
        }
    }
}

/// The table indices of the KPIs among `ids`.
pub fn indices(table: &KpiTable, ids: &[KpiId]) -> Vec<usize> {
    table.kpis().iter().enumerate().filter(|(_, k)| ids.contains(&k.id)).map(|(i, _)| i).collect()
}
