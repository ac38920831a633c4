//! Core errors as JS `Error`s.
//!
//! Every exported method returns `Result<_, JsError>`-like values built
//! here: the message is the core error's `Display` form (which names the
//! path or row), the `name` is `SlaScorecardError`, and `path`, `row` and
//! `column` are set as properties when known, so callers can branch on them.

use crate::support::error::Error;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const ERROR_TYPES: &'static str = r#"
/**
 * What every function, method and constructor of this module throws: an
 * `Error` named `SlaScorecardError`. Bad input names the field or row, the
 * value and what was expected; misuse names the call, what it got and what
 * it expected (`report: expected a Dataset, got a freed one`, `Dataset.fromCsv:
 * called before init()`). Check `name`, not `instanceof`.
 */
export interface SlaScorecardError extends Error {
  name: "SlaScorecardError";
  /** The JSON path of a bad option or document value (`policies[2].target`). */
  path?: string;
  /** The row and column of the first bad row in strict mode. */
  row?: number;
  column?: string;
  /**
   * The engine stopped on an internal error (a panic or a WebAssembly trap;
   * please report it): the next call starts a fresh instance, and every
   * object made before then throws this too. Load the data again.
   */
  restarted?: true;
}
"#;

/// Converts a core error into a JS `Error` carrying its location.
pub fn to_js(error: Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("SlaScorecardError");
    let set = |k: &str, v: JsValue| {
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&js, &JsValue::from_str(k), &v);
    };
    match &error {
        Error::Invalid { path, .. } => set("path", JsValue::from_str(path)),
        Error::Row(row) => {
            set("row", JsValue::from_f64(row.row as f64));
            set("column", JsValue::from_str(&row.column));
        }
        Error::Compute { .. } => {}
    }
    js.into()
}
