//! Commands: what a user asks for, checked against the case's current state, and turned into
//! sealed events or a typed refusal.
//!
//! Every lifecycle transition of docs/events.md exists as a command. A step whose guard needs a
//! procedure record (consent, notices, session records, agreements, judicial confirmation,
//! follow-ups, the closing report, the case-file checklist) refuses with
//! [`CommandError::RequiresProcedureRecords`] until that record exists; the records themselves
//! are entered with the data commands below (`GiveNotice`, `RecordConsent`, `RecordSession` …).

use std::collections::BTreeSet;

use super::calendar::{Calendar, DaySetting};
use super::case::{
    Acceptance, AcceptanceBasis, AgreementForm, CaseChange, DismissalReason, Escalation, Intake,
    JcRuling, NotAcceptedReason, ObjectionCheck, Referral, ReopenReason, ReplacementReason,
    RiskFlag, TerminationReason, Triage,
};
use super::case_number::CaseNumber;
use super::case_state::{CaseState, ConflictKind};
use super::conflict::AcknowledgedWarning;
use super::deadline::{jc_application_deadline, mediation_deadline};
use super::dispute::DisputeType;
use super::event::{
    CalendarEvent, CaseEvent, ChainHead, Event, EventBody, MediatorEvent, OrgUnitEvent,
    Registration, ScreeningEvent, UnsealedEvent,
};
use super::fold;
use super::ids::{AgreementId, CaseId, DeviceId, EventId, MediatorId, PartyId, ReferralId};
use super::lead::Lead;
use super::lifecycle::{Rule, Status, Transition};
use super::org::{Mediator, OrgUnit};
use super::party::Party;
use super::procedure::{
    case_file_checklist, Agreement, AgreementGap, CaseFileItem, ClosingReport, ConsentDecision,
    FollowUp, JcApplication, MediationMode, Notice, NoticeKind, ObligationKind, ObligationStatus,
    ObligationUpdate, PerformanceFound, PersonalStatus, ReferralRecord, Session, SessionKind,
    Signatures,
};
use super::screening::{ScreeningLog, ScreeningOutcome};
use super::time::{Date, Timestamp};
use super::validate::{self, FieldError, FieldErrorCode, MAX_LONG};

/// Who is acting, on which device, where its log ends, and what time the shell read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandContext {
    /// The acting mediator.
    pub author: MediatorId,
    /// This device.
    pub device: DeviceId,
    /// The end of this device's log.
    pub head: ChainHead,
    /// The clock reading.
    pub now: Timestamp,
}

/// Something a user asks to do to a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseCommand {
    /// #1 Record a lead under a new case id.
    RecordLead {
        /// New case id (from the shell).
        case: CaseId,
        /// The lead.
        lead: Lead,
    },
    /// #3 Register a case directly.
    Register {
        /// New case id (from the shell).
        case: CaseId,
        /// Number from `allocate_case_number`.
        number: CaseNumber,
        /// Footing.
        acceptance: Acceptance,
        /// Registration form.
        intake: Intake,
    },
    /// #2 Convert a lead into a registered case.
    ConvertLead {
        /// Number from `allocate_case_number`.
        number: CaseNumber,
        /// Footing.
        acceptance: Acceptance,
        /// Registration form.
        intake: Intake,
    },
    /// #2b Dismiss a lead.
    DismissLead {
        /// Why.
        reason: DismissalReason,
    },
    /// #4 Do not accept.
    NotAccept {
        /// Why.
        reason: NotAcceptedReason,
    },
    /// #5 Triage.
    Triage(Triage),
    /// #6, #16 Refer out.
    ReferOut(Referral),
    /// #7 Designate the presiding mediator.
    AssignMediator {
        /// Presiding mediator.
        presiding: MediatorId,
        /// Co-mediators.
        co_mediators: Vec<MediatorId>,
        /// Chosen by the parties.
        chosen_by_parties: bool,
    },
    /// #8 Replace the presiding mediator.
    ReplaceMediator {
        /// New presiding mediator.
        presiding: MediatorId,
        /// Co-mediators.
        co_mediators: Vec<MediatorId>,
        /// Why.
        reason: ReplacementReason,
    },
    /// #9 Start mediation.
    StartMediation,
    /// #10 Record a session or investigation (participants invited with the parties' consent
    /// are part of the record, PML Art 20).
    RecordSession(Session),
    /// #10 Extend the time limit to a day every party agreed to.
    ExtendTimeLimit {
        /// The new last day.
        to: Date,
        /// The parties consenting.
        consenting: Vec<PartyId>,
    },
    /// A medical appraisal starts (its time is excluded from the 30 working days).
    StartAppraisal {
        /// First day.
        on: Date,
    },
    /// The medical appraisal came back.
    EndAppraisal {
        /// Last day.
        on: Date,
    },
    /// Record that parties were given a notice.
    GiveNotice(Notice),
    /// Record a party's acceptance or refusal of mediation.
    RecordConsent {
        /// The party.
        party: PartyId,
        /// Accepts or refuses.
        decision: ConsentDecision,
        /// When.
        on: Date,
    },
    /// Record a party's request to replace the presiding mediator.
    RequestReplacement {
        /// The party.
        party: PartyId,
        /// When.
        on: Date,
    },
    /// Record the parties' choice of public or non-public mediation.
    ChooseMode(MediationMode),
    /// Draft an agreement, or replace a draft not yet in effect.
    DraftAgreement(Agreement),
    /// Mark a written agreement's signature slots captured.
    MarkSignatures {
        /// The agreement.
        agreement: AgreementId,
        /// The slots.
        signatures: Signatures,
    },
    /// Report an obligation's performance.
    UpdateObligation(ObligationUpdate),
    /// Record a follow-up visit.
    RecordFollowUp(FollowUp),
    /// Send a referral, transfer, upward report, joint-handling request or police report.
    SendReferral(ReferralRecord),
    /// Record that a referral was acknowledged.
    AcknowledgeReferral {
        /// The referral.
        referral: ReferralId,
        /// When.
        on: Date,
    },
    /// Record a referral's result.
    AnswerReferral {
        /// The referral.
        referral: ReferralId,
        /// When.
        on: Date,
        /// What it reported.
        result: String,
    },
    /// File the closing report.
    FileClosingReport(ClosingReport),
    /// Mark a case-file item as filed or missing.
    MarkFileItem {
        /// The item.
        item: CaseFileItem,
        /// Filed or not.
        present: bool,
    },
    /// #11 Flag escalation signs on an open case.
    FlagEscalation(Escalation),
    /// #12, #13 Record that a drafted (and, if written, signed) agreement took effect.
    RecordAgreement {
        /// The agreement.
        agreement: AgreementId,
    },
    /// #14, #15 Terminate mediation.
    Terminate {
        /// Why.
        reason: TerminationReason,
    },
    /// #17 Apply for judicial confirmation.
    ApplyJudicialConfirmation(JcApplication),
    /// #18 Record the court's ruling.
    RecordJcRuling {
        /// The ruling.
        ruling: JcRuling,
        /// The day of the ruling.
        on: Date,
    },
    /// #19 Mediate again after rejection.
    Remediate {
        /// The parties consenting (every party).
        consenting: Vec<PartyId>,
    },
    /// #20 Obligations are due later.
    SchedulePerformance,
    /// #21, #25 Everything is performed.
    RecordPerformed,
    /// #22 An obligation is overdue or disputed.
    RecordNonPerformance,
    /// #23 Urge performance.
    UrgePerformance,
    /// #24, #26 Close.
    Close,
    /// #27 Archive.
    Archive,
    /// #28 Reopen.
    Reopen {
        /// Why.
        reason: ReopenReason,
        /// The parties consenting (every party).
        consenting: Vec<PartyId>,
    },
    /// Set case fields.
    Edit {
        /// The changes.
        changes: Vec<CaseChange>,
    },
    /// Add a party (new id).
    AddParty(Party),
    /// Replace a party's record.
    UpdateParty(Party),
    /// Remove a party.
    RemoveParty(PartyId),
    /// Acknowledge a conflict-of-interest or prior-dispute warning.
    AcknowledgeWarning(AcknowledgedWarning),
    /// Undo an edit by a compensating event.
    Revert {
        /// The edit to undo.
        event: EventId,
    },
}

