//! The scorecard's pure rules: normalisation to 0–100, RAG status, trend.
//!
//! **Normalisation** (linear from baseline to target, clamped):
//! `score = 100 · clamp((v − baseline) / (target − baseline), 0, 1)`.
//! For a lower-is-better KPI the baseline lies above the target and the same
//! formula is its mirror: `100 · clamp((baseline − v) / (baseline − target), 0, 1)`.
//! When baseline = target the score is a step: 100 on the good side of the
//! target (inclusive), 0 otherwise.
//!
//! **RAG of a KPI**: green when the value is on the good side of the green
//! threshold (inclusive), amber when on the good side of the amber threshold,
//! red otherwise, grey without a value. **RAG of a score** (perspective,
//! overall): green at or above the green score, amber at or above the amber
//! score, red below, grey without a score.
//!
//! **Trend**: `delta = current − previous` when both have a value;
//! direction `up`/`down`/`flat`; `good` is whether the move is in the KPI's
//! good direction (`null` when flat or without a delta).

use crate::kpi::Direction;

/// Red / amber / green, or grey when there is no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rag {
    /// On target.
    Green,
    /// Within tolerance.
    Amber,
    /// Off target.
    Red,
    /// No value to judge.
    Grey,
}

/// The 0–100 score of `value` (see the module docs).
pub fn normalise(value: f64, baseline: f64, target: f64, direction: Direction) -> f64 {
    if baseline == target {
        let good = match direction {
            Direction::Lower => value <= target,
            _ => value >= target,
        };
        return if good { 100.0 } else { 0.0 };
    }
    100.0 * ((value - baseline) / (target - baseline)).clamp(0.0, 1.0)
}

/// The RAG status of a KPI value against absolute green and amber thresholds.
pub fn rag_value(value: Option<f64>, green: f64, amber: f64, direction: Direction) -> Rag {
    let Some(v) = value else { return Rag::Grey };
    let good_side = |threshold: f64| match direction {
        Direction::Lower => v <= threshold,
        _ => v >= threshold,
    };
    if good_side(green) {
        Rag::Green
    } else if good_side(amber) {
        Rag::Amber
    } else {
        Rag::Red
    }
}

/// The RAG status of a 0–100 score.
pub fn rag_score(score: Option<f64>, green: f64, amber: f64) -> Rag {
    rag_value(score, green, amber, Direction::Higher)
}

/// The weighted mean of the `(score, weight)` pairs that have a score:
/// `Σ wᵢ·sᵢ / Σ wᵢ`; `None` when no pair with a positive weight has one.
pub fn weighted_mean(items: impl IntoIterator<Item = (Option<f64>, f64)>) -> Option<f64> {
    let (mut sum, mut weights) = (0.0, 0.0);
    for (score, weight) in items {
        if let Some(s) = score {
            sum += weight * s;
            weights += weight;
        }
    }
    if weights > 0.0 {
        Some(sum / weights)
    } else {
        None
    }
}

/// A move between two periods.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Trend {
    /// The previous period's value.
    pub previous: Option<f64>,
    /// Current minus previous (percentage points for % KPIs).
    pub delta: Option<f64>,
    /// `up`, `down` or `flat`; `null` without a delta.
    pub direction: Option<&'static str>,
    /// Whether the move is an improvement; `null` when flat or unknown.
    pub good: Option<bool>,
}

/// The trend from `previous` to `current` for a KPI going `direction`.
pub fn trend(current: Option<f64>, previous: Option<f64>, direction: Direction) -> Trend {
    let delta = match (current, previous) {
        (Some(c), Some(p)) => Some(c - p),
        _ => None,
    };
    let dir = delta.map(|d| {
        if d > 0.0 {
            "up"
        } else if d < 0.0 {
            "down"
        } else {
            "flat"
        }
    });
    let good = match (delta, direction) {
        (Some(d), Direction::Higher) if d != 0.0 => Some(d > 0.0),
        (Some(d), Direction::Lower) if d != 0.0 => Some(d < 0.0),
        _ => None,
    };
    Trend { previous, delta, direction: dir, good }
}

