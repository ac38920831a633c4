//! Every outcome of an evaluation in columns (no timelines), so that a
//! large evaluation is held compactly and read by index, by ticket, a page
//! at a time or as a whole (CSV, compliance, breaches), and a ticket's
//! clock timelines are computed only when that ticket is asked for.

use crate::ingest::model::Dataset;
use crate::sla::clock::State;
use crate::sla::evaluate::{evaluate_ticket_with, for_each_outcome_counted, has_status_history, Evaluation, Outcome};
use crate::sla::policy::PolicySet;
use crate::sla::report::{self, BreachRow, ComplianceRow, OutcomeRow, ReportOptions};
use crate::support::error::Error;
use crate::support::time::{format_instant, Instant};
use std::cmp::Ordering;

/// Marks an absent instant or duration in an `i64` column.
const NONE: i64 = i64::MIN;

/// The states in the order of their codes in [`OutcomeTable::state_code`].
pub const STATES: [State; 6] = [State::Met, State::Breached, State::InProgress, State::AtRisk, State::Paused, State::NotApplicable];

/// The outcomes of [`crate::sla::evaluate_without_timelines`] in columns,
/// in the same order (by ticket, then policy), with the evaluation's counts.
#[derive(Debug, Clone, Default)]
pub struct OutcomeTable {
    /// The evaluation instant.
    pub as_of: Instant,
    /// Tickets opened at or before `as_of`.
    pub evaluated: usize,
    /// Evaluated tickets to which no policy applies.
    pub unmatched: usize,
    /// The evaluation's warnings (see [`Evaluation::warnings`]).
    pub warnings: Vec<String>,
    ticket: Vec<u32>,
    policy: Vec<u32>,
    version: Vec<u32>,
    state: Vec<State>,
    start: Vec<i64>,
    due: Vec<i64>,
    stop: Vec<i64>,
    breach: Vec<i64>,
    elapsed: Vec<i64>,
    target: Vec<i64>,
    percent: Vec<f64>,
    late: Vec<i64>,
    paused: Vec<i64>,
}

/// A column to order outcomes by (see [`OutcomeTable::order`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Ticket id (text order).
    Ticket,
    /// Policy name (text order).
    Policy,
    /// State name (text order).
    State,
    /// Clock start.
    Start,
    /// Due instant (absent last).
    Due,
    /// Stop instant (absent last).
    Stop,
    /// Breach instant (absent last).
    Breach,
    /// Working seconds counted.
    Elapsed,
    /// Target seconds.
    Target,
    /// Percent of the target.
    Percent,
    /// Seconds late (absent last).
    Late,
    /// Working seconds paused.
    Paused,
}

impl SortKey {
    /// The names accepted, as the JS API writes the fields of an outcome.
    pub const NAMES: [(&'static str, SortKey); 12] = [
        ("ticket", SortKey::Ticket),
        ("policy", SortKey::Policy),
        ("state", SortKey::State),
        ("start", SortKey::Start),
        ("due", SortKey::Due),
        ("stop", SortKey::Stop),
        ("breach", SortKey::Breach),
        ("elapsedSeconds", SortKey::Elapsed),
        ("targetSeconds", SortKey::Target),
        ("percent", SortKey::Percent),
        ("lateSeconds", SortKey::Late),
        ("pausedSeconds", SortKey::Paused),
    ];

    /// Reads `"percent"` (ascending) or `"-percent"` (descending); an
    /// error at `path` names the accepted fields otherwise.
    pub fn parse(text: &str, path: &str) -> Result<(SortKey, bool), Error> {
        let (name, descending) = match text.strip_prefix('-') {
            Some(rest) => (rest, true),
            None => (text, false),
        };
        match Self::NAMES.iter().find(|(n, _)| *n == name) {
            Some(&(_, key)) => Ok((key, descending)),
            None => Err(Error::invalid(
                path,
                format!(
                    "{} is not a sort field: expected one of {}, optionally prefixed with - for descending",
                    crate::support::error::quote(text),
                    Self::NAMES.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                ),
            )),
        }
    }
}

fn opt(v: Option<i64>) -> i64 {
    v.unwrap_or(NONE)
}

fn get(v: i64) -> Option<i64> {
    (v != NONE).then_some(v)
}

impl OutcomeTable {
    /// Evaluates `set` on `data` as of `as_of` into columns (no timelines).
    pub fn evaluate(data: &Dataset, set: &PolicySet, as_of: Instant) -> OutcomeTable {
        let mut t = OutcomeTable { as_of, ..OutcomeTable::default() };
        let (evaluated, unmatched, warnings) = for_each_outcome_counted(data, set, as_of, &mut |o| t.push(&o));
        t.evaluated = evaluated;
        t.unmatched = unmatched;
        t.warnings = warnings;
        t
    }

