//! Where breach time went, aggregated: per policy × period × axis value,
//! the working time consumed in breached and in met outcomes (with each
//! value's share), the paused and out-of-hours time beside it, how many
//! breaches happened while the value held the ticket; per policy ×
//! period, business-time percentiles of the metric; and per period, the
//! most late breaches with the status and group that held most of their
//! working time (the service review's list).

use super::history::{Axis, History};
use super::split::split;
use crate::ingest::model::{Dataset, Sym};
use crate::kpi::percentile_nearest_rank;
use crate::sla::clock::State;
use crate::sla::evaluate::Outcome;
use crate::sla::policy::PolicySet;
use crate::sla::report::{self, Attribution, ReportOptions};
use crate::support::time::{format_instant, Instant};
use serde::Serialize;

/// Time of one value of one axis in one policy × period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CauseRow {
    /// Policy name.
    pub policy: String,
    /// Period label (as in the compliance table).
    pub period: String,
    /// The axis: `status`, `group` or a dimension name.
    pub dimension: String,
    /// The value (`None`: no value, e.g. no group yet).
    pub value: Option<String>,
    /// Counted working seconds of breached outcomes while this value held.
    pub breached_seconds: i64,
    /// `breached_seconds` as a percentage of the working seconds of every
    /// breached outcome of the policy × period (`None` when that is 0).
    pub breached_share: Option<f64>,
    /// Working seconds of the calendar paused in breached outcomes.
    pub breached_paused_seconds: i64,
    /// Wall-clock seconds running outside working hours in breached outcomes.
    pub breached_outside_hours_seconds: i64,
    /// Counted working seconds of met outcomes while this value held.
    pub met_seconds: i64,
    /// `met_seconds` as a percentage of the working seconds of every met
    /// outcome of the policy × period (`None` when that is 0).
    pub met_share: Option<f64>,
    /// Working seconds of the calendar paused in met outcomes.
    pub met_paused_seconds: i64,
    /// Wall-clock seconds running outside working hours in met outcomes.
    pub met_outside_hours_seconds: i64,
    /// Breached outcomes whose breach instant fell while this value held.
    pub breaches_held: u64,
}

/// Business-time percentiles of a policy's metric in one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricRow {
    /// Policy name.
    pub policy: String,
    /// Period label.
    pub period: String,
    /// Met outcomes.
    pub met: u64,
    /// Breached outcomes.
    pub breached: u64,
    /// Nearest-rank percentiles 50, 90 and 95 of the elapsed working
    /// seconds of the met and breached outcomes.
    pub p50_seconds: i64,
    /// See `p50_seconds`.
    pub p90_seconds: i64,
    /// See `p50_seconds`.
    pub p95_seconds: i64,
}

/// One of the most late breached outcomes of a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TopBreach {
    /// Period label.
    pub period: String,
    /// Ticket identifier.
    pub ticket: String,
    /// Policy name.
    pub policy: String,
    /// Breach (= due) instant.
    pub breach: String,
    /// Wall-clock seconds from the breach to the stop (or to the evaluation instant).
    pub late_seconds: i64,
    /// The status in force for most of the counted working time (the first
    /// on the timeline among equals; `None`: no status, or `status` is not an axis).
    pub status: Option<String>,
    /// Working seconds of `status` (`None` when `status` is not an axis).
    pub status_seconds: Option<i64>,
    /// The assignment group holding the ticket for most of it (`None`: no
    /// group, e.g. before the first assignment, or `group` is not an axis).
    pub group: Option<String>,
    /// Working seconds of `group` (`None` when `group` is not an axis).
    pub group_seconds: Option<i64>,
}

/// The value that held most of an outcome's working time along one axis, and that time.
type Held = (Option<Sym>, i64);

/// Breached outcomes listed per period in [`CausesReport::top_breaches`].
pub const TOP_BREACHES: usize = 10;

/// The causes document: what the CLI prints as JSON and the JS API returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CausesReport {
    /// Evaluation instant.
    pub as_of: String,
    /// Period length.
    pub period: String,
    /// `stop` or `open`.
    pub attributed_by: String,
    /// Zone of the periods.
    pub zone: String,
    /// The axes, in the order of the rows.
    pub dimensions: Vec<String>,
    /// Percentiles per policy × period.
    pub metrics: Vec<MetricRow>,
    /// Rows per policy × period × axis × value.
    pub causes: Vec<CauseRow>,
    /// Per period, its [`TOP_BREACHES`] most late breached outcomes, most
    /// late first (ties in evaluation order); the periods in the order their
    /// first met or breached outcome was evaluated.
    pub top_breaches: Vec<TopBreach>,
}

/// A breached outcome kept among the most late of its period: ordered by
/// period, then lateness (most first); equals stay in the order added.
struct Worst {
    key: (usize, std::cmp::Reverse<i64>),
    ticket: usize,
    policy: usize,
    breach: Option<Instant>,
    /// Along status, then group.
    held: [Option<Held>; 2],
}

/// Sums of one value's shares over outcomes of one state.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    working: i64,
    paused: i64,
    outside_hours: i64,
}

