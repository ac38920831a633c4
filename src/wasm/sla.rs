//! The SLA part of the JS API: the `Policies` class, `evaluateSla` and
//! its `SlaOutcomes` handle, and the one-part calls the element used.

use super::dataset::Dataset;
use super::errors::to_js;
use super::instant;
use super::json;
use crate::causes::{self, time_in_status, Axis};
use crate::ingest::model;
use crate::sla::report::{self, Attribution, Period, ReportOptions};
use crate::sla::table::{SortKey, STATES};
use crate::sla::{self as core, OutcomeTable, PolicySet};
use crate::support::error::Error;
use crate::support::json_reader::parse_opt_str;
use crate::support::time::format_instant;
use crate::support::time::Instant;
use crate::support::tz::TimeZone;
use serde::{Serialize, Serializer};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
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
  /** `"4h"`, `"2d 4h"` (a day is 24 working hours; under `semantics: "jsm"` `"2d"` alone is 2 business days and `"2d 4h"` an error), `"30m"`, seconds, or `"2bd"` (the same local time on the 2nd next working day). */
  target: string | number;
  /** A calendar name from `calendars`, or `"24x7"` (default). */
  calendar?: string;
  pauseStatuses?: string[];
  /** Fraction of the target from which an open clock is at risk; default 0.75. */
  warning?: number;
  /** Warning thresholds (fractions in (0, 1], strictly increasing); each outcome lists those crossed. */
  warnings?: number[];
  /** Default `"continue"`; `"restart"` under `semantics` `"servicenow"` or `"jsm"`. */
  reopen?: "continue" | "restart";
  /** Default `"retroactive"`; `"restart"` under `semantics: "servicenow"`. */
  priorityChange?: "retroactive" | "restart" | "carry-percent";
  /** Effective-dated versions, in time order, not overlapping (docs/sla.md §3.7); outside them the fields above apply. */
  versions?: PolicyVersion[];
  /** Which instant selects the version: the ticket's opening (default) or the clock's stop (the evaluation instant while it runs). */
  versionBy?: "opened" | "stopped";
  /** Whether a clock that reaches its target exactly at its stop (or at `asOf` while open) is met; default `true`, `false` under `semantics: "servicenow"` (100 % is a breach). */
  metAtDue?: boolean;
  /** An OLA clock (docs/sla.md §3.8): it starts when these conditions (on dimensions, e.g. `{"assignment_group": ["Network"]}`) first hold and is paused while they do not. */
  runWhile?: Record<string, Condition>;
  /** The clock is paused while these conditions hold (e.g. `{"waiting_on": "customer"}`), besides `pauseStatuses`. */
  pauseWhen?: Record<string, Condition>;
  /** The clock starts when these conditions first hold (at or after the metric's start). */
  startWhen?: Record<string, Condition>;
  /** The clock is stopped while these conditions hold; their ceasing to hold is a reopen. */
  stopWhen?: Record<string, Condition>;
  /** A negotiated goal (docs/sla.md §3.9): the dimension whose value, a date (the end of that day) or date-time in the zone of `calendar`, is the due instant; pauses do not move it; without a readable value, `target` applies. */
  dueAt?: string;
}
/** One version of a policy: in force from `validFrom` (inclusive) to `validTo` (exclusive); the fields it omits are the policy's own. */
export interface PolicyVersion {
  /** A date (`"2026-07-01"`: midnight) or date-time without offset, on the wall clock of the policy's `calendar` (UTC for 24x7), or an instant with offset. */
  validFrom: string;
  validTo?: string;
  /** The label reports show; default `"from <validFrom>"` (`" to <validTo>"` when given). */
  name?: string;
  target?: string | number;
  calendar?: string;
  pauseStatuses?: string[];
}
/** A policy document: named calendars and policies. */
export interface PolicyDocument {
  /** The product whose defaults the policies take (day unit, reopen, priorityChange, metAtDue; docs/sla.md §1 "Vendor semantics"); a policy's own field wins. */
  semantics?: "servicenow" | "jsm" | "zendesk";
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
  policy: string;
  /** The version of the policy these outcomes used (docs/sla.md §3.7); absent for a policy without versions. */
  version?: string;
  period: string; value: string | null;
  met: number; breached: number; inProgress: number; atRisk: number; paused: number; notApplicable: number;
  /** met / (met + breached) × 100, or null when both are 0. */
  compliance: number | null;
}
export interface BreachRow {
  ticket: string; policy: string; breach: string; stop: string | null;
  lateSeconds: number; late: string; overTargetSeconds: number; open: boolean;
}
export interface SegmentRow { from: string; to: string; kind: SegmentKind; status: string | null }
/** One outcome; `timeline` is computed for the outcomes asked for (`get`, `find`, `page`). */
export interface OutcomeRow {
  ticket: string; policy: string; state: SlaState; start: string;
  due: string | null; stop: string | null; breach: string | null;
  elapsedSeconds: number; targetSeconds: number; percent: number;
  lateSeconds: number | null; pausedSeconds: number; timeline: SegmentRow[];
}
/** One ticket with its SLA outcomes (and their clock timelines), for a drill-down. */
export interface TicketDetail {
  id: string; title: string; kind: string; opened: string; resolved: string | null; closed: string | null;
  /** The ticket's final dimension values (`priority`, …), `null` when absent. */
  dimensions: Record<string, string | null>;
  /** The assignment-group history: `[instant, group]` in time order (the status in force is on each timeline segment). */
  groups: [string, string][];
  outcomes: OutcomeRow[];
  /** The policies' `warnings` crossed by each clock's stop (or `asOf`), outcome by outcome, in threshold order (docs/sla.md §3.6). */
  warningsCrossed: { ticket: string; policy: string; threshold: number; at: string }[];
  /** The label of the policy version each outcome used, `outcomeVersions[i]` for `outcomes[i]` (docs/sla.md §3.7): a version's name, `"base"` for the policy's own fields, null for a policy without `versions`. */
  outcomeVersions: (string | null)[];
}
/**
 * What `evaluateSla` returns: the small tables as plain objects, the
 * per-ticket outcomes as an `SlaOutcomes` handle (free it when done).
 * `breaches` and the CSV come from the handle (`outcomes.breaches()`,
 * `outcomes.toCsv()`); the CLI's JSON report has the same fields, with
 * `breaches` and `outcomes` written out.
 */
