//! Entities and vocabularies: stable codes, the dispute taxonomy, the network tree, tier hints.

use std::collections::{BTreeMap, BTreeSet};

use casebook::domain::case::{
    AcceptanceBasis, CaseFlag, CaseSource, DifficultyTier, HandlingLevel, Intake, IntakeChannel,
    NotAcceptedReason, ObjectionCheck, ReferralReason, ReferralTarget, RiskFlag, RiskLevel,
    SourceBucket, TerminationReason,
};
use casebook::domain::codes::Code;
use casebook::domain::conflict::MatchKey;
use casebook::domain::dispute::{
    DeadlineRule, DisputeClass, DisputeClassError, DisputeSubType, DisputeType,
};
use casebook::domain::money::Fen;
use casebook::domain::org::{
    check_org_tree, MediatorRole, NetworkLevel, OrgKind, OrgUnit, Relation, TreeProblem,
};
use casebook::domain::party::{AgeGroup, Gender, IdDocKind, PartyKind, PartyRole};
use casebook::domain::screening::ScreeningKind;
use casebook::domain::{OrgUnitId, Rule, Status};

use super::support::{case_in, intake, two_parties, unit};

fn codes_are_unique_ascii_and_round_trip<T: Code + std::fmt::Debug>() {
    let mut seen = BTreeSet::new();
    for value in T::ALL {
        let code = value.code();
        assert!(seen.insert(code), "duplicate code {code}");
        assert!(
            code.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_' || b == b'.'),
            "{code}"
        );
        assert_eq!(T::from_code(code), Some(*value));
    }
    assert_eq!(T::from_code("no such code"), None);
}

#[test]
fn every_vocabulary_has_unique_stable_ascii_codes() {
    codes_are_unique_ascii_and_round_trip::<DisputeType>();
    codes_are_unique_ascii_and_round_trip::<DisputeSubType>();
    codes_are_unique_ascii_and_round_trip::<CaseSource>();
    codes_are_unique_ascii_and_round_trip::<IntakeChannel>();
    codes_are_unique_ascii_and_round_trip::<RiskFlag>();
    codes_are_unique_ascii_and_round_trip::<CaseFlag>();
    codes_are_unique_ascii_and_round_trip::<RiskLevel>();
    codes_are_unique_ascii_and_round_trip::<DifficultyTier>();
    codes_are_unique_ascii_and_round_trip::<HandlingLevel>();
    codes_are_unique_ascii_and_round_trip::<AcceptanceBasis>();
    codes_are_unique_ascii_and_round_trip::<ObjectionCheck>();
    codes_are_unique_ascii_and_round_trip::<NotAcceptedReason>();
    codes_are_unique_ascii_and_round_trip::<ReferralTarget>();
    codes_are_unique_ascii_and_round_trip::<ReferralReason>();
    codes_are_unique_ascii_and_round_trip::<TerminationReason>();
    codes_are_unique_ascii_and_round_trip::<PartyKind>();
    codes_are_unique_ascii_and_round_trip::<PartyRole>();
    codes_are_unique_ascii_and_round_trip::<Gender>();
    codes_are_unique_ascii_and_round_trip::<AgeGroup>();
    codes_are_unique_ascii_and_round_trip::<IdDocKind>();
    codes_are_unique_ascii_and_round_trip::<OrgKind>();
    codes_are_unique_ascii_and_round_trip::<MediatorRole>();
    codes_are_unique_ascii_and_round_trip::<Relation>();
    codes_are_unique_ascii_and_round_trip::<ScreeningKind>();
    codes_are_unique_ascii_and_round_trip::<MatchKey>();
    codes_are_unique_ascii_and_round_trip::<Status>();
    codes_are_unique_ascii_and_round_trip::<Rule>();
    for rule in DeadlineRule::ALL {
        assert_eq!(DeadlineRule::from_code(rule.code()), Some(rule));
    }
}

