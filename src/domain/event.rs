//! The append-only event log: immutable, content-addressed events chained per device.
//!
//! An event's id is the SHA-256 of its canonical bytes (docs/events.md), so a log is a set that
//! merges by union; each device numbers its own events 1, 2, 3 … and links each to the previous
//! one, so a missing or forked event is detectable (see `chain.rs`). Corrections are new events
//! (`CaseEvent::Edited`, `CaseEvent::Reverted`); nothing is ever edited in place.

use super::calendar::DayKind;
use super::canonical::{canonical_json, sha256_hex};
use super::case::{
    Acceptance, AgreementForm, CaseChange, DismissalReason, Escalation, Intake, JcRuling,
    NotAcceptedReason, Referral, ReopenReason, ReplacementReason, TerminationReason, Triage,
};
use super::case_number::CaseNumber;
use super::conflict::AcknowledgedWarning;
use super::ids::{
    AgreementId, CaseId, DeviceId, EventId, MediatorId, OrgUnitId, PartyId, ReferralId, ScreeningId,
};
use super::lead::Lead;
use super::lifecycle::Transition;
use super::org::{Mediator, OrgUnit};
use super::party::Party;
use super::procedure::{
    Agreement, CaseFileItem, ClosingReport, ConsentDecision, FollowUp, JcApplication,
    MediationMode, Notice, ObligationUpdate, ReferralRecord, Session, Signatures,
};
use super::screening::ScreeningLog;
use super::time::{Date, Timestamp};
use super::wire;

/// The details of a registration: the number it was given, its footing and the form's content.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Registration {
    /// The case number allocated by the registering tablet.
    pub number: CaseNumber,
    /// Application or own initiative, and objection status.
    pub acceptance: Acceptance,
    /// The registration form.
    pub intake: Intake,
}

