//! One module per route; pages are thin: they read state and compose components.

pub mod not_found;
pub mod placeholders;
pub mod settings;

pub use not_found::NotFoundPage;
pub use placeholders::{CasesPage, SupervisorPage, TodayPage};
pub use settings::SettingsPage;
