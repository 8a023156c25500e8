//! The current locale as a reactive context, lookup of translated messages through it, and the
//! fetching of message tables that are not compiled into the wasm (English; see `crate::i18n`).

use leptos::prelude::*;

use crate::i18n::{Key, Locale};
use crate::platform;

/// How long the first screen waits for a saved locale's table before it shows zh-CN texts
/// in its place (they switch when the table arrives). The service worker has the file, so it
/// normally takes a few milliseconds.
pub const FIRST_SCREEN_WAIT_MS: i32 = 2_000;

/// A later fetch (a tap on "English") gets longer: the texts switch only once it is done.
const SWITCH_WAIT_MS: i32 = 15_000;

/// Fetches and installs `locale`'s table if it is not available yet; returns whether it is
/// available afterwards. The file comes from this app's own origin (the service worker
/// precaches it, so it loads offline).
pub async fn load_messages(locale: Locale, timeout_ms: i32) -> bool {
    if locale.is_available() {
        return true;
    }
    let Some(file) = locale.table_file() else {
        return false;
    };
    if let Some(json) = platform::fetch_text(&format!("/pkg/{file}"), timeout_ms).await {
        let _ = locale.install_table(&json);
    }
    locale.is_available()
}

/// Fetches and installs the zh-CN page texts if they are not here yet (see
/// [`crate::i18n::install_page_texts`]); returns whether they are available afterwards. The
/// pages that show them wait for this before they render.
pub async fn load_page_texts() -> bool {
    if crate::i18n::page_texts_available() {
        return true;
    }
    let file = crate::i18n::ZH_CN_PAGES_FILE;
    if let Some(json) = platform::fetch_text(&format!("/pkg/{file}"), SWITCH_WAIT_MS).await {
        let _ = crate::i18n::install_page_texts(&json);
    }
    crate::i18n::page_texts_available()
}

/// The i18n context: the current locale, read reactively by every translated text.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    locale: RwSignal<Locale>,
    /// The locale last asked for; a slow table fetch must not undo a later choice.
    chosen: StoredValue<Locale>,
}

impl I18n {
    /// Provides the context with `initial` as the current locale (its table is fetched if
    /// the app started before it arrived; its texts are zh-CN's meanwhile).
    pub fn provide(initial: Locale) -> Self {
        let this = Self {
            locale: RwSignal::new(initial),
            chosen: StoredValue::new(initial),
        };
        provide_context(this);
        if !initial.is_available() {
            this.show_when_loaded(initial);
        }
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

    /// Switches the interface language; a locale whose table is not here yet is shown once
    /// it has been fetched, so the screen switches in one step rather than text by text.
    pub fn set_locale(self, locale: Locale) {
        self.chosen.set_value(locale);
        if locale.is_available() {
            self.locale.set(locale);
        } else {
            self.show_when_loaded(locale);
        }
    }

    fn show_when_loaded(self, locale: Locale) {
        leptos::task::spawn_local(async move {
            // Shown even if the fetch failed: the choice is kept, and texts without a table
            // are zh-CN's, never blank. Setting the signal again also redraws the texts when
            // the locale was already shown with zh-CN ones.
            let _ = load_messages(locale, SWITCH_WAIT_MS).await;
            if self.chosen.get_value() == locale {
                self.locale.set(locale);
            }
        });
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
