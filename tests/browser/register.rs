//! The case register over the real IndexedDB: drafts survive a closed connection (a killed tab),
//! a registration is one transaction that survives reopening, a refused one leaves nothing.

use casebook::domain::case::{
    Acceptance, AcceptanceBasis, CaseSource, Intake, IntakeChannel, ObjectionCheck,
};
use casebook::domain::case_number::NumberingSlot;
use casebook::domain::command::CaseCommand;
use casebook::domain::dispute::{DisputeClass, DisputeType};
use casebook::domain::org::{Mediator, MediatorRole, NetworkLevel, OrgKind, OrgUnit};
use casebook::domain::party::{AgeGroup, Party, PartyKind, PartyRole};
use casebook::domain::{CaseId, DeviceId, MediatorId, OrgUnitId, PartyId, Status, Timestamp};
use casebook::repo::{Repo, RepoError};
use casebook::storage::indexed_db::IndexedDbStorage;
use casebook::storage::StoragePort;
use wasm_bindgen_test::wasm_bindgen_test;

async fn fresh(name: &str) -> Repo<IndexedDbStorage> {
    IndexedDbStorage::delete_named(name).await.expect("delete");
    Repo::new(IndexedDbStorage::open_named(name).await.expect("open"))
}

fn unit() -> OrgUnit {
    OrgUnit {
        id: OrgUnitId::parse("u-1").expect("id"),
        name: "Committee".to_owned(),
        kind: OrgKind::VillageCommittee,
        level: NetworkLevel::new(3).expect("level"),
        parent: None,
        case_no_prefix: "DC".to_owned(),
        justice_office: None,
        basic_court: None,
    }
}

fn mediator() -> Mediator {
    Mediator {
        id: MediatorId::parse("m-1").expect("id"),
        name: "Mediator".to_owned(),
        gender: None,
        phone: None,
        id_number: None,
        org_unit: OrgUnitId::parse("u-1").expect("id"),
        role: MediatorRole::Member,
        full_time: false,
        active: true,
        relatives: Vec::new(),
    }
}

fn party(id: &str, role: PartyRole, name: &str) -> Party {
    Party {
        id: PartyId::parse(id).expect("id"),
        kind: PartyKind::NaturalPerson,
        role,
        name: name.to_owned(),
        gender: None,
        ethnicity: None,
        birth: None,
        occupation: None,
        address: None,
        phone: None,
        id_doc: None,
        age_group: AgeGroup::Adult,
        legal_rep: None,
        agent: None,
        org_rep: None,
    }
}

fn intake() -> Intake {
    Intake {
        org_unit: OrgUnitId::parse("u-1").expect("id"),
        source: CaseSource::PartyApplication,
        channel: IntakeChannel::Visit,
        first_contact: MediatorId::parse("m-1").expect("id"),
        dispute: DisputeClass::of_type(DisputeType::Neighbour).expect("class"),
        summary: "Noise from renovation at night".to_owned(),
        claims: Vec::new(),
        amount: None,
        persons_involved: Some(2),
        group: false,
        flags: Default::default(),
        risk_flags: Default::default(),
        parties: vec![
            party("p-1", PartyRole::Applicant, "Zhang"),
            party("p-2", PartyRole::Respondent, "Li"),
        ],
    }
}

#[wasm_bindgen_test]
async fn a_draft_survives_closing_the_database_like_a_killed_tab() {
    let name = "casebook-test-drafts";
    let repo = fresh(name).await;
    repo.save_draft("intake/new", "{\"summary\":\"half typed\"}")
        .await
        .expect("save");
    repo.save_draft("intake/new", "{\"summary\":\"half typed, more\"}")
        .await
        .expect("save again");
    repo.storage().close();
    let reopened = Repo::new(IndexedDbStorage::open_named(name).await.expect("reopen"));
    assert_eq!(
        reopened
            .load_draft("intake/new")
            .await
            .expect("load")
            .as_deref(),
        Some("{\"summary\":\"half typed, more\"}")
    );
    assert_eq!(reopened.list_drafts().await.expect("list").len(), 1);
    reopened.delete_draft("intake/new").await.expect("delete");
    assert_eq!(reopened.load_draft("intake/new").await.expect("load"), None);
    reopened.storage().close();
    IndexedDbStorage::delete_named(name).await.expect("cleanup");
}

