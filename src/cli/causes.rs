//! `sla-scorecard sla --table causes | outcome-causes | time-in-status |
//! time-in-status-summary`: where the outcomes' clock time went, and time
//! in status, as CSV or JSON.

use super::sla::{Args, Format, Table};
use super::Failure;
use crate::causes::{self, outcome, time_in_status, Axis};
use crate::ingest::model::Dataset;
use crate::sla::report::ReportOptions;
use crate::sla::{OutcomeTable, PolicySet, State};
use crate::support::time::Instant;

/// Prints `table` of `set` on `data` as of `as_of`.
pub fn run(a: &Args, table: Table, data: &Dataset, set: &PolicySet, as_of: Instant, opts: &ReportOptions) -> Result<String, Failure> {
    let usage = |e: crate::Error| Failure::Usage(e.to_string());
    let split_by = a.split_by.as_deref().map(|n| Axis::parse(n, data, "--split-by")).transpose().map_err(usage)?;
    match table {
        Table::TimeInStatus | Table::TimeInStatusSummary => {
            let q = time_in_status::Query::new(
                data,
                set,
                as_of,
                a.split_by.as_deref(),
                a.calendar.as_deref(),
                opts.dimension.as_deref(),
                ["--split-by", "--calendar", "--dimension"],
            )
            .map_err(usage)?;
            match (a.format, table) {
                (Format::Csv, Table::TimeInStatus) => Ok(time_in_status::ticket_rows_csv(&q.ticket_rows(data))),
                (Format::Csv, _) => Ok(time_in_status::summary_csv(&q.document(data).summary)),
                (Format::Json, _) => json(&q.document(data)),
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
