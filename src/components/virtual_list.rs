//! A virtualised list: only the rows in (and just around) the viewport are in the DOM.
//!
//! A 10 000-row list rendered in full costs seconds on a low-tier tablet; with fixed-height rows
//! the visible window is computed from the scroll offset alone, so the DOM never holds more than
//! the visible rows plus the overscan, whatever the list length.

use leptos::prelude::*;

/// Rows rendered above and below the visible window, so fast flings do not show blank space.
pub const OVERSCAN: usize = 8;

/// The largest number of rows the list ever mounts, whatever the viewport height.
pub const MAX_MOUNTED_ROWS: usize = 200;

/// The index range to mount for a viewport of `viewport_px` scrolled to `scroll_px`, with
/// `overscan` rows either side.
pub fn visible_range(
    scroll_px: f64,
    viewport_px: f64,
    row_px: f64,
    len: usize,
    overscan: usize,
) -> std::ops::Range<usize> {
    if len == 0 || row_px <= 0.0 {
        return 0..0;
    }
    let first = (scroll_px.max(0.0) / row_px).floor() as usize;
    let visible = (viewport_px.max(row_px) / row_px).ceil() as usize;
    let start = first.saturating_sub(overscan).min(len);
    let end = (first + visible + overscan)
        .min(len)
        .min(start + MAX_MOUNTED_ROWS);
    start..end
}

/// A scrolling list of fixed-height rows that mounts only what can be seen.
#[component]
pub fn VirtualList<T, K, KF, RF, V>(
    /// The whole list.
    #[prop(into)]
    items: Signal<Vec<T>>,
    /// Height of one row in CSS pixels; rows must be styled to exactly this height.
    row_height: f64,
    /// A stable key per row.
    key: KF,
    /// Renders one row.
    row: RF,
    /// Accessible name of the list.
    #[prop(into)]
    label: Signal<String>,
    /// Test id of the scroll container.
    #[prop(optional)]
    test_id: &'static str,
    /// Whether the list is shown. A list kept mounted while hidden may lose its scroll offset
    /// (`display: none` does; `content-visibility: hidden` keeps it), so it is restored each
    /// time this turns true if it differs. Omitted: always shown.
    #[prop(optional, into)]
    shown: Option<Signal<bool>>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    K: Eq + std::hash::Hash + Clone + Send + Sync + 'static,
    KF: Fn(&T) -> K + Clone + Send + Sync + 'static,
    RF: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let scroll_top = RwSignal::new(0.0_f64);
    // The first paint mounts only what a screen can show, with no overscan: every row costs a
    // low-tier tablet its build, style and layout before anything is on screen (23 rows were a
    // quarter of the time to first rows). The list's own height is not known before that paint
    // without forcing a layout, so the screen's height stands in for it; once the frame is
    // painted, the real height is read (layout is then up to date) and the overscan added.
    let viewport = RwSignal::new(screen_height());
    let overscan = RwSignal::new(0_usize);
    let container = NodeRef::<leptos::html::Div>::new();
    let range = Memo::new(move |_| {
        visible_range(
            scroll_top.get(),
            viewport.get(),
            row_height,
            items.with(Vec::len),
            overscan.get(),
        )
    });
    leptos::task::spawn_local(async move {
        crate::platform::after_next_paint().await;
        // The list may be gone by then (a search that found nothing replaced it): every access
        // is a `try_`, which answers `None` for a disposed signal where the plain one panics.
        if let Some(height) = container
            .try_get_untracked()
            .flatten()
            .map(|el| f64::from(el.client_height()))
            .filter(|h| *h > 0.0)
        {
            viewport.try_set(height);
        }
        overscan.try_set(OVERSCAN);
    });
    let on_scroll = move |_| {
        if let Some(el) = container.get_untracked() {
            scroll_top.set(f64::from(el.scroll_top()));
            viewport.set(f64::from(el.client_height()));
        }
    };
    if let Some(shown) = shown {
        // Only on a hidden → shown change: reading the offset forces a layout, which the first
        // paint of the list must not pay for.
        Effect::new(move |was_shown: Option<bool>| {
            let now = shown.get();
            if now && was_shown == Some(false) {
                let kept = scroll_top.get_untracked() as i32;
                if let Some(el) = container
                    .get_untracked()
                    .filter(|el| el.scroll_top() != kept)
                {
                    el.set_scroll_top(kept);
                }
            }
            now
        });
    }
    // Whole pixels, formatted as integers (float formatting costs ~10 KB of wasm).
    let px = move |rows: usize| (rows as f64 * row_height).round() as i64;
    let total_height = move || format!("{}px", px(items.with(Vec::len)));
    let offset = move || format!("translateY({}px)", px(range.get().start));
    let window = move || {
        let r = range.get();
        items.with(|all| all[r].to_vec())
    };
    view! {
        <div
            class="virtual-list"
            node_ref=container
            on:scroll=on_scroll
            role="list"
            aria-label=move || label.get()
            data-testid=test_id
        >
            <div class="virtual-list__spacer" style:height=total_height>
                <div class="virtual-list__window" style:transform=offset>
                    <For each=window key=key.clone() children=row.clone()/>
                </div>
            </div>
        </div>
    }
}

/// The screen's height in CSS pixels, an upper bound of the list's height that is known without
/// a layout (a tall tablet's if the browser does not say).
fn screen_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.screen().ok())
        .and_then(|s| s.height().ok())
        .map(f64::from)
        .filter(|h| *h > 0.0)
        .unwrap_or(1400.0)
}
