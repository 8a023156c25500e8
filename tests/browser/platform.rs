//! The shell's scheduling of background work in a real browser: a yield lets the page's waiting
//! tasks run first, and a slice of work ends when its time is used.

use std::cell::Cell;
use std::rc::Rc;

use casebook::platform::{yield_to_page, WorkSlice};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::after_ms;

#[wasm_bindgen_test]
async fn a_yield_lets_a_task_the_page_queued_earlier_run_first() {
    // A save's transaction event or a keystroke, already waiting when a slice of the register's
    // background load ends, must not wait for the next slice.
    for _ in 0..3 {
        let ran = Rc::new(Cell::new(false));
        let flag = ran.clone();
        let task = Closure::once_into_js(move || flag.set(true));
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(task.unchecked_ref(), 0)
            .expect("timer");
        // Let the timer come due, then yield from a task of our own.
        let start = js_sys::Date::now();
        while js_sys::Date::now() - start < 5.0 {}
        yield_to_page().await;
        assert!(ran.get(), "the waiting task ran before the work went on");
    }
}

#[wasm_bindgen_test]
async fn a_work_slice_is_over_once_its_time_is_used() {
    let slice = WorkSlice::start();
    after_ms(40).await;
    assert!(slice.is_over(), "40 ms is more than one slice may take");
    // Under the 50 ms from which the browser reports a long task, overshoot included.
    let fresh = WorkSlice::start();
    let start = js_sys::Date::now();
    let mut spins = 0_u32;
    while !fresh.is_over() {
        spins += 1;
    }
    let took = js_sys::Date::now() - start;
    assert!(spins > 0, "a fresh slice has time left");
    assert!(took < 40.0, "a slice ended after {took} ms");
}
