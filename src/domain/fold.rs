//! Folding events into state: deterministic whatever order the events arrive in, and unchanged by
//! duplicates.
//!
//! Every fold deduplicates by event id, sorts by (at, device, seq, id) and applies in that order.
//! Concurrent edits of one field therefore resolve last-writer-wins in that order, and a lifecycle
//! step that no longer fits where it falls (two tablets closed the same case) is recorded in the
//! state's `conflicts` and skipped, never a panic.

use std::collections::{BTreeMap, BTreeSet};

use super::calendar::{Calendar, DaySetting};
use super::case::CaseChange;
use super::case_state::{CaseState, ConflictKind, Ending, FoldConflict, StatusChange};
use super::event::{
    CalendarEvent, CaseEvent, Event, EventBody, MediatorEvent, OrgUnitEvent, Registration,
    ScreeningEvent,
};
use super::ids::{CaseId, EventId, MediatorId, OrgUnitId, ScreeningId};
use super::lead::Lead;
use super::lifecycle::{Status, Transition};
use super::org::{Mediator, OrgUnit};
use super::procedure::{AgreementRecord, ReferralState, Signatures, Stamped};
use super::screening::ScreeningLog;
use super::sorting::sort_by_dyn;

/// Deduplicates by id and sorts by the total order.
fn ordered<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<&'a Event> {
    let unique: BTreeMap<&EventId, &Event> = events.into_iter().map(|e| (e.id(), e)).collect();
    let mut list: Vec<&Event> = unique.into_values().collect();
    sort_by_dyn(&mut list, |a, b| a.order_key().cmp(&b.order_key()));
    list
}

/// The state of `case` from whichever of `events` concern it; `None` until its creating event
/// (lead recorded or registered) is among them.
pub fn fold_case<'a>(
    case: &CaseId,
    events: impl IntoIterator<Item = &'a Event>,
) -> Option<CaseState> {
    let list = ordered(events.into_iter().filter(|e| e.case() == Some(case)));
    fold_ordered(&list)
}

/// The state of every case among `events`.
pub fn fold_cases<'a>(events: impl IntoIterator<Item = &'a Event>) -> BTreeMap<CaseId, CaseState> {
    let mut by_case: BTreeMap<&CaseId, Vec<&Event>> = BTreeMap::new();
    for event in ordered(events) {
        if let Some(case) = event.case() {
            by_case.entry(case).or_default().push(event);
        }
    }
    by_case
        .into_iter()
        .filter_map(|(id, list)| fold_ordered(&list).map(|state| (id.clone(), state)))
        .collect()
}

/// Folds events of one case that are already deduplicated and in order.
fn fold_ordered(list: &[&Event]) -> Option<CaseState> {
    let payloads: BTreeMap<&EventId, &CaseEvent> = list
        .iter()
        .filter_map(|e| e.case_payload().map(|p| (e.id(), p)))
        .collect();
    // Reverts are resolved first, over the whole set, so the result does not depend on whether a
    // revert sorts before or after its target (clocks differ between tablets).
    let mut reverted = BTreeSet::new();
    let mut bad_reverts = BTreeMap::new();
    for event in list {
        if let Some(CaseEvent::Reverted { event: target }) = event.case_payload() {
            match payloads.get(target) {
                Some(p) if p.is_revertible() => {
                    reverted.insert(target.clone());
                }
                Some(_) => {
                    bad_reverts.insert(event.id(), target.clone());
                }
                None => {}
            }
        }
    }

    let mut state: Option<CaseState> = None;
    let mut early = Vec::new();
    for event in list {
        if reverted.contains(event.id()) {
            continue;
        }
        let Some(payload) = event.case_payload() else {
            continue;
        };
        let outcome = match bad_reverts.get(event.id()) {
            Some(target) => Err(ConflictKind::NotRevertible(target.clone())),
            None => apply(&mut state, event, payload),
        };
        match (outcome, state.as_mut()) {
            (Ok(()), Some(s)) => {
                s.updated_at = event.at();
                s.last_event = event.id().clone();
                if payload.is_revertible() {
                    s.revertible.insert(event.id().clone());
                }
            }
            (Ok(()), None) => {}
            (Err(kind), target) => {
                let conflict = FoldConflict {
                    event: event.id().clone(),
                    device: event.device().clone(),
                    at: event.at(),
                    kind,
                };
                match target {
                    Some(s) => s.conflicts.push(conflict),
                    None => early.push(conflict),
                }
            }
        }
    }
    let mut state = state?;
    state.reverted = reverted;
    if !early.is_empty() {
        early.append(&mut state.conflicts);
        state.conflicts = early;
    }
    Some(state)
}