#[test]
fn the_fifteen_official_dispute_types_carry_their_statistics_codes() {
    let codes: Vec<&str> = DisputeType::ALL.iter().map(|t| t.code()).collect();
    assert_eq!(
        codes,
        [
            "HY", "LL", "FW", "HT", "SC", "SH", "SL", "ZD", "HJ", "LD", "XF", "YL", "JT", "WY",
            "QT"
        ]
    );
}

#[test]
fn every_sub_type_rolls_up_to_the_type_its_code_names() {
    for sub in DisputeSubType::ALL {
        assert!(
            sub.code().starts_with(&format!("{}.", sub.parent().code())),
            "{sub:?}"
        );
        assert!(DisputeClass::new(
            sub.parent(),
            Some(*sub),
            (sub.parent() == DisputeType::Other).then_some("x")
        )
        .is_ok());
    }
}

#[test]
fn only_the_other_type_takes_a_label_and_it_must_have_one() {
    assert_eq!(
        DisputeClass::of_type(DisputeType::Other),
        Err(DisputeClassError::OtherNeedsLabel)
    );
    assert_eq!(
        DisputeClass::new(DisputeType::Other, None, Some("  ")),
        Err(DisputeClassError::OtherNeedsLabel)
    );
    assert_eq!(
        DisputeClass::new(DisputeType::Labour, None, Some("x")),
        Err(DisputeClassError::LabelOnlyForOther)
    );
    assert_eq!(
        DisputeClass::new(DisputeType::Other, None, Some(&"长".repeat(41))),
        Err(DisputeClassError::LabelTooLong)
    );
    let class = DisputeClass::new(DisputeType::Other, None, Some(" 村务 ")).expect("class");
    assert_eq!(class.label(), Some("村务"));
}

#[test]
fn sources_fall_into_the_three_statistics_buckets() {
    assert_eq!(
        CaseSource::PartyApplication.bucket(),
        SourceBucket::Application
    );
    assert_eq!(CaseSource::OwnInitiative.bucket(), SourceBucket::Initiative);
    for referral in [
        CaseSource::Police,
        CaseSource::Court,
        CaseSource::PetitionOffice,
        CaseSource::Government,
    ] {
        assert_eq!(referral.bucket(), SourceBucket::Referral);
    }
}

#[test]
fn major_tier_is_suggested_by_land_crowds_stakes_and_escalation() {
    let base = intake(two_parties());
    assert!(!base.suggests_major_tier());
    let variants: [fn(&mut Intake); 6] = [
        |i| i.dispute = DisputeClass::of_type(DisputeType::ForestLand).expect("class"),
        |i| i.persons_involved = Some(10),
        |i| i.amount = Some(Fen::new(10_000_000).expect("fen")),
        |i| i.group = true,
        |i| i.flags = BTreeSet::from([CaseFlag::LitigationLinked]),
        |i| i.risk_flags = BTreeSet::from([RiskFlag::GroupPetition]),
    ];
    for change in variants {
        let mut form = base.clone();
        change(&mut form);
        assert!(form.suggests_major_tier(), "{form:?}");
    }
    let mut below = base.clone();
    below.amount = Some(Fen::new(9_999_999).expect("fen"));
    below.risk_flags = BTreeSet::from([RiskFlag::Escalation]);
    assert!(!below.suggests_major_tier());
    let (_, mut state) = case_in(Status::Registered);
    assert!(!state.suggests_major_tier());
    state.persons_involved = Some(12);
    assert!(state.suggests_major_tier());
}

fn org(id: &str, level: u8, parent: Option<&str>) -> (OrgUnitId, OrgUnit) {
    let unit_id = unit(id);
    let record = OrgUnit {
        id: unit_id.clone(),
        name: id.to_owned(),
        kind: OrgKind::VillageCommittee,
        level: NetworkLevel::new(level).expect("level"),
        parent: parent.map(unit),
        case_no_prefix: String::new(),
        justice_office: None,
        basic_court: None,
    };
    (unit_id, record)
}

