//! The typed route table: the only place where the app's URL paths are spelled.
//!
//! `app.rs` builds the router from the same patterns ([`Route::PATTERNS`]) and links use
//! [`Route::href`]; a native test round-trips every route through `href` and `parse` and checks
//! that `app.rs` declares exactly these patterns, so links and table cannot drift.

use crate::domain::CaseId;

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Today (今日待办), the home page.
    Today,
    /// The case register: list and search.
    Cases,
    /// Quick intake of a new lead or case.
    NewCase,
    /// One case: details and history.
    CaseDetail(CaseId),
    /// Triage (集中梳理) of a registered case.
    Triage(CaseId),
    /// Designation of the presiding mediator.
    Assign(CaseId),
    /// Conversion of a lead into a registered case.
    Convert(CaseId),
    /// Editing a case's fields (each change becomes an event).
    EditCase(CaseId),
    /// Editing or adding the parties of a case.
    EditParties(CaseId),
    /// The supervisor's import, review and statistics area.
    Supervisor,
    /// Settings, with the About panel.
    Settings,
    /// First set-up of this tablet (committee, mediator, numbering slot).
    SetUp,
}

impl Route {
    /// The routes shown in the main navigation, in order.
    pub const NAV: [Route; 4] = [
        Route::Today,
        Route::Cases,
        Route::Supervisor,
        Route::Settings,
    ];

    /// The path patterns the router matches, in the order `app.rs` declares them.
    pub const PATTERNS: [&'static str; 12] = [
        "/",
        "/cases",
        "/cases/new",
        "/cases/:id",
        "/cases/:id/triage",
        "/cases/:id/assign",
        "/cases/:id/convert",
        "/cases/:id/edit",
        "/cases/:id/parties",
        "/supervisor",
        "/settings",
        "/setup",
    ];

    /// The URL path of this route.
    pub fn href(&self) -> String {
        match self {
            Route::Today => "/".to_owned(),
            Route::Cases => "/cases".to_owned(),
            Route::NewCase => "/cases/new".to_owned(),
            Route::CaseDetail(id) => format!("/cases/{id}"),
            Route::Triage(id) => format!("/cases/{id}/triage"),
            Route::Assign(id) => format!("/cases/{id}/assign"),
            Route::Convert(id) => format!("/cases/{id}/convert"),
            Route::EditCase(id) => format!("/cases/{id}/edit"),
            Route::EditParties(id) => format!("/cases/{id}/parties"),
            Route::Supervisor => "/supervisor".to_owned(),
            Route::Settings => "/settings".to_owned(),
            Route::SetUp => "/setup".to_owned(),
        }
    }

    /// The pattern this route matches in the router.
    pub fn pattern(&self) -> &'static str {
        match self {
            Route::Today => Self::PATTERNS[0],
            Route::Cases => Self::PATTERNS[1],
            Route::NewCase => Self::PATTERNS[2],
            Route::CaseDetail(_) => Self::PATTERNS[3],
            Route::Triage(_) => Self::PATTERNS[4],
            Route::Assign(_) => Self::PATTERNS[5],
            Route::Convert(_) => Self::PATTERNS[6],
            Route::EditCase(_) => Self::PATTERNS[7],
            Route::EditParties(_) => Self::PATTERNS[8],
            Route::Supervisor => Self::PATTERNS[9],
            Route::Settings => Self::PATTERNS[10],
            Route::SetUp => Self::PATTERNS[11],
        }
    }

    /// The route a path names, ignoring a trailing slash, query and fragment.
    pub fn parse(path: &str) -> Option<Route> {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let case = |raw: &str| CaseId::parse(raw).ok();
        Some(match segments.as_slice() {
            [] => Route::Today,
            ["cases"] => Route::Cases,
            ["cases", "new"] => Route::NewCase,
            ["cases", id] => Route::CaseDetail(case(id)?),
            ["cases", id, "triage"] => Route::Triage(case(id)?),
            ["cases", id, "assign"] => Route::Assign(case(id)?),
            ["cases", id, "convert"] => Route::Convert(case(id)?),
            ["cases", id, "edit"] => Route::EditCase(case(id)?),
            ["cases", id, "parties"] => Route::EditParties(case(id)?),
            ["supervisor"] => Route::Supervisor,
            ["settings"] => Route::Settings,
            ["setup"] => Route::SetUp,
            _ => return None,
        })
    }

    /// Whether the navigation entry `self` is the current one on `path` (case pages belong to
    /// the Cases entry).
    pub fn is_current(&self, path: &str) -> bool {
        match (self, Route::parse(path)) {
            (Route::Cases, Some(r)) => matches!(
                r,
                Route::Cases
                    | Route::NewCase
                    | Route::CaseDetail(_)
                    | Route::Triage(_)
                    | Route::Assign(_)
                    | Route::Convert(_)
                    | Route::EditCase(_)
                    | Route::EditParties(_)
            ),
            (_, r) => r.as_ref() == Some(self),
        }
    }
}
