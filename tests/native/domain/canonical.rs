//! The canonical event form: key order, escaping, the documented golden event, strict parsing.

use std::collections::BTreeSet;

use casebook::domain::canonical::{canonical_json, sha256_hex};
use casebook::domain::case::{
    AgreementForm, CaseChange, DismissalReason, Escalation, IntakeChannel, JcRuling,
    NotAcceptedReason, ReopenReason, ReplacementReason, RiskFlag, RiskLevel, TerminationReason,
};
use casebook::domain::conflict::{AcknowledgedWarning, ConflictWarning, MatchKey, WarningSubject};
use casebook::domain::contact::{Phone, ResidentId};
use casebook::domain::dispute::{DisputeClass, DisputeSubType, DisputeType};
use casebook::domain::event::{MediatorEvent, OrgUnitEvent, ScreeningEvent};
use casebook::domain::lead::{FindingRef, Lead};
use casebook::domain::money::Fen;
use casebook::domain::org::{
    Mediator, MediatorRole, NetworkLevel, OrgKind, OrgUnit, Relation, Relative,
};
use casebook::domain::party::{
    AgeGroup, Agent, Birth, Gender, IdDocKind, IdDocument, OrgRepresentative, PartyKind, PartyRole,
    Representative,
};
use casebook::domain::screening::{Finding, ScreeningKind, ScreeningLog, ScreeningOutcome};
use casebook::domain::wire::{
    parse_event_json, parse_event_json_unverified, parse_unsealed_json, DecodeErrorKind,
    EventParseError,
};
use casebook::domain::{
    CaseEvent, Date, Event, EventBody, EventId, MediatorId, ScreeningId, Timestamp, UnsealedEvent,
};
use proptest::prelude::*;
use serde_json::json;

use super::support::{
    case_id, dev, med, party, pid, referral, registration, t, triage, unit, Tablet,
};

/// The event shown in docs/events.md, section "Worked example".
fn golden() -> UnsealedEvent {
    UnsealedEvent {
        author: med("m-zhang"),
        device: dev("tab-01"),
        seq: 1,
        prev: None,
        at: Timestamp::from_millis(1_772_413_200_000),
        body: EventBody::Case {
            case: case_id("c-0001"),
            payload: CaseEvent::LeadRecorded(Box::new(Lead {
                org_unit: unit("u-dongcheng"),
                channel: IntakeChannel::GridWorker,
                description: "两户因宅基地界址争吵，言语激烈。".to_owned(),
                dispute_type: Some(DisputeType::HousingHomestead),
                persons: vec!["王五".to_owned(), "赵六".to_owned()],
                persons_involved: Some(2),
                risk_flags: BTreeSet::from([RiskFlag::Escalation]),
                reported_by: Some("网格员\"老刘\"".to_owned()),
                finding: None,
            })),
        },
    }
}

const GOLDEN_CANONICAL: &str = r#"{"at":1772413200000,"author":"m-zhang","case":"c-0001","device":"tab-01","payload":{"lead":{"channel":"GRID","description":"两户因宅基地界址争吵，言语激烈。","dispute_type":"FW","org_unit":"u-dongcheng","persons":["王五","赵六"],"persons_involved":2,"reported_by":"网格员\"老刘\"","risk_flags":["ESCALATION"]},"type":"case.lead_recorded"},"seq":1,"v":1}"#;

const GOLDEN_ID: &str = "c3a9162f7e729f164a27523f55fe8b809ea61a3920ed8f243118b2dbad22924e";

#[test]
fn canonical_json_sorts_keys_and_drops_whitespace() {
    let value = json!({"b": 1, "a": {"d": [true, null, "x"], "c": -2}, "A": "z"});
    assert_eq!(
        canonical_json(&value),
        r#"{"A":"z","a":{"c":-2,"d":[true,null,"x"]},"b":1}"#
    );
}

