//! The case list's filters and sorts.

use std::collections::BTreeSet;

use casebook::domain::case::RiskLevel;
use casebook::domain::case_number::CaseNumber;
use casebook::domain::dispute::DisputeType;
use casebook::domain::listing::{
    is_overdue, positions, resolve, select, CaseFilter, CaseSort, StatusFilter,
};
use casebook::domain::summary::CaseSummary;
use casebook::domain::{CaseId, Date, MediatorId, OrgUnitId, Status, Timestamp};

/// A summary with only what the list and the agenda look at (shared with `agenda.rs`).
pub(super) fn summary(id: &str, status: Status, updated: i64) -> CaseSummary {
    CaseSummary {
        id: CaseId::parse(id).expect("id"),
        number: None,
        status,
        org_unit: OrgUnitId::parse("u-1").expect("unit"),
        dispute_type: None,
        dispute_label: None,
        risk_level: None,
        risk_flags: BTreeSet::new(),
        tier: None,
        presiding: None,
        first_contact: MediatorId::parse("m-1").expect("m"),
        party_names: Vec::new(),
        phones: Vec::new(),
        excerpt: String::new(),
        summary_text: String::new(),
        registered_at: None,
        updated_at: Timestamp::from_millis(updated),
        deadline_rule: None,
        deadline: None,
        follow_up_due: None,
        jc_due: None,
        other_due: None,
        has_conflicts: false,
    }
}

fn day(d: u8) -> Date {
    Date::from_ymd(2026, 3, d).expect("date")
}

fn ids(all: &[CaseSummary], shown: &[usize]) -> Vec<String> {
    shown
        .iter()
        .map(|&i| all[i].id.as_str().to_owned())
        .collect()
}

#[test]
fn without_a_query_the_newest_change_comes_first() {
    let all = vec![
        summary("a", Status::Registered, 10),
        summary("b", Status::Lead, 30),
        summary("c", Status::Closed, 20),
    ];
    let shown = select(
        &all,
        &CaseFilter::default(),
        CaseSort::UpdatedDesc,
        day(1),
        None,
    );
    assert_eq!(ids(&all, &shown), ["b", "c", "a"]);
}

#[test]
fn status_groups_separate_leads_open_cases_and_finished_ones() {
    let all = vec![
        summary("lead", Status::Lead, 1),
        summary("open", Status::InMediation, 2),
        summary("done", Status::Archived, 3),
    ];
    let pick = |status| {
        let filter = CaseFilter {
            status,
            ..CaseFilter::default()
        };
        ids(
            &all,
            &select(&all, &filter, CaseSort::UpdatedDesc, day(1), None),
        )
    };
    assert_eq!(pick(StatusFilter::Leads), ["lead"]);
    assert_eq!(pick(StatusFilter::Open), ["open"]);
    assert_eq!(pick(StatusFilter::Finished), ["done"]);
    assert_eq!(pick(StatusFilter::Exactly(Status::InMediation)), ["open"]);
}

#[test]
fn overdue_means_open_with_a_deadline_before_today() {
    let mut late = summary("late", Status::Assigned, 1);
    late.deadline = Some(day(5));
    let mut due_today = summary("today", Status::Assigned, 2);
    due_today.deadline = Some(day(10));
    let mut closed = summary("closed", Status::Closed, 3);
    closed.deadline = Some(day(1));
    assert!(is_overdue(&late, day(10)));
    assert!(!is_overdue(&due_today, day(10)));
    assert!(!is_overdue(&closed, day(10)));
    let all = vec![late, due_today, closed];
    let filter = CaseFilter {
        overdue_only: true,
        ..CaseFilter::default()
    };
    assert_eq!(
        ids(
            &all,
            &select(&all, &filter, CaseSort::UpdatedDesc, day(10), None)
        ),
        ["late"]
    );
}

#[test]
fn mine_means_presiding_or_first_contact() {
    let me = MediatorId::parse("me").expect("me");
    let mut presiding = summary("p", Status::Assigned, 1);
    presiding.presiding = Some(me.clone());
    let mut first = summary("f", Status::Registered, 2);
    first.first_contact = me.clone();
    let other = summary("o", Status::Registered, 3);
    let all = vec![presiding, first, other];
    let filter = CaseFilter {
        mine: Some(me),
        ..CaseFilter::default()
    };
    assert_eq!(
        ids(
            &all,
            &select(&all, &filter, CaseSort::UpdatedDesc, day(1), None)
        ),
        ["f", "p"]
    );
}

