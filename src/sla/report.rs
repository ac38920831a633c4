//! Reports over an [`Evaluation`]: compliance per policy × period ×
//! dimension value, the breach list, and per-ticket outcomes with their
//! timelines; as a serialisable [`Report`] (JSON, camelCase, instants as ISO
//! strings) or CSV tables.
//!
//! Periods are calendar days, ISO 8601 weeks (Monday first, `2026-W10`),
//! months (`2026-03`) and quarters (`2026-Q1`) of a configurable IANA zone
//! (UTC by default). An outcome is attributed to a period by its *stop*
//! instant (a clock still open: its breach instant when breached, else the
//! evaluation instant) or, on request, by the ticket's *open* instant.

use crate::ingest::model::Dataset;
use crate::ingest::model::Sym;
use crate::sla::clock::{crossings, SegmentKind, State};
use crate::sla::duration;
use crate::sla::evaluate::{Evaluation, Outcome};
use crate::sla::policy::{PolicySet, Role};
use crate::support::error::{quote, Error};
use crate::support::time::{date_of_epoch_day, format_instant, Instant, SECONDS_PER_DAY};
use crate::support::tz::TimeZone;
use chrono::Datelike;
use serde::Serialize;

/// The length of a reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// A calendar day.
    Day,
    /// An ISO 8601 week (Monday to Sunday, numbered in its ISO year).
    Week,
    /// A calendar month.
    Month,
    /// A calendar quarter.
    Quarter,
    /// Everything in one period, labelled `all`.
    All,
}

impl Period {
    /// Reads `day`, `week`, `month`, `quarter` or `all`.
    pub fn parse(text: &str, path: &str) -> Result<Period, Error> {
        match text {
            "day" => Ok(Period::Day),
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            "quarter" => Ok(Period::Quarter),
            "all" => Ok(Period::All),
            _ => Err(Error::invalid(path, format!("{} is not one of: day, week, month, quarter, all", quote(text)))),
        }
    }
}

/// Which instant places an outcome in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attribution {
    /// The stop instant (open clocks: breach instant if breached, else the evaluation instant).
    Stop,
    /// The ticket's open instant.
    Open,
}

impl Attribution {
    /// The instant that places outcome `o` of a ticket opened at `opened`
    /// in a period, as of `as_of`.
    pub fn instant(self, opened: Instant, o: &Outcome, as_of: Instant) -> Instant {
        match self {
            Attribution::Open => opened,
            Attribution::Stop => o.stop.or(o.breach).unwrap_or(as_of),
        }
    }

    /// Reads `stop` or `open`.
    pub fn parse(text: &str, path: &str) -> Result<Attribution, Error> {
        match text {
            "stop" => Ok(Attribution::Stop),
            "open" => Ok(Attribution::Open),
            _ => Err(Error::invalid(path, format!("{} is not one of: stop, open", quote(text)))),
        }
    }
}

/// How to group the compliance table.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Period length.
    pub period: Period,
    /// Which instant places an outcome in a period.
    pub by: Attribution,
    /// Also group by this ticket dimension (its final value).
    pub dimension: Option<String>,
    /// Zone whose calendar defines the periods (`None`: UTC).
    pub zone: Option<TimeZone>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions { period: Period::Month, by: Attribution::Stop, dimension: None, zone: None }
    }
}

/// Counts of one policy in one period (and dimension value).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComplianceRow {
    /// Policy name.
    pub policy: String,
    /// The label of the policy's version the outcomes used (docs/sla.md
    /// §3.7); absent for a policy without versions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Period label (`2026-03`, `2026-W10`, `2026-Q1`, `2026-03-02`, `all`).
    pub period: String,
    /// The dimension value (`None`: no dimension asked, or no value).
    pub value: Option<String>,
    /// Stopped at or before due.
    pub met: u64,
    /// Stopped after due, or open past it.
    pub breached: u64,
    /// Open, below the warning threshold.
    pub in_progress: u64,
    /// Open, at or above the warning threshold.
    pub at_risk: u64,
    /// Open and paused.
    pub paused: u64,
    /// Clock never started.
    pub not_applicable: u64,
    /// `met / (met + breached) × 100`; `None` when both are zero.
    pub compliance: Option<f64>,
}