export interface SlaReport {
  asOf: string; ticketsEvaluated: number; ticketsUnmatched: number; warnings: string[];
  period: string; attributedBy: string; dimension: string | null; zone: string;
  /** Number of outcomes (`outcomes.length`) and of breached ones (`outcomes.breaches().length`). */
  outcomeCount: number; breachCount: number;
  totals: ComplianceRow[]; compliance: ComplianceRow[];
  outcomes: SlaOutcomes;
}
/** Working time of one status, group or dimension value in one policy × period (docs/sla.md §8). */
export interface CauseRow {
  policy: string; period: string; dimension: string; value: string | null;
  breachedSeconds: number; breachedShare: number | null; breachedPausedSeconds: number; breachedOutsideHoursSeconds: number;
  metSeconds: number; metShare: number | null; metPausedSeconds: number; metOutsideHoursSeconds: number;
  /** Breached outcomes whose breach instant fell while this value held the ticket. */
  breachesHeld: number;
}
/** Nearest-rank percentiles of the elapsed working seconds of the met and breached outcomes. */
export interface MetricRow { policy: string; period: string; met: number; breached: number; p50Seconds: number; p90Seconds: number; p95Seconds: number }
/** Where the met and breached outcomes' working time went (`outcomes.causes()`). */
export interface CausesReport {
  asOf: string; period: string; attributedBy: string; zone: string;
  /** The axes split along: `status`, `group`, dimensions with history. */
  dimensions: string[];
  metrics: MetricRow[]; causes: CauseRow[];
  /** Per period, its ten most late breaches, most late first (ties in evaluation order). */
  topBreaches: TopBreach[];
}
/** One of a period's ten most late breaches, with where its working time went. */
export interface TopBreach {
  period: string; ticket: string; policy: string; breach: string; lateSeconds: number;
  /**
   * The status, and the group, in force for most of the counted working time (the first on
   * ties; null: none, e.g. before the first assignment), and that time (null when the
   * causes were not split along that axis).
   */
  status: string | null; statusSeconds: number | null; group: string | null; groupSeconds: number | null;
}
/** One value's share of one outcome's clock time (`OutcomeCauses.dimensions[].shares`). */
export interface CauseShare {
  /** The status, group or dimension value; null: none (e.g. before the first assignment). */
  value: string | null;
  workingSeconds: number; pausedSeconds: number; outsideHoursSeconds: number;
  /** Whether this value held the ticket at the breach instant. */
  atBreach: boolean;
}
/** One outcome's working time along each axis (`outcomes.outcomeCauses(i)`); each axis's `workingSeconds` add up to `elapsedSeconds`. */
export interface OutcomeCauses {
  ticket: string; policy: string; state: SlaState;
  elapsedSeconds: number; pausedSeconds: number; outsideHoursSeconds: number;
  /** One entry per axis (status, group, dimensions with history); shares in order of first appearance. */
  dimensions: { dimension: string; shares: CauseShare[] }[];
}
/** Statistics of one duration (seconds) across tickets: population standard deviation, nearest-rank p90. */
export interface DurationStats { sum: number; mean: number; median: number; p90: number; stdDev: number }
/** Time in one value across the tickets (of one group) that spent time in it. */
export interface TimeInStatusRow {
  /** The final value of the `groupBy` dimension (null without grouping or without value). */
  group: string | null; value: string | null; tickets: number; working: DurationStats; wall: DurationStats;
}
/** Time in status (or another axis) across tickets (`outcomes.timeInStatus()`), ordered by group then value. */
export interface TimeInStatusReport {
  asOf: string; calendar: string; dimension: string; groupBy: string | null;
  summary: TimeInStatusRow[];
}
/** A field of `OutcomeRow` to sort a page by; a leading `-` sorts descending. Absent values sort last. */
export type OutcomeSortField = "ticket" | "policy" | "state" | "start" | "due" | "stop" | "breach"
  | "elapsedSeconds" | "targetSeconds" | "percent" | "lateSeconds" | "pausedSeconds";
