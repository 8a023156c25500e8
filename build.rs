//! Build script: turns the locale files into typed, compile-time-checked message tables.
//!
//! Every key of the files in `src/i18n/locales/zh-CN/` must exist in `en/` and vice versa, with the
//! same `{placeholders}`; otherwise the build fails. Code names messages through the generated
//! `Key` enum, so a key that code uses but no locale defines is a compile error too.
//!
//! zh-CN is compiled into every build. The other locales are compiled into native builds only;
//! the wasm app fetches them on demand (`state::i18n`) from a content-hashed JSON file written
//! here, which `.ci/build-wasm.mjs` copies into `pkg/`: most users never read them, and their
//! strings would otherwise be downloaded before the first screen.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

const LOCALES: [(&str, &str); 2] = [("ZH_CN", "zh-CN"), ("EN", "en")];

/// Locale files whose zh-CN texts the wasm app fetches with the pages that show them (the
/// procedure's step pages, the case page, the forms and the set-up page) instead of compiling them in.
const PAGE_FILES: [&str; 1] = ["procedure.json"];

/// Reads every `*.json` file of `dir/<tag>/` into one table; a key defined twice fails the build.
/// Also returns the keys read from [`PAGE_FILES`].
fn read_locale(dir: &Path, tag: &str) -> (BTreeMap<String, String>, BTreeSet<String>) {
    let locale_dir = dir.join(tag);
    println!("cargo:rerun-if-changed={}", locale_dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&locale_dir)
        .unwrap_or_else(|e| panic!("cannot read locale directory {}: {e}", locale_dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut table = BTreeMap::new();
    let mut page_keys = BTreeSet::new();
    for path in files {
        let is_page_file = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| PAGE_FILES.contains(&n));
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read locale file {}: {e}", path.display()));
        let value: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("locale file {} is not valid JSON: {e}", path.display()));
        let object = value.as_object().unwrap_or_else(|| {
            panic!(
                "locale file {} must be one flat JSON object",
                path.display()
            )
        });
        for (k, v) in object {
            let s = v
                .as_str()
                .unwrap_or_else(|| panic!("{}: value of {k} must be a string", path.display()));
            if is_page_file {
                page_keys.insert(k.clone());
            }
            if table.insert(k.clone(), s.to_owned()).is_some() {
                panic!(
                    "{}: key {k} is defined twice in locale {tag}",
                    path.display()
                );
            }
        }
    }
    (table, page_keys)
}

fn placeholders(s: &str) -> Vec<&str> {
    let mut out: Vec<&str> = s
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect();
    out.sort_unstable();
    out
}

