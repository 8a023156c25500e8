//! What the pages share: select options built from the domain's code lists, rendering of
//! messages and errors in the current locale, lookup of field errors by path, and case rows.

use crate::components::{CaseRowData, SelectOption};
use crate::domain::codes::Code;
use crate::domain::listing;
use crate::domain::validate::FieldError;
use crate::domain::{CaseSummary, Date};
use crate::i18n::vocab::{self, Message};
use crate::i18n::{Key, Locale};
use crate::repo::RepoError;
use crate::routes::Route;
use crate::storage::StorageError;

/// Select options for every value of a code list, labelled in `locale`.
pub fn code_options<T: Code>(locale: Locale, label: impl Fn(T) -> Key) -> Vec<SelectOption> {
    T::ALL
        .iter()
        .map(|v| SelectOption {
            value: v.code().to_owned(),
            label: locale.text(label(*v)).to_owned(),
        })
        .collect()
}

/// The non-blank lines of a multi-line field, trimmed: one list item per line.
pub fn non_empty_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The message for a failed save or load, in words a volunteer can act on.
pub fn repo_error(error: &RepoError) -> Message {
    match error {
        RepoError::Storage(StorageError::QuotaExceeded) => Key::ErrorsStorageQuota.into(),
        RepoError::Storage(StorageError::Unavailable(_)) => Key::ErrorsStorageUnavailable.into(),
        RepoError::Storage(StorageError::NewerSchema { .. }) => Key::ErrorsStorageNewer.into(),
        RepoError::Storage(StorageError::AlreadyExists { .. }) => Key::ErrorsStorageConflict.into(),
        RepoError::Storage(StorageError::Aborted(_) | StorageError::Other(_)) => {
            Key::ErrorsStorageOther.into()
        }
        RepoError::Command(e) => vocab::command_error(e),
        RepoError::CaseNumber(e) => vocab::case_number_error(e),
        RepoError::NotSetUp => Key::ErrorsNotSetUp.into(),
        RepoError::StillLoading => Key::ErrorsStillLoading.into(),
        RepoError::CaseNotFound => Key::ErrorsCaseNotFound.into(),
        RepoError::Corrupt { .. } => Key::ErrorsCorrupt.into(),
    }
}

/// The field errors inside a refused command, if that is why it was refused.
pub fn field_errors_of(error: &RepoError) -> Vec<FieldError> {
    match error {
        RepoError::Command(crate::domain::command::CommandError::Invalid(errors)) => errors.clone(),
        _ => Vec::new(),
    }
}

/// The rendered error for the field at `path` (exact path), if any.
pub fn error_at(errors: &[FieldError], path: &str, locale: Locale) -> Option<String> {
    errors
        .iter()
        .find(|e| e.path == path)
        .map(|e| vocab::field_error(&e.code).render(locale))
}

/// Every error rendered with its field label, for a summary at the top of a form.
pub fn all_errors(errors: &[FieldError], locale: Locale) -> Vec<String> {
    errors
        .iter()
        .map(|e| vocab::labelled_field_error(e).render(locale))
        .collect()
}

use leptos::Params;
use leptos_router::params::Params;

/// The `:id` parameter of the case routes.
#[derive(Params, Debug, Clone, PartialEq, Eq)]
pub struct CaseParams {
    /// The case id as written in the URL.
    pub id: Option<String>,
}

/// The case id of the current route; `None` when it is missing or malformed.
pub fn use_case_id() -> leptos::prelude::Memo<Option<crate::domain::CaseId>> {
    use leptos::prelude::*;
    let params = leptos_router::hooks::use_params::<CaseParams>();
    Memo::new(move |_| {
        params
            .get()
            .ok()
            .and_then(|p| p.id)
            .and_then(|raw| crate::domain::CaseId::parse(&raw).ok())
    })
}

/// What a case row shows for a summary on `today`.
pub fn case_row_data(summary: &CaseSummary, today: Date) -> CaseRowData {
    CaseRowData {
        href: Route::CaseDetail(summary.id.clone()).href(),
        number: summary.number.as_ref().map(ToString::to_string),
        status: summary.status,
        dispute_type: summary.dispute_type,
        dispute_label: summary.dispute_label.clone(),
        parties: summary.party_names.clone(),
        excerpt: summary.excerpt.clone(),
        risk_level: summary.risk_level,
        overdue: listing::is_overdue(summary, today),
        deadline: summary.deadline,
        has_conflicts: summary.has_conflicts,
    }
}