fn new_from_lead(event: &Event, case: &CaseId, lead: &Lead) -> CaseState {
    CaseState {
        id: case.clone(),
        status: Status::Lead,
        number: None,
        org_unit: lead.org_unit.clone(),
        lead: Some(lead.clone()),
        acceptance: None,
        source: None,
        channel: lead.channel,
        first_contact: event.author().clone(),
        dispute: None,
        summary: lead.description.clone(),
        claims: Vec::new(),
        amount: None,
        persons_involved: lead.persons_involved,
        group: false,
        flags: BTreeSet::new(),
        risk_flags: lead.risk_flags.clone(),
        risk_level: None,
        tier: None,
        handling_level: None,
        presiding: None,
        co_mediators: Vec::new(),
        parties_chose_mediator: false,
        parties: Vec::new(),
        removed_parties: BTreeSet::new(),
        ending: None,
        escalations: Vec::new(),
        acknowledged_warnings: Vec::new(),
        procedure: Default::default(),
        history: Vec::new(),
        created_at: event.at(),
        registered_at: None,
        updated_at: event.at(),
        last_event: event.id().clone(),
        revertible: BTreeSet::new(),
        reverted: BTreeSet::new(),
        conflicts: Vec::new(),
    }
}

fn register(state: &mut CaseState, event: &Event, reg: &Registration) {
    let intake = &reg.intake;
    state.number = Some(reg.number.clone());
    state.acceptance = Some(reg.acceptance);
    state.org_unit = intake.org_unit.clone();
    state.source = Some(intake.source);
    state.channel = intake.channel;
    state.first_contact = intake.first_contact.clone();
    state.dispute = Some(intake.dispute.clone());
    state.summary = intake.summary.clone();
    state.claims = intake.claims.clone();
    state.amount = intake.amount;
    state.persons_involved = intake.persons_involved;
    state.group = intake.group;
    state.flags = intake.flags.clone();
    state.risk_flags = intake.risk_flags.clone();
    state.parties = intake.parties.clone();
    state.registered_at = Some(event.at());
}

fn apply_change(state: &mut CaseState, change: &CaseChange) {
    match change {
        CaseChange::Summary(v) => state.summary = v.clone(),
        CaseChange::Claims(v) => state.claims = v.clone(),
        CaseChange::Amount(v) => state.amount = *v,
        CaseChange::PersonsInvolved(v) => state.persons_involved = *v,
        CaseChange::Group(v) => state.group = *v,
        CaseChange::Flags(v) => state.flags = v.clone(),
        CaseChange::Dispute(v) => state.dispute = Some(v.clone()),
        CaseChange::Source(v) => state.source = Some(*v),
        CaseChange::Channel(v) => state.channel = *v,
        CaseChange::FirstContact(v) => state.first_contact = v.clone(),
        CaseChange::RiskFlags(v) => state.risk_flags = v.clone(),
        CaseChange::RiskLevel(v) => state.risk_level = Some(*v),
        CaseChange::Tier(v) => state.tier = Some(*v),
        CaseChange::HandlingLevel(v) => state.handling_level = Some(*v),
        CaseChange::CoMediators(v) => state.co_mediators = v.clone(),
    }
}