/// Why a command was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    /// A creating command for a case that exists.
    #[error("case already exists")]
    CaseAlreadyExists,
    /// A command for a case that does not exist (or whose creation has not arrived).
    #[error("case not found")]
    CaseNotFound,
    /// The lifecycle table does not allow this step from the current status.
    #[error("{transition:?} is not allowed from {from:?}")]
    InvalidTransition {
        /// Current status.
        from: Status,
        /// Step attempted.
        transition: Transition,
    },
    /// The command needs the case in another status.
    #[error("not allowed in status {0}")]
    WrongStatus(Status),
    /// The guard needs a procedural record the core does not hold yet.
    #[error("requires procedure records: {0}")]
    RequiresProcedureRecords(Rule),
    /// Taking up a case needs a party's application, or own initiative with no party objecting
    /// (人民调解法 Art 17; 人民调解工作若干规定 Art 23).
    #[error("requires an application or confirmation that no party objects")]
    RequiresApplicationOrNoObjection,
    /// A party expressly refuses mediation, which bars it (人民调解法 Art 17).
    #[error("a party refuses mediation")]
    PartyRefusesMediation,
    /// The case number is for another year than the registration.
    #[error("case number is for another year")]
    NumberOfAnotherYear,
    /// Termination for the time limit applies to medical disputes only (医疗纠纷预防和处理条例
    /// Art 38).
    #[error("time-limit termination is for medical disputes only")]
    TimeLimitOnlyForMedicalDisputes,
    /// The replacement is the current presiding mediator.
    #[error("the new presiding mediator is the current one")]
    SameMediator,
    /// An archived case cannot be changed.
    #[error("case is archived")]
    Frozen,
    /// An edit with no changes.
    #[error("nothing to change")]
    NothingToChange,
    /// A party with this id exists.
    #[error("party already exists")]
    PartyAlreadyExists(PartyId),
    /// A party removed earlier cannot come back under the same id.
    #[error("party was removed")]
    PartyWasRemoved(PartyId),
    /// No such party on the case.
    #[error("no such party")]
    UnknownParty(PartyId),
    /// The warning is already acknowledged.
    #[error("warning already acknowledged")]
    AlreadyAcknowledged,
    /// The event is not an edit of this case, or is already reverted.
    #[error("event cannot be reverted")]
    NotRevertible(EventId),
    /// Field errors, all at once.
    #[error("invalid fields")]
    Invalid(Vec<FieldError>),
    /// The agreement cannot take effect yet; exactly what is missing (PML Arts 28-30).
    #[error("agreement incomplete")]
    AgreementIncomplete(Vec<AgreementGap>),
    /// No agreement or referral with this id on the case, or not the one in effect.
    #[error("no such record")]
    UnknownRecord,
    /// The agreement is in effect: a change is a new agreement that replaces it (PML Art 33
    /// para 3).
    #[error("agreement already in effect")]
    AgreementInEffect,
    /// A party asked for the mediator to be replaced; nothing proceeds until the committee has
    /// replaced them (MOJ 2002 Regulation Art 25).
    #[error("a request to replace the mediator is pending")]
    ReplacementPending,
    /// Courts do not confirm agreements on identity, adoption or marriage relationships (SPC 2011
    /// Provisions on Judicial Confirmation Art 4).
    #[error("judicial confirmation is not available for this relationship")]
    JcExcludedRelationship(PersonalStatus),
    /// The 30 days for applying for judicial confirmation ended on `last_day` (PML Art 33; Civil
    /// Procedure Law Art 205).
    #[error("the window for judicial confirmation closed on {last_day}")]
    JcWindowClosed {
        /// The last day of the window.
        last_day: Date,
    },
}

