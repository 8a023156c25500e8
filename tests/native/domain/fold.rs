//! The fold: order-independent, idempotent, last-writer-wins per field, conflicts recorded not panicked.

use casebook::domain::case::{
    AgreementForm, CaseChange, DifficultyTier, JcRuling, NotAcceptedReason, ReopenReason,
    RiskLevel, TerminationReason,
};
use casebook::domain::case_state::ConflictKind;
use casebook::domain::event::OrgUnitEvent;
use casebook::domain::org::{NetworkLevel, OrgKind, OrgUnit};
use casebook::domain::party::PartyRole;
use casebook::domain::{
    fold_case, fold_cases, fold_directory, CaseEvent, CaseId, Event, EventBody, Status, Transition,
};
use proptest::prelude::*;
use proptest::sample::Index;

use super::procedure::sample_records;
use super::support::{
    aid, case_id, case_in, day, fold, jc_application, med, party, pid, referral, registration, t,
    triage, unit, Tablet,
};

fn summary_edit(text: &str) -> CaseEvent {
    CaseEvent::Edited {
        changes: vec![CaseChange::Summary(text.to_owned())],
    }
}

#[test]
fn a_case_does_not_exist_before_its_creating_event_arrives() {
    let mut tablet = Tablet::new("tab-1", "m-1", t(0));
    let case = case_id("c-1");
    let created = tablet.append_case(&case, CaseEvent::Registered(registration()));
    let edit = tablet.append_case(&case, summary_edit("later"));
    assert_eq!(fold_case(&case, [&edit]), None);
    assert_eq!(fold(&case, &[edit, created]).summary, "later");
}

#[test]
fn concurrent_edits_of_one_field_resolve_to_the_later_writer() {
    let case = case_id("c-1");
    let mut a = Tablet::new("tab-a", "m-1", t(0));
    a.append_case(&case, CaseEvent::Registered(registration()));
    let mut b = Tablet::new("tab-b", "m-2", t(5));
    a.clock = t(10);
    a.append_case(&case, summary_edit("from a at 10"));
    b.clock = t(7);
    b.append_case(&case, summary_edit("from b at 7"));
    let all: Vec<Event> = a.log.iter().chain(&b.log).cloned().collect();
    assert_eq!(fold(&case, &all).summary, "from a at 10");
}

#[test]
fn simultaneous_edits_are_ordered_by_device_then_seq() {
    let case = case_id("c-1");
    let mut a = Tablet::new("tab-a", "m-1", t(0));
    a.append_case(&case, CaseEvent::Registered(registration()));
    let mut b = Tablet::new("tab-b", "m-2", t(5));
    a.clock = t(5);
    a.append_case(&case, summary_edit("a"));
    b.append_case(&case, summary_edit("b"));
    let forwards: Vec<Event> = a.log.iter().chain(&b.log).cloned().collect();
    let backwards: Vec<Event> = b.log.iter().chain(&a.log).cloned().collect();
    assert_eq!(
        fold(&case, &forwards).summary,
        "b",
        "tab-b sorts after tab-a"
    );
    assert_eq!(fold(&case, &forwards), fold(&case, &backwards));
}

#[test]
fn edits_of_different_fields_both_survive() {
    let case = case_id("c-1");
    let mut a = Tablet::new("tab-a", "m-1", t(0));
    a.append_case(&case, CaseEvent::Registered(registration()));
    let mut b = Tablet::new("tab-b", "m-2", t(3));
    a.append_case(
        &case,
        CaseEvent::Edited {
            changes: vec![CaseChange::Tier(DifficultyTier::Major)],
        },
    );
    b.append_case(
        &case,
        CaseEvent::Edited {
            changes: vec![CaseChange::RiskLevel(RiskLevel::Red)],
        },
    );
    let state = fold(&case, &[a.log.clone(), b.log.clone()].concat());
    assert_eq!(
        (state.tier, state.risk_level),
        (Some(DifficultyTier::Major), Some(RiskLevel::Red))
    );
}

#[test]
fn two_devices_closing_one_case_keep_one_close_and_record_the_other_as_a_conflict() {
    let (mut a, _) = case_in(Status::Terminated);
    let case = case_id("c-1");
    let mut b = Tablet::new("tab-b", "m-2", a.clock);
    let first = a.append_case(&case, CaseEvent::Closed);
    let second = b.append_case(&case, CaseEvent::Closed);
    let state = fold(&case, &[a.log.clone(), b.log.clone()].concat());
    assert_eq!(state.status, Status::Closed);
    assert_eq!(state.history.last().map(|h| &h.event), Some(first.id()));
    assert_eq!(state.conflicts.len(), 1);
    assert_eq!(state.conflicts[0].event, *second.id());
    assert_eq!(
        state.conflicts[0].kind,
        ConflictKind::InvalidTransition {
            from: Some(Status::Closed),
            transition: Transition::Close
        }
    );
}

