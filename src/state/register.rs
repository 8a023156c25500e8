//! The case register as a reactive service: opens storage, holds this tablet's profile, the case
//! summaries, the directory and the search index, and runs every save through the repository.
//!
//! Invariant: the signals change only after a transaction has completed; a failed save leaves
//! them (and so every screen) exactly as they were, and returns the error for the form to show.

use std::collections::HashSet;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::case_number::{CaseNumber, NumberLedger, NumberingSlot};
use crate::domain::command::{CaseCommand, DirectoryCommand};
use crate::domain::listing::{head_is_current, insert_new_recent, insert_recent, merge_loaded};
use crate::domain::org::{Mediator, OrgUnit};
use crate::domain::summary::CaseSummary;
use crate::domain::{CaseId, DeviceId, Directory, Event};
use crate::platform;
use crate::repo::{DeviceProfile, LoadedCase, Repo, RepoError, Saved};
use crate::storage::indexed_db::IndexedDbStorage;
use crate::storage::{StorageError, StoragePort};

use super::search::{new_search, CaseSearch};

/// The browser's repository.
pub type BrowserRepo = Repo<IndexedDbStorage>;

/// Where the register is in opening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegisterStatus {
    /// Storage is being opened and read.
    Loading,
    /// Open, but this tablet is not set up yet.
    NeedsSetUp,
    /// Open and set up.
    Ready,
    /// Storage could not be opened or read.
    Failed(RepoError),
}

/// The register context.
#[derive(Debug, Clone, Copy)]
pub struct RegisterState {
    repo: StoredValue<Option<Rc<BrowserRepo>>, LocalStorage>,
    /// The search engine, once its chunk has loaded (`state::search`).
    engine: StoredValue<Option<Box<dyn CaseSearch>>, LocalStorage>,
    /// Whether the engine's chunk is being fetched (one fetch at a time).
    engine_loading: StoredValue<bool>,
    /// Whether the index build has started: once, when the whole register and the engine are
    /// both here.
    index_started: StoredValue<bool>,
    /// What a save asks of the whole register, kept as cases are saved (see [`RegisterKeys`]).
    keys: StoredValue<RegisterKeys>,
    /// Opening progress as far as Today and the case list need it: set once the profile and
    /// the list head are read, before the directory.
    pub head_status: RwSignal<RegisterStatus>,
    /// Opening progress: `Ready` (or `NeedsSetUp`) only once the directory is loaded too,
    /// which every page but Today and the case list needs.
    pub status: RwSignal<RegisterStatus>,
    /// This tablet's set-up.
    pub profile: RwSignal<Option<DeviceProfile>>,
    /// Every case summary this tablet holds.
    pub summaries: RwSignal<Arc<Vec<CaseSummary>>>,
    /// Committees, mediators, screening logs.
    pub directory: RwSignal<Arc<Directory>>,
    /// Bumped after every completed save; resources that show saved data key on it.
    pub version: RwSignal<u64>,
    /// Summaries that could not be read (shown to the user, never silently dropped).
    pub unreadable: RwSignal<usize>,
    /// Whether the search engine's code has loaded; until then [`RegisterState::search`] has
    /// no answer.
    pub search_loaded: RwSignal<bool>,
    /// Whether the search index covers every summary; until then search scans the list.
    pub index_ready: RwSignal<bool>,
    /// Whether `summaries` holds every stored case; until then it holds the list head (the most
    /// recently changed cases) and whatever was saved since.
    pub complete: RwSignal<bool>,
}

/// What a save asks of every case on the tablet, answered without a pass over 10 000 summaries
/// (each such pass cost about a millisecond of a low-tier tablet's save: every summary is behind
/// its own pointer, so a pass is a walk of cache misses). Built while the register is read and
/// kept by each save; asked only once the whole register has been read.
#[derive(Debug, Default)]
struct RegisterKeys {
    /// Every case id: a case in none is new, so its save reads no history first.
    ids: HashSet<CaseId>,
    /// The case numbers in use, for the next number.
    numbers: NumberLedger,
}

