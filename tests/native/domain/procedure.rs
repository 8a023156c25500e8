//! Procedure records and the guards they satisfy: each test is named for the rule it checks,
//! with the rule's legal source in a comment.

use std::collections::BTreeSet;

use casebook::domain::calendar::Calendar;
use casebook::domain::case::{
    AgreementForm, Escalation, JcRuling, NotAcceptedReason, ReferralReason, ReferralTarget,
    ReopenReason, ReplacementReason, RiskFlag, RiskLevel, TerminationReason,
};
use casebook::domain::command::{decide, CaseCommand, CommandError};
use casebook::domain::deadline::{due_dates, DueItem};
use casebook::domain::dispute::{DisputeClass, DisputeType};
use casebook::domain::procedure::{
    case_file_checklist, Agreement, AgreementGap, CaseFileItem, ClosingReport, ConsentDecision,
    Disclosure, FollowUp, FollowUpMethod, Notice, NoticeKind, Obligation, ObligationKind,
    ObligationStatus, ObligationUpdate, PartySignature, PerformanceFound, PersonalStatus,
    ReferralKind, ReferralRecord, Satisfaction, Session, SessionKind, SessionOutcome, Signatures,
    Statement,
};
use casebook::domain::{
    parse_event_json, CaseEvent, CaseState, Date, Fen, ReferralId, Rule, SessionId, Status,
};

use super::support::{
    aid, case_id, day, fold, jc_application, med, pid, registration, t, triage, unit, Tablet,
};

fn both() -> Vec<casebook::domain::PartyId> {
    vec![pid("p-1"), pid("p-2")]
}

/// Runs a command that must succeed and folds the case again.
pub(crate) fn run(tablet: &mut Tablet, state: &CaseState, command: CaseCommand) -> CaseState {
    tablet
        .run(Some(state), command)
        .unwrap_or_else(|e| panic!("refused: {e:?}"));
    fold(&state.id, &tablet.log)
}

fn refused(tablet: &Tablet, state: &CaseState, command: CaseCommand) -> CommandError {
    decide(Some(state), command, &tablet.ctx()).expect_err("should be refused")
}

fn notice(kind: NoticeKind) -> CaseCommand {
    CaseCommand::GiveNotice(Notice {
        kind,
        parties: both(),
        on: day(2026, 3, 2),
    })
}

fn consent(party: &str, decision: ConsentDecision) -> CaseCommand {
    CaseCommand::RecordConsent {
        party: pid(party),
        decision,
        on: day(2026, 3, 2),
    }
}

/// A registered, triaged (as `dispute`) and assigned case, by events.
fn assigned_with(dispute: DisputeType) -> (Tablet, CaseState) {
    let mut tablet = Tablet::new("tab-1", "m-1", t(0));
    let case = case_id("c-1");
    tablet.append_case(&case, CaseEvent::Registered(registration()));
    let mut decision = triage();
    decision.dispute = DisputeClass::of_type(dispute).expect("class");
    tablet.append_case(&case, CaseEvent::Triaged(Box::new(decision)));
    tablet.append_case(
        &case,
        CaseEvent::MediatorAssigned {
            presiding: med("m-2"),
            co_mediators: vec![],
            chosen_by_parties: false,
        },
    );
    let state = fold(&case, &tablet.log);
    (tablet, state)
}

/// A case in mediation, reached through the commands and their records.
pub(crate) fn mediating_with(dispute: DisputeType) -> (Tablet, CaseState) {
    let (mut tablet, state) = assigned_with(dispute);
    let state = run(&mut tablet, &state, notice(NoticeKind::RightsAndDuties));
    let state = run(
        &mut tablet,
        &state,
        consent("p-1", ConsentDecision::Consents),
    );
    let state = run(
        &mut tablet,
        &state,
        consent("p-2", ConsentDecision::Consents),
    );
    let state = run(&mut tablet, &state, CaseCommand::StartMediation);
    assert_eq!(state.status, Status::InMediation);
    (tablet, state)
}

fn session(id: &str) -> Session {
    Session {
        id: SessionId::parse(id).expect("id"),
        kind: SessionKind::Mediation,
        at: t(30),
        place: "Committee office".to_owned(),
        present_parties: both(),
        participants: vec![],
        participants_consented_by: vec![],
        mediators: vec![med("m-2")],
        recorder: Some(med("m-3")),
        statements: vec![Statement {
            party: pid("p-1"),
            text: "Noise at night".to_owned(),
        }],
        verified_facts: "Works ran past 22:00 on five nights".to_owned(),
        disclosures: Disclosure::ALL.iter().copied().collect(),
        outcome: SessionOutcome::Agreement,
        read_back: true,
    }
}

/// `state` after a recorded mediation session `s-1`.
fn with_session(tablet: &mut Tablet, state: &CaseState) -> CaseState {
    run(tablet, state, CaseCommand::RecordSession(session("s-1")))
}

fn obligation(due: Option<Date>) -> Obligation {
    Obligation {
        obligor: pid("p-2"),
        obligee: pid("p-1"),
        kind: ObligationKind::Payment,
        description: "Compensation".to_owned(),
        amount: Some(Fen::new(50_000).expect("fen")),
        due,
        method: "Bank transfer".to_owned(),
        place: "Committee office".to_owned(),
    }
}

