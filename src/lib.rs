//! # sla-scorecard
//!
//! SLA compliance and ITSM KPI scorecards, computed from ticket data by a
//! pure-Rust core that runs natively and, compiled to WebAssembly, inside the
//! browser.
//!
//! Data flows one way through the modules: text or JS objects → `ingest` →
//! [`model::Dataset`] → `sla` clocks on [`calendar::Calendar`]s → `kpi`
//! aggregates → `scorecard` → report. The `wasm` module is a thin binding
//! layer over the same core.

pub mod calendar;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod error;
pub mod generate;
pub mod ingest;
pub mod json_reader;
pub mod kpi;
pub mod model;
pub mod report;
pub mod scorecard;
pub mod sla;
pub mod time;
pub mod tz;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::Error;
