//! The storage port's semantics, on the in-memory adapter, and the schema migrations.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use casebook::storage::memory::MemoryStorage;
use casebook::storage::records::{migration_plan, MigrationStep, MIGRATIONS, SCHEMA_VERSION};
use casebook::storage::{prefix_upper_bound, StorageError, StoragePort, StoreName, WriteBatch};

/// Runs a future that never waits on anything external (the memory adapter's are always ready).
pub(super) fn run<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut cx) {
        Poll::Ready(value) => value,
        Poll::Pending => panic!("memory storage future was not ready"),
    }
}

#[test]
fn a_committed_batch_is_readable_and_counted() {
    let storage = MemoryStorage::new();
    let batch = WriteBatch::new()
        .put(StoreName::Meta, "device", "d1")
        .insert(StoreName::Events, "e/1", "{}");
    run(storage.commit(batch)).expect("commit");
    assert_eq!(
        run(storage.get(StoreName::Meta, "device")).expect("get"),
        Some("d1".to_owned())
    );
    assert_eq!(run(storage.count(StoreName::Events)).expect("count"), 1);
    assert_eq!(storage.committed_transactions(), 1);
}

#[test]
fn a_batch_with_a_conflicting_insert_writes_nothing() {
    let storage = MemoryStorage::new();
    run(storage.commit(WriteBatch::new().insert(StoreName::Events, "e/1", "first")))
        .expect("commit");
    let batch = WriteBatch::new()
        .put(StoreName::Meta, "x", "should not land")
        .insert(StoreName::Events, "e/1", "second");
    let error = run(storage.commit(batch)).expect_err("conflict");
    assert_eq!(
        error,
        StorageError::AlreadyExists {
            store: StoreName::Events,
            key: "e/1".to_owned()
        }
    );
    assert_eq!(run(storage.get(StoreName::Meta, "x")).expect("get"), None);
    assert_eq!(
        run(storage.get(StoreName::Events, "e/1")).expect("get"),
        Some("first".to_owned())
    );
    assert_eq!(storage.committed_transactions(), 1);
}

#[test]
fn a_failed_commit_is_reported_and_writes_nothing() {
    let storage = MemoryStorage::new();
    storage.fail_next_commit(StorageError::QuotaExceeded);
    let error =
        run(storage.commit(WriteBatch::new().put(StoreName::Drafts, "k", "v"))).expect_err("full");
    assert_eq!(error, StorageError::QuotaExceeded);
    assert_eq!(run(storage.count(StoreName::Drafts)).expect("count"), 0);
}

#[test]
fn prefix_scans_are_ordered_bounded_and_exact() {
    let storage = MemoryStorage::new();
    let batch = WriteBatch::new()
        .put(StoreName::Events, "case-1/0002", "b")
        .put(StoreName::Events, "case-1/0001", "a")
        .put(StoreName::Events, "case-10/0001", "other case")
        .put(StoreName::Events, "case-2/0001", "c");
    run(storage.commit(batch)).expect("commit");
    let rows = run(storage.scan_prefix(StoreName::Events, "case-1/", None)).expect("scan");
    assert_eq!(
        rows,
        vec![
            ("case-1/0001".into(), "a".into()),
            ("case-1/0002".into(), "b".into())
        ]
    );
    let first = run(storage.scan_prefix(StoreName::Events, "case-", Some(2))).expect("scan");
    assert_eq!(first.len(), 2);
    assert_eq!(first[0].0, "case-1/0001");
}

/// Pages through `prefix` of `store`, `limit` records at a time, as the register reads it.
fn pages(storage: &MemoryStorage, prefix: &str, limit: u32) -> Vec<Vec<(String, String)>> {
    let mut out: Vec<Vec<(String, String)>> = Vec::new();
    loop {
        let after = out.last().and_then(|p| p.last()).map(|(k, _)| k.clone());
        let page =
            run(storage.scan_after(StoreName::Events, prefix, after.as_deref(), Some(limit)))
                .expect("page");
        if page.is_empty() {
            return out;
        }
        out.push(page);
    }
}