fn agreement(form: AgreementForm, due: Option<Date>) -> Agreement {
    Agreement {
        id: aid("a-1"),
        form,
        number: Some("2026-01".to_owned()),
        parties: both(),
        facts: "Renovation noise".to_owned(),
        issues: "Working hours and compensation".to_owned(),
        responsibility: "Respondent worked at night".to_owned(),
        content: "No works after 20:00; compensation of 500 yuan".to_owned(),
        obligations: vec![obligation(due)],
        copies: 3,
        reached_on: day(2026, 3, 5),
        replaces: None,
        personal_status: None,
    }
}

fn all_signed() -> Signatures {
    Signatures {
        parties: vec![
            PartySignature {
                party: pid("p-1"),
                on: day(2026, 3, 5),
            },
            PartySignature {
                party: pid("p-2"),
                on: day(2026, 3, 6),
            },
        ],
        mediator_on: Some(day(2026, 3, 6)),
        sealed_on: Some(day(2026, 3, 7)),
    }
}

/// A case whose written agreement (payment due `due`) took effect on 2026-03-07.
/// An agreed case whose agreement has one obligation due on `due` (for the summary tests).
pub(crate) fn agreed_for_summary(due: Option<Date>) -> (Tablet, CaseState) {
    agreed(due, None)
}

fn agreed(due: Option<Date>, personal_status: Option<PersonalStatus>) -> (Tablet, CaseState) {
    let (mut tablet, state) = mediating_with(DisputeType::Neighbour);
    let state = with_session(&mut tablet, &state);
    let mut draft = agreement(AgreementForm::Written, due);
    draft.personal_status = personal_status;
    let state = run(&mut tablet, &state, CaseCommand::DraftAgreement(draft));
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::MarkSignatures {
            agreement: aid("a-1"),
            signatures: all_signed(),
        },
    );
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::RecordAgreement {
            agreement: aid("a-1"),
        },
    );
    assert_eq!(state.status, Status::Agreed);
    (tablet, state)
}

fn follow_up(performance: PerformanceFound) -> CaseCommand {
    CaseCommand::RecordFollowUp(FollowUp {
        on: day(2026, 4, 10),
        method: FollowUpMethod::Phone,
        visitor: med("m-2"),
        visited: vec![pid("p-1")],
        agreement: Some(aid("a-1")),
        performance,
        satisfaction: Satisfaction::Partly,
        new_risks: BTreeSet::new(),
        notes: String::new(),
        next_visit: Some(day(2026, 5, 10)),
    })
}

fn paid(evidence: Vec<String>) -> CaseCommand {
    CaseCommand::UpdateObligation(ObligationUpdate {
        agreement: aid("a-1"),
        obligation: 1,
        status: ObligationStatus::Performed,
        on: day(2026, 3, 20),
        evidence,
    })
}

fn report() -> CaseCommand {
    CaseCommand::FileClosingReport(ClosingReport {
        closed_on: day(2026, 4, 20),
        summary: "Agreement performed".to_owned(),
    })
}

// --- #9: consent, notice, replacement -----------------------------------------------------

#[test]
fn starting_mediation_requires_the_consent_of_every_party() {
    // People's Mediation Law (PML) Art 17.
    let (mut tablet, state) = assigned_with(DisputeType::Neighbour);
    let state = run(&mut tablet, &state, notice(NoticeKind::RightsAndDuties));
    let state = run(
        &mut tablet,
        &state,
        consent("p-1", ConsentDecision::Consents),
    );
    assert_eq!(
        refused(&tablet, &state, CaseCommand::StartMediation),
        CommandError::RequiresProcedureRecords(Rule::ConsentOfEveryParty)
    );
}

#[test]
fn one_party_refusing_bars_mediation() {
    // PML Art 17: one party's clear refusal bars mediation; Art 23(2): at any time.
    let (mut tablet, state) = assigned_with(DisputeType::Neighbour);
    let state = run(&mut tablet, &state, notice(NoticeKind::RightsAndDuties));
    let state = run(
        &mut tablet,
        &state,
        consent("p-1", ConsentDecision::Consents),
    );
    let state = run(
        &mut tablet,
        &state,
        consent("p-2", ConsentDecision::Refuses),
    );
    assert_eq!(
        refused(&tablet, &state, CaseCommand::StartMediation),
        CommandError::PartyRefusesMediation
    );
    // A refusal during mediation stops sessions and agreements too.
    let (mut tablet, state) = mediating_with(DisputeType::Neighbour);
    let state = run(
        &mut tablet,
        &state,
        consent("p-2", ConsentDecision::Refuses),
    );
    assert_eq!(
        refused(&tablet, &state, CaseCommand::RecordSession(session("s-1"))),
        CommandError::PartyRefusesMediation
    );
}

#[test]
fn starting_mediation_requires_the_rights_and_duties_notice() {
    // MOJ 2002 Regulation Art 30; PML Arts 23, 24.
    let (mut tablet, state) = assigned_with(DisputeType::Neighbour);
    let state = run(
        &mut tablet,
        &state,
        consent("p-1", ConsentDecision::Consents),
    );
    let state = run(
        &mut tablet,
        &state,
        consent("p-2", ConsentDecision::Consents),
    );
    assert_eq!(
        refused(&tablet, &state, CaseCommand::StartMediation),
        CommandError::RequiresProcedureRecords(Rule::RightsNoticeAcknowledged)
    );
}

