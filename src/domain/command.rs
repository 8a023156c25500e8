//! Commands: what a user asks for, checked against the case's current state, and turned into
//! sealed events or a typed refusal.
//!
//! Every lifecycle transition of docs/events.md exists as a command. Those whose guard needs a
//! procedural record that the core does not model yet (consent, notices, session records,
//! agreements, judicial confirmation, follow-ups, case-file checklist) refuse with
//! [`CommandError::RequiresProcedureRecords`]; they never pass silently.

use std::collections::BTreeSet;

use super::case::{
    Acceptance, AcceptanceBasis, AgreementForm, CaseChange, DismissalReason, Escalation, Intake,
    JcRuling, NotAcceptedReason, ObjectionCheck, Referral, ReopenReason, ReplacementReason,
    TerminationReason, Triage,
};
use super::case_number::CaseNumber;
use super::case_state::{CaseState, ConflictKind};
use super::conflict::AcknowledgedWarning;
use super::dispute::DisputeType;
use super::event::{
    CaseEvent, ChainHead, Event, EventBody, MediatorEvent, OrgUnitEvent, Registration,
    ScreeningEvent, UnsealedEvent,
};
use super::fold;
use super::ids::{CaseId, DeviceId, EventId, MediatorId, PartyId};
use super::lead::Lead;
use super::lifecycle::{Rule, Status, Transition};
use super::org::{Mediator, OrgUnit};
use super::party::Party;
use super::screening::{ScreeningLog, ScreeningOutcome};
use super::time::Timestamp;
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
    /// #10 Record a session or investigation.
    RecordSession,
    /// #10 Invite participants.
    InviteParticipants,
    /// #10 Extend the time limit.
    ExtendTimeLimit,
    /// #11 Flag escalation signs on an open case.
    FlagEscalation(Escalation),
    /// #12, #13 Record that an agreement took effect.
    RecordAgreement {
        /// Written or oral.
        form: AgreementForm,
    },
    /// #14, #15 Terminate mediation.
    Terminate {
        /// Why.
        reason: TerminationReason,
    },
    /// #17 Apply for judicial confirmation.
    ApplyJudicialConfirmation,
    /// #18 Record the court's ruling.
    RecordJcRuling {
        /// The ruling.
        ruling: JcRuling,
    },
    /// #19 Mediate again after rejection.
    Remediate,
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
}

