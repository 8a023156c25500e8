//! The case register's persistence on the in-memory port: one transaction per action, nothing
//! written on failure, chains continued across saves, summaries rebuildable from events.

use casebook::domain::case_number::NumberingSlot;
use casebook::domain::chain::check_chains;
use casebook::domain::command::{CaseCommand, CommandError};
use casebook::domain::org::{Mediator, MediatorRole, NetworkLevel, OrgKind, OrgUnit};
use casebook::domain::wire::parse_event_json;
use casebook::domain::{CaseId, DeviceId, Status};
use casebook::repo::{DeviceProfile, Repo, RepoError};
use casebook::storage::memory::MemoryStorage;
use casebook::storage::{StorageError, StoragePort, StoreName};

use super::domain::support::{applied, case_id, intake, med, t, two_parties, unit, PREFIX};
use super::storage::run;

fn committee() -> OrgUnit {
    OrgUnit {
        id: unit("u-1"),
        name: "Test committee".to_owned(),
        kind: OrgKind::VillageCommittee,
        level: NetworkLevel::new(3).expect("level"),
        parent: None,
        case_no_prefix: PREFIX.to_owned(),
        justice_office: None,
        basic_court: None,
    }
}

fn mediator() -> Mediator {
    Mediator {
        id: med("m-1"),
        name: "Mediator One".to_owned(),
        gender: None,
        phone: None,
        id_number: None,
        org_unit: unit("u-1"),
        role: MediatorRole::Member,
        full_time: false,
        active: true,
        relatives: Vec::new(),
    }
}

fn set_up() -> (Repo<MemoryStorage>, DeviceProfile) {
    let repo = Repo::new(MemoryStorage::new());
    let device = DeviceId::parse("tablet-a").expect("device");
    let slot = NumberingSlot::new(2).expect("slot");
    let profile = run(repo.set_up(device, slot, committee(), mediator(), t(0))).expect("set up");
    (repo, profile)
}

/// The command registering `case` with the tablet's next number.
fn register_command(
    repo: &Repo<MemoryStorage>,
    profile: &DeviceProfile,
    case: &CaseId,
) -> CaseCommand {
    let (known, _) = run(repo.load_summaries()).expect("summaries");
    let number = Repo::<MemoryStorage>::next_case_number(profile, PREFIX, 2026, &known).expect("n");
    CaseCommand::Register {
        case: case.clone(),
        number,
        acceptance: applied(),
        intake: intake(two_parties()),
    }
}

fn register(repo: &Repo<MemoryStorage>, profile: &DeviceProfile, case: &CaseId, minute: i64) {
    let command = register_command(repo, profile, case);
    run(repo.execute(profile, case, command, t(minute), None)).expect("register");
}

#[test]
fn set_up_stores_the_profile_and_the_directory_in_one_transaction() {
    let (repo, profile) = set_up();
    assert_eq!(repo.storage().committed_transactions(), 1);
    assert_eq!(
        run(repo.load_profile()).expect("load"),
        Some(profile.clone())
    );
    let directory = run(repo.load_directory()).expect("directory");
    assert_eq!(
        directory
            .org_units
            .get(&unit("u-1"))
            .map(|u| u.name.as_str()),
        Some("Test committee")
    );
    assert!(directory.mediators.contains_key(&med("m-1")));
    assert_eq!(run(repo.load_head()).expect("head").next_seq, 3);
}

#[test]
fn a_fresh_device_has_no_profile() {
    let repo = Repo::new(MemoryStorage::new());
    assert_eq!(run(repo.load_profile()).expect("load"), None);
}

#[test]
fn registering_a_case_is_one_transaction_with_event_log_head_and_summary() {
    let (repo, profile) = set_up();
    let case = case_id("case-1");
    register(&repo, &profile, &case, 5);
    assert_eq!(repo.storage().committed_transactions(), 2);
    let loaded = run(repo.load_case(&case)).expect("load").expect("exists");
    assert_eq!(loaded.state.status, Status::Registered);
    assert_eq!(loaded.events.len(), 1);
    assert_eq!(
        loaded.events[0].seq(),
        3,
        "continues the device chain after set-up"
    );
    let (summaries, problems) = run(repo.load_summaries()).expect("summaries");
    assert!(problems.is_empty());
    assert_eq!(summaries.len(), 1);
    assert_eq!(summaries[0].number.as_ref().map(|n| n.serial()), Some(2001));
    assert_eq!(
        run(repo.storage().count(StoreName::DeviceLog)).expect("count"),
        3
    );
}

