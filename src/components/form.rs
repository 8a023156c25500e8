//! Data-driven, type-erased form building blocks: one field renderer driven by a small spec, so
//! every field of every form goes through the same code, plus the few shared pieces of a form
//! (error summary, failure line, submit button, check box, conditional block).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::oco::Oco;
use leptos::prelude::*;

use crate::components::field::SelectOption;
use crate::domain::validate::FieldError;
use crate::i18n::Key;
use crate::pages::support::{all_errors, error_at};
use crate::state::I18n;

/// Which control a [`Field`] renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A single-line text input.
    Text,
    /// A single-line input with a numeric keyboard.
    Numeric,
    /// A single-line input with a telephone keyboard.
    Tel,
    /// A calendar day, with the tablet's own date picker (value `YYYY-MM-DD`).
    Date,
    /// A time of day, with the tablet's own time picker (value `HH:MM`).
    Time,
    /// A multi-line text area.
    Multiline,
    /// A drop-down list.
    Select,
}

/// The spec of one labelled form field: what it shows, where its value lives, what it reports.
pub struct Field {
    /// Stable id; also the base of the test id (`field-<id>`).
    pub id: Oco<'static, str>,
    /// The control.
    pub kind: FieldKind,
    /// Visible label.
    pub label: Signal<String>,
    /// Current value.
    pub value: Signal<String>,
    /// Called with the new value on every input (or change, for a list).
    pub on_input: Callback<String>,
    /// Message for an invalid value, if any.
    pub error: Signal<Option<String>>,
    /// A hint shown under the field.
    pub hint: Signal<Option<String>>,
    /// The choices of a list.
    pub options: Signal<Vec<SelectOption>>,
    /// Text of the empty choice of a list; without it a choice is always selected.
    pub placeholder: Signal<Option<String>>,
    /// Whether the field is required (shown with a marker).
    pub required: bool,
}

/// The text of `key` in the current locale, as a signal.
pub fn key_text(key: Key) -> Signal<String> {
    let i18n = I18n::expect();
    Signal::derive(move || i18n.t(key).to_owned())
}

/// The rendered error of the first of `paths` that has one.
pub fn error_of(
    errors: RwSignal<Vec<FieldError>>,
    paths: &'static [&'static str],
) -> Signal<Option<String>> {
    let i18n = I18n::expect();
    Signal::derive(move || {
        errors.with(|e| paths.iter().find_map(|p| error_at(e, p, i18n.locale())))
    })
}

impl Field {
    /// A field with a value and a change handler.
    pub fn new(
        id: &'static str,
        kind: FieldKind,
        label: Key,
        value: Signal<String>,
        on_input: Callback<String>,
    ) -> Self {
        Self {
            id: Oco::Borrowed(id),
            kind,
            label: key_text(label),
            value,
            on_input,
            error: Signal::default(),
            hint: Signal::default(),
            options: Signal::default(),
            placeholder: Signal::default(),
            required: false,
        }
    }

    /// A field bound to a signal: shows it and writes every change to it.
    pub fn bound(id: &'static str, kind: FieldKind, label: Key, signal: RwSignal<String>) -> Self {
        Self::new(
            id,
            kind,
            label,
            signal.into(),
            Callback::new(move |v: String| signal.set(v)),
        )
    }

    /// Replaces the id (for fields repeated per party or per row).
    pub fn id(mut self, id: String) -> Self {
        self.id = Oco::Owned(id);
        self
    }

    /// Marks the field as required.
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// Shows the error at `path` of `errors`.
    pub fn err(self, errors: RwSignal<Vec<FieldError>>, path: &'static [&'static str]) -> Self {
        self.error(error_of(errors, path))
    }

    /// Shows the given error.
    pub fn error(mut self, error: Signal<Option<String>>) -> Self {
        self.error = error;
        self
    }

    /// Shows the text of `key` as a hint.
    pub fn hint(mut self, key: Key) -> Self {
        let i18n = I18n::expect();
        self.hint = Signal::derive(move || Some(i18n.t(key).to_owned()));
        self
    }

    /// The choices of a list.
    pub fn options(mut self, options: Signal<Vec<SelectOption>>) -> Self {
        self.options = options;
        self
    }

    /// Adds an empty first choice reading "choose".
    pub fn choose(mut self) -> Self {
        let i18n = I18n::expect();
        self.placeholder = Signal::derive(move || Some(i18n.t(Key::FormChoose).to_owned()));
        self
    }

    /// Replaces the label.
    pub fn label(mut self, label: Signal<String>) -> Self {
        self.label = label;
        self
    }

    /// Renders the field.
    pub fn view(self) -> AnyView {
        render_field(self)
    }
}

