//! Labelled form fields that show their validation message and never drop what was typed.
//!
//! A thin wrapper over the one shared renderer in [`crate::components::form`], and a lighter
//! drop-down for list filters.

use leptos::prelude::*;

use crate::components::form::{render_field, Field, FieldKind};

/// One choice of a [`SelectField`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectOption {
    /// The value reported when chosen.
    pub value: String,
    /// Visible text.
    pub label: String,
}

/// A labelled drop-down list with an optional empty first choice.
#[component]
pub fn SelectField(
    /// Stable id; also the base of the test id (`field-<id>`).
    id: &'static str,
    /// Visible label.
    #[prop(into)]
    label: Signal<String>,
    /// The choices.
    #[prop(into)]
    options: Signal<Vec<SelectOption>>,
    /// The chosen value (empty for none).
    #[prop(into)]
    value: Signal<String>,
    /// Called with the chosen value.
    on_change: Callback<String>,
    /// Text of the empty choice; without it a choice is always selected.
    #[prop(into, optional)]
    placeholder: Signal<Option<String>>,
    /// Message for an invalid choice, if any.
    #[prop(into, optional)]
    error: Signal<Option<String>>,
    /// Whether the field is required (shown with a marker).
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    render_field(Field {
        id: id.into(),
        kind: FieldKind::Select,
        label,
        value,
        on_input: on_change,
        error,
        hint: Signal::default(),
        options,
        placeholder,
        required,
    })
}

/// A labelled drop-down for a list's filters and sort: no validation, no hint, and options that
/// are plain elements rather than one reactive node each.
///
/// The case list builds three of these on its first paint. Built as [`SelectField`]s, every
/// option was a keyed entry with its own `selected` effect, and the filter bar cost more than
/// the rows on a low-tier tablet. Here the options are rebuilt together only when `options`
/// changes (the language), and the choice follows `value` through the select's `value` property.
#[component]
pub fn FilterSelect(
    /// Stable id; also the base of the test id (`field-<id>`).
    id: &'static str,
    /// Visible label.
    #[prop(into)]
    label: Signal<String>,
    /// The choices, in order; a choice whose value is empty stands for "no filter".
    #[prop(into)]
    options: Signal<Vec<SelectOption>>,
    /// The chosen value.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the chosen value.
    on_change: Callback<String>,
) -> impl IntoView {
    // The `selected` attributes give the first build its choice: the element's attributes
    // (`prop:value` among them) are set before its options exist.
    let option_views = move || {
        let current = value.get_untracked();
        options.with(|all| {
            all.iter()
                .map(|o| {
                    let selected = o.value == current;
                    view! { <option value=o.value.clone() selected=selected>{o.label.clone()}</option> }
                })
                .collect_view()
        })
    };
    view! {
        <div class="field">
            <label class="field__label" for=id>{move || label.get()}</label>
            <select
                id=id
                class="field__input field__select"
                prop:value=move || value.get()
                data-testid=format!("field-{id}")
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                {option_views}
            </select>
        </div>
    }
}
