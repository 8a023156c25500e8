//! User settings kept on this device (the interface language), persisted with gloo-storage.

use gloo_storage::{LocalStorage, Storage};

use crate::i18n::Locale;

/// localStorage key of the chosen locale tag.
pub const LOCALE_STORAGE_KEY: &str = "casebook.locale";

/// Reads and writes the persisted settings.
#[derive(Debug, Clone, Copy, Default)]
pub struct Settings;

impl Settings {
    /// The saved locale, or zh-CN when none is saved or it cannot be read.
    pub fn load_locale() -> Locale {
        LocalStorage::get::<String>(LOCALE_STORAGE_KEY)
            .ok()
            .and_then(|tag| Locale::from_tag(&tag))
            .unwrap_or_default()
    }

    /// Saves the locale; `false` if the browser refused (the choice then lasts this visit only).
    pub fn save_locale(locale: Locale) -> bool {
        // The case list's saved picture is in the old language.
        crate::platform::forget_picture();
        LocalStorage::set(LOCALE_STORAGE_KEY, locale.tag()).is_ok()
    }
}
