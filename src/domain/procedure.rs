//! Procedure records: notices, consents, sessions, agreements and their obligations, follow-ups,
//! judicial confirmation, referrals, the closing report and the case-file checklist.
//!
//! These are the records that prove a lifecycle step was taken lawfully; `command.rs` refuses a
//! step until they exist, and `fold.rs` collects them into `CaseState::procedure`. Each record
//! cites the rule it serves, so a reviewer can check the code against the law, not against a
//! summary of it.

use std::collections::{BTreeMap, BTreeSet};

use super::case::{AgreementForm, JcRuling, ReferralReason, ReferralTarget, RiskFlag};
use super::case_state::CaseState;
use super::codes::code_enum;
use super::ids::{AgreementId, MediatorId, OrgUnitId, PartyId, ReferralId, SessionId};
use super::lifecycle::Transition;
use super::money::Fen;
use super::time::{Date, Timestamp};

code_enum! {
    /// What the parties were told.
    pub enum NoticeKind {
        /// The nature, principles and effect of mediation and the parties' rights and duties
        /// (People's Mediation Law (PML) Arts 17, 23, 24; MOJ 2002 Regulation Art 30).
        RightsAndDuties = "RIGHTS_AND_DUTIES",
        /// Why the matter is not accepted and which routes remain (MOJ 2002 Regulation
        /// Arts 22, 24).
        NonAcceptance = "NON_ACCEPTANCE",
        /// On termination: arbitration, administrative and judicial routes remain (PML Art 26).
        OtherRoutes = "OTHER_ROUTES",
        /// The parties may sue on the agreement, and on a confirmed agreement apply to the court
        /// for enforcement (PML Arts 32, 33 para 2; Civil Procedure Law Art 250).
        MaySueOrEnforce = "MAY_SUE_OR_ENFORCE",
    }
}

/// A notice given to some parties, on a day.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Notice {
    /// What they were told.
    pub kind: NoticeKind,
    /// The parties told (who acknowledged it, for the rights notice).
    pub parties: Vec<PartyId>,
    /// When.
    pub on: Date,
}

code_enum! {
    /// A party's answer to the question whether it accepts mediation (PML Art 17).
    pub enum ConsentDecision {
        /// Accepts mediation.
        Consents = "CONSENTS",
        /// Refuses it: one party's clear refusal bars mediation (PML Art 17, Art 23(2)).
        Refuses = "REFUSES",
    }
}

code_enum! {
    /// Public or non-public mediation, the parties' choice (PML Art 23(3)).
    pub enum MediationMode {
        /// Open to the public.
        Public = "PUBLIC",
        /// Not open to the public.
        Private = "PRIVATE",
    }
}

code_enum! {
    /// The kind of a recorded session.
    pub enum SessionKind {
        /// An investigation (the investigation record).
        Investigation = "INVESTIGATION",
        /// A mediation session (the mediation record).
        Mediation = "MEDIATION",
        /// A short note of a simple mediation on the spot.
        Simple = "SIMPLE",
    }
}

code_enum! {
    /// The seven points a mediation record must show it covered (practice template for the
    /// mediation record; the duty to record is PML Art 27).
    pub enum Disclosure {
        /// The parties' rights and duties were explained.
        RightsExplained = "RIGHTS",
        /// The principles and method of mediation, and who takes part, were explained.
        PrinciplesExplained = "PRINCIPLES",
        /// Each party's statement of the disputed facts.
        PartyStatements = "STATEMENTS",
        /// The investigation findings were verified.
        FindingsVerified = "FINDINGS",
        /// The risks of the outcome were explained.
        RisksExplained = "RISKS",
        /// The agreement reached, or why it failed and which routes remain.
        OutcomeOrRoutes = "OUTCOME",
        /// Signatures of all present and the committee seal.
        SignaturesAndSeal = "SIGNATURES",
    }
}

code_enum! {
    /// How a session ended.
    pub enum SessionOutcome {
        /// Mediation continues.
        Continue = "CONTINUE",
        /// Agreement was reached.
        Agreement = "AGREEMENT",
        /// Mediation failed.
        Failed = "FAILED",
        /// A party refused to go on.
        PartyRefused = "PARTY_REFUSED",
    }
}

/// One party's statement in a session.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Statement {
    /// Who spoke.
    pub party: PartyId,
    /// What they said, in their words.
    pub text: String,
}

