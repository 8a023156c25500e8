//! Register upkeep that is rarely needed, kept out of the main wasm module: recomputing every
//! summary from the events (after an update changed the summary format, or damage) needs the
//! decoders and the fold of every kind of case event, about 40 KB brotli that a normal start
//! never uses. With the `split` feature it is a chunk fetched on first use (see pages/lazy.rs).

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

#[cfg(feature = "split")]
use wasm_split_helpers::wasm_split;
use wasm_split_helpers::SplitLoaderError;

use crate::repo::RepoError;
use crate::state::register::BrowserRepo;
use crate::storage::StorageError;

/// The running rebuild (a boxed future, because split functions cannot be `async`).
type Rebuild = Pin<Box<dyn Future<Output = Result<usize, RepoError>>>>;

#[cfg(feature = "split")]
#[wasm_split(maintenance, fallible)]
fn start_rebuild(repo: Rc<BrowserRepo>) -> Result<Rebuild, SplitLoaderError> {
    Ok(Box::pin(async move { repo.rebuild_summaries().await }))
}

#[cfg(not(feature = "split"))]
async fn start_rebuild(repo: Rc<BrowserRepo>) -> Result<Rebuild, SplitLoaderError> {
    Ok(Box::pin(async move { repo.rebuild_summaries().await }))
}

/// Recomputes every summary from the events in one transaction; returns how many cases.
pub async fn rebuild_summaries(repo: Rc<BrowserRepo>) -> Result<usize, RepoError> {
    match start_rebuild(repo).await {
        Ok(rebuild) => rebuild.await,
        Err(_) => Err(RepoError::Storage(StorageError::Unavailable(
            "the code that rebuilds summaries could not be loaded".to_owned(),
        ))),
    }
}
