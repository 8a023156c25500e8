//! The English table fetched at run time: zh-CN texts until it is installed (never blank), a
//! table that cannot be fetched or read changes nothing, and a late fetch never undoes a later
//! choice of language.

use casebook::i18n::vocab::Message;
use casebook::i18n::{Key, Locale, ALL_KEYS, EN_TABLE_JSON};
use casebook::state::i18n::load_messages;
use casebook::state::I18n;
use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

// One test, because installing the table cannot be undone within the page.
#[wasm_bindgen_test]
async fn english_falls_back_to_chinese_until_its_table_is_installed() {
    assert!(
        !Locale::En.is_available(),
        "the wasm build must not compile English in"
    );
    for (key, name) in ALL_KEYS {
        assert_eq!(Locale::En.text(*key), Locale::ZhCn.text(*key), "{name}");
    }
    assert_eq!(
        Message::new(Key::AboutVersion)
            .with_text("version", "1.2.3")
            .render(Locale::En),
        "版本 1.2.3"
    );

    // The test server has no pkg/ directory: the fetch fails and nothing changes.
    assert!(!load_messages(Locale::En, 5_000).await);
    assert!(Locale::En.install_table("[\"Today\"]").is_err());
    assert!(!Locale::En.is_available());

    // Mounted, so the context has an owner and spawned tasks an executor.
    let root = document().create_element("div").expect("div");
    document()
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let slot = Rc::new(Cell::new(None));
    let provided = slot.clone();
    let _handle = leptos::mount::mount_to(root.unchecked_into(), move || {
        provided.set(Some(I18n::provide(Locale::ZhCn)));
    });
    let i18n: I18n = slot.get().expect("the context was provided");
    // English is asked for, then Chinese before English could arrive: Chinese stays.
    i18n.set_locale(Locale::En);
    i18n.set_locale(Locale::ZhCn);
    assert!(!load_messages(Locale::En, 5_000).await);
    settle().await;
    assert_eq!(i18n.locale(), Locale::ZhCn);
    // English that cannot be fetched is still shown as chosen, with Chinese texts.
    i18n.set_locale(Locale::En);
    wait_for(|| i18n.locale() == Locale::En).await;
    assert_eq!(i18n.t(Key::NavToday), "今日");

    assert_eq!(Locale::En.install_table(EN_TABLE_JSON), Ok(()));
    assert!(Locale::En.is_available());
    assert!(load_messages(Locale::En, 5_000).await);
    assert_eq!(i18n.t(Key::NavToday), "Today");
    assert_eq!(Locale::ZhCn.text(Key::NavToday), "今日");
    i18n.set_locale(Locale::ZhCn);
    assert_eq!(
        i18n.locale(),
        Locale::ZhCn,
        "an available table switches at once"
    );
}

/// Lets spawned tasks (the failed fetch of `set_locale`) finish.
async fn settle() {
    for _ in 0..20 {
        super::support::after_ms(0).await;
    }
}

async fn wait_for(done: impl Fn() -> bool) {
    for _ in 0..500 {
        if done() {
            return;
        }
        super::support::after_ms(0).await;
    }
    panic!("timed out");
}
