//! Seeded synthetic ITSM data for tests and benchmarks: tickets with
//! realistic shares and shapes, outages and changes, as CSV text that the
//! ingest presets read (docs/ingest.md).
//!
//! The same `seed` and size always give the same text. The shape:
//!
//! - **priorities** P1 2 %, P2 8 %, P3 60 %, P4 30 % (ServiceNow codes
//!   `1`…`4`, labels `1 - Critical`…`4 - Low`);
//! - **arrivals** over [`Spec::days`] days from [`Spec::start`] (UTC):
//!   weekdays weigh 1, weekend days 0.15; within a day, 08:00–18:00 UTC
//!   carry 875 of 934 hourly weights (94 %), the night the rest;
//! - **durations** log-normal, by priority: first response median 10 min /
//!   30 min / 2 h / 4 h, resolution median 3 h / 6 h / 20 h / 40 h of wall
//!   time (σ 0.8 and 1.0);
//! - **pauses**: 25 % of tickets wait once (`Awaiting User Info` 20 %,
//!   `Awaiting Vendor` 3 %, `Awaiting Problem` 2 %), median 8 h, added to
//!   the resolution time;
//! - **reopens**: 5 % reopen a day (median) after resolution and resolve
//!   again 4 h (median) later; **reassignments**: 30 % once, 8 % twice;
//!   **escalations**: 3 % of P3 tickets are raised to P2 at first response;
//! - tickets resolved after the end of the span are still open; closure is
//!   three days after the last resolution, when within the span;
//! - 8 services, 6 assignment groups, 6 categories, 4 channels; outages
//!   (one per 2,000 tickets, at least 5; a third planned) and changes (one
//!   per 100 tickets, at least 10; 85 % standard or normal, 7 % failed).
//!
//! Forms: [`Form::Flat`] is one row per ticket for the `servicenow-incidents`
//! preset (no status history: the ingest reads no pauses from a flat list);
//! [`Form::Events`] is one row per update for the `servicenow-event-log`
//! preset, carrying the status, assignment and priority history. Timestamps
//! are naive ISO `YYYY-MM-DD HH:MM:SS` in UTC. Outages load with the mapping
//! [`OUTAGE_MAPPING`], changes with [`CHANGE_MAPPING`].

use crate::support::time::{date_of_epoch_day, Instant, SECONDS_PER_DAY};
use chrono::{Datelike, Weekday};
use std::fmt::Write;

/// Which CSV form to write tickets in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// One row per ticket (`servicenow-incidents` preset).
    Flat,
    /// One row per update of a ticket (`servicenow-event-log` preset).
    Events,
}

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Number of tickets.
    pub tickets: usize,
    /// Seed of the random sequence.
    pub seed: u64,
    /// First instant of the span (UTC).
    pub start: Instant,
    /// Length of the span in days; the data's evaluation instant is its end.
    pub days: u32,
}

impl Spec {
    /// `tickets` tickets with `seed` over the 364 days from Monday
    /// 2025-01-06 00:00 UTC (52 whole weeks).
    pub fn new(tickets: usize, seed: u64) -> Spec {
        Spec { tickets, seed, start: 1_736_121_600, days: 364 }
    }

    /// The end of the span: the natural evaluation instant of the data.
    pub fn end(&self) -> Instant {
        self.start + i64::from(self.days) * SECONDS_PER_DAY
    }
}

/// The load-options mapping of [`outages_csv`]'s columns.
pub const OUTAGE_MAPPING: &str = r#"{"record":"outages","mapping":{"service":"service","start":"start","end":"end","planned":"planned"}}"#;

/// The load-options mapping of [`changes_csv`]'s columns.
pub const CHANGE_MAPPING: &str =
    r#"{"record":"changes","mapping":{"id":"number","type":"type","outcome":"outcome","service":"service","start":"start","end":"end"}}"#;

