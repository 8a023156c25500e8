//! PURE. The domain core: mediation records and the rules that govern them.
//!
//! Invariants kept by everything below this module:
//! - no `leptos`, `web_sys`, `js_sys`, `wasm_bindgen`, clock or randomness: time and new ids
//!   are arguments (checked by `tests/native/tidy.rs`);
//! - domain types hold no translated text; the shell maps them to message keys;
//! - domain types are not `Serialize`: the stored and hashed form is defined in `wire` alone
//!   (and documented in docs/events.md), drafts being the one deliberate exception.
//!
//! Map: `event` (the append-only log) → `fold` (state from events) ← `command` (events from
//! intentions, guarded by `lifecycle` and `validate`); `case_number`, `search`, `conflict` and
//! `summary` are pure services over the resulting state.

pub mod agenda;
pub mod calendar;
pub mod canonical;
pub mod case;
pub mod case_number;
pub mod case_state;
pub mod chain;
pub mod codes;
pub mod command;
pub mod conflict;
pub mod contact;
pub mod deadline;
pub mod dispute;
pub mod event;
pub mod fold;
pub mod holidays;
pub mod ids;
pub mod lead;
pub mod lifecycle;
pub mod listing;
pub mod money;
pub mod org;
pub mod party;
pub mod procedure;
pub mod screening;
pub mod search;
pub mod sorting;
pub mod summary;
pub mod time;
pub mod validate;
pub mod wire;

pub use calendar::Calendar;
pub use case_number::{allocate_case_number, CaseNumber, NumberingSlot};
pub use case_state::CaseState;
pub use command::{
    decide, decide_directory, decide_with_calendar, CaseCommand, CommandContext, CommandError,
};
pub use event::{CaseEvent, ChainHead, Event, EventBody, UnsealedEvent};
pub use fold::{fold_case, fold_cases, fold_directory, Directory};
pub use ids::{
    AgreementId, CaseId, DeviceId, EventId, EventIdError, IdError, MediatorId, OrgUnitId, PartyId,
    ReferralId, ScreeningId, SessionId,
};
pub use lifecycle::{Rule, Status, Transition};
pub use money::Fen;
pub use search::SearchIndex;
pub use summary::CaseSummary;
pub use time::{Date, Timestamp};
pub use validate::{FieldError, FieldErrorCode};
pub use wire::{parse_event_json, EventParseError};