/// An investigation or mediation session as recorded (PML Art 27).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Session {
    /// Id (from the shell).
    pub id: SessionId,
    /// Investigation, mediation or simple note.
    pub kind: SessionKind,
    /// When it took place.
    pub at: Timestamp,
    /// Where (MOJ 2002 Regulation Art 28: the committee's premises or a convenient place).
    pub place: String,
    /// Parties present.
    pub present_parties: Vec<PartyId>,
    /// Invited participants (relatives, neighbours, experts), by name.
    pub participants: Vec<String>,
    /// The parties who agreed to inviting them (PML Art 20).
    pub participants_consented_by: Vec<PartyId>,
    /// Mediators present.
    pub mediators: Vec<MediatorId>,
    /// The recorder.
    pub recorder: Option<MediatorId>,
    /// The parties' own statements.
    pub statements: Vec<Statement>,
    /// The facts as checked.
    pub verified_facts: String,
    /// The points of the record covered.
    pub disclosures: BTreeSet<Disclosure>,
    /// How it ended.
    pub outcome: SessionOutcome,
    /// The record was read back to, or checked by, the parties before signing.
    pub read_back: bool,
}

code_enum! {
    /// What an obligation asks for.
    pub enum ObligationKind {
        /// Paying money.
        Payment = "PAYMENT",
        /// Doing or refraining from something.
        Act = "ACT",
        /// An apology.
        Apology = "APOLOGY",
        /// Anything else.
        Other = "OTHER",
    }
}

code_enum! {
    /// Where an obligation stands.
    pub enum ObligationStatus {
        /// Not yet due, or due and not yet reported.
        Pending = "PENDING",
        /// Done.
        Performed = "PERFORMED",
        /// Partly done.
        Partial = "PARTIAL",
        /// Past its due date and not done.
        Overdue = "OVERDUE",
        /// A party disputes it (PML Art 32).
        Disputed = "DISPUTED",
    }
}

/// One term to perform: who owes what to whom, how, where and by when (PML Art 29(3); MOJ 2002
/// Regulation Art 35(4) adds the place).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Obligation {
    /// Who performs.
    pub obligor: PartyId,
    /// For whom.
    pub obligee: PartyId,
    /// What kind.
    pub kind: ObligationKind,
    /// What exactly.
    pub description: String,
    /// The sum, for payments.
    pub amount: Option<Fen>,
    /// By when (absent: performed on the spot).
    pub due: Option<Date>,
    /// How (method of performance).
    pub method: String,
    /// Where.
    pub place: String,
}

code_enum! {
    /// Personal-status relationships a court will not confirm (SPC 2011 Provisions on Judicial
    /// Confirmation Art 4).
    pub enum PersonalStatus {
        /// Identity relationships (e.g. parentage).
        Identity = "IDENTITY",
        /// Adoption.
        Adoption = "ADOPTION",
        /// Marriage (e.g. whether to divorce).
        Marriage = "MARRIAGE",
    }
}

/// A mediation agreement as drafted (PML Arts 28-30).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Agreement {
    /// Id (from the shell).
    pub id: AgreementId,
    /// Written or oral.
    pub form: AgreementForm,
    /// The committee's agreement number, if given.
    pub number: Option<String>,
    /// The parties bound (PML Art 29(1): their basic information comes from the case).
    pub parties: Vec<PartyId>,
    /// The main facts (PML Art 29(2)).
    pub facts: String,
    /// The issues in dispute (PML Art 29(2)).
    pub issues: String,
    /// Each party's responsibility (PML Art 29(2)).
    pub responsibility: String,
    /// The content agreed (PML Art 29(3); for an oral agreement, the mediator's record of it,
    /// PML Art 28).
    pub content: String,
    /// The obligations to perform.
    pub obligations: Vec<Obligation>,
    /// Copies made: one per party plus one for the committee (PML Art 29 para 2).
    pub copies: u32,
    /// The day the parties reached it (the effective day of an oral agreement, PML Art 30).
    pub reached_on: Date,
    /// The agreement it replaces, after re-mediation (PML Art 33 para 3).
    pub replaces: Option<AgreementId>,
    /// A personal-status relationship it settles, which bars judicial confirmation.
    pub personal_status: Option<PersonalStatus>,
}

