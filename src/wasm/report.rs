//! `report()` and `defaultScorecard()` of the JS API: the scorecard report
//! over a loaded `Dataset`, recomputed on every call without re-parsing (so
//! a page changes a target, weight, threshold or period and calls again).

use super::dataset::Dataset;
use super::errors::to_js;
use super::json;
use super::sla::Policies;
use crate::report::ReportOptions;
use crate::scorecard::{default_json, Config};
use crate::sla::PolicySet;
use crate::support::error::Error;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const REPORT_TYPES: &'static str = r#"
/** A scorecard configuration (docs/scorecard.md). */
export interface ScorecardConfig {
  name?: string;
  period?: "day" | "week" | "month" | "quarter";
  timezone?: string;
  calendar?: CalendarSpec | "24x7";
  sparkline?: number;
  rag?: { green: number; amber: number };
  perspectives: {
    name: string;
    weight?: number;
    kpis: {
      kpi: string;
      clock?: "wall" | "business";
      direction?: "higher" | "lower";
      target: number;
      baseline?: number;
      weight?: number;
      thresholds?: { mode?: "absolute" | "percent"; green: number; amber: number };
    }[];
  }[];
}
/** Choices for one report; all optional. */
export interface ReportOptions {
  period?: "day" | "week" | "month" | "quarter";
  /** Evaluation instant, ISO 8601 with offset (default: the latest instant in the data). */
  asOf?: string;
  /** Label of the period to score, e.g. "2016-03" (default: the latest period with intake). */
  at?: string;
  /** Ticket dimension to break the KPI table down by. */
  groupBy?: string;
  /** Add `causes` to the report: where the met and breached outcomes' working time went (needs policies). */
  causes?: boolean;
}
export type Rag = "green" | "amber" | "red" | "grey";
export interface Trend { previous: number | null; delta: number | null; direction: "up" | "down" | "flat" | null; good: boolean | null }
export interface Point { period: string; value: number | null; score: number | null }
export interface Rollup { score: number | null; rag: Rag; trend: Trend; series: Point[] }
export interface KpiScore {
  kpi: string; name: string; unit: "count" | "hours" | "percent"; direction: "higher" | "lower"; clock: "wall" | "business";
  target: number; baseline: number; weight: number; thresholdMode: "absolute" | "percent"; green: number; amber: number;
  value: number | null; n: number; score: number | null; rag: Rag; trend: Trend; series: Point[];
}
export interface Scorecard {
  name: string; period: string; periodStart: string; periodEnd: string; partial: boolean;
  overall: Rollup;
  perspectives: (Rollup & { name: string; weight: number; kpis: KpiScore[] })[];
}
export interface KpiCell {
  period: string; value: number | null; n: number;
  buckets?: { label: "<1d" | "1-3d" | "3-7d" | "7-30d" | ">=30d"; count: number }[];
}
export interface KpiSeries {
  kpi: string; name: string; unit: "count" | "hours" | "percent"; direction: "higher" | "lower" | "neutral";
  clock: "wall" | "business"; formula: string;
  all: KpiCell[]; groups: { value: string | null; cells: KpiCell[] }[];
}
/** The report document (docs/scorecard.md). */
export interface Report {
  engineVersion: string; asOf: string; timezone: string; granularity: "day" | "week" | "month" | "quarter";
  groupBy: string | null;
  scorecard: Scorecard;
  periods: { period: string; start: string; end: string; partial: boolean }[];
  kpis: KpiSeries[];
  /** SLA compliance per period over every policy (empty without policies). */
  slaCompliance: { period: string; met: number; breached: number; compliance: number | null }[];
  /** SLA compliance per policy × period (empty without policies). */
  slaPolicies: ComplianceRow[];
  /** With the option `causes`: the document of `outcomes.causes()` in the report's periods and zone. */
  causes?: CausesReport;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `ScorecardConfig` as typed in TypeScript.
    #[wasm_bindgen(typescript_type = "ScorecardConfig")]
    pub type ScorecardConfigJs;
    /// `ReportOptions` as typed in TypeScript.
    #[wasm_bindgen(typescript_type = "ReportOptions")]
    pub type ReportOptionsJs;
    /// `PolicyDocument` as typed in TypeScript.
    #[wasm_bindgen(typescript_type = "PolicyDocument")]
    pub type PolicyDocumentJs;
    /// `Report` as typed in TypeScript.
    #[wasm_bindgen(typescript_type = "Report")]
    pub type ReportJs;
}

