//! Evaluation of a policy set against a data set as of an instant: which
//! policies apply to each ticket (reopen and priority-change rules
//! included) and the outcome of each of their clocks.

use crate::model::{Dataset, Sym, Ticket};
use crate::sla::clock::{self, Measure, MetricSyms, Segment, State};
use crate::sla::policy::{ChangeRule, Metric, Policy, PolicySet, ReopenRule, Test};
use crate::time::Instant;

/// The outcome of one policy's clock on one ticket.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Index into [`Dataset::tickets`].
    pub ticket: usize,
    /// Index into [`PolicySet::policies`].
    pub policy: usize,
    /// State as of the evaluation instant.
    pub state: State,
    /// When the counted clock started (after any restart).
    pub start: Instant,
    /// Working seconds counted.
    pub elapsed: i64,
    /// The policy's target, in working seconds.
    pub target: i64,
    /// `elapsed / target × 100`.
    pub percent: f64,
    /// Due instant (see [`Measure::due`]).
    pub due: Option<Instant>,
    /// Breach instant (= due) when breached.
    pub breach: Option<Instant>,
    /// Stop instant, if stopped.
    pub stop: Option<Instant>,
    /// Wall-clock seconds past due, when breached.
    pub late: Option<i64>,
    /// Working seconds paused.
    pub paused: i64,
    /// The clock's segments, so a person can see why.
    pub timeline: Vec<Segment>,
}

/// Every outcome of a policy set on a data set, as of an instant.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// The evaluation instant.
    pub as_of: Instant,
    /// Tickets opened at or before `as_of` (later ones are not evaluated).
    pub evaluated: usize,
    /// One per (ticket, applicable policy), by ticket then policy.
    pub outcomes: Vec<Outcome>,
    /// Evaluated tickets to which no policy applies.
    pub unmatched: Vec<usize>,
    /// Likely mistakes in the policies for this data set (a condition on a
    /// dimension the data lacks, a status the data never uses).
    pub warnings: Vec<String>,
}

/// Where a condition reads its value.
enum Source {
    Dimension(usize),
    Kind,
    Missing,
}

struct CompiledCondition {
    source: Source,
    negate: bool,
    values: Vec<Sym>,
}

struct Compiled<'a> {
    policy: &'a Policy,
    conditions: Vec<CompiledCondition>,
    metric: MetricSyms,
    pauses: Vec<Sym>,
}

/// Evaluates every policy on every ticket opened at or before `as_of`.
pub fn evaluate(data: &Dataset, set: &PolicySet, as_of: Instant) -> Evaluation {
    evaluate_with(data, set, as_of, true)
}

/// [`evaluate`] without the clocks' timelines (every outcome's `timeline`
/// empty, every other figure the same): for aggregate reports, in less
/// time and memory.
pub fn evaluate_without_timelines(data: &Dataset, set: &PolicySet, as_of: Instant) -> Evaluation {
    evaluate_with(data, set, as_of, false)
}

fn evaluate_with(data: &Dataset, set: &PolicySet, as_of: Instant, with_timeline: bool) -> Evaluation {
    let mut warnings = Vec::new();
    let compiled: Vec<Compiled> = set.policies.iter().enumerate().map(|(i, p)| compile(data, set, p, i, &mut warnings)).collect();
    let mut outcomes = Vec::new();
    let mut unmatched = Vec::new();
    let mut evaluated = 0;
    for (ti, ticket) in data.tickets.iter().enumerate() {
        if ticket.opened > as_of {
            continue;
        }
        evaluated += 1;
        let before = outcomes.len();
        for (pi, c) in compiled.iter().enumerate() {
            if let Some(o) = evaluate_one(set, c, ticket, as_of, with_timeline) {
                outcomes.push(Outcome { ticket: ti, policy: pi, ..o });
            }
        }
        if outcomes.len() == before {
            unmatched.push(ti);
        }
    }
    Evaluation { as_of, evaluated, outcomes, unmatched, warnings }
}