/// One party's signature, seal or fingerprint on a written agreement.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PartySignature {
    /// The party.
    pub party: PartyId,
    /// The day captured.
    pub on: Date,
}

/// The signature slots of a written agreement marked captured (a photo or scan of the signed
/// page is the proof; the legal effect comes from the wet signature and seal, PML Art 29 para 2).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Signatures {
    /// Parties who signed, sealed or fingerprinted.
    pub parties: Vec<PartySignature>,
    /// The day the mediator signed.
    pub mediator_on: Option<Date>,
    /// The day the committee seal was applied.
    pub sealed_on: Option<Date>,
}

/// What a written or oral agreement still lacks before it can take effect.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AgreementGap {
    /// It names fewer than two parties.
    Parties,
    /// A party it names is not on the case (its basic information is missing, PML Art 29(1)).
    UnknownParty(PartyId),
    /// The main facts (PML Art 29(2)).
    Facts,
    /// The issues in dispute (PML Art 29(2)).
    Issues,
    /// Each party's responsibility (PML Art 29(2)).
    Responsibility,
    /// The content agreed (PML Arts 28, 29(3)).
    Content,
    /// Obligation n (from 1) lacks its method of performance (PML Art 29(3)).
    ObligationMethod(u32),
    /// Obligation n lacks its place of performance (MOJ 2002 Regulation Art 35(4)).
    ObligationPlace(u32),
    /// Obligation n names an obligor or obligee not bound by the agreement.
    ObligationParty(u32),
    /// Obligation n is a payment without a positive amount.
    ObligationAmount(u32),
    /// Fewer copies than parties plus one (PML Art 29 para 2).
    Copies,
    /// This party has not signed, sealed or fingerprinted (PML Art 29 para 2).
    PartySignature(PartyId),
    /// The mediator has not signed (PML Art 29 para 2).
    MediatorSignature,
    /// The committee seal is not applied (PML Art 29 para 2).
    Seal,
}

/// An agreement with its signatures, as folded.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AgreementRecord {
    /// The agreement as last drafted.
    pub agreement: Agreement,
    /// Signature slots captured.
    pub signatures: Signatures,
    /// Whether a later agreement replaced it.
    pub replaced: bool,
}

impl AgreementRecord {
    /// Exactly what is missing before the agreement can take effect, given the parties on the
    /// case. Empty means it may take effect.
    pub fn missing(&self, case_parties: &[PartyId]) -> Vec<AgreementGap> {
        let a = &self.agreement;
        let mut gaps = Vec::new();
        let blank = |s: &str| s.trim().is_empty();
        if a.parties.len() < 2 {
            gaps.push(AgreementGap::Parties);
        }
        for party in &a.parties {
            if !case_parties.contains(party) {
                gaps.push(AgreementGap::UnknownParty(party.clone()));
            }
        }
        if blank(&a.content) {
            gaps.push(AgreementGap::Content);
        }
        for (i, o) in a.obligations.iter().enumerate() {
            let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
            if !a.parties.contains(&o.obligor) || !a.parties.contains(&o.obligee) {
                gaps.push(AgreementGap::ObligationParty(n));
            }
            if o.kind == ObligationKind::Payment && o.amount.is_none_or(|f| f.as_fen() <= 0) {
                gaps.push(AgreementGap::ObligationAmount(n));
            }
            if a.form == AgreementForm::Written {
                if blank(&o.method) {
                    gaps.push(AgreementGap::ObligationMethod(n));
                }
                if blank(&o.place) {
                    gaps.push(AgreementGap::ObligationPlace(n));
                }
            }
        }
        if a.form == AgreementForm::Oral {
            // An oral agreement needs only the mediator's record of its content (PML Art 28).
            gaps.sort();
            return gaps;
        }
        if blank(&a.facts) {
            gaps.push(AgreementGap::Facts);
        }
        if blank(&a.issues) {
            gaps.push(AgreementGap::Issues);
        }
        if blank(&a.responsibility) {
            gaps.push(AgreementGap::Responsibility);
        }
        let needed = u32::try_from(a.parties.len() + 1).unwrap_or(u32::MAX);
        if a.copies < needed {
            gaps.push(AgreementGap::Copies);
        }
        for party in &a.parties {
            if !self.signatures.parties.iter().any(|s| &s.party == party) {
                gaps.push(AgreementGap::PartySignature(party.clone()));
            }
        }
        if self.signatures.mediator_on.is_none() {
            gaps.push(AgreementGap::MediatorSignature);
        }
        if self.signatures.sealed_on.is_none() {
            gaps.push(AgreementGap::Seal);
        }
        gaps.sort();
        gaps
    }

