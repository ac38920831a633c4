//! Half-open time intervals `[start, end)`: union, difference, length.

use crate::support::time::Instant;

/// A half-open interval `[start, end)`.
pub type Interval = (Instant, Instant);

/// The sorted, disjoint union of `intervals` (empty ones dropped).
pub fn union(mut intervals: Vec<Interval>) -> Vec<Interval> {
    intervals.retain(|(a, b)| b > a);
    // Equal pairs are interchangeable: an unstable sort gives the same
    // union. Once per service and report: the shared cold sort.
    let order = crate::support::order::positions_by(intervals.len(), &|a, b| intervals[a].cmp(&intervals[b]));
    let mut out: Vec<Interval> = Vec::with_capacity(intervals.len());
    for (a, b) in order.into_iter().map(|i| intervals[i as usize]) {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// `a ∖ b` for sorted, disjoint `a` and `b`.
pub fn subtract(a: &[Interval], b: &[Interval]) -> Vec<Interval> {
    let mut out = Vec::new();
    for &(mut s, e) in a {
        for &(bs, be) in b {
            if be <= s || bs >= e {
                continue;
            }
            if bs > s {
                out.push((s, bs));
            }
            s = s.max(be);
            if s >= e {
                break;
            }
        }
        if s < e {
            out.push((s, e));
        }
    }
    out
}

/// `a ∩ b` for sorted, disjoint `a` and `b`.
pub fn intersect(a: &[Interval], b: &[Interval]) -> Vec<Interval> {
    let mut out = Vec::new();
    for &(s, e) in a {
        for &(bs, be) in b {
            let (lo, hi) = (s.max(bs), e.min(be));
            if hi > lo {
                out.push((lo, hi));
            }
        }
    }
    out
}

/// Total length in seconds.
pub fn length(intervals: &[Interval]) -> i64 {
    intervals.iter().map(|(a, b)| b - a).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        let u = union(vec![(5, 8), (0, 2), (1, 3), (8, 9), (4, 4)]);
        assert_eq!(u, vec![(0, 3), (5, 9)]);
        assert_eq!(subtract(&[(0, 10)], &[(2, 3), (5, 12)]), vec![(0, 2), (3, 5)]);
        assert_eq!(intersect(&[(0, 4), (6, 10)], &[(3, 7)]), vec![(3, 4), (6, 7)]);
        assert_eq!(length(&u), 3 + 4);
    }
}
