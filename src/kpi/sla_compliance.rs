//! SLA compliance: met / (met + breached) over SLA verdicts, counted in the
//! period in which the clock stopped, grouped by the ticket's group.
//!
//! Verdicts come from the SLA engine (one per ticket × policy): a met clock
//! counts at its stop instant, a breached one at its stop instant or, still
//! open, at its breach instant; clocks still running (in progress, at risk,
//! paused) and policies whose clock never started are not verdicts.

use super::aggregate::Agg;
use super::catalog::KpiId;
use super::engine::{Context, SlaRecord};
use super::flow::indices;
use super::table::KpiTable;
use crate::sla::{Outcome, State};

/// The verdict of an SLA outcome, if it is one.
pub fn sla_record(o: &Outcome) -> Option<SlaRecord> {
    let (met, at) = match o.state {
        State::Met => (true, o.stop?),
        State::Breached => (false, o.stop.or(o.breach)?),
        _ => return None,
    };
    Some(SlaRecord { ticket: o.ticket, met, stop: at })
}

/// Adds every SLA verdict to the compliance KPI of `table`.
pub fn accumulate(ctx: &Context, table: &mut KpiTable) {
    let wanted = indices(table, &[KpiId::SlaCompliance]);
    if wanted.is_empty() {
        return;
    }
    for r in ctx.sla {
        let Some(p) = table.period_index(r.stop) else { continue };
        let slot = ctx.ticket_slots.get(r.ticket).copied().unwrap_or(0);
        for &k in &wanted {
            table.add(p, slot, k, &Agg::Ratio { num: if r.met { 1.0 } else { 0.0 }, den: 1.0 });
        }
    }
}
