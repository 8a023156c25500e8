//! Components mounted in a real DOM: the app frame, the placeholder and the update banner.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use casebook::components::{Placeholder, UpdateBanner};
use casebook::state::settings::LOCALE_STORAGE_KEY;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

fn container() -> web_sys::HtmlElement {
    let document = document();
    let div = document.create_element("div").expect("create div");
    document
        .body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div.unchecked_into()
}

fn text_of(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_app_mounts_in_chinese_with_every_navigation_entry() {
    LocalStorage::delete(LOCALE_STORAGE_KEY);
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), casebook::App);
    leptos::task::tick().await;
    assert_eq!(text_of(&root, "[data-testid=app-title]"), "调解台账");
    let links = root.query_selector_all(".nav-bar__link").expect("query");
    assert_eq!(links.length(), 4);
    assert!(text_of(&root, "[data-testid=nav-today]").contains("今日"));
    assert!(text_of(&root, "[data-testid=nav-settings]").contains("设置"));
    root.remove();
}

#[wasm_bindgen_test]
async fn the_placeholder_says_plainly_that_the_area_is_not_built() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        view! { <Placeholder badge="Not built yet" body="Cannot be used today." planned="Will list cases."/> }
    });
    leptos::task::tick().await;
    assert_eq!(text_of(&root, ".placeholder__badge"), "Not built yet");
    assert_eq!(text_of(&root, ".placeholder__planned"), "Will list cases.");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_update_banner_reports_which_button_was_pressed() {
    let root = container();
    let reloads = Arc::new(AtomicUsize::new(0));
    let laters = Arc::new(AtomicUsize::new(0));
    let (r, l) = (reloads.clone(), laters.clone());
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let (r, l) = (r.clone(), l.clone());
        view! {
            <UpdateBanner
                message="New version"
                reload_label="Reload"
                later_label="Later"
                on_reload=Callback::new(move |()| {
                    r.fetch_add(1, Ordering::SeqCst);
                })
                on_later=Callback::new(move |()| {
                    l.fetch_add(1, Ordering::SeqCst);
                })
            />
        }
    });
    leptos::task::tick().await;
    let buttons = root.query_selector_all("button").expect("query");
    assert_eq!(buttons.length(), 2);
    let reload: web_sys::HtmlElement = buttons.get(0).expect("reload").unchecked_into();
    reload.click();
    assert_eq!(
        (
            reloads.load(Ordering::SeqCst),
            laters.load(Ordering::SeqCst)
        ),
        (1, 0)
    );
    let later: web_sys::HtmlElement = buttons.get(1).expect("later").unchecked_into();
    later.click();
    assert_eq!(
        (
            reloads.load(Ordering::SeqCst),
            laters.load(Ordering::SeqCst)
        ),
        (1, 1)
    );
    root.remove();
}
