//! The storage port: the one interface through which the app reads and writes persistent records.
//!
//! Invariants:
//! - every user action is one [`WriteBatch`], committed in one transaction: all of it is stored
//!   or none of it is, and the caller learns which;
//! - a write is reported as saved only after the transaction has completed;
//! - records are opaque strings here; their shapes and versions live in [`records`].

pub mod memory;
pub mod records;

#[cfg(target_arch = "wasm32")]
pub mod indexed_db;

pub use records::StoreName;

/// Why a storage operation failed; the shell maps each kind to a translated message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// The browser offers no usable storage (private mode, disabled, or blocked by policy).
    #[error("storage is unavailable: {0}")]
    Unavailable(String),
    /// The device or the origin's quota is full.
    #[error("storage quota exceeded")]
    QuotaExceeded,
    /// An insert met a record that already exists; nothing of the batch was written.
    #[error("record already exists: {store}/{key}")]
    AlreadyExists {
        /// The store holding the record.
        store: StoreName,
        /// The record's key.
        key: String,
    },
    /// The transaction was aborted; nothing of it was written.
    #[error("transaction aborted: {0}")]
    Aborted(String),
    /// The database was upgraded by a newer version of the app, which this version cannot read.
    #[error("database version {found} is newer than this app's {supported}")]
    NewerSchema {
        /// The version on disk.
        found: u32,
        /// The newest version this build knows.
        supported: u32,
    },
    /// Any other failure, with the browser's description.
    #[error("storage failed: {0}")]
    Other(String),
}

/// One write of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteOp {
    /// Insert a new record; the whole batch fails with [`StorageError::AlreadyExists`] if the key
    /// is taken. Immutable records (events) are written this way.
    Insert {
        /// Target store.
        store: StoreName,
        /// Record key.
        key: String,
        /// Record value.
        value: String,
    },
    /// Insert or replace a record (derived data, drafts, settings).
    Put {
        /// Target store.
        store: StoreName,
        /// Record key.
        key: String,
        /// Record value.
        value: String,
    },
    /// Remove a record if present.
    Delete {
        /// Target store.
        store: StoreName,
        /// Record key.
        key: String,
    },
}

impl WriteOp {
    /// The store this operation writes to.
    pub fn store(&self) -> StoreName {
        match self {
            WriteOp::Insert { store, .. }
            | WriteOp::Put { store, .. }
            | WriteOp::Delete { store, .. } => *store,
        }
    }
}

/// The writes of one user action, applied atomically.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteBatch {
    ops: Vec<WriteOp>,
}

impl WriteBatch {
    /// An empty batch.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an insert of an immutable record.
    pub fn insert(
        mut self,
        store: StoreName,
        key: impl Into<String>,
        value: impl Into<String>,
    ) -> Self {
        self.ops.push(WriteOp::Insert {
            store,
            key: key.into(),
            value: value.into(),
        });
        self
    }

    /// Adds an insert-or-replace.
    pub fn put(
        mut self,
        store: StoreName,
        key: impl Into<String>,
        value: impl Into<String>,
    ) -> Self {
        self.ops.push(WriteOp::Put {
            store,
            key: key.into(),
            value: value.into(),
        });
        self
    }

    /// Adds a delete.
    pub fn delete(mut self, store: StoreName, key: impl Into<String>) -> Self {
        self.ops.push(WriteOp::Delete {
            store,
            key: key.into(),
        });
        self
    }

    /// The operations, in order.
    pub fn ops(&self) -> &[WriteOp] {
        &self.ops
    }

    /// Whether the batch writes nothing.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// The distinct stores the batch touches, which the transaction must cover.
    pub fn stores(&self) -> Vec<StoreName> {
        let mut stores: Vec<StoreName> = self.ops.iter().map(WriteOp::store).collect();
        stores.sort_unstable();
        stores.dedup();
        stores
    }
}

/// Persistent key-value storage with atomic batches and ordered prefix scans.
///
/// Futures are not `Send`: the browser adapter holds JavaScript values.
#[allow(async_fn_in_trait)]
pub trait StoragePort {
    /// Applies every operation of `batch` in one transaction; `Ok` only once it has completed.
    async fn commit(&self, batch: WriteBatch) -> Result<(), StorageError>;

    /// The record stored under `key`, if any.
    async fn get(&self, store: StoreName, key: &str) -> Result<Option<String>, StorageError>;

    /// Records whose key starts with `prefix`, in key order, at most `limit` of them.
    async fn scan_prefix(
        &self,
        store: StoreName,
        prefix: &str,
        limit: Option<u32>,
    ) -> Result<Vec<(String, String)>, StorageError> {
        self.scan_after(store, prefix, None, limit).await
    }

    /// Records whose key starts with `prefix` and sorts after `after` (from the first when
    /// `None`), in key order, at most `limit` of them: one page of a long scan. Reading a large
    /// store page by page keeps each step a short task on a slow tablet; pages are separate
    /// reads, so a record written between two of them may or may not be in the later one.
    async fn scan_after(
        &self,
        store: StoreName,
        prefix: &str,
        after: Option<&str>,
        limit: Option<u32>,
    ) -> Result<Vec<(String, String)>, StorageError>;

    /// How many records `store` holds.
    async fn count(&self, store: StoreName) -> Result<u32, StorageError>;

    /// How many transactions this port has committed; the benchmark and tests count writes with it.
    fn committed_transactions(&self) -> u64;
}

/// A shared reference to a port is a port: two repositories over one storage behave like two
/// tabs over one database (the tests of concurrent writers use this).
impl<S: StoragePort> StoragePort for &S {
    async fn commit(&self, batch: WriteBatch) -> Result<(), StorageError> {
        (**self).commit(batch).await
    }

    async fn get(&self, store: StoreName, key: &str) -> Result<Option<String>, StorageError> {
        (**self).get(store, key).await
    }

    async fn scan_after(
        &self,
        store: StoreName,
        prefix: &str,
        after: Option<&str>,
        limit: Option<u32>,
    ) -> Result<Vec<(String, String)>, StorageError> {
        (**self).scan_after(store, prefix, after, limit).await
    }

    async fn count(&self, store: StoreName) -> Result<u32, StorageError> {
        (**self).count(store).await
    }

    fn committed_transactions(&self) -> u64 {
        (**self).committed_transactions()
    }
}

/// The smallest string greater than every string starting with `prefix`, for range scans.
///
/// `None` when no such bound exists (empty prefix, or one of only `char::MAX`).
pub fn prefix_upper_bound(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        let mut next = last as u32 + 1;
        // Skip the surrogate gap, which holds no chars.
        if (0xD800..=0xDFFF).contains(&next) {
            next = 0xE000;
        }
        if let Some(c) = char::from_u32(next) {
            chars.push(c);
            return Some(chars.into_iter().collect());
        }
    }
    None
}
