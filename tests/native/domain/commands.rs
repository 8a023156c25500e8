//! Commands and the lifecycle: every transition of the table and its guard, including those that
//! wait for procedural records, plus edits, parties, reverts and time ordering.

use std::collections::BTreeSet;

use casebook::domain::case::JcRuling as Ruling;
use casebook::domain::case::{
    Acceptance, AcceptanceBasis, CaseChange, CaseSource, DismissalReason, Escalation,
    ObjectionCheck, ReopenReason, ReplacementReason, RiskFlag, RiskLevel,
};
use casebook::domain::command::{
    decide, decide_directory, CaseCommand, CommandError, DirectoryCommand,
};
use casebook::domain::dispute::{default_deadline, DeadlineRule, DisputeClass, DisputeType};
use casebook::domain::party::PartyRole;
use casebook::domain::screening::{ScreeningKind, ScreeningLog, ScreeningOutcome};
use casebook::domain::validate::{FieldError, FieldErrorCode};
use casebook::domain::{CaseEvent, CaseState, Date, ScreeningId, Status, Transition};

use super::support::{
    applied, case_id, case_in, fold, intake, lead, med, number, party, pid, referral, t, triage,
    two_parties, Tablet,
};

fn register_command(case: &str) -> CaseCommand {
    CaseCommand::Register {
        case: case_id(case),
        number: number(1001),
        acceptance: applied(),
        intake: intake(two_parties()),
    }
}

/// Runs `command` against `state` on `tablet` and folds the result.
fn after(tablet: &mut Tablet, state: Option<&CaseState>, command: CaseCommand) -> CaseState {
    let case = state.map_or_else(|| case_id("c-1"), |s| s.id.clone());
    tablet
        .run(state, command)
        .unwrap_or_else(|e| panic!("refused: {e:?}"));
    fold(&case, &tablet.log)
}

fn refused(state: &CaseState, command: CaseCommand) -> CommandError {
    let tablet = Tablet::new("tab-x", "m-9", state.updated_at);
    decide(Some(state), command, &tablet.ctx()).expect_err("should be refused")
}

// --- #1–#3: leads and registration ---------------------------------------------------------

#[test]
fn recording_a_lead_creates_a_case_in_lead_status_owned_by_its_recorder() {
    let mut tablet = Tablet::new("tab-1", "m-7", t(0));
    let state = after(
        &mut tablet,
        None,
        CaseCommand::RecordLead {
            case: case_id("c-1"),
            lead: lead(),
        },
    );
    assert_eq!(state.status, Status::Lead);
    assert_eq!(state.first_contact, med("m-7"));
    assert_eq!(state.summary, lead().description);
    assert_eq!(state.number, None);
}

#[test]
fn a_case_id_cannot_be_created_twice() {
    let (tablet, state) = case_in(Status::Lead);
    let again = CaseCommand::RecordLead {
        case: case_id("c-1"),
        lead: lead(),
    };
    assert_eq!(
        decide(Some(&state), again, &tablet.ctx()),
        Err(CommandError::CaseAlreadyExists)
    );
    assert_eq!(
        decide(Some(&state), register_command("c-1"), &tablet.ctx()),
        Err(CommandError::CaseAlreadyExists)
    );
}

#[test]
fn commands_on_an_unknown_case_are_refused() {
    let tablet = Tablet::new("tab-1", "m-1", t(0));
    assert_eq!(
        decide(None, CaseCommand::Close, &tablet.ctx()),
        Err(CommandError::CaseNotFound)
    );
}

#[test]
fn a_lead_needs_a_description() {
    let tablet = Tablet::new("tab-1", "m-1", t(0));
    let mut empty = lead();
    empty.description = "  ".to_owned();
    let result = decide(
        None,
        CaseCommand::RecordLead {
            case: case_id("c-1"),
            lead: empty,
        },
        &tablet.ctx(),
    );
    assert_eq!(
        result,
        Err(CommandError::Invalid(vec![FieldError::new(
            "description",
            FieldErrorCode::Required
        )]))
    );
}

