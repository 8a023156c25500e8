//! Screening (矛盾纠纷排查): periodic or special sweeps for brewing disputes, each filed as a log
//! even when nothing was found (零报告, zero report).

use std::collections::BTreeSet;

use super::case::RiskFlag;
use super::codes::code_enum;
use super::dispute::DisputeType;
use super::ids::{MediatorId, OrgUnitId, ScreeningId};
use super::time::Date;

code_enum! {
    /// Kind of screening.
    pub enum ScreeningKind {
        /// 定期 (weekly in villages, monthly in townships, by local rule).
        Regular = "REGULAR",
        /// 专项.
        Special = "SPECIAL",
        /// 节点 (sensitive periods, holidays).
        SensitivePeriod = "SENSITIVE_PERIOD",
        /// 集中.
        Concentrated = "CONCENTRATED",
    }
}

/// One possible dispute found by a screening; it may be converted into a lead.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Finding {
    /// What was found.
    pub description: String,
    /// A first guess at the type.
    pub dispute_type: Option<DisputeType>,
    /// People involved (estimate).
    pub persons_involved: Option<u32>,
    /// Escalation signs.
    pub risk_flags: BTreeSet<RiskFlag>,
    /// Entered in the ledger of serious issues (台账), to be assigned and solved within a limit.
    pub ledger: bool,
}

/// What a screening turned up: at least one finding, or an explicit zero report.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ScreeningOutcome {
    /// 零报告: nothing found, reported anyway.
    ZeroReport,
    /// One or more findings (never empty).
    Findings(Vec<Finding>),
}

/// A screening log.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ScreeningLog {
    /// Id.
    pub id: ScreeningId,
    /// The screening unit.
    pub org_unit: OrgUnitId,
    /// The day of the screening.
    pub date: Date,
    /// Kind.
    pub kind: ScreeningKind,
    /// Area or grid (网格) covered.
    pub area: String,
    /// Who screened.
    pub screeners: Vec<MediatorId>,
    /// Findings or zero report.
    pub outcome: ScreeningOutcome,
    /// Disputes prevented (预防纠纷) during the screening itself.
    pub disputes_prevented: u32,
}

impl ScreeningLog {
    /// Whether this is a zero report.
    pub fn is_zero_report(&self) -> bool {
        matches!(self.outcome, ScreeningOutcome::ZeroReport)
    }

    /// The findings (empty for a zero report).
    pub fn findings(&self) -> &[Finding] {
        match &self.outcome {
            ScreeningOutcome::ZeroReport => &[],
            ScreeningOutcome::Findings(f) => f,
        }
    }
}

/// The positions of `log`'s findings that no lead among `cases` came from yet: what the
/// screening ledger still has to follow up.
pub fn unconverted_findings<'a>(
    log: &ScreeningLog,
    cases: impl IntoIterator<Item = &'a super::case_state::CaseState>,
) -> Vec<u32> {
    let converted: BTreeSet<u32> = cases
        .into_iter()
        .filter_map(|c| c.lead.as_ref()?.finding.as_ref())
        .filter(|f| f.screening == log.id)
        .map(|f| f.finding)
        .collect();
    (0..log.findings().len())
        .filter_map(|i| u32::try_from(i).ok())
        .filter(|i| !converted.contains(i))
        .collect()
}
