//! The JavaScript binding layer: converts JS values to core types and core
//! errors to JS `Error`s, and does nothing else.
//!
//! Split by concern: `errors` (core error → JS `Error`), `instant` (JS
//! instants), `json` (JS values in and out as JSON), `js_text` (JS strings
//! read as UTF-8 a slice at a time), and one file per
//! exported class (`calendar`, …).

mod calendar;
pub mod dataset;
mod errors;
#[cfg(feature = "inspect-js")]
mod inspect;
mod instant;
mod js_text;
mod json;
#[cfg(feature = "partials-js")]
mod partials;
pub mod report;
mod sla;
#[cfg(feature = "test-panic")]
mod test_panic;

pub use calendar::Calendar;
#[cfg(feature = "inspect-js")]
pub use inspect::inspect;
#[cfg(feature = "partials-js")]
pub use partials::Partials;
pub use sla::{evaluate_sla, sla_breaches, sla_compliance, sla_outcomes_csv, sla_ticket, Policies, SlaOutcomes};

use wasm_bindgen::prelude::*;

/// The version of the engine (the crate version), so a page can show which
/// engine it loaded.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Runs when the module is instantiated: installs a panic hook that turns an
/// internal bug into a JS `Error` carrying the panic message (thrown from the
/// hook), instead of an opaque `RuntimeError: unreachable`. The instance
/// cannot be trusted after it (`panic = "abort"`: nothing was unwound): the
/// JS glue's guard (`src/wasm/glue-guard.js`) marks it dead and starts a
/// fresh one at the next call.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        wasm_bindgen::throw_str(&format!("sla-scorecard internal error (please report it): {info}"));
    }));
}