#[test]
fn type_and_risk_filters_match_exactly() {
    let mut a = summary("a", Status::Triaged, 1);
    a.dispute_type = Some(DisputeType::Neighbour);
    a.risk_level = Some(RiskLevel::Red);
    let mut b = summary("b", Status::Triaged, 2);
    b.dispute_type = Some(DisputeType::Labour);
    let all = vec![a, b];
    let by_type = CaseFilter {
        dispute_type: Some(DisputeType::Labour),
        ..CaseFilter::default()
    };
    assert_eq!(
        ids(
            &all,
            &select(&all, &by_type, CaseSort::UpdatedDesc, day(1), None)
        ),
        ["b"]
    );
    let by_risk = CaseFilter {
        risk_level: Some(RiskLevel::Red),
        ..CaseFilter::default()
    };
    assert_eq!(
        ids(
            &all,
            &select(&all, &by_risk, CaseSort::UpdatedDesc, day(1), None)
        ),
        ["a"]
    );
}

#[test]
fn search_results_keep_their_ranking_and_still_obey_filters() {
    let all = vec![
        summary("a", Status::Registered, 1),
        summary("b", Status::Closed, 2),
        summary("c", Status::Registered, 3),
    ];
    let ranked: Vec<CaseId> = ["c", "b", "a", "missing"]
        .iter()
        .map(|s| CaseId::parse(s).expect("id"))
        .collect();
    let ranked = resolve(&ranked, &positions(&all));
    let shown = select(
        &all,
        &CaseFilter::default(),
        CaseSort::NumberAsc,
        day(1),
        Some(&ranked),
    );
    assert_eq!(ids(&all, &shown), ["c", "b", "a"]);
    let open = CaseFilter {
        status: StatusFilter::Open,
        ..CaseFilter::default()
    };
    assert_eq!(
        ids(
            &all,
            &select(&all, &open, CaseSort::NumberAsc, day(1), Some(&ranked))
        ),
        ["c", "a"]
    );
}

#[test]
fn numbers_sort_numerically_and_leads_go_last() {
    let mut a = summary("a", Status::Registered, 1);
    a.number = Some(CaseNumber::new(2026, "X", 2010).expect("n"));
    let mut b = summary("b", Status::Registered, 2);
    b.number = Some(CaseNumber::new(2026, "X", 2002).expect("n"));
    let lead = summary("lead", Status::Lead, 3);
    let all = vec![a, lead, b];
    let shown = select(
        &all,
        &CaseFilter::default(),
        CaseSort::NumberAsc,
        day(1),
        None,
    );
    assert_eq!(ids(&all, &shown), ["b", "a", "lead"]);
}

#[test]
fn deadlines_sort_earliest_first_with_undated_cases_last() {
    let mut a = summary("a", Status::Assigned, 1);
    a.deadline = Some(day(20));
    let mut b = summary("b", Status::Assigned, 2);
    b.deadline = Some(day(3));
    let c = summary("c", Status::Assigned, 3);
    let all = vec![a, b, c];
    let shown = select(
        &all,
        &CaseFilter::default(),
        CaseSort::DeadlineAsc,
        day(1),
        None,
    );
    assert_eq!(ids(&all, &shown), ["b", "a", "c"]);
}

#[test]
fn the_list_head_keeps_the_most_recent_cases_after_each_save() {
    use casebook::domain::listing::{ListHead, LIST_HEAD_LEN};
    let mut head = ListHead::default();
    let mut all = Vec::new();
    // Saves in time order, some cases saved twice: the head must always equal the top of all.
    for step in 0..(LIST_HEAD_LEN as i64 * 3) {
        let id = format!("case-{}", (step * 7) % (LIST_HEAD_LEN as i64 * 2));
        let saved = summary(&id, Status::Registered, 1000 + step);
        all.retain(|s: &CaseSummary| s.id != saved.id);
        all.push(saved.clone());
        head = head.with_saved(&saved);
        assert_eq!(head, ListHead::of(&all), "after step {step}");
    }
    let round_trip = ListHead::from_json(&head.to_json()).expect("stored form");
    assert_eq!(round_trip, head);
    let summaries = round_trip.summaries().expect("summaries");
    assert_eq!(summaries.len(), LIST_HEAD_LEN);
    assert_eq!(
        summaries[0].updated_at,
        Timestamp::from_millis(1000 + LIST_HEAD_LEN as i64 * 3 - 1)
    );
    assert!(summaries.is_sorted_by(|a, b| casebook::domain::listing::recent_first(a, b).is_le()));
}

