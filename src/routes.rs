//! The typed route table: the only place where the app's URL paths are spelled.
//!
//! `app.rs` builds the router from [`Route::PATTERNS`] and links use [`Route::href`]; a native
//! test round-trips every route through `href` and `parse` so links and table cannot drift.

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Today (今日待办), the home page.
    Today,
    /// The case register.
    Cases,
    /// The supervisor's import, review and statistics area.
    Supervisor,
    /// Settings, with the About panel.
    Settings,
}

impl Route {
    /// The routes shown in the main navigation, in order.
    pub const NAV: [Route; 4] = [
        Route::Today,
        Route::Cases,
        Route::Supervisor,
        Route::Settings,
    ];

    /// The path patterns the router matches, one per route.
    pub const PATTERNS: [&'static str; 4] = ["/", "/cases", "/supervisor", "/settings"];

    /// The URL path of this route.
    pub fn href(&self) -> String {
        match self {
            Route::Today => "/",
            Route::Cases => "/cases",
            Route::Supervisor => "/supervisor",
            Route::Settings => "/settings",
        }
        .to_owned()
    }

    /// The route a path names, ignoring a trailing slash, query and fragment.
    pub fn parse(path: &str) -> Option<Route> {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let trimmed = path.trim_end_matches('/');
        match trimmed {
            "" => Some(Route::Today),
            "/cases" => Some(Route::Cases),
            "/supervisor" => Some(Route::Supervisor),
            "/settings" => Some(Route::Settings),
            _ => None,
        }
    }

    /// Whether the navigation entry for `self` is the current one on `path`.
    pub fn is_current(&self, path: &str) -> bool {
        Route::parse(path).as_ref() == Some(self)
    }
}
