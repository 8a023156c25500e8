//! Components mounted in a real DOM: the app frame, the placeholder and the update banner; and
//! the save button's busy state, which follows a timer.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use casebook::components::form::{dispatch_save, local_action, saving_shown};
use casebook::components::{Placeholder, UpdateBanner};
use casebook::state::settings::LOCALE_STORAGE_KEY;
use futures::channel::oneshot;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::after_ms;

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

#[wasm_bindgen_test]
async fn a_save_tapped_twice_runs_once_and_looks_busy_only_once_it_is_slow() {
    let owner = Owner::new();
    owner.set();
    let runs = Rc::new(Cell::new(0));
    let (finish, finished) = oneshot::channel::<()>();
    let gate = Rc::new(RefCell::new(Some(finished)));
    let save = {
        let runs = runs.clone();
        local_action(move || {
            runs.set(runs.get() + 1);
            let gate = gate.borrow_mut().take();
            Box::pin(async move {
                if let Some(gate) = gate {
                    let _ = gate.await;
                }
            })
        })
    };
    let shown = saving_shown(save);
    dispatch_save(save);
    dispatch_save(save);
    leptos::task::tick().await;
    assert_eq!(
        runs.get(),
        1,
        "the second tap while saving must not save again"
    );
    assert!(save.pending().get_untracked());
    assert!(
        !shown.get_untracked(),
        "a save just started does not look busy yet"
    );
    // The busy state is a timed behaviour (150 ms), so the test waits past it.
    after_ms(300).await;
    assert!(
        shown.get_untracked(),
        "a save still running after 150 ms looks busy"
    );
    finish.send(()).expect("save waiting");
    for _ in 0..20 {
        if !save.pending().get_untracked() {
            break;
        }
        leptos::task::tick().await;
    }
    leptos::task::tick().await;
    assert!(!save.pending().get_untracked());
    assert!(
        !shown.get_untracked(),
        "a finished save no longer looks busy"
    );
    dispatch_save(save);
    leptos::task::tick().await;
    assert_eq!(runs.get(), 2, "once finished, the next tap saves again");
}

#[wasm_bindgen_test]
async fn a_save_whose_form_is_gone_before_its_busy_delay_leaves_no_error() {
    let errors = Rc::new(Cell::new(0));
    let on_error = {
        let errors = errors.clone();
        wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || errors.set(errors.get() + 1))
    };
    let window = web_sys::window().expect("window");
    window
        .add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref())
        .expect("listener");
    let owner = Owner::new();
    owner.set();
    let save = local_action(|| Box::pin(std::future::pending()));
    let shown = saving_shown(save);
    dispatch_save(save);
    leptos::task::tick().await;
    assert!(save.pending().get_untracked());
    // The page moves on (a successful save navigates away) before the busy delay ends.
    owner.cleanup();
    after_ms(300).await;
    assert_eq!(
        shown.try_get_untracked(),
        None,
        "the signal went with its owner"
    );
    assert_eq!(
        errors.get(),
        0,
        "the delay's timer must not touch what was disposed"
    );
    window
        .remove_event_listener_with_callback("error", on_error.as_ref().unchecked_ref())
        .expect("listener");
}

#[wasm_bindgen_test]
async fn the_virtual_list_paints_what_a_screen_shows_first_and_the_overscan_after() {
    use casebook::components::virtual_list::OVERSCAN;
    use casebook::components::VirtualList;

    const ROW: f64 = 96.0;
    const HEIGHT: f64 = 480.0;
    let document = document();
    let style = document.create_element("style").expect("create style");
    style.set_text_content(Some(&format!(
        ".vl-test .virtual-list {{ height: {HEIGHT}px; overflow-y: auto; }} .vl-test .row {{ height: {ROW}px; }}"
    )));
    document
        .head()
        .expect("head")
        .append_child(&style)
        .expect("append style");
    let root = container();
    root.set_class_name("vl-test");
    let items = RwSignal::new((0..500_usize).collect::<Vec<_>>());
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <VirtualList
                items=items
                row_height=ROW
                key=|i: &usize| *i
                row=|i: usize| view! { <div class="row" data-testid="vl-row">{i}</div> }
                label="rows"
            />
        }
    });
    leptos::task::tick().await;
    let rows = || {
        root.query_selector_all("[data-testid=vl-row]")
            .expect("query")
            .length() as usize
    };
    // Before anything is laid out the list assumes the screen's height and mounts no overscan.
    let screen = window().screen().expect("screen").height().expect("height") as f64;
    let first = rows();
    assert!(first > 0, "the first paint shows rows");
    assert!(
        first <= (screen / ROW).ceil() as usize,
        "{first} rows on the first paint for a {screen}px screen: no overscan"
    );
    // Once painted, the list's own height is known and the overscan below it is mounted.
    casebook::platform::after_next_paint().await;
    leptos::task::tick().await;
    let visible = (HEIGHT / ROW).ceil() as usize;
    assert_eq!(rows(), visible + OVERSCAN);
    // A new list keeps the overscan.
    items.set((1000..1500_usize).collect());
    leptos::task::tick().await;
    assert_eq!(rows(), visible + OVERSCAN);
    root.remove();
    style.remove();
}
