//! The typed route table: the only place where the app's URL paths are spelled.
//!
//! `app.rs` builds the router from the same patterns ([`Route::PATTERNS`]) and links use
//! [`Route::href`]; a native test round-trips every route through `href` and `parse` and checks
//! that `app.rs` declares exactly these patterns, so links and table cannot drift.

use crate::domain::case::AgreementForm;
use crate::domain::dispute::DisputeType;
use crate::domain::lifecycle::Transition;
use crate::domain::{CaseId, CaseState, Status};

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Today (今日待办), the home page.
    Today,
    /// The case register: list and search.
    Cases,
    /// Quick intake of a new lead or case.
    NewCase,
    /// One case: details and history.
    CaseDetail(CaseId),
    /// Triage (集中梳理) of a registered case.
    Triage(CaseId),
    /// Designation of the presiding mediator.
    Assign(CaseId),
    /// Conversion of a lead into a registered case.
    Convert(CaseId),
    /// Editing a case's fields (each change becomes an event).
    EditCase(CaseId),
    /// Editing or adding the parties of a case.
    EditParties(CaseId),
    /// One step of the mediation procedure on a case (notice, session, agreement…).
    Step(CaseId, Step),
    /// The supervisor's import, review and statistics area.
    Supervisor,
    /// Settings, with the About panel.
    Settings,
    /// First set-up of this tablet (committee, mediator, numbering slot).
    SetUp,
}

impl Route {
    /// The routes shown in the main navigation, in order.
    pub const NAV: [Route; 4] = [
        Route::Today,
        Route::Cases,
        Route::Supervisor,
        Route::Settings,
    ];

    /// The path patterns the router matches, in the order `app.rs` declares them.
    pub const PATTERNS: [&'static str; 13] = [
        "/",
        "/cases",
        "/cases/new",
        "/cases/:id",
        "/cases/:id/triage",
        "/cases/:id/assign",
        "/cases/:id/convert",
        "/cases/:id/edit",
        "/cases/:id/parties",
        "/cases/:id/step/:step",
        "/supervisor",
        "/settings",
        "/setup",
    ];

    /// The URL path of this route.
    pub fn href(&self) -> String {
        match self {
            Route::Today => "/".to_owned(),
            Route::Cases => "/cases".to_owned(),
            Route::NewCase => "/cases/new".to_owned(),
            Route::CaseDetail(id) => format!("/cases/{id}"),
            Route::Triage(id) => format!("/cases/{id}/triage"),
            Route::Assign(id) => format!("/cases/{id}/assign"),
            Route::Convert(id) => format!("/cases/{id}/convert"),
            Route::EditCase(id) => format!("/cases/{id}/edit"),
            Route::EditParties(id) => format!("/cases/{id}/parties"),
            Route::Step(id, step) => format!("/cases/{id}/step/{}", step.code()),
            Route::Supervisor => "/supervisor".to_owned(),
            Route::Settings => "/settings".to_owned(),
            Route::SetUp => "/setup".to_owned(),
        }
    }

