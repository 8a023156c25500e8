//! The shared sort: the same order as the standard library's, for indices and for items moved
//! into place (every permutation cycle followed once).

use std::cmp::Reverse;

use casebook::domain::sorting::{sort_by_dyn, sort_indices_by};
use proptest::prelude::*;

#[test]
fn empty_and_single_inputs_are_left_alone() {
    let mut none: Vec<String> = Vec::new();
    sort_by_dyn(&mut none, |a, b| a.cmp(b));
    assert!(none.is_empty());
    let mut one = vec!["a".to_owned()];
    sort_by_dyn(&mut one, |a, b| a.cmp(b));
    assert_eq!(one, ["a"]);
    let mut indices: Vec<usize> = Vec::new();
    sort_indices_by(&mut indices, &mut |a, b| a.cmp(&b));
    assert!(indices.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn items_end_in_the_standard_order(items in proptest::collection::vec((0u8..6, ".{0,3}"), 0..60)) {
        let mut ours = items.clone();
        // Ties broken as the callers do, so the order is total and comparable.
        sort_by_dyn(&mut ours, |a, b| (Reverse(a.0), &a.1).cmp(&(Reverse(b.0), &b.1)));
        let mut expected = items;
        expected.sort_by(|a, b| (Reverse(a.0), &a.1).cmp(&(Reverse(b.0), &b.1)));
        prop_assert_eq!(ours, expected);
    }

    #[test]
    fn indices_end_in_the_order_of_what_they_point_at(keys in proptest::collection::vec(0u16..50, 0..80)) {
        let mut indices: Vec<usize> = (0..keys.len()).rev().collect();
        sort_indices_by(&mut indices, &mut |a, b| (keys[a], a).cmp(&(keys[b], b)));
        let mut expected: Vec<usize> = (0..keys.len()).collect();
        expected.sort_by_key(|&i| (keys[i], i));
        prop_assert_eq!(indices, expected);
    }
}