    fn push(&mut self, o: &Outcome) {
        // Ticket and policy indices fit: a data set holds fewer than 2^32 tickets.
        self.ticket.push(o.ticket as u32);
        self.policy.push(o.policy as u32);
        self.version.push(o.version);
        self.state.push(o.state);
        self.start.push(o.start);
        self.due.push(opt(o.due));
        self.stop.push(opt(o.stop));
        self.breach.push(opt(o.breach));
        self.elapsed.push(o.elapsed);
        self.target.push(o.target);
        self.percent.push(o.percent);
        self.late.push(opt(o.late));
        self.paused.push(o.paused);
    }

    /// The number of outcomes.
    pub fn len(&self) -> usize {
        self.ticket.len()
    }

    /// Whether there are no outcomes.
    pub fn is_empty(&self) -> bool {
        self.ticket.is_empty()
    }

    /// Outcome `i` without its timeline, or `None` past the end.
    pub fn outcome(&self, i: usize) -> Option<Outcome> {
        Some(Outcome {
            ticket: *self.ticket.get(i)? as usize,
            policy: self.policy[i] as usize,
            version: self.version[i],
            state: self.state[i],
            start: self.start[i],
            elapsed: self.elapsed[i],
            target: self.target[i],
            percent: self.percent[i],
            due: get(self.due[i]),
            breach: get(self.breach[i]),
            stop: get(self.stop[i]),
            late: get(self.late[i]),
            paused: self.paused[i],
            timeline: Vec::new(),
        })
    }

    /// Every outcome in order, without timelines.
    pub fn outcomes(&self) -> impl Iterator<Item = Outcome> + '_ {
        (0..self.len()).filter_map(|i| self.outcome(i))
    }

    /// The positions of the outcomes of ticket `index` (into `data.tickets`).
    pub fn ticket_range(&self, index: usize) -> std::ops::Range<usize> {
        let lo = self.ticket.partition_point(|&t| (t as usize) < index);
        let hi = self.ticket.partition_point(|&t| (t as usize) <= index);
        lo..hi
    }

    /// Outcomes `positions` with their timelines, computed for their tickets
    /// alone (one evaluation per distinct ticket).
    pub fn with_timelines(&self, data: &Dataset, set: &PolicySet, positions: &[usize]) -> Vec<Outcome> {
        let mut out = Vec::with_capacity(positions.len());
        self.each_with_timeline(data, set, positions.iter().copied(), &mut |o| out.push(o));
        out
    }

    /// [`OutcomeTable::with_timelines`] handed to `each` one at a time, so
    /// that every timeline need not be held at once (positions of one
    /// ticket next to each other share its evaluation).
    pub fn each_with_timeline(&self, data: &Dataset, set: &PolicySet, positions: impl Iterator<Item = usize>, each: &mut dyn FnMut(Outcome)) {
        let mut cache: Option<(usize, Evaluation)> = None;
        let has_history = has_status_history(data);
        for i in positions {
            let Some(mut o) = self.outcome(i) else { continue };
            if cache.as_ref().map(|c| c.0) != Some(o.ticket) {
                cache = Some((o.ticket, evaluate_ticket_with(data, set, self.as_of, o.ticket, has_history)));
            }
            if let Some((_, eval)) = &cache {
                if let Some(full) = eval.outcomes.iter().find(|f| f.policy == o.policy) {
                    o.timeline = full.timeline.clone();
                }
            }
            each(o);
        }
    }

    /// Rows of outcomes `positions`, with timelines.
    pub fn rows(&self, data: &Dataset, set: &PolicySet, positions: &[usize]) -> Vec<OutcomeRow> {
        self.with_timelines(data, set, positions).iter().map(|o| report::outcome_row(data, set, o)).collect()
    }

    /// The compliance table (as [`report::compliance`] of the same evaluation).
    pub fn compliance(&self, data: &Dataset, set: &PolicySet, opts: &ReportOptions) -> Result<Vec<ComplianceRow>, Error> {
        let mut table = report::Compliance::new(data, self.as_of, opts)?;
        for o in self.outcomes() {
            table.add(&o);
        }
        Ok(table.rows(set))
    }

    /// The breach list (as [`report::breaches`] of the same evaluation).
    pub fn breaches(&self, data: &Dataset, set: &PolicySet) -> Vec<BreachRow> {
        let outcomes = self.outcomes().filter(|o| o.state == State::Breached).collect();
        let eval = Evaluation { as_of: self.as_of, evaluated: self.evaluated, outcomes, unmatched: Vec::new(), warnings: Vec::new() };
        report::breaches(data, set, &eval)
    }

