//! Labelled form fields that show their validation message and never drop what was typed.
//!
//! A thin wrapper over the one shared renderer in [`crate::components::form`].

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
