//! The built-in scorecard, used when no configuration is given. It needs
//! only what a ServiceNow incident export carries (open/resolve instants,
//! priorities, reopen counts, assignment groups, `made_sla`); KPIs whose
//! data is absent (CSAT, outages, changes) show no value and drop out of
//! the roll-up.

use super::config::Config;
use crate::support::error::Error;

/// The default scorecard configuration (JSON).
pub const DEFAULT_SCORECARD: &str = r#"{
  "name": "IT service scorecard",
  "period": "month",
  "timezone": "UTC",
  "sparkline": 6,
  "rag": { "green": 90, "amber": 70 },
  "perspectives": [
    { "name": "Service delivery", "weight": 2, "kpis": [
      { "kpi": "source_sla_rate", "target": 95, "baseline": 50, "weight": 2,
        "thresholds": { "mode": "absolute", "green": 95, "amber": 90 } },
      { "kpi": "sla_compliance", "target": 95, "baseline": 50, "weight": 2,
        "thresholds": { "mode": "absolute", "green": 95, "amber": 90 } },
      { "kpi": "mttr_median", "target": 24, "baseline": 120, "weight": 1,
        "thresholds": { "mode": "percent", "green": 100, "amber": 150 } },
      { "kpi": "availability", "target": 99.9, "baseline": 99, "weight": 1,
        "thresholds": { "mode": "absolute", "green": 99.9, "amber": 99.5 } }
    ]},
    { "name": "Customer", "weight": 1, "kpis": [
      { "kpi": "csat_mean", "target": 80, "baseline": 50,
        "thresholds": { "mode": "absolute", "green": 80, "amber": 70 } },
      { "kpi": "reopen_rate", "target": 2, "baseline": 10,
        "thresholds": { "mode": "absolute", "green": 2, "amber": 5 } }
    ]},
    { "name": "Process efficiency", "weight": 1, "kpis": [
      { "kpi": "reassignment_rate", "target": 20, "baseline": 60,
        "thresholds": { "mode": "absolute", "green": 20, "amber": 35 } },
      { "kpi": "aged_backlog_share", "target": 10, "baseline": 50,
        "thresholds": { "mode": "absolute", "green": 10, "amber": 25 } },
      { "kpi": "mttr_p90", "target": 120, "baseline": 720,
        "thresholds": { "mode": "percent", "green": 100, "amber": 150 } }
    ]},
    { "name": "Change", "weight": 1, "kpis": [
      { "kpi": "change_success_rate", "target": 95, "baseline": 70,
        "thresholds": { "mode": "absolute", "green": 95, "amber": 90 } },
      { "kpi": "emergency_change_share", "target": 5, "baseline": 25,
        "thresholds": { "mode": "absolute", "green": 5, "amber": 10 } }
    ]}
  ]
}"#;

/// The default scorecard, parsed.
pub fn default_config() -> Result<Config, Error> {
    Config::from_json(&default_json()?, "")
}

/// The default scorecard as a JSON value (to hand out for editing, and to
/// compare with a caller's configuration).
pub fn default_json() -> Result<serde_json::Value, Error> {
    crate::support::json_reader::parse(DEFAULT_SCORECARD, not_json)
}

fn not_json(reason: String) -> Error {
    Error::invalid("default scorecard", format!("is not valid JSON: {reason}"))
}
