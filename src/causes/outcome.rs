//! One outcome's causes as a document: its elapsed working time split along
//! each axis, with the paused and out-of-hours time beside it.

use super::history::{Axis, History};
use super::split::{split, totals};
use crate::ingest::model::Dataset;
use crate::sla::clock::State;
use crate::sla::evaluate::Outcome;
use crate::sla::policy::PolicySet;
use crate::sla::report;
use serde::Serialize;

/// One value's time within one outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareRow {
    /// The value (`None`: no value).
    pub value: Option<String>,
    /// Counted working seconds while it held.
    pub working_seconds: i64,
    /// Working seconds of the calendar paused while it held.
    pub paused_seconds: i64,
    /// Wall-clock seconds running outside working hours while it held.
    pub outside_hours_seconds: i64,
    /// Whether it held at the breach instant.
    pub at_breach: bool,
}

/// One outcome's time along one axis.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AxisRow {
    /// `status`, `group` or a dimension name.
    pub dimension: String,
    /// One per value, in order of first appearance on the timeline.
    pub shares: Vec<ShareRow>,
}

/// One outcome's causes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeCauses {
    /// Ticket identifier.
    pub ticket: String,
    /// Policy name.
    pub policy: String,
    /// State.
    pub state: State,
    /// Counted working seconds (each axis's shares add up to it).
    pub elapsed_seconds: i64,
    /// Working seconds paused.
    pub paused_seconds: i64,
    /// Wall-clock seconds running outside working hours.
    pub outside_hours_seconds: i64,
    /// One entry per axis.
    pub dimensions: Vec<AxisRow>,
}

/// The causes of outcome `o` (with its timeline) along `axes`.
pub fn outcome_causes(data: &Dataset, set: &PolicySet, o: &Outcome, axes: &[Axis]) -> OutcomeCauses {
    let ticket = data.tickets.get(o.ticket);
    let policy = set.policies.get(o.policy);
    let calendar = policy.map(|p| set.calendar_of(p, o.version));
    let mut outside_hours = 0;
    let dimensions = axes
        .iter()
        .map(|&axis| {
            let shares = match (ticket, calendar) {
                (Some(t), Some(c)) => split(c, &History::of(t, axis), &o.timeline, o.breach),
                _ => Vec::new(),
            };
            outside_hours = totals(&shares).outside_hours;
            AxisRow {
                dimension: axis.name(data).to_string(),
                shares: shares
                    .iter()
                    .map(|s| ShareRow {
                        value: s.value.map(|v| data.strings.get(v).to_string()),
                        working_seconds: s.working,
                        paused_seconds: s.paused,
                        outside_hours_seconds: s.outside_hours,
                        at_breach: s.at_breach,
                    })
                    .collect(),
            }
        })
        .collect();
    OutcomeCauses {
        ticket: ticket.map_or_else(String::new, |t| t.id.clone()),
        policy: policy.map_or_else(String::new, |p| p.name.clone()),
        state: o.state,
        elapsed_seconds: o.elapsed,
        paused_seconds: o.paused,
        outside_hours_seconds: outside_hours,
        dimensions,
    }
}

/// Outcome causes as CSV, one line per outcome × axis × value.
pub fn outcome_causes_csv<R: std::borrow::Borrow<OutcomeCauses>>(rows: impl Iterator<Item = R>) -> String {
    let mut lines = Vec::new();
    for r in rows {
        let r = r.borrow();
        for d in &r.dimensions {
            for s in &d.shares {
                lines.push(vec![
                    r.ticket.clone(),
                    r.policy.clone(),
                    report::state_name(r.state).to_string(),
                    d.dimension.clone(),
                    s.value.clone().unwrap_or_default(),
                    s.working_seconds.to_string(),
                    s.paused_seconds.to_string(),
                    s.outside_hours_seconds.to_string(),
                    s.at_breach.to_string(),
                ]);
            }
        }
    }
    report::write_csv(
        &["ticket", "policy", "state", "dimension", "value", "working_seconds", "paused_seconds", "outside_hours_seconds", "at_breach"],
        lines.into_iter(),
    )
}