export type OutcomeSort = OutcomeSortField | `-${OutcomeSortField}`;
/**
 * Every outcome in columns, one entry per outcome in evaluation order (by
 * ticket, then policy). Codes index the string tables: `tickets[ticket[i]]`
 * is outcome i's ticket id, `policies[policy[i]]` its policy, `states[state[i]]`
 * its state. Instants are epoch milliseconds and absent values `NaN`.
 */
export interface OutcomeColumns {
  ticket: Int32Array; policy: Int32Array; state: Uint8Array;
  start: Float64Array; due: Float64Array; stop: Float64Array; breach: Float64Array;
  elapsedSeconds: Float64Array; targetSeconds: Float64Array; percent: Float64Array;
  lateSeconds: Float64Array; pausedSeconds: Float64Array;
  /** The ids of the tickets with outcomes, in order. */
  tickets: string[];
  /** The policy names, in document order. */
  policies: string[];
  states: SlaState[];
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

/// Evaluates `policies` on `dataset` as of `asOf`: the compliance and
/// totals tables as plain objects, the per-ticket outcomes as an
/// [`SlaOutcomes`] handle (columns in WASM memory, timelines computed when
/// a ticket is asked for).
#[wasm_bindgen(js_name = evaluateSla, unchecked_return_type = "SlaReport")]
pub fn evaluate_sla(
    dataset: &Dataset,
    policies: &Policies,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "InstantInput")] as_of: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SlaReportOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let as_of = instant::from_js(&as_of, "asOf").map_err(to_js)?;
    let opts = read_options(&options).map_err(to_js)?;
    let data = dataset.inner();
    let outcomes = SlaOutcomes::new(dataset, policies, as_of);
    let t = &outcomes.table;
    let all = ReportOptions { period: Period::All, by: Attribution::Stop, dimension: None, zone: None };
    let head = ReportHead {
        as_of: format_instant(as_of),
        tickets_evaluated: t.evaluated,
        tickets_unmatched: t.unmatched,
        warnings: &t.warnings,
        period: report::period_name(opts.period),
        attributed_by: match opts.by {
            Attribution::Stop => "stop",
            Attribution::Open => "open",
        },
        dimension: opts.dimension.as_deref(),
        zone: opts.zone.as_ref().map_or("UTC", |z| z.name()),
        outcome_count: t.len(),
        breach_count: t.outcomes().filter(|o| o.state == core::State::Breached).count(),
        totals: t.compliance(data, &policies.0, &all).map_err(to_js)?,
        compliance: t.compliance(data, &policies.0, &opts).map_err(to_js)?,
    };
    let value = to_plain(&head)?;
    // A fresh object from JSON.parse: setting a property cannot fail.
    let _ = js_sys::Reflect::set(&value, &JsValue::from_str("outcomes"), &JsValue::from(outcomes));
    Ok(value)
}

