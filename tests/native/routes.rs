//! The route table: every route round-trips through its href, and the patterns match the hrefs.

use casebook::routes::Route;

#[test]
fn every_route_round_trips_through_its_href() {
    for route in Route::NAV {
        assert_eq!(
            Route::parse(&route.href()),
            Some(route.clone()),
            "{route:?}"
        );
    }
}

#[test]
fn router_patterns_are_the_hrefs_of_the_routes() {
    let hrefs: Vec<String> = Route::NAV.iter().map(Route::href).collect();
    let patterns: Vec<String> = Route::PATTERNS.iter().map(|p| (*p).to_owned()).collect();
    assert_eq!(hrefs, patterns);
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
    assert_eq!(declared, Route::PATTERNS.to_vec());
}

#[test]
fn paths_are_parsed_leniently_but_unknown_paths_are_rejected() {
    assert_eq!(Route::parse("/cases/"), Some(Route::Cases));
    assert_eq!(Route::parse("/settings?tab=about#x"), Some(Route::Settings));
    assert_eq!(Route::parse(""), Some(Route::Today));
    assert_eq!(Route::parse("/nope"), None);
    assert!(Route::Cases.is_current("/cases"));
    assert!(!Route::Today.is_current("/cases"));
}