/// Renders a field: label, control, hint and error, the error linked to the control for screen
/// readers; the value is controlled, so nothing typed is ever dropped.
pub fn render_field(field: Field) -> AnyView {
    let Field {
        id,
        kind,
        label,
        value,
        on_input,
        error,
        hint,
        options,
        placeholder,
        required,
    } = field;
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let invalid = Signal::derive(move || error.with(Option::is_some));
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        Signal::derive(move || {
            let mut ids = Vec::new();
            if invalid.get() {
                ids.push(error_id.as_str());
            }
            if hint.with(Option::is_some) {
                ids.push(hint_id.as_str());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        })
    };
    let aria_invalid = move || invalid.get().to_string();
    let test_id = format!("field-{id}");
    let label_for = id.clone();
    let on_value = move |ev: leptos::ev::Event| on_input.run(event_target_value(&ev));
    let control = match kind {
        FieldKind::Multiline => view! {
            <textarea
                id=id
                class="field__input field__input--multiline"
                rows="4"
                prop:value=move || value.get()
                aria-invalid=aria_invalid
                aria-describedby=move || described_by.get()
                data-testid=test_id
                on:input=on_value
            ></textarea>
        }
        .into_any(),
        FieldKind::Select => view! {
            <select
                id=id
                class="field__input field__select"
                aria-invalid=aria_invalid
                aria-describedby=move || described_by.get()
                data-testid=test_id
                on:change=on_value
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
                            <option value=option.value selected=move || value.with(|cur| *cur == v)>
                                {option.label}
                            </option>
                        }
                    }
                </For>
            </select>
        }
        .into_any(),
        FieldKind::Text | FieldKind::Numeric | FieldKind::Tel | FieldKind::Date | FieldKind::Time => {
            let (input_type, mode) = match kind {
                FieldKind::Numeric => ("text", "numeric"),
                FieldKind::Tel => ("text", "tel"),
                FieldKind::Date => ("date", "none"),
                FieldKind::Time => ("time", "none"),
                _ => ("text", "text"),
            };
            view! {
                <input
                    id=id
                    class="field__input"
                    type=input_type
                    inputmode=mode
                    prop:value=move || value.get()
                    aria-invalid=aria_invalid
                    aria-describedby=move || described_by.get()
                    data-testid=test_id
                    on:input=on_value
                />
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:field--invalid=move || invalid.get()>
            <label class="field__label" for=label_for>
                {move || label.get()}
                {required.then(|| view! { <span class="field__required" aria-hidden="true">"*"</span> })}
            </label>
            {control}
            {move || hint.get().map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> })}
            {move || {
                error.get().map(|e| view! { <p class="field__error" id=error_id.clone() role="alert">{e}</p> })
            }}
        </div>
    }
    .into_any()
}

/// Renders every field of a list.
pub fn fields(list: Vec<Field>) -> Vec<AnyView> {
    list.into_iter().map(render_field).collect()
}

/// Shows `then` while `when` holds (memoised, so it is built once per change of `when`), and
/// `otherwise` while it does not.
pub fn show(
    when: Signal<bool>,
    then: Arc<dyn Fn() -> AnyView + Send + Sync>,
    otherwise: Option<Arc<dyn Fn() -> AnyView + Send + Sync>>,
) -> AnyView {
    let when = Memo::new(move |_| when.get());
    (move || {
        if when.get() {
            Some(then())
        } else {
            otherwise.as_ref().map(|o| o())
        }
    })
    .into_any()
}

/// A list of views, shown together.
pub fn group(views: Vec<AnyView>) -> AnyView {
    views.into_any()
}

/// A labelled check box with a test id.
pub fn checkbox(
    test_id: String,
    label: Key,
    checked: Signal<bool>,
    on_change: Callback<bool>,
) -> AnyView {
    let i18n = I18n::expect();
    view! {
        <label class="checkbox">
            <input type="checkbox" data-testid=test_id prop:checked=move || checked.get()
                on:change=move |ev| on_change.run(event_target_checked(&ev))/>
            <span>{move || i18n.t(label)}</span>
        </label>
    }
    .into_any()
}

/// A paragraph with the given class and text.
pub fn para(class: &'static str, text: Signal<String>) -> AnyView {
    view! { <p class=class>{move || text.get()}</p> }.into_any()
}

/// A card title.
pub fn card_title(key: Key) -> AnyView {
    let i18n = I18n::expect();
    view! { <h2 class="card__title">{move || i18n.t(key)}</h2> }.into_any()
}

/// A fieldset with a legend.
pub fn fieldset(legend: Key, children: Vec<AnyView>) -> AnyView {
    let i18n = I18n::expect();
    view! {
        <fieldset class="form__group">
            <legend>{move || i18n.t(legend)}</legend>
            {children}
        </fieldset>
    }
    .into_any()
}