/// The plain part of `SlaReport`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportHead<'a> {
    as_of: String,
    tickets_evaluated: usize,
    tickets_unmatched: usize,
    warnings: &'a [String],
    period: &'static str,
    attributed_by: &'static str,
    dimension: Option<&'a str>,
    zone: &'a str,
    outcome_count: usize,
    breach_count: usize,
    totals: Vec<report::ComplianceRow>,
    compliance: Vec<report::ComplianceRow>,
}

/// Every outcome of one evaluation (`evaluateSla(...).outcomes`), held in
/// columns in WASM memory: read one (`get`), a ticket's (`find`), a page,
/// the columns as typed arrays, or all as CSV; timelines are computed only
/// for the outcomes returned by `get`, `find`, `page` and `ticket`. It
/// answers from the data set as it was evaluated: once that data set is
/// freed or has rows added, every method throws (evaluate again). Free it
/// with `free()` when done (calling a freed handle throws
/// `SlaOutcomes.toCsv: expected a SlaOutcomes, got a freed one`).
#[wasm_bindgen]
pub struct SlaOutcomes {
    data: Weak<model::Dataset>,
    set: PolicySet,
    table: OutcomeTable,
    /// The last order asked of `page`, kept for the next page.
    order: RefCell<Option<(SortKey, bool, Vec<u32>)>>,
}

impl SlaOutcomes {
    fn new(dataset: &Dataset, policies: &Policies, as_of: Instant) -> SlaOutcomes {
        SlaOutcomes {
            data: dataset.shared(),
            set: policies.0.clone(),
            table: OutcomeTable::evaluate(dataset.inner(), &policies.0, as_of),
            order: RefCell::new(None),
        }
    }

    /// The data set evaluated, or an error when it was freed or changed.
    fn data(&self) -> Result<Rc<model::Dataset>, JsValue> {
        self.data.upgrade().ok_or_else(|| {
            to_js(Error::compute("SlaOutcomes: the data set these outcomes were evaluated on has been freed or changed since; call evaluateSla again"))
        })
    }

    /// The time-in-status query of the JS arguments (errors name `splitBy`,
    /// `calendar` or `groupBy`).
    fn time_query<'a>(
        &'a self,
        data: &model::Dataset,
        split_by: Option<&str>,
        calendar: Option<&'a str>,
        group_by: Option<&str>,
    ) -> Result<time_in_status::Query<'a>, JsValue> {
        let paths = ["splitBy", "calendar", "groupBy"];
        time_in_status::Query::new(data, &self.set, self.table.as_of, split_by, calendar, group_by, paths).map_err(to_js)
    }

    fn rows(&self, positions: &[usize]) -> Result<JsValue, JsValue> {
        let data = self.data()?;
        to_plain(&self.table.rows(&data, &self.set, positions))
    }
}

/// Reads `value` as an integer in `0..=max` (`what` names it in errors).
fn index_arg(value: f64, max: usize, what: &str) -> Result<usize, JsValue> {
    if value.fract() == 0.0 && value >= 0.0 && value <= max as f64 {
        Ok(value as usize)
    } else {
        Err(to_js(Error::invalid(what, format!("expected an integer from 0 to {max}, got {value}"))))
    }
}

