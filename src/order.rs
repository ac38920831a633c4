//! One sort for the package's small sorts: indices ordered by a
//! comparator. Every distinct `sort_unstable_by` instantiation costs 2–3 KB
//! of wasm (docs/size.md); sorting `usize` indices through a `dyn`
//! comparator keeps one for all the sorts whose keys are not plain `i64`s
//! (which use the `i64` sort the percentiles need anyway).

use std::cmp::Ordering;

/// Sorts `indices` by `cmp` (unstable: callers compare keys that tell any
/// two indices apart, or do not care about the order of equal ones).
pub fn sort_indices(indices: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    indices.sort_unstable_by(|&a, &b| cmp(a, b));
}

/// The indices `0..n` in the order `cmp` gives.
pub fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut indices: Vec<usize> = (0..n).collect();
    sort_indices(&mut indices, cmp);
    indices
}
