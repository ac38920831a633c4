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

/// Calls method `name` of the JS object `target`; a throw comes back as the panic message.
fn call(target: &JsValue, name: &str, args: &[JsValue]) -> JsValue {
    try_call(target, name, args).unwrap_or_else(|e| panic!("{name}: {}", message(&e)))
}

fn try_call(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = get(target, name).dyn_into().unwrap();
    f.apply(target, &args.iter().collect::<js_sys::Array>())
}

fn message(e: &JsValue) -> String {
    String::from(e.dyn_ref::<js_sys::Error>().map(|e| e.message()).unwrap_or_default())
}

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
    // The report the CLI prints, put back together from the plain tables and
    // the handle (every outcome with its timeline, the breach list).
    let outcomes = get(&report, "outcomes");
    js_sys::Reflect::delete_property(report.unchecked_ref::<js_sys::Object>(), &"outcomes".into()).unwrap();
    let mut value = to_value(&report);
    assert_eq!(value["ticketsEvaluated"], 890);
    // docs/sla.md §6: one outcome per incident, 14 + 24 + 298 + 46 breached.
    assert_eq!((value["outcomeCount"].as_u64(), value["breachCount"].as_u64()), (Some(890), Some(382)));
    let map = value.as_object_mut().unwrap();
    map.remove("outcomeCount");
    map.remove("breachCount");
    map.insert("breaches".into(), to_value(&call(&outcomes, "breaches", &[])));
    map.insert("outcomes".into(), to_value(&call(&outcomes, "page", &[0.into(), 890.into()])));
    let hash = format!("{:016x}\n", sla_common::canonical_hash(&value));
    assert_eq!(hash, include_str!("golden/sla-sample-report.fnv"));
}

