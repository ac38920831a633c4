//! `sla-scorecard sla --table causes | outcome-causes | time-in-status |
//! time-in-status-summary`: where the outcomes' clock time went, and time
//! in status, as CSV or JSON.

use super::sla::{Args, Format, Table};
use super::Failure;
use crate::causes::{self, outcome, time_in_status, Axis};
use crate::ingest::model::Dataset;
use crate::sla::policy::ALWAYS;
use crate::sla::report::ReportOptions;
use crate::sla::{OutcomeTable, PolicySet, State};
use crate::support::error::quote;
use crate::support::time::Instant;

/// Prints `table` of `set` on `data` as of `as_of`.
pub fn run(a: &Args, table: Table, data: &Dataset, set: &PolicySet, as_of: Instant, opts: &ReportOptions) -> Result<String, Failure> {
    let usage = |e: crate::Error| Failure::Usage(e.to_string());
    let split_by = a.split_by.as_deref().map(|n| Axis::parse(n, data, "--split-by")).transpose().map_err(usage)?;
    match table {
        Table::TimeInStatus | Table::TimeInStatusSummary => {
            let name = a.calendar.as_deref().unwrap_or(ALWAYS);
            let calendar = set.calendars.iter().find(|(n, _)| n == name).map(|(_, c)| c).ok_or_else(|| {
                let names: Vec<&str> = set.calendars.iter().map(|(n, _)| n.as_str()).collect();
                Failure::Usage(format!("--calendar: {} is not a calendar of the policy document; it has: {}", quote(name), names.join(", ")))
            })?;
            let axis = split_by.unwrap_or(Axis::Status);
            let group_by = match &opts.dimension {
                Some(d) => Some(data.dimension_index(d).ok_or_else(|| {
                    Failure::Usage(format!("--dimension: {} is not a dimension of the data (it has: {})", quote(d), data.dimension_names.join(", ")))
                })?),
                None => None,
            };
            let summary = || time_in_status::summary(data, axis, calendar, as_of, group_by);
            match (a.format, table) {
                (Format::Csv, Table::TimeInStatus) => Ok(time_in_status::ticket_rows_csv(&time_in_status::ticket_rows(data, axis, calendar, as_of))),
                (Format::Csv, _) => Ok(time_in_status::summary_csv(&summary())),
                (Format::Json, _) => json(&time_in_status::TimeInStatus {
                    as_of: crate::support::time::format_instant(as_of),
                    calendar: name.to_string(),
                    dimension: axis.name(data).to_string(),
                    group_by: opts.dimension.clone(),
                    summary: summary(),
                }),
            }
        }
        _ => {
            let axes = split_by.map_or_else(|| Axis::with_history(data), |a| vec![a]);
            let outcomes = OutcomeTable::evaluate(data, set, as_of);
            if table == Table::Causes {
                let r = causes::causes(data, set, &outcomes, opts, axes);
                return match a.format {
                    Format::Csv => Ok(causes::summary::causes_csv(&r.causes)),
                    Format::Json => json(&r),
                };
            }
            let decided = (0..outcomes.len()).filter(|&i| outcomes.outcome(i).is_some_and(|o| matches!(o.state, State::Met | State::Breached)));
            let mut rows = Vec::new();
            outcomes.each_with_timeline(data, set, decided, &mut |o| rows.push(outcome::outcome_causes(data, set, &o, &axes)));
            match a.format {
                Format::Csv => Ok(outcome::outcome_causes_csv(rows.iter())),
                Format::Json => json(&rows),
            }
        }
    }
}

/// A document as pretty JSON with a final newline.
fn json<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value).map(|t| t + "\n").map_err(|e| Failure::Input(format!("could not write the table: {e}")))
}