/// A breached outcome, for the breach list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BreachRow {
    /// Ticket identifier.
    pub ticket: String,
    /// Policy name.
    pub policy: String,
    /// Breach (= due) instant.
    pub breach: String,
    /// Stop instant, if stopped.
    pub stop: Option<String>,
    /// Wall-clock seconds from breach to stop (or to the evaluation instant).
    pub late_seconds: i64,
    /// The same, written as a duration (`1h 30m`).
    pub late: String,
    /// Working seconds counted beyond the target.
    pub over_target_seconds: i64,
    /// Whether the clock is still open.
    pub open: bool,
}

/// One stretch of a timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentRow {
    /// First instant.
    pub from: String,
    /// First instant after it.
    pub to: String,
    /// `running`, `outside_hours`, `paused`, `resolved` or `superseded`.
    pub kind: SegmentKind,
    /// Ticket status in force.
    pub status: Option<String>,
}

/// One outcome, with names instead of indices and ISO instants.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeRow {
    /// Ticket identifier.
    pub ticket: String,
    /// Policy name.
    pub policy: String,
    /// State as of the evaluation instant.
    pub state: State,
    /// Clock start (after any restart).
    pub start: String,
    /// Due instant.
    pub due: Option<String>,
    /// Stop instant.
    pub stop: Option<String>,
    /// Breach instant.
    pub breach: Option<String>,
    /// Working seconds counted.
    pub elapsed_seconds: i64,
    /// Target in working seconds.
    pub target_seconds: i64,
    /// Elapsed as a percentage of the target.
    pub percent: f64,
    /// Wall-clock seconds past due, when breached.
    pub late_seconds: Option<i64>,
    /// Working seconds paused.
    pub paused_seconds: i64,
    /// The clock's segments.
    pub timeline: Vec<SegmentRow>,
}

/// The whole report: what the CLI prints as JSON and the JS API returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Evaluation instant.
    pub as_of: String,
    /// Tickets opened at or before it.
    pub tickets_evaluated: usize,
    /// Of those, tickets no policy applies to.
    pub tickets_unmatched: usize,
    /// Likely mistakes in the policies for this data set.
    pub warnings: Vec<String>,
    /// Period length used by `compliance`.
    pub period: String,
    /// `stop` or `open`.
    pub attributed_by: String,
    /// Dimension used by `compliance`, if any.
    pub dimension: Option<String>,
    /// Zone of the periods.
    pub zone: String,
    /// One row per policy over everything (no period, no dimension).
    pub totals: Vec<ComplianceRow>,
    /// Rows per policy × period (× dimension value).
    pub compliance: Vec<ComplianceRow>,
    /// Breached outcomes, latest first.
    pub breaches: Vec<BreachRow>,
    /// Every outcome.
    pub outcomes: Vec<OutcomeRow>,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    met: u64,
    breached: u64,
    in_progress: u64,
    at_risk: u64,
    paused: u64,
    not_applicable: u64,
}

impl Counts {
    fn add(&mut self, s: State) {
        match s {
            State::Met => self.met += 1,
            State::Breached => self.breached += 1,
            State::InProgress => self.in_progress += 1,
            State::AtRisk => self.at_risk += 1,
            State::Paused => self.paused += 1,
            State::NotApplicable => self.not_applicable += 1,
        }
    }

    fn merge(&mut self, o: Counts) {
        self.met += o.met;
        self.breached += o.breached;
        self.in_progress += o.in_progress;
        self.at_risk += o.at_risk;
        self.paused += o.paused;
        self.not_applicable += o.not_applicable;
    }

    fn row(self, policy: String, version: Option<String>, period: String, value: Option<String>) -> ComplianceRow {
        let decided = self.met + self.breached;
        let compliance = (decided > 0).then(|| self.met as f64 * 100.0 / decided as f64);
        ComplianceRow {
            policy,
            version,
            period,
            value,
            met: self.met,
            breached: self.breached,
            in_progress: self.in_progress,
            at_risk: self.at_risk,
            paused: self.paused,
            not_applicable: self.not_applicable,
            compliance,
        }
    }
}

/// The compliance table: one row per policy × version × period (×
/// dimension value), ordered by policy, version, period, value. Errors
/// when the dimension is unknown.
pub fn compliance(data: &Dataset, set: &PolicySet, eval: &Evaluation, opts: &ReportOptions) -> Result<Vec<ComplianceRow>, Error> {
    let mut table = Compliance::new(data, eval.as_of, opts)?;
    for o in &eval.outcomes {
        table.add(o);
    }
    Ok(table.rows(set))
}

