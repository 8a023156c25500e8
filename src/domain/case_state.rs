//! The state of one case as derived from its events, and the conflicts met while deriving it.
//!
//! `CaseState` is never stored as the truth: it is rebuilt by `fold.rs` from the event set, so
//! two devices holding the same events hold the same state.

use std::collections::BTreeSet;

use super::case::{
    major_tier_signs, Acceptance, CaseFlag, CaseSource, DifficultyTier, DismissalReason,
    Escalation, HandlingLevel, IntakeChannel, NotAcceptedReason, Referral, RiskFlag, RiskLevel,
    TerminationReason,
};
use super::case_number::CaseNumber;
use super::conflict::AcknowledgedWarning;
use super::dispute::DisputeClass;
use super::ids::{CaseId, DeviceId, EventId, MediatorId, OrgUnitId, PartyId};
use super::lead::Lead;
use super::lifecycle::{Status, Transition};
use super::money::Fen;
use super::party::Party;
use super::procedure::Procedure;
use super::time::Timestamp;

/// A status change, for the case history.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StatusChange {
    /// The event that made it.
    pub event: EventId,
    /// When.
    pub at: Timestamp,
    /// Who.
    pub author: MediatorId,
    /// The step taken.
    pub transition: Transition,
    /// Status before (`None` at creation).
    pub from: Option<Status>,
    /// Status after.
    pub to: Status,
}

/// Why an event was skipped by the fold.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ConflictKind {
    /// The lifecycle step is not allowed in the status reached at its position (e.g. a second
    /// device closed an already closed case).
    InvalidTransition {
        /// Status at that point (`None`: the case did not exist yet).
        from: Option<Status>,
        /// The step attempted.
        transition: Transition,
    },
    /// A data event ordered before the case's creation.
    BeforeCreation,
    /// An edit of an archived case.
    Frozen,
    /// A party saved after it was removed.
    PartyWasRemoved(PartyId),
    /// A party removed that is not on the case.
    UnknownParty(PartyId),
    /// A revert aimed at an event that cannot be reverted (a lifecycle step or another revert).
    NotRevertible(EventId),
    /// A procedure record referring to an agreement or referral the case does not hold.
    UnknownRecord,
}

/// An event the fold could not apply.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FoldConflict {
    /// The skipped event.
    pub event: EventId,
    /// Its device.
    pub device: DeviceId,
    /// Its time.
    pub at: Timestamp,
    /// Why it was skipped.
    pub kind: ConflictKind,
}

/// How a case ended before agreement, if it did.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ending {
    /// A lead dismissed.
    Dismissed(DismissalReason),
    /// Not accepted.
    NotAccepted(NotAcceptedReason),
    /// Referred out.
    ReferredOut(Referral),
    /// Mediation terminated.
    Terminated(TerminationReason),
}

/// The state of a case: its record, its status and its history.
///
/// Built only by the fold; fields are public for reading.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CaseState {
    /// Id.
    pub id: CaseId,
    /// Status.
    pub status: Status,
    /// Case number (from registration).
    pub number: Option<CaseNumber>,
    /// The unit holding the case.
    pub org_unit: OrgUnitId,
    /// The lead it started as, if it did.
    pub lead: Option<Lead>,
    /// Footing of acceptance (from registration).
    pub acceptance: Option<Acceptance>,
    /// 案件来源 (from registration).
    pub source: Option<CaseSource>,
    /// Intake channel.
    pub channel: IntakeChannel,
    /// First-contact owner (首问负责人).
    pub first_contact: MediatorId,
    /// Classification.
    pub dispute: Option<DisputeClass>,
    /// Summary (a lead's description until registration).
    pub summary: String,
    /// Claims.
    pub claims: Vec<String>,
    /// Amount involved.
    pub amount: Option<Fen>,
    /// Persons involved.
    pub persons_involved: Option<u32>,
    /// Group dispute.
    pub group: bool,
    /// Cross-cutting flags.
    pub flags: BTreeSet<CaseFlag>,
    /// Escalation signs.
    pub risk_flags: BTreeSet<RiskFlag>,
    /// Risk level.
    pub risk_level: Option<RiskLevel>,
    /// Tier.
    pub tier: Option<DifficultyTier>,
    /// Handling level.
    pub handling_level: Option<HandlingLevel>,
    /// Presiding mediator.
    pub presiding: Option<MediatorId>,
    /// Co-mediators.
    pub co_mediators: Vec<MediatorId>,
    /// Whether the parties chose the mediator.
    pub parties_chose_mediator: bool,
    /// Parties, in the order first saved.
    pub parties: Vec<Party>,
    /// Parties removed (they stay removed).
    pub removed_parties: BTreeSet<PartyId>,
    /// How it ended before agreement, if it did (cleared on reopening).
    pub ending: Option<Ending>,
    /// Escalation assessments, oldest first.
    pub escalations: Vec<Escalation>,
    /// Conflict-of-interest warnings acknowledged.
    pub acknowledged_warnings: Vec<AcknowledgedWarning>,
    /// Procedure records: notices, consents, sessions, agreements, follow-ups, referrals.
    pub procedure: Procedure,
    /// Status history, oldest first.
    pub history: Vec<StatusChange>,
    /// When the case (or lead) was created.
    pub created_at: Timestamp,
    /// When it was registered as a case.
    pub registered_at: Option<Timestamp>,
    /// The time of the last applied event.
    pub updated_at: Timestamp,
    /// The last applied event.
    pub last_event: EventId,
    /// Applied events that a `Reverted` may still target.
    pub revertible: BTreeSet<EventId>,
    /// Events skipped because a `Reverted` targets them.
    pub reverted: BTreeSet<EventId>,
    /// Events skipped because they did not fit where they fell in the order.
    pub conflicts: Vec<FoldConflict>,
}

impl CaseState {
    /// The party with this id.
    pub fn party(&self, id: &PartyId) -> Option<&Party> {
        self.parties.iter().find(|p| &p.id == id)
    }

    /// Whether the case's facts suggest the 重大疑难 tier under the local tiering scheme: land or
    /// forest ownership, 10 or more people or a group dispute, stakes of 100,000 yuan or more,
    /// links to litigation, unnatural death, or a tendency to 民转刑 or to group petitions or
    /// fights. A hint for triage, never a decision.
    pub fn suggests_major_tier(&self) -> bool {
        major_tier_signs(
            self.dispute.as_ref().map(DisputeClass::primary),
            self.persons_involved,
            self.amount,
            self.group,
            &self.flags,
            &self.risk_flags,
        )
    }

    /// Whether `mediator` presides over or co-mediates the case.
    pub fn is_mediator(&self, mediator: &MediatorId) -> bool {
        self.presiding.as_ref() == Some(mediator) || self.co_mediators.contains(mediator)
    }
}
