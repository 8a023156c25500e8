//! Entry point of the wasm app: installs the panic hook and mounts the app; declares no modules.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // index.html has already shown its "unsupported browser" page; mounting over it would hide it.
    let unsupported = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"casebookUnsupported".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    if unsupported {
        return;
    }
    let locale = casebook::state::Settings::load_locale();
    if locale.is_available() {
        mount(&document);
    } else {
        // A saved locale whose table is fetched (English): wait for it, briefly, so the first
        // screen does not appear in Chinese and then switch.
        wasm_bindgen_futures::spawn_local(async move {
            casebook::state::i18n::load_messages(
                locale,
                casebook::state::i18n::FIRST_SCREEN_WAIT_MS,
            )
            .await;
            mount(&document);
        });
    }
}

#[cfg(target_arch = "wasm32")]
fn mount(document: &web_sys::Document) {
    if let Some(boot) = document.get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(casebook::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    // The app only runs in a browser; natively the crate is a library for tests and tools.
    eprintln!("casebook is a web app: build it with `trunk build` (see README.md)");
}
