//! The case lifecycle: statuses, the transition table, and the procedural rules whose records
//! guard some transitions.
//!
//! The table is the single source of truth for both directions: commands (`command.rs`) refuse a
//! transition that is not in it, and the fold (`fold.rs`) records one that arrives out of place as
//! a conflict instead of applying it.

use super::case::JcRuling;
use super::codes::code_enum;

code_enum! {
    /// Where a case stands.
    pub enum Status {
        /// 线索: reported, not yet a case.
        Lead = "LEAD",
        /// 受理登记.
        Registered = "REGISTERED",
        /// 集中梳理 done: type, tier, risk, handling level set.
        Triaged = "TRIAGED",
        /// A presiding mediator is designated.
        Assigned = "ASSIGNED",
        /// 调解中.
        InMediation = "IN_MEDIATION",
        /// An agreement is in effect.
        Agreed = "AGREED",
        /// Obligations are being performed.
        Performing = "PERFORMING",
        /// All obligations performed.
        Performed = "PERFORMED",
        /// 结案.
        Closed = "CLOSED",
        /// 归档: case file bound and handed over.
        Archived = "ARCHIVED",
        /// 不予受理.
        NotAccepted = "NOT_ACCEPTED",
        /// 分流移交.
        ReferredOut = "REFERRED_OUT",
        /// 终止调解.
        Terminated = "TERMINATED",
        /// A lead closed without a case.
        Dismissed = "DISMISSED",
        /// An obligation is overdue or disputed.
        NonPerformance = "NON_PERFORMANCE",
        /// 司法确认 applied for.
        JcPending = "JC_PENDING",
        /// The court ruled the agreement valid.
        JcConfirmed = "JC_CONFIRMED",
        /// The court rejected the application.
        JcRejected = "JC_REJECTED",
    }
}

impl Status {
    /// Whether the case is still being handled (not dismissed, closed or archived).
    pub const fn is_open(self) -> bool {
        !matches!(self, Status::Dismissed | Status::Closed | Status::Archived)
    }

    /// Whether the record is frozen: no edits, only reading (archived files are bound).
    pub const fn is_frozen(self) -> bool {
        matches!(self, Status::Archived)
    }

    /// Whether the matter has been registered as a case (every status except lead and dismissed).
    pub const fn is_registered(self) -> bool {
        !matches!(self, Status::Lead | Status::Dismissed)
    }
}

/// A lifecycle step, as named in the transition table of docs/events.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Transition {
    /// #1 (none) → LEAD.
    RecordLead,
    /// #3 (none) → REGISTERED.
    Register,
    /// #2 LEAD → REGISTERED.
    ConvertLead,
    /// #2b LEAD → DISMISSED.
    DismissLead,
    /// #4 REGISTERED → NOT_ACCEPTED.
    NotAccept,
    /// #5 REGISTERED → TRIAGED.
    Triage,
    /// #6, #16 TRIAGED / ASSIGNED / IN_MEDIATION → REFERRED_OUT.
    ReferOut,
    /// #7 TRIAGED → ASSIGNED.
    Assign,
    /// #8 ASSIGNED → ASSIGNED (also during mediation).
    ReplaceMediator,
    /// #9 ASSIGNED → IN_MEDIATION.
    StartMediation,
    /// #12, #13 IN_MEDIATION → AGREED.
    Agree,
    /// #14, #15 IN_MEDIATION → TERMINATED.
    Terminate,
    /// #17 AGREED → JC_PENDING.
    ApplyJudicialConfirmation,
    /// #18 JC_PENDING → JC_CONFIRMED / JC_REJECTED.
    RuleJudicialConfirmation(JcRuling),
    /// #19 JC_REJECTED → IN_MEDIATION.
    Remediate,
    /// #20 AGREED / JC_CONFIRMED → PERFORMING.
    SchedulePerformance,
    /// #21, #25 AGREED / PERFORMING → PERFORMED.
    RecordPerformed,
    /// #22 PERFORMING → NON_PERFORMANCE.
    RecordNonPerformance,
    /// #23 NON_PERFORMANCE → PERFORMING.
    UrgePerformance,
    /// #24, #26, #19 → CLOSED.
    Close,
    /// #27 CLOSED → ARCHIVED.
    Archive,
    /// #28 CLOSED → IN_MEDIATION.
    Reopen,
}

impl Transition {
    /// The status this step leads to from `from` (`None`: the case does not exist yet), or `None`
    /// if the step is not allowed there.
    pub const fn target(self, from: Option<Status>) -> Option<Status> {
        use Status as S;
        use Transition as T;
        let Some(from) = from else {
            return match self {
                T::RecordLead => Some(S::Lead),
                T::Register => Some(S::Registered),
                _ => None,
            };
        };
        match (self, from) {
            (T::ConvertLead, S::Lead) => Some(S::Registered),
            (T::DismissLead, S::Lead) => Some(S::Dismissed),
            (T::NotAccept, S::Registered) => Some(S::NotAccepted),
            (T::Triage, S::Registered) => Some(S::Triaged),
            (T::ReferOut, S::Triaged | S::Assigned | S::InMediation) => Some(S::ReferredOut),
            (T::Assign, S::Triaged) => Some(S::Assigned),
            (T::ReplaceMediator, S::Assigned) => Some(S::Assigned),
            (T::ReplaceMediator, S::InMediation) => Some(S::InMediation),
            (T::StartMediation, S::Assigned) => Some(S::InMediation),
            (T::Agree, S::InMediation) => Some(S::Agreed),
            (T::Terminate, S::InMediation) => Some(S::Terminated),
            (T::ApplyJudicialConfirmation, S::Agreed) => Some(S::JcPending),
            (T::RuleJudicialConfirmation(JcRuling::Valid), S::JcPending) => Some(S::JcConfirmed),
            (T::RuleJudicialConfirmation(JcRuling::Rejected), S::JcPending) => Some(S::JcRejected),
            (T::Remediate, S::JcRejected) => Some(S::InMediation),
            (T::SchedulePerformance, S::Agreed | S::JcConfirmed) => Some(S::Performing),
            (T::RecordPerformed, S::Agreed | S::Performing) => Some(S::Performed),
            (T::RecordNonPerformance, S::Performing) => Some(S::NonPerformance),
            (T::UrgePerformance, S::NonPerformance) => Some(S::Performing),
            (
                T::Close,
                S::Performed
                | S::Terminated
                | S::NotAccepted
                | S::ReferredOut
                | S::NonPerformance
                | S::JcRejected,
            ) => Some(S::Closed),
            (T::Archive, S::Closed) => Some(S::Archived),
            (T::Reopen, S::Closed) => Some(S::InMediation),
            _ => None,
        }
    }

