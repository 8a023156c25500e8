//! (being built) The intake page.

use leptos::prelude::*;

/// The intake page.
#[component]
pub fn IntakePage() -> impl IntoView {
    view! { <section class="page" data-testid="page-intake"></section> }
}
