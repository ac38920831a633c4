//! Mergeable partial aggregates and the statistics computed from them.
//!
//! Every KPI cell (one period × one group × one KPI) accumulates one
//! [`Agg`]. Aggregates of the same kind merge exactly: counts and the two
//! sums of a ratio add up, samples concatenate (medians and percentiles keep
//! every value, not a sketch, so merged results equal a single pass), age
//! buckets add up. A partitioned job can therefore compute partial tables
//! and merge them.
//!
//! Statistics on samples:
//! - **mean** = Σx / n (summed in value order where the values are not
//!   whole numbers: [`mean_in_value_order`]);
//! - **median** = the middle value of the sorted sample, or the mean of the
//!   two middle values when n is even (`[1, 2, 2, 9]` → 2);
//! - **p90** by the *nearest-rank* method: the value of rank ⌈0.9·n⌉
//!   (1-based) in the sorted sample, so always an observed value
//!   (`n = 10` → the 9th smallest; `n = 11` → ⌈9.9⌉ = the 10th).
//!
//! An empty sample, a ratio with a zero denominator: no value (`None`).

/// Upper bounds (exclusive, in seconds) of the backlog age buckets
/// `<1d`, `1–3d`, `3–7d`, `7–30d`; the fifth bucket is `≥30d`.
pub const AGE_BUCKET_BOUNDS: [i64; 4] = [86_400, 3 * 86_400, 7 * 86_400, 30 * 86_400];

/// Labels of the backlog age buckets, in order.
pub const AGE_BUCKET_LABELS: [&str; 5] = ["<1d", "1-3d", "3-7d", "7-30d", ">=30d"];

/// A partial aggregate.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Agg {
    /// A count of records.
    Count(u64),
    /// A numerator and a denominator summed separately (ratio of sums).
    Ratio {
        /// Σ numerator.
        num: f64,
        /// Σ denominator.
        den: f64,
    },
    /// Every observed value.
    Sample(Vec<f64>),
    /// Counts per backlog age bucket (see [`AGE_BUCKET_BOUNDS`]).
    Ages([u64; 5]),
}

impl Agg {
    /// Adds `other` into `self`. Aggregates of different kinds never meet
    /// (one KPI always uses one kind); if they did, `self` is kept.
    #[inline]
    pub fn merge(&mut self, other: &Agg) {
        match (self, other) {
            (Agg::Count(a), Agg::Count(b)) => *a = a.saturating_add(*b),
            (Agg::Ratio { num, den }, Agg::Ratio { num: n2, den: d2 }) => {
                *num += n2;
                *den += d2;
            }
            (Agg::Sample(a), Agg::Sample(b)) => a.extend_from_slice(b),
            (Agg::Ages(a), Agg::Ages(b)) => {
                for (x, y) in a.iter_mut().zip(b) {
                    *x = x.saturating_add(*y);
                }
            }
            _ => {}
        }
    }

    /// The number of observations behind the aggregate: the count, the
    /// denominator of a ratio, the sample size, the bucket total.
    pub fn n(&self) -> f64 {
        match self {
            Agg::Count(c) => *c as f64,
            Agg::Ratio { den, .. } => *den,
            Agg::Sample(v) => v.len() as f64,
            Agg::Ages(b) => b.iter().map(|&c| c as f64).sum(),
        }
    }
}

/// The index of the age bucket of a ticket `age_seconds` old.
pub fn age_bucket(age_seconds: i64) -> usize {
    AGE_BUCKET_BOUNDS.iter().position(|&b| age_seconds < b).unwrap_or(AGE_BUCKET_BOUNDS.len())
}

/// `num / den`, or `None` when `den` is zero.
pub fn ratio(num: f64, den: f64) -> Option<f64> {
    if den > 0.0 {
        Some(num / den)
    } else {
        None
    }
}

/// The arithmetic mean, `None` for an empty sample.
pub fn mean(values: &[f64]) -> Option<f64> {
    ratio(values.iter().sum(), values.len() as f64)
}

/// The arithmetic mean with the values summed in ascending order, so that
/// it does not depend on their order (a sum of fractions does); `None` for
/// an empty sample.
pub fn mean_in_value_order(values: &[f64]) -> Option<f64> {
    // Values equal in `total_cmp` order have the same bits: ties may come
    // in any order. One sort per cell, so the module's shared one.
    let order = crate::support::order::positions_by(values.len(), &|a, b| values[a].total_cmp(&values[b]));
    ratio(order.iter().map(|&i| values[i as usize]).sum(), values.len() as f64)
}

/// The median (mean of the two middle values for an even count).
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v = values.to_vec();
    let n = v.len();
    if n == 0 {
        return None;
    }
    // The value of 0-based rank n/2 in `total_cmp` order: exact, as in a
    // sorted copy, in linear time.
    let (below, &mut upper, _) = v.select_nth_unstable_by(n / 2, f64::total_cmp);
    if n % 2 == 1 {
        return Some(upper);
    }
    // Rank n/2 − 1 is the greatest of the values placed below it.
    let lower = below.iter().copied().max_by(f64::total_cmp).unwrap_or(upper);
    Some((lower + upper) / 2.0)
}

