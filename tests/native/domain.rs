//! The domain core, natively: time and ids, the canonical event form, device chains, the fold,
//! commands and the lifecycle, case numbers, validation, conflict checks, summaries and search.

mod canonical;
mod case_number;
mod chain;
mod commands;
mod conflict;
mod deadlines;
mod entities;
mod fold;
mod procedure;
mod search;
mod sorting;
mod summary;
pub(super) mod support;
mod time_and_ids;
mod validate;
