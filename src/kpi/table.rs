//! The KPI table: one aggregate per period × group × requested KPI, and the
//! values read from it.
//!
//! Group slot 0 is the whole population ("all"); slots 1.. are the values of
//! the grouping dimension. Every contribution lands in slot 0 and in its
//! group's slot, so the "all" row never depends on the grouping.

use super::aggregate::Agg;
use super::catalog::{KpiId, KpiSpec};
use super::period::Periods;
use crate::support::time::Instant;

/// KPI aggregates per period, group and KPI.
#[derive(Debug, Clone)]
pub struct KpiTable {
    periods: Periods,
    first: i64,
    count: usize,
    /// The `count + 1` period boundaries: period `p` is
    /// `[bounds[p], bounds[p + 1])`, found by binary search.
    bounds: Vec<Instant>,
    as_of: Instant,
    group_by: Option<String>,
    groups: Vec<Option<String>>,
    kpis: Vec<KpiSpec>,
    /// For each KPI, the KPI whose cells hold its aggregate: the mean,
    /// median and p90 of one duration on one clock share one sample.
    holders: Vec<usize>,
    cells: Vec<Agg>,
    /// Every cell's value, once the table is complete ([`KpiTable::finish`]);
    /// empty while it is being filled.
    values: Vec<KpiValue>,
}

/// A KPI value with the number of observations behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiValue {
    /// The value; `None` when there is nothing to compute it from.
    pub value: Option<f64>,
    /// Observations: the count, a ratio's denominator, the sample size.
    pub n: f64,
    /// Backlog age buckets (label, tickets), for the backlog KPI only.
    pub buckets: Option<Vec<(&'static str, u64)>>,
}

impl KpiTable {
    /// An empty table of `count` periods from ordinal `first`, with the
    /// given group labels (slot 1.. in order) and KPIs.
    pub fn new(
        periods: Periods,
        first: i64,
        count: usize,
        as_of: Instant,
        group_by: Option<String>,
        groups: Vec<Option<String>>,
        kpis: Vec<KpiSpec>,
    ) -> KpiTable {
        let slots = groups.len() + 1;
        let mut cells = Vec::with_capacity(count * slots * kpis.len());
        for _ in 0..count * slots {
            cells.extend(kpis.iter().map(|k| k.id.empty()));
        }
        let bounds = (0..=count as i64).map(|p| periods.start(first + p)).collect();
        let holders = kpis
            .iter()
            .enumerate()
            .map(|(k, spec)| match spec.id.sample_family() {
                None => k,
                family => kpis.iter().position(|s| s.clock == spec.clock && s.id.sample_family() == family).unwrap_or(k),
            })
            .collect();
        KpiTable { periods, first, count, bounds, as_of, group_by, groups, kpis, holders, cells, values: Vec::new() }
    }

    /// The periods (granularity and zone).
    pub fn periods(&self) -> &Periods {
        &self.periods
    }

    /// The ordinal of the first period of the table.
    pub fn first_ordinal(&self) -> i64 {
        self.first
    }

    /// The number of periods (consecutive, empty ones included).
    pub fn period_count(&self) -> usize {
        self.count
    }

    /// The evaluation instant: later data is ignored.
    pub fn as_of(&self) -> Instant {
        self.as_of
    }

    /// The grouping dimension, if any.
    pub fn group_by(&self) -> Option<&str> {
        self.group_by.as_deref()
    }

    /// The group values (`None`: tickets without a value), slot 1.. in order.
    pub fn groups(&self) -> &[Option<String>] {
        &self.groups
    }

    /// The KPIs, in request order.
    pub fn kpis(&self) -> &[KpiSpec] {
        &self.kpis
    }

    /// The table index of the period containing `t`, if in the table and
    /// not after `as_of`.
    #[inline]
    pub fn period_index(&self, t: Instant) -> Option<usize> {
        if t > self.as_of {
            return None;
        }
        // The same period as `Periods::ordinal_of` (the one whose
        // [start, end) holds `t`), without a date computation per call.
        if self.bounds.first().map_or(true, |&b| t < b) {
            return None;
        }
        let i = self.bounds.partition_point(|&b| b <= t) - 1;
        Some(i).filter(|&i| i < self.count)
    }

    /// The instant at which period `p`'s snapshot is taken: its end, or
    /// `as_of` when earlier.
    pub fn snapshot_instant(&self, p: usize) -> Instant {
        self.periods.end(self.first + p as i64).min(self.as_of)
    }

    /// Merges `contribution` into KPI `k`, period `p`, group `slot` and "all".
    /// KPIs sharing a sample ([`KpiTable::holds_own`] false for all but the
    /// first) share the contribution: add it once.
    #[inline]
    pub fn add(&mut self, p: usize, slot: usize, k: usize, contribution: &Agg) {
        self.update(p, slot, k, &mut |cell| cell.merge(contribution));
    }