/// `evaluateSla`'s `SlaOutcomes` handle on the sample: figures of docs/sla.md §6
/// (checked there against an independent script), the CSV of `slaOutcomesCsv`,
/// consistent get / find / page / columns, errors with their path, and a
/// clear error once the data set is gone.
#[wasm_bindgen_test]
fn outcomes_handle_on_the_sample() {
    let gz: &[u8] = include_bytes!("../data/servicenow-incident-event-log.csv.gz");
    let mut text = String::new();
    flate2::read::GzDecoder::new(gz).read_to_string(&mut text).unwrap();
    let ds = Dataset::from_csv(&text.as_str().into(), js(r#"{"preset":"servicenow-event-log"}"#).unchecked_into()).unwrap();
    let policies = Policies::new(js(include_str!("../policies/servicenow-sample.json"))).unwrap();
    let as_of = "2017-02-04T19:00:00Z";
    let report = evaluate_sla(&ds, &policies, as_of.into(), js(r#"{"period":"all","dimension":"priority"}"#)).unwrap();
    let compliance = to_value(&get(&report, "compliance"));
    let counts: Vec<_> = compliance
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["value"].as_str().unwrap().to_string(), r["met"].as_u64().unwrap(), r["breached"].as_u64().unwrap()))
        .collect();
    assert_eq!(counts, vec![("1 - Critical".into(), 1, 14), ("2 - High".into(), 9, 24), ("3 - Moderate".into(), 459, 298), ("4 - Low".into(), 39, 46)]);
    let o = get(&report, "outcomes");
    assert_eq!(get(&o, "length").as_f64(), Some(890.0));
    // Columns: 890 outcomes of 890 distinct tickets, 508 met and 382 breached.
    let cols = call(&o, "columns", &[]);
    let states: Vec<u8> = get(&cols, "state").unchecked_into::<js_sys::Uint8Array>().to_vec();
    let names = to_value(&get(&cols, "states"));
    let count = |name: &str| states.iter().filter(|&&c| names[c as usize] == name).count();
    assert_eq!((states.len(), count("met"), count("breached")), (890, 1 + 9 + 459 + 39, 14 + 24 + 298 + 46));
    assert_eq!(js_sys::Array::from(&get(&cols, "tickets")).length(), 890);
    let due: Vec<f64> = get(&cols, "due").unchecked_into::<js_sys::Float64Array>().to_vec();
    // get(i): one outcome with its timeline, the same as page(i, 1) and among find(ticket).
    let first = to_value(&call(&o, "get", &[0.into()]));
    assert!(!first["timeline"].as_array().unwrap().is_empty());
    assert_eq!(js_sys::Date::parse(first["due"].as_str().unwrap()), due[0]);
    assert_eq!(to_value(&call(&o, "page", &[0.into(), 1.into()]))[0], first);
    let found = to_value(&call(&o, "find", &[first["ticket"].clone().as_str().unwrap().into()]));
    assert_eq!(found.as_array().unwrap().as_slice(), std::slice::from_ref(&first));
    assert_eq!(to_value(&call(&o, "find", &["no such ticket".into()])), serde_json::json!([]));
    // page sorted by lateness: the breach list's order of lateness.
    let page = to_value(&call(&o, "page", &[0.into(), 5.into(), "-lateSeconds".into()]));
    let breaches = to_value(&call(&o, "breaches", &[]));
    assert_eq!(breaches.as_array().unwrap().len(), 382);
    let late = |v: &serde_json::Value| v.as_array().unwrap().iter().map(|r| r["lateSeconds"].as_i64()).collect::<Vec<_>>();
    assert_eq!(late(&page), late(&breaches)[..5].to_vec());
    // The last page is short; an offset past the end is an error naming it.
    assert_eq!(to_value(&call(&o, "page", &[888.into(), 10.into()])).as_array().unwrap().len(), 2);
    let e = try_call(&o, "page", &[891.into(), 1.into()]).unwrap_err();
    assert_eq!(get(&e, "path").as_string().as_deref(), Some("offset"));
    let e = try_call(&o, "get", &[890.into()]).unwrap_err();
    assert_eq!(get(&e, "path").as_string().as_deref(), Some("index"));
    let e = try_call(&o, "page", &[0.into(), 1.into(), "size".into()]).unwrap_err();
    assert_eq!(get(&e, "path").as_string().as_deref(), Some("sortBy"));
    // toCsv: the text of slaOutcomesCsv (header + one line per outcome).
    let csv = call(&o, "toCsv", &[]).as_string().unwrap();
    assert_eq!(csv, sla_scorecard::wasm::sla_outcomes_csv(&ds, &policies, as_of.into()).unwrap());
    assert_eq!(csv.lines().count(), 891);
    // ticket(id): the drill-down of slaTicket.
    let id: JsValue = first["ticket"].as_str().unwrap().into();
    let detail = to_value(&call(&o, "ticket", &[id.clone()]));
    assert_eq!(detail, to_value(&sla_scorecard::wasm::sla_ticket(&ds, &policies, as_of.into(), first["ticket"].as_str().unwrap()).unwrap()));
    // The data set freed: a clear error, no panic.
    drop(ds);
    let e = try_call(&o, "get", &[0.into()]).unwrap_err();
    assert!(message(&e).contains("has been freed or changed"), "{}", message(&e));
    assert!(try_call(&o, "toCsv", &[]).is_err());
}

/// `SlaOutcomes.causes` in the browser on the sample: the per-group breached
/// and met working time of every policy × month equals the independent
/// Python computation (`tests/independent/causes_sample.py`), and a bad axis
/// is an error naming its option.
#[wasm_bindgen_test]
fn causes_on_the_sample() {
    let gz: &[u8] = include_bytes!("../data/servicenow-incident-event-log.csv.gz");
    let mut text = String::new();
    flate2::read::GzDecoder::new(gz).read_to_string(&mut text).unwrap();
    let ds = Dataset::from_csv(&text.as_str().into(), js(r#"{"preset":"servicenow-event-log"}"#).unchecked_into()).unwrap();
    let policies = Policies::new(js(include_str!("../policies/servicenow-sample.json"))).unwrap();
    let report = evaluate_sla(&ds, &policies, "2017-02-04T19:00:00Z".into(), JsValue::UNDEFINED).unwrap();
    let o = get(&report, "outcomes");
    let expected: serde_json::Value = serde_json::from_str(include_str!("independent/causes_sample.json")).unwrap();
    let cells = expected["sample"]["cells"].as_object().unwrap();
    let r = to_value(&call(&o, "causes", &[JsValue::UNDEFINED, "group".into()]));
    let rows = r["causes"].as_array().unwrap();
    assert_eq!(rows.len(), cells.keys().filter(|k| k.contains("|group|")).count());
    for c in rows {
        let key = format!("{}|{}|group|{}", c["policy"].as_str().unwrap(), c["period"].as_str().unwrap(), c["value"].as_str().unwrap_or(""));
        assert_eq!((&c["breachedSeconds"], &c["metSeconds"]), (&cells[&key]["breachedSeconds"], &cells[&key]["metSeconds"]), "{key}");
    }
    let e = try_call(&o, "causes", &[JsValue::UNDEFINED, "colour".into()]).unwrap_err();
    assert_eq!(get(&e, "path").as_string().as_deref(), Some("splitBy"));
}