    /// The day it takes effect once complete: for a written agreement the last of the parties'
    /// signatures, the mediator's signature and the seal (PML Art 29 para 2); for an oral one
    /// the day it was reached (PML Art 30).
    pub fn effective_on(&self) -> Option<Date> {
        match self.agreement.form {
            AgreementForm::Oral => Some(self.agreement.reached_on),
            AgreementForm::Written => {
                let s = &self.signatures;
                let last_party = s.parties.iter().map(|p| p.on).max()?;
                Some(last_party.max(s.mediator_on?).max(s.sealed_on?))
            }
        }
    }
}

/// A report on an obligation's performance.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ObligationUpdate {
    /// The agreement.
    pub agreement: AgreementId,
    /// The obligation's position in it, from 1.
    pub obligation: u32,
    /// Its status now.
    pub status: ObligationStatus,
    /// As of when.
    pub on: Date,
    /// Evidence (receipt, transfer slip): attachment references.
    pub evidence: Vec<String>,
}

code_enum! {
    /// How a follow-up visit was made.
    pub enum FollowUpMethod {
        /// A home visit.
        Visit = "VISIT",
        /// By telephone.
        Phone = "PHONE",
        /// Otherwise.
        Other = "OTHER",
    }
}

code_enum! {
    /// Performance as found on a follow-up.
    pub enum PerformanceFound {
        /// Fully performed.
        Full = "FULL",
        /// Partly performed.
        Partial = "PARTIAL",
        /// Not performed.
        NotPerformed = "NONE",
        /// Nothing was due yet.
        NotYetDue = "NOT_YET_DUE",
    }
}

code_enum! {
    /// The visited party's satisfaction.
    pub enum Satisfaction {
        /// Satisfied.
        Satisfied = "SATISFIED",
        /// Partly satisfied.
        Partly = "PARTLY",
        /// Dissatisfied.
        Dissatisfied = "DISSATISFIED",
    }
}

/// A follow-up visit (PML Art 31: the committee supervises performance).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FollowUp {
    /// The day of the visit.
    pub on: Date,
    /// How.
    pub method: FollowUpMethod,
    /// Who visited.
    pub visitor: MediatorId,
    /// Who was visited.
    pub visited: Vec<PartyId>,
    /// The agreement concerned.
    pub agreement: Option<AgreementId>,
    /// Performance found.
    pub performance: PerformanceFound,
    /// Satisfaction.
    pub satisfaction: Satisfaction,
    /// Signs of escalation or new disputes.
    pub new_risks: BTreeSet<RiskFlag>,
    /// Notes: court outcome if a party sued, measures taken.
    pub notes: String,
    /// When to visit next.
    pub next_visit: Option<Date>,
}

/// A joint application for judicial confirmation (PML Art 33; Civil Procedure Law Art 205).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct JcApplication {
    /// The agreement to confirm.
    pub agreement: AgreementId,
    /// The court applied to.
    pub court: String,
    /// The day of application.
    pub applied_on: Date,
    /// The parties applying (all of the agreement's parties: the application is joint).
    pub applicants: Vec<PartyId>,
}

code_enum! {
    /// What kind of hand-over a referral is.
    pub enum ReferralKind {
        /// Dispatch by the centre to the unit that should handle it.
        Dispatch = "DISPATCH",
        /// Transfer of competence (MOJ 2002 Regulation Art 24).
        Transfer = "TRANSFER",
        /// Report of a difficult case to a higher level.
        UpwardReport = "UPWARD_REPORT",
        /// Joint handling with other units.
        JointHandling = "JOINT_HANDLING",
        /// Report to the police or another department (PML Art 25).
        PoliceReport = "POLICE_REPORT",
    }
}

/// A referral sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReferralRecord {
    /// Id (from the shell).
    pub id: ReferralId,
    /// What kind.
    pub kind: ReferralKind,
    /// The kind of body addressed.
    pub target: ReferralTarget,
    /// The unit in the network, if it is one.
    pub to_unit: Option<OrgUnitId>,
    /// The body's name otherwise.
    pub to_name: Option<String>,
    /// Why.
    pub reason: ReferralReason,
    /// The day it was sent.
    pub sent_on: Date,
    /// Days the addressee has to respond (counted from the next day, Civil Code Art 201).
    pub response_days: Option<u32>,
}

