//! `sla-scorecard sla`: evaluate a policy document on a data file and print
//! the report (JSON, as the JS API returns it) or one of its tables (CSV).

use super::causes;
use super::data::{load_data, load_policies, DataArgs};
use super::Failure;
use crate::sla::evaluate;
use crate::sla::report::{self, Attribution, Period, ReportOptions};
use crate::support::time::{parse_instant, Instant};
use crate::support::tz::TimeZone;
use clap::ValueEnum;

/// The options of `sla`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Without --as-of, the evaluation instant is the latest instant in the data\n\
    (as for `report`), so a report on an old export does not change with the day it runs.\n\n\
    Example:\n  \
    sla-scorecard sla --policies policies/servicenow-sample.json --data tickets.csv \\\n    \
    --preset servicenow-event-log --as-of 2017-02-04T19:00:00Z --format csv --dimension priority")]
pub struct Args {
    /// Policy document (docs/sla.md)
    #[arg(long, value_name = "P.json")]
    pub policies: String,
    #[command(flatten)]
    pub data: DataArgs,
    /// Evaluation instant with offset, e.g. 2026-03-31T17:00:00Z [default: the latest instant in the data, as for `report`]
    #[arg(long, value_name = "T")]
    pub as_of: Option<String>,
    /// json: the whole report; csv: one table (--table)
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Json)]
    pub format: Format,
    /// The table: with --format csv any [default: compliance]; with --format json
    /// causes, outcome-causes or time-in-status print their own documents
    #[arg(long, value_enum, value_name = "TABLE")]
    pub table: Option<Table>,
    /// Compliance period: day, week (ISO 8601), month, quarter or all
    #[arg(long, value_name = "PERIOD", default_value = "month")]
    pub period: String,
    /// Attribute outcomes to periods by stop instant or by open date: stop or open
    #[arg(long, value_name = "BY", default_value = "stop")]
    pub by: String,
    /// Also group compliance by this ticket dimension (e.g. priority)
    #[arg(long, value_name = "NAME")]
    pub dimension: Option<String>,
    /// IANA zone whose calendar cuts the periods [default: UTC]
    #[arg(long, value_name = "IANA")]
    pub zone: Option<String>,
    /// Causes tables: split by this axis only (status, group or a dimension)
    /// [default: every axis with history]; time in status: the axis [default: status]
    #[arg(long, value_name = "AXIS")]
    pub split_by: Option<String>,
    /// Time in status: the policy document's calendar of the working time [default: 24x7]
    #[arg(long, value_name = "NAME")]
    pub calendar: Option<String>,
}

/// `--format`: what to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The whole report as JSON
    Json,
    /// One table as CSV
    Csv,
}

/// `--table`: the table printed as CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Table {
    /// Compliance per policy and period
    Compliance,
    /// The breach list, latest first
    Breaches,
    /// Every outcome
    Outcomes,
    /// Working time of breached and met outcomes per policy, period and status, group, dimension value
    Causes,
    /// Every met or breached outcome's working time split by status, group, dimension value
    OutcomeCauses,
    /// Each ticket's working and wall-clock time in each status (or --split-by axis)
    TimeInStatus,
    /// Statistics of time in status across tickets (grouped by --dimension)
    TimeInStatusSummary,
}

/// Runs `sla` with its options.
pub fn run(a: Args) -> Result<String, Failure> {
    if a.format == Format::Json && matches!(a.table, Some(Table::Compliance | Table::Breaches | Table::Outcomes | Table::TimeInStatusSummary)) {
        return Err(Failure::Usage(
            "with --format json, --table only takes causes, outcome-causes or time-in-status (the JSON report holds the other tables)".to_string(),
        ));
    }
    let usage = |e: crate::Error| Failure::Usage(e.to_string());
    let opts = ReportOptions {
        period: Period::parse(&a.period, "--period").map_err(usage)?,
        by: Attribution::parse(&a.by, "--by").map_err(usage)?,
        dimension: a.dimension.clone(),
        zone: a.zone.as_deref().map(|z| TimeZone::named(z, "--zone")).transpose().map_err(usage)?,
    };
    let as_of: Option<Instant> = a.as_of.as_deref().map(parse_instant).transpose().map_err(|m| Failure::Usage(format!("--as-of: {m}")))?;

    let set = load_policies(&a.policies)?;
    let dataset = load_data(&a.data)?;
    let as_of = default_as_of(as_of, &dataset)?;

    if let Some(table @ (Table::Causes | Table::OutcomeCauses | Table::TimeInStatus | Table::TimeInStatusSummary)) = a.table {
        return causes::run(&a, table, &dataset, &set, as_of, &opts);
    }
    let evaluation = evaluate(&dataset, &set, as_of);
    let r = report::build(&dataset, &set, &evaluation, &opts).map_err(usage)?;
    Ok(match (a.format, a.table.unwrap_or(Table::Compliance)) {
        (Format::Json, _) => {
            let json = WithCrossings {
                report: &r,
                warnings_crossed: report::crossings_of(&dataset, &set, &evaluation),
                outcome_versions: Some(report::outcome_versions(&set, &evaluation.outcomes)).filter(|v| v.iter().any(Option::is_some)),
                outcome_kinds: Some(report::outcome_kinds(&set, &evaluation.outcomes)).filter(|v| v.iter().any(Option::is_some)),
            };
            serde_json::to_string_pretty(&json).map_err(|e| Failure::Input(format!("could not write the report: {e}")))? + "\n"
        }
        (Format::Csv, Table::Breaches) => report::breaches_csv(&r.breaches),
        (Format::Csv, Table::Outcomes) => report::outcomes_csv(&r.outcomes),
        (Format::Csv, _) => report::compliance_csv(&r.compliance),
    })
}

/// The JSON report with the warning thresholds crossed (docs/sla.md §3.6),
/// when some were, and the label of the policy version each outcome used
/// (§3.7; `null` for policies without versions), when some policy has
/// versions, after its tables.
#[derive(serde::Serialize)]
struct WithCrossings<'a> {
    #[serde(flatten)]
    report: &'a report::Report,
    #[serde(rename = "warningsCrossed", skip_serializing_if = "Vec::is_empty")]
    warnings_crossed: Vec<report::Crossing>,
    #[serde(rename = "outcomeVersions", skip_serializing_if = "Option::is_none")]
    outcome_versions: Option<Vec<Option<&'a str>>>,
    #[serde(rename = "outcomeKinds", skip_serializing_if = "Option::is_none")]
    outcome_kinds: Option<Vec<Option<&'static str>>>,
}

/// The evaluation instant of `sla` and `report`: `--as-of` when given,
/// else the latest instant recorded in the data (opening, first response,
/// resolution, closure, status or assignment change, outage or change
/// start and end), so that a report on an old export is the same whenever
/// it runs. Data without any instant needs `--as-of`.
pub fn default_as_of(as_of: Option<Instant>, dataset: &crate::ingest::model::Dataset) -> Result<Instant, Failure> {
    as_of
        .or_else(|| crate::kpi::latest_instant(dataset))
        .ok_or_else(|| Failure::Usage("--as-of: the data holds no instant; give an evaluation instant".to_string()))
}