fn require(met: bool, rule: Rule) -> Result<(), CommandError> {
    if met {
        Ok(())
    } else {
        Err(CommandError::RequiresProcedureRecords(rule))
    }
}

fn field(path: &str, code: FieldErrorCode) -> CommandError {
    CommandError::Invalid(vec![FieldError::new(path, code)])
}

fn party_ids(state: &CaseState) -> Vec<PartyId> {
    state.parties.iter().map(|p| p.id.clone()).collect()
}

/// Whether `listed` names every party of the case (and the case has parties).
fn every_party(state: &CaseState, listed: &[PartyId]) -> bool {
    !state.parties.is_empty() && state.parties.iter().all(|p| listed.contains(&p.id))
}

fn unknown_parties<'a>(
    state: &CaseState,
    path: &str,
    ids: impl IntoIterator<Item = &'a PartyId>,
) -> Result<(), CommandError> {
    if ids.into_iter().all(|id| state.party(id).is_some()) {
        Ok(())
    } else {
        Err(field(path, FieldErrorCode::UnknownChoice))
    }
}

/// When the current stretch of the case began: its last entry into its current status.
fn entered_current_status(state: &CaseState) -> Timestamp {
    state.history.last().map_or(state.created_at, |h| h.at)
}

/// When the current mediation began: the last start, reopening or re-mediation (a notice or
/// report from an earlier round does not count for this one).
fn mediation_round_start(state: &CaseState) -> Timestamp {
    state
        .history
        .iter()
        .rev()
        .find(|h| h.to == Status::InMediation && h.from != Some(Status::InMediation))
        .map_or(state.created_at, |h| h.at)
}

/// Whether every party (or, on a case without parties, someone) was given a notice of `kind`
/// at or after `since`.
fn told(state: &CaseState, kind: NoticeKind, since: Timestamp) -> bool {
    let p = &state.procedure;
    if state.parties.is_empty() {
        p.notices
            .iter()
            .any(|n| n.at >= since && n.record.kind == kind)
    } else {
        p.told(kind, &party_ids(state), since)
    }
}

/// One party's refusal bars mediation, and a party may refuse at any time (PML Arts 17, 23(2)).
fn no_refusal(state: &CaseState) -> Result<(), CommandError> {
    let refused = state
        .procedure
        .consents
        .values()
        .any(|(d, _)| *d == ConsentDecision::Refuses);
    if refused {
        Err(CommandError::PartyRefusesMediation)
    } else {
        Ok(())
    }
}

/// A replacement request made after the latest designation of the presiding mediator must be
/// honoured first (MOJ 2002 Regulation Art 25).
fn no_pending_replacement(state: &CaseState) -> Result<(), CommandError> {
    let designated = state
        .history
        .iter()
        .rev()
        .find(|h| {
            matches!(
                h.transition,
                Transition::Assign | Transition::ReplaceMediator
            )
        })
        .map(|h| h.at);
    let pending = state
        .procedure
        .replacement_requests
        .iter()
        .any(|r| designated.is_none_or(|d| r.at > d));
    if pending {
        Err(CommandError::ReplacementPending)
    } else {
        Ok(())
    }
}

fn is_medical(state: &CaseState) -> bool {
    state
        .dispute
        .as_ref()
        .is_some_and(|d| d.primary() == DisputeType::Medical)
}

fn not_frozen(state: &CaseState) -> Result<(), CommandError> {
    if state.status.is_frozen() {
        Err(CommandError::Frozen)
    } else {
        Ok(())
    }
}

fn in_status(state: &CaseState, allowed: &[Status]) -> Result<(), CommandError> {
    if allowed.contains(&state.status) {
        Ok(())
    } else {
        Err(CommandError::WrongStatus(state.status))
    }
}

fn check_session(state: &CaseState, session: &Session) -> Result<(), CommandError> {
    let mut errors = Vec::new();
    if session.place.trim().is_empty() {
        errors.push(FieldError::new("place", FieldErrorCode::Required));
    }
    if session.mediators.is_empty() {
        errors.push(FieldError::new("mediators", FieldErrorCode::Required));
    }
    // The record is read back to, or checked by, the parties before they sign (PML Art 27).
    if !session.read_back {
        errors.push(FieldError::new("read_back", FieldErrorCode::Required));
    }
    let known = |id: &PartyId| state.party(id).is_some();
    if !session.present_parties.iter().all(known) {
        errors.push(FieldError::new(
            "present_parties",
            FieldErrorCode::UnknownChoice,
        ));
    }
    if !session.statements.iter().all(|s| known(&s.party)) {
        errors.push(FieldError::new("statements", FieldErrorCode::UnknownChoice));
    }
    if !errors.is_empty() {
        return Err(CommandError::Invalid(errors));
    }
    // Participants are invited only with the parties' consent (PML Art 20).
    require(
        session.participants.is_empty() || every_party(state, &session.participants_consented_by),
        Rule::ParticipantConsent,
    )
}

/// Builds and seals the next event of this device. Its time is the clock reading, raised so it
/// never precedes the device's previous event nor the case's latest event: a device with a slow
/// clock still orders its edit after the events it has seen (a hybrid logical clock).
fn emit(ctx: &CommandContext, state: Option<&CaseState>, body: EventBody) -> Event {
    let floor_device = ctx.head.last_at.unwrap_or(ctx.now);
    let floor_case = state.map_or(ctx.now, |s| s.updated_at.plus_millis(1));
    let at = ctx.now.max(floor_device).max(floor_case);
    Event::seal(UnsealedEvent {
        author: ctx.author.clone(),
        device: ctx.device.clone(),
        seq: ctx.head.next_seq,
        prev: ctx.head.prev.clone(),
        at,
        body,
    })
}