#[test]
fn a_request_to_replace_the_mediator_must_be_honoured_before_going_on() {
    // MOJ 2002 Regulation Art 25: the committee must replace a mediator a party objects to.
    let (mut tablet, state) = mediating_with(DisputeType::Neighbour);
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::RequestReplacement {
            party: pid("p-2"),
            on: day(2026, 3, 3),
        },
    );
    assert_eq!(
        refused(&tablet, &state, CaseCommand::RecordSession(session("s-1"))),
        CommandError::ReplacementPending
    );
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::ReplaceMediator {
            presiding: med("m-5"),
            co_mediators: vec![],
            reason: ReplacementReason::PartyObjection,
        },
    );
    let state = with_session(&mut tablet, &state);
    assert_eq!(state.procedure.sessions.len(), 1);
}

// --- #10: sessions ----------------------------------------------------------------------

#[test]
fn a_session_record_must_be_read_back_before_it_is_signed() {
    // PML Art 27 (the duty to record); read-back before signing is the record's practice.
    let (tablet, state) = mediating_with(DisputeType::Neighbour);
    let mut unread = session("s-1");
    unread.read_back = false;
    assert!(matches!(
        refused(&tablet, &state, CaseCommand::RecordSession(unread)),
        CommandError::Invalid(errors) if errors.iter().any(|e| e.path == "read_back")
    ));
}

#[test]
fn participants_are_invited_only_with_every_partys_consent() {
    // PML Art 20.
    let (mut tablet, state) = mediating_with(DisputeType::Neighbour);
    let mut invited = session("s-1");
    invited.participants = vec!["Village elder".to_owned()];
    invited.participants_consented_by = vec![pid("p-1")];
    assert_eq!(
        refused(&tablet, &state, CaseCommand::RecordSession(invited.clone())),
        CommandError::RequiresProcedureRecords(Rule::ParticipantConsent)
    );
    invited.participants_consented_by = both();
    let state = run(&mut tablet, &state, CaseCommand::RecordSession(invited));
    assert_eq!(state.procedure.sessions[0].participants.len(), 1);
}

#[test]
fn investigations_may_be_recorded_before_mediation_starts() {
    let (mut tablet, state) = assigned_with(DisputeType::Neighbour);
    let mut visit = session("s-0");
    visit.kind = SessionKind::Investigation;
    let state = run(&mut tablet, &state, CaseCommand::RecordSession(visit));
    assert_eq!(state.status, Status::Assigned);
    assert_eq!(
        refused(&tablet, &state, CaseCommand::RecordSession(session("s-1"))),
        CommandError::WrongStatus(Status::Assigned)
    );
}

// --- #12, #13: agreements ------------------------------------------------------------------

#[test]
fn a_written_agreement_lists_exactly_what_it_still_lacks() {
    // PML Art 29: parties' information, facts, issues, responsibility, content, performance
    // method and time; signatures, the mediator's signature and the seal. MOJ 2002 Regulation
    // Art 35(4): the place of performance.
    let (mut tablet, state) = mediating_with(DisputeType::Neighbour);
    let state = with_session(&mut tablet, &state);
    let mut draft = agreement(AgreementForm::Written, Some(day(2026, 4, 1)));
    draft.issues = " ".to_owned();
    draft.obligations[0].place = String::new();
    draft.copies = 2;
    let state = run(&mut tablet, &state, CaseCommand::DraftAgreement(draft));
    let mut partly = all_signed();
    partly.parties.pop();
    partly.sealed_on = None;
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::MarkSignatures {
            agreement: aid("a-1"),
            signatures: partly,
        },
    );
    assert_eq!(
        refused(
            &tablet,
            &state,
            CaseCommand::RecordAgreement {
                agreement: aid("a-1")
            }
        ),
        CommandError::AgreementIncomplete(vec![
            AgreementGap::Issues,
            AgreementGap::ObligationPlace(1),
            AgreementGap::Copies,
            AgreementGap::PartySignature(pid("p-2")),
            AgreementGap::Seal,
        ])
    );
}

#[test]
fn a_written_agreement_takes_effect_when_the_last_signature_or_seal_is_captured() {
    // PML Art 29 para 2.
    let (_, state) = agreed(Some(day(2026, 4, 1)), None);
    assert_eq!(
        state.procedure.effective,
        Some((aid("a-1"), day(2026, 3, 7)))
    );
}

#[test]
fn oral_agreement_takes_effect_on_the_day_reached() {
    // PML Arts 28, 30: the mediator records the content; effective the day it is reached.
    let (mut tablet, state) = mediating_with(DisputeType::Neighbour);
    let state = with_session(&mut tablet, &state);
    let mut oral = agreement(AgreementForm::Oral, None);
    oral.facts = String::new();
    oral.obligations[0].method = String::new();
    let state = run(&mut tablet, &state, CaseCommand::DraftAgreement(oral));
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::RecordAgreement {
            agreement: aid("a-1"),
        },
    );
    assert_eq!(state.status, Status::Agreed);
    assert_eq!(
        state.procedure.effective,
        Some((aid("a-1"), day(2026, 3, 5)))
    );
}

#[test]
fn an_oral_agreement_needs_the_mediators_record_of_its_content() {
    // PML Art 28.
    let (mut tablet, state) = mediating_with(DisputeType::Neighbour);
    let state = with_session(&mut tablet, &state);
    let mut oral = agreement(AgreementForm::Oral, None);
    oral.content = String::new();
    let state = run(&mut tablet, &state, CaseCommand::DraftAgreement(oral));
    assert_eq!(
        refused(
            &tablet,
            &state,
            CaseCommand::RecordAgreement {
                agreement: aid("a-1")
            }
        ),
        CommandError::AgreementIncomplete(vec![AgreementGap::Content])
    );
}

