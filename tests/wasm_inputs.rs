//! Hostile JS values at every entry that takes a JS object: a cyclic
//! object, a value nested 100,000 levels deep, a BigInt and a function are
//! errors naming the argument (not a recursion that overflows the WASM stack
//! and corrupts the module's memory), and the module keeps working after
//! them. `Date`s in rows read as instants.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect};
use sla_scorecard::wasm::dataset::Dataset;
use sla_scorecard::wasm::report::report;
use sla_scorecard::wasm::{evaluate_sla, Calendar, Policies};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn set(o: &JsValue, k: &str, v: &JsValue) {
    Reflect::set(o, &JsValue::from_str(k), v).unwrap();
}

fn message(e: JsValue) -> String {
    e.dyn_into::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|v| format!("not an Error: {v:?}"))
}

/// `{ "policies": [ <itself> ] }`
fn cyclic() -> JsValue {
    let o: JsValue = Object::new().into();
    let list = Array::new();
    list.push(&o);
    set(&o, "policies", &list);
    o
}

/// `[[[ … ]]]`, 100,000 levels.
fn deep() -> JsValue {
    let mut v: JsValue = Array::new().into();
    for _ in 0..100_000 {
        let a = Array::new();
        a.push(&v);
        v = a.into();
    }
    v
}

const CSV: &str = "id,opened,resolved\nA,2026-03-02T09:00:00Z,2026-03-02T12:00:00Z\n";
const OPTIONS: &str = r#"{"mapping":{"id":"id","opened":"opened","resolved":"resolved"}}"#;

fn works() -> String {
    let ds = Dataset::from_csv(&CSV.into(), js(OPTIONS).unchecked_into()).unwrap();
    let r: JsValue = report(&ds, None, None, Some(js(r#"{"policies":[{"name":"r","metric":"resolution","target":"2h"}]}"#).unchecked_into())).unwrap().into();
    js_sys::JSON::stringify(&r).unwrap().as_string().unwrap()
}

#[wasm_bindgen_test]
fn cyclic_deep_and_odd_values_are_errors_and_the_module_keeps_working() {
    let before = works();
    let ds = Dataset::from_csv(&CSV.into(), js(OPTIONS).unchecked_into()).unwrap();
    let bigint: JsValue = js_sys::BigInt::from(10u64).into();
    let function: JsValue = js_sys::Function::new_no_args("return 1").into();
    let with = |k: &str, v: &JsValue| {
        let o: JsValue = Object::new().into();
        set(&o, k, v);
        o
    };
    let rows_with = |v: &JsValue| -> JsValue {
        let a = Array::new();
        a.push(&with("id", v));
        a.into()
    };
    for (name, bad) in [("cyclic", cyclic()), ("deep", deep()), ("bigint", bigint), ("function", function)] {
        let failures: Vec<(&str, Option<JsValue>)> = vec![
            ("Policies", Policies::new(bad.clone()).err()),
            ("Calendar", Calendar::new(bad.clone()).err()),
            ("fromObjects rows", Dataset::from_objects(rows_with(&bad).unchecked_into(), js(OPTIONS).unchecked_into()).err()),
            ("fromCsv options", Dataset::from_csv(&CSV.into(), with("mapping", &bad).unchecked_into()).err()),
            ("report config", report(&ds, Some(bad.clone().unchecked_into()), None, None).err()),
            ("report options", report(&ds, None, Some(with("at", &bad).unchecked_into()), None).err()),
            ("report policies", report(&ds, None, None, Some(bad.clone().unchecked_into())).err()),
            ("evaluateSla options", {
                let p = Policies::new(js(r#"{"policies":[{"name":"r","metric":"resolution","target":"2h"}]}"#)).unwrap();
                evaluate_sla(&ds, &p, "2026-03-03T00:00:00Z".into(), with("period", &bad)).err()
            }),
        ];
        for (entry, err) in failures {
            // Like JSON.stringify, a function-valued property is left out (the
            // option is then absent), so only a bare function must fail.
            if name == "function" && matches!(entry, "fromCsv options" | "report options" | "evaluateSla options") {
                continue;
            }
            let err = err.unwrap_or_else(|| panic!("{entry} accepted a {name} value"));
            let m = message(err);
            assert!(!m.starts_with("not an Error"), "{entry} with a {name} value: {m}");
        }
    }
    let m = message(Policies::new(deep()).err().unwrap());
    assert!(m.contains("nested more than 128 levels") || m.contains("call stack"), "{m}");
    let m = message(Policies::new(cyclic()).err().unwrap());
    assert!(m.contains("circular"), "{m}");
    // Still the same module, still the same answers.
    assert_eq!(works(), before);
}

#[wasm_bindgen_test]
fn dates_in_rows_read_as_instants() {
    let row: JsValue = Object::new().into();
    set(&row, "id", &"A".into());
    set(&row, "opened", &js_sys::Date::new(&JsValue::from_f64(1_772_442_000_000.0)).into());
    let rows = Array::new();
    rows.push(&row);
    let ds = Dataset::from_objects(rows.unchecked_into(), js(r#"{"mapping":{"id":"id","opened":"opened"}}"#).unchecked_into()).unwrap();
    assert_eq!(ds.ticket_count(), 1);
    // 1,772,442,000 s = 2026-03-02T00:00:00Z (1,772,409,600) + 9 h (32,400): the report's as-of instant.
    let r: JsValue = report(&ds, None, None, None).unwrap().into();
    assert_eq!(Reflect::get(&r, &"asOf".into()).unwrap().as_string().as_deref(), Some("2026-03-02T09:00:00Z"));
}
