//! Properties of the scorecard rules over random inputs.

use proptest::prelude::*;
use sla_scorecard::kpi::Direction;
use sla_scorecard::scorecard::{normalise, weighted_mean};

proptest! {
    /// Scores stay in 0..=100 and never decrease as the value improves.
    #[test]
    fn normalisation_is_bounded_and_monotone(
        target in -1e6f64..1e6, gap in 0f64..1e6, a in -2e6f64..2e6, b in -2e6f64..2e6, higher in any::<bool>()
    ) {
        let (direction, baseline) = if higher { (Direction::Higher, target - gap) } else { (Direction::Lower, target + gap) };
        let (sa, sb) = (normalise(a, baseline, target, direction), normalise(b, baseline, target, direction));
        prop_assert!((0.0..=100.0).contains(&sa) && (0.0..=100.0).contains(&sb));
        let a_better = if higher { a >= b } else { a <= b };
        if a_better { prop_assert!(sa >= sb); }
    }

    /// A weighted mean lies between the smallest and largest score counted,
    /// and scaling every weight by the same factor does not change it.
    #[test]
    fn weighted_mean_is_a_mean(items in prop::collection::vec((prop::option::of(0f64..=100.0), 0.01f64..10.0), 1..8), k in 0.1f64..10.0) {
        let m = weighted_mean(items.iter().copied());
        let scores: Vec<f64> = items.iter().filter_map(|(s, _)| *s).collect();
        match m {
            None => prop_assert!(scores.is_empty()),
            Some(m) => {
                let lo = scores.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                prop_assert!(m >= lo - 1e-9 && m <= hi + 1e-9);
                let scaled = weighted_mean(items.iter().map(|(s, w)| (*s, w * k))).unwrap();
                prop_assert!((scaled - m).abs() < 1e-9);
            }
        }
    }
}