#[test]
fn an_agreement_needs_a_recorded_mediation_session() {
    // PML Art 27.
    let (mut tablet, state) = mediating_with(DisputeType::Neighbour);
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::DraftAgreement(agreement(AgreementForm::Oral, None)),
    );
    assert_eq!(
        refused(
            &tablet,
            &state,
            CaseCommand::RecordAgreement {
                agreement: aid("a-1")
            }
        ),
        CommandError::RequiresProcedureRecords(Rule::SessionRecord)
    );
}

#[test]
fn redrafting_an_agreement_voids_the_signatures_captured_for_the_old_text() {
    let (mut tablet, state) = mediating_with(DisputeType::Neighbour);
    let state = with_session(&mut tablet, &state);
    let draft = agreement(AgreementForm::Written, None);
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::DraftAgreement(draft.clone()),
    );
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::MarkSignatures {
            agreement: aid("a-1"),
            signatures: all_signed(),
        },
    );
    let state = run(&mut tablet, &state, CaseCommand::DraftAgreement(draft));
    assert_eq!(
        state.procedure.agreements[0].signatures,
        Signatures::default()
    );
}

#[test]
fn a_revision_replaces_the_earlier_agreement_and_the_earlier_one_cannot_be_redrafted() {
    // PML Art 33 para 3: the parties may change the agreement or make a new one.
    let (tablet, state) = agreed(Some(day(2026, 4, 1)), None);
    assert_eq!(
        refused(
            &tablet,
            &state,
            CaseCommand::DraftAgreement(agreement(AgreementForm::Written, None))
        ),
        CommandError::WrongStatus(Status::Agreed)
    );
    // Re-mediation after closing, with both parties' consent, then a revision.
    let (mut tablet, state) = agreed(None, None);
    let state = run(&mut tablet, &state, paid(vec!["receipt-1".to_owned()]));
    let state = run(&mut tablet, &state, CaseCommand::RecordPerformed);
    let state = run(&mut tablet, &state, report());
    let state = run(&mut tablet, &state, CaseCommand::Close);
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::Reopen {
            reason: ReopenReason::RevisionRequested,
            consenting: both(),
        },
    );
    assert_eq!(
        refused(
            &tablet,
            &state,
            CaseCommand::DraftAgreement(agreement(AgreementForm::Written, None))
        ),
        CommandError::AgreementInEffect
    );
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::RecordSession(session("s-2")),
    );
    let mut revision = agreement(AgreementForm::Oral, None);
    revision.id = aid("a-2");
    revision.replaces = Some(aid("a-1"));
    revision.reached_on = day(2026, 5, 1);
    let state = run(&mut tablet, &state, CaseCommand::DraftAgreement(revision));
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::RecordAgreement {
            agreement: aid("a-2"),
        },
    );
    assert_eq!(
        state.procedure.effective,
        Some((aid("a-2"), day(2026, 5, 1)))
    );
    assert!(
        state
            .procedure
            .agreement(&aid("a-1"))
            .expect("a-1")
            .replaced
    );
}

// --- #14: termination ---------------------------------------------------------------------

#[test]
fn termination_requires_the_other_routes_notice() {
    // PML Art 26.
    let (mut tablet, state) = mediating_with(DisputeType::Neighbour);
    let stop = CaseCommand::Terminate {
        reason: TerminationReason::Failed,
    };
    assert_eq!(
        refused(&tablet, &state, stop.clone()),
        CommandError::RequiresProcedureRecords(Rule::OtherRoutesNotice)
    );
    let state = run(&mut tablet, &state, notice(NoticeKind::OtherRoutes));
    assert_eq!(run(&mut tablet, &state, stop).status, Status::Terminated);
}

#[test]
fn time_limit_termination_is_for_medical_disputes_only() {
    // Regulation on Medical Dispute Prevention and Handling Art 38.
    let (mut tablet, state) = mediating_with(DisputeType::Neighbour);
    let state = run(&mut tablet, &state, notice(NoticeKind::OtherRoutes));
    assert_eq!(
        refused(
            &tablet,
            &state,
            CaseCommand::Terminate {
                reason: TerminationReason::TimeLimitExpired
            }
        ),
        CommandError::TimeLimitOnlyForMedicalDisputes
    );
}

// --- #17-#19: judicial confirmation ---------------------------------------------------------

#[test]
fn judicial_confirmation_must_be_applied_for_jointly() {
    // PML Art 33; Civil Procedure Law Art 205.
    let (tablet, state) = agreed(Some(day(2026, 4, 1)), None);
    let mut alone = jc_application(day(2026, 3, 10));
    alone.applicants = vec![pid("p-1")];
    assert_eq!(
        refused(
            &tablet,
            &state,
            CaseCommand::ApplyJudicialConfirmation(alone)
        ),
        CommandError::RequiresProcedureRecords(Rule::JointJcApplication)
    );
}

#[test]
fn judicial_confirmation_is_refused_after_thirty_days_from_effect() {
    // Effective 2026-03-07 (Saturday): 30 days end on Monday 04-06, Qingming, so 04-07.
    let (mut tablet, state) = agreed(Some(day(2026, 4, 1)), None);
    assert_eq!(
        refused(
            &tablet,
            &state,
            CaseCommand::ApplyJudicialConfirmation(jc_application(day(2026, 4, 8)))
        ),
        CommandError::JcWindowClosed {
            last_day: day(2026, 4, 7)
        }
    );
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::ApplyJudicialConfirmation(jc_application(day(2026, 4, 7))),
    );
    assert_eq!(state.status, Status::JcPending);
}

