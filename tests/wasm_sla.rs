//! The SLA part of the JS API in a real browser: policy errors as JS
//! `Error`s with their path, and the sample's whole report identical to the
//! native one (`tests/sla_sample.rs`).
#![cfg(target_arch = "wasm32")]

mod sla_common;

use sla_scorecard::wasm::dataset::Dataset;
use sla_scorecard::wasm::{evaluate_sla, Policies};
use std::io::Read;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

mod js_value;
use js_value::to_value;

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

/// A JS value as a `serde_json::Value`, reading every number exactly as the
/// f64 it is (a round trip through JSON text and `serde_json::from_str`
/// may move the last bit of a float, which would change the hash).

#[wasm_bindgen_test]
fn policy_errors_carry_their_path() {
    let err = Policies::new(js(r#"{"policies":[{"name":"a","metric":"resolution","target":"4 hours"}]}"#)).err().unwrap();
    assert_eq!(get(&err, "path").as_string().as_deref(), Some("policies[0].target"));
    let err: js_sys::Error = err.dyn_into().unwrap();
    assert!(String::from(err.message()).starts_with("policies[0].target: \"4 hours\" is not a duration"));
    let ok = Policies::new(js(r#"{"policies":[{"name":"a","metric":"resolution","target":"4h"}]}"#)).unwrap();
    assert_eq!(ok.names(), vec!["a".to_string()]);
}

#[wasm_bindgen_test]
fn sample_report_is_identical_to_native() {
    let gz: &[u8] = include_bytes!("../data/servicenow-incident-event-log.csv.gz");
    let mut text = String::new();
    flate2::read::GzDecoder::new(gz).read_to_string(&mut text).unwrap();
    let ds = Dataset::from_csv(&text.as_str().into(), js(r#"{"preset":"servicenow-event-log"}"#).unchecked_into()).unwrap();
    let policies = Policies::new(js(include_str!("../policies/servicenow-sample.json"))).unwrap();
    let options = js(r#"{"period":"month","by":"stop","dimension":"priority","zone":"Europe/Berlin"}"#);
    let report = evaluate_sla(&ds, &policies, "2017-02-04T19:00:00Z".into(), options).unwrap();
    // Bad options are errors with a path, and the instance keeps working.
    let err = evaluate_sla(&ds, &policies, "2017-02-04T19:00:00Z".into(), js(r#"{"period":"year"}"#)).err().unwrap();
    assert_eq!(get(&err, "path").as_string().as_deref(), Some("options.period"));
    let value = to_value(&report);
    assert_eq!(value["ticketsEvaluated"], 890);
    let hash = format!("{:016x}\n", sla_common::canonical_hash(&value));
    assert_eq!(hash, include_str!("golden/sla-sample-report.fnv"));
}