fn convert(acceptance: Acceptance, source: CaseSource) -> CaseCommand {
    let mut form = intake(two_parties());
    form.source = source;
    CaseCommand::ConvertLead {
        number: number(1001),
        acceptance,
        intake: form,
    }
}

#[test]
fn converting_a_lead_requires_an_application_or_no_objection() {
    let (_, state) = case_in(Status::Lead);
    let initiative = |objection| Acceptance {
        basis: AcceptanceBasis::OwnInitiative,
        objection,
    };
    assert_eq!(
        refused(
            &state,
            convert(
                initiative(ObjectionCheck::NotAsked),
                CaseSource::OwnInitiative
            )
        ),
        CommandError::RequiresApplicationOrNoObjection
    );
    let (mut tablet, state) = case_in(Status::Lead);
    let done = after(
        &mut tablet,
        Some(&state),
        convert(
            initiative(ObjectionCheck::NoneRaised),
            CaseSource::OwnInitiative,
        ),
    );
    assert_eq!(done.status, Status::Registered);
    let (mut tablet, state) = case_in(Status::Lead);
    let done = after(
        &mut tablet,
        Some(&state),
        convert(applied(), CaseSource::PartyApplication),
    );
    assert_eq!(done.status, Status::Registered);
}

#[test]
fn converting_a_lead_keeps_the_lead_and_takes_the_registration_form() {
    let (mut tablet, state) = case_in(Status::Lead);
    let done = after(
        &mut tablet,
        Some(&state),
        convert(applied(), CaseSource::PartyApplication),
    );
    assert_eq!(done.id, state.id);
    assert_eq!(done.lead, Some(lead()));
    assert_eq!(done.number, Some(number(1001)));
    assert_eq!(done.summary, intake(vec![]).summary);
    assert_eq!(done.parties.len(), 2);
    assert_eq!(
        done.registered_at,
        tablet.log.last().map(casebook::domain::Event::at)
    );
}

#[test]
fn a_party_expressly_refusing_mediation_bars_acceptance() {
    let (_, state) = case_in(Status::Lead);
    let objected = Acceptance {
        basis: AcceptanceBasis::OralApplication,
        objection: ObjectionCheck::Raised,
    };
    assert_eq!(
        refused(&state, convert(objected, CaseSource::PartyApplication)),
        CommandError::PartyRefusesMediation
    );
}

#[test]
fn the_source_must_agree_with_the_footing_of_acceptance() {
    let (_, state) = case_in(Status::Lead);
    let error = refused(&state, convert(applied(), CaseSource::OwnInitiative));
    assert_eq!(
        error,
        CommandError::Invalid(vec![FieldError::new(
            "source",
            FieldErrorCode::SourceContradictsBasis
        )])
    );
}

#[test]
fn registering_directly_creates_a_registered_case() {
    let mut tablet = Tablet::new("tab-1", "m-1", t(0));
    let state = after(&mut tablet, None, register_command("c-1"));
    assert_eq!(state.status, Status::Registered);
    assert_eq!(state.lead, None);
    assert_eq!(state.first_contact, med("m-1"));
    assert_eq!(state.history.len(), 1);
    assert_eq!(state.history[0].from, None);
}

#[test]
fn registration_on_application_needs_an_applicant_among_the_parties() {
    let tablet = Tablet::new("tab-1", "m-1", t(0));
    let command = CaseCommand::Register {
        case: case_id("c-1"),
        number: number(1001),
        acceptance: applied(),
        intake: intake(vec![party("p-2", PartyRole::Respondent, "李四")]),
    };
    assert_eq!(
        decide(None, command, &tablet.ctx()),
        Err(CommandError::Invalid(vec![FieldError::new(
            "parties",
            FieldErrorCode::ApplicantRequired
        )]))
    );
}