/// A referral with the answers received.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReferralState {
    /// As sent.
    pub referral: ReferralRecord,
    /// The day the addressee acknowledged it.
    pub acknowledged_on: Option<Date>,
    /// The day and result reported back.
    pub result: Option<(Date, String)>,
}

/// The closing report (practice form of the closing report; the closing-report rule of the
/// network's working rules).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClosingReport {
    /// The closing day.
    pub closed_on: Date,
    /// How the case was handled and ended.
    pub summary: String,
}

code_enum! {
    /// The items of the bound case file, in binding order (practice template of the case file;
    /// PML Art 27 requires registration, records and agreement to be filed).
    pub enum CaseFileItem {
        /// 1. Application or registration form (mandatory).
        Application = "APPLICATION",
        /// 2. The rights-and-duties notice (mandatory).
        RightsNotice = "RIGHTS_NOTICE",
        /// 3. Proof of the parties' identity (mandatory).
        IdentityProof = "IDENTITY_PROOF",
        /// 4. Powers of attorney (as needed).
        PowerOfAttorney = "POWER_OF_ATTORNEY",
        /// 5. Investigation records (as needed).
        InvestigationRecord = "INVESTIGATION_RECORD",
        /// 6. Evidence (as needed).
        Evidence = "EVIDENCE",
        /// 7. The mediation record (mandatory).
        MediationRecord = "MEDIATION_RECORD",
        /// 8. The agreement (mandatory).
        Agreement = "AGREEMENT",
        /// 9. Proof of performance: receipts, transfer slips (as needed).
        PerformanceProof = "PERFORMANCE_PROOF",
        /// 10. Follow-up records (as needed).
        FollowUpRecord = "FOLLOW_UP_RECORD",
        /// 11. Judicial confirmation papers (as needed).
        JudicialConfirmation = "JUDICIAL_CONFIRMATION",
        /// 12. Explanatory note on the file (as needed).
        FileNote = "FILE_NOTE",
        /// 13. Back cover (mandatory).
        BackCover = "BACK_COVER",
    }
}

impl CaseFileItem {
    /// Whether the template marks the item mandatory: items 1, 2, 3, 7, 8 and 13 (six of the
    /// thirteen; the others are filed as needed).
    pub const fn is_mandatory(self) -> bool {
        matches!(
            self,
            CaseFileItem::Application
                | CaseFileItem::RightsNotice
                | CaseFileItem::IdentityProof
                | CaseFileItem::MediationRecord
                | CaseFileItem::Agreement
                | CaseFileItem::BackCover
        )
    }
}

/// One line of the case-file checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChecklistLine {
    /// The item.
    pub item: CaseFileItem,
    /// Whether the template marks it mandatory.
    pub mandatory: bool,
    /// Whether the case's course makes it required: the mediation record and the agreement
    /// cannot exist for a case that never reached mediation or agreement.
    pub required: bool,
    /// Whether it is in the file.
    pub present: bool,
}

/// An item stamped with the event that recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Stamped<T> {
    /// When it was recorded (the event's time).
    pub at: Timestamp,
    /// The record.
    pub record: T,
}

/// All procedure records of a case, as folded.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Procedure {
    /// Notices given, oldest first.
    pub notices: Vec<Stamped<Notice>>,
    /// Each party's latest answer on mediation, with the day.
    pub consents: BTreeMap<PartyId, (ConsentDecision, Date)>,
    /// Requests to replace the presiding mediator (MOJ 2002 Regulation Art 25), oldest first.
    pub replacement_requests: Vec<Stamped<PartyId>>,
    /// The mode chosen.
    pub mode: Option<MediationMode>,
    /// Sessions, in the order recorded (a session re-recorded under its id is replaced).
    pub sessions: Vec<Session>,
    /// Agreements, in the order first drafted.
    pub agreements: Vec<AgreementRecord>,
    /// The agreement in effect and the day it took effect.
    pub effective: Option<(AgreementId, Date)>,
    /// The latest report per obligation: (agreement, position from 1).
    pub obligations: BTreeMap<(AgreementId, u32), ObligationUpdate>,
    /// Follow-up visits, oldest first.
    pub follow_ups: Vec<Stamped<FollowUp>>,
    /// The judicial confirmation applied for, and the ruling with its day.
    pub jc: Option<(JcApplication, Option<(JcRuling, Date)>)>,
    /// Agreed extensions of the time limit: the new last day, oldest first.
    pub extensions: Vec<Stamped<Date>>,
    /// Medical appraisal periods: first day and, once back, last day (MED 2018 Art 38 excludes
    /// them from the 30 working days).
    pub appraisals: Vec<(Date, Option<Date>)>,
    /// Referrals, in the order sent.
    pub referrals: Vec<ReferralState>,
    /// Closing reports, oldest first.
    pub closing_reports: Vec<Stamped<ClosingReport>>,
    /// Case-file items the director marked as filed or not.
    pub file_items: BTreeMap<CaseFileItem, bool>,
}

