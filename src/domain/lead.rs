//! Leads (线索): a possible dispute reported by a screening, an information officer or a tip,
//! before anyone has applied or the committee has taken it up.
//!
//! A lead is a case in status LEAD under the case's own id; converting it keeps the id, so the
//! trail from screening finding to case file stays in one event stream.

use std::collections::BTreeSet;

use super::case::{IntakeChannel, RiskFlag};
use super::dispute::DisputeType;
use super::ids::{OrgUnitId, ScreeningId};

/// Which finding of which screening a lead came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FindingRef {
    /// The screening.
    pub screening: ScreeningId,
    /// The finding's position in the screening's list (0-based).
    pub finding: u32,
}

/// A lead as first recorded.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Lead {
    /// The unit that holds the lead.
    pub org_unit: OrgUnitId,
    /// How it came in.
    pub channel: IntakeChannel,
    /// What was reported.
    pub description: String,
    /// A first guess at the type, if any.
    pub dispute_type: Option<DisputeType>,
    /// Names of the people involved, as reported.
    pub persons: Vec<String>,
    /// Estimated number of people involved.
    pub persons_involved: Option<u32>,
    /// Escalation signs seen.
    pub risk_flags: BTreeSet<RiskFlag>,
    /// Who reported it (e.g. an information officer), as free text.
    pub reported_by: Option<String>,
    /// The screening finding it came from.
    pub finding: Option<FindingRef>,
}
