//! Browser services the shell needs: storage persistence and quota, network status, the service
//! worker's update hand-off, the case list's saved picture, the scheduling of background work
//! and performance marks. Every call degrades to a plain value when the browser lacks the API,
//! so callers never see a JavaScript exception.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// DOM event that `index.html` fires on `window` when a new app shell is installed and waiting.
pub const UPDATE_EVENT: &str = "casebook:update-ready";

/// What the browser says about this origin's storage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StorageStatus {
    /// Whether data is protected from eviction under storage pressure.
    pub persisted: bool,
    /// Bytes used by this origin, when reported.
    pub usage: Option<f64>,
    /// Bytes this origin may use, when reported.
    pub quota: Option<f64>,
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Older WebViews lack `navigator.storage`; web-sys would hand back `undefined` typed as a
    // StorageManager, so check the property before using it.
    let has = js_sys::Reflect::has(&navigator, &JsValue::from_str("storage")).unwrap_or(false);
    has.then(|| navigator.storage())
}

async fn promise_value(promise: Result<js_sys::Promise, JsValue>) -> Option<JsValue> {
    JsFuture::from(promise.ok()?).await.ok()
}

/// Asks the browser to keep this origin's data under storage pressure, and reports the outcome
/// together with usage and quota. `None` if the browser has no storage manager.
pub async fn request_persistent_storage() -> Option<StorageStatus> {
    let manager = storage_manager()?;
    let already = promise_value(manager.persisted())
        .await
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let persisted = if already {
        true
    } else {
        promise_value(manager.persist())
            .await
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    };
    let estimate = promise_value(manager.estimate()).await;
    let number = |name: &str| {
        estimate
            .as_ref()
            .and_then(|e| js_sys::Reflect::get(e, &JsValue::from_str(name)).ok())
            .and_then(|v| v.as_f64())
    };
    Some(StorageStatus {
        persisted,
        usage: number("usage"),
        quota: number("quota"),
    })
}

/// Whether the browser reports a network connection.
pub fn is_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Whether `index.html` has already seen a waiting service worker before the app mounted.
pub fn update_waiting() -> bool {
    call_hook("casebookUpdateWaiting")
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Activates the waiting service worker; the page reloads once it has taken over.
pub fn apply_update() {
    let _ = call_hook("casebookApplyUpdate");
}

/// Removes the picture of the case list that `index.html` may have shown over the starting app
/// (the app has painted its own screen, or shows something else).
pub fn picture_done() {
    let _ = call_hook("casebookPictureDone");
}

/// Forgets the saved picture of the case list: what it shows may no longer be what the list
/// shows (the register or the language changed). The next time the list is left, it is saved
/// again.
pub fn forget_picture() {
    let _ = call_hook("casebookPictureForget");
}

fn call_hook(name: &str) -> Option<JsValue> {
    let window = web_sys::window()?;
    let f = js_sys::Reflect::get(&window, &JsValue::from_str(name)).ok()?;
    f.dyn_into::<js_sys::Function>()
        .ok()?
        .call0(&JsValue::NULL)
        .ok()
}

/// The body of a same-origin file as text; `None` on a network error, a status other than 2xx,
/// or when no response has come within `timeout_ms` (a stalled request must not hold up
/// whoever waits for it).
pub async fn fetch_text(url: &str, timeout_ms: i32) -> Option<String> {
    let window = web_sys::window()?;
    let timer = js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, timeout_ms);
    });
    // Raced in JavaScript (the timer settles with `undefined`): a Rust `select` of two futures
    // costs a kilobyte of wasm.
    let first = js_sys::Promise::race(&js_sys::Array::of2(&window.fetch_with_str(url), &timer));
    let response = JsFuture::from(first).await.ok()?;
    // Read through Reflect: web-sys' `Response` binding would need one more feature of a crate
    // everything depends on, for two property reads.
    let property = |name: &str| js_sys::Reflect::get(&response, &JsValue::from_str(name)).ok();
    if property("ok")?.as_bool() != Some(true) {
        return None;
    }
    let text = property("text")?
        .dyn_into::<js_sys::Function>()
        .ok()?
        .call0(&response)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    JsFuture::from(text).await.ok()?.as_string()
}

