//! The SLA part of the JS API in a real browser: policy errors as JS
//! `Error`s with their path, the sample's whole report identical to the
//! native one (`tests/sla_sample.rs`), and the causes methods of
//! `SlaOutcomes` against the independent script and a worked example.
#![cfg(target_arch = "wasm32")]

mod sla_common;

use serde_json::json;
use sla_scorecard::wasm::dataset::Dataset;
use sla_scorecard::wasm::{evaluate_sla, Policies};
use std::collections::HashMap;
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

/// The sample event log loaded, and its outcomes under the sample policies
/// as of 2017-02-04T19:00:00Z (the data set is returned to keep it alive).
fn sample_outcomes() -> (Dataset, JsValue) {
    let gz: &[u8] = include_bytes!("../data/servicenow-incident-event-log.csv.gz");
    let mut text = String::new();
    flate2::read::GzDecoder::new(gz).read_to_string(&mut text).unwrap();
    let ds = Dataset::from_csv(&text.as_str().into(), js(r#"{"preset":"servicenow-event-log"}"#).unchecked_into()).unwrap();
    let policies = Policies::new(js(include_str!("../policies/servicenow-sample.json"))).unwrap();
    let report = evaluate_sla(&ds, &policies, "2017-02-04T19:00:00Z".into(), JsValue::UNDEFINED).unwrap();
    let o = get(&report, "outcomes");
    (ds, o)
}

/// `SlaOutcomes.causes` in the browser on the sample: the per-group breached
/// and met working time of every policy × month equals the independent
/// Python computation (`tests/independent/causes_sample.py`), and a bad axis
/// is an error naming its option.
#[wasm_bindgen_test]
fn causes_on_the_sample() {
    let (_ds, o) = sample_outcomes();
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

/// `SlaOutcomes.outcomeCauses` and `timeInStatus` in the browser on the
/// sample: every outcome's split by status and by group, summed per policy ×
/// month of the stop × value, equals the breached and met working seconds
/// and the breaches held of the independent Python computation
/// (`tests/independent/causes_sample.py`, "sample"); along every axis an
/// outcome's shares add up to its elapsed and paused seconds; the
/// time-in-status document names its calendar, axis and grouping, its sums
/// are those of the per-ticket CSV; bad arguments are errors naming them.
#[wasm_bindgen_test]
fn outcome_causes_and_time_in_status_on_the_sample() {
    let (_ds, o) = sample_outcomes();
    let rows = to_value(&call(&o, "page", &[0.into(), 890.into()]));
    // Per "policy|month|axis|value": (breached seconds, met seconds, breaches held).
    let mut sums: HashMap<String, (i64, i64, i64)> = HashMap::new();
    for (i, row) in rows.as_array().unwrap().iter().enumerate() {
        let c = to_value(&call(&o, "outcomeCauses", &[(i as u32).into()]));
        assert_eq!((&c["ticket"], &c["policy"], &c["state"], &c["elapsedSeconds"]), (&row["ticket"], &row["policy"], &row["state"], &row["elapsedSeconds"]));
        let breached = c["state"] == "breached";
        let month = &row["stop"].as_str().unwrap()[..7];
        for axis in c["dimensions"].as_array().unwrap() {
            let shares = axis["shares"].as_array().unwrap();
            let total = |k: &str| shares.iter().map(|s| s[k].as_i64().unwrap()).sum::<i64>();
            assert_eq!(
                (Some(total("workingSeconds")), Some(total("pausedSeconds"))),
                (c["elapsedSeconds"].as_i64(), c["pausedSeconds"].as_i64()),
                "{i} {}",
                axis["dimension"]
            );
            let name = axis["dimension"].as_str().unwrap();
            if name != "status" && name != "group" {
                continue;
            }
            for s in shares {
                let key = format!("{}|{month}|{name}|{}", c["policy"].as_str().unwrap(), s["value"].as_str().unwrap_or(""));
                let cell = sums.entry(key).or_default();
                let working = s["workingSeconds"].as_i64().unwrap();
                if breached {
                    cell.0 += working;
                    cell.2 += i64::from(s["atBreach"] == true);
                } else {
                    cell.1 += working;
                }
            }
        }
    }
    let expected: serde_json::Value = serde_json::from_str(include_str!("independent/causes_sample.json")).unwrap();
    let cells = expected["sample"]["cells"].as_object().unwrap();
    let script: HashMap<&String, (i64, i64, i64)> = cells
        .iter()
        .map(|(k, v)| (k, (v["breachedSeconds"].as_i64().unwrap(), v["metSeconds"].as_i64().unwrap(), v["breachesHeld"].as_i64().unwrap())))
        .collect();
    for key in script.keys().copied().chain(sums.keys()) {
        assert_eq!(sums.get(key).copied().unwrap_or_default(), script.get(key).copied().unwrap_or_default(), "{key}");
    }
    assert_eq!(script.len(), 265);
    // timeInStatus: defaults and grouping named; its sums and counts are the per-ticket CSV's.
    let t = to_value(&call(&o, "timeInStatus", &[JsValue::UNDEFINED, JsValue::UNDEFINED, "priority".into()]));
    assert_eq!((t["calendar"].as_str(), t["dimension"].as_str(), t["groupBy"].as_str()), (Some("24x7"), Some("status"), Some("priority")));
    let t = to_value(&call(&o, "timeInStatus", &[]));
    let csv = call(&o, "timeInStatusCsv", &[]).as_string().unwrap();
    let mut per_value: HashMap<&str, (i64, i64, i64)> = HashMap::new();
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let v = per_value.entry(f[1]).or_default();
        *v = (v.0 + 1, v.1 + f[2].parse::<i64>().unwrap(), v.2 + f[3].parse::<i64>().unwrap());
    }
    let summary = t["summary"].as_array().unwrap();
    assert_eq!(summary.len(), per_value.len());
    for r in summary {
        let got = (r["tickets"].as_i64().unwrap(), r["working"]["sum"].as_i64().unwrap(), r["wall"]["sum"].as_i64().unwrap());
        assert_eq!(Some(&got), per_value.get(r["value"].as_str().unwrap_or("")), "{}", r["value"]);
    }
    // Errors name the argument.
    let path = |name: &str, args: &[JsValue]| get(&try_call(&o, name, args).unwrap_err(), "path").as_string();
    assert_eq!(path("timeInStatus", &["colour".into()]).as_deref(), Some("splitBy"));
    assert_eq!(path("timeInStatus", &[JsValue::UNDEFINED, JsValue::UNDEFINED, "colour".into()]).as_deref(), Some("groupBy"));
    assert_eq!(path("timeInStatusCsv", &[JsValue::UNDEFINED, "office".into()]).as_deref(), Some("calendar"));
    assert_eq!(path("outcomeCauses", &[890.into()]).as_deref(), Some("index"));
    assert_eq!(path("outcomeCauses", &[0.5.into()]).as_deref(), Some("index"));
}

/// Three tickets worked out by hand (ids and a status a spreadsheet would
/// read as formulas). Monday 2026-03-02, as of 15:00 UTC; policy "res":
/// resolution, 4 h, 24x7; calendar "office" Monday–Friday 09:00–17:00 UTC.
///
/// - `=T1`: opened Mon 09:00 New, group G1; Active 10:00, group G2; Resolved
///   12:00; closed 13:00. Time in status: New 1 h, Active 2 h, Resolved 1 h
///   (all in office hours). Outcome: met, 3 h (New 1 h, Active 2 h).
/// - `-T2`: opened Sunday 2026-03-01 20:00 New, no group; `@Hold` Mon 10:00;
///   Active Mon 11:00, group G1; open. New Sun 20:00 → Mon 10:00 = 14 h =
///   50,400 s wall, of which office hours Mon 09–10 = 3,600 s; @Hold 1 h;
///   Active 11:00 → 15:00 = 4 h = 14,400 s. Outcome: open, due Sun 20:00 +
///   4 h = Mon 00:00 < 15:00, breached, elapsed 19 h = 68,400 s: New 50,400
///   (holding at the breach), @Hold 3,600, Active 14,400; no group 20:00 →
///   11:00 = 15 h = 54,000 (at the breach), G1 4 h = 14,400.
/// - `T3`: opened Mon 09:00 New, G1; Active 09:30; Resolved 10:30; closed
///   11:30. New 1,800 s, Active 3,600 s, Resolved 3,600 s.
fn hand_tickets() -> (Dataset, Policies) {
    let text = "\
id,state,updated,opened,closed,group,prio
=T1,New,2026-03-02 09:00,2026-03-02 09:00,,G1,P1
=T1,Active,2026-03-02 10:00,2026-03-02 09:00,,G2,P1
=T1,Resolved,2026-03-02 12:00,2026-03-02 09:00,2026-03-02 13:00,G2,P1
-T2,New,2026-03-01 20:00,2026-03-01 20:00,,,P2
-T2,@Hold,2026-03-02 10:00,2026-03-01 20:00,,,P2
-T2,Active,2026-03-02 11:00,2026-03-01 20:00,,G1,P2
T3,New,2026-03-02 09:00,2026-03-02 09:00,,G1,P1
T3,Active,2026-03-02 09:30,2026-03-02 09:00,,G1,P1
T3,Resolved,2026-03-02 10:30,2026-03-02 09:00,2026-03-02 11:30,G1,P1
";
    let options = r#"{"eventLog": true, "mapping": {"id": "id", "status": "state", "updated": "updated", "opened": "opened",
        "closed": "closed", "assignmentGroup": "group", "dimensions": {"priority": "prio"}}}"#;
    let ds = Dataset::from_csv(&text.into(), js(options).unchecked_into()).unwrap();
    let doc = json!({"calendars": {"office": sla_common::office()}, "policies": [{"name": "res", "metric": "resolution", "target": "4h"}]});
    (ds, Policies::new(js(&doc.to_string())).unwrap())
}

