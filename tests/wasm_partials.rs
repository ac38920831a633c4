//! `Partials` of the JS API in a real browser: the committed partial of the
//! sample (`tests/data/partials/sample-priority.json`, checked natively by
//! tests/partial_sample.rs to be what the engine writes) reports as
//! `report()` does on the sample loaded whole, for a what-if too; bad
//! bytes and a changed key field throw errors naming their path. Built
//! with the `partials-js` feature only (Cargo.toml).
#![cfg(all(target_arch = "wasm32", feature = "partials-js"))]

use js_sys::Reflect;
use sla_scorecard::wasm::dataset::Dataset;
use sla_scorecard::wasm::report::report;
use sla_scorecard::wasm::Partials;
use std::io::Read;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

const PARTIAL: &str = include_str!("data/partials/sample-priority.json");
const OPTIONS: &str = r#"{"asOf":"2017-03-01T00:00:00Z","groupBy":"priority"}"#;

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn text(v: &JsValue) -> String {
    js_sys::JSON::stringify(v).unwrap().as_string().unwrap()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn sample() -> Dataset {
    let gz: &[u8] = include_bytes!("../data/servicenow-incident-event-log.csv.gz");
    let mut text = String::new();
    flate2::read::GzDecoder::new(gz).read_to_string(&mut text).unwrap();
    Dataset::from_csv(&text.as_str().into(), js(r#"{"preset":"servicenow-event-log"}"#).unchecked_into()).unwrap()
}

/// The default scorecard with its first KPI's target set to 1.5 and no baseline.
fn what_if() -> JsValue {
    let config = sla_scorecard::wasm::report::default_scorecard().unwrap();
    let kpi = Reflect::get_u32(&get(&get(&config, "perspectives").unchecked_into::<js_sys::Array>().get(0), "kpis"), 0).unwrap();
    Reflect::set(&kpi, &"target".into(), &1.5.into()).unwrap();
    Reflect::delete_property(kpi.unchecked_ref::<js_sys::Object>(), &"baseline".into()).unwrap();
    config.into()
}

#[wasm_bindgen_test]
fn the_partial_reports_as_the_whole_sample_does_and_rescores_a_what_if() {
    let policies = js(include_str!("../policies/servicenow-sample.json"));
    let ds = sample();
    let partials = Partials::from_bytes(PARTIAL.as_bytes()).unwrap();
    for config in [JsValue::NULL, what_if()] {
        let whole: JsValue =
            report(&ds, Some(config.clone().unchecked_into()), Some(js(OPTIONS).unchecked_into()), Some(policies.clone().unchecked_into())).unwrap().into();
        let merged: JsValue = partials.report(Some(config.unchecked_into()), Some(js(OPTIONS).unchecked_into())).unwrap().into();
        assert_eq!(text(&merged), text(&whole));
    }
    assert!(partials.dimensions().iter().any(|d| d == "priority"));
}

#[wasm_bindgen_test]
fn compliance_sums_each_policy_over_every_period() {
    let partials = Partials::from_bytes(PARTIAL.as_bytes()).unwrap();
    let ds = sample();
    let policies = js(include_str!("../policies/servicenow-sample.json"));
    // The same totals as the report's per-period rows, added up here.
    let whole: JsValue = report(&ds, None, Some(js(OPTIONS).unchecked_into()), Some(policies.unchecked_into())).unwrap().into();
    let rows: js_sys::Array = get(&whole, "slaPolicies").unchecked_into();
    let totals: js_sys::Array = partials.compliance().unwrap().unchecked_into();
    assert!(totals.length() > 0);
    for t in totals.iter() {
        let policy = get(&t, "policy").as_string().unwrap();
        assert_eq!(get(&t, "period").as_string().as_deref(), Some("all"));
        for field in ["met", "breached", "inProgress", "atRisk", "paused", "notApplicable"] {
            let sum: f64 = rows.iter().filter(|r| get(r, "policy").as_string().as_deref() == Some(&policy)).map(|r| get(&r, field).as_f64().unwrap()).sum();
            assert_eq!(get(&t, field).as_f64(), Some(sum), "{policy} {field}");
        }
    }
}

#[wasm_bindgen_test]
fn bad_bytes_and_changed_keys_throw_naming_the_path() {
    let path = |e: JsValue| get(&e, "path").as_string().unwrap_or_default();
    assert_eq!(path(Partials::from_bytes(&[0xff, 0xfe]).err().unwrap()), "partial");
    assert_eq!(path(Partials::from_bytes(br#"{"format":"something else","version":1}"#).err().unwrap()), "format");
    assert_eq!(path(Partials::from_bytes(PARTIAL.replace("\"version\":1", "\"version\":2").as_bytes()).err().unwrap()), "version");
    let partials = Partials::from_bytes(PARTIAL.as_bytes()).unwrap();
    let e = partials.report(None, Some(js(r#"{"asOf":"2017-03-01T00:00:00Z"}"#).unchecked_into())).err().unwrap();
    assert_eq!(path(e), "partial.key.groupBy");
    // The instance is still usable after a failed report.
    assert!(partials.report(None, Some(js(OPTIONS).unchecked_into())).is_ok());
}