#[test]
fn the_network_tree_is_checked_for_parents_levels_and_cycles() {
    let good: BTreeMap<_, _> = [
        org("county", 1, None),
        org("town", 2, Some("county")),
        org("special", 3, Some("county")),
    ]
    .into();
    assert_eq!(check_org_tree(&good), vec![]);
    let bad: BTreeMap<_, _> = [
        org("a", 2, Some("b")),
        org("b", 3, Some("a")),
        org("c", 4, Some("missing")),
    ]
    .into();
    assert_eq!(
        check_org_tree(&bad),
        vec![
            TreeProblem::LevelNotBelowParent { unit: unit("a") },
            TreeProblem::Cycle { unit: unit("a") },
            TreeProblem::Cycle { unit: unit("b") },
            TreeProblem::UnknownParent {
                unit: unit("c"),
                parent: unit("missing")
            },
        ]
    );
}

#[test]
fn network_levels_run_from_one_to_six() {
    assert_eq!(NetworkLevel::new(0), None);
    assert_eq!(NetworkLevel::new(7), None);
    assert_eq!(NetworkLevel::new(6).map(NetworkLevel::get), Some(6));
}

#[test]
fn age_groups_follow_the_civil_code_thresholds() {
    assert_eq!(AgeGroup::of_age(13), AgeGroup::Under14);
    assert_eq!(AgeGroup::of_age(14), AgeGroup::Minor);
    assert_eq!(AgeGroup::of_age(18), AgeGroup::Adult);
    assert!(AgeGroup::Minor.is_minor() && !AgeGroup::Adult.is_minor());
}

#[test]
fn open_frozen_and_registered_statuses_are_told_apart() {
    assert!(Status::NotAccepted.is_open() && !Status::Closed.is_open());
    assert!(Status::Archived.is_frozen() && !Status::Closed.is_frozen());
    assert!(!Status::Lead.is_registered() && Status::Triaged.is_registered());
}

#[test]
fn a_screening_finding_is_followed_up_until_a_lead_records_it() {
    use casebook::domain::command::CaseCommand;
    use casebook::domain::lead::FindingRef;
    use casebook::domain::screening::{
        unconverted_findings, Finding, ScreeningLog, ScreeningOutcome,
    };
    use casebook::domain::{Date, ScreeningId};

    let finding = |text: &str| Finding {
        description: text.to_owned(),
        dispute_type: None,
        persons_involved: None,
        risk_flags: BTreeSet::new(),
        ledger: false,
    };
    let log = ScreeningLog {
        id: ScreeningId::parse("s-1").expect("id"),
        org_unit: unit("u-1"),
        date: Date::from_ymd(2026, 3, 1).expect("date"),
        kind: ScreeningKind::Special,
        area: "一组".to_owned(),
        screeners: vec![],
        outcome: ScreeningOutcome::Findings(vec![finding("田埂"), finding("噪音")]),
        disputes_prevented: 0,
    };
    assert_eq!(unconverted_findings(&log, []), vec![0, 1]);
    let mut tablet = super::support::Tablet::new("tab-1", "m-1", super::support::t(0));
    let mut from_finding = super::support::lead();
    from_finding.finding = Some(FindingRef {
        screening: log.id.clone(),
        finding: 1,
    });
    let case = super::support::case_id("c-1");
    tablet
        .run(
            None,
            CaseCommand::RecordLead {
                case: case.clone(),
                lead: from_finding,
            },
        )
        .expect("recorded");
    let state = super::support::fold(&case, &tablet.log);
    assert_eq!(unconverted_findings(&log, [&state]), vec![0]);
    let zero = ScreeningLog {
        outcome: ScreeningOutcome::ZeroReport,
        ..log
    };
    assert!(zero.is_zero_report());
    assert_eq!(unconverted_findings(&zero, [&state]), Vec::<u32>::new());
}
