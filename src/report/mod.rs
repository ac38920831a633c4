//! The report document: the scored scorecard, every KPI per period (and per
//! group), SLA compliance, and on request where the SLA clocks' working
//! time went (`causes`, [`crate::causes`]), as one serialisable value (camelCase keys,
//! instants as ISO 8601 UTC strings, missing values as `null`). Its shape
//! is documented with TypeScript types in `docs/scorecard.md`.
//!
//! Building a report recomputes from a loaded [`Dataset`]; nothing is
//! re-parsed, so a what-if (other target, weight, threshold or period) is a
//! new call with another [`Config`] or [`ReportOptions`].

// A page reads merged partials only with the `partials-js` feature (the
// package budget, docs/size.md).
#[cfg(any(not(target_arch = "wasm32"), feature = "partials-js"))]
pub mod partial;

use crate::causes::{self, summary::CausesReport, Axis};
use crate::ingest::model::Dataset;
use crate::kpi::{self, Clock, Direction, Granularity, KpiId, KpiSpec, KpiTable, Query, SlaRecord, Unit};
use crate::scorecard::{evaluate, Config, Scorecard};
use crate::sla::{self, PolicySet};
use crate::support::error::Error;
use crate::support::json_reader::{from_value, parse_opt_str};
use crate::support::time::{format_instant, parse_instant, Instant};
use crate::support::tz::TimeZone;

/// Choices that override the configuration for one report, read from
/// `{"period": "month", "asOf": "2016-04-01T00:00:00Z", "at": "2016-03",
/// "groupBy": "priority", "causes": true}` (every field optional, unknown
/// keys refused).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase", expecting = "report options {\"period\": …, \"asOf\": …, \"at\": …, \"groupBy\": …, \"causes\": …}")]
pub struct ReportOptions {
    /// Period length (default: the configuration's).
    #[serde(default, deserialize_with = "period")]
    pub period: Option<Granularity>,
    /// Evaluation instant (default: the latest instant in the data).
    #[serde(default, deserialize_with = "instant")]
    pub as_of: Option<Instant>,
    /// Label of the period to score (`2016-03`; default: the period of the
    /// latest ticket opened up to `as_of`, or of `as_of` without tickets).
    pub at: Option<String>,
    /// Ticket dimension to break the KPI table down by.
    pub group_by: Option<String>,
    /// Add [`Report::causes`]: the met and breached outcomes' working time
    /// split by status, group and every dimension with history, per policy
    /// × period (a second pass over every clock; needs policies).
    #[serde(default)]
    pub causes: bool,
}

impl ReportOptions {
    /// Reads report options from JSON (`null` means all defaults); `path`
    /// prefixes the paths in errors.
    pub fn from_json(value: &serde_json::Value, path: &str) -> Result<ReportOptions, Error> {
        from_value::<Option<ReportOptions>>(value, path).map(Option::unwrap_or_default)
    }
}

fn period<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Granularity>, D::Error> {
    parse_opt_str(d, |text| Granularity::parse(text, ""))
}

fn instant<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Instant>, D::Error> {
    parse_opt_str(d, parse_instant)
}

/// The report document.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Engine version that computed the report.
    pub engine_version: &'static str,
    /// Evaluation instant.
    pub as_of: String,
    /// IANA zone of the periods.
    pub timezone: String,
    /// Period length.
    pub granularity: Granularity,
    /// Dimension of the KPI breakdown, if any.
    pub group_by: Option<String>,
    /// The scorecard for the scored period.
    pub scorecard: Scorecard,
    /// Every period of the KPI table, oldest first.
    pub periods: Vec<PeriodInfo>,
    /// Every KPI, per period (and per group).
    pub kpis: Vec<KpiSeries>,
    /// SLA compliance per period over every policy's verdicts (empty
    /// without policies).
    pub sla_compliance: Vec<ComplianceCell>,
    /// SLA compliance per policy × period, from the SLA engine (empty
    /// without policies).
    pub sla_policies: Vec<sla::report::ComplianceRow>,
    /// Where the met and breached outcomes' working time went, per policy ×
    /// period in the report's periods and zone (the document of
    /// [`crate::causes::causes`], outcomes placed by their stop); only with
    /// [`ReportOptions::causes`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub causes: Option<CausesReport>,
}

