//! Where clock time went (the stage after [`crate::sla`]): each SLA
//! outcome's elapsed working time split by the status, the assignment group
//! and any other dimension in force while it ran, with the paused and
//! out-of-hours time beside it; the same aggregated per policy × period ×
//! axis value (breached against met); and the ticket-level time-in-status
//! table. Semantics: `docs/sla.md` §8.
//!
//! - [`history`]: the value in force along an axis over a ticket's life.
//! - [`split`]: one outcome's timeline cut by an axis.
//! - [`outcome`]: one outcome's causes as a document.
//! - [`summary`]: the causes table per policy × period × axis value.
//! - [`time_in_status`]: time per ticket and status, and its statistics.
//!
//! Everything here is computed on demand from an [`OutcomeTable`]: the
//! evaluation itself keeps no timelines.

pub mod history;
pub mod outcome;
pub mod split;
pub mod summary;
pub mod time_in_status;

pub use history::Axis;

use crate::ingest::model::Dataset;
use crate::sla::clock::State;
use crate::sla::policy::PolicySet;
use crate::sla::report::ReportOptions;
use crate::sla::OutcomeTable;

/// The causes table of the met and breached outcomes of `table` along
/// `axes` (their timelines computed one ticket at a time).
pub fn causes(data: &Dataset, set: &PolicySet, table: &OutcomeTable, opts: &ReportOptions, axes: Vec<Axis>) -> summary::CausesReport {
    let mut c = summary::Causes::new(data, set, table.as_of, opts, axes);
    let decided = (0..table.len()).filter(|&i| table.outcome(i).is_some_and(|o| matches!(o.state, State::Met | State::Breached)));
    table.each_with_timeline(data, set, decided, &mut |o| c.add(&o));
    c.report()
}