impl Procedure {
    /// The agreement with this id.
    pub fn agreement(&self, id: &AgreementId) -> Option<&AgreementRecord> {
        self.agreements.iter().find(|a| &a.agreement.id == id)
    }

    /// The agreement in effect.
    pub fn effective_agreement(&self) -> Option<&AgreementRecord> {
        self.effective
            .as_ref()
            .and_then(|(id, _)| self.agreement(id))
    }

    /// Whether a notice of `kind` recorded at or after `since` told every one of `parties`.
    pub fn told(&self, kind: NoticeKind, parties: &[PartyId], since: Timestamp) -> bool {
        parties.iter().all(|party| {
            self.notices
                .iter()
                .any(|n| n.at >= since && n.record.kind == kind && n.record.parties.contains(party))
        })
    }

    /// The status of obligation `n` (from 1) of `agreement`: `Pending` until reported.
    pub fn obligation_status(&self, agreement: &AgreementId, n: u32) -> ObligationStatus {
        self.obligations
            .get(&(agreement.clone(), n))
            .map_or(ObligationStatus::Pending, |u| u.status)
    }
}

/// The case-file checklist of a case: each item, whether the case's course requires it, and
/// whether it is in the file.
///
/// Items the core holds a record of count as present once recorded (registration, rights
/// notice, sessions, agreement, follow-ups, judicial confirmation, receipts); the director marks
/// the paper-only items (`case.file_item_marked`), and a mark also overrides a derived item, e.g.
/// a record that was never printed and signed.
pub fn case_file_checklist(state: &CaseState) -> Vec<ChecklistLine> {
    let p = &state.procedure;
    let took = |t: Transition| state.history.iter().any(|h| h.transition == t);
    let mediated = took(Transition::StartMediation);
    let agreed = took(Transition::Agree);
    CaseFileItem::ALL
        .iter()
        .map(|&item| {
            let derived = match item {
                CaseFileItem::Application => state.number.is_some(),
                CaseFileItem::RightsNotice => p
                    .notices
                    .iter()
                    .any(|n| n.record.kind == NoticeKind::RightsAndDuties),
                CaseFileItem::InvestigationRecord => p
                    .sessions
                    .iter()
                    .any(|s| s.kind == SessionKind::Investigation),
                CaseFileItem::MediationRecord => p
                    .sessions
                    .iter()
                    .any(|s| s.kind != SessionKind::Investigation),
                CaseFileItem::Agreement => p.effective.is_some(),
                CaseFileItem::PerformanceProof => {
                    p.obligations.values().any(|u| !u.evidence.is_empty())
                }
                CaseFileItem::FollowUpRecord => !p.follow_ups.is_empty(),
                CaseFileItem::JudicialConfirmation => p.jc.is_some(),
                CaseFileItem::IdentityProof
                | CaseFileItem::PowerOfAttorney
                | CaseFileItem::Evidence
                | CaseFileItem::FileNote
                | CaseFileItem::BackCover => false,
            };
            // The rights notice and mediation record exist only where mediation took place, the
            // agreement only where one took effect.
            let applies = match item {
                CaseFileItem::RightsNotice | CaseFileItem::MediationRecord => mediated,
                CaseFileItem::Agreement => agreed,
                _ => true,
            };
            ChecklistLine {
                item,
                mandatory: item.is_mandatory(),
                required: item.is_mandatory() && applies,
                present: p.file_items.get(&item).copied().unwrap_or(derived),
            }
        })
        .collect()
}
