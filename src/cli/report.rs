//! `sla-scorecard report`: the whole report document (scorecard, KPI values
//! per period, SLA compliance) as JSON, the same document the JS API's
//! `report()` returns; with `--partial`, the partial report of this part of
//! the data instead (docs/partials.md), for `sla-scorecard merge`.

use super::data::{input, load_config, load_data, load_json, DataArgs};
use super::Failure;
use crate::report::partial::Partial;
use crate::report::{build, ReportOptions};
use crate::sla::PolicySet;
use crate::support::time::parse_instant;
use serde_json::{json, Value};

/// The options of `report`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Without --as-of, the evaluation instant is the latest instant in the data\n\
    (as for `sla`), so a report on an old export does not change with the day it runs.\n\n\
    Example:\n  \
    sla-scorecard report --data tickets.csv --preset servicenow-event-log \\\n    \
    --policies policies/servicenow-sample.json --period month --at 2016-03\n\n\
    In parts (each part holds whole tickets; --as-of is required, the same for every part):\n  \
    sla-scorecard report --data part-1.csv --preset servicenow-event-log --as-of 2017-03-01T00:00:00Z --partial > p1.json\n  \
    sla-scorecard merge p1.json p2.json > report.json")]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Scorecard configuration (docs/scorecard.md) [default: the built-in scorecard]
    #[arg(long, value_name = "C.json")]
    pub config: Option<String>,
    /// SLA policy document (docs/sla.md) feeding the SLA compliance KPI
    #[arg(long, value_name = "P.json")]
    pub policies: Option<String>,
    /// Period length: day, week, month, quarter, or all (one period from the earliest instant in the data to --as-of, labelled "all") [default: the configuration's]
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// Evaluation instant with offset, e.g. 2016-04-01T00:00:00Z [default: the latest instant in the data, as for `sla`]
    #[arg(long, value_name = "T")]
    pub as_of: Option<String>,
    /// Label of the period to score, e.g. 2016-03 or 2016-W09 [default: the latest intake period]
    #[arg(long, value_name = "LABEL")]
    pub at: Option<String>,
    /// Break the KPI table down by this ticket dimension
    #[arg(long, value_name = "DIMENSION")]
    pub group_by: Option<String>,
    /// Add `causes`: where the met and breached outcomes' working time went, by status, group
    /// and every dimension with history, per policy × period (docs/sla.md §8); needs --policies
    #[arg(long, requires = "policies", conflicts_with = "partial")]
    pub causes: bool,
    /// Print the partial report of this part of the data (docs/partials.md), to merge with
    /// the other parts' by `sla-scorecard merge`; needs --as-of
    #[arg(long, requires = "as_of")]
    pub partial: bool,
}

/// Runs `report` with its options.
pub fn run(a: Args) -> Result<String, Failure> {
    let mut options_doc = json!({});
    for (value, key) in [(&a.period, "period"), (&a.at, "at"), (&a.group_by, "groupBy")] {
        if let Some(v) = value {
            options_doc[key] = Value::String(v.to_string());
        }
    }
    let mut options = ReportOptions::from_json(&options_doc, "").map_err(|e| Failure::Usage(format!("--{e}")))?;
    options.causes = a.causes;
    let as_of = a.as_of.as_deref().map(parse_instant).transpose().map_err(|m| Failure::Usage(format!("--as-of: {m}")))?;
    let (config, config_doc) = load_config(a.config.as_deref())?;
    let policies = match &a.policies {
        None => None,
        Some(path) => {
            let doc: Value = load_json(path)?;
            Some((PolicySet::from_json(&doc, "").map_err(|e| Failure::Input(format!("{path}: {e}")))?, doc))
        }
    };
    let dataset = load_data(&a.data)?;
    options.as_of = Some(super::sla::default_as_of(as_of, &dataset)?);
    if a.partial {
        let partial =
            Partial::from_dataset(&dataset, &config, config_doc.get("calendar"), &options, policies.as_ref().map(|(set, doc)| (set, doc))).map_err(input)?;
        return Ok(partial.to_json() + "\n");
    }
    let report = build(&dataset, &config, &options, policies.as_ref().map(|(set, _)| set)).map_err(input)?;
    Ok(serde_json::to_string_pretty(&report).map_err(|e| Failure::Input(format!("could not write the report: {e}")))? + "\n")
}