fn one(
    ctx: &CommandContext,
    state: Option<&CaseState>,
    case: &CaseId,
    payload: CaseEvent,
) -> Vec<Event> {
    vec![emit(
        ctx,
        state,
        EventBody::Case {
            case: case.clone(),
            payload,
        },
    )]
}

fn step(state: &CaseState, transition: Transition) -> Result<Status, CommandError> {
    transition
        .target(Some(state.status))
        .ok_or(CommandError::InvalidTransition {
            from: state.status,
            transition,
        })
}

fn check_acceptance(
    acceptance: &Acceptance,
    intake: &Intake,
    number: &CaseNumber,
    ctx: &CommandContext,
) -> Result<(), CommandError> {
    if acceptance.objection == ObjectionCheck::Raised {
        return Err(CommandError::PartyRefusesMediation);
    }
    if acceptance.basis == AcceptanceBasis::OwnInitiative
        && acceptance.objection != ObjectionCheck::NoneRaised
    {
        return Err(CommandError::RequiresApplicationOrNoObjection);
    }
    let errors = validate::check_registration(intake, acceptance);
    if !errors.is_empty() {
        return Err(CommandError::Invalid(errors));
    }
    if i32::from(number.year()) != ctx.now.china_date().year() {
        return Err(CommandError::NumberOfAnotherYear);
    }
    Ok(())
}

fn check_mediators(presiding: &MediatorId, co: &[MediatorId]) -> Result<(), CommandError> {
    let mut errors = Vec::new();
    if co.contains(presiding) {
        errors.push(FieldError::new(
            "co_mediators",
            FieldErrorCode::PresidingIsCoMediator,
        ));
    }
    let unique: BTreeSet<&MediatorId> = co.iter().collect();
    if unique.len() != co.len() {
        errors.push(FieldError::new("co_mediators", FieldErrorCode::Duplicate));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CommandError::Invalid(errors))
    }
}

/// The refusal matching a fold conflict (the guards above make these unreachable in practice).
fn refusal(conflict: ConflictKind) -> CommandError {
    match conflict {
        ConflictKind::PartyWasRemoved(party) => CommandError::PartyWasRemoved(party),
        ConflictKind::UnknownParty(party) => CommandError::UnknownParty(party),
        ConflictKind::NotRevertible(event) => CommandError::NotRevertible(event),
        ConflictKind::UnknownRecord => CommandError::UnknownRecord,
        ConflictKind::Frozen
        | ConflictKind::BeforeCreation
        | ConflictKind::InvalidTransition { .. } => CommandError::Frozen,
    }
}

/// Emits a data event after checking that it introduces no new missing-field error.
fn data_event(
    state: &CaseState,
    ctx: &CommandContext,
    payload: CaseEvent,
) -> Result<Vec<Event>, CommandError> {
    if state.status.is_frozen() {
        return Err(CommandError::Frozen);
    }
    let events = one(ctx, Some(state), &state.id, payload);
    let mut preview = Some(state.clone());
    for event in &events {
        if let Some(payload) = event.case_payload() {
            fold::apply(&mut preview, event, payload).map_err(refusal)?;
        }
    }
    let before = validate::check_case(state);
    let after = preview
        .as_ref()
        .map(validate::check_case)
        .unwrap_or_default();
    let new: Vec<FieldError> = after.into_iter().filter(|e| !before.contains(e)).collect();
    if new.is_empty() {
        Ok(events)
    } else {
        Err(CommandError::Invalid(new))
    }
}

/// Decides what a command does to a case with the shipped holiday calendar (see
/// [`decide_with_calendar`]).
pub fn decide(
    state: Option<&CaseState>,
    command: CaseCommand,
    ctx: &CommandContext,
) -> Result<Vec<Event>, CommandError> {
    decide_with_calendar(state, command, ctx, &Calendar::shipped())
}

