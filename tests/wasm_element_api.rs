//! The calls the `<sla-scorecard>` element makes, in a real browser, on the
//! sample: SLA table, breach list, one ticket's drill-down, the outcomes CSV,
//! and `reportWithPolicies` = `report` with the policy document. Expected
//! figures are docs/sla.md §6's (checked there against an independent script).
#![cfg(target_arch = "wasm32")]

use sla_scorecard::wasm::dataset::Dataset;
use sla_scorecard::wasm::report::{report, report_with_policies};
use sla_scorecard::wasm::{sla_breaches, sla_compliance, sla_outcomes_csv, sla_ticket, Policies};
use std::io::Read;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

const AS_OF: &str = "2017-02-04T19:00:00Z";

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn json(v: JsValue) -> serde_json::Value {
    serde_json::from_str(&String::from(js_sys::JSON::stringify(&v).unwrap())).unwrap()
}

fn sample() -> (Dataset, Policies) {
    let gz: &[u8] = include_bytes!("../data/servicenow-incident-event-log.csv.gz");
    let mut text = String::new();
    flate2::read::GzDecoder::new(gz).read_to_string(&mut text).unwrap();
    let ds = Dataset::from_csv(&text.as_str().into(), js(r#"{"preset":"servicenow-event-log"}"#).unchecked_into()).unwrap();
    (ds, Policies::new(js(include_str!("../policies/servicenow-sample.json"))).unwrap())
}

#[wasm_bindgen_test]
fn compliance_breaches_ticket_and_csv() {
    let (ds, policies) = sample();
    assert!(ds.dimensions().contains(&"priority".to_string()));
    let rows = json(sla_compliance(&ds, &policies, AS_OF.into(), js(r#"{"period":"all","dimension":"priority"}"#)).unwrap());
    let counts: Vec<_> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["value"].as_str().unwrap().to_string(), r["met"].as_u64().unwrap(), r["breached"].as_u64().unwrap()))
        .collect();
    // docs/sla.md §6: P1 1/14, P2 9/24, P3 459/298, P4 39/46
    assert_eq!(counts, vec![("1 - Critical".into(), 1, 14), ("2 - High".into(), 9, 24), ("3 - Moderate".into(), 459, 298), ("4 - Low".into(), 39, 46)]);
    let breaches = json(sla_breaches(&ds, &policies, AS_OF.into()).unwrap());
    let breaches = breaches.as_array().unwrap();
    assert_eq!(breaches.len(), 14 + 24 + 298 + 46);
    assert!(breaches.windows(2).all(|w| w[0]["lateSeconds"].as_i64() >= w[1]["lateSeconds"].as_i64()), "latest first");
    // a P1 breach: one outcome, its timeline tiles [start, stop], late = stop − breach
    let p1 = breaches.iter().find(|b| b["policy"] == "P1 resolution").unwrap();
    let ticket = json(sla_ticket(&ds, &policies, AS_OF.into(), p1["ticket"].as_str().unwrap()).unwrap());
    assert_eq!(ticket["id"], p1["ticket"]);
    assert_eq!(ticket["dimensions"]["priority"], "1 - Critical");
    let outcomes = ticket["outcomes"].as_array().unwrap();
    assert_eq!(outcomes.len(), 1);
    let o = &outcomes[0];
    assert_eq!((o["policy"].as_str(), o["state"].as_str()), (Some("P1 resolution"), Some("breached")));
    let segs = o["timeline"].as_array().unwrap();
    assert_eq!(segs.first().unwrap()["from"], o["start"]);
    assert_eq!(segs.last().unwrap()["to"], o["stop"]);
    assert!(segs.windows(2).all(|w| w[0]["to"] == w[1]["from"]));
    let secs = |k: &str| js_sys::Date::parse(o[k].as_str().unwrap()) / 1000.0;
    assert_eq!(o["lateSeconds"].as_f64().unwrap(), secs("stop") - secs("breach"));
    assert!(sla_ticket(&ds, &policies, AS_OF.into(), "no such ticket").unwrap().is_null());
    // one outcome per incident (890) plus the header
    let csv = sla_outcomes_csv(&ds, &policies, AS_OF.into()).unwrap();
    assert_eq!(csv.lines().count(), 891);
    assert!(csv.starts_with("ticket,policy,state,start,due,stop,breach,"));
}

#[wasm_bindgen_test]
fn report_with_policies_is_report_with_the_document() {
    let (ds, policies) = sample();
    let options = || Some(js(r#"{"period":"week"}"#).unchecked_into());
    let a = json(report_with_policies(&ds, &policies, None, options()).unwrap().into());
    let b = json(report(&ds, None, options(), Some(js(include_str!("../policies/servicenow-sample.json")).unchecked_into())).unwrap().into());
    assert_eq!(a, b);
    assert_eq!(a["granularity"], "week");
    assert!(!a["slaPolicies"].as_array().unwrap().is_empty());
}
