//! Touch-sized choice buttons: a group where exactly one is pressed (like radio buttons), and a
//! single on/off toggle. Both report presses through callbacks and show state by `aria-pressed`.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::state::i18n::tr;

/// One choice of a [`ChoiceGroup`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// The value reported when pressed.
    pub value: &'static str,
    /// Visible label.
    pub label: Key,
    /// Test id of the button.
    pub test_id: &'static str,
}

/// A group of buttons of which one is pressed.
#[component]
pub fn ChoiceGroup(
    /// The choices, in order.
    choices: Vec<Choice>,
    /// The value of the pressed choice.
    #[prop(into)]
    selected: Signal<&'static str>,
    /// Called with the value of the choice pressed.
    on_select: Callback<&'static str>,
    /// Accessible name of the group.
    #[prop(into)]
    label: Signal<&'static str>,
) -> impl IntoView {
    let buttons = choices
        .into_iter()
        .map(|choice| {
            view! {
                <button
                    type="button"
                    class="choice-group__choice"
                    aria-pressed=move || (selected.get() == choice.value).to_string()
                    data-testid=choice.test_id
                    on:click=move |_| on_select.run(choice.value)
                >
                    {tr(choice.label)}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="choice-group choice-group--segmented" role="group" aria-label=move || label.get()>
            {buttons}
        </div>
    }
}

/// A button that is either on or off.
#[component]
pub fn ToggleButton(
    /// Visible label.
    label: Key,
    /// Whether it is on.
    #[prop(into)]
    pressed: Signal<bool>,
    /// Called with the new state when pressed.
    on_toggle: Callback<bool>,
    /// Test id of the button.
    test_id: &'static str,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="toggle-button"
            aria-pressed=move || pressed.get().to_string()
            data-testid=test_id
            on:click=move |_| on_toggle.run(!pressed.get_untracked())
        >
            <span class="toggle-button__box" aria-hidden="true"></span>
            {tr(label)}
        </button>
    }
}
