//! Shell-wide state: network status and whether a new app version is waiting.

use leptos::prelude::*;

use crate::platform;

/// State of the app frame, shared by the top bar and the update banner.
#[derive(Debug, Clone, Copy)]
pub struct ShellState {
    /// Whether the browser reports a network connection.
    pub online: RwSignal<bool>,
    /// Whether a new version of the app shell is installed and waiting for a reload.
    pub update_ready: RwSignal<bool>,
}

impl ShellState {
    /// Provides the context and subscribes to the browser's online, offline and update events.
    pub fn provide() -> Self {
        let this = Self {
            online: RwSignal::new(platform::is_online()),
            update_ready: RwSignal::new(platform::update_waiting()),
        };
        let online = this.online;
        let update_ready = this.update_ready;
        // These listeners live as long as the app; dropping the handles would not remove them.
        let _ = window_event_listener_untyped("online", move |_| online.set(true));
        let _ = window_event_listener_untyped("offline", move |_| online.set(false));
        let _ =
            window_event_listener_untyped(platform::UPDATE_EVENT, move |_| update_ready.set(true));
        provide_context(this);
        this
    }

    /// The context provided by `App`.
    pub fn expect() -> Self {
        expect_context::<Self>()
    }
}
