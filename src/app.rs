//! The root component: context providers, the app frame and the route table.

use leptos::prelude::*;
use leptos_router::components::{Route as RouteView, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{path, Lazy};

use crate::components::{NavBar, NavItem, UpdateBanner};
use crate::i18n::Key;
use crate::pages::lazy::{
    case_list_view, AssignRoute, CaseDetailRoute, ConvertRoute, EditCaseRoute, IntakeRoute,
    PageLoadFailed, PartiesRoute, SetUpRoute, SettingsRoute, StepRoute, SupervisorRoute,
    TriageRoute,
};
use crate::pages::{NotFoundPage, TodayPage};
use crate::platform;
use crate::routes::Route;
use crate::state::i18n::tr;
use crate::state::register::RegisterStatus;
use crate::state::{I18n, RegisterState, Settings, ShellState};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::provide(Settings::load_locale());
    ShellState::provide();
    RegisterState::provide();

    // Keep <html lang> in step with the interface language: it picks the right CJK glyphs
    // from system fonts and tells screen readers which voice to use.
    Effect::new(move |_| {
        let locale = i18n.locale();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", locale.tag());
        }
        document().set_title(locale.text(Key::AppTitle));
    });
    // Ask once per start to keep our data safe from eviction; Settings shows the answer.
    leptos::task::spawn_local(async {
        let _ = platform::request_persistent_storage().await;
    });
    request_animation_frame(|| platform::mark("app:ready"));

    view! {
        <Router>
            <div class="app-shell">
                <TopBar/>
                <ShellUpdateBanner/>
                <main class="app-shell__main" id="main">
                    <Routes fallback=NotFoundPage>
                        // Paths mirror `Route::PATTERNS`; tests/native/routes.rs checks them.
                        // Only Today is in the main wasm module: every other page, the kept case
                        // list below included, is a chunk fetched on first use (pages/lazy.rs).
                        <RouteView path=path!("/") view=TodayPage/>
                        // The list itself is the kept-alive one below the routes.
                        <RouteView path=path!("/cases") view=|| ()/>
                        <RouteView path=path!("/cases/new") view={Lazy::<IntakeRoute>::new()}/>
                        <RouteView path=path!("/cases/:id") view={Lazy::<CaseDetailRoute>::new()}/>
                        <RouteView path=path!("/cases/:id/triage") view={Lazy::<TriageRoute>::new()}/>
                        <RouteView path=path!("/cases/:id/assign") view={Lazy::<AssignRoute>::new()}/>
                        <RouteView path=path!("/cases/:id/convert") view={Lazy::<ConvertRoute>::new()}/>
                        <RouteView path=path!("/cases/:id/edit") view={Lazy::<EditCaseRoute>::new()}/>
                        <RouteView path=path!("/cases/:id/parties") view={Lazy::<PartiesRoute>::new()}/>
                        <RouteView path=path!("/cases/:id/step/:step") view={Lazy::<StepRoute>::new()}/>
                        <RouteView path=path!("/supervisor") view={Lazy::<SupervisorRoute>::new()}/>
                        <RouteView path=path!("/settings") view={Lazy::<SettingsRoute>::new()}/>
                        <RouteView path=path!("/setup") view={Lazy::<SetUpRoute>::new()}/>
                    </Routes>
                    <KeptCaseList/>
                </main>
                <MainNav/>
            </div>
        </Router>
    }
}

/// The case list, kept mounted (hidden) once shown or once the app is idle after start.
///
/// A mediator goes back and forth between the list and cases all day; rebuilding the list (and
/// losing its scroll position) on every return cost a visible pause on a low-tier tablet with a
/// large register. Kept alive, a tap on "cases" only unhides it. Its code is a chunk
/// (`lazy::case_list_view`), fetched when the list is first mounted.
#[component]
fn KeptCaseList() -> impl IntoView {
    let location = use_location();
    let register = RegisterState::expect();
    let visible = Memo::new(move |_| {
        location
            .pathname
            .with(|p| Route::parse(p) == Some(Route::Cases))
    });
    let mounted = RwSignal::new(false);
    Effect::new(move |_| {
        if visible.get() {
            mounted.set(true);
        } else {
            // A picture of the list (index.html) is only ever shown over a start at the list.
            platform::picture_done();
        }
    });
    // Prepared in the background once the register is open and the first screen has painted.
    Effect::new(move |_| {
        if mounted.get_untracked() || !matches!(register.status.get(), RegisterStatus::Ready) {
            return;
        }
        leptos::task::spawn_local(async move {
            platform::after_next_paint().await;
            mounted.set(true);
        });
    });
    view! {
        <Show when=move || mounted.get()>
            <div class="kept-page" hidden=move || !visible.get()>
                {move || Suspend::new(async move {
                    match case_list_view(visible.into()).await {
                        Ok(view) => view,
                        Err(_) => {
                            platform::picture_done();
                            view! { <PageLoadFailed/> }.into_any()
                        }
                    }
                })}
            </div>
        </Show>
    }
}

#[component]
fn TopBar() -> impl IntoView {
    let shell = ShellState::expect();
    view! {
        <header class="top-bar">
            <span class="top-bar__title" data-testid="app-title">{tr(Key::AppTitle)}</span>
            <Show when=move || !shell.online.get()>
                <span class="top-bar__offline" role="status" data-testid="offline-indicator" data-picture-skip="">
                    {tr(Key::StatusOffline)}
                </span>
            </Show>
        </header>
    }
}

/// The navigation entries: route, label, decorative glyph and test id.
const NAV_ENTRIES: [(Route, Key, &str, &str); 4] = [
    (Route::Today, Key::NavToday, "今", "nav-today"),
    (Route::Cases, Key::NavCases, "案", "nav-cases"),
    (
        Route::Supervisor,
        Key::NavSupervisor,
        "督",
        "nav-supervisor",
    ),
    (Route::Settings, Key::NavSettings, "设", "nav-settings"),
];

#[component]
fn MainNav() -> impl IntoView {
    let i18n = I18n::expect();
    let items = Signal::derive(move || {
        NAV_ENTRIES
            .iter()
            .map(|(route, label, glyph, test_id)| NavItem {
                href: route.href(),
                label: i18n.t(*label),
                glyph,
                test_id,
            })
            .collect::<Vec<_>>()
    });
    view! { <NavBar items=items label=Signal::derive(tr(Key::NavLabel))/> }
}

#[component]
fn ShellUpdateBanner() -> impl IntoView {
    let shell = ShellState::expect();
    view! {
        <Show when=move || shell.update_ready.get()>
            <UpdateBanner
                message=Signal::derive(tr(Key::UpdateAvailable))
                reload_label=Signal::derive(tr(Key::UpdateReload))
                later_label=Signal::derive(tr(Key::UpdateLater))
                on_reload=Callback::new(|()| platform::apply_update())
                on_later=Callback::new(move |()| shell.update_ready.set(false))
            />
        </Show>
    }
}
