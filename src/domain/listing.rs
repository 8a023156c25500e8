//! Filtering and sorting of case summaries for the case list (pure; the shell renders the result).
//!
//! With a search query the search ranking decides the order; without one the chosen sort does.
//! Filters always apply, so "search within my overdue cases" works.

use std::cmp::Reverse;
use std::collections::HashMap;

use super::case::RiskLevel;
use super::dispute::DisputeType;
use super::ids::{CaseId, MediatorId};
use super::lifecycle::Status;
use super::summary::CaseSummary;
use super::time::Date;

/// Which statuses the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// Every record.
    #[default]
    All,
    /// Leads not yet converted or dismissed.
    Leads,
    /// Cases still being handled (registered through performance).
    Open,
    /// Closed, archived, not accepted, referred out, terminated or dismissed.
    Finished,
    /// Exactly this status.
    Exactly(Status),
}

impl StatusFilter {
    fn admits(self, status: Status) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Leads => status == Status::Lead,
            StatusFilter::Open => status != Status::Lead && status.is_open(),
            StatusFilter::Finished => !status.is_open(),
            StatusFilter::Exactly(s) => s == status,
        }
    }
}

/// The order of the list when there is no search query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CaseSort {
    /// Most recently changed first.
    #[default]
    UpdatedDesc,
    /// Most recently registered first (leads last).
    RegisteredDesc,
    /// Earliest deadline first (cases without one last).
    DeadlineAsc,
    /// By case number (leads last).
    NumberAsc,
}

/// What the list should show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseFilter {
    /// Status group.
    pub status: StatusFilter,
    /// Only this dispute type.
    pub dispute_type: Option<DisputeType>,
    /// Only this risk level.
    pub risk_level: Option<RiskLevel>,
    /// Only cases whose deadline has passed and that are still open.
    pub overdue_only: bool,
    /// Only cases this mediator presides over or first received.
    pub mine: Option<MediatorId>,
}

/// Whether an open case's deadline lies before `today`.
pub fn is_overdue(summary: &CaseSummary, today: Date) -> bool {
    summary.status.is_open() && summary.deadline.is_some_and(|d| d < today)
}

impl CaseFilter {
    /// Whether `summary` passes every filter.
    pub fn admits(&self, summary: &CaseSummary, today: Date) -> bool {
        self.status.admits(summary.status)
            && self
                .dispute_type
                .is_none_or(|t| summary.dispute_type == Some(t))
            && self
                .risk_level
                .is_none_or(|r| summary.risk_level == Some(r))
            && (!self.overdue_only || is_overdue(summary, today))
            && self.mine.as_ref().is_none_or(|me| {
                summary.presiding.as_ref() == Some(me) || &summary.first_contact == me
            })
    }
}

/// The indices into `summaries` to show, in order.
///
/// `ranked` is the search result (best first) when the user typed a query: only those cases are
/// shown, in that order. Without it every admitted case is shown, sorted by `sort`, ties broken
/// by case id so the order is stable between renders.
pub fn select(
    summaries: &[CaseSummary],
    filter: &CaseFilter,
    sort: CaseSort,
    today: Date,
    ranked: Option<&[CaseId]>,
) -> Vec<usize> {
    if let Some(ranked) = ranked {
        let position: HashMap<&CaseId, usize> = summaries
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.id, i))
            .collect();
        return ranked
            .iter()
            .filter_map(|id| position.get(id).copied())
            .filter(|&i| filter.admits(&summaries[i], today))
            .collect();
    }
    let mut shown: Vec<usize> = (0..summaries.len())
        .filter(|&i| filter.admits(&summaries[i], today))
        .collect();
    let s = |i: usize| &summaries[i];
    match sort {
        CaseSort::UpdatedDesc => shown.sort_by(|&a, &b| {
            (Reverse(s(a).updated_at), &s(a).id).cmp(&(Reverse(s(b).updated_at), &s(b).id))
        }),
        CaseSort::RegisteredDesc => shown.sort_by(|&a, &b| {
            (
                s(a).registered_at.is_none(),
                Reverse(s(a).registered_at),
                &s(a).id,
            )
                .cmp(&(
                    s(b).registered_at.is_none(),
                    Reverse(s(b).registered_at),
                    &s(b).id,
                ))
        }),
        CaseSort::DeadlineAsc => shown.sort_by(|&a, &b| {
            (s(a).deadline.is_none(), s(a).deadline, &s(a).id).cmp(&(
                s(b).deadline.is_none(),
                s(b).deadline,
                &s(b).id,
            ))
        }),
        CaseSort::NumberAsc => shown.sort_by(|&a, &b| {
            let key = |i: usize| {
                let n = s(i).number.as_ref();
                (n.is_none(), n.map(|n| (n.year(), n.serial())), &s(i).id)
            };
            key(a).cmp(&key(b))
        }),
    }
    shown
}
