//! Case summaries: the slice of a case's state that the case list and search need, derived purely
//! from the fold and storable in the `summaries` store (rebuildable from events at any time).
//!
//! Identity-document numbers are deliberately absent (the list never shows them, and the
//! conflict check reads the full state). Phones are kept in full because search matches their
//! digits and mediators call parties from the list; [`CaseSummary::masked_phones`] is what a
//! shared screen should show.

use std::collections::BTreeSet;

use serde_json::Value;

use super::calendar::Calendar;
use super::canonical::canonical_json;
use super::case::{DifficultyTier, RiskFlag, RiskLevel};
use super::case_number::CaseNumber;
use super::case_state::CaseState;
use super::contact::Phone;
use super::deadline::{due_dates, DueItem};
use super::dispute::{default_deadline, DeadlineRule, DisputeType};
use super::ids::{CaseId, MediatorId, OrgUnitId};
use super::lifecycle::Status;
use super::time::{Date, Timestamp};
use super::wire::{DecodeError, Obj, Reader};

/// Characters of the summary shown in the case list.
pub const EXCERPT_CHARS: usize = 60;

/// The version of the stored summary form. Version 2 added the follow-up and judicial
/// confirmation dates and computes the time limit with the holiday calendar; summaries of an
/// older version are rebuilt from the events when the register opens.
pub const SUMMARY_FORMAT_VERSION: u64 = 3;

/// What the case list and search know about a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSummary {
    /// Id.
    pub id: CaseId,
    /// Case number (none for leads).
    pub number: Option<CaseNumber>,
    /// Status.
    pub status: Status,
    /// Holding unit.
    pub org_unit: OrgUnitId,
    /// Primary type (for leads, the reported guess).
    pub dispute_type: Option<DisputeType>,
    /// The label of a QT case.
    pub dispute_label: Option<String>,
    /// Risk level.
    pub risk_level: Option<RiskLevel>,
    /// Escalation signs.
    pub risk_flags: BTreeSet<RiskFlag>,
    /// Tier.
    pub tier: Option<DifficultyTier>,
    /// Presiding mediator.
    pub presiding: Option<MediatorId>,
    /// First-contact owner.
    pub first_contact: MediatorId,
    /// Party names (for a lead, the names reported).
    pub party_names: Vec<String>,
    /// Party phones, in full (see the module note).
    pub phones: Vec<Phone>,
    /// The summary's first [`EXCERPT_CHARS`] characters.
    pub excerpt: String,
    /// The full summary, for the search index.
    pub summary_text: String,
    /// When registered.
    pub registered_at: Option<Timestamp>,
    /// When last changed.
    pub updated_at: Timestamp,
    /// The default time limit, while mediation is pending.
    pub deadline_rule: Option<DeadlineRule>,
    /// The last day of the mediation time limit (holidays and agreed extensions included).
    pub deadline: Option<Date>,
    /// The day the next follow-up visit is planned for, while the case is open.
    pub follow_up_due: Option<Date>,
    /// The last day to apply jointly for judicial confirmation, while the agreement awaits it.
    pub jc_due: Option<Date>,
    /// The earliest day an open obligation falls due or a referral's answer is due, while the
    /// case is open.
    pub other_due: Option<Date>,
    /// Whether the fold met conflicts a supervisor should look at.
    pub has_conflicts: bool,
}

/// The first `n` characters of `text`, with an ellipsis if cut.
fn excerpt(text: &str, n: usize) -> String {
    let trimmed = text.trim();
    let mut out: String = trimmed.chars().take(n).collect();
    if trimmed.chars().nth(n).is_some() {
        out.push('\u{2026}');
    }
    out
}

/// The default time limit applies while the matter awaits an outcome of mediation.
fn pending_mediation(status: Status) -> bool {
    matches!(
        status,
        Status::Registered | Status::Triaged | Status::Assigned | Status::InMediation
    )
}

impl CaseSummary {
    /// The summary of a case state, with time limits on the shipped holiday calendar.
    pub fn of(state: &CaseState) -> CaseSummary {
        CaseSummary::of_with(state, &Calendar::shipped())
    }

