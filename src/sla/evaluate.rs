//! Evaluation of a policy set against a data set as of an instant: which
//! policies apply to each ticket (reopen and priority-change rules
//! included) and the outcome of each of their clocks.

use crate::calendar::Calendar;
use crate::ingest::model::{Dataset, Strings, Sym, Ticket};
use crate::sla::clock::{self, Mark, Measure, MetricSyms, Segment, State};
use crate::sla::duration::Target;
use crate::sla::policy::{local_instant, ChangeRule, Metric, Policy, PolicySet, ReopenRule, Role, Test, VersionBy};
use crate::support::time::Instant;

/// The outcome of one policy's clock on one ticket.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Index into [`Dataset::tickets`].
    pub ticket: usize,
    /// Index into [`PolicySet::policies`].
    pub policy: usize,
    /// The policy's version used (see [`Policy::version_at`]; 0 without versions).
    pub version: u32,
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
    role: Role,
    source: Source,
    negate: bool,
    values: Vec<Sym>,
}

struct Compiled<'a> {
    policy: &'a Policy,
    conditions: Vec<CompiledCondition>,
    /// The dimensions the `when` conditions read.
    dims: Vec<usize>,
    metric: MetricSyms,
    /// The pause statuses of each version (index 0: the policy's own).
    pauses: Vec<Vec<Sym>>,
    /// Whether some condition gates the clock (§3.8).
    gated: bool,
    /// The data set's strings, to read the dates of `dueAt`.
    strings: &'a Strings,
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

/// [`evaluate`] of ticket `index` alone: its outcomes, with timelines, as
/// in the evaluation of every ticket (`evaluated` and `unmatched` count it
/// alone; nothing when it was opened after `as_of` or does not exist).
pub fn evaluate_ticket(data: &Dataset, set: &PolicySet, as_of: Instant, index: usize) -> Evaluation {
    evaluate_ticket_with(data, set, as_of, index, has_status_history(data))
}

/// [`evaluate_ticket`] given `has_history`, [`has_status_history`] of
/// `data`: callers evaluating many tickets one at a time compute it once
/// (it reads every ticket of a data set without statuses, which made a
/// pass over 100,000 flat tickets quadratic: 196 s instead of 0.25 s).
pub fn evaluate_ticket_with(data: &Dataset, set: &PolicySet, as_of: Instant, index: usize, has_history: bool) -> Evaluation {
    let mut outcomes = Vec::new();
    let mut unmatched = Vec::new();
    let tickets = index.min(data.tickets.len())..(index + 1).min(data.tickets.len());
    let (evaluated, warnings) = walk(data, set, as_of, true, tickets, has_history, Some(&mut unmatched), &mut |o| outcomes.push(o));
    Evaluation { as_of, evaluated, outcomes, unmatched, warnings }
}

/// Whether some ticket of `data` has a status history (policies then
/// warn about status names the data never uses).
pub fn has_status_history(data: &Dataset) -> bool {
    data.tickets.iter().any(|t| !t.statuses().is_empty())
}

/// The outcomes of [`evaluate_without_timelines`], handed to `each` one at
/// a time in the same order instead of collected: aggregates over a
/// million tickets then never hold every outcome at once.
pub fn for_each_outcome(data: &Dataset, set: &PolicySet, as_of: Instant, each: &mut dyn FnMut(Outcome)) {
    walk(data, set, as_of, false, 0..data.tickets.len(), has_status_history(data), None, each);
}

/// [`for_each_outcome`] that also returns what [`Evaluation`] counts
/// besides its outcomes: the tickets evaluated, the number of evaluated
/// tickets no policy applies to, and the warnings.
pub fn for_each_outcome_counted(data: &Dataset, set: &PolicySet, as_of: Instant, each: &mut dyn FnMut(Outcome)) -> (usize, usize, Vec<String>) {
    let mut unmatched = Vec::new();
    let (evaluated, warnings) = walk(data, set, as_of, false, 0..data.tickets.len(), has_status_history(data), Some(&mut unmatched), each);
    (evaluated, unmatched.len(), warnings)
}

fn evaluate_with(data: &Dataset, set: &PolicySet, as_of: Instant, with_timeline: bool) -> Evaluation {
    let mut outcomes = Vec::new();
    let mut unmatched = Vec::new();
    let (evaluated, warnings) =
        walk(data, set, as_of, with_timeline, 0..data.tickets.len(), has_status_history(data), Some(&mut unmatched), &mut |o| outcomes.push(o));
    Evaluation { as_of, evaluated, outcomes, unmatched, warnings }
}

