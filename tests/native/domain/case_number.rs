//! Case numbers "(2026)X人调字第N号": format, parse, offline allocation per tablet slot, duplicates.

use casebook::domain::case_number::{
    allocate_case_number, find_duplicate_numbers, CaseNumber, CaseNumberError, DuplicateNumber,
    NumberLedger, NumberingSlot,
};
use proptest::prelude::*;

use super::support::{case_id, PREFIX};

fn slot(n: u8) -> NumberingSlot {
    NumberingSlot::new(n).expect("slot")
}

#[test]
fn numbers_print_in_the_official_form() {
    let number = CaseNumber::new(2026, PREFIX, 2015).expect("number");
    assert_eq!(number.to_string(), "(2026)东城人调字第2015号");
    assert_eq!(number.slot_and_index(), Some((slot(2), 15)));
}

#[test]
fn numbers_parse_with_ascii_full_width_or_hexagonal_brackets() {
    let expected = CaseNumber::new(2026, PREFIX, 2015).expect("number");
    for text in [
        "(2026)东城人调字第2015号",
        "（2026）东城人调字第2015号",
        "〔2026〕东城人调字第 2015 号",
    ] {
        assert_eq!(CaseNumber::parse(text), Ok(expected.clone()), "{text}");
    }
}

#[test]
fn malformed_numbers_are_refused() {
    for text in [
        "2026东城人调字第1号",
        "(26)东城人调字第1号",
        "(2026)人调字第1号",
        "(2026)东城人调字第号",
        "(2026)东城人调字第1",
        "(2026)东城民调字第1号",
    ] {
        assert!(CaseNumber::parse(text).is_err(), "{text}");
    }
    assert_eq!(
        CaseNumber::parse("(2026)东城人调字第0号"),
        Err(CaseNumberError::BadSerial)
    );
}

#[test]
fn prefixes_that_would_make_a_number_ambiguous_are_refused() {
    assert_eq!(
        CaseNumber::new(2026, "", 1),
        Err(CaseNumberError::EmptyPrefix)
    );
    for bad in ["东(城", "东城1", "东 城", "东城人调字第"] {
        assert_eq!(
            CaseNumber::new(2026, bad, 1),
            Err(CaseNumberError::BadPrefix),
            "{bad}"
        );
    }
    assert_eq!(
        CaseNumber::new(26, PREFIX, 1),
        Err(CaseNumberError::BadYear)
    );
}

#[test]
fn a_new_tablet_starts_at_its_slot_times_one_thousand_plus_one() {
    assert_eq!(
        allocate_case_number(PREFIX, 2026, slot(2), []).map(|n| n.serial()),
        Ok(2001)
    );
    assert_eq!(
        allocate_case_number(PREFIX, 2026, slot(99), []).map(|n| n.serial()),
        Ok(99_001)
    );
}

#[test]
fn allocation_continues_after_the_slot_s_highest_number_of_the_year_and_prefix() {
    let used: Vec<CaseNumber> = [
        (2026, PREFIX, 2001),
        (2026, PREFIX, 2007),
        (2026, PREFIX, 3040),
        (2025, PREFIX, 2500),
        (2026, "西城", 2600),
        (2026, PREFIX, 15),
    ]
    .into_iter()
    .map(|(y, p, s)| CaseNumber::new(y, p, s).expect("number"))
    .collect();
    let next = allocate_case_number(PREFIX, 2026, slot(2), &used).expect("allocated");
    assert_eq!(next.to_string(), "(2026)东城人调字第2008号");
}

#[test]
fn a_new_year_starts_the_count_again() {
    let used = [CaseNumber::new(2026, PREFIX, 2999).expect("number")];
    assert_eq!(
        allocate_case_number(PREFIX, 2027, slot(2), &used).map(|n| n.serial()),
        Ok(2001)
    );
}

#[test]
fn the_thousandth_case_of_a_slot_in_a_year_is_refused() {
    let used = [CaseNumber::new(2026, PREFIX, 7999).expect("number")];
    assert_eq!(
        allocate_case_number(PREFIX, 2026, slot(7), &used),
        Err(CaseNumberError::Exhausted {
            year: 2026,
            slot: 7
        })
    );
}