/// The failure of a save, if any, under the form.
pub fn failure_line(failure: RwSignal<Option<String>>, test_id: Option<&'static str>) -> AnyView {
    (move || {
        failure
            .get()
            .map(|f| view! { <p class="form__error" role="alert" data-testid=test_id>{f}</p> })
    })
    .into_any()
}

/// A submit button, disabled while saving.
pub fn submit_button(
    class: &'static str,
    test_id: &'static str,
    saving: Signal<bool>,
    label: Signal<String>,
) -> AnyView {
    view! {
        <button type="submit" class=class data-testid=test_id disabled=move || saving.get()>
            {move || label.get()}
        </button>
    }
    .into_any()
}

/// How long a save runs before its button says so. A save normally ends (and the page moves on)
/// well within this; marking the button at once would make the browser lay out and paint the
/// form before it may deliver the transaction's completion, which on a low-tier tablet
/// lengthened every save by a frame (~40 ms at P-LOW) for a state shown for one frame.
const SAVING_SHOWN_AFTER_MS: u64 = 150;

/// Whether `save`'s button shows it as running (disabled, "saving…"): only once it has been
/// pending for [`SAVING_SHOWN_AFTER_MS`], and no longer as soon as it is not. Until then a
/// second tap is refused by [`dispatch_save`], not by the disabled button.
pub fn saving_shown(save: Action<(), ()>) -> Signal<bool> {
    // The memo, not the action, is read when the timer fires: a save that succeeds usually
    // navigates away first, and a disposed action panics when asked, a disposed memo answers
    // `None`.
    let pending = save.pending();
    let shown = RwSignal::new(false);
    Effect::new(move |_| {
        if pending.get() {
            set_timeout(
                move || {
                    if pending.try_get_untracked() == Some(true) {
                        shown.try_set(true);
                    }
                },
                std::time::Duration::from_millis(SAVING_SHOWN_AFTER_MS),
            );
        } else if shown.get_untracked() {
            shown.set(false);
        }
    });
    shown.into()
}

/// Dispatches `save` unless it is already running: one tap, one save, even while the button
/// does not look busy yet (see [`saving_shown`]).
pub fn dispatch_save(save: Action<(), ()>) {
    if !save.pending().get_untracked() {
        save.dispatch(());
    }
}

/// A card form that calls `submit` instead of navigating.
pub fn form_card(submit: Callback<()>, children: Vec<AnyView>) -> AnyView {
    view! {
        <form class="form card" on:submit=move |ev| { ev.prevent_default(); submit.run(()); }>
            {children}
        </form>
    }
    .into_any()
}

/// The list of every field error at the top of a form, with field labels.
pub fn form_errors(errors: RwSignal<Vec<FieldError>>) -> AnyView {
    let i18n = I18n::expect();
    show(
        Signal::derive(move || errors.with(|e| !e.is_empty())),
        Arc::new(move || {
            view! {
                <div class="form__errors" role="alert" data-testid="form-errors">
                    <p>{move || i18n.t(Key::FormErrorsTitle)}</p>
                    <ul>
                        {move || {
                            errors
                                .with(|e| all_errors(e, i18n.locale()))
                                .into_iter()
                                .map(|line| view! { <li>{line}</li> })
                                .collect_view()
                        }}
                    </ul>
                </div>
            }
            .into_any()
        }),
        None,
    )
}

/// The future of a form's save, boxed so that every form shares one action type.
pub type SaveFuture = Pin<Box<dyn Future<Output = ()>>>;

/// A local (not `Send`) action without input or output that runs `run`'s future on dispatch;
/// every form's save goes through this one instantiation.
pub fn local_action(run: impl Fn() -> SaveFuture + 'static) -> Action<(), ()> {
    erased_action(Box::new(run))
}

fn erased_action(run: Box<dyn Fn() -> SaveFuture>) -> Action<(), ()> {
    Action::new_local(move |_: &()| {
        // The start of the `save` measure that `RegisterState::execute` closes: validation and
        // the command's preparation count, not only the transaction.
        crate::platform::mark("save:start");
        run()
    })
}

/// The end every form shares: the error summary, the failure line and a primary submit button
/// labelled `label`, in a card that dispatches `save` on submit.
pub fn finish_form(
    mut children: Vec<AnyView>,
    errors: RwSignal<Vec<FieldError>>,
    failure: RwSignal<Option<String>>,
    save: Action<(), ()>,
    test_id: &'static str,
    label: Key,
) -> AnyView {
    children.push(form_errors(errors));
    children.push(failure_line(failure, Some("form-failure")));
    children.push(submit_button(
        "button button--primary",
        test_id,
        saving_shown(save),
        key_text(label),
    ));
    form_card(Callback::new(move |()| dispatch_save(save)), children)
}
