//! Mergeable partial reports: what a report counts in one part of the
//! tickets, merged with the other parts' in any order and grouping, gives
//! the report of the whole, byte for byte.
//!
//! A report splits into what can be counted record by record and what
//! needs every record at once. [`Partial::from_dataset`] computes its
//! part's report as [`super::build`] does and keeps the first kind:
//!
//! - every KPI cell (period × group × KPI) that a ticket, change or SLA
//!   verdict adds to, as its [`Agg`]: counts, sums of whole numbers, and
//!   the whole samples behind means, medians and percentiles (exact, not a
//!   sketch: 8 bytes per duration, two durations per ticket and clock,
//!   twice when grouped);
//! - the outage records (availability, MTBF and MTRS take the union of a
//!   service's overlapping outages, so they are computed after merging);
//! - the SLA counts by policy and period;
//! - the start of its first period (for `all`, the earliest instant any KPI
//!   counts at), the latest ticket opening, and every group value seen.
//!
//! [`Partial::merge`] adds two partials made with the same [`Key`]
//! (period, zone, `asOf`, grouping, KPIs, calendar, policies): merging is
//! commutative and associative. [`from_partial`] makes the report: the
//! period frame, the group slots, availability, values, the scored period
//! and the scores, as [`super::build`] does on the whole data set. Every
//! sum in the report is of whole numbers or taken in value order
//! ([`crate::kpi::KpiId::value`]), so the order in which tickets were
//! merged never shows in the last digit.
//!
//! `asOf` must be the same for every part: give it in the options, since a
//! part's default (its own latest instant) differs from the whole's.
//!
//! The serialised form (serde, JSON through `serde_json`) is versioned:
//! `{"format": "sla-scorecard-partial", "version": 1, "key": …, …}`;
//! instants are Unix seconds, periods are ordinals of the key's
//! granularity ([`crate::kpi::Periods::ordinal_of`]); docs/partials.md
//! documents every field. Partials are made and merged natively
//! ([`make`]); a page reads a merged one and reports it ([`Prepared`]).

#[cfg(not(target_arch = "wasm32"))]
mod make;

use super::{report_kpis, Computed, Config, Report, ReportOptions};
use crate::ingest::model::{Dataset, Outage};
use crate::kpi::SERVICE_DIMENSION;
use crate::kpi::{self, Agg, Clock, Granularity, KpiId, KpiSpec, KpiTable};
use crate::sla::report::ComplianceRow;
use crate::support::error::{quote, Error};
use crate::support::time::{format_instant, Instant, MAX_INSTANT, MIN_INSTANT};
use crate::support::tz::TimeZone;

/// The `format` field of every partial.
pub const FORMAT: &str = "sla-scorecard-partial";

/// The version of the partial format this engine writes and reads.
pub const VERSION: u32 = 1;

/// What a partial was computed for; partials merge only with equal keys.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Key {
    /// Period length (`month`).
    pub granularity: String,
    /// IANA zone of the periods.
    pub timezone: String,
    /// The evaluation instant, Unix seconds.
    pub as_of: Instant,
    /// Ticket dimension of the KPI breakdown, if any.
    pub group_by: Option<String>,
    /// The KPIs, in report order, as `[id, clock]` (`["mttr", "wall"]`).
    pub kpis: Vec<[String; 2]>,
    /// The configuration's calendar (business clock), as given.
    pub calendar: Option<serde_json::Value>,
    /// The SLA policy document, as given (`None`: no policies).
    pub policies: Option<serde_json::Value>,
}

/// One filled KPI cell.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartialCell {
    /// Period ordinal.
    pub period: i64,
    /// Group slot: 0 is all records, `i` is `groups[i - 1]`.
    pub slot: usize,
    /// Index in the key's KPIs (KPIs sharing a sample keep it at the first).
    pub kpi: usize,
    /// The aggregate.
    pub agg: Agg,
}