/// The seam for rules proved by procedural records. No record kind exists in the core yet, so
/// every rule is unmet; the issue that adds consent, notice, session, agreement, judicial
/// confirmation, follow-up and case-file records replaces this body with real checks.
fn require(_state: &CaseState, rule: Rule) -> Result<(), CommandError> {
    Err(CommandError::RequiresProcedureRecords(rule))
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

/// Decides what a command does to a case: the events to append, or why not.
///
/// `state` is the case's current fold (`None` for a case that does not exist yet). The events
/// returned are sealed, numbered from `ctx.head.next_seq` and chained to `ctx.head.prev`.
pub fn decide(
    state: Option<&CaseState>,
    command: CaseCommand,
    ctx: &CommandContext,
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
            require(state, Rule::NonAcceptanceNotice)?;
            emit1(CaseEvent::NotAccepted { reason })
        }
        C::Triage(triage) => {
            step(state, Transition::Triage)?;
            emit1(CaseEvent::Triaged(Box::new(triage)))
        }
        C::ReferOut(referral) => {
            step(state, Transition::ReferOut)?;
            let named = referral.to_unit.is_some()
                || referral
                    .to_name
                    .as_deref()
                    .is_some_and(|n| !n.trim().is_empty());
            if !named {
                let error = FieldError::new("to_name", FieldErrorCode::Required);
                return Err(CommandError::Invalid(vec![error]));
            }
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
            require(state, Rule::ConsentOfEveryParty)?;
            require(state, Rule::RightsNoticeAcknowledged)?;
            emit1(CaseEvent::MediationStarted)
        }
        C::RecordSession | C::InviteParticipants | C::ExtendTimeLimit => {
            if state.status != Status::InMediation {
                return Err(CommandError::WrongStatus(state.status));
            }
            let rule = match command {
                C::RecordSession => Rule::SessionRecord,
                C::InviteParticipants => Rule::ParticipantConsent,
                _ => Rule::ExtensionConsent,
            };
            // Once the records exist these commands will append session, invitation and
            // extension events; until then the guard always refuses.
            require(state, rule).map(|()| Vec::new())
        }
        C::FlagEscalation(escalation) => {
            if !state.status.is_open() {
                return Err(CommandError::WrongStatus(state.status));
            }
            if escalation.measures.chars().count() > MAX_LONG {
                let error = FieldError::new("measures", FieldErrorCode::TooLong { max: MAX_LONG });
                return Err(CommandError::Invalid(vec![error]));
            }
            data_event(
                state,
                ctx,
                CaseEvent::EscalationFlagged(Box::new(escalation)),
            )
        }
        C::RecordAgreement { form } => {
            step(state, Transition::Agree)?;
            require(
                state,
                match form {
                    AgreementForm::Written => Rule::SignedWrittenAgreement,
                    AgreementForm::Oral => Rule::OralAgreementRecord,
                },
            )?;
            emit1(CaseEvent::AgreementReached { form })
        }
        C::Terminate { reason } => {
            step(state, Transition::Terminate)?;
            if reason == TerminationReason::TimeLimitExpired {
                let medical = state
                    .dispute
                    .as_ref()
                    .is_some_and(|d| d.primary() == DisputeType::Medical);
                if !medical {
                    return Err(CommandError::TimeLimitOnlyForMedicalDisputes);
                }
                require(state, Rule::MedicalTimeLimitElapsed)?;
            }
            require(state, Rule::OtherRoutesNotice)?;
            emit1(CaseEvent::Terminated { reason })
        }
        C::ApplyJudicialConfirmation => {
            step(state, Transition::ApplyJudicialConfirmation)?;
            require(state, Rule::JointJcApplication)?;
            emit1(CaseEvent::JcApplied)
        }
        C::RecordJcRuling { ruling } => {
            step(state, Transition::RuleJudicialConfirmation(ruling))?;
            require(state, Rule::JcRulingRecord)?;
            emit1(CaseEvent::JcRuled { ruling })
        }
        C::Remediate => {
            step(state, Transition::Remediate)?;
            require(state, Rule::ConsentOfEveryParty)?;
            emit1(CaseEvent::Remediation)
        }
        C::SchedulePerformance => {
            step(state, Transition::SchedulePerformance)?;
            require(state, Rule::AgreementObligations)?;
            emit1(CaseEvent::PerformanceScheduled)
        }
        C::RecordPerformed => {
            step(state, Transition::RecordPerformed)?;
            require(state, Rule::PerformanceEvidence)?;
            emit1(CaseEvent::Performed)
        }
        C::RecordNonPerformance => {
            step(state, Transition::RecordNonPerformance)?;
            require(state, Rule::FollowUpRecord)?;
            emit1(CaseEvent::NonPerformance)
        }
        C::UrgePerformance => {
            step(state, Transition::UrgePerformance)?;
            require(state, Rule::FollowUpRecord)?;
            emit1(CaseEvent::PerformanceUrged)
        }
        C::Close => {
            step(state, Transition::Close)?;
            require(state, Rule::ClosingReport)?;
            emit1(CaseEvent::Closed)
        }
        C::Archive => {
            step(state, Transition::Archive)?;
            require(state, Rule::CaseFileChecklist)?;
            emit1(CaseEvent::Archived)
        }
        C::Reopen { reason } => {
            step(state, Transition::Reopen)?;
            require(state, Rule::ConsentOfEveryParty)?;
            emit1(CaseEvent::Reopened { reason })
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
    };
    Ok(emit(ctx, None, body))
}
