//! The IndexedDB adapter of the storage port: the only code in the app that touches IndexedDB.
//!
//! Records are stored as strings under out-of-line string keys; a batch is one `readwrite`
//! transaction and counts as saved only when the transaction's `complete` event has fired.

use std::cell::Cell;

use idb::{
    Database, DatabaseEvent, Factory, KeyRange, ObjectStoreParams, Query, Transaction,
    TransactionMode,
};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DomException, IdbTransaction};

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
        Ok(Self {
            db,
            commits: Cell::new(0),
        })
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

/// The keys under `prefix` after the key `after` (from the first when `None`).
fn prefix_range(prefix: &str, after: Option<&str>) -> Result<KeyRange, StorageError> {
    let (lower, lower_open) = match after {
        Some(key) if key >= prefix => (key, true),
        _ => (prefix, false),
    };
    let lower = JsValue::from_str(lower);
    match prefix_upper_bound(prefix) {
        Some(upper) => KeyRange::bound(
            &lower,
            &JsValue::from_str(&upper),
            Some(lower_open),
            Some(true),
        ),
        None => KeyRange::lower_bound(&lower, Some(lower_open)),
    }
    .map_err(map_error)
}

fn open_error(e: idb::Error) -> StorageError {
    let text = e.to_string();
    if text.contains("VersionError") {
        StorageError::NewerSchema {
            found: 0,
            supported: records::SCHEMA_VERSION,
        }
    } else {
        StorageError::Unavailable(text)
    }
}

/// The DOMException name inside an idb error, when it carries one.
fn error_name(e: &idb::Error) -> Option<String> {
    match e {
        idb::Error::DomException(ex) => Some(ex.name()),
        idb::Error::AddFailed(js) | idb::Error::UpdateFailed(js) | idb::Error::DeleteFailed(js) => {
            js.dyn_ref::<DomException>().map(DomException::name)
        }
        _ => None,
    }
}

/// An issued write request, asked for its error once the transaction has ended.
type Probe = Box<dyn Fn() -> Option<DomException>>;

/// Keeps a request to read its error later (no callback is attached: none is needed).
fn probe<R: idb::Request + 'static>(request: R) -> Probe {
    Box::new(move || request.error().ok().flatten())
}

/// The port's error for a failed write operation.
fn op_error(op: &WriteOp, e: idb::Error) -> StorageError {
    match (op, error_name(&e).as_deref()) {
        (WriteOp::Insert { store, key, .. }, Some("ConstraintError")) => {
            StorageError::AlreadyExists {
                store: *store,
                key: key.clone(),
            }
        }
        _ => map_error(e),
    }
}

/// Maps a browser error to the port's error kinds by the DOMException name.
fn map_error(e: idb::Error) -> StorageError {
    match error_name(&e).as_deref() {
        Some("QuotaExceededError") => StorageError::QuotaExceeded,
        Some("AbortError") => StorageError::Aborted(e.to_string()),
        _ => StorageError::Other(e.to_string()),
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
        let raw: IdbTransaction = self
            .db
            .transaction(&names, TransactionMode::ReadWrite)
            .map_err(map_error)?
            .into();
        // A second handle on the same transaction: the awaited one is consumed, and this one
        // lets us read `transaction.error` after an abort (e.g. QuotaExceededError).
        let tx = Transaction::from(raw.clone());
        // Every request is issued at once and only the transaction's end is awaited: one
        // wake-up of the app instead of one per record (each costs milliseconds on a throttled
        // tablet). Each request is kept, so after an abort the one that failed is named.
        let mut issued: Vec<Probe> = Vec::with_capacity(batch.ops().len());
        for op in batch.ops() {
            let store = tx.object_store(op.store().as_str()).map_err(map_error)?;
            let request: Result<Probe, idb::Error> = match op {
                WriteOp::Insert { key, value, .. } => store
                    .add(&JsValue::from_str(value), Some(&JsValue::from_str(key)))
                    .map(probe),
                WriteOp::Put { key, value, .. } => store
                    .put(&JsValue::from_str(value), Some(&JsValue::from_str(key)))
                    .map(probe),
                WriteOp::Delete { key, .. } => {
                    store.delete(Query::Key(JsValue::from_str(key))).map(probe)
                }
            };
            match request {
                Ok(request) => issued.push(request),
                Err(e) => {
                    let _ = raw.abort();
                    return Err(op_error(op, e));
                }
            }
        }
        let result = tx.await;
        match result {
            Ok(r) if r.is_committed() => {
                self.commits.set(self.commits.get() + 1);
                Ok(())
            }
            _ => {
                // The operation that failed reports its own error; the others then fail with
                // AbortError because the transaction was aborted, which says nothing about them.
                let failed = issued.iter().zip(batch.ops()).find_map(|(probe, op)| {
                    probe()
                        .filter(|ex| ex.name() != "AbortError")
                        .map(|ex| (op, ex))
                });
                if let Some((op, ex)) = failed {
                    return Err(op_error(op, idb::Error::DomException(ex)));
                }
                Err(match raw.error() {
                    Some(ex) if ex.name() == "QuotaExceededError" => StorageError::QuotaExceeded,
                    Some(ex) => StorageError::Aborted(format!("{}: {}", ex.name(), ex.message())),
                    None => StorageError::Aborted("transaction did not complete".to_owned()),
                })
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

    async fn scan_after(
        &self,
        store: StoreName,
        prefix: &str,
        after: Option<&str>,
        limit: Option<u32>,
    ) -> Result<Vec<(String, String)>, StorageError> {
        let os = self.read_store(store)?;
        let range = prefix_range(prefix, after)?;
        // Keys and values come from two requests in one transaction, so they line up.
        let keys_request = os
            .get_all_keys(Some(Query::KeyRange(range.clone())), limit)
            .map_err(map_error)?;
        let values_request = os
            .get_all(Some(Query::KeyRange(range)), limit)
            .map_err(map_error)?;
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
