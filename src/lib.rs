//! # sla-scorecard
//!
//! SLA compliance and ITSM KPI scorecards, computed from ticket data by a
//! pure-Rust core that runs natively and, compiled to WebAssembly, inside the
//! browser.
//!
//! Data flows one way through the modules, in this order: text or JS
//! objects → [`ingest`] → [`ingest::model::Dataset`] → [`sla`] clocks on
//! [`calendar::Calendar`]s (→ [`causes`], where their time went) → [`kpi`] aggregates → [`scorecard`] →
//! [`report`]. Two thin front ends sit on the same core: `wasm` (the JS API,
//! wasm32 only) and `cli` (the command line, native only). What the stages
//! stand on (errors, time, time zones, reading JSON documents, the data
//! generator) is in [`support`].

// Never panic on input: outside the tests, no `unwrap()` or `expect()`
// (clippy checks it in the native suite, natively and for wasm32).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod calendar;
pub mod causes;
pub mod ingest;
pub mod kpi;
pub mod report;
pub mod scorecard;
pub mod sla;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub mod support;

pub use support::error::Error;