#[wasm_bindgen]
impl SlaOutcomes {
    /// The number of outcomes.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.table.len()
    }

    /// The evaluation instant (ISO 8601, UTC).
    #[wasm_bindgen(getter, js_name = asOf)]
    pub fn as_of(&self) -> String {
        format_instant(self.table.as_of)
    }

    /// Outcome `index` (0 ≤ index < length) with its timeline.
    #[wasm_bindgen(unchecked_return_type = "OutcomeRow")]
    pub fn get(&self, index: f64) -> Result<JsValue, JsValue> {
        if self.table.is_empty() {
            return Err(to_js(Error::invalid("index", "there are no outcomes")));
        }
        let i = index_arg(index, self.table.len() - 1, "index")?;
        let data = self.data()?;
        let rows = self.table.rows(&data, &self.set, &[i]);
        to_plain(&rows[0])
    }

    /// Every outcome of ticket `ticketId` with its timeline, by policy
    /// (empty when the ticket has none or does not exist).
    #[wasm_bindgen(unchecked_return_type = "OutcomeRow[]")]
    pub fn find(&self, #[wasm_bindgen(js_name = ticketId)] ticket_id: &str) -> Result<JsValue, JsValue> {
        let data = self.data()?;
        let positions: Vec<usize> = match data.tickets.iter().position(|t| t.id == ticket_id) {
            Some(t) => self.table.ticket_range(t).collect(),
            None => Vec::new(),
        };
        self.rows(&positions)
    }

    /// Up to `limit` outcomes from position `offset`, with their timelines,
    /// in evaluation order or ordered by `sortBy` (`"percent"`, `"-lateSeconds"`, …).
    #[wasm_bindgen(unchecked_return_type = "OutcomeRow[]")]
    pub fn page(
        &self,
        offset: f64,
        limit: f64,
        #[wasm_bindgen(js_name = sortBy, unchecked_optional_param_type = "OutcomeSort")] sort_by: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let sort_by = sort_by.unwrap_or(JsValue::UNDEFINED);
        let offset = index_arg(offset, self.table.len(), "offset")?;
        let limit = index_arg(limit, u32::MAX as usize, "limit")?;
        let end = offset.saturating_add(limit).min(self.table.len());
        let sort = if sort_by.is_undefined() || sort_by.is_null() {
            None
        } else {
            let text = sort_by.as_string().ok_or_else(|| to_js(Error::invalid("sortBy", "expected a field name such as \"percent\" or \"-lateSeconds\"")))?;
            Some(SortKey::parse(&text, "sortBy").map_err(to_js)?)
        };
        let positions: Vec<usize> = match sort {
            None => (offset..end).collect(),
            Some((key, descending)) => {
                let data = self.data()?;
                let mut cached = self.order.borrow_mut();
                if !matches!(&*cached, Some((k, d, _)) if *k == key && *d == descending) {
                    *cached = Some((key, descending, self.table.order(&data, &self.set, key, descending)));
                }
                cached.as_ref().map_or_else(Vec::new, |(_, _, order)| order[offset..end].iter().map(|&i| i as usize).collect())
            }
        };
        self.rows(&positions)
    }

    /// Every outcome as columns: typed arrays and string tables, no timelines.
    #[wasm_bindgen(unchecked_return_type = "OutcomeColumns")]
    pub fn columns(&self) -> Result<JsValue, JsValue> {
        let data = self.data()?;
        let t = &self.table;
        let out = js_sys::Object::new();
        // Setting a property on a fresh object cannot fail.
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&out, &JsValue::from_str(k), &v);
        };
        // Tickets are in order: code = rank among the tickets with outcomes.
        let mut ids = js_sys::Array::new();
        let mut codes = Vec::with_capacity(t.len());
        let mut last = None;
        for &ti in t.ticket_column() {
            if last != Some(ti) {
                last = Some(ti);
                ids.push(&JsValue::from_str(data.tickets.get(ti as usize).map_or("", |x| x.id.as_str())));
            }
            codes.push(ids.length() as i32 - 1);
        }
        set("ticket", js_sys::Int32Array::from(&codes[..]).into());
        let policy: Vec<i32> = t.policy_column().iter().map(|&p| p as i32).collect();
        set("policy", js_sys::Int32Array::from(&policy[..]).into());
        set("state", js_sys::Uint8Array::from(&t.state_codes()[..]).into());
        for (name, key, scale) in [
            ("start", SortKey::Start, 1000.0),
            ("due", SortKey::Due, 1000.0),
            ("stop", SortKey::Stop, 1000.0),
            ("breach", SortKey::Breach, 1000.0),
            ("elapsedSeconds", SortKey::Elapsed, 1.0),
            ("targetSeconds", SortKey::Target, 1.0),
            ("percent", SortKey::Percent, 1.0),
            ("lateSeconds", SortKey::Late, 1.0),
            ("pausedSeconds", SortKey::Paused, 1.0),
        ] {
            set(name, js_sys::Float64Array::from(&t.f64_column(key, scale)[..]).into());
        }
        set("tickets", std::mem::take(&mut ids).into());
        let policies: js_sys::Array = self.set.policies.iter().map(|p| JsValue::from_str(&p.name)).collect();
        set("policies", policies.into());
        let states: js_sys::Array = STATES.iter().map(|&s| JsValue::from_str(report::state_name(s))).collect();
        set("states", states.into());
        Ok(out.into())
    }

    /// Every outcome as CSV (no timelines), the same text as
    /// `slaOutcomesCsv`; formula-like cells are neutralised.
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(&self) -> Result<String, JsValue> {
        let data = self.data()?;
        Ok(self.table.csv(&data, &self.set))
    }

    /// The compliance table under `options`, from these outcomes (no re-evaluation).
    #[wasm_bindgen(unchecked_return_type = "ComplianceRow[]")]
    pub fn compliance(&self, #[wasm_bindgen(unchecked_optional_param_type = "SlaReportOptions")] options: Option<JsValue>) -> Result<JsValue, JsValue> {
        let opts = read_options(&options.unwrap_or(JsValue::UNDEFINED)).map_err(to_js)?;
        let data = self.data()?;
        to_plain(&self.table.compliance(&data, &self.set, &opts).map_err(to_js)?)
    }

    /// The breach list, latest breach first.
    #[wasm_bindgen(unchecked_return_type = "BreachRow[]")]
    pub fn breaches(&self) -> Result<JsValue, JsValue> {
        let data = self.data()?;
        to_plain(&self.table.breaches(&data, &self.set))
    }

    /// Ticket `id` with its outcomes and timelines, or `null` (as `slaTicket`).
    #[wasm_bindgen(unchecked_return_type = "TicketDetail | null")]
    pub fn ticket(&self, id: &str) -> Result<JsValue, JsValue> {
        let data = self.data()?;
        ticket_detail(&data, &self.set, self.table.as_of, id)
    }
}

