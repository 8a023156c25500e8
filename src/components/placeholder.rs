//! A plain statement that an area of the app is not built yet, so nobody mistakes it for a feature.

use leptos::prelude::*;

/// Shown on pages whose features are still to come.
#[component]
pub fn Placeholder(
    /// The "not built yet" badge text.
    #[prop(into)]
    badge: Signal<&'static str>,
    /// The general sentence saying the area cannot be used yet.
    #[prop(into)]
    body: Signal<&'static str>,
    /// What this area will do once built.
    #[prop(into)]
    planned: Signal<&'static str>,
) -> impl IntoView {
    view! {
        <section class="placeholder" data-testid="placeholder">
            <p class="placeholder__badge">{move || badge.get()}</p>
            <p class="placeholder__body">{move || body.get()}</p>
            <p class="placeholder__planned">{move || planned.get()}</p>
        </section>
    }
}