#[test]
fn sha256_hex_matches_the_published_test_vector() {
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

proptest! {
    #[test]
    fn canonical_strings_are_escaped_exactly_as_serde_json_escapes_them(s in any::<String>()) {
        let ours = canonical_json(&serde_json::Value::String(s.clone()));
        let theirs = serde_json::to_string(&s).expect("serialise");
        prop_assert_eq!(ours, theirs);
    }
}

#[test]
fn the_golden_event_has_its_documented_canonical_form_and_id() {
    let fields = golden();
    assert_eq!(fields.canonical_json(), GOLDEN_CANONICAL);
    assert_eq!(fields.compute_id().as_str(), GOLDEN_ID);
    assert_eq!(sha256_hex(GOLDEN_CANONICAL.as_bytes()), GOLDEN_ID);
}

#[test]
fn docs_events_md_shows_the_golden_event_and_its_id() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/events.md");
    let doc = std::fs::read_to_string(path).expect("read docs/events.md");
    assert!(
        doc.contains(GOLDEN_CANONICAL),
        "docs/events.md lacks the golden canonical form"
    );
    assert!(
        doc.contains(GOLDEN_ID),
        "docs/events.md lacks the golden id"
    );
    let stored = Event::seal(golden()).to_json();
    assert!(
        doc.contains(&stored),
        "docs/events.md lacks the stored form"
    );
}

#[test]
fn the_stored_form_is_the_canonical_form_with_the_id_added() {
    let event = Event::seal(golden());
    let stored: serde_json::Value = serde_json::from_str(&event.to_json()).expect("json");
    assert_eq!(stored["id"], GOLDEN_ID);
    let mut without_id = stored.clone();
    without_id.as_object_mut().expect("object").remove("id");
    assert_eq!(canonical_json(&without_id), GOLDEN_CANONICAL);
    assert_eq!(parse_event_json(&event.to_json()), Ok(event));
}

#[test]
fn sealing_is_deterministic_and_every_field_feeds_the_id() {
    let base = Event::seal(golden());
    assert_eq!(Event::seal(golden()).id(), base.id());
    let mut later = golden();
    later.at = later.at.plus_millis(1);
    let mut other_seq = golden();
    other_seq.seq = 2;
    other_seq.prev = Some(base.id().clone());
    let mut other_author = golden();
    other_author.author = med("m-li");
    for changed in [later, other_seq, other_author] {
        assert_ne!(Event::seal(changed).id(), base.id());
    }
}

