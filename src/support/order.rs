//! One sort for the cold paths: positions ordered by a comparator behind a
//! `dyn` reference.
//!
//! Each call of core's `sort_unstable_by` with a new element type or
//! closure compiles the whole pattern-defeating quicksort again, with the
//! comparator inlined into it: 3–17 KB of WASM each at opt-level 3. Sorts
//! that run once per report or per call on short lists — the breach list,
//! the compliance rows, a KPI's dimension values, a ticket's dimensions —
//! sort `u32` positions through [`positions_by`], so the module holds one
//! copy: 12.7 KB gzip less in the package (311,101 → 298,366 B of `.wasm`);
//! the interval unions of a calendar's compiled range and of availability
//! (`(i64, i64)` pairs, once per extension of the range, once per service)
//! since 4 December: 1,940 B gzip less (328,139 → 326,199 B of package).
//! The comparator becomes an indirect call, which costs about a third more
//! time per sort (natively, 100k outcomes by due instant: 11.0 → 13.6–15.7
//! ms): fine once per report, not for the hot or interactive sorts, which
//! keep their own instantiation (an event log's rows by ticket and time, a
//! page of outcomes in `sla::table`, 1.8 KB gzip).

use std::cmp::Ordering;

/// `0..len` as `u32` positions, ordered by `compare` (unstable: equal
/// positions may come in any order, so callers break ties themselves).
#[inline(never)]
pub fn positions_by(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<u32> {
    let mut positions: Vec<u32> = (0..len as u32).collect();
    positions.sort_unstable_by(|a, b| compare(*a as usize, *b as usize));
    positions
}

#[cfg(test)]
mod tests {
    use super::positions_by;

    #[test]
    fn positions_come_in_comparator_order() {
        // Sorting [30, 10, 20, 10] ascending, ties by position:
        // 10 (at 1), 10 (at 3), 20 (at 2), 30 (at 0).
        let values = [30, 10, 20, 10];
        assert_eq!(positions_by(4, &|a, b| values[a].cmp(&values[b]).then(a.cmp(&b))), vec![1, 3, 2, 0]);
        // Descending: 30, 20, 10 (at 1), 10 (at 3).
        assert_eq!(positions_by(4, &|a, b| values[b].cmp(&values[a]).then(a.cmp(&b))), vec![0, 2, 1, 3]);
        assert!(positions_by(0, &|_, _| unreachable!()).is_empty());
    }
}
