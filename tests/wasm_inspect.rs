//! `inspect()` of the JS API in a real browser: text and bytes give the same
//! plain-object inspection, whose options load the input. Built with the
//! `inspect-js` feature only (Cargo.toml):
//! `cargo test --target wasm32-unknown-unknown --features inspect-js --test wasm_inspect`.
#![cfg(all(target_arch = "wasm32", feature = "inspect-js"))]

use js_sys::Reflect;
use sla_scorecard::wasm::dataset::Dataset;
use sla_scorecard::wasm::inspect;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

/// Renamed columns, `;`-separated, day-first dates (25/03: a day above 12).
const TEXT: &str = "Ticket No;Created Date;Priority Level\nR-1;25/03/2026 09:00;High\nR-2;26/03/2026 10:15;Low\nR-3;27/03/2026 08:00;High\n";

#[wasm_bindgen_test]
fn text_and_bytes_inspect_alike_and_the_options_load() {
    let from_text: JsValue = inspect(&TEXT.into(), &JsValue::UNDEFINED).unwrap().into();
    let bytes = js_sys::Uint8Array::from(TEXT.as_bytes());
    let from_bytes: JsValue = inspect(&bytes.into(), &JsValue::UNDEFINED).unwrap().into();
    assert_eq!(js_sys::JSON::stringify(&from_text).unwrap(), js_sys::JSON::stringify(&from_bytes).unwrap());
    assert_eq!(get(&from_text, "delimiter").as_string().as_deref(), Some(";"));
    let columns: js_sys::Array = get(&from_text, "columns").unchecked_into();
    let created = columns.get(1);
    assert_eq!(get(&created, "type").as_string().as_deref(), Some("timestamp"));
    assert_eq!(get(&created, "format").as_string().as_deref(), Some("%d/%m/%Y %H:%M"));
    let options = get(&from_text, "options");
    let mapping = get(&options, "mapping");
    assert_eq!(get(&mapping, "id").as_string().as_deref(), Some("Ticket No"));
    let ds = Dataset::from_csv(&TEXT.into(), options.unchecked_into()).unwrap();
    assert_eq!(ds.ticket_count(), 3);
}

#[wasm_bindgen_test]
fn bad_input_and_options_throw_with_a_path() {
    let e = inspect(&JsValue::from(3), &JsValue::UNDEFINED).err().unwrap();
    assert_eq!(get(&e, "path").as_string().as_deref(), Some("input"));
    let e = inspect(&"a,b\n".into(), &js_sys::JSON::parse(r#"{"sampleRows": 0}"#).unwrap()).err().unwrap();
    assert_eq!(get(&e, "path").as_string().as_deref(), Some("options.sampleRows"));
}