/// Decides what a command does to a case: the events to append, or why not.
///
/// `state` is the case's current fold (`None` for a case that does not exist yet); `calendar`
/// is the directory's (`Directory::calendar`), which time-limit guards count with. The events
/// returned are sealed, numbered from `ctx.head.next_seq` and chained to `ctx.head.prev`.
pub fn decide_with_calendar(
    state: Option<&CaseState>,
    command: CaseCommand,
    ctx: &CommandContext,
    calendar: &Calendar,
) -> Result<Vec<Event>, CommandError> {
    use CaseCommand as C;
    let state = match (state, &command) {
        (Some(_), C::RecordLead { .. } | C::Register { .. }) => {
            return Err(CommandError::CaseAlreadyExists);
        }
        (None, C::RecordLead { case, lead }) => {
            if lead.description.trim().is_empty() {
                let error = FieldError::new("description", FieldErrorCode::Required);
                return Err(CommandError::Invalid(vec![error]));
            }
            return Ok(one(
                ctx,
                None,
                case,
                CaseEvent::LeadRecorded(Box::new(lead.clone())),
            ));
        }
        (
            None,
            C::Register {
                case,
                number,
                acceptance,
                intake,
            },
        ) => {
            check_acceptance(acceptance, intake, number, ctx)?;
            let registration = Registration {
                number: number.clone(),
                acceptance: *acceptance,
                intake: intake.clone(),
            };
            return Ok(one(
                ctx,
                None,
                case,
                CaseEvent::Registered(Box::new(registration)),
            ));
        }
        (None, _) => return Err(CommandError::CaseNotFound),
        (Some(state), _) => state,
    };
    let case = &state.id;
    let emit1 = |payload| Ok(one(ctx, Some(state), case, payload));
    match command {
        C::RecordLead { .. } | C::Register { .. } => Err(CommandError::CaseAlreadyExists),
        C::ConvertLead {
            number,
            acceptance,
            intake,
        } => {
            step(state, Transition::ConvertLead)?;
            check_acceptance(&acceptance, &intake, &number, ctx)?;
            let registration = Registration {
                number,
                acceptance,
                intake,
            };
            emit1(CaseEvent::LeadConverted(Box::new(registration)))
        }
        C::DismissLead { reason } => {
            step(state, Transition::DismissLead)?;
            emit1(CaseEvent::LeadDismissed { reason })
        }
        C::NotAccept { reason } => {
            step(state, Transition::NotAccept)?;
            require(
                told(state, NoticeKind::NonAcceptance, state.created_at),
                Rule::NonAcceptanceNotice,
            )?;
            emit1(CaseEvent::NotAccepted { reason })
        }
        C::Triage(triage) => {
            step(state, Transition::Triage)?;
            emit1(CaseEvent::Triaged(Box::new(triage)))
        }
        C::ReferOut(referral) => {
            step(state, Transition::ReferOut)?;
            names_its_target(referral.to_unit.is_some(), referral.to_name.as_deref())?;
            emit1(CaseEvent::ReferredOut(Box::new(referral)))
        }
        C::AssignMediator {
            presiding,
            co_mediators,
            chosen_by_parties,
        } => {
            step(state, Transition::Assign)?;
            check_mediators(&presiding, &co_mediators)?;
            emit1(CaseEvent::MediatorAssigned {
                presiding,
                co_mediators,
                chosen_by_parties,
            })
        }
        C::ReplaceMediator {
            presiding,
            co_mediators,
            reason,
        } => {
            step(state, Transition::ReplaceMediator)?;
            if state.presiding.as_ref() == Some(&presiding) {
                return Err(CommandError::SameMediator);
            }
            check_mediators(&presiding, &co_mediators)?;
            emit1(CaseEvent::MediatorReplaced {
                presiding,
                co_mediators,
                reason,
            })
        }
        C::StartMediation => {
            step(state, Transition::StartMediation)?;
            no_refusal(state)?;
            let consents = &state.procedure.consents;
            require(
                every_party(state, &consents.keys().cloned().collect::<Vec<_>>()),
                Rule::ConsentOfEveryParty,
            )?;
            require(
                told(state, NoticeKind::RightsAndDuties, state.created_at),
                Rule::RightsNoticeAcknowledged,
            )?;
            no_pending_replacement(state)?;
            emit1(CaseEvent::MediationStarted)
        }
        C::RecordSession(session) => {
            let allowed: &[Status] = if session.kind == SessionKind::Investigation {
                &[Status::Assigned, Status::InMediation]
            } else {
                &[Status::InMediation]
            };
            in_status(state, allowed)?;
            no_refusal(state)?;
            no_pending_replacement(state)?;
            check_session(state, &session)?;
            data_event(state, ctx, CaseEvent::SessionRecorded(Box::new(session)))
        }
        C::ExtendTimeLimit { to, consenting } => {
            in_status(state, &[Status::InMediation])?;
            // Extension only with both parties' consent (MOJ 2002 Regulation Art 33 sets the
            // one-month norm; local regulations allow continuing with both parties' consent).
            require(every_party(state, &consenting), Rule::ExtensionConsent)?;
            let current = mediation_deadline(state, calendar).and_then(|d| d.last_day());
            if current.is_some_and(|d| to <= d) {
                return Err(field("to", FieldErrorCode::OutOfRange));
            }
            data_event(state, ctx, CaseEvent::TimeLimitExtended { to, consenting })
        }
        C::StartAppraisal { on } => {
            in_status(state, &[Status::InMediation])?;
            if !is_medical(state) {
                return Err(CommandError::TimeLimitOnlyForMedicalDisputes);
            }
            if state.procedure.appraisals.iter().any(|(_, e)| e.is_none()) {
                return Err(field("on", FieldErrorCode::Duplicate));
            }
            data_event(state, ctx, CaseEvent::AppraisalStarted { on })
        }
        C::EndAppraisal { on } => {
            let Some((started, _)) = state.procedure.appraisals.iter().find(|(_, e)| e.is_none())
            else {
                return Err(CommandError::UnknownRecord);
            };
            if on < *started {
                return Err(field("on", FieldErrorCode::OutOfRange));
            }
            data_event(state, ctx, CaseEvent::AppraisalEnded { on })
        }
        C::GiveNotice(notice) => {
            not_frozen(state)?;
            if notice.parties.is_empty() && !state.parties.is_empty() {
                return Err(field("parties", FieldErrorCode::Required));
            }
            unknown_parties(state, "parties", &notice.parties)?;
            data_event(state, ctx, CaseEvent::NoticeGiven(Box::new(notice)))
        }
        C::RecordConsent {
            party,
            decision,
            on,
        } => {
            if !state.status.is_open() || !state.status.is_registered() {
                return Err(CommandError::WrongStatus(state.status));
            }
            if state.party(&party).is_none() {
                return Err(CommandError::UnknownParty(party));
            }
            data_event(
                state,
                ctx,
                CaseEvent::ConsentRecorded {
                    party,
                    decision,
                    on,
                },
            )
        }
        C::RequestReplacement { party, on } => {
            in_status(state, &[Status::Assigned, Status::InMediation])?;
            if state.party(&party).is_none() {
                return Err(CommandError::UnknownParty(party));
            }
            data_event(state, ctx, CaseEvent::ReplacementRequested { party, on })
        }
        C::ChooseMode(mode) => {
            in_status(state, &[Status::Assigned, Status::InMediation])?;
            data_event(state, ctx, CaseEvent::ModeChosen { mode })
        }
        C::FlagEscalation(escalation) => {
            if !state.status.is_open() {
                return Err(CommandError::WrongStatus(state.status));
            }
            let mut errors = Vec::new();
            // Signs of escalation call for targeted preventive measures, and a possible
            // public-order or criminal case must be reported (PML Art 25).
            if escalation.measures.trim().is_empty() {
                errors.push(FieldError::new("measures", FieldErrorCode::Required));
            }
            if escalation.measures.chars().count() > MAX_LONG {
                errors.push(FieldError::new(
                    "measures",
                    FieldErrorCode::TooLong { max: MAX_LONG },
                ));
            }
            if escalation.risk_flags.contains(&RiskFlag::CivilToCriminal) && !escalation.reported {
                errors.push(FieldError::new("reported", FieldErrorCode::Required));
            }
            if !errors.is_empty() {
                return Err(CommandError::Invalid(errors));
            }
            data_event(
                state,
                ctx,
                CaseEvent::EscalationFlagged(Box::new(escalation)),
            )
        }
        C::DraftAgreement(agreement) => {
            in_status(state, &[Status::InMediation])?;
            no_refusal(state)?;
            let p = &state.procedure;
            // An agreement once in effect is never redrafted: a change is a new agreement that
            // replaces it (PML Art 33 para 3), so the signed page stays what was signed.
            let in_effect = p
                .effective
                .as_ref()
                .is_some_and(|(e, _)| e == &agreement.id)
                || p.agreement(&agreement.id).is_some_and(|a| a.replaced);
            if in_effect {
                return Err(CommandError::AgreementInEffect);
            }
            if let Some(old) = &agreement.replaces {
                if p.agreement(old).is_none() {
                    return Err(CommandError::UnknownRecord);
                }
            }
            data_event(state, ctx, CaseEvent::AgreementDrafted(Box::new(agreement)))
        }
        C::MarkSignatures {
            agreement,
            signatures,
        } => {
            not_frozen(state)?;
            let p = &state.procedure;
            let Some(record) = p.agreement(&agreement) else {
                return Err(CommandError::UnknownRecord);
            };
            if record.agreement.form != AgreementForm::Written {
                return Err(field("form", FieldErrorCode::UnknownChoice));
            }
            if p.effective.as_ref().is_some_and(|(e, _)| e == &agreement) {
                return Err(CommandError::AgreementInEffect);
            }
            let bound = &record.agreement.parties;
            if !signatures.parties.iter().all(|s| bound.contains(&s.party)) {
                return Err(field("signatures.parties", FieldErrorCode::UnknownChoice));
            }
            data_event(
                state,
                ctx,
                CaseEvent::AgreementSigned {
                    agreement,
                    signatures,
                },
            )
        }
        C::RecordAgreement { agreement } => {
            step(state, Transition::Agree)?;
            no_refusal(state)?;
            no_pending_replacement(state)?;
            let p = &state.procedure;
            let Some(record) = p.agreement(&agreement) else {
                return Err(CommandError::UnknownRecord);
            };
            // Mediation is recorded (PML Art 27): an agreement needs a mediation record of
            // this round.
            let since = mediation_round_start(state);
            let recorded = p
                .sessions
                .iter()
                .any(|s| s.kind != SessionKind::Investigation && s.at >= since);
            require(recorded, Rule::SessionRecord)?;
            let gaps = record.missing(&party_ids(state));
            if !gaps.is_empty() {
                return Err(CommandError::AgreementIncomplete(gaps));
            }
            let form = record.agreement.form;
            let Some(effective_on) = record.effective_on() else {
                return Err(CommandError::RequiresProcedureRecords(
                    Rule::SignedWrittenAgreement,
                ));
            };
            emit1(CaseEvent::AgreementReached {
                form,
                agreement,
                effective_on,
            })
        }
        C::Terminate { reason } => {
            step(state, Transition::Terminate)?;
            if reason == TerminationReason::TimeLimitExpired {
                if !is_medical(state) {
                    return Err(CommandError::TimeLimitOnlyForMedicalDisputes);
                }
                let today = ctx.now.china_date();
                let elapsed = mediation_deadline(state, calendar).is_some_and(|d| d.elapsed(today));
                require(elapsed, Rule::MedicalTimeLimitElapsed)?;
            }
            require(
                told(state, NoticeKind::OtherRoutes, mediation_round_start(state)),
                Rule::OtherRoutesNotice,
            )?;
            emit1(CaseEvent::Terminated { reason })
        }
        C::ApplyJudicialConfirmation(application) => {
            step(state, Transition::ApplyJudicialConfirmation)?;
            let p = &state.procedure;
            let (Some(record), Some((effective, effective_on))) =
                (p.effective_agreement(), p.effective.as_ref())
            else {
                return Err(CommandError::UnknownRecord);
            };
            if &application.agreement != effective {
                return Err(CommandError::UnknownRecord);
            }
            if let Some(status) = record.agreement.personal_status {
                return Err(CommandError::JcExcludedRelationship(status));
            }
            if application.court.trim().is_empty() {
                return Err(field("court", FieldErrorCode::Required));
            }
            let joint = record
                .agreement
                .parties
                .iter()
                .all(|party| application.applicants.contains(party));
            require(joint, Rule::JointJcApplication)?;
            if application.applied_on < *effective_on {
                return Err(field("applied_on", FieldErrorCode::OutOfRange));
            }
            if let Some(window) = jc_application_deadline(*effective_on, calendar) {
                if application.applied_on > window.date {
                    return Err(CommandError::JcWindowClosed {
                        last_day: window.date,
                    });
                }
            }
            emit1(CaseEvent::JcApplied(Box::new(application)))
        }
        C::RecordJcRuling { ruling, on } => {
            step(state, Transition::RuleJudicialConfirmation(ruling))?;
            let applied = state.procedure.jc.as_ref().map(|(a, _)| a.applied_on);
            require(applied.is_some(), Rule::JointJcApplication)?;
            if applied.is_some_and(|a| on < a) {
                return Err(field("on", FieldErrorCode::OutOfRange));
            }
            emit1(CaseEvent::JcRuled { ruling, on })
        }
        C::Remediate { consenting } => {
            step(state, Transition::Remediate)?;
            require(every_party(state, &consenting), Rule::ConsentOfEveryParty)?;
            emit1(CaseEvent::Remediation { consenting })
        }
        C::SchedulePerformance => {
            step(state, Transition::SchedulePerformance)?;
            let p = &state.procedure;
            let pending_later = p.effective_agreement().is_some_and(|r| {
                r.agreement.obligations.iter().enumerate().any(|(i, o)| {
                    let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
                    o.due.is_some()
                        && p.obligation_status(&r.agreement.id, n) != ObligationStatus::Performed
                })
            });
            require(pending_later, Rule::AgreementObligations)?;
            emit1(CaseEvent::PerformanceScheduled)
        }
        C::RecordPerformed => {
            step(state, Transition::RecordPerformed)?;
            let p = &state.procedure;
            let Some(record) = p.effective_agreement() else {
                return Err(CommandError::RequiresProcedureRecords(
                    Rule::AgreementObligations,
                ));
            };
            let id = &record.agreement.id;
            let all_done = record
                .agreement
                .obligations
                .iter()
                .enumerate()
                .all(|(i, o)| {
                    let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
                    let update = p.obligations.get(&(id.clone(), n));
                    let performed = update.is_some_and(|u| u.status == ObligationStatus::Performed);
                    // A payment is proved by a receipt or transfer slip (case-file item 9).
                    let proved = o.kind != ObligationKind::Payment
                        || update.is_some_and(|u| !u.evidence.is_empty());
                    performed && proved
                });
            require(all_done, Rule::PerformanceEvidence)?;
            emit1(CaseEvent::Performed)
        }
        C::RecordNonPerformance => {
            step(state, Transition::RecordNonPerformance)?;
            let p = &state.procedure;
            let reported = p.effective_agreement().is_some_and(|r| {
                p.obligations.iter().any(|((a, _), u)| {
                    a == &r.agreement.id
                        && matches!(
                            u.status,
                            ObligationStatus::Overdue
                                | ObligationStatus::Partial
                                | ObligationStatus::Disputed
                        )
                })
            });
            let since = entered_current_status(state);
            let found = p.follow_ups.iter().any(|f| {
                f.at >= since
                    && matches!(
                        f.record.performance,
                        PerformanceFound::NotPerformed | PerformanceFound::Partial
                    )
            });
            require(reported || found, Rule::FollowUpRecord)?;
            emit1(CaseEvent::NonPerformance)
        }
        C::UrgePerformance => {
            step(state, Transition::UrgePerformance)?;
            let since = entered_current_status(state);
            let visited = state.procedure.follow_ups.iter().any(|f| f.at >= since);
            require(visited, Rule::FollowUpRecord)?;
            emit1(CaseEvent::PerformanceUrged)
        }
        C::Close => {
            step(state, Transition::Close)?;
            if matches!(state.status, Status::NonPerformance | Status::JcRejected) {
                require(
                    told(
                        state,
                        NoticeKind::MaySueOrEnforce,
                        entered_current_status(state),
                    ),
                    Rule::OtherRoutesNotice,
                )?;
            }
            let since = mediation_round_start(state);
            let reported = state
                .procedure
                .closing_reports
                .iter()
                .any(|r| r.at >= since);
            require(reported, Rule::ClosingReport)?;
            emit1(CaseEvent::Closed)
        }
        C::Archive => {
            step(state, Transition::Archive)?;
            let complete = case_file_checklist(state)
                .iter()
                .all(|line| !line.required || line.present);
            require(complete, Rule::CaseFileChecklist)?;
            emit1(CaseEvent::Archived)
        }
        C::Reopen { reason, consenting } => {
            step(state, Transition::Reopen)?;
            require(every_party(state, &consenting), Rule::ConsentOfEveryParty)?;
            emit1(CaseEvent::Reopened { reason, consenting })
        }
        C::UpdateObligation(update) => {
            not_frozen(state)?;
            let Some(record) = state.procedure.agreement(&update.agreement) else {
                return Err(CommandError::UnknownRecord);
            };
            let count = record.agreement.obligations.len();
            let n = usize::try_from(update.obligation).unwrap_or(usize::MAX);
            if n == 0 || n > count {
                return Err(field("obligation", FieldErrorCode::OutOfRange));
            }
            data_event(state, ctx, CaseEvent::ObligationUpdated(Box::new(update)))
        }
        C::RecordFollowUp(follow_up) => {
            not_frozen(state)?;
            if !state.status.is_registered() {
                return Err(CommandError::WrongStatus(state.status));
            }
            unknown_parties(state, "visited", &follow_up.visited)?;
            if let Some(a) = &follow_up.agreement {
                if state.procedure.agreement(a).is_none() {
                    return Err(CommandError::UnknownRecord);
                }
            }
            data_event(state, ctx, CaseEvent::FollowUpRecorded(Box::new(follow_up)))
        }
        C::SendReferral(referral) => {
            if !state.status.is_open() || !state.status.is_registered() {
                return Err(CommandError::WrongStatus(state.status));
            }
            names_its_target(referral.to_unit.is_some(), referral.to_name.as_deref())?;
            let p = &state.procedure;
            if p.referrals.iter().any(|r| r.referral.id == referral.id) {
                return Err(field("id", FieldErrorCode::Duplicate));
            }
            data_event(state, ctx, CaseEvent::ReferralSent(Box::new(referral)))
        }
        C::AcknowledgeReferral { referral, on } => {
            not_frozen(state)?;
            known_referral(state, &referral)?;
            data_event(state, ctx, CaseEvent::ReferralAcknowledged { referral, on })
        }
        C::AnswerReferral {
            referral,
            on,
            result,
        } => {
            not_frozen(state)?;
            known_referral(state, &referral)?;
            if result.trim().is_empty() {
                return Err(field("result", FieldErrorCode::Required));
            }
            data_event(
                state,
                ctx,
                CaseEvent::ReferralAnswered {
                    referral,
                    on,
                    result,
                },
            )
        }
        C::FileClosingReport(report) => {
            if Transition::Close.target(Some(state.status)).is_none() {
                return Err(CommandError::WrongStatus(state.status));
            }
            if report.summary.trim().is_empty() {
                return Err(field("summary", FieldErrorCode::Required));
            }
            data_event(state, ctx, CaseEvent::ClosingReportFiled(Box::new(report)))
        }
        C::MarkFileItem { item, present } => {
            not_frozen(state)?;
            if !state.status.is_registered() {
                return Err(CommandError::WrongStatus(state.status));
            }
            data_event(state, ctx, CaseEvent::FileItemMarked { item, present })
        }
        C::Edit { changes } => {
            if changes.is_empty() {
                return Err(CommandError::NothingToChange);
            }
            for change in &changes {
                if let CaseChange::CoMediators(co) = change {
                    if let Some(presiding) = &state.presiding {
                        check_mediators(presiding, co)?;
                    }
                }
            }
            data_event(state, ctx, CaseEvent::Edited { changes })
        }
        C::AddParty(party) => {
            if state.removed_parties.contains(&party.id) {
                return Err(CommandError::PartyWasRemoved(party.id));
            }
            if state.party(&party.id).is_some() {
                return Err(CommandError::PartyAlreadyExists(party.id));
            }
            check_party(&party)?;
            data_event(state, ctx, CaseEvent::PartySaved(Box::new(party)))
        }
        C::UpdateParty(party) => {
            if state.party(&party.id).is_none() {
                return Err(CommandError::UnknownParty(party.id));
            }
            check_party(&party)?;
            data_event(state, ctx, CaseEvent::PartySaved(Box::new(party)))
        }
        C::RemoveParty(party) => {
            if state.party(&party).is_none() {
                return Err(CommandError::UnknownParty(party));
            }
            data_event(state, ctx, CaseEvent::PartyRemoved { party })
        }
        C::AcknowledgeWarning(ack) => {
            if state
                .acknowledged_warnings
                .iter()
                .any(|a| a.warning == ack.warning)
            {
                return Err(CommandError::AlreadyAcknowledged);
            }
            data_event(state, ctx, CaseEvent::WarningAcknowledged(Box::new(ack)))
        }
        C::Revert { event } => {
            if state.status.is_frozen() {
                return Err(CommandError::Frozen);
            }
            if !state.revertible.contains(&event) || state.reverted.contains(&event) {
                return Err(CommandError::NotRevertible(event));
            }
            emit1(CaseEvent::Reverted { event })
        }
    }
}

