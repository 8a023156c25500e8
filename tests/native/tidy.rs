//! Tidy rules: the core stays pure, every module says what it owns, and pre-wasm text is translated.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The functional core: these files must not reach the browser, the clock or randomness.
fn core_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![
        root.join("domain.rs"),
        root.join("bundle.rs"),
        root.join("storage/records.rs"),
        root.join("storage/memory.rs"),
        root.join("i18n.rs"),
        root.join("routes.rs"),
        root.join("repo.rs"),
        root.join("i18n/vocab.rs"),
    ];
    files.extend(rust_files(&root.join("domain")));
    files.extend(rust_files(&root.join("bundle")));
    files
}

/// Strips `//` comments so that prose about the rules does not trip them.
fn code_only(source: &str) -> String {
    source
        .lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const FORBIDDEN_IN_CORE: &[&str] = &[
    "leptos",
    "web_sys",
    "js_sys",
    "wasm_bindgen",
    "gloo",
    "idb::",
    "SystemTime",
    "Instant::now",
    "Utc::now",
    "Local::now",
    "Date::now",
    "chrono::offset::Local",
    "new_v4",
    "thread_rng",
    "rand::",
    "getrandom",
    "OsRng",
];

#[test]
fn core_modules_do_not_touch_the_browser_clock_or_randomness() {
    let mut violations = Vec::new();
    for file in core_files() {
        let source = fs::read_to_string(&file).expect("read core file");
        let code = code_only(&source);
        for needle in FORBIDDEN_IN_CORE {
            if code.contains(needle) {
                violations.push(format!("{} uses `{needle}`", file.display()));
            }
        }
    }
    assert!(
        violations.is_empty(),
        "impure core:\n{}",
        violations.join("\n")
    );
}

#[test]
fn the_purity_check_sees_violations() {
    // Guards the guard: a line that imports leptos must be caught, a comment about it must not.
    let bad = code_only("use leptos::prelude::*;\n");
    let fine = code_only("// the core never uses leptos\nfn f() {}\n");
    assert!(FORBIDDEN_IN_CORE.iter().any(|n| bad.contains(n)));
    assert!(!FORBIDDEN_IN_CORE.iter().any(|n| fine.contains(n)));
}

#[test]
fn core_files_exist() {
    for file in core_files() {
        assert!(
            file.exists(),
            "{} is listed as core but missing",
            file.display()
        );
    }
}

#[test]
fn every_module_starts_with_a_module_doc_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = rust_files(&root.join("src"));
    files.extend(rust_files(&root.join("tests")));
    files.push(root.join("build.rs"));
    let missing: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = fs::read_to_string(f).unwrap_or_default();
            !text.trim_start().starts_with("//!")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "files without a leading //! line:\n{}",
        missing.join("\n")
    );
}

fn locale(tag: &str) -> serde_json::Map<String, serde_json::Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("src/i18n/locales/{tag}"));
    let mut table = serde_json::Map::new();
    for entry in fs::read_dir(dir).expect("read locale dir") {
        let text = fs::read_to_string(entry.expect("entry").path()).expect("read locale");
        match serde_json::from_str(&text).expect("parse locale") {
            serde_json::Value::Object(map) => table.extend(map),
            _ => panic!("locale file is not an object"),
        }
    }
    table
}

#[test]
fn index_html_boot_messages_equal_the_locale_files() {
    // index.html shows these before wasm runs (or when it cannot run), outside the i18n tables.
    let html = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("index.html"))
        .expect("read index.html");
    let start = html
        .find("<script id=\"boot-messages\" type=\"application/json\">")
        .expect("boot-messages block");
    let rest = &html[start..];
    let json_start = rest.find('>').expect("tag end") + 1;
    let json_end = rest.find("</script>").expect("script end");
    let boot: serde_json::Value =
        serde_json::from_str(rest[json_start..json_end].trim()).expect("boot JSON");
    for tag in ["zh-CN", "en"] {
        let table = locale(tag);
        let messages = boot[tag].as_object().expect("boot messages for locale");
        assert!(!messages.is_empty());
        for (key, text) in messages {
            assert_eq!(
                table.get(key),
                Some(text),
                "boot message {key} in {tag} differs from the locale file"
            );
        }
        let loading = table["app.loading"].as_str().expect("string");
        assert!(
            html.contains(&format!("<span lang=\"{tag}\">{loading}</span>")),
            "boot text for {tag}"
        );
    }
}

#[test]
fn view_code_has_no_cjk_literals_outside_the_locale_files() {
    // User-visible text goes through the i18n layer; Chinese text in Rust source means a string
    // bypassed it. (Navigation glyphs are decorative and listed explicitly.)
    let allowed = ["\"今\"", "\"案\"", "\"督\"", "\"设\""];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offenders = Vec::new();
    for file in rust_files(&root) {
        let code = code_only(&fs::read_to_string(&file).expect("read"));
        for (n, line) in code.lines().enumerate() {
            let mut line = line.to_owned();
            for a in allowed {
                line = line.replace(a, "");
            }
            if line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                offenders.push(format!("{}:{}", file.display(), n + 1));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "CJK text outside locale files:\n{}",
        offenders.join("\n")
    );
}

/// Pages that show a save's refusal must fetch the zh-CN page texts with their code: some
/// refusals (`vocab::command_error`) are page texts, which would otherwise read "…".
#[test]
fn every_lazily_loaded_page_that_can_show_a_refusal_fetches_the_page_texts() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/pages");
    let lazy = fs::read_to_string(src.join("lazy.rs")).expect("lazy.rs");
    // Each `lazy_page!(…)` invocation: its route and whether it says `texts = true`.
    let pages: Vec<(&str, bool)> = lazy
        .split("lazy_page!(")
        .skip(1)
        .filter_map(|call| {
            let body = &call[..call.find("\n);")?];
            let route = body.split("=>").next()?.split_whitespace().last()?;
            Some((route, body.contains("texts = true")))
        })
        .collect();
    assert!(pages.len() >= 10, "lazy_page! calls not found: {pages:?}");
    let without: Vec<&str> = pages.iter().filter(|p| !p.1).map(|p| p.0).collect();
    // The routes that do without, and the files of their pages: none may show a refusal.
    assert_eq!(without, ["SupervisorRoute", "SettingsRoute"]);
    for file in ["placeholders.rs", "settings.rs"] {
        let code = code_only(&fs::read_to_string(src.join(file)).expect("page file"));
        for call in ["repo_error", "command_error", "step_action"] {
            assert!(
                !code.contains(call),
                "pages/{file} calls {call} but its route fetches no page texts"
            );
        }
    }
}