/// An outage record.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartialOutage {
    /// The service's name.
    pub service: String,
    /// Start, Unix seconds.
    pub start: Instant,
    /// End, Unix seconds (`null`: ongoing).
    pub end: Option<Instant>,
    /// Planned maintenance.
    pub planned: bool,
}

/// A policy's SLA counts in one period.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaRow {
    /// Index in `policyNames`.
    pub policy: usize,
    /// Period label (`2016-03`).
    pub period: String,
    /// Met, breached, in progress, at risk, paused, not applicable.
    pub counts: [u64; 6],
}

/// A mergeable partial report (see the module documentation).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Partial {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version, [`VERSION`].
    pub version: u32,
    /// What the partial was computed for.
    pub key: Key,
    /// The earliest instant any KPI counts at (the first period's start).
    pub earliest: Option<Instant>,
    /// The latest ticket opening up to `asOf` (the scored period's default).
    pub latest_opened: Option<Instant>,
    /// The ticket dimensions of the data, in the order first seen.
    pub dimensions: Vec<String>,
    /// The group values (`null`: no value), sorted, "no value" last.
    pub groups: Vec<Option<String>>,
    /// The filled cells, ordered by period, slot and KPI.
    pub cells: Vec<PartialCell>,
    /// The outages, ordered by service name, start, end and kind.
    pub outages: Vec<PartialOutage>,
    /// SLA counts by policy and period, in that order (empty without policies).
    pub sla: Vec<SlaRow>,
    /// The policies' names, by index.
    pub policy_names: Vec<String>,
}

impl Key {
    fn new(
        config: &Config,
        calendar: Option<&serde_json::Value>,
        options: &ReportOptions,
        policies: Option<&serde_json::Value>,
        as_of: Instant,
        kpis: &[KpiSpec],
    ) -> Key {
        Key {
            granularity: options.period.unwrap_or(config.period).name().to_string(),
            timezone: config.timezone.clone(),
            as_of,
            group_by: options.group_by.clone(),
            kpis: kpis.iter().map(|k| [k.id.id().to_string(), clock_name(k.clock).to_string()]).collect(),
            calendar: calendar.cloned(),
            policies: policies.cloned(),
        }
    }

    /// Errors naming the first field in which `other` differs.
    fn check(&self, other: &Key, path: &str) -> Result<(), Error> {
        let fields: [(&str, String, String); 7] = [
            ("granularity", show(&self.granularity), show(&other.granularity)),
            ("timezone", show(&self.timezone), show(&other.timezone)),
            ("asOf", format_instant(self.as_of), format_instant(other.as_of)),
            ("groupBy", show(&self.group_by), show(&other.group_by)),
            ("kpis", show(&self.kpis), show(&other.kpis)),
            ("calendar", show(&self.calendar), show(&other.calendar)),
            ("policies", show(&self.policies), show(&other.policies)),
        ];
        match fields.into_iter().find(|(_, a, b)| a != b) {
            None => Ok(()),
            Some((field, a, b)) => {
                Err(Error::invalid(format!("{path}.{field}"), format!("{b} differs from {a}; partials merge only when computed with the same {field}")))
            }
        }
    }

    fn kpi_specs(&self) -> Result<Vec<KpiSpec>, Error> {
        self.kpis
            .iter()
            .enumerate()
            .map(|(i, [id, clock])| {
                let path = format!("key.kpis[{i}]");
                let id = KpiId::parse(id, &path)?;
                match clock.as_str() {
                    "wall" => Ok(KpiSpec::wall(id)),
                    "business" => Ok(KpiSpec::business(id)),
                    other => Err(Error::invalid(path, format!("{other:?} is not a clock; expected \"wall\" or \"business\""))),
                }
            })
            .collect()
    }
}

/// A key field as JSON text, for an error message.
fn show<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn clock_name(clock: Clock) -> &'static str {
    match clock {
        Clock::Wall => "wall",
        Clock::Business => "business",
    }
}