/// The current time; the core never reads the clock, the shell passes this in.
pub fn now() -> crate::domain::Timestamp {
    crate::domain::Timestamp::from_millis(js_sys::Date::now() as i64)
}

/// A new random identifier: 128 bits from the browser's CSPRNG as 32 lowercase hex digits.
///
/// `None` only if the browser has no `crypto.getRandomValues`, which every supported browser
/// has; callers report that as an unsupported browser rather than inventing weaker ids.
pub fn new_random_hex() -> Option<String> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Lets every waiting task of the page run first, then continues: a task of the lowest
/// priority (`scheduler.postTask`, `"background"`, Chrome/WebView 94+), so the event of a save's
/// transaction, a keystroke or a paint never queues behind the next slice of background work.
/// Where the scheduler is missing, a zero-delay timer: other tasks then run first only if they
/// were queued before it.
pub async fn yield_to_page() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if !post_background_task(&resolve) {
            let scheduled = web_sys::window().is_some_and(|w| {
                w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                    .is_ok()
            });
            if !scheduled {
                let _ = resolve.call0(&JsValue::NULL);
            }
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// `scheduler.postTask(task, { priority: "background" })`; false where there is no scheduler.
/// Through `Reflect`: web-sys binds the scheduler only behind its unstable-API flag.
fn post_background_task(task: &js_sys::Function) -> bool {
    let get = |target: &JsValue, name: &str| {
        js_sys::Reflect::get(target, &JsValue::from_str(name))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    let Some(scheduler) = get(&js_sys::global(), "scheduler") else {
        return false;
    };
    let Some(post) =
        get(&scheduler, "postTask").and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return false;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &options,
        &JsValue::from_str("priority"),
        &JsValue::from_str("background"),
    );
    post.call2(&scheduler, task, &options).is_ok()
}

/// Wall-clock time one slice of background work may take before it yields ([`WorkSlice`]).
/// Wall time, not work done: a slow tablet does less per slice, and no task of it grows
/// longer. Well under the 50 ms from which the browser counts a task as long.
const WORK_SLICE_MS: f64 = 12.0;

/// The clock of one slice of background work: long work checks [`WorkSlice::is_over`] every
/// few items and yields ([`yield_to_page`]) when it is.
pub struct WorkSlice {
    performance: Option<web_sys::Performance>,
    end: f64,
}

impl WorkSlice {
    /// A slice starting now.
    pub fn start() -> Self {
        let performance = web_sys::window().and_then(|w| w.performance());
        let end = performance.as_ref().map_or(0.0, |p| p.now()) + WORK_SLICE_MS;
        WorkSlice { performance, end }
    }

    /// Whether the slice has used its time (always, without a clock: the work then yields after
    /// every check, which is slow but never blocks the page).
    pub fn is_over(&self) -> bool {
        self.performance
            .as_ref()
            .is_none_or(|p| p.now() >= self.end)
    }
}

/// Resolves after the browser has painted the next frame: an animation frame, then a task
/// queued from it (which runs after that frame's paint), or after 500 ms without a frame. Work that would delay a first paint
/// (reading 10 000 summaries) waits on this.
pub async fn after_next_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let resolve_later = resolve.clone();
        let queued = web_sys::window().is_some_and(|w| {
            let after_frame = Closure::once_into_js(move || {
                let resolve = resolve_later;
                let _ = web_sys::window().map(|w| {
                    w.set_timeout_with_callback_and_timeout_and_arguments_0(
                        resolve.unchecked_ref(),
                        0,
                    )
                });
            });
            // A hidden tab gets no frames; the timer keeps the work from waiting for one.
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 500);
            w.request_animation_frame(after_frame.unchecked_ref())
                .is_ok()
        });
        if !queued {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Records a `performance.measure` named `name` from the mark `start` to now (the benchmark reads
/// these; they cost a few microseconds).
pub fn measure_from(name: &str, start: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.measure_with_start_mark(name, start);
    }
}

/// Places a `performance.mark`, which the benchmark reads to time loads.
pub fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
    }
}
