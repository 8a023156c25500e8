//! (being built) The setup page.

use leptos::prelude::*;

/// The setup page.
#[component]
pub fn SetUpPage() -> impl IntoView {
    view! { <section class="page" data-testid="page-setup"></section> }
}