const SERVICES: [(&str, u32); 8] = [("Email", 20), ("VPN", 15), ("ERP", 15), ("CRM", 12), ("Network", 12), ("Laptop", 14), ("Printing", 6), ("HR Portal", 6)];
const GROUPS: [&str; 6] = ["Service Desk", "Network Ops", "Apps Support", "Desktop Support", "Database Team", "Security"];
const CATEGORIES: [(&str, u32); 6] = [("Software", 35), ("Hardware", 20), ("Network", 15), ("Access", 15), ("Inquiry", 10), ("Database", 5)];
const CHANNELS: [(&str, u32); 4] = [("Phone", 40), ("Email", 30), ("Self-service", 25), ("Walk-in", 5)];
const PRIORITY_LABELS: [&str; 4] = ["1 - Critical", "2 - High", "3 - Moderate", "4 - Low"];
/// Median first response and resolution (seconds) by priority.
const RESPONSE_MEDIAN: [f64; 4] = [600.0, 1800.0, 7200.0, 14400.0];
const RESOLVE_MEDIAN: [f64; 4] = [3.0 * 3600.0, 6.0 * 3600.0, 20.0 * 3600.0, 40.0 * 3600.0];
/// Wall-clock resolution targets for the source system's own verdict.
const SOURCE_TARGET: [i64; 4] = [5 * 3600, 8 * 3600, 96 * 3600, 120 * 3600];
/// Hourly intake weights (UTC hour 0..24): 875 of 934 between 08:00 and 18:00.
const HOUR_WEIGHTS: [u32; 24] = [1, 1, 1, 1, 1, 2, 3, 6, 70, 100, 100, 95, 80, 90, 100, 95, 85, 60, 20, 10, 6, 4, 2, 1];

/// A small permuted congruential generator (PCG-XSH-RR 64/32): seeded,
/// portable, and good enough for synthetic data.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    const MUL: u64 = 6_364_136_223_846_793_005;
    const INC: u64 = 1_442_695_040_888_963_407;

    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Rng {
        let mut r = Rng { state: 0 };
        r.next_u32();
        r.state = r.state.wrapping_add(seed);
        r.next_u32();
        r
    }

    /// The next 32 random bits.
    pub fn next_u32(&mut self) -> u32 {
        let old = self.state;
        self.state = old.wrapping_mul(Self::MUL).wrapping_add(Self::INC);
        let xorshifted = (((old >> 18) ^ old) >> 27) as u32;
        xorshifted.rotate_right((old >> 59) as u32)
    }

    /// A uniform number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        let hi = u64::from(self.next_u32()) << 21;
        let lo = u64::from(self.next_u32() >> 11);
        (hi | lo) as f64 / (1u64 << 53) as f64
    }

    /// A uniform integer in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u32) -> u32 {
        ((u64::from(self.next_u32()) * u64::from(n)) >> 32) as u32
    }

    /// Whether an event of probability `p` happens.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A standard normal variate (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u = 1.0 - self.unit(); // (0, 1]
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// A log-normal variate with the given median and σ of its logarithm.
    pub fn lognormal(&mut self, median: f64, sigma: f64) -> f64 {
        median * (sigma * self.normal()).exp()
    }

    /// An index drawn with the given weights (not all zero).
    fn weighted(&mut self, weights: impl Iterator<Item = u32> + Clone) -> usize {
        let total: u32 = weights.clone().sum();
        let mut x = self.below(total.max(1));
        for (i, w) in weights.enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        0
    }
}

/// One generated ticket's life, before it is written in a form.
struct Life {
    number: usize,
    priority: usize,
    /// Priority before an escalation at first response.
    escalated_from: Option<usize>,
    service: usize,
    category: usize,
    channel: usize,
    opened: Instant,
    /// Status changes after the opening (`New` at `opened`), in order.
    events: Vec<Event>,
    /// Assignment group at the opening.
    group: usize,
    resolved: Option<Instant>,
    closed: Option<Instant>,
    reopens: u32,
    made_sla: bool,
}

/// An update of a ticket after its opening.
struct Event {
    at: Instant,
    status: &'static str,
    /// The assignment group from this update on.
    group: usize,
    /// Whether this update is the first response (an agent picks it up).
    assigned: bool,
}