    /// Every outcome as CSV, the same text as [`report::outcomes_csv`],
    /// written straight from the columns (no row objects: the download of
    /// 100k outcomes is the case to keep fast).
    pub fn csv(&self, data: &Dataset, set: &PolicySet) -> String {
        use std::fmt::Write;
        let mut out = String::with_capacity(64 + self.len() * 120);
        out.push_str(report::OUTCOMES_CSV_HEADER);
        let mut cell = String::new();
        let mut policies = Vec::with_capacity(set.policies.len());
        for p in &set.policies {
            let mut text = String::new();
            report::push_cell(&mut text, &p.name);
            policies.push(text);
        }
        let instant = |out: &mut String, v: i64| {
            if v != NONE {
                out.push_str(&format_instant(v));
            }
        };
        let number = |out: &mut String, cell: &mut String, v: std::fmt::Arguments| {
            cell.clear();
            let _ = cell.write_fmt(v);
            report::push_cell(out, cell);
        };
        for i in 0..self.len() {
            report::push_cell(&mut out, data.tickets.get(self.ticket[i] as usize).map_or("", |t| t.id.as_str()));
            out.push(',');
            out.push_str(policies.get(self.policy[i] as usize).map_or("", |p| p.as_str()));
            out.push(',');
            out.push_str(report::state_name(self.state[i]));
            out.push(',');
            // Instants are written as digits, '-' after the year and ':':
            // no formula lead, nothing to quote (negative years aside, which
            // push_cell guards).
            for v in [self.start[i], self.due[i], self.stop[i], self.breach[i]] {
                if v < 0 && v != NONE {
                    report::push_cell(&mut out, &format_instant(v));
                } else {
                    instant(&mut out, v);
                }
                out.push(',');
            }
            number(&mut out, &mut cell, format_args!("{}", self.elapsed[i]));
            out.push(',');
            number(&mut out, &mut cell, format_args!("{}", self.target[i]));
            out.push(',');
            number(&mut out, &mut cell, format_args!("{:.2}", self.percent[i]));
            out.push(',');
            if self.late[i] != NONE {
                number(&mut out, &mut cell, format_args!("{}", self.late[i]));
            }
            out.push(',');
            number(&mut out, &mut cell, format_args!("{}", self.paused[i]));
            out.push('\n');
        }
        out
    }

    /// The positions of every outcome ordered by `key` (absent values last
    /// either way, ties in evaluation order).
    pub fn order(&self, data: &Dataset, set: &PolicySet, key: SortKey, descending: bool) -> Vec<u32> {
        let mut idx: Vec<u32> = (0..self.len() as u32).collect();
        // One comparator for every key: one instantiation of the sort
        // (twelve cost ~25 KB gzip of WASM).
        let id = |i: usize| data.tickets.get(self.ticket[i] as usize).map_or("", |t| t.id.as_str());
        let name = |i: usize| set.policies.get(self.policy[i] as usize).map_or("", |p| p.name.as_str());
        let column = match key {
            SortKey::Start => Some(&self.start),
            SortKey::Due => Some(&self.due),
            SortKey::Stop => Some(&self.stop),
            SortKey::Breach => Some(&self.breach),
            SortKey::Elapsed => Some(&self.elapsed),
            SortKey::Target => Some(&self.target),
            SortKey::Late => Some(&self.late),
            SortKey::Paused => Some(&self.paused),
            _ => None,
        };
        let compare = |a: &u32, b: &u32| -> Ordering {
            let (a, b) = (*a as usize, *b as usize);
            let (order, absent) = match (key, column) {
                (_, Some(c)) => match (c[a] == NONE, c[b] == NONE) {
                    (false, false) => (c[a].cmp(&c[b]), Ordering::Equal),
                    (x, y) => (Ordering::Equal, x.cmp(&y)),
                },
                (SortKey::Ticket, _) => (id(a).cmp(id(b)), Ordering::Equal),
                (SortKey::Policy, _) => (name(a).cmp(name(b)), Ordering::Equal),
                (SortKey::State, _) => (report::state_name(self.state[a]).cmp(report::state_name(self.state[b])), Ordering::Equal),
                _ => (self.percent[a].total_cmp(&self.percent[b]), Ordering::Equal),
            };
            // Absent values last either way; ties in evaluation order.
            let order = if descending { order.reverse() } else { order };
            absent.then(order).then(a.cmp(&b))
        };
        idx.sort_unstable_by(compare);
        idx
    }

    /// The ticket column: indices into `data.tickets`.
    pub fn ticket_column(&self) -> &[u32] {
        &self.ticket
    }

    /// The policy column: indices into the policy set.
    pub fn policy_column(&self) -> &[u32] {
        &self.policy
    }

    /// The state column as codes: indices into [`STATES`].
    pub fn state_codes(&self) -> Vec<u8> {
        self.state.iter().map(|s| STATES.iter().position(|x| x == s).unwrap_or(0) as u8).collect()
    }

    /// An instant or duration column (seconds) as `f64` scaled by `scale`
    /// (1000 for epoch milliseconds), absent values as NaN.
    pub fn f64_column(&self, key: SortKey, scale: f64) -> Vec<f64> {
        let c = match key {
            SortKey::Start => &self.start,
            SortKey::Due => &self.due,
            SortKey::Stop => &self.stop,
            SortKey::Breach => &self.breach,
            SortKey::Elapsed => &self.elapsed,
            SortKey::Target => &self.target,
            SortKey::Late => &self.late,
            SortKey::Paused => &self.paused,
            SortKey::Percent => return self.percent.clone(),
            SortKey::Ticket | SortKey::Policy | SortKey::State => return Vec::new(),
        };
        c.iter().map(|&v| if v == NONE { f64::NAN } else { v as f64 * scale }).collect()
    }
}