/// What happened to a case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CaseEvent {
    /// #1: a lead is recorded.
    LeadRecorded(Box<Lead>),
    /// #2b: a lead is closed without a case.
    LeadDismissed {
        /// Why.
        reason: DismissalReason,
    },
    /// #2: a lead becomes a registered case.
    LeadConverted(Box<Registration>),
    /// #3: a case is registered directly.
    Registered(Box<Registration>),
    /// #4: the matter is not accepted.
    NotAccepted {
        /// Why.
        reason: NotAcceptedReason,
    },
    /// #5: triage is done.
    Triaged(Box<Triage>),
    /// #6, #16: the case is referred out.
    ReferredOut(Box<Referral>),
    /// #7: a presiding mediator is designated.
    MediatorAssigned {
        /// The presiding mediator (调解主持人).
        presiding: MediatorId,
        /// Co-mediators.
        co_mediators: Vec<MediatorId>,
        /// Whether the parties chose the mediator (人民调解法 Art 19).
        chosen_by_parties: bool,
    },
    /// #8: the presiding mediator is replaced.
    MediatorReplaced {
        /// The new presiding mediator.
        presiding: MediatorId,
        /// Co-mediators.
        co_mediators: Vec<MediatorId>,
        /// Why.
        reason: ReplacementReason,
    },
    /// #9: mediation starts.
    MediationStarted,
    /// #12, #13: an agreement takes effect.
    AgreementReached {
        /// Written or oral.
        form: AgreementForm,
        /// The agreement (drafted and, if written, signed before).
        agreement: AgreementId,
        /// The day it took effect (PML Arts 29, 30).
        effective_on: Date,
    },
    /// #14, #15: mediation ends without agreement.
    Terminated {
        /// Why.
        reason: TerminationReason,
    },
    /// #17: judicial confirmation is applied for.
    JcApplied(Box<JcApplication>),
    /// #18: the court rules.
    JcRuled {
        /// The ruling.
        ruling: JcRuling,
        /// The day of the ruling.
        on: Date,
    },
    /// #19: mediation resumes after the court rejected confirmation.
    Remediation {
        /// The parties consenting to mediate again (every party).
        consenting: Vec<PartyId>,
    },
    /// #20: obligations with future due dates are being performed.
    PerformanceScheduled,
    /// #21, #25: all obligations are performed.
    Performed,
    /// #22: an obligation is overdue or disputed.
    NonPerformance,
    /// #23: the mediator urged performance.
    PerformanceUrged,
    /// #24, #26: the case is closed.
    Closed,
    /// #27: the case file is bound and archived.
    Archived,
    /// #28: a closed case is reopened.
    Reopened {
        /// Why.
        reason: ReopenReason,
        /// The parties consenting to mediate again (every party).
        consenting: Vec<PartyId>,
    },
    /// Fields of the case set (last writer wins per field).
    Edited {
        /// The fields set, in order.
        changes: Vec<CaseChange>,
    },
    /// A party's record is added or replaced as a whole.
    PartySaved(Box<Party>),
    /// A party is removed (it cannot be saved again afterwards).
    PartyRemoved {
        /// The party.
        party: PartyId,
    },
    /// #11: escalation signs and measures (a flag, not a status).
    EscalationFlagged(Box<Escalation>),
    /// A conflict-of-interest or prior-dispute warning was seen and acknowledged.
    WarningAcknowledged(Box<AcknowledgedWarning>),
    /// A compensating event: the named edit is to be treated as though it never happened.
    Reverted {
        /// The reverted event.
        event: EventId,
    },
    /// A notice was given to parties (rights, non-acceptance, other routes, may sue).
    NoticeGiven(Box<Notice>),
    /// A party accepted or refused mediation (PML Art 17).
    ConsentRecorded {
        /// The party.
        party: PartyId,
        /// Accepts or refuses.
        decision: ConsentDecision,
        /// When.
        on: Date,
    },
    /// A party asked for the presiding mediator to be replaced (MOJ 2002 Regulation Art 25).
    ReplacementRequested {
        /// The party.
        party: PartyId,
        /// When.
        on: Date,
    },
    /// The parties chose public or non-public mediation (PML Art 23(3)).
    ModeChosen {
        /// The mode.
        mode: MediationMode,
    },
    /// #10: a session or investigation was recorded (replaces an earlier record with its id).
    SessionRecorded(Box<Session>),
    /// An agreement was drafted, or its draft replaced under the same id.
    AgreementDrafted(Box<Agreement>),
    /// Signature slots of a written agreement were marked captured (replaces the earlier marks).
    AgreementSigned {
        /// The agreement.
        agreement: AgreementId,
        /// The slots captured.
        signatures: Signatures,
    },
    /// An obligation's performance was reported.
    ObligationUpdated(Box<ObligationUpdate>),
    /// A follow-up visit was recorded.
    FollowUpRecorded(Box<FollowUp>),
    /// #10: every party agreed to extend the time limit.
    TimeLimitExtended {
        /// The new last day.
        to: Date,
        /// The parties consenting (every party).
        consenting: Vec<PartyId>,
    },
    /// A medical appraisal started: the working-day count pauses (MED 2018 Art 38).
    AppraisalStarted {
        /// First day.
        on: Date,
    },
    /// The appraisal came back.
    AppraisalEnded {
        /// Last day.
        on: Date,
    },
    /// A referral, transfer, upward report, joint-handling request or police report was sent.
    ReferralSent(Box<ReferralRecord>),
    /// The addressee acknowledged a referral.
    ReferralAcknowledged {
        /// The referral.
        referral: ReferralId,
        /// When.
        on: Date,
    },
    /// The addressee reported a result.
    ReferralAnswered {
        /// The referral.
        referral: ReferralId,
        /// When.
        on: Date,
        /// What it reported.
        result: String,
    },
    /// The closing report was filed.
    ClosingReportFiled(Box<ClosingReport>),
    /// A case-file item was marked as filed, or as missing.
    FileItemMarked {
        /// The item.
        item: CaseFileItem,
        /// In the file or not.
        present: bool,
    },
}