/// Applies one event, or says why it does not fit. Also used by commands to preview the result.
pub(crate) fn apply(
    slot: &mut Option<CaseState>,
    event: &Event,
    payload: &CaseEvent,
) -> Result<(), ConflictKind> {
    if let Some(transition) = payload.transition() {
        return apply_transition(slot, event, payload, transition);
    }
    let Some(state) = slot.as_mut() else {
        return Err(ConflictKind::BeforeCreation);
    };
    if let CaseEvent::Reverted { .. } = payload {
        // Resolved before the walk (see `fold_ordered`); a revert takes effect wherever it falls.
        return Ok(());
    }
    if state.status.is_frozen() {
        return Err(ConflictKind::Frozen);
    }
    match payload {
        CaseEvent::Edited { changes } => changes.iter().for_each(|c| apply_change(state, c)),
        CaseEvent::PartySaved(party) => {
            if state.removed_parties.contains(&party.id) {
                return Err(ConflictKind::PartyWasRemoved(party.id.clone()));
            }
            match state.parties.iter_mut().find(|p| p.id == party.id) {
                Some(existing) => *existing = (**party).clone(),
                None => state.parties.push((**party).clone()),
            }
        }
        CaseEvent::PartyRemoved { party } => {
            let Some(index) = state.parties.iter().position(|p| &p.id == party) else {
                return Err(ConflictKind::UnknownParty(party.clone()));
            };
            state.parties.remove(index);
            state.removed_parties.insert(party.clone());
        }
        CaseEvent::EscalationFlagged(escalation) => {
            state.risk_flags = escalation.risk_flags.clone();
            state.risk_level = Some(escalation.risk_level);
            state.escalations.push((**escalation).clone());
        }
        CaseEvent::WarningAcknowledged(ack)
            if !state
                .acknowledged_warnings
                .iter()
                .any(|a| a.warning == ack.warning) =>
        {
            state.acknowledged_warnings.push((**ack).clone());
        }
        _ => return apply_record(state, event, payload),
    }
    Ok(())
}

/// Applies a procedure record.
fn apply_record(
    state: &mut CaseState,
    event: &Event,
    payload: &CaseEvent,
) -> Result<(), ConflictKind> {
    let p = &mut state.procedure;
    let at = event.at();
    match payload {
        CaseEvent::NoticeGiven(notice) => p.notices.push(Stamped {
            at,
            record: (**notice).clone(),
        }),
        CaseEvent::ConsentRecorded {
            party,
            decision,
            on,
        } => {
            p.consents.insert(party.clone(), (*decision, *on));
        }
        CaseEvent::ReplacementRequested { party, .. } => p.replacement_requests.push(Stamped {
            at,
            record: party.clone(),
        }),
        CaseEvent::ModeChosen { mode } => p.mode = Some(*mode),
        CaseEvent::SessionRecorded(session) => {
            match p.sessions.iter_mut().find(|s| s.id == session.id) {
                Some(existing) => *existing = (**session).clone(),
                None => p.sessions.push((**session).clone()),
            }
        }
        CaseEvent::AgreementDrafted(agreement) => {
            match p
                .agreements
                .iter_mut()
                .find(|a| a.agreement.id == agreement.id)
            {
                // A changed text is a new page to sign: earlier signatures do not cover it.
                Some(existing) => {
                    existing.agreement = (**agreement).clone();
                    existing.signatures = Signatures::default();
                }
                None => p.agreements.push(AgreementRecord {
                    agreement: (**agreement).clone(),
                    signatures: Signatures::default(),
                    replaced: false,
                }),
            }
        }
        CaseEvent::AgreementSigned {
            agreement,
            signatures,
        } => {
            let Some(record) = p
                .agreements
                .iter_mut()
                .find(|a| &a.agreement.id == agreement)
            else {
                return Err(ConflictKind::UnknownRecord);
            };
            record.signatures = signatures.clone();
        }
        CaseEvent::ObligationUpdated(update) => {
            if p.agreement(&update.agreement).is_none() {
                return Err(ConflictKind::UnknownRecord);
            }
            p.obligations.insert(
                (update.agreement.clone(), update.obligation),
                (**update).clone(),
            );
        }
        CaseEvent::FollowUpRecorded(follow_up) => p.follow_ups.push(Stamped {
            at,
            record: (**follow_up).clone(),
        }),
        CaseEvent::TimeLimitExtended { to, .. } => p.extensions.push(Stamped { at, record: *to }),
        CaseEvent::AppraisalStarted { on } => p.appraisals.push((*on, None)),
        CaseEvent::AppraisalEnded { on } => {
            let Some(open) = p.appraisals.iter_mut().rev().find(|(_, end)| end.is_none()) else {
                return Err(ConflictKind::UnknownRecord);
            };
            open.1 = Some(*on);
        }
        CaseEvent::ReferralSent(referral) => p.referrals.push(ReferralState {
            referral: (**referral).clone(),
            acknowledged_on: None,
            result: None,
        }),
        CaseEvent::ReferralAcknowledged { referral, on } => {
            let Some(r) = p.referrals.iter_mut().find(|r| &r.referral.id == referral) else {
                return Err(ConflictKind::UnknownRecord);
            };
            r.acknowledged_on = Some(*on);
        }
        CaseEvent::ReferralAnswered {
            referral,
            on,
            result,
        } => {
            let Some(r) = p.referrals.iter_mut().find(|r| &r.referral.id == referral) else {
                return Err(ConflictKind::UnknownRecord);
            };
            r.result = Some((*on, result.clone()));
        }
        CaseEvent::ClosingReportFiled(report) => p.closing_reports.push(Stamped {
            at,
            record: (**report).clone(),
        }),
        CaseEvent::FileItemMarked { item, present } => {
            p.file_items.insert(*item, *present);
        }
        _ => {}
    }
    Ok(())
}

