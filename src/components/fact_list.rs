//! A list of labelled facts (`<dl>`): the read-only view of a record's fields. Values are data or
//! translated labels, rendered in the current locale so a language switch re-renders them.

use leptos::prelude::*;

use crate::i18n::vocab::Message;
use crate::i18n::{Key, Locale};
use crate::state::I18n;

/// The value of one fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactValue {
    /// Data shown as is.
    Text(String),
    /// Names joined with the locale's list separator.
    Names(Vec<String>),
    /// Items shown one per line (e.g. claims).
    Lines(Vec<String>),
    /// A translated label.
    Label(Key),
    /// Translated labels joined with the locale's list separator.
    Labels(Vec<Key>),
    /// A message with its arguments.
    Message(Message),
    /// Nothing recorded.
    Missing,
}

impl FactValue {
    /// Text, or [`FactValue::Missing`] when blank.
    pub fn text(text: impl Into<String>) -> FactValue {
        let text = text.into();
        if text.trim().is_empty() {
            FactValue::Missing
        } else {
            FactValue::Text(text)
        }
    }

    /// Labels, or [`FactValue::Missing`] when there are none.
    pub fn labels(keys: Vec<Key>) -> FactValue {
        if keys.is_empty() {
            FactValue::Missing
        } else {
            FactValue::Labels(keys)
        }
    }

    /// The value as one line of text in `locale`.
    pub fn render(&self, locale: Locale) -> String {
        let separator = locale.text(Key::PunctListSeparator);
        match self {
            FactValue::Text(text) => text.clone(),
            FactValue::Names(names) => names.join(separator),
            FactValue::Lines(lines) => lines.join("\n"),
            FactValue::Label(key) => locale.text(*key).to_owned(),
            FactValue::Labels(keys) => keys
                .iter()
                .map(|k| locale.text(*k))
                .collect::<Vec<_>>()
                .join(separator),
            FactValue::Message(message) => message.render(locale),
            FactValue::Missing => locale.text(Key::CaseDetailNone).to_owned(),
        }
    }
}

/// One labelled fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// The field's label.
    pub label: Key,
    /// Its value.
    pub value: FactValue,
    /// Test id of the value, when tests read it.
    pub test_id: Option<&'static str>,
}

impl Fact {
    /// A fact without a test id.
    pub fn new(label: Key, value: FactValue) -> Fact {
        Fact {
            label,
            value,
            test_id: None,
        }
    }

    /// This fact with a test id on its value.
    pub fn with_test_id(mut self, test_id: &'static str) -> Fact {
        self.test_id = Some(test_id);
        self
    }
}

/// The facts as a definition list.
#[component]
pub fn FactList(
    /// The facts, in order.
    facts: Vec<Fact>,
) -> impl IntoView {
    let i18n = I18n::expect();
    let items = facts
        .into_iter()
        .map(|fact| {
            let missing = fact.value == FactValue::Missing;
            let lines = matches!(fact.value, FactValue::Lines(_));
            let value = fact.value;
            view! {
                <div class="fact-list__item">
                    <dt class="fact-list__label">{move || i18n.t(fact.label)}</dt>
                    <dd
                        class="fact-list__value"
                        class:fact-list__value--missing=missing
                        class:fact-list__value--lines=lines
                        data-testid=fact.test_id
                    >
                        {move || value.render(i18n.locale())}
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="fact-list">{items}</dl> }
}