    /// A stable code for messages and logs.
    pub const fn code(self) -> &'static str {
        match self {
            Transition::RecordLead => "RECORD_LEAD",
            Transition::Register => "REGISTER",
            Transition::ConvertLead => "CONVERT_LEAD",
            Transition::DismissLead => "DISMISS_LEAD",
            Transition::NotAccept => "NOT_ACCEPT",
            Transition::Triage => "TRIAGE",
            Transition::ReferOut => "REFER_OUT",
            Transition::Assign => "ASSIGN",
            Transition::ReplaceMediator => "REPLACE_MEDIATOR",
            Transition::StartMediation => "START_MEDIATION",
            Transition::Agree => "AGREE",
            Transition::Terminate => "TERMINATE",
            Transition::ApplyJudicialConfirmation => "APPLY_JC",
            Transition::RuleJudicialConfirmation(JcRuling::Valid) => "JC_CONFIRMED",
            Transition::RuleJudicialConfirmation(JcRuling::Rejected) => "JC_REJECTED",
            Transition::Remediate => "REMEDIATE",
            Transition::SchedulePerformance => "SCHEDULE_PERFORMANCE",
            Transition::RecordPerformed => "RECORD_PERFORMED",
            Transition::RecordNonPerformance => "RECORD_NON_PERFORMANCE",
            Transition::UrgePerformance => "URGE_PERFORMANCE",
            Transition::Close => "CLOSE",
            Transition::Archive => "ARCHIVE",
            Transition::Reopen => "REOPEN",
        }
    }
}

code_enum! {
    /// A procedural requirement proved by a record (notice, consent, session record, agreement,
    /// follow-up, case-file checklist). Commands whose guard needs such a record refuse with
    /// `CommandError::RequiresProcedureRecords(rule)` until the record is entered.
    pub enum Rule {
        /// Every party consents to mediation (人民调解法 Art 17: one party's clear refusal bars it).
        ConsentOfEveryParty = "CONSENT_OF_EVERY_PARTY",
        /// The rights-and-duties notice was given and acknowledged (人民调解工作若干规定 Art 30).
        RightsNoticeAcknowledged = "RIGHTS_NOTICE",
        /// The parties were told why the matter is not accepted and which routes remain
        /// (人民调解工作若干规定 Arts 22, 24).
        NonAcceptanceNotice = "NON_ACCEPTANCE_NOTICE",
        /// On termination the parties were told of arbitration, administrative and judicial
        /// routes (人民调解法 Art 26); before closing on non-performance or a rejected
        /// confirmation, that they may sue or apply for enforcement (Arts 32, 33; Civil
        /// Procedure Law Arts 206, 250), proved by a `MAY_SUE_OR_ENFORCE` notice.
        OtherRoutesNotice = "OTHER_ROUTES_NOTICE",
        /// The mediation or investigation is recorded (人民调解法 Art 27).
        SessionRecord = "SESSION_RECORD",
        /// The parties consent to inviting participants (人民调解法 Art 20).
        ParticipantConsent = "PARTICIPANT_CONSENT",
        /// Both parties consent to extending the time limit.
        ExtensionConsent = "EXTENSION_CONSENT",
        /// The medical time limit of 30 working days has run (医疗纠纷预防和处理条例 Art 38).
        MedicalTimeLimitElapsed = "MEDICAL_TIME_LIMIT",
        /// A written agreement with the contents of 人民调解法 Art 29, signed by every party and
        /// the mediator and sealed.
        SignedWrittenAgreement = "SIGNED_WRITTEN_AGREEMENT",
        /// The mediator recorded the content of an oral agreement (人民调解法 Arts 28, 30).
        OralAgreementRecord = "ORAL_AGREEMENT_RECORD",
        /// A joint application for judicial confirmation within 30 days (人民调解法 Art 33,
        /// 民事诉讼法 Art 205).
        JointJcApplication = "JOINT_JC_APPLICATION",
        /// The court's ruling (民事诉讼法 Art 206).
        JcRulingRecord = "JC_RULING_RECORD",
        /// The agreement's obligations with due dates (人民调解法 Arts 29(3), 31).
        AgreementObligations = "AGREEMENT_OBLIGATIONS",
        /// Evidence of performance (收条、汇款单).
        PerformanceEvidence = "PERFORMANCE_EVIDENCE",
        /// A follow-up record (人民调解法 Art 31).
        FollowUpRecord = "FOLLOW_UP_RECORD",
        /// The closing report (结案报告).
        ClosingReport = "CLOSING_REPORT",
        /// The case-file checklist is complete (人民调解法 Art 27; 一案一卷).
        CaseFileChecklist = "CASE_FILE_CHECKLIST",
    }
}
