//! Conflict-of-interest and prior-dispute warnings: what matches, what does not, and acknowledgement.

use std::collections::BTreeSet;

use casebook::domain::command::CaseCommand;
use casebook::domain::conflict::{
    check_mediators, check_prior_disputes, normalize_name, normalizes_to, unacknowledged_warnings,
    AcknowledgedWarning, MatchKey, WarningSubject,
};
use casebook::domain::contact::{Phone, ResidentId};
use casebook::domain::org::{Mediator, MediatorRole, Relation, Relative};
use casebook::domain::party::{IdDocKind, IdDocument, Party, PartyRole};
use casebook::domain::{CaseState, Status};

use proptest::prelude::*;

use super::support::{case_id, case_in, fold, med, party, pid, unit};

fn with_id_number(mut p: Party, number: &str) -> Party {
    p.id_doc = Some(IdDocument {
        kind: IdDocKind::ResidentId,
        number: number.to_owned(),
    });
    p
}

fn with_phone(mut p: Party, phone: &str) -> Party {
    p.phone = Some(Phone::parse(phone).expect("phone"));
    p
}

fn other_case(parties: Vec<Party>) -> CaseState {
    let (_, mut state) = case_in(Status::Registered);
    state.id = case_id("c-old");
    state.parties = parties;
    state
}

fn mediator(relatives: Vec<Relative>) -> Mediator {
    Mediator {
        id: med("m-2"),
        name: "周调解".to_owned(),
        gender: None,
        phone: Some(Phone::parse("13700000000").expect("phone")),
        id_number: None,
        org_unit: unit("u-1"),
        role: MediatorRole::Member,
        full_time: false,
        active: true,
        relatives,
    }
}

#[test]
fn a_party_with_an_id_number_seen_in_another_case_is_a_strong_warning() {
    let id = "11010519491231002X";
    let new = [with_id_number(
        party("p-1", PartyRole::Applicant, "张三"),
        id,
    )];
    let old = other_case(vec![with_id_number(
        party("q-1", PartyRole::Respondent, "张叁"),
        id,
    )]);
    let warnings = check_prior_disputes(&case_id("c-new"), &new, [&old]);
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0].subject,
        WarningSubject::PriorCase {
            case: case_id("c-old"),
            party: pid("q-1")
        }
    );
    assert_eq!(warnings[0].matched, BTreeSet::from([MatchKey::IdNumber]));
    assert!(warnings[0].is_strong());
}

#[test]
fn a_namesake_is_a_weak_warning_and_a_stranger_none() {
    let new = [
        party("p-1", PartyRole::Applicant, "张 三"),
        party("p-2", PartyRole::Respondent, "陌生人"),
    ];
    let old = other_case(vec![party("q-1", PartyRole::Applicant, "张三")]);
    let warnings = check_prior_disputes(&case_id("c-new"), &new, [&old]);
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].party, pid("p-1"));
    assert!(!warnings[0].is_strong());
}

#[test]
fn phones_match_by_their_digits_whatever_the_typing() {
    let new = [with_phone(
        party("p-1", PartyRole::Applicant, "甲"),
        "+86 138-0013-8000",
    )];
    let old = other_case(vec![with_phone(
        party("q-1", PartyRole::Applicant, "乙"),
        "13800138000",
    )]);
    let warnings = check_prior_disputes(&case_id("c-new"), &new, [&old]);
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].matched, BTreeSet::from([MatchKey::Phone]));
}

#[test]
fn the_case_itself_is_not_its_own_prior_dispute() {
    let (_, state) = case_in(Status::Registered);
    assert!(check_prior_disputes(&state.id, &state.parties, [&state]).is_empty());
}

#[test]
fn a_mediator_s_relative_among_the_parties_is_flagged() {
    let spouse = Relative {
        name: "周妻".to_owned(),
        relation: Relation::Spouse,
        id_number: Some(ResidentId::parse("440304199001011233").expect("id")),
        phone: None,
    };
    let parties = [with_id_number(
        party("p-1", PartyRole::Respondent, "周妻"),
        "440304199001011233",
    )];
    let warnings = check_mediators(&parties, [&mediator(vec![spouse])]);
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0].subject,
        WarningSubject::MediatorRelative {
            mediator: med("m-2"),
            relative: 0,
            relation: Relation::Spouse
        }
    );
    assert_eq!(
        warnings[0].matched,
        BTreeSet::from([MatchKey::Name, MatchKey::IdNumber])
    );
}

#[test]
fn the_mediator_as_a_party_is_flagged() {
    let parties = [with_phone(
        party("p-1", PartyRole::Applicant, "某甲"),
        "137 0000 0000",
    )];
    let warnings = check_mediators(&parties, [&mediator(vec![])]);
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0].subject,
        WarningSubject::Mediator {
            mediator: med("m-2")
        }
    );
}

