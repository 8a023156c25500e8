//! PURE. The domain core: mediation records and the rules that govern them.
//!
//! Invariants kept by everything below this module:
//! - no `leptos`, `web_sys`, `js_sys`, `wasm_bindgen`, clock or randomness: time and new ids
//!   are arguments (checked by `tests/native/tidy.rs`);
//! - domain types hold no translated text; the shell maps them to message keys.

pub mod ids;
pub mod time;

pub use ids::{DeviceId, IdError, MediatorId};
pub use time::Timestamp;