#[test]
fn consecutive_registrations_get_consecutive_numbers_of_the_tablets_slot() {
    let (repo, profile) = set_up();
    for (i, id) in ["case-1", "case-2", "case-3"].iter().enumerate() {
        register(&repo, &profile, &case_id(id), 10 + i as i64);
    }
    let (summaries, _) = run(repo.load_summaries()).expect("summaries");
    let mut serials: Vec<u32> = summaries
        .iter()
        .filter_map(|s| s.number.as_ref().map(|n| n.serial()))
        .collect();
    serials.sort_unstable();
    assert_eq!(serials, vec![2001, 2002, 2003]);
}

#[test]
fn a_refused_command_writes_nothing() {
    let (repo, profile) = set_up();
    let case = case_id("case-1");
    register(&repo, &profile, &case, 5);
    let before = repo.storage().committed_transactions();
    let result = run(repo.execute(&profile, &case, CaseCommand::Archive, t(6), None));
    assert!(
        matches!(
            result,
            Err(RepoError::Command(CommandError::InvalidTransition { .. }))
        ),
        "{result:?}"
    );
    assert_eq!(repo.storage().committed_transactions(), before);
    assert_eq!(run(repo.load_case_events(&case)).expect("events").len(), 1);
}

#[test]
fn a_failed_write_is_reported_and_leaves_the_case_as_it_was() {
    let (repo, profile) = set_up();
    let case = case_id("case-1");
    repo.storage().fail_next_commit(StorageError::QuotaExceeded);
    let command = register_command(&repo, &profile, &case);
    let result = run(repo.execute(&profile, &case, command, t(5), None));
    assert_eq!(result, Err(RepoError::Storage(StorageError::QuotaExceeded)));
    assert_eq!(run(repo.load_case(&case)).expect("load"), None);
    assert_eq!(
        run(repo.load_head()).expect("head").next_seq,
        3,
        "the head did not move"
    );
}

#[test]
fn saving_a_command_can_clear_its_draft_in_the_same_transaction() {
    let (repo, profile) = set_up();
    run(repo.save_draft("intake/new", "{\"summary\":\"half typed\"}")).expect("draft");
    assert_eq!(run(repo.list_drafts()).expect("drafts").len(), 1);
    let case = case_id("case-1");
    let command = register_command(&repo, &profile, &case);
    let before = repo.storage().committed_transactions();
    run(repo.execute(&profile, &case, command, t(5), Some("intake/new"))).expect("register");
    assert_eq!(repo.storage().committed_transactions(), before + 1);
    assert_eq!(run(repo.load_draft("intake/new")).expect("draft"), None);
}

#[test]
fn summaries_are_rebuilt_from_the_events_alone() {
    let (repo, profile) = set_up();
    register(&repo, &profile, &case_id("case-1"), 5);
    register(&repo, &profile, &case_id("case-2"), 6);
    let (original, _) = run(repo.load_summaries()).expect("summaries");
    // Damage the derived store: one summary lost, one replaced by garbage.
    run(repo.storage().commit(
        casebook::storage::WriteBatch::new()
            .delete(StoreName::Summaries, "case-1")
            .put(StoreName::Summaries, "case-2", "not json"),
    ))
    .expect("damage");
    let (_, problems) = run(repo.load_summaries()).expect("summaries");
    assert_eq!(
        problems.len(),
        1,
        "the unreadable summary is reported, not hidden"
    );
    assert_eq!(run(repo.rebuild_summaries()).expect("rebuild"), 2);
    let (rebuilt, problems) = run(repo.load_summaries()).expect("summaries");
    assert!(problems.is_empty());
    assert_eq!(rebuilt, original);
}

#[test]
fn the_device_log_stays_a_valid_chain_across_saves() {
    let (repo, profile) = set_up();
    register(&repo, &profile, &case_id("case-1"), 5);
    register(&repo, &profile, &case_id("case-2"), 6);
    let rows = run(repo.storage().scan_prefix(StoreName::Events, "", None)).expect("scan");
    assert_eq!(rows.len(), 4, "two directory events and two registrations");
    // Every stored event verifies against its id, and together they form one unbroken chain.
    let events: Vec<_> = rows
        .iter()
        .map(|(_, text)| parse_event_json(text).expect("verified event"))
        .collect();
    assert_eq!(check_chains(&events), Vec::new());
}

