//! The report cache gives exactly the report a fresh computation gives:
//! after a what-if on scoring (target, weight, scored period) it re-scores
//! the cached computation, and any change of what the computation depends
//! on (policies, calendar, zone, period length, KPIs, asOf, groupBy)
//! recomputes.

mod common;

use common::load_csv;
use serde_json::{json, Value};
use sla_scorecard::report::{build, Cache, ReportOptions};
use sla_scorecard::scorecard::{Config, DEFAULT_SCORECARD};
use sla_scorecard::sla::PolicySet;
use sla_scorecard::support::generate::{tickets_csv, Form, Spec};

fn fresh(d: &sla_scorecard::ingest::model::Dataset, config: &Value, options: &Value, policies: Option<&Value>) -> Value {
    let c = Config::from_json(config, "").unwrap();
    let o = ReportOptions::from_json(options, "").unwrap();
    let p = policies.map(|p| PolicySet::from_json(p, "").unwrap());
    serde_json::to_value(build(d, &c, &o, p.as_ref()).unwrap()).unwrap()
}

fn cached(cache: &mut Cache, d: &sla_scorecard::ingest::model::Dataset, config: &Value, options: &Value, policies: Option<&Value>) -> Value {
    let c = Config::from_json(config, "").unwrap();
    let o = ReportOptions::from_json(options, "").unwrap();
    let p = policies.map(|p| (PolicySet::from_json(p, "").unwrap(), p.clone()));
    serde_json::to_value(cache.build(d, &c, config.get("calendar"), &o, p.as_ref().map(|(s, v)| (s, v))).unwrap()).unwrap()
}

#[test]
fn cached_reports_equal_fresh_ones_through_what_ifs_and_changes() {
    let d = load_csv(&tickets_csv(&Spec::new(3_000, 9), Form::Events), json!({"preset": "servicenow-event-log"})).unwrap().dataset;
    let policies: Value = serde_json::from_str(include_str!("../benches/policies.json")).unwrap();
    let base: Value = serde_json::from_str(DEFAULT_SCORECARD).unwrap();
    let mut target = base.clone();
    let t = target["perspectives"][0]["kpis"][0]["target"].as_f64().unwrap();
    target["perspectives"][0]["kpis"][0]["target"] = json!(t * 2.0 + 1.0);
    let mut office = base.clone();
    office["calendar"] = json!({"timezone": "Europe/Berlin", "week": {"mon": [["09:00", "17:00"]], "fri": [["09:00", "12:00"]]}});
    let mut berlin = base.clone();
    berlin["timezone"] = json!("Europe/Berlin");
    let other_policies = json!({"policies": [{"name": "all", "metric": "resolution", "target": "1d"}]});
    let as_of = json!({"asOf": "2026-01-05T00:00:00Z"});
    let steps: Vec<(Value, Value, Option<Value>)> = vec![
        (base.clone(), as_of.clone(), Some(policies.clone())),
        (target.clone(), as_of.clone(), Some(policies.clone())),
        (target.clone(), json!({"asOf": "2026-01-05T00:00:00Z", "at": "2025-06"}), Some(policies.clone())),
        (office.clone(), as_of.clone(), Some(policies.clone())),
        (berlin.clone(), as_of.clone(), Some(policies.clone())),
        (berlin.clone(), json!({"asOf": "2026-01-05T00:00:00Z", "period": "week"}), Some(policies.clone())),
        (berlin.clone(), json!({"asOf": "2026-01-05T00:00:00Z", "groupBy": "priority"}), Some(policies.clone())),
        (berlin.clone(), json!({"asOf": "2025-10-01T00:00:00Z"}), Some(policies.clone())),
        (berlin.clone(), json!({"asOf": "2025-10-01T00:00:00Z"}), Some(other_policies)),
        (berlin.clone(), json!({"asOf": "2025-10-01T00:00:00Z"}), None),
        (base.clone(), as_of.clone(), None),
    ];
    let mut cache = Cache::default();
    for (i, (config, options, policies)) in steps.iter().enumerate() {
        let a = cached(&mut cache, &d, config, options, policies.as_ref());
        let b = fresh(&d, config, options, policies.as_ref());
        assert_eq!(a, b, "step {i}");
    }
}

#[test]
fn outcomes_without_timelines_have_the_same_figures() {
    let d = load_csv(&tickets_csv(&Spec::new(3_000, 11), Form::Events), json!({"preset": "servicenow-event-log"})).unwrap().dataset;
    let set = PolicySet::from_json(&serde_json::from_str(include_str!("../benches/policies.json")).unwrap(), "").unwrap();
    for as_of in [1_750_000_000, Spec::new(0, 0).end()] {
        let full = sla_scorecard::sla::evaluate(&d, &set, as_of);
        let lean = sla_scorecard::sla::evaluate_without_timelines(&d, &set, as_of);
        assert_eq!(full.outcomes.len(), lean.outcomes.len());
        assert!(full.outcomes.iter().any(|o| !o.timeline.is_empty()));
        assert!(lean.outcomes.iter().all(|o| o.timeline.is_empty()));
        for (a, b) in full.outcomes.iter().zip(&lean.outcomes) {
            let a = sla_scorecard::sla::Outcome { timeline: Vec::new(), ..a.clone() };
            assert_eq!(&a, b);
        }
        assert_eq!((full.evaluated, &full.unmatched), (lean.evaluated, &lean.unmatched));
    }
}