/// A summary whose stored form is about `chars` characters longer (Chinese text).
fn long_summary(id: &str, updated: i64, chars: usize) -> CaseSummary {
    let mut s = summary(id, Status::Registered, updated);
    s.summary_text = "邻里之间因楼道堆放杂物发生争执"
        .chars()
        .cycle()
        .take(chars)
        .collect();
    s
}

#[test]
fn the_list_head_counts_its_stored_size_exactly() {
    use casebook::domain::listing::ListHead;
    let mut odd = summary("q", Status::Registered, -5);
    // Quotes, backslashes, control characters, a character outside the BMP.
    odd.summary_text = "他说\"还钱\"\\ \u{1}\n\t\r\u{8}\u{c} 𠮷 end".to_owned();
    odd.party_names = vec!["O'Brien \"Jr\"".to_owned()];
    let heads = [
        ListHead::default(),
        ListHead::of(&[odd.clone()]),
        ListHead::of(&[
            odd,
            long_summary("a", 1_795_161_300_000, 300),
            summary("b", Status::Lead, 0),
        ]),
    ];
    for head in heads {
        let json = head.to_json();
        assert_eq!(head.stored_units(), json.encode_utf16().count(), "{json}");
    }
}

#[test]
fn the_list_head_stays_under_its_size_budget_but_keeps_a_screen_of_rows() {
    use casebook::domain::listing::{
        head_is_current, ListHead, LIST_HEAD_BUDGET, LIST_HEAD_LEN, LIST_HEAD_MIN,
    };
    for (chars, expect_full) in [(100, true), (1_500, false), (5_000, false)] {
        let mut all: Vec<CaseSummary> = (0..60)
            .map(|i| long_summary(&format!("c{i:02}"), 1_000 + i, chars))
            .collect();
        let mut head = ListHead::of(&all);
        for step in 0..40 {
            let id = format!("c{:02}", (step * 13) % 60);
            let saved = long_summary(&id, 2_000 + step, chars);
            all.retain(|s| s.id != saved.id);
            all.push(saved.clone());
            head = head.with_saved(&saved);
            all.sort_by(casebook::domain::listing::recent_first);
            let decoded = head.summaries().expect("summaries");
            assert!(
                head_is_current(&decoded, &all),
                "{chars} chars, step {step}"
            );
            assert!(head.len() >= LIST_HEAD_MIN && head.len() <= LIST_HEAD_LEN);
            if head.len() > LIST_HEAD_MIN {
                assert!(
                    head.stored_units() <= LIST_HEAD_BUDGET,
                    "{chars}: {}",
                    head.stored_units()
                );
            }
            if chars == 1_500 {
                assert!(
                    head.len() > LIST_HEAD_MIN,
                    "the budget, not the floor, decides"
                );
            }
            assert_eq!(
                head.len() == LIST_HEAD_LEN,
                expect_full,
                "{chars} chars: {} entries",
                head.len()
            );
        }
    }
}

#[test]
fn a_stored_list_head_is_current_only_if_it_is_the_registers_first_cases() {
    use casebook::domain::listing::{head_is_current, LIST_HEAD_LEN, LIST_HEAD_MIN};
    let all: Vec<CaseSummary> = (0..40)
        .rev()
        .map(|i| summary(&format!("c{i:02}"), Status::Registered, 100 + i))
        .collect();
    assert!(head_is_current(&all[..LIST_HEAD_LEN], &all));
    assert!(
        head_is_current(&all[..LIST_HEAD_MIN], &all),
        "shortened by its budget"
    );
    assert!(
        !head_is_current(&all[..LIST_HEAD_MIN - 1], &all),
        "too short"
    );
    assert!(
        !head_is_current(&all[..LIST_HEAD_LEN + 1], &all),
        "an older, longer head"
    );
    assert!(
        !head_is_current(&all[1..LIST_HEAD_MIN + 1], &all),
        "missing the newest case"
    );
    let mut swapped = all[..LIST_HEAD_MIN].to_vec();
    swapped.swap(0, 1);
    assert!(!head_is_current(&swapped, &all), "out of order");
    assert!(
        head_is_current(&all[..3], &all[..3]),
        "a small register, whole"
    );
    assert!(head_is_current(&[], &[]));
}