#[test]
fn judicial_confirmation_is_refused_for_identity_adoption_and_marriage() {
    // SPC 2011 Provisions on Judicial Confirmation Art 4.
    let (tablet, state) = agreed(None, Some(PersonalStatus::Marriage));
    assert_eq!(
        refused(
            &tablet,
            &state,
            CaseCommand::ApplyJudicialConfirmation(jc_application(day(2026, 3, 10)))
        ),
        CommandError::JcExcludedRelationship(PersonalStatus::Marriage)
    );
}

#[test]
fn a_rejected_confirmation_leads_to_re_mediation_with_consent_or_to_closing_with_notice() {
    // Civil Procedure Law Art 206; PML Art 33 para 3.
    let (mut tablet, state) = agreed(Some(day(2026, 4, 1)), None);
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::ApplyJudicialConfirmation(jc_application(day(2026, 3, 10))),
    );
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::RecordJcRuling {
            ruling: JcRuling::Rejected,
            on: day(2026, 3, 20),
        },
    );
    assert_eq!(state.status, Status::JcRejected);
    assert_eq!(
        refused(
            &tablet,
            &state,
            CaseCommand::Remediate {
                consenting: vec![pid("p-1")]
            }
        ),
        CommandError::RequiresProcedureRecords(Rule::ConsentOfEveryParty)
    );
    let closing = run(&mut tablet, &state, report());
    assert_eq!(
        refused(&tablet, &closing, CaseCommand::Close),
        CommandError::RequiresProcedureRecords(Rule::OtherRoutesNotice)
    );
    let again = run(
        &mut tablet,
        &state,
        CaseCommand::Remediate { consenting: both() },
    );
    assert_eq!(again.status, Status::InMediation);
}

#[test]
fn a_ruling_needs_a_recorded_application_and_cannot_predate_it() {
    let (mut tablet, state) = agreed(Some(day(2026, 4, 1)), None);
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::ApplyJudicialConfirmation(jc_application(day(2026, 3, 10))),
    );
    assert!(matches!(
        refused(
            &tablet,
            &state,
            CaseCommand::RecordJcRuling {
                ruling: JcRuling::Valid,
                on: day(2026, 3, 9)
            }
        ),
        CommandError::Invalid(_)
    ));
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::RecordJcRuling {
            ruling: JcRuling::Valid,
            on: day(2026, 3, 12),
        },
    );
    assert_eq!(state.status, Status::JcConfirmed);
    let state = run(&mut tablet, &state, CaseCommand::SchedulePerformance);
    assert_eq!(state.status, Status::Performing);
}

// --- #20-#25: performance -------------------------------------------------------------------

#[test]
fn performance_is_scheduled_only_for_obligations_due_later() {
    // PML Arts 29(3), 31.
    let (tablet, state) = agreed(None, None);
    assert_eq!(
        refused(&tablet, &state, CaseCommand::SchedulePerformance),
        CommandError::RequiresProcedureRecords(Rule::AgreementObligations)
    );
}

#[test]
fn performed_requires_every_obligation_done_and_payments_proved() {
    let (mut tablet, state) = agreed(None, None);
    assert_eq!(
        refused(&tablet, &state, CaseCommand::RecordPerformed),
        CommandError::RequiresProcedureRecords(Rule::PerformanceEvidence)
    );
    let state = run(&mut tablet, &state, paid(vec![]));
    assert_eq!(
        refused(&tablet, &state, CaseCommand::RecordPerformed),
        CommandError::RequiresProcedureRecords(Rule::PerformanceEvidence)
    );
    let state = run(&mut tablet, &state, paid(vec!["receipt-1".to_owned()]));
    assert_eq!(
        run(&mut tablet, &state, CaseCommand::RecordPerformed).status,
        Status::Performed
    );
}

#[test]
fn non_performance_needs_an_overdue_report_or_a_follow_up_and_urging_needs_a_follow_up() {
    // PML Arts 31, 32.
    let (mut tablet, state) = agreed(Some(day(2026, 4, 1)), None);
    let state = run(&mut tablet, &state, CaseCommand::SchedulePerformance);
    assert_eq!(
        refused(&tablet, &state, CaseCommand::RecordNonPerformance),
        CommandError::RequiresProcedureRecords(Rule::FollowUpRecord)
    );
    let state = run(
        &mut tablet,
        &state,
        follow_up(PerformanceFound::NotPerformed),
    );
    let state = run(&mut tablet, &state, CaseCommand::RecordNonPerformance);
    assert_eq!(state.status, Status::NonPerformance);
    assert_eq!(
        refused(&tablet, &state, CaseCommand::UrgePerformance),
        CommandError::RequiresProcedureRecords(Rule::FollowUpRecord)
    );
    let urged = run(&mut tablet, &state, follow_up(PerformanceFound::Partial));
    let urged = run(&mut tablet, &urged, CaseCommand::UrgePerformance);
    assert_eq!(urged.status, Status::Performing);
}

