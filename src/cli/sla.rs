//! `sla-scorecard sla`: evaluate a policy document on a data file and print
//! the report (JSON, as the JS API returns it) or one of its tables (CSV).

use super::args::Options;
use super::Failure;
use crate::error::quote;
use crate::ingest::{load, Input, LoadOptions};
use crate::json_reader::parse_text;
use crate::sla::report::{self, Attribution, Period, ReportOptions};
use crate::sla::{evaluate, PolicySet};
use crate::time::{parse_instant, Instant};
use crate::tz::TimeZone;
use serde_json::{json, Value};

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

const VALUED: [&str; 12] =
    ["policies", "data", "preset", "mapping", "as-of", "format", "table", "period", "by", "dimension", "zone", "data-timezone"];

/// Runs `sla` with its arguments.
pub fn run(args: &[String]) -> Result<String, Failure> {
    let o = Options::parse(args, &VALUED, &["help"], USAGE)?;
    if o.flag("help") {
        return Ok(format!("{USAGE}\n"));
    }
    let policies_path = o.required("policies", USAGE)?;
    let data_path = o.required("data", USAGE)?;
    if o.get("preset").is_none() && o.get("mapping").is_none() {
        return Err(Failure::Usage(format!("give --preset or --mapping to say how to read {}\n{USAGE}", quote(data_path))));
    }
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

    let policy_doc = parse_text(&read(policies_path)?, policies_path).map_err(input)?;
    let set = PolicySet::from_json(&policy_doc, "").map_err(|e| Failure::Input(format!("{policies_path}: {e}")))?;

    let mut load_doc = json!({});
    if let Some(p) = o.get("preset") {
        load_doc["preset"] = Value::String(p.to_string());
    }
    if let Some(m) = o.get("mapping") {
        load_doc["mapping"] = parse_text(&read(m)?, m).map_err(input)?;
    }
    if let Some(z) = o.get("data-timezone") {
        load_doc["timezone"] = Value::String(z.to_string());
    }
    let load_options = LoadOptions::from_json(&load_doc, "").map_err(|e| Failure::Usage(e.to_string()))?;
    let text = read(data_path)?;
    let loaded = if data_path.to_ascii_lowercase().ends_with(".json") {
        let value = parse_text(&text, data_path).map_err(input)?;
        load(Input::Json(&value), &load_options)
    } else {
        load(Input::Csv(&text), &load_options)
    }
    .map_err(|e| Failure::Input(format!("{data_path}: {e}")))?;

    let evaluation = evaluate(&loaded.dataset, &set, as_of);
    let r = report::build(&loaded.dataset, &set, &evaluation, &opts).map_err(usage)?;
    Ok(match (format, table) {
        ("json", _) => serde_json::to_string_pretty(&r).map_err(|e| Failure::Input(e.to_string()))? + "\n",
        (_, "breaches") => report::breaches_csv(&r.breaches),
        (_, "outcomes") => report::outcomes_csv(&r.outcomes),
        _ => report::compliance_csv(&r.compliance),
    })
}

fn input(e: crate::Error) -> Failure {
    Failure::Input(e.to_string())
}

fn read(path: &str) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| Failure::Input(format!("cannot read {}: {e}", quote(path))))
}

fn now() -> Instant {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as Instant)
}
