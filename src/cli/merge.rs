//! `sla-scorecard merge`: partial reports of parts of the data (`report
//! --partial`, or the DataFusion functions' output) merged into the report
//! of the whole, byte for byte the report of all the data loaded at once
//! (docs/partials.md); with `--partial`, into one merged partial.

use super::data::{input, load_config, read};
use super::Failure;
use crate::kpi::Granularity;
use crate::report::partial::{from_partial, Partial};
use crate::report::ReportOptions;

/// The options of `merge`.
#[derive(Debug, clap::Args)]
#[command(after_help = "The period length, zone, evaluation instant and grouping are the partials'\n\
    (they merge only when made with the same ones); --config must have their period, zone, calendar\n\
    and KPIs, and may change targets, weights and thresholds.\n\n\
    Example:\n  \
    sla-scorecard report --data jan.csv --preset servicenow-event-log --as-of 2017-03-01T00:00:00Z --partial > jan.json\n  \
    sla-scorecard report --data feb.csv --preset servicenow-event-log --as-of 2017-03-01T00:00:00Z --partial > feb.json\n  \
    sla-scorecard merge jan.json feb.json --at 2017-02 > report.json")]
pub struct Args {
    /// Partial reports, in any order
    #[arg(required = true, value_name = "PARTIAL.json")]
    pub partials: Vec<String>,
    /// Scorecard configuration (docs/scorecard.md) [default: the built-in scorecard]
    #[arg(long, value_name = "C.json")]
    pub config: Option<String>,
    /// Label of the period to score, e.g. 2016-03 [default: the latest intake period]
    #[arg(long, value_name = "LABEL")]
    pub at: Option<String>,
    /// Print the merged partial report instead of the report
    #[arg(long)]
    pub partial: bool,
}

/// Runs `merge` with its options.
pub fn run(a: Args) -> Result<String, Failure> {
    let mut merged: Option<Partial> = None;
    for path in &a.partials {
        let part = Partial::from_json(&read(path)?).map_err(|e| Failure::Input(format!("{path}: {e}")))?;
        match merged.as_mut() {
            None => merged = Some(part),
            Some(m) => m.merge(part).map_err(|e| Failure::Input(format!("{path}: {e}")))?,
        }
    }
    let Some(merged) = merged else { return Err(Failure::Usage("give at least one partial report".into())) };
    if a.partial {
        return Ok(merged.to_json() + "\n");
    }
    let (config, config_doc) = load_config(a.config.as_deref())?;
    let options = ReportOptions {
        period: Some(Granularity::parse(&merged.key.granularity, "key.granularity").map_err(input)?),
        as_of: Some(merged.key.as_of),
        at: a.at,
        group_by: merged.key.group_by.clone(),
        causes: false,
    };
    let report = from_partial(&merged, &config, config_doc.get("calendar"), &options).map_err(input)?;
    Ok(serde_json::to_string_pretty(&report).map_err(|e| Failure::Input(format!("could not write the report: {e}")))? + "\n")
}