#[test]
fn closing_on_non_performance_requires_telling_the_parties_they_may_sue() {
    // PML Arts 32, 33 para 2; Civil Procedure Law Art 250.
    let (mut tablet, state) = agreed(Some(day(2026, 4, 1)), None);
    let state = run(&mut tablet, &state, CaseCommand::SchedulePerformance);
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::UpdateObligation(ObligationUpdate {
            agreement: aid("a-1"),
            obligation: 1,
            status: ObligationStatus::Overdue,
            on: day(2026, 4, 2),
            evidence: vec![],
        }),
    );
    let state = run(&mut tablet, &state, CaseCommand::RecordNonPerformance);
    let state = run(&mut tablet, &state, report());
    assert_eq!(
        refused(&tablet, &state, CaseCommand::Close),
        CommandError::RequiresProcedureRecords(Rule::OtherRoutesNotice)
    );
    let state = run(&mut tablet, &state, notice(NoticeKind::MaySueOrEnforce));
    assert_eq!(
        run(&mut tablet, &state, CaseCommand::Close).status,
        Status::Closed
    );
}

#[test]
fn obligations_due_and_follow_ups_are_listed_by_date() {
    let (mut tablet, state) = agreed(Some(day(2026, 4, 1)), None);
    let state = run(&mut tablet, &state, follow_up(PerformanceFound::NotYetDue));
    let dates = due_dates(&state, &Calendar::shipped());
    assert_eq!(
        dates,
        vec![
            (day(2026, 4, 1), DueItem::Obligation(aid("a-1"), 1)),
            (day(2026, 4, 7), DueItem::JcApplication),
            (day(2026, 5, 10), DueItem::FollowUp),
        ]
    );
}

// --- #26-#28: closing, archive, reopening ---------------------------------------------------

#[test]
fn closing_requires_the_closing_report() {
    let (mut tablet, state) = agreed(None, None);
    let state = run(&mut tablet, &state, paid(vec!["receipt-1".to_owned()]));
    let state = run(&mut tablet, &state, CaseCommand::RecordPerformed);
    assert_eq!(
        refused(&tablet, &state, CaseCommand::Close),
        CommandError::RequiresProcedureRecords(Rule::ClosingReport)
    );
    let state = run(&mut tablet, &state, report());
    assert_eq!(
        run(&mut tablet, &state, CaseCommand::Close).status,
        Status::Closed
    );
}

#[test]
fn archiving_requires_every_mandatory_case_file_item() {
    // PML Art 27 (file the records); the case-file template's mandatory items.
    let (mut tablet, state) = agreed(None, None);
    let state = run(&mut tablet, &state, paid(vec!["receipt-1".to_owned()]));
    let state = run(&mut tablet, &state, CaseCommand::RecordPerformed);
    let state = run(&mut tablet, &state, report());
    let state = run(&mut tablet, &state, CaseCommand::Close);
    let lines = case_file_checklist(&state);
    assert_eq!(lines.len(), 13);
    assert_eq!(lines.iter().filter(|l| l.mandatory).count(), 6);
    let missing: Vec<CaseFileItem> = lines
        .iter()
        .filter(|l| l.required && !l.present)
        .map(|l| l.item)
        .collect();
    assert_eq!(
        missing,
        vec![CaseFileItem::IdentityProof, CaseFileItem::BackCover]
    );
    assert_eq!(
        refused(&tablet, &state, CaseCommand::Archive),
        CommandError::RequiresProcedureRecords(Rule::CaseFileChecklist)
    );
    let mut state = state;
    for item in missing {
        state = run(
            &mut tablet,
            &state,
            CaseCommand::MarkFileItem {
                item,
                present: true,
            },
        );
    }
    assert_eq!(
        run(&mut tablet, &state, CaseCommand::Archive).status,
        Status::Archived
    );
}

#[test]
fn a_case_that_never_reached_mediation_archives_without_record_or_agreement() {
    let (_, state) = assigned_with(DisputeType::Neighbour);
    let lines = case_file_checklist(&state);
    let required: Vec<CaseFileItem> = lines
        .iter()
        .filter(|l| l.required)
        .map(|l| l.item)
        .collect();
    assert_eq!(
        required,
        vec![
            CaseFileItem::Application,
            CaseFileItem::IdentityProof,
            CaseFileItem::BackCover
        ]
    );
}

#[test]
fn reopening_requires_the_consent_of_every_party() {
    // PML Art 33 para 3; re-mediation rests on the parties' will (PML Art 3(1)).
    let (mut tablet, state) = mediating_with(DisputeType::Neighbour);
    let state = run(&mut tablet, &state, notice(NoticeKind::OtherRoutes));
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::Terminate {
            reason: TerminationReason::Failed,
        },
    );
    let state = run(&mut tablet, &state, report());
    let state = run(&mut tablet, &state, CaseCommand::Close);
    assert_eq!(
        refused(
            &tablet,
            &state,
            CaseCommand::Reopen {
                reason: ReopenReason::RevisionRequested,
                consenting: vec![pid("p-2")]
            }
        ),
        CommandError::RequiresProcedureRecords(Rule::ConsentOfEveryParty)
    );
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::Reopen {
            reason: ReopenReason::RevisionRequested,
            consenting: both(),
        },
    );
    assert_eq!(state.status, Status::InMediation);
    // The earlier round's notice and report do not count for the new round.
    assert_eq!(
        refused(
            &tablet,
            &state,
            CaseCommand::Terminate {
                reason: TerminationReason::Failed
            }
        ),
        CommandError::RequiresProcedureRecords(Rule::OtherRoutesNotice)
    );
}

