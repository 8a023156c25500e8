//! The IndexedDB adapter in a real browser: writes survive reopening, failed batches write nothing.

use casebook::storage::indexed_db::IndexedDbStorage;
use casebook::storage::{StorageError, StoragePort, StoreName, WriteBatch};
use wasm_bindgen_test::wasm_bindgen_test;

async fn fresh(name: &str) -> IndexedDbStorage {
    IndexedDbStorage::delete_named(name)
        .await
        .expect("delete old test database");
    IndexedDbStorage::open_named(name)
        .await
        .expect("open test database")
}

#[wasm_bindgen_test]
async fn a_committed_batch_survives_closing_and_reopening_the_database() {
    let name = "casebook-test-roundtrip";
    let storage = fresh(name).await;
    let batch = WriteBatch::new()
        .put(StoreName::Meta, "device", "tablet-1")
        .insert(StoreName::Events, "case-1/0001", "{\"n\":1}")
        .insert(StoreName::Events, "case-1/0002", "{\"n\":2}");
    storage.commit(batch).await.expect("commit");
    assert_eq!(storage.committed_transactions(), 1);
    storage.close();

    let reopened = IndexedDbStorage::open_named(name).await.expect("reopen");
    assert_eq!(
        reopened
            .get(StoreName::Meta, "device")
            .await
            .expect("get")
            .as_deref(),
        Some("tablet-1")
    );
    let rows = reopened
        .scan_prefix(StoreName::Events, "case-1/", None)
        .await
        .expect("scan");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0], ("case-1/0001".to_owned(), "{\"n\":1}".to_owned()));
    assert_eq!(reopened.count(StoreName::Events).await.expect("count"), 2);
    assert_eq!(
        reopened
            .get(StoreName::Drafts, "missing")
            .await
            .expect("get"),
        None
    );
    reopened.close();
    IndexedDbStorage::delete_named(name).await.expect("cleanup");
}

#[wasm_bindgen_test]
async fn a_batch_that_fails_halfway_leaves_nothing_written() {
    let name = "casebook-test-atomic";
    let storage = fresh(name).await;
    storage
        .commit(WriteBatch::new().insert(StoreName::Events, "e-1", "original"))
        .await
        .expect("first commit");

    // The put comes first and succeeds inside the transaction; the insert then conflicts, and
    // the whole transaction must roll back.
    let batch = WriteBatch::new()
        .put(StoreName::Summaries, "case-1", "half-written")
        .insert(StoreName::Events, "e-1", "duplicate");
    let error = storage
        .commit(batch)
        .await
        .expect_err("conflicting insert must fail");
    assert_eq!(
        error,
        StorageError::AlreadyExists {
            store: StoreName::Events,
            key: "e-1".to_owned()
        }
    );
    assert_eq!(
        storage
            .get(StoreName::Summaries, "case-1")
            .await
            .expect("get"),
        None
    );
    assert_eq!(
        storage
            .get(StoreName::Events, "e-1")
            .await
            .expect("get")
            .as_deref(),
        Some("original")
    );
    assert_eq!(storage.committed_transactions(), 1);
    storage.close();
    IndexedDbStorage::delete_named(name).await.expect("cleanup");
}

#[wasm_bindgen_test]
async fn prefix_scans_respect_bounds_and_limits() {
    let name = "casebook-test-scan";
    let storage = fresh(name).await;
    let batch = WriteBatch::new()
        .put(StoreName::Events, "case-1/0001", "a")
        .put(StoreName::Events, "case-1/0002", "b")
        .put(StoreName::Events, "case-10/0001", "not mine")
        .put(StoreName::Events, "case-2/0001", "c");
    storage.commit(batch).await.expect("commit");
    let mine = storage
        .scan_prefix(StoreName::Events, "case-1/", None)
        .await
        .expect("scan");
    assert_eq!(
        mine.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        ["case-1/0001", "case-1/0002"]
    );
    let limited = storage
        .scan_prefix(StoreName::Events, "case-", Some(3))
        .await
        .expect("scan");
    assert_eq!(limited.len(), 3);
    storage.close();
    IndexedDbStorage::delete_named(name).await.expect("cleanup");
}

#[wasm_bindgen_test]
async fn paging_through_a_prefix_returns_the_whole_scan_in_order_once() {
    let name = "casebook-test-paging";
    let storage = fresh(name).await;
    let mut batch = WriteBatch::new();
    for case in ["case-1", "case-10", "case-2"] {
        for seq in 1..=7 {
            batch = batch.put(
                StoreName::Summaries,
                format!("{case}/{seq:04}"),
                format!("{case}:{seq}"),
            );
        }
    }
    storage.commit(batch).await.expect("commit");
    for prefix in ["", "case-1/", "case-2/0003"] {
        let whole = storage
            .scan_prefix(StoreName::Summaries, prefix, None)
            .await
            .expect("scan");
        assert!(!whole.is_empty());
        for limit in [1, 3, 50] {
            let mut paged: Vec<(String, String)> = Vec::new();
            loop {
                let after = paged.last().map(|(k, _)| k.clone());
                let page = storage
                    .scan_after(StoreName::Summaries, prefix, after.as_deref(), Some(limit))
                    .await
                    .expect("page");
                assert!(page.len() <= limit as usize);
                if page.is_empty() {
                    break;
                }
                paged.extend(page);
            }
            assert_eq!(paged, whole, "prefix {prefix:?}, pages of {limit}");
        }
    }
    storage.close();
    IndexedDbStorage::delete_named(name).await.expect("cleanup");
}
