//! Builders shared by the domain tests: ids, parties, forms, command contexts and a simulated tablet.

use std::collections::BTreeSet;

use casebook::domain::case::{
    Acceptance, AcceptanceBasis, AgreementForm, CaseSource, DifficultyTier, DismissalReason,
    HandlingLevel, Intake, IntakeChannel, JcRuling, NotAcceptedReason, ObjectionCheck, Referral,
    ReferralReason, ReferralTarget, RiskLevel, TerminationReason, Triage,
};
use casebook::domain::case_number::CaseNumber;
use casebook::domain::command::{decide, CaseCommand, CommandContext, CommandError};
use casebook::domain::dispute::{DisputeClass, DisputeType};
use casebook::domain::event::Registration;
use casebook::domain::lead::Lead;
use casebook::domain::party::{AgeGroup, Party, PartyKind, PartyRole};
use casebook::domain::procedure::JcApplication;
use casebook::domain::{
    fold_case, AgreementId, CaseEvent, CaseId, CaseState, ChainHead, Date, DeviceId, Event,
    EventBody, MediatorId, OrgUnitId, PartyId, Status, Timestamp, UnsealedEvent,
};

/// A committee abbreviation with Chinese characters, as real prefixes have.
pub(crate) const PREFIX: &str = "东城";

pub(crate) fn case_id(raw: &str) -> CaseId {
    CaseId::parse(raw).expect("case id")
}

pub(crate) fn med(raw: &str) -> MediatorId {
    MediatorId::parse(raw).expect("mediator id")
}

pub(crate) fn dev(raw: &str) -> DeviceId {
    DeviceId::parse(raw).expect("device id")
}

pub(crate) fn pid(raw: &str) -> PartyId {
    PartyId::parse(raw).expect("party id")
}

pub(crate) fn aid(raw: &str) -> AgreementId {
    AgreementId::parse(raw).expect("agreement id")
}

pub(crate) fn day(y: i32, m: u8, d: u8) -> Date {
    Date::from_ymd(y, m, d).expect("date")
}

/// A joint application by both parties of `two_parties` for agreement `a-1`.
pub(crate) fn jc_application(applied_on: Date) -> JcApplication {
    JcApplication {
        agreement: aid("a-1"),
        court: "Dongcheng District Court".to_owned(),
        applied_on,
        applicants: vec![pid("p-1"), pid("p-2")],
    }
}

pub(crate) fn unit(raw: &str) -> OrgUnitId {
    OrgUnitId::parse(raw).expect("unit id")
}

/// 2026-03-02 09:00 in China (01:00 UTC), plus `minutes`.
pub(crate) fn t(minutes: i64) -> Timestamp {
    let day = Date::from_ymd(2026, 3, 2).expect("date").days_since_epoch();
    Timestamp::from_millis(day * 86_400_000 + 3_600_000 + minutes * 60_000)
}

pub(crate) fn party(id: &str, role: PartyRole, name: &str) -> Party {
    Party {
        id: pid(id),
        kind: PartyKind::NaturalPerson,
        role,
        name: name.to_owned(),
        gender: None,
        ethnicity: None,
        birth: None,
        occupation: None,
        address: None,
        phone: None,
        id_doc: None,
        age_group: AgeGroup::Adult,
        legal_rep: None,
        agent: None,
        org_rep: None,
    }
}

pub(crate) fn intake(parties: Vec<Party>) -> Intake {
    Intake {
        org_unit: unit("u-1"),
        source: CaseSource::PartyApplication,
        channel: IntakeChannel::Visit,
        first_contact: med("m-1"),
        dispute: DisputeClass::of_type(DisputeType::Neighbour).expect("class"),
        summary: "邻居装修噪音引发争执".to_owned(),
        claims: vec!["停止夜间施工".to_owned()],
        amount: None,
        persons_involved: Some(2),
        group: false,
        flags: BTreeSet::new(),
        risk_flags: BTreeSet::new(),
        parties,
    }
}

pub(crate) fn two_parties() -> Vec<Party> {
    vec![
        party("p-1", PartyRole::Applicant, "张三"),
        party("p-2", PartyRole::Respondent, "李四"),
    ]
}

pub(crate) fn applied() -> Acceptance {
    Acceptance {
        basis: AcceptanceBasis::WrittenApplication,
        objection: ObjectionCheck::NotAsked,
    }
}

pub(crate) fn number(serial: u32) -> CaseNumber {
    CaseNumber::new(2026, PREFIX, serial).expect("number")
}

pub(crate) fn lead() -> Lead {
    Lead {
        org_unit: unit("u-1"),
        channel: IntakeChannel::GridWorker,
        description: "两户因宅基地界址争吵".to_owned(),
        dispute_type: Some(DisputeType::HousingHomestead),
        persons: vec!["王五".to_owned(), "赵六".to_owned()],
        persons_involved: Some(2),
        risk_flags: BTreeSet::new(),
        reported_by: Some("网格员".to_owned()),
        finding: None,
    }
}

pub(crate) fn triage() -> Triage {
    Triage {
        dispute: DisputeClass::of_type(DisputeType::Neighbour).expect("class"),
        tier: DifficultyTier::Simple,
        risk_level: RiskLevel::Green,
        risk_flags: BTreeSet::new(),
        handling_level: HandlingLevel::Village,
    }
}

pub(crate) fn referral() -> Referral {
    Referral {
        target: ReferralTarget::HigherCentre,
        to_unit: Some(unit("u-0")),
        to_name: None,
        reason: ReferralReason::Difficult,
    }
}

