//! The KPI engine and the default scorecard on the sample event log, against
//! monthly figures computed independently by `tests/independent/kpi_figures.py`
//! (committed with its output `tests/independent/kpi_figures.json`;
//! definitions in the script).

mod common;

use serde_json::Value;
use sla_scorecard::calendar::Calendar;
use sla_scorecard::kpi::{compute, latest_instant, Granularity, KpiId, KpiSpec, Query};
use sla_scorecard::report::{build, ReportOptions};
use sla_scorecard::scorecard::default_config;
use sla_scorecard::sla::PolicySet;
use sla_scorecard::support::tz::TimeZone;

fn figures() -> Vec<Value> {
    let v: Value = serde_json::from_str(include_str!("independent/kpi_figures.json")).unwrap();
    v["months"].as_array().unwrap().clone()
}

fn close(rust: Option<f64>, python: &Value) -> bool {
    match (rust, python.as_f64()) {
        (None, None) => python.is_null(),
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * b.abs().max(1.0),
        _ => false,
    }
}

#[test]
fn monthly_volume_mttr_and_reopen_rate_match_the_independent_script() {
    let ds = common::load_sample().dataset;
    let ids = [KpiId::Volume, KpiId::Mttr, KpiId::MttrMedian, KpiId::MttrP90, KpiId::ReopenRate];
    let query = Query {
        kpis: ids.iter().map(|&k| KpiSpec::wall(k)).collect(),
        granularity: Granularity::Month,
        zone: TimeZone::utc(),
        group_by: None,
        as_of: latest_instant(&ds).unwrap(),
        from: None,
        calendar: Calendar::always(),
    };
    let table = compute(&ds, &query, &[]).unwrap();
    let months = figures();
    // the table may run on past the last resolution (closures come later)
    assert!(table.period_count() >= months.len());
    let keys = ["volume", "mttr_hours", "mttr_median_hours", "mttr_p90_hours", "reopen_rate"];
    for (p, m) in months.iter().enumerate() {
        assert_eq!(table.periods().label(table.first_ordinal() + p as i64), m["month"].as_str().unwrap());
        for (k, key) in keys.iter().enumerate() {
            let v = table.value(p, 0, k);
            assert!(close(v.value, &m[*key]), "{} {key}: rust {:?}, python {}", m["month"], v.value, m[*key]);
        }
        // the number of resolved tickets is the sample size of MTTR
        assert_eq!(table.value(p, 0, 1).n, m["resolved"].as_f64().unwrap(), "{} resolved", m["month"]);
    }
}

#[test]
fn default_scorecard_on_the_sample() {
    let ds = common::load_sample().dataset;
    let text = include_str!("../policies/servicenow-sample.json");
    let policies = PolicySet::from_json(&serde_json::from_str(text).unwrap(), "").unwrap();
    let report = build(&ds, &default_config().unwrap(), &ReportOptions::default(), Some(&policies)).unwrap();
    let months = figures();
    let s = &report.scorecard;
    // the last month with intake is March 2016
    assert_eq!(s.period, "2016-03");
    let march = months.iter().find(|m| m["month"] == "2016-03").unwrap();
    let kpi = |id: &str| s.perspectives.iter().flat_map(|p| &p.kpis).find(|k| k.kpi == id).unwrap();
    assert!(close(kpi("mttr_median").value, &march["mttr_median_hours"]));
    assert!(close(kpi("reopen_rate").value, &march["reopen_rate"]));
    // no CSAT, outages or changes in the sample: no value, grey, and the Change perspective has no score
    assert_eq!(kpi("csat_mean").value, None);
    assert_eq!(kpi("availability").value, None);
    assert!(s.perspectives[3].rollup.score.is_none());
    assert!(s.overall.score.is_some());
    // SLA compliance of March = met / (met + breached) of the SLA engine's rows for March
    let (met, breached) = report.sla_policies.iter().filter(|r| r.period == "2016-03").fold((0, 0), |(m, b), r| (m + r.met, b + r.breached));
    assert!(met + breached > 0);
    let expected = 100.0 * met as f64 / (met + breached) as f64;
    assert!((kpi("sla_compliance").value.unwrap() - expected).abs() < 1e-9);
    println!("{}", serde_json::to_string_pretty(s).unwrap());
}