/// Evaluates the tickets of range `tickets` opened at or before `as_of`, passing each outcome
/// to `each` and each ticket no policy applies to to `unmatched`; returns
/// how many tickets were evaluated and the warnings.
#[allow(clippy::too_many_arguments)]
fn walk(
    data: &Dataset,
    set: &PolicySet,
    as_of: Instant,
    with_timeline: bool,
    tickets: std::ops::Range<usize>,
    has_history: bool,
    mut unmatched: Option<&mut Vec<usize>>,
    each: &mut dyn FnMut(Outcome),
) -> (usize, Vec<String>) {
    let mut warnings = Vec::new();
    let compiled: Vec<Compiled> = set.policies.iter().enumerate().map(|(i, p)| compile(data, set, p, i, has_history, &mut warnings)).collect();
    let mut marks = Vec::new();
    let mut evaluated = 0;
    let first = tickets.start;
    for (i, ticket) in data.tickets.get(tickets).unwrap_or(&[]).iter().enumerate() {
        let ti = first + i;
        if ticket.opened > as_of {
            continue;
        }
        evaluated += 1;
        let mut matched = false;
        for (pi, c) in compiled.iter().enumerate() {
            if let Some(o) = evaluate_one(set, &compiled, c, ticket, as_of, with_timeline, &mut marks) {
                matched = true;
                each(Outcome { ticket: ti, policy: pi, ..o });
            }
        }
        if let (false, Some(list)) = (matched, unmatched.as_deref_mut()) {
            list.push(ti);
        }
    }
    (evaluated, warnings)
}