// Test code only (compiled under `cfg(test)`): its unwrap()/expect() calls
// run on inputs written in the tests, never on user input.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn higher_is_better_is_linear_and_clamped() {
        // baseline 80, target 95: v 90 → (90-80)/(95-80) = 10/15 = 66.67
        assert!((normalise(90.0, 80.0, 95.0, Direction::Higher) - 200.0 / 3.0).abs() < 1e-9);
        assert_eq!(normalise(99.0, 80.0, 95.0, Direction::Higher), 100.0); // above target → clamped
        assert_eq!(normalise(50.0, 80.0, 95.0, Direction::Higher), 0.0); // below baseline → clamped
                                                                         // BSC Designer progress example: baseline 15, target 45, v 16 → 1/30 = 3.33 %
        assert!((normalise(16.0, 15.0, 45.0, Direction::Higher) - 10.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn lower_is_better_is_the_mirror() {
        // MTTR target 8 h, baseline 24 h: v 12 → (24-12)/(24-8) = 12/16 = 75
        assert_eq!(normalise(12.0, 24.0, 8.0, Direction::Lower), 75.0);
        assert_eq!(normalise(4.0, 24.0, 8.0, Direction::Lower), 100.0); // better than target → 100
        assert_eq!(normalise(30.0, 24.0, 8.0, Direction::Lower), 0.0); // worse than baseline → 0
                                                                       // step when baseline = target = 0 (e.g. zero backlog wanted)
        assert_eq!(normalise(0.0, 0.0, 0.0, Direction::Lower), 100.0);
        assert_eq!(normalise(1.0, 0.0, 0.0, Direction::Lower), 0.0);
    }

    #[test]
    fn rag_bands_are_inclusive_on_the_good_side() {
        assert_eq!(rag_value(Some(95.0), 95.0, 90.0, Direction::Higher), Rag::Green);
        assert_eq!(rag_value(Some(90.0), 95.0, 90.0, Direction::Higher), Rag::Amber);
        assert_eq!(rag_value(Some(89.9), 95.0, 90.0, Direction::Higher), Rag::Red);
        assert_eq!(rag_value(Some(8.0), 8.0, 10.0, Direction::Lower), Rag::Green);
        assert_eq!(rag_value(Some(10.0), 8.0, 10.0, Direction::Lower), Rag::Amber);
        assert_eq!(rag_value(Some(10.5), 8.0, 10.0, Direction::Lower), Rag::Red);
        assert_eq!(rag_value(None, 8.0, 10.0, Direction::Lower), Rag::Grey);
        assert_eq!(rag_score(Some(70.0), 90.0, 70.0), Rag::Amber);
    }

    #[test]
    fn weights_need_not_sum_to_one_and_missing_scores_drop_out() {
        // (100·2 + 50·3) / (2+3) = 350/5 = 70; the weight-10 item without a score is left out
        assert_eq!(weighted_mean([(Some(100.0), 2.0), (Some(50.0), 3.0), (None, 10.0)]), Some(70.0));
        // same ratio with weights 0.4 / 0.6 → 70
        assert!((weighted_mean([(Some(100.0), 0.4), (Some(50.0), 0.6)]).unwrap() - 70.0).abs() < 1e-9);
        assert_eq!(weighted_mean([(None, 1.0)]), None);
        assert_eq!(weighted_mean([(Some(80.0), 0.0)]), None);
    }

    #[test]
    fn trend_direction_and_goodness() {
        let t = trend(Some(12.0), Some(16.0), Direction::Lower);
        assert_eq!((t.delta, t.direction, t.good), (Some(-4.0), Some("down"), Some(true)));
        let t = trend(Some(90.0), Some(95.0), Direction::Higher);
        assert_eq!((t.delta, t.direction, t.good), (Some(-5.0), Some("down"), Some(false)));
        let t = trend(Some(5.0), Some(5.0), Direction::Higher);
        assert_eq!((t.direction, t.good), (Some("flat"), None));
        // across an empty previous period: no delta, no direction
        let t = trend(Some(5.0), None, Direction::Higher);
        assert_eq!((t.previous, t.delta, t.direction, t.good), (None, None, None, None));
    }
}
