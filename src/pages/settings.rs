//! Settings: interface language, storage persistence and usage, and the About panel.

use leptos::prelude::*;

use crate::i18n::{Key, Locale};
use crate::platform::{self, StorageStatus};
use crate::state::i18n::tr;
use crate::state::{I18n, Settings};

/// The settings page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <section class="page" data-testid="page-settings">
            <h1 class="page__title">{tr(Key::PageSettingsTitle)}</h1>
            <LanguageSection/>
            <StorageSection/>
            <AboutSection/>
        </section>
    }
}

#[component]
fn LanguageSection() -> impl IntoView {
    let i18n = I18n::expect();
    let choose = move |locale: Locale| {
        i18n.set_locale(locale);
        // A refused save only means the choice lasts this visit; the UI already switched.
        let _ = Settings::save_locale(locale);
    };
    let option = move |locale: Locale, key: Key| {
        view! {
            <button
                type="button"
                class="choice"
                lang=locale.tag()
                aria-pressed=move || (i18n.locale() == locale).to_string()
                data-testid=format!("lang-{}", locale.tag())
                on:click=move |_| choose(locale)
            >
                {tr(key)}
            </button>
        }
    };
    view! {
        <section class="card" aria-labelledby="settings-language">
            <h2 class="card__title" id="settings-language">{tr(Key::SettingsLanguageTitle)}</h2>
            <p class="card__hint">{tr(Key::SettingsLanguageHint)}</p>
            <div class="choice-group" role="group" aria-labelledby="settings-language">
                {option(Locale::ZhCn, Key::SettingsLanguageZh)}
                {option(Locale::En, Key::SettingsLanguageEn)}
            </div>
        </section>
    }
}

#[component]
fn StorageSection() -> impl IntoView {
    let i18n = I18n::expect();
    let status = LocalResource::new(platform::request_persistent_storage);
    let describe = move |s: Option<StorageStatus>| -> Vec<String> {
        let Some(s) = s else {
            return vec![i18n.t(Key::SettingsStorageUnavailable).to_owned()];
        };
        let locale = i18n.locale();
        let persisted = if s.persisted {
            Key::SettingsStoragePersisted
        } else {
            Key::SettingsStorageNotPersisted
        };
        let mut lines = vec![i18n.t(persisted).to_owned()];
        if let (Some(used), Some(quota)) = (s.usage, s.quota) {
            lines.push(locale.format(
                Key::SettingsStorageUsage,
                &[
                    ("used", &locale.format_bytes(used)),
                    ("quota", &locale.format_bytes(quota)),
                ],
            ));
        }
        lines
    };
    let not_persisted = move || status.get().flatten().is_some_and(|s| !s.persisted);
    view! {
        <section class="card" aria-labelledby="settings-storage" data-testid="storage-status">
            <h2 class="card__title" id="settings-storage">{tr(Key::SettingsStorageTitle)}</h2>
            {move || match status.get() {
                None => view! { <p>{tr(Key::SettingsStorageChecking)}</p> }.into_any(),
                Some(s) => describe(s).into_iter().map(|line| view! { <p>{line}</p> }).collect_view().into_any(),
            }}
            <Show when=not_persisted>
                <button type="button" class="button" on:click=move |_| status.refetch()>
                    {tr(Key::SettingsStorageRetry)}
                </button>
            </Show>
        </section>
    }
}

#[component]
fn AboutSection() -> impl IntoView {
    let i18n = I18n::expect();
    view! {
        <section class="card" aria-labelledby="settings-about" data-testid="about">
            <h2 class="card__title" id="settings-about">{tr(Key::AboutTitle)}</h2>
            <p>{move || i18n.format(Key::AboutVersion, &[("version", crate::APP_VERSION)])}</p>
            <p data-testid="build-id">{move || i18n.format(Key::AboutBuild, &[("build", crate::BUILD_ID)])}</p>
            <p>{tr(Key::AboutOffline)}</p>
        </section>
    }
}
