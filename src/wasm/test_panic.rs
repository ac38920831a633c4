//! Test-only exports, compiled with the `test-panic` feature only: never in
//! the shipped package (`scripts/package-test.sh` builds a second package
//! with it for `tests/e2e/recovery.test.mjs`). They stop the module on
//! purpose, to test that the JS API recovers from a trap.

use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::prelude::*;

/// Whether the next report panics (`testPanicOnNextReport`).
static PANIC_ON_NEXT_REPORT: AtomicBool = AtomicBool::new(false);

/// Stops the module now: with a panic (through the panic hook, a JS
/// `Error`), or with `trap` a bare `unreachable` (a `RuntimeError`).
#[wasm_bindgen(js_name = testPanic)]
pub fn test_panic(trap: bool) {
    if trap {
        std::process::abort();
    }
    panic!("deliberate panic (testPanic, test-panic feature)");
}

/// Makes the next `report()` or `reportWithPolicies()` panic once, in the
/// middle of its work (with the data set's report cache borrowed).
#[wasm_bindgen(js_name = testPanicOnNextReport)]
pub fn test_panic_on_next_report() {
    PANIC_ON_NEXT_REPORT.store(true, Ordering::Relaxed);
}

/// Panics if `testPanicOnNextReport` asked for it, once.
pub fn panic_if_asked() {
    if PANIC_ON_NEXT_REPORT.swap(false, Ordering::Relaxed) {
        panic!("deliberate panic during a report (testPanicOnNextReport, test-panic feature)");
    }
}
