//! Scorecards: KPIs grouped into weighted perspectives, each KPI with a
//! target, baseline, RAG thresholds and weight; scores normalised to 0–100
//! and rolled up to perspectives and an overall score, with trends and
//! sparkline series (`docs/scorecard.md`).
//!
//! Entry: [`Config::from_json`] (or [`default_config`]) then [`evaluate`]
//! on a [`crate::kpi::KpiTable`] holding [`Config::kpi_specs`].

mod config;
mod defaults;
mod evaluate;
mod rules;

pub use config::{Config, KpiTarget, Perspective, ScoreRag, ThresholdMode};
pub use defaults::{default_config, default_json, DEFAULT_SCORECARD};
pub use evaluate::{evaluate, KpiScore, PerspectiveScore, Point, Rollup, Scorecard};
pub use rules::{normalise, rag_score, rag_value, trend, weighted_mean, Rag, Trend};

#[cfg(test)]
mod tests;
