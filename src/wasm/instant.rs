//! Instants from JS: ISO 8601 strings with `Z` or an offset, `Date`s, or
//! epoch milliseconds.

use crate::support::error::Error;
use crate::support::time::{self, Instant};
use wasm_bindgen::{JsCast, JsValue};

/// Reads the JS argument `name` as an instant, or an error naming it.
pub fn from_js(value: &JsValue, name: &str) -> Result<Instant, Error> {
    if let Some(text) = value.as_string() {
        return time::parse_instant(&text).map_err(|m| Error::invalid(name, m));
    }
    if let Some(date) = value.dyn_ref::<js_sys::Date>() {
        return time::from_epoch_millis(date.get_time()).map_err(|m| Error::invalid(name, format!("the Date {m}")));
    }
    if let Some(ms) = value.as_f64() {
        return time::from_epoch_millis(ms).map_err(|m| Error::invalid(name, m));
    }
    Err(Error::invalid(name, "expected an instant: an ISO 8601 string with Z or an offset, a Date, or epoch milliseconds"))
}
