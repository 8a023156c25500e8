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
use crate::i18n::{vocab, Key, Locale};
use crate::state::I18n;

use super::case_badges::{risk_badge_class, status_badge_class};

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

/// One piece of a row's first line: a number or lead mark, a badge, a marker or the deadline.
struct HeadItem {
    class: String,
    test_id: Option<&'static str>,
    text: String,
}

impl HeadItem {
    fn new(
        class: impl Into<String>,
        test_id: Option<&'static str>,
        text: impl Into<String>,
    ) -> Self {
        HeadItem {
            class: class.into(),
            test_id,
            text: text.into(),
        }
    }
}

/// The row's first line in `locale`, in display order.
fn head_items(row: &CaseRowData, locale: Locale) -> Vec<HeadItem> {
    let mut items = Vec::with_capacity(5);
    match &row.number {
        Some(n) => items.push(HeadItem::new("case-row__number", None, n.clone())),
        None => items.push(HeadItem::new(
            "case-row__lead",
            None,
            locale.text(Key::CasesRowLead),
        )),
    }
    // A lead's badge already says what its status badge would.
    if !(row.number.is_none() && row.status == Status::Lead) {
        items.push(HeadItem::new(
            status_badge_class(row.status),
            Some("status-badge"),
            locale.text(vocab::status(row.status)),
        ));
    }
    if let Some(level) = row.risk_level {
        items.push(HeadItem::new(
            risk_badge_class(level),
            Some("risk-badge"),
            locale.text(vocab::risk_level(level)),
        ));
    }
    if row.overdue {
        items.push(HeadItem::new(
            "case-row__overdue",
            Some("overdue-marker"),
            locale.text(Key::CasesRowOverdue),
        ));
    }
    if row.has_conflicts {
        items.push(HeadItem::new(
            "case-row__conflicts",
            None,
            locale.text(Key::CasesRowConflicts),
        ));
    }
    if let Some(d) = row.deadline {
        let date = vocab::date(d, locale);
        items.push(HeadItem::new(
            "case-row__deadline",
            None,
            locale.format(Key::CasesRowDeadline, &[("date", &date)]),
        ));
    }
    items
}

/// One row of the case list.
///
/// The party names carry `elementtiming="case-row"`: the browser then reports when the first
/// rows were actually painted (Element Timing), which the benchmark compares with the goal.
///
/// Its texts are plain strings rebuilt together when the language changes: one reactive node
/// per row rather than one per text, and one element shape for every item of the first line.
/// The list mounts a few dozen rows on its first paint, where every reactive node and every
/// distinct view type (compiled lazily, on first use) costs a low-tier tablet time.
#[component]
pub fn CaseRow(
    /// The row's content.
    row: CaseRowData,
) -> impl IntoView {
    let i18n = I18n::expect();
    let href = row.href.clone();
    let overdue = row.overdue;
    let content = move || {
        let locale = i18n.locale();
        let head = head_items(&row, locale)
            .into_iter()
            .map(
                |item| view! { <span class=item.class data-testid=item.test_id>{item.text}</span> },
            )
            .collect_view();
        let dispute = match (&row.dispute_label, row.dispute_type) {
            (Some(label), _) => label.clone(),
            (None, Some(t)) => locale.text(vocab::dispute_type(t)).to_owned(),
            (None, None) => String::new(),
        };
        let names = if row.parties.is_empty() {
            locale.text(Key::CasesRowNoParties).to_owned()
        } else {
            row.parties.join(locale.text(Key::PunctListSeparator))
        };
        view! {
            <span class="case-row__line case-row__line--head">{head}</span>
            <span class="case-row__line case-row__line--parties">
                <span class="case-row__type">{dispute}</span>
                {view! { <span class="case-row__parties">{names}</span> }.attr("elementtiming", "case-row")}
            </span>
            <span class="case-row__line case-row__excerpt">{row.excerpt.clone()}</span>
        }
    };
    view! {
        <div class="case-row" role="listitem">
            <a class="case-row__link" class:case-row__link--overdue=overdue href=href data-testid="case-row">
                {content}
            </a>
        </div>
    }
}
