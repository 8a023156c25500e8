//! The message catalogue: both locales complete, placeholders filled, tags parsed.

use casebook::i18n::{Key, Locale, ALL_KEYS, KEY_COUNT};

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