impl RegisterKeys {
    fn add(&mut self, summary: &CaseSummary) {
        self.ids.insert(summary.id.clone());
        if let Some(number) = &summary.number {
            self.numbers.record(number);
        }
    }
}

/// Stored summaries read per page while the register is read: a page's records cross from
/// JavaScript in one task, so pages keep that task short; each page is parsed in slices.
const SUMMARY_PAGE: u32 = 500;

/// Summaries parsed or indexed between two looks at the slice's clock
/// ([`platform::WorkSlice`]): a look is a call into JavaScript, an item is a few of them.
const CLOCK_EVERY: usize = 8;

impl RegisterState {
    /// Provides the context and starts opening storage.
    pub fn provide() -> Self {
        let this = Self {
            repo: StoredValue::new_local(None),
            engine: StoredValue::new_local(None),
            engine_loading: StoredValue::new(false),
            index_started: StoredValue::new(false),
            keys: StoredValue::new(RegisterKeys::default()),
            search_loaded: RwSignal::new(false),
            head_status: RwSignal::new(RegisterStatus::Loading),
            status: RwSignal::new(RegisterStatus::Loading),
            profile: RwSignal::new(None),
            summaries: RwSignal::new(Arc::new(Vec::new())),
            directory: RwSignal::new(Arc::new(Directory::default())),
            version: RwSignal::new(0),
            unreadable: RwSignal::new(0),
            index_ready: RwSignal::new(false),
            complete: RwSignal::new(false),
        };
        provide_context(this);
        leptos::task::spawn_local(async move {
            let result = this.open().await;
            if let Err(error) = result {
                if this.head_status.get_untracked() == RegisterStatus::Loading {
                    this.head_status.set(RegisterStatus::Failed(error.clone()));
                }
                this.status.set(RegisterStatus::Failed(error));
            }
        });
        this
    }

    /// The context provided by `App`.
    pub fn expect() -> Self {
        expect_context::<Self>()
    }

    async fn open(self) -> Result<(), RepoError> {
        let storage = IndexedDbStorage::open().await?;
        let repo = Rc::new(Repo::new(storage));
        // The list head first: the case list paints its first rows from it while the whole
        // register (10 000 summaries take seconds to read on a low-tier tablet) is read below.
        // The two reads are independent, so they run at once rather than one after another.
        // The chain head is read alongside so that the first save reads nothing before its
        // transaction (the repository keeps what it read; a failure here only means that save
        // reads it).
        let (profile, head, _) = futures::future::join3(
            repo.load_profile(),
            repo.load_list_head_summaries(),
            repo.load_head(),
        )
        .await;
        let (profile, head) = (profile?, head?);
        self.repo.set_value(Some(repo.clone()));
        self.summaries.set(Arc::new(head));
        let opened = if profile.is_some() {
            RegisterStatus::Ready
        } else {
            RegisterStatus::NeedsSetUp
        };
        self.profile.set(profile);
        self.head_status.set(opened.clone());
        platform::mark("register:head");
        // Let the head's rows paint before the long read and parse of the whole register, and
        // before the chunks of the directory and the search engine are fetched.
        platform::after_next_paint().await;
        self.load_search();

        // The directory is read alongside the summaries, and `status` turns ready as soon as
        // it is here, not after the (long) summary read.
        let (directory_read, summaries_read) = futures::future::join(
            self.load_directory(repo.clone(), opened),
            self.read_summaries(&repo),
        )
        .await;
        let (mut loaded, mut problems) = summaries_read?;
        // A rebuild computes deadlines, which needs the directory's holiday calendar.
        if problems > 0 && directory_read {
            // Summaries are derived data: ones this version cannot read (an older format after
            // an update, or damage) are recomputed from the events, in one transaction, and
            // whatever still fails is reported.
            if super::maintenance::rebuild_summaries(repo.clone())
                .await
                .is_ok()
            {
                (loaded, problems) = self.read_summaries(&repo).await?;
            }
        }
        // Saves made while reading are in `summaries` (newer than what the read returned); the
        // merge keeps them. No second handle is kept afterwards: a save's copy-on-write update
        // must not copy the whole list.
        // No await between taking `held` and setting the merged list, so no save falls between.
        let held = self.summaries.get_untracked();
        let all = merge_loaded(loaded, &held);
        drop(held);
        self.unreadable.set(problems);
        self.summaries.set(Arc::new(all));
        self.complete.set(true);
        platform::mark("register:summaries");
        // A register written before the head existed, or changed by other means: repair the
        // head for the next start. Failure costs only the fast first paint, so it is ignored.
        // The check compares decoded summaries, so a normal start needs neither the summary
        // encoder nor the write path; the rare repair is in the maintenance chunk.
        // (No handle on the list is held across the awaits: a save meanwhile would copy it.)
        let head = repo.load_list_head_summaries().await.unwrap_or_default();
        let stale = self
            .summaries
            .with_untracked(|all| !head_is_current(&head, all));
        if stale {
            let _ = super::maintenance::repair_list_head(repo.clone(), self.summaries).await;
        }
        // The search index is built afterwards, in slices, so neither first rows nor typing
        // wait for it.
        self.start_index();
        Ok(())
    }

