//! `sla-scorecard report`: the whole report document (scorecard, KPI values
//! per period, SLA compliance) as JSON, the same document the JS API's
//! `report()` returns.

use super::args::Options;
use super::data::{input, load_data, load_json, load_policies, DATA_OPTIONS};
use super::Failure;
use crate::report::{build, ReportOptions};
use crate::scorecard::{default_config, Config};
use crate::time::parse_instant;
use serde_json::{json, Value};

/// Usage of the `report` command.
pub const USAGE: &str = "usage: sla-scorecard report --data D.csv [--preset NAME | --mapping M.json] [--config C.json]
                            [--policies P.json] [--period day|week|month|quarter] [--as-of T]
                            [--at LABEL] [--group-by DIMENSION]

  --config         scorecard configuration (docs/scorecard.md; default: the built-in scorecard)
  --policies       SLA policy document (docs/sla.md) feeding the SLA compliance KPI
  --period         period length (default: the configuration's)
  --as-of          evaluation instant with offset (default: the latest instant in the data)
  --at             label of the period to score, e.g. 2016-03 (default: the latest intake period)
  --group-by       break the KPI table down by this ticket dimension";

const VALUED: [&str; 6] = ["config", "policies", "period", "as-of", "at", "group-by"];

/// Runs `report` with its arguments.
pub fn run(args: &[String]) -> Result<String, Failure> {
    let valued: Vec<&str> = VALUED.iter().chain(DATA_OPTIONS.iter()).copied().collect();
    let o = Options::parse(args, &valued, &["help"], USAGE)?;
    if o.flag("help") {
        return Ok(format!("{USAGE}\n"));
    }
    o.required("data", USAGE)?;
    let mut options_doc = json!({});
    for (flag, key) in [("period", "period"), ("at", "at"), ("group-by", "groupBy")] {
        if let Some(v) = o.get(flag) {
            options_doc[key] = Value::String(v.to_string());
        }
    }
    let mut options = ReportOptions::from_json(&options_doc, "").map_err(|e| Failure::Usage(format!("--{e}")))?;
    if let Some(t) = o.get("as-of") {
        options.as_of = Some(parse_instant(t).map_err(|m| Failure::Usage(format!("--as-of: {m}")))?);
    }
    let config: Config = match o.get("config") {
        Some(path) => Config::from_document(load_json(path)?, "").map_err(|e| Failure::Input(format!("{path}: {e}")))?,
        None => default_config().map_err(input)?,
    };
    let policies = o.get("policies").map(load_policies).transpose()?;
    let dataset = load_data(&o, USAGE)?;
    let report = build(&dataset, &config, &options, policies.as_ref()).map_err(input)?;
    Ok(serde_json::to_string_pretty(&report).map_err(|e| Failure::Input(format!("could not write the report: {e}")))? + "\n")
}