#[test]
fn a_step_that_no_longer_fits_is_skipped_and_later_steps_still_apply() {
    let (mut a, _) = case_in(Status::Registered);
    let case = case_id("c-1");
    let mut b = Tablet::new("tab-b", "m-2", a.clock);
    a.append_case(&case, CaseEvent::Triaged(Box::new(triage())));
    b.append_case(
        &case,
        CaseEvent::NotAccepted {
            reason: NotAcceptedReason::AlreadyHandled,
        },
    );
    a.append_case(&case, CaseEvent::ReferredOut(Box::new(referral())));
    let state = fold(&case, &[a.log.clone(), b.log.clone()].concat());
    assert_eq!(state.status, Status::ReferredOut);
    assert_eq!(state.conflicts.len(), 1);
}

#[test]
fn a_revert_skips_its_target_even_when_it_sorts_first() {
    let case = case_id("c-1");
    let mut a = Tablet::new("tab-a", "m-1", t(0));
    a.append_case(&case, CaseEvent::Registered(registration()));
    let edit = a.append_case(&case, summary_edit("wrong"));
    let mut b = Tablet::new("tab-b", "m-2", t(0));
    // b's clock is behind: its revert is dated before the edit it reverts.
    let revert = b.append_case(
        &case,
        CaseEvent::Reverted {
            event: edit.id().clone(),
        },
    );
    assert!(revert.at() < edit.at());
    let state = fold(&case, &[a.log.clone(), b.log.clone()].concat());
    assert_eq!(state.summary, registration().intake.summary);
    assert!(state.reverted.contains(edit.id()));
    assert!(!state.revertible.contains(edit.id()));
}

#[test]
fn reverting_a_lifecycle_step_is_a_conflict_and_changes_nothing() {
    let (mut a, before) = case_in(Status::Triaged);
    let case = case_id("c-1");
    let triaged = before
        .history
        .last()
        .map(|h| h.event.clone())
        .expect("history");
    let revert = a.append_case(
        &case,
        CaseEvent::Reverted {
            event: triaged.clone(),
        },
    );
    let state = fold(&case, &a.log);
    assert_eq!(state.status, Status::Triaged);
    assert_eq!(state.conflicts.len(), 1);
    assert_eq!(state.conflicts[0].event, *revert.id());
    assert_eq!(
        state.conflicts[0].kind,
        ConflictKind::NotRevertible(triaged)
    );
}

#[test]
fn a_removed_party_cannot_be_saved_back_and_unknown_removals_are_conflicts() {
    let (mut a, _) = case_in(Status::Registered);
    let case = case_id("c-1");
    a.append_case(&case, CaseEvent::PartyRemoved { party: pid("p-2") });
    a.append_case(
        &case,
        CaseEvent::PartySaved(Box::new(party("p-2", PartyRole::Respondent, "x"))),
    );
    a.append_case(&case, CaseEvent::PartyRemoved { party: pid("p-7") });
    let state = fold(&case, &a.log);
    assert_eq!(
        state
            .parties
            .iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>(),
        ["p-1"]
    );
    let kinds: Vec<ConflictKind> = state.conflicts.iter().map(|c| c.kind.clone()).collect();
    assert_eq!(
        kinds,
        [
            ConflictKind::PartyWasRemoved(pid("p-2")),
            ConflictKind::UnknownParty(pid("p-7"))
        ]
    );
}

#[test]
fn saving_a_known_party_replaces_its_record_in_place() {
    let (mut a, _) = case_in(Status::Registered);
    let case = case_id("c-1");
    a.append_case(
        &case,
        CaseEvent::PartySaved(Box::new(party("p-1", PartyRole::Applicant, "张三丰"))),
    );
    let state = fold(&case, &a.log);
    assert_eq!(state.parties[0].name, "张三丰");
    assert_eq!(state.parties.len(), 2);
}

#[test]
fn events_ordered_before_the_creation_are_conflicts() {
    let case = case_id("c-1");
    let mut late = Tablet::new("tab-late", "m-1", t(10));
    late.append_case(&case, CaseEvent::Registered(registration()));
    let mut early = Tablet::new("tab-early", "m-2", t(0));
    let stray = early.append_case(&case, summary_edit("too early"));
    let state = fold(&case, &[late.log.clone(), early.log.clone()].concat());
    assert_eq!(state.conflicts.len(), 1);
    assert_eq!(
        (&state.conflicts[0].event, &state.conflicts[0].kind),
        (stray.id(), &ConflictKind::BeforeCreation)
    );
}