fn apply_transition(
    slot: &mut Option<CaseState>,
    event: &Event,
    payload: &CaseEvent,
    transition: Transition,
) -> Result<(), ConflictKind> {
    let from = slot.as_ref().map(|s| s.status);
    let Some(to) = transition.target(from) else {
        return Err(ConflictKind::InvalidTransition { from, transition });
    };
    let Some(case) = event.case() else {
        return Err(ConflictKind::BeforeCreation);
    };
    if slot.is_none() {
        *slot = Some(match payload {
            CaseEvent::LeadRecorded(lead) => new_from_lead(event, case, lead),
            CaseEvent::Registered(reg) => {
                let mut state = new_from_lead(event, case, &placeholder_lead(reg));
                state.lead = None;
                state
            }
            _ => return Err(ConflictKind::InvalidTransition { from, transition }),
        });
    }
    let Some(state) = slot.as_mut() else {
        return Err(ConflictKind::InvalidTransition { from, transition });
    };
    match payload {
        CaseEvent::Registered(reg) | CaseEvent::LeadConverted(reg) => register(state, event, reg),
        CaseEvent::LeadDismissed { reason } => state.ending = Some(Ending::Dismissed(*reason)),
        CaseEvent::NotAccepted { reason } => state.ending = Some(Ending::NotAccepted(*reason)),
        CaseEvent::Triaged(triage) => {
            state.dispute = Some(triage.dispute.clone());
            state.tier = Some(triage.tier);
            state.risk_level = Some(triage.risk_level);
            state.risk_flags = triage.risk_flags.clone();
            state.handling_level = Some(triage.handling_level);
        }
        CaseEvent::ReferredOut(referral) => {
            state.ending = Some(Ending::ReferredOut((**referral).clone()));
        }
        CaseEvent::MediatorAssigned {
            presiding,
            co_mediators,
            chosen_by_parties,
        } => {
            state.presiding = Some(presiding.clone());
            state.co_mediators = co_mediators.clone();
            state.parties_chose_mediator = *chosen_by_parties;
        }
        CaseEvent::MediatorReplaced {
            presiding,
            co_mediators,
            ..
        } => {
            state.presiding = Some(presiding.clone());
            state.co_mediators = co_mediators.clone();
        }
        CaseEvent::Terminated { reason } => state.ending = Some(Ending::Terminated(*reason)),
        CaseEvent::Reopened { .. } | CaseEvent::Remediation { .. } => state.ending = None,
        CaseEvent::AgreementReached {
            agreement,
            effective_on,
            ..
        } => {
            let p = &mut state.procedure;
            let replaces = p
                .agreement(agreement)
                .and_then(|a| a.agreement.replaces.clone());
            if let Some(old) = replaces {
                if let Some(record) = p.agreements.iter_mut().find(|a| a.agreement.id == old) {
                    record.replaced = true;
                }
            }
            p.effective = Some((agreement.clone(), *effective_on));
            p.jc = None;
        }
        CaseEvent::JcApplied(application) => {
            state.procedure.jc = Some(((**application).clone(), None));
        }
        CaseEvent::JcRuled { ruling, on } => {
            if let Some((_, result)) = state.procedure.jc.as_mut() {
                *result = Some((*ruling, *on));
            }
        }
        _ => {}
    }
    state.history.push(StatusChange {
        event: event.id().clone(),
        at: event.at(),
        author: event.author().clone(),
        transition,
        from,
        to,
    });
    state.status = to;
    Ok(())
}

