//! Browser test binary (wasm32, headless Chromium): IndexedDB, gloo-storage and components.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod browser {
    mod components;
    mod i18n;
    mod indexed_db;
    mod platform;
    mod register;
    mod settings;
    mod support;
}
