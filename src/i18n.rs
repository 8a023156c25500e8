//! Message catalogue: the locales, the typed message keys and formatting of their placeholders.
//!
//! The tables are generated at build time from `src/i18n/locales/<locale>/*.json` by `build.rs`, which
//! fails the build when a key is missing from either locale. This module is pure: the reactive
//! "current locale" lives in `state::i18n`.

pub mod vocab;
include!(concat!(env!("OUT_DIR"), "/i18n_keys.rs"));

/// A user-interface language. zh-CN is the default: most users read Chinese first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    /// Simplified Chinese, the default.
    #[default]
    ZhCn,
    /// English.
    En,
}

impl Locale {
    /// Every locale, in the order the language picker shows them.
    pub const ALL: [Locale; 2] = [Locale::ZhCn, Locale::En];

    /// The BCP 47 tag, used for `<html lang>`, `Intl` and persisted settings.
    pub const fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }

    /// Parses a BCP 47 tag; any `zh*` tag maps to zh-CN and any `en*` to en.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let lower = tag.to_ascii_lowercase();
        if lower == "zh" || lower.starts_with("zh-") {
            Some(Locale::ZhCn)
        } else if lower == "en" || lower.starts_with("en-") {
            Some(Locale::En)
        } else {
            None
        }
    }

    /// The message for `key` in this locale.
    pub fn text(self, key: Key) -> &'static str {
        let table = match self {
            Locale::ZhCn => &ZH_CN,
            Locale::En => &EN,
        };
        table[key as usize]
    }

    /// The message for `key` with each `{name}` replaced by its value from `args`.
    ///
    /// A placeholder without a value stays as written, so a missing argument is visible on
    /// screen and in tests rather than silently blank.
    pub fn format(self, key: Key, args: &[(&str, &str)]) -> String {
        let template = self.text(key);
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match args.iter().find(|(n, _)| *n == name) {
                        Some((_, value)) => out.push_str(value),
                        None => {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// A byte count for people: "1.5 MB", using this locale's unit messages.
    pub fn format_bytes(self, bytes: f64) -> String {
        const KIB: f64 = 1024.0;
        let (key, scaled) = if bytes < KIB {
            (Key::UnitBytes, None)
        } else if bytes < KIB * KIB {
            (Key::UnitKib, Some(bytes / KIB))
        } else if bytes < KIB * KIB * KIB {
            (Key::UnitMib, Some(bytes / KIB / KIB))
        } else {
            (Key::UnitGib, Some(bytes / KIB / KIB / KIB))
        };
        // Formatted through integers: float formatting would pull about 10 KB of code into the
        // wasm for this one figure.
        let value = match scaled {
            None => (bytes.max(0.0).round() as u64).to_string(),
            Some(x) => {
                let tenths = (x * 10.0).round() as u64;
                format!("{}.{}", tenths / 10, tenths % 10)
            }
        };
        self.format(key, &[("n", &value)])
    }
}
