//! Labelled form fields that show their validation message and never drop what was typed.
//!
//! Both are thin wrappers over the one shared renderer in [`crate::components::form`].

use leptos::prelude::*;

use crate::components::form::{render_field, Field, FieldKind};

/// A single-line text field. The value is controlled (`prop:value`), the error is explained
/// under the field and linked to it for screen readers.
#[component]
pub fn TextField(
    /// Stable id; also the base of the test id (`field-<id>`).
    id: &'static str,
    /// Visible label.
    #[prop(into)]
    label: Signal<String>,
    /// Current value.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new text on every input.
    on_input: Callback<String>,
    /// Message for an invalid value, if any.
    #[prop(into, optional)]
    error: Signal<Option<String>>,
    /// A hint shown under the field.
    #[prop(into, optional)]
    hint: Signal<Option<String>>,
    /// `inputmode` for the on-screen keyboard (`tel`, `numeric`, `text`).
    #[prop(optional)]
    input_mode: Option<&'static str>,
    /// Whether the field is required (shown with a marker).
    #[prop(optional)]
    required: bool,
    /// Use a multi-line text area.
    #[prop(optional)]
    multiline: bool,
) -> impl IntoView {
    let kind = match (multiline, input_mode) {
        (true, _) => FieldKind::Multiline,
        (false, Some("tel")) => FieldKind::Tel,
        (false, Some("numeric")) => FieldKind::Numeric,
        (false, _) => FieldKind::Text,
    };
    render_field(Field {
        id,
        kind,
        label,
        value,
        on_input,
        error,
        hint,
        options: Signal::default(),
        placeholder: Signal::default(),
        required,
    })
}

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
        id,
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
