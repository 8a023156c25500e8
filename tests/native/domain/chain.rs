//! Per-device chains: gaps, forks and broken links are found; duplicates and other devices are not problems.

use casebook::domain::case::DismissalReason;
use casebook::domain::chain::{check_chains, check_device_chain, ChainProblem};
use casebook::domain::{CaseEvent, ChainHead, Event, UnsealedEvent};

use super::support::{case_id, dev, t, Tablet};

fn tablet_with(n: usize, name: &str) -> Tablet {
    let mut tablet = Tablet::new(name, "m-1", t(0));
    let case = case_id("c-1");
    for _ in 0..n {
        tablet.append_case(
            &case,
            CaseEvent::LeadDismissed {
                reason: DismissalReason::NoDispute,
            },
        );
    }
    tablet
}

fn reseal(event: &Event, change: impl FnOnce(&mut UnsealedEvent)) -> Event {
    let mut fields = event.fields().clone();
    change(&mut fields);
    Event::seal(fields)
}

#[test]
fn an_unbroken_chain_has_no_problems() {
    let tablet = tablet_with(5, "tab-1");
    assert_eq!(check_device_chain(&tablet.device, &tablet.log), vec![]);
}

#[test]
fn a_missing_event_is_reported_as_a_gap() {
    let tablet = tablet_with(6, "tab-1");
    let kept: Vec<&Event> = tablet
        .log
        .iter()
        .filter(|e| e.seq() != 3 && e.seq() != 4)
        .collect();
    assert_eq!(
        check_device_chain(&tablet.device, kept),
        vec![ChainProblem::Gap {
            device: tablet.device.clone(),
            from: 3,
            to: 4
        }]
    );
}

#[test]
fn a_chain_known_only_from_its_middle_reports_the_leading_gap() {
    let tablet = tablet_with(4, "tab-1");
    assert_eq!(
        check_device_chain(&tablet.device, &tablet.log[2..]),
        vec![ChainProblem::Gap {
            device: tablet.device.clone(),
            from: 1,
            to: 2
        }]
    );
}

#[test]
fn two_different_events_with_one_seq_are_a_fork() {
    let tablet = tablet_with(3, "tab-1");
    let rival = reseal(&tablet.log[2], |f| f.at = f.at.plus_millis(5));
    let mut events = tablet.log.clone();
    events.push(rival.clone());
    let mut ids = vec![tablet.log[2].id().clone(), rival.id().clone()];
    ids.sort();
    assert_eq!(
        check_device_chain(&tablet.device, &events),
        vec![ChainProblem::Fork {
            device: tablet.device.clone(),
            seq: 3,
            events: ids
        }]
    );
}

#[test]
fn the_same_event_received_twice_is_not_a_fork() {
    let tablet = tablet_with(3, "tab-1");
    let doubled: Vec<&Event> = tablet.log.iter().chain(tablet.log.iter()).collect();
    assert_eq!(check_device_chain(&tablet.device, doubled), vec![]);
}

#[test]
fn a_prev_naming_another_event_is_a_broken_link() {
    let tablet = tablet_with(3, "tab-1");
    let wrong = reseal(&tablet.log[2], |f| {
        f.prev = Some(tablet.log[0].id().clone())
    });
    let events = vec![tablet.log[0].clone(), tablet.log[1].clone(), wrong.clone()];
    assert_eq!(
        check_device_chain(&tablet.device, &events),
        vec![ChainProblem::BrokenLink {
            device: tablet.device.clone(),
            event: wrong.id().clone(),
            seq: 3
        }]
    );
}

#[test]
fn the_first_event_names_no_previous_one_and_later_ones_always_do() {
    let tablet = tablet_with(2, "tab-1");
    let first = reseal(&tablet.log[0], |f| {
        f.prev = Some(tablet.log[1].id().clone())
    });
    let second = reseal(&tablet.log[1], |f| f.prev = None);
    let zero = reseal(&tablet.log[0], |f| f.seq = 0);
    let problems = check_device_chain(&tablet.device, [&first, &second, &zero]);
    assert_eq!(
        problems,
        vec![
            ChainProblem::ZeroSeq {
                device: tablet.device.clone(),
                event: zero.id().clone()
            },
            ChainProblem::PrevOnFirst {
                device: tablet.device.clone(),
                event: first.id().clone()
            },
            ChainProblem::MissingPrev {
                device: tablet.device.clone(),
                event: second.id().clone()
            },
        ]
    );
}

#[test]
fn chains_are_checked_device_by_device() {
    let a = tablet_with(3, "tab-a");
    let b = tablet_with(2, "tab-b");
    let mut events: Vec<&Event> = a.log.iter().chain(b.log.iter()).collect();
    assert_eq!(check_chains(events.iter().copied()), vec![]);
    events.retain(|e| !(e.device() == &b.device && e.seq() == 1));
    assert_eq!(
        check_chains(events),
        vec![ChainProblem::Gap {
            device: dev("tab-b"),
            from: 1,
            to: 1
        }]
    );
}

#[test]
fn the_chain_head_continues_after_the_device_s_highest_seq() {
    let a = tablet_with(3, "tab-a");
    let b = tablet_with(5, "tab-b");
    let all: Vec<&Event> = a.log.iter().chain(b.log.iter()).collect();
    let head = ChainHead::of_device(&a.device, all.iter().copied());
    assert_eq!(head, ChainHead::after(&a.log[2]));
    assert_eq!(
        ChainHead::of_device(&dev("tab-new"), all),
        ChainHead::genesis()
    );
}
