//! PURE. The persistent schema: store names, the schema version and the migrations between versions.
//!
//! Invariant: a migration is never edited once released; a schema change is a new, higher version
//! whose steps take a database of the previous version to the new one.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An object store of the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StoreName {
    /// Small records about the database and the device (device id, counters).
    Meta,
    /// The append-only event log: immutable, content-addressed events, keyed by case so that a
    /// case's history is one prefix scan (see [`event_key`]).
    Events,
    /// Each device's log in sequence order, pointing into `Events` (see [`device_log_key`]);
    /// inserting here is what detects a second event with the same device and sequence number.
    DeviceLog,
    /// Derived case summaries, rebuildable from events.
    Summaries,
    /// Half-filled forms, saved on every change.
    Drafts,
}

impl StoreName {
    /// Every store of the current schema.
    pub const ALL: [StoreName; 4] = [
        StoreName::Meta,
        StoreName::Events,
        StoreName::Summaries,
        StoreName::Drafts,
    ];

    /// The object-store name in IndexedDB.
    pub const fn as_str(self) -> &'static str {
        match self {
            StoreName::Meta => "meta",
            StoreName::Events => "events",
            StoreName::DeviceLog => "device_log",
            StoreName::Summaries => "summaries",
            StoreName::Drafts => "drafts",
        }
    }
}

impl fmt::Display for StoreName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The name of the IndexedDB database.
pub const DATABASE_NAME: &str = "casebook";

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

/// One step of a migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MigrationStep {
    /// Create an empty object store with out-of-line string keys.
    CreateStore(StoreName),
}

/// The steps that take a database of version `to - 1` to version `to`.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The version this migration produces.
    pub to: u32,
    /// Its steps, in order.
    pub steps: &'static [MigrationStep],
}

/// Every migration ever released, in version order.
pub const MIGRATIONS: &[Migration] = &[Migration {
    to: 1,
    steps: &[
        MigrationStep::CreateStore(StoreName::Meta),
        MigrationStep::CreateStore(StoreName::Events),
        MigrationStep::CreateStore(StoreName::DeviceLog),
        MigrationStep::CreateStore(StoreName::Summaries),
        MigrationStep::CreateStore(StoreName::Drafts),
    ],
}];

/// The steps to run when opening a database found at version `from` (0 for a new one).
pub fn migration_plan(from: u32) -> Vec<MigrationStep> {
    MIGRATIONS
        .iter()
        .filter(|m| m.to > from && m.to <= SCHEMA_VERSION)
        .flat_map(|m| m.steps.iter().copied())
        .collect()
}

/// Width of zero-padded sequence numbers in keys, so that string order is numeric order.
pub const SEQ_WIDTH: usize = 12;

/// Key of an event in [`StoreName::Events`]: `<subject>/<device>/<seq>`; the subject is the case
/// (or directory record) the event belongs to, so one prefix scan yields its whole history.
pub fn event_key(subject: &str, device: &str, seq: u64) -> String {
    format!("{subject}/{device}/{seq:0width$}", width = SEQ_WIDTH)
}

/// Prefix of every event key of one subject.
pub fn subject_prefix(subject: &str) -> String {
    format!("{subject}/")
}

/// Key of an entry in [`StoreName::DeviceLog`]: `<device>/<seq>`.
pub fn device_log_key(device: &str, seq: u64) -> String {
    format!("{device}/{seq:0width$}", width = SEQ_WIDTH)
}

/// Key in [`StoreName::Meta`] of this device's profile ([`DeviceRecord`]).
pub const META_DEVICE: &str = "device";

/// Key in [`StoreName::Meta`] of the end of this device's log ([`HeadRecord`]).
pub const META_HEAD: &str = "head";

/// Key in [`StoreName::Meta`] of the list head: the most recently changed case summaries (see
/// `domain::listing::LIST_HEAD_LEN`), so the case list can paint its first rows before the whole
/// summaries store is read. Derived data like the summaries, rewritten with every save.
pub const META_LIST_HEAD: &str = "list_head";

/// Version of [`DeviceRecord`] and [`HeadRecord`].
pub const META_RECORD_VERSION: u32 = 1;

/// This tablet's identity and set-up, chosen once by the director.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceRecord {
    /// Record version.
    pub v: u32,
    /// This device's id (random, made on first start).
    pub device: String,
    /// The mediator who uses this tablet.
    pub mediator: String,
    /// The committee the tablet belongs to.
    pub org_unit: String,
    /// The numbering slot 1–99 given by the director (case numbers slot*1000 + k).
    pub slot: u8,
}

/// Where this device's log ends, updated in the same transaction as every append.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadRecord {
    /// Record version.
    pub v: u32,
    /// The next sequence number.
    pub next_seq: u64,
    /// The id of the last event.
    pub prev: Option<String>,
    /// The time of the last event, ms since the epoch.
    pub last_at: Option<i64>,
}

/// Which kind of record an event is about; the first part of its key in [`StoreName::Events`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectKind {
    /// A case or lead.
    Case,
    /// An organisation unit.
    OrgUnit,
    /// A mediator.
    Mediator,
    /// A screening log.
    Screening,
    /// A day of the holiday calendar (subject id: the ISO date).
    Calendar,
}

impl SubjectKind {
    /// Every kind.
    pub const ALL: [SubjectKind; 5] = [
        SubjectKind::Case,
        SubjectKind::OrgUnit,
        SubjectKind::Mediator,
        SubjectKind::Screening,
        SubjectKind::Calendar,
    ];

    /// The key prefix of the kind.
    pub const fn prefix(self) -> &'static str {
        match self {
            SubjectKind::Case => "c:",
            SubjectKind::OrgUnit => "o:",
            SubjectKind::Mediator => "m:",
            SubjectKind::Screening => "s:",
            SubjectKind::Calendar => "k:",
        }
    }

    /// The subject part of an event key: kind prefix and record id.
    pub fn subject(self, id: &str) -> String {
        format!("{}{id}", self.prefix())
    }
}