/// `outcomes.causes()` (8.5 KB gzip of the module, docs/size.md).
#[wasm_bindgen]
impl SlaOutcomes {
    /// Where the met and breached outcomes' working time went, per policy ×
    /// period (of `options`) × status, group and dimension with history (or
    /// the `splitBy` axis alone); timelines are computed for this call only.
    #[wasm_bindgen(unchecked_return_type = "CausesReport")]
    pub fn causes(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SlaReportOptions")] options: Option<JsValue>,
        #[wasm_bindgen(js_name = splitBy, unchecked_optional_param_type = "string")] split_by: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let opts = read_options(&options.unwrap_or(JsValue::UNDEFINED)).map_err(to_js)?;
        let data = self.data()?;
        let axes = match split_by {
            Some(name) => vec![Axis::parse(&name, &data, "splitBy").map_err(to_js)?],
            None => Axis::with_history(&data),
        };
        to_plain(&causes::causes(&data, &self.set, &self.table, &opts, axes))
    }
}

/// `outcomes.outcomeCauses()`, `timeInStatus()` and `timeInStatusCsv()`
/// (docs/sla.md §8; their cost in the package: docs/size.md).
#[wasm_bindgen]
impl SlaOutcomes {
    /// Outcome `index`'s working time split by status, group and every
    /// dimension with history, with its paused and out-of-hours time (its
    /// timeline is computed for this call only).
    #[wasm_bindgen(js_name = outcomeCauses, unchecked_return_type = "OutcomeCauses")]
    pub fn outcome_causes(&self, index: f64) -> Result<JsValue, JsValue> {
        if self.table.is_empty() {
            return Err(to_js(Error::invalid("index", "there are no outcomes")));
        }
        let i = index_arg(index, self.table.len() - 1, "index")?;
        let data = self.data()?;
        // One outcome per position below `length`, as in `get`.
        let o = self.table.with_timelines(&data, &self.set, &[i]);
        to_plain(&causes::outcome::outcome_causes(&data, &self.set, &o[0], &Axis::with_history(&data)))
    }

