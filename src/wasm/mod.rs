//! The JavaScript binding layer: converts JS values to core types and core
//! errors to JS `Error`s, and does nothing else.
//!
//! Split by concern: `errors` (core error → JS `Error`), `instant` (JS
//! instants), and one file per exported class (`calendar`, …).

mod calendar;
mod errors;
mod instant;

pub use calendar::Calendar;

use wasm_bindgen::prelude::*;

/// The version of the engine (the crate version), so a page can show which
/// engine it loaded.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
