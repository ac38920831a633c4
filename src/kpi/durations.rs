//! Time to acknowledge and time to resolve (MTTA, MTTR and their median
//! and p90), in hours, on the wall clock or the business calendar. Samples
//! hold whole seconds; [`super::KpiId::value`] turns the statistic into hours.
//!
//! Cohort: a ticket counts in the period of its `first_response` (MTTA) or
//! `resolved` (MTTR) instant. The duration runs from `opened` to that
//! instant: `end − opened` on the wall clock, `calendar.duration(opened,
//! end)` on the business clock. A ticket without the instant, or whose
//! instant precedes `opened` (a data error), is left out.

use super::catalog::{Clock, KpiId};
use super::engine::Context;
use super::table::KpiTable;
use crate::ingest::model::Ticket;
use crate::support::time::Instant;

/// Adds every ticket's durations to the MTTA/MTTR KPIs of `table` (once
/// per shared sample).
pub fn accumulate(ctx: &Context, table: &mut KpiTable) {
    let wanted: Vec<(usize, KpiId, Clock)> =
        table.kpis().iter().enumerate().filter(|&(i, k)| end_of(k.id).is_some() && table.holds_own(i)).map(|(i, k)| (i, k.id, k.clock)).collect();
    for (i, t) in ctx.dataset.tickets.iter().enumerate() {
        let slot = ctx.ticket_slots.get(i).copied().unwrap_or(0);
        for &(k, id, clock) in &wanted {
            let Some(end) = end_of(id).and_then(|f| f(t)) else { continue };
            let Some(p) = table.period_index(end) else { continue };
            if end < t.opened {
                continue;
            }
            let seconds = match clock {
                Clock::Wall => end - t.opened,
                Clock::Business => ctx.calendar.duration(t.opened, end),
            };
            // Whole seconds (exact in f64): their sum is the same in any
            // order, so partial tables merge to the bits of one pass.
            table.add_sample(p, slot, k, seconds as f64);
        }
    }
}

/// The instant a duration KPI measures up to.
fn end_of(id: KpiId) -> Option<fn(&Ticket) -> Option<Instant>> {
    match id {
        KpiId::Mtta | KpiId::MttaMedian | KpiId::MttaP90 => Some(|t| t.first_response.get()),
        KpiId::Mttr | KpiId::MttrMedian | KpiId::MttrP90 => Some(|t| t.resolved.get()),
        _ => None,
    }
}
