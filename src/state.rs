//! App services wired into the reactive system; the only place where core calls meet signals.

pub mod directory;
pub mod i18n;
pub mod maintenance;
pub mod register;
pub mod search;
pub mod settings;
pub mod shell;

pub use i18n::I18n;
pub use register::RegisterState;
pub use settings::Settings;
pub use shell::ShellState;