impl CaseEvent {
    /// The lifecycle step this event takes, if it is one.
    pub fn transition(&self) -> Option<Transition> {
        use CaseEvent as E;
        use Transition as T;
        Some(match self {
            E::LeadRecorded(_) => T::RecordLead,
            E::LeadDismissed { .. } => T::DismissLead,
            E::LeadConverted(_) => T::ConvertLead,
            E::Registered(_) => T::Register,
            E::NotAccepted { .. } => T::NotAccept,
            E::Triaged(_) => T::Triage,
            E::ReferredOut(_) => T::ReferOut,
            E::MediatorAssigned { .. } => T::Assign,
            E::MediatorReplaced { .. } => T::ReplaceMediator,
            E::MediationStarted => T::StartMediation,
            E::AgreementReached { .. } => T::Agree,
            E::Terminated { .. } => T::Terminate,
            E::JcApplied(_) => T::ApplyJudicialConfirmation,
            E::JcRuled { ruling, .. } => T::RuleJudicialConfirmation(*ruling),
            E::Remediation { .. } => T::Remediate,
            E::PerformanceScheduled => T::SchedulePerformance,
            E::Performed => T::RecordPerformed,
            E::NonPerformance => T::RecordNonPerformance,
            E::PerformanceUrged => T::UrgePerformance,
            E::Closed => T::Close,
            E::Archived => T::Archive,
            E::Reopened { .. } => T::Reopen,
            E::Edited { .. }
            | E::PartySaved(_)
            | E::PartyRemoved { .. }
            | E::EscalationFlagged(_)
            | E::WarningAcknowledged(_)
            | E::Reverted { .. }
            | E::NoticeGiven(_)
            | E::ConsentRecorded { .. }
            | E::ReplacementRequested { .. }
            | E::ModeChosen { .. }
            | E::SessionRecorded(_)
            | E::AgreementDrafted(_)
            | E::AgreementSigned { .. }
            | E::ObligationUpdated(_)
            | E::FollowUpRecorded(_)
            | E::TimeLimitExtended { .. }
            | E::AppraisalStarted { .. }
            | E::AppraisalEnded { .. }
            | E::ReferralSent(_)
            | E::ReferralAcknowledged { .. }
            | E::ReferralAnswered { .. }
            | E::ClosingReportFiled(_)
            | E::FileItemMarked { .. } => return None,
        })
    }

    /// Whether a `Reverted` event may target this event: data edits only, never lifecycle steps
    /// (those are undone by the lifecycle, e.g. reopening) or other reverts. Procedure records are
    /// data too: a notice or consent entered by mistake is reverted, not edited.
    pub fn is_revertible(&self) -> bool {
        self.transition().is_none() && !matches!(self, CaseEvent::Reverted { .. })
    }
}

/// What happened to an organisation unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OrgUnitEvent {
    /// The unit's record is created or replaced as a whole.
    Saved(Box<OrgUnit>),
}

/// What happened to a mediator's record.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MediatorEvent {
    /// The mediator's record (with relatives) is created or replaced as a whole.
    Saved(Box<Mediator>),
}

/// What happened to a screening log.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ScreeningEvent {
    /// The log is filed, or replaced as a whole by a corrected one.
    Filed(Box<ScreeningLog>),
}

/// What happened to a day of the holiday calendar.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CalendarEvent {
    /// The day becomes a holiday, a make-up working day, or regular again (last writer wins).
    DaySet {
        /// What it becomes.
        kind: DayKind,
    },
}

/// The subject of an event and what happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EventBody {
    /// A case (or lead).
    Case {
        /// The case.
        case: CaseId,
        /// What happened.
        payload: CaseEvent,
    },
    /// A unit of the mediation network.
    OrgUnit {
        /// The unit.
        unit: OrgUnitId,
        /// What happened.
        payload: OrgUnitEvent,
    },
    /// A mediator's record.
    Mediator {
        /// The mediator.
        mediator: MediatorId,
        /// What happened.
        payload: MediatorEvent,
    },
    /// A screening log.
    Screening {
        /// The screening.
        screening: ScreeningId,
        /// What happened.
        payload: ScreeningEvent,
    },
    /// A day of the holiday calendar.
    Calendar {
        /// The day.
        date: Date,
        /// What happened.
        payload: CalendarEvent,
    },
}

/// Every field of an event except its id: what the id is computed from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnsealedEvent {
    /// The mediator who wrote it.
    pub author: MediatorId,
    /// The tablet that wrote it.
    pub device: DeviceId,
    /// Position in the device's log, from 1.
    pub seq: u64,
    /// The id of the device's previous event; `None` only for seq 1.
    pub prev: Option<EventId>,
    /// When it was written (raised if needed so a case's events follow each other, see
    /// `command.rs`).
    pub at: Timestamp,
    /// Subject and payload.
    pub body: EventBody,
}