/// A tablet: a device with its own chain and a clock that advances a minute per event.
pub(crate) struct Tablet {
    pub(crate) device: DeviceId,
    pub(crate) author: MediatorId,
    pub(crate) head: ChainHead,
    pub(crate) clock: Timestamp,
    pub(crate) log: Vec<Event>,
}

impl Tablet {
    pub(crate) fn new(device: &str, author: &str, clock: Timestamp) -> Tablet {
        Tablet {
            device: dev(device),
            author: med(author),
            head: ChainHead::genesis(),
            clock,
            log: Vec::new(),
        }
    }

    pub(crate) fn ctx(&self) -> CommandContext {
        CommandContext {
            author: self.author.clone(),
            device: self.device.clone(),
            head: self.head.clone(),
            now: self.clock,
        }
    }

    fn keep(&mut self, events: &[Event]) {
        for event in events {
            self.head = ChainHead::after(event);
            self.log.push(event.clone());
        }
        self.clock = self.clock.plus_millis(60_000);
    }

    /// Runs a command; on success the events join this tablet's log.
    pub(crate) fn run(
        &mut self,
        state: Option<&CaseState>,
        command: CaseCommand,
    ) -> Result<Vec<Event>, CommandError> {
        let events = decide(state, command, &self.ctx())?;
        self.keep(&events);
        Ok(events)
    }

    /// Appends an event without a command (for statuses no command can reach yet).
    pub(crate) fn append(&mut self, body: EventBody) -> Event {
        let event = Event::seal(UnsealedEvent {
            author: self.author.clone(),
            device: self.device.clone(),
            seq: self.head.next_seq,
            prev: self.head.prev.clone(),
            at: self.clock,
            body,
        });
        self.keep(std::slice::from_ref(&event));
        event
    }

    pub(crate) fn append_case(&mut self, case: &CaseId, payload: CaseEvent) -> Event {
        self.append(EventBody::Case {
            case: case.clone(),
            payload,
        })
    }
}

pub(crate) fn fold(case: &CaseId, events: &[Event]) -> CaseState {
    fold_case(case, events).expect("case exists")
}

pub(crate) fn registration() -> Box<Registration> {
    Box::new(Registration {
        number: number(1001),
        acceptance: applied(),
        intake: intake(two_parties()),
    })
}

/// The payloads that take a new case to `status` along the lifecycle table.
pub(crate) fn path_to(status: Status) -> Vec<CaseEvent> {
    use CaseEvent as E;
    let registered = vec![E::Registered(registration())];
    let triaged = [registered.clone(), vec![E::Triaged(Box::new(triage()))]].concat();
    let assigned = [
        triaged.clone(),
        vec![E::MediatorAssigned {
            presiding: med("m-2"),
            co_mediators: vec![],
            chosen_by_parties: false,
        }],
    ]
    .concat();
    let mediating = [assigned.clone(), vec![E::MediationStarted]].concat();
    let agreed = [
        mediating.clone(),
        vec![E::AgreementReached {
            form: AgreementForm::Written,
            agreement: aid("a-1"),
            effective_on: day(2026, 3, 2),
        }],
    ]
    .concat();
    let performing = [agreed.clone(), vec![E::PerformanceScheduled]].concat();
    let jc_pending = [
        agreed.clone(),
        vec![E::JcApplied(Box::new(jc_application(day(2026, 3, 3))))],
    ]
    .concat();
    let terminated = [
        mediating.clone(),
        vec![E::Terminated {
            reason: TerminationReason::Failed,
        }],
    ]
    .concat();
    let closed = [terminated.clone(), vec![E::Closed]].concat();
    let lead = vec![E::LeadRecorded(Box::new(lead()))];
    match status {
        Status::Lead => lead,
        Status::Dismissed => [
            lead,
            vec![E::LeadDismissed {
                reason: DismissalReason::NoDispute,
            }],
        ]
        .concat(),
        Status::Registered => registered,
        Status::NotAccepted => [
            registered,
            vec![E::NotAccepted {
                reason: NotAcceptedReason::AlreadyHandled,
            }],
        ]
        .concat(),
        Status::Triaged => triaged,
        Status::ReferredOut => [triaged, vec![E::ReferredOut(Box::new(referral()))]].concat(),
        Status::Assigned => assigned,
        Status::InMediation => mediating,
        Status::Agreed => agreed,
        Status::Performing => performing,
        Status::Performed => [agreed, vec![E::Performed]].concat(),
        Status::NonPerformance => [performing, vec![E::NonPerformance]].concat(),
        Status::JcPending => jc_pending,
        Status::JcConfirmed => [
            jc_pending,
            vec![E::JcRuled {
                ruling: JcRuling::Valid,
                on: day(2026, 3, 10),
            }],
        ]
        .concat(),
        Status::JcRejected => [
            jc_pending,
            vec![E::JcRuled {
                ruling: JcRuling::Rejected,
                on: day(2026, 3, 10),
            }],
        ]
        .concat(),
        Status::Terminated => terminated,
        Status::Closed => closed,
        Status::Archived => [closed, vec![E::Archived]].concat(),
    }
}

/// A case in `status` on a fresh tablet, built from raw events.
pub(crate) fn case_in(status: Status) -> (Tablet, CaseState) {
    let mut tablet = Tablet::new("tab-1", "m-1", t(0));
    let case = case_id("c-1");
    for payload in path_to(status) {
        tablet.append_case(&case, payload);
    }
    let state = fold(&case, &tablet.log);
    assert_eq!(
        state.status, status,
        "path_to({status:?}) reaches another status"
    );
    (tablet, state)
}
