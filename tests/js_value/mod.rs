//! JS results read back as JSON values, value by value, for browser tests
//! (a text round trip through serde_json could move a float's last bit).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{JsCast, JsValue};

/// The JSON value of a plain JS result (objects, arrays, strings, numbers,
/// booleans, `null`).
pub fn to_value(v: &JsValue) -> serde_json::Value {
    use serde_json::Value;
    if let Some(array) = v.dyn_ref::<js_sys::Array>() {
        Value::Array(array.iter().map(|x| to_value(&x)).collect())
    } else if let Some(s) = v.as_string() {
        Value::String(s)
    } else if let Some(b) = v.as_bool() {
        Value::Bool(b)
    } else if let Some(x) = v.as_f64() {
        if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
            Value::from(x as i64)
        } else {
            serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
        }
    } else if v.is_null() {
        Value::Null
    } else {
        let entries = js_sys::Object::entries(v.unchecked_ref());
        Value::Object(
            entries
                .iter()
                .map(|pair| {
                    let pair: js_sys::Array = pair.unchecked_into();
                    (pair.get(0).as_string().unwrap(), to_value(&pair.get(1)))
                })
                .collect(),
        )
    }
}
