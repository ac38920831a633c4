//! Browser half of the native/wasm parity check: the same reports as
//! `tests/parity_native.rs`, computed through the JS API in Chromium, must
//! equal the committed native canonical texts in `tests/parity/` byte for
//! byte (the native suite regenerates and checks those texts).
#![cfg(target_arch = "wasm32")]

mod parity;

use sla_scorecard::wasm::dataset::Dataset;
use sla_scorecard::wasm::report::report;
use sla_scorecard::wasm::{evaluate_sla, Policies};
use std::io::Read;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn canonical(value: JsValue) -> String {
    parity::canonical(&to_value(&value))
}

/// The JS result as JSON, read value by value (a text round trip through
/// serde_json could move a float's last bit).
fn to_value(v: &JsValue) -> serde_json::Value {
    use serde_json::Value;
    if let Some(array) = v.dyn_ref::<js_sys::Array>() {
        Value::Array(array.iter().map(|x| to_value(&x)).collect())
    } else if let Some(s) = v.as_string() {
        Value::String(s)
    } else if let Some(b) = v.as_bool() {
        Value::Bool(b)
    } else if let Some(x) = v.as_f64() {
        if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
            Value::from(x as i64)
        } else {
            serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
        }
    } else if v.is_null() {
        Value::Null
    } else {
        let entries = js_sys::Object::entries(v.unchecked_ref());
        Value::Object(
            entries
                .iter()
                .map(|pair| {
                    let pair: js_sys::Array = pair.unchecked_into();
                    (pair.get(0).as_string().unwrap(), to_value(&pair.get(1)))
                })
                .collect(),
        )
    }
}

fn same(name: &str, got: &str, expected: &str) {
    if let Some(diff) = parity::first_difference(got, expected) {
        panic!("{name}: the browser's report differs from the native one: {diff}");
    }
}

#[wasm_bindgen_test]
fn sample_report_equals_the_native_one() {
    let gz: &[u8] = include_bytes!("../data/servicenow-incident-event-log.csv.gz");
    let mut text = String::new();
    flate2::read::GzDecoder::new(gz).read_to_string(&mut text).unwrap();
    let ds = Dataset::from_csv(&text, js(parity::LOAD_OPTIONS).unchecked_into()).unwrap();
    let r = report(
        &ds,
        None,
        Some(js(parity::SAMPLE_OPTIONS).unchecked_into()),
        Some(js(include_str!("../policies/servicenow-sample.json")).unchecked_into()),
    )
    .unwrap();
    same("sample-report.json", &canonical(r.into()), include_str!("parity/sample-report.json"));
}

#[wasm_bindgen_test]
fn generated_reports_equal_the_native_ones() {
    let text = parity::generated_log(42, 150);
    let ds = Dataset::from_csv(&text, js(parity::LOAD_OPTIONS).unchecked_into()).unwrap();
    let r = report(
        &ds,
        Some(js(parity::GENERATED_SCORECARD).unchecked_into()),
        Some(js(parity::GENERATED_OPTIONS).unchecked_into()),
        Some(js(parity::GENERATED_POLICIES).unchecked_into()),
    )
    .unwrap();
    same("generated-report.json", &canonical(r.into()), include_str!("parity/generated-report.json"));

    let policies = Policies::new(js(parity::GENERATED_POLICIES)).unwrap();
    let sla = evaluate_sla(&ds, &policies, parity::GENERATED_SLA_AS_OF.into(), js(parity::GENERATED_SLA_OPTIONS)).unwrap();
    same("generated-sla.json", &canonical(sla), include_str!("parity/generated-sla.json"));
}
