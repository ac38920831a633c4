//! JS values in and out as JSON text, the one serialisation stack of the
//! wasm layer (docs/size.md): arguments go through `JSON.stringify` and
//! serde_json, results through their derived `Serialize`, serde_json and
//! `JSON.parse` (one crossing of the boundary per document; serde-wasm-bindgen,
//! which builds the object property by property, has not been measured
//! faster in the browser, so it is not used). A cyclic value or one nested deeper than serde_json's
//! limit (128 levels) becomes an error naming the argument; a recursive
//! conversion would instead overflow the WASM shadow stack, which has no
//! guard page, and corrupt the module's memory for the rest of the page's
//! life. `Date`s become ISO 8601 strings (their `toJSON`).

use crate::error::Error;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

/// Converts `value` (plain objects, arrays, strings, numbers, booleans,
/// `null`; `undefined` reads as `null`) to JSON, or an error whose path is
/// `what` and whose message starts with `expected`.
pub fn from_js(value: &JsValue, what: &str, expected: &str) -> Result<Value, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(Value::Null);
    }
    let text = js_sys::JSON::stringify(value).map_err(|e| {
        let reason = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
        Error::invalid(what, format!("{expected}: {reason}"))
    })?;
    // `JSON.stringify` gives `undefined` for a function or a symbol.
    let Some(text) = text.dyn_ref::<js_sys::JsString>().map(super::js_text::to_string) else {
        return Err(Error::invalid(what, format!("{expected}: found a function or a symbol")));
    };
    serde_json::from_str(&text).map_err(|e| {
        let reason = if e.to_string().starts_with("recursion limit") { "nested more than 128 levels deep".to_string() } else { e.to_string() };
        Error::invalid(what, format!("{expected}: {reason}"))
    })
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