    /// The pattern this route matches in the router.
    pub fn pattern(&self) -> &'static str {
        match self {
            Route::Today => Self::PATTERNS[0],
            Route::Cases => Self::PATTERNS[1],
            Route::NewCase => Self::PATTERNS[2],
            Route::CaseDetail(_) => Self::PATTERNS[3],
            Route::Triage(_) => Self::PATTERNS[4],
            Route::Assign(_) => Self::PATTERNS[5],
            Route::Convert(_) => Self::PATTERNS[6],
            Route::EditCase(_) => Self::PATTERNS[7],
            Route::EditParties(_) => Self::PATTERNS[8],
            Route::Step(..) => Self::PATTERNS[9],
            Route::Supervisor => Self::PATTERNS[10],
            Route::Settings => Self::PATTERNS[11],
            Route::SetUp => Self::PATTERNS[12],
        }
    }

    /// The route a path names, ignoring a trailing slash, query and fragment.
    pub fn parse(path: &str) -> Option<Route> {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let case = |raw: &str| CaseId::parse(raw).ok();
        Some(match segments.as_slice() {
            [] => Route::Today,
            ["cases"] => Route::Cases,
            ["cases", "new"] => Route::NewCase,
            ["cases", id] => Route::CaseDetail(case(id)?),
            ["cases", id, "triage"] => Route::Triage(case(id)?),
            ["cases", id, "assign"] => Route::Assign(case(id)?),
            ["cases", id, "convert"] => Route::Convert(case(id)?),
            ["cases", id, "edit"] => Route::EditCase(case(id)?),
            ["cases", id, "parties"] => Route::EditParties(case(id)?),
            ["cases", id, "step", step] => Route::Step(case(id)?, Step::from_code(step)?),
            ["supervisor"] => Route::Supervisor,
            ["settings"] => Route::Settings,
            ["setup"] => Route::SetUp,
            _ => return None,
        })
    }

    /// Whether the navigation entry `self` is the current one on `path` (case pages belong to
    /// the Cases entry).
    pub fn is_current(&self, path: &str) -> bool {
        match (self, Route::parse(path)) {
            (Route::Cases, Some(r)) => matches!(
                r,
                Route::Cases
                    | Route::NewCase
                    | Route::CaseDetail(_)
                    | Route::Triage(_)
                    | Route::Assign(_)
                    | Route::Convert(_)
                    | Route::EditCase(_)
                    | Route::EditParties(_)
                    | Route::Step(..)
            ),
            (_, r) => r.as_ref() == Some(self),
        }
    }
}

/// A step of the mediation procedure, each a form (or a confirmation) of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// A notice given to the parties (rights and duties, other routes, may sue…).
    Notice,
    /// Each party's acceptance or refusal of mediation, and the public/private choice.
    Consent,
    /// A party's request to replace the presiding mediator.
    Replacement,
    /// Start mediation.
    Start,
    /// An investigation or mediation session record.
    Session,
    /// An extension of the time limit agreed by the parties.
    Extend,
    /// A medical appraisal period (excluded from the 30 working days).
    Appraisal,
    /// Draft or revise the agreement.
    Agreement,
    /// Mark the written agreement's signatures and seal captured.
    Signatures,
    /// Record that the agreement took effect.
    Effect,
    /// Report an obligation's performance.
    Obligation,
    /// A follow-up visit.
    FollowUp,
    /// Move performance along: due later, all performed, not performed, urged.
    Performance,
    /// Apply for judicial confirmation.
    Jc,
    /// The court's ruling on judicial confirmation.
    JcRuling,
    /// Mediate again after the court rejected the agreement.
    Remediate,
    /// A referral, transfer, upward report, joint handling or police report; and its answers.
    Referral,
    /// Escalation signs with their preventive measures.
    Escalation,
    /// Terminate mediation (调解不成), with the other-routes notice.
    Terminate,
    /// The closing report, then close.
    Close,
    /// The case-file checklist, then archive.
    CaseFile,
    /// Reopen a closed case with every party's consent.
    Reopen,
}

impl Step {
    /// Every step, in the order a case meets them.
    pub const ALL: [Step; 22] = [
        Step::Notice,
        Step::Consent,
        Step::Replacement,
        Step::Start,
        Step::Session,
        Step::Extend,
        Step::Appraisal,
        Step::Agreement,
        Step::Signatures,
        Step::Effect,
        Step::Obligation,
        Step::FollowUp,
        Step::Performance,
        Step::Jc,
        Step::JcRuling,
        Step::Remediate,
        Step::Referral,
        Step::Escalation,
        Step::Terminate,
        Step::Close,
        Step::CaseFile,
        Step::Reopen,
    ];