#[test]
fn own_initiative_registration_needs_parties_but_no_applicant() {
    let mut tablet = Tablet::new("tab-1", "m-1", t(0));
    let mut form = intake(vec![party("p-2", PartyRole::Respondent, "李四")]);
    form.source = CaseSource::OwnInitiative;
    let acceptance = Acceptance {
        basis: AcceptanceBasis::OwnInitiative,
        objection: ObjectionCheck::NoneRaised,
    };
    let command = CaseCommand::Register {
        case: case_id("c-1"),
        number: number(1001),
        acceptance,
        intake: form.clone(),
    };
    assert_eq!(after(&mut tablet, None, command).status, Status::Registered);
    form.parties.clear();
    let command = CaseCommand::Register {
        case: case_id("c-2"),
        number: number(1002),
        acceptance,
        intake: form,
    };
    assert_eq!(
        decide(None, command, &tablet.ctx()),
        Err(CommandError::Invalid(vec![FieldError::new(
            "parties",
            FieldErrorCode::PartyRequired
        )]))
    );
}

#[test]
fn registration_reports_every_missing_field_at_once() {
    let tablet = Tablet::new("tab-1", "m-1", t(0));
    let mut form = intake(vec![]);
    form.summary = String::new();
    let command = CaseCommand::Register {
        case: case_id("c-1"),
        number: number(1001),
        acceptance: applied(),
        intake: form,
    };
    assert_eq!(
        decide(None, command, &tablet.ctx()),
        Err(CommandError::Invalid(vec![
            FieldError::new("summary", FieldErrorCode::Required),
            FieldError::new("parties", FieldErrorCode::PartyRequired),
        ]))
    );
}

#[test]
fn a_case_number_of_another_year_is_refused() {
    let tablet = Tablet::new("tab-1", "m-1", t(0));
    let command = CaseCommand::Register {
        case: case_id("c-1"),
        number: casebook::domain::case_number::CaseNumber::new(2025, super::support::PREFIX, 1001)
            .expect("number"),
        acceptance: applied(),
        intake: intake(two_parties()),
    };
    assert_eq!(
        decide(None, command, &tablet.ctx()),
        Err(CommandError::NumberOfAnotherYear)
    );
}

#[test]
fn dismissing_a_lead_ends_it_with_its_reason() {
    let (mut tablet, state) = case_in(Status::Lead);
    let done = after(
        &mut tablet,
        Some(&state),
        CaseCommand::DismissLead {
            reason: DismissalReason::DefusedOnSpot,
        },
    );
    assert_eq!(done.status, Status::Dismissed);
    assert_eq!(
        done.ending,
        Some(casebook::domain::case_state::Ending::Dismissed(
            DismissalReason::DefusedOnSpot
        ))
    );
    assert!(!done.status.is_open());
}

#[test]
fn only_leads_can_be_dismissed_or_converted() {
    let (_, state) = case_in(Status::Registered);
    assert_eq!(
        refused(
            &state,
            CaseCommand::DismissLead {
                reason: DismissalReason::NoDispute
            }
        ),
        CommandError::InvalidTransition {
            from: Status::Registered,
            transition: Transition::DismissLead
        }
    );
    assert_eq!(
        refused(&state, convert(applied(), CaseSource::PartyApplication)),
        CommandError::InvalidTransition {
            from: Status::Registered,
            transition: Transition::ConvertLead
        }
    );
}

// --- #4–#8: acceptance, triage, referral, assignment ----------------------------------------

#[test]
fn triage_sets_type_tier_risk_and_handling_level() {
    let (mut tablet, state) = case_in(Status::Registered);
    let mut decision = triage();
    decision.dispute = DisputeClass::of_type(DisputeType::Labour).expect("class");
    decision.risk_level = RiskLevel::Yellow;
    let done = after(&mut tablet, Some(&state), CaseCommand::Triage(decision));
    assert_eq!(done.status, Status::Triaged);
    assert_eq!(
        done.dispute.as_ref().map(DisputeClass::primary),
        Some(DisputeType::Labour)
    );
    assert_eq!(done.risk_level, Some(RiskLevel::Yellow));
    assert!(done.tier.is_some() && done.handling_level.is_some());
}