    /// Reads the directory (its code is a chunk, `state::directory`) and makes the register
    /// `status`-ready (`opened`); returns whether the directory was read.
    async fn load_directory(self, repo: Rc<BrowserRepo>, opened: RegisterStatus) -> bool {
        match super::directory::load_directory(repo).await {
            Ok(directory) => {
                self.directory.set(Arc::new(directory));
                self.status.set(opened);
                true
            }
            Err(error) => {
                self.status.set(RegisterStatus::Failed(error));
                false
            }
        }
    }

    /// Fetches the search engine's chunk unless it is here or on its way; once it is here,
    /// the index is built (if the whole register has been read).
    fn load_search(self) {
        if self.search_loaded.get_untracked() || self.engine_loading.get_value() {
            return;
        }
        self.engine_loading.set_value(true);
        leptos::task::spawn_local(async move {
            let loaded = new_search().await;
            self.engine_loading.set_value(false);
            // A failed fetch (offline before the service worker had cached the chunk) is tried
            // again by the next search.
            if let Ok(engine) = loaded {
                self.engine.set_value(Some(engine));
                self.search_loaded.set(true);
                self.start_index();
            }
        });
    }

    /// Starts building the index once both the whole register and the engine are here.
    fn start_index(self) {
        if self.index_started.get_value()
            || !self.complete.get_untracked()
            || !self.search_loaded.get_untracked()
        {
            return;
        }
        self.index_started.set_value(true);
        let count = self.summaries.with_untracked(|all| all.len());
        leptos::task::spawn_local(self.build_index(count));
    }

    /// Reads and parses every stored summary page by page, so the page stays responsive: read
    /// at once, the 10 000 records' conversion from JavaScript strings alone was a task of about
    /// half a second on a low-tier tablet. Each page is parsed while the next one is read.
    /// Returns the readable summaries and how many were not.
    async fn read_summaries(
        self,
        repo: &BrowserRepo,
    ) -> Result<(Vec<CaseSummary>, usize), RepoError> {
        let mut loaded = Vec::new();
        let mut problems = 0;
        let mut page = repo.load_summary_page(None, SUMMARY_PAGE).await?;
        while !page.is_empty() {
            let after = (page.len() == SUMMARY_PAGE as usize)
                .then(|| page.last().map(|(key, _)| key.clone()))
                .flatten();
            let next = async {
                match &after {
                    Some(key) => repo.load_summary_page(Some(key), SUMMARY_PAGE).await,
                    None => Ok(Vec::new()),
                }
            };
            // `join` polls the read first, which issues its requests, then parses this page,
            // a slice at a time.
            let (next, ()) = futures::future::join(next, async {
                let mut slice = platform::WorkSlice::start();
                for rows in page.chunks(CLOCK_EVERY) {
                    let (summaries, unreadable) = BrowserRepo::parse_summary_rows(rows);
                    // The keys grow with the read, slice by slice: added at the end, all at
                    // once, they were a third of the task that completes the read (40–50 ms
                    // on a low-tier tablet at 10 000 cases). Saves meanwhile add theirs.
                    self.keys.update_value(|keys| {
                        for summary in &summaries {
                            keys.add(summary);
                        }
                    });
                    loaded.extend(summaries);
                    problems += unreadable.len();
                    if slice.is_over() {
                        platform::yield_to_page().await;
                        slice = platform::WorkSlice::start();
                    }
                }
            })
            .await;
            page = next?;
        }
        Ok((loaded, problems))
    }

