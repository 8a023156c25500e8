//! The page for addresses that are not part of the app.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::Key;
use crate::routes::Route;
use crate::state::i18n::tr;

/// Shown for any path the route table does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="page" data-testid="page-not-found">
            <h1 class="page__title">{tr(Key::NotFoundTitle)}</h1>
            <p>{tr(Key::NotFoundBody)}</p>
            <A href=Route::Today.href() attr:class="button button--primary">{tr(Key::NotFoundHome)}</A>
        </section>
    }
}