fn sample_payloads() -> Vec<CaseEvent> {
    let mut rich = party("p-9", PartyRole::Applicant, "Ahmed · 阿依古丽");
    rich.kind = PartyKind::NaturalPerson;
    rich.gender = Some(Gender::Female);
    rich.ethnicity = Some("维吾尔族".to_owned());
    rich.birth = Some(Birth::Date(Date::from_ymd(2012, 5, 1).expect("date")));
    rich.occupation = Some("学生".to_owned());
    rich.address = Some("东城区某街 1 号\n2 单元".to_owned());
    rich.phone = Some(Phone::parse("010-62345678-123").expect("phone"));
    rich.id_doc = Some(IdDocument {
        kind: IdDocKind::Passport,
        number: "E12345678".to_owned(),
    });
    rich.age_group = AgeGroup::Under14;
    rich.legal_rep = Some(Representative {
        name: "阿依古丽妈妈".to_owned(),
        relation: Some("母亲".to_owned()),
        phone: Some(Phone::parse("13912345678").expect("phone")),
        id_doc: None,
    });
    rich.agent = Some(Agent {
        name: "律师".to_owned(),
        phone: None,
        id_doc: None,
        power_of_attorney: true,
    });
    let mut company = party("p-8", PartyRole::Respondent, "某物业公司");
    company.kind = PartyKind::LegalPerson;
    company.org_rep = Some(OrgRepresentative {
        name: "经理".to_owned(),
        title: None,
    });
    let warning = ConflictWarning {
        party: pid("p-1"),
        subject: WarningSubject::MediatorRelative {
            mediator: med("m-2"),
            relative: 0,
            relation: Relation::Spouse,
        },
        matched: BTreeSet::from([MatchKey::Name, MatchKey::Phone]),
    };
    let mut found_lead = super::support::lead();
    found_lead.finding = Some(FindingRef {
        screening: ScreeningId::parse("s-1").expect("id"),
        finding: 3,
    });
    vec![
        CaseEvent::LeadRecorded(Box::new(found_lead)),
        CaseEvent::LeadDismissed {
            reason: DismissalReason::DefusedOnSpot,
        },
        CaseEvent::LeadConverted(registration()),
        CaseEvent::Registered(registration()),
        CaseEvent::NotAccepted {
            reason: NotAcceptedReason::ProhibitedByLaw,
        },
        CaseEvent::Triaged(Box::new(triage())),
        CaseEvent::ReferredOut(Box::new(referral())),
        CaseEvent::MediatorAssigned {
            presiding: med("m-2"),
            co_mediators: vec![med("m-3")],
            chosen_by_parties: true,
        },
        CaseEvent::MediatorReplaced {
            presiding: med("m-3"),
            co_mediators: vec![],
            reason: ReplacementReason::PartyObjection,
        },
        CaseEvent::MediationStarted,
        CaseEvent::AgreementReached {
            form: AgreementForm::Oral,
            agreement: super::support::aid("a-1"),
            effective_on: super::support::day(2026, 3, 2),
        },
        CaseEvent::Terminated {
            reason: TerminationReason::PartyWithdraws,
        },
        CaseEvent::JcApplied(Box::new(super::support::jc_application(
            super::support::day(2026, 3, 3),
        ))),
        CaseEvent::JcRuled {
            ruling: JcRuling::Rejected,
            on: super::support::day(2026, 3, 9),
        },
        CaseEvent::Remediation {
            consenting: vec![pid("p-1"), pid("p-2")],
        },
        CaseEvent::PerformanceScheduled,
        CaseEvent::Performed,
        CaseEvent::NonPerformance,
        CaseEvent::PerformanceUrged,
        CaseEvent::Closed,
        CaseEvent::Archived,
        CaseEvent::Reopened {
            reason: ReopenReason::RevisionRequested,
            consenting: vec![pid("p-1"), pid("p-2")],
        },
        CaseEvent::Edited {
            changes: vec![
                CaseChange::Summary("改".to_owned()),
                CaseChange::Amount(Some(Fen::new(1_234_500).expect("fen"))),
                CaseChange::Amount(None),
                CaseChange::PersonsInvolved(None),
                CaseChange::Dispute(
                    DisputeClass::new(
                        DisputeType::Other,
                        Some(DisputeSubType::VillageAffairs),
                        Some("村务公开"),
                    )
                    .expect("class"),
                ),
                CaseChange::CoMediators(vec![med("m-4")]),
                CaseChange::RiskLevel(RiskLevel::Orange),
            ],
        },
        CaseEvent::PartySaved(Box::new(rich)),
        CaseEvent::PartySaved(Box::new(company)),
        CaseEvent::PartyRemoved { party: pid("p-2") },
        CaseEvent::EscalationFlagged(Box::new(Escalation {
            risk_flags: BTreeSet::from([RiskFlag::GroupFight, RiskFlag::CivilToCriminal]),
            risk_level: RiskLevel::Red,
            measures: "已通知派出所".to_owned(),
            reported: true,
        })),
        CaseEvent::WarningAcknowledged(Box::new(AcknowledgedWarning {
            warning,
            note: Some("同名".to_owned()),
        })),
        CaseEvent::Reverted {
            event: EventId::parse(&"a".repeat(64)).expect("id"),
        },
    ]
}

