//! Reusable, presentational components: props in, callbacks out; no storage, no route table.

pub mod field;
pub mod nav_bar;
pub mod placeholder;
pub mod update_banner;
pub mod virtual_list;

pub use field::{SelectField, SelectOption, TextField};
pub use nav_bar::{NavBar, NavItem};
pub use placeholder::Placeholder;
pub use update_banner::UpdateBanner;
pub use virtual_list::VirtualList;