/// `outcomeCauses`, `timeInStatus` and `timeInStatusCsv` on the tickets of
/// [`hand_tickets`]: the figures worked out there, the statistics computed
/// below by hand, formula-like CSV cells neutralised with a leading quote.
#[wasm_bindgen_test]
fn causes_methods_on_tickets_worked_by_hand() {
    let (ds, policies) = hand_tickets();
    let report = evaluate_sla(&ds, &policies, "2026-03-02T15:00:00Z".into(), JsValue::UNDEFINED).unwrap();
    let o = get(&report, "outcomes");
    assert_eq!(get(&o, "length").as_f64(), Some(3.0));
    let share = |value: Option<&str>, working: i64, at_breach: bool| json!({"value": value, "workingSeconds": working, "pausedSeconds": 0, "outsideHoursSeconds": 0, "atBreach": at_breach});
    // -T2, outcome 1 (by ticket as loaded). Priority never changes: no priority axis.
    assert_eq!(
        to_value(&call(&o, "outcomeCauses", &[1.into()])),
        json!({"ticket": "-T2", "policy": "res", "state": "breached", "elapsedSeconds": 68_400, "pausedSeconds": 0, "outsideHoursSeconds": 0,
        "dimensions": [
            {"dimension": "status", "shares": [share(Some("New"), 50_400, true), share(Some("@Hold"), 3_600, false), share(Some("Active"), 14_400, false)]},
            {"dimension": "group", "shares": [share(None, 54_000, true), share(Some("G1"), 14_400, false)]},
        ]})
    );
    // =T1: met, 3 h = New 1 h + Active 2 h = G1 1 h + G2 2 h; nothing held at a breach.
    let t1 = to_value(&call(&o, "outcomeCauses", &[0.into()]));
    assert_eq!((&t1["state"], &t1["elapsedSeconds"]), (&json!("met"), &json!(10_800)));
    assert_eq!(t1["dimensions"][0]["shares"], json!([share(Some("New"), 3_600, false), share(Some("Active"), 7_200, false)]));
    assert_eq!(t1["dimensions"][1]["shares"], json!([share(Some("G1"), 3_600, false), share(Some("G2"), 7_200, false)]));

    // timeInStatus on 24x7 (working = wall), ordered by value ("@" sorts before the letters):
    // @Hold [3,600]; Active [7,200, 14,400, 3,600]: sum 25,200, mean 8,400, median 7,200,
    // p90 rank ⌈0.9 × 3⌉ = 3 → 14,400, std dev √((1,200² + 6,000² + 4,800²) / 3) = √20,160,000;
    // New [3,600, 50,400, 1,800]: sum 55,800, mean 18,600, median 3,600, p90 50,400,
    // std dev √((15,000² + 31,800² + 16,800²) / 3) = √506,160,000; Resolved [3,600, 3,600].
    let t = to_value(&call(&o, "timeInStatus", &[]));
    assert_eq!((&t["asOf"], &t["calendar"], &t["dimension"], &t["groupBy"]), (&json!("2026-03-02T15:00:00Z"), &json!("24x7"), &json!("status"), &json!(null)));
    let stats = |r: &serde_json::Value| {
        let w = &r["working"];
        (
            r["value"].as_str().unwrap().to_string(),
            r["tickets"].as_i64().unwrap(),
            w["sum"].as_i64().unwrap(),
            w["mean"].as_f64().unwrap(),
            w["median"].as_f64().unwrap(),
            w["p90"].as_f64().unwrap(),
        )
    };
    let summary = t["summary"].as_array().unwrap();
    assert_eq!(
        summary.iter().map(stats).collect::<Vec<_>>(),
        vec![
            ("@Hold".to_string(), 1, 3_600, 3_600.0, 3_600.0, 3_600.0),
            ("Active".to_string(), 3, 25_200, 8_400.0, 7_200.0, 14_400.0),
            ("New".to_string(), 3, 55_800, 18_600.0, 3_600.0, 50_400.0),
            ("Resolved".to_string(), 2, 7_200, 3_600.0, 3_600.0, 3_600.0),
        ]
    );
    let std_dev: Vec<f64> = summary.iter().map(|r| r["working"]["stdDev"].as_f64().unwrap()).collect();
    for (got, want) in std_dev.iter().zip([0.0, 20_160_000f64.sqrt(), 506_160_000f64.sqrt(), 0.0]) {
        assert!((got - want).abs() < 1e-6, "{got} {want}");
    }
    assert!(summary.iter().all(|r| r["working"] == r["wall"]), "on 24x7 the working time is the wall-clock time");
    // Grouped by the final priority: P1 = =T1 and T3 (Active [7,200, 3,600]: median
    // (3,600 + 7,200) / 2 = 5,400, p90 rank ⌈1.8⌉ = 2 → 7,200), P2 = -T2.
    let t = to_value(&call(&o, "timeInStatus", &[JsValue::UNDEFINED, JsValue::UNDEFINED, "priority".into()]));
    let rows: Vec<_> = t["summary"].as_array().unwrap().iter().map(|r| (r["group"].as_str().unwrap(), stats(r))).collect();
    assert_eq!(
        rows,
        vec![
            ("P1", ("Active".to_string(), 2, 10_800, 5_400.0, 5_400.0, 7_200.0)),
            ("P1", ("New".to_string(), 2, 5_400, 2_700.0, 2_700.0, 3_600.0)),
            ("P1", ("Resolved".to_string(), 2, 7_200, 3_600.0, 3_600.0, 3_600.0)),
            ("P2", ("@Hold".to_string(), 1, 3_600, 3_600.0, 3_600.0, 3_600.0)),
            ("P2", ("Active".to_string(), 1, 14_400, 14_400.0, 14_400.0, 14_400.0)),
            ("P2", ("New".to_string(), 1, 50_400, 50_400.0, 50_400.0, 50_400.0)),
        ]
    );
    // Per ticket on the office calendar, tickets as loaded, values in order of first appearance;
    // "=T1", "-T2" and "@Hold" get a leading quote, as in the outcomes CSV.
    let csv = call(&o, "timeInStatusCsv", &[JsValue::UNDEFINED, "office".into()]).as_string().unwrap();
    assert_eq!(
        csv,
        "ticket,value,working_seconds,wall_seconds\n\
         '=T1,New,3600,3600\n'=T1,Active,7200,7200\n'=T1,Resolved,3600,3600\n\
         '-T2,New,3600,50400\n'-T2,'@Hold,3600,3600\n'-T2,Active,14400,14400\n\
         T3,New,1800,1800\nT3,Active,3600,3600\nT3,Resolved,3600,3600\n"
    );
    // Along the group axis (24x7): =T1 G1 1 h, G2 10:00 → 13:00 = 3 h; -T2 none 15 h, G1 4 h; T3 G1 2.5 h.
    let csv = call(&o, "timeInStatusCsv", &["group".into()]).as_string().unwrap();
    assert_eq!(
        csv,
        "ticket,value,working_seconds,wall_seconds\n'=T1,G1,3600,3600\n'=T1,G2,10800,10800\n'-T2,,54000,54000\n'-T2,G1,14400,14400\nT3,G1,9000,9000\n"
    );
    let e = try_call(&o, "outcomeCauses", &[3.into()]).unwrap_err();
    assert_eq!((get(&e, "path").as_string().as_deref(), message(&e)), (Some("index"), "index: expected an integer from 0 to 2, got 3".to_string()));

    // No outcomes (no ticket has priority P9): an error naming the index, not a panic.
    let none = Policies::new(js(r#"{"policies": [{"name": "p9", "when": {"priority": "P9"}, "metric": "resolution", "target": "4h"}]}"#)).unwrap();
    let report = evaluate_sla(&ds, &none, "2026-03-02T15:00:00Z".into(), JsValue::UNDEFINED).unwrap();
    let o = get(&report, "outcomes");
    assert_eq!(get(&o, "length").as_f64(), Some(0.0));
    let e = try_call(&o, "outcomeCauses", &[0.into()]).unwrap_err();
    assert_eq!((get(&e, "path").as_string().as_deref(), message(&e)), (Some("index"), "index: there are no outcomes".to_string()));
}

/// `warnings` through the JS API: the ticket of
/// `tests/sla_thresholds.rs` (Thu 13:00 → Mon 15:00, paused Fri
/// 10:30–14:00, 16 h on the office calendar) crosses 50 % on Fri 16:30,
/// 75 % on Mon 12:30 and 90 % on Mon 14:54 — the figures worked out there.
#[wasm_bindgen_test]
fn warning_thresholds_in_the_ticket_detail() {
    let text = "\
id,state,updated,opened
W1,New,2026-03-05 13:00,2026-03-05 13:00
W1,On Hold,2026-03-06 10:30,2026-03-05 13:00
W1,Active,2026-03-06 14:00,2026-03-05 13:00
W1,Resolved,2026-03-09 15:00,2026-03-05 13:00
";
    let options = r#"{"eventLog": true, "mapping": {"id": "id", "status": "state", "updated": "updated", "opened": "opened"}}"#;
    let ds = Dataset::from_csv(&text.into(), js(options).unchecked_into()).unwrap();
    let doc = json!({"calendars": {"office": sla_common::office()}, "policies": [{"name": "res", "metric": "resolution", "target": "16h",
        "calendar": "office", "pauseStatuses": ["On Hold"], "warnings": [0.5, 0.75, 0.9]}]});
    let policies = Policies::new(js(&doc.to_string())).unwrap();
    let report = evaluate_sla(&ds, &policies, "2026-03-16T00:00:00Z".into(), JsValue::UNDEFINED).unwrap();
    let o = get(&report, "outcomes");
    let detail = to_value(&call(&o, "ticket", &["W1".into()]));
    let outcome = &detail["outcomes"][0];
    assert_eq!((&outcome["state"], &outcome["elapsedSeconds"], &outcome["due"]), (&json!("met"), &json!(52_200), &json!("2026-03-09T16:30:00Z")));
    let at = |w: f64, t: &str| json!({"ticket": "W1", "policy": "res", "threshold": w, "at": t});
    assert_eq!(detail["warningsCrossed"], json!([at(0.5, "2026-03-06T16:30:00Z"), at(0.75, "2026-03-09T12:30:00Z"), at(0.9, "2026-03-09T14:54:00Z")]));
    // Policy errors name the element.
    let bad = json!({"policies": [{"name": "a", "metric": "response", "target": "1h", "warnings": [0.9, 0.75]}]});
    let err = Policies::new(js(&bad.to_string())).err().unwrap();
    assert_eq!(get(&err, "path").as_string().as_deref(), Some("policies[0].warnings[1]"));
}

/// `priorityChange: "carry-percent"` through the JS API: the late upgrade
/// of `tests/sla_thresholds.rs` (P3 16 h used 12 h by Tue 13:00, raised to
/// P1 4 h: 3 h carried, due Tue 14:00, resolved 15:30 → breached, 5 h 30,
/// late 1 h 30; thresholds 0.5 at the change and 0.9 at 13:36).
#[wasm_bindgen_test]
fn carry_percent_in_the_ticket_detail() {
    let text = "\
id,state,updated,opened,prio
U1,New,2026-03-02 09:00,2026-03-02 09:00,3
U1,Active,2026-03-03 13:00,2026-03-02 09:00,1
U1,Resolved,2026-03-03 15:30,2026-03-02 09:00,1
";
    let options =
        r#"{"eventLog": true, "mapping": {"id": "id", "status": "state", "updated": "updated", "opened": "opened", "dimensions": {"priority": "prio"}}}"#;
    let ds = Dataset::from_csv(&text.into(), js(options).unchecked_into()).unwrap();
    let doc = json!({"calendars": {"office": sla_common::office()}, "policies": [
        {"name": "P1", "when": {"priority": "1"}, "metric": "resolution", "target": "4h", "calendar": "office", "priorityChange": "carry-percent", "warnings": [0.5, 0.9]},
        {"name": "P3", "when": {"priority": "3"}, "metric": "resolution", "target": "16h", "calendar": "office", "priorityChange": "carry-percent"}]});
    let policies = Policies::new(js(&doc.to_string())).unwrap();
    let report = evaluate_sla(&ds, &policies, "2026-03-09T00:00:00Z".into(), JsValue::UNDEFINED).unwrap();
    let detail = to_value(&call(&get(&report, "outcomes"), "ticket", &["U1".into()]));
    let o = &detail["outcomes"];
    assert_eq!(o.as_array().map(Vec::len), Some(1));
    assert_eq!(
        (&o[0]["policy"], &o[0]["state"], &o[0]["start"], &o[0]["elapsedSeconds"], &o[0]["due"], &o[0]["lateSeconds"]),
        (&json!("P1"), &json!("breached"), &json!("2026-03-03T13:00:00Z"), &json!(19_800), &json!("2026-03-03T14:00:00Z"), &json!(5_400))
    );
    let at = |w: f64, t: &str| json!({"ticket": "U1", "policy": "P1", "threshold": w, "at": t});
    assert_eq!(detail["warningsCrossed"], json!([at(0.5, "2026-03-03T13:00:00Z"), at(0.9, "2026-03-03T13:36:00Z")]));
}

/// Effective-dated versions through the JS API: the four tickets of
/// `tests/sla_versions.rs` around a switch from 8 h to 4 h on 15 July 2026
/// (office calendar), with the figures worked out there: A (Tue 14 10:00 →
/// Wed 15 09:30) and D (Tue 14 23:59:59 → Wed 14:00) keep 8 h and are met;
/// B (Wed 15 09:00 → 15:00) and C (Wed 15 00:00:00 → 14:00) take 4 h, due
/// 13:00, and are breached.
#[wasm_bindgen_test]
fn policy_versions_in_compliance_and_the_ticket_detail() {
    let text = "\
id,opened,resolved
A,2026-07-14T10:00:00Z,2026-07-15T09:30:00Z
B,2026-07-15T09:00:00Z,2026-07-15T15:00:00Z
C,2026-07-15T00:00:00Z,2026-07-15T14:00:00Z
D,2026-07-14T23:59:59Z,2026-07-15T14:00:00Z
";
    let options = r#"{"mapping": {"id": "id", "opened": "opened", "resolved": "resolved"}}"#;
    let ds = Dataset::from_csv(&text.into(), js(options).unchecked_into()).unwrap();
    let doc = json!({"calendars": {"office": sla_common::office()}, "policies": [{"name": "res", "metric": "resolution", "target": "8h",
        "calendar": "office", "versions": [{"validFrom": "2026-07-15", "target": "4h"}]}]});
    let policies = Policies::new(js(&doc.to_string())).unwrap();
    let report = evaluate_sla(&ds, &policies, "2026-08-01T00:00:00Z".into(), JsValue::UNDEFINED).unwrap();
    // Compliance 100 % and 0 %: whole numbers, which the JS value gives as integers.
    let row = |v: &str, met: u64, breached: u64, c: u64| {
        json!({"policy": "res", "version": v, "period": "2026-07", "value": null, "met": met, "breached": breached,
            "inProgress": 0, "atRisk": 0, "paused": 0, "notApplicable": 0, "compliance": c})
    };
    assert_eq!(to_value(&get(&report, "compliance")), json!([row("base", 2, 0, 100), row("from 2026-07-15", 0, 2, 0)]));
    let o = get(&report, "outcomes");
    for (id, version, target, due) in [
        ("A", "base", 28_800, "2026-07-15T10:00:00Z"),
        ("B", "from 2026-07-15", 14_400, "2026-07-15T13:00:00Z"),
        ("C", "from 2026-07-15", 14_400, "2026-07-15T13:00:00Z"),
        ("D", "base", 28_800, "2026-07-15T17:00:00Z"),
    ] {
        let detail = to_value(&call(&o, "ticket", &[id.into()]));
        assert_eq!(detail["outcomeVersions"], json!([version]), "{id}");
        assert_eq!((&detail["outcomes"][0]["targetSeconds"], &detail["outcomes"][0]["due"]), (&json!(target), &json!(due)), "{id}");
    }
    // Errors name the version's field.
    let bad = json!({"policies": [{"name": "a", "metric": "response", "target": "1h",
        "versions": [{"validFrom": "2026-07-01"}, {"validFrom": "2026-08-01"}]}]});
    let err = Policies::new(js(&bad.to_string())).err().unwrap();
    assert_eq!(get(&err, "path").as_string().as_deref(), Some("policies[0].versions[1].validFrom"));
}

/// `semantics` through the JS API (tests/sla_semantics.rs has one test per
/// difference): one ticket opened Mon 09:00 and resolved Wed 13:00, a
/// `"1d"` target on the office calendar. Without semantics (and under
/// ServiceNow's, "SLA duration and schedules") 1 d = 24 working hours:
/// Mon + Tue + Wed 09–17 → due Wed 17:00, met. Under JSM's, a business day:
/// Mon 09:00 → Tue 09:00 = 8 h, due at the earliest instant with 8 h,
/// Mon 17:00 → breached, late Mon 17:00 → Wed 13:00 = 44 h = 158,400 s.
/// A ticket resolved Mon 13:00 under a 4 h target is breached, 0 s late,
/// under ServiceNow's (100 % is a breach), met under the others.
#[wasm_bindgen_test]
fn vendor_semantics_through_the_js_api() {
    let text = "\
id,state,updated,opened
S1,New,2026-03-02 09:00,2026-03-02 09:00
S1,Resolved,2026-03-04 13:00,2026-03-02 09:00
S2,New,2026-03-02 09:00,2026-03-02 09:00
S2,Resolved,2026-03-02 13:00,2026-03-02 09:00
";
    let options = r#"{"eventLog": true, "mapping": {"id": "id", "status": "state", "updated": "updated", "opened": "opened"}}"#;
    let ds = Dataset::from_csv(&text.into(), js(options).unchecked_into()).unwrap();
    let outcome = |semantics: Option<&str>, ticket: &str, target: &str| {
        let mut doc = json!({"calendars": {"office": sla_common::office()}, "policies": [{"name": "res", "metric": "resolution", "target": target, "calendar": "office"}]});
        if let Some(s) = semantics {
            doc["semantics"] = json!(s);
        }
        let policies = Policies::new(js(&doc.to_string())).unwrap();
        let report = evaluate_sla(&ds, &policies, "2026-03-09T00:00:00Z".into(), JsValue::UNDEFINED).unwrap();
        let o = to_value(&call(&get(&report, "outcomes"), "ticket", &[ticket.into()]))["outcomes"][0].clone();
        (o["state"].clone(), o["due"].clone(), o["lateSeconds"].clone())
    };
    let met = |due: &str| (json!("met"), json!(due), json!(null));
    assert_eq!(outcome(None, "S1", "1d"), met("2026-03-04T17:00:00Z"));
    assert_eq!(outcome(Some("servicenow"), "S1", "1d"), met("2026-03-04T17:00:00Z"));
    assert_eq!(outcome(Some("jsm"), "S1", "1d"), (json!("breached"), json!("2026-03-02T17:00:00Z"), json!(158_400)));
    assert_eq!(outcome(Some("servicenow"), "S2", "4h"), (json!("breached"), json!("2026-03-02T13:00:00Z"), json!(0)));
    assert_eq!(outcome(Some("zendesk"), "S2", "4h"), met("2026-03-02T13:00:00Z"));
    // An unknown name is a JS Error whose path is `semantics`.
    let err = Policies::new(js(r#"{"semantics": "sap", "policies": [{"name": "a", "metric": "resolution", "target": "4h"}]}"#)).err().unwrap();
    assert_eq!(get(&err, "path").as_string().as_deref(), Some("semantics"));
}

/// OLA clocks, a pause while a dimension holds and a negotiated goal through
/// the JS API (tests/sla_conditions.rs has the same tickets natively). An
/// event log on the office calendar: A opens Mon 09:00 with the Service Desk,
/// Network from 10:00, On Hold 12:00–13:00, Database from 14:00, Network
/// again Tue 10:00, resolved Tue 11:30. The Network OLA (4 h, runWhile):
/// 2 h + 1 h + 1 h 30 = 4 h 30 = 16,200 s, due Tue 11:00, breached 1,800 s
/// late. B (Service Desk) waits on the customer Mon 11:00–15:00, resolved Tue
/// 11:00: under pauseWhen with 6 h, 2 + 2 + 2 h = 21,600 s, due Tue 11:00 =
/// the stop → met. C agreed for Mon 12:00, On Hold 10:00–11:00, resolved
/// 12:30: due stays 12:00 (pauses do not move it) → breached 1,800 s late.
#[wasm_bindgen_test]
fn ola_clocks_pause_conditions_and_a_negotiated_goal() {
    // The native tests' log, and two changes C with an agreed date.
    let text = format!(
        "{}{}",
        sla_common::CONDITION_EVENTS,
        "\
C,Active,2026-03-02T09:00:00Z,2026-03-02T09:00:00Z,Change,,2026-03-02T12:00:00Z
C,On Hold,2026-03-02T10:00:00Z,2026-03-02T09:00:00Z,Change,,2026-03-02T12:00:00Z
C,Active,2026-03-02T11:00:00Z,2026-03-02T09:00:00Z,Change,,2026-03-02T12:00:00Z
C,Resolved,2026-03-02T12:30:00Z,2026-03-02T09:00:00Z,Change,,2026-03-02T12:00:00Z
"
    );
    let options = r#"{"eventLog": true, "mapping": {"id": "id", "status": "state", "updated": "updated", "opened": "opened", "assignmentGroup": "group",
        "dimensions": {"assignment_group": "group", "waiting_on": "waiting", "agreed": "agreed"}}}"#;
    let ds = Dataset::from_csv(&text.into(), js(options).unchecked_into()).unwrap();
    let doc = json!({"calendars": {"office": sla_common::office()}, "policies": [
        {"name": "Network OLA", "when": {"assignment_group": {"not": "Change"}}, "metric": "resolution", "target": "4h", "calendar": "office",
         "pauseStatuses": ["On Hold"], "runWhile": {"assignment_group": "Network"}},
        {"name": "waiting", "when": {"assignment_group": "Service Desk"}, "metric": "resolution", "target": "6h", "calendar": "office",
         "pauseWhen": {"waiting_on": "customer"}},
        {"name": "change", "when": {"assignment_group": "Change"}, "metric": "resolution", "target": "8h", "calendar": "office",
         "pauseStatuses": ["On Hold"], "dueAt": "agreed"}]});
    let policies = Policies::new(js(&doc.to_string())).unwrap();
    let report = evaluate_sla(&ds, &policies, "2026-03-10T00:00:00Z".into(), JsValue::UNDEFINED).unwrap();
    let o = get(&report, "outcomes");
    let figures = |id: &str| {
        let d = to_value(&call(&o, "ticket", &[id.into()]));
        d["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| (x["policy"].clone(), x["state"].clone(), x["elapsedSeconds"].clone(), x["due"].clone(), x["lateSeconds"].clone()))
            .collect::<Vec<_>>()
    };
    let f = |p: &str, s: &str, e: i64, due: &str, late: serde_json::Value| (json!(p), json!(s), json!(e), json!(due), late);
    assert_eq!(figures("A"), vec![f("Network OLA", "breached", 16_200, "2026-03-03T11:00:00Z", json!(1_800))]);
    // B is with the Service Desk: the Network OLA applies but never started.
    let b = figures("B");
    assert_eq!((&b[0].0, &b[0].1), (&json!("Network OLA"), &json!("not_applicable")));
    assert_eq!(b[1], f("waiting", "met", 21_600, "2026-03-03T11:00:00Z", serde_json::Value::Null));
    // C: 09–10 + 11–12:30 = 2 h 30 = 9,000 s counted.
    assert_eq!(figures("C"), vec![f("change", "breached", 9_000, "2026-03-02T12:00:00Z", json!(1_800))]);
    // Errors name the condition's path.
    let bad = json!({"policies": [{"name": "a", "metric": "resolution", "target": "1h", "pauseWhen": {"waiting_on": {"is": "customer"}}}]});
    let err = Policies::new(js(&bad.to_string())).err().unwrap();
    assert_eq!(get(&err, "path").as_string().as_deref(), Some("policies[0].pauseWhen.waiting_on.is"));
}
