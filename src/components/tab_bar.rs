//! A row of tabs (`role="tablist"`): one button per panel, the selected one marked with
//! `aria-selected`; the page renders the panel with `id` `<tab id>-panel`.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::state::i18n::tr;

/// One tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tab {
    /// Stable id; the tab button gets `<id>-tab`, its panel must have `<id>-panel`.
    pub id: &'static str,
    /// Visible label.
    pub label: Key,
    /// Test id of the tab button.
    pub test_id: &'static str,
}

/// The tab row.
#[component]
pub fn TabBar(
    /// The tabs, in order.
    tabs: Vec<Tab>,
    /// The id of the selected tab.
    #[prop(into)]
    selected: Signal<&'static str>,
    /// Called with the id of the tab pressed.
    on_select: Callback<&'static str>,
    /// Accessible name of the tab list.
    #[prop(into)]
    label: Signal<&'static str>,
) -> impl IntoView {
    let buttons = tabs
        .into_iter()
        .map(|tab| {
            let is_selected = move || selected.get() == tab.id;
            view! {
                <button
                    type="button"
                    role="tab"
                    class="tab-bar__tab"
                    id=format!("{}-tab", tab.id)
                    aria-controls=format!("{}-panel", tab.id)
                    aria-selected=move || is_selected().to_string()
                    data-testid=tab.test_id
                    on:click=move |_| on_select.run(tab.id)
                >
                    {tr(tab.label)}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="tab-bar" role="tablist" aria-label=move || label.get()>
            {buttons}
        </div>
    }
}
