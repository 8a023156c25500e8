//! Small labelled badges for a case: its status and its risk level, coloured by a BEM modifier
//! derived from the value (never from translated text), so colour and words always agree.

use leptos::prelude::*;

use crate::domain::case::RiskLevel;
use crate::domain::Status;
use crate::i18n::vocab;
use crate::state::i18n::tr;

/// The classes of a status badge, with its colour group: a lead, a case being handled, or a
/// finished one.
pub fn status_badge_class(status: Status) -> &'static str {
    match status {
        Status::Lead => "status-badge status-badge--lead",
        s if s.is_open() => "status-badge status-badge--open",
        _ => "status-badge status-badge--finished",
    }
}

/// The classes of a risk badge, with the level's colour.
pub fn risk_badge_class(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Green => "risk-badge risk-badge--green",
        RiskLevel::Yellow => "risk-badge risk-badge--yellow",
        RiskLevel::Orange => "risk-badge risk-badge--orange",
        RiskLevel::Red => "risk-badge risk-badge--red",
    }
}

/// A case's status as a badge.
#[component]
pub fn StatusBadge(
    /// The status shown.
    status: Status,
) -> impl IntoView {
    view! {
        <span class=status_badge_class(status) data-testid="status-badge">
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
        <span class=risk_badge_class(level) data-testid="risk-badge">
            {tr(vocab::risk_level(level))}
        </span>
    }
}
