//! One row of the case list: a link to the case with its number (or a lead badge), status,
//! dispute type, parties, excerpt, risk, deadline and overdue marker.
//!
//! Invariant: the row has a fixed height (`.case-row` in style/pages.css, [`CASE_ROW_HEIGHT`]),
//! because the virtual list positions rows by arithmetic; every line is cut with an ellipsis
//! rather than wrapped.

use leptos::prelude::*;

use crate::domain::case::RiskLevel;
use crate::domain::dispute::DisputeType;
use crate::domain::{Date, Status};
use crate::i18n::{vocab, Key};
use crate::state::i18n::tr;
use crate::state::I18n;

use super::case_badges::{RiskBadge, StatusBadge};

/// Height of a row in CSS pixels; `.case-row` is styled to exactly this.
pub const CASE_ROW_HEIGHT: f64 = 96.0;

/// What a row shows, prepared by the page from a case summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRowData {
    /// Where the row leads.
    pub href: String,
    /// The case number; `None` for a lead.
    pub number: Option<String>,
    /// Status.
    pub status: Status,
    /// Primary dispute type (for a lead, the reported guess).
    pub dispute_type: Option<DisputeType>,
    /// The label of an "other" dispute, shown instead of the type's name.
    pub dispute_label: Option<String>,
    /// Party names (for a lead, the names reported).
    pub parties: Vec<String>,
    /// The start of the summary.
    pub excerpt: String,
    /// Risk level, when assessed.
    pub risk_level: Option<RiskLevel>,
    /// Whether the deadline has passed on an open case.
    pub overdue: bool,
    /// The last day of the time limit, when the calendar fixes it.
    pub deadline: Option<Date>,
    /// Whether some events of the case did not apply (a supervisor should look).
    pub has_conflicts: bool,
}

/// One row of the case list.
#[component]
pub fn CaseRow(
    /// The row's content.
    row: CaseRowData,
) -> impl IntoView {
    let i18n = I18n::expect();
    let CaseRowData {
        href,
        number,
        status,
        dispute_type,
        dispute_label,
        parties,
        excerpt,
        risk_level,
        overdue,
        deadline,
        has_conflicts,
    } = row;
    // A lead's badge already says what its status badge would.
    let show_status = !(number.is_none() && status == Status::Lead);
    let title = match number {
        Some(n) => view! { <span class="case-row__number">{n}</span> }.into_any(),
        None => view! { <span class="case-row__lead">{tr(Key::CasesRowLead)}</span> }.into_any(),
    };
    let dispute = move || match (&dispute_label, dispute_type) {
        (Some(label), _) => label.clone(),
        (None, Some(t)) => i18n.t(vocab::dispute_type(t)).to_owned(),
        (None, None) => String::new(),
    };
    let names = move || {
        if parties.is_empty() {
            i18n.t(Key::CasesRowNoParties).to_owned()
        } else {
            parties.join(i18n.t(Key::PunctListSeparator))
        }
    };
    let deadline_text = deadline.map(|d| {
        move || {
            let date = crate::i18n::vocab::date(d, i18n.locale());
            i18n.format(Key::CasesRowDeadline, &[("date", &date)])
        }
    });
    view! {
        <div class="case-row" role="listitem">
            <a class="case-row__link" class:case-row__link--overdue=overdue href=href data-testid="case-row">
                <span class="case-row__line case-row__line--head">
                    {title}
                    {show_status.then(|| view! { <StatusBadge status=status/> })}
                    {risk_level.map(|level| view! { <RiskBadge level=level/> })}
                    {overdue.then(|| view! {
                        <span class="case-row__overdue" data-testid="overdue-marker">{tr(Key::CasesRowOverdue)}</span>
                    })}
                    {has_conflicts.then(|| view! {
                        <span class="case-row__conflicts">{tr(Key::CasesRowConflicts)}</span>
                    })}
                    {deadline_text.map(|text| view! { <span class="case-row__deadline">{text}</span> })}
                </span>
                <span class="case-row__line case-row__line--parties">
                    <span class="case-row__type">{dispute}</span>
                    <span class="case-row__parties">{names}</span>
                </span>
                <span class="case-row__line case-row__excerpt">{excerpt}</span>
            </a>
        </div>
    }
}
