//! The package's sorts: a heap sort ([`heap_sort`]), used for indices
//! ordered through a `dyn` comparator ([`sort_indices`]) and for the event
//! log's events, and a radix sort for `i64` keys ([`sort_i64`]: durations
//! for percentiles, holiday days; linear time for the long duration
//! lists). Every distinct `sort_unstable_by` instantiation of core's sort
//! costs 2–3 KB of wasm (docs/size.md); these cost a few hundred bytes each.

use std::cmp::Ordering;

/// Sorts `indices` by `cmp` (unstable: callers compare keys that tell any
/// two indices apart, or do not care about the order of equal ones).
pub fn sort_indices(indices: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    heap_sort(indices, |a, b| cmp(a, b) == Ordering::Less);
}

/// Sorts `v` by `less` in place: a heap sort, O(n log n) at worst, no
/// allocation, and a few hundred bytes of wasm where core's
/// pattern-defeating quicksort with its small-sort networks takes 2–3 KB
/// per instantiation. Two exist: indices through a `dyn` comparator
/// ([`sort_indices`]) and the event log's per-ticket event order (hot: its
/// comparison is inlined).
pub fn heap_sort<T: Copy>(v: &mut [T], less: impl Fn(T, T) -> bool) {
    // Moves the value at `node` down until neither child is greater.
    let sift = |v: &mut [T], mut node: usize, end: usize| loop {
        let mut child = 2 * node + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(v[child], v[child + 1]) {
            child += 1;
        }
        if !less(v[node], v[child]) {
            return;
        }
        v.swap(node, child);
        node = child;
    };
    for node in (0..v.len() / 2).rev() {
        sift(v, node, v.len());
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

/// The indices `0..n` in the order `cmp` gives.
pub fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut indices: Vec<usize> = (0..n).collect();
    sort_indices(&mut indices, cmp);
    indices
}

/// Sorts `keys` ascending: a least-significant-byte radix sort (eight
/// stable counting passes over the bytes of the key with its sign bit
/// flipped, skipping every byte on which all keys agree), insertion sort
/// for short slices.
pub fn sort_i64(keys: &mut [i64]) {
    const SHORT: usize = 32;
    if keys.len() <= SHORT {
        for i in 1..keys.len() {
            let mut j = i;
            while j > 0 && keys[j - 1] > keys[j] {
                keys.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    // Flipping the sign bit orders i64 as u64 (i64::MIN first).
    let flip = |k: i64| (k as u64) ^ (1 << 63);
    let mut from: Vec<u64> = keys.iter().map(|&k| flip(k)).collect();
    let mut to = vec![0u64; from.len()];
    for byte in 0..8 {
        let shift = byte * 8;
        let mut counts = [0usize; 256];
        for &k in &from {
            counts[((k >> shift) & 0xff) as usize] += 1;
        }
        if counts.contains(&from.len()) {
            continue; // every key has the same byte here
        }
        let mut next = 0;
        for c in counts.iter_mut() {
            let n = *c;
            *c = next;
            next += n;
        }
        for &k in &from {
            let slot = &mut counts[((k >> shift) & 0xff) as usize];
            if let Some(t) = to.get_mut(*slot) {
                *t = k;
            }
            *slot += 1;
        }
        std::mem::swap(&mut from, &mut to);
    }
    for (k, &u) in keys.iter_mut().zip(&from) {
        *k = (u ^ (1 << 63)) as i64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heap_sort_sorts() {
        for n in 0..40u32 {
            let mut v: Vec<u32> = (0..n).map(|i| i.wrapping_mul(2_654_435_761) % 97).collect();
            let mut expected = v.clone();
            expected.sort_unstable();
            heap_sort(&mut v, |a, b| a < b);
            assert_eq!(v, expected);
        }
    }

    #[test]
    fn sort_indices_orders_by_the_comparator() {
        for n in [0usize, 1, 2, 3, 10, 64, 1_000] {
            let keys: Vec<u64> = (0..n as u64).map(|i| i.wrapping_mul(2_654_435_761) % 97).collect();
            let ours = sorted_indices(n, &|a, b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
            let mut expected: Vec<usize> = (0..n).collect();
            expected.sort_by_key(|&i| (keys[i], i));
            assert_eq!(ours, expected);
        }
    }

    #[test]
    fn sort_i64_orders_like_the_standard_sort() {
        // Short (insertion) and long (radix) slices; extremes, negatives,
        // duplicates, keys equal in their high bytes, already sorted and reversed.
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut cases: Vec<Vec<i64>> = vec![vec![], vec![5], vec![i64::MAX, i64::MIN, 0, -1, 1], (0..100).collect(), (0..100).rev().collect()];
        for n in [3, 31, 32, 33, 257, 5_000] {
            cases.push((0..n).map(|_| next() as i64).collect());
            cases.push((0..n).map(|_| (next() % 86_400) as i64 - 3_600).collect());
            cases.push((0..n).map(|_| (next() % 7) as i64 * (i64::MAX / 7) - i64::MAX / 2).collect());
        }
        for case in cases {
            let mut ours = case.clone();
            sort_i64(&mut ours);
            let mut expected = case.clone();
            expected.sort();
            assert_eq!(ours, expected, "{case:?}");
        }
    }
}