fn check_party(party: &Party) -> Result<(), CommandError> {
    let errors = validate::check_party(party, "");
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CommandError::Invalid(errors))
    }
}

/// Something the director records in the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectoryCommand {
    /// Create or replace a unit.
    SaveOrgUnit(OrgUnit),
    /// Create or replace a mediator's record.
    SaveMediator(Mediator),
    /// File (or correct) a screening log.
    FileScreening(ScreeningLog),
    /// Make a day a holiday or a make-up working day, or regular again (removing a shipped
    /// entry); supervisors distribute these in bundles when a new holiday notice is out.
    SetCalendarDay(DaySetting),
}

/// A referral must name where it goes: a unit of the network or, outside it, a name.
/// (Shared by the referral out of the case and the procedure's referral record.)
fn names_its_target(has_unit: bool, to_name: Option<&str>) -> Result<(), CommandError> {
    let named = has_unit || to_name.is_some_and(|n| !n.trim().is_empty());
    if named {
        Ok(())
    } else {
        Err(field("to_name", FieldErrorCode::Required))
    }
}

/// A referral this case has sent, or [`CommandError::UnknownRecord`].
fn known_referral(state: &CaseState, referral: &ReferralId) -> Result<(), CommandError> {
    let known = state
        .procedure
        .referrals
        .iter()
        .any(|r| &r.referral.id == referral);
    if known {
        Ok(())
    } else {
        Err(CommandError::UnknownRecord)
    }
}