#[test]
fn names_compare_without_spaces_dots_or_case() {
    assert_eq!(
        normalize_name(" 阿依古丽·买买提 "),
        normalize_name("阿依古丽 买买提")
    );
    assert_eq!(normalize_name("John SMITH"), normalize_name("john smith"));
    assert_ne!(normalize_name("张三"), normalize_name("张三丰"));
}

#[test]
fn an_acknowledged_warning_is_not_raised_again() {
    let (mut tablet, state) = case_in(Status::Assigned);
    let namesake = other_case(vec![party("q-1", PartyRole::Applicant, "张三")]);
    let presiding = Mediator {
        id: med("m-2"),
        ..mediator(vec![])
    };
    let unrelated = Mediator {
        id: med("m-8"),
        name: "张三".to_owned(),
        phone: None,
        ..mediator(vec![])
    };
    let warnings = unacknowledged_warnings(&state, [&namesake], [&presiding, &unrelated]);
    assert_eq!(
        warnings.len(),
        1,
        "only the case's own mediators are checked: {warnings:?}"
    );
    let ack = AcknowledgedWarning {
        warning: warnings[0].clone(),
        note: Some("同名不同人".to_owned()),
    };
    tablet
        .run(Some(&state), CaseCommand::AcknowledgeWarning(ack.clone()))
        .expect("acknowledged");
    let after = fold(&state.id, &tablet.log);
    assert_eq!(after.acknowledged_warnings, vec![ack.clone()]);
    assert!(unacknowledged_warnings(&after, [&namesake], [&presiding]).is_empty());
    assert!(tablet
        .run(Some(&after), CaseCommand::AcknowledgeWarning(ack))
        .is_err());
}

#[test]
fn intake_candidates_are_the_cases_sharing_a_name_or_phone() {
    use casebook::domain::conflict::prior_candidates;
    use casebook::domain::contact::Phone;
    use casebook::domain::summary::CaseSummary;
    let (_, state) = super::support::case_in(casebook::domain::Status::Registered);
    let mut by_name = CaseSummary::of(&state);
    by_name.id = super::support::case_id("by-name");
    by_name.party_names = vec!["王 五".to_owned()];
    by_name.phones = Vec::new();
    let mut by_phone = by_name.clone();
    by_phone.id = super::support::case_id("by-phone");
    by_phone.party_names = vec!["Someone Else".to_owned()];
    by_phone.phones = vec![Phone::parse("13800138000").expect("phone")];
    let mut unrelated = by_phone.clone();
    unrelated.id = super::support::case_id("unrelated");
    unrelated.phones = vec![Phone::parse("13900139000").expect("phone")];
    let mut newcomer = super::support::party("p-9", PartyRole::Applicant, "王五");
    newcomer.phone = Some(Phone::parse("138 0013 8000").expect("phone"));
    let blank = super::support::party("p-8", PartyRole::Respondent, " · ");
    let all = [by_name, by_phone, unrelated];
    let found = prior_candidates(&[newcomer, blank.clone()], &all);
    let ids: Vec<&str> = found.iter().map(|c| c.as_str()).collect();
    assert_eq!(ids, ["by-name", "by-phone"]);
    // A party with neither a name nor a phone yet matches no case.
    assert!(prior_candidates(&[blank], &all).is_empty());
}

/// Names built from the characters that matter to matching: Han, Latin of both cases, letters
/// whose lowercase is longer (`İ`) or differs outside ASCII (`Ä`, `Σ`), digits and separators.
fn name_strategy() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop::sample::select(vec![
            '王', '五', '阿', '依', '古', '丽', 'a', 'A', 'z', 'Z', 'İ', 'i', 'Ä', 'ä', 'Σ', 'σ',
            '1', ' ', '\u{3000}', '·', '•', '・', '.', '-',
        ]),
        0..8,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    /// The intake's allocation-free comparison agrees with comparing normalized names.
    #[test]
    fn normalizes_to_agrees_with_normalize_name(a in name_strategy(), b in name_strategy()) {
        let target = normalize_name(&b);
        prop_assert_eq!(normalizes_to(&a, &target), normalize_name(&a) == target);
        prop_assert!(normalizes_to(&b, &target));
    }
}

/// `dials` agrees with comparing dial digits, for mobiles and landlines alike.
#[test]
fn dials_agrees_with_dial_digits() {
    for typed in [
        "13800138000",
        "13900139000",
        "010-62345678",
        "0755-2345678",
        "021-62345678-12",
    ] {
        let phone = Phone::parse(typed).expect("phone");
        for digits in [
            "13800138000",
            "01062345678",
            "07552345678",
            "0216234567",
            "02162345678",
            "010",
            "",
        ] {
            assert_eq!(
                phone.dials(digits),
                phone.dial_digits() == digits,
                "{typed} against {digits}"
            );
        }
    }
}
