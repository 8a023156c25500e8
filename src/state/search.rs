//! The case search engine (the index of `domain::search` and its scan) as a lazily loaded wasm
//! chunk: its code and Unicode tables are about 17 KB brotli that the first screen does not
//! need. The register loads it after the first rows have painted and holds it as a trait
//! object, so once loaded every call is a plain synchronous call.

#[cfg(feature = "split")]
use wasm_split_helpers::wasm_split;
use wasm_split_helpers::SplitLoaderError;

use crate::domain::search::{scan, SearchIndex};
use crate::domain::summary::CaseSummary;
use crate::domain::CaseId;

/// What the register asks of the search: an index kept up to date case by case, and a scan
/// for while the index is being built.
pub trait CaseSearch {
    /// Adds or replaces one case in the index.
    fn upsert(&mut self, summary: &CaseSummary);
    /// Case ids matching `query` from the index, best first.
    fn query(&self, query: &str, limit: usize) -> Vec<CaseId>;
    /// Case ids matching `query` by scanning `summaries` (no index needed).
    fn scan(&self, summaries: &[CaseSummary], query: &str, limit: usize) -> Vec<CaseId>;
}

impl CaseSearch for SearchIndex {
    fn upsert(&mut self, summary: &CaseSummary) {
        SearchIndex::upsert(self, summary);
    }

    fn query(&self, query: &str, limit: usize) -> Vec<CaseId> {
        SearchIndex::query(self, query, limit)
    }

    fn scan(&self, summaries: &[CaseSummary], query: &str, limit: usize) -> Vec<CaseId> {
        scan(summaries, query, limit)
    }
}

/// An empty search engine; with the `split` feature its code is fetched on the first call.
#[cfg(feature = "split")]
#[wasm_split(search, fallible)]
pub fn new_search() -> Result<Box<dyn CaseSearch>, SplitLoaderError> {
    Ok(Box::new(SearchIndex::new()))
}

/// An empty search engine.
#[cfg(not(feature = "split"))]
pub async fn new_search() -> Result<Box<dyn CaseSearch>, SplitLoaderError> {
    Ok(Box::new(SearchIndex::new()))
}