#[test]
fn not_accepting_requires_the_non_acceptance_notice() {
    // MOJ 2002 Regulation Arts 22, 24.
    let mut tablet = Tablet::new("tab-1", "m-1", t(0));
    let case = case_id("c-1");
    tablet.append_case(&case, CaseEvent::Registered(registration()));
    let state = fold(&case, &tablet.log);
    let no = CaseCommand::NotAccept {
        reason: NotAcceptedReason::AlreadyHandled,
    };
    assert_eq!(
        refused(&tablet, &state, no.clone()),
        CommandError::RequiresProcedureRecords(Rule::NonAcceptanceNotice)
    );
    let state = run(&mut tablet, &state, notice(NoticeKind::NonAcceptance));
    assert_eq!(run(&mut tablet, &state, no).status, Status::NotAccepted);
}

// --- #11 and referrals ------------------------------------------------------------------

#[test]
fn escalation_signs_need_preventive_measures_and_a_report_when_crime_is_possible() {
    // PML Art 25; MOJ 2002 Regulation Art 32.
    let (tablet, state) = mediating_with(DisputeType::Neighbour);
    let flag = |measures: &str, reported: bool| {
        CaseCommand::FlagEscalation(Escalation {
            risk_flags: BTreeSet::from([RiskFlag::CivilToCriminal]),
            risk_level: RiskLevel::Red,
            measures: measures.to_owned(),
            reported,
        })
    };
    let CommandError::Invalid(errors) = refused(&tablet, &state, flag("", false)) else {
        panic!("expected field errors");
    };
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, vec!["measures", "reported"]);
    assert!(decide(
        Some(&state),
        flag("Parties kept apart", true),
        &tablet.ctx()
    )
    .is_ok());
}

#[test]
fn referrals_carry_a_response_deadline_until_answered() {
    let (mut tablet, state) = mediating_with(DisputeType::Neighbour);
    let rid = ReferralId::parse("r-1").expect("id");
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::SendReferral(ReferralRecord {
            id: rid.clone(),
            kind: ReferralKind::JointHandling,
            target: ReferralTarget::Administrative,
            to_unit: Some(unit("u-9")),
            to_name: None,
            reason: ReferralReason::NeedsAdministrativeDecision,
            sent_on: day(2026, 3, 3),
            response_days: Some(15),
        }),
    );
    let calendar = Calendar::shipped();
    assert!(due_dates(&state, &calendar)
        .contains(&(day(2026, 3, 18), DueItem::ReferralResponse(rid.clone()))));
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::AcknowledgeReferral {
            referral: rid.clone(),
            on: day(2026, 3, 4),
        },
    );
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::AnswerReferral {
            referral: rid.clone(),
            on: day(2026, 3, 10),
            result: "Permit reissued".to_owned(),
        },
    );
    assert!(!due_dates(&state, &calendar)
        .iter()
        .any(|(_, item)| matches!(item, DueItem::ReferralResponse(_))));
    assert_eq!(
        state.procedure.referrals[0].acknowledged_on,
        Some(day(2026, 3, 4))
    );
}

// --- Wire --------------------------------------------------------------------------------

#[test]
fn every_procedure_event_round_trips_through_its_stored_form() {
    let (mut tablet, state) = agreed(Some(day(2026, 4, 1)), None);
    let state = run(&mut tablet, &state, follow_up(PerformanceFound::NotYetDue));
    let _ = run(&mut tablet, &state, CaseCommand::SchedulePerformance);
    assert!(tablet.log.len() >= 10);
    for event in &tablet.log {
        let back = parse_event_json(&event.to_json()).expect("parses");
        assert_eq!(&back, event);
    }
}

/// One of every procedure payload, with optional fields both present and absent: for the
/// round-trip test and the fold's property-test generator.
pub(crate) fn sample_records() -> Vec<CaseEvent> {
    let mut bare = agreement(AgreementForm::Oral, None);
    bare.number = None;
    bare.obligations[0].amount = None;
    bare.obligations[0].kind = ObligationKind::Apology;
    let mut revision = agreement(AgreementForm::Written, Some(day(2026, 4, 1)));
    revision.id = aid("a-2");
    revision.replaces = Some(aid("a-1"));
    revision.personal_status = Some(PersonalStatus::Adoption);
    let mut unrecorded = session("s-2");
    unrecorded.recorder = None;
    unrecorded.disclosures = BTreeSet::new();
    let CaseCommand::RecordFollowUp(visit) = follow_up(PerformanceFound::Full) else {
        panic!("follow_up builds a follow-up command")
    };
    let rid = ReferralId::parse("r-1").expect("id");
    vec![
        CaseEvent::NoticeGiven(Box::new(Notice {
            kind: NoticeKind::RightsAndDuties,
            parties: both(),
            on: day(2026, 3, 2),
        })),
        CaseEvent::ConsentRecorded {
            party: pid("p-1"),
            decision: ConsentDecision::Consents,
            on: day(2026, 3, 2),
        },
        CaseEvent::ReplacementRequested {
            party: pid("p-2"),
            on: day(2026, 3, 3),
        },
        CaseEvent::ModeChosen {
            mode: casebook::domain::procedure::MediationMode::Private,
        },
        CaseEvent::SessionRecorded(Box::new(session("s-1"))),
        CaseEvent::SessionRecorded(Box::new(unrecorded)),
        CaseEvent::AgreementDrafted(Box::new(bare)),
        CaseEvent::AgreementDrafted(Box::new(revision)),
        CaseEvent::AgreementSigned {
            agreement: aid("a-1"),
            signatures: all_signed(),
        },
        CaseEvent::AgreementSigned {
            agreement: aid("a-2"),
            signatures: Signatures::default(),
        },
        CaseEvent::ObligationUpdated(Box::new(ObligationUpdate {
            agreement: aid("a-1"),
            obligation: 1,
            status: ObligationStatus::Partial,
            on: day(2026, 3, 20),
            evidence: vec!["receipt-1".to_owned()],
        })),
        CaseEvent::FollowUpRecorded(Box::new(visit)),
        CaseEvent::TimeLimitExtended {
            to: day(2026, 4, 30),
            consenting: both(),
        },
        CaseEvent::AppraisalStarted {
            on: day(2026, 3, 9),
        },
        CaseEvent::AppraisalEnded {
            on: day(2026, 3, 13),
        },
        CaseEvent::ReferralSent(Box::new(ReferralRecord {
            id: rid.clone(),
            kind: ReferralKind::PoliceReport,
            target: ReferralTarget::Police,
            to_unit: None,
            to_name: Some("Dongcheng police station".to_owned()),
            reason: ReferralReason::CriminalElement,
            sent_on: day(2026, 3, 3),
            response_days: None,
        })),
        CaseEvent::ReferralAcknowledged {
            referral: rid.clone(),
            on: day(2026, 3, 4),
        },
        CaseEvent::ReferralAnswered {
            referral: rid,
            on: day(2026, 3, 10),
            result: "Case opened".to_owned(),
        },
        CaseEvent::ClosingReportFiled(Box::new(ClosingReport {
            closed_on: day(2026, 4, 20),
            summary: "Closed".to_owned(),
        })),
        CaseEvent::FileItemMarked {
            item: CaseFileItem::BackCover,
            present: true,
        },
    ]
}

