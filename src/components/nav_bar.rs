//! The main navigation: a bottom bar in portrait, a side rail in landscape (layout in CSS).

use leptos::prelude::*;
use leptos_router::components::A;

/// One entry of the navigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavItem {
    /// Link target.
    pub href: String,
    /// Visible label.
    pub label: &'static str,
    /// A one-character glyph shown above the label; decorative, hidden from screen readers.
    pub glyph: &'static str,
    /// Stable test id (`nav-today`, …).
    pub test_id: &'static str,
}

/// The navigation bar. `<A>` marks the current entry with `aria-current="page"`.
#[component]
pub fn NavBar(
    /// The entries, in order; recomputed when the language changes.
    #[prop(into)]
    items: Signal<Vec<NavItem>>,
    /// Accessible name of the navigation landmark.
    #[prop(into)]
    label: Signal<&'static str>,
) -> impl IntoView {
    view! {
        <nav class="nav-bar" aria-label=move || label.get()>
            <ul class="nav-bar__list">
                <For
                    each=move || items.get()
                    key=|item| (item.href.clone(), item.label)
                    let:item
                >
                    <li class="nav-bar__item">
                        <A href=item.href.clone() attr:class="nav-bar__link" attr:data-testid=item.test_id>
                            <span class="nav-bar__glyph" aria-hidden="true">{item.glyph}</span>
                            <span class="nav-bar__label">{item.label}</span>
                        </A>
                    </li>
                </For>
            </ul>
        </nav>
    }
}