/// The compliance table built one outcome at a time (see [`compliance`]),
/// so a report need not keep every outcome.
pub struct Compliance<'a> {
    data: &'a Dataset,
    as_of: Instant,
    opts: &'a ReportOptions,
    dim: Option<usize>,
    /// Counts by (policy, version, local day, dimension value), sorted by key: the
    /// period labels are made once per day in [`Compliance::rows`], not
    /// once per outcome.
    counts: Vec<(CountKey, Counts)>,
}

/// Policy index, version, local day, dimension value.
type CountKey = (usize, u32, i64, Option<Sym>);

/// Policy index, version, period label, dimension value's text: a compliance row's key.
type GroupKey = (usize, u32, String, Option<String>);

impl<'a> Compliance<'a> {
    /// An empty table; errors when `opts.dimension` is not a dimension of `data`.
    pub fn new(data: &'a Dataset, as_of: Instant, opts: &'a ReportOptions) -> Result<Compliance<'a>, Error> {
        let dim = match &opts.dimension {
            None => None,
            Some(name) => Some(data.dimension_index(name).ok_or_else(|| {
                Error::invalid("dimension", format!("{} is not a dimension of the data (it has: {})", quote(name), data.dimension_names.join(", ")))
            })?),
        };
        Ok(Compliance { data, as_of, opts, dim, counts: Vec::new() })
    }

    /// Counts one outcome.
    pub fn add(&mut self, o: &Outcome) {
        let Some(ticket) = self.data.tickets.get(o.ticket) else { return };
        let at = self.opts.by.instant(ticket.opened, o, self.as_of);
        let day = (at + self.opts.zone.as_ref().map_or(0, |z| z.offset_at(at) as i64)).div_euclid(SECONDS_PER_DAY);
        let value = self.dim.and_then(|d| ticket.dimensions.get(d));
        let key = (o.policy, o.version, day, value);
        let i = self.counts.binary_search_by(|e| e.0.cmp(&key)).unwrap_or_else(|i| {
            self.counts.insert(i, (key, Counts::default()));
            i
        });
        if let Some((_, c)) = self.counts.get_mut(i) {
            c.add(o.state);
        }
    }

    /// The rows, ordered by policy, version, period, value.
    pub fn rows(self, set: &PolicySet) -> Vec<ComplianceRow> {
        // (policy, version, period label, value text): several days share a label, and
        // rows are ordered by the text of the value, not by its symbol.
        let mut keyed: Vec<Option<(GroupKey, Counts)>> = self
            .counts
            .into_iter()
            .map(|((p, v, day, value), c)| Some(((p, v, day_label(day, self.opts.period), value.map(|s| self.data.strings.get(s).to_string())), c)))
            .collect();
        // Equal keys are merged into one row (counts add up in any order).
        let order = crate::support::order::positions_by(keyed.len(), &|a, b| keyed[a].as_ref().map(|k| &k.0).cmp(&keyed[b].as_ref().map(|k| &k.0)));
        let mut groups: Vec<(GroupKey, Counts)> = Vec::new();
        for (key, c) in order.into_iter().filter_map(|i| keyed[i as usize].take()) {
            match groups.last_mut() {
                Some((last, total)) if *last == key => total.merge(c),
                _ => groups.push((key, c)),
            }
        }
        groups.into_iter().map(|((p, v, period, value), c)| c.row(policy_name(set, p), version_label(set, p, v), period, value)).collect()
    }
}

/// The breach list, latest first (then by ticket and policy).
pub fn breaches(data: &Dataset, set: &PolicySet, eval: &Evaluation) -> Vec<BreachRow> {
    let outcomes = &eval.outcomes;
    let list: Vec<&Outcome> = outcomes.iter().filter(|o| o.state == State::Breached).collect();
    let key = |i: usize| {
        let o = list[i];
        (std::cmp::Reverse(o.late.unwrap_or(0)), o.ticket, o.policy)
    };
    // (ticket, policy) is unique: the unstable sort is deterministic.
    crate::support::order::positions_by(list.len(), &|a, b| key(a).cmp(&key(b)))
        .into_iter()
        .map(|i| {
            let o = list[i as usize];
            let late = o.late.unwrap_or(0);
            BreachRow {
                ticket: ticket_id(data, o.ticket),
                policy: policy_name(set, o.policy),
                breach: o.breach.map(format_instant).unwrap_or_default(),
                stop: o.stop.map(format_instant),
                late_seconds: late,
                late: duration::format(late),
                over_target_seconds: (o.elapsed - o.target).max(0),
                open: o.stop.is_none(),
            }
        })
        .collect()
}

