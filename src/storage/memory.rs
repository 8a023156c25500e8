//! An in-memory implementation of the storage port, for native tests and as a reference adapter.
//!
//! It keeps the port's semantics exactly (atomic batches, insert conflicts, ordered prefix scans)
//! so that tests written against it hold for the IndexedDB adapter too.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::ops::Bound;

use super::{StorageError, StoragePort, StoreName, WriteBatch, WriteOp};

/// Storage held in memory; lost when dropped.
#[derive(Debug, Default)]
pub struct MemoryStorage {
    stores: RefCell<BTreeMap<StoreName, BTreeMap<String, String>>>,
    commits: Cell<u64>,
    fail_next_commit: RefCell<Option<StorageError>>,
}

impl MemoryStorage {
    /// Empty storage.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every record of every store, for tools that export a prepared database (the benchmark's
    /// seeded fixture is made this way, by the real core).
    pub fn snapshot(&self) -> BTreeMap<StoreName, BTreeMap<String, String>> {
        self.stores.borrow().clone()
    }

    /// Makes the next commit fail with `error` and write nothing, to test failure handling.
    pub fn fail_next_commit(&self, error: StorageError) {
        *self.fail_next_commit.borrow_mut() = Some(error);
    }
}

impl StoragePort for MemoryStorage {
    async fn commit(&self, batch: WriteBatch) -> Result<(), StorageError> {
        if let Some(error) = self.fail_next_commit.borrow_mut().take() {
            return Err(error);
        }
        // Work on a copy so a conflict halfway leaves the stored data untouched.
        let mut stores = self.stores.borrow().clone();
        for op in batch.ops() {
            match op {
                WriteOp::Insert { store, key, value } => {
                    let records = stores.entry(*store).or_default();
                    if records.contains_key(key) {
                        return Err(StorageError::AlreadyExists {
                            store: *store,
                            key: key.clone(),
                        });
                    }
                    records.insert(key.clone(), value.clone());
                }
                WriteOp::Put { store, key, value } => {
                    stores
                        .entry(*store)
                        .or_default()
                        .insert(key.clone(), value.clone());
                }
                WriteOp::Delete { store, key } => {
                    if let Some(records) = stores.get_mut(store) {
                        records.remove(key);
                    }
                }
            }
        }
        *self.stores.borrow_mut() = stores;
        self.commits.set(self.commits.get() + 1);
        Ok(())
    }

    async fn get(&self, store: StoreName, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self
            .stores
            .borrow()
            .get(&store)
            .and_then(|r| r.get(key))
            .cloned())
    }

    async fn scan_after(
        &self,
        store: StoreName,
        prefix: &str,
        after: Option<&str>,
        limit: Option<u32>,
    ) -> Result<Vec<(String, String)>, StorageError> {
        let stores = self.stores.borrow();
        let Some(records) = stores.get(&store) else {
            return Ok(Vec::new());
        };
        let start = match after {
            Some(key) if key >= prefix => Bound::Excluded(key.to_owned()),
            _ => Bound::Included(prefix.to_owned()),
        };
        Ok(records
            .range((start, Bound::Unbounded))
            .take_while(|(k, _)| k.starts_with(prefix))
            .take(limit.map_or(usize::MAX, |l| l as usize))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect())
    }

    async fn count(&self, store: StoreName) -> Result<u32, StorageError> {
        let n = self.stores.borrow().get(&store).map_or(0, BTreeMap::len);
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    fn committed_transactions(&self) -> u64 {
        self.commits.get()
    }
}