/// The report of a scorecard over `dataset`. `config` defaults to the
/// built-in scorecard when `undefined` or `null`; with `policies` the SLA
/// engine evaluates them as of the report's instant. Throws an `Error`
/// carrying the JSON path of a bad configuration, option or policy value.
#[wasm_bindgen]
pub fn report(
    dataset: &Dataset,
    config: Option<ScorecardConfigJs>,
    options: Option<ReportOptionsJs>,
    policies: Option<PolicyDocumentJs>,
) -> Result<ReportJs, JsValue> {
    let policies = match policies.map(JsValue::from).filter(|v| !v.is_null() && !v.is_undefined()) {
        None => None,
        Some(v) => {
            let json = to_json(v, "policies")?;
            Some((PolicySet::from_json(&json, "policies").map_err(to_js)?, json))
        }
    };
    build(dataset, config, options, policies.as_ref().map(|(set, json)| (set, json)))
}

/// `report()` with an already validated `Policies`: what-if recomputations
/// (another target, period or grouping) skip re-reading the policy document.
#[wasm_bindgen(js_name = reportWithPolicies)]
pub fn report_with_policies(
    dataset: &Dataset,
    policies: &Policies,
    config: Option<ScorecardConfigJs>,
    options: Option<ReportOptionsJs>,
) -> Result<ReportJs, JsValue> {
    build(dataset, config, options, Some((&policies.0, &policies.1)))
}

/// Reads the configuration and options and builds the report through the
/// data set's cache: a what-if (targets, weights, thresholds, scored period)
/// re-scores the last computation instead of recomputing it.
fn build(
    dataset: &Dataset,
    config: Option<ScorecardConfigJs>,
    options: Option<ReportOptionsJs>,
    policies: Option<(&PolicySet, &serde_json::Value)>,
) -> Result<ReportJs, JsValue> {
    // The configuration is kept as a value: the report cache compares its
    // calendar.
    let (config, json) = read_config(config)?;
    let calendar = json.get("calendar").cloned();
    let options = read_options(options)?;
    let mut cache = dataset.reports().try_borrow_mut().map_err(|_| to_js(Error::compute("report() re-entered on the same data set")))?;
    #[cfg(feature = "test-panic")]
    super::test_panic::panic_if_asked();
    let report = cache.build(dataset.inner(), &config, calendar.as_ref(), &options, policies).map_err(to_js)?;
    json::to_js(&report).map(JsCast::unchecked_into).map_err(|e| to_js(Error::compute(format!("the report cannot be converted: {e}"))))
}

/// Reads a scorecard configuration (the built-in one when `undefined` or
/// `null`), with its JSON value.
pub(super) fn read_config(config: Option<ScorecardConfigJs>) -> Result<(Config, serde_json::Value), JsValue> {
    let json = match config.map(JsValue::from).filter(|v| !v.is_null() && !v.is_undefined()) {
        None => default_json().map_err(to_js)?,
        Some(v) => to_json(v, "config")?,
    };
    Ok((Config::from_json(&json, "").map_err(to_js)?, json))
}

/// Reads report options (all defaults when `undefined` or `null`).
pub(super) fn read_options(options: Option<ReportOptionsJs>) -> Result<ReportOptions, JsValue> {
    match options.map(JsValue::from) {
        None => Ok(ReportOptions::default()),
        Some(v) => Ok(json::from_js::<Option<ReportOptions>>(&v, "options", "is not a plain object", "").map_err(to_js)?.unwrap_or_default()),
    }
}

/// The built-in scorecard configuration, as a plain object to copy and edit.
#[wasm_bindgen(js_name = defaultScorecard)]
pub fn default_scorecard() -> Result<ScorecardConfigJs, JsValue> {
    let value = default_json().map_err(to_js)?;
    json::to_js(&value).map(JsCast::unchecked_into).map_err(|e| to_js(Error::compute(format!("the default scorecard cannot be converted: {e}"))))
}

fn to_json(value: JsValue, what: &str) -> Result<serde_json::Value, JsValue> {
    json::to_value(&value, what, "is not a plain object").map_err(to_js)
}