    /// Adds one observation to the sample of KPI `k` (as [`KpiTable::add`]
    /// with a one-value sample, without allocating it).
    #[inline]
    pub fn add_sample(&mut self, p: usize, slot: usize, k: usize, x: f64) {
        self.update(p, slot, k, &mut |cell| {
            if let Agg::Sample(v) = cell {
                v.push(x);
            }
        });
    }

    #[inline]
    fn update(&mut self, p: usize, slot: usize, k: usize, f: &mut dyn FnMut(&mut Agg)) {
        let nk = self.kpis.len();
        let slots = self.groups.len() + 1;
        if p >= self.count || slot >= slots || k >= nk {
            return;
        }
        self.values.clear();
        let k = self.holders[k];
        let all = (p * slots) * nk + k;
        let own = (p * slots + slot) * nk + k;
        let targets = [all, own];
        for &i in &targets[..if slot == 0 { 1 } else { 2 }] {
            if let Some(cell) = self.cells.get_mut(i) {
                f(cell);
            }
        }
    }

    /// Merges `agg` into the one cell of KPI `k`, period `p`, group `slot`
    /// (0 = all): a cell of a partial table, which already holds its
    /// contributions to "all" in slot 0.
    #[cfg(any(not(target_arch = "wasm32"), feature = "partials-js"))]
    pub fn merge_cell(&mut self, p: usize, slot: usize, k: usize, agg: &Agg) {
        let (nk, slots) = (self.kpis.len(), self.groups.len() + 1);
        if p >= self.count || slot >= slots || k >= nk {
            return;
        }
        self.values.clear();
        if let Some(cell) = self.cells.get_mut((p * slots + slot) * nk + self.holders[k]) {
            cell.merge(agg);
        }
    }

    /// Every cell holding an aggregate of its own that is not empty, as
    /// (period, group slot, KPI, aggregate).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn filled_cells(&self) -> impl Iterator<Item = (usize, usize, usize, &Agg)> + '_ {
        let (nk, slots) = (self.kpis.len(), self.groups.len() + 1);
        self.cells.iter().enumerate().filter_map(move |(i, agg)| {
            let (k, slot, p) = (i % nk, i / nk % slots, i / nk / slots);
            let empty = self.kpis.get(k).map_or(true, |spec| *agg == spec.id.empty());
            (self.holders.get(k) == Some(&k) && !empty).then_some((p, slot, k, agg))
        })
    }

    /// Whether KPI `k` holds its own aggregate, rather than reading the
    /// sample of an earlier KPI of the same duration and clock.
    pub fn holds_own(&self, k: usize) -> bool {
        self.holders.get(k) == Some(&k)
    }

    /// Computes every cell's value once, so reading values (a report, a
    /// what-if re-scoring) no longer sorts samples.
    pub fn finish(&mut self) {
        let slots = self.groups.len() + 1;
        let nk = self.kpis.len();
        let mut values = Vec::with_capacity(self.count * slots * nk);
        for p in 0..self.count {
            for slot in 0..slots {
                for k in 0..nk {
                    values.push(self.compute_value(p, slot, k));
                }
            }
        }
        self.values = values;
    }

    /// The aggregate of KPI `k` in period `p`, group slot `slot` (0 = all).
    #[inline]
    pub fn agg(&self, p: usize, slot: usize, k: usize) -> Option<&Agg> {
        let nk = self.kpis.len();
        let slots = self.groups.len() + 1;
        if p >= self.count || slot >= slots || k >= nk {
            return None;
        }
        self.cells.get((p * slots + slot) * nk + self.holders[k])
    }

    /// The value of KPI `k` in period `p`, group slot `slot` (0 = all).
    pub fn value(&self, p: usize, slot: usize, k: usize) -> KpiValue {
        let nk = self.kpis.len();
        let slots = self.groups.len() + 1;
        match self.values.get((p * slots + slot) * nk + k) {
            Some(v) if p < self.count && slot < slots && k < nk => v.clone(),
            _ => self.compute_value(p, slot, k),
        }
    }

    fn compute_value(&self, p: usize, slot: usize, k: usize) -> KpiValue {
        let id: Option<KpiId> = self.kpis.get(k).map(|s| s.id);
        match (self.agg(p, slot, k), id) {
            (Some(agg), Some(id)) => KpiValue { value: id.value(agg), n: agg.n(), buckets: id.buckets(agg) },
            _ => KpiValue { value: None, n: 0.0, buckets: None },
        }
    }

    /// The index of `spec` among the table's KPIs.
    pub fn kpi_index(&self, spec: KpiSpec) -> Option<usize> {
        self.kpis.iter().position(|k| *k == spec)
    }
}
