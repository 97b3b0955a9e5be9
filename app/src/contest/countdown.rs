//! A countdown that ticks in the browser from the server's clock.
//!
//! The server renders the remaining time as of `server_now_ms`; after hydration
//! the browser adds the time elapsed on its own monotonic clock since then. The
//! phone's wall clock is never read, so a wrong clock changes nothing.
use crate::format;
use leptos::prelude::*;

#[component]
pub fn Countdown(
    /// What is being counted down to, e.g. "Tuần 1 kết thúc sau".
    label: String,
    /// Unix milliseconds of the event, server clock.
    at_ms: i64,
    /// Unix milliseconds when the server rendered the page.
    server_now_ms: i64,
) -> impl IntoView {
    let elapsed_ms = RwSignal::new(0_i64);
    let ticking = RwSignal::new(false);

    // Effects run only in the browser, after hydration.
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            let started = monotonic_ms();
            ticking.set(true);
            let handle = set_interval_with_handle(
                move || elapsed_ms.set((monotonic_ms() - started) as i64),
                std::time::Duration::from_millis(250),
            );
            if let Ok(handle) = handle {
                on_cleanup(move || handle.clear());
            }
        }
    });

    let remaining = move || at_ms - server_now_ms - elapsed_ms.get();
    view! {
        <div class="countdown" role="timer" aria-label=label.clone()
            data-ticking=move || if ticking.get() { "yes" } else { "no" }>
            <span class="countdown-label">{label.clone()}</span>
            <strong class="countdown-value">{move || format::countdown(remaining())}</strong>
            <Show when=move || { remaining() <= 0 }>
                <a class="countdown-reload" href="">"Tải lại trang để cập nhật"</a>
            </Show>
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn monotonic_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or_default()
}
