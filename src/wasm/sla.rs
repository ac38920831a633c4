//! The SLA part of the JS API: the `Policies` class and `evaluateSla`.

use super::dataset::Dataset;
use super::errors::to_js;
use super::instant;
use super::json;
use crate::support::error::Error;
use crate::support::json_reader::parse_opt_str;
use crate::sla::report::{self, Attribution, Period, ReportOptions};
use crate::sla::{self as core, PolicySet};
use crate::support::time::format_instant;
use crate::support::tz::TimeZone;
use serde::{Serialize, Serializer};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const SLA_TYPES: &'static str = r#"
/** A condition on a ticket dimension: a value, a list of values, or one of the object forms. */
export type Condition = string | string[] | { equals: string } | { oneOf: string[] } | { not: string | string[] };
/** One SLA policy (docs/sla.md §1). */
export interface PolicySpec {
  name: string;
  when?: Record<string, Condition>;
  metric: "response" | "resolution" | { start: string[]; stop: string[] };
  /** `"4h"`, `"2d 4h"` (a day is 24 working hours), `"30m"`, or seconds. */
  target: string | number;
  /** A calendar name from `calendars`, or `"24x7"` (default). */
  calendar?: string;
  pauseStatuses?: string[];
  /** Fraction of the target from which an open clock is at risk; default 0.75. */
  warning?: number;
  reopen?: "continue" | "restart";
  priorityChange?: "retroactive" | "restart";
}
/** A policy document: named calendars and policies. */
export interface PolicyDocument {
  calendars?: Record<string, CalendarSpec>;
  /** Statuses that stop a resolution clock; default `["Resolved", "Closed"]`. */
  resolvedStatuses?: string[];
  policies: PolicySpec[];
}
/** How to group the compliance table. */
export interface SlaReportOptions {
  period?: "day" | "week" | "month" | "quarter" | "all";
  /** Attribute outcomes by stop instant (default) or by the ticket's open date. */
  by?: "stop" | "open";
  dimension?: string;
  /** IANA zone that cuts the periods; default UTC. */
  zone?: string;
}
export type SlaState = "met" | "breached" | "in_progress" | "at_risk" | "paused" | "not_applicable";
export type SegmentKind = "running" | "outside_hours" | "paused" | "resolved" | "superseded";
export interface ComplianceRow {
  policy: string; period: string; value: string | null;
  met: number; breached: number; inProgress: number; atRisk: number; paused: number; notApplicable: number;
  /** met / (met + breached) × 100, or null when both are 0. */
  compliance: number | null;
}
export interface BreachRow {
  ticket: string; policy: string; breach: string; stop: string | null;
  lateSeconds: number; late: string; overTargetSeconds: number; open: boolean;
}
export interface SegmentRow { from: string; to: string; kind: SegmentKind; status: string | null }
export interface OutcomeRow {
  ticket: string; policy: string; state: SlaState; start: string;
  due: string | null; stop: string | null; breach: string | null;
  elapsedSeconds: number; targetSeconds: number; percent: number;
  lateSeconds: number | null; pausedSeconds: number; timeline: SegmentRow[];
}
/** The SLA report; the CLI prints the same object as JSON. */
/** One ticket with its SLA outcomes (and their clock timelines), for a drill-down. */
export interface TicketDetail {
  id: string; title: string; kind: string; opened: string; resolved: string | null; closed: string | null;
  /** The ticket's final dimension values (`priority`, …), `null` when absent. */
  dimensions: Record<string, string | null>;
  outcomes: OutcomeRow[];
}
export interface SlaReport {
  asOf: string; ticketsEvaluated: number; ticketsUnmatched: number; warnings: string[];
  period: string; attributedBy: string; dimension: string | null; zone: string;
  totals: ComplianceRow[]; compliance: ComplianceRow[]; breaches: BreachRow[]; outcomes: OutcomeRow[];
}
"#;

/// A validated policy document. Build it once; evaluate it against any
/// loaded data set as often as needed (the data is not re-parsed).
#[wasm_bindgen]
pub struct Policies(pub(crate) PolicySet, pub(crate) serde_json::Value);