#[test]
fn triage_is_only_for_registered_cases() {
    let (_, state) = case_in(Status::Lead);
    assert_eq!(
        refused(&state, CaseCommand::Triage(triage())),
        CommandError::InvalidTransition {
            from: Status::Lead,
            transition: Transition::Triage
        }
    );
}

#[test]
fn referring_out_needs_a_destination_and_ends_handling_here() {
    let (mut tablet, state) = case_in(Status::Triaged);
    let mut nowhere = referral();
    nowhere.to_unit = None;
    assert_eq!(
        refused(&state, CaseCommand::ReferOut(nowhere)),
        CommandError::Invalid(vec![FieldError::new("to_name", FieldErrorCode::Required)])
    );
    let done = after(&mut tablet, Some(&state), CaseCommand::ReferOut(referral()));
    assert_eq!(done.status, Status::ReferredOut);
}

#[test]
fn a_case_can_be_referred_out_while_assigned_or_in_mediation_but_not_before_triage() {
    for status in [Status::Assigned, Status::InMediation] {
        let (mut tablet, state) = case_in(status);
        assert_eq!(
            after(&mut tablet, Some(&state), CaseCommand::ReferOut(referral())).status,
            Status::ReferredOut
        );
    }
    let (_, state) = case_in(Status::Registered);
    assert!(matches!(
        refused(&state, CaseCommand::ReferOut(referral())),
        CommandError::InvalidTransition { .. }
    ));
}

#[test]
fn assigning_designates_the_presiding_mediator() {
    let (mut tablet, state) = case_in(Status::Triaged);
    let done = after(
        &mut tablet,
        Some(&state),
        CaseCommand::AssignMediator {
            presiding: med("m-5"),
            co_mediators: vec![med("m-6")],
            chosen_by_parties: true,
        },
    );
    assert_eq!(done.status, Status::Assigned);
    assert_eq!(done.presiding, Some(med("m-5")));
    assert_eq!(done.co_mediators, vec![med("m-6")]);
    assert!(done.parties_chose_mediator);
}

#[test]
fn the_presiding_mediator_cannot_also_be_a_co_mediator() {
    let (_, state) = case_in(Status::Triaged);
    let command = CaseCommand::AssignMediator {
        presiding: med("m-5"),
        co_mediators: vec![med("m-5"), med("m-6"), med("m-6")],
        chosen_by_parties: false,
    };
    assert_eq!(
        refused(&state, command),
        CommandError::Invalid(vec![
            FieldError::new("co_mediators", FieldErrorCode::PresidingIsCoMediator),
            FieldError::new("co_mediators", FieldErrorCode::Duplicate),
        ])
    );
}

#[test]
fn a_mediator_a_party_objects_to_is_replaced_by_someone_else() {
    let (mut tablet, state) = case_in(Status::Assigned);
    let same = CaseCommand::ReplaceMediator {
        presiding: med("m-2"),
        co_mediators: vec![],
        reason: ReplacementReason::PartyObjection,
    };
    assert_eq!(refused(&state, same), CommandError::SameMediator);
    let other = CaseCommand::ReplaceMediator {
        presiding: med("m-3"),
        co_mediators: vec![],
        reason: ReplacementReason::PartyObjection,
    };
    let done = after(&mut tablet, Some(&state), other);
    assert_eq!(
        (done.status, done.presiding),
        (Status::Assigned, Some(med("m-3")))
    );
}

#[test]
fn a_mediator_can_be_replaced_during_mediation_without_leaving_it() {
    let (mut tablet, state) = case_in(Status::InMediation);
    let command = CaseCommand::ReplaceMediator {
        presiding: med("m-3"),
        co_mediators: vec![],
        reason: ReplacementReason::Recusal,
    };
    assert_eq!(
        after(&mut tablet, Some(&state), command).status,
        Status::InMediation
    );
}

// --- The table ------------------------------------------------------------------------------

