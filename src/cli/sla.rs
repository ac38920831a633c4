//! `sla-scorecard sla`: evaluate a policy document on a data file and print
//! the report (JSON, as the JS API returns it) or one of its tables (CSV).

use super::args::Options;
use super::data::{load_data, load_policies, DATA_OPTIONS};
use super::Failure;
use crate::error::quote;
use crate::sla::evaluate;
use crate::sla::report::{self, Attribution, Period, ReportOptions};
use crate::time::{parse_instant, Instant};
use crate::tz::TimeZone;

/// Usage of the `sla` command.
pub const USAGE: &str = "usage: sla-scorecard sla --policies P.json --data D.csv [--preset NAME | --mapping M.json]
                         [--as-of T] [--format json|csv] [--table compliance|breaches|outcomes]
                         [--period day|week|month|quarter|all] [--by stop|open] [--dimension NAME]
                         [--zone IANA] [--data-timezone IANA]

  --policies       policy document (docs/sla.md)
  --data           tickets as CSV, or as a JSON array of objects when the name ends in .json
  --preset         servicenow-event-log | servicenow-incidents | jira
  --mapping        column mapping document (docs/ingest.md), instead of or on top of a preset
  --as-of          evaluation instant with offset, e.g. 2026-03-31T17:00:00Z (default: now)
  --format         json (default: the whole report) or csv (one table)
  --table          the CSV table: compliance (default), breaches or outcomes
  --period         compliance period (default month); weeks are ISO 8601 weeks
  --by             attribute outcomes to periods by stop instant (default) or open date
  --dimension      also group compliance by this ticket dimension (e.g. priority)
  --zone           IANA zone whose calendar cuts the periods (default UTC)
  --data-timezone  zone of timestamps without offset in the data (default UTC)";

const VALUED: [&str; 8] = ["policies", "as-of", "format", "table", "period", "by", "dimension", "zone"];

/// Runs `sla` with its arguments.
pub fn run(args: &[String]) -> Result<String, Failure> {
    let valued: Vec<&str> = VALUED.iter().chain(DATA_OPTIONS.iter()).copied().collect();
    let o = Options::parse(args, &valued, &["help"], USAGE)?;
    if o.flag("help") {
        return Ok(format!("{USAGE}\n"));
    }
    let policies_path = o.required("policies", USAGE)?;
    o.required("data", USAGE)?;
    let format = o.get("format").unwrap_or("json");
    if !matches!(format, "json" | "csv") {
        return Err(Failure::Usage(format!("--format: {} is not one of: json, csv", quote(format))));
    }
    let table = o.get("table").unwrap_or("compliance");
    if !matches!(table, "compliance" | "breaches" | "outcomes") {
        return Err(Failure::Usage(format!("--table: {} is not one of: compliance, breaches, outcomes", quote(table))));
    }
    if o.get("table").is_some() && format != "csv" {
        return Err(Failure::Usage("--table only applies to --format csv (JSON holds every table)".to_string()));
    }
    let usage = |e: crate::Error| Failure::Usage(e.to_string());
    let opts = ReportOptions {
        period: o.get("period").map_or(Ok(Period::Month), |p| Period::parse(p, "--period")).map_err(usage)?,
        by: o.get("by").map_or(Ok(Attribution::Stop), |b| Attribution::parse(b, "--by")).map_err(usage)?,
        dimension: o.get("dimension").map(str::to_string),
        zone: o.get("zone").map(|z| TimeZone::named(z, "--zone")).transpose().map_err(usage)?,
    };
    let as_of: Instant = match o.get("as-of") {
        Some(t) => parse_instant(t).map_err(|m| Failure::Usage(format!("--as-of: {m}")))?,
        None => now(),
    };

    let set = load_policies(policies_path)?;
    let dataset = load_data(&o, USAGE)?;

    let evaluation = evaluate(&dataset, &set, as_of);
    let r = report::build(&dataset, &set, &evaluation, &opts).map_err(usage)?;
    Ok(match (format, table) {
        ("json", _) => serde_json::to_string_pretty(&r).map_err(|e| Failure::Input(format!("could not write the report: {e}")))? + "\n",
        (_, "breaches") => report::breaches_csv(&r.breaches),
        (_, "outcomes") => report::outcomes_csv(&r.outcomes),
        _ => report::compliance_csv(&r.compliance),
    })
}

/// The current instant (the default evaluation instant).
pub fn now() -> Instant {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as Instant)
}