/// Every outcome as a row with its timeline.
pub fn outcomes(data: &Dataset, set: &PolicySet, eval: &Evaluation) -> Vec<OutcomeRow> {
    eval.outcomes.iter().map(|o| outcome_row(data, set, o)).collect()
}

/// One outcome as a row (with its timeline, empty when it was not computed).
pub fn outcome_row(data: &Dataset, set: &PolicySet, o: &Outcome) -> OutcomeRow {
    OutcomeRow {
        ticket: ticket_id(data, o.ticket),
        policy: policy_name(set, o.policy),
        state: o.state,
        start: format_instant(o.start),
        due: o.due.map(format_instant),
        stop: o.stop.map(format_instant),
        breach: o.breach.map(format_instant),
        elapsed_seconds: o.elapsed,
        target_seconds: o.target,
        percent: o.percent,
        late_seconds: o.late,
        paused_seconds: o.paused,
        timeline: o
            .timeline
            .iter()
            .map(|s| SegmentRow {
                from: format_instant(s.from),
                to: format_instant(s.to),
                kind: s.kind,
                status: s.status.map(|x| data.strings.get(x).to_string()),
            })
            .collect(),
    }
}

/// A warning threshold crossed by an outcome's clock (docs/sla.md §3.6).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Crossing {
    /// Ticket identifier.
    pub ticket: String,
    /// Policy name.
    pub policy: String,
    /// The threshold, a fraction of the target.
    pub threshold: f64,
    /// When the clock's working time reached it.
    pub at: String,
}

/// The warning thresholds the outcomes of `eval` crossed, outcome by
/// outcome, each outcome's in threshold order; read from the timelines, so
/// none for outcomes evaluated without them.
pub fn crossings_of(data: &Dataset, set: &PolicySet, eval: &Evaluation) -> Vec<Crossing> {
    let mut out = Vec::new();
    for o in &eval.outcomes {
        let warnings = set.policies.get(o.policy).map_or(&[][..], |p| &p.warnings);
        for (threshold, at) in crossings(&o.timeline, o.start, o.elapsed, o.target, warnings) {
            out.push(Crossing { ticket: ticket_id(data, o.ticket), policy: policy_name(set, o.policy), threshold, at: format_instant(at) });
        }
    }
    out
}

/// The label of the version each outcome of `outcomes` used, in order
/// (docs/sla.md §3.7); `None` for the outcomes of policies without versions.
pub fn outcome_versions<'a>(set: &'a PolicySet, outcomes: &[Outcome]) -> Vec<Option<&'a str>> {
    outcomes.iter().map(|o| set.policies.get(o.policy).and_then(|p| p.version_label(o.version))).collect()
}

/// The kind of clock of each outcome of `outcomes`, in order (docs/sla.md
/// §3.8): `OLA` for a policy with `runWhile`, `None` for any other.
pub fn outcome_kinds(set: &PolicySet, outcomes: &[Outcome]) -> Vec<Option<&'static str>> {
    outcomes.iter().map(|o| set.policies.get(o.policy).filter(|p| p.conditions.iter().any(|c| c.role == Role::Run)).map(|_| "OLA")).collect()
}

/// The whole report.
pub fn build(data: &Dataset, set: &PolicySet, eval: &Evaluation, opts: &ReportOptions) -> Result<Report, Error> {
    let all = ReportOptions { period: Period::All, by: Attribution::Stop, dimension: None, zone: None };
    Ok(Report {
        as_of: format_instant(eval.as_of),
        tickets_evaluated: eval.evaluated,
        tickets_unmatched: eval.unmatched.len(),
        warnings: eval.warnings.clone(),
        period: period_name(opts.period).to_string(),
        attributed_by: match opts.by {
            Attribution::Stop => "stop",
            Attribution::Open => "open",
        }
        .to_string(),
        dimension: opts.dimension.clone(),
        zone: opts.zone.as_ref().map_or("UTC", |z| z.name()).to_string(),
        totals: compliance(data, set, eval, &all)?,
        compliance: compliance(data, set, eval, opts)?,
        breaches: breaches(data, set, eval),
        outcomes: outcomes(data, set, eval),
    })
}