#[test]
fn every_transition_of_the_table_leads_where_the_specification_says() {
    use Status as S;
    use Transition as T;
    let table: &[(Option<S>, T, S)] = &[
        (None, T::RecordLead, S::Lead),
        (Some(S::Lead), T::ConvertLead, S::Registered),
        (Some(S::Lead), T::DismissLead, S::Dismissed),
        (None, T::Register, S::Registered),
        (Some(S::Registered), T::NotAccept, S::NotAccepted),
        (Some(S::Registered), T::Triage, S::Triaged),
        (Some(S::Triaged), T::ReferOut, S::ReferredOut),
        (Some(S::Assigned), T::ReferOut, S::ReferredOut),
        (Some(S::Triaged), T::Assign, S::Assigned),
        (Some(S::Assigned), T::ReplaceMediator, S::Assigned),
        (Some(S::InMediation), T::ReplaceMediator, S::InMediation),
        (Some(S::Assigned), T::StartMediation, S::InMediation),
        (Some(S::InMediation), T::Agree, S::Agreed),
        (Some(S::InMediation), T::Terminate, S::Terminated),
        (Some(S::InMediation), T::ReferOut, S::ReferredOut),
        (Some(S::Agreed), T::ApplyJudicialConfirmation, S::JcPending),
        (
            Some(S::JcPending),
            T::RuleJudicialConfirmation(Ruling::Valid),
            S::JcConfirmed,
        ),
        (
            Some(S::JcPending),
            T::RuleJudicialConfirmation(Ruling::Rejected),
            S::JcRejected,
        ),
        (Some(S::JcRejected), T::Remediate, S::InMediation),
        (Some(S::JcRejected), T::Close, S::Closed),
        (Some(S::Agreed), T::SchedulePerformance, S::Performing),
        (Some(S::JcConfirmed), T::SchedulePerformance, S::Performing),
        (Some(S::Agreed), T::RecordPerformed, S::Performed),
        (
            Some(S::Performing),
            T::RecordNonPerformance,
            S::NonPerformance,
        ),
        (Some(S::NonPerformance), T::UrgePerformance, S::Performing),
        (Some(S::NonPerformance), T::Close, S::Closed),
        (Some(S::Performing), T::RecordPerformed, S::Performed),
        (Some(S::Performed), T::Close, S::Closed),
        (Some(S::Terminated), T::Close, S::Closed),
        (Some(S::NotAccepted), T::Close, S::Closed),
        (Some(S::ReferredOut), T::Close, S::Closed),
        (Some(S::Closed), T::Archive, S::Archived),
        (Some(S::Closed), T::Reopen, S::InMediation),
    ];
    let transitions = [
        T::RecordLead,
        T::Register,
        T::ConvertLead,
        T::DismissLead,
        T::NotAccept,
        T::Triage,
        T::ReferOut,
        T::Assign,
        T::ReplaceMediator,
        T::StartMediation,
        T::Agree,
        T::Terminate,
        T::ApplyJudicialConfirmation,
        T::RuleJudicialConfirmation(Ruling::Valid),
        T::RuleJudicialConfirmation(Ruling::Rejected),
        T::Remediate,
        T::SchedulePerformance,
        T::RecordPerformed,
        T::RecordNonPerformance,
        T::UrgePerformance,
        T::Close,
        T::Archive,
        T::Reopen,
    ];
    let froms = std::iter::once(None).chain(S::ALL.iter().copied().map(Some));
    for from in froms {
        for transition in transitions {
            let expected = table
                .iter()
                .find(|(f, t, _)| *f == from && *t == transition)
                .map(|(_, _, to)| *to);
            assert_eq!(
                transition.target(from),
                expected,
                "{transition:?} from {from:?}"
            );
        }
    }
}

#[test]
fn archived_and_dismissed_cases_are_terminal() {
    for status in [Status::Archived, Status::Dismissed] {
        let (_, state) = case_in(status);
        for command in [
            CaseCommand::Reopen {
                reason: ReopenReason::RevisionRequested,
                consenting: vec![pid("p-1"), pid("p-2")],
            },
            CaseCommand::Close,
            CaseCommand::Triage(triage()),
        ] {
            assert!(matches!(
                refused(&state, command),
                CommandError::InvalidTransition { .. }
            ));
        }
    }
}

