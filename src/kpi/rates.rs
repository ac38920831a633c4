//! Per-ticket rates over the tickets resolved in a period: first-contact
//! resolution, reopen, reassignment, the source system's SLA verdict, and
//! customer satisfaction.
//!
//! Each is a ratio of sums (numerator and denominator counted separately,
//! so periods and groups merge exactly). A ticket whose input for a KPI is
//! unknown (no FCR flag, no assignment, no survey, no SLA verdict) is left
//! out of that KPI's denominator; with no such ticket the KPI has no value.

use super::aggregate::Agg;
use super::catalog::KpiId;
use super::engine::Context;
use super::table::KpiTable;
use crate::ingest::model::Ticket;

/// A normalised survey score at or above this is "satisfied" (4 and 5 on a
/// 1–5 scale, 8 to 10 on 1–10, 7.75 and up on 0–10 after normalisation).
pub const SATISFIED_AT: f64 = 0.75;

/// Adds every resolved ticket to the rate KPIs of `table`.
pub fn accumulate(ctx: &Context, table: &mut KpiTable) {
    let wanted: Vec<(usize, KpiId)> = table.kpis().iter().enumerate().filter(|(_, k)| is_rate(k.id)).map(|(i, k)| (i, k.id)).collect();
    if wanted.is_empty() {
        return;
    }
    for (i, t) in ctx.dataset.tickets.iter().enumerate() {
        let Some(p) = t.resolved.get().and_then(|r| table.period_index(r)) else { continue };
        let slot = ctx.ticket_slots.get(i).copied().unwrap_or(0);
        for &(k, id) in &wanted {
            match numerator(id, t) {
                // The scores themselves, summed in value order when the
                // mean is taken: a sum of fractions in ticket order would
                // depend on the order of the tickets.
                Some(score) if id == KpiId::CsatMean => table.add_sample(p, slot, k, score),
                Some(num) => table.add(p, slot, k, &Agg::Ratio { num, den: 1.0 }),
                None => {}
            }
        }
    }
}

fn is_rate(id: KpiId) -> bool {
    matches!(id, KpiId::FcrRate | KpiId::ReopenRate | KpiId::ReassignmentRate | KpiId::SourceSlaRate | KpiId::CsatMean | KpiId::CsatSatisfied)
}

/// The ticket's contribution to the numerator (its denominator is 1), or
/// `None` when the ticket has no input for the KPI.
fn numerator(id: KpiId, t: &Ticket) -> Option<f64> {
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    match id {
        KpiId::FcrRate => t.first_contact_resolution.map(flag),
        KpiId::ReopenRate => Some(flag(t.reopen_count > 0)),
        // More than one distinct group: some group differs from the first.
        KpiId::ReassignmentRate => t.assignments().first().map(|first| flag(t.assignments().iter().any(|a| a.group != first.group))),
        KpiId::SourceSlaRate => t.source_sla_met.map(flag),
        KpiId::CsatMean => t.csat.as_deref().map(|c| c.normalised()),
        KpiId::CsatSatisfied => t.csat.as_deref().map(|c| flag(c.normalised() >= SATISFIED_AT)),
        _ => None,
    }
}
