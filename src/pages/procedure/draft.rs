//! Drafts of the step forms: every change to a long form (a session record, an agreement, a
//! follow-up) is written to the draft store at once, so a tab closed or killed while typing loses
//! nothing; opening the step again restores it, Today lists it, and the save that records the
//! step deletes it in the same transaction.
//!
//! A draft is a flat JSON object of the form's fields as strings under names the form chooses;
//! a field the draft lacks (an older draft) keeps its default.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::i18n::Key;
use crate::pages::support::repo_error;
use crate::state::i18n::tr;
use crate::state::{I18n, RegisterState};

/// Separates the items of a list field inside one string (a character no input produces).
const SEP: char = '\u{1f}';

/// The draft key of the step page being shown (provided by the step page).
#[derive(Clone)]
pub(crate) struct DraftKey(pub String);

type Getter = Arc<dyn Fn() -> String + Send + Sync>;
type Setter = Arc<dyn Fn(&str) + Send + Sync>;

/// The fields of one form's draft and its state.
#[derive(Clone, Copy)]
pub(crate) struct StepDraft {
    key: StoredValue<Option<String>>,
    fields: StoredValue<Vec<(&'static str, Getter, Setter)>>,
    ready: RwSignal<bool>,
    restored: RwSignal<bool>,
    problem: RwSignal<Option<String>>,
}

impl StepDraft {
    /// A draft for the form of the current step page (none outside one).
    pub(crate) fn new() -> Self {
        Self {
            key: StoredValue::new(use_context::<DraftKey>().map(|k| k.0)),
            fields: StoredValue::new(Vec::new()),
            ready: RwSignal::new(false),
            restored: RwSignal::new(false),
            problem: RwSignal::new(None),
        }
    }

    /// The key under which this draft is stored.
    pub(crate) fn key(self) -> Option<String> {
        self.key.get_value()
    }

    /// Keeps any value that reads and writes as a string.
    pub(crate) fn custom(
        self,
        name: &'static str,
        get: impl Fn() -> String + Send + Sync + 'static,
        set: impl Fn(&str) + Send + Sync + 'static,
    ) -> Self {
        self.fields
            .update_value(|f| f.push((name, Arc::new(get), Arc::new(set))));
        self
    }

    /// Keeps a text field.
    pub(crate) fn text(self, name: &'static str, signal: RwSignal<String>) -> Self {
        self.custom(
            name,
            move || signal.get(),
            move |v| signal.set(v.to_owned()),
        )
    }

    /// Keeps a check box.
    pub(crate) fn flag(self, name: &'static str, signal: RwSignal<bool>) -> Self {
        self.custom(
            name,
            move || if signal.get() { "1" } else { "" }.to_owned(),
            move |v| signal.set(v == "1"),
        )
    }

    /// Keeps a set of choices, each written with `show` and read back with `parse`.
    pub(crate) fn list<T>(
        self,
        name: &'static str,
        signal: RwSignal<Vec<T>>,
        show: fn(&T) -> String,
        parse: fn(&str) -> Option<T>,
    ) -> Self
    where
        T: Send + Sync + 'static,
    {
        self.custom(
            name,
            move || {
                signal.with(|items| {
                    items
                        .iter()
                        .map(show)
                        .collect::<Vec<_>>()
                        .join(&SEP.to_string())
                })
            },
            move |v| {
                signal.set(
                    v.split(SEP)
                        .filter(|s| !s.is_empty())
                        .filter_map(parse)
                        .collect(),
                )
            },
        )
    }

    /// Every field as it stands (read tracked, so an effect sees each change).
    fn snapshot(self) -> String {
        let map: BTreeMap<&str, String> = self
            .fields
            .with_value(|f| f.iter().map(|(name, get, _)| (*name, get())).collect());
        serde_json::to_string(&map).unwrap_or_default()
    }

    fn snapshot_untracked(self) -> String {
        untrack(|| self.snapshot())
    }

    /// Restores a stored draft, then writes every change. Call once the fields are registered.
    pub(crate) fn start(self) {
        let Some(key) = self.key() else {
            return;
        };
        let register = RegisterState::expect();
        let i18n = I18n::expect();
        // The state the draft was last written in (or restored from): an unchanged form is
        // never stored, so only visiting a step leaves no draft behind.
        let last = StoredValue::new(None::<String>);
        let save_key = key.clone();
        Effect::new(move |_| {
            let json = self.snapshot();
            if !self.ready.get() {
                return;
            }
            if last.with_value(|l| l.as_ref().is_none_or(|l| *l == json)) {
                last.set_value(Some(json));
                return;
            }
            last.set_value(Some(json.clone()));
            let key = save_key.clone();
            leptos::task::spawn_local(async move {
                let result = register.save_draft(key, json).await;
                self.problem
                    .set(result.err().map(|e| repo_error(&e).render(i18n.locale())));
            });
        });
        let untouched = self.snapshot_untracked();
        leptos::task::spawn_local(async move {
            let stored = register.load_draft(key).await;
            // Whatever was typed while the draft was being read wins over the draft.
            let typed = self.snapshot_untracked() != untouched;
            if let (Ok(Some(json)), false) = (stored, typed) {
                if let Ok(map) = serde_json::from_str::<BTreeMap<String, String>>(&json) {
                    self.fields.with_value(|fields| {
                        for (name, _, set) in fields {
                            if let Some(value) = map.get(*name) {
                                set(value);
                            }
                        }
                    });
                    self.restored.set(true);
                }
            }
            self.ready.set(true);
        });
    }

    /// The "draft restored" line with its discard button, and a failed draft write.
    pub(crate) fn notice(self) -> AnyView {
        let i18n = I18n::expect();
        let register = RegisterState::expect();
        let discard = move |_| {
            let Some(key) = self.key() else {
                return;
            };
            leptos::task::spawn_local(async move {
                let _ = register.delete_draft(key).await;
                // The form is rebuilt from the case with its defaults.
                let _ = window().location().reload();
            });
        };
        view! {
            // For tests and assistive tools: the draft was read (restored or not).
            <span hidden data-testid=move || self.ready.get().then_some("draft-ready")></span>
            {move || self.restored.get().then(|| view! {
                <div class="notice" role="status" data-testid="draft-restored">
                    <span>{tr(Key::FormDraftRestored)}</span>
                    <button type="button" class="button" data-testid="draft-discard" on:click=discard>{tr(Key::FormDraftDiscard)}</button>
                </div>
            })}
            {move || self.problem.get().map(|p| view! {
                <p class="form__error" role="alert">{i18n.format(Key::FormDraftUnsaved, &[("error", &p)])}</p>
            })}
        }
        .into_any()
    }
}