#[wasm_bindgen_test]
async fn a_registration_is_one_transaction_that_survives_reopening() {
    let name = "casebook-test-register";
    let repo = fresh(name).await;
    let device = DeviceId::parse("tablet-1").expect("device");
    let profile = repo
        .set_up(
            device,
            NumberingSlot::new(1).expect("slot"),
            unit(),
            mediator(),
            Timestamp::from_millis(1_700_000_000_000),
        )
        .await
        .expect("set up");
    repo.save_draft("intake/new", "{}").await.expect("draft");
    let case = CaseId::parse("case-1").expect("case");
    let number =
        Repo::<IndexedDbStorage>::next_case_number(&profile, "DC", 2023, []).expect("number");
    let acceptance = Acceptance {
        basis: AcceptanceBasis::OralApplication,
        objection: ObjectionCheck::NotAsked,
    };
    let before = repo.storage().committed_transactions();
    let command = CaseCommand::Register {
        case: case.clone(),
        number,
        acceptance,
        intake: intake(),
    };
    repo.execute(
        &profile,
        &case,
        command,
        Timestamp::from_millis(1_700_000_060_000),
        Some("intake/new"),
    )
    .await
    .expect("register");
    assert_eq!(repo.storage().committed_transactions(), before + 1);
    // A refused step writes nothing.
    let refused = repo
        .execute(
            &profile,
            &case,
            CaseCommand::Archive,
            Timestamp::from_millis(1_700_000_120_000),
            None,
        )
        .await;
    assert!(matches!(refused, Err(RepoError::Command(_))), "{refused:?}");
    assert_eq!(repo.storage().committed_transactions(), before + 1);
    repo.storage().close();

    let reopened = Repo::new(IndexedDbStorage::open_named(name).await.expect("reopen"));
    let loaded = reopened
        .load_case(&case)
        .await
        .expect("load")
        .expect("exists");
    assert_eq!(loaded.state.status, Status::Registered);
    assert_eq!(loaded.events.len(), 1);
    assert_eq!(
        reopened.load_draft("intake/new").await.expect("draft"),
        None,
        "cleared with the save"
    );
    let (summaries, problems) = reopened.load_summaries().await.expect("summaries");
    assert!(problems.is_empty());
    assert_eq!(summaries.len(), 1);
    assert_eq!(
        reopened.load_profile().await.expect("profile"),
        Some(profile)
    );
    reopened.storage().close();
    IndexedDbStorage::delete_named(name).await.expect("cleanup");
}

#[wasm_bindgen_test]
async fn a_step_of_several_commands_is_one_transaction_and_a_refusal_stores_none_of_them() {
    use casebook::domain::case::TerminationReason;
    use casebook::domain::procedure::{ConsentDecision, Notice, NoticeKind};
    use casebook::domain::Date;
    let name = "casebook-test-steps";
    let repo = fresh(name).await;
    let profile = repo
        .set_up(
            DeviceId::parse("tablet-1").expect("device"),
            NumberingSlot::new(1).expect("slot"),
            unit(),
            mediator(),
            Timestamp::from_millis(1_700_000_000_000),
        )
        .await
        .expect("set up");
    let case = CaseId::parse("case-2").expect("case");
    let number =
        Repo::<IndexedDbStorage>::next_case_number(&profile, "DC", 2023, []).expect("number");
    let register = CaseCommand::Register {
        case: case.clone(),
        number,
        acceptance: Acceptance {
            basis: AcceptanceBasis::OralApplication,
            objection: ObjectionCheck::NotAsked,
        },
        intake: intake(),
    };
    let at = |minutes: i64| Timestamp::from_millis(1_700_000_000_000 + minutes * 60_000);
    repo.execute(&profile, &case, register, at(1), None)
        .await
        .expect("register");
    let both = vec![
        PartyId::parse("p-1").expect("id"),
        PartyId::parse("p-2").expect("id"),
    ];
    let on = Date::from_ymd(2023, 11, 14).expect("day");
    let notice = |kind| {
        CaseCommand::GiveNotice(Notice {
            kind,
            parties: both.clone(),
            on,
        })
    };
    let before = repo.storage().committed_transactions();
    // The other-routes notice and a termination the case's status does not allow: the notice
    // must not be stored on its own.
    let refused = repo
        .execute_all(
            &profile,
            &case,
            vec![
                notice(NoticeKind::OtherRoutes),
                CaseCommand::Terminate {
                    reason: TerminationReason::Failed,
                },
            ],
            at(2),
            None,
        )
        .await;
    assert!(matches!(refused, Err(RepoError::Command(_))), "{refused:?}");
    assert_eq!(repo.storage().committed_transactions(), before);
    let consent = |party: &PartyId| CaseCommand::RecordConsent {
        party: party.clone(),
        decision: ConsentDecision::Consents,
        on,
    };
    let saved = repo
        .execute_all(
            &profile,
            &case,
            vec![
                notice(NoticeKind::RightsAndDuties),
                consent(&both[0]),
                consent(&both[1]),
            ],
            at(3),
            None,
        )
        .await
        .expect("notice and consents");
    assert_eq!(saved.events.len(), 3);
    assert_eq!(repo.storage().committed_transactions(), before + 1);
    repo.storage().close();

    let reopened = Repo::new(IndexedDbStorage::open_named(name).await.expect("reopen"));
    let loaded = reopened
        .load_case(&case)
        .await
        .expect("load")
        .expect("exists");
    assert_eq!(loaded.events.len(), 4, "registration, notice, two consents");
    assert_eq!(loaded.state.procedure.notices.len(), 1);
    assert_eq!(loaded.state.procedure.consents.len(), 2);
    reopened.storage().close();
    IndexedDbStorage::delete_named(name).await.expect("cleanup");
}