    /// Indexes the first `count` summaries slice by slice. Each slice is read from the current
    /// list, not a snapshot, so a case saved meanwhile (already upserted by `execute`) is never
    /// overwritten by its older summary. A save moves its case towards the front, which shifts
    /// the others back: a summary may be indexed twice (harmless), never skipped.
    async fn build_index(self, count: usize) {
        let mut start = 0;
        while start < count {
            platform::yield_to_page().await;
            let slice = platform::WorkSlice::start();
            let summaries = self.summaries.get_untracked();
            self.engine.update_value(|engine| {
                let Some(engine) = engine else {
                    start = count;
                    return;
                };
                while start < count {
                    let end = (start + CLOCK_EVERY).min(count);
                    for summary in summaries.get(start..end).unwrap_or_default() {
                        engine.upsert(summary);
                    }
                    start = end;
                    if slice.is_over() {
                        break;
                    }
                }
            });
        }
        self.index_ready.set(true);
        platform::mark("register:index");
    }

    /// Whether storage is open (tracked): loads started before that would fail, so resources
    /// key on this and show "loading" until it turns true.
    pub fn is_open(self) -> bool {
        matches!(
            self.status.get(),
            RegisterStatus::Ready | RegisterStatus::NeedsSetUp
        )
    }

    fn repo(self) -> Result<Rc<BrowserRepo>, RepoError> {
        self.repo.get_value().ok_or_else(|| {
            RepoError::Storage(StorageError::Unavailable(
                "storage is not open yet".to_owned(),
            ))
        })
    }

    fn ready_profile(self) -> Result<DeviceProfile, RepoError> {
        self.profile.get_untracked().ok_or(RepoError::NotSetUp)
    }

    /// Sets this tablet up with a new committee and mediator record (one transaction).
    pub async fn set_up(
        self,
        slot: NumberingSlot,
        org_unit: OrgUnit,
        mediator: Mediator,
    ) -> Result<(), RepoError> {
        let repo = self.repo()?;
        let device = match self.profile.get_untracked() {
            Some(existing) => existing.device,
            None => new_device_id()?,
        };
        let profile = repo
            .set_up(device, slot, org_unit, mediator, platform::now())
            .await?;
        let directory = repo.load_directory().await?;
        repo.set_calendar(directory.calendar());
        self.directory.set(Arc::new(directory));
        self.profile.set(Some(profile));
        self.head_status.set(RegisterStatus::Ready);
        self.status.set(RegisterStatus::Ready);
        self.changed();
        Ok(())
    }

    /// Records a directory change (e.g. a mediator added to the committee).
    pub async fn save_directory(self, command: DirectoryCommand) -> Result<Event, RepoError> {
        let repo = self.repo()?;
        let profile = self.ready_profile()?;
        let event = repo
            .save_directory(&profile, command, platform::now())
            .await?;
        let directory = repo.load_directory().await?;
        repo.set_calendar(directory.calendar());
        self.directory.set(Arc::new(directory));
        self.changed();
        Ok(event)
    }

    /// Tells every dependent screen that the register changed. The saved picture of the case list
    /// is forgotten: it would show the list as it was on the next start.
    fn changed(self) {
        platform::forget_picture();
        self.version.update(|v| *v += 1);
    }

