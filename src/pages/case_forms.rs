//! (being built) Triage, assignment and lead conversion forms.

use leptos::prelude::*;

/// Triage of a registered case.
#[component]
pub fn TriagePage() -> impl IntoView {
    view! { <section class="page" data-testid="page-triage"></section> }
}

/// Designation of the presiding mediator.
#[component]
pub fn AssignPage() -> impl IntoView {
    view! { <section class="page" data-testid="page-assign"></section> }
}

/// Conversion of a lead into a case.
#[component]
pub fn ConvertPage() -> impl IntoView {
    view! { <section class="page" data-testid="page-convert"></section> }
}