#[derive(Debug, Clone, Copy, Default)]
struct Cell {
    breached: Sums,
    met: Sums,
    held: u64,
}

/// Policy index, period (index into the labels), axis position, value.
type CellKey = (usize, usize, usize, Option<Sym>);

/// The causes table built one outcome at a time: only met and breached
/// outcomes count, each with its timeline.
pub struct Causes<'a> {
    data: &'a Dataset,
    set: &'a PolicySet,
    as_of: Instant,
    opts: &'a ReportOptions,
    axes: Vec<Axis>,
    /// Ordered by key (binary search: no hash map instantiated for this
    /// table, which the WASM size budget cannot afford).
    cells: Vec<(CellKey, Cell)>,
    /// The period labels met so far.
    labels: Vec<String>,
    /// Per (policy, period): elapsed seconds of met and breached outcomes, and the met count.
    metrics: Vec<((usize, usize), Vec<i64>, u64)>,
    /// At most [`TOP_BREACHES`] per period, in `Worst::key` order.
    worst: Vec<Worst>,
}

impl<'a> Causes<'a> {
    /// An empty table along `axes`.
    pub fn new(data: &'a Dataset, set: &'a PolicySet, as_of: Instant, opts: &'a ReportOptions, axes: Vec<Axis>) -> Causes<'a> {
        Causes { data, set, as_of, opts, axes, cells: Vec::new(), labels: Vec::new(), metrics: Vec::new(), worst: Vec::new() }
    }

    /// Counts one outcome (with its timeline); other than met and breached ones are skipped.
    pub fn add(&mut self, o: &Outcome) {
        let breached = match o.state {
            State::Breached => true,
            State::Met => false,
            _ => return,
        };
        let (Some(ticket), Some(policy)) = (self.data.tickets.get(o.ticket), self.set.policies.get(o.policy)) else { return };
        let at = self.opts.by.instant(ticket.opened, o, self.as_of);
        let label = report::period_label(at, self.opts.period, self.opts.zone.as_ref());
        let period = match self.labels.iter().rposition(|l| *l == label) {
            Some(i) => i,
            None => {
                self.labels.push(label);
                self.labels.len() - 1
            }
        };
        let mkey = (o.policy, period);
        let m = match self.metrics.iter().position(|m| m.0 == mkey) {
            Some(i) => i,
            None => {
                self.metrics.push((mkey, Vec::new(), 0));
                self.metrics.len() - 1
            }
        };
        self.metrics[m].1.push(o.elapsed);
        self.metrics[m].2 += u64::from(!breached);
        let calendar = self.set.calendar_of(policy, o.version);
        let mut held: [Option<Held>; 2] = [None, None];
        for (ai, &axis) in self.axes.iter().enumerate() {
            let history = History::of(ticket, axis);
            let slot = match axis {
                Axis::Status => held.get_mut(0),
                Axis::Group => held.get_mut(1),
                Axis::Dimension(_) => None,
            };
            let mut most: Option<Held> = None;
            for s in split(calendar, &history, &o.timeline, o.breach) {
                if most.map_or(true, |m| s.working > m.1) {
                    most = Some((s.value, s.working));
                }
                let key = (o.policy, period, ai, s.value);
                let i = self.cells.binary_search_by(|c| c.0.cmp(&key)).unwrap_or_else(|i| {
                    self.cells.insert(i, (key, Cell::default()));
                    i
                });
                let cell = &mut self.cells[i].1;
                let sums = if breached { &mut cell.breached } else { &mut cell.met };
                sums.working += s.working;
                sums.paused += s.paused;
                sums.outside_hours += s.outside_hours;
                cell.held += u64::from(s.at_breach);
            }
            if let Some(slot) = slot {
                *slot = most;
            }
        }
        if breached {
            self.keep_if_worst(Worst { key: (period, std::cmp::Reverse(o.late.unwrap_or(0))), ticket: o.ticket, policy: o.policy, breach: o.breach, held });
        }
    }

    /// Keeps `w` when it is among the [`TOP_BREACHES`] most late of its period.
    fn keep_if_worst(&mut self, w: Worst) {
        let period = w.key.0;
        let first = self.worst.partition_point(|x| x.key.0 < period);
        // After its equals: ties keep the order outcomes were added in.
        let at = self.worst.partition_point(|x| x.key <= w.key);
        if at - first >= TOP_BREACHES {
            return;
        }
        self.worst.insert(at, w);
        let end = self.worst.partition_point(|x| x.key.0 <= period);
        if end - first > TOP_BREACHES {
            self.worst.remove(end - 1);
        }
    }

    /// The document: metric rows by policy and period, cause rows by
    /// policy, period, axis and value text (no value first).
    pub fn report(self) -> CausesReport {
        let (data, set) = (self.data, self.set);
        let name = |p: usize| set.policies.get(p).map_or("", |x| x.name.as_str()).to_string();
        let text = |v: Option<Sym>| v.map(|s| data.strings.get(s));
        let labels = &self.labels;
        let metrics = &self.metrics;
        let metric_key = |i: usize| (metrics[i].0 .0, &labels[metrics[i].0 .1]);
        let metric_order = crate::support::order::positions_by(metrics.len(), &|a, b| metric_key(a).cmp(&metric_key(b)));
        // Every axis splits the same elapsed time: the first one's sums are the totals.
        let mut totals: Vec<((usize, usize), (i64, i64))> = Vec::new();
        for ((p, period, _, _), c) in self.cells.iter().filter(|c| c.0 .2 == 0) {
            match totals.iter_mut().find(|t| t.0 == (*p, *period)) {
                Some(t) => {
                    t.1 .0 += c.breached.working;
                    t.1 .1 += c.met.working;
                }
                None => totals.push(((*p, *period), (c.breached.working, c.met.working))),
            }
        }
        let share = |part: i64, whole: i64| (whole > 0).then(|| part as f64 * 100.0 / whole as f64);
        let cells = &self.cells;
        let cell_order = crate::support::order::positions_by(cells.len(), &|a, b| {
            let (x, y) = (&cells[a].0, &cells[b].0);
            (x.0, &labels[x.1], x.2, text(x.3)).cmp(&(y.0, &labels[y.1], y.2, text(y.3)))
        });
        let causes = cell_order
            .into_iter()
            .map(|i| {
                let ((p, period, ai, value), c) = &cells[i as usize];
                let (breached_total, met_total) = totals.iter().find(|t| t.0 == (*p, *period)).map_or((0, 0), |t| t.1);
                CauseRow {
                    policy: name(*p),
                    period: labels[*period].clone(),
                    dimension: self.axes.get(*ai).map_or("", |a| a.name(data)).to_string(),
                    value: text(*value).map(str::to_string),
                    breached_seconds: c.breached.working,
                    breached_share: share(c.breached.working, breached_total),
                    breached_paused_seconds: c.breached.paused,
                    breached_outside_hours_seconds: c.breached.outside_hours,
                    met_seconds: c.met.working,
                    met_share: share(c.met.working, met_total),
                    met_paused_seconds: c.met.paused,
                    met_outside_hours_seconds: c.met.outside_hours,
                    breaches_held: c.held,
                }
            })
            .collect();
        let metrics = metric_order
            .into_iter()
            .map(|i| {
                let ((p, period), elapsed, met) = &metrics[i as usize];
                let values: Vec<f64> = elapsed.iter().map(|&e| e as f64).collect();
                // Seconds below 2^53 are exact in f64: the percentile is one of them.
                let pct = |q: f64| percentile_nearest_rank(&values, q).map_or(0, |v| v as i64);
                MetricRow {
                    policy: name(*p),
                    period: labels[*period].clone(),
                    met: *met,
                    breached: elapsed.len() as u64 - met,
                    p50_seconds: pct(50.0),
                    p90_seconds: pct(90.0),
                    p95_seconds: pct(95.0),
                }
            })
            .collect();
        let value = |h: Option<Held>| h.and_then(|h| text(h.0)).map(str::to_string);
        let top_breaches = self
            .worst
            .iter()
            .map(|w| TopBreach {
                period: labels[w.key.0].clone(),
                ticket: data.tickets.get(w.ticket).map_or_else(String::new, |t| t.id.clone()),
                policy: name(w.policy),
                breach: w.breach.map(format_instant).unwrap_or_default(),
                late_seconds: w.key.1 .0,
                status: value(w.held[0]),
                status_seconds: w.held[0].map(|h| h.1),
                group: value(w.held[1]),
                group_seconds: w.held[1].map(|h| h.1),
            })
            .collect();
        CausesReport {
            as_of: format_instant(self.as_of),
            period: report::period_name(self.opts.period).to_string(),
            attributed_by: match self.opts.by {
                Attribution::Stop => "stop",
                Attribution::Open => "open",
            }
            .to_string(),
            zone: self.opts.zone.as_ref().map_or("UTC", |z| z.name()).to_string(),
            dimensions: self.axes.iter().map(|a| a.name(data).to_string()).collect(),
            metrics,
            causes,
            top_breaches,
        }
    }
}

/// The causes table as CSV (shares with two decimals, empty when undefined).
pub fn causes_csv(rows: &[CauseRow]) -> String {
    let share = |s: Option<f64>| s.map(|v| format!("{v:.2}")).unwrap_or_default();
    report::write_csv(
        &[
            "policy",
            "period",
            "dimension",
            "value",
            "breached_seconds",
            "breached_share_percent",
            "breached_paused_seconds",
            "breached_outside_hours_seconds",
            "met_seconds",
            "met_share_percent",
            "met_paused_seconds",
            "met_outside_hours_seconds",
            "breaches_held",
        ],
        rows.iter().map(|r| {
            vec![
                r.policy.clone(),
                r.period.clone(),
                r.dimension.clone(),
                r.value.clone().unwrap_or_default(),
                r.breached_seconds.to_string(),
                share(r.breached_share),
                r.breached_paused_seconds.to_string(),
                r.breached_outside_hours_seconds.to_string(),
                r.met_seconds.to_string(),
                share(r.met_share),
                r.met_paused_seconds.to_string(),
                r.met_outside_hours_seconds.to_string(),
                r.breaches_held.to_string(),
            ]
        }),
    )
}
