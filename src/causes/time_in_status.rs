//! Time in status: how long each ticket spent in each status (or group, or
//! dimension value), in working time on a chosen calendar and on the wall
//! clock, and statistics of those times across tickets.
//!
//! A ticket's life runs from its opening to its closure (when known by the
//! evaluation instant) or to the evaluation instant; history after that end
//! is ignored.

use super::history::{Axis, History};
use crate::calendar::Calendar;
use crate::ingest::model::{Dataset, Sym, Ticket};
use crate::kpi::{median, percentile_nearest_rank};
use crate::sla::policy::{PolicySet, ALWAYS};
use crate::sla::report;
use crate::support::error::{quote, Error};
use crate::support::time::{format_instant, Instant};
use serde::Serialize;

/// One ticket's time in one value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketTimeRow {
    /// Ticket identifier.
    pub ticket: String,
    /// The value (`None`: no value, e.g. no group yet).
    pub value: Option<String>,
    /// Working seconds of the calendar spent in it.
    pub working_seconds: i64,
    /// Wall-clock seconds spent in it.
    pub wall_seconds: i64,
}

/// Statistics of one duration across tickets.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// Sum.
    pub sum: i64,
    /// Arithmetic mean.
    pub mean: f64,
    /// Median (mean of the two middle values for an even count).
    pub median: f64,
    /// Nearest-rank 90th percentile.
    pub p90: f64,
    /// Population standard deviation (divided by the count).
    pub std_dev: f64,
}

/// Time in one value across the tickets of one group that spent time in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatsRow {
    /// The grouping dimension's final value on the tickets (`None`: no
    /// grouping asked, or no value).
    pub group: Option<String>,
    /// The status (or group, or dimension value).
    pub value: Option<String>,
    /// Tickets that spent time (wall clock) in it.
    pub tickets: u64,
    /// Working seconds in it.
    pub working: Stats,
    /// Wall-clock seconds in it.
    pub wall: Stats,
}

/// The time-in-status document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeInStatus {
    /// Evaluation instant.
    pub as_of: String,
    /// The calendar of the working time.
    pub calendar: String,
    /// The axis: `status`, `group` or a dimension name.
    pub dimension: String,
    /// The dimension grouping the tickets, if any.
    pub group_by: Option<String>,
    /// One row per group × value.
    pub summary: Vec<StatsRow>,
}

/// What to tabulate: the axis, the calendar of the working time, the
/// dimension grouping the statistics, the evaluation instant.
pub struct Query<'a> {
    /// The axis (status by default).
    pub axis: Axis,
    /// The calendar's name in the policy document.
    pub calendar_name: &'a str,
    /// The calendar.
    pub calendar: &'a Calendar,
    /// The dimension grouping the statistics (its final value).
    pub group_by: Option<usize>,
    /// The evaluation instant.
    pub as_of: Instant,
}

impl<'a> Query<'a> {
    /// Reads the axis name (default `status`), the calendar name (default
    /// `24x7`) and the grouping dimension; errors name the option by
    /// `paths` (axis, calendar, grouping), the value and what is accepted.
    pub fn new(
        data: &Dataset,
        set: &'a PolicySet,
        as_of: Instant,
        split_by: Option<&str>,
        calendar: Option<&'a str>,
        group_by: Option<&str>,
        paths: [&str; 3],
    ) -> Result<Query<'a>, Error> {
        let axis = split_by.map(|n| Axis::parse(n, data, paths[0])).transpose()?.unwrap_or(Axis::Status);
        let calendar_name = calendar.unwrap_or(ALWAYS);
        let calendar = set.calendars.iter().find(|(n, _)| n == calendar_name).map(|(_, c)| c).ok_or_else(|| {
            let names: Vec<&str> = set.calendars.iter().map(|(n, _)| n.as_str()).collect();
            Error::invalid(paths[1], format!("{} is not a calendar of the policy document; it has: {}", quote(calendar_name), names.join(", ")))
        })?;
        let group_by = match group_by {
            Some(d) => Some(data.dimension_index(d).ok_or_else(|| {
                Error::invalid(paths[2], format!("{} is not a dimension of the data (it has: {})", quote(d), data.dimension_names.join(", ")))
            })?),
            None => None,
        };
        Ok(Query { axis, calendar_name, calendar, group_by, as_of })
    }

    /// The document (statistics per group × value).
    pub fn document(&self, data: &Dataset) -> TimeInStatus {
        TimeInStatus {
            as_of: format_instant(self.as_of),
            calendar: self.calendar_name.to_string(),
            dimension: self.axis.name(data).to_string(),
            group_by: self.group_by.and_then(|d| data.dimension_names.get(d)).cloned(),
            summary: summary(data, self.axis, self.calendar, self.as_of, self.group_by),
        }
    }

    /// Every ticket's rows.
    pub fn ticket_rows(&self, data: &Dataset) -> Vec<TicketTimeRow> {
        ticket_rows(data, self.axis, self.calendar, self.as_of)
    }
}

