//! The "new version available — reload" prompt shown when a new app shell is waiting.

use leptos::prelude::*;

/// A banner offering to reload into the new version, or to keep working and reload later.
#[component]
pub fn UpdateBanner(
    /// The message.
    #[prop(into)]
    message: Signal<&'static str>,
    /// Label of the reload button.
    #[prop(into)]
    reload_label: Signal<&'static str>,
    /// Label of the dismiss button.
    #[prop(into)]
    later_label: Signal<&'static str>,
    /// Called when the user chooses to reload now.
    on_reload: Callback<()>,
    /// Called when the user dismisses the banner.
    on_later: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="update-banner" role="status" data-testid="update-banner" data-picture-skip="">
            <span class="update-banner__text">{move || message.get()}</span>
            <button class="button button--primary" type="button" on:click=move |_| on_reload.run(())>
                {move || reload_label.get()}
            </button>
            <button class="button" type="button" on:click=move |_| on_later.run(())>
                {move || later_label.get()}
            </button>
        </div>
    }
}