/// A period of the table.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodInfo {
    /// Label (`2016-03`).
    pub period: String,
    /// First instant.
    pub start: String,
    /// First instant after the period.
    pub end: String,
    /// Whether the period ends after `asOf`.
    pub partial: bool,
}

/// One KPI over all periods.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KpiSeries {
    /// KPI identifier.
    pub kpi: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Unit.
    pub unit: Unit,
    /// Which way is good.
    pub direction: Direction,
    /// Clock of duration KPIs.
    pub clock: Clock,
    /// The exact formula.
    pub formula: &'static str,
    /// Values for the whole population, one per period.
    pub all: Vec<Cell>,
    /// Values per group, when grouped.
    pub groups: Vec<GroupSeries>,
}

/// One group's values.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupSeries {
    /// The dimension value; `null` for records without one.
    pub value: Option<String>,
    /// Values, one per period.
    pub cells: Vec<Cell>,
}

/// A KPI value in one period.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cell {
    /// Period label.
    pub period: String,
    /// Value; `null` when there is no data.
    pub value: Option<f64>,
    /// Observations behind the value.
    pub n: f64,
    /// Backlog age buckets (backlog only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub buckets: Option<Vec<AgeBucket>>,
}

/// Tickets in one backlog age bucket.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgeBucket {
    /// `<1d`, `1-3d`, `3-7d`, `7-30d`, `>=30d`.
    pub label: &'static str,
    /// Tickets.
    pub count: u64,
}

/// SLA verdicts of one period.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComplianceCell {
    /// Period label.
    pub period: String,
    /// Clocks that stopped in time.
    pub met: u64,
    /// Clocks that breached.
    pub breached: u64,
    /// 100 · met / (met + breached); `null` without verdicts.
    pub compliance: Option<f64>,
}

/// Builds the report for `config` on `dataset`; with `policies`, the SLA
/// engine evaluates them as of the report's instant and its verdicts feed
/// the `sla_compliance` KPI and the compliance tables.
pub fn build(dataset: &Dataset, config: &Config, options: &ReportOptions, policies: Option<&PolicySet>) -> Result<Report, Error> {
    let computed = compute(dataset, config, options, policies)?;
    finish(config, options, &computed)
}

/// What a report computes from the data: the KPI table and the SLA
/// compliance tables. Scoring (targets, weights, thresholds, the scored
/// period) only reads it.
#[derive(Debug, Clone)]
struct Computed {
    table: KpiTable,
    /// The period scored without `at`: that of the latest ticket opened up
    /// to `asOf` (the last period without tickets).
    latest: usize,
    sla_policies: Vec<sla::report::ComplianceRow>,
    with_policies: bool,
    causes: Option<CausesReport>,
}

