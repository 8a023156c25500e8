//! PURE. Sorting through one compiled sort. Every `sort_unstable_by` call with its own
//! comparator closure is a separate copy of the standard library's sort in the wasm (2–3 KB
//! each), and the first screen's code (list orders, the agenda, the register's loading) had a
//! dozen of them. These helpers sort indices with the comparison behind `dyn`, so every caller
//! shares one copy; the indirect call is small next to the comparisons themselves.

use std::cmp::Ordering;

/// Sorts `indices` by `cmp` (not stable: ties may end in any order, so callers that need a
/// fixed order break ties themselves, as every caller here does by case id).
pub fn sort_indices_by(indices: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    indices.sort_unstable_by(|&a, &b| cmp(a, b));
}

/// Sorts `items` by `cmp` (not stable), through [`sort_indices_by`]: the order is found on
/// indices, then the items are moved into it in place.
pub fn sort_by_dyn<T>(items: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_indices_by(&mut order, &mut |a, b| cmp(&items[a], &items[b]));
    // `order[k]` is the old position of the item that belongs at `k`: follow each cycle of
    // the permutation once, swapping, and mark the positions done.
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = std::mem::replace(&mut order[at], DONE);
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}
