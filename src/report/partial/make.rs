//! Making and merging partials (native only: a page reads merged partials,
//! see [`super::Partial::from_json`], and never makes them).

use super::{Key, Partial, PartialCell, PartialOutage, SlaRow, FORMAT, VERSION};
use crate::ingest::model::Dataset;
use crate::kpi::{Agg, KpiId, SERVICE_DIMENSION};
use crate::report::{compute, Config, ReportOptions};
use crate::sla::PolicySet;
use crate::support::error::Error;
use crate::support::time::Instant;

impl PartialOutage {
    fn sort_key(&self) -> (&str, Instant, Option<Instant>, bool) {
        (&self.service, self.start, self.end, self.planned)
    }
}

impl Partial {
    /// The partial report of `dataset` for `config` and `options` (with
    /// `calendar`, the configuration's calendar as given, and `policies`,
    /// the parsed policy set with its document), as [`super::build`]
    /// would count it before anything needs the whole data.
    pub fn from_dataset(
        dataset: &Dataset,
        config: &Config,
        calendar: Option<&serde_json::Value>,
        options: &ReportOptions,
        policies: Option<(&PolicySet, &serde_json::Value)>,
    ) -> Result<Partial, Error> {
        if options.causes {
            return Err(super::causes_refused());
        }
        // A part without tickets may lack the grouping dimension that the
        // others have: it has no group values, and its outages and changes
        // count in "all" (whether the whole data has the dimension is
        // checked when the report is made).
        let lacks_group = options.group_by.as_deref().is_some_and(|g| g != SERVICE_DIMENSION && dataset.dimension_index(g).is_none());
        let ungrouped;
        let counted_with = if dataset.tickets.is_empty() && lacks_group {
            ungrouped = ReportOptions { group_by: None, ..options.clone() };
            &ungrouped
        } else {
            options
        };
        let computed = compute(dataset, config, counted_with, policies.map(|(set, _)| set))?;
        let table = &computed.table;
        let first = table.first_ordinal();
        // Availability, MTBF and MTRS are computed after the merge, from the outages.
        let cells = table
            .filled_cells()
            .filter(|&(_, _, k, _)| !table.kpis().get(k).is_some_and(|s| matches!(s.id, KpiId::Availability | KpiId::Mtbf | KpiId::Mtrs)))
            .map(|(p, slot, k, agg)| PartialCell { period: first + p as i64, slot, kpi: k, agg: canonical(agg) })
            .collect();
        let policy_names: Vec<String> = policies.map(|(set, _)| set.policies.iter().map(|p| p.name.clone()).collect()).unwrap_or_default();
        let sla = computed
            .sla_policies
            .iter()
            .map(|r| SlaRow {
                // Policy names are unique (the policy reader refuses a repeated one).
                policy: policy_names.iter().position(|n| *n == r.policy).unwrap_or(0),
                period: r.period.clone(),
                counts: [r.met, r.breached, r.in_progress, r.at_risk, r.paused, r.not_applicable],
            })
            .collect();
        let mut outages: Vec<PartialOutage> = dataset
            .outages
            .iter()
            .map(|o| PartialOutage { service: dataset.strings.get(o.service).to_string(), start: o.start, end: o.end, planned: o.planned })
            .collect();
        outages.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        Ok(Partial {
            format: FORMAT.to_string(),
            version: VERSION,
            key: Key::new(config, calendar, options, policies.map(|(_, doc)| doc), table.as_of(), table.kpis()),
            // The first period's start stands for the earliest instant: the
            // same first period for day to quarter, the instant itself for `all`.
            earliest: Some(table.periods().start(first)),
            latest_opened: dataset.tickets.iter().map(|t| t.opened).filter(|&t| t <= table.as_of()).max(),
            dimensions: dataset.dimension_names.clone(),
            groups: table.groups().to_vec(),
            cells,
            outages,
            sla,
            policy_names,
        })
    }

    /// The partial as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Adds `other` into `self`. Errors, naming the key field, when the two
    /// were computed for different periods, zones, `asOf`, groupings, KPIs,
    /// calendars or policies.
    pub fn merge(&mut self, other: Partial) -> Result<(), Error> {
        self.key.check(&other.key, "key")?;
        self.earliest = min_some(self.earliest, other.earliest);
        self.latest_opened = self.latest_opened.max(other.latest_opened);
        for d in other.dimensions {
            if !self.dimensions.contains(&d) {
                self.dimensions.push(d);
            }
        }
        let mut groups: Vec<Option<String>> = self.groups.iter().chain(&other.groups).cloned().collect();
        // By text, "no value" last, as a report orders its groups.
        groups.sort_by(|a, b| (a.is_none(), a).cmp(&(b.is_none(), b)));
        groups.dedup();
        let slot_of = |old: &[Option<String>], slot: usize| match slot {
            0 => 0,
            s => old.get(s - 1).and_then(|g| groups.iter().position(|x| x == g)).map_or(0, |i| i + 1),
        };
        let mut cells: Vec<PartialCell> = Vec::with_capacity(self.cells.len() + other.cells.len());
        for (old, list) in [(&self.groups, std::mem::take(&mut self.cells)), (&other.groups, other.cells)] {
            cells.extend(list.into_iter().map(|c| PartialCell { slot: slot_of(old, c.slot), ..c }));
        }
        cells.sort_by_key(|c| (c.period, c.slot, c.kpi));
        let mut merged: Vec<PartialCell> = Vec::with_capacity(cells.len());
        for c in cells {
            match merged.last_mut() {
                Some(last) if (last.period, last.slot, last.kpi) == (c.period, c.slot, c.kpi) => last.agg.merge(&c.agg),
                _ => merged.push(c),
            }
        }
        for c in &mut merged {
            c.agg = canonical(&c.agg);
        }
        self.groups = groups;
        self.cells = merged;
        self.outages.extend(other.outages);
        self.outages.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let mut sla = std::mem::take(&mut self.sla);
        sla.extend(other.sla);
        sla.sort_by(|a, b| (a.policy, &a.period).cmp(&(b.policy, &b.period)));
        for row in sla {
            match self.sla.last_mut() {
                Some(last) if (last.policy, &last.period) == (row.policy, &row.period) => {
                    last.counts = std::array::from_fn(|i| last.counts[i].saturating_add(row.counts[i]))
                }
                _ => self.sla.push(row),
            }
        }
        Ok(())
    }
}

/// `agg` with its sample sorted: the same partial whatever the order its
/// parts were merged in.
fn canonical(agg: &Agg) -> Agg {
    match agg {
        Agg::Sample(v) => {
            let mut v = v.clone();
            v.sort_unstable_by(f64::total_cmp);
            Agg::Sample(v)
        }
        other => other.clone(),
    }
}

fn min_some(a: Option<Instant>, b: Option<Instant>) -> Option<Instant> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}
