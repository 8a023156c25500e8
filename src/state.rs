//! App services wired into the reactive system; the only place where core calls meet signals.

pub mod i18n;
pub mod settings;
pub mod shell;

pub use i18n::I18n;
pub use settings::Settings;
pub use shell::ShellState;