    /// Runs the commands of one user action on `case` in one transaction; on success the list,
    /// the search index and every dependent screen update.
    pub async fn execute(
        self,
        case: CaseId,
        commands: Vec<CaseCommand>,
        clear_draft: Option<String>,
    ) -> Result<Saved, RepoError> {
        let repo = self.repo()?;
        let profile = self.ready_profile()?;
        let before = repo.storage().committed_transactions();
        // A case in no list of a fully read register is new: storage holds no event of it.
        let known_new =
            self.complete.get_untracked() && self.keys.with_value(|keys| !keys.ids.contains(&case));
        let saved = repo
            .execute_all_on(
                &profile,
                &case,
                known_new,
                commands,
                platform::now(),
                clear_draft.as_deref(),
            )
            .await?;
        // For the benchmark: the form's submit to the committed transaction, and how many
        // readwrite transactions that took (a user action must be exactly one).
        platform::measure_from("save", "save:start");
        let transactions = repo.storage().committed_transactions() - before;
        platform::mark(&format!("save:transactions={transactions}"));
        // Without the engine yet, the index build that follows its loading covers this case.
        self.engine.update_value(|engine| {
            if let Some(engine) = engine {
                engine.upsert(&saved.summary);
            }
        });
        self.keys.update_value(|keys| keys.add(&saved.summary));
        self.summaries.update(|all| {
            let all = Arc::make_mut(all);
            if known_new {
                insert_new_recent(all, saved.summary.clone());
            } else {
                insert_recent(all, saved.summary.clone());
            }
        });
        self.changed();
        Ok(saved)
    }

    /// A case with its history.
    pub async fn load_case(self, case: CaseId) -> Result<Option<LoadedCase>, RepoError> {
        self.repo()?.load_case(&case).await
    }

    /// The next case number this tablet would give, for the committee's prefix.
    pub fn next_case_number(self) -> Result<CaseNumber, RepoError> {
        let profile = self.ready_profile()?;
        // Numbers in use are read off the summaries; from a partial list a used one could be
        // given again.
        if !self.complete.get_untracked() {
            return Err(RepoError::StillLoading);
        }
        let directory = self.directory.get_untracked();
        let prefix = directory
            .org_units
            .get(&profile.org_unit)
            .map(|u| u.case_no_prefix.clone())
            .unwrap_or_default();
        let year = platform::now().china_date().year();
        let year = u16::try_from(year).unwrap_or(u16::MAX);
        Ok(self
            .keys
            .with_value(|keys| keys.numbers.next(&prefix, year, profile.slot))?)
    }

    /// Case ids matching `query`, best first (empty query: none); `None` while the search
    /// engine's code is still loading. Tracked, so a list showing results searches again once
    /// the engine is here and once its index is complete.
    pub fn search(self, query: &str, limit: usize) -> Option<Vec<CaseId>> {
        if !self.search_loaded.get() {
            self.load_search();
            return None;
        }
        platform::mark("search:start");
        let indexed = self.index_ready.get();
        let found = self.engine.with_value(|engine| {
            let engine = engine.as_ref()?;
            Some(if indexed {
                engine.query(query, limit)
            } else {
                let summaries = self.summaries.get_untracked();
                engine.scan(&summaries, query, limit)
            })
        });
        platform::measure_from("search:query", "search:start");
        found
    }

    /// Saves a draft; called on every field change.
    pub async fn save_draft(self, key: String, json: String) -> Result<(), RepoError> {
        self.repo()?.save_draft(&key, &json).await
    }

    /// A saved draft.
    pub async fn load_draft(self, key: String) -> Result<Option<String>, RepoError> {
        self.repo()?.load_draft(&key).await
    }

    /// Every saved draft.
    pub async fn list_drafts(self) -> Result<Vec<(String, String)>, RepoError> {
        self.repo()?.list_drafts().await
    }

    /// Discards a draft.
    pub async fn delete_draft(self, key: String) -> Result<(), RepoError> {
        self.repo()?.delete_draft(&key).await
    }
}

/// A new random identifier for a record, or an error if the browser gives no randomness.
pub fn new_id() -> Result<String, RepoError> {
    platform::new_random_hex().ok_or_else(|| {
        RepoError::Storage(StorageError::Unavailable(
            "no secure random numbers".to_owned(),
        ))
    })
}

fn new_device_id() -> Result<DeviceId, RepoError> {
    let raw = new_id()?;
    DeviceId::parse(&raw).map_err(|e| RepoError::Corrupt {
        key: "device".to_owned(),
        detail: e.to_string(),
    })
}
