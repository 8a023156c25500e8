//! The message catalogue: both locales complete, placeholders filled, tags parsed, and the
//! English table the wasm app fetches equal to the one compiled into native builds.

use casebook::i18n::{
    parse_table, Key, Locale, TableError, ALL_KEYS, EN_TABLE_FILE, EN_TABLE_JSON, KEY_COUNT,
};

#[test]
fn every_key_has_text_in_every_locale() {
    assert_eq!(ALL_KEYS.len(), KEY_COUNT);
    for locale in Locale::ALL {
        for (key, name) in ALL_KEYS {
            assert!(
                !locale.text(*key).trim().is_empty(),
                "{name} is empty in {}",
                locale.tag()
            );
        }
    }
}

#[test]
fn chinese_is_the_default_locale() {
    assert_eq!(Locale::default(), Locale::ZhCn);
    assert_eq!(Locale::default().text(Key::NavToday), "今日");
    assert_eq!(Locale::En.text(Key::NavToday), "Today");
}

#[test]
fn placeholders_are_filled_and_missing_ones_stay_visible() {
    let text = Locale::En.format(Key::AboutVersion, &[("version", "1.2.3")]);
    assert_eq!(text, "Version 1.2.3");
    let zh = Locale::ZhCn.format(Key::AboutVersion, &[("version", "1.2.3")]);
    assert_eq!(zh, "版本 1.2.3");
    let missing = Locale::En.format(Key::AboutVersion, &[]);
    assert_eq!(missing, "Version {version}");
}

#[test]
fn locale_tags_round_trip_and_variants_map() {
    for locale in Locale::ALL {
        assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
    }
    assert_eq!(Locale::from_tag("zh-Hans-CN"), Some(Locale::ZhCn));
    assert_eq!(Locale::from_tag("en-GB"), Some(Locale::En));
    assert_eq!(Locale::from_tag("fr"), None);
}

#[test]
fn byte_counts_use_the_locale_units() {
    assert_eq!(Locale::En.format_bytes(512.0), "512 B");
    assert_eq!(Locale::ZhCn.format_bytes(512.0), "512 字节");
    assert_eq!(Locale::En.format_bytes(1536.0), "1.5 KB");
    assert_eq!(
        Locale::En.format_bytes(10.0 * 1024.0 * 1024.0 * 1024.0),
        "10.0 GB"
    );
}

#[test]
fn the_fetched_english_table_holds_the_compiled_texts_in_key_order() {
    let texts = parse_table(EN_TABLE_JSON).expect("build.rs writes a valid table");
    assert_eq!(texts.len(), KEY_COUNT);
    for (key, name) in ALL_KEYS {
        assert_eq!(texts[*key as usize], Locale::En.text(*key), "{name}");
    }
    assert_eq!(Locale::En.install_table(EN_TABLE_JSON), Ok(()));
    assert!(Locale::En.is_available());
}

#[test]
fn only_english_is_fetched_and_its_file_name_carries_a_content_hash() {
    assert_eq!(Locale::ZhCn.table_file(), None);
    assert_eq!(Locale::En.table_file(), Some(EN_TABLE_FILE));
    let hash = EN_TABLE_FILE
        .strip_prefix("locale-en-")
        .and_then(|rest| rest.strip_suffix(".json"))
        .expect("locale-en-<hash>.json");
    // public/sw.js takes files named like this from the HTTP cache, as immutable.
    assert_eq!(hash.len(), 16);
    assert!(hash
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
}

#[test]
fn a_damaged_or_foreign_table_is_refused() {
    let texts = parse_table(EN_TABLE_JSON).expect("valid");
    let json = |texts: &[String]| serde_json::to_string(texts).expect("JSON");
    assert_eq!(parse_table(""), Err(TableError::NotAnArray));
    assert_eq!(parse_table("<!doctype html>"), Err(TableError::NotAnArray));
    assert_eq!(
        parse_table(&EN_TABLE_JSON[..EN_TABLE_JSON.len() / 2]),
        Err(TableError::NotAnArray)
    );
    assert_eq!(parse_table("{\"a\": \"b\"}"), Err(TableError::NotAnArray));
    assert_eq!(
        parse_table(&json(&texts[1..])),
        Err(TableError::WrongLength {
            expected: KEY_COUNT,
            found: KEY_COUNT - 1
        })
    );
    let mut blank = texts.clone();
    blank[3] = " ".to_owned();
    assert_eq!(parse_table(&json(&blank)), Err(TableError::BadText(3)));
    let with_number = EN_TABLE_JSON.replacen("[\"", "[7,\"", 1);
    let mut shifted: Vec<serde_json::Value> =
        serde_json::from_str(&with_number).expect("still JSON");
    shifted.pop();
    let shifted = serde_json::to_string(&shifted).expect("JSON");
    assert_eq!(parse_table(&shifted), Err(TableError::BadText(0)));
    assert!(Locale::En.install_table("[]").is_err());
}

#[test]
fn the_fetched_chinese_page_texts_are_the_procedure_files_texts_in_key_order() {
    use casebook::i18n::{
        install_page_texts, page_texts_available, PAGE_TEXT_COUNT, PAGE_TEXT_POS, ZH_CN_PAGES_FILE,
        ZH_CN_PAGES_JSON,
    };
    let texts: Vec<String> = serde_json::from_str(ZH_CN_PAGES_JSON).expect("a JSON array");
    assert_eq!(texts.len(), PAGE_TEXT_COUNT);
    assert!(
        texts.len() > 100,
        "the step pages' texts are fetched with them"
    );
    let mut seen = 0;
    for (key, name) in ALL_KEYS {
        let pos = PAGE_TEXT_POS[*key as usize];
        if pos == u16::MAX {
            continue;
        }
        assert_eq!(texts[usize::from(pos)], Locale::ZhCn.text(*key), "{name}");
        seen += 1;
    }
    assert_eq!(seen, PAGE_TEXT_COUNT, "each page text belongs to one key");
    // What the first screen and Today show is compiled in.
    for key in [Key::TodayDraftStep, Key::FormatDate, Key::NavToday] {
        assert_eq!(PAGE_TEXT_POS[key as usize], u16::MAX, "{key:?}");
    }
    assert!(ZH_CN_PAGES_FILE.starts_with("locale-zh-CN-pages-"));
    assert!(page_texts_available());
    assert_eq!(install_page_texts(ZH_CN_PAGES_JSON), Ok(()));
    assert!(install_page_texts("[\"too short\"]").is_err());
}
