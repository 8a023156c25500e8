//! Small labelled badges for a case: its status and its risk level, coloured by a BEM modifier
//! derived from the value (never from translated text), so colour and words always agree.

use leptos::prelude::*;

use crate::domain::case::RiskLevel;
use crate::domain::Status;
use crate::i18n::vocab;
use crate::state::i18n::tr;

/// The colour group of a status: a lead, a case being handled, or a finished one.
pub fn status_modifier(status: Status) -> &'static str {
    match status {
        Status::Lead => "status-badge--lead",
        s if s.is_open() => "status-badge--open",
        _ => "status-badge--finished",
    }
}

/// The colour of a risk level.
pub fn risk_modifier(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Green => "risk-badge--green",
        RiskLevel::Yellow => "risk-badge--yellow",
        RiskLevel::Orange => "risk-badge--orange",
        RiskLevel::Red => "risk-badge--red",
    }
}

/// A case's status as a badge.
#[component]
pub fn StatusBadge(
    /// The status shown.
    status: Status,
) -> impl IntoView {
    view! {
        <span class=format!("status-badge {}", status_modifier(status)) data-testid="status-badge">
            {tr(vocab::status(status))}
        </span>
    }
}

/// A risk level as a badge.
#[component]
pub fn RiskBadge(
    /// The level shown.
    level: RiskLevel,
) -> impl IntoView {
    view! {
        <span class=format!("risk-badge {}", risk_modifier(level)) data-testid="risk-badge">
            {tr(vocab::risk_level(level))}
        </span>
    }
}