/// The opening instants of `spec`'s tickets, oldest first.
fn arrivals(spec: &Spec, rng: &mut Rng) -> Vec<Instant> {
    let day_weights: Vec<u32> =
        (0..spec.days)
            .map(|d| {
                if matches!(date_of_epoch_day(spec.start.div_euclid(SECONDS_PER_DAY) + i64::from(d)).weekday(), Weekday::Sat | Weekday::Sun) {
                    15
                } else {
                    100
                }
            })
            .collect();
    let total: u32 = day_weights.iter().sum();
    // Cumulative weights, for a binary search per ticket.
    let cumulative: Vec<u32> = day_weights
        .iter()
        .scan(0u32, |acc, w| {
            *acc += w;
            Some(*acc)
        })
        .collect();
    let mut out: Vec<Instant> = (0..spec.tickets)
        .map(|_| {
            let x = rng.below(total.max(1));
            let day = cumulative.partition_point(|&c| c <= x) as i64;
            let hour = rng.weighted(HOUR_WEIGHTS.iter().copied()) as i64;
            spec.start + day * SECONDS_PER_DAY + hour * 3600 + i64::from(rng.below(3600))
        })
        .collect();
    out.sort_unstable();
    out
}

fn seconds(x: f64) -> i64 {
    (x.round() as i64).max(60)
}

fn life(number: usize, opened: Instant, end: Instant, rng: &mut Rng) -> Life {
    let mut priority = rng.weighted([2, 8, 60, 30].into_iter());
    let service = rng.weighted(SERVICES.iter().map(|s| s.1));
    let category = rng.weighted(CATEGORIES.iter().map(|c| c.1));
    let channel = rng.weighted(CHANNELS.iter().map(|c| c.1));
    // Most tickets start at the service desk; the rest go straight to the
    // service's own team.
    let own_group = 1 + service % (GROUPS.len() - 1);
    let mut group = if rng.chance(0.7) { 0 } else { own_group };
    let opening_group = group;
    let mut events = Vec::new();
    let mut t = opened + seconds(rng.lognormal(RESPONSE_MEDIAN[priority], 0.8));
    let escalated_from = if priority == 2 && rng.chance(0.03) {
        priority = 1;
        Some(2)
    } else {
        None
    };
    events.push(Event { at: t, status: "Active", group, assigned: true });
    let mut work = seconds(rng.lognormal(RESOLVE_MEDIAN[priority], 1.0));
    // Reassignments happen during the work.
    let reassignments = if rng.chance(0.08) {
        2
    } else if rng.chance(0.30 / 0.92) {
        1
    } else {
        0
    };
    let pause = if rng.chance(0.25) {
        let status = match rng.below(25) {
            0..=19 => "Awaiting User Info",
            20..=22 => "Awaiting Vendor",
            _ => "Awaiting Problem",
        };
        Some((status, seconds(rng.lognormal(8.0 * 3600.0, 1.0))))
    } else {
        None
    };
    // The work is cut into pieces by the reassignments and the pause, in
    // random order (the pause at a random place among them).
    let steps = reassignments + usize::from(pause.is_some());
    let pause_at = rng.below(steps.max(1) as u32) as usize;
    for step in 0..steps {
        let share = (work as f64 * rng.unit() / (steps - step + 1) as f64) as i64;
        t += share;
        work -= share;
        match pause {
            Some((status, length)) if step == pause_at => {
                events.push(Event { at: t, status, group, assigned: false });
                t += length;
                events.push(Event { at: t, status: "Active", group, assigned: false });
            }
            _ => {
                group = if group == own_group { (own_group + 1 + rng.below(4) as usize) % GROUPS.len() } else { own_group };
                events.push(Event { at: t, status: "Active", group, assigned: false });
            }
        }
    }
    t += work.max(60);
    let first_resolution = t;
    events.push(Event { at: t, status: "Resolved", group, assigned: false });
    if rng.chance(0.05) {
        t += seconds(rng.lognormal(86_400.0, 0.7));
        events.push(Event { at: t, status: "Active", group, assigned: false });
        t += seconds(rng.lognormal(4.0 * 3600.0, 1.0));
        events.push(Event { at: t, status: "Resolved", group, assigned: false });
    }
    let closed = t + 3 * SECONDS_PER_DAY;
    events.push(Event { at: closed, status: "Closed", group, assigned: false });
    // What the span sees: events after its end have not happened yet.
    events.retain(|e| e.at <= end);
    let resolved = match events.last() {
        Some(e) if e.status == "Resolved" || e.status == "Closed" => events.iter().rev().find(|e| e.status == "Resolved").map(|e| e.at),
        _ => None,
    };
    // Reopens seen so far: moves back to work after a resolution.
    let reopens = events.windows(2).filter(|w| w[0].status == "Resolved" && w[1].status == "Active").count() as u32;
    let made_sla = first_resolution - opened <= SOURCE_TARGET[priority];
    Life {
        number,
        priority,
        escalated_from,
        service,
        category,
        channel,
        opened,
        events,
        group: opening_group,
        resolved,
        closed: Some(closed).filter(|&c| c <= end),
        reopens,
        made_sla,
    }
}