#[test]
fn every_status_the_table_names_is_reachable_by_events() {
    for status in Status::ALL {
        let (_, state) = case_in(*status);
        assert_eq!(state.status, *status);
        assert!(state.conflicts.is_empty());
    }
}

// --- #11 escalation -------------------------------------------------------------------------

fn escalation() -> Escalation {
    Escalation {
        risk_flags: BTreeSet::from([RiskFlag::CivilToCriminal]),
        risk_level: RiskLevel::Red,
        measures: "双方分开安置".to_owned(),
        reported: true,
    }
}

#[test]
fn escalation_can_be_flagged_on_any_open_case_and_sets_the_risk() {
    for status in [
        Status::Lead,
        Status::Registered,
        Status::InMediation,
        Status::Performing,
        Status::NotAccepted,
    ] {
        let (mut tablet, state) = case_in(status);
        let done = after(
            &mut tablet,
            Some(&state),
            CaseCommand::FlagEscalation(escalation()),
        );
        assert_eq!(done.status, status, "a flag, not a state");
        assert_eq!(done.risk_level, Some(RiskLevel::Red));
        assert_eq!(done.escalations, vec![escalation()]);
    }
    let (_, state) = case_in(Status::Closed);
    assert_eq!(
        refused(&state, CaseCommand::FlagEscalation(escalation())),
        CommandError::WrongStatus(Status::Closed)
    );
}

// --- Edits, parties, reverts ----------------------------------------------------------------

#[test]
fn an_edit_sets_fields_and_can_be_reverted() {
    let (mut tablet, state) = case_in(Status::Registered);
    let edited = after(
        &mut tablet,
        Some(&state),
        CaseCommand::Edit {
            changes: vec![
                CaseChange::Summary("更正后的情况".to_owned()),
                CaseChange::Group(true),
            ],
        },
    );
    assert_eq!(
        (edited.summary.as_str(), edited.group),
        ("更正后的情况", true)
    );
    let edit_id = tablet.log.last().map(|e| e.id().clone()).expect("edit");
    let reverted = after(
        &mut tablet,
        Some(&edited),
        CaseCommand::Revert {
            event: edit_id.clone(),
        },
    );
    assert_eq!(
        (reverted.summary.as_str(), reverted.group),
        (state.summary.as_str(), false)
    );
    assert_eq!(
        refused(&reverted, CaseCommand::Revert { event: edit_id }),
        CommandError::NotRevertible(tablet.log[tablet.log.len() - 2].id().clone())
    );
}

#[test]
fn lifecycle_steps_cannot_be_reverted() {
    let (_, state) = case_in(Status::Triaged);
    let step = state
        .history
        .last()
        .map(|h| h.event.clone())
        .expect("history");
    assert_eq!(
        refused(
            &state,
            CaseCommand::Revert {
                event: step.clone()
            }
        ),
        CommandError::NotRevertible(step)
    );
}

#[test]
fn an_edit_that_empties_a_required_field_is_refused_with_the_field() {
    let (_, state) = case_in(Status::Registered);
    assert_eq!(
        refused(
            &state,
            CaseCommand::Edit {
                changes: vec![CaseChange::Summary(" ".to_owned())]
            }
        ),
        CommandError::Invalid(vec![FieldError::new("summary", FieldErrorCode::Required)])
    );
    assert_eq!(
        refused(&state, CaseCommand::Edit { changes: vec![] }),
        CommandError::NothingToChange
    );
}

#[test]
fn co_mediators_set_by_an_edit_exclude_the_presiding_mediator() {
    let (_, state) = case_in(Status::Assigned);
    let error = refused(
        &state,
        CaseCommand::Edit {
            changes: vec![CaseChange::CoMediators(vec![med("m-2")])],
        },
    );
    assert_eq!(
        error,
        CommandError::Invalid(vec![FieldError::new(
            "co_mediators",
            FieldErrorCode::PresidingIsCoMediator
        )])
    );
}