#[test]
fn slots_outside_one_to_ninety_nine_are_refused() {
    assert_eq!(NumberingSlot::new(0), Err(CaseNumberError::BadSlot));
    assert_eq!(NumberingSlot::new(100), Err(CaseNumberError::BadSlot));
    assert_eq!(
        CaseNumber::new(2026, PREFIX, 2000)
            .expect("n")
            .slot_and_index(),
        None
    );
}

#[test]
fn duplicate_numbers_from_two_tablets_are_reported_for_the_supervisor() {
    let same = CaseNumber::new(2026, PREFIX, 3001).expect("number");
    let other = CaseNumber::new(2026, PREFIX, 3002).expect("number");
    let (a, b, c) = (case_id("c-a"), case_id("c-b"), case_id("c-c"));
    let found = find_duplicate_numbers([(&b, &same), (&c, &other), (&a, &same), (&a, &same)]);
    assert_eq!(
        found,
        vec![DuplicateNumber {
            number: same,
            cases: vec![a, b]
        }]
    );
}

proptest! {
    #[test]
    fn tablets_allocating_offline_in_any_interleaving_never_collide(
        turns in prop::collection::vec(0u8..4, 1..200),
    ) {
        let slots = [slot(1), slot(2), slot(3), slot(42)];
        let mut known: Vec<Vec<CaseNumber>> = vec![Vec::new(); slots.len()];
        let mut all = Vec::new();
        for turn in turns {
            let t = usize::from(turn);
            let number = allocate_case_number(PREFIX, 2026, slots[t], &known[t]).expect("allocated");
            prop_assert_eq!(number.slot_and_index().map(|(s, _)| s), Some(slots[t]));
            known[t].push(number.clone());
            all.push(number);
        }
        let ids: Vec<_> = (0..all.len()).map(|i| case_id(&format!("c-{i}"))).collect();
        prop_assert!(find_duplicate_numbers(ids.iter().zip(&all)).is_empty());
        for number in &all {
            prop_assert_eq!(CaseNumber::parse(&number.to_string()), Ok(number.clone()));
        }
    }
}

#[test]
fn the_ledger_refuses_what_allocation_refuses() {
    let full = [CaseNumber::new(2026, PREFIX, 2999).expect("number")];
    assert_eq!(
        NumberLedger::of(&full).next(PREFIX, 2026, slot(2)),
        Err(CaseNumberError::Exhausted {
            year: 2026,
            slot: 2
        })
    );
    let refused = allocate_case_number("", 2026, slot(2), []);
    assert!(refused.is_err());
    assert_eq!(NumberLedger::default().next("", 2026, slot(2)), refused);
}

#[test]
fn the_ledger_never_gives_back_a_number_it_has_seen() {
    let mut ledger = NumberLedger::default();
    ledger.record(&CaseNumber::new(2026, PREFIX, 2009).expect("number"));
    // An older, lower number arriving later (an import, say) does not lower the next one.
    ledger.record(&CaseNumber::new(2026, PREFIX, 2003).expect("number"));
    assert_eq!(
        ledger.next(PREFIX, 2026, slot(2)).map(|n| n.serial()),
        Ok(2010)
    );
}

proptest! {
    /// The ledger kept save by save gives what a pass over every number gives.
    #[test]
    fn the_ledger_gives_what_a_pass_over_every_number_gives(
        used in prop::collection::vec(
            (2025u16..2028, prop::sample::select(vec![PREFIX, "西城", "东城区"]), 1u32..5000),
            0..60,
        ),
        asked in (2025u16..2028, prop::sample::select(vec![PREFIX, "西城"]), 1u8..5),
    ) {
        let used: Vec<CaseNumber> = used
            .into_iter()
            .map(|(y, p, s)| CaseNumber::new(y, p, s).expect("number"))
            .collect();
        let (year, prefix, n) = asked;
        let mut ledger = NumberLedger::default();
        for number in &used {
            ledger.record(number);
        }
        prop_assert_eq!(&ledger, &NumberLedger::of(&used));
        prop_assert_eq!(
            ledger.next(prefix, year, slot(n)),
            allocate_case_number(prefix, year, slot(n), &used)
        );
    }
}
