//! The IndexedDB adapter of the storage port: the only code in the app that touches IndexedDB.
//!
//! Records are stored as strings under out-of-line string keys; a batch is one `readwrite`
//! transaction and counts as saved only when the transaction's `complete` event has fired.

use std::cell::Cell;

use idb::{Database, DatabaseEvent, Factory, KeyRange, ObjectStoreParams, Query, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};

use super::records::{self, MigrationStep};
use super::{prefix_upper_bound, StorageError, StoragePort, StoreName, WriteBatch, WriteOp};

/// Storage in the browser's IndexedDB.
#[derive(Debug)]
pub struct IndexedDbStorage {
    db: Database,
    commits: Cell<u64>,
}

impl IndexedDbStorage {
    /// Opens (creating or migrating) the app's database.
    pub async fn open() -> Result<Self, StorageError> {
        Self::open_named(records::DATABASE_NAME).await
    }

    /// Opens a database by name; tests use their own names so they never touch real data.
    pub async fn open_named(name: &str) -> Result<Self, StorageError> {
        let factory = Factory::new().map_err(|e| StorageError::Unavailable(e.to_string()))?;
        let mut request = factory
            .open(name, Some(records::SCHEMA_VERSION))
            .map_err(|e| StorageError::Unavailable(e.to_string()))?;
        request.on_upgrade_needed(|event| {
            let old = event.old_version().unwrap_or(0);
            let Ok(db) = event.database() else { return };
            for step in records::migration_plan(old) {
                match step {
                    MigrationStep::CreateStore(store) => {
                        // An error here aborts the version change, and `open` reports it.
                        let _ = db.create_object_store(store.as_str(), ObjectStoreParams::new());
                    }
                }
            }
        });
        let db = request.await.map_err(open_error)?;
        Ok(Self { db, commits: Cell::new(0) })
    }

    /// Deletes a database by name (tests only need this; the app never deletes its data).
    pub async fn delete_named(name: &str) -> Result<(), StorageError> {
        let factory = Factory::new().map_err(|e| StorageError::Unavailable(e.to_string()))?;
        factory
            .delete(name)
            .map_err(|e| StorageError::Other(e.to_string()))?
            .await
            .map_err(|e| StorageError::Other(e.to_string()))
    }

    /// Closes the connection (tests reopen to prove data survived).
    pub fn close(&self) {
        self.db.close();
    }

    fn read_store(&self, store: StoreName) -> Result<idb::ObjectStore, StorageError> {
        let tx = self
            .db
            .transaction(&[store.as_str()], TransactionMode::ReadOnly)
            .map_err(map_error)?;
        tx.object_store(store.as_str()).map_err(map_error)
    }
}

fn open_error(e: idb::Error) -> StorageError {
    let text = e.to_string();
    if text.contains("VersionError") {
        StorageError::NewerSchema { found: 0, supported: records::SCHEMA_VERSION }
    } else {
        StorageError::Unavailable(text)
    }
}

/// Maps a browser error to the port's error kinds by the DOMException name.
fn map_error(e: idb::Error) -> StorageError {
    let name = match &e {
        idb::Error::DomException(ex) => ex.name(),
        _ => String::new(),
    };
    let text = e.to_string();
    if name == "QuotaExceededError" || text.contains("QuotaExceededError") {
        StorageError::QuotaExceeded
    } else if name == "AbortError" {
        StorageError::Aborted(text)
    } else {
        StorageError::Other(text)
    }
}

fn js_string(value: JsValue) -> Result<String, StorageError> {
    value
        .as_string()
        .ok_or_else(|| StorageError::Other("stored record is not a string".to_owned()))
}

impl StoragePort for IndexedDbStorage {
    async fn commit(&self, batch: WriteBatch) -> Result<(), StorageError> {
        if batch.is_empty() {
            return Ok(());
        }
        let names: Vec<&str> = batch.stores().iter().map(|s| s.as_str()).collect();
        let tx = self.db.transaction(&names, TransactionMode::ReadWrite).map_err(map_error)?;
        let mut conflict = None;
        for op in batch.ops() {
            let store = tx.object_store(op.store().as_str()).map_err(map_error)?;
            let issued = match op {
                WriteOp::Insert { key, value, store: name } => {
                    // IndexedDB's `add` fails on an existing key, which aborts the transaction;
                    // remember which record it was so the error can say so.
                    if conflict.is_none() {
                        conflict = Some((*name, key.clone()));
                    }
                    store.add(&JsValue::from_str(value), Some(&JsValue::from_str(key))).map(drop)
                }
                WriteOp::Put { key, value, .. } => {
                    store.put(&JsValue::from_str(value), Some(&JsValue::from_str(key))).map(drop)
                }
                WriteOp::Delete { key, .. } => {
                    store.delete(Query::Key(JsValue::from_str(key))).map(drop)
                }
            };
            if let Err(e) = issued {
                let _ = tx.abort();
                return Err(map_error(e));
            }
        }
        match tx.await {
            Ok(result) if result.is_committed() => {
                self.commits.set(self.commits.get() + 1);
                Ok(())
            }
            Ok(_) => Err(StorageError::Aborted("transaction aborted".to_owned())),
            Err(e) => {
                let is_constraint = matches!(&e, idb::Error::DomException(ex) if ex.name() == "ConstraintError");
                match (is_constraint, conflict) {
                    // The first insert is named; with several inserts the browser does not say
                    // which failed, and the caller needs only to know nothing was written.
                    (true, Some((store, key))) => Err(StorageError::AlreadyExists { store, key }),
                    _ => Err(map_error(e)),
                }
            }
        }
    }

    async fn get(&self, store: StoreName, key: &str) -> Result<Option<String>, StorageError> {
        let os = self.read_store(store)?;
        let value = os
            .get(Query::Key(JsValue::from_str(key)))
            .map_err(map_error)?
            .await
            .map_err(map_error)?;
        value.map(js_string).transpose()
    }

    async fn scan_prefix(
        &self,
        store: StoreName,
        prefix: &str,
        limit: Option<u32>,
    ) -> Result<Vec<(String, String)>, StorageError> {
        let os = self.read_store(store)?;
        let lower = JsValue::from_str(prefix);
        let range = match prefix_upper_bound(prefix) {
            Some(upper) => KeyRange::bound(&lower, &JsValue::from_str(&upper), Some(false), Some(true)),
            None => KeyRange::lower_bound(&lower, Some(false)),
        }
        .map_err(map_error)?;
        // Keys and values come from two requests in one transaction, so they line up.
        let keys_request = os
            .get_all_keys(Some(Query::KeyRange(range.clone())), limit)
            .map_err(map_error)?;
        let values_request = os.get_all(Some(Query::KeyRange(range)), limit).map_err(map_error)?;
        let keys = keys_request.await.map_err(map_error)?;
        let values = values_request.await.map_err(map_error)?;
        keys.into_iter()
            .zip(values)
            .map(|(k, v)| Ok((js_string(k)?, js_string(v)?)))
            .collect()
    }

    async fn count(&self, store: StoreName) -> Result<u32, StorageError> {
        let os = self.read_store(store)?;
        os.count(None).map_err(map_error)?.await.map_err(map_error)
    }

    fn committed_transactions(&self) -> u64 {
        self.commits.get()
    }
}

/// Whether a JavaScript error value is a `QuotaExceededError` DOMException.
pub fn is_quota_error(value: &JsValue) -> bool {
    value
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|e| e.name() == "QuotaExceededError")
}
