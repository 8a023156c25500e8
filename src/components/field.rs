//! Labelled form fields that show their validation message and never drop what was typed.

use leptos::prelude::*;

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
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            if hint.with(Option::is_some) {
                ids.push(hint_id.clone());
            }
            ids.join(" ")
        }
    };
    let invalid = move || error.with(Option::is_some).to_string();
    let input = if multiline {
        view! {
            <textarea
                id=id
                class="field__input field__input--multiline"
                rows="4"
                prop:value=move || value.get()
                aria-invalid=invalid
                aria-describedby=described_by.clone()
                data-testid=format!("field-{id}")
                on:input=move |ev| on_input.run(event_target_value(&ev))
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id
                class="field__input"
                type="text"
                inputmode=input_mode.unwrap_or("text")
                prop:value=move || value.get()
                aria-invalid=invalid
                aria-describedby=described_by
                data-testid=format!("field-{id}")
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:field--invalid=move || error.with(Option::is_some)>
            <label class="field__label" for=id>
                {move || label.get()}
                {required.then(|| view! { <span class="field__required" aria-hidden="true">"*"</span> })}
            </label>
            {input}
            {move || hint.get().map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> })}
            {move || {
                error.get().map(|e| view! { <p class="field__error" id=error_id.clone() role="alert">{e}</p> })
            }}
        </div>
    }
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
    let error_id = format!("{id}-error");
    let error_ref = error_id.clone();
    view! {
        <div class="field" class:field--invalid=move || error.with(Option::is_some)>
            <label class="field__label" for=id>
                {move || label.get()}
                {required.then(|| view! { <span class="field__required" aria-hidden="true">"*"</span> })}
            </label>
            <select
                id=id
                class="field__input field__select"
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=move || error.with(Option::is_some).then(|| error_ref.clone())
                data-testid=format!("field-{id}")
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                {move || placeholder.get().map(|p| view! { <option value="" selected=move || value.with(String::is_empty)>{p}</option> })}
                <For
                    each=move || options.get()
                    // Keyed by label too, so a language switch re-renders the options' text.
                    key=|o| (o.value.clone(), o.label.clone())
                    let:option
                >
                    {
                        let v = option.value.clone();
                        view! {
                            <option value=option.value.clone() selected=move || value.with(|cur| *cur == v)>
                                {option.label}
                            </option>
                        }
                    }
                </For>
            </select>
            {move || {
                error.get().map(|e| view! { <p class="field__error" id=error_id.clone() role="alert">{e}</p> })
            }}
        </div>
    }
}
