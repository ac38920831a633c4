//! JS values in and out as JSON text: the one serialisation stack of the
//! wasm layer.
//!
//! An argument object is turned into text by the engine's own
//! `JSON.stringify` and read by `serde_json` into a [`serde_json::Value`]
//! (what the core's readers take); a result is written by `serde_json` and
//! turned into a plain object by `JSON.parse`. The core already needs
//! `serde_json` for the native CLI and for JSON configuration text, so a
//! second stack (such as `serde-wasm-bindgen`) would only add code size
//! (docs/size.md).
//!
//! `JSON.stringify` semantics apply to inputs: a `Date` becomes its ISO 8601
//! string, a property whose value is `undefined` is left out (the same as an
//! absent one), `NaN` and infinities become `null`, and a value with a
//! `toJSON` method is read through it.

use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

/// Reads a JS value as JSON. `undefined` is `null`. Errors with the
/// engine's message for what JSON cannot hold (a `BigInt`, a cycle, a
/// function).
pub fn from_js(value: &JsValue) -> Result<serde_json::Value, String> {
    if value.is_undefined() {
        return Ok(serde_json::Value::Null);
    }
    let text = js_sys::JSON::stringify(value).map_err(|e| js_message(&e))?;
    let Some(text) = text.as_string() else {
        return Err("it has no JSON form".to_string());
    };
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// Writes a result as a plain JS object.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, String> {
    let text = serde_json::to_string(value).map_err(|e| e.to_string())?;
    js_sys::JSON::parse(&text).map_err(|e| js_message(&e))
}

/// The message of a thrown JS value.
fn js_message(thrown: &JsValue) -> String {
    match thrown.dyn_ref::<js_sys::Error>() {
        Some(error) => error.message().into(),
        None => thrown.as_string().unwrap_or_else(|| "an exception was thrown".to_string()),
    }
}