#[wasm_bindgen]
impl Policies {
    /// Reads a `PolicyDocument`; throws an `Error` whose `path` names the
    /// offending field (`policies[2].target`).
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "PolicyDocument")] doc: JsValue) -> Result<Policies, JsValue> {
        // The document is kept as a value: the report cache compares it.
        let value = json::to_value(&doc, "", "is not a policy document").map_err(to_js)?;
        let set = PolicySet::from_json(&value, "").map_err(to_js)?;
        Ok(Policies(set, value))
    }

    /// The policy names, in document order.
    #[wasm_bindgen(getter)]
    pub fn names(&self) -> Vec<String> {
        self.0.policies.iter().map(|p| p.name.clone()).collect()
    }
}

/// Evaluates `policies` on `dataset` as of `asOf` and returns the report
/// (per-ticket outcomes with timelines, compliance, breaches).
#[wasm_bindgen(js_name = evaluateSla, unchecked_return_type = "SlaReport")]
pub fn evaluate_sla(
    dataset: &Dataset,
    policies: &Policies,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "InstantInput")] as_of: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SlaReportOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let evaluation = evaluate_as_of(dataset, policies, &as_of)?;
    let opts = read_options(&options).map_err(to_js)?;
    let data = dataset.inner();
    let r = report::build(data, &policies.0, &evaluation, &opts).map_err(to_js)?;
    json::to_js(&r).map_err(|e| to_js(Error::compute(format!("could not convert the report: {e}"))))
}

/// The compliance table of `policies` on `dataset` as of `asOf`: one row per
/// policy × period (× dimension value), as in `evaluateSla`'s `compliance`.
#[wasm_bindgen(js_name = slaCompliance, unchecked_return_type = "ComplianceRow[]")]
pub fn sla_compliance(
    dataset: &Dataset,
    policies: &Policies,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "InstantInput")] as_of: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SlaReportOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let as_of = instant::from_js(&as_of, "asOf").map_err(to_js)?;
    let opts = read_options(&options).map_err(to_js)?;
    let data = dataset.inner();
    // Counted one outcome at a time: no timelines, no list of outcomes.
    let mut table = report::Compliance::new(data, as_of, &opts).map_err(to_js)?;
    core::for_each_outcome(data, &policies.0, as_of, &mut |o| table.add(&o));
    to_plain(&table.rows(&policies.0))
}

/// The breach list of `policies` on `dataset` as of `asOf` (latest breach
/// first), without the per-ticket outcomes of `evaluateSla`.
#[wasm_bindgen(js_name = slaBreaches, unchecked_return_type = "BreachRow[]")]
pub fn sla_breaches(
    dataset: &Dataset,
    policies: &Policies,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "InstantInput")] as_of: JsValue,
) -> Result<JsValue, JsValue> {
    let data = dataset.inner();
    let as_of = instant::from_js(&as_of, "asOf").map_err(to_js)?;
    to_plain(&report::breaches(data, &policies.0, &core::evaluate_without_timelines(data, &policies.0, as_of)))
}

/// Ticket `id` with its outcomes and clock timelines as of `asOf`, or
/// `null` when the data set has no such ticket.
#[wasm_bindgen(js_name = slaTicket, unchecked_return_type = "TicketDetail | null")]
pub fn sla_ticket(
    dataset: &Dataset,
    policies: &Policies,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "InstantInput")] as_of: JsValue,
    id: &str,
) -> Result<JsValue, JsValue> {
    let as_of = instant::from_js(&as_of, "asOf").map_err(to_js)?;
    let data = dataset.inner();
    let Some(index) = data.tickets.iter().position(|t| t.id == id) else { return Ok(JsValue::NULL) };
    let ticket = &data.tickets[index];
    let evaluation = core::evaluate_ticket(data, &policies.0, as_of, index);
    let detail = TicketDetail {
        id: &ticket.id,
        title: &ticket.title,
        kind: data.strings.get(ticket.kind),
        opened: format_instant(ticket.opened),
        resolved: ticket.resolved.map(format_instant),
        closed: ticket.closed.map(format_instant),
        dimensions: {
            // Dimension names are distinct (one column each): no ties.
            let mut dims: Vec<_> = data.dimension_names.iter().enumerate().map(|(d, name)| (name.as_str(), data.dimension_value(ticket, d))).collect();
            dims.sort_unstable_by_key(|&(name, _)| name);
            dims
        },
        outcomes: report::outcomes(data, &policies.0, &evaluation),
    };
    to_plain(&detail)
}