/// The lead-shaped skeleton a directly registered case starts from (filled by `register`).
fn placeholder_lead(reg: &Registration) -> Lead {
    Lead {
        org_unit: reg.intake.org_unit.clone(),
        channel: reg.intake.channel,
        description: String::new(),
        dispute_type: None,
        persons: Vec::new(),
        persons_involved: None,
        risk_flags: BTreeSet::new(),
        reported_by: None,
        finding: None,
    }
}

/// The directory records (network units, mediators, screening logs) as of a set of events.
///
/// Each record is replaced as a whole by its latest event (last writer wins in the total order):
/// these records are edited as one form, by the director.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directory {
    /// Network units.
    pub org_units: BTreeMap<OrgUnitId, OrgUnit>,
    /// Mediators.
    pub mediators: BTreeMap<MediatorId, Mediator>,
    /// Screening logs.
    pub screenings: BTreeMap<ScreeningId, ScreeningLog>,
    /// Calendar entries set by directory events (last writer wins per day).
    pub calendar_days: BTreeMap<super::time::Date, DaySetting>,
}

impl Directory {
    /// The holiday calendar: shipped data with the directory's entries over it.
    pub fn calendar(&self) -> Calendar {
        Calendar::with_overrides(self.calendar_days.values())
    }
}

/// Folds the directory records among `events`; events whose subject id differs from the
/// record's own id are ignored (the parser already rejects them).
pub fn fold_directory<'a>(events: impl IntoIterator<Item = &'a Event>) -> Directory {
    let mut dir = Directory::default();
    for event in ordered(events) {
        match event.body() {
            EventBody::OrgUnit {
                unit,
                payload: OrgUnitEvent::Saved(record),
            } if &record.id == unit => {
                dir.org_units.insert(unit.clone(), (**record).clone());
            }
            EventBody::Mediator {
                mediator,
                payload: MediatorEvent::Saved(record),
            } if &record.id == mediator => {
                dir.mediators.insert(mediator.clone(), (**record).clone());
            }
            EventBody::Screening {
                screening,
                payload: ScreeningEvent::Filed(record),
            } if &record.id == screening => {
                dir.screenings.insert(screening.clone(), (**record).clone());
            }
            EventBody::Calendar {
                date,
                payload: CalendarEvent::DaySet { kind },
            } => {
                let setting = DaySetting {
                    date: *date,
                    kind: *kind,
                };
                dir.calendar_days.insert(*date, setting);
            }
            _ => {}
        }
    }
    dir
}