#[test]
fn an_archived_case_cannot_be_edited_or_reverted() {
    let (_, state) = case_in(Status::Archived);
    assert_eq!(
        refused(
            &state,
            CaseCommand::Edit {
                changes: vec![CaseChange::Group(true)]
            }
        ),
        CommandError::Frozen
    );
    assert_eq!(
        refused(
            &state,
            CaseCommand::Revert {
                event: state.last_event.clone()
            }
        ),
        CommandError::Frozen
    );
}

#[test]
fn parties_are_added_updated_and_removed_with_their_guards() {
    let (mut tablet, state) = case_in(Status::Registered);
    let third = party("p-3", PartyRole::ThirdParty, "王五");
    assert_eq!(
        refused(
            &state,
            CaseCommand::AddParty(party("p-1", PartyRole::Applicant, "x"))
        ),
        CommandError::PartyAlreadyExists(pid("p-1"))
    );
    let added = after(
        &mut tablet,
        Some(&state),
        CaseCommand::AddParty(third.clone()),
    );
    assert_eq!(added.parties.len(), 3);
    let mut renamed = third;
    renamed.name = "王五二".to_owned();
    let updated = after(&mut tablet, Some(&added), CaseCommand::UpdateParty(renamed));
    assert_eq!(
        updated.party(&pid("p-3")).map(|p| p.name.as_str()),
        Some("王五二")
    );
    let removed = after(
        &mut tablet,
        Some(&updated),
        CaseCommand::RemoveParty(pid("p-3")),
    );
    assert_eq!(removed.parties.len(), 2);
    assert_eq!(
        refused(
            &removed,
            CaseCommand::AddParty(party("p-3", PartyRole::ThirdParty, "王五"))
        ),
        CommandError::PartyWasRemoved(pid("p-3"))
    );
    assert_eq!(
        refused(&removed, CaseCommand::RemoveParty(pid("p-9"))),
        CommandError::UnknownParty(pid("p-9"))
    );
    assert_eq!(
        refused(
            &removed,
            CaseCommand::UpdateParty(party("p-9", PartyRole::ThirdParty, "x"))
        ),
        CommandError::UnknownParty(pid("p-9"))
    );
}

#[test]
fn removing_the_only_applicant_of_an_application_is_refused() {
    let (_, state) = case_in(Status::Registered);
    assert_eq!(
        refused(&state, CaseCommand::RemoveParty(pid("p-1"))),
        CommandError::Invalid(vec![FieldError::new(
            "parties",
            FieldErrorCode::ApplicantRequired
        )])
    );
}

#[test]
fn a_minor_party_without_a_legal_representative_is_refused() {
    let (_, state) = case_in(Status::Registered);
    let mut child = party("p-4", PartyRole::ThirdParty, "小明");
    child.age_group = casebook::domain::party::AgeGroup::Under14;
    assert_eq!(
        refused(&state, CaseCommand::AddParty(child)),
        CommandError::Invalid(vec![FieldError::new(
            "legal_rep",
            FieldErrorCode::MinorNeedsLegalRepresentative
        )])
    );
}

// --- Time and chains ------------------------------------------------------------------------

#[test]
fn events_chain_from_the_context_head() {
    let mut tablet = Tablet::new("tab-1", "m-1", t(0));
    let first = tablet
        .run(None, register_command("c-1"))
        .expect("registered");
    let state = fold(&case_id("c-1"), &tablet.log);
    let second = tablet
        .run(Some(&state), CaseCommand::Triage(triage()))
        .expect("triaged");
    assert_eq!((first[0].seq(), first[0].prev()), (1, None));
    assert_eq!(
        (second[0].seq(), second[0].prev()),
        (2, Some(first[0].id()))
    );
    assert!(second[0].verify_id());
}

