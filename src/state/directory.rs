//! Reading the directory (committees, mediators, screening logs, the holiday calendar) as a
//! lazily loaded wasm chunk: its event parser, fold and calendar are about 13 KB brotli that the
//! first screen does not need (Today and the case list work from summaries alone). The register
//! fetches it right after the first rows have painted; every other page waits for
//! `RegisterState::status`, which turns ready only once the directory is here.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

#[cfg(feature = "split")]
use wasm_split_helpers::wasm_split;
use wasm_split_helpers::SplitLoaderError;

use crate::domain::Directory;
use crate::repo::RepoError;
use crate::state::register::BrowserRepo;
use crate::storage::StorageError;

/// The running read (a boxed future, because split functions cannot be `async`).
type Load = Pin<Box<dyn Future<Output = Result<Directory, RepoError>>>>;

// The repository's calendar is set in the chunk too: computing it is directory code.
#[cfg(feature = "split")]
#[wasm_split(directory, fallible)]
fn start_load(repo: Rc<BrowserRepo>) -> Result<Load, SplitLoaderError> {
    Ok(Box::pin(read(repo)))
}

#[cfg(not(feature = "split"))]
async fn start_load(repo: Rc<BrowserRepo>) -> Result<Load, SplitLoaderError> {
    Ok(Box::pin(read(repo)))
}

async fn read(repo: Rc<BrowserRepo>) -> Result<Directory, RepoError> {
    let directory = repo.load_directory().await?;
    repo.set_calendar(directory.calendar());
    Ok(directory)
}

/// Reads the directory and gives the repository its holiday calendar.
pub async fn load_directory(repo: Rc<BrowserRepo>) -> Result<Directory, RepoError> {
    match start_load(repo).await {
        Ok(load) => load.await,
        Err(_) => Err(RepoError::Storage(StorageError::Unavailable(
            "the code that reads the directory could not be loaded".to_owned(),
        ))),
    }
}
