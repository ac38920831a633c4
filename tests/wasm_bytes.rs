//! Bytes in, in a real browser: `Dataset.fromBytes` and `DatasetLoader`
//! give what `Dataset.fromCsv` gives for the same text (summary and
//! report), whatever the chunks; a UTF-8 byte order mark is skipped;
//! invalid UTF-8 is a row error with row and column; a JSON array loads;
//! wrong arguments and a failed load throw `Error`s with a path.
//! (`Dataset.fromStream`, which is async, is tested from JS in
//! tests/e2e/stream.test.mjs.)
#![cfg(target_arch = "wasm32")]

use js_sys::{Reflect, Uint8Array};
use sla_scorecard::wasm::dataset::{Dataset, DatasetLoader, LoadOptionsJs};
use sla_scorecard::wasm::report::report;
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

fn json(v: &JsValue) -> String {
    js_sys::JSON::stringify(v).unwrap().into()
}

fn bytes(b: &[u8]) -> JsValue {
    Uint8Array::from(b).into()
}

const MAPPING: &str = r#"{"mapping":{"id":"id","opened":"opened","title":"title"},"mode":"lenient"}"#;

/// The sample event log's text (2 MB, 5,998 event rows).
fn sample() -> String {
    let gz: &[u8] = include_bytes!("../data/servicenow-incident-event-log.csv.gz");
    let mut text = String::new();
    flate2::read::GzDecoder::new(gz).read_to_string(&mut text).unwrap();
    text
}