fn directory_bodies() -> Vec<EventBody> {
    let org = OrgUnit {
        id: unit("u-9"),
        name: "某村人民调解委员会".to_owned(),
        kind: OrgKind::VillageCommittee,
        level: NetworkLevel::new(3).expect("level"),
        parent: Some(unit("u-1")),
        case_no_prefix: "某村".to_owned(),
        justice_office: Some("某司法所".to_owned()),
        basic_court: None,
    };
    let mediator = Mediator {
        id: med("m-9"),
        name: "周调解".to_owned(),
        gender: Some(Gender::Male),
        phone: Some(Phone::parse("13800000000").expect("phone")),
        id_number: Some(ResidentId::parse("11010519491231002X").expect("id")),
        org_unit: unit("u-9"),
        role: MediatorRole::Director,
        full_time: true,
        active: true,
        relatives: vec![Relative {
            name: "周妻".to_owned(),
            relation: Relation::Spouse,
            id_number: None,
            phone: Some(Phone::parse("0755-7654321").expect("phone")),
        }],
    };
    let screening = |id: &str, outcome| ScreeningLog {
        id: ScreeningId::parse(id).expect("id"),
        org_unit: unit("u-9"),
        date: Date::from_ymd(2026, 3, 1).expect("date"),
        kind: ScreeningKind::Regular,
        area: "第三网格".to_owned(),
        screeners: vec![med("m-9")],
        outcome,
        disputes_prevented: 1,
    };
    let finding = Finding {
        description: "田埂纠纷".to_owned(),
        dispute_type: Some(DisputeType::ForestLand),
        persons_involved: Some(4),
        risk_flags: BTreeSet::new(),
        ledger: true,
    };
    vec![
        EventBody::OrgUnit {
            unit: unit("u-9"),
            payload: OrgUnitEvent::Saved(Box::new(org)),
        },
        EventBody::Mediator {
            mediator: med("m-9"),
            payload: MediatorEvent::Saved(Box::new(mediator)),
        },
        EventBody::Screening {
            screening: ScreeningId::parse("s-1").expect("id"),
            payload: ScreeningEvent::Filed(Box::new(screening(
                "s-1",
                ScreeningOutcome::ZeroReport,
            ))),
        },
        EventBody::Screening {
            screening: ScreeningId::parse("s-2").expect("id"),
            payload: ScreeningEvent::Filed(Box::new(screening(
                "s-2",
                ScreeningOutcome::Findings(vec![finding]),
            ))),
        },
    ]
}

#[test]
fn every_payload_kind_round_trips_through_its_stored_form() {
    let mut tablet = Tablet::new("tab-1", "m-1", t(0));
    let case = case_id("c-1");
    let mut bodies: Vec<EventBody> = sample_payloads()
        .into_iter()
        .map(|payload| EventBody::Case {
            case: case.clone(),
            payload,
        })
        .collect();
    bodies.extend(directory_bodies());
    for body in bodies {
        let event = tablet.append(body);
        let text = event.to_json();
        let back = parse_event_json(&text).unwrap_or_else(|e| panic!("{e:?} in {text}"));
        assert_eq!(back, event);
        assert_eq!(back.to_json(), text);
    }
}

fn stored_golden() -> serde_json::Value {
    serde_json::from_str(&Event::seal(golden()).to_json()).expect("json")
}

fn reject(value: &serde_json::Value) -> EventParseError {
    parse_event_json(&value.to_string()).expect_err("should be rejected")
}

