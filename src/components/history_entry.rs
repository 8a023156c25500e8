//! One entry of a case's history: what happened, an optional detail line, who, when, on which
//! device and at which position of that device's log, and a mark when the entry did not apply.

use leptos::prelude::*;

use crate::i18n::vocab::Message;
use crate::i18n::Key;

use super::fact_list::FactValue;
use crate::state::i18n::tr;
use crate::state::I18n;

/// What an entry shows, prepared by the page from an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryItem {
    /// The event id (the list's key).
    pub id: String,
    /// What happened.
    pub what: Message,
    /// More about it (a reason, a name, a case number).
    pub detail: Option<FactValue>,
    /// Who wrote it (a name, or the mediator id if the name is unknown).
    pub who: String,
    /// When, in China time.
    pub when: String,
    /// The writing device, shortened.
    pub device: String,
    /// Position in the device's log.
    pub seq: u64,
    /// Why it did not apply (reverted or skipped), if it did not.
    pub mark: Option<Key>,
}

/// One history entry (a list item).
#[component]
pub fn HistoryEntry(
    /// The entry's content.
    item: HistoryItem,
) -> impl IntoView {
    let i18n = I18n::expect();
    let HistoryItem {
        what,
        detail,
        who,
        when,
        device,
        seq,
        mark,
        ..
    } = item;
    let seq = seq.to_string();
    view! {
        <li class="history-entry" class:history-entry--void=mark.is_some() data-testid="history-entry">
            <p class="history-entry__what">
                {move || what.render(i18n.locale())}
                {mark.map(|key| view! { <span class="history-entry__mark">{tr(key)}</span> })}
            </p>
            {detail.map(|d| view! { <p class="history-entry__detail">{move || d.render(i18n.locale())}</p> })}
            <p class="history-entry__meta">
                <span class="history-entry__who">{who}</span>
                <span class="history-entry__when">{when}</span>
                <span class="history-entry__device">
                    {move || i18n.format(Key::CaseHistoryDevice, &[("device", &device)])}
                </span>
                <span class="history-entry__seq">
                    {move || i18n.format(Key::CaseHistorySeq, &[("seq", &seq)])}
                </span>
            </p>
        </li>
    }
}