impl Partial {
    /// Reads a partial from its JSON text; errors name the JSON path, an
    /// unknown format or version, or a cell that does not fit its key.
    pub fn from_json(text: &str) -> Result<Partial, Error> {
        let value = crate::support::json_reader::parse(text, |e| Error::invalid("partial", format!("not JSON: {e}")))?;
        // The format and version first: another version's fields are not this one's.
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(Error::invalid(
                "format",
                format!("{} is not a partial report; expected {FORMAT:?}", value.get("format").map_or("absent".to_string(), |f| f.to_string())),
            ));
        }
        if value.get("version").and_then(|v| v.as_u64()) != Some(u64::from(VERSION)) {
            return Err(Error::invalid(
                "version",
                format!("{} is not a version this engine reads; expected {VERSION}", value.get("version").map_or("absent".to_string(), |v| v.to_string())),
            ));
        }
        let partial: Partial = crate::support::json_reader::from_value(&value, "")?;
        partial.key.kpi_specs()?;
        for (i, c) in partial.cells.iter().enumerate() {
            if c.slot > partial.groups.len() || c.kpi >= partial.key.kpis.len() {
                return Err(Error::invalid(format!("cells[{i}]"), format!("slot {} or KPI {} is outside the partial's groups and KPIs", c.slot, c.kpi)));
            }
        }
        // Instants the engine could have written: 1900 to 2199.
        let outages =
            partial.outages.iter().enumerate().flat_map(|(i, o)| [(format!("outages[{i}].start"), Some(o.start)), (format!("outages[{i}].end"), o.end)]);
        let instants = [
            ("key.asOf".to_string(), Some(partial.key.as_of)),
            ("earliest".to_string(), partial.earliest),
            ("latestOpened".to_string(), partial.latest_opened),
        ];
        for (path, t) in instants.into_iter().chain(outages) {
            if let Some(t) = t.filter(|t| !(MIN_INSTANT..MAX_INSTANT).contains(t)) {
                return Err(Error::invalid(path, format!("{t} is outside the instants the engine reads (Unix seconds from 1900 to 2199)")));
            }
        }
        Ok(partial)
    }
}

/// The report's row of a policy's counts in one period.
fn compliance_row(r: &SlaRow, names: &[String]) -> ComplianceRow {
    let [met, breached, in_progress, at_risk, paused, not_applicable] = r.counts;
    let decided = met.saturating_add(breached);
    ComplianceRow {
        policy: names.get(r.policy).cloned().unwrap_or_default(),
        // Partials count a policy's outcomes over all its versions.
        version: None,
        period: r.period.clone(),
        value: None,
        met,
        breached,
        in_progress,
        at_risk,
        paused,
        not_applicable,
        // As the SLA report computes it (src/sla/report.rs).
        compliance: (decided > 0).then(|| met as f64 * 100.0 / decided as f64),
    }
}

/// The report of a (merged) partial for `config` and `options`, as
/// [`super::build`] makes it from the whole data set. The configuration's
/// period, zone, calendar (`calendar`, as given) and KPIs, and the
/// options' period, `asOf` (when given) and `groupBy`, must be those the
/// partial was computed with; targets, weights, thresholds and `at` are
/// free (a what-if).
pub fn from_partial(partial: &Partial, config: &Config, calendar: Option<&serde_json::Value>, options: &ReportOptions) -> Result<Report, Error> {
    Prepared::new(partial, config, calendar, options)?.report(config, calendar, options)
}

/// A merged partial made ready to report: its KPI table built and valued
/// once, so that every report of it with other targets, weights,
/// thresholds, RAG bands or scored period (`at`) only re-scores, as a
/// what-if on a loaded data set does.
#[derive(Debug, Clone)]
pub struct Prepared {
    key: Key,
    computed: Computed,
}

impl Prepared {
    /// Builds the KPI table of `partial` for `config` and `options` (whose
    /// key fields must be the partial's, see [`from_partial`]).
    pub fn new(partial: &Partial, config: &Config, calendar: Option<&serde_json::Value>, options: &ReportOptions) -> Result<Prepared, Error> {
        Ok(Prepared { key: partial.key.clone(), computed: computed(partial, config, calendar, options)? })
    }

