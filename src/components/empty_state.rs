//! A friendly explanation where content would be: no cases yet, no results, not set up, not
//! found. Optional children hold the way forward (a link or a button).

use leptos::prelude::*;

use crate::i18n::Key;
use crate::state::i18n::tr;

/// A titled message box with an optional action.
#[component]
pub fn EmptyState(
    /// The headline.
    title: Key,
    /// The explanation.
    body: Key,
    /// Test id of the box.
    test_id: &'static str,
    /// The way forward, if any.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="empty-state" data-testid=test_id>
            <p class="empty-state__title">{tr(title)}</p>
            <p class="empty-state__body">{tr(body)}</p>
            {children.map(|c| view! { <div class="empty-state__actions">{c()}</div> })}
        </div>
    }
}
