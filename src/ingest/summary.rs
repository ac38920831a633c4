//! What a load did: counts of input rows and of records built, the rows
//! refused (lenient mode), and the warnings.

use crate::support::error::RowError;
use serde::Serialize;

/// The outcome of one load, returned with the data set.
///
/// Row counts (`rowsRead`, `loaded`, `rejected`, `skipped`) count input
/// records: CSV data rows (the header is not counted) or JSON array items,
/// and for an event log its event rows.
/// `loaded + rejected + skipped == rowsRead` always.
/// Record counts (`tickets`, `outages`, `changes`) count what was built:
/// for a flat list one per loaded row, for an event log one ticket per
/// distinct ticket id among the loaded rows.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadSummary {
    /// Input rows read.
    pub rows_read: usize,
    /// Input rows accepted.
    pub loaded: usize,
    /// Input rows refused (each listed in `errors`).
    pub rejected: usize,
    /// Input rows skipped because their ticket was opened outside
    /// `openedFrom`/`openedBefore` (read up to the opening instant, not
    /// checked further).
    pub skipped: usize,
    /// Tickets built.
    pub tickets: usize,
    /// Outages built.
    pub outages: usize,
    /// Changes built.
    pub changes: usize,
    /// Inconsistencies found in accepted data, flagged but not fixed.
    pub warnings: Vec<Warning>,
    /// The refused rows: row, column, value and reason of each.
    pub errors: Vec<RowError>,
}

/// Something suspicious in accepted data, kept as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Warning {
    /// 1-based input row the value came from.
    pub row: usize,
    /// The record's identifier (ticket or change id, outage service).
    pub record: String,
    /// The source column of the value.
    pub column: String,
    /// What kind of inconsistency: `beforeOpened`, `closedBeforeResolved`,
    /// `endBeforeStart` or `afterAsOf`.
    pub code: &'static str,
    /// The value as read, formatted as an ISO 8601 instant.
    pub value: String,
    /// What is inconsistent.
    pub message: String,
}