/// The nearest-rank percentile `p` (0 < p ≤ 100): the sorted value of
/// 1-based rank ⌈p/100 · n⌉.
pub fn percentile_nearest_rank(values: &[f64], p: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
    let (_, &mut x, _) = v.select_nth_unstable_by(rank.clamp(1, values.len()) - 1, f64::total_cmp);
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statistics_by_hand() {
        // mean of 1,2,2,9 = 14/4 = 3.5; median = (2+2)/2 = 2 (tie in the middle).
        let v = [9.0, 2.0, 1.0, 2.0];
        assert_eq!(mean(&v), Some(3.5));
        assert_eq!(median(&v), Some(2.0));
        // odd count: sorted 1,2,9 → 2
        assert_eq!(median(&[9.0, 1.0, 2.0]), Some(2.0));
        // even count without tie: sorted 1,3,5,9 → (3+5)/2 = 4
        assert_eq!(median(&[9.0, 5.0, 1.0, 3.0]), Some(4.0));
        // p90 of 1..=10: rank ceil(9.0) = 9 → 9; of 1..=11: rank ceil(9.9) = 10 → 10
        let ten: Vec<f64> = (1..=10).map(f64::from).collect();
        let eleven: Vec<f64> = (1..=11).map(f64::from).collect();
        assert_eq!(percentile_nearest_rank(&ten, 90.0), Some(9.0));
        assert_eq!(percentile_nearest_rank(&eleven, 90.0), Some(10.0));
        // a single value is every percentile
        assert_eq!(percentile_nearest_rank(&[7.0], 90.0), Some(7.0));
        assert_eq!(mean(&[]), None);
        assert_eq!(median(&[]), None);
        assert_eq!(percentile_nearest_rank(&[], 90.0), None);
    }

    #[test]
    fn selection_gives_the_sorted_copys_values() {
        // The reference: a full sort in `total_cmp` order, then the value at
        // the rank (median: mean of the middle two for an even count).
        let mixed = [3.5, -0.0, f64::INFINITY, -2.0, 0.0, f64::NAN, -f64::INFINITY, 1e-300, -1e-300, 2.0, -2.0, 2.0];
        for n in 1..=mixed.len() {
            for start in 0..mixed.len() - n + 1 {
                let v = &mixed[start..start + n];
                let mut s = v.to_vec();
                s.sort_by(f64::total_cmp);
                let mid = if n % 2 == 1 { s[n / 2] } else { (s[n / 2 - 1] + s[n / 2]) / 2.0 };
                assert_eq!(median(v).map(f64::to_bits), Some(mid.to_bits()), "{v:?}");
                for p in [1.0, 25.0, 50.0, 90.0, 100.0] {
                    let rank = ((p / 100.0) * n as f64).ceil() as usize;
                    assert_eq!(percentile_nearest_rank(v, p).map(f64::to_bits), Some(s[rank.clamp(1, n) - 1].to_bits()), "{v:?} p{p}");
                }
            }
        }
    }

    #[test]
    fn the_value_order_mean_does_not_depend_on_the_order() {
        // (0.1 + 0.2) + 0.3 = 0.6000000000000001 but (0.3 + 0.2) + 0.1 = 0.6
        // in f64 (checked in Python): a plain sum depends on the order.
        assert_ne!(mean(&[0.1, 0.2, 0.3]), mean(&[0.3, 0.2, 0.1]));
        // In value order both sum 0.1 + 0.2 first: 0.6000000000000001 / 3.
        let expected = Some(0.6000000000000001 / 3.0);
        for v in [[0.1, 0.2, 0.3], [0.3, 0.2, 0.1], [0.2, 0.3, 0.1]] {
            assert_eq!(mean_in_value_order(&v), expected, "{v:?}");
        }
        assert_eq!(mean_in_value_order(&[]), None);
    }

    #[test]
    fn merging_equals_one_pass() {
        let mut a = Agg::Sample(vec![1.0, 9.0]);
        a.merge(&Agg::Sample(vec![2.0, 2.0]));
        match &a {
            Agg::Sample(v) => assert_eq!(median(v), Some(2.0)),
            other => panic!("{other:?}"),
        }
        let mut r = Agg::Ratio { num: 1.0, den: 4.0 };
        r.merge(&Agg::Ratio { num: 2.0, den: 2.0 });
        // (1+2)/(4+2) = 0.5, not the mean of ratios (0.25+1)/2 = 0.625
        assert_eq!(r, Agg::Ratio { num: 3.0, den: 6.0 });
        assert_eq!(ratio(0.0, 0.0), None);
    }

    #[test]
    fn age_buckets_use_exclusive_upper_bounds() {
        assert_eq!(age_bucket(0), 0);
        assert_eq!(age_bucket(86_399), 0);
        assert_eq!(age_bucket(86_400), 1);
        assert_eq!(age_bucket(7 * 86_400), 3);
        assert_eq!(age_bucket(30 * 86_400), 4);
    }
}