/// Decides a directory command: one sealed event, or field errors.
pub fn decide_directory(
    command: DirectoryCommand,
    ctx: &CommandContext,
) -> Result<Event, CommandError> {
    let body = match command {
        DirectoryCommand::SaveOrgUnit(unit) => {
            if unit.name.trim().is_empty() {
                let error = FieldError::new("name", FieldErrorCode::Required);
                return Err(CommandError::Invalid(vec![error]));
            }
            EventBody::OrgUnit {
                unit: unit.id.clone(),
                payload: OrgUnitEvent::Saved(Box::new(unit)),
            }
        }
        DirectoryCommand::SaveMediator(mediator) => {
            if mediator.name.trim().is_empty() {
                let error = FieldError::new("name", FieldErrorCode::Required);
                return Err(CommandError::Invalid(vec![error]));
            }
            EventBody::Mediator {
                mediator: mediator.id.clone(),
                payload: MediatorEvent::Saved(Box::new(mediator)),
            }
        }
        DirectoryCommand::FileScreening(log) => {
            if matches!(&log.outcome, ScreeningOutcome::Findings(f) if f.is_empty()) {
                let error = FieldError::new("findings", FieldErrorCode::FindingsOrZeroReport);
                return Err(CommandError::Invalid(vec![error]));
            }
            EventBody::Screening {
                screening: log.id.clone(),
                payload: ScreeningEvent::Filed(Box::new(log)),
            }
        }
        DirectoryCommand::SetCalendarDay(setting) => EventBody::Calendar {
            date: setting.date,
            payload: CalendarEvent::DaySet { kind: setting.kind },
        },
    };
    Ok(emit(ctx, None, body))
}
