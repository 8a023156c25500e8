//! (being built) The case_list page.

use leptos::prelude::*;

/// The case_list page.
#[component]
pub fn CaseListPage() -> impl IntoView {
    view! { <section class="page" data-testid="page-case_list"></section> }
}
