//! Route views loaded on demand from separate wasm chunks, and the page shown if a chunk fails.
//!
//! With the `split` feature (which only .ci/build-wasm.mjs enables, because only its pipeline
//! resolves the split points) each page view below is a `#[wasm_split(<chunk>, fallible)]`
//! function: `wasm-split-cli` moves it, and all code only it reaches, into
//! `split_<chunk>.wasm` (code shared by several chunks goes into `chunk_<n>.wasm`), and the main
//! module keeps a stub that downloads the chunk on first call (README, "Build pipeline and chunk
//! layout"). Without the feature they are ordinary calls, so `cargo test` and the browser tests,
//! which mount `App` from a plain wasm-bindgen build, need no splitter (their wasm would
//! otherwise import the unresolvable `__wasm_split_placeholder__` module).
//!
//! `leptos_router`'s `#[lazy_route]` does the same but panics when a chunk cannot be fetched,
//! which aborts the whole wasm instance (a dead app); `fallible` turns the failure into a value
//! so the route can show [`PageLoadFailed`] instead.

use leptos::prelude::*;
use leptos_router::LazyRoute;
#[cfg(feature = "split")]
use wasm_split_helpers::wasm_split;
use wasm_split_helpers::SplitLoaderError;

use crate::i18n::Key;
use crate::state::i18n::tr;

/// Defines a zero-sized route type whose view lives in wasm chunk `$chunk`.
///
/// Routes that share a `$chunk` share one download (all the case forms, for example).
/// `texts = true` makes the route fetch the zh-CN page texts with its code. Every page that can
/// show a save's refusal needs it: some refusals (`vocab::command_error`) are page texts, and
/// without them the message would be an ellipsis.
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident => $chunk:ident :: $split_fn:ident / $preload:ident = $page:path) => {
        lazy_page!($(#[$doc])* $route => $chunk :: $split_fn / $preload = $page, texts = false);
    };
    ($(#[$doc:meta])* $route:ident => $chunk:ident :: $split_fn:ident / $preload:ident = $page:path, texts = $texts:expr) => {
        $(#[$doc])*
        pub struct $route;

        #[cfg(feature = "split")]
        #[wasm_split($chunk, fallible, preload(#[doc(hidden)] $preload))]
        fn $split_fn() -> Result<AnyView, SplitLoaderError> {
            Ok(view! { <$page/> }.into_any())
        }

        #[cfg(not(feature = "split"))]
        async fn $split_fn() -> Result<AnyView, SplitLoaderError> {
            Ok(view! { <$page/> }.into_any())
        }

        #[cfg(not(feature = "split"))]
        async fn $preload() -> Result<(), SplitLoaderError> {
            Ok(())
        }

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                // Pages that show the fetched zh-CN page texts wait for them like for their
                // code. Usually they are here already (the set-up page, a new tablet's first
                // screen, fetched them) or come from the service worker's cache, so the two
                // are fetched one after the other rather than joined, which would cost more
                // code in the first download than it saves in time.
                if $texts && !crate::state::i18n::load_page_texts().await {
                    return view! { <PageLoadFailed/> }.into_any();
                }
                match $split_fn().await {
                    Ok(view) => view,
                    Err(_) => view! { <PageLoadFailed/> }.into_any(),
                }
            }

            async fn preload() {
                // A failed preload is not cached; `view` tries again and reports the error.
                if $texts {
                    let _ = crate::state::i18n::load_page_texts().await;
                }
                let _ = $preload().await;
            }
        }
    };
}

lazy_page!(
    /// `/cases/new`: quick intake of a lead or case.
    IntakeRoute => intake::intake_view / preload_intake = crate::pages::IntakePage,
    texts = true
);
lazy_page!(
    /// `/cases/:id`: one case with its history.
    CaseDetailRoute => case_detail::case_detail_view / preload_case_detail = crate::pages::CaseDetailPage,
    texts = true
);
// The five case forms share their form components, so they share one chunk.
lazy_page!(
    /// `/cases/:id/triage`.
    TriageRoute => case_forms::triage_view / preload_triage = crate::pages::TriagePage,
    texts = true
);
lazy_page!(
    /// `/cases/:id/assign`.
    AssignRoute => case_forms::assign_view / preload_assign = crate::pages::AssignPage,
    texts = true
);
lazy_page!(
    /// `/cases/:id/convert`.
    ConvertRoute => case_forms::convert_view / preload_convert = crate::pages::ConvertPage,
    texts = true
);
lazy_page!(
    /// `/cases/:id/edit`.
    EditCaseRoute => case_forms::edit_case_view / preload_edit_case = crate::pages::EditCasePage,
    texts = true
);
lazy_page!(
    /// `/cases/:id/parties`.
    PartiesRoute => case_forms::parties_view / preload_parties = crate::pages::PartiesPage,
    texts = true
);
lazy_page!(
    /// `/cases/:id/step/:step`: every form of the mediation procedure, in one chunk (they share
    /// the party pickers, the date fields and the procedure's command code).
    StepRoute => procedure::step_view / preload_step = crate::pages::StepPage,
    texts = true
);
lazy_page!(
    /// `/supervisor` (a placeholder today; its features will be large and rarely used).
    SupervisorRoute => supervisor::supervisor_view / preload_supervisor = crate::pages::SupervisorPage
);
lazy_page!(
    /// `/settings`.
    SettingsRoute => settings::settings_view / preload_settings = crate::pages::SettingsPage
);
lazy_page!(
    /// `/setup`: tablet set-up and the committee's mediators.
    SetUpRoute => setup::set_up_view / preload_set_up = crate::pages::SetUpPage,
    texts = true
);

/// The case list's view (`/cases`), a chunk of its own: the first screen is Today, and the
/// list, its filters, the virtual list and the form controls it shares with the forms were 33 KB
/// brotli of the first load (measured) that the first screen does not need. `App` keeps the list mounted once shown
/// or once the app is idle after start, and fetches this chunk then; on a start at `/cases` it
/// is fetched at once, while the register opens. A chunk that cannot be fetched shows
/// [`PageLoadFailed`] in the list's place.
#[cfg(feature = "split")]
#[wasm_split(case_list, fallible)]
pub fn case_list_view(visible: Signal<bool>) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::pages::CaseListPage visible=visible/> }.into_any())
}

/// The case list's view (linked in directly without the `split` feature).
#[cfg(not(feature = "split"))]
pub async fn case_list_view(visible: Signal<bool>) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::pages::CaseListPage visible=visible/> }.into_any())
}

/// Shown in place of a page whose code could not be downloaded (offline before the service
/// worker had cached it, or a server error). The rest of the app keeps working.
#[component]
pub fn PageLoadFailed() -> impl IntoView {
    // Reloading retries every download through the service worker; the page that failed holds
    // no user input that a reload could lose.
    let retry = move |_| {
        let _ = window().location().reload();
    };
    view! {
        <section class="page" data-testid="page-load-failed" role="alert">
            <h1 class="page__title">{tr(Key::PageLoadFailedTitle)}</h1>
            <p>{tr(Key::PageLoadFailedBody)}</p>
            <button type="button" class="button button--primary" data-testid="page-load-retry" on:click=retry>
                {tr(Key::PageLoadFailedRetry)}
            </button>
        </section>
    }
}