#[test]
fn an_altered_event_is_rejected_with_an_id_mismatch() {
    let mut value = stored_golden();
    value["seq"] = json!(2);
    match reject(&value) {
        EventParseError::IdMismatch { claimed, computed } => {
            assert_eq!(claimed.as_str(), GOLDEN_ID);
            assert_ne!(computed.as_str(), GOLDEN_ID);
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn an_unknown_version_is_rejected_before_any_other_check() {
    let mut value = stored_golden();
    value["v"] = json!(2);
    value["something_new"] = json!("x");
    assert_eq!(reject(&value), EventParseError::UnsupportedVersion(2));
    value.as_object_mut().expect("object").remove("v");
    assert_eq!(reject(&value), EventParseError::MissingVersion);
}

#[test]
fn malformed_input_is_rejected_with_a_typed_error() {
    assert_eq!(parse_event_json("{not json"), Err(EventParseError::NotJson));
    assert_eq!(parse_event_json("[1]"), Err(EventParseError::NotAnObject));
    let mut value = stored_golden();
    value.as_object_mut().expect("object").remove("id");
    assert_eq!(reject(&value), EventParseError::MissingId);
}

fn decode_kind(value: &serde_json::Value) -> (String, DecodeErrorKind) {
    match reject(value) {
        EventParseError::Decode(e) => (e.path, e.kind),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn unknown_fields_are_rejected_with_their_path() {
    let mut value = stored_golden();
    value["payload"]["lead"]["mood"] = json!("tense");
    assert_eq!(
        decode_kind(&value),
        (
            "payload.lead.mood".to_owned(),
            DecodeErrorKind::UnknownField
        )
    );
}

#[test]
fn null_is_never_accepted_for_an_optional_field() {
    let mut value = stored_golden();
    value["payload"]["lead"]["reported_by"] = serde_json::Value::Null;
    assert_eq!(
        decode_kind(&value),
        (
            "payload.lead.reported_by".to_owned(),
            DecodeErrorKind::WrongType
        )
    );
}

#[test]
fn codes_outside_the_vocabulary_are_rejected() {
    let mut value = stored_golden();
    value["payload"]["lead"]["dispute_type"] = json!("XX");
    assert_eq!(
        decode_kind(&value),
        (
            "payload.lead.dispute_type".to_owned(),
            DecodeErrorKind::UnknownCode
        )
    );
}

#[test]
fn floats_are_rejected_where_integers_are_expected() {
    let mut value = stored_golden();
    value["at"] = json!(1.5);
    assert_eq!(
        decode_kind(&value),
        ("at".to_owned(), DecodeErrorKind::WrongType)
    );
}

#[test]
fn an_event_must_name_exactly_one_subject() {
    let mut value = stored_golden();
    value["org_unit"] = json!("u-1");
    assert_eq!(decode_kind(&value).1, DecodeErrorKind::Subject);
    value.as_object_mut().expect("object").remove("org_unit");
    value.as_object_mut().expect("object").remove("case");
    assert_eq!(decode_kind(&value).1, DecodeErrorKind::Subject);
}

#[test]
fn a_payload_of_another_subject_kind_is_rejected() {
    let mut value = stored_golden();
    let case = value
        .as_object_mut()
        .expect("object")
        .remove("case")
        .expect("case");
    value["mediator"] = case;
    assert_eq!(
        decode_kind(&value),
        ("payload.type".to_owned(), DecodeErrorKind::SubjectMismatch)
    );
}

#[test]
fn an_unknown_payload_type_is_rejected() {
    let mut value = stored_golden();
    value["payload"]["type"] = json!("case.teleported");
    assert_eq!(
        decode_kind(&value),
        (
            "payload.type".to_owned(),
            DecodeErrorKind::UnknownPayloadType
        )
    );
}

#[test]
fn a_directory_record_must_carry_its_subject_id() {
    let mut tablet = Tablet::new("tab-1", "m-1", t(0));
    let body = directory_bodies().into_iter().next().expect("org body");
    let mut value: serde_json::Value =
        serde_json::from_str(&tablet.append(body).to_json()).expect("json");
    value["org_unit"] = json!("u-other");
    assert_eq!(
        decode_kind(&value),
        ("payload".to_owned(), DecodeErrorKind::SubjectMismatch)
    );
}

#[test]
fn unverified_parsing_trusts_the_stored_id_and_verification_catches_it() {
    let mut value = stored_golden();
    value["seq"] = json!(7);
    let event = parse_event_json_unverified(&value.to_string()).expect("parses");
    assert_eq!(event.seq(), 7);
    assert!(!event.verify_id());
    assert!(Event::seal(golden()).verify_id());
}

#[test]
fn unsealed_fields_parse_back_from_their_canonical_form() {
    assert_eq!(parse_unsealed_json(GOLDEN_CANONICAL), Ok(golden()));
    let with_id = Event::seal(golden()).to_json();
    assert!(matches!(
        parse_unsealed_json(&with_id),
        Err(EventParseError::Decode(_))
    ));
}

#[test]
fn an_event_knows_its_case_and_order_key() {
    let event = Event::seal(golden());
    assert_eq!(event.case(), Some(&case_id("c-0001")));
    assert_eq!(
        event.order_key().0,
        Timestamp::from_millis(1_772_413_200_000)
    );
    assert_eq!(event.author(), &MediatorId::parse("m-zhang").expect("id"));
}