    /// Time in status (or in the `splitBy` axis) across tickets, from
    /// opening to closure (or the evaluation instant), in working time on
    /// the policy document's `calendar` (default `24x7`) and on the wall
    /// clock, per final value of dimension `groupBy` when given.
    #[wasm_bindgen(js_name = timeInStatus, unchecked_return_type = "TimeInStatusReport")]
    pub fn time_in_status(
        &self,
        #[wasm_bindgen(js_name = splitBy, unchecked_optional_param_type = "string")] split_by: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] calendar: Option<String>,
        #[wasm_bindgen(js_name = groupBy, unchecked_optional_param_type = "string")] group_by: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let data = self.data()?;
        let q = self.time_query(&data, split_by.as_deref(), calendar.as_deref(), group_by.as_deref())?;
        to_plain(&q.document(&data))
    }

    /// Each ticket's time in each status (or `splitBy` value) as CSV,
    /// `ticket,value,working_seconds,wall_seconds` (working time on
    /// `calendar`, default `24x7`); formula-like cells are neutralised.
    #[wasm_bindgen(js_name = timeInStatusCsv)]
    pub fn time_in_status_csv(
        &self,
        #[wasm_bindgen(js_name = splitBy, unchecked_optional_param_type = "string")] split_by: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] calendar: Option<String>,
    ) -> Result<String, JsValue> {
        let data = self.data()?;
        let q = self.time_query(&data, split_by.as_deref(), calendar.as_deref(), None)?;
        Ok(time_in_status::ticket_rows_csv(&q.ticket_rows(&data)))
    }
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
    ticket_detail(dataset.inner(), &policies.0, as_of, id)
}

/// Ticket `id` of `data` as a `TicketDetail`, or `null`.
fn ticket_detail(data: &model::Dataset, set: &PolicySet, as_of: Instant, id: &str) -> Result<JsValue, JsValue> {
    let Some(index) = data.tickets.iter().position(|t| t.id == id) else { return Ok(JsValue::NULL) };
    let ticket = &data.tickets[index];
    let evaluation = core::evaluate_ticket(data, set, as_of, index);
    let detail = TicketDetail {
        id: &ticket.id,
        title: &ticket.title,
        kind: data.strings.get(ticket.kind),
        opened: format_instant(ticket.opened),
        resolved: ticket.resolved.get().map(format_instant),
        closed: ticket.closed.get().map(format_instant),
        dimensions: {
            // Dimension names are distinct (one column each): no ties.
            let names = &data.dimension_names;
            let order = crate::support::order::positions_by(names.len(), &|a, b| names[a].cmp(&names[b]));
            order.into_iter().map(|d| (names[d as usize].as_str(), data.dimension_value(ticket, d as usize))).collect()
        },
        groups: ticket.assignments().iter().map(|c| (format_instant(c.at), data.strings.get(c.group))).collect(),
        outcomes: report::outcomes(data, set, &evaluation),
        warnings_crossed: report::crossings_of(data, set, &evaluation),
        outcome_versions: report::outcome_versions(set, &evaluation.outcomes),
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
    /// `[instant, assignment group]` pairs, as the data set holds them (time order).
    groups: Vec<(String, &'a str)>,
    outcomes: Vec<report::OutcomeRow>,
    /// The policies' `warnings` its clocks crossed (docs/sla.md §3.6).
    #[serde(rename = "warningsCrossed")]
    warnings_crossed: Vec<report::Crossing>,
    /// The label of the policy version each outcome used (§3.7), in order.
    #[serde(rename = "outcomeVersions")]
    outcome_versions: Vec<Option<&'a str>>,
}

/// Name–value pairs as one JSON object.
fn as_object<S: Serializer>(pairs: &[(&str, Option<&str>)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(pairs.iter().copied())
}

fn to_plain<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    json::to_js(value).map_err(|e| to_js(Error::compute(format!("could not convert the result: {e}"))))
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
