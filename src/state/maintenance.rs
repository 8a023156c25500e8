//! Register upkeep that is rarely needed, kept out of the main wasm module: recomputing every
//! summary from the events (after an update changed the summary format, or damage) needs the
//! decoders and the fold of every kind of case event, about 40 KB brotli that a normal start
//! never uses; rewriting a stale list head needs the summary encoder and the write path (about
//! 6 KB brotli). With the `split` feature it is a chunk fetched on first use (see pages/lazy.rs).

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

#[cfg(feature = "split")]
use wasm_split_helpers::wasm_split;
use wasm_split_helpers::SplitLoaderError;

use crate::domain::listing::ListHead;
use crate::domain::summary::CaseSummary;
use crate::repo::RepoError;
use crate::state::register::BrowserRepo;
use crate::storage::StorageError;

/// The running rebuild (a boxed future, because split functions cannot be `async`).
type Rebuild = Pin<Box<dyn Future<Output = Result<usize, RepoError>>>>;

/// The running list head repair.
type Repair = Pin<Box<dyn Future<Output = Result<(), RepoError>>>>;

#[cfg(feature = "split")]
#[wasm_split(maintenance, fallible)]
fn start_rebuild(repo: Rc<BrowserRepo>) -> Result<Rebuild, SplitLoaderError> {
    Ok(Box::pin(async move { repo.rebuild_summaries().await }))
}

#[cfg(not(feature = "split"))]
async fn start_rebuild(repo: Rc<BrowserRepo>) -> Result<Rebuild, SplitLoaderError> {
    Ok(Box::pin(async move { repo.rebuild_summaries().await }))
}

// The head is taken from the list when the chunk has loaded, not before: no handle on the list
// is held while it downloads (a save meanwhile would copy the whole list).
#[cfg(feature = "split")]
#[wasm_split(maintenance, fallible)]
fn start_head_repair(
    repo: Rc<BrowserRepo>,
    summaries: RwSignal<Arc<Vec<CaseSummary>>>,
) -> Result<Repair, SplitLoaderError> {
    let fresh = summaries.with_untracked(|all| ListHead::of(all.as_slice()));
    Ok(Box::pin(async move { repo.store_list_head(&fresh).await }))
}

#[cfg(not(feature = "split"))]
async fn start_head_repair(
    repo: Rc<BrowserRepo>,
    summaries: RwSignal<Arc<Vec<CaseSummary>>>,
) -> Result<Repair, SplitLoaderError> {
    let fresh = summaries.with_untracked(|all| ListHead::of(all.as_slice()));
    Ok(Box::pin(async move { repo.store_list_head(&fresh).await }))
}

/// Recomputes every summary from the events in one transaction; returns how many cases.
pub async fn rebuild_summaries(repo: Rc<BrowserRepo>) -> Result<usize, RepoError> {
    match start_rebuild(repo).await {
        Ok(rebuild) => rebuild.await,
        Err(_) => Err(unavailable("rebuilds summaries")),
    }
}

/// Rewrites the stored list head from `summaries` (the whole register, recent first).
pub async fn repair_list_head(
    repo: Rc<BrowserRepo>,
    summaries: RwSignal<Arc<Vec<CaseSummary>>>,
) -> Result<(), RepoError> {
    match start_head_repair(repo, summaries).await {
        Ok(repair) => repair.await,
        Err(_) => Err(unavailable("repairs the list head")),
    }
}

fn unavailable(what: &str) -> RepoError {
    RepoError::Storage(StorageError::Unavailable(format!(
        "the code that {what} could not be loaded"
    )))
}
