//! The report of the JS API in a real browser: a plain object with `null`
//! for missing values, what-if recomputation on the same data set, and
//! errors as JS `Error`s naming the JSON path.
#![cfg(target_arch = "wasm32")]

use js_sys::Reflect;
use sla_scorecard::wasm::dataset::{Dataset, LoadOptionsJs};
use sla_scorecard::wasm::report::{default_scorecard, report, PolicyDocumentJs, ReportOptionsJs, ScorecardConfigJs};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn get(v: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(v.clone(), |v, key| match key.parse::<u32>() {
        Ok(i) => Reflect::get_u32(&v, i).unwrap(),
        Err(_) => Reflect::get(&v, &(*key).into()).unwrap(),
    })
}

/// Two P1 tickets in March 2026: 4 h and 12 h to resolve (MTTR mean 8 h).
fn dataset() -> Dataset {
    let text = "id,opened,resolved,priority\nA,2026-03-02T08:00:00Z,2026-03-02T12:00:00Z,P1\nB,2026-03-03T08:00:00Z,2026-03-03T20:00:00Z,P1\n";
    let options = js(r#"{"mapping":{"id":"id","opened":"opened","resolved":"resolved","dimensions":{"priority":"priority"}}}"#);
    Dataset::from_csv(&text.into(), options.unchecked_into::<LoadOptionsJs>()).unwrap()
}

fn config(target: f64) -> ScorecardConfigJs {
    js(&format!(r#"{{"perspectives":[{{"name":"Delivery","kpis":[{{"kpi":"mttr","target":{target},"baseline":16}},{{"kpi":"csat_mean","target":80}}]}}]}}"#))
        .unchecked_into()
}

#[wasm_bindgen_test]
fn report_is_a_plain_object_and_recomputes_for_a_new_target() {
    let ds = dataset();
    let r: JsValue = report(&ds, Some(config(8.0)), None, None).unwrap().into();
    assert_eq!(get(&r, &["scorecard", "period"]).as_string().unwrap(), "2026-03");
    let mttr = get(&r, &["scorecard", "perspectives", "0", "kpis", "0"]);
    // (4 + 12)/2 = 8 h = target → score 100, green
    assert_eq!(get(&mttr, &["value"]).as_f64(), Some(8.0));
    assert_eq!(get(&mttr, &["score"]).as_f64(), Some(100.0));
    assert_eq!(get(&mttr, &["rag"]).as_string().unwrap(), "green");
    // no CSAT: null, not 0 or NaN
    assert!(get(&r, &["scorecard", "perspectives", "0", "kpis", "1", "value"]).is_null());
    // what-if: target 4 h on the same data set → (16 − 8)/(16 − 4) = 66.67, red (above 110 % of 4 h)
    let r: JsValue = report(&ds, Some(config(4.0)), None, None).unwrap().into();
    let mttr = get(&r, &["scorecard", "perspectives", "0", "kpis", "0"]);
    assert!((get(&mttr, &["score"]).as_f64().unwrap() - 200.0 / 3.0).abs() < 1e-9);
    assert_eq!(get(&mttr, &["rag"]).as_string().unwrap(), "red");
}

#[wasm_bindgen_test]
fn default_scorecard_policies_and_options() {
    let ds = dataset();
    let cfg: JsValue = default_scorecard().unwrap().into();
    assert_eq!(get(&cfg, &["perspectives", "0", "name"]).as_string().unwrap(), "Service delivery");
    let policies = js(r#"{"policies":[{"name":"P1 resolution","when":{"priority":"P1"},"metric":"resolution","target":"6h"}]}"#);
    let options = js(r#"{"period":"week","groupBy":"priority"}"#);
    let r: JsValue = report(&ds, None, Some(options.unchecked_into::<ReportOptionsJs>()), Some(policies.unchecked_into::<PolicyDocumentJs>())).unwrap().into();
    // A met (4 h ≤ 6 h), B breached (12 h) → 50 %
    assert_eq!(get(&r, &["granularity"]).as_string().unwrap(), "week");
    assert_eq!(get(&r, &["slaCompliance", "0", "compliance"]).as_f64(), Some(50.0));
    assert_eq!(get(&r, &["slaPolicies", "0", "policy"]).as_string().unwrap(), "P1 resolution");
}

#[wasm_bindgen_test]
fn causes_on_request() {
    let ds = dataset();
    let policies = || {
        Some(js(r#"{"policies":[{"name":"P1 resolution","when":{"priority":"P1"},"metric":"resolution","target":"6h"}]}"#).unchecked_into::<PolicyDocumentJs>())
    };
    let options = js(r#"{"period":"week","causes":true}"#);
    let r: JsValue = report(&ds, None, Some(options.unchecked_into::<ReportOptionsJs>()), policies()).unwrap().into();
    let m = get(&r, &["causes", "metrics", "0"]);
    // A met in 4 h = 14,400 s, B breached in 12 h = 43,200 s, both stopped
    // in the week of Monday 2026-03-02 (2026-W10). Nearest rank over the two:
    // p50 = the ⌈0.5 × 2⌉ = 1st = 14,400; p90 and p95 = the 2nd = 43,200.
    assert_eq!(get(&m, &["period"]).as_string().unwrap(), "2026-W10");
    assert_eq!((get(&m, &["met"]).as_f64(), get(&m, &["breached"]).as_f64()), (Some(1.0), Some(1.0)));
    assert_eq!(
        [get(&m, &["p50Seconds"]).as_f64(), get(&m, &["p90Seconds"]).as_f64(), get(&m, &["p95Seconds"]).as_f64()],
        [Some(14_400.0), Some(43_200.0), Some(43_200.0)]
    );
    // B's 6 h target ran out at 08:00 + 6 h = 14:00 on 2026-03-03; resolved
    // at 20:00, 6 h = 21,600 s late. Flat tickets have no history to split
    // along: no cause rows.
    let b = get(&r, &["causes", "topBreaches", "0"]);
    assert_eq!((get(&b, &["ticket"]).as_string().unwrap(), get(&b, &["breach"]).as_string().unwrap()), ("B".to_string(), "2026-03-03T14:00:00Z".to_string()));
    assert_eq!(get(&b, &["lateSeconds"]).as_f64(), Some(21_600.0));
    assert_eq!(js_sys::Array::from(&get(&r, &["causes", "causes"])).length(), 0);
    // Without policies: an error naming `causes`.
    let e = report(&ds, None, Some(js(r#"{"causes":true}"#).unchecked_into::<ReportOptionsJs>()), None).err().unwrap();
    assert_eq!(get(&e, &["path"]).as_string().as_deref(), Some("causes"));
}

#[wasm_bindgen_test]
fn errors_name_the_json_path() {
    let ds = dataset();
    let bad = js(r#"{"perspectives":[{"name":"D","kpis":[{"kpi":"mtr","target":1}]}]}"#);
    let err = report(&ds, Some(bad.unchecked_into()), None, None).err().unwrap();
    let message = String::from(err.dyn_into::<js_sys::Error>().unwrap().message());
    assert!(message.starts_with("perspectives[0].kpis[0].kpi: \"mtr\" is not a KPI"), "{message}");
    let err = report(&ds, None, Some(js(r#"{"at":"2020-01"}"#).unchecked_into()), None).err().unwrap();
    let message = String::from(err.dyn_into::<js_sys::Error>().unwrap().message());
    assert!(message.starts_with("at: \"2020-01\" is outside the data"), "{message}");
}