fn compute(dataset: &Dataset, config: &Config, options: &ReportOptions, policies: Option<&PolicySet>) -> Result<Computed, Error> {
    let as_of = match options.as_of.or_else(|| kpi::latest_instant(dataset)) {
        Some(t) => t,
        None => return Err(Error::invalid("asOf", "the data holds no instant; give an evaluation instant")),
    };
    let zone = TimeZone::named(&config.timezone, "timezone")?;
    let granularity = options.period.unwrap_or(config.period);
    // The SLA verdicts and the per-policy table, one outcome at a time:
    // the outcomes themselves are never all held.
    let mut records: Vec<SlaRecord> = Vec::new();
    let period = match granularity {
        Granularity::Day => sla::report::Period::Day,
        Granularity::Week => sla::report::Period::Week,
        Granularity::Month => sla::report::Period::Month,
        Granularity::Quarter => sla::report::Period::Quarter,
        Granularity::All => sla::report::Period::All,
    };
    let opts = sla::report::ReportOptions { period, zone: Some(zone.clone()), ..Default::default() };
    let causes = match (options.causes, policies) {
        (false, _) => None,
        (true, None) => return Err(Error::invalid("causes", "needs SLA policies: the causes split the SLA clocks")),
        (true, Some(set)) => Some(causes::causes(dataset, set, &sla::OutcomeTable::evaluate(dataset, set, as_of), &opts, Axis::with_history(dataset))),
    };
    let sla_policies = match policies {
        None => Vec::new(),
        Some(set) => {
            let mut table = sla::report::Compliance::new(dataset, as_of, &opts)?;
            let tickets = dataset.tickets.len();
            sla::for_each_outcome(dataset, set, as_of, &mut |o| {
                if let Some(r) = kpi::sla_record(&o) {
                    if records.len() == records.capacity() {
                        // Grow to what the records per ticket so far project
                        // for every ticket (tickets come in order), never by
                        // more than doubling: at a million tickets doubling
                        // held room for 2^21 records, and both arrays while
                        // copying (~50 MB of the report's peak of wasm
                        // memory, docs/benchmarks.md).
                        let len = records.len();
                        let projected = len * tickets / (r.ticket + 1) + len / 16 + 64;
                        records.reserve_exact(projected.clamp(len + 64, 2 * len + 64) - len);
                    }
                    records.push(r);
                }
                table.add(&o);
            });
            table.rows(set)
        }
    };
    let query =
        Query { kpis: report_kpis(config), granularity, zone, group_by: options.group_by.clone(), as_of, from: None, calendar: config.calendar.clone() };
    let table = kpi::compute(dataset, &query, &records)?;
    let latest = dataset.tickets.iter().map(|t| t.opened).filter(|&t| t <= as_of).max().and_then(|t| table.period_index(t)).unwrap_or(table.period_count() - 1);
    Ok(Computed { table, latest, sla_policies, with_policies: policies.is_some(), causes })
}

/// The KPIs of a report: the whole catalog on the wall clock, then the
/// configuration's others (on the business clock) in its order.
fn report_kpis(config: &Config) -> Vec<KpiSpec> {
    let mut kpis: Vec<KpiSpec> = KpiId::ALL.iter().map(|&k| KpiSpec::wall(k)).collect();
    for spec in config.kpi_specs() {
        if !kpis.contains(&spec) {
            kpis.push(spec);
        }
    }
    kpis
}

fn finish(config: &Config, options: &ReportOptions, computed: &Computed) -> Result<Report, Error> {
    let table = &computed.table;
    let as_of = table.as_of();
    let p = match &options.at {
        None => computed.latest,
        Some(label) => {
            let ordinal = table.periods().parse_label(label, "at")?;
            let first = table.first_ordinal();
            let last = first + table.period_count() as i64 - 1;
            if ordinal < first || ordinal > last {
                return Err(Error::invalid(
                    "at",
                    format!(
                        "{} is outside the data, which covers {} to {}",
                        crate::support::error::quote(label),
                        table.periods().label(first),
                        table.periods().label(last)
                    ),
                ));
            }
            (ordinal - first) as usize
        }
    };
    // Each period's label made once, copied into every cell of the period.
    let labels: Vec<String> = (0..table.period_count()).map(|p| table.periods().label(table.first_ordinal() + p as i64)).collect();
    Ok(Report {
        engine_version: env!("CARGO_PKG_VERSION"),
        as_of: format_instant(as_of),
        timezone: config.timezone.clone(),
        granularity: table.periods().granularity(),
        group_by: options.group_by.clone(),
        scorecard: evaluate(config, table, p),
        periods: periods(table, &labels),
        kpis: series(table, &labels),
        sla_compliance: if computed.with_policies { compliance(table, &labels) } else { Vec::new() },
        sla_policies: computed.sla_policies.clone(),
        causes: computed.causes.clone(),
    })
}

