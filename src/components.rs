//! Reusable, presentational components: props in, callbacks out; no storage, no route table.

pub mod case_badges;
pub mod case_row;
pub mod choice_group;
pub mod empty_state;
pub mod fact_list;
pub mod field;
pub mod form;
pub mod history_entry;
pub mod nav_bar;
pub mod placeholder;
pub mod tab_bar;
pub mod update_banner;
pub mod virtual_list;

pub use case_badges::{RiskBadge, StatusBadge};
pub use case_row::{CaseRow, CaseRowData, CASE_ROW_HEIGHT};
pub use choice_group::{Choice, ChoiceGroup, ToggleButton};
pub use empty_state::EmptyState;
pub use fact_list::{Fact, FactList, FactValue};
pub use field::{FilterSelect, SelectField, SelectOption};
pub use form::{Field, FieldKind};
pub use history_entry::{HistoryEntry, HistoryItem};
pub use nav_bar::{NavBar, NavItem};
pub use placeholder::Placeholder;
pub use tab_bar::{Tab, TabBar};
pub use update_banner::UpdateBanner;
pub use virtual_list::VirtualList;