#[test]
fn ties_in_the_list_head_are_broken_by_case_id_as_in_the_list() {
    use casebook::domain::listing::ListHead;
    let all = [
        summary("b", Status::Registered, 10),
        summary("a", Status::Registered, 10),
        summary("c", Status::Registered, 10),
    ];
    let saved_one_by_one = all
        .iter()
        .fold(ListHead::default(), |head, s| head.with_saved(s));
    assert_eq!(saved_one_by_one, ListHead::of(&all));
    assert_eq!(saved_one_by_one.ids().collect::<Vec<_>>(), ["a", "b", "c"]);
}

#[test]
fn a_summary_moved_by_a_save_keeps_the_register_in_recent_first_order() {
    use casebook::domain::listing::{insert_recent, recent_first};
    let mut list = vec![
        summary("c", Status::Registered, 30),
        summary("b", Status::Registered, 20),
        summary("a", Status::Registered, 10),
    ];
    insert_recent(&mut list, summary("a", Status::Triaged, 40));
    insert_recent(&mut list, summary("d", Status::Lead, 25));
    let order: Vec<&str> = list.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(order, ["a", "c", "d", "b"]);
    assert!(list.is_sorted_by(|x, y| recent_first(x, y).is_le()));
    assert_eq!(list[0].status, Status::Triaged, "the old entry is replaced");
}

proptest::proptest! {
    #[test]
    fn the_list_head_counts_any_text_exactly(text in "\\PC*|[\\x00-\\x7f]*", name in ".*", at in proptest::num::i64::ANY) {
        use casebook::domain::listing::ListHead;
        let mut s = summary("p", Status::Registered, 0);
        s.summary_text = text;
        s.party_names = vec![name];
        s.updated_at = Timestamp::from_millis(at);
        let head = ListHead::of(&[s]);
        proptest::prop_assert_eq!(head.stored_units(), head.to_json().encode_utf16().count());
    }
}

#[test]
fn a_new_case_goes_where_the_full_insertion_puts_it() {
    use casebook::domain::listing::{insert_new_recent, insert_recent};
    let register = vec![
        summary("c", Status::Registered, 30),
        summary("b", Status::Registered, 20),
        summary("a", Status::Registered, 10),
    ];
    // Newest, in the middle (a tie broken by id on either side), and oldest.
    for (id, at) in [("d", 40), ("bb", 20), ("ba", 20), ("e", 5)] {
        let mut by_search = register.clone();
        insert_new_recent(&mut by_search, summary(id, Status::Lead, at));
        let mut by_scan = register.clone();
        insert_recent(&mut by_scan, summary(id, Status::Lead, at));
        assert_eq!(by_search, by_scan, "{id} at {at}");
        assert_eq!(by_search.len(), register.len() + 1);
    }
}

#[test]
fn a_save_made_while_the_register_was_read_survives_the_merge() {
    use casebook::domain::listing::merge_loaded;
    // Read from storage before the save: "a" at 10, "b" at 20.
    let loaded = vec![
        summary("a", Status::Registered, 10),
        summary("b", Status::Registered, 20),
    ];
    // In memory: the head (b as read), a saved change of "a" and a new case "c".
    let held = vec![
        summary("a", Status::Triaged, 50),
        summary("c", Status::Lead, 40),
        summary("b", Status::Registered, 20),
    ];
    let merged = merge_loaded(loaded, &held);
    let order: Vec<(&str, Status)> = merged.iter().map(|s| (s.id.as_str(), s.status)).collect();
    assert_eq!(
        order,
        [
            ("a", Status::Triaged),
            ("c", Status::Lead),
            ("b", Status::Registered)
        ]
    );
    // An older copy in memory never overrides what storage holds.
    let merged = merge_loaded(
        vec![summary("a", Status::Triaged, 50)],
        &[summary("a", Status::Registered, 10)],
    );
    assert_eq!(merged[0].status, Status::Triaged);
}
