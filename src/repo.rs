//! The case register's persistence: every command becomes one storage transaction, and the
//! screens' data (profile, summaries, directory, a case's history, drafts) is loaded from it.
//!
//! Invariants:
//! - events are only ever inserted; the device log entry, the chain head and the derived summary
//!   are written in the same transaction, so a failed save leaves no trace and a saved one is
//!   complete;
//! - summaries are derived data: [`Repo::rebuild_summaries`] recomputes them from the events;
//! - generic over [`StoragePort`] and free of browser APIs, so it is tested natively on memory.

use std::cell::RefCell;

use crate::domain::calendar::Calendar;
use crate::domain::case_number::{
    allocate_case_number, CaseNumber, CaseNumberError, NumberingSlot,
};
use crate::domain::command::{
    decide_directory, decide_with_calendar, CaseCommand, CommandContext, CommandError,
    DirectoryCommand,
};
use crate::domain::listing::ListHead;
use crate::domain::org::{Mediator, OrgUnit};
use crate::domain::summary::CaseSummary;
use crate::domain::wire::{
    parse_directory_event_json_unverified, parse_event_json_unverified, EventParseError,
};
use crate::domain::{
    fold_case, fold_directory, CaseId, CaseState, ChainHead, DeviceId, Directory, Event, EventBody,
    EventId, MediatorId, OrgUnitId, Timestamp,
};
use crate::storage::records::{
    device_log_key, event_key, subject_prefix, DeviceRecord, HeadRecord, SubjectKind, META_DEVICE,
    META_HEAD, META_LIST_HEAD, META_RECORD_VERSION,
};
use crate::storage::{StorageError, StoragePort, StoreName, WriteBatch};

/// Why a repository operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RepoError {
    /// The storage refused or failed; nothing was written.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The command was refused by the rules; nothing was written.
    #[error(transparent)]
    Command(#[from] CommandError),
    /// No case number is left, or the committee has no number prefix.
    #[error(transparent)]
    CaseNumber(#[from] CaseNumberError),
    /// The tablet has not been set up yet.
    #[error("this device is not set up")]
    NotSetUp,
    /// The register is still being read, and the action needs all of it.
    #[error("the register is still loading")]
    StillLoading,
    /// The case does not exist on this device.
    #[error("no such case")]
    CaseNotFound,
    /// A stored record could not be read back.
    #[error("stored record {key} is unreadable: {detail}")]
    Corrupt {
        /// The record's key.
        key: String,
        /// What was wrong.
        detail: String,
    },
}

/// This tablet's set-up, as the shell needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceProfile {
    /// This device.
    pub device: DeviceId,
    /// The mediator using it.
    pub mediator: MediatorId,
    /// Its committee.
    pub org_unit: OrgUnitId,
    /// Its numbering slot.
    pub slot: NumberingSlot,
}

/// What a saved command produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The new events, in order.
    pub events: Vec<Event>,
    /// The case after them.
    pub state: CaseState,
    /// Its new summary (already stored).
    pub summary: CaseSummary,
}

/// A case with its whole history, as loaded for the detail screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedCase {
    /// The folded state.
    pub state: CaseState,
    /// Every event, in the fold's order (the history tab lists them).
    pub events: Vec<Event>,
}

/// The case register over a storage port.
#[derive(Debug)]
pub struct Repo<S> {
    storage: S,
    /// The holiday calendar that commands and summaries count working days and moved last
    /// days on: the shipped one until the shell sets the directory's (with its local changes).
    calendar: RefCell<Calendar>,
    /// This device's chain head and the list head as this repository last wrote them, so a
    /// save needs no read of either (each read is an IndexedDB round trip, tens of
    /// milliseconds on a slow tablet). Another writer on the same device (a second tab) makes
    /// the cached head stale: its device-log insert then conflicts, the batch fails whole, and
    /// the save is decided again from storage.
    cache: RefCell<WriteCache>,
}

/// What [`Repo::execute_all`] wrote last (see [`Repo::cache`]).
#[derive(Debug, Default)]
struct WriteCache {
    head: Option<ChainHead>,
    list_head: Option<ListHead>,
}

fn corrupt(key: &str, detail: impl ToString) -> RepoError {
    RepoError::Corrupt {
        key: key.to_owned(),
        detail: detail.to_string(),
    }
}

