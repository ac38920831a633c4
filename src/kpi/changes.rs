//! Change KPIs: success rate and emergency-change share.
//!
//! - change success rate = successful / changes with an outcome, counted in
//!   the period of the change's end (its start when it has no end);
//!   changes without an outcome (not yet implemented) are left out;
//! - emergency-change share = emergency / all changes, counted in the period
//!   of the change's start.

use super::aggregate::Agg;
use super::catalog::KpiId;
use super::engine::Context;
use super::flow::indices;
use super::table::KpiTable;
use crate::ingest::model::{ChangeOutcome, ChangeType};

/// Adds every change to the change KPIs of `table`.
pub fn accumulate(ctx: &Context, table: &mut KpiTable) {
    let success = indices(table, &[KpiId::ChangeSuccessRate]);
    let emergency = indices(table, &[KpiId::EmergencyChangeShare]);
    for c in &ctx.dataset.changes {
        let slot = c.service.and_then(|s| ctx.service_slots.get(s as usize).copied()).unwrap_or(0);
        if let (Some(outcome), Some(p)) = (c.outcome, table.period_index(c.end.unwrap_or(c.start))) {
            let num = if outcome == ChangeOutcome::Successful { 1.0 } else { 0.0 };
            for &k in &success {
                table.add(p, slot, k, &Agg::Ratio { num, den: 1.0 });
            }
        }
        if let Some(p) = table.period_index(c.start) {
            let num = if c.change_type == ChangeType::Emergency { 1.0 } else { 0.0 };
            for &k in &emergency {
                table.add(p, slot, k, &Agg::Ratio { num, den: 1.0 });
            }
        }
    }
}