/// The name of a period as the report writes it (`"month"`).
pub fn period_name(p: Period) -> &'static str {
    match p {
        Period::Day => "day",
        Period::Week => "week",
        Period::Month => "month",
        Period::Quarter => "quarter",
        Period::All => "all",
    }
}

/// The label of the period holding `t` in `zone` (UTC when `None`).
pub fn period_label(t: Instant, period: Period, zone: Option<&TimeZone>) -> String {
    day_label((t + zone.map_or(0, |z| z.offset_at(t) as i64)).div_euclid(SECONDS_PER_DAY), period)
}

/// The label of the period holding local day `day` (days since 1970-01-01).
fn day_label(day: i64, period: Period) -> String {
    let date = date_of_epoch_day(day);
    match period {
        Period::Day => date.to_string(),
        Period::Week => {
            let week = date.iso_week();
            format!("{}-W{:02}", week.year(), week.week())
        }
        Period::Month => format!("{:04}-{:02}", date.year(), date.month()),
        Period::Quarter => format!("{}-Q{}", date.year(), date.month0() / 3 + 1),
        Period::All => "all".to_string(),
    }
}

fn ticket_id(data: &Dataset, i: usize) -> String {
    data.tickets.get(i).map(|t| t.id.clone()).unwrap_or_default()
}

fn policy_name(set: &PolicySet, i: usize) -> String {
    set.policies.get(i).map(|p| p.name.clone()).unwrap_or_default()
}

/// The label of version `v` of policy `i`; `None` when it has no versions.
pub fn version_label(set: &PolicySet, i: usize, v: u32) -> Option<String> {
    set.policies.get(i).and_then(|p| p.version_label(v)).map(str::to_string)
}

/// Neutralises a CSV cell that a spreadsheet would run as a formula (it
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return, after any
/// leading spaces, which some spreadsheets skip) by prefixing a single quote.
pub fn csv_cell(text: &str) -> String {
    match text.trim_start_matches(' ').chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// Appends one RFC 4180 field: quoted (inner quotes doubled) when it holds
/// a comma, a quote or a line break, as is otherwise. Hand-rolled rather
/// than the `csv` crate's writer, which added 18 KB (gzip) to the WASM
/// package for the outcomes download.
fn push_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// Appends `text` as one cell: [`csv_cell`] then [`push_field`], without
/// allocating when the text needs neither (the common case).
pub fn push_cell(out: &mut String, text: &str) {
    let formula = matches!(text.trim_start_matches(' ').chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    if formula || text.contains([',', '"', '\n', '\r']) {
        push_field(out, &csv_cell(text));
    } else {
        out.push_str(text);
    }
}

/// The header of [`outcomes_csv`].
pub const OUTCOMES_CSV_HEADER: &str = "ticket,policy,state,start,due,stop,breach,elapsed_seconds,target_seconds,percent,late_seconds,paused_seconds\n";

/// A CSV table: the header as is, then each row's cells neutralised
/// ([`csv_cell`]) and quoted when needed.
pub fn write_csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = String>| {
        for (i, cell) in cells.enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_field(&mut out, &cell);
        }
        out.push('\n');
    };
    line(&mut header.iter().map(|h| h.to_string()));
    for row in rows {
        line(&mut row.iter().map(|c| csv_cell(c)));
    }
    out
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// The name of a state as the reports write it (`"in_progress"`).
pub fn state_name(s: State) -> &'static str {
    match s {
        State::Met => "met",
        State::Breached => "breached",
        State::InProgress => "in_progress",
        State::AtRisk => "at_risk",
        State::Paused => "paused",
        State::NotApplicable => "not_applicable",
    }
}

/// The compliance table as CSV (compliance with two decimals, empty when
/// undefined); a `version` column after `policy` when some policy has versions.
pub fn compliance_csv(rows: &[ComplianceRow]) -> String {
    let versioned = rows.iter().any(|r| r.version.is_some());
    let mut header =
        vec!["policy", "version", "period", "value", "met", "breached", "in_progress", "at_risk", "paused", "not_applicable", "compliance_percent"];
    if !versioned {
        header.remove(1);
    }
    write_csv(
        &header,
        rows.iter().map(|r| {
            let mut row = vec![
                r.policy.clone(),
                opt(&r.version),
                r.period.clone(),
                opt(&r.value),
                r.met.to_string(),
                r.breached.to_string(),
                r.in_progress.to_string(),
                r.at_risk.to_string(),
                r.paused.to_string(),
                r.not_applicable.to_string(),
                r.compliance.map(|c| format!("{c:.2}")).unwrap_or_default(),
            ];
            if !versioned {
                row.remove(1);
            }
            row
        }),
    )
}

