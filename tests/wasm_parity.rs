//! Browser half of the native/wasm parity check: the same reports as
//! `tests/parity_native.rs`, computed through the JS API in Chromium, must
//! equal the committed native canonical texts in `tests/parity/` byte for
//! byte (the native suite regenerates and checks those texts).
#![cfg(target_arch = "wasm32")]

mod js_value;
mod parity;

use js_value::to_value;

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
    let ds = Dataset::from_csv(&text.as_str().into(), js(parity::LOAD_OPTIONS).unchecked_into()).unwrap();
    let r = report(&ds, None, Some(js(parity::SAMPLE_OPTIONS).unchecked_into()), Some(js(include_str!("../policies/servicenow-sample.json")).unchecked_into()))
        .unwrap();
    same("sample-report.json", &canonical(r.into()), include_str!("parity/sample-report.json"));
}

#[wasm_bindgen_test]
fn generated_reports_equal_the_native_ones() {
    let text = parity::generated_log(42, 150);
    let ds = Dataset::from_csv(&text.as_str().into(), js(parity::LOAD_OPTIONS).unchecked_into()).unwrap();
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
    // The report as the CLI writes it: the plain tables, then the breach list
    // and every outcome (with timelines) read from the handle.
    let outcomes = js_sys::Reflect::get(&sla, &"outcomes".into()).unwrap();
    let method = |name: &str| -> js_sys::Function { js_sys::Reflect::get(&outcomes, &name.into()).unwrap().unchecked_into() };
    let all = method("page").call2(&outcomes, &0.into(), &1e9.into()).unwrap();
    let breaches = method("breaches").call0(&outcomes).unwrap();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&sla, &k.into(), v).unwrap();
    set("outcomes", &all);
    set("breaches", &breaches);
    for k in ["outcomeCount", "breachCount"] {
        js_sys::Reflect::delete_property(sla.unchecked_ref::<js_sys::Object>(), &k.into()).unwrap();
    }
    same("generated-sla.json", &canonical(sla), include_str!("parity/generated-sla.json"));
}
