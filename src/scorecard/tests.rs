//! A scorecard scored by hand on a small data set.
//!
//! Test code only (compiled under `cfg(test)`): its unwrap()/expect()
//! calls run on inputs written here, never on user input.

use super::*;
use crate::calendar::Calendar;
use crate::ingest::model::{Dataset, DimensionValues, MaybeInstant, Ticket};
use crate::kpi::{compute, Granularity, KpiTable, Query};
use crate::support::time::{parse_instant, Instant};
use crate::support::tz::TimeZone;
use serde_json::json;

fn at(s: &str) -> Instant {
    parse_instant(s).unwrap()
}

fn ticket(ds: &mut Dataset, opened: &str, resolved: &str, reopen_count: u32) -> Ticket {
    Ticket {
        id: opened.into(),
        kind: ds.strings.intern("incident"),
        title: String::new(),
        dimensions: DimensionValues::new(0),
        opened: at(opened),
        first_response: MaybeInstant::NONE,
        resolved: MaybeInstant::new(Some(at(resolved))),
        closed: MaybeInstant::NONE,
        history: None,
        reopen_count,
        csat: None,
        first_contact_resolution: None,
        source_sla_met: None,
        source_row: 1,
    }
}

/// January: A 12 h, B 36 h (reopened); February: nothing; March: C 6 h, D 4 h.
fn dataset() -> Dataset {
    let mut ds = Dataset::default();
    ds.tickets = vec![
        ticket(&mut ds, "2026-01-01T00:00:00Z", "2026-01-01T12:00:00Z", 0),
        ticket(&mut ds, "2026-01-02T00:00:00Z", "2026-01-03T12:00:00Z", 1),
        ticket(&mut ds, "2026-03-01T00:00:00Z", "2026-03-01T06:00:00Z", 0),
        ticket(&mut ds, "2026-03-02T00:00:00Z", "2026-03-02T04:00:00Z", 0),
    ];
    ds
}

fn config() -> Config {
    Config::from_json(
        &json!({
            "name": "Test",
            "sparkline": 3,
            "perspectives": [
                {"name": "Delivery", "weight": 3, "kpis": [
                    {"kpi": "mttr", "target": 8, "baseline": 24, "weight": 2},
                    {"kpi": "mttr_p90", "target": 10, "baseline": 40, "weight": 0.5},
                    {"kpi": "csat_mean", "target": 80, "weight": 5}
                ]},
                {"name": "Quality", "weight": 1, "kpis": [
                    {"kpi": "reopen_rate", "target": 5, "baseline": 55,
                     "thresholds": {"mode": "absolute", "green": 5, "amber": 10}}
                ]}
            ]
        }),
        "",
    )
    .unwrap()
}

