//! The pages whose features are not built yet: Supervisor.

use leptos::prelude::*;

use crate::components::Placeholder;
use crate::i18n::Key;
use crate::state::i18n::tr;

#[component]
fn PlaceholderPage(title: Key, planned: Key, test_id: &'static str) -> impl IntoView {
    view! {
        <section class="page" data-testid=test_id>
            <h1 class="page__title">{tr(title)}</h1>
            <Placeholder
                badge=Signal::derive(tr(Key::PagePlaceholderBadge))
                body=Signal::derive(tr(Key::PagePlaceholderBody))
                planned=Signal::derive(tr(planned))
            />
        </section>
    }
}

/// The supervisor's area.
#[component]
pub fn SupervisorPage() -> impl IntoView {
    view! {
        <PlaceholderPage
            title=Key::PageSupervisorTitle
            planned=Key::PageSupervisorPlanned
            test_id="page-supervisor"
        />
    }
}