#[test]
fn an_event_is_dated_after_what_its_author_has_seen_even_with_a_slow_clock() {
    let (_, state) = case_in(Status::Registered);
    let mut slow = Tablet::new("tab-slow", "m-2", t(-600));
    let events = slow
        .run(Some(&state), CaseCommand::Triage(triage()))
        .expect("triaged");
    assert_eq!(events[0].at(), state.updated_at.plus_millis(1));
    let mut behind = Tablet::new("tab-2", "m-2", t(500));
    behind.head.last_at = Some(t(900));
    let events = behind
        .run(None, register_command("c-9"))
        .expect("registered");
    assert_eq!(
        events[0].at(),
        t(900),
        "never before the device's own last event"
    );
}

#[test]
fn a_mediator_on_a_slow_tablet_still_wins_with_a_later_edit() {
    let (fast, state) = case_in(Status::Registered);
    let mut slow = Tablet::new("tab-slow", "m-2", t(-600));
    slow.run(
        Some(&state),
        CaseCommand::Edit {
            changes: vec![CaseChange::Summary("slow edit".to_owned())],
        },
    )
    .expect("edited");
    let merged: Vec<_> = fast.log.iter().chain(&slow.log).cloned().collect();
    assert_eq!(fold(&state.id, &merged).summary, "slow edit");
}

// --- Directory ------------------------------------------------------------------------------

#[test]
fn a_screening_log_is_filed_as_a_directory_event() {
    let tablet = Tablet::new("tab-1", "m-1", t(0));
    let log = ScreeningLog {
        id: ScreeningId::parse("s-1").expect("id"),
        org_unit: super::support::unit("u-1"),
        date: Date::from_ymd(2026, 3, 1).expect("date"),
        kind: ScreeningKind::Regular,
        area: "一组".to_owned(),
        screeners: vec![med("m-1")],
        outcome: ScreeningOutcome::ZeroReport,
        disputes_prevented: 0,
    };
    let event = decide_directory(DirectoryCommand::FileScreening(log.clone()), &tablet.ctx())
        .expect("filed");
    assert_eq!(event.case(), None);
    let dir = casebook::domain::fold_directory([&event]);
    assert!(dir.screenings[&log.id].is_zero_report());
    let mut empty = log;
    empty.outcome = ScreeningOutcome::Findings(vec![]);
    assert_eq!(
        decide_directory(DirectoryCommand::FileScreening(empty), &tablet.ctx()),
        Err(CommandError::Invalid(vec![FieldError::new(
            "findings",
            FieldErrorCode::FindingsOrZeroReport
        )]))
    );
}

// --- Deadline preview -----------------------------------------------------------------------

#[test]
fn the_default_time_limit_follows_the_dispute_type() {
    assert_eq!(
        default_deadline(DisputeType::Labour),
        DeadlineRule::LabourFifteenDays
    );
    assert_eq!(
        default_deadline(DisputeType::Medical),
        DeadlineRule::MedicalThirtyWorkingDays
    );
    for other in DisputeType::ALL
        .iter()
        .filter(|t| !matches!(t, DisputeType::Labour | DisputeType::Medical))
    {
        assert_eq!(default_deadline(*other), DeadlineRule::OneMonth);
    }
}

#[test]
fn calendar_time_limits_count_from_the_day_after_acceptance() {
    let accepted = Date::from_ymd(2026, 1, 31).expect("date");
    assert_eq!(
        DeadlineRule::OneMonth.calendar_due_date(accepted),
        Date::from_ymd(2026, 2, 28)
    );
    assert_eq!(
        DeadlineRule::LabourFifteenDays.calendar_due_date(accepted),
        Date::from_ymd(2026, 2, 15)
    );
    assert_eq!(
        DeadlineRule::MedicalThirtyWorkingDays.calendar_due_date(accepted),
        None
    );
}

#[test]
fn every_case_event_names_its_transition_or_none() {
    let (_, state) = case_in(Status::Registered);
    assert_eq!(state.history[0].transition, Transition::Register);
    assert_eq!(CaseEvent::Closed.transition(), Some(Transition::Close));
    assert_eq!(CaseEvent::Edited { changes: vec![] }.transition(), None);
    assert!(CaseEvent::Edited { changes: vec![] }.is_revertible());
    assert!(!CaseEvent::Closed.is_revertible());
}