/// The summary and the monthly report of a data set, as JSON text.
fn outcome(ds: &Dataset) -> (String, String) {
    let summary: JsValue = ds.summary().unwrap().into();
    let r: JsValue = report(ds, None, Some(js(r#"{"period":"month"}"#).unchecked_into()), None).unwrap().into();
    (json(&summary), json(&r))
}

#[wasm_bindgen_test]
fn sample_from_bytes_and_in_odd_chunks_equals_from_csv() {
    let text = sample();
    let preset = r#"{"preset":"servicenow-event-log"}"#;
    let expected = outcome(&Dataset::from_csv(&text.as_str().into(), options(preset)).unwrap());
    // Independently: the sample's figures (tests/independent/sample_figures.json).
    let figures: serde_json::Value = serde_json::from_str(include_str!("independent/sample_figures.json")).unwrap();
    assert!(expected.0.contains(&format!("\"rowsRead\":{}", figures["events"])), "{}", expected.0);

    let ds = Dataset::from_bytes(&bytes(text.as_bytes()), options(preset)).unwrap();
    assert_eq!(ds.ticket_count() as u64, figures["incidents"].as_u64().unwrap());
    assert_eq!(outcome(&ds), expected);

    // Chunks of 4,099 bytes: boundaries fall inside fields and records.
    let mut loader = DatasetLoader::new(options(preset), None).unwrap();
    for chunk in text.as_bytes().chunks(4099) {
        loader.push(&bytes(chunk)).unwrap();
    }
    assert_eq!(loader.bytes(), text.len() as f64);
    assert_eq!(loader.rows() as u64, figures["events"].as_u64().unwrap());
    assert_eq!(outcome(&loader.finish().unwrap()), expected);
}

#[wasm_bindgen_test]
fn bom_crlf_and_multibyte_characters_split_byte_by_byte() {
    let text = "\u{feff}id,opened,title\r\nA,2026-03-02T09:00:00Z,\"Zürich, \"\"4\"\"\r\n😀\"\r\nB,2026-03-02T10:00:00Z,漢字\r\n";
    let expected = outcome(&Dataset::from_csv(&text.into(), options(MAPPING)).unwrap());
    let mut loader = DatasetLoader::new(options(MAPPING), None).unwrap();
    for b in text.as_bytes() {
        loader.push(&bytes(&[*b])).unwrap();
    }
    let ds = loader.finish().unwrap();
    assert_eq!(ds.ticket_count(), 2);
    assert_eq!(outcome(&ds), expected);
    assert!(expected.0.starts_with(r#"{"rowsRead":2,"loaded":2,"rejected":0"#), "{}", expected.0);
}

#[wasm_bindgen_test]
fn invalid_utf8_is_a_row_error_with_row_and_column() {
    let mut b = b"id,opened,title\nA,2026-03-02T09:00:00Z,ok\nB,2026-03-02T10:00:00Z,caf\xE9\n".to_vec();
    let e = Dataset::from_bytes(&bytes(&b), options(r#"{"mapping":{"id":"id","opened":"opened","title":"title"}}"#)).err().unwrap();
    assert_eq!(get(&e, "row").as_f64(), Some(2.0));
    assert_eq!(get(&e, "column").as_string().as_deref(), Some("title"));
    let message: String = e.unchecked_ref::<js_sys::Error>().message().into();
    assert!(message.contains("is not valid UTF-8"), "{message}");
    // Lenient: the row is refused and listed, the others load.
    b.extend_from_slice(b"C,2026-03-02T11:00:00Z,fine\n");
    let ds = Dataset::from_bytes(&bytes(&b), options(MAPPING)).unwrap();
    let s: JsValue = ds.summary().unwrap().into();
    assert_eq!((get(&s, "rowsRead").as_f64(), get(&s, "loaded").as_f64(), get(&s, "rejected").as_f64()), (Some(3.0), Some(2.0), Some(1.0)));
}

#[wasm_bindgen_test]
fn a_json_array_and_an_array_buffer_load() {
    let text = r#"[{"id":"A","opened":"2026-03-02T09:00:00Z"},{"id":"B","opened":"2026-03-02T10:00:00Z"}]"#;
    let buffer = Uint8Array::from(text.as_bytes()).buffer();
    let ds = Dataset::from_bytes(&buffer.into(), options(r#"{"mapping":{"id":"id","opened":"opened"}}"#)).unwrap();
    assert_eq!(ds.ticket_count(), 2);
}

#[wasm_bindgen_test]
fn wrong_arguments_and_failed_loads_throw_errors() {
    let e = Dataset::from_bytes(&JsValue::from_str("id,opened\n"), options(MAPPING)).err().unwrap();
    assert_eq!(get(&e, "path").as_string().as_deref(), Some("bytes"));
    let mut loader = DatasetLoader::new(options(r#"{"mapping":{"id":"id","opened":"opened"}}"#), None).unwrap();
    let e = loader.push(&JsValue::from_f64(3.0)).err().unwrap();
    assert_eq!(get(&e, "path").as_string().as_deref(), Some("chunk"));
    // A mapping that does not fit the header throws from the push that completes it.
    let mut loader = DatasetLoader::new(options(r#"{"mapping":{"id":"key","opened":"opened"}}"#), None).unwrap();
    loader.push(&bytes(b"id,ope")).unwrap();
    let e = loader.push(&bytes(b"ned\n")).err().unwrap();
    assert_eq!(get(&e, "path").as_string().as_deref(), Some("mapping.id"));
    assert!(loader.push(&bytes(b"A,2026-03-02T09:00:00Z\n")).is_err());
    assert!(loader.finish().is_err());
    assert!(DatasetLoader::new(options(r#"{"mode":"sloppy"}"#), None).is_err());
}

#[wasm_bindgen_test]
fn a_length_hint_sizes_ahead_and_never_changes_the_data_set() {
    let (preset, text) = (r#"{"preset":"servicenow-event-log"}"#, sample());
    let expected = outcome(&Dataset::from_bytes(&bytes(text.as_bytes()), options(preset)).unwrap());
    // Right, far too small, far too large, beyond any memory: the same data set.
    for hint in [text.len() as f64, 10.0, text.len() as f64 * 1e4, 1e300] {
        let mut loader = DatasetLoader::new(options(preset), Some(hint)).unwrap();
        for chunk in text.as_bytes().chunks(65_536) {
            loader.push(&bytes(chunk)).unwrap();
        }
        assert_eq!(outcome(&loader.finish().unwrap()), expected, "totalBytes {hint}");
    }
    // Not a whole number of bytes: an error naming the argument.
    for bad in [-1.0, 1.5, f64::NAN, f64::INFINITY] {
        let e = DatasetLoader::new(options(preset), Some(bad)).err().unwrap();
        assert_eq!(get(&e, "path").as_string().as_deref(), Some("totalBytes"), "{bad}");
    }
}
