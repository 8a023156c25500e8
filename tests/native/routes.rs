//! The route table: every route round-trips through its href, and app.rs declares the patterns.

use casebook::domain::CaseId;
use casebook::routes::{Route, Step};

fn every_route() -> Vec<Route> {
    let id = CaseId::parse("0123abcd").expect("id");
    vec![
        Route::Today,
        Route::Cases,
        Route::NewCase,
        Route::CaseDetail(id.clone()),
        Route::Triage(id.clone()),
        Route::Assign(id.clone()),
        Route::Convert(id.clone()),
        Route::EditCase(id.clone()),
        Route::EditParties(id.clone()),
        Route::Step(id, Step::FollowUp),
        Route::Supervisor,
        Route::Settings,
        Route::SetUp,
    ]
}

#[test]
fn every_route_round_trips_through_its_href() {
    for route in every_route() {
        assert_eq!(
            Route::parse(&route.href()),
            Some(route.clone()),
            "{route:?}"
        );
    }
}

#[test]
fn every_pattern_belongs_to_exactly_one_route() {
    let patterns: Vec<&str> = every_route().iter().map(Route::pattern).collect();
    assert_eq!(patterns, Route::PATTERNS.to_vec());
}

#[test]
fn hrefs_match_their_patterns_segment_by_segment() {
    for route in every_route() {
        let href = route.href();
        let pattern = route.pattern();
        let a: Vec<&str> = href.split('/').collect();
        let b: Vec<&str> = pattern.split('/').collect();
        assert_eq!(a.len(), b.len(), "{href} vs {pattern}");
        for (x, y) in a.iter().zip(&b) {
            assert!(y.starts_with(':') || x == y, "{href} vs {pattern}");
        }
    }
}

#[test]
fn app_rs_declares_exactly_the_route_patterns() {
    let app = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/app.rs"))
        .expect("read app.rs");
    let declared: Vec<&str> = app
        .match_indices("path!(\"")
        .map(|(i, _)| {
            let rest = &app[i + 7..];
            &rest[..rest.find('"').expect("closing quote")]
        })
        .collect();
    let mut declared_sorted = declared.clone();
    declared_sorted.sort_unstable();
    let mut expected = Route::PATTERNS.to_vec();
    expected.sort_unstable();
    assert_eq!(declared_sorted, expected);
}

#[test]
fn paths_are_parsed_leniently_but_unknown_paths_are_rejected() {
    assert_eq!(Route::parse("/cases/"), Some(Route::Cases));
    assert_eq!(Route::parse("/settings?tab=about#x"), Some(Route::Settings));
    assert_eq!(Route::parse(""), Some(Route::Today));
    assert_eq!(Route::parse("/nope"), None);
    assert_eq!(Route::parse("/cases/bad id!"), None, "ids are validated");
    assert_eq!(Route::parse("/cases/x/unknown"), None);
}

#[test]
fn case_pages_highlight_the_cases_navigation_entry() {
    assert!(Route::Cases.is_current("/cases"));
    assert!(Route::Cases.is_current("/cases/new"));
    assert!(Route::Cases.is_current("/cases/abc/triage"));
    assert!(!Route::Today.is_current("/cases"));
    assert!(Route::Today.is_current("/"));
}

#[test]
fn every_step_round_trips_through_its_path_segment() {
    let id = CaseId::parse("0123abcd").expect("id");
    for step in Step::ALL {
        let route = Route::Step(id.clone(), step);
        assert_eq!(Route::parse(&route.href()), Some(route), "{step:?}");
    }
    assert_eq!(Route::parse("/cases/0123abcd/step/nope"), None);
    assert!(Route::Cases.is_current("/cases/0123abcd/step/session"));
}

#[test]
fn a_step_forms_draft_key_names_its_case_and_step() {
    use casebook::routes::{parse_step_draft_key as parse_draft_key, step_draft_key as draft_key};
    let id = CaseId::parse("0123abcd").expect("id");
    for step in Step::ALL {
        let key = draft_key(&id, step);
        assert_eq!(parse_draft_key(&key), Some((id.clone(), step)), "{key}");
    }
    assert_eq!(parse_draft_key("intake/new"), None);
    assert_eq!(parse_draft_key("step/0123abcd/nope"), None);
    assert_eq!(parse_draft_key("step/bad id!/session"), None);
}
