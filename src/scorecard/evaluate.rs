//! Scores a [`Config`] against a [`KpiTable`] for one period: KPI values,
//! scores, RAG, trends and sparkline series, rolled up to perspectives and
//! the overall score.
//!
//! Roll-up: a perspective's score is the weighted mean of its KPIs' scores,
//! the overall score the weighted mean of the perspectives' scores. Weights
//! are relative (they need not sum to 1 or 100). A KPI without a value has
//! no score and is left out, the remaining weights renormalising; a
//! perspective none of whose KPIs has a value has no score and is left out
//! of the overall score the same way.

use super::config::{Config, KpiTarget, ThresholdMode};
use super::rules::{normalise, rag_score, rag_value, trend, weighted_mean, Rag, Trend};
use crate::kpi::{Clock, Direction, KpiTable, Unit};
use crate::support::time::format_instant;

/// The scored scorecard for one period.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scorecard {
    /// Title.
    pub name: String,
    /// Label of the scored period (`2016-03`).
    pub period: String,
    /// First instant of the period (ISO 8601, UTC).
    pub period_start: String,
    /// First instant after the period.
    pub period_end: String,
    /// Whether the period ends after `as_of` (still running).
    pub partial: bool,
    /// Overall score.
    pub overall: Rollup,
    /// Perspectives, in configuration order.
    pub perspectives: Vec<PerspectiveScore>,
}

/// A score rolled up from weighted parts.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rollup {
    /// Weighted mean score 0–100; `null` when no part has a score.
    pub score: Option<f64>,
    /// RAG of the score.
    pub rag: Rag,
    /// Change of the score from the previous period.
    pub trend: Trend,
    /// Scores of the last periods, oldest first, the current one last.
    pub series: Vec<Point>,
}

/// One period of a sparkline.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Point {
    /// Period label.
    pub period: String,
    /// KPI value (`null` for roll-ups and periods without a value).
    pub value: Option<f64>,
    /// Score 0–100.
    pub score: Option<f64>,
}

/// A perspective's score and its KPIs.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PerspectiveScore {
    /// Display name.
    pub name: String,
    /// Relative weight in the overall score.
    pub weight: f64,
    /// Score, RAG, trend and series.
    #[serde(flatten)]
    pub rollup: Rollup,
    /// The KPIs.
    pub kpis: Vec<KpiScore>,
}

/// A scored KPI.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KpiScore {
    /// KPI identifier.
    pub kpi: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Unit of value, target, thresholds and delta.
    pub unit: Unit,
    /// Which way is good.
    pub direction: Direction,
    /// Clock of duration KPIs.
    pub clock: Clock,
    /// Target.
    pub target: f64,
    /// Value scoring 0.
    pub baseline: f64,
    /// Relative weight in the perspective.
    pub weight: f64,
    /// How the thresholds were configured.
    pub threshold_mode: ThresholdMode,
    /// Green threshold in the KPI's unit.
    pub green: f64,
    /// Amber threshold in the KPI's unit.
    pub amber: f64,
    /// Value in the period; `null` when there is no data.
    pub value: Option<f64>,
    /// Observations behind the value.
    pub n: f64,
    /// Score 0–100; `null` without a value.
    pub score: Option<f64>,
    /// RAG of the value.
    pub rag: Rag,
    /// Change from the previous period (same unit; percentage points for %).
    pub trend: Trend,
    /// Values and scores of the last periods, oldest first.
    pub series: Vec<Point>,
}

/// Scores `config` on `table` for table period `p` (an index into the
/// table's periods).
pub fn evaluate(config: &Config, table: &KpiTable, p: usize) -> Scorecard {
    let ordinal = table.first_ordinal() + p as i64;
    let periods = table.periods();
    // The last `sparkline` periods up to `p`, oldest first.
    let window: Vec<usize> = (p + 1 - config.sparkline.min(p + 1)..=p).collect();
    let label = |q: usize| periods.label(table.first_ordinal() + q as i64);

    let mut perspectives = Vec::new();
    for persp in &config.perspectives {
        let kpis: Vec<KpiScore> = persp.kpis.iter().map(|k| kpi_score(k, table, p, &window)).collect();
        // the perspective's score in each window period and the previous one
        let score_at = |q: usize| weighted_mean(persp.kpis.iter().map(|k| (kpi_value_score(k, table, q).1, k.weight)));
        let series: Vec<Option<f64>> = window.iter().map(|&q| score_at(q)).collect();
        let previous = p.checked_sub(1).and_then(score_at);
        let score = score_at(p);
        perspectives.push(PerspectiveScore {
            name: persp.name.clone(),
            weight: persp.weight,
            rollup: Rollup {
                score,
                rag: rag_score(score, config.score_rag.green, config.score_rag.amber),
                trend: trend(score, previous, Direction::Higher),
                series: window.iter().zip(series).map(|(&q, s)| Point { period: label(q), value: None, score: s }).collect(),
            },
            kpis,
        });
    }

    let overall_at = |q: usize| {
        weighted_mean(
            config.perspectives.iter().map(|persp| (weighted_mean(persp.kpis.iter().map(|k| (kpi_value_score(k, table, q).1, k.weight))), persp.weight)),
        )
    };
    let score = overall_at(p);
    let previous = p.checked_sub(1).and_then(overall_at);
    let overall = Rollup {
        score,
        rag: rag_score(score, config.score_rag.green, config.score_rag.amber),
        trend: trend(score, previous, Direction::Higher),
        series: window.iter().map(|&q| Point { period: label(q), value: None, score: overall_at(q) }).collect(),
    };
    Scorecard {
        name: config.name.clone(),
        period: periods.label(ordinal),
        period_start: format_instant(periods.start(ordinal)),
        period_end: format_instant(periods.end(ordinal)),
        partial: periods.end(ordinal) > table.as_of(),
        overall,
        perspectives,
    }
}

/// The value and score of a configured KPI in table period `q`.
fn kpi_value_score(k: &KpiTarget, table: &KpiTable, q: usize) -> (Option<f64>, Option<f64>, f64) {
    let Some(index) = table.kpi_index(k.spec) else { return (None, None, 0.0) };
    let v = table.value(q, 0, index);
    let score = v.value.map(|x| normalise(x, k.baseline, k.target, k.direction));
    (v.value, score, v.n)
}

fn kpi_score(k: &KpiTarget, table: &KpiTable, p: usize, window: &[usize]) -> KpiScore {
    let (value, score, n) = kpi_value_score(k, table, p);
    let previous = p.checked_sub(1).and_then(|q| kpi_value_score(k, table, q).0);
    let series = window
        .iter()
        .map(|&q| {
            let (value, score, _) = kpi_value_score(k, table, q);
            Point { period: table.periods().label(table.first_ordinal() + q as i64), value, score }
        })
        .collect();
    KpiScore {
        kpi: k.spec.id.id(),
        name: k.spec.id.name(),
        unit: k.spec.id.unit(),
        direction: k.direction,
        clock: k.spec.clock,
        target: k.target,
        baseline: k.baseline,
        weight: k.weight,
        threshold_mode: k.threshold_mode,
        green: k.green,
        amber: k.amber,
        value,
        n,
        score,
        rag: rag_value(value, k.green, k.amber, k.direction),
        trend: trend(value, previous, k.direction),
        series,
    }
}
