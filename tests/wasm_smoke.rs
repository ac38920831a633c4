//! The wasm package loads in a real browser.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn reports_the_crate_version() {
    assert_eq!(sla_scorecard::wasm::version(), env!("CARGO_PKG_VERSION"));
}
