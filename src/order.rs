//! The package's two sorts: indices ordered by a comparator, and `i64`
//! keys by radix. Every distinct `sort_unstable_by` instantiation costs 2–3
//! KB of wasm (docs/size.md); a heap sort of `usize` indices through a `dyn`
//! comparator serves every sort whose keys are not plain `i64`s, and
//! the `i64` keys (durations for percentiles, holiday days) take a radix
//! sort: a few hundred bytes, and linear time for the long duration lists.

use std::cmp::Ordering;

/// Sorts `indices` by `cmp` (unstable: callers compare keys that tell any
/// two indices apart, or do not care about the order of equal ones). A heap
/// sort: O(n log n) at worst, no allocation, and a few hundred bytes of
/// wasm where core's pattern-defeating quicksort with its small-sort
/// networks takes 2.6 KB.
pub fn sort_indices(indices: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    // Moves the value at `node` down until both children are not greater.
    fn sift(v: &mut [usize], mut node: usize, end: usize, cmp: &dyn Fn(usize, usize) -> Ordering) {
        loop {
            let mut child = 2 * node + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && cmp(v[child], v[child + 1]) == Ordering::Less {
                child += 1;
            }
            if cmp(v[node], v[child]) != Ordering::Less {
                return;
            }
            v.swap(node, child);
            node = child;
        }
    }
    let n = indices.len();
    for node in (0..n / 2).rev() {
        sift(indices, node, n, cmp);
    }
    for end in (1..n).rev() {
        indices.swap(0, end);
        sift(indices, 0, end, cmp);
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