#[test]
fn edits_of_an_archived_case_are_conflicts() {
    let (mut a, archived) = case_in(Status::Archived);
    let case = case_id("c-1");
    a.append_case(&case, summary_edit("after the file was bound"));
    let state = fold(&case, &a.log);
    assert_eq!(state.summary, archived.summary);
    assert_eq!(
        state.conflicts.last().map(|c| &c.kind),
        Some(&ConflictKind::Frozen)
    );
}

#[test]
fn reopening_clears_how_the_case_ended() {
    let (mut a, closed) = case_in(Status::Closed);
    assert!(closed.ending.is_some());
    let case = case_id("c-1");
    a.append_case(
        &case,
        CaseEvent::Reopened {
            reason: ReopenReason::RevisionRequested,
            consenting: vec![pid("p-1"), pid("p-2")],
        },
    );
    let state = fold(&case, &a.log);
    assert_eq!((state.status, state.ending), (Status::InMediation, None));
}

#[test]
fn fold_cases_folds_every_case_separately() {
    let mut a = Tablet::new("tab-a", "m-1", t(0));
    for id in ["c-1", "c-2"] {
        a.append_case(&case_id(id), CaseEvent::Registered(registration()));
    }
    a.append_case(&case_id("c-2"), summary_edit("second"));
    let states = fold_cases(&a.log);
    assert_eq!(states.len(), 2);
    assert_eq!(states[&case_id("c-2")].summary, "second");
    assert_ne!(states[&case_id("c-1")].summary, "second");
}

#[test]
fn directory_records_resolve_last_writer_wins() {
    let record = |name: &str| OrgUnit {
        id: unit("u-1"),
        name: name.to_owned(),
        kind: OrgKind::TownshipCommittee,
        level: NetworkLevel::new(2).expect("level"),
        parent: None,
        case_no_prefix: "东城".to_owned(),
        justice_office: None,
        basic_court: None,
    };
    let mut a = Tablet::new("tab-a", "m-1", t(5));
    let mut b = Tablet::new("tab-b", "m-2", t(1));
    a.append(EventBody::OrgUnit {
        unit: unit("u-1"),
        payload: OrgUnitEvent::Saved(Box::new(record("new"))),
    });
    b.append(EventBody::OrgUnit {
        unit: unit("u-1"),
        payload: OrgUnitEvent::Saved(Box::new(record("old"))),
    });
    let dir = fold_directory(b.log.iter().chain(&a.log));
    assert_eq!(dir.org_units[&unit("u-1")].name, "new");
    assert!(fold_cases(&a.log).is_empty());
}

// --- Properties ----------------------------------------------------------------------------

/// An abstract step a tablet may take on the shared case.
#[derive(Debug, Clone)]
enum Op {
    Summary(u8),
    Tier(u8),
    SaveParty(u8, u8),
    RemoveParty(u8),
    Step(u8),
    Record(Index),
    Revert(Index),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u8..4).prop_map(Op::Summary),
        (0u8..3).prop_map(Op::Tier),
        (0u8..3, 0u8..3).prop_map(|(p, n)| Op::SaveParty(p, n)),
        (0u8..3).prop_map(Op::RemoveParty),
        (0u8..14).prop_map(Op::Step),
        any::<Index>().prop_map(Op::Record),
        any::<Index>().prop_map(Op::Revert),
    ]
}

fn lifecycle_step(n: u8) -> CaseEvent {
    match n {
        0 => CaseEvent::Triaged(Box::new(triage())),
        1 => CaseEvent::MediatorAssigned {
            presiding: med("m-2"),
            co_mediators: vec![],
            chosen_by_parties: false,
        },
        2 => CaseEvent::MediationStarted,
        3 => CaseEvent::Terminated {
            reason: TerminationReason::Failed,
        },
        4 => CaseEvent::Closed,
        5 => CaseEvent::Archived,
        6 => CaseEvent::Reopened {
            reason: ReopenReason::UnlawfulOrUnfair,
            consenting: vec![pid("p-1"), pid("p-2")],
        },
        7 => CaseEvent::NotAccepted {
            reason: NotAcceptedReason::ReservedToSpecialisedBodies,
        },
        8 => CaseEvent::ReferredOut(Box::new(referral())),
        10 => CaseEvent::AgreementReached {
            form: AgreementForm::Oral,
            agreement: aid("a-1"),
            effective_on: day(2026, 3, 5),
        },
        11 => CaseEvent::JcApplied(Box::new(jc_application(day(2026, 3, 6)))),
        12 => CaseEvent::JcRuled {
            ruling: JcRuling::Rejected,
            on: day(2026, 3, 9),
        },
        13 => CaseEvent::Remediation {
            consenting: vec![pid("p-1"), pid("p-2")],
        },
        _ => CaseEvent::Registered(registration()),
    }
}

