//! One module per route; pages are thin: they read state and compose components.

pub mod case_detail;
pub mod case_forms;
pub mod case_list;
pub mod case_procedure;
pub mod holiday_calendar;
pub mod intake;
pub mod lazy;
pub mod not_found;
pub mod placeholders;
pub mod procedure;
pub mod settings;
pub mod setup;
pub mod support;
pub mod today;

pub use case_detail::CaseDetailPage;
pub use case_forms::{AssignPage, ConvertPage, EditCasePage, PartiesPage, TriagePage};
pub use case_list::CaseListPage;
pub use intake::IntakePage;
pub use not_found::NotFoundPage;
pub use placeholders::SupervisorPage;
pub use procedure::StepPage;
pub use settings::SettingsPage;
pub use setup::SetUpPage;
pub use today::TodayPage;
