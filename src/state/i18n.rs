//! The current locale as a reactive context, and lookup of translated messages through it.

use leptos::prelude::*;

use crate::i18n::{Key, Locale};

/// The i18n context: the current locale, read reactively by every translated text.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    locale: RwSignal<Locale>,
}

impl I18n {
    /// Provides the context with `initial` as the current locale.
    pub fn provide(initial: Locale) -> Self {
        let this = Self {
            locale: RwSignal::new(initial),
        };
        provide_context(this);
        this
    }

    /// The context provided by `App`.
    pub fn expect() -> Self {
        expect_context::<Self>()
    }

    /// The current locale (tracked).
    pub fn locale(self) -> Locale {
        self.locale.get()
    }

    /// Switches the interface language.
    pub fn set_locale(self, locale: Locale) {
        self.locale.set(locale);
    }

    /// The message for `key` in the current locale (tracked).
    pub fn t(self, key: Key) -> &'static str {
        self.locale.get().text(key)
    }

    /// The message for `key` with its placeholders filled (tracked).
    pub fn format(self, key: Key, args: &[(&str, &str)]) -> String {
        self.locale.get().format(key, args)
    }
}

/// Shorthand for a reactive translated text in `view!`: `{tr(Key::NavToday)}`.
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = I18n::expect();
    move || i18n.t(key)
}