fn variant_name(key: &str) -> String {
    key.split(['.', '_', '-'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// 64-bit FNV-1a: a content hash for a file name, with no dependency.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn main() {
    let dir = Path::new("src/i18n/locales");
    let mut page_keys = BTreeSet::new();
    let tables: Vec<(&str, BTreeMap<String, String>)> = LOCALES
        .iter()
        .map(|(ident, tag)| {
            let (table, pages) = read_locale(dir, tag);
            if *ident == "ZH_CN" {
                page_keys = pages;
            }
            (*ident, table)
        })
        .collect();

    let (first_ident, first) = &tables[0];
    let mut problems = Vec::new();
    for (ident, table) in &tables[1..] {
        for key in first.keys().filter(|k| !table.contains_key(*k)) {
            problems.push(format!(
                "key `{key}` is in {first_ident} but missing from {ident}"
            ));
        }
        for key in table.keys().filter(|k| !first.contains_key(*k)) {
            problems.push(format!(
                "key `{key}` is in {ident} but missing from {first_ident}"
            ));
        }
        for (key, text) in table {
            if let Some(base) = first.get(key) {
                if placeholders(base) != placeholders(text) {
                    problems.push(format!("key `{key}` has different placeholders in {ident}"));
                }
            }
        }
    }
    for (ident, table) in &tables {
        for (key, text) in table {
            if text.trim().is_empty() {
                problems.push(format!("key `{key}` is empty in {ident}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "locale files disagree:\n  {}",
        problems.join("\n  ")
    );

    let mut out = String::new();
    out.push_str("/// A message key; one variant per key of the locale files.\n");
    out.push_str(
        "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\n#[repr(u16)]\npub enum Key {\n",
    );
    for key in first.keys() {
        let _ = writeln!(out, "    /// `{key}`\n    {},", variant_name(key));
    }
    out.push_str("}\n\n");
    let _ = writeln!(
        out,
        "/// Number of message keys.\npub const KEY_COUNT: usize = {};\n",
        first.len()
    );
    out.push_str("/// Every key with its dotted name, in table order.\npub const ALL_KEYS: &[(Key, &str)] = &[\n");
    for key in first.keys() {
        let _ = writeln!(out, "    (Key::{}, {key:?}),", variant_name(key));
    }
    out.push_str("];\n\n");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    // Tables of earlier builds: their names carry another hash, and the wasm build copies every
    // table it finds here.
    if let Ok(entries) = std::fs::read_dir(&out_dir) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with("locale-") && name.ends_with(".json") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    // The zh-CN page texts: fetched by the wasm app with the pages that show them.
    let page_texts: Vec<&str> = first
        .iter()
        .filter(|(k, _)| page_keys.contains(*k))
        .map(|(_, v)| v.as_str())
        .collect();
    let page_json = serde_json::to_string(&page_texts).expect("page texts as JSON");
    let page_file = format!(
        "locale-zh-CN-pages-{:016x}.json",
        fnv1a(page_json.as_bytes())
    );
    let page_path = Path::new(&out_dir).join(&page_file);
    std::fs::write(&page_path, &page_json).expect("write the page texts");
    let mut next = 0u16;
    let positions: Vec<String> = first
        .keys()
        .map(|k| {
            if page_keys.contains(k) {
                next += 1;
                (next - 1).to_string()
            } else {
                "u16::MAX".to_owned()
            }
        })
        .collect();
    let _ = writeln!(
        out,
        "/// File name (in `pkg/`) of the zh-CN page texts the wasm app fetches.\n\
         pub const ZH_CN_PAGES_FILE: &str = {page_file:?};\n\
         /// The content of that file (for tests).\n\
         #[doc(hidden)]\n\
         pub const ZH_CN_PAGES_JSON: &str = include_str!({:?});\n\
         /// Number of page texts.\n\
         pub const PAGE_TEXT_COUNT: usize = {};\n\
         /// Each key's position among the page texts; `u16::MAX` for a text compiled in.\n\
         pub const PAGE_TEXT_POS: [u16; KEY_COUNT] = [{}];\n",
        page_path.display().to_string(),
        page_texts.len(),
        positions.join(", ")
    );
    for (i, (ident, table)) in tables.iter().enumerate() {
        if i > 0 {
            // Fetched by the wasm app: a JSON array of the texts in key order, named by a hash
            // of its content, so a cached copy can never belong to another build.
            let texts: Vec<&str> = table.values().map(String::as_str).collect();
            let json = serde_json::to_string(&texts).expect("locale table as JSON");
            let tag = LOCALES[i].1;
            let file = format!("locale-{tag}-{:016x}.json", fnv1a(json.as_bytes()));
            let path = Path::new(&out_dir).join(&file);
            std::fs::write(&path, &json).expect("write the fetched locale table");
            let _ = writeln!(
                out,
                "/// File name (in `pkg/`) of the {tag} table the wasm app fetches.\n\
                 pub const {ident}_TABLE_FILE: &str = {file:?};\n\
                 /// The content of that file; a `const`, so only code that uses it (tests) holds it.\n\
                 #[doc(hidden)]\n\
                 pub const {ident}_TABLE_JSON: &str = include_str!({:?});\n",
                path.display().to_string()
            );
            out.push_str("#[cfg(not(target_arch = \"wasm32\"))]\n");
        }
        if i == 0 {
            out.push_str("#[cfg(not(target_arch = \"wasm32\"))]\n");
        }
        let _ = writeln!(out, "pub(crate) static {ident}: [&str; KEY_COUNT] = [");
        for text in table.values() {
            let _ = writeln!(out, "    {text:?},");
        }
        out.push_str("];\n\n");
        if i == 0 {
            // The wasm app's zh-CN table leaves the page texts empty (they are fetched).
            out.push_str("#[cfg(target_arch = \"wasm32\")]\n");
            let _ = writeln!(out, "pub(crate) static {ident}: [&str; KEY_COUNT] = [");
            for (key, text) in table {
                let text = if page_keys.contains(key) { "" } else { text };
                let _ = writeln!(out, "    {text:?},");
            }
            out.push_str("];\n\n");
        }
    }
    std::fs::write(Path::new(&out_dir).join("i18n_keys.rs"), out).expect("write i18n_keys.rs");

    // The build id shown in About: the commit the app was built from, when there is one.
    let build_id = std::env::var("CASEBOOK_BUILD_ID")
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| {
            Command::new("git")
                .args(["rev-parse", "--short=10", "HEAD"])
                .output()
                .ok()
                .filter(|o| o.status.success())
                .and_then(|o| String::from_utf8(o.stdout).ok())
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "dev".to_owned())
        });
    println!("cargo:rustc-env=CASEBOOK_BUILD_ID={build_id}");
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/refs/heads");
    println!("cargo:rerun-if-env-changed=CASEBOOK_BUILD_ID");
}
