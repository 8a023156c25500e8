//! Casebook (调解台账): an offline case register for people's mediators, as one crate.
//!
//! The crate has a pure core and a thin browser shell:
//! - **core** (`domain`, `bundle`, `storage::records`, `storage::memory`, `i18n`, `routes`):
//!   plain Rust, compiled and tested natively; no browser, clock or randomness inside.
//! - **shell** (`app`, `pages`, `components`, `state`, `platform`, `storage::indexed_db`):
//!   wasm32 only; loads data, calls the core, saves results, renders.
//!
//! See README.md, section ARCHITECTURE, for the code map and the invariants.

pub mod bundle;
pub mod domain;
pub mod i18n;
pub mod repo;
pub mod routes;
pub mod storage;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod state;

#[cfg(target_arch = "wasm32")]
pub use app::App;

/// The app's version, as in Cargo.toml.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
/// The build id: the commit the app was built from (`dev` outside a git checkout).
pub const BUILD_ID: &str = env!("CASEBOOK_BUILD_ID");