    /// The path segment naming the step.
    pub const fn code(self) -> &'static str {
        match self {
            Step::Notice => "notice",
            Step::Consent => "consent",
            Step::Replacement => "replacement",
            Step::Start => "start",
            Step::Session => "session",
            Step::Extend => "extend",
            Step::Appraisal => "appraisal",
            Step::Agreement => "agreement",
            Step::Signatures => "signatures",
            Step::Effect => "effect",
            Step::Obligation => "obligation",
            Step::FollowUp => "follow-up",
            Step::Performance => "performance",
            Step::Jc => "jc",
            Step::JcRuling => "jc-ruling",
            Step::Remediate => "remediate",
            Step::Referral => "referral",
            Step::Escalation => "escalation",
            Step::Terminate => "terminate",
            Step::Close => "close",
            Step::CaseFile => "case-file",
            Step::Reopen => "reopen",
        }
    }

    /// The step a path segment names.
    pub fn from_code(code: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The steps that make sense for a case as it stands, in procedure order. The core still
    /// decides: a step offered here can be refused with the reason (a missing notice, say).
    pub fn offered(state: &CaseState) -> Vec<Step> {
        use Status as S;
        let status = state.status;
        if status.is_frozen() || !status.is_registered() {
            return Vec::new();
        }
        let p = &state.procedure;
        let medical = state
            .dispute
            .as_ref()
            .is_some_and(|d| d.primary() == DisputeType::Medical);
        let draft = p.agreements.iter().find(|a| {
            !a.replaced
                && p.effective
                    .as_ref()
                    .is_none_or(|(e, _)| e != &a.agreement.id)
        });
        let has_obligations = p
            .effective_agreement()
            .is_some_and(|a| !a.agreement.obligations.is_empty());
        let before = matches!(
            status,
            S::Registered | S::Triaged | S::Assigned | S::InMediation
        );
        let after = matches!(
            status,
            S::Agreed
                | S::Performing
                | S::Performed
                | S::NonPerformance
                | S::JcPending
                | S::JcConfirmed
                | S::JcRejected
        );
        Step::ALL
            .into_iter()
            .filter(|step| match step {
                Step::Notice => status.is_open(),
                Step::Consent => before,
                Step::Replacement => matches!(status, S::Assigned | S::InMediation),
                Step::Start => status == S::Assigned,
                Step::Session => matches!(status, S::Assigned | S::InMediation),
                Step::Extend | Step::Agreement | Step::Terminate => status == S::InMediation,
                Step::Appraisal => status == S::InMediation && medical,
                Step::Signatures => {
                    status == S::InMediation
                        && draft.is_some_and(|a| a.agreement.form == AgreementForm::Written)
                }
                Step::Effect => status == S::InMediation && draft.is_some(),
                Step::Obligation => after && has_obligations,
                Step::FollowUp => after || matches!(status, S::Closed | S::Terminated),
                Step::Performance => {
                    matches!(
                        status,
                        S::Agreed | S::Performing | S::NonPerformance | S::JcConfirmed
                    )
                }
                Step::Jc => status == S::Agreed,
                Step::JcRuling => status == S::JcPending,
                Step::Remediate => status == S::JcRejected,
                Step::Referral | Step::Escalation => status.is_open(),
                Step::Close => Transition::Close.target(Some(status)).is_some(),
                Step::CaseFile | Step::Reopen => status == S::Closed,
            })
            .collect()
    }
}

/// The draft-store key of a step form of a case: `step/<case>/<step>` (drafts of other forms
/// have keys of their own, e.g. `intake/new`).
pub fn step_draft_key(case: &CaseId, step: Step) -> String {
    format!("step/{case}/{}", step.code())
}

/// The case and step a draft key names, if it is a step form's.
pub fn parse_step_draft_key(key: &str) -> Option<(CaseId, Step)> {
    let mut parts = key.splitn(3, '/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("step"), Some(case), Some(step)) => {
            Some((CaseId::parse(case).ok()?, Step::from_code(step)?))
        }
        _ => None,
    }
}