/// `ticket`'s time per value along `axis`: (value, working, wall seconds),
/// in order of first appearance; nothing when opened after `as_of`.
pub fn ticket_times(ticket: &Ticket, axis: Axis, calendar: &Calendar, as_of: Instant) -> Vec<(Option<Sym>, i64, i64)> {
    let mut out: Vec<(Option<Sym>, i64, i64)> = Vec::new();
    if ticket.opened > as_of {
        return out;
    }
    let end = ticket.closed.get().filter(|&c| c <= as_of).unwrap_or(as_of).max(ticket.opened);
    History::of(ticket, axis).cut(ticket.opened, end, &mut |a, b, value| {
        let i = out.iter().position(|x| x.0 == value).unwrap_or_else(|| {
            out.push((value, 0, 0));
            out.len() - 1
        });
        out[i].1 += calendar.duration(a, b);
        out[i].2 += b - a;
    });
    out
}

/// Every ticket's rows (tickets in data order, opened by `as_of`).
pub fn ticket_rows(data: &Dataset, axis: Axis, calendar: &Calendar, as_of: Instant) -> Vec<TicketTimeRow> {
    let mut rows = Vec::new();
    for t in &data.tickets {
        for (value, working, wall) in ticket_times(t, axis, calendar, as_of) {
            rows.push(TicketTimeRow {
                ticket: t.id.clone(),
                value: value.map(|v| data.strings.get(v).to_string()),
                working_seconds: working,
                wall_seconds: wall,
            });
        }
    }
    rows
}

/// A grouping dimension's value and an axis value.
type GroupValue = (Option<Sym>, Option<Sym>);

/// Statistics per (final value of dimension `group_by`, value), ordered by
/// their texts (no value first).
pub fn summary(data: &Dataset, axis: Axis, calendar: &Calendar, as_of: Instant, group_by: Option<usize>) -> Vec<StatsRow> {
    let mut cells: Vec<(GroupValue, Vec<i64>, Vec<i64>)> = Vec::new();
    for t in &data.tickets {
        let group = group_by.and_then(|d| t.dimensions.get(d));
        for (value, working, wall) in ticket_times(t, axis, calendar, as_of) {
            // Ordered by key: a binary search, no hash map (WASM size).
            let i = cells.binary_search_by(|c| c.0.cmp(&(group, value))).unwrap_or_else(|i| {
                cells.insert(i, ((group, value), Vec::new(), Vec::new()));
                i
            });
            cells[i].1.push(working);
            cells[i].2.push(wall);
        }
    }
    let text = |v: Option<Sym>| v.map(|s| data.strings.get(s));
    let order = crate::support::order::positions_by(cells.len(), &|a, b| {
        let (x, y) = (cells[a].0, cells[b].0);
        (text(x.0), text(x.1)).cmp(&(text(y.0), text(y.1)))
    });
    order
        .into_iter()
        .map(|i| {
            let ((group, value), working, wall) = &cells[i as usize];
            StatsRow {
                group: text(*group).map(str::to_string),
                value: text(*value).map(str::to_string),
                tickets: working.len() as u64,
                working: stats(working),
                wall: stats(wall),
            }
        })
        .collect()
}

/// Sum, mean, median, p90 and population standard deviation of `values`
/// (all zero when empty).
pub fn stats(values: &[i64]) -> Stats {
    let n = values.len() as f64;
    let sum: i64 = values.iter().sum();
    let v: Vec<f64> = values.iter().map(|&x| x as f64).collect();
    let mean = if values.is_empty() { 0.0 } else { sum as f64 / n };
    let variance = if values.is_empty() { 0.0 } else { v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n };
    Stats { sum, mean, median: median(&v).unwrap_or(0.0), p90: percentile_nearest_rank(&v, 90.0).unwrap_or(0.0), std_dev: variance.sqrt() }
}

/// Ticket rows as CSV.
pub fn ticket_rows_csv(rows: &[TicketTimeRow]) -> String {
    report::write_csv(
        &["ticket", "value", "working_seconds", "wall_seconds"],
        rows.iter().map(|r| vec![r.ticket.clone(), r.value.clone().unwrap_or_default(), r.working_seconds.to_string(), r.wall_seconds.to_string()]),
    )
}

/// Summary rows as CSV (statistics with two decimals).
pub fn summary_csv(rows: &[StatsRow]) -> String {
    report::write_csv(
        &[
            "group",
            "value",
            "tickets",
            "working_sum_seconds",
            "working_mean_seconds",
            "working_median_seconds",
            "working_p90_seconds",
            "working_std_dev_seconds",
            "wall_sum_seconds",
            "wall_mean_seconds",
            "wall_median_seconds",
            "wall_p90_seconds",
            "wall_std_dev_seconds",
        ],
        rows.iter().map(|r| {
            let mut line = vec![r.group.clone().unwrap_or_default(), r.value.clone().unwrap_or_default(), r.tickets.to_string()];
            for s in [&r.working, &r.wall] {
                line.push(s.sum.to_string());
                line.extend([s.mean, s.median, s.p90, s.std_dev].iter().map(|x| format!("{x:.2}")));
            }
            line
        }),
    )
}
