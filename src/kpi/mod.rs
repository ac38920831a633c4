//! KPIs computed from a [`crate::ingest::model::Dataset`]: volume, backlog, MTTA,
//! MTTR, rates, CSAT, availability, change KPIs and SLA compliance, per local
//! calendar period and per any ticket dimension.
//!
//! Entry: [`compute`] with a [`Query`] → [`KpiTable`]. The catalog
//! ([`KpiId`]) carries each KPI's formula, unit and direction; the formulas,
//! cohorts and missing-data rules are written out in `docs/kpi.md`.

mod aggregate;
mod availability;
mod catalog;
mod changes;
mod durations;
mod engine;
mod flow;
mod intervals;
pub mod period;
mod rates;
mod sla_compliance;
mod table;

pub use aggregate::{median, percentile_nearest_rank, Agg, AGE_BUCKET_LABELS};
pub use catalog::{Clock, Direction, KpiId, KpiSpec, Unit};
#[cfg(any(not(target_arch = "wasm32"), feature = "partials-js"))]
pub use engine::{add_outages, frame};
pub use engine::{compute, latest_instant, Query, SlaRecord, MAX_PERIODS, SERVICE_DIMENSION};
pub use period::{Granularity, Periods};
pub use sla_compliance::sla_record;
pub use table::{KpiTable, KpiValue};

#[cfg(test)]
mod tests;