/// Every outcome of `policies` on `dataset` as of `asOf` as CSV (no
/// timelines); cells a spreadsheet would run as formulas are neutralised.
#[wasm_bindgen(js_name = slaOutcomesCsv)]
pub fn sla_outcomes_csv(
    dataset: &Dataset,
    policies: &Policies,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "InstantInput")] as_of: JsValue,
) -> Result<String, JsValue> {
    let data = dataset.inner();
    let as_of = instant::from_js(&as_of, "asOf").map_err(to_js)?;
    let evaluation = core::evaluate_without_timelines(data, &policies.0, as_of);
    Ok(report::outcomes_csv(&report::outcomes(data, &policies.0, &evaluation)))
}

/// A ticket and its outcomes, written as `TicketDetail`.
#[derive(Serialize)]
struct TicketDetail<'a> {
    id: &'a str,
    title: &'a str,
    kind: &'a str,
    opened: String,
    resolved: Option<String>,
    closed: Option<String>,
    /// By name (dimension names are distinct), written as an object; a
    /// `BTreeMap` here cost 4.8 KB gzip of wasm (measured, opt-level "z").
    #[serde(serialize_with = "as_object")]
    dimensions: Vec<(&'a str, Option<&'a str>)>,
    outcomes: Vec<report::OutcomeRow>,
}

/// Name–value pairs as one JSON object.
fn as_object<S: Serializer>(pairs: &[(&str, Option<&str>)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(pairs.iter().copied())
}

fn to_plain<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    json::to_js(value)
        .map_err(|e| to_js(Error::compute(format!("could not convert the result: {e}"))))
}

/// `SlaReportOptions` as written (unknown keys refused).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, expecting = "SLA report options {\"period\": …, \"by\": …, \"dimension\": …, \"zone\": …}")]
struct OptionsDocument {
    #[serde(default, deserialize_with = "period")]
    period: Option<Period>,
    #[serde(default, deserialize_with = "attribution")]
    by: Option<Attribution>,
    dimension: Option<String>,
    #[serde(default, deserialize_with = "zone")]
    zone: Option<TimeZone>,
}

fn period<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Period>, D::Error> {
    parse_opt_str(d, |text| Period::parse(text, ""))
}

fn attribution<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Attribution>, D::Error> {
    parse_opt_str(d, |text| Attribution::parse(text, ""))
}

fn zone<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<TimeZone>, D::Error> {
    parse_opt_str(d, |name| TimeZone::named(name, ""))
}

fn read_options(options: &JsValue) -> Result<ReportOptions, Error> {
    let doc: Option<OptionsDocument> = json::from_js(options, "options", "is not an options object", "options")?;
    let mut o = ReportOptions::default();
    if let Some(doc) = doc {
        o.period = doc.period.unwrap_or(o.period);
        o.by = doc.by.unwrap_or(o.by);
        o.dimension = doc.dimension;
        o.zone = doc.zone;
    }
    Ok(o)
}

/// The evaluation of `policies` on `dataset` at the JS instant `as_of`
/// (argument name `asOf` in errors).
fn evaluate_as_of(dataset: &Dataset, policies: &Policies, as_of: &JsValue) -> Result<core::Evaluation, JsValue> {
    let as_of = instant::from_js(as_of, "asOf").map_err(to_js)?;
    Ok(core::evaluate(dataset.inner(), &policies.0, as_of))
}

