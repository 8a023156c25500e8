//! Native test binary: the pure core, the route table, the message catalogue and the tidy rules.
#![cfg(not(target_arch = "wasm32"))]

mod native {
    mod agenda;
    mod domain;
    mod i18n;
    mod listing;
    mod repo;
    mod routes;
    mod storage;
    mod tidy;
    mod vocab;
}