/// Builds the events of up to three tablets working on one case; clocks overlap so events tie
/// and interleave.
fn build(devices: &[Vec<(u8, Op)>]) -> Vec<Event> {
    let case = case_id("c-1");
    let mut all = Vec::new();
    for (d, ops) in devices.iter().enumerate() {
        let mut tablet = Tablet::new(&format!("tab-{d}"), &format!("m-{d}"), t(0));
        if d == 0 {
            tablet.append_case(&case, CaseEvent::Registered(registration()));
        }
        for (delay, op) in ops {
            tablet.clock = tablet
                .clock
                .plus_millis(i64::from(*delay) * 60_000 - 60_000);
            let payload = match op {
                Op::Summary(n) => summary_edit(&format!("summary {n}")),
                Op::Tier(n) => CaseEvent::Edited {
                    changes: vec![CaseChange::Tier(DifficultyTier::ALL[usize::from(*n) % 3])],
                },
                Op::SaveParty(p, n) => CaseEvent::PartySaved(Box::new(party(
                    &format!("p-{p}"),
                    PartyRole::Respondent,
                    &format!("name {n}"),
                ))),
                Op::RemoveParty(p) => CaseEvent::PartyRemoved {
                    party: pid(&format!("p-{p}")),
                },
                Op::Step(n) => lifecycle_step(*n),
                Op::Record(index) => {
                    let records = sample_records();
                    records[index.index(records.len())].clone()
                }
                Op::Revert(index) if !tablet.log.is_empty() => CaseEvent::Reverted {
                    event: tablet.log[index.index(tablet.log.len())].id().clone(),
                },
                Op::Revert(_) => summary_edit("nothing to revert yet"),
            };
            tablet.append_case(&case, payload);
        }
        all.extend(tablet.log);
    }
    all
}

fn devices() -> impl Strategy<Value = Vec<Vec<(u8, Op)>>> {
    prop::collection::vec(prop::collection::vec((0u8..3, op()), 0..12), 1..4)
}

fn shuffled(mut events: Vec<Event>, swaps: &[(Index, Index)]) -> Vec<Event> {
    if events.is_empty() {
        return events;
    }
    let n = events.len();
    for (i, j) in swaps {
        events.swap(i.index(n), j.index(n));
    }
    events
}

fn the_case() -> CaseId {
    case_id("c-1")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_arrival_order_folds_to_the_same_state(
        devices in devices(),
        swaps in prop::collection::vec((any::<Index>(), any::<Index>()), 0..80),
    ) {
        let events = build(&devices);
        let reference = fold_case(&the_case(), &events);
        let permuted = shuffled(events, &swaps);
        prop_assert_eq!(fold_case(&the_case(), &permuted), reference);
    }

    #[test]
    fn receiving_events_twice_changes_nothing(
        devices in devices(),
        repeats in prop::collection::vec(any::<Index>(), 0..30),
    ) {
        let events = build(&devices);
        let reference = fold_case(&the_case(), &events);
        let mut doubled = events.clone();
        if !events.is_empty() {
            doubled.extend(repeats.iter().map(|i| events[i.index(events.len())].clone()));
        }
        doubled.extend(events.iter().cloned());
        prop_assert_eq!(fold_case(&the_case(), &doubled), reference);
    }

    #[test]
    fn tablets_merging_each_other_s_logs_converge(devices in devices()) {
        let events = build(&devices);
        let mut by_device: Vec<Vec<Event>> = Vec::new();
        for event in &events {
            match by_device.iter_mut().find(|l| l[0].device() == event.device()) {
                Some(list) => list.push(event.clone()),
                None => by_device.push(vec![event.clone()]),
            }
        }
        let forwards: Vec<Event> = by_device.iter().flatten().cloned().collect();
        let backwards: Vec<Event> = by_device.iter().rev().flatten().cloned().collect();
        prop_assert_eq!(fold_case(&the_case(), &forwards), fold_case(&the_case(), &backwards));
    }

    #[test]
    fn the_status_is_the_transition_table_replayed_in_order(devices in devices()) {
        let events = build(&devices);
        let mut sorted: Vec<&Event> = events.iter().collect();
        sorted.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        let mut status = None;
        let mut skipped = 0;
        for event in sorted {
            if let Some(step) = event.case_payload().and_then(CaseEvent::transition) {
                match step.target(status) {
                    Some(next) => status = Some(next),
                    None => skipped += 1,
                }
            }
        }
        let state = fold_case(&the_case(), &events);
        prop_assert_eq!(state.as_ref().map(|s| s.status), status);
        if let Some(state) = state {
            let transition_conflicts = state
                .conflicts
                .iter()
                .filter(|c| matches!(c.kind, ConflictKind::InvalidTransition { .. }))
                .count();
            prop_assert_eq!(transition_conflicts, skipped);
            prop_assert_eq!(state.history.len() + skipped, events.iter().filter(|e| {
                e.case_payload().and_then(CaseEvent::transition).is_some()
            }).count());
        }
    }
}