fn table(config: &Config) -> KpiTable {
    let q = Query {
        kpis: config.kpi_specs(),
        granularity: Granularity::Month,
        zone: TimeZone::utc(),
        group_by: None,
        as_of: at("2026-03-31T00:00:00Z"),
        from: None,
        calendar: Calendar::always(),
    };
    compute(&dataset(), &q, &[]).unwrap()
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn january_scored_by_hand() {
    let c = config();
    let s = evaluate(&c, &table(&c), 0);
    assert_eq!(s.period, "2026-01");
    assert_eq!((s.period_start.as_str(), s.period_end.as_str()), ("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"));
    assert!(!s.partial);
    let delivery = &s.perspectives[0];
    let mttr = &delivery.kpis[0];
    // MTTR = (12 + 36)/2 = 24 h = baseline → score 0; default thresholds green 8, amber 110 % = 8.8 → red
    assert_eq!((mttr.value, mttr.score, mttr.rag), (Some(24.0), Some(0.0), Rag::Red));
    // p90 (nearest rank ⌈0.9·2⌉ = 2) = 36 h → (40−36)/(40−10) = 4/30 → 13.33
    let p90 = &delivery.kpis[1];
    assert_eq!(p90.value, Some(36.0));
    assert!(close(p90.score, 400.0 / 30.0));
    // no CSAT data: no value, no score, grey, and left out of the roll-up
    let csat = &delivery.kpis[2];
    assert_eq!((csat.value, csat.score, csat.rag), (None, None, Rag::Grey));
    // Delivery = (2·0 + 0.5·13.33) / (2 + 0.5) = 6.667/2.5 = 2.667 (CSAT's weight 5 renormalised away)
    assert!(close(delivery.rollup.score, (0.5 * 400.0 / 30.0) / 2.5));
    // reopen rate 1/2 = 50 % → (55−50)/(55−5) = 5/50 → 10; 50 > amber 10 → red
    let quality = &s.perspectives[1];
    assert_eq!((quality.kpis[0].value, quality.kpis[0].score), (Some(50.0), Some(10.0)));
    assert_eq!(quality.kpis[0].rag, Rag::Red);
    // overall = (3·2.667 + 1·10) / (3 + 1) = (8 + 10)/4 = 4.5 → red
    assert!(close(s.overall.score, 4.5));
    assert_eq!(s.overall.rag, Rag::Red);
    // first period: no previous period, no trend
    assert_eq!(s.overall.trend.delta, None);
    // series is clipped at the first period
    assert_eq!(s.overall.series.len(), 1);
}

#[test]
fn empty_period_has_no_scores_and_breaks_the_trend() {
    let c = config();
    let t = table(&c);
    let feb = evaluate(&c, &t, 1);
    let mttr = &feb.perspectives[0].kpis[0];
    // nothing resolved in February: no value, grey; previous (January) 24 h is kept but no delta
    assert_eq!((mttr.value, mttr.rag), (None, Rag::Grey));
    assert_eq!((mttr.trend.previous, mttr.trend.delta, mttr.trend.direction), (Some(24.0), None, None));
    assert_eq!((feb.overall.score, feb.overall.rag), (None, Rag::Grey));

    let mar = evaluate(&c, &t, 2);
    assert!(mar.partial); // March ends after as_of (03-31 00:00)
                          // MTTR (6 + 4)/2 = 5 h, better than the 8 h target → clamped at 100, green
    let mttr = &mar.perspectives[0].kpis[0];
    assert_eq!((mttr.value, mttr.score, mttr.rag), (Some(5.0), Some(100.0), Rag::Green));
    // trend across the empty February: no delta, no direction
    assert_eq!((mttr.trend.previous, mttr.trend.delta, mttr.trend.good), (None, None, None));
    // reopen rate 0/2 = 0 % is a value (not missing): (55−0)/50 = 1.1 → clamped 100
    assert_eq!(mar.perspectives[1].kpis[0].score, Some(100.0));
    assert_eq!(mar.overall.score, Some(100.0));
    assert_eq!(mar.overall.rag, Rag::Green);
    // sparkline of 3: January 4.5, February none, March 100
    let series: Vec<_> = mar.overall.series.iter().map(|p| (p.period.as_str(), p.score)).collect();
    assert_eq!(series.len(), 3);
    assert_eq!((series[0].0, series[1], series[2]), ("2026-01", ("2026-02", None), ("2026-03", Some(100.0))));
    assert!(close(series[0].1, 4.5));
    let kpi_series: Vec<_> = mttr.series.iter().map(|p| p.value).collect();
    assert_eq!(kpi_series, vec![Some(24.0), None, Some(5.0)]);
}

#[test]
fn trend_between_consecutive_periods() {
    // February gets one ticket of 20 h, so March (5 h) improves on it by 15 h.
    let c = config();
    let mut ds = dataset();
    let extra = ticket(&mut ds, "2026-02-10T00:00:00Z", "2026-02-10T20:00:00Z", 0);
    ds.tickets.push(extra);
    let q = Query {
        kpis: c.kpi_specs(),
        granularity: Granularity::Month,
        zone: TimeZone::utc(),
        group_by: None,
        as_of: at("2026-03-31T00:00:00Z"),
        from: None,
        calendar: Calendar::always(),
    };
    let s = evaluate(&c, &compute(&ds, &q, &[]).unwrap(), 2);
    let t = &s.perspectives[0].kpis[0].trend;
    // 5 − 20 = −15 h, down, good for a lower-is-better KPI
    assert_eq!((t.previous, t.delta, t.direction, t.good), (Some(20.0), Some(-15.0), Some("down"), Some(true)));
    // February overall: MTTR 20 h → (24−20)/16 = 25; p90 20 h → (40−20)/30 = 66.67;
    // Delivery = (2·25 + 0.5·66.67)/2.5 = 83.33/2.5 = 33.33; Quality 0 % reopen → 100;
    // overall = (3·33.33 + 100)/4 = 50 → March 100 is +50, good
    assert!(close(s.overall.trend.previous, 50.0));
    assert!(close(s.overall.trend.delta, 50.0));
    assert_eq!(s.overall.trend.good, Some(true));
}

#[test]
fn serialises_missing_values_as_null() {
    let c = config();
    let s = evaluate(&c, &table(&c), 0);
    let v = serde_json::to_value(&s).unwrap();
    let csat = &v["perspectives"][0]["kpis"][2];
    assert_eq!(csat["kpi"], "csat_mean");
    assert!(csat["value"].is_null() && csat["score"].is_null());
    assert_eq!(csat["rag"], "grey");
    assert_eq!(v["perspectives"][0]["name"], "Delivery");
    assert!(v["perspectives"][0]["score"].is_number()); // flattened roll-up
    assert_eq!(v["periodStart"], "2026-01-01T00:00:00Z");
}

#[test]
fn default_scorecard_parses() {
    let c = default_config().unwrap();
    let names: Vec<_> = c.perspectives.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Service delivery", "Customer", "Process efficiency", "Change"]);
}