/// The last computation of a report, reused while what it was computed
/// from is unchanged: a what-if on targets, weights, thresholds, baselines,
/// RAG bands or the scored period (`at`) then only re-scores. Keep one per
/// data set and [`Cache::clear`] it when the data set changes.
#[derive(Debug, Default)]
pub struct Cache {
    last: Option<(CacheKey, Computed)>,
}

/// Everything the computation depends on besides the data set.
#[derive(Debug, Clone, PartialEq)]
struct CacheKey {
    policies: Option<serde_json::Value>,
    period: Granularity,
    timezone: String,
    calendar: Option<serde_json::Value>,
    kpis: Vec<KpiSpec>,
    as_of: Option<Instant>,
    group_by: Option<String>,
    causes: bool,
}

impl Cache {
    /// Forgets the last computation.
    pub fn clear(&mut self) {
        self.last = None;
    }

    /// [`build`], reusing the last computation when the policy document
    /// (`policies`: the parsed set and its JSON), the configuration's
    /// period, zone, calendar (`calendar`: its JSON, `None` when absent)
    /// and KPIs, and the options other than `at` are the same.
    pub fn build(
        &mut self,
        dataset: &Dataset,
        config: &Config,
        calendar: Option<&serde_json::Value>,
        options: &ReportOptions,
        policies: Option<(&PolicySet, &serde_json::Value)>,
    ) -> Result<Report, Error> {
        let key = CacheKey {
            policies: policies.map(|(_, v)| v.clone()),
            period: options.period.unwrap_or(config.period),
            timezone: config.timezone.clone(),
            calendar: calendar.cloned(),
            kpis: config.kpi_specs(),
            as_of: options.as_of,
            group_by: options.group_by.clone(),
            causes: options.causes,
        };
        match &self.last {
            Some((k, computed)) if *k == key => finish(config, options, computed),
            _ => {
                self.last = None;
                let computed = compute(dataset, config, options, policies.map(|(set, _)| set))?;
                let report = finish(config, options, &computed);
                self.last = Some((key, computed));
                report
            }
        }
    }
}

fn periods(table: &KpiTable, labels: &[String]) -> Vec<PeriodInfo> {
    (0..table.period_count())
        .map(|p| {
            let o = table.first_ordinal() + p as i64;
            let end = table.periods().end(o);
            PeriodInfo { period: labels[p].clone(), start: format_instant(table.periods().start(o)), end: format_instant(end), partial: end > table.as_of() }
        })
        .collect()
}

fn cells(table: &KpiTable, labels: &[String], slot: usize, k: usize) -> Vec<Cell> {
    (0..table.period_count())
        .map(|p| {
            let v = table.value(p, slot, k);
            Cell {
                period: labels[p].clone(),
                value: v.value,
                n: v.n,
                buckets: v.buckets.map(|b| b.into_iter().map(|(label, count)| AgeBucket { label, count }).collect()),
            }
        })
        .collect()
}

fn series(table: &KpiTable, labels: &[String]) -> Vec<KpiSeries> {
    table
        .kpis()
        .iter()
        .enumerate()
        .map(|(k, spec)| KpiSeries {
            kpi: spec.id.id(),
            name: spec.id.name(),
            unit: spec.id.unit(),
            direction: spec.id.direction(),
            clock: spec.clock,
            formula: spec.id.formula(),
            all: cells(table, labels, 0, k),
            groups: table.groups().iter().enumerate().map(|(g, value)| GroupSeries { value: value.clone(), cells: cells(table, labels, g + 1, k) }).collect(),
        })
        .collect()
}