fn compile<'a>(data: &Dataset, set: &PolicySet, policy: &'a Policy, index: usize, warnings: &mut Vec<String>) -> Compiled<'a> {
    let has_history = data.tickets.iter().any(|t| !t.statuses.is_empty());
    let mut syms = |names: &[String], what: &str| -> Vec<Sym> {
        let mut out = Vec::new();
        for n in names {
            match data.strings.lookup(n) {
                Some(s) => out.push(s),
                None if has_history => {
                    warnings.push(format!("policies[{index}] ({}): {what} {} never occurs in the data", policy.name, crate::error::quote(n)))
                }
                None => {}
            }
        }
        out
    };
    let metric = match &policy.metric {
        Metric::Response => MetricSyms::Response,
        Metric::Resolution => MetricSyms::Resolution { resolved: syms(&set.resolved_statuses, "resolved status") },
        Metric::Custom { start, stop } => MetricSyms::Custom { start: syms(start, "start status"), stop: syms(stop, "stop status") },
    };
    let pauses = syms(&policy.pause_statuses, "pause status");
    let mut conditions = Vec::new();
    for c in &policy.conditions {
        let source = match data.dimension_index(&c.dimension) {
            Some(i) => Source::Dimension(i),
            None if c.dimension == "kind" => Source::Kind,
            None => {
                warnings.push(format!(
                    "{}: the data has no dimension {} (it has: {})",
                    c.path,
                    crate::error::quote(&c.dimension),
                    data.dimension_names.join(", ")
                ));
                Source::Missing
            }
        };
        let (negate, values) = match &c.test {
            Test::OneOf(v) => (false, v.iter().filter_map(|n| data.strings.lookup(n)).collect()),
            Test::Not(v) => (true, v.iter().filter_map(|n| data.strings.lookup(n)).collect()),
        };
        conditions.push(CompiledCondition { source, negate, values });
    }
    Compiled { policy, conditions, metric, pauses }
}

/// The value of dimension `dim` in force at `t`: the last recorded change at
/// or before `t`; before the first recorded change, the first recorded
/// value (the earliest known); without recorded changes, the final value.
fn value_at(ticket: &Ticket, dim: usize, t: Instant) -> Option<Sym> {
    let mut first = None;
    let mut current = None;
    for c in ticket.dimension_changes.iter().filter(|c| c.dimension == dim) {
        if first.is_none() {
            first = Some(c.value);
        }
        if c.at <= t {
            current = Some(c.value);
        }
    }
    match (current, first) {
        (Some(v), _) | (None, Some(v)) => v,
        (None, None) => ticket.dimensions.get(dim).copied().flatten(),
    }
}

fn matches_at(c: &Compiled, ticket: &Ticket, t: Instant) -> bool {
    c.conditions.iter().all(|cond| {
        let value = match cond.source {
            Source::Dimension(d) => value_at(ticket, d, t),
            Source::Kind => Some(ticket.kind),
            Source::Missing => None,
        };
        let found = value.is_some_and(|v| cond.values.contains(&v));
        found != cond.negate
    })
}

/// The latest instant ≤ `until` at which the conditions became true (false
/// just before it), if they were ever false before `until`.
fn became_true(c: &Compiled, ticket: &Ticket, until: Instant) -> Option<Instant> {
    let dims: Vec<usize> = c.conditions.iter().filter_map(|x| match x.source {
        Source::Dimension(d) => Some(d),
        _ => None,
    }).collect();
    ticket
        .dimension_changes
        .iter()
        .rev()
        .filter(|ch| ch.at <= until && dims.contains(&ch.dimension))
        .map(|ch| ch.at)
        .find(|&at| matches_at(c, ticket, at) && !matches_at(c, ticket, at - 1))
}

fn evaluate_one(set: &PolicySet, c: &Compiled, ticket: &Ticket, as_of: Instant, with_timeline: bool) -> Option<Outcome> {
    let policy = c.policy;
    let marks = clock::track(ticket, &c.metric, &c.pauses, as_of);
    // The policy is chosen on the values in force when the clock stopped,
    // or at the evaluation instant while it runs.
    let decided = marks.as_deref().and_then(clock::stop_of).unwrap_or(as_of).min(as_of);
    if !matches_at(c, ticket, decided) {
        return None;
    }
    let Some(marks) = marks else {
        return Some(Outcome {
            ticket: 0,
            policy: 0,
            state: State::NotApplicable,
            start: ticket.opened,
            elapsed: 0,
            target: policy.target,
            percent: 0.0,
            due: None,
            breach: None,
            stop: None,
            late: None,
            paused: 0,
            timeline: Vec::new(),
        });
    };
    let mut start = marks.first().map_or(ticket.opened, |m| m.at);
    if policy.reopen == ReopenRule::Restart {
        if let Some(r) = clock::reopens(&marks).last() {
            start = start.max(r);
        }
    }
    if policy.priority_change == ChangeRule::Restart {
        if let Some(t) = became_true(c, ticket, decided) {
            start = start.max(t);
        }
    }
    let calendar = set.calendar_of(policy);
    let m: Measure = clock::measure_with(calendar, policy.target, policy.warning, &marks, start, as_of, with_timeline);
    Some(Outcome {
        ticket: 0,
        policy: 0,
        state: m.state,
        start: m.start,
        elapsed: m.elapsed,
        target: policy.target,
        percent: m.percent,
        due: m.due,
        breach: m.breach,
        stop: m.stop,
        late: m.late,
        paused: m.paused,
        timeline: m.timeline,
    })
}
