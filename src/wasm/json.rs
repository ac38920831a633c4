//! JS values in and out as JSON text, the one serialisation stack of the
//! wasm layer (docs/size.md): arguments go through `JSON.stringify` and
//! serde_json, results through their derived `Serialize`, serde_json and
//! `JSON.parse` (one crossing of the boundary per document; serde-wasm-bindgen,
//! which builds the object property by property, has not been measured
//! faster in the browser, so it is not used).
//!
//! Arguments stay JSON text rather than crossing through
//! serde-wasm-bindgen, which would walk the JS value recursively: a cyclic
//! value, or one nested 100,000 levels deep, would overflow the WASM shadow
//! stack, which has no guard page, and corrupt the module's memory for the
//! rest of the page's life. Guarding that walk would take a cycle set and a
//! depth count of our own around every object, while `JSON.stringify`
//! already detects cycles in the engine and serde_json stops at 128 levels;
//! either becomes an error naming the argument. The text also gives
//! `Date`s their ISO 8601 form (`toJSON`) and drops function-valued members,
//! as JS callers expect of an options object, and with serde_json's
//! `float_roundtrip` every number reads back exactly. The text is parsed
//! into a `serde_json::Value` and the typed document read from that (see
//! `json_reader::parse` for why not straight from the text).

use crate::ingest::Limits;
use crate::support::error::Error;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

/// Reads `value` (plain objects, arrays, strings, numbers, booleans, `null`;
/// `undefined` reads as `null`) into `T`, with errors in the document at
/// paths below `path`. A value that cannot be written as JSON is an error
/// whose path is `what` and whose message starts with `expected`.
pub fn from_js<T: DeserializeOwned>(value: &JsValue, what: &str, expected: &str, path: &str) -> Result<T, Error> {
    crate::support::json_reader::from_value(&to_value(value, what, expected)?, path)
}

/// [`from_js`] for a JSON value (data rows, and documents the report cache
/// compares). The text is read into a value, not straight into `T`: see
/// [`crate::support::json_reader::parse`].
pub fn to_value(value: &JsValue, what: &str, expected: &str) -> Result<serde_json::Value, Error> {
    to_value_within(value, what, expected, None)
}

/// [`to_value`] for input data, refusing a JSON text over the input size
/// limit of `limits` before it is copied into WASM memory (its UTF-16
/// length, which its UTF-8 length is at least) and after (its UTF-8 length).
pub fn to_value_within(value: &JsValue, what: &str, expected: &str, limits: Option<&Limits>) -> Result<serde_json::Value, Error> {
    let check = |len: u64| limits.map_or(Ok(()), |limits| limits.check_bytes(len, true));
    if value.is_undefined() || value.is_null() {
        return Ok(serde_json::Value::Null);
    }
    let text = js_sys::JSON::stringify(value).map_err(|e| {
        let reason = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
        Error::invalid(what, format!("{expected}: {reason}"))
    })?;
    // `JSON.stringify` gives `undefined` for a function or a symbol.
    let Some(text) = text.dyn_ref::<js_sys::JsString>() else {
        return Err(Error::invalid(what, format!("{expected}: found a function or a symbol")));
    };
    check(u64::from(text.length()))?;
    let text = super::js_text::to_string(text);
    check(text.len() as u64)?;
    crate::support::json_reader::parse(&text, |reason| Error::invalid(what, format!("{expected}: {reason}")))
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