#[test]
fn every_save_keeps_the_list_head_in_the_same_transaction_most_recent_first() {
    let (repo, profile) = set_up();
    assert!(run(repo.load_list_head_summaries())
        .expect("head")
        .is_empty());
    register(&repo, &profile, &case_id("case-1"), 5);
    register(&repo, &profile, &case_id("case-2"), 6);
    assert_eq!(
        repo.storage().committed_transactions(),
        3,
        "set-up and one transaction per save: the head adds none"
    );
    let head = run(repo.load_list_head_summaries()).expect("head");
    let order: Vec<&str> = head.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(order, ["case-2", "case-1"]);
    let (all, _) = run(repo.load_summaries()).expect("summaries");
    assert!(
        head.iter().all(|h| all.contains(h)),
        "the head holds stored summaries"
    );
}

#[test]
fn an_unreadable_list_head_is_empty_and_is_rebuilt_with_the_summaries() {
    let (repo, profile) = set_up();
    register(&repo, &profile, &case_id("case-1"), 5);
    run(repo
        .storage()
        .commit(casebook::storage::WriteBatch::new().put(
            StoreName::Meta,
            casebook::storage::records::META_LIST_HEAD,
            "[{\"broken\"",
        )))
    .expect("damage");
    assert!(run(repo.load_list_head_summaries())
        .expect("head")
        .is_empty());
    run(repo.rebuild_summaries()).expect("rebuild");
    let head = run(repo.load_list_head_summaries()).expect("head");
    assert_eq!(head.len(), 1);
    assert_eq!(head[0].id, case_id("case-1"));
}

#[test]
fn the_directory_parser_reads_directory_events_and_refuses_case_events() {
    use casebook::domain::wire::{
        parse_directory_event_json_unverified, parse_event_json_unverified,
    };
    let (repo, profile) = set_up();
    register(&repo, &profile, &case_id("case-1"), 5);
    let case_event = run(repo.load_case_events(&case_id("case-1"))).expect("events");
    let text = case_event[0].to_json();
    assert!(parse_event_json_unverified(&text).is_ok());
    assert!(
        parse_directory_event_json_unverified(&text).is_err(),
        "a case event is not a directory record"
    );
    let directory = run(repo.load_directory()).expect("directory");
    assert!(
        directory.mediators.contains_key(&med("m-1")),
        "directory events still parse"
    );
}

#[test]
fn a_second_tab_of_the_device_makes_the_kept_head_stale_and_the_save_is_decided_again() {
    let storage = MemoryStorage::new();
    let tab_a = Repo::new(&storage);
    let device = DeviceId::parse("tablet-a").expect("device");
    let slot = NumberingSlot::new(2).expect("slot");
    let profile = run(tab_a.set_up(device, slot, committee(), mediator(), t(0))).expect("set up");
    let (a1, b1, a2) = (case_id("case-a1"), case_id("case-b1"), case_id("case-a2"));
    // Tab A saves and keeps the chain head; tab B, over the same database, then appends.
    let command = register_command_on(&tab_a, &profile, &a1);
    run(tab_a.execute(&profile, &a1, command, t(5), None)).expect("a1");
    let tab_b = Repo::new(&storage);
    let command = register_command_on(&tab_b, &profile, &b1);
    run(tab_b.execute(&profile, &b1, command, t(6), None)).expect("b1");
    // Tab A's kept head is stale: the save conflicts, is decided again from storage, and lands.
    let before = storage.committed_transactions();
    let command = register_command_on(&tab_a, &profile, &a2);
    let saved = run(tab_a.execute_all_on(&profile, &a2, true, vec![command], t(7), None))
        .expect("a2 after the retry");
    assert_eq!(
        saved.events[0].seq(),
        5,
        "after set-up (1, 2), a1 (3) and b1 (4)"
    );
    assert_eq!(
        storage.committed_transactions(),
        before + 1,
        "one commit landed"
    );
    let rows = run(storage.scan_prefix(StoreName::Events, "", None)).expect("scan");
    let events: Vec<_> = rows
        .iter()
        .map(|(_, text)| parse_event_json(text).expect("verified event"))
        .collect();
    assert_eq!(events.len(), 5);
    assert_eq!(check_chains(&events), Vec::new(), "one unbroken chain");
    // The list head written last has all three cases.
    let head = run(tab_a.load_list_head()).expect("list head");
    assert_eq!(head.summaries().expect("decodable").len(), 3);
}

fn register_command_on(
    repo: &Repo<&MemoryStorage>,
    profile: &DeviceProfile,
    case: &CaseId,
) -> CaseCommand {
    let (known, _) = run(repo.load_summaries()).expect("summaries");
    let number =
        Repo::<&MemoryStorage>::next_case_number(profile, PREFIX, 2026, &known).expect("n");
    CaseCommand::Register {
        case: case.clone(),
        number,
        acceptance: applied(),
        intake: intake(two_parties()),
    }
}