/// A sealed event: its fields and the id computed from them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Event {
    id: EventId,
    fields: UnsealedEvent,
}

/// The format version written in every event's `"v"` field.
pub const EVENT_FORMAT_VERSION: u64 = 1;

impl UnsealedEvent {
    /// The canonical JSON text of these fields (docs/events.md): the bytes the id hashes.
    pub fn canonical_json(&self) -> String {
        canonical_json(&wire::encode_unsealed(self))
    }

    /// The id these fields hash to.
    pub fn compute_id(&self) -> EventId {
        EventId::from_digest_hex(sha256_hex(self.canonical_json().as_bytes()))
    }
}

impl Event {
    /// Seals the fields by computing their id.
    pub fn seal(fields: UnsealedEvent) -> Event {
        Event {
            id: fields.compute_id(),
            fields,
        }
    }

    /// Pairs fields with an id without checking it (for loading one's own store quickly);
    /// [`Event::verify_id`] checks it later.
    pub fn from_parts_unverified(id: EventId, fields: UnsealedEvent) -> Event {
        Event { id, fields }
    }

    /// Whether the id is the hash of the fields.
    pub fn verify_id(&self) -> bool {
        self.fields.compute_id() == self.id
    }

    /// The id.
    pub fn id(&self) -> &EventId {
        &self.id
    }

    /// All fields but the id.
    pub fn fields(&self) -> &UnsealedEvent {
        &self.fields
    }

    /// The author.
    pub fn author(&self) -> &MediatorId {
        &self.fields.author
    }

    /// The writing device.
    pub fn device(&self) -> &DeviceId {
        &self.fields.device
    }

    /// Position in the device's log.
    pub fn seq(&self) -> u64 {
        self.fields.seq
    }

    /// The device's previous event.
    pub fn prev(&self) -> Option<&EventId> {
        self.fields.prev.as_ref()
    }

    /// When it was written.
    pub fn at(&self) -> Timestamp {
        self.fields.at
    }

    /// Subject and payload.
    pub fn body(&self) -> &EventBody {
        &self.fields.body
    }

    /// The case this event is about, if it is about a case.
    pub fn case(&self) -> Option<&CaseId> {
        match &self.fields.body {
            EventBody::Case { case, .. } => Some(case),
            _ => None,
        }
    }

    /// The case payload, if it is about a case.
    pub fn case_payload(&self) -> Option<&CaseEvent> {
        match &self.fields.body {
            EventBody::Case { payload, .. } => Some(payload),
            _ => None,
        }
    }

    /// The total order every fold uses: time, then device, then seq, then id. Ties in time
    /// between devices are broken the same way on every device, so all converge.
    pub fn order_key(&self) -> (Timestamp, &DeviceId, u64, &EventId) {
        (
            self.fields.at,
            &self.fields.device,
            self.fields.seq,
            &self.id,
        )
    }

    /// The canonical JSON including `"id"`: the form stored and exported.
    pub fn to_json(&self) -> String {
        canonical_json(&wire::encode_event(self))
    }
}

/// Where a device's log ends: what its next event must carry.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ChainHead {
    /// The next seq (1 for a new device).
    pub next_seq: u64,
    /// The id of the last event (`None` for a new device).
    pub prev: Option<EventId>,
    /// The time of the last event; new events are never dated earlier.
    pub last_at: Option<Timestamp>,
}

impl ChainHead {
    /// The head of an empty log.
    pub const fn genesis() -> ChainHead {
        ChainHead {
            next_seq: 1,
            prev: None,
            last_at: None,
        }
    }

    /// The head right after `event`.
    pub fn after(event: &Event) -> ChainHead {
        ChainHead {
            next_seq: event.seq().saturating_add(1),
            prev: Some(event.id().clone()),
            last_at: Some(event.at()),
        }
    }

    /// The head of `device`'s log among `events` (its highest seq).
    pub fn of_device<'a>(
        device: &DeviceId,
        events: impl IntoIterator<Item = &'a Event>,
    ) -> ChainHead {
        events
            .into_iter()
            .filter(|e| e.device() == device)
            .max_by(|a, b| (a.seq(), a.id()).cmp(&(b.seq(), b.id())))
            .map_or_else(ChainHead::genesis, ChainHead::after)
    }
}