    /// The summary of a case state, with time limits on `calendar`.
    pub fn of_with(state: &CaseState, calendar: &Calendar) -> CaseSummary {
        let dispute_type = state
            .dispute
            .as_ref()
            .map(|d| d.primary())
            .or_else(|| state.lead.as_ref().and_then(|l| l.dispute_type));
        let party_names = if state.parties.is_empty() {
            state
                .lead
                .as_ref()
                .map(|l| l.persons.clone())
                .unwrap_or_default()
        } else {
            state.parties.iter().map(|p| p.name.clone()).collect()
        };
        let deadline_rule = match (pending_mediation(state.status), state.dispute.as_ref()) {
            (true, Some(d)) => Some(default_deadline(d.primary())),
            _ => None,
        };
        let due = due_dates(state, calendar);
        let due_of = |item: &DueItem| due.iter().find(|(_, i)| i == item).map(|(d, _)| *d);
        let deadline = deadline_rule.and(due_of(&DueItem::Mediation));
        let follow_up_due = due_of(&DueItem::FollowUp);
        let jc_due = due_of(&DueItem::JcApplication);
        let other_due = due
            .iter()
            .filter(|(_, i)| matches!(i, DueItem::Obligation(..) | DueItem::ReferralResponse(_)))
            .map(|(d, _)| *d)
            .min();
        CaseSummary {
            id: state.id.clone(),
            number: state.number.clone(),
            status: state.status,
            org_unit: state.org_unit.clone(),
            dispute_type,
            dispute_label: state
                .dispute
                .as_ref()
                .and_then(|d| d.label().map(str::to_owned)),
            risk_level: state.risk_level,
            risk_flags: state.risk_flags.clone(),
            tier: state.tier,
            presiding: state.presiding.clone(),
            first_contact: state.first_contact.clone(),
            party_names,
            phones: state
                .parties
                .iter()
                .filter_map(|p| p.phone.clone())
                .collect(),
            excerpt: excerpt(&state.summary, EXCERPT_CHARS),
            summary_text: state.summary.clone(),
            registered_at: state.registered_at,
            updated_at: state.updated_at,
            deadline_rule,
            deadline,
            follow_up_due,
            jc_due,
            other_due,
            has_conflicts: !state.conflicts.is_empty(),
        }
    }

    /// Phones with their middle digits hidden.
    pub fn masked_phones(&self) -> Vec<String> {
        self.phones.iter().map(Phone::masked).collect()
    }

    /// The stored form (canonical JSON with `"v"`).
    pub fn to_json(&self) -> String {
        let rule = self.deadline_rule.map(|r| r.code().to_owned());
        let value = Obj::new()
            .put("v", &SUMMARY_FORMAT_VERSION)
            .put("id", &self.id)
            .opt("number", &self.number)
            .put("status", &self.status)
            .put("org_unit", &self.org_unit)
            .opt("dispute_type", &self.dispute_type)
            .opt("dispute_label", &self.dispute_label)
            .opt("risk_level", &self.risk_level)
            .put("risk_flags", &self.risk_flags)
            .opt("tier", &self.tier)
            .opt("presiding", &self.presiding)
            .put("first_contact", &self.first_contact)
            .put("party_names", &self.party_names)
            .put("phones", &self.phones)
            .put("excerpt", &self.excerpt)
            .put("summary_text", &self.summary_text)
            .opt("registered_at", &self.registered_at)
            .put("updated_at", &self.updated_at)
            .opt("deadline_rule", &rule)
            .opt("deadline", &self.deadline)
            .opt("follow_up_due", &self.follow_up_due)
            .opt("jc_due", &self.jc_due)
            .opt("other_due", &self.other_due)
            .put("has_conflicts", &self.has_conflicts)
            .done();
        canonical_json(&value)
    }

    /// Reads the stored form. An unknown version is an error: summaries are rebuilt from events.
    pub fn from_json(text: &str) -> Result<CaseSummary, SummaryParseError> {
        let value: Value = serde_json::from_str(text).map_err(|_| SummaryParseError::NotJson)?;
        let mut r = Reader::new(&value, "")?;
        let version: u64 = r.req("v")?;
        if version != SUMMARY_FORMAT_VERSION {
            return Err(SummaryParseError::UnsupportedVersion(version));
        }
        let rule: Option<String> = r.opt("deadline_rule")?;
        let deadline_rule = match rule.as_deref() {
            None => None,
            Some(code) => {
                Some(DeadlineRule::from_code(code).ok_or(SummaryParseError::UnknownDeadlineRule)?)
            }
        };
        let summary = CaseSummary {
            id: r.req("id")?,
            number: r.opt("number")?,
            status: r.req("status")?,
            org_unit: r.req("org_unit")?,
            dispute_type: r.opt("dispute_type")?,
            dispute_label: r.opt("dispute_label")?,
            risk_level: r.opt("risk_level")?,
            risk_flags: r.req("risk_flags")?,
            tier: r.opt("tier")?,
            presiding: r.opt("presiding")?,
            first_contact: r.req("first_contact")?,
            party_names: r.req("party_names")?,
            phones: r.req("phones")?,
            excerpt: r.req("excerpt")?,
            summary_text: r.req("summary_text")?,
            registered_at: r.opt("registered_at")?,
            updated_at: r.req("updated_at")?,
            deadline_rule,
            deadline: r.opt("deadline")?,
            follow_up_due: r.opt("follow_up_due")?,
            jc_due: r.opt("jc_due")?,
            other_due: r.opt("other_due")?,
            has_conflicts: r.req("has_conflicts")?,
        };
        r.finish()?;
        Ok(summary)
    }
}

/// Why a stored summary was rejected (rebuild it from events).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SummaryParseError {
    /// Not JSON.
    #[error("not JSON")]
    NotJson,
    /// Another format version.
    #[error("unsupported summary version {0}")]
    UnsupportedVersion(u64),
    /// An unknown deadline rule code.
    #[error("unknown deadline rule")]
    UnknownDeadlineRule,
    /// A field is missing, unknown or invalid.
    #[error(transparent)]
    Decode(#[from] DecodeError),
}