fn subject_of(body: &EventBody) -> String {
    match body {
        EventBody::Case { case, .. } => SubjectKind::Case.subject(case.as_str()),
        EventBody::OrgUnit { unit, .. } => SubjectKind::OrgUnit.subject(unit.as_str()),
        EventBody::Mediator { mediator, .. } => SubjectKind::Mediator.subject(mediator.as_str()),
        EventBody::Screening { screening, .. } => {
            SubjectKind::Screening.subject(screening.as_str())
        }
        EventBody::Calendar { date, .. } => SubjectKind::Calendar.subject(&date.to_string()),
    }
}

fn head_record(head: &ChainHead) -> HeadRecord {
    HeadRecord {
        v: META_RECORD_VERSION,
        next_seq: head.next_seq,
        prev: head.prev.as_ref().map(|id| id.as_str().to_owned()),
        last_at: head.last_at.map(Timestamp::as_millis),
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Serialising these plain records cannot fail: they hold only strings and integers.
    serde_json::to_string(value).unwrap_or_default()
}

/// Adds `events` to `batch`: each event, its device-log entry, and the new chain head.
fn append_events(mut batch: WriteBatch, events: &[Event]) -> WriteBatch {
    for event in events {
        let subject = subject_of(event.body());
        let device = event.device().as_str();
        batch = batch
            .insert(
                StoreName::Events,
                event_key(&subject, device, event.seq()),
                event.to_json(),
            )
            .insert(
                StoreName::DeviceLog,
                device_log_key(device, event.seq()),
                subject,
            );
    }
    if let Some(last) = events.last() {
        batch = batch.put(
            StoreName::Meta,
            META_HEAD,
            to_json(&head_record(&ChainHead::after(last))),
        );
    }
    batch
}

impl<S: StoragePort> Repo<S> {
    /// A repository over `storage`.
    pub fn new(storage: S) -> Self {
        Self {
            storage,
            calendar: RefCell::new(Calendar::shipped()),
            cache: RefCell::new(WriteCache::default()),
        }
    }

    /// Uses `calendar` from now on (the shell passes the directory's after every change).
    pub fn set_calendar(&self, calendar: Calendar) {
        *self.calendar.borrow_mut() = calendar;
    }

    /// The storage port (tests count its transactions).
    pub fn storage(&self) -> &S {
        &self.storage
    }

    /// This tablet's profile, `None` before set-up.
    pub async fn load_profile(&self) -> Result<Option<DeviceProfile>, RepoError> {
        let Some(text) = self.storage.get(StoreName::Meta, META_DEVICE).await? else {
            return Ok(None);
        };
        let record: DeviceRecord =
            serde_json::from_str(&text).map_err(|e| corrupt(META_DEVICE, e))?;
        let profile = DeviceProfile {
            device: DeviceId::parse(&record.device).map_err(|e| corrupt(META_DEVICE, e))?,
            mediator: MediatorId::parse(&record.mediator).map_err(|e| corrupt(META_DEVICE, e))?,
            org_unit: OrgUnitId::parse(&record.org_unit).map_err(|e| corrupt(META_DEVICE, e))?,
            slot: NumberingSlot::new(record.slot).map_err(|e| corrupt(META_DEVICE, e))?,
        };
        Ok(Some(profile))
    }

    /// Where this device's log ends.
    pub async fn load_head(&self) -> Result<ChainHead, RepoError> {
        let Some(text) = self.storage.get(StoreName::Meta, META_HEAD).await? else {
            return Ok(ChainHead::genesis());
        };
        let record: HeadRecord = serde_json::from_str(&text).map_err(|e| corrupt(META_HEAD, e))?;
        let prev = record
            .prev
            .as_deref()
            .map(EventId::parse)
            .transpose()
            .map_err(|e| corrupt(META_HEAD, e))?;
        let head = ChainHead {
            next_seq: record.next_seq,
            prev,
            last_at: record.last_at.map(Timestamp::from_millis),
        };
        self.cache
            .borrow_mut()
            .head
            .get_or_insert_with(|| head.clone());
        Ok(head)
    }

    /// Sets the tablet up: saves its committee and mediator records as events and its profile,
    /// in one transaction. Used once, on first start (or to change the set-up later).
    pub async fn set_up(
        &self,
        device: DeviceId,
        slot: NumberingSlot,
        org_unit: OrgUnit,
        mediator: Mediator,
        now: Timestamp,
    ) -> Result<DeviceProfile, RepoError> {
        let head = self.load_head().await?;
        let profile = DeviceProfile {
            device: device.clone(),
            mediator: mediator.id.clone(),
            org_unit: org_unit.id.clone(),
            slot,
        };
        let mut ctx = CommandContext {
            author: mediator.id.clone(),
            device,
            head,
            now,
        };
        let unit_event = decide_directory(DirectoryCommand::SaveOrgUnit(org_unit), &ctx)?;
        ctx.head = ChainHead::after(&unit_event);
        let mediator_event = decide_directory(DirectoryCommand::SaveMediator(mediator), &ctx)?;
        let record = DeviceRecord {
            v: META_RECORD_VERSION,
            device: profile.device.as_str().to_owned(),
            mediator: profile.mediator.as_str().to_owned(),
            org_unit: profile.org_unit.as_str().to_owned(),
            slot: slot.get(),
        };
        let batch = append_events(WriteBatch::new(), &[unit_event, mediator_event]).put(
            StoreName::Meta,
            META_DEVICE,
            to_json(&record),
        );
        self.forget_writes();
        self.storage.commit(batch).await?;
        Ok(profile)
    }

    /// Records a directory change (a mediator, a unit, a screening log) in one transaction.
    pub async fn save_directory(
        &self,
        profile: &DeviceProfile,
        command: DirectoryCommand,
        now: Timestamp,
    ) -> Result<Event, RepoError> {
        // The directory event moves this device's chain head.
        self.forget_writes();
        let ctx = self.context(profile, now).await?;
        let event = decide_directory(command, &ctx)?;
        self.storage
            .commit(append_events(
                WriteBatch::new(),
                std::slice::from_ref(&event),
            ))
            .await?;
        Ok(event)
    }

    /// Every case summary, for the list and the search index. Unreadable ones are returned
    /// as errors beside the readable ones, never silently dropped.
    pub async fn load_summaries(&self) -> Result<(Vec<CaseSummary>, Vec<RepoError>), RepoError> {
        let rows = self
            .storage
            .scan_prefix(StoreName::Summaries, "", None)
            .await?;
        Ok(Self::parse_summary_rows(&rows))
    }

    /// One page of the stored summaries as `(key, text)`, unparsed, after the key `after`: the
    /// shell reads a 10 000-case register page by page, so no step of it is a long task.
    pub async fn load_summary_page(
        &self,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<(String, String)>, RepoError> {
        Ok(self
            .storage
            .scan_after(StoreName::Summaries, "", after, Some(limit))
            .await?)
    }

    /// Parses stored summaries; each unreadable one becomes an error beside the readable ones.
    pub fn parse_summary_rows(rows: &[(String, String)]) -> (Vec<CaseSummary>, Vec<RepoError>) {
        let mut summaries = Vec::with_capacity(rows.len());
        let mut problems = Vec::new();
        for (key, text) in rows {
            match CaseSummary::from_json(text) {
                Ok(summary) => summaries.push(summary),
                Err(e) => problems.push(corrupt(key, e)),
            }
        }
        (summaries, problems)
    }

    /// The list head (see [`ListHead`]). It is derived data for a fast first paint, so a
    /// missing or unreadable head is simply empty: the full read that follows shows every case
    /// anyway, and [`Repo::store_list_head`] repairs it.
    pub async fn load_list_head(&self) -> Result<ListHead, RepoError> {
        let text = self.storage.get(StoreName::Meta, META_LIST_HEAD).await?;
        let head = text
            .and_then(|t| ListHead::from_json(&t).ok())
            .unwrap_or_default();
        // What storage holds now is what the next save starts from (see `Repo::cache`).
        self.cache
            .borrow_mut()
            .list_head
            .get_or_insert_with(|| head.clone());
        Ok(head)
    }

    /// The list head's summaries, most recent first (empty if any is unreadable).
    pub async fn load_list_head_summaries(&self) -> Result<Vec<CaseSummary>, RepoError> {
        Ok(self.load_list_head().await?.summaries().unwrap_or_default())
    }

    /// Rewrites the list head (after a full read found the stored one stale).
    pub async fn store_list_head(&self, head: &ListHead) -> Result<(), RepoError> {
        self.forget_writes();
        let head = head.to_json();
        Ok(self
            .storage
            .commit(WriteBatch::new().put(StoreName::Meta, META_LIST_HEAD, head))
            .await?)
    }

    async fn events_of_kind(
        &self,
        kind: SubjectKind,
        parse: fn(&str) -> Result<Event, EventParseError>,
    ) -> Result<Vec<Event>, RepoError> {
        let rows = self
            .storage
            .scan_prefix(StoreName::Events, kind.prefix(), None)
            .await?;
        rows.iter()
            .map(|(key, text)| parse(text).map_err(|e| corrupt(key, e)))
            .collect()
    }

    /// The directory: units, mediators, screening logs and calendar changes. Read with the
    /// directory-only parser, so opening the register does not need the case decoders.
    pub async fn load_directory(&self) -> Result<Directory, RepoError> {
        let parse = parse_directory_event_json_unverified;
        let (units, mediators, screenings, calendar) = futures::future::join4(
            self.events_of_kind(SubjectKind::OrgUnit, parse),
            self.events_of_kind(SubjectKind::Mediator, parse),
            self.events_of_kind(SubjectKind::Screening, parse),
            self.events_of_kind(SubjectKind::Calendar, parse),
        )
        .await;
        let mut events = units?;
        events.extend(mediators?);
        events.extend(screenings?);
        events.extend(calendar?);
        Ok(fold_directory(&events))
    }

    /// Every event of one case.
    pub async fn load_case_events(&self, case: &CaseId) -> Result<Vec<Event>, RepoError> {
        let prefix = subject_prefix(&SubjectKind::Case.subject(case.as_str()));
        let rows = self
            .storage
            .scan_prefix(StoreName::Events, &prefix, None)
            .await?;
        rows.iter()
            .map(|(key, text)| parse_event_json_unverified(text).map_err(|e| corrupt(key, e)))
            .collect()
    }

    /// A case with its history, or `None` if this device has no event of it.
    pub async fn load_case(&self, case: &CaseId) -> Result<Option<LoadedCase>, RepoError> {
        let mut events = self.load_case_events(case).await?;
        let Some(state) = fold_case(case, &events) else {
            return Ok(None);
        };
        events.sort_unstable_by(|a, b| a.order_key().cmp(&b.order_key()));
        Ok(Some(LoadedCase { state, events }))
    }

    async fn context(
        &self,
        profile: &DeviceProfile,
        now: Timestamp,
    ) -> Result<CommandContext, RepoError> {
        Ok(CommandContext {
            author: profile.mediator.clone(),
            device: profile.device.clone(),
            head: self.load_head().await?,
            now,
        })
    }

    /// The next case number of this tablet, given every case it knows.
    pub fn next_case_number<'a>(
        profile: &DeviceProfile,
        prefix: &str,
        year: u16,
        known: impl IntoIterator<Item = &'a CaseSummary>,
    ) -> Result<CaseNumber, RepoError> {
        let used = known.into_iter().filter_map(|s| s.number.as_ref());
        Ok(allocate_case_number(prefix, year, profile.slot, used)?)
    }

    /// Drops what [`Repo::cache`] holds: the next save reads the chain head and the list head.
    fn forget_writes(&self) {
        *self.cache.borrow_mut() = WriteCache::default();
    }

    /// Decides `command` on `case` and stores the result in one transaction (events, device log,
    /// chain head, summary, and the removal of `clear_draft` if given).
    pub async fn execute(
        &self,
        profile: &DeviceProfile,
        case: &CaseId,
        command: CaseCommand,
        now: Timestamp,
        clear_draft: Option<&str>,
    ) -> Result<Saved, RepoError> {
        self.execute_all(profile, case, vec![command], now, clear_draft)
            .await
    }

    /// Decides several commands on one case in order, each against the state the previous ones
    /// left, and stores all their events in one transaction: one user action that is several
    /// steps (register, then acknowledge the warnings that were shown) is saved whole or not.
    pub async fn execute_all(
        &self,
        profile: &DeviceProfile,
        case: &CaseId,
        commands: Vec<CaseCommand>,
        now: Timestamp,
        clear_draft: Option<&str>,
    ) -> Result<Saved, RepoError> {
        self.execute_all_on(profile, case, false, commands, now, clear_draft)
            .await
    }

    /// [`Repo::execute_all`] for a case the caller knows storage does not hold yet (a new
    /// case whose id is in no list): its events are not read, and with the chain head and list
    /// head cached the save reads nothing before its one transaction.
    pub async fn execute_all_on(
        &self,
        profile: &DeviceProfile,
        case: &CaseId,
        known_new: bool,
        commands: Vec<CaseCommand>,
        now: Timestamp,
        clear_draft: Option<&str>,
    ) -> Result<Saved, RepoError> {
        let cached = self.cache.borrow().head.is_some();
        match self
            .try_execute(profile, case, known_new, commands.clone(), now, clear_draft)
            .await
        {
            // A stale cached head (another tab of this device wrote meanwhile): decide again
            // from what storage holds.
            Err(RepoError::Storage(StorageError::AlreadyExists { .. })) if cached => {
                self.forget_writes();
                self.try_execute(profile, case, known_new, commands, now, clear_draft)
                    .await
            }
            result => result,
        }
    }

    async fn try_execute(
        &self,
        profile: &DeviceProfile,
        case: &CaseId,
        known_new: bool,
        commands: Vec<CaseCommand>,
        now: Timestamp,
        clear_draft: Option<&str>,
    ) -> Result<Saved, RepoError> {
        let (cached_head, cached_list) = {
            let cache = self.cache.borrow();
            (cache.head.clone(), cache.list_head.clone())
        };
        // Independent reads, issued together: one wait instead of three, and none for what
        // the cache holds.
        let (history, head, list_head) = futures::future::join3(
            async {
                if known_new {
                    Ok(Vec::new())
                } else {
                    self.load_case_events(case).await
                }
            },
            async {
                match cached_head {
                    Some(head) => Ok(head),
                    None => self.load_head().await,
                }
            },
            async {
                match cached_list {
                    Some(list) => Ok(list),
                    None => self.load_list_head().await,
                }
            },
        )
        .await;
        let (mut history, head, list_head) = (history?, head?, list_head?);
        let mut ctx = CommandContext {
            author: profile.mediator.clone(),
            device: profile.device.clone(),
            head,
            now,
        };
        let mut events = Vec::new();
        for command in commands {
            let current = fold_case(case, &history);
            let new =
                decide_with_calendar(current.as_ref(), command, &ctx, &self.calendar.borrow())?;
            if let Some(last) = new.last() {
                ctx.head = ChainHead::after(last);
            }
            history.extend(new.iter().cloned());
            events.extend(new);
        }
        let state = fold_case(case, &history).ok_or(RepoError::CaseNotFound)?;
        let summary = CaseSummary::of_with(&state, &self.calendar.borrow());
        let list_head = list_head.with_saved(&summary);
        let mut batch = append_events(WriteBatch::new(), &events)
            .put(StoreName::Summaries, case.as_str(), summary.to_json())
            .put(StoreName::Meta, META_LIST_HEAD, list_head.to_json());
        if let Some(draft) = clear_draft {
            batch = batch.delete(StoreName::Drafts, draft);
        }
        if let Err(e) = self.storage.commit(batch).await {
            // Nothing was written; what was cached may be what is stale.
            self.forget_writes();
            return Err(e.into());
        }
        *self.cache.borrow_mut() = WriteCache {
            head: Some(ctx.head),
            list_head: Some(list_head),
        };
        Ok(Saved {
            events,
            state,
            summary,
        })
    }

    /// Recomputes every summary from the events, in one transaction (the derived store is
    /// never the source of truth).
    pub async fn rebuild_summaries(&self) -> Result<usize, RepoError> {
        self.forget_writes();
        let events = self
            .events_of_kind(SubjectKind::Case, parse_event_json_unverified)
            .await?;
        let states = crate::domain::fold_cases(&events);
        let mut batch = WriteBatch::new();
        let existing = self
            .storage
            .scan_prefix(StoreName::Summaries, "", None)
            .await?;
        for (key, _) in existing {
            batch = batch.delete(StoreName::Summaries, key);
        }
        let calendar = self.calendar.borrow().clone();
        let summaries: Vec<CaseSummary> = states
            .values()
            .map(|state| CaseSummary::of_with(state, &calendar))
            .collect();
        for summary in &summaries {
            batch = batch.put(StoreName::Summaries, summary.id.as_str(), summary.to_json());
        }
        batch = batch.put(
            StoreName::Meta,
            META_LIST_HEAD,
            ListHead::of(&summaries).to_json(),
        );
        self.storage.commit(batch).await?;
        Ok(states.len())
    }

    /// Saves a form draft (called on every change, so a killed tab loses nothing typed).
    pub async fn save_draft(&self, key: &str, json: &str) -> Result<(), RepoError> {
        Ok(self
            .storage
            .commit(WriteBatch::new().put(StoreName::Drafts, key, json))
            .await?)
    }

    /// A saved draft.
    pub async fn load_draft(&self, key: &str) -> Result<Option<String>, RepoError> {
        Ok(self.storage.get(StoreName::Drafts, key).await?)
    }

    /// Every saved draft (for "unfinished drafts" on the Today screen).
    pub async fn list_drafts(&self) -> Result<Vec<(String, String)>, RepoError> {
        Ok(self
            .storage
            .scan_prefix(StoreName::Drafts, "", None)
            .await?)
    }

    /// Discards a draft.
    pub async fn delete_draft(&self, key: &str) -> Result<(), RepoError> {
        Ok(self
            .storage
            .commit(WriteBatch::new().delete(StoreName::Drafts, key))
            .await?)
    }
}
