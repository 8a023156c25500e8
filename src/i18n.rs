//! Message catalogue: the locales, the typed message keys and formatting of their placeholders.
//!
//! The tables are generated at build time from `src/i18n/locales/<locale>/*.json` by `build.rs`, which
//! fails the build when a key is missing from either locale. This module is pure: the reactive
//! "current locale" and the fetching of tables live in `state::i18n`.
//!
//! The wasm app compiles in zh-CN only and fetches the English table when it is first needed
//! ([`Locale::table_file`], [`Locale::install_table`]): most users never read it, and its
//! strings would otherwise be part of the first download. Until it is installed, English texts
//! are the zh-CN ones, never blank. Native builds (tests, tools) compile every table in.

#[cfg(target_arch = "wasm32")]
use std::sync::OnceLock;

pub mod vocab;
include!(concat!(env!("OUT_DIR"), "/i18n_keys.rs"));

/// The English table once fetched and installed; its strings live as long as the app.
#[cfg(target_arch = "wasm32")]
static FETCHED_EN: OnceLock<Box<[&'static str; KEY_COUNT]>> = OnceLock::new();

/// The zh-CN page texts once fetched and installed (see [`install_page_texts`]).
#[cfg(target_arch = "wasm32")]
static FETCHED_PAGES: OnceLock<Box<[&'static str]>> = OnceLock::new();

/// A zh-CN text the wasm app fetches with the pages that show it: only those pages render it,
/// and they wait for [`install_page_texts`]; anything else gets an ellipsis, never a blank.
#[cfg(target_arch = "wasm32")]
fn page_text(key: Key) -> &'static str {
    let pos = usize::from(PAGE_TEXT_POS[key as usize]);
    FETCHED_PAGES
        .get()
        .and_then(|texts| texts.get(pos).copied())
        .unwrap_or("\u{2026}")
}

/// Whether the zh-CN page texts are here (always, outside the wasm app).
pub fn page_texts_available() -> bool {
    #[cfg(target_arch = "wasm32")]
    return FETCHED_PAGES.get().is_some();
    #[cfg(not(target_arch = "wasm32"))]
    true
}

/// The zh-CN texts that only lazily loaded pages show (the procedure's step pages, the case
/// page, the intake and case forms, the set-up page): the wasm app fetches them from `pkg/`
/// ([`ZH_CN_PAGES_FILE`]) with those pages, which keeps about 4 KB (brotli) out of the first
/// download.
pub fn install_page_texts(json: &str) -> Result<(), TableError> {
    let texts = parse_texts(json, PAGE_TEXT_COUNT)?;
    #[cfg(target_arch = "wasm32")]
    if FETCHED_PAGES.get().is_none() {
        let texts: Vec<&'static str> = texts
            .into_iter()
            .map(|text| &*Box::leak(text.into_boxed_str()))
            .collect();
        let _ = FETCHED_PAGES.set(texts.into_boxed_slice());
    }
    #[cfg(not(target_arch = "wasm32"))]
    drop(texts);
    Ok(())
}

/// Why a fetched message table was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    /// Not a JSON array of strings.
    #[error("the message table is not a JSON array of strings")]
    NotAnArray,
    /// Written for a build with other keys.
    #[error("the message table has {found} texts, this build has {expected} keys")]
    WrongLength { expected: usize, found: usize },
    /// A text that is not a string, or is blank.
    #[error("text {0} of the message table is missing or blank")]
    BadText(usize),
}

/// Reads a fetched message table: a JSON array with one non-blank text per key, in key order
/// (what build.rs writes).
pub fn parse_table(json: &str) -> Result<Vec<String>, TableError> {
    parse_texts(json, KEY_COUNT)
}

/// Reads a JSON array of `expected` non-blank texts.
fn parse_texts(json: &str, expected: usize) -> Result<Vec<String>, TableError> {
    // Read through `Value`, whose parser the summary decoder already brings into the wasm.
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|_| TableError::NotAnArray)?;
    let serde_json::Value::Array(items) = value else {
        return Err(TableError::NotAnArray);
    };
    if items.len() != expected {
        return Err(TableError::WrongLength {
            expected,
            found: items.len(),
        });
    }
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| match item {
            serde_json::Value::String(text) if !text.trim().is_empty() => Ok(text),
            _ => Err(TableError::BadText(i)),
        })
        .collect()
}

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

    /// The message for `key` in this locale; zh-CN's while this locale's table is not installed.
    pub fn text(self, key: Key) -> &'static str {
        let text = self.table().unwrap_or(&ZH_CN)[key as usize];
        #[cfg(target_arch = "wasm32")]
        if text.is_empty() {
            return page_text(key);
        }
        text
    }

    fn table(self) -> Option<&'static [&'static str; KEY_COUNT]> {
        match self {
            Locale::ZhCn => Some(&ZH_CN),
            #[cfg(not(target_arch = "wasm32"))]
            Locale::En => Some(&EN),
            #[cfg(target_arch = "wasm32")]
            Locale::En => FETCHED_EN.get().map(|table| &**table),
        }
    }

    /// Whether this locale's own texts are available (a fetched table is once installed).
    pub fn is_available(self) -> bool {
        self.table().is_some()
    }

    /// The file in `pkg/` the wasm app fetches this locale's table from; `None` when the table
    /// is compiled in.
    pub fn table_file(self) -> Option<&'static str> {
        match self {
            Locale::ZhCn => None,
            Locale::En => Some(EN_TABLE_FILE),
        }
    }

    /// Installs a fetched table (the content of [`Locale::table_file`]). A refused table
    /// leaves the locale as it was; a table compiled into this build is kept.
    pub fn install_table(self, json: &str) -> Result<(), TableError> {
        let texts = parse_table(json)?;
        #[cfg(target_arch = "wasm32")]
        if self == Locale::En && FETCHED_EN.get().is_none() {
            let texts: Vec<&'static str> = texts
                .into_iter()
                .map(|text| &*Box::leak(text.into_boxed_str()))
                .collect();
            if let Ok(table) = texts.into_boxed_slice().try_into() {
                let _ = FETCHED_EN.set(table);
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        drop(texts);
        Ok(())
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