    /// The report for `config` and `options`; errors name the key field in
    /// which they differ from what the partial was computed with.
    pub fn report(&self, config: &Config, calendar: Option<&serde_json::Value>, options: &ReportOptions) -> Result<Report, Error> {
        let as_of = options.as_of.unwrap_or(self.key.as_of);
        self.key.check(&Key::new(config, calendar, options, self.key.policies.as_ref(), as_of, &report_kpis(config)), "partial.key")?;
        super::finish(config, options, &self.computed)
    }
}

/// Each policy's SLA counts summed over every period of `partial` (period
/// `all`), in the policies' order, for the policies with counts: the
/// compliance table of the whole partial.
pub fn totals(partial: &Partial) -> Vec<ComplianceRow> {
    let mut sums: Vec<Option<[u64; 6]>> = vec![None; partial.policy_names.len()];
    for row in &partial.sla {
        if let Some(sum) = sums.get_mut(row.policy) {
            let old = sum.unwrap_or_default();
            *sum = Some(std::array::from_fn(|i| old[i].saturating_add(row.counts[i])));
        }
    }
    let rows = sums.into_iter().enumerate().filter_map(|(policy, counts)| Some(SlaRow { policy, period: "all".to_string(), counts: counts? }));
    rows.map(|r| compliance_row(&r, &partial.policy_names)).collect()
}

fn computed(partial: &Partial, config: &Config, calendar: Option<&serde_json::Value>, options: &ReportOptions) -> Result<Computed, Error> {
    if options.causes {
        return Err(causes_refused());
    }
    let key = &partial.key;
    let as_of = options.as_of.unwrap_or(key.as_of);
    let specs = key.kpi_specs()?;
    key.check(&Key::new(config, calendar, options, key.policies.as_ref(), as_of, &report_kpis(config)), "partial.key")?;
    if let Some(name) = key.group_by.as_deref().filter(|&g| g != SERVICE_DIMENSION && !partial.dimensions.iter().any(|d| d == g)) {
        return Err(Error::invalid("groupBy", format!("{} is not a dimension of the data; it has: {}", quote(name), partial.dimensions.join(", "))));
    }
    let granularity = Granularity::parse(&key.granularity, "partial.key.granularity")?;
    let zone = TimeZone::named(&key.timezone, "partial.key.timezone")?;
    let (periods, first, count) = kpi::frame(granularity, &zone, partial.earliest.unwrap_or(as_of).min(as_of), as_of)?;
    let mut table = KpiTable::new(periods, first, count, as_of, key.group_by.clone(), partial.groups.clone(), specs);
    for c in &partial.cells {
        if let Some(p) = c.period.checked_sub(first).and_then(|p| usize::try_from(p).ok()) {
            table.merge_cell(p, c.slot, c.kpi, &c.agg);
        }
    }
    let mut outages = Dataset::default();
    for o in &partial.outages {
        let service = outages.strings.intern(&o.service);
        outages.outages.push(Outage { service, start: o.start, end: o.end, planned: o.planned, source_row: 0 });
    }
    kpi::add_outages(&mut table, &config.calendar, &outages);
    table.finish();
    let latest = partial.latest_opened.and_then(|t| table.period_index(t)).unwrap_or(table.period_count() - 1);
    let with_policies = key.policies.is_some();
    let sla_policies = partial.sla.iter().map(|r| compliance_row(r, &partial.policy_names)).collect();
    Ok(Computed { table, latest, sla_policies, with_policies, causes: None })
}

/// The error for `causes` on a partial report: a partial holds counts, not
/// the clocks that the causes split.
pub(crate) fn causes_refused() -> Error {
    Error::invalid("causes", "a partial report holds counts, not the SLA clocks that the causes split; report the causes from the data")
}