fn compliance(table: &KpiTable, labels: &[String]) -> Vec<ComplianceCell> {
    let Some(k) = table.kpi_index(KpiSpec::wall(KpiId::SlaCompliance)) else { return Vec::new() };
    (0..table.period_count())
        .map(|p| {
            let (met, total) = match table.agg(p, 0, k) {
                Some(kpi::Agg::Ratio { num, den }) => (*num as u64, *den as u64),
                _ => (0, 0),
            };
            ComplianceCell { period: labels[p].clone(), met, breached: total.saturating_sub(met), compliance: table.value(p, 0, k).value }
        })
        .collect()
}

// Test code only (compiled under `cfg(test)`): its unwrap()/expect() calls
// run on inputs written in the tests, never on user input.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::model::{DimensionValues, MaybeInstant, Ticket};
    use crate::scorecard::default_config;
    use crate::support::time::parse_instant;

    fn at(s: &str) -> Instant {
        parse_instant(s).unwrap()
    }

    fn dataset() -> Dataset {
        let mut ds = Dataset::default();
        let prio = ds.dimension_index_or_add("priority");
        let mut t = |opened: &str, resolved: Option<&str>, p: &str| Ticket {
            id: opened.into(),
            kind: ds.strings.intern("incident"),
            title: String::new(),
            dimensions: {
                let mut d = DimensionValues::new(prio + 1);
                d.set(prio, Some(ds.strings.intern(p)));
                d
            },
            opened: at(opened),
            first_response: MaybeInstant::NONE,
            resolved: MaybeInstant::new(resolved.map(at)),
            closed: MaybeInstant::NONE,
            history: None,
            reopen_count: 0,
            csat: None,
            first_contact_resolution: None,
            source_sla_met: Some(true),
            source_row: 1,
        };
        let tickets = vec![
            t("2016-02-29T01:00:00Z", Some("2016-03-01T01:00:00Z"), "P1"),
            t("2016-03-10T00:00:00Z", Some("2016-03-10T12:00:00Z"), "P2"),
            t("2016-03-20T00:00:00Z", None, "P2"),
        ];
        ds.tickets = tickets;
        ds
    }

    #[test]
    fn report_defaults_to_the_period_of_the_latest_instant() {
        let ds = dataset();
        // P1 within 30 h: T1 took 24 h → met (stops 03-01); P2 within 10 h: T2 took 12 h → breached
        // (stops 03-10); T3 (P2) is still open at as_of → running, not a verdict
        let policies = PolicySet::from_json(
            &serde_json::json!({"policies": [
                {"name": "P1 resolution", "when": {"priority": "P1"}, "metric": "resolution", "target": "30h"},
                {"name": "P2 resolution", "when": {"priority": "P2"}, "metric": "resolution", "target": "10h"}
            ]}),
            "",
        )
        .unwrap();
        let r = build(&ds, &default_config().unwrap(), &ReportOptions::default(), Some(&policies)).unwrap();
        // latest instant: opened 2016-03-20 → as of then, periods Feb and Mar, March scored and partial
        assert_eq!(r.as_of, "2016-03-20T00:00:00Z");
        assert_eq!(r.scorecard.period, "2016-03");
        assert!(r.scorecard.partial);
        assert_eq!(r.periods.len(), 2);
        let volume = r.kpis.iter().find(|k| k.kpi == "volume").unwrap();
        // Feb: 1 ticket; Mar: 2
        assert_eq!(volume.all.iter().map(|c| c.value).collect::<Vec<_>>(), vec![Some(1.0), Some(2.0)]);
        // SLA compliance: March 1 met + 1 breached → 50 %; February none → null
        assert_eq!(r.sla_compliance[0].compliance, None);
        let march = &r.sla_compliance[1];
        assert_eq!((march.met, march.breached, march.compliance), (1, 1, Some(50.0)));
        // the SLA engine's own table: one row per policy, same periods
        let rows: Vec<_> = r.sla_policies.iter().map(|c| (c.policy.as_str(), c.period.as_str(), c.met, c.breached)).collect();
        assert_eq!(rows, vec![("P1 resolution", "2016-03", 1, 0), ("P2 resolution", "2016-03", 0, 1)]);
        let sla_kpi = r.scorecard.perspectives[0].kpis.iter().find(|k| k.kpi == "sla_compliance").unwrap();
        assert_eq!(sla_kpi.value, Some(50.0));
        // MTTR median in March: 24 h (T1) and 12 h (T2) → 18 h
        let mttr = r.kpis.iter().find(|k| k.kpi == "mttr_median").unwrap();
        assert_eq!(mttr.all[1].value, Some(18.0));
        let json = serde_json::to_value(&r).unwrap();
        assert!(json["kpis"][0]["all"][0]["period"].is_string());
        // no change records: the Change perspective has no score, serialised as null
        assert_eq!(json["scorecard"]["perspectives"][3]["name"], "Change");
        assert!(json["scorecard"]["perspectives"][3]["score"].is_null());
        assert_eq!(json["scorecard"]["perspectives"][3]["rag"], "grey");
    }

    #[test]
    fn options_from_json_with_paths() {
        let o = ReportOptions::from_json(&serde_json::json!({"period": "week", "asOf": "2016-04-01T00:00:00Z", "at": "2016-W10", "groupBy": "priority"}), "")
            .unwrap();
        assert_eq!(o.period, Some(Granularity::Week));
        assert_eq!(o.as_of, Some(at("2016-04-01T00:00:00Z")));
        assert!(ReportOptions::from_json(&serde_json::Value::Null, "").unwrap().at.is_none());
        let e = ReportOptions::from_json(&serde_json::json!({"asOf": "yesterday"}), "options").unwrap_err().to_string();
        assert!(e.starts_with("options.asOf: \"yesterday\" is not an ISO 8601 instant"), "{e}");
        let e = ReportOptions::from_json(&serde_json::json!({"group": "x"}), "").unwrap_err().to_string();
        assert_eq!(e, "group: unknown field `group`, expected one of `period`, `asOf`, `at`, `groupBy`, `causes`");
    }

    #[test]
    fn latest_intake_period_is_scored_by_default() {
        // the last ticket opens in March and resolves in May: as of May, March is scored (not partial)
        let mut ds = dataset();
        ds.tickets[2].resolved = Some(at("2016-05-02T00:00:00Z")).into();
        let r = build(&ds, &default_config().unwrap(), &ReportOptions::default(), None).unwrap();
        assert_eq!(r.as_of, "2016-05-02T00:00:00Z");
        assert_eq!((r.scorecard.period.as_str(), r.scorecard.partial), ("2016-03", false));
        assert_eq!(r.periods.len(), 4); // Feb, Mar, Apr, May
    }

    #[test]
    fn what_if_changes_period_target_and_scored_period() {
        let ds = dataset();
        let options = ReportOptions {
            period: Some(Granularity::Week),
            as_of: Some(at("2016-03-31T00:00:00Z")),
            at: Some("2016-W10".to_string()),
            group_by: Some("priority".to_string()),
            causes: false,
        };
        let r = build(&ds, &default_config().unwrap(), &options, None).unwrap();
        assert_eq!(r.scorecard.period, "2016-W10");
        let volume = r.kpis.iter().find(|k| k.kpi == "volume").unwrap();
        assert_eq!(volume.groups.iter().map(|g| g.value.as_deref()).collect::<Vec<_>>(), vec![Some("P1"), Some("P2")]);
        let bad = ReportOptions { at: Some("2015-01".to_string()), ..ReportOptions::default() };
        let e = build(&ds, &default_config().unwrap(), &bad, None).unwrap_err().to_string();
        assert_eq!(e, "at: \"2015-01\" is outside the data, which covers 2016-02 to 2016-03");
    }
}