/// Writes `t` as `YYYY-MM-DD HH:MM:SS` (UTC).
fn push_time(out: &mut String, t: Instant) {
    let date = date_of_epoch_day(t.div_euclid(SECONDS_PER_DAY));
    let s = t.rem_euclid(SECONDS_PER_DAY);
    let _ = write!(out, "{:04}-{:02}-{:02} {:02}:{:02}:{:02}", date.year(), date.month(), date.day(), s / 3600, s / 60 % 60, s % 60);
}

fn push_opt_time(out: &mut String, t: Option<Instant>) {
    if let Some(t) = t {
        push_time(out, t);
    }
}

/// The header of the flat form.
const FLAT_HEADER: &str =
    "number,opened_at,resolved_at,closed_at,priority,incident_state,category,business_service,contact_type,assignment_group,reopen_count,made_sla\n";
/// The header of the event-log form.
const EVENTS_HEADER: &str = "number,incident_state,sys_mod_count,sys_updated_at,opened_at,resolved_at,closed_at,reopen_count,made_sla,contact_type,category,cmdb_ci,priority,assignment_group,assigned_to\n";

fn write_flat(out: &mut String, l: &Life) {
    let state = match l.events.last().map(|e| e.status) {
        Some("Closed") => 7,
        Some("Resolved") => 6,
        Some("Active") => 2,
        Some(_) => 3, // awaiting: on hold
        None => 1,
    };
    let group = l.events.last().map(|e| e.group).unwrap_or(l.group);
    let _ = write!(out, "INC{:07},", l.number);
    push_time(out, l.opened);
    out.push(',');
    push_opt_time(out, l.resolved);
    out.push(',');
    push_opt_time(out, l.closed);
    let _ = writeln!(
        out,
        ",{},{},{},{},{},{},{},{}",
        l.priority + 1,
        state,
        CATEGORIES[l.category].0,
        SERVICES[l.service].0,
        CHANNELS[l.channel].0,
        GROUPS[group],
        l.reopens,
        l.made_sla
    );
}

fn write_events(out: &mut String, l: &Life) {
    let row = |out: &mut String, seq: usize, status: &str, at: Instant, priority: usize, group: usize, assignee: Option<u32>| {
        let _ = write!(out, "INC{:07},{},{},", l.number, status, seq);
        push_time(out, at);
        out.push(',');
        push_time(out, l.opened);
        out.push(',');
        push_opt_time(out, l.resolved);
        out.push(',');
        push_opt_time(out, l.closed);
        let _ = write!(
            out,
            ",{},{},{},{},{},{},{},",
            l.reopens, l.made_sla, CHANNELS[l.channel].0, CATEGORIES[l.category].0, SERVICES[l.service].0, PRIORITY_LABELS[priority], GROUPS[group]
        );
        if let Some(a) = assignee {
            let _ = write!(out, "Agent {a}");
        }
        out.push('\n');
    };
    let first_priority = l.escalated_from.unwrap_or(l.priority);
    row(out, 0, "New", l.opened, first_priority, l.group, None);
    // A stable agent per ticket, derived from its number.
    let agent = (l.number as u32).wrapping_mul(2_654_435_761) % 400 + 1;
    let mut assignee = None;
    for (i, e) in l.events.iter().enumerate() {
        if e.assigned {
            assignee = Some(agent);
        }
        let priority = if assignee.is_some() { l.priority } else { first_priority };
        row(out, i + 1, e.status, e.at, priority, e.group, assignee);
    }
}