#[test]
fn paging_through_a_prefix_returns_the_whole_scan_in_order_once() {
    let storage = MemoryStorage::new();
    let mut batch = WriteBatch::new();
    for case in ["case-1", "case-10", "case-2"] {
        for seq in 1..=7 {
            batch = batch.put(
                StoreName::Events,
                format!("{case}/{seq:04}"),
                format!("{case}:{seq}"),
            );
        }
    }
    run(storage.commit(batch)).expect("commit");
    for prefix in ["", "case-1/", "case-", "case-2/0003", "none/"] {
        let whole = run(storage.scan_prefix(StoreName::Events, prefix, None)).expect("scan");
        for limit in [1, 3, 7, 50] {
            let paged = pages(&storage, prefix, limit);
            assert!(paged
                .iter()
                .all(|p| p.len() <= limit as usize && !p.is_empty()));
            assert_eq!(paged.concat(), whole, "prefix {prefix:?}, pages of {limit}");
        }
    }
    // A key before the prefix starts at the prefix; one past it ends the scan.
    let from_before =
        run(storage.scan_after(StoreName::Events, "case-2/", Some("case-1/0003"), Some(2)));
    assert_eq!(from_before.expect("page")[0].0, "case-2/0001");
    let past = run(storage.scan_after(StoreName::Events, "case-1/", Some("case-1/9999"), Some(5)));
    assert_eq!(past.expect("page"), Vec::new());
}

#[test]
fn deletes_remove_records() {
    let storage = MemoryStorage::new();
    run(storage.commit(WriteBatch::new().put(StoreName::Drafts, "d", "v"))).expect("commit");
    run(storage.commit(WriteBatch::new().delete(StoreName::Drafts, "d"))).expect("commit");
    assert_eq!(run(storage.get(StoreName::Drafts, "d")).expect("get"), None);
}

#[test]
fn prefix_upper_bound_is_the_next_string() {
    assert_eq!(prefix_upper_bound("case-1/").as_deref(), Some("case-10"));
    assert_eq!(prefix_upper_bound("ab").as_deref(), Some("ac"));
    assert_eq!(prefix_upper_bound(""), None);
    let bound = prefix_upper_bound("\u{d7ff}").expect("bound");
    assert_eq!(bound, "\u{e000}");
}

#[test]
fn migrations_are_contiguous_and_reach_the_schema_version() {
    for (i, migration) in MIGRATIONS.iter().enumerate() {
        assert_eq!(
            migration.to as usize,
            i + 1,
            "migration versions must be 1, 2, 3, …"
        );
        assert!(!migration.steps.is_empty());
    }
    assert_eq!(MIGRATIONS.last().map(|m| m.to), Some(SCHEMA_VERSION));
}

#[test]
fn a_new_database_gets_every_store_and_a_current_one_gets_nothing() {
    let plan = migration_plan(0);
    for store in StoreName::ALL {
        assert!(
            plan.contains(&MigrationStep::CreateStore(store)),
            "{store} not created"
        );
    }
    assert!(migration_plan(SCHEMA_VERSION).is_empty());
}

#[test]
fn event_keys_sort_by_subject_then_device_then_sequence() {
    use casebook::storage::records::{device_log_key, event_key, subject_prefix};
    let mut keys = vec![
        event_key("case-b", "dev-1", 1),
        event_key("case-a", "dev-2", 10),
        event_key("case-a", "dev-2", 9),
        event_key("case-a", "dev-1", 100),
    ];
    keys.sort();
    assert_eq!(
        keys,
        vec![
            "case-a/dev-1/000000000100",
            "case-a/dev-2/000000000009",
            "case-a/dev-2/000000000010",
            "case-b/dev-1/000000000001",
        ]
    );
    assert!(keys[0].starts_with(&subject_prefix("case-a")));
    assert!(!keys[3].starts_with(&subject_prefix("case-a")));
    assert_eq!(device_log_key("dev-1", 42), "dev-1/000000000042");
}
