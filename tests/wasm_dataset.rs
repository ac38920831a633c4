//! The JS API of loading in a real browser: CSV and objects, the plain-object
//! summary, errors as JS `Error`s with row and column, and the sample data set
//! (whose load time is printed, not asserted).
#![cfg(target_arch = "wasm32")]

use js_sys::Reflect;
use sla_scorecard::wasm::dataset::{Dataset, LoadOptionsJs, RowsJs};
use std::io::Read;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn options(json: &str) -> LoadOptionsJs {
    js(json).unchecked_into()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

#[wasm_bindgen_test]
fn csv_loads_and_summary_is_a_plain_object() {
    let text = "id,opened,resolved\nA,2026-03-02 09:00,2026-03-02 08:00\nB,bad,\n";
    let ds = Dataset::from_csv(&text.into(), options(r#"{"mapping":{"id":"id","opened":"opened","resolved":"resolved"},"mode":"lenient"}"#)).unwrap();
    assert_eq!(ds.ticket_count(), 1);
    let s: JsValue = ds.summary().unwrap().into();
    assert_eq!(get(&s, "rowsRead").as_f64(), Some(2.0));
    assert_eq!(get(&s, "loaded").as_f64(), Some(1.0));
    assert_eq!(get(&s, "rejected").as_f64(), Some(1.0));
    let errors: js_sys::Array = get(&s, "errors").unchecked_into();
    assert_eq!(get(&errors.get(0), "row").as_f64(), Some(2.0));
    assert_eq!(get(&errors.get(0), "column").as_string().as_deref(), Some("opened"));
    let warnings: js_sys::Array = get(&s, "warnings").unchecked_into();
    assert_eq!(get(&warnings.get(0), "code").as_string().as_deref(), Some("beforeOpened"));
}

#[wasm_bindgen_test]
fn objects_load_with_epoch_milliseconds() {
    // 1772441100000 ms = 2026-03-02T08:45:00Z.
    let rows: RowsJs = js(r#"[{"key":"J-1","created":1772441100000},{"key":"J-2","created":"2026-03-02T09:00:00Z"}]"#).unchecked_into();
    let ds = Dataset::from_objects(rows, options(r#"{"mapping":{"id":"key","opened":"created"}}"#)).unwrap();
    assert_eq!(ds.ticket_count(), 2);
}

#[wasm_bindgen_test]
fn object_rows_keep_non_ascii_text_across_conversion_slices() {
    // The rows' JSON text is converted 2^14 UTF-16 units at a time: 20,000
    // "ü" (two UTF-8 bytes each) span two slices, then an emoji follows.
    let pad = "\u{fc}".repeat(20_000);
    let text = format!(r#"[{{"id":"P","opened":"2026-03-02 09:00","pad":"{pad}"}},{{"id":"Q","opened":"Z\u00fcrich \ud83d\ude00"}}]"#);
    let rows: RowsJs = js(&text).unchecked_into();
    let ds = Dataset::from_objects(rows, options(r#"{"mapping":{"id":"id","opened":"opened"},"mode":"lenient"}"#)).unwrap();
    assert_eq!(ds.ticket_count(), 1);
    let errors = js_sys::Array::from(&get(&ds.summary().unwrap().into(), "errors"));
    assert_eq!(get(&errors.get(0), "value").as_string().as_deref(), Some("Z\u{fc}rich \u{1F600}"));
}

#[wasm_bindgen_test]
fn outages_are_added_next_to_tickets() {
    let mut ds = Dataset::from_csv(&"id,opened\nA,2026-03-02 09:00\n".into(), options(r#"{"mapping":{"id":"id","opened":"opened"}}"#)).unwrap();
    let s: JsValue = ds
        .add_csv(
            &"service,from,to\nMail,2026-03-01T10:00:00Z,2026-03-01T11:00:00Z\n".into(),
            options(r#"{"record":"outages","mapping":{"service":"service","start":"from","end":"to"}}"#),
        )
        .unwrap()
        .into();
    assert_eq!(get(&s, "outages").as_f64(), Some(1.0));
    assert_eq!((ds.ticket_count(), ds.outage_count()), (1, 1));
    let rows: RowsJs = js(r#"[{"n":"CHG1","t":"normal","s":"2026-03-01T10:00:00Z"}]"#).unchecked_into();
    ds.add_objects(rows, options(r#"{"record":"changes","mapping":{"id":"n","type":"t","start":"s"}}"#)).unwrap();
    assert_eq!(ds.change_count(), 1);
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_location() {
    let err = Dataset::from_csv(&"id,opened\nA,never\n".into(), options(r#"{"mapping":{"id":"id","opened":"opened"}}"#)).err().unwrap();
    let err: js_sys::Error = err.dyn_into().unwrap();
    assert!(String::from(err.message()).starts_with("row 1, column \"opened\": \"never\" is not a timestamp"));
    assert_eq!(get(&err, "row").as_f64(), Some(1.0));
    assert_eq!(get(&err, "column").as_string().as_deref(), Some("opened"));
    let err = Dataset::from_csv(&"a,b\n".into(), options(r#"{"mapping":{"id":"id","opened":"b"}}"#)).err().unwrap();
    assert_eq!(get(&err, "path").as_string().as_deref(), Some("mapping.id"));
    let err = Dataset::from_csv(&"a,b\n".into(), options(r#"{"preset":"nope"}"#)).err().unwrap();
    assert_eq!(get(&err, "path").as_string().as_deref(), Some("preset"));
}

#[wasm_bindgen_test]
fn csv_text_is_read_in_slices_without_splitting_characters() {
    // fromCsv converts the JS string in slices of 2^14 UTF-16 units, so 2^20
    // ends a slice (2^20 is a multiple of it and the text before is ASCII): put the
    // high surrogate of an emoji at the last unit before it, and a
    // lone surrogate at the end; both must read as a whole-string conversion
    // reads them (the emoji intact, the lone one as U+FFFD).
    let mut text = String::from("id,opened\n");
    let mut rows = 0;
    while text.len() < (1 << 20) - 64 {
        rows += 1;
        text.push_str(&format!("A{rows},2026-03-02 09:00\n"));
    }
    let pad = (1 << 20) - 1 - text.len() - 2;
    text.push_str(&format!("B{},\u{1F600}x\nC,", "b".repeat(pad)));
    let js = js_sys::JsString::from(text.as_str()).concat(&js_sys::JsString::from_char_code1(0xD800));
    assert_eq!(js.char_code_at((1 << 20) - 1), f64::from(0xD83D));
    let options = options(r#"{"mapping":{"id":"id","opened":"opened"},"mode":"lenient"}"#);
    let ds = Dataset::from_csv(&js, options).unwrap();
    let errors = get(&ds.summary().unwrap().into(), "errors");
    let first = js_sys::Array::from(&errors).get(0);
    assert_eq!(get(&first, "row").as_f64(), Some(f64::from(rows + 1)));
    assert_eq!(get(&first, "value").as_string().as_deref(), Some("\u{1F600}x"));
    let second = js_sys::Array::from(&errors).get(1);
    assert_eq!(get(&second, "value").as_string().as_deref(), Some("\u{FFFD}"));
    assert_eq!(ds.ticket_count(), rows as usize);
}

#[wasm_bindgen_test]
fn sample_data_set_loads_in_the_browser() {
    let gz: &[u8] = include_bytes!("../data/servicenow-incident-event-log.csv.gz");
    let mut text = String::new();
    flate2::read::GzDecoder::new(gz).read_to_string(&mut text).unwrap();
    let figures: serde_json::Value = serde_json::from_str(include_str!("independent/sample_figures.json")).unwrap();
    // The first load also pays one-off costs (the zone's Intl formatter); time a second one too.
    for attempt in 1..=2 {
        let start = js_sys::Date::now();
        let ds = Dataset::from_csv(&text.as_str().into(), options(r#"{"preset":"servicenow-event-log"}"#)).unwrap();
        let elapsed = js_sys::Date::now() - start;
        console_log!("sample load {attempt} in the browser: {elapsed} ms for {} event rows, {} tickets", figures["events"], ds.ticket_count());
    }
    let ds = Dataset::from_csv(&text.as_str().into(), options(r#"{"preset":"servicenow-event-log"}"#)).unwrap();
    assert_eq!(ds.ticket_count() as u64, figures["incidents"].as_u64().unwrap());
    let s: JsValue = ds.summary().unwrap().into();
    assert_eq!(get(&s, "rowsRead").as_f64(), figures["events"].as_f64());
}