/// The tickets of `spec` as CSV text in `form`.
pub fn tickets_csv(spec: &Spec, form: Form) -> String {
    let mut rng = Rng::new(spec.seed);
    let opened = arrivals(spec, &mut rng);
    let per_row = if form == Form::Flat { 120 } else { 700 };
    let mut out = String::with_capacity(spec.tickets.saturating_mul(per_row).min(1 << 31));
    out.push_str(if form == Form::Flat { FLAT_HEADER } else { EVENTS_HEADER });
    let end = spec.end();
    for (i, &t) in opened.iter().enumerate() {
        let l = life(i + 1, t, end, &mut rng);
        match form {
            Form::Flat => write_flat(&mut out, &l),
            Form::Events => write_events(&mut out, &l),
        }
    }
    out
}

/// The outages of `spec` (columns `service,start,end,planned`): one per
/// 2,000 tickets and at least 5; planned ones (a third) fall on Saturday
/// nights and last 2 h, unplanned ones anywhere, median 45 min.
pub fn outages_csv(spec: &Spec) -> String {
    let mut rng = Rng::new(spec.seed ^ 0x6f75_7461_6765);
    let n = (spec.tickets / 2000).max(5);
    let mut rows: Vec<(Instant, Instant, usize, bool)> = (0..n)
        .map(|_| {
            let service = rng.weighted(SERVICES.iter().map(|s| s.1));
            let day = i64::from(rng.below(spec.days.max(1)));
            if rng.chance(1.0 / 3.0) {
                // Saturday 22:00 of the week of `day` (the span starts on a Monday).
                let start = spec.start + (day - day % 7 + 5) * SECONDS_PER_DAY + 22 * 3600;
                (start, start + 2 * 3600, service, true)
            } else {
                let start = spec.start + day * SECONDS_PER_DAY + i64::from(rng.below(86_400));
                (start, start + seconds(rng.lognormal(45.0 * 60.0, 0.8)), service, false)
            }
        })
        .collect();
    rows.sort_unstable_by_key(|r| r.0);
    let end = spec.end();
    let mut out = String::from("service,start,end,planned\n");
    for (start, stop, service, planned) in rows.into_iter().filter(|r| r.0 < end) {
        let _ = write!(out, "{},", SERVICES[service].0);
        push_time(&mut out, start);
        out.push(',');
        push_opt_time(&mut out, Some(stop).filter(|&s| s <= end));
        let _ = writeln!(out, ",{planned}");
    }
    out
}

/// The changes of `spec` (columns `number,type,outcome,service,start,end`):
/// one per 100 tickets and at least 10; 60 % standard, 32 % normal, 8 %
/// emergency; 7 % failed and 3 % backed out, the rest successful.
pub fn changes_csv(spec: &Spec) -> String {
    let mut rng = Rng::new(spec.seed ^ 0x6368_616e_6765);
    let n = (spec.tickets / 100).max(10);
    let mut starts: Vec<Instant> =
        (0..n).map(|_| spec.start + i64::from(rng.below(spec.days.max(1))) * SECONDS_PER_DAY + 8 * 3600 + i64::from(rng.below(10 * 3600))).collect();
    starts.sort_unstable();
    let mut out = String::from("number,type,outcome,service,start,end\n");
    for (i, start) in starts.into_iter().enumerate() {
        let kind = ["standard", "normal", "emergency"][rng.weighted([60, 32, 8].into_iter())];
        let outcome = ["successful", "failed", "backed out"][rng.weighted([90, 7, 3].into_iter())];
        let service = rng.weighted(SERVICES.iter().map(|s| s.1));
        let _ = write!(out, "CHG{:07},{kind},{outcome},{},", i + 1, SERVICES[service].0);
        push_time(&mut out, start);
        out.push(',');
        push_time(&mut out, start + seconds(rng.lognormal(3600.0, 0.6)));
        out.push('\n');
    }
    out
}