/// The breach list as CSV.
pub fn breaches_csv(rows: &[BreachRow]) -> String {
    write_csv(
        &["ticket", "policy", "breach", "stop", "late_seconds", "late", "over_target_seconds", "open"],
        rows.iter().map(|r| {
            vec![
                r.ticket.clone(),
                r.policy.clone(),
                r.breach.clone(),
                opt(&r.stop),
                r.late_seconds.to_string(),
                r.late.clone(),
                r.over_target_seconds.to_string(),
                r.open.to_string(),
            ]
        }),
    )
}

/// The outcomes as CSV (without timelines; use JSON for those).
pub fn outcomes_csv(rows: &[OutcomeRow]) -> String {
    outcomes_csv_of(rows.iter())
}

/// [`outcomes_csv`] of rows made one at a time, so that every row need not be held at once.
pub fn outcomes_csv_of<R: std::borrow::Borrow<OutcomeRow>>(rows: impl Iterator<Item = R>) -> String {
    write_csv(
        &["ticket", "policy", "state", "start", "due", "stop", "breach", "elapsed_seconds", "target_seconds", "percent", "late_seconds", "paused_seconds"],
        rows.map(|r| {
            let r = r.borrow();
            vec![
                r.ticket.clone(),
                r.policy.clone(),
                state_name(r.state).to_string(),
                r.start.clone(),
                opt(&r.due),
                opt(&r.stop),
                opt(&r.breach),
                r.elapsed_seconds.to_string(),
                r.target_seconds.to_string(),
                format!("{:.2}", r.percent),
                opt(&r.late_seconds),
                r.paused_seconds.to_string(),
            ]
        }),
    )
}

// Test code only (compiled under `cfg(test)`): its unwrap()/expect() calls
// run on inputs written in the tests, never on user input.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_labels_utc_and_zone() {
        // 2026-03-02T09:00Z is Monday of ISO week 10 (2026-01-01 is a Thursday, so week 1
        // runs Mon 2025-12-29..; Mar 2 is 63 days after Dec 29 → week 1 + 9 = 10).
        let t = 20_514 * 86_400 + 9 * 3600; // 20,514 days from 1970-01-01 to 2026-03-02
        assert_eq!(period_label(t, Period::Day, None), "2026-03-02");
        assert_eq!(period_label(t, Period::Week, None), "2026-W10");
        assert_eq!(period_label(t, Period::Month, None), "2026-03");
        assert_eq!(period_label(t, Period::Quarter, None), "2026-Q1");
        // 2026-03-31T23:30Z is already April 1st 01:30 in Berlin (UTC+2 after March 29):
        // the month and quarter change with the zone.
        let late = (20_514 + 29) * 86_400 + 23 * 3600 + 1800;
        let berlin = TimeZone::named("Europe/Berlin", "zone").unwrap();
        assert_eq!(period_label(late, Period::Month, None), "2026-03");
        assert_eq!(period_label(late, Period::Month, Some(&berlin)), "2026-04");
        assert_eq!(period_label(late, Period::Quarter, Some(&berlin)), "2026-Q2");
        // 2027-01-01 is a Friday: it belongs to ISO week 53 of 2026.
        let ny = (20_514 + 305) * 86_400;
        assert_eq!(period_label(ny, Period::Day, None), "2027-01-01");
        assert_eq!(period_label(ny, Period::Week, None), "2026-W53");
    }

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        // RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled;
        // the formula guard comes first, so '=a,b' is quoted with its leading quote.
        let text = write_csv(
            &["a", "b"],
            vec![
                vec!["plain".to_string(), "x,y".to_string()],
                vec!["say \"hi\"".to_string(), "two\nlines".to_string()],
                vec!["=a,b".to_string(), String::new()],
            ]
            .into_iter(),
        );
        assert_eq!(text, "a,b\nplain,\"x,y\"\n\"say \"\"hi\"\"\",\"two\nlines\"\n\"'=a,b\",\n");
    }

    #[test]
    fn csv_cells_that_look_like_formulas_are_neutralised() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("INC001"), "INC001");
        assert_eq!(csv_cell("  =1+1"), "'  =1+1");
        assert_eq!(csv_cell(" INC 1"), " INC 1");
        assert_eq!(csv_cell(""), "");
    }
}
