//! Reusable, presentational components: props in, callbacks out; no storage, no route table.

pub mod nav_bar;
pub mod placeholder;
pub mod update_banner;

pub use nav_bar::{NavBar, NavItem};
pub use placeholder::Placeholder;
pub use update_banner::UpdateBanner;
