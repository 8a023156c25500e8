//! Settings persisted through gloo-storage (localStorage).

use casebook::i18n::Locale;
use casebook::state::settings::LOCALE_STORAGE_KEY;
use casebook::state::Settings;
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn the_chosen_locale_round_trips_through_local_storage() {
    LocalStorage::delete(LOCALE_STORAGE_KEY);
    assert_eq!(
        Settings::load_locale(),
        Locale::ZhCn,
        "zh-CN is the default"
    );
    assert!(Settings::save_locale(Locale::En));
    assert_eq!(Settings::load_locale(), Locale::En);
    assert!(Settings::save_locale(Locale::ZhCn));
    assert_eq!(Settings::load_locale(), Locale::ZhCn);
    LocalStorage::delete(LOCALE_STORAGE_KEY);
}

#[wasm_bindgen_test]
fn an_unreadable_saved_locale_falls_back_to_chinese() {
    LocalStorage::raw()
        .set_item(LOCALE_STORAGE_KEY, "not json")
        .expect("raw write");
    assert_eq!(Settings::load_locale(), Locale::ZhCn);
    LocalStorage::set(LOCALE_STORAGE_KEY, "fr").expect("write");
    assert_eq!(Settings::load_locale(), Locale::ZhCn);
    LocalStorage::delete(LOCALE_STORAGE_KEY);
}