fn compile<'a>(data: &'a Dataset, set: &PolicySet, policy: &'a Policy, index: usize, has_history: bool, warnings: &mut Vec<String>) -> Compiled<'a> {
    let mut syms = |names: &[String], what: &str| -> Vec<Sym> {
        let mut out = Vec::new();
        for n in names {
            match data.strings.lookup(n) {
                Some(s) => out.push(s),
                None if has_history => {
                    warnings.push(format!("policies[{index}] ({}): {what} {} never occurs in the data", policy.name, crate::support::error::quote(n)))
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
    let pauses = (0..=policy.versions.len() as u32)
        .map(|v| {
            // A status never in the data is warned of once, where first named.
            let names = policy.definition(v).pause_statuses;
            let first: Vec<String> = names.iter().filter(|n| !(0..v).any(|u| policy.definition(u).pause_statuses.contains(n))).cloned().collect();
            syms(&first, "pause status");
            names.iter().filter_map(|n| data.strings.lookup(n)).collect()
        })
        .collect();
    let mut conditions = Vec::new();
    for c in &policy.conditions {
        let source = match data.dimension_index(&c.dimension) {
            Some(i) => Source::Dimension(i),
            None if c.dimension == "kind" => Source::Kind,
            None => {
                warnings.push(format!(
                    "{}: the data has no dimension {} (it has: {})",
                    c.path,
                    crate::support::error::quote(&c.dimension),
                    data.dimension_names.join(", ")
                ));
                Source::Missing
            }
        };
        let (negate, values) = match &c.test {
            Test::OneOf(v) => (false, v.iter().filter_map(|n| data.strings.lookup(n)).collect()),
            Test::Not(v) => (true, v.iter().filter_map(|n| data.strings.lookup(n)).collect()),
        };
        conditions.push(CompiledCondition { role: c.role, source, negate, values });
    }
    let dims = conditions
        .iter()
        .filter_map(|x| match x.source {
            Source::Dimension(d) if x.role == Role::When => Some(d),
            _ => None,
        })
        .collect();
    let gated = conditions.iter().any(|x| !matches!(x.role, Role::When | Role::Due));
    Compiled { policy, conditions, dims, metric, pauses, gated, strings: &data.strings }
}

/// The value of dimension `dim` in force at `t`: the last recorded change at
/// or before `t`; before the first recorded change, the first recorded
/// value (the earliest known); without recorded changes, the final value.
fn value_at(ticket: &Ticket, dim: usize, t: Instant) -> Option<Sym> {
    let mut first = None;
    let mut current = None;
    for c in ticket.dimension_changes().iter().filter(|c| c.dimension == dim) {
        if first.is_none() {
            first = Some(c.value);
        }
        if c.at <= t {
            current = Some(c.value);
        }
    }
    match (current, first) {
        (Some(v), _) | (None, Some(v)) => v,
        (None, None) => ticket.dimensions.get(dim),
    }
}

fn matches_at(c: &Compiled, ticket: &Ticket, t: Instant) -> bool {
    all_hold(c, Role::When, ticket, t)
}

/// Whether every condition of `c` with role `role` holds on `ticket` at `t`.
fn all_hold(c: &Compiled, role: Role, ticket: &Ticket, t: Instant) -> bool {
    c.conditions.iter().filter(|x| x.role == role).all(|cond| {
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
    ticket
        .dimension_changes()
        .iter()
        .rev()
        .filter(|ch| ch.at <= until && c.dims.contains(&ch.dimension))
        .map(|ch| ch.at)
        .find(|&at| matches_at(c, ticket, at) && !matches_at(c, ticket, at - 1))
}

/// The outcome of policy `c` (one of `all`) on `ticket`, if it applies;
/// `marks` is a scratch buffer for the clock's marks.
fn evaluate_one(
    set: &PolicySet,
    all: &[Compiled],
    c: &Compiled,
    ticket: &Ticket,
    as_of: Instant,
    with_timeline: bool,
    marks: &mut Vec<Mark>,
) -> Option<Outcome> {
    let policy = c.policy;
    // Without a recorded change of a dimension the conditions read, they
    // hold at every instant or at none: decide before tracking the clock.
    let fixed = !ticket.dimension_changes().iter().any(|ch| c.dims.contains(&ch.dimension));
    if fixed && !matches_at(c, ticket, as_of) {
        return None;
    }
    // When the clock stopped, or the evaluation instant while it runs.
    let stopped = |started: bool, marks: &[Mark]| if started { clock::stop_of(marks) } else { None }.unwrap_or(as_of).min(as_of);
    // Versioned by opening: known before the clock is tracked; by stop:
    // tracked again when the stop's version pauses in other statuses
    // (pauses do not move the stop).
    let mut version = policy.version_at(ticket.opened);
    let mut started = track(c, ticket, pauses_of(c, version), as_of, marks);
    if policy.version_by == VersionBy::Stopped {
        let at_stop = policy.version_at(stopped(started, marks));
        if pauses_of(c, at_stop) != pauses_of(c, version) {
            started = track(c, ticket, pauses_of(c, at_stop), as_of, marks);
        }
        version = at_stop;
    }
    // The policy is chosen on the values in force when the clock stopped,
    // or at the evaluation instant while it runs.
    let decided = stopped(started, marks);
    if !fixed && !matches_at(c, ticket, decided) {
        return None;
    }
    let definition = policy.definition(version);
    let calendar = set.calendar_of(policy, version);
    if !started {
        return Some(Outcome {
            ticket: 0,
            policy: 0,
            version,
            state: State::NotApplicable,
            start: ticket.opened,
            elapsed: 0,
            target: target_from(definition.target, calendar, ticket.opened),
            percent: 0.0,
            due: None,
            breach: None,
            stop: None,
            late: None,
            paused: 0,
            timeline: Vec::new(),
        });
    };
    let (start, changed) = counted_from(c, ticket, marks, decided);
    // A negotiated goal: the date in force when the clock stopped (or at
    // the evaluation instant), due at the start when earlier; the target
    // is the working time up to it.
    let agreed = match c.conditions.iter().find(|x| x.role == Role::Due).map(|x| &x.source) {
        Some(&Source::Dimension(d)) => value_at(ticket, d, decided),
        _ => None,
    }
    .and_then(|v| local_instant(c.strings.get(v), calendar, true).ok())
    .map(|d| d.max(start));
    let target = match agreed {
        Some(due) => calendar.duration(start, due),
        None => target_from(definition.target, calendar, start),
    };
    let carried = match (policy.priority_change, changed) {
        // The share used, to millionths and at most 1, of the new target:
        // the working time at which a warning threshold of that share is crossed.
        (ChangeRule::CarryPercent, Some(t)) => {
            used_before(set, all, c, ticket, t).map_or(0, |(used, of)| clock::share((used as f64 / of as f64).min(1.0), target))
        }
        _ => 0,
    };
    let mut m: Measure = clock::measure_with(calendar, target, policy.warning, marks, (start, carried, agreed), as_of, with_timeline);
    if !policy.met_at_due {
        clock::breach_at_due(&mut m, as_of);
    }
    Some(Outcome {
        ticket: 0,
        policy: 0,
        version,
        state: m.state,
        start: m.start,
        elapsed: m.elapsed,
        target,
        percent: m.percent,
        due: m.due,
        breach: m.breach,
        stop: m.stop,
        late: m.late,
        paused: m.paused,
        timeline: m.timeline,
    })
}

/// When the clock of `c` counts from, given its marks: its first mark, the
/// last reopen under `reopen: restart`, or — under a priority-change rule
/// other than `retroactive` — when its conditions last became true at or
/// before `until`, which is then also returned.
fn counted_from(c: &Compiled, ticket: &Ticket, marks: &[Mark], until: Instant) -> (Instant, Option<Instant>) {
    let mut start = marks.first().map_or(ticket.opened, |m| m.at);
    if c.policy.reopen == ReopenRule::Restart {
        if let Some(r) = clock::reopens(marks).last() {
            start = start.max(r);
        }
    }
    let changed = match c.policy.priority_change {
        ChangeRule::Retroactive => None,
        _ => became_true(c, ticket, until).filter(|&t| t > start),
    };
    (changed.unwrap_or(start), changed)
}

/// Under `carry-percent`: the working seconds used, and the target, of the
/// policy that applied to `ticket` just before the change at `t` that made
/// `c` apply — the first other policy of the same metric whose conditions
/// held at `t − 1 s` — measured as of `t` under its own calendar, pauses
/// and rules (its own carry is not followed). `None` when no policy
/// applied or its clock had not started.
fn used_before(set: &PolicySet, all: &[Compiled], c: &Compiled, ticket: &Ticket, t: Instant) -> Option<(i64, i64)> {
    let q = all.iter().find(|q| !std::ptr::eq(q.policy, c.policy) && q.policy.metric == c.policy.metric && matches_at(q, ticket, t.saturating_sub(1)))?;
    let mut marks = Vec::new();
    // Its version: by opening, or (by stop) at `t`, when it was superseded.
    let version = q.policy.version_at(match q.policy.version_by {
        VersionBy::Opened => ticket.opened,
        VersionBy::Stopped => t,
    });
    if !track(q, ticket, pauses_of(q, version), t, &mut marks) {
        return None;
    }
    let start = counted_from(q, ticket, &marks, t.saturating_sub(1)).0;
    let definition = q.policy.definition(version);
    let calendar = set.calendar_of(q.policy, version);
    let target = target_from(definition.target, calendar, start);
    Some((clock::measure_with(calendar, target, q.policy.warning, &marks, (start, 0, None), t, false).elapsed, target))
}

/// The marks of `c`'s clock on `ticket` as of `as_of` with pause statuses
/// `pauses`: those of the statuses ([`clock::track_into`]), then of the
/// policy's gates ([`clock::gate`]); `false` when the clock never started.
fn track(c: &Compiled, ticket: &Ticket, pauses: &[Sym], as_of: Instant, marks: &mut Vec<Mark>) -> bool {
    let started = clock::track_into(ticket, &c.metric, pauses, as_of, marks);
    if !started || !c.gated {
        return started;
    }
    // Every change of a dimension (those the gates do not read change nothing).
    let changes: Vec<Instant> = ticket.dimension_changes().iter().filter(|ch| ch.at <= as_of).map(|ch| ch.at).collect();
    let at = |t| {
        let holds = |r: Role| all_hold(c, r, ticket, t);
        let some = |r: Role| c.conditions.iter().any(|x| x.role == r) && holds(r);
        let run = holds(Role::Run);
        (run && holds(Role::Start), some(Role::Stop), !run || some(Role::Pause))
    };
    clock::gate(marks, &changes, &at)
}

/// The pause statuses of version `v` of `c`'s policy.
fn pauses_of<'a>(c: &'a Compiled, v: u32) -> &'a [Sym] {
    c.pauses.get(v as usize).or(c.pauses.first()).map_or(&[], |p| p.as_slice())
}

/// A target in working seconds for a clock starting at `start` (a
/// business-day target depends on the start; one the calendar never
/// reaches is taken as unreachable, so the clock has no due instant).
fn target_from(target: &Target, calendar: &Calendar, start: Instant) -> i64 {
    target.seconds_from(calendar, start).unwrap_or(UNREACHABLE)
}

/// A target no calendar reaches before 2200 (well clear of overflow).
const UNREACHABLE: i64 = 1 << 40;