#[test]
fn every_procedure_payload_kind_round_trips_and_unknown_fields_are_rejected() {
    let mut tablet = Tablet::new("tab-1", "m-1", t(0));
    let case = case_id("c-1");
    for payload in sample_records() {
        let event = tablet.append_case(&case, payload);
        let text = event.to_json();
        let back = parse_event_json(&text).unwrap_or_else(|e| panic!("{e:?} in {text}"));
        assert_eq!(back, event);
        assert_eq!(back.to_json(), text);
    }
    // A field this version does not know would be dropped on re-encoding: rejected.
    let session = tablet.log[4].to_json();
    let mut value: serde_json::Value = serde_json::from_str(&session).expect("json");
    value["payload"]["session"]["mood"] = serde_json::json!("calm");
    assert!(parse_event_json(&value.to_string()).is_err());
}

#[test]
fn performing_becomes_performed_once_every_obligation_is_proved() {
    // Transition 25; the receipt is case-file item 9.
    let (mut tablet, state) = agreed(Some(day(2026, 4, 1)), None);
    let state = run(&mut tablet, &state, CaseCommand::SchedulePerformance);
    let state = run(
        &mut tablet,
        &state,
        paid(vec!["transfer-slip-1".to_owned()]),
    );
    let state = run(&mut tablet, &state, CaseCommand::RecordPerformed);
    assert_eq!(state.status, Status::Performed);
    assert!(due_dates(&state, &Calendar::shipped()).is_empty());
}

#[test]
fn a_referred_out_case_closes_with_its_closing_report() {
    // Transition 26 from REFERRED_OUT.
    let (mut tablet, state) = mediating_with(DisputeType::Neighbour);
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::ReferOut(super::support::referral()),
    );
    assert_eq!(
        refused(&tablet, &state, CaseCommand::Close),
        CommandError::RequiresProcedureRecords(Rule::ClosingReport)
    );
    let state = run(&mut tablet, &state, report());
    assert_eq!(
        run(&mut tablet, &state, CaseCommand::Close).status,
        Status::Closed
    );
}

// --- The steps the case page offers -------------------------------------------------------

#[test]
fn the_case_page_offers_the_steps_each_stage_allows() {
    use casebook::routes::Step;
    let (_, assigned) = assigned_with(DisputeType::Neighbour);
    let offered = Step::offered(&assigned);
    for step in [Step::Notice, Step::Consent, Step::Start, Step::Session] {
        assert!(offered.contains(&step), "assigned: {step:?} in {offered:?}");
    }
    assert!(
        !offered.contains(&Step::Agreement),
        "no agreement before mediation starts"
    );

    let (mut tablet, mediating) = mediating_with(DisputeType::Neighbour);
    let offered = Step::offered(&mediating);
    assert!(offered.contains(&Step::Agreement) && offered.contains(&Step::Terminate));
    assert!(!offered.contains(&Step::Start) && !offered.contains(&Step::Appraisal));
    assert!(
        !offered.contains(&Step::Effect),
        "nothing to put into effect without a draft"
    );
    let (_, medical) = mediating_with(DisputeType::Medical);
    assert!(Step::offered(&medical).contains(&Step::Appraisal));

    let state = with_session(&mut tablet, &mediating);
    let state = run(
        &mut tablet,
        &state,
        CaseCommand::DraftAgreement(agreement(AgreementForm::Written, None)),
    );
    let offered = Step::offered(&state);
    assert!(offered.contains(&Step::Signatures) && offered.contains(&Step::Effect));

    let (_, agreed) = agreed(Some(day(2026, 4, 1)), None);
    let offered = Step::offered(&agreed);
    for step in [
        Step::Jc,
        Step::Performance,
        Step::Obligation,
        Step::FollowUp,
    ] {
        assert!(offered.contains(&step), "agreed: {step:?} in {offered:?}");
    }
    assert!(!offered.contains(&Step::Agreement) && !offered.contains(&Step::Close));
}
