//! (being built) The case_detail page.

use leptos::prelude::*;

/// The case_detail page.
#[component]
pub fn CaseDetailPage() -> impl IntoView {
    view! { <section class="page" data-testid="page-case_detail"></section> }
}
